"""The trip timing written once (`qianxing.solve._kernels.timing`) against the independent
checker (`qianxing.solve.check`), which re-implements the rules by brute force."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from qianxing.solve import LUNCH, LUNCH_ON_THE_WAY, Instance, schedule
from qianxing.solve._kernels import trip_end
from qianxing.solve._kernels.timing import travel_time
from qianxing.solve._state import Context
from qianxing.solve.check import _ate_inside, _simulate, _timing_errors
from qianxing.solve.timing import TripTimer

from ..helpers import random_instance
from .helpers import KINDS, instance


def _checked_arrival(inst: Instance, d: int, tour: list[int]) -> float | None:
    """The checker's arrival at the end hotel (``None``: infeasible), lunch rule included."""
    if _timing_errors(inst, d, tour):
        return None
    cap = inst.max_visits_per_day
    if cap is not None and len(tour) - 2 > cap:
        return None
    arrive, _ = _simulate(inst, d, tour, None)
    lunch = inst.lunch
    late = lunch and inst.day_start(d) <= lunch[1] and arrive > lunch[0]
    if late and not _ate_inside(inst, d, tour):
        options = [_simulate(inst, d, tour, k) for k in range(len(tour))]
        options += [_simulate(inst, d, tour, None, k) for k in range(len(tour) - 1)]
        arrive = min(a for a, errs in options if not errs)
    return arrive


def _random_trips(inst: Instance, seed: int, count: int) -> list[tuple[int, list[int]]]:
    rng = np.random.default_rng(seed)
    trips = []
    for _ in range(count):
        d = int(rng.integers(inst.num_days))
        k = int(rng.integers(0, 6))
        visits = rng.choice(np.arange(3, inst.num_vertices), size=k, replace=False)
        trips.append((d, [int(rng.integers(3)), *visits.tolist(), int(rng.integers(3))]))
    return trips


@pytest.mark.parametrize("kind", range(len(KINDS)))
def test_trip_end_equals_the_checker(kind: int) -> None:
    """On random trips the kernel, `TripTimer.end` (which calls it) and the independent
    checker agree on feasibility and arrival."""
    checked = feasible_trips = 0
    for seed in range(8):
        inst = instance(seed, KINDS[kind])
        ctx = Context(inst)
        timer = TripTimer(inst)
        for d, tour in _random_trips(inst, seed, 150):
            want = _checked_arrival(inst, d, tour)
            assert timer.end(d, tour) == want
            got = trip_end(d, np.asarray(tour, dtype=np.int64), len(tour), *ctx.tables.timing())
            if want is None:
                assert got < 0
            else:
                assert got == pytest.approx(want, abs=1e-9)
                feasible_trips += 1
            checked += 1
    assert feasible_trips > checked // 10  # the comparison covers both outcomes


@pytest.mark.parametrize("kind", range(len(KINDS)))
def test_schedule_ends_when_the_checker_says(kind: int) -> None:
    """`schedule` (the same arithmetic) reaches the end hotel at the checker's arrival on
    feasible trips, with a lunch row exactly when the trip needs a separate break."""
    for seed in range(4):
        inst = instance(seed, KINDS[kind])
        for d, tour in _random_trips(inst, seed, 60):
            want = _checked_arrival(inst, d, tour)
            rows = schedule(inst, tour, d)
            assert [r[0] for r in rows if r[0] not in (LUNCH, LUNCH_ON_THE_WAY)] == tour
            if want is None:
                continue
            assert rows[-1][3] == pytest.approx(want, abs=1e-9)  # a break on arrival ends it
            lunch = inst.lunch
            needs = (
                lunch is not None
                and inst.day_start(d) <= lunch[1]
                and _simulate(inst, d, tour, None)[0] > lunch[0]
                and not _ate_inside(inst, d, tour)
            )
            assert any(r[0] in (LUNCH, LUNCH_ON_THE_WAY) for r in rows) == needs


def test_travel_time_is_the_matrix_today() -> None:
    """Journey times ignore the departure time (the hook for time-dependent travel)."""
    travel = np.array([[0.0, 7.5], [3.0, 0.0]])
    assert [travel_time(travel, 0, 1, t) for t in (0.0, 600.0)] == [7.5, 7.5]
    assert travel_time(travel, 1, 0, 0.0) == 3.0


def test_trip_end_counts_road_times_against_the_cap() -> None:
    """With journeys slowed in `travel` only (`Instance.road` keeps the real times), the
    kernel and the checker agree, and the cap binds on the road times."""
    bound = agree = 0
    for seed in range(6):
        inst = random_instance(seed, n=14, hotels=3, days=3, road=110.0, penalty=True)
        ctx = Context(inst)
        uncapped = TripTimer(Instance(**{**inst.__dict__, "travel_limits": None}))
        for d, tour in _random_trips(inst, seed, 150):
            want = _checked_arrival(inst, d, tour)
            got = trip_end(d, np.asarray(tour, dtype=np.int64), len(tour), *ctx.tables.timing())
            assert (got < 0) if want is None else got == pytest.approx(want, abs=1e-9)
            agree += 1
            if want is None and uncapped.end(d, tour) is not None:
                road = sum(inst.road_times[a, b] for a, b in itertools.pairwise(tour))
                assert road > 110.0
                bound += 1
    assert bound > 10 and agree == 900


def test_a_day_of_travel_arriving_at_lunchtime_eats_on_arrival() -> None:
    """A trip with no visit that reaches its end hotel in the lunch window takes the break
    there: 08:00 + 4 h reaches it at 12:00 and ends at 12:45. With the break only at the
    start it waited for lunch at 11:30 and arrived at 16:15, past a day that ends at 13:00,
    so the trip was refused; the checker and the exact solver agree."""
    from qianxing.solve import solve_exact
    from qianxing.solve.check import feasible

    travel = np.array([[0.0, 240.0], [240.0, 0.0]])
    inst = Instance(
        profits=np.zeros(2), service=np.zeros(2), travel=travel, hotels=(0, 1), start=0, end=1,
        day_limits=(300.0,), day_starts=(480.0,), lunch=(690.0, 810.0, 45.0),
    )
    assert TripTimer(inst).end(0, [0, 1]) == 765.0
    rows = schedule(inst, [0, 1], 0)
    assert rows[-1] == (LUNCH, 720.0, 720.0, 765.0)
    assert feasible(inst, [[0, 1]]) == []
    assert solve_exact(inst).tours == [[0, 1]]
