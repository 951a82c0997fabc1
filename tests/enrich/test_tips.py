"""Pitfalls (防坑): each shown once, on the first day it applies, at most a few a day."""

from __future__ import annotations

from qianxing.enrich.tips import MAX_TIPS_PER_DAY, touched
from qianxing.model import Itinerary


def test_each_pitfall_once_and_few_a_day(six_day_plan: Itinerary) -> None:
    """No pitfall repeats across the trip, and no day lists more than the cap."""
    ids = [t.id for d in six_day_plan.days for t in d.tips if t.kind == "pitfall"]
    assert ids and len(ids) == len(set(ids))
    for d in six_day_plan.days:
        assert sum(t.kind == "pitfall" for t in d.tips) <= MAX_TIPS_PER_DAY


def test_place_pitfalls_apply_where_the_day_goes(six_day_plan: Itinerary) -> None:
    """A pitfall tied to places names only places the day touches, and every one is sourced."""
    for d in six_day_plan.days:
        here = touched(d)
        for t in (t for t in d.tips if t.kind == "pitfall"):
            assert set(t.places or []) <= here
            assert t.source and t.date
