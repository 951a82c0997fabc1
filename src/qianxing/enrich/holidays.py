"""Crowd warnings when the trip's dates (or month) meet a public holiday, for any year, and
what the crowd weeks change in the plan.

The breaks come from `qianxing.data.calendar` (the pack's cited ones, the official calendar,
estimates for years not announced yet). On a crowd day (`qianxing.pace.crowd_day`) a visit
to a sight the pack marks ``crowded`` was planned to start near opening and with time for the
queues; the day says so, with the booking the sight needs.
"""

from __future__ import annotations

import datetime as dt

from ..data.atlas import Atlas
from ..data.calendar import Break, PackBreak, break_on, breaks, pack_breaks
from ..i18n import N_
from ..message import Arg, Option, When, names, say
from ..model import Itinerary, Tip
from ..pace import crowd_day, enters_early, queue_minutes

MONTHLY = {  # month-only requests: holidays whose dates recur in that month every year
    10: N_("National Day Golden Week (1–7 October)"),
    5: N_("the May Day holiday (from 1 May)"),
}
SUMMER = N_("the summer holiday peak (July–August)")
ESTIMATE = N_("estimate: the dates of recent years; the official notice is not out yet")


def add_holidays(it: Itinerary, atlas: Atlas) -> None:
    """Warn about holiday crowds: exact overlaps for dated trips, the month's holiday otherwise;
    say which month a request without month or date was planned for."""
    req = it.request
    lang = req.lang
    if req.start is None and req.month is None:
        it.warnings.append(
            say(
                N_(
                    "No month or dates given: planned for month {m} (its weather, opening "
                    "hours and prices); give {month} or {start} for yours"
                ),
                m=req.travel_month,
                month=Option(option="month"),
                start=Option(option="start"),
            )
        )
    pack = pack_breaks(atlas.pack, lang)
    add_crowd_tips(it, atlas, pack)
    dates = [dt.date.fromisoformat(d.date) for d in it.days if d.date]
    if not dates:
        hint = MONTHLY.get(req.travel_month)
        if hint:
            it.warnings.append(
                say(
                    N_(
                        "If your dates fall in {holiday}: trains, tickets and rooms sell out; "
                        "book everything ahead and reach popular sights early"
                    ),
                    holiday=say(hint),
                )
            )
        return
    for year in sorted({d.year for d in dates}):
        for b in breaks(year, pack):
            days = sorted({i + 1 for i, d in enumerate(dates) if b.start <= d <= b.end})
            if not days:
                continue
            source = say(ESTIMATE) if b.estimate else b.source
            # the dates' format is the translation's: "{start:%d %b}" in English, "%m-%d" in Chinese
            it.warnings.append(
                say(
                    N_(
                        "{holiday} ({start:%d %b}–{end:%d %b}) overlaps day(s) {days}: expect "
                        "crowds and higher room prices; book trains and tickets early "
                        "(source: {source})"
                    ),
                    holiday=_holiday(b),
                    start=When(date=b.start),
                    end=When(date=b.end),
                    days=", ".join(str(n) for n in days),
                    source=source,
                )
            )
            for n in days:
                it.days[n - 1].tips.append(Tip(kind="holiday", text=it.warnings[-1]))


def _holiday(b: Break) -> Arg:
    """A break's name: a message, or the pack's name in the plan's language."""
    return say(b.name) if b.translate else b.name


def _crowd_name(day: dt.date | None, crowd: str, pack: tuple[PackBreak, ...]) -> Arg:
    b: Break | None = break_on(day, pack) if day is not None else None
    if crowd == "summer" or b is None:
        return say(SUMMER)
    return _holiday(b)


def add_crowd_tips(it: Itinerary, atlas: Atlas, pack: tuple[PackBreak, ...]) -> None:
    """On a crowd day, each visit to a sight the pack marks ``crowded`` says what the plan did
    about it (entered near opening, time for the queues) and, where the sight needs one, that
    the booking must be made before the day; each tip cites the pack's sources."""
    req = it.request
    for day in it.days:
        date = dt.date.fromisoformat(day.date) if day.date else None
        crowd = crowd_day(date, req.travel_month, pack)
        if crowd is None:
            continue
        why = _crowd_name(date, crowd, pack)
        for v in day.visits:
            p = atlas.places[v.place]
            if p.crowd_queue is None:
                continue
            src = p.facts["crowded"]
            if enters_early(p, crowd):
                text = say(
                    N_(
                        "{place} in {crowd}: planned to enter at {start}, soon after opening, "
                        "with {n} min of the visit kept for queues (source: {source})"
                    ),
                    place=names(p),
                    crowd=why,
                    start=v.start,
                    n=queue_minutes(p, True),
                    source=src.source,
                )
            else:
                text = say(
                    N_(
                        "{place} in {crowd}: {n} min of the visit kept for queues; book your "
                        "room early (source: {source})"
                    ),
                    place=names(p),
                    crowd=why,
                    n=queue_minutes(p, True),
                    source=src.source,
                )
            day.tips.append(
                Tip(
                    kind="holiday",
                    text=text,
                    place=p.id,
                    source=src.source,
                    date=src.date.isoformat(),
                )
            )
            if v.reservation and "reservation" in p.facts:
                booking = p.facts["reservation"]
                day.tips.append(
                    Tip(
                        kind="holiday",
                        text=say(
                            N_(
                                "{place} sells out in {crowd}: book before the day, {how} "
                                "(source: {source})"
                            ),
                            place=names(p),
                            crowd=why,
                            how=v.reservation,
                            source=booking.source,
                        ),
                        place=p.id,
                        source=booking.source,
                        date=booking.date.isoformat(),
                    )
                )
