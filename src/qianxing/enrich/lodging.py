"""Where to sleep each night: a lodging option in the day's end base, with its price range."""

from __future__ import annotations

from ..data.atlas import Atlas
from ..data.facts import resolve
from ..data.schema import Base
from ..i18n import N_, words
from ..model import Fare, Itinerary, Lodging

PREFERRED = {
    "scenic-village": ("guesthouse", "inn"),
    "town": ("city-hotel", "inn", "guesthouse"),
    "city": ("city-hotel", "hostel"),
}
WHY = {
    "scenic-village": N_(
        "sleeping inside the scenic area lets you go in before the crowds and stay for the evening"
    ),
    "town": N_("the nearest base to the next morning's first stop, so no early transfer"),
    "city": N_("a transport hub with plenty of lodging and transparent prices"),
}


def base_record(atlas: Atlas, base_id: str) -> Base | None:
    return next((b for b in atlas.pack.bases if b.id == base_id), None)


def _low(v: object) -> float | None:
    return float(v["low"]) if isinstance(v, dict) and "low" in v else None


def lodging_for(atlas: Atlas, base_id: str, lang: str) -> Lodging:
    """The option we suggest in ``base_id`` and its sourced price per room-night."""
    w = words(lang)
    place = atlas.places[base_id]
    base = base_record(atlas, base_id)
    if base is None:
        return Lodging(
            base=base_id,
            name=place.name(lang),
            kind="city-hotel",
            lat=round(place.lat, 6),
            lon=round(place.lon, 6),
        )
    prefer = PREFERRED.get(base.kind, ("city-hotel",))
    option = next((o for o in base.lodging if o.kind in prefer), base.lodging[0])
    r = resolve(option.price, number=_low)
    basis = f"{option.kind}, per room-night; {r.source} ({r.date})"
    if r.check:
        basis = w._("{basis}; check before you go", basis=basis)
    price = Fare(
        low=float(r.value["low"]), high=float(r.value["high"]), basis=basis, estimate=r.estimate
    )
    why = w._(WHY.get(base.kind, WHY["town"]))
    return Lodging(
        base=base_id,
        name=place.name(lang),
        kind=option.kind,
        price=price,
        why=why,
        lat=round(place.lat, 6),
        lon=round(place.lon, 6),
    )


def add_lodging(itinerary: Itinerary, atlas: Atlas) -> None:
    lang = itinerary.request.lang
    for day in itinerary.days[:-1]:
        if day.lodging is None or day.lodging.base != day.end.place:
            day.lodging = lodging_for(atlas, day.end.place, lang)
