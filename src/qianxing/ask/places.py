"""Places in the text: names of the pack found in running text, and what each is for (arrive,
leave, must-see, avoid), from the words around it; names that match no place or several."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from ..data.atlas import Atlas
from ..data.place import Place
from ..exceptions import UnknownPlaceError
from . import lexicon as lx
from .text import CJK, DELIM, Ambiguity, Finding, State, alternation, phrase_re

MUST_BEFORE = ("一定要去", "必须去", "必去", "要去", "想去", "去看", "打卡", "must see", "must-see",
               "must visit", "want to see", "want to visit", "have to see", "visit")  # fmt: skip
AVOID_BEFORE = ("不想去", "不要去", "不用去", "别去", "不去", "跳过", "不要安排", "skip", "avoid",
                "not interested in",
                "not go to", "no need for")  # fmt: skip
MUST_AFTER = ("必须去", "一定要去", "必去", "必看", "是必须", "is a must", "must", "especially")
AVOID_AFTER = ("就不去了", "不去", "不用去", "不要", "就算了", "也别去", "别去", "也不去", "都去过",
               "去过", "已经去过", "也去过", "都不去", "都不想去", "不想去", "都别去")  # fmt: skip
AVOID_REASON = re.compile(
    r"(?:人太多|人多|太商业化?|太挤)\s*(?:了)?\s*[，,]?\s*(?:就)?(?:不想去|不去)"
)
"""A short reason, then the refusal (黄果树人太多不想去了): avoid."""
AVOID_TAIL = re.compile(r"[^\s，,。；;]{0,8}?(?:就不去了|就算了|就不去|就免了|就不安排了)\s*$")
"""梵净山老人爬不了就不去了: a reason of a few words, then 就不去了 at the clause's end: avoid."""
OR_LINK = re.compile(r"\s*(?:或者|或是|或|还是|or|/)\s*")
"""Two places joined by "or" (Tongren or Kaili as the starting point): one role, two choices."""
BACK_BEFORE = ("回到", "back to", "back in", "get back to", "be back in")
"""回到贵阳东站坐车回长沙, back to Guiyang by 5pm: where the trip ends."""
UNKNOWN_SUFFIX = re.compile(
    r"(?:^|(?<=[、，,\s和及从到去])|(?<=还有))([\u4e00-\u9fff]{2})(侗寨|苗寨|古镇|古城|风景区)"
)
"""大利侗寨, 凤凰古城: a name ending like a sight's, which the pack does not have."""
NOT_A_NAME = "看逛玩的个些种想有这那各几多少去要和在住是原态族统色名网商欢爱都寨镇城"
"""Characters that make the two before 侗寨/古镇 a description (原生态的侗寨), not a name."""
BEEN_BEFORE = ("去过了", "去过", "已经去过", "been to", "already visited", "already seen",
               "already been to")  # fmt: skip
"""Words of having been there (上次去过了X, we've been to X): the place is left out."""
NEVER_BEEN = re.compile(r"(?:没|没有|未|从没|从来没)去过\s*$|never been to\s*$|haven't been to\s*$")
BEEN_AFTER = re.compile(
    r"(?:上次|之前|以前|去年|早就|已经|都|也|\s)*去过|(?:\s*already)?\s*been there"
)
MUST_IN = ("想在", "一定要在", "要在", "必须在")
"""想在镇远过元旦, 一定要在肇兴住一晚: the place is a must-see (words for the role only)."""
CHOOSE_AFTER = ("选一个", "二选一", "选其一", "任选一个", "挑一个", "去一个就行", "either one")
"""A list followed by "pick one": none of its items is a must-see (the writer is told)."""
LIST_SEP = r"\s*(?:、|和|跟|与|及|还有|以及|或|and|or|&|/|,|，|\+)\s*|\s+"
AREA_WORDS = ("丹霞", "风景区", "景区", "国家公园", "地质公园")
"""Words after a town that make an area name, not the town (赤水丹霞): did you mean its sights."""
AIRPORT_WORDS = re.compile(r"[\u4e00-\u9fff]{0,4}机场|(?:\s+[a-z]+)?\s+airport(?![a-z])")
BOTH_AFTER = ("进出", "往返", "来回", "进也从", "一进一出", "in and out", "both ways")
ARRIVE_AFTER = ("出发", "进", "入", "落地", "下飞机", "到达", "抵达", "下车", "下高铁", "开始",
                "到", "as the starting point", "as a starting point", "as our starting point",
                "作为起点")  # fmt: skip
