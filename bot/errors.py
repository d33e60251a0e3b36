"""One place for errors: every failure a user can cause becomes one friendly ephemeral sentence;
real bugs are logged with the interaction and get an apology."""

from __future__ import annotations

import logging
from typing import Any

import discord
from discord import app_commands

from . import cards
from .engine import engine_errors
from .state import StateError
from .storage import RigError, StorageError

log = logging.getLogger(__name__)

BUG = "Something went wrong on my side; it has been logged. Try again in a moment."


class Friendly(Exception):
    """Something the user can fix; str() is the one sentence to show them."""


def friendly_message(error: BaseException) -> str | None:
    """The sentence to show for a user-facing error, or None for a bug."""
    if isinstance(error, app_commands.CommandInvokeError | app_commands.TransformerError):
        inner = error.__cause__ or getattr(error, "original", None)
        if isinstance(error, app_commands.TransformerError):
            return f"I couldn't read “{cards.user_text(str(error.value), 80)}” there."
        if inner is not None:
            return friendly_message(inner)
    if isinstance(error, Friendly):
        return str(error)
    if (stale := read_state_error(error)) is not None:
        return stale
    if isinstance(error, app_commands.CommandOnCooldown):
        return f"Slow down a little: try again in {max(1, round(error.retry_after))} s."
    if isinstance(error, app_commands.MissingPermissions):
        return "You need the **Manage Server** permission for that."
    if isinstance(error, app_commands.BotMissingPermissions):
        return "I'm missing permissions in this channel (View Channel, Send Messages, Embed Links)."
    if isinstance(error, app_commands.NoPrivateMessage):
        return "That only works in a server."
    if isinstance(error, app_commands.CheckFailure):
        return "You can't use that here."
    if isinstance(error, app_commands.CommandNotFound | app_commands.CommandSignatureMismatch):
        return "That command is out of date; a bot admin needs to run `canirun-bot sync`."
    if isinstance(error, StorageError | RigError):
        return str(error)  # says what is wrong and what to do, never a host path
    errors = engine_errors()
    if errors and isinstance(error, errors):
        if getattr(error, "kind", None) and hasattr(error, "suggestions"):
            return cards.not_found_text(error.kind, error.query, error.suggestions)
        return cards.clip(cards.engine_text(str(error)), cards.CONTENT_MAX)
    if isinstance(error, TimeoutError):
        return "That took too long to work out. Try a narrower question."
    return None


def read_state_error(error: BaseException) -> str | None:
    if isinstance(error, StateError):
        return "This card is from an older version of the bot: run the command again."
    return None


def describe_interaction(interaction: discord.Interaction) -> str:
    """The interaction for a log line: ids, the command and the options' names and lengths, never
    what was typed in them (privacy: the logs hold no text people wrote)."""
    command = interaction.command.qualified_name if interaction.command else None
    data: dict[str, Any] = dict(interaction.data or {})  # type: ignore[arg-type]
    return (
        f"interaction {interaction.id} type={interaction.type.name} command={command!r} "
        f"user={interaction.user.id} guild={interaction.guild_id} channel={interaction.channel_id} "
        f"options={_option_shapes(data.get('options') or [])}"
    )


def _option_shapes(options: list[Any]) -> str:
    """ "model(12 chars), hardware(4 chars, focused)": what an interaction carried."""
    out = []
    for o in options[:25]:
        if not isinstance(o, dict):
            continue
        if o.get("options"):  # a subcommand
            out.append(f"{o.get('name')}[{_option_shapes(o['options'])}]")
            continue
        value = o.get("value")
        shape = f"{len(value)} chars" if isinstance(value, str) else type(value).__name__
        out.append(f"{o.get('name')}({shape}{', focused' if o.get('focused') else ''})")
    return ", ".join(out) or "none"


async def send_ephemeral(interaction: discord.Interaction, text: str, **kw: Any) -> None:
    text = cards.clip(text, cards.CONTENT_MAX)
    try:
        if interaction.response.is_done():
            await interaction.followup.send(text, ephemeral=True, **kw)
        else:
            await interaction.response.send_message(text, ephemeral=True, **kw)
    except discord.NotFound:
        log.warning(
            "could not answer %s: the interaction expired", describe_interaction(interaction)
        )
    except discord.HTTPException:
        log.exception("could not answer %s", describe_interaction(interaction))


class CanIRunTree(app_commands.CommandTree):
    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError | Exception
    ) -> None:
        message = friendly_message(error)
        if interaction.type is discord.InteractionType.autocomplete:
            # an autocomplete cannot show a message; Discord shows "loading options failed"
            log.error("autocomplete failed: %s", describe_interaction(interaction), exc_info=error)
            return
        if message is None:
            original = getattr(error, "original", error)
            log.error("unhandled error in %s", describe_interaction(interaction), exc_info=original)
            message = BUG
        await send_ephemeral(interaction, message)
