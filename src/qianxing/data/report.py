"""What the pack holds and how well it is sourced: `qianxing data report` and `data show`.

Per kind of fact (``ticket``, ``hours``, ``coord``, … of attractions; ``base.lodging``,
``road.minutes``, … elsewhere) the report counts observations, the cited share (not
estimates), the share of cited observations that are current (at most three years old) by the
date their source states and by their evidence date (stated, else the day seen), the facts
resolved to an estimate and the share of facts flagged *check before you go*.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from .atlas import Atlas
from .facts import Resolved, current_since, resolve_fact
from .gtfs import load_feed
from .schema import Attraction, Base, Observation, Station

if TYPE_CHECKING:
    from collections.abc import Iterable

KEY_FACTS = ("coord", "hours", "ticket")


def _facts(record: BaseModel) -> dict[str, list[Observation[Any]]]:
    out = {}
    for name in type(record).model_fields:
        v = getattr(record, name)
        if isinstance(v, list) and v and isinstance(v[0], Observation):
            out[name] = v
    return out


def _groups(pack: Any) -> Iterable[tuple[str, str, BaseModel]]:
    """(group, record id, record) for every record holding facts; attractions have no group."""
    for a in pack.attractions:
        yield "", a.id, a
    for b in pack.bases:
        yield "base", b.id, b
    for s in pack.stations:
        yield "station", s.id, s
    for r in pack.roads:
        yield "road", f"{r.from_}->{r.to}", r
    for f in pack.fares:
        yield "fare", f.area, f
    for d in pack.food:
        yield "dish", d.id, d
    for c in pack.climate:
        yield "climate", c.key, c
    for p in pack.pitfalls:
        yield "pitfall", p.id, p
    for h in pack.holidays:
        yield "holiday", h.id, h


def _pack_facts(pack: Any) -> Iterable[tuple[str, str, list[Observation[Any]]]]:
    """(kind of fact, where, observations) for every fact of the pack."""
    for group, rid, record in _groups(pack):
        for name, obs in _facts(record).items():
            yield (f"{group}.{name}" if group else name), f"{rid}.{name}", obs
        for opt in getattr(record, "lodging", None) or []:
            yield f"{group}.lodging", f"{rid}.lodging.{opt.kind}", opt.price


def _share(n: int, d: int) -> float | None:
    return round(n / d, 3) if d else None


def fact_kinds(pack: Any, today: dt.date) -> dict[str, dict[str, Any]]:
    """Per kind of fact: how it is sourced, how current its sources are and how much is flagged.

    ``current_stated_share`` is the share of cited observations whose source states a date
    within three years of ``today``; ``current_evidence_share`` counts the day seen for an
    undated source (its evidence date) as well.
    """
    since = current_since(today)
    rows: dict[str, Counter[str]] = {}
    for kind, _, obs in _pack_facts(pack):
        r = resolve_fact(kind.rsplit(".", 1)[-1], obs, today=today)
        c = rows.setdefault(kind, Counter())
        cited = [o for o in obs if o.kind != "estimate"]
        c["facts"] += 1
        c["observations"] += len(obs)
        c["cited"] += len(cited)
        c["current_stated"] += sum(1 for o in cited if o.dated and o.date >= since)
        c["current_evidence"] += sum(1 for o in cited if o.date >= since)
        c["estimate_facts"] += r.estimate
        c["flagged"] += r.check
    out: dict[str, dict[str, Any]] = {}
    for kind, c in [*rows.items(), ("all", sum(rows.values(), Counter()))]:
        out[kind] = {
            "facts": c["facts"],
            "observations": c["observations"],
            "cited_share": _share(c["cited"], c["observations"]),
            "current_stated_share": _share(c["current_stated"], c["cited"]),
            "current_evidence_share": _share(c["current_evidence"], c["cited"]),
            "estimate_facts": c["estimate_facts"],
            "flagged_share": _share(c["flagged"], c["facts"]),
        }
    return out


def _timetable_counts(root: Path) -> dict[str, int]:
    """How much of the timetable is a cited timetable, and how much a modelled frequency."""
    feed = load_feed(root)
    rides = [r for rs in feed.rides.values() for r in rs]
    trips = {r.trip_id: r for r in rides}
    return {
        "transit_routes": len(feed.routes),
        "timetabled_trips": sum(1 for r in trips.values() if r.headway is None),
        "frequency_services": sum(1 for r in trips.values() if r.headway is not None),
        "estimated_services": sum(1 for r in trips.values() if r.provenance.kind == "estimate"),
    }


def report(
    atlas: Atlas, *, road_model: dict[str, Any] | None = None, today: dt.date | None = None
) -> dict[str, Any]:
    """Counts, sourcing shares, conflicts, facts older than three years, the share of
    attraction facts flagged *check before you go*, per-kind sourcing figures
    (:func:`fact_kinds`) and, from the caller (the data package knows nothing of the travel
    model), the road model's figures."""
    today = today or dt.date.today()
    pack = atlas.pack
    by_pref = Counter(a.prefecture for a in pack.attractions)
    cited: Counter[str] = Counter()
    total: Counter[str] = Counter()
    conflicts: list[str] = []
    stale: list[str] = []
    flagged = 0
    estimates = 0
    facts = 0
    for a in pack.attractions:
        for name, obs in _facts(a).items():
            r = resolve_fact(name, obs, today=today)
            facts += 1
            estimates += r.estimate
            flagged += r.check
            if name in KEY_FACTS:
                total[name] += 1
                cited[name] += not r.estimate
            if r.disagree:
                conflicts.append(f"{a.id}.{name}")
            if r.stale:
                stale.append(f"{a.id}.{name}")
    key_total = sum(total.values())
    return {
        "region": pack.region.id,
        "attractions": len(pack.attractions),
        "bases": len(pack.bases),
        "stations": len(pack.stations),
        **_timetable_counts(pack.root / "gtfs"),
        "road_samples": len(pack.roads),
        "fare_rules": len(pack.fares),
        "dishes": len(pack.food),
        "climate_tables": len(pack.climate),
        "pitfalls": len(pack.pitfalls),
        "prefectures": {p.id: by_pref.get(p.id, 0) for p in pack.region.prefectures},
        "prefectures_covered": sum(1 for p in pack.region.prefectures if by_pref.get(p.id)),
        "sourced_share": {
            k: round(cited[k] / total[k], 3) if total[k] else None for k in KEY_FACTS
        },
        "sourced_share_key_facts": round(sum(cited.values()) / key_total, 3) if key_total else None,
        "attraction_facts": facts,
        "estimate_facts": estimates,
        "flagged_share": _share(flagged, facts),
        "conflicting": sorted(conflicts),
        "older_than_three_years": sorted(stale),
        "fact_kinds": fact_kinds(pack, today),
        "road_model": road_model,
    }


def show(atlas: Atlas, place_id: str, *, today: dt.date | None = None) -> dict[str, Any]:
    """One record with every observation and the value the resolution rule picks."""
    today = today or dt.date.today()
    p = atlas.places[place_id]
    records: list[Attraction | Base | Station] = [
        *atlas.pack.attractions,
        *atlas.pack.bases,
        *atlas.pack.stations,
    ]
    record = next(r for r in records if r.id == place_id)
    coord = p.facts["coord"]
    facts: dict[str, Any] = {}
    for name, obs in _facts(record).items():
        r: Resolved[Any] = coord if name == "coord" else resolve_fact(name, obs, today=today)
        facts[name] = {
            "value": r.value,
            **r.public(),
            "observations": [o.model_dump(mode="json", exclude_none=True) for o in obs],
        }
    out = record.model_dump(mode="json", by_alias=True, exclude_none=True)
    for name in facts:
        out.pop(name, None)
    return {
        **out,
        "kind": p.kind,
        "lat": round(p.lat, 6),
        "lon": round(p.lon, 6),
        "datum": "WGS84",
        "source": coord.source,
        "file": atlas.pack.sources.get(place_id),
        "facts": facts,
    }
