"""Timed visits and legs of an itinerary, with the facts a traveller needs at each stop."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .data.facts import Resolved
from .data.gtfs import Departure
from .data.place import Place
from .exceptions import NoServiceError
from .i18n import N_, Words, words
from .instance import hhmm, minutes_of
from .model import (
    Fare,
    Fee,
    Frequency,
    Leg,
    Money,
    Request,
    Service,
    Step,
    Timetable,
    Visit,
)
from .modes import MODES
from .travel import BOARD_MIN, TravelModel, fare_range, leg_mode
from .travel import Step as TravelStep

FACT_CHECKS = {
    "ticket": N_("ticket: check before you go"),
    "hours": N_("hours: check before you go"),
    "fees": N_("fees: check before you go"),
}
"""The note on a visit whose fact (ticket, hours, fees) the sources say to check."""


def _money(amount: float, r: Resolved[Any] | None) -> Money:
    if r is None:
        return Money(amount=amount)
    return Money(
        amount=amount,
        low=r.low,
        high=r.high,
        estimate=r.estimate,
        check_before_you_go=r.check,
        source=r.source,
        date=r.date.isoformat(),
    )


def leg_of(
    travel: TravelModel,
    a: str,
    b: str,
    depart: float,
    lang: str,
    date: dt.date | None = None,
) -> Leg:
    """The leg from ``a`` to ``b`` leaving at ``depart`` (minutes after midnight).

    Rides of the timetable leave at a scheduled time: the traveller reaches the stop, waits
    at least the boarding buffer, and takes the first service that runs that day. Of the
    journeys worth timing (`TravelModel.alternatives`: the cost-best one, the best without
    rail, without buses), the traveller takes the one that arrives first at that hour; on a
    tie the cheaper, then the cost-best. When none has a service left, the traveller takes
    the direct taxi the transport setting allows (`TravelModel.car`); without one the leg
    cannot be made that day (:class:`NoServiceError`, naming the ride whose last service
    left latest).
    """
    options: list[tuple[tuple[float, float, int], list[TravelStep]]] = []
    missed: list[NoServiceError] = []
    for k, journey in enumerate(travel.alternatives(a, b)):
        try:
            arrive_at = _arrival(travel, journey, depart, date)
        except NoServiceError as exc:
            missed.append(exc)
            continue
        low, high, _ = fare_range(journey)
        options.append(((round(arrive_at), low + high, k), journey))
    if options:
        steps = min(options, key=lambda o: o[0])[1]
    else:
        car = travel.car(a, b)
        if car is None:
            raise _last_missed(travel, missed, date)
        steps = [car]  # the last service has gone: a taxi, as the traveller would take
    timed = _timed(travel, steps, depart, date, lang)
    low, high, over = fare_range(steps)
    basis = "+".join(dict.fromkeys(s.mode for s in steps)) or "walk"
    fare = None
    if steps:
        fare = Fare(
            low=low,
            high=high,
            overcharge_above=over,
            basis=basis,
            estimate=any(s.fare_estimated for s in steps if s.fare_high > 0),
        )
    arrive = minutes_of(timed[-1].arrive or hhmm(depart)) if timed else depart
    return Leg.model_validate(
        {
            "from": a,
            "to": b,
            "mode": leg_mode(steps),
            "depart": hhmm(depart),
            "arrive": hhmm(arrive),
            "minutes": round(arrive - depart),
            "km": round(sum(s.km for s in steps), 1),
            "fare": fare,
            "estimate": any(s.estimate for s in steps) if steps else False,
            "steps": timed,
        }
    )


def _arrival(
    travel: TravelModel, steps: list[TravelStep], depart: float, date: dt.date | None
) -> float:
    """The minute ``steps`` left at ``depart`` arrive, timed as `_timed` times them."""
    t = depart
    for s in steps:
        if s.route is None:
            t += s.minutes
            continue
        buffer = BOARD_MIN[s.mode]
        ride = travel.feed.next_departure(s.frm, s.to, t + buffer, date)
        if ride is None:
            raise NoServiceError(s.frm, s.to, t + buffer)
        t = ride.arrive
    return t


def _last_missed(
    travel: TravelModel, missed: list[NoServiceError], date: dt.date | None
) -> NoServiceError:
    """Of the rides each journey missed, the one whose last service that day left latest:
    the one a re-solve reaches first by starting the journey earlier."""
    feed = travel.feed

    def last(exc: NoServiceError) -> float:
        runs = [
            r.depart
            for r in feed.departures(exc.from_stop, exc.to_stop)
            if feed.runs_on(r.service_id, date)
        ]
        return max(runs, default=-1.0)

    return max(missed, key=last)  # stable: the cost-best journey's ride on a tie


def _timed(
    travel: TravelModel, steps: list[TravelStep], depart: float, date: dt.date | None, lang: str
) -> list[Step]:
    """Clock times for each step; a ride waits for its service after the boarding buffer."""
    t = depart
    out = []
    for s in steps:
        step = _step(travel, s, lang)
        if s.route is None:
            step.depart = hhmm(t)
            t += s.minutes
        else:
            buffer = BOARD_MIN[s.mode]
            ride = travel.feed.next_departure(s.frm, s.to, t + buffer, date)
            if ride is None:
                raise NoServiceError(s.frm, s.to, t + buffer)
            step = step.model_copy(update=_service(travel, ride, t, lang))
            t = ride.arrive
        step.arrive = hhmm(t)
        out.append(step)
    return out


def _service(travel: TravelModel, ride: Departure, reached: float, lang: str) -> dict[str, Any]:
    """What a traveller needs to board: the service, stops, times, wait and its timetable."""
    names = travel.feed.stops
    places = travel.atlas.places
    timetable = Timetable(
        source=ride.provenance.source,
        date=ride.provenance.date.isoformat(),
        kind=ride.provenance.kind,
        exact=ride.exact,
        # ``date`` is then the day we saw the page
        undated=True if not ride.provenance.dated else None,
        method=ride.provenance.method or None,
        frequency=Frequency(every_minutes=ride.headway) if ride.headway is not None else None,
    )

    def stop_name(sid: str) -> str:
        return places[sid].name(lang) if sid in places else names.get(sid, sid)

    return {
        "service": Service(
            id=ride.name or ride.route.id, route=ride.route.id, name=ride.route.long_name
        ),
        "from_stop": stop_name(ride.from_stop),
        "to_stop": stop_name(ride.to_stop),
        "depart": hhmm(ride.depart),
        "ride_minutes": ride.minutes,
        "wait_minutes": round(ride.depart - reached),
        "timetable": timetable,
        "minutes": round(ride.arrive - reached),
    }


def _mode_name(w: Words, mode: str) -> str | None:
    """A step's mode in words, written into the JSON of Chinese plans only (its shape from
    before the catalogues; the renderers label a mode from the registry in any language)."""
    if w.lang != "zh":
        return None
    info = MODES.get(mode)
    return w._(info.label) if info is not None else mode


def _step(travel: TravelModel, s: TravelStep, lang: str) -> Step:
    places = travel.atlas.places
    return Step.model_validate(
        {
            "mode": s.mode,
            "from": s.frm,
            "to": s.to,
            "minutes": round(s.minutes),
            "km": round(s.km, 1),
            "fare": (s.fare_low, s.fare_high),
            "estimate": s.estimate,
            "mode_name": _mode_name(words(lang), s.mode),
            "source": s.source or None,
            "overcharge_above": s.overcharge_above,
            "from_name": places[s.frm].name(lang) if s.frm in places else None,
            "to_name": places[s.to].name(lang) if s.to in places else None,
        }
    )


def _hours(p: Place, month: int) -> str | None:
    period = p.hours_in(month)
    if period is None:
        return None
    last = f" (last entry {period.last_entry})" if period.last_entry else ""
    return f"{period.open}-{period.close}{last}"


def visit_of(p: Place, arrive: float, start: float, leave: float, req: Request, lang: str) -> Visit:
    """A timed visit with ticket, fees, reservation rule and opening hours."""
    w = words(lang)
    facts = p.facts
    full, _reduced, resolved = p.ticket_in(req.travel_month)
    ticket = _money(full, resolved)
    fees = [
        Fee(
            name=f.name.in_(lang),
            names={"zh": f.name.zh, "en": f.name.en},
            fare=f.fare,
            required=f.required,
        )
        for f in p.fees
    ]
    reservation = None
    if "reservation" in facts:
        r = facts["reservation"].value
        if isinstance(r, dict) and r.get("required"):
            ahead = r.get("ahead_days")
            how = (r.get("how_zh") if lang == "zh" else None) or r.get("how") or ""
            if ahead:
                how = w._("{how} ({n} day(s) ahead)", how=how, n=ahead)
            reservation = how or w._("reservation required")
    notes = [w._(FACT_CHECKS[k]) for k, v in facts.items() if k in FACT_CHECKS and v.check]
    return Visit(
        place=p.id,
        name=p.name(lang),
        lat=round(p.lat, 6),
        lon=round(p.lon, 6),
        arrive=hhmm(arrive),
        start=hhmm(start),
        leave=hhmm(leave),
        minutes=round(leave - start),
        what=p.about(lang),
        ticket=ticket,
        student_ticket=p.stated_price(req.travel_month, "student") if req.students else None,
        fees=fees,
        reservation=reservation,
        hours=_hours(p, req.travel_month),
        notes=notes,
    )


__all__ = ["hhmm", "leg_of", "minutes_of", "visit_of"]
