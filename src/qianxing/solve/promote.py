"""Promote: lay the hotels out afresh so that a valuable unvisited vertex fits beside the best.

Local moves rarely find trades such as "one more famous sight for two minor ones" when the
sight is far away: it needs other hotels on several nights, and every step towards them loses
value first. This move asks the question directly. For one of the most valuable unvisited
vertices, the mandatory-aware DP (`construct.mandatory_start`) lays out a hotel sequence that
covers it *and* every visited vertex worth at least as much; greedy insertion and local search
then fill the rest. The result replaces the current one only when it is better. On short
trips the two most valuable unvisited vertices are also tried together, in place of a visited
one worth less than both.

`ruin.promote` is the local cousin used as a perturbation: it forces one vertex into one trip
and moves only that trip's hotels, at the cost of a single insertion.
"""

from __future__ import annotations

from time import perf_counter
from typing import TYPE_CHECKING

import numpy as np

from .construct import MAX_MANDATORY, mandatory_start
from .hotels import fill_bridges
from .insertion import insert_greedy

if TYPE_CHECKING:
    from collections.abc import Callable

    from ._state import State

PROMOTE_TRIES = 2
"""Unvisited vertices tried per round, most valuable first."""
PROMOTE_ROUNDS = 4
"""Rounds of promotion, each from the previous round's winner, while one improves."""
TRADE_DAYS = 4
"""Trips of at most this many days also try a trade: the two most valuable unvisited vertices
for a visited one worth less than both together (on three days 青岩 and 西江 for 黄果树).
Longer trips have the days to fit all three: trading on every trip moved the summed score of
`bench/plan.py` by a further -0.04, +0.19 and +0.02 % at `--reseed 0/1/2`, more search on
the long trips that set the CPU p95."""
MAX_COVER = 6
"""Vertices the DP must cover (the promoted one and the most valuable visited ones): its cost
grows steeply with their number (7 took ~0.8 s on the Guizhou instances)."""


def promote(
    st: State,
    allowed: list[list[int]],
    est: dict[tuple[int, int, int], float],
    improve: Callable[[State], None],
    tries: int = PROMOTE_TRIES,
) -> State | None:
    """The best state found by promoting one of the `tries` most valuable unvisited vertices,
    or ``None`` when none beats `st`. `improve` is the local search applied to each.
    """
    ctx = st.ctx
    weight = ctx.weight
    open_days = ctx.open_days
    options = [
        int(v)
        for v in np.argsort(-weight, kind="stable")
        if weight[v] > 0 and not st.used[v] and ctx.available[open_days, v].any()
    ]
    best: State | None = None
    best_key = st.key()
    visited = [u for d in open_days for u in st.routes[d]]
    forced = {int(v) for v in np.flatnonzero(ctx.mandatory & ctx.free)}
    covers = [[v] for v in options[:tries]]
    if len(options) >= 2 and ctx.days <= TRADE_DAYS:
        covers.append(options[:2])
    for wanted in covers:
        floor = sum(weight[v] for v in wanted)  # visited vertices worth less may be traded
        if len(wanted) > 1 and not any(
            max(weight[v] for v in wanted) <= weight[u] < floor and not ctx.must[u]
            for u in visited
        ):
            continue  # nothing to trade: the single promotions cover this
        worth = sorted((u for u in visited if weight[u] >= floor), key=lambda u: -weight[u])
        keep = forced | set(wanted)
        keep.update(worth[: max(0, MAX_COVER - len(keep))])
        if len(keep) > MAX_MANDATORY:
            continue
        built = mandatory_start(ctx, allowed, est, cover=sorted(keep))
        if built is None or not fill_bridges(built):
            continue
        insert_greedy(built)
        improve(built)
        if not built.is_valid() or (ctx.mandatory & ~built.used).any():
            continue
        if built.key() > best_key:
            best, best_key = built, built.key()
    return best


def promote_rounds(
    st: State,
    allowed: list[list[int]],
    est: dict[tuple[int, int, int], float],
    improve: Callable[[State], None],
    rounds: int = PROMOTE_ROUNDS,
    deadline: float = float("inf"),
) -> State:
    """Promote repeatedly while it improves and `deadline` (``perf_counter``) is not past;
    returns `st` itself when nothing improves."""
    for _ in range(rounds):
        if perf_counter() > deadline:
            break
        better = promote(st, allowed, est, improve)
        if better is None:
            break
        st = better
    return st
