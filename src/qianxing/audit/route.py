"""A day-by-day route as blogs and agencies write it ("DAY 1:→贵阳(黔灵山公园)→住贵阳", "第一天 …",
"D1 …", "Day 1: … overnight …") read into days of places: the sights, the night's town, where
the trip starts and ends; words that name no place and lines that are not days are kept."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..data.atlas import Atlas
from ..data.place import Place
from ..data.validate import norm

CJK = re.compile(r"[\u4e00-\u9fff]")
ZH_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
             "九": 9}  # fmt: skip
DAY_LINE = re.compile(
    r"^\s*[#*>\-\s]*(?:(?:day|d)\s*0?(\d{1,2})(?!\d)|第\s*([一二两三四五六七八九十\d]{1,3})\s*[天日])"
    r"\s*[:：.、，,\-—）)*]*\s*(.*)$",
    re.IGNORECASE,
)
"""A day's line: "DAY 1:", "D1", "Day 2 -", "第一天", "第3日"; the rest is its content."""
SPLIT = re.compile(
    r"\s*(?:→|->|—>|=>|➡|⇒|－|—|–|~|～|,|，|、|;|；|/|\+|＋|\||\(|\)|（|）|\[|\]|【|】"
    r"|\s-\s|\bthen\b|\band\b|\bto\b|和|再到|然后)\s*",
    re.IGNORECASE,
)
NIGHT = re.compile(
    r"^(?:夜宿|入住|住宿|宿|住|晚上住|晚住|晚宿|overnight(?:\s+(?:in|at))?|stay(?:\s+(?:in|at))?"
    r"|sleep(?:\s+(?:in|at))?|night(?:\s+(?:in|at))?)[:：\s]*(.+)$",
    re.IGNORECASE,
)
NIGHT_AFTER = re.compile(
    r"^(.+?)\s*(?:住宿|过夜|夜宿|入住|住|\(overnight\)|overnight)$", re.IGNORECASE
)
DEPART = re.compile(
    r"^(?:返回|返程|回到|送站|送机|fly\s+home\s+from|fly\s+out\s+(?:of|from)|depart(?:\s+from)?"
    r"|leave(?:\s+from)?|return\s+to|back\s+to)\s*(.*)$",
    re.IGNORECASE,
)
DEPART_AFTER = re.compile(
    r"^(.+?)\s*(?:返程|返回|散团|送站|送机|结束行程|结束|离开|飞走|return|departure|fly\s+home|home)$",
    re.IGNORECASE,
)
ARRIVE = re.compile(
    r"^(?:抵达|到达|落地|接机|接站|飞抵|arrive\s+(?:in|at)|arrival\s+(?:in|at)|arrive|land\s+(?:in|at))"
    r"\s*(.*)$",
    re.IGNORECASE,
)
ARRIVE_AFTER = re.compile(r"^(.+?)\s*(?:接站|接机|集合|落地|抵达|arrival)$", re.IGNORECASE)
FILLER_BEFORE = re.compile(
    r"^(?:\d{1,2}[:：]\d{2}|早餐后|早上|上午|下午|傍晚|晚上|早|乘高铁|乘动车|乘火车|乘大巴|乘车|坐车|驱车|包车|打车"
    r"|前往|游览|参观|游玩|游|逛|打卡|去|到|经|via|visit(?:ing)?|explore|see|drive\s+to"
    r"|train\s+to|bus\s+to|head\s+to|go\s+to|walk\s+to|then|morning|afternoon|evening)\s*",
    re.IGNORECASE,
)
FILLER_AFTER = re.compile(
    r"(?:一日游|半日游|游览|景区|风景区|夜景|看夜景|游玩|打卡"
    r"|\s+(?:for\s+the\s+(?:whole|full|half)\s+day|all\s+day|in\s+the\s+(?:morning|afternoon"
    r"|evening)|for\s+(?:a|an|one|two|three|\d)\s+hours?))$",
    re.IGNORECASE,
)
EMPTY = re.compile(
    r"^(?:自由活动|自由行|早餐|午餐|晚餐|用餐|酒店|休息|接机|接站|送机|送站|返程|散团|结束|"
    r"行程结束|回家|free\s+time|rest|breakfast|lunch|dinner|hotel|home|departure|arrival|back|walk|"
    r"(?:含|包含|不含|赠送|结束|自理)\S*|"
    r"fly\s+home|day\s+trip|(?:by\s+|the\s+|a\s+)?(?:high-speed\s+|bullet\s+)?(?:train|bus|coach"
    r"|taxi|car|flight|plane)|高铁|动车|火车|大巴|班车|飞机|[\s.。!！…:：]*)$",
    re.IGNORECASE,
)
"""Words of a route that name no place and need none (meals, free time, "返程" on its own, a
way of travelling: "train" in "Congjiang, train to Guiyang"; what an advert includes: 含门票¥130,
结束愉快旅程)."""
TOWN_SIGHT = ("古城", "古镇", "苗寨", "侗寨", "景区")
"""A town named as a day's stop means its own sight when one is called town + these (镇远 ->
镇远古城, 肇兴 -> 肇兴侗寨)."""
MAX_SUGGESTED = 12
"""Unknown words of a route that get "did you mean" (each costs a fuzzy search over every name);
the others are listed without."""
TOWN_SUFFIX = ("县城", "县", "市区", "市", "镇", "站")


