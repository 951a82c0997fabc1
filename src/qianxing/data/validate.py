"""`qianxing data check`: every rule a pack must satisfy beyond its schema.

Pydantic checks each record's shape; this module checks what spans records or needs
meaning: typed observation values, coordinates inside the region after datum conversion,
sane hours and prices, sourced-or-estimate facts, unique ids, unambiguous aliases and
references that resolve.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from ..geo import great_circle_km, to_wgs84
from .facts import resolve_coord, superseded
from .feedcheck import check_feed
from .pack import Pack, record_lines
from .schema import (
    Attraction,
    Base,
    Crowded,
    Effort,
    Fee,
    Hours,
    LatLon,
    Link,
    Observation,
    Reservation,
    RoadSample,
    Station,
    Ticket,
    Visit,
)

_SOURCE_PREFIXES = ("http://", "https://", "repo:", "notice:", "book:")


class _Range(BaseModel):
    low: float
    high: float
    season: str | None = None


class _Span(BaseModel):
    start: dt.date
    end: dt.date


class _Month(BaseModel):
    high: float
    low: float
    rain_days: float | None = None
    rain_mm: float | None = None


_VALUE_TYPES: dict[str, Any] = {
    "coord": LatLon,
    "hours": Hours,
    "ticket": Ticket,
    "fees": list[Fee],
    "reservation": Reservation,
    "crowded": Crowded,
    "visit": Visit,
    "effort": Effort,
    "altitude_m": float,
    "best_months": list[int],
    "price": _Range,
    "minutes": float,
    "fare": float,
    "km": float,
    "daily": float,
    "charter_day": _Range,
    "monthly": dict[int, _Month],
    "sources": str,
    "dates": _Span,
}
_ADAPTERS = {k: TypeAdapter(t) for k, t in _VALUE_TYPES.items()}


def norm(text: str) -> str:
    """Normalise a name or alias for matching: case, spaces, hyphens and dots folded."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _minutes(hhmm: str) -> int:
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


def _check_obs(where: str, name: str, obs: Iterable[Observation[Any]], today: dt.date) -> list[str]:
    out: list[str] = []
    adapter = _ADAPTERS.get(name)
    obs = list(obs)
    for i, o in enumerate(obs):
        tag = f"{where}: {name}[{i}]"
        if o.kind != "estimate" and not o.source.startswith(_SOURCE_PREFIXES):
            out.append(
                f"{tag}: source {o.source!r} is neither an address, repo:, notice: nor book:"
            )
        if o.date > today:
            out.append(f"{tag}: date {o.date} is in the future")
        if o.seen is not None and o.seen > today:
            out.append(f"{tag}: seen {o.seen} is in the future")
        if o.dated and o.note and "undated" in o.note.lower():
            out.append(f"{tag}: the note says undated: write dated: false and seen: the day read")
        if adapter is not None:
            try:
                adapter.validate_python(o.value)
            except ValidationError as exc:
                out.append(f"{tag}: value {o.value!r} malformed: {exc.errors()[0]['msg']}")
        if name == "coord" and o.datum is None:
            out.append(f"{tag}: coordinates need a datum (WGS84, GCJ-02 or BD-09)")
    out += [
        f"{where}: {name}[{i}]: an estimate that a cited observation supersedes (it holds "
        "wherever the estimate does): remove it (docs/data.md, 'Superseded estimates'; "
        "scripts/superseded.py --fix)"
        for i in superseded(obs)
    ]
    return out


def _facts(record: BaseModel) -> Iterable[tuple[str, list[Observation[Any]]]]:
    for name in type(record).model_fields:
        value = getattr(record, name)
        if isinstance(value, list) and value and isinstance(value[0], Observation):
            yield name, value


def _check_hours(where: str, obs: list[Observation[Any]]) -> list[str]:
    out = []
    for o in obs:
        try:
            hours = Hours.model_validate(o.value)
        except ValidationError:
            continue
        for p in hours.periods:
            if _minutes(p.open) >= _minutes(p.close):
                out.append(f"{where}: hours {p.open}-{p.close}: opening is not before closing")
            if p.last_entry and not _minutes(p.open) <= _minutes(p.last_entry) <= _minutes(p.close):
                out.append(f"{where}: last entry {p.last_entry} outside {p.open}-{p.close}")
    return out


