"""The `qianxing` command: plans, formats, and actionable errors with exit code 2."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from qianxing.cli import app

runner = CliRunner()


def test_plan_json_has_days() -> None:
    """`--format json` prints an object with one entry per day."""
    result = runner.invoke(app, ["plan", "--days", "3", "--month", "5", "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert len(doc["days"]) == 3


def test_plan_markdown() -> None:
    """`--format md` prints a Markdown document with a heading per day."""
    result = runner.invoke(app, ["plan", "--days", "2", "--month", "4", "--format", "md"])
    assert result.exit_code == 0, result.output
    assert result.output.count("\n## ") >= 2


def test_plan_terminal() -> None:
    """The default terminal view shows every day, and where each meal is (晚餐 18:00 贵阳 ·
    its dishes), as the Markdown and HTML views do."""
    result = runner.invoke(app, ["plan", "--days", "2", "--month", "4"])
    assert result.exit_code == 0, result.output
    assert "第 2 天" in result.output
    assert re.search(r"晚餐 \d\d:\d\d\s+贵阳 · ", result.output), result.output


def test_misspelt_place_suggests() -> None:
    """A misspelt place exits 2 and suggests the right one."""
    result = runner.invoke(app, ["plan", "--days", "6", "--arrive", "荔波小七控", "--month", "10"])
    assert result.exit_code == 2
    assert "荔波小七孔" in result.output or "小七孔" in result.output


@pytest.mark.parametrize("name", ["huangguoshu", "Huangguoshu Waterfall", "黄果树"])
def test_pinyin_and_english_names(name: str) -> None:
    """Pinyin, English and Chinese names all resolve."""
    result = runner.invoke(
        app, ["plan", "--days", "3", "--month", "10", "--must", name, "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    places = [v["place"] for d in json.loads(result.output)["days"] for v in d["visits"]]
    assert any("huangguoshu" in p for p in places)


@pytest.mark.parametrize(
    "args",
    [
        ["--days", "0"],
        ["--month", "13"],
        ["--arrive-time", "25:00"],
        ["--pace", "fast"],
        ["--like", "waterfall=lots"],
        ["--days", "1", "--arrive-time", "17:00", "--depart-time", "09:00"],
    ],
)
def test_bad_input_exits_2(args: list[str]) -> None:
    """Bad input exits 2 with a one-line reason and no traceback."""
    result = runner.invoke(app, ["plan", *args])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


def test_unreachable_must_see_exits_2() -> None:
    """A must-see that cannot fit names the binding constraint with its numbers and
    proposes a fix that was tried (and does work), with exit 2."""
    args = ["plan", "--days", "1", "--month", "10", "--arrive-time", "16:00", "--must", "梵净山"]
    args += ["--transport", "public+car"]
    result = runner.invoke(app, [*args, "--lang", "en"])
    assert result.exit_code == 2
    out = " ".join(result.output.split())
    assert "can't include" in out and "at most 2 h a day" in out
    found = re.search(r"Works with: (\d+) days", out)
    assert found, out
    assert "vertex" not in out and "trip" not in out
    days = found.group(1)
    fixed = runner.invoke(app, [*[a if a != "1" else days for a in args], "--format", "json"])
    assert fixed.exit_code == 0, fixed.output


def test_place_no_public_service_reaches_is_refused_with_a_working_fix() -> None:
    """A must-see that no cited bus or train reaches, on public transport, says so (no
    invented bus) and proposes the consent it needs, which works when taken."""
    from qianxing.travel import travel_model

    model = travel_model("public")
    unserved = [
        p
        for p in model.atlas.attractions
        if p.rank in ("icon", "top", "must") and not model.reachable("guiyang", p.id)
    ]
    if not unserved:
        pytest.skip("every signature sight has a cited public service from 贵阳")
    sight = unserved[0]
    args = ["plan", "--days", "3", "--month", "10", "--must", sight.zh, "--lang", "en"]
    result = runner.invoke(app, args)
    out = " ".join(result.output.split())
    assert result.exit_code == 2, out
    assert f"no public service we can cite reaches {sight.en}" in out
    assert "taxi would be over 30 km" in out
    found = re.search(r"Works with: (?:(\d+) days and )?--transport public\+car", out)
    assert found, out
    days = found.group(1) or "3"
    fixed = [*[a if a != "3" else days for a in args], "--transport", "public+car"]
    assert runner.invoke(app, fixed).exit_code == 0


def test_one_day_too_far_is_refused_before_solving() -> None:
    """A 1-day 铜仁 → 兴义 trip: the journey alone exceeds the day and the pace's daily
    travel cap. The refusal says so with hours, never "cannot fit the must-see places ()",
    and the longer trip it proposes works (about 10 h of driving at 4.5 h a day: 3 days)."""
    args = ["plan", "--days", "1", "--arrive", "铜仁", "--depart", "兴义", "--transport", "charter"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    out = "".join(result.output.split())
    assert "1天内无法从铜仁到兴义" in out and "小时" in out
    assert "每天路上最多4.5小时" in out
    assert "必去" not in out and "()" not in out
    days = re.search(r"或(\d+)天", out)
    assert days is not None, out
    fixed = runner.invoke(app, [*args[:2], days.group(1), *args[3:], "--format", "json"])
    assert fixed.exit_code == 0, fixed.output


def test_trip_to_a_town_no_cited_service_reaches_is_refused_with_a_working_fix() -> None:
    """A trip ending in a town that no chain of cited buses, trains and short taxis reaches
    from 贵阳 (on public transport; 从江 is reached by way of 小黄侗寨 from its station) is
    refused naming that town, never as "cannot be made in time", with a fix
    that was planned successfully."""
    from qianxing.travel import travel_model

    model = travel_model("public")
    reached, todo = {"guiyang"}, ["guiyang"]  # by any chain of journeys, visits between
    while todo:
        a = todo.pop()
        new = {b for b in model.pos if b not in reached and model.reachable(a, b)}
        reached |= new
        todo.extend(new)
    cut_off = [b for b in model.atlas.bases if b.id not in reached]
    if not cut_off:
        pytest.skip("every base has a cited public service from 贵阳")
    town = cut_off[0]
    args = ["plan", "--days", "5", "--month", "10", "--depart", town.zh, "--lang", "en"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    out = " ".join(result.output.split())
    assert f"no public service we can cite reaches {town.en}" in out, out
    found = re.search(r"Works with: (?:(\d+) days and )?--transport public\+car", out)
    assert found, out
    fixed = [a if a != "5" else (found.group(1) or "5") for a in args]
    assert runner.invoke(app, [*fixed, "--transport", "public+car"]).exit_code == 0
