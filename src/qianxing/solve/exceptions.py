"""Domain exceptions raised by the optimizer."""

from __future__ import annotations


class InfeasibleInstanceError(ValueError):
    """No itinerary can satisfy the hard constraints (mandatory visits, locked trips, ...).

    Subclasses `ValueError` so callers that only guard against bad input still catch it.
    """
