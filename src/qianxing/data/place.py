"""A place of the region pack with its facts resolved: an attraction, a lodging base or a
station (WGS84, minutes, CNY). A frozen dataclass: the travel model and the solver instance
read thousands of them, and it never crosses an edge (the itinerary copies what it shows)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from .facts import Resolved
from .schema import Fee, Period

Traveller = Literal["adult", "child", "senior", "student"]


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
    crowd_queue: int | None = None
    """Extra minutes of queues in a visit on a crowd day; None: the pack marks no crowds."""
    crowd_early: bool = False
    """Whether a visit on a crowd day should start at opening (the pack's ``crowded``)."""
    altitude_m: float | None = None
    about_zh: str = ""
    about_en: str = ""
    facts: dict[str, Resolved[Any]] = field(default_factory=dict, compare=False, repr=False)
    tickets: dict[int, Resolved[Any]] = field(default_factory=dict, compare=False, repr=False)
    """The ticket resolved for each month (1-12) where a source gives a seasonal price."""

    def name(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else self.en

    def about(self, lang: str = "zh") -> str:
        return self.about_zh if lang == "zh" else self.about_en

    def ticket_in(self, month: int) -> tuple[float, float | None, Resolved[Any] | None]:
        """``(full, reduced, resolved fact)`` of the ticket in ``month``: the season's price
        where the pack has one (织金洞 in January is not its summer price), else the year's."""
        r = self.tickets.get(month)
        if r is None:
            return self.ticket_full, self.ticket_reduced, self.facts.get("ticket")
        value = r.value if isinstance(r.value, dict) else {}
        reduced = value.get("reduced")
        return float(value.get("full", 0)), float(reduced) if reduced is not None else None, r

    def ticket_for(self, month: int, who: Traveller) -> float:
        """The ticket in ``month`` for one traveller (CNY): an adult pays the full price; a
        child or senior the price the source states for them, else its reduced price, else
        the full one; a student the student price the source states, else the full one (a
        reduced price is not known to cover students)."""
        full, reduced, _r = self.ticket_in(month)
        if who == "adult":
            return full
        own = self.stated_price(month, who)
        if own is not None:
            return own
        if who == "student":
            return full
        return reduced if reduced is not None else full

    def stated_price(self, month: int, who: Traveller) -> float | None:
        """The price the ticket's source states for ``who`` in ``month`` (CNY), or None."""
        _full, _reduced, r = self.ticket_in(month)
        value = r.value if r is not None and isinstance(r.value, dict) else {}
        own = value.get(who)
        return float(own) if own is not None else None

    def hours_in(self, month: int) -> Period | None:
        """The opening period that applies in ``month`` (None: closed that month)."""
        for p in self.periods:
            if month in p.months:
                return p
        return None


__all__ = ["Place", "Traveller"]
