"""The Hugging Face cache on the bot's storage: what the bot reads from the Hub is kept in the
same database as its settings (SQLite or PostgreSQL), so it survives a restart and is shared by
every process; a file fitengine/hub's own cache wrote keeps its entries."""

from __future__ import annotations

from hubfixtures import fixture
from test_bot_settings import storage_settings
from test_storage import execute, opened

from bot.storage import sqlite_target
from fitengine.hub.cache import SQLiteCache

QWEN = "hubtest/Qwen3.6-27B-GGUF"


async def test_hub_reads_are_cached_in_the_bots_database(
    discord_env, fake_hub, backend, monkeypatch
):
    monkeypatch.delenv("CANIRUN_HUB_CACHE")  # the bot's own storage, not the fixture's file
    env = discord_env
    fake_hub.add_fixture(fixture("hybrid"), downloads=1000)
    guild = env.fake.add_guild()
    channel = guild["channels"][0]

    async def fit() -> None:
        it = await env.fake.slash(
            "fit", {"model": QWEN, "hardware": "rtx-3090"}, user=env.fake.user(), channel=channel
        )
        await env.fake.answered(it, timeout=20)
        assert (
            not it.errors and QWEN in (it.edits or [it.response["data"]])[-1]["embeds"][0]["title"]
        )

    bot = await env.start_bot(storage_settings(env, backend))
    await fit()
    read = fake_hub.count()
    assert read > 0
    await env.stop_bot(bot)
    rows = await execute(backend, "SELECT COUNT(*) FROM hub_cache")
    assert rows[0][0] > 0

    await env.start_bot(storage_settings(env, backend))  # a restart, or another process
    await fit()
    assert fake_hub.count() == read  # nothing read from the Hub again


async def test_a_file_with_fitengine_hubs_own_cache_keeps_its_entries(tmp_path):
    path = tmp_path / "bot.sqlite3"
    cache = SQLiteCache(path)  # what the bot did before its storage served the cache
    await cache.put("repo:a", '{"size": 1}', ttl=3600)
    await cache.close()
    store = await opened(path)
    assert store.problem is None
    assert await store.hub_cache().get("repo:a") == '{"size": 1}'
    await store.close()
    tables = await execute(sqlite_target(path), "SELECT name FROM sqlite_master WHERE type='index'")
    assert ("ix_hub_cache_expires",) in tables
