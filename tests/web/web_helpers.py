"""Helpers for the web tests: a free port, a server subprocess, and app settings."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
from alembic import command
from alembic.config import Config
from sqlalchemy import insert

from qianxing.web import crud
from qianxing.web.db import MIGRATIONS, make_engine
from qianxing.web.models import Trip

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ROOT = Path(__file__).resolve().parents[2]
INJECTION = "<img src=x onerror=alert(1)>"


def free_port() -> int:
    """An unused TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_env(data_dir: Path, database_url: str = "", **extra: str) -> dict[str, str]:
    """Environment for a server subprocess: its own data dir, no tiles (offline)."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(QIANXING_DATA_DIR=str(data_dir), DATABASE_URL=database_url, QIANXING_TILE_URL="")
    env.update(extra)
    return env


def start_server(
    env: dict[str, str], port: int, log: Path, *, wait: float = 60
) -> subprocess.Popen[bytes]:
    """Run ``qianxing serve`` (via :func:`qianxing.cli_web.serve`) and wait until it answers
    (at most ``wait`` seconds)."""
    code = f"from qianxing.cli_web import serve; serve(host='127.0.0.1', port={port})"
    with log.open("ab") as out:
        proc = subprocess.Popen(
            [sys.executable, "-c", code], env=env, stdout=out, stderr=subprocess.STDOUT
        )
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}: {log.read_text()[-2000:]}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"http://127.0.0.1:{port}/api/config", timeout=1).status_code == 200:
                return proc
        time.sleep(0.1)
    proc.kill()
    raise RuntimeError(f"server did not start: {log.read_text()[-2000:]}")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    """Terminate the server (kill if it lingers)."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


@contextlib.contextmanager
def running_server(env: dict[str, str], log: Path) -> Iterator[str]:
    """A server subprocess for the duration of the block; yields its base URL."""
    port = free_port()
    proc = start_server(env, port, log)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_server(proc)


def trip_at_revision(
    database_url: str, revision: str, trip_id: str, itinerary: dict[str, Any], **columns: Any
) -> None:
    """A database migrated only to ``revision`` holding one trip (owner secret "old-secret"),
    written with that revision's columns (``columns`` adds the ones it has beyond 0001): what
    an older release left behind, for the migration tests to upgrade."""
    engine = make_engine(database_url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    now = dt.datetime.now(dt.UTC)
    with engine.begin() as conn:
        conn.execute(
            insert(Trip.__table__).values(
                id=trip_id,
                secret_hash=crud.hash_secret("old-secret"),
                version=1,
                title="old",
                body=json.dumps(itinerary, ensure_ascii=False, sort_keys=True),
                created=now,
                updated=now,
                **columns,
            )
        )
    engine.dispose()


def open_page(browser: Browser, url: str) -> Page:
    """A desktop-sized page at ``url``, once its script says it is ready (``data-ready``);
    actions wait up to a minute, as a loaded CI machine needs."""
    page = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
    page.set_default_timeout(60_000)
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']")
    return page
