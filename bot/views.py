"""Short-lived components: the "did you mean" buttons under an unknown name. Only the person who
asked can use them, for five minutes. (Cards' menus and buttons are bot/components.py: they
carry their state and last.)"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import discord

from . import cards

log = logging.getLogger(__name__)

# an interaction token lives 15 minutes: stop a little earlier, so the buttons can be disabled
VIEW_TIMEOUT = 14 * 60.0
NOT_YOURS = "Only the person who asked can pick here. Ask your own with `/fit`."


class OwnedView(discord.ui.View):
    """A view only its owner may use; on timeout its components are disabled."""

    def __init__(self, owner_id: int, *, timeout: float | None = VIEW_TIMEOUT):
        super().__init__(timeout=timeout)
        self.owner_id = owner_id
        self.message: discord.Message | discord.InteractionMessage | None = None

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(NOT_YOURS, ephemeral=True)
        return False

    async def on_timeout(self) -> None:
        if self.message is None:
            return
        for item in self.children:
            if isinstance(item, discord.ui.Select | discord.ui.Button):
                item.disabled = True
        # the message may be gone, or the interaction token expired
        with contextlib.suppress(discord.HTTPException):
            await self.message.edit(view=self)

    async def on_error(
        self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item[Any]
    ) -> None:
        # one place for errors: the tree's handler knows every case
        await interaction.client.tree.on_error(interaction, error)  # type: ignore[attr-defined]


Pick = Callable[[discord.Interaction, str], Awaitable[None]]


class SuggestionView(OwnedView):
    """'Did you mean' buttons: clicking one re-runs the request with that entry."""

    def __init__(
        self,
        owner_id: int,
        suggestions: Sequence[Any],
        on_pick: Pick,
        *,
        timeout: float | None = 5 * 60.0,
    ):
        super().__init__(owner_id, timeout=timeout)
        self.on_pick = on_pick
        for s in list(suggestions)[:5]:
            button = discord.ui.Button(
                label=cards.clip(s.name, 80),
                style=discord.ButtonStyle.secondary,
            )
            button.callback = self._make_callback(s.id)  # type: ignore[method-assign]
            self.add_item(button)

    def _make_callback(self, value: str) -> Callable[[discord.Interaction], Awaitable[None]]:
        async def callback(interaction: discord.Interaction) -> None:
            self.stop()
            await self.on_pick(interaction, value)

        return callback
