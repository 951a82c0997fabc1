"""Answers that carry an itinerary, with each planner sentence worded beside its id."""

from __future__ import annotations

from collections.abc import Mapping

from fastapi.responses import JSONResponse
from pydantic import BaseModel

from ..message import worded


def worded_json(
    body: BaseModel, lang: str, *, status_code: int = 200, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    """``body`` as JSON (public field names) in which every sentence of the planner (reasons,
    fixes, tips, warnings, budget notes) carries ``text`` in ``lang`` beside ``id`` and
    ``args``, its options named as the web form's fields. Clients send ``text`` back
    harmlessly: it is dropped when an itinerary is read."""
    content = body.model_dump(mode="json", by_alias=True, context=worded(lang, flags=False))
    return JSONResponse(content, status_code=status_code, headers=dict(headers or {}))
