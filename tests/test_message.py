"""The planner's sentences stored as message ids and arguments: worded by each view in its
language, flags on the command line and form fields on the web page, old plans still read."""

from __future__ import annotations

import json
import sys
from typing import Any

import pytest

from qianxing.exceptions import ImpossibleRequestError
from qianxing.message import PUBLIC_CAR, Message, Option, Text, When, join, say, say_n
from qianxing.model import Dropped, Itinerary
from qianxing.render.html import to_html, to_html_fragment
from qianxing.render.markdown import to_markdown
from qianxing.replan import relabel

XIJIANG = Text(zh="西江千户苗寨", en="Xijiang Miao Village")
SWAP = say("use {must} to swap them, or add a day", must=Option(option="must", value=XIJIANG))


def test_a_message_is_worded_in_each_language() -> None:
    """One stored message reads in Chinese and English, with the place named in each."""
    m = say("Skip {place} (not a must-see): saves ¥{x}", place=XIJIANG, x="160")
    assert m.text("zh") == "不去 西江千户苗寨（非必看），省 ¥160"
    assert m.text("en") == "Skip Xijiang Miao Village (not a must-see): saves ¥160"


def test_options_are_flags_on_the_cli_and_fields_on_the_page() -> None:
    """An option to change is its flag for the command line (quoted where a shell needs it)
    and its form field, with the choice's label, for the page."""
    assert SWAP.text("zh") == "用 --must 西江千户苗寨 换掉它们，或多留一天"
    assert SWAP.text("en") == "use --must 'Xijiang Miao Village' to swap them, or add a day"
    assert SWAP.text("zh", flags=False) == "用 “必去：西江千户苗寨” 换掉它们，或多留一天"
    assert "--" not in SWAP.text("en", flags=False) and "“Must see: Xijiang" in SWAP.text(
        "en", flags=False
    )
    car = say("{option} (a hired car for a leg)", option=PUBLIC_CAR)
    assert car.text("zh") == "--transport public+car（允许单程包车）"
    assert car.text("zh", flags=False) == "“交通：公共交通（可单程包车）”（允许单程包车）"
    assert Option(option="month").text("en", flags=False) == "“Month”"


def test_plurals_lists_and_dates() -> None:
    """A plural message picks its form by ``n``; a joined list uses each language's
    punctuation; a date takes the translation's format."""
    assert say_n("{n} day", "{n} days", 1).text("en") == "1 day"
    assert say_n("{n} day", "{n} days", 3).text("en") == "3 days"
    pair = join("{a}, {b}", [XIJIANG, Text(zh="镇远古城", en="Zhenyuan")])
    assert isinstance(pair, Message)
    assert pair.text("zh") == "西江千户苗寨、镇远古城"
    assert pair.text("en") == "Xijiang Miao Village, Zhenyuan"
    day = When.model_validate({"date": "2026-10-01"})
    m = say(
        "{holiday} ({start:%d %b}–{end:%d %b}) overlaps day(s) {days}: expect crowds and higher "
        "room prices; book trains and tickets early (source: {source})",
        holiday="X",
        start=day,
        end=day,
        days="1",
        source="s",
    )
    assert "(01 Oct–01 Oct)" in m.text("en") and "10-01" in m.text("zh")


def test_a_message_round_trips_through_json() -> None:
    """A message saved as JSON reads back as the same message (nested ones too)."""
    fixes = join("{a}; or {b}", [say_n("{n} day", "{n} days", 4), SWAP])
    m = say("{message}. Works with: {fixes}", message="x", fixes=fixes)
    again = Message.model_validate(json.loads(m.model_dump_json()))
    assert again == m and again.text("zh") == m.text("zh")


@pytest.mark.parametrize(
    "forged",
    [
        {"id": "{x.__class__}", "args": {"x": "a"}},
        {"id": "{x[0]}", "args": {"x": "a"}},
        {"id": "{x:>999999999}", "args": {"x": "a"}},
        {"id": "{y}", "args": {"x": "a"}},
    ],
)
def test_a_forged_message_cannot_reach_inside_or_blow_up(forged: dict[str, Any]) -> None:
    """A message a client sends is worded with plain fields only: no attribute or index
    lookups, no widths, no missing fields (ValueError, which the web app answers 422)."""
    with pytest.raises(ValueError):
        Message.model_validate(forged).text("en")


