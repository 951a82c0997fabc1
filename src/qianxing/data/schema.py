"""Pydantic schema of a region pack: every fact is a list of sourced observations.

The pack is region-agnostic. A *fact* is never a bare value: it is a list of
:class:`Observation` objects, each carrying the value, where it came from, the date the source
states or, for a source that states none (``dated: false``), the day we saw it. Conflicting
observations are all kept; the resolution rule lives in :mod:`qianxing.data.facts`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Datum = Literal["WGS84", "GCJ-02", "BD-09"]
Kind = Literal["official", "report", "reference", "estimate"]
_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
T = TypeVar("T")
_NO_SEEN = "an undated observation (dated: false) needs 'seen', the day it was read"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Observation(_Strict, Generic[T]):
    """One value as one source gave it, typed by its value (``Observation[Ticket]``).

    ``kind`` ranks sources: ``official`` (operator or government notice), ``reference``
    (encyclopaedia, timetable, map service), ``report`` (blog, Q&A, travel note) and
    ``estimate`` (no citable source; ``method`` says how we derived it).

    ``dated`` says whether the source states a date. When it does, ``date`` is that date;
    when it does not (``dated: false``), ``seen`` is the day we read it and ``date`` defaults
    to ``seen``, or is an earlier day when the content shows it can be no newer (say why in
    ``note``). Either way ``date`` is the observation's *evidence date*, the one the
    resolution rule compares. ``seen`` may also be given for a dated source.
    """

    value: T
    source: str = Field(min_length=3)
    date: dt.date
    dated: bool = True
    seen: dt.date | None = None
    kind: Kind = "report"
    method: str | None = None
    datum: Datum | None = None
    note: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _date_from_seen(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("dated") is False and data.get("seen") is None:
            raise ValueError(_NO_SEEN)
        if isinstance(data, dict) and data.get("dated") is False and data.get("date") is None:
            return {**data, "date": data["seen"]}
        return data

    @model_validator(mode="after")
    def _estimate_has_method(self) -> Observation[T]:
        if self.kind == "estimate" and not self.method:
            raise ValueError("an estimate needs a 'method' saying how it was derived")
        if self.kind != "estimate" and self.source.strip().lower() == "estimate":
            raise ValueError("source 'estimate' needs kind: estimate and a method")
        if not self.dated and self.seen is None:
            raise ValueError(_NO_SEEN)
        if not self.dated and self.seen is not None and self.date > self.seen:
            raise ValueError("an undated observation's date cannot be after the day it was seen")
        return self


Fact = Annotated[list[Observation[Any]], Field(min_length=1)]
"""A fact whose value is a record checked by ``qianxing data check`` (its type in a comment)."""
Rain = Literal["good", "ok", "poor"]
# Facts whose value type is checked when the pack loads (Observation[T] with T):
NumberFact = Annotated[list[Observation[float]], Field(min_length=1)]
RainFact = Annotated[list[Observation[Rain]], Field(min_length=1)]
MonthsFact = Annotated[list[Observation[list[int]]], Field(min_length=1)]
TextFact = Annotated[list[Observation[str]], Field(min_length=1)]


class Names(_Strict):
    zh: str
    en: str
    pinyin: str | None = None

    def in_(self, lang: str) -> str:
        """The name in ``lang`` (anything but "zh" is English)."""
        return self.zh if lang == "zh" else self.en


class Text(_Strict):
    """Our own words (never copied prose), in both languages."""

    zh: str
    en: str

    def in_(self, lang: str) -> str:
        """The text in ``lang`` (anything but "zh" is English)."""
        return self.zh if lang == "zh" else self.en


class LatLon(_Strict):
    """A point; ``role: centre`` marks a town's centre as a visitor means it (the old centre,
    where hotels and the city station are), which wins over other points of that town."""

    lat: float
    lon: float
    role: Literal["centre"] | None = None


class Period(_Strict):
    """Opening hours for some months; times are local (Asia/Shanghai), HH:MM."""

    months: list[int] = Field(default_factory=lambda: list(range(1, 13)))
    open: str
    close: str
    last_entry: str | None = None

    @field_validator("open", "close", "last_entry")
    @classmethod
    def _hhmm(cls, v: str | None) -> str | None:
        if v is not None and not _HHMM.match(v):
            raise ValueError(f"time {v!r} is not HH:MM")
        return v

    @field_validator("months")
    @classmethod
    def _months(cls, v: list[int]) -> list[int]:
        if not v or any(m < 1 or m > 12 for m in v):
            raise ValueError("months must be 1..12")
        return v


class Hours(_Strict):
    periods: list[Period] = Field(min_length=1)
    closed_weekdays: list[int] = Field(default_factory=list)  # 0 = Monday


class Ticket(_Strict):
    """Ticket in CNY per person. ``reduced`` is the usual half/discount price; ``child``,
    ``senior`` and ``student`` are the prices the same source states for a child (the
    paying band: over the free height or age), a senior (the youngest band over 60) and a
    student, where it states them."""

    full: float = Field(ge=0)
    reduced: float | None = Field(default=None, ge=0)
    child: float | None = Field(default=None, ge=0)
    senior: float | None = Field(default=None, ge=0)
    student: float | None = Field(default=None, ge=0)
    months: list[int] | None = None  # None: all year
    note: str | None = None


class Fee(_Strict):
    """A fee beyond the ticket (shuttle bus, cable car, boat), CNY per person; its name in
    both languages (``{zh: 观光车（往返）, en: sightseeing bus (return)}``)."""

    name: Text
    fare: float = Field(ge=0)
    required: bool = False
    note: str | None = None


class Reservation(_Strict):
    required: bool
    how: str | None = None
    how_zh: str | None = None
    ahead_days: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _both_languages(self) -> Reservation:
        """A Chinese page must not show an English booking rule (issue 15, languages)."""
        if (self.how is None) != (self.how_zh is None):
            raise ValueError("a reservation's 'how' needs both 'how' (English) and 'how_zh'")
        return self


class Visit(_Strict):
    """Time on site in minutes: a short visit and a typical one."""

    short: int = Field(gt=0)
    typical: int = Field(gt=0)


class Crowded(_Strict):
    """A sight that the holiday and summer crowds fill: the extra minutes of queues a visit
    then takes, and whether it should be entered at opening (False for a village whose
    value is the evening, where the crowd is the rooms, not the gate)."""

    queue_minutes: int = Field(ge=0)
    enter_early: bool = True
    note: str | None = None


class Effort(_Strict):
    level: int = Field(ge=1, le=3)  # 1 easy, 2 moderate, 3 strenuous
    walk_km: float | None = Field(default=None, ge=0)
    stairs: bool = False


class Evening(_Strict):
    """The evening part of a place whose value is the evening (tag ``night-view``): what to
    do after dark and for how long, and why a plan sleeps there for it. The itinerary adds
    it after dinner to a day whose night is at the place's base (`enrich.evening`)."""

    minutes: int = Field(gt=0, le=240)
    what: Text
    why: Text


