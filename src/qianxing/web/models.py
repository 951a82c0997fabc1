"""Database tables and the web schemas of saved trips (``XBase``/``XCreate``/``XPublic``)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from ..i18n import Lang
from ..model import Itinerary


class Base(DeclarativeBase):
    """Declarative base of the web tables."""


class Trip(Base):
    """A saved itinerary: ``body`` is its JSON; only a hash of the owner's secret is kept."""

    __tablename__ = "trips"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    secret_hash: Mapped[str] = mapped_column(String(128))
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    created: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    # SHA-256 of the save's Idempotency-Key (unique) and of the itinerary it saved
    idempotency_key: Mapped[str | None] = mapped_column(String(64), unique=True, index=True)
    request_hash: Mapped[str | None] = mapped_column(String(64))
    # when the owner deleted it: the row stays as a tombstone (its itinerary, title and
    # secret wiped) so that its link says "deleted" rather than "no such trip"
    deleted: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class TripBase(BaseModel):
    """The part of a trip a client sends back."""

    itinerary: Itinerary


class TripUpdate(TripBase):
    """``PUT /api/trips/{id}``: what GET returned, changed; ``version`` must be the stored one."""

    model_config = ConfigDict(extra="ignore")

    version: int = Field(ge=1, le=2**31)


class TripPublic(TripBase):
    """A saved trip as anyone with the link sees it (read-only)."""

    id: str
    version: int
    created: dt.datetime
    updated: dt.datetime
    can_edit: bool = Field(
        default=False,
        description="whether the request's X-Trip-Secret is the owner's (false without one)",
    )


class TripCreated(BaseModel):
    """The answer to a save: keep ``secret`` to edit or delete the trip later."""

    id: str
    secret: str
    version: int
    share_url: str = Field(description="read-only link to the page showing this trip")


class MoveEdit(BaseModel):
    """Move one place to another day (days numbered from 1)."""

    model_config = ConfigDict(extra="forbid")

    place: str = Field(min_length=1, max_length=60)
    to_day: int = Field(ge=1, le=21)


class DayOrder(BaseModel):
    """A day's places in a new order (dragged on the page): the day is re-timed in exactly
    this order; ``places`` must be that day's place ids, each once."""

    model_config = ConfigDict(extra="forbid")

    day: int = Field(ge=1, le=21)
    places: list[Annotated[str, Field(min_length=1, max_length=60)]] = Field(
        min_length=1, max_length=30
    )


class ReplanBody(BaseModel):
    """``POST /api/replan``: an itinerary and the edits to apply to it."""

    model_config = ConfigDict(extra="forbid")

    itinerary: Itinerary
    lock_days: list[Annotated[int, Field(ge=1, le=21)]] = Field(default_factory=list, max_length=21)
    remove: list[Annotated[str, Field(min_length=1, max_length=60)]] = Field(
        default_factory=list, max_length=60
    )
    add: list[Annotated[str, Field(min_length=1, max_length=60)]] = Field(
        default_factory=list, max_length=30
    )
    move: list[MoveEdit] = Field(default_factory=list, max_length=30)
    order: list[DayOrder] = Field(
        default_factory=list,
        max_length=21,
        description="days whose places keep the given order (applied first; a reordered day "
        "no other edit touches is then kept as it is)",
    )


class ReplanResult(BaseModel):
    """The re-planned itinerary and a human-readable list of what changed."""

    itinerary: Itinerary
    changes: list[str]


class PlacePublic(BaseModel):
    """One place: WGS84 ``lat``/``lon`` plus GCJ-02 ``gcj_lat``/``gcj_lon`` for Chinese maps."""

    id: str
    kind: str
    zh: str
    en: str
    pinyin: str
    tags: list[str]
    lat: float
    lon: float
    gcj_lat: float
    gcj_lon: float


class MapConfig(BaseModel):
    """Tile layer settings for the page."""

    tile_url: str
    tile_datum: str
    tile_subdomains: str
    tile_attribution: str
    export_formats: list[str]


class MapLine(BaseModel):
    """One step of a leg on the map (``qianxing.render.geometry``)."""

    day: int = Field(description="the day, from 1")
    leg: int = Field(description="the leg of the day, from 1")
    mode: str = Field(description="walk, taxi, car, hired-car, rail, bus or shuttle")
    exact: bool = Field(
        description="true: the line passes the stations or road junctions the pack knows on "
        "the way (drawn solid); false: only its two ends are known (drawn dashed)"
    )
    points: list[tuple[float, float]] = Field(description="[lat, lon] in WGS84, in order")
    gcj: list[tuple[float, float]] = Field(
        description="the same points in GCJ-02, for Amap-style tiles"
    )


class PlanView(BaseModel):
    """The plan as the page shows it: ``html`` is one ``<div class="qx-plan">`` holding the
    days, places left out and budget (the HTML export's parts; escaped, no scripts), and
    ``lines``, where each step of each leg runs on the map."""

    lang: Lang
    html: str
    title: str = Field(default="", description="the trip's title in ``lang``")
    lines: list[MapLine] = Field(default_factory=list)


class ErrorBody(BaseModel):
    """Every 4xx answer: ``detail`` says what to change."""

    detail: Any
