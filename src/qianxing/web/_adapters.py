"""Late-bound access to re-planning and exporting, with clear errors while they are absent."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any, cast

from ..model import Itinerary


class FeatureUnavailableError(RuntimeError):
    """A feature's module is not installed in this build."""


def replan(
    itinerary: Itinerary,
    *,
    lock_days: Sequence[int] = (),
    remove: Sequence[str] = (),
    add: Sequence[str] = (),
    move: Sequence[tuple[str, int]] = (),
) -> tuple[Itinerary, list[str]]:
    """Call :func:`qianxing.replan.replan` with an ``Edits`` built from the arguments."""
    try:
        mod: Any = importlib.import_module("qianxing.replan")
    except ImportError as exc:
        raise FeatureUnavailableError("re-planning is not available in this build") from exc
    edits = mod.Edits(
        lock_days=tuple(lock_days), remove=tuple(remove), add=tuple(add), move=tuple(move)
    )
    new, changes = mod.replan(itinerary, edits)
    return cast(Itinerary, new), [str(c) for c in changes]


def export_formats() -> list[str]:
    """The export formats on offer (``json`` always; the rest once the exporter exists)."""
    try:
        mod: Any = importlib.import_module("qianxing.render.export")
    except ImportError:
        return ["json", "md"]
    return [str(f) for f in mod.EXPORT_FORMATS]


def export(itinerary: Itinerary, fmt: str) -> tuple[str, str]:
    """Render ``itinerary`` as ``fmt``; returns (content, media type)."""
    try:
        mod: Any = importlib.import_module("qianxing.render.export")
    except ImportError:
        if fmt == "json":
            return itinerary.model_dump_json(by_alias=True, indent=2), "application/json"
        if fmt == "md":
            from ..render import to_markdown

            return to_markdown(itinerary), "text/markdown; charset=utf-8"
        raise FeatureUnavailableError(f"export to {fmt} is not available in this build") from None
    content, media = mod.export(itinerary, fmt)
    return str(content), str(media)
