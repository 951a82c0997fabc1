"""iCalendar (RFC 5545) export: one event per visit and per leg, in Asia/Shanghai time.

Events carry ``TZID=Asia/Shanghai`` with a bundled ``VTIMEZONE`` (China has kept UTC+8 without
daylight saving since 1991, so one STANDARD rule is exact) and need no system tz database.
UIDs are derived from the request and the item, so re-exporting the same trip updates the
same events in a calendar app instead of duplicating them.

A request given only a month has no dates; the calendar then starts on the next 1st of that
month after today and says so in ``X-WR-CALDESC`` and in every event's description.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import icalendar

from ..data.pack import DEFAULT_REGION
from ..i18n import words
from ..model import Day, Itinerary, Leg, Visit
from .geometry import moves
from .maplinks import amap_url, baidu_url, place_name
from .modes import mode_label

TZID = "Asia/Shanghai"
UTC_OFFSET = dt.timedelta(hours=8)
PRODID = "-//Qianxing//qianxing trip planner//ZH"


def next_first_of_month(month: int, today: dt.date) -> dt.date:
    """The first 1st of ``month`` strictly after ``today``."""
    this_year = dt.date(today.year, month, 1)
    return this_year if this_year > today else dt.date(today.year + 1, month, 1)


def trip_start(it: Itinerary, today: dt.date | None = None) -> tuple[dt.date, bool]:
    """The first day's date and whether it was assumed (no dates in the itinerary)."""
    if it.days and it.days[0].date:
        return dt.date.fromisoformat(it.days[0].date), False
    if it.request.start is not None:
        return it.request.start, False
    today = today or dt.date.today()
    return next_first_of_month(it.request.travel_month, today), True


def day_date(day: Day, first: dt.date) -> dt.date:
    """The calendar date of ``day``: its own date, else counted from the first day."""
    if day.date:
        return dt.date.fromisoformat(day.date)
    return first + dt.timedelta(days=day.day - 1)


def at(date: dt.date, hhmm: str) -> dt.datetime:
    """Local wall time ``hhmm`` on ``date`` (hours past 24 roll over to the next day)."""
    h, m = (int(x) for x in hhmm.split(":"))
    return dt.datetime.combine(date, dt.time()) + dt.timedelta(hours=h, minutes=m)


def trip_key(it: Itinerary) -> str:
    """A short stable id of the trip: a hash of the request and the title."""
    # the default region is left out so trips keep the ids they had before requests named it
    default = it.request.region == DEFAULT_REGION
    blob = it.request.model_dump_json(exclude={"region"} if default else None) + "\n" + it.title
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def _stamp(it: Itinerary) -> dt.datetime:
    try:
        stamp = dt.datetime.fromisoformat(it.generated)
    except ValueError:
        return dt.datetime.now(dt.UTC).replace(microsecond=0)
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=dt.UTC)
    return stamp.astimezone(dt.UTC)


def _timezone() -> icalendar.Timezone:
    tz = icalendar.Timezone()
    tz.add("tzid", TZID)
    tz.add("x-lic-location", TZID)
    std = icalendar.TimezoneStandard()
    std.add("tzname", "CST")
    std.add("tzoffsetfrom", UTC_OFFSET)
    std.add("tzoffsetto", UTC_OFFSET)
    std.add("dtstart", dt.datetime(1970, 1, 1))
    tz.add_component(std)
    return tz


def _event(uid: str, stamp: dt.datetime, start: dt.datetime, end: dt.datetime) -> icalendar.Event:
    ev = icalendar.Event()
    ev.add("uid", uid)
    ev.add("dtstamp", stamp)
    ev.add("dtstart", start, parameters={"TZID": TZID})
    ev.add("dtend", max(end, start), parameters={"TZID": TZID})
    return ev


def _visit_text(v: Visit, lang: str) -> list[str]:
    w = words(lang)
    lines = [v.what] if v.what else []
    if v.ticket is not None:
        t = v.ticket
        price = w._("free") if t.amount == 0 else w.yuan(t.amount)
        if t.estimate:
            price += f" ({w._('estimate')})"
        if t.check_before_you_go:
            price += f" — {w._('check before you go')}"
        lines.append(f"{w._('Ticket')}: {price}")
    for fee in v.fees:
        tag = w._("required") if fee.required else w._("optional")
        name = fee.names.get(w.lang, fee.name)
        lines.append(f"{w._('Extra fees')}: {name} {w.yuan(fee.fare)} ({tag})")
    if v.reservation:
        lines.append(f"{w._('Reservation')}: {v.reservation}")
    if v.hours:
        lines.append(f"{w._('Hours')}: {v.hours}")
    lines.append(f"{w._('Amap')}: {amap_url(v.lat, v.lon, v.name)}")
    lines.append(f"{w._('Baidu Maps')}: {baidu_url(v.lat, v.lon, v.name)}")
    return lines


