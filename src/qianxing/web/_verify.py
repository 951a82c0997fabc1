"""Verify a trip a client sends back against the data pack before it is stored.

A saved trip is shown on a share link as our plan, so it must be one the planner could have
made: the days' places are read back as tours, and the itinerary is re-derived from them
with the pack (timing, tickets and fees of the trip month, coordinates, meals, lodging,
weather, tips, holiday warnings and the budget). Anything the client sent that differs is
named, in the request's language. The title is the owner's to change; the places left out
are checked for existence and coordinates (their reasons depend on the edits that led to
the trip and are not re-derived).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

from ..data.atlas import load_atlas
from ..exceptions import ImpossibleRequestError, UnknownPlaceError
from ..i18n import Words, words
from ..message import Message
from ..model import Itinerary
from ..plan import assemble, prepare
from ..replan import tour_of_day
from ._dates import date_notes

logger = logging.getLogger(__name__)

IGNORED = frozenset({"title", "generated", "score", "dropped", "version"})
"""Top-level keys not compared: the owner's title, the time it was made, the solver's score,
the places left out (checked on their own) and the format version."""
MAX_PROBLEMS = 6
Path = tuple[str | int, ...]


def _diff(a: Any, b: Any, path: Path = ()) -> Iterator[Path]:
    """The paths where ``a`` (sent) and ``b`` (re-derived) differ, leaves first."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                yield (*path, k)
            else:
                yield from _diff(a[k], b[k], (*path, k))
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            yield from _diff(x, y, (*path, i))
    elif a != b and not (
        isinstance(a, int | float)
        and isinstance(b, int | float)
        and not isinstance(a, bool)
        and abs(a - b) < 1e-6
    ):
        yield path


def _at(doc: Any, path: Path) -> Any:
    for k in path:
        doc = doc[k]
    return doc


def _describe(w: Words, sent: dict[str, Any], ref: dict[str, Any], path: Path) -> str:
    """One problem in words, from the first differing path."""
    month = ref["request"].get("month")
    if ref["request"].get("start"):
        month = int(str(ref["request"]["start"])[5:7])
    if path[0] == "days" and len(path) >= 3:
        d = int(path[1])
        day_sent, day_ref = sent["days"][d], ref["days"][d]
        n = d + 1
        part = path[2]
        if part == "visits" and len(path) >= 5:
            k = int(path[3])
            v_ref = day_ref["visits"][k]
            v_sent = day_sent["visits"][k]
            name = v_ref["name"]
            field = path[4]
            if field in ("lat", "lon"):
                return w._(
                    "day {day}: {place} is not where the data pack puts it ({lat}, {lon})",
                    day=n,
                    place=name,
                    lat=v_ref["lat"],
                    lon=v_ref["lon"],
                )
            if field == "ticket":
                want = (v_ref.get("ticket") or {}).get("amount", 0)
                got = (v_sent.get("ticket") or {}).get("amount", 0)
                return w._(
                    "day {day}: the ticket of {place} is {sent}, but the data pack's price "
                    "for month {month} is {price}",
                    day=n,
                    place=name,
                    sent=w.yuan(got),
                    price=w.yuan(want),
                    month=month,
                )
            if field == "fees":
                return w._(
                    "day {day}: the fees at {place} are not the data pack's", day=n, place=name
                )
            if field == "place" or field == "name":
                return w._(
                    "day {day}: visit {k} is not the place the data pack has under its id",
                    day=n,
                    k=k + 1,
                )
            return w._(
                "day {day}: the visit to {place} ({field}) is not as the data pack has it",
                day=n,
                place=name,
                field=field,
            )
        if part in ("start", "end", "lodging") and path[-1] in ("lat", "lon", "name"):
            place = day_ref[part]["name"]
            return w._(
                "day {day}: {place} is not where the data pack puts it ({lat}, {lon})",
                day=n,
                place=place,
                lat=day_ref[part]["lat"],
                lon=day_ref[part]["lon"],
            )
        if part == "tips":
            ours = {_tip_key(t) for t in day_ref["tips"]}
            for t in day_sent.get("tips", []):
                if _tip_key(t) not in ours:
                    shown = t.get("title") or t.get("text")
                    title = Message.model_validate(shown).text(w.lang) if shown else t["kind"]
                    return w._(
                        "day {day}: the tip “{tip}” is not one of the data pack's tips for "
                        "this day",
                        day=n,
                        tip=str(title)[:80],
                    )
            return w._("day {day}: the tips are not the data pack's for this day", day=n)
        if part == "legs":
            return w._(
                "day {day}: the journeys are not as the timetable and travel model give them",
                day=n,
            )
        return w._("day {day}: {part} is not as the data pack gives it", day=n, part=str(part))
    if path[0] == "budget":
        return w._(
            "the budget ({part}) does not match the one recomputed from the data pack",
            part=".".join(str(p) for p in path[1:]) or "budget",
        )
    return w._("{part} is not as the data pack gives it", part=".".join(str(p) for p in path))


