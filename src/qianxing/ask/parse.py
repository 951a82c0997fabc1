"""A trip request in words (Chinese or English) -> a :class:`~qianxing.model.Request`, field by
field, with what could not be placed and what is ambiguous. Offline and deterministic: rules
(``lexicon.py``) and the pack's own names and tags, no model.

Decisions (docs/ask.md): N nights = N+1 days ("五天四晚" is 5 days: a stated day count wins);
a month alone sets ``month``; a day of a month ("10月3日"), an ISO date, 国庆/National Day
(1 October) and 五一/May Day (1 May) set ``start`` to the next such day on or after ``today``
(and ``month`` to its month); a budget is per person when the text says so (人均, each), else it
is the party's total and is divided by the party; a place named with no word of arriving or
leaving is a must-see if it is a sight.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from ..data.atlas import Atlas, load_atlas
from ..data.place import Place
from ..exceptions import UnknownPlaceError
from ..model import Request
from . import lexicon as lx
from .lexicon import EN_NUM, NUM, number

CJK = re.compile(r"[\u4e00-\u9fff]")
DELIM = "，,。；;！!？?\n、"
EN_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1,
    "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
EN_MONTH = r"(?:" + "|".join(sorted(EN_MONTHS, key=len, reverse=True)) + r")"
FIXED_DAYS = {"国庆": (10, 1), "十一黄金周": (10, 1), "十一假期": (10, 1), "十一长假": (10, 1),
              "national day": (10, 1), "golden week": (10, 1), "五一": (5, 1),
              "劳动节": (5, 1), "may day": (5, 1)}  # fmt: skip
SEASON_MONTHS = {"暑假": 7, "寒假": 1, "春节": 2, "summer holiday": 7}
MUST_BEFORE = ("一定要去", "必须去", "必去", "要去", "想去", "去看", "打卡", "must see", "must-see",
               "must visit", "want to see", "want to visit", "have to see", "visit")  # fmt: skip
AVOID_BEFORE = ("不想去", "不要去", "不用去", "别去", "不去", "跳过", "skip", "avoid",
                "not go to", "no need for")  # fmt: skip
MUST_AFTER = ("必须去", "一定要去", "必去", "必看", "是必须", "is a must", "must")
AVOID_AFTER = ("就不去了", "不去", "不用去", "不要", "就算了")
BOTH_AFTER = ("进出", "往返", "来回", "进也从", "一进一出", "in and out", "both ways")
ARRIVE_AFTER = ("出发", "进", "入", "落地", "下飞机", "到达", "抵达", "下车", "下高铁", "开始")
DEPART_AFTER = ("出", "走", "离开", "返回", "返程", "回", "飞走", "结束")
BOTH_BEFORE = ("in and out of", "round trip from", "round trip to", "return to", "往返")
ARRIVE_BEFORE = ("飞到", "飞抵", "抵达", "落地", "降落", "到", "fly into", "flying into",
                 "fly to", "flying to", "land at", "land in", "landing at", "landing in",
                 "arrive at", "arrive in", "arriving at", "arriving in", "arriving", "arrive",
                 "arrival at", "start in", "start from", "starting in", "starting from",
                 "get to", "into")  # fmt: skip
DEPART_BEFORE = ("leave from", "leaving from", "leave", "leaving", "depart from",
                 "departing from", "departing", "depart", "fly out of", "flying out of",
                 "fly home from", "fly back from", "end in", "ending in", "finish in",
                 "finishing in", "out of", "back from")  # fmt: skip
ARRIVE_WORDS = ("落地", "到达", "抵达", "降落", "下飞机", "到", "进", "land", "arriv", "get in")
DEPART_WORDS = ("最后一天", "返程", "回程", "的飞机", "的航班", "的高铁", "的火车", "离开", "走",
                "回", "出", "leave", "leaving", "depart", "fly out", "flight home",
                "flight back", "last day")  # fmt: skip
SKIP_LABELS = frozenset({"本寨", "瑶山"})
TIME_ZH = (
    r"(凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|夜里)?\s*(\d{1,2}|[一二两三四五六七八九十]{1,3})"
    r"\s*[点时](?:\s*(半|一刻|(\d{1,2}|[一二三四五六七八九十]{1,3})\s*分?))?"
)
TIME_COLON = r"(凌晨|早上|上午|中午|下午|傍晚|晚上)?\s*(\d{1,2})[:：](\d{2})\s*(am|pm|a\.m\.|p\.m\.)?"
TIME_EN = r"(?<![\d:])(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)"


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


@dataclass(frozen=True)
class Parsed:
    """What :func:`parse` made of a text.

    ``request`` is None when something is missing (``missing`` names it) or ambiguous;
    ``unknown`` lists the words not placed (an unknown place with its "did you mean").
    """

    text: str
    lang: str
    request: Request | None
    found: tuple[Finding, ...]
    unknown: tuple[str, ...]
    unknown_places: tuple[UnknownPlaceError, ...]
    ambiguous: tuple[Ambiguity, ...]
    missing: tuple[str, ...]


@dataclass
class _State:
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
        a = max((self.low.rfind(d, 0, pos) for d in DELIM), default=-1) + 1
        ends = [i for d in DELIM if (i := self.low.find(d, pos)) >= 0]
        return a, min(ends, default=len(self.low))


def _normalise(text: str) -> str:
    """Full-width digits, letters and colons folded to ASCII, one character for one."""
    out = []
    for ch in text:
        n = unicodedata.normalize("NFKC", ch)
        out.append(n if len(n) == 1 and ch not in "，；！？。、" else ch)
    return "".join(out)


def _phrase(p: str) -> str:
    """A phrase as a regex: English words get word boundaries."""
    body = re.escape(p)
    if p[:1].isascii() and p[:1].isalpha():
        body = r"(?<![a-z])" + body
    if p[-1:].isascii() and p[-1:].isalpha():
        body += r"(?![a-z])"
    return body


def _alternation(phrases: Any) -> str:
    return "|".join(_phrase(p) for p in sorted(phrases, key=len, reverse=True))


def _next_date(month: int, day: int, today: dt.date) -> dt.date | None:
    for year in (today.year, today.year + 1):
        try:
            d = dt.date(year, month, day)
        except ValueError:
            return None
        if d >= today:
            return d
    return None


def parse(text: str, *, atlas: Atlas | None = None, today: dt.date | None = None) -> Parsed:
    """Read a trip request in words.

    Parameters
    ----------
    text
        The request, in Chinese or English (mixed is read as Chinese).
    atlas
        The pack's places (default: the bundled Guizhou pack).
    today
        The day "next May" and 国庆 are counted from (default: the real today).
    """
    norm = _normalise(text)
    low = "".join(c.lower() if len(c.lower()) == 1 else c for c in norm)
    st = _State(norm, low, [False] * len(low), today or dt.date.today(), atlas or load_atlas())
    lang = "zh" if CJK.search(norm) else "en"
    _places(st)
    _dates(st)
    _days(st)
    _times(st)
    _party(st)
    _budget(st)
    _choices(st)
    _interests(st)
    _place_roles(st)
    _residue(st)
    missing = () if "days" in st.fields else ("days",)
    request = None
    if not missing and not st.ambiguous and not st.unknown_places:
        values = {k: v for k, v in st.fields.items() if not k.startswith("_")}
        request = Request.model_validate(values | {"lang": lang})
    return Parsed(
        text=text,
        lang=lang,
        request=request,
        found=tuple(st.found),
        unknown=tuple(st.unknown),
        unknown_places=tuple(st.unknown_places),
        ambiguous=tuple(st.ambiguous),
        missing=missing,
    )


# --- places --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Mention:
    place: Place
    start: int
    end: int


_LABELS: dict[int, tuple[tuple[str, str, bool], ...]] = {}


def _labels(atlas: Atlas) -> tuple[tuple[str, str, bool], ...]:
    """(label, place id, case-sensitive) for every name worth finding in running text."""
    if id(atlas) in _LABELS:
        return _LABELS[id(atlas)]
    out: dict[str, tuple[str, str, bool]] = {}
    for p in atlas.places.values():
        for label in atlas.labels(p):
            if label in SKIP_LABELS or "-" in label and label == p.id:
                continue
            cjk = bool(CJK.search(label))
            if (cjk and len(label) < 2) or (not cjk and len(label) < 4):
                continue
            upper = label.isupper() and not cjk
            key = label if upper else label.lower()
            out.setdefault(key, (key, p.id, upper))
    _LABELS[id(atlas)] = tuple(sorted(out.values(), key=lambda t: -len(t[0])))
    return _LABELS[id(atlas)]


def _places(st: _State) -> None:
    mentions: list[_Mention] = []
    for label, pid, exact in _labels(st.atlas):
        hay = st.raw if exact else st.low
        pattern = _phrase(label) if label[:1].isascii() else re.escape(label)
        for m in re.finditer(pattern, hay):
            if st.free(m.start(), m.end()):
                end = m.end()
                tail = re.match(r"\s*(?:railway |train )?station", st.low[end:])
                if tail and not CJK.search(label):
                    end += tail.end()
                st.take(m.start(), end)
                mentions.append(_Mention(st.atlas.places[pid], m.start(), end))
    st.fields["_mentions"] = sorted(mentions, key=lambda x: x.start)
    _tried_places(st)


def _tried_places(st: _State) -> None:
    """Words after "一定要去", "不去", "must see" … that name no place: did you mean?"""
    triggers = _alternation(MUST_BEFORE + AVOID_BEFORE)
    for m in re.finditer(rf"(?:{triggers})\s*", st.low):
        a = m.end()
        zh = re.match(r"[\u4e00-\u9fff]{2,12}", st.low[a:])
        en = re.match(r"(?:[A-Z][A-Za-z']+\s?){1,4}", st.raw[a:])
        if zh:
            chunk = re.split(r"和|、|跟|还有|以及|或|玩|看|一下|吧", zh[0])[0]
        elif en:
            chunk = en[0].strip()
        else:
            continue
        b = a + len(chunk)
        if len(chunk) < 2 or chunk.startswith("贵州") or not st.free(a, b):
            continue
        if chunk.lower() in ("guizhou", "china") or chunk.startswith(_interest_words(st)):
            continue
        try:
            place = st.atlas.find(chunk)
        except UnknownPlaceError as exc:
            containing = _containing(st.atlas, chunk)
            if len(containing) >= 2:
                st.ambiguous.append(Ambiguity(chunk, tuple(containing)))
            elif containing or CJK.search(chunk):
                st.unknown_places.append(UnknownPlaceError(chunk, containing or exc.suggestions))
            else:
                continue
            st.take(a, b)
            continue
        st.take(a, b)
        st.fields["_mentions"] = sorted(
            [*st.fields["_mentions"], _Mention(place, a, b)], key=lambda x: x.start
        )


def _interest_words(st: _State) -> tuple[str, ...]:
    return tuple(_interest_table(st))


def _interest_table(st: _State) -> dict[str, str]:
    table = dict(lx.INTERESTS)
    for tag in st.atlas.pack.region.tags:
        table.setdefault(tag.name.zh, tag.id)
        if tag.id != "kids":
            table.setdefault(tag.name.en.lower(), tag.id)
    return table


def _containing(atlas: Atlas, chunk: str) -> list[str]:
    """The attractions one of whose names contains ``chunk`` (旧州 -> two old towns)."""
    key = chunk.lower()
    hits = [p for p in atlas.attractions if any(key in lb.lower() for lb in atlas.labels(p))]
    return [p.zh for p in hits]


def _place_roles(st: _State) -> None:
    must: list[str] = []
    avoid: list[str] = []
    mentions: list[_Mention] = st.fields.pop("_mentions")
    pairs: dict[int, str] = {}
    for x, y in zip(mentions, mentions[1:], strict=False):
        link = st.low[x.end : y.start]
        kinds = x.place.kind != "attraction" and y.place.kind != "attraction"
        if kinds and re.fullmatch(r"\s*(?:to|→|->|-|到|至)\s*", link):
            pairs[x.start], pairs[y.start] = "arrive", "depart"
    for men in mentions:
        p, phrase = men.place, st.raw[men.start : men.end]
        ca, cb = st.clause(men.start)
        after = re.sub(r"^[\s\d:：点半午上下晚早中]*", "", st.low[men.end : cb])
        before = st.low[ca : men.start].rstrip()
        role = pairs.get(men.start) or _role(before, after)
        if role in ("arrive", "depart", "both"):
            for key in ("arrive", "depart") if role == "both" else (role,):
                if key in st.fields and st.fields[key] != p.zh:
                    st.ambiguous.append(Ambiguity(phrase, (st.fields[key], p.zh)))
                st.note(key, p.zh, phrase)
            continue
        if p.kind != "attraction":
            sights = [a.zh for a in st.atlas.attractions_of_base(p.base or p.id)][:3]
            hint = f" → {' / '.join(sights)}?" if sights else ""
            st.unknown.append(f"{phrase}{hint}")
            continue
        target = avoid if role == "avoid" else must
        if p.zh not in target:
            target.append(p.zh)
            st.found.append(Finding("avoid" if role == "avoid" else "must", p.zh, phrase))
    if must:
        st.fields["must"] = must
    if avoid:
        st.fields["avoid"] = avoid


def _role(before: str, after: str) -> str | None:
    if after.startswith(BOTH_AFTER) or before.endswith(BOTH_BEFORE):
        return "both"
    if after.startswith(ARRIVE_AFTER[0]):
        return "arrive"
    if after.startswith(AVOID_AFTER):
        return "avoid"
    if after.startswith(MUST_AFTER):
        return "must"
    if after.startswith(ARRIVE_AFTER):
        return "arrive"
    if after.startswith(DEPART_AFTER):
        return "depart"
    if before.endswith(("从",)) and not after:
        return "arrive"
    if before.endswith(ARRIVE_BEFORE):
        return "arrive"
    if before.endswith(DEPART_BEFORE):
        return "depart"
    last = -1
    role = None
    for words, r in (
        (MUST_BEFORE, "must"),
        (AVOID_BEFORE, "avoid"),
        (tuple(w for w in ARRIVE_BEFORE if w.isascii()), "arrive"),
        (tuple(w for w in DEPART_BEFORE if w.isascii()), "depart"),
    ):
        for w in words:
            i = before.rfind(w)
            if i >= 0 and (i > last or (i == last and r == "avoid")):
                last, role = i, r
    return role


# --- when and how long -----------------------------------------------------------------------


def _dates(st: _State) -> None:
    for m in st.matches(r"(20\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?"):
        try:
            _start(st, dt.date(int(m[1]), int(m[2]), int(m[3])), m[0])
        except ValueError:
            st.unknown.append(m[0])
    for m in st.matches(rf"({NUM})\s*月\s*({NUM})\s*[日号]"):
        _month_day(st, number(m[1]), number(m[2]), m[0])
    for m in st.matches(
        rf"(?<![a-z])({EN_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?![\d:a-z])"
        rf"|(?<![\d:])(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({EN_MONTH})(?![a-z])"
    ):
        mon, day = (m[1], m[2]) if m[1] else (m[4], m[3])
        _month_day(st, float(EN_MONTHS[mon]), float(day), m[0])
    for m in st.matches(_alternation(FIXED_DAYS)):
        _month_day(st, *map(float, FIXED_DAYS[m[0]]), m[0])
    for m in st.matches(
        rf"({NUM})\s*月?\s*(?:或者|或|还是|or|/)\s*({NUM})\s*月"
        rf"|(?<![a-z])({EN_MONTH})\s+or\s+({EN_MONTH})(?![a-z])"
    ):
        options = [f"{m[1]}月", f"{m[2]}月"] if m[1] else [m[3], m[4]]
        st.ambiguous.append(Ambiguity(m[0], tuple(options)))
    for m in st.matches(rf"({NUM})\s*月\s*(份)?\s*(初|上旬|中旬|下旬|底|末|中)?"):
        n = number(m[1])
        if n is not None and 1 <= n <= 12 and n == int(n):
            _month(st, int(n), m[0])
        else:
            st.unknown.append(m[0])
    for m in st.matches(r"下个月|next month"):
        _month(st, st.today.month % 12 + 1, m[0])
    for m in st.matches(
        rf"(?:(next|this|in|early|late|mid|mid-|end of|beginning of)\s*)?(?<![a-z])({EN_MONTH})(?![a-z])"
    ):
        raw = st.raw[m.start(2) : m.end(2)]
        if m[2] == "may" and not m[1] and raw != "May":
            for i in range(m.start(), m.end()):
                st.used[i] = False
            continue
        _month(st, EN_MONTHS[m[2]], m[0])
    for m in st.matches(_alternation(SEASON_MONTHS)):
        if "month" not in st.fields:
            _month(st, SEASON_MONTHS[m[0]], m[0])


def _start(st: _State, day: dt.date, phrase: str) -> None:
    if "start" in st.fields and st.fields["start"] != day:
        st.ambiguous.append(Ambiguity(phrase, (str(st.fields["start"]), str(day))))
        return
    st.note("start", day, phrase)
    st.fields["month"] = day.month


def _month_day(st: _State, month: float | None, day: float | None, phrase: str) -> None:
    d = _next_date(int(month), int(day), st.today) if month and day else None
    if d is None:
        st.unknown.append(phrase)
    else:
        _start(st, d, phrase)


def _month(st: _State, month: int, phrase: str) -> None:
    if "month" in st.fields and st.fields["month"] != month:
        if "start" in st.fields:
            return  # "国庆 … 10月": the date already says it
        st.ambiguous.append(Ambiguity(phrase, (str(st.fields["month"]), str(month))))
        return
    if "month" not in st.fields:
        st.note("month", month, phrase)


def _days(st: _State) -> None:
    found: list[tuple[int, int, str]] = []  # (rank, days, phrase): the best rank wins
    for m in st.matches(rf"({NUM})\s*[天日]\s*({NUM})\s*[晚夜]"):
        found.append((0, int(number(m[1]) or 0), m[0]))
    for m in st.matches(rf"(?<![第前后每])(?<!最后)({NUM})\s*(?:个)?\s*(?:天|日游|日)(?![0-9])"):
        found.append((0, int(number(m[1]) or 0), m[0]))
    for m in st.matches(rf"(?<![a-z])({EN_NUM})[\s-]*days?(?:\s+and\s+{EN_NUM}\s+nights?)?"):
        found.append((0, int(number(m[1]) or 0), m[0]))
    for m in st.matches(rf"({NUM})\s*[晚夜](?!上)|(?<![a-z])({EN_NUM})[\s-]*nights?"):
        found.append((1, int(number(m[1] or m[2]) or 0) + 1, m[0]))
    weeks = {"半个月": 15, "两周": 14, "两个星期": 14, "一周": 7, "一个星期": 7, "一个礼拜": 7,
             "1周": 7, "2周": 14, "a week": 7, "one week": 7, "two weeks": 14, "2 weeks": 14,
             "a fortnight": 14, "周末": 2, "weekend": 2}  # fmt: skip
    for m in st.matches(_alternation(weeks)):
        found.append((1 if weeks[m[0]] > 2 else 2, weeks[m[0]], m[0]))
    if not found:
        return
    best = min(r for r, _, _ in found)
    values = list(dict.fromkeys(d for r, d, _ in found if r == best))
    phrase = next(p for r, _, p in found if r == best)
    if len(values) > 1:
        st.ambiguous.append(Ambiguity(phrase, tuple(map(str, values))))
    elif 1 <= values[0] <= 21:
        st.note("days", values[0], phrase)
    else:
        st.unknown.append(f"{phrase} (1–21)")


def _times(st: _State) -> None:
    for pattern in (TIME_COLON, TIME_EN, TIME_ZH, r"(?<![a-z])(noon|midday)(?![a-z])"):
        for m in st.matches(pattern):
            if pattern == TIME_ZH and not (m[1] or m[2].isdigit() or m[3]):
                for i in range(m.start(), m.end()):
                    st.used[i] = False
                continue
            hhmm = _hhmm(m, pattern)
            if hhmm is None:
                st.unknown.append(m[0])
                continue
            ca, cb = st.clause(m.start())
            role = _time_role(st.low[ca:cb], m.start() - ca)
            if role is None or f"{role}_time" in st.fields:
                st.unknown.append(m[0])
            else:
                st.note(f"{role}_time", hhmm, m[0])


def _hhmm(m: re.Match[str], pattern: str) -> str | None:
    if pattern.startswith("(?<![a-z])(noon"):
        return "12:00"
    if pattern == TIME_EN:
        h, mi, part = int(m[1]), int(m[2] or 0), m[3][0]
    elif pattern == TIME_COLON:
        h, mi, part = int(m[2]), int(m[3]), (m[4] or m[1] or "")[:2]
    else:
        h = int(number(m[2]) or 0)
        mi = 30 if m[3] == "半" else 15 if m[3] == "一刻" else int(number(m[4]) or 0) if m[4] else 0
        part = m[1] or ""
    late = part in ("p", "pm", "p.", "下午", "傍晚", "晚上", "夜里") or (part == "中午" and h < 6)
    if late and h < 12:
        h += 12
    if part in ("a", "am", "a.") and h == 12:
        h = 0
    return f"{h:02d}:{mi:02d}" if 0 <= h < 24 and 0 <= mi < 60 else None


def _time_role(clause: str, at: int) -> str | None:
    best: tuple[int, str] | None = None
    for words, role in ((DEPART_WORDS, "depart"), (ARRIVE_WORDS, "arrive")):
        for w in words:
            for m in re.finditer(re.escape(w), clause):
                d = abs(m.start() - at)
                if best is None or d < best[0]:
                    best = (d, role)
    return best[1] if best else None


# --- who, how much, how ----------------------------------------------------------------------


def _party(st: _State) -> None:
    p: dict[str, int] = {}

    def put(key: str, n: float | None, phrase: str) -> None:
        if n is not None and key not in p:
            p[key] = int(n)
            st.fields.setdefault("_party_phrases", []).append(phrase)

    for m in st.matches(rf"({NUM})\s*大\s*({NUM})\s*小(?:\s*({NUM})\s*老)?"):
        put("adults", number(m[1]), m[0])
        put("children", number(m[2]), m[0])
        if m[3]:
            put("seniors", number(m[3]), m[0])
    for m in st.matches(rf"一家\s*({NUM})\s*口|(?<![a-z])family of ({EN_NUM})"):
        put("total", number(m[1] or m[2]), m[0])
        p["family"] = 1
    for m in st.matches(
        rf"({NUM})\s*个?\s*(?:孩子|小孩|娃|儿童|小朋友|宝宝)"
        rf"|(?<![a-z])({EN_NUM})\s+(?:kids|children|child|kid)(?![a-z])"
    ):
        put("children", number(m[1] or m[2]), m[0])
    for m in st.matches(r"(?:带|和|跟)?(?:着)?(?:孩子|小孩|娃|宝宝)|with (?:the |my |our )?(?:kids|children|kid|child)"):
        put("children", 1, m[0])
    for m in st.matches(
        rf"({NUM})\s*个?\s*老人|(?<![a-z])({EN_NUM})\s+(?:seniors|grandparents|elderly)"
    ):
        put("seniors", number(m[1] or m[2]), m[0])
    for m in st.matches(r"父母|爸妈|爸爸妈妈|公婆|岳父母|(?:my |our )?parents"):
        put("seniors", 2, m[0])
    for m in st.matches(r"(?:带|和)(?:老人|妈妈|爸爸|母亲|父亲|奶奶|爷爷|外婆|外公)|(?:my )?(?:mum|mom|mother|father|dad)"):
        put("seniors", 1, m[0])
    for m in st.matches(rf"({NUM})\s*个?\s*(?:大人|成人)|(?<![a-z])({EN_NUM})\s+adults?"):
        put("adults", number(m[1] or m[2]), m[0])
    for m in st.matches(rf"和\s*({NUM})\s*个?\s*朋友|with ({EN_NUM}) friends"):
        put("total", (number(m[1] or m[2]) or 0) + 1, m[0])
    for m in st.matches(
        rf"(?:一共|总共|共)?\s*({NUM})\s*(?:个人|人(?!均)|位)|我们\s*({NUM})\s*个"
        rf"|(?<![a-z])({EN_NUM})\s+(?:of us|people|persons|travellers|travelers)"
        rf"|(?<![a-z])for ({EN_NUM})(?!\s*(?:days?|weeks?|nights?|months?))(?![a-z0-9])"
    ):
        put("total", number(m[1] or m[2] or m[3] or m[4]), m[0])
    for m in st.matches(
        r"我们俩|我俩|两口子|夫妻|情侣|蜜月|和(?:老婆|老公|女朋友|男朋友|对象|爱人|媳妇|妻子|丈夫|朋友)"
        r"|带(?:老婆|老公|女朋友|男朋友)|(?<![a-z])(?:a couple|my wife|my husband|my partner"
        r"|my girlfriend|my boyfriend|my spouse|honeymoon|the two of us|both of us)(?![a-z])"
    ):
        put("partner", 2, m[0])
    for m in st.matches(r"一个人|独自|自己一个|(?<![a-z])(?:solo|alone|by myself|on my own)(?![a-z])"):
        put("solo", 1, m[0])
    if not p:
        return
    children, seniors = p.get("children", 0), p.get("seniors", 0)
    if p.get("family") and "children" not in p and p.get("total", 0) >= 3:
        children = p["total"] - 2
    if "adults" in p:
        adults = p["adults"]
    elif "total" in p:
        adults = max(p["total"] - children - seniors, 0 if children or seniors else 1)
    else:
        adults = 2 if "partner" in p else 1
    phrase = " ".join(st.fields.pop("_party_phrases"))
    st.note("adults", adults, phrase)
    if children:
        st.note("children", children, phrase)
    if seniors:
        st.note("seniors", seniors, phrase)


def _budget(st: _State) -> None:
    amount = (
        r"(?:¥|￥)?\s*(\d+(?:\.\d+)?\s*(?:k|千|万|w)?|[一二两三四五六七八九十百千万]+[千万百])"
        r"\s*(?:块钱|块|元|rmb|yuan|cny)?"
    )
    cue = r"预算|人均|每人|每个人|花费|经费|budget|under|spend|max|up to|within|around|¥|￥"
    for m in re.finditer(amount, st.low):
        a, b = m.span()
        if not st.free(a, b) or not m[1].strip():
            continue
        ca, cb = st.clause(a)
        clause = st.low[ca:cb]
        unit = re.search(r"块|元|rmb|yuan|cny|[千万k¥￥]", m[0])
        if not unit and not re.search(cue, st.low[max(ca, a - 12) : a]):
            continue
        value = number(m[1].replace(" ", ""))
        if value is None or value < 50:
            continue
        st.take(a, b)
        per_person = re.search(r"人均|每人|每个人|per person|each|pp|a head|per head", clause)
        party = (
            st.fields.get("adults", 1) + st.fields.get("children", 0) + st.fields.get("seniors", 0)
        )
        if not per_person and party > 1:
            value = value / party
        for w in re.finditer(r"人均|每人|每个人|预算|总共|一共|总|以内|以下|左右|per person|each", clause):
            st.take(ca + w.start(), ca + w.end())
        st.note("budget", round(value, 2), st.raw[max(ca, a - 6) : b].strip())
        return


def _choices(st: _State) -> None:
    for name, table in (("spice", lx.SPICE), ("transport", lx.TRANSPORT), ("pace", lx.PACE)):
        tail = r"(?:\s*(?:food|dishes|meals))?" if name == "spice" else ""
        for m in st.matches(rf"(?:{_alternation(table)}){tail}"):
            key = re.sub(r"\s*(?:food|dishes|meals)$", "", m[0])
            value = table[key]
            if name in st.fields and st.fields[name] != value:
                st.ambiguous.append(Ambiguity(m[0], (st.fields[name], value)))
            elif name not in st.fields:
                st.note(name, value, m[0])
    for m in st.matches(_alternation(lx.VEGETARIAN)):
        if "vegetarian" not in st.fields:
            st.note("vegetarian", True, m[0])


def _interests(st: _State) -> None:
    table = _interest_table(st)
    like: dict[str, float] = {}
    for m in st.matches(_alternation(table)):
        ca, _ = st.clause(m.start())
        before = st.low[max(ca, m.start() - 8) : m.start()]
        neg = [before.rfind(n) for n in lx.NEGATION if n in before]
        if neg:
            a = max(ca, m.start() - 8) + min(neg)
            st.take(a, m.start())
            st.unknown.append(st.raw[a : m.end()])
            continue
        tag = table[m[0]]
        weight = 2.0 if any(s in before for s in lx.STRONG) else 1.0
        if like.get(tag, 0) < weight:
            like[tag] = weight
            st.found.append(Finding("like", f"{tag}={weight:g}", m[0]))
    if like:
        st.fields["like"] = like


def _residue(st: _State) -> None:
    """Everything not used is reported, less the words that carry nothing."""
    chunks = re.split(r"[，,。；;！!？?\n、\s]+", "".join(c if not u else " " for c, u in
                                                        zip(st.raw, st.used, strict=True)))  # fmt: skip
    filler = re.compile(_alternation(lx.FILLER_ZH))
    for chunk in chunks:
        if CJK.search(chunk):
            for r in filler.sub(" ", chunk).split():
                containing = _containing(st.atlas, r) if len(r) >= 2 else []
                if len(containing) >= 2:
                    st.ambiguous.append(Ambiguity(r, tuple(containing)))
                elif len(r) >= 2:
                    st.unknown.append(r)
        else:
            word = re.sub(r"[^a-z'’-]", "", chunk.lower())
            if len(word) >= 3 and word not in lx.FILLER_EN and number(word) is None:
                if st.unknown and st.unknown[-1].isascii() and _last_en(st):
                    st.unknown[-1] += f" {chunk}"
                else:
                    st.unknown.append(chunk)
                st.fields["_last_en"] = True
                continue
        st.fields["_last_en"] = False
    st.fields.pop("_last_en", None)


def _last_en(st: _State) -> bool:
    return bool(st.fields.get("_last_en"))
