"""The text being read: what is used so far, clauses, and the records of what was found."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from ..data.atlas import Atlas
from ..exceptions import UnknownPlaceError

CJK = re.compile(r"[\u4e00-\u9fff]")
DELIM = "，,。；;！!？?\n、"


@dataclass(frozen=True)
class Finding:
    """One field understood: the Request field, its value and the words it came from."""

    field: str
    value: Any
    phrase: str


@dataclass(frozen=True)
class Ambiguity:
    """A phrase with more than one reading; the user must choose."""

    phrase: str
    options: tuple[str, ...]


@dataclass
class State:
    raw: str
    low: str
    used: list[bool]
    today: dt.date
    atlas: Atlas
    fields: dict[str, Any] = field(default_factory=dict)
    found: list[Finding] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    unknown_places: list[UnknownPlaceError] = field(default_factory=list)
    ambiguous: list[Ambiguity] = field(default_factory=list)
    assumed: list[Finding] = field(default_factory=list)
    """Dates read without a year (国庆, 10月中旬): the phrase and the next such day taken."""
    remarks: list[Finding] = field(default_factory=list)
    """What was read other than as written (an airport the pack lacks: read as its town)."""

    def free(self, a: int, b: int) -> bool:
        return not any(self.used[a:b])

    def take(self, a: int, b: int) -> None:
        for i in range(a, b):
            self.used[i] = True

    def matches(self, pattern: str) -> list[re.Match[str]]:
        """Matches of ``pattern`` in the lower-cased text over words not yet used (taken)."""
        out = []
        for m in re.finditer(pattern, self.low):
            if m.end() > m.start() and self.free(m.start(), m.end()):
                self.take(m.start(), m.end())
                out.append(m)
        return out

    def note(self, name: str, value: Any, phrase: str) -> None:
        self.fields[name] = value
        self.found.append(Finding(name, value, phrase.strip()))

    def clause(self, pos: int) -> tuple[int, int]:
        """The clause around ``pos``: between delimiters (，。；…) or English sentence ends
        (a full stop, ! or ? before a space)."""
        cuts = [m.start() for m in re.finditer(f"[{DELIM}]", self.low) if not self._in_number(m)]
        a = max([i for i in cuts if i < pos], default=-1) + 1
        ends = [i for i in cuts if i >= pos]
        stops = [m.start() for m in re.finditer(r"[.!?](?=\s)", self.low)]
        a = max([a, *(i + 1 for i in stops if i < pos)])
        return a, min([*ends, *(i for i in stops if i >= pos)], default=len(self.low))

    def _in_number(self, m: re.Match[str]) -> bool:
        """A comma between digits groups thousands (3,500 RMB): it ends no clause."""
        at = m.start()
        return (
            m[0] == "," and 0 < at < len(self.low) - 1
            and self.low[at - 1].isdigit() and self.low[at + 1 : at + 4].isdigit()
        )  # fmt: skip


def normalise(text: str) -> str:
    """Full-width digits, letters and colons folded to ASCII, one character for one."""
    out = []
    for ch in text:
        n = unicodedata.normalize("NFKC", ch)
        out.append(n if len(n) == 1 and ch not in "，；！？。、" else ch)
    return "".join(out)


def phrase_re(p: str) -> str:
    """A phrase as a regex: English words get word boundaries."""
    body = re.escape(p)
    if p[:1].isascii() and p[:1].isalpha():
        body = r"(?<![a-z])" + body
    if p[-1:].isascii() and p[-1:].isalpha():
        body += r"(?![a-z])"
    return body


def alternation(phrases: Any) -> str:
    return "|".join(phrase_re(p) for p in sorted(phrases, key=len, reverse=True))
