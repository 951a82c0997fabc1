"""The page and /docs work in chromium under the Content-Security-Policy, offline."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from web_helpers import running_server, server_env

from conftest import CHROMIUM

if not CHROMIUM.exists():
    pytest.skip("/usr/bin/chromium is absent (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import Browser, ConsoleMessage, Page, Route

pytestmark = pytest.mark.slow  # a real browser against a running server: `pytest -m slow`


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server subprocess on a free loopback port (SQLite, no map tiles)."""
    tmp = tmp_path_factory.mktemp("csp")
    with running_server(server_env(tmp / "data"), tmp / "server.log") as url:
        yield url


def _offline_page(browser: Browser, base_url: str) -> tuple[Page, list[str], list[str]]:
    """A page whose requests to any other host fail; returns it, CSP reports, outside URLs."""
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(30_000)
    violations: list[str] = []
    outside: list[str] = []

    def console(msg: ConsoleMessage) -> None:
        if "Content Security Policy" in msg.text or "Content-Security-Policy" in msg.text:
            violations.append(msg.text)

    def route(r: Route) -> None:
        if r.request.url.startswith(base_url):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    page.on("console", console)
    page.route("**/*", route)
    return page, violations, outside


def test_docs_render_offline(browser: Browser, base_url: str) -> None:
    """Swagger UI lists the API's operations with no other host and no CSP violation."""
    page, violations, outside = _offline_page(browser, base_url)
    page.goto(f"{base_url}/docs")
    page.wait_for_selector(".opblock-summary-path", timeout=30_000)
    paths = page.eval_on_selector_all(".opblock-summary-path", "ns => ns.map(n => n.textContent)")
    assert any("/api/trips" in p for p in paths)
    assert not violations and not outside, (violations, outside)


def test_page_runs_under_csp(browser: Browser, base_url: str) -> None:
    """The planner page starts and plans under the policy without a violation."""
    page, violations, outside = _offline_page(browser, base_url)
    page.goto(base_url)
    page.wait_for_selector("body[data-ready='1']")
    assert not violations and not outside, (violations, outside)