@dataclass
class Unknown:
    """Words of a day that name no place of the pack, with the names they may have meant."""

    text: str
    suggestions: list[str]
    looked_up: str = ""  # the words as looked up (fillers taken off)


@dataclass
class RouteDay:
    """One day of the route as written: its sights (place ids, in order), the towns it names
    on the way, where it sleeps (a town's id, ``None`` when it does not say) and what is not
    a place."""

    day: int
    text: str
    sights: list[str] = field(default_factory=list)
    towns: list[str] = field(default_factory=list)
    night: str | None = None
    night_said: bool = False
    leaves: str | None = None  # the town the route says it leaves from (返程)
    last_town: str | None = None  # the day's last words name a town (after its last sight)
    items: list[tuple[str, str]] = field(default_factory=list)  # ("sight"|"town", id) in order
    unknown: list[Unknown] = field(default_factory=list)


@dataclass
class Route:
    """A whole route: its days, where it arrives and leaves, and the lines that are no day."""

    days: list[RouteDay]
    arrive: str | None
    depart: str | None
    unread: list[str]

    @property
    def sights(self) -> list[str]:
        return [s for d in self.days for s in d.sights]

    @property
    def unknown(self) -> list[Unknown]:
        return [u for d in self.days for u in d.unknown]

    def as_json(self, atlas: Atlas, lang: str) -> dict[str, object]:
        """The route as parsed, with names in ``lang``."""

        def name(pid: str | None) -> str | None:
            return atlas.places[pid].name(lang) if pid else None

        return {
            "arrive": name(self.arrive),
            "depart": name(self.depart),
            "days": [
                {
                    "day": d.day,
                    "text": d.text,
                    "sights": [name(s) for s in d.sights],
                    "night": name(d.night),
                    "night_said": d.night_said,
                    "unknown": [{"text": u.text, "suggestions": u.suggestions} for u in d.unknown],
                }
                for d in self.days
            ],
            "unread": self.unread,
        }


def day_number(text: str) -> int:
    """ "3", "三", "十二" -> 3, 3, 12."""
    if text.isdigit():
        return int(text)
    if text.startswith("十"):
        return 10 + ZH_DIGITS.get(text[1:], 0)
    if "十" in text:
        tens, ones = text.split("十", 1)
        return ZH_DIGITS.get(tens, 1) * 10 + ZH_DIGITS.get(ones, 0)
    return ZH_DIGITS.get(text, 0)


def _lookup(atlas: Atlas, name: str) -> Place | None:
    """`Atlas.find` without its suggestions (they cost a fuzzy search): exact names, aliases
    and pinyin, or a unique prefix of four letters or more."""
    key = norm(name)
    if key in atlas.index:
        return atlas.places[atlas.index[key]]
    starts = {pid for label, pid in atlas.index.items() if key and label.startswith(key)}
    return atlas.places[starts.pop()] if len(starts) == 1 and len(key) >= 4 else None


def _find(atlas: Atlas, text: str) -> Place | None:
    """The place ``text`` names, also without a 县/市/镇 suffix; ``None`` if none."""
    for key in (text, *(text.removesuffix(s) for s in TOWN_SUFFIX if text.endswith(s))):
        if len(key) >= 2 and (place := _lookup(atlas, key)) is not None:
            return place
    return None


def _town_sight(atlas: Atlas, town: Place) -> Place | None:
    named = [a for a in atlas.attractions if a.zh in {town.zh + s for s in TOWN_SIGHT}]
    ok = len(named) == 1 and named[0].rank in ("icon", "top", "must")
    return named[0] if ok else None


def _clean(token: str) -> str:
    prev = None
    while prev != token:
        prev = token
        token = FILLER_BEFORE.sub("", token).strip()
        token = FILLER_AFTER.sub("", token).strip() if len(token) > 3 else token
    return token.strip(" .。!！:：'\"“”")


def _tokens(content: str) -> list[str]:
    parts: list[str] = []
    for piece in SPLIT.split(content):
        if CJK.search(piece):  # "贵阳 黔灵山" : a space between Chinese names splits them
            parts.extend(re.split(r"\s+|-", piece.strip()))
        else:
            parts.append(piece.strip())
    return [p for p in parts if p]


