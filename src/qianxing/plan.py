"""Request -> instance -> solve -> Itinerary: the planner's single entry point.

The planner validates names (with suggestions), builds the solver instance, solves it, turns
tours into timed visits and legs, enriches them (meals, lodging, weather, tips, budget,
reasons for what was dropped) and finally runs the independent checker: a plan that fails
the checker is a bug and is never returned.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import math
from collections.abc import Callable
from itertools import pairwise
from typing import Any, Literal

from rapidfuzz import process

from .check import check_itinerary, violations
from .data.atlas import Atlas, load_atlas
from .data.place import Place
from .data.schema import Names
from .enrich import enrich
from .exceptions import (
    ImpossibleRequestError,
    NoRouteError,
    NoServiceError,
    PlanCheckError,
    UnknownPlaceError,
)
from .explain import explain_dropped
from .i18n import N_, words
from .instance import (
    EVENING_WEIGHT,
    HOTEL_SETTLE_WEIGHT,
    Problem,
    build,
    hhmm,
    minutes_of,
)
from .message import PUBLIC_CAR, Arg, Message, Option, Text, join, names, say
from .model import Day, Dropped, Itinerary, Leg, Request, Stop, Tip, Visit
from .pace import PACE, SIGNATURE_RANKS, terminal_kind
from .refusal import (
    explain_infeasible,
    fix_text,
    journey_exceeds_day,
    refuse_no_service,
    refuse_unreachable,
)
from .solve import (
    LUNCH,
    LUNCH_ON_THE_WAY,
    InfeasibleInstanceError,
    Instance,
    MaxIterations,
    MaxRuntime,
    MultipleCriteria,
    NoImprovement,
    SolveParams,
    reentries,
    schedule,
    solve,
)
from .timeline import leg_of, visit_of
from .travel import BOARD_MIN, travel_model

logger = logging.getLogger(__name__)
DEFAULT_SECONDS = 60.0
"""A safety net only: searches stop on iterations (`MAX_ITERATIONS`, patience), never on the
clock, so the same request gives the same plan on a busy server as on an idle one (a 1 s cap
used to cut a 5-day search at 1565 iterations when the machine was loaded)."""
MAX_ITERATIONS = 6000
"""Iterations a search may run at most; `bench/plan.py`'s requests stop on patience well
before it (at most about 1600)."""
PATIENCE_BUDGET = 2400
"""Iterations without improvement before the search stops, divided by the number of days
(between `MIN_PATIENCE` and `MAX_PATIENCE`): iterations on short trips are cheap, so they get
more. Stopping on iterations rather than the clock makes seeded plans reproducible. Above the
solver's `SolveParams.restart_after`, so a search that stalls restarts from the best plan and
from elite hotel sequences before it stops (`bench/plan.py` measured the trade-off)."""
PARAMS = SolveParams(elite_candidates=8, reach_beam=30)
"""The solver's tuning for plans: it screens 8 hotel sequences for its restarts (the default,
40, suits long runs), and its first diversifying restart goes to a highlight the best plan
misses, on the claim-aware sequences with a beam of 30 (docs/planning.md, "How the search
reaches a far highlight"; on `bench/plan.py`'s 50 requests a beam of 10 lifts the summed
score 0.56 %, 20 by 1.01 %, 30 by 1.15 %)."""
MIN_PATIENCE = 2 * PARAMS.restart_after
MAX_PATIENCE = 6 * PARAMS.restart_after
REPLAN_PATIENCE = PARAMS.restart_after - 1
WHAT_TOWN, WHAT_AIRPORT, WHAT_STATION = N_("a town"), N_("an airport"), N_("a station")
"""What a place that is not an attraction is, as a refusal names it."""
"""Patience of a re-plan that starts from the old plan: it settles within one ILS run, and
restarts (elite sequences) cost more than they find there (`bench/plan.py`: re-plan p95
117 ms vs 190 ms, summed score over its 50 edits 0.04 % lower)."""


def patience_for(days: int) -> int:
    """The planner's patience for a trip of `days` days."""
    return min(MAX_PATIENCE, max(MIN_PATIENCE, PATIENCE_BUDGET // max(1, days)))


def planner_stop(seconds: float, patience: int) -> MultipleCriteria:
    """The planner's stopping criterion: `patience` idle iterations, `MAX_ITERATIONS`, or
    `seconds` of wall clock (a safety net, see `DEFAULT_SECONDS`)."""
    return MultipleCriteria(
        [MaxRuntime(seconds), NoImprovement(patience), MaxIterations(MAX_ITERATIONS)]
    )



def resolve_places(req: Request, atlas: Atlas) -> tuple[Place, Place, list[Place], list[Place]]:
    """Look up every place the request names; unknown names raise with suggestions."""
    arrive, depart = atlas.find(req.arrive), atlas.find(req.depart)
    role: Literal["arrive", "depart"]
    for role, p in (("arrive", arrive), ("depart", depart)):
        if p.kind == "attraction":
            base = atlas.places.get(p.base or "")
            raise ImpossibleRequestError(
                say(
                    N_("{option} is an attraction; give a town, station or airport (e.g. {town})"),
                    option=Option(option=role, value=names(p)),
                    town=names(base) if base is not None else Text(zh="贵阳", en="Guiyang"),
                ),
                req.lang,
            )
    known = {t for p in atlas.attractions for t in p.tags}
    for tag in req.like:
        if tag not in known:
            close = process.extractOne(tag, sorted(known))
            option = Option(option="like", value=tag)
            if close and close[1] >= 60:
                message = say(
                    N_("{option}: not an interest tag; did you mean {tag}? (see {command})"),
                    option=option,
                    tag=close[0],
                    command="qianxing data tags",
                )
            else:
                message = say(
                    N_("{option}: not an interest tag (see {command})"),
                    option=option,
                    command="qianxing data tags",
                )
            raise ImpossibleRequestError(message, req.lang)
    must = [atlas.find(m) for m in req.must]
    avoid = [atlas.find(a) for a in req.avoid]
    for name, p in zip(req.must, must, strict=True):
        if p.kind != "attraction":
            raise ImpossibleRequestError(not_an_attraction(name, p, atlas), req.lang)
        if p in avoid:
            raise ImpossibleRequestError(
                say(N_("{place} is both a must-see and to be avoided"), place=names(p)), req.lang
            )
    return arrive, depart, must, avoid


def not_an_attraction(name: str, p: Place, atlas: Atlas) -> Message:
    """Why ``name`` (a town or station) cannot be a must-see, with the attractions it leads
    to: "--must 赤水 is a town, not an attraction; did you mean 赤水大瀑布 / 佛光岩 / 四洞沟?"."""
    near = list(atlas.attractions_of_base(p.base or p.id))[:3]
    near += [a for a in atlas.attractions_in(name) if a not in near][: 3 - len(near)]
    what = {"base": WHAT_TOWN, "airport": WHAT_AIRPORT}.get(p.terminal or p.kind, WHAT_STATION)
    option = Option(option="must", value=name)
    if not near:
        return say(N_("{option} is {what}, not an attraction"), option=option, what=say(what))
    return say(
        N_("{option} is {what}, not an attraction; did you mean {places}?"),
        option=option,
        what=say(what),
        places=join(N_("{a} / {b}"), (names(a) for a in near)),
    )


def _works(req: Request, region: str | None) -> bool:
    """Whether ``req`` can be planned at all (a refusal's proposed fixes are tried here)."""
    try:
        problem = full_arrival(prepare(req, region=region))
        if journey_exceeds_day(problem):
            return False
        result = solve(
            problem.instance,
            planner_stop(DEFAULT_SECONDS, MIN_PATIENCE),
            seed=req.seed,
            params=PARAMS,
        )
    except (ImpossibleRequestError, InfeasibleInstanceError, UnknownPlaceError):
        return False
    return result.is_feasible()


def solve_problem(
    problem: Problem,
    seconds: float,
    patience: int | None = None,
    initial: list[list[int]] | None = None,
    region: str | None = None,
    propose_fixes: bool = True,
) -> list[list[int]]:
    """Solve the problem's instance (`patience` defaults to `patience_for` the trip length).

    An infeasible request is refused with its binding constraint and, if `propose_fixes`,
    changed requests that were planned successfully (a re-plan's fixes would ignore its
    locked days, so it proposes none).
    """
    if patience is None:
        patience = patience_for(problem.request.days)
    pack = region or problem.request.region

    def attempt(changed: Request) -> bool:
        return propose_fixes and _works(changed, pack)

    refuse_no_service(problem, attempt)
    refuse_unreachable(problem, attempt)
    try:
        result = solve(
            problem.instance,
            planner_stop(seconds, patience),
            seed=problem.request.seed,
            params=PARAMS,
            initial=initial,
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
    """Day ``d`` timed against the timetable, starting from the solver's schedule.

    The solver plans with each ride's typical time; a ride then waits for its service, and
    everything after it moves later by that wait, less what the next visits give up, down
    to their short length; a faster service lets the next visit begin earlier (from its
    opening), and a day whose first sight opens later leaves the hotel later.
    """
    atlas = problem.travel.atlas
    inst = problem.instance
    stops = schedule(inst, tour, d)
    date = problem.dates[d]
    first, last = atlas.places[problem.ids[tour[0]]], atlas.places[problem.ids[tour[-1]]]
    visits: list[Visit] = []
    legs: list[Leg] = []
    prev = first
    leave = stops[0][3]
    day_start = leave
    end_time = leave
    shift = 0.0
    lunch_after: str | None = None
    after_lunch = False
    lunch_at = 0.0
    lunch_end = 0.0
    visited: tuple[float, float] | None = None  # (reached, begin) of the visit just made
    prev_vertex = tour[0]
    on_the_way = False  # the journey to the next stop holds lunch (`LUNCH_ON_THE_WAY`)
    for vertex, _arrive, start, end in stops[1:]:
        if vertex == LUNCH_ON_THE_WAY:
            on_the_way = True
            continue
        if vertex < 0:  # the lunch pseudo-vertex: leave the previous stop after lunch
            shift = max(shift, 0.0)  # ahead of time: lunch still at lunchtime, not earlier
            lunch_after = prev.id
            lunch_at = max(leave, start + shift)
            leave = end + shift
            lunch_end = leave
            after_lunch = True
            continue
        place = atlas.places[problem.ids[vertex]]
        # a wait at the arrival station or airport is spent there: it is on the road
        arriving = d == 0 and not legs and terminal_kind(first) != "base"
        try:
            try:
                leg = leg_of(problem.travel, prev.id, place.id, leave, lang, date)
            except NoServiceError:
                if not after_lunch or lunch_at >= leave:
                    raise
                try:  # gone after a sit-down lunch: leave when lunch would start
                    leg, leave = _lunch_on_the_way(
                        problem, prev, place, lunch_at, leave, None, date
                    )
                except NoServiceError:
                    if legs or prev is not first or arriving:
                        raise
                    # lunch at the lodging left too late for the day's journey: leave in
                    # the morning and eat where the journey is at lunchtime
                    leg = leg_of(problem.travel, prev.id, place.id, day_start, lang, date)
                    leg, leave = _sleep_in(problem, prev, place, day_start, leg, date)
                    day_start, after_lunch = leave, False
                    lunch_after, lunch_at = _lunch_on(problem, leg, lunch_at), -1.0
            if after_lunch:
                leg, leave = _lunch_on_the_way(problem, prev, place, lunch_at, leave, leg, date)
                if visited is not None and visits and visits[-1].place == prev.id:
                    before = _before_lunch(problem, prev, place, visited[1], lunch_at,
                                           lunch_end, leave, leg, lang, date)
                    if before is not None:
                        leg, leave = before
                        visits[-1] = visit_of(
                            prev, visited[0], visited[1], leave, problem.request, lang
                        )
                        lunch_after, lunch_at = _lunch_on(problem, leg, lunch_at), -1.0
                        after_lunch = False
            if after_lunch:
                # a longer lunch rather than a wait at the station
                longer = None
                if not arriving:
                    longer = _stay_longer(problem, prev, place, leave, MIDNIGHT, leg, date)
                if longer is not None:
                    leg, leave = longer
                if leave < lunch_end:  # left for a service before a sit-down lunch would end
                    if leave - lunch_at < SHORTEST_LUNCH:  # eaten at the station or on board
                        lunch_after, lunch_at = _lunch_on(problem, leg, lunch_at), -1.0
                    else:
                        lunch_end = leave
                elif lunch_at >= 0 and leave > lunch_end and inst.lunch is not None:
                    # a later service: lunch as late as lunchtime allows, before leaving
                    length = lunch_end - lunch_at
                    latest = min(leave - length, inst.lunch[1])
                    if latest > lunch_at:
                        lunch_at, lunch_end = latest, latest + length
                if visited is not None and visits and visits[-1].place == prev.id:
                    # the time before lunch (or the journey) is spent at the sight, not idle
                    # beside it (南花苗寨 ended at 10:50, the taxi left at 11:43)
                    _linger(problem, d, prev_vertex, visits, visited,
                            lunch_at if lunch_at >= 0 else leave, lang)
            elif prev is first and not legs and not arriving:
                leg, leave = _sleep_in(problem, prev, place, leave, leg, date)
                day_start = leave
            elif visited is not None:
                # a signature sight is cut short only for the service that ends the day in time:
                # the pace's end of day, or on the last day the time to be at the departure
                # (a re-plan that took 黔东南州民族博物馆 out of the seed trip's last day left
                # 西江 at 12:44 for the 15:00 bus and reached 贵阳 at 19:00, past its 18:00)
                end_by = (
                    inst.day_start(d) + inst.day_limits[d]
                    if d == problem.request.days - 1
                    else PACE[problem.request.pace][1]
                )
                ends_late = vertex == tour[-1] and minutes_of(leg.arrive) > end_by
                earlier = _catch_earlier(
                    problem, prev, place, visited[1], leave, leg, lang, date, cut=ends_late
                )
                if earlier is None:
                    # else stay on at the sight rather than wait at the station
                    until = leave
                    if inst.windows is not None:
                        until = float(inst.windows[d, prev_vertex, 1] + inst.service[prev_vertex])
                    earlier = _stay_longer(problem, prev, place, leave, until, leg, date)
                if earlier is not None:
                    leg, leave = earlier
                    kept = visit_of(prev, visited[0], visited[1], leave, problem.request, lang)
                    visits[-1] = kept
        except NoServiceError as exc:
            late = _lateness(problem, exc, date)
            raise _Broken(d, vertex, str(exc), (exc.from_stop, exc.to_stop), late) from exc
        except NoRouteError as exc:
            raise _Broken(d, vertex, str(exc), (exc.from_stop, exc.to_stop)) from exc
        legs.append(leg)
        after_lunch = False
        reached = minutes_of(leg.arrive)
        on_arrival = False
        if on_the_way:
            on_the_way = False
            lunch_after, lunch_at, lunch_end = _lunch_of_the_way(problem, leg, place)
            on_arrival = lunch_at >= 0
        if vertex == tour[-1]:
            end_time = reached
            break
        planned = start + shift
        if reached < planned and inst.windows is not None:
            # a service faster than the solver's typical time: begin as soon as the place
            # lets in rather than wait outside (郎德上寨 at 14:21 was visited from 16:58)
            planned = max(reached, float(inst.windows[d, vertex, 0]))
        begin = max(planned, reached)
        if begin > reached and not visits and len(legs) == 1 and not arriving and not any(
            st.service for st in leg.steps
        ):
            # the day's first sight is not open yet: leave the hotel later, not wait at its gate
            later = leg_of(problem.travel, prev.id, place.id, leave + begin - reached, lang, date)
            if minutes_of(later.arrive) <= begin:
                legs[-1], reached = later, minutes_of(later.arrive)
                day_start = minutes_of(later.depart)
        if on_arrival:  # lunch before the visit
            begin = max(begin, lunch_end)
        shift = begin - start
        # a late service is absorbed by a shorter visit, down to the short visit's length
        absorb = min(max(shift, 0.0), max(0.0, (end - start) - problem.shortest(place)))
        shift -= absorb
        visits.append(visit_of(place, reached, begin, end + shift, problem.request, lang))
        visited = (reached, begin)
        prev, leave, prev_vertex = place, end + shift, vertex
    if stops[-1][0] == LUNCH and legs and lunch_after is None:
        # lunch on arrival at the night's base; if the timetable brings the traveller in after
        # the latest lunch, it is eaten where the journey is at lunchtime
        assert inst.lunch is not None
        l0, l1, ld = inst.lunch
        lunch_at = max(end_time, l0)
        if lunch_at <= l1:
            lunch_after, lunch_end = last.id, lunch_at + ld
        else:
            lunch_after, lunch_at = _lunch_on(problem, legs[-1], l0), -1.0
    day = Day(
        day=d + 1,
        date=date.isoformat() if date else None,
        weekday=words(lang).weekday(date) if date else None,
        start=_stop(first, hhmm(day_start), lang),
        end=_stop(last, hhmm(end_time), lang),
        visits=visits,
        legs=legs,
    )
    if lunch_after is not None:
        lunch = f"{hhmm(lunch_at)}–{hhmm(lunch_end)}" if lunch_at >= 0 else None
        day.tips.append(Tip(kind="lunch-after", place=lunch_after, time=lunch))
    return day


def _lunch_of_the_way(problem: Problem, leg: Leg, place: Place) -> tuple[str, float, float]:
    """Where and when a lunch the solver took on the way is eaten: when the journey arrives
    by lunch's latest start, at the place reached, before its visit (or at the night's
    base); else where the journey is at lunchtime (a station of a change, on board), with
    no time. Returns the place, the start (-1: no time) and the end."""
    inst = problem.instance
    assert inst.lunch is not None
    l0, l1, ld = inst.lunch
    at = max(minutes_of(leg.arrive), l0)
    if at <= l1:
        return place.id, at, at + ld
    # the timed journey may leave after L0: then where it first stops after leaving
    return _lunch_on(problem, leg, max(l0, minutes_of(leg.depart))), -1.0, 0.0


def _linger(
    problem: Problem, d: int, vertex: int, visits: list[Visit], visited: tuple[float, float],
    until: float, lang: str,
) -> None:
    """Stay at the day's last visit until ``until``, or its latest end (its latest start
    plus its planned length), when that is later than it was to end."""
    inst = problem.instance
    if inst.windows is not None:
        until = min(until, float(inst.windows[d, vertex, 1] + inst.service[vertex]))
    if until > minutes_of(visits[-1].leave):
        place = problem.travel.atlas.places[problem.ids[vertex]]
        visits[-1] = visit_of(place, visited[0], visited[1], until, problem.request, lang)


SHORTEST_LUNCH = 20.0
"""Minutes of a sit-down lunch worth showing before a service the traveller leaves for;
with less, lunch is eaten where the journey is at lunchtime (`_lunch_on`)."""


def _lunch_on(problem: Problem, leg: Leg, at: float) -> str:
    """Where a journey left in the morning is when lunch would start: the place the step
    under way then reaches (the station of a change, the town the bus comes to), else the
    journey's end. No time is given: the traveller eats in the wait there or on board."""
    places = problem.travel.atlas.places
    for st in leg.steps:
        if st.arrive is not None and minutes_of(st.arrive) >= at and st.to in places:
            return st.to
    return leg.to


def _stop(place: Place, time: str, lang: str) -> Stop:
    lat, lon = round(place.lat, 6), round(place.lon, 6)
    return Stop(place=place.id, name=place.name(lang), time=time, lat=lat, lon=lon)


CATCH_GAIN = 20.0  # minutes of earlier arrival worth leaving a visit early for


def _sleep_in(
    problem: Problem, prev: Place, place: Place, leave: float, leg: Leg, date: dt.date | None
) -> tuple[Leg, float]:
    """The day's first leg leaves its lodging as late as still arrives as early: the wait
    for the first service is spent at the hotel, not on a station bench (the day starts
    then), and a bus to the station is taken later when the train it feeds is the long wait
    (`_leave_later`)."""
    later = _leave_later(problem, prev, place, leave, MIDNIGHT, leg, date, LATER_GAIN)
    return later if later is not None else (leg, leave)


MIDNIGHT = 24 * 60.0
LATER_GAIN = 1.0
"""Minutes of waiting at a station worth spending at the hotel or the sight instead: any
whole minute, so that the time on the road of a timed day is what the planner counted
(`TravelModel.road_minutes`: no wait for a journey's first service)."""


def _stay_longer(
    problem: Problem,
    prev: Place,
    place: Place,
    leave: float,
    until: float,
    leg: Leg,
    date: dt.date | None,
) -> tuple[Leg, float] | None:
    """Stay at ``prev`` longer (never past ``until``, the latest its hours and daylight allow
    a visit to end) and leave as late as still arrives as early (`_leave_later`): the wait
    is spent at the sight or over lunch, not on a station bench, and is not time on the road
    (docs/planning.md). ``None`` when that gains less than `LATER_GAIN`."""
    return _leave_later(problem, prev, place, leave, until, leg, date, LATER_GAIN)


def _leave_later(
    problem: Problem,
    prev: Place,
    place: Place,
    leave: float,
    until: float,
    leg: Leg,
    date: dt.date | None,
    gain: float,
) -> tuple[Leg, float] | None:
    """The journey from ``prev`` left as late as still arrives no later than ``leg``: each
    later departure of the first ride of each of its journeys (`TravelModel.alternatives`)
    that runs on ``date`` is tried in turn (left for at the whole minute that reaches it with
    its boarding allowance, never after ``until``), until one arrives later. Later rides are
    the next service, as the timeline takes them, so waits at changes shrink too when the
    first ride is frequent. The earliest arrival over the journeys never comes earlier for
    leaving later, so the first later arrival ends the search, and so does a departure that
    misses a later ride's last service on every journey, as the day it would break is one the
    planned leg keeps. ``None`` when that leaves less than ``gain`` minutes later. Returns
    the new leg and leaving time."""
    travel = problem.travel
    arrive = minutes_of(leg.arrive)
    times: set[float] = set()
    for steps in travel.alternatives(prev.id, place.id):
        k = next((i for i, st in enumerate(steps) if st.route is not None), None)
        if k is None:
            continue
        before = sum(st.minutes for st in steps[:k])
        first = steps[k]
        for ride in travel.feed.departures(first.frm, first.to):
            later = float(math.floor(ride.depart - BOARD_MIN[first.mode] - before))
            runs = travel.feed.runs_on(ride.service_id, date)
            if leave + gain <= later <= until and ride.depart <= arrive and runs:
                times.add(later)
    best: tuple[Leg, float] | None = None
    for later in sorted(times):
        try:
            trial = leg_of(travel, prev.id, place.id, later, problem.request.lang, date)
        except NoServiceError:
            break  # a later ride's last service gone: no later departure arrives at all
        if minutes_of(trial.arrive) > arrive:
            break
        best = trial, later
    return best


def _lunch_on_the_way(
    problem: Problem,
    prev: Place,
    place: Place,
    lunch_at: float,
    leave: float,
    leg: Leg | None,
    date: dt.date | None,
) -> tuple[Leg, float]:
    """Leave when lunch would start, and eat at the station or on board, when that catches a
    service that arrives ``CATCH_GAIN`` or more earlier: a local does not let a sit-down lunch
    cost the day's train. Otherwise the leg as planned, after lunch. ``leg`` is None when
    nothing is left after lunch: leaving when lunch would start is then the only way (the
    solver's typical ride times put lunch first on a day whose train runs early: 贵阳 to 江口
    by the 12:54 to 铜仁 and the last bus on); `NoServiceError` when that misses too."""
    lang = problem.request.lang
    if leg is None:
        return leg_of(problem.travel, prev.id, place.id, lunch_at, lang, date), lunch_at
    if lunch_at >= leave or not any(s.service is not None for s in leg.steps):
        return leg, leave
    try:
        early = leg_of(problem.travel, prev.id, place.id, lunch_at, lang, date)
    except NoServiceError:
        return leg, leave
    if minutes_of(early.arrive) > minutes_of(leg.arrive) - CATCH_GAIN:
        return leg, leave
    return early, lunch_at


def _catch_earlier(
    problem: Problem,
    prev: Place,
    place: Place,
    begun: float,
    leave: float,
    leg: Leg,
    lang: str,
    date: dt.date | None,
    *,
    cut: bool = True,
) -> tuple[Leg, float] | None:
    """Leave the visit at ``prev`` earlier (never below its short length) when that catches
    an earlier service: a local leaves 西江 at 12:45 for the 13:00 bus rather than wait two
    hours for the next. A signature sight keeps the length planned for it unless ``cut`` (the
    later service would end the day too late): the quick start left 黄果树 after the main
    falls, 3 h of the 4.5 planned, for a bus back to 贵阳 that nothing waited for, where a local
    gives it 天星桥 and 陡坡塘 too (issue 13). Returns the new leg and leaving time, as late as
    still catches it."""
    earliest = begun + _cut_to(problem, prev, leave - begun, cut)
    if earliest >= leave:
        return None
    try:
        early = leg_of(problem.travel, prev.id, place.id, earliest, lang, date)
    except NoServiceError:
        return None
    if minutes_of(early.arrive) > minutes_of(leg.arrive) - CATCH_GAIN:
        return None
    # then as late as still catches it
    later = _leave_later(problem, prev, place, earliest, leave, early, date, LATER_GAIN)
    caught, left = later if later is not None else (early, earliest)
    # worth it only when the journey gains more than the visit gives up: leaving a sight an
    # hour early by taxi arrives an hour early and catches nothing (镇山村 was cut from 3 h
    # to 1.5 h, and the day's next two visits with it, for no service at all)
    gained = minutes_of(leg.arrive) - minutes_of(caught.arrive)
    if gained - (leave - left) < CATCH_GAIN:
        return None
    return caught, left


def _before_lunch(
    problem: Problem, prev: Place, place: Place, begun: float, lunch_at: float,
    lunch_end: float, leave: float, leg: Leg, lang: str, date: dt.date | None,
) -> tuple[Leg, float] | None:
    """A service before lunch whose journey is far shorter than the one after it (``leg``,
    left at ``leave``): 镇远 → 铜仁 by the 11:00 bus (3.5 h) rather than, after lunch, a train
    by way of 贵阳 (7.5 h). Worth it when the time on the road saved exceeds what the visit
    and the sit-down lunch give up by `CATCH_GAIN` (lunch is then eaten on the way): a visit
    is not cut only to reach the night's base earlier with nothing planned there (贵州省博物馆
    would have gone from 3 h to 1.5 h for a free afternoon). A signature sight keeps its
    planned length. Returns the leg and the time to leave the sight."""
    caught = _catch_earlier(problem, prev, place, begun, lunch_at, leg, lang, date, cut=False)
    if caught is None:
        return None
    saved = leg.minutes - caught[0].minutes
    sat = min(leave, lunch_end) - lunch_at  # the sit-down lunch the journey after it keeps
    given_up = (lunch_at - caught[1]) + (sat if sat >= SHORTEST_LUNCH else 0.0)
    return caught if saved - given_up >= CATCH_GAIN else None


def _cut_to(problem: Problem, place: Place, planned: float, cut: bool) -> float:
    """The shortest a visit may be cut to for an earlier service (`_catch_earlier`): its
    short length, but a signature sight keeps the length planned for it unless ``cut``."""
    if place.rank in SIGNATURE_RANKS and not cut:
        return max(float(problem.shortest(place)), planned)
    return float(problem.shortest(place))


class _Broken(Exception):
    """A day that the timetable breaks (a last service gone, a visit pushed past closing)."""

    def __init__(
        self,
        day: int,
        vertex: int | None,
        why: str,
        stops: tuple[str, str] | None = None,
        late: float | None = None,
        ends: Day | None = None,
    ) -> None:
        super().__init__(why)
        self.day, self.vertex, self.stops, self.late = day, vertex, stops, late
        self.ends = ends  # the day as timed, when it runs past its end rather than breaks


def _lateness(problem: Problem, exc: NoServiceError, date: dt.date | None) -> float | None:
    """Minutes by which the traveller missed the day's last service of the ride."""
    feed = problem.travel.feed
    runs = [
        r.depart
        for r in feed.departures(exc.from_stop, exc.to_stop)
        if feed.runs_on(r.service_id, date)
    ]
    return exc.earliest - max(runs) if runs else None


MAX_REPAIRS = 12
MAX_RESOLVES = 2
"""Re-solves a plan may take where the timetable breaks a day (`assemble_timed`), before the
days are mended by dropping visits. Each re-solve steers the search away from one break, and
the next often breaks another day or the same one a little later: on `bench/plan.py`'s 50
requests a third and fourth round cost 13 more solves and gained no score (summed score
294 550 with 2 rounds, 294 360 with 4; a single round refuses one request; bench/README.md)."""
MAX_CAP_RESOLVES = 3
"""Re-solves a plan may take to bring days the timetable pushed over the road cap back
within it (`RoadCapError`), on top of `MAX_RESOLVES`. Each round counts the over-cap day's
journeys at their timed minutes, but the repaired day reaches its train at another hour
and waits another time: with road times fitted on car figures, "waterfalls from 安顺"
(`bench/quality.py`) met the wait for the evening train to 荔波 in two rounds running and
was returned 46 min over its cap; the third round fits it."""
TIMETABLE_PENALTY = 90.0  # minutes added to a ride the timetable broke, per re-solve
NO_WAY = 1e6  # the travel matrix's minutes for "no journey" (TravelModel.matrix)
MARGIN = 15.0  # minutes of slack added to a missed last service's lateness
MAX_FORBIDS = 2
"""Journeys a plan may lose outright after the re-solves, when the timetable still breaks a
day that dropping visits cannot mend (a transfer that misses its last service)."""


class TimetableBreakError(ImpossibleRequestError):
    """A day the timetable breaks and dropping visits cannot mend (or was not asked to);
    ``arcs`` are the journeys (solver vertices) into the place it broke at, ``broken`` how."""

    def __init__(
        self,
        message: str | Message,
        arcs: frozenset[tuple[int, int]],
        broken: _Broken | None = None,
        lang: str = "en",
    ) -> None:
        super().__init__(message, lang)
        self.arcs = arcs
        self.broken = broken


class RoadCapError(TimetableBreakError):
    """A day the timetable's real waits push over its road cap (`pace.ROAD_CAP`);
    ``measured`` gives that day's journeys (solver vertices) their timed minutes."""

    def __init__(self, message: str, measured: dict[tuple[int, int], float]) -> None:
        super().__init__(message, frozenset())
        self.measured = measured


def _over_cap(
    problem: Problem, tours: list[list[int]], days: list[Day]
) -> dict[tuple[int, int], float]:
    """The timed minutes of the journeys of each day over its road cap, where they are
    longer than the instance counted them. A journey the instance counts at less than its
    time on the road (a transfer day, `instance.road_times`) counts as the instance counts
    it; a day kept
    from an earlier timing (`Problem.kept`) is not judged again."""
    inst = problem.instance
    if inst.travel_limits is None:
        return {}
    on_road = problem.travel.road_matrix(problem.ids)
    measured: dict[tuple[int, int], float] = {}
    for d, day in enumerate(days):
        tour = [v for v in tours[d] if v >= 0]
        if len(day.legs) != len(tour) - 1 or _kept_day(problem, d, tour) is not None:
            continue
        counted = 0.0
        longer: dict[tuple[int, int], float] = {}
        for (u, v), leg in zip(pairwise(tour), day.legs, strict=True):
            planned = inst.road_counted(d, u, v)
            # a transfer: the instance counts the journey at less than its time on the road,
            # keeping a day of travel room for a sight (`instance.road_times`)
            transfer = planned < on_road[u, v] and leg.minutes > planned
            counted += planned if transfer else leg.minutes
            if not transfer and leg.minutes > planned:
                longer[(u, v)] = float(leg.minutes)
        if counted > inst.travel_limits[d]:
            measured.update(longer)
    return measured


def _measured(problem: Problem, measured: dict[tuple[int, int], float]) -> Problem:
    """The problem with these journeys counted at their timed minutes against the road cap
    (the waits the timetable imposed at that hour), so that a re-solve keeps the day
    within it. Every other journey that takes one of the same rides counts the same extra
    minutes: the wait is the ride's, not the place's, and a re-solve that only swapped the
    place before the ride (甲秀楼 for 阳明祠 before the train to 荔波) would meet it again."""
    inst = problem.instance
    road = inst.road_times.copy()
    travel = problem.travel
    vertices: dict[str, list[int]] = {}
    for k, pid in enumerate(problem.ids):
        vertices.setdefault(pid, []).append(k)
    for (u, v), minutes in measured.items():
        extra = minutes - float(inst.road_times[u, v])
        road[u, v] = max(float(road[u, v]), minutes)
        if extra <= 0 or not travel.reachable(problem.ids[u], problem.ids[v]):
            continue
        rides = {
            (s.frm, s.to)
            for s in travel.steps(problem.ids[u], problem.ids[v])
            if s.mode in BOARD_MIN
        }
        for ride in rides:
            for a, b in travel.journeys_through(ride):
                for x in vertices.get(a, ()):
                    for y in vertices.get(b, ()):
                        road[x, y] = max(float(road[x, y]), float(inst.road_times[x, y]) + extra)
    return dataclasses.replace(problem, instance=dataclasses.replace(inst, road=road))


def _arcs(b: _Broken, *tourings: list[list[int]]) -> frozenset[tuple[int, int]]:
    """The journeys into the broken place: as the solver planned the day and as repaired."""
    out = set()
    for tours in tourings:
        tour = [v for v in tours[b.day] if v >= 0]
        if b.vertex is not None and b.vertex in tour[1:]:
            k = tour.index(b.vertex, 1)
            out.add((tour[k - 1], b.vertex))
    return frozenset(out)


def _timed_days(
    problem: Problem,
    tours: list[list[int]],
    lang: str,
    region: str,
    *,
    repair: bool = True,
    memo: _DayMemo | None = None,
) -> tuple[list[Day], list[tuple[str, tuple[str, str] | None]], list[list[int]]]:
    """Days timed against the timetable, repaired where the timetable breaks them.

    Without ``repair`` a broken day is raised at once (the caller re-solves). With it, a
    broken day loses its least valuable optional visit (the planner's score), and the day is
    timed again; its other days are untouched. A day that cannot be repaired so is a refusal
    naming the last service. Returns the days, the places the repair gave up, each with
    the stops of the ride that was missed, and the tours as mended. ``memo`` holds the days
    of ``problem`` already timed (`assemble_timed` mends the tours it first timed unmended).
    """
    planned = [list(t) for t in tours]
    tours = [list(t) for t in tours]
    gave_up: list[tuple[str, tuple[str, str] | None]] = []
    memo = {} if memo is None else memo  # a repair changes one day: the others are not timed again
    for _ in range(MAX_REPAIRS):
        try:
            days = [
                _kept_day(problem, d, t) or _memo_day(problem, memo, d, t, lang)
                for d, t in enumerate(tours)
            ]
            broken = _first_broken_day(problem, days, region)
            if broken is None:
                return days, gave_up, tours
            end = [v for v in tours[broken] if v >= 0][-1]  # steer by the day's last journey
            raise _Broken(broken, end, "", ends=days[broken])
        except _Broken as b:
            arcs = _arcs(b, planned, tours)
            before = set(tours[b.day])
            if not repair or not _drop_one(problem, tours, b.day, lang, region, memo):
                message = _no_service_message(problem, b)
                raise TimetableBreakError(message, arcs, b, lang) from b
            gave_up += [(problem.ids[v], b.stops) for v in before - set(tours[b.day])]
    last = _Broken(0, None, "")
    raise TimetableBreakError(_no_service_message(problem, last), frozenset(), lang=lang)


_DayMemo = dict[tuple[int, tuple[int, ...]], Day | _Broken]
"""Days of one problem as `_day` timed them (or how the timetable broke them), by day and
tour."""


def _memo_day(problem: Problem, memo: _DayMemo, d: int, tour: list[int], lang: str) -> Day:
    """`_day`, timed once per tour of the problem: the repairs (`_timed_days`,
    `_drop_one`) time the days they leave unchanged again and again, and a trial that mends
    a day is the next round's day. A Day is returned as timed, unenriched, so each one
    lands in one plan only (`_timed_days` returns one day per index)."""
    key = (d, tuple(tour))
    found = memo.get(key)
    if found is None:
        try:
            found = _day(problem, d, tour, lang)
        except _Broken as b:
            found = b
        memo[key] = found
    if isinstance(found, _Broken):
        raise found
    return found


def _kept_day(problem: Problem, d: int, tour: list[int]) -> Day | None:
    """Day ``d`` as it was timed before (`Problem.kept`) when its tour is unchanged: the
    timed visits and legs, without what enrichment adds (meals, lodging, weather, tips)."""
    kept = problem.kept.get(d)
    if kept is None or tuple(v for v in tour if v >= 0) != kept[0]:
        return None
    old = kept[1]
    tips = [t.model_copy() for t in old.tips if t.kind == "lunch-after"]
    return old.model_copy(
        deep=True, update={"meals": [], "lodging": None, "weather": None, "tips": tips}
    )


def _missed_service(
    problem: Problem, place: str, stops: tuple[str, str] | None, lang: str
) -> Dropped:
    """A place the timetable repair gave up: the ride it would miss, and the consent that
    would keep it."""
    places = problem.travel.atlas.places
    name = places[place].name(lang)
    if stops is None:  # the day ran past its end (`_timed_days`), no service was missed
        reason = say(N_("timed against the timetable, the day with it runs past its end"))
    else:
        frm, to = (names(places[s]) for s in stops)
        reason = say(
            N_("by the timetable, going there misses the day's last service ({frm} → {to})"),
            frm=frm,
            to=to,
        )
    if problem.request.transport == "public":
        fix = say(N_("use {car} (a hired car for a leg) or add a day"), car=PUBLIC_CAR)
    else:
        fix = say(N_("add a day"))
    return Dropped(place=place, name=name, reason=reason, fix=fix)


def _first_broken_day(problem: Problem, days: list[Day], region: str) -> int | None:
    """The first day the checker faults on clock times alone (before enrichment)."""
    bare = Itinerary(request=problem.request, title="", days=days, score=0.0, generated="")
    for day, _msg in violations(bare, region=region, lodging=False):
        if day is not None:
            return day - 1
    return None


def _drop_one(
    problem: Problem,
    tours: list[list[int]],
    d: int,
    lang: str,
    region: str,
    memo: _DayMemo | None = None,
) -> bool:
    """Drop one optional visit of day ``d``: the cheapest whose removal mends the day, else
    the cheapest of all (and the caller tries again). The days are timed through ``memo``
    (`_memo_day`): the other days are the same for every trial. Only visits whose removal
    keeps the day within its road cap are dropped: the journey that replaces two can be
    longer than both (黔灵山 to 西江 direct waits for the bus at 凯里 that 郎德上寨 on the way
    used; the "packed spring" arrival day came out 5.2 h against its 4 h cap)."""
    inst = problem.instance
    tour = tours[d]
    optional = [
        v
        for v in sorted(
            (v for v in tour[1:-1] if v not in inst.mandatory), key=lambda v: (inst.profits[v], v)
        )
        if inst.road_of(d, [x for x in tour if x != v and x >= 0]) <= inst.travel_limit(d) + 1e-6
    ]
    if not optional:
        return False
    memo = {} if memo is None else memo
    for v in optional:
        trial = [t if i != d else [x for x in t if x != v] for i, t in enumerate(tours)]
        try:
            days = [_memo_day(problem, memo, i, t, lang) for i, t in enumerate(trial)]
        except _Broken as b:
            if b.day <= d:
                continue
        else:
            broken = _first_broken_day(problem, days, region)
            if broken is not None and broken <= d:
                continue
        tour.remove(v)
        return True
    tour.remove(optional[0])
    return True


def _no_service_message(
    problem: Problem, b: _Broken, fixes: list[Arg] | None = None
) -> Message:
    """A timetable refusal: the trip, the day, and the ride that no longer runs (or the last
    ride that makes the day end too late), with ``fixes`` that were planned successfully;
    without them (a re-plan, a search still under way) the usual consent or longer trip."""
    places = problem.travel.atlas.places
    ride: Message
    last = _last_ride(b.ends) if b.ends is not None else None
    if b.stops:
        frm, to = (names(places[s]) for s in b.stops)
        ride = say(N_("no service or route is left from {frm} to {to}"), frm=frm, to=to)
    elif last is not None and b.ends is not None:
        ride = say(
            N_("the day would end at {end}: the service it needs, {service} {frm} {depart} → "
               "{to} {arrive}, is the last one the timetable has"),
            end=_clock(b.ends.end.time), **last,
        )
    else:
        ride = say(N_("the last service of the day has left"))
    fix: Message
    if fixes:
        fix = say(N_("Works with: {fixes}."), fixes=join(N_("{a}; or {b}"), fixes))
    elif fixes is not None:
        fix = say(
            N_("Neither {car} (a hired car for one leg) nor {days} days makes it work."),
            car=PUBLIC_CAR, days=problem.request.days + TIMETABLE_EXTRA_DAYS,
        ) if problem.request.transport == "public" else say(
            N_("{days} days do not make it work either."),
            days=problem.request.days + TIMETABLE_EXTRA_DAYS,
        )
    elif problem.request.transport == "public":
        fix = say(N_("Try {car} (a hired car for one leg) or one more day."), car=PUBLIC_CAR)
    else:
        fix = say(N_("Try one more day."))
    return say(
        N_(
            "the {days}-day trip {arrive} → {depart}: day {day} does not work with the "
            "timetable ({ride}) and no optional sight can be dropped. {fix}"
        ),
        days=problem.request.days,
        arrive=names(problem.arrive),
        depart=names(problem.depart),
        day=b.day + 1,
        ride=ride,
        fix=fix,
    )


def _last_ride(day: Day) -> dict[str, Arg] | None:
    """The day's last scheduled ride, as a refusal names it."""
    rides = [s for leg in day.legs for s in leg.steps if s.service is not None]
    if not rides:
        return None
    r = rides[-1]
    assert r.service is not None
    return {
        "service": r.service.id, "frm": r.from_stop or "", "depart": _clock(r.depart or ""),
        "to": r.to_stop or "", "arrive": _clock(r.arrive or ""),
    }


def _clock(time: str) -> Arg:
    """A time of day as a traveller reads it: past midnight is the next day's ("00:34 the
    next day", not the timetable's 24:34)."""
    if not time or minutes_of(time) < 24 * 60:
        return time
    return say(N_("{clock} the next day"), clock=hhmm(minutes_of(time) - 24 * 60))


TIMETABLE_EXTRA_DAYS = 1
"""Longer trips a timetable refusal tries before proposing one: a day the timetable breaks
is a journey that cannot be made in time, which a spare day fixes or no length does
(贵阳 to 从江: the one train our timetable has leaves at 21:31 whatever the trip's length)."""


def _timetable_fixes(req: Request, region: str | None) -> list[Arg]:
    """Changed requests that a timetable refusal proposes, each planned in full (timed against
    the timetable and checked) before it is proposed: the hired car the traveller can consent
    to, and one more day, with the car if need be."""
    candidates: list[Request] = []
    if req.transport == "public":
        candidates.append(req.model_copy(update={"transport": "public+car"}))
    longer = req.model_copy(update={"days": req.days + TIMETABLE_EXTRA_DAYS})
    candidates.append(longer)
    if req.transport == "public":
        candidates.append(longer.model_copy(update={"transport": "public+car"}))
    found: list[Arg] = []
    for changed in candidates:
        if found and changed.days != req.days and changed.transport != req.transport:
            break  # the car alone works: no need to add a day to it
        try:
            plan(changed, region=region, explain=False, propose_fixes=False)
        except ImpossibleRequestError:
            continue
        found.append(fix_text(req, changed, lambda text: text))
    return found


def assemble(
    problem: Problem,
    tours: list[list[int]],
    *,
    explain: bool = True,
    check: bool = True,
    region: str | None = None,
    repair: bool = True,
    cap: bool = False,
    memo: _DayMemo | None = None,
) -> Itinerary:
    """Turn solver tours into an enriched itinerary, checked independently.

    ``repair=False`` raises `TimetableBreakError` where the timetable breaks a day, instead of
    dropping visits to mend it (`assemble_timed` re-solves first); with ``cap`` also
    `RoadCapError` where the timetable's waits push a day over its road cap. ``memo``: days
    of ``problem`` already timed (`_timed_days`).
    """
    req = problem.request
    region = region or req.region
    days, gave_up, mended = _timed_days(
        problem, tours, req.lang, region, repair=repair, memo=memo
    )
    if cap:
        measured = _over_cap(problem, mended, days)
        if measured:
            raise RoadCapError("a day is over its road cap", measured)
    itinerary = Itinerary(
        request=req,
        title=_title(req, problem.travel.atlas.pack.region.name, problem.arrive, problem.depart),
        days=days,
        score=float(sum(problem.instance.profits[v] for t in mended for v in t if v >= 0)),
        generated=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    )
    itinerary = enrich(itinerary, problem)
    if explain:
        explain_dropped(itinerary, problem, mended)
        missed = {p: _missed_service(problem, p, stops, req.lang) for p, stops in gave_up}
        kept = [d for d in itinerary.dropped if d.place not in missed]
        itinerary.dropped = list(missed.values()) + kept
    _locate(itinerary, problem.travel.atlas)
    if check:
        problems = check_itinerary(itinerary, region=region)
        if problems:
            raise PlanCheckError("planner produced an infeasible plan: " + "; ".join(problems))
    return itinerary


def prepare(req: Request, *, region: str | None = None) -> Problem:
    """Look up the request's places and build its solver instance."""
    region = region or req.region
    atlas = load_atlas(region)
    arrive, depart, must, avoid = resolve_places(req, atlas)
    travel = travel_model(req.transport, region)
    return build(req, atlas, travel, must=must, avoid=avoid, arrive=arrive, depart=depart)


def plan(
    req: Request,
    *,
    seconds: float = DEFAULT_SECONDS,
    region: str | None = None,
    check: bool = True,
    explain: bool = True,
    propose_fixes: bool = True,
) -> Itinerary:
    """Plan a trip for ``req`` and return an itinerary that passes the independent checker.
    A refusal proposes changed requests that were planned successfully (``propose_fixes``;
    off when the planner tries such a change itself).

    Raises
    ------
    UnknownPlaceError
        A name in the request matches no place (the error carries suggestions).
    ImpossibleRequestError
        The request cannot be met; the message names the binding constraint.
    """
    problem = prepare(req, region=region)
    problem, tours = _solve_light_arrival(problem, seconds, region, propose_fixes)
    return finish(
        problem, tours, seconds=seconds, region=region, check=check, explain=explain,
        propose_fixes=propose_fixes,
    )


def finish(
    problem: Problem,
    tours: list[list[int]],
    *,
    seconds: float = DEFAULT_SECONDS,
    region: str | None = None,
    check: bool = True,
    explain: bool = True,
    propose_fixes: bool = True,
) -> Itinerary:
    """The itinerary `plan` makes of the tours its search found: a second look at the hotel
    changes (`_fewer_moves`), then every day timed against the timetable and re-solved or
    mended where it breaks (`assemble_timed`). Public so that `bench/plan.py` can put the
    tours of its long reference run through the same steps: a reference that misses its last
    train is not a plan to measure against."""
    req = problem.request
    tours = _fewer_moves(problem, tours, seconds, region)
    try:
        return assemble_timed(
            problem,
            tours,
            lambda p, warm: solve_problem(  # a refusal here is caught: no fixes to plan
                p, seconds, region=region, initial=warm, patience=REPLAN_PATIENCE,
                propose_fixes=False,
            ),
            cap_resolve=lambda p, warm: solve_problem(  # a refusal keeps the plan as it is
                p, seconds, region=region, initial=warm, propose_fixes=False
            ),
            explain=explain,
            check=check,
            region=region,
        )
    except TimetableBreakError as exc:
        if not propose_fixes or exc.broken is None:
            raise
        fixes = _timetable_fixes(req, region)
        message = _no_service_message(problem, exc.broken, fixes)
        raise TimetableBreakError(message, exc.arcs, exc.broken, req.lang) from exc


def full_arrival(problem: Problem) -> Problem:
    """The problem with the arrival day held to the pace's full road cap (the light arrival
    day is a repair made after the solve, `_solve_light_arrival`)."""
    inst = problem.instance
    caps = inst.travel_limits
    if caps is None or caps[0] >= caps[-1]:
        return problem
    full = dataclasses.replace(inst, travel_limits=(caps[-1], *caps[1:]))
    return dataclasses.replace(problem, instance=full)


def _solve_light_arrival(
    problem: Problem, seconds: float, region: str | None, propose_fixes: bool = True
) -> tuple[Problem, list[list[int]]]:
    """Solve with the arrival day held to its lighter cap (`pace.road_caps`), and only when
    no plan fits it, with the pace's full cap, which the arrival day then keeps. Returns the
    problem the tours were solved on, and the tours.

    The planner used to solve at the full cap first and again under the lighter one from
    that plan, when its arrival day was heavier (29 of `bench/plan.py`'s 50 requests),
    because a search under the lighter cap from scratch had settled on worse plans. It now
    does about as well for a quarter less CPU: over five seeds of those requests the summed
    score moves by -0.51 % to +0.59 % (mean +0.03 %), with single plans swinging both ways
    (docs/planning.md, "A light arrival day", has the figures)."""
    full = full_arrival(problem)
    if full is not problem:
        try:
            return problem, solve_problem(problem, seconds, region=region, propose_fixes=False)
        except ImpossibleRequestError:
            pass  # no plan fits the lighter cap: the full one, refused with fixes if need be
    return full, solve_problem(full, seconds, region=region, propose_fixes=propose_fixes)


def _moves(tours: list[list[int]]) -> int:
    """Nights spent in another hotel than the night before."""
    return sum(1 for a, b in pairwise(tours[:-1]) if a[-1] != b[-1])


def _fewer_moves(
    problem: Problem, tours: list[list[int]], seconds: float, region: str | None
) -> list[list[int]]:
    """The plan solved again from ``tours`` with each hotel change costing
    `HOTEL_SETTLE_WEIGHT` and the signature sights it visits kept as must-sees: two nights in
    a good base beat moving on for a lesser sight (issue 13), and a night at an evening
    place's base earning `EVENING_WEIGHT`. The tours with fewer hotel changes or more
    evenings, unless they return to a region more often, else ``tours`` as they were: a plan
    that never changes hotel and has every evening is returned without the search, which
    could not improve it (9 of `bench/plan.py`'s 50 requests)."""
    inst = problem.instance
    if _moves(tours) == 0 and not _evenings_missed(inst, tours):
        return tours
    places = problem.travel.atlas.places
    hotels = set(inst.hotels)
    sights = frozenset(
        v for t in tours for v in t
        if v >= 0 and v not in hotels and places[problem.ids[v]].rank in SIGNATURE_RANKS
    )
    settled = dataclasses.replace(
        inst, hotel_change_weight=HOTEL_SETTLE_WEIGHT, mandatory=inst.mandatory | sights,
        evening_weight=EVENING_WEIGHT,
    )
    try:
        fewer = solve_problem(
            dataclasses.replace(problem, instance=settled), seconds, region=region,
            initial=tours, patience=REPLAN_PATIENCE, propose_fixes=False,
        )
    except ImpossibleRequestError:
        return tours
    better = _moves(fewer) < _moves(tours) or inst.evenings_kept(fewer) > inst.evenings_kept(tours)
    groups = inst.groups or ()
    worse = bool(groups) and reentries(groups, fewer) > reentries(groups, tours)
    return fewer if better and not worse else tours


def _evenings_missed(inst: Instance, tours: list[list[int]]) -> bool:
    """Whether the plan visits an evening place without a night at its base."""
    visited = sum(1 for t in tours for v in t[1:-1] if v in inst.evenings)
    return visited > 0 and inst.evenings_kept(tours) < visited


def assemble_timed(
    problem: Problem,
    tours: list[list[int]],
    resolve: Callable[[Problem, list[list[int]]], list[list[int]]],
    *,
    cap_resolve: Callable[[Problem, list[list[int]]], list[list[int]]] | None = None,
    **kwargs: Any,
) -> Itinerary:
    """`assemble`, re-optimising where the timetable breaks a day.

    The solver plans with each ride's typical time; when a ride's last service has gone by
    the time the traveller reaches it, every journey that takes the ride is made slower in
    the instance by the minutes it was missed by, and the trip is solved again from the
    current tours, so the solver leaves earlier, reorders or gives a place up. A day the
    checker breaks (too late at the end) slows every journey on its last ride by
    TIMETABLE_PENALTY (its last journey, when it takes none). Only after MAX_RESOLVES rounds,
    or when no plan avoids the ride, are the last tours
    mended by dropping visits (`_timed_days`); a journey that still breaks is then removed
    and the trip solved without it (at most MAX_FORBIDS times). A day the timetable's waits
    push over its road cap is solved again with its journeys at their timed minutes, at
    most MAX_CAP_RESOLVES times (`RoadCapError`), by ``cap_resolve`` when given (else
    ``resolve``): the new plan's search then restarts as a first solve does, where a broken
    timetable only needs the day it breaks mended (docs/planning.md, "Time on the road").
    The search's own tours, mended by dropping visits where the timetable first breaks them
    (`_mend`), are returned instead of what the re-solves make when they score more, or when
    the re-solves end in a refusal.
    """
    cap_rounds, rounds = MAX_CAP_RESOLVES, MAX_RESOLVES
    mended: _Mended | None = None
    first = problem
    memo: _DayMemo = {}  # the days of the search's own problem, timed once
    while rounds > 0:
        try:
            timed = assemble(
                problem, tours, repair=False, cap=cap_rounds > 0,
                memo=memo if problem is first else None, **kwargs,
            )
            return _better(timed, mended, kwargs)
        except RoadCapError as exc:
            problem, tours, cap_rounds = _within_cap(
                problem, tours, exc, cap_resolve or resolve, cap_rounds
            )
            continue
        except TimetableBreakError as exc:
            if mended is None and problem is first:
                mended = _mend(problem, tours, kwargs.get("region"), memo)
            b = exc.broken
            steered = problem
            if b is not None and b.stops is not None and b.late is not None:
                steered = _slower_ride(problem, b.stops, b.late + MARGIN)
            elif b is not None and b.stops is not None and not _runs(problem, b.stops, b.day):
                steered = _without_ride(problem, b.stops)
            elif exc.arcs and b is not None and (ride := _late_ride(b)) is not None:
                steered = _slower_ride(problem, ride, TIMETABLE_PENALTY)
            elif exc.arcs:
                for arc in exc.arcs:
                    steered = _slower(steered, arc)
            else:
                break  # nothing to steer the solver by: mend the day by dropping visits
            try:
                tours = resolve(steered, tours)
            except ImpossibleRequestError:
                break  # no plan avoids the ride: mend the day by dropping visits, or refuse
            problem = steered
            rounds -= 1
    forbids = MAX_FORBIDS
    while True:
        try:  # the days as mended by dropping visits are held to the cap too
            return _better(assemble(problem, tours, cap=cap_rounds > 0, **kwargs), mended, kwargs)
        except RoadCapError as exc:
            problem, tours, cap_rounds = _within_cap(
                problem, tours, exc, cap_resolve or resolve, cap_rounds
            )
        except TimetableBreakError as exc:
            if mended is not None:
                return assemble(mended.problem, mended.tours, memo=mended.memo, **kwargs)
            if not exc.arcs or forbids == 0:
                raise
            forbids -= 1
            # a journey no re-timing or dropped visit mends: plan without it
            problem = _without(problem, exc.arcs)
            try:
                tours = resolve(problem, [t for t in tours if t])
            except ImpossibleRequestError:
                raise exc from None  # nothing works without it: the timetable is the reason


@dataclasses.dataclass(frozen=True)
class _Mended:
    """The search's own tours with the days the timetable breaks mended by dropping visits
    (`_timed_days`), and the score that leaves."""

    problem: Problem
    tours: list[list[int]]
    score: float
    memo: _DayMemo


def _mend(
    problem: Problem, tours: list[list[int]], region: str | None, memo: _DayMemo
) -> _Mended | None:
    """The search's tours mended, if that works and keeps every day within its road cap.

    A re-solve steered away from a broken ride can lose far more than the mend: 2 packed
    February days from 贵阳 planned 西江 by the last bus to 凯里, which reached it 2 minutes
    past the day's end; the re-solve, with every journey on that bus slowed, kept to 贵阳
    (score 1,860), where dropping one sight before the bus kept 西江 (2,360)."""
    req = problem.request
    try:
        days, _gave_up, mended = _timed_days(
            problem, tours, req.lang, region or req.region, memo=memo
        )
    except TimetableBreakError:
        return None
    if _over_cap(problem, mended, days):
        return None
    score = float(sum(problem.instance.profits[v] for t in mended for v in t if v >= 0))
    return _Mended(problem, [list(t) for t in tours], score, memo)


def _better(timed: Itinerary, mended: _Mended | None, kwargs: dict[str, Any]) -> Itinerary:
    """``timed``, or the mended search tours (`_mend`) where they score more."""
    if mended is None or mended.score <= timed.score:
        return timed
    return assemble(mended.problem, mended.tours, memo=mended.memo, **kwargs)


def _within_cap(
    problem: Problem,
    tours: list[list[int]],
    exc: RoadCapError,
    resolve: Callable[[Problem, list[list[int]]], list[list[int]]],
    rounds: int,
) -> tuple[Problem, list[list[int]], int]:
    """The trip solved again with the over-cap day's journeys counted at their timed minutes
    (the search then keeps that day within the cap), and the cap rounds left; where nothing
    fits the cap at those minutes, the plan as it was and no rounds left (it is kept)."""
    try:
        slower = _measured(problem, exc.measured)
        return slower, resolve(slower, tours), rounds - 1
    except ImpossibleRequestError:
        return problem, tours, 0


def _without(problem: Problem, arcs: frozenset[tuple[int, int]]) -> Problem:
    """The problem with these journeys removed (as if no service ran)."""
    travel = problem.instance.travel.copy()
    road = problem.instance.road_times.copy()
    for arc in arcs:
        travel[arc] = road[arc] = NO_WAY
    inst = dataclasses.replace(problem.instance, travel=travel, road=road)
    return dataclasses.replace(problem, instance=inst)


def _late_ride(b: _Broken) -> tuple[str, str] | None:
    """The stops of the last ride of a day that runs past its end, if it takes one: the
    wait for that ride is what the solver's typical times left out."""
    if b.ends is None:
        return None
    rides = [s for leg in b.ends.legs for s in leg.steps if s.service is not None]
    return (rides[-1].from_, rides[-1].to) if rides else None


def _runs(problem: Problem, stops: tuple[str, str], d: int) -> bool:
    """Whether any service of the ride between ``stops`` runs on day ``d`` (a ride the
    feed has no departure for is a route, not a service, and counts as running)."""
    feed = problem.travel.feed
    rides = feed.departures(*stops)
    return not rides or any(feed.runs_on(r.service_id, problem.dates[d]) for r in rides)


def _without_ride(problem: Problem, stops: tuple[str, str]) -> Problem:
    """The problem without every journey that takes the ride between ``stops``: no service
    of it runs on the trip's dates (a date past the feed's calendar, a weekday it does not
    run), so no re-timing could mend a day that takes it."""
    through = problem.travel.journeys_through(stops)
    arcs = frozenset(
        (u, v)
        for u, a in enumerate(problem.ids)
        for v, b in enumerate(problem.ids)
        if (a, b) in through
    )
    return _without(problem, arcs)


def _slower(problem: Problem, arc: tuple[int, int]) -> Problem:
    travel = problem.instance.travel.copy()
    travel[arc] += TIMETABLE_PENALTY
    return _with_travel(problem, travel)


def _slower_ride(problem: Problem, stops: tuple[str, str], minutes: float) -> Problem:
    """Every journey of the instance that takes this ride, ``minutes`` slower: the solver
    then reaches the ride earlier in the day, whichever way it comes."""
    travel = problem.instance.travel.copy()
    through = problem.travel.journeys_through(stops)
    for u, a in enumerate(problem.ids):
        for v, b in enumerate(problem.ids):
            if (a, b) in through and travel[u, v] < NO_WAY:
                travel[u, v] += minutes
    return _with_travel(problem, travel)


def _with_travel(problem: Problem, travel: Any) -> Problem:
    """The problem with journeys slowed to steer the search; the time counted against the
    daily road cap stays the real one (a penalty is not time in a vehicle)."""
    inst = problem.instance
    return dataclasses.replace(
        problem, instance=dataclasses.replace(inst, travel=travel, road=inst.road_times)
    )


def _title(req: Request, region: Names, arrive: Place, depart: Place) -> str:
    return words(req.lang)._(
        "{days}-day {region} trip: {arrive} → {depart}",
        days=req.days,
        region=region.in_(req.lang),
        arrive=arrive.name(req.lang),
        depart=depart.name(req.lang),
    )


def _locate(it: Itinerary, atlas: Atlas) -> None:
    """Give the places left out their coordinates, so a map needs nothing but the plan."""
    for d in it.dropped:
        place = atlas.places.get(d.place)
        if place is not None:
            d.lat, d.lon = round(place.lat, 6), round(place.lon, 6)
