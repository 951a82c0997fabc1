"""`SolveParams`: the iterated local search's tuning."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SolveParams:
    """Tuning of `qianxing.solve.solve` (the defaults are the benchmarked ones).

    Parameters
    ----------
    threshold
        Record-to-record acceptance: a candidate within this fraction of the run's best
        objective becomes the current itinerary. Candidates within twice it also get the
        (costlier) moves between trips. In [0, 1).
    reset_after
        Idle iterations of a run after which the search goes back to the run's best (and
        again after each further `reset_after`). At least 1.
    restart_after
        Idle iterations after which a run ends and the next starts, alternately from the best
        itinerary so far and from an elite hotel sequence or a noisy construction. At least 1.
    starts
        Greedy constructions compared for the first start. At least 1.
    elite_candidates
        Hotel sequences (best by estimate) given a quick solution when the search first
        restarts (`qianxing.solve.sequences`); short interactive runs can afford fewer than
        long ones. At least 1.
    elite_size
        Elite sequences kept for the restarts. At least 1.

    Raises
    ------
    ValueError
        When an argument is out of range (the message names it).
    """

    threshold: float = 0.01
    reset_after: int = 50
    restart_after: int = 100
    starts: int = 3
    elite_candidates: int = 40
    elite_size: int = 6

    def __post_init__(self) -> None:
        if not 0 <= self.threshold < 1:
            raise ValueError("threshold must be in [0, 1)")
        for name in ("reset_after", "restart_after", "starts", "elite_candidates", "elite_size"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")
