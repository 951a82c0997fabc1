"""The page's words name its form fields where the command line names flags: refusals, the
plan's reasons and fixes (issue 15 item 6: no "用 --must 镇远古城 …" on the page)."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from conftest import TestClient
from qianxing.exceptions import ImpossibleRequestError
from qianxing.message import PUBLIC_CAR, Option, Text, say
from qianxing.web.config import Settings
from qianxing.web.main import create_app

FLAG = re.compile(r"--[a-z]")


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A client on SQLite (wording does not depend on the backend)."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("fields"), tile_url="")
    with TestClient(create_app(settings)) as c:
        yield c


@pytest.mark.parametrize(("lang", "field"), [("zh", "“必去：赤水”"), ("en", "“Must see: 赤水”")])
def test_a_refusal_names_the_form_field(api: TestClient, lang: str, field: str) -> None:
    """A town given as a must-see is refused naming the 必去 field, not ``--must``."""
    r = api.post("/api/plan", json={"days": 2, "must": ["赤水"], "lang": lang})
    assert r.status_code == 422
    detail = r.json()["detail"]
    assert field in detail and not FLAG.search(detail), detail


def test_a_refusal_names_the_transport_choice(
    api: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A refusal whose fix allows a hired car names the transport choice's label on the page,
    not the flag (the planner's refusal, stood in for so that the data cannot change it)."""
    fix = say("{option} (a hired car for a leg)", option=PUBLIC_CAR)

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise ImpossibleRequestError(fix, "zh")

    monkeypatch.setattr(sys.modules["qianxing.web.routes.plan"], "make_plan", refuse)
    r = api.post("/api/plan", json={"days": 1, "seed": 12345})
    assert r.status_code == 422
    detail = r.json()["detail"]
    assert detail == "“交通：公共交通（可单程包车）”（允许单程包车）", detail
    assert str(ImpossibleRequestError(fix, "zh")).startswith("--transport public+car")


def test_the_view_names_fields(api: TestClient, small_plan_json: dict[str, Any]) -> None:
    """A place left out with a "make it a must-see" fix reads as the 必去 field on the page."""
    doc = dict(small_plan_json)
    xijiang = Text(zh="西江千户苗寨", en="Xijiang Miao Village")
    fix = say("use {must} to swap them, or add a day", must=Option(option="must", value=xijiang))
    doc["dropped"] = [
        {
            "place": "xijiang-miaozhai",
            "name": "西江千户苗寨",
            "reason": "old text",
            "fix": fix.model_dump(mode="json"),
        }
    ]
    for lang, field in (("zh", "“必去：西江千户苗寨”"), ("en", "“Must see: Xijiang Miao Village”")):
        # a plan made in the view's language: a view in the other one re-assembles the trip
        # (`replan.relabel`), which searches a reason stored as finished text again
        doc["request"] = {**small_plan_json["request"], "lang": lang}
        r = api.post("/api/view", params={"lang": lang}, json=doc)
        assert r.status_code == 200, r.text
        html = r.json()["html"]
        assert field in html and "old text" in html and not FLAG.search(html)
