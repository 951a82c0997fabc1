"""Shared fixtures: the bundled atlas and a reference plan, built once per session."""

from __future__ import annotations

import pytest

from qianxing.data.atlas import Atlas, load_atlas
from qianxing.model import Itinerary, Request
from qianxing.plan import plan


@pytest.fixture(scope="session")
def atlas() -> Atlas:
    """The bundled Guizhou atlas."""
    return load_atlas()


@pytest.fixture(scope="session")
def six_day_plan() -> Itinerary:
    """The seed user's trip: 6 days in October, Guiyang to Guiyang."""
    return plan(Request(days=6, month=10, arrive="贵阳", depart="贵阳"))
