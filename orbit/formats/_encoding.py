"""Which 8-bit encoding a text file that is not UTF-8 was written in: Windows-1252 or Mac Roman.

Exports from old Mac spreadsheets and some government portals come as Mac
Roman; Windows tools write Windows-1252. Both decode any byte, so the
choice is made by what the text then says: letters inside words and the
usual punctuation (``§``, ``–``, quotes) are plausible, rare signs (``¤``,
``¦``, ``¯``), control characters and a capital in the middle of a
lower-case word are not. The encoding whose reading is clearly the more
plausible wins; when neither is, the file is refused with a message asking
for ``--encoding`` rather than guessed.
"""

from __future__ import annotations

import codecs

from ..errors import OrgError

CANDIDATES = ("cp1252", "mac_roman")
"""The 8-bit encodings told apart, in the order of preference on a tie that changes nothing."""
NAMES = {"cp1252": "Windows-1252", "mac_roman": "Mac Roman"}

_COMMON_SIGNS = set("–—‘’‚“”„…•€§°«»©®™·£¥¢±×÷µ¶†‡¿¡ºª")
"""Non-letters that real texts use."""


def _plausibility(text: str) -> int:
    """A score of how much the non-ASCII characters of ``text`` read like real text."""
    score = 0
    n = len(text)
    for i, ch in enumerate(text):
        if ch.isascii():
            continue
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < n else " "
        if ch.isalpha():
            if ch.isupper() and prev.isalpha() and prev.islower():
                score -= 2  # "MŸller": a capital inside a lower-case word
            elif prev.isalpha() or nxt.isalpha():
                score += 2
            else:
                score += 1
        elif ch in _COMMON_SIGNS:
            score += 1
        else:
            score -= 3  # ¤ ¦ ¨ ¯ ¸ ˇ ˘ ˙ ¬ √ ∆ ◊ , controls …
    return score


def legacy_encoding(data: bytes, source: str) -> str:
    """The codec a non-UTF-8 text was written in (``"cp1252"`` or ``"mac_roman"``).

    Raises
    ------
    OrgError
        When both readings are equally plausible and differ, naming a line
        where they do and how to choose.

    Examples
    --------
    >>> legacy_encoding("Geschäftsführung § 3".encode("mac_roman"), "x.csv")
    'mac_roman'
    >>> legacy_encoding("Geschäftsführung § 3".encode("cp1252"), "x.csv")
    'cp1252'
    """
    readings = {}
    for codec in CANDIDATES:
        try:
            readings[codec] = data.decode(codec)
        except UnicodeDecodeError:
            continue  # cp1252 leaves five bytes undefined
    if len(readings) == 1:
        return next(iter(readings))
    win, mac = readings["cp1252"], readings["mac_roman"]
    scores = {"cp1252": _plausibility(win), "mac_roman": _plausibility(mac)}
    if scores["mac_roman"] > scores["cp1252"]:
        return "mac_roman"
    if scores["cp1252"] > scores["mac_roman"]:
        return "cp1252"
    i = next((k for k, (a, b) in enumerate(zip(win, mac, strict=True)) if a != b), None)
    if i is None:  # pragma: no cover - a non-UTF-8 file has a byte above 0x7F, read differently by the two
        return "cp1252"
    line = win.count("\n", 0, i) + 1
    raise OrgError(
        source,
        line,
        f"cannot tell the encoding: {win[i]!r} in Windows-1252 or {mac[i]!r} in Mac Roman; "
        "give --encoding cp1252 or --encoding mac_roman (or save the file as UTF-8)",
    )


def check_codec(encoding: str, source: str) -> str:
    """The canonical name of a codec Python knows.

    Raises
    ------
    OrgError
        For an unknown name, with examples of known ones.
    """
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise OrgError(
            source,
            None,
            f"unknown encoding {encoding!r}: give a codec Python knows (utf-8, cp1252, mac_roman, latin-1)",
        ) from None
    try:  # text codecs only: rot13 or base64 do not read a file
        "x".encode(info.name)
    except (TypeError, LookupError):
        raise OrgError(source, None, f"{encoding!r} is not a text encoding") from None
    return info.name


def decode_with(data: bytes, encoding: str, source: str) -> str:
    """``data`` decoded with the codec the user named, or one line naming the byte and its line."""
    codec = check_codec(encoding, source)
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise OrgError(source, line, f"byte 0x{data[err.start]:02x} is not valid {encoding}") from None
    return text[1:] if text.startswith("\ufeff") else text
