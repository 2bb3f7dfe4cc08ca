# ruff: noqa: E501  (a table of translated sentences reads better one entry per line)
"""Texts of sign-in and sharing in the app (:mod:`orbit.app.views.signin`, :mod:`orbit.app.views.sharing`).

Part of the one text table (:data:`orbit.i18n.STRINGS`). German follows the
app's formal "Sie".
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------------ the sign-in page
    "access.sign_in": {"en": "Sign in", "de": "Anmelden"},
    "access.sign_out": {"en": "Sign out", "de": "Abmelden"},
    "access.signin.intro": {
        "en": "Org designs on this server are confidential. **Sign in** with your organisation's account to see the designs you own or that were shared with you.",
        "de": "Organisationsentwürfe auf diesem Server sind vertraulich. **Melden Sie sich** mit dem Konto Ihrer Organisation **an**, um die Entwürfe zu sehen, die Ihnen gehören oder mit Ihnen geteilt wurden.",
    },
    "access.signin.privacy": {
        "en": "Nothing of any design is shown before you have signed in.",
        "de": "Vor der Anmeldung wird nichts von einem Entwurf gezeigt.",
    },
    "access.broken": {
        "en": "Sign-in is configured on this server but its settings cannot be used, so no design is shown. Ask whoever runs the server to fix `.streamlit/secrets.toml`:",
        "de": "Auf diesem Server ist eine Anmeldung eingerichtet, aber ihre Einstellungen sind nicht nutzbar; daher wird kein Entwurf gezeigt. Bitten Sie den Betreiber, `.streamlit/secrets.toml` zu korrigieren:",
    },
    "access.no_email": {
        "en": "You are signed in, but your account gave this server no verified e-mail address, and designs are shared by e-mail. Ask whoever runs the sign-in to add the e-mail claim, or sign out and use another account.",
        "de": "Sie sind angemeldet, aber Ihr Konto hat diesem Server keine bestätigte E-Mail-Adresse genannt, und Entwürfe werden per E-Mail geteilt. Bitten Sie den Betreiber der Anmeldung, die E-Mail-Angabe freizugeben, oder melden Sie sich ab und nutzen Sie ein anderes Konto.",
    },
    # ------------------------------------------------------------------ the sidebar when signed in
    "access.private": {
        "en": "Your designs and those shared with you; every change is kept as a version.",
        "de": "Ihre Entwürfe und die mit Ihnen geteilten; jede Änderung bleibt als Version erhalten.",
    },
    "access.address": {
        "en": "The address bar holds this view: it opens for everyone the design is shared with.",
        "de": "Die Adresszeile enthält diese Ansicht: Sie öffnet sich für alle, mit denen der Entwurf geteilt ist.",
    },
    "access.signed_in_as": {"en": "Signed in as {name} ({email})", "de": "Angemeldet als {name} ({email})"},
    "access.signed_in_as.email": {"en": "Signed in as {email}", "de": "Angemeldet als {email}"},
    "access.admin": {
        "en": "Admin: you see and manage every design.",
        "de": "Administration: Sie sehen und verwalten alle Entwürfe.",
    },
    "access.shared.owner": {"en": "owned by {owner}", "de": "gehört {owner}"},
    "access.shared.editor": {
        "en": "shared by {owner} · you may edit",
        "de": "geteilt von {owner} · Sie dürfen bearbeiten",
    },
    "access.shared.viewer": {"en": "shared by {owner} · view only", "de": "geteilt von {owner} · nur ansehen"},
    # ------------------------------------------------------------------ designs one may not change
    "access.viewer.readonly": {
        "en": "You may view, export and compare {name}, not change it: {owner} shared it with you as a viewer. Ask them for the editor role, or copy it as a design of your own.",
        "de": "Sie dürfen {name} ansehen, exportieren und vergleichen, aber nicht ändern: {owner} hat den Entwurf zum Ansehen mit Ihnen geteilt. Bitten Sie um die Rolle zum Bearbeiten, oder kopieren Sie ihn als eigenen Entwurf.",
    },
    "access.viewer.restore": {
        "en": "Restoring saves a version: that needs the editor role (ask {owner}).",
        "de": "Wiederherstellen speichert eine Version: Dafür ist die Rolle zum Bearbeiten nötig (fragen Sie {owner}).",
    },
    "access.missing": {
        "en": "The link names the design {name}, which is not in the library or not shared with you. Showing {default} instead.",
        "de": "Der Link nennt den Entwurf {name}, der nicht in der Bibliothek ist oder nicht mit Ihnen geteilt wurde. Stattdessen wird {default} gezeigt.",
    },
    # ------------------------------------------------------------------ read-only links
    "access.link.label": {"en": "{name} (read-only link)", "de": "{name} (Link zum Ansehen)"},
    "access.link.caption": {"en": "read-only link from {owner}", "de": "Link zum Ansehen von {owner}"},
    "access.link.banner": {
        "en": "You opened **{name}** by a read-only link from {owner}: version {n}, saved {when} by {author}. You may view, export and compare it, or copy it as a design of your own.",
        "de": "Sie haben **{name}** über einen Link zum Ansehen von {owner} geöffnet: Version {n}, gespeichert {when} von {author}. Sie können ihn ansehen, exportieren und vergleichen oder als eigenen Entwurf kopieren.",
    },
    "access.link.readonly": {
        "en": "A read-only link opens a design to look at, not to change. Copy it as a design of your own, or ask {owner} to share it with you as an editor.",
        "de": "Ein Link zum Ansehen öffnet einen Entwurf zum Lesen, nicht zum Ändern. Kopieren Sie ihn als eigenen Entwurf, oder bitten Sie {owner}, ihn zum Bearbeiten mit Ihnen zu teilen.",
    },
    "access.link.history": {
        "en": "A read-only link opens this one version only: its history and other versions are for the people the design is shared with.",
        "de": "Ein Link zum Ansehen öffnet nur diese eine Version: Verlauf und andere Versionen sehen nur die, mit denen der Entwurf geteilt ist.",
    },
    "access.link.none": {
        "en": "This link opens nothing: it was revoked, or it is not a link to a design here. Showing {default} instead.",
        "de": "Dieser Link öffnet nichts: Er wurde widerrufen, oder er führt zu keinem Entwurf auf diesem Server. Stattdessen wird {default} gezeigt.",
    },
    "access.link.gone": {
        "en": "The read-only link you opened was revoked (or its design deleted) in the meantime. Showing {default}.",
        "de": "Der Link zum Ansehen, den Sie geöffnet haben, wurde inzwischen widerrufen (oder sein Entwurf gelöscht). Gezeigt wird {default}.",
    },
    # ------------------------------------------------------------------ the sharing panel
    "access.share": {"en": "Share", "de": "Teilen"},
    "access.members": {"en": "Who may open {name}", "de": "Wer {name} öffnen darf"},
    "access.owner_only": {
        "en": "Only its owner, {owner}, can share it or take a share back.",
        "de": "Nur die Eigentümerin oder der Eigentümer, {owner}, kann den Entwurf teilen oder eine Freigabe zurücknehmen.",
    },
    "access.role": {"en": "Role", "de": "Rolle"},
    "access.role.owner": {"en": "owner", "de": "Eigentum"},
    "access.role.editor": {"en": "editor", "de": "bearbeiten"},
    "access.role.viewer": {"en": "viewer", "de": "ansehen"},
    "access.roles.help": {
        "en": "Viewers open, export and compare; editors also edit, save versions and rename.",
        "de": "Wer ansehen darf, kann öffnen, exportieren und vergleichen; wer bearbeiten darf, auch ändern, Versionen speichern und umbenennen.",
    },
    "access.kind.domain": {"en": "everyone @{domain}", "de": "alle @{domain}"},
    "access.kind.link": {"en": "read-only link {id} ({opens})", "de": "Link zum Ansehen {id} ({opens})"},
    "access.link.newest": {"en": "newest version", "de": "neueste Version"},
    "access.link.fixed": {"en": "version {n}", "de": "Version {n}"},
    "access.unshare.help": {"en": "Take this share back", "de": "Diese Freigabe zurücknehmen"},
    "access.revoke.help": {
        "en": "Revoke this link: it opens nothing any more",
        "de": "Diesen Link widerrufen: Er öffnet dann nichts mehr",
    },
    "access.with_person": {"en": "Share with a person", "de": "Mit einer Person teilen"},
    "access.email": {"en": "E-mail address", "de": "E-Mail-Adresse"},
    "access.email.placeholder": {"en": "name@example.com", "de": "name@beispiel.de"},
    "access.email.missing": {
        "en": "Type the e-mail address to share with.",
        "de": "Geben Sie die E-Mail-Adresse ein, mit der geteilt werden soll.",
    },
    "access.share.go": {"en": "Share", "de": "Teilen"},
    "access.share.domain": {"en": "Share with everyone @{domain}", "de": "Mit allen @{domain} teilen"},
    "access.share.domain.help": {
        "en": "Everyone who signs in with an e-mail address ending in @{domain} may open it, in the role chosen above.",
        "de": "Alle, die sich mit einer E-Mail-Adresse auf @{domain} anmelden, dürfen den Entwurf öffnen, in der oben gewählten Rolle.",
    },
    "access.link.title": {"en": "Read-only link", "de": "Link zum Ansehen"},
    "access.link.help": {
        "en": "Whoever has the link and signs in can view this design (not its history), until you revoke the link.",
        "de": "Wer den Link hat und sich anmeldet, kann diesen Entwurf ansehen (nicht seinen Verlauf), bis Sie den Link widerrufen.",
    },
    "access.link.this_version": {
        "en": "Always version {n} (else the newest)",
        "de": "Immer Version {n} (sonst die neueste)",
    },
    "access.link.go": {"en": "Make a read-only link", "de": "Link zum Ansehen erstellen"},
    "access.link.once": {
        "en": "Copy the link now: it is shown only this once (the server keeps only a fingerprint).",
        "de": "Kopieren Sie den Link jetzt: Er wird nur dieses eine Mal gezeigt (der Server speichert nur einen Fingerabdruck).",
    },
    "access.done.shared": {"en": "Shared with {who} ({role}).", "de": "Geteilt mit {who} ({role})."},
    "access.done.unshared": {"en": "{who} can no longer open it.", "de": "{who} kann den Entwurf nicht mehr öffnen."},
    "access.done.revoked": {
        "en": "Revoked {who}: it opens nothing any more.",
        "de": "{who} widerrufen: Er öffnet nichts mehr.",
    },
    "access.done.link": {"en": "Made a read-only link.", "de": "Link zum Ansehen erstellt."},
}
