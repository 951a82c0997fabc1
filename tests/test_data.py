"""The data pack: the bundled pack passes its check, and each kind of fault is caught."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from qianxing.cli import app
from qianxing.data.gtfs import read_feed
from qianxing.data.pack import PACKS_DIR, read_pack
from qianxing.data.validate import check_pack

runner = CliRunner()
SEEN = {"source": "https://example.org/page", "date": "2026-01-01", "kind": "report"}


def attraction(**over: object) -> dict[str, object]:
    rec: dict[str, object] = {
        "id": "testfall",
        "name": {"zh": "测试瀑布", "en": "Test Falls"},
        "prefecture": "anshun",
        "rank": "niche",
        "tags": ["waterfall"],
        "about": {"zh": "测试", "en": "test"},
        "coord": [{"value": {"lat": 26.0, "lon": 105.7}, "datum": "WGS84", **SEEN}],
        "hours": [{"value": {"periods": [{"open": "08:00", "close": "17:00"}]}, **SEEN}],
        "ticket": [{"value": {"full": 50}, **SEEN}],
        "visit": [{"value": {"short": 60, "typical": 120}, **SEEN}],
    }
    rec.update(over)
    return rec


FAULTS: dict[str, tuple[dict[str, object], str]] = {
    "outside-region": (
        {"coord": [{"value": {"lat": 39.9, "lon": 116.4}, "datum": "WGS84", **SEEN}]},
        "outside the region",
    ),
    "no-datum": ({"coord": [{"value": {"lat": 26.0, "lon": 105.7}, **SEEN}]}, "datum"),
    "estimate-without-method": (
        {
            "ticket": [
                {
                    "value": {"full": 50},
                    "source": "estimate",
                    "date": "2026-01-01",
                    "kind": "estimate",
                }
            ]
        },
        "method",
    ),
    "unsourced": (
        {"ticket": [{"value": {"full": 50}, "source": "a friend told me", "date": "2026-01-01"}]},
        "neither an address",
    ),
    "closing-before-opening": (
        {"hours": [{"value": {"periods": [{"open": "18:00", "close": "08:00"}]}, **SEEN}]},
        "not before closing",
    ),
    "implausible-price": ({"ticket": [{"value": {"full": 5000}, **SEEN}]}, "not plausible"),
    "child-above-full": (
        {"ticket": [{"value": {"full": 50, "child": 80}, **SEEN}]},
        "child ticket 80 above full",
    ),
    "ambiguous-alias": ({"aliases": ["黄果树"]}, "ambiguous"),
    "duplicate-id": ({"id": "huangguoshu-falls"}, "duplicate id"),
    "unknown-prefecture": ({"prefecture": "atlantis"}, "unknown prefecture"),
    "unknown-tag": ({"tags": ["waterfall", "volcano"]}, "unknown tag 'volcano'"),
    "unknown-base": ({"base": "nowhere"}, "not a lodging base"),
    "future-date": (
        {
            "ticket": [
                {"value": {"full": 50}, "source": "https://example.org", "date": "2099-01-01"}
            ]
        },
        "in the future",
    ),
    "malformed-value": ({"visit": [{"value": {"short": "long"}, **SEEN}]}, "malformed"),
    "typed-value": ({"rain": [{"value": "sunny", **SEEN}]}, "rain.0.value"),  # good|ok|poor
    "undated-without-seen": (
        {"ticket": [{"value": {"full": 50}, "source": "https://example.org", "dated": False}]},
        "needs 'seen'",
    ),
    "undated-note-on-dated-observation": (
        {"ticket": [{"value": {"full": 50}, **SEEN, "note": "undated; seen 2026-01-01"}]},
        "note says undated",
    ),
}


def test_bundled_pack_passes() -> None:
    """`qianxing data check` passes on the bundled Guizhou pack."""
    result = runner.invoke(app, ["data", "check"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_fault_is_caught(fault: str, tmp_path: Path) -> None:
    """A pack with one bad record is rejected with a message naming the fault."""
    root = tmp_path / "pack"
    shutil.copytree(PACKS_DIR / "guizhou", root)
    over, message = FAULTS[fault]
    (root / "attractions" / "zz-test.yaml").write_text(
        yaml.safe_dump([attraction(**over)], allow_unicode=True), encoding="utf-8"
    )
    pack, problems = read_pack(root)
    if pack is not None:
        problems += check_pack(pack)
    assert any(message in p for p in problems), problems


def test_report_counts() -> None:
    """The report covers >= 60 attractions over all nine prefectures and the road-model error."""
    rep = json.loads(runner.invoke(app, ["data", "report", "--format", "json"]).output)
    assert isinstance(rep["attractions"], int) and rep["attractions"] >= 60
    assert rep["prefectures_covered"] == 9
    road = rep["road_model"]
    assert road["samples"] >= 10 and road["mape_minutes_percent"] > 0
    assert road["held_out_samples"] >= 3 and road["held_out_mape_minutes_percent"] > 0


def test_report_fact_kinds() -> None:
    """The report gives, per kind of fact, observations, the cited share, the current shares
    by stated and by evidence date, estimates and the share flagged; and the share flagged."""
    rep = json.loads(runner.invoke(app, ["data", "report", "--format", "json"]).output)
    kinds = rep["fact_kinds"]
    assert {"ticket", "hours", "coord", "base.lodging", "road.minutes", "all"} <= set(kinds)
    ticket = kinds["ticket"]
    assert ticket["facts"] == rep["attractions"] and ticket["observations"] >= ticket["facts"]
    assert 0.9 <= ticket["cited_share"] <= 1
    assert 0 <= ticket["current_stated_share"] <= ticket["current_evidence_share"] <= 1
    assert ticket["estimate_facts"] < ticket["facts"] and 0 <= ticket["flagged_share"] < 0.8
    assert kinds["all"]["facts"] == sum(k["facts"] for n, k in kinds.items() if n != "all")
    assert 0 < rep["flagged_share"] < 0.8  # was 0.93 under the 18-months-or-undated rule
    assert "huangguoshu-falls.ticket" not in rep["older_than_three_years"]
    text = runner.invoke(app, ["data", "report"]).output
    assert "facts by kind" in text and "flagged" in text and "older than three years" in text


def test_show_json() -> None:
    """`data show` finds a place by pinyin and prints WGS84 lat/lon with its source."""
    result = runner.invoke(app, ["data", "show", "xiaoqikong jingqu", "--format", "json"])
    if result.exit_code != 0:
        result = runner.invoke(app, ["data", "show", "小七孔", "--format", "json"])
    rec = json.loads(result.output)
    assert 25 < rec["lat"] < 26 and 107 < rec["lon"] < 108.5 and rec["source"]
    assert all(f["observations"] for f in rec["facts"].values())


def test_show_unknown_suggests() -> None:
    """An unknown name exits 2 with a suggestion."""
    result = runner.invoke(app, ["data", "show", "黄果数"])
    assert result.exit_code == 2 and "黄果树" in result.output


def test_tags_listed() -> None:
    """`data tags` lists the region pack's interest tags in both languages."""
    out = runner.invoke(app, ["data", "tags"]).output
    for tag in (
        "waterfall",
        "cave",
        "karst",
        "miao",
        "dong",
        "ancient-town",
        "mountain",
        "museum",
        "park",
        "food",
    ):
        assert tag in out
    assert "瀑布 / waterfalls" in out


