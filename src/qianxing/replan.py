"""Editing a plan: lock days, remove, add or move places, and re-optimize the rest.

Locked days are handed to the solver as fixed trips and copied back verbatim, so they stay
exactly as they were; the result is checked by the independent checker like any plan.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from .data.atlas import load_atlas
from .exceptions import ImpossibleRequestError
from .instance import UNAVAILABLE, Problem
from .model import Day, Itinerary
from .plan import (
    DEFAULT_SECONDS,
    REPLAN_PATIENCE,
    assemble,
    assemble_timed,
    prepare,
    solve_problem,
)


@dataclass(frozen=True)
class Edits:
    """What the traveller changes; days are numbered from 1."""

    lock_days: tuple[int, ...] = ()
    remove: tuple[str, ...] = ()
    add: tuple[str, ...] = ()
    move: tuple[tuple[str, int], ...] = ()
    lang: str | None = None

    def __post_init__(self) -> None:
        if len(set(self.lock_days)) != len(self.lock_days):
            raise ValueError("lock_days repeats a day")


def _vertex(problem: Problem, place: str, lo: int, hi: int) -> int:
    for k in range(lo, hi):
        if problem.ids[k] == place:
            return k
    raise ImpossibleRequestError(f"{place} cannot be kept on a locked day: it is not plannable")


def _locked_tour(problem: Problem, day: Day, d: int) -> tuple[int, ...]:
    n_hotels = len(problem.instance.hotels)
    n = len(problem.ids)
    last = problem.request.days - 1
    first = 0 if d == 0 else _vertex(problem, day.start.place, 2, n_hotels)
    end = 1 if d == last else _vertex(problem, day.end.place, 2, n_hotels)
    inner = tuple(_vertex(problem, v.place, n_hotels, n) for v in day.visits)
    return (first, *inner, end)


def _warm_tours(problem: Problem, it: Itinerary) -> list[list[int]] | None:
    """The old plan as tours of the new instance (places it no longer has are left out), for
    the solver to start from: most of a re-planned trip stays as it was."""
    n_hotels = len(problem.instance.hotels)
    vertex = {pid: k for k, pid in enumerate(problem.ids) if k >= 2}
    last = problem.request.days - 1
    tours: list[list[int]] = []
    for d, day in enumerate(it.days):
        first = 0 if d == 0 else vertex.get(day.start.place, -1)
        end = 1 if d == last else vertex.get(day.end.place, -1)
        if not (0 <= first < n_hotels and 0 <= end < n_hotels):
            return None
        inner = [vertex[v.place] for v in day.visits if vertex.get(v.place, -1) >= n_hotels]
        tours.append([first, *inner, end])
    return tours


def _request(it: Itinerary, edits: Edits) -> tuple[list[str], list[str], list[str]]:
    """New must and avoid lists (as place ids) and the ids of the places locked in."""
    atlas = load_atlas()
    removed = {atlas.find(x).id for x in edits.remove}
    added = [atlas.find(x).id for x in edits.add] + [atlas.find(x).id for x, _ in edits.move]
    locked = [v.place for n in edits.lock_days for v in it.days[n - 1].visits]
    clash = removed & set(locked)
    if clash:
        names = ", ".join(sorted(atlas.places[c].zh for c in clash))
        raise ImpossibleRequestError(f"{names} is on a locked day; unlock it before removing it")
    old_must = [atlas.find(m).id for m in it.request.must]
    must = [m for m in dict.fromkeys([*old_must, *added, *locked]) if m not in removed]
    old_avoid = [atlas.find(a).id for a in it.request.avoid]
    avoid = [a for a in dict.fromkeys([*old_avoid, *removed]) if a not in set(added)]
    return must, avoid, locked


def _changes(old: Itinerary, new: Itinerary, edits: Edits, lang: str) -> list[str]:
    """What changed between two plans, each with its reason (your edit, or re-optimization)."""
    zh = lang == "zh"
    atlas = load_atlas()
    asked_out = {atlas.find(x).id for x in edits.remove}
    asked_in = {atlas.find(x).id for x in edits.add} | {atlas.find(x).id for x, _ in edits.move}
    mine, fill = ("按你的要求", "as you asked") if zh else ("as you asked", "as you asked")
    auto = "重新优化后腾出/需要时间" if zh else "re-optimized around your edits"

    def why(place: str, asked: set[str]) -> str:
        return (mine if zh else fill) if place in asked else auto

    out: list[str] = []
    before = {v.place: d.day for d in old.days for v in d.visits}
    after = {v.place: (d.day, v.name) for d in new.days for v in d.visits}
    names = {v.place: v.name for d in old.days for v in d.visits}
    for place, day in before.items():
        if place not in after:
            out.append(
                f"第 {day} 天删去 {names[place]}（{why(place, asked_out)}）"
                if zh
                else f"day {day}: {names[place]} removed ({why(place, asked_out)})"
            )
        elif after[place][0] != day:
            out.append(
                f"{names[place]} 从第 {day} 天移到第 {after[place][0]} 天（{why(place, asked_in)}）"
                if zh
                else f"{names[place]} moved from day {day} to day {after[place][0]} "
                f"({why(place, asked_in)})"
            )
    for place, (day, name) in after.items():
        if place not in before:
            out.append(
                f"第 {day} 天新增 {name}（{why(place, asked_in)}）"
                if zh
                else f"day {day}: {name} added ({why(place, asked_in)})"
            )
    for a, b in zip(old.days, new.days, strict=False):
        if a.lodging and b.lodging and a.lodging.base != b.lodging.base:
            out.append(
                f"第 {a.day} 晚改住 {b.lodging.name}（跟随新的路线）"
                if zh
                else f"night {a.day}: now sleeping in {b.lodging.name} (follows the new route)"
            )
    return out or (["没有变化" if zh else "no change"])


def replan(
    it: Itinerary, edits: Edits, *, seconds: float = DEFAULT_SECONDS, explain: bool = True
) -> tuple[Itinerary, list[str]]:
    """Re-optimize ``it`` under ``edits``; return the new itinerary and what changed.

    Raises
    ------
    ImpossibleRequestError
        The edits contradict each other or cannot be met (the message says which).
    UnknownPlaceError
        A named place is not in the pack.
    """
    days = it.request.days
    for n in (*edits.lock_days, *(t for _, t in edits.move)):
        if not 1 <= n <= days:
            raise ImpossibleRequestError(f"day {n} does not exist: the trip has {days} day(s)")
    must, avoid, _ = _request(it, edits)
    req = it.request.model_copy(
        update={"must": must, "avoid": avoid, "lang": edits.lang or it.request.lang}
    )
    problem = prepare(req)
    inst = problem.instance
    locked = {n - 1: _locked_tour(problem, it.days[n - 1], n - 1) for n in edits.lock_days}
    windows = None if inst.windows is None else np.array(inst.windows)
    atlas = load_atlas()
    for name, to_day in edits.move:
        v = problem.ids.index(atlas.find(name).id)
        if windows is not None:
            for d in range(days):
                if d != to_day - 1:
                    windows[d, v] = UNAVAILABLE
    problem = dataclasses.replace(
        problem, instance=dataclasses.replace(inst, locked=locked, windows=windows)
    )
    warm = _warm_tours(problem, it)
    # from the old plan the search needs fewer idle iterations to settle
    patience = None if warm is None else REPLAN_PATIENCE

    def resolve(p: Problem, tours: list[list[int]]) -> list[list[int]]:
        return solve_problem(p, seconds, patience=patience, initial=tours, propose_fixes=False)

    tours = solve_problem(problem, seconds, patience=patience, initial=warm, propose_fixes=False)
    new = assemble_timed(problem, tours, resolve, explain=explain, check=False)
    for n in edits.lock_days:
        kept = it.days[n - 1].model_copy(deep=True)
        kept.locked = True
        new.days[n - 1] = kept
    from .check import check_itinerary

    problems = check_itinerary(new)
    if problems:
        raise ImpossibleRequestError("the edited plan does not hold: " + "; ".join(problems))
    return new, _changes(it, new, edits, req.lang)


def relabel(it: Itinerary, lang: str) -> Itinerary:
    """The same trip in another language: same days and stops, words and names re-rendered."""
    req = it.request.model_copy(update={"lang": lang})
    problem = prepare(req)
    tours = [list(_locked_tour(problem, day, d)) for d, day in enumerate(it.days)]
    return assemble(problem, tours)
