"""The `StoppingCriterion` protocol: when the search should stop."""

from __future__ import annotations

from typing import Protocol


class StoppingCriterion(Protocol):  # pragma: no cover
    """Decides, once per search iteration, whether `qianxing.solve.solve` stops.

    A criterion is stateful (it counts iterations or starts a clock): give each solve its own.
    """

    def __call__(self, best_cost: float) -> bool:
        """Whether to stop now.

        Parameters
        ----------
        best_cost
            Cost of the best itinerary so far (the negated objective; lower is better). It
            decreases whenever the search improves its best itinerary.

        Returns
        -------
        bool
            ``True`` to stop.
        """
