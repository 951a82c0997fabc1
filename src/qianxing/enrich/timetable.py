"""A warning when a dated trip runs past the end of the timetable the pack holds.

The feed's calendar ends on a known day (``feed_info.txt``). A trip after it is planned on the
latest known timetable (`qianxing.data.gtfs.Feed.timetable_date`: the same weekday of the
feed's last week), and the plan says so, with where to check the real times.
"""

from __future__ import annotations

import datetime as dt

from ..data.gtfs import Feed
from ..i18n import N_
from ..message import When, say
from ..model import Itinerary

PAST_END = N_(
    "The timetable we have runs to {end:%Y-%m-%d}; day(s) {days} are planned on it as it "
    "stood then: check train times on 12306 and bus times at the bus station before you go"
)


def add_timetable_end(it: Itinerary, feed: Feed) -> None:
    """Warn when days of a dated trip after the feed's end take a scheduled service."""
    if feed.end is None:
        return
    late = [
        n
        for n, day in enumerate(it.days, start=1)
        if day.date
        and feed.past_end(dt.date.fromisoformat(day.date))
        and any(s.service is not None for leg in day.legs for s in leg.steps)
    ]
    if late:
        days = ", ".join(str(n) for n in late)
        it.warnings.append(say(PAST_END, end=When(date=feed.end), days=days))