class Attraction(_Strict):
    id: str
    name: Names
    aliases: list[str] = Field(default_factory=list)
    prefecture: str
    county: str | None = None
    rank: Literal["icon", "top", "must", "major", "niche"]  # editorial, see docs/data.md
    tags: list[str] = Field(min_length=1)
    about: Text
    base: str | None = None  # nearest lodging base id, a hint for the planner
    coord: Fact
    altitude_m: NumberFact | None = None
    hours: Fact
    ticket: Fact
    fees: Fact | None = None  # value: list[Fee]
    reservation: Fact | None = None
    crowded: Fact | None = None  # value: Crowded; holiday and summer-peak queues
    visit: Fact
    effort: Fact | None = None
    rain: RainFact | None = None
    best_months: MonthsFact | None = None
    evening: Annotated[list[Observation[Evening]], Field(min_length=1)] | None = None


class LodgingOption(_Strict):
    kind: Literal["city-hotel", "guesthouse", "inn", "hostel", "resort"]
    price: Fact  # value: {low, high} CNY per room-night; optional 'season'


class Base(_Strict):
    """A town or scenic-area village where travellers sleep."""

    id: str
    name: Names
    aliases: list[str] = Field(default_factory=list)
    prefecture: str
    kind: Literal["city", "town", "scenic-village"]
    coord: Fact
    altitude_m: NumberFact | None = None
    stations: list[str] = Field(default_factory=list)
    lodging: list[LodgingOption] = Field(min_length=1)
    about: Text | None = None


class Station(_Strict):
    id: str
    name: Names
    aliases: list[str] = Field(default_factory=list)
    kind: Literal["rail", "airport", "bus"]
    base: str  # the base (town) it serves
    coord: Fact


class Link(_Strict):
    """A scheduled connection (rail, bus, shuttle, flight) between two stations/places."""

    from_: str = Field(alias="from")
    to: str
    mode: Literal["rail", "bus", "shuttle"]
    minutes: Fact  # value: int minutes
    fare: Fact  # value: CNY per person
    daily: Fact | None = None  # value: services per day
    headway: Fact | None = None  # value: minutes between departures
    first: str | None = None
    last: str | None = None
    departures: Fact | None = None  # value: list of "HH:MM" or "K65 08:07" leaving ``from``
    both_ways: bool = True

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class RoadTime(Observation[Any]):
    """A cited travel time of a road sample, with the vehicle the source timed (``by``): a
    bus stops and climbs slower than a car, so its time is kept and shown but never fitted
    as a car's (`qianxing.roads.split`; docs/data.md, "Roads"). Unset: a car (a taxi, a hired
    car, a self-drive or a map's driving time)."""

    by: Literal["car", "bus"] = "car"


