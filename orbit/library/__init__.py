"""The design library: every design kept with all its versions, in SQLite or PostgreSQL.

>>> import tempfile, orbit
>>> from orbit.library import Library
>>> lib = Library(tempfile.mkdtemp() + "/orbit.db")
>>> lib.save(orbit.load(b"units: [{id: desk, serves: [customer]}]", name="t.yaml"), "Today")
1
>>> lib.list()[["name", "versions", "units"]].values.tolist()
[['Today', 1, 1]]

:class:`Library` is the whole API; see its methods. Importing this package
is cheap: SQLAlchemy is loaded when a :class:`Library` is first made, so
surfaces can check ``library:NAME@N`` references (:func:`parse_reference`)
without paying for it.
"""

from __future__ import annotations

from .._lazy import lazy_getattr
from .errors import (
    DatabaseUnavailable,
    DesignDeleted,
    InvalidName,
    LibraryError,
    NameTaken,
    UnknownDesign,
    UnknownVersion,
)
from .names import PREFIX, Reference, is_reference, name_key, parse_reference

_LAZY = {
    "Library": "orbit.library.store",
    "ANONYMOUS": "orbit.library.store",
    "os_user": "orbit.library.store",
    "DesignInfo": "orbit.library.info",
    "VersionInfo": "orbit.library.info",
    "ENV_VAR": "orbit.library.engine",
    "default_path": "orbit.library.engine",
    "resolve_url": "orbit.library.engine",
}


__getattr__ = lazy_getattr(__name__, globals(), _LAZY)

__all__ = [
    "PREFIX",
    "DatabaseUnavailable",
    "DesignDeleted",
    "InvalidName",
    "LibraryError",
    "NameTaken",
    "Reference",
    "UnknownDesign",
    "UnknownVersion",
    "is_reference",
    "name_key",
    "parse_reference",
    *_LAZY,
]
