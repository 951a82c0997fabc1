"""Greedy insertion (`qianxing.solve._kernels.insert`)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from qianxing.solve import feasible
from qianxing.solve.timing import TripTimer

from .helpers import KINDS, filled, tours


@pytest.mark.parametrize(("seed", "kind"), itertools.product(range(4), range(len(KINDS))))
def test_greedy_insertion_leaves_nothing_that_fits(seed: int, kind: int) -> None:
    """After greedy insertion no unvisited vertex fits anywhere and pays for its travel."""
    st = filled(seed, KINDS[kind])
    inst = st.ctx.instance
    assert feasible(inst, tours(st)) == []
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


@pytest.mark.parametrize("seed", range(20))
def test_the_pool_order_after_an_insertion_is_a_full_stable_sort(seed: int) -> None:
    """The order merged from the survivors' order and the new candidates is the one a stable
    sort of the whole pool by decreasing key gives, ties (frequent here) included."""
    from qianxing.solve._kernels.insert import _merged

    rng = np.random.default_rng(seed)
    first, added = int(rng.integers(0, 60)), int(rng.integers(0, 60))
    keys = rng.integers(0, 8, size=first + added + 5).astype(np.float64)
    kept = np.empty(keys.shape[0], dtype=np.int64)
    kept[:first] = np.argsort(-keys[:first], kind="mergesort")
    order = _merged(keys, kept, first, first, first + added)
    assert order.tolist() == np.argsort(-keys[: first + added], kind="mergesort").tolist()
