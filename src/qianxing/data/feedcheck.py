"""Checks of a pack's GTFS feed: the canonical GTFS rules, then the pack's provenance rule.

The canonical rules are MobilityData's, run by the maintained ``gtfs-validator`` package (a
pure-Python port of the reference validator); its ERROR notices fail the check, named by file
and line. Warnings about style (e.g. mixed case, which Chinese names cannot have) do not.
Then every trip, frequency and fare row must say where it came from, as every pack fact does,
and every stop must be a pack place at the pack's own coordinates.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

from .gtfs import FEED_FILES, dated_column
from .schema import Observation

PROVENANCE_FILES = ("trips.txt", "frequencies.txt", "fare_attributes.txt")
COORD_TOLERANCE = 1e-5  # degrees: stops.txt prints six decimals


def canonical_problems(root: Path, today: dt.date) -> list[str]:
    """ERROR notices of the canonical GTFS validator, as 'file line N: code (details)'."""
    from gtfs_validator.cli import main as validate

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(io.StringIO()):
        validate(["-i", str(root), "-c", "CN", "-d", today.isoformat(), "--stdout"])
    try:
        report = json.loads(buf.getvalue())
    except ValueError:
        return [f"gtfs: the validator could not read the feed at {root}"]
    out = []
    for notice in report.get("notices", []):
        if notice.get("severity") != "ERROR":
            continue
        for sample in notice.get("sampleNotices", [])[:5]:
            out.append(_describe(notice["code"], sample))
        extra = notice.get("totalNotices", 0) - 5
        if extra > 0:
            out.append(f"gtfs: {notice['code']}: {extra} more")
    return out


def _describe(code: str, sample: dict[str, Any]) -> str:
    name = sample.get("filename") or sample.get("childFilename") or ""
    row = sample.get("csvRowNumber", sample.get("childCsvRowNumber"))
    where = f"gtfs/{name}" + (f" line {row}" if row is not None else "")
    shown = ("filename", "childFilename", "csvRowNumber", "childCsvRowNumber")
    details = ", ".join(f"{k}={v}" for k, v in sample.items() if k not in shown)
    return f"{where}: {code}" + (f" ({details})" if details else "")


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def provenance_problems(root: Path, today: dt.date) -> list[str]:
    """Rows without a source, a date or a valid kind (an estimate also needs its method, an
    undated row the day it was seen)."""
    out = []
    for name in PROVENANCE_FILES:
        for line, row in enumerate(_rows(root / name), start=2):
            where = f"gtfs/{name} line {line}"
            try:
                obs: Observation[Any] = Observation.model_validate(
                    {
                        "value": None,
                        "source": row.get("source") or "",
                        "date": row.get("date") or "",
                        "dated": dated_column(row.get("dated")),
                        "seen": row.get("seen") or None,
                        "kind": row.get("kind") or "",
                        "method": row.get("method") or None,
                    }
                )
            except ValueError as exc:
                first = str(exc).splitlines()
                msg = first[2].strip() if len(first) > 2 else str(exc)
                out.append(f"{where}: provenance: {msg}")
                continue
            if obs.date > today:
                out.append(f"{where}: provenance date {obs.date} is in the future")
    return out


def stop_problems(root: Path, places: dict[str, tuple[float, float]]) -> list[str]:
    """Stops that are not pack places, or sit elsewhere than the pack says."""
    out = []
    for line, row in enumerate(_rows(root / "stops.txt"), start=2):
        sid = row.get("stop_id", "")
        where = f"gtfs/stops.txt line {line}"
        if sid not in places:
            out.append(f"{where}: stop {sid!r} is not a place of the pack")
            continue
        lat, lon = places[sid]
        try:
            off = max(abs(float(row["stop_lat"]) - lat), abs(float(row["stop_lon"]) - lon))
        except (KeyError, ValueError):
            continue  # the canonical validator reports malformed coordinates
        if off > COORD_TOLERANCE:
            out.append(
                f"{where}: {sid} is at {row['stop_lat']},{row['stop_lon']}, "
                f"the pack says {lat:.6f},{lon:.6f}"
            )
    return out


def check_feed(
    root: Path, places: dict[str, tuple[float, float]], *, today: dt.date | None = None
) -> list[str]:
    """Every problem of the feed at ``root`` (empty: the feed is valid)."""
    today = today or dt.date.today()
    if not root.is_dir():
        return []
    missing = [
        f
        for f in ("agency.txt", "stops.txt", "routes.txt", "trips.txt", "stop_times.txt")
        if not (root / f).exists()
    ]
    if missing:
        return [f"gtfs/{f}: missing" for f in missing]
    unknown = sorted(p.name for p in root.glob("*.txt") if p.name not in FEED_FILES)
    problems = [f"gtfs/{n}: not a file this pack's feed uses" for n in unknown]
    problems += canonical_problems(root, today)
    problems += provenance_problems(root, today)
    problems += stop_problems(root, places)
    return problems
