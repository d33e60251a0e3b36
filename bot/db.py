"""Per-server settings in SQLite (aiosqlite), with numbered migrations.

The whole table is small (one row per server), so it is read into memory when the store opens and
reads never touch the disk; writes go to SQLite first, then to the cache. A file that cannot be
opened (corrupt, written by a newer version, unwritable directory) does not stop the bot: the store
keeps running on defaults, refuses writes with a clear message, and `canirun-bot health` fails.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import sqlite3
from pathlib import Path

import aiosqlite

log = logging.getLogger(__name__)

# Each migration moves the schema from version N-1 to N. Append, never edit a released one.
MIGRATIONS: list[str] = [
    # 1: server settings and the channels where unaddressed questions are answered
    """
    CREATE TABLE guild_settings (
        guild_id INTEGER PRIMARY KEY,
        chat_enabled INTEGER NOT NULL DEFAULT 1,
        default_mode TEXT,
        default_workload TEXT
    );
    CREATE TABLE listen_channels (
        guild_id INTEGER NOT NULL,
        channel_id INTEGER NOT NULL,
        PRIMARY KEY (guild_id, channel_id)
    );
    """,
    # 2: the channels where chat replies are allowed (none listed: everywhere)
    """
    CREATE TABLE reply_channels (
        guild_id INTEGER NOT NULL,
        channel_id INTEGER NOT NULL,
        PRIMARY KEY (guild_id, channel_id)
    );
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)


@dataclasses.dataclass(frozen=True)
class GuildSettings:
    guild_id: int
    chat_enabled: bool = True
    mode: str | None = None
    workload: str | None = None
    channels: frozenset[int] = frozenset()
    # chat replies only in these channels (and the listen channels); empty: everywhere
    reply_channels: frozenset[int] = frozenset()


class StorageError(Exception):
    """The settings database is unusable; str() tells the operator what to do."""


