"""The health check notices a dead gateway connection: the bot writes a heartbeat while it is
connected, and `canirun-bot health` fails when the heartbeat is older than the allowed age."""

from __future__ import annotations

import time

from bot import heartbeat
from bot.__main__ import check_health


def test_check_reads_the_age(tmp_path):
    path = tmp_path / "beat"
    assert "missing" in heartbeat.check(path, 60)
    heartbeat.write(path, 1000.0)
    assert heartbeat.check(path, 60, now=1059.0) is None
    assert "no gateway connection for 61 s" in heartbeat.check(path, 60, now=1061.0)
    path.write_text("not a number")
    assert "cannot be read" in heartbeat.check(path, 60)


async def test_health_fails_when_the_gateway_has_been_down_too_long(discord_env, tmp_path):
    env = discord_env
    env.fake.add_guild()
    beat = tmp_path / "beat"
    settings = env.settings(heartbeat_file=beat, heartbeat_max_age=0.4)
    bot = await env.start_bot(settings)
    await env.fake.wait_until(lambda: beat.exists(), timeout=3)
    assert await check_health(settings) == []

    await env.fake.drop_gateway()
    await env.fake.wait_until(lambda: not heartbeat.connected(bot), timeout=3)
    await env.fake.wait_until(lambda: heartbeat.check(beat, 0.4) is not None, timeout=3)
    problems = await check_health(settings)
    assert len(problems) == 1 and "no gateway connection" in problems[0]
    assert not bot.is_closed()  # the process is alive: only the heartbeat tells

    # the network is back: discord.py reconnects, the heartbeat resumes, health passes again
    env.fake.restore_gateway()
    await env.fake.wait_until(lambda: heartbeat.connected(bot), timeout=20)
    started = time.time()
    await env.fake.wait_until(lambda: heartbeat.check(beat, 0.4) is None, timeout=3)
    assert await check_health(settings) == [] and time.time() - started < 3

    # a bot that stops takes its heartbeat with it
    await env.stop_bot(bot)
    assert not beat.exists()
