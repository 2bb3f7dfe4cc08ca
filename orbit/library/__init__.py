"""The design library: every design kept with all its versions, in SQLite or PostgreSQL.

>>> import tempfile, orbit
>>> from orbit.library import Library
>>> lib = Library(tempfile.mkdtemp() + "/orbit.db")
>>> lib.save(orbit.load(b"units: [{id: desk, serves: [customer]}]", name="t.yaml"), "Today")
1
>>> lib.list()[["name", "versions", "units"]].values.tolist()
[['Today', 1, 1]]

:class:`Library` is the whole API; see its methods, and :mod:`orbit.library.store`
for who may do what (the shared workspace, signed-in users, admins). Importing this package
is cheap: SQLAlchemy is loaded when a :class:`Library` is first made, so
surfaces can check ``library:NAME@N`` references (:func:`parse_reference`)
without paying for it.
"""

from __future__ import annotations

from .._lazy import lazy_getattr
from .access import ADMINS_VAR, ROLES, Actor, normalise_email
from .errors import (
    AmbiguousName,
    DatabaseUnavailable,
    DesignDeleted,
    InvalidMember,
    InvalidName,
    LibraryError,
    NameTaken,
    PermissionDenied,
    UnknownDesign,
    UnknownLink,
    UnknownVersion,
)
from .names import PREFIX, Reference, is_reference, name_key, parse_reference, split_owner

_LAZY = {
    "Library": "orbit.library.store",
    "ANONYMOUS": "orbit.library.store",
    "os_user": "orbit.library.store",
    "OpenedLink": "orbit.library.sharing",
    "ALL_LINKS": "orbit.library.sharing",
    "DesignInfo": "orbit.library.info",
    "VersionInfo": "orbit.library.info",
    "ENV_VAR": "orbit.library.engine",
    "default_path": "orbit.library.engine",
    "resolve_url": "orbit.library.engine",
}


__getattr__ = lazy_getattr(__name__, globals(), _LAZY)

__all__ = [
    "ADMINS_VAR",
    "PREFIX",
    "ROLES",
    "Actor",
    "AmbiguousName",
    "DatabaseUnavailable",
    "DesignDeleted",
    "InvalidMember",
    "InvalidName",
    "LibraryError",
    "NameTaken",
    "PermissionDenied",
    "Reference",
    "UnknownDesign",
    "UnknownLink",
    "UnknownVersion",
    "is_reference",
    "name_key",
    "normalise_email",
    "parse_reference",
    "split_owner",
    *_LAZY,
]
