"""The planner's sentences as message ids and arguments, worded by each view in its language.

A plan stores a reason, a tip, a warning or a piece of budget advice as a :class:`Message`:
the English message id of the gettext catalogue and its arguments. A view words it with
:meth:`Message.text` in the view's language, so a saved plan reads in either language
without re-planning. Arguments are plain values, text of the data pack in both languages
(:class:`Text`, a place's name), dates (:class:`When`), nested messages, and
:class:`Option`: a request option the sentence asks the traveller to change, which the
command line words as its flag (``--must 西江``) and the web page as its form field
(“必去：西江”).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import string
from collections.abc import Iterable, Mapping, Sequence
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SerializationInfo,
    model_serializer,
    model_validator,
)

from .i18n import N_, translations, words

OptionName = Literal[
    "must", "avoid", "days", "pace", "transport", "month", "start", "arrive", "depart", "like"
]
FIELD_LABELS: dict[str, str] = {
    "arrive": N_("Arrive at"),
    "depart": N_("Leave from"),
    "like": N_("Interests"),
    "must": N_("Must see"),
    "avoid": N_("Avoid"),
    "days": N_("Days"),
    "pace": N_("Pace"),
    "transport": N_("Transport"),
    "month": N_("Month"),
    "start": N_("First day"),
}
"""The web form's label of each option a sentence may name."""
TRANSPORT_LABELS: dict[str, str] = {
    "public": N_("public transport"),
    "public+car": N_("public transport, hired car allowed"),
    "charter": N_("chartered car"),
    "self-drive": N_("self-drive"),
}
"""A transport choice as the page and the trip's summary name it."""
PACE_LABELS: dict[str, str] = {
    "relaxed": N_("relaxed pace"),
    "normal": N_("normal pace"),
    "packed": N_("packed pace"),
}
"""A pace as the page and the trip's summary name it."""
SHELL_SAFE = frozenset("-+_.,:/@%=")
"""Characters besides letters and digits a flag's value may hold without quotes."""


