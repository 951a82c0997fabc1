"""The owner's side of the page in chromium: read-only and edit links, delete, a day's new
order by drag and by the keyboard, and the whole plan switching language."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from web_helpers import open_page, running_server, server_env

from conftest import CHROMIUM

if not CHROMIUM.exists():
    pytest.skip("/usr/bin/chromium is absent (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.slow  # a real browser against a running server: `pytest -m slow`

HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A server subprocess (SQLite, no tiles); yields its URL and its log (request lines)."""
    tmp = tmp_path_factory.mktemp("owner")
    log = tmp / "server.log"
    with running_server(server_env(tmp / "data"), log) as url:
        yield url, log


def _plan(page: Page, days: int) -> None:
    page.fill("input[name=days]", str(days))
    page.fill("input[name=month]", "10")
    page.click("#plan")
    page.wait_for_function(
        "() => window.qianxing.markers.length > 0 && !document.querySelector('#plan').disabled"
    )


def _save(page: Page) -> tuple[str, str]:
    page.click("#save")
    page.wait_for_selector("#edit-link:not([hidden])")
    share = page.get_attribute("#share", "href") or ""
    edit = page.get_attribute("#edit-link", "href") or ""
    return share, edit


def _order(page: Page, day: int) -> list[str]:
    return page.eval_on_selector_all(
        f"#days section.day[data-day='{day}'] li.visit", "vs => vs.map(v => v.dataset.place)"
    )


def test_read_only_and_edit_links(browser: Browser, server: tuple[str, Path]) -> None:
    """The share link shows the trip without edit controls; the edit link (secret in the
    fragment, never in a request or the server's log) re-plans and saves from another browser."""
    url, log = server
    page = open_page(browser, url + "/")
    _plan(page, 2)
    share, edit = _save(page)
    assert "#" not in share and "/t/" in share
    assert edit.startswith(share + "#edit=")
    secret = edit.split("#edit=", 1)[1]
    assert secret and secret not in share

    viewer = open_page(browser, share)
    viewer.wait_for_selector("#days section.day")
    assert viewer.is_hidden("#owner-tools") and viewer.is_hidden("#delete")
    assert viewer.is_hidden("#edit-link")
    assert viewer.locator("button.remove, button.step, select.move").count() == 0
    viewer.context.close()

    other = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
    other.set_default_timeout(60_000)
    sent: list[tuple[str, str, dict[str, str]]] = []
    other.on("request", lambda r: sent.append((r.method, r.url, r.headers)))
    other.goto(edit)
    other.wait_for_selector("body[data-ready='1']")
    other.wait_for_selector("#days section.day")
    assert "#edit=" not in other.url, "the secret leaves the address bar once read"
    assert other.is_visible("#owner-tools") and other.is_visible("#delete")
    victim = other.get_attribute("li.visit[data-place]", "data-place")
    other.click(f"button.remove[data-place='{victim}']")
    other.click("#replan")
    other.wait_for_function(
        "p => !document.querySelector(`li.visit[data-place='${p}']`)", arg=victim
    )
    other.click("#save")
    other.wait_for_function(
        "() => /已保存|Saved/.test(document.querySelector('#status').textContent)"
    )
    puts = [h for m, u, h in sent if m == "PUT" and "/api/trips/" in u]
    assert puts and puts[-1].get("x-trip-secret") == secret
    assert not [u for _, u, _ in sent if secret in u], "the secret went into a URL"
    trip_id = share.rsplit("/", 1)[1]
    saved = httpx.get(f"{url}/api/trips/{trip_id}").json()
    assert saved["version"] == 2
    assert victim not in {v["place"] for d in saved["itinerary"]["days"] for v in d["visits"]}
    assert secret not in log.read_text(), "the secret reached the server's log"
    other.context.close()
    page.context.close()


def test_delete_asks_then_the_link_says_deleted(browser: Browser, server: tuple[str, Path]) -> None:
    """Delete asks first (cancel keeps the trip); confirmed, the trip is gone and its share link
    opens a page that says it was deleted (HTTP 410), with no plan."""
    url, _ = server
    page = open_page(browser, url + "/")
    _plan(page, 2)
    share, _edit = _save(page)
    answers: list[bool] = [False, True]
    asked: list[str] = []

    def dialog(d: object) -> None:
        asked.append(d.message)  # type: ignore[attr-defined]
        d.accept() if answers.pop(0) else d.dismiss()  # type: ignore[attr-defined]

    page.on("dialog", dialog)
    page.click("#delete")
    assert asked and httpx.get(share).status_code == 200, "cancelled: the trip stays"
    page.click("#delete")
    page.wait_for_selector("#status.error")
    assert len(asked) == 2
    assert httpx.get(share).status_code == 410
    assert page.is_hidden("#result")

    viewer = open_page(browser, share)
    viewer.wait_for_selector("#status.error")
    text = viewer.text_content("#status") or ""
    assert "删除" in text and viewer.is_hidden("#result")
    viewer.context.close()
    page.context.close()


