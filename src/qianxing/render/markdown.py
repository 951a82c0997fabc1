"""Markdown rendering of an itinerary (also the basis of the HTML export)."""

from __future__ import annotations

from ..model import Itinerary, Leg, Visit
from .labels import budget_label, ride_line, w, yuan_range


def _fare(leg: Leg, lang: str) -> str:
    if leg.fare is None or leg.fare.high == 0:
        return ""
    text = f" · {yuan_range(leg.fare.low, leg.fare.high)}"
    if leg.fare.overcharge_above is not None:
        text += (
            f"（超过 ¥{leg.fare.overcharge_above:.0f} 即偏贵）"
            if lang == "zh"
            else f" (over ¥{leg.fare.overcharge_above:.0f} is overcharging)"
        )
    if leg.fare.estimate:
        text += f" *{w('estimate', lang)}*"
    return text


def _visit(v: Visit, lang: str) -> str:
    line = f"- **{v.start}–{v.leave} {v.name}**"
    if v.ticket is not None:
        t = v.ticket
        price = f"¥{t.amount:.0f}"
        if t.low is not None and t.high is not None and t.low != t.high:
            price += f" (¥{t.low:.0f}–{t.high:.0f})"
        flag = f" ⚠ {w('check', lang)}" if t.check_before_you_go else ""
        line += f" · {w('ticket', lang)} {price}{flag}"
    for fee in v.fees:
        line += f" · {fee.name} ¥{fee.fare:.0f}"
    if v.reservation:
        line += f" · {w('reserve', lang)}: {v.reservation}"
    if v.what:
        line += f"\n  {v.what}"
    return line


def to_markdown(it: Itinerary) -> str:
    """The whole itinerary as Markdown."""
    lang = it.request.lang
    out = [f"# {it.title}", ""]
    for warning in it.warnings:
        out.append(f"> {warning}")
    for day in it.days:
        date = f" · {day.date} {day.weekday}" if day.date else ""
        out += ["", f"## {w('day', lang, n=day.day)}{date}", ""]
        if day.weather is not None:
            wt = day.weather
            out.append(f"*{w('weather', lang)}: {wt.low_c}–{wt.high_c}°C · {wt.wear}*")
            out.append("")
        stops = iter(day.visits)
        for leg in day.legs:
            km = f"{leg.km:.{0 if leg.km >= 10 else 1}f}"
            out.append(f"- {leg.depart}→{leg.arrive} {leg.mode} {km} km{_fare(leg, lang)}")
            out.extend(f"  - {r}" for s in leg.steps if (r := ride_line(s, lang)) is not None)
            v = next(stops, None)
            if v is not None:
                out.append(_visit(v, lang))
        for meal in day.meals:
            dishes = "、".join(d.name for d in meal.dishes)
            out.append(f"- 🍜 {meal.meal} @ {meal.where}: {dishes}")
        if day.lodging is not None:
            lo = day.lodging
            price = f" ¥{lo.price.low:.0f}–{lo.price.high:.0f}" if lo.price else ""
            out.append(f"- 🛏 {w('sleep', lang)}: {lo.name} ({lo.kind}){price}")
        for tip in day.tips:
            if tip.text:
                out.append(f"- ⚠ {tip.text}")
    if it.dropped:
        out += ["", f"## {w('dropped', lang)}", ""]
        out += [
            f"- **{d.name}**: {d.reason}" + (f" — {d.fix}" if d.fix else "") for d in it.dropped
        ]
    if it.budget is not None:
        b = it.budget
        rows = [*b.parts(), ("total", b.total)] + ([("limit", b.limit)] if b.limit else [])
        out += ["", f"## {w('budget', lang)}", ""]
        out += [f"- {budget_label(k, lang)}: ¥{v:.0f}" for k, v in rows]
        out += [f"- {a}" for a in b.advice or []]
    return "\n".join(out) + "\n"
