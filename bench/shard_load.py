"""Scale-out load: the fake Discord (tests/fakediscord.py) with 10,000 servers over 16 shards,
answered by real `canirun-bot run` processes (tests/botproc.py), in two set-ups:

    sqlite    one process runs all 16 shards, state in an SQLite file
    postgres  four processes run 4 shards each (0-3, 4-7, 8-11, 12-15), state in one PostgreSQL
              (a real server started here from the packaged binaries, with its durable defaults)

Each set-up answers the same stream of slash commands, sent by a fixed number of simulated users
with a fixed number in flight (closed loop): /fit (reads the server's settings, runs the engine),
/settings show (reads them) and /settings workload (a committed write). Reported: interactions
answered per second, reply latency (sent -> the bot's final answer reaches the fake) p50 / p99,
answers that missed Discord's 3-second deadline or failed, and the resident memory (VmRSS) of each
bot process at the end.

    python -m bench.shard_load                       # both set-ups, defaults below
    python -m bench.shard_load --setups postgres --interactions 2000 --concurrency 32

Everything runs on this machine: the fake, the load, PostgreSQL and the bots share its cores, so
the figures are a floor for one machine, not a cluster's capacity.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from botproc import BotProcess  # noqa: E402
from fakediscord import ADMIN_PERMISSIONS, TOKEN, FakeDiscord  # noqa: E402
from pgserver import PostgresServer  # noqa: E402

GUILDS = 10_000
SHARDS = 16
PROCESSES = 4

FITS = [
    ("llama-3.1-8b", "rtx-3090"),
    ("qwen3-32b", "rtx-4090"),
    ("gemma-3-27b", "m2-max-64gb"),
    ("llama-3.3-70b", "rtx-3090"),
    ("qwen3-30b-a3b", "rtx-4060"),
    ("mistral-small-3.2-24b", "rx-7900-xtx"),
]
WORKLOADS = ["coding", "chat", "agentic", "default"]
# the share of each command in the stream
MIX = (("fit", 0.8), ("show", 0.1), ("write", 0.1))


@dataclasses.dataclass
class Result:
    setup: str
    processes: int
    sent: int
    answered: int
    late_or_failed: int
    seconds: float
    p50_ms: float
    p99_ms: float
    rss_ready_mb: list[float]  # per process once every shard is ready (the guild cache)
    rss_mb: list[float]  # per process after the run
    start_s: float
    gc: list[dict]  # per process: collections, full ones, total and longest pause (ms)

    @property
    def per_second(self) -> float:
        return self.answered / self.seconds if self.seconds else 0.0


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def drive(fake: FakeDiscord, guilds: list[dict], total: int, concurrency: int, seed: int):
    """Send `total` interactions, `concurrency` at a time; (latencies in s, failures)."""
    rng = random.Random(seed)
    users = [fake.user(name=f"user{i}") for i in range(500)]
    kinds = [k for k, _ in MIX]
    weights = [w for _, w in MIX]
    latencies: list[float] = []
    failures = 0
    queue = iter(range(total))

    async def one() -> None:
        nonlocal failures
        guild = rng.choice(guilds)
        channel = guild["channels"][0]
        kind = rng.choices(kinds, weights)[0]
        if kind == "fit":
            model, hardware = rng.choice(FITS)
            it = await fake.slash(
                "fit",
                {"model": model, "hardware": hardware},
                user=rng.choice(users),
                channel=channel,
            )
        else:
            options = {"workload": rng.choice(WORKLOADS)} if kind == "write" else {}
            it = await fake.slash(
                "settings",
                options,
                subcommand="workload" if kind == "write" else "show",
                user=rng.choice(users),
                channel=channel,
                permissions=ADMIN_PERMISSIONS,
            )
        try:
            await fake.answered(it, timeout=10)
        except AssertionError:
            failures += 1
            return
        if it.errors or it.answered_at is None:
            failures += 1
            return
        latencies.append(it.answered_at - it.created)

    async def worker() -> None:
        for _ in queue:
            await one()

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies, failures


async def run_setup(
    setup: str, total: int, warmup: int, concurrency: int, workdir: Path, seed: int
) -> Result:
    fake = FakeDiscord(token=TOKEN, interaction_deadline=3.0, shard_count=SHARDS)
    guilds = [
        fake.add_guild(f"guild{i}", channels=1, shard=(i % SHARDS, SHARDS)) for i in range(GUILDS)
    ]
    await fake.start()
    server = None
    bots: list[BotProcess] = []
    try:
        env = {
            "DISCORD_TOKEN": TOKEN,
            "CANIRUN_LOG_LEVEL": "WARNING",
            "CANIRUN_CHAT_COOLDOWN": "0",
            "BOTPROC_GC_STATS": "1",
        }
        if setup == "postgres":
            server = await asyncio.to_thread(lambda: PostgresServer(durable=True).start())
            env["DATABASE_URL"] = server.url("postgres")
            per = SHARDS // PROCESSES
            ranges = [f"{p * per}-{p * per + per - 1}" for p in range(PROCESSES)]
        else:
            env["CANIRUN_DB"] = str(workdir / "bench.sqlite3")
            ranges = [None]
        started = time.monotonic()
        for i, shard_ids in enumerate(ranges):
            args = ["run", "--shard-count", str(SHARDS)]
            if shard_ids:
                args += ["--shard-ids", shard_ids]
            # one at a time: their migrations and catalog warm-ups would only queue on 2 cores
            bots.append(
                await BotProcess.start(fake, args, env, workdir / f"{setup}-{i}.log", timeout=600)
            )
        start_s = time.monotonic() - started
        rss_ready = [bot.rss_mb() for bot in bots]
        await drive(fake, guilds, warmup, concurrency, seed + 1)  # engine caches, connections
        for bot in bots:
            await bot.gc_stats()  # start counting collections here
        began = time.monotonic()
        latencies, failures = await drive(fake, guilds, total, concurrency, seed)
        seconds = time.monotonic() - began
        rss = [bot.rss_mb() for bot in bots]
        gc_pauses = [await bot.gc_stats() for bot in bots]
        late = failures + sum(
            1 for v in fake.violations if "answered after" in v or "Unknown interaction" in v
        )
        return Result(
            setup=setup,
            processes=len(bots),
            sent=total,
            answered=len(latencies),
            late_or_failed=late,
            seconds=seconds,
            p50_ms=percentile(latencies, 0.50) * 1000,
            p99_ms=percentile(latencies, 0.99) * 1000,
            rss_ready_mb=rss_ready,
            rss_mb=rss,
            start_s=start_s,
            gc=gc_pauses,
        )
    finally:
        for bot in bots:
            await bot.stop()
        await fake.stop()
        if server is not None:
            await asyncio.to_thread(server.stop)


def table(results: list[Result]) -> str:
    lines = [
        "| set-up | processes | answered / sent | interactions/s | p50 | p99 | late or failed "
        "| RSS per process (ready -> after) | start (all READY) | longest GC pause |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        rss = ", ".join(
            f"{a:.0f} -> {b:.0f}" for a, b in zip(r.rss_ready_mb, r.rss_mb, strict=True)
        )
        rss += " MB"
        name = "SQLite" if r.setup == "sqlite" else "PostgreSQL"
        lines.append(
            f"| {name} | {r.processes} x {SHARDS // r.processes} shards | {r.answered} / {r.sent} "
            f"| {r.per_second:.0f} | {r.p50_ms:.0f} ms | {r.p99_ms:.0f} ms | {r.late_or_failed} "
            f"| {rss} | {r.start_s:.0f} s | {max(g['longest_ms'] for g in r.gc)} ms |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--setups", default="sqlite,postgres")
    p.add_argument("--interactions", type=int, default=3000)
    p.add_argument("--warmup", type=int, default=300)
    p.add_argument("--concurrency", type=int, default=32, help="interactions in flight")
    p.add_argument("--seed", type=int, default=12)
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory(prefix="canirun-shard-load-") as tmp:
        for setup in args.setups.split(","):
            result = asyncio.run(
                run_setup(
                    setup.strip(),
                    args.interactions,
                    args.warmup,
                    args.concurrency,
                    Path(tmp),
                    args.seed,
                )
            )
            results.append(result)
            print(
                f"{setup}: {result.per_second:.0f}/s, p50 {result.p50_ms:.0f} ms, "
                f"p99 {result.p99_ms:.0f} ms",
                file=sys.stderr,
            )
    if args.json:
        print(json.dumps([dataclasses.asdict(r) for r in results], indent=2))
    else:
        print(
            f"{GUILDS:,} servers over {SHARDS} shards; {args.interactions} interactions, "
            f"{args.concurrency} in flight; mix {', '.join(f'{k} {w:.0%}' for k, w in MIX)}\n"
        )
        print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
