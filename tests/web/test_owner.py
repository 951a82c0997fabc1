"""The owner's side of a saved trip: the edit link's secret, deleting (410 afterwards, also for
the page and a retried save), the migration that adds deletion, a day's new order and the
plan in the other language."""

from __future__ import annotations

import copy
import datetime as dt
import re
from typing import Any

import pytest
from sqlalchemy import select
from web_helpers import trip_at_revision

from conftest import TestClient
from qianxing.model import Itinerary
from qianxing.web.config import Settings
from qianxing.web.main import create_app
from qianxing.web.models import Trip

HAN = re.compile(r"[\u4e00-\u9fff]")


def _save(client: TestClient, doc: dict[str, Any], **headers: str) -> dict[str, Any]:
    r = client.post("/api/trips", json=doc, headers=headers)
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    return body


def test_edit_link_secret_says_can_edit(
    client: TestClient, small_plan_json: dict[str, Any]
) -> None:
    """GET with the owner's secret in a header (the edit link's fragment) says ``can_edit``;
    without it, or with a wrong one, the trip is read-only."""
    saved = _save(client, small_plan_json)
    url = f"/api/trips/{saved['id']}"
    assert client.get(url).json()["can_edit"] is False
    assert client.get(url, headers={"X-Trip-Secret": "not-the-secret"}).json()["can_edit"] is False
    assert client.get(url, headers={"X-Trip-Secret": saved["secret"]}).json()["can_edit"] is True


def test_deleted_trip_is_gone_everywhere(
    client: TestClient, small_plan_json: dict[str, Any]
) -> None:
    """After a delete the API answers 410 saying so (read, view, export, edit, delete); the
    share page answers 410 (an id nobody saved: 404); the stored itinerary is wiped."""
    saved = _save(client, small_plan_json)
    tid, head = saved["id"], {"X-Trip-Secret": saved["secret"]}
    assert client.get(f"/t/{tid}").status_code == 200
    assert client.delete(f"/api/trips/{tid}", headers=head).status_code == 204
    for r in (
        client.get(f"/api/trips/{tid}"),
        client.get(f"/api/trips/{tid}/view"),
        client.get(f"/api/trips/{tid}/export/md"),
        client.put(
            f"/api/trips/{tid}", json={"itinerary": small_plan_json, "version": 1}, headers=head
        ),
        client.delete(f"/api/trips/{tid}", headers=head),
    ):
        assert r.status_code == 410, r.text
        assert "deleted" in r.json()["detail"]
    page = client.get(f"/t/{tid}")
    assert page.status_code == 410 and "<html" in page.text
    assert client.get("/t/AAAAAAAAAAAAAAAAAAAAAA").status_code == 404
    engine = client.app.state.engine  # type: ignore[attr-defined]
    with engine.connect() as conn:
        row = conn.execute(select(Trip.body, Trip.title, Trip.deleted).where(Trip.id == tid)).one()
    assert row.body == "" and row.title == "" and row.deleted is not None


def test_retried_save_of_a_deleted_trip_is_410(
    client: TestClient, small_plan_json: dict[str, Any]
) -> None:
    """A save retried with its Idempotency-Key after the trip was deleted does not bring it
    back (nor save a copy): 410."""
    key = {"Idempotency-Key": "a3c1f0de-6b7e-4d55-8f0a-" + dt.datetime.now().strftime("%H%M%S%f")}
    saved = _save(client, small_plan_json, **key)
    r = client.delete(f"/api/trips/{saved['id']}", headers={"X-Trip-Secret": saved["secret"]})
    assert r.status_code == 204
    again = client.post("/api/trips", json=small_plan_json, headers=key)
    assert again.status_code == 410, again.text


def test_trips_saved_before_deletion_migration_load(
    fresh_settings: Settings, small_plan_json: dict[str, Any]
) -> None:
    """A database at revision 0002 with a trip in it is migrated to head: the trip loads,
    is not deleted, and its owner can delete it."""
    old_id = "old-trip-0002-abcdefghij"
    trip_at_revision(
        fresh_settings.sqlalchemy_url,
        "0002",
        old_id,
        small_plan_json,
        idempotency_key=None,  # the 0002 columns
        request_hash=None,
    )
    with TestClient(create_app(fresh_settings)) as c:
        r = c.get(f"/api/trips/{old_id}")
        assert r.status_code == 200 and r.json()["itinerary"] == small_plan_json
        assert c.get(f"/t/{old_id}").status_code == 200
        d = c.delete(f"/api/trips/{old_id}", headers={"X-Trip-Secret": "old-secret"})
        assert d.status_code == 204
        assert c.get(f"/api/trips/{old_id}").status_code == 410


