"""JSON bodies validated in pydantic's strict mode: a boolean is not an integer, a string is
not a number, as the OpenAPI document says (the models themselves stay lax for Python)."""

from __future__ import annotations

from typing import Any

from fastapi import Depends
from fastapi import Request as HttpRequest
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError


def strict_body(model: type[BaseModel]) -> Any:
    """A route dependency that re-reads the JSON body as ``model`` with ``strict=True``."""

    async def check(request: HttpRequest) -> None:
        raw = await request.body()
        try:
            model.model_validate_json(raw or b"null", strict=True)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
            raise RequestValidationError(
                [{**e, "loc": ("body", *e["loc"])} for e in errors]
            ) from exc

    return Depends(check)