def _tip_key(tip: dict[str, Any]) -> str:
    """What makes a tip the one it is (its id, title and text), as one comparable string."""
    return json.dumps([tip.get("id"), tip.get("title"), tip.get("text")], sort_keys=True)


def _budget_sum(w: Words, sent: dict[str, Any]) -> list[str]:
    b = sent.get("budget")
    if not b:
        return []
    parts = sum(int(b.get(k, 0)) for k in ("tickets", "fees", "transport", "lodging", "food"))
    if parts != int(b.get("total", 0)):
        return [
            w._(
                "the budget's parts add up to {parts} but its total says {total}",
                parts=w.yuan(parts),
                total=w.yuan(int(b.get("total", 0))),
            )
        ]
    return []


def _dropped(w: Words, it: Itinerary) -> list[str]:
    atlas = load_atlas(it.request.region)
    out: list[str] = []
    for d in it.dropped:
        p = atlas.places.get(d.place)
        if p is None or d.name != p.name(it.request.lang):
            out.append(w._("{place} (left out) is not a place of the data pack", place=d.name))
        elif d.lat is not None and (
            abs(d.lat - round(p.lat, 6)) > 1e-6 or abs((d.lon or 0) - round(p.lon, 6)) > 1e-6
        ):
            out.append(
                w._(
                    "{place} (left out) is not where the data pack puts it ({lat}, {lon})",
                    place=d.name,
                    lat=round(p.lat, 6),
                    lon=round(p.lon, 6),
                )
            )
    return out


def forgeries(it: Itinerary) -> list[str]:
    """Each way ``it`` differs from the trip re-derived from the pack (empty: it is ours).

    The itinerary should already pass the independent checker (feasible days)."""
    w = words(it.request.lang)
    try:
        problem = prepare(it.request)
        tours = [list(tour_of_day(problem, day, d)) for d, day in enumerate(it.days)]
        ref = assemble(problem, tours, explain=False, check=False, repair=False)
    except (UnknownPlaceError, ImpossibleRequestError, ValueError, LookupError) as exc:
        logger.info("trip cannot be re-derived: %s", exc)
        return [w._("the trip's places cannot be planned from the data pack: {why}", why=exc)]
    for day, ref_day in zip(it.days, ref.days, strict=True):
        ref_day.locked = day.locked
    sent = it.model_dump(mode="json", by_alias=True)
    notes = [n.model_dump(mode="json") for n in date_notes(it.request)]  # the web routes' own
    sent["warnings"] = [x for x in sent["warnings"] if x not in notes]
    again = ref.model_dump(mode="json", by_alias=True)
    problems = _budget_sum(w, sent)
    for key in sorted(set(sent) | set(again)):
        if key in IGNORED:
            continue
        for path in _diff(sent.get(key), again.get(key), (key,)):
            problems.append(_describe(w, sent, again, path))
            if len(dict.fromkeys(problems)) >= MAX_PROBLEMS:
                break
    problems += _dropped(w, it)
    return list(dict.fromkeys(problems))[:MAX_PROBLEMS]
