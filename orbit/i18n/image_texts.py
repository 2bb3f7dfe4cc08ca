"""Texts of the exported images (matplotlib renderer), in English and German.

Part of the one text table (:data:`orbit.i18n.STRINGS`); look texts up with
:func:`orbit.i18n.text`. Keys of the images start with ``image.``; the ring,
relation, customer and kind words (``ring.*``, ``relation.*``, ``customer``,
``kind.*``) are shared with the app.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # ------------------------------------------------------- title and footnote
    "image.title": {
        "en": "{head}{count} · via {via} · flagged at N = {n}",
        "de": "{head}{count} · Wege {via} · markiert: mehr als N = {n} Schritte",
    },
    "image.title.units": {"en": "{units} units", "de": "{units} Einheiten"},
    "image.title.shown": {"en": " shown as {shown} departments", "de": ", dargestellt als {shown} Bereiche"},
    "image.title.depth": {"en": " (depth {depth})", "de": " (bis Ebene {depth})"},
    "image.via.both": {"en": "both", "de": "über Berichtslinien und Leistungen"},
    "image.via.reports": {"en": "reports", "de": "nur über Berichtslinien"},
    "image.via.serves": {"en": "serves", "de": "nur über Leistungsbeziehungen"},
    "image.summary.mean_hops": {
        "en": "mean hops {value} (headcount-weighted)",
        "de": "Ø {value} Schritte (nach Beschäftigten gewichtet)",
    },
    "image.summary.share": {
        "en": "{share} of headcount within {n} hops",
        "de": "{share} der Beschäftigten in ≤ {n} Schritten",
    },
    "image.summary.flagged": {"en": "{count} flagged", "de": "{count} markiert"},
    "image.summary.unreachable": {"en": " ({count} with no path)", "de": " ({count} ohne Weg)"},
    "image.summary.misplaced": {"en": "{count} misplaced", "de": "{count} falsch platziert"},
    "image.summary.layers": {"en": "{count} layers", "de": "{count} Hierarchieebenen"},
    "image.summary.layer": {"en": "{count} layer", "de": "{count} Hierarchieebene"},
    "image.footnote.folded": {
        "en": "metrics of all units; the drawing folds them into departments, marker size = headcount",
        "de": "Kennzahlen aller Einheiten; die Zeichnung fasst sie zu Bereichen zusammen, Markergröße = Beschäftigte",
    },
    "image.footnote.aggregation": {
        "en": "departments to depth {depth}: {units} units shown as {shown}; size = headcount",
        "de": "Bereiche bis Ebene {depth}: {units} Einheiten als {shown} gezeigt; Größe = Beschäftigte",
    },
    "image.folded.box": {
        "en": "folded: {beyond} of {people} people beyond {n} hops; worst ring {ring}",
        "de": "zusammengefasst: {beyond} von {people} Beschäftigten mehr als {n} Schritte entfernt; "
        "fernster Ring {ring}",
    },
    "image.folded.box.nopath": {
        "en": "folded: {beyond} of {people} people beyond {n} hops or with no path; "
        "worst ring {ring}, {none} with no path",
        "de": "zusammengefasst: {beyond} von {people} Beschäftigten mehr als {n} Schritte entfernt oder ohne Weg; "
        "fernster Ring {ring}, {none} ohne Weg",
    },
    "image.folded.box.none": {
        "en": "folded: {people} people, none with a path to the customer",
        "de": "zusammengefasst: {people} Beschäftigte, keine mit einem Weg zum Kunden",
    },
    "image.folded.item": {
        "en": "{name}: {beyond} of {people}, worst ring {ring}",
        "de": "{name}: {beyond} von {people}, fernster Ring {ring}",
    },
    "image.folded.item.none": {"en": "{name}: {people}, no path", "de": "{name}: {people}, ohne Weg"},
    "image.folded.more": {"en": "{count} more", "de": "{count} weitere"},
    "image.footnote.folded_flags": {
        "en": "a department is flagged when any of its people is: {beyond} of {people} people beyond {n} hops",
        "de": "ein Bereich ist markiert, sobald einer seiner Beschäftigten es ist: {beyond} von {people} Beschäftigten "
        "mehr als {n} Schritte entfernt",
    },
    "image.legend.flagged.folded": {
        "en": "flagged: > {n} hops or no path\n(a department: any of its people)",
        "de": "markiert: > {n} Schritte oder kein Weg\n(ein Bereich: sobald einer seiner Beschäftigten)",
    },
    # --------------------------------------------- words every diagram shares
    "customer": {"en": "Customer", "de": "Kunde"},
    "ring.customer": {"en": "customer", "de": "Kunde"},
    "ring.touchpoints": {"en": "1 · touchpoints", "de": "1 · Kontaktpunkte"},
    "ring.touchpoints.short": {"en": "1 · touchpoints", "de": "1 · Kontakt"},
    "relation.touchpoint": {"en": "touchpoint", "de": "Kontaktpunkt"},
    "relation.serves": {"en": "service relation", "de": "Leistungsbeziehung"},
    "relation.reports_to": {"en": "reporting line", "de": "Berichtslinie"},
    # ------------------------------------------------------------ the legends
    "image.legend.customer": {"en": "customer", "de": "Kunde"},
    "image.legend.flagged": {"en": "flagged: > {n} hops or no path", "de": "markiert: > {n} Schritte oder kein Weg"},
    "image.legend.misplaced": {
        "en": "misplaced: drawn nearer than its hops\n(dotted to the ring it is really on)",
        "de": "falsch platziert: näher gezeichnet als ihre\nSchritte (gepunktet: ihr wirklicher Ring)",
    },
    "image.legend.misplaced.short": {
        "en": "misplaced: designed ring nearer than its hops",
        "de": "falsch platziert: geplanter Ring näher als ihre Schritte",
    },
    "image.legend.beyond": {"en": "beyond N = {n} hops", "de": "jenseits von N = {n} Schritten"},
    "image.legend.person": {"en": "{count} person", "de": "{count} Person"},
    "image.legend.people": {"en": "{count} people", "de": "{count} Personen"},
    "image.legend.more": {"en": "{count} more", "de": "{count} weitere"},
    "image.legend.departments": {"en": "Departments", "de": "Bereiche"},
    "image.legend.departments_headcount": {"en": "Departments (headcount)", "de": "Bereiche (Beschäftigte)"},
    "image.legend.key": {"en": "Key", "de": "Legende"},
    "image.legend.key_sized": {"en": "Key (marker area ∝ headcount)", "de": "Legende (Markerfläche ∝ Beschäftigte)"},
    # ------------------------------------------------------------ the org chart
    "image.chart.title": {"en": "Org chart (reporting lines)", "de": "Organigramm (Berichtslinien)"},
    "image.chart.misplaced": {"en": "misplaced (dashed outline)", "de": "falsch platziert (gestrichelter Rand)"},
    "image.chart.hops": {"en": "number in a box: hops to the customer", "de": "Zahl im Kasten: Schritte zum Kunden"},
    "image.chart.hops.folded": {
        "en": "number in a box: hops to the customer\n(3–7: a department's nearest hops–farthest ring)",
        "de": "Zahl im Kasten: Schritte zum Kunden\n(3–7: nächster bis fernster Ring eines Bereichs)",
    },
    # ---------------------------------------------------------- the comparison
    "image.compare.units": {"en": "{units} units", "de": "{units} Einheiten"},
    "image.compare.design": {"en": "design", "de": "Organisation"},
    "image.compare.first": {"en": "first design", "de": "erste Organisation"},
    "image.compare.second": {"en": "second design", "de": "zweite Organisation"},
    "image.compare.subtitle": {
        "en": "via {via} · flagged at N = {n}",
        "de": "Wege {via} · markiert: mehr als N = {n} Schritte",
    },
    "image.compare.change": {"en": "change", "de": "Veränderung"},
    "image.row.units": {"en": "units", "de": "Einheiten"},
    "image.row.headcount": {"en": "headcount", "de": "Beschäftigte"},
    "image.row.layers": {"en": "layers", "de": "Hierarchieebenen"},
    "image.row.mean_hops": {"en": "mean hops (headcount-weighted)", "de": "Ø Schritte (nach Beschäftigten gewichtet)"},
    "image.row.share_within_max_hops": {
        "en": "share of headcount within {n}",
        "de": "Anteil Beschäftigte in ≤ {n} Schritten",
    },
    "image.row.flagged": {"en": "flagged", "de": "markiert"},
    "image.row.unreachable": {"en": "unreachable (no path)", "de": "ohne Weg zum Kunden"},
    # ------------------------------------------------------------------ kinds
    # display labels of the kinds (orbit.render.style.KIND_STYLES), keyed by the label with "-" for spaces
    "kind.leadership": {"en": "leadership", "de": "Leitung"},
    "kind.management": {"en": "management", "de": "Management"},
    "kind.department": {"en": "department", "de": "Bereich"},
    "unit.no_value": {"en": "(no value)", "de": "(kein Wert)"},
    "kind.team": {"en": "team", "de": "Team"},
    "kind.role": {"en": "role", "de": "Rolle"},
    "kind.stream-aligned": {"en": "stream-aligned", "de": "Stream-aligned Team"},
    "kind.platform": {"en": "platform", "de": "Plattform"},
    "kind.enabling": {"en": "enabling", "de": "Enabling Team"},
    "kind.complicated-subsystem": {"en": "complicated subsystem", "de": "Complicated-Subsystem-Team"},
    "kind.micro-enterprise": {"en": "micro-enterprise", "de": "Mikrounternehmen"},
    "kind.node": {"en": "node", "de": "Knoten"},
    "kind.coach": {"en": "coach", "de": "Coach"},
    "kind.back-office": {"en": "back office", "de": "Backoffice"},
    "kind.partner": {"en": "partner", "de": "Partner"},
    "kind.bridge-builder": {"en": "bridge builder", "de": "Brückenbauer"},
    "kind.unit": {"en": "unit", "de": "Einheit"},
}
