"""Holidays of any year: the pack's cited breaks, the official calendar for announced years,
estimates (said so) for years not announced yet; a request without a month says so."""

from __future__ import annotations

import datetime as dt

import pytest

from qianxing.enrich.holidays import breaks
from qianxing.model import Request
from qianxing.plan import plan


def _national_day(year: int) -> tuple[dt.date, dt.date, bool]:
    b = next(b for b in breaks(year) if b.name == "National Day Golden Week")
    return b.start, b.end, b.estimate


def test_announced_years_come_from_the_official_calendar() -> None:
    """2025's National Day break ran 1–8 October (the Mid-Autumn day joined it)."""
    start, end, estimate = _national_day(2025)
    assert (start, end, estimate) == (dt.date(2025, 10, 1), dt.date(2025, 10, 8), False)


@pytest.mark.parametrize("year", [2027, 2028])
def test_unannounced_years_are_estimates(year: int) -> None:
    """Years no notice covers yet get the usual windows, marked as estimates."""
    start, end, estimate = _national_day(year)
    assert (start, end, estimate) == (dt.date(year, 10, 1), dt.date(year, 10, 7), True)
    spring = next(b for b in breaks(year) if b.name == "Spring Festival")
    assert spring.estimate and spring.start.month in (1, 2)
    assert (spring.end - spring.start).days == 7


def test_spring_festival_follows_the_lunar_calendar() -> None:
    """The estimated Spring Festival week starts on the eve of the lunar new year."""
    def eve(year: int) -> dt.date:
        return next(b for b in breaks(year) if b.name == "Spring Festival").start

    assert eve(2027) == dt.date(2027, 2, 5) and eve(2028) == dt.date(2028, 1, 25)


@pytest.mark.parametrize(
    ("start", "estimated"), [("2025-10-02", False), ("2027-10-02", True), ("2028-10-02", True)]
)
def test_a_trip_in_golden_week_is_warned_in_any_year(start: str, estimated: bool) -> None:
    """A dated trip in National Day week gets the warning on its days, in 2025, 2027, 2028."""
    it = plan(Request(days=2, start=dt.date.fromisoformat(start), lang="en"), explain=False)
    warning = next(x for x in it.warnings if "National Day" in x)
    assert "overlaps day(s) 1, 2" in warning
    assert ("official notice is not out yet" in warning) == estimated
    assert all(any(t.kind == "holiday" for t in d.tips) for d in it.days)


def test_no_month_says_which_month_was_assumed() -> None:
    """A request with neither month nor dates is planned for October and says so."""
    it = plan(Request(days=2), explain=False)
    assert any("按 10 月规划" in x for x in it.warnings)
    dated = plan(Request(days=2, month=4), explain=False)
    assert not any("按 4 月规划" in x for x in dated.warnings)
