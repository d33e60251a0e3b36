"""Memory over a long run: the real bot answers N requests from the fake Discord (tests/
fakediscord.py, 127.0.0.1 only) and the process's resident memory is read along the way.

    python -m bench.soak                  # 10,000 requests; RSS at 0, 1,000 and 10,000
    python -m bench.soak -n 2000 --at 0 500 1000 2000

The requests are what people send, in turn: /fit on a rotating model and hardware, the quant menu
of that card by its owner (an edit) and by someone else (a private copy), a chat question by
mention, a /quants list, autocomplete, "Run it". Every user is new for a while (a thousand of
them), so per-user state (cooldowns) is exercised too. The fake forgets what it recorded every
few hundred requests, so what grows is the bot. RSS is read after a full garbage collection.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import itertools
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

MODELS = ("llama-3.1-8b", "qwen3-32b", "gemma-3-27b", "gpt-oss-20b", "mistral-small-3.2-24b")
HARDWARE = ("rtx-3090", "rtx 4090", "2x 3090", "m2 max 64gb", "rtx 3060 12gb", "24gb")
USERS = 1000


def rss_mb() -> float:
    """Resident set size of this process, MB (Linux /proc)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


@dataclass
class Sample:
    requests: int
    rss_mb: float
    seconds: float


class Driver:
    def __init__(self, env: Any, guild: dict[str, Any]):
        self.env = env
        self.fake = env.fake
        self.channel = guild["channels"][0]
        self.users = [self.fake.user(name=f"user{i}") for i in range(USERS)]
        self.combos = itertools.cycle([(m, h) for m in MODELS for h in HARDWARE])
        self.turn = itertools.count()
        self.card: dict[str, Any] | None = None
        self.owner: dict[str, Any] | None = None

    def user(self) -> dict[str, Any]:
        return self.users[next(self.turn) % USERS]

    async def one(self, i: int) -> None:
        kind = i % 7
        fake, channel = self.fake, self.channel
        if kind == 0 or self.card is None:
            model, hardware = next(self.combos)
            self.owner = self.user()
            it = await fake.slash(
                "fit", {"model": model, "hardware": hardware}, user=self.owner, channel=channel
            )
            await fake.answered(it)
            self.card = fake.original(it)
        elif kind in (1, 2):
            menu = self.card["components"][0]["components"][0]
            quant = menu["options"][i % len(menu["options"])]["value"]
            who = self.owner if kind == 1 else self.user()
            it = await fake.select(self.card, menu["custom_id"], [quant], user=who, channel=channel)
            await fake.answered(it)
        elif kind == 3:
            model, hardware = next(self.combos)
            message = await fake.user_message(
                channel, self.user(), f"can a {hardware} run {model}?", mention_bot=True
            )
            await fake.wait_until(
                lambda: any(
                    (m.get("message_reference") or {}).get("message_id") == message["id"]
                    for m in fake.bot_messages(channel["id"])
                ),
                timeout=10,
            )
        elif kind == 4:
            model, hardware = next(self.combos)
            it = await fake.slash(
                "quants", {"model": model, "hardware": hardware}, user=self.user(), channel=channel
            )
            await fake.answered(it)
        elif kind == 5:
            it = await fake.autocomplete(
                "fit", {"model": MODELS[i % len(MODELS)][:4], "hardware": ""}, "model",
                user=self.user(), channel=channel,
            )  # fmt: skip
            await fake.answered(it)
        else:
            run = next(
                c for r in self.card["components"] for c in r["components"] if c["custom_id"].startswith("fx:")
            )  # fmt: skip
            it = await fake.click(self.card, run["custom_id"], user=self.user(), channel=channel)
            await fake.answered(it)


async def soak(n: int, checkpoints: list[int], *, log: bool = True) -> list[Sample]:
    # nothing leaves 127.0.0.1: the Hugging Face client stays offline, its cache in memory
    saved = {k: os.environ.get(k) for k in OFFLINE}
    os.environ.update(OFFLINE)
    try:
        return await _soak(n, checkpoints, log=log)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


OFFLINE = {
    "CANIRUN_OFFLINE": "1",
    "CANIRUN_HUB_CACHE": "memory",
    "HF_ENDPOINT": "http://127.0.0.1:9",
}


async def _soak(n: int, checkpoints: list[int], *, log: bool) -> list[Sample]:
    import discord
    import yarl
    from fakediscord import TOKEN, BotEnv, FakeDiscord

    fake = FakeDiscord(token=TOKEN, interaction_deadline=30.0)
    await fake.start()
    base, gateway = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    discord.http.Route.BASE = fake.base
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)
    samples: list[Sample] = []
    with tempfile.TemporaryDirectory() as tmp:
        env = BotEnv(fake, Path(tmp))
        try:
            guild = fake.add_guild()
            await env.start_bot()
            driver = Driver(env, guild)
            started = time.perf_counter()
            wanted = sorted(set(checkpoints))
            for i in range(n + 1):
                if wanted and i == wanted[0]:
                    wanted.pop(0)
                    fake.forget()
                    gc.collect()
                    sample = Sample(i, rss_mb(), time.perf_counter() - started)
                    samples.append(sample)
                    if log:
                        print(
                            f"{sample.requests:>6} requests  RSS {sample.rss_mb:7.1f} MB  "
                            f"{sample.seconds:6.1f} s",
                            flush=True,
                        )
                if i == n:
                    break
                await driver.one(i)
                if i % 200 == 199:
                    fake.forget()
            if fake.violations:
                raise AssertionError(f"Discord would have rejected: {fake.violations[:3]}")
        finally:
            await env.close()
            await fake.stop()
            discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = (
                base,
                gateway,
            )
    return samples


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("-n", type=int, default=10_000, help="answered requests (default 10,000)")
    p.add_argument(
        "--at", type=int, nargs="*", default=None, help="RSS checkpoints (default 0, 1000, n)"
    )
    args = p.parse_args(argv)
    checkpoints = args.at if args.at is not None else [0, min(1000, args.n), args.n]
    samples = asyncio.run(soak(args.n, checkpoints))
    if len(samples) >= 3:
        b, c = samples[1], samples[-1]
        per = (c.rss_mb - b.rss_mb) * 1024 / max(1, c.requests - b.requests)
        print(f"growth after warm-up: {per:.2f} KB per request ({b.requests} -> {c.requests})")
        print(f"throughput: {c.requests / c.seconds:.0f} requests/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
