"""End to end: connection, rate limits, reconnects, sharding, the fake's strictness."""

from __future__ import annotations

import logging

import discord
import pytest
import yarl
from fakediscord import (
    FLAG_GATEWAY_MESSAGE_CONTENT,
    INVALID_SESSION,
    MESSAGE_CONTENT,
    RECONNECT,
)

from bot import __main__ as cli


def test_discord_py_hooks_still_exist():
    """The fake relies on these two class attributes; a discord.py upgrade must keep them."""
    assert isinstance(discord.http.Route.BASE, str)
    assert discord.http.Route.BASE.endswith("/api/v10")
    assert isinstance(discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY, yarl.URL)
    assert hasattr(discord.Client, "before_identify_hook")
    assert (2, 4) <= discord.version_info[:2] < (2, 9)


async def test_identify_uses_only_unprivileged_intents_by_default(discord_env):
    env = discord_env
    env.fake.add_guild()
    bot = await env.start_bot()
    identify = env.fake.identifies[0]
    assert identify["token_ok"]
    assert not identify["intents"] & MESSAGE_CONTENT
    assert identify["shard"] == [0, 1]
    assert len(bot.guilds) == 1
    # commands are synced only by `canirun-bot sync`, never on start
    assert not env.fake.requests_to("PUT", r"/commands$")


def test_logging_uses_discord_py_format():
    import logging

    from bot.config import Settings

    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    try:
        cli.setup_logging(Settings(log_level="WARNING"))
        added = [h for h in root.handlers if h not in before]
        assert added and root.level == logging.WARNING
        record = logging.LogRecord("bot", logging.WARNING, __file__, 1, "hello", None, None)
        line = added[0].formatter.format(record)
        assert "WARNING" in line and "bot" in line and "hello" in line
    finally:
        for handler in root.handlers[:]:
            if handler not in before:
                root.removeHandler(handler)
        root.setLevel(level)


async def test_a_rate_limited_request_is_retried(discord_env):
    env = discord_env
    guild = env.fake.add_guild()
    await env.start_bot()
    env.fake.rate_limit_next("POST", r"/callback$", retry_after=0.05)
    it = await env.fake.slash("help", user=env.fake.user(), channel=guild["channels"][0])
    await env.fake.answered(it)
    calls = env.fake.requests_to("POST", rf"/interactions/{it.id}/")
    assert [c.status for c in calls] == [429, 200]
    assert it.response_type == 4


async def test_a_429_without_via_is_not_retried(discord_env, caplog):
    """discord.py treats a 429 without `Via` as a Cloudflare ban: the fake must send Via."""
    env = discord_env
    guild = env.fake.add_guild()
    bot = await env.start_bot()
    env.fake.rate_limit_next("POST", r"/channels/\d+/messages$", retry_after=0.01, via=False)
    channel = bot.get_channel(int(guild["channels"][0]["id"]))
    with pytest.raises(discord.HTTPException) as info:
        await channel.send("hello")
    assert info.value.status == 429


async def test_reconnect_op7_resumes_and_keeps_working(discord_env):
    env = discord_env
    guild = env.fake.add_guild()
    await env.start_bot()
    await env.fake.send_op(RECONNECT)
    await env.fake.wait_until(lambda: env.fake.shard_sessions[0].resumed == 1)
    assert len(env.fake.identifies) == 1  # resumed, not re-identified
    assert env.fake.resumes[0]["seq"] >= 2
    it = await env.fake.slash("help", user=env.fake.user(), channel=guild["channels"][0])
    await env.fake.answered(it)
    assert it.response_type == 4


async def test_invalid_session_op9_reidentifies_and_keeps_working(discord_env):
    env = discord_env
    guild = env.fake.add_guild()
    await env.start_bot()
    first = env.fake.shard_sessions[0].id
    await env.fake.send_op(INVALID_SESSION, False)
    await env.fake.wait_until(lambda: env.fake.shard_sessions[0].id != first)
    assert len(env.fake.identifies) == 2
    it = await env.fake.slash("help", user=env.fake.user(), channel=guild["channels"][0])
    await env.fake.answered(it)
    assert it.response_type == 4


async def test_resumable_invalid_session_resumes(discord_env):
    env = discord_env
    guild = env.fake.add_guild()
    await env.start_bot()
    await env.fake.send_op(INVALID_SESSION, True)
    await env.fake.wait_until(lambda: env.fake.shard_sessions[0].resumed == 1)
    it = await env.fake.slash("help", user=env.fake.user(), channel=guild["channels"][0])
    await env.fake.answered(it)
    assert it.response_type == 4


async def test_shards_split_across_processes(discord_env):
    env = discord_env
    guilds = [env.fake.add_guild(f"g{i}") for i in range(6)]
    a = await env.start_bot(env.settings(shard_count=2, shard_ids=[0]))
    b = await env.start_bot(env.settings(shard_count=2, shard_ids=[1]))
    shards = sorted(tuple(i["shard"]) for i in env.fake.identifies)
    assert shards == [(0, 2), (1, 2)]
    ids_a = {g.id for g in a.guilds}
    ids_b = {g.id for g in b.guilds}
    assert not ids_a & ids_b
    assert ids_a | ids_b == {int(g["id"]) for g in guilds}
    for g in guilds:
        owner = a if int(g["id"]) in ids_a else b
        assert (int(g["id"]) >> 22) % 2 == (0 if owner is a else 1)


