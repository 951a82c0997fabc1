"""The solver's infeasibility codes in the traveller's words (`qianxing.refusal`)."""

from __future__ import annotations

import re
from typing import get_args

import pytest

from qianxing.exceptions import ImpossibleRequestError
from qianxing.model import Request
from qianxing.plan import plan, prepare
from qianxing.refusal import explain_infeasible
from qianxing.solve import InfeasibleInstanceError
from qianxing.solve.exceptions import Reason

SOLVER_WORDS = re.compile(
    r"vertex|vertices|mandatory|hotel sequence|\btrip \d|\(\)|\[\]|必去地点（）", re.IGNORECASE
)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("reason", get_args(Reason))
def test_every_reason_code_reads_as_the_travellers_words(reason: Reason, lang: str) -> None:
    """Each reason code, with or without vertices, gives a message free of solver words that
    names the must-see place when the code is about one."""
    req = Request(days=2, must=["黄果树瀑布", "西江千户苗寨"], lang=lang)  # type: ignore[arg-type]
    problem = prepare(req)
    must = tuple(sorted(problem.instance.mandatory))
    names = [problem.travel.atlas.places[problem.ids[v]].name(lang) for v in must]
    for vertices in (must, ()):
        exc = InfeasibleInstanceError(
            f"solver words: vertex {vertices} trip 0", reason=reason, vertices=vertices, trips=(0,)
        )
        message = str(explain_infeasible(problem, exc, lambda _changed: False))
        assert message and not SOLVER_WORDS.search(message), message
        if vertices and reason.startswith("mandatory"):
            assert any(name in message for name in names), message


@pytest.mark.parametrize(("lang", "town"), [("zh", "铜仁"), ("en", "Tongren")])
def test_one_day_tongren_to_xingyi_by_charter_is_refused_in_plain_words(
    lang: str, town: str
) -> None:
    """A 1-day 铜仁 → 兴义 trip by hired car: the refusal gives the journey's hours, no solver
    words or empty list, and names the towns of its fixes in the traveller's language."""
    req = Request(days=1, arrive="铜仁", depart="兴义", transport="charter", lang=lang)  # type: ignore[arg-type]
    with pytest.raises(ImpossibleRequestError) as info:
        plan(req)
    message = str(info.value)
    assert not SOLVER_WORDS.search(message), message
    assert ("小时" if lang == "zh" else " h") in message
    assert town in message and ("铜仁" not in message or lang == "zh"), message


def test_must_sees_no_day_can_join_name_the_journey_between_them() -> None:
    """4 days 铜仁 in, 梵净山 and 镇远古城, 贵阳 out on public transport: the pack cites no bus or
    train from the 梵净山 area to 镇远 (only 镇远 → 铜仁 buses, and 铜仁 → 凯里), so the quickest
    public journey between them goes back through 贵阳 and takes longer than a day's travel.
    The refusal says so with its figure, not just "not enough time", and offers the hired car."""
    req = Request(days=4, arrive="铜仁", depart="贵阳", must=["梵净山", "镇远古城"], month=10)
    with pytest.raises(ImpossibleRequestError) as err:
        plan(req.model_copy(update={"lang": "en"}), explain=False)
    text = err.value.text()
    assert "quickest journey between" in text and "either way" in text, text
    assert "Zhenyuan Ancient Town" in text and "Fanjing" in text, text
    assert "--transport public+car" in text
    hours = float(re.search(r"takes about ([\d.]+) h", text).group(1))  # type: ignore[union-attr]
    cap = float(re.search(r"more than the ([\d.]+) h", text).group(1))  # type: ignore[union-attr]
    assert hours > cap


def test_a_trip_whose_end_no_journey_reaches_directly_gives_the_chained_hours() -> None:
    """从江's county town is reached only by the bus from 榕江, so no journey goes from 贵阳
    straight there; a refusal of 3 days 贵阳 → 从江 on the hotel chain said "the journey
    takes about 16666.7 h" (the matrix's stand-in for no way). It gives the quickest chain
    of journeys instead."""
    from qianxing.refusal import UNREACHABLE

    problem = prepare(Request(days=3, month=10, depart="从江", lang="en"))
    trav = problem.instance.travel
    assert trav[problem.start_vertex, problem.end_vertex] >= UNREACHABLE
    exc = InfeasibleInstanceError("no hotel chain", reason="no-hotel-sequence")
    message = str(explain_infeasible(problem, exc, lambda _changed: False))
    hours = float(re.search(r"takes about ([\d.]+) h", message).group(1))  # type: ignore[union-attr]
    bus = trav[problem.ids.index("rongjiang"), problem.end_vertex] / 60
    assert bus <= hours < 24, message


@pytest.mark.parametrize(("lang", "next_day"), [("zh", "次日 00:"), ("en", "00:01 the next day")])
def test_a_refusal_gives_a_time_past_midnight_as_the_next_days(lang: str, next_day: str) -> None:
    """3 days 贵阳 → 从江 are refused on the one train our timetable has, which reaches 从江
    after midnight; the refusal said "24:01" and "the day would end at 24:34", the timetable's
    way of writing a time past midnight, not a traveller's."""
    with pytest.raises(ImpossibleRequestError) as caught:
        plan(Request(days=3, month=10, depart="从江", lang=lang))  # type: ignore[arg-type]
    message = str(caught.value)
    assert "D8591" in message and next_day in message, message
    assert not re.search(r"\b(2[4-9]|[3-9]\d):\d\d\b", message), message
