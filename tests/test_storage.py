"""The storage layer on both backends: every test taking `backend` runs on an SQLite file and on
a real PostgreSQL database (started by the `postgres_server` fixture)."""

from __future__ import annotations

import asyncio
import gc
import hashlib
import inspect
import sqlite3
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from pgserver import PostgresServer, free_port
from sqlalchemy.ext.asyncio import create_async_engine

from bot.storage import (
    BadDatabaseURL,
    NotSaved,
    RigError,
    Storage,
    StorageError,
    Target,
    parse_database_url,
    schema,
    sqlite_target,
)
from bot.storage.migrate import head
from bot.storage.store import GUILD_TABLES, MAX_RIGS, USER_TABLES

# --------------------------------------------------------------------------- helpers


async def opened(target: Target | Path, **options) -> Storage:
    store = Storage(target, **options)
    await store.open()
    return store


async def execute(target: Target, *statements: str) -> list:
    """Run SQL beside the store (as an operator or another program would); the last result."""
    engine = create_async_engine(target.url)
    rows: list = []
    try:
        async with engine.begin() as conn:
            for statement in statements:
                result = await conn.exec_driver_sql(statement)
                rows = list(result.fetchall()) if result.returns_rows else []
    finally:
        await engine.dispose()
    return rows


async def tables(target: Target) -> set[str]:
    engine = create_async_engine(target.url)
    try:
        async with engine.connect() as conn:
            return set(await conn.run_sync(lambda c: sa.inspect(c).get_table_names()))
    finally:
        await engine.dispose()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


