"""JSON bodies validated in pydantic's strict mode: a boolean is not an integer, a string is
not a number, as the OpenAPI document says (the models themselves stay lax for Python).
As in JSON Schema, a number with no fraction (``4.0``) is an integer. No number in a body
may exceed ``LIMIT`` in size (the OpenAPI document says so): nothing in a trip comes near it,
and money far beyond it cannot be printed."""

from __future__ import annotations

import json
from typing import Any

from fastapi import Depends
from fastapi import Request as HttpRequest
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError

LIMIT = 1e10


class _TooBig(ValueError):
    def __init__(self, loc: tuple[str | int, ...]) -> None:
        self.loc = loc


def _whole(value: Any, loc: tuple[str | int, ...] = ()) -> Any:
    """``value`` with every float that has no fraction written as an integer."""
    if isinstance(value, int | float) and not isinstance(value, bool) and abs(value) > LIMIT:
        raise _TooBig(loc)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _whole(v, (*loc, k)) for k, v in value.items()}
    if isinstance(value, list):
        return [_whole(v, (*loc, i)) for i, v in enumerate(value)]
    return value


def strict_body(model: type[BaseModel]) -> Any:
    """A route dependency that re-reads the JSON body as ``model`` with ``strict=True``."""

    async def check(request: HttpRequest) -> None:
        raw = await request.body()
        try:
            doc = json.loads(raw or b"null")
        except ValueError:
            return  # not JSON: FastAPI's own validation answers
        try:
            whole = _whole(doc)
        except _TooBig as exc:
            raise RequestValidationError(
                [
                    {
                        "type": "less_than_equal",
                        "loc": ("body", *exc.loc),
                        "msg": f"numbers may be at most {LIMIT:.0e} in size",
                    }
                ]
            ) from exc
        try:
            model.model_validate_json(json.dumps(whole), strict=True)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
            raise RequestValidationError(
                [{**e, "loc": ("body", *e["loc"])} for e in errors]
            ) from exc

    return Depends(check)
