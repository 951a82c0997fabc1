"""The ask box of the main page, driven by Debian's chromium through Playwright: a trip in words
fills the form, says what it understood and what not, asks which one, and never plans."""

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


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server subprocess on a free loopback port (SQLite, no map tiles)."""
    data_dir = tmp_path_factory.mktemp("ask-browser") / "data"
    with running_server(server_env(data_dir), data_dir.parent / "server.log") as url:
        yield url


def _open(browser: Browser, url: str, calls: list[str]) -> Page:
    page = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
    page.set_default_timeout(30_000)
    page.on("request", lambda r: calls.append(f"{r.method} {r.url.split('?')[0]}"))
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']")
    return page


def _ask(page: Page, text: str) -> None:
    page.fill("#ask-text", text)
    page.click("#ask-read")
    page.wait_for_selector("#ask-result:not([hidden])")
    page.wait_for_function("() => document.querySelector('#ask-status').textContent === ''")


def _form(page: Page, *names: str) -> dict[str, str]:
    return {n: page.input_value(f"#request [name={n}]") for n in names}


def _ticked(page: Page) -> list[str]:
    return page.eval_on_selector_all("#tags input:checked", "bs => bs.map(b => b.value).sort()")


def test_zh_text_fills_the_form_and_never_plans(browser: Browser, base_url: str) -> None:
    """A Chinese trip fills every field it names (the flight lands at 龙洞堡 at its time),
    lists them in Chinese with their words, notes no year, and does not plan."""
    calls: list[str] = []
    page = _open(browser, base_url + "/", calls)
    _ask(
        page, "我10月去贵州玩6天，飞贵阳，下午2点到，从铜仁走，喜欢瀑布和苗寨，不太能吃辣，预算3000"
    )
    assert _form(page, "days", "month", "arrive", "arrive_time", "depart", "spice", "budget") == {
        "days": "6", "month": "10", "arrive": "贵阳龙洞堡国际机场", "arrive_time": "14:00",
        "depart": "铜仁", "spice": "mild", "budget": "3000",
    }  # fmt: skip
    assert _ticked(page) == ["miao", "waterfall"]
    listed = page.inner_text("#ask-understood")
    assert "天数" in listed and "贵阳龙洞堡国际机场" in listed and "微辣" in listed
    assert "瀑布" in listed and "飞贵阳" not in page.inner_text("#ask-unread")
    assert "理解" in page.inner_text("#ask-heading")
    assert page.is_hidden("#result") and not any("api/plan" in c for c in calls)


def test_en_text_fills_the_form_in_english(browser: Browser, base_url: str) -> None:
    """On the English page an English trip fills the form; 10月中旬's English twin gives a first
    day with the year it assumed, and the labels are English."""
    calls: list[str] = []
    page = _open(browser, base_url + "/", calls)
    page.click("#lang")
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    assert page.get_attribute("#ask-text", "placeholder") == "Tell me about your trip…"
    _ask(page, "5 days in mid-October with my parents, relaxed, no spicy food, skip Tianhetan")
    form = _form(page, "days", "start", "seniors", "pace", "spice", "avoid")
    assert form["start"].endswith("-10-15") and form["avoid"] == "天河潭"
    assert (form["days"], form["seniors"], form["pace"], form["spice"]) == (
        "5", "2", "relaxed", "none",
    )  # fmt: skip
    listed = page.inner_text("#ask-understood")
    assert "Days" in listed and "relaxed" in listed and "天数" not in listed
    assert "no year given" in page.inner_text("#ask-notes")
    assert page.is_hidden("#result") and not any("api/plan" in c for c in calls)
    page.click("#lang")  # back to Chinese: the box's words follow
    page.wait_for_function("() => document.documentElement.lang === 'zh-CN'")
    page.wait_for_function("() => document.querySelector('#ask-notes').innerText.includes('年份')")
    assert page.get_attribute("#ask-text", "placeholder") == "说说你的行程…"


def test_ambiguous_text_asks_which_one_with_buttons(browser: Browser, base_url: str) -> None:
    """ "5月或6月" is not guessed: a button per month; pressing one fills that month."""
    page = _open(browser, base_url + "/", [])
    page.fill("#request [name=month]", "10")
    _ask(page, "6天，5月或6月，喜欢古镇")
    buttons = page.locator("#ask-choices button.ask-choice")
    assert buttons.all_inner_texts() == ["5月", "6月"]
    assert "是指哪个" in page.inner_text("#ask-choices")
    assert page.input_value("#request [name=month]") == "10"  # nothing guessed
    buttons.nth(1).click()
    page.wait_for_function("() => !document.querySelector('#ask-choices button')")
    assert page.input_value("#ask-text") == "6天，6月，喜欢古镇"
    assert _form(page, "days", "month") == {"days": "6", "month": "6"}
    assert _ticked(page) == ["ancient-town"]


def test_words_not_understood_are_listed_in_the_page_language(
    browser: Browser, base_url: str
) -> None:
    """Words it cannot place are listed ("没看懂：星星"), the rest still fills the form; with no
    length the page says what is missing, and no field is changed."""
    page = _open(browser, base_url + "/", [])
    _ask(page, "4天，喜欢看星星")
    assert "没看懂：星星" in page.inner_text("#ask-unread")
    assert page.input_value("#request [name=days]") == "4"
    page.fill("#request [name=days]", "3")
    _ask(page, "somewhere nice and quiet")
    assert "缺少：玩几天" in page.inner_text("#ask-unread")
    assert "没看懂" in page.inner_text("#ask-unread")
    assert page.input_value("#request [name=days]") == "3"
    assert page.inner_text("#ask-heading") == "没有读出可以填入表单的内容"
