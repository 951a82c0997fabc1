"""Best visit orders of small subsets of mandatory vertices (`qianxing.solve.construct`)."""

from __future__ import annotations

import numpy as np

from .common import BoolArray, FloatArray, IntArray, jit
from .timing import trip_end


@jit
def subset_orders(
    d: int, heads: IntArray, tails: IntArray, must: IntArray, usable: BoolArray, size: int,
    stones: IntArray, travel: FloatArray, service: FloatArray, windowed: bool, opens: FloatArray,
    closes: FloatArray, starts: FloatArray, limits: FloatArray, roads: FloatArray,
    arcs: FloatArray, has_lunch: bool,
    lunch: FloatArray, meal: BoolArray, has_meal: bool, cap: int, simple: bool,
) -> tuple[IntArray, IntArray, IntArray]:
    """Every subset of `must` (at most `size` of them) that one trip from ``heads[i]`` to
    ``tails[j]`` on day `d` can visit, with its best order (`construct._day_trips`).

    A subset counts when some order is feasible; the order with the earliest arrival wins
    (the first in `itertools.permutations` order on ties). Every usable pair is timed, even
    one whose vertices do not fit alone: journey times need not obey the triangle inequality
    (贵阳 -> 夜郎谷 -> 青岩 by two taxis is quicker than the bus to 青岩). Subsets of three
    need all their pairs to fit first, which keeps their cost down. A vertex that does not
    fit alone is tried again beside each of its ``stones[i]`` (-1 padded): its order then
    holds that stop too, before or after it, whichever arrives first (the stop is not
    covered; `_by_stops`).

    Returns per found subset: the pair index ``i * len(tails) + j``, the bit mask over `must`
    and the order (padded with -1), singles before pairs before triples per hotel pair. Only
    vertices with `usable` set take part.
    """
    k = must.shape[0]
    per = 1 + k + k * (k - 1) // 2 + (k * (k - 1) * (k - 2) // 6 if size >= 3 else 0)
    total = heads.shape[0] * tails.shape[0] * per
    pair_of = np.empty(total, dtype=np.int64)
    masks = np.empty(total, dtype=np.int64)
    orders = np.full((total, 3), -1, dtype=np.int64)
    tour = np.empty(5, dtype=np.int64)
    ok2 = np.zeros((k, k), dtype=np.bool_)
    trio = np.empty(3, dtype=np.int64)
    perms = np.array(
        [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]], dtype=np.int64
    )
    count = 0
    for hi in range(heads.shape[0]):
        for ei in range(tails.shape[0]):
            pair = hi * tails.shape[0] + ei
            tour[0] = heads[hi]
            ok2[:, :] = False
            for i in range(k):
                if not usable[i] or size < 1:
                    continue
                tour[1] = must[i]
                tour[2] = tails[ei]
                if trip_end(d, tour, 3, travel, service, windowed, opens, closes, starts,
                            limits, roads, arcs, has_lunch, lunch, meal, has_meal, cap,
                            simple) >= 0:
                    pair_of[count] = pair
                    masks[count] = 1 << i
                    orders[count, 0] = must[i]
                    count += 1
                    continue
                if stones.shape[1] and _by_stops(
                    d, heads[hi], must[i], tails[ei], stones[i], orders[count], travel,
                    service, windowed, opens, closes, starts, limits, roads, arcs, has_lunch,
                    lunch, meal, has_meal, cap, simple,
                ):
                    pair_of[count] = pair
                    masks[count] = 1 << i
                    count += 1
            if size < 2:
                continue
            for i in range(k):
                for j in range(i + 1, k):
                    if not (usable[i] and usable[j]):
                        continue
                    best = -1.0
                    first = -1
                    for a, b in ((i, j), (j, i)):
                        tour[1] = must[a]
                        tour[2] = must[b]
                        tour[3] = tails[ei]
                        end = trip_end(d, tour, 4, travel, service, windowed, opens, closes,
                                       starts, limits, roads, arcs, has_lunch, lunch, meal,
                                       has_meal, cap,
                                       simple)
                        if end >= 0 and (best < 0 or end < best):
                            best = end
                            first = a
                    if first >= 0:
                        ok2[i, j] = True
                        pair_of[count] = pair
                        masks[count] = (1 << i) | (1 << j)
                        orders[count, 0] = must[first]
                        orders[count, 1] = must[j if first == i else i]
                        count += 1
            if size < 3:
                continue
            for i in range(k):
                for j in range(i + 1, k):
                    if not ok2[i, j]:
                        continue
                    for m in range(j + 1, k):
                        if not (ok2[i, m] and ok2[j, m]):
                            continue
                        trio[0], trio[1], trio[2] = i, j, m
                        best = -1.0
                        pick = -1
                        for p in range(6):
                            for x in range(3):
                                tour[1 + x] = must[trio[perms[p, x]]]
                            tour[4] = tails[ei]
                            end = trip_end(d, tour, 5, travel, service, windowed, opens,
                                           closes, starts, limits, roads, arcs, has_lunch,
                                           lunch, meal,
                                           has_meal, cap, simple)
                            if end >= 0 and (best < 0 or end < best):
                                best = end
                                pick = p
                        if pick >= 0:
                            pair_of[count] = pair
                            masks[count] = (1 << i) | (1 << j) | (1 << m)
                            for x in range(3):
                                orders[count, x] = must[trio[perms[pick, x]]]
                            count += 1
    return pair_of[:count], masks[:count], orders[:count]


@jit
def _shortens(arcs: FloatArray, a: int, s: int, b: int) -> bool:
    return bool(arcs[0, a, s] + arcs[0, s, b] < arcs[0, a, b])


@jit
def _by_stops(
    d: int, h: int, v: int, e: int, near: IntArray, out: IntArray,
    travel: FloatArray, service: FloatArray, windowed: bool, opens: FloatArray,
    closes: FloatArray, starts: FloatArray, limits: FloatArray, roads: FloatArray,
    arcs: FloatArray, has_lunch: bool,
    lunch: FloatArray, meal: BoolArray, has_meal: bool, cap: int, simple: bool,
) -> bool:
    """Whether trip `d` from `h` to `e` reaches `v` with one stop of `near` before or after
    it; the order that arrives first goes into `out`. A stop is tried only where it shortens
    the journey (``arcs[0]``) on its side: with journeys that obey the triangle inequality
    none is. (A stop on each side as well, for 安顺 -> 郎德 -> 西江 -> 南花 -> 凯里, found no
    better plan on `bench/plan.py` and cost 6 to 9 % more CPU.)"""
    tour = np.empty(4, dtype=np.int64)
    tour[0] = h
    best = -1.0
    for j in range(near.shape[0]):
        s = near[j]
        if s < 0:
            break
        for later in (False, True):
            if not (_shortens(arcs, v, s, e) if later else _shortens(arcs, h, s, v)):
                continue
            tour[1] = v if later else s
            tour[2] = s if later else v
            tour[3] = e
            end = trip_end(d, tour, 4, travel, service, windowed, opens, closes, starts,
                           limits, roads, arcs, has_lunch, lunch, meal, has_meal, cap, simple)
            if end >= 0 and (best < 0 or end < best):
                best = end
                out[0], out[1] = tour[1], tour[2]
    return best >= 0
