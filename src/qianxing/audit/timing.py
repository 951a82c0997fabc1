"""A route timed as written, with our legs, timetabled rides, hours and visit lengths: each day
walked from its start, every problem noted (none is mended), then enriched like a plan."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from ..data.place import Place
from ..daylight import DUSK_YEAR, dark_arrival, dusk_minutes
from ..enrich import enrich
from ..exceptions import NoRouteError, NoServiceError
from ..i18n import N_, words
from ..instance import Problem, hhmm, minutes_of, service_minutes
from ..model import Day, Itinerary, Leg, Stop, Visit
from ..modes import CAR_MODES
from ..pace import (
    ARRIVAL_BUFFER,
    DEPARTURE_BUFFER,
    MEAL_ON_SITE_MINUTES,
    PACE,
    ROAD_CAP,
    outdoors,
    terminal_kind,
)
from ..timeline import leg_of, visit_of
from .route import Route

FAR_NIGHT = 120
"""Minutes on the road from a night's lodging to the next morning's first stop above which
the night is said to be far from it (a local sleeps nearer)."""
HARD = frozenset({"last-service", "no-route", "closed", "after-entry", "departure"})
"""Problems that make a day impossible as written; the others make it hard or rushed."""


@dataclass(frozen=True)
class Fault:
    """One thing wrong with a day: a kind (``road``, ``late``, ``last-service``, ``no-route``,
    ``closed``, ``after-entry``, ``short``, ``dusk``, ``far-night``, ``departure``,
    ``after-dark``) and the
    sentence that says it in the traveller's language."""

    kind: str
    text: str

    @property
    def hard(self) -> bool:
        return self.kind in HARD


@dataclass
class DayAudit:
    """A day of the route as timed: its faults and the minutes it spends on the road."""

    day: int
    faults: list[Fault] = field(default_factory=list)
    road_minutes: int = 0

    @property
    def works(self) -> bool:
        return not self.faults


def _ride_minutes(leg: Leg) -> int:
    return sum(
        round(s.ride_minutes) if s.ride_minutes is not None else s.minutes for s in leg.steps
    )


def _stop(p: Place, t: float, lang: str) -> Stop:
    return Stop(place=p.id, name=p.name(lang), time=hhmm(t), lat=round(p.lat, 6),
                lon=round(p.lon, 6))  # fmt: skip


