"""Driving distance and time between two places: a graph of sourced road segments, an urban
model for hops within a town, and a factor model fitted on sourced samples where neither applies.

Three parts, each fitted (or built) on the calibration set of ``roads.yaml`` and scored on the
held-out set, never the other way round (`split`):

- **urban** (`UrbanModel`): a hop within one town (both ends belong to the same base, at most
  `URBAN_MAX_GC_KM` apart) takes a fitted overhead (finding the car, lights,
  the last stretch) plus its km at a fitted city speed;
- **graph** (`RoadGraph`): the records marked ``segment: true`` are edges between places
  (expressway and national-road links between towns, county roads to scenic areas), each with
  a cited km and a cited (or, failing that, modelled) time; a journey takes the fastest path
  between the graph nodes nearest its ends, the legs to and from the graph by the factor model;
- **factor** (`RoadModel`): road km = factor × great-circle km, minutes = overhead + km / speed,
  least squares over the cited car times (a bus's, ``by: bus``, is not a car's), the overhead
  at least the urban model's. It is the fallback where the graph does not connect
  the two places, or connects them only by a detour (`DETOUR_MAX`); such a route is labelled
  ``factor``.

`Roads.route` picks the part; `road_figures` reports each part's error on the held-out figures
(`qianxing data report`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from .data.atlas import Atlas
from .data.facts import Resolved, resolve
from .data.place import Place
from .data.schema import RoadSample
from .geo import great_circle_km

DEFAULT_FACTOR, DEFAULT_SPEED, DEFAULT_OVERHEAD = 1.35, 55.0, 10.0
MAX_SPEED_KMH = 100.0
"""The fitted average road speed is bounded by this: Guizhou's expressways are limited to
100-120 km/h and the samples mix them with mountain roads, so a faster fit (a few samples and
a free overhead) is not physical; the overhead is then refitted at this speed (`fit_line`)."""
MIN_SPEED_KMH = 30.0
"""A fitted average below this between towns is a mountain track, not the roads a car takes
between the pack's towns (the slowest cited segment, 从江 to 加榜 by bus, is 27 km/h)."""

URBAN_MAX_GC_KM = 16.0
"""A hop is *urban* when both ends belong to the same base (a city, a town or a scenic
village and the sights around it) and lie at most this far apart in a straight line (about
25 road-km): a taxi across town, to its station or airport (贵阳's airport to 贵阳北站 is 16 km
in a straight line), to a sight at the edge of town. The factor model's overhead is fitted on
drives between towns and is too long for such a hop."""
URBAN_SPEED_BOUNDS = (10.0, 40.0)
"""km/h: a fitted average speed within a town outside this is not physical (an airport
expressway is the fastest in-town road; lights, turns and drop-offs hold the average down)."""
URBAN_OVERHEAD_BOUNDS = (0.0, 20.0)  # minutes
URBAN_DEFAULT = (5.0, 25.0)
"""Estimate (our judgement) used when fewer than two cited in-town times are available to fit:
5 minutes to find the car and reach the door, 25 km/h through town."""

ACCESS_MAX_GC_KM = 30.0
"""A place joins the road graph at the graph's nodes within this straight-line distance (the
place itself when it is a node); the access leg is driven as the factor model says."""
DETOUR_MAX = 1.5
"""A graph path is used only when each node it passes lies near the straight line between the
two ends: straight-line distance from the start to the node plus from the node to the end at
most this multiple of the straight-line distance between the ends. A sparse graph otherwise
sends a journey round by a town it does not pass (兴义 → 黄果树 via 安顺); the factor model then
applies, labelled so."""

HOLD_OUT_EVERY = 3
"""Of the samples of a part (urban or between towns) with a cited distance (or time), sorted by
(from, to), every third (the 3rd, 6th, ...) is kept apart as the validation set for that figure:
the part is fitted on the rest and its error on the held-out ones is reported (`qianxing data
report`). Graph segments are never held out: they are what the graph is built from."""

Method = Literal["urban", "graph", "factor"]


class _Linear:
    """km = factor × great-circle km, minutes = overhead + km / speed: the shape both the
    factor model and the urban model fit."""

    factor: float
    speed_kmh: float
    overhead_min: float

    def km(self, a: Place, b: Place) -> float:
        return float(self.factor * great_circle_km(a.lat, a.lon, b.lat, b.lon))

    def minutes(self, road_km: float) -> float:
        if road_km <= 0:
            return 0.0
        return self.overhead_min + road_km / self.speed_kmh * 60.0


