"""Relocate and swap between trips (`qianxing.solve._kernels.between`)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from qianxing.solve import feasible
from qianxing.solve.inter import move_between
from qianxing.solve.intra import shorten

from .helpers import KINDS, filled, tours


@pytest.mark.parametrize(("seed", "kind"), itertools.product(range(4), range(len(KINDS))))
def test_moves_between_keep_the_visits_and_never_lose(seed: int, kind: int) -> None:
    """After shortening, moves between trips keep the visits, never lower the key and stay
    feasible."""
    st = filled(seed, KINDS[kind])
    inst = st.ctx.instance
    before = sorted(v for r in st.routes for v in r)
    for d in range(inst.num_days):
        shorten(st, d)
    key = st.key()
    move_between(st)
    assert sorted(v for r in st.routes for v in r) == before
    assert st.key() >= key
    assert feasible(inst, tours(st)) == []
    assert set(np.flatnonzero(st.used).tolist()) == set(before) | set(inst.hotels)
