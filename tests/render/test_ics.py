"""iCalendar export: parses, one event per visit and leg, Asia/Shanghai times, stable UIDs."""

from __future__ import annotations

import datetime as dt

import icalendar

from qianxing.model import Itinerary
from qianxing.render.ics import next_first_of_month, to_ics, trip_start

TODAY = dt.date(2026, 11, 25)


def _events(text: str) -> list[icalendar.Component]:
    cal = icalendar.Calendar.from_ical(text)
    return list(cal.walk("VEVENT"))


def test_one_event_per_visit_and_leg(six_day_plan: Itinerary) -> None:
    """The calendar parses and holds exactly one VEVENT per visit plus one per leg."""
    events = _events(to_ics(six_day_plan, today=TODAY))
    visits = sum(len(d.visits) for d in six_day_plan.days)
    legs = sum(len(d.legs) for d in six_day_plan.days)
    assert len(events) == visits + legs
    assert sum("visit" in str(e.get("categories").to_ical()) for e in events) == visits


def test_times_are_in_shanghai_and_ordered(six_day_plan: Itinerary) -> None:
    """DTSTART/DTEND are Asia/Shanghai wall times and never end before they start."""
    text = to_ics(six_day_plan, today=TODAY)
    assert "BEGIN:VTIMEZONE" in text and "TZID:Asia/Shanghai" in text
    for ev in _events(text):
        start, end = ev.decoded("dtstart"), ev.decoded("dtend")
        assert start.utcoffset() == dt.timedelta(hours=8)
        assert end >= start


def test_visits_carry_location_and_geo(six_day_plan: Itinerary) -> None:
    """Each visit event has LOCATION and a GEO matching the visit's WGS84 point."""
    by_name = {v.name: v for d in six_day_plan.days for v in d.visits}
    geo_events = [e for e in _events(to_ics(six_day_plan, today=TODAY)) if "GEO" in e]
    assert len(geo_events) == sum(len(d.visits) for d in six_day_plan.days)
    for ev in geo_events:
        v = by_name[str(ev["summary"])]
        assert str(ev["location"]) == v.name
        geo = ev["geo"]
        assert isinstance(geo, icalendar.vGeo)
        assert abs(geo.latitude - v.lat) < 1e-6
        assert abs(geo.longitude - v.lon) < 1e-6


def test_uids_unique_and_stable(six_day_plan: Itinerary) -> None:
    """UIDs are unique within a trip and identical across two exports of the same trip."""
    a = [str(e["uid"]) for e in _events(to_ics(six_day_plan, today=TODAY))]
    b = [str(e["uid"]) for e in _events(to_ics(six_day_plan, today=TODAY))]
    assert len(set(a)) == len(a)
    assert a == b


def test_undated_trip_starts_next_first_of_month_and_says_so(six_day_plan: Itinerary) -> None:
    """Without dates the first day is the next 1st of the request month, noted in CALDESC."""
    assert six_day_plan.days[0].date is None
    text = to_ics(six_day_plan, today=TODAY)
    cal = icalendar.Calendar.from_ical(text)
    first = min(e.decoded("dtstart") for e in cal.walk("VEVENT")).date()
    assert first == dt.date(2027, 10, 1)
    desc = str(cal["x-wr-caldesc"])
    assert "2027-10-01" in desc
    assert trip_start(six_day_plan, TODAY) == (dt.date(2027, 10, 1), True)


def test_dated_trip_uses_its_dates(six_day_plan: Itinerary) -> None:
    """A dated itinerary puts each day's events on that day's own date, without the note."""
    days = [
        d.model_copy(update={"date": (dt.date(2026, 12, 5) + dt.timedelta(days=i)).isoformat()})
        for i, d in enumerate(six_day_plan.days)
    ]
    dated = six_day_plan.model_copy(update={"days": days})
    cal = icalendar.Calendar.from_ical(to_ics(dated, today=TODAY))
    starts = sorted(e.decoded("dtstart").date() for e in cal.walk("VEVENT"))
    assert starts[0] == dt.date(2026, 12, 5)
    assert starts[-1] <= dt.date(2026, 12, 5) + dt.timedelta(days=len(days))
    assert "2026-12-05" not in str(cal.get("x-wr-caldesc", ""))


def test_next_first_of_month() -> None:
    """The next 1st of a month is strictly after today, rolling into next year if needed."""
    assert next_first_of_month(12, dt.date(2026, 11, 25)) == dt.date(2026, 12, 1)
    assert next_first_of_month(10, dt.date(2026, 11, 25)) == dt.date(2027, 10, 1)
    assert next_first_of_month(11, dt.date(2026, 11, 1)) == dt.date(2027, 11, 1)
    assert next_first_of_month(11, dt.date(2026, 10, 31)) == dt.date(2026, 11, 1)
