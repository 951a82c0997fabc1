"""The resolution rule for conflicting observations."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from qianxing.data.facts import resolve
from qianxing.data.pack import load_pack
from qianxing.data.schema import Observation

TODAY = dt.date(2026, 11, 25)


def obs(
    value: object, kind: str = "report", date: str = "2026-01-01", **kw: object
) -> Observation[Any]:
    return Observation.model_validate(
        {
            "value": value,
            "source": kw.pop("source", "https://x.test/a"),
            "date": date,
            "kind": kind,
            **kw,
        }
    )


def test_official_beats_newer_report() -> None:
    """An official observation wins over a newer report, and the range shows both."""
    r = resolve([obs(110, "report", "2026-06-01"), obs(90, "official", "2025-12-01")], today=TODAY)
    assert r.value == 90 and (r.low, r.high) == (90, 110) and r.disagree and r.check


def test_newest_report_wins() -> None:
    """Among reports the newest wins."""
    r = resolve([obs(100, date="2024-01-01"), obs(90, date="2026-01-01")], today=TODAY)
    assert r.value == 90


def test_stale_flagged() -> None:
    """A fact whose best source is older than 18 months asks to be checked."""
    r = resolve([obs(50, date="2024-01-01")], today=TODAY)
    assert r.stale and r.check and not r.disagree


def test_agreeing_recent_sources_are_not_flagged() -> None:
    """Two recent agreeing sources need no re-check."""
    r = resolve([obs(50, date="2026-01-01"), obs(50.0, date="2026-03-01")], today=TODAY)
    assert not r.check


def test_estimate_needs_method() -> None:
    """An estimate without a method is rejected by the schema."""
    with pytest.raises(ValidationError, match="method"):
        obs(60, "estimate", source="estimate")


def test_estimate_is_flagged() -> None:
    """An estimate is always shown as one."""
    r = resolve([obs(60, "estimate", source="estimate", method="our judgement")], today=TODAY)
    assert r.estimate and r.check


def test_undated_ranks_after_dated() -> None:
    """An undated page (dated the day we saw it) loses to a dated one and asks to be checked."""
    r = resolve(
        [obs(110, date="2026-11-25", dated=False, seen="2026-11-25"), obs(100, date="2024-06-01")],
        today=TODAY,
    )
    assert r.value == 100
    alone = resolve([obs(110, date="2026-11-25", dated=False, seen="2026-11-25")], today=TODAY)
    assert alone.stale and alone.check


def test_dated_field_from_yaml() -> None:
    """`dated: false` with `seen:` loads as an undated observation whose date is the day seen;
    without `dated` an observation is dated."""
    text = """
- {value: 90, source: https://x.test/a, dated: false, seen: 2026-11-25}
- {value: 80, source: https://x.test/b, date: 2019-05-01}
- {value: 40, source: https://x.test/c, dated: false, seen: 2026-11-25, date: 2014-12-31}
"""
    undated, dated, bounded = (Observation.model_validate(r) for r in yaml.safe_load(text))
    assert not undated.dated and undated.date == undated.seen == dt.date(2026, 11, 25)
    assert dated.dated and dated.seen is None and dated.date == dt.date(2019, 5, 1)
    assert not bounded.dated and bounded.date == dt.date(2014, 12, 31)
    with pytest.raises(ValidationError, match="seen"):
        obs(1, dated=False)
    with pytest.raises(ValidationError, match="after the day it was seen"):
        obs(1, date="2026-12-01", dated=False, seen="2026-11-25")


def test_pack_undated_observations_carry_seen() -> None:
    """The migrated pack marks undated sources with the field, never only in a note."""
    pack = load_pack()
    ticket = next(a for a in pack.attractions if a.id == "xiaoqikong-scenic").ticket
    assert not ticket[0].dated and ticket[0].seen == dt.date(2026, 11, 25)
    assert next(o for o in ticket if o.date.year == 2013).dated
