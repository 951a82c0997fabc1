"""Reasons for what was left out: the binding constraint, and the change that would fit it.

For each high-value place the plan skips, we ask the solver the counterfactual: "what if it
were a must-see?" If it cannot fit at all, the reason is time (visit plus travel versus the day
length, or opening hours); if it can, the reason is what it would displace. Either way we say
what change would fit it (one more day, a different pace, marking it --must).
"""

from __future__ import annotations

import dataclasses
import math

from .data.place import Place
from .i18n import Words, words
from .instance import Problem, hhmm, reached, service_minutes
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


def _no_service(p: Place, name: str, w: Words) -> Dropped:
    reason = w._("no bus or train we can cite goes there, and a taxi would be over 30 km")
    fix = w._("use --transport public+car (a hired car for a leg) or charter")
    return Dropped(place=p.id, name=name, reason=reason, fix=fix)


def _why_not(problem: Problem, p: Place, tours: list[list[int]]) -> Dropped:
    w = words(problem.request.lang)
    atlas = problem.travel.atlas
    name = p.name(problem.request.lang)
    visit = service_minutes(p, problem.request.pace)
    if not _linked(problem, p):
        return _no_service(p, name, w)
    if _closed(problem, p):
        month = problem.request.travel_month
        return Dropped(
            place=p.id,
            name=name,
            reason=w._(
                "closed in month {month}, or its hours cannot hold a {minutes}-minute visit",
                month=month,
                minutes=visit,
            ),
            fix=w._("travel in another month"),
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
        return _no_service(p, name, w)
    if not feasible:
        there_and_back = f"{2 * travel:.0f}"
        reason = w._(
            "needs {minutes} min on site plus about {travel} min of travel from {base}; it does "
            "not fit in {days} day(s) with the chosen pace",
            minutes=visit,
            travel=there_and_back,
            base=base.name(problem.request.lang) if base else w._("the nearest base"),
            days=problem.request.days,
        )
        fix = w._("add a day, or choose the packed pace")
        return Dropped(place=p.id, name=name, reason=reason, fix=fix)
    before = {problem.ids[x] for t in tours for x in t[1:-1]}
    after = {problem.ids[x] for t in result.tours for x in t[1:-1]}
    lost = [atlas.places[x] for x in sorted(before - after)]
    lost_names = "、".join(q.name(problem.request.lang) for q in lost) or "—"
    gain = float(problem.instance.profits[v])
    loss = sum(float(problem.instance.profits[problem.ids.index(q.id)]) for q in lost)
    worth_lost, worth_gained = f"{loss:.0f}", f"{gain:.0f}"
    reason = w._(
        "fitting it would displace {places} (worth {loss} vs {gain})",
        places=lost_names,
        loss=worth_lost,
        gain=worth_gained,
    )
    # the translation quotes the name as its language's command line needs ({place!r} in English)
    fix = w._("use --must {place!r} to swap them, or add a day", place=name)
    return Dropped(place=p.id, name=name, reason=reason, fix=fix)


def explain_dropped(it: Itinerary, problem: Problem, tours: list[list[int]]) -> None:
    """Fill ``it.dropped`` with a reason and a fix for each high-value place left out."""
    visited = {v.place for d in it.days for v in d.visits}
    it.dropped = [_why_not(problem, p, tours) for p in _candidates(problem, visited)]


__all__ = ["explain_dropped", "hhmm"]
