"""Which characters ids, names and other texts may hold.

- **ids** (and the ids that ``parent``, ``serves`` and journey steps name)
  are normalised to Unicode NFC and must be *printable*: no control
  characters, no invisible format characters (zero-width spaces and
  joiners, bidi controls, soft hyphens, byte-order marks), no separators
  other than the plain space (no no-break or ideographic space, no line or
  paragraph separator). Two ids that look the same are then the same id.
- **names** (unit names and kinds, the organisation's name, the customer
  label, journey names) must not hold control characters other than tab
  and line breaks, nor bidi embeddings, overrides and isolates, which
  reorder what a reader sees.
- **any text** (attribute values and column names too) must be something
  every format can hold: no control characters other than tab and line
  breaks (XML, and so GraphML, has no way to write them), no lone
  surrogates and no U+FFFE or U+FFFF.

The checks are plain functions on one text; :mod:`orbit.model` runs them
vectorised over whole columns.
"""

from __future__ import annotations

import re
import unicodedata

NAME_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")
"""Characters no name may hold."""
TEXT_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters no text may hold (every format must be able to write it)."""


def bad_id_char(text: str) -> str | None:
    """The first character an id may not hold, or None.

    >>> bad_id_char("Vertrieb Süd"), bad_id_char("a\\u200bb"), bad_id_char("a\\u00a0b")
    (None, '\\u200b', '\\xa0')
    """
    if text.isprintable():
        return None
    return next(ch for ch in text if not ch.isprintable())


def bad_name_char(text: str) -> str | None:
    """The first character a name may not hold, or None.

    >>> bad_name_char("Kunden-\\nservice"), bad_name_char("abc\\u202egnp.exe")
    (None, '\\u202e')
    """
    m = NAME_FORBIDDEN.search(text)
    return None if m is None else m.group()


def bad_text_char(text: str) -> str | None:
    """The first character no text may hold, or None.

    >>> bad_text_char("a\\tb"), bad_text_char("a\\x01b")
    (None, '\\x01')
    """
    m = TEXT_FORBIDDEN.search(text)
    return None if m is None else m.group()


def describe(ch: str) -> str:
    """A character as a message names it.

    >>> describe("\\u202e"), describe("\\x00")
    ('U+202E (RIGHT-TO-LEFT OVERRIDE)', 'U+0000 (a control character)')
    """
    name = unicodedata.name(ch, "")
    if not name:
        kind = {"Cc": "a control character", "Cs": "a lone surrogate", "Cn": "not a character"}
        name = kind.get(unicodedata.category(ch), "unnamed")
        return f"U+{ord(ch):04X} ({name})"
    return f"U+{ord(ch):04X} ({name})"


def nfc(text: str) -> str:
    """``text`` in Unicode NFC (ASCII text is returned as it is, fast).

    >>> nfc("Gescha\\u0308ft") == "Geschäft"
    True
    """
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", text)


MAX_LABEL_CHARS = 80
"""Most characters of a name the renderers try to fit into a label; the rest is an ellipsis."""


def label_text(text: str, limit: int = MAX_LABEL_CHARS) -> str:
    """``text`` cut to ``limit`` characters, ending in an ellipsis when cut.

    Fitting a label measures prefixes of its text, so the cost grows with
    the square of its length: renderers fit this instead of a 200-character
    name.

    >>> label_text("Vertrieb"), len(label_text("x" * 500)), label_text("x" * 500)[-1]
    ('Vertrieb', 80, '…')
    """
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def longest_fit(lo: int, hi: int, fits) -> int | None:
    """The largest ``k`` in ``[lo, hi]`` for which ``fits(k)``, or None; ``fits`` must be monotone.

    Label fitting asks "does a text cut to ``k`` characters fit?", and the
    answer stays no once it is no: a binary search asks it ``log2(n)``
    times instead of ``n`` times.

    >>> longest_fit(2, 100, lambda k: k * 7 <= 300), longest_fit(2, 100, lambda k: False)
    (42, None)
    """
    best = None
    while lo <= hi:
        mid = (lo + hi) // 2
        if fits(mid):
            best, lo = mid, mid + 1
        else:
            hi = mid - 1
    return best
