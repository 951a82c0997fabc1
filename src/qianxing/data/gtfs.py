"""A region's public-transport timetable, read from the pack's GTFS feed (``gtfs/``).

The feed is standard GTFS (https://gtfs.org/schedule/reference/) so it can be read, checked
and extended with the ecosystem's tools; ``qianxing data check`` validates it with gtfs-kit.
Every trip, frequency and fare row carries extra provenance columns (``source``, ``date``,
``dated``, ``seen``, ``kind``, ``method``, ``note``) under the same rule as the rest of the pack
(``dated`` is 0 when the source states no date; ``date`` is then the day we saw it). Stop ids
are pack place ids, so a stop's coordinates are the cited coordinates of that place.

This module only reads: it knows nothing of travel models or solving. Times are minutes after
midnight, local (Asia/Shanghai); GTFS allows times past 24:00 for trips that run overnight.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .schema import Observation

FEED_FILES = (
    "agency.txt",
    "stops.txt",
    "routes.txt",
    "trips.txt",
    "stop_times.txt",
    "calendar.txt",
    "frequencies.txt",
    "fare_attributes.txt",
    "fare_rules.txt",
    "feed_info.txt",
)
ROUTE_MODE = {"2": "rail", "3": "bus"}
"""GTFS route_type → our mode; a bus route described as ``shuttle`` is a scenic shuttle."""


def gtfs_minutes(text: str) -> int:
    """Minutes after midnight of a GTFS time (``H:MM:SS``, hours may exceed 23)."""
    h, m, *_ = text.strip().split(":")
    return int(h) * 60 + int(m)


def gtfs_time(minutes: float) -> str:
    """The GTFS ``HH:MM:SS`` of minutes after midnight."""
    m = round(minutes)
    return f"{m // 60:02d}:{m % 60:02d}:00"


@dataclass(frozen=True)
class Provenance:
    """Where a timetable row came from, under the pack's observation rule."""

    source: str
    date: dt.date
    kind: str
    method: str | None = None
    note: str | None = None
    dated: bool = True  # False: the source states no date and ``date`` is the day we saw it
    seen: dt.date | None = None

    def observation(self, value: object) -> Observation[Any]:
        return Observation.model_validate(
            {
                "value": value,
                "source": self.source,
                "date": self.date,
                "dated": self.dated,
                "seen": self.seen,
                "kind": self.kind,
                "method": self.method,
                "note": self.note,
            }
        )


@dataclass(frozen=True)
class Route:
    id: str
    mode: str  # rail | bus | shuttle
    short_name: str
    long_name: str


@dataclass(frozen=True)
class Departure:
    """One scheduled ride between two stops of a trip: a train or bus a traveller can take."""

    trip_id: str
    route: Route
    service_id: str
    name: str  # train number or route name, as a traveller reads it
    from_stop: str
    to_stop: str
    depart: int
    arrive: int
    provenance: Provenance
    headway: int | None = None  # minutes, when the departure comes from frequencies.txt
    exact: bool = True  # False when a stop time is derived (GTFS timepoint = 0)

    @property
    def minutes(self) -> int:
        return self.arrive - self.depart


@dataclass(frozen=True)
class Fare:
    route_id: str
    low: float
    high: float
    provenance: Provenance


@dataclass
class Feed:
    """The feed's rides indexed by stop pair, each pair's departures sorted by time."""

    root: Path
    stops: dict[str, str] = field(default_factory=dict)  # stop_id -> stop_name
    routes: dict[str, Route] = field(default_factory=dict)
    rides: dict[tuple[str, str], list[Departure]] = field(default_factory=dict)
    fares: dict[str, list[Fare]] = field(default_factory=dict)  # route_id -> observations
    service_days: dict[str, tuple[frozenset[int], dt.date, dt.date]] = field(default_factory=dict)
    end: dt.date | None = None
    """The last day the feed's timetable covers (``feed_info.txt``'s ``feed_end_date``, else
    the latest ``end_date`` in ``calendar.txt``)."""

    def past_end(self, date: dt.date | None) -> bool:
        """Whether ``date`` lies after the last day the timetable covers."""
        return date is not None and self.end is not None and date > self.end

    def timetable_date(self, date: dt.date | None) -> dt.date | None:
        """The day of the timetable a date is planned on: itself inside the feed; past the
        feed's end, the last covered day on the same weekday (the latest known timetable is
        assumed to still run, and the plan says so: `qianxing.enrich.timetable`)."""
        if date is None or self.end is None or date <= self.end:
            return date
        return date - dt.timedelta(weeks=-(-(date - self.end).days // 7))

    def departures(self, a: str, b: str) -> list[Departure]:
        """Every ride from stop ``a`` to stop ``b``, in order of departure."""
        return self.rides.get((a, b), [])

    def runs_on(self, service_id: str, date: dt.date | None) -> bool:
        """Whether a service runs on ``date`` (any date inside the feed when None). A date
        after the feed's end is read as the same weekday of its last week
        (:meth:`timetable_date`): a service that ended before that does not run."""
        if service_id not in self.service_days:
            return False
        weekdays, start, end = self.service_days[service_id]
        date = self.timetable_date(date)
        if date is None:
            return True
        return start <= date <= end and date.weekday() in weekdays

    def next_departure(
        self, a: str, b: str, earliest: float, date: dt.date | None = None
    ) -> Departure | None:
        """The first ride from ``a`` to ``b`` leaving at or after ``earliest`` on ``date``."""
        for d in self.departures(a, b):
            if d.depart >= earliest - 1e-9 and self.runs_on(d.service_id, date):
                return d
        return None


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8-sig", newline="") as f:
        return [{k.strip(): (v or "").strip() for k, v in r.items()} for r in csv.DictReader(f)]


def dated_column(text: str | None) -> bool:
    """The provenance column ``dated``: ``0`` when the source states no date (empty: dated)."""
    return (text or "1").strip() != "0"


def _provenance(row: dict[str, str]) -> Provenance:
    seen = row.get("seen")
    return Provenance(
        source=row["source"],
        date=dt.date.fromisoformat(row["date"]),
        kind=row["kind"],
        method=row.get("method") or None,
        note=row.get("note") or None,
        dated=dated_column(row.get("dated")),
        seen=dt.date.fromisoformat(seen) if seen else None,
    )


def _date(text: str) -> dt.date:
    return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))


