"""``POST /api/plan`` and ``POST /api/replan``: thin shells over the planner and re-planner."""

from __future__ import annotations

import logging

from fastapi import APIRouter, HTTPException, Response
from fastapi import Request as HttpRequest

from ...exceptions import ImpossibleRequestError, UnknownPlaceError
from ...model import Itinerary, Request
from ...plan import plan as make_plan
from ...render.export import EXPORT_FORMATS
from ...replan import Edits
from ...replan import replan as do_replan
from .._cache import PlanCache
from .._dates import check_dates, noted
from .._strict import strict_body
from .._validate import checked
from ..deps import SettingsDep
from ..errors import ERRORS
from ..models import MapConfig, ReplanBody, ReplanResult

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/api", tags=["plan"])


@router.post(
    "/plan",
    response_model=Itinerary,
    responses=ERRORS,
    dependencies=[strict_body(Request)],
)
def plan(
    request: Request, settings: SettingsDep, http: HttpRequest, response: Response
) -> Itinerary:
    """Plan a trip. The body has the same fields as ``qianxing plan`` options.

    A ``start`` date before yesterday or more than a year ahead is refused (422); when
    ``month`` and ``start`` disagree the start date wins and ``warnings`` says so. An
    identical request is answered from the server's cache (header ``X-Plan-Cache: hit``):
    the planner is deterministic for the same request and seed."""
    check_dates(request)
    cache: PlanCache = http.app.state.plan_cache
    seconds = settings.plan_seconds
    it, hit = cache.get(request, seconds, lambda: make_plan(request, seconds=seconds))
    response.headers["X-Plan-Cache"] = "hit" if hit else "miss"
    return noted(it)


@router.post(
    "/replan",
    response_model=ReplanResult,
    responses=ERRORS,
    dependencies=[strict_body(ReplanBody)],
)
def replan(body: ReplanBody) -> ReplanResult:
    """Apply edits (lock days, remove/add/move places) and re-plan the unlocked days."""
    days = len(body.itinerary.days)
    bad = [d for d in body.lock_days + [m.to_day for m in body.move] if d > days]
    if bad:
        raise HTTPException(422, f"day {bad[0]} does not exist: the trip has {days} day(s)")
    if len(set(body.lock_days)) != len(body.lock_days):
        raise HTTPException(422, "lock_days lists a day twice; list each day once")
    checked(body.itinerary, action="re-planned")
    try:
        edits = Edits(
            lock_days=tuple(body.lock_days),
            remove=tuple(body.remove),
            add=tuple(body.add),
            move=tuple((m.place, m.to_day) for m in body.move),
        )
        new, changes = do_replan(body.itinerary, edits)
    except (UnknownPlaceError, ImpossibleRequestError):
        raise  # answered by the handlers in errors.py (422 with suggestions)
    except ValueError as exc:
        raise HTTPException(422, f"these edits cannot be applied: {exc}") from exc
    return ReplanResult(itinerary=noted(new), changes=changes)


@router.get("/config", response_model=MapConfig)
def config(settings: SettingsDep) -> MapConfig:
    """Map tile settings and export formats, for the page."""
    return MapConfig(
        tile_url=settings.tile_url,
        tile_datum=settings.tile_datum,
        tile_subdomains=settings.tile_subdomains,
        tile_attribution=settings.tile_attribution,
        export_formats=list(EXPORT_FORMATS),
    )
