"""The tables, as SQLAlchemy Core metadata. The migrations in migrations/versions create them;
tests/test_storage.py checks after upgrading each backend that the two agree.

Discord ids are 64-bit snowflakes (BIGINT). Times are Unix seconds (float): they compare the same
way in both databases and need no time-zone handling.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

# one row per server that changed a setting; a server without a row has the defaults
guild_settings = sa.Table(
    "guild_settings",
    metadata,
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

# channels where the bot answers questions that do not mention it
listen_channels = sa.Table(
    "listen_channels",
    metadata,
    sa.Column("guild_id", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("channel_id", sa.BigInteger, primary_key=True, autoincrement=False),
)

# channels where chat replies are allowed; a server with none listed gets them everywhere
reply_channels = sa.Table(
    "reply_channels",
    metadata,
    sa.Column("guild_id", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("channel_id", sa.BigInteger, primary_key=True, autoincrement=False),
)

# a user's saved hardware ("my rig"): per user, not per server; several named rigs per user
rigs = sa.Table(
    "rigs",
    metadata,
    sa.Column("user_id", sa.BigInteger, primary_key=True, autoincrement=False),
    # the name folded for comparison ("Desk" and "desk" are one rig); `name` keeps the spelling
    sa.Column("name_key", sa.Text, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("spec", sa.Text, nullable=False),  # JSON; its shape belongs to the /rig commands
    sa.Column(
        "is_default", sa.Boolean(create_constraint=False), nullable=False, server_default=sa.false()
    ),
    sa.Column("updated_at", sa.Float, nullable=False),
)

# what was read from the Hugging Face Hub: key -> JSON text until `expires` (Unix seconds). Same
# columns as fitengine/hub's own SQLite cache, so entries it wrote stay readable here.
hub_cache = sa.Table(
    "hub_cache",
    metadata,
    sa.Column("key", sa.Text, primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
    sa.Column("expires", sa.Float, nullable=False),
)
sa.Index("ix_hub_cache_expires", hub_cache.c.expires)

# `canirun-bot health` proves the database takes writes by writing this row
health_probe = sa.Table(
    "health_probe",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("checked_at", sa.Float, nullable=False),
)
