"""Shared FastAPI dependencies as ``Annotated`` aliases: settings, database engine, secret."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Path, Request
from sqlalchemy import Engine

from .config import Settings

TRIP_ID_PATTERN = r"^[A-Za-z0-9_-]{16,64}$"


def get_engine(request: Request) -> Engine:
    """The engine the app opened at start-up."""
    engine: Engine = request.app.state.engine
    return engine


def get_app_settings(request: Request) -> Settings:
    """The settings the app was built with."""
    settings: Settings = request.app.state.settings
    return settings


EngineDep = Annotated[Engine, Depends(get_engine)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]
SecretDep = Annotated[
    str | None,
    Header(
        alias="X-Trip-Secret",
        max_length=200,
        description="the owner's secret returned when the trip was saved",
    ),
]
TripId = Annotated[
    str,
    Path(min_length=16, max_length=64, pattern=TRIP_ID_PATTERN, description="trip id"),
]
IdempotencyKeyDep = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=16,
        max_length=128,
        pattern=r"^[A-Za-z0-9_.:-]{16,128}$",
        description="a random key (a UUID) per save: a retry with the same key and itinerary "
        "returns the trip the first attempt saved (same id and secret) instead of a copy",
    ),
]
