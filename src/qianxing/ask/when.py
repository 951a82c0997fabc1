"""When and how long: dates, months, holidays, the trip's length and the times of arriving
and leaving."""

from __future__ import annotations

import datetime as dt
import re

from lunardate import LunarDate

from .lexicon import EN_NUM, NUM, number
from .text import Ambiguity, Finding, State, alternation

EN_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1,
    "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
EN_MONTH = r"(?:" + "|".join(sorted(EN_MONTHS, key=len, reverse=True)) + r")"
FIXED_DAYS = {"国庆": (10, 1), "十一黄金周": (10, 1), "十一假期": (10, 1), "十一长假": (10, 1),
              "national day": (10, 1), "golden week": (10, 1), "五一": (5, 1),
              "劳动节": (5, 1), "may day": (5, 1), "元旦": (1, 1),
              "new year's day": (1, 1)}  # fmt: skip
SEASON_MONTHS = {"暑假": 7, "寒假": 1, "春节": 2, "过年": 2, "chinese new year": 2,
                 "lunar new year": 2, "spring festival": 2, "summer holiday": 7, "清明节": 4,
                 "清明": 4,
                 "qingming holiday": 4, "qingming": 4, "tomb-sweeping": 4}  # fmt: skip
"""Holidays and seasons that give a month but no day (清明 is 4-6 April every year)."""
PARTS = {"初": "early", "上旬": "early", "中旬": "mid", "中": "mid", "下旬": "late", "底": "late",
         "末": "late", "early": "early", "beginning of": "early", "mid": "mid",
         "middle of": "mid", "late": "late", "end of": "late"}  # fmt: skip
"""A part of a month (a ten-day 旬): its days run 1–10, 11–20 or 21 to the month's end."""
WEEKDAYS_ZH = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
WEEKDAYS_EN = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
               "saturday": 5, "sunday": 6}  # fmt: skip
_ABBR = r"(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)"
_RANGE = r"\s*(?:-|–|—|~|to|until|through|thru)\s*"
WEEKDAY_RE = (
    r"(?<!每)(下下|下|这|本)?(?:个)?(?:周|星期|礼拜)([一二三四五六日天])(?!游)"
    rf"|(?<![a-z])(?:(next|this) )?({'|'.join(WEEKDAYS_EN)}"
    rf"|{_ABBR}(?={_RANGE}(?:{_ABBR}|{'|'.join(WEEKDAYS_EN)})(?![a-z]))"
    rf"|(?<=-){_ABBR}|(?<=–){_ABBR}|(?<=to ){_ABBR}|(?<=until ){_ABBR}|(?<=thru ){_ABBR}"
    r")(?![a-z])"
)
"""A weekday; an English abbreviation (Mon, Thu) only in a range (Mon-Thu, Fri to Sun), where
it cannot be another word ("we sat", "the sun")."""
NEXT_WEEK = re.compile(r"(?:下(?:个)?(?:周|星期|礼拜)|(?<![a-z])next week)\s*[（(,，:：]?\s*$")
"""下周（周五到周日）, next week (Fri to Sun): the weekday after it is of next week."""
LUNAR_DAYS = {"中秋节": (8, 15), "中秋": (8, 15), "mid-autumn festival": (8, 15),
              "mid-autumn": (8, 15), "moon festival": (8, 15), "端午节": (5, 5), "端午": (5, 5),
              "dragon boat festival": (5, 5), "元宵节": (1, 15), "元宵": (1, 15),
              "lantern festival": (1, 15)}  # fmt: skip
"""Festivals of the lunar calendar: (lunar month, day)."""
LUNAR_NUM = "[一二三四五六七八九十]"
ARRIVE_WORDS = ("飞到", "飞抵", "fly into", "flying into", "fly to", "flying to",
                "落地", "到达", "抵达", "降落", "下飞机", "到", "进", "land", "arriv",
                "get in", "gets in", "get into", "gets into")  # fmt: skip
