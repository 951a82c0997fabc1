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


def _no_service(p: Place, name: str, zh: bool) -> Dropped:
    reason = (
        "没有可查证的班车或火车能到，单程打车又超过 30 公里"
        if zh
        else "no bus or train we can cite goes there, and a taxi would be over 30 km"
    )
    fix = (
        "改用 --transport public+car（允许单程包车）或 charter"
        if zh
        else "use --transport public+car (a hired car for a leg) or charter"
    )
    return Dropped(place=p.id, name=name, reason=reason, fix=fix)


def _why_not(problem: Problem, p: Place, tours: list[list[int]]) -> Dropped:
    zh = problem.request.lang == "zh"
    atlas = problem.travel.atlas
    name = p.name(problem.request.lang)
    visit = service_minutes(p, problem.request.pace)
    if not _linked(problem, p):
        return _no_service(p, name, zh)
    if _closed(problem, p):
        month = problem.request.travel_month
        return Dropped(
            place=p.id,
            name=name,
            reason=f"{month} 月不开放或开放时间容不下 {visit} 分钟的游览"
            if zh
            else f"closed in month {month}, or its hours cannot hold a {visit}-minute visit",
            fix="换个月份出行" if zh else "travel in another month",
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
        return _no_service(p, name, zh)
    if not feasible:
        reason = (
            f"需要 {visit} 分钟游览，加上从{base.zh if base else '住处'}往返约 "
            f"{2 * travel:.0f} 分钟，在这 {problem.request.days} 天的时间框架里放不下"
            if zh
            else f"needs {visit} min on site plus about {2 * travel:.0f} min of travel from "
            f"{base.en if base else 'the nearest base'}; it does not fit in "
            f"{problem.request.days} day(s) with the chosen pace"
        )
        fix = "多留一天，或改用 packed 节奏" if zh else "add a day, or choose the packed pace"
        return Dropped(place=p.id, name=name, reason=reason, fix=fix)
    before = {problem.ids[x] for t in tours for x in t[1:-1]}
    after = {problem.ids[x] for t in result.tours for x in t[1:-1]}
    lost = [atlas.places[x] for x in sorted(before - after)]
    lost_names = "、".join(q.name(problem.request.lang) for q in lost) or "—"
    gain = float(problem.instance.profits[v])
    loss = sum(float(problem.instance.profits[problem.ids.index(q.id)]) for q in lost)
    reason = (
        f"放进来要挤掉 {lost_names}（价值 {loss:.0f} 对 {gain:.0f}）"
        if zh
        else f"fitting it would displace {lost_names} (worth {loss:.0f} vs {gain:.0f})"
    )
    fix = (
        f"用 --must {p.zh} 换掉它们，或多留一天"
        if zh
        else f"use --must {p.en!r} to swap them, or add a day"
    )
    return Dropped(place=p.id, name=name, reason=reason, fix=fix)


def explain_dropped(it: Itinerary, problem: Problem, tours: list[list[int]]) -> None:
    """Fill ``it.dropped`` with a reason and a fix for each high-value place left out."""
    visited = {v.place for d in it.days for v in d.visits}
    it.dropped = [_why_not(problem, p, tours) for p in _candidates(problem, visited)]


__all__ = ["explain_dropped", "hhmm"]
