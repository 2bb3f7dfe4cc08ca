"""Designs, their immutable versions and the version documents.

Revision ID: 0001
Revises:
Create Date: 2026-05-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "designs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("name_key", sa.String(800), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(320), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("versions", sa.Integer, nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_designs"),
        sa.UniqueConstraint("name_key", name="uq_designs_name_key"),
        sa.CheckConstraint("versions >= 0", name=op.f("ck_designs_versions_not_negative")),
    )
    op.create_table(
        "versions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("design_id", sa.Integer, nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("author", sa.String(320), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("parent_id", sa.Integer, nullable=True),
        sa.Column("units", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_versions"),
        sa.ForeignKeyConstraint(
            ["design_id"], ["designs.id"], name="fk_versions_design_id_designs", ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["versions.id"], name="fk_versions_parent_id_versions", ondelete="RESTRICT"
        ),
        sa.UniqueConstraint("design_id", "number", name="uq_versions_design_id_number"),
        sa.CheckConstraint("number >= 1", name=op.f("ck_versions_number_positive")),
        sa.CheckConstraint("units >= 0", name=op.f("ck_versions_units_not_negative")),
    )
    op.create_index("ix_versions_parent_id", "versions", ["parent_id"])
    op.create_table(
        "documents",
        sa.Column("version_id", sa.Integer, nullable=False),
        sa.Column("document", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("version_id", name="pk_documents"),
        sa.ForeignKeyConstraint(
            ["version_id"], ["versions.id"], name="fk_documents_version_id_versions", ondelete="RESTRICT"
        ),
    )


def downgrade() -> None:
    op.drop_table("documents")
    op.drop_index("ix_versions_parent_id", table_name="versions")
    op.drop_table("versions")
    op.drop_table("designs")
