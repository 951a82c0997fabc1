"""Greedy cheapest-ratio insertion and profit-raising replacement (vectorised with numpy)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ._state import Cands, State
from .timing import EPS

IntArray = npt.NDArray[np.intp]
_MEMO_SIZE = 50_000


def _candidates(st: State, d: int, rng: np.random.Generator | None, noise: float) -> Cands:
    """All (vertex, position) insertions into trip `d` passing the waiting-free slack test.

    The waiting-free duration is a lower bound on the real one, so the test never rejects a
    feasible insertion; for instances without windows and lunch it is exact. Vertices already
    visited elsewhere are included (callers filter them), so the result depends on the trip
    alone and is memoised per ``(day, tour)``; only the noise is drawn per call.
    """
    ctx = st.ctx
    tour_list = st.tour(d)
    memo_key = (d, *tour_list)
    cands = ctx.cands.get(memo_key)
    if cands is None:
        if len(ctx.cands) >= _MEMO_SIZE:
            ctx.cands.clear()
        cands = ctx.cands[memo_key] = _compute(st, d, tour_list)
    if rng is not None and noise > 0 and cands[3].size:
        vs, ps, dl, key = cands
        return vs, ps, dl, key * rng.uniform(1.0 - noise, 1.0 + noise, size=key.size)
    return cands


def _compute(st: State, d: int, tour_list: list[int]) -> Cands:
    ctx = st.ctx
    empty: Cands = (np.empty(0, np.intp), np.empty(0, np.intp), np.empty(0), np.empty(0))
    if len(tour_list) - 2 >= ctx.timer.cap:
        return empty
    vids = ctx.avail_idx[d]
    if vids.size == 0:
        return empty
    tour = np.asarray(tour_list, dtype=np.intp)
    a, b = tour[:-1], tour[1:]
    travel = ctx.travel
    delta = (
        travel[a, vids[:, None]]
        + ctx.service[vids][:, None]
        + travel[vids[:, None], b]
        - travel[a, b][None, :]
    )
    ok = delta <= st.slack(d) + EPS
    if ctx.tw:  # an insertion must pay for its extra travel
        ok &= ctx.weight[vids][:, None] > ctx.tw * (delta - ctx.service[vids][:, None]) + EPS
    ui, pi = np.nonzero(ok)
    if ui.size == 0:
        return empty
    dl = np.maximum(delta[ui, pi], 0.0)
    w = ctx.weight[vids[ui]]
    key = w * w / (dl + 1e-6)
    return vids[ui], pi.astype(np.intp), dl, key


def insert_greedy(
    st: State,
    rng: np.random.Generator | None = None,
    noise: float = 0.0,
    max_checks: int = 48,
    days: list[int] | None = None,
) -> bool:
    """Insert unvisited vertices by best ``profit^2 / added time`` until nothing fits.

    The squared profit follows the insertion heuristic of Vansteenwegen et al. (2009, ILS for
    the TOPTW): it favours valuable vertices over merely cheap ones.

    Parameters
    ----------
    days
        Trips to insert into (default: every open trip).

    Returns
    -------
    bool
        Whether anything was inserted.
    """
    ctx = st.ctx
    exact_screen = ctx.timer.simple
    targets = ctx.open_days if days is None else days
    cache: dict[int, Cands] = {d: _candidates(st, d, rng, noise) for d in targets}
    changed = False
    while True:
        pool_d, pool_v, pool_p, pool_k = [], [], [], []
        for d, (vs, ps, _dl, ks) in cache.items():
            if vs.size == 0:
                continue
            keep = ~st.used[vs]
            pool_d.append(np.full(int(keep.sum()), d, dtype=np.intp))
            pool_v.append(vs[keep])
            pool_p.append(ps[keep])
            pool_k.append(ks[keep])
        if not pool_v:
            return changed
        pool_days = np.concatenate(pool_d)
        verts = np.concatenate(pool_v)
        poss = np.concatenate(pool_p)
        keys = np.concatenate(pool_k)
        if keys.size == 0:
            return changed
        if exact_screen:
            order: IntArray = np.array([int(np.argmax(keys))], dtype=np.intp)
        else:
            take = min(max_checks, keys.size)
            top = np.argpartition(-keys, take - 1)[:take]
            order = top[np.argsort(-keys[top], kind="stable")]
        done = None
        for i in order:
            d, v, p = int(pool_days[i]), int(verts[i]), int(poss[i])
            st.add(d, p, v)
            if exact_screen or st.refresh(d):
                done = d
                break
            st.remove(d, p)
            st.refresh(d)
        if done is None:
            return changed
        if exact_screen:
            st.refresh(done)
        changed = True
        cache[done] = _candidates(st, done, rng, noise)


def replace_pass(st: State) -> bool:
    """Swap a visited vertex for an unvisited one of higher profit at the same position.

    A swap for a vertex of equal profit is made when it shortens the trip (room for the next
    insertion). Mandatory vertices are never swapped out.

    Returns
    -------
    bool
        Whether a swap was made.
    """
    ctx = st.ctx
    travel = ctx.travel
    improved = False
    for d in ctx.open_days:
        route = st.routes[d]
        if not route:
            continue
        vids = np.flatnonzero(ctx.available[d] & ~st.used)
        if vids.size == 0:
            continue
        tour = np.asarray(st.tour(d), dtype=np.intp)
        a, u, b = tour[:-2], tour[1:-1], tour[2:]
        saving = travel[a, u] + ctx.service[u] + travel[u, b] - travel[a, b]
        cost = (
            travel[a, vids[:, None]] + ctx.service[vids][:, None] + travel[vids[:, None], b]
        ) - travel[a, b][None, :]
        gain = ctx.weight[vids][:, None] - ctx.weight[u][None, :]
        if ctx.tw:  # the profit gain must pay for the extra travel
            extra = (cost - ctx.service[vids][:, None]) - (saving - ctx.service[u])[None, :]
            gain = gain - ctx.tw * extra
        shorter = cost - saving[None, :] < -EPS
        fits = cost <= saving[None, :] + st.slack(d) + EPS
        # more profit, or the same profit in less time (room for the next insertion)
        ok = fits & ((gain > EPS) | ((gain >= -EPS) & shorter))
        ok &= ~ctx.mandatory[u][None, :]
        vi, pi = np.nonzero(ok)
        if vi.size == 0:
            continue
        order = np.lexsort((cost[vi, pi] - saving[pi], -gain[vi, pi]))
        old_end = st.ends[d]
        for k in order[:16]:
            v, p = int(vids[vi[k]]), int(pi[k])
            old = st.remove(d, p)
            st.add(d, p, v)
            if st.refresh(d) and (gain[vi[k], p] > EPS or st.ends[d] < old_end - EPS):
                improved = True
                break
            st.remove(d, p)
            st.add(d, p, old)
            st.refresh(d)
    return improved
