"""Fitting text into room: widths, shortening, wrapping, hyphenation, thinner names.

Widths are measured with matplotlib's font engine (the metrics the images
use); nothing here draws. Shared by the matplotlib drawings, label placement
(:mod:`orbit.render.labels`) and the plotly figures (:func:`shorten`).
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from .._chars import MAX_LABEL_CHARS, label_text, longest_fit

__all__ = [
    "LABEL_CHARS",
    "ContextualNames",
    "contextual_names",
    "fit_line",
    "shorten",
    "text_width",
    "two_lines",
    "without_shared_words",
    "wrap_at",
    "wrap_label",
]


@lru_cache(maxsize=16)
def _font(size: float, weight: str):
    from matplotlib.font_manager import FontProperties

    return FontProperties(size=size, weight=weight)


@lru_cache(maxsize=1 << 16)
def text_width(text: str, size: float, weight: str = "normal") -> float:
    """Width of ``text`` in points, as matplotlib will draw it (remembered: labels are measured again and again)."""
    from matplotlib.textpath import text_to_path

    w, _, _ = text_to_path.get_text_width_height_descent(text, _font(float(size), weight), ismath=False)
    return float(w) * 1.02 + 0.5


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis.

    >>> shorten("Vertriebsinnendienst / Auftragsabwicklung", 20)
    'Vertriebsinnendiens…'
    """
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 1)].rstrip(" /,;-–&") + "…"


LABEL_CHARS = 30
"""The longest unit label of the orbit view before it is cut with an ellipsis."""


def two_lines(text: str) -> str:
    """``text`` broken at the space nearest its middle ("" for a single word)."""
    spaces = [k for k, ch in enumerate(text) if ch == " "]
    if not spaces:
        return ""
    mid = min(spaces, key=lambda k: abs(k - len(text) / 2))
    return text[:mid] + "\n" + text[mid + 1 :]


def contextual_names(ids: np.ndarray, names: np.ndarray, department: np.ndarray) -> np.ndarray:
    """Names without the words they share with their department's name.

    ``Inbetriebnahme & Service Pharma & Medizintechnik 1`` in the department
    ``Kundenteam Pharma & Medizintechnik`` becomes ``Inbetriebnahme &
    Service 1``: the department is told by the colour. Names that would lose
    everything, and the departments themselves, are kept as they are.
    :class:`ContextualNames` gives the same names one at a time.
    """
    short = ContextualNames(ids, names, department)
    out = np.empty(len(ids), dtype=object)
    for i in range(len(ids)):
        out[i] = short[i]
    return out


class ContextualNames:
    """:func:`contextual_names`, worked out for a unit code when first asked.

    A drawing of 10,000 units tries labels for a few hundred of them; this
    spares it cutting every other name.

    >>> short = ContextualNames(np.array(["d", "u"]), np.array(["Kundenteam Pharma", "Labor Pharma 1"]),
    ...                         np.array(["d", "d"]))
    >>> short[1], short[0]
    ('Labor 1', 'Kundenteam Pharma')
    """

    def __init__(self, ids: np.ndarray, names: np.ndarray, department: np.ndarray):
        self._ids, self._names, self._department = ids, names, department
        self._dept_name: dict | None = None
        self._done: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self._ids)

    def __getitem__(self, i) -> str:
        i = int(i)
        text = self._done.get(i)
        if text is None:
            text = self._done[i] = self._short(i)
        return text

    def _short(self, i: int) -> str:
        if self._dept_name is None:
            self._dept_name = dict(zip(self._ids, self._names))
        name, dep = self._names[i], self._department[i]
        if dep == self._ids[i] or dep not in self._dept_name:
            return shorten(name, LABEL_CHARS)
        cut = without_shared_words(str(name), str(self._dept_name[dep]))
        return shorten(cut or name, LABEL_CHARS)


def without_shared_words(name: str, other: str) -> str:
    """``name`` without the longest run of words it shares with ``other`` ("" if nothing useful is left).

    >>> without_shared_words("Konstruktion Pharma & Medizintechnik 1", "Kundenteam Pharma & Medizintechnik")
    'Konstruktion 1'
    """
    a, b = name.split(), other.split()
    best = (0, 0, 0)  # length, start in a
    for i in range(len(a)):
        for j in range(len(b)):
            m = 0
            while i + m < len(a) and j + m < len(b) and a[i + m].lower() == b[j + m].lower():
                m += 1
            if m > best[0]:
                best = (m, i, j)
    m, i, _ = best
    shared = a[i : i + m]
    if not m or (m == 1 and len(shared[0]) < 6):
        return ""
    rest = a[:i] + a[i + m :]
    joiners = {"&", "-", "–", "/", "und", "and", "+", "|"}
    while rest and rest[-1] in joiners:
        rest.pop()
    while rest and rest[0] in joiners:
        rest.pop(0)
    # a joiner left doubled where the shared words were
    cleaned = [w for k, w in enumerate(rest) if not (w in joiners and k + 1 < len(rest) and rest[k + 1] in joiners)]
    text = " ".join(cleaned)
    return text if len(text) >= 3 and text != name else ""


def wrap_at(line: str, sep: str, size: float, weight: str, room: float) -> list[str]:
    """``line`` broken between its ``sep``-separated parts so that each line fits ``room`` points where it can.

    >>> wrap_at("a · b", " · ", 9.0, "normal", 1000.0), wrap_at("a · b", " · ", 9.0, "normal", 10.0)
    (['a · b'], ['a', 'b'])
    """
    parts = line.split(sep)
    lines = [parts[0]]
    for part in parts[1:]:
        trial = lines[-1] + sep + part
        if text_width(trial, size, weight) <= room:
            lines[-1] = trial
        else:
            lines.append(part)
    return lines


