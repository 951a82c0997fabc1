"""The written rule that turns a fact's observations into one value, a range and a warning.

Rule (also in docs/data.md):

1. Rank observations by source kind: ``official`` > ``reference`` > ``report`` > ``estimate``;
   within a kind, dated observations come before undated ones (``dated: false``: the date is the
   day we saw it, which says nothing of its age), and the newest date wins. The winner's value is
   the value we plan with.
2. Numeric facts also get a range (lowest, highest) over every non-estimate observation, so a
   reader sees what other sources said.
3. The fact is flagged *check before you go* when its non-estimate observations disagree, when
   the winning observation is older than 18 months or undated, or when it is an estimate.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..geo import great_circle_km, to_wgs84
from .schema import Observation

STALE_AFTER = dt.timedelta(days=548)  # 18 months
_RANK = {"official": 0, "reference": 1, "report": 2, "estimate": 3}


@dataclass(frozen=True)
class Resolved:
    """One fact after the rule: the value used, where it came from, and how sure we are."""

    value: Any
    source: str
    date: dt.date
    kind: str
    method: str | None
    low: float | None
    high: float | None
    disagree: bool
    stale: bool
    observations: tuple[Observation[Any], ...]
    dated: bool = True
    seen: dt.date | None = None

    @property
    def estimate(self) -> bool:
        return self.kind == "estimate"

    @property
    def check(self) -> bool:
        """True when a traveller should re-check this fact before relying on it."""
        return self.disagree or self.stale or self.estimate

    def public(self) -> dict[str, Any]:
        """JSON-friendly provenance summary (value excluded; callers add it in context)."""
        out: dict[str, Any] = {
            "source": self.source,
            "date": self.date.isoformat(),
            "kind": self.kind,
            "estimate": self.estimate,
            "check_before_you_go": self.check,
        }
        if self.method:
            out["method"] = self.method
        if self.low is not None and self.high is not None and self.low != self.high:
            out["range"] = [self.low, self.high]
        return out


def _canon(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return tuple(sorted((k, _canon(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_canon(v) for v in value)
    return value


def resolve(
    observations: Sequence[Observation[Any]],
    *,
    today: dt.date | None = None,
    number: Callable[[Any], float | None] | None = None,
) -> Resolved:
    """Apply the rule to ``observations``.

    Parameters
    ----------
    observations
        A fact's observations (at least one).
    today
        The date against which staleness is judged; today's date by default.
    number
        Extracts the number a range is made of (e.g. a ticket's full price); by default
        the value itself when it is a number.
    """
    if not observations:
        raise ValueError("observations is empty")
    today = today or dt.date.today()
    ordered = sorted(observations, key=lambda o: (_RANK[o.kind], not o.dated, -o.date.toordinal()))
    best = ordered[0]
    cited = [o for o in observations if o.kind != "estimate"]
    pick = number or (lambda v: float(v) if isinstance(v, int | float) else None)
    nums = [n for n in (pick(o.value) for o in cited) if n is not None]
    low, high = (min(nums), max(nums)) if nums else (None, None)
    disagree = len({_canon(o.value) for o in cited}) > 1
    return Resolved(
        value=best.value,
        source=best.source,
        date=best.date,
        kind=best.kind,
        method=best.method,
        low=low,
        high=high,
        disagree=disagree,
        stale=best.kind != "estimate" and (not best.dated or today - best.date > STALE_AFTER),
        observations=tuple(observations),
        dated=best.dated,
        seen=best.seen,
    )


COORD_AGREE_KM = 1.0  # sources within this distance (after datum conversion) agree


def _wgs(o: Observation[Any]) -> tuple[float, float]:
    lat, lon = float(o.value["lat"]), float(o.value["lon"])
    wlat, wlon = to_wgs84(lat, lon, o.datum or "WGS84")
    return float(wlat), float(wlon)


def resolve_coord(obs: list[Observation[Any]], today: dt.date) -> tuple[float, float, Resolved]:
    """Resolve coordinates: compared in WGS84, disagreeing only when over a kilometre apart."""
    r = resolve(obs, today=today)
    best = next(o for o in obs if o.value == r.value and o.source == r.source)
    lat, lon = _wgs(best)
    cited = [_wgs(o) for o in obs if o.kind != "estimate"]
    spread = max((great_circle_km(*a, *b) for a in cited for b in cited), default=0.0)
    return lat, lon, dataclasses.replace(r, disagree=spread > COORD_AGREE_KM)
