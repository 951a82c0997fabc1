"""Trip dates a server can plan for, and a note when the month and the start date disagree.

A start date more than ``PAST_DAYS`` before today (in China) is refused, as is one more than
``AHEAD_DAYS`` ahead: timetables, prices and the holiday calendar are not known that far out;
plan such a trip by month instead. When both ``month`` and ``start`` are given and disagree,
the start date wins and the itinerary's warnings say so.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from fastapi import HTTPException

from ..i18n import N_, words
from ..message import Message, say
from ..model import Itinerary, Request

CHINA = ZoneInfo("Asia/Shanghai")
PAST_DAYS = 1  # a day's margin: the traveller's own date may lag China's
AHEAD_DAYS = 366


def today() -> dt.date:
    """Today's date in China."""
    return dt.datetime.now(CHINA).date()


def check_dates(req: Request, *, on: dt.date | None = None) -> None:
    """Raise 422 (in the request's language) if ``req.start`` is in the past or too far ahead."""
    if req.start is None:
        return
    now = on or today()
    w = words(req.lang)
    if req.start < now - dt.timedelta(days=PAST_DAYS):
        raise HTTPException(
            422,
            w._(
                "the start date {start} is in the past (today is {today}); give a date from "
                "today on, or a month instead of a date",
                start=req.start.isoformat(),
                today=now.isoformat(),
            ),
        )
    if req.start > now + dt.timedelta(days=AHEAD_DAYS):
        raise HTTPException(
            422,
            w._(
                "the start date {start} is more than a year ahead; timetables and prices are "
                "not known that far out, so give a month instead of a date",
                start=req.start.isoformat(),
            ),
        )


def date_notes(req: Request) -> list[Message]:
    """The note that the start date overrides a different ``month`` (empty if they agree)."""
    if req.start is None or req.month is None or req.month == req.start.month:
        return []
    return [
        say(
            N_(
                "you gave month {month} and the start date {start}, which is in month "
                "{actual}: the plan follows the start date"
            ),
            month=req.month,
            start=req.start.isoformat(),
            actual=req.start.month,
        )
    ]


def noted(itinerary: Itinerary) -> Itinerary:
    """``itinerary`` with the date notes of its request first among its warnings."""
    notes = [n for n in date_notes(itinerary.request) if n not in itinerary.warnings]
    itinerary.warnings = notes + itinerary.warnings
    return itinerary
