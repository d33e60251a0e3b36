"""Server settings through the bot: persistence across a restart (on both backends), refused
input, and what admins see when the database is broken. The store itself: tests/test_storage.py."""

from __future__ import annotations

from fakediscord import ADMIN_PERMISSIONS


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


def storage_settings(env, backend):
    """BotEnv settings for a `backend` fixture value (an SQLite file or a PostgreSQL URL)."""
    if backend.kind == "sqlite":
        return env.settings(db=backend.sqlite_path)
    return env.settings(database_url=backend.url.render_as_string(hide_password=False))


async def test_settings_survive_a_bot_restart(discord_env, backend):
    env = discord_env
    guild = env.fake.add_guild()
    listen = guild["channels"][1]
    bot = await env.start_bot(storage_settings(env, backend))
    assert bot.store.kind == backend.kind
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

    bot = await env.start_bot(storage_settings(env, backend))
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
    before = env.db_path.read_bytes()
    guild = env.fake.add_guild()
    bot = await env.start_bot()
    assert bot.store.error
    it = await admin_settings(env, guild, "chat", {"enabled": False})
    assert it.response["data"]["flags"] & 64
    content = it.response["data"]["content"]
    assert content.startswith("Not saved.") and "damaged" in content
    assert str(env.tmp_path) not in content  # admins never see host paths
    it = await admin_settings(env, guild, "show", {})
    fields = {f["name"]: f["value"] for f in it.response["data"]["embeds"][0]["fields"]}
    assert "restore a backup" in fields["⚠️ Storage"]
    assert str(env.tmp_path) not in fields["⚠️ Storage"]
    await env.stop_bot(bot)
    assert env.db_path.read_bytes() == before  # refused, so never written


async def test_a_write_the_database_refuses_is_reported_as_not_saved(discord_env, backend):
    """The bug from issue 13: a read-only database used to answer "Something went wrong" and
    lose the setting; now the admin is told it was not saved, and why, without host paths."""
    from test_storage import break_writes, execute

    env = discord_env
    guild = env.fake.add_guild()
    bot = await env.start_bot(storage_settings(env, backend))
    await admin_settings(env, guild, "workload", {"workload": "coding"})
    await execute(backend, *break_writes(backend))
    it = await admin_settings(env, guild, "workload", {"workload": "chat"})
    content = it.response["data"]["content"]
    assert it.response["data"]["flags"] & 64
    assert content.startswith("Not saved:") and "Something went wrong" not in content
    assert str(env.tmp_path) not in content and "127.0.0.1" not in content
    assert bot.store.get(int(guild["id"])).workload == "coding"
    it = await admin_settings(env, guild, "show", {})
    fields = {f["name"]: f["value"] for f in it.response["data"]["embeds"][0]["fields"]}
    assert fields["Default workload"] == "coding"
