"""``POST /api/ask`` and ``POST /api/audit``: a trip request in words, and a route someone
wrote, checked; thin shells over `qianxing.ask` and `qianxing.audit`."""

from __future__ import annotations

import dataclasses
from typing import Any

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, ConfigDict, Field

from ...ask import parse
from ...ask.parse import rewrite
from ...audit import RouteError, audit, parse_route
from ...cli_ask import notes, problems
from ...cli_audit import route_lines
from ...data.atlas import load_atlas
from ...i18n import words
from ...model import Lang, Pace, Request, Transport
from ..deps import SettingsDep
from ..errors import ERRORS

router = APIRouter(prefix="/api", tags=["words"])
MAX_TEXT = 8000
"""Characters a route may have (a long route of three weeks is about 2000)."""
MAX_ASK = 500
"""Characters a request in words may have: a chat message (the corpus's longest is under
200); the reader's time grows faster than the text's length (2000 characters take seconds)."""


class AskBody(BaseModel):
    """A trip request in words, and the language to answer in."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=MAX_ASK)
    lang: Lang = "zh"


class Understood(BaseModel):
    """One field read from the words: the Request field, its value, the words it came from."""

    field: str
    value: Any
    phrase: str


class Choice(BaseModel):
    """An ambiguous phrase, its readings, and for each the text that settles it on that
    reading (null where no plain rewrite does: the writer must say which)."""

    phrase: str
    options: list[str]
    texts: list[str | None]


class AskResult(BaseModel):
    """What was understood; ``request`` is null when something is missing or ambiguous
    (``not_understood`` then says what), else the Request to POST to ``/api/plan``.
    ``notes`` says what was assumed (the year of 国庆), ``choices`` the options of each
    ambiguous phrase, and ``missing`` the fields the words must still give (``days``)."""

    request: Request | None
    understood: list[Understood]
    not_understood: list[str]
    notes: list[str] = []
    choices: list[Choice] = []
    missing: list[str] = []


class AuditBody(BaseModel):
    """A day-by-day route (one day a line), with the month, pace and transport to check it
    under, and the language of the report."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    lang: Lang = "zh"
    month: int | None = Field(default=None, ge=1, le=12)
    pace: Pace = "normal"
    transport: Transport = "public"
    better: bool = True


@router.post("/ask", response_model=AskResult, responses=ERRORS)
def ask(body: AskBody) -> AskResult:
    """Read a trip request in words (zh or en): the fields understood and what was not."""
    parsed = dataclasses.replace(parse(body.text), lang=body.lang)
    return AskResult(
        request=parsed.request,
        understood=[
            Understood(field=f.field, value=f.value, phrase=f.phrase) for f in parsed.found
        ],
        not_understood=problems(parsed),
        notes=notes(parsed),
        choices=[
            Choice(
                phrase=a.phrase,
                options=list(a.options),
                texts=[rewrite(body.text, a, o) for o in a.options],
            )
            for a in parsed.ambiguous
        ],
        missing=list(parsed.missing),
    )


@router.post("/audit", responses=ERRORS)
def check_route(body: AuditBody, settings: SettingsDep) -> dict[str, Any]:
    """Check a route someone wrote: ``{"route", "days", "verdict", "better", …}`` as
    `qianxing audit --format json` prints it, plus ``not_understood``. A text with no
    place in it is a 422 saying what could not be read."""
    atlas = load_atlas()
    route = parse_route(body.text, atlas)
    lines = route_lines(words(body.lang), route)
    if not route.sights:
        raise HTTPException(
            422,
            {
                "message": words(body.lang)._(
                    "No place of the route could be read. Write one day a line, for example: "
                    "{example}",
                    example="DAY 1:→贵阳(黔灵山公园)→住贵阳",
                ),
                "not_understood": lines,
            },
        )
    base = Request(
        days=1, month=body.month, pace=body.pace, transport=body.transport, lang=body.lang
    )
    try:
        result = audit(route, base, seconds=settings.plan_seconds, better=body.better)
    except RouteError as exc:
        raise HTTPException(422, {"message": str(exc), "not_understood": lines}) from exc
    return result.as_json() | {"not_understood": lines}
