"""How well `qianxing ask` reads requests in words: share of fields and of requests exactly right.

Reads ``bench/ask_corpus.yaml`` (the part the rules were written from),
``bench/ask_heldout.yaml`` (written first, before any rule), ``bench/ask_heldout2.yaml``
(written after the rules, scored once as it was), ``bench/ask_heldout3.yaml`` (written
without reading the parser, scored once as it was) and ``bench/ask_heldout4.yaml`` (the same,
in its own format: see :func:`score_asserted`) and ``bench/ask_heldout6.yaml`` (written
blind, in that format plus ``refuse``), parses each text with its writer's
fixed ``today`` (``PARTS``), and compares the Request field by field with the expected one
(Request's defaults plus ``expect``). A field counts when it is expected or parsed to differ
from its default (``days`` always counts), so untouched defaults do not inflate the share.
A text marked ``ambiguous`` is right when the parser reports an ambiguity; ``missing``, when it
reports a missing field. Places (``arrive``, ``depart``, ``must``, ``avoid``) are compared as
the pack's ids, each name mapped by the pack's own resolver (``Atlas.find``), so an expected
"黄果树" and a parsed "黄果树瀑布" are the same place; a must-see written as a town is the one
sight named after it (镇远 -> 镇远古城), and in ``ask_heldout4``'s format an expected town of
arrival or departure is matched by a station or airport of that town (``--strict``: neither
reading, the rule before 2026-12-04). Usage: ``python bench/ask.py [--show]``
(``--show`` lists every miss); ``python bench/ask.py --file PART.yaml [--today YYYY-MM-DD]``
scores one part alone (a new held-out part, before any rule has seen it).
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from qianxing.ask import parse
from qianxing.data.atlas import load_atlas
from qianxing.exceptions import UnknownPlaceError
from qianxing.model import Request

HERE = Path(__file__).resolve().parent
FIELDS = [
    "days", "start", "month", "arrive", "arrive_time", "depart", "depart_time", "pace", "like",
    "must", "avoid", "budget", "adults", "children", "seniors", "transport", "spice",
    "vegetarian", "lang",
]  # fmt: skip


PARTS = {
    "ask_corpus.yaml": dt.date(2026, 12, 1), "ask_heldout.yaml": dt.date(2026, 12, 1),
    "ask_heldout2.yaml": dt.date(2026, 12, 1), "ask_heldout3.yaml": dt.date(2026, 12, 1),
    "ask_heldout4.yaml": dt.date(2026, 12, 3), "ask_heldout6.yaml": dt.date(2026, 12, 4),
}  # fmt: skip
"""Each part and the day its writer took as today."""
UNRESOLVED: set[str] = set()
"""Expected place names the pack's resolver does not know (reported: they count as misses)."""


STRICT = False
"""``--strict``: compare places as the resolver reads each name and nothing more (the rule
before 2026-12-04: a must-see written as a town, 镇远, misses against 镇远古城)."""
SUFFIXES = ("侗寨", "苗寨", "古镇", "古城", "景区")


def _place_id(name: str, *, expected: bool = False, sight: bool = False) -> str:
    """The pack's id of ``name``; with ``sight`` (a must-see or a place to leave out), a town
    stands for the one attraction named after it (镇远 -> 镇远古城, 肇兴 -> 肇兴侗寨): the
    planner refuses a town as a must-see, so that sight is the only plannable reading."""
    atlas = load_atlas()
    try:
        p = atlas.find(name)
    except UnknownPlaceError:
        if expected:
            UNRESOLVED.add(name)
        return name
    if sight and not STRICT and p.kind == "base":
        named = [a for a in atlas.attractions if a.zh in {p.zh + s for s in SUFFIXES}]
        if len(named) == 1:
            return named[0].id
    return p.id


def _same_arrival(want: str, have: str) -> bool:
    """The same place, or (unless ``--strict``) a station or airport of the expected town:
    飞贵阳 is read as 贵阳's airport (docs/ask.md), which is in the town the writer named."""
    w, h = _place_id(want, expected=True), _place_id(have)
    if w == h:
        return True
    atlas = load_atlas()
    p, q = atlas.places.get(w), atlas.places.get(h)
    return (
        not STRICT and p is not None and q is not None and p.kind == "base"
        and q.kind == "station" and q.base == p.id
    )  # fmt: skip


def score_asserted(item: dict[str, Any], today: dt.date) -> tuple[int, int, list[str]]:
    """(fields right, fields expected, misses) under the rule of a part written as a list of
    ``{id, text, expect}`` (``ask_heldout4.yaml``'s header): only the expected fields count;
    ``like`` lists tags that must each be liked; ``must``/``avoid`` are the same set of places
    and ``arrive``/``depart`` the same place, names mapped to ids by the pack's resolver.
    A text the parser will not turn into a request (ambiguous, missing) misses every field.
    An item with ``refuse`` (``ambiguous``, ``unknown`` or ``missing``) instead of ``expect``
    is one field, right when the parser refuses it for that reason (exit 2 in the command)."""
    refuse = item.get("refuse")
    expect = item.get("expect", {})
    try:
        parsed = parse(item["text"], today=today)
    except Exception as exc:
        return 0, max(len(expect), 1), [f"parser crashed: {exc!r}"]
    if refuse is not None:
        reasons = {
            "ambiguous": parsed.ambiguous, "missing": parsed.missing,
            "unknown": parsed.unknown_places,
        }  # fmt: skip
        if reasons[refuse] and parsed.request is None:
            return 1, 1, []
        return 0, 1, [f"expected a refusal ({refuse}); got {parsed.request!r:.200}"]
    req = parsed.request
    if req is None:
        why = [f"no request: missing {parsed.missing}, ambiguous {parsed.ambiguous}, "
               f"unknown places {[e.name for e in parsed.unknown_places]}"]  # fmt: skip
        return 0, len(expect), why
    misses = []
    for key, want in expect.items():
        have = getattr(req, key)
        if key == "like":
            ok = all(have.get(tag, 0) > 0 for tag in want)
        elif key in ("must", "avoid"):
            ok = {_place_id(n, expected=True, sight=True) for n in want} == {
                _place_id(n, sight=True) for n in have
            }
        elif key in ("arrive", "depart"):
            ok = _same_arrival(str(want), have)
        elif key == "start":
            ok = str(want) == (have.isoformat() if have else None)
        else:
            ok = want == have
        if not ok:
            misses.append(f"{key}: want {want!r} got {have!r}")
    if parsed.unknown:
        misses.append(f"(not understood: {list(parsed.unknown)})")
    return len(expect) - sum(1 for m in misses if not m.startswith("(")), len(expect), misses


