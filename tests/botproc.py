"""`canirun-bot` as its own OS process against the fake Discord (for the multi-process tests and
bench/shard_load.py):

    FAKE_DISCORD_BASE=http://127.0.0.1:PORT/api/v10 FAKE_DISCORD_GATEWAY=ws://127.0.0.1:PORT/gateway/ \\
        python tests/botproc.py run --shard-count 4 --shard-ids 0-1

The real command line runs unchanged; only what the test fixture changes in-process is changed
here too: discord.py's two URLs point at the fake, IDENTIFYs do not wait 5 s apart, and READY
comes 0.05 s after the last GUILD_CREATE. The process prints "READY" on stdout once every shard
it runs is ready. With BOTPROC_GC_STATS=1 it times Python's garbage collections and prints them
as one "GCSTATS {json}" line on SIGUSR1 (the benchmark explains its latency tail with them).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
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

    async def gc_stats(self, timeout: float = 10) -> dict[str, Any]:
        """The process's collections since the last call (needs BOTPROC_GC_STATS=1): count, the
        full (gen 2) ones, total and longest pause in ms."""
        assert self.proc.stdout is not None
        os.kill(self.pid, signal.SIGUSR1)
        while True:
            line = await asyncio.wait_for(self.proc.stdout.readline(), timeout)
            if not line:
                raise AssertionError(f"the bot process exited: {self.tail()}")
            if line.startswith(b"GCSTATS "):
                return json.loads(line[len(b"GCSTATS ") :])

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


def count_gc_pauses() -> None:
    import gc
    import time

    pauses: list[tuple[int, float]] = []
    started = [0.0]

    def timer(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
        else:
            pauses.append((info["generation"], time.perf_counter() - started[0]))

    def report(*_: Any) -> None:
        stats = {
            "collections": len(pauses),
            "full": sum(1 for g, _ in pauses if g == 2),
            "total_ms": round(sum(d for _, d in pauses) * 1000),
            "longest_ms": round(max((d for _, d in pauses), default=0) * 1000),
        }
        print("GCSTATS " + json.dumps(stats), flush=True)
        pauses.clear()  # the next report covers what comes after this one

    gc.callbacks.append(timer)
    signal.signal(signal.SIGUSR1, report)


def exit_with_parent() -> None:
    """A test bot must not outlive the test run that started it (a killed pytest would leave it
    reconnecting to a fake Discord that is gone)."""
    import threading
    import time

    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def main() -> int:
    exit_with_parent()
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

    if os.environ.get("BOTPROC_GC_STATS"):
        count_gc_pauses()
    CanIRunBot.before_identify_hook = before_identify_hook
    CanIRunBot.__init__ = __init__
    return cli.main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