def _corrupt(path: Path, row: int, column: str, value: str) -> None:
    """Set one cell of a GTFS table (row 1 is the first data row)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[row].split(",")
    cells[header.index(column)] = value
    lines[row] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("table", "column", "value", "message"),
    [
        ("stop_times.txt", "trip_id", "no-such-trip", "gtfs/stop_times.txt line 2: foreign_key"),
        ("trips.txt", "source", "", "gtfs/trips.txt line 2: provenance"),
        ("trips.txt", "dated", "0", "gtfs/trips.txt line 2: provenance"),  # undated, no seen
        ("stops.txt", "stop_lat", "26.9", "gtfs/stops.txt line 2"),
    ],
)
def test_broken_feed_names_file_line_and_problem(
    table: str, column: str, value: str, message: str, tmp_path: Path
) -> None:
    """A broken timetable is caught by `qianxing data check`'s feed validation, naming the
    file, the line and the problem (an unknown trip, a row without its source, a stop off
    its place's cited coordinate)."""
    root = tmp_path / "pack"
    shutil.copytree(PACKS_DIR / "guizhou", root)
    _corrupt(root / "gtfs" / table, 1, column, value)
    pack, problems = read_pack(root)
    assert pack is not None, problems
    problems = check_pack(pack)
    assert any(p.startswith(message) for p in problems), problems


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("赤水丹霞", {"赤水大瀑布", "佛光岩"}),  # the 5A area: its sights, not the town
        ("chishui danxia", {"赤水大瀑布", "佛光岩"}),
        ("花溪", {"花溪公园"}),  # a district: the sight named after it first
        ("荔波小七控", {"荔波小七孔景区"}),  # a homophone still ranks first
    ],
)
def test_area_name_suggests_its_attractions(name: str, expected: set[str]) -> None:
    """An area or district name that is no attraction suggests the attractions it covers."""
    from qianxing.data.atlas import load_atlas
    from qianxing.exceptions import UnknownPlaceError

    with pytest.raises(UnknownPlaceError) as err:
        load_atlas().find(name)
    assert expected <= set(err.value.suggestions), err.value.suggestions


