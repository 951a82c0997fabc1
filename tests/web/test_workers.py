"""Two server processes on one database behave as one service: started together on an empty
database (the migration runs once, under a lock), a trip saved through one is read, edited,
re-saved idempotently and deleted through the other; the 409 rules hold across them. Nothing
depends on a process's own plan cache."""

from __future__ import annotations

import subprocess
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from web_helpers import free_port, server_env, start_server, stop_server

from qianxing.web.config import Settings

pytestmark = pytest.mark.slow  # real server processes: `pytest -m slow`


@pytest.fixture
def two_servers(fresh_settings: Settings, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """Two servers on one empty database (SQLite: one file; PostgreSQL: a scratch schema),
    started at the same time; yields their base URLs."""
    env = server_env(fresh_settings.data_dir, fresh_settings.database_url)
    procs: list[subprocess.Popen[bytes]] = []
    errors: list[BaseException] = []
    ports = [free_port(), free_port()]

    def start(port: int, name: str) -> None:
        try:
            # two servers warming up at once on a shared machine: allow them longer
            procs.append(start_server(env, port, tmp_path / f"{name}.log", wait=240))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [
        threading.Thread(target=start, args=(p, n)) for p, n in zip(ports, "AB", strict=True)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert not errors, errors
        yield f"http://127.0.0.1:{ports[0]}", f"http://127.0.0.1:{ports[1]}"
    finally:
        for p in procs:
            stop_server(p)


def test_two_servers_one_database(
    two_servers: tuple[str, str], small_plan_json: dict[str, Any]
) -> None:
    """Save on A, read/edit/delete on B, an idempotent retry on B, a stale edit on A is 409."""
    a_url, b_url = two_servers
    with (
        httpx.Client(base_url=a_url, timeout=60) as a,
        httpx.Client(base_url=b_url, timeout=60) as b,
    ):
        key = {"Idempotency-Key": str(uuid.uuid4())}
        first = a.post("/api/trips", json=small_plan_json, headers=key)
        assert first.status_code == 201, first.text
        retry = b.post("/api/trips", json=small_plan_json, headers=key)
        assert retry.status_code == 201, retry.text
        assert retry.json() == first.json()
        assert retry.headers.get("Idempotent-Replayed") == "true"
        trip = first.json()
        url, owner = f"/api/trips/{trip['id']}", {"X-Trip-Secret": trip["secret"]}

        got = b.get(url, headers=owner)
        assert got.status_code == 200 and got.json()["can_edit"] is True
        assert got.json()["itinerary"] == small_plan_json
        edited = got.json()
        edited["itinerary"]["title"] = "edited on B"
        put = b.put(url, json={"itinerary": edited["itinerary"], "version": 1}, headers=owner)
        assert put.status_code == 200 and put.json()["version"] == 2, put.text
        stale = a.put(url, json={"itinerary": small_plan_json, "version": 1}, headers=owner)
        assert stale.status_code == 409, stale.text
        assert a.get(url).json()["itinerary"]["title"] == "edited on B"

        assert b.delete(url, headers=owner).status_code == 204
        gone = a.get(url)
        assert gone.status_code == 410 and "deleted" in gone.json()["detail"]
        assert a.get(f"/t/{trip['id']}").status_code == 410
        again = a.post("/api/trips", json=small_plan_json, headers=key)
        assert again.status_code == 410, again.text


def test_plans_agree_without_a_shared_cache(two_servers: tuple[str, str]) -> None:
    """The same request on A twice (a cache hit) and on B (a miss there) gives the same days:
    the cache only saves time, the answer does not depend on which process answers."""
    a_url, b_url = two_servers
    req = {"days": 2, "month": 10}
    first = httpx.post(a_url + "/api/plan", json=req, timeout=120)
    hit = httpx.post(a_url + "/api/plan", json=req, timeout=120)
    other = httpx.post(b_url + "/api/plan", json=req, timeout=120)
    assert first.status_code == hit.status_code == other.status_code == 200
    assert first.headers["X-Plan-Cache"] == "miss" and hit.headers["X-Plan-Cache"] == "hit"
    assert other.headers["X-Plan-Cache"] == "miss"
    for r in (hit, other):
        assert r.json()["days"] == first.json()["days"]
