"""Answering an interaction on time, and the "did you mean" detour for unknown names.

Discord drops an interaction that is not acknowledged within 3 seconds. Engine calls usually take
milliseconds, so the answer is sent directly; when one takes longer than DEFER_AFTER, the
interaction is deferred ("thinking...") and the card replaces the placeholder when ready.
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
    defer_after: float | None = None,
) -> Rendered:
    """Await `work`, deferring the interaction first if it takes longer than `defer_after`."""
    task = asyncio.ensure_future(work)
    delay = DEFER_AFTER if defer_after is None else defer_after
    done, _ = await asyncio.wait({task}, timeout=delay)
    if not done and not interaction.response.is_done():
        await interaction.response.defer(thinking=True, ephemeral=ephemeral)
    return await task


async def send_card(
    interaction: discord.Interaction,
    embeds: list[discord.Embed],
    view: discord.ui.View | None,
    *,
    ephemeral: bool = False,
) -> None:
    kw: dict[str, Any] = {"embeds": embeds}
    if view is not None and view.children:
        kw["view"] = view
    if interaction.response.is_done():
        message = await interaction.edit_original_response(**kw)
    else:
        response = await interaction.response.send_message(ephemeral=ephemeral, **kw)
        message = response.resource if isinstance(response.resource, discord.Message) else None
    if isinstance(view, OwnedView):
        view.message = message


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
