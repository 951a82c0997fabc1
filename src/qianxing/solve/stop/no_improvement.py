"""`NoImprovement`: stop after iterations that do not improve the best itinerary."""

from __future__ import annotations


class NoImprovement:
    """Stop after `max_iterations` consecutive iterations without a lower `best_cost`.

    This is the search's patience over its *overall* best. It is independent of the restarts
    (`SolveParams.restart_after`), which end one run of the search when that run idles; a
    patience below ``restart_after`` stops before the first restart.

    Parameters
    ----------
    max_iterations
        Idle iterations allowed, at least 0 (0 stops at once).

    Raises
    ------
    ValueError
        When `max_iterations` is negative.
    """

    def __init__(self, max_iterations: int) -> None:
        if max_iterations < 0:
            raise ValueError("max_iterations < 0 not understood")
        self.max_iterations = int(max_iterations)
        self._target = float("inf")
        self._counter = 0

    def __call__(self, best_cost: float) -> bool:
        if best_cost < self._target:
            self._target = best_cost
            self._counter = 0
        else:
            self._counter += 1
        return self._counter >= self.max_iterations
