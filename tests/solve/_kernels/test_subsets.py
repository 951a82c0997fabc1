"""Subset orders of mandatory vertices (`qianxing.solve._kernels.subsets`)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from qianxing.solve._kernels import subset_orders
from qianxing.solve._state import Context
from qianxing.solve.timing import TripTimer

from ..helpers import random_instance
from .helpers import KINDS


@pytest.mark.parametrize("kind", range(len(KINDS)))
def test_subset_orders_are_the_brute_force_ones(kind: int) -> None:
    """Every schedulable subset of up to three, with its best order, as brute force finds."""
    inst = random_instance(kind, n=12, hotels=3, days=2, **KINDS[kind])  # type: ignore[arg-type]
    ctx = Context(inst)
    timer = TripTimer(inst)
    must = [3, 5, 6, 8, 10]
    heads, tails = [0, 1, 2], [1, 2]
    usable = [timer.available(1, v) for v in must]
    pair_of, masks, orders = subset_orders(
        1, np.array(heads), np.array(tails), np.array(must), np.array(usable), 3,
        np.full((len(must), 0), -1, dtype=np.int64), *ctx.tables.timing(),
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


def _orders(must: list[int], stones: list[list[int]]) -> dict[int, list[int]]:
    """`subset_orders` on `_stone_instance` for one trip, by covered mask."""
    from ..test_search_parts import _stone_instance

    ctx = Context(_stone_instance())
    _pair_of, masks, orders = subset_orders(
        0, np.array([0]), np.array([1]), np.array(must), np.ones(len(must), dtype=np.bool_), 3,
        np.array(stones, dtype=np.int64).reshape(len(must), -1), *ctx.tables.timing(),
    )
    return {int(m): [v for v in o if v >= 0] for m, o in zip(masks, orders.tolist(), strict=True)}


def test_a_pair_counts_where_one_of_it_does_not_fit_alone() -> None:
    """0 -> 2 -> 1 is over the day's limit by its direct road, 0 -> 3 -> 2 -> 1 is not."""
    assert _orders([2, 3], [[], []]) == {0b10: [3], 0b11: [3, 2]}


def test_a_vertex_out_of_reach_alone_is_reached_by_way_of_a_stop() -> None:
    """Star 2 alone takes its stop 3 on the way; sight 4 as a stop shortens no journey to it,
    and star 2 with only that stop stays out of reach."""
    assert _orders([2], [[4, 3]]) == {0b1: [3, 2]}
    assert _orders([2], [[4]]) == {}
    assert _orders([2], [[]]) == {}
