"""Privacy and admin: /about says what is stored, for how long and how to delete it; a server's
settings go with the bot; what people write stays out of the logs."""

from __future__ import annotations

import logging

from fakediscord import ADMIN_PERMISSIONS


async def test_about_says_what_is_stored_how_long_and_how_to_delete(discord_env):
    env = discord_env
    guild = env.fake.add_guild()
    await env.start_bot()
    it = await env.fake.slash("about", {}, user=env.fake.user(), channel=guild["channels"][0])
    await env.fake.answered(it)
    data = it.response["data"]
    assert data["flags"] & 64
    fields = {f["name"]: f["value"] for f in data["embeds"][0]["fields"]}
    assert "/rig clear" in fields["Your rigs"] and "name:all" in fields["Your rigs"]
    assert "Kept until you delete it" in fields["Your rigs"]
    assert "deleted when the bot is removed" in fields["Server settings"]
    assert "never what anyone wrote" in fields["Logs"]
    assert "forgotten" in fields["Never stored"]


async def test_a_servers_settings_go_when_the_bot_is_removed(discord_env):
    env = discord_env
    guild = env.fake.add_guild()
    bot = await env.start_bot()
    gid = int(guild["id"])
    it = await env.fake.slash(
        "settings",
        {"enabled": False},
        subcommand="chat",
        user=env.fake.user(),
        channel=guild["channels"][0],
        permissions=ADMIN_PERMISSIONS,
    )
    await env.fake.answered(it)
    assert not bot.store.get(gid).chat_enabled
    await env.fake.remove_bot_from(guild)
    await env.fake.wait_until(lambda: bot.store.get(gid).chat_enabled)
    # and on disk: a restart finds the defaults
    await env.stop_bot(bot)
    again = await env.start_bot()
    assert again.store.get(gid).chat_enabled


async def test_what_people_write_stays_out_of_the_logs(discord_env, caplog):
    env = discord_env
    guild = env.fake.add_guild()
    await env.start_bot()
    caplog.set_level(
        logging.INFO
    )  # the default level (discord.py's own DEBUG lines are redacted apart)
    alice, bob = env.fake.user(name="alice"), env.fake.user(name="bob")
    channel = guild["channels"][0]
    secret = "zebra-password-4711"
    message = await env.fake.user_message(channel, bob, f"can a 3090 run llama 3.1 8b? {secret}")
    it = await env.fake.message_command("Can it run?", message, user=alice, channel=channel)
    await env.fake.answered(it)
    it = await env.fake.slash(
        "rig",
        {"hardware": "rtx 3090", "name": secret[:20]},
        subcommand="set",
        user=alice,
        channel=channel,
    )
    await env.fake.answered(it)
    it = await env.fake.slash(
        "fit", {"model": secret, "hardware": "rtx-3090"}, user=alice, channel=channel
    )
    await env.fake.answered(it)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "Can it run?" in logged  # the context menu logs ids and timings
    assert secret not in logged and secret[:20] not in logged
