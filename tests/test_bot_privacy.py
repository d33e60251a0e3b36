"""Privacy and admin: /about says what is stored, for how long and how to delete it; a server's
settings go with the bot; what people write stays out of the logs."""

from __future__ import annotations

import asyncio
import logging

from fakediscord import ADMIN_PERMISSIONS

from bot.redact import Redactor


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
    # every level, discord.py's payloads too, through the filter the bot puts on its handlers
    caplog.set_level(logging.DEBUG)
    caplog.handler.addFilter(Redactor([env.fake.token]))
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


async def test_chat_replies_only_in_the_channels_admins_allow(discord_env):
    env = discord_env
    guild = env.fake.add_guild()
    bot = await env.start_bot()
    allowed, other = guild["channels"]
    admin, alice = env.fake.user(name="admin"), env.fake.user(name="alice")

    async def replies(channel, text):
        message = await env.fake.user_message(channel, alice, text, mention_bot=True)
        for _ in range(30):  # give it time to (wrongly) answer
            found = [
                m
                for m in env.fake.bot_messages(channel["id"])
                if (m.get("message_reference") or {}).get("message_id") == message["id"]
            ]
            if found:
                return found
            await asyncio.sleep(0.01)
        return []

    # no allow list: answers everywhere
    assert await replies(other, "can a 3090 run llama 3.1 8b?")
    it = await env.fake.slash(
        "settings",
        {"channel": {"type": 7, "value": allowed["id"]}, "allow": True},
        subcommand="replies",
        user=admin,
        channel=allowed,
        permissions=ADMIN_PERMISSIONS,
        resolved={"channels": {allowed["id"]: {**allowed, "permissions": "0"}}},
    )
    await env.fake.answered(it)
    fields = {f["name"]: f["value"] for f in it.response["data"]["embeds"][0]["fields"]}
    assert fields["Chat replies allowed in"] == f"<#{allowed['id']}>"
    assert bot.store.get(int(guild["id"])).reply_channels == {int(allowed["id"])}
    # the allowed channel answers; the other stays quiet; DMs are not a server's to limit
    assert await replies(allowed, "can a 3090 run llama 3.1 8b?")
    assert not await replies(other, "can a 3090 run llama 3.1 8b?")
    dm = env.fake.add_dm(alice)
    await env.fake.user_message(dm, alice, "can a 3090 run llama 3.1 8b?")
    await env.fake.wait_until(lambda: env.fake.bot_messages(dm["id"]))
    # slash commands still answer anywhere
    it = await env.fake.slash(
        "fit", {"model": "llama-3.1-8b", "hardware": "rtx-3090"}, user=alice, channel=other
    )
    await env.fake.answered(it)
    assert it.response["data"]["embeds"]
    # the list survives a restart
    await env.stop_bot(bot)
    again = await env.start_bot()
    assert again.store.get(int(guild["id"])).reply_channels == {int(allowed["id"])}
