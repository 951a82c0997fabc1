"""Relocate and swap between two trips (`qianxing.solve.inter.move_between`)."""

from __future__ import annotations

import numpy as np

from .common import EPS, BoolArray, FloatArray, IntArray, jit
from .timing import trip_end


@jit
def _fill_tour(tour: IntArray, routes: IntArray, lens: IntArray, hotels: IntArray, d: int) -> int:
    """Write trip `d` as ``(hotel, visits..., hotel)`` into `tour`; returns its length."""
    k = lens[d]
    tour[0] = hotels[d]
    tour[1 : k + 1] = routes[d, :k]
    tour[k + 1] = hotels[d + 1]
    return int(k + 2)


@jit
def _travel_of(tour: IntArray, m: int, travel: FloatArray) -> float:
    t = 0.0
    for i in range(m - 1):
        t += travel[tour[i], tour[i + 1]]
    return t


@jit
def _better(weighted: bool, d_trav: float, d_time: float) -> bool:
    if weighted:
        return d_trav < -EPS or (d_trav <= EPS and d_time < -EPS)
    return d_time < -EPS


@jit
def between(
    routes: IntArray, lens: IntArray, hotels: IntArray, targets: IntArray, ends: FloatArray,
    available: BoolArray, weighted: bool, travel: FloatArray, service: FloatArray,
    windowed: bool, opens: FloatArray, closes: FloatArray, starts: FloatArray,
    limits: FloatArray, roads: FloatArray, arcs: FloatArray, has_lunch: bool,
    lunch: FloatArray, meal: BoolArray,
    has_meal: bool, cap: int, simple: bool,
) -> BoolArray:
    """Relocate, then swap, visits between trips (`qianxing.solve.inter`), first improvement.

    `routes`, `lens` and `ends` (infinite when infeasible) are updated in place; returns
    which trips changed.
    """
    days_n = routes.shape[0]
    width = routes.shape[1]
    changed = np.zeros(days_n, dtype=np.bool_)
    trav = np.zeros(days_n)
    pure = np.zeros(days_n)
    ta = np.empty(width + 3, dtype=np.int64)
    tb = np.empty(width + 3, dtype=np.int64)
    na = np.empty(width + 3, dtype=np.int64)
    nb = np.empty(width + 3, dtype=np.int64)
    for x in range(targets.shape[0]):
        d = targets[x]
        m = _fill_tour(ta, routes, lens, hotels, d)
        trav[d] = _travel_of(ta, m, travel)
        pure[d] = trav[d]
        for i in range(1, m - 1):
            pure[d] += service[ta[i]]
    # relocate
    for xa in range(targets.shape[0]):
        a = targets[xa]
        i = 0
        while i < lens[a]:
            ma = _fill_tour(ta, routes, lens, hotels, a)
            p, v, q = ta[i], ta[i + 1], ta[i + 2]
            best_add = travel[p, v] + travel[v, q] - travel[p, q] - EPS
            best_b = -1
            best_j = -1
            sv = service[v]
            for xb in range(targets.shape[0]):
                b = targets[xb]
                if b == a or not available[b, v] or lens[b] >= cap:
                    continue
                room = limits[b] - pure[b] - sv + EPS
                if room < 0.0:
                    continue
                mb = _fill_tour(tb, routes, lens, hotels, b)
                for j in range(1, mb):
                    xx, yy = tb[j - 1], tb[j]
                    add = travel[xx, v] + travel[v, yy] - travel[xx, yy]
                    if add < best_add and add <= room:
                        best_add, best_b, best_j = add, b, j - 1
            if best_b >= 0:
                b, j = best_b, best_j
                mb = _fill_tour(tb, routes, lens, hotels, b)
                # new trip a without position i, new trip b with v before visit j
                na[: i + 1] = ta[: i + 1]
                na[i + 1 : ma - 1] = ta[i + 2 : ma]
                nb[: j + 1] = tb[: j + 1]
                nb[j + 1] = v
                nb[j + 2 : mb + 1] = tb[j + 1 : mb]
                ea = trip_end(a, na, ma - 1, travel, service, windowed, opens, closes, starts,
                              limits, roads, arcs, has_lunch, lunch, meal, has_meal, cap,
                              simple)
                eb = trip_end(b, nb, mb + 1, travel, service, windowed, opens, closes, starts,
                              limits, roads, arcs, has_lunch, lunch, meal, has_meal, cap,
                              simple)
                new_ta = _travel_of(na, ma - 1, travel)
                new_tb = _travel_of(nb, mb + 1, travel)
                ok = simple
                if not ok and ea >= 0 and eb >= 0:
                    d_trav = new_ta + new_tb - trav[a] - trav[b]
                    d_time = ea + eb - ends[a] - ends[b]
                    ok = _better(weighted, d_trav, d_time)
                if ok:
                    routes[a, : ma - 3] = na[1 : ma - 2]
                    lens[a] = ma - 3
                    routes[b, : mb - 1] = nb[1:mb]
                    lens[b] = mb - 1
                    ends[a] = ea if ea >= 0 else np.inf
                    ends[b] = eb if eb >= 0 else np.inf
                    pure[a] += new_ta - trav[a] - sv
                    pure[b] += new_tb - trav[b] + sv
                    trav[a], trav[b] = new_ta, new_tb
                    changed[a] = changed[b] = True
                    continue
            i += 1
    # swap
    for xa in range(targets.shape[0]):
        a = targets[xa]
        for xb in range(xa + 1, targets.shape[0]):
            b = targets[xb]
            ma = _fill_tour(ta, routes, lens, hotels, a)
            mb = _fill_tour(tb, routes, lens, hotels, b)
            for i in range(1, ma - 1):
                p, u, q = ta[i - 1], ta[i], ta[i + 1]
                if not available[b, u]:
                    continue
                out_u = travel[p, u] + travel[u, q]
                for j in range(1, mb - 1):
                    xx, w, yy = tb[j - 1], tb[j], tb[j + 1]
                    if not available[a, w]:
                        continue
                    da = travel[p, w] + travel[w, q] - out_u
                    db = travel[xx, u] + travel[u, yy] - travel[xx, w] - travel[w, yy]
                    if da + db >= -EPS:
                        continue
                    if simple and (
                        pure[a] + da + service[w] - service[u] > limits[a] + EPS
                        or pure[b] + db + service[u] - service[w] > limits[b] + EPS
                    ):
                        continue
                    ta[i] = w
                    tb[j] = u
                    ea = trip_end(a, ta, ma, travel, service, windowed, opens, closes, starts,
                                  limits, roads, arcs, has_lunch, lunch, meal, has_meal,
                                  cap, simple)
                    eb = trip_end(b, tb, mb, travel, service, windowed, opens, closes, starts,
                                  limits, roads, arcs, has_lunch, lunch, meal, has_meal,
                                  cap, simple)
                    ok = simple
                    if not ok and ea >= 0 and eb >= 0:
                        d_time = ea + eb - ends[a] - ends[b]
                        ok = _better(weighted, da + db, d_time)
                    if ok:
                        routes[a, : ma - 2] = ta[1 : ma - 1]
                        routes[b, : mb - 2] = tb[1 : mb - 1]
                        ends[a] = ea if ea >= 0 else np.inf
                        ends[b] = eb if eb >= 0 else np.inf
                        trav[a] += da
                        trav[b] += db
                        pure[a] += da + service[w] - service[u]
                        pure[b] += db + service[u] - service[w]
                        changed[a] = changed[b] = True
                        break
                    ta[i] = u
                    tb[j] = w
    return changed
