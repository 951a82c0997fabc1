"""Multimodal travel times and costs between any two places of a pack.

Driving uses the road model of :mod:`qianxing.roads` (``roads.yaml``): a graph of sourced road
segments between towns, an urban model for hops within a town, and a factor model fitted on
sourced samples where neither applies, each with its held-out error reported.
Public transport is a shortest-path search over walks, short taxi hops and the rides of the
pack's GTFS timetable (rail, bus, shuttle); no service is invented, so two towns that no cited
service links are joined only by a car the traveller agreed to (``public+car``, ``charter``,
``self-drive``). The matrix holds each ride's shortest time plus its boarding buffer: the
planner's lower bound. :mod:`qianxing.timeline` then times each ride against the timetable.
Between two places there are a few journeys (`TravelModel.alternatives`: the cost-best one, and
the best without trains, without buses); the timeline takes whichever arrives
first at the hour the traveller leaves, and the planner counts the quickest of them.

Two times per journey: ``minutes`` (door to door, each ride's expected wait included: what the
day's schedule must hold) and ``road_minutes`` (time on the road: what the daily
road cap counts, without the wait for the first service that the traveller spends where they
are; docs/planning.md, "Time on the road").
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .data.atlas import Atlas, load_atlas
from .data.facts import resolve
from .data.gtfs import Departure, Feed, load_feed
from .data.pack import DEFAULT_REGION
from .data.place import Place
from .exceptions import NoRouteError
from .geo import great_circle_km
from .modes import BOARD_MIN as BOARD_MIN
from .modes import CAR_MODES as CAR_MODES
from .modes import Mode
from .roads import URBAN_MAX_GC_KM, Roads, Route, calibrate

WALK_KMH = 4.0
WALK_MAX_KM = 1.2
TAXI_MAX_ROAD_KM = 30.0
"""Longest taxi hop `public` allows: a ride across a town or to a nearby sight (docs/planning.md).
Longer car legs need the traveller's consent (`public+car`)."""
LOCAL_AREA_GC_KM = {"city": 25.0}
"""Straight-line km from a base's centre that its town area reaches, by the base's kind in
the pack (``bases.yaml``); other kinds use `roads.URBAN_MAX_GC_KM`. Our judgement, not a
sourced fact: a prefecture city's districts (贵阳's 花溪, where 天河潭 lies 21 km out) are one
taxi ride for a local; a county town or a village is smaller. A hop with both ends in one
town area is a local taxi ride whatever its road km (`local_area`, docs/planning.md)."""
RAIL_KM_PER_GC_KM = 1.2
"""Rail km shown for a train: this times the straight line (our judgement, the rail model of
``scripts/gtfs/links.yaml``; no line lengths are cited). Guizhou's high-speed lines tunnel
through the hills that its roads wind around, so a train's km is not a car's."""
HIRED_CAR_MAX_KM = 200.0  # `public+car`: a car hired for one leg no cited service covers
CNY_PER_MINUTE = 1.0  # value of time: a traveller pays up to ~60 CNY to save an hour
SELF_DRIVE_CNY_PER_KM = (0.6, 1.0)  # estimate: fuel + expressway tolls per km
DEFAULT_TAXI = {"flag": 10.0, "flag_km": 3.0, "per_km": 2.0}


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
    route: str | None = None  # GTFS route id of a timetabled ride
    fare_estimate: bool | None = None  # whether the fare is estimated (None: as ``estimate``)

    @property
    def fare_estimated(self) -> bool:
        return self.estimate if self.fare_estimate is None else self.fare_estimate


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
        self.roads = Roads(atlas)
        self.ids = list(atlas.places)
        self.pos = {pid: i for i, pid in enumerate(self.ids)}
        self._through: dict[tuple[str, str], frozenset[tuple[str, str]]] | None = None
        self._latest: np.ndarray | None = None
        self._road: np.ndarray | None = None
        self._car_km: np.ndarray | None = None
        self._time: np.ndarray | None = None
        self._chains: dict[tuple[tuple[str, str, str, float], ...], float] = {}
        self._lasts: dict[tuple[tuple[str, str, str, float], ...], float | None] = {}
        n = len(self.ids)
        self.n = n
        # Searched on two layers: index p = "at p, not just off a car", p + n = "just off a
        # car", so two car rides never follow each other (a chain of 30 km taxi hops would be
        # one long taxi ride under another name).
        self._arcs: dict[tuple[int, int], list[Step]] = {}  # every edge of each arc
        self._cars: dict[tuple[str, str], Step] = {}  # the direct car a public leg may fall back on
        self._alternatives: dict[tuple[str, str], list[list[Step]]] = {}
        self._build()
        best = _Paths(self._arcs, n, lambda s: True)
        self._edges, self._nxt, self._end = best.edges, best.nxt, best.end
        self.cost, self.minutes, self._cost = best.cost, best.minutes, best.layered
        # the best journey without each kind of ride: what a traveller takes at the hours the
        # best one has no service (the evening train when the day bus has stopped)
        self._others = [
            _Paths(self._arcs, n, _without(ride))
            for ride in WITHOUT
            if any(ride(s) for steps in self._arcs.values() for s in steps)
        ]

    # -- edges ---------------------------------------------------------------------------
    def _add(self, i: int, j: int, step: Step) -> None:
        n = self.n
        if step.mode in CAR_MODES:
            arcs = [(i, j + n)]
        elif step.mode == "walk":
            arcs = [(i, j), (i + n, j + n)]
        else:
            arcs = [(i, j), (i + n, j)]
        for arc in arcs:
            self._arcs.setdefault(arc, []).append(step)

    def _taxi(self, a: Place, b: Place, road: Route) -> Step:
        road_km = road.km
        rule, src = _taxi_rule(self.atlas, (a.base or "", a.prefecture))
        meter = rule["flag"] + max(0.0, road_km - rule.get("flag_km", 3.0)) * rule["per_km"]
        low, high = round(meter), round(meter * 1.2 + 3)
        return Step(
            "taxi",
            a.id,
            b.id,
            road.minutes,
            road_km,
            low,
            high,
            True,
            src,
            round(high * 1.3),
        )

    def _build(self) -> None:
        places = list(self.atlas.places.values())
        areas = local_areas(self.atlas)
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
                road = self.roads.route(a, b)
                road_km = road.km
                if not self.transport.startswith("public"):
                    lo, hi = SELF_DRIVE_CNY_PER_KM if self.transport == "self-drive" else (0, 0)
                    self._add(
                        i,
                        j,
                        Step(
                            "car",
                            a.id,
                            b.id,
                            road.minutes,
                            road_km,
                            round(lo * road_km),
                            round(hi * road_km),
                            True,
                        ),
                    )
                    continue
                car: Step | None = None
                area = areas.get(a.id)
                if road_km <= TAXI_MAX_ROAD_KM or (area is not None and area == areas.get(b.id)):
                    car = self._taxi(a, b, road)
                elif self.transport == "public+car" and road_km <= HIRED_CAR_MAX_KM:
                    car = self._hired(a, b, road)
                if car is not None:
                    self._add(i, j, car)
                    self._cars[(a.id, b.id)] = car
        if self.transport.startswith("public"):
            self._timetable()

    def _hired(self, a: Place, b: Place, road: Route) -> Step:
        """A car hired for one leg: the taxi meter's range, labelled as a hired car."""
        taxi = self._taxi(a, b, road)
        return Step(
            "hired-car",
            a.id,
            b.id,
            taxi.minutes,
            road.km,
            taxi.fare_low,
            taxi.fare_high,
            True,
            taxi.source,
            taxi.overcharge_above,
        )

    @functools.cached_property
    def feed(self) -> Feed:
        """The pack's feed (`load_feed`, one per process), kept on the model: building and
        hashing its path cost more than the look-up, and a plan asks for the feed about
        50 000 times (the quick start: 0.2 s)."""
        return load_feed(self.atlas.pack.root / "gtfs")

    def _timetable(self) -> None:
        """One edge per stop pair of the feed: its fastest ride plus the boarding buffer."""
        feed = self.feed
        for (x, y), rides in feed.rides.items():
            if x not in self.pos or y not in self.pos or not rides:
                continue
            fastest = min(rides, key=lambda d: d.minutes)
            low, high, fare_src, fare_estimate = self._fare(feed, fastest)
            wait = expected_wait(rides)
            a, b = self.atlas.places[x], self.atlas.places[y]
            estimate = fastest.provenance.kind == "estimate" or not fastest.exact
            self._add(
                self.pos[x],
                self.pos[y],
                Step(
                    fastest.route.mode,  # type: ignore[arg-type]
                    x,
                    y,
                    fastest.minutes + BOARD_MIN[fastest.route.mode] + wait,
                    self._ride_km(a, b, fastest.route.mode),
                    low,
                    high,
                    estimate,
                    fare_src or fastest.provenance.source,
                    route=fastest.route.id,
                    fare_estimate=fare_estimate,
                ),
            )

    def _ride_km(self, a: Place, b: Place, mode: str) -> float:
        """A ride's km, shown to the traveller: a bus's is its road's (`Roads.route`: the
        sourced graph where it reaches), a train's `RAIL_KM_PER_GC_KM` times the straight
        line."""
        if mode == "rail":
            return RAIL_KM_PER_GC_KM * great_circle_km(a.lat, a.lon, b.lat, b.lon)
        return self.roads.route(a, b).km

    @staticmethod
    def _fare(feed: Feed, ride: Departure) -> tuple[float, float, str | None, bool]:
        fares = feed.fares.get(ride.route.id, [])
        if not fares:
            return 0.0, 0.0, None, True
        r = resolve([f.provenance.observation(f.low) for f in fares])
        highs = [f.high for f in fares if f.provenance.kind != "estimate"] or [
            f.high for f in fares
        ]
        low = r.low if r.low is not None else float(r.value)
        return low, max(max(highs), low), r.source, r.estimate

    # -- queries -------------------------------------------------------------------------
    def steps(self, a: str, b: str) -> list[Step]:
        """The steps of the cost-best journey from ``a`` to ``b`` (empty when a == b): the
        one the solver's matrix times."""
        i, j = self.pos[a], self.pos[b]
        if i == j:
            return []
        path = self._path(self._nxt, self._edges, i, int(self._end[i, j]))
        if path is None:
            raise NoRouteError(a, b)
        return path

    @staticmethod
    def _path(
        nxt: np.ndarray, edges: dict[tuple[int, int], Step], i: int, j: int
    ) -> list[Step] | None:
        if nxt[i, j] < 0:
            return None
        out = []
        while i != j:
            k = int(nxt[i, j])
            out.append(edges[(i, k)])
            i = k
        return out

    def alternatives(self, a: str, b: str) -> list[list[Step]]:
        """The journeys from ``a`` to ``b`` worth timing at a given hour: the cost-best one
        (`steps`) first, then the best without each kind of ride (`WITHOUT`) when it is
        different and still takes a timetabled ride. A journey of walks and cars only is not
        one of them: that is the fallback when no service is left (`car`). Which one a
        traveller takes depends on the hour (`timeline.leg_of`: the earliest arrival)."""
        key = (a, b)
        if key not in self._alternatives:
            first = self.steps(a, b)
            out = [first]
            seen = {_signature(first)}
            i, j = self.pos[a], self.pos[b]
            for other in self._others if i != j else []:
                path = self._path(other.nxt, other.edges, i, int(other.end[i, j]))
                if path is None or not any(s.route is not None for s in path):
                    continue
                sig = _signature(path)
                if sig not in seen:
                    seen.add(sig)
                    out.append(path)
            self._alternatives[key] = out
        return self._alternatives[key]

    def car(self, a: str, b: str) -> Step | None:
        """The direct taxi (or, on `public+car`, hired car) from ``a`` to ``b`` that the
        transport setting allows, if any: what a traveller takes when the bus or train the
        journey would use has no service left that day (the last bus back from 天河潭)."""
        return self._cars.get((a, b))

    def journeys_through(self, stops: tuple[str, str]) -> frozenset[tuple[str, str]]:
        """The (from, to) place pairs one of whose journeys (`alternatives`) takes the ride
        between ``stops``.

        Every ride's pairs are indexed in one pass over the journeys, on the first call: a
        plan the timetable breaks asks for several rides, each of which a pass per ride cost
        about as much as the whole index (50 ms on the Guizhou pack)."""
        if self._through is None:
            through: dict[tuple[str, str], set[tuple[str, str]]] = {}
            for a in self.ids:
                for b in self.ids:
                    if a != b and self.reachable(a, b):
                        for steps in self.alternatives(a, b):
                            for s in steps:
                                through.setdefault((s.frm, s.to), set()).add((a, b))
            self._through = {ride: frozenset(pairs) for ride, pairs in through.items()}
        return self._through.get(stops, frozenset())

    def reachable(self, a: str, b: str) -> bool:
        """Whether any journey links ``a`` to ``b`` with this transport."""
        return a == b or bool(np.isfinite(self.minutes[self.pos[a], self.pos[b]]))

    def time(self, a: str, b: str) -> float:
        """Door-to-door minutes from ``a`` to ``b``, including boarding buffers and expected
        waits: the quickest of its `alternatives`, since the timeline takes whichever
        arrives first (``inf`` when none exists)."""
        if a == b:
            return 0.0
        if not self.reachable(a, b):
            return math.inf
        return math.fsum(s.minutes for s in self.quickest(a, b))

    def quickest(self, a: str, b: str) -> list[Step]:
        """The steps of the quickest of the `alternatives` from ``a`` to ``b`` (door to door,
        expected waits included; the cost-best one on a tie): the journey the planner counts."""
        return min(self.alternatives(a, b), key=lambda j: math.fsum(s.minutes for s in j))

    def latest(self, a: str, b: str) -> float:
        """The latest minute of the day a journey from ``a`` to ``b`` can start and still
        catch every timetabled ride on it (``inf`` when it takes none): the last departure of
        its first ride from which `follow` makes the later ones, less the boarding allowance
        and the time before the ride; the latest of its `alternatives` (the evening train
        after the last bus). The solver plans with it so that a day does not start a journey
        whose last service has gone; the timeline then times every ride exactly. Each ride's
        last departure less the typical time before it was too late a start for half the
        pack's journeys of two rides (the train that reaches the last bus from 铜仁 to 江口
        leaves before the last train less its running time)."""
        return max(self._latest_of(steps) for steps in self.alternatives(a, b))

    def _latest_of(self, steps: list[Step]) -> float:
        k = next((i for i, s in enumerate(steps) if s.route is not None), None)
        if k is None:
            return math.inf
        key = _chain_key(steps[k:])
        if key not in self._lasts:  # the journeys of many pairs share their rides
            self._lasts[key] = self._last_connecting(steps[k:])
        last = self._lasts[key]
        if last is None:  # no departure listed, or none connects within a day
            return self._latest_typical(steps)
        return last - BOARD_MIN.get(steps[k].mode, 0.0) - math.fsum(s.minutes for s in steps[:k])

    def _last_connecting(self, steps: list[Step]) -> float | None:
        """The last departure of the first of ``steps`` (a ride) from which `follow` makes
        the rest of them."""
        first = steps[0]
        for d in sorted(self.feed.departures(first.frm, first.to), key=lambda d: -d.depart):
            if self.follow(steps[1:], float(d.arrive)) is not None:
                return float(d.depart)
        return None

    def _latest_typical(self, steps: list[Step]) -> float:
        """Each ride's last departure less its allowance and the typical time before it: the
        bound where no departure of the first ride connects (a journey longer than a day) or
        the feed lists none."""
        offset, latest = 0.0, math.inf
        for s in steps:
            if s.route is not None and s.mode in BOARD_MIN:
                rides = self.feed.departures(s.frm, s.to)
                if rides:
                    last = max(d.depart for d in rides)
                    latest = min(latest, last - BOARD_MIN[s.mode] - offset)
            offset += s.minutes
        return latest

    def latest_matrix(self, ids: list[str]) -> np.ndarray:
        """`latest` among ``ids`` (``inf`` where no ride limits a journey or none exists),
        computed for all pairs of the pack once."""
        if self._latest is None:
            out = np.full((self.n, self.n), np.inf)
            timetabled = self.transport.startswith("public")  # cars run at any hour
            for i, a in enumerate(self.ids if timetabled else []):
                for j, b in enumerate(self.ids):
                    if i != j and self.reachable(a, b):
                        out[i, j] = np.floor(self.latest(a, b))
            self._latest = out
        idx = [self.pos[p] for p in ids]
        return self._latest[np.ix_(idx, idx)]

    def road_minutes(self, a: str, b: str) -> float:
        """Minutes of the journey from ``a`` to ``b`` on the road, as the daily road cap
        counts them (docs/planning.md, "Time on the road"): walks, taxis, each ride and its
        boarding allowance, and the waits at changes between rides, for a traveller who
        leaves as late as still catches the journey's first service (the wait for it is
        spent at the hotel, the sight or lunch). With rides, the mean over the day's
        connections of that door-to-door time, each connection left for as late as it can
        be (`_chain`); ``minutes`` when no connection is made in a day. Of the journey
        `time` counts (`quickest`), so that the day's schedule and its road cap count one
        journey."""
        if a == b:
            return 0.0
        return self._road_of(self.quickest(a, b))

    def _road_of(self, steps: list[Step]) -> float:
        k = next((i for i, s in enumerate(steps) if s.route is not None), None)
        if k is None:
            return float(sum(s.minutes for s in steps))
        key = _chain_key(steps[k:])
        if key not in self._chains:
            self._chains[key] = self._chain(steps[k:])
        chain = self._chains[key]
        if not math.isfinite(chain):
            return math.fsum(s.minutes for s in steps)
        return float(sum(s.minutes for s in steps[:k])) + chain

    def _chain(self, steps: list[Step]) -> float:
        """Mean minutes from reaching the first ride's stop with its boarding allowance to
        the end of ``steps``, over the distinct arrivals the day's departures of the first
        ride give, each reached by the latest first departure that makes it (``inf`` when
        none does). Later rides are the next service after their boarding allowance, as the
        timeline takes them."""
        feed = self.feed
        first = steps[0]
        start_of: dict[float, float] = {}  # arrival -> latest start that makes it
        for d in feed.departures(first.frm, first.to):
            t = self.follow(steps[1:], float(d.arrive))
            if t is not None:
                start = float(d.depart - BOARD_MIN[first.mode])
                start_of[t] = max(start_of.get(t, -math.inf), start)
        if not start_of:
            return math.inf
        return math.fsum(t - s for t, s in start_of.items()) / len(start_of)

    def follow(self, steps: list[Step], t: float) -> float | None:
        """The minute a traveller standing at the start of ``steps`` at minute ``t`` reaches
        their end, taking each timetabled step's next service after its boarding allowance, as
        the timeline does (None when a service is missed for the day). Shared with the
        transport benchmark, so that it times rides the way the planner does."""
        for s in steps:
            if s.route is None:
                t += s.minutes
                continue
            ride = self.feed.next_departure(s.frm, s.to, t + BOARD_MIN[s.mode])
            if ride is None:
                return None
            t = float(ride.arrive)
        return t

    def road_matrix(self, ids: list[str]) -> np.ndarray:
        """`road_minutes` among ``ids``, rounded up to whole minutes like `matrix` (1e6 where no
        journey exists), computed for all pairs of the pack once."""
        if self._road is None:
            out = np.full((self.n, self.n), np.inf)
            for i, a in enumerate(self.ids):
                for j, b in enumerate(self.ids):
                    if self.reachable(a, b):
                        out[i, j] = self.road_minutes(a, b)
            self._road = out
        idx = [self.pos[p] for p in ids]
        m = self._road[np.ix_(idx, idx)]
        return np.ceil(np.where(np.isfinite(m), m, 1e6))

    def car_km_matrix(self, ids: list[str]) -> np.ndarray:
        """Road km driven by car (taxi, hired car, the traveller's own) on the journey `time`
        counts (`quickest`), among ``ids`` (0 where none is driven or no journey exists),
        computed for all pairs of the pack once."""
        if self._car_km is None:
            out = np.zeros((self.n, self.n))
            for i, a in enumerate(self.ids):
                for j, b in enumerate(self.ids):
                    if a != b and self.reachable(a, b):
                        out[i, j] = sum(s.km for s in self.quickest(a, b) if s.mode in CAR_MODES)
            self._car_km = out
        idx = [self.pos[p] for p in ids]
        return self._car_km[np.ix_(idx, idx)]

    def matrix(self, ids: list[str]) -> np.ndarray:
        """`time` among ``ids`` (rounded up to whole minutes, so schedules are exact), computed
        for all pairs of the pack once: the travel model is shared by every plan of a process,
        and the pairs cost about 70 ms a plan (`bench/plan.py`) when timed per request."""
        if self._time is None:
            self._time = np.array([[self.time(a, b) for b in self.ids] for a in self.ids])
        idx = [self.pos[p] for p in ids]
        m = self._time[np.ix_(idx, idx)]
        return np.ceil(np.where(np.isfinite(m), m, 1e6))


