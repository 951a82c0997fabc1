"""Tests of the heuristic `solve` and the checker."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pytest

from qianxing.solve import (
    InfeasibleInstanceError,
    Instance,
    MaxIterations,
    MaxRuntime,
    NoImprovement,
    Result,
    SolveParams,
    feasible,
    read_ophs,
    schedule,
    solve,
    solve_exact,
)

from .helpers import random_instance, read_path, stop


def test_tiny_optimum() -> None:
    """The hand-checkable file is solved to its obvious optimum 10."""
    inst = read_ophs(read_path("tiny.ophs"))
    res = solve(inst, stop(inst, 1))
    assert res.score == 10
    assert sorted(res.tours[0][1:-1]) == [2, 3]


def test_benchmark_feasible_and_fast() -> None:
    """A real benchmark solution is feasible and near the known optimum 816."""
    inst = read_ophs(read_path("64-45-1-2.ophs"))
    res = solve(inst, stop(inst, 1.0))
    assert res.is_feasible()
    assert res.score >= 0.95 * 816


def test_same_seed_same_result() -> None:
    """Seeded runs stopped by iterations are reproducible."""
    inst = random_instance(3, n=25, windows=True, lunch=True, days=3)
    a = solve(inst, stop(inst, 10, iterations=60), seed=7)
    b = solve(inst, stop(inst, 10, iterations=60), seed=7)
    assert a.tours == b.tours
    assert a.score == b.score


def test_solves_of_one_instance_share_a_context_and_keep_their_results() -> None:
    """The solves of one instance share its context (`heuristic._context`): a solve after
    others, from another start, returns what it returns from a fresh context, and two
    starts `warm_start` finds equal give the same itinerary."""
    from qianxing.solve import heuristic, warm_start

    inst = random_instance(5, n=30, windows=True, lunch=True, days=3, mandatory=1)
    first = solve(inst, stop(inst, 10, iterations=80), seed=3)
    reordered = [list(first.tours[2]), list(first.tours[1]), list(first.tours[0])]
    starts = [None, [list(t) for t in first.tours], reordered]
    shared = [
        solve(inst, stop(inst, 10, iterations=80), seed=3, initial=start) for start in starts
    ]
    fresh = []
    for start in starts:
        heuristic._CONTEXTS.clear()
        fresh.append(solve(inst, stop(inst, 10, iterations=80), seed=3, initial=start))
    assert [r.tours for r in shared] == [r.tours for r in fresh]
    assert warm_start(inst, first.tours) == warm_start(inst, [list(t) for t in first.tours])
    assert warm_start(inst, [[0, 0]]) is None  # unusable: the solve starts from scratch


@pytest.mark.parametrize("seed", range(4))
def test_random_solutions_feasible(seed: int) -> None:
    """Solutions with windows and lunch pass the independent checker."""
    inst = random_instance(seed, n=30, windows=True, lunch=True, days=3, mandatory=2)
    res = solve(inst, stop(inst, 0.3))
    assert feasible(inst, res.tours) == []
    assert inst.mandatory <= {v for t in res.tours for v in t}


def test_locked_trip_kept() -> None:
    """A locked trip is returned unchanged and its vertices are not reused."""
    base = random_instance(5, n=20, days=3, windows=True)
    locked = {1: (2, 5, 6, 2)}
    inst = Instance(**{**base.__dict__, "locked": locked})
    res = solve(inst, stop(inst, 0.3))
    assert res.tours[1] == [2, 5, 6, 2]
    others = [v for d, t in enumerate(res.tours) if d != 1 for v in t[1:-1]]
    assert 5 not in others and 6 not in others
    assert res.is_feasible()


def test_infeasible_mandatory_raises() -> None:
    """A mandatory vertex closed on every day raises and names the vertex."""
    base = random_instance(6, n=12, windows=True)
    assert base.windows is not None
    windows = base.windows.copy()
    windows[:, 7] = (1, 0)
    inst = Instance(**{**base.__dict__, "windows": windows, "mandatory": frozenset({7})})
    with pytest.raises(InfeasibleInstanceError, match="7"):
        solve(inst, stop(inst, 0.2))


def test_schedule_lunch_and_windows() -> None:
    """The schedule waits for opening and inserts lunch within its window."""
    travel = np.array([[0, 60, 30], [60, 0, 30], [30, 30, 0]], dtype=float)
    windows = np.array([[[0, 2000], [600, 700], [0, 2000]]], dtype=float)
    inst = Instance(
        profits=np.array([0, 5, 0.0]),
        service=np.array([0, 120, 0.0]),
        travel=travel,
        hotels=(0, 2),
        start=0,
        end=2,
        day_limits=(600.0,),
        day_starts=(480.0,),
        windows=windows,
        lunch=(690.0, 780.0, 60.0),
    )
    rows = schedule(inst, [0, 1, 2], 0)
    assert rows[1] == (1, 540.0, 600.0, 720.0)
    assert rows[2] == (-1, 720.0, 720.0, 780.0)
    assert rows[3][1] == 810.0
    assert feasible(inst, [[0, 1, 2]]) == []


def test_checker_reports_violations() -> None:
    """The checker flags repeats, broken chains and missing mandatory vertices."""
    inst = random_instance(1, n=10, mandatory=1)
    (must,) = inst.mandatory
    other = next(v for v in range(3, 10) if v != must)
    errors = feasible(inst, [[0, other, 2], [1, other, 1]])
    text = " ".join(errors)
    assert "visited in trip 0 and trip 1" in text
    assert "ended elsewhere" in text
    assert f"mandatory vertex {must}" in text


def _far_apart_mandatory() -> Instance:
    """Three long must-see visits, each only reachable from its own pair of hotels.

    Cheap distractors around the start hotel lure a hotel sequence that ignores the mandatory
    vertices (stay at the start, jump to the end on the last day).
    """
    xy = [(0, 0), (300, 0), (100, 0), (200, 0), (50, 0), (150, 0), (250, 0)]
    xy += [(3 * k, 4) for k in range(1, 7)]
    pts = np.array(xy, dtype=float)
    travel = np.sqrt(((pts[:, None] - pts[None]) ** 2).sum(-1))
    n = len(xy)
    profits = np.array([0, 0, 0, 0, 1, 1, 1] + [50] * 6, dtype=float)
    service = np.array([0, 0, 0, 0, 250, 250, 250] + [20] * 6, dtype=float)
    return Instance(
        profits=profits,
        service=service,
        travel=travel,
        hotels=(0, 1, 2, 3),
        start=0,
        end=1,
        day_limits=(360.0, 360.0, 360.0),
        mandatory=frozenset({4, 5, 6}),
        meal_inside=frozenset(range(7, n)),
    )


def test_far_apart_mandatory_found() -> None:
    """Mandatory vertices needing their own hotels are all placed (mandatory-aware DP)."""
    inst = _far_apart_mandatory()
    res = solve(inst, stop(inst, 1, patience=60), seed=0)
    assert res.is_feasible()
    assert {4, 5, 6} <= {v for t in res.tours for v in t}


def test_result_travel_and_objective() -> None:
    """`Result.travel` is the tours' total travel and the objective subtracts its weight."""
    inst = random_instance(2, n=20, windows=True, lunch=True, days=3, travel_weight=0.01)
    res = solve(inst, stop(inst, 0.5, patience=60), seed=1)
    total = sum(float(inst.travel[a, b]) for t in res.tours for a, b in pairwise(t))
    assert res.travel == pytest.approx(total)
    assert res.objective() == pytest.approx(res.score - 0.01 * total)
    assert res.score == sum(float(inst.profits[v]) for t in res.tours for v in t)


