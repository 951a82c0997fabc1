"""Domain exceptions raised by the optimizer."""

from __future__ import annotations

from typing import Literal

Reason = Literal[
    "locked-conflict",
    "locked-infeasible",
    "no-hotel-sequence",
    "mandatory-not-visitable",
    "mandatory-over-cap",
    "mandatory-fits-nowhere",
    "mandatory-not-combined",
    "no-feasible-itinerary",
]
"""Why an instance is infeasible: callers map these codes to their users' words, so the
solver's own message (which names vertices and trips) never needs to be parsed."""


class InfeasibleInstanceError(ValueError):
    """No itinerary can satisfy the hard constraints (mandatory visits, locked trips, ...).

    Carries a machine-readable `reason` and the `vertices` (and `trips`) involved, so a
    caller can explain the failure in its own terms. Subclasses `ValueError` so callers that
    only guard against bad input still catch it.
    """

    def __init__(
        self,
        message: str,
        *,
        reason: Reason,
        vertices: tuple[int, ...] = (),
        trips: tuple[int, ...] = (),
    ) -> None:
        super().__init__(message)
        self.reason: Reason = reason
        self.vertices = vertices
        self.trips = trips
