"""Parts of the search with a reference answer: batched fills, the claim-aware hotel DP, the
mandatory DP's beam, and the memoised local-search moves."""

from __future__ import annotations

import numpy as np
import pytest

from qianxing.solve import Instance, feasible, solve
from qianxing.solve._state import Context, State
from qianxing.solve.coverage import coverage_sequences
from qianxing.solve.hotels import allowed_hotels, estimates, hotel_values
from qianxing.solve.profiles import fill_pairs

from .helpers import random_instance, stop


def _line_instance() -> Instance:
    """Hotels 0 and 1 at x=0 and x=10; customers 2, 3, 4 at x=2, 5, 9 (travel = distance)."""
    x = np.array([0.0, 10.0, 2.0, 5.0, 9.0])
    return Instance(
        profits=np.array([0.0, 0.0, 1.0, 4.0, 2.0]),
        service=np.array([0.0, 0.0, 1.0, 1.0, 1.0]),
        travel=np.abs(x[:, None] - x[None, :]),
        hotels=(0, 1),
        start=0,
        end=1,
        day_limits=(12.0,),
    )


def test_fill_follows_profit_squared_over_added_time() -> None:
    ctx = Context(_line_instance())
    ((durs, gains, added),) = fill_pairs(ctx, [(0, 1)], limit=12.0)
    # on a line every insertion adds only its service time: the order is by profit
    assert added == [3, 4]  # then 2 would need 13 > 12 minutes
    assert durs.tolist() == [10.0, 11.0, 12.0]
    assert gains.tolist() == [0.0, 4.0, 6.0]


@pytest.mark.parametrize("seed", range(6))
def test_batched_fills_equal_one_pair_at_a_time(seed: int) -> None:
    inst = random_instance(seed, n=16, hotels=4, days=3)
    ctx = Context(inst)
    pairs = [(h, e) for h in inst.hotels for e in inst.hotels]
    together = fill_pairs(ctx, pairs, limit=420.0)
    for pair, (durs, gains, added) in zip(pairs, together, strict=True):
        ((alone_d, alone_g, alone_a),) = fill_pairs(ctx, [pair], limit=420.0)
        assert added == alone_a
        assert np.array_equal(durs, alone_d) and np.array_equal(gains, alone_g)
        assert durs[-1] <= 420.0 + 1e-6


def _two_towns() -> Instance:
    """A star each side of a long road: one trip per day, both stars worth a detour.

    Star 4 is near the start, star 5 a long drive away by hotel 3. The DP on pairwise
    estimates counts star 4 on every day spent near the start ([0, 0, 0, 1]) and never moves
    on to hotel 3; the claim-aware DP does.
    """
    pos = np.array([0.0, 0.0, 0.0, 100.0, 1.0, 101.0, 2.0])
    travel = np.abs(pos[:, None] - pos[None, :])
    return Instance(
        profits=np.array([0.0, 0.0, 0.0, 0.0, 50.0, 40.0, 1.0]),
        service=np.array([0.0, 0.0, 0.0, 0.0, 300.0, 300.0, 10.0]),
        travel=travel,
        hotels=(0, 1, 2, 3),
        start=0,
        end=1,
        day_limits=(420.0, 420.0, 420.0),
    )


def test_claim_aware_dp_reaches_a_second_star() -> None:
    inst = _two_towns()
    ctx = Context(inst)
    allowed = allowed_hotels(ctx)
    est = estimates(ctx, allowed)
    values = hotel_values(ctx, allowed, est)
    seqs = coverage_sequences(ctx, est, values)
    assert seqs and seqs[0][0] == 0 and seqs[0][-1] == 1
    assert 3 in seqs[0]  # a night near the second star
    st = State(ctx, seqs[0])
    assert all(st.refresh(d) for d in range(ctx.days))
    result = solve(inst, stop(inst, 1.0), seed=0)
    assert result.score == 91.0
    assert not feasible(inst, [list(t) for t in result.tours])


