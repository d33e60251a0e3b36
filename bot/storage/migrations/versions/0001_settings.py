"""Server settings and listen channels (the schema of the hand-written migration 1 that came
before Alembic: a file made by that version is stamped at this revision, not re-created).

Revision ID: 0001
Revises:
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
        "guild_settings",
        sa.Column("guild_id", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column(
            "chat_enabled",
            sa.Boolean(create_constraint=False),
            nullable=False,
            server_default=sa.true(),
        ),
        sa.Column("default_mode", sa.Text),
        sa.Column("default_workload", sa.Text),
    )
    op.create_table(
        "listen_channels",
        sa.Column("guild_id", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("channel_id", sa.BigInteger, primary_key=True, autoincrement=False),
    )


def downgrade() -> None:
    op.drop_table("listen_channels")
    op.drop_table("guild_settings")
