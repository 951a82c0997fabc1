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
from dataclasses import dataclass
from typing import Any

from ..data.atlas import Atlas, load_atlas
from ..exceptions import UnknownPlaceError
from ..model import Request
from . import lexicon as lx
from .lexicon import EN_NUM, NUM, number
from .places import (
    assign_roles,
    containing,
    interest_table,
    read_places,
    unknown_english_names,
)
from .text import CJK, Ambiguity, Finding, State, alternation, normalise
from .when import read_dates, read_days, read_times


@dataclass(frozen=True)
class Parsed:
    """What :func:`parse` made of a text.

    ``request`` is None when something is missing (``missing`` names it) or ambiguous;
    ``unknown`` lists the words not placed (an unknown place with its "did you mean");
    ``assumed``, the first day read without a year (国庆, 10月中旬), with the date taken.
    """

    text: str
    lang: str
    request: Request | None
    found: tuple[Finding, ...]
    unknown: tuple[str, ...]
    unknown_places: tuple[UnknownPlaceError, ...]
    ambiguous: tuple[Ambiguity, ...]
    missing: tuple[str, ...]
    assumed: tuple[Finding, ...] = ()
    remarks: tuple[Finding, ...] = ()


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
    norm = normalise(text)
    low = "".join(c.lower() if len(c.lower()) == 1 else c for c in norm)
    st = State(norm, low, [False] * len(low), today or dt.date.today(), atlas or load_atlas())
    lang = "zh" if CJK.search(norm) else "en"
    read_places(st)
    read_dates(st)
    read_days(st)
    read_times(st)
    _kids_interest(st)
    _party(st)
    _budget(st)
    _choices(st)
    _interests(st)
    unknown_english_names(st)
    assign_roles(st)
    _residue(st)
    missing = () if "days" in st.fields else ("days",)
    start = st.fields.get("start")
    st.found = [f for f in st.found if f.field != "start" or f.value == start]
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
        assumed=tuple(a for a in st.assumed if a.value == start)[:1],
        remarks=tuple(st.remarks),
    )


_OR = r"\s*(?:或者|或是|或|还是|or|/)\s*"


def rewrite(text: str, ambiguity: Ambiguity, option: str, **kw: Any) -> str | None:
    """``text`` with ``ambiguity`` settled on ``option`` ("5月或6月" -> "6月"; "旧州" ->
    "旧州古镇"; "5天 / 6天" -> "6天"), or None when no plain rewrite settles it (two
    different arrival places: the writer must say which). ``kw`` goes to :func:`parse`."""
    parts = ambiguity.phrase.split(" / ")
    new = text
    if len(parts) == len(ambiguity.options) > 1:
        keep = parts[ambiguity.options.index(option)]
        for part in parts:
            if part != keep:
                p = re.escape(part)
                new = re.sub(rf"{p}{_OR}|{_OR}{p}|{p}", "", new, count=1, flags=re.I)
    else:
        at = new.lower().find(ambiguity.phrase.lower())
        if at < 0 or option.lower() == ambiguity.phrase.lower():
            return None
        seg = new[at : at + len(ambiguity.phrase)]
        i = seg.lower().find(option.lower())  # keep the writer's case: "May or June" -> "June"
        new = new[:at] + (seg[i : i + len(option)] if i >= 0 else option) + new[at + len(seg) :]
    if new == text or any(a.phrase == ambiguity.phrase for a in parse(new, **kw).ambiguous):
        return None
    return new


def _kids_interest(st: State) -> None:
    """适合孩子的地方, things the kids will enjoy: the interest ``kids``, read before the party
    takes every 孩子 and kid as a traveller."""
    kid_words = [w for w, tag in lx.INTERESTS.items() if tag == "kids" and re.search(
        r"孩子|小孩|儿童|kid", w)]  # fmt: skip
    for m in st.matches(alternation(kid_words)):
        if "_kids" not in st.fields:
            st.fields["_kids"] = m[0]
        # the child is a traveller too: leave the word 孩子 for the party
        at = re.search(r"孩子|小孩|儿童", m[0])
        if at:
            for i in range(m.start() + at.start(), m.start() + at.end()):
                st.used[i] = False


