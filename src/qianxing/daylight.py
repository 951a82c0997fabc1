"""When it gets dark: civil dusk at a place on a date, from `astral`.

Outdoor sights are planned to end by dusk (a waterfall path or a village lane after dark is
neither safe nor worth the ticket); places whose value is the evening, and indoor ones, are
exempt (`instance.window`). A traveller who drives themselves arrives soon after dark, not
hours after it (`DRIVE_AFTER_DUSK`).
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from functools import lru_cache

from astral import Observer
from astral.sun import dusk

DUSK_YEAR = 2026
"""Year of the mid-month date whose dusk a plan without dates uses (dusk moves by under a
minute from one year to the next; a fixed year keeps such plans the same every year)."""

DRIVE_AFTER_DUSK = 60
"""Minutes after dusk by which a traveller driving themselves has arrived from a drive out of
town (`NIGHT_DRIVE_KM`): Guizhou's roads between towns run past cliffs, tunnels and sharp
bends that a visitor does not know, and the pack's pitfall ``night-mountain-driving`` says
not to drive them after dark. An hour after dusk leaves a winter day's drive until about
19:40 (dusk near 18:40 in January) and binds no summer day (dusk after 20:30). A hired car or
a taxi has a local at the wheel and is not held to it."""
NIGHT_DRIVE_KM = 30.0
"""Road km above which a drive is held to `DRIVE_AFTER_DUSK`: a hop across town to dinner or
to the hotel is on lit streets (the same limit as a taxi hop on public transport)."""


@lru_cache(maxsize=4096)
def _dusk(lat: float, lon: float, date: dt.date, tz: str) -> int:
    when = dusk(Observer(latitude=lat, longitude=lon), date, tzinfo=zoneinfo.ZoneInfo(tz))
    return when.hour * 60 + when.minute


def dusk_minutes(lat: float, lon: float, date: dt.date, tz: str) -> int:
    """Civil dusk (sun 6° below the horizon) in minutes after local midnight; positions are
    rounded to 0.1° (about 10 km, well under a minute of dusk)."""
    return _dusk(round(lat, 1), round(lon, 1), date, tz)


def dark_arrival(
    lat: float, lon: float, date: dt.date, tz: str, arrive: float, km: float
) -> int | None:
    """Dusk at the end of a drive of ``km`` road km that arrives at minute ``arrive`` of
    ``date``, when the drive breaks the rule (over `NIGHT_DRIVE_KM`, arriving more than
    `DRIVE_AFTER_DUSK` after dusk); else None. The checker and the audit judge a drive by it;
    the planner holds each journey to the same rule beforehand (`instance.night_drives`)."""
    dusk = dusk_minutes(lat, lon, date, tz)
    late = km > NIGHT_DRIVE_KM and arrive > dusk + DRIVE_AFTER_DUSK
    return dusk if late else None
