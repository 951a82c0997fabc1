"""Plan quality as a Guizhou guide would judge it, on a fixed set of traveller requests.

The solver's objective says how much a plan is worth to the solver; this says whether a
local would hand it to a client (issue 13). For each request in `TRAVELLERS` (documented
below, not random: the same 22 travellers every run) it prints

- ``over``: days over the cap; a transfer day — one journey alone longer than the cap less
  `qianxing.pace.ROAD_SLACK` (over the cap only where no night could split it,
  `qianxing.instance.road_times`) — is over when its other journeys take more than that slack;
- ``arr h``: the arrival day's time on the road, against its lighter cap
  (`qianxing.pace.road_caps`; over it by the same rule as ``over``), and ``buf``: minutes
  between reaching the departure station or airport and the departure, against
  `qianxing.pace.DEPARTURE_BUFFER`;
- ``re-ent``: regions (prefectures; 贵阳, the hub, excluded) entered again after the route
  had left them, apart from the re-entry the arrival and departure force;
- ``road h`` / ``cap``: the longest day's time on the road (its legs, each from leaving a
  stop to reaching the next: docs/planning.md, "Time on the road"), against the pace's cap
  (`qianxing.pace.ROAD_CAP`);
- ``moves``: hotel changes (nights that sleep elsewhere than the night before);
- ``car km``: taxi and hired-car kilometres on a public-transport plan, and the longest;
- ``sig h``: hours at each signature sight (rank ``icon`` or ``top``) the plan visits;
- in the totals, the big sights against a local's time (`qianxing.pace.local_time`): visits
  shorter than their typical length (黄果树 with 天星桥 and 陡坡塘, 小七孔, 梵净山), and
  full-day sights (`qianxing.pace.full_day`: 小七孔, 梵净山) not reached first thing from a
  bed nearby (more than `qianxing.pace.CROWD_ENTRY` minutes after the day sets out);
- ``dark``: outdoor visits that end after dusk (civil twilight, by `astral`) — places whose
  value is the evening (tag ``night-view``) and indoor ones (caves, museums) excepted;
- in the totals, drives at the wheel after dark: on a ``self-drive`` plan, legs of over 30
  car km (the trip's first leg aside) that arrive more than an hour after dusk at their end,
  and their km (docs/planning.md, "Driving after dark");
- ``must``: must-see places visited / asked;
- in the totals, evening places (西江, 镇远: tag ``night-view`` with the pack's ``evening``)
  visited, those given their evening after dinner (`qianxing.enrich.evening`), and those
  visited with neither the night of the visit nor the night before at their base;
- ``gap %``: the plan's objective (score less travel and shape costs) against a
  ``--reference`` seconds run of the same solver on the same instance.

Then one single edit per plan (cycling remove / add / move / lock + remove) and, per edit,
the changes nobody asked for (a place that moved day, appeared or vanished, a night that
moved) and the signature sights lost.

Usage: ``python bench/quality.py [--reference 30]`` (``--reference 0`` skips the long runs).
Prints a table and totals; nothing is asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import statistics
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from astral import Observer
from astral.sun import dusk

from qianxing.data.atlas import load_atlas
from qianxing.exceptions import ImpossibleRequestError, UnknownPlaceError
from qianxing.instance import Problem
from qianxing.model import Day, Itinerary, Request
from qianxing.pace import (
    CROWD_ENTRY,
    DEPARTURE_BUFFER,
    ROAD_CAP,
    ROAD_SLACK,
    SIGNATURE_RANKS,
    full_day,
    local_time,
    road_caps,
    terminal_kind,
)
from qianxing.plan import plan, prepare
from qianxing.replan import Edits, replan
from qianxing.replan import _warm_tours as warm_tours
from qianxing.solve import MaxRuntime, solve
from qianxing.travel import travel_model

TZ = zoneinfo.ZoneInfo("Asia/Shanghai")
CARS = {"taxi", "hired-car"}

R = Request
TRAVELLERS: list[tuple[str, Request]] = [
    ("quick start", R(days=6, month=10, like={"waterfall": 1, "miao": 1}, spice="mild",
                      budget=3000)),
    ("weekend in 贵阳", R(days=3, month=4, pace="relaxed")),
    ("family, airport", R(days=4, month=7, arrive="龙洞堡机场", depart="龙洞堡机场",
                          arrive_time="10:00", depart_time="20:00", adults=2, children=2)),
    ("梵净山, out via 铜仁", R(days=5, month=5, depart="铜仁", must=["梵净山"])),
    ("self-drive week", R(days=7, month=8, transport="self-drive",
                          like={"karst": 1, "cave": 1})),
    ("10 days with parents", R(days=10, month=10, seniors=2, adults=1, pace="relaxed")),
    ("2 winter days, 铜仁", R(days=2, month=1, arrive="铜仁", depart="铜仁", must=["梵净山"])),
    ("charter, November", R(days=8, month=11, transport="charter",
                            like={"miao": 2, "dong": 1})),
    ("waterfalls from 安顺", R(days=3, month=8, arrive="安顺", depart="安顺", pace="packed",
                              like={"waterfall": 2})),
    ("凯里 villages", R(days=4, month=6, arrive="凯里", depart="凯里",
                       like={"miao": 2, "dong": 2})),
    ("遵义 to 贵阳", R(days=5, month=9, arrive="遵义", depart="贵阳",
                      like={"red-tourism": 2, "history": 1})),
    ("January, relaxed", R(days=6, month=1, pace="relaxed")),
    ("packed spring", R(days=9, month=3, pace="packed")),
    ("兴义 karst drive", R(days=3, month=10, arrive="兴义", depart="兴义",
                          transport="self-drive", like={"karst": 2})),
    ("high-speed to 凯里", R(days=5, month=5, arrive="贵阳北站", depart="凯里",
                            like={"ancient-town": 2})),
    ("vegetarian June", R(days=6, month=6, vegetarian=True, spice="none")),
    ("seniors, September", R(days=4, month=9, seniors=2, adults=0, pace="relaxed")),
    ("three icons", R(days=7, month=4, depart="铜仁", must=["西江千户苗寨", "镇远古城", "梵净山"])),
    ("2 packed days", R(days=2, month=2, pace="packed")),
    ("December drive", R(days=10, month=12, transport="self-drive",
                         like={"cave": 1, "karst": 1})),
    ("都匀, hired car", R(days=5, month=7, arrive="都匀", depart="都匀",
                         transport="public+car")),
    ("国庆 week", R(days=6, start=dt.date(2026, 10, 1), like={"waterfall": 1})),
]


@dataclass
class Quality:
    reentries: int
    road_h: float
    cap_h: float
    over: int
    transfers: int
    arrival_h: float
    arrival_cap_h: float
    arrival_over: bool
    buffer: int
    buffer_min: int
    moves: int
    car_km: float
    car_max: float
    signature: dict[str, float]
    dark: int
    night_drives: tuple[int, float]  # self-drive legs arriving an hour after dusk, their km
    must: tuple[int, int]
    evening: tuple[int, int, int]
    local: tuple[int, int]  # big sights visited, of them shorter than their typical visit
    far: tuple[int, int]  # full-day sights visited, of them not first thing from a bed nearby


def zones(it: Itinerary) -> list[str]:
    """The trip's prefectures in order (visits, then the night's base), runs merged."""
    atlas = load_atlas()
    hub = atlas.places[atlas.pack.region.hub].prefecture
    seq = [atlas.places[it.days[0].start.place].prefecture]
    for day in it.days:
        seq += [atlas.places[v.place].prefecture for v in day.visits]
        if day.lodging is not None:
            seq.append(atlas.places[day.lodging.base].prefecture)
    seq.append(atlas.places[it.days[-1].end.place].prefecture)
    runs = [z for i, z in enumerate(seq) if i == 0 or z != seq[i - 1]]
    return [z if z != hub else "" for z in runs]


def reentries(it: Itinerary) -> int:
    """Runs of a non-hub region beyond its first; one more is allowed where the trip both
    starts and ends in that region."""
    runs = zones(it)
    count = 0
    for z in set(runs) - {""}:
        k = runs.count(z)
        forced = 1 if runs[0] == z and runs[-1] == z else 0
        count += max(0, k - 1 - forced)
    return count


def minutes(hhmm: str) -> int:
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


def after_dark(it: Itinerary) -> int:
    atlas = load_atlas()
    month = it.request.travel_month
    count = 0
    for day in it.days:
        date = dt.date.fromisoformat(day.date) if day.date else dt.date(2026, month, 15)
        for v in day.visits:
            p = atlas.places[v.place]
            if "night-view" in p.tags or p.rain == "good":
                continue
            end = dusk(Observer(latitude=p.lat, longitude=p.lon), date, tzinfo=TZ)
            if minutes(v.leave) > end.hour * 60 + end.minute:
                count += 1
    return count


def night_drives(it: Itinerary) -> tuple[int, float]:
    """Legs of a self-drive plan (the first of the trip aside) with over 30 car km that arrive
    more than an hour after dusk at their end, and their car km."""
    if it.request.transport != "self-drive":
        return 0, 0.0
    atlas = load_atlas()
    legs, km = 0, 0.0
    for i, day in enumerate(it.days):
        month = it.request.travel_month
        date = dt.date.fromisoformat(day.date) if day.date else dt.date(2026, month, 15)
        for k, leg in enumerate(day.legs):
            car = sum(s.km for s in leg.steps if s.mode in ("car", "taxi", "hired-car"))
            p = atlas.places[leg.to]
            end = dusk(Observer(latitude=p.lat, longitude=p.lon), date, tzinfo=TZ)
            late = minutes(leg.arrive) > end.hour * 60 + end.minute + 60
            if (i, k) != (0, 0) and car > 30 and late:
                legs, km = legs + 1, km + car
    return legs, km


def evenings(it: Itinerary) -> tuple[int, int, int]:
    """Evening places (tag ``night-view`` with the pack's ``evening``) the plan visits, how
    many get their evening item after dinner, and how many it visits but sleeps elsewhere
    than at their base the night of the visit and the night before (so no evening there)."""
    atlas = load_atlas()
    shown = {d.evening.place for d in it.days if d.evening is not None}
    visited = elsewhere = 0
    for i, day in enumerate(it.days):
        for v in day.visits:
            p = atlas.places[v.place]
            if "night-view" not in p.tags or "evening" not in p.facts:
                continue
            visited += 1
            nights = [it.days[j].lodging for j in (i - 1, i) if 0 <= j < len(it.days) - 1]
            elsewhere += not any(n is not None and n.base == p.base for n in nights)
    return visited, len(shown), elsewhere


def _past(hours: float) -> str:
    """How far the worst day is past its cap ("none" when every day keeps to it)."""
    return f"+{hours:.1f} h" if hours > 0 else "none"


def _over_cap(day: Day, total: float, cap: float) -> tuple[bool, bool]:
    """Whether the day is a transfer day (one journey alone longer than the cap less
    `ROAD_SLACK`), and whether it is over the cap: a transfer day when its other journeys take
    more than that slack, any other day when its journeys take more than the cap."""
    longest = max((leg.minutes for leg in day.legs), default=0)
    if longest > cap - ROAD_SLACK:
        return True, total - longest > ROAD_SLACK
    return False, total > cap


def quality(it: Itinerary) -> Quality:
    atlas = load_atlas()
    req = it.request
    road = [sum(leg.minutes for leg in day.legs) for day in it.days]
    cap = ROAD_CAP[req.pace]
    over = transfers = 0
    for day, total in zip(it.days, road, strict=True):
        transfer, past = _over_cap(day, total, cap)
        transfers += transfer
        over += past
    _transfer, arrival_over = _over_cap(it.days[0], road[0], road_caps(req.pace, req.days)[0])
    nights = [day.lodging.base for day in it.days if day.lodging is not None]
    moves = sum(1 for a, b in pairwise(nights) if a != b)
    cars = [
        float(s.km) for day in it.days for leg in day.legs for s in leg.steps
        if s.mode in CARS
    ] if req.transport == "public" else []
    signature = {
        v.name: round(v.minutes / 60, 1)
        for day in it.days for v in day.visits if atlas.places[v.place].rank in SIGNATURE_RANKS
    }
    visited = {v.place for day in it.days for v in day.visits}
    must = {atlas.find(m).id for m in req.must}
    big = [(day, v) for day in it.days for v in day.visits
           if local_time(atlas.places[v.place])]
    short = sum(1 for _, v in big if v.minutes < atlas.places[v.place].visit_typical)
    whole = [(day, v) for day, v in big if full_day(atlas.places[v.place])]
    far = sum(1 for day, v in whole if minutes(v.arrive) - minutes(day.start.time) > CROWD_ENTRY)
    return Quality(
        reentries=reentries(it),
        road_h=max(road) / 60,
        cap_h=ROAD_CAP[req.pace] / 60,
        over=over,
        transfers=transfers,
        arrival_h=road[0] / 60,
        arrival_cap_h=road_caps(req.pace, req.days)[0] / 60,
        arrival_over=arrival_over,
        buffer=minutes(req.depart_time) - minutes(it.days[-1].end.time),
        buffer_min=DEPARTURE_BUFFER[terminal_kind(atlas.find(req.depart))],

        moves=moves,
        car_km=sum(cars),
        car_max=max(cars, default=0.0),
        signature=signature,
        dark=after_dark(it),
        night_drives=night_drives(it),
        must=(len(must & visited), len(must)),
        evening=evenings(it),
        local=(len(big), short),
        far=(len(whole), far),
    )


def objective(problem: Problem, it: Itinerary) -> float:
    """The plan's value by the solver's own objective (score less travel and shape costs),
    so that it compares with the long run's: a score alone would reward a reference that
    pays for its extra sights in hotel changes or backtracking."""
    inst = problem.instance
    tours = warm_tours(problem, it)
    if tours is None:
        return float(it.score)
    score = sum(float(inst.profits[v]) for t in tours for v in t[1:-1])
    travel = sum(float(inst.travel[a, b]) for t in tours for a, b in pairwise(t))
    return score - inst.travel_weight * travel - inst.shape_penalty(tours)


def edit_for(i: int, it: Itinerary) -> Edits:
    """One edit a traveller might make, cycling through the four kinds."""
    atlas = load_atlas()
    visits = [(d.day, v.place) for d in it.days for v in d.visits]
    plain = [(d, p) for d, p in visits if atlas.places[p].rank not in SIGNATURE_RANKS] or visits
    kind = i % 4
    if kind == 0 and plain:
        return Edits(remove=(plain[-1][1],))
    if kind == 1:
        here = {p for _, p in visits}
        bases = {d.lodging.base for d in it.days if d.lodging is not None}
        model = travel_model(it.request.transport)
        near = [
            p.id for p in atlas.attractions
            if p.base in bases and p.id not in here
            and any(model.reachable(b, p.id) and model.reachable(p.id, b) for b in bases)
        ]
        if near:
            return Edits(add=(near[0],))
    if kind == 2 and len(it.days) > 1 and plain:
        day, place = plain[0]
        return Edits(move=((place, day % len(it.days) + 1),))
    return Edits(lock_days=(1,), remove=(plain[-1][1],) if plain else ())


def forced_by_edit(changes: list[str], names: Iterable[str]) -> tuple[set[str], set[int]]:
    """The places (by name) and nights that the change list gives the edit as the cause of.

    A name is matched whole, longest first, because a name may itself hold full-width
    brackets: "删去 平塘特大桥（天空之桥服务区）（为天河潭腾出时间）" read up to its first
    bracket named no place of the plan, and the change counted as unasked."""
    by_edit = [c for c in changes if re.search(r"（为.+腾出时间）|而不得不改", c)]
    longest = sorted(names, key=len, reverse=True)
    places: set[str] = set()
    for c in by_edit:
        for name in longest:
            if re.search(rf"(?:删去|新增) {re.escape(name)}（", c) or c.startswith(f"{name} 从第"):
                places.add(name)
                break
    nights = {int(m.group(1)) for c in by_edit if (m := re.search(r"^第 (\d+) 晚", c))}
    return places, nights


def unasked(
    old: Itinerary, new: Itinerary, edits: Edits, changes: list[str]
) -> tuple[int, int, int]:
    """Changes nobody asked for, changes the edit forced, and signature sights lost.

    A change is forced when the change list gives the edit as its cause: a place taken
    out to make room for one added or moved, or a place or night the re-plan could not
    keep (it first searches for a plan that keeps every other place on its day and every
    night, then one where only the edited days and their neighbours change). Anything
    else — and anything the list does not mention or explains as re-optimised — is
    unasked."""
    atlas = load_atlas()
    asked = {atlas.find(x).id for x in (*edits.remove, *edits.add, *(m for m, _ in edits.move))}
    names = {v.name: v.place for d in (*old.days, *new.days) for v in d.visits}
    forced_names, forced_nights = forced_by_edit(changes, names)
    forced = {names[n] for n in forced_names}
    before = {v.place: d.day for d in old.days for v in d.visits}
    after = {v.place: d.day for d in new.days for v in d.visits}
    changed = sum(
        1 for p in set(before) | set(after)
        if p not in asked | forced and before.get(p) != after.get(p)
    )
    nights = [
        a.day for a, b in zip(old.days, new.days, strict=True)
        if (a.lodging and a.lodging.base) != (b.lodging and b.lodging.base)
    ]
    unasked_nights = sum(1 for n in nights if n not in forced_nights)
    lost = sum(
        1 for p in before
        if p not in after and p not in asked and atlas.places[p].rank in SIGNATURE_RANKS
    )
    n_forced = sum(1 for p in forced if before.get(p) != after.get(p)) + len(
        set(nights) & forced_nights
    )
    return changed + unasked_nights, n_forced, lost


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reference", type=float, default=30.0,
                    help="seconds of the long reference run per request (0: skip)")
    args = ap.parse_args()
    print(f"{'#':>2} {'traveller':<22} {'re-ent':>6} {'road h':>6} {'cap':>4} {'over':>4} "
          f"{'arr h':>9} {'buf':>4} {'moves':>5} {'car km':>11} {'dark':>4} {'must':>5} "
          f"{'gap %':>6}  signature sights (h)")
    rows: list[tuple[Quality, float | None]] = []
    plans: list[Itinerary] = []
    for i, (who, req) in enumerate(TRAVELLERS):
        try:
            it = plan(req, explain=False)
        except (ImpossibleRequestError, UnknownPlaceError) as exc:
            print(f"{i:>2} {who:<22} refused: {str(exc).splitlines()[0][:90]}")
            continue
        q = quality(it)
        gap = None
        if args.reference > 0:
            problem = prepare(req)
            long = solve(problem.instance, MaxRuntime(args.reference), seed=req.seed)
            mine = objective(problem, it)
            ref = max(mine, long.objective())
            gap = 100 * (ref - mine) / ref if ref > 0 else 0.0
        rows.append((q, gap))
        plans.append(it)
        sig = ", ".join(f"{k} {h:g}" for k, h in q.signature.items())
        gap_s = "" if gap is None else f"{gap:.2f}"
        print(f"{i:>2} {who:<22} {q.reentries:>6} {q.road_h:>6.1f} {q.cap_h:>4.1f} {q.over:>4} "
              f"{q.arrival_h:>4.1f}/{q.arrival_cap_h:<4.2g} {q.buffer:>4} "
              f"{q.moves:>5} {q.car_km:>5.0f}/{q.car_max:>4.0f} {q.dark:>4} "
              f"{q.must[0]:>2}/{q.must[1]:<2} {gap_s:>6}  {sig}", flush=True)
    qs = [q for q, _ in rows]
    print()
    print(f"plans: {len(qs)} of {len(TRAVELLERS)}")
    print(f"regions re-entered: {sum(q.reentries for q in qs)} "
          f"(plans with any: {sum(1 for q in qs if q.reentries)})")
    print(f"days over the road cap: {sum(q.over for q in qs)} "
          f"(plans with one {sum(1 for q in qs if q.over)}); transfer days "
          f"{sum(q.transfers for q in qs)}; longest day past its cap: plans "
          f"{sum(1 for q in qs if q.road_h > q.cap_h)}, "
          f"worst {_past(max(q.road_h - q.cap_h for q in qs))}")
    print(f"arrival days over their cap: {sum(1 for q in qs if q.arrival_over)}; "
          f"departures inside the buffer: {sum(1 for q in qs if q.buffer < q.buffer_min)} "
          f"(shortest {min(q.buffer for q in qs)} min)")
    print(f"hotel changes: {sum(q.moves for q in qs)} over "
          f"{sum(len(p.days) - 1 for p in plans)} nights")
    print(f"car km on public transport: {sum(q.car_km for q in qs):.0f} "
          f"(longest leg {max(q.car_max for q in qs):.0f} km)")
    print(f"visits after dusk: {sum(q.dark for q in qs)}")
    print(f"self-drive legs arriving over an hour after dusk: "
          f"{sum(q.night_drives[0] for q in qs)} ({sum(q.night_drives[1] for q in qs):.0f} km)")
    print(f"evening places visited: {sum(q.evening[0] for q in qs)}; with their evening "
          f"after dinner {sum(q.evening[1] for q in qs)}; slept elsewhere "
          f"{sum(q.evening[2] for q in qs)}")
    print(f"must-sees: {sum(q.must[0] for q in qs)} of {sum(q.must[1] for q in qs)}")
    print(f"big sights (a local's time): {sum(q.local[0] for q in qs)} visits, shorter than "
          f"their typical visit {sum(q.local[1] for q in qs)}; full-day sights "
          f"{sum(q.far[0] for q in qs)}, not first thing from a bed nearby "
          f"{sum(q.far[1] for q in qs)}")
    gaps = [g for _, g in rows if g is not None]
    if gaps:
        print(f"score gap vs {args.reference:g} s: mean {statistics.mean(gaps):.2f} % "
              f"max {max(gaps):.2f} %")
    total_unasked = total_forced = total_lost = edited = 0
    print()
    print(f"{'#':>2} {'edit':<48} {'unasked':>7} {'forced':>6} {'sig lost':>8}")
    for i, it in enumerate(plans):
        edits = edit_for(i, it)
        label = (f"lock {list(edits.lock_days)} remove {list(edits.remove)} "
                 f"add {list(edits.add)} move {list(edits.move)}")
        try:
            new, changes = replan(it, edits, explain=False)
        except (ImpossibleRequestError, UnknownPlaceError) as exc:
            print(f"{i:>2} {label:<48} refused: {str(exc)[:60]}")
            continue
        n_unasked, n_forced, lost = unasked(it, new, edits, changes)
        total_unasked += n_unasked
        total_forced += n_forced
        total_lost += lost
        edited += 1
        print(f"{i:>2} {label:<48} {n_unasked:>7} {n_forced:>6} {lost:>8}", flush=True)
    print()
    print(f"edits: {edited}; unasked changes {total_unasked}; forced by the edit "
          f"{total_forced}; signature sights lost {total_lost}")


if __name__ == "__main__":
    main()
