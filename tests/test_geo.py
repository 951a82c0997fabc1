"""Datum conversion and distances."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qianxing.geo import from_wgs84, great_circle_km, to_wgs84


@given(st.floats(24.6, 29.2), st.floats(103.6, 109.6), st.sampled_from(["GCJ-02", "BD-09"]))
def test_round_trip(lat: float, lon: float, datum: str) -> None:
    """WGS84 -> offset datum -> WGS84 returns within a metre."""
    back = to_wgs84(*from_wgs84(lat, lon, datum), datum)
    assert great_circle_km(lat, lon, *back) < 0.001


@pytest.mark.parametrize("datum", ["GCJ-02", "BD-09"])
def test_offset_is_real(datum: str) -> None:
    """Offset datums differ from WGS84 by hundreds of metres here, so conversion matters."""
    lat, lon = 26.58, 106.71
    assert 0.1 < great_circle_km(lat, lon, *from_wgs84(lat, lon, datum)) < 2.0


def test_unknown_datum() -> None:
    """An unknown datum is refused by name."""
    with pytest.raises(ValueError, match="datum"):
        to_wgs84(26.0, 106.0, "WGS72")


def test_great_circle_known_distance() -> None:
    """Guiyang to Kaili is about 145 km as the crow flies (sanity of the haversine)."""
    assert 130 < great_circle_km(26.647, 106.630, 26.566, 107.981) < 150


@pytest.mark.parametrize("datum", ["GCJ-02", "BD-09"])
@pytest.mark.parametrize(("lat", "lon"), [(0.0, 0.0), (51.5, -0.1), (-90.0, 180.0)])
def test_outside_china_unchanged(datum: str, lat: float, lon: float) -> None:
    """Outside China there is no offset: the point comes back as it is, with no warning."""
    assert from_wgs84(lat, lon, datum) == (lat, lon)
