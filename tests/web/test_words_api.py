"""``POST /api/ask`` and ``POST /api/audit`` through the in-process TestClient."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from conftest import TestClient
from qianxing.web.config import Settings
from qianxing.web.main import create_app

CITY_ROUTE = (
    "第一天 贵阳 甲秀楼 住贵阳\n第二天 青岩古镇 花溪公园 住贵阳\n第三天 贵州省博物馆 贵阳返程\n"
)


@pytest.fixture(scope="module")
def words_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A client on SQLite (the words endpoints store nothing)."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("words"), tile_url="")
    with TestClient(create_app(settings)) as c:
        yield c


def test_ask_returns_the_request_and_what_was_understood(words_client: TestClient) -> None:
    """The README's sentence: the Request the flags would give, each field with its words."""
    text = "我10月去贵州玩6天，贵阳进出，喜欢瀑布和苗寨，不太能吃辣，预算3000"
    r = words_client.post("/api/ask", json={"text": text, "lang": "zh"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["request"]["days"] == 6 and body["request"]["budget"] == 3000
    fields = {u["field"] for u in body["understood"]}
    assert {"days", "month", "arrive", "depart", "like", "spice", "budget"} <= fields
    assert body["not_understood"] == []


def test_ask_missing_length_says_so_in_english(words_client: TestClient) -> None:
    """Without a length there is no request, and not_understood says what is missing."""
    r = words_client.post("/api/ask", json={"text": "waterfalls in October", "lang": "en"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["request"] is None
    assert any("Missing" in line for line in body["not_understood"])


def test_ask_rejects_an_empty_text(words_client: TestClient) -> None:
    """An empty text is a 422."""
    assert words_client.post("/api/ask", json={"text": ""}).status_code == 422


def test_audit_returns_the_report(words_client: TestClient) -> None:
    """A route that works: the parsed route, each day's works/problems/cost, the verdict."""
    r = words_client.post(
        "/api/audit", json={"text": CITY_ROUTE, "lang": "en", "month": 10, "better": False}
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["verdict"] == "works"
    assert [d["day"] for d in body["days"]] == [1, 2, 3]
    assert all(d["works"] and d["cost"] > 0 for d in body["days"])
    assert body["route"]["days"][0]["sights"] == ["Jiaxiu Pavilion"]
    assert body["better"] is None and body["not_understood"] == []


def test_audit_of_text_with_no_place_is_422_with_lines(words_client: TestClient) -> None:
    """Nothing usable: 422 whose detail lists what was not understood, with suggestions."""
    r = words_client.post("/api/audit", json={"text": "DAY 1: 黄果数瀑布\nhello", "lang": "en"})
    assert r.status_code == 422
    detail = r.json()["detail"]
    assert "DAY 1:" in detail["message"]
    assert any("黄果树瀑布" in line for line in detail["not_understood"])
    assert any("hello" in line for line in detail["not_understood"])


@pytest.mark.slow
def test_audit_with_better_plan(words_client: TestClient) -> None:
    """With the better plan (the default): an itinerary of the same length, and differences."""
    r = words_client.post("/api/audit", json={"text": CITY_ROUTE, "month": 10})
    assert r.status_code == 200, r.text
    body = r.json()
    assert len(body["better"]["days"]) == 3
    assert body["differences"]


def test_check_a_route_page_is_served_and_linked(words_client: TestClient) -> None:
    """The "check a route" page and its script are served; the main page links to it once."""
    page = words_client.get("/static/audit.html")
    assert page.status_code == 200
    assert 'id="text"' in page.text and "/static/audit.js" in page.text
    script = words_client.get("/static/audit.js")
    assert script.status_code == 200 and "/api/audit" in script.text
    assert "innerHTML" not in script.text  # the report is text, never markup
    assert words_client.get("/").text.count('href="/static/audit.html"') == 1


def test_ask_text_over_the_limit_is_422(words_client: TestClient) -> None:
    """A request in words is a chat message: over 500 characters is a 422, answered at once."""
    assert words_client.post("/api/ask", json={"text": "0" * 501}).status_code == 422
