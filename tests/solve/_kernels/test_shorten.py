"""2-opt and relocate within a trip (`qianxing.solve._kernels.shorten`)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from qianxing.solve import feasible
from qianxing.solve.intra import shorten

from .helpers import KINDS, filled, tours


@pytest.mark.parametrize(("seed", "kind"), itertools.product(range(4), range(len(KINDS))))
def test_shorten_keeps_the_visits_and_never_loses(seed: int, kind: int) -> None:
    """Shortening every trip keeps its visits, never lowers the key and stays feasible."""
    st = filled(seed, KINDS[kind])
    inst = st.ctx.instance
    before_key = st.key()
    before = sorted(v for r in st.routes for v in r)
    for d in range(inst.num_days):
        shorten(st, d)
    assert sorted(v for r in st.routes for v in r) == before
    assert st.key() >= before_key
    assert feasible(inst, tours(st)) == []
    assert set(np.flatnonzero(st.used).tolist()) == set(before) | set(inst.hotels)
