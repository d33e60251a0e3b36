"""canirun-bot for several processes: shard ranges on the command line, `health` that proves the
database takes writes, and `migrate-settings` from SQLite to PostgreSQL."""

from __future__ import annotations

import asyncio
import hashlib
import sqlite3

import pytest
from discord.ext import commands
from test_bot_cli import TOKEN
from test_storage import LEGACY_V1, make_sqlite_read_only, opened

from bot import __main__ as cli
from bot.bot import CanIRunBot
from bot.config import load_settings
from bot.storage import parse_database_url, sqlite_target


@pytest.fixture
def captured_run(clean_env, monkeypatch):
    """cli.main(["run", ...]) up to the point where it would connect: the settings it built."""
    seen = []

    async def run_bot(settings, **options):
        seen.append(settings)

    monkeypatch.setattr(cli, "run_bot", run_bot)
    monkeypatch.setattr(cli, "setup_logging", lambda settings: None)
    clean_env.setenv("DISCORD_TOKEN", TOKEN)
    return seen


def test_run_takes_a_shard_range_from_the_command_line(captured_run):
    assert cli.main(["run", "--shard-count", "16", "--shard-ids", "4-7"]) == 0
    settings = captured_run[-1]
    assert (settings.shard_count, settings.shard_ids) == (16, [4, 5, 6, 7])
    bot = CanIRunBot(settings)
    assert isinstance(bot, commands.AutoShardedBot)
    assert (bot.shard_count, bot.shard_ids) == (16, [4, 5, 6, 7])


def test_run_takes_a_shard_range_from_the_environment(captured_run, clean_env):
    clean_env.setenv("CANIRUN_SHARD_COUNT", "4")
    clean_env.setenv("CANIRUN_SHARD_IDS", "2,3")
    assert cli.main([]) == 0  # `run` is the default command
    assert (captured_run[-1].shard_count, captured_run[-1].shard_ids) == (4, [2, 3])
    assert cli.main(["run", "--shard-ids", "0-1"]) == 0  # the command line wins
    assert captured_run[-1].shard_ids == [0, 1]


def test_without_a_shard_range_one_process_runs_every_shard(captured_run):
    assert cli.main(["run"]) == 0
    bot = CanIRunBot(captured_run[-1])
    assert isinstance(bot, commands.AutoShardedBot)
    assert bot.shard_count is None and bot.shard_ids is None  # Discord's advice, all of them


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--shard-ids", "0-3"], "needs CANIRUN_SHARD_COUNT"),
        (["--shard-count", "4", "--shard-ids", "2-5"], "outside 0..3"),
        (["--shard-count", "4", "--shard-ids", "3-1"], "not a shard id or range"),
        (["--shard-count", "0"], "CANIRUN_SHARD_COUNT"),
    ],
)
def test_a_bad_shard_range_is_one_line(captured_run, capsys, argv, message):
    assert cli.main(["run", *argv]) == cli.EXIT_CONFIG
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert not captured_run


# --------------------------------------------------------------------------- health


