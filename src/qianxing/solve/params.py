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
    reach_beam
        When positive, the first diversifying restart starts from the best quick solution on
        the claim-aware hotel sequences (this many states per night and hotel) that reach one
        of the most valuable vertices the best itinerary misses (`heuristic._reach_start`).
        0 (off) keeps the restarts as benchmarked on the OPHS sets, where it moved 4 of 32
        results at 10 s, 2 up and 2 down by 5-6 points; the planner turns it on. At least 0.

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
    reach_beam: int = 0

    def __post_init__(self) -> None:
        if not 0 <= self.threshold < 1:
            raise ValueError("threshold must be in [0, 1)")
        for name in ("reset_after", "restart_after", "starts", "elite_candidates", "elite_size"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")
        if self.reach_beam < 0:
            raise ValueError("reach_beam must be at least 0")
