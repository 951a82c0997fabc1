"""Where each step of a leg runs on the map: its points (WGS84 lat/lon) and whether they
follow the real line.

The pack knows a ride's stops and a drive's junctions, not the shape of the track or road
between them, so a step's line is drawn through every point the pack knows on its way:

* a train or bus: the stops of its GTFS trip from where the traveller boards to where they
  get off (``stop_times.txt``, in order), so a ride with stations between is drawn through
  them;
* a taxi or car: the junction places of the cited road segments the road model routes it
  along (`roads.Roads.route`, its ``graph`` part);
* a walk, a drive the road model times by its urban or factor formula, a ride whose trip
  has no stop between the two: only the two ends are known, a straight line.

``exact`` is True when the line passes through at least one known point between its ends
(stations, junctions): it follows the real line's course, although it is straight between
those points. The map draws exact lines solid and the others dashed; the GeoJSON and GPX
exports carry the same points.
"""

from __future__ import annotations

import csv
import functools
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ..data.atlas import load_atlas
from ..model import Day, Itinerary, Leg, Step
from ..modes import CAR_MODES, MODES
from ..roads import Roads
from .maplinks import day_points

LatLon = tuple[float, float]


@dataclass(frozen=True)
class Line:
    """One step of a leg on the map: ``points`` as (lat, lon) in WGS84, in travel order."""

    mode: str
    points: tuple[LatLon, ...]
    exact: bool


@dataclass(frozen=True)
class _Trip:
    name: str  # trip_short_name: the train number, or empty
    stops: tuple[str, ...]  # stop ids in order


@dataclass(frozen=True)
class _Pack:
    """What the lines of one region are drawn from."""

    where: dict[str, LatLon]  # place or stop id -> WGS84
    trips: dict[str, tuple[_Trip, ...]]  # route id -> its trips' stop sequences
    roads: Roads


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8-sig", newline="") as f:
        return [{k.strip(): (v or "").strip() for k, v in r.items()} for r in csv.DictReader(f)]


@functools.cache
def _pack(region: str) -> _Pack:
    atlas = load_atlas(region)
    gtfs = atlas.pack.root / "gtfs"
    where: dict[str, LatLon] = {}
    for r in _rows(gtfs / "stops.txt"):
        try:
            where[r["stop_id"]] = (float(r["stop_lat"]), float(r["stop_lon"]))
        except (KeyError, ValueError):
            continue
    for pid, p in atlas.places.items():
        where[pid] = (p.lat, p.lon)
    seqs: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for r in _rows(gtfs / "stop_times.txt"):
        seqs[r["trip_id"]].append((int(r["stop_sequence"]), r["stop_id"]))
    trips: dict[str, list[_Trip]] = defaultdict(list)
    for r in _rows(gtfs / "trips.txt"):
        stops = tuple(s for _, s in sorted(seqs.get(r["trip_id"], [])))
        trips[r["route_id"]].append(_Trip(r.get("trip_short_name", ""), stops))
    return _Pack(where, {k: tuple(v) for k, v in trips.items()}, Roads(atlas))


def _ride(pack: _Pack, step: Step) -> list[str] | None:
    """The stop ids a ride passes, boarding to alighting (its train's trip first)."""
    service = step.service
    if service is None:
        return None
    best: list[str] | None = None
    for trip in pack.trips.get(service.route, ()):
        if step.from_ not in trip.stops or step.to not in trip.stops:
            continue
        i, j = trip.stops.index(step.from_), trip.stops.index(step.to)
        if i >= j:
            continue
        stops = list(trip.stops[i : j + 1])
        if trip.name and trip.name == service.id:
            return stops
        if best is None or len(stops) > len(best):
            best = stops
    return best


def _drive(pack: _Pack, step: Step) -> list[str] | None:
    """The junction places of the cited road segments a drive is routed along."""
    places = pack.roads.atlas.places
    a, b = places.get(step.from_), places.get(step.to)
    if a is None or b is None:
        return None
    route = pack.roads.route(a, b)
    if route.method != "graph" or not route.via:
        return None
    via = [n for n in route.via if n not in (a.id, b.id)]
    return [a.id, *via, b.id]


def step_line(pack: _Pack, step: Step, ends: dict[str, LatLon]) -> Line | None:
    """The line of one step (None when one of its ends is nowhere we know)."""
    ids: list[str] | None = None
    if MODES.get(step.mode, MODES["walk"]).scheduled:
        ids = _ride(pack, step)
    elif step.mode in CAR_MODES:
        ids = _drive(pack, step)
    if ids is not None:
        pts = [pack.where[i] for i in ids if i in pack.where]
        if len(pts) == len(ids):
            return Line(step.mode, tuple(pts), len(pts) > 2)
    a = pack.where.get(step.from_) or ends.get(step.from_)
    b = pack.where.get(step.to) or ends.get(step.to)
    if a is None or b is None:
        return None
    return Line(step.mode, (a, b), False)


def _ends(day: Day) -> dict[str, LatLon]:
    return {p.place: (p.lat, p.lon) for p in day_points(day)}


def leg_lines(leg: Leg, day: Day, region: str) -> tuple[Line, ...]:
    """The lines of a leg's steps (a leg saved without steps: one line between its ends)."""
    pack = _pack(region)
    ends = _ends(day)
    if not leg.steps:
        a, b = ends.get(leg.from_), ends.get(leg.to)
        return (Line(leg.mode, (a, b), False),) if a and b else ()
    return tuple(x for s in leg.steps if (x := step_line(pack, s, ends)) is not None)


def moves(leg: Leg) -> bool:
    """Whether a leg goes anywhere: a day that stays where it began (an arrival with nothing
    to see) has a leg from the place to itself, which no view or map shows."""
    return not (leg.from_ == leg.to and leg.minutes == 0 and not leg.steps)


def day_lines(day: Day, region: str) -> tuple[tuple[Line, ...], ...]:
    """Each leg's lines, in the day's order (legs that go nowhere left out)."""
    return tuple(leg_lines(leg, day, region) for leg in day.legs if moves(leg))


def trip_lines(it: Itinerary) -> tuple[tuple[tuple[Line, ...], ...], ...]:
    """Every day's legs' lines: ``trip_lines(it)[d][l]`` are the steps of leg ``l`` of day
    ``d + 1``."""
    return tuple(day_lines(day, it.request.region) for day in it.days)


__all__ = ["Line", "day_lines", "leg_lines", "moves", "step_line", "trip_lines"]
