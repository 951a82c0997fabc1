"""The written rule that turns a fact's observations into one value, a range and a warning.

Rule (also in docs/data.md, "Resolution rule"). Every observation has an *evidence date*: the
date its source states or, for an undated source (``dated: false``), the day we saw it (or an
earlier day its content shows it can be no newer). Evidence is *current* when its date is at
most three years before today.

1. Rank by source kind: ``official`` > ``reference`` > ``report`` > ``estimate``. An estimate
   therefore never beats a cited value, and an official value beats a report whatever the dates.
2. Within a kind, current evidence comes before older evidence. Among current observations a
   stated date comes before a seen date (a page that states a date within three years is known
   to be current; one seen in that time may have been written long before), then the newest
   evidence date wins. Among older observations the newest evidence date wins, a stated date
   first on the same day. So an undated page seen this year beats a page dated ten years ago.
3. Seasons: a value that carries ``months`` (or a ``season`` other than ``all``, such as
   ``holiday``) holds only then. Resolved for a month, only observations that hold in that
   month (listing it, or all-year) are candidates, and on a tie a value for that month comes
   before an all-year one. Resolved for the whole year, all-year values come before seasonal
   ones of the same kind. Remaining ties keep the file's order (the first listed wins).
4. Numeric facts get a range (lowest, highest) over the non-estimate candidates that *overlap*
   the winner (claim a value for at least one common month, and the same named season if
   either has one), so a reader sees what other sources said.
5. The fact is flagged *check before you go* when (a) the winner is an estimate, (b) the
   winner's evidence date is more than three years old, or (c) the cited observations
   *conflict*: among the non-estimate candidates of the winning kind with current evidence
   that overlap the winner, numbers differ by more than 10 % (highest > 1.1 × lowest),
   coordinates lie more than 1 km apart, or other values differ (notes aside). A peak and an
   off-season price never conflict; an all-year price and a seasonal one can.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from ..geo import great_circle_km, to_wgs84
from .schema import Observation

T = TypeVar("T")
CURRENT_YEARS = 3
"""Evidence older than this many years is flagged, and ranks after current evidence."""
CONFLICT_RATIO = 1.10
"""Numbers of the winning kind conflict when the highest exceeds the lowest by more than 10 %."""
_RANK = {"official": 0, "reference": 1, "report": 2, "estimate": 3}
_ALL_YEAR: tuple[frozenset[int] | None, str | None] = (None, None)


@dataclass(frozen=True)
class Resolved(Generic[T]):
    """One fact after the rule: the value used, where it came from, and how sure we are.

    ``date`` is the winner's evidence date; ``dated`` says whether its source states it.
    """

    value: T
    source: str
    date: dt.date
    kind: str
    method: str | None
    low: float | None
    high: float | None
    disagree: bool
    stale: bool
    observations: tuple[Observation[T], ...]
    dated: bool = True
    seen: dt.date | None = None
    month: int | None = None
    compared: tuple[Observation[T], ...] = ()
    """The observations the conflict test compares (cited, winning kind, current, overlapping)."""

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
            "dated": self.dated,
            "kind": self.kind,
            "estimate": self.estimate,
            "check_before_you_go": self.check,
        }
        if self.seen is not None:
            out["seen"] = self.seen.isoformat()
        if self.month is not None:
            out["month"] = self.month
        if self.method:
            out["method"] = self.method
        if self.low is not None and self.high is not None and self.low != self.high:
            out["range"] = [self.low, self.high]
        return out


def current_since(today: dt.date, years: int = CURRENT_YEARS) -> dt.date:
    """The oldest evidence date that still counts as current on ``today``."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def _scope(value: Any) -> tuple[frozenset[int] | None, str | None]:
    """The season a value holds in: its ``months`` and a ``season`` other than ``all``."""
    if not isinstance(value, dict):
        return _ALL_YEAR
    months = value.get("months")
    season = value.get("season")
    return (
        frozenset(months) if months else None,
        season if season not in (None, "all") else None,
    )


def _overlap(
    a: tuple[frozenset[int] | None, str | None], b: tuple[frozenset[int] | None, str | None]
) -> bool:
    """Whether two seasons share a month (and the same named season, if either has one)."""
    (am, aseason), (bm, bseason) = a, b
    months = am is None or bm is None or bool(am & bm)
    return months and aseason == bseason


def holds_in(o: Observation[Any], month: int) -> bool:
    """Whether an observation's value holds in ``month`` (1-12): all-year or listing it."""
    months, season = _scope(o.value)
    return season is None and (months is None or month in months)


def _covers(c: Observation[Any], e: Observation[Any]) -> bool:
    """Whether ``c`` is a candidate wherever ``e`` is: it holds in every month and named season
    that ``e`` holds in, and, when ``e`` places a town at its centre, so does ``c``."""
    (cm, cseason), (em, eseason) = _scope(c.value), _scope(e.value)
    if cseason != eseason:
        return False
    if cm is not None and (em is None or not em <= cm):
        return False
    return not (_role(e) == CENTRE and _role(c) != CENTRE)


def _role(o: Observation[Any]) -> Any:
    return o.value.get("role") if isinstance(o.value, dict) else None


def superseded(observations: Sequence[Observation[T]]) -> list[int]:
    """The positions of the estimates that a cited observation of the same fact supersedes.

    An estimate is our stand-in where nothing citable exists, not an observation of the
    world. Once a cited observation holds wherever the estimate holds (every month and named
    season it claims; a town's centre when it is one), the estimate can never be resolved
    (rule 1: it ranks after every cited candidate), nor enter a range or a conflict test
    (those use cited observations only): it is removed from the pack (``docs/data.md``,
    "Superseded estimates"), and ``qianxing data check`` reports one that is left.
    """
    cited = [o for o in observations if o.kind != "estimate"]
    return [
        i
        for i, e in enumerate(observations)
        if e.kind == "estimate" and any(_covers(c, e) for c in cited)
    ]


