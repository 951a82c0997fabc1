"""Lunch and dinner each day: a main dish and a side of the cooking where the meal is eaten
(Miao, Dong, Buyi, the cities'), matching the traveller's taste, diet and party, at the times
the day's timeline leaves for them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from ..data.atlas import Atlas
from ..data.facts import resolve
from ..data.place import Place
from ..data.schema import Dish
from ..i18n import words
from ..model import SPICE_LEVEL, Day, Fare, Itinerary, Meal, Request
from ..model import Dish as DishOut
from ..pace import DEPARTURE_BUFFER, PACE, eats_on_site, terminal_kind

DINNER_FROM = 18 * 60
"""Dinner starts at the day's end, but not before 18:00 (minutes after midnight)."""


def cuisines(atlas: Atlas, place: Place) -> set[str]:
    """The cooking of where a meal at ``place`` is eaten: the most specific id the region's
    cuisines list decides (the place itself, then its lodging base, then its prefecture), so
    岜沙 (a Miao village) is Miao although its base 从江 is Dong."""
    region = atlas.pack.region
    chain = [place.id, place.base]
    base = atlas.places.get(place.base) if place.base else None
    # a prefecture named like its city (遵义) is the city's id: 赤水 is not the city of 遵义
    bases = {b.id for b in atlas.pack.bases}
    prefs = [base.prefecture if base is not None else None, place.prefecture]
    chain += [p for p in prefs if p not in bases]
    for key in chain:
        found = {c.id for c in region.cuisines if key and key in c.places}
        if found:
            return found
    return set()


def areas(atlas: Atlas, place: Place) -> set[str]:
    """The ids a dish's ``where`` may name for this place: itself, its base, its prefecture
    and its cooking (``cuisines``)."""
    out = {place.id}
    if place.base:
        out.add(place.base)
        base = atlas.places.get(place.base)
        if base is not None:
            out.add(base.prefecture)
    if place.prefecture:
        out.add(place.prefecture)
    return out | cuisines(atlas, place)


def suits(dish: Dish, spice: str, vegetarian: bool) -> bool:
    """Whether a dish fits the request: never spicier than asked, meat-free when asked."""
    return dish.spice <= SPICE_LEVEL[spice] and (dish.vegetarian or not vegetarian)


def _first(ranked: Iterable[Dish], courses: tuple[str, ...]) -> Dish | None:
    return next((d for d in ranked if d.course in courses), None)


def pick(
    atlas: Atlas,
    place: Place,
    spice: str,
    vegetarian: bool,
    used: Counter[str],
    *,
    children: bool = False,
) -> list[Dish]:
    """A meal at ``place``: a main dish and a side (or, failing a main, two dishes), then a
    local snack not served yet. Local dishes first, the least served first; with children,
    a dish that carries a note for them comes only when nothing else fits."""
    here = areas(atlas, place)
    ok = [d for d in atlas.pack.food if suits(d, spice, vegetarian)]
    local = [d for d in ok if here & set(d.where)]
    anywhere = [d for d in ok if "all" in d.where and d not in local]
    # the dishes of this very place first (青岩's trotters at 青岩), then of its base, then
    # of its cooking or prefecture, then the province's
    own = {place.id: 0, place.base: 1}

    def specific(d: Dish) -> int:
        return min((own.get(w, 2) for w in d.where if w in here), default=3)

    ranked = sorted(
        [*local, *anywhere],
        key=lambda d: (
            children and d.children is not None,
            used[d.id] > 0,
            used[d.id],
            specific(d),
        ),
    )
    main = _first(ranked, ("main",))
    if main is not None:
        side = _first((d for d in ranked if d is not main), ("side",)) or _first(
            (d for d in ranked if d is not main), ("snack",)
        )
        chosen = [d for d in (main, side) if d is not None]
    else:
        chosen = [d for d in ranked if d.course != "main"][:2]
    snack = next(
        (
            d
            for d in sorted(local, key=specific)
            if d.course == "snack"
            and not used[d.id]
            and d not in chosen
            and not (children and d.children is not None)
        ),
        None,
    )
    if snack is not None:
        chosen.append(snack)
    used.update(d.id for d in chosen)
    return chosen


def _dish(d: Dish, req: Request) -> DishOut:
    r = resolve(d.price, number=lambda v: v.get("low") if isinstance(v, dict) else None)
    lang = req.lang
    return DishOut(
        id=d.id,
        name=d.name.in_(lang),
        spice=d.spice,
        sour=d.sour,
        vegetarian=d.vegetarian,
        course=d.course,
        about=d.about.in_(lang),
        children=d.children.in_(lang) if d.children is not None and req.children else None,
        find=d.find.in_(lang) if d.find is not None else None,
        price=(float(r.value["low"]), float(r.value["high"])),
        estimate=r.estimate,
        source=r.source,
    )


