"""Where each step of a leg runs: through a ride's stations and a drive's road junctions where
the pack knows them (exact), else between its two ends (not exact)."""

from __future__ import annotations

import json
import math

import pytest

from qianxing.model import Itinerary, Request, Service, Step
from qianxing.plan import plan
from qianxing.render.geojson import to_geojson
from qianxing.render.geometry import _Pack, _pack, _Trip, step_line, trip_lines
from qianxing.render.gpx import to_gpx
from qianxing.render.view import trip_view

# 织金洞 on the way from 贵阳 to 遵义 by chartered car: the drives follow the cited road
# segments through the junction towns (织金, 贵阳) of the pack's road graph
CHARTER = Request(days=2, month=10, must=["织金洞"], depart="遵义", transport="charter")


@pytest.fixture(scope="module")
def charter() -> Itinerary:
    """A two-day chartered-car trip whose drives run along cited road segments."""
    return plan(CHARTER)


def _close(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return math.isclose(a[0], b[0], abs_tol=1e-9) and math.isclose(a[1], b[1], abs_tol=1e-9)


def test_drives_follow_the_road_graph_junctions(charter: Itinerary) -> None:
    """A drive the road graph routes passes its junction places, marked exact; every line
    starts where its step starts and ends where it ends."""
    pack = _pack(charter.request.region)
    exact = []
    for day, legs in zip(charter.days, trip_lines(charter), strict=True):
        for leg, lines in zip(day.legs, legs, strict=True):
            assert len(lines) == len(leg.steps)
            for step, line in zip(leg.steps, lines, strict=True):
                assert _close(line.points[0], pack.where[step.from_])
                assert _close(line.points[-1], pack.where[step.to])
                assert line.exact == (len(line.points) > 2)
                if line.exact:
                    exact.append((step, line))
    assert exact, "no drive of the charter trip follows the road graph"
    step, line = exact[0]
    a, b = pack.roads.atlas.places[step.from_], pack.roads.atlas.places[step.to]
    via = [n for n in pack.roads.route(a, b).via if n not in (a.id, b.id)]
    assert [pack.where[n] for n in via] == list(line.points[1:-1])


def test_ride_passes_the_stations_of_its_trip() -> None:
    """A ride is drawn through the stops of its GTFS trip between boarding and alighting
    (exact); a trip with no stop between is a straight line (not exact)."""
    real = _pack("guizhou")
    where = {"a": (26.0, 106.0), "b": (26.2, 106.3), "c": (26.5, 106.4), "d": (27.0, 107.0)}
    pack = _Pack(
        where,
        {"r": (_Trip("G1", ("d", "a", "b", "c")),), "s": (_Trip("", ("a", "c")),)},
        real.roads,
    )
    ride = Step.model_validate(
        {"mode": "rail", "from": "a", "to": "c", "minutes": 60, "km": 80.0,
         "service": Service(id="G1", route="r", name="G1")}
    )  # fmt: skip
    line = step_line(pack, ride, {})
    assert line is not None and line.exact
    assert line.points == (where["a"], where["b"], where["c"])
    direct = ride.model_copy(update={"service": Service(id="x", route="s", name="x")})
    line = step_line(pack, direct, {})
    assert line is not None and not line.exact and line.points == (where["a"], where["c"])


def test_walks_and_plain_taxis_join_their_ends(six_day_plan: Itinerary) -> None:
    """A walk, and a taxi the road model times by formula, join two ends (not exact)."""
    for legs in trip_lines(six_day_plan):
        for lines in legs:
            for line in lines:
                if line.mode == "walk":
                    assert not line.exact and len(line.points) == 2


def test_view_geojson_and_gpx_carry_the_same_points(charter: Itinerary) -> None:
    """The view's leg rows, the GeoJSON leg lines and the GPX tracks hold the same points."""
    view = trip_view(charter)
    lines = trip_lines(charter)
    for d, day in enumerate(view.days):
        rows = [r for r in day.rows if r.kind == "leg"]
        assert tuple(r.lines for r in rows) == lines[d]
    feats = json.loads(to_geojson(charter))["features"]
    feats = [f for f in feats if f["properties"]["kind"] == "leg"]
    legs = [leg for day_legs in lines for leg in day_legs]
    flat = [x for leg in legs for x in leg]
    parts = [p for f in feats for p in f["properties"]["parts"]]
    assert [p["exact"] for p in parts] == [x.exact for x in flat]
    for f, leg in zip(feats, legs, strict=True):
        coords = f["geometry"]["coordinates"]
        for p, x in zip(f["properties"]["parts"], leg, strict=True):
            got = [(lat, lon) for lon, lat in coords[p["first"] : p["last"] + 1]]
            assert got == [(round(a, 6), round(b, 6)) for a, b in x.points]
    gpx = to_gpx(charter)
    assert gpx.count("<trkseg>") == len(flat)
    exact = next(x for x in flat if x.exact)
    lat, lon = exact.points[1]
    assert f'lat="{round(lat, 6)}" lon="{round(lon, 6)}"' in gpx
    assert "沿途经过已知的车站或道路节点" in gpx


def test_a_day_that_stays_where_it_began_shows_no_journey() -> None:
    """Arriving in 遵义 at 16:00 with nothing to see that day, the plan's day 1 is a leg from
    遵义 to itself (0 min, no step). The terminal showed it as "16:00–16:00 → 步行 0.0 km";
    no view, map or calendar shows it now, and they still agree leg for leg."""
    from qianxing.render.ics import to_ics

    req = Request(days=3, month=4, arrive="遵义", arrive_time="16:00", depart="遵义")
    it = plan(req, explain=False)
    (leg,) = it.days[0].legs
    assert leg.from_ == leg.to == "zunyi" and leg.minutes == 0 and not leg.steps
    view = trip_view(it)
    assert [r for r in view.days[0].rows if r.kind == "leg"] == []
    assert trip_lines(it)[0] == ()
    feats = json.loads(to_geojson(it))["features"]
    legs = [f["properties"] for f in feats if f["properties"]["kind"] == "leg"]
    assert [p for p in legs if p["day"] == 1] == []
    assert "SUMMARY:遵义 → 遵义 (" not in to_ics(it)