def _ids(fields: dict[str, Any]) -> dict[str, Any]:
    """The place fields as the pack's ids (the resolver's reading of each name)."""
    out = dict(fields)
    for key in ("arrive", "depart"):
        out[key] = _place_id(out[key])
    for key in ("must", "avoid"):
        out[key] = [_place_id(n, sight=True) for n in out[key]]
    return out


def _expected(expect: dict[str, Any]) -> dict[str, Any]:
    base = {"lang": "zh"} | expect
    base.setdefault("days", 1)
    req = Request.model_validate(base)
    return _ids(req.model_dump(include=set(FIELDS)))


def _counted(item: dict[str, Any], got: dict[str, Any] | None) -> list[str]:
    """The fields that count for one item: days, and any expected or parsed off its default."""
    if item.get("ambiguous") or item.get("missing"):
        return ["days"]
    want = _expected(item["expect"])
    default = _ids(Request(days=1).model_dump(include=set(FIELDS)))
    return [
        f for f in FIELDS
        if f == "days" or want[f] != default[f] or (got is not None and got[f] != default[f])
    ]  # fmt: skip


def score(item: dict[str, Any], today: dt.date) -> tuple[int, int, list[str]]:
    """(fields right, fields counted, misses) for one corpus item."""
    try:
        parsed = parse(item["text"], today=today)
    except Exception as exc:  # a crash is a miss of every counted field, not the end of the run
        return 0, len(_counted(item, None)), [f"parser crashed: {exc!r}"]
    if item.get("ambiguous") or item.get("missing"):
        ok = bool(parsed.ambiguous) if item.get("ambiguous") else bool(parsed.missing)
        return int(ok), 1, [] if ok else ["expected ambiguous/missing"]
    want = _expected(item["expect"])
    got = _ids(parsed.request.model_dump(include=set(FIELDS))) if parsed.request else None
    counted = _counted(item, got)
    if got is None:
        why = [f"no request: missing {parsed.missing}, ambiguous {parsed.ambiguous}, "
               f"unknown places {[e.name for e in parsed.unknown_places]}"]  # fmt: skip
        return 0, len(counted), why
    misses = [f"{f}: want {want[f]!r} got {got[f]!r}" for f in counted if want[f] != got[f]]
    if parsed.unknown:
        misses.append(f"(not understood: {list(parsed.unknown)})")
    return len(counted) - sum(1 for m in misses if not m.startswith("(")), len(counted), misses


def run(path: Path, show: bool, today: dt.date = dt.date(2026, 12, 1)) -> tuple[int, ...]:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    right = counted = exact = 0
    asserted = isinstance(doc, list)  # a part that asserts only its expected fields
    items = doc if asserted else doc["requests"]
    for item in items:
        r, c, misses = (score_asserted if asserted else score)(item, today)
        right, counted = right + r, counted + c
        exact += r == c
        if show and misses:
            print(f"  {item['text']}\n    " + "\n    ".join(misses))
    return right, counted, exact, len(items)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--show", action="store_true", help="list the misses of every part")
    ap.add_argument("--file", type=Path, help="score this part alone")
    ap.add_argument(
        "--today", type=dt.date.fromisoformat, default=dt.date(2026, 12, 1),
        help="with --file: the day relative dates count from (default 2026-12-01)",
    )  # fmt: skip
    ap.add_argument(
        "--strict", action="store_true",
        help="compare places by the resolver alone (no town -> its sight, no town -> its airport)",
    )  # fmt: skip
    args = ap.parse_args()
    global STRICT
    STRICT = args.strict
    rows = []
    parts = (
        [(args.file, args.today)]
        if args.file
        else [(HERE / n, day) for n, day in PARTS.items() if (HERE / n).exists()]
    )
    for path, today in parts:
        if args.show:
            print(f"{path.name}:")
        rows.append((path.name, *run(path, args.show, today)))
    total = tuple(sum(r[i] for r in rows) for i in range(1, 5))
    print(f"{'corpus':18} {'requests':>8} {'fields right':>14} {'requests right':>16}")
    for name, right, counted, exact, n in [*rows, ("all", *total)][: len(rows) + (len(rows) > 1)]:
        print(
            f"{name:18} {n:8d} {right:6d}/{counted:<4d} {right / counted:4.0%} "
            f"{exact:6d}/{n:<4d} {exact / n:5.0%}"
        )
    if UNRESOLVED:
        print("expected names the pack's resolver does not know:", ", ".join(sorted(UNRESOLVED)))


if __name__ == "__main__":
    main()
