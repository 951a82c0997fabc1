"""Jinja2 templates of the trip views (HTML with autoescape, Markdown as text)."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape


@cache
def environment() -> Environment:
    """The template environment: HTML templates autoescape, Markdown ones do not."""
    return Environment(
        loader=PackageLoader("qianxing.render", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html.j2", "html"), default=False),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def render(name: str, **context: object) -> str:
    """Render the template ``name`` with ``context``."""
    return environment().get_template(name).render(**context)


__all__ = ["environment", "render"]
