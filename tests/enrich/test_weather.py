"""Weather by place, altitude and month: the station, the rain line and the indoor alternative."""

from __future__ import annotations

import pytest
from rich.console import Console

from qianxing.data.atlas import Atlas
from qianxing.data.schema import Climate
from qianxing.enrich.weather import (
    INDOOR_KM,
    add_weather,
    altitude_class,
    indoor_alternative,
    station_for,
    stations,
)
from qianxing.geo import great_circle_km
from qianxing.model import Itinerary
from qianxing.render.export import EXPORTERS
from qianxing.render.terminal import to_rich
from qianxing.render.view import trip_view


def _in_month(it: Itinerary, atlas: Atlas, month: int) -> Itinerary:
    """The same days re-enriched with the weather of another month."""
    req = it.request.model_copy(update={"month": month, "start": None})
    out = it.model_copy(update={"request": req}, deep=True)
    add_weather(out, atlas)
    return out


def test_the_pack_has_stations_in_every_altitude_class(atlas: Atlas) -> None:
    """At least six climate tables, with a low, a middle and a high station among them."""
    table = stations(atlas)
    assert len(table) >= 6
    assert {s.altitude_class for s in table} == {"low", "middle", "high"}


def test_a_stop_on_high_ground_uses_a_high_station(atlas: Atlas) -> None:
    """草海 (2,200 m) takes the high-west table (威宁), not Guiyang's, though both are tables."""
    table = stations(atlas)
    caohai = atlas.places["caohai"]
    assert caohai.altitude_m is not None and altitude_class(caohai.altitude_m) == "high"
    s = station_for(caohai, caohai.altitude_m, table)
    assert s.key == "weining" and s.altitude_class == "high"
    # 九洞天 (1,200 m) is nearer 威宁 than Guiyang, but takes the middle-height table
    jdt = atlas.places["jiudongtian"]
    nearest = min(table, key=lambda t: great_circle_km(jdt.lat, jdt.lon, t.lat, t.lon))
    assert nearest.key == "weining"
    assert station_for(jdt, jdt.altitude_m, table).key == "guiyang"


def test_a_summit_without_a_station_is_a_labelled_lapse_rate_estimate(
    six_day_plan: Itinerary, atlas: Atlas
) -> None:
    """梵净山 has no high station nearby: its day says so (estimate, lapse rate in the source)
    and is colder than the lowland table it starts from."""
    table = stations(atlas)
    fjs = atlas.places["fanjingshan"]
    s = station_for(fjs, fjs.altitude_m, table)
    assert s.altitude_class != "high"
    it = six_day_plan.model_copy(deep=True)
    day = it.days[0]
    day.visits = [day.visits[0].model_copy(update={"place": "fanjingshan"})]
    add_weather(it, atlas)
    w = day.weather
    assert w is not None and w.station == s.key and w.estimate
    assert w.source is not None and "lapse rate to 2570 m" in w.source
    assert w.low_c is not None and w.low_c < float(s.months[10]["low"]) - 5


def test_every_day_shows_its_rain(six_day_plan: Itinerary) -> None:
    """Each day's weather line carries the month's rain: rain days where a table has them,
    else the month's rain in millimetres."""
    view = trip_view(six_day_plan, "zh")
    for day, d in zip(six_day_plan.days, view.days, strict=True):
        assert day.weather is not None and d.weather is not None
        assert day.weather.rain_days is not None or day.weather.rain_mm is not None
        assert d.weather.rain and d.weather.rain in d.weather.line()
        assert ("降雨约" in d.weather.rain) or ("毫米" in d.weather.rain)


def test_rainy_season_names_the_indoor_alternative(six_day_plan: Itinerary, atlas: Atlas) -> None:
    """In June (Guiyang's wettest month) a day with outdoor sights names the nearest indoor
    sight not in the plan; in dry January no day does."""
    june = _in_month(six_day_plan, atlas, 6)
    planned = {v.place for d in june.days for v in d.visits}
    named = 0
    for day in june.days:
        alt = indoor_alternative(atlas, june, day)
        if alt is None:
            continue
        place, km = alt
        assert place.id not in planned and km <= INDOOR_KM
        assert place.rain == "good" or {"cave", "museum"} & set(place.tags)
        assert day.weather is not None and day.weather.rain_plan is not None
        assert day.weather.rain_plan.startswith("雨季") and place.zh in day.weather.rain_plan
        named += 1
    assert named >= 1
    january = _in_month(six_day_plan, atlas, 1)
    for day in january.days:
        assert day.weather is not None
        assert not (day.weather.rain_plan or "").startswith("雨季")


def test_clothing_follows_the_month(six_day_plan: Itinerary, atlas: Atlas) -> None:
    """January's first day asks for warmer clothes than July's, and July's wet days for rain
    gear."""
    jan = _in_month(six_day_plan, atlas, 1).days[0].weather
    jul = _in_month(six_day_plan, atlas, 7).days[0].weather
    assert jan is not None and jul is not None
    assert jan.wear != jul.wear and jan.low_c is not None and jul.low_c is not None
    assert jan.low_c < jul.low_c
    assert "伞" in jul.wear


def test_a_climate_table_needs_a_place() -> None:
    """A table with neither a base nor its own station coordinates is refused."""
    obs = {"source": "https://example.org/x", "date": "2026-01-01"}
    with pytest.raises(ValueError, match="base"):
        Climate.model_validate(
            {
                "altitude_m": [{**obs, "value": 1000}],
                "monthly": [{**obs, "value": {1: {"high": 9, "low": 2}}}],
            }
        )


def test_the_rain_plan_is_printed(six_day_plan: Itinerary, atlas: Atlas) -> None:
    """The terminal view and the Markdown export print a rainy day's indoor alternative."""
    june = _in_month(six_day_plan, atlas, 6)
    plans = [d.weather.rain_plan for d in june.days if d.weather and d.weather.rain_plan]
    assert plans
    console = Console(width=400, record=True)
    console.print(to_rich(june, "zh"))
    text = console.export_text()
    assert all(p in text for p in plans)
    md = EXPORTERS["md"].render(june)
    assert all(p in md for p in plans)