def test_health_fails_when_the_sqlite_file_cannot_be_written(clean_env, capsys, tmp_path):
    """Issue 13: a read-only database used to pass the health check."""
    path = tmp_path / "db.sqlite3"
    clean_env.setenv("DISCORD_TOKEN", TOKEN)
    clean_env.setenv("CANIRUN_DB", str(path))
    assert cli.main(["health", "--no-gateway"]) == 0
    assert capsys.readouterr().out.strip() == "ok"
    make_sqlite_read_only(path)
    assert cli.main(["health", "--no-gateway"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("canirun-bot: unhealthy:") and "does not take writes" in err
    assert str(path) in err  # the operator is told which file


def test_health_on_postgres(clean_env, capsys, pg_url, postgres_server):
    clean_env.setenv("DISCORD_TOKEN", TOKEN)
    clean_env.setenv("DATABASE_URL", pg_url)
    assert cli.main(["health", "--no-gateway"]) == 0
    assert capsys.readouterr().out.strip() == "ok"
    database = parse_database_url(pg_url).url.database
    postgres_server.psql(f"ALTER DATABASE {database} SET default_transaction_read_only = on")
    assert cli.main(["health", "--no-gateway"]) == 1
    assert "does not take writes" in capsys.readouterr().err


def test_health_when_postgres_is_down_names_no_password(clean_env, capsys):
    from pgserver import free_port

    clean_env.setenv("DISCORD_TOKEN", TOKEN)
    clean_env.setenv("DATABASE_URL", f"postgresql://bot:hunter2@127.0.0.1:{free_port()}/canirun")
    assert cli.main(["health", "--no-gateway"]) == 1
    err = capsys.readouterr().err
    assert "PostgreSQL database canirun on 127.0.0.1" in err and "hunter2" not in err


# --------------------------------------------------------------------------- migrate-settings


def sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


async def source_file(tmp_path):
    """An SQLite file with settings and rigs as the bot leaves it."""
    path = tmp_path / "old" / "canirun-bot.sqlite3"
    store = await opened(path)
    await store.set_workload(111, "coding")
    await store.set_channel(111, 5, True)
    await store.set_reply_channel(111, 6, True)
    await store.set_chat(222, False)
    await store.save_rig(7, "desk", {"gpus": [["rtx-3090", 2]]})
    await store.save_rig(7, "laptop", {"gpus": [["rtx-4060-laptop", 1]]}, default=True)
    await store.close()
    return path


def test_migrate_settings_copies_sqlite_into_postgres(clean_env, capsys, tmp_path, pg_url):
    path = asyncio.run(source_file(tmp_path))
    before = sha(path)
    clean_env.setenv("CANIRUN_DB", str(path))
    clean_env.setenv("DATABASE_URL", pg_url)
    target = parse_database_url(pg_url)
    asyncio.run(execute_after_open(target))  # a bot already wrote one setting there
    assert cli.main(["migrate-settings"]) == 0
    out = capsys.readouterr().out
    assert "copied the settings of 2 servers and 2 saved rigs" in out and "unchanged" in out
    assert sha(path) == before  # the way back stays as it was

    async def check():
        store = await opened(target)
        try:
            assert store.get(111).workload == "coding" and store.get(111).channels == {5}
            assert store.get(111).reply_channels == {6}
            assert not store.get(222).chat_enabled
            assert store.get(333).mode == "interactive"  # what was there already stays
            assert [(r.name, r.is_default) for r in await store.rigs(7)] == [
                ("laptop", True),
                ("desk", False),
            ]
        finally:
            await store.close()

    asyncio.run(check())
    assert cli.main(["migrate-settings"]) == 0  # again: the same result, nothing doubled
    asyncio.run(check())


async def execute_after_open(target):
    store = await opened(target)
    await store.set_mode(333, "interactive")
    await store.close()


def test_migrate_settings_reads_a_file_from_before_alembic(clean_env, capsys, tmp_path, pg_url):
    path = tmp_path / "v1.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(LEGACY_V1)
    db.close()
    before = sha(path)
    clean_env.setenv("DATABASE_URL", pg_url)
    assert cli.main(["migrate-settings", "--from", str(path)]) == 0
    assert "2 servers and 0 saved rigs" in capsys.readouterr().out
    assert sha(path) == before

    async def check():
        store = await opened(parse_database_url(pg_url))
        assert store.get(5).workload == "coding" and store.get(6).channels == {60}
        await store.close()

    asyncio.run(check())


def test_migrate_settings_refuses_what_it_cannot_do(clean_env, capsys, tmp_path, pg_url):
    path = tmp_path / "bot.sqlite3"
    clean_env.setenv("CANIRUN_DB", str(path))
    asyncio.run(execute_after_open(sqlite_target(path)))  # a bot's file, with one setting
    assert cli.main(["migrate-settings"]) == cli.EXIT_CONFIG
    assert "DATABASE_URL is not set" in capsys.readouterr().err

    clean_env.setenv("DATABASE_URL", pg_url)
    assert cli.main(["migrate-settings", "--from", str(tmp_path / "missing.sqlite3")]) == 2
    assert "does not exist" in capsys.readouterr().err

    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"junk" * 1000)
    assert cli.main(["migrate-settings", "--from", str(junk)]) == 2
    err = capsys.readouterr().err
    assert "refused" in err and "nothing was copied" in err


def test_migrate_settings_reaches_bots_that_are_running(clean_env, capsys, tmp_path, pg_url):
    """Copying while PostgreSQL bots run: they pick the copied settings up (NOTIFY)."""
    path = asyncio.run(source_file(tmp_path))
    clean_env.setenv("CANIRUN_DB", str(path))
    clean_env.setenv("DATABASE_URL", pg_url)
    target = parse_database_url(pg_url)

    async def scenario():
        running = await opened(target)
        try:
            done = await asyncio.to_thread(cli.main, ["migrate-settings"])
            assert done == 0
            for _ in range(200):
                if running.get(111).workload == "coding":
                    break
                await asyncio.sleep(0.02)
            assert running.get(111).workload == "coding"
        finally:
            await running.close()

    asyncio.run(scenario())


def test_settings_name_the_database_without_its_password(clean_env):
    clean_env.setenv("DATABASE_URL", "postgres://bot:hunter2@db:5432/canirun")
    settings = load_settings()
    assert settings.storage_target().describe() == "PostgreSQL database canirun on db:5432"
    assert "hunter2" not in repr(settings)
    clean_env.delenv("DATABASE_URL")
    assert load_settings().storage_target() == sqlite_target(load_settings().db)
