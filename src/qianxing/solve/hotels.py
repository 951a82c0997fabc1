"""Hotel selection: trip-value estimates, hotel-sequence dynamic programme and hotel moves.

The idea follows Divsalar, Vansteenwegen & Cattrysse (2013): estimate what a trip between
every pair of hotels could collect, then pick the hotel sequence maximising the sum of those
estimates; the search later changes single hotels ("change hotel" move) when that shortens
the adjacent trips.
"""

from __future__ import annotations

from typing import TypeVar

import numpy as np
import numpy.typing as npt

from . import _kernels
from ._state import MEMO_SIZE, Context, State
from .exceptions import InfeasibleInstanceError
from .profiles import profiles
from .timing import EPS

FloatArray = npt.NDArray[np.float64]
T = TypeVar("T")
NEG = -np.inf


def allowed_hotels(ctx: Context) -> list[list[int]]:
    """Hotels permitted at each boundary ``b`` (trip ``b`` starts there), ``b = 0..D``."""
    inst = ctx.instance
    allowed = [list(inst.hotels) for _ in range(ctx.days + 1)]
    allowed[0] = [inst.start]
    allowed[ctx.days] = [inst.end]
    for d, tour in inst.locked.items():
        for b, h in ((d, tour[0]), (d + 1, tour[-1])):
            if h not in allowed[b]:
                raise InfeasibleInstanceError(
                    f"locked trip {d} conflicts with the hotel at boundary {b}",
                    reason="locked-conflict",
                    trips=(d,),
                )
            allowed[b] = [h]
    return allowed


def day_kinds(ctx: Context, allowed: list[list[int]]) -> list[int]:
    """For each day, the first open day alike: same start, length, cap on the road, hotels
    at both ends and windows (memoised per solve).

    Trip estimates, bridge visits, the mandatory DP's options and the check that a must-see
    fits some trip depend on a day only through these, so alike days (most middle days of a
    trip) share one computation. Locked days are their own kind. (The cap on the road was
    left out until a test gave two otherwise alike days different caps; the planner's caps
    differ only on the arrival day, which its hotels set apart anyway.)
    """
    if ctx.day_kinds is None:
        timer = ctx.timer
        windows = ctx.instance.windows
        first: dict[tuple[object, ...], int] = {}
        kinds = list(range(ctx.days))
        for d in ctx.open_days:
            kind = (
                timer.starts[d],
                timer.limits[d],
                timer.roads[d],
                tuple(allowed[d]),
                tuple(allowed[d + 1]),
                None if windows is None else windows[d].tobytes(),
            )
            kinds[d] = first.setdefault(kind, d)
        ctx.day_kinds = kinds
    return ctx.day_kinds


def share_alike(
    table: dict[tuple[int, int, int], T], kinds: list[int], allowed: list[list[int]], d: int
) -> bool:
    """Copy the ``(day, h, e)`` entries of the day `d` is alike to; ``False`` if `d` is first."""
    same = kinds[d]
    if same == d:
        return False
    for h in allowed[d]:
        for e in allowed[d + 1]:
            if (same, h, e) in table:
                table[(d, h, e)] = table[(same, h, e)]
    return True


def estimates(ctx: Context, allowed: list[list[int]]) -> dict[tuple[int, int, int], float]:
    """Estimated profit of trip ``d`` from hotel ``h`` to ``e`` (feasible pairs only).

    One greedy fill per hotel pair at the largest day limit (`profiles`) serves every day: a
    shorter day is estimated by the longest prefix of the insertion sequence that still fits.
    """
    inst = ctx.instance
    timer = ctx.timer
    open_limit = max((timer.limits[d] for d in ctx.open_days), default=0.0)
    fills = profiles(
        ctx, [(h, e) for b in ctx.open_days for h in allowed[b] for e in allowed[b + 1]], open_limit
    )
    est: dict[tuple[int, int, int], float] = {}
    kinds = day_kinds(ctx, allowed)
    for d in range(ctx.days):
        if d in inst.locked:
            tour = inst.locked[d]
            if timer.end(d, list(tour)) is None:
                raise InfeasibleInstanceError(
                    f"locked trip {d} {tour} is itself infeasible",
                    reason="locked-infeasible",
                    trips=(d,),
                )
            est[(d, tour[0], tour[-1])] = float(ctx.profits[list(tour[1:-1])].sum())
            continue
        if share_alike(est, kinds, allowed, d):
            continue
        for h in allowed[d]:
            for e in allowed[d + 1]:
                if timer.end(d, [h, e]) is None and not (ctx.use_bridges and bridges(ctx, d, h, e)):
                    continue
                durs, gains, _added = fills[(h, e)]
                fits = durs <= timer.limits[d] + EPS
                est[(d, h, e)] = float(gains[fits].max()) if fits.any() else 0.0
    return est


def bridges(ctx: Context, d: int, h: int, e: int) -> list[int]:
    """Single visits that make trip ``d`` from `h` to `e` feasible when the empty trip is not.

    The lunch rule only allows the break at a stop, so a long drive that starts before the
    lunch window may need one visit on the way (ordered by earliest arrival; memoised). Such
    hotel pairs are only considered (``ctx.use_bridges``) when no hotel chain exists without
    them, so ordinary requests keep their search space (always admitting them cost about 9 %
    more CPU on `bench/plan.py` for +0.1 to +1.1 % summed score); the cover DP of
    `construct` always considers them. Timed by a kernel (`_kernels.bridge_ends`).
    """
    key = (d, h, e)
    found = ctx.bridges.get(key)
    if found is None:
        cands = ctx.avail_idx[d]
        ends = _kernels.bridge_ends(d, h, e, cands, *ctx.tables.timing())
        ok = np.flatnonzero(ends >= 0)
        order = ok[np.lexsort((cands[ok], ends[ok]))]  # earliest arrival, then vertex
        found = ctx.bridges[key] = cands[order].tolist()
    return found


