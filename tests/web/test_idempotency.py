"""Idempotent saves: a retried ``POST /api/trips`` with the same ``Idempotency-Key`` returns
the first trip (same id and secret), also after a crash between the commit and the answer;
the migration that adds the key keeps the trips saved before it."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import func, select
from web_helpers import trip_at_revision

from conftest import TestClient
from qianxing.web.config import Settings
from qianxing.web.main import create_app
from qianxing.web.models import Trip
from qianxing.web.routes import trips as trips_route

KEY = "5f0c6a4e-2b7d-4c1e-9a3f-8d2e1b7c6a50"


@pytest.fixture
def client(fresh_settings: Settings) -> Iterator[TestClient]:
    """An in-process client on an empty database: the keys here are constants, and a trip
    saved with one stays (deleted, as a tombstone) in a PostgreSQL test database."""
    with TestClient(create_app(fresh_settings)) as c:
        yield c


def _count(client: TestClient) -> int:
    engine = client.app.state.engine  # type: ignore[attr-defined]
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(Trip)).scalar_one())


def test_retry_returns_first_trip(client: TestClient, small_plan_json: dict[str, Any]) -> None:
    """The same key and itinerary twice: one trip, the same id and secret both times."""
    head = {"Idempotency-Key": KEY}
    before = _count(client)
    a = client.post("/api/trips", json=small_plan_json, headers=head)
    b = client.post("/api/trips", json=small_plan_json, headers=head)
    assert a.status_code == b.status_code == 201, b.text
    assert a.json() == b.json()
    assert b.headers["Idempotent-Replayed"] == "true"
    assert _count(client) == before + 1
    # the secret handed out on the retry is the owner's
    r = client.delete(f"/api/trips/{b.json()['id']}", headers={"X-Trip-Secret": b.json()["secret"]})
    assert r.status_code == 204


def test_without_key_each_save_is_new(client: TestClient, small_plan_json: dict[str, Any]) -> None:
    """Saves without a key stay independent (two saves, two trips)."""
    a = client.post("/api/trips", json=small_plan_json).json()
    b = client.post("/api/trips", json=small_plan_json).json()
    assert a["id"] != b["id"] and a["secret"] != b["secret"]


def test_key_reused_for_other_trip(client: TestClient, small_plan_json: dict[str, Any]) -> None:
    """A key already used for another itinerary is 422, and nothing is stored."""
    head = {"Idempotency-Key": KEY + "-x"}
    assert client.post("/api/trips", json=small_plan_json, headers=head).status_code == 201
    other = copy.deepcopy(small_plan_json)
    other["title"] = "another trip"
    before = _count(client)
    r = client.post("/api/trips", json=other, headers=head)
    assert r.status_code == 422 and "Idempotency-Key" in r.json()["detail"]
    assert _count(client) == before


@pytest.mark.parametrize("key", ["short", "x" * 129, "has space in it!!!"])
def test_bad_key_is_422(client: TestClient, small_plan_json: dict[str, Any], key: str) -> None:
    """A key too short, too long or with odd characters is refused."""
    r = client.post("/api/trips", json=small_plan_json, headers={"Idempotency-Key": key})
    assert r.status_code == 422


def test_crash_after_commit(
    fresh_settings: Settings, small_plan_json: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server dies after the commit, before answering: the retry gets that trip. (On an
    empty database: the test counts the trips, and other tests delete the trip of ``KEY``.)"""
    settings = fresh_settings
    real = trips_route.TripCreated

    def crash(**_kw: Any) -> Any:
        raise RuntimeError("crash between commit and response")

    head = {"Idempotency-Key": KEY}
    with TestClient(create_app(settings), raise_server_exceptions=False) as c:
        monkeypatch.setattr(trips_route, "TripCreated", crash)
        assert c.post("/api/trips", json=small_plan_json, headers=head).status_code == 500
        monkeypatch.setattr(trips_route, "TripCreated", real)
        assert _count(c) == 1
        r = c.post("/api/trips", json=small_plan_json, headers=head)
        assert r.status_code == 201
        assert _count(c) == 1
        saved = r.json()
        got = c.get(f"/api/trips/{saved['id']}")
        assert got.status_code == 200 and got.json()["itinerary"] == small_plan_json
        edited = copy.deepcopy(got.json())
        edited["itinerary"]["title"] = "mine"
        put = c.put(
            f"/api/trips/{saved['id']}", json=edited, headers={"X-Trip-Secret": saved["secret"]}
        )
        assert put.status_code == 200, put.text


def test_trips_saved_before_migration_load(
    fresh_settings: Settings, small_plan_json: dict[str, Any]
) -> None:
    """A database at revision 0001 with a trip in it is migrated and the trip still loads."""
    settings = fresh_settings
    old_id = "old-trip-0001-abcdefghij"
    trip_at_revision(settings.sqlalchemy_url, "0001", old_id, small_plan_json)
    with TestClient(create_app(settings)) as c:
        r = c.get(f"/api/trips/{old_id}")
        assert r.status_code == 200 and r.json()["itinerary"] == small_plan_json
        d = c.delete(f"/api/trips/{old_id}", headers={"X-Trip-Secret": "old-secret"})
        assert d.status_code == 204
        head = {"Idempotency-Key": KEY}
        a = c.post("/api/trips", json=small_plan_json, headers=head).json()
        assert c.post("/api/trips", json=small_plan_json, headers=head).json() == a