class _Arg(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Arg):
    """Words of the data pack in both languages (a place's name, a pitfall's advice)."""

    zh: str
    en: str

    def in_(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


class When(_Arg):
    """A date, formatted by the message's translation (``{start:%d %b}``)."""

    date: dt.date


class Option(_Arg):
    """A request option a sentence asks the traveller to set: ``--transport public+car`` on
    the command line, “Transport: public transport, hired car allowed” on the page."""

    option: OptionName
    value: str | Text | None = None

    @model_serializer(mode="wrap")
    def _sparse(self, handler: Any) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        return {k: v for k, v in data.items() if v is not None}

    def text(self, lang: str, *, flags: bool) -> str:
        w = words(lang)
        value = self.value.in_(lang) if isinstance(self.value, Text) else self.value
        if flags:
            return f"--{self.option}" if value is None else f"--{self.option} {_shell(value)}"
        label = w._(FIELD_LABELS[self.option])
        if value is None:
            return f"“{label}”"
        if self.option == "transport":
            value = w._(TRANSPORT_LABELS.get(value, value))
        elif self.option == "pace":
            value = w._(PACE_LABELS.get(value, value))
        return f"“{label}{'：' if lang == 'zh' else ': '}{value}”"


def _shell(value: str) -> str:
    """``value`` as a shell word: as it is when it is one plain word, else single-quoted."""
    if value and all(c.isalnum() or c in SHELL_SAFE for c in value):
        return value
    return "'" + value.replace("'", "'\"'\"'") + "'"


Arg = Union[str, int, float, Text, When, Option, "Message"]


class Message(BaseModel):
    """A sentence of the planner: a catalogue message id (English) and its arguments.

    A plain string is accepted where a message is expected: plans saved before sentences
    were messages stored their finished text, which is shown as it is."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, json_schema_extra=lambda s: _text_property(s)
    )

    id: str = Field(max_length=2000)
    args: dict[str, Arg] = Field(default_factory=dict)
    plural: str | None = Field(default=None, max_length=2000)  # chosen by the argument n

    @model_validator(mode="before")
    @classmethod
    def _finished(cls, v: object) -> object:
        return _finished_text(v)

    @model_serializer(mode="wrap")
    def _sparse(self, handler: Any, info: SerializationInfo) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        out = {k: v for k, v in data.items() if k == "id" or v}
        context = info.context
        if isinstance(context, dict) and context.get("lang") in ("zh", "en"):
            if "args" in out:
                out["args"] = _unworded(out["args"])  # only the whole sentence is worded
            # a sentence that cannot be worded keeps its id and arguments only
            with contextlib.suppress(ValueError):
                out["text"] = self.text(context["lang"], flags=bool(context.get("flags", True)))
        return out

    def text(self, lang: str, *, flags: bool = True, _depth: int = 0) -> str:
        """The sentence in ``lang``; options as command-line flags, or with ``flags=False``
        as the web form's fields.

        Raises
        ------
        ValueError
            The message cannot be worded: a field it names is missing or is not a plain
            name, a format asks for a width, or messages are nested too deep (a plan sent
            by a client is worded with the same rules as our own).
        """
        if _depth > MAX_DEPTH:
            raise ValueError(f"messages nested more than {MAX_DEPTH} deep")
        catalogue = translations(lang)
        fields = {k: _word(v, lang, flags, _depth) for k, v in self.args.items()}
        n = fields.get("n")
        if self.plural is not None and isinstance(n, int):
            text: str = catalogue.ngettext(self.id, self.plural, n)
        else:
            text = catalogue.gettext(self.id)
        return _FIELDS.format(text, **fields) if fields else text


MAX_DEPTH = 12
"""How deeply messages may nest (a list of fixes joined pairwise is the deepest we make)."""


class _Fields(string.Formatter):
    """``str.format`` for stored messages: a field is a plain name (no attribute or index
    lookups), and a format spec holds no digits (a date's ``%d %b``, never a width)."""

    def get_field(self, field_name: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> Any:
        if not field_name.isidentifier():
            raise ValueError(f"message field {field_name!r} is not a plain name")
        if field_name not in kwargs:
            raise ValueError(f"message field {field_name!r} has no argument")
        return kwargs[field_name], field_name

    def format_field(self, value: Any, format_spec: str) -> Any:
        if any(c.isdigit() for c in format_spec):
            raise ValueError(f"message format {format_spec!r} is not allowed")
        return super().format_field(value, format_spec)


_FIELDS = _Fields()


def _word(arg: Arg, lang: str, flags: bool, depth: int) -> object:
    if isinstance(arg, Text):
        return arg.in_(lang)
    if isinstance(arg, When):
        return arg.date
    if isinstance(arg, Option):
        return arg.text(lang, flags=flags)
    if isinstance(arg, Message):
        return arg.text(lang, flags=flags, _depth=depth + 1)
    return arg


def say(message: str, /, **args: Arg) -> Message:
    """The message ``message`` (marked for the catalogues where it is written) with ``args``."""
    return Message(id=message, args=args)


def verbatim(text: Text) -> Message:
    """Pack text shown as it is, in the view's language (a pitfall's title)."""
    return Message(id="{text}", args={"text": text})


def say_n(singular: str, plural: str, n: int, /, **args: Arg) -> Message:
    """A message with a plural form chosen by ``n`` (``{n}`` is filled in)."""
    return Message(id=singular, plural=plural, args={"n": n, **args})


def join(pattern: str, parts: Iterable[Arg]) -> Arg:
    """``parts`` joined pairwise by the message ``pattern`` (fields ``{a}`` and ``{b}``, marked
    with ``N_``): a list in each language's own punctuation, worded where it is shown."""
    out: Arg | None = None
    for part in parts:
        out = part if out is None else say(pattern, a=out, b=part)
    return out if out is not None else ""


def texts(messages: Iterable[Message], lang: str, *, flags: bool = True) -> list[str]:
    """Each message worded in ``lang``."""
    return [m.text(lang, flags=flags) for m in messages]


def names(place: Mapping[str, str] | Any) -> Text:
    """A place's name, or other pack text, in both languages (anything with ``zh`` and
    ``en``)."""
    if isinstance(place, Mapping):
        return Text(zh=place["zh"], en=place["en"])
    return Text(zh=place.zh, en=place.en)


Message.model_rebuild()
Option.model_rebuild()


def _finished_text(v: object) -> object:
    if isinstance(v, str):
        return {"id": v}
    if isinstance(v, dict) and isinstance(v.get("text"), str):
        # the worded sentence a view added (`worded`): output only, re-worded on every view;
        # a ``text`` that is not a string stays, and is refused as an unknown field
        return {k: x for k, x in v.items() if k != "text"}
    return v


def _unworded(v: Any) -> Any:
    if isinstance(v, dict):
        return {k: _unworded(x) for k, x in v.items() if not (k == "text" and "id" in v)}
    if isinstance(v, list):
        return [_unworded(x) for x in v]
    return v


def _text_property(schema: dict[str, Any]) -> None:
    """Document the output-only ``text`` beside ``id`` and ``args``."""
    props = schema.setdefault("properties", {})
    props["text"] = {
        "type": "string",
        "title": "Text",
        "description": "the sentence worded in the view's language (output only; "
        "ignored when a plan is sent back)",
    }


def worded(lang: str, *, flags: bool = True) -> dict[str, object]:
    """The serialisation context that adds each sentence's ``text`` in ``lang`` beside its
    ``id`` and ``args``: ``itinerary.model_dump(context=worded("en"))``. ``flags``: options
    as command-line flags (True) or as the web form's fields."""
    return {"lang": lang, "flags": flags}


Sentence = Annotated[Message, BeforeValidator(_finished_text, json_schema_input_type=str | Message)]
"""A stored sentence: a :class:`Message`, or (in plans saved before sentences were messages)
its finished text, which the JSON Schema of a request body accepts too."""
PUBLIC_CAR = Option(option="transport", value="public+car")
"""The consent to a hired car for a leg, which many refusals and reasons propose."""

__all__ = [
    "FIELD_LABELS",
    "PACE_LABELS",
    "PUBLIC_CAR",
    "TRANSPORT_LABELS",
    "Arg",
    "Message",
    "Option",
    "Sentence",
    "Text",
    "When",
    "join",
    "names",
    "say",
    "say_n",
    "texts",
    "verbatim",
    "worded",
]
