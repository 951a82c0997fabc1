"""Reasons for what was left out: the binding constraint, and the change that would fit it.

For each high-value place the plan skips, we ask the solver the counterfactual: "what if it
were a must-see?" If it cannot fit at all, the reason is time (visit plus travel versus the day
length, or opening hours); if it can, the reason is what it would displace. Either way we say
what change would fit it (one more day, a different pace, making it a must-see). Reasons
and fixes are messages (`qianxing.message`), worded by each view in its language.
"""

from __future__ import annotations

import dataclasses
import math

from .data.place import Place
from .i18n import N_
from .instance import Problem, hhmm, reached, service_minutes
from .message import PUBLIC_CAR, Option, join, names, say
from .model import Dropped, Itinerary
from .refusal import UNREACHABLE
from .solve import (
    InfeasibleInstanceError,
    MaxIterations,
    MaxRuntime,
    MultipleCriteria,
    NoImprovement,
    solve,
)

EXPLAIN_AT_MOST = 5
COUNTERFACTUAL_ITERATIONS = 50
"""Budget of the search asking whether a dropped place could be forced in. Iterations, not
the clock, so the same request gives the same reasons on any machine and under any load."""
COUNTERFACTUAL_SECONDS = 10.0
"""A safety net only: no counterfactual search on the bundled pack comes near it."""


def _counterfactual_stop(num_vertices: int) -> MultipleCriteria:
    """`COUNTERFACTUAL_ITERATIONS`, or ``40 + 20 * num_vertices`` idle iterations (small
    instances end sooner); the clock is a safety net."""
    return MultipleCriteria(
        [
            MaxIterations(COUNTERFACTUAL_ITERATIONS),
            NoImprovement(40 + 20 * num_vertices),
            MaxRuntime(COUNTERFACTUAL_SECONDS),
        ]
    )


def _candidates(problem: Problem, visited: set[str]) -> list[Place]:
    """Dropped places worth explaining: must-see rank or liked tags, highest score first."""
    atlas = problem.travel.atlas
    req = problem.request
    scores = {
        pid: float(problem.instance.profits[problem.ids.index(pid)]) for pid in problem.candidates
    }
    liked = set(req.like)
    pool = [
        atlas.places[pid]
        for pid in problem.candidates
        if pid not in visited
        and (
            atlas.places[pid].rank in ("icon", "top", "must")
            or liked & set(atlas.places[pid].tags)
        )
    ]
    pool.sort(key=lambda p: -scores[p.id])
    return pool[:EXPLAIN_AT_MOST]


def _closed(problem: Problem, p: Place) -> bool:
    v = problem.ids.index(p.id)
    w = problem.instance.windows
    return w is not None and bool((w[:, v, 0] > w[:, v, 1]).all())


def _linked(problem: Problem, p: Place) -> bool:
    """Whether any chain of journeys links the place to the trip's start and end."""
    links = problem.instance.travel < UNREACHABLE
    v = problem.ids.index(p.id)
    return bool(reached(links, problem.start_vertex)[v] and reached(links.T, problem.end_vertex)[v])


def _no_service(p: Place, name: str) -> Dropped:
    reason = say(N_("no bus or train we can cite goes there, and a taxi would be over 30 km"))
    fix = say(
        N_("use {car} (a hired car for a leg) or {charter}"),
        car=PUBLIC_CAR,
        charter=Option(option="transport", value="charter"),
    )
    return Dropped(place=p.id, name=name, reason=reason, fix=fix)


def _why_not(problem: Problem, p: Place, tours: list[list[int]]) -> Dropped:
    atlas = problem.travel.atlas
    name = p.name(problem.request.lang)
    visit = service_minutes(p, problem.request.pace)
    if not _linked(problem, p):
        return _no_service(p, name)
    if _closed(problem, p):
        month = problem.request.travel_month
        return Dropped(
            place=p.id,
            name=name,
            reason=say(
                N_("closed in month {month}, or its hours cannot hold a {minutes}-minute visit"),
                month=month,
                minutes=visit,
            ),
            fix=say(N_("travel in another month")),
        )
    v = problem.ids.index(p.id)
    inst = dataclasses.replace(problem.instance, mandatory=problem.instance.mandatory | {v})
    try:
        stop = _counterfactual_stop(inst.num_vertices)
        result = solve(inst, stop, seed=problem.request.seed)
        feasible = result.is_feasible()
    except InfeasibleInstanceError:
        feasible = False
    base = atlas.places.get(p.base or "")
    travel = problem.travel.time(base.id, p.id) if base else 0.0
    reach = max(travel, problem.travel.time(problem.arrive.id, p.id))
    if not feasible and (reach >= UNREACHABLE or not math.isfinite(reach)):
        return _no_service(p, name)
    if not feasible:
        reason = say(
            N_(
                "needs {minutes} min on site plus about {travel} min of travel from {base}; it "
                "does not fit in {days} day(s) with the chosen pace"
            ),
            minutes=visit,
            travel=f"{2 * travel:.0f}",
            base=names(base) if base else say(N_("the nearest base")),
            days=problem.request.days,
        )
        fix = say(N_("add a day, or choose the packed pace"))
        return Dropped(place=p.id, name=name, reason=reason, fix=fix)
    before = {problem.ids[x] for t in tours for x in t[1:-1]}
    after = {problem.ids[x] for t in result.tours for x in t[1:-1]}
    lost = [atlas.places[x] for x in sorted(before - after)]
    gain = float(problem.instance.profits[v])
    loss = sum(float(problem.instance.profits[problem.ids.index(q.id)]) for q in lost)
    reason = say(
        N_("fitting it would displace {places} (worth {loss} vs {gain})"),
        places=join(N_("{a}, {b}"), (names(q) for q in lost)) if lost else "—",
        loss=f"{loss:.0f}",
        gain=f"{gain:.0f}",
    )
    fix = say(
        N_("use {must} to swap them, or add a day"),
        must=Option(option="must", value=names(p)),
    )
    return Dropped(place=p.id, name=name, reason=reason, fix=fix)


def explain_dropped(it: Itinerary, problem: Problem, tours: list[list[int]]) -> None:
    """Fill ``it.dropped`` with a reason and a fix for each high-value place left out."""
    visited = {v.place for d in it.days for v in d.visits}
    it.dropped = [_why_not(problem, p, tours) for p in _candidates(problem, visited)]


__all__ = ["explain_dropped", "hhmm"]
