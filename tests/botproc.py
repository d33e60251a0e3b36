"""`canirun-bot` as its own OS process against the fake Discord (for the multi-process tests and
bench/shard_load.py):

    FAKE_DISCORD_BASE=http://127.0.0.1:PORT/api/v10 FAKE_DISCORD_GATEWAY=ws://127.0.0.1:PORT/gateway/ \\
        python tests/botproc.py run --shard-count 4 --shard-ids 0-1

The real command line runs unchanged; only what the test fixture changes in-process is changed
here too: discord.py's two URLs point at the fake, IDENTIFYs do not wait 5 s apart, and READY
comes 0.05 s after the last GUILD_CREATE. The process prints "READY" on stdout once every shard
it runs is ready.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


class BotProcess:
    """A started bot process (see the module docstring)."""

    def __init__(self, proc: asyncio.subprocess.Process, log: Path):
        self.proc = proc
        self.log = log

    @property
    def pid(self) -> int:
        return self.proc.pid

    @classmethod
    async def start(
        cls, fake: Any, args: list[str], env: dict[str, str], log: Path, timeout: float = 120
    ) -> BotProcess:
        environ = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("CANIRUN_", "DISCORD_")) and k != "DATABASE_URL"
        }
        environ.update(
            FAKE_DISCORD_BASE=fake.base,
            FAKE_DISCORD_GATEWAY=fake.gateway_url,
            PYTHONPATH=str(ROOT),
            **env,
        )
        with open(log, "ab") as err:
            proc = await asyncio.create_subprocess_exec(
                sys.executable,
                str(Path(__file__).resolve()),
                *args,
                stdout=asyncio.subprocess.PIPE,
                stderr=err,
                stdin=asyncio.subprocess.DEVNULL,
                env=environ,
                cwd=str(log.parent),
            )
        bot = cls(proc, log)
        try:
            await asyncio.wait_for(bot._ready(), timeout)
        except BaseException:
            await bot.stop()
            raise
        return bot

    async def _ready(self) -> None:
        assert self.proc.stdout is not None
        while True:
            line = await self.proc.stdout.readline()
            if not line:
                raise AssertionError(f"the bot process exited: {self.tail()}")
            if line.strip() == b"READY":
                return

    def tail(self, chars: int = 2000) -> str:
        return self.log.read_text(errors="replace")[-chars:] if self.log.exists() else ""

    def rss_mb(self) -> float:
        """Resident memory (VmRSS), MB."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs, as when the kernel or an operator kills it."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)

    async def stop(self, timeout: float = 15) -> int | None:
        if self.proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.proc.terminate()
            try:
                await asyncio.wait_for(self.proc.wait(), timeout)
            except TimeoutError:
                self.kill()
                await self.proc.wait()
        return self.proc.returncode


def main() -> int:
    import discord
    import yarl

    discord.http.Route.BASE = os.environ["FAKE_DISCORD_BASE"]
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(os.environ["FAKE_DISCORD_GATEWAY"])

    from bot import __main__ as cli
    from bot.bot import CanIRunBot

    async def before_identify_hook(self, shard_id, *, initial=False):
        return None  # production waits 5 s between IDENTIFYs

    original_init = CanIRunBot.__init__

    def __init__(self, settings, **options):
        options.setdefault("guild_ready_timeout", 0.05)
        original_init(self, settings, **options)

        async def announce() -> None:
            print("READY", flush=True)

        self.add_listener(announce, "on_ready")

    CanIRunBot.before_identify_hook = before_identify_hook
    CanIRunBot.__init__ = __init__
    return cli.main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
