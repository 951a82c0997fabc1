"""Greedy insertion by ``profit^2 / added time`` (`qianxing.solve.insertion.insert_greedy`)."""

from __future__ import annotations

import numpy as np

from .common import EPS, BoolArray, FloatArray, IntArray, jit
from .timing import trip_end


@jit
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


@jit
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
    # The pool in the order a stable sort by decreasing key gives (ties by pool index). After
    # an insertion only the changed trip's candidates are new: the survivors keep their
    # order and the new ones are merged in, instead of sorting the whole pool again.
    order = np.argsort(-keys[:count], kind="mergesort")
    kept = np.empty(size, dtype=np.int64)
    moved = np.empty(size, dtype=np.int64)
    while True:
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
                moved[i] = k
                k += 1
            else:
                moved[i] = -1
        survivors = 0
        for i in order:
            if moved[i] >= 0:
                kept[survivors] = moved[i]
                survivors += 1
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
        order = _merged(keys, kept, survivors, k, count)


@jit
def _merged(keys: FloatArray, kept: IntArray, survivors: int, first: int, count: int) -> IntArray:
    """The order of ``keys[:count]`` that ``np.argsort(-keys[:count], kind="mergesort")``
    gives, from `kept` (``keys[:first]`` in that order, its first `survivors` entries) and the
    entries ``first..count`` added since: those are sorted alone and merged in, a survivor
    first on a tie (its index is lower, as a stable sort keeps it)."""
    fresh = np.argsort(-keys[first:count], kind="mergesort") + first
    out = np.empty(count, dtype=np.int64)
    a = b = 0
    for k in range(count):
        if b == fresh.shape[0] or (a < survivors and keys[kept[a]] >= keys[fresh[b]]):
            out[k] = kept[a]
            a += 1
        else:
            out[k] = fresh[b]
            b += 1
    return out
