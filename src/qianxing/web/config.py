"""Web settings, read from the environment; every setting is documented here and only here."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "&copy; OpenStreetMap contributors"


def default_data_dir() -> Path:
    """``~/.local/share/qianxing`` (the XDG data directory of the current user)."""
    return Path.home() / ".local" / "share" / "qianxing"


class Settings(BaseSettings):
    """Settings of ``qianxing serve``.

    Attributes
    ----------
    database_url
        ``DATABASE_URL``: an SQLAlchemy URL, e.g. ``postgresql+psycopg://u:p@host/db``.
        Empty: SQLite at ``<data_dir>/trips.sqlite3`` (WAL, ``synchronous=FULL``).
    data_dir
        ``QIANXING_DATA_DIR``: where the SQLite database lives
        (default ``~/.local/share/qianxing``).
    tile_url
        ``QIANXING_TILE_URL``: Leaflet tile URL template (``{z}/{x}/{y}``, optional ``{s}``);
        OpenStreetMap by default. Empty: no tiles (offline page; the plan still shows).
    tile_datum
        ``QIANXING_TILE_DATUM``: ``WGS84`` (OpenStreetMap) or ``GCJ-02`` (Amap, Tencent);
        with GCJ-02 the page draws the server-converted coordinates.
    tile_subdomains
        ``QIANXING_TILE_SUBDOMAINS``: letters/digits substituted for ``{s}`` (default ``abc``).
    tile_attribution
        ``QIANXING_TILE_ATTRIBUTION``: attribution text shown on the map.
    max_body_bytes
        ``QIANXING_MAX_BODY_BYTES``: request bodies above this get 413 (default 256 KiB).
    plan_seconds
        ``QIANXING_PLAN_SECONDS``: a safety cap on solver time per plan, in seconds
        (default 60). Searches stop on iterations long before it, so the same request gets the
        same plan however loaded the server is; a lower cap trades that for latency.
    """

    model_config = SettingsConfigDict(env_prefix="QIANXING_", extra="ignore", populate_by_name=True)

    database_url: str = Field(
        default="", validation_alias=AliasChoices("DATABASE_URL", "QIANXING_DATABASE_URL")
    )
    data_dir: Path = Field(default_factory=default_data_dir)
    tile_url: str = OSM_TILES
    tile_datum: Literal["WGS84", "GCJ-02"] = "WGS84"
    tile_subdomains: str = "abc"
    tile_attribution: str = OSM_ATTRIBUTION
    max_body_bytes: int = Field(default=256 * 1024, ge=1024)
    plan_seconds: float = Field(default=60.0, gt=0, le=300)

    @property
    def sqlalchemy_url(self) -> str:
        """The database URL to connect to (SQLite in ``data_dir`` unless ``DATABASE_URL``)."""
        url = self.database_url.strip()
        if not url:
            return f"sqlite:///{self.data_dir / 'trips.sqlite3'}"
        if url.startswith(("postgres://", "postgresql://")):
            # psycopg v3 is the supported PostgreSQL driver
            url = "postgresql+psycopg://" + url.split("://", 1)[1]
        return url


@functools.cache
def get_settings() -> Settings:
    """The process-wide settings (read once from the environment)."""
    return Settings()
