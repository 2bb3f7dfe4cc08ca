# ruff: noqa: E501  (a table of translated sentences reads better one entry per line)
"""Texts of the app's workshop features (first screen, diagrams, compare story, presenter), in English and German.

Part of the one text table (:data:`orbit.i18n.STRINGS`). Keys: ``head.*``
(the headline and the controls above the tabs), ``explore.*`` additions,
``touch.*`` (the customer's touchpoints), ``story.*`` (the Compare tab's
story), ``present.*`` (presenter mode), ``fold.*`` (big designs opened by
departments).
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------ first screen
    "head.title": {"en": "Orbit", "de": "Orbit"},
    "head.line": {
        "en": "The customer at the centre: every unit on a ring by its steps to the customer; red outline: more than N = {n} steps.",
        "de": "Der Kunde im Mittelpunkt: jede Einheit auf dem Ring ihrer Schritte zum Kunden; rot umrandet: mehr als N = {n} Schritte.",
    },
    "head.first": {
        "en": "New here? Click any unit in either diagram to see its way to the customer; **Compare** sets today against a proposal.",
        "de": "Neu hier? Klicken Sie eine Einheit in einem der Diagramme an, um ihren Weg zum Kunden zu sehen; **Vergleichen** stellt das Heute einem Vorschlag gegenüber.",
    },
    "head.via.both": {"en": "Lines + services", "de": "Beide"},
    "head.via.reports": {"en": "Reporting lines", "de": "Berichtslinien"},
    "head.via.serves": {"en": "Services", "de": "Leistungen"},
    "head.about": {"en": "About", "de": "Über Orbit"},
    "head.presenter": {"en": "Present", "de": "Präsentieren"},
    "head.presenter.help": {
        "en": "Full-screen diagrams for the projector; arrow keys step through today, the proposal, what moved and the journeys.",
        "de": "Diagramme im Vollbild für den Beamer; die Pfeiltasten führen durch Heute, Vorschlag, Änderungen und Kundenreisen.",
    },
    # ------------------------------------------ the sources the design checks cite
    "check.far-from-customer.source": {
        "en": "Schüller & Steffen, Die Orbit-Organisation (2019); Haier's 'zero distance' to the user",
        "de": "Schüller & Steffen, Die Orbit-Organisation (2019); Haiers „Null Distanz“ zum Nutzer",
    },
    "check.unconnected.source": {
        "en": "Schüller & Steffen, Die Orbit-Organisation (2019)",
        "de": "Schüller & Steffen, Die Orbit-Organisation (2019)",
    },
    "check.misplaced.source": {
        "en": "Orbit domain definition of 'misplaced'",
        "de": "Orbit-Definition von „falsch platziert“",
    },
    "check.span.source": {
        "en": "McKinsey (2017), manager archetypes; Bain: companies widened spans from about 7 to more than 11",
        "de": "McKinsey (2017), Führungs-Archetypen; Bain: Unternehmen weiteten Führungsspannen von etwa 7 auf über 11",
    },
    "check.layers.source": {
        "en": "Bain (companies cut from 11 to 8 layers); Hamel & Zanini, HBR 2018 (about 8 levels in large US firms)",
        "de": "Bain (Unternehmen reduzierten von 11 auf 8 Ebenen); Hamel & Zanini, HBR 2018 (etwa 8 Ebenen in großen US-Firmen)",
    },
    "check.gatekeeper.source": {
        "en": "Schüller & Steffen, Die Orbit-Organisation (2019): bridge builders",
        "de": "Schüller & Steffen, Die Orbit-Organisation (2019): Brückenbauer",
    },
    "check.team-topologies.source": {
        "en": "Skelton & Pais, Team Topologies (2019)",
        "de": "Skelton & Pais, Team Topologies (2019)",
    },
    "check.orphan.source": {"en": "Orbit domain model", "de": "Orbit-Domänenmodell"},
    # ------------------------------------------------ the editor's column titles
    "edit.head.id": {"en": "id", "de": "Kennung"},
    "edit.head.name": {"en": "name", "de": "Name"},
    "edit.head.kind": {"en": "kind", "de": "Art"},
    "edit.head.parent": {"en": "reports to", "de": "berichtet an"},
    "edit.head.headcount": {"en": "headcount", "de": "Beschäftigte"},
    "edit.head.serves": {"en": "serves", "de": "liefert an"},
    "edit.head.orbit": {"en": "orbit (ring)", "de": "Orbit (Ring)"},
    # --------------------------------------------------------------- explore
    "explore.orbit.short": {"en": "Orbit view", "de": "Orbit-Ansicht"},
    "explore.tree.short": {"en": "Org chart", "de": "Organigramm"},
    "explore.hint": {
        "en": "click a unit for its way to the customer · drag to pan · scroll to zoom",
        "de": "Einheit anklicken: ihr Weg zum Kunden · ziehen verschiebt · Mausrad zoomt",
    },
    "explore.journey.note": {
        "en": "{name}: {steps} steps · {handoffs} hand-offs · {crossings} boundary crossings · {detours} detour hops",
        "de": "{name}: {steps} Schritte · {handoffs} Übergaben · {crossings} Bereichswechsel · {detours} Umweg-Schritte",
    },
    "touch.title": {"en": "The customer's touchpoints", "de": "Die Kontaktpunkte des Kunden"},
    "touch.caption": {
        "en": "{count} units meet the customer directly (ring 1), {headcount} people in all.",
        "de": "{count} Einheiten haben direkten Kundenkontakt (Ring 1), zusammen {headcount} Beschäftigte.",
    },
    "touch.none": {
        "en": "No unit meets the customer yet: add `customer` to a unit's *serves*.",
        "de": "Noch keine Einheit hat Kundenkontakt: tragen Sie `customer` bei *Liefert an* einer Einheit ein.",
    },
    # ------------------------------------------------------------------ folding
    "fold.note": {
        "en": "{units} units are more than a diagram can show legibly: opened as {shown} departments (down to level {depth}). Select a department to open it, or show everything.",
        "de": "{units} Einheiten sind mehr, als ein Diagramm lesbar zeigen kann: geöffnet als {shown} Bereiche (bis Ebene {depth}). Wählen Sie einen Bereich, um ihn zu öffnen, oder zeigen Sie alles.",
    },
    "fold.all": {"en": "Show all units", "de": "Alle Einheiten zeigen"},
    "fold.back": {"en": "Fold into departments", "de": "In Bereiche falten"},
    "fold.open": {"en": "Open {name} ({units} units)", "de": "{name} öffnen ({units} Einheiten)"},
    # ---------------------------------------------------------------- compare
    "story.headline": {
        "en": "{b} brings {share_b} of the headcount within {n} steps of the customer, {direction} from {share_a} today.",
        "de": "In {b} arbeiten {share_b} der Beschäftigten höchstens {n} Schritte vom Kunden entfernt, {direction} als heute ({share_a}).",
    },
    "story.up": {"en": "up", "de": "mehr"},
    "story.down": {"en": "down", "de": "weniger"},
    "story.same": {
        "en": "{b} keeps {share_b} of the headcount within {n} steps of the customer, as today.",
        "de": "In {b} arbeiten wie heute {share_b} der Beschäftigten höchstens {n} Schritte vom Kunden entfernt.",
    },
    "story.key": {
        "en": "Departments (the same colours in both designs)",
        "de": "Bereiche (in beiden Entwürfen dieselben Farben)",
    },
    "story.key.moved": {"en": "moved to another ring", "de": "auf einen anderen Ring verschoben"},
    "story.key.flagged": {"en": "more than N = {n} steps", "de": "mehr als N = {n} Schritte"},
    "story.moved": {
        "en": "{count} units move to another ring; they are ringed in orange in the proposal.",
        "de": "{count} Einheiten wechseln den Ring; im Vorschlag sind sie orange umringt.",
    },
    "story.journeys": {"en": "Customer journeys, before and after", "de": "Kundenreisen, vorher und nachher"},
    "story.journeys.none": {
        "en": "The two designs share no journey to compare.",
        "de": "Die beiden Entwürfe haben keine gemeinsame Kundenreise zum Vergleichen.",
    },
    "story.col.journey": {"en": "Journey", "de": "Kundenreise"},
    "story.col.handoffs": {"en": "Hand-offs", "de": "Übergaben"},
    "story.col.crossings": {"en": "Boundary crossings", "de": "Bereichswechsel"},
    "story.col.detours": {"en": "Detour hops", "de": "Umweg-Schritte"},
    "story.cell": {"en": "{a} → {b} ({delta})", "de": "{a} → {b} ({delta})"},
    "story.click": {
        "en": "Click a unit in either design to select it in both.",
        "de": "Klicken Sie eine Einheit in einem Entwurf an, um sie in beiden zu wählen.",
    },
    "story.missing": {"en": "{name} is not in this design.", "de": "{name} gibt es in diesem Entwurf nicht."},
    # -------------------------------------------------------------- presenter
    "present.step.today": {"en": "Today", "de": "Heute"},
    "present.step.proposal": {"en": "The proposal", "de": "Der Vorschlag"},
    "present.step.moved": {"en": "What moved", "de": "Was sich bewegt"},
    "present.step.journeys": {"en": "Journeys", "de": "Kundenreisen"},
    "present.keys": {
        "en": "→ / Space next · ← back · Esc ends",
        "de": "→ / Leertaste weiter · ← zurück · Esc beendet",
    },
    "present.next": {"en": "Next", "de": "Weiter"},
    "present.prev": {"en": "Back", "de": "Zurück"},
    "present.exit": {"en": "End presentation", "de": "Präsentation beenden"},
    "present.of": {"en": "{k} of {n}", "de": "{k} von {n}"},
    "present.today": {
        "en": "{name}: {share} of the headcount within {n} steps of the customer; Ø {hops} steps.",
        "de": "{name}: {share} der Beschäftigten in höchstens {n} Schritten zum Kunden; Ø {hops} Schritte.",
    },
    "present.moved": {
        "en": "{count} units move ring; ringed in orange.",
        "de": "{count} Einheiten wechseln den Ring; orange umringt.",
    },
    "present.no_pair": {
        "en": "No second design to compare: the presentation shows this design and its journeys.",
        "de": "Kein zweiter Entwurf zum Vergleich: die Präsentation zeigt diese Organisation und ihre Kundenreisen.",
    },
    "present.no_journey": {
        "en": "This design has no customer journey.",
        "de": "Diese Organisation hat keine Kundenreise.",
    },
    "legend.moved": {"en": "moved ring", "de": "Ring gewechselt"},
}
