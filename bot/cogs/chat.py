"""Natural-language answers: in DMs, when mentioned, and (with the Message Content intent) in the
channels a server admin opted in. Never answers bots or itself; replies never ping anyone."""

from __future__ import annotations

import contextlib
import logging
import re
import time
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

import discord
from discord.ext import commands

from .. import cards, render
from ..engine import engine_errors
from ..errors import BUG
from ..rigs import rig_for

if TYPE_CHECKING:
    from ..bot import CanIRunBot

log = logging.getLogger(__name__)

# intents whose answer is worth posting when nobody addressed the bot
ANSWERABLE = frozenset({"fit", "best_model_for_hw", "best_hw_for_model", "best_hw", "compare"})
NO_PINGS = discord.AllowedMentions.none()
ROLE_TIP = (
    "I can't read messages that mention my role, only ones that mention me: pick my name "
    "(not the role) in the @ list, or DM me."
)
STILL_ANSWERING = "I'm still answering your last question: ask this one when that answer is in."
BUSY = "Lots of questions right now: ask me again in a minute (slash commands answer at once)."


@contextlib.asynccontextmanager
async def typing(channel: discord.abc.Messageable) -> AsyncIterator[None]:
    """Show "typing..." while working; best effort (a missing permission is no reason to fail)."""
    indicator = channel.typing()
    try:
        await indicator.__aenter__()
    except discord.HTTPException:
        yield
        return
    try:
        yield
    finally:
        await indicator.__aexit__(None, None, None)


def can_embed(message: discord.Message) -> bool:
    """Whether the bot may embed links in the message's channel (always in DMs)."""
    guild = message.guild
    if guild is None or guild.me is None:
        return True
    return message.channel.permissions_for(guild.me).embed_links


def strip_mentions(text: str, bot_id: int, role_id: int | None = None) -> str:
    text = re.sub(rf"<@!?{bot_id}>", " ", text)
    if role_id:
        text = text.replace(f"<@&{role_id}>", " ")
    return text.strip()


