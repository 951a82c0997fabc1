"""The road model's parts: the graph of sourced segments, the urban model, the factor fallback,
and the held-out figures that score them but never build or fit them."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import numpy as np
import pytest
import yaml
from typer.testing import CliRunner

from qianxing.cli import app
from qianxing.data import pack as pack_module
from qianxing.data.atlas import Atlas, load_atlas
from qianxing.data.facts import resolve
from qianxing.data.pack import PACKS_DIR
from qianxing.data.schema import RoadSample
from qianxing.roads import Roads, fit_line, road_figures, split
from qianxing.travel import travel_model

runner = CliRunner()


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    """The bundled Guizhou atlas."""
    return load_atlas("guizhou")


@pytest.fixture(scope="module")
def roads(atlas: Atlas) -> Roads:
    """The road model of the bundled pack."""
    return Roads(atlas)


def test_graph_beats_the_factor_to_zhijindong(atlas: Atlas, roads: Roads) -> None:
    """织金洞 by the graph: 贵阳 -> 织金洞 follows its cited segment (152 km, 2 h, where the
    factor model says about 116 km), and the 安顺 -> 织金洞 figure (122 km, never a segment, so
    never an edge the graph is built from) is met by the path via 织金 far better than by the
    factor model."""
    p = atlas.places
    direct = roads.route(p["guiyang"], p["zhijindong"])
    assert direct.method == "graph" and direct.km == 152.0 and direct.minutes == 120.0
    assert roads.model.km(p["guiyang"], p["zhijindong"]) < 130
    held = [s for s in atlas.pack.roads if (s.from_, s.to) == ("anshun", "zhijindong")]
    assert held and not held[0].segment
    cited = float(resolve(held[0].km).value)
    route = roads.route(p["anshun"], p["zhijindong"])
    assert route.method == "graph" and route.via == ("anshun", "zhijin", "zhijindong")
    factor = roads.model.km(p["anshun"], p["zhijindong"])
    assert abs(route.km - cited) / cited < 0.1 < abs(factor - cited) / cited


def test_mountain_roads_of_the_issue(atlas: Atlas, roads: Roads) -> None:
    """The issue's mountain roads come out as cited: 从江 -> 加榜梯田 80 km in about 3 h (not a
    46-minute taxi), 赤水 -> 赤水大瀑布 about 90 min (not 18), also from 从江站 (a leg onto the
    graph at 从江)."""
    p = atlas.places
    jiabang = roads.route(p["congjiang"], p["jiabang-titian"])
    assert jiabang.method == "graph" and jiabang.km == 80 and jiabang.minutes >= 150
    from_station = roads.route(p["congjiang-stn"], p["jiabang-titian"])
    assert from_station.via == ("congjiang", "jiabang-titian") and from_station.minutes >= 150
    falls = roads.route(p["chishui"], p["chishui-dapubu"])
    assert falls.method == "graph" and falls.minutes >= 60


def test_a_detour_through_the_graph_falls_back_to_the_factor(atlas: Atlas, roads: Roads) -> None:
    """Where the graph does not connect two places, or only by a town off the way, the factor
    model applies and the route says so."""
    p = atlas.places
    assert roads.route(p["xingyi"], p["huangguoshu"]).method == "factor"
    far = roads.route(p["tongren"], p["fanjingshan"])
    assert far.method == "factor" and far.via == ()
    assert far.km == pytest.approx(roads.model.km(p["tongren"], p["fanjingshan"]))


def test_urban_hops_take_minutes(atlas: Atlas, roads: Roads) -> None:
    """4 km across 贵阳 (甲秀楼 -> 黔灵山公园) is an urban hop of well over 3 minutes: an
    overhead plus the km at a city speed of at most 40 km/h."""
    p = atlas.places
    hop = roads.route(p["jiaxiulou"], p["qianlingshan"])
    assert hop.method == "urban"
    assert hop.minutes > 3 and hop.minutes >= hop.km / 40 * 60
    assert roads.urban.minutes(4.0) > 3
    assert 10 <= roads.urban.speed_kmh <= 40 and not roads.urban.estimate


def test_held_out_figures_never_build_or_fit_the_model(atlas: Atlas, roads: Roads) -> None:
    """Doubling every held-out figure (both parts; a sample's km and minutes are held out
    separately) leaves the factor model, the urban model and the graph exactly as they were,
    and changes only the reported errors; no graph segment is ever held out."""
    held = {
        field: {id(s) for urban in (False, True) for s in split(atlas, field, urban=urban)[1]}
        for field in ("km", "minutes")
    }
    assert len(held["km"]) >= 3 and len(held["minutes"]) >= 3
    assert not any(s.segment for s in atlas.pack.roads if id(s) in held["km"] | held["minutes"])

    def doubled(r: RoadSample) -> RoadSample:
        update = {
            field: [o.model_copy(update={"value": float(o.value) * 2}) for o in getattr(r, field)]
            for field in ("km", "minutes")
            if id(r) in held[field]
        }
        return r.model_copy(update=update)

    changed = tuple(doubled(r) for r in atlas.pack.roads)
    other = Roads(dataclasses.replace(atlas, pack=dataclasses.replace(atlas.pack, roads=changed)))
    a, b = roads.model, other.model
    assert (a.factor, a.speed_kmh, a.overhead_min) == (b.factor, b.speed_kmh, b.overhead_min)
    u, v = roads.urban, other.urban
    assert (u.factor, u.speed_kmh, u.overhead_min) == (v.factor, v.speed_kmh, v.overhead_min)
    assert roads.graph.segments == other.graph.segments
    assert np.array_equal(roads.graph.minutes, other.graph.minutes)
    before, after = road_figures(roads), road_figures(other)
    assert before["all_held_out"] != after["all_held_out"]


def test_a_bus_time_never_fits_the_car_model(atlas: Atlas, roads: Roads) -> None:
    """A bus stops and climbs slower than a car: a time the source rode a bus for (``by:
    bus``) is kept in the pack but fits neither the factor nor the urban model, so doubling
    every such time leaves both exactly as they were."""
    buses = [r for r in atlas.pack.roads if any(o.by == "bus" for o in r.minutes)]
    assert len(buses) >= 5

    def doubled(r: RoadSample) -> RoadSample:
        times = [
            o.model_copy(update={"value": float(o.value) * 2}) if o.by == "bus" else o
            for o in r.minutes
        ]
        return r.model_copy(update={"minutes": times})

    changed = tuple(doubled(r) for r in atlas.pack.roads)
    other = Roads(dataclasses.replace(atlas, pack=dataclasses.replace(atlas.pack, roads=changed)))
    a, b = roads.model, other.model
    assert (a.factor, a.speed_kmh, a.overhead_min) == (b.factor, b.speed_kmh, b.overhead_min)
    u, v = roads.urban, other.urban
    assert (u.factor, u.speed_kmh, u.overhead_min) == (v.factor, v.speed_kmh, v.overhead_min)


def test_a_figure_to_an_estimated_point_neither_fits_nor_scores(atlas: Atlas) -> None:
    """肇兴 stands on an estimated point, so 从江站's cited 20-minute taxi to it says nothing
    about roads (从江站 itself now has a cited point; it stood on the county town, 27 km off):
    no figure to a place whose coordinate is an estimate is fitted on or held out."""
    assert atlas.resolve("zhaoxing", "coord").estimate
    assert any({s.from_, s.to} == {"congjiang-stn", "zhaoxing"} for s in atlas.pack.roads)
    for field in ("km", "minutes"):
        for urban in (False, True):
            fit, held = split(atlas, field, urban=urban)
            for s in fit + held:
                assert not atlas.resolve(s.from_, "coord").estimate, s
                assert not atlas.resolve(s.to, "coord").estimate, s


def test_a_bound_that_binds_refits_the_other_parameter() -> None:
    """Where the free line has a negative overhead, the fit holds the overhead at its bound
    and refits the speed (a clamp alone left it far from the cited times): the result is the
    best point of the bounded box, checked against a fine grid."""
    km = np.array([60.0, 120.0, 200.0, 250.0])
    minutes = np.array([30.0, 75.0, 130.0, 170.0])  # free fit: about -12 min + 71 km/h
    speed, overhead = fit_line(km, minutes, speed_kmh=(30.0, 100.0), overhead_min=(0.0, 30.0))
    assert overhead == 0.0

    def sse(v: float, o: float) -> float:
        return float(np.sum(((o + km / v * 60 - minutes) / minutes) ** 2))

    grid = min(
        sse(v, o) for v in np.arange(30.0, 100.01, 0.05) for o in np.arange(0.0, 30.01, 0.25)
    )
    assert sse(speed, overhead) <= grid + 1e-9
    clamped = 60.0 / float(np.polyfit(km, minutes, 1, w=1.0 / minutes)[0])
    assert sse(clamped, 0.0) > 1.5 * sse(speed, overhead)


def test_report_gives_each_part_its_held_out_error(roads: Roads) -> None:
    """`qianxing data report` prints each part's error on held-out figures, and the factor
    model's on the same figures for comparison."""
    fig = road_figures(roads)
    parts = fig["parts"]
    assert isinstance(parts, dict) and set(parts) == {"urban", "graph", "factor"}
    assert parts["graph"]["held_out_km"] >= 1
    assert (
        parts["graph"]["held_out_mape_km_percent"] < parts["graph"]["factor_alone_mape_km_percent"]
    )
    result = runner.invoke(app, ["data", "report"])
    assert result.exit_code == 0
    out = " ".join(result.output.split())
    assert "held-out error, graph" in out and "road model: urban" in out


