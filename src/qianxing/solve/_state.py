"""Mutable search state shared by the heuristic's operators (private)."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import numpy as np
import numpy.typing as npt

from ._kernels import Tables
from .instance import Instance
from .timing import TripTimer

BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.intp]
Int64Array = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
MandatoryOptions = tuple[BoolArray, IntArray, IntArray, IntArray]
"""One day's trips covering mandatory vertices: which ``(h, e)`` pairs of its allowed hotels
(start-major) can be a trip at all; then per schedulable subset the pair's index, the covered
mask (bits in the order of the mandatory vertices) and the best visit order (-1 padded)."""
MandatoryTrips = dict[int, MandatoryOptions]
"""Per first day of a kind of day (`hotels.day_kinds`): its `MandatoryOptions`."""
Fill = tuple[int, float, list[tuple[int, float]], int]
"""A trip's greedy fill: its vertices as a bit set, their total weight, (vertex, weight) pairs,
and the fill's index (for drawing noise)."""
Fills = dict[tuple[int, int, int], Fill]
Estimates = dict[tuple[int, int, int], float]
"""Estimated profit per trip ``(day, start hotel, end hotel)`` (`hotels.estimates`)."""
Figures = tuple[tuple[float, ...], tuple[float, ...], tuple[float, ...], tuple[float, ...]]
"""Every trip's ``ends``, ``pure``, ``trav`` and ``prof`` (`State.figures`)."""
INFEASIBLE = float("inf")
"""The end time `State.refresh` gives an infeasible trip."""
MEMO_SIZE = 50_000
"""Entries per local-search memo before it is cleared (bounds memory on long runs)."""


class Context:
    """Per-solve constant data: instance tables, availability masks and locked structure."""

    def __init__(self, instance: Instance, like: Context | None = None) -> None:
        self.instance = instance
        # `like`: a context of an instance that differs from this one in its must-sees
        # alone, whose trip timer, bridge visits and setup (`heuristic._setup`) hold here
        # too. Only those are kept, not `like` itself: contexts made from one another would
        # keep each other, and their memos, alive.
        self.timer: TripTimer = TripTimer(instance) if like is None else like.timer
        self.n = instance.num_vertices
        self.days = instance.num_days
        self.travel = instance.travel
        self.service = instance.service
        self.profits = instance.profits
        self.symmetric = bool(np.allclose(instance.travel, instance.travel.T))
        hotel_mask = np.zeros(self.n, dtype=bool)
        hotel_mask[list(instance.hotels)] = True
        self.customer = ~hotel_mask
        locked_vertices = [v for tour in instance.locked.values() for v in tour[1:-1]]
        self.free = self.customer.copy()
        self.free[locked_vertices] = False
        # per-day availability: free, window not empty
        avail = np.repeat(self.free[None, :], self.days, axis=0)
        if instance.windows is not None:
            avail &= instance.windows[:, :, 0] <= instance.windows[:, :, 1]
        self.available: BoolArray = avail
        self.mandatory = np.zeros(self.n, dtype=bool)
        self.mandatory[list(instance.mandatory)] = True
        self.open_days = [d for d in range(self.days) if d not in instance.locked]
        # Search priority: mandatory vertices dwarf any real profit.
        self.weight = self.profits + self.mandatory * (self.profits.sum() + 1.0) * 10.0
        self.tw = instance.travel_weight
        self.shaped = bool(
            instance.hotel_change_weight
            or (instance.reentry_weight and instance.groups is not None)
            or (instance.evening_weight and instance.evenings)
        )
        """Whether the objective counts the itinerary's shape (`Instance.shape_penalty`)."""
        self.plist: list[float] = self.profits.tolist()
        self.wlist: list[float] = self.weight.tolist()
        self.must: list[bool] = self.mandatory.tolist()
        self.hotel_set = frozenset(instance.hotels)
        self.avail: list[list[bool]] = self.available.tolist()
        self.avail_idx: list[IntArray] = [np.flatnonzero(row) for row in self.available]
        # (day, h, e) -> single visits making an otherwise infeasible empty trip feasible
        self.bridges: dict[tuple[int, int, int], list[int]] = {} if like is None else like.bridges
        # Local-search results that depend on one trip (or two adjacent trips) only. After a
        # perturbation most trips are unchanged, so re-running the moves on them is wasted.
        self.shortened: dict[tuple[int, ...], tuple[int, ...] | None] = {}
        self.rehoteled: dict[tuple[int, ...], int] = {}
        # (day, *tour) -> the trip's `State.trip_state` figures (`State.refresh`): the search
        # re-times the same few trips of unchanged days after almost every move
        self.trips: dict[tuple[int, ...], tuple[float, float, float, float]] = {}
        # (between trips?, *snapshot) -> snapshot after the local search (`heuristic`)
        self.searched: dict[tuple[bool | int, ...], tuple[tuple[int, ...], Figures]] = {}
        # itineraries (`State.snapshot`) on which insertion and replacement both found nothing:
        # they are functions of the itinerary, and the search with moves between trips starts
        # from where the one without them ended (`heuristic._search`)
        self.settled: set[tuple[int, ...]] = set()
        # (day, its start hotels, its end hotels) -> which pairs make a trip (`construct`)
        self.trip_pairs: dict[tuple[int, tuple[int, ...], tuple[int, ...]], BoolArray] = {}
        # mandatory vertices -> kind of day -> trips covering them (`construct`)
        self.mandatory_trips: dict[tuple[int, ...], MandatoryTrips] = {}
        # day -> first day alike (`hotels.day_kinds`)
        self.day_kinds: list[int] | None = None
        # (mandatory..., -1, kind) -> (the estimates they were made for, the DP's options)
        self.layer_options: dict[tuple[int, ...], tuple[Estimates, Any]] = {}
        self.use_bridges = False
        # the alike context's estimates, hotel values and whether they used bridge visits
        self.like_setup: tuple[Estimates, list[dict[int, float]], bool] | None = (
            None
            if like is None or like.setup is None
            else (like.setup[1], like.setup[2], like.use_bridges)
        )
        self.tables = Tables(self.timer, self.weight, self.tw, self.available, self.mandatory)
        # (the estimates they were made for, trip fills) of the claim-aware DP (`coverage`)
        self.coverage_fills: tuple[Estimates, Fills] | None = None
        # (the top-valued places a plan misses as a bit set, beam) -> the quick solution on the
        # claim-aware sequence that reaches them (`heuristic._reach_start`), None if none
        self.reach: dict[tuple[int, int], tuple[tuple[int, ...], Figures] | None] = {}
        # (allowed hotels, estimates, hotel values) of the first solve (`heuristic.solve`),
        # functions of the instance alone; a solve only reads them
        self.setup: tuple[list[list[int]], Estimates, list[dict[int, float]]] | None = None


