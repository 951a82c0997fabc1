"""Enrichment of a timed plan: lodging for each night (and, as the pack grows, the rest).

Each enricher reads the pack and writes one part of the itinerary, so parts can be added
without touching the solver or the timeline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .data.facts import resolve
from .model import Fare, Itinerary, Lodging

if TYPE_CHECKING:
    from .data.schema import Base
    from .instance import Problem

PREFERRED = {
    "scenic-village": ("guesthouse", "inn"),
    "town": ("city-hotel", "inn"),
    "city": ("city-hotel", "hostel"),
}


def _base_record(problem: Problem, base_id: str) -> Base | None:
    return next((b for b in problem.travel.atlas.pack.bases if b.id == base_id), None)


def lodging_for(problem: Problem, base_id: str, lang: str) -> Lodging:
    """The lodging option we suggest in a base, with its sourced price range per room-night."""
    place = problem.travel.atlas.places[base_id]
    base = _base_record(problem, base_id)
    if base is None:
        return Lodging(base=base_id, name=place.name(lang), kind="city-hotel")
    prefer = PREFERRED.get(base.kind, ("city-hotel",))
    option = next((o for o in base.lodging if o.kind in prefer), base.lodging[0])
    r = resolve(option.price, number=lambda v: v.get("low") if isinstance(v, dict) else None)
    price = Fare(
        low=float(r.value["low"]),
        high=float(r.value["high"]),
        basis=f"{option.kind}, per room-night; {r.source} ({r.date})",
        estimate=r.estimate,
    )
    why = (
        "closest base to the next morning's first stop"
        if lang == "en"
        else "离第二天第一站最近的住宿地"
    )
    return Lodging(base=base_id, name=place.name(lang), kind=option.kind, price=price, why=why)


def enrich(itinerary: Itinerary, problem: Problem) -> Itinerary:
    """Fill the parts of each day that come from the pack rather than the solver."""
    lang = itinerary.request.lang
    days = itinerary.days
    for d, day in enumerate(days[:-1]):
        day.lodging = lodging_for(problem, day.end.place, lang)
        _ = d
    return itinerary
