"""Crowd warnings when the trip's dates (or month) meet a public holiday, for any year.

Where the dates of a break come from, most trusted first:

1. the pack's ``holidays.yaml`` (each break cited to the State Council's notice);
2. the ``chinese-calendar`` package, which carries the State Council's notices for every year
   it knows (2004 to the year after its release);
3. for a year no notice has announced yet, an estimate that says so: National Day week
   1–7 October and Labour Day 1–5 May (fixed dates), and the Spring Festival week from the
   lunar new year's eve to the sixth day of the new year (``lunardate``), the shape of recent
   notices.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

import chinese_calendar
from lunardate import LunarDate

from ..data.atlas import Atlas
from ..data.facts import resolve
from ..i18n import N_, words
from ..model import Itinerary, Tip

MONTHLY = {  # month-only requests: holidays whose dates recur in that month every year
    10: N_("National Day Golden Week (1–7 October)"),
    5: N_("the May Day holiday (from 1 May)"),
}
NAMES = {  # chinese-calendar's holiday names as messages
    "New Year's Day": N_("New Year's Day"),
    "Spring Festival": N_("Spring Festival"),
    "Tomb-sweeping Day": N_("Qingming holiday"),
    "Labour Day": N_("Labour Day holiday"),
    "Dragon Boat Festival": N_("Dragon Boat Festival"),
    "Mid-autumn Festival": N_("Mid-Autumn Festival"),
    "National Day": N_("National Day Golden Week"),
}
PACKAGE = f"chinese-calendar {getattr(chinese_calendar, '__version__', '')} (State Council notices)"
ESTIMATE = N_("estimate: the dates of recent years; the official notice is not out yet")


@dataclass(frozen=True)
class Break:
    """A public-holiday break: its name (a message or pack text), dates and source."""

    name: str
    start: dt.date
    end: dt.date
    source: str
    estimate: bool = False
    translate: bool = True  # the name is a message id (False: already in the plan's language)


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
        out.append(Break(NAMES.get(name, name), run[0][0], run[-1][0], PACKAGE))
    return out


def _estimated(year: int) -> list[Break]:
    eve = LunarDate(year, 1, 1).to_solar_date() - dt.timedelta(days=1)
    return [
        Break(N_("Spring Festival"), eve, eve + dt.timedelta(days=7), "lunardate", True),
        Break(N_("Labour Day holiday"), dt.date(year, 5, 1), dt.date(year, 5, 5), "", True),
        Break(N_("National Day Golden Week"), dt.date(year, 10, 1), dt.date(year, 10, 7), "", True),
    ]


@cache
def breaks(year: int, pack: tuple[tuple[str, str, str, str, bool], ...] = ()) -> list[Break]:
    """Every break of ``year``: the pack's cited ones, then those of the package (or the
    estimates, for a year it does not know) that no cited break overlaps. ``pack`` holds the
    pack's breaks as ``(name, start, end, source, estimate)``."""
    cited = [
        Break(n, dt.date.fromisoformat(s), dt.date.fromisoformat(e), src, est, translate=False)
        for n, s, e, src, est in pack
        if dt.date.fromisoformat(s).year == year
    ]
    other = _from_package(year) or _estimated(year)
    free = [b for b in other if not any(b.start <= c.end and c.start <= b.end for c in cited)]
    return sorted(cited + free, key=lambda b: b.start)


def _pack_breaks(atlas: Atlas, lang: str) -> tuple[tuple[str, str, str, str, bool], ...]:
    out = []
    for h in atlas.pack.holidays:
        r = resolve(h.dates)
        start, end = str(r.value["start"]), str(r.value["end"])
        out.append((h.name.in_(lang), start, end, r.source, r.estimate))
    return tuple(out)


def add_holidays(it: Itinerary, atlas: Atlas) -> None:
    """Warn about holiday crowds: exact overlaps for dated trips, the month's holiday otherwise;
    say which month a request without month or date was planned for."""
    req = it.request
    lang = req.lang
    w = words(lang)
    if req.start is None and req.month is None:
        it.warnings.append(
            w._(
                "No month or dates given: planned for month {m} (its weather, opening hours "
                "and prices); give --month or --start for yours",
                m=req.travel_month,
            )
        )
    dates = [dt.date.fromisoformat(d.date) for d in it.days if d.date]
    if not dates:
        hint = MONTHLY.get(req.travel_month)
        if hint:
            it.warnings.append(
                w._(
                    "If your dates fall in {holiday}: trains, tickets and rooms sell out; "
                    "book everything ahead and reach popular sights early",
                    holiday=w._(hint),
                )
            )
        return
    pack = _pack_breaks(atlas, lang)
    for year in sorted({d.year for d in dates}):
        for b in breaks(year, pack):
            days = sorted({i + 1 for i, d in enumerate(dates) if b.start <= d <= b.end})
            if not days:
                continue
            source = w._(ESTIMATE) if b.estimate else b.source
            # the dates' format is the translation's: "{start:%d %b}" in English, "%m-%d" in Chinese
            it.warnings.append(
                w._(
                    "{holiday} ({start:%d %b}–{end:%d %b}) overlaps day(s) {days}: expect "
                    "crowds and higher room prices; book trains and tickets early "
                    "(source: {source})",
                    holiday=w._(b.name) if b.translate else b.name,
                    start=b.start,
                    end=b.end,
                    days=", ".join(str(n) for n in days),
                    source=source,
                )
            )
            for n in days:
                it.days[n - 1].tips.append(Tip(kind="holiday", text=it.warnings[-1]))
