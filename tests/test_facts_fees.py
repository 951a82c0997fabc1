"""Fee names in the view's language: the pack names every fee in Chinese and in English."""

from __future__ import annotations

import re

from qianxing.data.atlas import Atlas
from qianxing.enrich.budget import optional_fees
from qianxing.message import Arg, Message
from qianxing.model import Itinerary, Request
from qianxing.render.ics import to_ics
from qianxing.render.view import trip_view
from qianxing.timeline import visit_of

HAN = re.compile(r"[\u4e00-\u9fff]")


def test_every_fee_has_a_name_in_each_language(atlas: Atlas) -> None:
    """Each fee's Chinese name has Chinese characters and its English name has none."""
    fees = [f for p in atlas.attractions for f in p.fees]
    assert len(fees) >= 30
    for f in fees:
        assert HAN.search(f.name.zh), f.name
        assert not HAN.search(f.name.en), f.name


def _at_huangguoshu(
    plan: Itinerary, atlas: Atlas, lang: str, place: str = "huangguoshu-falls"
) -> Itinerary:
    """The reference plan cut to one day at ``place`` (黄果树), made in ``lang``."""
    req = plan.request.model_copy(update={"lang": lang})
    day = plan.days[0].model_copy(deep=True)
    day.visits = [visit_of(atlas.places[place], 600, 600, 900, req, lang)]
    return plan.model_copy(update={"request": req, "days": [day]}, deep=True)


def test_fee_names_render_in_the_view_language(six_day_plan: Itinerary, atlas: Atlas) -> None:
    """黄果树's sightseeing bus reads 观光车 in a Chinese view and "sightseeing bus" in an
    English one, whichever language the plan was made in."""
    for made_in in ("zh", "en"):
        it = _at_huangguoshu(six_day_plan, atlas, made_in)
        for lang, want in (("zh", "观光车"), ("en", "sightseeing bus")):
            row = next(r for r in trip_view(it, lang).days[0].rows if r.kind == "visit")
            assert row.fees, "黄果树 has fees"
            names = [f.name for f in row.fees]
            assert any(want in n for n in names), (made_in, lang, names)
            if lang == "zh":
                assert not any(re.search("[a-z]{3}", n) for n in names), names
            else:
                assert not any(HAN.search(n) for n in names), names


def _worded(note: Arg, lang: str) -> str:
    """A budget note (a stored message) as the plan's view words it."""
    return note.text(lang) if isinstance(note, Message) else str(note)


def test_optional_fees_and_calendar_in_each_language(six_day_plan: Itinerary, atlas: Atlas) -> None:
    """The budget's optional extras (梵净山's cable car) and the calendar export (黄果树's bus)
    name fees in the plan's language."""
    fjs_zh, fjs_en = (
        _worded(
            optional_fees(_at_huangguoshu(six_day_plan, atlas, lang, "fanjingshan"), atlas), lang
        )
        for lang in ("zh", "en")
    )
    assert "索道" in fjs_zh and "cable car" not in fjs_zh
    assert "cable car" in fjs_en and "索道" not in fjs_en
    zh = _at_huangguoshu(six_day_plan, atlas, "zh")
    en = _at_huangguoshu(six_day_plan, atlas, "en")
    ics_zh, ics_en = (to_ics(x).replace("\r\n ", "") for x in (zh, en))
    assert "观光车" in ics_zh and "sightseeing bus" not in ics_zh
    assert "sightseeing bus" in ics_en


def test_plan_json_carries_both_names(atlas: Atlas) -> None:
    """A visit's fee carries its name in the plan's language and by language."""
    v = visit_of(atlas.places["huangguoshu-falls"], 600, 600, 900, Request(days=2), "zh")
    assert v.fees and all(f.name == f.names["zh"] and f.names["en"] for f in v.fees)
