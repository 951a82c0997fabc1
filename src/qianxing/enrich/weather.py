"""Expected weather for each day and what to wear, by place, altitude and month.

The pack holds monthly climate tables for weather stations (``climate.yaml``). A day's
figures come from the station nearest the day's first stop *of the same altitude class* as
the highest place visited (low < 800 m, middle 800-1600 m, high >= 1600 m), within
``NEAR_KM``; failing that, from the nearest station. When the day's highest place is more
than ``LAPSE_MIN_M`` above or below that station, the temperatures are shifted by the
standard lapse rate (0.6 °C per 100 m) and the day is labelled an estimate. Rain comes from
the same station, or, where its table has no rain figures, from the nearest table that has
them (said in the source). In a rainy month a day with outdoor sights names the indoor sight
nearest to them as the alternative.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from ..data.atlas import Atlas
from ..data.facts import resolve
from ..data.place import Place
from ..geo import great_circle_km
from ..i18n import N_, words
from ..model import Day, Itinerary, Weather
from ..pace import outdoors

LAPSE_C_PER_M = 0.006
LAPSE_MIN_M = 150  # smaller altitude differences are within the tables' own noise
NEAR_KM = 150.0  # a station of the right altitude class farther than this is not "nearby"
INDOOR_KM = 60.0  # an indoor alternative farther than this from the day's sights is not named
RAINY_MONTH_DAYS = 12
RAINY_MONTH_MM = 150
AltitudeClass = Literal["low", "middle", "high"]
CLASS_BOUNDS_M = (800.0, 1600.0)
INDOOR_TAGS = frozenset({"cave", "museum"})
WEAR = [  # (daily low at or above, what to wear)
    (18, N_("T-shirt plus a light long-sleeved layer")),
    (12, N_("long sleeves and a light jacket")),
    (5, N_("a sweater or fleece and a windproof jacket")),
    (-99, N_("a down jacket, hat and gloves")),
]


@dataclass(frozen=True)
class Station:
    """One climate table placed on the map: its position (WGS84), height (m) and months."""

    key: str
    zh: str
    en: str
    lat: float
    lon: float
    altitude_m: float
    months: dict[int, dict[str, Any]]
    source: str
    estimate: bool

    def name(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    @property
    def altitude_class(self) -> AltitudeClass:
        return altitude_class(self.altitude_m)

    def has_rain(self, month: int) -> bool:
        m = self.months.get(month, {})
        return m.get("rain_days") is not None or m.get("rain_mm") is not None


def altitude_class(metres: float) -> AltitudeClass:
    """``low`` below 800 m, ``high`` from 1600 m, ``middle`` between."""
    low, high = CLASS_BOUNDS_M
    return "low" if metres < low else "high" if metres >= high else "middle"


def stations(atlas: Atlas) -> list[Station]:
    """Every climate table of the pack with a position: its base's, or its own coordinates."""
    out = []
    for c in atlas.pack.climate:
        if c.base is not None:
            base = atlas.places.get(c.base)
            if base is None:
                continue
            zh, en, lat, lon = base.zh, base.en, base.lat, base.lon
        else:
            assert c.station is not None and c.coord is not None
            ll = resolve(c.coord).value
            zh, en, lat, lon = c.station.zh, c.station.en, float(ll["lat"]), float(ll["lon"])
        monthly = resolve(c.monthly)
        out.append(
            Station(
                key=c.key,
                zh=zh,
                en=en,
                lat=lat,
                lon=lon,
                altitude_m=float(resolve(c.altitude_m).value),
                months={int(k): dict(v) for k, v in monthly.value.items()},
                source=monthly.source,
                estimate=monthly.estimate,
            )
        )
    return out


def _km(p: Place, s: Station) -> float:
    return great_circle_km(p.lat, p.lon, s.lat, s.lon)


def station_for(area: Place, top_m: float | None, table: list[Station]) -> Station:
    """The station for a day around ``area`` whose highest point is ``top_m`` (None: unknown):
    the nearest of the same altitude class within ``NEAR_KM``, else the nearest."""
    if top_m is not None:
        same = [
            s
            for s in table
            if s.altitude_class == altitude_class(top_m) and _km(area, s) <= NEAR_KM
        ]
        if same:
            return min(same, key=lambda s: _km(area, s))
    return min(table, key=lambda s: _km(area, s))


def _wear(low: float, high: float, rainy: bool, lang: str) -> str:
    w = words(lang)
    advice = [w._(next(wear for floor, wear in WEAR if low >= floor))]
    if high - low >= 10:
        advice.append(w._("wide day-night swing, dress in layers"))
    if rainy:
        advice.append(w._("bring an umbrella and non-slip shoes"))
    return w.join(N_("{a}; {b}"), advice)


def _indoor(p: Place) -> bool:
    return p.rain == "good" or bool(INDOOR_TAGS & set(p.tags))


