"""Greedy cheapest-ratio insertion and profit-raising replacement (vectorised with numpy)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ._state import MEMO_SIZE, Cands, State
from .timing import EPS

IntArray = npt.NDArray[np.intp]


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
        if len(ctx.cands) >= MEMO_SIZE:
            ctx.cands.clear()
        cands = ctx.cands[memo_key] = _compute(st, d, tour_list)
    if rng is not None and noise > 0 and cands[3].size:
        vs, ps, dl, key, bad = cands
        return vs, ps, dl, key * rng.uniform(1.0 - noise, 1.0 + noise, size=key.size), bad
    return cands


def _compute(st: State, d: int, tour_list: list[int]) -> Cands:
    ctx = st.ctx
    empty: Cands = (
        np.empty(0, np.intp),
        np.empty(0, np.intp),
        np.empty(0),
        np.empty(0),
        np.empty(0, bool),
    )
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
    return vids[ui], pi.astype(np.intp), dl, key, np.zeros(ui.size, dtype=bool)


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
    # One flat pool of (trip, index into the trip's memoised candidates) still worth trying.
    # Vertices only become used while inserting, so after an insertion the pool only loses
    # the inserted vertex and the changed trip's entries, and gains that trip's new ones.
    memo: dict[int, Cands] = {d: _candidates(st, d, rng, noise) for d in targets}
    parts = [_open(st, d, memo[d]) for d in targets]
    pool_days = np.concatenate([p[0] for p in parts]) if parts else np.empty(0, np.intp)
    pool_idx = np.concatenate([p[1] for p in parts]) if parts else np.empty(0, np.intp)
    verts = np.concatenate([p[2] for p in parts]) if parts else np.empty(0, np.intp)
    keys = np.concatenate([p[3] for p in parts]) if parts else np.empty(0)
    changed = False
    while keys.size:
        if exact_screen:
            order: IntArray = np.array([int(np.argmax(keys))], dtype=np.intp)
        else:
            take = min(max_checks, keys.size)
            top = np.argpartition(-keys, take - 1)[:take]
            order = top[np.argsort(-keys[top], kind="stable")]
        alive = np.ones(keys.size, dtype=bool)
        done = v = -1
        for i in order.tolist():
            d, k = int(pool_days[i]), int(pool_idx[i])
            cands = memo[d]
            v, p = int(cands[0][k]), int(cands[1][k])
            saved = st.trip_state(d)
            st.add(d, p, v)
            if exact_screen or st.refresh(d):
                done = d
                break
            st.remove(d, p)
            st.set_trip_state(d, saved)
            cands[4][k] = True  # infeasible for this trip: never tried again on it
            alive[i] = False
        if done < 0:
            return changed
        if exact_screen:
            st.refresh(done)
        changed = True
        keep = alive & (pool_days != done) & (verts != v)
        memo[done] = _candidates(st, done, rng, noise)
        new = _open(st, done, memo[done])
        pool_days = np.concatenate((pool_days[keep], new[0]))
        pool_idx = np.concatenate((pool_idx[keep], new[1]))
        verts = np.concatenate((verts[keep], new[2]))
        keys = np.concatenate((keys[keep], new[3]))
    return changed


def _open(
    st: State, d: int, cands: Cands
) -> tuple[IntArray, IntArray, IntArray, npt.NDArray[np.float64]]:
    """Trip `d`'s candidates with an unused vertex not known to fail: days, indices,
    vertices, keys."""
    idx = np.flatnonzero(~st.used[cands[0]] & ~cands[4])
    return np.full(idx.size, d, dtype=np.intp), idx, cands[0][idx], cands[3][idx]


def replace_pass(st: State) -> bool:
    """Swap a visited vertex for an unvisited one of higher profit at the same position.

    A swap for a vertex of equal profit is made when it shortens the trip (room for the next
    insertion). Mandatory vertices are never swapped out.

    Returns
    -------
    bool
        Whether a swap was made.
    """
    improved = False
    for d in st.ctx.open_days:
        if st.routes[d] and _replace_one(st, d):
            improved = True
    return improved


def _replace_one(st: State, d: int, tries: int = 16) -> bool:
    """Make the first accepted swap among the `tries` best ones with an unvisited vertex."""
    ctx = st.ctx
    tour = st.tour(d)
    key = (d, *tour)
    found = ctx.replacements.get(key)
    if found is None:
        if len(ctx.replacements) >= MEMO_SIZE:
            ctx.replacements.clear()
        found = ctx.replacements[key] = _swaps(st, d, tour)
    verts, poss, gains, outcome = found
    if verts.size == 0:
        return False
    free = np.flatnonzero(~st.used[verts])[:tries]
    old_end = st.ends[d]
    for k in free.tolist():
        accepted = outcome.get(k)
        if accepted is False:  # the outcome depends on the trip alone
            continue
        v, p = int(verts[k]), int(poss[k])
        saved = st.trip_state(d)
        old = st.remove(d, p)
        st.add(d, p, v)
        feasible = st.refresh(d)
        if accepted or (feasible and (gains[k] > EPS or st.ends[d] < old_end - EPS)):
            outcome[k] = True
            return True
        outcome[k] = False
        st.remove(d, p)
        st.add(d, p, old)
        st.set_trip_state(d, saved)
    return False


def _swaps(st: State, d: int, tour_list: list[int]) -> tuple[
    IntArray, IntArray, npt.NDArray[np.float64], dict[int, bool]
]:
    """Every swap into trip `d` that passes the waiting-free screen, best first.

    Vertices visited on other trips are included (the caller skips them), so the list depends
    on the trip alone and is memoised.
    """
    ctx = st.ctx
    travel = ctx.travel
    vids = ctx.avail_idx[d]
    vids = vids[~np.isin(vids, tour_list)]
    tour = np.asarray(tour_list, dtype=np.intp)
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
    order = np.lexsort((cost[vi, pi] - saving[pi], -gain[vi, pi]))
    vi, pi = vi[order], pi[order]
    return vids[vi], pi.astype(np.intp), gain[vi, pi], {}
