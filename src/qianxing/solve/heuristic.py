"""`solve`: iterated local search for the OPHS with time windows, lunch and locked trips."""

from __future__ import annotations

import dataclasses
import logging
import math
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from time import perf_counter
from typing import TYPE_CHECKING

import numpy as np

from ._state import MEMO_SIZE, Context, Estimates, State
from .check import feasible
from .construct import mandatory_start
from .coverage import coverage_sequences, trip_fills
from .exceptions import InfeasibleInstanceError
from .hotels import (
    allowed_hotels,
    bridges,
    choose_sequence,
    day_kinds,
    estimates,
    fill_bridges,
    hotel_values,
    improve_hotels,
)
from .insertion import insert_greedy, replace_pass
from .instance import Instance
from .inter import move_between
from .intra import shorten
from .params import SolveParams
from .promote import promote_rounds
from .result import Result
from .ruin import ruin
from .sequences import elite_states, ranked_sequences
from .stop import MaxIterations, MaxRuntime, MultipleCriteria, start_clocks
from .timing import schedule

if TYPE_CHECKING:
    from .stop import StoppingCriterion

logger = logging.getLogger(__name__)


def solve(
    instance: Instance,
    stop: StoppingCriterion,
    *,
    seed: int = 0,
    params: SolveParams = SolveParams(),
    initial: Sequence[Sequence[int]] | None = None,
) -> Result:
    """Find a good itinerary quickly with an iterated local search (ILS).

    The search is the ILS of Vansteenwegen, Souffriau, Vanden Berghe & Van Oudheusden (2009,
    "Iterated local search for the team orienteering problem with time windows", C&OR 36)
    extended with the hotel-selection ingredients of Divsalar, Vansteenwegen & Cattrysse (2013,
    "A variable neighborhood search method for the orienteering problem with hotel
    selection", IJPE 145).

    - Start: the best of `SolveParams.starts` greedy constructions on hotel sequences from dynamic
      programmes over pairwise trip estimates: plain, mandatory-aware
      (`qianxing.solve.construct`) and claim-aware (`qianxing.solve.coverage`, which does not
      count a vertex on two trips). Then rounds of promotion (`qianxing.solve.promote`): the
      hotels are laid out afresh to fit a valuable unvisited vertex beside the visited ones
      worth as much, kept when better. A re-plan can start from given tours (`initial`).
    - Local search: 2-opt/relocate per trip, hotel change, relocate and swap between trips,
      ``profit^2/time`` insertion, and replacement of a visit by a more valuable one (or an
      equally valuable one that shortens the trip).
    - Perturbation (`qianxing.solve.ruin`): segment, random and geographic-cluster removal,
      clearing a trip (optionally with new hotels), a random hotel change, rebuilding the two
      trips around a night with the best of a sample of hotels, "promote" (force a
      valuable unvisited vertex into a trip whose hotels move next to it) and "refill first"
      (one trip takes what it can reach before the others).
    - Acceptance: record-to-record (`SolveParams.threshold` of the run's best objective);
      back to the run's best after `SolveParams.reset_after` idle iterations. A run idle for
      `SolveParams.restart_after` iterations ends; the next starts from the best itinerary so
      far or, alternately, from an elite hotel sequence (the best quick solutions on the
      sequences ranked best by the estimates, `qianxing.solve.sequences`) or a noisy
      construction.

    The objective is ``score - instance.travel_weight * travel``; ties are broken by less total
    trip time.

    The moves that try many candidates (insertion, replacement, moves between trips, the
    timed 2-opt/relocate, the mandatory DP's subset orders) are compiled with numba
    (`qianxing.solve._kernels`); `warm_up` compiles them ahead of a first request.

    Parameters
    ----------
    instance
        The problem.
    stop
        When to stop (`qianxing.solve.stop`), asked once per iteration with the best cost so
        far (the negated objective; an improvement that only shortens the trips lowers it by
        the smallest float step, so `NoImprovement` counts it as one). The clocks of its
        `MaxRuntime` criteria start after the kernels are compiled, and the setup's optional
        work also ends at their budget. Runs stopped by `MaxIterations` or `NoImprovement`
        are reproducible; runs stopped by the clock may differ in length.
    seed
        Seed of the random perturbations.
    params
        The search's tuning (`SolveParams`).
    initial
        Tours to start from instead of the constructions (a re-plan after an edit starts from
        the old plan). Visits that are not free, not available that day, repeated or that
        make their trip infeasible are dropped; if the hotel chain does not fit the instance
        or a mandatory vertex stays out, the usual constructions are used.

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
    _compile_kernels()  # before the clock starts: a compile must not eat the budget
    began = perf_counter()
    deadline = start_clocks(stop)
    ctx = _context(instance)
    rng = np.random.default_rng(seed)
    allowed, est, values = _setup(ctx)
    warm = None if initial is None else _warm(ctx, allowed, initial)
    cur = _start(ctx, allowed, est, values, rng, params.starts) if warm is None else warm
    promoted = promote_rounds(
        cur, allowed, est, lambda st: _local_search(st, allowed, between=False), deadline=deadline
    )
    if promoted is not cur:  # candidates were compared without moves between trips
        _local_search(promoted, allowed)
        cur = promoted
    best = cur.copy()
    best_key = best.key()
    logger.debug("setup %.1f ms, start %.0f", (perf_counter() - began) * 1000, best_key[0])
    size_cap = max(2, ctx.n // (2 * max(1, len(ctx.open_days))))
    size, iteration = 1, 0
    # Each run of the ILS falls back to its own best (`run_best`); a run idle for `restart_after`
    # iterations ends, and the next starts alternately from the best itinerary so far
    # (intensification) and from an elite hotel sequence (diversification, `_restart`).
    run_best, run_key, run_stale, runs = best, best_key, 0, 0
    cur_key = best_key  # `cur.key()`, kept as `cur` changes
    elites: list[State] | None = None
    # `stop` sees the negated objective; a tie-break improvement (same objective, less time)
    # lowers it by one float step so that criteria count it as progress, as the search does.
    best_cost = -best_key[0]
    while ctx.open_days and not stop(best_cost):
        iteration += 1
        cand = cur.copy()
        ruin(cand, allowed, rng, size)
        insert_greedy(cand, rng, 0.25)
        _local_search(cand, allowed, between=False)
        value = cand.value()
        promising = value >= run_key[0] - abs(run_key[0]) * 2 * params.threshold
        if promising:
            _local_search(cand, allowed)  # moves between trips only for promising candidates
        if not cand.is_valid():  # a trip lost the only visit that made it feasible
            run_stale += 1
            continue
        key = cand.key(None if promising else value)  # moves between trips may change it
        if key > run_key:
            run_best, run_key, run_stale, size = cand.copy(), key, 0, 1
        else:
            run_stale += 1
            size = size + 1 if size < size_cap else 1
        if key > best_key:
            best, best_key = run_best, key
            best_cost = -key[0] if -key[0] < best_cost else math.nextafter(best_cost, -math.inf)
            logger.debug(
                "iteration %d: %.0f at %.1f ms (run %d)",
                iteration, key[0], (perf_counter() - began) * 1000, runs,
            )
        if key >= cur_key or key[0] >= run_key[0] * (1.0 - params.threshold):
            cur, cur_key = cand, key
        if run_stale >= params.restart_after:
            if elites is None:
                elites = _elites(ctx, allowed, est, values, deadline, params)
            runs += 1
            if runs % 2:
                cur = best.copy()
            elif (
                runs == 2
                and params.reach_beam
                and (reach := _reach_start(ctx, allowed, est, values, best, params.reach_beam))
                is not None
            ):
                cur = reach  # the first diversification goes where the best plan does not
            else:
                cur = _restart(ctx, allowed, est, values, rng, elites, runs // 2)
            cur_key = cur.key()
            run_best, run_key, run_stale, size = cur.copy(), cur_key, 0, 1
        elif run_stale and run_stale % params.reset_after == 0:
            cur, cur_key = run_best.copy(), run_key
    tours = [best.tour(d) for d in range(ctx.days)]
    problems = feasible(instance, tours)
    if problems:  # a bug, never a property of the instance
        raise RuntimeError(f"heuristic produced an infeasible itinerary: {problems}")
    return Result(
        instance=instance,
        tours=tours,
        seconds=perf_counter() - began,
        iterations=iteration,
    )


REACH_TIERS = 3
"""Values of missed places `_reach_start` tries, most valuable first, until a build reaches
one."""


def _reach_start(
    ctx: Context,
    allowed: list[list[int]],
    est: Estimates,
    values: list[dict[int, float]],
    best: State,
    beam: int,
) -> State | None:
    """The quick solution, if any, that visits one of the most valuable places `best` misses:
    the best build among the claim-aware sequences (`coverage_sequences`, `beam` states per
    night and hotel, `SolveParams.reach_beam`) whose estimated trips claim such a place. When
    no sequence claims one (梵净山 out of reach of nine days from 兴义 to 凯里), the places of
    the next value join them, up to `REACH_TIERS` values.

    A plan that misses a place worth a far round trip (荔波小七孔 from 贵阳: two nights there,
    the rest of the week elsewhere) is several hotel moves away from it, each of which alone
    scores lower, and the elite sequences, ranked by estimates that count the sights around
    贵阳 on every day, do not hold it (on "January, relaxed" not among the best 40). The
    claim-aware DP counts a place once, so a wide beam holds such sequences, and building them
    tells which is worth a run. Memoised per context, for the warm starts of one instance."""
    free = np.flatnonzero(ctx.available.any(axis=0) & ~best.used & (ctx.profits > 0))
    if free.size == 0:
        return None
    wanted = 0  # the missed places, most valuable first, down to the first tier reached
    options: list[tuple[int, list[int]]] | None = None
    built: dict[tuple[int, ...], State | None] = {}
    for tier in sorted(set(ctx.profits[free].tolist()), reverse=True)[:REACH_TIERS]:
        for v in free[ctx.profits[free] == tier].tolist():
            wanted |= 1 << int(v)
        if (wanted, beam) not in ctx.reach:
            if options is None:
                options = _claims(ctx, est, values, beam)
            found: State | None = None
            for claimed, seq in options:
                if not claimed & wanted:
                    continue
                if (key := tuple(seq)) not in built:
                    built[key] = _build(ctx, allowed, seq, None, 0.0)
                st = built[key]
                if st is not None and (found is None or st.key() > found.key()):
                    found = st
            ctx.reach[wanted, beam] = None if found is None else (found.snapshot(), found.figures())
        if ctx.reach[wanted, beam] is not None:
            break
    kept = ctx.reach[wanted, beam]
    if kept is None:
        return None
    st = State(ctx, list(best.hotels))
    st.restore(*kept)
    return st


def _claims(
    ctx: Context, est: Estimates, values: list[dict[int, float]], beam: int
) -> list[tuple[int, list[int]]]:
    """The claim-aware sequences (`beam` states per night and hotel), each with the bit set of
    the vertices its estimated trips claim."""
    fills = trip_fills(ctx, est)
    options = []
    for seq in coverage_sequences(ctx, est, values, beam=beam):
        claimed = 0
        for d in range(ctx.days):
            claimed |= fills[(d, seq[d], seq[d + 1])][0]
        options.append((claimed, list(seq)))
    return options


_CONTEXTS: OrderedDict[int, tuple[Instance, Context]] = OrderedDict()
_CONTEXTS_SIZE = 2
_CONTEXTS_LOCK = threading.Lock()


def _context(instance: Instance) -> Context:
    """The search's context for `instance`, shared by the solves of that same instance.

    A caller may solve one instance several times from different starts (the planner's
    light arrival day once tried up to 24 warm starts of one instance). The context's memos
    (trip timings, local-search results, hotel re-choices, the mandatory DP's options) are
    functions of the instance and their keys alone, so a later solve reuses what an earlier
    one computed and returns the same itinerary as with a fresh context, for less work.
    Keyed by identity (the instance is immutable; the entry holds it, so its id is not
    reused while cached). A new context takes what it can from a cached one of an instance
    that differs in its must-sees and shape weights alone (`_alike`).
    """
    with _CONTEXTS_LOCK:  # the web app solves in threads
        found = _CONTEXTS.get(id(instance))
        if found is not None and found[0] is instance:
            _CONTEXTS.move_to_end(id(instance))
            return found[1]
        cached = list(_CONTEXTS.values())
    like = next((c for other, c in reversed(cached) if _alike(other, instance)), None)
    ctx = Context(instance, like)
    with _CONTEXTS_LOCK:
        _CONTEXTS[id(instance)] = (instance, ctx)
        while len(_CONTEXTS) > _CONTEXTS_SIZE:
            _CONTEXTS.popitem(last=False)
    return ctx


_SHAPE_ONLY = frozenset({"mandatory", "hotel_change_weight", "evening_weight"})
"""Fields of an instance that its trip timings, bridges and hotel estimates never read."""


def _alike(a: Instance, b: Instance) -> bool:
    """Whether two instances differ in their must-sees and the weights of the itinerary's
    shape alone. The reasons for a dropped place solve the plan's instance again with one
    more must-see, five times a plan, and the planner's second look at the hotels
    (`plan._fewer_moves`) with hotel changes and evenings weighed and the signature sights
    kept; the trip timings and hotel estimates depend on none of these, and making them
    again took a third of each of the first solves and 3-5 % of `bench/plan.py`'s CPU for
    the second look."""
    for f in dataclasses.fields(Instance):
        if f.name in _SHAPE_ONLY:
            continue
        x, y = getattr(a, f.name), getattr(b, f.name)
        if x is y:
            continue
        if isinstance(x, np.ndarray) or isinstance(y, np.ndarray):
            if not (
                isinstance(x, np.ndarray)
                and isinstance(y, np.ndarray)
                and x.shape == y.shape
                and np.array_equal(x, y)
            ):
                return False
        elif x != y:
            return False
    return True


def _setup(ctx: Context) -> tuple[list[list[int]], Estimates, list[dict[int, float]]]:
    """The allowed hotels, trip estimates and hotel values of the context's instance, made
    once per context (a later solve of the same instance, `_context`, reuses them, and so
    does an instance that differs in its must-sees and shape weights alone, `_alike`)."""
    if ctx.setup is None:
        allowed = allowed_hotels(ctx)
        _check_mandatory(ctx, allowed)
        if ctx.like_setup is not None:
            est, values, ctx.use_bridges = ctx.like_setup
            ctx.setup = (allowed, est, values)
            return ctx.setup
        est = estimates(ctx, allowed)
        try:
            values = hotel_values(ctx, allowed, est)
        except InfeasibleInstanceError:  # maybe only through trips that need a lunch stop
            ctx.use_bridges = True
            est = estimates(ctx, allowed)
            values = hotel_values(ctx, allowed, est)
        ctx.setup = (allowed, est, values)
    return ctx.setup


def warm_start(
    instance: Instance, initial: Sequence[Sequence[int]]
) -> tuple[int, ...] | None:
    """The itinerary a `solve` of `instance` from `initial` starts its search with
    (`State.snapshot`), or ``None`` when `initial` is unusable and the constructions are
    used. Two solves of one instance with the same seed, stop and start return the same
    itinerary, so a caller trying several warm starts can skip one whose start it has
    already searched from (the light arrival day: 4 of the quick start's 6 starts are
    unusable). Raises `InfeasibleInstanceError` where `solve` would in its setup."""
    ctx = _context(instance)
    allowed, _est, _values = _setup(ctx)
    st = _warm(ctx, allowed, initial)
    return None if st is None else st.snapshot()


def _warm(
    ctx: Context, allowed: list[list[int]], tours: Sequence[Sequence[int]]
) -> State | None:
    """A valid state from given tours (see `solve`'s `initial`), or ``None``."""
    if len(tours) != ctx.days or any(len(t) < 2 for t in tours):
        return None
    seq = [int(tours[0][0]), *(int(t[-1]) for t in tours)]
    if any(tours[d][0] != seq[d] for d in range(ctx.days)):
        return None
    if any(h not in allowed[b] for b, h in enumerate(seq)):
        return None
    st = State(ctx, seq)
    for d in ctx.open_days:
        for v in tours[d][1:-1]:
            if ctx.free[v] and ctx.available[d, v] and not st.used[v]:
                st.add(d, len(st.routes[d]), int(v))
        while not st.refresh(d) and st.routes[d]:  # drop the cheapest visit until it fits
            cheapest = min(range(len(st.routes[d])), key=lambda i: ctx.wlist[st.routes[d][i]])
            st.remove(d, cheapest)
    if not fill_bridges(st):
        return None
    insert_greedy(st)
    _local_search(st, allowed)
    if not st.is_valid() or (ctx.mandatory & ~st.used).any():
        return None
    return st


def _fits_with_a_stop(ctx: Context, d: int, h: int, v: int, e: int) -> bool:
    """Whether ``v`` fits trip ``d`` from ``h`` to ``e`` with one other visit on the way.

    Journey times need not be metric: a stop can shorten the way there or back (a bus to
    花溪 and then on to 青岩 takes less time on the road than the direct one), so a must-see
    that fits no trip alone may still fit one with a stop. Only stops that shorten a
    journey are tried, so this costs little beside the check alone."""
    road, travel = ctx.instance.road_times, ctx.instance.travel
    stops = ctx.avail_idx[d]
    stops = stops[stops != v]
    before = (road[h, stops] + road[stops, v] < road[h, v]) | (
        travel[h, stops] + travel[stops, v] < travel[h, v]
    )
    after = (road[v, stops] + road[stops, e] < road[v, e]) | (
        travel[v, stops] + travel[stops, e] < travel[v, e]
    )
    return any(ctx.timer.end(d, [h, int(w), v, e]) is not None for w in stops[before]) or any(
        ctx.timer.end(d, [h, v, int(w), e]) is not None for w in stops[after]
    )


def _check_mandatory(ctx: Context, allowed: list[list[int]]) -> None:
    """Reject mandatory vertices that fit in no trip, on their own or with one stop on the
    way (`_fits_with_a_stop`)."""
    inst = ctx.instance
    free_mandatory = sorted(v for v in inst.mandatory if ctx.free[v])
    locked_vertices = {v for tour in inst.locked.values() for v in tour}
    for v in sorted(inst.mandatory):
        if not ctx.free[v] and v not in locked_vertices:
            raise InfeasibleInstanceError(
                f"mandatory vertex {v} is not a visitable vertex",
                reason="mandatory-not-visitable",
                vertices=(v,),
            )
    cap = inst.max_visits_per_day
    if cap is not None and len(free_mandatory) > cap * len(ctx.open_days):
        raise InfeasibleInstanceError(
            f"{len(free_mandatory)} mandatory vertices exceed max_visits_per_day {cap} "
            f"over {len(ctx.open_days)} free trips",
            reason="mandatory-over-cap",
            vertices=tuple(free_mandatory),
        )
    kinds = day_kinds(ctx, allowed)
    days = [d for d in ctx.open_days if kinds[d] == d]  # one day of each kind

    def trips(v: int) -> Iterator[tuple[int, int, int]]:
        """Trip and hotel pairs that could hold `v`, made as asked: the first that fits
        ends the search, and listing them all took 3 ms a solve (the planner's second look
        makes every signature sight a must-see). One day of each kind (`day_kinds`)
        stands for the others, which time every trip alike: a place that fits nowhere,
        which the reasons for a dropped place ask about, took 21 ms a solve to prove so,
        over every day."""
        for d in days:
            if ctx.available[d, v]:
                for h in allowed[d]:
                    for e in allowed[d + 1]:
                        yield d, h, e

    for v in free_mandatory:
        ok = any(ctx.timer.end(d, [h, v, e]) is not None for d, h, e in trips(v)) or any(
            _fits_with_a_stop(ctx, d, h, v, e) for d, h, e in trips(v)
        )
        if not ok:
            raise InfeasibleInstanceError(
                f"mandatory vertex {v} fits in no trip (closed, too far or too long) "
                "even when visited alone or with one stop on the way",
                reason="mandatory-fits-nowhere",
                vertices=(v,),
            )


START_ATTEMPTS = 12
"""Constructions `_start` tries for its `starts` plans."""
MUST_ATTEMPTS = 48
"""Constructions `_start` tries while none holds every mandatory vertex: an instance whose
constructions all miss one would be refused though a plan exists (seven days with 西江, 镇远
and 梵净山 as must-sees once the big sights got their full visits)."""


def _start(
    ctx: Context,
    allowed: list[list[int]],
    est: dict[tuple[int, int, int], float],
    values: list[dict[int, float]],
    rng: np.random.Generator,
    starts: int,
    first: int = 0,
) -> State:
    """Best of a few greedy constructions on hotel sequences: the plain DP, the mandatory-aware
    DP (`construct`), the claim-aware DP (`coverage`), then noisy variants of these.

    Up to `START_ATTEMPTS` constructions are tried until `starts` of them cover every
    mandatory vertex, and up to `MUST_ATTEMPTS` while none has covered them all.
    """
    missing: list[int] = []
    best: State | None = None
    found = 0
    attempts = MUST_ATTEMPTS if ctx.mandatory.any() else START_ATTEMPTS
    for attempt in range(first, first + attempts):
        if found >= starts or (found and attempt >= first + START_ATTEMPTS):
            break
        noisy = attempt > 2
        if attempt == 1:
            built = mandatory_start(ctx, allowed, est)
            if built is None:
                continue
            st = built
        elif attempt % 3 == 2:  # once plain, then every third restart: claim-aware sequence
            cover = coverage_sequences(ctx, est, values, rng if noisy else None, 0.3)
            if not cover:
                continue
            st = State(ctx, cover[0])
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
                "(heuristic search; solve_exact can prove it)",
                reason="no-feasible-itinerary",
            )
        raise InfeasibleInstanceError(
            f"could not fit mandatory vertices {missing} into any itinerary found "
            "(heuristic search; solve_exact can prove it)",
            reason="mandatory-not-combined",
            vertices=tuple(missing),
        )
    return best


def _build(
    ctx: Context,
    allowed: list[list[int]],
    seq: list[int],
    rng: np.random.Generator | None,
    noise: float,
) -> State | None:
    """Greedy construction plus local search on hotel sequence `seq`.

    ``None`` when it is not a valid start: a trip has no bridge visit or a mandatory vertex
    is left out.
    """
    st = State(ctx, seq)
    if not fill_bridges(st):
        return None
    insert_greedy(st, rng, noise)
    _local_search(st, allowed)
    if (ctx.mandatory & ~st.used).any() or not st.is_valid():
        return None
    return st


def _elites(
    ctx: Context,
    allowed: list[list[int]],
    est: dict[tuple[int, int, int], float],
    values: list[dict[int, float]],
    deadline: float,
    params: SolveParams,
) -> list[State]:
    """Quick solutions on the best hotel sequences by estimate, best first (`sequences`).

    Built once, from the `params.elite_candidates` best sequences, when the search first
    restarts: runs stopped earlier never pay for it. The building stops at `deadline`, after
    which the search ends anyway, so runs stopped by patience stay reproducible.
    """
    ranked = ranked_sequences(ctx, est, values, params.elite_candidates)
    return elite_states(
        [seq for _est, seq in ranked],
        lambda seq: _build(ctx, allowed, seq, None, 0.0),
        params.elite_size,
        deadline=deadline,
    )


def _restart(
    ctx: Context,
    allowed: list[list[int]],
    est: dict[tuple[int, int, int], float],
    values: list[dict[int, float]],
    rng: np.random.Generator,
    elites: list[State],
    runs: int,
) -> State:
    """Start of diversifying ILS run number `runs` (1, 2, ...): cycle through the elites.

    As in the VNS of Divsalar et al. (2013), which searches from the best few sequences of
    its enumeration, each elite sequence gets its own ILS run: first from its quick solution,
    on later cycles from a noisy construction on the same hotels. Runs 1, 4, 7, ... start
    from a noisy DP construction instead (`_start`), so sequences outside the elite are sampled
    too; the first is one of them because the best elite is often the search's own start.
    """
    if elites and runs % 3 != 1:
        k = runs - 1 - (runs + 1) // 3  # index among the elite runs
        elite = elites[k % len(elites)]
        if k < len(elites):
            return elite.copy()
        built = _build(ctx, allowed, list(elite.hotels), rng, 0.3)
        if built is not None:
            return built
    return _start(ctx, allowed, est, values, rng, starts=1, first=3)


def _local_search(st: State, allowed: list[list[int]], *, between: bool = True) -> None:
    """Shorten, re-hotel, move between trips, insert and replace until nothing improves.

    ``between=False`` skips the (costlier) moves between trips. The result is a function of
    the itinerary it starts from, and perturbed candidates often start from the same one, so
    it is memoised (`State.snapshot`).
    """
    key = (between, *st.snapshot())
    memo = st.ctx.searched
    found = memo.get(key)
    if found is not None:
        st.restore(*found)
        return
    if len(memo) >= MEMO_SIZE:
        memo.clear()
    _search(st, allowed, between)
    memo[key] = (st.snapshot(), st.figures())


def _search(st: State, allowed: list[list[int]], between: bool) -> None:
    ctx = st.ctx
    settled = ctx.settled
    while True:
        for d in ctx.open_days:
            shorten(st, d)
        improve_hotels(st, allowed)
        if between and move_between(st):
            for d in ctx.open_days:
                shorten(st, d)
        snap = st.snapshot()
        if snap in settled:  # insertion and replacement found nothing here before
            return
        inserted = insert_greedy(st)
        replaced = replace_pass(st)
        if not (inserted or replaced):
            if len(settled) >= MEMO_SIZE:
                settled.clear()
            settled.add(snap)
            return


_compiled = False


def _compile_kernels() -> None:
    """Compile or load the kernels once per process (`warm_up`).

    numba compiles a kernel on its first call. Inside a timed solve that would take seconds
    of the budget and cut the search short, so the first plan of a process would depend on
    whether numba's cache was warm.
    """
    global _compiled
    if not _compiled:
        _compiled = True  # warm_up solves too
        warm_up()


def warm_up() -> None:
    """Compile (or load from numba's cache) every kernel by solving a tiny instance.

    The first call of a kernel in a process compiles it, which takes seconds on a fresh
    install; a server calls this at start so its first request does not pay for it.
    """
    x = np.array([0.0, 30.0, 10.0, 20.0, 15.0])
    windows = np.zeros((2, 5, 2))
    windows[:, :, 1] = 1440.0
    instance = Instance(
        profits=np.array([0.0, 0.0, 3.0, 2.0, 1.0]),
        service=np.array([0.0, 0.0, 60.0, 60.0, 30.0]),
        travel=np.abs(x[:, None] - x[None, :]) + 1.0,
        hotels=(0, 1),
        start=0,
        end=1,
        day_limits=(300.0, 300.0),
        day_starts=(540.0, 540.0),
        windows=windows,
        mandatory=frozenset({2}),
        lunch=(690.0, 780.0, 45.0),
        meal_inside=frozenset({3}),
        travel_weight=0.01,
    )
    result = solve(instance, MultipleCriteria([MaxRuntime(5.0), MaxIterations(20)]))
    schedule(instance, result.tours[0], 0)  # the display's timeline kernel
    bridges(Context(instance), 0, 0, 1)  # asked only of instances with hard transfer days


def kernels_cached() -> bool:
    """Whether numba's cache already holds the compiled kernels (else the first solve in
    this process compiles them, which takes seconds; callers tell their user so)."""
    import os
    from pathlib import Path

    from . import _kernels

    here = Path(_kernels.__file__).parent
    dirs = [here / "__pycache__"]
    if os.environ.get("NUMBA_CACHE_DIR"):
        dirs.append(Path(os.environ["NUMBA_CACHE_DIR"]))
    found = {
        p.name.split(".")[0]
        for d in dirs
        if d.is_dir()
        for p in d.rglob("*.nbi")
        if "_kernels" in p.parts or "_kernels" in p.parent.name
    }
    return set(_kernels.MODULES) <= found
