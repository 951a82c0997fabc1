"""Earliest-start trip timing: time windows, waiting and the lunch-break rule.

Lunch rule (used identically by the heuristic, the exact solver and the checker)
-------------------------------------------------------------------------------
With ``lunch = (L0, L1, Ld)`` a trip first gets its earliest-start schedule *without* a break.
A break is required when the trip starts no later than ``L1`` and that schedule reaches the end
hotel after ``L0`` (the traveller is still out during the window). The break is then taken at
one of the trip's stops: right after leaving the start hotel or right after a visit. It starts
at ``max(time, L0)`` (waiting counts) and must start no later than ``L1``. Among the stops, the
one giving the earliest arrival at the end hotel is used. Because every timing function here is
non-decreasing, this is exactly "some feasible lunch placement exists", so the rule loses no
feasible itinerary apart from breaks taken in the middle of a travel leg.

A visit to a ``meal_inside`` vertex in that lunch-free schedule which starts no later than
``L1`` and ends no earlier than ``L0 + Ld`` serves as the break (lunch eaten on site), so no
separate break is inserted.

Hotels have no service time and no windows.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .instance import Instance

EPS = 1e-6
LUNCH = -1
"""Pseudo-vertex used in `schedule` output for the lunch break."""

Stop = tuple[int, float, float, float]
_MEMO_SIZE = 200_000


class TripTimer:
    """Fast, list-based trip evaluation shared by the search and the exact solver.

    Numpy scalar indexing costs ~100 ns per access, which dominates tiny tours; plain Python
    lists are several times faster for the short loops here.
    """

    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        self.travel: list[list[float]] = instance.travel.tolist()
        self.service: list[float] = instance.service.tolist()
        days, n = instance.num_days, instance.num_vertices
        self.starts = [instance.day_start(d) for d in range(days)]
        self.limits = list(instance.day_limits)
        self.roads = [instance.travel_limit(d) for d in range(days)]
        self.latest: list[list[float]] | None = (
            None if instance.latest is None else instance.latest.tolist()
        )
        self.road: list[list[float]] = (
            self.travel if instance.road is None else instance.road.tolist()
        )
        self._roads = instance.travel_limits is not None
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

    def _run(self, day: int, tour: Sequence[int], begin: int, t: float) -> float | None:
        """Leave time at ``tour[-2]`` starting from leaving ``tour[begin]`` at `t`."""
        travel, service = self.travel, self.service
        opens, closes, latest = self.opens, self.closes, self.latest
        cur = tour[begin]
        for i in range(begin + 1, len(tour) - 1):
            v = tour[i]
            if latest is not None and t > latest[cur][v] + EPS:
                return None
            t += travel[cur][v]
            if opens is not None and closes is not None:
                if t < opens[day][v]:
                    t = opens[day][v]
                if t > closes[day][v] + EPS:
                    return None
            t += service[v]
            cur = v
        return t

    def end(self, day: int, tour: Sequence[int]) -> float | None:
        """Arrival time at the end hotel, or ``None`` when the trip is infeasible.

        Results of non-trivial trips are memoised: the search re-times the same trips (those of
        unchanged days) over and over.
        """
        if len(tour) - 2 > self.cap:
            return None
        if self.simple:
            return self._end(day, tour)
        key = (day, *tour)
        memo = self._memo
        if key in memo:
            return memo[key]
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        value = memo[key] = self._end(day, tour)
        return value

    def _end(self, day: int, tour: Sequence[int]) -> float | None:
        if self._roads:
            times = self.road
            if sum(times[a][b] for a, b in pairwise(tour)) > self.roads[day] + EPS:
                return None
        t0 = self.starts[day]
        limit = t0 + self.limits[day] + EPS
        if self.simple:
            travel, service = self.travel, self.service
            t = t0
            prev = tour[0]
            for v in tour[1:-1]:
                t += travel[prev][v] + service[v]
                prev = v
            t += travel[prev][tour[-1]]
            return t if t <= limit else None
        leave = self._run(day, tour, 0, t0)
        if leave is None or leave > self._last(tour) + EPS:
            return None
        arrive = leave + self.travel[tour[-2]][tour[-1]]
        if arrive > limit:
            return None
        if self.lunch is None or t0 > self.lunch[1] or arrive <= self.lunch[0]:
            return arrive
        if self.meal and self.ate_inside(day, tour):
            return arrive
        best = self._with_lunch(day, tour)
        return None if best is None or best[0] > limit else best[0]

    def _last(self, tour: Sequence[int]) -> float:
        """Latest start of the trip's last journey (``inf`` without `Instance.latest`)."""
        return float("inf") if self.latest is None else self.latest[tour[-2]][tour[-1]]

    def ate_inside(self, day: int, tour: Sequence[int]) -> bool:
        """Whether the lunch-free schedule has a `meal_inside` visit covering the break."""
        assert self.lunch is not None
        l0, l1, ld = self.lunch
        t = self.starts[day]
        for i in range(1, len(tour) - 1):
            v = tour[i]
            t += self.travel[tour[i - 1]][v]
            if self.opens is not None:
                t = max(t, self.opens[day][v])
            leave = t + self.service[v]
            if v in self.meal and t <= l1 + EPS and leave >= l0 + ld - EPS:
                return True
            t = leave
        return False

    def _with_lunch(self, day: int, tour: Sequence[int]) -> tuple[float, int, float] | None:
        """Best ``(arrival, stop index, lunch start)`` when a break is required."""
        assert self.lunch is not None
        l0, l1, ld = self.lunch
        travel, service = self.travel, self.service
        opens, closes = self.opens, self.closes
        best: tuple[float, int, float] | None = None
        t = self.starts[day]
        for k in range(len(tour) - 1):
            if k > 0:  # advance the lunch-free prefix to leaving stop k
                v = tour[k]
                t += travel[tour[k - 1]][v]
                if opens is not None and closes is not None:
                    t = max(t, opens[day][v])
                t += service[v]
            lunch_start = max(t, l0)
            if lunch_start > l1 + EPS:
                break
            leave = self._run(day, tour, k, lunch_start + ld)
            if leave is None or leave > self._last(tour) + EPS:
                continue
            arrive = leave + travel[tour[-2]][tour[-1]]
            if best is None or arrive < best[0] - EPS:
                best = (arrive, k, lunch_start)
        return best

    def timeline(self, day: int, tour: Sequence[int]) -> list[Stop]:
        """Earliest-start ``(vertex, arrive, start, leave)`` rows, lunch as vertex `LUNCH`.

        Infeasible trips still get their (violating) lunch-free schedule so callers can show it.
        """
        lunch_at, lunch_start = -2, 0.0
        t0 = self.starts[day]
        if self.lunch is not None and t0 <= self.lunch[1]:
            leave = self._run(day, tour, 0, t0)
            late = leave is not None and leave + self.travel[tour[-2]][tour[-1]] > self.lunch[0]
            if late and not (self.meal and self.ate_inside(day, tour)):
                best = self._with_lunch(day, tour)
                if best is not None:
                    lunch_at, lunch_start = best[1], best[2]
        rows: list[Stop] = [(tour[0], t0, t0, t0)]
        t = t0
        if lunch_at == 0:
            rows.append((LUNCH, lunch_start, lunch_start, lunch_start + self.lunch_duration))
            t = lunch_start + self.lunch_duration
        for i in range(1, len(tour)):
            v = tour[i]
            arrive = t + self.travel[tour[i - 1]][v]
            if i == len(tour) - 1:
                rows.append((v, arrive, arrive, arrive))
                break
            start = arrive if self.opens is None else max(arrive, self.opens[day][v])
            t = start + self.service[v]
            rows.append((v, arrive, start, t))
            if i == lunch_at:
                rows.append((LUNCH, lunch_start, lunch_start, lunch_start + self.lunch_duration))
                t = lunch_start + self.lunch_duration
        return rows

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
        `LUNCH` (-1) with ``arrive == start``. The rows are computed even when the trip is
        infeasible (use `feasible` to find out).
    """
    if len(tour) < 2:
        raise ValueError("tour must contain at least the start and end hotel")
    return TripTimer(instance).timeline(day, list(tour))
