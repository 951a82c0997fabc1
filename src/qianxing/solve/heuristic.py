"""`solve`: iterated local search for the OPHS with time windows, lunch and locked trips."""

from __future__ import annotations

import logging
from time import perf_counter

import numpy as np

from ._state import Context, State
from .check import feasible
from .construct import mandatory_start
from .exceptions import InfeasibleInstanceError
from .hotels import (
    allowed_hotels,
    choose_sequence,
    estimates,
    fill_bridges,
    hotel_values,
    improve_hotels,
)
from .insertion import insert_greedy, replace_pass
from .instance import Instance
from .inter import relocate_between, swap_between
from .intra import shorten
from .result import Result
from .ruin import ruin

logger = logging.getLogger(__name__)
_THRESHOLD = 0.01
_STARTS = 3
"""Constructions compared for the start."""
_RESTART = 100
"""Iterations without improvement after which the search restarts from a new construction."""
"""Record-to-record acceptance: keep candidates within 1 % of the best objective."""


def solve(
    instance: Instance,
    *,
    seconds: float = 1.0,
    seed: int = 0,
    max_iterations: int | None = None,
    patience: int | None = None,
) -> Result:
    """Find a good itinerary quickly with an iterated local search (ILS).

    The search is the ILS of Vansteenwegen, Souffriau, Vanden Berghe & Van Oudheusden (2009,
    "Iterated local search for the team orienteering problem with time windows", C&OR 36)
    extended with the hotel-selection ingredients of Divsalar, Vansteenwegen & Cattrysse (2013,
    "A variable neighborhood search method for the orienteering problem with hotel
    selection", IJPE 145).

    - Start: the best of three greedy constructions on hotel sequences from a dynamic
      programme over pairwise trip estimates (plain, mandatory-aware -- see
      `qianxing.solve.construct` -- and randomised).
    - Local search: 2-opt/relocate per trip, hotel change, relocate and swap between trips,
      ``profit^2/time`` insertion, and replacement of a visit by a more valuable one (or an
      equally valuable one that shortens the trip).
    - Perturbation (`qianxing.solve.ruin`): segment, random and geographic-cluster removal,
      clearing a trip (optionally with new hotels), a random hotel change, rebuilding the two
      trips around a night with the best of a sample of hotels, and "promote" (force a
      valuable unvisited vertex into a trip whose hotels move next to it).
    - Acceptance: record-to-record (1 % of the best objective); back to the best after 50
      idle iterations, a fresh randomised construction after every `_RESTART` idle ones.

    The objective is ``score - instance.travel_weight * travel``; ties are broken by less total
    trip time.

    Parameters
    ----------
    instance
        The problem.
    seconds
        Wall-clock budget; the best itinerary found so far is returned when it runs out.
    seed
        Seed of the random perturbations. Runs stopped by `max_iterations` or `patience` are
        reproducible; runs stopped by the clock may differ in length.
    max_iterations
        Optional cap on ILS iterations.
    patience
        Stop after this many iterations without improvement (default ``40 + 20 * n``, enough
        for small instances to return well before `seconds`).

    Returns
    -------
    Result
        Always feasible (verified by `feasible`); a trip may be empty.

    Raises
    ------
    InfeasibleInstanceError
        When mandatory vertices, locked trips or the hotel chain cannot be satisfied (best
        effort: the message names the first culprit found).
    """
    began = perf_counter()
    deadline = began + seconds
    ctx = Context(instance)
    rng = np.random.default_rng(seed)
    allowed = allowed_hotels(ctx)
    _check_mandatory(ctx, allowed)
    est = estimates(ctx, allowed)
    try:
        values = hotel_values(ctx, allowed, est)
    except InfeasibleInstanceError:  # maybe only through trips that need a lunch stop
        ctx.use_bridges = True
        est = estimates(ctx, allowed)
        values = hotel_values(ctx, allowed, est)
    cur = _start(ctx, allowed, est, values, rng)
    best = cur.copy()
    best_key = best.key()
    patience = 40 + 20 * ctx.n if patience is None else patience
    size_cap = max(2, ctx.n // (2 * max(1, len(ctx.open_days))))
    size, iteration, stale = 1, 0, 0
    while perf_counter() < deadline and stale < patience and ctx.open_days:
        if max_iterations is not None and iteration >= max_iterations:
            break
        iteration += 1
        cand = cur.copy()
        ruin(cand, allowed, rng, size)
        insert_greedy(cand, rng, 0.25)
        _local_search(cand, allowed, between=False)
        if cand.value() >= best_key[0] - abs(best_key[0]) * 2 * _THRESHOLD:
            _local_search(cand, allowed)  # moves between trips only for promising candidates
        if not cand.is_valid():  # a trip lost the only visit that made it feasible
            stale += 1
            continue
        key = cand.key()
        if key > best_key:
            best, best_key, stale, size = cand.copy(), key, 0, 1
        else:
            stale += 1
            size = size + 1 if size < size_cap else 1
        if key >= cur.key() or key[0] >= best_key[0] * (1.0 - _THRESHOLD):
            cur = cand
        if stale and stale % _RESTART == 0:
            cur = _start(ctx, allowed, est, values, rng, starts=1, first=2)
        elif stale and stale % 50 == 0:
            cur = best.copy()
    tours = [best.tour(d) for d in range(ctx.days)]
    problems = feasible(instance, tours)
    if problems:  # a bug, never a property of the instance
        raise RuntimeError(f"heuristic produced an infeasible itinerary: {problems}")
    return Result(
        instance=instance,
        tours=tours,
        score=best.score(),
        seconds=perf_counter() - began,
        iterations=iteration,
        travel=best.travel(),
    )


def _check_mandatory(ctx: Context, allowed: list[list[int]]) -> None:
    """Reject mandatory vertices that fit in no trip even on their own."""
    inst = ctx.instance
    free_mandatory = sorted(v for v in inst.mandatory if ctx.free[v])
    locked_vertices = {v for tour in inst.locked.values() for v in tour}
    for v in sorted(inst.mandatory):
        if not ctx.free[v] and v not in locked_vertices:
            raise InfeasibleInstanceError(f"mandatory vertex {v} is not a visitable vertex")
    cap = inst.max_visits_per_day
    if cap is not None and len(free_mandatory) > cap * len(ctx.open_days):
        raise InfeasibleInstanceError(
            f"{len(free_mandatory)} mandatory vertices exceed max_visits_per_day {cap} "
            f"over {len(ctx.open_days)} free trips"
        )
    for v in free_mandatory:
        ok = any(
            ctx.available[d, v] and ctx.timer.end(d, [h, v, e]) is not None
            for d in ctx.open_days
            for h in allowed[d]
            for e in allowed[d + 1]
        )
        if not ok:
            raise InfeasibleInstanceError(
                f"mandatory vertex {v} fits in no trip (closed, too far or too long) "
                "even when visited alone"
            )


def _start(
    ctx: Context,
    allowed: list[list[int]],
    est: dict[tuple[int, int, int], float],
    values: list[dict[int, float]],
    rng: np.random.Generator,
    starts: int = _STARTS,
    first: int = 0,
) -> State:
    """Best of a few greedy constructions on DP hotel sequences (plain, mandatory-aware, noisy).

    Up to 12 constructions are tried until `starts` of them cover every mandatory vertex.
    """
    missing: list[int] = []
    best: State | None = None
    found = 0
    for attempt in range(first, first + 12):
        if found >= starts:
            break
        noisy = attempt > 1
        if attempt == 1:
            built = mandatory_start(ctx, allowed, est)
            if built is None:
                continue
            st = built
        else:
            seq = choose_sequence(ctx, est, values, rng if noisy else None, 0.3 if noisy else 0.0)
            st = State(ctx, seq)
            if noisy and attempt % 2 == 0:
                built = mandatory_start(ctx, allowed, est, rng)
                st = st if built is None else built
        if not fill_bridges(st):
            continue
        insert_greedy(st, rng if noisy else None, 0.3 if noisy else 0.0)
        _local_search(st, allowed)
        missing = [v for v in np.flatnonzero(ctx.mandatory & ~st.used).tolist()]
        if missing or not st.is_valid():
            continue
        found += 1
        if best is None or st.key() > best.key():
            best = st
    if best is None:
        if not missing:
            raise InfeasibleInstanceError(
                "no itinerary found in which every trip can be scheduled "
                "(heuristic search; solve_exact can prove it)"
            )
        raise InfeasibleInstanceError(
            f"could not fit mandatory vertices {missing} into any itinerary found "
            "(heuristic search; solve_exact can prove it)"
        )
    return best


def _local_search(st: State, allowed: list[list[int]], *, between: bool = True) -> None:
    """Shorten, re-hotel, move between trips, insert and replace until nothing improves.

    ``between=False`` skips the (costlier) moves between trips.
    """
    ctx = st.ctx
    while True:
        for d in ctx.open_days:
            shorten(st, d)
        improve_hotels(st, allowed)
        if between:
            moved = relocate_between(st)
            moved = swap_between(st) or moved
            if moved:
                for d in ctx.open_days:
                    shorten(st, d)
        inserted = insert_greedy(st)
        replaced = replace_pass(st)
        if not (inserted or replaced):
            return
