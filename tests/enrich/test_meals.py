"""Meals: the cooking of the place, never spicier than asked, meat-free when asked (a main
dish and a side), a note for children, local dishes first, few repeats, times in the day."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from qianxing.data.atlas import Atlas
from qianxing.data.pack import PACKS_DIR, read_pack
from qianxing.data.schema import Dish
from qianxing.data.validate import check_pack
from qianxing.enrich.meals import _dish, areas, cuisines, pick, suits
from qianxing.model import SPICE_LEVEL, Itinerary, Request
from qianxing.plan import plan
from qianxing.render.export import export
from qianxing.render.view import trip_view


def test_suits_respects_spice_and_diet(atlas: Atlas) -> None:
    """A dish suits a request only when it is at most as spicy and, if asked, vegetarian."""
    for dish in atlas.pack.food:
        for spice, level in SPICE_LEVEL.items():
            assert suits(dish, spice, False) == (dish.spice <= level)
            assert suits(dish, spice, True) == (dish.spice <= level and dish.vegetarian)


def test_local_dishes_come_first(atlas: Atlas) -> None:
    """At a place with dishes of its own area, the first pick is one of those."""
    place = atlas.places.get("xijiang-miaozhai")
    assert place is not None
    here = areas(atlas, place)
    local = [d for d in atlas.pack.food if here & set(d.where) and suits(d, "hot", False)]
    assert local, "西江 has local dishes in the pack"
    chosen = pick(atlas, place, "hot", False, Counter())
    assert chosen and here & set(chosen[0].where)


def test_fresh_dishes_before_repeats(atlas: Atlas) -> None:
    """Meals in one place rotate through its dishes before serving one again."""
    place = atlas.places["guiyang"]
    used: Counter[str] = Counter()
    ok = [d for d in atlas.pack.food if suits(d, "hot", False)]
    seen: list[str] = []
    for _ in range(3):
        seen += [d.id for d in pick(atlas, place, "hot", False, used)]
    assert len(set(seen)) == min(len(seen), len(ok))


DONG_ONLY = {"congjiang-xiangzhu", "xianghe-nuomifan", "dong-youcha", "niubie"}


def _serve(atlas: Atlas, place_id: str, spice: str, vegetarian: bool, n: int = 12) -> list[Dish]:
    used: Counter[str] = Counter()
    place = atlas.places[place_id]
    return [d for _ in range(n) for d in pick(atlas, place, spice, vegetarian, used)]


def test_cooking_of_a_place(atlas: Atlas) -> None:
    """西江 and 岜沙 eat Miao, 肇兴 and 从江 Dong, 荔波 Buyi; 镇远 and 赤水 no ethnic cooking."""
    assert cuisines(atlas, atlas.places["xijiang-miaozhai"]) == {"miao"}
    assert cuisines(atlas, atlas.places["basha-miaozhai"]) == {"miao"}  # base 从江 is Dong
    assert cuisines(atlas, atlas.places["zhaoxing-dongzhai"]) == {"dong"}
    assert cuisines(atlas, atlas.places["congjiang"]) == {"dong"}
    assert cuisines(atlas, atlas.places["xiaoqikong-scenic"]) == {"buyi"}
    assert cuisines(atlas, atlas.places["zhenyuan-gucheng"]) == set()
    assert cuisines(atlas, atlas.places["chishui-dapubu"]) == set()  # 遵义: the city


def test_no_dong_dishes_in_xijiang_or_zhenyuan(atlas: Atlas) -> None:
    """A dozen meals in Miao 西江 or in 镇远 serve no 从江香猪, 香禾糯米饭 or other Dong dish."""
    for place in ("xijiang", "xijiang-miaozhai", "zhenyuan", "zhenyuan-gucheng"):
        for spice, veg in (("hot", False), ("none", True)):
            served = {d.id for d in _serve(atlas, place, spice, veg)}
            assert not served & DONG_ONLY, (place, served & DONG_ONLY)
    # … while 肇兴 serves them
    assert {d.id for d in _serve(atlas, "zhaoxing-dongzhai", "hot", False)} & DONG_ONLY


def test_a_place_serves_its_own_dishes_first(atlas: Atlas) -> None:
    """At 青岩 the first meals bring its trotters and rose candy; at 安顺 its flaky buns."""
    qingyan = {d.id for d in _serve(atlas, "qingyan", "hot", False, n=2)}
    assert {"qingyan-zhujiao", "qingyan-meiguitang"} <= qingyan
    assert "anshun-posubao" in {d.id for d in _serve(atlas, "anshun", "hot", False, n=3)}


def test_mild_traveller_gets_mild_full_meals(atlas: Atlas) -> None:
    """With --spice mild every dish is at most mild and every meal has a main dish and a side."""
    for place_id in ("guiyang", "xijiang", "zhaoxing-dongzhai", "libo", "anshun", "zhenyuan"):
        used: Counter[str] = Counter()
        for _ in range(6):
            dishes = pick(atlas, atlas.places[place_id], "mild", False, used)
            assert all(d.spice <= 1 for d in dishes)
            assert [d.course for d in dishes].count("main") == 1, (place_id, dishes)
            assert any(d.course != "main" for d in dishes)


def test_family_gets_niubie_only_with_a_note(atlas: Atlas) -> None:
    """Without children 牛瘪 is among 肇兴's first meals; with children it comes last, and then
    with its note for them."""
    place = atlas.places["zhaoxing-dongzhai"]
    used: Counter[str] = Counter()
    first = [d.id for _ in range(4) for d in pick(atlas, place, "hot", False, used)]
    assert "niubie" in first
    used = Counter()
    family = [d for _ in range(4) for d in pick(atlas, place, "hot", False, used, children=True)]
    assert all(d.children is None for d in family)
    niubie = next(d for d in atlas.pack.food if d.id == "niubie")
    req = Request(days=2, adults=2, children=2)
    note = _dish(niubie, req).children
    assert note and "孩子" in note
    assert _dish(niubie, Request(days=2)).children is None  # no children, no note


@pytest.fixture(scope="module")
def family_plan() -> Itinerary:
    """A vegetarian family of four who eat no chili, 4 days from 贵阳 in October, liking Miao
    villages."""
    req = Request(
        days=4,
        month=10,
        arrive="贵阳",
        depart="贵阳",
        like={"miao": 1},
        spice="none",
        vegetarian=True,
        adults=2,
        children=2,
    )
    return plan(req, explain=False)


def test_vegetarian_family_gets_full_meals(family_plan: Itinerary, atlas: Atlas) -> None:
    """Every meal of a vegetarian, no-chili family is a meat-free main dish with a side, never
    a lone snack, and any dish with a note for children carries it."""
    noted = {d.id for d in atlas.pack.food if d.children is not None}
    for day in family_plan.days:
        # leaving 贵阳 at 18:00, the last day has no dinner
        expected = ["午餐", "晚餐"] if day is not family_plan.days[-1] else ["午餐"]
        assert [m.meal for m in day.meals] == expected
        for m in day.meals:
            courses = [d.course for d in m.dishes]
            assert courses.count("main") == 1, (day.day, m)
            assert len(m.dishes) >= 2
            for d in m.dishes:
                assert d.vegetarian and d.spice == 0, d
                assert (d.children is not None) == (d.id in noted)


def test_meal_times(family_plan: Itinerary, six_day_plan: Itinerary) -> None:
    """Dinner is at the day's end and not before 18:00; lunch, where the timeline has it, is
    inside the lunch window of the pace."""
    lunches = 0
    for it in (family_plan, six_day_plan):
        for day in it.days[:-1]:  # the last day has no dinner (leaving 贵阳 at 18:00)
            lunch, dinner = day.meals
            assert dinner.time is not None
            assert dinner.time >= max(day.end.time, "18:00")
            if lunch.time is not None:
                lunches += 1
                start, end = lunch.time.split("–")
                assert "11:30" <= start <= "14:00" and start < end
    assert lunches >= 3


def test_meal_time_in_view(family_plan: Itinerary) -> None:
    """The view labels a meal with its time (晚餐 18:00)."""
    v = trip_view(family_plan)
    labels = [m.label() for d in v.days for m in d.meals]
    assert any(label.startswith("晚餐 1") for label in labels)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("  where: [dong]\n", "  where: [dong, qiandongnan]\n", "names a cooking and a whole"),
        ("  where: [dong]\n", "  where: [atlantis]\n", "unknown place 'atlantis'"),
        ("places: [libo,", "places: [nowhere, libo,", "cuisine buyi: unknown place 'nowhere'"),
    ],
)
def test_pack_rejects_a_dish_or_cooking_out_of_place(
    old: str, new: str, message: str, tmp_path: Path
) -> None:
    """`data check` rejects a Dong dish named for all of 黔东南 (it would reach 西江), a dish
    of an unknown place and a cooking of an unknown place."""
    root = tmp_path / "pack"
    shutil.copytree(PACKS_DIR / "guizhou", root)
    for name in ("food.yaml", "region.yaml"):
        text = (root / name).read_text(encoding="utf-8")
        (root / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    pack, problems = read_pack(root)
    assert pack is not None, problems
    assert any(message in p for p in check_pack(pack)), check_pack(pack)


def test_views_show_meal_time_place_to_find_and_children_note() -> None:
    """The Markdown and HTML exports show a meal's time, where to find a signature dish (青岩's
    trotters) and a dish's note for children."""
    req = Request(days=1, month=10, arrive="贵阳", depart="贵阳", adults=2, children=1)
    it = plan(  # a day trip to 青岩 that eats lunch there
        req.model_copy(update={"must": ["青岩"], "spice": "hot", "arrive_time": "10:00"}),
        explain=False,
    )
    assert it.days[0].meals[0].where == "青岩古镇"
    dishes = [d for day in it.days for m in day.meals for d in m.dishes]
    trotters = next(d for d in dishes if d.id == "qingyan-zhujiao")
    assert trotters.find
    first = it.days[0].meals[0]
    first.dishes[0].children = "一条给孩子的提示"
    md, _ = export(it, "md")
    html, _ = export(it, "html")
    assert f"🍜 午餐 {first.time}" in md and "一条给孩子的提示" in md
    assert f"<time>{first.time}</time>" in html and "一条给孩子的提示" in html
    assert trotters.find in html


