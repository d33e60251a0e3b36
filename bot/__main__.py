"""canirun-bot: run the Discord bot, print its invite URL, sync its commands, check its health.

    canirun-bot [run] [--shard-count N --shard-ids 0-3]
                                      connect and answer (settings from the environment); with a
                                      shard range, run only those shards of N (several processes)
    canirun-bot invite                print the server-install and user-install links
    canirun-bot sync [--guild ID]     register the slash commands (globally, or in one server)
    canirun-bot health [--no-gateway] exit 0 if settings and the database are usable (and
                                      writable) and the running bot is connected to Discord (its
                                      heartbeat file)
    canirun-bot migrate-settings [--from FILE]
                                      copy settings and rigs from an SQLite file into DATABASE_URL

Every failure an operator can fix ends in one line on stderr and a non-zero status.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import socket
import sys
from pathlib import Path

import discord

from .config import ConfigError, Settings, load_settings
from .storage import StorageError

log = logging.getLogger("bot")

EXIT_CONFIG = 2
EXIT_DISCORD = 1


def _fail(message: str, status: int) -> int:
    print(f"canirun-bot: {message}", file=sys.stderr)
    return status


def setup_logging(settings: Settings) -> None:
    discord.utils.setup_logging(level=settings.log_level_int, root=True)
    # no token of any kind and no message text in the logs, at any level (bot/redact.py)
    from .redact import install

    token = settings.discord_token.get_secret_value() if settings.discord_token else None
    install([token])


# --------------------------------------------------------------------------- run


async def run_bot(settings: Settings, **bot_options: object) -> None:
    from .bot import CanIRunBot

    token = settings.token()
    bot = CanIRunBot(settings, **bot_options)  # type: ignore[arg-type]
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, lambda: asyncio.ensure_future(bot.close()))
    async with bot:
        await bot.start(token)


def explain_discord_error(exc: BaseException) -> str | None:
    """One line for the start-up failures an operator can fix, None for anything else."""
    if isinstance(exc, discord.LoginFailure):
        return (
            "Discord rejected the token (401 Unauthorized): reset it in the Developer Portal "
            "(your application > Bot > Reset Token) and update DISCORD_TOKEN"
        )
    if isinstance(exc, discord.PrivilegedIntentsRequired):
        return (
            "CANIRUN_MESSAGE_CONTENT is on but the Message Content intent is not enabled: turn it "
            "on in the Developer Portal (Bot > Privileged Gateway Intents) or unset the variable"
        )
    if isinstance(exc, discord.GatewayNotFound):
        return "could not reach Discord's gateway; check the network and try again"
    if isinstance(exc, discord.ConnectionClosed) and exc.code in (
        4004,
        4010,
        4011,
        4012,
        4013,
        4014,
    ):
        return f"Discord closed the connection with code {exc.code}: {exc.reason or 'see the logs'}"
    return None


# the network is down, Discord's name does not resolve, a proxy refuses: one line, not a traceback
NETWORK_ERRORS: tuple[type[BaseException], ...] = (ConnectionError, TimeoutError, socket.gaierror)
with contextlib.suppress(ImportError):
    import aiohttp

    NETWORK_ERRORS = (aiohttp.ClientConnectionError, *NETWORK_ERRORS)


def network_message(exc: BaseException) -> str:
    detail = " ".join(str(exc).split())[:200] or type(exc).__name__
    return f"could not reach Discord ({detail}); check the network and try again"


def _ready(settings: Settings) -> int | None:
    """What `run` and `sync` do before they connect: without a token, the exit status (after one
    line on stderr); with one, logging is set up and the answer is None."""
    try:
        settings.token()
    except ConfigError as exc:
        return _fail(str(exc), EXIT_CONFIG)
    setup_logging(settings)
    return None


# what `run` and `sync` catch while connected: passed to _connection_failure
CONNECTION_ERRORS = (discord.DiscordException, *NETWORK_ERRORS)


def _connection_failure(exc: BaseException) -> int | None:
    """The exit status for a Discord or network failure an operator can fix (after one line on
    stderr), None for any other Discord error."""
    if isinstance(exc, discord.DiscordException):
        message = explain_discord_error(exc)
        return None if message is None else _fail(message, EXIT_DISCORD)
    return _fail(network_message(exc), EXIT_DISCORD)


def cmd_run(settings: Settings) -> int:
    if (status := _ready(settings)) is not None:
        return status
    try:
        asyncio.run(run_bot(settings))
    except KeyboardInterrupt:
        return 0
    except ConfigError as exc:
        return _fail(str(exc), EXIT_CONFIG)
    except CONNECTION_ERRORS as exc:
        if (status := _connection_failure(exc)) is None:
            raise
        return status
    return 0


# --------------------------------------------------------------------------- invite


def cmd_invite(settings: Settings) -> int:
    from .bot import invite_url, user_install_url

    try:
        app_id = settings.resolved_application_id()
    except ConfigError as exc:
        return _fail(str(exc), EXIT_CONFIG)
    print("Add it to a server (slash commands, chat answers; minimal permissions):")
    print(invite_url(app_id))
    print("Add it to your account (your commands and “Can it run?” everywhere, no server needed):")
    print(user_install_url(app_id))
    return 0


# --------------------------------------------------------------------------- sync


async def sync_commands(
    settings: Settings, guild_id: int | None, *, clear: bool = False, **bot_options: object
) -> list[str]:
    """Register the slash commands over HTTP (no gateway connection). With a guild, the global
    commands are copied there (instant, for testing); without, they are synced globally."""
    from .bot import CanIRunBot

    token = settings.token()
    bot = CanIRunBot(settings, **bot_options)  # type: ignore[arg-type]
    async with bot:
        await bot.login(token)  # runs setup_hook: the cogs register their commands
        if guild_id is None:
            synced = await bot.tree.sync()
        else:
            guild = discord.Object(id=guild_id)
            if clear:
                bot.tree.clear_commands(guild=guild)
            else:
                bot.tree.copy_global_to(guild=guild)
            synced = await bot.tree.sync(guild=guild)
    return [c.name for c in synced]


def cmd_sync(settings: Settings, guild_id: int | None, clear: bool) -> int:
    if clear and guild_id is None:
        return _fail("--clear needs --guild (global commands are replaced by a plain sync)", 2)
    if (status := _ready(settings)) is not None:
        return status
    try:
        names = asyncio.run(sync_commands(settings, guild_id, clear=clear))
    except CONNECTION_ERRORS as exc:
        if (status := _connection_failure(exc)) is not None:
            return status
        if isinstance(exc, discord.HTTPException):
            return _fail(f"sync failed: {exc.status} {exc.text}", EXIT_DISCORD)
        raise
    where = f"server {guild_id}" if guild_id else "all servers (global; may take up to an hour)"
    print(f"synced {len(names)} commands to {where}: {', '.join(sorted(names)) or 'none'}")
    return 0


# --------------------------------------------------------------------------- health


async def check_health(settings: Settings, *, gateway: bool = True) -> list[str]:
    """Problems that stop the bot from working, without contacting Discord. The database must
    open, be at this version's schema and take a write (a row in health_probe); with `gateway`,
    a running bot's heartbeat too (bot/heartbeat.py)."""
    from . import heartbeat
    from .storage import Storage
    from .storage.migrate import head

    problems = []
    if gateway and (lost := heartbeat.check(settings.heartbeat_file, settings.heartbeat_max_age)):
        problems.append(lost)
    try:
        settings.token()
    except ConfigError as exc:
        problems.append(str(exc))
    store = Storage(settings.storage_target(), notify=False)
    await store.open()  # migrates, then commits the probe write
    try:
        if store.detail:
            problems.append(store.detail)
        elif (revision := await store.revision()) != head():
            problems.append(f"database schema revision {revision}, expected {head()}")
    finally:
        await store.close()
    try:
        import fitengine

        fitengine.default_catalog()
    except Exception as exc:
        problems.append(f"the catalog does not load: {exc}")
    return problems


