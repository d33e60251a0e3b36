"""The bot: one AutoShardedBot subclass. setup_hook opens the storage (SQLite, or PostgreSQL with
DATABASE_URL), warms the engine's catalog and search indexes, and loads the cogs, each in its own
try/log. The shards it runs: all of them (AutoSharded, as many as Discord recommends), or
CANIRUN_SHARD_IDS of CANIRUN_SHARD_COUNT when several processes share the work."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from . import components
from .config import Settings
from .engine import Engine
from .errors import CanIRunTree
from .heartbeat import Heartbeat
from .storage import Storage

log = logging.getLogger(__name__)

EXTENSIONS = (
    "bot.cogs.fit",
    "bot.cogs.rig",
    "bot.cogs.ask",
    "bot.cogs.chat",
    "bot.cogs.settings",
    "bot.cogs.help",
)

# View Channel, Send Messages, Send Messages in Threads, Embed Links, Read Message History
INVITE_PERMISSIONS = 274877991936
INVITE_SCOPES = ("bot", "applications.commands")


def make_intents(settings: Settings) -> discord.Intents:
    """Only what the bot uses. Message Content is privileged: without it, the bot still sees the
    text of DMs and of messages that mention it."""
    intents = discord.Intents.none()
    intents.guilds = True
    intents.guild_messages = True
    intents.dm_messages = True
    intents.message_content = settings.message_content
    return intents


# Discord's install types: a server (the bot joins it) or a person's account (their commands
# work everywhere, no bot in the server)
GUILD_INSTALL, USER_INSTALL = 0, 1


def invite_url(application_id: int) -> str:
    """Add the bot to a server: the bot user with the minimal permissions, and its commands."""
    url = discord.utils.oauth_url(
        application_id,
        permissions=discord.Permissions(INVITE_PERMISSIONS),
        scopes=INVITE_SCOPES,
    )
    return f"{url}&integration_type={GUILD_INSTALL}"


def user_install_url(application_id: int) -> str:
    """Add the app to one's own account: its commands and "Can it run?" in any server, DM or
    group chat, answered privately where the bot is not a member."""
    url = discord.utils.oauth_url(application_id, scopes=("applications.commands",))
    return f"{url}&integration_type={USER_INSTALL}"


class CanIRunBot(commands.AutoShardedBot):
    def __init__(
        self,
        settings: Settings,
        *,
        engine: Engine | None = None,
        store: Storage | None = None,
        **options: Any,
    ):
        super().__init__(
            # slash commands and chat only: prefix commands are never processed (see on_message)
            command_prefix=commands.when_mentioned,
            help_command=None,
            intents=make_intents(settings),
            tree_cls=CanIRunTree,
            allowed_mentions=discord.AllowedMentions.none(),
            allowed_installs=app_commands.AppInstallationType(guild=True, user=True),
            allowed_contexts=app_commands.AppCommandContext(
                guild=True, dm_channel=True, private_channel=True
            ),
            shard_count=settings.shard_count,
            shard_ids=settings.shard_ids,
            chunk_guilds_at_startup=False,
            member_cache_flags=discord.MemberCacheFlags.none(),
            max_messages=None,
            **options,
        )
        self.settings = settings
        self.store = store or Storage(settings.storage_target())
        # Hugging Face reads are cached in the same database (table hub_cache), whichever it is
        self.engine = engine or Engine(
            hub_cache=self.store.hub_cache(),
            command_workers=settings.command_workers,
            chat_workers=settings.chat_workers,
        )
        self.heartbeat = Heartbeat(self, settings.heartbeat_file, settings.heartbeat_max_age)

    async def setup_hook(self) -> None:
        # both before the gateway connects, so the first interaction finds everything loaded
        await asyncio.gather(self.store.open(), self._warm())
        # cards' menus and buttons carry their state: listen for them whenever they were sent
        components.register(self)
        self.heartbeat.start()
        for extension in EXTENSIONS:
            try:
                await self.load_extension(extension)
            except Exception:
                log.exception("failed to load extension %s", extension)

    async def _warm(self) -> None:
        try:
            await asyncio.to_thread(self.engine.warm)
        except Exception:
            log.exception("could not warm up the engine; the first commands will be slower")

    async def on_ready(self) -> None:
        log.info(
            "ready as %s (%s) in %d servers, shards %s of %s",
            self.user,
            self.user.id if self.user else "?",
            len(self.guilds),
            list(self.shards),
            self.shard_count,
        )

    async def on_message(self, message: discord.Message, /) -> None:
        # the chat cog answers messages; there are no prefix commands to process
        return

    async def close(self) -> None:
        try:
            await self.heartbeat.stop()
            await super().close()
        finally:
            await self.store.close()
            close = getattr(self.engine, "close", None)  # test doubles may have none
            if close is not None:
                await close()
