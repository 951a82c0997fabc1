"""Interface words in both languages, shared by every renderer."""

from __future__ import annotations

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
}


def w(key: str, lang: str, **kw: object) -> str:
    return WORDS[key]["zh" if lang == "zh" else "en"].format(**kw)
