"""Pitfalls (防坑) that apply to each day: by the places it touches and the situations it meets.

A pitfall tied to places applies on a day that touches one of them (a visit, the start, the
end, the lodging, or a station a leg passes through). A pitfall tied only to situations
applies when the day meets one (a holiday date, a rainy month, a charter car …). Each
pitfall is shown once, on the first day it applies.
"""

from __future__ import annotations

from ..data.atlas import Atlas
from ..data.facts import resolve
from ..i18n import N_
from ..message import names, say, verbatim
from ..model import Day, Itinerary, Tip

MAX_TIPS_PER_DAY = 4
ETHNIC = {"miao", "dong", "buyi", "ethnic-village"}


def touched(day: Day) -> set[str]:
    """Every place id the day touches."""
    ids = {day.start.place, day.end.place, *(v.place for v in day.visits)}
    for leg in day.legs:
        ids.update(step.from_ for step in leg.steps)
        ids.update(step.to for step in leg.steps)
    if day.lodging is not None:
        ids.add(day.lodging.base)
    return ids


def situations(atlas: Atlas, it: Itinerary, day: Day) -> set[str]:
    """The situations a day meets, in the pitfall vocabulary."""
    out: set[str] = set()
    modes = {step.mode for leg in day.legs for step in leg.steps}
    kinds = {atlas.places[p].kind for p in touched(day) if p in atlas.places}
    if modes & {"rail", "bus"} or "station" in kinds:
        out.add("station")
    if any(p in atlas.places and atlas.places[p].terminal == "airport" for p in touched(day)):
        out.add("airport")
    if "taxi" in modes:
        out.add("ride-hail")
    if it.request.transport == "charter":
        out.add("charter")
    if day.visits:
        out.update({"scenic-gate", "food"})
    tags = {t for v in day.visits for t in atlas.places[v.place].tags}
    if tags & ETHNIC:
        out.update({"ethnic-show", "shopping", "photo"})
    if any(v.reservation for v in day.visits):
        out.add("reservation")
    if any(t.kind == "holiday" for t in day.tips):
        out.add("holiday")
    if day.weather is not None and (
        (day.weather.rain_days or 0) >= 12 or (day.weather.rain_mm or 0) >= 150
    ):
        out.add("rain")
    if day.lodging is not None:
        out.add("night")
    heights = [atlas.places[v.place].altitude_m or 0 for v in day.visits]
    if max(heights, default=0) >= 2000:
        out.add("altitude")
    return out


def add_tips(it: Itinerary, atlas: Atlas) -> None:
    shown: set[str] = set()
    for day in it.days:
        here, met = touched(day), situations(atlas, it, day)
        by_place = [p for p in atlas.pack.pitfalls if set(p.places) & here]
        by_situation = [p for p in atlas.pack.pitfalls if not p.places and set(p.situations) & met]
        count = 0
        for p in by_place + by_situation:
            if p.id in shown or count >= MAX_TIPS_PER_DAY:
                continue
            shown.add(p.id)
            count += 1
            src = resolve(p.sources)
            title = names(p.title)
            day.tips.append(
                Tip(
                    kind="pitfall",
                    id=p.id,
                    title=verbatim(title),
                    text=say(N_("{title}: {advice}"), title=title, advice=names(p.advice)),
                    places=sorted(set(p.places) & here),
                    source=src.source,
                    date=src.date.isoformat(),
                )
            )
