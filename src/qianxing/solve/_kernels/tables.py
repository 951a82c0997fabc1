"""The instance's timing data as arrays, in the order the kernels take them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from .common import BoolArray, FloatArray

if TYPE_CHECKING:
    from ..timing import TripTimer


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
        self.travel = np.ascontiguousarray(inst.travel, dtype=np.float64)
        self.service = np.ascontiguousarray(inst.service, dtype=np.float64)
        self.windowed = inst.windows is not None
        if inst.windows is None:
            self.opens = np.zeros((days, n))
            self.closes = np.zeros((days, n))
        else:
            self.opens = np.ascontiguousarray(inst.windows[:, :, 0], dtype=np.float64)
            self.closes = np.ascontiguousarray(inst.windows[:, :, 1], dtype=np.float64)
        self.starts = np.asarray(timer.starts, dtype=np.float64)
        self.limits = np.asarray(timer.limits, dtype=np.float64)
        self.roads = np.asarray(timer.roads, dtype=np.float64)
        """Per trip, the most travel time it may hold (inf: no cap)."""
        layers = [inst.road_times] if inst.latest is None else [inst.road_times, inst.latest]
        self.arcs = np.ascontiguousarray(np.stack(layers), dtype=np.float64)
        """Per journey: the time counted against the travel limits (`Instance.road`) and,
        when the instance has them, the latest start (`Instance.latest`)."""
        self.has_lunch = inst.lunch is not None
        self.lunch = np.asarray(inst.lunch if inst.lunch is not None else (0.0, 0.0, 0.0))
        self.meal = np.zeros(n, dtype=np.bool_)
        self.meal[list(inst.meal_inside)] = True
        self.has_meal = bool(inst.meal_inside)
        self.cap = int(timer.cap)
        self.simple = bool(timer.simple)
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
