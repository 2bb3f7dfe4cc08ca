"""The errors of the design library: one line each, like every Orbit error.

All are :class:`~orbit.errors.OrgError` subclasses, so a surface that prints
``error: {err}`` and exits 2 for bad files does the same for the library.
The ``source`` is the database: the SQLite file, or the URL with its
password masked; the message names the design, version or name concerned.

>>> err = UnknownDesign("/tmp/orbit.db", "Option A")
>>> str(err)
"/tmp/orbit.db: no design named 'Option A'"
"""

from __future__ import annotations

from ..errors import OrgError


class LibraryError(OrgError):
    """Something about the design library is wrong: a design, a version, a name or the database."""

    def __init__(self, database: str, message: str):
        super().__init__(database, None, message)


class UnknownDesign(LibraryError):
    """No visible design has this name (deleted designs are hidden)."""

    def __init__(self, database: str, name: str, suggestion: str | None = None):
        self.name = name
        hint = f" (did you mean {suggestion!r}?)" if suggestion else ""
        super().__init__(database, f"no design named {name!r}{hint}")


class DesignDeleted(UnknownDesign):
    """The design exists but is deleted (hidden); restoring it brings it back.

    ``owner`` is given when the one told is not who can restore it.
    """

    def __init__(self, database: str, name: str, owner: str | None = None):
        self.name = name
        if owner is None:
            text = f"design {name!r} is deleted; restore it first (orbit library restore {name!r})"
        else:
            text = f"design {name!r} is deleted; its owner {owner} can restore it"
        LibraryError.__init__(self, database, text)


class AmbiguousName(LibraryError):
    """Several designs the user can see have this name, none of them the user's own."""

    def __init__(self, database: str, name: str, candidates: list[str]):
        self.name, self.candidates = name, candidates
        listed = ", ".join(repr(c) for c in candidates)
        super().__init__(database, f"{len(candidates)} designs you can see are named {name!r}: write one of {listed}")


class PermissionDenied(LibraryError):
    """The user can see the design but their role does not allow this change.

    >>> str(PermissionDenied("orbit.db", "Plan", "saving a version", "editor", "viewer", "ana@example.com"))
    "orbit.db: design 'Plan': saving a version needs the editor role; you are a viewer (ask its owner, ana@example.com)"
    """

    def __init__(self, database: str, name: str, action: str, needed: str, role: str | None, owner: str | None):
        self.name, self.action, self.needed, self.role = name, action, needed, role
        have = {"viewer": "a viewer", "editor": "an editor", "owner": "its owner"}.get(role, "not a member")
        ask = f" (ask its owner, {owner})" if owner and role != "owner" else ""
        super().__init__(database, f"design {name!r}: {action} needs the {needed} role; you are {have}{ask}")


class UnknownLink(LibraryError):
    """A link token that opens nothing: revoked, its design deleted, or never made (all answered alike)."""

    def __init__(self, database: str):
        super().__init__(database, "this link opens nothing: it was revoked, or it is not a link to a design here")


class InvalidMember(LibraryError):
    """Not an e-mail address, not a domain, not a role, or a member that cannot be added or removed."""


class UnknownVersion(LibraryError):
    """The design has no version with this number."""

    def __init__(self, database: str, name: str, version, latest: int):
        self.name, self.version, self.latest = name, version, latest
        have = {0: "it has no versions yet", 1: "it has only version 1"}.get(latest, f"it has versions 1 to {latest}")
        super().__init__(database, f"design {name!r} has no version {version} ({have})")


class NameTaken(LibraryError):
    """Another design (possibly a deleted one) already has this name, compared case-insensitively.

    ``owned_by`` is given when the other design is one the user may not see:
    names are unique per owner, so renaming someone else's design (or
    handing it over) can meet a name its owner already uses.
    """

    def __init__(self, database: str, name: str, holder: str, deleted: bool = False, *, owned_by: str | None = None):
        self.name, self.holder, self.deleted = name, holder, deleted
        if owned_by is not None:
            text = f"{owned_by} already has a design named {name!r} (names are unique per owner): choose another name"
        elif deleted:
            text = f"the name {name!r} is taken by the deleted design {holder!r}: restore it or choose another name"
        elif holder == name:
            text = f"a design named {name!r} already exists: choose another name"
        else:
            text = f"the name {name!r} is taken by the design {holder!r} (names ignore case): choose another name"
        super().__init__(database, text)


class InvalidName(LibraryError):
    """A design name that cannot be used (empty, too long, control characters)."""


class DatabaseUnavailable(LibraryError):
    """The database cannot be reached, opened or written, or its schema is newer than this Orbit."""


__all__ = [
    "AmbiguousName",
    "DatabaseUnavailable",
    "DesignDeleted",
    "InvalidMember",
    "InvalidName",
    "LibraryError",
    "NameTaken",
    "PermissionDenied",
    "UnknownDesign",
    "UnknownLink",
    "UnknownVersion",
]
