"""Compiled inner loops (numba): trip timing and greedy insertion (private).

The search spends most of its time trying to insert vertices into trips. In Python each try
costs microseconds of interpreter overhead around a handful of arithmetic operations, so the
loops that generate, rank and time insertion candidates live here, compiled, over plain
arrays. The rules are those of `qianxing.solve.timing` (earliest start, windows, the lunch
rule); `tests/solve/test_kernels.py` checks both agree on random trips.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

import numba
import numpy as np
import numpy.typing as npt

from .timing import EPS

if TYPE_CHECKING:
    from .timing import TripTimer

F = TypeVar("F", bound=Callable[..., Any])
_jit = cast(Callable[[F], F], numba.njit(cache=True, nogil=True))

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


class Tables:
    """The instance's timing data as arrays, in the order the kernels take them."""

    def __init__(
        self,
        timer: TripTimer,
        weight: FloatArray,
        tw: float,
        available: BoolArray,
        mandatory: BoolArray,
    ) -> None:
        inst = timer.instance
        n, days = inst.num_vertices, inst.num_days
        self.travel = np.ascontiguousarray(inst.travel, dtype=np.float64)
        self.service = np.ascontiguousarray(inst.service, dtype=np.float64)
        self.windowed = inst.windows is not None
        if inst.windows is None:
            self.opens = np.zeros((days, n))
            self.closes = np.zeros((days, n))
        else:
            self.opens = np.ascontiguousarray(inst.windows[:, :, 0], dtype=np.float64)
            self.closes = np.ascontiguousarray(inst.windows[:, :, 1], dtype=np.float64)
        self.starts = np.asarray(timer.starts, dtype=np.float64)
        self.limits = np.asarray(timer.limits, dtype=np.float64)
        self.roads = np.asarray(timer.roads, dtype=np.float64)
        """Per trip, the most travel time it may hold (inf: no cap)."""
        layers = [inst.road_times] if inst.latest is None else [inst.road_times, inst.latest]
        self.arcs = np.ascontiguousarray(np.stack(layers), dtype=np.float64)
        """Per journey: the time counted against the travel limits (`Instance.road`) and,
        when the instance has them, the latest start (`Instance.latest`)."""
        self.has_lunch = inst.lunch is not None
        self.lunch = np.asarray(inst.lunch if inst.lunch is not None else (0.0, 0.0, 0.0))
        self.meal = np.zeros(n, dtype=np.bool_)
        self.meal[list(inst.meal_inside)] = True
        self.has_meal = bool(inst.meal_inside)
        self.cap = int(timer.cap)
        self.simple = bool(timer.simple)
        self.weight = np.ascontiguousarray(weight, dtype=np.float64)
        self.tw = float(tw)
        self.available = np.ascontiguousarray(available, dtype=np.bool_)
        self.width = max(1, min(self.cap, n))
        """Room for the visits of one trip."""
        self.mandatory = mandatory
        self.ones = np.ones((days, n))
        """Priority factors without noise."""

    def timing(self) -> tuple[Any, ...]:
        """Arguments of `trip_end` after ``(day, tour, m)``."""
        return (
            self.travel, self.service, self.windowed, self.opens, self.closes, self.starts,
            self.limits, self.roads, self.arcs, self.has_lunch, self.lunch, self.meal,
            self.has_meal, self.cap,
            self.simple,
        )


@_jit
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


@_jit
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


@_jit
def _trip_candidates(
    d: int, tour: IntArray, m: int, used: BoolArray, available: BoolArray,
    travel: FloatArray, service: FloatArray, limit: float, weight: FloatArray, tw: float,
    noise: FloatArray, keys: FloatArray, verts: IntArray, poss: IntArray, days: IntArray,
    count: int,
) -> int:
    """Append trip `d`'s screened insertions (waiting-free slack test) to the pool arrays;
    returns the new pool size."""
    pure = 0.0
    for i in range(1, m):
        pure += travel[tour[i - 1], tour[i]]
        if i < m - 1:
            pure += service[tour[i]]
    slack = limit - pure
    n = used.shape[0]
    for v in range(n):
        if used[v] or not available[d, v]:
            continue
        w = weight[v]
        for p in range(m - 1):
            a = tour[p]
            b = tour[p + 1]
            delta = travel[a, v] + service[v] + travel[v, b] - travel[a, b]
            if delta > slack + EPS:
                continue
            if tw > 0.0 and not w > tw * (delta - service[v]) + EPS:
                continue
            dl = delta if delta > 0.0 else 0.0
            if count == keys.shape[0]:
                return count  # pool full (never with the caller's sizing)
            keys[count] = w * w / (dl + 1e-6) * noise[d, v]
            verts[count] = v
            poss[count] = p
            days[count] = d
            count += 1
    return count


