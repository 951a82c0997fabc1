"""Timed visits and legs of an itinerary, with the facts a traveller needs at each stop."""

from __future__ import annotations

from typing import Any

from .data.facts import Resolved
from .instance import hhmm, minutes_of
from .model import Fare, Leg, Money, Place, Request, Visit
from .travel import TravelModel, fare_range, leg_mode

FACT_ZH = {"ticket": "门票", "hours": "开放时间", "fees": "景区内交通/附加费用"}
MODE_ZH = {
    "walk": "步行",
    "taxi": "打车/网约车",
    "car": "包车/自驾",
    "rail": "火车/高铁",
    "bus": "大巴",
    "shuttle": "景区直通车",
    "intercity-bus": "城际大巴",
}


def _money(amount: float, r: Resolved | None) -> Money:
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


def leg_of(travel: TravelModel, a: str, b: str, depart: float, lang: str) -> Leg:
    """The leg from ``a`` to ``b`` leaving at ``depart`` (minutes after midnight)."""
    steps = travel.steps(a, b)
    minutes = travel.time(a, b)
    low, high, over = fare_range(steps)
    mode = leg_mode(steps)
    basis = "+".join(dict.fromkeys(s.mode for s in steps)) or "walk"
    fare = None
    if steps:
        fare = Fare(
            low=low,
            high=high,
            overcharge_above=over,
            basis=basis,
            estimate=any(s.estimate for s in steps),
        )
    return Leg.model_validate(
        {
            "from": a,
            "to": b,
            "mode": mode,
            "depart": hhmm(depart),
            "arrive": hhmm(depart + minutes),
            "minutes": round(minutes),
            "km": round(sum(s.km for s in steps), 1),
            "fare": fare,
            "estimate": any(s.estimate for s in steps) if steps else False,
            "steps": _timed([_step(s, lang) for s in steps], depart),
        }
    )


def _timed(steps: list[dict[str, Any]], depart: float) -> list[dict[str, Any]]:
    """Clock times for each step: boarding buffers are part of the step's minutes."""
    t = depart
    for step in steps:
        step["depart"] = hhmm(t)
        t += step["minutes"]
        step["arrive"] = hhmm(t)
    return steps


def _step(s: Any, lang: str) -> dict[str, Any]:
    out = {
        "mode": s.mode,
        "from": s.frm,
        "to": s.to,
        "minutes": round(s.minutes),
        "km": round(s.km, 1),
        "fare": [s.fare_low, s.fare_high],
        "estimate": s.estimate,
    }
    if lang == "zh":
        out["mode_name"] = MODE_ZH.get(s.mode, s.mode)
    if s.source:
        out["source"] = s.source
    if s.overcharge_above is not None:
        out["overcharge_above"] = s.overcharge_above
    return out


def _hours(p: Place, month: int) -> str | None:
    period = p.hours_in(month)
    if period is None:
        return None
    last = f" (last entry {period.last_entry})" if period.last_entry else ""
    return f"{period.open}-{period.close}{last}"


def visit_of(p: Place, arrive: float, start: float, leave: float, req: Request, lang: str) -> Visit:
    """A timed visit with ticket, fees, reservation rule and opening hours."""
    facts = p.facts
    ticket = _money(p.ticket_full, facts.get("ticket"))
    fees = [{"name": f.name, "fare": f.fare, "required": f.required} for f in p.fees]
    reservation = None
    if "reservation" in facts:
        r = facts["reservation"].value
        if isinstance(r, dict) and r.get("required"):
            ahead = r.get("ahead_days")
            how = r.get("how") or ""
            if ahead:
                how += f"（提前 {ahead} 天）" if lang == "zh" else f" ({ahead} day(s) ahead)"
            reservation = how or ("需预约" if lang == "zh" else "reservation required")
    notes = [
        (f"{FACT_ZH[k]}：出行前请核实" if lang == "zh" else f"{k}: check before you go")
        for k, v in facts.items()
        if k in ("ticket", "hours", "fees") and v.check
    ]
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
        fees=fees,
        reservation=reservation,
        hours=_hours(p, req.travel_month),
        notes=notes,
    )


__all__ = ["hhmm", "leg_of", "minutes_of", "visit_of"]
