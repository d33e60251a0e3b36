"""The fake Discord shards as Discord does: guilds by (guild_id >> 22) % shard_count, events to
the shard that holds the guild, 4010 for an invalid shard and 4011 when sharding is required."""

from __future__ import annotations

import json

import aiohttp
from fakediscord import IDENTIFY


async def identify(fake, shard: list[int]) -> tuple[list[dict], int | None]:
    """A bare gateway client: IDENTIFY, then the frames until the fake closes or goes quiet."""
    frames: list[dict] = []
    async with aiohttp.ClientSession() as http, http.ws_connect(fake.gateway_url) as ws:
        await ws.receive_json()  # HELLO
        await ws.send_str(
            json.dumps({"op": IDENTIFY, "d": {"token": fake.token, "intents": 1, "shard": shard}})
        )
        while True:
            try:
                msg = await ws.receive(timeout=0.3)
            except TimeoutError:
                return frames, None
            if msg.type != aiohttp.WSMsgType.TEXT:
                return frames, ws.close_code
            frames.append(json.loads(msg.data))


async def test_guilds_are_created_on_the_shard_asked_for(discord_env):
    fake = discord_env.fake
    for count in (1, 2, 16):
        for shard in range(count):
            guild = fake.add_guild(shard=(shard, count))
            assert (int(guild["id"]) >> 22) % count == shard
    ids = list(fake.guilds)
    assert len(set(ids)) == len(ids)


async def test_a_shard_receives_exactly_its_guilds(discord_env):
    fake = discord_env.fake
    mine = [fake.add_guild(shard=(1, 3)) for _ in range(3)]
    for other in (0, 2):
        fake.add_guild(shard=(other, 3))
    frames, closed = await identify(fake, [1, 3])
    assert closed is None
    ready = next(f for f in frames if f.get("t") == "READY")
    assert {g["id"] for g in ready["d"]["guilds"]} == {g["id"] for g in mine}
    created = [f["d"]["id"] for f in frames if f.get("t") == "GUILD_CREATE"]
    assert sorted(created) == sorted(g["id"] for g in mine)
    assert fake.session_for(int(mine[0]["id"])).shard == (1, 3)


async def test_an_invalid_shard_is_closed_with_4010(discord_env):
    fake = discord_env.fake
    for shard in ([2, 2], [-1, 2], [0, 0]):
        _, closed = await identify(fake, shard)
        assert closed == 4010
    assert fake.close_codes == [4010, 4010, 4010]


async def test_a_shard_with_too_many_guilds_is_closed_with_4011(discord_env):
    fake = discord_env.fake
    fake.max_guilds_per_shard = 3
    for _ in range(4):
        fake.add_guild(shard=(0, 2))
    _, closed = await identify(fake, [0, 2])
    assert closed == 4011
    _, closed = await identify(fake, [1, 2])  # the other shard holds none: fine
    assert closed is None