def test_many_mandatory_vertices_use_the_beam_and_stay_feasible() -> None:
    inst = random_instance(3, n=30, hotels=6, days=4, windows=True, lunch=True, mandatory=6)
    try:
        result = solve(inst, stop(inst, 1.0, patience=30), seed=0)
    except Exception as exc:  # an instance may be infeasible; then it must say which vertices
        assert "mandatory" in str(exc)
        return
    visited = {v for t in result.tours for v in t}
    assert inst.mandatory <= visited
    assert not feasible(inst, [list(t) for t in result.tours])


@pytest.mark.parametrize("seed", range(4))
def test_memoised_moves_repeat_their_first_answer(seed: int) -> None:
    """Same seed, same result: the memo tables replay outcomes, they never change them, and
    the process-wide fill cache is warm on the second run."""
    inst = random_instance(seed, n=20, hotels=4, days=3, windows=True, lunch=True)
    first = solve(inst, stop(inst, 5.0, iterations=60), seed=seed)
    again = solve(inst, stop(inst, 5.0, iterations=60), seed=seed)
    assert first.tours == again.tours and first.score == again.score


def test_promote_moves_the_hotels_to_fit_a_second_star() -> None:
    from qianxing.solve.heuristic import _local_search
    from qianxing.solve.insertion import insert_greedy
    from qianxing.solve.promote import promote

    inst = _two_towns()
    ctx = Context(inst)
    allowed = allowed_hotels(ctx)
    est = estimates(ctx, allowed)
    st = State(ctx, [0, 0, 0, 1])  # every night by the first star: the second is out of reach
    insert_greedy(st)
    assert st.used[4] and not st.used[5]
    better = promote(st, allowed, est, lambda s: _local_search(s, allowed))
    assert better is not None
    assert better.used[4] and better.used[5]
    assert better.score() == 91.0 > st.score()
    assert not feasible(inst, [better.tour(d) for d in range(ctx.days)])


def test_warm_start_keeps_a_good_plan_and_ignores_a_broken_one() -> None:
    inst = random_instance(5, n=24, hotels=4, days=3, windows=True, lunch=True)
    cold = solve(inst, stop(inst, 5.0, patience=80), seed=1)
    tours = [list(t) for t in cold.tours]
    warm = solve(inst, stop(inst, 5.0, patience=20), seed=1, initial=tours)
    assert warm.score >= cold.score
    assert not feasible(inst, [list(t) for t in warm.tours])
    broken = [[0, 3, 2], [2, 1], [1, 1]]  # trip 1 does not start where trip 0 ends
    fallback = solve(inst, stop(inst, 5.0, patience=20), seed=1, initial=broken)
    assert not feasible(inst, [list(t) for t in fallback.tours])


@pytest.mark.parametrize("seed", range(4))
def test_a_memo_hit_restores_the_figures_a_fresh_timing_gives(seed: int) -> None:
    """The local-search memo keeps each trip's timing figures with the itinerary, and a
    state restored from them has exactly the figures that timing its trips again gives."""
    from qianxing.solve.heuristic import _local_search

    inst = random_instance(seed, n=16, hotels=4, days=3)
    ctx = Context(inst)
    allowed = allowed_hotels(ctx)
    st = State(ctx, [inst.start, *allowed[1][:1], *allowed[2][:1], inst.end])
    _local_search(st, allowed)
    (snap, figures), = ctx.searched.values()
    assert snap == st.snapshot() and figures == st.figures()
    replayed, timed = State(ctx, list(st.hotels)), State(ctx, list(st.hotels))
    replayed.restore(snap, figures)
    timed.restore(snap)
    assert replayed.figures() == timed.figures() and replayed.key() == timed.key()
    assert np.array_equal(replayed.used, timed.used)