def mode_name(mode: str, lang: str) -> str:
    """A travel mode in the traveller's language (the raw mode when unknown)."""
    return mode_label(words(lang), mode)


def fare_text(leg: Leg, lang: str) -> str:
    """``¥low–high`` plus the overcharge threshold, or an empty string when free/unknown."""
    if leg.fare is None or leg.fare.high == 0:
        return ""
    w, f = words(lang), leg.fare
    text = w.yuan_range(f.low, f.high)
    if f.overcharge_above is not None:
        text += f" ({w._('over {x} is overcharging', x=w.yuan(f.overcharge_above))})"
    if f.estimate:
        text += f" [{w._('estimate')}]"
    return text


def _leg_text(leg: Leg, day: Day, lang: str) -> list[str]:
    w = words(lang)
    lines = [f"{mode_name(leg.mode, lang)} · {w._('{n} min', n=leg.minutes)} · {leg.km:g} km"]
    fare = fare_text(leg, lang)
    if fare:
        lines.append(fare)
    if len(leg.steps) > 1:
        for s in leg.steps:
            a = s.from_name or place_name(s.from_, day)
            b = s.to_name or place_name(s.to, day)
            mode = mode_name(s.mode, lang)
            lines.append(f"- {mode}: {a} → {b}, {w._('{n} min', n=s.minutes)}")
    return lines


def to_ics(it: Itinerary, today: dt.date | None = None) -> str:
    """The itinerary as an iCalendar file (text with CRLF line ends, as RFC 5545 requires)."""
    lang = it.request.lang
    first, assumed = trip_start(it, today)
    note = words(lang)._(
        "No travel dates given: the calendar starts on {date} (the next 1st of month {m} "
        "after today); move the events to your real dates.",
        date=first.isoformat(),
        m=it.request.travel_month,
    )
    key = trip_key(it)
    stamp = _stamp(it)

    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    # x- properties default to an unescaped type: wrap text so commas and newlines are escaped
    cal.add("x-wr-calname", icalendar.vText(it.title))
    cal.add("x-wr-timezone", TZID)
    cal.add("x-wr-caldesc", icalendar.vText(f"{it.title}\n{note}" if assumed else it.title))
    cal.add_component(_timezone())

    for day in it.days:
        date = day_date(day, first)
        label = words(lang)._("Day {n}", n=day.day)
        events: list[tuple[dt.datetime, icalendar.Event]] = []
        for i, v in enumerate(day.visits, start=1):
            ev = _event(
                f"{key}-d{day.day}-v{i}-{v.place}@qianxing",
                stamp,
                at(date, v.start),
                at(date, v.leave),
            )
            ev.add("summary", v.name)
            ev.add("location", v.name)
            ev.add("geo", (v.lat, v.lon))
            ev.add("url", amap_url(v.lat, v.lon, v.name))
            ev.add("categories", ["qianxing", "visit"])
            text = [label, *_visit_text(v, lang)]
            ev.add("description", "\n".join([*text, note] if assumed else text))
            events.append((at(date, v.start), ev))
        for i, leg in enumerate((leg for leg in day.legs if moves(leg)), start=1):
            a = place_name(leg.from_, day)
            b = place_name(leg.to, day)
            ev = _event(
                f"{key}-d{day.day}-l{i}-{leg.from_}-{leg.to}@qianxing",
                stamp,
                at(date, leg.depart),
                at(date, leg.arrive),
            )
            ev.add("summary", f"{a} → {b} ({mode_name(leg.mode, lang)})")
            ev.add("location", f"{a} → {b}")
            ev.add("categories", ["qianxing", "travel"])
            ev.add("transp", "TRANSPARENT")
            text = [label, *_leg_text(leg, day, lang)]
            ev.add("description", "\n".join([*text, note] if assumed else text))
            events.append((at(date, leg.depart), ev))
        for _, ev in sorted(events, key=lambda pair: pair[0]):
            cal.add_component(ev)
    data: bytes = cal.to_ical()
    return data.decode("utf-8")


__all__ = ["fare_text", "mode_name", "next_first_of_month", "to_ics", "trip_start"]