@dataclass(frozen=True)
class RoadModel(_Linear):
    """Road distance and driving time from great-circle distance, with its calibration error."""

    factor: float
    speed_kmh: float
    overhead_min: float
    samples: int
    mape_km: float | None
    mape_minutes: float | None
    held_out: int = 0  # validation samples, never fitted on
    held_out_mape_km: float | None = None
    held_out_mape_minutes: float | None = None


@dataclass(frozen=True)
class UrbanModel(_Linear):
    """A hop within a town: km = factor × great-circle km, minutes = overhead + km / speed."""

    factor: float
    speed_kmh: float
    overhead_min: float
    samples: int  # cited figures fitted on (km and minutes)
    estimate: bool  # True: too few cited times, `URBAN_DEFAULT` applies
    held_out: int = 0
    held_out_mape_km: float | None = None
    held_out_mape_minutes: float | None = None


@dataclass(frozen=True)
class Route:
    """A drive between two places: road km, minutes, the part of the model that gave them and,
    for a graph route, the graph nodes it passes (places of the pack)."""

    km: float
    minutes: float
    method: Method
    via: tuple[str, ...] = ()


def _mape(predicted: np.ndarray, cited: np.ndarray) -> float | None:
    if len(cited) == 0:
        return None
    return float(np.mean(np.abs(predicted - cited) / cited)) * 100


Pairs = list[tuple[float, float]]


def _gc(a: Place, b: Place) -> float:
    return great_circle_km(a.lat, a.lon, b.lat, b.lon)


def is_urban(a: Place, b: Place) -> bool:
    """Whether a drive from ``a`` to ``b`` is a hop within one town (`URBAN_MAX_GC_KM`)."""
    base = (a.base or a.id) if a.kind != "base" else a.id
    other = (b.base or b.id) if b.kind != "base" else b.id
    return base == other and _gc(a, b) <= URBAN_MAX_GC_KM


def _sample_is_urban(atlas: Atlas, s: RoadSample) -> bool:
    return is_urban(atlas.places[s.from_], atlas.places[s.to])


def split(
    atlas: Atlas, field: str, *, urban: bool = False
) -> tuple[list[RoadSample], list[RoadSample]]:
    """The samples of one part (between towns, or ``urban``) with a cited ``field`` (km or
    minutes) to fit on, and the held-out ones: the samples the graph routes (`_graph_routed`),
    and every `HOLD_OUT_EVERY`-th other non-segment sample in (from, to) order, so each figure
    keeps a validation set however many samples the pack has."""
    cited = [
        s
        for s in sorted(atlas.pack.roads, key=lambda s: (s.from_, s.to))
        if _usable(atlas, s, field) and _sample_is_urban(atlas, s) == urban
    ]
    samples = [s for s in cited if not s.segment]
    graph = set() if urban else _graph_routed(atlas, samples)
    held = [s for s in samples if id(s) in graph]
    rest = [s for s in samples if id(s) not in graph]
    held += [s for k, s in enumerate(rest, start=1) if not k % HOLD_OUT_EVERY]
    held_ids = {id(s) for s in held}
    return [s for s in cited if id(s) not in held_ids], held


def _graph_routed(atlas: Atlas, samples: list[RoadSample]) -> set[int]:
    """ids of the ``samples`` the road graph routes. The graph is built from segments alone
    and the factor model never routes these pairs, so they are held out: they score the graph
    and never fit the factor model to a road it is not used for. Whether the graph routes a
    pair does not depend on the fit (the access legs and uncited segment times are timed here
    with the default parameters; they only choose among paths)."""
    provisional = RoadModel(DEFAULT_FACTOR, DEFAULT_SPEED, DEFAULT_OVERHEAD, 0, None, None)
    router = Roads(atlas, model=provisional)
    return {
        id(s)
        for s in samples
        if router.route(atlas.places[s.from_], atlas.places[s.to]).method == "graph"
    }


def cited(s: RoadSample, field: str) -> Resolved[Any]:
    """A sample's ``km``, or its ``minutes`` as a car drives them: the car times alone when
    any is given (a bus's time is not a car's: `RoadTime.by`), else every time."""
    if field == "minutes":
        car = [o for o in s.minutes if o.by == "car"]
        return resolve(car or s.minutes)
    return resolve(getattr(s, field))


