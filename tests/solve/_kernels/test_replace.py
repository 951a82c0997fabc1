"""Replacement of a visit by a more valuable one (`qianxing.solve._kernels.replace`)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from qianxing.solve import Instance, feasible
from qianxing.solve._state import Context, State
from qianxing.solve.insertion import insert_greedy, replace_pass
from qianxing.solve.inter import move_between
from qianxing.solve.intra import shorten

from .helpers import KINDS, filled, tours


@pytest.mark.parametrize(("seed", "kind"), itertools.product(range(4), range(len(KINDS))))
def test_moves_keep_the_state_valid_and_never_lose(seed: int, kind: int) -> None:
    """Shorten, moves between trips, then replacement: each keeps the state valid and never
    loses value."""
    st = filled(seed, KINDS[kind])
    inst = st.ctx.instance
    before_key = st.key()
    before = sorted(v for r in st.routes for v in r)
    for d in range(inst.num_days):
        shorten(st, d)
    assert sorted(v for r in st.routes for v in r) == before
    assert st.key() >= before_key
    key = st.key()
    move_between(st)
    assert sorted(v for r in st.routes for v in r) == before
    assert st.key() >= key
    value = st.value()
    replace_pass(st)
    assert st.value() >= value - 1e-6
    assert feasible(inst, tours(st)) == []
    visited = [v for r in st.routes for v in r]
    assert len(visited) == len(set(visited))
    assert set(np.flatnonzero(st.used).tolist()) == set(visited) | set(inst.hotels)


def test_replacement_takes_a_more_valuable_vertex() -> None:
    """One trip on a line holding the cheap vertex 2; vertex 3 sits at the same spot and is
    worth more, but the day is too short for both."""
    x = np.array([0.0, 10.0, 5.0, 5.0])
    inst = Instance(
        profits=np.array([0.0, 0.0, 1.0, 5.0]),
        service=np.array([0.0, 0.0, 2.0, 2.0]),
        travel=np.abs(x[:, None] - x[None, :]),
        hotels=(0, 1),
        start=0,
        end=1,
        day_limits=(13.0,),
    )
    st = State(Context(inst), [0, 1])
    st.add(0, 0, 2)
    st.refresh(0)
    assert replace_pass(st)
    assert st.routes == [[3]] and st.score() == 5.0
    assert not insert_greedy(st)  # 2 no longer fits beside 3