def _check_prices(where: str, record: BaseModel) -> list[str]:
    out = []
    for o in getattr(record, "ticket", None) or []:
        t = o.value if isinstance(o.value, dict) else {}
        full, reduced = t.get("full"), t.get("reduced")
        if isinstance(full, int | float) and not 0 <= full <= 1000:
            out.append(f"{where}: ticket {full} CNY is not plausible")
        if isinstance(full, int | float) and isinstance(reduced, int | float) and reduced > full:
            out.append(f"{where}: reduced ticket {reduced} above full {full}")
        for who in ("child", "senior", "student"):
            price = t.get(who)
            if isinstance(full, int | float) and isinstance(price, int | float) and price > full:
                out.append(f"{where}: {who} ticket {price} above full {full}")
    for o in getattr(record, "visit", None) or []:
        v = o.value if isinstance(o.value, dict) else {}
        ok = isinstance(v.get("short"), int) and isinstance(v.get("typical"), int)
        if ok and (v["short"] > v["typical"] or v["typical"] > 14 * 60):
            out.append(f"{where}: visit {v} is not short <= typical <= 14 h")
    return out


def check_pack(pack: Pack, *, today: dt.date | None = None) -> list[str]:
    """Return every problem in ``pack`` (an empty list means it passes)."""
    today = today or dt.date.today()
    problems: list[str] = []
    south, west, north, east = pack.region.bbox
    prefectures = {p.id for p in pack.region.prefectures}
    tags = {t.id for t in pack.region.tags}
    for a in pack.attractions:
        problems += [
            f"attractions/{a.prefecture}.yaml {a.id}: unknown tag {t!r} (see region.yaml tags)"
            for t in a.tags
            if t not in tags
        ]
    named: list[Attraction | Base | Station] = [*pack.attractions, *pack.bases, *pack.stations]
    ids: dict[str, int] = defaultdict(int)
    for r in named:
        ids[r.id] += 1
    problems += [f"duplicate id {i!r} ({n} records)" for i, n in ids.items() if n > 1]
    places = set(ids)

    alias_owner: dict[str, set[str]] = defaultdict(set)
    for r in named:
        for label in (r.name.zh, r.name.en, r.name.pinyin or "", *r.aliases):
            if label:
                alias_owner[norm(label)].add(r.id)
    for label, owners in alias_owner.items():
        if len(owners) > 1:
            problems.append(f"name/alias {label!r} is ambiguous: {sorted(owners)}")

    every: list[tuple[str, BaseModel]] = [
        (f"{pack.sources.get(r.id, '?')}: {r.id}", r) for r in named
    ]
    every += [(f"food.yaml: {d.id}", d) for d in pack.food]
    every += [(f"pitfalls.yaml: {p.id}", p) for p in pack.pitfalls]
    every += [(f"links.yaml: {k.from_}->{k.to}", k) for k in pack.links]
    every += [(f"roads.yaml: {k.from_}->{k.to}", k) for k in pack.roads]
    every += [(f"fares.yaml: {f.area}", f) for f in pack.fares]
    every += [(f"climate.yaml: {c.key}", c) for c in pack.climate]
    every += [(f"holidays.yaml: {h.id}", h) for h in pack.holidays]
    for where, record in every:
        for name, obs in _facts(record):
            problems += _check_obs(where, name, obs, today)
        problems += _check_prices(where, record)
        if hasattr(record, "hours"):
            problems += _check_hours(where, record.hours)
        for opt in getattr(record, "lodging", None) or []:
            problems += _check_obs(where, "price", opt.price, today)

    for r in named:
        where = f"{pack.sources.get(r.id, '?')}: {r.id}"
        pref = getattr(r, "prefecture", None)
        if pref not in (None, *prefectures):
            problems.append(f"{where}: unknown prefecture {pref!r}")
        for o in r.coord:
            try:
                ll = LatLon.model_validate(o.value)
                lat, lon = to_wgs84(ll.lat, ll.lon, o.datum or "WGS84")
            except (ValidationError, ValueError):
                continue
            if not (south <= lat <= north and west <= lon <= east):
                problems.append(f"{where}: coordinates {lat:.4f},{lon:.4f} outside the region")
    bases = {b.id for b in pack.bases}
    for a in pack.attractions:
        if a.base and a.base not in bases:
            problems.append(f"{a.id}: base {a.base!r} is not a lodging base")
    for s in pack.stations:
        if s.base not in bases:
            problems.append(f"station {s.id}: base {s.base!r} is not a lodging base")
    for b in pack.bases:
        problems += [f"base {b.id}: unknown station {s!r}" for s in b.stations if s not in ids]
    pairs: list[Link | RoadSample] = [*pack.links, *pack.roads]
    for k in pairs:
        problems += [
            f"{k.from_}->{k.to}: unknown id {e!r}" for e in (k.from_, k.to) if e not in places
        ]
    areas = bases | prefectures
    problems += [f"fares: unknown area {f.area!r}" for f in pack.fares if f.area not in areas]
    problems += [
        f"climate: unknown base {c.base!r}"
        for c in pack.climate
        if c.base is not None and c.base not in bases
    ]
    cuisines = {c.id for c in pack.region.cuisines}
    for c in pack.region.cuisines:
        problems += [
            f"cuisine {c.id}: unknown place {x!r}" for x in c.places if x not in places | areas
        ]
    problems += [f"cuisine {c}: id is also a place" for c in sorted(cuisines & (places | areas))]
    for d in pack.food:
        problems += [
            f"food {d.id}: unknown place {w!r}"
            for w in d.where
            if w not in places | areas | cuisines | {"all"}
        ]
        if set(d.where) & cuisines and set(d.where) & prefectures:
            # a prefecture would serve the dish wherever another cooking holds (Dong in 西江)
            problems.append(f"food {d.id}: names a cooking and a whole prefecture")
    for p in pack.pitfalls:
        problems += [f"pitfall {p.id}: unknown place {x!r}" for x in p.places if x not in places]
    coords = _coords(named, today)
    problems += check_feed(pack.root / "gtfs", coords, today=today)
    problems += _check_roads(pack, coords)
    return problems


