"""/help: what the bot does and how to ask; /about: what it stores, for how long, and how to
delete it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from .. import cards

if TYPE_CHECKING:
    from ..bot import CanIRunBot


class Help(commands.Cog):
    def __init__(self, bot: CanIRunBot):
        self.bot = bot

    @app_commands.command(name="help", description="What canirun does and how to ask")
    async def help(self, interaction: discord.Interaction) -> None:
        await self._private(interaction, cards.help_card())

    @app_commands.command(name="about", description="What the bot stores, how long, how to delete")
    async def about(self, interaction: discord.Interaction) -> None:
        await self._private(interaction, cards.about_card())

    async def _private(self, interaction: discord.Interaction, embed: discord.Embed) -> None:
        if interaction.app_permissions.embed_links:
            await interaction.response.send_message(embed=embed, ephemeral=True)
        else:
            await interaction.response.send_message(cards.as_text([embed]), ephemeral=True)


async def setup(bot: CanIRunBot) -> None:
    await bot.add_cog(Help(bot))
