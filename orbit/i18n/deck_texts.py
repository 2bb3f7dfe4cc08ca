# ruff: noqa: E501  (a table of translated sentences reads better one entry per line)
"""Texts of the board pack (``orbit deck``: the PowerPoint deck and its PDF), in English and German.

Part of the one text table (:data:`orbit.i18n.STRINGS`). Keys start with
``deck.``; the deck reuses the images' texts (``image.*``: the metric rows,
legends, summary line) and the checks' texts (``check.*``) where they exist.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------ title slide
    "deck.title.pair": {"en": "{a} → {b}", "de": "{a} → {b}"},
    "deck.title.one": {"en": "{a}: distance to the customer", "de": "{a}: Abstand zum Kunden"},
    "deck.headline.up": {
        "en": "{b} brings {share} of the headcount within {n} steps of the customer, up from {before}.",
        "de": "{b} bringt {share} der Beschäftigten auf höchstens {n} Schritte an den Kunden heran, nach {before} bisher.",
    },
    "deck.headline.down": {
        "en": "{b} brings {share} of the headcount within {n} steps of the customer, down from {before}.",
        "de": "Mit {b} sind {share} der Beschäftigten höchstens {n} Schritte vom Kunden entfernt, nach {before} bisher.",
    },
    "deck.headline.same": {
        "en": "{b} keeps {share} of the headcount within {n} steps of the customer, as before.",
        "de": "Mit {b} bleiben {share} der Beschäftigten höchstens {n} Schritte vom Kunden entfernt, wie bisher.",
    },
    "deck.headline.one": {
        "en": "{a} has {share} of its headcount within {n} steps of the customer.",
        "de": "In {a} sind {share} der Beschäftigten höchstens {n} Schritte vom Kunden entfernt.",
    },
    "deck.headline.none": {
        "en": "Nobody in {a} has a path to the customer yet: no unit has a touchpoint.",
        "de": "In {a} hat noch niemand einen Weg zum Kunden: keine Einheit hat einen Kontaktpunkt.",
    },
    "deck.date": {"en": "{day} {month} {year}", "de": "{day}. {month} {year}"},
    "deck.month.1": {"en": "January", "de": "Januar"},
    "deck.month.2": {"en": "February", "de": "Februar"},
    "deck.month.3": {"en": "March", "de": "März"},
    "deck.month.4": {"en": "April", "de": "April"},
    "deck.month.5": {"en": "May", "de": "Mai"},
    "deck.month.6": {"en": "June", "de": "Juni"},
    "deck.month.7": {"en": "July", "de": "Juli"},
    "deck.month.8": {"en": "August", "de": "August"},
    "deck.month.9": {"en": "September", "de": "September"},
    "deck.month.10": {"en": "October", "de": "Oktober"},
    "deck.month.11": {"en": "November", "de": "November"},
    "deck.month.12": {"en": "December", "de": "Dezember"},
    "deck.settings": {
        "en": "Hops via {via} · flagged at more than {n} hops",
        "de": "Schritte {via} · markiert ab mehr als {n} Schritten",
    },
    "deck.figure.share": {
        "en": "of the headcount within {n} steps of the customer",
        "de": "der Beschäftigten höchstens {n} Schritte vom Kunden entfernt",
    },
    "deck.figure.mean_hops": {
        "en": "steps to the customer on average (by headcount)",
        "de": "Schritte zum Kunden im Mittel (nach Beschäftigten)",
    },
    "deck.figure.flagged": {
        "en": "units flagged: more than {n} steps or no path",
        "de": "markierte Einheiten: mehr als {n} Schritte oder kein Weg",
    },
    "deck.figure.layers": {"en": "reporting levels", "de": "Hierarchieebenen"},
    # ------------------------------------------------------------ slide titles
    "deck.slide.orbit": {"en": "{name}: orbit view", "de": "{name}: Orbit-Ansicht"},
    "deck.slide.pair": {
        "en": "Side by side: what the proposal changes",
        "de": "Im Vergleich: was der Vorschlag verändert",
    },
    "deck.slide.chart": {"en": "{name}: org chart", "de": "{name}: Organigramm"},
    "deck.slide.changes": {"en": "What changes", "de": "Was sich ändert"},
    "deck.slide.journeys": {"en": "Customer journeys", "de": "Kundenreisen"},
    "deck.slide.checks": {"en": "Design checks: {name}", "de": "Designprüfungen: {name}"},
    "deck.slide.checks.pair": {"en": "Design checks: before and after", "de": "Designprüfungen: vorher und nachher"},
    # ------------------------------------------------------------ captions and notes
    "deck.legend.flagged_folded": {
        "en": "a department: flagged for any of its people",
        "de": "ein Bereich: markiert, sobald einer seiner Beschäftigten es ist",
    },
    "deck.folded": {
        "en": "{units} units shown as {shown} departments (reporting levels 1–{depth}); size = headcount",
        "de": "{units} Einheiten als {shown} Bereiche gezeigt (Berichtsebenen 1–{depth}); Größe = Beschäftigte",
    },
    "deck.picture": {
        "en": "drawn as a picture: {shown} units are more than a slide can show as shapes",
        "de": "als Bild gezeichnet: {shown} Einheiten sind mehr, als eine Folie als Formen zeigen kann",
    },
    "deck.legend.moved": {"en": "moved or new in this design", "de": "verschoben oder neu in diesem Design"},
    "deck.legend.journey": {"en": "journey: {name}", "de": "Kundenreise: {name}"},
    "deck.legend.more": {"en": "{count} more departments", "de": "{count} weitere Bereiche"},
    "deck.shape.ring_name": {"en": "ring name: {ring}", "de": "Ringname: {ring}"},
    "deck.chart.hops": {"en": "hops to the customer", "de": "Schritte zum Kunden"},
    "deck.chart.row": {"en": "next row", "de": "nächste Reihe"},
    # ------------------------------------------------------------ what changes
    "deck.changes.summary": {
        "en": "{added} added · {removed} removed · {moved} on another ring · {reparented} with a new manager",
        "de": "{added} neu · {removed} entfallen · {moved} auf anderem Ring · {reparented} mit neuer Führung",
    },
    "deck.changes.view": {
        "en": "{name}: moved or new units ringed",
        "de": "{name}: verschobene oder neue Einheiten umrandet",
    },
    "deck.changes.none": {
        "en": "No unit was added, removed, moved or given a new manager.",
        "de": "Keine Einheit ist neu, entfallen, verschoben oder hat eine neue Führung.",
    },
    "deck.changes.change": {"en": "change", "de": "Änderung"},
    "deck.changes.unit": {"en": "unit", "de": "Einheit"},
    "deck.changes.before": {"en": "before", "de": "vorher"},
    "deck.changes.after": {"en": "after", "de": "nachher"},
    "deck.changes.added": {"en": "added", "de": "neu"},
    "deck.changes.removed": {"en": "removed", "de": "entfallen"},
    "deck.changes.moved": {"en": "other ring", "de": "anderer Ring"},
    "deck.changes.reparented": {"en": "new manager", "de": "neue Führung"},
    "deck.changes.ring": {"en": "ring {ring}", "de": "Ring {ring}"},
    "deck.changes.unconnected": {"en": "no path", "de": "ohne Weg"},
    "deck.changes.top": {"en": "(top unit)", "de": "(oberste Einheit)"},
    "deck.changes.people": {"en": "{count} people", "de": "{count} Beschäftigte"},
    "deck.more_journeys": {"en": "… and {count} more journeys", "de": "… und {count} weitere Kundenreisen"},
    "deck.more_rows": {"en": "… and {count} more (largest first)", "de": "… und {count} weitere (die größten zuerst)"},
    # ------------------------------------------------------------ journeys
    "deck.journeys.journey": {"en": "journey", "de": "Kundenreise"},
    "deck.journeys.handoffs": {"en": "hand-offs", "de": "Übergaben"},
    "deck.journeys.crossings": {"en": "boundary crossings", "de": "Bereichswechsel"},
    "deck.journeys.detours": {"en": "detour hops", "de": "Umwege (Schritte)"},
    "deck.journeys.shown": {
        "en": "Drawn: {name} (the numbers are its steps in order)",
        "de": "Gezeichnet: {name} (die Zahlen sind ihre Schritte der Reihe nach)",
    },
    "deck.journeys.missing": {"en": "not in this design", "de": "nicht in diesem Design"},
    "deck.journeys.help": {
        "en": "hand-offs: customer → each step → customer; boundary crossings: hand-offs between departments; detours: extra hops between steps with no direct relation",
        "de": "Übergaben: Kunde → jeder Schritt → Kunde; Bereichswechsel: Übergaben zwischen Bereichen; Umwege: zusätzliche Schritte zwischen Stationen ohne direkte Beziehung",
    },
    "deck.journeys.none": {"en": "not given", "de": "nicht angegeben"},
    # ------------------------------------------------------------ checks
    "deck.checks.severity": {"en": "severity", "de": "Schwere"},
    "deck.checks.check": {"en": "check", "de": "Prüfung"},
    "deck.checks.finding": {"en": "finding", "de": "Befund"},
    "deck.checks.error": {"en": "error", "de": "Fehler"},
    "deck.checks.warning": {"en": "warning", "de": "Warnung"},
    "deck.checks.info": {"en": "note", "de": "Hinweis"},
    "deck.checks.counts": {
        "en": "{errors} errors · {warnings} warnings · {infos} notes",
        "de": "{errors} Fehler · {warnings} Warnungen · {infos} Hinweise",
    },
    "deck.checks.caption": {"en": "{name}: {counts}", "de": "{name}: {counts}"},
    "deck.more_findings": {"en": "… and {count} more findings", "de": "… und {count} weitere Befunde"},
    # ------------------------------------------------------------ the app's Export tab
    "deck.app.one": {"en": "Board pack: this design", "de": "Präsentation: dieses Design"},
    "deck.app.pair": {"en": "Board pack: before and after", "de": "Präsentation: vorher und nachher"},
    "deck.app.hint": {
        "en": "Slides with editable shapes: orbit views, org charts, what changes, journeys, checks.",
        "de": "Folien mit bearbeitbaren Formen: Orbit-Ansichten, Organigramme, Änderungen, Kundenreisen, Prüfungen.",
    },
    "deck.app.build": {"en": "Build {fmt}", "de": "{fmt} erstellen"},
    "deck.app.building": {"en": "Building the deck …", "de": "Die Präsentation wird erstellt …"},
    "deck.app.marks": {
        "en": "The images show the selected unit's path and the selected journey; the deck draws the selected journey.",
        "de": "Die Bilder zeigen den Weg der gewählten Einheit und die gewählte Kundenreise; die Präsentation zeichnet die gewählte Kundenreise.",
    },
    "deck.checks.none": {
        "en": "No finding: the design passes every check.",
        "de": "Kein Befund: Das Design besteht alle Prüfungen.",
    },
}
