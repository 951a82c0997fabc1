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
from ..model import Place
from .facts import Resolved, resolve, resolve_coord, resolve_fact
from .pack import Pack, load_pack
from .schema import Attraction, Base, Fee, Hours, Station
from .validate import norm


def _pinyin(text: str) -> str:
    return "".join(lazy_pinyin(text))


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
    visit = resolve(a.visit, today=today)
    facts["visit"] = visit
    fees: tuple[Fee, ...] = ()
    if a.fees:
        facts["fees"] = rf = resolve(a.fees, today=today)
        fees = tuple(Fee.model_validate(f) for f in rf.value)
    for name in ("reservation", "effort", "rain", "best_months", "altitude_m"):
        obs = getattr(a, name)
        if obs:
            facts[name] = resolve(obs, today=today)
    effort = facts.get("effort")
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
        altitude_m=float(facts["altitude_m"].value) if "altitude_m" in facts else None,
        about_zh=a.about.zh,
        about_en=a.about.en,
        facts=facts,
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
        """Names close to ``name`` (Chinese first), for "did you mean …"."""
        key = norm(name)
        pkey = norm(_pinyin(name))
        hits = process.extract(key, list(self.index), scorer=fuzz.WRatio, limit=12)
        hits += process.extract(pkey, list(self.index), scorer=fuzz.WRatio, limit=12)
        best: dict[str, float] = {}
        for label, score, _ in hits:
            pid = self.index[label]
            best[pid] = max(best.get(pid, 0.0), float(score))
        ranked = sorted(best.items(), key=lambda kv: -kv[1])
        return [self.places[pid].zh for pid, s in ranked[:limit] if s >= 50]


@functools.cache
def load_atlas(region: str = "guizhou", today: dt.date | None = None) -> Atlas:
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
