"""The words `qianxing ask` knows: numbers in Chinese and English, and the phrase tables.

Every rule of the parser is a line here that can be read and changed: a phrase (matched
case-insensitively, longest first) and what it means. Interest tags also match the pack's own
tag names (``tags:`` in the region's ``region.yaml``, zh and en), so a new tag needs no line.
"""

from __future__ import annotations

import re

ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6}
ZH_DIGITS |= {"七": 7, "八": 8, "九": 9, "俩": 2, "仨": 3}
ZH_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
EN_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "twenty": 20, "couple of": 2, "a couple of": 2,
}  # fmt: skip

NUM = r"(?:\d+(?:\.\d+)?|[零〇一二两俩仨三四五六七八九十百千万]+)"
"""A number in digits or Chinese numerals (the regex fragment every rule uses)."""
EN_NUM = r"(?:\d+|" + "|".join(sorted(EN_NUMBERS, key=len, reverse=True)) + r")"


def number(text: str) -> float | None:
    """``"6"`` -> 6, ``"十二"`` -> 12, ``"五千五"`` -> 5500, ``"两万"`` -> 20000, ``"1.5万"``
    -> 15000, ``"three"`` -> 3; None if ``text`` is not a number."""
    s = text.strip().lower()
    if s in EN_NUMBERS:
        return float(EN_NUMBERS[s])
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([千万kw]?)", s)
    if m:
        scale = {"": 1, "千": 1000, "k": 1000, "万": 10000, "w": 10000}[m.group(2)]
        return float(m.group(1)) * scale
    if not s or any(ch not in ZH_DIGITS and ch not in ZH_UNITS for ch in s):
        return None
    total, section, digit, last_unit = 0, 0, None, 1
    for ch in s:
        if ch in ZH_DIGITS:
            digit = ZH_DIGITS[ch]
        elif ch == "万":
            total += (section + (digit or 0)) * 10000
            section, digit, last_unit = 0, None, 10000
        else:
            unit = ZH_UNITS[ch]
            section += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
    if digit is not None:  # 五千五 = 5500: a trailing digit counts in the next unit down
        section += digit * (last_unit // 10 if last_unit >= 100 and "零" not in s else 1)
    return float(total + section)


# Interests: phrase -> tag (besides the pack's own tag names). Longest phrase wins.
INTERESTS: dict[str, str] = {
    "瀑布": "waterfall", "瀑": "waterfall", "waterfall": "waterfall", "falls": "waterfall",
    "溶洞": "cave", "洞穴": "cave", "山洞": "cave", "cave": "cave", "caves": "cave",
    "喀斯特地貌": "karst", "喀斯特": "karst", "峰林": "karst", "karst": "karst",
    "苗寨": "miao", "苗族": "miao", "苗族文化": "miao", "miao": "miao",
    "miao villages": "miao", "miao village": "miao", "miao culture": "miao",
    "侗寨": "dong", "侗族": "dong", "鼓楼": "dong", "dong villages": "dong", "dong culture": "dong",
    "布依族": "buyi", "布依": "buyi", "buyi": "buyi", "bouyei": "buyi",
    "少数民族村寨": "ethnic-village", "民族村寨": "ethnic-village", "少数民族": "ethnic-village",
    "村寨": "ethnic-village", "寨子": "ethnic-village", "ethnic villages": "ethnic-village",
    "minority villages": "ethnic-village", "ethnic minorities": "ethnic-village",
    "ethnic minority": "ethnic-village", "ethnic culture": "ethnic-village",
    "古镇": "ancient-town", "古城": "ancient-town", "老街": "ancient-town",
    "old towns": "ancient-town", "old town": "ancient-town", "ancient towns": "ancient-town",
    "爬山": "mountain", "看山": "mountain", "名山": "mountain", "登山": "mountain",
    "山岳": "mountain", "mountains": "mountain",
    "博物馆": "museum", "museums": "museum", "museum": "museum",
    "公园": "park", "parks": "park",
    "美食": "food", "小吃": "food", "吃吃喝喝": "food", "food": "food", "local food": "food",
    "夜景": "night-view", "night views": "night-view", "night view": "night-view",
    "徒步": "hiking", "hiking": "hiking", "hikes": "hiking", "trekking": "hiking",
    "hikers": "hiking", "hiker": "hiking",
    "拍照": "photography", "照片": "photography", "摄影": "photography", "出片": "photography",
    "photography": "photography", "photos": "photography",
    "湖泊": "lake", "湖": "lake", "lakes": "lake", "河流": "river", "漂流": "river",
    "rivers": "river", "rafting": "river", "峡谷": "canyon", "canyons": "canyon",
    "gorges": "canyon", "梯田": "terraces", "rice terraces": "terraces", "terraces": "terraces",
    "花海": "flowers", "赏花": "flowers", "flowers": "flowers",
    "森林": "forest", "forests": "forest", "forest": "forest", "寺庙": "temple",
    "temples": "temple", "历史": "history", "history": "history", "红色旅游": "red-tourism",
    "红色": "red-tourism", "red tourism": "red-tourism", "草原": "grassland",
    "grasslands": "grassland", "温泉": "hot-spring", "泡温泉": "hot-spring",
    "hot springs": "hot-spring", "油菜花": "flowers", "杜鹃花": "flowers",
    "樱花": "flowers", "red history": "red-tourism",
    "红色景点": "red-tourism", "亲子游": "kids", "亲子": "kids", "遛娃": "kids",
    "family-friendly": "kids", "kid-friendly": "kids", "适合孩子": "kids", "适合小孩": "kids",
    "适合儿童": "kids", "孩子喜欢": "kids", "小孩喜欢": "kids", "for the kids": "kids",
    "for kids": "kids", "the kid will enjoy": "kids", "the kids will enjoy": "kids",
    "kids will enjoy": "kids", "kids will love": "kids", "the kid will love": "kids",
    "the kids will love": "kids", "park": "park", "拜佛": "temple", "烧香": "temple",
}  # fmt: skip

STRONG = (
    "特别喜欢",
    "最喜欢",
    "非常喜欢",
    "尤其喜欢",
    "超级喜欢",
    "尤其是",
    "especially",
    "really love",
)
"""Words right before an interest that give it weight 2."""
NEGATION = ("不喜欢", "不爱", "不想看", "没兴趣", "不感兴趣", "不要", "不去", "skip", "not into",
            "don't like", "no ")  # fmt: skip
"""Words right before an interest that make it a dislike (there is no such field: not placed)."""

PACE: dict[str, str] = {
    "轻松": "relaxed", "悠闲": "relaxed", "慢慢玩": "relaxed", "慢一点": "relaxed",
    "慢点": "relaxed", "慢节奏": "relaxed",
    "休闲": "relaxed", "不要太累": "relaxed", "不想太累": "relaxed", "不想太赶": "relaxed",
    "不要太赶": "relaxed", "别太赶": "relaxed", "别太累": "relaxed", "不赶": "relaxed",
    "佛系": "relaxed", "慢游": "relaxed", "relaxed": "relaxed", "relaxing": "relaxed",
    "leisurely": "relaxed", "slow pace": "relaxed", "slow": "relaxed", "easy pace": "relaxed",
    "take it easy": "relaxed", "not too rushed": "relaxed", "not rushed": "relaxed",
    "不赶时间": "relaxed", "nothing too strenuous": "relaxed", "not too strenuous": "relaxed",
    "nothing strenuous": "relaxed", "take it slow": "relaxed", "taking it slow": "relaxed",
    "腿脚不好": "relaxed", "走不了太多路": "relaxed", "不想走太多路": "relaxed",
    "不要走太多路": "relaxed", "不能走太多路": "relaxed",
    "keep it easy": "relaxed", "not too much walking": "relaxed", "can't walk far": "relaxed",
    "特种兵": "packed", "紧凑": "packed", "暴走": "packed", "多去几个": "packed",
    "越多越好": "packed", "赶一点": "packed", "packed": "packed", "fast-paced": "packed",
    "fast paced": "packed", "as much as possible": "packed", "intense": "packed",
    "see as much": "packed", "不要安排得太赶": "relaxed", "不想安排得太赶": "relaxed",
    "别安排得太赶": "relaxed", "比较懒": "relaxed", "很懒": "relaxed", "懒人": "relaxed",
    "minimal walking": "relaxed", "minimal stairs": "relaxed", "uses a cane": "relaxed",
    "limited mobility": "relaxed", "fast pace": "packed", "a fast pace": "packed",
    "正常节奏": "normal", "节奏适中": "normal", "适中": "normal",
    "normal pace": "normal", "moderate pace": "normal",
}  # fmt: skip

TRANSPORT: dict[str, str] = {
    "不想包车": "public", "不包车": "public", "不要包车": "public", "不用包车": "public",
    "不需要包车": "public", "buses and trains": "public", "take buses": "public",
    "公共交通加打车": "public+car", "公交加打车": "public+car", "高铁加打车": "public+car",
    "不租车": "public", "不开车": "public",
    "不自驾": "public", "no charter": "public", "no charter cars": "public",
    "no hired cars": "public", "rather not hire a driver": "public",
    "car with a driver": "charter", "包个车": "public+car", "renting a car": "self-drive",
    "rent a car": "self-drive", "公共交通": "public", "坐高铁": "public", "高铁": "public",
    "公交": "public", "坐火车": "public", "坐大巴": "public", "坐班车": "public",
    "public transport only": "public", "public transport": "public",
    "public transportation": "public", "by train": "public", "by bus": "public",
    "trains and buses": "public", "no car": "public", "without a car": "public",
    "偶尔包车": "public+car", "可以包车": "public+car", "必要时包车": "public+car",
    "部分包车": "public+car", "部分路段包车": "public+car", "偶尔打车包车": "public+car",
    "a car now and then": "public+car",
    "occasionally hire a car": "public+car", "a car for one leg": "public+car",
    "包车": "charter", "请司机": "charter", "带司机": "charter", "private driver": "charter",
    "hire a driver": "charter", "car with driver": "charter", "charter": "charter",
    "自驾": "self-drive", "开车": "self-drive", "租车": "self-drive", "自己开车": "self-drive",
    "self-drive": "self-drive", "self drive": "self-drive",
    "hire a car": "self-drive", "drive ourselves": "self-drive", "drive myself": "self-drive",
    "road trip": "self-drive", "driving": "self-drive",
}  # fmt: skip

SPICE: dict[str, str] = {
    "无辣不欢": "hot", "特别能吃辣": "hot", "很能吃辣": "hot", "重辣": "hot", "超辣": "hot",
    "嗜辣": "hot", "超级能吃辣": "hot", "非常能吃辣": "hot", "超能吃辣": "hot",
    "越辣越好": "hot", "特辣": "hot", "love spicy": "hot",
    "hot food is fine": "hot", "spicy is fine": "hot", "spicy food is fine": "hot",
    "the spicier the better": "hot", "can eat very spicy": "hot", "like it hot": "hot",
    "不吃辣": "none", "不能吃辣": "none", "一点辣都不": "none", "完全不吃辣": "none",
    "不要辣": "none", "不辣": "none", "吃不了辣": "none", "吃不得辣": "none", "no spicy": "none",
    "no spice": "none", "can't eat spicy": "none", "cannot eat spicy": "none",
    "don't eat spicy": "none", "do not eat spicy": "none", "doesn't eat spicy": "none",
    "can't handle spicy": "none", "cannot handle spicy": "none", "no chili": "none",
    "no chilli": "none", "nothing spicy": "none", "nothing too spicy": "mild",
    "不太能吃辣": "mild", "不怎么能吃辣": "mild", "不吃太辣": "mild", "a bit of spice": "mild",
    "不太吃辣": "mild", "不怎么吃辣": "mild", "少辣": "mild", "微辣": "mild",
    "怕辣": "mild", "吃不了太辣": "mild", "不能吃太辣": "mild", "不要太辣": "mild",
    "别太辣": "mild", "不太辣": "mild", "not spicy": "mild", "not too spicy": "mild",
    "not very spicy": "mild", "mildly spicy": "mild", "mild": "mild", "a little spicy": "mild",
    "能吃辣": "medium", "中辣": "medium", "可以吃辣": "medium", "吃辣没问题": "medium",
    "medium spicy": "medium", "medium spice": "medium", "some spice": "medium",
}  # fmt: skip

VEGETARIAN = ("吃素", "素食", "不吃肉", "全素", "吃斋", "vegetarian", "vegan", "veggie",
              "don't eat meat", "do not eat meat", "no meat", "meat-free")  # fmt: skip

RELAXED_RE = r"(?:不要|别|不想|不用|不必)\s*(?:安排)?得?\s*(?:太|那么|特别)\s*(?:累|赶|紧|满|辛苦)"
"""别安排太累, 不想安排得那么赶: a wish not to be tired or hurried, however worded: relaxed."""

FILLER_ZH = (
    "我们", "我", "想要", "想", "要", "打算", "计划", "准备", "贵州省", "贵州", "旅游", "旅行",
    "游玩", "玩", "去", "的", "了", "和", "跟", "与", "及", "还有", "也", "都", "一起", "一下",
    "出发", "左右", "大概", "请", "帮我", "安排", "行程", "第一次", "模式", "一点", "点", "吧",
    "呢", "啊", "在", "待", "一共", "共", "个", "想看", "看看", "看", "感兴趣", "喜欢", "爱",
    "希望", "可以", "就", "趟", "深度游", "自由行", "假期", "月份", "份", "天", "游", "人",
    "一定", "必须", "必去", "最好", "口味", "吃", "饭菜", "只", "坐", "到", "从", "进", "出",
    "走", "飞", "带", "文化", "最后一天", "第一天", "当天", "飞机", "航班", "火车", "落地",
    "抵达", "到达", "离开", "返程", "回程", "回", "特别", "非常", "尤其", "最", "地貌", "风景",
    "景点", "自然", "又", "很", "还", "是", "有",
)  # fmt: skip
"""Chinese words that carry no request of their own (the rest of a sentence is reported)."""

_FILLER_EN_WORDS = (
    "a about after already long airport also an and are around arrival arrive arriving as at "
    "avoid back be "
    "before both budget by can cny could day days depart departing departure each eat fan "
    "fine first fly flying food for from go going guizhou have here home i i'm im in "
    "interested into is it itinerary just land landing later leave leaving like lot lots love "
    "many max maximum me mostly must my night nights of ok okay on only our out pace people "
    "per person persons plan planning please possible prefer railway really rmb see seeing "
    "skip some spend start station stay staying that the then there this time to total travel "
    "traveling traveller travellers travelling trip under up us very visit visiting want "
    "wants we we'd we're we've i've week weeks will with would yuan "
)
FILLER_EN = frozenset(_FILLER_EN_WORDS.split())
"""English words that carry no request of their own."""