def _usable(atlas: Atlas, s: RoadSample, field: str) -> bool:
    """Whether ``field`` of ``s`` is a cited car figure between two cited points of the pack.
    An estimate, a time only a bus was timed at, and a figure to a place whose coordinate is
    an estimate (the straight line the model scales is then not known: 从江站 stood on the
    county town, 30 km from the station) neither fit nor score the model."""
    a, b = atlas.places.get(s.from_), atlas.places.get(s.to)
    if a is None or b is None:
        return False
    if field == "minutes" and all(o.by == "bus" for o in s.minutes):
        return False
    if any(atlas.resolve(p.id, "coord").estimate for p in (a, b)):
        return False
    return _gc(a, b) >= 1 and not cited(s, field).estimate


def _pairs(atlas: Atlas, samples: list[RoadSample], field: str) -> Pairs:
    """(great-circle km, cited value) of each sample's ``field``."""
    out: Pairs = []
    for s in samples:
        d = _gc(atlas.places[s.from_], atlas.places[s.to])
        out.append((d, float(cited(s, field).value)))
    return out


def _samples(atlas: Atlas, field: str, *, urban: bool = False) -> tuple[Pairs, Pairs]:
    fit, held = split(atlas, field, urban=urban)
    return _pairs(atlas, fit, field), _pairs(atlas, held, field)


def fit_line(
    km: np.ndarray,
    minutes: np.ndarray,
    *,
    speed_kmh: tuple[float, float],
    overhead_min: tuple[float, float],
) -> tuple[float, float]:
    """(speed km/h, overhead minutes) of ``minutes = overhead + km / speed × 60`` with the least
    squared relative error, both within their bounds.

    A bound that binds is not a clamp of the free fit: the other parameter is refitted with
    it held (a clamped overhead with the free fit's slope left the speed where a negative
    overhead had put it, 74 km/h where the cited drives say 91). The optimum lies inside or on
    an edge of the box, so the free fit and the best point of each edge are compared.
    """
    w = 1.0 / minutes**2  # relative errors count equally
    s_lo, s_hi = 60.0 / speed_kmh[1], 60.0 / speed_kmh[0]  # minutes per km
    o_lo, o_hi = overhead_min

    def sse(slope: float, over: float) -> float:
        return float(np.sum(w * (over + slope * km - minutes) ** 2))

    def over_at(slope: float) -> float:
        o = float(np.sum(w * (minutes - slope * km)) / np.sum(w))
        return min(max(o, o_lo), o_hi)

    def slope_at(over: float) -> float:
        b = float(np.sum(w * km * (minutes - over)) / np.sum(w * km * km))
        return min(max(b, s_lo), s_hi)

    candidates = [(s_lo, over_at(s_lo)), (s_hi, over_at(s_hi))]
    candidates += [(slope_at(o_lo), o_lo), (slope_at(o_hi), o_hi)]
    b, o = (float(x) for x in np.polyfit(km, minutes, 1, w=np.sqrt(w)))
    if s_lo <= b <= s_hi and o_lo <= o <= o_hi:
        candidates.append((b, o))
    slope, over = min(candidates, key=lambda c: sse(*c))
    return 60.0 / slope, over


def calibrate(atlas: Atlas) -> RoadModel:
    """Fit the factor model on the cited samples between towns (estimates are never fitted on).

    The distance factor is fitted on samples with a cited distance, the speed and overhead on
    samples with a cited driving time (the speed at most `MAX_SPEED_KMH`), leaving every
    third sample out (`HOLD_OUT_EVERY`); defaults (themselves an estimate) apply with fewer
    than three samples. Errors are mean absolute percentage errors on the fitted samples and,
    separately, on the held-out ones.
    """
    km_fit, km_held = _samples(atlas, "km")
    min_fit, min_held = _samples(atlas, "minutes")
    if len(km_fit) < 3 or len(min_fit) < 3:
        n = min(len(km_fit), len(min_fit))
        return RoadModel(DEFAULT_FACTOR, DEFAULT_SPEED, DEFAULT_OVERHEAD, n, None, None)
    g, k = (np.array(c) for c in zip(*km_fit, strict=True))
    factor = float((g @ k) / (g @ g))
    gm, m = (np.array(c) for c in zip(*min_fit, strict=True))
    floor = calibrate_urban(atlas, factor).overhead_min
    speed, overhead = fit_line(
        factor * gm, m, speed_kmh=(MIN_SPEED_KMH, MAX_SPEED_KMH), overhead_min=(floor, 30.0)
    )

    def minutes(gc: np.ndarray) -> np.ndarray:
        return overhead + factor * gc / speed * 60

    held_km = np.array(km_held).reshape(-1, 2)
    held_min = np.array(min_held).reshape(-1, 2)
    return RoadModel(
        factor,
        speed,
        overhead,
        len(km_fit) + len(min_fit),
        _mape(factor * g, k),
        _mape(minutes(gm), m),
        len(km_held) + len(min_held),
        _mape(factor * held_km[:, 0], held_km[:, 1]),
        _mape(minutes(held_min[:, 0]), held_min[:, 1]),
    )


