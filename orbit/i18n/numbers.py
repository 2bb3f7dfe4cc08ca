"""Numbers for reading in each language's style: ``1,234.5`` and ``32%`` in English, ``1.234,5`` and ``32 %`` in German.

Part of :mod:`orbit.i18n`: shared by the design checks' messages, the exported images and the app. An
unknown language gives English.
"""

from __future__ import annotations


def _is_german(lang) -> bool:
    return lang == "de"


def _german(formatted: str) -> str:
    """``1,234.5`` → ``1.234,5``."""
    return formatted.translate(str.maketrans({",": ".", ".": ","}))


def number(value, lang, decimals: int = 0) -> str:
    """``value`` with thousands separators and ``decimals`` places in the language's style.

    >>> number(3000, "en"), number(3000, "de"), number(3.756, "de", 2)
    ('3,000', '3.000', '3,76')
    """
    out = f"{value:,.{decimals}f}"
    return _german(out) if _is_german(lang) else out


def signed(value, lang, decimals: int = 0) -> str:
    """``number`` with a sign: ``+1,234`` / ``+1.234``, ``-0.25`` / ``-0,25``."""
    out = f"{value:+,.{decimals}f}"
    return _german(out) if _is_german(lang) else out


def percent(share, lang, decimals: int = 0) -> str:
    """A share (0…1) as a percentage: ``32%`` in English, ``32 %`` in German."""
    out = f"{share:.{decimals}%}"
    if _is_german(lang):
        return _german(out[:-1]) + " %"
    return out