DEPART_WORDS = ("最后一天", "返程", "回程", "的飞机", "的航班", "的高铁", "的火车", "离开", "走",
                "回", "出", "leave", "leaving", "depart", "fly out", "flying out", "flight home",
                "flight back", "last day", "flight out", "back by", "back in", "back to",
                "回到")  # fmt: skip
TIME_ZH = (
    r"(凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|夜里)?\s*(\d{1,2}|[一二两三四五六七八九十]{1,3})"
    r"\s*[点时](?:\s*(半|一刻|(\d{1,2}|[一二三四五六七八九十]{1,3})\s*分?))?"
)
TIME_COLON = (
    r"(凌晨|早上|上午|中午|下午|傍晚|晚上)?\s*(\d{1,2})[:：](\d{2})\s*(am|pm|a\.m\.|p\.m\.)?"
)
TIME_EN = r"(?<![\d:])(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)"
TIME_WORDS = (
    rf"(?<![a-z])(?:(half past|quarter past|quarter to)\s+)?({EN_NUM})(?:\s*o'clock)?"
    r"\s+in the (morning|afternoon|evening)(?![a-z])"
)
"""half past nine in the morning, 5 in the afternoon."""


def next_date(month: int, day: int, today: dt.date) -> dt.date | None:
    for year in (today.year, today.year + 1):
        try:
            d = dt.date(year, month, day)
        except ValueError:
            return None
        if d >= today:
            return d
    return None