def _places(it: dict[str, Any], day: int) -> list[str]:
    return [v["place"] for v in it["days"][day - 1]["visits"]]


def test_reorder_a_day_is_timed_by_the_server(
    client: TestClient, small_plan: Itinerary, small_plan_json: dict[str, Any]
) -> None:
    """A day's places in a new order come back in that order, re-timed (arrival times change),
    every other day as it was; the result passes the checker and can be saved.

    The day reordered is the last one with two places or more whose reversed order can be
    taken (a reversed day may be refused with the reason: 小七孔 then 甲秀楼 reversed would
    leave 小七孔 after its last bus). A trip serves each dish once before repeating one
    (`enrich.meals`), so the meals of the days after a reordered day follow what that day now
    serves; everything else on those days, and the days before it, cannot change."""
    days = len(small_plan_json["days"])
    for n in sorted((d for d in range(1, days + 1) if len(_places(small_plan_json, d)) >= 2),
                    reverse=True):
        order = list(reversed(_places(small_plan_json, n)))
        r = client.post(
            "/api/replan",
            json={"itinerary": small_plan_json, "order": [{"day": n, "places": order}]},
        )
        if r.status_code == 200:
            break
        assert r.status_code == 422 and "顺序" in r.json()["detail"], r.text
    else:
        pytest.fail("no day of the 3-day plan can be taken in reverse order")
    new = r.json()["itinerary"]
    assert _places(new, n) == order
    old_times = [v["arrive"] for v in small_plan_json["days"][n - 1]["visits"]]
    assert [v["arrive"] for v in new["days"][n - 1]["visits"]] != old_times
    assert new["days"][: n - 1] == small_plan_json["days"][: n - 1]

    def but_meals(day: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in day.items() if k != "meals"}

    after = range(n, days)
    assert [but_meals(new["days"][d]) for d in after] == [
        but_meals(small_plan_json["days"][d]) for d in after
    ]
    assert any(f"day {n}" in c or f"第 {n} 天" in c for c in r.json()["changes"])
    assert client.post("/api/trips", json=new).status_code == 201  # verified as the pack's


def test_reorder_must_be_the_days_places(
    client: TestClient, small_plan_json: dict[str, Any]
) -> None:
    """An order that is not the day's own places, each once, or names a day twice, is 422."""
    first = _places(small_plan_json, 1)
    other = _places(small_plan_json, 2)
    for order in ([first[0]], [*first, first[0]], [*first[1:], other[0]]):
        r = client.post(
            "/api/replan",
            json={"itinerary": small_plan_json, "order": [{"day": 1, "places": order}]},
        )
        assert r.status_code == 422, (order, r.text)
    twice = [{"day": 1, "places": first}, {"day": 1, "places": first}]
    r = client.post("/api/replan", json={"itinerary": small_plan_json, "order": twice})
    assert r.status_code == 422


def test_reorder_with_a_removal_elsewhere_keeps_the_order(
    client: TestClient, small_plan_json: dict[str, Any]
) -> None:
    """A new order for day 1 and a removal on day 3 in one re-plan: day 1 keeps the new order
    (and is not shown locked), the removed place is gone."""
    order = list(reversed(_places(small_plan_json, 1)))
    victim = _places(small_plan_json, 3)[-1]
    body = {
        "itinerary": small_plan_json,
        "order": [{"day": 1, "places": order}],
        "remove": [victim],
    }
    r = client.post("/api/replan", json=body)
    assert r.status_code == 200, r.text
    new = r.json()["itinerary"]
    assert _places(new, 1) == order
    assert new["days"][0]["locked"] is False
    assert victim not in {p for d in range(1, 4) for p in _places(new, d)}


def test_view_in_the_other_language_is_relabelled(
    client: TestClient, small_plan_json: dict[str, Any]
) -> None:
    """A Chinese plan viewed in English shows the places, the title and the tips in English
    (the trip re-assembled in English), not only the renderer's words."""
    doc = copy.deepcopy(small_plan_json)
    assert doc["request"]["lang"] == "zh"
    r = client.post("/api/view", params={"lang": "en"}, json=doc)
    assert r.status_code == 200, r.text
    names = re.findall(
        r'<li class="visit"[^>]*><time>[^<]*</time><div><h3>([^<]*)', r.json()["html"]
    )
    assert names and not any(HAN.search(n) for n in names), names
    assert not HAN.search(r.json()["title"])
    zh = client.post("/api/view", params={"lang": "zh"}, json=doc).json()
    assert zh["title"] == doc["title"]
