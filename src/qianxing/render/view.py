"""One view of an itinerary: what a traveller is shown, in which order, with which words.

Every renderer (the HTML and Markdown templates, the terminal, the web page's plan) reads
this view and only lays it out, so a label, a price format or the order of a day's parts is
decided once, here. Text is final (translated, money formatted) but not escaped: the Jinja2
templates escape it, the terminal prints it as text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..i18n import N_, Words, words
from ..message import PACE_LABELS, TRANSPORT_LABELS, Message
from ..model import (
    Budget,
    Day,
    Dropped,
    Evening,
    Fare,
    Itinerary,
    Leg,
    Lodging,
    Meal,
    Money,
    Step,
    Tip,
    Visit,
    Weather,
)
from .geometry import Line, day_lines, moves
from .maplinks import MapLinks, map_links
from .modes import mode_label


def safe_url(url: object) -> str | None:
    """``url`` if it is an absolute http(s) URL, else None (no ``javascript:`` and friends)."""
    if not isinstance(url, str):
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


@dataclass(frozen=True)
class Source:
    """A link to where a fact comes from, shown by its host name."""

    url: str
    label: str


@dataclass(frozen=True)
class Badge:
    """A short flag beside a figure: ``est`` (estimate), ``check``, ``reserve``, ``over``."""

    kind: str
    text: str


@dataclass(frozen=True)
class Price:
    """A formatted price with its flags."""

    text: str
    badges: tuple[Badge, ...] = ()
    source: Source | None = None


@dataclass(frozen=True)
class FeeView:
    name: str
    amount: str
    required: bool
    tag: str


@dataclass(frozen=True)
class StepView:
    """One part of a leg: a ride as read off a board, or a walk/taxi between two places."""

    mode: str
    mode_label: str
    text: str
    minutes: str
    fare: str | None
    ride: bool
    km: str = ""

    @property
    def line(self) -> str:
        """The step as one line under its leg: a ride as read off a board; a taxi, car or
        walk with its mode, distance and fare, which the leg's own line sums up."""
        if self.ride:
            return self.text
        fare = f" {self.fare}" if self.fare else ""
        return f"{self.mode_label} {self.text} {self.km}{fare}"


@dataclass(frozen=True)
class Row:
    """One line of a day's timeline: its start, a leg, a visit, or its end."""

    kind: str  # "start" | "leg" | "visit" | "end"
    time: str
    name: str = ""
    place: str = ""  # the place id of a visit (the web page's edit buttons find it by it)
    maps: MapLinks | None = None
    # a leg
    mode: str = ""
    mode_label: str = ""
    minutes: str = ""
    km: str = ""
    fare: Price | None = None
    steps: tuple[StepView, ...] = ()
    lines: tuple[Line, ...] = ()  # where each step runs on the map (render/geometry.py)
    # a visit
    about: str = ""
    ticket: Price | None = None
    fees: tuple[FeeView, ...] = ()
    hours: str | None = None
    reservation: str | None = None


@dataclass(frozen=True)
class DishView:
    name: str
    about: str
    price: str | None
    spice: int
    vegetarian: bool
    children: str | None = None
    find: str | None = None


@dataclass(frozen=True)
class MealView:
    meal: str
    where: str
    dishes: tuple[DishView, ...]
    price: Price | None
    time: str | None = None

    def label(self) -> str:
        """The meal's name with its time, as the timeline shows it (午餐 12:10–12:55)."""
        return f"{self.meal} {self.time}" if self.time else self.meal


@dataclass(frozen=True)
class LodgingView:
    name: str
    kind: str
    price: Price | None
    basis: str
    why: str
    maps: MapLinks | None


@dataclass(frozen=True)
class EveningView:
    """The outing after dinner at a night-view base (`model.Evening`)."""

    time: str
    name: str
    what: str
    estimate: bool
    source: Source | None

    def line(self) -> str:
        """The place and what to do there, on one line."""
        return f"{self.name} · {self.what}"


