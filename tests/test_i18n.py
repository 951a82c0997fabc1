"""Words in the traveller's language: the catalogues are complete and current, and a plan
re-renders in the other language without being planned again."""

from __future__ import annotations

import datetime as dt
import importlib.util
import string
import sys
from pathlib import Path

import pytest

from qianxing.data.atlas import load_atlas
from qianxing.i18n import N_, messages, translations, words
from qianxing.model import Itinerary
from qianxing.render.html import to_html
from qianxing.render.markdown import to_markdown
from qianxing.replan import Edits, replan

ROOT = Path(__file__).resolve().parents[1]


def _script() -> object:
    spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["i18n_script"] = module
    spec.loader.exec_module(module)
    return module


def test_catalogues_match_the_source() -> None:
    """Every marked message is in both catalogues, none is stale (scripts/i18n.py --check)."""
    script = _script()
    assert script.main(["--check"]) == 0  # type: ignore[attr-defined]


def test_every_message_has_chinese() -> None:
    """No message id shows through untranslated in a Chinese plan."""
    script = _script()
    zh = translations("zh")
    untranslated = []
    for m in script.template():  # type: ignore[attr-defined]
        if not m.id:
            continue
        if isinstance(m.id, tuple):
            text = zh.ngettext(m.id[0], m.id[1], 2)
            if text in m.id:
                untranslated.append(m.id[0])
        elif zh.gettext(m.id) == m.id:
            untranslated.append(m.id)
    assert untranslated == []


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}


def test_chinese_fills_only_fields_the_message_has() -> None:
    """A translation names no field its message id lacks (it may format or quote its own
    way: "{start:%m-%d}" for "{start:%d %b}", "{place}" for "{place!r}")."""
    stray = {
        m_id: text for m_id, text in messages("zh").items() if not _fields(text) <= _fields(m_id)
    }
    assert stray == {}


def test_lists_follow_the_language() -> None:
    """A list is joined in the language's own punctuation."""
    zh, en = words("zh"), words("en")
    fixes = ["4 天", "从铜仁离开", "紧凑节奏"]
    assert zh.join(N_("{a} and {b}"), fixes) == "4 天、从铜仁离开、紧凑节奏"
    assert en.join(N_("{a} and {b}"), ["4 days", "the packed pace"]) == "4 days and the packed pace"
    assert en.join(N_("{a}; {b}"), ["long sleeves"]) == "long sleeves" and zh.join("{a}", []) == ""


def test_words_format_money_dates_and_plurals() -> None:
    """Babel formats yuan, weekdays and plurals per language."""
    zh, en = words("zh"), words("en")
    day = dt.date(2026, 10, 1)
    assert zh.weekday(day) == "周四" and en.weekday(day) == "Thu"
    assert zh.yuan(1160) == "¥1,160" and en.yuan_range(22.4, 29.6) == "¥22–30"
    assert en.yuan_range(50, 50.2) == "¥50"
    assert en.n_("{n} traveller", "{n} travellers", 1) == "1 traveller"
    assert en.n_("{n} traveller", "{n} travellers", 3) == "3 travellers"
    assert zh.n_("{n} traveller", "{n} travellers", 3) == "3 人"
    assert zh._("Day {n}", n=2) == "第 2 天"
    assert messages("zh")["Day {n}"] == "第 {n} 天" and messages("en") == {}


@pytest.mark.parametrize("render", [to_html, to_markdown])
def test_language_switch_needs_no_replan(six_day_plan: Itinerary, render: object) -> None:
    """A Chinese plan renders with English interface words when asked, and back."""
    assert callable(render)
    zh, en = render(six_day_plan), render(six_day_plan, "en")
    assert "第 1 天" in zh and "Day 1" not in zh
    assert "Day 1" in en and "第 1 天" not in en


def test_an_edit_in_english_names_places_in_english(six_day_plan: Itinerary) -> None:
    """An edit of a Chinese plan asked in English says what changed with English names."""
    place = next(v.place for d in six_day_plan.days for v in d.visits)
    _, changes = replan(six_day_plan, Edits(remove=(place,), lang="en"))
    name = load_atlas().places[place].en
    assert f"{name} removed (as you asked)" in " ".join(changes), changes
