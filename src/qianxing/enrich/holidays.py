"""Crowd warnings when the trip's dates (or month) meet a public holiday."""

from __future__ import annotations

import datetime as dt

from ..data.atlas import Atlas
from ..data.facts import resolve
from ..model import Itinerary, Tip

MONTHLY = {  # month-only requests: holidays whose dates recur in that month every year
    10: ("国庆黄金周（10 月 1–7 日）", "National Day Golden Week (1–7 October)"),
    5: ("五一假期（5 月 1 日起）", "the May Day holiday (from 1 May)"),
}


def add_holidays(it: Itinerary, atlas: Atlas) -> None:
    """Warn about holiday crowds: exact overlaps for dated trips, the month's holiday otherwise."""
    lang = it.request.lang
    dates = [dt.date.fromisoformat(d.date) for d in it.days if d.date]
    if not dates:
        hint = MONTHLY.get(it.request.travel_month)
        if hint:
            name = hint[0 if lang == "zh" else 1]
            it.warnings.append(
                f"若行程落在{name}：景区和高铁票非常紧张，门票、车票、住宿都要提前预订，热门景点早到"
                if lang == "zh"
                else f"If your dates fall in {name}: trains, tickets and rooms sell out; "
                "book everything ahead and reach popular sights early"
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
        name = h.name.zh if lang == "zh" else h.name.en
        days = sorted({i + 1 for i, d in enumerate(dates) if d in hit})
        when = ", ".join(str(n) for n in days)
        it.warnings.append(
            f"{name}（{start:%m-%d}–{end:%m-%d}）与第 {when} 天重合："
            f"人多、房价上涨，车票和门票尽早预订（来源：{r.source}）"
            if lang == "zh"
            else f"{name} ({start:%d %b}–{end:%d %b}) overlaps day(s) {when}: expect crowds and "
            f"higher room prices; book trains and tickets early (source: {r.source})"
        )
        for n in days:
            it.days[n - 1].tips.append(Tip(kind="holiday", text=it.warnings[-1]))
