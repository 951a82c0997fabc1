"""The trip's cost per person (tickets, transport, lodging, food) against the traveller's budget.

Prices come from the itinerary (which carries sourced figures); shared costs (a taxi, a room,
a charter car) are split over the party. Where the total exceeds the budget, the advice is
concrete: which change saves how much.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from ..data.atlas import Atlas
from ..data.facts import resolve
from ..data.place import Place
from ..i18n import N_, words
from ..message import Arg, Message, join, names, say
from ..model import BUDGET_CATEGORIES, Budget, BudgetDay, Fare, Itinerary

BREAKFAST = 15.0  # estimate: CNY per person, a bowl of noodles
PEOPLE_PER_ROOM = 2
PEOPLE_PER_TAXI = 4
PER_CAR_MODES = {"taxi", "car"}


def mid(f: Fare | None) -> float:
    return 0.0 if f is None else (f.low + f.high) / 2


def _charter_rate(atlas: Atlas, areas: Iterable[str]) -> tuple[float, str]:
    rules = {f.area: f for f in atlas.pack.fares if f.charter_day}
    for a in (*areas, "guiyang"):
        obs = rules[a].charter_day if a in rules else None
        if obs:
            r = resolve(obs)
            return (float(r.value["low"]) + float(r.value["high"])) / 2, r.source
    return 600.0, "estimate"


CATEGORIES = BUDGET_CATEGORIES


def day_costs(it: Itinerary, atlas: Atlas) -> list[dict[str, float]]:
    """Cost per person by category for each day, in CNY. Breakfast counts from the morning
    after the first night: the first day's is eaten before the trip begins."""
    out = []
    for k, day in enumerate(it.days):
        one = it.model_copy(update={"days": [day]})
        out.append(_costs(one, atlas, breakfast=k > 0))
    return out


def _costs(it: Itinerary, atlas: Atlas, *, breakfast: bool = True) -> dict[str, float]:
    req = it.request
    party = req.party
    tickets = fees = transport = lodging = food = 0.0
    for day in it.days:
        for v in day.visits:
            p = atlas.places[v.place]
            m = req.travel_month
            total = (
                p.ticket_for(m, "adult") * req.adults
                + p.ticket_for(m, "child") * req.children
                + p.ticket_for(m, "senior") * req.seniors
                + p.ticket_for(m, "student") * req.students
            )
            tickets += total / party
            fees += sum(f.fare for f in p.fees if f.required)
        for leg in day.legs:
            for step in leg.steps:
                fare = step.fare_mid
                if step.mode in PER_CAR_MODES:
                    cars = math.ceil(party / PEOPLE_PER_TAXI)
                    transport += fare * cars / party
                else:
                    transport += fare
        if req.transport == "charter":
            areas = [atlas.places[v.place].prefecture for v in day.visits]
            rate, _ = _charter_rate(atlas, areas)
            transport += rate * math.ceil(party / PEOPLE_PER_TAXI) / party
        if day.lodging is not None:
            rooms = math.ceil(party / PEOPLE_PER_ROOM)
            lodging += mid(day.lodging.price) * rooms / party
        food += (BREAKFAST if breakfast else 0.0) + sum(mid(m.price) for m in day.meals)
    return {
        "tickets": tickets,
        "fees": fees,
        "transport": transport,
        "lodging": lodging,
        "food": food,
    }


