"""GeoJSON (RFC 7946) export: a Point per stop and a LineString per leg, in WGS84 [lon, lat]."""

from __future__ import annotations

import json
from typing import Any

from ..model import Itinerary, Leg
from .maplinks import PRECISION, day_points


def _pos(lat: float, lon: float) -> list[float]:
    # RFC 7946 §3.1.1: longitude first, then latitude; WGS84 (§4), so no "crs" member
    return [round(lon, PRECISION), round(lat, PRECISION)]


def _leg_feature(day: int, order: int, leg: Leg, a: list[float], b: list[float]) -> dict[str, Any]:
    fare = leg.fare
    return {
        "type": "Feature",
        "geometry": {"type": "LineString", "coordinates": [a, b]},
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
            "geometry_note": "straight line between the two ends, not the road",
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
        where = {p.place: _pos(p.lat, p.lon) for p in points}
        for i, leg in enumerate(day.legs, start=1):
            a, b = where.get(leg.from_), where.get(leg.to)
            if a is not None and b is not None:
                out.append(_leg_feature(day.day, i, leg, a, b))
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
