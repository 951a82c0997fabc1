"""The "check a route" page (static/audit.html), driven by Debian's chromium through Playwright:
the issue's route pasted gives per-day verdicts and the better plan beside it; text it cannot
read gives an error that says how to write a route."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from web_helpers import running_server, server_env

CHROMIUM = Path("/usr/bin/chromium")

if not CHROMIUM.exists() and not os.environ.get("CI"):
    pytest.skip("/usr/bin/chromium is absent (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import Browser, Page  # noqa: E402

pytestmark = pytest.mark.slow  # a real browser against a running server: `pytest -m slow`

ISSUE_ROUTE = """DAY 1:→贵阳(黔灵山公园)→住贵阳
DAY 2:→黄果树瀑布→住安顺
DAY 3:→荔波小七孔→西江千户苗寨→住苗寨
DAY 4:→西江千户苗寨→下司古镇→住江口县
DAY 5:→梵净山→住江口县
DAY 6:→青岩古镇→贵阳返程"""
"""The route of issue 16, as an agency's advert writes it."""


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server subprocess on a free loopback port (SQLite, no map tiles)."""
    data_dir = tmp_path_factory.mktemp("audit-browser") / "data"
    with running_server(server_env(data_dir), data_dir.parent / "server.log") as url:
        yield url


def _open(browser: Browser, url: str) -> Page:
    page = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
    page.set_default_timeout(180_000)  # the better plan is planned on a shared machine
    page.goto(url)
    return page


def test_issue_route_gives_day_verdicts_and_the_better_plan_beside_it(
    browser: Browser, base_url: str
) -> None:
    """The issue's six-day route: a verdict, one line per day (✓/✗, hours on the road, the
    problems), and a table with the route's day and the better plan's day side by side."""
    page = _open(browser, base_url + "/static/audit.html")
    page.fill("#text", ISSUE_ROUTE)
    page.click("#check")
    page.wait_for_selector("#report:not([hidden])")
    assert "路线" in page.inner_text("#verdict")  # e.g. 这条路线照写的走不通
    days = page.locator("#days > li")
    assert days.count() == 6
    heads = days.locator("strong").all_inner_texts()
    assert all(h[0] in "✓✗" and "路上" in h and "小时" in h for h in heads), heads
    assert any(h.startswith("✗") for h in heads)  # 小七孔 and 西江 on one day do not fit
    assert "✗" in days.nth(2).inner_text().split("\n", 1)[1]  # day 3 says why
    rows = page.locator("#side tbody tr")
    assert rows.count() == 6
    cells = [rows.nth(i).locator("td").all_inner_texts() for i in range(6)]
    assert [c[0] for c in cells] == ["1", "2", "3", "4", "5", "6"]
    assert "黄果树瀑布" in cells[1][1] and "梵净山" in cells[4][1]
    assert all(c[2] and c[2] != "—" for c in cells), cells  # the better plan beside each day
    assert page.locator("#differences li").count() > 0
    assert page.inner_text("#status") == ""


def test_text_with_no_route_says_how_to_write_one(browser: Browser, base_url: str) -> None:
    """Text with no place: no report, an error with an example day line and what could not be
    read; a misspelt place is named with "did you mean"."""
    page = _open(browser, base_url + "/static/audit.html")
    page.fill("#text", "hello, what do you think?")
    page.click("#check")
    page.wait_for_function("() => document.querySelector('#status').textContent.includes('出错了')")
    status = page.inner_text("#status")
    assert "DAY 1:" in status and "hello" in status
    assert page.is_hidden("#report")
    page.fill("#text", "DAY 1: 黄果数瀑布")
    page.click("#check")
    page.wait_for_function("() => document.querySelector('#status').textContent.includes('黄果树')")
    assert page.is_hidden("#report")
