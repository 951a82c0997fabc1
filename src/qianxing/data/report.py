"""What the pack holds and how well it is sourced: `qianxing data report` and `data show`."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .atlas import Atlas
from .facts import resolve, resolve_coord
from .gtfs import load_feed
from .schema import Attraction, Base, Observation, Station

KEY_FACTS = ("coord", "hours", "ticket")
TAGS: dict[str, str] = {
    "waterfall": "瀑布",
    "cave": "溶洞",
    "karst": "喀斯特",
    "miao": "苗族",
    "dong": "侗族",
    "buyi": "布依族",
    "ethnic-village": "民族村寨",
    "ancient-town": "古镇",
    "mountain": "山岳",
    "museum": "博物馆",
    "park": "公园",
    "food": "美食",
    "night-view": "夜景",
    "hiking": "徒步",
    "photography": "摄影",
    "lake": "湖泊",
    "river": "河流",
    "canyon": "峡谷",
    "terraces": "梯田",
    "flowers": "花海",
    "forest": "森林",
    "temple": "寺庙",
    "history": "历史",
    "red-tourism": "红色旅游",
    "grassland": "草原",
    "hot-spring": "温泉",
    "kids": "亲子",
}


def _facts(record: BaseModel) -> dict[str, list[Observation[Any]]]:
    out = {}
    for name in type(record).model_fields:
        v = getattr(record, name)
        if isinstance(v, list) and v and isinstance(v[0], Observation):
            out[name] = v
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
    """Counts, sourcing shares, conflicts, stale facts and, from the caller (the data package
    knows nothing of the travel model), the road model's figures."""
    today = today or dt.date.today()
    pack = atlas.pack
    by_pref = Counter(a.prefecture for a in pack.attractions)
    cited: Counter[str] = Counter()
    total: Counter[str] = Counter()
    conflicts: list[str] = []
    stale: list[str] = []
    estimates = 0
    facts = 0
    for a in pack.attractions:
        for name, obs in _facts(a).items():
            r = resolve_coord(obs, today)[2] if name == "coord" else resolve(obs, today=today)
            facts += 1
            estimates += r.estimate
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
        "conflicting": sorted(conflicts),
        "older_than_18_months": sorted(stale),
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
        r = coord if name == "coord" else resolve(obs, today=today)
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