def wrap_label(
    text: str,
    size: float,
    width: float,
    *,
    weight: str = "normal",
    max_lines: int = 3,
    last: float = 0.0,
    limit: int = MAX_LABEL_CHARS,
):
    """``text`` broken into at most ``max_lines`` lines that fit ``width`` points.

    Breaks between words, after hyphens and slashes, and inside a word that
    is too long for a line (with a hyphen). What does not fit ends in an
    ellipsis. ``last`` narrows the last line by that many points (room for a
    corner badge); ``limit`` is the most characters of ``text`` tried (a
    unit's name: :data:`orbit._chars.MAX_LABEL_CHARS`; a slide's title or
    headline may be longer). Returns the lines and whether the text had to
    be cut.

    >>> wrap_label("Kundenservice Region Süd", 7.5, 60)
    (['Kundenservice', 'Region Süd'], False)
    """
    words = _break_points(label_text(" ".join(str(text).split()), limit))
    lines: list[str] = []
    line = ""
    cut = hyphenated = False
    i = 0
    while i < len(words):
        room = width - (last if len(lines) == max_lines - 1 else 0.0)
        word = words[i]
        trial = (line + word).strip() if line else word.strip()
        if text_width(trial, size, weight) <= room:
            line = line + word if line else word.lstrip()
            i += 1
            continue
        if line:
            full = width - (last if len(lines) + 1 == max_lines - 1 else 0.0)
            left = room - text_width(line.rstrip() + " ", size, weight)
            if text_width(word.strip(), size, weight) > full and left > 3 * size:
                # too long for a line of its own: start it here, hyphenated
                head, tail = _hyphenate(word.strip(), size, weight, left, joints_only=True)
                if head:
                    line, words[i] = line.rstrip() + " " + head, tail
            lines.append(line.strip())
            line = ""
            if len(lines) == max_lines:
                cut = True
                hyphenated = lines[-1].endswith("-") and not word.startswith(" ") and words[i] != word
                break
            continue
        # a single piece wider than the line: hyphenate it
        head, tail = _hyphenate(word.strip(), size, weight, room)
        lines.append(head)
        words[i] = tail
        if len(lines) == max_lines:
            cut, hyphenated = True, True
            break
    else:
        if line:
            lines.append(line.strip())
    if cut:
        head = lines[-1][:-1] if hyphenated else lines[-1]
        rest = head + line + "".join(words[i:])  # pieces keep their own spaces
        lines[-1] = fit_line(" ".join(rest.split()), size, weight, width - last)
    return lines, cut


def _break_points(text: str) -> list[str]:
    """Pieces to wrap: words (with their leading space) split after ``-`` and ``/``."""
    out = []
    for k, word in enumerate(text.split(" ")):
        parts = re.findall(r"[^-/]+[-/]?|[-/]", word) or [word]
        parts[0] = (" " if k else "") + parts[0]
        out.extend(parts)
    return out


_JOINTS = ("ions", "ungs", "täts", "heits", "keits", "schafts", "ments", "lings", "tions")


_MORPHEMES = (
    "abteilung", "abwicklung", "analyse", "anlagen", "bearbeitung", "beratung", "betreuung", "buchhaltung",
    "dienst", "einsatz", "einsätze", "entwicklung", "fertigung", "gruppe", "kontrolle", "leitung", "logistik",
    "management", "montage", "planung", "prüfung", "schicht", "service", "sicherung", "steuerung", "systeme",
    "technik", "verwaltung", "versorgung", "vertrieb", "wesen", "zentrale",
)  # fmt: skip


_VOWELS = frozenset("aeiouäöüyAEIOUÄÖÜY")


_DIGRAPHS = frozenset({"ch", "ck", "sc", "ph", "th", "qu", "ng", "gs"})  # not cut between these


def _hyphenate(word: str, size: float, weight: str, room: float, *, joints_only: bool = False) -> tuple[str, str]:
    """Split ``word`` into a head that fits ``room`` with a hyphen, and the rest.

    Prefers the joints of German compounds (``Konstruktions-gruppe``,
    ``Debitoren-buchhaltung``), then a break between two consonants after a
    vowel (``Fertigungs-steue-rung``), then simply the longest head that fits.
    """
    longest = longest_fit(2, len(word) - 2, lambda c: text_width(word[:c] + "-", size, weight) <= room)
    fits = range(2, (longest or 1) + 1)
    if not fits:
        return word[:1] + "-", word[1:]
    best = fits[-1]
    low = word.lower()
    ok = [c for c in fits if c >= 3 and len(word) - c >= 3]
    joints = [c for c in ok if low[:c].endswith(_JOINTS) or low[c:].startswith(_MORPHEMES)]
    if joints:
        return word[: joints[-1]] + "-", word[joints[-1] :]
    if joints_only:
        return "", word
    syllables = [
        c for c in ok if c >= 0.6 * best and word[c - 2] in _VOWELS and word[c - 1] not in _VOWELS
        and word[c] not in _VOWELS and low[c - 1 : c + 1] not in _DIGRAPHS
    ]  # fmt: skip
    cut = syllables[-1] if syllables else best
    return word[:cut] + "-", word[cut:]


def fit_line(text: str, size: float, weight: str, width: float) -> str:
    """``text`` on one line of at most ``width`` points: whole if it fits, else shortened with an ellipsis."""
    text = label_text(text)
    if text_width(text, size, weight) <= width:
        return text
    limit = longest_fit(2, len(text) - 1, lambda k: text_width(shorten(text, k), size, weight) <= width)
    return text[:1] + "…" if limit is None else shorten(text, limit)