def test_only_the_meals_the_trip_holds() -> None:
    """An arrival at 15:00 has no lunch on its first day, and a last day that leaves before
    dinner (贵阳 at 18:00) has none; a 21:00 train from 贵阳北 (due 20:15) leaves time for it."""
    early = plan(Request(days=2, month=10, arrive_time="15:00"), explain=False)
    assert [m.meal for m in early.days[0].meals] == ["晚餐"]
    assert [m.meal for m in early.days[-1].meals] == ["午餐"]
    late = plan(Request(days=2, month=10, depart="贵阳北站", depart_time="21:00"), explain=False)
    assert [m.meal for m in late.days[-1].meals] == ["午餐", "晚餐"]


def test_lunch_is_not_the_whole_of_a_short_museum_visit(atlas: Atlas) -> None:
    """With no lunch break on the timeline, lunch is inside a visit that spans the window only
    where the place has somewhere to eat (`pace.eats_on_site`): 10 days with parents ate at
    贵州省地质博物馆 12:38–13:38, its whole 1 h visit. It is now at the day's main visit, with
    no time claimed."""
    from types import SimpleNamespace
    from typing import Any, cast

    from qianxing.enrich.meals import lunch_of
    from qianxing.pace import eats_on_site

    visits = [
        SimpleNamespace(place="guizhou-museum", start="10:49", leave="12:19", minutes=90),
        SimpleNamespace(place="guizhou-geology-museum", start="12:38", leave="13:38", minutes=60),
    ]
    evening = SimpleNamespace(place="guiyang", time="18:00")
    day = cast(Any, SimpleNamespace(tips=[], visits=visits, end=evening))
    assert not eats_on_site(atlas.places["guizhou-geology-museum"])
    on_site = lambda p: eats_on_site(atlas.places[p])  # noqa: E731
    assert lunch_of(day, "relaxed", on_site) == ("guizhou-museum", None)
    park = [SimpleNamespace(place="qianlingshan", start="10:13", leave="12:38", minutes=145)]
    assert eats_on_site(atlas.places["qianlingshan"])
    assert lunch_of(
        cast(Any, SimpleNamespace(tips=[], visits=park, end=evening)), "relaxed", on_site
    ) == ("qianlingshan", "11:30–12:30")


