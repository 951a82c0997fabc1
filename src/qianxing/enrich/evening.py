"""The evening part of a place whose value is the evening (tag ``night-view``: 西江's lit
hillside, 镇远 by night), added after dinner to a day whose night is at its base.

The solver plans visits in daylight and keeps its nights free of visits, so it cannot state
"visit after dusk, then sleep there" (docs/planning.md, "Evening places"). The plans already
sleep at such a base next to the visit; what they lacked is saying to go out after dark. So
this is a step of the enrichment, not a solver feature: it times an outing from the end of
dinner, not before civil dusk, for the minutes the pack gives (`schema.Evening`), and says in
the night's lodging why the plan sleeps there. A plan that visits the place but sleeps
elsewhere gets nothing: the traveller is gone by dark.
"""

from __future__ import annotations

import datetime as dt

from ..data.atlas import Atlas
from ..data.place import Place
from ..daylight import DUSK_YEAR, dusk_minutes
from ..model import Day, Evening, Itinerary
from ..pace import PACE
from .meals import _minutes, dinner_time

LATEST_START = 22 * 60
"""No outing starts after 22:00 (minutes after midnight): our judgement of when a day that
has had a visit, a journey and dinner is over; beyond it the evening is left out."""


def _hhmm(m: int) -> str:
    return f"{m // 60:02d}:{m % 60:02d}"


def dinner_minutes(pace: str) -> int:
    """How long dinner takes: the pace's lunch break (our judgement; the pack gives none)."""
    return round(PACE[pace][2][2])


def evening_place(atlas: Atlas, it: Itinerary, i: int) -> Place | None:
    """The evening place for day ``i``'s night, if any: a place with an evening part
    (``night-view`` and the pack's ``evening``) whose base is where day ``i`` ends, visited
    that day or the next morning (the night before: the quick start reaches 西江 in the
    evening and visits it the next day). The last day has no night."""
    day = it.days[i]
    if i == len(it.days) - 1 or day.lodging is None:
        return None
    visits = [v.place for v in day.visits]
    if i + 1 < len(it.days):
        visits += [v.place for v in it.days[i + 1].visits]
    for pid in visits:
        p = atlas.places.get(pid)
        if (
            p is not None
            and "evening" in p.facts
            and "night-view" in p.tags
            and p.base == day.end.place
        ):
            return p
    return None


def evening_for(atlas: Atlas, it: Itinerary, day: Day, p: Place) -> Evening | None:
    """The outing at ``p`` after the day's dinner, from the end of dinner and not before
    dusk at ``p``; None when it would start after `LATEST_START`."""
    req = it.request
    r = p.facts["evening"]
    value = r.value
    after = _minutes(dinner_time(day)) + dinner_minutes(req.pace)
    date = dt.date.fromisoformat(day.date) if day.date else None
    on = date or dt.date(DUSK_YEAR, req.travel_month, 15)
    dusk = dusk_minutes(p.lat, p.lon, on, atlas.pack.region.timezone)
    start = max(after, dusk)
    if start > LATEST_START:
        return None
    end = start + int(value.minutes)
    return Evening(
        place=p.id,
        name=p.name(req.lang),
        start=_hhmm(start),
        end=_hhmm(end),
        minutes=int(value.minutes),
        what=value.what.in_(req.lang),
        source=r.source,
        date=r.date.isoformat(),
        estimate=r.estimate,
        method=r.method,
    )


def add_evening(it: Itinerary, atlas: Atlas) -> None:
    """Each evening place once, on the first night at its base next to its visit (the night
    of the visit when there is one, else the night before), with the lodging's reason."""
    done: set[str] = set()
    nights = [(i, evening_place(atlas, it, i)) for i in range(len(it.days))]
    # the night of the visit wins over the night before it
    ordered = sorted(
        ((i, p) for i, p in nights if p is not None),
        key=lambda x: (x[1].id, x[1].id not in {v.place for v in it.days[x[0]].visits}, x[0]),
    )
    for i, p in ordered:
        day = it.days[i]
        if p.id in done or day.evening is not None:
            continue
        ev = evening_for(atlas, it, day, p)
        if ev is None:
            continue
        done.add(p.id)
        day.evening = ev
        if day.lodging is not None:
            why = p.facts["evening"].value.why.in_(it.request.lang)
            day.lodging = day.lodging.model_copy(update={"why": why})
