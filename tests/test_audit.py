"""`qianxing audit`: a route as blogs and agencies write it, read, timed as written and judged."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from qianxing.audit import audit, parse_route
from qianxing.check import check_itinerary
from qianxing.cli import app
from qianxing.data.atlas import Atlas
from qianxing.model import Request

runner = CliRunner()
BASE = Request(days=1, month=10)
ISSUE_ROUTE = """DAY 1:→贵阳(黔灵山公园)→住贵阳
DAY 2:→黄果树瀑布→住安顺
DAY 3:→荔波小七孔→西江千户苗寨→住苗寨
DAY 4:→西江千户苗寨→下司古镇→住江口县
DAY 5:→梵净山→住江口县
DAY 6:→青岩古镇→贵阳返程
"""
CITY_ROUTE = """第一天 贵阳 甲秀楼 住贵阳
第二天 青岩古镇 花溪公园 住贵阳
第三天 贵州省博物馆 贵阳返程
"""


def _days(atlas: Atlas, text: str) -> list[tuple[list[str], str | None]]:
    route = parse_route(text, atlas)
    return [([atlas.places[s].zh for s in d.sights], d.night) for d in route.days]


def test_agency_arrows_with_nights_in_brackets_and_county_names(atlas: Atlas) -> None:
    """The issue's route: towns, sights in brackets, 住苗寨 (the village of the day's sight),
    住江口县 (a county name), the morning in the village slept in, and 贵阳返程."""
    route = parse_route(ISSUE_ROUTE, atlas)
    assert (route.arrive, route.depart) == ("guiyang", "guiyang")
    assert _days(atlas, ISSUE_ROUTE) == [
        (["黔灵山公园"], "guiyang"),
        (["黄果树瀑布"], "anshun"),
        (["荔波小七孔景区", "西江千户苗寨"], "xijiang"),
        (["下司古镇"], "jiangkou"),
        (["梵净山"], "jiangkou"),
        (["青岩古镇"], None),
    ]
    assert route.unread == [] and route.unknown == []


def test_chinese_ordinal_days(atlas: Atlas) -> None:
    """ "第一天 …", "第二天 …": spaces between Chinese names split them; 贵阳返程 ends the trip."""
    route = parse_route(CITY_ROUTE, atlas)
    assert _days(atlas, CITY_ROUTE) == [
        (["甲秀楼"], "guiyang"),
        (["青岩古镇", "花溪公园"], "guiyang"),
        (["贵州省博物馆"], None),
    ]
    assert route.depart == "guiyang"


def test_d_numbers_and_a_town_named_for_its_sight(atlas: Atlas) -> None:
    """ "D1 贵阳 → 镇远 住镇远": the day's destination town is its own sight (镇远古城); 宿西江;
    "肇兴 → 从江 → 贵阳 送站" leaves from 贵阳."""
    text = (
        "D1 贵阳 → 镇远 住镇远\nD2 镇远 → 西江苗寨 宿西江\n"
        "D3 西江 → 肇兴 住肇兴\nD4 肇兴 → 从江 → 贵阳 送站\n"
    )
    route = parse_route(text, atlas)
    assert _days(atlas, text) == [
        (["镇远古城"], "zhenyuan"),
        (["西江千户苗寨"], "xijiang"),
        (["肇兴侗寨"], "zhaoxing"),
        ([], None),
    ]
    assert route.depart == "guiyang"


def test_english_day_lines_with_overnight(atlas: Atlas) -> None:
    """ "Day 1: Arrive Guiyang, Qianling Park, overnight Guiyang" in English names; a title
    line that is no day is listed as not read, never dropped; "fly home" needs no place."""
    text = (
        "Guizhou classic 3 days\n"
        "Day 1: Arrive Guiyang, Qianling Park, overnight Guiyang\n"
        "Day 2: Huangguoshu Waterfall, overnight Anshun\n"
        "Day 3: Anshun to Guiyang, Qingyan, fly home\n"
    )
    route = parse_route(text, atlas)
    assert _days(atlas, text) == [
        (["黔灵山公园"], "guiyang"),
        (["黄果树瀑布"], "anshun"),
        (["青岩古镇"], None),
    ]
    assert route.unread == ["Guizhou classic 3 days"]
    assert route.unknown == []


def test_unknown_place_gets_did_you_mean(atlas: Atlas) -> None:
    """A misspelt name (天河谭) is kept with suggestions, the rest of the day still read."""
    route = parse_route("第一天 贵阳 甲秀楼 天河谭 住贵阳\n第二天 青岩古镇 贵阳返程\n", atlas)
    assert [u.text for u in route.unknown] == ["天河谭"]
    assert route.unknown[0].suggestions[0] == "天河潭"
    assert [atlas.places[s].zh for s in route.days[0].sights] == ["甲秀楼"]


def test_cli_lists_unknown_places_and_unread_lines() -> None:
    """The CLI shows the suggestion and the line it could not read, then audits the rest."""
    text = "贵阳周边两日游\n第一天 贵阳 甲秀楼 天河谭 住贵阳\n第二天 青岩古镇 贵阳返程\n"
    result = runner.invoke(app, ["audit", "-", "--no-better", "--lang", "en"], input=text)
    assert result.exit_code == 0, result.output
    assert "Unknown place 天河谭: did you mean 天河潭" in result.output
    assert "Not understood: 贵阳周边两日游" in result.output
    assert "Verdict:" in result.output


def test_unreadable_text_exits_2_with_an_example() -> None:
    """Text with no day and no place: exit 2, every line listed, an example of the format."""
    text = "hello there\nthis is not a route\n"
    result = runner.invoke(app, ["audit", "-", "--lang", "en"], input=text)
    assert result.exit_code == 2
    assert "Not understood: hello there" in result.output
    assert "Not understood: this is not a route" in result.output
    assert "DAY 1:→贵阳(黔灵山公园)→住贵阳" in result.output


def test_unknown_places_only_exits_2_with_suggestions() -> None:
    """Days whose every place is unknown: nothing usable, exit 2, with did-you-mean."""
    result = runner.invoke(app, ["audit", "-", "--lang", "en"], input="DAY 1: 黄果数瀑布\n")
    assert result.exit_code == 2
    assert "did you mean" in result.output and "黄果树瀑布" in result.output


def test_missing_file_exits_2() -> None:
    """A route file that does not exist is an error a user can act on (exit 2)."""
    result = runner.invoke(app, ["audit", "/nonexistent/route.txt"])
    assert result.exit_code == 2
    assert "cannot read" in result.output


def test_route_that_fails_says_why(atlas: Atlas) -> None:
    """The issue's route does not work: on day 3 no bus is left from 小七孔 to 西江 (they are
    a province apart), named in the day's problems; other days say what they cost."""
    result = audit(parse_route(ISSUE_ROUTE, atlas), BASE, better=False)
    assert result.verdict == "broken"
    day3 = result.days[2]
    assert not day3.works
    kinds = {f.kind for f in day3.faults}
    assert "last-service" in kinds
    text = " ".join(f.text for f in day3.faults)
    assert "荔波小七孔景区" in text and "西江千户苗寨" in text
    report = result.as_json()
    assert all(isinstance(d["cost"], int) and d["cost"] > 0 for d in report["days"])