def advice(
    it: Itinerary, atlas: Atlas, parts: Mapping[str, float], over: float
) -> list[Message]:
    """Concrete changes that bring the trip under budget, largest saving first."""
    out: list[tuple[float, Message]] = []
    if it.request.transport == "charter":
        saving = parts["transport"] * 0.6
        x = f"{saving:.0f}"
        out.append(
            (
                saving,
                say(
                    N_(
                        "Use public transport (rail, bus, taxis) instead of a charter car: "
                        "saves about ¥{x}"
                    ),
                    x=x,
                ),
            )
        )
    taxi = sum(
        s.fare_mid
        for d in it.days
        for leg in d.legs
        for s in leg.steps
        if s.mode == "taxi" and s.km > 30
    )
    if taxi > 0:
        saving = taxi * 0.7 / it.request.party
        x = f"{saving:.0f}"
        out.append(
            (
                saving,
                say(
                    N_(
                        "Take intercity buses or trains instead of taxis on the long legs: "
                        "saves about ¥{x}"
                    ),
                    x=x,
                ),
            )
        )
    if parts["lodging"] > 0:
        saving = parts["lodging"] * 0.35
        x = f"{saving:.0f}"
        out.append((saving, say(N_("Stay in guesthouses or hostels: saves about ¥{x}"), x=x)))
    month = it.request.travel_month

    def site_cost(p: Place) -> float:
        """A visit's ticket in the trip's month plus its required fees, per person."""
        return p.ticket_in(month)[0] + sum(f.fare for f in p.fees if f.required)

    optional = [
        atlas.places[v.place]
        for d in it.days
        for v in d.visits
        if atlas.places[v.place].rank not in ("icon", "top", "must")
    ]
    dearest = max(optional, key=site_cost, default=None)
    if dearest is not None and dearest.ticket_in(month)[0] > 0:
        p = dearest
        cost = site_cost(p)
        x = f"{cost:.0f}"
        skip = say(N_("Skip {place} (not a must-see): saves ¥{x}"), place=names(p), x=x)
        out.append((cost, skip))
    out.sort(key=lambda t: -t[0])
    lines = [text for _, text in out]
    x = f"{over:.0f}"
    lines.insert(0, say(N_("Over budget by ¥{x}:"), x=x))
    return lines


def optional_fees(it: Itinerary, atlas: Atlas) -> Arg:
    """The optional paid extras (cable cars, boats, shows) at the visited sights, each with its
    place and price per person, in visiting order; empty if there are none."""
    w = words(it.request.lang)
    seen: set[tuple[str, str]] = set()
    items: list[Arg] = []
    for d in it.days:
        for v in d.visits:
            p = atlas.places[v.place]
            for f in p.fees:
                name = f.name.in_(w.lang)
                if f.required or f.fare <= 0 or (p.id, name) in seen:
                    continue
                seen.add((p.id, name))
                price = w.yuan(f.fare)
                items.append(
                    say(N_("{place} {fee} {price}"), place=names(p), fee=names(f.name), price=price)
                )
    return join(N_("{a}; {b}"), items) if items else ""


def add_budget(it: Itinerary, atlas: Atlas) -> None:
    per_day = day_costs(it, atlas)
    parts = {k: round(sum(d[k] for d in per_day)) for k in CATEGORIES}
    total = sum(parts.values())
    breakfast = f"{BREAKFAST:.0f}"
    budget = Budget(
        tickets=parts["tickets"],
        fees=parts["fees"],
        transport=parts["transport"],
        lodging=parts["lodging"],
        food=parts["food"],
        total=total,
        days=[
            BudgetDay(
                day=i + 1, **{k: round(v) for k, v in d.items()}, total=round(sum(d.values()))
            )
            for i, d in enumerate(per_day)
        ],
        notes=[
            say(
                N_(
                    "tickets at the adult, child or senior price the source states (else its "
                    "reduced price) and at the student price where the source states one (else "
                    "the full price), transport at the middle of the fair range, "
                    "rooms shared by two, breakfast estimated at ¥{x}"
                ),
                x=breakfast,
            )
        ],
    )
    extras = optional_fees(it, atlas)
    if extras:
        budget.notes.append(say(N_("Optional at the sights, not counted: {items}"), items=extras))
    if it.request.budget is not None:
        limit = it.request.budget
        budget.limit = limit
        if total > limit:
            budget.advice = advice(it, atlas, parts, total - limit)
        else:
            x = f"{limit - total:.0f}"
            budget.advice = [say(N_("Within budget, about ¥{x} to spare"), x=x)]
    it.budget = budget
