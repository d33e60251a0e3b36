"""/settings: per-server settings for admins (Manage Server).

Two layers guard it: default_permissions hides the commands from members without Manage Server
(server owners can change that in Server Settings > Integrations), and a local check refuses
anyone without the permission whatever the integration settings say."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from .. import cards
from ..engine import mode_choices
from ..storage import GuildSettings

if TYPE_CHECKING:
    from ..bot import CanIRunBot

DEFAULT = "default"
log = logging.getLogger(__name__)


def settings_embed(
    settings: GuildSettings, *, message_content: bool, error: str | None
) -> discord.Embed:
    channels = ", ".join(f"<#{c}>" for c in sorted(settings.channels)) or "none"
    listen = channels
    if settings.channels and not message_content:
        listen += (
            "\n⚠️ The bot runs without the Message Content intent, so it only sees messages "
            "that mention it; these channels have no effect until the operator enables it."
        )
    fields = [
        ("Chat answers", "on" if settings.chat_enabled else "off", True),
        ("Default workload", settings.workload or "engine default", True),
        ("Default mode", settings.mode or "engine default", True),
        ("Answers unaddressed questions in", listen, False),
        ("Chat replies allowed in", replies_text(settings), False),
    ]
    if error:
        fields.append(("⚠️ Storage", error, False))
    return cards.card("Server settings", None, fields=fields, footer=None)


def replies_text(settings: GuildSettings) -> str:
    if not settings.reply_channels:
        return "every channel (`/settings replies` limits them)"
    return ", ".join(f"<#{c}>" for c in sorted(settings.reply_channels | settings.channels))


@app_commands.allowed_contexts(guilds=True, dms=False, private_channels=False)
@app_commands.allowed_installs(guilds=True, users=False)
@app_commands.default_permissions(manage_guild=True)
class Settings(commands.GroupCog, group_name="settings", group_description="Server settings"):
    def __init__(self, bot: CanIRunBot):
        self.bot = bot
        super().__init__()

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.guild_id is None:
            raise app_commands.NoPrivateMessage()
        perms = interaction.permissions
        if not (perms.manage_guild or perms.administrator):
            raise app_commands.MissingPermissions(["manage_guild"])
        return True

    def _show(self, settings: GuildSettings) -> discord.Embed:
        return settings_embed(
            settings,
            message_content=self.bot.intents.message_content,
            error=self.bot.store.error,
        )

    async def _done(self, interaction: discord.Interaction, settings: GuildSettings) -> None:
        await interaction.response.send_message(embed=self._show(settings), ephemeral=True)

    @app_commands.command(name="show", description="Show this server's settings")
    async def show(self, interaction: discord.Interaction) -> None:
        assert interaction.guild_id is not None
        await self._done(interaction, self.bot.store.get(interaction.guild_id))

    @app_commands.command(name="chat", description="Turn natural-language answers on or off")
    @app_commands.describe(enabled="Answer questions in chat (mentions and opted-in channels)")
    async def chat(self, interaction: discord.Interaction, enabled: bool) -> None:
        assert interaction.guild_id is not None
        await self._done(interaction, await self.bot.store.set_chat(interaction.guild_id, enabled))

    @app_commands.command(
        name="channel", description="Answer questions in a channel without being mentioned"
    )
    @app_commands.describe(
        channel="The channel", listen="Answer unaddressed questions there (needs Message Content)"
    )
    async def channel(
        self,
        interaction: discord.Interaction,
        channel: discord.TextChannel | discord.ForumChannel | discord.Thread,
        listen: bool,
    ) -> None:
        assert interaction.guild_id is not None
        settings = await self.bot.store.set_channel(interaction.guild_id, channel.id, listen)
        await self._done(interaction, settings)

    @app_commands.command(
        name="replies", description="The channels where chat answers are allowed (default: all)"
    )
    @app_commands.describe(
        channel="The channel",
        allow="Allow chat answers there; once one channel is allowed, only allowed ones get them",
    )
    async def replies(
        self,
        interaction: discord.Interaction,
        channel: discord.TextChannel | discord.ForumChannel | discord.Thread,
        allow: bool,
    ) -> None:
        assert interaction.guild_id is not None
        settings = await self.bot.store.set_reply_channel(interaction.guild_id, channel.id, allow)
        await self._done(interaction, settings)

    @app_commands.command(name="workload", description="The default workload for this server")
    @app_commands.describe(workload="A workload, or 'default' for the engine's default")
    async def workload(
        self, interaction: discord.Interaction, workload: app_commands.Range[str, 1, 100]
    ) -> None:
        assert interaction.guild_id is not None
        value = None if workload.lower() == DEFAULT else workload
        known = {wid for wid, _ in self.bot.engine.workloads()}
        if value is not None and value not in known:
            names = ", ".join(f"`{w}`" for w in sorted(known)) or "none"
            await interaction.response.send_message(
                f"Unknown workload “{cards.user_text(workload, 60)}”. Known: {names}.",
                ephemeral=True,
            )
            return
        await self._done(
            interaction, await self.bot.store.set_workload(interaction.guild_id, value)
        )

    @workload.autocomplete("workload")
    async def _workload_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        default = app_commands.Choice(name="Engine default", value=DEFAULT)
        return [default, *self.bot.engine.workload_choices(current)[:24]]

    @app_commands.command(name="mode", description="The default mode for this server")
    @app_commands.describe(mode="How to weigh the workloads in the overall grade")
    @app_commands.choices(mode=mode_choices(default=True))
    async def mode(self, interaction: discord.Interaction, mode: app_commands.Choice[str]) -> None:
        assert interaction.guild_id is not None
        value = None if mode.value == DEFAULT else mode.value
        await self._done(interaction, await self.bot.store.set_mode(interaction.guild_id, value))


class Forget(commands.Cog):
    """A server's settings go when the bot leaves the server (privacy: /about says so)."""

    def __init__(self, bot: CanIRunBot):
        self.bot = bot

    @commands.Cog.listener()
    async def on_guild_remove(self, guild: discord.Guild) -> None:
        try:
            await self.bot.store.forget_guild(guild.id)
        except Exception:  # a storage problem: the settings stay until the next removal
            log.warning("could not delete the settings of server %s", guild.id, exc_info=True)
        else:
            log.info("removed from server %s: its settings are deleted", guild.id)


async def setup(bot: CanIRunBot) -> None:
    await bot.add_cog(Forget(bot))
    await bot.add_cog(Settings(bot))
