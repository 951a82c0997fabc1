"""Identical plan requests are answered from the cache, the same plan as planning again."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from conftest import TestClient
from qianxing.model import Itinerary, Request
from qianxing.web._cache import PlanCache
from qianxing.web.config import Settings
from qianxing.web.main import create_app


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A client on SQLite."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("cache"), tile_url="")
    with TestClient(create_app(settings)) as c:
        yield c


def test_identical_request_hits(api: TestClient) -> None:
    """The second identical request is a hit with the same plan; another seed is a miss."""
    req = {"days": 2, "month": 4, "seed": 7}
    a = api.post("/api/plan", json=req)
    b = api.post("/api/plan", json=req)
    assert a.headers["X-Plan-Cache"] == "miss" and b.headers["X-Plan-Cache"] == "hit"
    assert a.json() == b.json()
    c = api.post("/api/plan", json={**req, "seed": 8})
    assert c.headers["X-Plan-Cache"] == "miss"
    cache: PlanCache = api.app.state.plan_cache  # type: ignore[attr-defined]
    assert (cache.hits, cache.misses) == (1, 2)


def test_cached_plan_equals_fresh(api: TestClient) -> None:
    """A hit answers what a fresh plan of the same request gives (the planner is
    deterministic), apart from the time it was made."""
    req = {"days": 2, "month": 9, "seed": 1}
    api.post("/api/plan", json=req)
    hit = api.post("/api/plan", json=req).json()
    from qianxing.message import worded
    from qianxing.plan import plan

    it = plan(Request.model_validate(req))
    fresh = it.model_dump(mode="json", by_alias=True, context=worded(it.request.lang, flags=False))
    assert {**hit, "generated": ""} == {**fresh, "generated": ""}


def test_concurrent_identical_requests_plan_once() -> None:
    """Requests arriving while the same plan is being made wait for it: one plan is made."""
    cache = PlanCache()
    req = Request(days=1, month=5)
    started, release = threading.Event(), threading.Event()
    made: list[int] = []
    doc = Itinerary.model_validate(
        {"request": req.model_dump(), "title": "t", "days": []}, strict=False
    )

    def make() -> Itinerary:
        made.append(1)
        started.set()
        release.wait()
        return doc

    results: list[bool] = []
    first = threading.Thread(target=lambda: results.append(cache.get(req, 1.0, make)[1]))
    first.start()
    started.wait()
    others = [
        threading.Thread(target=lambda: results.append(cache.get(req, 1.0, make)[1]))
        for _ in range(3)
    ]
    for t in others:
        t.start()
    release.set()
    for t in [first, *others]:
        t.join()
    assert len(made) == 1
    assert sorted(results) == [False, True, True, True]


def test_errors_not_cached(api: TestClient) -> None:
    """A refused request is refused again, not answered from the cache."""
    bad = {"days": 1, "must": ["huangguosu"]}
    assert api.post("/api/plan", json=bad).status_code == 422
    assert api.post("/api/plan", json=bad).status_code == 422
