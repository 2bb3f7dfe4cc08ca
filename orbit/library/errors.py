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
    """The design exists but is deleted (hidden); restoring it brings it back."""

    def __init__(self, database: str, name: str):
        self.name = name
        LibraryError.__init__(
            self, database, f"design {name!r} is deleted; restore it first (orbit library restore {name!r})"
        )


class UnknownVersion(LibraryError):
    """The design has no version with this number."""

    def __init__(self, database: str, name: str, version, latest: int):
        self.name, self.version, self.latest = name, version, latest
        have = {0: "it has no versions yet", 1: "it has only version 1"}.get(latest, f"it has versions 1 to {latest}")
        super().__init__(database, f"design {name!r} has no version {version} ({have})")


class NameTaken(LibraryError):
    """Another design (possibly a deleted one) already has this name, compared case-insensitively."""

    def __init__(self, database: str, name: str, holder: str, deleted: bool = False):
        self.name, self.holder, self.deleted = name, holder, deleted
        if deleted:
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
    "DatabaseUnavailable",
    "DesignDeleted",
    "InvalidName",
    "LibraryError",
    "NameTaken",
    "UnknownDesign",
    "UnknownVersion",
]
