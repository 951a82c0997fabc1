"""Rich terminal rendering of an itinerary."""

from __future__ import annotations

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..model import Itinerary
from .labels import budget_label, ride_line, w, yuan_range


def to_rich(it: Itinerary) -> Group:
    """A Rich renderable: one panel per day, then dropped places and the budget."""
    lang = it.request.lang
    parts: list[Panel | Text | Table] = [Text(it.title, style="bold")]
    for warning in it.warnings:
        parts.append(Text(f"⚠ {warning}", style="yellow"))
    for day in it.days:
        table = Table(show_header=False, box=None, pad_edge=False)
        table.add_column(style="cyan", no_wrap=True)
        table.add_column(overflow="fold")
        stops = iter(day.visits)
        for leg in day.legs:
            fare = ""
            if leg.fare is not None and leg.fare.high > 0:
                fare = f" {yuan_range(leg.fare.low, leg.fare.high)}"
                if leg.fare.estimate:
                    fare += f" ({w('estimate', lang)})"
            table.add_row(
                f"{leg.depart}–{leg.arrive}",
                Text(f"→ {leg.mode} {leg.km:.{0 if leg.km >= 10 else 1}f} km{fare}", style="dim"),
            )
            for step in leg.steps:
                ride = ride_line(step, lang)
                if ride is not None:
                    table.add_row("", Text(f"  {ride}", style="dim"))
            v = next(stops, None)
            if v is not None:
                ticket = ""
                if v.ticket is not None:
                    ticket = f"  {w('ticket', lang)} ¥{v.ticket.amount:.0f}"
                    if v.ticket.check_before_you_go:
                        ticket += f" ⚠{w('check', lang)}"
                table.add_row(f"{v.start}–{v.leave}", Text(f"{v.name}{ticket}", style="bold"))
        for meal in day.meals:
            table.add_row(meal.meal, "、".join(d.name for d in meal.dishes))
        if day.lodging is not None:
            price = ""
            if day.lodging.price is not None:
                price = f" ¥{day.lodging.price.low:.0f}–{day.lodging.price.high:.0f}"
            table.add_row(w("sleep", lang), f"{day.lodging.name} ({day.lodging.kind}){price}")
        if day.weather is not None:
            table.add_row(
                w("weather", lang), f"{day.weather.low_c}–{day.weather.high_c}°C {day.weather.wear}"
            )
        for tip in day.tips:
            if tip.text:
                table.add_row("⚠", tip.text)
        date = f" · {day.date} {day.weekday}" if day.date else ""
        parts.append(Panel(table, title=f"{w('day', lang, n=day.day)}{date}", title_align="left"))
    if it.dropped:
        t = Table(title=w("dropped", lang), show_header=False)
        for d in it.dropped:
            t.add_row(d.name, d.reason + (f" — {d.fix}" if d.fix else ""))
        parts.append(t)
    if it.budget is not None:
        b = it.budget
        t = Table(title=w("budget", lang), show_header=False)
        rows = [*b.parts(), ("total", b.total)] + ([("limit", b.limit)] if b.limit else [])
        for key, amount in rows:
            t.add_row(budget_label(key, lang), f"¥{amount:.0f}")
        for a in b.advice or []:
            t.add_row("→", a)
        parts.append(t)
    return Group(*parts)
