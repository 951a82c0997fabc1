"""Shared helpers for the optimizer tests: data paths and a random instance generator."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from qianxing.solve import (
    Instance,
    MaxIterations,
    MaxRuntime,
    MultipleCriteria,
    NoImprovement,
    StoppingCriterion,
)

DATA = Path(__file__).parent / "data"


def read_path(name: str) -> Path:
    """Path of a file in ``tests/solve/data``."""
    return DATA / name


def stop(
    instance: Instance,
    seconds: float,
    *,
    iterations: int | None = None,
    patience: int | None = None,
) -> StoppingCriterion:
    """`seconds` of wall clock, `patience` idle iterations (default ``40 + 20 * n``, enough
    for small instances to end before the clock) and optionally `iterations` in all."""
    if patience is None:
        patience = 40 + 20 * instance.num_vertices
    criteria: list[StoppingCriterion] = [MaxRuntime(seconds), NoImprovement(patience)]
    if iterations is not None:
        criteria.append(MaxIterations(iterations))
    return MultipleCriteria(criteria)


def random_instance(
    seed: int,
    *,
    n: int = 11,
    hotels: int = 3,
    days: int = 2,
    windows: bool = False,
    lunch: bool = False,
    mandatory: int = 0,
    travel_weight: float = 0.0,
    meal: int = 0,
    road: float | None = None,
    penalty: bool = False,
    latest: bool = False,
) -> Instance:
    """Small random real-world-like instance (minutes, day starts at 08:00)."""
    rng = np.random.default_rng(seed)
    xy = rng.uniform(0, 60, size=(n, 2))
    travel = np.sqrt(((xy[:, None] - xy[None]) ** 2).sum(-1)) * rng.uniform(1.0, 1.3, (n, n))
    times = travel
    if penalty:  # some journeys slowed in `travel` only, as the planner steers the search
        travel = travel + rng.choice([0.0, 0.0, 40.0], size=(n, n))
    last = None
    if latest:  # a fifth of the journeys have a last service, mid-day to late afternoon
        last = np.where(rng.random((n, n)) < 0.2, rng.uniform(600, 900, (n, n)), np.inf)
    profits = rng.integers(1, 10, n).astype(float)
    profits[:hotels] = 0
    service = rng.integers(20, 90, n).astype(float)
    service[:hotels] = 0
    win = None
    if windows:
        win = np.empty((days, n, 2))
        win[:, :, 0] = rng.choice([480, 540, 600], size=(days, n))
        win[:, :, 1] = rng.choice([900, 960, 1020], size=(days, n))
        win[rng.random((days, n)) < 0.1] = (1, 0)  # closed that day
    customers = list(range(hotels, n))
    must = frozenset(int(v) for v in rng.choice(customers, size=mandatory, replace=False))
    inside = frozenset(int(v) for v in rng.choice(customers, size=meal, replace=False))
    return Instance(
        profits=profits,
        service=service,
        travel=travel,
        hotels=tuple(range(hotels)),
        start=0,
        end=1,
        day_limits=tuple([420.0] * days),
        day_starts=tuple([480.0] * days),
        travel_limits=None if road is None else tuple([road] * days),
        road=times if penalty else None,
        latest=last,
        windows=win,
        mandatory=must,
        lunch=(690.0, 780.0, 45.0) if lunch else None,
        meal_inside=inside,
        travel_weight=travel_weight,
    )
