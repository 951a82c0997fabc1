"""Expected weather for each day and what to wear, by month and altitude.

The pack holds monthly climate tables for some bases. A day's figures come from the
nearest table, shifted by the standard lapse rate (0.6 °C per 100 m) to the altitude of
the highest place visited that day; any shift or borrowing is labelled an estimate.
"""

from __future__ import annotations

from typing import Any

from ..data.atlas import Atlas
from ..data.facts import resolve
from ..data.place import Place
from ..geo import great_circle_km
from ..i18n import N_, words
from ..model import Day, Itinerary, Weather

LAPSE_C_PER_M = 0.006
LAPSE_MIN_M = 150  # smaller altitude differences are within the tables' own noise
RAINY_MONTH_DAYS = 12
RAINY_MONTH_MM = 150
WEAR = [  # (daily low at or above, what to wear)
    (18, N_("T-shirt plus a light long-sleeved layer")),
    (12, N_("long sleeves and a light jacket")),
    (5, N_("a sweater or fleece and a windproof jacket")),
    (-99, N_("a down jacket, hat and gloves")),
]


def _tables(atlas: Atlas) -> list[tuple[Place, float, dict[int, Any], str, bool]]:
    out = []
    for c in atlas.pack.climate:
        base = atlas.places.get(c.base)
        if base is None:
            continue
        alt = resolve(c.altitude_m)
        monthly = resolve(c.monthly)
        table = {int(k): v for k, v in monthly.value.items()}
        out.append((base, float(alt.value), table, monthly.source, monthly.estimate))
    return out


def _wear(low: float, high: float, rainy: bool, lang: str) -> str:
    w = words(lang)
    advice = [w._(next(wear for floor, wear in WEAR if low >= floor))]
    if high - low >= 10:
        advice.append(w._("wide day-night swing, dress in layers"))
    if rainy:
        advice.append(w._("bring an umbrella and non-slip shoes"))
    return w.join(N_("{a}; {b}"), advice)


def _rain_plan(atlas: Atlas, it: Itinerary, day: Day) -> str | None:
    poor = [atlas.places[v.place] for v in day.visits if atlas.places[v.place].rain == "poor"]
    if not poor:
        return None
    planned = {v.place for d in it.days for v in d.visits}
    here = poor[0]
    options = sorted(
        (p for p in atlas.attractions if p.rain == "good" and p.id not in planned),
        key=lambda p: great_circle_km(here.lat, here.lon, p.lat, p.lon),
    )
    lang = it.request.lang
    w = words(lang)
    names = "、".join(p.name(lang) for p in poor)
    if not options:
        return w._("{places}: slippery when wet", places=names)
    return w._(
        "If it pours, the trails at {places} get slippery; {other} works in the rain instead",
        places=names,
        other=options[0].name(lang),
    )


def day_weather(atlas: Atlas, it: Itinerary, day: Day, tables: list[Any]) -> Weather | None:
    if not tables:
        return None
    month = it.request.travel_month
    area = atlas.places[day.end.place]
    if day.visits:
        area = atlas.places[day.visits[0].place]
    base, alt, table, source, est = min(
        tables, key=lambda t: great_circle_km(area.lat, area.lon, t[0].lat, t[0].lon)
    )
    heights = [atlas.places[v.place].altitude_m for v in day.visits]
    known = [h for h in heights if h is not None]
    night = atlas.places[day.end.place].altitude_m
    top = max(known) if known else (night if night is not None else alt)
    shift = -(top - alt) * LAPSE_C_PER_M if abs(top - alt) > LAPSE_MIN_M else 0.0
    m = table.get(month)
    if m is None:
        return None
    high, low = float(m["high"]) + shift, float(m["low"]) + shift
    rain_days = m.get("rain_days")
    rain_mm = m.get("rain_mm")
    rainy = (rain_days is not None and float(rain_days) >= RAINY_MONTH_DAYS) or (
        rain_mm is not None and float(rain_mm) >= RAINY_MONTH_MM
    )
    lang = it.request.lang
    far = great_circle_km(area.lat, area.lon, base.lat, base.lon) > 30
    return Weather(
        rain_mm=rain_mm,
        high_c=round(high, 1),
        low_c=round(low, 1),
        rain_days=rain_days,
        wear=_wear(low, high, rainy, lang),
        rain_plan=_rain_plan(atlas, it, day),
        estimate=est or shift != 0.0 or far,
        source=f"{base.name(lang)} climate table: {source}"
        + (f"; lapse rate to {top:.0f} m" if shift else ""),
    )


def add_weather(it: Itinerary, atlas: Atlas) -> None:
    tables = _tables(atlas)
    for day in it.days:
        day.weather = day_weather(atlas, it, day, tables)
