"""``GET /api/i18n/{lang}``: the gettext catalogue the page reads its plan words from."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from conftest import TestClient
from qianxing.i18n import messages
from qianxing.web.config import Settings
from qianxing.web.main import STATIC, create_app


@pytest.fixture(scope="module")
def words_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A client on SQLite."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("i18n"), tile_url="")
    with TestClient(create_app(settings)) as c:
        yield c


def test_chinese_catalogue(words_client: TestClient) -> None:
    """The Chinese catalogue is ``qianxing.i18n.messages("zh")``, with the page's words."""
    r = words_client.get("/api/i18n/zh")
    assert r.status_code == 200
    body = r.json()
    assert body == messages("zh")
    assert body["Day {n}"] == "第 {n} 天"
    assert body["Budget (per person)"] == "预算（每人）"
    assert body["lock"] == "锁定" and body["move to"] == "移到"


def test_english_catalogue_is_the_ids(words_client: TestClient) -> None:
    """Message ids are the English text, so the English catalogue is empty."""
    r = words_client.get("/api/i18n/en")
    assert r.status_code == 200
    assert r.json() == {}


@pytest.mark.parametrize("lang", ["fr", "ZH", "zh-CN", "xx" * 40])
def test_unknown_language_is_404(words_client: TestClient, lang: str) -> None:
    """A language without a catalogue is a 404 that lists the languages there are."""
    r = words_client.get(f"/api/i18n/{lang}")
    assert r.status_code == 404
    assert "zh, en" in r.json()["detail"]


def test_catalogue_is_cacheable(words_client: TestClient) -> None:
    """The answer carries Cache-Control and an ETag; a matching If-None-Match gets 304."""
    r = words_client.get("/api/i18n/zh")
    assert "max-age" in r.headers["cache-control"]
    etag = r.headers["etag"]
    again = words_client.get("/api/i18n/zh", headers={"If-None-Match": etag})
    assert again.status_code == 304 and not again.content
    assert words_client.get("/api/i18n/en").headers["etag"] != etag


def test_openapi_describes_the_new_endpoints(words_client: TestClient) -> None:
    """The catalogue and view endpoints are in the OpenAPI document with their models."""
    doc = words_client.get("/openapi.json").json()
    paths = doc["paths"]
    ok = paths["/api/i18n/{lang}"]["get"]["responses"]["200"]["content"]["application/json"]
    assert ok["schema"]["additionalProperties"] == {"type": "string"}
    assert "404" in paths["/api/i18n/{lang}"]["get"]["responses"]
    for path, method in (("/api/view", "post"), ("/api/trips/{trip_id}/view", "get")):
        schema = paths[path][method]["responses"]["200"]["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/PlanView"}
    props = set(doc["components"]["schemas"]["PlanView"]["properties"])
    assert props == {"lang", "html", "title", "lines"}


def test_page_words_are_in_the_catalogue() -> None:
    """Every catalogue message the page asks for (``msg("…")``, ``data-msg``) has Chinese."""
    source = "".join(p.read_text("utf-8") for p in (*STATIC.glob("*.js"), STATIC / "index.html"))
    asked = set(re.findall(r'\bmsg\("([^"]+)"', source))
    asked |= set(re.findall(r'data-msg="([^"]+)"', source))
    assert {"Day {n}", "lock", "remove", "Transport", "chartered car"} <= asked
    zh = messages("zh")
    assert sorted(asked - set(zh)) == []
