"""GeoJSON (RFC 7946) export: a Point per stop and a LineString per leg, in WGS84 [lon, lat].

A leg's line runs through the points of its steps (`render/geometry.py`: the stations of a
ride, the junctions of a cited road); its ``parts`` property says which positions each step
covers and whether that step's line is ``exact`` (passes known points on the way) or joins
its two ends only.
"""

from __future__ import annotations

import json
from typing import Any

from ..model import Itinerary, Leg
from .geometry import Line, day_lines, moves
from .maplinks import PRECISION, day_points


def _pos(lat: float, lon: float) -> list[float]:
    # RFC 7946 §3.1.1: longitude first, then latitude; WGS84 (§4), so no "crs" member
    return [round(lon, PRECISION), round(lat, PRECISION)]


def _path(lines: tuple[Line, ...]) -> tuple[list[list[float]], list[dict[str, Any]]]:
    """The leg's positions (steps joined, a shared end once) and each step's part of them."""
    coords: list[list[float]] = []
    parts: list[dict[str, Any]] = []
    for line in lines:
        pts = [_pos(lat, lon) for lat, lon in line.points]
        if coords and pts and coords[-1] == pts[0]:
            pts = pts[1:]
            first = len(coords) - 1
        else:
            first = len(coords)
        coords.extend(pts)
        parts.append(
            {"mode": line.mode, "exact": line.exact, "first": first, "last": len(coords) - 1}
        )
    return coords, parts


def _leg_feature(
    day: int, order: int, leg: Leg, coords: list[list[float]], parts: list[dict[str, Any]]
) -> dict[str, Any]:
    fare = leg.fare
    return {
        "type": "Feature",
        "geometry": {"type": "LineString", "coordinates": coords},
        "properties": {
            "kind": "leg",
            "day": day,
            "order": order,
            "from": leg.from_,
            "to": leg.to,
            "mode": leg.mode,
            "depart": leg.depart,
            "arrive": leg.arrive,
            "minutes": leg.minutes,
            "km": leg.km,
            "fare_low": fare.low if fare else None,
            "fare_high": fare.high if fare else None,
            "overcharge_above": fare.overcharge_above if fare else None,
            "estimate": leg.estimate,
            "parts": parts,
            "geometry_note": "each part passes the stations or road junctions the data knows "
            "on the way (exact) or joins its two ends only (not exact); straight between "
            "known points, not the surveyed road or track",
        },
    }


def features(it: Itinerary) -> list[dict[str, Any]]:
    """The itinerary's features: each day's stops (Points) then its legs (LineStrings)."""
    out: list[dict[str, Any]] = []
    for day in it.days:
        points = day_points(day)
        for p in points:
            out.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": _pos(p.lat, p.lon)},
                    "properties": {
                        "kind": p.kind,
                        "day": day.day,
                        "date": day.date,
                        "order": p.order,
                        "name": p.name,
                        "place": p.place,
                        "arrive": p.arrive,
                        "leave": p.leave,
                    },
                }
            )
        lines = day_lines(day, it.request.region)
        legs = [leg for leg in day.legs if moves(leg)]
        for i, (leg, steps) in enumerate(zip(legs, lines, strict=True), start=1):
            coords, parts = _path(steps)
            if len(coords) >= 2:
                out.append(_leg_feature(day.day, i, leg, coords, parts))
    return out


def _bbox(feats: list[dict[str, Any]]) -> list[float] | None:
    pts: list[list[float]] = []
    for f in feats:
        g = f["geometry"]
        pts.extend([g["coordinates"]] if g["type"] == "Point" else g["coordinates"])
    if not pts:
        return None
    lons, lats = [p[0] for p in pts], [p[1] for p in pts]
    return [min(lons), min(lats), max(lons), max(lats)]


def to_geojson_dict(it: Itinerary) -> dict[str, Any]:
    """The itinerary as a GeoJSON FeatureCollection (a dict)."""
    feats = features(it)
    out: dict[str, Any] = {"type": "FeatureCollection"}
    bbox = _bbox(feats)
    if bbox is not None:
        out["bbox"] = bbox
    out["features"] = feats
    return out


def to_geojson(it: Itinerary) -> str:
    """The itinerary as GeoJSON text (RFC 7946, UTF-8, names unescaped)."""
    return json.dumps(to_geojson_dict(it), ensure_ascii=False, indent=1) + "\n"


__all__ = ["features", "to_geojson", "to_geojson_dict"]