def calibrate_urban(atlas: Atlas, road_factor: float) -> UrbanModel:
    """Fit the urban model on the cited in-town samples (`is_urban`), every third held out.

    The km factor is fitted on cited in-town distances (``road_factor``, the factor model's,
    with fewer than two); overhead and city speed by least squares on relative error over
    cited in-town car times (`fit_line`), the speed within `URBAN_SPEED_BOUNDS` and the
    overhead within `URBAN_OVERHEAD_BOUNDS`. With fewer than two cited times `URBAN_DEFAULT`
    applies, marked as an estimate.
    """
    km_fit, km_held = _samples(atlas, "km", urban=True)
    min_fit, min_held = _samples(atlas, "minutes", urban=True)
    factor = road_factor
    if len(km_fit) >= 2:
        g, k = (np.array(c) for c in zip(*km_fit, strict=True))
        factor = float(min(max((g @ k) / (g @ g), 1.0), 2.5))
    overhead, speed = URBAN_DEFAULT
    estimate = len(min_fit) < 2
    if not estimate:
        gm, m = (np.array(c) for c in zip(*min_fit, strict=True))
        speed, overhead = fit_line(
            factor * gm, m, speed_kmh=URBAN_SPEED_BOUNDS, overhead_min=URBAN_OVERHEAD_BOUNDS
        )
    model = UrbanModel(factor, speed, overhead, len(km_fit) + len(min_fit), estimate)
    held_km = np.array(km_held).reshape(-1, 2)
    held_min = np.array(min_held).reshape(-1, 2)
    mins = np.array([model.minutes(factor * gc) for gc in held_min[:, 0]])
    return UrbanModel(
        factor,
        speed,
        overhead,
        model.samples,
        estimate,
        len(km_held) + len(min_held),
        _mape(factor * held_km[:, 0], held_km[:, 1]),
        _mape(mins, held_min[:, 1]),
    )


@dataclass(frozen=True)
class Segment:
    """An edge of the road graph: two places, its cited km, minutes (cited, or the factor
    model's for the cited km when no time is cited: ``minutes_cited`` False) and road name."""

    a: str
    b: str
    km: float
    minutes: float
    minutes_cited: bool
    road: str


class RoadGraph:
    """The sourced segments as an undirected graph, with all-pairs fastest paths (Floyd)."""

    def __init__(self, atlas: Atlas, road: RoadModel) -> None:
        self.segments: list[Segment] = []
        for s in atlas.pack.roads:
            if not s.segment or s.from_ not in atlas.places or s.to not in atlas.places:
                continue
            km_fact = resolve(s.km)
            if km_fact.estimate:
                continue  # never a road we cannot cite (`qianxing data check` says so)
            km = float(km_fact.value)
            mins = cited(s, "minutes")
            if mins.estimate:  # no cited car time: a bus's cited time, else the factor model
                mins = resolve(s.minutes)
            known = not mins.estimate
            minutes = float(mins.value) if known else road.minutes(km)
            self.segments.append(Segment(s.from_, s.to, km, minutes, known, s.road or ""))
        self.nodes = sorted({x for g in self.segments for x in (g.a, g.b)})
        self.pos = {p: i for i, p in enumerate(self.nodes)}
        n = len(self.nodes)
        self.minutes = np.full((n, n), np.inf)
        self.km = np.full((n, n), np.inf)
        np.fill_diagonal(self.minutes, 0.0)
        np.fill_diagonal(self.km, 0.0)
        for seg in self.segments:
            i, j = self.pos[seg.a], self.pos[seg.b]
            if seg.minutes < self.minutes[i, j]:
                self.minutes[i, j] = self.minutes[j, i] = seg.minutes
                self.km[i, j] = self.km[j, i] = seg.km
        self.nxt = np.where(np.isfinite(self.minutes), np.arange(n)[None, :], -1)
        for k in range(n):
            via = self.minutes[:, k : k + 1] + self.minutes[k : k + 1, :]
            better = via < self.minutes - 1e-9
            self.minutes = np.where(better, via, self.minutes)
            self.km = np.where(better, self.km[:, k : k + 1] + self.km[k : k + 1, :], self.km)
            self.nxt = np.where(better, self.nxt[:, k : k + 1], self.nxt)

    def path(self, u: str, v: str) -> list[str]:
        """The nodes of the fastest path from ``u`` to ``v`` (empty when none)."""
        i, j = self.pos[u], self.pos[v]
        if self.nxt[i, j] < 0:
            return []
        out = [u]
        while i != j:
            i = int(self.nxt[i, j])
            out.append(self.nodes[i])
        return out


