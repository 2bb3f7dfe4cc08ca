"""The one error type that loaders, validation and the CLI agree on."""

from __future__ import annotations

MAX_MESSAGE_CHARS = 1000
"""Longest message an :class:`OrgError` shows; the rest is cut with an ellipsis."""

_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape_controls(text) -> str:
    """``text`` with every invisible or control character written as an escape.

    Line breaks, tabs, control characters, bidi overrides, zero-width and
    other format characters, and separators other than the plain space
    become ``\\n``, ``\\t``, ``\\x00``, ``\\u202e`` ...; everything a
    terminal shows as itself (umlauts, CJK, emoji) stays. A message built
    from untrusted values is then always one line that shows what is there.

    >>> print(escape_controls("a\\nerror: forged\\u202e"))
    a\\nerror: forged\\u202e
    >>> escape_controls("Geschäftsführung")
    'Geschäftsführung'
    """
    text = str(text)
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch.isprintable():
            out.append(ch)
        elif ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        else:
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
    return "".join(out)


def shown(value, limit: int = 60) -> str:
    """``repr(value)``, cut to about ``limit`` characters, for a message.

    >>> shown("x" * 100, 10)
    "'xxxxxxxxx…' (100 characters)"
    >>> shown(3)
    '3'
    """
    if isinstance(value, str) and len(value) > limit:
        head = repr(value[: max(limit - 1, 1)])
        return f"{head[:-1]}…{head[-1]} ({len(value):,} characters)"
    text = repr(value)
    return text if len(text) <= limit + 2 else text[:limit] + "…"


class OrgError(ValueError):
    """Bad input: names the file, the line (when there is one) and what is wrong.

    ``str(err)`` is the one-line message the CLI prints after ``error: ``,
    for example ``units.csv:7: unknown parent 'ops' of unit 'hotline'``.
    Control and invisible characters in the file name and the message are
    escaped (:func:`escape_controls`), so a hostile value can never start a
    second line; messages are cut at :data:`MAX_MESSAGE_CHARS`.

    Parameters
    ----------
    source : str
        The file name (or a label such as ``<upload>``).
    line : int or None
        1-based line number as a text editor shows it; ``None`` when the
        problem concerns the whole file.
    message : str
        What is wrong, naming the offending id or value.
    """

    def __init__(self, source: str, line: int | None, message: str):
        self.source = escape_controls(source)
        self.line = line
        message = escape_controls(message)
        if len(message) > MAX_MESSAGE_CHARS:
            message = message[: MAX_MESSAGE_CHARS - 1] + "…"
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.message}"

    def __reduce__(self):
        # picklable as it was made (the worker process of :func:`orbit.formats.load_isolated` sends it back)
        return (type(self), (self.source, self.line, self.message))


class UnknownParentError(OrgError):
    """A unit's parent names no unit of the file (the readers then try the parent as a name or e-mail)."""
