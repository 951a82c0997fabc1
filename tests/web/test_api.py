"""API tests through the in-process TestClient: plan, replan, places, map config, errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import TestClient
from qianxing.geo import from_wgs84
from qianxing.web.config import Settings
from qianxing.web.main import create_app


@pytest.fixture(scope="module")
def sqlite_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A client on SQLite only (planning does not depend on the backend)."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("api"), tile_url="")
    with TestClient(create_app(settings)) as c:
        yield c


def test_plan_returns_itinerary(sqlite_client: TestClient) -> None:
    """POST /api/plan with CLI field names returns an itinerary with the requested days."""
    r = sqlite_client.post("/api/plan", json={"days": 2, "month": 10, "pace": "relaxed"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert len(body["days"]) == 2
    assert body["request"]["pace"] == "relaxed"
    assert all("from" in leg for day in body["days"] for leg in day["legs"])


def test_plan_same_seed_same_answer(sqlite_client: TestClient) -> None:
    """The same request planned twice gives the same days."""
    req = {"days": 2, "month": 5, "seed": 3}
    a = sqlite_client.post("/api/plan", json=req).json()
    b = sqlite_client.post("/api/plan", json=req).json()
    assert a["days"] == b["days"]


def test_plan_unknown_place_suggests(sqlite_client: TestClient) -> None:
    """An unknown must-see gets 422 with "did you mean" suggestions."""
    r = sqlite_client.post("/api/plan", json={"days": 3, "must": ["huangguosu"]})
    assert r.status_code == 422
    body = r.json()
    assert "did you mean" in body["detail"]
    assert "黄果树瀑布" in body["suggestions"]


@pytest.mark.parametrize(
    ("body", "word"),
    [
        ({"days": 0}, "days"),
        ({"days": 3, "pace": "sprint"}, "pace"),
        ({"days": 3, "arrive_time": "25:00"}, "arrive_time"),
        ({"days": 3, "unknown": 1}, "unknown"),
    ],
)
def test_plan_bad_fields_name_the_field(
    sqlite_client: TestClient, body: dict[str, Any], word: str
) -> None:
    """Invalid request fields get 422 naming the field."""
    r = sqlite_client.post("/api/plan", json=body)
    assert r.status_code == 422
    assert word in r.text


def test_plan_impossible_is_422(sqlite_client: TestClient) -> None:
    """A request that cannot be met gets 422 naming the place, the hours and a tried fix, in
    the request's language."""
    car = {"transport": "public+car"}  # on public transport alone no cited service reaches 梵净山
    r = sqlite_client.post("/api/plan", json={"days": 1, "must": ["梵净山", "黄果树瀑布"], **car})
    assert r.status_code == 422
    detail = r.json()["detail"]
    assert "排不进" in detail and "小时" in detail and "可行的改法" in detail
    r = sqlite_client.post(
        "/api/plan", json={"days": 1, "must": ["梵净山", "黄果树瀑布"], "lang": "en", **car}
    )
    assert r.status_code == 422
    detail = r.json()["detail"]
    assert "can't include" in detail and "Works with:" in detail and "vertex" not in detail


def test_replan_locks_day_and_removes(
    sqlite_client: TestClient, small_plan_json: dict[str, Any]
) -> None:
    """Re-planning with day 1 locked and a place removed keeps day 1 and drops the place."""
    victim = next(v["place"] for d in small_plan_json["days"][1:] for v in d["visits"])
    r = sqlite_client.post(
        "/api/replan",
        json={"itinerary": small_plan_json, "lock_days": [1], "remove": [victim]},
    )
    assert r.status_code == 200, r.text
    new = r.json()["itinerary"]
    old_day1 = {k: v for k, v in small_plan_json["days"][0].items() if k != "locked"}
    new_day1 = {k: v for k, v in new["days"][0].items() if k != "locked"}
    assert new_day1 == old_day1
    assert victim not in {v["place"] for d in new["days"] for v in d["visits"]}
    assert isinstance(r.json()["changes"], list)


def test_replan_move(sqlite_client: TestClient, small_plan_json: dict[str, Any]) -> None:
    """Moving a place to another day puts it on that day."""
    place = small_plan_json["days"][0]["visits"][0]["place"]
    r = sqlite_client.post(
        "/api/replan",
        json={"itinerary": small_plan_json, "move": [{"place": place, "to_day": 2}]},
    )
    assert r.status_code in (200, 422), r.text
    if r.status_code == 200:
        days = r.json()["itinerary"]["days"]
        assert place in {v["place"] for v in days[1]["visits"]}


def test_replan_day_out_of_range(
    sqlite_client: TestClient, small_plan_json: dict[str, Any]
) -> None:
    """Locking a day the trip does not have is a 422 that names the day."""
    r = sqlite_client.post("/api/replan", json={"itinerary": small_plan_json, "lock_days": [9]})
    assert r.status_code == 422
    assert "day 9" in r.json()["detail"]


