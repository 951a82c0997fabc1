"""Browser tests: the page driven by Debian's chromium through Playwright."""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from web_helpers import INJECTION, ROOT, running_server, server_env

from conftest import CHROMIUM
from qianxing.model import Itinerary
from qianxing.web.config import Settings
from qianxing.web.crud import create_trip
from qianxing.web.db import make_engine

if not CHROMIUM.exists() and not os.environ.get("CI"):
    pytest.skip("/usr/bin/chromium is absent (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.slow  # a real browser against a running server: `pytest -m slow`


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The browser server's data directory (its SQLite database is ``trips.sqlite3`` there)."""
    return tmp_path_factory.mktemp("browser") / "data"


@pytest.fixture(scope="module")
def base_url(data_dir: Path) -> Iterator[str]:
    """A server subprocess on a free loopback port (SQLite, no map tiles)."""
    with running_server(server_env(data_dir), data_dir.parent / "server.log") as url:
        yield url


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
    # the README's picture: a whole day beside the fitted map (the viewport, as a reader sees it)
    page.evaluate("() => document.querySelector('#days section.day').scrollIntoView()")
    page.screenshot(path=str(ROOT / "docs" / "web-screenshot.png"))

    other = _open(browser, share)
    other.wait_for_selector("#days section.day")
    assert _days(other) == after
    assert other.locator(".qx-marker").count() == other.locator("li.visit").count()
    assert other.is_hidden("#owner-tools"), "a share link must be read-only"
    other.context.close()
    page.context.close()


def test_place_names_are_text(
    browser: Browser, base_url: str, data_dir: Path, small_plan_json: dict[str, Any]
) -> None:
    """A stored trip whose place name is HTML shows the name as text; no element, no script.
    The API refuses such a trip (it is checked against the data pack), so it is written
    straight into the server's database, as one stored before that check or by other means."""
    doc = copy.deepcopy(small_plan_json)
    doc["days"][0]["visits"][0]["name"] = INJECTION
    doc["title"] = INJECTION
    refused = httpx.post(base_url + "/api/trips", json=doc, timeout=30)
    assert refused.status_code == 422, refused.text
    settings = Settings(data_dir=data_dir, database_url="", tile_url="")
    engine = make_engine(settings.sqlalchemy_url)
    try:
        stored, _secret, _ = create_trip(engine, Itinerary.model_validate(doc))
    finally:
        engine.dispose()
    ctx = browser.new_context()
    page = ctx.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{base_url}/t/{stored.id}")
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


# --- issue 15: the page as a product (map, layout, errors, edits, sharing, languages) ---

FIT = """() => {
  const map = window.qianxing.state.map.map;
  const b = map.getBounds();
  const ms = window.qianxing.markers;
  return [ms.length, ms.filter(m => b.contains(m.getLatLng())).length];
}"""

CONTROLS = """() => {
  // the hit area of each visible control: a checkbox counts with the label it sits in
  const out = [];
  const sel = 'button, select, input, .qx-plan .maps a, .leaflet-bar a';
  for (const n of document.querySelectorAll(sel)) {
    if (!n.offsetParent && getComputedStyle(n).position !== 'fixed') continue;
    const box = (n.type === 'checkbox' && n.closest('label')) || n;
    const h = box.getBoundingClientRect().height;
    if (h > 0 && h < 40) out.push(`${n.tagName}.${n.className} ${h}`);
  }
  return out;
}"""


def _plan(page: Page, days: int = 3, **fields: str) -> None:
    page.fill("input[name=days]", str(days))
    for name, value in fields.items():
        page.fill(f"input[name={name}]", value)
    page.click("#plan")
    page.wait_for_function(
        "() => window.qianxing.markers.length > 0 && !document.querySelector('#plan').disabled"
    )


def _all_in_view(page: Page) -> None:
    n, inside = page.evaluate(FIT)
    assert n == page.locator("#days li.visit").count() and n > 0
    assert inside == n, f"{inside} of {n} markers in the map's view"


def test_map_fits_every_plan_and_share_link_with_day_legend(
    browser: Browser, base_url: str
) -> None:
    """The map shows every marker after the first plan, a re-plan and a share link; the legend
    has one colour per day, clicking a day fits that day; legs are dashed (ends only)."""
    page = _open(browser, base_url + "/")
    _plan(page, 4)
    _all_in_view(page)
    legend = page.eval_on_selector_all(
        "#legend button[data-day]", "bs => bs.map(b => b.dataset.day)"
    )
    assert legend == ["all", "1", "2", "3", "4"]
    colours = page.eval_on_selector_all(
        "#legend .swatch", "ss => ss.map(s => getComputedStyle(s).borderTopColor)"
    )
    assert len(set(colours)) == 4
    dashes = page.evaluate(
        "() => [...document.querySelectorAll('#map path.leaflet-interactive')]"
        ".filter(p => p.getAttribute('stroke-dasharray')).length"
    )
    assert dashes >= 4, "legs known only by their ends are drawn dashed"

    page.click("#legend button[data-day='2']")
    day2 = page.evaluate(
        "() => { const b = window.qianxing.state.map.map.getBounds();"
        " return window.qianxing.markers.filter(m => m.qxDay === 2)"
        ".map(m => b.contains(m.getLatLng())); }"
    )
    assert day2 and all(day2)
    assert page.get_attribute("#legend button[data-day='2']", "aria-pressed") == "true"
    page.click("#days section.day[data-day='3'] button.focus-day")
    assert page.evaluate("() => window.qianxing.state.map.focus") == 3

    victim = page.get_attribute("#days section.day[data-day='2'] li.visit", "data-place")
    page.click(f"button.remove[data-place='{victim}']")
    page.click("#replan")
    page.wait_for_function(
        "p => !document.querySelector(`li.visit[data-place='${p}']`)", arg=victim
    )
    _all_in_view(page)

    page.click("#save")
    page.wait_for_selector("#share:not([hidden])")
    share = page.get_attribute("#share", "href")
    assert share
    other = _open(browser, share)
    other.wait_for_function("() => window.qianxing.markers.length > 0")
    _all_in_view(other)
    other.context.close()
    page.context.close()


def test_desktop_map_stays_in_view_and_phone_switch(browser: Browser, base_url: str) -> None:
    """Desktop: the map is one viewport tall and stays beside the days while scrolling.
    Phone: a plan/map switch near the top, the map fitted when shown, controls >= 40 px."""
    page = _open(browser, base_url + "/")
    _plan(page, 3)
    height = page.evaluate("() => document.querySelector('#map').getBoundingClientRect().height")
    assert 300 < height <= 1000
    assert page.is_hidden("#view-switch")
    page.evaluate("() => document.querySelector(\"section.day[data-day='3']\").scrollIntoView()")
    box = page.evaluate(
        "() => { const r = document.querySelector('#map').getBoundingClientRect();"
        " return [r.top, r.bottom, innerHeight]; }"
    )
    assert box[0] >= 0 and box[1] <= box[2], f"map out of view after scrolling: {box}"
    page.context.close()

    ctx = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    phone = ctx.new_page()
    phone.set_default_timeout(30_000)
    phone.goto(base_url + "/")
    phone.wait_for_selector("body[data-ready='1']")
    _plan(phone, 3)
    top = phone.evaluate("() => document.querySelector('#view-switch').getBoundingClientRect().top")
    assert 0 <= top < 100, f"the list/map switch is {top} px down the screen"
    assert phone.is_hidden("#map")
    phone.click("#view-switch button[data-view=map]")
    assert phone.is_hidden("#days")
    _all_in_view(phone)
    phone.click("#view-switch button[data-view=list]")
    assert phone.evaluate(CONTROLS) == []
    phone.screenshot(path=str(ROOT / "docs" / "web-phone.png"))
    phone.click("#view-switch button[data-view=map]")
    assert phone.evaluate(CONTROLS) == []
    ctx.close()


def test_error_before_the_first_plan_is_visible(browser: Browser, base_url: str) -> None:
    """A misspelt must-see before any plan shows the did-you-mean error on the page."""
    page = _open(browser, base_url + "/")
    page.fill("input[name=must]", "荔波小七控")
    page.click("#plan")
    page.wait_for_selector("#status.error")
    assert page.is_visible("#status")
    text = page.text_content("#status") or ""
    assert "荔波小七控" in text and "荔波小七孔" in text and "你是不是要找" in text
    assert page.is_hidden("#result")
    page.context.close()


def test_pending_edits_listed_removable_undoable(browser: Browser, base_url: str) -> None:
    """An unknown place is refused at 添加地点 (did you mean) and does not break re-plans; pending
    edits are listed, each can be dropped, and undo restores the last one."""
    page = _open(browser, base_url + "/")
    _plan(page, 3)
    page.fill("#add-place", "黄果树瀑布不存在")
    page.click("#add")
    page.wait_for_selector("#status.error")
    assert "黄果树瀑布" in (page.text_content("#status") or "")
    assert page.locator("#pending-list li").count() == 0

    page.fill("#add-place", "黄果树")
    page.click("#add")
    page.wait_for_selector("#pending-list li")
    places = page.eval_on_selector_all("li.visit[data-place]", "vs => vs.map(v => v.dataset.place)")
    victim = places[-1]
    page.click(f"button.remove[data-place='{victim}']")
    assert page.locator("#pending-list li").count() == 2
    page.click("#pending-list li:first-child button.drop")  # drop the removal
    assert page.locator("#pending-list li").count() == 1
    assert "黄果树" in (page.text_content("#pending-list") or "")
    page.click("#undo")
    assert page.locator("#pending-list li").count() == 2
    page.click("#undo")
    assert page.locator("#pending-list li").count() == 1
    page.click("#pending-list li button.drop")
    assert page.locator("#pending-list li").count() == 0

    page.click(f"button.remove[data-place='{victim}']")
    page.click("#replan")
    page.wait_for_function(
        "p => !document.querySelector(`li.visit[data-place='${p}']`)", arg=victim
    )
    assert not page.evaluate("() => document.querySelector('#status').classList.contains('error')")
    page.context.close()


def test_share_link_names_new_plan_copy_and_reload(browser: Browser, base_url: str) -> None:
    """A saved trip reloads with place names in the form; its link can be copied; planning anew
    from it takes /t/{id} out of the address bar."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 1000})
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page = ctx.new_page()
    page.set_default_timeout(30_000)
    page.goto(base_url + "/")
    page.wait_for_selector("body[data-ready='1']")
    _plan(page, 3, must="青岩古镇")
    page.click("#save")
    page.wait_for_selector("#copy-link:not([hidden])")
    assert "/t/" in page.url
    page.click("#copy-link")
    page.wait_for_function("() => document.querySelector('#status').textContent.includes('/t/')")
    assert page.evaluate("() => navigator.clipboard.readText()") == page.url

    page.reload()
    page.wait_for_selector("body[data-ready='1']")
    assert page.input_value("input[name=must]") == "青岩古镇"
    assert page.input_value("input[name=arrive]") == "贵阳"

    page.fill("input[name=days]", "2")
    page.click("#plan")
    page.wait_for_function("() => location.pathname === '/'")
    page.wait_for_selector("#share", state="hidden")
    ctx.close()


def test_english_remembered_errors_and_no_flags(browser: Browser, base_url: str) -> None:
    """English is remembered across reloads and used for the plan and its errors; the page shows
    no command-line flags or raw mode ids, in either language."""
    raw = re.compile(r"--[a-z]|public\+car|\bcharter\b|\btaxi\b|\brail\b")
    page = _open(browser, base_url + "/")
    _plan(page, 4)
    text = page.text_content("#result") or ""
    assert "必去" in text  # the places left out: "make it a must-see to swap them"
    assert not raw.search(text), raw.search(text)
    page.fill("input[name=days]", "1")
    page.fill("input[name=must]", "镇远古城")
    page.click("#plan")
    page.wait_for_selector("#status.error")
    text = page.text_content("#status") or ""
    assert "镇远古城" in text
    assert not raw.search(text), raw.search(text)

    page.click("#lang")
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    page.reload()
    page.wait_for_selector("body[data-ready='1']")
    assert page.evaluate("() => document.documentElement.lang") == "en"
    assert page.text_content("#lang") == "中文"
    assert page.text_content("#plan") == "Plan my trip"
    page.fill("input[name=must]", "荔波小七控")
    page.click("#plan")
    page.wait_for_selector("#status.error")
    text = page.text_content("#status") or ""
    assert "did you mean" in text and "你是不是" not in text and "出错" not in text
    page.fill("input[name=days]", "1")
    page.fill("input[name=must]", "镇远古城")
    page.click("#plan")
    page.wait_for_function(
        "() => document.querySelector('#status').textContent.includes('Zhenyuan')"
    )
    text = page.text_content("#status") or ""
    assert not raw.search(text), raw.search(text)
    page.fill("input[name=must]", "")
    _plan(page, 4)
    text = page.text_content("#result") or ""
    assert "Day 1" in text and "第 1 天" not in text and "Must see" in text
    assert not re.search(r"--[a-z]|public\+car", text)
    modes = page.eval_on_selector_all("#days .mode", "ms => ms.map(m => m.textContent.trim())")
    # English labels, not the mode ids (walk and bus are both)
    assert modes and not {"taxi", "rail", "car", "hired-car", "shuttle"} & set(modes), modes
    page.context.close()


def test_double_submit_beforeunload_and_print(browser: Browser, base_url: str) -> None:
    """规划行程 is disabled while planning (two presses, one plan); pending edits make leaving
    ask first; printing hides the form and the map controls."""
    page = _open(browser, base_url + "/")
    plans: list[str] = []
    page.on("request", lambda r: plans.append(r.url) if "/api/plan" in r.url else None)
    page.fill("input[name=days]", "2")
    # read the button in the same task as the presses: a cached plan can come back before a
    # separate is_disabled round trip, which made this check depend on the machine's load
    pressed = (
        "() => { const b = document.querySelector('#plan');"
        " b.click(); b.click(); return b.disabled; }"
    )
    assert page.evaluate(pressed) is True
    page.wait_for_function("() => window.qianxing.markers.length > 0")
    page.wait_for_function("() => !document.querySelector('#plan').disabled")
    assert len(plans) == 1
    leave = (
        "() => { const e = new Event('beforeunload', {cancelable: true});"
        " window.dispatchEvent(e); return e.defaultPrevented; }"
    )
    assert page.evaluate(leave) is False
    victim = page.get_attribute("li.visit[data-place]", "data-place")
    page.click(f"button.remove[data-place='{victim}']")
    assert page.evaluate(leave) is True

    page.emulate_media(media="print")
    assert page.is_hidden("#request")
    assert page.is_hidden(".leaflet-control-zoom")
    assert page.is_hidden("#owner-tools")
    assert page.is_visible("#days section.day")
    page.context.close()
