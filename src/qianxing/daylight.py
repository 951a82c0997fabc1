"""When it gets dark: civil dusk at a place on a date, from `astral`.

Outdoor sights are planned to end by dusk (a waterfall path or a village lane after dark is
neither safe nor worth the ticket); places whose value is the evening, and indoor ones, are
exempt (`instance.window`).
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


@lru_cache(maxsize=4096)
def _dusk(lat: float, lon: float, date: dt.date, tz: str) -> int:
    when = dusk(Observer(latitude=lat, longitude=lon), date, tzinfo=zoneinfo.ZoneInfo(tz))
    return when.hour * 60 + when.minute


def dusk_minutes(lat: float, lon: float, date: dt.date, tz: str) -> int:
    """Civil dusk (sun 6° below the horizon) in minutes after local midnight; positions are
    rounded to 0.1° (about 10 km, well under a minute of dusk)."""
    return _dusk(round(lat, 1), round(lon, 1), date, tz)
