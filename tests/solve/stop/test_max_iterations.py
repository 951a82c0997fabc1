"""Tests of `MaxIterations`."""

from __future__ import annotations

import pytest

from qianxing.solve import MaxIterations


def test_rejects_negative() -> None:
    """A negative count raises ValueError naming the argument."""
    with pytest.raises(ValueError, match="max_iterations"):
        MaxIterations(-1)


@pytest.mark.parametrize("n", [0, 1, 5])
def test_stops_after_n_iterations(n: int) -> None:
    """The call after `n` iterations (call ``n + 1``) is the first to stop."""
    stop = MaxIterations(n)
    assert [stop(0.0) for _ in range(n + 2)] == [False] * n + [True, True]