class Chat(commands.Cog):
    def __init__(self, bot: CanIRunBot):
        self.bot = bot
        cooldown = bot.settings.chat_cooldown
        self.cooldown = commands.CooldownMapping.from_cooldown(
            1, cooldown, commands.BucketType.user
        )
        self._warned: dict[int, float] = {}
        self._pending: dict[int, int] = {}  # chat questions per user, waiting or being answered

    def addressed(self, message: discord.Message) -> bool:
        """A DM, a mention of the bot, or a mention of its role (Discord's autocomplete offers
        the role next to the user, and people pick it)."""
        me = self.bot.user
        if message.guild is None:
            return True
        if me is None:
            return False
        if any(u.id == me.id for u in message.mentions):
            return True
        own_role = message.guild.self_role
        return own_role is not None and any(r.id == own_role.id for r in message.role_mentions)

    def may_reply(self, message: discord.Message) -> bool:
        """The server's allow list for chat replies: empty, or this channel (a thread: its
        parent) is on it or is a channel that answers unaddressed questions."""
        if message.guild is None:
            return True
        settings = self.bot.store.get(message.guild.id)
        if not settings.reply_channels:
            return True
        channel = message.channel
        ids = {channel.id, getattr(channel, "parent_id", None)}
        return any(i in settings.reply_channels | settings.channels for i in ids if i)

    def listening(self, message: discord.Message) -> bool:
        """An unaddressed message in a channel the server opted in (needs Message Content)."""
        if message.guild is None or not self.bot.intents.message_content:
            return False
        settings = self.bot.store.get(message.guild.id)
        channel = message.channel
        ids = {channel.id, getattr(channel, "parent_id", None)}
        return any(i in settings.channels for i in ids if i)

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        me = self.bot.user
        if me is None or message.author.bot or message.author.id == me.id:
            return
        if message.webhook_id is not None or message.type not in (
            discord.MessageType.default,
            discord.MessageType.reply,
        ):
            return
        if message.guild is not None and not self.bot.store.get(message.guild.id).chat_enabled:
            return
        addressed = self.addressed(message)
        if not addressed and not self.listening(message):
            return
        if not self.may_reply(message):
            return  # the admins keep chat answers to other channels (slash commands still work)
        own_role = message.guild.self_role if message.guild else None
        text = strip_mentions(message.content, me.id, own_role.id if own_role else None)
        text = cards.clean(text)[: self.bot.settings.chat_max_chars]
        if not text.strip():
            role_only = message.guild is not None and not any(
                u.id == me.id for u in message.mentions
            )
            if addressed and role_only and not self.bot.intents.message_content:
                # only the role was mentioned: without Message Content its text is hidden
                await self.reply(message, content=ROLE_TIP)
            elif addressed:
                await self.reply(message, embeds=[cards.help_card()])
            return
        if addressed:
            retry_after = self.cooldown.update_rate_limit(message)
            if retry_after:
                if self._warn_once(message.author.id, retry_after):
                    await self.reply(
                        message,
                        content=f"One question at a time: ask again in {retry_after:.0f} s.",
                    )
                return
        user = message.author.id
        # the rig is read before the question takes its turn: the per-user turn covers the
        # engine's work only, so a database read never turns away the user's next message
        rig = await self.rig(user)
        settings = self.bot.settings
        # fair shares: one person's questions wait one at a time, and a flood is turned away
        # before it queues (slash commands have threads of their own: bot/engine.py)
        busy = None
        if self._pending.get(user, 0) >= settings.chat_per_user:
            busy = STILL_ANSWERING
        elif self.bot.engine.chat.waiting >= settings.chat_queue:
            busy = BUSY
        if busy is not None:
            if addressed and self._warn_once(user, 10.0):
                await self.reply(message, content=busy)
            return
        self._pending[user] = self._pending.get(user, 0) + 1
        try:
            if addressed:
                async with typing(message.channel):  # also while a named repo is read
                    answer = await self.bot.engine.ask(text, rig=rig)
            else:
                # an opted-in channel: work out quietly whether this is a question for us
                answer = await self.bot.engine.ask(text, rig=rig)
        except engine_errors() as exc:
            if addressed:
                await self.reply(message, embeds=[cards.message_card("Hmm", str(exc))])
            return
        except Exception:
            # the message's text stays out of the logs (privacy): its id finds it
            log.exception("ask() failed for message %s (%d characters)", message.id, len(text))
            if addressed:
                await self.reply(message, content=BUG)
            return
        finally:
            left = self._pending.pop(user, 1) - 1
            if left > 0:
                self._pending[user] = left
        if not addressed:
            if answer.intent not in ANSWERABLE:
                return  # chatter, not a question for us: stay quiet
            if self.cooldown.update_rate_limit(message):
                return
        sources = self.bot.engine.sources_in(text)
        embeds, view = await render.answer(self.bot, answer, message.author.id, sources)
        await self.reply(message, embeds=embeds, view=view)

    async def rig(self, user_id: int):
        """The asker's default rig, for questions that name no hardware (best effort: a storage
        problem answers without it)."""
        try:
            found = await rig_for(self.bot, user_id)
        except Exception:
            log.warning("could not read the rig of user %s", user_id, exc_info=True)
            return None
        return found[1] if found else None

    def _warn_once(self, user_id: int, retry_after: float) -> bool:
        now = time.monotonic()
        if self._warned.get(user_id, 0) > now:
            return False
        self._warned[user_id] = now + retry_after
        if len(self._warned) > 10_000:
            self._warned = {k: v for k, v in self._warned.items() if v > now}
        return True

    async def reply(self, message: discord.Message, **kw: Any) -> discord.Message | None:
        if kw.get("view") is None or not kw["view"].children:
            kw.pop("view", None)
        if kw.get("embeds") and not can_embed(message):
            # Discord drops embeds silently where the bot may not embed links: send text
            kw["content"] = cards.as_text(kw.pop("embeds"))
        try:
            return await message.channel.send(
                reference=message.to_reference(fail_if_not_exists=False),
                allowed_mentions=NO_PINGS,
                mention_author=False,
                **kw,
            )
        except discord.Forbidden:
            log.info("no permission to answer in channel %s", message.channel.id)
        except discord.HTTPException:
            log.exception("could not answer message %s", message.id)
        return None


async def setup(bot: CanIRunBot) -> None:
    await bot.add_cog(Chat(bot))
