"""The immutable `Instance` describing one trip-planning (OPHS + time windows) problem."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np
import numpy.typing as npt

from ._kernels.common import EPS

FloatArray = npt.NDArray[np.float64]


def _frozen(array: FloatArray) -> FloatArray:
    array.setflags(write=False)
    return array


@dataclass(frozen=True, eq=False)
class Instance:
    """One Orienteering Problem with Hotel Selection, time windows and day structure.

    All times are in one unit (minutes for real requests, plain units for OPHS benchmarks).

    Parameters
    ----------
    profits
        Shape ``(n,)``; the score of visiting each vertex (hotels must have 0).
    service
        Shape ``(n,)``; visit durations. Hotels' service times are ignored.
    travel
        Shape ``(n, n)``; travel times, neither symmetric nor metric necessarily.
    hotels
        Vertices that may start or end a trip (includes `start` and `end`).
    start, end
        The first trip's start hotel and the last trip's end hotel.
    day_limits
        One per trip: maximum trip length (travel + service + waiting + lunch).
    day_starts
        Absolute start time of each trip; ``None`` means 0 for all trips.
    travel_limits
        Optional, one per trip: the most travel time the trip may hold, apart from its total
        length (a day of sights should not become a day in a vehicle); ``None``: no such cap.
    road
        Optional shape ``(n, n)``: the journey times counted against `travel_limits`, when
        `travel` holds more than the time in vehicles (e.g. a penalty that makes the search
        reach a last service earlier); ``None``: `travel` itself.
    road_slack
        A journey within a trip's `travel_limits` but longer than the limit less this counts
        as the limit less this on that trip, so that a day of travel keeps room for a stop on
        its way whatever its limit (0: every journey counts in full).
    latest
        Optional shape ``(n, n)``: the latest time a journey from u to v may start (its last
        service must still be caught; ``inf``: any time), in the same clock as `day_starts`.
    windows
        Shape ``(D, n, 2)``: per trip and vertex ``[open, close]`` for the *start* of a visit.
        ``open > close`` marks a vertex as unavailable that day. Hotels' windows are ignored.
    mandatory
        Non-hotel vertices that must be visited.
    locked
        Trip index -> fixed tour ``(hotel, v1, ..., hotel)`` kept exactly as is.
    lunch
        ``(earliest start, latest start, duration)`` of the lunch break, see
        `qianxing.solve.timing` for the exact rule.
    max_visits_per_day
        Optional cap on non-hotel visits per trip.
    meal_inside
        Vertices where lunch can be eaten during the visit (a scenic area with restaurants):
        a visit there that starts by the lunch window's latest start and lasts past its
        earliest start plus the break's duration serves as the lunch break.
    travel_weight
        Objective weight of travel: the solvers maximise ``score - travel_weight * total
        travel time`` (travel in the instance's time unit, e.g. 0.01 per minute). The default 0
        keeps the plain OPHS objective; a small weight makes the solvers prefer, among
        itineraries of equal score, the one with less travel (no zig-zag days).
    hotel_change_weight
        Objective points lost each time a trip ends at a hotel other than the one it started
        from, apart from the first and last trip (moving on every night tires a traveller;
        two nights in one base are worth a little score).
    groups, reentry_weight
        Optional group of each vertex (``-1``: none, e.g. a hub passed through freely) and
        the objective points lost per re-entry: a group visited again after the itinerary
        had left it for another (backtracking across a region). A group that both starts and
        ends the itinerary may be entered twice.
    evenings, evening_weight
        Optional hotels for some vertices (vertex -> hotels) and the objective points a
        visit to such a vertex earns when the night after its trip, or the night before,
        is spent at one of its hotels: a place whose value is its evening is worth more with
        a bed there. Only nights between trips count (not the start or the end).
    """

    profits: FloatArray
    service: FloatArray
    travel: FloatArray
    hotels: tuple[int, ...]
    start: int
    end: int
    day_limits: tuple[float, ...]
    day_starts: tuple[float, ...] | None = None
    travel_limits: tuple[float, ...] | None = None
    road: FloatArray | None = None
    road_slack: float = 0.0
    latest: FloatArray | None = None
    windows: FloatArray | None = None
    mandatory: frozenset[int] = field(default_factory=frozenset)
    locked: dict[int, tuple[int, ...]] = field(default_factory=dict)
    lunch: tuple[float, float, float] | None = None
    max_visits_per_day: int | None = None
    meal_inside: frozenset[int] = field(default_factory=frozenset)
    travel_weight: float = 0.0
    hotel_change_weight: float = 0.0
    groups: tuple[int, ...] | None = None
    reentry_weight: float = 0.0
    evenings: Mapping[int, frozenset[int]] = field(default_factory=dict)
    evening_weight: float = 0.0

    def __post_init__(self) -> None:
        """Coerce arrays to read-only float arrays and reject inconsistent input early."""
        profits = _as_float(self.profits, "profits", 1)
        n = profits.shape[0]
        if n < 1:
            raise ValueError("profits must not be empty")
        service = _as_float(self.service, "service", 1)
        if service.shape != (n,):
            raise ValueError(f"service must have shape ({n},), got {service.shape}")
        if (service < 0).any():
            raise ValueError("service must be non-negative")
        travel = _as_float(self.travel, "travel", 2)
        if travel.shape != (n, n):
            raise ValueError(f"travel must have shape ({n}, {n}), got {travel.shape}")
        if (travel < 0).any():
            raise ValueError("travel must be non-negative")
        object.__setattr__(self, "profits", _frozen(profits))
        object.__setattr__(self, "service", _frozen(service))
        object.__setattr__(self, "travel", _frozen(travel))
        if self.road is not None:
            road = _as_float(self.road, "road", 2)
            if road.shape != (n, n) or (road < 0).any():
                raise ValueError(f"road must have shape ({n}, {n}) and no negative time")
            object.__setattr__(self, "road", _frozen(road))
        if self.latest is not None:
            latest = np.array(self.latest, dtype=np.float64)
            if latest.shape != (n, n) or np.isnan(latest).any():
                raise ValueError(f"latest must have shape ({n}, {n}) and no NaN")
            object.__setattr__(self, "latest", _frozen(latest))

        hotels = tuple(int(h) for h in self.hotels)
        if not hotels or len(set(hotels)) != len(hotels):
            raise ValueError("hotels must be a non-empty tuple of distinct vertices")
        if any(not 0 <= h < n for h in hotels):
            raise ValueError("hotels must be vertex indices in [0, n)")
        object.__setattr__(self, "hotels", hotels)
        if self.start not in hotels:
            raise ValueError(f"start {self.start} is not a hotel")
        if self.end not in hotels:
            raise ValueError(f"end {self.end} is not a hotel")
        if any(profits[h] != 0 for h in hotels):
            raise ValueError("profits of hotels must be 0")

        limits = tuple(float(x) for x in self.day_limits)
        if not limits or any(not math.isfinite(x) or x < 0 for x in limits):
            raise ValueError("day_limits must be a non-empty tuple of finite values >= 0")
        object.__setattr__(self, "day_limits", limits)
        days = len(limits)
        if self.day_starts is not None:
            starts = tuple(float(x) for x in self.day_starts)
            if len(starts) != days or any(not math.isfinite(x) for x in starts):
                raise ValueError(f"day_starts must hold {days} finite values")
            object.__setattr__(self, "day_starts", starts)
        if self.travel_limits is not None:
            caps = tuple(float(x) for x in self.travel_limits)
            if len(caps) != days or any(math.isnan(x) or x < 0 for x in caps):
                raise ValueError(f"travel_limits must hold {days} values >= 0")
            object.__setattr__(self, "travel_limits", caps)
        if self.windows is not None:
            windows = np.array(self.windows, dtype=np.float64)
            if windows.shape != (days, n, 2):
                raise ValueError(f"windows must have shape ({days}, {n}, 2), got {windows.shape}")
            if np.isnan(windows).any():
                raise ValueError("windows must not contain NaN")
            object.__setattr__(self, "windows", _frozen(windows))

        hotel_set = set(hotels)
        mandatory = frozenset(int(v) for v in self.mandatory)
        if any(not 0 <= v < n or v in hotel_set for v in mandatory):
            raise ValueError("mandatory must hold non-hotel vertex indices")
        object.__setattr__(self, "mandatory", mandatory)
        self._check_locked(n, days, hotel_set)
        if self.lunch is not None:
            lunch = tuple(float(x) for x in self.lunch)
            if len(lunch) != 3 or lunch[0] > lunch[1] or lunch[2] < 0:
                raise ValueError("lunch must be (earliest, latest, duration), earliest <= latest")
            object.__setattr__(self, "lunch", lunch)
        meal = frozenset(int(v) for v in self.meal_inside)
        if any(not 0 <= v < n for v in meal):
            raise ValueError("meal_inside must hold vertex indices in [0, n)")
        object.__setattr__(self, "meal_inside", meal)
        weight = float(self.travel_weight)
        if not math.isfinite(weight) or weight < 0:
            raise ValueError("travel_weight must be a finite value >= 0")
        object.__setattr__(self, "travel_weight", weight)
        evenings = {int(v): frozenset(int(h) for h in hs) for v, hs in self.evenings.items()}
        hotel_ids = set(self.hotels)
        for v, hs in evenings.items():
            if not 0 <= v < n or v in hotel_ids or not hs <= hotel_ids:
                raise ValueError("evenings must map non-hotel vertices to sets of hotels")
        object.__setattr__(self, "evenings", evenings)
        for name in ("hotel_change_weight", "reentry_weight", "evening_weight", "road_slack"):
            w = float(getattr(self, name))
            if not math.isfinite(w) or w < 0:
                raise ValueError(f"{name} must be a finite value >= 0")
            object.__setattr__(self, name, w)
        if self.groups is not None:
            groups = tuple(int(g) for g in self.groups)
            if len(groups) != n:
                raise ValueError(f"groups must hold {n} values")
            object.__setattr__(self, "groups", groups)
        if self.max_visits_per_day is not None and self.max_visits_per_day < 0:
            raise ValueError("max_visits_per_day must be >= 0")

    def _check_locked(self, n: int, days: int, hotel_set: set[int]) -> None:
        locked: dict[int, tuple[int, ...]] = {}
        seen: set[int] = set()
        for day, tour in self.locked.items():
            tour = tuple(int(v) for v in tour)
            if not 0 <= day < days:
                raise ValueError(f"locked trip index {day} is not in [0, {days})")
            if len(tour) < 2 or tour[0] not in hotel_set or tour[-1] not in hotel_set:
                raise ValueError(f"locked trip {day} must start and end at a hotel")
            inner = tour[1:-1]
            if any(not 0 <= v < n or v in hotel_set for v in inner):
                raise ValueError(f"locked trip {day} visits a hotel or an unknown vertex")
            if seen.intersection(inner) or len(set(inner)) != len(inner):
                raise ValueError(f"locked trip {day} repeats a vertex")
            seen.update(inner)
            locked[day] = tour
        if 0 in locked and locked[0][0] != self.start:
            raise ValueError("locked trip 0 must start at start")
        if days - 1 in locked and locked[days - 1][-1] != self.end:
            raise ValueError("the last locked trip must end at end")
        for day, tour in locked.items():
            if day + 1 in locked and locked[day + 1][0] != tour[-1]:
                raise ValueError(f"locked trips {day} and {day + 1} do not chain")
        object.__setattr__(self, "locked", locked)

    @property
    def num_vertices(self) -> int:
        """Number of vertices ``n`` (hotels included)."""
        return int(self.profits.shape[0])

    @property
    def num_days(self) -> int:
        """Number of trips ``D``."""
        return len(self.day_limits)

    def shape_penalty(self, tours: Sequence[Sequence[int]]) -> float:
        """Objective points the itinerary's shape costs: hotel changes and re-entries."""
        penalty = 0.0
        if self.hotel_change_weight:
            penalty += self.hotel_change_weight * hotel_changes(tours)
        if self.reentry_weight and self.groups is not None:
            penalty += self.reentry_weight * reentries(self.groups, tours)
        if self.evening_weight and self.evenings:
            penalty -= self.evening_weight * self.evenings_kept(tours)
        return penalty

    def evenings_kept(self, tours: Sequence[Sequence[int]]) -> int:
        """Visits to a vertex of `evenings` with a night at one of its hotels, the night
        after its trip or the night before (`evening_nights` of the tours)."""
        if not tours:
            return 0
        hotels = [t[0] for t in tours] + [tours[-1][-1]]
        return evening_nights(self.evenings, hotels, [t[1:-1] for t in tours])

    def shape_penalty_of(self, hotels: Sequence[int], routes: Sequence[Sequence[int]]) -> float:
        """`shape_penalty` of the tours ``(hotels[d], *routes[d], hotels[d + 1])``, without
        building them: the search asks for it for every candidate it compares."""
        penalty = 0.0
        if self.hotel_change_weight:
            nights = hotels[1:-1]
            penalty += self.hotel_change_weight * sum(
                1 for a, b in pairwise(nights) if a != b
            )
        if self.reentry_weight and self.groups is not None:
            walk = [hotels[0]]
            for d, route in enumerate(routes):
                walk += route
                walk.append(hotels[d + 1])
            penalty += self.reentry_weight * _reentries_along(self.groups, walk)
        if self.evening_weight and self.evenings:
            penalty -= self.evening_weight * evening_nights(self.evenings, hotels, routes)
        return penalty

    def day_start(self, day: int) -> float:
        """Absolute start time of trip `day` (0 when `day_starts` is ``None``)."""
        return 0.0 if self.day_starts is None else self.day_starts[day]

    @property
    def is_simple(self) -> bool:
        """Whether trip length is just travel + service (no windows, no lunch)."""
        return (
            self.windows is None
            and self.lunch is None
            and self.travel_limits is None
            and self.latest is None
        )

    def travel_limit(self, day: int) -> float:
        """Most travel time trip `day` may hold (``inf`` when `travel_limits` is ``None``)."""
        return math.inf if self.travel_limits is None else self.travel_limits[day]

    @property
    def road_times(self) -> FloatArray:
        """The journey times counted against `travel_limits` (`road`, else `travel`)."""
        return self.travel if self.road is None else self.road

    def road_counted(self, day: int, a: int, b: int) -> float:
        """The minutes trip `day` counts against its limit for the journey from `a` to `b`
        (`road_times`, with `road_slack`; the kernels' `trip_end` counts the same)."""
        minutes = float(self.road_times[a, b])
        cap = self.travel_limit(day)
        floor = cap - self.road_slack
        return floor if self.road_slack > 0 and floor < minutes <= cap + EPS else minutes

    def road_of(self, day: int, tour: Sequence[int]) -> float:
        """A tour's minutes on the road as trip `day`'s limit counts them."""
        return sum(self.road_counted(day, a, b) for a, b in pairwise(tour))


def hotel_changes(tours: Sequence[Sequence[int]]) -> int:
    """Nights spent in a hotel other than the night before (the first night is no change)."""
    nights = [t[-1] for t in tours[:-1]]
    return sum(1 for a, b in pairwise(nights) if a != b)


def reentries(groups: Sequence[int], tours: Sequence[Sequence[int]]) -> int:
    """Runs of a group beyond its first along the itinerary (``-1`` vertices split runs but
    are never counted); a group that both starts and ends the itinerary has one run free."""
    if not tours:
        return 0
    walk = [tours[0][0]]
    for t in tours:
        walk.extend(t[1:])
    return _reentries_along(groups, walk)


def _reentries_along(groups: Sequence[int], walk: Sequence[int]) -> int:
    """`reentries` of the vertices in visiting order (each trip's start left out but the
    first's). One pass: the search calls this for every candidate it compares."""
    seen: set[int] = set()
    first = last = groups[walk[0]]
    runs = 1
    count = 0
    if last != -1:
        seen.add(last)
    for v in walk[1:]:
        g = groups[v]
        if g == last:
            continue
        last = g
        runs += 1
        if g == -1:
            continue
        if g in seen:
            count += 1
        else:
            seen.add(g)
    if runs > 1 and first == last != -1:
        count -= 1
    return count


def _as_float(value: object, name: str, ndim: int) -> FloatArray:
    try:
        array = np.array(value, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be numeric") from exc
    if array.ndim != ndim:
        raise ValueError(f"{name} must be {ndim}-dimensional, got {array.ndim}")
    if not np.isfinite(array).all():
        raise ValueError(f"{name} must be finite")
    return array


def evening_nights(
    evenings: Mapping[int, frozenset[int]],
    hotels: Sequence[int],
    routes: Sequence[Sequence[int]],
) -> int:
    """Visits to a vertex of ``evenings`` whose trip's night after, or night before, is at
    one of its hotels (`Instance.evenings`); ``hotels[d]`` and ``hotels[d + 1]`` bound trip
    ``d``, and only ``hotels[1:-1]`` are nights."""
    last = len(hotels) - 1
    count = 0
    for d, route in enumerate(routes):
        beds = [hotels[k] for k in (d, d + 1) if 0 < k < last]
        count += sum(1 for v in route if v in evenings and any(b in evenings[v] for b in beds))
    return count