def test_a_must_see_that_fits_only_under_one_days_longer_road_cap_is_accepted() -> None:
    """The check that a must-see fits some trip times one day of each kind (`day_kinds`),
    since alike days time every trip alike; days alike in all but their cap on the road are
    not alike.
    Here the must-see (vertex 2, 101 minutes from either hotel each way) fits only day 2's
    cap of 240 min on the road; day 1 (cap 120) is otherwise the same as day 2."""
    x = np.array([0.0, 0.0, 100.0, 10.0])
    inst = Instance(
        profits=np.array([0.0, 0.0, 5.0, 1.0]),
        service=np.array([0.0, 0.0, 30.0, 30.0]),
        travel=np.abs(x[:, None] - x[None, :]) + 1.0,
        hotels=(0, 1),
        start=0,
        end=1,
        day_limits=(600.0, 600.0, 600.0, 600.0),
        day_starts=(540.0, 540.0, 540.0, 540.0),
        travel_limits=(120.0, 120.0, 240.0, 120.0),
        mandatory=frozenset({2}),
    )
    result = solve(inst, stop(inst, 5.0, iterations=20), seed=0)
    assert 2 in result.tours[2]
    assert feasible(inst, [list(t) for t in result.tours]) == []


@pytest.mark.parametrize("seed", range(3))
def test_an_instance_with_one_more_must_see_shares_the_setup_and_solves_the_same(
    seed: int,
) -> None:
    """The reasons for a dropped place solve the plan's instance again with one more
    must-see. Its context takes the trip timer and estimates of a cached context of that
    instance (`heuristic._alike`), and the solve returns what a fresh context gives."""
    import dataclasses

    from qianxing.solve import heuristic

    base = random_instance(seed, n=20, hotels=4, days=3, windows=True, lunch=True)
    first = solve(base, stop(base, 5.0, iterations=30), seed=seed)
    out = next(v for v in range(4, 20) if all(v not in t for t in first.tours))
    more = dataclasses.replace(base, mandatory=frozenset({out}))
    try:
        shared = solve(more, stop(more, 5.0, iterations=30), seed=seed)
    except heuristic.InfeasibleInstanceError:
        shared = None
    ctx = heuristic._context(more)
    assert ctx.like_setup is not None and ctx.timer is heuristic._context(base).timer
    heuristic._CONTEXTS.clear()
    try:
        fresh = solve(more, stop(more, 5.0, iterations=30), seed=seed)
    except heuristic.InfeasibleInstanceError:
        assert shared is None
        return
    assert heuristic._context(more).like_setup is None
    assert shared is not None and shared.tours == fresh.tours


def test_an_instance_weighing_the_shape_shares_the_setup_and_solves_the_same() -> None:
    """The planner's second look at the hotels solves the plan's instance again with hotel
    changes and evenings weighed and its sights kept; its context takes the trip timer and
    estimates of the first solve's (`heuristic._alike`), and the solve returns what a fresh
    context gives."""
    import dataclasses

    from qianxing.solve import heuristic

    base = random_instance(4, n=20, hotels=4, days=3, windows=True, lunch=True)
    first = solve(base, stop(base, 5.0, iterations=30), seed=4)
    kept = frozenset(v for t in first.tours for v in t[1:-1])
    settled = dataclasses.replace(
        base, hotel_change_weight=50.0, evening_weight=10.0, mandatory=kept
    )
    assert heuristic._alike(base, settled)
    shared = solve(settled, stop(settled, 5.0, iterations=30), initial=first.tours, seed=4)
    ctx = heuristic._context(settled)
    assert ctx.like_setup is not None and ctx.timer is heuristic._context(base).timer
    heuristic._CONTEXTS.clear()
    fresh = solve(settled, stop(settled, 5.0, iterations=30), initial=first.tours, seed=4)
    assert heuristic._context(settled).like_setup is None
    assert shared.tours == fresh.tours


