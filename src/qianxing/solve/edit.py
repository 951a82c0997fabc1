"""Minimal-change edits of a solution: put vertices in, and take out only what must make room.

A re-optimization after a small edit is free to rearrange everything, and a search that
finds a slightly better objective elsewhere will; a traveller who asked to add one place
sees ten other changes. Here the old tours stay as they are: each new vertex goes to the
feasible position that adds the least travel, and only when no day has room is one vertex
(else two, else three) of that day taken out (the least profitable not `protected`). The
caller falls back to a full solve when this returns ``None``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations

from .instance import Instance
from .timing import TripTimer


@dataclass
class Edited:
    """The edited tours, and which vertex each taken-out vertex made room for."""

    tours: list[list[int]]
    made_room: dict[int, int] = field(default_factory=dict)


def _cheapest(
    timer: TripTimer, d: int, tour: list[int], v: int
) -> tuple[float, list[int]] | None:
    """Least extra travel of `v` anywhere in `tour` (trip `d`) that stays feasible."""
    travel = timer.travel
    best: tuple[float, list[int]] | None = None
    for i in range(1, len(tour)):
        a, b = tour[i - 1], tour[i]
        extra = travel[a][v] + travel[v][b] - travel[a][b]
        if best is not None and extra >= best[0]:
            continue
        trial = [*tour[:i], v, *tour[i:]]
        if timer.end(d, trial) is not None:
            best = (extra, trial)
    return best


def insert(
    instance: Instance,
    tours: list[list[int]],
    vertices: Iterable[int],
    *,
    days: Mapping[int, int] | None = None,
    protected: frozenset[int] = frozenset(),
) -> Edited | None:
    """Insert `vertices` (in order) into `tours`, each on its day in `days` or on any trip.

    Locked trips are not touched. When no trip has room for a vertex, the one vertex whose
    removal makes room at the least profit lost is taken out (never a mandatory or
    `protected` one, nor one inserted here). Returns ``None`` when a vertex cannot be placed
    that way, or when the tours were infeasible to begin with.
    """
    timer = TripTimer(instance)
    out = [list(t) for t in tours]
    if any(timer.end(d, t) is None for d, t in enumerate(out)):
        return None
    fixed = instance.mandatory | protected
    days = days or {}
    made_room: dict[int, int] = {}
    placed: set[int] = set()
    for v in vertices:
        if any(v in t for t in out):
            continue
        trips = [days[v]] if v in days else range(instance.num_days)
        open_trips = [
            d for d in trips if d not in instance.locked and timer.available(d, v)
        ]
        options = [(c, d) for d in open_trips if (c := _cheapest(timer, d, out[d], v))]
        if options:
            (_, tour), d = min(options, key=lambda o: (o[0][0], o[1]))
            out[d] = tour
            placed.add(v)
            continue
        swap = _make_room(instance, timer, out, v, open_trips, fixed | placed)
        if swap is None:
            return None
        d, taken, tour = swap
        out[d] = tour
        made_room.update(dict.fromkeys(taken, v))
        placed.add(v)
    return Edited(out, made_room)


def _make_room(
    instance: Instance,
    timer: TripTimer,
    tours: list[list[int]],
    v: int,
    trips: list[int],
    fixed: frozenset[int] | set[int],
) -> tuple[int, tuple[int, ...], list[int]] | None:
    """The trip, the vertices to take out (one, else two, else three) and the new tour that
    fits `v` instead, at the least profit lost (then least travel). Three: a long visit added
    to a day of short ones (天河潭's 195 min to a day of three city sights) needs them all
    out, and without that the edit falls back to a search that may drop places on other
    days too."""
    for size in (1, 2, 3):
        best: tuple[float, float, int, tuple[int, ...], list[int]] | None = None
        for d in trips:
            inner = [u for u in tours[d][1:-1] if u not in fixed]
            for out in combinations(inner, size):
                loss = float(sum(instance.profits[u] for u in out))
                if best is not None and loss > best[0]:
                    continue
                rest = [u for u in tours[d] if u not in out]
                fit = _cheapest(timer, d, rest, v)
                if fit is not None and (best is None or (loss, fit[0]) < (best[0], best[1])):
                    best = (loss, fit[0], d, out, fit[1])
        if best is not None:
            return best[2], best[3], best[4]
    return None