@_jit
def insert_greedy(
    routes: IntArray, lens: IntArray, hotels: IntArray, targets: IntArray, used: BoolArray,
    noise: FloatArray, max_checks: int, available: BoolArray, weight: FloatArray, tw: float,
    travel: FloatArray, service: FloatArray, windowed: bool, opens: FloatArray,
    closes: FloatArray, starts: FloatArray, limits: FloatArray, roads: FloatArray,
    arcs: FloatArray, has_lunch: bool,
    lunch: FloatArray, meal: BoolArray, has_meal: bool, cap: int, simple: bool,
) -> BoolArray:
    """Insert by best ``weight^2 / added time`` (times `noise`) until nothing fits.

    `routes[d, :lens[d]]` are trip d's visits; `used` is updated in place. Per insertion the
    `max_checks` best candidates are timed exactly; one that fails stays out until its trip
    changes. Returns which trips changed.
    """
    days_n = routes.shape[0]
    n = used.shape[0]
    width = routes.shape[1]
    changed = np.zeros(days_n, dtype=np.bool_)
    size = n * (n + 2 * targets.shape[0] + 1)  # visits never exceed n, so neither does the pool
    keys = np.empty(size)
    verts = np.empty(size, dtype=np.int64)
    poss = np.empty(size, dtype=np.int64)
    days = np.empty(size, dtype=np.int64)
    alive = np.empty(size, dtype=np.bool_)
    tour = np.empty(width + 3, dtype=np.int64)
    trial = np.empty(width + 3, dtype=np.int64)
    count = 0
    for j in range(targets.shape[0]):
        d = targets[j]
        m = lens[d] + 2
        if m - 2 >= cap:
            continue
        tour[0] = hotels[d]
        tour[1 : m - 1] = routes[d, : m - 2]
        tour[m - 1] = hotels[d + 1]
        count = _trip_candidates(
            d, tour, m, used, available, travel, service, limits[d], weight, tw, noise,
            keys, verts, poss, days, count,
        )
    alive[:count] = True
    while True:
        order = np.argsort(-keys[:count], kind="mergesort")
        done = -1
        checks = 0
        for i in order:
            if not alive[i]:
                continue
            v = verts[i]
            if used[v]:
                alive[i] = False
                continue
            if checks >= max_checks:
                break
            checks += 1
            d = days[i]
            p = poss[i]
            m = lens[d] + 2
            trial[0] = hotels[d]
            trial[1 : p + 1] = routes[d, :p]
            trial[p + 1] = v
            trial[p + 2 : m] = routes[d, p : m - 2]
            trial[m] = hotels[d + 1]
            end = trip_end(
                d, trial, m + 1, travel, service, windowed, opens, closes, starts, limits, roads,
                arcs,
                has_lunch, lunch, meal, has_meal, cap, simple,
            )
            if end < 0:
                alive[i] = False
                continue
            routes[d, : m - 1] = trial[1:m]
            lens[d] = m - 1
            used[v] = True
            changed[d] = True
            done = d
            break
        if done < 0:
            return changed
        # compact: drop dead entries and the changed trip's, then add its new candidates
        k = 0
        for i in range(count):
            if alive[i] and days[i] != done and not used[verts[i]]:
                keys[k] = keys[i]
                verts[k] = verts[i]
                poss[k] = poss[i]
                days[k] = days[i]
                k += 1
        count = k
        m = lens[done] + 2
        if m - 2 < cap:
            tour[0] = hotels[done]
            tour[1 : m - 1] = routes[done, : m - 2]
            tour[m - 1] = hotels[done + 1]
            count = _trip_candidates(
                done, tour, m, used, available, travel, service, limits[done], weight, tw,
                noise, keys, verts, poss, days, count,
            )
        alive[:count] = True


@_jit
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