@dataclass(frozen=True)
class WeatherView:
    temperature: str | None
    rain: str | None
    wear: str
    rain_plan: str | None
    estimate: bool
    source: Source | None

    def line(self) -> str:
        """Temperature, rain and clothing on one line."""
        return " · ".join(x for x in (self.temperature, self.rain, self.wear) if x)


@dataclass(frozen=True)
class TipView:
    title: str | None
    body: str
    text: str
    source: Source | None


@dataclass(frozen=True)
class DayView:
    n: int
    heading: str
    date: str | None
    route: tuple[str, ...]
    weather: WeatherView | None
    rows: tuple[Row, ...]
    meals: tuple[MealView, ...]
    lodging: LodgingView | None
    tips: tuple[TipView, ...]
    evening: EveningView | None = None

    @property
    def lines(self) -> tuple[tuple[int, Line], ...]:
        """(leg number from 1, line) of every step of the day, in order: the map's lines."""
        legs = (r for r in self.rows if r.kind == "leg")
        return tuple((i, x) for i, r in enumerate(legs, start=1) for x in r.lines)


@dataclass(frozen=True)
class DroppedView:
    name: str
    reason: str
    fix: str | None
    maps: MapLinks | None


@dataclass(frozen=True)
class BudgetDayView:
    """One day's cost per person: its heading, total and the categories that cost anything."""

    heading: str
    total: str
    parts: tuple[str, ...]  # "Tickets ¥120"


@dataclass(frozen=True)
class BudgetView:
    rows: tuple[tuple[str, str], ...]  # (label, amount) by category
    total: str
    limit: str | None
    advice: tuple[str, ...]
    notes: tuple[str, ...]
    estimate: bool
    days: tuple[BudgetDayView, ...] = ()


@dataclass(frozen=True)
class TripView:
    """The whole plan as shown; ``w`` holds the words of its language for the templates."""

    w: Words
    html_lang: str
    title: str
    chips: tuple[str, ...]
    warnings: tuple[str, ...]
    days: tuple[DayView, ...]
    dropped: tuple[DroppedView, ...]
    budget: BudgetView | None
    generated: str
    labels: dict[str, str] = field(default_factory=dict)


def _maps(lat: float | None, lon: float | None, name: str) -> MapLinks | None:
    return None if lat is None or lon is None else map_links(lat, lon, name)


def _source(w: Words, url: object) -> Source | None:
    safe = safe_url(url)
    if safe is None:
        return None
    return Source(safe, w._("source: {host}", host=urlsplit(safe).hostname or safe))


def _ticket(w: Words, t: Money, student: float | None = None) -> Price:
    text = w._("free") if t.amount == 0 else w.yuan(t.amount)
    if t.low is not None and t.high is not None and round(t.low) != round(t.high):
        text += f" ({w.yuan_range(t.low, t.high)})"
    if student is not None:
        price = w._("free") if student == 0 else w.yuan(student)
        text += " · " + w._("students {price}", price=price)
    badges = []
    if t.estimate:
        badges.append(Badge("est", w._("estimate")))
    if t.check_before_you_go:
        badges.append(Badge("check", "⚠ " + w._("check before you go")))
    return Price(text, tuple(badges), _source(w, t.source))


def _fare(w: Words, f: Fare | None) -> Price | None:
    if f is None or f.high <= 0:
        return None
    badges = []
    if f.overcharge_above is not None:
        badges.append(Badge("over", w._("over {x} is overcharging", x=w.yuan(f.overcharge_above))))
    if f.estimate:
        badges.append(Badge("est", w._("estimate")))
    return Price(w.yuan_range(f.low, f.high), tuple(badges))


def _visit(w: Words, v: Visit) -> Row:
    fees = tuple(
        FeeView(
            f.names.get(w.lang, f.name),
            w.yuan(f.fare),
            f.required,
            w._("required") if f.required else w._("optional"),
        )
        for f in v.fees
    )
    return Row(
        kind="visit",
        time=f"{v.start}–{v.leave}",
        name=v.name,
        place=v.place,
        maps=_maps(v.lat, v.lon, v.name),
        about=v.what,
        ticket=_ticket(w, v.ticket, v.student_ticket) if v.ticket is not None else None,
        fees=fees,
        hours=v.hours,
        reservation=v.reservation,
    )