def test_travel_drives_the_graph() -> None:
    """A hired car from 贵阳 to 织金洞 drives the cited 152 km, not the factor model's 116."""
    model = travel_model("charter")
    steps = model.steps("guiyang", "zhijindong")
    assert len(steps) == 1 and steps[0].km == 152.0 and steps[0].minutes == 120.0


BAD_SEGMENTS = {
    "uncited": (
        {
            "km": [
                {
                    "value": 60,
                    "source": "estimate",
                    "date": "2026-01-01",
                    "kind": "estimate",
                    "method": "a guess",
                }
            ]
        },
        "needs a cited km",
    ),
    "no-road-name": ({"road": None}, "needs the road's name"),
    "shorter-than-straight": (
        {
            "km": [
                {
                    "value": 5,
                    "source": "https://example.org/p",
                    "date": "2026-01-01",
                    "kind": "report",
                }
            ]
        },
        "shorter than the",
    ),
    "too-fast": (
        {
            "minutes": [
                {
                    "value": 10,
                    "source": "https://example.org/p",
                    "date": "2026-01-01",
                    "kind": "report",
                }
            ]
        },
        "faster than",
    ),
    "duplicate-pair": ({"from": "zhijin", "to": "guiyang"}, "the same pair as line"),
}


@pytest.mark.parametrize("fault", sorted(BAD_SEGMENTS))
def test_bad_segment_fails_data_check_with_its_line(
    fault: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`qianxing data check` rejects a bad road segment, naming roads.yaml and its line."""
    root = tmp_path / "guizhou"
    shutil.copytree(PACKS_DIR / "guizhou", root)
    record: dict[str, object] = {
        "from": "libo",
        "to": "maolan",
        "segment": True,
        "road": "test road",
        "km": [
            {"value": 60, "source": "https://example.org/p", "date": "2026-01-01", "kind": "report"}
        ],
        "minutes": [
            {"value": 90, "source": "https://example.org/p", "date": "2026-01-01", "kind": "report"}
        ],
    }
    over, message = BAD_SEGMENTS[fault]
    record.update(over)
    path = root / "roads.yaml"
    text = path.read_text(encoding="utf-8")
    line = text.count("\n") + 1
    path.write_text(text + yaml.safe_dump([record], allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(pack_module, "PACKS_DIR", tmp_path)
    result = runner.invoke(app, ["data", "check"])
    assert result.exit_code == 1
    out = " ".join(result.output.split())
    assert f"roads.yaml line {line}:" in out and message in out, out


def test_each_place_finds_its_ways_onto_the_graph_once(
    atlas: Atlas, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Routing every pair of places scans the graph's nodes for each place's ways onto it
    once, not once per pair (a travel model routes every pair: 30 000 scans for the pack);
    the routes are the same as a fresh model's that routes each pair alone."""
    # (model, place): building a model routes too. The list holds each model itself, not its
    # id: a model freed while the test runs could hand its id to the next (CI saw 66 scans of
    # 57 distinct (id, place) pairs when `shared` took the address of one built before it).
    scans: list[tuple[Roads, str]] = []
    real = Roads._scan_access

    def counting(self: Roads, p: object) -> list[tuple[str, float, float]]:
        scans.append((self, p.id))  # type: ignore[attr-defined]
        return real(self, p)  # type: ignore[arg-type]

    monkeypatch.setattr(Roads, "_scan_access", counting)
    places = list(atlas.places.values())[:40]
    shared = Roads(atlas)
    routes = {(a.id, b.id): shared.route(a, b) for a in places for b in places}
    assert len(scans) == len({(id(model), place) for model, place in scans})
    assert len([s for s in scans if s[0] is shared]) <= len(places)
    for a, b in [(places[0], places[-1]), (places[5], places[17])]:
        assert Roads(atlas).route(a, b) == routes[(a.id, b.id)]