def test_route_that_works(atlas: Atlas) -> None:
    """Three days around Guiyang work as written: no problem on any day, verdict works, and
    the route timed as written passes the independent checker."""
    result = audit(parse_route(CITY_ROUTE, atlas), BASE, better=False)
    assert result.verdict == "works"
    assert all(d.works for d in result.days)
    assert check_itinerary(result.original) == []


def test_a_long_day_on_the_road_is_tight_not_broken(atlas: Atlas) -> None:
    """Guiyang to 西江 by way of 凯里 on the arrival day reaches the village after the pace's
    end: a soft problem (late), so the route is tight rather than broken."""
    text = (
        "D1 贵阳 → 凯里 → 西江千户苗寨 住西江\n"
        "D2 西江 → 凯里 → 镇远古城 住镇远\nD3 镇远 → 贵阳 返程\n"
    )
    result = audit(parse_route(text, atlas), BASE, better=False)
    assert result.verdict == "tight"
    assert "late" in {f.kind for f in result.days[0].faults}


def test_json_shape_without_better() -> None:
    """`--format json` prints the route as parsed, each day's works/problems/cost, the
    verdict; the table goes to stderr."""
    result = runner.invoke(app, ["audit", "-", "--no-better", "--format", "json"], input=CITY_ROUTE)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert set(doc) >= {"route", "days", "verdict", "better"}
    assert doc["route"]["days"][0]["sights"] == ["甲秀楼"]
    assert [d["day"] for d in doc["days"]] == [1, 2, 3]
    assert {"works", "problems", "cost"} <= set(doc["days"][0])
    assert doc["verdict"] == "works" and doc["better"] is None


