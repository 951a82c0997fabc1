"""Renderers, one module per output format."""

from .export import EXPORT_FORMATS as EXPORT_FORMATS
from .export import export as export
from .geojson import to_geojson as to_geojson
from .gpx import to_gpx as to_gpx
from .html import to_html as to_html
from .html import to_html_fragment as to_html_fragment
from .ics import to_ics as to_ics
from .markdown import to_markdown as to_markdown
from .terminal import to_rich as to_rich

__all__ = [
    "EXPORT_FORMATS",
    "export",
    "to_geojson",
    "to_gpx",
    "to_html",
    "to_html_fragment",
    "to_ics",
    "to_markdown",
    "to_rich",
]
