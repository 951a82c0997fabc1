"""Domain types: places from the pack, the traveller's request, and the itinerary.

``Place`` is a frozen dataclass (internal, fast); ``Request`` and ``Itinerary`` are pydantic
models because they cross edges: CLI flags, the Python API, JSON bodies and saved files all
use these same models (and `qianxing schema itinerary` publishes the JSON Schema).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .data.facts import Resolved
from .data.schema import Fee, Period

Pace = Literal["relaxed", "normal", "packed"]
Transport = Literal["public", "public+car", "charter", "self-drive"]
Spice = Literal["none", "mild", "medium", "hot"]
Lang = Literal["zh", "en"]
SPICE_LEVEL: dict[str, int] = {"none": 0, "mild": 1, "medium": 2, "hot": 3}


@dataclass(frozen=True)
class Place:
    """An attraction, a lodging base or a station, with resolved facts (WGS84, minutes, CNY)."""

    id: str
    kind: Literal["attraction", "base", "station"]
    zh: str
    en: str
    pinyin: str
    aliases: tuple[str, ...]
    prefecture: str
    lat: float
    lon: float
    tags: tuple[str, ...] = ()
    rank: str | None = None
    base: str | None = None
    terminal: Literal["rail", "airport", "bus"] | None = None  # a station's kind in the pack
    periods: tuple[Period, ...] = ()
    closed_weekdays: tuple[int, ...] = ()
    visit_short: int = 0
    visit_typical: int = 0
    ticket_full: float = 0.0
    ticket_reduced: float | None = None
    fees: tuple[Fee, ...] = ()
    effort: int = 1
    rain: str = "ok"
    altitude_m: float | None = None
    about_zh: str = ""
    about_en: str = ""
    facts: dict[str, Resolved[Any]] = field(default_factory=dict, compare=False, repr=False)

    def name(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else self.en

    def about(self, lang: str = "zh") -> str:
        return self.about_zh if lang == "zh" else self.about_en

    def hours_in(self, month: int) -> Period | None:
        """The opening period that applies in ``month`` (None: closed that month)."""
        for p in self.periods:
            if month in p.months:
                return p
        return None


class Request(BaseModel):
    """What a traveller asks for. The same model backs the CLI, the Python API and JSON."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    days: int = Field(ge=1, le=21, description="trip length in days")
    start: dt.date | None = Field(default=None, description="first day's date")
    month: int | None = Field(default=None, ge=1, le=12, description="travel month if no date")
    arrive: str = Field(default="贵阳", min_length=1, max_length=60)
    arrive_time: str = Field(default="10:00", description="HH:MM, local time")
    depart: str = Field(default="贵阳", min_length=1, max_length=60)
    depart_time: str = Field(default="18:00", description="HH:MM, local time")
    pace: Pace = "normal"
    like: dict[str, float] = Field(default_factory=dict, description="interest tag -> weight")
    must: list[str] = Field(default_factory=list, max_length=30)
    avoid: list[str] = Field(default_factory=list, max_length=60)
    budget: float | None = Field(default=None, ge=0, le=1_000_000, description="CNY per person")
    adults: int = Field(default=1, ge=0, le=20)
    children: int = Field(default=0, ge=0, le=20)
    seniors: int = Field(default=0, ge=0, le=20)
    transport: Transport = "public"
    spice: Spice = "medium"
    vegetarian: bool = False
    lang: Lang = "zh"
    seed: int = Field(default=0, ge=0, le=2**31)

    @field_validator("arrive_time", "depart_time")
    @classmethod
    def _hhmm(cls, v: str) -> str:
        try:
            t = dt.datetime.strptime(v, "%H:%M")
        except ValueError as exc:
            raise ValueError(f"time {v!r} is not HH:MM") from exc
        return t.strftime("%H:%M")

    @field_validator("like")
    @classmethod
    def _weights(cls, v: dict[str, float]) -> dict[str, float]:
        if len(v) > 40 or any(not 0 <= w <= 10 for w in v.values()):
            raise ValueError("interest weights must be between 0 and 10")
        return v

    @model_validator(mode="after")
    def _party(self) -> Request:
        if self.adults + self.children + self.seniors < 1:
            raise ValueError("the party needs at least one traveller")
        return self

    @property
    def travel_month(self) -> int:
        if self.start is not None:
            return self.start.month
        return self.month or 10

    @property
    def party(self) -> int:
        return self.adults + self.children + self.seniors


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Money(_Out):
    """A price in CNY with its provenance; ``low``/``high`` when sources give a range."""

    amount: float
    low: float | None = None
    high: float | None = None
    estimate: bool = False
    check_before_you_go: bool = False
    source: str | None = None
    date: str | None = None


class Fare(_Out):
    low: float
    high: float
    overcharge_above: float | None = None
    basis: str
    estimate: bool = True


class Visit(_Out):
    place: str
    name: str
    lat: float
    lon: float
    arrive: str
    start: str
    leave: str
    minutes: int
    what: str = ""
    ticket: Money | None = None
    fees: list[dict[str, Any]] = Field(default_factory=list)
    reservation: str | None = None
    hours: str | None = None
    notes: list[str] = Field(default_factory=list)


class Leg(_Out):
    from_: str = Field(alias="from")
    to: str
    mode: str
    depart: str
    arrive: str
    minutes: int
    km: float
    fare: Fare | None = None
    estimate: bool = True
    steps: list[dict[str, Any]] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Meal(_Out):
    meal: str
    where: str
    dishes: list[dict[str, Any]]
    price: Fare | None = None


class Lodging(_Out):
    base: str
    name: str
    kind: str
    price: Fare | None = None
    why: str = ""


class Weather(_Out):
    high_c: float | None = None
    low_c: float | None = None
    rain_days: float | None = None
    rain_mm: float | None = None
    wear: str = ""
    rain_plan: str | None = None
    estimate: bool = False
    source: str | None = None


class Stop(_Out):
    place: str
    name: str
    time: str


class Day(_Out):
    day: int
    date: str | None = None
    weekday: str | None = None
    start: Stop
    end: Stop
    visits: list[Visit]
    legs: list[Leg]
    meals: list[Meal] = Field(default_factory=list)
    lodging: Lodging | None = None
    weather: Weather | None = None
    tips: list[dict[str, Any]] = Field(default_factory=list)
    locked: bool = False


class Dropped(_Out):
    place: str
    name: str
    reason: str
    fix: str | None = None


class Itinerary(_Out):
    """A whole plan, as printed by `--format json` and saved by the web app."""

    version: int = 1
    request: Request
    title: str
    days: list[Day]
    dropped: list[Dropped] = Field(default_factory=list)
    budget: dict[str, Any] = Field(default_factory=dict)
    warnings: list[str] = Field(default_factory=list)
    score: float = 0.0
    generated: str = ""
