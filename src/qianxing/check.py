"""An independent validator: does an itinerary obey hours, travel times, chaining and limits?

It re-derives everything from the data pack and the travel model, never from the solver:
the itinerary is read as a traveller would read it (places, clock times, legs) and each
rule is checked separately, so every violation is listed, not just the first.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import ValidationError

from .data.atlas import load_atlas
from .data.calendar import pack_breaks
from .daylight import DUSK_YEAR, dark_arrival, dusk_minutes
from .exceptions import NoRouteError, NoServiceError, UnknownPlaceError
from .instance import hhmm, minutes_of
from .model import Day, Itinerary, Leg, Step
from .pace import (
    ARRIVAL_BUFFER,
    DEPARTURE_BUFFER,
    PACE,
    crowd_day,
    day_start,
    outdoors,
    terminal_kind,
)
from .timeline import leg_of
from .travel import BOARD_MIN, CAR_MODES, travel_model

TOLERANCE = 1.0  # minutes: clock times are printed rounded to the minute


def _t(text: str) -> int:
    return int(minutes_of(text))


class _Checker:
    def __init__(self, it: Itinerary, region: str, lodging: bool = True) -> None:
        self.it = it
        self.lodging = lodging
        self.faults: list[tuple[int | None, str]] = []
        self.req = it.request
        self.atlas = load_atlas(region)
        self.travel = travel_model(self.req.transport, region)
        self.problems: list[str] = []

    def bad(self, day: int | None, msg: str) -> None:
        self.problems.append(f"day {day}: {msg}" if day else msg)
        self.faults.append((day or None, msg))

    def run(self) -> list[str]:
        req, days = self.req, self.it.days
        if len(days) != req.days:
            self.bad(None, f"{len(days)} day(s) planned but {req.days} requested")
        try:
            arrive, depart = self.atlas.find(req.arrive), self.atlas.find(req.depart)
        except UnknownPlaceError as exc:
            return [str(exc)]
        if days:
            if days[0].start.place != arrive.id:
                self.bad(1, f"starts at {days[0].start.place}, not the arrival {arrive.id}")
            earliest = _t(req.arrive_time) + ARRIVAL_BUFFER[terminal_kind(arrive)]
            if _t(days[0].start.time) < earliest - TOLERANCE:
                self.bad(1, f"starts at {days[0].start.time}, before the traveller arrives")
            if days[-1].end.place != depart.id:
                self.bad(len(days), f"ends at {days[-1].end.place}, not the departure {depart.id}")
            latest = _t(req.depart_time) - DEPARTURE_BUFFER[terminal_kind(depart)]
            if _t(days[-1].end.time) > latest + TOLERANCE:
                self.bad(
                    len(days),
                    f"reaches {depart.id} at {days[-1].end.time}, too late "
                    f"for a {req.depart_time} departure",
                )
        seen: dict[str, int] = {}
        for i, day in enumerate(days):
            self._chain(i, day)
            self._day(i, day, seen)
        return self.problems

    def _chain(self, i: int, day: Day) -> None:
        n = len(self.it.days)
        if day.day != i + 1:
            self.bad(i + 1, f"numbered {day.day}")
        if i < n - 1 and self.lodging:
            if day.lodging is None:
                self.bad(day.day, "no lodging for the night")
            else:
                base = self.atlas.places.get(day.lodging.base)
                if base is None or base.kind != "base":
                    self.bad(day.day, f"lodging {day.lodging.base!r} is not a lodging base")
                if day.end.place != day.lodging.base:
                    self.bad(day.day, f"ends at {day.end.place} but sleeps at {day.lodging.base}")
                if self.it.days[i + 1].start.place != day.lodging.base:
                    self.bad(
                        day.day + 1,
                        f"starts at {self.it.days[i + 1].start.place}, "
                        f"not where night {day.day} was spent ({day.lodging.base})",
                    )

    def _day(self, i: int, day: Day, seen: dict[str, int]) -> None:
        d = day.day
        _, end, _ = PACE[self.req.pace]
        date = dt.date.fromisoformat(day.date) if day.date else None
        crowd = crowd_day(date, self.req.travel_month, pack_breaks(self.atlas.pack, "en"))
        start = day_start(self.req.pace, crowd)  # a crowd day sets out an hour earlier
        t0 = _t(day.start.time)
        if i > 0 and t0 < start - TOLERANCE:
            self.bad(d, f"starts at {day.start.time}, earlier than the {self.req.pace} pace allows")
        limit = max(end, t0 + 120) if i == 0 else end
        if i < len(self.it.days) - 1 and _t(day.end.time) > limit + TOLERANCE:
            self.bad(d, f"ends at {day.end.time}, later than the {self.req.pace} pace allows")
        stops = [day.start.place, *(v.place for v in day.visits), day.end.place]
        if len(day.legs) != len(stops) - 1:
            self.bad(d, f"{len(day.legs)} legs for {len(stops)} stops")
            return
        clock = t0
        for k, leg in enumerate(day.legs):
            a, b = stops[k], stops[k + 1]
            if (leg.from_, leg.to) != (a, b):
                self.bad(d, f"leg {k + 1} goes {leg.from_}->{leg.to}, expected {a}->{b}")
            elif a not in self.travel.pos or b not in self.travel.pos:
                self.bad(d, f"unknown place in leg {a}->{b}")
            else:
                self._leg(d, leg, a, b, clock, date)
                if self.req.transport == "self-drive" and (i, k) != (0, 0):
                    self._after_dark(d, leg, b, date)
            clock = _t(leg.arrive)
            if k < len(day.visits):
                clock = self._visit(d, day, k, clock, seen)
        if _t(day.end.time) < clock - TOLERANCE:
            self.bad(d, f"ends at {day.end.time}, before the last leg arrives")

    def _leg(self, d: int, leg: Leg, a: str, b: str, clock: int, date: dt.date | None) -> None:
        if _t(leg.depart) < clock - TOLERANCE:
            self.bad(d, f"leg {a}->{b} departs {leg.depart}, before the previous stop ends")
        try:
            ref = leg_of(self.travel, a, b, _t(leg.depart), "en", date)
        except NoServiceError:
            self.bad(d, f"leg {a}->{b}: no service is left after {leg.depart} that day")
            return
        except NoRouteError:
            self.bad(d, f"leg {a}->{b}: no way there with transport {self.req.transport!r}")
            return
        if _t(leg.arrive) < _t(ref.arrive) - TOLERANCE:
            self.bad(
                d,
                f"leg {a}->{b} arrives {leg.arrive}; leaving at {leg.depart}, the earliest "
                f"arrival by the timetable is {ref.arrive}",
            )
        reached = _t(leg.depart)
        for k, step in enumerate(leg.steps, start=1):
            if step.service is not None:
                self._ride(d, f"leg {a}->{b} step {k}", step, step.service.id, reached, date)
            reached = _t(step.arrive or leg.arrive)

    def _after_dark(self, d: int, leg: Leg, b: str, date: dt.date | None) -> None:
        """A drive out of town of a traveller at the wheel ends by `DRIVE_AFTER_DUSK` after
        dusk; the drive from where the trip begins is left to the flight or train."""
        km = sum(s.km for s in leg.steps if s.mode in CAR_MODES)
        p = self.atlas.places[b]
        day_of = date or dt.date(DUSK_YEAR, self.req.travel_month, 15)
        tz = self.atlas.pack.region.timezone
        dusk = dark_arrival(p.lat, p.lon, day_of, tz, _t(leg.arrive) - TOLERANCE, km)
        if dusk is not None:
            self.bad(
                d,
                f"leg {leg.from_}->{b}: {km:.0f} km at the wheel until {leg.arrive}, "
                f"{_t(leg.arrive) - dusk} min after dusk ({hhmm(dusk)})",
            )

    def _ride(
        self, d: int, where: str, step: Step, name: str, reached: int, date: dt.date | None
    ) -> None:
        """A timetabled step: the service runs then, between those stops, after the buffer."""
        dep, arr = _t(step.depart or ""), _t(step.arrive or "")
        feed = self.travel.feed
        runs = [
            r
            for r in feed.departures(step.from_, step.to)
            if (r.name or r.route.id) == name and feed.runs_on(r.service_id, date)
        ]
        if not runs:
            self.bad(d, f"{where}: no service {name} from {step.from_} to {step.to}")
            return
        if not any(
            abs(r.depart - dep) <= TOLERANCE and abs(r.arrive - arr) <= TOLERANCE for r in runs
        ):
            self.bad(
                d,
                f"{where}: {name} does not leave {step.from_stop} at {step.depart} "
                f"and arrive at {step.arrive} in the timetable",
            )
        buffer = BOARD_MIN.get(step.mode, 0.0)
        if dep - reached < buffer - TOLERANCE:
            self.bad(
                d,
                f"{where}: {dep - reached} min between reaching the stop and {name}'s "
                f"departure; boarding needs {buffer:.0f}",
            )

    def _visit(self, d: int, day: Day, k: int, clock: int, seen: dict[str, int]) -> int:
        v = day.visits[k]
        p = self.atlas.places.get(v.place)
        if p is None or p.kind != "attraction":
            self.bad(d, f"{v.place!r} is not an attraction of the pack")
            return _t(v.leave)
        if v.place in seen:
            self.bad(d, f"{p.zh} already visited on day {seen[v.place]}")
        seen[v.place] = d
        arrive, start, leave = _t(v.arrive), _t(v.start), _t(v.leave)
        if arrive < clock - TOLERANCE or start < arrive - TOLERANCE:
            self.bad(d, f"{p.zh}: visit starts before arriving")
        date = dt.date.fromisoformat(day.date) if day.date else None
        period = p.hours_in(date.month if date else self.req.travel_month)
        if period is None or (date is not None and date.weekday() in p.closed_weekdays):
            self.bad(d, f"{p.zh} is closed that day")
        else:
            if start < _t(period.open) - TOLERANCE:
                self.bad(d, f"{p.zh}: visit at {v.start}, before opening {period.open}")
            last = period.last_entry or period.close
            if start > _t(last) + TOLERANCE:
                self.bad(d, f"{p.zh}: entry at {v.start}, after last entry {last}")
            if leave > _t(period.close) + TOLERANCE:
                self.bad(d, f"{p.zh}: leaves at {v.leave}, after closing {period.close}")
        if outdoors(p):
            month = date.month if date else self.req.travel_month
            day_of = date or dt.date(DUSK_YEAR, month, 15)
            dusk = dusk_minutes(p.lat, p.lon, day_of, self.atlas.pack.region.timezone)
            if leave > dusk + TOLERANCE:
                self.bad(d, f"{p.zh}: outdoors until {v.leave}, after dusk ({hhmm(dusk)})")
        if leave - start < p.visit_short - TOLERANCE:
            self.bad(
                d,
                f"{p.zh}: {leave - start} min on site, less than the {p.visit_short} "
                "min a short visit needs",
            )
        return leave


def violations(
    itinerary: Itinerary, *, region: str | None = None, lodging: bool = True
) -> list[tuple[int | None, str]]:
    """Each broken rule with its day (None for the whole trip); ``lodging=False`` skips the
    lodging chain, for a plan whose nights are not chosen yet."""
    checker = _Checker(itinerary, region or itinerary.region, lodging)
    checker.run()
    return checker.faults


def check_itinerary(
    itinerary: Itinerary | dict[str, Any], *, region: str | None = None
) -> list[str]:
    """Every rule the itinerary breaks (an empty list means it is feasible)."""
    if not isinstance(itinerary, Itinerary):
        try:
            itinerary = Itinerary.model_validate(itinerary)
        except ValidationError as exc:
            return [f"not an itinerary: {e['loc']}: {e['msg']}" for e in exc.errors()[:10]]
    return _Checker(itinerary, region or itinerary.region).run()