DEPART_AFTER = ("出", "走", "离开", "返回", "返程", "回", "飞走", "结束")
BOTH_BEFORE = ("in and out of", "round trip from", "round trip to", "return to", "往返")
ARRIVE_BEFORE = ("第一站", "首站", "飞到", "飞抵", "抵达", "落地", "降落", "到", "飞", "fly into",
                 "flying into",
                 "fly to", "flying to", "land at", "land in", "landing at", "landing in",
                 "arrive at", "arrive in", "arriving at", "arriving in", "arriving", "arrive",
                 "arrival at", "in via", "start in", "start from", "starting in", "starting from",
                 "get to", "coming in at", "coming into", "come in at", "getting in at",
                 "into")  # fmt: skip
DEPART_BEFORE = ("leave from", "leaving from", "leave", "leaving", "depart from",
                 "departing from", "departing", "depart", "fly out of", "flying out of",
                 "fly home from", "fly back from", "fly out from", "flying out from", "end in",
                 "finish the trip in", "end the trip in", "ending the trip in",
                 "ending in", "finish in", "finishing in", "out of", "back from",
                 "out via")  # fmt: skip
FLY_BEFORE = ("飞", "航班", "fly", "flying", "flight", "plane", "land", "降落", "落地")
FLY_AFTER = ("落地", "降落", "机场")
"""Words of flying in an arrival's clause: the arrival is the town's airport (飞贵阳 -> 龙洞堡)."""
SKIP_LABELS = frozenset({"本寨", "瑶山"})


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
            if label in SKIP_LABELS or ("-" in label and label == p.id):
                continue
            cjk = bool(CJK.search(label))
            short = 3 if label.isupper() else 4  # KWE
            if (cjk and len(label) < 2) or (not cjk and len(label) < short):
                continue
            upper = label.isupper() and not cjk
            key = label if upper else label.lower()
            out.setdefault(key, (key, p.id, upper))
    _LABELS[id(atlas)] = tuple(sorted(out.values(), key=lambda t: -len(t[0])))
    return _LABELS[id(atlas)]


def read_places(st: State) -> None:
    mentions: list[_Mention] = []
    for label, pid, exact in _labels(st.atlas):
        hay = st.raw if exact else st.low
        pattern = phrase_re(label) if label[:1].isascii() else re.escape(label)
        if re.fullmatch(r"[a-z]{6,}", label):  # Xiao Qi Kong, Zhen Yuan: pinyin, spaced
            pattern = r"(?<![a-z])" + r"[ -]?".join(label) + r"(?![a-z])"
        for m in re.finditer(pattern, hay):
            if st.free(m.start(), m.end()):
                end = m.end()
                tail = re.match(r"\s*(?:railway |train )?station", st.low[end:])
                if tail and not CJK.search(label):
                    end += tail.end()
                st.take(m.start(), end)
                mentions.append(_Mention(st.atlas.places[pid], m.start(), end))
    mentions.sort(key=lambda x: x.start)
    mentions = _pairs_of_names(st, mentions)
    mentions = _areas_and_airports(st, mentions)
    for town, station in pairwise(list(mentions)):  # Guiyang Longdongbao airport, 贵阳 北站
        if (
            town.place.kind == "base" and station.place.kind == "station"
            and station.place.base == town.place.id
            and not st.low[town.end : station.start].strip()
        ):  # fmt: skip
            mentions.remove(town)
            mentions[mentions.index(station)] = _Mention(station.place, town.start, station.end)
    st.fields["_mentions"] = mentions
    _unknown_named(st)
    _tried_places(st)


def _unknown_named(st: State) -> None:
    """大利侗寨, 凤凰古城: two characters of a name before 侗寨/苗寨/古镇/古城 that make no place
    of the pack are a place we can't place (did you mean …), not the interest 侗寨."""
    for m in UNKNOWN_SUFFIX.finditer(st.low):
        a, b = m.span(1)[0], m.end()
        if not st.free(a, b) or any(c in NOT_A_NAME for c in m[1]):
            continue
        name = st.raw[a:b]
        try:
            st.atlas.find(name)
        except UnknownPlaceError as exc:
            st.take(a, b)
            st.unknown_places.append(UnknownPlaceError(name, exc.suggestions))


