"""The full itinerary: every field filled, taste respected, edits honoured, budget advice."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from qianxing.check import check_itinerary
from qianxing.cli import app
from qianxing.data.atlas import load_atlas
from qianxing.exceptions import ImpossibleRequestError
from qianxing.message import texts
from qianxing.model import Itinerary, Request
from qianxing.plan import plan
from qianxing.replan import Edits, replan

SEED = {
    "days": 6,
    "month": 10,
    "arrive": "贵阳",
    "depart": "贵阳",
    "like": {"waterfall": 2.0, "miao": 2.0},
    "spice": "mild",
    "budget": 3000.0,
}


@pytest.fixture(scope="module", params=["zh", "en"])
def seed_trip(request: pytest.FixtureRequest) -> Itinerary:
    """The seed user's request, in both languages."""
    return plan(Request(**SEED, lang=request.param))


def test_seed_trip_fills_every_field(seed_trip: Itinerary) -> None:
    """Visits, legs, meals, lodging, weather, tips, budget and warnings are all present."""
    assert check_itinerary(seed_trip) == []
    days = seed_trip.days
    assert len(days) == 6
    assert all(d.legs and d.meals and d.weather is not None for d in days)
    assert all(d.lodging is not None and d.lodging.price is not None for d in days[:-1])
    assert any(d.tips for d in days)
    visits = [v for d in days for v in d.visits]
    assert visits and all(v.ticket is not None and v.hours for v in visits)
    legs = [leg for d in days for leg in d.legs if leg.mode != "walk"]
    assert all(leg.fare is not None and leg.fare.high >= leg.fare.low for leg in legs)
    assert any(leg.fare and leg.fare.overcharge_above for leg in legs)
    b = seed_trip.budget
    assert b is not None
    assert b.total == sum(amount for _, amount in b.parts())
    assert [k for k, _ in b.parts()] == ["tickets", "fees", "transport", "lodging", "food"]
    assert b.limit == 3000 and b.advice
    assert seed_trip.warnings  # October: Golden Week warning


def test_seed_trip_has_the_highlights(seed_trip: Itinerary) -> None:
    """Waterfall and Miao lovers get 黄果树 and 西江 in six days."""
    places = {v.place for d in seed_trip.days for v in d.visits}
    assert "huangguoshu-falls" in places and "xijiang-miaozhai" in places


def test_no_wait_outside_an_open_place(seed_trip: Itinerary) -> None:
    """A visit begins when the traveller gets there, unless the place is not open yet: a
    train faster than the solver's typical time once left 郎德上寨's visitors waiting from
    14:21 to 16:58 outside an open village."""
    for day in seed_trip.days:
        for v in day.visits:
            if v.start > v.arrive:
                opens = {p.split("-")[0].strip() for p in re.split(r"[,;，、 ]+", v.hours or "")}
                assert v.start in opens, (day.day, v.name, v.arrive, v.start, v.hours)


def test_no_early_start_to_wait_at_a_gate(seed_trip: Itinerary) -> None:
    """A day whose first sight opens later than a taxi would get there leaves the hotel later
    (the quick start left at 08:00 to stand at 甲秀楼 from 08:05 until it opened at 09:00)."""
    for day in seed_trip.days[1:]:
        if day.visits and day.legs and not any(s.service for s in day.legs[0].steps):
            first = day.visits[0]
            assert first.arrive == first.start, (day.day, first.name, first.arrive, first.start)
            assert day.start.time == day.legs[0].depart, day.day


def test_mild_spice_never_hot(seed_trip: Itinerary) -> None:
    """A mild-spice request is never offered a dish above spice level 1."""
    dishes = [x for d in seed_trip.days for m in d.meals for x in m.dishes]
    assert dishes and all(x.spice <= 1 for x in dishes)


def test_vegetarian_gets_vegetarian_dishes() -> None:
    """A vegetarian request only gets vegetarian-friendly dishes."""
    it = plan(Request(days=3, month=4, vegetarian=True, spice="none"))
    dishes = [x for d in it.days for m in d.meals for x in m.dishes]
    assert dishes and all(x.vegetarian and x.spice == 0 for x in dishes)


def test_unmeetable_budget_gives_advice() -> None:
    """A budget far too small yields concrete advice, not an error."""
    it = plan(Request(days=4, month=5, budget=100, transport="charter"))
    assert it.budget is not None and it.budget.advice is not None
    advice = texts(it.budget.advice, "zh")
    assert len(advice) >= 2 and "¥" in advice[0]


def test_json_matches_published_schema(seed_trip: Itinerary) -> None:
    """`--format json` output validates against `qianxing schema itinerary`."""
    schema = json.loads(CliRunner().invoke(app, ["schema", "itinerary"]).output)
    jsonschema.validate(json.loads(seed_trip.model_dump_json(by_alias=True)), schema)


def test_dropped_places_have_reasons() -> None:
    """A short trip leaves must-sees out, each with a binding reason and a fix."""
    it = plan(Request(days=2, month=10, like={"waterfall": 2.0}))
    assert it.dropped
    assert all(d.reason and d.fix for d in it.dropped)


def test_replan_keeps_locked_days(seed_trip: Itinerary) -> None:
    """Locked days are unchanged after a replan that removes a place elsewhere."""
    later = [v.place for d in seed_trip.days[2:] for v in d.visits]
    new, changes = replan(seed_trip, Edits(lock_days=(1, 2), remove=(later[0],)))
    assert new.days[0].model_dump(exclude={"locked"}) == seed_trip.days[0].model_dump(
        exclude={"locked"}
    )
    assert new.days[1].visits == seed_trip.days[1].visits
    assert later[0] not in {v.place for d in new.days for v in d.visits}
    assert changes and check_itinerary(new) == []


