"""Database engine: SQLite (WAL, synchronous=FULL) by default, PostgreSQL via ``DATABASE_URL``.

Migrations are Alembic scripts in ``web/migrations``; :func:`migrate` runs them to ``head``
programmatically when the app starts, so a fresh data directory just works.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url

logger = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).parent / "migrations"
SQLITE_BUSY_MS = 30_000


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cur = dbapi_connection.cursor()
    # WAL lets readers run beside the writer; synchronous=FULL fsyncs the WAL on every
    # commit, so a save acknowledged with 2xx survives a crash or power loss.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def make_engine(url: str) -> Engine:
    """Create the engine for ``url``; for SQLite, create the directory and set the pragmas."""
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        if u.database and u.database != ":memory:":
            Path(u.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            u,
            connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_MS / 1000},
            pool_size=20,
            max_overflow=20,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(u, pool_size=10, max_overflow=20, pool_pre_ping=True)


MIGRATION_LOCK = 0x71786D6967  # "qxmig": the PostgreSQL advisory lock held while migrating


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """An exclusive ``flock`` on ``path`` (created if missing) for the block."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision (idempotent).

    Several server processes may start at once on one database (``--workers N``, or N
    servers on one PostgreSQL): each migrates under a lock, so one upgrades and the others
    then find the schema at ``head``. PostgreSQL: a transaction-scoped advisory lock taken in
    the migration's own transaction (DDL is transactional there); SQLite: an ``flock`` on a
    file beside the database."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    url = engine.url
    lock: contextlib.AbstractContextManager[None] = contextlib.nullcontext()
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        lock = _file_lock(Path(url.database).expanduser().with_suffix(".migrate.lock"))
    with lock, engine.begin() as conn:
        if url.get_backend_name() == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK})
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    logger.info("database schema at head (%s)", engine.url.render_as_string(hide_password=True))
