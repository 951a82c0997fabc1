"""Enrichment of a timed plan with what comes from the pack rather than the solver.

Each module fills one part of the itinerary (lodging, meals, the evening at a night-view
base, weather, tips, holidays, the timetable's end, budget); ``enrich`` runs them in order.
The reasons for dropped places live in :mod:`qianxing.explain` because they re-run the
solver.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .budget import add_budget
from .evening import add_evening
from .holidays import add_holidays
from .lodging import add_lodging
from .meals import add_meals
from .timetable import add_timetable_end
from .tips import add_tips
from .weather import add_weather

if TYPE_CHECKING:
    from ..instance import Problem
    from ..model import Itinerary


def enrich(itinerary: Itinerary, problem: Problem) -> Itinerary:
    """Fill lodging, meals, the evening at a night-view base, weather, holiday and timetable
    warnings, tips and the budget, in that order."""
    atlas = problem.travel.atlas
    add_lodging(itinerary, atlas)
    add_meals(itinerary, atlas)
    add_evening(itinerary, atlas)
    add_weather(itinerary, atlas)
    add_holidays(itinerary, atlas)
    add_timetable_end(itinerary, problem.travel.feed)
    add_tips(itinerary, atlas)
    add_budget(itinerary, atlas)
    return itinerary


__all__ = ["enrich"]