def test_messages_nested_too_deep_are_refused() -> None:
    """A chain of nested messages deeper than any plan makes is refused, not recursed."""
    m: Any = "x"
    for _ in range(40):
        m = {"id": "{a}", "args": {"a": m}}
    with pytest.raises(ValueError):
        Message.model_validate(m).text("en")


def test_the_page_names_fields_and_the_export_names_flags(six_day_plan: Itinerary) -> None:
    """The web page's plan words a fix with the form's field; the exports with the flag."""
    it = six_day_plan.model_copy(deep=True)
    it.dropped = [
        Dropped(place="xijiang-miaozhai", name="西江千户苗寨", reason=say("add a day"), fix=SWAP)
    ]
    page = to_html_fragment(it)
    assert "“必去：西江千户苗寨”" in page and "--must" not in page
    assert "--must 西江千户苗寨" in to_markdown(it)
    assert "--must 'Xijiang Miao Village'" in to_markdown(it, "en")


def test_a_plan_reads_in_the_other_language_without_re_planning(six_day_plan: Itinerary) -> None:
    """The reasons and warnings of a Chinese plan read in English in an English view of the
    same plan (no re-planning: the itinerary is not touched)."""
    assert six_day_plan.request.lang == "zh" and six_day_plan.warnings and six_day_plan.dropped
    en = to_markdown(six_day_plan, "en")
    zh = to_markdown(six_day_plan, "zh")
    for m in [*six_day_plan.warnings, *(d.reason for d in six_day_plan.dropped)]:
        assert m.text("en") in en and m.text("en") not in zh
        assert m.text("zh") in zh


def _old_format(it: Itinerary) -> dict[str, Any]:
    """``it`` as a trip saved before sentences were messages: every sentence finished text."""
    doc = it.model_dump(mode="json", by_alias=True)
    lang = it.request.lang
    doc["warnings"] = [m.text(lang) for m in it.warnings]
    doc["dropped"] = [
        {**d, "reason": x.reason.text(lang), "fix": x.fix.text(lang) if x.fix else None}
        for d, x in zip(doc["dropped"], it.dropped, strict=True)
    ]
    for day, d in zip(doc["days"], it.days, strict=True):
        for tip, t in zip(day["tips"], d.tips, strict=True):
            if t.text is not None:
                tip["text"] = t.text.text(lang)
            if t.title is not None:
                tip["title"] = t.title.text(lang)
    if it.budget is not None:
        doc["budget"]["notes"] = [m.text(lang) for m in it.budget.notes]
        if it.budget.advice is not None:
            doc["budget"]["advice"] = [m.text(lang) for m in it.budget.advice]
    return doc


def test_a_trip_saved_as_finished_text_still_loads(six_day_plan: Itinerary) -> None:
    """A trip whose reasons, tips, warnings and advice are plain text (the format before
    messages) loads, and its views show that text as it was."""
    doc = _old_format(six_day_plan)
    assert isinstance(doc["warnings"][0], str)
    old = Itinerary.model_validate(json.loads(json.dumps(doc)))
    assert to_markdown(old) == to_markdown(six_day_plan)
    assert to_html(old) == to_html(six_day_plan)


def test_relabel_keeps_the_reasons_without_searching_again(
    six_day_plan: Itinerary, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`export --lang` keeps each place left out with the same reason, named in the new
    language (the reasons are messages; nothing is searched again)."""
    assert six_day_plan.dropped

    def searched(*_args: object) -> None:
        raise AssertionError("the reasons were searched again")

    monkeypatch.setattr(sys.modules["qianxing.plan"], "explain_dropped", searched)
    en = relabel(six_day_plan, "en")
    assert [d.place for d in en.dropped] == [d.place for d in six_day_plan.dropped]
    assert [d.reason for d in en.dropped] == [d.reason for d in six_day_plan.dropped]
    assert all(d.name.isascii() for d in en.dropped)


def test_a_refusal_names_fields_for_the_page() -> None:
    """A refusal raised with a message is worded with flags (its text) and, for the page,
    with the form's fields."""
    exc = ImpossibleRequestError(SWAP, "zh")
    assert str(exc) == SWAP.text("zh") and "--must" in str(exc)
    assert exc.text(flags=False) == SWAP.text("zh", flags=False)
    assert ImpossibleRequestError("plain").text(flags=False) == "plain"