def read_dates(st: State) -> None:
    for m in st.matches(r"(20\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?"):
        try:
            _start(st, dt.date(int(m[1]), int(m[2]), int(m[3])), m[0])
        except ValueError:
            st.unknown.append(m[0])
    for m in st.matches(
        rf"({NUM})\s*月\s*({NUM})\s*[日号]?\s*(?:到|至|-|–|—|~|～)\s*({NUM})\s*[日号](?!\s*月)"
        r"|(?<![\d.])(\d{1,2})\.(\d{1,2})\s*(?:-|–|—|~|～|到|至)\s*(\d{1,2})\.(\d{1,2})(?![\d.])"
        rf"|(?<![a-z])({EN_MONTH})\.?\s+(\d{{1,2}})\s*(?:-|–|—|to|until)\s*(\d{{1,2}})(?![\d:a-z])"
    ):  # 1月25号到31号, 12.20-12.24, Dec 24-30: the first and the last day
        if m[1]:
            first, last = (number(m[1]), number(m[2])), (number(m[1]), number(m[3]))
        elif m[4]:
            first, last = (float(m[4]), float(m[5])), (float(m[6]), float(m[7]))
        else:
            month = float(EN_MONTHS[m[8]])
            first, last = (month, float(m[9])), (month, float(m[10]))
        _month_day(st, *first, m[0])
        if "start" in st.fields and first[0] and first[1] and last[0] and last[1]:
            end = next_date(int(last[0]), int(last[1]), st.fields["start"])
            if end is not None and (end - st.fields["start"]).days < 21:
                st.fields["_last_day"] = end
    for m in re.finditer(r"(这|本|下)(?:个)?周末|(?<![a-z])(this|next) weekend(?![a-z])", st.low):
        if st.free(m.start(), m.end()) and "start" not in st.fields:
            # 这周末 / this weekend: the coming Saturday (today, on a weekend day); 下周末 /
            # next weekend: the Saturday a week after that; the word 周末 stays free for
            # the length (two days) when no other length is given
            sat = st.today + dt.timedelta(days=(5 - st.today.weekday()) % 7)
            saturday = st.today if st.today.weekday() == 6 else sat
            if m[1] == "下" or m[2] == "next":
                saturday = sat + dt.timedelta(days=7)
            st.take(m.start(), m.start() + (1 if m[1] else len(m[2]) + 1))
            _start(st, saturday, st.raw[m.start() : m.end()])
    for m in st.matches(rf"({NUM})\s*月\s*({NUM})\s*[日号]"):
        _month_day(st, number(m[1]), number(m[2]), m[0])
    for m in st.matches(
        rf"(?<![a-z])({EN_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?![\d:a-z])"
        rf"|(?<![\d:])(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({EN_MONTH})(?![a-z])"
    ):
        mon, day = (m[1], m[2]) if m[1] else (m[4], m[3])
        _month_day(st, float(EN_MONTHS[mon]), float(day), m[0])
    for m in st.matches(alternation(FIXED_DAYS)):
        _month_day(st, *FIXED_DAYS[m[0]], m[0])
    for m in st.matches(
        r"(?<![一二三四五六七八九十百零两\d月第初周号])十一(?![一二三四五六七八九十百千万\d天日号月个人点位岁晚夜分元块])"
    ):  # 十一 alone (十一去贵州): the National Day holiday, not eleven of something
        _month_day(st, 10, 1, m[0])
    _later_day(st)
    _lunar_days(st)
    _weekdays(st)
    for m in st.matches(
        rf"({NUM})\s*月?\s*(?:或者|或|还是|or|/)\s*({NUM})\s*月"
        rf"|(?<![a-z])({EN_MONTH})\s+or\s+({EN_MONTH})(?![a-z])"
    ):
        options = [f"{m[1]}月", f"{m[2]}月"] if m[1] else [m[3], m[4]]
        st.ambiguous.append(Ambiguity(m[0], tuple(options)))
    for m in st.matches(rf"({NUM})\s*月\s*(份)?\s*(初|上旬|中旬|下旬|底|末|中)?"):
        n = number(m[1])
        if n is None or not 1 <= n <= 12 or n != int(n):
            st.unknown.append(m[0])
            continue
        if m[3]:
            _part_of_month(st, int(n), PARTS[m[3]], st.raw[m.start() : m.end()].strip())
        _month(st, int(n), m[0])
    for m in st.matches(r"下个月|next month"):
        _month(st, st.today.month % 12 + 1, m[0])
    for m in st.matches(
        r"(?:(next|this|in|early|late|mid|mid-|middle of|end of|beginning of|the end of"
        rf"|the beginning of|the middle of)\s*)?(?<![a-z])({EN_MONTH})(?![a-z])"
    ):
        raw = st.raw[m.start(2) : m.end(2)]
        if m[2] == "may" and not m[1] and raw != "May":
            for i in range(m.start(), m.end()):
                st.used[i] = False
            continue
        part = PARTS.get((m[1] or "").removeprefix("the ").rstrip("-"))
        if part:
            _part_of_month(st, EN_MONTHS[m[2]], part, st.raw[m.start() : m.end()].strip())
        _month(st, EN_MONTHS[m[2]], m[0])
    for m in st.matches(alternation(SEASON_MONTHS)):
        if "month" not in st.fields:
            _month(st, SEASON_MONTHS[m[0]], m[0])
    _days_of_the_month(st)


def _days_of_the_month(st: State) -> None:
    """3号晚上到 … 6号走 … 一月份: a day of the month alone, with the month said elsewhere and
    no other first day, is that day of that month (the next one from today); a later one is
    the last day."""
    if "start" in st.fields or "month" not in st.fields:
        return
    for m in re.finditer(rf"(?<![\d月一二三四五六七八九十两零])({NUM})\s*号(?![线楼院房])", st.low):
        day = number(m[1])
        if st.free(m.start(), m.end()) and day and 1 <= day <= 31 and day == int(day):
            st.take(m.start(), m.end())
            _month_day(st, st.fields["month"], day, m[0])
            break
    if "start" in st.fields:
        _later_day(st)


