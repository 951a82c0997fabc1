"""GPX 1.1 export: one route per day (start → visits → end), a named waypoint per place, and a
track per leg whose segments are its steps' lines (`render/geometry.py`: through the stations
of a ride or the junctions of a cited road where the data knows them, else the two ends)."""

from __future__ import annotations

import gpxpy.gpx

from ..i18n import Words, words
from ..model import Day, Itinerary
from .geometry import day_lines, moves
from .maplinks import PRECISION, Point, day_points, place_name
from .modes import mode_label


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
        gpx.tracks.extend(_tracks(words(lang), day, label, it.request.region))
    return gpx.to_xml(version="1.1")


def _tracks(w: Words, day: Day, label: str, region: str) -> list[gpxpy.gpx.GPXTrack]:
    """A track per leg, a segment per step; its description says which segments follow the
    known points on the way and which join two ends only."""
    out = []
    legs = [leg for leg in day.legs if moves(leg)]
    for leg, lines in zip(legs, day_lines(day, region), strict=True):
        a, b = place_name(leg.from_, day), place_name(leg.to, day)
        track = gpxpy.gpx.GPXTrack(
            name=f"{label} {leg.depart}–{leg.arrive} {a} → {b}", description=""
        )
        track.number = day.day
        track.type = leg.mode  # type: ignore[assignment]  # gpxpy leaves it untyped (None)
        parts = []
        for line in lines:
            seg = gpxpy.gpx.GPXTrackSegment()
            for lat, lon in line.points:
                seg.points.append(
                    gpxpy.gpx.GPXTrackPoint(round(lat, PRECISION), round(lon, PRECISION))
                )
            track.segments.append(seg)
            how = (
                w._("along the stations or road junctions on the way")
                if line.exact
                else w._("straight line between its two ends")
            )
            parts.append(f"{mode_label(w, line.mode)}: {how}")
        track.description = "; ".join(parts)
        if track.segments:
            out.append(track)
    return out


__all__ = ["to_gpx"]
