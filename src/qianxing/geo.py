"""Coordinates: datum conversion (GCJ-02/BD-09 to WGS84) and great-circle distance.

Chinese map apps publish offset coordinates (Amap and Tencent use GCJ-02, Baidu BD-09);
the pack stores WGS84 only, so every offset source is converted here, explicitly, on load.
"""

from __future__ import annotations

import math

import prcoords

EARTH_RADIUS_KM = 6371.0088


def to_wgs84(lat: float, lon: float, datum: str) -> tuple[float, float]:
    """Convert (lat, lon) in ``datum`` to WGS84 (lat, lon).

    Uses the iterative ("bored") inverses, accurate to about a centimetre, because a
    one-step inverse leaves metres of error that add up in distances.
    """
    if datum == "WGS84":
        return lat, lon
    if datum == "GCJ-02":
        c = prcoords.gcj_wgs_bored((lat, lon))
    elif datum == "BD-09":
        c = prcoords.bd_wgs_bored((lat, lon))
    else:
        raise ValueError(f"datum {datum!r} not understood (WGS84, GCJ-02 or BD-09)")
    return float(c.lat), float(c.lon)


def from_wgs84(lat: float, lon: float, datum: str) -> tuple[float, float]:
    """Convert WGS84 (lat, lon) to ``datum``, e.g. for Amap (GCJ-02) or Baidu (BD-09) links.

    The offsets apply inside China only: a point outside it (any itinerary a client sends may
    hold one) is returned unchanged, without prcoords' warning.
    """
    if datum not in ("WGS84", "GCJ-02", "BD-09"):
        raise ValueError(f"datum {datum!r} not understood (WGS84, GCJ-02 or BD-09)")
    if datum == "WGS84" or not prcoords.sanity_in_china_p(prcoords.Coords(lat, lon)):
        return lat, lon
    if datum == "GCJ-02":
        c = prcoords.wgs_gcj((lat, lon))
    elif datum == "BD-09":
        c = prcoords.wgs_bd((lat, lon))
    else:
        raise ValueError(f"datum {datum!r} not understood (WGS84, GCJ-02 or BD-09)")
    return float(c.lat), float(c.lon)


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance in kilometres between two WGS84 points (lat/lon in degrees)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
