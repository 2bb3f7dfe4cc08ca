"""Access: an owner for every design, shares with people and domains, read-only links.

Every existing design gets as its owner the user who created it
(``created_by``): an e-mail address, normalised to lower case, or the OS
user or ``anonymous`` that saved it before sign-in existed. In the shared
workspace (no sign-in) every design stays visible and editable to everyone,
as before. With sign-in, a design whose owner is an e-mail address is that
user's; one owned by an OS user or ``anonymous`` is seen only by admins until
an admin shares it or hands it to a user (``Library.transfer``).

Names become unique per owner instead of across the database, so that a
name someone else uses privately is never refused (which would tell that it
exists); the old single-column constraint is replaced by one on
``(name_key, owner)``, whose index still serves look-ups by name.

Revision ID: 0004
Revises: 0003
Create Date: 2026-05-04
"""

from __future__ import annotations

import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

BATCH = 500
_FORBIDDEN = r"\s@/\\,;:<>()\[\]\""
_EMAIL = re.compile(rf"^[^{_FORBIDDEN}]+@[^{_FORBIDDEN}.]+(?:\.[^{_FORBIDDEN}.]+)*$")


def _owner(created_by: str) -> str:
    """The owner of a design saved by ``created_by`` (frozen copy of ``orbit.library.access.owner_key``)."""
    cleaned = unicodedata.normalize("NFC", created_by.strip()).lower()
    return cleaned if len(cleaned) <= 254 and _EMAIL.match(cleaned) else created_by


def upgrade() -> None:
    bind = op.get_bind()
    with op.batch_alter_table("designs") as batch:
        batch.add_column(sa.Column("owner", sa.String(320), nullable=True))
    designs = sa.table("designs", sa.column("id", sa.Integer), sa.column("created_by"), sa.column("owner"))
    last = 0
    while True:
        rows = bind.execute(
            sa.select(designs.c.id, designs.c.created_by).where(designs.c.id > last).order_by(designs.c.id).limit(BATCH)
        ).all()
        if not rows:
            break
        for design_id, created_by in rows:
            bind.execute(designs.update().where(designs.c.id == design_id).values(owner=_owner(created_by)))
        last = rows[-1][0]
    # SQLite rebuilds the table for these (foreign keys are off meanwhile, checked before commit)
    with op.batch_alter_table("designs", recreate="auto") as batch:
        batch.alter_column("owner", existing_type=sa.String(320), nullable=False)
        batch.drop_constraint("uq_designs_name_key", type_="unique")
        batch.create_unique_constraint("uq_designs_name_key_owner", ["name_key", "owner"])
        batch.create_index("ix_designs_owner", ["owner"])

    op.create_table(
        "shares",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("design_id", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("principal", sa.String(320), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("granted_by", sa.String(320), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_shares"),
        sa.ForeignKeyConstraint(["design_id"], ["designs.id"], name="fk_shares_design_id_designs", ondelete="RESTRICT"),
        sa.UniqueConstraint("design_id", "kind", "principal", name="uq_shares_design_id_kind_principal"),
        sa.CheckConstraint("kind IN ('person', 'domain')", name=op.f("ck_shares_kind_known")),
        sa.CheckConstraint("role IN ('viewer', 'editor')", name=op.f("ck_shares_role_known")),
    )
    op.create_index("ix_shares_principal", "shares", ["principal"])
    op.create_table(
        "links",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("design_id", sa.Integer, nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(320), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_by", sa.String(320), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_links"),
        sa.ForeignKeyConstraint(["design_id"], ["designs.id"], name="fk_links_design_id_designs", ondelete="RESTRICT"),
        sa.UniqueConstraint("token_hash", name="uq_links_token_hash"),
        sa.CheckConstraint("version IS NULL OR version >= 1", name=op.f("ck_links_version_positive")),
    )
    op.create_index("ix_links_design_id", "links", ["design_id"])


def downgrade() -> None:
    op.drop_index("ix_links_design_id", table_name="links")
    op.drop_table("links")
    op.drop_index("ix_shares_principal", table_name="shares")
    op.drop_table("shares")
    with op.batch_alter_table("designs", recreate="auto") as batch:
        batch.drop_index("ix_designs_owner")
        batch.drop_constraint("uq_designs_name_key_owner", type_="unique")
        batch.create_unique_constraint("uq_designs_name_key", ["name_key"])
        batch.drop_column("owner")
