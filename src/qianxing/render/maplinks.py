"""Where each stop of an itinerary is, and links that open it in Chinese map apps.

The pack stores WGS84; Amap (高德) expects GCJ-02 and Baidu BD-09, so every link converts
explicitly with :func:`qianxing.geo.from_wgs84` and names its datum in the URL:

* Amap marker URI (lbs.amap.com/api/uri-api/guide/mobile-web/point):
  ``position=lon,lat`` (longitude first), ``name``, ``src``, ``coordinate=gaode`` (GCJ-02),
  ``callnative=0`` (stay in the browser).
* Baidu marker URI (lbsyun.baidu.com uri/api/web): ``location=lat,lng`` (latitude first),
  ``title``, ``content``, ``output=html``, ``coord_type=bd09ll``, ``src``.

The helpers :func:`day_points` and :func:`place_name` are shared by the GeoJSON, GPX and ICS
exports; they read only the itinerary (stops and visits carry their WGS84 coordinates).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote, urlencode

from ..geo import from_wgs84
from ..model import Day

AMAP_MARKER = "https://uri.amap.com/marker"
BAIDU_MARKER = "https://api.map.baidu.com/marker"
SOURCE = "qianxing"
PRECISION = 6  # decimal places: about 0.1 m

PointKind = Literal["start", "visit", "end"]


def _query(params: dict[str, str]) -> str:
    # quote (not quote_plus): spaces become %20, which both map sites decode; commas stay
    return urlencode(params, quote_via=quote, safe=",")


def amap_url(lat: float, lon: float, name: str) -> str:
    """An Amap marker link for a WGS84 point (converted to GCJ-02, ``position=lon,lat``)."""
    glat, glon = from_wgs84(lat, lon, "GCJ-02")
    params = {
        "position": f"{glon:.{PRECISION}f},{glat:.{PRECISION}f}",
        "name": name,
        "src": SOURCE,
        "coordinate": "gaode",
        "callnative": "0",
    }
    return f"{AMAP_MARKER}?{_query(params)}"


def baidu_url(lat: float, lon: float, name: str) -> str:
    """A Baidu Maps marker link for a WGS84 point (converted to BD-09, ``location=lat,lon``)."""
    blat, blon = from_wgs84(lat, lon, "BD-09")
    params = {
        "location": f"{blat:.{PRECISION}f},{blon:.{PRECISION}f}",
        "title": name,
        "content": name,
        "output": "html",
        "coord_type": "bd09ll",
        "src": SOURCE,
    }
    return f"{BAIDU_MARKER}?{_query(params)}"


@dataclass(frozen=True)
class MapLinks:
    """The two map links of one point."""

    amap: str
    baidu: str


def map_links(lat: float, lon: float, name: str) -> MapLinks:
    """Amap and Baidu links for a WGS84 point."""
    return MapLinks(amap=amap_url(lat, lon, name), baidu=baidu_url(lat, lon, name))


@dataclass(frozen=True)
class Point:
    """One located stop of a day: its start, a visit, or its end (WGS84)."""

    kind: PointKind
    order: int
    place: str
    name: str
    lat: float
    lon: float
    arrive: str | None
    leave: str | None


def day_points(day: Day) -> list[Point]:
    """The day's start, visits and end in order; a start or end saved without coordinates
    (trips saved before stops carried them) is skipped."""
    out: list[Point] = []
    s, e = day.start, day.end
    if s.lat is not None and s.lon is not None:
        out.append(Point("start", 0, s.place, s.name, s.lat, s.lon, None, s.time))
    for i, v in enumerate(day.visits, start=1):
        out.append(Point("visit", i, v.place, v.name, v.lat, v.lon, v.arrive, v.leave))
    if e.lat is not None and e.lon is not None:
        n = len(day.visits) + 1
        out.append(Point("end", n, e.place, e.name, e.lat, e.lon, e.time, None))
    return out


def place_name(place_id: str, day: Day) -> str:
    """A place id's display name from the day's own stops and steps, else the id."""
    for stop in (day.start, day.end):
        if stop.place == place_id:
            return stop.name
    for v in day.visits:
        if v.place == place_id:
            return v.name
    for leg in day.legs:
        for step in leg.steps:
            if step.from_ == place_id and step.from_name:
                return step.from_name
            if step.to == place_id and step.to_name:
                return step.to_name
    return place_id


__all__ = [
    "MapLinks",
    "Point",
    "amap_url",
    "baidu_url",
    "day_points",
    "map_links",
    "place_name",
]