def _read_day(atlas: Atlas, day: RouteDay, content: str) -> None:
    for raw in _tokens(content):
        if EMPTY.match(raw):
            continue
        role = None
        text = raw
        for pattern, r in ((NIGHT, "night"), (DEPART, "leave"), (ARRIVE, "arrive")):
            m = pattern.match(text)
            if m:
                role, text = r, m.group(1)
                break
        if role is None:
            for pattern, r in (
                (NIGHT_AFTER, "night"),
                (DEPART_AFTER, "leave"),
                (ARRIVE_AFTER, "arrive"),
            ):
                m = pattern.match(text)
                if m:
                    role, text = r, m.group(1)
                    break
        text = _clean(text)
        if EMPTY.match(text):
            continue
        place = _find(atlas, text)
        if place is None and role == "night":  # 住苗寨: the village of a sight of the day
            near = [atlas.places[s] for s in day.sights if text in atlas.places[s].zh]
            place = atlas.places.get(near[-1].base or "") if near else None
        if place is None:
            day.unknown.append(Unknown(raw, [], text))  # suggestions: parse_route
            continue
        if place.kind == "attraction":
            day.last_town = None
            if role == "night":
                base = place.base or ""
                day.night, day.night_said = base, True
                if place.id not in day.sights:
                    day.sights.append(place.id)
            elif place.id not in day.sights:
                day.sights.append(place.id)
            day.items.append(("sight", place.id))
            continue
        town = place.base or place.id if place.kind == "station" else place.id
        if role == "night":
            day.night, day.night_said = town, True
        elif role == "leave":
            day.leaves = place.id
        else:
            day.towns.append(place.id)
            day.items.append(("town", place.id))
            day.last_town = place.id


def _town_sights(atlas: Atlas, day: RouteDay, start: str | None, *, first: bool) -> None:
    """A town named as a stop of the day, not the one the day starts from, is its own sight
    when it has one (镇远 -> 镇远古城): "Day 4: Zhenyuan, overnight Zhenyuan" visits it."""
    sights: list[str] = []
    for k, (kind, pid) in enumerate(day.items):
        if kind == "sight":
            sights.append(pid)
            continue
        if pid == start or (first and k == 0) or pid != (day.night or day.last_town):
            continue  # a town on the way, or where the day starts
        sight = _town_sight(atlas, atlas.places[pid])
        if sight is not None and sight.id not in sights:
            sights.append(sight.id)
            if day.last_town == pid and k == len(day.items) - 1 and day.night is None:
                day.night = pid  # the day ends in the town it visits
    day.sights = list(dict.fromkeys(sights + [s for s in day.sights if s not in sights]))


def parse_route(text: str, atlas: Atlas) -> Route:
    """Read ``text`` into a :class:`Route`: each day's line (or lines) of places, the arrival
    (day 1's first town, else the town of its first sight), the departure (the last day's
    "返程" town or last town, else the town of its last sight)."""
    days: list[RouteDay] = []
    unread: list[str] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        m = DAY_LINE.match(line)
        if m:
            n = day_number(m.group(1) or m.group(2))
            day = RouteDay(day=n, text=line.strip())
            days.append(day)
            _read_day(atlas, day, m.group(3))
            continue
        if days:  # a line under a day continues it, when it names a place
            before = (len(days[-1].sights), len(days[-1].towns), days[-1].night)
            probe = RouteDay(day=0, text=line)
            _read_day(atlas, probe, line)
            if probe.sights or probe.towns or probe.night:
                _read_day(atlas, days[-1], line)
                days[-1].text += "\n" + line.strip()
                if (len(days[-1].sights), len(days[-1].towns), days[-1].night) != before:
                    continue
        unread.append(line.strip())
    seen: set[str] = set()
    for k, day in enumerate(days):
        day.day = k + 1  # numbered by their order (a route with two "DAY 3" stays readable)
        _town_sights(atlas, day, days[k - 1].night if k else None, first=k == 0)
        if k and day.sights and atlas.places[day.sights[0]].base == days[k - 1].night:
            # the morning in the village slept in (西江 on day 3, 西江 → 下司 on day 4)
            day.sights = [s for s in day.sights if s not in seen]
        seen.update(day.sights)
        if day.night is None and k < len(days) - 1:
            if day.last_town is not None:
                day.night = day.last_town
            elif day.sights:
                day.night = atlas.places[day.sights[-1]].base
            elif day.towns:
                day.night = day.towns[-1]
    unknown = [u for d in days for u in d.unknown]
    for u in unknown[:MAX_SUGGESTED]:
        u.suggestions = atlas.suggest(u.looked_up or u.text)
    arrive = depart = None
    if days:
        first, last = days[0], days[-1]
        if first.towns:
            arrive = first.towns[0]
        elif first.sights:
            arrive = atlas.places[first.sights[0]].base
        if last.leaves:
            depart = last.leaves
        elif last.last_town is not None:
            depart = last.last_town
        elif last.night:
            depart = last.night
        elif last.sights:
            depart = atlas.places[last.sights[-1]].base
        elif last.towns:
            depart = last.towns[-1]
    return Route(days=days, arrive=arrive, depart=depart, unread=unread)
