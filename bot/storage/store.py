"""The bot's state behind one async interface, on SQLite (default) or PostgreSQL.

- Server settings: small (one row per server that changed one), read on every message, so they
  are kept in memory and `get()` never waits; writes go to the database first and reach the
  memory copy only once committed. On PostgreSQL several processes share the table: each write
  sends a NOTIFY in its transaction and every process reloads that server's row, so a process
  never answers with a setting another one changed (a process that loses that connection reloads
  everything when it gets it back).
- Saved rigs (per user) and the Hugging Face cache are read from the database when asked: a rig
  written by one process is read by any other.

A database that cannot be opened does not stop the bot: it runs on default settings, refuses
writes with a sentence that says so, and `canirun-bot health` fails (see errors.Problem). A write
that fails raises NotSaved and changes nothing in memory.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import logging
import secrets
import sqlite3
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from . import migrate, schema
from .errors import NotSaved, Problem, StorageError, classify, operator_words
from .target import Target, sqlite_target

log = logging.getLogger(__name__)

T = TypeVar("T")

# what a database call can raise besides bugs
DB_ERRORS: tuple[type[BaseException], ...] = (
    SQLAlchemyError,
    sqlite3.Error,
    OSError,
    TimeoutError,
)
with contextlib.suppress(ImportError):
    import asyncpg

    DB_ERRORS = (*DB_ERRORS, asyncpg.PostgresError, asyncpg.InterfaceError)

NOTIFY_CHANNEL = "canirun_settings"
# an operator's command (migrate-settings) waits longer than an interaction can
OPERATOR_TIMEOUT = 600.0
# closing waits this long for database work under way (then drops the pool regardless)
CLOSE_GRACE = 5.0

# rigs: enough for a desk, a laptop and a few what-ifs; bounded so one user cannot fill the table
MAX_RIGS = 10
RIG_NAME_MAX = 32
RIG_SPEC_MAX = 4000


@dataclasses.dataclass(frozen=True)
class GuildSettings:
    guild_id: int
    chat_enabled: bool = True
    mode: str | None = None
    workload: str | None = None
    channels: frozenset[int] = frozenset()
    # chat replies only in these channels (and the listen channels); empty: everywhere
    reply_channels: frozenset[int] = frozenset()


@dataclasses.dataclass(frozen=True)
class Rig:
    user_id: int
    name: str
    spec: Mapping[str, Any]
    is_default: bool
    updated_at: float


class RigError(ValueError):
    """A rig that cannot be saved as given; str() is for the user."""


def rig_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _rig_name(name: str) -> str:
    clean = " ".join(name.split())
    if not clean:
        raise RigError("A rig needs a name.")
    if len(clean) > RIG_NAME_MAX:
        raise RigError(f"Rig names are at most {RIG_NAME_MAX} characters.")
    if not clean.isprintable():
        raise RigError("Rig names are plain text.")
    return clean


class Storage:
    def __init__(
        self,
        target: Target | Path | str,
        *,
        write_timeout: float = 2.5,
        retry_interval: float = 5.0,
        notify: bool = True,
    ):
        self.target = target if isinstance(target, Target) else sqlite_target(target)
        # a write answers within Discord's 3-second deadline, saved or not
        self.write_timeout = write_timeout
        self.retry_interval = retry_interval
        self.notify = notify
        self.problem: Problem | None = None
        self._engine: AsyncEngine | None = None
        self._settings: dict[int, GuildSettings] = {}
        self._listener: _Listener | None = None
        self._retry: asyncio.Task | None = None
        # database work runs in tasks of its own: a caller that times out or is cancelled stops
        # waiting, but the work still returns its connection to the pool (a connection dropped
        # mid-transaction is only found by the garbage collector: SQLAlchemy issue 8145)
        self._inflight: set[asyncio.Task] = set()
        self._closed = False
        self.instance = secrets.token_hex(4)

    # ------------------------------------------------------------------ state

    @property
    def error(self) -> str | None:
        """What is wrong, for the bot's users (no paths, no URL); None when all is well."""
        return self.problem.message if self.problem else None

    @property
    def detail(self) -> str | None:
        """What is wrong, for the operator."""
        return self.problem.detail if self.problem else None

    @property
    def kind(self) -> str:
        return self.target.kind

    def _set_problem(self, kind: str, reason: str, detail: str) -> None:
        self.problem = Problem(kind, reason, detail)
        log.error("%s", detail)

    # ------------------------------------------------------------------ lifecycle

    async def open(self) -> None:
        """Open (creating if missing), migrate, load the settings and check that writes work.
        Never raises for a database problem: see `problem`."""
        self._closed = False
        try:
            await self._open()
        except migrate.Refused as exc:
            await self._discard_engine()
            what = "damaged" if exc.kind == "corrupt" else "from a newer canirun-bot"
            self._set_problem(
                exc.kind,
                f"the database is {what}",
                f"{self.target.describe()} is refused and left unchanged ({exc}); running on "
                "default settings and saving nothing. "
                + (
                    "Move the file aside (a new one is created) or restore a backup, then restart."
                    if exc.kind == "corrupt"
                    else "Upgrade canirun-bot, or restore a backup this version wrote."
                ),
            )
        except DB_ERRORS as exc:
            await self._discard_engine()
            kind, reason = classify(exc, sqlite=self.kind == "sqlite")
            kind = "unreachable" if kind == "unreachable" else "unusable"
            if kind == "unusable" and reason == "the file is damaged":
                kind = "corrupt"
            self._set_problem(
                kind,
                reason,
                f"{self.target.describe()} is unusable ({operator_words(exc)}); running on "
                "default settings and saving nothing."
                + (" Retrying." if kind == "unreachable" else " Fix it, then restart."),
            )
            if kind == "unreachable" and self._retry is None:
                self._retry = asyncio.create_task(self._retry_open())
        else:
            self.problem = None
            await self._probe_on_open()

    async def _open(self) -> None:
        path = self.target.sqlite_path
        if path is not None:
            if str(path) != ":memory:":
                path.parent.mkdir(parents=True, exist_ok=True)
            # read-only checks first: a refused file is never written to
            await asyncio.to_thread(migrate.sqlite_preflight, path)
        engine = self._make_engine()
        self._engine = engine
        async with engine.begin() as conn:
            await migrate.upgrade(conn)
        if self.kind == "postgresql" and self.notify:
            # listen before loading: a change between the two is then reloaded, never missed
            self._listener = _Listener(self)
            await self._listener.start()
        await self.reload()

    def _make_engine(self) -> AsyncEngine:
        if self.kind == "sqlite":
            engine = create_async_engine(
                self.target.url,
                # one connection: the process is SQLite's only writer, and it never waits on itself
                pool_size=1,
                max_overflow=0,
                connect_args={"timeout": 5},  # seconds SQLite waits on another process's lock
                hide_parameters=True,
            )
            event.listen(engine.sync_engine, "connect", _sqlite_connect)
            event.listen(engine.sync_engine, "begin", _sqlite_begin)
            return engine
        return create_async_engine(
            self.target.url,
            pool_size=5,
            max_overflow=5,
            pool_pre_ping=True,  # a server restart costs one reconnect, not an error
            pool_recycle=1800,
            pool_timeout=5,
            connect_args={
                "timeout": 5,
                "command_timeout": 10,
                "server_settings": {"application_name": "canirun-bot"},
            },
            hide_parameters=True,
        )

    async def _probe_on_open(self) -> None:
        # check_writable records a problem; reads go on either way
        with contextlib.suppress(NotSaved):
            await self.check_writable()

    async def _retry_open(self) -> None:
        delay = self.retry_interval
        try:
            while not self._closed and self.problem and self.problem.kind == "unreachable":
                await asyncio.sleep(delay)
                delay = min(delay * 2, 60.0)
                await self.open()
            if self.problem is None:
                log.info("%s is reachable again", self.target.describe())
        finally:
            self._retry = None

    async def close(self) -> None:
        self._closed = True
        await _cancel(self._retry)
        self._retry = None
        if self._inflight:
            # let work under way finish and give its connection back before the pool goes
            await asyncio.wait(set(self._inflight), timeout=CLOSE_GRACE)
        await self._discard_engine()

    async def _guarded(self, work: Callable[[], Awaitable[T]], timeout: float) -> T:
        """Run `work` to its end in a task of its own; wait for it at most `timeout` seconds."""
        task = asyncio.ensure_future(work())
        self._inflight.add(task)
        task.add_done_callback(_finished)
        task.add_done_callback(self._inflight.discard)
        async with asyncio.timeout(timeout):
            return await asyncio.shield(task)

    async def _discard_engine(self) -> None:
        if self._listener is not None:
            await self._listener.close()
            self._listener = None
        if self._engine is not None:
            with contextlib.suppress(*DB_ERRORS):
                await self._engine.dispose()
            self._engine = None

    async def revision(self) -> str | None:
        """The schema revision in the database (None when it cannot be read)."""
        if self._engine is None:
            return None
        async with self._engine.connect() as conn:
            return await migrate.current_revision(conn)

    async def check_writable(self) -> None:
        """Commit a write (the health probe row); raises NotSaved and records the problem if the
        database does not take it, clears a read-only problem if it does."""
        now = time.time()

        async def probe(conn: AsyncConnection) -> None:
            stmt = _insert(conn, schema.health_probe).values(id=1, checked_at=now)
            await conn.execute(
                stmt.on_conflict_do_update(index_elements=["id"], set_={"checked_at": now})
            )

        await self._write(probe)

    # ------------------------------------------------------------------ writing

    async def _write(
        self, work: Callable[[AsyncConnection], Awaitable[T]], timeout: float | None = None
    ) -> T:
        engine = self._engine
        if engine is None:
            raise NotSaved(f"Not saved. {self.error or 'The database is not open.'}")

        async def transaction() -> T:
            async with engine.begin() as conn:
                return await work(conn)

        try:
            result = await self._guarded(transaction, timeout or self.write_timeout)
        except DB_ERRORS as exc:
            kind, reason = classify(exc, sqlite=self.kind == "sqlite")
            words = operator_words(exc)
            if kind == "readonly":
                self._set_problem(
                    kind,
                    reason,
                    f"{self.target.describe()} does not take writes ({words}); settings are "
                    "read but changes are not saved. Make it writable (file and folder "
                    "permissions, disk space, a read-only mount or database role).",
                )
            else:
                log.error("a write to %s failed: %s", self.target.describe(), words)
            raise NotSaved(
                f"Not saved: {reason}. Try again in a moment; if it keeps failing, tell the "
                "bot's operator (`canirun-bot health` shows them why)."
            ) from None
        if self.problem is not None and self.problem.kind == "readonly":
            log.info("%s takes writes again", self.target.describe())
            self.problem = None
        return result

    async def _read(self, work: Callable[[AsyncConnection], Awaitable[T]]) -> T:
        engine = self._engine
        if engine is None:
            raise StorageError(self.error or "The database is not open.")

        async def reading() -> T:
            async with engine.connect() as conn:
                return await work(conn)

        try:
            return await self._guarded(reading, self.write_timeout)
        except DB_ERRORS as exc:
            _, reason = classify(exc, sqlite=self.kind == "sqlite")
            log.error("a read from %s failed: %s", self.target.describe(), operator_words(exc))
            raise StorageError(
                f"Saved data can't be read right now ({reason}). Try again in a moment."
            ) from None

    async def _notify(self, conn: AsyncConnection, guild_id: int) -> None:
        if conn.dialect.name == "postgresql":
            # delivered at commit, to every process (this one too: see _Listener)
            await conn.execute(
                sa.select(sa.func.pg_notify(NOTIFY_CHANNEL, str(guild_id))),
            )

    # ------------------------------------------------------------------ server settings

    def get(self, guild_id: int | None) -> GuildSettings:
        """A server's settings, from memory (defaults for a server with none)."""
        if guild_id is None:
            return GuildSettings(0)
        return self._settings.get(guild_id) or GuildSettings(guild_id)

    async def reload(self, guild_ids: Iterable[int] | None = None) -> None:
        """Read settings from the database: all of them, or these servers'."""
        wanted = None if guild_ids is None else set(guild_ids)
        engine = self._engine
        assert engine is not None
        async with engine.connect() as conn:
            found = await _read_settings(conn, wanted)
        if wanted is None:
            self._settings = found
            return
        for gid in wanted:
            self._remember(gid, found.get(gid))

    def _remember(self, guild_id: int, settings: GuildSettings | None) -> None:
        if settings is None:
            self._settings.pop(guild_id, None)
        else:
            self._settings[guild_id] = settings

    async def _set_columns(self, guild_id: int, **values: Any) -> GuildSettings:
        async def work(conn: AsyncConnection) -> GuildSettings | None:
            stmt = _insert(conn, schema.guild_settings).values(guild_id=guild_id, **values)
            # only the columns asked for: a concurrent change to another column survives
            await conn.execute(stmt.on_conflict_do_update(index_elements=["guild_id"], set_=values))
            await self._notify(conn, guild_id)
            return (await _read_settings(conn, {guild_id})).get(guild_id)

        fresh = await self._write(work)
        self._remember(guild_id, fresh)
        return self.get(guild_id)

    async def set_chat(self, guild_id: int, enabled: bool) -> GuildSettings:
        return await self._set_columns(guild_id, chat_enabled=enabled)

    async def set_mode(self, guild_id: int, mode: str | None) -> GuildSettings:
        return await self._set_columns(guild_id, default_mode=mode)

    async def set_workload(self, guild_id: int, workload: str | None) -> GuildSettings:
        return await self._set_columns(guild_id, default_workload=workload)

    async def set_channel(self, guild_id: int, channel_id: int, listen: bool) -> GuildSettings:
        """Answer (or stop answering) unaddressed questions in a channel."""
        return await self._set_member(schema.listen_channels, guild_id, channel_id, listen)

    async def set_reply_channel(self, guild_id: int, channel_id: int, allow: bool) -> GuildSettings:
        """Allow (or stop allowing) chat replies in a channel; with none allowed, everywhere."""
        return await self._set_member(schema.reply_channels, guild_id, channel_id, allow)

    async def _set_member(
        self, table: sa.Table, guild_id: int, channel_id: int, member: bool
    ) -> GuildSettings:
        """Add a channel to (or remove it from) one of a server's channel sets."""

        async def work(conn: AsyncConnection) -> GuildSettings | None:
            if member:
                stmt = _insert(conn, table).values(guild_id=guild_id, channel_id=channel_id)
                await conn.execute(stmt.on_conflict_do_nothing())
            else:
                await conn.execute(
                    sa.delete(table).where(
                        table.c.guild_id == guild_id, table.c.channel_id == channel_id
                    )
                )
            await self._notify(conn, guild_id)
            return (await _read_settings(conn, {guild_id})).get(guild_id)

        self._remember(guild_id, await self._write(work))
        return self.get(guild_id)

    async def forget_guild(self, guild_id: int) -> None:
        """Drop a server's settings (the bot was removed from it)."""

        async def work(conn: AsyncConnection) -> None:
            for table in GUILD_TABLES:
                await conn.execute(sa.delete(table).where(table.c.guild_id == guild_id))
            await self._notify(conn, guild_id)

        await self._write(work)
        self._settings.pop(guild_id, None)

    async def import_rows(
        self, settings: Iterable[GuildSettings], rigs: Iterable[Rig] = ()
    ) -> tuple[int, int]:
        """Write these servers' settings and these rigs as given, replacing the same servers' and
        rigs' rows, all in one transaction (for `canirun-bot migrate-settings`)."""
        guilds, saved = list(settings), list(rigs)
        gs, r = schema.guild_settings, schema.rigs
        channel_sets = (
            (schema.listen_channels, "channels"),
            (schema.reply_channels, "reply_channels"),
        )

        async def work(conn: AsyncConnection) -> None:
            for s in guilds:
                values = {
                    "chat_enabled": s.chat_enabled,
                    "default_mode": s.mode,
                    "default_workload": s.workload,
                }
                stmt = _insert(conn, gs).values(guild_id=s.guild_id, **values)
                await conn.execute(
                    stmt.on_conflict_do_update(index_elements=["guild_id"], set_=values)
                )
                for table, field in channel_sets:
                    await conn.execute(sa.delete(table).where(table.c.guild_id == s.guild_id))
                    if ids := getattr(s, field):
                        await conn.execute(
                            sa.insert(table),
                            [{"guild_id": s.guild_id, "channel_id": c} for c in sorted(ids)],
                        )
                await self._notify(conn, s.guild_id)
            # one default per user: an imported default replaces the one already there
            for user_id in sorted({rig.user_id for rig in saved if rig.is_default}):
                await conn.execute(
                    sa.update(r).where(r.c.user_id == user_id).values(is_default=False)
                )
            for rig in saved:
                values = {
                    "name": rig.name,
                    "spec": json.dumps(dict(rig.spec), sort_keys=True, separators=(",", ":")),
                    "is_default": rig.is_default,
                    "updated_at": rig.updated_at,
                }
                stmt = _insert(conn, r).values(
                    user_id=rig.user_id, name_key=rig_key(rig.name), **values
                )
                await conn.execute(
                    stmt.on_conflict_do_update(index_elements=["user_id", "name_key"], set_=values)
                )

        await self._write(work, timeout=OPERATOR_TIMEOUT)
        await self.reload(s.guild_id for s in guilds)
        return len(guilds), len(saved)

    # ------------------------------------------------------------------ rigs

    @staticmethod
    def _rig(row: Any) -> Rig:
        return Rig(
            row.user_id, row.name, json.loads(row.spec), bool(row.is_default), row.updated_at
        )

    async def rigs(self, user_id: int) -> list[Rig]:
        """A user's rigs, the default first, then by name."""
        r = schema.rigs

        async def read(conn: AsyncConnection) -> list[Rig]:
            q = (
                sa.select(r)
                .where(r.c.user_id == user_id)
                .order_by(r.c.is_default.desc(), r.c.name_key)
            )
            return [self._rig(row) for row in await conn.execute(q)]

        return await self._read(read)

    async def rig(self, user_id: int, name: str | None = None) -> Rig | None:
        """A rig by name, or (no name) the user's default rig."""
        r = schema.rigs

        async def read(conn: AsyncConnection) -> Rig | None:
            q = sa.select(r).where(r.c.user_id == user_id)
            if name is None:
                q = q.order_by(r.c.is_default.desc(), r.c.updated_at.desc()).limit(1)
            else:
                q = q.where(r.c.name_key == rig_key(name))
            row = (await conn.execute(q)).first()
            return self._rig(row) if row else None

        return await self._read(read)

    async def save_rig(
        self,
        user_id: int,
        name: str,
        spec: Mapping[str, Any],
        *,
        default: bool | None = None,
    ) -> Rig:
        """Create or replace a named rig. The first rig is the default; `default=True` makes this
        one the default. RigError for a bad name, too many rigs or too large a spec."""
        clean = _rig_name(name)
        key = rig_key(clean)
        text = json.dumps(dict(spec), sort_keys=True, separators=(",", ":"), allow_nan=False)
        if len(text) > RIG_SPEC_MAX:
            raise RigError("That rig is too large to save.")
        r = schema.rigs
        now = time.time()

        async def work(conn: AsyncConnection) -> Rig:
            rows = (
                await conn.execute(
                    sa.select(r.c.name_key, r.c.is_default).where(r.c.user_id == user_id)
                )
            ).all()
            existing = {k: bool(d) for k, d in rows}
            if key not in existing and len(existing) >= MAX_RIGS:
                raise RigError(f"You can save up to {MAX_RIGS} rigs; clear one first.")
            has_default = any(existing.values())
            make_default = (
                default if default is not None else (existing.get(key, False) or not has_default)
            )
            if make_default and has_default:
                await conn.execute(
                    sa.update(r)
                    .where(r.c.user_id == user_id, r.c.name_key != key)
                    .values(is_default=False)
                )
            values = {"name": clean, "spec": text, "is_default": make_default, "updated_at": now}
            stmt = _insert(conn, r).values(user_id=user_id, name_key=key, **values)
            await conn.execute(
                stmt.on_conflict_do_update(index_elements=["user_id", "name_key"], set_=values)
            )
            return Rig(user_id, clean, json.loads(text), make_default, now)

        return await self._write(work)

    async def set_default_rig(self, user_id: int, name: str) -> Rig | None:
        """Make a rig the default; None when the user has no rig by that name."""
        r = schema.rigs
        key = rig_key(name)

        async def work(conn: AsyncConnection) -> Rig | None:
            row = (
                await conn.execute(sa.select(r).where(r.c.user_id == user_id, r.c.name_key == key))
            ).first()
            if row is None:
                return None
            await conn.execute(
                sa.update(r)
                .where(r.c.user_id == user_id, r.c.name_key != key)
                .values(is_default=False)
            )
            await conn.execute(
                sa.update(r)
                .where(r.c.user_id == user_id, r.c.name_key == key)
                .values(is_default=True)
            )
            return dataclasses.replace(self._rig(row), is_default=True)

        return await self._write(work)

    async def delete_rig(self, user_id: int, name: str) -> bool:
        """Delete one rig; if it was the default, the most recently saved other rig becomes it."""
        r = schema.rigs
        key = rig_key(name)

        async def work(conn: AsyncConnection) -> bool:
            gone = await conn.execute(
                sa.delete(r)
                .where(r.c.user_id == user_id, r.c.name_key == key)
                .returning(r.c.is_default)
            )
            row = gone.first()
            if row is None:
                return False
            if row.is_default:
                successor = (
                    await conn.execute(
                        sa.select(r.c.name_key)
                        .where(r.c.user_id == user_id)
                        .order_by(r.c.updated_at.desc())
                        .limit(1)
                    )
                ).scalar()
                if successor is not None:
                    await conn.execute(
                        sa.update(r)
                        .where(r.c.user_id == user_id, r.c.name_key == successor)
                        .values(is_default=True)
                    )
            return True

        return await self._write(work)

    async def forget_user(self, user_id: int) -> int:
        """Delete everything stored about a user (`/rig clear all`); the number of rows removed.
        Any new per-user table must be cleared here too (tests/test_storage.py checks)."""

        async def work(conn: AsyncConnection) -> int:
            removed = 0
            for table in USER_TABLES:
                result = await conn.execute(sa.delete(table).where(table.c.user_id == user_id))
                removed += result.rowcount or 0
            return removed

        return await self._write(work)

    # ------------------------------------------------------------------ Hugging Face cache

    def hub_cache(self, clock: Callable[[], float] = time.time) -> HubCache:
        """The cache interface fitengine/hub uses (get / put / close), on this database."""
        return HubCache(self, clock)

    async def cache_get(self, key: str, now: float) -> str | None:
        c = schema.hub_cache

        async def read(conn: AsyncConnection) -> str | None:
            q = sa.select(c.c.value).where(c.c.key == key, c.c.expires > now)
            return (await conn.execute(q)).scalar()

        return await self._read(read)

    async def cache_put(self, key: str, value: str, expires: float) -> None:
        c = schema.hub_cache

        async def work(conn: AsyncConnection) -> None:
            stmt = _insert(conn, c).values(key=key, value=value, expires=expires)
            await conn.execute(
                stmt.on_conflict_do_update(
                    index_elements=["key"], set_={"value": value, "expires": expires}
                )
            )

        await self._write(work)

    async def purge_cache(self, now: float | None = None) -> int:
        """Delete expired cache entries; how many."""
        c = schema.hub_cache
        cutoff = time.time() if now is None else now

        async def work(conn: AsyncConnection) -> int:
            result = await conn.execute(sa.delete(c).where(c.c.expires <= cutoff))
            return result.rowcount or 0

        return await self._write(work)


