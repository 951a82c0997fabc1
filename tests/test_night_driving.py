"""A traveller who drives themselves is not planned onto mountain roads after dark: a drive out
of town arrives by an hour after dusk (`daylight.DRIVE_AFTER_DUSK`), and the checker says so
when a plan breaks it."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pytest

from qianxing.check import check_itinerary
from qianxing.data.atlas import load_atlas
from qianxing.daylight import DRIVE_AFTER_DUSK, DUSK_YEAR, NIGHT_DRIVE_KM, dusk_minutes
from qianxing.instance import minutes_of, night_drives
from qianxing.model import Itinerary, Leg, Request
from qianxing.plan import plan
from qianxing.travel import CAR_MODES

BIG = 1e6


def _car_km(leg: Leg) -> float:
    return sum(s.km for s in leg.steps if s.mode in CAR_MODES)


def _after_dark(it: Itinerary) -> list[str]:
    """Each drive out of town (the first leg of the trip aside) that arrives later than an hour
    after dusk at its end."""
    atlas = load_atlas()
    tz = atlas.pack.region.timezone
    late = []
    for i, day in enumerate(it.days):
        date = dt.date.fromisoformat(day.date) if day.date else dt.date(
            DUSK_YEAR, it.request.travel_month, 15
        )
        for k, leg in enumerate(day.legs):
            p = atlas.places[leg.to]
            dusk = dusk_minutes(p.lat, p.lon, date, tz)
            far = _car_km(leg) > NIGHT_DRIVE_KM
            if (i, k) != (0, 0) and far and minutes_of(leg.arrive) > dusk + DRIVE_AFTER_DUSK:
                late.append(f"day {day.day} {leg.from_}->{leg.to} {leg.depart}-{leg.arrive}")
    return late


@pytest.fixture(scope="module")
def winter_drive() -> Itinerary:
    """Six packed January days at the wheel from 都匀 to 铜仁 (bench/plan.py's request 36):
    before the rule, three evenings drove 200 km after dark (小七孔 → 黄果树 17:30–19:57)."""
    return plan(
        Request(
            days=6, month=1, arrive="都匀", arrive_time="10:00", depart="铜仁",
            depart_time="16:00", pace="packed", transport="self-drive", seed=991,
        ),
        explain=False,
    )


def test_a_winter_self_drive_week_arrives_within_an_hour_of_dusk(winter_drive: Itinerary) -> None:
    assert any(_car_km(leg) > NIGHT_DRIVE_KM for d in winter_drive.days for leg in d.legs)
    assert _after_dark(winter_drive) == []
    assert check_itinerary(winter_drive) == []


def test_the_checker_rejects_a_drive_moved_after_dark(winter_drive: Itinerary) -> None:
    """The same plan with a day's last drive moved to arrive 90 min after dusk fails, naming
    the leg."""
    doc = json.loads(winter_drive.model_dump_json(by_alias=True))
    day, leg = next(
        (d, d["legs"][-1])
        for d in doc["days"][1:]
        if sum(s["km"] for s in d["legs"][-1]["steps"] if s["mode"] in CAR_MODES) > NIGHT_DRIVE_KM
    )
    atlas = load_atlas()
    p = atlas.places[leg["to"]]
    dusk = dusk_minutes(p.lat, p.lon, dt.date(DUSK_YEAR, 1, 15), atlas.pack.region.timezone)
    shift = dusk + 90 - minutes_of(leg["arrive"])
    assert shift > 0
    for key in ("depart", "arrive"):
        t = minutes_of(leg[key]) + shift
        leg[key] = f"{t // 60:02d}:{t % 60:02d}"
    day["end"]["time"] = leg["arrive"]
    problems = check_itinerary(doc)
    assert any(
        f"leg {leg['from']}->{leg['to']}" in p and "after dusk" in p for p in problems
    ), problems


def test_only_drives_out_of_town_are_held_to_dusk() -> None:
    """A far drive must start by dusk + the margin less its time; a hop within town is free;
    from the arrival point the rule holds only when a bed lies within a hop of it."""
    latest = np.full((4, 4), np.inf)
    trav = np.array([[0, 20, 120, 40], [BIG, 0, 100, 30], [BIG, 100, 0, 90], [BIG, 30, 90, 0.0]])
    km = np.array([[0, 10, 100, 40], [0, 0, 90, 20], [0, 90, 0, 80], [0, 20, 80, 0.0]])
    dusk = np.array([1100.0, 1110, 1120, 1130])
    out = night_drives(latest, trav, km, dusk, range(1, 4), BIG)
    assert out[1, 2] == 1120 + DRIVE_AFTER_DUSK - 100
    assert out[2, 3] == 1130 + DRIVE_AFTER_DUSK - 90
    assert np.isinf(out[1, 3]) and np.isinf(out[0, 1])  # hops of 20 and 10 km
    assert out[0, 2] == 1120 + DRIVE_AFTER_DUSK - 120  # a bed (1) is a hop from the arrival
    km[0, 1] = 50  # no bed within a hop: leaving the arrival point is not held to dusk
    assert np.isinf(night_drives(latest, trav, km, dusk, range(1, 4), BIG)[0]).all()


def test_a_place_out_of_reach_before_dark_says_so_at_the_wheel() -> None:
    """A place the night-drive rule keeps out of a day is explained by the drive after dark,
    not by a last service that a car does not have."""
    from qianxing.message import texts
    from qianxing.plan import prepare
    from qianxing.replan import _timed_out

    def reason(transport: str) -> str:
        problem = prepare(
            Request(days=3, month=1, arrive="贵阳", arrive_time="13:00", depart="贵阳",
                    pace="packed", transport=transport)
        )
        ids = problem.ids
        note = _timed_out(problem, 0, 0, ids.index("xijiang-miaozhai"), ids.index("guiyang", 2))
        assert note is not None
        return texts([note], "en")[0] + " | " + texts([note], "zh")[0]

    driven = reason("self-drive")
    assert "after dark" in driven and "天黑" in driven and "last way" not in driven
    assert "after dark" not in reason("charter")  # a driver at the wheel: the day's end binds