async def wait_for(predicate, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        await asyncio.sleep(0.02)


WRITTEN_TABLES = ("guild_settings", "listen_channels", "reply_channels", "rigs")


def break_writes(target: Target) -> list[str]:
    """SQL that makes every write to the settings and rigs tables fail, as a full disk would."""
    if target.kind == "sqlite":
        return [
            f"CREATE TRIGGER fail_{table}_{op} BEFORE {op} ON {table} "
            "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
            for table in WRITTEN_TABLES
            for op in ("INSERT", "UPDATE", "DELETE")
        ]
    return [
        "CREATE FUNCTION fail() RETURNS trigger AS $$ BEGIN "
        "RAISE EXCEPTION 'could not extend file' USING ERRCODE = '53100'; END $$ LANGUAGE plpgsql",
        *(
            f"CREATE TRIGGER fail_{table} BEFORE INSERT OR UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION fail()"
            for table in WRITTEN_TABLES
        ),
    ]


# --------------------------------------------------------------------------- opening, migrating


async def test_opens_migrates_and_keeps_settings(backend):
    store = await opened(backend)
    assert store.problem is None and store.error is None
    assert await store.revision() == head()
    await store.set_chat(1, False)
    await store.set_mode(1, "interactive")
    await store.set_workload(1, "coding")
    await store.set_channel(1, 10, True)
    await store.set_channel(1, 11, True)
    await store.set_channel(1, 11, False)
    await store.set_channel(2, 20, True)  # channels only: the other columns keep defaults
    await store.close()

    again = await opened(backend)
    one, two, three = again.get(1), again.get(2), again.get(3)
    assert (one.chat_enabled, one.mode, one.workload, one.channels) == (
        False,
        "interactive",
        "coding",
        frozenset({10}),
    )
    assert two.chat_enabled and two.channels == frozenset({20}) and two.mode is None
    assert three.chat_enabled and not three.channels  # unknown server: defaults
    await again.set_workload(1, None)  # back to the engine's default
    assert again.get(1).workload is None and again.get(1).mode == "interactive"
    await again.forget_guild(1)
    assert again.get(1) == again.get(3).__class__(1)
    await again.close()
    assert await execute(backend, "SELECT COUNT(*) FROM guild_settings WHERE guild_id = 1") == [
        (0,)
    ]


async def test_the_reply_allow_list_is_kept_per_server(backend):
    store = await opened(backend)
    assert store.get(1).reply_channels == frozenset()  # none listed: replies everywhere
    await store.set_workload(1, "coding")
    await store.set_reply_channel(1, 10, True)
    await store.set_reply_channel(1, 11, True)
    await store.set_reply_channel(1, 11, True)  # twice: once
    await store.set_channel(1, 12, True)
    fresh = await store.set_reply_channel(1, 10, False)
    assert fresh.reply_channels == frozenset({11}) and fresh.channels == frozenset({12})
    await store.set_reply_channel(2, 20, True)  # a server with nothing else set
    await store.close()

    again = await opened(backend)
    one, two = again.get(1), again.get(2)
    assert (one.workload, one.channels, one.reply_channels) == (
        "coding",
        frozenset({12}),
        frozenset({11}),
    )
    assert two.reply_channels == frozenset({20}) and two.chat_enabled and not two.channels
    await again.forget_guild(1)  # the bot left the server: its allow list goes too
    assert again.get(1).reply_channels == frozenset()
    await again.close()
    assert await execute(backend, "SELECT guild_id, channel_id FROM reply_channels") == [(2, 20)]


def test_forget_guild_clears_every_table_keyed_by_server():
    keyed = {t for t in schema.metadata.tables.values() if "guild_id" in t.c}
    assert keyed == set(GUILD_TABLES)


async def test_reopening_migrates_nothing(backend):
    for _ in range(3):
        store = await opened(backend)
        assert store.problem is None
        await store.close()
    assert await execute(backend, "SELECT version_num FROM alembic_version") == [(head(),)]


async def test_the_migrations_build_exactly_the_tables_in_code(backend):
    """schema.py (what the code queries) and migrations/ (what databases get) agree."""
    store = await opened(backend)
    await store.close()
    engine = create_async_engine(backend.url)
    try:
        async with engine.connect() as conn:
            diff = await conn.run_sync(
                lambda c: compare_metadata(MigrationContext.configure(c), schema.metadata)
            )
    finally:
        await engine.dispose()
    assert diff == []


async def test_postgres_processes_starting_together_migrate_once(pg_url):
    target = parse_database_url(pg_url)
    stores = [Storage(target) for _ in range(4)]
    await asyncio.gather(*(s.open() for s in stores))
    assert all(s.problem is None for s in stores)
    await asyncio.gather(*(s.close() for s in stores))
    assert await execute(target, "SELECT version_num FROM alembic_version") == [(head(),)]


LEGACY_V1 = """
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
CREATE TABLE schema_version (version INTEGER NOT NULL);
INSERT INTO schema_version VALUES (1);
INSERT INTO guild_settings VALUES (5, 0, 'interactive', 'coding');
INSERT INTO listen_channels VALUES (5, 50), (6, 60);
"""


def legacy_file(path: Path, version: int = 1) -> Path:
    """A file as the hand-written migrations before Alembic left it (in rollback-journal mode,
    as a file that was never opened by the bot would be)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as db:
        db.executescript(LEGACY_V1.replace("VALUES (1);", f"VALUES ({version});"))
    db.close()
    return path


async def test_a_file_from_before_alembic_is_adopted_with_its_settings(tmp_path):
    path = legacy_file(tmp_path / "old.sqlite3")
    store = await opened(path)
    assert store.problem is None
    assert await store.revision() == head()
    five = store.get(5)
    assert (five.chat_enabled, five.mode, five.workload, five.channels) == (
        False,
        "interactive",
        "coding",
        frozenset({50}),
    )
    assert store.get(6).channels == frozenset({60})
    await store.close()
    assert "schema_version" not in await tables(sqlite_target(path))


LEGACY_V2 = """
CREATE TABLE reply_channels (
    guild_id INTEGER NOT NULL,
    channel_id INTEGER NOT NULL,
    PRIMARY KEY (guild_id, channel_id)
);
INSERT INTO reply_channels VALUES (5, 51), (7, 70);
"""


async def test_a_file_from_the_hand_written_schema_2_keeps_its_reply_channels(tmp_path):
    """Schema 2 (reply_channels) came with the allow list just before the move to Alembic."""
    path = legacy_file(tmp_path / "v2.sqlite3", version=2)
    with sqlite3.connect(path) as db:
        db.executescript(LEGACY_V2)
    db.close()
    store = await opened(path)
    assert store.problem is None and await store.revision() == head()
    assert store.get(5).reply_channels == frozenset({51}) and store.get(5).workload == "coding"
    assert store.get(7).reply_channels == frozenset({70})
    await store.close()


# --------------------------------------------------------------------------- refused databases


def journal_mode_bytes(path: Path) -> bytes:
    """SQLite header bytes 18-19: 1,1 rollback journal; 2,2 WAL."""
    return path.read_bytes()[18:20]


async def test_a_file_that_is_not_a_database_is_refused_and_left_unchanged(tmp_path):
    path = tmp_path / "secret-host-dir" / "s.sqlite3"
    path.parent.mkdir()
    path.write_bytes(b"this is not a database" * 100)
    before = digest(path)
    store = await opened(path)  # no exception: the bot keeps running
    assert store.problem is not None and store.problem.kind == "corrupt"
    assert "damaged" in store.error and "secret-host-dir" not in store.error
    assert str(path) in store.detail and "Move the file aside" in store.detail
    assert store.get(5).chat_enabled  # defaults
    with pytest.raises(NotSaved) as caught:
        await store.set_chat(5, False)
    assert str(caught.value).startswith("Not saved") and "secret-host-dir" not in str(caught.value)
    with pytest.raises(StorageError):
        await store.rigs(1)
    await store.close()
    assert digest(path) == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["s.sqlite3"]  # no -wal, no -journal


async def test_a_damaged_database_is_refused_never_switched_to_wal(tmp_path):
    path = legacy_file(tmp_path / "s.sqlite3")
    with sqlite3.connect(path) as db:
        db.executemany(
            "INSERT INTO guild_settings VALUES (?, 1, NULL, ?)",
            [(i, "x" * 200) for i in range(100, 400)],
        )
    db.close()
    with sqlite3.connect(path) as db:
        root = db.execute("SELECT rootpage FROM sqlite_master WHERE name='guild_settings'")
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        first_leaf = root.fetchone()[0] + 1
    db.close()
    data = bytearray(path.read_bytes())
    start = (first_leaf - 1) * page_size
    data[start : start + 12] = b"\xff" * 12  # a b-tree page header no SQLite wrote
    path.write_bytes(bytes(data))
    before = digest(path)
    assert journal_mode_bytes(path) == b"\x01\x01"
    store = await opened(path)
    assert store.problem is not None and store.problem.kind == "corrupt", store.detail
    await store.close()
    assert digest(path) == before
    assert journal_mode_bytes(path) == b"\x01\x01"  # never switched to WAL


async def test_a_file_from_a_newer_bot_is_refused_and_left_unchanged(tmp_path):
    path = legacy_file(tmp_path / "s.sqlite3", version=7)
    before = digest(path)
    store = await opened(path)
    assert store.problem is not None and store.problem.kind == "newer"
    assert "newer version" in store.error and "s.sqlite3" not in store.error
    assert "newer canirun-bot" in store.detail
    await store.close()
    assert digest(path) == before
    assert journal_mode_bytes(path) == b"\x01\x01"


async def test_a_schema_revision_from_a_newer_bot_is_refused_and_left_unchanged(backend):
    future = [
        "CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)",
        "INSERT INTO alembic_version VALUES ('9999_from_the_future')",
    ]
    if backend.kind == "sqlite":
        backend.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(backend.sqlite_path) as db:
            for statement in future:
                db.execute(statement)
        db.close()
        before = digest(backend.sqlite_path)
    else:
        await execute(backend, *future)
    store = await opened(backend)
    assert store.problem is not None and store.problem.kind == "newer"
    assert "9999_from_the_future" in store.detail
    await store.close()
    assert await tables(backend) == {"alembic_version"}  # nothing created
    assert await execute(backend, "SELECT version_num FROM alembic_version") == [
        ("9999_from_the_future",)
    ]
    if backend.kind == "sqlite":
        assert digest(backend.sqlite_path) == before


async def test_an_unusable_location_is_reported_without_the_path(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    store = await opened(blocker / "settings.sqlite3")  # a file where a directory should be
    assert store.problem is not None and store.problem.kind == "unusable"
    assert "can't be opened" in store.error and str(tmp_path) not in store.error
    assert str(blocker) in store.detail
    await store.close()


# --------------------------------------------------------------------------- writes that fail


def make_sqlite_read_only(path: Path) -> None:
    """Set the file's write version (header byte 18) above 2: SQLite then opens it read-only
    whoever the process runs as (file permissions do not bind root, and CI runs as root)."""
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA journal_mode=DELETE")
    db.close()
    data = bytearray(path.read_bytes())
    data[18] = 3
    path.write_bytes(bytes(data))


async def make_read_only(target: Target, request) -> None:
    if target.kind == "sqlite":
        make_sqlite_read_only(target.sqlite_path)
    else:
        server = request.getfixturevalue("postgres_server")
        server.psql(f"ALTER DATABASE {target.url.database} SET default_transaction_read_only = on")


async def test_a_database_that_cannot_be_written_is_read_and_says_so(backend, request):
    store = await opened(backend)
    await store.set_workload(3, "coding")
    await store.save_rig(9, "desk", {"gpus": [["rtx-3090", 1]]})
    await store.close()
    await make_read_only(backend, request)

    store = await opened(backend)
    assert store.problem is not None and store.problem.kind == "readonly", store.detail
    assert "can't be written" in store.error and "saved settings still apply" in store.error
    for secret in ("state", "bot.sqlite3", "127.0.0.1", str(backend.url.database)):
        assert secret not in store.error
    assert store.get(3).workload == "coding"  # what was saved is still used
    assert (await store.rig(9)).name == "desk"
    with pytest.raises(NotSaved) as caught:
        await store.set_workload(3, "chat")
    assert str(caught.value).startswith("Not saved")
    assert store.get(3).workload == "coding"
    with pytest.raises(NotSaved):
        await store.check_writable()
    await store.close()


async def test_a_failed_write_changes_nothing_and_says_not_saved(backend):
    store = await opened(backend)
    await store.set_chat(1, False)
    await store.save_rig(9, "desk", {"gpus": 1})
    await execute(backend, *break_writes(backend))

    for write in (
        store.set_chat(1, True),
        store.set_channel(1, 5, True),
        store.forget_guild(1),
        store.save_rig(9, "desk", {"gpus": 2}),
        store.forget_user(9),
    ):
        with pytest.raises(NotSaved) as caught:
            await write
        assert str(caught.value).startswith("Not saved:")
        assert str(backend.url.database) not in str(caught.value)
    assert not store.get(1).chat_enabled and not store.get(1).channels  # memory unchanged
    assert (await store.rig(9)).spec == {"gpus": 1}
    await store.close()

    again = await opened(backend)
    assert not again.get(1).chat_enabled
    await again.close()


async def test_a_write_that_outlives_its_deadline_still_returns_its_connection(tmp_path):
    store = await opened(tmp_path / "s.db", write_timeout=0.05)
    done = asyncio.Event()

    async def slow(conn):
        await conn.exec_driver_sql("UPDATE health_probe SET checked_at = 1")
        await asyncio.sleep(0.3)
        done.set()

    with pytest.raises(NotSaved):
        await store._write(slow)  # the caller is answered at its deadline
    await asyncio.wait_for(done.wait(), 5)  # while the work runs to its end
    await store.set_chat(1, False)  # and the pool's one connection is free again
    await store.close()


async def test_closing_during_a_write_waits_for_it_and_leaks_no_connection(tmp_path, recwarn):
    store = await opened(tmp_path / "s.db")

    async def slow(conn):
        await asyncio.sleep(0.2)
        await conn.exec_driver_sql("UPDATE health_probe SET checked_at = 2")

    writer = asyncio.create_task(store._write(slow))
    await asyncio.sleep(0.05)
    writer.cancel()  # an interaction's task cancelled as the bot shuts down
    await store.close()
    gc.collect()
    assert not [w for w in recwarn if issubclass(w.category, sa.exc.SAWarning)]
    assert (await execute(sqlite_target(tmp_path / "s.db"), "SELECT checked_at FROM health_probe"))[
        0
    ][0] == 2


async def test_a_postgres_server_that_goes_away_fails_writes_within_the_deadline(tmp_path):
    server = PostgresServer().start()
    try:
        store = await opened(parse_database_url(server.url()), write_timeout=2.5)
        assert store.problem is None
        await store.set_chat(1, False)
        server.stop()
        started = time.monotonic()
        with pytest.raises(NotSaved) as caught:
            await store.set_chat(1, True)
        assert time.monotonic() - started < 3.0  # still inside Discord's reply deadline
        assert "127.0.0.1" not in str(caught.value)
        assert not store.get(1).chat_enabled  # the last saved value still applies
        # closing does not wait on the server that went away (it used to hang when the
        # notification reload's cancellation was swallowed by the failing connect)
        await asyncio.wait_for(store.close(), 10)
    finally:
        server.stop()


async def test_postgres_down_at_start_runs_on_defaults_and_retries(tmp_path):
    port = free_port()
    url = f"postgresql://postgres:hunter2-secret@127.0.0.1:{port}/postgres"
    store = await opened(parse_database_url(url), retry_interval=0.2)
    assert store.problem is not None and store.problem.kind == "unreachable"
    assert "hunter2" not in store.error and "hunter2" not in store.detail
    assert str(port) not in store.error
    assert store.get(1).chat_enabled
    server = PostgresServer(port=port).start()
    try:
        await wait_for(lambda: store.problem is None, timeout=30)
        await store.set_chat(1, False)
        assert not store.get(1).chat_enabled
        await store.close()
    finally:
        server.stop()


# --------------------------------------------------------------------------- several processes


async def test_settings_one_process_writes_reach_the_others(pg_url):
    target = parse_database_url(pg_url)
    a, b = await opened(target), await opened(target)
    await a.set_workload(1, "coding")
    await wait_for(lambda: b.get(1).workload == "coding")
    await a.set_channel(1, 10, True)
    await wait_for(lambda: b.get(1).channels == frozenset({10}))
    # B changes another column of the same server: A's column survives, both converge
    await b.set_mode(1, "interactive")
    await wait_for(lambda: a.get(1).mode == "interactive")
    assert a.get(1).workload == b.get(1).workload == "coding"
    await b.set_reply_channel(1, 11, True)
    await wait_for(lambda: a.get(1).reply_channels == frozenset({11}))
    await a.forget_guild(1)
    await wait_for(
        lambda: b.get(1).workload is None and not b.get(1).channels and not b.get(1).reply_channels
    )
    await a.close()
    await b.close()


async def test_a_lost_notification_connection_catches_up(pg_url, postgres_server):
    target = parse_database_url(pg_url)
    a, b = await opened(target), await opened(target)
    pid = b._listener.server_pid
    postgres_server.psql(f"SELECT pg_terminate_backend({pid})")
    await a.set_workload(2, "coding")  # B may miss this notification
    await wait_for(lambda: b.get(2).workload == "coding", timeout=15)
    await a.close()
    await b.close()


# --------------------------------------------------------------------------- rigs


async def test_rigs_per_user_with_a_default(backend):
    store = await opened(backend)
    desk = await store.save_rig(1, "  My   Desk ", {"gpus": [["rtx-3090", 2]], "ram_gb": 64})
    assert desk.name == "My Desk" and desk.is_default  # the first rig is the default
    laptop = await store.save_rig(1, "laptop", {"gpus": [["rtx-4060-laptop", 1]]})
    assert not laptop.is_default
    await store.save_rig(2, "desk", {"unified_gb": 128})  # another user, same name

    assert [r.name for r in await store.rigs(1)] == ["My Desk", "laptop"]
    assert (await store.rig(1)).name == "My Desk"
    assert (await store.rig(1, "my desk")).spec == {"gpus": [["rtx-3090", 2]], "ram_gb": 64}
    assert await store.rig(1, "nothing") is None

    await store.save_rig(1, "LAPTOP", {"gpus": [["rtx-4070-laptop", 1]]}, default=True)
    assert [(r.name, r.is_default) for r in await store.rigs(1)] == [
        ("LAPTOP", True),
        ("My Desk", False),
    ]
    assert (await store.set_default_rig(1, "my desk")).is_default
    assert (await store.rig(1)).name == "My Desk"
    assert await store.set_default_rig(1, "nothing") is None

    # deleting the default makes the most recent other rig the default
    assert await store.delete_rig(1, "MY DESK")
    assert not await store.delete_rig(1, "MY DESK")
    assert [(r.name, r.is_default) for r in await store.rigs(1)] == [("LAPTOP", True)]

    # another process (another Storage on the same database) reads them at once
    other = await opened(backend)
    assert (await other.rig(1)).name == "LAPTOP"
    assert (await other.rig(2)).spec == {"unified_gb": 128}
    await other.close()

    assert await store.forget_user(1) == 1  # /rig clear all
    assert await store.rigs(1) == []
    assert len(await store.rigs(2)) == 1  # nobody else's
    await store.close()


async def test_rig_limits(backend):
    store = await opened(backend)
    for i in range(MAX_RIGS):
        await store.save_rig(1, f"rig {i}", {"i": i})
    with pytest.raises(RigError, match="up to"):
        await store.save_rig(1, "one more", {})
    await store.save_rig(1, "rig 0", {"i": "replaced"})  # replacing is not adding
    for bad in ("", "   ", "x" * 33, "tab\x00name"):
        with pytest.raises(RigError):
            await store.save_rig(2, bad, {})
    with pytest.raises(RigError, match="too large"):
        await store.save_rig(2, "huge", {"notes": "x" * 5000})
    assert await store.rigs(2) == []
    await store.close()


def test_forget_user_clears_every_table_keyed_by_user():
    keyed = {t for t in schema.metadata.tables.values() if "user_id" in t.c}
    assert keyed == set(USER_TABLES)


# --------------------------------------------------------------------------- Hugging Face cache


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


async def test_the_hub_cache_keeps_values_until_they_expire(backend):
    store = await opened(backend)
    clock = Clock()
    cache = store.hub_cache(clock)
    assert await cache.get("repo:a") is None
    await cache.put("repo:a", '{"size": 1}', ttl=60)
    await cache.put("repo:b", '{"size": 2}', ttl=10)
    assert await cache.get("repo:a") == '{"size": 1}'
    clock.now += 30
    assert await cache.get("repo:b") is None  # expired
    assert await cache.get("repo:a") == '{"size": 1}'
    await cache.put("repo:a", '{"size": 3}', ttl=60)  # replaced, expiry renewed
    clock.now += 45
    assert await cache.get("repo:a") == '{"size": 3}'
    assert await store.purge_cache(now=clock.now) == 1  # repo:b
    await cache.close()  # the store owns the connection: still open
    assert await cache.get("repo:a") == '{"size": 3}'
    await store.close()


async def test_a_broken_database_makes_the_hub_cache_miss_not_fail(tmp_path):
    path = tmp_path / "s.sqlite3"
    path.write_bytes(b"junk" * 1000)
    store = await opened(path)
    cache = store.hub_cache()
    await cache.put("k", "v", ttl=60)
    assert await cache.get("k") is None
    await store.close()


def test_the_hub_cache_has_the_interface_fitengine_hub_expects():
    from bot.storage import HubCache

    for name, params in (("get", ["key"]), ("put", ["key", "value", "ttl"]), ("close", [])):
        method = getattr(HubCache, name)
        assert inspect.iscoroutinefunction(method)
        assert list(inspect.signature(method).parameters)[1:] == params


# --------------------------------------------------------------------------- DATABASE_URL


def test_database_urls():
    pg = parse_database_url("postgres://bot:s3cret@db.internal:5433/canirun")
    assert pg.kind == "postgresql" and pg.url.drivername == "postgresql+asyncpg"
    assert pg.describe() == "PostgreSQL database canirun on db.internal:5433"
    assert parse_database_url("postgresql://localhost/x").url.drivername == "postgresql+asyncpg"
    lite = parse_database_url("sqlite:////data/bot.sqlite3")
    assert lite.kind == "sqlite" and lite.sqlite_path == Path("/data/bot.sqlite3")
    for bad in ("mysql://u:s3cret@h/db", "postgresql://u:s3cret@h", "not a url", "sqlite://"):
        with pytest.raises(BadDatabaseURL) as caught:
            parse_database_url(bad)
        assert "s3cret" not in str(caught.value)