# tables keyed by user: forget_user clears each
USER_TABLES = (schema.rigs,)
# every table keyed by server: forget_guild deletes a server's rows in all of them
GUILD_TABLES = (schema.guild_settings, schema.listen_channels, schema.reply_channels)


class HubCache:
    """fitengine/hub's Cache protocol (get, put, close) on the bot's database. A cache is an
    optimisation: a database failure is logged (by Storage) and reads as a miss."""

    def __init__(self, storage: Storage, clock: Callable[[], float] = time.time):
        self._storage = storage
        self._clock = clock

    async def get(self, key: str) -> str | None:
        try:
            return await self._storage.cache_get(key, self._clock())
        except StorageError:
            return None

    async def put(self, key: str, value: str, ttl: float) -> None:
        if self._storage.problem is not None:
            return  # refused or read-only: the problem is reported once, not on every read
        with contextlib.suppress(StorageError):
            await self._storage.cache_put(key, value, self._clock() + ttl)

    async def close(self) -> None:
        return None  # the Storage owns the connection


class _Listener:
    """LISTEN on PostgreSQL for settings another process (or this one) committed, on a
    connection of its own (asyncpg, outside the pool: it stays open and idle)."""

    def __init__(self, storage: Storage):
        self.storage = storage
        self._conn: Any = None
        self._queue: asyncio.Queue[int] = asyncio.Queue()
        self._worker: asyncio.Task | None = None
        self._reconnect: asyncio.Task | None = None
        self._closing = False
        self.reloads = 0  # settings reloads done because of a notification (tests wait on it)

    async def start(self) -> None:
        await self._connect()
        self._worker = asyncio.create_task(self._work())

    async def _connect(self) -> None:
        import asyncpg

        engine = self.storage._engine
        assert engine is not None
        _, params = engine.dialect.create_connect_args(engine.url)
        conn = await asyncpg.connect(**params, timeout=5)
        try:
            await conn.add_listener(NOTIFY_CHANNEL, self._notified)
            conn.add_termination_listener(self._terminated)
        except BaseException:
            conn.terminate()
            raise
        self._conn = conn

    @property
    def server_pid(self) -> int | None:
        return self._conn.get_server_pid() if self._conn is not None else None

    def _notified(self, conn: Any, pid: int, channel: str, payload: str) -> None:
        with contextlib.suppress(ValueError):
            self._queue.put_nowait(int(payload))

    def _terminated(self, conn: Any) -> None:
        if self._closing or self._reconnect is not None:
            return
        log.warning("lost the settings notification connection; reconnecting")
        self._conn = None
        self._reconnect = asyncio.get_running_loop().create_task(self._reconnect_loop())

    async def _reconnect_loop(self) -> None:
        delay = 0.5
        try:
            while not self._closing:
                try:
                    await self._connect()
                    await self.storage.reload()  # whatever was missed meanwhile
                    log.info("settings notifications are back")
                    return
                except DB_ERRORS as exc:
                    _reraise_cancellation()
                    log.warning("settings notifications: %s; retrying", operator_words(exc))
                    await asyncio.sleep(delay)
                    delay = min(delay * 2, 30.0)
        finally:
            self._reconnect = None

    async def _work(self) -> None:
        while True:
            first = await self._queue.get()
            batch = {first}
            while not self._queue.empty():
                batch.add(self._queue.get_nowait())
            try:
                await self.storage.reload(batch)
                self.reloads += 1
            except DB_ERRORS as exc:
                _reraise_cancellation()
                log.warning("could not reload settings %s: %s", sorted(batch), operator_words(exc))

    async def close(self) -> None:
        self._closing = True
        await _cancel(self._worker, self._reconnect)
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                await asyncio.wait_for(conn.close(), 2)
            except (TimeoutError, *DB_ERRORS):
                conn.terminate()  # a server that went away does not answer the goodbye


