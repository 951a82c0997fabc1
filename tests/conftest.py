"""Shared fixtures: the bundled atlas and a reference plan, built once per session."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

from qianxing.data.atlas import Atlas, load_atlas
from qianxing.model import Itinerary, Request
from qianxing.plan import plan

# Property tests are reproducible by default (CI and every developer run draw the same cases);
# HYPOTHESIS_PROFILE=explore runs a longer, random exploration instead.
settings.register_profile("repeatable", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False, max_examples=500, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


@pytest.fixture(scope="session")
def atlas() -> Atlas:
    """The bundled Guizhou atlas."""
    return load_atlas()


@pytest.fixture(scope="session")
def six_day_plan() -> Itinerary:
    """The seed user's trip: 6 days in October, Guiyang to Guiyang."""
    return plan(Request(days=6, month=10, arrive="贵阳", depart="贵阳"))