class _Timer:
    def __init__(self, problem: Problem, route: Route) -> None:
        self.problem = problem
        self.route = route
        self.req = problem.request
        self.lang = self.req.lang
        self.w = words(self.lang)
        self.atlas = problem.travel.atlas

    def name(self, pid: str) -> str:
        return self.atlas.places[pid].name(self.lang)

    def reaches(self, kind: str, message: str, place: Place, t: float, **fields: object) -> Fault:
        """A fault of getting somewhere too late: ``message`` (marked with ``N_``, "reaches
        {place} at {time}, …") with the place's name, the time ``t`` (minutes) and
        ``fields``."""
        return Fault(kind, self.w._(message, place=place.name(self.lang), time=hhmm(t), **fields))

    def day(self, d: int, start: Place, end: Place, sights: list[Place]) -> tuple[Day, DayAudit]:
        w, req = self.w, self.req
        date = self.problem.dates[d]
        month = date.month if date else req.travel_month
        first_day, last_day = d == 0, d == req.days - 1
        day_start, day_end, (lunch_from, lunch_to, lunch_len) = PACE[req.pace]
        if first_day:
            t = float(minutes_of(req.arrive_time) + ARRIVAL_BUFFER[terminal_kind(start)])
        else:
            t = float(day_start)
        audit = DayAudit(day=d + 1)
        bad = audit.faults
        legs: list[Leg] = []
        visits: list[Visit] = []
        prev, begun, lunched = start, t, False
        for k, place in enumerate([*sights, end]):
            if not lunched and t >= lunch_from and k > 0:
                # a long visit over lunchtime eats on site; past lunchtime it was eaten on the way
                on_site = visits[-1].minutes >= MEAL_ON_SITE_MINUTES or "food" in prev.tags
                if t <= lunch_to and not on_site:
                    t += lunch_len
                lunched = True
            try:
                leg = leg_of(self.problem.travel, prev.id, place.id, t, self.lang, date)
            except NoServiceError:
                missed = [self.name(s.id) for s in sights[k:]]
                bad.append(
                    Fault(
                        "last-service",
                        w._(
                            "leaving {frm} at {time}, no bus or train is left to {to} that day",
                            frm=prev.name(self.lang),
                            time=hhmm(t),
                            to=place.name(self.lang),
                        )
                        + (
                            w._(" (not reached: {places})", places="、".join(missed))
                            if missed
                            else ""
                        ),
                    )
                )
                break
            except NoRouteError:
                bad.append(
                    Fault(
                        "no-route",
                        w._(
                            "no cited bus, train or short taxi goes from {frm} to {to}",
                            frm=prev.name(self.lang),
                            to=place.name(self.lang),
                        ),
                    )
                )
                break
            legs.append(leg)
            audit.road_minutes += _ride_minutes(leg)
            t = float(minutes_of(leg.arrive))
            if not (first_day and k == 0):  # the drive from where the trip begins aside
                self._after_dark(leg, place, t, date, month, bad)
            if place is end:
                break
            visit, t = self._visit(place, t, date, month, bad)
            visits.append(visit)
            prev = place
        broken = any(f.kind in ("last-service", "no-route") for f in bad)
        cap = ROAD_CAP[req.pace]
        if audit.road_minutes > cap:
            hours, cap_h = math.ceil(audit.road_minutes / 6) / 10, cap / 60
            bad.append(
                Fault(
                    "road",
                    w._(
                        "{hours} h on the road, more than the {cap} h a {pace} day allows",
                        hours=hours,
                        cap=cap_h,
                        pace=w._(req.pace),
                    ),
                )
            )
        if broken:
            pass  # the day stops where the service ran out: no time of arrival to judge
        elif last_day:
            latest = minutes_of(req.depart_time) - DEPARTURE_BUFFER[terminal_kind(end)]
            if t > latest:
                too_late = N_("reaches {place} at {time}, too late for the {depart} departure")
                bad.append(self.reaches("departure", too_late, end, t, depart=req.depart_time))
        elif t > max(day_end, begun + 120):
            late = N_("reaches the night's lodging in {place} at {time}, later than {end}")
            bad.append(self.reaches("late", late, end, t, end=hhmm(day_end)))
        day = Day(
            day=d + 1,
            date=date.isoformat() if date else None,
            weekday=w.weekday(date) if date else None,
            start=_stop(start, begun, self.lang),
            end=_stop(end, t, self.lang),
            visits=visits,
            legs=legs,
        )
        return day, audit

    def _after_dark(
        self, leg: Leg, place: Place, t: float, date: dt.date | None, month: int, bad: list[Fault]
    ) -> None:
        """A drive out of town at the wheel that ends over an hour after dusk (the planner's
        rule, docs/planning.md "Driving after dark")."""
        if self.req.transport != "self-drive":
            return
        km = sum(s.km for s in leg.steps if s.mode in CAR_MODES)
        day_of = date or dt.date(DUSK_YEAR, month, 15)
        tz = self.atlas.pack.region.timezone
        dusk = dark_arrival(place.lat, place.lon, day_of, tz, t, km)
        if dusk is not None:
            late = N_(
                "reaches {place} at {time} after {km} km at the wheel, over an hour after dark "
                "({dusk}): mountain roads are best driven by day"
            )
            bad.append(self.reaches("after-dark", late, place, t, km=round(km), dusk=hhmm(dusk)))

    def _visit(
        self, p: Place, t: float, date: dt.date | None, month: int, bad: list[Fault]
    ) -> tuple[Visit, float]:
        w, req, name = self.w, self.req, p.name(self.lang)
        period = p.hours_in(month)
        if period is None or (date is not None and date.weekday() in p.closed_weekdays):
            bad.append(Fault("closed", w._("{place} is closed then", place=name)))
            return visit_of(p, t, t, t, req, self.lang), t
        begin = max(t, float(minutes_of(period.open)))
        last = period.last_entry or period.close
        if begin > minutes_of(last):
            after = N_("reaches {place} at {time}, after its last entry ({last})")
            bad.append(self.reaches("after-entry", after, p, begin, last=last))
            return visit_of(p, t, t, t, req, self.lang), t
        leave = begin + service_minutes(p, req.pace)
        limit = float(minutes_of(period.close))
        why = "short"
        if outdoors(p):
            day_of = date or dt.date(DUSK_YEAR, month, 15)
            dusk = dusk_minutes(p.lat, p.lon, day_of, self.atlas.pack.region.timezone)
            if dusk < limit:
                limit, why = dusk, "dusk"
        if leave > limit:
            leave = max(begin, limit)
            if leave - begin < p.visit_short:
                until = w._("dusk") if why == "dusk" else w._("closing")
                bad.append(
                    Fault(
                        why,
                        w._(
                            "only {n} min at {place} before {until}; it needs at least {short}",
                            n=round(leave - begin),
                            place=name,
                            until=until,
                            short=p.visit_short,
                        ),
                    )
                )
        return visit_of(p, t, begin, leave, req, self.lang), leave


def time_route(problem: Problem, route: Route) -> tuple[Itinerary, list[DayAudit]]:
    """The route as written, timed day by day, enriched (meals, lodging, weather, tips,
    budget); every fault is kept, none mended. ``problem`` is the route's request prepared
    (its arrival, departure, days, month, pace and transport)."""
    atlas = problem.travel.atlas
    timer = _Timer(problem, route)
    req = problem.request
    days: list[Day] = []
    audits: list[DayAudit] = []
    here = problem.arrive
    for d, rd in enumerate(route.days):
        last = d == len(route.days) - 1
        end = problem.depart if last else atlas.places[rd.night or here.id]
        sights = [atlas.places[s] for s in rd.sights]
        day, audit = timer.day(d, here, end, sights)
        days.append(day)
        audits.append(audit)
        here = end
    w = words(req.lang)
    for d in range(len(days) - 1):
        nxt = days[d + 1]
        if nxt.legs and nxt.visits:
            ride = _ride_minutes(nxt.legs[0])
            hours = round(ride / 60, 1)
            if ride > FAR_NIGHT:
                audits[d].faults.append(
                    Fault(
                        "far-night",
                        w._(
                            "the night in {place} is {hours} h from the next morning's "
                            "first stop, {to}",
                            place=days[d].end.name,
                            hours=hours,
                            to=nxt.visits[0].name,
                        ),
                    )
                )
    title = w._("Route as written: {arrive} → {depart}", arrive=problem.arrive.name(req.lang),
                depart=problem.depart.name(req.lang))  # fmt: skip
    it = Itinerary(request=req, title=title, days=days, score=0.0,
                   generated=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))  # fmt: skip
    return enrich(it, problem), audits