def _rail(s: Step) -> bool:
    return s.mode == "rail"


def _bus(s: Step) -> bool:
    return s.mode == "bus"


WITHOUT: tuple[Callable[[Step], bool], ...] = (_rail, _bus)
"""The rides each further journey between two places does without
(`TravelModel.alternatives`): trains, then buses. One shortest-path pass per entry, on the
edges left. A third pass without intercity coaches only (bus rides over 60 road km, keeping
the feeder bus to a station) was tried for the cited 贵阳 ↔ 安顺 bus (docs/wip/README.md)."""


class _Paths:
    """One all-pairs shortest-path pass on generalized cost over the edges ``keep`` accepts."""

    def __init__(
        self, arcs: dict[tuple[int, int], list[Step]], n: int, keep: Callable[[Step], bool]
    ) -> None:
        minutes = np.full((2 * n, 2 * n), np.inf)
        np.fill_diagonal(minutes, 0.0)
        cost = minutes.copy()  # generalized cost: minutes + fare / value of time
        self.edges: dict[tuple[int, int], Step] = {}
        for (x, y), steps in arcs.items():
            for step in steps:
                c = step.minutes + (step.fare_low + step.fare_high) / 2 / CNY_PER_MINUTE
                if keep(step) and c < cost[x, y]:
                    cost[x, y], minutes[x, y] = c, step.minutes
                    self.edges[(x, y)] = step
        cost, minutes, self.nxt = _shortest_paths(cost, minutes)
        self.layered = cost  # on both layers (index p + n: just off a car)
        layer = np.where(cost[:n, n:] < cost[:n, :n], n, 0)
        rows = np.arange(n)[:, None]
        self.end = layer + np.arange(n)[None, :]  # the layer each journey ends on
        self.cost = cost[rows, self.end]
        self.minutes = minutes[rows, self.end]


