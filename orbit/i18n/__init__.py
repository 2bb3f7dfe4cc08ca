"""Every text Orbit shows, in English and German: one table, one lookup.

:data:`STRINGS` is the one table, ``{key: {"en": text, "de": text}}``, kept
in data files by area (they share one key namespace; a key is defined once):

- :mod:`orbit.i18n.app_texts`: the app (page, sidebar, tabs, hover texts);
- :mod:`orbit.i18n.image_texts`: the exported images (``image.*``) and the
  words every diagram shares (``customer``, ``ring.*``, ``relation.*``,
  ``kind.*``);
- :mod:`orbit.i18n.check_texts`: the design checks (``check.*``);
- :mod:`orbit.i18n.library_texts`: the design library in the app (``lib.*``),
  the editor's columns, forms, problems and version messages, the History tab.
- :mod:`orbit.i18n.deck_texts`: the board pack, ``orbit deck`` (``deck.*``).
- :mod:`orbit.i18n.access_texts`: sign-in and sharing in the app.
- :mod:`orbit.i18n.workshop_texts`: the app's workshop features (first
  screen, compare story, presenter mode).

Look a text up with :func:`text` (any code) or a :class:`Translator` (the
app); both fill ``{placeholders}`` and fall back to English for an unknown
language. Numbers and shares in each language's style come from
:mod:`orbit.i18n.numbers` (:func:`number`, :func:`signed`, :func:`percent`).
This package imports nothing else of Orbit, so every layer may use it.

To add a text: put one entry with both languages in the area's file (a test
fails when a key lacks a language, is defined twice, or its two texts have
different placeholders) and look it up by its key.

>>> text("de", "image.legend.departments"), text("xx", "image.legend.departments")
('Bereiche', 'Departments')
>>> tr = Translator("de")
>>> tr("tab.compare"), tr("metric.flagged")
('Vergleichen', 'Markierte Einheiten')
>>> Translator("en")("sidebar.loaded", name="a.csv", units=3)
'Opened a.csv: 3 units.'
>>> number(1234.5, "de", 2), number(1234.5, "en", 2), percent(0.3171, "de")
('1.234,50', '1,234.50', '32 %')
"""

from __future__ import annotations

from collections.abc import Mapping

from . import access_texts, app_texts, check_texts, deck_texts, image_texts, library_texts, workshop_texts
from .numbers import number, percent, signed

__all__ = [
    "LANGS",
    "LANGUAGES",
    "STRINGS",
    "Translator",
    "customer_label",
    "figure_texts",
    "kind_label",
    "lang_of",
    "missing_translations",
    "number",
    "percent",
    "ring_label",
    "signed",
    "text",
    "via_text",
]

LANGUAGES = {"en": "English", "de": "Deutsch"}
"""Language codes and their names as the language picker shows them."""

LANGS = tuple(LANGUAGES)
"""The language codes; the first (English) is the default and the fallback."""

AREAS = (app_texts, image_texts, check_texts, library_texts, deck_texts, workshop_texts, access_texts)
"""The data files of the table."""


def _merge(areas) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for area in areas:
        for key, texts in area.TEXTS.items():
            if key in out:
                raise ValueError(f"text key {key!r} is defined twice (again in {area.__name__})")
            out[key] = texts
    return out


STRINGS: dict[str, dict[str, str]] = _merge(AREAS)
"""``{key: {language: text}}``: every user-facing text of Orbit."""


def lang_of(lang) -> str:
    """``lang`` if it is a known language, else English.

    >>> lang_of("de"), lang_of("fr"), lang_of(None)
    ('de', 'en', 'en')
    """
    return lang if lang in LANGUAGES else LANGS[0]


def text(lang, key: str, **values) -> str:
    """The text ``key`` in ``lang`` (English for an unknown language) with ``values`` filled in.

    Raises
    ------
    KeyError
        Naming the key when the table has no such text.
    """
    lang = lang_of(lang)
    try:
        out = STRINGS[key][lang]
    except KeyError:
        raise KeyError(f"no text {key!r} in language {lang!r}") from None
    return out.format(**values) if values else out


def customer_label(label, lang) -> str:
    """The customer's label: the file's own, or the default one ("Customer") in ``lang``.

    >>> customer_label("Customer", "de"), customer_label("Patient", "de"), customer_label(None, "en")
    ('Kunde', 'Patient', 'Customer')
    """
    if not label or str(label) == STRINGS["customer"][LANGS[0]]:
        return text(lang, "customer")
    return str(label)


