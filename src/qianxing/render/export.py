"""Every export format in one registry: ``export(itinerary, fmt) -> (content, media type)``.

A new format is its own module in `render/` plus one `Exporter` line in :data:`EXPORTERS`;
the CLI (`--format`, `export --to`), the web app's download links and the OpenAPI schema read
the registry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..message import worded
from ..model import Itinerary
from .geojson import to_geojson
from .gpx import to_gpx
from .html import to_html
from .ics import to_ics
from .markdown import to_markdown


def to_json(it: Itinerary) -> str:
    """The itinerary as JSON, with the public field names (``from`` for legs); each of the
    planner's sentences carries its ``text`` in the plan's language beside ``id`` and
    ``args`` (options worded as command-line flags)."""
    return it.model_dump_json(by_alias=True, indent=1, context=worded(it.request.lang)) + "\n"


@dataclass(frozen=True)
class Exporter:
    """One export format: how to render it, its media type and its file extension."""

    render: Callable[[Itinerary], str]
    media_type: str
    extension: str


EXPORTERS: dict[str, Exporter] = {
    "md": Exporter(to_markdown, "text/markdown; charset=utf-8", ".md"),
    "html": Exporter(to_html, "text/html; charset=utf-8", ".html"),
    "ics": Exporter(to_ics, "text/calendar; charset=utf-8", ".ics"),
    "gpx": Exporter(to_gpx, "application/gpx+xml", ".gpx"),
    "geojson": Exporter(to_geojson, "application/geo+json", ".geojson"),
    "json": Exporter(to_json, "application/json", ".json"),
}
"""Every format :func:`export` accepts, in a stable order."""

EXPORT_FORMATS: tuple[str, ...] = tuple(EXPORTERS)
EXTENSIONS: dict[str, str] = {k: e.extension for k, e in EXPORTERS.items()}
ALIASES = {"markdown": "md"}


def export(it: Itinerary, fmt: str) -> tuple[str, str]:
    """Render ``it`` as ``fmt`` and return ``(content, media type)``.

    Raises
    ------
    ValueError
        ``fmt`` is not one of :data:`EXPORT_FORMATS` (the message names it and lists them).
    """
    key = fmt.strip().lower().lstrip(".")
    key = ALIASES.get(key, key)
    if key not in EXPORTERS:
        raise ValueError(
            f"unknown export format {fmt!r}: choose one of {', '.join(EXPORT_FORMATS)}"
        )
    exporter = EXPORTERS[key]
    return exporter.render(it), exporter.media_type


__all__ = ["EXPORTERS", "EXPORT_FORMATS", "EXTENSIONS", "Exporter", "export", "to_json"]