def unknown_english_names(st: State) -> None:
    """Zhangjiajie and Fanjingshan: a capitalised word listed with a place of the pack (and,
    or, a comma), that is no place, no word the parser read and no month or weekday, is a
    place we can't place. Run after the interests have taken their words (Kaili, Miao)."""
    for men in st.fields["_mentions"]:
        if CJK.search(st.raw[men.start : men.end]):
            continue
        around = (
            re.search(r"(?<![A-Za-z])([A-Z][a-z]{2,})\s*(?:,|and|or|&)\s*$", st.raw[: men.start]),
            re.match(r"\s*(?:,|and|or|&)\s*([A-Z][a-z]{2,})(?![A-Za-z])", st.raw[men.end :]),
        )
        for i, m in enumerate(around):
            if m is None:
                continue
            a = m.start(1) if i == 0 else men.end + m.start(1)
            b = a + len(m[1])
            word = m[1].lower()
            if not st.free(a, b) or word in lx.FILLER_EN or word in _CALENDAR:
                continue
            try:
                st.atlas.find(m[1])
            except UnknownPlaceError as exc:
                st.take(a, b)
                st.unknown_places.append(UnknownPlaceError(m[1], exc.suggestions))


_CALENDAR = frozenset(
    [
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
        "friday", "saturday", "sunday",
    ]
)  # fmt: skip


def _pairs_of_names(st: State, mentions: list[_Mention]) -> list[_Mention]:
    """大小七孔: a character before a sight's name that makes another sight's name with the
    rest of it (大 + 七孔 = 大七孔) names that sight too."""
    index = {label: pid for label, pid, _ in _labels(st.atlas)}
    out = list(mentions)
    for men in mentions:
        label = st.low[men.start : men.end]
        c = st.low[men.start - 1 : men.start]
        if men.place.kind != "attraction" or not CJK.match(label) or not CJK.match(c or "a"):
            continue
        other = index.get(c + label[1:])
        if other and other != men.place.id and c != label[0] and st.free(men.start - 1, men.start):
            st.take(men.start - 1, men.start)
            out.append(_Mention(st.atlas.places[other], men.start - 1, men.start))
    return sorted(out, key=lambda x: x.start)


def _areas_and_airports(st: State, mentions: list[_Mention]) -> list[_Mention]:
    """A town followed by an area word (赤水丹霞) is an unknown place with did-you-mean (the
    sights of that area); a town followed by the name of an airport the pack does not have
    (铜仁凤凰机场) is read as the town, with a remark that says so."""
    out = []
    for men in mentions:
        if men.place.kind != "base":
            out.append(men)
            continue
        suffix = re.match(r"\s*(侗寨|苗寨|古镇|古城|景区)", st.low[men.end :])
        if suffix and not CJK.search(st.low[men.start : men.end]):  # Zhenyuan古城: 镇远古城
            named = [a for a in _eponymous(st.atlas, men.place) if a.zh.endswith(suffix[1])]
            if len(named) == 1 and st.free(men.end, men.end + suffix.end()):
                st.take(men.end, men.end + suffix.end())
                out.append(_Mention(named[0], men.start, men.end + suffix.end()))
                continue
        area = next((w for w in AREA_WORDS if st.low.startswith(w, men.end)), None)
        if area:
            name = st.raw[men.start : men.end + len(area)]
            st.take(men.start, men.end + len(area))
            st.unknown_places.append(UnknownPlaceError(name, st.atlas.suggest(name)))
            continue
        airport = AIRPORT_WORDS.match(st.low, men.end)
        if (
            airport
            and st.free(men.end, airport.end())
            and _airport(st.atlas, men.place) == men.place.zh
        ):
            st.take(men.end, airport.end())
            phrase = st.raw[men.start : airport.end()].strip()
            st.remarks.append(Finding("airport", men.place.zh, phrase))
            men = _Mention(men.place, men.start, airport.end())
        out.append(men)
    return out


def _tried_places(st: State) -> None:
    """Words after "一定要去", "不去", "must see" … that name no place: did you mean?"""
    triggers = alternation(MUST_BEFORE + AVOID_BEFORE)
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
        if len(chunk) < 2 or chunk.startswith(("贵州", "得")) or not st.free(a, b) or "的" in chunk:
            # 不要安排得太赶: 得 says how (the pace), not where
            continue
        if chunk.lower() in ("guizhou", "china") or any(
            w in chunk.lower() for w in interest_words(st) if len(w) > 1
        ):
            continue
        try:
            place = st.atlas.find(chunk)
        except UnknownPlaceError as exc:
            hits = containing(st.atlas, chunk)
            named = {x.place.zh for x in st.fields["_mentions"]}
            if hits and set(hits) <= named:
                continue  # 去看银杏 … 妥乐古银杏必去: a word of a place named anyway
            if len(hits) >= 2:
                st.ambiguous.append(Ambiguity(chunk, tuple(hits)))
            elif hits or CJK.search(chunk):
                st.unknown_places.append(UnknownPlaceError(chunk, hits or exc.suggestions))
            else:
                continue
            st.take(a, b)
            continue
        st.take(a, b)
        st.fields["_mentions"] = sorted(
            [*st.fields["_mentions"], _Mention(place, a, b)], key=lambda x: x.start
        )