def _shortest_paths(c: np.ndarray, d: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Floyd–Warshall on generalized cost ``c``, carrying minutes ``d`` and next hops along.

    Public-transport travellers trade time for money (a 100 km taxi is fast but dear), so
    the leg chosen minimizes minutes + fare / value of time; its minutes are what the
    planner schedules.
    """
    n = c.shape[0]
    nxt = np.where(np.isfinite(c), np.arange(n)[None, :], -1)
    for k in range(n):
        via = c[:, k : k + 1] + c[k : k + 1, :]
        better = via < c - 1e-9
        if better.any():
            c = np.where(better, via, c)
            d = np.where(better, d[:, k : k + 1] + d[k : k + 1, :], d)
            nxt = np.where(better, nxt[:, k : k + 1], nxt)
    return c, d, nxt


def _without(ride: Callable[[Step], bool]) -> Callable[[Step], bool]:
    return lambda s: not ride(s)


def _chain_key(steps: list[Step]) -> tuple[tuple[str, str, str, float], ...]:
    """What timing a chain of steps from its first ride depends on: each step's stops and
    mode, and the minutes of those that are not rides (a ride's come from the timetable)."""
    return tuple((s.frm, s.to, s.mode, -1.0 if s.route else s.minutes) for s in steps)


def _signature(steps: list[Step]) -> tuple[tuple[str, str, str, str | None], ...]:
    return tuple((s.frm, s.to, s.mode, s.route) for s in steps)


def local_areas(atlas: Atlas) -> dict[str, str]:
    """Place id -> the base whose town area holds it: a base holds itself; another place is
    in the area of the base the pack gives it when that is also its nearest base and lies
    within the area's radius (`LOCAL_AREA_GC_KM`). Places outside every area are absent."""
    kinds = {b.id: b.kind for b in atlas.pack.bases}
    bases = atlas.bases
    out: dict[str, str] = {}
    for p in atlas.places.values():
        if p.kind == "base":
            out[p.id] = p.id
            continue
        if p.base is None or p.base not in atlas.places or not bases:
            continue
        home = atlas.places[p.base]
        nearest = min(bases, key=lambda b: great_circle_km(p.lat, p.lon, b.lat, b.lon))
        gc = great_circle_km(p.lat, p.lon, home.lat, home.lon)
        radius = LOCAL_AREA_GC_KM.get(kinds.get(home.id, ""), URBAN_MAX_GC_KM)
        if nearest.id == home.id and gc <= radius:
            out[p.id] = home.id
    return out


def expected_wait(rides: list[Departure]) -> float:
    """Minutes a traveller who turns up at a random time of the service day waits, on average.

    Half the mean gap between departures: a route with two trains a day costs the planner
    hours, one with a train every 20 minutes almost nothing, so the solver's times are close
    to what the timetable then gives (the timeline times each ride exactly).
    """
    times = sorted({d.depart for d in rides})
    if len(times) < 2:
        return 120.0
    return (times[-1] - times[0]) / (len(times) - 1) / 2


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
def travel_model(transport: str, region: str = DEFAULT_REGION) -> TravelModel:
    """The travel model of a bundled pack for one transport preference, built once per process.

    The planner and the checker share it: it is a pure function of the pack, and the checker's
    independence is from the solver, not from the pack's travel facts.
    """
    return TravelModel(load_atlas(region), transport)
