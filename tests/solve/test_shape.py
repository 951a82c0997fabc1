"""The itinerary-shape terms of the objective: hotel changes, re-entries of a group, and
nights at an evening place."""

from __future__ import annotations

import random

import pytest

from qianxing.solve import Instance, feasible, solve
from qianxing.solve.instance import evening_nights, hotel_changes, reentries

from .helpers import random_instance, stop


def test_hotel_changes_count_nights_in_a_new_hotel() -> None:
    assert hotel_changes([[0, 5, 2], [2, 6, 2], [2, 7, 1]]) == 0
    assert hotel_changes([[0, 5, 2], [2, 6, 3], [3, 7, 1]]) == 1
    assert hotel_changes([[0, 5, 1]]) == 0


def test_reentries_count_returns_after_leaving() -> None:
    groups = [-1, -1, 0, 1, 0, 1, 2]
    assert reentries(groups, [[0, 2, 4, 0], [0, 3, 5, 1]]) == 0  # A then hub then B
    assert reentries(groups, [[0, 2, 3, 4, 1]]) == 1  # A, B, back to A
    assert reentries(groups, [[0, 2, 0], [0, 4, 1]]) == 1  # A, hub, A again
    # a trip that starts and ends in the same group has that second run free
    assert reentries(groups, [[2, 3, 4]]) == 0
    # A B A B A: A's middle run and B's second run are re-entries (A's last is free)
    assert reentries(groups, [[2, 3, 4, 5, 2]]) == 2


def test_evening_nights_count_a_bed_there_the_night_after_or_before() -> None:
    """Hotels 0 (start), 1 (end), 2, 3; vertex 5's evening is at hotel 2. Only nights
    between trips count: the start and the end are no bed for its evening."""
    beds = {5: frozenset({2})}
    assert evening_nights(beds, [0, 2, 1], [[5], []]) == 1  # the night after
    assert evening_nights(beds, [0, 2, 1], [[], [5]]) == 1  # the night before
    assert evening_nights(beds, [0, 3, 1], [[5], []]) == 0  # elsewhere
    assert evening_nights(beds, [2, 3, 2], [[5], []]) == 0  # start and end are not nights
    assert evening_nights(beds, [0, 1], [[5]]) == 0  # a one-day trip has no night


def test_the_search_counts_the_shape_as_the_tours_do() -> None:
    """`shape_penalty_of` (hotels and visit lists, what the search holds) agrees with
    `shape_penalty` of the same itinerary written as tours, over seeded random itineraries
    that include empty trips, -1 groups and trips back into the first group."""
    rng = random.Random(7)
    for seed in range(3):
        inst = _grouped(seed, 50.0, 20.0, 30.0)
        hotels, visits = list(inst.hotels), [v for v in range(inst.num_vertices)
                                             if v not in inst.hotels]
        for _ in range(200):
            days = inst.num_days
            seq = [inst.start, *rng.choices(hotels, k=days - 1), inst.end]
            pool = rng.sample(visits, rng.randint(0, len(visits)))
            routes = [pool[d::days] if rng.random() < 0.8 else [] for d in range(days)]
            tours = [[seq[d], *routes[d], seq[d + 1]] for d in range(days)]
            assert inst.shape_penalty_of(seq, routes) == inst.shape_penalty(tours)


def test_shape_weights_are_validated() -> None:
    base = random_instance(0)
    with pytest.raises(ValueError, match="groups"):
        Instance(**{**base.__dict__, "groups": (0, 1)})
    with pytest.raises(ValueError, match="reentry_weight"):
        Instance(**{**base.__dict__, "reentry_weight": -1.0})
    with pytest.raises(ValueError, match="evenings"):
        Instance(**{**base.__dict__, "evenings": {base.hotels[2]: frozenset({0})}})
    with pytest.raises(ValueError, match="evening_weight"):
        Instance(**{**base.__dict__, "evening_weight": float("nan")})


def _grouped(seed: int, weight: float, hotel: float, evening: float = 0.0) -> Instance:
    base = random_instance(seed, n=30, windows=True, lunch=True, days=4, hotels=4)
    groups = tuple(-1 if v < 2 else v % 3 for v in range(base.num_vertices))
    visits = [v for v in range(base.num_vertices) if v not in base.hotels]
    evenings = {v: frozenset({base.hotels[2 + v % 2]}) for v in visits[:6]}
    return Instance(
        **{**base.__dict__, "groups": groups, "reentry_weight": weight,
           "hotel_change_weight": hotel, "evenings": evenings, "evening_weight": evening}
    )


def test_the_search_avoids_what_the_shape_costs() -> None:
    """Over a few random instances, weighting re-entries and hotel changes gives fewer of
    them than not, and the objective the result reports includes the penalty."""
    free = shaped = moves_free = moves_shaped = 0
    for seed in range(4):
        plain = _grouped(seed, 0.0, 0.0)
        costly = _grouped(seed, 50.0, 20.0)
        a = solve(plain, stop(plain, 10, iterations=300), seed=seed)
        b = solve(costly, stop(costly, 10, iterations=300), seed=seed)
        assert feasible(costly, b.tours) == []
        assert plain.groups is not None
        free += reentries(plain.groups, a.tours)
        shaped += reentries(plain.groups, b.tours)
        moves_free += hotel_changes(a.tours)
        moves_shaped += hotel_changes(b.tours)
        assert b.objective() == pytest.approx(
            b.score - costly.travel_weight * b.travel - costly.shape_penalty(b.tours)
        )
    assert free > 0 and shaped < free
    assert moves_shaped <= moves_free


def test_the_search_seeks_the_nights_an_evening_earns() -> None:
    """Over a few random instances, weighting nights at evening places' hotels gives more
    of them than not, and the objective the result reports counts them."""
    free = weighted = 0
    for seed in range(4):
        plain = _grouped(seed, 0.0, 0.0)
        keen = _grouped(seed, 0.0, 0.0, 200.0)
        a = solve(plain, stop(plain, 10, iterations=300), seed=seed)
        b = solve(keen, stop(keen, 10, iterations=300), seed=seed)
        assert feasible(keen, b.tours) == []
        for result, inst in ((a, plain), (b, keen)):
            hotels = [t[0] for t in result.tours] + [result.tours[-1][-1]]
            nights = evening_nights(inst.evenings, hotels, [t[1:-1] for t in result.tours])
            if inst is plain:
                free += nights
            else:
                weighted += nights
        assert b.objective() == pytest.approx(
            b.score - keen.travel_weight * b.travel - keen.shape_penalty(b.tours)
        )
    assert weighted > free

