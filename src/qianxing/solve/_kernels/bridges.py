"""Single visits that make a trip feasible (`qianxing.solve.hotels.bridges`)."""

from __future__ import annotations

import numpy as np

from .common import EPS, BoolArray, FloatArray, IntArray, jit
from .timing import travel_time, trip_end


@jit
def bridge_ends(
    d: int, h: int, e: int, cands: IntArray,
    travel: FloatArray, service: FloatArray, windowed: bool, opens: FloatArray,
    closes: FloatArray, starts: FloatArray, limits: FloatArray, roads: FloatArray,
    arcs: FloatArray, has_lunch: bool,
    lunch: FloatArray, meal: BoolArray, has_meal: bool, cap: int, simple: bool,
) -> FloatArray:
    """Arrival at `e` of trip `d` from `h` visiting each of `cands` alone (-1 when that trip
    is infeasible). A candidate whose travel and service alone exceed the day is not timed."""
    out = np.full(cands.shape[0], -1.0)
    tour = np.empty(3, dtype=np.int64)
    tour[0] = h
    tour[2] = e
    limit = limits[d] + EPS
    for k in range(cands.shape[0]):
        v = cands[k]
        if travel_time(travel, h, v, 0.0) + service[v] + travel_time(travel, v, e, 0.0) > limit:
            continue
        tour[1] = v
        out[k] = trip_end(d, tour, 3, travel, service, windowed, opens, closes, starts,
                          limits, roads, arcs, has_lunch, lunch, meal, has_meal, cap, simple)
    return out