class State:
    """An itinerary under construction: a hotel sequence plus one visit list per trip."""

    __slots__ = ("ctx", "ends", "hotels", "prof", "pure", "routes", "trav", "used")

    def __init__(self, ctx: Context, hotels: list[int]) -> None:
        self.ctx = ctx
        self.hotels = hotels
        inst = ctx.instance
        self.routes: list[list[int]] = [
            list(inst.locked[d][1:-1]) if d in inst.locked else [] for d in range(ctx.days)
        ]
        self.used: BoolArray = ~ctx.free
        self.ends: list[float] = [0.0] * ctx.days
        self.pure: list[float] = [0.0] * ctx.days
        self.trav: list[float] = [0.0] * ctx.days
        self.prof: list[float] = [0.0] * ctx.days
        for d in range(ctx.days):
            self.refresh(d)

    def copy(self) -> State:
        """Deep-enough copy for keeping the best state."""
        other = State.__new__(State)
        other.ctx = self.ctx
        other.hotels = list(self.hotels)
        other.routes = [list(r) for r in self.routes]
        other.used = self.used.copy()
        other.ends = list(self.ends)
        other.pure = list(self.pure)
        other.trav = list(self.trav)
        other.prof = list(self.prof)
        return other

    def snapshot(self) -> tuple[int, ...]:
        """The itinerary as one hashable tuple: hotels, then each trip's visits after a -1."""
        out = list(self.hotels)
        for route in self.routes:
            out.append(-1)
            out.extend(route)
        return tuple(out)

    def figures(self) -> Figures:
        """Every trip's timing figures (`trip_state`), to `restore` with its `snapshot`."""
        return (tuple(self.ends), tuple(self.pure), tuple(self.trav), tuple(self.prof))

    def restore(self, snap: tuple[int, ...], figures: Figures | None = None) -> None:
        """Become the itinerary of `snap` (from `snapshot` of a state of the same context);
        with its `figures` taken at the same time, without timing its trips again."""
        days = self.ctx.days
        self.hotels = list(snap[: days + 1])
        routes: list[list[int]] = []
        visits: list[int] = []
        for v in snap[days + 1 :]:
            if v < 0:
                routes.append([])
            else:
                routes[-1].append(v)
                visits.append(v)
        self.routes = routes
        self.used = ~self.ctx.free
        self.used[visits] = True  # one indexing, not one per trip
        if figures is not None:
            ends, pure, trav, prof = figures
            self.ends, self.pure, self.trav, self.prof = (
                list(ends), list(pure), list(trav), list(prof)
            )
            return
        for d in range(days):
            self.refresh(d)

    def tour(self, d: int) -> list[int]:
        """``(hotel, visits..., hotel)`` of trip `d`."""
        return [self.hotels[d], *self.routes[d], self.hotels[d + 1]]

    def refresh(self, d: int) -> bool:
        """Recompute trip `d`'s timing; returns feasibility (infinite end when infeasible)."""
        ctx = self.ctx
        key = (d, self.hotels[d], *self.routes[d], self.hotels[d + 1])
        found = ctx.trips.get(key)
        if found is None:
            if len(ctx.trips) >= MEMO_SIZE:
                ctx.trips.clear()
            found = ctx.trips[key] = self._time(d, list(key[1:]))
        self.ends[d], self.pure[d], self.trav[d], self.prof[d] = found
        return found[0] != INFEASIBLE

    def _time(self, d: int, tour: list[int]) -> tuple[float, float, float, float]:
        """Trip `d`'s figures as `trip_state` orders them (`INFEASIBLE` end when infeasible)."""
        ctx = self.ctx
        end = ctx.timer.end(d, tour)
        t = ctx.timer.travel
        s = ctx.timer.service
        p = ctx.plist
        trav = 0.0
        for a, b in pairwise(tour):
            trav += t[a][b]
        serv = prof = 0.0
        for v in tour[1:-1]:
            serv += s[v]
            prof += p[v]
        return (INFEASIBLE if end is None else end, trav + serv, trav, prof)

    def trip_state(self, d: int) -> tuple[float, float, float, float]:
        """Trip `d`'s timing figures, to restore after a rejected trial move."""
        return (self.ends[d], self.pure[d], self.trav[d], self.prof[d])

    def set_trip_state(self, d: int, saved: tuple[float, float, float, float]) -> None:
        """Restore figures from `trip_state` (the caller restores the visits)."""
        self.ends[d], self.pure[d], self.trav[d], self.prof[d] = saved

    def slack(self, d: int) -> float:
        """Room left for added travel + service, ignoring waiting (an upper bound)."""
        return self.ctx.timer.limits[d] - self.pure[d]

    def score(self) -> float:
        """Sum of profits of all visited vertices."""
        return float(sum(self.prof))

    def travel(self) -> float:
        """Total travel time of all trips."""
        return float(sum(self.trav))

    def value(self) -> float:
        """The objective: score minus the instance's travel weight times total travel, minus
        what the itinerary's shape costs (`Instance.shape_penalty`)."""
        value = sum(self.prof)
        if self.ctx.tw:
            value -= self.ctx.tw * sum(self.trav)
        if self.ctx.shaped:
            value -= self.ctx.instance.shape_penalty_of(self.hotels, self.routes)
        return value

    def is_valid(self) -> bool:
        """Whether every trip is feasible (a trip can lose the visit that made it so)."""
        return INFEASIBLE not in self.ends

    def key(self, value: float | None = None) -> tuple[float, float]:
        """Comparison key: higher objective value, then less total time. `value`, when the
        caller has just computed it for this same itinerary, is not computed again."""
        starts = self.ctx.timer.starts
        total = 0.0
        for d, e in enumerate(self.ends):
            total += e - starts[d]
        return (round(self.value() if value is None else value, 6), -round(total, 6))

    def add(self, d: int, pos: int, v: int) -> None:
        """Insert `v` before index `pos` of trip `d`'s visit list (no feasibility check)."""
        self.routes[d].insert(pos, v)
        self.used[v] = True

    def trip_arrays(self, targets: list[int]) -> tuple[Int64Array, Int64Array]:
        """The visits of trips `targets` as the kernels' ``routes`` and ``lens`` arrays
        (`qianxing.solve._kernels`); other trips' rows are left empty."""
        routes = np.zeros((self.ctx.days, self.ctx.tables.width), dtype=np.int64)
        lens = np.zeros(self.ctx.days, dtype=np.int64)
        for d in targets:
            route = self.routes[d]
            if route:
                lens[d] = len(route)
                routes[d, : len(route)] = route
        return routes, lens

    def take_trips(self, routes: Int64Array, lens: Int64Array, changed: BoolArray) -> bool:
        """Copy back the trips a kernel changed (it updated `used` in place); whether any."""
        found = False
        for d, hit in enumerate(changed.tolist()):  # a short list: cheaper than flatnonzero
            if hit:
                self.routes[d] = routes[d, : lens[d]].tolist()
                self.refresh(d)
                found = True
        return found

    def remove(self, d: int, pos: int) -> int:
        """Remove and return the visit at `pos` of trip `d`."""
        v = self.routes[d].pop(pos)
        self.used[v] = False
        return v
