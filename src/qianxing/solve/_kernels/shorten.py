"""2-opt and relocate within one trip (`qianxing.solve.intra.shorten`)."""

from __future__ import annotations

import numpy as np

from .common import EPS, BoolArray, FloatArray, IntArray, jit
from .timing import trip_end


@jit
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
