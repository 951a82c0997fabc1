"""Trip timing, written once: arrival, waiting, windows, lunch and the travel caps.

Every kernel times its candidates with `trip_end`, and the Python side
(`qianxing.solve.timing.TripTimer` and `schedule`) calls these same functions, so the rules of
`qianxing.solve.timing` exist in one place (the independent checker, `qianxing.solve.check`,
keeps its own on purpose). Journey times go through `travel_time`, the one place a
time-dependent travel model would change.
"""

from __future__ import annotations

import numpy as np

from .common import EPS, BoolArray, FloatArray, IntArray, jit

LUNCH = -1
"""Vertex of the lunch break in `timeline` rows: taken at the row before it (leaving it, or
on arrival at the end hotel when it follows that row)."""
LUNCH_ON_THE_WAY = -2
"""Vertex of a lunch break taken during the journey between the rows around it (at a station
of a change, on board, or on arrival before the visit)."""


@jit
def travel_time(travel: FloatArray, i: int, j: int, t: float) -> float:
    """Time of the journey from `i` to `j` leaving at `t` (today the matrix, whatever `t`)."""
    return float(travel[i, j])


@jit
def _start(
    day: int, t: float, u: int, v: int, travel: FloatArray, windowed: bool, opens: FloatArray
) -> float:
    """When the visit to `v` starts, leaving `u` at `t`: on arrival, or at opening if later."""
    t += travel_time(travel, u, v, t)
    if windowed and t < opens[day, v]:
        return float(opens[day, v])
    return t


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
        t = _start(day, t, cur, v, travel, windowed, opens)
        if windowed and t > closes[day, v] + EPS:
            return -1.0
        t += service[v]
        cur = v
    return t


@jit
def ate_inside(
    day: int, tour: IntArray, m: int, travel: FloatArray, service: FloatArray, windowed: bool,
    opens: FloatArray, starts: FloatArray, lunch: FloatArray, meal: BoolArray,
) -> bool:
    """Whether the lunch-free schedule has a `meal_inside` visit covering the break."""
    l0, l1, ld = lunch[0], lunch[1], lunch[2]
    t = starts[day]
    for i in range(1, m - 1):
        v = tour[i]
        t = _start(day, t, tour[i - 1], v, travel, windowed, opens)
        after = t + service[v]
        if meal[v] and t <= l1 + EPS and after >= l0 + ld - EPS:
            return True
        t = after
    return False


@jit
def lunch_stop(
    day: int, tour: IntArray, m: int, travel: FloatArray, service: FloatArray, windowed: bool,
    opens: FloatArray, closes: FloatArray, starts: FloatArray, arcs: FloatArray,
    lunch: FloatArray,
) -> tuple[float, int, float]:
    """Best ``(arrival, stop index, lunch start)`` when a break is required: the stop after
    which the break gives the earliest arrival; arrival -1 when no stop works. Index ``m - 1``
    is the end hotel, on arrival, when the lunch-free schedule reaches it by `L1`: its
    arrival is then the end of the break. Index ``m + k`` is the journey from stop ``k``,
    left before `L0` and still under way at `L0`: the break is taken on the way and the
    journey takes `Ld` longer."""
    l0, l1, ld = lunch[0], lunch[1], lunch[2]
    last = arcs[1, tour[m - 2], tour[m - 1]] if arcs.shape[0] > 1 else np.inf
    best, best_k, best_start = -1.0, -1, 0.0
    t = starts[day]
    for k in range(m - 1):
        if k > 0:  # advance the lunch-free prefix to leaving stop k
            v = tour[k]
            t = _start(day, t, tour[k - 1], v, travel, windowed, opens) + service[v]
        start = t if t > l0 else l0
        if start > l1 + EPS:
            break
        out = _run(day, tour, m, k, start + ld, travel, service, windowed, opens, closes, arcs)
        if out < 0 or out > last + EPS:
            continue
        arrive = out + travel_time(travel, tour[m - 2], tour[m - 1], out)
        if best < 0 or arrive < best - EPS:
            best, best_k, best_start = arrive, k, start
    # on arrival at the end hotel, when no stop gives an earlier end
    out = _run(day, tour, m, 0, starts[day], travel, service, windowed, opens, closes, arcs)
    if out >= 0 and out <= last + EPS:
        arrive = out + travel_time(travel, tour[m - 2], tour[m - 1], out)
        start = arrive if arrive > l0 else l0
        if start <= l1 + EPS and (best < 0 or start + ld < best - EPS):
            best, best_k, best_start = start + ld, m - 1, start
    # on the way: a journey left before L0 and under way at L0
    t = starts[day]
    for k in range(m - 1):
        if k > 0:
            v = tour[k]
            t = _start(day, t, tour[k - 1], v, travel, windowed, opens) + service[v]
        if t >= l0 - EPS or l0 > l1 + EPS:
            break
        u, v = tour[k], tour[k + 1]
        reach = t + travel_time(travel, u, v, t)
        if reach < l0 - EPS:
            continue
        reach += ld
        if k + 1 == m - 1:
            if t > last + EPS:
                continue
            arrive = reach
        else:
            if windowed and reach < opens[day, v]:
                reach = float(opens[day, v])
            if windowed and reach > closes[day, v] + EPS:
                continue
            out = _run(day, tour, m, k + 1, reach + service[v], travel, service, windowed,
                       opens, closes, arcs)
            if out < 0 or out > last + EPS:
                continue
            arrive = out + travel_time(travel, tour[m - 2], tour[m - 1], out)
        if best < 0 or arrive < best - EPS:
            best, best_k, best_start = arrive, m + k, l0
    return best, best_k, best_start


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
    cap_road = roads[0, day]
    if cap_road < np.inf:
        floor = roads[1, day]  # a journey within the cap but longer than this counts as this
        road = 0.0
        for i in range(1, m):
            r = arcs[0, tour[i - 1], tour[i]]
            road += floor if floor < r <= cap_road + EPS else r
        if road > cap_road + EPS:
            return -1.0
    t0 = starts[day]
    limit = t0 + limits[day] + EPS
    if simple:
        t = t0
        for i in range(1, m):
            t += travel_time(travel, tour[i - 1], tour[i], t)
            if i < m - 1:
                t += service[tour[i]]
        return t if t <= limit else -1.0
    leave = _run(day, tour, m, 0, t0, travel, service, windowed, opens, closes, arcs)
    last = arcs[1, tour[m - 2], tour[m - 1]] if arcs.shape[0] > 1 else np.inf
    if leave < 0 or leave > last + EPS:
        return -1.0
    arrive = leave + travel_time(travel, tour[m - 2], tour[m - 1], leave)
    if arrive > limit:
        return -1.0
    if not has_lunch or t0 > lunch[1] or arrive <= lunch[0]:
        return float(arrive)
    if has_meal and ate_inside(day, tour, m, travel, service, windowed, opens, starts, lunch, meal):
        return float(arrive)
    best, _k, _start = lunch_stop(
        day, tour, m, travel, service, windowed, opens, closes, starts, arcs, lunch
    )
    if best < 0 or best > limit:
        return -1.0
    return best