def _canon(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return tuple(sorted((k, _canon(v)) for k, v in value.items() if k != "note"))
    if isinstance(value, list):
        return tuple(_canon(v) for v in value)
    return value


def _number(v: Any) -> float | None:
    return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None


def _conflict(compared: Sequence[Observation[Any]], pick: Callable[[Any], float | None]) -> bool:
    nums = [pick(o.value) for o in compared]
    if nums and all(n is not None for n in nums):
        lo, hi = min(n for n in nums if n is not None), max(n for n in nums if n is not None)
        return hi > lo * CONFLICT_RATIO if lo > 0 else hi != lo
    return len({_canon(o.value) for o in compared}) > 1


def resolve(
    observations: Sequence[Observation[T]],
    *,
    today: dt.date | None = None,
    number: Callable[[Any], float | None] | None = None,
    month: int | None = None,
) -> Resolved[T]:
    """Apply the rule to ``observations``.

    Parameters
    ----------
    observations
        A fact's observations (at least one).
    today
        The date against which evidence is current or old; today's date by default.
    number
        Extracts the number a range is made of and conflicts are measured on (e.g. a
        ticket's full price); by default the value itself when it is a number.
    month
        Resolve for this month (1-12): only values that hold in it (all-year or listing it
        in ``months``) are candidates, unless none does. None resolves for the whole year.
    """
    if not observations:
        raise ValueError("observations is empty")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"month must be 1..12, not {month}")
    today = today or dt.date.today()
    since = current_since(today)
    pool = list(observations)
    if month is not None:
        pool = [o for o in pool if holds_in(o, month)] or pool

    def order(o: Observation[T]) -> tuple[int, ...]:
        recent = o.date >= since
        general = _scope(o.value) == _ALL_YEAR
        return (
            _RANK[o.kind],
            int(month is None and not general),
            int(not recent),
            int(recent and not o.dated),
            -o.date.toordinal(),
            int(not o.dated),
            int(month is not None and general),
        )

    best = min(pool, key=order)  # min keeps the first of equals: the file's order
    pool = [o for o in pool if _overlap(_scope(o.value), _scope(best.value))]
    cited = [o for o in pool if o.kind != "estimate"]
    compared = [o for o in cited if o.kind == best.kind and o.date >= since]
    pick = number or _number
    nums = [n for n in (pick(o.value) for o in cited) if n is not None]
    low, high = (min(nums), max(nums)) if nums else (None, None)
    return Resolved(
        value=best.value,
        source=best.source,
        date=best.date,
        kind=best.kind,
        method=best.method,
        low=low,
        high=high,
        disagree=_conflict(compared, pick),
        stale=best.kind != "estimate" and best.date < since,
        observations=tuple(observations),
        dated=best.dated,
        seen=best.seen,
        month=month,
        compared=tuple(compared),
    )


def key_number(key: str) -> Callable[[Any], float | None]:
    """Extracts ``value[key]`` when it is a number (e.g. a ticket's ``full`` price)."""

    def pick(v: Any) -> float | None:
        return _number(v.get(key)) if isinstance(v, dict) else None

    return pick


NUMBER_KEYS = {"ticket": "full", "price": "low", "charter_day": "low"}
"""The number a fact's range and conflict test use, for facts whose value is a record."""
SEPARATE_REPORTS = frozenset({"sources"})
"""Facts whose observations are separate reports in our words (a pitfall's sources): they
support one another and are never compared for conflict."""


def resolve_fact(
    name: str,
    observations: Sequence[Observation[T]],
    *,
    today: dt.date | None = None,
    month: int | None = None,
) -> Resolved[T]:
    """:func:`resolve` with the number extractor of the fact called ``name`` (see
    ``NUMBER_KEYS``); coordinates are compared as in :func:`resolve_coord`."""
    if name == "coord":
        return resolve_coord(observations, today or dt.date.today())[2]
    key = NUMBER_KEYS.get(name)
    r = resolve(observations, today=today, number=key_number(key) if key else None, month=month)
    if name in SEPARATE_REPORTS:
        return dataclasses.replace(r, disagree=False)
    return r


CENTRE = "centre"
"""The ``role`` of a coordinate observation that places a town at its centre."""
COORD_AGREE_KM = 1.0  # sources within this distance (after datum conversion) agree


def _wgs(o: Observation[Any]) -> tuple[float, float]:
    lat, lon = float(o.value["lat"]), float(o.value["lon"])
    wlat, wlon = to_wgs84(lat, lon, o.datum or "WGS84")
    return float(wlat), float(wlon)


def resolve_coord(
    obs: Sequence[Observation[T]], today: dt.date
) -> tuple[float, float, Resolved[T]]:
    """Resolve coordinates: compared in WGS84, conflicting only when over a kilometre apart.

    A town's point is where a visitor means by the town: observations marked ``role: centre``
    (``CENTRE``) are the only candidates when there are any, so a city whose encyclopaedia
    point is its government seat in a new district is placed at its old centre. The others
    are kept (and shown) but neither win nor count as a conflict."""
    centre = [o for o in obs if isinstance(o.value, dict) and o.value.get("role") == CENTRE]
    r = resolve(centre or obs, today=today)
    if centre:
        r = dataclasses.replace(r, observations=tuple(obs))
    best = next(o for o in obs if o.value == r.value and o.source == r.source)
    lat, lon = _wgs(best)
    points = [_wgs(o) for o in r.compared]
    spread = max((great_circle_km(*a, *b) for a in points for b in points), default=0.0)
    return lat, lon, dataclasses.replace(r, disagree=spread > COORD_AGREE_KM)
