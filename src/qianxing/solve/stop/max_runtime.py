"""`MaxRuntime`: stop after a wall-clock budget."""

from __future__ import annotations

from time import perf_counter


class MaxRuntime:
    """Stop once `max_runtime` seconds have passed since the clock started.

    `qianxing.solve.solve` starts the clock (`start`) when its search begins, after compiling
    the kernels, so the budget covers the whole search including its setup; otherwise the
    first call starts it. The setup's optional work (promotion rounds, elite sequences) also
    ends at the budget.

    Parameters
    ----------
    max_runtime
        Budget in seconds (wall clock), at least 0.

    Raises
    ------
    ValueError
        When `max_runtime` is negative or not a number.
    """

    def __init__(self, max_runtime: float) -> None:
        if not max_runtime >= 0:
            raise ValueError("max_runtime < 0 (or NaN) not understood")
        self.max_runtime = float(max_runtime)
        self._started: float | None = None

    def start(self) -> None:
        """Start (or restart) the clock now."""
        self._started = perf_counter()

    def deadline(self) -> float:
        """The `time.perf_counter` reading at which the budget runs out (starts the clock)."""
        if self._started is None:
            self.start()
        assert self._started is not None
        return self._started + self.max_runtime

    def __call__(self, best_cost: float) -> bool:
        deadline = self.deadline()
        return perf_counter() >= deadline
