"""Saved trips: create, read, update (optimistic version check) and delete.

Each write is one statement in its own transaction, so SQLite takes its write lock straight
away (waiting up to ``busy_timeout``) and PostgreSQL re-checks ``version`` under the row lock:
of two editors holding the same version, exactly one wins and the other gets a conflict.
The owner's secret is random (256 bits), so a SHA-256 digest is enough to store it; digests
are compared in constant time.

A deleted trip stays as a tombstone: its row keeps the id, the version and the hashed
``Idempotency-Key`` with the time it was deleted, and loses the itinerary, the title and the
secret's hash; reading, editing or re-saving it raises :class:`TripGoneError`.

A save may carry an ``Idempotency-Key``: only its SHA-256 is stored (unique), and the trip's
secret is derived from the key and the trip id (HMAC-SHA256), so a retry of the same save,
even after a crash between the commit and the answer, gets the same id and secret back
without the secret ever being stored.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass

from sqlalchemy import Engine, insert, select, update
from sqlalchemy.exc import IntegrityError

from ..model import Itinerary
from .models import Trip

ID_BYTES = 16  # 128 bits -> 22 url-safe characters
SECRET_BYTES = 32


class TripNotFoundError(LookupError):
    """No trip has this id."""


class TripGoneError(TripNotFoundError):
    """The trip was deleted by its owner (``deleted`` is when)."""

    def __init__(self, trip_id: str, deleted: dt.datetime) -> None:
        self.deleted = deleted
        super().__init__(trip_id)


class TripForbiddenError(PermissionError):
    """The owner's secret is missing or wrong."""


class TripConflictError(RuntimeError):
    """The trip changed since the client read it (``current`` is the stored version)."""

    def __init__(self, current: int) -> None:
        self.current = current
        super().__init__(f"version conflict: the trip is now at version {current}")


class IdempotencyMismatchError(ValueError):
    """The ``Idempotency-Key`` was used before for a different itinerary."""


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


def _key_hash(key: str) -> str:
    return hashlib.sha256(b"qianxing idempotency key\0" + key.encode("utf-8")).hexdigest()


def _derived_secret(key: str, trip_id: str) -> str:
    mac = hmac.new(key.encode("utf-8"), b"qianxing trip secret\0" + trip_id.encode(), "sha256")
    return base64.urlsafe_b64encode(mac.digest()).rstrip(b"=").decode("ascii")


def _replay(engine: Engine, key: str, body: str) -> tuple[StoredTrip, str] | None:
    """The trip an earlier save with ``key`` created, with its secret; None if there is none."""
    with engine.connect() as conn:
        row = conn.execute(
            select(
                Trip.id,
                Trip.version,
                Trip.body,
                Trip.created,
                Trip.updated,
                Trip.secret_hash,
                Trip.request_hash,
                Trip.deleted,
            ).where(Trip.idempotency_key == _key_hash(key))
        ).first()
    if row is None:
        return None
    if row.deleted is not None:
        raise TripGoneError(row.id, _utc(row.deleted))
    if row.request_hash != hashlib.sha256(body.encode("utf-8")).hexdigest():
        raise IdempotencyMismatchError(key)
    secret = _derived_secret(key, row.id)
    if not hmac.compare_digest(hash_secret(secret), row.secret_hash):
        raise IdempotencyMismatchError(key)  # cannot happen unless the row was altered
    trip = StoredTrip(row.id, row.version, row.body, _utc(row.created), _utc(row.updated))
    return trip, secret


def create_trip(
    engine: Engine, itinerary: Itinerary, *, idempotency_key: str | None = None
) -> tuple[StoredTrip, str, bool]:
    """Save a new trip; returns it, the owner's secret (shown once, never stored) and whether
    it was saved before under the same ``idempotency_key`` (then nothing new is stored).

    Raises
    ------
    IdempotencyMismatchError
        ``idempotency_key`` was used for a different itinerary.
    TripGoneError
        ``idempotency_key`` saved a trip that has since been deleted.
    """
    body = _body(itinerary)
    if idempotency_key is not None:
        earlier = _replay(engine, idempotency_key, body)
        if earlier is not None:
            return (*earlier, True)
    trip_id = secrets.token_urlsafe(ID_BYTES)
    if idempotency_key is None:
        secret = secrets.token_urlsafe(SECRET_BYTES)
        key_hash = request_hash = None
    else:
        secret = _derived_secret(idempotency_key, trip_id)
        key_hash = _key_hash(idempotency_key)
        request_hash = hashlib.sha256(body.encode("utf-8")).hexdigest()
    now = _now()
    try:
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
                    idempotency_key=key_hash,
                    request_hash=request_hash,
                )
            )
    except IntegrityError:
        if idempotency_key is None:
            raise
        earlier = _replay(engine, idempotency_key, body)  # a concurrent save with the same key
        if earlier is None:
            raise
        return (*earlier, True)
    return StoredTrip(trip_id, 1, body, now, now), secret, False


def get_trip(engine: Engine, trip_id: str) -> StoredTrip:
    """The stored trip, or :class:`TripNotFoundError` (:class:`TripGoneError` if deleted)."""
    with engine.connect() as conn:
        row = conn.execute(
            select(
                Trip.id, Trip.version, Trip.body, Trip.created, Trip.updated, Trip.deleted
            ).where(Trip.id == trip_id)
        ).first()
    if row is None:
        raise TripNotFoundError(trip_id)
    if row.deleted is not None:
        raise TripGoneError(trip_id, _utc(row.deleted))
    return StoredTrip(row.id, row.version, row.body, _utc(row.created), _utc(row.updated))


def is_owner(engine: Engine, trip_id: str, secret: str | None) -> bool:
    """Whether ``secret`` is the owner's secret of the (live) trip ``trip_id``."""
    try:
        _authorise(engine, trip_id, secret)
    except (TripNotFoundError, TripForbiddenError):
        return False
    return True


def _authorise(engine: Engine, trip_id: str, secret: str | None) -> int:
    with engine.connect() as conn:
        row = conn.execute(
            select(Trip.secret_hash, Trip.version, Trip.deleted).where(Trip.id == trip_id)
        ).first()
    if row is None:
        raise TripNotFoundError(trip_id)
    if row.deleted is not None:
        raise TripGoneError(trip_id, _utc(row.deleted))
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
            .where(Trip.id == trip_id, Trip.version == version, Trip.deleted.is_(None))
            .values(version=version + 1, body=body, title=itinerary.title[:300], updated=now)
        )
        changed = res.rowcount
    if changed != 1:  # another editor won, or the owner deleted it meanwhile (TripGoneError)
        raise TripConflictError(get_trip(engine, trip_id).version)
    created = get_trip(engine, trip_id).created
    return StoredTrip(trip_id, version + 1, body, created, now)


def delete_trip(engine: Engine, trip_id: str, secret: str | None) -> None:
    """Delete a trip (owner only): its itinerary, title and secret hash are wiped and the row
    stays as a tombstone, so the link says it was deleted (:class:`TripGoneError`)."""
    _authorise(engine, trip_id, secret)
    with engine.begin() as conn:
        res = conn.execute(
            update(Trip)
            .where(Trip.id == trip_id, Trip.deleted.is_(None))
            .values(deleted=_now(), body="", title="", secret_hash="")
        )
        gone = res.rowcount
    if gone != 1:  # deleted meanwhile by another request
        get_trip(engine, trip_id)