def _later_day(st: State) -> None:
    """A day of the month alone after a first date (5月20号到 … 25号走; 玩到二十八号): the
    last day, in that month or the next, when within three weeks."""
    start = st.fields.get("start")
    if start is None or "_last_day" in st.fields:
        return
    said = [f.phrase.lower() for f in st.found if f.field == "start"]
    at = max((st.low.find(p) + len(p) for p in said if p and p in st.low), default=-1)
    if at < 0:
        return
    for m in re.finditer(
        rf"(?<![\d月一二三四五六七八九十两零])({NUM})\s*[日号](?![线楼院房])"
        r"|(?<![a-z])the (\d{1,2})(?:st|nd|rd|th)(?!\s*(?:of|day))",
        st.low,
    ):
        if m.start() < at or not st.free(m.start(), m.end()):
            continue
        day = number(m[1] or m[2])
        if not day:
            continue
        month, year = start.month, start.year
        if day < start.day:
            month, year = (1, year + 1) if month == 12 else (month + 1, year)
        try:
            last = dt.date(year, month, int(day))
        except ValueError:
            continue
        if 0 < (last - start).days < 21:
            st.take(m.start(), m.end())
            st.fields["_last_day"] = last
        return


def _lunar_days(st: State) -> None:
    """中秋, 端午, 元宵 (a day of the lunar calendar, converted with ``lunardate``) and 初一 …
    初十 of the new year (正月初二, or 初二 in a text that speaks of 春节/过年): ``start`` the
    next such day on or after today; "中秋前后" (around it) gives only its month."""
    for m in st.matches(alternation(LUNAR_DAYS)):
        month, day = LUNAR_DAYS[m[0]]
        around = re.match(r"\s*(?:节)?\s*(?:前后|左右|附近|期间)", st.low[m.end() :])
        d = next_lunar(month, day, st.today)
        if around:
            st.take(m.end(), m.end() + around.end())
            _month(st, d.month, st.raw[m.start() : m.end() + around.end()])
        else:
            _start(st, d, m[0])
            st.assumed.append(Finding("start", d, m[0]))
    new_year = re.search(r"春节|过年|新年|正月|大年|new year|spring festival", st.low)
    for m in st.matches(
        rf"(?:正月|大年)初({LUNAR_NUM})|(?<![月\d一二三四五六七八九十])初({LUNAR_NUM})(?![a-z\d])"
    ):
        if m[2] and not new_year:
            for i in range(m.start(), m.end()):
                st.used[i] = False
            continue
        d = next_lunar(1, int(number(m[1] or m[2]) or 1), st.today)
        _start(st, d, m[0])
        st.assumed.append(Finding("start", d, m[0]))


def next_lunar(month: int, day: int, today: dt.date) -> dt.date:
    """The next day of the lunar calendar (``month``, ``day``) on or after ``today``."""
    for year in (today.year - 1, today.year, today.year + 1):
        d: dt.date = LunarDate(year, month, day).to_solar_date()
        if d >= today:
            return d
    raise ValueError(f"no lunar {month}/{day} after {today}")  # unreachable: one a year


def _weekdays(st: State) -> None:
    """下周五 / next Friday: that day of next week (Monday first); 这周五, this Friday: of this
    week; a bare 周五 / Friday: the coming one. Two or more weekdays (周五到下周二, from Friday
    to Tuesday, 周五落地 … 周日走) are the first and the last day: a later bare weekday is the
    first such day after the one before it. A weekday right after a date (3月20号周六) only
    confirms it."""
    had_start = st.fields.get("start")
    prev: dt.date | None = None
    for m in st.matches(WEEKDAY_RE):
        prefix = m[1] or m[3]
        said = NEXT_WEEK.search(st.low[: m.start()]) if prefix is None and prev is None else None
        if said:
            prefix = "next"
            st.take(*said.span())
        wd = WEEKDAYS_ZH[m[2]] if m[2] else _weekday_en(m[4])
        if prev is None and had_start is not None and prefix is None:
            if had_start.weekday() != wd:
                st.unknown.append(m[0])
            prev = had_start
            continue
        if prefix is not None:
            week = 2 if prefix == "下下" else 1 if prefix in ("下", "next") else 0
            day = st.today + dt.timedelta(days=7 * week + wd - st.today.weekday())
        else:
            after = prev if prev is not None else st.today - dt.timedelta(days=1)
            day = after + dt.timedelta(days=(wd - after.weekday() - 1) % 7 + 1)
        if day < st.today or (prev is not None and day <= prev):
            st.unknown.append(m[0])
            continue
        _start(st, day, m[0])
        prev = day


