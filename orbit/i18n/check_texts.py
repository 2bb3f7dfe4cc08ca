# ruff: noqa: E501  (a table of translated sentences reads better one entry per line)
"""Texts of the design checks (:mod:`orbit.checks`), in English and German.

Part of the one text table (:data:`orbit.i18n.STRINGS`). Per rule
``check.<rule>.title`` (how the app names it) and ``check.<rule>.why`` (the
explanation a finding carries); ``check.msg.<key>`` are the message templates
of the findings, filled by
:func:`orbit.checks.format_message`. The sources the rules cite are
citations and stay in :data:`orbit.checks.RULES`, untranslated.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # ------------------------------------------------ each rule: title and why it matters
    "check.far-from-customer.title": {"en": "Far from the customer", "de": "Weit vom Kunden entfernt"},
    "check.far-from-customer.why": {
        "en": "Every hop between a unit and the customer is a hand-off where knowledge and speed are lost; customer-centric designs keep units within a few hops of the customer.",
        "de": "Jeder Schritt zwischen einer Einheit und dem Kunden ist eine Übergabe, bei der Wissen und Tempo verloren gehen; kundenzentrierte Organisationen halten ihre Einheiten wenige Schritte vom Kunden entfernt.",
    },
    "check.unconnected.title": {"en": "No path to the customer", "de": "Kein Weg zum Kunden"},
    "check.unconnected.why": {
        "en": "No chain of reporting or service relations links this unit to the customer, so nothing it does can be traced to customer value.",
        "de": "Keine Kette aus Berichtslinien oder Leistungsbeziehungen verbindet diese Einheit mit dem Kunden; nichts, was sie tut, lässt sich auf einen Kundennutzen zurückführen.",
    },
    "check.misplaced.title": {"en": "Misplaced on the orbit", "de": "Falsch im Orbit platziert"},
    "check.misplaced.why": {
        "en": "The design puts the unit on a ring nearer the customer than its real relations do: the diagram promises a closeness the organisation does not have.",
        "de": "Das Design setzt die Einheit auf einen Ring näher am Kunden, als ihre tatsächlichen Beziehungen es tun: Das Diagramm verspricht eine Nähe, die die Organisation nicht hat.",
    },
    "check.span.title": {"en": "Span of control", "de": "Führungsspanne"},
    "check.span.why": {
        "en": "Spans of control below 3 add layers without need; above 15 a manager can only coordinate. Archetypes: player/coach 3–5, coach 6–7, supervisor 8–10, facilitator 11–15, coordinator > 15.",
        "de": "Führungsspannen unter 3 schaffen unnötige Ebenen; über 15 kann eine Führungskraft nur noch koordinieren. Archetypen: Spielertrainer 3–5, Coach 6–7, Supervisor 8–10, Moderator 11–15, Koordinator > 15.",
    },
    "check.layers.title": {"en": "Too many layers", "de": "Zu viele Hierarchieebenen"},
    "check.layers.why": {
        "en": "Every extra layer adds distance between leadership and the front line.",
        "de": "Jede zusätzliche Ebene vergrößert den Abstand zwischen Führung und Kundenkontakt.",
    },
    "check.gatekeeper.title": {
        "en": "Gatekeeper: the only route to the customer",
        "de": "Nadelöhr: einziger Weg zum Kunden",
    },
    "check.gatekeeper.why": {
        "en": "This unit is the only route to the customer for others: if it is slow, absent or overloaded, they lose touch with the customer. Bridge builders (Brückenbauer) or direct touchpoints give them a second route.",
        "de": "Diese Einheit ist für andere der einzige Weg zum Kunden: Ist sie langsam, abwesend oder überlastet, verlieren diese den Kontakt zum Kunden. Brückenbauer oder direkte Kundenkontakte schaffen einen zweiten Weg.",
    },
    "check.team-topologies.title": {"en": "Team Topologies", "de": "Team Topologies"},
    "check.team-topologies.why": {
        "en": "Stream-aligned teams own a flow of value to the customer with ideally zero hand-offs; platform, enabling and complicated-subsystem teams serve them, at a healthy ratio of 6:1 to 9:1.",
        "de": "Stream-aligned-Teams verantworten einen Wertstrom zum Kunden mit möglichst keinen Übergaben; Plattform-, Enabling- und Complicated-Subsystem-Teams unterstützen sie, gesund im Verhältnis 6:1 bis 9:1.",
    },
    "check.orphan.title": {"en": "Orphan unit", "de": "Verwaiste Einheit"},
    "check.orphan.why": {
        "en": "The unit has neither a reporting line nor a service relation: nobody leads it and nobody knows whom it serves.",
        "de": "Die Einheit hat weder eine Berichtslinie noch eine Leistungsbeziehung: Niemand führt sie, und niemand weiß, wen sie bedient.",
    },
    # ------------------------------------------------ messages of the findings ({placeholders} from Finding.detail)
    "check.msg.far-from-customer": {
        "en": "{count} units are more than {max_hops} hops from the customer (up to {worst}): {units}.",
        "de": "{count} Einheiten sind mehr als {max_hops} Schritte vom Kunden entfernt (bis zu {worst}): {units}.",
    },
    "check.msg.unconnected": {
        "en": "{count} units have no path to the customer: {units}.",
        "de": "{count} Einheiten haben keinen Weg zum Kunden: {units}.",
    },
    "check.msg.misplaced": {
        "en": "{unit} is designed on orbit {orbit} but measures {hops} hops.",
        "de": "{unit} ist auf Orbit {orbit} geplant, liegt aber {hops} Schritte vom Kunden entfernt.",
    },
    "check.msg.misplaced-no-path": {
        "en": "{unit} is designed on orbit {orbit} but measures no path.",
        "de": "{unit} ist auf Orbit {orbit} geplant, hat aber keinen Weg zum Kunden.",
    },
    "check.msg.span-one": {
        "en": "{unit} has 1 direct report (fewer than {limit}).",
        "de": "{unit} hat 1 direkt unterstellte Einheit (weniger als {limit}).",
    },
    "check.msg.span-few": {
        "en": "{unit} has {span} direct reports (fewer than {limit}).",
        "de": "{unit} hat {span} direkt unterstellte Einheiten (weniger als {limit}).",
    },
    "check.msg.span-many": {
        "en": "{unit} has {span} direct reports (more than {limit}).",
        "de": "{unit} hat {span} direkt unterstellte Einheiten (mehr als {limit}).",
    },
    "check.msg.layers": {
        "en": "The reporting lines have {layers} layers (more than {limit}); deepest: {units}.",
        "de": "Die Berichtslinien haben {layers} Ebenen (mehr als {limit}); am tiefsten: {units}.",
    },
    "check.msg.gatekeeper": {
        "en": "{unit} is the only route to the customer for {units_cut_off} units (headcount {headcount_cut_off}, {share}).",
        "de": "{unit} ist für {units_cut_off} Einheiten der einzige Weg zum Kunden ({headcount_cut_off} Beschäftigte, {share}).",
    },
    "check.msg.tt-stream": {
        "en": "{count} stream-aligned teams are not 1 hop from the customer: {units}.",
        "de": "{count} Stream-aligned-Teams sind nicht 1 Schritt vom Kunden entfernt: {units}.",
    },
    "check.msg.tt-ratio": {
        "en": "{stream} stream-aligned teams to {other} other teams ({ratio}:1); the healthy range is {lo}:1 to {hi}:1.",
        "de": "{stream} Stream-aligned-Teams zu {other} anderen Teams ({ratio}:1); gesund sind {lo}:1 bis {hi}:1.",
    },
    "check.msg.tt-ratio-none": {
        "en": "{stream} stream-aligned teams to 0 other teams (no other teams); the healthy range is {lo}:1 to {hi}:1.",
        "de": "{stream} Stream-aligned-Teams zu 0 anderen Teams (keine anderen Teams); gesund sind {lo}:1 bis {hi}:1.",
    },
    "check.msg.orphan.one": {
        "en": "1 unit has no reporting line and no service relation: {units}.",
        "de": "1 Einheit hat weder eine Berichtslinie noch eine Leistungsbeziehung: {units}.",
    },
    "check.msg.unconnected.one": {
        "en": "1 unit has no path to the customer: {units}.",
        "de": "1 Einheit hat keinen Weg zum Kunden: {units}.",
    },
    "check.msg.orphan": {
        "en": "{count} units have no reporting line and no service relation: {units}.",
        "de": "{count} Einheiten haben weder eine Berichtslinie noch eine Leistungsbeziehung: {units}.",
    },
    "check.more": {"en": "and {count} more", "de": "und {count} weitere"},
    "check.source": {"en": "Source", "de": "Quelle"},
}