def test_travel_weight_prefers_short_among_equal_scores() -> None:
    """Two equal-profit vertices, one far: with a travel weight the near one is chosen."""
    travel = np.array(
        [[0, 10, 100, 5], [10, 0, 100, 5], [100, 100, 0, 100], [5, 5, 100, 0]], dtype=float
    )
    base = {
        "profits": np.array([0, 0, 5, 5.0]),
        "service": np.zeros(4),
        "travel": travel,
        "hotels": (0, 1),
        "start": 0,
        "end": 1,
        "day_limits": (250.0,),
        "max_visits_per_day": 1,
    }
    weighted = Instance(**base, travel_weight=0.01)  # type: ignore[arg-type]
    near = solve(weighted, stop(weighted, 0.5, patience=20))
    assert near.tours == [[0, 3, 1]]
    assert near.travel == pytest.approx(10.0)


@pytest.mark.parametrize("weight", [0.0, 0.01])
def test_same_seed_same_result_meal_and_weight(weight: float) -> None:
    """Reproducible with meal_inside vertices and a travel weight, stopped by patience."""
    inst = random_instance(4, n=30, windows=True, lunch=True, days=3, meal=8, travel_weight=weight)
    a = solve(inst, stop(inst, 10, patience=40), seed=3)
    b = solve(inst, stop(inst, 10, patience=40), seed=3)
    assert a.tours == b.tours
    assert a.is_feasible()


