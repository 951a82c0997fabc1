"""`Model`: build an `Instance` through named hotels, places and days instead of indices."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from .instance import Instance

if TYPE_CHECKING:
    from collections.abc import Sequence

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Hotel:
    """Handle of a hotel added to a `Model` (a place to start or end a trip)."""

    role: str
    """``"start"``, ``"end"`` or ``"hotel"``."""
    number: int
    """Order among the model's extra hotels (0 for the start and end hotels)."""
    name: str = ""


@dataclass(frozen=True)
class Poi:
    """Handle of a place of interest added to a `Model`."""

    number: int
    """Order among the model's places."""
    name: str = ""


Vertex = Hotel | Poi


class Model:
    """Builder of an `Instance`: add hotels, places and days, set travel between handles.

    The instance numbers its vertices start hotel, end hotel, extra hotels, then places, each
    group in the order added (`index` tells a handle's number). Every journey's travel time
    must be set, either one at a time (`set_travel`) or as a matrix over a list of handles
    (`set_travel_matrix`); later settings win.

    Times are in one unit throughout (minutes for real requests).
    """

    def __init__(self) -> None:
        self._start: Hotel | None = None
        self._end: Hotel | None = None
        self._hotels: list[Hotel] = []
        self._pois: list[Poi] = []
        self._profits: list[float] = []
        self._service: list[float] = []
        self._mandatory: list[Poi] = []
        self._meal: list[Poi] = []
        self._groups: dict[Vertex, int] = {}
        self._days: list[tuple[float, float | None, float | None]] = []
        self._windows: dict[tuple[Poi, int], tuple[float, float]] = {}
        self._travel: list[tuple[list[Vertex], FloatArray, FloatArray | None, FloatArray | None]]
        self._travel = []
        self._locked: dict[int, list[Vertex]] = {}
        self._lunch: tuple[float, float, float] | None = None
        self.max_visits_per_day: int | None = None
        """Optional cap on visits per trip (`Instance.max_visits_per_day`)."""
        self.travel_weight = 0.0
        """Objective points lost per unit of travel (`Instance.travel_weight`)."""
        self.hotel_change_weight = 0.0
        """Objective points lost per change of hotel (`Instance.hotel_change_weight`)."""
        self.road_slack = 0.0
        """Room a day of travel keeps under its travel limit (`Instance.road_slack`)."""
        self.reentry_weight = 0.0
        """Objective points lost per re-entry of a group (`Instance.reentry_weight`)."""

    def add_start_hotel(self, *, name: str = "start", group: int | None = None) -> Hotel:
        """Add the hotel the first trip starts from (exactly one)."""
        if self._start is not None:
            raise ValueError("the model already has a start hotel")
        self._start = Hotel("start", 0, name)
        self._group(self._start, group)
        return self._start

    def add_end_hotel(self, *, name: str = "end", group: int | None = None) -> Hotel:
        """Add the hotel the last trip ends at (exactly one; a separate vertex even when it is
        the same place as the start hotel)."""
        if self._end is not None:
            raise ValueError("the model already has an end hotel")
        self._end = Hotel("end", 0, name)
        self._group(self._end, group)
        return self._end

    def add_hotel(self, *, name: str = "", group: int | None = None) -> Hotel:
        """Add a hotel where a trip may end and the next start."""
        hotel = Hotel("hotel", len(self._hotels), name)
        self._hotels.append(hotel)
        self._group(hotel, group)
        return hotel

    def add_poi(
        self,
        profit: float,
        service: float = 0.0,
        *,
        name: str = "",
        mandatory: bool = False,
        meal_inside: bool = False,
        group: int | None = None,
    ) -> Poi:
        """Add a place of interest.

        Parameters
        ----------
        profit
            Score of a visit (at least 0).
        service
            Length of a visit.
        name
            A label for the handle.
        mandatory
            Whether every itinerary must visit it.
        meal_inside
            Whether a visit can serve as the lunch break (`Instance.meal_inside`).
        group
            Its group for the re-entry rule (`Instance.groups`; ``-1``: none).

        Raises
        ------
        ValueError
            When `profit` or `service` is negative or not finite.
        """
        if not (math.isfinite(profit) and profit >= 0):
            raise ValueError("profit must be a finite value >= 0")
        if not (math.isfinite(service) and service >= 0):
            raise ValueError("service must be a finite value >= 0")
        poi = Poi(len(self._pois), name)
        self._pois.append(poi)
        self._profits.append(float(profit))
        self._service.append(float(service))
        if mandatory:
            self._mandatory.append(poi)
        if meal_inside:
            self._meal.append(poi)
        self._group(poi, group)
        return poi

    def add_day(
        self, limit: float, *, start: float | None = None, travel_limit: float | None = None
    ) -> int:
        """Add the next trip: its longest length, start time (default 0) and optional cap on
        travel; returns its index."""
        self._days.append((float(limit), start, travel_limit))
        return len(self._days) - 1

    def set_window(self, poi: Poi, day: int, open_: float, close: float) -> None:
        """Let a visit to `poi` on trip `day` start between `open_` and `close` (``open_ >
        close`` closes it that day). Places without a window may start any time."""
        self._windows[(poi, day)] = (float(open_), float(close))

    def set_travel(
        self,
        frm: Vertex,
        to: Vertex,
        time: float,
        *,
        road: float | None = None,
        latest: float | None = None,
    ) -> None:
        """Set one journey: its travel time, the time counted against the trips' travel caps
        (`Instance.road`, default `time`) and its latest start (`Instance.latest`)."""
        one = np.array([[time]], dtype=np.float64)
        self._travel.append(
            (
                [frm, to],
                one,
                None if road is None else np.array([[road]], dtype=np.float64),
                None if latest is None else np.array([[latest]], dtype=np.float64),
            )
        )

    def set_travel_matrix(
        self,
        vertices: Sequence[Vertex],
        travel: npt.ArrayLike,
        *,
        road: npt.ArrayLike | None = None,
        latest: npt.ArrayLike | None = None,
    ) -> None:
        """Set the journeys between `vertices`: ``travel[i, j]`` from ``vertices[i]`` to
        ``vertices[j]`` (and likewise `road` and `latest`, see `set_travel`).

        Raises
        ------
        ValueError
            When a matrix is not square over `vertices`.
        """
        k = len(vertices)
        arrays: list[FloatArray | None] = []
        for name, value in (("travel", travel), ("road", road), ("latest", latest)):
            if value is None:
                arrays.append(None)
                continue
            array = np.array(value, dtype=np.float64)
            if array.shape != (k, k):
                raise ValueError(f"{name} must have shape ({k}, {k}), got {array.shape}")
            arrays.append(array)
        assert arrays[0] is not None
        self._travel.append((list(vertices), arrays[0], arrays[1], arrays[2]))

    def set_lunch(self, earliest: float, latest: float, duration: float) -> None:
        """Require a lunch break (`Instance.lunch`)."""
        self._lunch = (float(earliest), float(latest), float(duration))

    def lock(self, day: int, tour: Sequence[Vertex]) -> None:
        """Fix trip `day` to ``(hotel, places..., hotel)`` exactly."""
        self._locked[day] = list(tour)

    def vertices(self) -> list[Vertex]:
        """The handles in the order of the instance's vertices."""
        if self._start is None or self._end is None:
            raise ValueError("the model needs a start hotel and an end hotel")
        return [self._start, self._end, *self._hotels, *self._pois]

    def index(self, vertex: Vertex) -> int:
        """The instance's vertex number of `vertex`."""
        if isinstance(vertex, Poi):
            return 2 + len(self._hotels) + vertex.number
        return {"start": 0, "end": 1}.get(vertex.role, 2 + vertex.number)

    def build(self) -> Instance:
        """The `Instance` (validated by it).

        Raises
        ------
        ValueError
            When the start or end hotel, every day or a journey's travel time is missing, or
            the instance rejects the data.
        """
        order = self.vertices()
        if not self._days:
            raise ValueError("the model needs at least one day")
        n, days = len(order), len(self._days)
        nh = 2 + len(self._hotels)
        travel = np.full((n, n), np.nan)
        road = np.full((n, n), np.nan)
        latest = np.full((n, n), np.inf)
        roads = dated = False
        for handles, t, r, last in self._travel:
            idx = np.array([self.index(v) for v in handles])
            if len(handles) == 2 and t.shape == (1, 1):  # one journey
                rows, cols = idx[:1], idx[1:]
            else:
                rows, cols = idx, idx
            block = np.ix_(rows, cols)
            travel[block] = t
            road[block] = t if r is None else r
            roads |= r is not None
            if last is not None:
                latest[block] = last
                dated = True
        np.fill_diagonal(travel, np.where(np.isnan(np.diag(travel)), 0.0, np.diag(travel)))
        np.fill_diagonal(road, np.where(np.isnan(np.diag(road)), 0.0, np.diag(road)))
        if np.isnan(travel).any():
            i, j = np.argwhere(np.isnan(travel))[0]
            raise ValueError(f"travel from {order[i]} to {order[j]} is not set")
        profits = np.zeros(n)
        profits[nh:] = self._profits
        service = np.zeros(n)
        service[nh:] = self._service
        windows = None
        if self._windows:
            windows = np.zeros((days, n, 2))
            windows[:, :, 1] = np.inf
            for (poi, day), span in self._windows.items():
                if not 0 <= day < days:
                    raise ValueError(f"window of {poi} on day {day}: no such day")
                windows[day, self.index(poi)] = span
        limits = tuple(limit for limit, _, _ in self._days)
        starts = [start for _, start, _ in self._days]
        caps = [cap for _, _, cap in self._days]
        groups = None
        if self._groups:
            groups = tuple(self._groups.get(v, -1) for v in order)
        return Instance(
            profits=profits,
            service=service,
            travel=travel,
            hotels=tuple(range(nh)),
            start=0,
            end=1,
            day_limits=limits,
            day_starts=None if all(s is None for s in starts) else tuple(s or 0.0 for s in starts),
            travel_limits=None if all(c is None for c in caps) else tuple(_or_inf(c) for c in caps),
            road=road if roads else None,
            latest=latest if dated else None,
            windows=windows,
            mandatory=frozenset(self.index(v) for v in self._mandatory),
            locked={d: tuple(self.index(v) for v in t) for d, t in self._locked.items()},
            lunch=self._lunch,
            max_visits_per_day=self.max_visits_per_day,
            meal_inside=frozenset(self.index(v) for v in self._meal),
            travel_weight=self.travel_weight,
            road_slack=self.road_slack,
            hotel_change_weight=self.hotel_change_weight,
            groups=groups,
            reentry_weight=self.reentry_weight,
        )

    def _group(self, vertex: Vertex, group: int | None) -> None:
        if group is not None:
            self._groups[vertex] = int(group)


def _or_inf(cap: float | None) -> float:
    return math.inf if cap is None else cap