def test_reorder_by_keyboard_and_drag_is_timed_by_the_server(
    browser: Browser, server: tuple[str, Path]
) -> None:
    """Move up/down (keyboard) and drag reorder a day's places as a pending edit, listed and
    undoable; re-plan sends the order and shows the day in it, timed by the server."""
    url, _ = server
    page = open_page(browser, url + "/")
    _plan(page, 3)
    day = next(d for d in (1, 2, 3) if len(_order(page, d)) >= 2)
    before = _order(page, day)
    times = page.eval_on_selector_all(
        f"#days section.day[data-day='{day}'] li.visit time", "ts => ts.map(t => t.textContent)"
    )

    swapped = [before[1], before[0], *before[2:]]
    sel = f"#days section.day[data-day='{day}'] li.visit"
    # a drag held by the place's time (the card's left edge), dropped on the next place
    page.drag_and_drop(
        f"{sel}[data-place='{before[0]}']",
        f"{sel}[data-place='{before[1]}']",
        source_position={"x": 12, "y": 12},
        target_position={"x": 12, "y": 12},
    )
    assert _order(page, day) == swapped
    assert page.locator("#pending-list li").count() == 1
    page.click("#undo")
    assert _order(page, day) == before and page.locator("#pending-list li").count() == 0

    page.focus(f"button.step.down[data-place='{before[0]}']")
    page.keyboard.press("Enter")
    assert _order(page, day) == swapped
    assert page.locator("#pending-list li").count() == 1
    focused = page.evaluate("() => document.activeElement.dataset.place")
    assert focused == before[0], "the focus stays on the moved place"
    bodies: list[str] = []
    page.on(
        "request", lambda r: bodies.append(r.post_data or "") if "/api/replan" in r.url else None
    )
    page.click("#replan")
    page.wait_for_function(
        "() => !document.querySelector('#pending-list li') && "
        "!document.querySelector('#replan').disabled"
    )
    assert bodies and f'"order":[{{"day":{day}' in bodies[0]
    assert not page.evaluate("() => document.querySelector('#status').classList.contains('error')")
    got = page.evaluate(
        f"() => window.qianxing.state.itinerary.days[{day - 1}].visits.map(v => v.place)"
    )
    assert got == swapped and _order(page, day) == swapped
    new_times = page.eval_on_selector_all(
        f"#days section.day[data-day='{day}'] li.visit time", "ts => ts.map(t => t.textContent)"
    )
    assert new_times != times, "the new order is timed by the server"
    assert page.locator(f"#days section.day[data-day='{day}'] li.leg").count() > 0
    page.context.close()


def test_language_switch_relabels_the_whole_plan(
    browser: Browser, server: tuple[str, Path]
) -> None:
    """Switching to English re-fetches the plan in English: place names and the title too,
    not only the page's words; back to Chinese, the names are Chinese again."""
    url, _ = server
    page = open_page(browser, url + "/")
    _plan(page, 2)
    names = page.eval_on_selector_all("#days li.visit h3", "hs => hs.map(h => h.textContent)")
    assert all(HAN.search(n) for n in names)
    page.click("#lang")
    page.wait_for_function(
        "() => document.querySelector('#days .qx-plan')?.getAttribute('lang') === 'en'"
    )
    names = page.eval_on_selector_all("#days li.visit h3", "hs => hs.map(h => h.textContent)")
    assert names and not any(HAN.search(n) for n in names), names
    assert not HAN.search(page.text_content("#trip-title") or "")
    page.click("#lang")
    page.wait_for_function(
        "() => document.querySelector('#days .qx-plan')?.getAttribute('lang') === 'zh-CN'"
    )
    names = page.eval_on_selector_all("#days li.visit h3", "hs => hs.map(h => h.textContent)")
    assert all(HAN.search(n) for n in names)
    page.context.close()
