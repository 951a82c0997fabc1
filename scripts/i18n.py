"""Update the gettext catalogues from the source: extract every message, keep translations.

    python scripts/i18n.py          # rewrite src/qianxing/locale/*/LC_MESSAGES/qianxing.po
    python scripts/i18n.py --check  # exit 1 if a catalogue is out of date or untranslated

New messages get an empty translation (English shows the message id itself; the Chinese
catalogue must be filled in: `tests/test_i18n.py` fails on an untranslated message).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from qianxing.i18n import DOMAIN, KEYWORDS, LANGS, LOCALES

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "qianxing"


def template() -> Catalog:
    """Every message the source marks (``_``, ``n_``, ``N_``), in source order."""
    cat = Catalog(domain=DOMAIN, project="qianxing", fuzzy=False)
    found = extract_from_dir(
        str(SRC), method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=()
    )
    for _file, _line, message, _comments, _context in found:
        cat.add(message)
    return cat


def po_path(lang: str) -> Path:
    return SRC / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def updated(lang: str, pot: Catalog) -> str:
    """The catalogue of ``lang`` with the template's messages and its own translations."""
    path = po_path(lang)
    old = None
    if path.exists():
        with path.open("rb") as f:
            old = read_po(f, locale=LOCALES[lang], domain=DOMAIN)
    cat = Catalog(locale=LOCALES[lang], domain=DOMAIN, project="qianxing", fuzzy=False)
    if old is not None:
        cat.creation_date = old.creation_date
        cat.revision_date = old.revision_date
    for m in pot:
        if not m.id:
            continue
        known = old.get(m.id) if old is not None else None
        empty = ("", "") if isinstance(m.id, tuple) else ""
        string = known.string if known is not None and known.string else empty
        if lang == "zh" and isinstance(m.id, tuple) and isinstance(string, tuple):
            string = string[:1]
        cat.add(m.id, string, flags=m.flags)
    buf = io.BytesIO()
    write_po(buf, cat, width=100, omit_header=False, sort_output=False, include_lineno=False)
    return buf.getvalue().decode("utf-8")


def main(argv: list[str]) -> int:
    pot = template()
    stale = []
    for lang in LANGS:
        text = updated(lang, pot)
        path = po_path(lang)
        if "--check" in argv:
            if not path.exists() or path.read_text("utf-8") != text:
                stale.append(str(path.relative_to(ROOT)))
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")
    if stale:
        print("out of date (run python scripts/i18n.py):", ", ".join(stale))  # noqa: T201
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
