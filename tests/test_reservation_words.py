"""A booking rule is shown in the plan's language (issue 15: zh and en throughout)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from qianxing.data.atlas import load_atlas
from qianxing.data.schema import Reservation
from qianxing.model import Request
from qianxing.timeline import visit_of


@pytest.mark.parametrize("place", ["qianlingshan", "guizhou-museum", "fanjingshan"])
def test_a_booking_rule_is_in_the_plans_language(place: str) -> None:
    """黔灵山, the provincial museum and 梵净山 need a booking: the Chinese plan says how in
    Chinese (it used to print the pack's English), the English one in English."""
    p = load_atlas().places[place]
    req = Request(days=2, month=10)
    zh = visit_of(p, 540, 540, 600, req, "zh").reservation
    en = visit_of(p, 540, 540, 600, req, "en").reservation
    assert zh and en and zh != en
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh)


def test_a_booking_rule_in_one_language_only_is_refused() -> None:
    """The pack check refuses a rule written in English only (or Chinese only)."""
    with pytest.raises(ValidationError, match="how_zh"):
        Reservation(required=True, how="book on WeChat")
    with pytest.raises(ValidationError, match="how_zh"):
        Reservation(required=True, how_zh="微信预约")
    assert Reservation(required=True).how is None