def _party(st: State) -> None:
    p: dict[str, int] = {}

    def put(key: str, n: float | None, phrase: str) -> None:
        if n is not None and key not in p:
            p[key] = int(n)
            st.fields.setdefault("_party_phrases", []).append(phrase)

    for m in st.matches(r"(?:孩子|小孩|娃|宝宝)(?:他|她)?(?:爸|妈)(?:爸|妈)?"):  # 孩子他爸
        put("partner", 2, m[0])
    noun_first = rf"(老人|小孩|孩子|儿童|大人|成人)\s*({NUM})\s*(?:个|位|名)?(?![\u4e00-\u9fff\d])"
    for m in st.matches(noun_first):  # 老人1个，小孩2个
        key = {"老人": "seniors", "大人": "adults", "成人": "adults"}.get(m[1], "children")
        put(key, number(m[2]), m[0])
    for m in st.matches(rf"({NUM})\s*大\s*({NUM})\s*小(?:\s*({NUM})\s*老)?"):
        put("adults", number(m[1]), m[0])
        put("children", number(m[2]), m[0])
        if m[3]:
            put("seniors", number(m[3]), m[0])
    for m in st.matches(rf"({NUM})\s*大\s*({NUM})\s*老"):  # 2大1老
        put("adults", number(m[1]), m[0])
        put("seniors", number(m[2]), m[0])
    for m in st.matches(rf"一家\s*({NUM})\s*口|(?<![a-z])family of ({EN_NUM})"):
        put("total", number(m[1] or m[2]), m[0])
        p["family"] = 1
    for m in st.matches(
        rf"({NUM})\s*个?\s*(?:孩子|小孩|娃|儿童|小朋友|宝宝)"
        rf"|(?<![a-z])({EN_NUM})\s+(?:kids|children|child|kid|teenagers|teens)(?![a-z])"
    ):
        put("children", number(m[1] or m[2]), m[0])
    for m in st.matches(
        r"(?:带|和|跟)?(?:着)?(?:孩子|小孩|娃|宝宝)"
        r"|with (?:the |my |our )?(?:kids|children|kid|child)"
        r"|(?<![a-z])(?:a |my |our |the )?(?:toddler|baby|infant)(?![a-z])"
    ):
        put("children", 1, m[0])
    for m in st.matches(
        rf"({NUM})\s*[个位]?\s*老人|(?<![a-z])({EN_NUM})\s+(?:seniors|grandparents|elderly)"
    ):
        put("seniors", number(m[1] or m[2]), m[0])
    for m in st.matches(
        r"父母|爸妈|爸爸妈妈|公婆|公公婆婆|岳父母|岳父岳母|爷爷奶奶|外公外婆|(?:my |our )?parents"
    ):
        put("seniors", 2, m[0])
    for m in st.matches(
        r"(?:带|和|跟)(?:我)?(?:老人|妈妈|爸爸|老妈|老爸|妈|爸|母亲|父亲|奶奶|爷爷|外婆|外公)"
        r"|(?:my )?(?:grandma|grandpa|granny|grandmother|grandfather|mum|mom|mother|father|dad)"
    ):
        put("seniors", 1, m[0])
    student = r"(?<![小中])(?:大学生|研究生|本科生|博士生|学生)"
    counted = 0
    for m in st.matches(
        rf"({NUM})\s*(?:个|位|名)?\s*{student}|(?<![a-z])({EN_NUM})\s+students(?![a-z])"
    ):
        # 两个研究生加一个本科生: each count of students adds to the party
        counted += int(number(m[1] or m[2]) or 0)
        p.pop("students", None)
        put("students", counted, m[0])
    for m in st.matches(rf"{student}|(?<![a-z])(?:a |as )?students?(?![a-z])"):
        put("all_students", 1, m[0])  # 我是学生 / 我们都是学生: the grown-ups are students
    for m in st.matches(rf"({NUM})\s*个?\s*(?:大人|成人)|(?<![a-z])({EN_NUM})\s+adults?"):
        put("adults", number(m[1] or m[2]), m[0])
    for m in st.matches(rf"和\s*({NUM})\s*个?\s*朋友|with ({EN_NUM}) friends"):
        put("total", (number(m[1] or m[2]) or 0) + 1, m[0])
    for m in st.matches(rf"(?<![a-z])({EN_NUM})\s+friends(?![a-z])"):  # three friends: all of us
        put("total", number(m[1]), m[0])
    for m in st.matches(
        rf"(?<![和跟与])({NUM})\s*个\s*(?:大学|高中|初中)?(?:同学|闺蜜|姐妹|同事|好友|哥们)"
    ):  # 三个大学同学: all of us
        put("total", number(m[1]), m[0])
    for m in st.matches(
        r"(?:带|和|跟)?(?:我们的|我的)?(?:女儿|儿子|闺女)"
        r"|(?<![a-z])(?:our|my) (?:daughter|son)(?![a-z])"
    ):
        put("children", 1, m[0])
    for m in st.matches(r"(?:我|陪)(?:母亲|父亲|老妈|老爸)"):
        put("seniors", 1, m[0])
    for m in st.matches(
        rf"(?:一共|总共|共)?\s*({NUM})\s*(?:个人|人(?!均)|位(?!老|孩|小|大人|成人))"
        rf"|我们\s*({NUM})\s*个"
        rf"|(?<![a-z])({EN_NUM})\s+(?:of us|people|persons|travellers|travelers)"
        rf"|(?<![a-z])for ({EN_NUM})(?!\s*(?:days?|weeks?|nights?|months?))(?![a-z0-9])"
    ):
        put("total", number(m[1] or m[2] or m[3] or m[4]), m[0])
    for m in st.matches(
        r"我们俩|我俩|老两口|两口子|夫妻|情侣|蜜月|老伴"
        r"|(?:和|跟)我?(?:老婆|老公|女朋友|男朋友|对象|爱人|媳妇|妻子|丈夫|朋友"
        r"|boyfriend|girlfriend|husband|wife|partner)"
        r"|我(?:老婆|老公|媳妇|爱人|妻子|丈夫)"
        r"|带(?:老婆|老公|女朋友|男朋友)|(?<![a-z])couple(?![a-z])(?!\s+of)"
        r"|(?<![a-z])(?:a couple(?!\s+of)|my wife|my husband|my partner"
        r"|my girlfriend|my boyfriend|my spouse|honeymoon|the two of us|both of us)(?![a-z])"
    ):
        put("partner", 2, m[0])
    for m in st.matches(
        r"一个人|独自|自己一个|(?<![a-z])(?:solo|alone|by myself|on my own)(?![a-z])"
    ):
        put("solo", 1, m[0])
    if not p:
        return
    children, seniors = p.get("children", 0), p.get("seniors", 0)
    students = p.get("students", 0)
    if p.get("family") and "children" not in p and p.get("total", 0) - seniors >= 3:
        children = p["total"] - 2 - seniors  # a family of 5 with grandma: 2 + grandma + 2
    if "adults" in p:
        adults = p["adults"]
    elif "total" in p:
        others = children + seniors + students
        adults = max(p["total"] - others, 0 if others else 1)
    else:
        adults = max((2 if "partner" in p else 1) - students, 0)
    if p.get("all_students") and not students and "adults" not in p:
        students, adults = adults, 0
    retired = st.matches(
        r"退休(?!的(?:父母|爸妈))|(?<![a-z])(?:retired|retirees|pensioners?)(?![a-z])"
        r"(?! (?:parents|mum|mom|mother|dad|father))"
    )
    if retired and "adults" not in p:  # 退休了，和老伴: the writer and partner are seniors
        seniors, adults = seniors + adults, 0
        st.fields["_party_phrases"].append(retired[0][0])
    aged = st.matches(r"(?<![a-z])both (?:in their )?[6-9]\d|(?<=[俩们人])都\s*[6-9]\d")
    if aged and "partner" in p and not seniors and "adults" not in p:
        seniors, adults = 2, max(adults - 2, 0)  # my husband and I (both 67): two seniors
        st.fields["_party_phrases"].append(aged[0][0])
    phrase = " ".join(st.fields.pop("_party_phrases"))
    st.note("adults", adults, phrase)
    if children:
        st.note("children", children, phrase)
    if seniors:
        st.note("seniors", seniors, phrase)
    if students:
        st.note("students", students, phrase)


