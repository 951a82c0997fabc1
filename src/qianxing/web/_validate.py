"""Check itineraries that clients send back before they are saved or re-planned."""

from __future__ import annotations

import logging

from fastapi import HTTPException

from ..check import check_itinerary
from ..i18n import words
from ..model import Itinerary
from ._verify import forgeries

logger = logging.getLogger(__name__)


def same_days(itinerary: Itinerary) -> Itinerary:
    """``itinerary`` if it has as many days as its request asks for (the rule the OpenAPI
    document states for every itinerary a client sends), else 422."""
    if len(itinerary.days) != itinerary.request.days:
        raise HTTPException(
            422,
            f"the itinerary has {len(itinerary.days)} day(s) but its request asks for "
            f"{itinerary.request.days}; send an itinerary as /api/plan returned it",
        )
    return itinerary


def checked(itinerary: Itinerary, *, action: str) -> Itinerary:
    """Return ``itinerary`` if the independent checker passes it, else raise 422 saying why."""
    same_days(itinerary)
    try:
        problems = check_itinerary(itinerary)
    except (ValueError, LookupError, TypeError, ArithmeticError) as exc:
        logger.info("itinerary rejected by the checker: %s", exc)
        raise HTTPException(
            422, f"the itinerary cannot be checked, so it was not {action}: {exc}"
        ) from exc
    if problems:
        raise HTTPException(
            422,
            f"the itinerary is not feasible, so it was not {action}; re-plan it first: "
            + "; ".join(problems[:5]),
        )
    return itinerary


def verified(itinerary: Itinerary) -> Itinerary:
    """``itinerary`` if it is feasible and is the trip the data pack gives for its places
    (prices, coordinates, tips, budget); else 422 naming what differs, in the trip's
    language."""
    checked(itinerary, action="saved")
    problems = forgeries(itinerary)
    if problems:
        w = words(itinerary.request.lang)
        raise HTTPException(
            422,
            w._(
                "this trip differs from what the data pack gives for its places, so it was "
                "not saved; save a trip as the planner returned it: {problems}",
                problems=w.join("{a}; {b}", problems),
            ),
        )
    return itinerary
