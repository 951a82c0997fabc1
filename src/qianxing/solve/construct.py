"""Mandatory-aware start: a hotel-sequence dynamic programme that also places must-see vertices.

The plain hotel DP (`hotels.choose_sequence`) ignores mandatory vertices, and greedy insertion
then has to squeeze them into whatever trips it got, which fails when the must-see places are
far apart (each needs a hotel nearby). Here the DP state at every trip boundary is
``(hotel, set of mandatory vertices covered so far)``, and a trip may cover a small set of
mandatory vertices whenever a trip from its start to its end hotel visiting just them (in the
best order) can be scheduled, or one of them with a stop beside it that brings it within reach
(`_stones`). It is exact for the question "can the mandatory vertices be covered at all" as
long as every trip covers at most `MAX_PER_TRIP` of them and journey times obey the triangle
inequality.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from . import _kernels
from ._state import Context, MandatoryOptions, MandatoryTrips, State
from .hotels import bridges, day_kinds

if TYPE_CHECKING:
    from collections.abc import Sequence

MAX_PER_TRIP = 3
MAX_MANDATORY = 10
EXACT_UP_TO = 4
STONES = 3
"""Stops tried beside a vertex that a trip cannot reach alone (`_stones`)."""
MAX_STATES = 150
"""DP states kept per trip boundary when there are more than `EXACT_UP_TO` mandatory vertices:
the DP then becomes a beam search (most covered, then most valuable, first). The exact DP over
22 hotels and 7 mandatory vertices took over a second; up to 4 it stays exact."""
_Trips = MandatoryTrips


def _mandatory_trips(ctx: Context, allowed: list[list[int]], must: list[int]) -> _Trips:
    """Per kind of day: which trips exist and every small subset of `must` each can visit.

    Memoised per solve (noisy restarts and promotion ask again), and computed once per kind
    of day: days with the same start, length, hotels and windows (most middle days of a trip)
    have the same options, so only the first day of each kind (`hotels.day_kinds`) has an
    entry; readers look up that day.
    """
    memo_key = tuple(must)
    if memo_key in ctx.mandatory_trips:
        return ctx.mandatory_trips[memo_key]
    trips: _Trips = {}
    kinds = day_kinds(ctx, allowed)
    # beyond the exact range a trip covers at most two: three-vertex orders dominated the cost
    cap = min(MAX_PER_TRIP if len(must) <= EXACT_UP_TO else 2, ctx.timer.cap)
    for d in ctx.open_days:
        if kinds[d] == d:
            trips[d] = _day_trips(ctx, allowed, must, d, cap)
    ctx.mandatory_trips[memo_key] = trips
    return trips


def _day_trips(
    ctx: Context, allowed: list[list[int]], must: list[int], d: int, cap: int
) -> MandatoryOptions:
    """`_mandatory_trips` for one day, from one compiled pass over all hotel pairs
    (`qianxing.solve._kernels.subset_orders`).

    A pair whose empty trip is infeasible counts when one visit on the way makes it
    (`hotels.bridges`), whether or not the search's hotel DP admits such days
    (`Context.use_bridges`): the cover DP lays out only a few sequences, and a day of travel
    with a stop may be the only way to a place (five days from 凯里: 西江 on the first, 安顺 ->
    下司古镇 -> 凯里 on the last, 4,240 points against 3,420)."""
    heads, tails = allowed[d], allowed[d + 1]
    ok = _trip_pairs(ctx, d, heads, tails)
    pair_of, masks, orders = _kernels.subset_orders(
        d,
        np.asarray(heads, dtype=np.int64),
        np.asarray(tails, dtype=np.int64),
        np.asarray(must, dtype=np.int64),
        np.asarray([ctx.avail[d][v] for v in must], dtype=np.bool_),
        cap,
        _stones(ctx, must, d),
        *ctx.tables.timing(),
    )
    keep = ok[pair_of]
    return ok, pair_of[keep], masks[keep], orders[keep]


def _trip_pairs(
    ctx: Context, d: int, heads: list[int], tails: list[int]
) -> npt.NDArray[np.bool_]:
    """Which ``(h, e)`` pairs of day `d` (start-major) make a trip, empty or with one visit on
    the way (`hotels.bridges`). A function of the day and its hotels alone, so kept per
    solve: promotion asks for the trips of one day for many sets of must-sees."""
    key = (d, tuple(heads), tuple(tails))
    ok = ctx.trip_pairs.get(key)
    if ok is None:
        timer = ctx.timer
        ok = ctx.trip_pairs[key] = np.array(
            [
                timer.end(d, [h, e]) is not None or bool(bridges(ctx, d, h, e))
                for h in heads
                for e in tails
            ],
            dtype=bool,
        )
        ok.setflags(write=False)  # shared by every set of must-sees asked for
    return ok


def _stones(ctx: Context, must: list[int], d: int) -> npt.NDArray[np.int64]:
    """Per vertex of `must`, the `STONES` vertices of some value nearest it on the road both
    ways that day `d` can visit (not of `must`; -1 padded): stops that may bring it within
    reach (`subset_orders`).

    Journey times need not obey the triangle inequality. By public transport 贵阳 -> 青岩 is a
    bus of 105 minutes, but 贵阳 -> 夜郎谷 -> 青岩 two short taxi hops of 76, so a day that
    cannot reach 青岩 and come back within its cap on the road can when it stops at 夜郎谷."""
    road = ctx.instance.road_times
    out = np.full((len(must), STONES), -1, dtype=np.int64)
    usable = (ctx.weight > 0) & ctx.available[d]
    usable[must] = False
    candidates = np.flatnonzero(usable)
    for i, v in enumerate(must):
        near = road[candidates, v] + road[v, candidates]
        best = candidates[np.argsort(near, kind="stable")[:STONES]]
        out[i, : best.size] = best
    return out


def mandatory_start(
    ctx: Context,
    allowed: list[list[int]],
    est: dict[tuple[int, int, int], float],
    rng: np.random.Generator | None = None,
    cover: Sequence[int] | None = None,
) -> State | None:
    """A state covering every free mandatory vertex, or ``None`` when the DP finds none.

    The hotel sequence maximises the summed trip estimates among those that cover all
    mandatory vertices; `rng` perturbs the estimates for a different sequence. `cover`
    replaces the instance's mandatory vertices by others (see `promote`).
    """
    inst = ctx.instance
    must = sorted(v for v in (inst.mandatory if cover is None else cover) if ctx.free[v])
    if not must or len(must) > MAX_MANDATORY:
        return None
    trips = _mandatory_trips(ctx, allowed, must)
    found = _cover_dp(ctx, allowed, est, trips, must, rng)
    if found is None:
        return None
    seq, visits = found
    st = State(ctx, seq)
    for d in ctx.open_days:
        for v in visits[d]:
            if not st.used[v]:  # two trips may take the same stop on the way
                st.add(d, len(st.routes[d]), v)
        if not st.refresh(d) and visits[d]:
            return None
    return st


_Options = tuple[
    npt.NDArray[np.intp],  # start hotel
    npt.NDArray[np.intp],  # end hotel
    npt.NDArray[np.int64],  # covered mask
    npt.NDArray[np.float64],  # trip estimate, discounted by 0.25 per covered vertex
    npt.NDArray[np.intp],  # index of the trip's (h, e) pair, for noise
    npt.NDArray[np.int64],  # visit order of the covered vertices (-1 padded)
]


def _layer_options(
    ctx: Context,
    allowed: list[list[int]],
    est: dict[tuple[int, int, int], float],
    trips: _Trips,
    d: int,
) -> _Options:
    """Every (trip, covered subset) choice of day `d`, as arrays grouped by start hotel
    (in `allowed` order), each trip's empty choice first."""
    heads, tails = allowed[d], allowed[d + 1]
    locked = ctx.instance.locked.get(d)
    if locked is not None:
        h, e = locked[0], locked[-1]
        return (
            np.array([h], dtype=np.intp),
            np.array([e], dtype=np.intp),
            np.zeros(1, dtype=np.int64),
            np.array([est.get((d, h, e), 0.0)]),
            np.zeros(1, dtype=np.intp),
            np.full((1, 3), -1, dtype=np.int64),
        )
    ok, pair_of, masks, orders = trips[day_kinds(ctx, allowed)[d]]
    width = len(tails)
    feasible = np.flatnonzero(ok)
    rank = np.full(ok.size, -1, dtype=np.intp)
    rank[feasible] = np.arange(feasible.size)
    pair = np.concatenate((feasible, pair_of))
    sub = np.concatenate((np.zeros(feasible.size, dtype=np.int64), masks))
    order = np.concatenate((np.full((feasible.size, 3), -1, dtype=np.int64), orders))
    empty_last = np.concatenate((np.zeros(feasible.size, np.intp), np.ones(pair_of.size, np.intp)))
    sort = np.argsort(pair * 2 + empty_last, kind="stable")
    pair, sub, order = pair[sort], sub[sort], order[sort]
    base = np.array(
        [est.get((d, heads[p // width], tails[p % width]), 0.0) for p in feasible.tolist()]
    )
    covered = (order >= 0).sum(axis=1)
    return (
        np.asarray(heads, dtype=np.intp)[pair // width],
        np.asarray(tails, dtype=np.intp)[pair % width],
        sub,
        base[rank[pair]] * (1.0 - 0.25 * covered) if base.size else np.zeros(0),
        rank[pair],
        order,
    )


def _cover_dp(
    ctx: Context,
    allowed: list[list[int]],
    est: dict[tuple[int, int, int], float],
    trips: _Trips,
    must: list[int],
    rng: np.random.Generator | None,
) -> tuple[list[int], list[list[int]]] | None:
    """The DP over (hotel, covered mask) states, one array operation per trip boundary.

    State at a boundary: hotel, mask of the `k` vertices covered so far, value (summed trip
    estimates). A state and a choice of its hotel's options (`_layer_options`) that covers
    no vertex twice give a state at the next boundary; per (hotel, mask) the best is kept,
    and beyond `EXACT_UP_TO` vertices only the `MAX_STATES` most covered, then most valuable.
    Returns the hotel sequence and each trip's covered visits, or ``None``.
    """
    inst = ctx.instance
    n = ctx.n
    k = len(must)
    width = 1 << k
    popcount = np.array([bin(m).count("1") for m in range(width)], dtype=np.int64)
    st_h = np.array([inst.start], dtype=np.intp)
    st_mask = np.zeros(1, dtype=np.int64)
    st_val = np.zeros(1)
    Ints = npt.NDArray[np.intp]
    back: list[tuple[Ints, Ints, npt.NDArray[np.int64], Ints]] = []
    for d in range(ctx.days):
        # days of one kind (`_mandatory_trips`) have the same options and estimates
        memo_key = (*must, -1, day_kinds(ctx, allowed)[d])
        cached = ctx.layer_options.get(memo_key)
        if cached is None or cached[0] is not est:
            cached = ctx.layer_options[memo_key] = (
                est,
                _layer_options(ctx, allowed, est, trips, d),
            )
        opt_h, opt_e, opt_sub, opt_gain, opt_pair, orders = cached[1]
        if rng is not None and opt_pair.size:
            opt_gain = opt_gain * rng.uniform(0.7, 1.3, size=int(opt_pair[-1]) + 1)[opt_pair]
        # options of each hotel are contiguous: [first[h], first[h] + count[h])
        count = np.bincount(opt_h, minlength=n)
        first = np.concatenate(([0], np.cumsum(count)[:-1]))
        per_state = count[st_h]
        src = np.repeat(np.arange(st_h.size), per_state)
        starts = np.repeat(
            first[st_h] - np.concatenate(([0], np.cumsum(per_state)[:-1])), per_state
        )
        opt = starts + np.arange(src.size)
        ok = (opt_sub[opt] & st_mask[src]) == 0
        src, opt = src[ok], opt[ok]
        mask = st_mask[src] | opt_sub[opt]
        val = st_val[src] + opt_gain[opt]
        key = opt_e[opt].astype(np.int64) * width + mask
        order = np.lexsort((-val, key))  # per key, the best first
        keep = order[np.flatnonzero(np.r_[True, key[order][1:] != key[order][:-1]])]
        if k > EXACT_UP_TO and keep.size > MAX_STATES:
            rank = np.lexsort((-val[keep], -popcount[mask[keep]]))
            keep = keep[rank[:MAX_STATES]]
        st_h, st_mask, st_val = opt_e[opt[keep]], mask[keep], val[keep]
        back.append((src[keep], opt[keep], orders, opt_h))
    done = np.flatnonzero((st_h == inst.end) & (st_mask == width - 1))
    if done.size == 0:
        return None
    i = int(done[0])
    seq = [inst.end]
    visits: list[list[int]] = []
    for src, opt, orders, hotels in reversed(back):
        o = int(opt[i])
        visits.append([v for v in orders[o].tolist() if v >= 0])
        seq.append(int(hotels[o]))
        i = int(src[i])
    seq.reverse()
    visits.reverse()
    return seq, visits
