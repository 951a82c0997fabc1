"""``POST /api/view`` and ``GET /api/trips/{id}/view``: the page's plan from the export's
templates, in either language, escaped, and validated."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from markupsafe import escape
from web_helpers import INJECTION

from conftest import TestClient
from html_tags import start_tags
from qianxing.model import Itinerary
from qianxing.render.html import to_html
from qianxing.replan import relabel
from qianxing.web.config import Settings
from qianxing.web.main import create_app


@pytest.fixture(scope="module")
def view_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A client on SQLite (the view does not depend on the backend)."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("view"), tile_url="")
    with TestClient(create_app(settings)) as c:
        yield c


@pytest.mark.parametrize(
    ("lang", "html_lang", "words", "absent"),
    [
        ("zh", "zh-CN", ("第 1 天", "天气与穿衣", "餐饮", "住宿", "预算（每人）", "合计"), "Day 1"),
        (
            "en",
            "en",
            ("Day 1", "Weather and clothing", "Meals", "Sleep", "Budget (per person)"),
            "第",
        ),
    ],
)
def test_view_in_both_languages(
    view_client: TestClient,
    small_plan_json: dict[str, Any],
    lang: str,
    html_lang: str,
    words: tuple[str, ...],
    absent: str,
) -> None:
    """The plan's interface words follow ``lang``; the fragment says its language."""
    r = view_client.post("/api/view", params={"lang": lang}, json=small_plan_json)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["lang"] == lang
    html = body["html"]
    assert html.startswith(f'<div class="qx-plan" lang="{html_lang}">')
    for word in words:
        assert word in html, word
    assert f">{absent}" not in html
    assert not re.search(r"<script|<style|\sstyle=|\son[a-z]+=", html)  # CSP-friendly


def test_view_default_language_is_the_plans(
    view_client: TestClient, small_plan_json: dict[str, Any]
) -> None:
    """Without ``lang`` the plan is worded in the language it was planned in."""
    r = view_client.post("/api/view", json=small_plan_json)
    assert r.status_code == 200
    assert r.json()["lang"] == small_plan_json["request"]["lang"] == "zh"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_view_is_the_exports_parts(
    small_plan: Itinerary, view_client: TestClient, lang: str
) -> None:
    """Every day, the places left out and the budget are exactly the HTML export's (in the
    other language: the export of the trip re-assembled in it, as ``export --lang`` does;
    worded for the page: an option to change is its form field, not its command-line flag)."""
    doc = small_plan.model_dump(mode="json", by_alias=True)
    html = view_client.post("/api/view", params={"lang": lang}, json=doc).json()["html"]
    shown = small_plan if lang == small_plan.request.lang else relabel(small_plan, lang)
    export = to_html(shown, lang, flags=False)
    parts = re.findall(r'<section class="card [a-z]+".*?</section>', html, flags=re.S)
    assert len(parts) == len(small_plan.days) + bool(small_plan.dropped) + 1
    for part in parts:  # the page adds the budget per day; all else is the export's
        assert re.sub(r"<h3>[^<]*</h3><table class=\"per-day\">.*?</table>", "", part) in export
    for tip in (t for d in shown.days for t in d.tips if t.kind != "lunch-after"):
        words = tip.title or tip.text
        assert words is not None and str(escape(words.text(lang))) in html
    for day in small_plan.days:
        assert f'data-day="{day.day}"' in html
        for v in day.visits:
            assert f'data-place="{v.place}"' in html


def test_view_has_the_plans_facts(small_plan: Itinerary, view_client: TestClient) -> None:
    """Tickets, legs with times, weather and clothing, meals, lodging and budget all show."""
    doc = small_plan.model_dump(mode="json", by_alias=True)
    html = view_client.post("/api/view", params={"lang": "zh"}, json=doc).json()["html"]
    day = small_plan.days[0]
    for leg in day.legs:
        assert f"{leg.depart}–{leg.arrive}" in html
    assert day.weather is not None and day.weather.wear in html
    assert day.lodging is not None and day.lodging.name in html
    for meal in day.meals:
        assert meal.where in html
    budget = small_plan.budget
    assert budget is not None and budget.days
    assert "门票" in html and "每天" in html and f"¥{budget.total:,}" in html
    for line in [*(budget.advice or []), *budget.notes]:
        assert str(escape(line.text("zh", flags=False))) in html
    per_day = re.search(r'<table class="per-day">.*?</table>', html, flags=re.S)
    assert per_day is not None
    for d in budget.days:
        assert f"<td>第 {d.day} 天</td>" in per_day.group(0)
        assert f"¥{d.total:,}</td>" in per_day.group(0)