class SettingsStore:
    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.error: str | None = None
        self._db: aiosqlite.Connection | None = None
        self._cache: dict[int, GuildSettings] = {}

    # ------------------------------------------------------------------ lifecycle

    async def open(self) -> None:
        """Open (creating if missing) and migrate. On failure, set `error` and run on defaults."""
        try:
            await self._open()
        except (sqlite3.Error, OSError, StorageError) as exc:
            await self._close_quietly()
            reason = str(exc) if isinstance(exc, StorageError) else f"{type(exc).__name__}: {exc}"
            self.error = (
                f"settings database {self.path} is unusable ({reason}); running with default "
                "settings and not saving changes. Move the file aside (a new one is created) or "
                "restore a backup, then restart."
            )
            log.error("%s", self.error)
        else:
            self.error = None

    async def _open(self) -> None:
        if self.path.parent and not self.path.parent.exists():
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = db = await aiosqlite.connect(self.path)
        check = await (await db.execute("PRAGMA quick_check")).fetchone()
        if not check or check[0] != "ok":
            raise StorageError(f"integrity check failed: {check[0] if check else 'no answer'}")
        await db.execute("PRAGMA journal_mode=WAL")
        await db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        row = await (await db.execute("SELECT MAX(version) FROM schema_version")).fetchone()
        version = row[0] or 0
        if version > SCHEMA_VERSION:
            raise StorageError(
                f"schema version {version} was written by a newer canirun-bot "
                f"(this one knows up to {SCHEMA_VERSION})"
            )
        for number in range(version + 1, SCHEMA_VERSION + 1):
            script = MIGRATIONS[number - 1]
            await db.executescript(
                f"BEGIN;\n{script}\nINSERT INTO schema_version (version) VALUES ({number});\nCOMMIT;"
            )
            log.info("settings database migrated to schema version %d", number)
        await db.commit()
        await self._load()

    async def _load(self) -> None:
        assert self._db is not None
        rows = await self._db.execute_fetchall(
            "SELECT guild_id, chat_enabled, default_mode, default_workload FROM guild_settings"
        )
        channels: dict[int, set[int]] = {}
        for guild_id, channel_id in await self._db.execute_fetchall(
            "SELECT guild_id, channel_id FROM listen_channels"
        ):
            channels.setdefault(guild_id, set()).add(channel_id)
        replies: dict[int, set[int]] = {}
        for guild_id, channel_id in await self._db.execute_fetchall(
            "SELECT guild_id, channel_id FROM reply_channels"
        ):
            replies.setdefault(guild_id, set()).add(channel_id)
        self._cache = {}
        for guild_id, chat, mode, workload in rows:
            self._cache[guild_id] = GuildSettings(
                guild_id,
                bool(chat),
                mode,
                workload,
                frozenset(channels.pop(guild_id, ())),
                frozenset(replies.pop(guild_id, ())),
            )
        for guild_id in set(channels) | set(replies):
            self._cache[guild_id] = GuildSettings(
                guild_id,
                channels=frozenset(channels.get(guild_id, ())),
                reply_channels=frozenset(replies.get(guild_id, ())),
            )

    async def schema_version(self) -> int:
        self._require()
        assert self._db is not None
        row = await (await self._db.execute("SELECT MAX(version) FROM schema_version")).fetchone()
        return row[0] or 0

    async def close(self) -> None:
        await self._close_quietly()

    async def _close_quietly(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                await self._db.close()
            self._db = None

    # ------------------------------------------------------------------ reads (memory)

    def get(self, guild_id: int | None) -> GuildSettings:
        if guild_id is None:
            return GuildSettings(0)
        return self._cache.get(guild_id) or GuildSettings(guild_id)

    # ------------------------------------------------------------------ writes

    def _require(self) -> None:
        if self.error is not None:
            raise StorageError(self.error)
        if self._db is None:
            raise StorageError("the settings database is not open")

    async def _upsert(self, guild_id: int, **changes: object) -> GuildSettings:
        self._require()
        assert self._db is not None
        new = dataclasses.replace(self.get(guild_id), **changes)
        await self._db.execute(
            "INSERT INTO guild_settings (guild_id, chat_enabled, default_mode, default_workload) "
            "VALUES (?, ?, ?, ?) ON CONFLICT(guild_id) DO UPDATE SET "
            "chat_enabled = excluded.chat_enabled, default_mode = excluded.default_mode, "
            "default_workload = excluded.default_workload",
            (guild_id, int(new.chat_enabled), new.mode, new.workload),
        )
        await self._db.commit()
        self._cache[guild_id] = new
        return new

    async def set_chat(self, guild_id: int, enabled: bool) -> GuildSettings:
        return await self._upsert(guild_id, chat_enabled=enabled)

    async def set_mode(self, guild_id: int, mode: str | None) -> GuildSettings:
        return await self._upsert(guild_id, mode=mode)

    async def set_workload(self, guild_id: int, workload: str | None) -> GuildSettings:
        return await self._upsert(guild_id, workload=workload)

    async def set_channel(self, guild_id: int, channel_id: int, listen: bool) -> GuildSettings:
        self._require()
        assert self._db is not None
        if listen:
            await self._db.execute(
                "INSERT OR IGNORE INTO listen_channels (guild_id, channel_id) VALUES (?, ?)",
                (guild_id, channel_id),
            )
        else:
            await self._db.execute(
                "DELETE FROM listen_channels WHERE guild_id = ? AND channel_id = ?",
                (guild_id, channel_id),
            )
        await self._db.commit()
        current = self.get(guild_id)
        channels = set(current.channels)
        (channels.add if listen else channels.discard)(channel_id)
        new = dataclasses.replace(current, channels=frozenset(channels))
        self._cache[guild_id] = new
        return new

    async def set_reply_channel(self, guild_id: int, channel_id: int, allow: bool) -> GuildSettings:
        """Allow (or stop allowing) chat replies in a channel; with none allowed, everywhere."""
        self._require()
        assert self._db is not None
        if allow:
            await self._db.execute(
                "INSERT OR IGNORE INTO reply_channels (guild_id, channel_id) VALUES (?, ?)",
                (guild_id, channel_id),
            )
        else:
            await self._db.execute(
                "DELETE FROM reply_channels WHERE guild_id = ? AND channel_id = ?",
                (guild_id, channel_id),
            )
        await self._db.commit()
        current = self.get(guild_id)
        ids = set(current.reply_channels)
        (ids.add if allow else ids.discard)(channel_id)
        new = dataclasses.replace(current, reply_channels=frozenset(ids))
        self._cache[guild_id] = new
        return new

    async def forget_guild(self, guild_id: int) -> None:
        """Drop a server's settings (the bot was removed from it)."""
        self._require()
        assert self._db is not None
        await self._db.execute("DELETE FROM guild_settings WHERE guild_id = ?", (guild_id,))
        await self._db.execute("DELETE FROM listen_channels WHERE guild_id = ?", (guild_id,))
        await self._db.execute("DELETE FROM reply_channels WHERE guild_id = ?", (guild_id,))
        await self._db.commit()
        self._cache.pop(guild_id, None)