@pytest.mark.slow
def test_better_plan_keeps_arrival_departure_length_and_explains(atlas: Atlas) -> None:
    """The better plan of the issue's route: same arrival, departure and length, passes the
    checker, keeps the route's signature sights it can, and every route sight it leaves out
    or moves is explained; the terminal shows both side by side, in English with --lang en."""
    result = audit(parse_route(ISSUE_ROUTE, atlas), BASE.model_copy(update={"lang": "en"}))
    better = result.better
    assert better is not None
    req = better.request
    assert (req.days, req.arrive, req.depart) == (6, "贵阳", "贵阳")
    assert check_itinerary(better) == []
    visited = {v.place for d in better.days for v in d.visits}
    assert set(result.kept_must) <= visited and result.kept_must
    for pid in set(result.route.sights) - visited:
        name = atlas.places[pid].name("en")
        assert any(name in line and "left out" in line for line in result.differences)


@pytest.mark.slow
def test_cli_side_by_side_in_chinese() -> None:
    """The default terminal report is in Chinese: per-day lines, the verdict, the table of the
    route beside the better plan."""
    result = runner.invoke(app, ["audit", "-"], input=CITY_ROUTE)
    assert result.exit_code == 0, result.output
    assert "结论：这条路线照写的可以走通" in result.output
    assert "原路线与更好的安排" in result.output


def test_markdown_days_with_clock_times(atlas: Atlas) -> None:
    """ "**Day 1** 08:30 Guiyang → 10:00 Jiaxiu Pavilion": bold day markers and clock times
    before the names are read past, nothing left unknown."""
    text = "**Day 1** 08:30 Guiyang → 10:00 Jiaxiu Pavilion, overnight Guiyang\n**Day 2** Qingyan\n"
    route = parse_route(text, atlas)
    assert _days(atlas, text) == [(["甲秀楼"], "guiyang"), (["青岩古镇"], None)]
    assert route.unknown == [] and route.unread == []
    assert (route.arrive, route.depart) == ("guiyang", "guiyang")


def test_a_long_text_of_unknown_words_is_read_quickly(atlas: Atlas) -> None:
    """Thousands of unknown words: all listed, only the first `MAX_SUGGESTED` get "did you
    mean" (each is a fuzzy search), so the answer does not take minutes."""
    from qianxing.audit.route import MAX_SUGGESTED

    route = parse_route("d1 xq\n" * 300, atlas)
    assert len(route.unknown) == 300
    assert sum(1 for u in route.unknown if u.suggestions) == MAX_SUGGESTED


def test_a_way_of_travelling_is_not_an_unknown_place(atlas: Atlas) -> None:
    """ "train to Guiyang", "bus to Kaili", 坐高铁: the vehicle is no place to suggest names for;
    "Xijiang Miao Village" (the English name people write) is 西江千户苗寨."""
    route = parse_route(
        "Day 1: Kaili, Xijiang Miao Village, overnight Xijiang\n"
        "Day 2: Xijiang, bus to Kaili, train to Guiyang\n",
        atlas,
    )
    assert [u.text for u in route.unknown] == []
    assert route.days[0].sights == ["xijiang-miaozhai"]


def test_a_night_far_from_the_next_start_too_little_time_and_what_to_know(atlas: Atlas) -> None:
    """The README's route sleeps in 西江 before a morning at 镇远 (a night far from the next
    start); the issue's route has too little time at a sight on day 3; every day of the JSON
    says what a first-timer should know there."""
    readme = (
        "D1 贵阳 → 凯里 → 西江千户苗寨 住西江\nD2 西江 → 凯里 → 镇远古城 住镇远\n"
        "D3 镇远 → 贵阳 返程\n"
    )
    result = audit(parse_route(readme, atlas), Request(days=1, month=10))
    assert "far-night" in {f.kind for f in result.days[0].faults}
    report = result.as_json()
    assert all(isinstance(d["know"], list) for d in report["days"])
    assert any(d["know"] for d in report["days"])
    issue = audit(parse_route(ISSUE_ROUTE, atlas), Request(days=1, month=10))
    assert "short" in {f.kind for f in issue.days[2].faults}


