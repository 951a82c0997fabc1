"""Rich terminal rendering of an itinerary, laid out from its view."""

from __future__ import annotations

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..model import Itinerary
from .view import DayView, Row, TripView, trip_view


def _row(table: Table, r: Row, v: TripView) -> None:
    if r.kind == "leg":
        fare = ""
        if r.fare is not None:
            fare = f" {r.fare.text}"
            if any(b.kind == "est" for b in r.fare.badges):
                fare += f" ({v.labels['estimate']})"
        table.add_row(r.time, Text(f"→ {r.mode_label} {r.km}{fare}", style="dim"))
        for step in r.steps:
            table.add_row("", Text(f"  {step.line}", style="dim"))
    elif r.kind == "visit":
        ticket = ""
        if r.ticket is not None:
            ticket = f"  {v.labels['ticket']} {r.ticket.text}"
            if any(b.kind == "check" for b in r.ticket.badges):
                ticket += f" ⚠{v.labels['check']}"
        table.add_row(r.time, Text(f"{r.name}{ticket}", style="bold"))
        if r.fees:
            fees = " · ".join(f"{f.name} {f.amount} ({f.tag})" for f in r.fees)
            table.add_row("", Text(f"  {v.labels['fees']}: {fees}", style="dim"))


def _day(d: DayView, v: TripView) -> Panel:
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(style="cyan", no_wrap=True)
    table.add_column(overflow="fold")
    for r in d.rows:
        _row(table, r, v)
    for m in d.meals:
        dishes = v.labels["list_sep"].join(x.name for x in m.dishes)
        table.add_row(m.label(), f"{m.where} · {dishes}" if m.where else dishes)
        for x in m.dishes:
            if x.children:
                table.add_row("", f"{v.labels['children']}{v.labels['sep']}{x.name} — {x.children}")
    if d.evening is not None:
        est = f" ({v.labels['estimate']})" if d.evening.estimate else ""
        table.add_row(
            f"{v.labels['evening']} {d.evening.time}", Text(d.evening.line() + est, style="bold")
        )
    if d.lodging is not None:
        price = f" {d.lodging.price.text}" if d.lodging.price is not None else ""
        table.add_row(v.labels["sleep"], f"{d.lodging.name} ({d.lodging.kind}){price}")
        if d.evening is not None and d.lodging.why:  # why the night is here: its evening
            table.add_row("", Text(d.lodging.why, style="dim"))
    if d.weather is not None:
        table.add_row(v.labels["weather"], d.weather.line())
        if d.weather.rain_plan:
            table.add_row(v.labels["rain_plan"], d.weather.rain_plan)
    for t in d.tips:
        table.add_row("⚠", t.text)
    date = f" · {d.date}" if d.date else ""
    return Panel(table, title=f"{d.heading}{date}", title_align="left")


def to_rich(it: Itinerary, lang: str | None = None) -> Group:
    """A Rich renderable: one panel per day, then dropped places and the budget."""
    v = trip_view(it, lang)
    parts: list[Panel | Text | Table] = [Text(v.title, style="bold")]
    parts += [Text(f"⚠ {x}", style="yellow") for x in v.warnings]
    parts += [_day(d, v) for d in v.days]
    if v.dropped:
        t = Table(title=v.labels["dropped"], show_header=False)
        for x in v.dropped:
            t.add_row(x.name, x.reason + (f" — {x.fix}" if x.fix else ""))
        parts.append(t)
    if v.budget is not None:
        t = Table(title=v.labels["budget"], show_header=False)
        for label, amount in v.budget.rows:
            t.add_row(label, amount)
        t.add_row(v.labels["total"], v.budget.total)
        if v.budget.limit is not None:
            t.add_row(v.labels["limit"], v.budget.limit)
        for a in v.budget.advice:
            t.add_row("→", a)
        for n in v.budget.notes:
            t.add_row("·", n)
        parts.append(t)
    return Group(*parts)
