"""Trip timing for the kernels: arrival at the end hotel under windows, lunch and caps."""

from __future__ import annotations

import numpy as np

from ..timing import EPS
from .common import BoolArray, FloatArray, IntArray, jit


@jit
def _run(
    day: int, tour: IntArray, m: int, begin: int, t: float, travel: FloatArray,
    service: FloatArray, windowed: bool, opens: FloatArray, closes: FloatArray,
    arcs: FloatArray,
) -> float:
    """Leave time at ``tour[m-2]`` from leaving ``tour[begin]`` at `t`; -1 when a window
    or a journey's latest start is missed (times are never negative)."""
    dated = arcs.shape[0] > 1
    cur = tour[begin]
    for i in range(begin + 1, m - 1):
        v = tour[i]
        if dated and t > arcs[1, cur, v] + EPS:
            return -1.0
        t += travel[cur, v]
        if windowed:
            if t < opens[day, v]:
                t = opens[day, v]
            if t > closes[day, v] + EPS:
                return -1.0
        t += service[v]
        cur = v
    return t


@jit
def trip_end(
    day: int, tour: IntArray, m: int, travel: FloatArray, service: FloatArray, windowed: bool,
    opens: FloatArray, closes: FloatArray, starts: FloatArray, limits: FloatArray,
    roads: FloatArray, arcs: FloatArray, has_lunch: bool, lunch: FloatArray,
    meal: BoolArray, has_meal: bool,
    cap: int, simple: bool,
) -> float:
    """Arrival at the end hotel of ``tour[:m]`` on trip `day`, or -1 when infeasible
    (`qianxing.solve.timing.TripTimer.end`)."""
    if m - 2 > cap:
        return -1.0
    if roads[day] < np.inf:
        road = 0.0
        for i in range(1, m):
            road += arcs[0, tour[i - 1], tour[i]]
        if road > roads[day] + EPS:
            return -1.0
    t0 = starts[day]
    limit = t0 + limits[day] + EPS
    if simple:
        t = t0
        for i in range(1, m):
            t += travel[tour[i - 1], tour[i]]
            if i < m - 1:
                t += service[tour[i]]
        return t if t <= limit else -1.0
    leave = _run(day, tour, m, 0, t0, travel, service, windowed, opens, closes, arcs)
    last = arcs[1, tour[m - 2], tour[m - 1]] if arcs.shape[0] > 1 else np.inf
    if leave < 0 or leave > last + EPS:
        return -1.0
    arrive = leave + travel[tour[m - 2], tour[m - 1]]
    if arrive > limit:
        return -1.0
    l0, l1, ld = lunch[0], lunch[1], lunch[2]
    if not has_lunch or t0 > l1 or arrive <= l0:
        return float(arrive)
    if has_meal:  # a meal_inside visit covering the break in the lunch-free schedule
        t = t0
        for i in range(1, m - 1):
            v = tour[i]
            t += travel[tour[i - 1], v]
            if windowed and t < opens[day, v]:
                t = opens[day, v]
            after = t + service[v]
            if meal[v] and t <= l1 + EPS and after >= l0 + ld - EPS:
                return float(arrive)
            t = after
    best = -1.0
    t = t0
    for k in range(m - 1):
        if k > 0:
            v = tour[k]
            t += travel[tour[k - 1], v]
            if windowed and t < opens[day, v]:
                t = opens[day, v]
            t += service[v]
        start = t if t > l0 else l0
        if start > l1 + EPS:
            break
        out = _run(
            day, tour, m, k, start + ld, travel, service, windowed, opens, closes, arcs
        )
        if out < 0 or out > last + EPS:
            continue
        arrive = out + travel[tour[m - 2], tour[m - 1]]
        if best < 0 or arrive < best - EPS:
            best = arrive
    if best < 0 or best > limit:
        return -1.0
    return best
