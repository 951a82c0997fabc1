"""Meals: never spicier than asked, meat-free when asked, local dishes first, few repeats."""

from __future__ import annotations

from collections import Counter

from qianxing.data.atlas import Atlas
from qianxing.enrich.meals import areas, pick, suits
from qianxing.model import SPICE_LEVEL


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
