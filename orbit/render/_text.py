"""Every word the exported images show, in English and German, and numbers in each language's style.

The render layer's only source of visible text: :func:`text` looks a key up
in :data:`TEXTS` and fills ``{placeholders}``; :func:`number`,
:func:`signed` and :func:`percent` format numbers for reading (``1,234`` and
``3.76`` in English, ``1.234`` and ``3,76`` in German, ``32%`` and ``32 %``).
The German words follow the app's (:mod:`orbit.i18n`), which the render
layer does not import. An unknown language gives English.

>>> text("de", "legend.departments"), text("xx", "legend.departments")
('Bereiche', 'Departments')
>>> number(1234.5, "de", 2), number(1234.5, "en", 2), percent(0.3171, "de")
('1.234,50', '1,234.50', '32 %')
"""

from __future__ import annotations

from .._numbers import number, percent, signed

__all__ = [
    "LANGS",
    "TEXTS",
    "customer_label",
    "kind_label",
    "lang_of",
    "number",
    "percent",
    "signed",
    "text",
    "via_text",
]

LANGS = ("en", "de")
"""The languages of the images; the first is the default."""

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        # title and footnote
        "title": "{head}{count} · via {via} · flagged at N = {n}",
        "title.units": "{units} units",
        "title.shown": " shown as {shown} departments",
        "title.depth": " (depth {depth})",
        "via.both": "both",
        "via.reports": "reports",
        "via.serves": "serves",
        "summary.mean_hops": "mean hops {value} (headcount-weighted)",
        "summary.share": "{share} of headcount within {n} hops",
        "summary.flagged": "{count} flagged",
        "summary.unreachable": " ({count} with no path)",
        "summary.misplaced": "{count} misplaced",
        "summary.layers": "{count} layers",
        "summary.layer": "{count} layer",
        "footnote.folded": "metrics of all units; the drawing folds them into departments, marker size = headcount",
        "footnote.aggregation": "departments to depth {depth}: {units} units shown as {shown}; size = headcount",
        # the orbit view
        "customer": "Customer",
        "ring.customer": "customer",
        "ring.touchpoints": "1 · touchpoints",
        "ring.touchpoints.short": "1 · touchpoints",
        "ring.unconnected": "unconnected",
        "relation.touchpoint": "touchpoint",
        "relation.serves": "service relation",
        "relation.reports_to": "reporting line",
        "legend.customer": "customer",
        "legend.flagged": "flagged: > {n} hops or no path",
        "legend.misplaced": "misplaced: drawn nearer than its hops\n(dotted to the ring it is really on)",
        "legend.misplaced.short": "misplaced: designed ring nearer than its hops",
        "legend.beyond": "beyond N = {n} hops",
        "legend.person": "{count} person",
        "legend.people": "{count} people",
        "legend.more": "{count} more",
        "legend.departments": "Departments",
        "legend.departments_headcount": "Departments (headcount)",
        "legend.key": "Key",
        "legend.key_sized": "Key (marker area ∝ headcount)",
        # the org chart
        "chart.title": "Org chart (reporting lines)",
        "chart.misplaced": "misplaced (dashed outline)",
        "chart.hops": "number in a box: hops to the customer",
        # the comparison
        "compare.units": "{units} units",
        "compare.design": "design",
        "compare.first": "first design",
        "compare.second": "second design",
        "compare.subtitle": "via {via} · flagged at N = {n}",
        "compare.change": "change",
        "compare.pp": "pp",
        "row.units": "units",
        "row.headcount": "headcount",
        "row.layers": "layers",
        "row.mean_hops": "mean hops (headcount-weighted)",
        "row.share_within_max_hops": "share of headcount within {n}",
        "row.flagged": "flagged",
        "row.unreachable": "unreachable (no path)",
    },
    "de": {
        "title": "{head}{count} · Wege {via} · markiert: mehr als N = {n} Schritte",
        "title.units": "{units} Einheiten",
        "title.shown": ", dargestellt als {shown} Bereiche",
        "title.depth": " (bis Ebene {depth})",
        "via.both": "über Berichtslinien und Leistungen",
        "via.reports": "nur über Berichtslinien",
        "via.serves": "nur über Leistungsbeziehungen",
        "summary.mean_hops": "Ø {value} Schritte (nach Beschäftigten gewichtet)",
        "summary.share": "{share} der Beschäftigten in ≤ {n} Schritten",
        "summary.flagged": "{count} markiert",
        "summary.unreachable": " ({count} ohne Weg)",
        "summary.misplaced": "{count} falsch platziert",
        "summary.layers": "{count} Hierarchieebenen",
        "summary.layer": "{count} Hierarchieebene",
        "footnote.folded": (
            "Kennzahlen aller Einheiten; die Zeichnung fasst sie zu Bereichen zusammen, Markergröße = Beschäftigte"
        ),
        "footnote.aggregation": (
            "Bereiche bis Ebene {depth}: {units} Einheiten als {shown} gezeigt; Größe = Beschäftigte"
        ),
        "customer": "Kunde",
        "ring.customer": "Kunde",
        "ring.touchpoints": "1 · Kontaktpunkte",
        "ring.touchpoints.short": "1 · Kontakt",
        "ring.unconnected": "ohne Verbindung",
        "relation.touchpoint": "Kontaktpunkt",
        "relation.serves": "Leistungsbeziehung",
        "relation.reports_to": "Berichtslinie",
        "legend.customer": "Kunde",
        "legend.flagged": "markiert: > {n} Schritte oder kein Weg",
        "legend.misplaced": "falsch platziert: näher gezeichnet als ihre\nSchritte (gepunktet: ihr wirklicher Ring)",
        "legend.misplaced.short": "falsch platziert: geplanter Ring näher als ihre Schritte",
        "legend.beyond": "jenseits von N = {n} Schritten",
        "legend.person": "{count} Person",
        "legend.people": "{count} Personen",
        "legend.more": "{count} weitere",
        "legend.departments": "Bereiche",
        "legend.departments_headcount": "Bereiche (Beschäftigte)",
        "legend.key": "Legende",
        "legend.key_sized": "Legende (Markerfläche ∝ Beschäftigte)",
        "chart.title": "Organigramm (Berichtslinien)",
        "chart.misplaced": "falsch platziert (gestrichelter Rand)",
        "chart.hops": "Zahl im Kasten: Schritte zum Kunden",
        "compare.units": "{units} Einheiten",
        "compare.design": "Organisation",
        "compare.first": "erste Organisation",
        "compare.second": "zweite Organisation",
        "compare.subtitle": "Wege {via} · markiert: mehr als N = {n} Schritte",
        "compare.change": "Veränderung",
        "compare.pp": "Pp.",
        "row.units": "Einheiten",
        "row.headcount": "Beschäftigte",
        "row.layers": "Hierarchieebenen",
        "row.mean_hops": "Ø Schritte (nach Beschäftigten gewichtet)",
        "row.share_within_max_hops": "Anteil Beschäftigte in ≤ {n} Schritten",
        "row.flagged": "markiert",
        "row.unreachable": "ohne Weg zum Kunden",
    },
}
"""``{language: {key: text}}``; both languages have the same keys."""

