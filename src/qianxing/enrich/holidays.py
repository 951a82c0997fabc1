"""Crowd warnings when the trip's dates (or month) meet a public holiday."""

from __future__ import annotations

import datetime as dt

from ..data.atlas import Atlas
from ..data.facts import resolve
from ..i18n import N_, words
from ..model import Itinerary, Tip

MONTHLY = {  # month-only requests: holidays whose dates recur in that month every year
    10: N_("National Day Golden Week (1–7 October)"),
    5: N_("the May Day holiday (from 1 May)"),
}


def add_holidays(it: Itinerary, atlas: Atlas) -> None:
    """Warn about holiday crowds: exact overlaps for dated trips, the month's holiday otherwise."""
    lang = it.request.lang
    w = words(lang)
    dates = [dt.date.fromisoformat(d.date) for d in it.days if d.date]
    if not dates:
        hint = MONTHLY.get(it.request.travel_month)
        if hint:
            it.warnings.append(
                w._(
                    "If your dates fall in {holiday}: trains, tickets and rooms sell out; "
                    "book everything ahead and reach popular sights early",
                    holiday=w._(hint),
                )
            )
        return
    for h in atlas.pack.holidays:
        r = resolve(h.dates)
        start, end = (
            dt.date.fromisoformat(str(r.value["start"])),
            dt.date.fromisoformat(str(r.value["end"])),
        )
        hit = [d for d in dates if start <= d <= end]
        if not hit:
            continue
        days = sorted({i + 1 for i, d in enumerate(dates) if d in hit})
        # the dates' format is the translation's: "{start:%d %b}" in English, "%m-%d" in Chinese
        it.warnings.append(
            w._(
                "{holiday} ({start:%d %b}–{end:%d %b}) overlaps day(s) {days}: expect crowds "
                "and higher room prices; book trains and tickets early (source: {source})",
                holiday=h.name.in_(lang),
                start=start,
                end=end,
                days=", ".join(str(n) for n in days),
                source=r.source,
            )
        )
        for n in days:
            it.days[n - 1].tips.append(Tip(kind="holiday", text=it.warnings[-1]))