class Roads:
    """The road model as the travel model uses it: `route` picks urban, graph or factor."""

    def __init__(self, atlas: Atlas, *, model: RoadModel | None = None) -> None:
        self.atlas = atlas
        self.model = calibrate(atlas) if model is None else model
        self.urban = calibrate_urban(atlas, self.model.factor)
        self.graph = RoadGraph(atlas, self.model)
        self._routes: dict[tuple[str, str], Route] = {}
        self._accesses: dict[str, list[tuple[str, float, float]]] = {}

    def _access(self, p: Place) -> list[tuple[str, float, float]]:
        """(node, km, minutes) of the ways onto the graph from ``p``, found once per place:
        a travel model routes every pair of places, and each scanned every node twice
        (30 000 scans for a model of the pack, most of its build's CPU)."""
        found = self._accesses.get(p.id)
        if found is None:
            found = self._accesses[p.id] = self._scan_access(p)
        return found

    def _scan_access(self, p: Place) -> list[tuple[str, float, float]]:
        if p.id in self.graph.pos:
            return [(p.id, 0.0, 0.0)]
        out = []
        for node in self.graph.nodes:
            gc = _gc(p, self.atlas.places[node])
            if gc <= ACCESS_MAX_GC_KM:
                km = self.model.factor * gc
                out.append((node, km, km / self.model.speed_kmh * 60.0))
        return out

    def _graph_route(self, a: Place, b: Place) -> Route | None:
        best: tuple[float, float, str, str] | None = None
        g = self.graph
        for u, ka, ma in self._access(a):
            for v, kb, mb in self._access(b):
                i, j = g.pos[u], g.pos[v]
                if u == v or not math.isfinite(g.minutes[i, j]):
                    continue
                minutes = ma + float(g.minutes[i, j]) + mb
                if best is None or minutes < best[0]:
                    best = (minutes, ka + float(g.km[i, j]) + kb, u, v)
        if best is None:
            return None
        minutes, km, u, v = best
        via = g.path(u, v)
        straight = _gc(a, b)
        for node in via:
            if node in (a.id, b.id):
                continue
            p = self.atlas.places[node]
            if _gc(a, p) + _gc(p, b) > DETOUR_MAX * straight:
                return None  # a detour by a town the road does not pass
        return Route(km, minutes, "graph", tuple(via))

    def route(self, a: Place, b: Place) -> Route:
        """Road km and minutes from ``a`` to ``b`` and the part of the model that gave them."""
        key = (a.id, b.id)
        if key not in self._routes:
            self._routes[key] = self._route(a, b)
        return self._routes[key]

    def _route(self, a: Place, b: Place) -> Route:
        if a.id == b.id:
            return Route(0.0, 0.0, "urban")
        if is_urban(a, b):
            km = self.urban.km(a, b)
            return Route(km, self.urban.minutes(km), "urban")
        graph = self._graph_route(a, b)
        if graph is not None:
            return graph
        km = self.model.km(a, b)
        return Route(km, self.model.minutes(km), "factor")


