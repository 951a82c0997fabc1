"""Holidays of any year: the pack's cited breaks, the official calendar for announced years,
estimates (said so) for years not announced yet; a request without a month says so."""

from __future__ import annotations

import datetime as dt

import pytest

from qianxing.data.atlas import load_atlas
from qianxing.data.calendar import pack_breaks
from qianxing.enrich.holidays import breaks
from qianxing.instance import minutes_of
from qianxing.message import texts
from qianxing.model import Request, Visit
from qianxing.pace import crowd_day
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
    warning = next(x for x in texts(it.warnings, "en") if "National Day" in x)
    assert "overlaps day(s) 1, 2" in warning
    assert ("official notice is not out yet" in warning) == estimated
    assert all(any(t.kind == "holiday" for t in d.tips) for d in it.days)


def test_no_month_says_which_month_was_assumed() -> None:
    """A request with neither month nor dates is planned for October and says so."""
    it = plan(Request(days=2), explain=False)
    assert any("按 10 月规划" in x for x in texts(it.warnings, "zh"))
    dated = plan(Request(days=2, month=4), explain=False)
    assert not any("按 4 月规划" in x for x in texts(dated.warnings, "zh"))


@pytest.mark.parametrize(
    ("day", "crowd"),
    [
        ("2025-10-03", "national-day"),  # official calendar
        ("2026-10-02", "national-day"),  # the pack's cited break
        ("2027-10-03", "national-day"),  # estimate, not announced yet
        ("2027-02-07", "spring-festival"),  # lunar estimate: eve 5 February 2027
        ("2025-05-02", "labour-day"),
        ("2026-07-20", "summer"),
        ("2026-11-12", None),
        ("2026-09-26", None),  # Mid-Autumn: a holiday, but not a crowd week
    ],
)
def test_crowd_days_of_any_year(day: str, crowd: str | None) -> None:
    """The Golden Weeks, the Spring Festival week and July–August are crowd days, any year."""
    atlas = load_atlas()
    held = pack_breaks(atlas.pack, "en")
    assert crowd_day(dt.date.fromisoformat(day), 1, held) == crowd


def test_month_only_requests_count_only_the_summer_peak() -> None:
    """Without dates only July and August are crowd months (Golden Week may not be in them)."""
    assert crowd_day(None, 7) == "summer" and crowd_day(None, 10) is None


def _fanjingshan(start: str) -> tuple[Visit, list[str]]:
    req = Request(
        days=3,
        start=dt.date.fromisoformat(start),
        arrive="铜仁",
        depart="铜仁",
        must=["梵净山"],
        lang="en",
    )
    it = plan(req, explain=False)
    day = next(d for d in it.days if any(v.place == "fanjingshan" for v in d.visits))
    visit = next(v for v in day.visits if v.place == "fanjingshan")
    return visit, [t.text.text("en") for t in day.tips if t.kind == "holiday" and t.text]


def test_golden_week_changes_the_plan_not_only_a_banner() -> None:
    """On 2 October 梵净山 is entered earlier and kept longer (queues) than on 12 November,
    and its day says so and warns to book the real-name ticket before the day."""
    golden, tips = _fanjingshan("2026-10-02")
    quiet, quiet_tips = _fanjingshan("2026-11-12")
    assert minutes_of(golden.start) < minutes_of(quiet.start)
    assert golden.minutes > quiet.minutes
    atlas = load_atlas()
    queue = atlas.places["fanjingshan"].crowd_queue
    assert queue and golden.minutes >= atlas.places["fanjingshan"].visit_short + queue
    assert any("kept for queues" in t and "National Day" in t for t in tips)
    assert any("book before the day" in t and "real-name" in t for t in tips)
    assert not any("kept for queues" in t for t in quiet_tips)
