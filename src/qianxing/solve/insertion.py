"""Greedy cheapest-ratio insertion and profit-raising replacement (compiled loops).

The State keeps visits as Python lists, which the rest of the search edits cheaply; these
moves copy the trips into arrays (`State.trip_arrays`), run a kernel
(`qianxing.solve._kernels`) and copy back the trips it changed (`State.take_trips`).
"""

from __future__ import annotations

import numpy as np

from . import _kernels
from ._state import State

REPLACE_TRIES = 16
"""Swaps timed per trip by `replace_pass`, best first."""


def insert_greedy(
    st: State,
    rng: np.random.Generator | None = None,
    noise: float = 0.0,
    max_checks: int = 48,
    days: list[int] | None = None,
) -> bool:
    """Insert unvisited vertices by best ``profit^2 / added time`` until nothing fits.

    The squared profit follows the insertion heuristic of Vansteenwegen et al. (2009, ILS for
    the TOPTW): it favours valuable vertices over merely cheap ones. With `rng`, the priority
    of each (trip, vertex) pair is multiplied by a random factor in ``1 ± noise``.

    Parameters
    ----------
    max_checks
        Candidates timed exactly per insertion, best first, before giving up.
    days
        Trips to insert into (default: every open trip).

    Returns
    -------
    bool
        Whether anything was inserted.
    """
    ctx = st.ctx
    tables = ctx.tables
    targets = ctx.open_days if days is None else days
    if not targets:
        return False
    routes, lens = st.trip_arrays(targets)
    factors = tables.ones
    if rng is not None and noise > 0:
        factors = np.asarray(rng.uniform(1.0 - noise, 1.0 + noise, size=factors.shape))
    changed = _kernels.insert_greedy(
        routes, lens, np.asarray(st.hotels, dtype=np.int64), np.asarray(targets, dtype=np.int64),
        st.used, factors, max_checks, tables.available, tables.weight, tables.tw,
        *tables.timing(),
    )
    return st.take_trips(routes, lens, changed)


def replace_pass(st: State) -> bool:
    """Swap a visited vertex for an unvisited one of higher profit at the same position.

    A swap for a vertex of equal profit is made when it shortens the trip (room for the next
    insertion). Mandatory vertices are never swapped out. At most one swap per trip.

    Returns
    -------
    bool
        Whether a swap was made.
    """
    ctx = st.ctx
    targets = [d for d in ctx.open_days if st.routes[d]]
    if not targets:
        return False
    routes, lens = st.trip_arrays(targets)
    tables = ctx.tables
    changed = _kernels.replace_pass(
        routes, lens, np.asarray(st.hotels, dtype=np.int64), np.asarray(targets, dtype=np.int64),
        st.used, np.asarray(st.ends, dtype=np.float64), tables.mandatory, REPLACE_TRIES,
        tables.available, tables.weight, tables.tw, *tables.timing(),
    )
    return st.take_trips(routes, lens, changed)
