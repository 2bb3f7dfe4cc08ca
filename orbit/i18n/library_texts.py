# ruff: noqa: E501  (a table of translated sentences reads better one entry per line)
"""Texts of the design library in the app, in English and German: the picker, the editor, the history.

Part of the one text table (:data:`orbit.i18n.STRINGS`). Keys: ``lib.*``
(the library in the sidebar, times, notices), ``edit.*`` (the editor: its
columns, forms, problems and the messages versions are saved with, which
are written in the language of the person editing), ``history.*`` (the
History tab).
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------------ times and figures
    "lib.time.today": {"en": "today {time}", "de": "heute {time}"},
    "lib.time.yesterday": {"en": "yesterday {time}", "de": "gestern {time}"},
    "lib.time.date": {"en": "{day} {month} {year}, {time}", "de": "{day}. {month} {year}, {time}"},
    "lib.month.1": {"en": "January", "de": "Januar"},
    "lib.month.2": {"en": "February", "de": "Februar"},
    "lib.month.3": {"en": "March", "de": "März"},
    "lib.month.4": {"en": "April", "de": "April"},
    "lib.month.5": {"en": "May", "de": "Mai"},
    "lib.month.6": {"en": "June", "de": "Juni"},
    "lib.month.7": {"en": "July", "de": "Juli"},
    "lib.month.8": {"en": "August", "de": "August"},
    "lib.month.9": {"en": "September", "de": "September"},
    "lib.month.10": {"en": "October", "de": "Oktober"},
    "lib.month.11": {"en": "November", "de": "November"},
    "lib.month.12": {"en": "December", "de": "Dezember"},
    "lib.units": {"en": "{n} units", "de": "{n} Einheiten"},
    "lib.saved": {"en": "saved {when} by {author}", "de": "gespeichert {when} von {author}"},
    "lib.version": {"en": "version {n}", "de": "Version {n}"},
    "lib.version.fixed": {"en": "version {n} of {latest}", "de": "Version {n} von {latest}"},
    "lib.label.fixed": {"en": "{name} · version {n} (read-only)", "de": "{name} · Version {n} (nur lesen)"},
    # ------------------------------------------------------------------ the library in the sidebar
    "lib.title": {"en": "Design library", "de": "Bibliothek"},
    "lib.shared": {
        "en": "Shared by everyone who uses this server; every change is kept as a version.",
        "de": "Gemeinsam für alle auf diesem Server; jede Änderung bleibt als Version erhalten.",
    },
    "lib.search": {"en": "Find a design", "de": "Organisation suchen"},
    "lib.search.placeholder": {"en": "part of a name", "de": "Teil eines Namens"},
    "lib.picker.other": {"en": "Open another design", "de": "Andere Organisation öffnen"},
    "lib.picker.help": {
        "en": "The designs in the library, each with its units, its newest version and when it was saved. Your choice is yours alone; the designs are shared.",
        "de": "Die Organisationen der Bibliothek, jede mit ihren Einheiten, ihrer neuesten Version und dem Zeitpunkt der Speicherung. Ihre Auswahl gilt nur für Sie; die Organisationen sind gemeinsam.",
    },
    "lib.matches": {"en": "{shown} of {n} designs match.", "de": "{shown} von {n} Organisationen passen."},
    "lib.empty": {
        "en": "The library is empty. Open a file below, or restore a deleted design.",
        "de": "Die Bibliothek ist leer. Öffnen Sie unten eine Datei oder stellen Sie eine gelöschte Organisation wieder her.",
    },
    "lib.manage": {"en": "Save as new, rename, delete", "de": "Kopieren, umbenennen, löschen"},
    "lib.save_as": {"en": "Save as new", "de": "Als neu speichern"},
    "lib.save_as.help": {
        "en": "A new design whose first version is the one on screen (the original stays as it is).",
        "de": "Eine neue Organisation, deren erste Version die angezeigte ist (das Original bleibt, wie es ist).",
    },
    "lib.save_as.name": {"en": "Name of the new design", "de": "Name der neuen Organisation"},
    "lib.save_as.go": {"en": "Save as new design", "de": "Als neue Organisation speichern"},
    "lib.copy_name": {"en": "{name} (copy)", "de": "{name} (Kopie)"},
    "lib.rename": {"en": "Rename", "de": "Umbenennen"},
    "lib.rename.name": {"en": "New name", "de": "Neuer Name"},
    "lib.rename.go": {"en": "Rename the design", "de": "Organisation umbenennen"},
    "lib.delete": {"en": "Delete", "de": "Löschen"},
    "lib.delete.confirm": {
        "en": "Delete **{name}**? Nothing is lost: it moves to the deleted designs, where you can restore it with all its versions.",
        "de": "**{name}** löschen? Es geht nichts verloren: Die Organisation wandert zu den gelöschten, wo Sie sie mit allen Versionen wiederherstellen können.",
    },
    "lib.delete.go": {"en": "Delete the design", "de": "Organisation löschen"},
    "lib.deleted": {"en": "Deleted designs ({n})", "de": "Gelöschte Organisationen ({n})"},
    "lib.deleted.item": {
        "en": "deleted {when} · versions: {versions}",
        "de": "gelöscht {when} · Versionen: {versions}",
    },
    "lib.deleted.none": {"en": "No deleted designs.", "de": "Keine gelöschten Organisationen."},
    "lib.restore": {"en": "Restore", "de": "Wiederherstellen"},
    "lib.done.saved_as": {"en": "Saved as the new design {name}.", "de": "Als neue Organisation {name} gespeichert."},
    "lib.done.renamed": {"en": "Renamed to {name}.", "de": "Umbenannt in {name}."},
    "lib.done.deleted": {
        "en": "Deleted {name}. Restore it under “Deleted designs”.",
        "de": "{name} gelöscht. Unter „Gelöschte Organisationen“ können Sie sie wiederherstellen.",
    },
    "lib.done.restored": {"en": "Restored {name}.", "de": "{name} wiederhergestellt."},
    "lib.failed": {"en": "Not done: {message}", "de": "Nicht ausgeführt: {message}"},
    "lib.unavailable": {
        "en": "The design library cannot be reached, so nothing can be opened or saved: {message}",
        "de": "Die Bibliothek ist nicht erreichbar, daher lässt sich nichts öffnen oder speichern: {message}",
    },
    "lib.missing": {
        "en": "The link names the design {name}, which is not in the library (deleted, renamed or never saved). Showing {default} instead.",
        "de": "Der Link nennt die Organisation {name}, die nicht in der Bibliothek ist (gelöscht, umbenannt oder nie gespeichert). Stattdessen wird {default} gezeigt.",
    },
    "lib.missing.version": {
        "en": "The link names version {n} of {name}, which does not exist (the newest is version {latest}). Showing the newest version instead.",
        "de": "Der Link nennt Version {n} von {name}, die es nicht gibt (die neueste ist Version {latest}). Stattdessen wird die neueste Version gezeigt.",
    },
    "lib.gone": {
        "en": "{name} was deleted or renamed in the meantime. Showing {default}.",
        "de": "{name} wurde inzwischen gelöscht oder umbenannt. Gezeigt wird {default}.",
    },
    "lib.external": {
        "en": "{author} saved version {n} of this design ({when}). The editor now shows it; Undo starts from here.",
        "de": "{author} hat Version {n} dieser Organisation gespeichert ({when}). Der Editor zeigt sie jetzt; Rückgängig beginnt hier.",
    },
    "lib.merged": {
        "en": "{author} saved version {n} while you were editing. Your change was applied on top of it and saved as version {m}.",
        "de": "{author} hat während Ihrer Bearbeitung Version {n} gespeichert. Ihre Änderung wurde darauf angewendet und als Version {m} gespeichert.",
    },
    "lib.conflict": {
        "en": "{author} saved version {n} while you were editing, and your change does not fit it ({problem}). Nothing was saved; the editor now shows version {n}.",
        "de": "{author} hat während Ihrer Bearbeitung Version {n} gespeichert, und Ihre Änderung passt nicht dazu ({problem}). Nichts wurde gespeichert; der Editor zeigt jetzt Version {n}.",
    },
    "lib.upload.saved": {
        "en": "Saved {file} as the design {name}: {units} units.",
        "de": "{file} als Organisation {name} gespeichert: {units} Einheiten.",
    },
    "lib.upload.hint": {
        "en": "Drop files here or open them: each is saved in the library as a new design named after the file.",
        "de": "Dateien hier ablegen oder öffnen: Jede wird als neue Organisation mit dem Namen der Datei in der Bibliothek gespeichert.",
    },
    "lib.upload.button": {"en": "Open files", "de": "Dateien öffnen"},
    "lib.upload.limits": {
        "en": "up to {mb} MB each · YAML, JSON, CSV, XLSX, GraphML",
        "de": "je bis {mb} MB · YAML, JSON, CSV, XLSX, GraphML",
    },
    "lib.readonly": {
        "en": "You are looking at version {n} of **{name}** (saved {when} by {author}), read-only. The newest is version {latest}.",
        "de": "Sie sehen Version {n} von **{name}** (gespeichert {when} von {author}), nur zum Lesen. Die neueste ist Version {latest}.",
    },
    "lib.readonly.copy": {"en": "Copy as new design", "de": "Als neue Organisation kopieren"},
    "lib.readonly.latest": {"en": "Open the newest version", "de": "Neueste Version öffnen"},
    "lib.msg.uploaded": {"en": "uploaded {file}", "de": "{file} hochgeladen"},
    "lib.msg.grouped": {"en": "grouped {design} by {column}", "de": "{design} nach {column} gruppiert"},
    "lib.msg.copied": {"en": "copied from {name} version {n}", "de": "kopiert aus {name}, Version {n}"},
    "lib.msg.restored": {"en": "restored version {n}", "de": "Version {n} wiederhergestellt"},
    "lib.msg.file": {"en": "opened from {file}", "de": "aus {file} geöffnet"},
    # ------------------------------------------------------------------ the editor
    "edit.title.lib": {"en": "Edit {name}", "de": "{name} bearbeiten"},
    "edit.intro.lib": {
        "en": "Change the design in the table, or move and add units with the forms. Every valid change is saved at once as a new version of this design, so a reload, a colleague or another laptop sees it; an invalid change is marked and never saved. Undo and Redo step through your changes (each saves a version too: the history keeps everything).",
        "de": "Ändern Sie die Organisation in der Tabelle, oder verschieben und ergänzen Sie Einheiten mit den Formularen. Jede gültige Änderung wird sofort als neue Version dieser Organisation gespeichert, so dass ein Neuladen, eine Kollegin oder ein anderer Laptop sie sieht; eine ungültige Änderung wird markiert und nie gespeichert. Rückgängig und Wiederholen gehen Ihre Änderungen durch (auch sie speichern je eine Version: der Verlauf behält alles).",
    },
    "edit.status": {
        "en": "Version {n} · saved {when} by {author}",
        "de": "Version {n} · gespeichert {when} von {author}",
    },
    "edit.status.last": {"en": "Last change: {message}", "de": "Letzte Änderung: {message}"},
    "edit.redo": {"en": "Redo", "de": "Wiederholen"},
    "edit.redo.help": {
        "en": "Make the change you undid again (saved as a new version).",
        "de": "Die rückgängig gemachte Änderung erneut ausführen (als neue Version gespeichert).",
    },
    "edit.undo.help.lib": {
        "en": "Back to the design before your last change (saved as a new version; nothing is overwritten).",
        "de": "Zurück zur Fassung vor Ihrer letzten Änderung (als neue Version gespeichert; nichts wird überschrieben).",
    },
    "edit.discard": {"en": "Discard this change", "de": "Diese Änderung verwerfen"},
    "edit.problem.title": {
        "en": "Not saved: {problem}",
        "de": "Nicht gespeichert: {problem}",
    },
    "edit.problem.where": {"en": "Row {row}, column “{column}”.", "de": "Zeile {row}, Spalte „{column}“."},
    "edit.problem.where.row": {"en": "Row {row}.", "de": "Zeile {row}."},
    "edit.problem.kept": {
        "en": "The last valid design stays saved and in use. Correct the marked cell, or discard the change.",
        "de": "Die letzte gültige Fassung bleibt gespeichert und in Gebrauch. Korrigieren Sie die markierte Zelle oder verwerfen Sie die Änderung.",
    },
    "edit.problem.no_id": {
        "en": "row {row} has no id; every unit needs one",
        "de": "Zeile {row} hat keine id; jede Einheit braucht eine",
    },
    "edit.problem.reserved": {
        "en": "the id '{id}' is reserved for the customer",
        "de": "die id '{id}' ist für den Kunden reserviert",
    },
    "edit.problem.duplicate": {
        "en": "the id '{id}' is used twice (rows {first} and {row})",
        "de": "die id '{id}' kommt zweimal vor (Zeilen {first} und {row})",
    },
    "edit.problem.own_parent": {
        "en": "{unit} cannot report to itself",
        "de": "{unit} kann nicht an sich selbst berichten",
    },
    "edit.problem.unknown_parent": {
        "en": "{unit} reports to '{parent}', which is not a unit of this design",
        "de": "{unit} berichtet an '{parent}', das keine Einheit dieser Organisation ist",
    },
    "edit.problem.cycle": {
        "en": "{unit} cannot report to {parent}: the reporting lines would go round in a circle ({loop})",
        "de": "{unit} kann nicht an {parent} berichten: die Berichtslinien liefen im Kreis ({loop})",
    },
    "edit.problem.headcount": {
        "en": "the headcount of {unit} must be a whole number from 0 to 10,000,000, not {value}",
        "de": "die Beschäftigtenzahl von {unit} muss eine ganze Zahl von 0 bis 10.000.000 sein, nicht {value}",
    },
    "edit.problem.orbit": {
        "en": "the orbit of {unit} must be a whole number from 1 to 1,000, not {value}",
        "de": "der Orbit von {unit} muss eine ganze Zahl von 1 bis 1.000 sein, nicht {value}",
    },
    "edit.problem.unknown_serves": {
        "en": "{unit} serves '{target}', which is not a unit of this design (nor the customer)",
        "de": "{unit} liefert an '{target}', das keine Einheit dieser Organisation ist (auch nicht der Kunde)",
    },
    "edit.problem.serves_itself": {
        "en": "{unit} cannot serve itself",
        "de": "{unit} kann nicht an sich selbst liefern",
    },
    "edit.problem.other": {"en": "{message}", "de": "{message}"},
    "edit.col.id": {"en": "id", "de": "Kennung"},
    "edit.col.name": {"en": "name", "de": "Name"},
    "edit.col.kind": {"en": "kind", "de": "Art"},
    "edit.col.parent": {"en": "reports to", "de": "berichtet an"},
    "edit.col.headcount": {"en": "headcount", "de": "Personen"},
    "edit.col.serves": {"en": "serves", "de": "liefert an"},
    "edit.col.orbit": {"en": "orbit", "de": "Orbit"},
    "edit.col.parent.help.lib": {
        "en": "The unit this one reports to (pick by name); empty: it reports to nobody (a top-level unit).",
        "de": "Die Einheit, an die diese berichtet (nach Namen wählen); leer: sie berichtet an niemanden (oberste Ebene).",
    },
    "edit.col.serves.help.lib": {
        "en": "The units this one delivers to, and the customer for a touchpoint.",
        "de": "Die Einheiten, an die diese liefert, und der Kunde für einen Kontaktpunkt.",
    },
    "edit.col.kind.help.lib": {
        "en": "What kind of unit: leadership, department, team, role, partner, stream-aligned, platform … (free text).",
        "de": "Art der Einheit: leadership, department, team, role, partner, stream-aligned, platform … (freier Text).",
    },
    "edit.top": {"en": "— nobody (top level) —", "de": "— niemand (oberste Ebene) —"},
    "edit.form.move": {"en": "Move a unit", "de": "Einheit verschieben"},
    "edit.form.move.unit": {"en": "Unit", "de": "Einheit"},
    "edit.form.move.parent": {"en": "Reports to", "de": "Berichtet an"},
    "edit.form.move.serves": {"en": "Serves", "de": "Liefert an"},
    "edit.form.move.now": {
        "en": "Now: reports to {parent}; serves {serves}.",
        "de": "Jetzt: berichtet an {parent}; liefert an {serves}.",
    },
    "edit.form.move.go": {"en": "Move the unit", "de": "Einheit verschieben"},
    "edit.form.add": {"en": "Add a unit", "de": "Einheit hinzufügen"},
    "edit.form.add.go": {"en": "Add the unit", "de": "Einheit hinzufügen"},
    "edit.form.search": {"en": "type to search by name", "de": "zum Suchen Namen tippen"},
    "edit.form.nothing": {"en": "nobody", "de": "niemanden"},
    "edit.form.unchanged": {"en": "Nothing to change yet.", "de": "Noch nichts zu ändern."},
    "edit.form.id.help": {
        "en": "A short, unique id (letters, digits, - or _); other rows refer to it.",
        "de": "Eine kurze, eindeutige Kennung (Buchstaben, Ziffern, - oder _); andere Zeilen verweisen darauf.",
    },
    "edit.form.id.needed": {"en": "Give the new unit an id.", "de": "Geben Sie der neuen Einheit eine Kennung."},
    "edit.form.done": {"en": "Saved: {message} (version {n}).", "de": "Gespeichert: {message} (Version {n})."},
    "edit.preview": {"en": "Preview", "de": "Vorschau"},
    "edit.preview.moved": {
        "en": "Units that did not change stay where they were; changed units ({n}) are ringed in orange.",
        "de": "Unveränderte Einheiten bleiben, wo sie waren; geänderte Einheiten ({n}) sind orange umrandet.",
    },
    "edit.preview.none": {
        "en": "The layout keeps every unit where it was before your changes.",
        "de": "Das Layout lässt jede Einheit, wo sie vor Ihren Änderungen war.",
    },
    "edit.moved": {"en": "changed", "de": "geändert"},
    "edit.since": {"en": "Effect of your changes since version {n}", "de": "Wirkung Ihrer Änderungen seit Version {n}"},
    "edit.readonly": {
        "en": "A fixed version cannot be edited. Copy it as a new design, or open the newest version to change it.",
        "de": "Eine feste Version lässt sich nicht bearbeiten. Kopieren Sie sie als neue Organisation, oder öffnen Sie die neueste Version, um sie zu ändern.",
    },
    # the messages versions are saved with
    "edit.msg.none": {"en": "no change", "de": "keine Änderung"},
    "edit.msg.join": {"en": "; ", "de": "; "},
    "edit.msg.more": {"en": "{changes} and {n} more changes", "de": "{changes} und {n} weitere Änderungen"},
    "edit.msg.empty": {"en": "empty", "de": "leer"},
    "edit.msg.id": {
        "en": "changed the id of {unit} from {old} to {new}",
        "de": "Kennung von {unit} von {old} auf {new} geändert",
    },
    "edit.msg.added": {"en": "added unit {unit}", "de": "Einheit {unit} hinzugefügt"},
    "edit.msg.removed": {"en": "deleted unit {unit}", "de": "Einheit {unit} gelöscht"},
    "edit.msg.top": {"en": "moved {unit} to the top level", "de": "{unit} auf die oberste Ebene verschoben"},
    "edit.msg.moved": {"en": "moved {unit} under {parent}", "de": "{unit} unter {parent} verschoben"},
    "edit.msg.renamed": {"en": "renamed {old} to {new}", "de": "{old} in {new} umbenannt"},
    "edit.msg.serves": {"en": "{unit} now serves {targets}", "de": "{unit} liefert jetzt an {targets}"},
    "edit.msg.serves_none": {"en": "{unit} now serves nobody", "de": "{unit} liefert jetzt an niemanden"},
    "edit.msg.changed": {
        "en": "changed {field} of {unit} from {old} to {new}",
        "de": "{field} von {unit} von {old} auf {new} geändert",
    },
    "edit.msg.undo": {"en": "undid: {message}", "de": "rückgängig: {message}"},
    "edit.msg.redo": {"en": "redid: {message}", "de": "wiederholt: {message}"},
    # ------------------------------------------------------------------ history
    "tab.history": {"en": "History", "de": "Verlauf"},
    "history.title": {"en": "History of {name}", "de": "Verlauf von {name}"},
    "history.intro": {
        "en": "Every saved version, newest first: when, by whom and what changed. Look at any version, compare it with the newest, or restore it (a restore saves it again as the newest version; nothing is overwritten).",
        "de": "Jede gespeicherte Version, die neueste zuerst: wann, von wem und was sich geändert hat. Sehen Sie sich jede Version an, vergleichen Sie sie mit der neuesten, oder stellen Sie sie wieder her (sie wird dann erneut als neueste Version gespeichert; nichts wird überschrieben).",
    },
    "history.col.version": {"en": "version", "de": "Version"},
    "history.col.saved": {"en": "saved", "de": "gespeichert"},
    "history.col.author": {"en": "by", "de": "von"},
    "history.col.message": {"en": "what changed", "de": "was sich geändert hat"},
    "history.col.units": {"en": "units", "de": "Einheiten"},
    "history.pick": {"en": "Version", "de": "Version"},
    "history.pick.label": {
        "en": "Version {n} · {when} · {author}: {message}",
        "de": "Version {n} · {when} · {author}: {message}",
    },
    "history.pick.help": {
        "en": "Pick a version to see what it changed against the newest one.",
        "de": "Wählen Sie eine Version, um zu sehen, was sie gegenüber der neuesten unterscheidet.",
    },
    "history.newest": {"en": "This is the newest version.", "de": "Das ist die neueste Version."},
    "history.view": {"en": "View this version", "de": "Ansehen"},
    "history.view.help": {
        "en": "Open this version read-only in every tab; the address bar then holds a link to exactly it.",
        "de": "Diese Version in allen Reitern zum Lesen öffnen; die Adresszeile enthält dann einen Link genau darauf.",
    },
    "history.restore": {"en": "Restore this version", "de": "Wiederherstellen"},
    "history.restore.help": {
        "en": "Save this version again as the newest one. Nothing is overwritten: the versions in between stay in the history.",
        "de": "Diese Version erneut als neueste speichern. Nichts wird überschrieben: Die Versionen dazwischen bleiben im Verlauf.",
    },
    "history.compare": {"en": "Open in Compare", "de": "Im Reiter Vergleichen öffnen"},
    "history.against": {
        "en": "Version {n} against the newest version {latest}",
        "de": "Version {n} gegen die neueste Version {latest}",
    },
    "history.same": {
        "en": "Version {n} holds the same design as the newest version.",
        "de": "Version {n} enthält dieselbe Organisation wie die neueste Version.",
    },
    "history.restored": {
        "en": "Restored version {n} as version {m}.",
        "de": "Version {n} als Version {m} wiederhergestellt.",
    },
    "history.empty_message": {"en": "(no message)", "de": "(ohne Beschreibung)"},
    "history.sample_message": {"en": "bundled sample", "de": "mitgeliefertes Beispiel"},
}
