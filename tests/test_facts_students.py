"""Students: a party member charged the student price where the pack's source states one."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from qianxing.ask import parse
from qianxing.cli import app
from qianxing.data.atlas import Atlas
from qianxing.enrich.budget import add_budget, day_costs
from qianxing.message import texts
from qianxing.model import Itinerary, Request
from qianxing.render.view import trip_view
from qianxing.timeline import visit_of

TODAY = dt.date(2026, 12, 3)


def _at(plan: Itinerary, place: str, **party: int) -> Itinerary:
    """The reference plan cut to one day visiting ``place``, for ``party``."""
    req = plan.request.model_copy(update=party)
    day = plan.days[0].model_copy(deep=True)
    day.visits = [day.visits[0].model_copy(update={"place": place})]
    return plan.model_copy(update={"request": req, "days": [day]}, deep=True)


def test_a_student_pays_the_stated_student_price(atlas: Atlas) -> None:
    """西江's source states ¥45 for students (adult ¥90); a place whose source names no student
    price charges a student the full price, not its reduced one."""
    xijiang = atlas.places["xijiang-miaozhai"]
    assert xijiang.ticket_for(10, "student") == 45 == xijiang.stated_price(10, "student")
    plain = next(
        p
        for p in atlas.attractions
        if p.ticket_reduced is not None
        and p.ticket_reduced < p.ticket_full
        and p.stated_price(10, "student") is None
    )
    assert plain.ticket_for(10, "student") == plain.ticket_full


def test_students_in_the_budget(six_day_plan: Itinerary, atlas: Atlas) -> None:
    """An adult and a student at 西江 pay (90 + 45) / 2 each; the budget's note says students
    pay the stated student price."""
    one = _at(six_day_plan, "xijiang-miaozhai", adults=1, students=1)
    assert day_costs(one, atlas)[0]["tickets"] == pytest.approx((90 + 45) / 2)
    add_budget(one, atlas)
    assert one.budget is not None
    assert any("学生按来源注明的学生票价" in n for n in texts(one.budget.notes, "zh"))


def test_the_visit_shows_the_student_price_in_both_languages(
    six_day_plan: Itinerary, atlas: Atlas
) -> None:
    """With students in the party a visit's ticket line names their price (学生 ¥45 /
    students ¥45); without students it does not."""
    p_req = Request(days=3, month=10, adults=1, students=1)
    place = atlas.places["xijiang-miaozhai"]
    v = visit_of(place, 600, 600, 780, p_req, "zh")
    assert v.student_ticket == 45
    one = _at(six_day_plan, "xijiang-miaozhai", adults=1, students=1)
    one.days[0].visits[0] = v
    zh = trip_view(one, "zh").days[0]
    en = trip_view(one, "en").days[0]
    zh_row = next(r for r in zh.rows if r.kind == "visit")
    en_row = next(r for r in en.rows if r.kind == "visit")
    assert zh_row.ticket is not None and "学生 ¥45" in zh_row.ticket.text
    assert en_row.ticket is not None and "students ¥45" in en_row.ticket.text
    nobody = visit_of(place, 600, 600, 780, Request(days=3, month=10), "zh")
    assert nobody.student_ticket is None


def test_students_alone_are_a_party() -> None:
    """Two students and no adult are a valid party of two."""
    req = Request(days=3, adults=0, students=2)
    assert req.party == 2
    with pytest.raises(ValueError):
        Request(days=3, adults=0)


def test_cli_students_flag() -> None:
    """`plan --students 1` puts the student into the request the plan is made for."""
    result = CliRunner().invoke(
        app, ["plan", "--days", "2", "--month", "5", "--students", "1", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["request"]["students"] == 1


@pytest.mark.parametrize(
    ("text", "adults", "students"),
    [
        ("我们3个大学生，10月去贵州玩5天", 0, 3),
        ("我是学生，一个人去贵州4天", 0, 1),
        ("两个大人一个学生，玩4天", 2, 1),
        ("Two students, 4 days in Guizhou", 0, 2),
    ],
)
def test_ask_reads_students(text: str, adults: int, students: int) -> None:
    """学生 / 大学生 / "students" are read as students, the rest of the party as before."""
    parsed = parse(text, today=TODAY)
    assert parsed.request is not None
    assert (parsed.request.adults, parsed.request.students) == (adults, students)
