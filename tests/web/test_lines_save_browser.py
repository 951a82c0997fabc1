"""The page in chromium: legs drawn along known points (solid) or between two ends (dashed),
a save retried after a network error with the same Idempotency-Key, exports in the page's
language."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from web_helpers import open_page, running_server, server_env

from conftest import CHROMIUM

if not CHROMIUM.exists():
    pytest.skip("/usr/bin/chromium is absent (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import Browser, Page, Route

pytestmark = pytest.mark.slow  # a real browser against a running server: `pytest -m slow`


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A server subprocess (SQLite, no tiles); yields its URL and its database file."""
    tmp = tmp_path_factory.mktemp("lines")
    with running_server(server_env(tmp / "data"), tmp / "server.log") as url:
        yield url, tmp / "data" / "trips.sqlite3"


def _plan(page: Page, **fields: str) -> None:
    page.fill("input[name=days]", fields.get("days", "2"))
    page.fill("input[name=month]", "10")
    if "must" in fields:
        page.fill("input[name=must]", fields["must"])
    if "depart" in fields:
        page.fill("input[name=depart]", fields["depart"])
    if "transport" in fields:
        page.select_option("select[name=transport]", fields["transport"])
    page.click("#plan")
    page.wait_for_function(
        "() => window.qianxing.markers.length > 0 && !document.querySelector('#plan').disabled"
    )


def _trips(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM trips").fetchone()[0])


def test_legs_solid_along_known_junctions_dashed_otherwise(
    browser: Browser, server: tuple[str, Path]
) -> None:
    """A chartered drive the road graph routes is a solid line through its junctions; a step
    whose ends alone are known is dashed; the legend says which is which."""
    url, _db = server
    page = open_page(browser, url + "/")
    _plan(page, must="织金洞", depart="遵义", transport="charter")
    page.wait_for_function("() => window.qianxing.lines.length > 0")
    lines: list[dict[str, Any]] = page.evaluate(
        "() => window.qianxing.lines.map(l => ({exact: l.qxExact, mode: l.qxMode,"
        " dash: l.options.dashArray, n: l.getLatLngs().length,"
        " svg: l.getElement() ? l.getElement().getAttribute('stroke-dasharray') : 'none'}))"
    )
    solid = [x for x in lines if x["exact"]]
    dashed = [x for x in lines if not x["exact"]]
    assert solid and dashed
    assert all(x["dash"] is None and x["svg"] is None and x["n"] > 2 for x in solid)
    assert all(x["dash"] and x["svg"] and x["n"] == 2 for x in dashed)
    note = page.text_content("#legend .legend-note") or ""
    assert "实线" in note and "虚线" in note
    page.context.close()


def test_save_retried_after_network_errors_is_one_trip(
    browser: Browser, server: tuple[str, Path]
) -> None:
    """The server stores the save but the answer is lost twice (the page retries once by
    itself, then the traveller presses save again): every attempt sends the same
    Idempotency-Key, and the page ends up with the first trip, not a copy."""
    url, db = server
    page = open_page(browser, url + "/")
    _plan(page)
    before = _trips(db)
    sent: list[tuple[str | None, dict[str, Any]]] = []

    def lose_answer(route: Route) -> None:
        req = route.request
        if req.method != "POST":
            route.continue_()
            return
        res = route.fetch()  # the server stores the trip ...
        sent.append((req.headers.get("idempotency-key"), res.json()))
        if len(sent) <= 2:
            route.abort("connectionreset")  # ... and the answer never arrives
        else:
            route.fulfill(response=res)

    page.route("**/api/trips", lose_answer)
    page.click("#save")
    page.wait_for_function("() => !document.querySelector('#save').disabled")
    assert len(sent) == 2 and page.is_hidden("#share")  # the save failed and said so
    page.click("#save")
    page.wait_for_selector("#share:not([hidden])")
    keys = {k for k, _ in sent}
    assert len(sent) == 3 and len(keys) == 1 and None not in keys
    assert len({body["id"] for _, body in sent}) == 1
    assert (page.get_attribute("#share", "href") or "").endswith(f"/t/{sent[0][1]['id']}")
    assert _trips(db) == before + 1
    page.context.close()


def test_export_follows_the_page_language(browser: Browser, server: tuple[str, Path]) -> None:
    """A trip planned and saved in Chinese, exported after switching to English, is in
    English (the export link carries ?lang=)."""
    url, _db = server
    page = open_page(browser, url + "/")
    _plan(page)
    page.click("#save")
    page.wait_for_selector("#share:not([hidden])")
    page.click("#lang")
    page.wait_for_function("() => document.documentElement.lang.startsWith('en')")
    with page.expect_download() as info:
        page.click("#exports button[data-fmt='md']")
    download = info.value
    assert "lang=en" in download.url
    text = Path(download.path()).read_text("utf-8")
    assert "Day 1" in text and "第 1 天" not in text
    page.context.close()


def test_drag_to_another_day_moves_it_and_replan_shows_changes(
    browser: Browser, server: tuple[str, Path]
) -> None:
    """A place dragged onto a place of another day is a pending move (listed); re-planning
    puts it on that day, keeps the rest of the trip's days, and lists what changed."""
    url, _db = server
    page = open_page(browser, url + "/")
    _plan(page, days="3")
    order = [
        page.eval_on_selector_all(
            f"#days section.day[data-day='{d}'] li.visit", "vs => vs.map(v => v.dataset.place)"
        )
        for d in (1, 2, 3)
    ]
    # between days of several sights: a day that is one big sight (黄果树's 6 h) has no room
    # for another, and the move would be refused
    src = next(d for d in (3, 2) if len(order[d - 1]) > 1)
    dst = next(d for d in (1, 2, 3) if d != src and len(order[d - 1]) > 1)
    place = order[src - 1][-1]
    # the two cards are a screen apart: the drag's events, as chromium sends them
    data = page.evaluate_handle("() => new DataTransfer()")
    source = f"#days section.day[data-day='{src}'] li.visit[data-place='{place}']"
    target = f"#days section.day[data-day='{dst}'] li.visit[data-place='{order[dst - 1][0]}']"
    page.dispatch_event(source, "dragstart", {"dataTransfer": data})
    page.dispatch_event(target, "dragover", {"dataTransfer": data})
    page.dispatch_event(target, "drop", {"dataTransfer": data})
    page.dispatch_event(source, "dragend", {"dataTransfer": data})
    assert page.locator("#pending-list li").count() == 1
    page.click("#replan")
    page.wait_for_function(
        "() => !document.querySelector('#pending-list li') && "
        "!document.querySelector('#replan').disabled"
    )
    assert not page.evaluate("() => document.querySelector('#status').classList.contains('error')")
    days = page.evaluate(
        "() => window.qianxing.state.itinerary.days.map(d => d.visits.map(v => v.place))"
    )
    assert place in days[dst - 1] and place not in days[src - 1]
    assert page.locator("#changes li").count() >= 1
    assert place in (page.text_content("#changes") or "") or page.locator("#changes li").count()
    page.context.close()
