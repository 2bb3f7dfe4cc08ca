"""What the library tells about designs and versions: small records and the tables of ``list`` and ``history``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from .names import Reference


@dataclass(frozen=True)
class VersionInfo:
    """One saved version, without its document.

    Attributes
    ----------
    design : str
        The design's name as the library's user writes it to find it again
        (``OWNER/NAME`` where that is needed, see :func:`~orbit.library.names.split_owner`).
    number : int
        1, 2, 3 … within the design.
    saved_at : datetime
        When it was saved (aware, UTC).
    author : str
        Who saved it (the OS user, a signed-in e-mail, or ``anonymous``).
    message : str
        What changed, in the saver's words.
    units, headcount : int
        Of the organisation in this version (a unit without headcount counts as 1).
    parent : Reference or None
        The version it was made from (``None`` for a first version); after a
        copy it names the other design.
    digest : str
        SHA-256 of the stored document.
    """

    design: str
    number: int
    saved_at: dt.datetime
    author: str
    message: str
    units: int
    headcount: int
    parent: Reference | None
    digest: str

    @property
    def reference(self) -> Reference:
        """``library:DESIGN@NUMBER`` for this version."""
        return Reference(self.design, self.number)


@dataclass(frozen=True)
class DesignInfo:
    """A design and its newest version, as a picker or a list shows it.

    Attributes
    ----------
    name : str
    versions : int
        How many versions it has (numbered 1 to ``versions``).
    created_at, updated_at : datetime
        When it was created and last saved (aware, UTC).
    created_by : str
        Who created it.
    deleted_at : datetime or None
        When it was deleted (hidden), ``None`` while it is visible.
    latest : VersionInfo
        Its newest version.
    owner : str
        Who owns it: the e-mail of the user who created it (or, for designs
        saved without sign-in, the OS user or ``anonymous``).
    role : str or None
        The library user's role on it: ``owner``, ``editor`` or ``viewer``
        (admins and the shared workspace: ``owner``).
    handle : str
        How the library's user names it to find it again: ``NAME``, or
        ``OWNER/NAME`` where that is needed; :attr:`reference` is the same
        as ``library:`` text.
    """

    name: str
    versions: int
    created_at: dt.datetime
    created_by: str
    updated_at: dt.datetime
    deleted_at: dt.datetime | None
    latest: VersionInfo
    owner: str
    role: str | None
    handle: str

    @property
    def units(self) -> int:
        """Units in the newest version."""
        return self.latest.units

    @property
    def deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def reference(self) -> Reference:
        """``library:HANDLE``: its newest version, for whoever asked the library."""
        return Reference(self.handle)


def design_info(row, latest: VersionInfo, role: str | None, handle: str) -> DesignInfo:
    return DesignInfo(
        name=row.name,
        versions=row.versions,
        created_at=row.created_at,
        created_by=row.created_by,
        updated_at=row.updated_at,
        deleted_at=row.deleted_at,
        latest=latest,
        owner=row.owner,
        role=role,
        handle=handle,
    )


def version_info(design: str, row) -> VersionInfo:
    """A version's details from a row of versions (with ``parent_number`` and ``parent_design`` when joined)."""
    parent = None
    if getattr(row, "parent_number", None) is not None:
        parent = Reference(row.parent_design, row.parent_number)
    return VersionInfo(
        design=design,
        number=row.number,
        saved_at=row.saved_at,
        author=row.author,
        message=row.message,
        units=row.units,
        headcount=row.headcount,
        parent=parent,
        digest=row.digest,
    )


def _times(values: Sequence) -> pd.Series:
    return pd.Series(pd.to_datetime(list(values), utc=True), dtype="datetime64[us, UTC]")


def list_frame(rows: Iterable[DesignInfo], *, deleted: bool = False) -> pd.DataFrame:
    """The table of :meth:`Library.list <orbit.library.Library.list>`: see there for its columns."""
    rows = list(rows)
    frame = pd.DataFrame(
        {
            "name": pd.Series([r.name for r in rows], dtype=object),
            "versions": pd.Series([r.versions for r in rows], dtype="int64"),
            "updated": _times([r.updated_at for r in rows]),
            "units": pd.Series([r.latest.units for r in rows], dtype="int64"),
            "headcount": pd.Series([r.latest.headcount for r in rows], dtype="int64"),
            "created": _times([r.created_at for r in rows]),
            "author": pd.Series([r.latest.author for r in rows], dtype=object),
            "owner": pd.Series([r.owner for r in rows], dtype=object),
            "role": pd.Series([r.role for r in rows], dtype=object),
            "reference": pd.Series([str(r.reference) for r in rows], dtype=object),
            "digest": pd.Series([r.latest.digest for r in rows], dtype=object),
        }
    )
    if deleted:
        frame["deleted"] = _times([r.deleted_at for r in rows])
    return frame


def history_frame(rows: Iterable[VersionInfo]) -> pd.DataFrame:
    """The table of :meth:`Library.history <orbit.library.Library.history>`, newest first."""
    rows = list(rows)
    parents = [r.parent.version if r.parent is not None and r.parent.name == r.design else None for r in rows]
    return pd.DataFrame(
        {
            "version": pd.Series([r.number for r in rows], dtype="int64"),
            "saved_at": _times([r.saved_at for r in rows]),
            "author": pd.Series([r.author for r in rows], dtype=object),
            "message": pd.Series([r.message for r in rows], dtype=object),
            "units": pd.Series([r.units for r in rows], dtype="int64"),
            "headcount": pd.Series([r.headcount for r in rows], dtype="int64"),
            "parent": pd.Series(parents, dtype="Int64"),
        }
    )


def members_frame(rows: Iterable[tuple]) -> pd.DataFrame:
    """The table of :meth:`Library.members <orbit.library.Library.members>`.

    From rows ``(who, kind, role, since, by, version)``.
    """
    rows = list(rows)
    return pd.DataFrame(
        {
            "who": pd.Series([r[0] for r in rows], dtype=object),
            "kind": pd.Series([r[1] for r in rows], dtype=object),
            "role": pd.Series([r[2] for r in rows], dtype=object),
            "since": _times([r[3] for r in rows]),
            "by": pd.Series([r[4] for r in rows], dtype=object),
            "version": pd.Series([r[5] for r in rows], dtype="Int64"),
        }
    )


__all__ = [
    "DesignInfo",
    "VersionInfo",
    "design_info",
    "history_frame",
    "list_frame",
    "members_frame",
    "version_info",
]
