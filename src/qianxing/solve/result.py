"""The `Result` of a solver run."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING

from .check import feasible
from .timing import LUNCH, LUNCH_ON_THE_WAY, schedule

if TYPE_CHECKING:
    from .instance import Instance


@dataclass
class Result:
    """An itinerary plus run statistics.

    Parameters
    ----------
    instance
        The problem solved (kept so `is_feasible` needs no argument).
    tours
        One ``(hotel, v1, ..., hotel)`` list per trip, consecutive trips chained.
    seconds
        Wall-clock run time.
    iterations
        Search iterations (or branch-and-bound work units for the exact solver).
    optimal
        ``True`` only when the exact solver proved optimality.

    `score` and `travel` are computed from the instance and the tours.
    """

    instance: Instance = field(repr=False)
    tours: list[list[int]]
    seconds: float
    iterations: int
    optimal: bool = False

    @property
    def score(self) -> float:
        """Sum of the profits of the visited vertices (locked trips' visits included)."""
        profits: list[float] = self.instance.profits.tolist()
        total = []
        for tour in self.tours:
            trip = 0.0
            for v in tour[1:-1]:
                trip += profits[v]
            total.append(trip)
        return float(sum(total))

    @property
    def travel(self) -> float:
        """Total travel time of all trips (`Instance.travel`, the instance's time unit)."""
        times: list[list[float]] = self.instance.travel.tolist()
        total = []
        for tour in self.tours:
            trip = 0.0
            for a, b in pairwise(tour):
                trip += times[a][b]
            total.append(trip)
        return float(sum(total))

    def cost(self) -> float:
        """Negated score, for code that minimises."""
        return -self.score

    def objective(self) -> float:
        """The maximised value: ``score - travel_weight * travel`` less the shape penalty
        (`Instance.shape_penalty`: hotel changes, re-entries)."""
        return (
            self.score
            - self.instance.travel_weight * self.travel
            - self.instance.shape_penalty(self.tours)
        )

    def is_feasible(self) -> bool:
        """Whether the independent checker finds no violation."""
        return not feasible(self.instance, self.tours)

    def summary(self) -> str:
        """Multi-line human-readable description with the schedule of every trip."""
        lines = [
            f"score {self.score:g}, travel {self.travel:g}, {self.iterations} iterations, "
            f"{self.seconds:.2f} s" + (", optimal" if self.optimal else "")
        ]
        for d, tour in enumerate(self.tours):
            parts = []
            for v, _arrive, start, leave in schedule(self.instance, tour, d):
                name = "lunch" if v in (LUNCH, LUNCH_ON_THE_WAY) else str(v)
                span = f"{start:g}" if start == leave else f"{start:g}-{leave:g}"
                parts.append(f"{name}@{span}")
            lines.append(f"trip {d}: " + " -> ".join(parts))
        return "\n".join(lines)