@_jit
def shorten(
    d: int, route: IntArray, h0: int, h1: int, trav: float, end: float, weighted: bool,
    travel: FloatArray, service: FloatArray, windowed: bool, opens: FloatArray,
    closes: FloatArray, starts: FloatArray, limits: FloatArray, roads: FloatArray,
    arcs: FloatArray, has_lunch: bool,
    lunch: FloatArray, meal: BoolArray, has_meal: bool, cap: int, simple: bool,
) -> bool:
    """First-improvement 2-opt, then relocate, on trip `d`'s `route` (changed in place),
    each candidate re-timed, until no move helps (`qianxing.solve.intra`). Without travel
    weight a move must end the trip earlier; with it, it must cut travel (or keep it and
    end earlier)."""
    k = route.shape[0]
    m = k + 2
    cand = np.empty(m, dtype=np.int64)
    cand[0] = h0
    cand[m - 1] = h1
    changed = False
    improved = True
    while improved:
        improved = False
        for kind in range(2):
            for i in range(k):
                for j in range(k):
                    if kind == 0:  # reverse route[i..j]
                        if j <= i:
                            continue
                        for x in range(k):
                            cand[1 + x] = route[i + j - x] if i <= x <= j else route[x]
                    else:  # move route[i] before the j-th of the others
                        if j == i:
                            continue
                        pos = 0
                        for x in range(k):
                            if x == i:
                                continue
                            if pos == j:
                                cand[1 + pos] = route[i]
                                pos += 1
                            cand[1 + pos] = route[x]
                            pos += 1
                        if pos == j:
                            cand[1 + pos] = route[i]
                    t = 0.0
                    if weighted:
                        for x in range(m - 1):
                            t += travel[cand[x], cand[x + 1]]
                        if t > trav + EPS:
                            continue
                    e = trip_end(
                        d, cand, m, travel, service, windowed, opens, closes, starts, limits,
                        roads, arcs,
                        has_lunch, lunch, meal, has_meal, cap, simple,
                    )
                    if e < 0:
                        continue
                    if (weighted and t < trav - EPS) or (
                        e < end - EPS and (not weighted or t <= trav + EPS)
                    ):
                        route[:] = cand[1 : m - 1]
                        if weighted:
                            trav = t
                        end = e
                        improved = True
                        break
                if improved:
                    break
            if improved:
                break
        changed = changed or improved
    return changed


@_jit
def _fill_tour(tour: IntArray, routes: IntArray, lens: IntArray, hotels: IntArray, d: int) -> int:
    """Write trip `d` as ``(hotel, visits..., hotel)`` into `tour`; returns its length."""
    k = lens[d]
    tour[0] = hotels[d]
    tour[1 : k + 1] = routes[d, :k]
    tour[k + 1] = hotels[d + 1]
    return int(k + 2)


@_jit
def _travel_of(tour: IntArray, m: int, travel: FloatArray) -> float:
    t = 0.0
    for i in range(m - 1):
        t += travel[tour[i], tour[i + 1]]
    return t


@_jit
def _better(weighted: bool, d_trav: float, d_time: float) -> bool:
    if weighted:
        return d_trav < -EPS or (d_trav <= EPS and d_time < -EPS)
    return d_time < -EPS


@_jit
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


@_jit
def subset_orders(
    d: int, heads: IntArray, tails: IntArray, must: IntArray, usable: BoolArray, size: int,
    travel: FloatArray, service: FloatArray, windowed: bool, opens: FloatArray,
    closes: FloatArray, starts: FloatArray, limits: FloatArray, roads: FloatArray,
    arcs: FloatArray, has_lunch: bool,
    lunch: FloatArray, meal: BoolArray, has_meal: bool, cap: int, simple: bool,
) -> tuple[IntArray, IntArray, IntArray]:
    """Every subset of `must` (at most `size` of them) that one trip from ``heads[i]`` to
    ``tails[j]`` on day `d` can visit, with its best order (`construct._day_trips`).

    A subset counts when some order is feasible; the order with the earliest arrival wins
    (the first in `itertools.permutations` order on ties). Subsets of three need all their
    pairs to fit first. Returns per found subset: the pair index ``i * len(tails) + j``, the
    bit mask over `must` and the order (padded with -1), singles before pairs before triples
    per hotel pair. Only vertices with `usable` set take part.
    """
    k = must.shape[0]
    per = 1 + k + k * (k - 1) // 2 + (k * (k - 1) * (k - 2) // 6 if size >= 3 else 0)
    total = heads.shape[0] * tails.shape[0] * per
    pair_of = np.empty(total, dtype=np.int64)
    masks = np.empty(total, dtype=np.int64)
    orders = np.full((total, 3), -1, dtype=np.int64)
    tour = np.empty(5, dtype=np.int64)
    ok1 = np.zeros(k, dtype=np.bool_)
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
            ok1[:] = False
            ok2[:, :] = False
            for i in range(k):
                if not usable[i] or size < 1:
                    continue
                tour[1] = must[i]
                tour[2] = tails[ei]
                if trip_end(d, tour, 3, travel, service, windowed, opens, closes, starts,
                            limits, roads, arcs, has_lunch, lunch, meal, has_meal, cap,
                            simple) >= 0:
                    ok1[i] = True
                    pair_of[count] = pair
                    masks[count] = 1 << i
                    orders[count, 0] = must[i]
                    count += 1
            if size < 2:
                continue
            for i in range(k):
                for j in range(i + 1, k):
                    if not (ok1[i] and ok1[j]):
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
