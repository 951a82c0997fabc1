"""The export dispatcher: every format renders, unknown formats are refused by name."""

from __future__ import annotations

import json

import pytest

from qianxing.model import Itinerary
from qianxing.render import EXPORT_FORMATS, export


def test_formats_listed() -> None:
    """EXPORT_FORMATS names exactly the six supported formats."""
    assert set(EXPORT_FORMATS) == {"md", "html", "ics", "gpx", "geojson", "json"}


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_each_format_renders(six_day_plan: Itinerary, fmt: str) -> None:
    """Each format returns non-empty text and a media type."""
    content, media = export(six_day_plan, fmt)
    assert content.strip() and "/" in media


def test_json_round_trips(six_day_plan: Itinerary) -> None:
    """The JSON export validates back into an equal Itinerary (legs keep "from")."""
    content, media = export(six_day_plan, "json")
    assert media == "application/json"
    assert '"from"' in content
    assert Itinerary.model_validate(json.loads(content)) == six_day_plan


def test_unknown_format_named_in_error(six_day_plan: Itinerary) -> None:
    """An unknown format raises ValueError whose message names it."""
    with pytest.raises(ValueError, match="pdf"):
        export(six_day_plan, "pdf")
