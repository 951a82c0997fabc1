"""Markdown rendering of an itinerary: the template ``templates/trip.md.j2`` over its view."""

from __future__ import annotations

from ..model import Itinerary
from .templates import render
from .view import trip_view


def to_markdown(it: Itinerary, lang: str | None = None) -> str:
    """The whole itinerary as Markdown."""
    return render("trip.md.j2", v=trip_view(it, lang))


__all__ = ["to_markdown"]