def _weekday_en(word: str) -> int:
    """monday -> 0; an abbreviation (thu, thurs) by its first three letters."""
    return next(n for w, n in WEEKDAYS_EN.items() if w.startswith(word[:3]))


def _start(st: State, day: dt.date, phrase: str) -> None:
    last = st.fields.get("_last_day")
    if "start" in st.fields and last is not None and st.fields["start"] <= day <= last:
        return  # 12月28号到1月3号 … 过元旦: a day inside the trip's dates confirms them
    if "start" in st.fields and st.fields["start"] != day:
        first, last = sorted((st.fields["start"], day))
        if (last - first).days < 21 and "_last_day" not in st.fields:
            # 8月1号到 … 8月5号走: two dates close together are the first and the last day
            st.fields |= {"start": first, "month": first.month, "_last_day": last}
            st.found.append(Finding("start", first, phrase.strip()))
            return
        st.ambiguous.append(Ambiguity(phrase, (str(st.fields["start"]), str(day))))
        return
    st.note("start", day, phrase)
    st.fields["month"] = day.month


def _month_day(st: State, month: float | None, day: float | None, phrase: str) -> None:
    """A day of a month with no year: the next such day on or after today (noted as assumed)."""
    d = next_date(int(month), int(day), st.today) if month and day else None
    if d is None:
        st.unknown.append(phrase)
    else:
        _start(st, d, phrase)
        st.assumed.append(Finding("start", d, phrase))