def test_lunch_on_a_morning_transfer_is_where_the_bus_arrives(atlas: Atlas) -> None:
    """Six relaxed December days from 都匀 (`bench/plan.py`'s request 35) took the 09:30 bus to
    凯里 and stopped there at 11:02 with no lunch break on the timeline; lunch was shown at
    都匀, left two hours before. It is now in 凯里, from the window's start; a day still
    travelling at lunch's latest start keeps its lunch at the town it left. (That arrival day
    now visits 凯里's museum, as the road cap keeps room for a sight, so the day is written
    out here.)"""
    from types import SimpleNamespace
    from typing import Any, cast

    from qianxing.enrich.meals import lunch_of

    kaili = SimpleNamespace(place="kaili", time="11:02")
    day = cast(Any, SimpleNamespace(tips=[], visits=[], end=kaili))
    assert lunch_of(day, "relaxed") == ("kaili", "11:30–12:30")
    still_on_the_road = SimpleNamespace(place="kaili", time="15:40")
    late = cast(Any, SimpleNamespace(tips=[], visits=[], end=still_on_the_road))
    assert lunch_of(late, "relaxed") == (None, None)


def test_no_dinner_at_the_station_when_it_is_time_to_board(atlas: Atlas) -> None:
    """A 20:00 train from 贵阳北 (due at 19:15): a last day that reaches the station at 17:00
    has time for dinner there; one that reaches it at 19:00 has not."""
    from types import SimpleNamespace
    from typing import Any, cast

    from qianxing.enrich.meals import dinner_before_leaving

    def trip(reached: str) -> Any:
        end = SimpleNamespace(place="guiyangbei-stn", time=reached)
        req = SimpleNamespace(depart_time="20:00", pace="normal")
        return cast(Any, SimpleNamespace(days=[SimpleNamespace(end=end)], request=req))

    assert dinner_before_leaving(trip("17:00"), atlas)
    assert not dinner_before_leaving(trip("19:00"), atlas)