def containing(atlas: Atlas, chunk: str) -> list[str]:
    """The attractions one of whose names contains ``chunk`` (旧州 -> two old towns)."""
    key = chunk.lower()
    hits = [p for p in atlas.attractions if any(key in lb.lower() for lb in atlas.labels(p))]
    return [p.zh for p in hits]


def assign_roles(st: State) -> None:
    must: list[str] = []
    avoid: list[str] = []
    mentions: list[_Mention] = st.fields.pop("_mentions")
    pairs: dict[int, str] = {}
    for x, y in pairwise(mentions):
        link = st.low[x.end : y.start]
        kinds = x.place.kind != "attraction" and y.place.kind != "attraction"
        if kinds and re.fullmatch(r"\s*(?:to|→|->|-|到|至)\s*", link):
            back = re.match(r"\s*(?:and back|再回来|再回|返回)", st.low[y.end :])
            pairs[x.start], pairs[y.start] = ("both", "") if back else ("arrive", "depart")
    towns: list[tuple[Place, str]] = []  # towns named with no word of arriving or leaving
    prev: tuple[_Mention, str | None] | None = None
    chosen = False
    for k, men in enumerate(mentions):
        p, phrase = men.place, st.raw[men.start : men.end]
        role = pairs.get(men.start) or _role(*_around(st, mentions, k))
        role = role or _list_role(st, mentions, men) or _or_role(st, mentions, k)
        ca, _ = st.clause(men.start)
        before = st.low[ca : men.start].rstrip()
        after = _around(st, mentions, k)[1]
        if role is None and re.search(r"(?:也是|也从|还是)$", before) and ca > 0:
            # …下午三点半的飞机走，也是龙洞堡: the place of the clause before's leaving
            prior = st.low[max(st.low.rfind(d, 0, ca - 1) for d in DELIM) + 1 : ca - 1]
            if re.search(r"(?:走|离开|返程|回程|飞走)$", prior):
                role = "depart"
            elif re.search(r"(?:到|落地|到达|抵达)$", prior):
                role = "arrive"
        if role is None and prev is not None and _inherits(st, prev, men):
            role = prev[1]  # Must: 梵净山, 镇远 / 西江 肇兴: the list's earlier item decides
        # a sight named with no word at all is a must-see
        prev = (men, "must" if role is None and p.kind == "attraction" else role)
        if role == "choose":
            st.unknown.append(phrase)  # 织金洞和龙宫选一个: not both must-sees; the writer picks
            chosen = True
            continue
        if pairs.get(men.start) == "":
            role = None  # Guiyang to Xingyi and back: Xingyi is on the way
        elif role is None and p.kind != "attraction" and _listed_with_sight(st, mentions, men):
            role = "must"  # 梵净山、镇远、西江都要去: a town in a list of sights is its sight
        if role in ("arrive", "depart", "both"):
            for key in ("arrive", "depart") if role == "both" else (role,):
                flown = key == "arrive" and (any(w in before for w in FLY_BEFORE)
                                             or after.startswith(FLY_AFTER))  # fmt: skip
                name = _airport(st.atlas, p) if flown else p.zh
                if key in st.fields and st.fields[key] != name:
                    st.ambiguous.append(Ambiguity(phrase, (st.fields[key], name)))
                st.note(key, name, phrase)
            continue
        if p.kind != "attraction":
            named = _eponymous(st.atlas, p)
            if role in ("must", "avoid") and len(named) == 1:
                p = named[0]  # 肇兴 (the town) -> 肇兴侗寨: town + 侗寨/古镇/…
            elif role is None and p.kind in ("base", "station"):
                towns.append((p, phrase))
                continue
            else:
                sights = [a.zh for a in st.atlas.attractions_of_base(p.base or p.id)][:3]
                hint = f" → {' / '.join(sights)}?" if sights else ""
                st.unknown.append(f"{phrase}{hint}")
                continue
        target = avoid if role == "avoid" else must
        if p.zh not in target:
            target.append(p.zh)
            st.found.append(Finding("avoid" if role == "avoid" else "must", p.zh, phrase))
    if len({p.id for p, _ in towns}) == 1 and "arrive" not in st.fields:
        # "3 days in Guiyang": the one town named is where the trip starts and ends; "3 days
        # from Anshun, back to Anshun": where it starts, when the end is said elsewhere
        for key in ("arrive", "depart") if "depart" not in st.fields else ("arrive",):
            st.note(key, towns[0][0].zh, towns[0][1])
    else:
        for p, phrase in towns:
            sights = [a.zh for a in st.atlas.attractions_of_base(p.id)][:3]
            st.unknown.append(f"{phrase} → {' / '.join(sights)}?" if sights else phrase)
    if must or avoid or chosen:  # the words that said so are used
        said = MUST_BEFORE + AVOID_BEFORE + MUST_AFTER + AVOID_AFTER + BEEN_BEFORE + MUST_IN
        for m in re.finditer(alternation(said + CHOOSE_AFTER), st.low):
            st.take(*m.span())
        for m in re.finditer(
            r"(?:没|没有|未|从没|从来没)去过|never been to|haven't been to", st.low
        ):
            st.take(*m.span())
    if must:
        st.fields["must"] = must
    if avoid:
        st.fields["avoid"] = avoid


