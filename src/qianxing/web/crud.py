"""Saved trips: create, read, update (optimistic version check) and delete.

Each write is one statement in its own transaction, so SQLite takes its write lock straight
away (waiting up to ``busy_timeout``) and PostgreSQL re-checks ``version`` under the row lock:
of two editors holding the same version, exactly one wins and the other gets a conflict.
The owner's secret is random (256 bits), so a SHA-256 digest is enough to store it; digests
are compared in constant time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass

from sqlalchemy import Engine, delete, insert, select, update

from ..model import Itinerary
from .models import Trip

ID_BYTES = 16  # 128 bits -> 22 url-safe characters
SECRET_BYTES = 32


class TripNotFoundError(LookupError):
    """No trip has this id."""


class TripForbiddenError(PermissionError):
    """The owner's secret is missing or wrong."""


class TripConflictError(RuntimeError):
    """The trip changed since the client read it (``current`` is the stored version)."""

    def __init__(self, current: int) -> None:
        self.current = current
        super().__init__(f"version conflict: the trip is now at version {current}")


@dataclass(frozen=True)
class StoredTrip:
    """A trip as stored: the itinerary JSON text is kept verbatim."""

    id: str
    version: int
    body: str
    created: dt.datetime
    updated: dt.datetime

    def itinerary(self) -> Itinerary:
        return Itinerary.model_validate_json(self.body)


def hash_secret(secret: str) -> str:
    """Hex SHA-256 of the owner's secret."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _utc(t: dt.datetime) -> dt.datetime:
    # SQLite hands back naive datetimes; they were written in UTC
    return t if t.tzinfo is not None else t.replace(tzinfo=dt.UTC)


def _body(itinerary: Itinerary) -> str:
    return json.dumps(
        itinerary.model_dump(mode="json", by_alias=True), ensure_ascii=False, sort_keys=True
    )


def create_trip(engine: Engine, itinerary: Itinerary) -> tuple[StoredTrip, str]:
    """Save a new trip; returns it and the owner's secret (shown once, never stored)."""
    trip_id = secrets.token_urlsafe(ID_BYTES)
    secret = secrets.token_urlsafe(SECRET_BYTES)
    now = _now()
    body = _body(itinerary)
    with engine.begin() as conn:
        conn.execute(
            insert(Trip).values(
                id=trip_id,
                secret_hash=hash_secret(secret),
                version=1,
                title=itinerary.title[:300],
                body=body,
                created=now,
                updated=now,
            )
        )
    return StoredTrip(trip_id, 1, body, now, now), secret


def get_trip(engine: Engine, trip_id: str) -> StoredTrip:
    """The stored trip, or :class:`TripNotFoundError`."""
    with engine.connect() as conn:
        row = conn.execute(
            select(Trip.id, Trip.version, Trip.body, Trip.created, Trip.updated).where(
                Trip.id == trip_id
            )
        ).first()
    if row is None:
        raise TripNotFoundError(trip_id)
    return StoredTrip(row.id, row.version, row.body, _utc(row.created), _utc(row.updated))


def _authorise(engine: Engine, trip_id: str, secret: str | None) -> int:
    with engine.connect() as conn:
        row = conn.execute(select(Trip.secret_hash, Trip.version).where(Trip.id == trip_id)).first()
    if row is None:
        raise TripNotFoundError(trip_id)
    if not secret or not hmac.compare_digest(hash_secret(secret), row.secret_hash):
        raise TripForbiddenError(trip_id)
    return int(row.version)


def update_trip(
    engine: Engine, trip_id: str, secret: str | None, *, version: int, itinerary: Itinerary
) -> StoredTrip:
    """Replace the itinerary if ``version`` is the stored one; the version goes up by one."""
    current = _authorise(engine, trip_id, secret)
    if version != current:
        raise TripConflictError(current)
    now = _now()
    body = _body(itinerary)
    with engine.begin() as conn:
        res = conn.execute(
            update(Trip)
            .where(Trip.id == trip_id, Trip.version == version)
            .values(version=version + 1, body=body, title=itinerary.title[:300], updated=now)
        )
        changed = res.rowcount
    if changed != 1:
        raise TripConflictError(get_trip(engine, trip_id).version)
    created = get_trip(engine, trip_id).created
    return StoredTrip(trip_id, version + 1, body, created, now)


def delete_trip(engine: Engine, trip_id: str, secret: str | None) -> None:
    """Delete a trip (owner only)."""
    _authorise(engine, trip_id, secret)
    with engine.begin() as conn:
        conn.execute(delete(Trip).where(Trip.id == trip_id))
