"""Security headers on every response, and ``/docs`` served from local files (offline)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import TestClient
from qianxing.web._headers import content_security_policy, tile_source
from qianxing.web.config import OSM_TILES, Settings
from qianxing.web.main import create_app


@pytest.fixture(scope="module")
def osm_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A client with the default OpenStreetMap tiles."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("headers"), tile_url=OSM_TILES)
    with TestClient(create_app(settings)) as c:
        yield c


def _csp(value: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for part in value.split(";"):
        name, *sources = part.split()
        out[name] = sources
    return out


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/", None),
        ("GET", "/t/abcdefghijklmnopqrstuv", None),
        ("GET", "/api/config", None),
        ("GET", "/openapi.json", None),
        ("GET", "/docs", None),
        ("GET", "/static/app.js", None),
        ("GET", "/api/trips/abcdefghijklmnopqrstuv", None),  # 404
        ("POST", "/api/plan", {"days": 0}),  # 422
        ("POST", "/api/plan", {"days": 1, "must": ["x" * 300_000]}),  # 413
        ("OPTIONS", "/api/plan", None),  # 405
    ],
)
def test_every_answer_has_security_headers(
    osm_client: TestClient, method: str, path: str, body: object
) -> None:
    """Pages, API answers, errors and static files all carry the CSP and the other headers."""
    r = osm_client.request(method, path, json=body)
    csp = _csp(r.headers["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"] and csp["script-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert "https://tile.openstreetmap.org" in csp["img-src"]
    assert "'unsafe-inline'" not in r.headers["Content-Security-Policy"]
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert r.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize(
    ("url", "source"),
    [
        ("", None),
        (OSM_TILES, "https://tile.openstreetmap.org"),
        ("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org"),
        (
            "https://webrd0{s}.is.autonavi.com/appmaptile?x={x}&y={y}&z={z}",
            "https://*.is.autonavi.com",
        ),
        ("https://tiles.{s}.example.org/{z}/{x}/{y}.png", "https:"),
        ("javascript:alert(1)", None),
    ],
)
def test_tile_source(url: str, source: str | None) -> None:
    """The tile host becomes the one extra image source ({s} as a wildcard label)."""
    assert tile_source(url) == source
    img = _csp(content_security_policy(url))["img-src"]
    assert img == ["'self'", "data:"] + ([source] if source else [])


def test_docs_offline(osm_client: TestClient) -> None:
    """/docs loads Swagger UI from this server only, with no inline script."""
    page = osm_client.get("/docs")
    assert page.status_code == 200
    assert "cdn" not in page.text and "http" not in page.text
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page.text, re.S)
    assert scripts and all("src=" in attrs and not body.strip() for attrs, body in scripts)
    for ref in re.findall(r'(?:src|href)="([^"]+)"', page.text):
        r = osm_client.get(ref)
        assert r.status_code == 200, ref
    assert "validatorUrl: null" in osm_client.get("/docs/init.js").text
    assert osm_client.get("/redoc").status_code == 404


def test_swagger_vendored() -> None:
    """The vendored Swagger UI files are in the package with their licence and version."""
    root = Path(__file__).resolve().parents[2] / "src/qianxing/web/static/vendor/swagger-ui"
    for name in ("swagger-ui-bundle.js", "swagger-ui.css", "LICENSE", "VERSION"):
        assert (root / name).is_file()