def ride_line(w: Words, step: Step) -> str | None:
    """One timetabled ride as a traveller reads it off a board, with how sure we are of it:
    "G2858 贵阳北 13:05 → 安顺西 13:34 (2020 timetable, check 12306)". None for a step
    that is not a scheduled service (walk, taxi, car)."""
    service, table = step.service, step.timetable
    if service is None or table is None:
        return None
    named = service.id != service.name and "--" not in service.id  # a train number
    head = f"{service.id} " if named else ""
    ride = f"{head}{step.from_stop} {step.depart} → {step.to_stop} {step.arrive}"
    where = w._("check 12306") if step.mode == "rail" else w._("check at the bus station")
    every = table.frequency.every_minutes if table.frequency is not None else None
    if table.kind == "estimate":
        basis = (
            w._("estimated service, about every {every} min; {where}", every=every, where=where)
            if every
            else w._("estimated service; {where}", where=where)
        )
    else:
        age = w._("undated source") if table.undated else w._("{year} source", year=table.date[:4])
        basis = (
            w._("about every {every} min ({age}), {where}", every=every, age=age, where=where)
            if every
            else w._("{age} timetable, {where}", age=age, where=where)
        )
    return w._("{ride} ({basis})", ride=ride, basis=basis)


def _step(w: Words, s: Step) -> StepView:
    ride = ride_line(w, s)
    text = ride if ride is not None else f"{s.from_name or s.from_} → {s.to_name or s.to}"
    lo, hi = s.fare
    return StepView(
        mode=s.mode,
        mode_label=mode_label(w, s.mode),
        text=text,
        minutes=w._("{n} min", n=s.minutes),
        fare=w.yuan_range(lo, hi) if hi > 0 else None,
        ride=ride is not None,
        km=km_text(s.km),
    )


def km_text(km: float) -> str:
    """Kilometres to one decimal below 10 km, whole above; "<0.1 km" for a step across the
    street (a sight the pack places at its town's own point, 安顺古城 in 安顺, read "0.0 km")."""
    if km < 0.05:
        return "<0.1 km"
    return f"{km:.{0 if km >= 10 else 1}f} km"


def leg_label(w: Words, leg: Leg) -> str:
    """The modes a leg takes, in order ("打车/网约车 + 火车/高铁"): a leg of a taxi to the
    station, a train and a bus is not "a train". Walks are left out beside a ride or a car,
    as its steps show them."""
    modes = [s.mode for s in leg.steps]
    moving = list(dict.fromkeys(m for m in modes if m != "walk"))
    return " + ".join(mode_label(w, m) for m in moving or [leg.mode])


def _leg(w: Words, leg: Leg, lines: tuple[Line, ...] = ()) -> Row:
    steps = tuple(_step(w, s) for s in leg.steps)
    return Row(
        kind="leg",
        time=f"{leg.depart}–{leg.arrive}",
        mode=leg.mode,
        mode_label=leg_label(w, leg),
        minutes=w._("{n} min", n=leg.minutes),
        km=km_text(leg.km),
        fare=_fare(w, leg.fare),
        steps=steps if len(steps) > 1 or any(s.ride for s in steps) else (),
        lines=lines,
    )


def _rows(w: Words, day: Day, region: str) -> tuple[Row, ...]:
    """Start, then each leg followed by the visit it reaches, then any left-over visits, end."""
    rows = [
        Row(
            kind="start",
            time=day.start.time,
            name=day.start.name,
            maps=_maps(day.start.lat, day.start.lon, day.start.name),
        )
    ]
    pending = list(day.visits)
    legs = [leg for leg in day.legs if moves(leg)]
    for leg, lines in zip(legs, day_lines(day, region), strict=True):
        rows.append(_leg(w, leg, lines))
        if pending and pending[0].place == leg.to:
            rows.append(_visit(w, pending.pop(0)))
    rows += [_visit(w, v) for v in pending]
    rows.append(
        Row(
            kind="end",
            time=day.end.time,
            name=day.end.name,
            maps=_maps(day.end.lat, day.end.lon, day.end.name),
        )
    )
    return tuple(rows)