def meal(
    atlas: Atlas,
    name: str,
    place: Place,
    it: Itinerary,
    used: Counter[str],
    time: str | None = None,
) -> Meal:
    """One meal at ``place``; its price is the main dish and the side, per person (a snack
    beside them is a suggestion, not counted)."""
    req = it.request
    dishes = pick(atlas, place, req.spice, req.vegetarian, used, children=req.children > 0)
    rows = [_dish(d, req) for d in dishes]
    price = None
    counted = [r for r in rows if r.course != "snack"] or rows[:1]
    priced = [r.price for r in counted if r.price is not None]
    if priced:
        price = Fare(
            low=sum(lo for lo, _ in priced),
            high=sum(hi for _, hi in priced),
            basis="per person, a main dish and a side" if len(priced) > 1 else "per person",
            estimate=any(r.estimate for r in counted),
        )
    return Meal(meal=name, where=place.name(req.lang), dishes=rows, price=price, time=time)


def _minutes(hhmm: str) -> int:
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


def dinner_time(day: Day) -> str:
    """When dinner is: at the day's end, not before 18:00."""
    at = max(_minutes(day.end.time), DINNER_FROM)
    return f"{at // 60:02d}:{at % 60:02d}"


def _hhmm(minutes: float) -> str:
    m = round(minutes)
    return f"{m // 60:02d}:{m % 60:02d}"


LUNCH_LATE = 30
"""Minutes past the lunch window's latest start that a lunch inside a visit may still begin:
the solver ate inside 龙宫 from 13:27, and the timed visit, 4 min later, began after 13:30."""


def lunch_of(
    day: Day, pace: str, on_site: Callable[[str], bool] = lambda _place: True
) -> tuple[str | None, str | None]:
    """Where and when lunch is: the timeline's lunch break (after a visit); else inside the
    visit that spans the pace's lunch window at a place with somewhere to eat (``on_site``:
    a long visit to a town or park eats there, a 1 h museum does not), from the window's
    start or the visit's; else, when the day's travel is over by lunch's latest start, where
    the day ends (a morning bus to the next base: lunch was put at the town left behind); else
    at the day's main visit, with no time."""
    tip = next((t for t in day.tips if t.kind == "lunch-after"), None)
    if tip is not None and tip.place:
        return tip.place, tip.time
    earliest, latest, length = PACE[pace][2]
    for v in day.visits:
        if not on_site(v.place):
            continue
        start, leave = _minutes(v.start), _minutes(v.leave)
        begin = max(start, earliest)
        if begin <= latest + LUNCH_LATE and begin + length <= leave:
            return v.place, f"{_hhmm(begin)}–{_hhmm(begin + length)}"
    ends = _minutes(day.end.time)
    if ends <= latest:
        begin = max(ends, earliest)
        return day.end.place, f"{_hhmm(begin)}–{_hhmm(begin + length)}"
    if day.visits:
        return max(day.visits, key=lambda v: v.minutes).place, None
    return None, None


def add_meals(it: Itinerary, atlas: Atlas) -> None:
    """Lunch where and when the day's timeline has it (``lunch_of``), dinner where the day
    ends, from the end of the day's travel; only the meals the trip holds: no lunch on a day
    that starts after lunchtime (an arrival at 15:00) or on a last day that ends before it,
    and no dinner on the last day unless the traveller leaves after it (`dinner_before_leaving`)."""
    w = words(it.request.lang)
    used: Counter[str] = Counter()
    earliest, latest, _length = PACE[it.request.pace][2]
    for k, day in enumerate(it.days):
        last = k == len(it.days) - 1
        day.meals = []
        ends = _minutes(day.end.time)
        if _minutes(day.start.time) <= latest and not (last and ends < earliest):
            lunch_at, lunch_time = lunch_of(
                day, it.request.pace, lambda place: eats_on_site(atlas.places[place])
            )
            lunch_place = atlas.places[lunch_at or day.start.place]
            day.meals.append(meal(atlas, w._("lunch"), lunch_place, it, used, lunch_time))
        if not last or dinner_before_leaving(it, atlas):
            where = atlas.places[day.end.place]
            day.meals.append(meal(atlas, w._("dinner"), where, it, used, dinner_time(day)))


def dinner_before_leaving(it: Itinerary, atlas: Atlas) -> bool:
    """Whether the last day has time for dinner: it ends (`dinner_time`) a meal's length
    before the traveller is due at the departure (the time less the station's or airport's
    buffer, `pace.DEPARTURE_BUFFER`). Leaving 贵阳 at 18:00 has none; a 21:00 train from
    贵阳北, reached by 18:00, has."""
    last = it.days[-1]
    place = atlas.places[last.end.place]
    due = _minutes(it.request.depart_time) - DEPARTURE_BUFFER[terminal_kind(place)]
    return _minutes(dinner_time(last)) + PACE[it.request.pace][2][2] <= due
