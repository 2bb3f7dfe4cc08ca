# ruff: noqa: E501  (a table of translated sentences reads better one entry per line)
"""Texts of the app (:mod:`orbit.app` and ``app.py``), in English and German.

Part of the one text table (:data:`orbit.i18n.STRINGS`); the app looks them
up with :class:`orbit.i18n.Translator`. Keys are grouped by where they
appear: ``app.*`` (the page), ``sidebar.*``, ``tab.*``, one group per tab,
``hover.*`` and ``legend.*`` (the interactive figures), ``col.*`` (table
columns).
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------------ page
    "app.title": {"en": "Orbit: the customer at the centre", "de": "Orbit: der Kunde im Mittelpunkt"},
    "app.tagline": {
        "en": "An org-design modeller for leadership workshops.",
        "de": "Ein Werkzeug für Organisationsdesign in Führungsworkshops.",
    },
    "app.intro": {
        "en": (
            "Classic org charts put the boss at the top. Orbit redraws the same organisation with the "
            "**customer at the centre**: every unit sits on a ring that counts how many steps (reporting "
            "lines or services) lie between it and a customer. Ring 1 works with customers directly; ring 2 "
            "serves ring 1, and so on. Each extra step is a hand-off where time, information and "
            "responsibility can get lost, which is where customer problems tend to arise. Units more than "
            "**N = {n}** steps away are outlined in red. Click any unit in either diagram to see why it sits "
            "where it does, try changes in **Edit**, and set today against a proposal in **Compare**."
        ),
        "de": (
            "Klassische Organigramme stellen die Chefin oder den Chef nach oben. Orbit zeichnet dieselbe "
            "Organisation mit dem **Kunden im Mittelpunkt**: Jede Einheit liegt auf einem Ring, der zählt, "
            "wie viele Schritte (Berichtslinien oder Leistungsbeziehungen) zwischen ihr und einem Kunden "
            "liegen. Ring 1 arbeitet direkt mit Kunden, Ring 2 liefert an Ring 1 und so weiter. Jeder "
            "zusätzliche Schritt ist eine Übergabe, bei der Zeit, Wissen und Verantwortung verloren gehen "
            "können, und genau dort entstehen Kundenprobleme. Einheiten mit mehr als **N = {n}** Schritten "
            "sind rot umrandet. Klicken Sie eine Einheit in einem der beiden Diagramme an, um zu sehen, "
            "warum sie dort liegt, probieren Sie Änderungen unter **Bearbeiten** aus und stellen Sie unter "
            "**Vergleichen** das Heute einem Vorschlag gegenüber."
        ),
    },
    "app.story.title": {"en": "The same company, two designs", "de": "Dieselbe Firma, zwei Organisationsformen"},
    "app.story": {
        "en": (
            "**{a}**: {share_a} of the headcount works within {n} steps of the customer; on average a "
            "person is {hops_a} steps away, under {layers_a} layers. **{b}**: {share_b}, {hops_b} steps, "
            "{layers_b} layers. Switch between them under *Design* in the sidebar, or open **Compare**."
        ),
        "de": (
            "**{a}**: {share_a} der Beschäftigten arbeiten höchstens {n} Schritte vom Kunden entfernt; im "
            "Schnitt liegt eine Person {hops_a} Schritte entfernt, unter {layers_a} Hierarchieebenen. "
            "**{b}**: {share_b}, {hops_b} Schritte, {layers_b} Ebenen. Wechseln Sie links unter "
            "*Organisation* zwischen beiden oder öffnen Sie **Vergleichen**."
        ),
    },
    "app.story.short": {
        "en": "{share} within {n} steps · Ø {hops} steps",
        "de": "{share} in ≤ {n} Schritten · Ø {hops} Schritte",
    },
    "app.description": {"en": "About this design", "de": "Über diese Organisation"},
    "app.no_units": {
        "en": "This design has no units yet. Add some under **Edit**.",
        "de": "Diese Organisation hat noch keine Einheiten. Legen Sie welche unter **Bearbeiten** an.",
    },
    # --------------------------------------------------------------- sidebar
    "sidebar.language": {"en": "Language", "de": "Sprache"},
    "sidebar.origin.sample": {"en": "example", "de": "Beispiel"},
    "sidebar.origin.upload": {"en": "upload", "de": "hochgeladen"},
    "sidebar.origin.edit": {"en": "edited", "de": "bearbeitet"},
    "sidebar.origin.file": {"en": "file", "de": "Datei"},
    "sidebar.upload": {"en": "Open your own design", "de": "Eigene Organisation öffnen"},
    "sidebar.upload.help": {
        "en": (
            "CSV, XLSX, YAML, JSON or GraphML, up to {mb} MB each; several files at once are fine. "
            "A table needs one row per unit with the columns id, name, kind, parent, headcount and serves "
            "(ids separated by |, with 'customer' for a touchpoint)."
        ),
        "de": (
            "CSV, XLSX, YAML, JSON oder GraphML, je bis {mb} MB; mehrere Dateien auf einmal sind möglich. "
            "Eine Tabelle braucht eine Zeile je Einheit mit den Spalten id, name, kind, parent, headcount "
            "und serves (ids getrennt durch |, 'customer' für einen Kontaktpunkt)."
        ),
    },
    "sidebar.loaded": {"en": "Opened {name}: {units} units.", "de": "{name} geöffnet: {units} Einheiten."},
    "sidebar.too_big": {
        "en": "{name} is {size} MB; the limit is {mb} MB. Leave out unused columns or split the file.",
        "de": "{name} hat {size} MB; erlaubt sind {mb} MB. Lassen Sie unnötige Spalten weg oder teilen Sie die Datei.",
    },
    "app.failed": {
        "en": "{part} could not be shown. The design is unchanged; the details are in the server log.",
        "de": "{part} ließ sich nicht anzeigen. Der Entwurf ist unverändert; die Einzelheiten stehen im Protokoll des Servers.",
    },
    "app.failed_read": {
        "en": "Reading it failed unexpectedly; the details are in the server log.",
        "de": "Das Lesen schlug unerwartet fehl; die Einzelheiten stehen im Protokoll des Servers.",
    },
    "app.part.design": {"en": "The design", "de": "Der Entwurf"},
    "app.part.import": {"en": "The import step", "de": "Der Importschritt"},
    "app.part.sidebar": {"en": "The sidebar", "de": "Die Seitenleiste"},
    "sidebar.bad_file": {
        "en": "Could not open the file. {message}",
        "de": "Die Datei ließ sich nicht öffnen. {message}",
    },
    "sidebar.imported": {"en": "{name}: in the import step.", "de": "{name}: im Import-Schritt."},
    "sidebar.kept_open": {
        "en": "The design that was open stays open.",
        "de": "Die bisher geöffnete Organisation bleibt geöffnet.",
    },
    # ------------------------------------------------------------------ import step
    "import.title": {"en": "Import {name}", "de": "{name} importieren"},
    "import.intro": {
        "en": "Tell Orbit which column is which, repair what the export needs, say who meets the customer and how people group into units. The diagrams appear when you confirm.",
        "de": "Sagen Sie Orbit, welche Spalte was enthält, reparieren Sie, was der Export braucht, legen Sie fest, wer Kundenkontakt hat und wie Personen zu Einheiten gruppiert werden. Die Diagramme erscheinen nach dem Bestätigen.",
    },
    "import.remembered": {
        "en": "Settings of the last import with these columns: check them and confirm.",
        "de": "Einstellungen des letzten Imports mit diesen Spalten: prüfen und bestätigen.",
    },
    "import.encoding": {"en": "Encoding", "de": "Zeichenkodierung"},
    "import.encoding.detect": {"en": "detect", "de": "erkennen"},
    "import.preview": {"en": "Preview ({rows} rows)", "de": "Vorschau ({rows} Zeilen)"},
    "import.columns": {"en": "Which column is which", "de": "Welche Spalte ist was"},
    "import.field.id": {"en": "Id", "de": "Kennung"},
    "import.field.name": {"en": "Name (label)", "de": "Name (Beschriftung)"},
    "import.field.parent": {
        "en": "Parent / manager (id, name or e-mail)",
        "de": "Übergeordnet / Vorgesetzte (Kennung, Name oder E-Mail)",
    },
    "import.field.kind": {"en": "Kind", "de": "Art"},
    "import.field.headcount": {"en": "Headcount", "de": "Köpfe"},
    "import.field.serves": {"en": "Serves", "de": "Bedient"},
    "import.field.email": {"en": "E-mail", "de": "E-Mail"},
    "import.problems": {"en": "Problems found", "de": "Gefundene Probleme"},
    "import.fix.duplicates": {
        "en": "Merge rows repeating an id ({count}: {first})",
        "de": "Zeilen mit derselben Kennung zusammenführen ({count}: {first})",
    },
    "import.fix.self-reports": {
        "en": "Make units that are their own parent top units ({count}: {first})",
        "de": "Einheiten, die sich selbst unterstellt sind, zu obersten Einheiten machen ({count}: {first})",
    },
    "import.fix.unknown-parents": {
        "en": "Make units whose parent is not in the file top units ({count}: {first})",
        "de": "Einheiten, deren Übergeordnete nicht in der Datei steht, zu obersten Einheiten machen ({count}: {first})",
    },
    "import.facing": {"en": "Who meets the customer", "de": "Wer hat Kundenkontakt"},
    "import.facing.column": {"en": "Column", "de": "Spalte"},
    "import.facing.example": {"en": "sales|account|service", "de": "vertrieb|kunde|service"},
    "import.facing.pattern": {
        "en": "contains (regular expression, case ignored)",
        "de": "enthält (regulärer Ausdruck, Groß-/Kleinschreibung egal)",
    },
    "import.facing.count": {
        "en": "{count} of {rows} rows match: they get a touchpoint.",
        "de": "{count} von {rows} Zeilen passen: sie erhalten einen Kundenkontakt.",
    },
    "import.facing.none": {
        "en": "Nobody serves the customer yet, so every unit would have no path: choose a column and a pattern (for example a job title containing sales).",
        "de": "Noch bedient niemand den Kunden, jede Einheit wäre ohne Weg: wählen Sie eine Spalte und ein Muster (zum Beispiel eine Stellenbezeichnung mit Vertrieb).",
    },
    "import.group": {"en": "Group people into units by", "de": "Personen zu Einheiten gruppieren nach"},
    "import.group.none": {"en": "no grouping (one unit per row)", "de": "keine Gruppierung (eine Einheit je Zeile)"},
    "import.group.help": {
        "en": "Best first: a good grouping keeps each group together in the reporting lines, as departments are.",
        "de": "Beste zuerst: eine gute Gruppierung hält jede Gruppe in den Berichtslinien zusammen, wie Abteilungen.",
    },
    "import.verdict.good": {"en": "{groups} groups, mostly together", "de": "{groups} Gruppen, meist zusammenhängend"},
    "import.verdict.scattered": {
        "en": "{groups} groups, scattered: looks like job titles",
        "de": "{groups} Gruppen, verstreut: wirkt wie Stellenbezeichnungen",
    },
    "import.verdict.one_value": {
        "en": "{groups} groups, one value for nearly everyone",
        "de": "{groups} Gruppen, fast alle mit demselben Wert",
    },
    "import.go": {"en": "Import and show the diagrams", "de": "Importieren und Diagramme zeigen"},
    "import.cancel": {"en": "Cancel", "de": "Abbrechen"},
    "sidebar.group_by": {"en": "Group people by", "de": "Personen gruppieren nach"},
    "sidebar.group_by.help": {
        "en": "This file has one row per person. Choose the column that names each person's team or unit.",
        "de": "Diese Datei hat eine Zeile je Person. Wählen Sie die Spalte, die Team oder Einheit der Person nennt.",
    },
    "sidebar.group_by.facing": {
        "en": "Customer-facing groups (they get a touchpoint)",
        "de": "Gruppen mit Kundenkontakt (erhalten einen Kontaktpunkt)",
    },
    "sidebar.group_by.go": {"en": "Group into units", "de": "Zu Einheiten gruppieren"},
    "group.suggest": {
        "en": (
            "**{name}** looks like a list of people: nobody in it serves the customer yet, so every row sits "
            "on the *unconnected* ring. Under **Group people by** in the sidebar, choose the column that names "
            "each person's department or team and tick the customer-facing ones: Orbit turns the people into "
            "units with headcounts and reporting lines."
        ),
        "de": (
            "**{name}** sieht nach einer Personenliste aus: Noch niemand darin liefert an den Kunden, darum "
            "steht jede Zeile auf dem Ring *ohne Verbindung*. Wählen Sie in der Seitenleiste unter "
            "**Personen gruppieren nach** die Spalte mit Abteilung oder Team und markieren Sie die Gruppen mit "
            "Kundenkontakt: Orbit macht aus den Personen Einheiten mit Beschäftigtenzahl und Berichtslinien."
        ),
    },
    "group.notes": {
        "en": "Grouping the people into units needed some choices; please check them:",
        "de": "Beim Gruppieren der Personen zu Einheiten waren Entscheidungen nötig; bitte prüfen Sie sie:",
    },
    "progress.title": {"en": "Opening a large design", "de": "Große Organisation wird geöffnet"},
    "progress.reading": {
        "en": "Reading and checking {name} ({size})",
        "de": "{name} wird gelesen und geprüft ({size})",
    },
    "progress.analysing": {
        "en": "Measuring each unit's distance to the customer ({units} units)",
        "de": "Abstand jeder Einheit zum Kunden wird gemessen ({units} Einheiten)",
    },
    "progress.layout": {
        "en": "Laying out the rings and the org chart",
        "de": "Ringe und Organigramm werden angeordnet",
    },
    "progress.drawing": {"en": "Drawing the diagrams", "de": "Diagramme werden gezeichnet"},
    "progress.checks": {"en": "Checking the design rules", "de": "Gestaltungsregeln werden geprüft"},
    "progress.comparing": {"en": "Comparing the two designs", "de": "Die beiden Organisationen werden verglichen"},
    "progress.done": {"en": "Large design ready ({seconds} s)", "de": "Große Organisation bereit ({seconds} s)"},
    "progress.failed": {"en": "The design could not be opened", "de": "Die Organisation ließ sich nicht öffnen"},
    "sidebar.distance": {"en": "Distance to the customer", "de": "Abstand zum Kunden"},
    "sidebar.max_hops": {"en": "Max hops N", "de": "Höchstens N Schritte"},
    "sidebar.max_hops.help": {
        "en": (
            "A unit more than N relations away from the customer is flagged (outlined in red). "
            "3 is a common threshold: the customer, a front-line team, one supporting team and one more."
        ),
        "de": (
            "Eine Einheit, die mehr als N Beziehungen vom Kunden entfernt liegt, wird markiert (rot umrandet). "
            "Üblich ist 3: Kunde, ein Team an der Front, ein unterstützendes Team und eines dahinter."
        ),
    },
    "sidebar.via": {"en": "Relations that count", "de": "Welche Beziehungen zählen"},
    "sidebar.via.help": {
        "en": (
            "Which relations between units make a path to the customer. Touchpoints (a unit serving the "
            "customer) always count."
        ),
        "de": (
            "Welche Beziehungen zwischen Einheiten einen Weg zum Kunden bilden. Kontaktpunkte (eine Einheit "
            "dient direkt dem Kunden) zählen immer."
        ),
    },
    "via.both": {"en": "Reporting lines and services", "de": "Berichtslinien und Leistungen"},
    "via.reports": {"en": "Reporting lines only", "de": "Nur Berichtslinien"},
    "via.serves": {"en": "Service relations only", "de": "Nur Leistungsbeziehungen"},
    "sidebar.share": {
        "en": "The address bar holds this view (design, N, relations, selected unit): copy it to share.",
        "de": "Die Adresszeile enthält diese Ansicht (Organisation, N, Beziehungen, gewählte Einheit): "
        "zum Teilen einfach kopieren.",
    },
    "sidebar.big": {
        "en": "Large design: {units} units. Diagrams use WebGL and show only the most important labels.",
        "de": "Große Organisation: {units} Einheiten. Die Diagramme nutzen WebGL und zeigen nur die wichtigsten "
        "Beschriftungen.",
    },
    "sidebar.aggregate": {"en": "Show departments down to level", "de": "Bereiche zeigen bis Ebene"},
    "sidebar.aggregate.help": {
        "en": "Big organisations are easier to read as departments. Units below this level are folded into them.",
        "de": "Große Organisationen liest man leichter als Bereiche. Einheiten unterhalb dieser Ebene werden "
        "zusammengefasst.",
    },
    "sidebar.aggregate.off": {"en": "all units", "de": "alle Einheiten"},
    # ------------------------------------------------------------------ tabs
    "tab.explore": {"en": "Explore", "de": "Erkunden"},
    "tab.analysis": {"en": "Analysis", "de": "Analyse"},
    "tab.edit": {"en": "Edit (what-if)", "de": "Bearbeiten (Was-wäre-wenn)"},
    "tab.compare": {"en": "Compare", "de": "Vergleichen"},
    "tab.export": {"en": "Export", "de": "Export"},
    # --------------------------------------------------------------- explore
    "explore.orbit": {
        "en": "Orbit view: rings by distance to the customer",
        "de": "Orbit-Ansicht: Ringe nach Abstand zum Kunden",
    },
    "explore.tree": {"en": "Org chart: reporting lines", "de": "Organigramm: Berichtslinien"},
    "explore.search": {"en": "Find a unit", "de": "Einheit suchen"},
    "explore.search.placeholder": {"en": "Type a name…", "de": "Namen eingeben…"},
    "explore.search.help": {
        "en": "Pick a unit by name; it is highlighted in both diagrams with its path to the customer.",
        "de": "Wählen Sie eine Einheit per Namen; sie wird in beiden Diagrammen samt Weg zum Kunden hervorgehoben.",
    },
    "explore.journey": {"en": "Show a customer journey", "de": "Kundenreise einblenden"},
    "explore.journey.help": {
        "en": "Draws the journey's steps over the orbit view and colours the departments it crosses in the org chart.",
        "de": "Zeichnet die Schritte der Kundenreise in die Orbit-Ansicht und färbt im Organigramm die Bereiche, "
        "die sie durchquert.",
    },
    "explore.journey.none": {"en": "(none)", "de": "(keine)"},
    "explore.no_journeys": {
        "en": "This design has no customer journeys.",
        "de": "Diese Organisation hat keine Kundenreisen.",
    },
    "explore.clear": {"en": "Clear selection", "de": "Auswahl aufheben"},
    "explore.how.title": {"en": "How to read the diagrams", "de": "So lesen Sie die Diagramme"},
    "explore.how": {
        "en": (
            "- **Centre**: the customer ({customer}).\n"
            "- **Rings**: ring 1 serves the customer directly, ring 2 serves ring 1, and so on. A designed "
            "orbit in the file places a unit on its ring.\n"
            "- **Colour**: the top-level department; the same colours in both diagrams and in exported images.\n"
            "- **Red outline**: more than N = {n} steps from the customer, or no path at all.\n"
            "- **Size**: headcount.\n"
            "- **Click** a unit (or find it by name) to see its path to the customer in both diagrams. "
            "Drag to zoom, double-click to zoom out."
        ),
        "de": (
            "- **Mitte**: der Kunde ({customer}).\n"
            "- **Ringe**: Ring 1 dient direkt dem Kunden, Ring 2 liefert an Ring 1 und so weiter. Ein in der "
            "Datei geplanter Orbit setzt eine Einheit auf ihren Ring.\n"
            "- **Farbe**: der oberste Bereich; dieselben Farben in beiden Diagrammen und in exportierten Bildern.\n"
            "- **Roter Rand**: mehr als N = {n} Schritte vom Kunden entfernt oder gar kein Weg.\n"
            "- **Größe**: Zahl der Beschäftigten.\n"
            "- **Klicken** Sie eine Einheit an (oder suchen Sie sie per Namen), um ihren Weg zum Kunden in "
            "beiden Diagrammen zu sehen. Ziehen zum Zoomen, Doppelklick zum Zurücksetzen."
        ),
    },
    "explore.big": {
        "en": "Showing {shown} of {units} labels; zoom in or search for a unit to see the rest.",
        "de": "{shown} von {units} Beschriftungen sichtbar; zoomen Sie hinein oder suchen Sie nach einer Einheit.",
    },
    # ---------------------------------------------------------------- detail
    "detail.title": {"en": "Selected unit", "de": "Gewählte Einheit"},
    "detail.kind": {"en": "Kind", "de": "Art"},
    "detail.headcount": {"en": "Headcount", "de": "Beschäftigte"},
    "detail.hops": {"en": "Hops to the customer", "de": "Schritte zum Kunden"},
    "detail.ring": {"en": "Ring", "de": "Ring"},
    "detail.level": {"en": "Layer", "de": "Hierarchieebene"},
    "detail.department": {"en": "Department", "de": "Bereich"},
    "detail.reports": {"en": "Direct reports", "de": "Direkt unterstellt"},
    "detail.parent": {"en": "Reports to", "de": "Berichtet an"},
    "detail.serves": {"en": "Serves", "de": "Liefert an"},
    "detail.path": {"en": "Path to the customer", "de": "Weg zum Kunden"},
    "detail.none": {"en": "—", "de": "—"},
    "detail.flag.far": {
        "en": "Flagged: {hops} steps from the customer, more than N = {n}. Every step is a hand-off.",
        "de": "Markiert: {hops} Schritte vom Kunden entfernt, mehr als N = {n}. Jeder Schritt ist eine Übergabe.",
    },
    "detail.flag.none": {
        "en": (
            "Flagged: no path to the customer. It has no touchpoint, and none of the relations that count "
            "({via}) leads to a unit that has one."
        ),
        "de": (
            "Markiert: kein Weg zum Kunden. Die Einheit hat keinen Kontaktpunkt, und keine der zählenden "
            "Beziehungen ({via}) führt zu einer Einheit mit Kontaktpunkt."
        ),
    },
    "detail.ok": {
        "en": "Within N = {n} steps of the customer.",
        "de": "Höchstens N = {n} Schritte vom Kunden entfernt.",
    },
    "detail.touchpoint": {
        "en": "Has a touchpoint: works directly with the customer.",
        "de": "Hat einen Kontaktpunkt: arbeitet direkt mit dem Kunden.",
    },
    "detail.misplaced": {
        "en": (
            "Misplaced: designed on ring {orbit}, but measured {hops} steps away. The orbit view draws it nearer "
            "to the customer than it really is; give it a touchpoint or a service relation inward, or move it out."
        ),
        "de": (
            "Falsch platziert: geplant auf Ring {orbit}, gemessen aber {hops} Schritte entfernt. Die Orbit-Ansicht "
            "zeigt sie näher am Kunden, als sie ist; geben Sie ihr einen Kontaktpunkt oder eine Leistung nach "
            "innen, oder setzen Sie sie weiter nach außen."
        ),
    },
    "detail.unconnected": {"en": "unconnected", "de": "ohne Verbindung"},
    # ----------------------------------------------------------------- hover
    "hover.kind": {"en": "Kind", "de": "Art"},
    "hover.headcount": {"en": "Headcount", "de": "Beschäftigte"},
    "hover.hops": {"en": "Hops", "de": "Schritte"},
    "hover.ring": {"en": "Ring", "de": "Ring"},
    "hover.path": {"en": "Path", "de": "Weg"},
    "hover.flagged": {"en": "flagged", "de": "markiert"},
    "hover.misplaced": {"en": "misplaced", "de": "falsch platziert"},
    "hover.none": {"en": "no path", "de": "kein Weg"},
    "hover.step": {"en": "Step", "de": "Schritt"},
    "ring.label": {"en": "Ring {k}", "de": "Ring {k}"},
    "ring.unconnected": {"en": "unconnected", "de": "ohne Verbindung"},
    "legend.flagged": {"en": "flagged: more than {n} steps", "de": "markiert: mehr als {n} Schritte"},
    "legend.flagged_folded": {
        "en": "flagged: more than {n} steps<br>(a department: any of its people)",
        "de": "markiert: mehr als {n} Schritte<br>(ein Bereich: sobald einer seiner Beschäftigten)",
    },
    "legend.selected": {"en": "selected", "de": "gewählt"},
    "legend.path": {"en": "path to the customer", "de": "Weg zum Kunden"},
    "legend.journey": {"en": "journey", "de": "Kundenreise"},
    "legend.relations": {"en": "relations", "de": "Beziehungen"},
    "legend.other": {"en": "other", "de": "sonstige"},
    # -------------------------------------------------------------- analysis
    "analysis.title": {"en": "Key figures", "de": "Kennzahlen"},
    "metric.units": {"en": "Units", "de": "Einheiten"},
    "metric.headcount": {"en": "Headcount", "de": "Beschäftigte"},
    "metric.layers": {"en": "Layers", "de": "Hierarchieebenen"},
    "metric.mean_hops": {"en": "Mean hops", "de": "Ø Schritte"},
    "metric.share": {"en": "Within {n} steps", "de": "In ≤ {n} Schritten"},
    "metric.flagged": {"en": "Flagged units", "de": "Markierte Einheiten"},
    "metric.unreachable": {"en": "Unreachable", "de": "Ohne Weg"},
    "metric.misplaced": {"en": "Misplaced", "de": "Falsch platziert"},
    "metric.max_span": {"en": "Largest span", "de": "Größte Spanne"},
    "metric.units.help": {
        "en": "Units in the design: departments, teams, roles, partners.",
        "de": "Einheiten der Organisation: Bereiche, Teams, Rollen, Partner.",
    },
    "metric.headcount.help": {
        "en": "People in all units (a missing headcount counts as 1 in the averages).",
        "de": "Personen in allen Einheiten (fehlende Angaben zählen in Durchschnitten als 1).",
    },
    "metric.layers.help": {
        "en": "Levels in the reporting lines; a root is layer 1. Bain: every extra layer adds distance between leadership and the front line.",
        "de": "Ebenen der Berichtslinien; die Spitze ist Ebene 1. Bain: Jede zusätzliche Ebene vergrößert den Abstand zwischen Führung und Front.",
    },
    "metric.mean_hops.help": {
        "en": "Headcount-weighted mean hops: the average number of steps between a person and the customer, over units that have a path.",
        "de": "Nach Köpfen gewichteter Durchschnitt: wie viele Schritte eine Person im Mittel vom Kunden entfernt ist, über Einheiten mit Weg.",
    },
    "metric.share.help": {
        "en": "Share of all people who work at most N = {n} steps from the customer.",
        "de": "Anteil aller Beschäftigten, die höchstens N = {n} Schritte vom Kunden entfernt arbeiten.",
    },
    "metric.flagged.help": {
        "en": "Units more than N = {n} steps from the customer, or with no path.",
        "de": "Einheiten mit mehr als N = {n} Schritten zum Kunden oder ganz ohne Weg.",
    },
    "metric.unreachable.help": {
        "en": "Units with no path to the customer over the relations that count.",
        "de": "Einheiten ohne Weg zum Kunden über die zählenden Beziehungen.",
    },
    "metric.misplaced.help": {
        "en": "Units whose designed orbit is nearer to the customer than their measured hops.",
        "de": "Einheiten, deren geplanter Orbit näher am Kunden liegt als die gemessenen Schritte.",
    },
    "analysis.flagged": {"en": "Flagged units", "de": "Markierte Einheiten"},
    "analysis.flagged.none": {
        "en": "No unit is more than {n} steps from the customer.",
        "de": "Keine Einheit liegt mehr als {n} Schritte vom Kunden entfernt.",
    },
    "analysis.flagged.caption": {
        "en": "Sorted by distance, then headcount: the top rows are where most people sit furthest from the customer.",
        "de": "Sortiert nach Abstand, dann Köpfen: oben stehen die Einheiten, in denen die meisten Menschen am weitesten vom Kunden entfernt arbeiten.",
    },
    "analysis.rings": {"en": "Headcount per ring", "de": "Beschäftigte je Ring"},
    "analysis.spans": {"en": "Spans of control", "de": "Führungsspannen"},
    "analysis.spans.caption": {
        "en": "Managers by number of direct reports, against the McKinsey archetypes. Narrow spans add layers; very wide ones leave no time for coaching.",
        "de": "Führungskräfte nach Zahl der direkt Unterstellten, gegen die McKinsey-Archetypen. Enge Spannen erzeugen Ebenen; sehr weite lassen keine Zeit fürs Coaching.",
    },
    "analysis.spans.none": {"en": "No unit has direct reports.", "de": "Keine Einheit hat direkt Unterstellte."},
    "span.below": {"en": "below 3", "de": "unter 3"},
    "span.player/coach": {"en": "player/coach (3–5)", "de": "Spielertrainer (3–5)"},
    "span.coach": {"en": "coach (6–7)", "de": "Coach (6–7)"},
    "span.supervisor": {"en": "supervisor (8–10)", "de": "Supervisor (8–10)"},
    "span.facilitator": {"en": "facilitator (11–15)", "de": "Moderator (11–15)"},
    "span.coordinator": {"en": "coordinator (> 15)", "de": "Koordinator (> 15)"},
    "analysis.managers": {"en": "Managers", "de": "Führungskräfte"},
    "analysis.journeys": {"en": "Customer journeys", "de": "Kundenreisen"},
    "analysis.journeys.caption": {
        "en": "A journey is the path a customer request takes. Fewer hand-offs and boundary crossings mean faster answers and fewer dropped balls.",
        "de": "Eine Kundenreise ist der Weg einer Kundenanfrage durch die Organisation. Weniger Übergaben und Bereichsgrenzen heißen schnellere Antworten und weniger Liegengebliebenes.",
    },
    "analysis.journey.pick": {"en": "Draw a journey", "de": "Kundenreise zeichnen"},
    "analysis.checks": {"en": "Design checks", "de": "Designprüfungen"},
    "analysis.checks.none": {"en": "All design checks pass.", "de": "Alle Designprüfungen bestanden."},
    "analysis.checks.summary": {
        "en": "Design checks: {errors} errors, {warnings} warnings",
        "de": "Designprüfungen: {errors} Fehler, {warnings} Warnungen",
    },
    "analysis.checks.more": {"en": "… and {count} more", "de": "… und {count} weitere"},
    "analysis.explain": {
        "en": "What the numbers mean, and why they matter",
        "de": "Was die Zahlen bedeuten und warum sie zählen",
    },
    "delta.pp": {"en": "pp", "de": "Pp."},
    "col.unit": {"en": "Unit", "de": "Einheit"},
    "col.id": {"en": "Id", "de": "Id"},
    "col.kind": {"en": "Kind", "de": "Art"},
    "col.department": {"en": "Department", "de": "Bereich"},
    "col.headcount": {"en": "Headcount", "de": "Beschäftigte"},
    "col.hops": {"en": "Hops", "de": "Schritte"},
    "col.ring": {"en": "Ring", "de": "Ring"},
    "col.reason": {"en": "Why", "de": "Warum"},
    "col.share": {"en": "Share", "de": "Anteil"},
    "col.units": {"en": "Units", "de": "Einheiten"},
    "col.span": {"en": "Span", "de": "Spanne"},
    "col.archetype": {"en": "Archetype", "de": "Archetyp"},
    "col.journey": {"en": "Journey", "de": "Kundenreise"},
    "col.steps": {"en": "Steps", "de": "Schritte"},
    "col.handoffs": {"en": "Hand-offs", "de": "Übergaben"},
    "col.crossings": {"en": "Boundary crossings", "de": "Bereichsgrenzen"},
    "col.detour": {"en": "Detour hops", "de": "Umweg-Schritte"},
    "col.departments": {"en": "Departments crossed", "de": "Durchlaufene Bereiche"},
    "col.change": {"en": "Change", "de": "Änderung"},
    "col.from": {"en": "From", "de": "Vorher"},
    "col.to": {"en": "To", "de": "Nachher"},
    "col.metric": {"en": "Metric", "de": "Kennzahl"},
    "reason.far": {"en": "{hops} steps", "de": "{hops} Schritte"},
    "reason.none": {"en": "no path", "de": "kein Weg"},
    "reason.misplaced": {"en": "misplaced (designed ring {orbit})", "de": "falsch platziert (geplant Ring {orbit})"},
    "explain.hops": {
        "en": (
            "**Hops** count the relations between a unit and the customer on the shortest path. Every hop is a "
            "hand-off where a request waits, is re-explained or is lost. Haier's RenDanHeYi aims at *zero distance* "
            "to the user: about 4,000 micro-enterprises of 10 to 15 people, most of them facing the market."
        ),
        "de": (
            "**Schritte** zählen die Beziehungen auf dem kürzesten Weg zwischen einer Einheit und dem Kunden. "
            "Jeder Schritt ist eine Übergabe, bei der eine Anfrage wartet, neu erklärt wird oder verloren geht. "
            "Haiers RenDanHeYi strebt *null Distanz* zum Nutzer an: rund 4.000 Mikrounternehmen mit 10 bis 15 "
            "Menschen, die meisten direkt am Markt."
        ),
    },
    "explain.share": {
        "en": (
            "**Headcount within N** shows how much of the organisation is close to customers. The headcount-"
            "weighted mean counts people, not boxes: a 40-person department five steps out weighs more than a "
            "two-person staff role."
        ),
        "de": (
            "**Beschäftigte in ≤ N** zeigt, wie viel der Organisation nah am Kunden arbeitet. Der nach Köpfen "
            "gewichtete Durchschnitt zählt Menschen, nicht Kästchen: Ein Bereich mit 40 Personen fünf Schritte "
            "entfernt wiegt mehr als eine Stabsstelle mit zwei."
        ),
    },
    "explain.layers": {
        "en": (
            "**Layers**: Bain finds that every extra layer adds distance between leadership and the front line; "
            "companies have cut from 11 to 8 layers and widened spans from about 7 to more than 11. Hamel and "
            "Zanini (HBR 2018) count about 8 levels of management above the front line in US firms with more "
            "than 5,000 staff. Buurtzorg runs roughly a thousand self-organised nurse teams with a single layer "
            "of coaches above them."
        ),
        "de": (
            "**Hierarchieebenen**: Laut Bain vergrößert jede zusätzliche Ebene den Abstand zwischen Führung und "
            "Front; Unternehmen sind von 11 auf 8 Ebenen gegangen und haben Spannen von etwa 7 auf über 11 "
            "erweitert. Hamel und Zanini (HBR 2018) zählen in US-Firmen mit mehr als 5.000 Beschäftigten rund "
            "8 Managementebenen über der Front. Buurtzorg führt rund tausend selbstorganisierte Pflegeteams mit "
            "einer einzigen Ebene von Coaches darüber."
        ),
    },
    "explain.spans": {
        "en": (
            "**Spans of control** (McKinsey 2017): player/coach 3–5, coach 6–7, supervisor 8–10, facilitator "
            "11–15, coordinator more than 15. The right span depends on the work: routine, self-organised teams "
            "allow wide spans; novel, interdependent work needs narrower ones."
        ),
        "de": (
            "**Führungsspannen** (McKinsey 2017): Spielertrainer 3–5, Coach 6–7, Supervisor 8–10, Moderator "
            "11–15, Koordinator über 15. Die passende Spanne hängt von der Arbeit ab: Routine und "
            "selbstorganisierte Teams erlauben weite Spannen, neuartige, verflochtene Arbeit braucht engere."
        ),
    },
    "explain.journeys": {
        "en": (
            "**Hand-offs and boundary crossings**: a journey through k units has k + 1 hand-offs (customer to the "
            "first unit, each pair, the last unit back to the customer). A boundary crossing is a hand-off "
            "between top-level departments, where priorities and budgets differ. Team Topologies builds "
            "stream-aligned teams that own a flow of value with ideally zero hand-offs, at 6:1 to 9:1 against "
            "platform, enabling and complicated-subsystem teams."
        ),
        "de": (
            "**Übergaben und Bereichsgrenzen**: Eine Kundenreise durch k Einheiten hat k + 1 Übergaben (Kunde "
            "an die erste Einheit, jedes Paar, die letzte Einheit zurück an den Kunden). Eine Bereichsgrenze ist "
            "eine Übergabe zwischen obersten Bereichen, wo Prioritäten und Budgets auseinandergehen. Team "
            "Topologies setzt auf stream-aligned Teams, die einen Wertstrom möglichst ohne Übergaben verantworten, "
            "im Verhältnis 6:1 bis 9:1 zu Plattform-, Enabling- und Complicated-Subsystem-Teams."
        ),
    },
    "explain.orbit": {
        "en": (
            "**The orbit organisation** (Schüller and Steffen, 2019) puts purpose and customers at the core and "
            "lets self-organised, cross-functional teams circle the customers at eye level; management is the "
            "foundation, not the top. Bridge builders connect inner and outer rings."
        ),
        "de": (
            "**Die Orbit-Organisation** (Schüller und Steffen, 2019) stellt Purpose und Kunden in den Kern; "
            "selbstorganisierte, funktionsübergreifende Teams kreisen auf Augenhöhe um die Kunden, das "
            "Management ist Fundament statt Spitze. Brückenbauer verbinden innere und äußere Ringe."
        ),
    },
    # ------------------------------------------------------------------ edit
    "edit.undo": {"en": "Undo", "de": "Rückgängig"},
    "edit.download": {"en": "Download the edited design", "de": "Bearbeitete Organisation herunterladen"},
    "edit.dropped": {"en": "{fmt} cannot hold: {what}", "de": "{fmt} kann nicht speichern: {what}"},
    "edit.formats": {
        "en": "YAML keeps everything. CSV holds the unit table only; XLSX adds the journeys on a second sheet.",
        "de": "YAML speichert alles. CSV enthält nur die Tabelle der Einheiten; XLSX zusätzlich die Kundenreisen auf einem zweiten Blatt.",
    },
    "edit.label": {"en": "{name} (edited)", "de": "{name} (bearbeitet)"},
    "edit.col.id.help": {
        "en": "Unique id; other rows refer to it.",
        "de": "Eindeutige id; andere Zeilen verweisen darauf.",
    },
    "edit.col.orbit.help": {
        "en": "Designed ring (1 = next to the customer); empty = measured hops.",
        "de": "Geplanter Ring (1 = direkt am Kunden); leer = gemessene Schritte.",
    },
    "edit.col.headcount.help": {"en": "People in the unit.", "de": "Personen in der Einheit."},
    # --------------------------------------------------------------- compare
    "compare.title": {"en": "Today against a proposal", "de": "Heute gegen einen Vorschlag"},
    "compare.intro": {
        "en": "Units are matched by id. The proposal keeps the angular order of today's units, so a unit that moves inward moves along its own ray, and both diagrams use the same colours.",
        "de": "Einheiten werden über ihre id zugeordnet. Der Vorschlag behält die Winkelordnung des Heute bei, so dass eine Einheit, die nach innen rückt, auf ihrem Strahl bleibt; beide Diagramme nutzen dieselben Farben.",
    },
    "compare.a": {"en": "Today", "de": "Heute"},
    "compare.b": {"en": "Proposed", "de": "Vorschlag"},
    "compare.same": {
        "en": "Choose two different designs to compare.",
        "de": "Wählen Sie zwei verschiedene Organisationen zum Vergleich.",
    },
    "compare.against": {"en": "against", "de": "gegenüber"},
    "compare.metrics": {"en": "Key figures", "de": "Kennzahlen"},
    "compare.diff": {"en": "What changes", "de": "Was sich ändert"},
    "compare.diff.summary": {
        "en": "{added} added, {removed} removed, {moved} on another ring, {reparented} with another parent.",
        "de": "{added} hinzugefügt, {removed} entfernt, {moved} auf anderem Ring, {reparented} neu zugeordnet.",
    },
    "compare.diff.none": {
        "en": "The two designs have the same units, rings and parents.",
        "de": "Beide Organisationen haben dieselben Einheiten, Ringe und Vorgesetzten.",
    },
    "change.added": {"en": "added", "de": "hinzugefügt"},
    "change.removed": {"en": "removed", "de": "entfernt"},
    "change.moved": {"en": "moved ring", "de": "Ring gewechselt"},
    "change.reparented": {"en": "reparented", "de": "neu zugeordnet"},
    "compare.pdf": {"en": "One-page comparison (PDF)", "de": "Vergleich auf einer Seite (PDF)"},
    "compare.better": {"en": "better", "de": "besser"},
    # ---------------------------------------------------------------- export
    "export.title": {"en": "Images and files for your slides", "de": "Bilder und Dateien für Ihre Folien"},
    "export.intro": {
        "en": "Print-quality images drawn with the same layouts and colours as the app. PNG for slides, SVG for editing, PDF for handouts.",
        "de": "Bilder in Druckqualität mit denselben Anordnungen und Farben wie in der App. PNG für Folien, SVG zum Weiterbearbeiten, PDF für Handouts.",
    },
    "export.orbit": {"en": "Orbit view", "de": "Orbit-Ansicht"},
    "export.hierarchy": {"en": "Org chart", "de": "Organigramm"},
    "export.both": {"en": "Both side by side", "de": "Beide nebeneinander"},
    "export.compare": {"en": "Comparison: {a} vs {b}", "de": "Vergleich: {a} und {b}"},
    "export.data": {"en": "Data", "de": "Daten"},
    "export.analysis_csv": {"en": "Analysis per unit (CSV)", "de": "Analyse je Einheit (CSV)"},
    "export.analysis_json": {"en": "Analysis (JSON)", "de": "Analyse (JSON)"},
    "export.design": {"en": "Design as {fmt}", "de": "Organisation als {fmt}"},
    "export.compare.hint": {
        "en": "The comparison uses the two designs chosen under Compare.",
        "de": "Der Vergleich nutzt die beiden unter Vergleichen gewählten Organisationen.",
    },
}
