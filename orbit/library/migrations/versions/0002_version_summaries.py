"""Headcount and document digest on every version, filled in for the versions already saved.

The picker shows a design's headcount beside its units, and the digest lets
a reader check that a document is the one that was saved; neither may need
the document to be parsed when a list is shown.

Revision ID: 0002
Revises: 0001
Create Date: 2026-05-02
"""

from __future__ import annotations

import hashlib
import json

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

BATCH = 200


def _summary(document: str) -> tuple[int, str]:
    """Headcount (a unit without one counts as 1, as in the analysis) and SHA-256 of a stored document."""
    units = json.loads(document).get("units") or []
    headcount = sum(1 if u.get("headcount") is None else int(u["headcount"]) for u in units)
    return headcount, hashlib.sha256(document.encode("utf-8")).hexdigest()


def upgrade() -> None:
    bind = op.get_bind()
    # on SQLite the last step rebuilds the table (it cannot make a column NOT NULL in place);
    # the migration runner has foreign keys off meanwhile and checks them before committing
    with op.batch_alter_table("versions") as batch:
        batch.add_column(sa.Column("headcount", sa.BigInteger, nullable=True))
        batch.add_column(sa.Column("digest", sa.String(64), nullable=True))
    versions = sa.table("versions", sa.column("id", sa.Integer), sa.column("headcount"), sa.column("digest"))
    documents = sa.table("documents", sa.column("version_id", sa.Integer), sa.column("document", sa.Text))
    last = 0
    while True:
        rows = bind.execute(
            sa.select(documents.c.version_id, documents.c.document)
            .where(documents.c.version_id > last)
            .order_by(documents.c.version_id)
            .limit(BATCH)
        ).all()
        if not rows:
            break
        for version_id, document in rows:
            headcount, digest = _summary(document)
            bind.execute(
                versions.update().where(versions.c.id == version_id).values(headcount=headcount, digest=digest)
            )
        last = rows[-1][0]
    with op.batch_alter_table("versions", recreate="auto") as batch:
        batch.alter_column("headcount", existing_type=sa.BigInteger, nullable=False)
        batch.alter_column("digest", existing_type=sa.String(64), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("versions") as batch:
        batch.drop_column("digest")
        batch.drop_column("headcount")
