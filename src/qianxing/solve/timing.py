"""Earliest-start trip timing: time windows, waiting and the lunch-break rule.

Lunch rule (used identically by the heuristic, the exact solver and the checker)
-------------------------------------------------------------------------------
With ``lunch = (L0, L1, Ld)`` a trip first gets its earliest-start schedule *without* a break.
A break is required when the trip starts no later than ``L1`` and that schedule reaches the end
hotel after ``L0`` (the traveller is still out during the window). The break is then taken at
one of the trip's stops: right after leaving the start hotel, right after a visit, or on
arrival at the end hotel (the trip then ends with the break). It starts at ``max(time, L0)``
(waiting counts) and must start no later than ``L1``. Or it is taken on the way: a journey
left before ``L0`` and still under way at ``L0`` takes ``Ld`` longer (lunch at the station of
a change, on board, or on arrival before the visit). Among these, the one giving the
earliest end is used, a stop before the end hotel on a tie, then the end hotel, then the
way. Because every timing function here is non-decreasing, this is exactly "some feasible
lunch placement exists".

The end hotel and the way are places for lunch because a day of travel eats where it is at
lunchtime: with the break only at a stop, a trip had to wait at its hotel or its last sight
for lunch and leave after it (安顺古城 from 09:00, lunch at 11:30, then seven hours to 江口),
and so missed the last bus or ran past the day's length, which the day as timed against the
timetable (`qianxing.plan`) then repaired by leaving in the morning or dropping the sight.

A visit to a ``meal_inside`` vertex in that lunch-free schedule which starts no later than
``L1`` and ends no earlier than ``L0 + Ld`` serves as the break (lunch eaten on site), so no
separate break is inserted.

Hotels have no service time and no windows.

The arithmetic is written once, in `qianxing.solve._kernels.timing` (compiled with numba):
the search's kernels call it and so do `TripTimer` and `schedule` here. Journey times go
through its `travel_time`, the one function a time-dependent travel model would change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ._kernels.common import EPS as EPS
from ._kernels.tables import timing_args
from ._kernels.timing import LUNCH as LUNCH
from ._kernels.timing import LUNCH_ON_THE_WAY as LUNCH_ON_THE_WAY
from ._kernels.timing import timeline, trip_end

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .instance import Instance

Stop = tuple[int, float, float, float]
_MEMO_SIZE = 200_000


class TripTimer:
    """Trip evaluation for the Python side of the search and the exact solver.

    The arithmetic is the kernels' (`qianxing.solve._kernels.timing`): `end` and `timeline`
    call them. The instance's data is also kept as plain lists, which Python loops elsewhere
    (estimates, the exact solver's labels) index several times faster than numpy arrays.
    """

    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        self.args = timing_args(instance)
        """The timing kernels' arguments after ``(day, tour, m)`` (`timing_args`)."""
        self.travel: list[list[float]] = instance.travel.tolist()
        self.service: list[float] = instance.service.tolist()
        days, n = instance.num_days, instance.num_vertices
        self.starts = [instance.day_start(d) for d in range(days)]
        self.limits = list(instance.day_limits)
        self.roads = [instance.travel_limit(d) for d in range(days)]
        if instance.windows is None:
            self.opens: list[list[float]] | None = None
            self.closes: list[list[float]] | None = None
        else:
            self.opens = instance.windows[:, :, 0].tolist()
            self.closes = instance.windows[:, :, 1].tolist()
        self.lunch = instance.lunch
        self.meal = instance.meal_inside
        self.cap = instance.max_visits_per_day if instance.max_visits_per_day is not None else n
        self.simple = instance.is_simple
        self._memo: dict[tuple[int, ...], float | None] = {}

    def available(self, day: int, vertex: int) -> bool:
        """Whether `vertex` can be visited at all on `day` (its window is not empty)."""
        if self.opens is None or self.closes is None:
            return True
        return self.opens[day][vertex] <= self.closes[day][vertex]

    def end(self, day: int, tour: Sequence[int]) -> float | None:
        """Arrival time at the end hotel, or ``None`` when the trip is infeasible.

        Results are memoised: the search re-times the same trips (those of unchanged days)
        over and over, and each call of the kernel costs microseconds of dispatch.
        """
        if len(tour) - 2 > self.cap:
            return None
        key = (day, *tour)
        memo = self._memo
        if key in memo:
            return memo[key]
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        value = memo[key] = self._end(day, tour)
        return value

    def _end(self, day: int, tour: Sequence[int]) -> float | None:
        end = trip_end(day, np.asarray(tour, dtype=np.int64), len(tour), *self.args)
        return None if end < 0 else end

    def timeline(self, day: int, tour: Sequence[int]) -> list[Stop]:
        """Earliest-start ``(vertex, arrive, start, leave)`` rows, lunch as vertex `LUNCH`.

        Infeasible trips still get their (violating) lunch-free schedule so callers can show it.
        """
        rows = timeline(day, np.asarray(tour, dtype=np.int64), len(tour), *self.args)
        return [(int(v), arrive, start, leave) for v, arrive, start, leave in rows.tolist()]

    @property
    def lunch_duration(self) -> float:
        """Length of the lunch break (0 without lunch)."""
        return 0.0 if self.lunch is None else self.lunch[2]


def schedule(instance: Instance, tour: Sequence[int], day: int) -> list[Stop]:
    """Earliest-start schedule of one trip for display.

    Parameters
    ----------
    instance
        The problem the tour belongs to.
    tour
        ``(hotel, v1, ..., hotel)``.
    day
        Trip index, selecting day start and windows.

    Returns
    -------
    list[tuple[int, float, float, float]]
        ``(vertex, arrive, start, leave)`` in absolute time; the lunch break appears as vertex
        `LUNCH` (-1) with ``arrive == start``; a break on arrival at the end hotel is the last
        row, after the hotel's, and its ``leave`` is the trip's end. A break on the way is
        vertex `LUNCH_ON_THE_WAY` (-2), between the rows of the journey's two ends, at `L0`.
        The rows are computed even when the trip is infeasible (use `feasible` to find out).
    """
    if len(tour) < 2:
        raise ValueError("tour must contain at least the start and end hotel")
    # the kernel's arguments alone: a `TripTimer` also copies the matrices into lists for
    # the search, 0.8 ms on a 132-place instance against 0.05 ms, and the planner times
    # each day of each candidate plan (bench/plan.py: about 700 days over its 50 requests)
    rows = timeline(day, np.asarray(tour, dtype=np.int64), len(tour), *timing_args(instance))
    return [(int(v), arrive, start, leave) for v, arrive, start, leave in rows.tolist()]
