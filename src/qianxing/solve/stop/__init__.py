"""Stopping criteria for `qianxing.solve.solve`, one per module."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .max_iterations import MaxIterations as MaxIterations
from .max_runtime import MaxRuntime as MaxRuntime
from .multiple_criteria import MultipleCriteria as MultipleCriteria
from .no_improvement import NoImprovement as NoImprovement
from .stopping_criterion import StoppingCriterion as StoppingCriterion

if TYPE_CHECKING:
    from collections.abc import Iterator


def _clocks(stop: StoppingCriterion) -> Iterator[MaxRuntime]:
    if isinstance(stop, MaxRuntime):
        yield stop
    elif isinstance(stop, MultipleCriteria):
        for crit in stop.criteria:
            yield from _clocks(crit)


def start_clocks(stop: StoppingCriterion) -> float:
    """Start the clock of every `MaxRuntime` in `stop` (nested in `MultipleCriteria` too) and
    return the earliest deadline (`time.perf_counter` seconds; ``inf`` when there is none).

    `qianxing.solve.solve` calls this when its search begins: the budget covers the setup, and
    the setup's optional work stops at the deadline.
    """
    deadline = float("inf")
    for clock in _clocks(stop):
        clock.start()
        deadline = min(deadline, clock.deadline())
    return deadline
