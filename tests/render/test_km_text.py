"""The view model's small formatters."""

from __future__ import annotations

import pytest

from qianxing.render.view import km_text


@pytest.mark.parametrize(
    ("km", "text"),
    [(0.0, "<0.1 km"), (0.04, "<0.1 km"), (0.4, "0.4 km"), (2.44, "2.4 km"), (23.4, "23 km")],
)
def test_km_text(km: float, text: str) -> None:
    """A walk to a bed the pack places at the sight's own point (安顺古城 in 安顺) read
    "步行 0.0 km", which looks like a fault; it reads "<0.1 km"."""
    assert km_text(km) == text
