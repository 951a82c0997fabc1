"""``POST /api/plan`` and ``POST /api/replan``: thin shells over the planner and re-planner."""

from __future__ import annotations

import logging

from fastapi import APIRouter, HTTPException, Response
from fastapi import Request as HttpRequest

from ...data.atlas import load_atlas
from ...exceptions import ImpossibleRequestError, UnknownPlaceError
from ...i18n import words
from ...model import Itinerary, Request
from ...plan import plan as make_plan
from ...render.export import EXPORT_FORMATS
from ...replan import Edits
from ...replan import replan as do_replan
from .._cache import PlanCache
from .._dates import check_dates, noted
from .._reorder import reordered
from .._strict import strict_body
from .._validate import checked
from .._worded import worded_json
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
def plan(request: Request, settings: SettingsDep, http: HttpRequest) -> Response:
    """Plan a trip. The body has the same fields as ``qianxing plan`` options.

    A ``start`` date before yesterday or more than a year ahead is refused (422); when
    ``month`` and ``start`` disagree the start date wins and ``warnings`` says so. An
    identical request is answered from the server's cache (header ``X-Plan-Cache: hit``):
    the planner is deterministic for the same request and seed. Each of the planner's
    sentences carries its ``text`` in the request's language beside ``id`` and ``args``."""
    check_dates(request)
    cache: PlanCache = http.app.state.plan_cache
    seconds = settings.plan_seconds
    it, hit = cache.get(request, seconds, lambda: make_plan(request, seconds=seconds))
    headers = {"X-Plan-Cache": "hit" if hit else "miss"}
    return worded_json(noted(it), request.lang, headers=headers)


@router.post(
    "/replan",
    response_model=ReplanResult,
    responses=ERRORS,
    dependencies=[strict_body(ReplanBody)],
)
def replan(body: ReplanBody) -> Response:
    """Apply edits (lock days, remove/add/move places, a day's new order) and re-plan the
    unlocked days. A new ``order`` is applied first and timed as given; a reordered day that
    no other edit touches is then kept as it is."""
    days = len(body.itinerary.days)
    ordered = [o.day for o in body.order]
    bad = [d for d in body.lock_days + [m.to_day for m in body.move] + ordered if d > days]
    if bad:
        raise HTTPException(422, f"day {bad[0]} does not exist: the trip has {days} day(s)")
    if len(set(body.lock_days)) != len(body.lock_days):
        raise HTTPException(422, "lock_days lists a day twice; list each day once")
    if len(set(ordered)) != len(ordered):
        raise HTTPException(422, "order lists a day twice; give each day's order once")
    it = checked(body.itinerary, action="re-planned")
    changes: list[str] = []
    if body.order:
        it, changes = reordered(it, {o.day: list(o.places) for o in body.order})
        if not (body.remove or body.add or body.move):
            for n in body.lock_days:
                it.days[n - 1].locked = True
            result = ReplanResult(itinerary=noted(it), changes=changes or _no_change(it))
            return worded_json(result, it.request.lang)
    touched = _touched(it, body)
    keep = sorted(set(body.lock_days) | {d for d in ordered if d not in touched})
    try:
        edits = Edits(
            lock_days=tuple(keep),
            remove=tuple(body.remove),
            add=tuple(body.add),
            move=tuple((m.place, m.to_day) for m in body.move),
        )
        new, more = do_replan(it, edits)
    except (UnknownPlaceError, ImpossibleRequestError):
        raise  # answered by the handlers in errors.py (422 with suggestions)
    except ValueError as exc:
        raise HTTPException(422, f"these edits cannot be applied: {exc}") from exc
    for n in keep:
        new.days[n - 1].locked = n in body.lock_days
    if changes:
        more = [c for c in more if c != words(it.request.lang)._("no change")]
    result = ReplanResult(itinerary=noted(new), changes=changes + more or _no_change(it))
    return worded_json(result, new.request.lang)


def _no_change(it: Itinerary) -> list[str]:
    return [words(it.request.lang)._("no change")]


def _touched(it: Itinerary, body: ReplanBody) -> set[int]:
    """The days (from 1) a removal or a move changes: where the place was, where it goes."""
    names = set(body.remove) | {m.place for m in body.move}
    atlas = load_atlas(it.request.region)
    ids = set()
    for name in names:
        try:
            ids.add(atlas.find(name).id)
        except UnknownPlaceError:
            continue  # the re-planner names it
    out = {m.to_day for m in body.move}
    out |= {d.day for d in it.days for v in d.visits if v.place in ids}
    return out


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
