"""Minimal-change edits (`qianxing.solve.edit`): the old tours stay, only the edit moves."""

from __future__ import annotations

import numpy as np

from qianxing.solve import Instance, feasible, solve
from qianxing.solve.edit import insert

from .helpers import random_instance, stop


def _solved(seed: int) -> tuple[Instance, list[list[int]]]:
    inst = random_instance(seed, n=30, windows=True, lunch=True, days=3)
    return inst, solve(inst, stop(inst, 10, iterations=200), seed=seed).tours


def _unvisited(inst: Instance, tours: list[list[int]]) -> list[int]:
    seen = {v for t in tours for v in t}
    return [v for v in range(len(inst.hotels), inst.num_vertices) if v not in seen]


def test_insert_keeps_every_other_visit_in_place() -> None:
    inserted = 0
    for seed in range(6):
        inst, tours = _solved(seed)
        for v in _unvisited(inst, tours):
            edited = insert(inst, tours, [v])
            if edited is None:
                continue
            assert feasible(inst, edited.tours) == []
            for old, new in zip(tours, edited.tours, strict=True):
                kept = [u for u in new if u != v]
                # the same visits in the same order, minus any taken out to make room
                assert kept == [u for u in old if u not in edited.made_room]
            assert set(edited.made_room.values()) <= {v}
            inserted += 1
    assert inserted > 10


def test_room_is_made_only_from_unprotected_visits() -> None:
    made = 0
    for seed in range(6):
        inst, tours = _solved(seed)
        visited = frozenset(u for t in tours for u in t[1:-1])
        for v in _unvisited(inst, tours):
            free = insert(inst, tours, [v])
            if free is None or not free.made_room:
                continue
            made += 1
            # protecting what was taken out: it stays, or the insertion is refused
            guarded = insert(inst, tours, [v], protected=frozenset(free.made_room))
            if guarded is not None:
                assert not set(guarded.made_room) & set(free.made_room)
            everything = insert(inst, tours, [v], protected=visited)
            assert everything is None or not everything.made_room
    assert made > 0


def test_insert_on_a_given_day_and_never_on_a_locked_one() -> None:
    inst, tours = _solved(1)
    locked = Instance(**{**inst.__dict__, "locked": {0: tuple(tours[0])}})
    for v in _unvisited(inst, tours):
        edited = insert(locked, tours, [v], days={v: 2})
        if edited is not None:
            assert v in edited.tours[2]
            assert edited.tours[0] == tours[0]
        anywhere = insert(locked, tours, [v])
        if anywhere is not None:
            assert anywhere.tours[0] == tours[0]


def test_room_for_a_long_visit_is_made_by_taking_out_three_short_ones() -> None:
    """A long visit (天河潭, 195 min, added to the quick start's day of 龙宫, 黔灵山 and 甲秀楼)
    may need three short ones out of a day; when the edit stops at two, it falls back to a
    search that also drops places on days the added one never goes to."""
    n = 6  # vertices 0 and 1 are the hotels; 2, 3, 4 the day's visits; 5 the added one
    travel = np.full((n, n), 10.0)
    np.fill_diagonal(travel, 0.0)
    inst = Instance(
        profits=np.array([0, 0, 3, 3, 3, 20], dtype=float),
        service=np.array([0, 0, 100, 100, 100, 280], dtype=float),
        travel=travel,
        hotels=(0, 1),
        start=0,
        end=1,
        day_limits=(340.0,),
        day_starts=(480.0,),
    )
    tours = [[0, 2, 3, 4, 1]]
    assert feasible(inst, tours) == []
    edited = insert(inst, tours, [5])
    assert edited is not None
    assert edited.tours == [[0, 5, 1]]
    assert edited.made_room == {2: 5, 3: 5, 4: 5}
