"""Saved trips: create, read (share link), update (owner + version), delete, export."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

from fastapi import APIRouter, HTTPException, Response
from fastapi import Path as PathParam

from ...model import Itinerary
from ...render.export import EXPORT_FORMATS
from ...render.export import export as render_export
from .. import crud
from .._strict import strict_body
from .._validate import verified
from .._worded import worded_json
from ..deps import EngineDep, IdempotencyKeyDep, SecretDep, TripId
from ..errors import ERRORS
from ..models import PlanView, TripCreated, TripPublic, TripUpdate
from .view import LangQuery, in_language, plan_view

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/api/trips", tags=["trips"])

FmtParam = Annotated[
    str, PathParam(pattern=r"^[a-z]{2,8}$", description="md, html, ics, gpx, geojson or json")
]


def _public(t: crud.StoredTrip, *, can_edit: bool = False) -> TripPublic:
    return TripPublic(
        id=t.id,
        version=t.version,
        itinerary=t.itinerary(),
        created=t.created,
        updated=t.updated,
        can_edit=can_edit,
    )


def gone(exc: crud.TripGoneError) -> HTTPException:
    """410 for a trip its owner deleted."""
    return HTTPException(
        410,
        f"this trip was deleted by its owner on {exc.deleted.date().isoformat()}; "
        "the link no longer shows it",
    )


def missing() -> HTTPException:
    """404 for an id no trip ever had."""
    return HTTPException(404, "no trip with this id; check the link")


@contextmanager
def _stored(action: str = "") -> Iterator[None]:
    """The HTTP answer for a trip that is deleted (410), never was (404) or, for an owner's
    ``action`` ("editing", "deleting"), asked without the owner's secret (403): read, edit
    and delete must say the same thing for the same state of the trip."""
    try:
        yield
    except crud.TripGoneError as exc:
        raise gone(exc) from exc
    except crud.TripNotFoundError as exc:
        raise missing() from exc
    except crud.TripForbiddenError as exc:
        raise HTTPException(
            403, f"{action} needs the owner's secret in the X-Trip-Secret header"
        ) from exc


def _get(engine: EngineDep, trip_id: str) -> crud.StoredTrip:
    with _stored():
        return crud.get_trip(engine, trip_id)


@router.post(
    "",
    status_code=201,
    response_model=TripCreated,
    responses=ERRORS,
    dependencies=[strict_body(Itinerary)],
)
def create(
    itinerary: Itinerary,
    engine: EngineDep,
    response: Response,
    idempotency_key: IdempotencyKeyDep = None,
) -> TripCreated:
    """Save an itinerary as returned by ``/api/plan``; keep the ``secret`` to edit it later.
    With an ``Idempotency-Key`` a retried save returns the first trip, not a copy."""
    try:
        trip, secret, replayed = crud.create_trip(
            engine, verified(itinerary), idempotency_key=idempotency_key
        )
    except crud.TripGoneError as exc:
        raise gone(exc) from exc
    except crud.IdempotencyMismatchError as exc:
        raise HTTPException(
            422,
            "this Idempotency-Key was already used to save a different itinerary; "
            "use a new key for a new save",
        ) from exc
    if replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return TripCreated(id=trip.id, secret=secret, version=trip.version, share_url=f"/t/{trip.id}")


@router.get("/{trip_id}", response_model=TripPublic, responses=ERRORS)
def read(trip_id: TripId, engine: EngineDep, secret: SecretDep = None) -> Response:
    """The trip as saved, with its ``version`` (read-only: no secret needed). With the
    owner's secret in ``X-Trip-Secret`` (an edit link), ``can_edit`` is true. The planner's
    sentences carry their ``text`` in the trip's language."""
    trip = _get(engine, trip_id)
    public = _public(trip, can_edit=bool(secret) and crud.is_owner(engine, trip_id, secret))
    return worded_json(public, public.itinerary.request.lang)


@router.get("/{trip_id}/view", response_model=PlanView, responses=ERRORS)
def view(trip_id: TripId, engine: EngineDep, lang: LangQuery = None) -> PlanView:
    """The saved trip as the HTML of the page's plan (see ``POST /api/view``)."""
    return plan_view(_get(engine, trip_id).itinerary(), lang)


@router.put(
    "/{trip_id}",
    response_model=TripPublic,
    responses=ERRORS,
    dependencies=[strict_body(TripUpdate)],
)
def replace(
    trip_id: TripId, body: TripUpdate, engine: EngineDep, secret: SecretDep = None
) -> Response:
    """Replace the itinerary; needs ``X-Trip-Secret`` and the current ``version`` (else 409)."""
    itinerary = verified(body.itinerary)
    try:
        with _stored("editing"):
            trip = crud.update_trip(
                engine, trip_id, secret, version=body.version, itinerary=itinerary
            )
    except crud.TripConflictError as exc:
        raise HTTPException(
            409,
            f"someone saved this trip meanwhile (now version {exc.current}, you sent "
            f"{body.version}); reload it, redo your change and save again",
        ) from exc
    return worded_json(_public(trip), itinerary.request.lang)


@router.delete("/{trip_id}", status_code=204, responses=ERRORS)
def remove(trip_id: TripId, engine: EngineDep, secret: SecretDep = None) -> Response:
    """Delete the trip (owner only)."""
    with _stored("deleting"):
        crud.delete_trip(engine, trip_id, secret)
    return Response(status_code=204)


@router.get(
    "/{trip_id}/export/{fmt}",
    response_class=Response,
    responses={**ERRORS, 200: {"content": {"text/plain": {}}, "description": "the export"}},
)
def export(trip_id: TripId, fmt: FmtParam, engine: EngineDep, lang: LangQuery = None) -> Response:
    """Download the saved trip as md, html, ics, gpx, geojson or json. ``lang`` (the page's
    language) exports it in that language: a trip saved in the other one is re-assembled in
    it (same stops and days), as ``qianxing export --lang`` does."""
    formats = EXPORT_FORMATS
    if fmt not in formats:
        raise HTTPException(404, f"unknown export format {fmt!r}; use one of {', '.join(formats)}")
    trip = _get(engine, trip_id)
    content, media = render_export(in_language(trip.itinerary(), lang), fmt)
    filename = f"qianxing-{trip.id}.{fmt}"
    return Response(
        content,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
