"""Build the Guizhou pack's GTFS feed from cited inputs (run: python scripts/gtfs/build.py).

Inputs, all in this folder:
- ``links.yaml``: sourced observations of services between two places (running time, fare,
  services a day, first/last departure), the pack's transport file before the feed existed;
- ``sourced.yaml``: later observations of the same shape;
- ``railwayvis/*.csv``: station timetables of 贵阳北 and 贵阳 (about 2020) from the repository
  thaddywu/RailwayVIS (Apache-2.0), commit 116194cafbef023aed991e0628e03959e448dcb3, and of 安顺西
  and 六盘水 at commit 0ca365e355b1ec54399ecd33935a8422756abf78, converted from GBK to UTF-8
  unchanged.

Rules (docs/data.md, "Timetable"):
- A service exists only if a non-estimate observation names it. Links whose every observation
  is an estimate are left out and listed on stdout.
- A train listed under the same number in a Guiyang station timetable and in the far station's
  own timetable (安顺西, 六盘水) becomes a GTFS trip with both cited times (``timepoint=1``).
- Otherwise a train that starts or ends at a pack station and calls at 贵阳北/贵阳 in the station
  timetable becomes a GTFS trip with its number; the time at the far end is the cited time at
  Guiyang plus the link's running time, marked ``timepoint=0`` (approximate) and so labelled.
- Otherwise a service is a template trip run by ``frequencies.txt``; its window and headway
  come from cited first/last/daily figures where they exist, else are estimates (``kind``
  estimate with the ``method``), shown to the traveller as such.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "src"))

from qianxing.data.atlas import load_atlas  # noqa: E402
from qianxing.data.facts import resolve  # noqa: E402
from qianxing.data.gtfs import gtfs_time  # noqa: E402
from qianxing.data.schema import Link  # noqa: E402

OUT = ROOT / "src" / "qianxing" / "data" / "guizhou" / "gtfs"
RV_SOURCE = "repo:thaddywu/RailwayVIS/stations/{station}.csv"
RV_DATE = "2020-12-10"  # commit date of the station timetables
RV_STATIONS = {"贵阳北": "guiyangbei-stn", "贵阳": "guiyang-stn"}
RV_PAIRED = {"安顺西": "anshunxi-stn", "六盘水": "liupanshui-stn"}
"""Far stations whose own timetable is stored too (commit 0ca365e…, 2020-12-12): a train listed
in both tables under the same number gets both cited times."""
RV_PAIRED_DATE = "2020-12-12"
RV_MAX_RIDE = 360  # minutes: a train seen at both stations further apart than this is not matched
RV_FAR_END = {
    "六盘水": "liupanshui-stn",
    "毕节": "bijie-stn",
    "遵义": "zunyi-stn",
    "从江": "congjiang-stn",
    "铜仁": "tongren-stn",
}
"""Far-end names in the station timetables that are pack stations (铜仁 is 铜仁站 on the
铜玉 line; its coordinate is an estimate until one is cited)."""
WINDOW = {"rail": ("07:00", "21:00"), "bus": ("07:30", "17:30"), "shuttle": ("08:00", "17:00")}
HEADWAY_GUESS = {"rail": 120, "bus": 60, "shuttle": 30}
SEEN = "2026-12-04"  # the day our estimates were last made; bump when re-sourcing
PROV = ("source", "date", "dated", "seen", "kind", "method", "note")


def _hhmm(text: str) -> int:
    h, m = text.split(":")
    return int(h) * 60 + int(m)


def _cited(link: Link) -> bool:
    optional = (link.daily, link.headway, link.departures)
    facts = [link.minutes, link.fare, *(f for f in optional if f)]
    return any(o.kind != "estimate" for fact in facts for o in fact)


def _when(o: Any) -> dict[str, str]:
    """The provenance columns ``date``, ``dated`` (0: the source states no date, ``date`` is
    then the day we saw it) and ``seen`` of an observation or a resolved fact."""
    return {
        "date": o.date.isoformat(),
        "dated": "1" if o.dated else "0",
        "seen": o.seen.isoformat() if o.seen else "",
    }


def _route_id(a: str, b: str) -> str:
    return f"{a}--{b}"


class Builder:
    def __init__(self) -> None:
        self.atlas = load_atlas("guizhou")
        self.tables: dict[str, list[dict[str, Any]]] = {
            name: []
            for name in (
                "agency",
                "stops",
                "routes",
                "trips",
                "stop_times",
                "calendar",
                "frequencies",
                "fare_attributes",
                "fare_rules",
                "feed_info",
            )
        }
        self.stops: set[str] = set()
        self.left_out: list[str] = []

    def stop(self, pid: str) -> None:
        if pid in self.stops:
            return
        p = self.atlas.places[pid]
        self.stops.add(pid)
        self.tables["stops"].append(
            {
                "stop_id": pid,
                "stop_name": p.zh,
                "stop_lat": f"{p.lat:.6f}",
                "stop_lon": f"{p.lon:.6f}",
                "stop_desc": p.en,
            }
        )

    def trip(
        self,
        route: str,
        trip_id: str,
        name: str,
        direction: int,
        calls: list[tuple[str, int, bool]],
        prov: dict[str, str],
    ) -> None:
        self.tables["trips"].append(
            {
                "route_id": route,
                "service_id": "daily",
                "trip_id": trip_id,
                "trip_short_name": name,
                "direction_id": direction,
                **prov,
            }
        )
        for seq, (stop, t, exact) in enumerate(calls, start=1):
            self.stop(stop)
            self.tables["stop_times"].append(
                {
                    "trip_id": trip_id,
                    "arrival_time": gtfs_time(t),
                    "departure_time": gtfs_time(t),
                    "stop_id": stop,
                    "stop_sequence": seq,
                    "timepoint": 1 if exact else 0,
                }
            )

    def link(
        self,
        link: Link,
        trains: dict[tuple[str, str], list[dict[str, Any]]],
        explicit: set[tuple[str, str, str]] | frozenset[tuple[str, str, str]] = frozenset(),
    ) -> None:
        timetabled = (link.from_, link.to) in trains or (link.to, link.from_) in trains
        if not (_cited(link) or timetabled):
            self.left_out.append(f"{link.from_}->{link.to} ({link.mode}): no citation")
            return
        route = _route_id(link.from_, link.to)
        a, b = self.atlas.places[link.from_], self.atlas.places[link.to]
        kind = "shuttle" if link.mode == "shuttle" else link.mode
        self.tables["routes"].append(
            {
                "route_id": route,
                "agency_id": "cr" if link.mode == "rail" else "bus",
                "route_short_name": "",
                "route_long_name": f"{a.zh}—{b.zh}",
                "route_desc": kind,
                "route_type": 2 if link.mode == "rail" else 3,
            }
        )
        self.fares(route, link, "cr" if link.mode == "rail" else "bus")
        minutes = resolve(link.minutes)
        ride = int(minutes.value)
        back = link.both_ways and (b.id, a.id, link.mode) not in explicit
        pairs = [(a.id, b.id, 0)] + ([(b.id, a.id, 1)] if back else [])
        for x, y, direction in pairs:
            listed = trains.get((x, y), [])
            if direction == 0 and link.departures:
                self.departures(route, x, y, link, ride, minutes)
            elif listed:
                for t in listed:
                    self.train(route, direction, x, y, t, ride, minutes.source)
            else:
                self.frequency(route, direction, x, y, link, ride, minutes)

    def train(
        self,
        route: str,
        direction: int,
        x: str,
        y: str,
        t: dict[str, Any],
        ride: int,
        ride_src: str,
    ) -> None:
        """One numbered train: its cited time at Guiyang, the far end derived from the ride
        (or, for a train listed in both stations' timetables, cited at both ends)."""
        if "arrive" in t:
            self.paired_train(route, direction, x, y, t)
            return
        at_guiyang = t["time"]
        if x == t["station"]:
            calls = [(x, at_guiyang, True), (y, at_guiyang + ride, False)]
        else:
            calls = [(x, at_guiyang - ride, False), (y, at_guiyang, True)]
        prov = {
            "source": RV_SOURCE.format(station=t["table"]),
            "date": RV_DATE,
            "dated": "1",
            "seen": "",
            "kind": "reference",
            "method": (
                f"train number and time at {t['table']} from the station timetable (about 2020); "
                f"the time at the other end adds the running time of {ride} min ({ride_src})"
            ),
            "note": "",
        }
        self.trip(route, f"{t['train']}-{x}-{y}", t["train"], direction, calls, prov)

    def paired_train(self, route: str, direction: int, x: str, y: str, t: dict[str, Any]) -> None:
        """A train cited at both ends: its departure and arrival from the two station tables."""
        prov = {
            "source": RV_SOURCE.format(station=t["far_table"]),
            "date": RV_PAIRED_DATE,
            "dated": "1",
            "seen": "",
            "kind": "reference",
            "method": (
                f"train number and times from the station timetables (about 2020) of "
                f"{t['table']} ({RV_SOURCE.format(station=t['table'])}) and {t['far_table']}, "
                "matched by train number"
            ),
            "note": "",
        }
        calls = [(x, t["depart"], True), (y, t["arrive"], True)]
        self.trip(route, f"{t['train']}-{x}-{y}", t["train"], direction, calls, prov)

    def departures(self, route: str, x: str, y: str, link: Link, ride: int, minutes: Any) -> None:
        """Cited departure times (a posted bus timetable, a named train): one trip each, the
        arrival derived from the running time and marked approximate."""
        assert link.departures is not None
        listed = resolve(link.departures)
        cited = next(o for o in link.departures if o.source == listed.source)
        for item in listed.value:
            *number, clock = str(item).split()
            name = number[0] if number else ""
            start = _hhmm(clock)
            prov = {
                "source": listed.source,
                **_when(listed),
                "kind": listed.kind,
                "method": (
                    f"departure as cited; arrival adds the running time of {ride} min "
                    f"({minutes.source})"
                ),
                "note": cited.note or "",
            }
            trip_id = f"{name or route}-{x}-{y}-{clock.replace(':', '')}"
            calls = [(x, start, True), (y, start + ride, False)]
            self.trip(route, trip_id, name, 0, calls, prov)

    def frequency(
        self, route: str, direction: int, x: str, y: str, link: Link, ride: int, minutes: Any
    ) -> None:
        first, last = link.first, link.last
        daily = resolve(link.daily) if link.daily else None
        guessed: list[str] = []
        if direction == 1 and first and last:
            guessed.append(
                f"the return runs over the cited outbound hours {first}-{last} (assumed)"
            )
        if not first or not last:
            w = WINDOW[link.mode]
            if first:
                guessed.append(f"last departure {w[1]} assumed (no last cited)")
            elif last:
                guessed.append(f"first departure {w[0]} assumed (no first cited)")
            else:
                guessed.append(f"operating window {w[0]}-{w[1]} assumed (no first/last cited)")
            first, last = first or w[0], last or w[1]
        start, end = _hhmm(first), _hhmm(last)
        n = int(daily.value) if daily is not None and not daily.estimate else None
        if n is not None and link.from_ == "guiyang-stn":
            n //= 2  # the count is for both directions
        cited_headway = resolve(link.headway) if link.headway else None
        if cited_headway is not None and not cited_headway.estimate:
            headway = int(cited_headway.value)
            basis = f"one every {headway} min ({cited_headway.source})"
        elif n and n > 1:
            headway = max(5, (end - start) // (n - 1))
            basis = f"{n} services a day ({daily.source if daily else ''}) spread evenly"
        else:
            headway = HEADWAY_GUESS[link.mode]
            guessed.append(f"one service every {headway} min assumed (no count cited)")
            basis = ""
        method = "; ".join(
            p
            for p in (
                "frequency model: departures at a fixed headway, not a timetable",
                basis,
                *guessed,
                f"running time {ride} min ({minutes.source})",
            )
            if p
        )
        cited = next((o for o in link.minutes if o.source == minutes.source), None)
        prov = {
            "source": "estimate" if guessed else minutes.source,
            **({"date": SEEN, "dated": "1", "seen": ""} if guessed else _when(minutes)),
            "kind": "estimate" if guessed else minutes.kind,
            "method": method,
            "note": (cited.note or "") if cited is not None and not guessed else "",
        }
        trip_id = f"{route}-{direction}-freq"
        self.trip(route, trip_id, "", direction, [(x, start, True), (y, start + ride, True)], prov)
        self.tables["frequencies"].append(
            {
                "trip_id": trip_id,
                "start_time": gtfs_time(start),
                "end_time": gtfs_time(end),
                "headway_secs": headway * 60,
                "exact_times": 0,
                **prov,
            }
        )

    def fares(self, route: str, link: Link, agency: str) -> None:
        for k, o in enumerate(link.fare, start=1):
            fare_id = f"{route}-fare{k}"
            v = o.value
            low, high = (v.get("low"), v.get("high")) if isinstance(v, dict) else (v, v)
            self.tables["fare_attributes"].append(
                {
                    "fare_id": fare_id,
                    "agency_id": agency,
                    "price": f"{float(low):.2f}",
                    "currency_type": "CNY",
                    "payment_method": 1,
                    "transfers": 0,
                    "price_high": f"{float(high):.2f}",
                    "source": o.source,
                    **_when(o),
                    "kind": o.kind,
                    "method": o.method or "",
                    "note": o.note or "",
                }
            )
            self.tables["fare_rules"].append({"fare_id": fare_id, "route_id": route})

    def write(self) -> None:
        self.tables["agency"] = [
            {
                "agency_id": "cr",
                "agency_name": "中国铁路（China Railway）",
                "agency_url": "https://www.12306.cn",
                "agency_timezone": "Asia/Shanghai",
                "agency_lang": "zh",
            },
            {
                "agency_id": "bus",
                "agency_name": "道路客运班线与景区交通（各客运站/景区运营）",
                "agency_url": "https://jt.guizhou.gov.cn",
                "agency_timezone": "Asia/Shanghai",
                "agency_lang": "zh",
            },
        ]
        self.tables["calendar"] = [
            {
                "service_id": "daily",
                **dict.fromkeys(
                    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
                    1,
                ),
                "start_date": "20200101",
                "end_date": "20271231",
            }
        ]
        self.tables["feed_info"] = [
            {
                "feed_publisher_name": "Qianxing (scripts/gtfs/build.py, from cited sources)",
                "feed_publisher_url": "https://www.12306.cn",
                "feed_lang": "zh",
                "feed_start_date": "20200101",
                "feed_end_date": "20271231",
                "feed_version": SEEN,
                "feed_contact_url": "https://www.12306.cn",
            }
        ]
        OUT.mkdir(parents=True, exist_ok=True)
        for name, rows in self.tables.items():
            if name == "trips":
                for r in rows:
                    for k in PROV:
                        r.setdefault(k, "")
            fields = list(dict.fromkeys(k for r in rows for k in r))
            with (OUT / f"{name}.txt").open("w", encoding="utf-8", newline="") as f:
                w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
                w.writeheader()
                w.writerows(rows)


def _rv_rows(table: str) -> list[list[str]]:
    with (HERE / "railwayvis" / f"{table}.csv").open(encoding="utf-8") as f:
        return list(csv.reader(f, delimiter="\t"))[1:]


def railwayvis_paired() -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Trains listed under one number at a Guiyang station and at a far pack station whose own
    timetable is stored: departure at one, arrival at the other, both cited. Overnight arrivals
    run past 24:00 as GTFS allows."""
    out: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for table, station in RV_STATIONS.items():
        here = {r[1][1:]: (r[4], r[5]) for r in _rv_rows(table)}
        for far_table, far in RV_PAIRED.items():
            there = {r[1][1:]: (r[4], r[5]) for r in _rv_rows(far_table)}
            for train in sorted(set(here) & set(there)):
                (a_arr, a_dep), (b_arr, b_dep) = here[train], there[train]
                legs = []
                if a_dep != "-" and b_arr != "-":
                    legs.append((station, far, _hhmm(a_dep), _hhmm(b_arr), far_table))
                if b_dep != "-" and a_arr != "-":
                    legs.append((far, station, _hhmm(b_dep), _hhmm(a_arr), far_table))
                for x, y, dep, arr, ft in legs:
                    arr += 1440 if arr < dep else 0
                    if arr - dep <= RV_MAX_RIDE:
                        out.setdefault((x, y), []).append(
                            {
                                "train": train,
                                "depart": dep,
                                "arrive": arr,
                                "table": table,
                                "far_table": ft,
                                "station": station,
                            }
                        )
    return out


def railwayvis_trains() -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Trains from the Guiyang station timetables that start or end at a pack station, or that
    the far station's own timetable lists too (those with both times cited)."""
    out = railwayvis_paired()
    paired = {(pair, t["train"]) for pair, ts in out.items() for t in ts}
    for table, station in RV_STATIONS.items():
        rows = _rv_rows(table)
        for _kind, number, origin, terminus, arrive, depart in rows:
            train = number[1:]  # 始/终/过 prefix: starts, ends or calls here
            if terminus in RV_FAR_END and depart != "-":
                pair = (station, RV_FAR_END[terminus])
                if (pair, train) not in paired:
                    out.setdefault(pair, []).append(
                        {"train": train, "time": _hhmm(depart), "station": station, "table": table}
                    )
            if origin in RV_FAR_END and arrive != "-":
                pair = (RV_FAR_END[origin], station)
                if (pair, train) not in paired:
                    out.setdefault(pair, []).append(
                        {"train": train, "time": _hhmm(arrive), "station": station, "table": table}
                    )
    return out


def main() -> None:
    merged: dict[tuple[str, str, str], dict[str, Any]] = {}
    for name in ("links.yaml", "sourced.yaml"):
        path = HERE / name
        for raw in yaml.safe_load(path.read_text()) if path.exists() else []:
            key = (raw["from"], raw["to"], raw["mode"])
            if key not in merged:
                merged[key] = raw
                continue
            for fact in ("minutes", "fare", "daily", "headway", "departures"):
                if raw.get(fact):
                    merged[key][fact] = [*(merged[key].get(fact) or []), *raw[fact]]
            for field in ("first", "last", "both_ways"):
                if field in raw:
                    merged[key][field] = raw[field]
    links = [Link.model_validate(r) for r in merged.values()]
    b = Builder()
    trains = railwayvis_trains()
    for link in links:
        b.link(link, trains, set(merged))
    b.write()
    n_trips, n_freq = len(b.tables["trips"]), len(b.tables["frequencies"])
    sys.stdout.write(f"wrote {OUT}: {n_trips} trips, {n_freq} frequencies\n")
    for line in b.left_out:
        sys.stdout.write(f"left out: {line}\n")


if __name__ == "__main__":
    main()