def test_view_escapes_hostile_text(
    view_client: TestClient, small_plan_json: dict[str, Any]
) -> None:
    """Place names, notes and titles with markup come back as text: no element, no handler."""
    doc = copy.deepcopy(small_plan_json)
    doc["title"] = INJECTION
    visit = doc["days"][0]["visits"][0]
    visit["name"] = INJECTION
    visit["what"] = '" onmouseover="alert(1)'
    visit["place"] = '"><script>alert(1)</script>'
    doc["warnings"] = [*doc["warnings"], "<script>alert(2)</script>"]
    r = view_client.post("/api/view", params={"lang": "en"}, json=doc)
    assert r.status_code == 200, r.text
    html = r.json()["html"]
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    tags = start_tags(html)
    assert not [t for t, _ in tags if t in ("img", "script", "style", "iframe")]
    assert not [a for _, attrs in tags for a in attrs if a.startswith("on")]
    assert not [
        v
        for _, attrs in tags
        for k, v in attrs.items()
        if k == "href" and v and not v.startswith("http")
    ]


@pytest.mark.parametrize(
    ("params", "body"),
    [
        ({"lang": "fr"}, None),
        ({}, {"days": 3}),
        ({}, {"title": "x"}),
        ({}, []),
    ],
)
def test_view_rejects_bad_input(
    view_client: TestClient,
    small_plan_json: dict[str, Any],
    params: dict[str, str],
    body: object,
) -> None:
    """An unknown language or a body that is not an itinerary is a 422, never a 5xx."""
    r = view_client.post("/api/view", params=params, json=small_plan_json if body is None else body)
    assert r.status_code == 422, r.text
    assert r.json()["detail"]


def test_view_rejects_broken_json(view_client: TestClient) -> None:
    """A body that is not JSON is a 422."""
    r = view_client.post(
        "/api/view", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert r.status_code == 422


def test_view_of_a_saved_trip(view_client: TestClient, small_plan_json: dict[str, Any]) -> None:
    """A saved trip's view matches the view of the itinerary it holds; unknown ids are 404."""
    saved = view_client.post("/api/trips", json=small_plan_json)
    assert saved.status_code == 201, saved.text
    trip_id = saved.json()["id"]
    r = view_client.get(f"/api/trips/{trip_id}/view", params={"lang": "en"})
    assert r.status_code == 200
    direct = view_client.post("/api/view", params={"lang": "en"}, json=small_plan_json)
    assert r.json() == direct.json()
    assert view_client.get("/api/trips/" + "x" * 22 + "/view").status_code == 404
    assert view_client.get(f"/api/trips/{trip_id}/view", params={"lang": "de"}).status_code == 422


@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("/api/view", '{"title": NaN}'),
        ("/api/plan", '{"days": NaN}'),
        ("/api/plan", '{"days": 1e400}'),
        ("/api/trips", '{"version": -Infinity}'),
    ],
)
def test_non_finite_numbers_are_422(view_client: TestClient, url: str, body: str) -> None:
    """NaN and Infinity (accepted by Python's JSON parser) are a 422 naming the field."""
    r = view_client.post(url, content=body, headers={"content-type": "application/json"})
    assert r.status_code == 422, r.text
    assert r.json()["detail"]


def test_non_finite_total_is_422(view_client: TestClient, small_plan_json: dict[str, Any]) -> None:
    """An itinerary whose budget total is NaN is refused with 422, not a server error."""
    doc = copy.deepcopy(small_plan_json)
    doc["budget"]["total"] = "__nan__"
    body = json.dumps(doc).replace('"__nan__"', "NaN")
    r = view_client.post("/api/view", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 422
    assert "total" in r.text
