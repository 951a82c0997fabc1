"""Tests of `MaxRuntime`."""

from __future__ import annotations

import time

import pytest

from qianxing.solve import MaxRuntime


@pytest.mark.parametrize("seconds", [-1.0, float("nan")])
def test_rejects_bad_budget(seconds: float) -> None:
    """A negative or NaN budget raises ValueError naming the argument."""
    with pytest.raises(ValueError, match="max_runtime"):
        MaxRuntime(seconds)


def test_stops_after_budget() -> None:
    """The first call starts the clock; calls stop once the budget has passed."""
    stop = MaxRuntime(0.05)
    assert not stop(0.0)
    time.sleep(0.06)
    assert stop(0.0)


def test_zero_budget_stops_at_once() -> None:
    """A zero budget stops on the first call."""
    assert MaxRuntime(0)(1.0)


def test_start_restarts_clock() -> None:
    """`start` restarts the clock, and `deadline` is the start plus the budget."""
    stop = MaxRuntime(0.05)
    stop(0.0)
    time.sleep(0.06)
    stop.start()
    assert not stop(0.0)
    assert stop.deadline() == pytest.approx(time.perf_counter() + 0.05, abs=0.05)
