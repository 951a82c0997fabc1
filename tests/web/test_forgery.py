"""Forged trips are refused: a saved trip must be the one the data pack gives for its places."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from conftest import TestClient
from qianxing.model import Request
from qianxing.plan import plan
from qianxing.web.config import Settings
from qianxing.web.main import create_app

Doc = dict[str, Any]


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A client on SQLite (verification does not depend on the backend)."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("forgery"), tile_url="")
    with TestClient(create_app(settings)) as c:
        yield c


def _visit(doc: Doc, place: str) -> Doc:
    for day in doc["days"]:
        for v in day["visits"]:
            if v["place"] == place:
                return dict(v)
    raise AssertionError(f"{place} not in the plan")


def _priced(doc: Doc) -> str:
    """The first place of the plan with a ticket to pay (whichever the plan visits: the test
    is about forging a price, not about one sight)."""
    for day in doc["days"]:
        for v in day["visits"]:
            if (v.get("ticket") or {}).get("amount"):
                return str(v["place"])
    raise AssertionError("no priced ticket in the plan")


def _free_ticket(doc: Doc) -> None:
    priced = _priced(doc)
    for day in doc["days"]:
        for v in day["visits"]:
            if v["place"] == priced:
                v["ticket"]["amount"] = 0
                v["ticket"]["low"] = v["ticket"]["high"] = 0


def _to_beijing(doc: Doc) -> None:
    v = doc["days"][0]["visits"][0]
    v["lat"], v["lon"] = 39.9042, 116.4074


def _budget_one(doc: Doc) -> None:
    doc["budget"]["total"] = 1


def _invented_tip(doc: Doc) -> None:
    doc["days"][1]["tips"].append(
        {"kind": "pitfall", "title": "免费大巴", "text": "景区门口有免费大巴直达西江，随时发车。"}
    )


FORGERIES: dict[str, tuple[Callable[[Doc], None], str]] = {
    "free ticket": (_free_ticket, "门票"),
    "stop in Beijing": (_to_beijing, "位置"),
    "budget total": (_budget_one, "¥1"),
    "invented tip": (_invented_tip, "免费大巴"),
}


@pytest.mark.parametrize("name", list(FORGERIES))
def test_forged_trip_refused(api: TestClient, small_plan_json: Doc, name: str) -> None:
    """A trip with a forged price, coordinate, budget or tip gets 422 naming what is wrong."""
    assert _priced(small_plan_json)  # a ticket to forge
    forge, word = FORGERIES[name]
    doc = copy.deepcopy(small_plan_json)
    forge(doc)
    r = api.post("/api/trips", json=doc)
    assert r.status_code == 422, r.text
    detail = r.json()["detail"]
    assert "数据" in detail and word in detail, detail
    if name == "stop in Beijing":  # the pack's coordinates are named (not Beijing's)
        v = _visit(small_plan_json, small_plan_json["days"][0]["visits"][0]["place"])
        assert str(v["lat"]) in detail


def test_forged_update_refused(api: TestClient, small_plan_json: Doc) -> None:
    """PUT is verified too: the owner cannot turn a saved trip into a forged one."""
    saved = api.post("/api/trips", json=small_plan_json).json()
    doc = copy.deepcopy(small_plan_json)
    _free_ticket(doc)
    r = api.put(
        f"/api/trips/{saved['id']}",
        json={"itinerary": doc, "version": 1},
        headers={"X-Trip-Secret": saved["secret"]},
    )
    assert r.status_code == 422
    assert api.get(f"/api/trips/{saved['id']}").json()["itinerary"] == small_plan_json


def test_forgery_named_in_english(api: TestClient) -> None:
    """An English trip's forgery is named in English."""
    doc = plan(Request(days=2, month=10, lang="en")).model_dump(mode="json", by_alias=True)
    doc["budget"]["total"] = 1
    r = api.post("/api/trips", json=doc)
    assert r.status_code == 422
    detail = r.json()["detail"]
    assert "data pack" in detail and "add up to" in detail, detail


def test_replanned_trip_saves(api: TestClient, small_plan_json: Doc) -> None:
    """A trip as /api/replan returns it (a locked day, a removed place) is accepted."""
    victim = small_plan_json["days"][1]["visits"][0]["place"]
    r = api.post(
        "/api/replan",
        json={"itinerary": small_plan_json, "lock_days": [1], "remove": [victim]},
    )
    assert r.status_code == 200, r.text
    saved = api.post("/api/trips", json=r.json()["itinerary"])
    assert saved.status_code == 201, saved.text


def test_forged_left_out_place_refused(api: TestClient, small_plan_json: Doc) -> None:
    """A place left out must exist in the pack where the pack puts it."""
    doc = copy.deepcopy(small_plan_json)
    assert doc["dropped"]
    doc["dropped"][0]["lat"] = 39.9042
    r = api.post("/api/trips", json=doc)
    assert r.status_code == 422 and doc["dropped"][0]["name"] in r.json()["detail"]
