"""Check itineraries that clients send back before they are saved or re-planned."""

from __future__ import annotations

import logging

from fastapi import HTTPException

from ..check import check_itinerary
from ..model import Itinerary

logger = logging.getLogger(__name__)


def checked(itinerary: Itinerary, *, action: str) -> Itinerary:
    """Return ``itinerary`` if the independent checker passes it, else raise 422 saying why."""
    if len(itinerary.days) != itinerary.request.days:
        raise HTTPException(
            422,
            f"the itinerary has {len(itinerary.days)} day(s) but its request asks for "
            f"{itinerary.request.days}; send an itinerary as /api/plan returned it",
        )
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