def _budget(st: State) -> None:
    amount = (
        r"(?:¥|￥)?\s*(\d{1,3}(?:,\d{3})+(?![\d])|\d+(?:\.\d+)?\s*(?:k|千|万|w)?"
        r"|[一二两三四五六七八九十百千万]+[千万百](?:[一二三四五六七八九](?![天日晚夜个人月号]))?)"
        r"\s*(?:块钱|块|元|rmb|yuan|cny)?"
    )
    cue = (
        r"预算|人均|每人|每个人|花费|经费|花\s*$|总共|一共|加起来"
        r"|budget|under|spend|max|up to|within|around|¥|￥"
    )
    for m in re.finditer(amount, st.low):
        a, b = m.span()
        if not st.free(a, b) or not m[1].strip():
            continue
        ca, cb = st.clause(a)
        clause = st.low[ca:cb]
        unit = re.search(r"块|元|rmb|yuan|cny|[千万k¥￥]", m[0])
        after = r"\s*(?:each|per person|per head|a head|pp|/人|每人|一个人|以内|以下)(?![a-z])"
        if (
            not unit
            and not re.search(cue, st.low[max(ca, a - 12) : a])
            and not re.match(after, st.low[b:])
        ):
            continue
        if re.match(r"[千万]+$", m[1]) and re.match(r"\s*[别不要记]", st.low[b:]):
            continue  # 千万别…, 千万不要…: "by all means", not a sum
        if st.low[max(0, a - 2) : a].endswith("$") or re.match(FOREIGN, st.low[b:]):
            st.take(a, b)  # $600: not yuan, and no rate of exchange to cite: not placed
            st.unknown.append(st.raw[max(0, a - 1) : b].strip())
            continue
        value = number(m[1].replace(" ", "").replace(",", ""))  # 12,000
        if value is None or value < 50:
            continue
        if value > 1_000_000:
            st.take(a, b)
            st.unknown.append(m[0].strip())
            continue
        daily = re.search(
            r"(?:每天|每日|一天|per day|a day)\s*的?\s*(?:预算|花费|花销|开销|消费|费用)?"
            r"\s*(?:控制在|控制|在|大概|约|不超过|最多)?\s*$",
            st.low[ca:a],
        )  # 一天花费控制在1000块: a day's sum
        daily_after = re.match(r"\s*(?:per day|a day|each day|/天|一天|每天)(?![a-z])", st.low[b:])
        if daily and "days" in st.fields:  # 每天预算300: a day's budget, for every day
            value *= st.fields["days"]
            st.take(ca + daily.start(), ca + daily.end())
        elif daily_after and "days" in st.fields:  # 250 yuan a day
            value *= st.fields["days"]
            st.take(b + daily_after.start(), b + daily_after.end())
        st.take(a, b)
        per_person = re.search(r"人均|每人|每个人|per person|each|pp|a head|per head", clause)
        party = (
            st.fields.get("adults", 1)
            + st.fields.get("children", 0)
            + st.fields.get("seniors", 0)
            + st.fields.get("students", 0)
        )
        if not per_person and party > 1:
            value = value / party
        for w in re.finditer(
            r"人均|每人|每个人|预算|总共|一共|总|以内|以下|左右|per person|each", clause
        ):
            st.take(ca + w.start(), ca + w.end())
        st.note("budget", round(value, 2), st.raw[max(ca, a - 6) : b].strip())
        return