def read_feed(root: Path) -> Feed:
    """Read a GTFS folder into rides between every ordered pair of stops on a trip.

    Raises ``KeyError``/``ValueError`` on a malformed feed; ``qianxing data check`` reports
    such problems by file and line before any of this runs.
    """
    feed = Feed(root)
    feed.stops = {r["stop_id"]: r["stop_name"] for r in _rows(root / "stops.txt")}
    for r in _rows(root / "routes.txt"):
        mode = ROUTE_MODE.get(r["route_type"], "bus")
        if mode == "bus" and r.get("route_desc") == "shuttle":
            mode = "shuttle"
        feed.routes[r["route_id"]] = Route(
            r["route_id"], mode, r.get("route_short_name", ""), r.get("route_long_name", "")
        )
    days = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    for r in _rows(root / "calendar.txt"):
        weekdays = frozenset(i for i, d in enumerate(days) if r[d] == "1")
        feed.service_days[r["service_id"]] = (
            weekdays,
            _date(r["start_date"]),
            _date(r["end_date"]),
        )
    info = _rows(root / "feed_info.txt")
    ends = [_date(r["feed_end_date"]) for r in info if r.get("feed_end_date")]
    ends = ends or [end for _, _, end in feed.service_days.values()]
    feed.end = max(ends) if ends else None
    trips = {r["trip_id"]: r for r in _rows(root / "trips.txt")}
    times: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in _rows(root / "stop_times.txt"):
        times[r["trip_id"]].append(r)
    freqs: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in _rows(root / "frequencies.txt"):
        freqs[r["trip_id"]].append(r)
    for trip_id, stop_times in times.items():
        trip = trips[trip_id]
        route = feed.routes[trip["route_id"]]
        seq = sorted(stop_times, key=lambda r: int(r["stop_sequence"]))
        name = trip.get("trip_short_name") or route.short_name or route.long_name
        if trip_id in freqs:
            for f in freqs[trip_id]:
                _expand(feed, trip, route, name, seq, f)
        else:
            _add_rides(feed, trip, route, name, seq, 0, _provenance(trip), None)
    for rides in feed.rides.values():
        rides.sort(key=lambda d: (d.depart, d.arrive, d.trip_id))
    fare_routes: dict[str, list[str]] = defaultdict(list)
    for r in _rows(root / "fare_rules.txt"):
        fare_routes[r["fare_id"]].append(r["route_id"])
    for r in _rows(root / "fare_attributes.txt"):
        low = float(r["price"])
        high = float(r.get("price_high") or low)
        for route_id in fare_routes[r["fare_id"]]:
            feed.fares.setdefault(route_id, []).append(Fare(route_id, low, high, _provenance(r)))
    return feed


def _expand(
    feed: Feed,
    trip: dict[str, str],
    route: Route,
    name: str,
    seq: list[dict[str, str]],
    f: dict[str, str],
) -> None:
    """Departures of a trip run by headway: one template trip shifted across the window."""
    start, end = gtfs_minutes(f["start_time"]), gtfs_minutes(f["end_time"])
    headway = int(f["headway_secs"]) // 60
    first = gtfs_minutes(seq[0]["departure_time"])
    prov = _provenance(f)
    t = start
    while t <= end:
        _add_rides(feed, trip, route, name, seq, t - first, prov, headway)
        t += headway


def _add_rides(
    feed: Feed,
    trip: dict[str, str],
    route: Route,
    name: str,
    seq: list[dict[str, str]],
    shift: int,
    prov: Provenance,
    headway: int | None,
) -> None:
    for i, a in enumerate(seq):
        for b in seq[i + 1 :]:
            exact = a.get("timepoint", "1") != "0" and b.get("timepoint", "1") != "0"
            feed.rides.setdefault((a["stop_id"], b["stop_id"]), []).append(
                Departure(
                    trip_id=trip["trip_id"],
                    route=route,
                    service_id=trip["service_id"],
                    name=name,
                    from_stop=a["stop_id"],
                    to_stop=b["stop_id"],
                    depart=gtfs_minutes(a["departure_time"]) + shift,
                    arrive=gtfs_minutes(b["arrival_time"]) + shift,
                    provenance=prov,
                    headway=headway,
                    exact=exact and headway is None,
                )
            )


@functools.cache
def load_feed(root: Path) -> Feed:
    """The feed at ``root``, read once per process."""
    return read_feed(root)