def test_replan_unknown_place(sqlite_client: TestClient, small_plan_json: dict[str, Any]) -> None:
    """Adding an unknown place gets 422 with suggestions."""
    r = sqlite_client.post("/api/replan", json={"itinerary": small_plan_json, "add": ["西江苗塞"]})
    assert r.status_code == 422
    assert "did you mean" in r.json()["detail"]


@pytest.mark.parametrize("q", ["黄果树", "huangguoshu", "Huangguoshu Waterfall", "huang guo shu"])
def test_places_search(sqlite_client: TestClient, q: str) -> None:
    """Places are found by Chinese name, pinyin (with or without spaces) and English."""
    r = sqlite_client.get("/api/places", params={"q": q})
    assert r.status_code == 200
    assert "huangguoshu-falls" in [p["id"] for p in r.json()]


def test_places_gcj_coordinates(sqlite_client: TestClient) -> None:
    """Each place carries GCJ-02 coordinates converted with qianxing.geo.from_wgs84."""
    p = sqlite_client.get("/api/places", params={"q": "甲秀楼"}).json()[0]
    lat, lon = from_wgs84(p["lat"], p["lon"], "GCJ-02")
    assert p["gcj_lat"] == pytest.approx(lat, abs=1e-6)
    assert p["gcj_lon"] == pytest.approx(lon, abs=1e-6)
    assert abs(p["gcj_lat"] - p["lat"]) + abs(p["gcj_lon"] - p["lon"]) > 1e-3


def test_places_typo_suggests(sqlite_client: TestClient) -> None:
    """A misspelt query still returns close places."""
    r = sqlite_client.get("/api/places", params={"q": "fanjingshang"})
    assert "梵净山" in [p["zh"] for p in r.json()]


def test_config_defaults_to_osm(sqlite_client: TestClient) -> None:
    """/api/config lists the export formats and the tile datum."""
    body = sqlite_client.get("/api/config").json()
    assert {"ics", "gpx", "geojson", "md", "html"} <= set(body["export_formats"])
    assert body["tile_datum"] == "WGS84"


def test_body_too_large(sqlite_client: TestClient) -> None:
    """Bodies over 256 KiB get 413 with a message naming the limit."""
    big = b'{"days": 3, "must": ["' + b"x" * 300_000 + b'"]}'
    r = sqlite_client.post("/api/plan", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert "KiB" in r.json()["detail"]


def test_body_too_large_streamed(sqlite_client: TestClient) -> None:
    """A chunked body without Content-Length is cut off at the limit too."""

    def chunks() -> Any:
        for _ in range(40):
            yield b"x" * 10_000

    r = sqlite_client.post(
        "/api/trips", content=chunks(), headers={"content-type": "application/json"}
    )
    assert r.status_code == 413


def test_openapi_lists_endpoints(sqlite_client: TestClient) -> None:
    """The OpenAPI document describes every API path."""
    paths = sqlite_client.get("/openapi.json").json()["paths"]
    for p in (
        "/api/plan",
        "/api/replan",
        "/api/places",
        "/api/trips",
        "/api/trips/{trip_id}",
        "/api/trips/{trip_id}/export/{fmt}",
    ):
        assert p in paths


def test_page_and_leaflet_served(sqlite_client: TestClient) -> None:
    """The page and the vendored Leaflet come from the app itself (no CDN)."""
    page = sqlite_client.get("/")
    assert page.status_code == 200
    assert "/static/vendor/leaflet/leaflet.js" in page.text
    assert "http" not in page.text.split("<body>")[0].replace("http-equiv", "")
    assert sqlite_client.get("/static/vendor/leaflet/leaflet.js").status_code == 200
    assert sqlite_client.get("/static/vendor/leaflet/images/marker-icon.png").status_code == 200


def test_static_traversal(sqlite_client: TestClient) -> None:
    """Static paths cannot climb out of the static directory."""
    for path in ("/static/../config.py", "/static/..%2Fconfig.py", "/static/%2e%2e/main.py"):
        assert sqlite_client.get(path).status_code == 404


def test_gcj_tile_config(tmp_path: Path) -> None:
    """QIANXING_TILE_DATUM=GCJ-02 is passed to the page."""
    s = Settings(
        data_dir=tmp_path, tile_url="https://example.invalid/{z}/{x}/{y}.png", tile_datum="GCJ-02"
    )
    with TestClient(create_app(s)) as c:
        assert c.get("/api/config").json()["tile_datum"] == "GCJ-02"


def test_plan_with_students(sqlite_client: TestClient) -> None:
    """A party of students alone is accepted; the page's form has the students field and sends
    it."""
    r = sqlite_client.post("/api/plan", json={"days": 2, "month": 10, "adults": 0, "students": 2})
    assert r.status_code == 200, r.text
    assert r.json()["request"]["students"] == 2
    static = Path(__file__).parents[2] / "src" / "qianxing" / "web" / "static"
    assert 'name="students"' in (static / "index.html").read_text("utf-8")
    assert 'num("students")' in (static / "app.js").read_text("utf-8")