def test_long_drive_takes_lunch_on_the_way() -> None:
    """A 400-min drive from 08:00 is under way at lunchtime (10:00-11:40): lunch is taken on
    the way and costs its 30 min, so the empty trip arrives at 15:10, within a 450-min day
    but not a 425-min one (it used to need the break at a stop, and was planned through a
    visit for it). The solvers still take the visit on the way for its profit."""
    xy = np.array([(0, 0), (400, 0), (200, 0), (0, 50)], dtype=float)
    travel = np.sqrt(((xy[:, None] - xy[None]) ** 2).sum(-1))
    inst = Instance(
        profits=np.array([0, 0, 1, 5.0]),
        service=np.array([0, 0, 20, 20.0]),
        travel=travel,
        hotels=(0, 1),
        start=0,
        end=1,
        day_limits=(450.0,),
        day_starts=(480.0,),
        lunch=(600.0, 700.0, 30.0),
    )
    assert feasible(inst, [[0, 1]]) == []
    assert schedule(inst, [0, 1], 0)[-1][1] == pytest.approx(910.0)
    short = Instance(**{**inst.__dict__, "day_limits": (425.0,)})
    assert feasible(short, [[0, 1]]) != []
    res = solve(inst, stop(inst, 1, patience=20))
    assert res.tours == [[0, 2, 1]]
    assert solve_exact(inst).tours == [[0, 2, 1]]


def test_travel_limits_bind_and_hold() -> None:
    """A cap on each trip's travel holds in the solution and the checker enforces it."""
    capped = random_instance(3, n=30, windows=True, lunch=True, days=3, road=100.0)
    free = Instance(**{**capped.__dict__, "travel_limits": None})

    def travels(inst: Instance, tours: list[list[int]]) -> list[float]:
        return [float(sum(inst.travel[a, b] for a, b in pairwise(t))) for t in tours]

    loose = solve(free, stop(free, 10, iterations=300), seed=1)
    assert max(travels(free, loose.tours)) > 100  # without the cap a trip travels more
    assert any("travel limit" in e for e in feasible(capped, loose.tours))
    tight = solve(capped, stop(capped, 10, iterations=300), seed=1)
    assert feasible(capped, tight.tours) == []
    assert max(travels(capped, tight.tours)) <= 100 + 1e-6
    assert tight.score <= loose.score


def test_road_slack_keeps_room_on_a_day_with_a_lighter_cap() -> None:
    """A journey within a day's travel limit but longer than the limit less `road_slack`
    counts as the limit less the slack on that day, whatever the day's limit: a light
    arrival day (limit 120) that takes a 107-minute bus can still visit the museum 20
    minutes from the hotel (107 + 20 > 120 counted in full; 90 + 20 with a slack of 30)."""
    travel = np.full((3, 3), 12.0)
    np.fill_diagonal(travel, 0.0)
    travel[0, 1], travel[1, 0], travel[0, 2], travel[2, 0] = 107.0, 107.0, 107.0, 107.0
    travel[2, 1], travel[1, 2] = 20.0, 20.0
    inst = Instance(
        profits=np.array([0.0, 0.0, 10.0]), service=np.array([0.0, 0.0, 60.0]), travel=travel,
        hotels=(0, 1), start=0, end=1, day_limits=(600.0, 600.0), travel_limits=(120.0, 180.0),
        road_slack=30.0,
    )
    full = Instance(**{**inst.__dict__, "road_slack": 0.0})
    visit = [[0, 2, 1], [1, 1]]
    assert feasible(inst, visit) == []
    assert inst.road_of(0, [0, 2, 1]) == pytest.approx(90.0 + 20.0)
    assert inst.road_of(1, [0, 2, 1]) == pytest.approx(107.0 + 20.0)  # within 180 less 30
    assert any("travel limit" in e for e in feasible(full, visit))
    one_day = {"day_limits": (600.0,), "travel_limits": (120.0,)}
    light = Instance(**{**inst.__dict__, **one_day})
    light_full = Instance(**{**full.__dict__, **one_day})
    assert solve(light, stop(light, 1, iterations=50)).tours == [[0, 2, 1]]
    assert solve(light_full, stop(light_full, 1, iterations=50)).tours == [[0, 1]]
    with pytest.raises(ValueError, match="road_slack"):
        Instance(**{**inst.__dict__, "road_slack": -1.0})


