"""The rules of a traveller's day: when it starts and ends by pace, lunch, and the buffers at
stations and airports.

Both the instance builder and the independent checker read them from here, so the checker
re-derives a plan from the same rules without importing the builder's internals.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from .data.calendar import Break, PackBreak, break_on
from .data.place import Place

Terminal = Literal["station", "airport", "base"]

PACE = {  # day start, day end (minutes after midnight), lunch (earliest, latest, minutes)
    "relaxed": (9 * 60, 18 * 60 + 30, (11 * 60 + 30, 13 * 60 + 30, 60.0)),
    "normal": (8 * 60, 19 * 60 + 30, (11 * 60 + 30, 13 * 60 + 30, 45.0)),
    "packed": (7 * 60 + 30, 21 * 60, (11 * 60 + 30, 14 * 60, 30.0)),
}
ROAD_CAP = {"relaxed": 180, "normal": 270, "packed": 360}
"""Most minutes a day may spend on the road, by pace (3 h, 4.5 h, 6 h): beyond that a day of
sights has become a day in a vehicle, which a local would not plan (issue 13). Time on the
road is each journey from leaving a stop to reaching the next, less the wait for its first
service that the traveller spends at the hotel, the sight or lunch (docs/planning.md, "Time
on the road"; `TravelModel.road_minutes`). The solver holds each day to it
(`Instance.travel_limits`); a request whose journeys cannot keep to it is refused with the
figure."""
ARRIVAL_ROAD_SHARE = 2 / 3
"""Share of the road cap the arrival day may spend travelling (2 h relaxed, 3 h normal, 4 h
packed): a traveller who has just landed or stepped off a train starts gently, near where
they arrived, rather than with a long transfer (issue 13: a quick-start plan spent 4.5 h on
the road after landing). It applies to trips of `ARRIVAL_LIGHT_FROM_DAYS` days or more; a
shorter trip needs its first day. At one half (`bench/quality.py`) three of the 20 plans
lost a signature sight (梵净山 twice) and one day went over its cap; at two thirds one did."""
ARRIVAL_LIGHT_FROM_DAYS = 3


def road_caps(pace: str, days: int) -> list[float]:
    """Each day's road cap in minutes: `ROAD_CAP` for the pace, the arrival day lighter
    (`ARRIVAL_ROAD_SHARE`) on trips of `ARRIVAL_LIGHT_FROM_DAYS` days or more."""
    caps = [float(ROAD_CAP[pace])] * days
    if days >= ARRIVAL_LIGHT_FROM_DAYS:
        caps[0] = ROAD_CAP[pace] * ARRIVAL_ROAD_SHARE
    return caps


ROAD_SLACK = 30
"""Minutes of other travel a day may hold beside one journey that alone is longer than the
road cap less these minutes: a journey over the cap that no night on the way could split (贵阳
to 从江 is 3.6 h on the road by the cited services, over the relaxed cap), where a cap that
forbade it would make the trip impossible however long, or one that nearly fills it (贵阳 to
荔波 by car, 175 of 180 min), where the cap would leave the morning before it empty. Such a
day is a transfer day (`instance.road_times`)."""
ARRIVAL_BUFFER: dict[Terminal, int] = {"station": 20, "airport": 45, "base": 0}
"""Minutes from the arrival time to leaving the station or airport (exit, baggage)."""
DEPARTURE_BUFFER: dict[Terminal, int] = {"station": 45, "airport": 90, "base": 0}
"""Minutes before the departure time by which the traveller must be at the station or airport."""


CROWD_BREAKS = frozenset({"national-day", "spring-festival", "labour-day"})
"""The public-holiday breaks that fill the big sights (kinds of `qianxing.data.calendar`):
the Golden Weeks and the Spring Festival week. The pack's ``golden-week-crowds`` pitfall cites
Huangguoshu over 27,000 visitors a day and ticket sales halted in them."""
SUMMER_PEAK = (7, 8)
"""Months of the summer-holiday peak: school holidays fill the same sights (the pack's
``golden-week-crowds`` pitfall; a Xijiang guide advises against mid-July to 20 August)."""
CROWD_EARLIER = 60
"""Minutes earlier a day after the first sets out on a crowd day: to be at the gate of a
crowded sight near opening, as the pack's pitfalls advise (梵净山: entering at 07:00 there was
no wait for the shuttle or the cable car, late arrivals wait one to two hours)."""
CROWD_ENTRY = 120
"""Minutes after opening, or after the crowd day's earlier start if that is later, by which a
visit to a crowded sight (`Place.crowd_early`) starts: the sight is the day's first, reached
from a bed nearby (江口 to 梵净山 takes 105 minutes by the cited buses)."""


def day_start(pace: str, crowd: str | None) -> int:
    """When a day after the first may start (minutes after midnight): the pace's start, an
    hour earlier on a crowd day."""
    start = PACE[pace][0]
    return start - CROWD_EARLIER if crowd else start


def crowd_day(day: dt.date | None, month: int, pack: tuple[PackBreak, ...] = ()) -> str | None:
    """Why ``day`` is a crowd day, or None: the kind of the crowd break it falls in, or
    ``summer`` in the summer peak. A day without a date counts by ``month`` alone, and only
    the summer peak fills a whole month."""
    if day is None:
        return "summer" if month in SUMMER_PEAK else None
    b: Break | None = break_on(day, pack)
    if b is not None and b.kind in CROWD_BREAKS:
        return b.kind
    return "summer" if day.month in SUMMER_PEAK else None


def queue_minutes(p: Place, crowded: bool) -> int:
    """Minutes of queues a visit to ``p`` takes on top of its length when the trip meets a
    crowd day (the pack's ``crowded``); 0 otherwise."""
    return int(p.crowd_queue or 0) if crowded else 0


SIGNATURE_RANKS = frozenset({"icon", "top"})
"""Ranks of the signature sights (黄果树, 小七孔, 西江, 梵净山, 青岩): kept through re-plans
unless the traveller removes them."""
FULL_DAY = 420
"""Minutes of a typical visit from which a signature sight is a whole day's outing (小七孔,
梵净山: 7 h in the pack's sources): a local starts it near opening, from a bed nearby."""


def local_time(p: Place) -> bool:
    """Whether ``p`` gets its typical visit at every pace: the time a local gives it. The
    icon (黄果树: the main falls, 天星桥 and 陡坡塘, 2.5 + 2.5 + 1 h by the pack's source;
    its short visit is the main falls alone) and the full-day sights (`FULL_DAY`). Other
    signature sights (西江, 青岩) have a short visit a local would call a visit."""
    return p.rank == "icon" or full_day(p)


def full_day(p: Place) -> bool:
    """Whether ``p`` is a whole day's outing (`FULL_DAY`), started near opening every day."""
    return p.rank in SIGNATURE_RANKS and p.visit_typical >= FULL_DAY


def enters_early(p: Place, crowd: str | None) -> bool:
    """Whether a visit to ``p`` on a day of crowd ``crowd`` must start near opening: a
    crowded sight on a crowd day, and a full-day sight (`full_day`) on any day."""
    return (crowd is not None and p.crowd_early) or full_day(p)


def terminal_kind(p: Place) -> Terminal:
    """Which buffer applies where a trip starts or ends: the station's kind from the pack."""
    if p.kind != "station":
        return "base"
    return "airport" if p.terminal == "airport" else "station"


def outdoors(p: Place) -> bool:
    """Whether a visit to ``p`` should end by dusk: not a place whose value is the evening
    (tag ``night-view``: 西江's lit hillside, 镇远 by night) nor one good in the rain (caves,
    museums, the pack's ``rain: good``), which is indoors."""
    return "night-view" not in p.tags and p.rain != "good"


MEAL_ON_SITE_MINUTES = 180
"""A site visited this long (or tagged food) has somewhere to eat: lunch may be taken inside
the visit (our judgement)."""


def eats_on_site(p: Place) -> bool:
    """Whether lunch can be eaten inside a visit to ``p`` (`MEAL_ON_SITE_MINUTES`)."""
    return p.visit_typical >= MEAL_ON_SITE_MINUTES or "food" in p.tags
