"""A standalone, offline HTML page of an itinerary: inline CSS, no scripts, no web fonts.

The page is the template ``templates/trip.html.j2`` over the trip's view
(:func:`qianxing.render.view.trip_view`); Jinja2 escapes every value, and links are emitted
only for ``http``/``https`` URLs (:func:`safe_url`). The page prints well (one day per
block, no shadows, URLs hidden behind short link labels). :func:`to_html_fragment` renders
the same parts for the web page.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from ..model import Itinerary
from .templates import render
from .view import TripView, safe_url, trip_view


@cache
def css() -> str:
    """The page's stylesheet (``templates/trip.css``), inlined so the page works offline."""
    return resources.files("qianxing.render").joinpath("templates", "trip.css").read_text("utf-8")


def to_html(it: Itinerary, lang: str | None = None, *, flags: bool = True) -> str:
    """The whole itinerary as one self-contained HTML document (UTF-8 text); ``flags=False``
    words an option to change as the web page's form field, not the command-line flag."""
    return render("trip.html.j2", v=trip_view(it, lang, flags=flags), css=css())


def to_html_fragment(it: Itinerary, lang: str | None = None) -> str:
    """The plan's days, places left out and budget as one ``<div class="qx-plan">`` (the web
    page's plan): the export's parts (``templates/parts.html.j2``) without page, styles or
    scripts (the planner's sentences name the page's form fields, not command-line flags)."""
    return fragment(trip_view(it, lang, flags=False))


def fragment(v: TripView) -> str:
    """:func:`to_html_fragment` of a view already made (the web page also reads its lines)."""
    return render("plan.html.j2", v=v)


__all__ = ["css", "fragment", "safe_url", "to_html", "to_html_fragment"]
