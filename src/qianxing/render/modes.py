"""A transport mode's label in the traveller's language, from the mode registry."""

from __future__ import annotations

from ..i18n import Words
from ..modes import MODES


def mode_label(w: Words, mode: str) -> str:
    """The mode's label in ``w``'s language (the raw mode when it is not registered)."""
    info = MODES.get(mode)
    return w._(info.label) if info is not None else mode


__all__ = ["mode_label"]
