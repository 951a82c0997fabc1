"""Replacement of a visit by a more valuable one (`qianxing.solve.insertion.replace_pass`)."""

from __future__ import annotations

import numpy as np

from .common import EPS, BoolArray, FloatArray, IntArray, jit
from .timing import trip_end


@jit
def replace_pass(
    routes: IntArray, lens: IntArray, hotels: IntArray, targets: IntArray, used: BoolArray,
    ends: FloatArray, mandatory: BoolArray, tries: int, available: BoolArray,
    weight: FloatArray, tw: float, travel: FloatArray, service: FloatArray, windowed: bool,
    opens: FloatArray, closes: FloatArray, starts: FloatArray, limits: FloatArray,
    roads: FloatArray, arcs: FloatArray, has_lunch: bool, lunch: FloatArray,
    meal: BoolArray, has_meal: bool,
    cap: int, simple: bool,
) -> BoolArray:
    """Per trip, swap one visit for an unvisited vertex of more weight (or of equal weight
    when the trip gets shorter): the first feasible among the `tries` best by weight gain,
    then by time saved. Mandatory visits stay. `routes`, `lens`, `used` and `ends` are
    updated in place; returns which trips changed."""
    n = used.shape[0]
    days_n = routes.shape[0]
    changed = np.zeros(days_n, dtype=np.bool_)
    width = routes.shape[1]
    size = n * width + 1
    gains = np.empty(size)
    diffs = np.empty(size)
    verts = np.empty(size, dtype=np.int64)
    poss = np.empty(size, dtype=np.int64)
    tour = np.empty(width + 2, dtype=np.int64)
    for j in range(targets.shape[0]):
        d = targets[j]
        k = lens[d]
        if k == 0:
            continue
        m = k + 2
        tour[0] = hotels[d]
        tour[1 : m - 1] = routes[d, :k]
        tour[m - 1] = hotels[d + 1]
        pure = 0.0
        for i in range(1, m):
            pure += travel[tour[i - 1], tour[i]]
            if i < m - 1:
                pure += service[tour[i]]
        slack = limits[d] - pure
        count = 0
        for v in range(n):
            if used[v] or not available[d, v]:
                continue
            for q in range(1, m - 1):
                u = tour[q]
                if mandatory[u]:
                    continue
                a = tour[q - 1]
                b = tour[q + 1]
                saving = travel[a, u] + service[u] + travel[u, b] - travel[a, b]
                cost = travel[a, v] + service[v] + travel[v, b] - travel[a, b]
                if cost > saving + slack + EPS:
                    continue
                gain = weight[v] - weight[u]
                if tw > 0.0:
                    gain -= tw * ((cost - service[v]) - (saving - service[u]))
                shorter = cost - saving < -EPS
                if not (gain > EPS or (gain >= -EPS and shorter)):
                    continue
                gains[count] = gain
                diffs[count] = cost - saving
                verts[count] = v
                poss[count] = q
                count += 1
        if count == 0:
            continue
        by_diff = np.argsort(diffs[:count], kind="mergesort")
        order = by_diff[np.argsort(-gains[:count][by_diff], kind="mergesort")]
        tried = 0
        for i in order:
            if tried >= tries:
                break
            v = verts[i]
            if used[v]:
                continue
            tried += 1
            q = poss[i]
            u = tour[q]
            tour[q] = v
            end = trip_end(
                d, tour, m, travel, service, windowed, opens, closes, starts, limits, roads,
                arcs,
                has_lunch, lunch, meal, has_meal, cap, simple,
            )
            if end >= 0 and (gains[i] > EPS or end < ends[d] - EPS):
                routes[d, q - 1] = v
                used[u] = False
                used[v] = True
                ends[d] = end
                changed[d] = True
                break
            tour[q] = u
    return changed
