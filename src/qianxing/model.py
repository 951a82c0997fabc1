"""The traveller's request and the itinerary: the two types that cross every edge.

``Request`` and ``Itinerary`` are pydantic models because CLI flags, the Python API, JSON
bodies and saved files all use these same models (`qianxing schema itinerary` publishes the
JSON Schema). A place of the pack is :class:`qianxing.data.place.Place`. The planner's
sentences (reasons, fixes, tips, warnings, budget advice) are :class:`qianxing.message.Message`
ids and arguments, worded by each view; a plan saved when they were finished text still loads.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    WithJsonSchema,
    field_validator,
    model_serializer,
    model_validator,
)

from .data.pack import DEFAULT_REGION, PACKS_DIR
from .message import Sentence

Pace = Literal["relaxed", "normal", "packed"]
Transport = Literal["public", "public+car", "charter", "self-drive"]
Spice = Literal["none", "mild", "medium", "hot"]
Lang = Literal["zh", "en"]
SPICE_LEVEL: dict[str, int] = {"none": 0, "mild": 1, "medium": 2, "hot": 3}

Range = Annotated[
    tuple[float, float],
    WithJsonSchema({"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2}),
]
"""A (low, high) pair in CNY. Its JSON Schema says "two numbers" with ``items`` rather than
pydantic's ``prefixItems``: the same arrays, but the fuzzer's generator (schemathesis) could
fail on ``prefixItems`` inside the itinerary ("Cannot generate an array with 1 demanded
elements"), depending on what it had drawn before, which made the API fuzz test fail now and
then."""


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
    students: int = Field(
        default=0, ge=0, le=20, description="students (charged a student price where stated)"
    )
    transport: Transport = "public"
    spice: Spice = "medium"
    vegetarian: bool = False
    lang: Lang = "zh"
    seed: int = Field(default=0, ge=0, le=2**31)
    region: str = Field(
        default=DEFAULT_REGION,
        pattern=r"^[a-z][a-z0-9-]{0,39}$",
        description="the region pack to plan in (a folder of the bundled data)",
    )

    @field_validator("arrive_time", "depart_time")
    @classmethod
    def _hhmm(cls, v: str) -> str:
        try:
            t = dt.datetime.strptime(v, "%H:%M")
        except ValueError as exc:
            raise ValueError(f"time {v!r} is not HH:MM") from exc
        return t.strftime("%H:%M")

    @field_validator("region")
    @classmethod
    def _bundled(cls, v: str) -> str:
        if not (PACKS_DIR / v / "region.yaml").is_file():
            known = sorted(d.name for d in PACKS_DIR.iterdir() if (d / "region.yaml").is_file())
            raise ValueError(f"no data pack for region {v!r}: choose one of {', '.join(known)}")
        return v

    @field_validator("like")
    @classmethod
    def _weights(cls, v: dict[str, float]) -> dict[str, float]:
        if len(v) > 40 or any(not 0 <= w <= 10 for w in v.values()):
            raise ValueError("interest weights must be between 0 and 10")
        return v

    @model_validator(mode="after")
    def _party(self) -> Request:
        if self.adults + self.children + self.seniors + self.students < 1:
            raise ValueError("the party needs at least one traveller")
        return self

    @property
    def travel_month(self) -> int:
        if self.start is not None:
            return self.start.month
        return self.month or 10

    @property
    def party(self) -> int:
        return self.adults + self.children + self.seniors + self.students


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Sparse(_Out):
    """An output record whose unset optional keys are left out of the JSON, not written as
    ``null``: the shape of a leg's steps, tips and timetables before they were typed."""

    @model_serializer(mode="wrap")
    def _drop_unset(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        return {k: v for k, v in data.items() if v is not None}


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
    """A fair price range in CNY, with the figure above which a fare is overcharging."""

    low: float
    high: float
    overcharge_above: float | None = None
    basis: str
    estimate: bool = True

    @property
    def mid(self) -> float:
        return (self.low + self.high) / 2


class Fee(_Out):
    """A fee at a sight besides its ticket (sightseeing bus, cable car), CNY per person.

    ``name`` is in the plan's language; ``names`` holds it by language (``zh``, ``en``) so
    that a view in the other language shows it in that one."""

    name: str
    names: dict[str, str] = Field(default_factory=dict)
    fare: float
    required: bool = False


class Service(_Out):
    """A scheduled service of the timetable: the train number or the route's id, and its name."""

    id: str
    route: str
    name: str


class Frequency(_Out):
    every_minutes: int


class Timetable(_Sparse):
    """What a ride's departure rests on: its source, that source's date and how sure it is."""

    source: str
    date: str
    kind: str
    exact: bool
    undated: bool | None = None  # True: ``date`` is the day we saw an undated page
    method: str | None = None
    frequency: Frequency | None = None


class Step(_Sparse):
    """One part of a leg: a walk, a taxi, a hired car or a ride on a scheduled service.

    ``fare`` is the fair range ``[low, high]`` in CNY for the step (per vehicle for cars).
    A ride also names its service, stops, timetable and the wait before it departs.
    """

    mode: str
    from_: str = Field(alias="from")
    to: str
    minutes: int
    km: float
    fare: Range = (0.0, 0.0)
    estimate: bool = False
    mode_name: str | None = None
    source: str | None = None
    overcharge_above: float | None = None
    from_name: str | None = None
    to_name: str | None = None
    service: Service | None = None
    from_stop: str | None = None
    to_stop: str | None = None
    depart: str | None = None
    ride_minutes: float | None = None
    wait_minutes: int | None = None
    timetable: Timetable | None = None
    arrive: str | None = None

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    @property
    def fare_mid(self) -> float:
        return (self.fare[0] + self.fare[1]) / 2


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
    student_ticket: float | None = None  # the student price the ticket's source states (CNY)
    fees: list[Fee] = Field(default_factory=list)
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
    steps: list[Step] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Dish(_Sparse):
    """A dish suggested for a meal, with its taste and price range (CNY per person)."""

    id: str
    name: str
    spice: int = Field(default=0, ge=0, le=3)  # 0 none .. 3 hot (SPICE_LEVEL)
    sour: bool = False
    vegetarian: bool = False
    course: str | None = None  # main, side or snack
    about: str = ""
    children: str | None = None  # a note for a family with children
    find: str | None = None  # where a visitor finds it
    price: Range | None = None
    estimate: bool = False
    source: str | None = None


class Meal(_Out):
    """A meal: when (``time``, HH:MM or HH:MM–HH:MM from the day's timeline), where and
    its dishes (a main dish and sides)."""

    meal: str
    where: str
    dishes: list[Dish]
    price: Fare | None = None
    time: str | None = None


class Evening(_Out):
    """The evening part of a place whose value is the evening (西江's lit hillside, 镇远 by
    night), after dinner on a day whose night is at its base; after dusk by design, so not
    a visit and not held to the dusk rule. ``estimate``/``method`` when no page gives the
    lights' hours."""

    place: str
    name: str
    start: str
    end: str
    minutes: int
    what: str
    source: str
    date: str
    estimate: bool = False
    method: str | None = None


class Lodging(_Out):
    base: str
    name: str
    kind: str
    price: Fare | None = None
    why: str = ""
    lat: float | None = None
    lon: float | None = None


class Weather(_Out):
    high_c: float | None = None
    low_c: float | None = None
    rain_days: float | None = None
    rain_mm: float | None = None
    wear: str = ""
    rain_plan: str | None = None
    estimate: bool = False
    source: str | None = None
    station: str | None = None  # the climate table used (climate.yaml: base or station id)


TipKind = Literal["pitfall", "holiday", "lunch-after"]


class Tip(_Sparse):
    """Something to know on a day: a pitfall (防坑), a holiday, or where lunch falls."""

    kind: TipKind
    id: str | None = None
    title: Sentence | None = None
    text: Sentence | None = None
    place: str | None = None
    places: list[str] | None = None
    source: str | None = None
    date: str | None = None
    time: str | None = None  # lunch-after: when lunch is, HH:MM–HH:MM


class Stop(_Out):
    place: str
    name: str
    time: str
    lat: float | None = None  # WGS84; None only in trips saved before stops carried them
    lon: float | None = None


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
    evening: Evening | None = None
    weather: Weather | None = None
    tips: list[Tip] = Field(default_factory=list)
    locked: bool = False


class Dropped(_Out):
    place: str
    name: str
    reason: Sentence
    fix: Sentence | None = None
    lat: float | None = None
    lon: float | None = None


BUDGET_CATEGORIES: tuple[str, ...] = ("tickets", "fees", "transport", "lodging", "food")
"""The budget's cost categories, in the order every view lists them."""


class BudgetDay(_Out):
    day: int
    tickets: int
    fees: int
    transport: int
    lodging: int
    food: int
    total: int


class Budget(_Sparse):
    """The trip's cost per person in CNY by category, against the traveller's limit."""

    tickets: int = 0  # whole yuan
    fees: int = 0
    transport: int = 0
    lodging: int = 0
    food: int = 0
    total: int = 0
    per: str = "person"
    currency: str = "CNY"
    estimate: bool = True
    days: list[BudgetDay] = Field(default_factory=list)
    notes: list[Sentence] = Field(default_factory=list)
    limit: float | None = None
    advice: list[Sentence] | None = None

    def parts(self) -> list[tuple[str, float]]:
        """``(category, amount)`` in :data:`BUDGET_CATEGORIES` order."""
        return [(k, float(getattr(self, k))) for k in BUDGET_CATEGORIES]


class Itinerary(_Out):
    """A whole plan, as printed by `--format json` and saved by the web app."""

    version: int = 1
    request: Request
    title: str
    days: list[Day]
    dropped: list[Dropped] = Field(default_factory=list)
    budget: Budget | None = None
    warnings: list[Sentence] = Field(default_factory=list)
    score: float = 0.0
    generated: str = ""

    @property
    def region(self) -> str:
        """The region pack the plan was made from (the request's)."""
        return self.request.region

    @field_validator("budget", mode="before")
    @classmethod
    def _no_budget(cls, v: object) -> object:
        return None if v == {} else v  # trips saved before the budget was typed wrote {}
