"""Greedy single-trip fills between hotel pairs, computed for all pairs at once.

The hotel estimates (`hotels.estimates`) and the claim-aware DP (`coverage`) need, for every
pair of hotels ``(h, e)``, the greedy ``profit^2 / added time`` fill of one trip from `h` to
`e`: its cumulative duration and profit after each insertion, and the vertex inserted. With 22
hotels that is 484 fills; one at a time in numpy they took ~80 ms per instance, dominated by
per-call overhead. Here all pairs take each insertion step together, in one array operation
over (pair, candidate, position), with the same arithmetic and tie-breaking as one at a time.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from .timing import EPS

if TYPE_CHECKING:
    from ._state import Context

FloatArray = npt.NDArray[np.float64]
Profile = tuple[FloatArray, FloatArray, list[int]]
"""Cumulative durations and profits (first entry: the empty trip) and the inserted vertices."""
Profiles = dict[tuple[int, int], Profile]
_CACHE: OrderedDict[bytes, Profiles] = OrderedDict()
_CACHE_SIZE = 32


def profiles(ctx: Context, pairs: list[tuple[int, int]], limit: float) -> Profiles:
    """Fills for `pairs` within `limit` minutes, shared by solves of the same data.

    The cache (a re-plan, a counterfactual, the planner's promote step) is keyed by a digest
    of everything a fill reads, so a hit is always exact.
    """
    digest = hashlib.blake2b(digest_size=16)
    for array in (ctx.travel, ctx.service, ctx.profits, ctx.free):
        digest.update(np.ascontiguousarray(array).tobytes())
    digest.update(repr(limit).encode())
    key = digest.digest()
    found = _CACHE.get(key)
    if found is None:
        found = _CACHE[key] = {}
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    else:
        _CACHE.move_to_end(key)
    missing = [p for p in dict.fromkeys(pairs) if p not in found]
    if missing:
        found.update(zip(missing, fill_pairs(ctx, missing, limit), strict=True))
    return found


def fill_pairs(ctx: Context, pairs: list[tuple[int, int]], limit: float) -> list[Profile]:
    """The greedy fill of every pair, all pairs advancing one insertion per step."""
    travel, service, profits = ctx.travel, ctx.service, ctx.profits
    cand = np.flatnonzero(ctx.free & (profits > 0))
    npairs = len(pairs)
    if npairs == 0:
        return []
    h = np.array([p[0] for p in pairs], dtype=np.intp)
    e = np.array([p[1] for p in pairs], dtype=np.intp)
    # candidates that fit alone, per pair; used ones are dropped as they are inserted
    alive = (
        travel[h[:, None], cand[None, :]]
        + service[cand][None, :]
        + travel[cand[None, :], e[:, None]]
        <= limit + EPS
    )
    width = 2 + int(alive.sum(axis=1).max(initial=0))
    routes = np.zeros((npairs, width), dtype=np.intp)
    routes[:, 0], routes[:, 1] = h, e
    length = np.full(npairs, 2, dtype=np.intp)
    dur = travel[h, e].astype(float)
    durs: list[list[float]] = [[float(x)] for x in dur]
    gains: list[list[float]] = [[0.0] for _ in pairs]
    added: list[list[int]] = [[] for _ in pairs]
    active = np.flatnonzero(alive.any(axis=1))
    weight2 = profits[cand] ** 2
    cols = np.arange(width - 1)
    while active.size:
        legs = int(length[active].max()) - 1
        r = routes[active, : legs + 1]
        a, b = r[:, :-1], r[:, 1:]  # legs (position i inserts between a[i] and b[i])
        leg_ok = cols[None, :legs] < (length[active] - 1)[:, None]
        delta = (
            travel[a[:, None, :], cand[None, :, None]]
            + service[cand][None, :, None]
            + travel[cand[None, :, None], b[:, None, :]]
            - travel[a, b][:, None, :]
        )
        ok = (delta <= (limit - dur[active])[:, None, None] + EPS) & leg_ok[:, None, :]
        ok &= alive[active][:, :, None]
        key = np.where(ok, weight2[None, :, None] / (np.maximum(delta, 0) + 1e-6), -1.0)
        flat = key.reshape(active.size, -1)
        best = flat.argmax(axis=1)
        has = flat[np.arange(active.size), best] >= 0.0
        ci, pos = np.divmod(best, legs)
        for k in np.flatnonzero(has).tolist():
            p, c, i = int(active[k]), int(ci[k]), int(pos[k])
            v = int(cand[c])
            n = int(length[p])
            routes[p, i + 2 : n + 1] = routes[p, i + 1 : n]
            routes[p, i + 1] = v
            length[p] = n + 1
            dur[p] += float(delta[k, c, i])
            durs[p].append(float(dur[p]))
            gains[p].append(gains[p][-1] + float(profits[v]))
            added[p].append(v)
            alive[p, c] = False
        active = active[has]
        active = active[alive[active].any(axis=1)]
    return [(np.asarray(durs[p]), np.asarray(gains[p]), added[p]) for p in range(npairs)]
