"""Request -> instance -> solve -> Itinerary: the planner's single entry point.

The planner validates names (with suggestions), builds the solver instance, solves it, turns
tours into timed visits and legs, enriches them (meals, lodging, weather, tips, budget,
reasons for what was dropped) and finally runs the independent checker: a plan that fails
the checker is a bug and is never returned.
"""

from __future__ import annotations

import datetime as dt
import logging

from rapidfuzz import process

from .check import check_itinerary
from .data.atlas import Atlas, load_atlas
from .enrich import enrich
from .exceptions import ImpossibleRequestError, PlanCheckError, UnknownPlaceError
from .explain import explain_dropped
from .instance import Problem, build, hhmm
from .model import Day, Itinerary, Leg, Place, Request, Stop, Visit
from .refusal import explain_infeasible, journey_exceeds_day, refuse_unreachable
from .solve import RESTART_AFTER, InfeasibleInstanceError, schedule, solve
from .timeline import leg_of, visit_of
from .travel import travel_model

logger = logging.getLogger(__name__)
DEFAULT_SECONDS = 1.0  # a cap; the search normally stops earlier, on patience
PATIENCE_BUDGET = 2400
"""Iterations without improvement before the search stops, divided by the number of days
(between `MIN_PATIENCE` and `MAX_PATIENCE`): iterations on short trips are cheap, so they get
more. Stopping on iterations rather than the clock makes seeded plans reproducible. Above the
solver's `RESTART_AFTER`, so a search that stalls restarts from the best plan and from elite
hotel sequences before it stops (`bench/plan.py` measured the trade-off)."""
MIN_PATIENCE = 2 * RESTART_AFTER
MAX_PATIENCE = 6 * RESTART_AFTER
REPLAN_PATIENCE = RESTART_AFTER - 1
"""Patience of a re-plan that starts from the old plan: it settles within one ILS run, and
restarts (elite sequences) cost more than they find there (`bench/plan.py`: re-plan p95
117 ms vs 190 ms, summed score over its 50 edits 0.04 % lower)."""
ELITE_CANDIDATES = 8
"""Hotel sequences the solver screens for its restarts (its default, 40, suits long runs)."""