def _stone_instance() -> Instance:
    """One day from hotel 0 to hotel 1. Star 2 is 200 minutes away by its direct road, but 20
    by way of the small sight 3 (journey times need not obey the triangle inequality, as by
    public transport in town); sight 4 fills the day alone, so a greedy fill takes it."""
    travel = np.full((5, 5), 200.0)
    np.fill_diagonal(travel, 0.0)
    for a, b, minutes in [(0, 1, 50), (0, 3, 20), (3, 2, 20), (2, 1, 30), (3, 1, 60),
                          (0, 4, 10), (4, 1, 40), (3, 4, 30)]:
        travel[a, b] = travel[b, a] = minutes
    return Instance(
        profits=np.array([0.0, 0.0, 100.0, 1.0, 5.0]),
        service=np.array([0.0, 0.0, 100.0, 10.0, 250.0]),
        travel=travel,
        hotels=(0, 1),
        start=0,
        end=1,
        day_limits=(300.0,),
    )


def _promoted(inst: Instance, visit: int) -> State | None:
    """`promote` from the one-day plan hotel 0 -> `visit` -> hotel 1."""
    from qianxing.solve.heuristic import _local_search
    from qianxing.solve.promote import promote

    ctx = Context(inst)
    allowed = allowed_hotels(ctx)
    st = State(ctx, [0, 1])
    st.add(0, 0, visit)
    assert st.refresh(0)
    return promote(st, allowed, estimates(ctx, allowed), lambda s: _local_search(s, allowed))


def test_promote_reaches_a_star_by_way_of_a_stepping_stone() -> None:
    """The cover DP alone cannot place star 2 (0 -> 2 -> 1 takes 330 of 300 minutes); with
    the sight beside it named, 0 -> 3 -> 2 -> 1 takes 180."""
    inst = _stone_instance()
    better = _promoted(inst, 4)
    assert better is not None
    assert better.tour(0) == [0, 3, 2, 1]
    assert not feasible(inst, [better.tour(0)])


def test_promote_trades_one_star_for_two_on_a_short_trip() -> None:
    """Star 2 fills the day; stars 3 and 4, each worth less, fit together and are worth more."""
    inst = Instance(
        profits=np.array([0.0, 0.0, 15.0, 10.0, 10.0]),
        service=np.array([0.0, 0.0, 280.0, 140.0, 140.0]),
        travel=np.zeros((5, 5)),
        hotels=(0, 1),
        start=0,
        end=1,
        day_limits=(300.0,),
    )
    better = _promoted(inst, 2)
    assert better is not None
    assert sorted(better.tour(0)[1:-1]) == [3, 4] and better.score() == 20.0


def test_the_cover_dp_takes_a_day_of_travel_that_needs_a_stop() -> None:
    """Star 4 is reached only from hotel 2 (by day 2's limit), and the direct road to hotel 2
    is too long for day 1: only a stop at sight 3 on the way (a bridge) makes that day. The
    plain hotel DP keeps such days out of the search when a chain exists without them (A, A,
    E here); the cover DP must consider them or never reach the star."""
    from qianxing.solve.construct import mandatory_start
    from qianxing.solve.hotels import fill_bridges

    travel = np.full((5, 5), 999.0)
    np.fill_diagonal(travel, 0.0)
    for a, b, minutes in [(0, 2, 400), (0, 3, 100), (3, 2, 100), (2, 4, 20), (4, 1, 150),
                          (0, 1, 50), (2, 1, 100), (0, 4, 400), (1, 4, 150)]:
        travel[a, b] = travel[b, a] = minutes
    inst = Instance(
        profits=np.array([0.0, 0.0, 0.0, 1.0, 100.0]),
        service=np.array([0.0, 0.0, 0.0, 10.0, 100.0]),
        travel=travel,
        hotels=(0, 1, 2),
        start=0,
        end=1,
        day_limits=(300.0, 300.0),
    )
    ctx = Context(inst)
    allowed = allowed_hotels(ctx)
    st = mandatory_start(ctx, allowed, estimates(ctx, allowed), cover=[4])
    assert st is not None and st.hotels == [0, 2, 1]
    assert fill_bridges(st) and st.tour(0) == [0, 3, 2] and st.tour(1) == [2, 4, 1]
    assert not feasible(inst, [st.tour(0), st.tour(1)])