async def test_autosharded_asks_discord_for_the_shard_count(discord_env):
    env = discord_env
    env.fake.recommended_shards = 2
    env.fake.add_guild()
    bot = await env.start_bot()
    assert bot.shard_count == 2
    assert sorted(i["shard"][0] for i in env.fake.identifies) == [0, 1]
    assert env.fake.requests_to("GET", r"^/gateway/bot$")


async def test_a_rejected_token_exits_with_one_clear_line(discord_env, capsys, monkeypatch):
    env = discord_env
    settings = env.settings(discord_token="not-the-token")
    bot = env.make_bot(settings)
    with pytest.raises(discord.LoginFailure):
        async with bot:
            await bot.start("not-the-token")
    message = cli.explain_discord_error(discord.LoginFailure("x"))
    assert message and "rejected the token" in message and "\n" not in message


async def test_message_content_without_portal_permission_is_explained(discord_env):
    env = discord_env
    env.fake.add_guild()
    bot = env.make_bot(env.settings(message_content=True))
    with pytest.raises(discord.PrivilegedIntentsRequired) as info:
        async with bot:
            await bot.start(env.fake.token)
    assert 4014 in env.fake.close_codes
    assert "Message Content intent" in cli.explain_discord_error(info.value)


async def test_message_content_when_enabled_in_the_portal(discord_env):
    env = discord_env
    env.fake.app_flags = FLAG_GATEWAY_MESSAGE_CONTENT
    env.fake.add_guild()
    await env.start_bot(env.settings(message_content=True))
    assert env.fake.identifies[0]["intents"] & MESSAGE_CONTENT


async def test_the_token_is_never_logged(discord_env, caplog):
    env = discord_env
    guild = env.fake.add_guild()
    caplog.set_level(logging.DEBUG)
    bot = await env.start_bot()
    it = await env.fake.slash(
        "fit",
        {"model": "llama-3.1-8b", "hardware": "rtx-3090"},
        user=env.fake.user(),
        channel=guild["channels"][0],
    )
    await env.fake.answered(it)
    await env.stop_bot(bot)
    assert caplog.records
    for record in caplog.records:
        assert env.fake.token not in record.getMessage()
    assert env.fake.token not in repr(env.settings())


async def test_the_fake_rejects_an_oversize_embed(discord_env):
    env = discord_env
    env.expect_violations = True
    guild = env.fake.add_guild()
    bot = await env.start_bot()
    channel = bot.get_channel(int(guild["channels"][0]["id"]))
    with pytest.raises(discord.HTTPException) as info:
        await channel.send(embed=discord.Embed(description="x" * 4097))
    assert info.value.status == 400 and info.value.code == 50035
    with pytest.raises(discord.HTTPException):
        await channel.send(content="x" * 2001)
    big = discord.Embed(title="t")
    for i in range(6):
        big.add_field(name=f"f{i}", value="v" * 1000)
    with pytest.raises(discord.HTTPException):
        await channel.send(embed=big)  # 6000+ in all
    assert len(env.fake.violations) == 3


async def test_the_fake_rejects_a_late_reply(discord_env):
    """A reply after the deadline gets 404 10062 and is recorded: such a test fails."""
    env = discord_env
    env.expect_violations = True
    env.fake.interaction_deadline = 0.0
    guild = env.fake.add_guild()
    await env.start_bot()
    it = await env.fake.slash("help", user=env.fake.user(), channel=guild["channels"][0])
    await env.fake.answered(it)
    assert it.errors == [{"code": 10062}] * len(it.errors) and it.errors
    assert any("answered after" in v for v in env.fake.violations)


async def test_the_fake_rejects_a_second_acknowledgement(discord_env):
    env = discord_env
    env.expect_violations = True
    guild = env.fake.add_guild()
    bot = await env.start_bot()
    seen = []

    @bot.tree.command(name="twice", description="acknowledges twice")
    async def twice(interaction: discord.Interaction) -> None:
        await interaction.response.defer()
        interaction.response._response_type = None  # pretend we forgot
        try:
            await interaction.response.defer()
        except discord.HTTPException as exc:
            seen.append(exc.code)

    it = await env.fake.slash("twice", user=env.fake.user(), channel=guild["channels"][0])
    await env.fake.wait_until(lambda: seen)
    assert seen == [40060]
    assert any("acknowledged twice" in v for v in env.fake.violations)
    assert it.response_type == 5


async def test_unknown_routes_are_recorded(discord_env):
    env = discord_env
    env.fake.add_guild()
    bot = await env.start_bot()
    with pytest.raises(discord.NotFound):
        await bot.fetch_guild(1)
    assert env.fake.unknown == ["GET /guilds/1"]
    env.fake.unknown.clear()  # the fixture would fail the test otherwise
