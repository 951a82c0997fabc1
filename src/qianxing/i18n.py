"""Words in the traveller's language: gettext catalogues (zh, en) read with Babel, dates and
money formatted by Babel's locale data.

Message ids are the English text; ``locale/<lang>/LC_MESSAGES/qianxing.po`` translates them
(the English catalogue is empty: a message id is its own English). The catalogues are read
from the ``.po`` files when first needed, so a translator edits one text file and nothing
is compiled by hand; ``qianxing.web`` serves the same catalogue to the page as JSON.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")
LOCALES: dict[str, str] = {"zh": "zh_Hans_CN", "en": "en_GB"}
"""The Babel locale of each language (British English writes 24-hour times and day-month)."""

DOMAIN = "qianxing"


def _po_text(lang: str) -> str | None:
    path = resources.files("qianxing").joinpath("locale", lang, "LC_MESSAGES", f"{DOMAIN}.po")
    return path.read_text(encoding="utf-8") if path.is_file() else None


@cache
def translations(lang: str) -> Translations:
    """The catalogue of ``lang`` ("zh" or "en"; anything else is English)."""
    text = _po_text(lang if lang in LANGS else "en")
    if text is None:
        return Translations()
    catalog = read_po(io.StringIO(text), locale=LOCALES.get(lang, "en_GB"), domain=DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return Translations(fp=buf, domain=DOMAIN)


@cache
def messages(lang: str) -> dict[str, str]:
    """Every translated message of ``lang`` as ``{message id: text}`` (for the web page)."""
    text = _po_text(lang if lang in LANGS else "en")
    if text is None:
        return {}
    catalog = read_po(io.StringIO(text), locale=LOCALES.get(lang, "en_GB"), domain=DOMAIN)
    out: dict[str, str] = {}
    for m in catalog:
        if m.id and isinstance(m.id, str) and isinstance(m.string, str) and m.string:
            out[m.id] = m.string
    return out


@dataclass(frozen=True)
class Words:
    """The words of one language: ``_`` translates a message and fills its ``{fields}``."""

    lang: Lang

    def _(self, message: str, /, **fields: object) -> str:
        text: str = translations(self.lang).gettext(message)
        return text.format(**fields) if fields else text

    def n_(self, singular: str, plural: str, n: int, /, **fields: object) -> str:
        """A message with a plural form chosen by ``n`` (``{n}`` is filled in)."""
        text: str = translations(self.lang).ngettext(singular, plural, n)
        return text.format(n=n, **fields)

    def join(self, pattern: str, parts: Iterable[str], /) -> str:
        """``parts`` joined pairwise by the message ``pattern`` (marked with ``N_`` where it
        is written, fields ``{a}`` and ``{b}``): a list in the language's own punctuation,
        "x and y and z" / "x、y、z"."""
        out: str | None = None
        for part in parts:
            out = part if out is None else self._(pattern, a=out, b=part)
        return out or ""

    @property
    def locale(self) -> str:
        return LOCALES[self.lang]

    def yuan(self, amount: float) -> str:
        """CNY to the whole yuan, grouped by the locale: ``¥1,160``."""
        return "¥" + format_decimal(round(amount), format="#,##0", locale=self.locale)

    def yuan_range(self, low: float, high: float) -> str:
        """``¥low–high``, or one figure when both round to the same yuan."""
        if round(low) == round(high):
            return self.yuan(low)
        return f"{self.yuan(low)}–{format_decimal(round(high), format='#,##0', locale=self.locale)}"

    def date(self, day: dt.date) -> str:
        """A date as the locale writes it in full with its weekday."""
        return format_date(day, format="full", locale=self.locale)

    def weekday(self, day: dt.date) -> str:
        """The weekday's short name in this language (周四, Thu)."""
        return format_date(day, format="EEE", locale=self.locale)


def N_(message: str) -> str:
    """Mark a message for the catalogues where it is defined; it is translated where shown."""
    return message


KEYWORDS: dict[str, tuple[int, ...] | None] = {
    "_": None,
    "n_": (1, 2),
    "N_": None,
    "say_n": (1, 2),
}
"""The marker functions `scripts/i18n.py` extracts messages from (``say_n`` is
:func:`qianxing.message.say_n`, a plural message stored in a plan)."""


def words(lang: str) -> Words:
    """The :class:`Words` of ``lang`` (anything but "zh" is English)."""
    return Words("zh" if lang == "zh" else "en")


__all__ = ["KEYWORDS", "LANGS", "N_", "Lang", "Words", "messages", "translations", "words"]
