"""What was read from the Hub, kept with an expiry: a small async key/value interface.

Two methods and a close, so the storage can move (to PostgreSQL, say) without touching the
callers. SQLite through aiosqlite is the store today, the same mechanism the bot's settings use; a
file that cannot be opened degrades to a cache in memory (logged), never to a failure.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
import time
from pathlib import Path
from typing import Protocol

log = logging.getLogger(__name__)


class Cache(Protocol):
    async def get(self, key: str) -> str | None:
        """The value stored under `key`, None if absent or expired."""
        ...

    async def put(self, key: str, value: str, ttl: float) -> None:
        """Store `value` under `key` for `ttl` seconds."""
        ...

    async def close(self) -> None: ...


class MemoryCache:
    """A process-local cache (tests, and the fallback when no file can be opened)."""

    def __init__(self, clock=time.time):
        self._data: dict[str, tuple[str, float]] = {}
        self._clock = clock

    async def get(self, key: str) -> str | None:
        hit = self._data.get(key)
        if hit is None:
            return None
        if hit[1] <= self._clock():
            del self._data[key]
            return None
        return hit[0]

    async def put(self, key: str, value: str, ttl: float) -> None:
        if len(self._data) > 10_000:
            now = self._clock()
            self._data = {k: v for k, v in self._data.items() if v[1] > now}
        self._data[key] = (value, self._clock() + ttl)

    async def close(self) -> None:
        return None


_SCHEMA = """
CREATE TABLE IF NOT EXISTS hub_cache (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    expires REAL NOT NULL
)
"""


class SQLiteCache:
    """hub_cache(key, value, expires) in an SQLite file, opened on first use."""

    def __init__(self, path: Path | str, clock=time.time):
        self.path = Path(path)
        self._clock = clock
        self._db = None
        self._fallback: MemoryCache | None = None
        # the first uses may come at once (two questions about one repo): they wait for one
        # connection rather than each opening its own, which found the other's write lock
        # ("database is locked"), gave up the file and read the repo a second time
        self._opening = asyncio.Lock()

    async def _conn(self):
        if self._db is not None or self._fallback is not None:
            return self._db
        async with self._opening:
            if self._db is not None or self._fallback is not None:
                return self._db
            return await self._open()

    async def _open(self):
        import aiosqlite

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = await aiosqlite.connect(self.path)
            try:
                await db.execute("PRAGMA journal_mode=WAL")
                await db.execute(_SCHEMA)
                await db.execute("DELETE FROM hub_cache WHERE expires <= ?", (self._clock(),))
                await db.commit()
            except BaseException:
                await db.close()
                raise
        except (sqlite3.Error, OSError) as exc:
            log.warning("hub cache %s unusable (%s); keeping reads in memory", self.path, exc)
            self._fallback = MemoryCache(self._clock)
            return None
        self._db = db
        return db

    async def get(self, key: str) -> str | None:
        db = await self._conn()
        if db is None:
            return await self._fallback.get(key)  # type: ignore[union-attr]
        try:
            row = await (
                await db.execute(
                    "SELECT value FROM hub_cache WHERE key = ? AND expires > ?",
                    (key, self._clock()),
                )
            ).fetchone()
        except sqlite3.Error as exc:
            log.warning("hub cache read failed: %s", exc)
            return None
        return row[0] if row else None

    async def put(self, key: str, value: str, ttl: float) -> None:
        db = await self._conn()
        if db is None:
            await self._fallback.put(key, value, ttl)  # type: ignore[union-attr]
            return
        try:
            await db.execute(
                "INSERT OR REPLACE INTO hub_cache (key, value, expires) VALUES (?, ?, ?)",
                (key, value, self._clock() + ttl),
            )
            await db.commit()
        except sqlite3.Error as exc:
            log.warning("hub cache write failed: %s", exc)

    async def close(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                await self._db.close()
            self._db = None
