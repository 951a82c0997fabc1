"""Lunch and dinner each day: local dishes near where the traveller is, matching their taste."""

from __future__ import annotations

from collections import Counter

from ..data.atlas import Atlas
from ..data.facts import resolve
from ..data.place import Place
from ..data.schema import Dish
from ..i18n import words
from ..model import SPICE_LEVEL, Fare, Itinerary, Meal
from ..model import Dish as DishOut

DISHES_PER_MEAL = 2


def areas(atlas: Atlas, place: Place) -> set[str]:
    """The ids a dish's ``where`` may name for this place: itself, its base, its prefecture."""
    out = {place.id}
    if place.base:
        out.add(place.base)
        base = atlas.places.get(place.base)
        if base is not None:
            out.add(base.prefecture)
    if place.prefecture:
        out.add(place.prefecture)
    return out


def suits(dish: Dish, spice: str, vegetarian: bool) -> bool:
    """Whether a dish fits the request: never spicier than asked, meat-free when asked."""
    return dish.spice <= SPICE_LEVEL[spice] and (dish.vegetarian or not vegetarian)


def pick(
    atlas: Atlas, place: Place, spice: str, vegetarian: bool, used: Counter[str]
) -> list[Dish]:
    """Local dishes first (least served so far), then province-wide ones."""
    here = areas(atlas, place)
    ok = [d for d in atlas.pack.food if suits(d, spice, vegetarian)]
    local = [d for d in ok if here & set(d.where)]
    anywhere = [d for d in ok if "all" in d.where and d not in local]
    # fresh dishes first (local before province-wide), then repeats in the same order
    ranked = sorted([*local, *anywhere], key=lambda d: (used[d.id] > 0, used[d.id], d not in local))
    chosen = ranked[:DISHES_PER_MEAL]
    used.update(d.id for d in chosen)
    return chosen


def _dish(d: Dish, lang: str) -> DishOut:
    r = resolve(d.price, number=lambda v: v.get("low") if isinstance(v, dict) else None)
    return DishOut(
        id=d.id,
        name=d.name.in_(lang),
        spice=d.spice,
        sour=d.sour,
        vegetarian=d.vegetarian,
        about=d.about.in_(lang),
        price=(float(r.value["low"]), float(r.value["high"])),
        estimate=r.estimate,
        source=r.source,
    )


def meal(atlas: Atlas, name: str, place: Place, it: Itinerary, used: Counter[str]) -> Meal:
    req = it.request
    dishes = pick(atlas, place, req.spice, req.vegetarian, used)
    rows = [_dish(d, req.lang) for d in dishes]
    price = None
    priced = [r.price for r in rows if r.price is not None]
    if priced:
        price = Fare(
            low=min(lo for lo, _ in priced),
            high=max(hi for _, hi in priced),
            basis="per person, one dish",
            estimate=any(r.estimate for r in rows),
        )
    return Meal(meal=name, where=place.name(req.lang), dishes=rows, price=price)


def add_meals(it: Itinerary, atlas: Atlas) -> None:
    """Lunch where the lunch break falls (or the day's main visit), dinner where the day ends."""
    w = words(it.request.lang)
    used: Counter[str] = Counter()
    for day in it.days:
        lunch_at = next((t.place for t in day.tips if t.kind == "lunch-after"), None)
        if lunch_at is None and day.visits:
            lunch_at = max(day.visits, key=lambda v: v.minutes).place
        lunch_place = atlas.places[lunch_at or day.start.place]
        day.meals = [
            meal(atlas, w._("lunch"), lunch_place, it, used),
            meal(atlas, w._("dinner"), atlas.places[day.end.place], it, used),
        ]