def cmd_health(settings: Settings, gateway: bool = True) -> int:
    logging.getLogger("bot.storage").setLevel(logging.CRITICAL)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    problems = asyncio.run(check_health(settings, gateway=gateway))
    if problems:
        return _fail("unhealthy: " + "; ".join(problems), 1)
    print("ok")
    return 0


# --------------------------------------------------------------------------- migrate-settings


async def migrate_settings(settings: Settings, source: Path) -> str:
    """Copy an SQLite file's settings and rigs into DATABASE_URL; the line to print."""
    from .storage import Storage
    from .storage.copy import SourceError, copy_into, read_sqlite

    target = settings.storage_target()
    if target.sqlite_path is not None and target.sqlite_path.resolve() == source.resolve():
        raise ConfigError(
            "DATABASE_URL is not set (or names the source file): set it to the PostgreSQL "
            "database to copy into"
        )
    try:
        snapshot = await asyncio.to_thread(read_sqlite, source)
    except SourceError as exc:
        raise ConfigError(str(exc)) from None
    store = Storage(target, write_timeout=60, notify=False)
    await store.open()
    try:
        if store.problem is not None:
            raise ConfigError(f"cannot copy: {store.detail}")
        try:
            servers, rigs = await copy_into(snapshot, store)
        except StorageError as exc:
            raise ConfigError(f"nothing was copied: {store.detail or exc}") from None
    finally:
        await store.close()
    return (
        f"copied the settings of {servers} servers and {rigs} saved rigs from SQLite file "
        f"{source} to {target.describe()} (the file is unchanged)"
    )


