"""The design library: named designs, each with immutable, numbered versions, in a SQL database.

See :class:`Library`. Everything a surface needs goes through it; the SQL
lives here, in :mod:`orbit.library.core` (finding a design, checks,
transactions), :mod:`orbit.library.sharing` (members and links) and
:mod:`orbit.library.schema`, the database settings in
:mod:`orbit.library.engine`.

Who acts, and what they may do
------------------------------
A library acts on behalf of someone, in one of three modes:

1. **The shared workspace** (``Library(url)``, the default): no sign-in is
   configured, everyone who reaches the library is everything. Every
   design is visible and may be changed by anyone; the author of a save is
   the ``user`` given, else the OS user, else ``anonymous``. This is how
   Orbit worked before sign-in existed, unchanged.
2. **A signed-in user** (``lib.signed_in(email)``): every method checks,
   here in the library and not only in a surface's widgets, the user's
   role on the design concerned. A design's owner (who created it) may do
   everything; an ``editor`` may open it, save versions, restore versions
   and rename it; a ``viewer`` may open, export and compare it. Roles come
   from shares with the person, or with their e-mail's domain. A design they
   may not see does not exist for them: every method answers exactly as for
   a name nobody uses (the same :class:`UnknownDesign`, text and queries;
   :meth:`list`, :meth:`unique_name` and "did you mean" only know what they
   see). A change their role does not allow is a one-line
   :class:`PermissionDenied` naming the role needed. An e-mail listed in
   ``$ORBIT_ADMINS`` (comma separated, any case) is an admin: they see and
   manage every design. Their saves always name them.
3. **An admin** (``lib.as_admin()``): the command line, which holds the
   database's credentials, sees and manages everything, as the shared
   workspace does; ``user`` (else the OS user) authors its saves and owns
   the designs it creates.

Names are unique per owner, so nobody is told that a name is taken by a
design they cannot see (save for an editor renaming someone else's design
to a name its owner already uses: :meth:`Library.rename`). Where someone
sees several designs of one
name, their own wins; the others are named ``OWNER/NAME``
(``alice@example.com/Option A``), which is how a signed-in user's
references always read (:attr:`DesignInfo.handle`), so that a link passed
on opens the same design for everyone allowed to. Revoking a share or a
link holds from the next call: nothing about rights is cached.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import URL, Connection

from ..analysis import Comparison, compare
from ..model import Organisation
from .access import ADMIN, SIGNED_IN, WORKSPACE
from .core import ANONYMOUS, ATTEMPTS, MESSAGE_MAX, now, os_user
from .document import parse
from .errors import InvalidName, LibraryError, NameTaken
from .info import DesignInfo, VersionInfo, design_info, history_frame, list_frame, version_info
from .names import NAME_MAX, Reference, name_key, numbered, parse_reference, split_number
from .schema import designs, markers
from .sharing import Sharing
from .visibility import duplicated_keys, handle, lock_name, role_on, shared_roles, visible


class Library(Sharing):
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
        On whose behalf the library acts: the author of what is saved, and
        with ``mode="signed-in"`` the user's e-mail address. Without it,
        saves name the OS user.
    mode : {"workspace", "signed-in", "admin"}
        Who acts and how their rights are decided (see the module notes):
        the shared workspace (everyone may do everything), a signed-in user
        (every call checks their role), or an admin (the command line).
        :meth:`signed_in` and :meth:`as_admin` give the same library in
        another mode.
    admins : str or list of str, optional
        The admins' e-mails; by default ``$ORBIT_ADMINS`` (comma separated),
        read whenever a user signs in.

    Raises
    ------
    DatabaseUnavailable
        When the database cannot be reached or opened (the message names it,
        with any password masked).
    InvalidMember
        With ``mode="signed-in"`` and no e-mail address as ``user``.

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

    def __init__(
        self,
        url: str | URL | None = None,
        *,
        user: str | None = None,
        mode: str = WORKSPACE,
        admins: str | Iterable[str] | None = None,
    ):
        super().__init__(url, user=user, mode=mode, admins=admins)

    def __repr__(self) -> str:
        return f"Library({self.url.render_as_string(hide_password=True)!r})"

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        """Close the database connections (the library can be used again; it reconnects)."""
        self.engine.dispose()

    @property
    def mode(self) -> str:
        """``workspace``, ``signed-in`` or ``admin``: how this library's rights are decided."""
        return self.actor.mode

    @property
    def is_admin(self) -> bool:
        """Whether the acting user sees and manages every design (an admin, or the admin mode)."""
        return self.actor.admin

    def as_user(self, user: str | None) -> Library:
        """The same library (one connection pool) acting on behalf of ``user``, in the same mode.

        >>> import tempfile
        >>> lib = Library(tempfile.mkdtemp() + "/demo.db")
        >>> lib.as_user("ana@example.com").user
        'ana@example.com'
        """
        return self._twin(self.actor.mode, user)

    def signed_in(self, email: str) -> Library:
        """The same library acting for the signed-in user ``email``: every call checks their role.

        An address listed in ``ORBIT_ADMINS`` (or the ``admins`` given) is an admin.

        Examples
        --------
        >>> import tempfile, orbit
        >>> lib = Library(tempfile.mkdtemp() + "/demo.db", admins="boss@example.com")
        >>> ana = lib.signed_in("Ana@Example.com")
        >>> (ana.user, ana.mode, ana.is_admin), lib.signed_in("BOSS@example.com").is_admin
        (('ana@example.com', 'signed-in', False), True)
        >>> _ = ana.save(orbit.load(b"units: [{id: a}]", name="t.yaml"), "Private")
        >>> lib.signed_in("ben@example.com").list().empty
        True
        """
        return self._twin(SIGNED_IN, email)

    def as_admin(self, user: str | None = None) -> Library:
        """The same library acting as an admin (the command line): every design visible and allowed.

        ``user`` authors its saves and owns what it creates (default: the OS user).
        """
        return self._twin(ADMIN, user)

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
            With ``new=True`` when the name is taken (by a design the user sees).
        DesignDeleted
            When the design is deleted (restore it first, or use another name).
        UnknownVersion
            When ``parent`` is not one of its versions.
        PermissionDenied
            When the design exists for a signed-in user who is only its viewer.

        Notes
        -----
        A new design is owned by the acting user. A signed-in user's save
        of a name they see no design of creates their own design of that
        name, even when someone else has one they may not see.
        """
        stored = self._stored(org)
        target = self._name(name)
        author = self._author(author)
        message = self._message(message)
        parent = None if parent is None else self._version_number(parent)
        return self._write(lambda conn: self._save_in(conn, stored, target, message, author, parent, new))

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
            target = self._name(candidate)
            try:
                self._write(lambda conn, t=target: self._save_in(conn, stored, t, message, author, None, True))
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
        target = self._name(name)

        def work(conn: Connection) -> int:
            row = self._resolve(conn, target, "restore_version", lock=True).row
            old, stored = self._stored_version(conn, row, number)
            return self._add_version(conn, row.id, row.versions + 1, stored, message, author, old.id)

        return self._write(work)

    def copy(
        self, name: str, new: str, *, version: int | None = None, message: str | None = None, author: str | None = None
    ) -> None:
        """Copy a design (its newest version, or ``version``) to a new design ``new``, as its version 1.

        The copy's history starts with one version whose parent is the one
        copied. Copying needs only to be able to open the design; the copy
        belongs to the acting user (its members are not copied).

        Raises
        ------
        NameTaken
            When ``new`` is taken (by any design the user sees, also a deleted one).
        """
        author = self._author(author)
        number = None if version is None else self._version_number(version)
        source, target = self._name(name), self._name(new)

        def work(conn: Connection) -> None:
            row = self._resolve(conn, source).row
            old, stored = self._stored_version(conn, row, number if number is not None else row.versions)
            text = self._message(message if message is not None else f"copied from {row.name!r} version {old.number}")
            self._save_in(conn, stored, target, text, author, None, True, parent_id=old.id)

        self._write(work)

    def rename(self, name: str, new: str) -> None:
        """Give a design another name (its versions stay as they are).

        Changing only the case or spacing of a name is allowed. Editors and
        the owner may rename; the owner stays the same.

        Raises
        ------
        NameTaken
            When another design the user sees (also a deleted one) has the
            name, or another design of the same owner has it.
        """
        source, target = self._name(name), self._name(new)

        def work(conn: Connection) -> None:
            row = self._resolve(conn, source, "rename", lock=True).row
            if target.owner is not None and target.owner != row.owner:
                raise InvalidName(
                    self.database, f"renaming keeps a design's owner ({row.owner}): write the new name without an owner"
                )
            lock_name(conn, target.key)
            holders = [c.row for c in self._find(conn, target._replace(owner=None, alt=None)) if c.row.id != row.id]
            if holders:
                raise NameTaken(self.database, target.name, holders[0].name, holders[0].deleted_at is not None)
            clash = conn.execute(
                sa.select(designs.c.id).where(
                    designs.c.owner == row.owner, designs.c.name_key == target.key, designs.c.id != row.id
                )
            ).first()
            if clash is not None:  # a design of the owner that this user may not see
                raise NameTaken(self.database, target.name, target.name, owned_by=row.owner)
            conn.execute(designs.update().where(designs.c.id == row.id).values(name=target.name, name_key=target.key))

        self._write(work)

    def delete(self, name: str) -> None:
        """Hide a design: it leaves lists and cannot be opened until :meth:`restore`. Nothing is dropped.

        Its name stays taken, so restoring it always works. Deleting a deleted
        design changes nothing. Only its owner (or an admin) may delete it.
        """
        target = self._name(name)

        def work(conn: Connection) -> None:
            row = self._resolve(conn, target, "delete", lock=True, deleted=True).row
            if row.deleted_at is None:
                conn.execute(designs.update().where(designs.c.id == row.id).values(deleted_at=now()))

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
        target = self._name(name)

        def work(conn: Connection) -> None:
            row = self._resolve(conn, target, "restore", lock=True, deleted=True).row
            if row.deleted_at is not None:
                conn.execute(designs.update().where(designs.c.id == row.id).values(deleted_at=None))

        self._write(work)

    def seed(self, designs_by_name: Mapping[str, Organisation], *, marker: str, message: str = "") -> list[str]:
        """Save designs once per database: the first call with ``marker`` saves them, later calls nothing.

        For the app's bundled samples: a sample the users deleted or renamed
        does not come back. All designs and the marker are saved in one
        transaction; a design whose name is already taken is left out. For a
        signed-in user the marker counts per user, and they own what is saved.

        Returns
        -------
        list of str
            The names saved (empty when ``marker`` was set before).
        """
        stored = {self._name(n): self._stored(org) for n, org in designs_by_name.items()}
        message = self._message(message)
        author = self._author(None)
        marker_key = name_key(marker)
        if self.mode == SIGNED_IN:  # once per user: each gets their own copies
            marker_key = f"{marker_key[:120]} for {hashlib.sha256(self.user.encode()).hexdigest()[:32]}"

        def work(conn: Connection) -> list[str]:
            if conn.execute(sa.select(markers.c.key).where(markers.c.key == marker_key)).first() is not None:
                return []
            conn.execute(markers.insert().values(key=marker_key, created_at=now()))
            saved = []
            for target, doc in stored.items():
                if not self._find(conn, target):
                    self._save_in(conn, doc, target, message, author, None, True)
                    saved.append(target.name)
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
        """A design and its newest version (for a picker label: name, units, last saved), and the user's role."""
        target = self._name(name)
        with self._read() as conn:
            found = self._resolve(conn, target)
            return design_info(
                found.row, self._version_infos(conn, found, found.row.versions)[0], found.role, found.handle
            )

    def version(self, name: str, version: int | None = None) -> VersionInfo:
        """One version's details (author, message, parent …) without its document."""
        target = self._name(name)
        number = None if version is None else self._version_number(version)
        with self._read() as conn:
            found = self._resolve(conn, target)
            return self._version_infos(conn, found, number if number is not None else found.row.versions)[0]

    def exists(self, name: str) -> bool:
        """Whether a design the user may see, not deleted, has this name (compared case-insensitively)."""
        try:
            target = self._name(name)
        except InvalidName:
            return False
        with self._read() as conn:
            return any(c.row.deleted_at is None for c in self._find(conn, target))

    def list(self, *, deleted: bool = False) -> pd.DataFrame:
        """The designs the user may see, by name: ``name, versions, updated, units, headcount, created, author,
        owner, role, reference, digest``.

        ``updated`` is when the newest version was saved, ``units``,
        ``headcount``, ``author`` and ``digest`` (SHA-256 of its document:
        what a cache of its content is keyed by) are of that version; ``role`` is the
        user's (``owner``, ``editor``, ``viewer``), ``reference`` the
        ``library:`` text that opens it (:attr:`DesignInfo.reference`). With
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
                designs.c.deleted_at.is_not(None) if deleted else designs.c.deleted_at.is_(None), visible(self.actor)
            )
            rows = conn.execute(query.order_by(designs.c.name_key, designs.c.owner)).all()
            roles = shared_roles(conn, self.actor)
            twice = duplicated_keys(conn, self.actor)
        infos = []
        for r in rows:
            name = handle(self.actor, r, r.name_key in twice)
            infos.append(design_info(r, version_info(name, r), role_on(self.actor, r, [roles.get(r.id)]), name))
        return list_frame(infos, deleted=deleted)

    def history(self, name: str) -> pd.DataFrame:
        """The versions of a design, newest first: ``version, saved_at, author, message, units, headcount, parent``.

        ``saved_at`` is in UTC; ``parent`` is the version each was made from
        (``<NA>`` for the first one, and for a copy's first version, whose
        origin :meth:`version` names).
        """
        target = self._name(name)
        with self._read() as conn:
            return history_frame(self._version_infos(conn, self._resolve(conn, target)))

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

        A numbered ``base`` counts on from its number: ``Plan (2)`` gives
        ``Plan (3)``. Only designs the user may see count (their own among
        them), so the name is free for a design of their own.
        """
        base = self._name(base).name
        stem, first = split_number(base)
        with self._read() as conn:
            taken = set(conn.execute(sa.select(designs.c.name_key).where(visible(self.actor))).scalars())
        n = first
        while True:
            suffix = len(numbered("", n)) if n > 1 else 0
            candidate = numbered(stem[: NAME_MAX - suffix].rstrip() or stem[:1], n)
            if name_key(candidate) not in taken:
                return candidate
            n += 1


__all__ = ["ANONYMOUS", "MESSAGE_MAX", "Library", "os_user"]
