"""Public-holiday breaks of any year: the pack's cited ones, the official calendar, estimates.

Where the dates of a break come from, most trusted first:

1. the pack's ``holidays.yaml`` (each break cited to the State Council's notice);
2. the ``chinese-calendar`` package, which carries the State Council's notices for every year
   it knows (2004 to the year after its release);
3. for a year no notice has announced yet, an estimate that says so: National Day week
   1–7 October and Labour Day 1–5 May (fixed dates), and the Spring Festival week from the
   lunar new year's eve to the sixth day of the new year (``lunardate``), the shape of recent
   notices.

Each break has a ``kind`` (``national-day``, ``spring-festival``, ``labour-day`` …), the same
whatever its source, so the planner can tell the crowd weeks (`qianxing.pace`) from the others.
The enrichment (`qianxing.enrich.holidays`) turns them into warnings; the instance builder
reads the same breaks for the days a crowded sight must be entered early.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import chinese_calendar
from lunardate import LunarDate

from ..i18n import N_
from .facts import resolve

if TYPE_CHECKING:
    from .pack import Pack

NAMES = {  # chinese-calendar's holiday names: (kind, message)
    "New Year's Day": ("new-year", N_("New Year's Day")),
    "Spring Festival": ("spring-festival", N_("Spring Festival")),
    "Tomb-sweeping Day": ("qingming", N_("Qingming holiday")),
    "Labour Day": ("labour-day", N_("Labour Day holiday")),
    "Dragon Boat Festival": ("dragon-boat", N_("Dragon Boat Festival")),
    "Mid-autumn Festival": ("mid-autumn", N_("Mid-Autumn Festival")),
    "National Day": ("national-day", N_("National Day Golden Week")),
}
PACKAGE = f"chinese-calendar {getattr(chinese_calendar, '__version__', '')} (State Council notices)"

PackBreak = tuple[str, str, str, str, bool, str]
"""A pack break as ``(name, start, end, source, estimate, kind)`` (hashable, for the cache)."""


@dataclass(frozen=True)
class Break:
    """A public-holiday break: its name (a message or pack text), dates, source and kind."""

    name: str
    start: dt.date
    end: dt.date
    source: str
    estimate: bool = False
    translate: bool = True  # the name is a message id (False: already in the plan's language)
    kind: str = ""  # national-day, spring-festival, labour-day, … (the pack id without its year)


def _from_package(year: int) -> list[Break] | None:
    """The year's breaks from chinese-calendar, or None for a year it does not know. Days off
    in a row are one break, named after most of its days (2025's National Day week took in
    the Mid-Autumn day)."""
    try:
        days = chinese_calendar.get_holidays(
            dt.date(year, 1, 1), dt.date(year, 12, 31), include_weekends=True
        )
    except NotImplementedError:
        return None
    runs: list[list[tuple[dt.date, str]]] = []
    for d in days:
        name = chinese_calendar.get_holiday_detail(d)[1]
        if name is None:
            continue
        if runs and (d - runs[-1][-1][0]).days == 1:
            runs[-1].append((d, name))
        else:
            runs.append([(d, name)])
    out = []
    for run in runs:
        names = [n for _, n in run]
        name = max(dict.fromkeys(names), key=names.count)
        kind, message = NAMES.get(name, (name, name))
        out.append(Break(message, run[0][0], run[-1][0], PACKAGE, kind=kind))
    return out


def _estimated(year: int) -> list[Break]:
    eve = LunarDate(year, 1, 1).to_solar_date() - dt.timedelta(days=1)
    return [
        Break(
            N_("Spring Festival"),
            eve,
            eve + dt.timedelta(days=7),
            "lunardate",
            True,
            kind="spring-festival",
        ),
        Break(
            N_("Labour Day holiday"),
            dt.date(year, 5, 1),
            dt.date(year, 5, 5),
            "",
            True,
            kind="labour-day",
        ),
        Break(
            N_("National Day Golden Week"),
            dt.date(year, 10, 1),
            dt.date(year, 10, 7),
            "",
            True,
            kind="national-day",
        ),
    ]


@cache
def breaks(year: int, pack: tuple[PackBreak, ...] = ()) -> list[Break]:
    """Every break of ``year``: the pack's cited ones, then those of the package (or the
    estimates, for a year it does not know) that no cited break overlaps. ``pack`` holds the
    pack's breaks (`pack_breaks`)."""
    cited = [
        Break(
            n,
            dt.date.fromisoformat(s),
            dt.date.fromisoformat(e),
            src,
            est,
            translate=False,
            kind=kind,
        )
        for n, s, e, src, est, kind in pack
        if dt.date.fromisoformat(s).year == year
    ]
    other = _from_package(year) or _estimated(year)
    free = [b for b in other if not any(b.start <= c.end and c.start <= b.end for c in cited)]
    return sorted(cited + free, key=lambda b: b.start)


def pack_breaks(pack: Pack, lang: str) -> tuple[PackBreak, ...]:
    """The pack's cited breaks, named in ``lang``; a break's kind is its id without the year
    (``national-day-2026`` → ``national-day``)."""
    out = []
    for h in pack.holidays:
        r = resolve(h.dates)
        start, end = str(r.value["start"]), str(r.value["end"])
        kind = re.sub(r"-\d{4}$", "", h.id)
        out.append((h.name.in_(lang), start, end, r.source, r.estimate, kind))
    return tuple(out)


def break_on(day: dt.date, pack: tuple[PackBreak, ...] = ()) -> Break | None:
    """The break ``day`` falls in, if any."""
    return next((b for b in breaks(day.year, pack) if b.start <= day <= b.end), None)