def _meal(w: Words, m: Meal) -> MealView:
    dishes = tuple(
        DishView(
            d.name,
            d.about,
            w.yuan_range(*d.price) if d.price is not None else None,
            d.spice,
            d.vegetarian,
            d.children,
            d.find,
        )
        for d in m.dishes
    )
    price = _fare(w, m.price)
    return MealView(m.meal, m.where, dishes, price, m.time)


def _lodging(w: Words, lo: Lodging) -> LodgingView:
    price = None
    if lo.price is not None and lo.price.high > 0:
        est = (Badge("est", w._("estimate")),) if lo.price.estimate else ()
        price = Price(w.yuan_range(lo.price.low, lo.price.high), est)
    basis = lo.price.basis if lo.price is not None else ""
    return LodgingView(lo.name, lo.kind, price, basis, lo.why, _maps(lo.lat, lo.lon, lo.name))


def _evening(w: Words, e: Evening) -> EveningView:
    return EveningView(f"{e.start}–{e.end}", e.name, e.what, e.estimate, _source(w, e.source))


def _weather(w: Words, wt: Weather) -> WeatherView:
    temp = None
    if wt.low_c is not None and wt.high_c is not None:
        temp = f"{wt.low_c:.0f}–{wt.high_c:.0f} °C"
    rain = None
    if wt.rain_days is not None:
        days = round(wt.rain_days)
        rain = w._("about {n} rainy days a month", n=days)
    elif wt.rain_mm is not None:
        rain = w._("about {n} mm of rain in the month", n=round(wt.rain_mm))
    return WeatherView(temp, rain, wt.wear, wt.rain_plan, wt.estimate, _source(w, wt.source))


Say = Callable[[Message], str]
"""Words a stored sentence (`qianxing.message.Message`) in the view's language and style."""


def _tip(w: Words, say: Say, tip: Tip) -> TipView | None:
    if not tip.text or tip.kind == "lunch-after":
        return None
    text = say(tip.text)
    title = say(tip.title) if tip.title else None
    if title and text.startswith(title):
        body = text[len(title) :].lstrip("：: ")
        return TipView(title, body, text, _source(w, tip.source))
    return TipView(None, text, text, _source(w, tip.source))


def date_label(w: Words, day: Day) -> str | None:
    """The day's date with its weekday in the view's language, from the ISO date."""
    if not day.date:
        return None
    try:
        d = dt.date.fromisoformat(day.date)
    except ValueError:
        return day.date
    return f"{day.date} {w.weekday(d)}"


def _day(w: Words, say: Say, day: Day, region: str) -> DayView:
    tips = tuple(t for t in (_tip(w, say, x) for x in day.tips) if t is not None)
    return DayView(
        n=day.day,
        heading=w._("Day {n}", n=day.day),
        date=date_label(w, day),
        route=(day.start.name, *(v.name for v in day.visits), day.end.name),
        weather=_weather(w, day.weather) if day.weather is not None else None,
        rows=_rows(w, day, region),
        meals=tuple(_meal(w, m) for m in day.meals),
        lodging=_lodging(w, day.lodging) if day.lodging is not None else None,
        tips=tips,
        evening=_evening(w, day.evening) if day.evening is not None else None,
    )


def _dropped(say: Say, d: Dropped) -> DroppedView:
    fix = say(d.fix) if d.fix else None
    return DroppedView(d.name, say(d.reason), fix, _maps(d.lat, d.lon, d.name))


CATEGORY_LABELS = {
    "tickets": N_("Tickets"),
    "fees": N_("Required site fees"),
    "transport": N_("Transport"),
    "lodging": N_("Lodging"),
    "food": N_("Food"),
}