FOREIGN = re.compile(r"\s*(?:usd|us\$|dollars?|bucks|euros?|eur|美元|美金|欧元)(?![a-z])")
"""A currency after a sum that is not the yuan: the sum is reported, not converted."""
SPICE_ORDER = ("none", "mild", "medium", "hot")
PEOPLE = re.compile(
    r"我|老公|老婆|孩子|小孩|娃|大人|爸|妈|父母|老人|朋友|他|她"
    r"|(?<![a-z])(?:i|me|my|wife|husband|partner|kids?|children|parents?|mum|mom|dad"
    r"|friends?|he|she|they)(?![a-z])"
)
DISLIKED = re.compile(r"\s*(?:太累|太辛苦|太麻烦|不方便|太慢|受罪|too tiring|is tiring|a hassle)")
"""Words after a way of travelling that reject it (老人坐大巴太累: not the bus)."""


def _choices(st: State) -> None:
    for m in st.matches(
        r"不是不能吃辣[，,\s]*(?:而)?是\s*(特别|很|超级|非常|超)?能吃(?:辣)?"
    ):  # 不是不能吃辣，是特别能吃: a double negative, then how much
        st.note("spice", "hot" if m[1] else "medium", m[0])
    for m in st.matches(lx.RELAXED_RE):
        if "pace" not in st.fields:
            st.note("pace", "relaxed", m[0])
    for name, table in (("spice", lx.SPICE), ("transport", lx.TRANSPORT), ("pace", lx.PACE)):
        tail = r"(?:\s*(?:food|dishes|meals|spice))?" if name == "spice" else ""
        for m in st.matches(rf"(?:{alternation(table)}){tail}"):
            key = m[0] if m[0] in table else re.sub(r"\s*(?:food|dishes|meals|spice)$", "", m[0])
            value = table[key]
            rejected = DISLIKED.match(st.low, m.end()) if name == "transport" else None
            if rejected:
                st.take(m.end(), rejected.end())
                continue
            if (
                name == "transport"
                and value == "public"
                and re.match(r"\s*(?:到|来|过来|回|去)", st.low[m.end() :])
            ):
                continue  # 从昆明坐高铁到兴义: how they come to the trip, not how they tour
            prefer = re.search(r"(?:最好|宁愿|更想|prefer|rather)\s*$", st.low[: m.start()])
            if name == "transport" and prefer and st.fields.get(name, value) != value:
                st.note(name, value, m[0])  # 最好包车 wins over a mode mentioned in passing
            elif name == "transport" and {st.fields.get(name), value} == {"public", "public+car"}:
                st.note(name, "public+car", m[0])  # 坐公共交通 … 那一段可以包个车
            elif name == "spice" and name in st.fields and _for_people(st, m.start()):
                # 孩子不能吃辣，大人微辣可以: the party shares its meals, the mildest wins
                mildest = min(st.fields[name], value, key=SPICE_ORDER.index)
                st.note(name, mildest, m[0])
            elif name in st.fields and st.fields[name] != value:
                st.ambiguous.append(Ambiguity(m[0], (st.fields[name], value)))
            elif name not in st.fields:
                st.note(name, value, m[0])
    for m in st.matches(alternation(lx.VEGETARIAN)):
        if "vegetarian" not in st.fields:
            st.note("vegetarian", True, m[0])


