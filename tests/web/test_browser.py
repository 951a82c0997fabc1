"""Browser tests: the page driven by Debian's chromium through Playwright."""

from __future__ import annotations

import copy
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from web_helpers import INJECTION, ROOT, running_server, server_env

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
]

if not CHROMIUM.exists() and not os.environ.get("CI"):
    pytest.skip("/usr/bin/chromium is absent (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402

pytestmark = pytest.mark.slow  # a real browser against a running server: `pytest -m slow`


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server subprocess on a free loopback port (SQLite, no map tiles)."""
    tmp = tmp_path_factory.mktemp("browser")
    with running_server(server_env(tmp / "data"), tmp / "server.log") as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Headless chromium from /usr/bin/chromium."""
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


def _open(browser: Browser, url: str) -> Page:
    page = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
    page.set_default_timeout(30_000)
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']")
    return page


def _days(page: Page) -> list[list[str]]:
    return page.eval_on_selector_all(
        "#days section.day",
        "cards => cards.map(c => [...c.querySelectorAll('li.visit')].map("
        "v => v.dataset.place + ' ' + v.querySelector('time').textContent))",
    )


def test_plan_lock_remove_replan_save_share(browser: Browser, base_url: str) -> None:
    """Plan via the form, lock day 1, remove a place, re-plan, save and open the share link."""
    page = _open(browser, base_url + "/")
    page.fill("input[name=days]", "3")
    page.fill("input[name=month]", "10")
    page.click("#plan")
    page.wait_for_selector("#days section.day")
    visits = page.locator("li.visit").count()
    assert visits > 0
    assert page.locator(".qx-marker").count() == visits

    before = _days(page)
    victim = before[1][0].split()[0] if before[1] else before[2][0].split()[0]
    page.check("input.lock[data-day='1']")
    page.click(f"button.remove[data-place='{victim}']")
    page.click("#replan")
    page.wait_for_function(
        "p => !document.querySelector(`li.visit[data-place='${p}']`)", arg=victim
    )
    after = _days(page)
    assert after[0] == before[0], "locked day 1 changed"
    assert page.locator(".qx-marker").count() == page.locator("li.visit").count()
    assert page.is_checked("input.lock[data-day='1']")

    page.click("#save")
    page.wait_for_selector("#share:not([hidden])")
    share = page.get_attribute("#share", "href")
    assert share and "/t/" in share
    page.screenshot(path=str(ROOT / "docs" / "web-screenshot.png"), full_page=True)

    other = _open(browser, share)
    other.wait_for_selector("#days section.day")
    assert _days(other) == after
    assert other.locator(".qx-marker").count() == other.locator("li.visit").count()
    assert other.is_hidden("#owner-tools"), "a share link must be read-only"
    other.context.close()
    page.context.close()


def test_place_names_are_text(
    browser: Browser, base_url: str, small_plan_json: dict[str, Any]
) -> None:
    """A saved trip whose place name is HTML shows the name as text; no element, no script."""
    doc = copy.deepcopy(small_plan_json)
    doc["days"][0]["visits"][0]["name"] = INJECTION
    doc["title"] = INJECTION
    r = httpx.post(base_url + "/api/trips", json=doc, timeout=30)
    assert r.status_code == 201, r.text
    ctx = browser.new_context()
    page = ctx.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{base_url}/t/{r.json()['id']}")
    page.wait_for_selector("#days section.day")
    assert page.locator("#days img, #trip-title img, #map img[src='x']").count() == 0
    names = page.eval_on_selector_all("li.visit h3", "ns => ns.map(n => n.textContent)")
    assert any(INJECTION in n for n in names)
    assert page.text_content("#trip-title") == INJECTION
    page.evaluate("() => window.qianxing.markers[0].openTooltip()")
    tip = page.text_content(".leaflet-tooltip")
    assert tip is not None and INJECTION in tip
    assert page.locator(".leaflet-pane img[src='x']").count() == 0
    page.wait_for_timeout(200)
    assert not dialogs
    ctx.close()


def test_gcj_tiles_offline(browser: Browser, tmp_path: Path) -> None:
    """With GCJ-02 tiles that cannot load, markers sit at GCJ-02 coordinates and the plan shows."""
    env = server_env(
        tmp_path / "data",
        QIANXING_TILE_URL="http://127.0.0.1:9/{z}/{x}/{y}.png",
        QIANXING_TILE_DATUM="GCJ-02",
    )
    with running_server(env, tmp_path / "server.log") as url:
        page = _open(browser, url + "/")
        page.fill("input[name=days]", "2")
        page.click("#plan")
        page.wait_for_selector("#days section.day")
        marks = page.evaluate(
            "() => window.qianxing.markers.map("
            "m => [m.qxPlace, m.getLatLng().lat, m.getLatLng().lng])"
        )
        assert marks and len(marks) == page.locator("li.visit").count()
        places = {p["id"]: p for p in httpx.get(url + "/api/places?limit=200").json()}
        for pid, lat, lon in marks:
            assert lat == pytest.approx(places[pid]["gcj_lat"], abs=1e-9)
            assert lon == pytest.approx(places[pid]["gcj_lon"], abs=1e-9)
        page.context.close()


def test_plan_shows_the_export_parts_and_switches_language(browser: Browser, base_url: str) -> None:
    """The plan on the page has the export's parts (meals, lodging, weather, budget) in Chinese;
    the language switch re-words them in English through /api/view, without re-planning."""
    page = _open(browser, base_url + "/")
    calls: list[str] = []
    page.on("request", lambda r: calls.append(f"{r.method} {r.url.removeprefix(base_url)}"))
    page.fill("input[name=days]", "2")
    page.click("#plan")
    page.wait_for_selector("#days section.day .box.lodging")
    text = page.text_content("#days") or ""
    for word in ("第 1 天", "住宿", "餐饮", "天气与穿衣", "预算（每人）", "合计", "路线"):
        assert word in text, word
    assert page.locator("#days section.budget td.num").count() >= 2
    assert page.text_content("button.remove") == "移除"
    assert page.text_content("select.move option[value='2']") == "第 2 天"
    itinerary = page.evaluate("() => JSON.stringify(window.qianxing.state.itinerary)")

    calls.clear()
    page.click("#lang")
    page.wait_for_function(
        "() => document.querySelector('#days .qx-plan')?.getAttribute('lang') === 'en'"
    )
    text = page.text_content("#days") or ""
    for word in ("Day 1", "Sleep", "Meals", "Weather and clothing", "Budget (per person)"):
        assert word in text, word
    assert "第 1 天" not in text and "预算（每人）" not in text
    assert page.text_content("button.remove") == "remove"
    assert page.text_content("select.move option[value='2']") == "Day 2"
    assert page.text_content("option[value='charter']") == "chartered car"
    assert "POST /api/view?lang=en" in calls
    assert not [c for c in calls if "/api/plan" in c or "/api/replan" in c], calls
    same = page.evaluate("() => JSON.stringify(window.qianxing.state.itinerary)")
    assert same == itinerary, "switching language must not re-plan"
    assert page.locator(".qx-marker").count() == page.locator("#days li.visit").count()

    page.click("#lang")
    page.wait_for_function(
        "() => document.querySelector('#days .qx-plan')?.getAttribute('lang') === 'zh-CN'"
    )
    assert "天气与穿衣" in (page.text_content("#days") or "")
    page.context.close()
