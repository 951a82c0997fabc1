"""The instance's timing data as arrays, in the order the kernels take them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from .common import BoolArray, FloatArray

if TYPE_CHECKING:
    from ..instance import Instance
    from ..timing import TripTimer


def timing_args(instance: Instance) -> tuple[Any, ...]:
    """The arguments of `trip_end` and `timeline` after ``(day, tour, m)``: travel, service,
    whether there are windows, opens, closes, day starts, day limits, travel caps (``inf``:
    none) over the floors `Instance.road_slack` makes (`_roads`), the journeys' road times
    stacked with their latest starts (when the instance has them), whether there is lunch,
    lunch, the `meal_inside` mask, whether there is one, the visit cap and whether timing is
    plain travel plus service."""
    inst = instance
    n, days = inst.num_vertices, inst.num_days
    if inst.windows is None:
        opens, closes = np.zeros((days, n)), np.zeros((days, n))
    else:
        opens = np.ascontiguousarray(inst.windows[:, :, 0], dtype=np.float64)
        closes = np.ascontiguousarray(inst.windows[:, :, 1], dtype=np.float64)
    layers = [inst.road_times] if inst.latest is None else [inst.road_times, inst.latest]
    meal = np.zeros(n, dtype=np.bool_)
    meal[list(inst.meal_inside)] = True
    return (
        np.ascontiguousarray(inst.travel, dtype=np.float64),
        np.ascontiguousarray(inst.service, dtype=np.float64),
        inst.windows is not None,
        opens,
        closes,
        np.array([inst.day_start(d) for d in range(days)], dtype=np.float64),
        np.array(inst.day_limits, dtype=np.float64),
        _roads(inst),
        np.ascontiguousarray(np.stack(layers), dtype=np.float64),
        inst.lunch is not None,
        np.asarray(inst.lunch if inst.lunch is not None else (0.0, 0.0, 0.0), dtype=np.float64),
        meal,
        bool(inst.meal_inside),
        int(inst.max_visits_per_day if inst.max_visits_per_day is not None else n),
        bool(inst.is_simple),
    )


def _roads(inst: Instance) -> FloatArray:
    """Per trip, its travel cap (row 0) and the minutes a journey within it but longer than
    the cap less `Instance.road_slack` counts as (row 1; ``inf``: no such floor)."""
    caps = np.array([inst.travel_limit(d) for d in range(inst.num_days)], dtype=np.float64)
    floors = caps - inst.road_slack if inst.road_slack > 0 else np.full_like(caps, np.inf)
    return np.ascontiguousarray(np.stack([caps, floors]), dtype=np.float64)


class Tables:
    """The instance's timing data as arrays, in the order the kernels take them."""

    def __init__(
        self,
        timer: TripTimer,
        weight: FloatArray,
        tw: float,
        available: BoolArray,
        mandatory: BoolArray,
    ) -> None:
        inst = timer.instance
        n, days = inst.num_vertices, inst.num_days
        (
            self.travel, self.service, self.windowed, self.opens, self.closes, self.starts,
            self.limits, self.roads, self.arcs, self.has_lunch, self.lunch, self.meal,
            self.has_meal, self.cap, self.simple,
        ) = timer.args
        self.weight = np.ascontiguousarray(weight, dtype=np.float64)
        self.tw = float(tw)
        self.available = np.ascontiguousarray(available, dtype=np.bool_)
        self.width = max(1, min(self.cap, n))
        """Room for the visits of one trip."""
        self.mandatory = mandatory
        self.ones = np.ones((days, n))
        """Priority factors without noise."""

    def timing(self) -> tuple[Any, ...]:
        """Arguments of `trip_end` after ``(day, tour, m)``."""
        return (
            self.travel, self.service, self.windowed, self.opens, self.closes, self.starts,
            self.limits, self.roads, self.arcs, self.has_lunch, self.lunch, self.meal,
            self.has_meal, self.cap,
            self.simple,
        )
