"""Which designs an actor sees and with which role, in SQL; and how a name picks one of them.

The rules are :mod:`orbit.library.access`; here they become queries. A
design is visible to a signed-in user who owns it, or who has a share as a
person or through their e-mail's domain; the role is the strongest of these.
Admins and the shared workspace see every design as its owner.

A name is resolved among the visible designs that have it (deleted ones
included), so a design one may not see is never found and answers exactly
as a name nobody uses: the same queries run either way. When several
visible designs share a name, the actor's own wins; otherwise the name must
say whose it is (``OWNER/NAME``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .access import DOMAIN, OWNER, PERSON, SIGNED_IN, Actor, best, is_email
from .names import qualified
from .schema import designs, shares

NAME_LOCK_CLASS = 0x0B17
"""First key of the PostgreSQL advisory locks taken while a name is given to a design."""


@dataclass(frozen=True)
class Candidate:
    """A visible design with the actor's role on it."""

    row: Any
    role: str


def share_match(actor: Actor):
    """The ``shares`` rows that give ``actor`` a role (their e-mail, or their e-mail's domain)."""
    return sa.or_(
        sa.and_(shares.c.kind == PERSON, shares.c.principal == actor.user),
        sa.and_(shares.c.kind == DOMAIN, shares.c.principal == actor.domain),
    )


def visible(actor: Actor):
    """A condition on ``designs``: the rows ``actor`` may see."""
    if actor.sees_all:
        return sa.true()
    return sa.or_(
        designs.c.owner == actor.user,
        designs.c.id.in_(sa.select(shares.c.design_id).where(share_match(actor))),
    )


def shared_roles(conn: Connection, actor: Actor) -> dict[int, str]:
    """The strongest shared role of ``actor`` on each design shared with them."""
    roles: dict[int, str] = {}
    if actor.sees_all:
        return roles
    for design_id, role in conn.execute(sa.select(shares.c.design_id, shares.c.role).where(share_match(actor))):
        roles[design_id] = best([roles.get(design_id), role])
    return roles


def role_on(actor: Actor, row, shared: Iterable[str | None] = ()) -> str | None:
    """``actor``'s role on the design ``row``, given the roles its shares give them."""
    if actor.sees_all or row.owner == actor.user:
        return OWNER
    return best(shared)


def candidates(conn: Connection, actor: Actor, key: str, owner: str | None = None) -> list[Candidate]:
    """The designs named ``key`` (of ``owner``, when given) that ``actor`` sees, oldest first.

    One query, whether or not invisible designs have the name.
    """
    where = [designs.c.name_key == key]
    if owner is not None:
        where.append(designs.c.owner == owner)
    if actor.sees_all:
        rows = conn.execute(sa.select(designs).where(*where).order_by(designs.c.id)).all()
        return [Candidate(row, OWNER) for row in rows]
    joined = designs.outerjoin(shares, sa.and_(shares.c.design_id == designs.c.id, share_match(actor)))
    query = sa.select(designs, shares.c.role.label("shared_role")).select_from(joined).where(*where)
    grouped: dict[int, tuple[Any, list[str | None]]] = {}
    for row in conn.execute(query.order_by(designs.c.id)):
        grouped.setdefault(row.id, (row, []))[1].append(row.shared_role)
    found = [(row, role_on(actor, row, roles)) for row, roles in grouped.values()]
    return [Candidate(row, role) for row, role in found if role is not None]


def own(found: list[Candidate], me: str) -> list[Candidate]:
    """Of several candidates, those owned by ``me``."""
    return [c for c in found if c.row.owner == me]


def handle(actor: Actor, row, duplicated: bool = False) -> str:
    """How ``actor`` names the design ``row`` so that the name finds it again: ``OWNER/NAME`` or ``NAME``.

    A signed-in user gets ``OWNER/NAME`` for every design owned by an
    e-mail address, so that a link handed to someone else opens the same
    design; elsewhere the plain name is kept unless another design has it too.
    """
    if actor.mode == SIGNED_IN and is_email(row.owner):
        return qualified(row.owner, row.name)
    if duplicated and "/" not in row.owner:
        return qualified(row.owner, row.name)
    return row.name


def duplicated_keys(conn: Connection, actor: Actor) -> set[str]:
    """The names (keys) that more than one of the designs ``actor`` sees have."""
    query = sa.select(designs.c.name_key).where(visible(actor)).group_by(designs.c.name_key)
    return set(conn.execute(query.having(sa.func.count() > 1)).scalars())


def lock_name(conn: Connection, key: str) -> None:
    """Hold, until the transaction ends, the right to give the name ``key`` to a design (PostgreSQL).

    Names are unique per owner in the schema; this keeps two writers who
    would see each other's design from both creating one of that name. On
    SQLite the write transaction already holds the whole file.
    """
    if conn.dialect.name != "postgresql":
        return
    import hashlib

    number = int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=4).digest(), "big", signed=True)
    conn.execute(sa.text("SELECT pg_advisory_xact_lock(:a, :b)"), {"a": NAME_LOCK_CLASS, "b": number})


__all__ = [
    "Candidate",
    "candidates",
    "duplicated_keys",
    "handle",
    "lock_name",
    "own",
    "role_on",
    "share_match",
    "shared_roles",
    "visible",
]
