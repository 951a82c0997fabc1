"""The evening at a night-view base: 西江's lit hillside after dinner on a night there, timed
after dusk, with the lodging saying why; nothing when the plan sleeps elsewhere."""

from __future__ import annotations

import datetime as dt

import pytest

from qianxing.check import check_itinerary
from qianxing.data.atlas import Atlas
from qianxing.daylight import DUSK_YEAR, dusk_minutes
from qianxing.enrich.evening import add_evening
from qianxing.enrich.lodging import add_lodging
from qianxing.enrich.meals import add_meals
from qianxing.model import Day, Itinerary, Request, Stop, Visit
from qianxing.plan import plan
from qianxing.render.export import export

XIJIANG = "xijiang-miaozhai"


def _stop(atlas: Atlas, pid: str, time: str) -> Stop:
    p = atlas.places[pid]
    return Stop(place=pid, name=p.zh, time=time, lat=p.lat, lon=p.lon)


def _visit(atlas: Atlas, pid: str, start: str, leave: str, minutes: int) -> Visit:
    p = atlas.places[pid]
    return Visit(
        place=pid,
        name=p.zh,
        lat=p.lat,
        lon=p.lon,
        arrive=start,
        start=start,
        leave=leave,
        minutes=minutes,
    )


def _trip(atlas: Atlas, night: str, month: int = 10) -> Itinerary:
    """Two days: 凯里 → 西江 (visited 13:00–17:00) → the night at ``night``; then on to 凯里."""
    first = Day(
        day=1,
        start=_stop(atlas, "kaili", "09:00"),
        end=_stop(atlas, night, "17:40"),
        visits=[_visit(atlas, XIJIANG, "13:00", "17:00", 240)],
        legs=[],
    )
    second = Day(
        day=2,
        start=_stop(atlas, night, "09:00"),
        end=_stop(atlas, "kaili", "11:00"),
        visits=[],
        legs=[],
    )
    req = Request(days=2, month=month, arrive="凯里", depart="凯里")
    it = Itinerary(request=req, title="t", days=[first, second])
    add_lodging(it, atlas)
    add_meals(it, atlas)
    add_evening(it, atlas)
    return it


def test_a_night_in_xijiang_after_the_visit_shows_the_lit_hillside(atlas: Atlas) -> None:
    """After dinner, not before dusk, for the pack's minutes; the lodging says why."""
    it = _trip(atlas, "xijiang")
    ev = it.days[0].evening
    assert ev is not None and ev.place == XIJIANG
    p = atlas.places[XIJIANG]
    dusk = dusk_minutes(p.lat, p.lon, dt.date(DUSK_YEAR, 10, 15), atlas.pack.region.timezone)
    start_h, start_m = map(int, ev.start.split(":"))
    start = start_h * 60 + start_m
    assert start >= dusk
    dinner = it.days[0].meals[-1].time
    assert dinner is not None and ev.start > dinner
    assert ev.minutes == p.facts["evening"].value.minutes and ev.estimate and ev.method
    lodging = it.days[0].lodging
    assert lodging is not None and lodging.why == p.facts["evening"].value.why.zh
    assert it.days[1].evening is None


def test_a_summer_evening_waits_for_dusk_not_only_dinner(atlas: Atlas) -> None:
    """In June dusk is after 20:00 at 西江, later than dinner's end: the outing waits for it."""
    it = _trip(atlas, "xijiang", month=6)
    ev = it.days[0].evening
    p = atlas.places[XIJIANG]
    dusk = dusk_minutes(p.lat, p.lon, dt.date(DUSK_YEAR, 6, 15), atlas.pack.region.timezone)
    assert ev is not None and ev.start == f"{dusk // 60:02d}:{dusk % 60:02d}"


def test_a_plan_that_sleeps_elsewhere_gets_no_evening(atlas: Atlas) -> None:
    """Visiting 西江 and sleeping in 凯里: the traveller is gone by dark, so nothing is added
    and the lodging keeps its usual reason."""
    it = _trip(atlas, "kaili")
    assert all(d.evening is None for d in it.days)
    lodging = it.days[0].lodging
    assert lodging is not None and "观景台" not in lodging.why


def test_the_evening_shows_in_the_exports(atlas: Atlas) -> None:
    """Markdown and HTML show the timed item with its place."""
    it = _trip(atlas, "xijiang")
    ev = it.days[0].evening
    assert ev is not None
    md, _ = export(it, "md")
    html, _ = export(it, "html")
    assert f"🏮 夜游 {ev.start}–{ev.end} @ 西江千户苗寨" in md
    assert f"<time>{ev.start}–{ev.end}</time>" in html


@pytest.fixture(scope="module")
def xijiang_plan() -> Itinerary:
    """A planned trip with 西江 (bench/quality.py's "凯里 villages", 西江 a must-see)."""
    req = Request(
        days=4,
        month=6,
        arrive="凯里",
        depart="凯里",
        like={"miao": 2, "dong": 2},
        must=["西江千户苗寨"],
    )
    return plan(req, explain=False)


def test_a_planned_trip_gets_its_evening_exactly_when_it_sleeps_there(
    xijiang_plan: Itinerary, atlas: Atlas
) -> None:
    """On a real plan: the evening comes with a night at 西江 the day of the visit or the night
    before, never otherwise; it is not a visit, so the plan still passes the checker (whose
    dusk rule holds every visit) and no visit ends after dusk."""
    it = xijiang_plan
    day = next(i for i, d in enumerate(it.days) if XIJIANG in {v.place for v in d.visits})
    nights = [
        j for j in (day, day - 1) if 0 <= j < len(it.days) - 1 and it.days[j].end.place == "xijiang"
    ]
    evenings = [(i, d.evening) for i, d in enumerate(it.days) if d.evening is not None]
    if nights:
        assert [i for i, _ in evenings] == [nights[0]]
        p = atlas.places[XIJIANG]
        date = dt.date(DUSK_YEAR, 6, 15)
        dusk = dusk_minutes(p.lat, p.lon, date, atlas.pack.region.timezone)
        assert evenings[0][1].start >= f"{dusk // 60:02d}:{dusk % 60:02d}"
    else:
        assert evenings == []
    assert check_itinerary(it) == []
