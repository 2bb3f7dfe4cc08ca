"""Sharing a design: members with roles, domain shares, read-only links, the owner.

These are methods of :class:`~orbit.library.Library`; the rules are in
:mod:`orbit.library.access`. Only a design's owner (and admins) share,
unshare, make and revoke links; everyone who can open a design sees its
members (never a link's token).
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..model import Organisation
from .access import (
    DOMAIN,
    EDITOR,
    LINK,
    LINK_ID_CHARS,
    OWNER,
    PERSON,
    SHARE_ROLES,
    VIEWER,
    is_email,
    link_id,
    new_token,
    normalise_domain,
    normalise_email,
    token_hash,
)
from .core import Core, Found, now
from .document import parse
from .errors import InvalidMember, NameTaken, PermissionDenied, UnknownLink
from .info import VersionInfo, members_frame
from .names import Reference
from .schema import designs, links, shares
from .visibility import handle

ALL_LINKS = "all"
"""Give this to :meth:`Sharing.revoke_link` to revoke every link of a design."""


class OpenedLink(NamedTuple):
    """What a read-only link opens: the version, as an organisation, and how to name it."""

    reference: Reference
    """``library:NAME@N`` of the version opened (``OWNER/NAME`` for a design owned by an e-mail)."""
    organisation: Organisation
    """The version's organisation (its ``source`` is the reference)."""
    version: VersionInfo
    """The version's details (author, time, message)."""
    document: str = ""
    """The version's stored document (canonical JSON, checked against its digest)."""