def _scores(roads: Roads, samples: list[RoadSample], field: str) -> dict[str, list[float]]:
    """Absolute percentage errors of the held-out ``samples`` by the part that routes them, and
    of the factor model alone on the same samples (``factor-alone:<part>``)."""
    out: dict[str, list[float]] = {}
    for s in samples:
        a, b = roads.atlas.places[s.from_], roads.atlas.places[s.to]
        figure = float(cited(s, field).value)
        r = roads.route(a, b)
        value = r.km if field == "km" else r.minutes
        fkm = roads.model.km(a, b)
        alone = fkm if field == "km" else roads.model.minutes(fkm)
        out.setdefault(r.method, []).append(abs(value - figure) / figure * 100)
        out.setdefault(f"factor-alone:{r.method}", []).append(abs(alone - figure) / figure * 100)
    return out


def road_figures(roads: Roads) -> dict[str, object]:
    """The road model, part by part, and its errors as `qianxing data report` prints them."""

    def pct(x: float | None) -> float | None:
        return None if x is None else round(x, 1)

    def mean(xs: list[float] | None) -> float | None:
        return None if not xs else round(float(np.mean(xs)), 1)

    road, urban, graph = roads.model, roads.urban, roads.graph
    atlas = roads.atlas
    held = {f: split(atlas, f)[1] + split(atlas, f, urban=True)[1] for f in ("km", "minutes")}
    scores = {f: _scores(roads, held[f], f) for f in held}
    parts: dict[str, object] = {}
    for method in ("urban", "graph", "factor"):
        parts[method] = {
            "held_out_km": len(scores["km"].get(method, [])),
            "held_out_minutes": len(scores["minutes"].get(method, [])),
            "held_out_mape_km_percent": mean(scores["km"].get(method)),
            "held_out_mape_minutes_percent": mean(scores["minutes"].get(method)),
            "factor_alone_mape_km_percent": mean(scores["km"].get(f"factor-alone:{method}")),
            "factor_alone_mape_minutes_percent": mean(
                scores["minutes"].get(f"factor-alone:{method}")
            ),
        }
    every = {f: [x for k, v in scores[f].items() if ":" not in k for x in v] for f in scores}
    alone = {f: [x for k, v in scores[f].items() if ":" in k for x in v] for f in scores}
    return {
        "samples": road.samples,
        "held_out_samples": road.held_out,
        "factor": round(road.factor, 3),
        "speed_kmh": round(road.speed_kmh, 1),
        "overhead_min": round(road.overhead_min, 1),
        "mape_km_percent": pct(road.mape_km),
        "mape_minutes_percent": pct(road.mape_minutes),
        "held_out_mape_km_percent": pct(road.held_out_mape_km),
        "held_out_mape_minutes_percent": pct(road.held_out_mape_minutes),
        "urban": {
            "factor": round(urban.factor, 3),
            "speed_kmh": round(urban.speed_kmh, 1),
            "overhead_min": round(urban.overhead_min, 1),
            "samples": urban.samples,
            "estimate": urban.estimate,
            "held_out_samples": urban.held_out,
            "held_out_mape_km_percent": pct(urban.held_out_mape_km),
            "held_out_mape_minutes_percent": pct(urban.held_out_mape_minutes),
        },
        "graph": {
            "segments": len(graph.segments),
            "nodes": len(graph.nodes),
            "segments_with_cited_minutes": sum(s.minutes_cited for s in graph.segments),
        },
        "parts": parts,
        "all_held_out": {
            "km": len(every["km"]),
            "minutes": len(every["minutes"]),
            "mape_km_percent": mean(every["km"]),
            "mape_minutes_percent": mean(every["minutes"]),
            "factor_alone_mape_km_percent": mean(alone["km"]),
            "factor_alone_mape_minutes_percent": mean(alone["minutes"]),
        },
        "method": "graph: fastest path over the cited segments (segment: true), legs to the "
        "nearest nodes by the factor model, used unless it detours; urban: overhead + km / "
        "city speed for hops within one town, fitted on cited in-town figures; factor: road "
        "km = factor x great-circle km, minutes = overhead + km/speed, least squares on "
        "relative error elsewhere, on car times only (a bus's time, by: bus, is kept but not "
        "fitted; nor is a figure to an estimated point). Non-segment samples the graph routes "
        "are held out, and of the others of each part, sorted by from/to, every "
        f"{HOLD_OUT_EVERY}rd; held-out figures are only scored; error = mean "
        "absolute percentage error; each held-out figure is scored by the part that routes "
        "it, and by the factor model alone for comparison",
    }
