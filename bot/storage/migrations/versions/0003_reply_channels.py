"""The channels where chat replies are allowed (/settings replies).

A file from the hand-written schema 2 (before Alembic) already has the table, with its rows: it
is kept.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if "reply_channels" in sa.inspect(op.get_bind()).get_table_names():
        return
    op.create_table(
        "reply_channels",
        sa.Column("guild_id", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("channel_id", sa.BigInteger, primary_key=True, autoincrement=False),
    )


def downgrade() -> None:
    op.drop_table("reply_channels")
