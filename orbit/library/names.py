"""Design names and ``library:NAME@N`` references (plain text rules; no database needed).

Names are compared case-insensitively and with runs of spaces taken as one
(:func:`name_key`), on every database alike, so ``Option A`` and
``option  a`` are the same design. A reference names a design in the
library wherever a file is expected: ``library:NAME`` is its latest version,
``library:NAME@N`` version N.

A name is unique among the designs of one owner. Where several designs
someone can see share a name, ``OWNER/NAME`` names one of them
(``library:alice@example.com/Option A@3``, see :func:`split_owner`).

>>> parse_reference("library:Option A@3")
Reference(name='Option A', version=3)
>>> str(Reference("Option A"))
'library:Option A'
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from .access import normalise_email

NAME_MAX = 200
"""Longest design name, in characters."""
KEY_MAX = 4 * NAME_MAX
"""Longest :func:`name_key` (NFKC can lengthen a name: ``ﬃ`` becomes ``ffi``)."""

PREFIX = "library:"
"""What starts a reference to a design in the library."""

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_SUFFIX = re.compile(r"^(?P<base>.*?) \((?P<n>[1-9]\d*)\)$")


def name_key(name: str) -> str:
    """The form in which names are compared: NFKC, case-folded, spaces collapsed.

    >>> name_key("  Option\\u00a0 A ") == name_key("option a")
    True
    """
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def clean_name(name) -> str:
    """The name as stored (outer spaces removed), or ``ValueError`` saying what is wrong with it.

    >>> clean_name("  Option A ")
    'Option A'
    """
    if not isinstance(name, str):
        raise ValueError(f"a design name must be text, not {type(name).__name__}")
    cleaned = name.strip()
    if not cleaned:
        raise ValueError("a design name must not be empty")
    if _CONTROL.search(cleaned):
        raise ValueError(f"design name {cleaned!r} contains a control character (tab, line break …)")
    if len(cleaned) > NAME_MAX or len(name_key(cleaned)) > KEY_MAX:
        raise ValueError(f"design name {cleaned[:40] + '…'!r} is longer than {NAME_MAX} characters")
    if cleaned.lower().startswith(PREFIX):
        raise ValueError(f"design name {cleaned!r} must not start with {PREFIX!r}")
    if split_owner(cleaned)[0] is not None:
        raise ValueError(
            f"design name {cleaned!r} must not start with an e-mail address and '/' (that form names a design's owner)"
        )
    return cleaned


_QUALIFIED = re.compile(r"^\s*(?P<owner>[^\s/@]+@[^\s/@]+)/(?P<name>.*)$", re.DOTALL)


def split_owner(text: str) -> tuple[str | None, str]:
    """The owner (normalised) and the name of ``OWNER/NAME``; ``(None, text)`` for a name without owner.

    Only an e-mail address before the first ``/`` is an owner, so names such
    as ``Sales/Service`` or ``R&D @ Berlin/Plan`` stay names.

    >>> split_owner("Alice@Example.com/Option A")
    ('alice@example.com', 'Option A')
    >>> split_owner("Sales/Service")
    (None, 'Sales/Service')
    """
    m = _QUALIFIED.match(text) if isinstance(text, str) else None
    if m is None:
        return None, text
    try:
        return normalise_email(m["owner"]), m["name"]
    except ValueError:
        return None, text


def split_at_slash(text: str) -> tuple[str, str] | None:
    """The text before and after the first ``/``, both non-empty, or ``None``.

    How ``OWNER/NAME`` is also read for owners that are not e-mail addresses
    (designs saved before sign-in by an OS user or ``anonymous``): such text
    is looked up both as a name and as an owner's name.

    >>> split_at_slash("maria/Plan"), split_at_slash("Plan")
    (('maria', 'Plan'), None)
    """
    head, slash, tail = text.partition("/") if isinstance(text, str) else ("", "", "")
    head, tail = " ".join(head.split()), tail.strip()
    return (head, tail) if slash and head and tail else None


def qualified(owner: str, name: str) -> str:
    """``OWNER/NAME``, the name of a design with its owner (see :func:`split_owner`).

    >>> qualified("alice@example.com", "Option A")
    'alice@example.com/Option A'
    """
    return f"{owner}/{name}"


def numbered(base: str, n: int) -> str:
    """``base`` with the suffix `` (n)``; n = 1 is the base itself.

    >>> numbered("Option A", 1), numbered("Option A", 2)
    ('Option A', 'Option A (2)')
    """
    return base if n == 1 else f"{base} ({n})"


def split_number(name: str) -> tuple[str, int]:
    """The base of a numbered name and its number (1 when it has none).

    >>> split_number("Option A (3)"), split_number("Option A")
    (('Option A', 3), ('Option A', 1))
    """
    m = _SUFFIX.match(name)
    return (m["base"], int(m["n"])) if m else (name, 1)


class Reference(NamedTuple):
    """A design in the library, and optionally one of its versions (``None`` = the latest)."""

    name: str
    version: int | None = None

    def __str__(self) -> str:
        return f"{PREFIX}{self.name}" if self.version is None else f"{PREFIX}{self.name}@{self.version}"


def is_reference(text) -> bool:
    """True when ``text`` names a design in the library (starts with ``library:``).

    >>> is_reference("library:Today"), is_reference("today.yaml")
    (True, False)
    """
    return isinstance(text, str) and text.startswith(PREFIX)


def parse_reference(text: str) -> Reference:
    """Split ``library:NAME`` or ``library:NAME@N`` into name and version.

    Only a last ``@`` followed by digits is a version, so names may hold
    ``@`` (``library:R&D @ Berlin``); a name that itself ends in ``@`` and
    digits is referenced with its version written out (``library:x@2@1``).

    Raises
    ------
    ValueError
        Without the ``library:`` prefix, without a name, or with version 0.

    Examples
    --------
    >>> parse_reference("library:Option A")
    Reference(name='Option A', version=None)
    >>> parse_reference("library:R&D @ Berlin@12")
    Reference(name='R&D @ Berlin', version=12)
    """
    if not is_reference(text):
        raise ValueError(f"{text!r} is not a library reference: write library:NAME or library:NAME@VERSION")
    body = text[len(PREFIX) :]
    version = None
    name, at, tail = body.rpartition("@")
    if at and tail.isascii() and tail.isdigit():
        version = int(tail)
        if version < 1:
            raise ValueError(f"{text!r}: versions are numbered from 1")
        body = name
    if not body.strip():
        raise ValueError(f"{text!r} names no design: write library:NAME or library:NAME@VERSION")
    return Reference(body.strip(), version)


__all__ = [
    "KEY_MAX",
    "NAME_MAX",
    "PREFIX",
    "Reference",
    "clean_name",
    "is_reference",
    "name_key",
    "numbered",
    "parse_reference",
    "qualified",
    "split_at_slash",
    "split_number",
    "split_owner",
]
