"""Ruin operators of the ruin-and-recreate loop: they remove visits or move one hotel."""

from __future__ import annotations

import numpy as np

from ._state import State


def ruin(st: State, allowed: list[list[int]], rng: np.random.Generator, size: int) -> None:
    """Apply one randomly chosen ruin to `st` in place.

    Operators: the consecutive-segment removal of the TOPTW ILS (Vansteenwegen et al. 2009),
    random removal, clearing one trip, and the random hotel change of Divsalar et al. (2013).
    Mandatory vertices are never removed, so the state stays mandatory-feasible.
    """
    pick = rng.random()
    boundaries = [b for b in range(1, st.ctx.days) if len(allowed[b]) > 1]
    if boundaries and pick < 0.25:
        _hotel_change(st, allowed, rng, boundaries)
        if rng.random() < 0.5:
            _random_removal(st, rng, max(1, size // 2))
    elif pick < 0.55:
        _segment_removal(st, rng, size)
    elif pick < 0.9:
        _random_removal(st, rng, size)
    else:
        _clear_trip(st, rng)


def _drop(st: State, d: int, positions: set[int]) -> None:
    route = st.routes[d]
    mandatory = st.ctx.mandatory
    keep = [v for i, v in enumerate(route) if i not in positions or mandatory[v]]
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


def _clear_trip(st: State, rng: np.random.Generator) -> None:
    days = [d for d in st.ctx.open_days if st.routes[d]]
    if days:
        d = days[int(rng.integers(len(days)))]
        _drop(st, d, set(range(len(st.routes[d]))))


def _hotel_change(
    st: State, allowed: list[list[int]], rng: np.random.Generator, boundaries: list[int]
) -> None:
    b = boundaries[int(rng.integers(len(boundaries)))]
    old = st.hotels[b]
    st.hotels[b] = int(rng.choice(allowed[b]))
    if not (repair(st, b - 1) and repair(st, b)):
        st.hotels[b] = old
        repair(st, b - 1)
        repair(st, b)


def repair(st: State, d: int) -> bool:
    """Drop the least valuable non-mandatory visits of trip `d` until it is feasible."""
    ctx = st.ctx
    while not st.refresh(d):
        route = st.routes[d]
        removable = [i for i, v in enumerate(route) if not ctx.mandatory[v]]
        if not removable:
            return False
        worst = min(removable, key=lambda i: (ctx.weight[route[i]], i))
        st.remove(d, worst)
    return True
