"""Lodging in the town where each day ends; weather and clothing for every day."""

from __future__ import annotations

from qianxing.data.atlas import Atlas
from qianxing.enrich.lodging import lodging_for
from qianxing.model import Itinerary


def test_every_night_is_where_the_day_ends(six_day_plan: Itinerary) -> None:
    """Each night but the last sleeps in the base the day ends in, with a sourced price."""
    for d in six_day_plan.days[:-1]:
        assert d.lodging is not None and d.lodging.base == d.end.place
        assert d.lodging.price is not None and 0 < d.lodging.price.low <= d.lodging.price.high
        assert d.lodging.lat is not None and d.lodging.lon is not None


def test_scenic_village_suggests_a_guesthouse(atlas: Atlas) -> None:
    """Sleeping inside a scenic village means a guesthouse or inn, not a city hotel."""
    villages = [b for b in atlas.pack.bases if b.kind == "scenic-village"]
    assert villages
    for b in villages:
        kinds = {o.kind for o in b.lodging}
        if kinds & {"guesthouse", "inn"}:
            assert lodging_for(atlas, b.id, "zh").kind in ("guesthouse", "inn")


def test_every_day_has_weather_and_clothing(six_day_plan: Itinerary) -> None:
    """Every day carries a temperature range and what to wear."""
    for d in six_day_plan.days:
        w = d.weather
        assert w is not None and w.wear
        assert w.low_c is not None and w.high_c is not None and w.low_c <= w.high_c