def cmd_migrate_settings(settings: Settings, source: Path | None) -> int:
    logging.getLogger("alembic").setLevel(logging.WARNING)
    try:
        line = asyncio.run(migrate_settings(settings, source or settings.db))
    except ConfigError as exc:
        return _fail(str(exc), EXIT_CONFIG)
    print(line)
    return 0


# --------------------------------------------------------------------------- main


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="canirun-bot", description="canirun's Discord bot (settings from the environment)"
    )
    sub = p.add_subparsers(dest="command")
    run = sub.add_parser("run", help="connect to Discord and answer (the default)")
    run.add_argument(
        "--shard-count",
        type=int,
        metavar="N",
        help="shards over all processes (default: CANIRUN_SHARD_COUNT, else Discord's advice)",
    )
    run.add_argument(
        "--shard-ids",
        metavar="IDS",
        help='the shards this process runs, e.g. "0-3" or "0,2" (default: CANIRUN_SHARD_IDS, '
        "else all)",
    )
    sub.add_parser("invite", help="print the invite URL")
    sync = sub.add_parser("sync", help="register the slash commands with Discord")
    sync.add_argument("--guild", type=int, help="sync to this server only (instant)")
    sync.add_argument("--clear", action="store_true", help="remove the commands from --guild")
    health = sub.add_parser(
        "health", help="check settings, the database and the gateway heartbeat (for HEALTHCHECK)"
    )
    health.add_argument(
        "--no-gateway",
        action="store_true",
        help="skip the heartbeat check (before the bot has ever run)",
    )
    copy = sub.add_parser(
        "migrate-settings",
        help="copy settings and saved rigs from the SQLite file into DATABASE_URL",
    )
    copy.add_argument(
        "--from",
        dest="source",
        type=Path,
        metavar="FILE",
        help="the SQLite file (default: CANIRUN_DB)",
    )
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    overrides: dict[str, object] = {}
    if getattr(args, "shard_count", None) is not None:
        overrides["shard_count"] = args.shard_count
    if getattr(args, "shard_ids", None) is not None:
        overrides["shard_ids"] = args.shard_ids
    try:
        settings = load_settings(**overrides)
    except ConfigError as exc:
        return _fail(str(exc), EXIT_CONFIG)
    command = args.command or "run"
    if command == "invite":
        return cmd_invite(settings)
    if command == "sync":
        return cmd_sync(settings, args.guild, args.clear)
    if command == "health":
        return cmd_health(settings, gateway=not args.no_gateway)
    if command == "migrate-settings":
        return cmd_migrate_settings(settings, args.source)
    return cmd_run(settings)


if __name__ == "__main__":
    sys.exit(main())