def test_an_advert_and_an_english_blog_read_their_sights(atlas: Atlas) -> None:
    """What an advert includes (含门票¥130, 结束愉快旅程) names no place, and "Bus to
    Huangguoshu Waterfall for the whole day" / "Dragon Palace in the morning" are the sights."""
    advert = parse_route(
        "D1 贵阳接机，游甲秀楼（含门票）入住贵阳\nD2 荔波小七孔景区（含门票¥130）入住荔波\n"
        "D3 荔波 → 贵阳 送机 结束愉快旅程\n",
        atlas,
    )
    assert advert.unknown == []
    blog = parse_route(
        "Day 1: Arrive in Guiyang, walk to Jiaxiu Pavilion, overnight in Guiyang.\n"
        "Day 2: Bus to Huangguoshu Waterfall for the whole day, overnight in Anshun.\n"
        "Day 3: Dragon Palace in the morning, then back to Guiyang and fly home.\n",
        atlas,
    )
    assert blog.unknown == []
    assert [d.sights for d in blog.days] == [["jiaxiulou"], ["huangguoshu-falls"], ["longgong"]]


def test_hours_on_the_road_and_a_sight_reached_after_its_last_entry(atlas: Atlas) -> None:
    """Anshun to 西江 by way of 凯里 is more hours on the road than a normal day allows; 龙宫
    after a day at 黄果树 is reached after its last entry."""
    blog = (
        "Day 1: Arrive Guiyang, Qianling Park, overnight Guiyang\n"
        "Day 2: Huangguoshu Waterfall, overnight Anshun\n"
        "Day 3: Anshun - Kaili - Xijiang, overnight Xijiang\n"
    )
    result = audit(parse_route(blog, atlas), Request(days=1, month=10))
    assert "road" in {f.kind for f in result.days[2].faults}
    result = audit(parse_route("D1 黄果树瀑布 龙宫 住安顺\n", atlas), Request(days=1, month=10))
    assert "after-entry" in {f.kind for f in result.days[0].faults}


def test_a_sight_closed_on_the_day_is_a_closed_problem(atlas: Atlas) -> None:
    """The city route from a Saturday reaches 贵州省博物馆 on a Monday, its closing day in the
    pack: day 3 does not work, with a "closed" problem naming it; from a Friday (day 3 a
    Sunday) the same day has no such problem."""
    museum = atlas.places["guizhou-museum"]
    assert 0 in museum.closed_weekdays  # Monday, as the pack says
    saturday, friday = dt.date(2027, 10, 2), dt.date(2027, 10, 1)
    result = audit(parse_route(CITY_ROUTE, atlas), Request(days=1, start=saturday), better=False)
    day3 = result.days[2]
    closed = [f for f in day3.faults if f.kind == "closed"]
    assert not day3.works and closed and "贵州省博物馆" in closed[0].text
    assert result.verdict == "broken"
    result = audit(parse_route(CITY_ROUTE, atlas), Request(days=1, start=friday), better=False)
    assert "closed" not in {f.kind for d in result.days for f in d.faults}


def test_a_drive_at_the_wheel_after_dark_is_named(atlas: Atlas) -> None:
    """A January self-drive day from 黄果树 on to 西江 reaches the village long after dark:
    the audit names the drive, its km and dusk, as the planner's rule would refuse it; with a
    hired driver (charter) the same day has no such fault."""
    text = "第一天：贵阳→黄果树瀑布→住西江\n第二天：西江→镇远古城→住镇远\n"
    route = parse_route(text, atlas)

    def faults(transport: str) -> list[str]:
        req = Request(days=1, month=1, arrive_time="08:00", pace="packed", transport=transport)
        day = audit(route, req, better=False).days[0]
        return [f.text for f in day.faults if f.kind == "after-dark"]

    (fault,) = faults("self-drive")
    assert "天黑" in fault and "公里" in fault and "西江千户苗寨" in fault
    assert faults("charter") == []
