"""/help: what the bot does and how to ask."""

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
        await interaction.response.send_message(embed=cards.help_card(), ephemeral=True)


async def setup(bot: CanIRunBot) -> None:
    await bot.add_cog(Help(bot))