@pytest.mark.parametrize("name", ["贵阳龙洞堡机场", "龙洞堡机场", "龙洞堡", "Guiyang Airport"])
def test_airport_names(name: str) -> None:
    """The airport answers to its usual Chinese and English names."""
    from qianxing.data.atlas import load_atlas

    assert load_atlas().find(name).id == "kwe-apt"


def test_town_as_must_see_suggests_its_sights() -> None:
    """A town given as a must-see is refused with the attractions lodged from it, in the
    request's language."""
    from qianxing.data.atlas import load_atlas
    from qianxing.exceptions import ImpossibleRequestError
    from qianxing.model import Request
    from qianxing.plan import resolve_places

    atlas = load_atlas()
    sights = [atlas.find(x) for x in ("赤水大瀑布", "佛光岩")]
    said_in = {"en": "--must 赤水 is a town, not an attraction", "zh": "--must 赤水 是城镇"}
    for lang, said in said_in.items():
        with pytest.raises(ImpossibleRequestError) as err:
            resolve_places(Request(days=3, month=10, must=["赤水"], lang=lang), atlas)
        message = str(err.value)
        assert said in message, message
        assert all(p.name(lang) in message for p in sights), message


def test_feed_provenance_says_undated() -> None:
    """The feed's 'dated'/'seen' columns load: an undated row's date is the day it was seen,
    and every row whose source states no date says so in the column, not only in its note."""
    feed = read_feed(PACKS_DIR / "guizhou" / "gtfs")
    provs = [d.provenance for rides in feed.rides.values() for d in rides]
    provs += [f.provenance for fares in feed.fares.values() for f in fares]
    undated = [p for p in provs if not p.dated]
    assert undated and all(p.seen == p.date for p in undated)
    assert all(not p.dated for p in provs if p.note and "undated" in p.note.lower())


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("雷公山", "leigongshan"),
        ("Mount Leigong", "leigongshan"),
        ("黄岗", "huanggang-dongzhai"),
        ("Zhanli", "zhanli-dongzhai"),
        ("阳明洞", "yangming-wenhuayuan"),
        ("息烽集中营", "xifeng-jizhongying"),
        ("地质博物馆", "guizhou-geology-museum"),
        ("时光贵州", "shiguang-guizhou"),
        ("茅台酒文化城", "maotai-jiuwenhuacheng"),
        ("水春河漂流", "shuichunhe"),
        ("jiming sansheng", "jiming-sansheng"),
    ],
)
def test_sights_a_first_timer_asks_for(name: str, place: str) -> None:
    """The 4A sights and villages added for coverage answer to their common names."""
    from qianxing.data.atlas import load_atlas

    assert load_atlas().find(name).id == place


def test_coverage_of_attractions() -> None:
    """The pack holds at least 105 attractions, each with a cited or estimated coordinate."""
    from qianxing.data.atlas import load_atlas

    atlas = load_atlas()
    assert len(atlas.attractions) >= 105
    assert all("coord" in p.facts for p in atlas.attractions)


@pytest.mark.parametrize("town", ["雷山", "黎平", "榕江"])
def test_towns_of_the_southeast_are_bases(town: str) -> None:
    """雷山, 黎平 and 榕江 are lodging bases, so a traveller can name them as a stop."""
    from qianxing.data.atlas import load_atlas

    assert load_atlas().find(town).kind == "base"


def test_qinglongdong_has_its_own_point() -> None:
    """青龙洞 has its own cited point, no longer the 镇远古城 one (issue 14)."""
    from qianxing.data.atlas import load_atlas

    places = load_atlas().places
    cave, town = places["qinglongdong"], places["zhenyuan-gucheng"]
    assert (cave.lat, cave.lon) != (town.lat, town.lon)
    assert places["qinglongdong"].facts["coord"].kind == "reference"
