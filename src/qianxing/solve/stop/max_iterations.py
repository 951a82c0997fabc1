"""`MaxIterations`: stop after a number of iterations."""

from __future__ import annotations


class MaxIterations:
    """Stop after `max_iterations` iterations: the next call after that many returns ``True``.

    Parameters
    ----------
    max_iterations
        Iterations allowed, at least 0.

    Raises
    ------
    ValueError
        When `max_iterations` is negative.
    """

    def __init__(self, max_iterations: int) -> None:
        if max_iterations < 0:
            raise ValueError("max_iterations < 0 not understood")
        self.max_iterations = int(max_iterations)
        self._calls = 0

    def __call__(self, best_cost: float) -> bool:
        self._calls += 1
        return self._calls > self.max_iterations
