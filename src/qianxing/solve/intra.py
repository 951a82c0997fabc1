"""Intra-trip improvement: 2-opt and relocate moves that shorten a trip without changing it."""

from __future__ import annotations

import numpy as np

from . import _kernels
from ._state import MEMO_SIZE, State
from .timing import EPS


def shorten(st: State, d: int) -> bool:
    """Shorten trip `d` with first-improvement 2-opt and relocate until no move helps.

    Shorter trips leave room for insertions; this is the "2-opt"/"move" pair of the OPHS
    local searches (Divsalar et al., 2013).

    Returns
    -------
    bool
        Whether the trip changed.
    """
    if len(st.routes[d]) < 2:
        return False
    memo = st.ctx.shortened
    key = (d, *st.tour(d))
    if key in memo:  # the moves depend on the trip alone: replay the memoised outcome
        found = memo[key]
        if found is None:
            return False
        st.routes[d] = list(found)
        st.refresh(d)
        return True
    if len(memo) >= MEMO_SIZE:
        memo.clear()
    if st.ctx.timer.simple and st.ctx.symmetric:
        changed = _shorten_symmetric(st, d)
    else:
        changed = _shorten_generic(st, d)
    memo[key] = tuple(st.routes[d]) if changed else None
    return changed


def _shorten_symmetric(st: State, d: int) -> bool:
    """2-opt and relocate with O(1) deltas, valid because only travel time matters."""
    t = st.ctx.timer.travel
    tour = st.tour(d)
    changed = False
    improved = True
    while improved:
        improved = False
        m = len(tour)
        for i in range(1, m - 2):
            a, b = tour[i - 1], tour[i]
            tab = t[a][b]
            for j in range(i + 1, m - 1):
                c, e = tour[j], tour[j + 1]
                if t[a][c] + t[b][e] < tab + t[c][e] - EPS:
                    tour[i : j + 1] = tour[i : j + 1][::-1]
                    improved = True
                    break
            if improved:
                break
        if improved:
            changed = True
            continue
        for i in range(1, m - 1):
            p, v, q = tour[i - 1], tour[i], tour[i + 1]
            gain = t[p][v] + t[v][q] - t[p][q]
            rest = tour[:i] + tour[i + 1 :]
            for j in range(1, len(rest)):
                if j == i:
                    continue
                x, y = rest[j - 1], rest[j]
                if t[x][v] + t[v][y] - t[x][y] < gain - EPS:
                    tour = [*rest[:j], v, *rest[j:]]
                    improved = True
                    break
            if improved:
                break
        changed = changed or improved
    if changed:
        st.routes[d] = tour[1:-1]
        st.refresh(d)
    return changed


def _shorten_generic(st: State, d: int) -> bool:
    """Same moves, each candidate re-timed (windows, lunch, asymmetric travel), compiled
    (`qianxing.solve._kernels.shorten`).

    Without a travel weight a move must make the trip end earlier; with one it must cut
    travel (or keep it and end earlier), matching the search key.
    """
    ctx = st.ctx
    route = np.asarray(st.routes[d], dtype=np.int64)
    weighted = bool(ctx.tw)
    changed = _kernels.shorten(
        d, route, st.hotels[d], st.hotels[d + 1], st.trav[d] if weighted else 0.0, st.ends[d],
        weighted, *ctx.tables.timing(),
    )
    if changed:
        st.routes[d] = route.tolist()
        st.refresh(d)
    return bool(changed)
