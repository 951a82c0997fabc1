"""Tests of the elite hotel sequences and the "refill first" ruin operator."""

from __future__ import annotations

import itertools
import time

import numpy as np
import pytest

from qianxing.solve import Instance, solve
from qianxing.solve._state import Context, State
from qianxing.solve.hotels import allowed_hotels, estimates, hotel_values
from qianxing.solve.ruin import fill_trip, refill_first
from qianxing.solve.sequences import elite_states, ranked_sequences

from .helpers import random_instance, stop


def _brute_force(ctx: Context, est: dict[tuple[int, int, int], float]) -> list[float]:
    """Summed estimates of every feasible hotel sequence, best first."""
    allowed = allowed_hotels(ctx)
    totals = []
    for middle in itertools.product(*allowed[1 : ctx.days]):
        seq = [ctx.instance.start, *middle, ctx.instance.end]
        trips = [(d, seq[d], seq[d + 1]) for d in range(ctx.days)]
        if all(t in est for t in trips):
            totals.append(sum(est[t] for t in trips))
    return sorted(totals, reverse=True)


@pytest.mark.parametrize("seed", range(3))
def test_ranked_sequences_match_enumeration(seed: int) -> None:
    """The best-first search returns exactly the top sequences of a full enumeration."""
    inst = random_instance(seed, n=18, hotels=4, days=3)
    ctx = Context(inst)
    allowed = allowed_hotels(ctx)
    est = estimates(ctx, allowed)
    values = hotel_values(ctx, allowed, est)
    everything = _brute_force(ctx, est)
    ranked = ranked_sequences(ctx, est, values, 10)
    assert len(ranked) == min(10, len(everything))
    assert [total for total, _seq in ranked] == pytest.approx(everything[: len(ranked)])
    for total, seq in ranked:
        assert seq[0] == inst.start and seq[-1] == inst.end and len(seq) == ctx.days + 1
        assert total == pytest.approx(sum(est[(d, seq[d], seq[d + 1])] for d in range(ctx.days)))
    assert len({tuple(seq) for _total, seq in ranked}) == len(ranked)
    assert ranked_sequences(ctx, est, values, len(everything) + 5) == ranked_sequences(
        ctx, est, values, len(everything)
    )


def test_elite_states_order_dedupe_and_deadline() -> None:
    """Best first, one state per final hotel sequence, failed builds skipped, deadline kept."""
    inst = random_instance(1, n=15, hotels=3, days=2)
    ctx = Context(inst)

    def build(seq: list[int]) -> State | None:
        tag = seq[1]  # 0 and 1 end in the same hotel sequence, 2 fails, 3 is the best
        if tag == 2:
            return None
        st = State(ctx, [0, 1 if tag == 3 else 0, 1])
        st.prof[0] = 10.0 * tag
        return st

    seqs = [[0, tag, 1] for tag in range(4)]
    elites = elite_states(seqs, build, keep=5)
    assert [st.hotels for st in elites] == [[0, 1, 1], [0, 0, 1]]
    assert elites[1].prof[0] == 10.0  # the better of the two builds ending at [0, 0, 1]
    assert len(elite_states(seqs, build, keep=1)) == 1
    assert elite_states(seqs, build, keep=5, deadline=time.perf_counter() - 1.0) == []


def _line_instance() -> Instance:
    """Hotels 10 apart, two worthless stops on the straight road, a valuable one off it."""
    xy = np.array([[0.0, 0.0], [10.0, 0.0], [3.0, 0.0], [6.0, 0.0], [5.0, 4.0]])
    travel = np.sqrt(((xy[:, None] - xy[None]) ** 2).sum(-1))
    return Instance(
        profits=np.array([0.0, 0.0, 1.0, 1.0, 10.0]),
        service=np.zeros(5),
        travel=travel,
        hotels=(0, 1),
        start=0,
        end=1,
        day_limits=(13.0,),
    )


def test_fill_trip_smoothing_reaches_valuable_vertex() -> None:
    """Plain greedy takes the free stops first and then cannot afford the valuable one."""
    ctx = Context(_line_instance())
    plain = State(ctx, [0, 1])
    fill_trip(plain, 0, 0.0)
    assert sorted(plain.routes[0]) == [2, 3]
    smoothed = State(ctx, [0, 1])
    fill_trip(smoothed, 0, 5.0)
    assert smoothed.routes[0] == [4]
    assert smoothed.score() == 10.0 and smoothed.is_valid()


@pytest.mark.parametrize("seed", range(4))
def test_refill_first_keeps_mandatory_and_feasibility(seed: int) -> None:
    """The operator never drops a mandatory vertex and leaves the refilled trip feasible."""
    inst = random_instance(seed, n=30, days=3, windows=True, mandatory=2)
    start = solve(inst, stop(inst, 1.0, iterations=5), seed=seed)
    ctx = Context(inst)
    st = State(ctx, [tour[0] for tour in start.tours] + [start.tours[-1][-1]])
    for d, tour in enumerate(start.tours):
        for v in tour[1:-1]:
            st.add(d, len(st.routes[d]), v)
        assert st.refresh(d)
    rng = np.random.default_rng(seed)
    for _ in range(5):
        refill_first(st, rng)
        assert all(st.used[v] for v in inst.mandatory)
        for d in ctx.open_days:
            st.refresh(d)
        assert st.is_valid()


def test_restarts_reproducible() -> None:
    """Runs through several restarts (elite sequences, refill first) repeat for a seed."""
    inst = random_instance(4, n=20, hotels=4, days=3)  # 1200 iterations: 3 elite/noisy runs
    a = solve(inst, stop(inst, 30, iterations=1200, patience=10**6), seed=5)
    b = solve(inst, stop(inst, 30, iterations=1200, patience=10**6), seed=5)
    assert a.iterations == b.iterations == 1200
    assert a.tours == b.tours
    assert a.is_feasible()
