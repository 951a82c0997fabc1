"""The pack as places: resolved facts, WGS84 coordinates, and name look-up with suggestions.

Look-up accepts Chinese names, English names, pinyin (with or without spaces or tones) and
aliases; an unknown name raises :class:`UnknownPlaceError` carrying "did you mean" suggestions.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pypinyin import lazy_pinyin
from rapidfuzz import fuzz, process

from ..exceptions import UnknownPlaceError
from ..geo import great_circle_km
from .facts import Resolved, resolve, resolve_coord, resolve_fact
from .pack import DEFAULT_REGION, Pack, load_pack
from .place import Place
from .schema import Attraction, Base, Fee, Hours, Station
from .validate import norm


def _pinyin(text: str) -> str:
    return "".join(lazy_pinyin(text))


RANK_ORDER = {"icon": 0, "top": 1, "must": 2, "major": 3, "niche": 4}
"""Editorial ranks, best first (docs/data.md), for ordering suggestions."""

_ETHNIC = ("布依族", "苗族", "侗族", "水族", "彝族", "回族", "土家族", "仡佬族", "毛南族", "瑶族")


def county_stem(county: str) -> str:
    """The short name of a county or district: 花溪区 -> 花溪, 镇宁布依族苗族自治县 -> 镇宁."""
    stem = county.removesuffix("自治县")
    if stem != county:
        while any(stem.endswith(e) for e in _ETHNIC):
            stem = next(stem.removesuffix(e) for e in _ETHNIC if stem.endswith(e))
        return stem
    return stem[:-1] if len(stem) > 2 and stem[-1] in "区县市" else stem


def _long_enough(key: str) -> bool:
    """Two Chinese characters, or four letters, before a name is matched as part of another."""
    return len(key) >= (2 if any("\u4e00" <= ch <= "\u9fff" for ch in key) else 4)


def _num(key: str) -> Any:
    def pick(v: Any) -> float | None:
        x = v.get(key) if isinstance(v, dict) else None
        return float(x) if isinstance(x, int | float) else None

    return pick


def _coord(
    record: Attraction | Base | Station, today: dt.date
) -> tuple[float, float, Resolved[Any]]:
    return resolve_coord(record.coord, today)


def _attraction(a: Attraction, today: dt.date) -> Place:
    lat, lon, rc = _coord(a, today)
    facts: dict[str, Resolved[Any]] = {"coord": rc}
    hours = Hours.model_validate((r := resolve(a.hours, today=today)).value)
    facts["hours"] = r
    ticket = resolve_fact("ticket", a.ticket, today=today)
    facts["ticket"] = ticket
    seasonal = any(isinstance(o.value, dict) and o.value.get("months") for o in a.ticket)
    tickets = (
        {m: resolve_fact("ticket", a.ticket, today=today, month=m) for m in range(1, 13)}
        if seasonal
        else {}
    )
    visit = resolve(a.visit, today=today)
    facts["visit"] = visit
    fees: tuple[Fee, ...] = ()
    if a.fees:
        facts["fees"] = rf = resolve(a.fees, today=today)
        fees = tuple(Fee.model_validate(f) for f in rf.value)
    optional = ("reservation", "crowded", "effort", "rain", "best_months", "altitude_m", "evening")
    for name in optional:
        obs = getattr(a, name)
        if obs:
            facts[name] = resolve(obs, today=today)
    effort = facts.get("effort")
    crowded = facts["crowded"].value if "crowded" in facts else None
    return Place(
        id=a.id,
        kind="attraction",
        zh=a.name.zh,
        en=a.name.en,
        pinyin=a.name.pinyin or _pinyin(a.name.zh),
        aliases=tuple(a.aliases),
        prefecture=a.prefecture,
        lat=lat,
        lon=lon,
        tags=tuple(a.tags),
        rank=a.rank,
        base=a.base,
        periods=tuple(hours.periods),
        closed_weekdays=tuple(hours.closed_weekdays),
        visit_short=int(visit.value["short"]),
        visit_typical=int(visit.value["typical"]),
        ticket_full=float(ticket.value.get("full", 0)),
        ticket_reduced=ticket.value.get("reduced"),
        fees=fees,
        effort=int(effort.value["level"]) if effort else 1,
        rain=str(facts["rain"].value) if "rain" in facts else "ok",
        crowd_queue=int(crowded["queue_minutes"]) if crowded else None,
        crowd_early=bool(crowded.get("enter_early", True)) if crowded else False,
        altitude_m=float(facts["altitude_m"].value) if "altitude_m" in facts else None,
        about_zh=a.about.zh,
        about_en=a.about.en,
        facts=facts,
        tickets=tickets,
    )


def _other(r: Base | Station, today: dt.date) -> Place:
    lat, lon, rc = _coord(r, today)
    pref = r.prefecture if isinstance(r, Base) else ""
    alt = resolve(r.altitude_m, today=today) if isinstance(r, Base) and r.altitude_m else None
    return Place(
        id=r.id,
        kind="base" if isinstance(r, Base) else "station",
        zh=r.name.zh,
        en=r.name.en,
        pinyin=r.name.pinyin or _pinyin(r.name.zh),
        aliases=tuple(r.aliases),
        prefecture=pref,
        lat=lat,
        lon=lon,
        base=r.base if isinstance(r, Station) else r.id,
        terminal=r.kind if isinstance(r, Station) else None,
        altitude_m=float(alt.value) if alt else None,
        facts={"coord": rc} | ({"altitude_m": alt} if alt else {}),
    )


@dataclass(frozen=True)
class Atlas:
    """Every place of a pack by id, with a name index."""

    pack: Pack
    places: dict[str, Place]
    index: dict[str, str]  # normalised label -> place id
    today: dt.date | None = None  # the day facts were resolved for (None: the real today)

    @property
    def attractions(self) -> list[Place]:
        return [p for p in self.places.values() if p.kind == "attraction"]

    @property
    def bases(self) -> list[Place]:
        return [p for p in self.places.values() if p.kind == "base"]

    def resolve(self, place_id: str, fact: str, *, month: int | None = None) -> Resolved[Any]:
        """One fact of a place resolved again, for a month if given (1-12): the ticket price
        in July uses the observations that hold in July (``docs/data.md``, Resolution rule).

        Raises ``KeyError`` for an unknown place or a fact the place does not have.
        """
        records: list[Attraction | Base | Station] = [
            *self.pack.attractions,
            *self.pack.bases,
            *self.pack.stations,
        ]
        record = next((r for r in records if r.id == place_id), None)
        obs = getattr(record, fact, None) if record is not None else None
        if not isinstance(obs, list) or not obs:
            raise KeyError(f"{place_id}.{fact}")
        return resolve_fact(fact, obs, today=self.today, month=month)

    def labels(self, p: Place) -> Iterable[str]:
        yield from (p.id, p.zh, p.en, p.pinyin, *p.aliases, _pinyin(p.zh))
        for a in p.aliases:
            if any("\u4e00" <= ch <= "\u9fff" for ch in a):
                yield _pinyin(a)

    def find(self, name: str) -> Place:
        """Return the place called ``name`` or raise :class:`UnknownPlaceError` with suggestions.

        Exact names, aliases and pinyin (any spacing or case) match; a unique prefix of at
        least four letters matches too.
        """
        key = norm(name)
        if key in self.index:
            return self.places[self.index[key]]
        # Chinese input with a wrong character (a homophone such as 控 for 孔) is not accepted
        # silently: it falls through to "did you mean", where homophones rank first.
        starts = {pid for label, pid in self.index.items() if key and label.startswith(key)}
        if len(starts) == 1 and len(key) >= 4:
            return self.places[starts.pop()]
        raise UnknownPlaceError(name, self.suggest(name))

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        """Names close to ``name`` (Chinese first), for "did you mean …".

        Near-exact spellings (a homophone typed for the right character) come first; then the
        attractions an area name covers (:meth:`attractions_in`: 花溪 -> 花溪公园, 赤水丹霞 ->
        the sights around 赤水); then the other close names.
        """
        key = norm(name)
        pkey = norm(_pinyin(name))
        hits = process.extract(key, list(self.index), scorer=fuzz.WRatio, limit=12)
        hits += process.extract(pkey, list(self.index), scorer=fuzz.WRatio, limit=12)
        best: dict[str, float] = {}
        for label, score, _ in hits:
            pid = self.index[label]
            best[pid] = max(best.get(pid, 0.0), float(score))
        ranked = sorted(best.items(), key=lambda kv: -kv[1])
        area = self.attractions_in(name)
        named = [p.id for p in area if self._group(name, p) < 2]
        around = [p.id for p in area if self._group(name, p) == 2]
        towns = {self.places[pid].base for pid in around}  # 赤水丹霞: the town 赤水 adds nothing
        order = [pid for pid, s in ranked if s >= 95]
        order += named
        order += [pid for pid, s in ranked if s >= 85 and pid not in towns]
        order += around
        order += [pid for pid, s in ranked if s >= 50 and pid not in towns]
        return [self.places[pid].zh for pid in dict.fromkeys(order)][:limit]

    def attractions_in(self, name: str) -> list[Place]:
        """The attractions an area name covers, for "did you mean" when it names no attraction.

        First those whose Chinese name contains ``name`` (花溪 -> 花溪公园), then those with
        another name or alias containing it (花溪 -> 十里河滩, alias 花溪湿地公园), then those
        whose lodging base or county ``name`` starts with (赤水丹霞 -> the sights based at 赤水
        or in 赤水市); best-ranked first within each group, then nearest their base.
        """
        groups = {p.id: g for p in self.attractions if (g := self._group(name, p)) < 3}

        def order(pid: str) -> tuple[int, int, float]:
            p = self.places[pid]
            return (groups[pid], RANK_ORDER.get(p.rank or "", 9), self._from_base(p))

        return [self.places[pid] for pid in sorted(groups, key=order)]

    def _group(self, name: str, p: Place) -> int:
        """How attraction ``p`` relates to the area ``name``: 0 its Chinese name contains it,
        1 another of its names does, 2 its base or county is named at the start, 3 none."""
        key, pkey = norm(name), norm(_pinyin(name))
        if not _long_enough(key):
            return 3
        if key in norm(p.zh) or pkey in norm(p.pinyin):
            return 0
        if any(key in x or pkey in x for x in map(norm, self.labels(p))):
            return 1
        base = self.places.get(p.base or "")
        names = [county_stem(self._county.get(p.id, ""))]
        names += [base.zh, base.pinyin] if base is not None else []
        for label in filter(None, names):
            k, pk = norm(label), norm(_pinyin(label))
            if _long_enough(k) and (key.startswith(k) or pkey.startswith(k) or pkey.startswith(pk)):
                return 2
        return 3

    @functools.cached_property
    def _county(self) -> dict[str, str]:
        return {a.id: a.county or "" for a in self.pack.attractions}

    def attractions_of_base(self, base_id: str) -> list[Place]:
        """The attractions lodged from ``base_id``, best-ranked first, then nearest."""
        near = [p for p in self.attractions if p.base == base_id]
        return sorted(near, key=lambda p: (RANK_ORDER.get(p.rank or "", 9), self._from_base(p)))

    def _from_base(self, p: Place) -> float:
        base = self.places.get(p.base or "")
        return great_circle_km(p.lat, p.lon, base.lat, base.lon) if base is not None else 0.0


@functools.cache
def load_atlas(region: str = DEFAULT_REGION, today: dt.date | None = None) -> Atlas:
    """Build the atlas of a bundled pack (cached per process)."""
    return atlas_from_pack(load_pack(region), today=today)


def atlas_from_pack(pack: Pack, *, today: dt.date | None = None) -> Atlas:
    today = today or dt.date.today()
    places: dict[str, Place] = {}
    for a in pack.attractions:
        places[a.id] = _attraction(a, today)
    others: list[Base | Station] = [*pack.bases, *pack.stations]
    for r in others:
        places[r.id] = _other(r, today)
    atlas = Atlas(pack=pack, places=places, index={}, today=today)
    for p in places.values():
        for label in atlas.labels(p):
            atlas.index.setdefault(norm(label), p.id)
    return atlas