def patience_for(days: int) -> int:
    """The planner's patience for a trip of `days` days."""
    return min(MAX_PATIENCE, max(MIN_PATIENCE, PATIENCE_BUDGET // max(1, days)))
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def resolve_places(req: Request, atlas: Atlas) -> tuple[Place, Place, list[Place], list[Place]]:
    """Look up every place the request names; unknown names raise with suggestions."""
    arrive, depart = atlas.find(req.arrive), atlas.find(req.depart)
    for role, p in (("arrive", arrive), ("depart", depart)):
        if p.kind == "attraction":
            raise ImpossibleRequestError(
                f"--{role} {p.zh} is an attraction; give a town, station or airport "
                f"(e.g. {atlas.places[p.base].zh if p.base in atlas.places else '贵阳'})"
            )
    known = {t for p in atlas.attractions for t in p.tags}
    for tag in req.like:
        if tag not in known:
            close = process.extractOne(tag, sorted(known))
            hint = f"; did you mean {close[0]}?" if close and close[1] >= 60 else ""
            raise ImpossibleRequestError(
                f"--like {tag}: not an interest tag{hint} (see `qianxing data tags`)"
            )
    must = [atlas.find(m) for m in req.must]
    avoid = [atlas.find(a) for a in req.avoid]
    for p in must:
        if p.kind != "attraction":
            raise ImpossibleRequestError(f"--must {p.zh} is not an attraction")
        if p in avoid:
            raise ImpossibleRequestError(f"{p.zh} is both a must-see and to be avoided")
    return arrive, depart, must, avoid


def _works(req: Request, region: str) -> bool:
    """Whether ``req`` can be planned at all (a refusal's proposed fixes are tried here)."""
    try:
        problem = prepare(req, region=region)
        if journey_exceeds_day(problem):
            return False
        result = solve(
            problem.instance,
            seconds=DEFAULT_SECONDS,
            seed=req.seed,
            patience=MIN_PATIENCE,
            elite_candidates=ELITE_CANDIDATES,
        )
    except (ImpossibleRequestError, InfeasibleInstanceError, UnknownPlaceError):
        return False
    return result.is_feasible()


def solve_problem(
    problem: Problem,
    seconds: float,
    patience: int | None = None,
    initial: list[list[int]] | None = None,
    region: str = "guizhou",
    propose_fixes: bool = True,
) -> list[list[int]]:
    """Solve the problem's instance (`patience` defaults to `patience_for` the trip length).

    An infeasible request is refused with its binding constraint and, if `propose_fixes`,
    changed requests that were planned successfully (a re-plan's fixes would ignore its
    locked days, so it proposes none).
    """
    if patience is None:
        patience = patience_for(problem.request.days)

    def attempt(changed: Request) -> bool:
        return propose_fixes and _works(changed, region)

    refuse_unreachable(problem, attempt)
    try:
        result = solve(
            problem.instance,
            seconds=seconds,
            seed=problem.request.seed,
            patience=patience,
            initial=initial,
            elite_candidates=ELITE_CANDIDATES,
        )
    except InfeasibleInstanceError as exc:
        raise explain_infeasible(problem, exc, attempt) from exc
    if not result.is_feasible():
        late = InfeasibleInstanceError(
            "the search found no schedulable itinerary", reason="no-feasible-itinerary"
        )
        raise explain_infeasible(problem, late, attempt)
    return [list(t) for t in result.tours]


def _day(problem: Problem, d: int, tour: list[int], lang: str) -> Day:
    atlas = problem.travel.atlas
    inst = problem.instance
    stops = schedule(inst, tour, d)
    date = problem.dates[d]
    first, last = atlas.places[problem.ids[tour[0]]], atlas.places[problem.ids[tour[-1]]]
    visits: list[Visit] = []
    legs: list[Leg] = []
    prev = first
    leave = stops[0][3]
    lunch_after: str | None = None
    for vertex, arrive, start, end in stops[1:]:
        if vertex < 0:  # the lunch pseudo-vertex: leave the previous stop after lunch
            lunch_after = prev.id
            leave = end
            continue
        place = atlas.places[problem.ids[vertex]]
        legs.append(leg_of(problem.travel, prev.id, place.id, leave, lang))
        if vertex == tour[-1]:
            break
        visits.append(visit_of(place, arrive, start, end, problem.request, lang))
        prev, leave = place, end
    end_time = stops[-1][1]
    day = Day(
        day=d + 1,
        date=date.isoformat() if date else None,
        weekday=WEEKDAYS[date.weekday()] if date else None,
        start=Stop(place=first.id, name=first.name(lang), time=hhmm(stops[0][3])),
        end=Stop(place=last.id, name=last.name(lang), time=hhmm(end_time)),
        visits=visits,
        legs=legs,
    )
    if lunch_after is not None:
        day.tips.append({"kind": "lunch-after", "place": lunch_after})
    return day


def assemble(
    problem: Problem,
    tours: list[list[int]],
    *,
    explain: bool = True,
    check: bool = True,
    region: str = "guizhou",
) -> Itinerary:
    """Turn solver tours into an enriched itinerary, checked independently."""
    req = problem.request
    days = [_day(problem, d, t, req.lang) for d, t in enumerate(tours)]
    itinerary = Itinerary(
        request=req,
        title=_title(req, problem.arrive, problem.depart),
        days=days,
        score=float(sum(problem.instance.profits[v] for t in tours for v in t)),
        generated=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    )
    itinerary = enrich(itinerary, problem)
    if explain:
        explain_dropped(itinerary, problem, tours)
    if check:
        problems = check_itinerary(itinerary, region=region)
        if problems:
            raise PlanCheckError("planner produced an infeasible plan: " + "; ".join(problems))
    return itinerary


def prepare(req: Request, *, region: str = "guizhou") -> Problem:
    """Look up the request's places and build its solver instance."""
    atlas = load_atlas(region)
    arrive, depart, must, avoid = resolve_places(req, atlas)
    travel = travel_model(req.transport, region)
    return build(req, atlas, travel, must=must, avoid=avoid, arrive=arrive, depart=depart)


def plan(
    req: Request,
    *,
    seconds: float = DEFAULT_SECONDS,
    region: str = "guizhou",
    check: bool = True,
    explain: bool = True,
) -> Itinerary:
    """Plan a trip for ``req`` and return an itinerary that passes the independent checker.

    Raises
    ------
    UnknownPlaceError
        A name in the request matches no place (the error carries suggestions).
    ImpossibleRequestError
        The request cannot be met; the message names the binding constraint.
    """
    problem = prepare(req, region=region)
    tours = solve_problem(problem, seconds, region=region)
    return assemble(problem, tours, explain=explain, check=check, region=region)


def _title(req: Request, arrive: Place, depart: Place) -> str:
    if req.lang == "zh":
        return f"贵州 {req.days} 日行程：{arrive.zh} → {depart.zh}"
    return f"{req.days}-day Guizhou trip: {arrive.en} → {depart.en}"
