"""Tests of `SolveParams`."""

from __future__ import annotations

import dataclasses

import pytest

from qianxing.solve import SolveParams


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("threshold", -0.1),
        ("threshold", 1.0),
        ("reset_after", 0),
        ("restart_after", 0),
        ("starts", 0),
        ("elite_candidates", 0),
        ("elite_size", 0),
        ("reach_beam", -1),
    ],
)
def test_rejects_out_of_range(field: str, value: float) -> None:
    """An out-of-range setting raises ValueError naming it."""
    with pytest.raises(ValueError, match=field):
        SolveParams(**{field: value})  # type: ignore[arg-type]


def test_frozen() -> None:
    """Parameters cannot be changed after construction."""
    params = SolveParams()
    with pytest.raises(dataclasses.FrozenInstanceError):
        params.threshold = 0.5  # type: ignore[misc]