def fill_bridges(st: State) -> bool:
    """Give every empty infeasible trip of `st` a bridge visit; ``False`` when one has none."""
    for d in st.ctx.open_days:
        if st.ends[d] != float("inf") or st.routes[d]:
            continue
        for v in bridges(st.ctx, d, st.hotels[d], st.hotels[d + 1]):
            if not st.used[v]:
                st.add(d, 0, v)
                st.refresh(d)
                break
        else:
            return False
    return True


def hotel_values(
    ctx: Context, allowed: list[list[int]], est: dict[tuple[int, int, int], float]
) -> list[dict[int, float]]:
    """``V[b][h]``: best estimated profit of trips ``b..D-1`` when trip ``b`` starts at ``h``.

    Raises
    ------
    InfeasibleInstanceError
        When no chain of hotels connects start to end within the day limits.
    """
    days = ctx.days
    values: list[dict[int, float]] = [{} for _ in range(days + 1)]
    values[days] = {ctx.instance.end: 0.0}
    for b in range(days - 1, -1, -1):
        for h in allowed[b]:
            best = NEG
            for e, rest in values[b + 1].items():
                if (b, h, e) in est:
                    best = max(best, est[(b, h, e)] + rest)
            if best > NEG:
                values[b][h] = best
    if ctx.instance.start not in values[0]:
        raise InfeasibleInstanceError(
            "no sequence of hotels links start to end within the day limits",
            reason="no-hotel-sequence",
        )
    return values


def choose_sequence(
    ctx: Context,
    est: dict[tuple[int, int, int], float],
    values: list[dict[int, float]],
    rng: np.random.Generator | None = None,
    noise: float = 0.0,
) -> list[int]:
    """Forward pass through the DP; with `rng`, estimates are perturbed for diversity."""
    seq = [ctx.instance.start]
    for b in range(ctx.days):
        h = seq[-1]
        best_e, best_v = -1, NEG
        for e, rest in values[b + 1].items():
            if (b, h, e) not in est:
                continue
            val = est[(b, h, e)] + rest
            if rng is not None and noise > 0:
                val *= rng.uniform(1 - noise, 1 + noise)
            if val > best_v:
                best_e, best_v = e, val
        seq.append(best_e)
    return seq


def improve_hotels(st: State, allowed: list[list[int]]) -> bool:
    """Move each free intermediate hotel to the one minimising the two adjacent trips' time.

    With a travel weight the adjacent trips' travel is minimised first (time breaks ties), as
    in the search key.
    """
    ctx = st.ctx
    weighted = bool(ctx.tw)
    changed = False
    for b in range(1, ctx.days):
        if len(allowed[b]) < 2:
            continue
        before, after = st.routes[b - 1], st.routes[b]
        h0, h2 = st.hotels[b - 1], st.hotels[b + 1]
        cur = st.hotels[b]
        key = (b, h0, *before, -1, cur, -1, *after, h2)
        memo = ctx.rehoteled
        best_h = memo.get(key, -1)
        if best_h < 0:  # the choice depends on the two adjacent trips alone
            if len(memo) >= MEMO_SIZE:
                memo.clear()
            best_h = memo[key] = _best_hotel(st, allowed[b], b, weighted)
        if best_h != cur:
            st.hotels[b] = best_h
            st.refresh(b - 1)
            st.refresh(b)
            changed = True
    return changed


def _best_hotel(st: State, options: list[int], b: int, weighted: bool) -> int:
    """The hotel for night `b` minimising the two adjacent trips' travel (weighted) or time."""
    ctx = st.ctx
    timer = ctx.timer
    t = timer.travel
    before, after = st.routes[b - 1], st.routes[b]
    h0, h2 = st.hotels[b - 1], st.hotels[b + 1]
    first = before[-1] if before else h0
    last = after[0] if after else h2
    cur = st.hotels[b]
    fixed = st.trav[b - 1] + st.trav[b] - t[first][cur] - t[cur][last]
    current = st.ends[b - 1] - timer.starts[b - 1] + st.ends[b] - timer.starts[b]
    best_h = cur
    best = (st.trav[b - 1] + st.trav[b] - EPS if weighted else 0.0, current - EPS)
    lower_fixed = st.pure[b - 1] + st.pure[b] - t[first][cur] - t[cur][last]
    for h in options:
        if h == cur:
            continue
        link = t[first][h] + t[h][last]
        if lower_fixed + link >= best[1]:  # waiting-free time cannot beat the current
            continue
        trav = fixed + link if weighted else 0.0
        if trav > best[0] + 2 * EPS:
            continue
        e1 = timer.end(b - 1, [h0, *before, h])
        if e1 is None:
            continue
        e2 = timer.end(b, [h, *after, h2])
        if e2 is None:
            continue
        total = e1 - timer.starts[b - 1] + e2 - timer.starts[b]
        if (weighted and trav < best[0]) or (trav <= best[0] + 2 * EPS and total < best[1]):
            best_h, best = h, (trav, total)
    return best_h