def _around(st: State, mentions: list[_Mention], k: int) -> tuple[str, str]:
    """The words before mention ``k`` (from its clause's start, or from the place before it in
    the clause unless the two are a list: "finishing in Tongren so we can do Fanjingshan" gives
    Fanjingshan no leaving, "想去赤水和遵义" gives both the 想去) and after it (to the clause's
    end, less a time)."""
    men = mentions[k]
    ca, cb = st.clause(men.start)
    prev = mentions[k - 1] if k > 0 else None
    if (
        prev is not None
        and prev.end > ca
        and not re.fullmatch(LIST_SEP, st.low[prev.end : men.start])
    ):
        ca = prev.end
    after = re.sub(r"^[\s\d:：点半午上下晚早中]*", "", st.low[men.end : cb])
    return st.low[ca : men.start].rstrip(), after


def _or_role(st: State, mentions: list[_Mention], k: int) -> str | None:
    """Tongren or Kaili as the starting point, 贵阳或者凯里进: the arriving or leaving of the
    place after "or" is this one's too (so the two make an ambiguity: the writer picks)."""
    if k + 1 >= len(mentions):
        return None
    if "attraction" in (mentions[k].place.kind, mentions[k + 1].place.kind):
        return None
    if not OR_LINK.fullmatch(st.low[mentions[k].end : mentions[k + 1].start]):
        return None
    _, after = _around(st, mentions, k + 1)
    role = _role("", after)
    return role if role in ("arrive", "depart", "both") else None


def _inherits(st: State, prev: tuple[_Mention, str | None], men: _Mention) -> bool:
    """Does ``men`` take the must or avoid of ``prev``, the item before it in a list? Only a
    sight, or a town whose name is one sight's (肇兴 -> 肇兴侗寨), and only across a list's
    separator (、 和 , and, or a space)."""
    if prev[1] not in ("must", "avoid"):
        return False
    if not re.fullmatch(LIST_SEP, st.low[prev[0].end : men.start]):
        return False
    return men.place.kind == "attraction" or len(_eponymous(st.atlas, men.place)) == 1


def _eponymous(atlas: Atlas, p: Place) -> list[Place]:
    """The sights named town + 侗寨/苗寨/古镇/古城/景区 (肇兴 -> 肇兴侗寨)."""
    return [
        a for a in atlas.attractions if a.zh.removesuffix(a.zh[len(p.zh) :]) == p.zh
        and a.zh[len(p.zh) :] in ("侗寨", "苗寨", "古镇", "古城", "景区")
    ]  # fmt: skip


def _airport(atlas: Atlas, p: Place) -> str:
    """The one airport of town ``p`` in the pack (贵阳 -> 贵阳龙洞堡国际机场), else ``p`` itself."""
    if p.kind != "base":
        return p.zh
    airports = [
        q.zh for q in atlas.places.values()
        if q.kind == "station" and q.terminal == "airport" and q.base == p.id
    ]  # fmt: skip
    return airports[0] if len(airports) == 1 else p.zh


