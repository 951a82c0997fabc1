"""Inter-trip improvement: relocate a visit to another trip, or swap visits between trips.

Both moves keep the set of visited vertices and accept only changes that improve the search
key after the score: less travel when the instance weighs travel, otherwise less total trip
time. Shorter trips leave room for the next insertions, which is how the moves raise the score
("move"/"swap" of Divsalar et al. 2013, relocate/exchange of VRP local search). Candidates are
screened by their travel change (O(1)) before the exact trip re-timing.
"""

from __future__ import annotations

from ._state import State
from .timing import EPS


def _better(st: State, d_trav: float, d_time: float) -> bool:
    if st.ctx.tw:
        return d_trav < -EPS or (d_trav <= EPS and d_time < -EPS)
    return d_time < -EPS


def _commit(st: State, a: int, b: int, ra: list[int], rb: list[int]) -> bool:
    """Try routes `ra`/`rb` for trips `a`/`b`; keep them when feasible and better."""
    old_a, old_b = st.routes[a], st.routes[b]
    before_trav = st.trav[a] + st.trav[b]
    starts = st.ctx.timer.starts
    before_time = st.ends[a] - starts[a] + st.ends[b] - starts[b]
    saved = st.trip_state(a), st.trip_state(b)
    st.routes[a], st.routes[b] = ra, rb
    ok = st.refresh(a) and st.refresh(b)
    if ok:
        d_trav = st.trav[a] + st.trav[b] - before_trav
        d_time = st.ends[a] - starts[a] + st.ends[b] - starts[b] - before_time
        if _better(st, d_trav, d_time):
            return True
    st.routes[a], st.routes[b] = old_a, old_b
    st.set_trip_state(a, saved[0])
    st.set_trip_state(b, saved[1])
    return False


def relocate_between(st: State) -> bool:
    """First-improvement relocation of single visits into another trip's cheapest gap.

    Returns
    -------
    bool
        Whether anything moved.
    """
    ctx = st.ctx
    t = ctx.timer.travel
    service = ctx.timer.service
    simple = ctx.timer.simple
    limits = ctx.timer.limits
    cap = ctx.timer.cap
    avail = ctx.avail
    days = ctx.open_days
    tours = {d: st.tour(d) for d in days}
    moved = False
    for a in days:
        i = 0
        while i < len(st.routes[a]):
            tour_a = tours[a]
            p, v, n = tour_a[i], tour_a[i + 1], tour_a[i + 2]
            tv = t[v]
            best_add = t[p][v] + tv[n] - t[p][n] - EPS
            best_b = best_j = -1
            sv = service[v]
            for b in days:
                if b == a or not avail[b][v] or len(st.routes[b]) >= cap:
                    continue
                room = limits[b] - st.pure[b] - sv + EPS
                if room < 0.0:
                    continue
                tour_b = tours[b]
                x = tour_b[0]
                for j in range(1, len(tour_b)):
                    y = tour_b[j]
                    add = t[x][v] + tv[y] - t[x][y]
                    if add < best_add and add <= room:
                        best_add, best_b, best_j = add, b, j - 1
                    x = y
            if best_b >= 0:
                b, j = best_b, best_j
                ra = st.routes[a][:i] + st.routes[a][i + 1 :]
                rb = [*st.routes[b][:j], v, *st.routes[b][j:]]
                if simple:
                    st.routes[a], st.routes[b] = ra, rb
                    st.refresh(a)
                    st.refresh(b)
                    ok = True
                else:
                    ok = _commit(st, a, b, ra, rb)
                if ok:
                    tours[a], tours[b] = st.tour(a), st.tour(b)
                    moved = True
                    continue
            i += 1
    return moved


def swap_between(st: State) -> bool:
    """First-improvement exchange of two visits of different trips (each takes the other's slot).

    Returns
    -------
    bool
        Whether anything moved.
    """
    ctx = st.ctx
    days = ctx.open_days
    moved = False
    for ia, a in enumerate(days):
        for b in days[ia + 1 :]:
            if _swap_pair(st, a, b, st.tour(a), st.tour(b)):
                moved = True
    return moved


def _swap_pair(st: State, a: int, b: int, tour_a: list[int], tour_b: list[int]) -> bool:
    """`swap_between` for trips `a` and `b` (first improvement)."""
    ctx = st.ctx
    t = ctx.timer.travel
    service = ctx.timer.service
    simple = ctx.timer.simple
    limits = ctx.timer.limits
    avail = ctx.avail
    moved = False
    for i in range(1, len(tour_a) - 1):
        p, u, n = tour_a[i - 1], tour_a[i], tour_a[i + 1]
        if not avail[b][u]:
            continue
        out_u = t[p][u] + t[u][n]
        for j in range(1, len(tour_b) - 1):
            x, w, y = tour_b[j - 1], tour_b[j], tour_b[j + 1]
            if not avail[a][w]:
                continue
            da = t[p][w] + t[w][n] - out_u
            db = t[x][u] + t[u][y] - t[x][w] - t[w][y]
            if da + db >= -EPS:
                continue
            if simple:
                if (
                    st.pure[a] + da + service[w] - service[u] > limits[a] + EPS
                    or st.pure[b] + db + service[u] - service[w] > limits[b] + EPS
                ):
                    continue
                tour_a[i], tour_b[j] = w, u
                st.routes[a], st.routes[b] = tour_a[1:-1], tour_b[1:-1]
                st.refresh(a)
                st.refresh(b)
                moved = True
                break
            ra = [*tour_a[1:i], w, *tour_a[i + 1 : -1]]
            rb = [*tour_b[1:j], u, *tour_b[j + 1 : -1]]
            if _commit(st, a, b, ra, rb):
                tour_a, tour_b = st.tour(a), st.tour(b)
                moved = True
                break
    return moved
