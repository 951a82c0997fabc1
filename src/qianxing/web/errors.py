"""Domain errors to HTTP answers: 4xx JSON whose ``detail`` says what to change."""

from __future__ import annotations

import logging
import math
from typing import Any

from fastapi import FastAPI
from fastapi import Request as HttpRequest
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from ..exceptions import ImpossibleRequestError, PlanCheckError, UnknownPlaceError
from .models import ErrorBody

logger = logging.getLogger(__name__)

ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": text}
    for code, text in (
        (400, "the request cannot be met"),
        (403, "the owner's secret is missing or wrong"),
        (404, "not found"),
        (409, "version conflict: reload and try again"),
        (410, "the trip was deleted by its owner"),
        (413, "request body too large"),
        (422, "invalid input; the message says what to change"),
    )
}


async def _unknown_place(_req: HttpRequest, exc: Exception) -> JSONResponse:
    assert isinstance(exc, UnknownPlaceError)
    return JSONResponse(
        {"detail": str(exc), "place": exc.name, "suggestions": exc.suggestions}, status_code=422
    )


async def _impossible(_req: HttpRequest, exc: Exception) -> JSONResponse:
    # worded for the page: the options to change are its form fields, not the CLI's flags
    assert isinstance(exc, ImpossibleRequestError)
    return JSONResponse({"detail": exc.text(flags=False)}, status_code=422)


async def _plan_bug(_req: HttpRequest, exc: Exception) -> JSONResponse:
    logger.error("planner produced an infeasible plan: %s", exc)
    return JSONResponse(
        {
            "detail": "the planner could not produce a checked plan for this request; "
            "try other days or fewer must-see places"
        },
        status_code=422,
    )


def _finite(value: Any) -> Any:
    """``value`` with every NaN or infinity replaced by its name, so that it is valid JSON."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


async def _invalid(_req: HttpRequest, exc: Exception) -> JSONResponse:
    # FastAPI's own answer, except that a body with NaN or Infinity (which Python's JSON
    # parser accepts) is echoed back as text instead of failing to encode (a 500)
    assert isinstance(exc, RequestValidationError)
    return JSONResponse({"detail": _finite(jsonable_encoder(exc.errors()))}, status_code=422)


def install(app: FastAPI) -> None:
    """Register the handlers for domain errors and invalid requests."""
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(UnknownPlaceError, _unknown_place)
    app.add_exception_handler(ImpossibleRequestError, _impossible)
    app.add_exception_handler(PlanCheckError, _plan_bug)
