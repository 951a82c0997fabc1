"""The independent checker accepts real plans and rejects hand-broken ones, one per rule."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from qianxing.check import check_itinerary
from qianxing.cli import app
from qianxing.data.atlas import load_atlas
from qianxing.model import Itinerary

Doc = dict[str, Any]


def first_visit_day(doc: Doc) -> Doc:
    return next(d for d in doc["days"] if d["visits"])


def gated_visit(doc: Doc) -> dict[str, Any]:
    """A visit to a place with real opening hours (not open around the clock)."""
    atlas = load_atlas()
    for d in doc["days"]:
        for v in d["visits"]:
            period = atlas.places[v["place"]].hours_in(doc["request"]["month"] or 10)
            if period and period.open >= "06:00" and period.close <= "22:00":
                return dict(v)
    raise AssertionError("the plan has no visit with opening hours")


def _replace(doc: Doc, visit: dict[str, Any], **changes: str) -> None:
    for d in doc["days"]:
        for v in d["visits"]:
            if v["place"] == visit["place"]:
                v.update(changes)


def break_opening(doc: Doc) -> None:
    _replace(doc, gated_visit(doc), arrive="05:00", start="05:00")


def break_last_entry(doc: Doc) -> None:
    _replace(doc, gated_visit(doc), start="23:00", leave="23:59")


def break_travel_time(doc: Doc) -> None:
    day = next(d for d in doc["days"] if any(leg["minutes"] > 20 for leg in d["legs"]))
    leg = next(leg for leg in day["legs"] if leg["minutes"] > 20)
    leg["arrive"] = leg["depart"]


def break_day_length(doc: Doc) -> None:
    doc["days"][1]["end"]["time"] = "23:30"


def break_chain(doc: Doc) -> None:
    doc["days"][1]["start"]["place"] = (
        "kaili" if doc["days"][0]["end"]["place"] != "kaili" else "anshun"
    )


def break_arrival(doc: Doc) -> None:
    doc["days"][0]["start"]["place"] = "kaili"


def break_departure(doc: Doc) -> None:
    doc["days"][-1]["end"]["time"] = "23:50"


def break_repeat(doc: Doc) -> None:
    days = [d for d in doc["days"] if d["visits"]]
    days[1]["visits"][0]["place"] = days[0]["visits"][0]["place"]


def break_short_visit(doc: Doc) -> None:
    v = first_visit_day(doc)["visits"][0]
    v["leave"] = v["start"]


def break_lodging(doc: Doc) -> None:
    doc["days"][0]["lodging"] = None


def _first_ride(doc: Doc) -> dict[str, Any]:
    """The first timetabled step of the plan (a train or bus with a service)."""
    return next(s for d in doc["days"] for leg in d["legs"] for s in leg["steps"] if "service" in s)


def _shift(hhmm: str, minutes: int) -> str:
    h, m = map(int, hhmm.split(":"))
    t = h * 60 + m + minutes
    return f"{t // 60:02d}:{t % 60:02d}"


def break_forged_departure(doc: Doc) -> None:
    ride = _first_ride(doc)
    ride["depart"], ride["arrive"] = _shift(ride["depart"], 7), _shift(ride["arrive"], 7)


def break_unknown_service(doc: Doc) -> None:
    _first_ride(doc)["service"]["id"] = "G9999"


def break_boarding(doc: Doc) -> None:
    """The traveller reaches the station a minute before the train leaves."""
    for leg in (leg for d in doc["days"] for leg in d["legs"]):
        for k, step in enumerate(leg["steps"]):
            if "service" in step:
                if k == 0:
                    leg["depart"] = _shift(step["depart"], -1)
                else:
                    leg["steps"][k - 1]["arrive"] = _shift(step["depart"], -1)
                return


BREAKS: dict[str, tuple[Callable[[Doc], None], str]] = {
    "forged-departure": (break_forged_departure, "in the timetable"),
    "unknown-service": (break_unknown_service, "no service G9999"),
    "boarding": (break_boarding, "boarding needs"),
    "opening": (break_opening, "before opening"),
    "last-entry": (break_last_entry, "after last entry"),
    "travel-time": (break_travel_time, "earliest arrival by the timetable"),
    "day-length": (break_day_length, "pace allows"),
    "chain": (break_chain, "where night"),
    "arrival": (break_arrival, "not the arrival"),
    "departure": (break_departure, "too late"),
    "repeat": (break_repeat, "already visited"),
    "short-visit": (break_short_visit, "short visit needs"),
    "lodging": (break_lodging, "no lodging"),
}


def test_real_plan_passes(six_day_plan: Itinerary) -> None:
    """The planner's own six-day plan has no violation."""
    assert check_itinerary(six_day_plan) == []


@pytest.mark.parametrize("kind", sorted(BREAKS))
def test_broken_plan_rejected(six_day_plan: Itinerary, kind: str) -> None:
    """Each hand-broken plan is rejected with a message naming its violation."""
    doc = json.loads(six_day_plan.model_dump_json(by_alias=True))
    breaker, message = BREAKS[kind]
    broken = copy.deepcopy(doc)
    breaker(broken)
    problems = check_itinerary(broken)
    assert any(message in p for p in problems), problems


def test_cli_check_exit_codes(six_day_plan: Itinerary, tmp_path: Path) -> None:
    """`qianxing check` exits 0 on a good plan and 1 listing violations on a broken one."""
    good = tmp_path / "good.json"
    good.write_text(six_day_plan.model_dump_json(by_alias=True), encoding="utf-8")
    assert CliRunner().invoke(app, ["check", str(good)]).exit_code == 0
    doc = json.loads(good.read_text(encoding="utf-8"))
    break_opening(doc)
    break_chain(doc)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(bad)])
    assert result.exit_code == 1
    assert "before opening" in result.output and "where night" in result.output


def test_not_an_itinerary() -> None:
    """A JSON document that is not an itinerary is reported, not crashed on."""
    assert check_itinerary({"days": []})
