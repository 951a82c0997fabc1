"""The compiled loops (`qianxing.solve._kernels`) against the Python trip timer and the
independent checker: same timing on random trips, and each move leaves a valid state that
it could not have improved further."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from qianxing.solve import Instance, feasible
from qianxing.solve._kernels import subset_orders, trip_end
from qianxing.solve._state import Context, State
from qianxing.solve.insertion import insert_greedy, replace_pass
from qianxing.solve.inter import move_between
from qianxing.solve.intra import shorten
from qianxing.solve.timing import TripTimer

from .helpers import random_instance

KINDS = [
    {},
    {"windows": True},
    {"lunch": True},
    {"windows": True, "lunch": True, "meal": 3},
    {"windows": True, "lunch": True, "travel_weight": 0.05},
    {"windows": True, "lunch": True, "road": 110.0},  # a cap on each day's travel that binds
    {"windows": True, "lunch": True, "latest": True},  # journeys with a last service
]


def _instance(seed: int, kind: dict[str, object]) -> Instance:
    return random_instance(seed, n=14, hotels=3, days=3, **kind)  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", range(len(KINDS)))
def test_trip_end_equals_the_python_timer(kind: int) -> None:
    checked = feasible_trips = 0
    for seed in range(8):
        inst = _instance(seed, KINDS[kind])
        ctx = Context(inst)
        timer = TripTimer(inst)
        rng = np.random.default_rng(seed)
        for _ in range(150):
            d = int(rng.integers(inst.num_days))
            k = int(rng.integers(0, 6))
            visits = rng.choice(np.arange(3, inst.num_vertices), size=k, replace=False)
            tour = [int(rng.integers(3)), *visits.tolist(), int(rng.integers(3))]
            want = timer.end(d, tour)
            got = trip_end(d, np.asarray(tour, dtype=np.int64), len(tour), *ctx.tables.timing())
            if want is None:
                assert got < 0
            else:
                assert got == pytest.approx(want, abs=1e-9)
                feasible_trips += 1
            checked += 1
    assert feasible_trips > checked // 10  # the comparison covers both outcomes


def _filled(seed: int, kind: dict[str, object]) -> State:
    ctx = Context(_instance(seed, kind))
    st = State(ctx, [0, 2, 1, 1])
    insert_greedy(st, max_checks=10**6)
    return st


def _tours(st: State) -> list[list[int]]:
    return [st.tour(d) for d in range(st.ctx.days)]


@pytest.mark.parametrize(("seed", "kind"), itertools.product(range(4), range(len(KINDS))))
def test_greedy_insertion_leaves_nothing_that_fits(seed: int, kind: int) -> None:
    st = _filled(seed, KINDS[kind])
    inst = st.ctx.instance
    assert feasible(inst, _tours(st)) == []
    visited = [v for r in st.routes for v in r]
    assert len(visited) == len(set(visited)) > 0
    assert set(np.flatnonzero(st.used).tolist()) == set(visited) | set(inst.hotels)
    timer = TripTimer(inst)
    tw = inst.travel_weight
    for d in range(inst.num_days):
        tour = st.tour(d)
        for v in range(inst.num_vertices):
            if st.used[v] or not timer.available(d, v):
                continue
            for p in range(1, len(tour)):
                trial = [*tour[:p], v, *tour[p:]]
                extra = sum(inst.travel[a, b] for a, b in itertools.pairwise(trial)) - sum(
                    inst.travel[a, b] for a, b in itertools.pairwise(tour)
                )
                pays = not tw or inst.profits[v] > tw * extra
                assert timer.end(d, trial) is None or not pays, (d, v, p)


@pytest.mark.parametrize(("seed", "kind"), itertools.product(range(4), range(len(KINDS))))
def test_moves_keep_the_state_valid_and_never_lose(seed: int, kind: int) -> None:
    st = _filled(seed, KINDS[kind])
    inst = st.ctx.instance
    before_key = st.key()
    before = sorted(v for r in st.routes for v in r)
    for d in range(inst.num_days):
        shorten(st, d)
    assert sorted(v for r in st.routes for v in r) == before
    assert st.key() >= before_key
    key = st.key()
    move_between(st)
    assert sorted(v for r in st.routes for v in r) == before
    assert st.key() >= key
    value = st.value()
    replace_pass(st)
    assert st.value() >= value - 1e-6
    assert feasible(inst, _tours(st)) == []
    visited = [v for r in st.routes for v in r]
    assert len(visited) == len(set(visited))
    assert set(np.flatnonzero(st.used).tolist()) == set(visited) | set(inst.hotels)


def test_replacement_takes_a_more_valuable_vertex() -> None:
    """One trip on a line holding the cheap vertex 2; vertex 3 sits at the same spot and is
    worth more, but the day is too short for both."""
    x = np.array([0.0, 10.0, 5.0, 5.0])
    inst = Instance(
        profits=np.array([0.0, 0.0, 1.0, 5.0]),
        service=np.array([0.0, 0.0, 2.0, 2.0]),
        travel=np.abs(x[:, None] - x[None, :]),
        hotels=(0, 1),
        start=0,
        end=1,
        day_limits=(13.0,),
    )
    st = State(Context(inst), [0, 1])
    st.add(0, 0, 2)
    st.refresh(0)
    assert replace_pass(st)
    assert st.routes == [[3]] and st.score() == 5.0
    assert not insert_greedy(st)  # 2 no longer fits beside 3


@pytest.mark.parametrize("kind", range(len(KINDS)))
def test_subset_orders_are_the_brute_force_ones(kind: int) -> None:
    inst = random_instance(kind, n=12, hotels=3, days=2, **KINDS[kind])  # type: ignore[arg-type]
    ctx = Context(inst)
    timer = TripTimer(inst)
    must = [3, 5, 6, 8, 10]
    heads, tails = [0, 1, 2], [1, 2]
    usable = [timer.available(1, v) for v in must]
    pair_of, masks, orders = subset_orders(
        1, np.array(heads), np.array(tails), np.array(must), np.array(usable), 3,
        *ctx.tables.timing(),
    )
    got = {
        (int(p), int(m)): [v for v in o if v >= 0]
        for p, m, o in zip(pair_of, masks, orders.tolist(), strict=True)
    }
    want: dict[tuple[int, int], list[int]] = {}
    for hi, h in enumerate(heads):
        for ei, e in enumerate(tails):
            for size in (1, 2, 3):
                for combo in itertools.combinations(range(len(must)), size):
                    if not all(usable[i] for i in combo):
                        continue
                    if size == 3 and any(
                        (hi * len(tails) + ei, (1 << a) | (1 << b)) not in want
                        for a, b in itertools.combinations(combo, 2)
                    ):
                        continue
                    best: list[int] | None = None
                    best_end = float("inf")
                    for perm in itertools.permutations(must[i] for i in combo):
                        end = timer.end(1, [h, *perm, e])
                        if end is not None and end < best_end:
                            best, best_end = list(perm), end
                    if best is not None:
                        want[(hi * len(tails) + ei, sum(1 << i for i in combo))] = best
    assert got == want
    assert any(bin(m).count("1") == 3 for _p, m in got) or kind == 0


def test_trip_end_counts_road_times_against_the_cap() -> None:
    """With journeys slowed in `travel` only (`Instance.road` keeps the real times), the
    kernel and the Python timer agree, and the cap binds on the road times."""
    bound = agree = 0
    for seed in range(6):
        inst = random_instance(seed, n=14, hotels=3, days=3, road=110.0, penalty=True)
        ctx, timer = Context(inst), TripTimer(inst)
        uncapped = TripTimer(Instance(**{**inst.__dict__, "travel_limits": None}))
        rng = np.random.default_rng(seed)
        for _ in range(150):
            d = int(rng.integers(inst.num_days))
            visits = rng.choice(np.arange(3, inst.num_vertices), size=int(rng.integers(6)),
                                replace=False)
            tour = [int(rng.integers(3)), *visits.tolist(), int(rng.integers(3))]
            want = timer.end(d, tour)
            got = trip_end(d, np.asarray(tour, dtype=np.int64), len(tour), *ctx.tables.timing())
            assert (got < 0) if want is None else got == pytest.approx(want, abs=1e-9)
            agree += 1
            if want is None and uncapped.end(d, tour) is not None:
                road = sum(inst.road_times[a, b] for a, b in itertools.pairwise(tour))
                assert road > 110.0
                bound += 1
    assert bound > 10 and agree == 900
