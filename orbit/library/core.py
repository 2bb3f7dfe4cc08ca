"""The machinery under :class:`~orbit.library.Library`: who acts, transactions, finding a design, checks.

Every public method of the library goes through :meth:`Core._resolve` to
find a design by name: it sees only what the acting user may see
(:mod:`orbit.library.visibility`), answers a design they may not see exactly
as one that does not exist (:class:`UnknownDesign`, with "did you mean"
only among designs they see), and refuses a change their role does not
allow (:class:`PermissionDenied`). Nothing here is public API.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import difflib
import getpass
import random
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple, TypeVar

import sqlalchemy as sa
from sqlalchemy import exc
from sqlalchemy.engine import URL, Connection

from ..model import Organisation
from . import engine as _engine
from .access import ACTIONS, ADMIN, MODES, SIGNED_IN, Actor, admins_from_environment, allows, owner_key
from .access import parse_admins as _parse_admins
from .document import Stored, digest
from .errors import (
    AmbiguousName,
    DesignDeleted,
    InvalidMember,
    InvalidName,
    LibraryError,
    NameTaken,
    PermissionDenied,
    UnknownDesign,
    UnknownVersion,
)
from .info import VersionInfo, version_info
from .names import clean_name, name_key, split_at_slash, split_owner
from .schema import AUTHOR_MAX, designs, documents, versions
from .visibility import Candidate, candidates, handle, lock_name, own, visible

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


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Target(NamedTuple):
    """A design name as asked for.

    ``owner`` is the e-mail of ``OWNER/NAME``; ``alt`` the (owner, key) that
    text with a ``/`` names when its start is an owner that is not an
    e-mail (see :func:`~orbit.library.names.split_at_slash`); ``text`` is
    what was asked, for the error message.
    """

    owner: str | None
    name: str
    key: str
    text: str
    alt: tuple[str, str] | None = None


@dataclasses.dataclass(frozen=True)
class Found:
    """A design found for the acting user: its row, their role, and how they name it."""

    row: Any
    role: str
    handle: str


class Core:
    """Connections, the acting user and the internal steps shared by the library's methods."""

    def __init__(
        self,
        url: str | URL | None = None,
        *,
        user: str | None = None,
        mode: str = "workspace",
        admins: str | Iterable[str] | None = None,
    ):
        self.url: URL = _engine.resolve_url(url)
        self.database: str = _engine.describe(self.url)
        """How errors name the database (the SQLite file, or the URL with its password masked)."""
        self._admins = None if admins is None else self._admin_list(admins)
        self.actor: Actor = self._actor(mode, user)
        """On whose behalf the library acts, and how its rights are decided (:class:`~orbit.library.access.Actor`)."""
        self.user = self.actor.user
        self.engine = _engine.create_engine(self.url)
        try:
            _engine.ensure_schema(self.engine, self.url)
        except BaseException:
            self.engine.dispose()
            raise

    def _twin(self, mode: str, user: str | None):
        """The same library (one connection pool) acting for someone else."""
        twin = object.__new__(type(self))
        twin.__dict__.update(self.__dict__)
        twin.actor = self._actor(mode, user)
        twin.user = twin.actor.user
        return twin

    # ---------------------------------------------------------------- who acts
    def _admin_list(self, admins) -> frozenset[str]:
        try:
            return _parse_admins(admins)
        except ValueError as err:
            raise InvalidMember(self.database, str(err)) from None

    def _admin_emails(self) -> frozenset[str]:
        if self._admins is not None:
            return self._admins
        try:
            return admins_from_environment()
        except ValueError as err:
            raise InvalidMember(self.database, str(err)) from None

    def _actor(self, mode: str, user: str | None) -> Actor:
        if mode not in MODES:
            raise LibraryError(self.database, f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        if mode == SIGNED_IN:
            if user is None:
                raise InvalidMember(self.database, "a signed-in library needs the user's e-mail address")
            try:
                return Actor.signed_in(user, admins=self._admin_emails())
            except ValueError as err:
                raise InvalidMember(self.database, f"signed-in user: {err}") from None
        return Actor(mode, self._clean_author(user) if user is not None else None, admin=mode == ADMIN)

    def _me(self, author: str | None = None) -> str:
        """Who owns what the acting user creates (and whose designs win when names collide)."""
        if self.actor.mode == SIGNED_IN:
            return self.actor.user
        return owner_key(author if author is not None else self._author(None))

    # ---------------------------------------------------------------- transactions
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

    # ---------------------------------------------------------------- finding a design
    def _find(self, conn: Connection, target: Target) -> list[Candidate]:
        """The designs with the target's name that the acting user sees."""
        found = candidates(conn, self.actor, target.key, target.owner)
        if target.alt is not None:
            seen = {c.row.id for c in found}
            owner, key = target.alt
            found += [c for c in candidates(conn, self.actor, key, owner) if c.row.id not in seen]
        return found

    def _unknown(self, conn: Connection, target: Target) -> UnknownDesign:
        """The answer for a name the acting user sees no design of ("did you mean" among what they see)."""
        names = conn.execute(
            sa.select(designs.c.name).where(designs.c.deleted_at.is_(None), visible(self.actor))
        ).scalars()
        close = difflib.get_close_matches(target.name, list(names), n=1, cutoff=0.75)
        return UnknownDesign(self.database, target.text, close[0] if close else None)

    def _choose(self, found: list[Candidate], target: Target) -> Candidate:
        if len(found) == 1:
            return found[0]
        mine = own(found, self._me())
        if len(mine) == 1:
            return mine[0]
        raise AmbiguousName(self.database, target.name, [handle(self.actor, c.row, True) for c in found])

    def _resolve(
        self, conn: Connection, target: Target, action: str = "read", *, lock: bool = False, deleted: bool = False
    ) -> Found:
        """The design ``target`` names for the acting user, checked for ``action`` (a key of ``ACTIONS``).

        Raises
        ------
        UnknownDesign
            When they see no design of this name (whether or not one exists).
        DesignDeleted
            When it is deleted, unless ``deleted``.
        PermissionDenied
            When their role does not allow ``action``.
        AmbiguousName
            When they see several of this name, none their own.
        """
        found = self._find(conn, target)
        if not found:
            raise self._unknown(conn, target)
        chosen = self._choose(found, target)
        row = chosen.row
        if lock:
            row = conn.execute(sa.select(designs).where(designs.c.id == row.id).with_for_update()).one()
        name = handle(self.actor, row, len(found) > 1 or target.owner is not None or row.name_key != target.key)
        if row.deleted_at is not None and not deleted:
            raise DesignDeleted(self.database, row.name, None if allows(chosen.role, "restore") else row.owner)
        self._allow(row, chosen.role, action)
        return Found(row, chosen.role, name)

    def _allow(self, row, role: str | None, action: str) -> None:
        if not allows(role, action):
            needed, words = ACTIONS[action]
            raise PermissionDenied(self.database, row.name, words, needed, role, row.owner)

    # ---------------------------------------------------------------- saving
    def _save_in(
        self,
        conn: Connection,
        stored: Stored,
        target: Target,
        message: str,
        author: str,
        parent: int | None,
        new: bool,
        *,
        parent_id: int | None = None,
    ) -> int:
        """Save ``stored`` as the next version of the design ``target`` names, creating it if there is none."""
        found = self._find(conn, target)
        if not found and conn.dialect.name == "postgresql":
            lock_name(conn, target.key)  # then look again: a writer we would see may just have created it
            found = self._find(conn, target)
        row = None
        if found:
            if new:
                holder = (own(found, self._me(author)) or found)[0].row
                raise NameTaken(self.database, target.name, holder.name, holder.deleted_at is not None)
            chosen = self._choose(found, target)
            row = conn.execute(sa.select(designs).where(designs.c.id == chosen.row.id).with_for_update()).one()
            if row.deleted_at is not None:
                raise DesignDeleted(self.database, row.name, None if allows(chosen.role, "restore") else row.owner)
            self._allow(row, chosen.role, "save")
            design_id, latest = row.id, row.versions
        else:
            owner = self._new_owner(conn, target, author)
            if parent is not None:
                raise UnknownVersion(self.database, target.name, parent, 0)
            stamp = now()
            design_id = conn.execute(
                designs.insert().values(
                    name=target.name,
                    name_key=target.key,
                    owner=owner,
                    created_at=stamp,
                    created_by=author,
                    updated_at=stamp,
                    versions=0,
                )
            ).inserted_primary_key[0]
            latest = 0
        if parent_id is None and (parent is not None or latest):
            parent_id = self._version_row(conn, row, parent if parent is not None else latest).id
        return self._add_version(conn, design_id, latest + 1, stored, message, author, parent_id)

    def _new_owner(self, conn: Connection, target: Target, author: str) -> str:
        """Who owns a new design: the acting user, or (for admins and the workspace) the owner the name gives."""
        me = self._me(author)
        if target.owner is None or target.owner == me:
            return me
        if self.actor.checked:  # a user creates designs of their own only; answered as for any name they do not see
            raise self._unknown(conn, target)
        return target.owner

    def _add_version(
        self, conn: Connection, design_id: int, number: int, stored: Stored, message: str, author: str, parent_id
    ) -> int:
        stamp = now()
        version_id = conn.execute(
            versions.insert().values(
                design_id=design_id,
                number=number,
                saved_at=stamp,
                author=author,
                message=message,
                parent_id=parent_id,
                units=stored.units,
                headcount=stored.headcount,
                digest=stored.digest,
            )
        ).inserted_primary_key[0]
        conn.execute(documents.insert().values(version_id=version_id, document=stored.text))
        conn.execute(designs.update().where(designs.c.id == design_id).values(versions=number, updated_at=stamp))
        return number

    # ---------------------------------------------------------------- versions and documents
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

    def _stored_version(self, conn: Connection, design_row, number: int):
        """A version's row and its stored form (to save it again, as a restore or a copy does)."""
        old = self._version_row(conn, design_row, number)
        return old, Stored(self._document_text(conn, old.id), old.units, old.headcount, old.digest)

    def _checked_text(self, info: VersionInfo, text: str) -> str:
        if digest(text.encode("utf-8")) != info.digest:
            raise LibraryError(
                self.database,
                f"version {info.number} of design {info.design!r} is damaged: its document does not match its digest",
            )
        return text

    def _document(self, name, version) -> tuple[VersionInfo, str]:
        target = self._name(name)
        number = None if version is None else self._version_number(version)
        with self._read() as conn:
            found = self._resolve(conn, target)
            info = self._version_infos(conn, found, number if number is not None else found.row.versions)[0]
            text = self._document_text(conn, self._version_row(conn, found.row, info.number).id)
        return info, self._checked_text(info, text)

    def _version_infos(self, conn: Connection, found: Found, number: int | None = None) -> list[VersionInfo]:
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
                parent.c.design_id.label("parent_design_id"),
                parent_design.c.name.label("parent_design"),
            )
            .select_from(versions)
            .outerjoin(parent, parent.c.id == versions.c.parent_id)
            .outerjoin(parent_design, parent_design.c.id == parent.c.design_id)
            .where(versions.c.design_id == found.row.id)
        )
        if number is not None:
            query = query.where(versions.c.number == number)
        rows = conn.execute(query.order_by(versions.c.number.desc())).all()
        if number is not None and not rows:
            raise UnknownVersion(self.database, found.row.name, number, found.row.versions)
        return [self._version_info(found, r) for r in rows]

    @staticmethod
    def _version_info(found: Found, row) -> VersionInfo:
        info = version_info(found.handle, row)
        if info.parent is not None and row.parent_design_id == found.row.id:  # within the design: as it is named
            info = dataclasses.replace(info, parent=info.parent._replace(name=found.handle))
        return info

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

    # ---------------------------------------------------------------- checks of arguments
    def _stored(self, org: Organisation) -> Stored:
        try:
            return Stored.of(org)
        except UnicodeEncodeError as err:
            bad = err.object[err.start : err.end] if isinstance(err.object, str) else ""
            raise LibraryError(
                self.database, f"{org.source}: cannot be saved: it holds {bad!r}, which is not valid Unicode text"
            ) from None

    def _name(self, name) -> Target:
        owner, plain = split_owner(name)
        try:
            cleaned = clean_name(plain)
        except ValueError as err:
            raise InvalidName(self.database, str(err)) from None
        alt = split_at_slash(cleaned) if owner is None else None
        return Target(owner, cleaned, name_key(cleaned), name.strip(), alt and (alt[0], name_key(alt[1])))

    def _author(self, author) -> str:
        """Who a save names: a signed-in user always themselves; otherwise ``author``, the user, the OS user."""
        if self.actor.mode == SIGNED_IN:
            if author is not None and (not isinstance(author, str) or owner_key(author.strip()) != self.actor.user):
                raise LibraryError(
                    self.database, f"{self.actor.user} is signed in: their saves name them, not {author!r}"
                )
            return self.actor.user
        if author is None:
            return self.user or os_user()
        return self._clean_author(author)

    def _clean_author(self, author) -> str:
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


__all__ = ["ANONYMOUS", "Core", "Found", "Target", "now", "os_user"]
