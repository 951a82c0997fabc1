"""Interface words in both languages, shared by every renderer."""

from __future__ import annotations

from ..model import Step, Timetable

WORDS: dict[str, dict[str, str]] = {
    "day": {"zh": "第 {n} 天", "en": "Day {n}"},
    "visits": {"zh": "游览", "en": "Visits"},
    "sleep": {"zh": "住宿", "en": "Sleep"},
    "ticket": {"zh": "门票", "en": "Ticket"},
    "leg": {"zh": "交通", "en": "Travel"},
    "estimate": {"zh": "估算", "en": "estimate"},
    "check": {"zh": "出行前请核实", "en": "check before you go"},
    "dropped": {"zh": "未能安排", "en": "Left out"},
    "budget": {"zh": "预算（每人）", "en": "Budget (per person)"},
    "meals": {"zh": "餐饮", "en": "Meals"},
    "weather": {"zh": "天气与穿衣", "en": "Weather and clothing"},
    "tips": {"zh": "防坑提示", "en": "Watch out"},
    "reserve": {"zh": "需预约", "en": "Reservation"},
    "total": {"zh": "合计", "en": "Total"},
    "warnings": {"zh": "注意", "en": "Notes"},
    # added for the HTML, calendar and map exports
    "mode_walk": {"zh": "步行", "en": "walk"},
    "mode_taxi": {"zh": "打车/网约车", "en": "taxi / ride-hailing"},
    "mode_car": {"zh": "包车/自驾", "en": "chartered car / self-drive"},
    "mode_rail": {"zh": "火车/高铁", "en": "train"},
    "mode_bus": {"zh": "大巴", "en": "bus"},
    "mode_shuttle": {"zh": "景区直通车", "en": "scenic-area shuttle"},
    "mode_hired-car": {"zh": "包车（单程）", "en": "hired car (one leg)"},
    "overcharge": {"zh": "超过 ¥{x} 即偏贵", "en": "over ¥{x} is overcharging"},
    "free": {"zh": "免费", "en": "free"},
    "fees": {"zh": "其他费用", "en": "Extra fees"},
    "optional": {"zh": "可选", "en": "optional"},
    "required": {"zh": "必需", "en": "required"},
    "hours": {"zh": "开放时间", "en": "Hours"},
    "amap": {"zh": "高德地图", "en": "Amap"},
    "baidu": {"zh": "百度地图", "en": "Baidu Maps"},
    "start": {"zh": "出发", "en": "Start"},
    "finish": {"zh": "结束", "en": "End"},
    "minutes": {"zh": "{n} 分钟", "en": "{n} min"},
    "route": {"zh": "路线", "en": "Route"},
    "rain_days": {"zh": "月均降雨约 {n} 天", "en": "about {n} rainy days a month"},
    "rain_plan": {"zh": "雨天备选", "en": "If it rains"},
    "fix": {"zh": "建议", "en": "Try"},
    "item": {"zh": "项目", "en": "Item"},
    "amount": {"zh": "金额", "en": "Amount"},
    "party": {"zh": "{n} 人", "en": "{n} traveller(s)"},
    "month": {"zh": "{m} 月", "en": "month {m}"},
    "generated": {"zh": "生成于 {t}", "en": "Generated {t}"},
    "footer": {
        "zh": "价格、开放时间与预约规则会变化；标注“估算”或“出行前请核实”的信息请出发前再确认。",
        "en": "Prices, hours and booking rules change; confirm anything marked "
        "“estimate” or “check before you go” before you set off.",
    },
    "dates_assumed": {
        "zh": "未指定出发日期：日历从 {date}（今天之后最近的 {m} 月 1 日）排起，请按实际日期调整。",
        "en": "No travel dates given: the calendar starts on {date} (the next 1st of month {m} "
        "after today); move the events to your real dates.",
    },
    "per_person": {"zh": "每人", "en": "per person"},
    "budget_tickets": {"zh": "门票", "en": "Tickets"},
    "budget_fees": {"zh": "景区必需费用", "en": "Required site fees"},
    "budget_transport": {"zh": "交通", "en": "Transport"},
    "budget_lodging": {"zh": "住宿", "en": "Lodging"},
    "budget_food": {"zh": "餐饮", "en": "Food"},
    "budget_limit": {"zh": "你的预算", "en": "Your budget"},
    "advice": {"zh": "建议", "en": "Advice"},
    "source": {"zh": "来源", "en": "source"},
    "spice": {"zh": "辣度", "en": "spice"},
    "vegetarian": {"zh": "素", "en": "vegetarian"},
    "contents": {"zh": "目录", "en": "Contents"},
    "n_days": {"zh": "{n} 天", "en": "{n} days"},
    "pace_relaxed": {"zh": "轻松节奏", "en": "relaxed pace"},
    "pace_normal": {"zh": "适中节奏", "en": "normal pace"},
    "pace_packed": {"zh": "紧凑节奏", "en": "packed pace"},
    "transport_public": {"zh": "公共交通", "en": "public transport"},
    "transport_charter": {"zh": "包车", "en": "chartered car"},
    "transport_self-drive": {"zh": "自驾", "en": "self-drive"},
}


def w(key: str, lang: str, **kw: object) -> str:
    return WORDS[key]["zh" if lang == "zh" else "en"].format(**kw)


def budget_label(key: str, lang: str) -> str:
    """A budget line's label: a category, the total or the traveller's limit."""
    if key == "total":
        return w("total", lang)
    return w(f"budget_{key}", lang) if f"budget_{key}" in WORDS else key


def ride_line(step: Step, lang: str) -> str | None:
    """One timetabled ride as a traveller reads it off a board, with how sure we are of it:
    "G2858 贵阳北 13:05 → 安顺西 13:34 (2020 timetable, check 12306)". None for a step
    that is not a scheduled service (walk, taxi, car)."""
    service, table = step.service, step.timetable
    if service is None or table is None:
        return None
    zh = lang == "zh"
    number = service.id
    named = number and number != service.name and "--" not in number  # a train number
    head = f"{number} " if named else ""
    board = f"{step.from_stop} {step.depart}"
    ride = f"{head}{board} → {step.to_stop} {step.arrive}"
    return (
        f"{ride} ({_basis(step, table, zh)})" if not zh else f"{ride}（{_basis(step, table, zh)}）"
    )


def _basis(step: Step, table: Timetable, zh: bool) -> str:
    """What the departure time rests on, how old it is, and where to confirm it."""
    rail = step.mode == "rail"
    if zh:
        where = "出行前查 12306" if rail else "出行前向车站核实"
    else:
        where = "check 12306" if rail else "check at the bus station"
    every = table.frequency.every_minutes if table.frequency is not None else None
    if table.kind == "estimate":
        if zh:
            return f"班次为估算{f'，约每 {every} 分钟一班' if every else ''}，{where}"
        return f"estimated service{f', about every {every} min' if every else ''}; {where}"
    year = table.date[:4]
    if zh:
        age = "资料未注明年份" if table.undated else f"{year} 年资料"
        what = f"约每 {every} 分钟一班，{age}" if every else f"{age}的时刻"
        return f"{what}，{where}"
    age = "undated source" if table.undated else f"{year} source"
    what = f"about every {every} min ({age})" if every else f"{age} timetable"
    return f"{what}, {where}"


def yuan_range(low: float, high: float) -> str:
    """¥ and a range, or one figure when the range is a single price."""
    if round(low) == round(high):
        return f"¥{low:.0f}"
    return f"¥{low:.0f}–{high:.0f}"
