"""The tables of the design library (SQLAlchemy Core).

``designs``
    One row per design: its name as given, ``name_key`` (the name
    normalised for comparison, unique, so names are case-insensitive on
    every database), who created it and when, when it was last saved,
    ``versions`` (the number of its newest version; versions are gapless, so
    this is also their count) and ``deleted_at`` (set when the design is
    hidden; nothing is ever dropped).
``versions``
    One immutable row per saved version: its ``number`` within the design
    (unique with the design), when and by whom it was saved, the message,
    the version it was made from (``parent_id``, possibly of another
    design after a copy), and the figures that lists show without reading
    documents (``units``, ``headcount``, and the SHA-256 ``digest`` of the
    document).
``documents``
    The document of each version, one to one: the canonical JSON of the
    organisation exactly as ``orbit convert design.json`` writes it. It is
    kept beside ``versions`` rather than in it so that listing a history of
    thousands of versions never reads a megabyte-sized document (SQLite
    would walk a large value's overflow pages to reach columns after it).
``markers``
    Named one-time events of this database (for example that the bundled
    samples were saved into it), so that they happen once per database and
    not once per process.

``shares``
    Who else may open a design, with which role (``viewer`` or ``editor``):
    a person (``kind = 'person'``, ``principal`` their normalised e-mail)
    or everyone signed in with an e-mail of a domain (``kind = 'domain'``,
    ``principal`` the domain); one row per design and principal. Unsharing
    removes the row.
``links``
    Read-only links: the SHA-256 of each random token (never the token),
    the fixed version it opens (``NULL``: the newest), who made it and when,
    and when and by whom it was revoked (revoked links are kept, inactive).

``designs.owner`` is who created the design (the normalised e-mail of a
signed-in user, else the author as given: an OS user, ``anonymous``).
Names are unique per owner (``name_key`` with ``owner``); the rules of who
sees what are in :mod:`orbit.library.access`.

Changes to these tables are Alembic migrations in ``migrations/versions``;
:data:`SCHEMA_REVISION` names the newest one (a test checks both agree, and
that the migrations build exactly these tables).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.types import TypeDecorator

from .names import KEY_MAX, NAME_MAX

SCHEMA_REVISION = "0004"
"""The Alembic revision these tables correspond to (the head of ``migrations/versions``)."""

AUTHOR_MAX = 320
"""Longest author (an e-mail address has at most 254 characters)."""

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class UTCDateTime(TypeDecorator):
    """Aware UTC datetimes in and out, on every back end (SQLite keeps naive text)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: give a timezone")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if isinstance(value, str):  # pragma: no cover - SQLite returns text only for hand-made rows
            value = dt.datetime.fromisoformat(value)
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


designs = Table(
    "designs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(NAME_MAX), nullable=False),
    Column("name_key", String(KEY_MAX), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("created_by", String(AUTHOR_MAX), nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("versions", Integer, nullable=False),
    Column("deleted_at", UTCDateTime, nullable=True),
    Column("owner", String(AUTHOR_MAX), nullable=False),
    UniqueConstraint("name_key", "owner"),
    CheckConstraint("versions >= 0", name="versions_not_negative"),
)

versions = Table(
    "versions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("design_id", Integer, ForeignKey("designs.id", ondelete="RESTRICT"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("saved_at", UTCDateTime, nullable=False),
    Column("author", String(AUTHOR_MAX), nullable=False),
    Column("message", Text, nullable=False),
    Column("parent_id", Integer, ForeignKey("versions.id", ondelete="RESTRICT"), nullable=True),
    Column("units", Integer, nullable=False),
    Column("headcount", BigInteger, nullable=False),
    Column("digest", String(64), nullable=False),
    UniqueConstraint("design_id", "number"),
    CheckConstraint("number >= 1", name="number_positive"),
    CheckConstraint("units >= 0", name="units_not_negative"),
)

documents = Table(
    "documents",
    metadata,
    Column("version_id", Integer, ForeignKey("versions.id", ondelete="RESTRICT"), primary_key=True),
    Column("document", Text, nullable=False),
)

shares = Table(
    "shares",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("design_id", Integer, ForeignKey("designs.id", ondelete="RESTRICT"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("principal", String(AUTHOR_MAX), nullable=False),
    Column("role", String(16), nullable=False),
    Column("granted_at", UTCDateTime, nullable=False),
    Column("granted_by", String(AUTHOR_MAX), nullable=False),
    UniqueConstraint("design_id", "kind", "principal"),
    CheckConstraint("kind IN ('person', 'domain')", name="kind_known"),
    CheckConstraint("role IN ('viewer', 'editor')", name="role_known"),
)

links = Table(
    "links",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("design_id", Integer, ForeignKey("designs.id", ondelete="RESTRICT"), nullable=False),
    Column("token_hash", String(64), nullable=False),
    Column("version", Integer, nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("created_by", String(AUTHOR_MAX), nullable=False),
    Column("revoked_at", UTCDateTime, nullable=True),
    Column("revoked_by", String(AUTHOR_MAX), nullable=True),
    UniqueConstraint("token_hash"),
    CheckConstraint("version IS NULL OR version >= 1", name="version_positive"),
)

markers = Table(
    "markers",
    metadata,
    Column("key", String(NAME_MAX), primary_key=True),
    Column("created_at", UTCDateTime, nullable=False),
)

Index("ix_versions_parent_id", versions.c.parent_id)
Index("ix_designs_owner", designs.c.owner)
Index("ix_shares_principal", shares.c.principal)
Index("ix_links_design_id", links.c.design_id)

__all__ = [
    "AUTHOR_MAX",
    "NAME_MAX",
    "SCHEMA_REVISION",
    "UTCDateTime",
    "designs",
    "documents",
    "links",
    "markers",
    "metadata",
    "shares",
    "versions",
]