def test_replan_move_and_add() -> None:
    """A moved place lands on the asked day, and an added one appears."""
    it = plan(Request(days=5, month=5))
    new, _ = replan(it, Edits(add=("青岩",), move=(("黄果树", 3),)))
    on_day3 = {v.place for v in new.days[2].visits}
    assert "huangguoshu-falls" in on_day3
    assert "qingyan" in {v.place for d in new.days for v in d.visits}


def test_replan_cli_round_trip(tmp_path: Path) -> None:
    """`qianxing replan` reads a saved plan, edits it and prints a plan that passes check."""
    runner = CliRunner()
    trip = tmp_path / "trip.json"
    out = runner.invoke(app, ["plan", "--days", "3", "--month", "6", "--format", "json"]).output
    trip.write_text(out, encoding="utf-8")
    result = runner.invoke(app, ["replan", str(trip), "--lock-day", "1", "--format", "json"])
    assert result.exit_code == 0, result.output
    new = tmp_path / "new.json"
    new.write_text(result.output, encoding="utf-8")
    assert runner.invoke(app, ["check", str(new)]).exit_code == 0


def test_replan_bad_day_exits_2(tmp_path: Path) -> None:
    """Locking a day the trip does not have exits 2 with a reason."""
    runner = CliRunner()
    trip = tmp_path / "trip.json"
    trip.write_text(
        runner.invoke(app, ["plan", "--days", "2", "--month", "6", "--format", "json"]).output,
        encoding="utf-8",
    )
    result = runner.invoke(app, ["replan", str(trip), "--lock-day", "9"])
    assert result.exit_code == 2 and "day 9" in result.output


def test_estimates_are_labelled() -> None:
    """Facts that are estimates in the pack come out labelled as estimates."""
    atlas = load_atlas()
    est = next(p for p in atlas.attractions if p.facts["ticket"].estimate)
    it = plan(
        Request(
            days=2,
            month=5,
            arrive=atlas.places[est.base or "guiyang"].zh,
            depart=atlas.places[est.base or "guiyang"].zh,
            must=[est.zh],
        )
    )
    v = next(v for d in it.days for v in d.visits if v.place == est.id)
    assert v.ticket is not None and v.ticket.estimate and v.ticket.check_before_you_go


def test_export_in_other_language(tmp_path: Path) -> None:
    """`export --lang en` re-renders a Chinese trip in English with the same stops."""
    runner = CliRunner()
    trip = tmp_path / "trip.json"
    out = runner.invoke(app, ["plan", "--days", "2", "--month", "5", "--format", "json"]).output
    trip.write_text(out, encoding="utf-8")
    result = runner.invoke(app, ["export", str(trip), "--to", "json", "--lang", "en"])
    assert result.exit_code == 0, result.output
    en, zh = json.loads(result.output), json.loads(out)
    assert en["request"]["lang"] == "en" and "Day" not in zh["title"]
    assert [v["place"] for d in en["days"] for v in d["visits"]] == [
        v["place"] for d in zh["days"] for v in d["visits"]
    ]


def _placed(it: Itinerary) -> dict[str, int]:
    return {v.place: d.day for d in it.days for v in d.visits}


def _nights(it: Itinerary) -> list[str | None]:
    return [d.lodging.base if d.lodging else None for d in it.days]


def test_replan_remove_changes_nothing_else() -> None:
    """Removing a place keeps every other place on its day and every night where it was;
    the change list names only the removal (issue 13: zero unasked changes)."""
    atlas = load_atlas()
    it = plan(Request(**SEED))
    plain = [p for p in _placed(it) if atlas.places[p].rank not in ("icon", "top")]
    gone = plain[-1]
    new, changes = replan(it, Edits(remove=(gone,)))
    before, after = _placed(it), _placed(new)
    assert gone not in after
    assert after == {p: d for p, d in before.items() if p != gone}
    assert _nights(new) == _nights(it)
    assert len(changes) == 1 and atlas.places[gone].zh in changes[0]
    assert check_itinerary(new) == []


def test_replan_add_keeps_the_signature_sights() -> None:
    """Adding places never drops a signature sight of the plan unasked: each add either
    keeps them all (anything taken out to make room is named with its cause) or is refused
    naming the sight it would cost or the place that does not fit."""
    atlas = load_atlas()
    it = plan(Request(**SEED))
    signature = {p for p in _placed(it) if atlas.places[p].rank in ("icon", "top")}
    here = set(_placed(it))
    tried = 0
    from qianxing.travel import travel_model

    model = travel_model("public")
    extras = [  # places a cited service reaches (others are refused for that reason)
        p.id for p in atlas.attractions
        if p.id not in here and p.rank in ("must", "major") and model.reachable("guiyang", p.id)
    ]
    for extra in extras[:4]:
        tried += 1
        try:
            new, changes = replan(it, Edits(add=(extra,)))
        except ImpossibleRequestError as exc:  # names the sight it would cost, or the place
            named = [atlas.places[x].zh for x in (*signature, extra)]
            assert any(n in str(exc) for n in named), str(exc)
            continue
        after = _placed(new)
        assert extra in after and signature <= set(after)
        for p in set(_placed(it)) - set(after):
            assert any(atlas.places[p].zh in c and "腾出" in c for c in changes), changes
    assert tried >= 2


def test_region_is_a_bundled_pack() -> None:
    """A request names its region; one with no bundled pack is refused with the choices."""
    from pydantic import ValidationError

    assert Request(days=2).region == "guizhou"
    with pytest.raises(ValidationError, match=r"no data pack for region 'yunnan'.*guizhou"):
        Request(days=2, region="yunnan")
