"""HTML export: standalone and offline, bilingual, complete, and escaped against injection."""

from __future__ import annotations

import re

from html_tags import start_tags
from qianxing.message import Message, Text, say
from qianxing.model import (
    Budget,
    Dish,
    Dropped,
    Fare,
    Fee,
    Itinerary,
    Lodging,
    Meal,
    Tip,
    Weather,
)
from qianxing.render.html import safe_url, to_html

EVIL = "<script>alert(1)</script>"
EVIL_ATTR = '" onmouseover="alert(1)'


def _poisoned(it: Itinerary) -> Itinerary:
    """A copy where every kind of data-borne text carries markup or a hostile URL."""
    day = it.days[0]
    visit = day.visits[0].model_copy(
        update={
            "name": EVIL,
            "what": EVIL,
            "reservation": EVIL,
            "hours": EVIL,
            "fees": [Fee(name=EVIL, fare=10.0, required=True)],
        }
    )
    if visit.ticket is not None:
        visit = visit.model_copy(
            update={"ticket": visit.ticket.model_copy(update={"source": "javascript:alert(1)"})}
        )
    meal = Meal(
        meal=EVIL,
        where=EVIL,
        dishes=[Dish(id="evil", name=EVIL, about=EVIL_ATTR, price=(10, 20), spice=2)],
        price=Fare(low=10, high=20, basis=EVIL),
    )
    lodging = Lodging(base="guiyang", name=EVIL, kind=EVIL, why=EVIL)
    weather = Weather(high_c=20, low_c=12, wear=EVIL, rain_plan=EVIL, source="javascript:x")
    tips = [Tip(kind="pitfall", title=EVIL, text=EVIL + "：" + EVIL, source=EVIL_ATTR)]
    start = day.start.model_copy(update={"name": EVIL})
    new_day = day.model_copy(
        update={
            "visits": [visit, *day.visits[1:]],
            "meals": [meal],
            "lodging": lodging,
            "weather": weather,
            "tips": tips,
            "start": start,
        }
    )
    return it.model_copy(
        update={
            "title": EVIL,
            "days": [new_day, *it.days[1:]],
            "dropped": [Dropped(place="huangguoshu", name=EVIL, reason=EVIL, fix=EVIL)],
            "budget": Budget(tickets=100, total=105, advice=[EVIL], notes=[EVIL]),
            "warnings": [Message(id=EVIL), say("{place}", place=Text(zh=EVIL, en=EVIL))],
        }
    )


def test_page_is_offline(six_day_plan: Itinerary) -> None:
    """No scripts, external stylesheets, imports, web fonts or remote images."""
    page = to_html(six_day_plan)
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page.lower()
    assert not re.search(r"<link[^>]+stylesheet", page, re.I)
    assert "@import" not in page and "url(" not in page and "@font-face" not in page
    for tag, attrs in start_tags(page):
        assert tag not in ("script", "iframe", "img", "link", "object", "embed")
        assert "src" not in attrs
        assert not any(k.startswith("on") for k in attrs)


def test_page_has_every_day_visit_and_map_links(six_day_plan: Itinerary) -> None:
    """Every day card, visit name and both map links for each visit are on the page."""
    page = to_html(six_day_plan)
    for day in six_day_plan.days:
        assert f'id="day-{day.day}"' in page
        for v in day.visits:
            assert v.name in page
    hrefs = [a.get("href") or "" for t, a in start_tags(page) if t == "a"]
    visits = sum(len(d.visits) for d in six_day_plan.days)
    assert sum(h.startswith("https://uri.amap.com/marker?") for h in hrefs) >= visits
    assert sum(h.startswith("https://api.map.baidu.com/marker?") for h in hrefs) >= visits


def test_language_follows_request(six_day_plan: Itinerary) -> None:
    """The page language and interface words follow request.lang."""
    zh = to_html(six_day_plan)
    en_req = six_day_plan.request.model_copy(update={"lang": "en"})
    en = to_html(six_day_plan.model_copy(update={"request": en_req}))
    assert '<html lang="zh-CN">' in zh and "第 1 天" in zh
    assert '<html lang="en">' in en and "Day 1" in en and "第 1 天" not in en


def test_injection_is_escaped(six_day_plan: Itinerary) -> None:
    """Markup in any data field (names, notes, tips, budget keys) is escaped, never live."""
    page = to_html(_poisoned(six_day_plan))
    assert EVIL not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script" not in page.lower()
    for _tag, attrs in start_tags(page):
        assert not any(k.startswith("on") for k in attrs)
        href = attrs.get("href")
        assert href is None or href.startswith(("https://", "http://", "#"))


def test_enrichment_sections_render(six_day_plan: Itinerary) -> None:
    """Weather, meals, lodging, tips, dropped places and budget appear when present."""
    page = to_html(_poisoned(six_day_plan))
    for word in ("天气与穿衣", "餐饮", "住宿", "防坑提示", "未能安排", "预算（每人）", "合计"):
        assert word in page
    assert "12–20 °C" in page and "¥105" in page


def test_empty_enrichment_is_skipped(six_day_plan: Itinerary) -> None:
    """With no meals, weather, tips, dropped or budget the page still renders, minus sections."""
    days = [
        d.model_copy(update={"meals": [], "weather": None, "tips": [], "lodging": None})
        for d in six_day_plan.days
    ]
    bare = six_day_plan.model_copy(update={"days": days, "dropped": [], "budget": None})
    page = to_html(bare)
    assert 'class="weather"' not in page and 'class="box tips"' not in page
    assert 'id="budget"' not in page and 'id="dropped"' not in page


def test_safe_url_allows_only_http() -> None:
    """Only absolute http(s) URLs become links."""
    assert safe_url("https://example.org/x") == "https://example.org/x"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("data:text/html,hi") is None
    assert safe_url("estimate") is None
    assert safe_url(None) is None
