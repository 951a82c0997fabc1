"""`MultipleCriteria`: stop when any of several criteria says so."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .stopping_criterion import StoppingCriterion


class MultipleCriteria:
    """Stop as soon as one of `criteria` does (they are asked in order; later ones are not
    asked once one says stop).

    Parameters
    ----------
    criteria
        At least one criterion.

    Raises
    ------
    ValueError
        When `criteria` is empty.
    """

    def __init__(self, criteria: Sequence[StoppingCriterion]) -> None:
        if len(criteria) == 0:
            raise ValueError("criteria must not be empty")
        self.criteria = list(criteria)

    def __call__(self, best_cost: float) -> bool:
        return any(crit(best_cost) for crit in self.criteria)
