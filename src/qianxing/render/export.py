"""One entry point for every export format: ``export(itinerary, fmt) -> (content, media type)``."""

from __future__ import annotations

from collections.abc import Callable

from ..model import Itinerary
from .geojson import to_geojson
from .gpx import to_gpx
from .html import to_html
from .ics import to_ics
from .markdown import to_markdown


def to_json(it: Itinerary) -> str:
    """The itinerary as JSON, with the public field names (``from`` for legs)."""
    return it.model_dump_json(by_alias=True, indent=1) + "\n"


_EXPORTERS: dict[str, tuple[Callable[[Itinerary], str], str]] = {
    "md": (to_markdown, "text/markdown; charset=utf-8"),
    "html": (to_html, "text/html; charset=utf-8"),
    "ics": (to_ics, "text/calendar; charset=utf-8"),
    "gpx": (to_gpx, "application/gpx+xml"),
    "geojson": (to_geojson, "application/geo+json"),
    "json": (to_json, "application/json"),
}

EXPORT_FORMATS: tuple[str, ...] = tuple(_EXPORTERS)
"""Every format :func:`export` accepts, in a stable order."""

EXTENSIONS: dict[str, str] = {
    "md": ".md",
    "html": ".html",
    "ics": ".ics",
    "gpx": ".gpx",
    "geojson": ".geojson",
    "json": ".json",
}


def export(it: Itinerary, fmt: str) -> tuple[str, str]:
    """Render ``it`` as ``fmt`` and return ``(content, media type)``.

    Raises
    ------
    ValueError
        ``fmt`` is not one of :data:`EXPORT_FORMATS` (the message names it and lists them).
    """
    key = fmt.strip().lower().lstrip(".")
    if key == "markdown":
        key = "md"
    if key not in _EXPORTERS:
        raise ValueError(
            f"unknown export format {fmt!r}: choose one of {', '.join(EXPORT_FORMATS)}"
        )
    render, media_type = _EXPORTERS[key]
    return render(it), media_type


__all__ = ["EXPORT_FORMATS", "EXTENSIONS", "export", "to_json"]
