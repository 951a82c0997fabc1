"""``POST /api/ask``: the year it assumed, and the choices of an ambiguous phrase with the text
that settles each (what the page's ask box shows as buttons)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from conftest import TestClient
from qianxing.web.config import Settings
from qianxing.web.main import create_app


@pytest.fixture(scope="module")
def ask_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A client on SQLite (asking stores nothing)."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("ask"), tile_url="")
    with TestClient(create_app(settings)) as c:
        yield c


def test_ask_notes_the_year_it_assumed(ask_client: TestClient) -> None:
    """国庆 with no year: the next 1 October, and a note in the page's language says so."""
    r = ask_client.post("/api/ask", json={"text": "国庆去6天", "lang": "en"})
    assert r.status_code == 200, r.text
    body = r.json()
    start = body["request"]["start"]
    assert start.endswith("-10-01")
    assert len(body["notes"]) == 1 and "no year given" in body["notes"][0]
    assert start in body["notes"][0] and body["choices"] == [] and body["missing"] == []


@pytest.mark.parametrize(
    ("text", "options", "month"),
    [("6天，5月或6月", ["5月", "6月"], 6), ("6 days, May or June", ["may", "june"], 6)],
)
def test_ask_choices_come_with_the_text_that_settles_each(
    ask_client: TestClient, text: str, options: list[str], month: int
) -> None:
    """An ambiguous month: no request, the options, and texts that each parse to one month."""
    body = ask_client.post("/api/ask", json={"text": text, "lang": "zh"}).json()
    assert body["request"] is None
    [choice] = body["choices"]
    assert choice["options"] == options and all(choice["texts"])
    again = ask_client.post("/api/ask", json={"text": choice["texts"][1], "lang": "zh"}).json()
    assert again["choices"] == [] and again["request"]["month"] == month


def test_ask_missing_days_is_named(ask_client: TestClient) -> None:
    """Without a length, ``missing`` names the field the page asks for."""
    body = ask_client.post("/api/ask", json={"text": "10月去贵阳", "lang": "zh"}).json()
    assert body["missing"] == ["days"] and body["request"] is None
