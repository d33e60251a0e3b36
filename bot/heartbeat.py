"""A heartbeat file for health checks: while every shard's gateway connection is up, the bot
writes the time to CANIRUN_HEARTBEAT_FILE every few seconds; `canirun-bot health` fails when the
file is older than CANIRUN_HEARTBEAT_MAX_AGE (a dead or long-lost gateway connection), even though
the process is alive. discord.py closes a connection whose heartbeats Discord stops acknowledging,
so a half-open socket counts as down too."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import time
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


def connected(bot: Any) -> bool:
    """Ready, and every shard this process runs has an open gateway connection."""
    if bot.is_closed() or not bot.is_ready():
        return False
    shards = getattr(bot, "shards", None) or {}
    return bool(shards) and all(not shard.is_closed() for shard in shards.values())


def write(path: Path, now: float) -> None:
    """Replace the file in one step, so a reader never sees half a number."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(f"{now:.3f}\n", encoding="ascii")
    os.replace(tmp, path)


def check(path: Path, max_age: float, now: float | None = None) -> str | None:
    """A problem sentence when the heartbeat is missing or older than `max_age` seconds."""
    now = time.time() if now is None else now
    try:
        beat = float(path.read_text(encoding="ascii").strip())
    except FileNotFoundError:
        return f"no gateway heartbeat yet ({path} is missing): the bot is not connected to Discord"
    except (OSError, ValueError):
        return f"the gateway heartbeat file {path} cannot be read"
    age = now - beat
    if age > max_age:
        return (
            f"no gateway connection for {age:.0f} s (heartbeat older than {max_age:g} s): "
            "the bot has lost Discord"
        )
    return None


class Heartbeat:
    """Writes the heartbeat while the bot is connected (start in setup_hook, stop in close)."""

    def __init__(self, bot: Any, path: Path, max_age: float):
        self.bot = bot
        self.path = path
        # several beats per allowed age, so one slow write is never a failed health check
        self.interval = max(0.05, min(15.0, max_age / 4))
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run(), name="heartbeat")

    async def _run(self) -> None:
        while True:
            if connected(self.bot):
                try:
                    await asyncio.to_thread(write, self.path, time.time())
                except OSError:
                    log.warning("cannot write the heartbeat file %s", self.path, exc_info=True)
            await asyncio.sleep(self.interval)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        # a bot that stopped is not healthy: no stale beat for the next check to trust
        with contextlib.suppress(OSError):
            self.path.unlink()
