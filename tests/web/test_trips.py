"""Saved trips on every backend: CRUD, owner secret, version conflicts, export, traversal."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from sqlalchemy import select

from conftest import TestClient
from qianxing.web import crud
from qianxing.web.models import Trip


def _save(client: TestClient, doc: dict[str, Any]) -> dict[str, Any]:
    r = client.post("/api/trips", json=doc)
    assert r.status_code == 201, r.text
    body: dict[str, Any] = r.json()
    return body


def test_create_and_read(client: TestClient, small_plan_json: dict[str, Any]) -> None:
    """A saved trip reads back identical, at version 1, without any secret."""
    saved = _save(client, small_plan_json)
    assert saved["version"] == 1 and len(saved["id"]) >= 22 and saved["secret"]
    r = client.get(f"/api/trips/{saved['id']}")
    assert r.status_code == 200
    assert r.json()["itinerary"] == small_plan_json
    assert r.json()["version"] == 1


def test_ids_unguessable(client: TestClient, small_plan_json: dict[str, Any]) -> None:
    """Trip ids and secrets are long random url-safe tokens, all different."""
    ids = {_save(client, small_plan_json)["id"] for _ in range(5)}
    assert len(ids) == 5
    assert all(len(i) >= 22 and i.replace("-", "").replace("_", "").isalnum() for i in ids)


def test_secret_stored_hashed(client: TestClient, small_plan_json: dict[str, Any]) -> None:
    """The database keeps a SHA-256 of the secret, never the secret itself."""
    saved = _save(client, small_plan_json)
    engine = client.app.state.engine  # type: ignore[attr-defined]
    with engine.connect() as conn:
        stored = conn.execute(select(Trip.secret_hash).where(Trip.id == saved["id"])).scalar_one()
    assert stored != saved["secret"]
    assert stored == crud.hash_secret(saved["secret"])


def test_update_roundtrip(client: TestClient, small_plan_json: dict[str, Any]) -> None:
    """PUT takes back what GET returned, changed; the version goes up by one."""
    saved = _save(client, small_plan_json)
    got = client.get(f"/api/trips/{saved['id']}").json()
    got["itinerary"]["title"] = "我的贵州之行"
    r = client.put(
        f"/api/trips/{saved['id']}", json=got, headers={"X-Trip-Secret": saved["secret"]}
    )
    assert r.status_code == 200, r.text
    assert r.json()["version"] == 2
    again = client.get(f"/api/trips/{saved['id']}").json()
    assert again["itinerary"]["title"] == "我的贵州之行" and again["version"] == 2


def test_stale_version_conflicts(client: TestClient, small_plan_json: dict[str, Any]) -> None:
    """Of two editors holding version 1, the second gets 409 and the first edit stays."""
    saved = _save(client, small_plan_json)
    url, head = f"/api/trips/{saved['id']}", {"X-Trip-Secret": saved["secret"]}
    a, b = client.get(url).json(), client.get(url).json()
    a["itinerary"]["title"] = "A"
    b["itinerary"]["title"] = "B"
    assert client.put(url, json=a, headers=head).status_code == 200
    r = client.put(url, json=b, headers=head)
    assert r.status_code == 409
    assert "reload" in r.json()["detail"]
    assert client.get(url).json()["itinerary"]["title"] == "A"


@pytest.mark.parametrize("secret", [None, "", "wrong-secret", "x" * 43])
def test_update_needs_secret(
    client: TestClient, small_plan_json: dict[str, Any], secret: str | None
) -> None:
    """PUT and DELETE without the owner's secret get 403, saying which action needs it, and
    change nothing."""
    saved = _save(client, small_plan_json)
    url = f"/api/trips/{saved['id']}"
    head = {} if secret is None else {"X-Trip-Secret": secret}
    got = client.get(url).json()
    got["itinerary"]["title"] = "hijacked"
    put, delete = client.put(url, json=got, headers=head), client.delete(url, headers=head)
    assert (put.status_code, delete.status_code) == (403, 403)
    assert put.json()["detail"].startswith("editing needs the owner's secret")
    assert delete.json()["detail"].startswith("deleting needs the owner's secret")
    assert client.get(url).json()["itinerary"]["title"] == small_plan_json["title"]


def test_delete(client: TestClient, small_plan_json: dict[str, Any]) -> None:
    """The owner can delete; afterwards the trip is gone: 410 saying it was deleted (an id
    nobody saved stays 404, below)."""
    saved = _save(client, small_plan_json)
    url = f"/api/trips/{saved['id']}"
    assert client.delete(url, headers={"X-Trip-Secret": saved["secret"]}).status_code == 204
    r = client.get(url)
    assert r.status_code == 410 and "deleted" in r.json()["detail"]
    assert client.delete(url, headers={"X-Trip-Secret": saved["secret"]}).status_code == 410


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_unknown_id_404(client: TestClient, small_plan_json: dict[str, Any], method: str) -> None:
    """An id nobody saved is 404 for read, update and delete."""
    url = "/api/trips/AAAAAAAAAAAAAAAAAAAAAA"
    kwargs: dict[str, Any] = {"headers": {"X-Trip-Secret": "s"}}
    if method == "put":
        kwargs["json"] = {"itinerary": small_plan_json, "version": 1}
    r = getattr(client, method)(url, **kwargs)
    assert r.status_code == 404
    assert "no trip" in r.json()["detail"]


def test_infeasible_trip_rejected(client: TestClient, small_plan_json: dict[str, Any]) -> None:
    """A trip that breaks opening hours or travel times is not saved (422 with the reason)."""
    doc = copy.deepcopy(small_plan_json)
    visit = doc["days"][0]["visits"][0]
    visit["start"] = visit["arrive"] = "03:00"
    r = client.post("/api/trips", json=doc)
    assert r.status_code == 422
    assert "not feasible" in r.json()["detail"]


def test_malformed_trip_rejected(client: TestClient) -> None:
    """A body that is not an itinerary is 422 naming the missing field."""
    r = client.post("/api/trips", json={"title": "x"})
    assert r.status_code == 422
    assert "request" in r.text


FORMATS = {
    "ics": "text/calendar",
    "gpx": "gpx",
    "geojson": "geo+json",
    "md": "text/markdown",
    "html": "text/html",
    "json": "application/json",
}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_formats(client: TestClient, small_plan_json: dict[str, Any], fmt: str) -> None:
    """Every export format downloads with its media type and a file name."""
    saved = _save(client, small_plan_json)
    r = client.get(f"/api/trips/{saved['id']}/export/{fmt}")
    assert r.status_code == 200, r.text
    assert FORMATS[fmt] in r.headers["content-type"]
    assert f'.{fmt}"' in r.headers["content-disposition"]
    assert small_plan_json["days"][0]["visits"][0]["name"] in r.text or fmt in ("gpx", "ics")


@pytest.mark.parametrize(
    "path",
    [
        "/api/trips/..%2F..%2Fetc/export/passwd",
        "/api/trips/../../etc/export/passwd",
        "/api/trips/%2e%2e%2f%2e%2e%2fetc/export/json",
        "/api/trips/{id}/export/..%2F..%2Fx",
        "/api/trips/{id}/export/../../x",
        "/api/trips/{id}/export/%2e%2e",
        "/api/trips/{id}/export/exe",
        "/api/trips/{id}/export/JSON",
        "/api/trips/{id}%00/export/json",
    ],
)
def test_traversal_is_4xx(client: TestClient, small_plan_json: dict[str, Any], path: str) -> None:
    """Path traversal attempts in the id or the format are refused with 4xx."""
    saved = _save(client, small_plan_json)
    r = client.get(path.replace("{id}", saved["id"]))
    assert 400 <= r.status_code < 500
    assert "root:" not in r.text


def test_share_page_served(client: TestClient, small_plan_json: dict[str, Any]) -> None:
    """The share link /t/{id} serves the page."""
    saved = _save(client, small_plan_json)
    r = client.get(saved["share_url"])
    assert r.status_code == 200 and "<html" in r.text
