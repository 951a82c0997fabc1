"""The API's map lines (/api/view), worded sentences beside their ids, and exports of a saved
trip in the page's language."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from conftest import TestClient
from qianxing.geo import from_wgs84
from qianxing.model import Itinerary
from qianxing.render.export import to_json
from qianxing.render.geometry import trip_lines
from qianxing.web.config import Settings
from qianxing.web.main import create_app

HAN = re.compile(r"[\u4e00-\u9fff]")
CHARTER = {"days": 2, "month": 10, "must": ["织金洞"], "depart": "遵义", "transport": "charter"}


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A client on SQLite."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("lines"), tile_url="")
    with TestClient(create_app(settings)) as c:
        yield c


def _sentences(it: dict[str, Any]) -> list[dict[str, Any]]:
    out = list(it["warnings"])
    for d in it["dropped"]:
        out += [d["reason"]] + ([d["fix"]] if d.get("fix") else [])
    for day in it["days"]:
        for tip in day["tips"]:
            out += [tip[k] for k in ("title", "text") if isinstance(tip.get(k), dict)]
    return out


def test_view_sends_each_steps_line_solid_where_known(api: TestClient) -> None:
    """POST /api/view sends every step's line (WGS84 and GCJ-02): exact ones pass the road's
    junctions; the others join two ends."""
    it = api.post("/api/plan", json=CHARTER).json()
    r = api.post("/api/view", json=it)
    assert r.status_code == 200, r.text
    lines = r.json()["lines"]
    expect = trip_lines(Itinerary.model_validate(it))
    flat = [
        (d + 1, n + 1, x) for d, day in enumerate(expect) for n, leg in enumerate(day) for x in leg
    ]
    assert [(x["day"], x["leg"], x["mode"], x["exact"]) for x in lines] == [
        (d, n, x.mode, x.exact) for d, n, x in flat
    ]
    assert any(x["exact"] and len(x["points"]) > 2 for x in lines)
    assert any(not x["exact"] and len(x["points"]) == 2 for x in lines)
    for got, (_d, _n, x) in zip(lines, flat, strict=True):
        assert [tuple(p) for p in got["points"]] == [
            (round(a, 6), round(b, 6)) for a, b in x.points
        ]
        lat, lon = from_wgs84(*x.points[0], "GCJ-02")
        assert got["gcj"][0] == [round(lat, 6), round(lon, 6)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_api_sentences_carry_their_text(api: TestClient, lang: str) -> None:
    """/api/plan's sentences keep id and args and add ``text`` in the request's language
    (options named as form fields); the plan sent back with them is accepted."""
    it = api.post("/api/plan", json={"days": 3, "month": 10, "lang": lang}).json()
    said = _sentences(it)
    assert said and all(isinstance(m["id"], str) and m.get("text") for m in said)
    assert all(bool(HAN.search(m["text"])) == (lang == "zh") for m in it["warnings"])
    assert not any("--" in m["text"] for m in said), "the web names form fields, not flags"
    assert api.post("/api/view", json=it).status_code == 200
    odd = {**it, "warnings": [{**it["warnings"][0], "text": {}}]}
    assert api.post("/api/view", json=odd).status_code == 422, "a text must be a string"
    saved = api.post("/api/trips", json=it)
    assert saved.status_code == 201, saved.text
    back = api.get(f"/api/trips/{saved.json()['id']}").json()["itinerary"]
    assert _sentences(back) == said


def test_format_json_sentences_carry_their_text(six_day_plan: Itinerary) -> None:
    """``--format json`` (``to_json``) adds each sentence's ``text`` in the plan's language
    beside ``id`` and ``args``, and reads back as the same itinerary."""
    doc = json.loads(to_json(six_day_plan))
    said = _sentences(doc)
    assert said and all(m.get("text") and m["id"] for m in said)
    first = six_day_plan.warnings[0]
    assert doc["warnings"][0]["text"] == first.text("zh")
    assert doc["warnings"][0]["id"] == first.id
    assert Itinerary.model_validate(doc) == six_day_plan


def test_saved_trip_exports_in_the_pages_language(
    api: TestClient, small_plan_json: dict[str, Any]
) -> None:
    """A trip saved in Chinese exports in English with ``?lang=en`` and in Chinese without."""
    saved = api.post("/api/trips", json=small_plan_json)
    assert saved.status_code == 201, saved.text
    tid = saved.json()["id"]
    zh = api.get(f"/api/trips/{tid}/export/md").text
    en = api.get(f"/api/trips/{tid}/export/md?lang=en").text
    assert "第 1 天" in zh and "Day 1" not in zh
    assert "Day 1" in en and "第 1 天" not in en
    html = api.get(f"/api/trips/{tid}/export/html?lang=en").text
    assert '<html lang="en"' in html
    ics = api.get(f"/api/trips/{tid}/export/ics?lang=en").text
    assert "Day 1" in ics or "DAY 1" in ics.upper()
    gpx = api.get(f"/api/trips/{tid}/export/gpx?lang=en").text
    assert "Day 1" in gpx and "第 1 天" not in gpx
    geo = api.get(f"/api/trips/{tid}/export/geojson?lang=en").json()
    names = [
        f["properties"].get("name") for f in geo["features"] if f["properties"]["kind"] == "visit"
    ]
    assert names and not any(HAN.search(n) for n in names)
    assert api.get(f"/api/trips/{tid}/export/md?lang=fr").status_code == 422
