"""``POST /api/view``: an itinerary as the HTML of the page's plan, in either language."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from ...geo import from_wgs84
from ...i18n import Lang
from ...model import Itinerary
from ...render.geometry import Line
from ...render.html import fragment
from ...render.view import trip_view
from ...replan import relabel
from .._strict import strict_body
from .._validate import same_days
from ..errors import ERRORS
from ..models import MapLine, PlanView

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/api", tags=["view"])

LangQuery = Annotated[
    Lang | None,
    Query(description="zh or en; default: the language the plan was made in"),
]


SHOWN_ERRORS = (ValueError, LookupError, TypeError, ArithmeticError)


def in_language(itinerary: Itinerary, lang: Lang | None) -> Itinerary:
    """``itinerary`` in ``lang``: a plan made in the other language is re-assembled in this
    one (`replan.relabel`: the same days and stops, re-timed; names, descriptions, tips, meals
    and reasons from the pack and the catalogue), so that the whole plan switches language,
    not only the renderer's words. A trip that cannot be re-assembled (not the pack's) is
    shown as it is."""
    if lang is None or lang == itinerary.request.lang:
        return itinerary
    try:
        other = relabel(itinerary, lang)
    except SHOWN_ERRORS as exc:
        logger.info("itinerary kept in %s: %s", itinerary.request.lang, exc)
        return itinerary
    if len(other.days) != len(itinerary.days):
        return itinerary
    for old, day in zip(itinerary.days, other.days, strict=True):
        day.locked = old.locked
    return other


def _line(day: int, leg: int, line: Line) -> MapLine:
    gcj = [from_wgs84(lat, lon, "GCJ-02") for lat, lon in line.points]
    return MapLine(
        day=day,
        leg=leg,
        mode=line.mode,
        exact=line.exact,
        points=[(round(a, 6), round(b, 6)) for a, b in line.points],
        gcj=[(round(a, 6), round(b, 6)) for a, b in gcj],
    )


def plan_view(itinerary: Itinerary, lang: Lang | None) -> PlanView:
    """The view of ``itinerary`` in ``lang``; a plan that cannot be shown is a 422."""
    shown = in_language(itinerary, lang)
    try:
        v = trip_view(shown, lang, flags=False)
        html = fragment(v)
    except SHOWN_ERRORS as exc:
        logger.info("itinerary cannot be shown: %s", exc)
        raise HTTPException(422, f"the itinerary cannot be shown: {exc}") from exc
    lines = [_line(d.n, leg, x) for d in v.days for leg, x in d.lines]
    return PlanView(lang=lang or itinerary.request.lang, html=html, title=shown.title, lines=lines)


@router.post(
    "/view", response_model=PlanView, responses=ERRORS, dependencies=[strict_body(Itinerary)]
)
def view(itinerary: Itinerary, lang: LangQuery = None) -> PlanView:
    """The plan's days, places left out and budget as an HTML fragment, rendered with the
    export's templates (escaped, no scripts). ``lang`` shows a plan in the other language
    without re-planning: the same stops, re-assembled from the pack in that language."""
    return plan_view(same_days(itinerary), lang)
