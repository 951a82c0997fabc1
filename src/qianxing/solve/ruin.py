"""Ruin operators of the ruin-and-recreate loop: they remove visits or move hotels.

Mandatory vertices are never removed, so a state stays mandatory-feasible; an operator whose
hotel change cannot be repaired without dropping a mandatory vertex is undone.
"""

from __future__ import annotations

import numpy as np

from ._state import State
from .insertion import insert_greedy
from .timing import EPS


def ruin(st: State, allowed: list[list[int]], rng: np.random.Generator, size: int) -> None:
    """Apply one randomly chosen ruin to `st` in place.

    Operators: the consecutive-segment removal of the TOPTW ILS (Vansteenwegen et al. 2009),
    random removal, a geographic cluster removal (the visits nearest a random seed, across
    trips), clearing one trip (optionally with new hotels around it), the random hotel change of
    Divsalar et al. (2013), "promote": force one valuable unvisited vertex into a trip,
    moving that trip's hotels next to it when that is allowed, and "refill first": one trip
    is refilled before the others from everything within its reach (`refill_first`).
    """
    pick = rng.random()
    boundaries = [b for b in range(1, st.ctx.days) if len(allowed[b]) > 1]
    if boundaries and pick < 0.1:
        rehotel_pair(st, allowed, rng, boundaries)
    elif pick < 0.2:
        if not promote(st, allowed, rng):
            _cluster_removal(st, rng, size)
    elif boundaries and pick < 0.35:
        _hotel_change(st, allowed, rng, boundaries)
        if rng.random() < 0.5:
            _random_removal(st, rng, max(1, size // 2))
    elif pick < 0.5:
        _segment_removal(st, rng, size)
    elif pick < 0.7:
        _random_removal(st, rng, size)
    elif pick < 0.9:
        _cluster_removal(st, rng, size + 1)
    elif pick < 0.95 or len(st.ctx.open_days) < 3 or not st.ctx.timer.simple:
        _clear_trip(st, allowed, rng)
    else:  # see `refill_first` for when it is used
        refill_first(st, rng)


def _drop(st: State, d: int, positions: set[int]) -> None:
    route = st.routes[d]
    must = st.ctx.must
    keep = [v for i, v in enumerate(route) if i not in positions or must[v]]
    for v in route:
        st.used[v] = False
    for v in keep:
        st.used[v] = True
    st.routes[d] = keep
    st.refresh(d)


def _segment_removal(st: State, rng: np.random.Generator, size: int) -> None:
    for d in st.ctx.open_days:
        m = len(st.routes[d])
        if m:
            begin = int(rng.integers(m))
            _drop(st, d, set(range(begin, begin + max(1, size // 2))))


def _random_removal(st: State, rng: np.random.Generator, size: int) -> None:
    slots = [(d, i) for d in st.ctx.open_days for i in range(len(st.routes[d]))]
    if not slots:
        return
    chosen = rng.choice(len(slots), size=min(size, len(slots)), replace=False)
    by_day: dict[int, set[int]] = {}
    for k in chosen.tolist():
        d, i = slots[k]
        by_day.setdefault(d, set()).add(i)
    for d, positions in by_day.items():
        _drop(st, d, positions)


def _cluster_removal(st: State, rng: np.random.Generator, size: int) -> None:
    """Remove the `size` visits nearest to a random visit, whatever trip they are in."""
    slots = [(d, i, v) for d in st.ctx.open_days for i, v in enumerate(st.routes[d])]
    if not slots:
        return
    t = st.ctx.timer.travel
    seed = slots[int(rng.integers(len(slots)))][2]
    row = t[seed]
    slots.sort(key=lambda s: row[s[2]] + t[s[2]][seed])
    by_day: dict[int, set[int]] = {}
    for d, i, _v in slots[:size]:
        by_day.setdefault(d, set()).add(i)
    for d, positions in by_day.items():
        _drop(st, d, positions)


def _clear_trip(st: State, allowed: list[list[int]], rng: np.random.Generator) -> None:
    days = [d for d in st.ctx.open_days if st.routes[d]]
    if not days:
        return
    d = days[int(rng.integers(len(days)))]
    _drop(st, d, set(range(len(st.routes[d]))))
    if rng.random() < 0.5:
        for b in (d, d + 1):
            if 0 < b < st.ctx.days and len(allowed[b]) > 1:
                _set_hotel(st, b, int(rng.choice(allowed[b])))


def refill_first(
    st: State, rng: np.random.Generator, smooth: float = 0.2, tries: int = 6
) -> None:
    """Give one trip first pick of the vertices within its reach, then leave the rest.

    The trip's own visits and those of every other trip that it could reach on its own
    (``hotel -> v -> hotel`` within its limit) are removed, and the trip alone is refilled
    greedily -- the best of `tries` fills by `fill_trip`, all but the first with a random
    smoothing of up to `smooth` times its limit -- and the caller's insertion then refills
    the others. Greedy insertion over all trips lets whichever trip is cheapest take a shared
    vertex, so a trip with a short limit keeps losing the vertices it needs most; moving a
    vertex between two full trips this way is beyond the relocate and swap moves, since both
    trips must change their other visits too (on the benchmark 66-50-6-4 it lifts 700 to 715).

    `ruin` only uses it with three or more open trips (with two it is close to
    `rehotel_pair` on their night) and without windows and lunch, where a trip's length is
    plain travel + service: there vertices on the way cost nothing, and a feasibility check is
    cheap. On the planner's instances (windows, lunch, service times) it cost 9 % more time
    for a lower total score.
    """
    ctx = st.ctx
    if not ctx.open_days:
        return
    d = ctx.open_days[int(rng.integers(len(ctx.open_days)))]
    t = ctx.timer.travel
    service = ctx.timer.service
    h, e = st.hotels[d], st.hotels[d + 1]
    reach = ctx.timer.limits[d]
    for o in ctx.open_days:
        route = st.routes[o]
        drop = {
            i
            for i, v in enumerate(route)
            if o == d or t[h][v] + service[v] + t[v][e] <= reach
        }
        if drop:
            _drop(st, o, drop)
    best: State | None = None
    for k in range(tries):
        trial = st.copy()
        fill_trip(trial, d, rng.uniform(0.0, smooth) * reach if k else 0.0)
        if best is None or (trial.prof[d], -trial.ends[d]) > (best.prof[d], -best.ends[d]):
            best = trial
    if best is not None:
        _restore(st, best)


def fill_trip(st: State, d: int, smooth: float, checks: int = 8) -> None:
    """Insert unvisited vertices into trip `d` by best ``weight^2 / (added time + smooth)``.

    With ``smooth = 0`` this is the insertion rule of `insert_greedy` (Vansteenwegen et al.
    2009). A positive `smooth` (time units) stops vertices that cost almost nothing -- on the
    way between two stops -- from always going first: they bend the trip before the
    valuable ones are placed, which on grid-like instances locks a trip into a poor set.
    """
    ctx = st.ctx
    t = ctx.travel
    service = ctx.service
    weight = ctx.weight
    while True:
        cand = np.flatnonzero(ctx.available[d] & ~st.used & (weight > 0))
        if cand.size == 0:
            return
        tour = np.asarray(st.tour(d), dtype=np.intp)
        a, b = tour[:-1], tour[1:]
        delta = (
            t[a[None, :], cand[:, None]] + service[cand][:, None] + t[cand[:, None], b[None, :]]
        ) - t[a, b][None, :]
        ok = delta <= st.slack(d) + EPS
        if not ok.any():
            return
        cost = np.maximum(delta, 0.0) + smooth + 1e-6
        key = np.where(ok, weight[cand][:, None] ** 2 / cost, -1.0)
        flat = key.ravel()
        take = min(checks, int(ok.sum()))
        top = np.argpartition(-flat, take - 1)[:take]
        for i in top[np.argsort(-flat[top], kind="stable")].tolist():
            c, p = divmod(i, key.shape[1])
            v = int(cand[c])
            st.add(d, p, v)
            if st.refresh(d):
                break
            st.remove(d, p)
            st.refresh(d)
        else:
            return


def _hotel_change(
    st: State, allowed: list[list[int]], rng: np.random.Generator, boundaries: list[int]
) -> None:
    b = boundaries[int(rng.integers(len(boundaries)))]
    _set_hotel(st, b, int(rng.choice(allowed[b])))


def _set_hotel(st: State, b: int, h: int) -> bool:
    """Move boundary `b`'s hotel to `h` and repair both trips; undone when that fails."""
    old = st.hotels[b]
    if h == old:
        return True
    st.hotels[b] = h
    if repair(st, b - 1) and repair(st, b):
        return True
    st.hotels[b] = old
    repair(st, b - 1)
    repair(st, b)
    return False


def promote(st: State, allowed: list[list[int]], rng: np.random.Generator) -> bool:
    """Force a valuable unvisited vertex into some trip, re-hoteling it around the vertex.

    The vertex is drawn with probability proportional to its squared profit. The trip is the
    open day whose best surrounding hotels (each boundary either kept or moved to the allowed
    hotel nearest the vertex) give the shortest ``hotel -> vertex -> hotel`` detour; the
    trip's cheapest visits are dropped until it fits. Returns whether anything changed.
    """
    ctx = st.ctx
    free = np.flatnonzero(ctx.available.any(axis=0) & ~st.used & (ctx.profits > 0))
    if free.size == 0:
        return False
    w = ctx.profits[free] ** 2
    v = int(free[int(rng.choice(free.size, p=w / w.sum()))])
    t = ctx.timer.travel
    service = ctx.timer.service
    options: list[tuple[float, int, int, int]] = []
    for d in ctx.open_days:
        if not ctx.available[d, v]:
            continue
        starts = [st.hotels[d]] if len(allowed[d]) == 1 else allowed[d]
        ends = [st.hotels[d + 1]] if len(allowed[d + 1]) == 1 else allowed[d + 1]
        h = min(starts, key=lambda x: t[x][v])
        e = min(ends, key=lambda x: t[v][x])
        cost = t[h][v] + service[v] + t[v][e]
        if cost <= ctx.timer.limits[d]:
            options.append((cost / max(ctx.timer.limits[d], 1e-9), d, h, e))
    if not options:
        return False
    options.sort()
    _frac, d, h, e = options[min(int(rng.integers(3)), len(options) - 1)]
    backup = st.copy()
    for b, hotel in ((d, h), (d + 1, e)):
        if rng.random() < 0.7:
            _set_hotel(st, b, hotel)
    tour = st.tour(d)
    pos = min(
        range(len(tour) - 1),
        key=lambda i: t[tour[i]][v] + t[v][tour[i + 1]] - t[tour[i]][tour[i + 1]],
    )
    st.add(d, pos, v)
    while not st.refresh(d):
        route = st.routes[d]
        removable = [i for i, x in enumerate(route) if x != v and not ctx.must[x]]
        if not removable:
            _restore(st, backup)
            return False
        worst = min(removable, key=lambda i: (ctx.wlist[route[i]], -t[v][route[i]], i))
        st.remove(d, worst)
    return True


def rehotel_pair(
    st: State,
    allowed: list[list[int]],
    rng: np.random.Generator,
    boundaries: list[int],
    tries: int = 8,
) -> None:
    """Rebuild the two trips around a boundary with the best of a sample of middle hotels.

    Both trips lose their optional visits; for each sampled hotel (the current one included)
    they are refilled greedily from everything unvisited, and the best pair is kept. This
    moves a night to where the valuable vertices are, which single-hotel moves miss because
    the refill of both days has to change together.
    """
    b = boundaries[int(rng.integers(len(boundaries)))]
    pair = [b - 1, b]
    for d in pair:
        if d in st.ctx.instance.locked:
            return
    for d in pair:
        _drop(st, d, set(range(len(st.routes[d]))))
    hotels = allowed[b]
    sample = [st.hotels[b]]
    if len(hotels) > 1:
        picks = rng.choice(len(hotels), size=min(tries, len(hotels)), replace=False)
        sample += [hotels[i] for i in picks.tolist() if hotels[i] != st.hotels[b]]
    best: State | None = None
    best_key: tuple[float, float] | None = None
    for h in sample:
        trial = st.copy()
        if not _set_hotel(trial, b, h) or trial.hotels[b] != h:
            continue
        insert_greedy(trial, days=pair)
        key = trial.key()
        if best_key is None or key > best_key:
            best, best_key = trial, key
    if best is not None:
        _restore(st, best)


def _restore(st: State, other: State) -> None:
    st.hotels = other.hotels
    st.routes = other.routes
    st.used = other.used
    st.ends = other.ends
    st.pure = other.pure
    st.trav = other.trav
    st.prof = other.prof


def repair(st: State, d: int) -> bool:
    """Drop the least valuable non-mandatory visits of trip `d` until it is feasible."""
    ctx = st.ctx
    while not st.refresh(d):
        route = st.routes[d]
        removable = [i for i, v in enumerate(route) if not ctx.must[v]]
        if not removable:
            return False
        worst = min(removable, key=lambda i: (ctx.wlist[route[i]], i))
        st.remove(d, worst)
    return True
