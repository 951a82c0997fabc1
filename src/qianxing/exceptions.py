"""Domain errors a user can act on; each subclasses a builtin so callers can catch broadly."""

from __future__ import annotations


class UnknownPlaceError(ValueError):
    """A place name matched nothing in the pack; ``suggestions`` holds close names."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.name = name
        self.suggestions = suggestions
        hint = f"; did you mean {' / '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown place {name!r}{hint}")


class ImpossibleRequestError(ValueError):
    """The request cannot be met; the message names the constraint that makes it impossible."""


class PlanCheckError(ValueError):
    """A produced plan failed the independent checker (a bug: never shown as a valid plan)."""
