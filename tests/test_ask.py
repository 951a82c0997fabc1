"""`qianxing ask`: a request in words becomes the Request the flags would give, field by field."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from typer.testing import CliRunner

from qianxing.ask import parse
from qianxing.ask.lexicon import number
from qianxing.cli import app
from qianxing.model import Request

runner = CliRunner()
TODAY = dt.date(2026, 12, 1)
QUICK = "我10月去贵州玩6天，贵阳进出，喜欢瀑布和苗寨，不太能吃辣，预算3000"


def _req(text: str) -> Request:
    parsed = parse(text, today=TODAY)
    assert parsed.request is not None, (parsed.missing, parsed.ambiguous, parsed.unknown_places)
    return parsed.request


def test_quick_start_sentence_is_the_quick_start_request() -> None:
    """The README's sentence parses to `plan --days 6 --arrive 贵阳 --depart 贵阳 --month 10
    --like waterfall --like miao --spice mild --budget 3000`, with nothing left over."""
    parsed = parse(QUICK, today=TODAY)
    want = Request(
        days=6, arrive="贵阳", depart="贵阳", month=10, like={"waterfall": 1, "miao": 1},
        spice="mild", budget=3000,
    )  # fmt: skip
    assert parsed.request == want
    assert parsed.unknown == () and parsed.lang == "zh"


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("6天", "days", 6),
        ("五天四晚", "days", 5),
        ("3晚", "days", 4),
        ("3 nights", "days", 4),
        ("a week", "days", 7),
        ("两周", "days", 14),
        ("6 days, 10月中旬", "month", 10),
        ("6天，十月份", "month", 10),
        ("6 days next May", "month", 5),
        ("6天，国庆", "start", dt.date(2027, 10, 1)),
        ("6天，2027-04-03出发", "start", dt.date(2027, 4, 3)),
        ("6天，10月3日", "start", dt.date(2027, 10, 3)),
        ("6天，贵阳北站进出", "depart", "贵阳北站"),
        ("6天，飞到贵阳、从铜仁走", "depart", "铜仁"),
        ("6天，铜仁进贵阳出", "arrive", "铜仁"),
        ("5 days, land at Longdongbao at 2pm", "arrive", "贵阳龙洞堡国际机场"),
        ("5 days, land at Longdongbao at 2pm", "arrive_time", "14:00"),
        ("6天，最后一天晚上8点的飞机", "depart_time", "20:00"),
        ("6天，喜欢瀑布", "like", {"waterfall": 1}),
        ("6天，古镇和喀斯特", "like", {"ancient-town": 1, "karst": 1}),
        ("6 days, museums", "like", {"museum": 1}),
        ("6天，特别喜欢溶洞", "like", {"cave": 2}),
        ("6天，一定要去梵净山", "must", ["梵净山"]),
        ("6天，万峰林必须去", "must", ["万峰林"]),
        ("6天，不去天河潭", "avoid", ["天河潭"]),
        ("6 days, skip Tianhetan", "avoid", ["天河潭"]),
        ("6天，轻松点", "pace", "relaxed"),
        ("6天，不要太累", "pace", "relaxed"),
        ("6天，特种兵", "pace", "packed"),
        ("6天，带两个孩子", "children", 2),
        ("6天，和父母", "seniors", 2),
        ("6 days, two adults", "adults", 2),
        ("6天，一家三口", "adults", 2),
        ("6天，不想包车", "transport", "public"),
        ("6天，自驾", "transport", "self-drive"),
        ("6 days, we'll rent a car", "transport", "self-drive"),
        ("6天，偶尔包车", "transport", "public+car"),
        ("6天，不太能吃辣", "spice", "mild"),
        ("6天，不吃辣", "spice", "none"),
        ("6天，无辣不欢", "spice", "hot"),
        ("6 days, no spicy food", "spice", "none"),
        ("6天，吃素", "vegetarian", True),
        ("6天，预算3000", "budget", 3000),
        ("6天，人均3000", "budget", 3000),
        ("6天，两个人，预算一共1万", "budget", 5000),
        ("6 days, under 5000 yuan for two", "budget", 2500),
        ("6 days, under 5000 yuan for two", "adults", 2),
    ],
)
def test_phrasings(text: str, field: str, value: Any) -> None:
    """Several phrasings of each field, in Chinese and English, give the field's value."""
    assert getattr(_req(text), field) == value


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("俩人，4天", "adults", 2),
        ("俩老人加我，5天", "seniors", 2),
        ("五个人，老人1个，小孩2个，大人2个，7天", "children", 2),
        ("五个人，老人1个，小孩2个，大人2个，7天", "adults", 2),
        ("五个人，老人1个，小孩2个，大人2个，7天", "seniors", 1),
        ("春节去一周，带两个老人一个小孩", "seniors", 2),
        ("我跟我老公，7天", "adults", 2),
        ("退休了，和老伴两个人，两周", "seniors", 2),
        ("退休了，和老伴两个人，两周", "adults", 0),
        ("Three friends, 5 days", "adults", 3),
        ("4 days with a toddler and grandma", "children", 1),
        ("4 days with a toddler and grandma", "seniors", 1),
        ("四个人，人均两千五，5天", "budget", 2500),
        ("Three friends, 5 days, 3000 each", "budget", 3000),
    ],
)
def test_party_and_budget_as_people_write_them(text: str, field: str, value: Any) -> None:
    """俩, 老人1个, 跟我老公, 退休 + 老伴, "three friends", a toddler, 两千五, "3000 each"."""
    assert getattr(_req(text), field) == value


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("下周五出发，玩3天", "start", dt.date(2026, 12, 11)),
        ("这周六出发，玩3天", "start", dt.date(2026, 12, 5)),
        ("Next Friday for 3 days", "start", dt.date(2026, 12, 11)),
        ("Next Friday for 3 days", "month", 12),
        ("清明节去3天", "month", 4),
        ("5 days over the Qingming holiday", "month", 4),
        ("Fortnight in Guizhou", "days", 14),
        ("8月1号到贵阳，玩5天，8月5号晚上9点的飞机走", "start", dt.date(2027, 8, 1)),
        ("8月1号到8月5号，贵阳进出", "days", 5),
    ],
)
def test_dates_as_people_write_them(text: str, field: str, value: Any) -> None:
    """Weekdays of this or next week, 清明, "fortnight", and a first and a last date."""
    assert getattr(_req(text), field) == value


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("两人同行，5天，贵阳北站到", "arrive", "贵阳北站"),
        ("4 days, coming in at Kaili South station", "arrive", "凯里南站"),
        ("Xijiang and Zhaoxing in 4 days", "must", ["西江千户苗寨", "肇兴侗寨"]),
        ("9天，梵净山、镇远、西江都要去", "must", ["梵净山", "镇远古城", "西江千户苗寨"]),
        ("9天，梵净山、镇远、西江都要去", "arrive", "贵阳"),
        ("11 days, Tongren in, Guiyang out", "arrive", "铜仁"),
        ("11 days, Tongren in, Guiyang out", "depart", "贵阳"),
        ("9 days from Guiyang to Xingyi and back", "depart", "贵阳"),
        ("10 days, want to see Miao and Dong villages", "must", []),
        ("10 days, want to see Miao and Dong villages", "like", {"miao": 1, "dong": 1}),
    ],
)
def test_places_as_people_write_them(text: str, field: str, value: Any) -> None:
    """A station before 到, "coming in at", a town in a list of sights, "X in, Y out",
    "to X and back", and an interest word after "want to see" that is not a place."""
    assert getattr(_req(text), field) == value


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("十天，想看油菜花", "like", {"flowers": 1}),
        ("5 days, into red history", "like", {"red-tourism": 1}),
        ("4天，公共交通加打车", "transport", "public+car"),
        ("9天，不要包车", "transport", "public"),
        ("两周，不赶时间", "pace", "relaxed"),
        ("4 days, nothing too strenuous", "pace", "relaxed"),
        ("6 days, flying out of Tongren at noon", "depart_time", "12:00"),
    ],
)
def test_words_as_people_write_them(text: str, field: str, value: Any) -> None:
    """Lexicon lines added from the third held-out part's misses."""
    assert getattr(_req(text), field) == value


def test_a_vague_place_after_a_trigger_is_not_an_unknown_place() -> None:
    """ "不想去人多的地方" names no place: it is listed as not understood, the request stands."""
    parsed = parse("6天，不想去人多的地方", today=TODAY)
    assert parsed.request is not None and parsed.unknown_places == ()


def test_later_words_correct_a_holiday_and_a_word_of_a_named_place_is_no_unknown() -> None:
    """国庆 then 改成10月下旬 is late October (the middle of 21–31), not the 1st; 去看银杏 next
    to 妥乐古银杏 is fine."""
    req = _req("国庆人太多了，我们改成10月下旬去，5天")
    assert req.start == dt.date(2027, 10, 26) and req.month == 10
    req = _req("11月去看银杏，妥乐古银杏必去，3天")
    assert req.must == ["妥乐古银杏"]


def test_a_phrase_ending_in_spice_that_is_not_a_table_phrase_does_not_crash() -> None:
    """ "no spice" matched with its tail stripped ("no") is not a key: read the whole phrase."""
    assert _req("4 days, no spice for the little one").spice == "none"


def test_english_sentence() -> None:
    """An English request is read in full and answered in English."""
    req = _req(
        "Two adults, 6 days in October, fly into Guiyang and leave from Tongren, "
        "waterfalls and Miao villages, not too spicy, budget 4000 per person"
    )
    assert (req.lang, req.days, req.month, req.adults) == ("en", 6, 10, 2)
    airport = "贵阳龙洞堡国际机场"  # a flight into a town lands at its airport
    assert (req.arrive, req.depart, req.spice, req.budget) == (airport, "铜仁", "mild", 4000)
    assert req.like == {"waterfall": 1, "miao": 1}


@pytest.mark.parametrize(
    ("text", "left"), [("6天，喜欢看星星", "星星"), ("6 days, stargazing", "stargazing")]
)
def test_what_is_not_understood_is_listed(text: str, left: str) -> None:
    """Words that fit no field are listed, never dropped."""
    parsed = parse(text, today=TODAY)
    assert parsed.request is not None
    assert any(left in u for u in parsed.unknown)


def test_unknown_place_gets_a_suggestion() -> None:
    """A must-see that names no place gets "did you mean", and the command exits 2."""
    parsed = parse("6天，一定要去梵净三", today=TODAY)
    assert parsed.request is None
    assert "梵净山" in parsed.unknown_places[0].suggestions
    result = runner.invoke(app, ["ask", "6天，一定要去梵净三", "--format", "request"])
    assert result.exit_code == 2 and "梵净山" in result.output


@pytest.mark.parametrize(
    ("text", "options"),
    [("6天，5月或6月", ["5月", "6月"]), ("6天，想去旧州", ["旧州古镇", "黄平旧州古镇"]),
     ("5天或6天", ["5", "6"])],
)  # fmt: skip
def test_ambiguity_exits_2_with_the_options(text: str, options: list[str]) -> None:
    """A phrase with two readings is not guessed: exit 2 naming each option."""
    result = runner.invoke(app, ["ask", text])
    assert result.exit_code == 2, result.output
    assert all(o in result.output for o in options)


def test_missing_length_exits_2_with_an_example() -> None:
    """Text with no trip length says what is missing and gives an example."""
    result = runner.invoke(app, ["ask", "I want to go somewhere nice"])
    assert result.exit_code == 2
    assert "how many days" in result.output and "qianxing ask" in result.output
    assert "somewhere nice" in result.output


def test_format_request_is_a_valid_request() -> None:
    """`--format request` prints JSON that Request.model_validate_json accepts."""
    result = runner.invoke(app, ["ask", QUICK, "--format", "request"])
    assert result.exit_code == 0, result.output
    line = result.stdout.strip().splitlines()[-1]
    req = Request.model_validate_json(line)
    assert req.days == 6 and json.loads(line)["like"] == {"waterfall": 1.0, "miao": 1.0}


def test_same_text_same_request() -> None:
    """Parsing is deterministic."""
    assert parse(QUICK, today=TODAY) == parse(QUICK, today=TODAY)


def test_numbers() -> None:
    """Chinese and English numbers, with 千/万/k."""
    assert [number(x) for x in ("十二", "两万", "五千五", "1.5万", "3k", "three", "x")] == [
        12, 20000, 5500, 15000, 3000, 3, None,
    ]  # fmt: skip


def test_cli_prints_what_it_understood_before_the_plan() -> None:
    """The table of understood fields comes first, then the plan as `plan` prints it."""
    result = runner.invoke(app, ["ask", "2天，4月，贵阳进出，喜欢博物馆"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "我理解的需求" in out and "第 1 天" in out
    assert out.index("我理解的需求") < out.index("第 1 天")
    assert out.index("博物馆") < out.index("第 1 天")


def test_cli_english_table() -> None:
    """An English text gets an English table (here with a Markdown plan after it)."""
    result = runner.invoke(app, ["ask", "2 days in April, museums", "--format", "md"])
    assert result.exit_code == 0, result.output
    assert "What I understood" in result.output and "\n## " in result.output


def test_cli_json_stdout_stays_a_document() -> None:
    """With `--format json` the table goes to stderr: stdout is the itinerary alone."""
    result = runner.invoke(app, ["ask", "2天，4月，喜欢博物馆", "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert len(doc["days"]) == 2 and doc["request"]["like"] == {"museum": 1.0}
    assert "我理解的需求" in result.stderr
