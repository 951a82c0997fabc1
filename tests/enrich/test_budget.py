"""The budget: per person, shared cars split over the party, every required fee counted."""

from __future__ import annotations

import pytest

from qianxing.data.atlas import Atlas
from qianxing.enrich.budget import add_budget, day_costs
from qianxing.message import texts
from qianxing.model import Itinerary


def test_parts_add_up_and_days_add_up(six_day_plan: Itinerary) -> None:
    """The total is the sum of its categories, and the days add up to the trip (to rounding)."""
    b = six_day_plan.budget
    assert b is not None
    assert b.total == sum(v for _, v in b.parts())
    for key, amount in b.parts():
        by_day = sum(getattr(d, key) for d in b.days)
        assert abs(by_day - amount) <= len(b.days), key


def test_required_fees_are_counted(six_day_plan: Itinerary, atlas: Atlas) -> None:
    """Every required site fee of a visited place is in the budget's fees, once per visit."""
    expected = sum(
        f.fare
        for d in six_day_plan.days
        for v in d.visits
        for f in atlas.places[v.place].fees
        if f.required
    )
    b = six_day_plan.budget
    assert b is not None and abs(b.fees - expected) <= 1


def test_a_shared_car_is_split_over_the_party(six_day_plan: Itinerary, atlas: Atlas) -> None:
    """Four travellers share one taxi and each pays a quarter of it; a train seat is each
    traveller's own. So per person, four save three quarters of the day's car fares."""
    one = day_costs(six_day_plan, atlas)
    req4 = six_day_plan.request.model_copy(update={"adults": 4})
    four = day_costs(six_day_plan.model_copy(update={"request": req4}), atlas)
    cars = [
        sum(s.fare_mid for leg in d.legs for s in leg.steps if s.mode in ("taxi", "car"))
        for d in six_day_plan.days
    ]
    assert any(c > 0 for c in cars), "the reference plan takes a taxi"
    for i, car in enumerate(cars):
        assert one[i]["transport"] - four[i]["transport"] == pytest.approx(0.75 * car)


def test_over_budget_gives_savings_with_amounts(six_day_plan: Itinerary, atlas: Atlas) -> None:
    """A limit below the cost yields the overshoot first, then concrete savings in yuan."""
    req = six_day_plan.request.model_copy(update={"budget": 100.0})
    it = six_day_plan.model_copy(update={"request": req}, deep=True)
    add_budget(it, atlas)
    assert it.budget is not None and it.budget.limit == 100.0
    advice = texts(it.budget.advice or [], "zh")
    assert len(advice) >= 2 and all("¥" in a for a in advice)


def test_a_family_pays_child_and_senior_prices(six_day_plan: Itinerary, atlas: Atlas) -> None:
    """At 西江 (adult 90, children over 1.2 m half, 60+ free per the pack's source) two adults,
    a child and a grandparent pay 90 + 90 + 45 + 0, a quarter of that each; a place whose
    source names no child price charges its reduced price."""
    xijiang = atlas.places["xijiang-miaozhai"]
    assert (xijiang.ticket_for(10, "adult"), xijiang.ticket_for(10, "child")) == (90, 45)
    assert xijiang.ticket_for(10, "senior") == 0
    req = six_day_plan.request.model_copy(update={"adults": 2, "children": 1, "seniors": 1})
    day = six_day_plan.days[0].model_copy(deep=True)
    day.visits = [day.visits[0].model_copy(update={"place": "xijiang-miaozhai"})]
    one = six_day_plan.model_copy(update={"request": req, "days": [day]})
    assert day_costs(one, atlas)[0]["tickets"] == pytest.approx((90 + 90 + 45 + 0) / 4)
    plain = next(
        p
        for p in atlas.attractions
        if p.ticket_reduced is not None
        and p.ticket_reduced < p.ticket_full
        and not p.tickets
        and "child" not in p.facts["ticket"].value
    )
    assert plain.ticket_for(10, "child") == plain.ticket_reduced


def test_optional_fees_are_listed_required_ones_counted(
    six_day_plan: Itinerary, atlas: Atlas
) -> None:
    """At 梵净山 the return shuttle (required, ¥20) is in the fees; the cable car (optional,
    ¥70) is not counted but named with its price in the budget's notes."""
    fees = {f.name.zh: f for f in atlas.places["fanjingshan"].fees}
    car = next(f for name, f in fees.items() if name.startswith("索道"))
    assert not car.required and car.fare == 70
    day = six_day_plan.days[0].model_copy(deep=True)
    day.visits = [day.visits[0].model_copy(update={"place": "fanjingshan"})]
    it = six_day_plan.model_copy(update={"days": [day]}, deep=True)
    add_budget(it, atlas)
    assert it.budget is not None
    assert it.budget.fees == sum(f.fare for f in fees.values() if f.required) == 20
    assert any(car.name.zh in n and "¥70" in n for n in texts(it.budget.notes, "zh"))


def test_breakfast_counts_from_the_first_morning_of_the_trip(
    six_day_plan: Itinerary, atlas: Atlas
) -> None:
    """Food is the day's meals plus breakfast, except on the first day: its breakfast is
    eaten before the trip begins (the traveller lands in 贵阳 at 10:00)."""
    from qianxing.enrich.budget import BREAKFAST, mid

    days = day_costs(six_day_plan, atlas)
    for k, (day, costs) in enumerate(zip(six_day_plan.days, days, strict=True)):
        meals = sum(mid(m.price) for m in day.meals)
        assert costs["food"] == pytest.approx(meals + (BREAKFAST if k > 0 else 0.0))
