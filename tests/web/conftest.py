"""Fixtures for the web tests: settings per backend, an in-process client, a saved plan."""

from __future__ import annotations

import os
import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from qianxing.message import worded
from qianxing.model import Itinerary, Request
from qianxing.plan import plan
from qianxing.web.config import Settings
from qianxing.web.main import create_app

with warnings.catch_warnings():
    # starlette asks for `httpx2` when the TestClient module is imported; httpx works the same
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

POSTGRES_URL = os.environ.get("QIANXING_TEST_POSTGRES_URL", "")
BACKENDS = [
    "sqlite",
    pytest.param(
        "postgres",
        marks=pytest.mark.skipif(not POSTGRES_URL, reason="QIANXING_TEST_POSTGRES_URL not set"),
    ),
]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database URL: SQLite in a temporary data dir, or the test PostgreSQL database."""
    if request.param == "postgres":
        return POSTGRES_URL
    return ""


@pytest.fixture
def settings(backend: str, tmp_path: Path) -> Settings:
    """App settings on the backend under test, offline tiles."""
    return Settings(data_dir=tmp_path / "data", database_url=backend, tile_url="")


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    """An in-process client (lifespan run: database migrated)."""
    with TestClient(create_app(settings)) as c:
        yield c


@pytest.fixture
def fresh_settings(settings: Settings) -> Iterator[Settings]:
    """``settings`` on an empty database: SQLite's is new; on PostgreSQL a scratch schema of
    the test database comes first on the search path (and is dropped), so other tests'
    tables are left alone."""
    if not settings.database_url:
        yield settings
        return
    url = make_url(settings.sqlalchemy_url)
    name = f"qx_migration_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{name}"'))
    scratch = url.update_query_dict({"options": f"-csearch_path={name}"})
    try:
        yield settings.model_copy(
            update={"database_url": scratch.render_as_string(hide_password=False)}
        )
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
        admin.dispose()


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless chromium from /usr/bin/chromium (a Playwright ``Browser``), one per module."""
    if not CHROMIUM.exists() and not os.environ.get("CI"):  # in CI a missing browser fails
        pytest.skip("/usr/bin/chromium is absent (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="session")
def small_plan() -> Itinerary:
    """A 3-day October plan from Guiyang (the fixture every trip test saves)."""
    return plan(Request(days=3, month=10))


@pytest.fixture(scope="session")
def small_plan_json(small_plan: Itinerary) -> dict[str, Any]:
    """``small_plan`` as the JSON /api/plan returns (each sentence with its ``text``)."""
    context = worded(small_plan.request.lang, flags=False)
    return small_plan.model_dump(mode="json", by_alias=True, context=context)
