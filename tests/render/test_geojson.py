"""GeoJSON export: RFC 7946 structure, [lon, lat] order inside Guizhou."""

from __future__ import annotations

import json
from typing import Any

from qianxing.model import Itinerary
from qianxing.render.geojson import to_geojson

LON = (103.5, 109.7)
LAT = (24.5, 29.3)


def _load(it: Itinerary) -> dict[str, Any]:
    data = json.loads(to_geojson(it))
    assert isinstance(data, dict)
    return data


def _in_guizhou(pos: list[float]) -> bool:
    lon, lat = pos
    return LON[0] <= lon <= LON[1] and LAT[0] <= lat <= LAT[1]


def test_feature_collection_structure(six_day_plan: Itinerary) -> None:
    """A FeatureCollection of Features with Point/LineString geometries and no crs member."""
    data = _load(six_day_plan)
    assert data["type"] == "FeatureCollection" and "crs" not in data
    for f in data["features"]:
        assert f["type"] == "Feature" and isinstance(f["properties"], dict)
        assert f["geometry"]["type"] in ("Point", "LineString")
    lon0, lat0, lon1, lat1 = data["bbox"]
    assert lon0 <= lon1 and lat0 <= lat1


def test_coordinates_are_lon_lat_in_guizhou(six_day_plan: Itinerary) -> None:
    """Every position is [lon, lat] inside Guizhou's bounding box."""
    for f in _load(six_day_plan)["features"]:
        g = f["geometry"]
        positions = [g["coordinates"]] if g["type"] == "Point" else g["coordinates"]
        for pos in positions:
            assert len(pos) == 2 and _in_guizhou(pos), (f["properties"], pos)


def test_points_per_stop_and_lines_per_leg(six_day_plan: Itinerary) -> None:
    """One Point per start/visit/end and one LineString per leg, from the leg's start to its
    end through its steps' points, each step's part of the positions listed, with properties."""
    feats = _load(six_day_plan)["features"]
    points = [f for f in feats if f["geometry"]["type"] == "Point"]
    lines = [f for f in feats if f["geometry"]["type"] == "LineString"]
    assert len(points) == sum(len(d.visits) + 2 for d in six_day_plan.days)
    assert len(lines) == sum(len(d.legs) for d in six_day_plan.days)
    where = {
        (f["properties"]["day"], f["properties"]["place"]): f["geometry"]["coordinates"]
        for f in points
    }
    for f in lines:
        coords, p = f["geometry"]["coordinates"], f["properties"]
        assert len(coords) >= 2
        assert coords[0] == where[(p["day"], p["from"])]
        assert coords[-1] == where[(p["day"], p["to"])]
        assert p["parts"][0]["first"] == 0 and p["parts"][-1]["last"] == len(coords) - 1
        assert all(isinstance(x["exact"], bool) for x in p["parts"])
        assert {"mode", "minutes", "km", "fare_low", "fare_high"} <= set(p)
    for f in points:
        assert {"day", "order", "name", "place", "arrive", "leave"} <= set(f["properties"])


def test_visit_point_matches_visit(six_day_plan: Itinerary) -> None:
    """A visit's Point is exactly [visit.lon, visit.lat]."""
    visits = {(d.day, v.place): v for d in six_day_plan.days for v in d.visits}
    for f in _load(six_day_plan)["features"]:
        p = f["properties"]
        if p.get("kind") == "visit":
            v = visits[(p["day"], p["place"])]
            assert f["geometry"]["coordinates"] == [round(v.lon, 6), round(v.lat, 6)]
