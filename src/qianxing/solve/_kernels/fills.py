"""Greedy single-trip fills between hotel pairs (`qianxing.solve.profiles.fill_pairs`)."""

from __future__ import annotations

import numpy as np

from .common import EPS, FloatArray, IntArray, jit


@jit
def fill_pairs(
    hs: IntArray, es: IntArray, cand: IntArray, travel: FloatArray, service: FloatArray,
    profits: FloatArray, limit: float, durs: FloatArray, gains: FloatArray, added: IntArray,
) -> IntArray:
    """Per pair ``k``, the greedy ``profit^2 / added time`` fill of one trip from ``hs[k]`` to
    ``es[k]`` within `limit` minutes: ``durs[k, :n + 1]`` its duration and ``gains[k, :n + 1]``
    its profit after each insertion (the first entry: the empty trip), ``added[k, :n]`` the
    vertices inserted; returns ``n`` per pair. Ties go to the earlier candidate, then the
    earlier position. `cand` are the candidates (positive profit, free)."""
    npairs = hs.shape[0]
    m = cand.shape[0]
    counts = np.zeros(npairs, dtype=np.int64)
    weight2 = np.empty(m)
    for j in range(m):
        weight2[j] = profits[cand[j]] ** 2
    route = np.empty(m + 2, dtype=np.int64)
    alive = np.empty(m, dtype=np.bool_)
    for k in range(npairs):
        h, e = hs[k], es[k]
        for j in range(m):
            c = cand[j]
            alive[j] = travel[h, c] + service[c] + travel[c, e] <= limit + EPS
        route[0], route[1] = h, e
        length = 2
        dur = travel[h, e]
        durs[k, 0] = dur
        gains[k, 0] = 0.0
        n = 0
        while True:
            best, bj, bi, bdelta = -1.0, -1, -1, 0.0
            slack = limit - dur
            for j in range(m):
                if not alive[j]:
                    continue
                c = cand[j]
                for i in range(length - 1):
                    a, b = route[i], route[i + 1]
                    delta = travel[a, c] + service[c] + travel[c, b] - travel[a, b]
                    if not delta <= slack + EPS:
                        continue
                    key = weight2[j] / ((delta if delta > 0.0 else 0.0) + 1e-6)
                    if key > best:
                        best, bj, bi, bdelta = key, j, i, delta
            if bj < 0:
                break
            v = cand[bj]
            route[bi + 2 : length + 1] = route[bi + 1 : length].copy()
            route[bi + 1] = v
            length += 1
            dur += bdelta
            n += 1
            durs[k, n] = dur
            gains[k, n] = gains[k, n - 1] + profits[v]
            added[k, n - 1] = v
            alive[bj] = False
        counts[k] = n
    return counts



