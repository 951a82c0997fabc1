"""Shared instances and states for the kernel tests."""

from __future__ import annotations

from qianxing.solve import Instance
from qianxing.solve._state import Context, State
from qianxing.solve.insertion import insert_greedy

from ..helpers import random_instance

KINDS = [
    {},
    {"windows": True},
    {"lunch": True},
    {"windows": True, "lunch": True, "meal": 3},
    {"windows": True, "lunch": True, "travel_weight": 0.05},
    {"windows": True, "lunch": True, "road": 110.0},  # a cap on each day's travel that binds
    {"windows": True, "lunch": True, "latest": True},  # journeys with a last service
]


def instance(seed: int, kind: dict[str, object]) -> Instance:
    """Random 14-vertex, 3-day instance of one of the `KINDS`."""
    return random_instance(seed, n=14, hotels=3, days=3, **kind)  # type: ignore[arg-type]


def filled(seed: int, kind: dict[str, object]) -> State:
    """A state on hotels 0, 2, 1, 1 filled by greedy insertion."""
    ctx = Context(instance(seed, kind))
    st = State(ctx, [0, 2, 1, 1])
    insert_greedy(st, max_checks=10**6)
    return st


def tours(st: State) -> list[list[int]]:
    """The state's trips as tours."""
    return [st.tour(d) for d in range(st.ctx.days)]