class Sharing(Core):
    """The sharing methods of :class:`~orbit.library.Library`."""

    # ---------------------------------------------------------------- roles and members
    def role_of(self, name: str) -> str | None:
        """The acting user's role on design ``name``: ``owner``, ``editor``, ``viewer``, or ``None``.

        ``None`` when they may not see it, exactly as when no design has the
        name. Admins and the shared workspace are ``owner`` of every design.

        Raises
        ------
        AmbiguousName
            When they see several designs of this name, none their own.

        Examples
        --------
        >>> import tempfile, orbit
        >>> from orbit.library import Library
        >>> lib = Library(tempfile.mkdtemp() + "/demo.db")
        >>> ana = lib.signed_in("ana@example.com")
        >>> _ = ana.save(orbit.load(b"units: [{id: a}]", name="t.yaml"), "Plan")
        >>> ana.share("Plan", "ben@example.com", "viewer")
        >>> ana.role_of("Plan"), lib.signed_in("ben@example.com").role_of("ana@example.com/Plan")
        ('owner', 'viewer')
        >>> lib.signed_in("cleo@example.org").role_of("ana@example.com/Plan") is None
        True
        """
        target = self._name(name)
        with self._read() as conn:
            found = self._find(conn, target)
            return self._choose(found, target).role if found else None

    def members(self, name: str) -> pd.DataFrame:
        """Who may open design ``name``: ``who, kind, role, since, by, version``, the owner first.

        ``kind`` is ``person`` (an e-mail), ``domain`` (everyone signed in
        with an e-mail of it) or ``link`` (a read-only link, shown by its id,
        ``link 3fa9c2d1``: never its token; ``version`` is the version a link
        opens, ``<NA>`` for the newest). Revoked links are not listed.
        Anyone who may open the design may see its members.

        Examples
        --------
        >>> import tempfile, orbit
        >>> from orbit.library import Library
        >>> lib = Library(tempfile.mkdtemp() + "/demo.db").signed_in("ana@example.com")
        >>> _ = lib.save(orbit.load(b"units: [{id: a}]", name="t.yaml"), "Plan")
        >>> lib.share("Plan", "Ben@Example.com", "editor")
        >>> lib.share_domain("Plan", "example.com", "viewer")
        >>> lib.members("Plan")[["who", "kind", "role"]]
                       who    kind    role
        0  ana@example.com  person   owner
        1  ben@example.com  person  editor
        2      example.com  domain  viewer
        """
        target = self._name(name)
        with self._read() as conn:
            row = self._resolve(conn, target).row
            granted = conn.execute(
                sa.select(shares).where(shares.c.design_id == row.id).order_by(shares.c.kind.desc(), shares.c.principal)
            ).all()
            active = conn.execute(
                sa.select(links)
                .where(links.c.design_id == row.id, links.c.revoked_at.is_(None))
                .order_by(links.c.created_at, links.c.id)
            ).all()
        rows = [(row.owner, PERSON, OWNER, row.created_at, row.created_by, None)]
        rows += [(s.principal, s.kind, s.role, s.granted_at, s.granted_by, None) for s in granted]
        rows += [(f"link {link_id(k.token_hash)}", LINK, VIEWER, k.created_at, k.created_by, k.version) for k in active]
        return members_frame(rows)

    # ---------------------------------------------------------------- sharing
    def share(self, name: str, email: str, role: str = VIEWER) -> None:
        """Let the person with ``email`` open design ``name`` as ``viewer`` or ``editor`` (owner only).

        Sharing again with the same person changes their role. The change
        holds from their next call to the library.

        Raises
        ------
        PermissionDenied
            When the acting user is not the owner (nor an admin).
        InvalidMember
            For an address that is not an e-mail, a role that is not
            ``viewer`` or ``editor``, or the owner themself.

        Examples
        --------
        >>> import tempfile, orbit
        >>> from orbit.library import Library
        >>> lib = Library(tempfile.mkdtemp() + "/demo.db")
        >>> ana, ben = lib.signed_in("ana@example.com"), lib.signed_in("ben@example.com")
        >>> _ = ana.save(orbit.load(b"units: [{id: a}]", name="t.yaml"), "Plan")
        >>> ana.share("Plan", "Ben@Example.com", "viewer")
        >>> ben.load("ana@example.com/Plan").source
        'library:ana@example.com/Plan@1'
        >>> ben.save(ben.load("ana@example.com/Plan"), "ana@example.com/Plan")
        Traceback (most recent call last):
        orbit.library.errors.PermissionDenied: ...: saving a version needs the editor role; you are a viewer ...
        """
        self._grant(name, PERSON, self._email(email), role)

    def share_domain(self, name: str, domain: str, role: str = VIEWER) -> None:
        """Let everyone signed in with an e-mail of ``domain`` open design ``name`` (owner only).

        ``example.com`` (or ``@example.com``) covers ``ana@example.com``, not
        ``ana@eu.example.com``. A person's own share and the domain's both
        count: the stronger role wins.

        Examples
        --------
        >>> import tempfile, orbit
        >>> from orbit.library import Library
        >>> lib = Library(tempfile.mkdtemp() + "/demo.db")
        >>> ana = lib.signed_in("ana@example.com")
        >>> _ = ana.save(orbit.load(b"units: [{id: a}]", name="t.yaml"), "Plan")
        >>> ana.share_domain("Plan", "@Example.com", "editor")
        >>> [lib.signed_in(e).role_of("ana@example.com/Plan") for e in ("cem@example.com", "cem@eu.example.com")]
        ['editor', None]
        """
        self._grant(name, DOMAIN, self._domain(domain), role)

    def unshare(self, name: str, email_or_domain: str) -> None:
        """Take back a person's or a domain's access to design ``name``.

        The owner (or an admin) may unshare anyone; a member may remove
        themself. Writing ``@example.com`` or ``example.com`` means the
        domain, an e-mail the person. The change holds from their next call.

        Raises
        ------
        InvalidMember
            When the design is not shared with them, or they are its owner.

        Examples
        --------
        >>> import tempfile, orbit
        >>> from orbit.library import Library
        >>> lib = Library(tempfile.mkdtemp() + "/demo.db")
        >>> ana, ben = lib.signed_in("ana@example.com"), lib.signed_in("ben@example.com")
        >>> _ = ana.save(orbit.load(b"units: [{id: a}]", name="t.yaml"), "Plan")
        >>> ana.share("Plan", "ben@example.com", "editor")
        >>> ana.unshare("Plan", "ben@example.com")
        >>> ben.role_of("ana@example.com/Plan") is None
        True
        """
        kind, principal = self._principal(email_or_domain)
        target = self._name(name)

        def work(conn: Connection) -> None:
            found = self._resolve(conn, target, lock=True, deleted=True)
            row = found.row
            if not (kind == PERSON and principal == self.actor.user):  # leaving needs no owner
                self._allow(row, found.role, "share")
            if kind == PERSON and principal == row.owner:
                raise InvalidMember(self.database, f"{principal} owns design {row.name!r}: an owner cannot be unshared")
            gone = conn.execute(
                shares.delete().where(
                    shares.c.design_id == row.id, shares.c.kind == kind, shares.c.principal == principal
                )
            ).rowcount
            if not gone:
                raise InvalidMember(self.database, f"design {row.name!r} is not shared with {principal}")

        self._write(work)

    def transfer(self, name: str, email: str) -> None:
        """Make the person with ``email`` the owner of design ``name`` (admins and the shared workspace only).

        For designs from before sign-in (owned by an OS user or
        ``anonymous``), or whose owner left. The previous owner, when an
        e-mail address, stays an editor.

        Raises
        ------
        PermissionDenied
            For anyone but an admin.
        NameTaken
            When the new owner already has a design of this name.

        Examples
        --------
        >>> import tempfile, orbit
        >>> from orbit.library import Library
        >>> lib = Library(tempfile.mkdtemp() + "/demo.db")
        >>> _ = lib.as_user("maria").save(orbit.load(b"units: [{id: a}]", name="t.yaml"), "Before sign-in")
        >>> lib.as_admin().transfer("Before sign-in", "ana@example.com")
        >>> lib.signed_in("ana@example.com").role_of("Before sign-in")
        'owner'
        """
        new_owner = self._email(email)
        target = self._name(name)

        def work(conn: Connection) -> None:
            found = self._resolve(conn, target, lock=True, deleted=True)
            row = found.row
            if not self.actor.sees_all:
                raise PermissionDenied(
                    self.database, row.name, "handing it to another owner", "admin", found.role, row.owner
                )
            if new_owner == row.owner:
                return
            clash = conn.execute(
                sa.select(designs.c.name).where(
                    designs.c.owner == new_owner, designs.c.name_key == row.name_key, designs.c.id != row.id
                )
            ).first()
            if clash is not None:
                raise NameTaken(self.database, row.name, clash.name, owned_by=new_owner)
            conn.execute(designs.update().where(designs.c.id == row.id).values(owner=new_owner))
            conn.execute(
                shares.delete().where(
                    shares.c.design_id == row.id, shares.c.kind == PERSON, shares.c.principal == new_owner
                )
            )
            if is_email(row.owner):
                self._upsert(conn, row.id, PERSON, row.owner, EDITOR)

        self._write(work)

    # ---------------------------------------------------------------- links
    def create_link(self, name: str, *, version: int | None = None) -> str:
        """A new read-only link to design ``name`` (owner only): its token, returned this once.

        The link opens the newest version at the time it is opened, or with
        ``version`` always that version. Whoever holds the token can open it
        (:meth:`open_link`), and nothing else: not its history, not other
        versions. Only the token's SHA-256 is stored; a lost token cannot be
        shown again (make a new link, revoke the old one).

        Examples
        --------
        >>> import tempfile, orbit
        >>> from orbit.library import Library
        >>> lib = Library(tempfile.mkdtemp() + "/demo.db")
        >>> _ = lib.save(orbit.load(b"units: [{id: a}]", name="t.yaml"), "Plan")
        >>> token = lib.create_link("Plan")
        >>> len(token) >= 43
        True
        >>> lib.signed_in("guest@example.org").open_link(token).reference
        Reference(name='Plan', version=1)
        """
        target = self._name(name)
        number = None if version is None else self._version_number(version)
        token = new_token()

        def work(conn: Connection) -> None:
            found = self._resolve(conn, target, "link", lock=True)
            if number is not None:
                self._version_row(conn, found.row, number)
            conn.execute(
                links.insert().values(
                    design_id=found.row.id,
                    token_hash=token_hash(token),
                    version=number,
                    created_at=now(),
                    created_by=self._author(None),
                )
            )

        self._write(work)
        return token

    def revoke_link(self, name: str, link: str) -> int:
        """Revoke a link of design ``name`` (owner only): by its token, its id (``link 3fa9c2d1``), or ``"all"``.

        Returns
        -------
        int
            How many links were revoked (0 for ``"all"`` when there were none).

        Raises
        ------
        InvalidMember
            When no active link of the design has this token or id.

        Examples
        --------
        >>> import tempfile, orbit
        >>> from orbit.library import Library
        >>> lib = Library(tempfile.mkdtemp() + "/demo.db")
        >>> _ = lib.save(orbit.load(b"units: [{id: a}]", name="t.yaml"), "Plan")
        >>> token, other = lib.create_link("Plan"), lib.create_link("Plan", version=1)
        >>> lib.revoke_link("Plan", token), lib.revoke_link("Plan", "all")
        (1, 1)
        >>> lib.open_link(token)
        Traceback (most recent call last):
        orbit.library.errors.UnknownLink: ...: this link opens nothing: it was revoked, or ...
        """
        if not isinstance(link, str) or not link.strip():
            raise InvalidMember(self.database, f"give a link's token, its id or {ALL_LINKS!r}, not {link!r}")
        target = self._name(name)
        wanted = link.strip()

        def work(conn: Connection) -> int:
            found = self._resolve(conn, target, "link", lock=True, deleted=True)
            active = sa.and_(links.c.design_id == found.row.id, links.c.revoked_at.is_(None))
            if wanted.lower() != ALL_LINKS:
                match = links.c.token_hash == token_hash(wanted)
                shown = wanted.removeprefix("link ").strip().lower()
                if len(shown) == LINK_ID_CHARS and all(c in "0123456789abcdef" for c in shown):
                    match = sa.or_(match, links.c.token_hash.startswith(shown))
                active = sa.and_(active, match)
            count = conn.execute(
                links.update().where(active).values(revoked_at=now(), revoked_by=self._author(None))
            ).rowcount
            if not count and wanted.lower() != ALL_LINKS:
                raise InvalidMember(
                    self.database, f"design {found.row.name!r} has no active link {wanted[:12]!r}: see its members"
                )
            return count

        return self._write(work)

    def open_link(self, token: str) -> OpenedLink:
        """The version a read-only link opens, whoever asks (the token is the permission).

        Raises
        ------
        UnknownLink
            Alike for a revoked link, a link whose design is deleted, and a
            token that was never made.

        Examples
        --------
        >>> import tempfile, orbit
        >>> from orbit.library import Library
        >>> lib = Library(tempfile.mkdtemp() + "/demo.db")
        >>> ana = lib.signed_in("ana@example.com")
        >>> _ = ana.save(orbit.load(b"units: [{id: a, headcount: 3}]", name="t.yaml"), "Plan")
        >>> opened = lib.signed_in("guest@example.org").open_link(ana.create_link("Plan"))
        >>> str(opened.reference), opened.organisation.unit("a")["headcount"], opened.version.author
        ('library:ana@example.com/Plan@1', 3, 'ana@example.com')
        """
        if not isinstance(token, str):
            raise UnknownLink(self.database)
        with self._read() as conn:
            hit = conn.execute(
                sa.select(links.c.version, designs)
                .join(designs, designs.c.id == links.c.design_id)
                .where(
                    links.c.token_hash == token_hash(token.strip()),
                    links.c.revoked_at.is_(None),
                    designs.c.deleted_at.is_(None),
                )
            ).first()
            if hit is None:
                raise UnknownLink(self.database)
            found = Found(hit, VIEWER, handle(self.actor, hit))
            number = hit.version if hit.version is not None else hit.versions
            info = self._version_infos(conn, found, number)[0]
            text = self._document_text(conn, self._version_row(conn, hit, number).id)
        text = self._checked_text(info, text)
        return OpenedLink(info.reference, parse(text, str(info.reference)), info, text)

    # ---------------------------------------------------------------- internals
    def _grant(self, name: str, kind: str, principal: str, role: str) -> None:
        if role not in SHARE_ROLES:
            raise InvalidMember(self.database, f"role must be 'viewer' or 'editor', not {role!r}")
        target = self._name(name)

        def work(conn: Connection) -> None:
            found = self._resolve(conn, target, "share", lock=True)
            if kind == PERSON and principal == found.row.owner:
                raise InvalidMember(self.database, f"{principal} owns design {found.row.name!r} already")
            self._upsert(conn, found.row.id, kind, principal, role)

        self._write(work)

    def _upsert(self, conn: Connection, design_id: int, kind: str, principal: str, role: str) -> None:
        where = sa.and_(shares.c.design_id == design_id, shares.c.kind == kind, shares.c.principal == principal)
        values = {"role": role, "granted_at": now(), "granted_by": self._author(None)}
        if not conn.execute(shares.update().where(where).values(**values)).rowcount:
            # a concurrent share of the same person collides on the unique key; the retry updates it
            conn.execute(shares.insert().values(design_id=design_id, kind=kind, principal=principal, **values))

    def _email(self, email) -> str:
        try:
            return normalise_email(email)
        except ValueError as err:
            raise InvalidMember(self.database, str(err)) from None

    def _domain(self, domain) -> str:
        try:
            return normalise_domain(domain)
        except ValueError as err:
            raise InvalidMember(self.database, str(err)) from None

    def _principal(self, text) -> tuple[str, str]:
        """Whether ``text`` names a person (``name@domain``) or a domain (``@domain``, ``domain``)."""
        if isinstance(text, str) and "@" in text.strip().lstrip("@"):
            return PERSON, self._email(text)
        return DOMAIN, self._domain(text)


__all__ = ["ALL_LINKS", "OpenedLink", "Sharing"]
