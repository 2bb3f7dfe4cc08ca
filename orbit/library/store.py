"""The design library: named designs, each with immutable, numbered versions, in a SQL database.

See :class:`Library`. Everything a surface needs goes through it; the SQL
lives here and in :mod:`orbit.library.schema`, the database settings in
:mod:`orbit.library.engine`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import getpass
import random
import time
from collections.abc import Callable, Iterator, Mapping
from typing import TypeVar

import pandas as pd
import sqlalchemy as sa
from sqlalchemy import exc
from sqlalchemy.engine import URL, Connection

from ..analysis import Comparison, compare
from ..model import Organisation
from . import engine as _engine
from .document import Stored, digest, parse
from .errors import DesignDeleted, InvalidName, LibraryError, NameTaken, UnknownDesign, UnknownVersion
from .info import DesignInfo, VersionInfo, design_info, history_frame, list_frame, version_info
from .names import NAME_MAX, Reference, clean_name, name_key, numbered, parse_reference, split_number
from .schema import AUTHOR_MAX, designs, documents, markers, versions

T = TypeVar("T")

ANONYMOUS = "anonymous"
"""The author of a version when no one can be named."""
MESSAGE_MAX = 10_000
"""Longest version message, in characters."""
ATTEMPTS = 8
"""How often a write is tried when it collides with another one."""


def os_user() -> str:
    """The operating-system user, or ``anonymous`` when there is none (a container without a user entry)."""
    try:
        return getpass.getuser() or ANONYMOUS
    except (OSError, KeyError, ImportError):
        return ANONYMOUS


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Library:
    """A design library: named designs, each with versions 1, 2, 3 … that are never changed.

    Parameters
    ----------
    url : str, path or sqlalchemy URL, optional
        The database: ``postgresql://user:password@host/db`` for a shared
        server, a SQLite URL or a plain file path. Without it,
        ``$ORBIT_DATABASE_URL``, else ``orbit.db`` in the user's data
        folder (``$XDG_DATA_HOME/orbit``, by default ``~/.local/share/orbit``).
        The schema is created or upgraded on first use.
    user : str, optional
        On whose behalf the library acts: the author of what is saved (an
        e-mail once users sign in). Without it, saves name the OS user.

    Raises
    ------
    DatabaseUnavailable
        When the database cannot be reached or opened (the message names it,
        with any password masked).

    Notes
    -----
    Every design's versions are numbered without gaps or duplicates, also
    when several processes save at once: a save locks the design's row (the
    whole file on SQLite) and is retried when it collides. A version's
    document is the canonical JSON that ``orbit convert design.json``
    writes. Deleting a design hides it; nothing is ever dropped.

    Examples
    --------
    >>> import tempfile, orbit
    >>> from orbit.library import Library
    >>> lib = Library(tempfile.mkdtemp() + "/demo.db")
    >>> today = orbit.load(b"units: [{id: desk, serves: [customer]}, {id: back, parent: desk}]", name="t.yaml")
    >>> lib.save(today, "Today", message="as imported")
    1
    >>> plan = today.copy()
    >>> plan.units.loc[1, "parent"] = None
    >>> lib.save(plan, "Today", message="back office on its own")
    2
    >>> lib.history("Today")[["version", "message", "units"]]
       version                 message  units
    0        2  back office on its own      2
    1        1             as imported      2
    >>> lib.load("Today", version=1).unit("back")["parent"]
    'desk'
    >>> lib.diff("Today", 1, 2).reparented
    [{'id': 'back', 'from_parent': 'desk', 'to_parent': None}]
    """

    def __init__(self, url: str | URL | None = None, *, user: str | None = None):
        self.url: URL = _engine.resolve_url(url)
        self.database: str = _engine.describe(self.url)
        """How errors name the database (the SQLite file, or the URL with its password masked)."""
        self.user = self._author(user) if user is not None else None
        self.engine = _engine.create_engine(self.url)
        try:
            _engine.ensure_schema(self.engine, self.url)
        except BaseException:
            self.engine.dispose()
            raise

    def __repr__(self) -> str:
        return f"Library({self.url.render_as_string(hide_password=True)!r})"

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        """Close the database connections (the library can be used again; it reconnects)."""
        self.engine.dispose()

    def as_user(self, user: str | None) -> Library:
        """The same library (one connection pool) acting on behalf of ``user``.

        >>> import tempfile
        >>> lib = Library(tempfile.mkdtemp() + "/demo.db")
        >>> lib.as_user("ana@example.com").user
        'ana@example.com'
        """
        twin = object.__new__(Library)
        twin.__dict__.update(self.__dict__)
        twin.user = self._author(user) if user is not None else None
        return twin

    # ================================================================ saving
    def save(
        self,
        org: Organisation,
        name: str,
        message: str = "",
        *,
        author: str | None = None,
        parent: int | None = None,
        new: bool = False,
    ) -> int:
        """Save ``org`` as the next version of design ``name`` (created if it does not exist).

        Parameters
        ----------
        org : Organisation
        name : str
            The design's name; names are compared case-insensitively.
        message : str
            What changed ("moved Lager under Vertrieb").
        author : str, optional
            Defaults to the library's ``user``, else the OS user, else ``anonymous``.
        parent : int, optional
            The version ``org`` was made from; defaults to the newest version
            at the time of saving.
        new : bool, default False
            Only create: raise :class:`NameTaken` if the design exists.

        Returns
        -------
        int
            The new version's number.

        Raises
        ------
        NameTaken
            With ``new=True`` when the name is taken.
        DesignDeleted
            When the design is deleted (restore it first, or use another name).
        UnknownVersion
            When ``parent`` is not one of its versions.
        """
        stored = self._stored(org)
        name, key = self._name(name)
        author = self._author(author)
        message = self._message(message)
        parent = None if parent is None else self._version_number(parent)
        return self._write(lambda conn: self._save_in(conn, stored, name, key, message, author, parent, new))

    def save_as_new(self, org: Organisation, name: str, message: str = "", *, author: str | None = None) -> str:
        """Save ``org`` as version 1 of a new design named ``name``, or ``name (2)``, ``name (3)`` … if taken.

        Returns
        -------
        str
            The name the design got.

        Examples
        --------
        >>> import tempfile, orbit
        >>> lib = Library(tempfile.mkdtemp() + "/demo.db")
        >>> org = orbit.load(b"units: [{id: a}]", name="t.yaml")
        >>> lib.save_as_new(org, "Upload"), lib.save_as_new(org, "upload")
        ('Upload', 'upload (2)')
        """
        stored = self._stored(org)
        author = self._author(author)
        message = self._message(message)
        for _attempt in range(ATTEMPTS):
            candidate = self.unique_name(name)
            _, key = self._name(candidate)
            try:
                self._write(
                    lambda conn, c=candidate, k=key: self._save_in(conn, stored, c, k, message, author, None, True)
                )
                return candidate
            except NameTaken:  # taken between unique_name and the save: take the next one
                continue
        raise LibraryError(
            self.database, f"could not find a free name for {name!r}: too many designs are being created at once"
        )

    def restore_version(self, name: str, version: int, message: str | None = None, *, author: str | None = None) -> int:
        """Save an earlier version again as the newest one (nothing is overwritten).

        Returns
        -------
        int
            The new version's number; its parent is ``version``.

        Examples
        --------
        >>> import tempfile, orbit
        >>> lib = Library(tempfile.mkdtemp() + "/demo.db")
        >>> for n in (1, 2):
        ...     _ = lib.save(orbit.load(f"units: [{{id: a, headcount: {n}}}]".encode(), name="t.yaml"), "Plan")
        >>> lib.restore_version("Plan", 1)
        3
        >>> lib.history("Plan")[["version", "message", "parent"]]
           version             message  parent
        0        3  restored version 1       1
        1        2                           1
        2        1                        <NA>
        """
        author = self._author(author)
        number = self._version_number(version)
        message = self._message(f"restored version {number}" if message is None else message)
        _, key = self._name(name)

        def work(conn: Connection) -> int:
            row = self._design(conn, name, key, lock=True)
            old = self._version_row(conn, row, number)
            stored = Stored(self._document_text(conn, old.id), old.units, old.headcount, old.digest)
            return self._save_in(conn, stored, row.name, key, message, author, number, False)

        return self._write(work)

    def copy(
        self, name: str, new: str, *, version: int | None = None, message: str | None = None, author: str | None = None
    ) -> None:
        """Copy a design (its newest version, or ``version``) to a new design ``new``, as its version 1.

        The copy's history starts with one version whose parent is the one copied.

        Raises
        ------
        NameTaken
            When ``new`` is taken (by any design, also a deleted one).
        """
        author = self._author(author)
        number = None if version is None else self._version_number(version)
        _, key = self._name(name)
        new, new_key = self._name(new)

        def work(conn: Connection) -> None:
            row = self._design(conn, name, key)
            old = self._version_row(conn, row, number if number is not None else row.versions)
            stored = Stored(self._document_text(conn, old.id), old.units, old.headcount, old.digest)
            text = message if message is not None else f"copied from {row.name!r} version {old.number}"
            self._save_in(conn, stored, new, new_key, self._message(text), author, None, True, parent_id=old.id)

        self._write(work)

    def rename(self, name: str, new: str) -> None:
        """Give a design another name (its versions stay as they are).

        Changing only the case or spacing of a name is allowed.

        Raises
        ------
        NameTaken
            When another design (also a deleted one) has the name.
        """
        _, key = self._name(name)
        new, new_key = self._name(new)

        def work(conn: Connection) -> None:
            row = self._design(conn, name, key, lock=True)
            holder = conn.execute(sa.select(designs).where(designs.c.name_key == new_key)).first()
            if holder is not None and holder.id != row.id:
                raise NameTaken(self.database, new, holder.name, holder.deleted_at is not None)
            conn.execute(designs.update().where(designs.c.id == row.id).values(name=new, name_key=new_key))

        self._write(work)

    def delete(self, name: str) -> None:
        """Hide a design: it leaves lists and cannot be opened until :meth:`restore`. Nothing is dropped.

        Its name stays taken, so restoring it always works. Deleting a deleted
        design changes nothing.
        """
        _, key = self._name(name)

        def work(conn: Connection) -> None:
            row = self._design(conn, name, key, lock=True, deleted=True)
            if row.deleted_at is None:
                conn.execute(designs.update().where(designs.c.id == row.id).values(deleted_at=_now()))

        self._write(work)

    def restore(self, name: str) -> None:
        """Bring back a deleted design, with all its versions (a design that is not deleted stays as it is).

        Examples
        --------
        >>> import tempfile, orbit
        >>> lib = Library(tempfile.mkdtemp() + "/demo.db")
        >>> _ = lib.save(orbit.load(b"units: [{id: a}]", name="t.yaml"), "Old plan")
        >>> lib.delete("Old plan")
        >>> lib.exists("Old plan"), list(lib.list(deleted=True)["name"])
        (False, ['Old plan'])
        >>> lib.restore("old plan")
        >>> lib.exists("Old plan")
        True
        """
        _, key = self._name(name)

        def work(conn: Connection) -> None:
            row = self._design(conn, name, key, lock=True, deleted=True)
            if row.deleted_at is not None:
                conn.execute(designs.update().where(designs.c.id == row.id).values(deleted_at=None))

        self._write(work)

    def seed(self, designs_by_name: Mapping[str, Organisation], *, marker: str, message: str = "") -> list[str]:
        """Save designs once per database: the first call with ``marker`` saves them, later calls nothing.

        For the app's bundled samples: a sample the users deleted or renamed
        does not come back. All designs and the marker are saved in one
        transaction; a design whose name is already taken is left out.

        Returns
        -------
        list of str
            The names saved (empty when ``marker`` was set before).
        """
        stored = {self._name(n): self._stored(org) for n, org in designs_by_name.items()}
        message = self._message(message)
        author = self._author(None)
        marker_key = name_key(marker)

        def work(conn: Connection) -> list[str]:
            if conn.execute(sa.select(markers.c.key).where(markers.c.key == marker_key)).first() is not None:
                return []
            conn.execute(markers.insert().values(key=marker_key, created_at=_now()))
            saved = []
            for (name, key), doc in stored.items():
                if conn.execute(sa.select(designs.c.id).where(designs.c.name_key == key)).first() is None:
                    self._save_in(conn, doc, name, key, message, author, None, True)
                    saved.append(name)
            return saved

        return self._write(work)

    # ================================================================ reading
    def load(self, name: str, version: int | None = None) -> Organisation:
        """The organisation saved as ``version`` of design ``name`` (the newest when ``version`` is None).

        Its ``source`` is the reference ``library:NAME@N``, which error
        messages about it name.

        Raises
        ------
        UnknownDesign, DesignDeleted, UnknownVersion
        """
        info, text = self._document(name, version)
        return parse(text, str(info.reference))

    def load_reference(self, reference: str | Reference) -> Organisation:
        """The organisation a ``library:NAME`` or ``library:NAME@N`` reference names.

        Raises
        ------
        LibraryError
            For text that is not a reference, and as :meth:`load` does.

        Examples
        --------
        >>> import tempfile, orbit
        >>> lib = Library(tempfile.mkdtemp() + "/demo.db")
        >>> _ = lib.save(orbit.load(b"units: [{id: a}]", name="t.yaml"), "Option A")
        >>> lib.load_reference("library:Option A@1").source
        'library:Option A@1'
        """
        if not isinstance(reference, Reference):
            try:
                reference = parse_reference(reference)
            except ValueError as err:
                raise LibraryError(self.database, str(err)) from None
        return self.load(reference.name, reference.version)

    def document(self, name: str, version: int | None = None) -> bytes:
        """The stored document of a version: exactly the bytes ``orbit convert design.json`` writes."""
        return self._document(name, version)[1].encode("utf-8")

    def info(self, name: str) -> DesignInfo:
        """A design and its newest version (for a picker label: name, units, last saved)."""
        _, key = self._name(name)
        with self._read() as conn:
            return self._design_info(conn, self._design(conn, name, key))

    def version(self, name: str, version: int | None = None) -> VersionInfo:
        """One version's details (author, message, parent …) without its document."""
        _, key = self._name(name)
        number = None if version is None else self._version_number(version)
        with self._read() as conn:
            row = self._design(conn, name, key)
            return self._version_infos(conn, row, number if number is not None else row.versions)[0]

    def exists(self, name: str) -> bool:
        """Whether a visible (not deleted) design has this name, compared case-insensitively."""
        try:
            _, key = self._name(name)
        except InvalidName:
            return False
        with self._read() as conn:
            row = conn.execute(sa.select(designs.c.deleted_at).where(designs.c.name_key == key)).first()
        return row is not None and row.deleted_at is None

    def list(self, *, deleted: bool = False) -> pd.DataFrame:
        """The designs, by name: ``name, versions, updated, units, headcount, created, author``.

        ``updated`` is when the newest version was saved, ``units``,
        ``headcount`` and ``author`` are of that version. With
        ``deleted=True``, the deleted designs instead, with a ``deleted`` column.

        Examples
        --------
        >>> import tempfile, orbit
        >>> lib = Library(tempfile.mkdtemp() + "/demo.db")
        >>> org = orbit.load(b"units: [{id: a, headcount: 4}, {id: b, parent: a}]", name="t.yaml")
        >>> for name in ("Today", "Option B", "option a"):
        ...     _ = lib.save(org, name)
        >>> lib.list()[["name", "versions", "units", "headcount"]]
               name  versions  units  headcount
        0  option a         1      2          5
        1  Option B         1      2          5
        2     Today         1      2          5
        """
        with self._read() as conn:
            query = self._designs_query().where(
                designs.c.deleted_at.is_not(None) if deleted else designs.c.deleted_at.is_(None)
            )
            rows = conn.execute(query.order_by(designs.c.name_key)).all()
        return list_frame((design_info(r, version_info(r.name, r)) for r in rows), deleted=deleted)

    def history(self, name: str) -> pd.DataFrame:
        """The versions of a design, newest first: ``version, saved_at, author, message, units, headcount, parent``.

        ``saved_at`` is in UTC; ``parent`` is the version each was made from
        (``<NA>`` for the first one, and for a copy's first version, whose
        origin :meth:`version` names).
        """
        _, key = self._name(name)
        with self._read() as conn:
            row = self._design(conn, name, key)
            return history_frame(self._version_infos(conn, row))

    def diff(
        self, name: str, v1: int, v2: int | None = None, *, max_hops: int | None = None, via: str = "both"
    ) -> Comparison:
        """Compare two versions of a design, exactly as ``orbit compare`` compares two files.

        ``v2`` defaults to the newest version; ``max_hops`` to the first
        version's ``checks: max_hops``, else 3. ``.to_dict()`` of the result
        is the JSON of ``orbit compare --format json``.
        """
        from ..checks import thresholds

        a, b = self.load(name, v1), self.load(name, v2)
        return compare(a, b, max_hops=thresholds(a, max_hops=max_hops)["max_hops"], via=via)

    def unique_name(self, base: str) -> str:
        """``base`` if no design (also no deleted one) has it, else the first free ``base (2)``, ``base (3)`` ….

        A numbered ``base`` counts on from its number: ``Plan (2)`` gives ``Plan (3)``.
        """
        base, _ = self._name(base)
        stem, first = split_number(base)
        with self._read() as conn:
            taken = set(conn.execute(sa.select(designs.c.name_key)).scalars())
        n = first
        while True:
            suffix = len(numbered("", n)) if n > 1 else 0
            candidate = numbered(stem[: NAME_MAX - suffix].rstrip() or stem[:1], n)
            if name_key(candidate) not in taken:
                return candidate
            n += 1

    # ================================================================ internals
    @contextlib.contextmanager
    def _read(self) -> Iterator[Connection]:
        """A connection for reading; driver errors become one-line library errors."""
        with _engine.database_errors(self.url), self.engine.connect() as conn:
            yield conn

    def _write(self, work: Callable[[Connection], T]) -> T:
        """Run ``work`` in one write transaction, again after a conflict with a concurrent writer.

        On SQLite the transaction holds the write lock from its start (``BEGIN
        IMMEDIATE``); on PostgreSQL ``work`` locks the design's row. What a
        retry gets past: two processes creating the same design at once (the
        unique name), a deadlock, a busy SQLite file.
        """
        for attempt in range(ATTEMPTS):
            with _engine.database_errors(self.url):
                try:
                    with self.engine.connect() as conn:
                        conn = _engine.writing(conn)
                        with conn.begin():
                            return work(conn)
                except exc.DBAPIError as err:
                    if attempt + 1 < ATTEMPTS and _engine.retryable(err):
                        time.sleep(random.uniform(0.005, 0.05) * (attempt + 1))
                        continue
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def _save_in(
        self,
        conn: Connection,
        stored: Stored,
        name: str,
        key: str,
        message: str,
        author: str,
        parent: int | None,
        new: bool,
        *,
        parent_id: int | None = None,
    ) -> int:
        now = _now()
        row = conn.execute(sa.select(designs).where(designs.c.name_key == key).with_for_update()).first()
        if row is None:
            result = conn.execute(
                designs.insert().values(
                    name=name, name_key=key, created_at=now, created_by=author, updated_at=now, versions=0
                )
            )
            design_id, latest = result.inserted_primary_key[0], 0
        else:
            if new:
                raise NameTaken(self.database, name, row.name, row.deleted_at is not None)
            if row.deleted_at is not None:
                raise DesignDeleted(self.database, row.name)
            design_id, latest = row.id, row.versions
        if parent_id is None and (parent is not None or latest):
            if row is None:
                raise UnknownVersion(self.database, name, parent, 0)
            parent_id = self._version_row(conn, row, parent if parent is not None else latest).id
        number = latest + 1
        version_id = conn.execute(
            versions.insert().values(
                design_id=design_id,
                number=number,
                saved_at=now,
                author=author,
                message=message,
                parent_id=parent_id,
                units=stored.units,
                headcount=stored.headcount,
                digest=stored.digest,
            )
        ).inserted_primary_key[0]
        conn.execute(documents.insert().values(version_id=version_id, document=stored.text))
        conn.execute(designs.update().where(designs.c.id == design_id).values(versions=number, updated_at=now))
        return number

    def _design(self, conn: Connection, name: str, key: str, *, lock: bool = False, deleted: bool = False):
        query = sa.select(designs).where(designs.c.name_key == key)
        row = conn.execute(query.with_for_update() if lock else query).first()
        if row is None:
            visible = conn.execute(sa.select(designs.c.name).where(designs.c.deleted_at.is_(None))).scalars().all()
            close = difflib.get_close_matches(name, visible, n=1, cutoff=0.75)
            raise UnknownDesign(self.database, name.strip(), close[0] if close else None)
        if row.deleted_at is not None and not deleted:
            raise DesignDeleted(self.database, row.name)
        return row

    def _version_row(self, conn: Connection, design_row, number: int):
        row = conn.execute(
            sa.select(
                versions.c.id, versions.c.number, versions.c.units, versions.c.headcount, versions.c.digest
            ).where(versions.c.design_id == design_row.id, versions.c.number == number)
        ).first()
        if row is None:
            raise UnknownVersion(self.database, design_row.name, number, design_row.versions)
        return row

    def _document_text(self, conn: Connection, version_id: int) -> str:
        return conn.execute(sa.select(documents.c.document).where(documents.c.version_id == version_id)).scalar_one()

    def _document(self, name: str, version: int | None) -> tuple[VersionInfo, str]:
        _, key = self._name(name)
        number = None if version is None else self._version_number(version)
        with self._read() as conn:
            row = self._design(conn, name, key)
            info = self._version_infos(conn, row, number if number is not None else row.versions)[0]
            version_id = self._version_row(conn, row, info.number).id
            text = self._document_text(conn, version_id)
        if digest(text.encode("utf-8")) != info.digest:
            raise LibraryError(
                self.database,
                f"version {info.number} of design {info.design!r} is damaged: its document does not match its digest",
            )
        return info, text

    def _version_infos(self, conn: Connection, design_row, number: int | None = None) -> list[VersionInfo]:
        parent = versions.alias("parent")
        parent_design = designs.alias("parent_design")
        query = (
            sa.select(
                versions.c.number,
                versions.c.saved_at,
                versions.c.author,
                versions.c.message,
                versions.c.units,
                versions.c.headcount,
                versions.c.digest,
                parent.c.number.label("parent_number"),
                parent_design.c.name.label("parent_design"),
            )
            .select_from(versions)
            .outerjoin(parent, parent.c.id == versions.c.parent_id)
            .outerjoin(parent_design, parent_design.c.id == parent.c.design_id)
            .where(versions.c.design_id == design_row.id)
        )
        if number is not None:
            query = query.where(versions.c.number == number)
        rows = conn.execute(query.order_by(versions.c.number.desc())).all()
        if number is not None and not rows:
            raise UnknownVersion(self.database, design_row.name, number, design_row.versions)
        return [version_info(design_row.name, r) for r in rows]

    @staticmethod
    def _designs_query():
        """Designs joined with their newest version's figures (one row each)."""
        latest = versions.alias("latest")
        return sa.select(
            designs,
            latest.c.number,
            latest.c.saved_at,
            latest.c.author,
            latest.c.message,
            latest.c.units,
            latest.c.headcount,
            latest.c.digest,
        ).join(latest, sa.and_(latest.c.design_id == designs.c.id, latest.c.number == designs.c.versions))

    def _design_info(self, conn: Connection, row) -> DesignInfo:
        return design_info(row, self._version_infos(conn, row, row.versions)[0])

    # ---------------------------------------------------------------- checks
    def _stored(self, org: Organisation) -> Stored:
        try:
            return Stored.of(org)
        except UnicodeEncodeError as err:
            bad = err.object[err.start : err.end] if isinstance(err.object, str) else ""
            raise LibraryError(
                self.database, f"{org.source}: cannot be saved: it holds {bad!r}, which is not valid Unicode text"
            ) from None

    def _name(self, name) -> tuple[str, str]:
        try:
            cleaned = clean_name(name)
        except ValueError as err:
            raise InvalidName(self.database, str(err)) from None
        return cleaned, name_key(cleaned)

    def _author(self, author) -> str:
        if author is None:
            return self.user or os_user()
        if not isinstance(author, str):
            raise LibraryError(self.database, f"author must be text, not {type(author).__name__}")
        author = " ".join(author.split())
        if len(author) > AUTHOR_MAX:
            raise LibraryError(self.database, f"author {author[:40] + '…'!r} is longer than {AUTHOR_MAX} characters")
        return author or ANONYMOUS

    def _message(self, message) -> str:
        if message is None:
            return ""
        if not isinstance(message, str):
            raise LibraryError(self.database, f"message must be text, not {type(message).__name__}")
        if len(message) > MESSAGE_MAX:
            raise LibraryError(self.database, f"message is longer than {MESSAGE_MAX} characters")
        return message.strip()

    def _version_number(self, version) -> int:
        if isinstance(version, bool) or (not isinstance(version, int) and not hasattr(version, "__index__")):
            raise LibraryError(self.database, f"version must be a whole number ≥ 1, not {version!r}")
        number = int(version.__index__())
        if number < 1:
            raise LibraryError(self.database, f"version must be a whole number ≥ 1, not {number}")
        return number


__all__ = ["ANONYMOUS", "Library", "os_user"]