def _coords(
    named: list[Attraction | Base | Station], today: dt.date
) -> dict[str, tuple[float, float]]:
    coords: dict[str, tuple[float, float]] = {}
    for r in named:
        try:
            lat, lon, _ = resolve_coord(r.coord, today)
        except (ValidationError, ValueError):
            continue  # reported above
        coords[r.id] = (lat, lon)
    return coords


SEGMENT_MAX_KMH = 120.0
"""No road segment is driven faster on average: Guizhou's expressways are limited to 100-120
km/h. A cited time that implies more is a typo or a straight-line distance."""


def _check_roads(pack: Pack, coords: dict[str, tuple[float, float]]) -> list[str]:
    """The road file's own rules (docs/data.md, "Roads"), each problem naming its line:
    a pair appears once (either way round); a graph segment has a cited distance (an uncited
    one is not a road we know) and a road name, and its cited km is not shorter than the
    straight line between its ends; no cited time is faster than `SEGMENT_MAX_KMH`."""
    out: list[str] = []
    lines = record_lines(pack.root / "roads.yaml")
    seen: dict[frozenset[str], int] = {}
    for i, r in enumerate(pack.roads):
        line = lines[i] if i < len(lines) else 0
        where = f"roads.yaml line {line}: {r.from_}->{r.to}"
        pair = frozenset((r.from_, r.to))
        if pair in seen:
            out.append(f"{where}: the same pair as line {seen[pair]}; add observations there")
        seen.setdefault(pair, line)
        cited_km = [o for o in r.km if o.kind != "estimate"]
        if r.segment and not cited_km:
            out.append(f"{where}: a road segment needs a cited km (an estimate is not a road)")
        if r.segment and not r.road:
            out.append(f"{where}: a road segment needs the road's name (road:)")
        if r.from_ not in coords or r.to not in coords:
            continue
        (la, lo), (lb, lob) = coords[r.from_], coords[r.to]
        straight = great_circle_km(la, lo, lb, lob)
        for o in cited_km:
            if r.segment and isinstance(o.value, int | float) and o.value < 0.95 * straight:
                out.append(
                    f"{where}: km {o.value} is shorter than the {straight:.0f} km straight line"
                )
        km = max((o.value for o in cited_km if isinstance(o.value, int | float)), default=None)
        for o in r.minutes:
            fast = isinstance(o.value, int | float) and o.value > 0 and o.kind != "estimate"
            if fast and km is not None and km / o.value * 60 > SEGMENT_MAX_KMH:
                out.append(
                    f"{where}: {o.value} min for {km} km is faster than {SEGMENT_MAX_KMH:.0f} km/h"
                )
            if isinstance(o.value, int | float) and o.value <= 0:
                out.append(f"{where}: minutes {o.value} must be positive")
    return out
