"""Multimodal travel times and costs between any two places of a pack.

There is no offline road network for Guizhou, so driving uses a *road model* calibrated on the
pack's sourced road samples (``roads.yaml``): road km = factor × great-circle km, minutes =
overhead + km / speed, both fitted by least squares, with the calibration error reported.
Public transport is a shortest-path search over walk, taxi/ride-hail, the pack's scheduled
links (rail, bus, shuttle) and an estimated intercity bus, so every leg has concrete steps.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Literal

import numpy as np

from .data.atlas import Atlas, load_atlas
from .data.facts import resolve
from .geo import great_circle_km
from .model import Place

Mode = Literal["walk", "taxi", "car", "rail", "bus", "shuttle", "intercity-bus"]
WALK_KMH = 4.0
WALK_MAX_KM = 1.2
TAXI_MAX_ROAD_KM = 60.0
HIRED_CAR_MAX_KM = 150.0  # a car hired for one leg to a scenic area no bus serves
BOARD_MIN = {"rail": 30.0, "bus": 20.0, "shuttle": 10.0, "intercity-bus": 30.0}
DEFAULT_FACTOR, DEFAULT_SPEED, DEFAULT_OVERHEAD = 1.35, 55.0, 10.0
CNY_PER_MINUTE = 1.0  # value of time: a traveller pays up to ~60 CNY to save an hour
BUS_SLOWDOWN = 1.25  # estimate: intercity coaches vs. cars on the same road
BUS_CNY_PER_KM = (0.3, 0.45)  # estimate range, CNY per road km, for unscheduled intercity buses
SELF_DRIVE_CNY_PER_KM = (0.6, 1.0)  # estimate: fuel + expressway tolls per km
DEFAULT_TAXI = {"flag": 10.0, "flag_km": 3.0, "per_km": 2.0}


@dataclass(frozen=True)
class RoadModel:
    """Road distance and driving time from great-circle distance, with its calibration error."""

    factor: float
    speed_kmh: float
    overhead_min: float
    samples: int
    mape_km: float | None
    mape_minutes: float | None

    def km(self, a: Place, b: Place) -> float:
        return float(self.factor * great_circle_km(a.lat, a.lon, b.lat, b.lon))

    def minutes(self, road_km: float) -> float:
        if road_km <= 0:
            return 0.0
        return self.overhead_min + road_km / self.speed_kmh * 60.0


def calibrate(atlas: Atlas) -> RoadModel:
    """Fit the road model on the cited ``roads.yaml`` samples (estimates are never fitted on).

    The distance factor is fitted on samples with a cited distance, the speed and overhead on
    samples with a cited driving time; defaults (themselves an estimate) apply with fewer
    than three samples. Errors are mean absolute percentage errors on those samples.
    """
    gk, km, gm, mins = [], [], [], []
    for s in atlas.pack.roads:
        a, b = atlas.places.get(s.from_), atlas.places.get(s.to)
        if a is None or b is None:
            continue
        d = great_circle_km(a.lat, a.lon, b.lat, b.lon)
        if d < 1:
            continue
        rk, rm = resolve(s.km), resolve(s.minutes)
        if not rk.estimate:
            gk.append(d)
            km.append(float(rk.value))
        if not rm.estimate:
            gm.append(d)
            mins.append(float(rm.value))
    if len(gk) < 3 or len(gm) < 3:
        return RoadModel(
            DEFAULT_FACTOR, DEFAULT_SPEED, DEFAULT_OVERHEAD, min(len(gk), len(gm)), None, None
        )
    g, k = np.array(gk), np.array(km)
    factor = float((g @ k) / (g @ g))
    road = factor * np.array(gm)
    m = np.array(mins)
    slope, overhead = np.polyfit(road, m, 1, w=1.0 / m)  # relative errors count equally
    overhead = float(min(max(overhead, 0.0), 30.0))
    speed = 60.0 / float(slope) if slope > 0 else DEFAULT_SPEED
    mape_km = float(np.mean(np.abs(factor * g - k) / k)) * 100
    mape_min = float(np.mean(np.abs(overhead + road / speed * 60 - m) / m)) * 100
    return RoadModel(factor, speed, overhead, len(gk) + len(gm), mape_km, mape_min)


@dataclass(frozen=True)
class Step:
    """One homogeneous piece of a journey (a walk, a taxi ride, a train)."""

    mode: Mode
    frm: str
    to: str
    minutes: float
    km: float
    fare_low: float
    fare_high: float
    estimate: bool
    source: str | None = None
    overcharge_above: float | None = None


def _taxi_rule(atlas: Atlas, area_ids: tuple[str, ...]) -> tuple[dict[str, float], str | None]:
    for f in atlas.pack.fares:
        if f.area in area_ids and f.taxi:
            r = resolve(f.taxi)
            return {k: float(v) for k, v in r.value.items() if isinstance(v, int | float)}, r.source
    return DEFAULT_TAXI, None


class TravelModel:
    """All-pairs travel for one transport preference: minutes, km, fares, steps of each leg."""

    def __init__(self, atlas: Atlas, transport: str = "public") -> None:
        self.atlas = atlas
        self.transport = transport
        self.road = calibrate(atlas)
        self.ids = list(atlas.places)
        self.pos = {pid: i for i, pid in enumerate(self.ids)}
        n = len(self.ids)
        self._edges: dict[tuple[int, int], Step] = {}
        self.minutes = np.full((n, n), np.inf)
        np.fill_diagonal(self.minutes, 0.0)
        self.cost = self.minutes.copy()  # generalized cost: minutes + fare / value of time
        self._build()
        self._nxt = self._shortest_paths()

    # -- edges ---------------------------------------------------------------------------
    def _add(self, i: int, j: int, step: Step) -> None:
        cost = step.minutes + (step.fare_low + step.fare_high) / 2 / CNY_PER_MINUTE
        if cost < self.cost[i, j]:
            self.cost[i, j] = cost
            self.minutes[i, j] = step.minutes
            self._edges[(i, j)] = step

    def _taxi(self, a: Place, b: Place, road_km: float) -> Step:
        rule, src = _taxi_rule(self.atlas, (a.base or "", a.prefecture))
        meter = rule["flag"] + max(0.0, road_km - rule.get("flag_km", 3.0)) * rule["per_km"]
        low, high = round(meter), round(meter * 1.2 + 3)
        return Step(
            "taxi",
            a.id,
            b.id,
            self.road.minutes(road_km),
            road_km,
            low,
            high,
            True,
            src,
            round(high * 1.3),
        )

    def _build(self) -> None:
        places = list(self.atlas.places.values())
        for a in places:
            i = self.pos[a.id]
            for b in places:
                j = self.pos[b.id]
                if i == j:
                    continue
                gc = great_circle_km(a.lat, a.lon, b.lat, b.lon)
                if gc <= WALK_MAX_KM:
                    self._add(
                        i,
                        j,
                        Step(
                            "walk",
                            a.id,
                            b.id,
                            max(2.0, gc * 1.2 / WALK_KMH * 60),
                            gc * 1.2,
                            0,
                            0,
                            True,
                        ),
                    )
                    continue
                road_km = self.road.km(a, b)
                if self.transport != "public":
                    lo, hi = SELF_DRIVE_CNY_PER_KM if self.transport == "self-drive" else (0, 0)
                    self._add(
                        i,
                        j,
                        Step(
                            "car",
                            a.id,
                            b.id,
                            self.road.minutes(road_km),
                            road_km,
                            round(lo * road_km),
                            round(hi * road_km),
                            True,
                        ),
                    )
                    continue
                hired = "attraction" in (a.kind, b.kind) and road_km <= HIRED_CAR_MAX_KM
                if road_km <= TAXI_MAX_ROAD_KM or hired:
                    self._add(i, j, self._taxi(a, b, road_km))
                elif a.kind == "base" and b.kind == "base":
                    mins = self.road.minutes(road_km) * BUS_SLOWDOWN + BOARD_MIN["intercity-bus"]
                    lo, hi = BUS_CNY_PER_KM
                    self._add(
                        i,
                        j,
                        Step(
                            "intercity-bus",
                            a.id,
                            b.id,
                            mins,
                            road_km,
                            round(lo * road_km),
                            round(hi * road_km),
                            True,
                        ),
                    )
        if self.transport == "public":
            self._links()

    def _links(self) -> None:
        for link in self.atlas.pack.links:
            if link.from_ not in self.pos or link.to not in self.pos:
                continue
            mins, fare = resolve(link.minutes), resolve(link.fare)
            ride = float(mins.value) + BOARD_MIN[link.mode]
            a, b = self.atlas.places[link.from_], self.atlas.places[link.to]
            km = self.road.km(a, b)
            low = fare.low if fare.low is not None else float(fare.value)
            high = fare.high if fare.high is not None else float(fare.value)
            pairs = [(a, b), (b, a)] if link.both_ways else [(a, b)]
            for x, y in pairs:
                self._add(
                    self.pos[x.id],
                    self.pos[y.id],
                    Step(
                        link.mode,
                        x.id,
                        y.id,
                        ride,
                        km,
                        low,
                        high,
                        fare.estimate or mins.estimate,
                        fare.source,
                    ),
                )

    def _shortest_paths(self) -> np.ndarray:
        """Floyd–Warshall on generalized cost, carrying minutes and next hops along.

        Public-transport travellers trade time for money (a 100 km taxi is fast but dear), so
        the leg chosen minimizes minutes + fare / value of time; its minutes are what the
        planner schedules.
        """
        c, d = self.cost, self.minutes
        n = len(self.ids)
        nxt = np.where(np.isfinite(c), np.arange(n)[None, :], -1)
        for k in range(n):
            via = c[:, k : k + 1] + c[k : k + 1, :]
            better = via < c - 1e-9
            if better.any():
                c = np.where(better, via, c)
                d = np.where(better, d[:, k : k + 1] + d[k : k + 1, :], d)
                nxt = np.where(better, nxt[:, k : k + 1], nxt)
        self.cost, self.minutes = c, d
        return nxt

    # -- queries -------------------------------------------------------------------------
    def steps(self, a: str, b: str) -> list[Step]:
        """The steps of the fastest journey from ``a`` to ``b`` (empty when a == b)."""
        i, j = self.pos[a], self.pos[b]
        if i == j:
            return []
        if self._nxt[i, j] < 0:
            raise ValueError(f"no way found from {a} to {b}")
        out = []
        while i != j:
            k = int(self._nxt[i, j])
            out.append(self._edges[(i, k)])
            i = k
        return out

    def time(self, a: str, b: str) -> float:
        """Door-to-door minutes from ``a`` to ``b``, including boarding buffers."""
        return float(self.minutes[self.pos[a], self.pos[b]])

    def matrix(self, ids: list[str]) -> np.ndarray:
        """Travel minutes among ``ids`` (rounded up to whole minutes, so schedules are exact)."""
        idx = [self.pos[p] for p in ids]
        m = self.minutes[np.ix_(idx, idx)]
        return np.ceil(np.where(np.isfinite(m), m, 1e6))


def leg_mode(steps: list[Step]) -> str:
    """A leg's headline mode: the longest step's mode."""
    if not steps:
        return "walk"
    return max(steps, key=lambda s: s.minutes).mode


def fare_range(steps: list[Step]) -> tuple[float, float, float | None]:
    low = sum(s.fare_low for s in steps)
    high = sum(s.fare_high for s in steps)
    over = [s.overcharge_above for s in steps if s.overcharge_above is not None]
    return low, high, (math.fsum(over) if over and len(over) == len(steps) else None)


@functools.cache
def travel_model(transport: str, region: str = "guizhou") -> TravelModel:
    """The travel model of a bundled pack for one transport preference, built once per process.

    The planner and the checker share it: it is a pure function of the pack, and the checker's
    independence is from the solver, not from the pack's travel facts.
    """
    return TravelModel(load_atlas(region), transport)
