"""Inter-trip improvement: relocate a visit to another trip, or swap visits between trips.

Both moves keep the set of visited vertices and accept only changes that improve the search
key after the score: less travel when the instance weighs travel, otherwise less total trip
time. Shorter trips leave room for the next insertions, which is how the moves raise the score
("move"/"swap" of Divsalar et al. 2013, relocate/exchange of VRP local search). Candidates are
screened by their travel change (O(1)) before the exact trip re-timing.
"""

from __future__ import annotations

import numpy as np

from . import _kernels
from ._state import State


def move_between(st: State) -> bool:
    """Relocate single visits into another trip's cheapest gap, then exchange pairs of visits
    of different trips (each takes the other's slot), first improvement (compiled:
    `qianxing.solve._kernels.between`).

    Returns
    -------
    bool
        Whether anything moved.
    """
    ctx = st.ctx
    targets = ctx.open_days
    if len(targets) < 2:
        return False
    routes, lens = st.trip_arrays(targets)
    ends = np.asarray(st.ends, dtype=np.float64)
    changed = _kernels.between(
        routes, lens, np.asarray(st.hotels, dtype=np.int64), np.asarray(targets, dtype=np.int64),
        ends, ctx.tables.available, bool(ctx.tw), *ctx.tables.timing(),
    )
    return st.take_trips(routes, lens, changed)
