"""The start tags of an HTML document with their attributes, for the export and view tests."""

from __future__ import annotations

from html.parser import HTMLParser


class _Tags(HTMLParser):
    """Collects start tags with their attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def start_tags(page: str) -> list[tuple[str, dict[str, str | None]]]:
    """Every start tag of ``page`` in order, as ``(tag, attributes)``."""
    parser = _Tags()
    parser.feed(page)
    return parser.tags
