"""Idempotent saves: the hashed ``Idempotency-Key`` of the save that created a trip.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03

Two nullable columns and a unique index (NULLs are distinct on SQLite and PostgreSQL), so
the trips saved before this revision keep loading unchanged.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add ``idempotency_key`` (SHA-256 of the client's key, unique) and ``request_hash``."""
    op.add_column("trips", sa.Column("idempotency_key", sa.String(64), nullable=True))
    op.add_column("trips", sa.Column("request_hash", sa.String(64), nullable=True))
    op.create_index("ix_trips_idempotency_key", "trips", ["idempotency_key"], unique=True)


def downgrade() -> None:
    """Drop the index and both columns."""
    op.drop_index("ix_trips_idempotency_key", table_name="trips")
    with op.batch_alter_table("trips") as batch:
        batch.drop_column("request_hash")
        batch.drop_column("idempotency_key")
