"""Mandatory-aware start: a hotel-sequence dynamic programme that also places must-see vertices.

The plain hotel DP (`hotels.choose_sequence`) ignores mandatory vertices, and greedy insertion
then has to squeeze them into whatever trips it got, which fails when the must-see places are
far apart (each needs a hotel nearby). Here the DP state at every trip boundary is
``(hotel, set of mandatory vertices covered so far)``, and a trip may cover a small set of
mandatory vertices whenever a trip from its start to its end hotel visiting just them (in the
best order) can be scheduled. It is exact for the question "can the mandatory vertices be
covered at all" as long as every trip covers at most `MAX_PER_TRIP` of them.
"""

from __future__ import annotations

from itertools import combinations, permutations
from typing import TYPE_CHECKING

import numpy as np

from ._state import Context, State
from .hotels import bridges

if TYPE_CHECKING:
    from collections.abc import Sequence

MAX_PER_TRIP = 3
MAX_MANDATORY = 10
_Trips = dict[tuple[int, int, int], dict[int, list[int]]]


def _best_order(ctx: Context, d: int, h: int, e: int, verts: Sequence[int]) -> list[int] | None:
    """Order of `verts` giving the earliest feasible arrival from `h` to `e` on day `d`."""
    best: list[int] | None = None
    best_end = float("inf")
    for perm in permutations(verts):
        end = ctx.timer.end(d, [h, *perm, e])
        if end is not None and end < best_end:
            best, best_end = list(perm), end
    return best


def _mandatory_trips(ctx: Context, allowed: list[list[int]], must: list[int]) -> _Trips:
    """Per ``(day, h, e)``: covered-mask -> visit order for every schedulable small subset."""
    timer = ctx.timer
    travel, service = ctx.travel, ctx.service
    trips: _Trips = {}
    cap = min(MAX_PER_TRIP, timer.cap)
    for d in ctx.open_days:
        starts = np.asarray(allowed[d], dtype=np.intp)
        ends = np.asarray(allowed[d + 1], dtype=np.intp)
        lim = timer.limits[d] + 1e-6
        for hi, h in enumerate(allowed[d]):
            for ei, e in enumerate(allowed[d + 1]):
                if timer.end(d, [h, e]) is None and not (ctx.use_bridges and bridges(ctx, d, h, e)):
                    continue
                single: list[int] = []
                for i, v in enumerate(must):
                    if not ctx.available[d, v]:
                        continue
                    lower = travel[starts[hi], v] + service[v] + travel[v, ends[ei]]
                    if lower <= lim and timer.end(d, [h, v, e]) is not None:
                        single.append(i)
                options: dict[int, list[int]] = {0: []}
                for i in single:
                    options[1 << i] = [must[i]]
                for size in range(2, cap + 1):
                    for combo in combinations(single, size):
                        if any(
                            sum(1 << j for j in sub) not in options
                            for sub in combinations(combo, size - 1)
                        ):
                            continue
                        order = _best_order(ctx, d, h, e, [must[i] for i in combo])
                        if order is not None:
                            options[sum(1 << i for i in combo)] = order
                trips[(d, h, e)] = options
    return trips


def mandatory_start(
    ctx: Context,
    allowed: list[list[int]],
    est: dict[tuple[int, int, int], float],
    rng: np.random.Generator | None = None,
) -> State | None:
    """A state covering every free mandatory vertex, or ``None`` when the DP finds none.

    The hotel sequence maximises the summed trip estimates among those that cover all
    mandatory vertices; `rng` perturbs the estimates for a different sequence.
    """
    inst = ctx.instance
    must = sorted(v for v in inst.mandatory if ctx.free[v])
    if not must or len(must) > MAX_MANDATORY:
        return None
    trips = _mandatory_trips(ctx, allowed, must)
    full = (1 << len(must)) - 1
    # layer[b]: (hotel, mask) -> (value, previous hotel, previous mask, visits of the trip)
    Entry = tuple[float, int, int, list[int]]
    layers: list[dict[tuple[int, int], Entry]] = [{(inst.start, 0): (0.0, -1, 0, [])}]
    for d in range(ctx.days):
        nxt: dict[tuple[int, int], Entry] = {}
        for (h, mask), (val, _ph, _pm, _r) in layers[-1].items():
            if d in inst.locked:
                tour = inst.locked[d]
                if tour[0] != h:
                    continue
                key = (tour[-1], mask)
                cand = val + est.get((d, h, tour[-1]), 0.0)
                if key not in nxt or cand > nxt[key][0]:
                    nxt[key] = (cand, h, mask, [])
                continue
            for e in allowed[d + 1]:
                options = trips.get((d, h, e))
                if options is None:
                    continue
                base = est.get((d, h, e), 0.0)
                if rng is not None:
                    base *= rng.uniform(0.7, 1.3)
                for sub, order in options.items():
                    if sub & mask:
                        continue
                    key = (e, mask | sub)
                    cand = val + base * (1.0 - 0.25 * len(order))
                    if key not in nxt or cand > nxt[key][0]:
                        nxt[key] = (cand, h, mask, order)
        layers.append(nxt)
    if (inst.end, full) not in layers[-1]:
        return None
    seq = [inst.end]
    visits: list[list[int]] = []
    h, mask = inst.end, full
    for d in range(ctx.days, 0, -1):
        _val, ph, pm, order = layers[d][(h, mask)]
        visits.append(order)
        seq.append(ph)
        h, mask = ph, pm
    seq.reverse()
    visits.reverse()
    st = State(ctx, seq)
    for d in ctx.open_days:
        for v in visits[d]:
            st.add(d, len(st.routes[d]), v)
        if not st.refresh(d) and visits[d]:
            return None
    return st
