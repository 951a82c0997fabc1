"""Request + atlas + travel model -> a solver instance (and the mapping back to places).

This is the only place where Guizhou's facts become numbers the solver understands: scores
from rank and interests, visit minutes from pace, per-day time windows from opening hours,
day starts and lengths from pace and arrival/departure times.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from .data.atlas import Atlas
from .data.calendar import pack_breaks
from .data.place import Place
from .daylight import DRIVE_AFTER_DUSK, DUSK_YEAR, NIGHT_DRIVE_KM, dusk_minutes
from .exceptions import ImpossibleRequestError
from .model import Day, Request
from .pace import (
    ARRIVAL_BUFFER,
    CROWD_ENTRY,
    DEPARTURE_BUFFER,
    PACE,
    ROAD_CAP,
    ROAD_SLACK,
    crowd_day,
    day_start,
    eats_on_site,
    enters_early,
    local_time,
    outdoors,
    queue_minutes,
    road_caps,
    terminal_kind,
)
from .solve import Instance
from .solve.model import Model, Vertex
from .travel import TravelModel

RANK_SCORE = {"icon": 1500.0, "top": 1000.0, "must": 300.0, "major": 60.0, "niche": 20.0}
UNAVAILABLE = (1.0, 0.0)
TRAVEL_WEIGHT = 0.05  # score points per travel minute: a niche sight is not worth 400 min
HOTEL_CHANGE_WEIGHT = 40.0
"""Score points a night in a new hotel costs: more than a niche sight (20), less than a major
one (60), so two nights in one base win over moving on for a lesser sight (bench/quality.py:
hotel changes 57 of 91 nights with no such cost, 48 at 40 points, 44 at 100; at 100 the
search misses better plans of as many moves, e.g. the quick start's 西江). After the road-cap
repair and the light arrival day: 56 at 40 points and 56 at 80, with the same number in
every plan. With town-area taxis and rides' waits counted on the cap (59 of 97 at 40): 50 at
100, but the packed spring trip goes over its road cap and the November charter loses
梵净山; 51 at 150, the charter again without 梵净山 (and 凯里 villages trade 黄果树 for 青岩)."""
HOTEL_SETTLE_WEIGHT = 300.0
"""Score points a hotel change costs in the planner's second look at a plan
(`plan._fewer_moves`), a must-see's worth: searched from the plan it already has, with its
signature sights kept, the planner then gives up lesser sights for a second night in a base.
Solved from scratch at such a weight the search settles on worse plans (at 100 points: 59
hotel changes against 58 at 40, and the December drive lost 梵净山), so the weight above
stays the first solve's. bench/quality.py, 2026-12-04: hotel changes 58 of 97 nights at 40
alone, 56 after a second look at 150, 52 at 300, the same signature sights in every plan,
summed score 114 550 -> 113 630 (-0.8 %)."""
REENTRY_WEIGHT = 1000.0
"""Score points a return to a region already left costs, a top sight's worth: a local does
not send a traveller back across the province (bench/quality.py: regions re-entered 8 with
no such cost, 4 at 300 points, 1 at 1000)."""


def hhmm(minutes: float) -> str:
    m = round(minutes)
    return f"{m // 60:02d}:{m % 60:02d}"


def minutes_of(text: str) -> int:
    h, m = text.split(":")
    return int(h) * 60 + int(m)


@dataclass(frozen=True)
class Problem:
    """A solver instance plus what is needed to turn its tours back into an itinerary."""

    request: Request
    instance: Instance
    ids: list[str]  # vertex -> place id (the start and end copies carry their place id)
    start_vertex: int
    end_vertex: int
    dates: list[dt.date | None]
    visit_minutes: dict[str, int]
    travel: TravelModel
    must: list[str]
    candidates: list[str]
    arrive: Place
    depart: Place
    queues: dict[str, int] = field(default_factory=dict)
    """Minutes of crowd queues in a place's visit (`pace.queue_minutes`): kept when the
    timetable shortens a visit, which never goes below its short length plus these."""

    kept: dict[int, tuple[tuple[int, ...], Day]] = field(default_factory=dict)
    """Days already timed (a re-plan's days the edit leaves alone): day -> (its tour, the
    timed day). A tour equal to the kept one is not timed again but taken as it was, so an
    untouched day of a re-plan stays exactly as the traveller saw it."""

    def shortest(self, p: Place) -> int:
        """The shortest a visit to ``p`` may be cut to: its short length and its queues; a
        big sight is never cut below a local's time (`pace.local_time`: its typical length)."""
        least = p.visit_typical if local_time(p) else p.visit_short
        return int(least) + self.queues.get(p.id, 0)


def reached(links: np.ndarray, start: int) -> np.ndarray:
    """Vertices reachable from ``start`` by a chain of journeys (``links[u, v]``: a journey
    from u to v exists); a visit on the way may stand between two car rides that could not
    be chained into one journey."""
    seen = np.zeros(len(links), dtype=bool)
    seen[start] = True
    frontier = [start]
    while frontier:
        nxt = np.flatnonzero(links[frontier].any(axis=0) & ~seen)
        seen[nxt] = True
        frontier = list(nxt)
    return seen


EVENING_WEIGHT = 500.0
"""Objective points a visit to an evening place (西江's lit hillside, 镇远 by night: tag
``night-view`` with the pack's ``evening``) earns in the planner's second look at the hotels
(`plan._fewer_moves`) when the night of the visit or the night before is spent at its base,
where the traveller is for its evening: more than the hotel change it may take there
(`HOTEL_SETTLE_WEIGHT`, 300), less than a region re-entered (1000). The first search leaves
it out (weight 0): searched with it from scratch, the quick start gave up 小七孔 for the
night at 西江; the second look keeps the plan's signature sights (docs/planning.md)."""


def evening_beds(cands: list[Place], ids: list[str], n_hotels: int) -> dict[int, frozenset[int]]:
    """The solver's `Instance.evenings`: each evening place's vertex and its base's hotel."""
    hotel = {ids[h]: h for h in range(2, n_hotels)}
    return {
        k: frozenset({hotel[p.base]})
        for k, p in enumerate(cands, start=n_hotels)
        if "night-view" in p.tags and "evening" in p.facts and p.base in hotel
    }


def service_minutes(p: Place, pace: str) -> int:
    """Visit length by pace: typical when relaxed, short when packed, halfway otherwise; a
    big sight gets its typical visit at every pace (`pace.local_time`)."""
    if pace == "relaxed" or local_time(p):
        return int(p.visit_typical)
    if pace == "packed":
        return int(p.visit_short)
    return int(p.visit_short + p.visit_typical) // 2


SECONDARY_TAG = 0.5
"""Share of an interest's weight that a place gets when the interest is not its first tag.
The pack lists a place's tags by what the place is about, so 西江 leads with ``miao`` and
小七孔 with ``karst`` though it has waterfalls too: a traveller who likes waterfalls and Miao
villages is better served by 黄果树 and 西江 than by two waterfall parks (docs/planning.md)."""


def score(p: Place, req: Request) -> float:
    """Value of visiting ``p``: its rank, raised by the traveller's weighted interests (in
    full for the place's leading tag, by `SECONDARY_TAG` for the others)."""
    base = RANK_SCORE.get(p.rank or "niche", 20.0)
    liked = sum(
        req.like[tag] * (1.0 if i == 0 else SECONDARY_TAG)
        for i, tag in enumerate(p.tags)
        if tag in req.like
    )
    return base * (1.0 + liked) if req.like else base


def effort_cap(req: Request) -> int:
    """Most strenuous effort level to plan unasked: lower with children or seniors."""
    return 2 if (req.children or req.seniors) else 3


def day_dates(req: Request) -> list[dt.date | None]:
    if req.start is None:
        return [None] * req.days
    return [req.start + dt.timedelta(days=d) for d in range(req.days)]


def window(
    p: Place,
    month: int,
    date: dt.date | None,
    service: int,
    dusk: int | None = None,
    *,
    early: int | None = None,
) -> tuple[float, float]:
    """When a visit to ``p`` may start: from opening to min(last entry, close - visit), and
    for an outdoor place also to `dusk` - visit (minutes after midnight). ``early`` (a
    crowded sight on a crowd day: the day's start) also ends it `CROWD_ENTRY` after
    opening or after that day's start, whichever is later: the sight comes first that day."""
    period = p.hours_in(month)
    if period is None or (date is not None and date.weekday() in p.closed_weekdays):
        return UNAVAILABLE
    close = minutes_of(period.close)
    if dusk is not None and outdoors(p):
        close = min(close, dusk)
    latest = close - service
    if period.last_entry:
        latest = min(latest, minutes_of(period.last_entry))
    opens = minutes_of(period.open)
    if early is not None:
        latest = min(latest, max(opens, early) + CROWD_ENTRY)
    return (float(opens), float(latest)) if latest >= opens else UNAVAILABLE


def _day_frame(req: Request, arrive: Place, depart: Place) -> tuple[list[float], list[float]]:
    start, end, _ = PACE[req.pace]
    first = minutes_of(req.arrive_time) + ARRIVAL_BUFFER[terminal_kind(arrive)]
    last = minutes_of(req.depart_time) - DEPARTURE_BUFFER[terminal_kind(depart)]
    starts = [float(start)] * req.days
    ends = [float(end)] * req.days
    starts[0] = float(first)
    ends[0] = max(float(end), first + 120.0)
    if req.days > 1:
        ends[-1] = float(last)
    else:
        ends[0] = float(last)
    for d in range(req.days):
        if ends[d] < starts[d]:
            raise ImpossibleRequestError(
                f"departure at {req.depart_time} leaves no time on day {d + 1}: "
                f"the day starts at {hhmm(starts[d])}; choose a later --depart-time"
            )
    return starts, ends


def road_times(trav: np.ndarray, hotels: range, cap: float, no_way: float) -> np.ndarray:
    """The journey times the daily road cap counts: each journey's time on the road
    (``trav``, from `TravelModel.road_matrix`), except that a journey longer than the cap
    which no chain of nights could split into legs within it (贵阳 to 从江, 3.6 h on the
    road, for a relaxed traveller) counts as the cap less `ROAD_SLACK`: a transfer
    day that holds little else, rather than a trip nobody could make however long. So does a
    journey within the cap but longer than the cap less `ROAD_SLACK`, so that every day of
    travel has room for a sight on its way."""
    within = trav <= cap
    chain = within.copy()
    for h in hotels:  # legs within the cap, sleeping at hotels between them
        chain |= chain[:, h : h + 1] & chain[h : h + 1, :]
    road = trav.copy()
    unsplittable = (trav > cap) & (trav < no_way) & ~chain
    road[unsplittable] = cap - ROAD_SLACK
    road[within & (trav > cap - ROAD_SLACK)] = cap - ROAD_SLACK
    return road


def night_drives(
    latest: np.ndarray,
    trav: np.ndarray,
    km: np.ndarray,
    dusk: np.ndarray,
    hotels: range,
    no_way: float,
) -> np.ndarray:
    """``latest`` (the latest start of each journey) with each drive out of town (over
    `NIGHT_DRIVE_KM`) started early enough to arrive by ``dusk`` at its end (per vertex)
    plus `DRIVE_AFTER_DUSK`, for a traveller who drives themselves. Where no bed lies within
    that short a hop of the arrival point (vertex 0), the drive from it is left to the
    flight or train: the traveller cannot land earlier, and a plan must begin somewhere."""
    far = (km > NIGHT_DRIVE_KM) & (trav < no_way)
    out = np.where(far, np.minimum(latest, dusk[None, :] + DRIVE_AFTER_DUSK - trav), latest)
    near_bed = any(not far[0, h] and trav[0, h] < no_way for h in hotels)
    if not near_bed:
        out[0] = latest[0]
    return out


def regions(atlas: Atlas, ids: list[str]) -> tuple[int, ...]:
    """Each vertex's region for the route-shape rule: its prefecture, except the hub's
    (贵阳), which a route passes through freely (-1)."""
    hub = atlas.places[atlas.pack.region.hub].prefecture
    names = sorted({atlas.places[i].prefecture for i in ids} - {hub})
    index = {name: k for k, name in enumerate(names)}
    return tuple(index.get(atlas.places[i].prefecture, -1) for i in ids)


def build(
    req: Request,
    atlas: Atlas,
    travel: TravelModel,
    *,
    must: list[Place],
    avoid: list[Place],
    arrive: Place,
    depart: Place,
) -> Problem:
    """Turn a request into a solver instance over the pack's attractions and bases."""
    month = req.travel_month
    dates = day_dates(req)
    avoid_ids = {p.id for p in avoid}
    must_ids = [p.id for p in must]
    cap = effort_cap(req)
    cands = [
        p
        for p in atlas.attractions
        if p.id not in avoid_ids and (p.effort <= cap or p.id in must_ids)
    ]
    bases = atlas.bases
    ids = [arrive.id, depart.id] + [b.id for b in bases] + [p.id for p in cands]
    n = len(ids)
    n_hotels = 2 + len(bases)
    trav = travel.matrix(ids)
    road = travel.road_matrix(ids)  # time on the road: what the daily cap counts
    latest = travel.latest_matrix(ids)
    big = 1e6
    # The arrival point only starts day 1 and the departure point only ends the last day:
    # nobody travels back to the one or on from the other, and neither is a place to sleep
    # (an empty trip from either to itself would make it one).
    trav[:, 0] = road[:, 0] = big
    trav[1, :] = road[1, :] = big
    held = pack_breaks(atlas.pack, req.lang)
    crowds = [crowd_day(day, month, held) for day in dates]
    # the solver holds one visit length per place: a trip that meets a crowd day allows the
    # queues at the crowded sights whichever day it visits them
    crowded = any(crowds)
    visit = {p.id: service_minutes(p, req.pace) + queue_minutes(p, crowded) for p in cands}
    service = np.zeros(n)
    profits = np.zeros(n)
    for k, p in enumerate(cands, start=n_hotels):
        service[k] = visit[p.id]
        profits[k] = score(p, req)
    starts, ends = _day_frame(req, arrive, depart)
    for d in range(1, req.days):  # a crowd day sets out earlier, for the crowded sights
        starts[d] = min(starts[d], float(day_start(req.pace, crowds[d])))
    windows = np.zeros((req.days, n, 2))
    windows[:, :, 1] = 24 * 60 * 2
    tz = atlas.pack.region.timezone
    for d in range(req.days):
        day = dates[d] or dt.date(DUSK_YEAR, month, 15)
        for k, p in enumerate(cands, start=n_hotels):
            dusk = dusk_minutes(p.lat, p.lon, day, tz)
            early = int(starts[d]) if enters_early(p, crowds[d]) else None
            windows[d, k] = window(p, month, dates[d], visit[p.id], dusk, early=early)
    if req.transport == "self-drive":
        days = [day or dt.date(DUSK_YEAR, month, 15) for day in dates]
        places = [atlas.places[i] for i in ids]
        dusks = np.array([min(dusk_minutes(p.lat, p.lon, day, tz) for day in days) for p in places])
        latest = night_drives(
            latest, trav, travel.car_km_matrix(ids), dusks, range(2, n_hotels), big
        )
    mandatory = frozenset(ids.index(m) for m in must_ids if m in ids)
    # a place no chain of journeys links to the trip can never be visited: say so up front
    links = trav < big
    linked = reached(links, 0) & reached(links.T, 1)
    for k in range(n_hotels, n):
        if not linked[k] and k not in mandatory:
            windows[:, k] = UNAVAILABLE
    meal = {p.id for p in cands if eats_on_site(p)}
    groups = regions(atlas, ids)
    model = Model()
    vertices: list[Vertex] = [
        model.add_start_hotel(name=arrive.id, group=groups[0]),
        model.add_end_hotel(name=depart.id, group=groups[1]),
    ]
    vertices += [model.add_hotel(name=b.id, group=groups[k]) for k, b in enumerate(bases, 2)]
    pois = [
        model.add_poi(
            float(profits[k]),
            float(service[k]),
            name=p.id,
            mandatory=k in mandatory,
            meal_inside=p.id in meal,
            group=groups[k],
        )
        for k, p in enumerate(cands, start=n_hotels)
    ]
    vertices += pois
    road_cap = float(ROAD_CAP[req.pace])
    model.set_travel_matrix(
        vertices,
        trav,
        road=road_times(road, range(2, n_hotels), road_cap, big),
        latest=latest if np.isfinite(latest).any() else None,
    )
    caps = road_caps(req.pace, req.days)
    for d, (s, e) in enumerate(zip(starts, ends, strict=True)):
        model.add_day(e - s, start=s, travel_limit=caps[d])
        for k, poi in enumerate(pois, start=n_hotels):
            model.set_window(poi, d, *windows[d, k])
    model.set_lunch(*PACE[req.pace][2])
    model.road_slack = float(ROAD_SLACK)  # the arrival day's lighter cap keeps room too
    model.travel_weight = TRAVEL_WEIGHT
    model.hotel_change_weight = HOTEL_CHANGE_WEIGHT
    model.reentry_weight = REENTRY_WEIGHT
    inst = model.build()
    ids = [v.name for v in model.vertices()]
    inst = dataclasses.replace(inst, evenings=evening_beds(cands, ids, n_hotels))
    return Problem(
        req,
        inst,
        ids,
        model.index(vertices[0]),
        model.index(vertices[1]),
        dates,
        visit,
        travel,
        must_ids,
        [p.id for p in cands],
        arrive,
        depart,
        {p.id: q for p in cands if (q := queue_minutes(p, crowded))},
    )