def indoor_alternative(atlas: Atlas, it: Itinerary, day: Day) -> tuple[Place, float] | None:
    """The indoor sight (``rain: good``, a cave or a museum) nearest to the day's outdoor
    sights and at most ``INDOOR_KM`` from one, not already in the plan, with its
    distance in km; None if the day has no outdoor sight or no such place exists."""
    out = [atlas.places[v.place] for v in day.visits]
    out = [p for p in out if outdoors(p) and not _indoor(p)]
    if not out:
        return None
    planned = {v.place for d in it.days for v in d.visits}
    best: tuple[Place, float] | None = None
    for p in atlas.attractions:
        if not _indoor(p) or p.id in planned:
            continue
        km = min(great_circle_km(q.lat, q.lon, p.lat, p.lon) for q in out)
        if km <= INDOOR_KM and (best is None or km < best[1]):
            best = (p, km)
    return best


def _rain_plan(atlas: Atlas, it: Itinerary, day: Day, rainy: bool) -> str | None:
    lang = it.request.lang
    w = words(lang)
    poor = [atlas.places[v.place] for v in day.visits if atlas.places[v.place].rain == "poor"]
    names = "、".join(p.name(lang) for p in poor)
    if rainy:
        alt = indoor_alternative(atlas, it, day)
        if alt is not None:
            place, km = alt
            other, dist = place.name(lang), f"{km:.0f}"
            if poor:
                return w._(
                    "Rainy season: the trails at {places} get slippery in a downpour; "
                    "{other} ({km} km away) is indoors",
                    places=names,
                    other=other,
                    km=dist,
                )
            return w._(
                "Rainy season: if it pours, {other} ({km} km away) is indoors",
                other=other,
                km=dist,
            )
    if not poor:
        return None
    planned = {v.place for d in it.days for v in d.visits}
    here = poor[0]
    options = sorted(
        (p for p in atlas.attractions if p.rain == "good" and p.id not in planned),
        key=lambda p: great_circle_km(here.lat, here.lon, p.lat, p.lon),
    )
    if not options:
        return w._("{places}: slippery when wet", places=names)
    return w._(
        "If it pours, the trails at {places} get slippery; {other} works in the rain instead",
        places=names,
        other=options[0].name(lang),
    )


def _rain(station: Station, area: Place, month: int, table: list[Station]) -> Station | None:
    """The station whose rain figures the day uses: its own, else the nearest with some."""
    if station.has_rain(month):
        return station
    wet = [s for s in table if s.has_rain(month)]
    return min(wet, key=lambda s: _km(area, s)) if wet else None


def day_weather(atlas: Atlas, it: Itinerary, day: Day, table: list[Station]) -> Weather | None:
    """The climate of ``day``'s area in the trip's month, shifted to its highest point."""
    if not table:
        return None
    month = it.request.travel_month
    area = atlas.places[day.end.place]
    if day.visits:
        area = atlas.places[day.visits[0].place]
    heights = [atlas.places[v.place].altitude_m for v in day.visits]
    known = [h for h in heights if h is not None]
    night = atlas.places[day.end.place].altitude_m
    top = max(known) if known else night
    station = station_for(area, top, table)
    m = station.months.get(month)
    if m is None:
        return None
    alt = station.altitude_m
    top_m = top if top is not None else alt
    shift = -(top_m - alt) * LAPSE_C_PER_M if abs(top_m - alt) > LAPSE_MIN_M else 0.0
    high, low = float(m["high"]) + shift, float(m["low"]) + shift
    wet = _rain(station, area, month, table)
    rain = wet.months[month] if wet is not None else {}
    rain_days, rain_mm = rain.get("rain_days"), rain.get("rain_mm")
    rainy = (rain_days is not None and float(rain_days) >= RAINY_MONTH_DAYS) or (
        rain_mm is not None and float(rain_mm) >= RAINY_MONTH_MM
    )
    lang = it.request.lang
    far = _km(area, station) > 30
    source = f"{station.name(lang)} climate table: {station.source}"
    if shift:
        source += f"; lapse rate to {top_m:.0f} m"
    if wet is not None and wet is not station:
        source += f"; rain: {wet.name(lang)} climate table: {wet.source}"
    return Weather(
        rain_mm=rain_mm,
        high_c=round(high, 1),
        low_c=round(low, 1),
        rain_days=rain_days,
        wear=_wear(low, high, rainy, lang),
        rain_plan=_rain_plan(atlas, it, day, rainy),
        estimate=station.estimate or shift != 0.0 or far or wet is not station,
        source=source,
        station=station.key,
    )


def add_weather(it: Itinerary, atlas: Atlas) -> None:
    """Fill each day's expected weather, clothing and rain plan."""
    table = stations(atlas)
    for day in it.days:
        day.weather = day_weather(atlas, it, day, table)
