"""GPX export: parses, one route per day from start through the visits to the end."""

from __future__ import annotations

import gpxpy

from qianxing.model import Itinerary
from qianxing.render.gpx import to_gpx


def test_one_route_per_day(six_day_plan: Itinerary) -> None:
    """The GPX parses and has one route per day, numbered by day."""
    gpx = gpxpy.parse(to_gpx(six_day_plan))
    assert len(gpx.routes) == len(six_day_plan.days)
    assert [r.number for r in gpx.routes] == [d.day for d in six_day_plan.days]


def test_route_points_follow_the_day(six_day_plan: Itinerary) -> None:
    """Each route runs start → visits → end with named points at the visits' coordinates."""
    gpx = gpxpy.parse(to_gpx(six_day_plan))
    for route, day in zip(gpx.routes, six_day_plan.days, strict=True):
        names = [p.name for p in route.points]
        assert names == [day.start.name, *(v.name for v in day.visits), day.end.name]
        for p, v in zip(route.points[1:-1], day.visits, strict=True):
            assert abs(p.latitude - v.lat) < 1e-6 and abs(p.longitude - v.lon) < 1e-6


def test_waypoints_named_once_per_place(six_day_plan: Itinerary) -> None:
    """Every visited place is a named waypoint, and no place appears twice."""
    gpx = gpxpy.parse(to_gpx(six_day_plan))
    names = [w.name for w in gpx.waypoints]
    assert all(names)
    assert len(names) == len(set(names))
    assert {v.name for d in six_day_plan.days for v in d.visits} <= set(names)


def test_markup_in_names_survives_as_text(six_day_plan: Itinerary) -> None:
    """A name with XML markup is escaped in the file and read back verbatim."""
    evil = "<b>&amp;</b>"
    day = six_day_plan.days[0]
    visit = day.visits[0].model_copy(update={"name": evil})
    changed = day.model_copy(update={"visits": [visit, *day.visits[1:]]})
    it = six_day_plan.model_copy(update={"days": [changed, *six_day_plan.days[1:]]})
    text = to_gpx(it)
    assert "<b>" not in text
    assert gpxpy.parse(text).routes[0].points[1].name == evil
