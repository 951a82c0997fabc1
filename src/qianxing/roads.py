"""Driving distance and time between two places, from a model fitted on sourced samples.

The *road model* turns great-circle km into road km (× factor) and minutes (overhead + km /
speed), fitted by least squares on the cited ``roads.yaml`` samples. Every third sample is
held out and only scored (`qianxing data report`), so the reported error is on figures the
model never saw. (A sparse network of sourced segments, issue 12, would replace the model
where it fails: mountain roads and town hops; the sourced segments are not yet good enough.)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .data.atlas import Atlas
from .data.facts import resolve
from .data.place import Place
from .data.schema import RoadSample
from .geo import great_circle_km

DEFAULT_FACTOR, DEFAULT_SPEED, DEFAULT_OVERHEAD = 1.35, 55.0, 10.0
MAX_SPEED_KMH = 100.0
"""The fitted average road speed is bounded by this: Guizhou's expressways are limited to
100-120 km/h and the samples mix them with mountain roads, so a faster fit (a few samples and
a free overhead) is not physical; the overhead is then refitted at this speed."""


@dataclass(frozen=True)
class RoadModel:
    """Road distance and driving time from great-circle distance, with its calibration error."""

    factor: float
    speed_kmh: float
    overhead_min: float
    samples: int
    mape_km: float | None
    mape_minutes: float | None
    held_out: int = 0  # validation samples, never fitted on
    held_out_mape_km: float | None = None
    held_out_mape_minutes: float | None = None

    def km(self, a: Place, b: Place) -> float:
        return float(self.factor * great_circle_km(a.lat, a.lon, b.lat, b.lon))

    def minutes(self, road_km: float) -> float:
        if road_km <= 0:
            return 0.0
        return self.overhead_min + road_km / self.speed_kmh * 60.0


HOLD_OUT_EVERY = 3
"""Of the samples with a cited distance (or time) sorted by (from, to), every third (the 3rd,
6th, ...) is kept apart as the validation set for that figure: the model is fitted on the rest
and its error on the held-out ones is reported (`qianxing data report`)."""


def _mape(predicted: np.ndarray, cited: np.ndarray) -> float | None:
    if len(cited) == 0:
        return None
    return float(np.mean(np.abs(predicted - cited) / cited)) * 100


Pairs = list[tuple[float, float]]


def split(atlas: Atlas, field: str) -> tuple[list[RoadSample], list[RoadSample]]:
    """The samples with a cited ``field`` (km or minutes) to fit on, and the held-out ones:
    every `HOLD_OUT_EVERY`-th of them in (from, to) order, so each field keeps a validation
    set however many samples the pack has."""
    cited = [
        s
        for s in sorted(atlas.pack.roads, key=lambda s: (s.from_, s.to))
        if _usable(atlas, s, field)
    ]
    fit = [s for k, s in enumerate(cited, start=1) if k % HOLD_OUT_EVERY]
    held = [s for k, s in enumerate(cited, start=1) if not k % HOLD_OUT_EVERY]
    return fit, held


def _usable(atlas: Atlas, s: RoadSample, field: str) -> bool:
    a, b = atlas.places.get(s.from_), atlas.places.get(s.to)
    if a is None or b is None:
        return False
    return (
        great_circle_km(a.lat, a.lon, b.lat, b.lon) >= 1 and not resolve(getattr(s, field)).estimate
    )


def _samples(atlas: Atlas, field: str) -> tuple[Pairs, Pairs]:
    """(great-circle km, cited value) of the cited samples of one field: (fit, held out)."""
    fit, held = split(atlas, field)
    return _pairs(atlas, fit, field), _pairs(atlas, held, field)


def _pairs(atlas: Atlas, samples: list[RoadSample], field: str) -> Pairs:
    out: Pairs = []
    for s in samples:
        a, b = atlas.places[s.from_], atlas.places[s.to]
        d = great_circle_km(a.lat, a.lon, b.lat, b.lon)
        out.append((d, float(resolve(getattr(s, field)).value)))
    return out


def calibrate(atlas: Atlas) -> RoadModel:
    """Fit the road model on the cited ``roads.yaml`` samples (estimates are never fitted on).

    The distance factor is fitted on samples with a cited distance, the speed and overhead on
    samples with a cited driving time (the speed at most `MAX_SPEED_KMH`), leaving every
    third sample out (`HOLD_OUT_EVERY`); defaults (themselves an estimate) apply with fewer
    than three samples. Errors are mean absolute percentage errors on the fitted samples and,
    separately, on the held-out ones.
    """
    km_fit, km_held = _samples(atlas, "km")
    min_fit, min_held = _samples(atlas, "minutes")
    if len(km_fit) < 3 or len(min_fit) < 3:
        n = min(len(km_fit), len(min_fit))
        return RoadModel(DEFAULT_FACTOR, DEFAULT_SPEED, DEFAULT_OVERHEAD, n, None, None)
    g, k = (np.array(c) for c in zip(*km_fit, strict=True))
    factor = float((g @ k) / (g @ g))
    gm, m = (np.array(c) for c in zip(*min_fit, strict=True))
    road = factor * gm
    slope, overhead = np.polyfit(road, m, 1, w=1.0 / m)  # relative errors count equally
    if slope < 60.0 / MAX_SPEED_KMH:  # faster than any road average here: refit the overhead
        slope = 60.0 / MAX_SPEED_KMH
        w = 1.0 / m**2
        overhead = float(np.sum(w * (m - slope * road)) / np.sum(w))
    overhead = float(min(max(overhead, 0.0), 30.0))
    speed = 60.0 / float(slope) if slope > 0 else DEFAULT_SPEED

    def minutes(gc: np.ndarray) -> np.ndarray:
        return overhead + factor * gc / speed * 60

    held_km = np.array(km_held).reshape(-1, 2)
    held_min = np.array(min_held).reshape(-1, 2)
    return RoadModel(
        factor,
        speed,
        overhead,
        len(km_fit) + len(min_fit),
        _mape(factor * g, k),
        _mape(minutes(gm), m),
        len(km_held) + len(min_held),
        _mape(factor * held_km[:, 0], held_km[:, 1]),
        _mape(minutes(held_min[:, 0]), held_min[:, 1]),
    )


def road_figures(road: RoadModel) -> dict[str, object]:
    """The road model and its errors as `qianxing data report` prints them."""

    def pct(x: float | None) -> float | None:
        return None if x is None else round(x, 1)

    return {
        "samples": road.samples,
        "held_out_samples": road.held_out,
        "factor": round(road.factor, 3),
        "speed_kmh": round(road.speed_kmh, 1),
        "overhead_min": round(road.overhead_min, 1),
        "mape_km_percent": pct(road.mape_km),
        "mape_minutes_percent": pct(road.mape_minutes),
        "held_out_mape_km_percent": pct(road.held_out_mape_km),
        "held_out_mape_minutes_percent": pct(road.held_out_mape_minutes),
        "method": "road km = factor x great-circle km; minutes = overhead + km/speed; least "
        "squares on relative error over the cited (non-estimate) samples of roads.yaml, every "
        f"{HOLD_OUT_EVERY}rd held out; error = mean absolute percentage error, on the fitted "
        "samples and on the held-out ones",
    }
