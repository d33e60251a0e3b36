""" "Can it run?": a message context-menu command (right-click a message > Apps). It answers the
question in someone else's message, privately, to the person who clicked, on their saved rig when
the message names no hardware. Discord sends the message's text with the interaction, so no
Message Content intent is needed."""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from .. import cards, render
from ..respond import send_card, send_private_text, within_deadline
from ..rigs import rig_for

if TYPE_CHECKING:
    from ..bot import CanIRunBot

log = logging.getLogger(__name__)

MENU_NAME = "Can it run?"
NO_TEXT = "That message has no text I can read a question in."


class Ask(commands.Cog):
    def __init__(self, bot: CanIRunBot):
        self.bot = bot
        self.menu = app_commands.ContextMenu(
            name=MENU_NAME,
            callback=self.can_it_run,
            allowed_contexts=app_commands.AppCommandContext(
                guild=True, dm_channel=True, private_channel=True
            ),
            allowed_installs=app_commands.AppInstallationType(guild=True, user=True),
        )
        bot.tree.add_command(self.menu)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.menu.name, type=self.menu.type)

    async def can_it_run(self, interaction: discord.Interaction, message: discord.Message) -> None:
        started = time.perf_counter()
        text = cards.clean(message.content or "")[: self.bot.settings.chat_max_chars]
        if not text.strip():
            await send_private_text(interaction, NO_TEXT)
            return
        owner = interaction.user.id
        try:
            found = await rig_for(self.bot, owner)
        except Exception:  # a storage problem: answer without the rig
            log.warning("could not read the rig of user %s", owner, exc_info=True)
            found = None

        async def work() -> render.Rendered:
            ans = await self.bot.engine.ask(text, rig=found[1] if found else None, interaction=True)
            return await render.answer(self.bot, ans, owner, self.bot.engine.sources_in(text))

        embeds, view = await within_deadline(interaction, work(), ephemeral=True)
        await send_card(interaction, embeds, view, ephemeral=True)
        log.info(
            "answered %s for user %s on message %s in %.0f ms",
            MENU_NAME,
            owner,
            message.id,
            (time.perf_counter() - started) * 1000,
        )


async def setup(bot: CanIRunBot) -> None:
    await bot.add_cog(Ask(bot))