def test_travel_limits_rejected_when_malformed() -> None:
    base = random_instance(0)
    with pytest.raises(ValueError, match="travel_limits"):
        Instance(**{**base.__dict__, "travel_limits": (100.0,)})


def test_latest_journey_starts_bind_and_hold() -> None:
    """A journey whose last service has gone cannot be started: the solution without that
    rule starts one too late, the one with it passes the checker."""
    timed = random_instance(2, n=30, windows=True, lunch=True, days=3, latest=True)
    free = Instance(**{**timed.__dict__, "latest": None})
    loose = solve(free, stop(free, 10, iterations=300), seed=1)
    assert any("latest start" in e for e in feasible(timed, loose.tours))
    tight = solve(timed, stop(timed, 10, iterations=300), seed=1)
    assert feasible(timed, tight.tours) == []


def test_stop_criteria_end_the_search() -> None:
    """`MaxIterations` caps the iterations; `NoImprovement(0)` and `MaxRuntime(0)` stop
    before the first, the latter still returning the feasible start."""
    inst = random_instance(4, n=14, windows=True)
    assert solve(inst, MaxIterations(25), seed=2).iterations == 25
    assert solve(inst, NoImprovement(0), seed=2).iterations == 0
    clocked = solve(inst, MaxRuntime(0.0), seed=2)
    assert clocked.iterations == 0 and clocked.is_feasible()


def test_params_change_the_search() -> None:
    """`SolveParams` reach the search: early restarts give a different, reproducible run."""
    inst = random_instance(6, n=24, hotels=4, days=3, windows=True, lunch=True)
    quick = SolveParams(restart_after=5, reset_after=3, elite_candidates=4, elite_size=2)
    a = solve(inst, MaxIterations(120), seed=1, params=quick)
    b = solve(inst, MaxIterations(120), seed=1, params=quick)
    assert a.tours == b.tours and a.is_feasible()


def test_result_recomputes_from_tours() -> None:
    """A `Result` built from tours alone reports their score and travel."""
    inst = read_ophs(read_path("tiny.ophs"))
    res = solve(inst, MaxIterations(10))
    again = Result(instance=inst, tours=res.tours, seconds=0.0, iterations=0)
    assert (again.score, again.travel, again.cost()) == (res.score, res.travel, -res.score)


def test_a_must_see_that_fits_only_with_a_stop_on_the_way() -> None:
    """A must-see whose direct journey is over the day's travel cap but that a stop on the
    way brings within it is planned, not refused as fitting nowhere "even visited alone"
    (青岩古镇 from 贵阳 by bus is over the relaxed cap alone, by 花溪 it is not)."""
    travel = np.array(
        [
            [0, 0, 200, 50],  # start: the must-see (2) is 200 away, the stop (3) 50
            [0, 0, 50, 50],
            [0, 50, 0, 50],
            [0, 50, 50, 0],  # stop -> must-see 50
        ],
        dtype=float,
    )
    inst = Instance(
        profits=np.array([0, 0, 100, 1], dtype=float),
        service=np.array([0, 0, 60, 30], dtype=float),
        travel=travel,
        hotels=(0, 1),
        start=0,
        end=1,
        day_limits=(600.0,),
        travel_limits=(150.0,),
        mandatory=frozenset({2}),
    )
    res = solve(inst, stop(inst, 1, patience=20), seed=0)
    assert res.tours == [[0, 3, 2, 1]]
