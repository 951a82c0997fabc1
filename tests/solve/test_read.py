"""Tests of the OPHS reader."""

from __future__ import annotations

import pytest

from qianxing.solve import read_ophs

from .helpers import read_path


def test_read_real_instance() -> None:
    """A benchmark file parses into the expected sizes, hotels and limits."""
    inst = read_ophs(read_path("64-45-1-2.ophs"))
    assert inst.num_vertices == 65
    assert inst.hotels == (0, 1, 2)
    assert inst.day_limits == pytest.approx((23.2133, 21.2169))
    assert inst.profits[:3].sum() == 0
    assert inst.travel[0, 1] == pytest.approx(14.0)  # (0,-7) to (0,7), not rounded


def test_read_tiny_by_hand() -> None:
    """The hand-checkable file has the distances one can compute on paper."""
    inst = read_ophs(read_path("tiny.ophs"))
    assert inst.travel[0, 3] == pytest.approx(3.0)
    assert list(inst.profits) == [0, 0, 5, 5]


@pytest.mark.parametrize(
    "name",
    [
        "BadHeader.ophs",
        "Empty.ophs",
        "MissingVertexLines.ophs",
        "NonNumericTmax.ophs",
        "NonNumericVertex.ophs",
        "NonZeroHotelScore.ophs",
        "ShortVertexLine.ophs",
        "WrongTripLimitCount.ophs",
    ],
)
def test_bad_file_raises(name: str) -> None:
    """Each malformed file raises ValueError."""
    with pytest.raises(ValueError):
        read_ophs(read_path(name))
