"""Greedy cheapest-ratio insertion and profit-raising replacement (vectorised with numpy)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ._state import State
from .timing import EPS

IntArray = npt.NDArray[np.intp]
FloatArray = npt.NDArray[np.float64]
_Cands = tuple[IntArray, IntArray, FloatArray, FloatArray]


def _candidates(st: State, d: int, rng: np.random.Generator | None, noise: float) -> _Cands:
    """All (vertex, position) insertions into trip `d` passing the waiting-free slack test.

    The waiting-free duration is a lower bound on the real one, so the test never rejects a
    feasible insertion; for instances without windows and lunch it is exact.
    """
    ctx = st.ctx
    empty: _Cands = (np.empty(0, np.intp), np.empty(0, np.intp), np.empty(0), np.empty(0))
    if len(st.routes[d]) >= ctx.timer.cap:
        return empty
    vids = np.flatnonzero(ctx.available[d] & ~st.used)
    if vids.size == 0:
        return empty
    tour = np.asarray(st.tour(d), dtype=np.intp)
    a, b = tour[:-1], tour[1:]
    travel = ctx.travel
    delta = (
        travel[np.ix_(a, vids)].T
        + ctx.service[vids][:, None]
        + travel[np.ix_(vids, b)]
        - travel[a, b][None, :]
    )
    ui, pi = np.nonzero(delta <= st.slack(d) + EPS)
    if ui.size == 0:
        return empty
    dl = np.maximum(delta[ui, pi], 0.0)
    w = ctx.weight[vids[ui]]
    key = w * w / (dl + 1e-6)
    if rng is not None and noise > 0:
        key = key * rng.uniform(1.0 - noise, 1.0 + noise, size=key.size)
    return vids[ui], pi.astype(np.intp), dl, key


def insert_greedy(
    st: State, rng: np.random.Generator | None = None, noise: float = 0.0, max_checks: int = 48
) -> bool:
    """Insert unvisited vertices by best ``profit^2 / added time`` until nothing fits.

    The squared profit follows the insertion heuristic of Vansteenwegen et al. (2009, ILS for
    the TOPTW): it favours valuable vertices over merely cheap ones.

    Returns
    -------
    bool
        Whether anything was inserted.
    """
    ctx = st.ctx
    exact_screen = ctx.timer.simple
    cache: dict[int, _Cands] = {d: _candidates(st, d, rng, noise) for d in ctx.open_days}
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
        days = np.concatenate(pool_d)
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
            d, v, p = int(days[i]), int(verts[i]), int(poss[i])
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

    Mandatory vertices are never swapped out.

    Returns
    -------
    bool
        Whether the score increased.
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
            travel[np.ix_(a, vids)].T + ctx.service[vids][:, None] + travel[np.ix_(vids, b)]
        ) - travel[a, b][None, :]
        gain = ctx.weight[vids][:, None] - ctx.weight[u][None, :]
        ok = (cost <= saving[None, :] + st.slack(d) + EPS) & (gain > EPS)
        ok &= ~ctx.mandatory[u][None, :]
        vi, pi = np.nonzero(ok)
        if vi.size == 0:
            continue
        order = np.lexsort((cost[vi, pi] - saving[pi], -gain[vi, pi]))
        for k in order[:16]:
            v, p = int(vids[vi[k]]), int(pi[k])
            old = st.remove(d, p)
            st.add(d, p, v)
            if st.refresh(d):
                improved = True
                break
            st.remove(d, p)
            st.add(d, p, old)
            st.refresh(d)
    return improved