def _budget(w: Words, say: Say, b: Budget) -> BudgetView:
    return BudgetView(
        rows=tuple((w._(CATEGORY_LABELS[k]), w.yuan(v)) for k, v in b.parts()),
        total=w.yuan(b.total),
        limit=w.yuan(b.limit) if b.limit is not None else None,
        advice=tuple(say(m) for m in b.advice or ()),
        notes=tuple(say(m) for m in b.notes),
        estimate=b.estimate,
        days=tuple(
            BudgetDayView(
                heading=w._("Day {n}", n=d.day),
                total=w.yuan(d.total),
                parts=tuple(
                    f"{w._(label)} {w.yuan(getattr(d, k))}"
                    for k, label in CATEGORY_LABELS.items()
                    if getattr(d, k)
                ),
            )
            for d in b.days
        ),
    )


def _chips(w: Words, it: Itinerary) -> tuple[str, ...]:
    r = it.request
    when = r.start.isoformat() if r.start is not None else w._("month {m}", m=r.travel_month)
    return (
        w.n_("{n} day", "{n} days", r.days),
        when,
        w.n_("{n} traveller", "{n} travellers", r.party),
        w._(PACE_LABELS[r.pace]),
        w._(TRANSPORT_LABELS[r.transport]),
    )


def trip_view(it: Itinerary, lang: str | None = None, *, flags: bool = True) -> TripView:
    """The view of ``it`` in ``lang`` (default: the language the plan was made in).

    The planner's sentences are worded here; an option they ask the traveller to change is
    its command-line flag (``--must 西江``), or with ``flags=False`` (the web page) the form
    field (“必去：西江”)."""
    w = words(lang or it.request.lang)

    def say(m: Message) -> str:
        return m.text(w.lang, flags=flags)

    labels = {
        "brand": "黔行 QIANXING",
        "sep": "：" if w.lang == "zh" else ": ",
        "list_sep": "、" if w.lang == "zh" else ", ",
        "contents": w._("Contents"),
        "notes": w._("Notes"),
        "weather": w._("Weather and clothing"),
        "rain_plan": w._("If it rains"),
        "meals": w._("Meals"),
        "sleep": w._("Sleep"),
        "evening": w._("After dark"),
        "tips": w._("Watch out"),
        "dropped": w._("Left out"),
        "budget": w._("Budget (per person)"),
        "item": w._("Item"),
        "amount": w._("Amount"),
        "total": w._("Total"),
        "per_day": w._("Per day"),
        "limit": w._("Your budget"),
        "advice": w._("Advice"),
        "fix": w._("Try"),
        "route": w._("Route"),
        "ticket": w._("Ticket"),
        "fees": w._("Extra fees"),
        "hours": w._("Hours"),
        "reserve": w._("Reservation"),
        "start": w._("Start"),
        "end": w._("End"),
        "amap": w._("Amap"),
        "baidu": w._("Baidu Maps"),
        "spice": w._("spice"),
        "vegetarian": w._("vegetarian"),
        "children": w._("With children"),
        "find": w._("Where to find it"),
        "estimate": w._("estimate"),
        "check": w._("check before you go"),
        "footer": w._(
            "Prices, hours and booking rules change; confirm anything marked “estimate” "
            "or “check before you go” before you set off."
        ),
        "generated": w._("Generated {t}", t=it.generated) if it.generated else "",
    }
    return TripView(
        w=w,
        html_lang="zh-CN" if w.lang == "zh" else "en",
        title=it.title,
        chips=_chips(w, it),
        warnings=tuple(say(m) for m in it.warnings),
        days=tuple(_day(w, say, d, it.request.region) for d in it.days),
        dropped=tuple(_dropped(say, d) for d in it.dropped),
        budget=_budget(w, say, it.budget) if it.budget is not None else None,
        generated=it.generated,
        labels=labels,
    )


__all__ = ["TripView", "km_text", "leg_label", "ride_line", "safe_url", "trip_view"]
