"""GPX 1.1 export: one route per day (start → visits → end) and a named waypoint per place."""

from __future__ import annotations

import gpxpy.gpx

from ..i18n import words
from ..model import Itinerary
from .maplinks import PRECISION, Point, day_points


def _times(p: Point) -> str:
    return "–".join(t for t in (p.arrive, p.leave) if t)


def to_gpx(it: Itinerary) -> str:
    """The itinerary as GPX 1.1 XML: a ``<rte>`` per day and a ``<wpt>`` per distinct place."""
    lang = it.request.lang
    gpx = gpxpy.gpx.GPX()
    gpx.creator = "qianxing"
    gpx.name = it.title
    gpx.description = it.title
    seen: dict[str, gpxpy.gpx.GPXWaypoint] = {}
    for day in it.days:
        points = day_points(day)
        label = words(lang)._("Day {n}", n=day.day)
        if day.date:
            label += f" {day.date}"
        route = gpxpy.gpx.GPXRoute(
            name=f"{label}: {day.start.name} → {day.end.name}",
            description=" → ".join(p.name for p in points),
            number=day.day,
        )
        for p in points:
            lat, lon = round(p.lat, PRECISION), round(p.lon, PRECISION)
            desc = f"{label} {_times(p)}".strip()
            route.points.append(
                gpxpy.gpx.GPXRoutePoint(lat, lon, name=p.name, description=desc, type=p.kind)
            )
            if p.place in seen:
                old = seen[p.place]
                old.description = f"{old.description}; {desc}"
            else:
                wpt = gpxpy.gpx.GPXWaypoint(lat, lon, name=p.name, description=desc)
                wpt.type = "attraction" if p.kind == "visit" else "base"
                wpt.symbol = "Scenic Area" if p.kind == "visit" else "Lodging"
                seen[p.place] = wpt
                gpx.waypoints.append(wpt)
        gpx.routes.append(route)
    return gpx.to_xml(version="1.1")


__all__ = ["to_gpx"]
