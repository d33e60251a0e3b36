"""Scale-out end to end: bot processes (separate OS processes running the real `canirun-bot run`
command line) with different shard ranges connect to one fake Discord and share one PostgreSQL.
The fake hands each guild to the shard (guild_id >> 22) % shard_count, as Discord does.

A guild's events only ever reach the shard that holds it, so a server's settings are used by
another process when that process takes the shards over: after a crash, a restart or a re-shard.
That is the path tested here, with a SIGKILL: what was committed (acknowledged to the admin)
survives, and the other process keeps answering meanwhile."""

from __future__ import annotations

import asyncio

import pytest
from botproc import BotProcess
from fakediscord import ADMIN_PERMISSIONS

SHARDS = 4


async def admin(env, guild, subcommand, options, timeout=10.0):
    it = await env.fake.slash(
        "settings",
        options,
        subcommand=subcommand,
        user=env.fake.user(name="admin"),
        channel=guild["channels"][0],
        permissions=ADMIN_PERMISSIONS,
    )
    await env.fake.answered(it, timeout)
    assert it.response_type == 4, it.errors
    return {f["name"]: f["value"] for f in it.response["data"]["embeds"][0]["fields"]}


async def fit(env, guild, timeout=10.0):
    it = await env.fake.slash(
        "fit",
        {"model": "llama-3.1-8b", "hardware": "rtx-3090"},
        user=env.fake.user(),
        channel=guild["channels"][0],
    )
    await env.fake.answered(it, timeout)
    assert not it.errors, it.errors
    return it.response["data"]


@pytest.fixture
async def processes(discord_env, pg_url, tmp_path):
    started: list[BotProcess] = []
    env = {
        "DISCORD_TOKEN": discord_env.fake.token,
        "DATABASE_URL": pg_url,
        "CANIRUN_CHAT_COOLDOWN": "0",
        "CANIRUN_LOG_LEVEL": "INFO",
    }

    async def start(shard_ids: str, name: str) -> BotProcess:
        bot = await BotProcess.start(
            discord_env.fake,
            ["run", "--shard-count", str(SHARDS), "--shard-ids", shard_ids],
            env,
            tmp_path / f"{name}.log",
        )
        started.append(bot)
        return bot

    yield start
    for bot in started:
        await bot.stop()
    for bot in started:
        log = bot.log.read_text(errors="replace")
        assert "Traceback" not in log, log[-3000:]


async def test_two_processes_share_postgres_and_one_survives_the_others_kill(
    discord_env, processes
):
    env = discord_env
    fake = env.fake
    guilds = [fake.add_guild(f"g{i}", shard=(i, SHARDS)) for i in range(SHARDS)]
    first, second = await asyncio.gather(processes("0-1", "first"), processes("2-3", "second"))
    assert sorted(tuple(i["shard"]) for i in fake.identifies) == [(i, SHARDS) for i in range(4)]
    owners = {i: fake.session_for(int(g["id"])).shard[0] for i, g in enumerate(guilds)}
    assert owners == {0: 0, 1: 1, 2: 2, 3: 3}

    # settings written through each process
    assert (await admin(env, guilds[0], "workload", {"workload": "coding"}))[
        "Default workload"
    ] == "coding"
    assert (await admin(env, guilds[2], "mode", {"mode": "interactive"}))[
        "Default mode"
    ] == "interactive"
    # and used by the process that wrote them
    menu = (await fit(env, guilds[0]))["components"][1]["components"][0]
    assert [o["value"] for o in menu["options"] if o.get("default")] == ["coding"]
    assert "interactive mode" in (await fit(env, guilds[2]))["embeds"][0]["footer"]["text"]

    # a rig is per person, not per server: saved through one process, used by the other
    alice = fake.user(name="alice")
    it = await fake.slash(
        "rig",
        {"hardware": "2x 3090", "ram": 64.0},
        subcommand="set",
        user=alice,
        channel=guilds[0]["channels"][0],
    )
    await fake.answered(it, 10.0)
    assert it.response_type == 4, it.errors
    it = await fake.slash(
        "fit", {"model": "qwen3-32b"}, user=alice, channel=guilds[2]["channels"][0]
    )
    await fake.answered(it, 10.0)
    embed = it.response["data"]["embeds"][0]
    assert embed["title"] == "Qwen3 32B on 2× NVIDIA GeForce RTX 3090"
    assert embed["description"].startswith("On your rig “main”.")

    # the first process acknowledges a change, then dies without any shutdown code
    assert (await admin(env, guilds[1], "chat", {"enabled": False}))["Chat answers"] == "off"
    first.kill()
    assert await first.proc.wait() == -9
    await fake.wait_until(lambda: not fake.live(int(guilds[0]["id"])), timeout=5)

    # the second process keeps answering its shards, and can still save
    for guild in guilds[2:]:
        assert (await fit(env, guild))["embeds"]
    assert (await admin(env, guilds[3], "chat", {"enabled": False}))["Chat answers"] == "off"

    # a replacement takes shards 0-1 over: what the killed process committed is all there
    await processes("0-1", "replacement")
    fields = await admin(env, guilds[0], "show", {})
    assert fields["Default workload"] == "coding" and "⚠️ Storage" not in fields
    assert (await admin(env, guilds[1], "show", {}))["Chat answers"] == "off"
    menu = (await fit(env, guilds[0]))["components"][1]["components"][0]
    assert [o["value"] for o in menu["options"] if o.get("default")] == ["coding"]
    # and the second never stopped
    assert second.proc.returncode is None
    assert (await admin(env, guilds[2], "show", {}))["Default mode"] == "interactive"


async def test_a_rig_one_process_saves_is_read_by_the_other(pg_url, tmp_path):
    """Rigs are per user and a user talks to every shard: two OS processes, one saves, the
    other reads (the /rig commands do the same through Discord in the two-process test above)."""
    import sys

    code = (
        "import asyncio, json, sys\n"
        "from bot.storage import Storage, parse_database_url\n"
        "async def main(url, action):\n"
        "    s = Storage(parse_database_url(url)); await s.open()\n"
        "    if action == 'save':\n"
        "        await s.save_rig(42, 'desk', {'gpus': [['rtx-3090', 2]], 'ram_gb': 64})\n"
        "    else:\n"
        "        rig = await s.rig(42); print(json.dumps([rig.name, rig.spec]))\n"
        "    await s.close()\n"
        "asyncio.run(main(sys.argv[1], sys.argv[2]))\n"
    )
    for action in ("save", "read"):
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            code,
            pg_url,
            action,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await asyncio.wait_for(proc.communicate(), 60)
        assert proc.returncode == 0, err.decode()
    assert out.decode().strip() == '["desk", {"gpus": [["rtx-3090", 2]], "ram_gb": 64}]'