@jit
def timeline(
    day: int, tour: IntArray, m: int, travel: FloatArray, service: FloatArray, windowed: bool,
    opens: FloatArray, closes: FloatArray, starts: FloatArray, limits: FloatArray,
    roads: FloatArray, arcs: FloatArray, has_lunch: bool, lunch: FloatArray,
    meal: BoolArray, has_meal: bool,
    cap: int, simple: bool,
) -> FloatArray:
    """Earliest-start ``(vertex, arrive, start, leave)`` rows of ``tour[:m]``, the lunch
    break as vertex `LUNCH` (`qianxing.solve.timing.schedule`). Infeasible trips still get
    their (violating) lunch-free schedule."""
    lunch_at, lunch_start = -2, 0.0
    t0 = starts[day]
    if has_lunch and t0 <= lunch[1]:
        leave = _run(day, tour, m, 0, t0, travel, service, windowed, opens, closes, arcs)
        late = (
            leave >= 0
            and leave + travel_time(travel, tour[m - 2], tour[m - 1], leave) > lunch[0]
        )
        inside = has_meal and ate_inside(
            day, tour, m, travel, service, windowed, opens, starts, lunch, meal
        )
        if late and not inside:
            best, k, start = lunch_stop(
                day, tour, m, travel, service, windowed, opens, closes, starts, arcs, lunch
            )
            if best >= 0:
                lunch_at, lunch_start = k, start
    ld = lunch[2] if has_lunch else 0.0
    way = lunch_at - m if lunch_at >= m else -2  # the journey from this stop holds lunch
    rows = np.empty((m + 1, 4))
    r = _row(rows, 0, tour[0], t0, t0, t0)
    t = t0
    if lunch_at == 0:
        r = _row(rows, r, LUNCH, lunch_start, lunch_start, lunch_start + ld)
        t = lunch_start + ld
    for i in range(1, m):
        v = tour[i]
        arrive = t + travel_time(travel, tour[i - 1], v, t)
        if i - 1 == way:
            r = _row(rows, r, LUNCH_ON_THE_WAY, lunch_start, lunch_start, lunch_start + ld)
            arrive += ld
        if i == m - 1:
            r = _row(rows, r, v, arrive, arrive, arrive)
            if lunch_at == m - 1:
                r = _row(rows, r, LUNCH, lunch_start, lunch_start, lunch_start + ld)
            break
        start = arrive if not windowed or arrive >= opens[day, v] else opens[day, v]
        t = start + service[v]
        r = _row(rows, r, v, arrive, start, t)
        if i == lunch_at:
            r = _row(rows, r, LUNCH, lunch_start, lunch_start, lunch_start + ld)
            t = lunch_start + ld
    return rows[:r]


@jit
def _row(rows: FloatArray, r: int, v: int, arrive: float, start: float, leave: float) -> int:
    """Write row `r` of a `timeline`; returns the next row's index."""
    rows[r, 0] = v
    rows[r, 1] = arrive
    rows[r, 2] = start
    rows[r, 3] = leave
    return r + 1