def via_text(via: str, lang) -> str:
    """How an image's title names ``via`` (``both``, ``reports`` or ``serves``); other values as they are.

    >>> via_text("reports", "de"), via_text("other", "de")
    ('nur über Berichtslinien', 'other')
    """
    key = f"image.via.{via}"
    return text(lang, key) if key in STRINGS else str(via)


def kind_label(label: str, lang) -> str:
    """A kind's display label (``leadership``, ``back office`` … of :data:`orbit.render.style.KIND_STYLES`) in ``lang``.

    >>> kind_label("back office", "de"), kind_label("squad", "de")
    ('Backoffice', 'squad')
    """
    key = "kind." + str(label).replace(" ", "-")
    return text(lang, key) if key in STRINGS else label


def ring_label(ring, lang="en") -> str:
    """The text on a ring of an image: ``0`` is the customer, ``1`` the touchpoint ring, ``None`` unconnected.

    >>> ring_label(1), ring_label(3), ring_label(None, "de")
    ('1 · touchpoints', '3', 'ohne Verbindung')
    """
    if ring is None:
        return text(lang, "ring.unconnected")
    ring = int(ring)
    if ring == 0:
        return text(lang, "ring.customer")
    if ring == 1:
        return text(lang, "ring.touchpoints")
    return str(ring)


_FIGURE_KEYS = (
    "hover.kind",
    "hover.headcount",
    "hover.hops",
    "hover.ring",
    "hover.path",
    "hover.flagged",
    "hover.misplaced",
    "hover.none",
    "hover.step",
    "ring.unconnected",
    "legend.flagged",
    "legend.flagged_folded",
    "legend.selected",
    "legend.path",
    "legend.journey",
    "legend.relations",
    "legend.other",
    "legend.moved",
)


def figure_texts(lang) -> dict[str, str]:
    """The labels the interactive figures need (``kind``, ``legend_flagged`` …), in ``lang``.

    Templates keep their placeholders (``ring`` is ``"Ring {k}"``).

    >>> figure_texts("de")["ring"], figure_texts("en")["legend_path"]
    ('Ring {k}', 'path to the customer')
    """
    out = {}
    for key in _FIGURE_KEYS:
        group, name = key.split(".", 1)
        out[f"legend_{name}" if group == "legend" else name] = text(lang, key)
    out["ring"] = STRINGS["ring.label"][lang_of(lang)]
    out["lang"] = lang_of(lang)  # numbers in the notes of folded boxes
    out.update({key: texts[lang_of(lang)] for key, texts in STRINGS.items() if key.startswith("kind.")})
    return out


class Translator:
    """Look up texts in one language (the app's session language).

    Parameters
    ----------
    lang : {'en', 'de'}
        Unknown codes fall back to English.

    Examples
    --------
    >>> Translator("de")("ring.label", k=2)
    'Ring 2'
    >>> Translator("xx").lang
    'en'
    """

    def __init__(self, lang: str = "en"):
        self.lang = lang_of(lang)

    def __call__(self, key: str, **values) -> str:
        return text(self.lang, key, **values)

    def has(self, key: str) -> bool:
        """Whether the table has a text ``key``."""
        return key in STRINGS

    def customer(self, label: str | None) -> str:
        """The customer label: the file's own, or the language's default.

        >>> Translator("de").customer("Customer"), Translator("de").customer("Patient")
        ('Kunde', 'Patient')
        """
        return customer_label(label, self.lang)

    def number(self, value, digits: int = 0) -> str:
        """A number in the language's style (German: 1.234,5).

        >>> Translator("de").number(1234.5, 1), Translator("en").number(1234.5, 1)
        ('1.234,5', '1,234.5')
        """
        return "–" if value is None else number(value, self.lang, digits)

    def signed(self, value, digits: int = 0) -> str:
        """A change with its sign in the language's style.

        >>> Translator("de").signed(-0.254, 2), Translator("en").signed(1234)
        ('-0,25', '+1,234')
        """
        return signed(value, self.lang, digits)

    def percent(self, share) -> str:
        """A share 0..1 as a percentage.

        >>> Translator("de").percent(0.523)
        '52 %'
        """
        return "–" if share is None else percent(share, self.lang)

    def figure_text(self) -> dict[str, str]:
        """The labels the interactive figures need, in this language (see :func:`figure_texts`)."""
        return figure_texts(self.lang)


def missing_translations(strings: Mapping[str, Mapping[str, str]] = STRINGS) -> list[str]:
    """Keys that lack a text in some language (empty when complete).

    >>> missing_translations()
    []
    """
    return [f"{key}:{lang}" for key, texts in strings.items() for lang in LANGUAGES if not texts.get(lang)]