def _listed_with_sight(st: State, mentions: list[_Mention], men: _Mention) -> bool:
    """Is ``men`` one item of a list ("A、B和C", "A and B") with a sight next to it?"""
    i = mentions.index(men)
    for j in (i - 1, i + 1):
        if 0 <= j < len(mentions) and mentions[j].place.kind == "attraction":
            a, b = sorted((mentions[j], men), key=lambda x: x.start)
            link = st.low[a.end : b.start]
            if re.fullmatch(r"\s*(?:、|和|跟|与|及|and|&|/)\s*|[ \t]+", link):
                return True
    return False


def _list_role(st: State, mentions: list[_Mention], men: _Mention) -> str | None:
    """A sight in a list ("天河潭和青岩也别去", "黄果树和龙宫必去") takes the must or avoid
    word after the list's last item."""
    i = mentions.index(men)
    while i + 1 < len(mentions) and re.fullmatch(
        r"\s*(?:、|和|跟|与|及|或|and|or|&|/|,|，)\s*",
        st.low[mentions[i].end : mentions[i + 1].start],
    ):
        i += 1
    if i == mentions.index(men) or mentions[i].place.kind != "attraction":
        return None
    _, cb = st.clause(mentions[i].start)
    after = st.low[mentions[i].end : cb]
    if after.lstrip().startswith(CHOOSE_AFTER):
        return "choose"
    if after.startswith(AVOID_AFTER) or BEEN_AFTER.match(after) or AVOID_REASON.match(after):
        return "avoid"
    return "must" if after.startswith(MUST_AFTER) else None


def _role(before: str, after: str) -> str | None:
    if before.endswith("从") and re.match(r"(?:坐|乘|搭)\S{0,3}?(?:回|返回)", after):
        return "depart"  # 从贵阳北站坐高铁回长沙: going home from there
    if re.search(r"最后\S{0,4}从$", before):
        return "depart"  # 最后从安顺西站坐高铁去昆明 / 最后从兴义开回重庆: the trip ends there
    if re.search(r"(?:一路|往\S{0,2})?玩到$", before):
        return None  # 一路玩到兴义: a place on the way, not where the trip starts
    if after.startswith(BOTH_AFTER) or before.endswith(BOTH_BEFORE):
        return "both"
    if after.lstrip().startswith(CHOOSE_AFTER):
        return "choose"
    if NEVER_BEEN.search(before):
        return None
    if BEEN_AFTER.match(after):
        return "avoid"
    if before.endswith(BEEN_BEFORE):
        return "avoid"
    if re.fullmatch(r"(?:in|out)\s*", after):  # Tongren in, Guiyang out
        return "arrive" if after.startswith("in") else "depart"
    if after.startswith(ARRIVE_AFTER[0]):
        return "arrive"
    if after.startswith(AVOID_AFTER) or AVOID_REASON.match(after) or AVOID_TAIL.match(after):
        return "avoid"
    if after.startswith(MUST_AFTER):
        return "must"
    if before.endswith(BACK_BEFORE):
        return "depart"
    if after.startswith(ARRIVE_AFTER):
        return "arrive"
    if after.startswith(DEPART_AFTER):
        return "depart"
    if before.endswith(("从",)) and not after:
        return "arrive"
    label = re.findall(r"(到达|抵达|arrival|离开|返程|回程|departure)\s*[:：]", before)
    if label:  # 到达：6月10日 贵阳北站; Arrival: Guiyang 08:15
        return "arrive" if label[-1] in ("到达", "抵达", "arrival") else "depart"
    if before.endswith(ARRIVE_BEFORE):
        return "arrive"
    if before.endswith(DEPART_BEFORE):
        return "depart"
    last = -1
    role = None
    longest = 0
    for words, r in (
        (MUST_BEFORE + MUST_IN, "must"),
        (AVOID_BEFORE, "avoid"),
        (tuple(w for w in ARRIVE_BEFORE if w.isascii()), "arrive"),
        (tuple(w for w in DEPART_BEFORE if w.isascii()), "depart"),
    ):
        for w in words:
            i = before.rfind(w)
            if i < 0:
                continue
            end = i + len(w)  # 不想去 ends where 想去 does: the longer word (the refusal) wins
            if end > last or (end == last and (len(w) > longest or r == "avoid")):
                last, role, longest = end, r, len(w)
    return role


def interest_words(st: State) -> tuple[str, ...]:
    return tuple(interest_table(st))


def interest_table(st: State) -> dict[str, str]:
    table = dict(lx.INTERESTS)
    for tag in st.atlas.pack.region.tags:
        table.setdefault(tag.name.zh, tag.id)
        if tag.id != "kids":
            table.setdefault(tag.name.en.lower(), tag.id)
    return table