_KINDS_DE = {
    "leadership": "Leitung",
    "management": "Management",
    "department": "Bereich",
    "team": "Team",
    "role": "Rolle",
    "stream-aligned": "Stream-aligned Team",
    "platform": "Plattform",
    "enabling": "Enabling Team",
    "complicated subsystem": "Complicated-Subsystem-Team",
    "micro-enterprise": "Mikrounternehmen",
    "node": "Knoten",
    "coach": "Coach",
    "back office": "Backoffice",
    "partner": "Partner",
    "bridge builder": "Brückenbauer",
    "unit": "Einheit",
}
"""German names of the kinds' display labels (:data:`orbit.render.style.KIND_STYLES`)."""


def lang_of(lang) -> str:
    """``lang`` if it is a known language, else English."""
    return lang if lang in TEXTS else LANGS[0]


def text(lang, key: str, **values) -> str:
    """The text ``key`` in ``lang`` (English for an unknown language) with ``values`` filled in."""
    out = TEXTS[lang_of(lang)][key]
    return out.format(**values) if values else out


def customer_label(label, lang) -> str:
    """The customer's label: the file's own, or the default one ("Customer") in ``lang``.

    >>> customer_label("Customer", "de"), customer_label("Patient", "de"), customer_label(None, "en")
    ('Kunde', 'Patient', 'Customer')
    """
    if not label or str(label) == TEXTS[LANGS[0]]["customer"]:
        return text(lang, "customer")
    return str(label)


def via_text(via: str, lang) -> str:
    """How the title names ``via`` (``both``, ``reports`` or ``serves``); other values as they are."""
    key = f"via.{via}"
    return text(lang, key) if key in TEXTS[LANGS[0]] else str(via)


def kind_label(label: str, lang) -> str:
    """A kind's display label (``leadership``, ``partner`` …) in ``lang``."""
    if lang_of(lang) == "de":
        return _KINDS_DE.get(label, label)
    return label
