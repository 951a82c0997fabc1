"""Alembic environment: runs online against the connection the app passes in ``attributes``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from qianxing.web.models import Base

config = context.config
target_metadata = Base.metadata


def run() -> None:
    """Run migrations on the given connection, or on ``sqlalchemy.url`` from the CLI."""
    conn = config.attributes.get("connection")
    if conn is not None:
        context.configure(connection=conn, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.begin() as c:
        context.configure(connection=c, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()


run()
