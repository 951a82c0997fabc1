"""The compiled trip timing (`qianxing.solve._kernels.timing`) against the Python timer."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from qianxing.solve import Instance
from qianxing.solve._kernels import trip_end
from qianxing.solve._state import Context
from qianxing.solve.timing import TripTimer

from ..helpers import random_instance
from .helpers import KINDS, instance


@pytest.mark.parametrize("kind", range(len(KINDS)))
def test_trip_end_equals_the_python_timer(kind: int) -> None:
    """On random trips the kernel and `TripTimer.end` agree, feasible or not."""
    checked = feasible_trips = 0
    for seed in range(8):
        inst = instance(seed, KINDS[kind])
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
