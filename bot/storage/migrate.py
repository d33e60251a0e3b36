"""Versioned migrations (Alembic) applied on open, and the checks that come before any write.

A database is refused, and left exactly as it was, when it is not a database, fails SQLite's
integrity check, or carries a schema version this code does not know (a newer canirun-bot wrote
it). Those checks only read: for an SQLite file they run on a read-only connection before the
file is opened for writing, so a refused file is never switched to WAL or migrated.

On PostgreSQL several bot processes may start at once: the upgrade runs in one transaction under
an advisory lock, so one process migrates and the others find the schema current.
"""

from __future__ import annotations

import dataclasses
import functools
import sqlite3
import urllib.parse
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.ext.asyncio import AsyncConnection

MIGRATIONS = Path(__file__).with_name("migrations")
# the hand-written migrations before Alembic kept their number in schema_version: 1 (settings,
# listen channels), and 2 (reply channels) on the branch that brought the allow list. Both are
# stamped at 0001 and upgraded from there (0003 keeps a reply_channels table already present).
LEGACY_VERSION = 2
LEGACY_REVISION = "0001"
# any fixed 64-bit number, the same in every process: pg_advisory_xact_lock's key
LOCK_KEY = 0x63616E6972756E  # "canirun"


@dataclasses.dataclass
class Refused(Exception):
    """The database is not one this code may change. kind: 'corrupt' or 'newer'."""

    kind: str
    detail: str

    def __str__(self) -> str:
        return self.detail


def alembic_config() -> Config:
    # a new one each time: a connection is handed to env.py through its attributes
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


@functools.cache
def known_revisions() -> tuple[frozenset[str], str]:
    """All revisions this code has, and the newest (the head)."""
    script = ScriptDirectory.from_config(alembic_config())
    return frozenset(r.revision for r in script.walk_revisions()), script.get_current_head() or ""


def head() -> str:
    return known_revisions()[1]


def check_versions(tables: Iterable[str], fetch: Callable[[str], list[Any]]) -> None:
    """Refuse a schema from a newer canirun-bot. `fetch(sql)` runs a read-only query."""
    tables = set(tables)
    known, newest = known_revisions()
    if "alembic_version" in tables:
        found = {row[0] for row in fetch("SELECT version_num FROM alembic_version")}
        unknown = sorted(found - known)
        if unknown:
            raise Refused(
                "newer",
                f"schema revision {', '.join(unknown)} was written by a newer canirun-bot "
                f"(this one knows up to {newest})",
            )
    elif "schema_version" in tables:
        rows = fetch("SELECT MAX(version) FROM schema_version")
        version = rows[0][0] if rows and rows[0][0] is not None else 0
        if version > LEGACY_VERSION:
            raise Refused(
                "newer",
                f"schema version {version} was written by a newer canirun-bot "
                f"(this one knows up to {LEGACY_VERSION} in that numbering)",
            )


def sqlite_preflight(path: Path) -> None:
    """Read-only checks of an existing SQLite file; raises Refused. A missing or empty file
    passes (it becomes a new database)."""
    try:
        if not path.exists() or path.stat().st_size == 0:
            return
    except OSError:
        return  # the open that follows reports it
    uri = f"file:{urllib.parse.quote(str(path))}?mode=ro"
    try:
        db = sqlite3.connect(uri, uri=True)
    except sqlite3.Error:
        return  # cannot even be read: the writable open reports why
    try:
        row = db.execute("PRAGMA quick_check").fetchone()
        if not row or row[0] != "ok":
            raise Refused("corrupt", f"integrity check failed: {row[0] if row else 'no answer'}")
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        check_versions(tables, lambda sql: db.execute(sql).fetchall())
    except sqlite3.DatabaseError as exc:  # "file is not a database", malformed pages
        if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
            return  # busy, not broken: the writable open waits for it
        raise Refused("corrupt", f"{type(exc).__name__}: {exc}") from None
    finally:
        db.close()


def _upgrade(connection: sa.Connection) -> None:
    tables = set(sa.inspect(connection).get_table_names())
    check_versions(tables, lambda sql: list(connection.exec_driver_sql(sql).fetchall()))
    config = alembic_config()
    config.attributes["connection"] = connection
    if "schema_version" in tables and "alembic_version" not in tables:
        command.stamp(config, LEGACY_REVISION)  # made by the hand-written migrations
    command.upgrade(config, "head")


async def upgrade(connection: AsyncConnection) -> None:
    """Bring the schema to the head, in the caller's transaction."""
    if connection.dialect.name == "postgresql":
        await connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
    await connection.run_sync(_upgrade)


async def current_revision(connection: AsyncConnection) -> str | None:
    def read(sync: sa.Connection) -> str | None:
        heads = MigrationContext.configure(sync).get_current_heads()
        return heads[0] if heads else None

    return await connection.run_sync(read)
