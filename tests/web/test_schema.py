"""The OpenAPI document states what the server checks: methods (Allow), JSON types, HH:MM,
interest weights, the party, the day count; and trip dates are refused or noted."""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import ValidationError

from conftest import TestClient
from qianxing.message import Message
from qianxing.model import Request
from qianxing.web._dates import today
from qianxing.web._schema import HHMM
from qianxing.web.config import Settings
from qianxing.web.main import create_app

TRIP = "/api/trips/abcdefghijklmnopqrstuv"


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A client on SQLite."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("schema"), tile_url="")
    with TestClient(create_app(settings)) as c:
        yield c


@pytest.fixture(scope="module")
def openapi(api: TestClient) -> dict[str, Any]:
    """The served OpenAPI document."""
    doc: dict[str, Any] = api.get("/openapi.json").json()
    return doc


def _allow(value: str) -> set[str]:
    return {m.strip() for m in value.split(",")}


def test_options_lists_every_method(api: TestClient) -> None:
    """OPTIONS on a trip lists GET, PUT and DELETE; a wrong method's 405 lists them too."""
    r = api.options(TRIP)
    assert r.status_code == 204
    assert _allow(r.headers["Allow"]) == {"GET", "PUT", "DELETE", "OPTIONS"}
    r = api.patch(TRIP, json={})
    assert r.status_code == 405
    assert _allow(r.headers["Allow"]) == {"GET", "PUT", "DELETE", "OPTIONS"}
    assert _allow(api.get("/api/plan").headers["Allow"]) == {"POST", "OPTIONS"}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"days": 2, "seed": False}, "seed"),
        ({"days": True}, "days"),
        ({"days": 2, "adults": True}, "adults"),
        ({"days": "2"}, "days"),
        ({"days": 2, "budget": "3000"}, "budget"),
    ],
)
def test_json_types_are_strict(api: TestClient, body: dict[str, Any], field: str) -> None:
    """A boolean or a string where the schema says integer or number is 422 naming the field."""
    r = api.post("/api/plan", json=body)
    assert r.status_code == 422
    assert any(e["loc"][-1] == field for e in r.json()["detail"]), r.text


def test_itinerary_types_are_strict(api: TestClient, small_plan_json: dict[str, Any]) -> None:
    """An itinerary with a string score is refused by /api/view, like by /api/trips."""
    doc = copy.deepcopy(small_plan_json)
    doc["score"] = "1.5"
    assert api.post("/api/view", json=doc).status_code == 422
    assert api.post("/api/trips", json=doc).status_code == 422


def _accepts(value: str) -> bool:
    try:
        Request(days=1, arrive_time=value)
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize(
    "value",
    ["09:30", "9:30", "9:5", "23:59", "00:00", "24:00", "12:60", "1230", "12:3a", "", "7", " 9:30"],
)
def test_hhmm_pattern_matches_the_server(openapi: dict[str, Any], value: str) -> None:
    """The schema's HH:MM pattern accepts exactly the times the server accepts."""
    pattern = openapi["components"]["schemas"]["Request"]["properties"]["arrive_time"]["pattern"]
    assert pattern == HHMM
    assert bool(re.match(pattern, value)) == _accepts(value)


def test_schema_states_limits(openapi: dict[str, Any]) -> None:
    """Interest weights, the party, the region and the day count are in the schema."""
    schemas = openapi["components"]["schemas"]
    req = schemas["Request"]
    like = req["properties"]["like"]
    assert like["additionalProperties"]["minimum"] == 0
    assert like["additionalProperties"]["maximum"] == 10
    assert req["properties"]["days"]["maximum"] == 21
    assert req["properties"]["region"]["enum"] == ["guizhou"]
    assert req["anyOf"]
    assert "request.days" in schemas["Itinerary-Input"]["description"]
    header = openapi["paths"]["/api/trips"]["post"]["parameters"][0]
    assert header["name"] == "Idempotency-Key" and header["schema"]["type"] == "string"


def test_day_count_enforced_everywhere(api: TestClient, small_plan_json: dict[str, Any]) -> None:
    """An itinerary whose day count differs from its request is 422 on view, save and replan."""
    doc = copy.deepcopy(small_plan_json)
    doc["days"] = doc["days"][:2]
    assert api.post("/api/view", json=doc).status_code == 422
    assert api.post("/api/trips", json=doc).status_code == 422
    assert api.post("/api/replan", json={"itinerary": doc}).status_code == 422


@pytest.mark.parametrize(
    ("start", "words"),
    [
        (dt.date(1999, 10, 1), ("in the past", "1999-10-01")),
        (today() - dt.timedelta(days=3), ("in the past",)),
        (today() + dt.timedelta(days=800), ("more than a year ahead",)),
    ],
)
def test_start_date_refused(api: TestClient, start: dt.date, words: tuple[str, ...]) -> None:
    """A start date in the past or more than a year ahead is 422 saying so."""
    r = api.post("/api/plan", json={"days": 1, "start": start.isoformat(), "lang": "en"})
    assert r.status_code == 422
    assert all(w in r.json()["detail"] for w in words), r.text


def test_start_date_refused_in_chinese(api: TestClient) -> None:
    """The refusal follows the request's language."""
    r = api.post("/api/plan", json={"days": 1, "start": "1999-10-01"})
    assert r.status_code == 422 and "已经过去" in r.json()["detail"]


def test_month_and_start_disagree(api: TestClient) -> None:
    """Month and start date in different months: the start date wins and the plan says so;
    the trip still saves (the note is ours)."""
    start = today() + dt.timedelta(days=40)
    month = start.month % 12 + 1
    r = api.post(
        "/api/plan", json={"days": 1, "start": start.isoformat(), "month": month, "lang": "en"}
    )
    assert r.status_code == 200, r.text
    it = r.json()
    note = Message.model_validate(it["warnings"][0]).text("en")
    assert f"month {month}" in note and start.isoformat() in note and "start date" in note
    assert it["days"][0]["date"] == start.isoformat()
    assert api.post("/api/trips", json=it).status_code == 201
    same = api.post("/api/plan", json={"days": 1, "start": start.isoformat(), "lang": "en"})
    notes = [Message.model_validate(w).text("en") for w in same.json()["warnings"]]
    assert not any("follows the start date" in w for w in notes)


def test_whole_float_is_an_integer(api: TestClient) -> None:
    """As in JSON Schema, 2.0 is an integer: accepted where the schema says integer."""
    r = api.post("/api/plan", json={"days": 2.0, "month": 10.0, "seed": 0.0})
    assert r.status_code == 200, r.text
    assert r.json()["request"]["days"] == 2


def test_huge_numbers_refused(
    api: TestClient, openapi: dict[str, Any], small_plan_json: dict[str, Any]
) -> None:
    """A price beyond 1e10 is 422 naming where (the schema states the bound), not a 5xx or a
    page that cannot be shown."""
    doc = copy.deepcopy(small_plan_json)
    doc["days"][0]["visits"][0]["ticket"]["amount"] = 1e300
    r = api.post("/api/view", json=doc)
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"][-1] == "amount"
    money = openapi["components"]["schemas"]["Money"]["properties"]["amount"]
    assert money["maximum"] == 1e10