class RoadSample(_Strict):
    """A sourced road distance/time between two pack ids: a sample that calibrates (or, held
    out, scores) the road model, or with ``segment: true`` an edge of the road graph, named
    by the ``road`` it follows (``沪昆高速 G60``, a county road); docs/data.md, "Roads"."""

    from_: str = Field(alias="from")
    to: str
    km: Fact
    minutes: Annotated[list[RoadTime], Field(min_length=1)]
    segment: bool = False
    road: str | None = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class FareRule(_Strict):
    """Taxi/ride-hail and charter-car fares for one city or prefecture."""

    area: str  # base or prefecture id
    taxi: Fact | None = None  # value: {flag: CNY, flag_km: km, per_km: CNY, night_per_km?}
    ridehail: Fact | None = None  # value: {base, per_km, per_min}
    charter_day: Fact | None = None  # value: {low, high} CNY per car-day (driver + fuel)


Course = Literal["main", "side", "snack"]


class Dish(_Strict):
    """A local dish. ``where`` names the places it belongs to: cuisine ids of the region
    (``miao``, ``dong``, ``buyi``, ``city``), base, attraction or prefecture ids, or ``all``.
    ``course``: a ``main`` fills a meal (noodles, a rice dish, a pot, a meat or fish dish), a
    ``side`` is shared beside it, a ``snack`` is street food or a sweet. ``children`` is a
    note for a family with children (a bitter, raw or very strong dish); ``find`` says where
    a visitor finds the dish (a street, a town, a kind of shop)."""

    id: str
    name: Names
    where: list[str] = Field(min_length=1)
    spice: int = Field(ge=0, le=3)  # 0 none, 1 mild, 2 medium, 3 hot
    sour: bool = False
    vegetarian: bool = False
    course: Course
    about: Text
    children: Text | None = None
    find: Text | None = None
    price: Fact  # value: {low, high} CNY per person/portion


class Climate(_Strict):
    """Monthly climate normals of one weather station: at a lodging base (``base``) or at a
    place of its own (``station`` with ``coord``). Each month's value holds ``high`` and
    ``low`` (°C, daily mean) and ``rain_days`` or ``rain_mm`` where the source gives them."""

    base: str | None = None
    station: Names | None = None
    coord: Fact | None = None  # value: {lat, lon} (WGS84)
    altitude_m: NumberFact
    monthly: Fact  # value: {1: {high, low, rain_days?, rain_mm?}, ... 12: ...}

    @model_validator(mode="after")
    def _placed(self) -> Climate:
        if self.base is None and (self.station is None or self.coord is None):
            raise ValueError("a climate table needs 'base', or 'station' and 'coord'")
        return self

    @property
    def key(self) -> str:
        """The table's id: its base, else its station's pinyin or English name."""
        if self.base is not None:
            return self.base
        assert self.station is not None
        return (self.station.pinyin or self.station.en).lower().replace(" ", "-")


class Pitfall(_Strict):
    id: str
    title: Text
    advice: Text
    places: list[str] = Field(default_factory=list)  # attraction/base/station ids
    situations: list[str] = Field(default_factory=list)  # station, charter, holiday, ...
    sources: TextFact  # what the source says, in our words


class Holiday(_Strict):
    """A public holiday break (national calendar) that fills trains and scenic areas."""

    id: str
    name: Text
    dates: Fact  # value: {start: date, end: date}


class Prefecture(_Strict):
    id: str
    name: Names


class Tag(_Strict):
    """An interest tag the traveller can ask for (`--like`), named in each language."""

    id: str = Field(pattern=r"^[a-z][a-z-]*$")
    name: Names


class Cuisine(_Strict):
    """A local cooking (Miao, Dong, Buyi, the cities'), the places where a meal is of it
    (attraction, base or prefecture ids; the most specific one that is listed decides) and
    the sources that tie it to them."""

    id: str = Field(pattern=r"^[a-z][a-z-]*$")
    name: Names
    places: list[str] = Field(min_length=1)
    sources: list[str] = Field(default_factory=list)


class Region(_Strict):
    id: str
    name: Names
    timezone: str
    bbox: list[float] = Field(min_length=4, max_length=4)  # south, west, north, east (WGS84)
    prefectures: list[Prefecture]
    hub: str
    tags: list[Tag] = Field(min_length=1)
    cuisines: list[Cuisine] = Field(default_factory=list)
