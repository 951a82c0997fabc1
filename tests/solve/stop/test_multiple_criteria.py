"""Tests of `MultipleCriteria`."""

from __future__ import annotations

import pytest

from qianxing.solve import MaxIterations, MultipleCriteria, NoImprovement


def test_rejects_empty() -> None:
    """No criteria raises ValueError naming the argument."""
    with pytest.raises(ValueError, match="criteria"):
        MultipleCriteria([])


def test_stops_when_any_stops() -> None:
    """Stops as soon as the first of its criteria does."""
    stop = MultipleCriteria([MaxIterations(5), NoImprovement(2)])
    assert [stop(1.0) for _ in range(3)] == [False, False, True]
    stop = MultipleCriteria([MaxIterations(1), NoImprovement(10)])
    assert [stop(c) for c in (3.0, 2.0)] == [False, True]
