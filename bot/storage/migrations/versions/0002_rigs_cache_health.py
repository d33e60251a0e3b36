"""Saved rigs per user, the Hugging Face cache, the health probe; the pre-Alembic version table
goes.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rigs",
        sa.Column("user_id", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("name_key", sa.Text, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("spec", sa.Text, nullable=False),
        sa.Column(
            "is_default",
            sa.Boolean(create_constraint=False),
            nullable=False,
            server_default=sa.false(),
        ),
        sa.Column("updated_at", sa.Float, nullable=False),
    )
    tables = set(sa.inspect(op.get_bind()).get_table_names())
    # fitengine/hub may have made this table in the same SQLite file already (same columns)
    if "hub_cache" not in tables:
        op.create_table(
            "hub_cache",
            sa.Column("key", sa.Text, primary_key=True),
            sa.Column("value", sa.Text, nullable=False),
            sa.Column("expires", sa.Float, nullable=False),
        )
    op.create_index("ix_hub_cache_expires", "hub_cache", ["expires"], if_not_exists=True)
    op.create_table(
        "health_probe",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("checked_at", sa.Float, nullable=False),
    )
    if "schema_version" in tables:
        op.drop_table("schema_version")


def downgrade() -> None:
    op.drop_table("health_probe")
    op.drop_index("ix_hub_cache_expires", "hub_cache")
    op.drop_table("hub_cache")
    op.drop_table("rigs")
