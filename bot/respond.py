"""Answering an interaction on time, in the form the channel allows, and the "did you mean" detour
for unknown names.

Discord drops an interaction that is not acknowledged within 3 seconds. Engine calls usually take
milliseconds, so the answer is sent directly; when one takes longer than DEFER_AFTER, the
interaction is deferred ("thinking...", or for a click on a card a silent "updating") and the card
replaces the placeholder when ready.

Where the bot may not embed links, Discord drops embeds without an error: cards are then sent as
plain text (cards.as_text), with the same components.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import discord

from . import cards
from .errors import send_ephemeral
from .views import OwnedView, SuggestionView

log = logging.getLogger(__name__)

DEFER_AFTER = 1.5

Rendered = tuple[list[discord.Embed], discord.ui.View | None]
Runner = Callable[[dict[str, Any]], Awaitable[Rendered]]


async def within_deadline(
    interaction: discord.Interaction,
    work: Awaitable[Rendered],
    *,
    ephemeral: bool = False,
    update: bool = False,
    defer_after: float | None = None,
) -> Rendered:
    """Await `work`, deferring the interaction first if it takes longer than `defer_after`
    (`update`: the answer will edit the clicked message)."""
    task = asyncio.ensure_future(work)
    delay = DEFER_AFTER if defer_after is None else defer_after
    done, _ = await asyncio.wait({task}, timeout=delay)
    if not done and not interaction.response.is_done():
        if update:
            await interaction.response.defer()
        else:
            await interaction.response.defer(thinking=True, ephemeral=ephemeral)
    return await task


def can_embed(interaction: discord.Interaction) -> bool:
    """Whether the bot may embed links where the interaction happened (Discord drops embeds
    silently where it may not)."""
    return interaction.app_permissions.embed_links


def _body(interaction: discord.Interaction, embeds: list[discord.Embed]) -> dict[str, Any]:
    if not embeds or can_embed(interaction):
        return {"embeds": embeds}
    return {"content": cards.as_text(embeds), "embeds": []}


async def send_card(
    interaction: discord.Interaction,
    embeds: list[discord.Embed],
    view: discord.ui.View | None,
    *,
    ephemeral: bool = False,
    update: bool = False,
) -> None:
    """Send a card: as the answer, or (`update`) in place of the message whose component was
    clicked."""
    kw: dict[str, Any] = _body(interaction, embeds)
    kw["view"] = view if view is not None and view.children else None
    if update:
        if interaction.response.is_done():
            await interaction.edit_original_response(**kw)
        else:
            await interaction.response.edit_message(**kw)
        return
    if kw["view"] is None:
        kw.pop("view")
    if interaction.response.is_done():
        message = await interaction.edit_original_response(**kw)
    else:
        response = await interaction.response.send_message(ephemeral=ephemeral, **kw)
        message = response.resource if isinstance(response.resource, discord.Message) else None
    if isinstance(view, OwnedView):
        view.message = message


async def send_private_text(interaction: discord.Interaction, text: str) -> None:
    """A private plain-text answer (commands to copy, a tip)."""
    text = cards.clip(text, cards.CONTENT_MAX)
    if interaction.response.is_done():
        await interaction.followup.send(text, ephemeral=True)
    else:
        await interaction.response.send_message(text, ephemeral=True)


async def answer(
    interaction: discord.Interaction,
    params: dict[str, Any],
    run: Runner,
    *,
    ephemeral: bool = False,
) -> None:
    """Run `run(params)` and send its cards. An unknown name (fitengine.NotFound with
    suggestions) becomes an ephemeral "did you mean" with buttons that re-run with the pick."""
    from fitengine import NotFound

    try:
        embeds, view = await within_deadline(interaction, run(params), ephemeral=ephemeral)
    except NotFound as exc:
        key = next((k for k, v in params.items() if isinstance(v, str) and v == exc.query), None)
        if not exc.suggestions or key is None:
            raise

        async def pick(again: discord.Interaction, value: str) -> None:
            await answer(again, {**params, key: value}, run, ephemeral=ephemeral)

        text = cards.not_found_text(exc.kind, exc.query, exc.suggestions)
        await send_ephemeral(
            interaction, text, view=SuggestionView(interaction.user.id, exc.suggestions, pick)
        )
        return
    await send_card(interaction, embeds, view, ephemeral=ephemeral)
