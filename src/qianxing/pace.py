"""The rules of a traveller's day: when it starts and ends by pace, lunch, and the buffers at
stations and airports.

Both the instance builder and the independent checker read them from here, so the checker
re-derives a plan from the same rules without importing the builder's internals.
"""

from __future__ import annotations

from typing import Literal

from .data.place import Place

Terminal = Literal["station", "airport", "base"]

PACE = {  # day start, day end (minutes after midnight), lunch (earliest, latest, minutes)
    "relaxed": (9 * 60, 18 * 60 + 30, (11 * 60 + 30, 13 * 60 + 30, 60.0)),
    "normal": (8 * 60, 19 * 60 + 30, (11 * 60 + 30, 13 * 60 + 30, 45.0)),
    "packed": (7 * 60 + 30, 21 * 60, (11 * 60 + 30, 14 * 60, 30.0)),
}
ROAD_CAP = {"relaxed": 180, "normal": 270, "packed": 360}
"""Most minutes a day may spend travelling, by pace (3 h, 4.5 h, 6 h): beyond that a day of
sights has become a day in a vehicle, which a local would not plan (issue 13). The solver
holds each day to it (`Instance.travel_limits`); a request whose journeys cannot keep to it
is refused with the figure."""
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
road cap and that no night on the way could split (兴义 to 贵阳 is 3.9 h by the fastest cited
means, over the relaxed cap): such a day is a transfer day, and a cap that forbade it would
make the trip impossible however long (`instance.road_times`)."""
ARRIVAL_BUFFER: dict[Terminal, int] = {"station": 20, "airport": 45, "base": 0}
"""Minutes from the arrival time to leaving the station or airport (exit, baggage)."""
DEPARTURE_BUFFER: dict[Terminal, int] = {"station": 45, "airport": 90, "base": 0}
"""Minutes before the departure time by which the traveller must be at the station or airport."""


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
