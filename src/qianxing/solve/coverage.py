"""Hotel sequences that do not count a vertex twice: a beam DP over (hotel, claimed vertices).

The plain hotel DP (`hotels.hotel_values`) adds up pairwise trip estimates, each a greedy fill
from one hotel to the next. Every trip near a valuable vertex "visits" it in its estimate, so
when the value sits in a few vertices far apart the DP prefers sequences that count the same
vertex on several days and misses those that reach new ones -- such as spending a short
arrival afternoon travelling to a distant hotel so that the next trip reaches a vertex no other
trip can. Here a state remembers the vertices its trips have claimed, and a trip adds only the
weight of the vertices it would newly visit. The estimate stays a greedy one (a trip whose fill
is already claimed is not re-filled with others), which is enough to rank sequences.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .profiles import profiles

if TYPE_CHECKING:
    import numpy as np

    from ._state import Context, Fills

BEAM = 3
"""States kept per (boundary, hotel): the best few by value, each with a different claim set."""

_State = tuple[float, int, int, int]
"""(value, claimed vertices as a bit set, hotel at the previous boundary, its state's index)."""


def trip_fills(ctx: Context, est: dict[tuple[int, int, int], float]) -> Fills:
    """Per feasible ``(day, h, e)``: the vertices its greedy fill visits (memoised per solve)."""
    if ctx.coverage_fills is not None and ctx.coverage_fills[0] is est:
        return ctx.coverage_fills[1]
    timer = ctx.timer
    inst = ctx.instance
    open_limit = max((timer.limits[d] for d in ctx.open_days), default=0.0)
    hotel_pairs = [(h, e) for d, h, e in est if d not in inst.locked]
    found = profiles(ctx, hotel_pairs, open_limit)
    weight = ctx.wlist
    kinds = ctx.day_kinds
    fills: Fills = {}
    for d, h, e in est:
        alike = None if kinds is None or kinds[d] == d else fills.get((kinds[d], h, e))
        if alike is not None:  # same limit and availability: the same fill
            fills[(d, h, e)] = (*alike[:3], len(fills))
            continue
        if d in inst.locked:
            verts = list(inst.locked[d][1:-1])
        else:
            durs, _gains, added = found[(h, e)]
            fits = int((durs <= timer.limits[d] + 1e-6).sum()) - 1
            avail = ctx.avail[d]
            verts = [v for v in added[: max(fits, 0)] if avail[v]]
        pairs = [(v, weight[v]) for v in verts]
        fills[(d, h, e)] = (
            sum(1 << v for v in verts),
            sum(w for _v, w in pairs),
            pairs,
            len(fills),
        )
    ctx.coverage_fills = (est, fills)
    return fills


def coverage_sequences(
    ctx: Context,
    est: dict[tuple[int, int, int], float],
    values: list[dict[int, float]],
    rng: np.random.Generator | None = None,
    noise: float = 0.0,
    beam: int = BEAM,
) -> list[list[int]]:
    """Hotel sequences with the most distinct estimated weight, best first (up to `beam`).

    `values` (from `hotels.hotel_values`) says which hotels can still reach the end, so the
    beam never keeps a dead end. With `rng`, each trip's gain is perturbed by up to `noise`
    (relative) for diverse restarts.
    """
    fills = trip_fills(ctx, est)
    days = ctx.days
    layers: list[dict[int, list[_State]]] = [{ctx.instance.start: [(0.0, 0, -1, -1)]}]
    end = ctx.instance.end
    factors = (
        rng.uniform(1 - noise, 1 + noise, size=len(fills)).tolist()
        if rng is not None and noise
        else [1.0] * len(fills)
    )
    claimed_weight: dict[int, float] = {}  # a set of claimed vertices -> their weight
    for b in range(days):
        # per end hotel: claim set -> the best state reaching it
        found: dict[int, dict[int, _State]] = {}
        reachable = values[b + 1] if b + 1 < days else {end: 0.0}
        for h, states in layers[b].items():
            for e in reachable:
                fill = fills.get((b, h, e))
                if fill is None:
                    continue
                fmask, total, pairs, k = fill
                factor = factors[k]
                best = found.setdefault(e, {})
                for i, (value, claimed, _ph, _pi) in enumerate(states):
                    gain = total
                    shared = claimed & fmask
                    if shared:  # count only the vertices not claimed yet
                        lost = claimed_weight.get(shared)
                        if lost is None:
                            lost = claimed_weight[shared] = sum(
                                w for v, w in pairs if (shared >> v) & 1
                            )
                        gain -= lost
                    new = (value + gain * factor, claimed | fmask, h, i)
                    old = best.get(new[1])
                    if old is None or new[0] > old[0]:
                        best[new[1]] = new
        layers.append({e: _best(by_mask, beam) for e, by_mask in found.items()})
    final = layers[days].get(end, [])
    return [_trace(layers, end, i) for i in range(len(final))]


def _trace(layers: list[dict[int, list[_State]]], end: int, i: int) -> list[int]:
    """The hotel sequence leading to state `i` of hotel `end` in the last layer."""
    h = end
    seq = [h]
    for b in range(len(layers) - 1, 0, -1):
        _value, _mask, prev_h, prev_i = layers[b][h][i]
        seq.append(prev_h)
        h, i = prev_h, prev_i
    seq.reverse()
    return seq


def _best(by_mask: dict[int, _State], beam: int) -> list[_State]:
    return sorted(by_mask.values(), key=lambda s: -s[0])[:beam]