def _reraise_cancellation() -> None:
    """A driver may turn the CancelledError of a connect into a connection error; a task that is
    being cancelled must stop all the same."""
    task = asyncio.current_task()
    if task is not None and task.cancelling():
        raise asyncio.CancelledError


def _finished(task: asyncio.Task) -> None:
    # a caller that stopped waiting already answered "not saved"; the outcome is read here so
    # asyncio does not log it as never retrieved
    if not task.cancelled():
        task.exception()


async def _cancel(*tasks: asyncio.Task | None) -> None:
    """Cancel background tasks and give them a moment to finish (never wait forever on one)."""
    pending = {t for t in tasks if t is not None and not t.done()}
    for task in pending:
        task.cancel()
    if pending:
        await asyncio.wait(pending, timeout=5)


async def _read_settings(
    conn: AsyncConnection, wanted: set[int] | None
) -> dict[int, GuildSettings]:
    """Settings rows (all, or these servers') joined with their listen and reply channels; a
    server with channels and no settings row has the defaults besides them."""
    gs = schema.guild_settings
    rows_q = sa.select(gs)
    if wanted is not None:
        rows_q = rows_q.where(gs.c.guild_id.in_(wanted))

    async def channel_set(table: sa.Table) -> dict[int, frozenset[int]]:
        query = sa.select(table.c.guild_id, table.c.channel_id)
        if wanted is not None:
            query = query.where(table.c.guild_id.in_(wanted))
        found: dict[int, set[int]] = {}
        for gid, cid in await conn.execute(query):
            found.setdefault(gid, set()).add(cid)
        return {gid: frozenset(ids) for gid, ids in found.items()}

    listen = await channel_set(schema.listen_channels)
    replies = await channel_set(schema.reply_channels)
    found: dict[int, GuildSettings] = {
        gid: GuildSettings(
            gid, channels=listen.get(gid, frozenset()), reply_channels=replies.get(gid, frozenset())
        )
        for gid in listen.keys() | replies.keys()
    }
    for row in await conn.execute(rows_q):
        found[row.guild_id] = dataclasses.replace(
            found.get(row.guild_id) or GuildSettings(row.guild_id),
            chat_enabled=bool(row.chat_enabled),
            mode=row.default_mode,
            workload=row.default_workload,
        )
    return found


def _insert(conn: AsyncConnection, table: sa.Table) -> Any:
    """INSERT with the dialect's ON CONFLICT (both speak it; SQLAlchemy keeps them apart)."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table)


def _sqlite_connect(dbapi_connection: Any, record: Any) -> None:
    # let SQLAlchemy say BEGIN itself (below), so migrations are one transaction, DDL included
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        # readers never wait on the writer; a file that cannot be written keeps its journal mode
        # (the write probe after opening reports it)
        with contextlib.suppress(sqlite3.Error):
            cursor.execute("PRAGMA journal_mode=WAL")
    finally:
        cursor.close()


def _sqlite_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN")
