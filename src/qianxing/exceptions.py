"""Domain errors a user can act on; each subclasses a builtin so callers can catch broadly."""

from __future__ import annotations

from .message import Message


class UnknownPlaceError(ValueError):
    """A place name matched nothing in the pack; ``suggestions`` holds close names."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.name = name
        self.suggestions = suggestions
        hint = f"; did you mean {' / '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown place {name!r}{hint}")


class ImpossibleRequestError(ValueError):
    """The request cannot be met; the message names the constraint that makes it impossible.

    Raised with a :class:`~qianxing.message.Message` and the request's language, the error's
    text is the message with command-line flags, and ``message`` lets another view (the web
    page, which names form fields) word it again."""

    def __init__(self, message: str | Message, lang: str = "en") -> None:
        self.message = message if isinstance(message, Message) else None
        self.lang = lang
        super().__init__(message.text(lang) if isinstance(message, Message) else message)

    def text(self, *, flags: bool = True) -> str:
        """The refusal in its language; with ``flags=False`` naming form fields, not flags."""
        return self.message.text(self.lang, flags=flags) if self.message else str(self)


class PlanCheckError(ValueError):
    """A produced plan failed the independent checker (a bug: never shown as a valid plan)."""


class NoServiceError(ValueError):
    """No timetabled service is left from one stop to the next that day (the last has gone)."""

    def __init__(self, from_stop: str, to_stop: str, earliest: float) -> None:
        super().__init__(f"no service from {from_stop} to {to_stop} after minute {earliest:.0f}")
        self.from_stop = from_stop
        self.to_stop = to_stop
        self.earliest = earliest


class NoRouteError(ValueError):
    """No journey links two places with the transport allowed (no cited service, no short taxi)."""

    def __init__(self, frm: str, to: str) -> None:
        super().__init__(f"no way found from {frm} to {to}")
        self.from_stop = frm
        self.to_stop = to
