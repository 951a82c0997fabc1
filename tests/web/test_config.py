"""Settings from the environment: DATABASE_URL, data dir, tiles."""

from __future__ import annotations

from pathlib import Path

import pytest

from qianxing.web.config import Settings


def test_defaults_sqlite_in_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Without DATABASE_URL the trips live in SQLite inside QIANXING_DATA_DIR."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("QIANXING_DATA_DIR", str(tmp_path))
    s = Settings()
    assert s.sqlalchemy_url == f"sqlite:///{tmp_path / 'trips.sqlite3'}"
    assert s.tile_url.startswith("https://tile.openstreetmap.org/")
    assert s.tile_datum == "WGS84"


def test_default_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    """The default data dir is ~/.local/share/qianxing."""
    monkeypatch.delenv("QIANXING_DATA_DIR", raising=False)
    assert Settings().data_dir == Path.home() / ".local" / "share" / "qianxing"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgresql://u:p@h/db", "postgresql+psycopg://u:p@h/db"),
        ("postgres://u:p@h/db", "postgresql+psycopg://u:p@h/db"),
        ("postgresql+psycopg://u:p@h/db", "postgresql+psycopg://u:p@h/db"),
    ],
)
def test_database_url_uses_psycopg(
    monkeypatch: pytest.MonkeyPatch, url: str, expected: str
) -> None:
    """A PostgreSQL DATABASE_URL is driven by psycopg v3."""
    monkeypatch.setenv("DATABASE_URL", url)
    assert Settings().sqlalchemy_url == expected


def test_bad_tile_datum_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    """An unknown tile datum is refused at start-up."""
    monkeypatch.setenv("QIANXING_TILE_DATUM", "BD-09x")
    with pytest.raises(ValueError, match="tile_datum"):
        Settings()
