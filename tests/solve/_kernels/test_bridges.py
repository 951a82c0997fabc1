"""Bridge visits (`qianxing.solve._kernels.bridges`, `qianxing.solve.hotels.bridges`)."""

from __future__ import annotations

import pytest

from qianxing.solve._state import Context
from qianxing.solve.hotels import bridges
from qianxing.solve.timing import TripTimer

from .helpers import KINDS, instance


@pytest.mark.parametrize("kind", range(len(KINDS)))
@pytest.mark.parametrize("seed", range(3))
def test_bridges_are_the_brute_force_ones(kind: int, seed: int) -> None:
    """Every single visit that makes a trip feasible, earliest arrival first (then vertex),
    as the Python timer finds them, for every day and pair of hotels."""
    inst = instance(seed, KINDS[kind])
    ctx = Context(inst)
    timer = TripTimer(inst)
    found = 0
    for d in range(inst.num_days):
        for h in inst.hotels:
            for e in inst.hotels:
                want = sorted(
                    (end, v)
                    for v in range(inst.num_vertices)
                    if ctx.available[d, v]
                    and (end := timer.end(d, [h, v, e])) is not None
                )
                got = bridges(ctx, d, h, e)
                assert got == [v for _end, v in want]
                found += len(got)
    assert found
