"""Renderers, one module per output format."""

from .markdown import to_markdown as to_markdown
from .terminal import to_rich as to_rich

__all__ = ["to_markdown", "to_rich"]
