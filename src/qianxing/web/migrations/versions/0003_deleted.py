"""Deleted trips: a nullable ``deleted`` time; a deleted trip's row stays as a tombstone.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04

One nullable column, so the trips saved before this revision keep loading unchanged (they
are not deleted). A deleted trip keeps its id (its link answers 410 "deleted") and its hashed
Idempotency-Key (a retried save answers 410 too, rather than saving a copy); its itinerary,
title and secret hash are wiped.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add ``deleted`` (when the owner deleted the trip; NULL: not deleted)."""
    op.add_column("trips", sa.Column("deleted", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    """Drop the tombstones, then the column."""
    op.execute(sa.text("DELETE FROM trips WHERE deleted IS NOT NULL"))
    with op.batch_alter_table("trips") as batch:
        batch.drop_column("deleted")