def _for_people(st: State, at: int) -> bool:
    """Does each spice phrase so far, and the one at ``at``, speak of someone (孩子不能吃辣,
    大人微辣可以; I can't eat spicy but my husband can)?"""
    spots = [at, *(st.low.find(f.phrase.lower()) for f in st.found if f.field == "spice")]
    for pos in spots:
        ca, cb = st.clause(max(pos, 0))
        if not PEOPLE.search(st.low[ca:cb]):
            return False
    return True


def _interests(st: State) -> None:
    table = interest_table(st)
    like: dict[str, float] = {}
    if "_kids" in st.fields:
        like["kids"] = 1.0
        st.found.append(Finding("like", "kids=1", st.fields.pop("_kids")))
    for m in st.matches(alternation(table)):
        ca, _ = st.clause(m.start())
        before = st.low[max(ca, m.start() - 12) : m.start()]
        neg = [before.rfind(n) for n in lx.NEGATION if n in before]
        if neg:
            a = max(ca, m.start() - 12) + min(neg)
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


def _residue(st: State) -> None:
    """Everything not used is reported, less the words that carry nothing."""
    left = "".join(c if not u else " " for c, u in zip(st.raw, st.used, strict=True))
    chunks = re.split(r"[，,。；;！!？?\n、\s]+", left)
    filler = re.compile(alternation(lx.FILLER_ZH))
    for chunk in chunks:
        if CJK.search(chunk):
            for r in filler.sub(" ", chunk).split():
                if r.lower() in lx.FILLER_EN:
                    continue  # 去Guizhou玩: an English word of no request, in Chinese text
                hits = containing(st.atlas, r) if len(r) >= 2 else []
                if len(hits) >= 2:
                    st.ambiguous.append(Ambiguity(r, tuple(hits)))
                else:
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


def _last_en(st: State) -> bool:
    return bool(st.fields.get("_last_en"))
