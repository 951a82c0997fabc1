"""A day's places in the traveller's order (dragged on the page): the same places, re-timed.

The new order is fixed: the day is not re-optimised, only timed by the server against the
timetable and the pack (`plan.assemble` on the trip's tours, no repair), exactly as a saved
trip is re-derived (`_verify`), and checked by the independent checker. An order that does
not fit the day (a place closed by the time it is reached, a last bus gone) is refused with
the checker's reason; nothing else of the trip changes, but for the meals of the days after
a reordered day: a trip serves each dish once before repeating one (`enrich.meals`), so
they follow what the reordered day now serves.
"""

from __future__ import annotations

import logging

from ..check import check_itinerary
from ..exceptions import ImpossibleRequestError
from ..i18n import words
from ..model import Itinerary
from ..plan import assemble, prepare
from ..replan import tour_of_day

logger = logging.getLogger(__name__)


def reordered(it: Itinerary, orders: dict[int, list[str]]) -> tuple[Itinerary, list[str]]:
    """``it`` with day ``n``'s visits in the order ``orders[n]`` (place ids, days from 1),
    re-timed; and what changed, in the trip's language.

    Raises
    ------
    ImpossibleRequestError
        An order names a day the trip lacks, is not the day's places, or does not fit the
        day (the message says which, in the trip's language).
    """
    w = words(it.request.lang)
    for n, places in orders.items():
        if not 1 <= n <= len(it.days):
            raise ImpossibleRequestError(
                w._(
                    "day {day} does not exist: the trip has {days} day(s)", day=n, days=len(it.days)
                )
            )
        have = [v.place for v in it.days[n - 1].visits]
        if sorted(places) != sorted(have):
            raise ImpossibleRequestError(
                w._(
                    "a new order for day {day} must list that day's places, each once: {places}",
                    day=n,
                    places=", ".join(have),
                )
            )
    problem = prepare(it.request)
    tours = [list(tour_of_day(problem, day, d)) for d, day in enumerate(it.days)]
    vertex = {problem.ids[k]: k for k in range(len(problem.ids))}
    for n, places in orders.items():
        tour = tours[n - 1]
        tours[n - 1] = [tour[0], *(vertex[p] for p in places), tour[-1]]
    try:
        new = assemble(problem, tours, explain=False, check=False, repair=False)
    except (ImpossibleRequestError, ValueError) as exc:
        logger.info("order refused: %s", exc)
        raise ImpossibleRequestError(
            w._("the days cannot be timed in this order: {why}", why=exc)
        ) from exc
    for old, day in zip(it.days, new.days, strict=True):
        day.locked = old.locked
    new.dropped = [d.model_copy(deep=True) for d in it.dropped]  # the same places are left out
    new.title = it.title
    problems = check_itinerary(new)
    if problems:
        raise ImpossibleRequestError(
            w._("this order does not fit the day: {why}", why="; ".join(problems[:3]))
        )
    changes = []
    for n in sorted(orders):
        names = [v.name for v in new.days[n - 1].visits]
        if [v.place for v in it.days[n - 1].visits] == orders[n]:
            continue
        changes.append(
            w._("day {day}: now in your order {places}", day=n, places=" → ".join(names))
        )
    return new, changes
