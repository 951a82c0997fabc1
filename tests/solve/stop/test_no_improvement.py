"""Tests of `NoImprovement`."""

from __future__ import annotations

import pytest

from qianxing.solve import NoImprovement


def test_rejects_negative() -> None:
    """A negative count raises ValueError naming the argument."""
    with pytest.raises(ValueError, match="max_iterations"):
        NoImprovement(-1)


def test_zero_stops_at_once() -> None:
    """Zero patience stops on the first call."""
    assert NoImprovement(0)(5.0)


def test_counts_idle_iterations() -> None:
    """Stops after `n` calls without a lower cost; a lower cost resets the count."""
    stop = NoImprovement(2)
    assert not stop(10.0)  # first value is an improvement
    assert not stop(10.0)
    assert not stop(9.0)  # improvement resets
    assert not stop(9.0)
    assert stop(9.5)  # worse counts as idle
