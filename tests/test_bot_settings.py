"""Server settings: the SQLite store (migrations, corrupt files) and persistence across a restart."""

from __future__ import annotations

import sqlite3

from fakediscord import ADMIN_PERMISSIONS

from bot.db import MIGRATIONS, SCHEMA_VERSION, SettingsStore, StorageError


async def test_store_creates_migrates_and_persists(tmp_path):
    path = tmp_path / "sub" / "dir" / "settings.sqlite3"  # missing directories are created
    store = SettingsStore(path)
    await store.open()
    assert store.error is None
    assert await store.schema_version() == SCHEMA_VERSION == len(MIGRATIONS)
    await store.set_chat(1, False)
    await store.set_mode(1, "interactive")
    await store.set_workload(1, "coding")
    await store.set_channel(1, 10, True)
    await store.set_channel(1, 11, True)
    await store.set_channel(1, 11, False)
    await store.set_channel(2, 20, True)  # channels only: the other columns keep defaults
    await store.close()

    again = SettingsStore(path)
    await again.open()
    one, two, three = again.get(1), again.get(2), again.get(3)
    assert (one.chat_enabled, one.mode, one.workload, one.channels) == (
        False,
        "interactive",
        "coding",
        frozenset({10}),
    )
    assert two.chat_enabled and two.channels == frozenset({20}) and two.mode is None
    assert three.chat_enabled and not three.channels  # unknown server: defaults
    await again.forget_guild(1)
    assert again.get(1).chat_enabled
    await again.close()
    with sqlite3.connect(path) as db:
        versions = [v for (v,) in db.execute("SELECT version FROM schema_version")]
    assert versions == list(range(1, SCHEMA_VERSION + 1))


async def test_reopening_does_not_migrate_twice(tmp_path):
    path = tmp_path / "s.sqlite3"
    for _ in range(3):
        store = SettingsStore(path)
        await store.open()
        assert store.error is None
        await store.close()
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT COUNT(*) FROM schema_version").fetchone()[0] == SCHEMA_VERSION


async def test_a_corrupt_file_runs_on_defaults_with_a_clear_message(tmp_path):
    path = tmp_path / "s.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    store = SettingsStore(path)
    await store.open()  # no exception: the bot keeps running
    assert store.error and str(path) in store.error and "Move the file aside" in store.error
    assert store.get(5).chat_enabled  # defaults
    try:
        await store.set_chat(5, False)
    except StorageError as exc:
        assert "unusable" in str(exc)
    else:
        raise AssertionError("a write to a corrupt store must fail")
    await store.close()
    assert path.read_bytes().startswith(b"this is not")  # never overwritten


async def test_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "s.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        db.execute("INSERT INTO schema_version VALUES (?)", (SCHEMA_VERSION + 5,))
    store = SettingsStore(path)
    await store.open()
    assert store.error and "newer canirun-bot" in store.error
    await store.close()


async def test_an_unwritable_location_is_reported(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    store = SettingsStore(blocker / "settings.sqlite3")  # a file where a directory should be
    await store.open()
    assert store.error and "unusable" in store.error
    await store.close()


async def admin_settings(env, guild, subcommand, options, resolved=None):
    it = await env.fake.slash(
        "settings",
        options,
        subcommand=subcommand,
        user=env.fake.user(name="admin"),
        channel=guild["channels"][0],
        permissions=ADMIN_PERMISSIONS,
        resolved=resolved,
    )
    await env.fake.answered(it)
    assert it.response_type == 4, it.errors
    return it


async def test_settings_survive_a_bot_restart(discord_env):
    env = discord_env
    guild = env.fake.add_guild()
    listen = guild["channels"][1]
    bot = await env.start_bot()
    await admin_settings(env, guild, "chat", {"enabled": False})
    await admin_settings(env, guild, "workload", {"workload": "coding"})
    await admin_settings(env, guild, "mode", {"mode": "interactive"})
    it = await admin_settings(
        env,
        guild,
        "channel",
        {"channel": {"type": 7, "value": listen["id"]}, "listen": True},
        resolved={"channels": {listen["id"]: {**listen, "permissions": "0"}}},
    )
    fields = {f["name"]: f["value"] for f in it.response["data"]["embeds"][0]["fields"]}
    assert f"<#{listen['id']}>" in fields["Answers unaddressed questions in"]
    assert "Message Content" in fields["Answers unaddressed questions in"]  # intent is off
    await env.stop_bot(bot)

    bot = await env.start_bot()
    settings = bot.store.get(int(guild["id"]))
    assert not settings.chat_enabled
    assert settings.workload == "coding" and settings.mode == "interactive"
    assert settings.channels == frozenset({int(listen["id"])})
    it = await admin_settings(env, guild, "show", {})
    fields = {f["name"]: f["value"] for f in it.response["data"]["embeds"][0]["fields"]}
    assert fields["Chat answers"] == "off"
    assert fields["Default workload"] == "coding"

    # the defaults apply to /fit
    it = await env.fake.slash(
        "fit",
        {"model": "llama-3.1-8b", "hardware": "rtx-3090"},
        user=env.fake.user(),
        channel=guild["channels"][0],
    )
    await env.fake.answered(it)
    embed = it.response["data"]["embeds"][0]
    assert "interactive mode" in embed["footer"]["text"]
    menu = it.response["data"]["components"][1]["components"][0]
    assert [o["value"] for o in menu["options"] if o.get("default")] == ["coding"]


async def test_unknown_workload_setting_is_refused(discord_env):
    env = discord_env
    guild = env.fake.add_guild()
    await env.start_bot()
    it = await admin_settings(env, guild, "workload", {"workload": "**@everyone**"})
    content = it.response["data"]["content"]
    assert it.response["data"]["flags"] & 64
    assert "Unknown workload" in content and "@everyone" not in content.replace(
        "@\u200beveryone", ""
    )


async def test_a_corrupt_database_does_not_stop_the_bot(discord_env):
    env = discord_env
    env.db_path.write_bytes(b"garbage" * 1000)
    guild = env.fake.add_guild()
    bot = await env.start_bot()
    assert bot.store.error
    it = await admin_settings(env, guild, "chat", {"enabled": False})
    assert it.response["data"]["flags"] & 64
    assert "can't be saved" in it.response["data"]["content"]
    it = await admin_settings(env, guild, "show", {})
    names = [f["name"] for f in it.response["data"]["embeds"][0]["fields"]]
    assert "⚠️ Storage" in names