def _part_of_month(st: State, month: int, part: str, phrase: str) -> None:
    """10月中旬, mid-October: the middle day of that part of the next such month. A first day
    of the same month read elsewhere inside the part stands (it is more precise); one outside
    it (国庆 … 改成10月下旬) gives way to the later words."""
    last = (dt.date(2001 + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    first_day, last_day = {"early": (1, 10), "mid": (11, 20), "late": (21, last)}[part]
    start = st.fields.get("start")
    if start is not None and start.month == month:
        if first_day <= start.day <= last_day or "_last_day" in st.fields:
            return
        st.fields.pop("start")
        st.assumed[:] = [a for a in st.assumed if a.value != start]
    _month_day(st, month, (first_day + last_day) // 2, phrase)


def _month(st: State, month: int, phrase: str) -> None:
    if "month" in st.fields and st.fields["month"] != month:
        if "start" in st.fields:
            return  # "国庆 … 10月": the date already says it
        st.ambiguous.append(Ambiguity(phrase, (str(st.fields["month"]), str(month))))
        return
    if "month" not in st.fields:
        st.note("month", month, phrase)


def read_days(st: State) -> None:
    found: list[tuple[int, int, str]] = []  # (rank, days, phrase): the best rank wins
    for m in st.matches(rf"({NUM})\s*[天日]\s*({NUM})\s*[晚夜]"):
        found.append((0, int(number(m[1]) or 0), m[0]))
    for m in st.matches(
        r"(?<![\d一二三四五六七八九十])([一二三四五六七八九])([二三四五六七八九十])\s*(?:个)?\s*[天日]"
        r"|(?<![\d.])(\d{1,2})\s*(?:-|–|~|～|到|至|或)\s*(\d{1,2})\s*(?:个)?\s*天"
    ):  # 四五天, 5到6天: two lengths; the writer picks (issue 16: ask, don't guess)
        a, b = int(number(m[1] or m[3]) or 0), int(number(m[2] or m[4]) or 0)
        if 0 < b - a <= 2:
            st.ambiguous.append(Ambiguity(m[0], (str(a), str(b))))
            return
        found.append((0, b, m[0]))
    # 请两天假: days of leave, not the trip's length
    for m in st.matches(  # 三天假 is the trip (元旦三天假); 请两天假 is leave (请/休 before it)
        rf"(?<![第前后每请休])(?<!最后)(?<!请了)(?<!休了)({NUM})\s*(?:个)?\s*(?:天|日游|日)"
        r"(?![0-9])(?!\s*(?:花|预算|消费|费用|开销))"
    ):
        found.append((0, int(number(m[1]) or 0), m[0]))
    for m in st.matches(  # 250 yuan a day: a daily budget, not a length
        rf"(?<!yuan )(?<!rmb )(?<!half )(?<![a-z])({EN_NUM})[\s-]*days?"
        rf"(?:\s+and\s+{EN_NUM}\s+nights?)?"
    ):
        found.append((0, int(number(m[1]) or 0), m[0]))
    for m in st.matches(rf"({NUM})\s*[晚夜](?!上)|(?<![a-z])({EN_NUM})[\s-]*nights?"):
        found.append((1, int(number(m[1] or m[2]) or 0) + 1, m[0]))
    for m in st.matches(rf"({NUM})\s*个晚上"):  # 待4个晚上
        found.append((1, int(number(m[1]) or 0) + 1, m[0]))
    for m in st.matches(r"(?<![a-z0-9.])(\d{1,2})\s*d(?![a-z])"):  # 4d
        found.append((0, int(m[1]), m[0]))
    for m in st.matches(rf"(?<![a-z0-9])(\d{{1,2}}|{NUM}\s*个?)\s*weeks?(?![a-z])"):
        found.append((1, 7 * int(number(m[1].rstrip("个 ")) or 0), m[0]))  # 1 week, 一个week
    weeks = {"半个月": 15, "两周": 14, "两个星期": 14, "一周": 7, "一个星期": 7, "一个礼拜": 7,
             "1周": 7, "2周": 14, "a week": 7, "one week": 7, "two weeks": 14, "2 weeks": 14,
             "a fortnight": 14, "fortnight": 14, "周末": 2, "weekend": 2}  # fmt: skip
    for m in st.matches(alternation(weeks)):
        found.append((1 if weeks[m[0]] > 2 else 2, weeks[m[0]], m[0]))
    if "_last_day" in st.fields and all(r == 2 for r, _, _ in found):
        found = []  # Fri to Sun, a long weekend: the dates say more than "weekend"
    if not found and "_last_day" in st.fields:
        days = (st.fields["_last_day"] - st.fields["start"]).days + 1
        st.note("days", days, f"{st.fields['start']} – {st.fields['_last_day']}")
    if not found:
        return
    best = min(r for r, _, _ in found)
    values = list(dict.fromkeys(d for r, d, _ in found if r == best))
    phrase = " / ".join(dict.fromkeys(p for r, _, p in found if r == best))
    if len(values) > 1:
        st.ambiguous.append(Ambiguity(phrase, tuple(map(str, values))))
    elif 1 <= values[0] <= 21:
        st.note("days", values[0], phrase)
    else:
        st.unknown.append(f"{phrase} (1–21)")


def read_times(st: State) -> None:
    for pattern in (
        TIME_COLON, TIME_EN, TIME_WORDS, TIME_ZH, r"(?<![a-z])(noon|midday)(?![a-z])",
    ):  # fmt: skip
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
            if role is None:  # in the afternoon, about 3pm: the sentence says what happens
                sa, sb = _sentence(st.low, m.start())
                role = _time_role(st.low[sa:sb], m.start() - sa)
            if role == "arrive" and _evening_before(st.low, m, pattern):
                hhmm = f"{int(hhmm[:2]) + 12:02d}{hhmm[2:]}"
            if role is None or f"{role}_time" in st.fields:
                st.unknown.append(m[0])
            else:
                st.note(f"{role}_time", hhmm, m[0])


def _sentence(low: str, pos: int) -> tuple[int, int]:
    """The sentence around ``pos`` (up to 。！？; or an English full stop before a space)."""
    ends = [m.end() for m in re.finditer(r"[。！？；;\n]|[.!?](?=\s)", low)]
    a = max([e for e in ends if e <= pos], default=0)
    return a, min([e for e in ends if e > pos], default=len(low))


def _evening_before(low: str, m: re.Match[str], pattern: str) -> bool:
    """周五晚上下班坐高铁过去，大概10点到: a bare hour (no 上午/晚上 of its own, 6 to 11)
    soon after an evening word, with no morning word between, is that evening's hour."""
    if pattern not in (TIME_ZH, TIME_COLON) or m[1] or (pattern == TIME_COLON and m[4]):
        return False
    h = int(number(m[2]) or 0)
    if not 6 <= h <= 11:
        return False
    before = low[max(0, m.start() - 16) : m.start()]
    day_parts = r"晚上|傍晚|夜里|下班|凌晨|早上|早晨|上午|中午|下午|第二天|次日"
    words = list(re.finditer(day_parts, before))
    return bool(words) and words[-1][0] in ("晚上", "傍晚", "夜里", "下班")


def _hhmm(m: re.Match[str], pattern: str) -> str | None:
    if pattern.startswith("(?<![a-z])(noon"):
        return "12:00"
    if pattern == TIME_WORDS:
        h = int(number(m[2]) or 0)
        mi = {"half past": 30, "quarter past": 15, "quarter to": -15}.get(m[1] or "", 0)
        if mi < 0:
            h, mi = h - 1, 45
        return _hhmm_of(h, mi, "p" if m[3] in ("afternoon", "evening") else "")
    if pattern == TIME_EN:
        h, mi, part = int(m[1]), int(m[2] or 0), m[3][0]
    elif pattern == TIME_COLON:
        h, mi, part = int(m[2]), int(m[3]), (m[4] or m[1] or "")[:2]
    else:
        h = int(number(m[2]) or 0)
        mi = 30 if m[3] == "半" else 15 if m[3] == "一刻" else int(number(m[4]) or 0) if m[4] else 0
        part = m[1] or ""
    return _hhmm_of(h, mi, part)


def _hhmm_of(h: int, mi: int, part: str) -> str | None:
    late = part in ("p", "pm", "p.", "下午", "傍晚", "晚上", "夜里") or (part == "中午" and h < 6)
    if late and h < 12:
        h += 12
    if part in ("a", "am", "a.") and h == 12:
        h = 0
    return f"{h:02d}:{mi:02d}" if 0 <= h < 24 and 0 <= mi < 60 else None


def _time_role(clause: str, at: int) -> str | None:
    """Arriving or leaving, for a time at ``at`` in ``clause``: the nearest such word before
    it (land at KWE at 8pm, 最后一天晚上8点), else the nearest after it (下午3点落地)."""
    before: tuple[int, str] | None = None
    after: tuple[int, str] | None = None
    for words, role in ((DEPART_WORDS, "depart"), (ARRIVE_WORDS, "arrive")):
        for w in words:
            for m in re.finditer(re.escape(w), clause):
                if m.start() < at and (before is None or at - m.start() < before[0]):
                    before = (at - m.start(), role)
                elif m.start() >= at and (after is None or m.start() - at < after[0]):
                    after = (m.start() - at, role)
    best = before or after
    if best is after and after is not None and after[1] == "depart":
        # 9点40的航班落地龙洞堡: "the flight" that lands is an arrival
        rest = clause[at + after[0] :]
        vehicle = re.match(r"(?:的)?(?:航班|飞机|高铁|火车|动车)\s*(\S{0,3})", rest)
        if vehicle and any(vehicle[1].startswith(w) for w in ("落地", "到", "抵达", "降落")):
            return "arrive"
    return best[1] if best else None
