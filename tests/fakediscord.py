"""A small, strict fake Discord for end-to-end tests of the real discord.py client.

An aiohttp app on 127.0.0.1 serves REST under /api/v10 and a websocket gateway. The bot runs
unmodified: tests point `discord.http.Route.BASE` and `DiscordWebSocket.DEFAULT_GATEWAY` here and
call `bot.start(token)` as production does.

It answers like Discord when a bot breaks a rule, so tests fail the way production would:
- 400 (50035) for content over 2000, embeds over their limits, more than 25 select options or
  autocomplete choices, labels over 100 ...;
- 404 (10062) for an interaction answered after `interaction_deadline` seconds;
- 400 (40060) for a second acknowledgement;
- 404 (and a recorded `unknown` route) for anything it does not implement.
Every violation is recorded in `violations`; the test fixture fails a test that leaves any.
Without the Message Content intent, content is blanked except in DMs and messages that mention
the bot, as Discord does.

Sharding as Discord does it: a session's IDENTIFY names [shard_id, shard_count]; it receives the
guilds with (guild_id >> 22) % shard_count == shard_id, and every event of those guilds (DMs go to
shard 0). Sessions may come from several bot processes. An invalid shard closes with 4010, a shard
that would carry more than `max_guilds_per_shard` guilds with 4011 (sharding required). Guild ids
are snowflakes whose timestamp picks the shard: `add_guild(shard=(i, n))` makes one for shard i.

Gotchas it honours (see shared/design/discord-testing.md): bodies go out with Content-Type exactly
`application/json`; a 429 carries `Via`; text frames on the gateway.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import itertools
import json
import re
import secrets
import time
from collections.abc import Callable
from typing import Any

from aiohttp import WSMsgType, web

DISCORD_EPOCH_MS = 1420070400000

# gateway opcodes
DISPATCH, HEARTBEAT, IDENTIFY, RESUME, RECONNECT, INVALID_SESSION, HELLO, HEARTBEAT_ACK = (
    0,
    1,
    2,
    6,
    7,
    9,
    10,
    11,
)

# intents
GUILDS = 1 << 0
GUILD_MEMBERS = 1 << 1
GUILD_PRESENCES = 1 << 8
GUILD_MESSAGES = 1 << 9
DIRECT_MESSAGES = 1 << 12
MESSAGE_CONTENT = 1 << 15
PRIVILEGED = GUILD_MEMBERS | GUILD_PRESENCES | MESSAGE_CONTENT

# application flags that allow the privileged intents
FLAG_GATEWAY_MESSAGE_CONTENT = 1 << 18
FLAG_GATEWAY_GUILD_MEMBERS = 1 << 14
FLAG_GATEWAY_PRESENCE = 1 << 12

EPHEMERAL = 1 << 6
LOADING = 1 << 7

ADMIN_PERMISSIONS = str((1 << 3) | (1 << 5))  # administrator + manage guild
# view channel, send messages, send in threads, embed links, read message history
BOT_PERMISSIONS = "274877991936"
EMBED_LINKS = 1 << 14
MEMBER_PERMISSIONS = str((1 << 10) | (1 << 11))  # view channel + send messages


def dlen(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None):
    # discord.py parses JSON only when Content-Type is exactly application/json
    return web.Response(
        body=json.dumps(data).encode(),
        status=status,
        headers={"Content-Type": "application/json", **(headers or {})},
    )


def iso_now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S.000000+00:00", time.gmtime())


@dataclasses.dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    body: Any
    status: int = 0
    at: float = 0.0


@dataclasses.dataclass
class Interaction:
    id: int
    token: str
    type: int  # 2 command, 3 component, 4 autocomplete
    payload: dict[str, Any]
    created: float
    acked: bool = False
    response_type: int | None = None
    response: dict[str, Any] | None = None  # the callback body
    original_id: int | None = None
    followups: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    edits: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    errors: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    answered_at: float | None = None  # monotonic time of the final answer (or the refusal)
    settled: asyncio.Event = dataclasses.field(default_factory=asyncio.Event, repr=False)

    @property
    def done(self) -> bool:
        """It has its final answer (a deferred one: its edit or followup), or was refused."""
        if self.errors or self.response_type in (4, 7, 8, 9):
            return True
        return self.response_type in (5, 6) and bool(self.edits or self.followups)

    def note(self) -> None:
        if self.answered_at is None and self.done:
            self.answered_at = time.monotonic()
            self.settled.set()

    @property
    def choices(self) -> list[dict[str, Any]] | None:
        if self.response_type != 8 or self.response is None:
            return None
        return self.response.get("data", {}).get("choices")


@dataclasses.dataclass
class Session:
    id: str
    shard: tuple[int, int]
    intents: int
    seq: int = 0
    ws: web.WebSocketResponse | None = None
    buffer: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    resumed: int = 0


class FakeDiscord:
    def __init__(
        self,
        *,
        token: str = "fake-token",
        app_id: int = 900000000000000001,
        interaction_deadline: float = 3.0,
        token_lifetime: float = 15 * 60.0,
        app_flags: int = 0,
        shard_count: int = 1,
        max_guilds_per_shard: int = 2500,
    ):
        self.token = token
        self.app_id = app_id
        self.interaction_deadline = interaction_deadline
        self.token_lifetime = token_lifetime
        self.app_flags = app_flags
        self.recommended_shards = shard_count
        self.max_guilds_per_shard = max_guilds_per_shard
        self._ids = itertools.count(1)
        self.bot_user = self.user(app_id, "canirun", bot=True)
        self.owner = self.user(self.snowflake(), "owner")

        self.guilds: dict[int, dict[str, Any]] = {}
        self.channels: dict[int, dict[str, Any]] = {}
        self.messages: dict[int, dict[str, Any]] = {}
        self.interactions: dict[int, Interaction] = {}
        self._by_token: dict[str, Interaction] = {}
        self.commands: dict[int | None, list[dict[str, Any]]] = {}
        self.requests: list[Request] = []
        self.violations: list[str] = []
        self.unknown: list[str] = []
        self.identifies: list[dict[str, Any]] = []
        self.resumes: list[dict[str, Any]] = []
        self.sessions: dict[str, Session] = {}
        self.shard_sessions: dict[int, Session] = {}
        self.close_codes: list[int] = []
        self._rate_limits: list[tuple[str, re.Pattern[str], float, bool]] = []
        self._failures: list[tuple[str, re.Pattern[str], int, int]] = []
        self.bot_denials: dict[int, int] = {}
        self.gateway_down = False

        self.app = web.Application()
        self.app.router.add_get("/gateway/", self._gateway)
        self.app.router.add_get("/resume/", self._gateway)
        self.app.router.add_route("*", "/api/v10/{tail:.*}", self._rest)
        self._runner: web.AppRunner | None = None
        self.port = 0
        self._routes = self._route_table()

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        self._runner = web.AppRunner(self.app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        for session in self.sessions.values():
            if session.ws is not None and not session.ws.closed:
                await session.ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway/"

    # ------------------------------------------------------------------ world

    def snowflake(self) -> int:
        ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
        return (ms << 22) | (next(self._ids) & 0x3FFFFF)

    def user(self, uid: int | None = None, name: str = "user", *, bot: bool = False) -> dict:
        uid = uid or self.snowflake()
        return {
            "id": str(uid),
            "username": name,
            "discriminator": "0",
            "global_name": name,
            "avatar": None,
            "bot": bot,
            "public_flags": 0,
        }

    def snowflake_for_shard(self, shard_id: int, shard_count: int) -> int:
        """A new snowflake whose guild would live on shard_id of shard_count (its timestamp, in
        ms, is shard_id modulo shard_count: a few ms in the past)."""
        ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
        ms -= (ms - shard_id) % shard_count
        return (ms << 22) | (next(self._ids) & 0x3FFFFF)

    def add_guild(
        self, name: str = "guild", *, channels: int = 2, shard: tuple[int, int] | None = None
    ) -> dict[str, Any]:
        """A guild the bot is in; `shard=(i, n)` puts it on shard i of n."""
        gid = self.snowflake() if shard is None else self.snowflake_for_shard(*shard)
        bot_role = self.snowflake()
        guild: dict[str, Any] = {
            "id": str(gid),
            "name": name,
            "icon": None,
            "owner_id": self.owner["id"],
            "roles": [
                {
                    "id": str(gid),
                    "name": "@everyone",
                    "permissions": MEMBER_PERMISSIONS,
                    "position": 0,
                    "color": 0,
                    "hoist": False,
                    "managed": False,
                    "mentionable": False,
                    "flags": 0,
                },
                {
                    "id": str(bot_role),
                    "name": self.bot_user["username"],
                    "permissions": BOT_PERMISSIONS,
                    "position": 1,
                    "color": 0,
                    "hoist": False,
                    "managed": True,
                    "mentionable": True,
                    "flags": 0,
                    "tags": {"bot_id": self.bot_user["id"]},
                },
            ],
            "bot_role_id": str(bot_role),
            "emojis": [],
            "stickers": [],
            "features": [],
            "channels": [],
            "threads": [],
            "members": [dict(self.member(self.bot_user), roles=[str(bot_role)])],
            "member_count": 2,
            "large": False,
            "unavailable": False,
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
            "voice_states": [],
            "presences": [],
            "joined_at": iso_now(),
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "premium_tier": 0,
            "preferred_locale": "en-US",
            "nsfw_level": 0,
            "system_channel_flags": 0,
        }
        for i in range(channels):
            cid = self.snowflake()
            channel = {
                "id": str(cid),
                "type": 0,
                "name": f"channel-{i}",
                "guild_id": str(gid),
                "position": i,
                "permission_overwrites": [],
                "parent_id": None,
                "nsfw": False,
                "topic": None,
                "last_message_id": None,
                "rate_limit_per_user": 0,
            }
            guild["channels"].append(channel)
            self.channels[cid] = channel
        self.guilds[gid] = guild
        return guild

    def add_dm(self, user: dict[str, Any]) -> dict[str, Any]:
        cid = self.snowflake()
        channel = {"id": str(cid), "type": 1, "recipients": [user], "last_message_id": None}
        self.channels[cid] = channel
        return channel

    def member(self, user: dict[str, Any], permissions: str | None = None) -> dict[str, Any]:
        member = {
            "user": user,
            "roles": [],
            "joined_at": iso_now(),
            "deaf": False,
            "mute": False,
            "flags": 0,
            "nick": None,
            "avatar": None,
        }
        if permissions is not None:
            member["permissions"] = permissions
        return member

    def app_permissions(self, channel: dict[str, Any]) -> int:
        base = int(BOT_PERMISSIONS)
        return base & ~int(self.bot_denials.get(int(channel["id"]), 0))

    def set_bot_channel_denials(self, channel: dict[str, Any], deny: int) -> None:
        """Deny the bot's role permissions in one channel (a permission overwrite), as a server
        admin would: the bot sees it in the channel's overwrites (call it before the bot starts:
        no CHANNEL_UPDATE is sent) and in app_permissions."""
        guild = self.guilds[int(channel["guild_id"])]
        self.bot_denials[int(channel["id"])] = deny
        channel["permission_overwrites"] = [
            {"id": guild["bot_role_id"], "type": 0, "allow": "0", "deny": str(deny)}
        ]

    async def remove_bot_from(self, guild: dict[str, Any]) -> None:
        """The bot is kicked (or the server deleted): GUILD_DELETE without `unavailable`."""
        gid = int(guild["id"])
        await self.dispatch("GUILD_DELETE", {"id": guild["id"]}, gid)
        self.guilds.pop(gid, None)

    def shard_of(self, guild_id: int | None, count: int) -> int:
        return 0 if guild_id is None else (guild_id >> 22) % count

    # ------------------------------------------------------------------ test controls

    def rate_limit_next(
        self, method: str, path_regex: str, retry_after: float = 0.05, *, via: bool = True
    ) -> None:
        """The next request matching method + path (under /api/v10) gets a 429."""
        self._rate_limits.append((method.upper(), re.compile(path_regex), retry_after, via))

    def fail_next(self, method: str, path_regex: str, status: int = 403, code: int = 50013):
        """The next request matching method + path gets this error (default Missing Permissions)."""
        self._failures.append((method.upper(), re.compile(path_regex), status, code))

    async def wait_until(self, predicate: Callable[[], Any], timeout: float = 2.0) -> Any:
        deadline = time.monotonic() + timeout
        while True:
            value = predicate()
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError("timed out waiting for the bot")
            await asyncio.sleep(0.005)

    def forget(self) -> None:
        """Drop what the fake recorded (requests, answered interactions, messages, the gateway's
        replay buffers), so a long run measures the bot's memory, not the fake's."""
        self.requests.clear()
        self.interactions.clear()
        self._by_token.clear()
        self.messages.clear()
        for session in self.sessions.values():
            session.buffer.clear()

    def requests_to(self, method: str, pattern: str) -> list[Request]:
        rx = re.compile(pattern)
        return [r for r in self.requests if r.method == method and rx.search(r.path)]

    def bot_messages(self, channel_id: int | str | None = None) -> list[dict[str, Any]]:
        return [
            m
            for m in self.messages.values()
            if m["author"]["id"] == self.bot_user["id"]
            and (channel_id is None or m["channel_id"] == str(channel_id))
        ]

    # ------------------------------------------------------------------ gateway events

    async def dispatch(self, event: str, data: dict[str, Any], guild_id: int | None = None):
        await self._send_dispatch(self.session_for(guild_id), event, data)

    def session_for(self, guild_id: int | None) -> Session:
        """The session Discord sends a guild's events to (DMs: shard 0): the latest one whose
        shard holds the guild. It may be disconnected (a killed process): events then wait in
        its buffer for a RESUME, as on Discord."""
        for session in reversed(list(self.shard_sessions.values())):
            shard_id, count = session.shard
            if self.shard_of(guild_id, count) == shard_id:
                return session
        raise AssertionError(f"no session holds guild {guild_id}")

    def live(self, guild_id: int | None) -> bool:
        """Whether the guild's shard has a connected session."""
        try:
            session = self.session_for(guild_id)
        except AssertionError:
            return False
        return session.ws is not None and not session.ws.closed

    async def _send_dispatch(self, session: Session, event: str, data: dict[str, Any]) -> None:
        session.seq += 1
        frame = {"op": DISPATCH, "t": event, "s": session.seq, "d": data}
        session.buffer.append(frame)
        if session.ws is not None and not session.ws.closed:
            await session.ws.send_str(json.dumps(frame))

    async def send_op(self, op: int, d: Any = None, shard: int = 0) -> None:
        session = self.shard_sessions[shard]
        assert session.ws is not None
        await session.ws.send_str(json.dumps({"op": op, "d": d}))

    async def user_message(
        self,
        channel: dict[str, Any],
        author: dict[str, Any],
        content: str,
        *,
        mention_bot: bool = False,
        mentions: list[dict[str, Any]] | None = None,
        mention_roles: list[str] | None = None,
        mention_everyone: bool = False,
    ) -> dict[str, Any]:
        """A user posts; the bot receives MESSAGE_CREATE as its intents allow."""
        mid = self.snowflake()
        guild_id = channel.get("guild_id")
        users = list(mentions or [])
        if mention_bot:
            users.append(self.bot_user)
            if f"<@{self.bot_user['id']}>" not in content:
                content = f"<@{self.bot_user['id']}> {content}"
        message = {
            "id": str(mid),
            "channel_id": channel["id"],
            "author": author,
            "content": content,
            "timestamp": iso_now(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": mention_everyone,
            "mentions": users,
            "mention_roles": mention_roles or [],
            "attachments": [],
            "embeds": [],
            "pinned": False,
            "type": 0,
            "flags": 0,
            "components": [],
        }
        if guild_id:
            message["guild_id"] = guild_id
            message["member"] = {k: v for k, v in self.member(author).items() if k != "user"}
        self.messages[mid] = message
        session = self.session_for(int(guild_id) if guild_id else None)
        needed = GUILD_MESSAGES if guild_id else DIRECT_MESSAGES
        if not session.intents & needed:
            return message
        seen = dict(message)
        addressed = not guild_id or any(u["id"] == self.bot_user["id"] for u in users)
        if not session.intents & MESSAGE_CONTENT and not addressed:
            # Discord blanks these without the Message Content intent
            seen.update(content="", embeds=[], attachments=[], components=[])
        await self._send_dispatch(session, "MESSAGE_CREATE", seen)
        return message

    def _interaction_base(
        self,
        itype: int,
        data: dict[str, Any],
        *,
        user: dict[str, Any],
        channel: dict[str, Any],
        permissions: str = MEMBER_PERMISSIONS,
    ) -> dict[str, Any]:
        """An interaction's payload. `app_permissions` are the bot's in the channel: the bot
        role's, less the channel's denials for it (set_bot_channel_denials)."""
        iid = self.snowflake()
        payload: dict[str, Any] = {
            "id": str(iid),
            "application_id": str(self.app_id),
            "type": itype,
            "data": data,
            "token": secrets.token_urlsafe(24),
            "version": 1,
            "channel_id": channel["id"],
            "channel": channel,
            "locale": "en-US",
            "entitlements": [],
            "attachment_size_limit": 10 * 1024 * 1024,
            "app_permissions": str(self.app_permissions(channel)),
        }
        if guild_id := channel.get("guild_id"):
            payload["guild_id"] = guild_id
            payload["guild_locale"] = "en-US"
            payload["member"] = self.member(user, permissions)
            payload["authorizing_integration_owners"] = {"0": guild_id}
            payload["context"] = 0
        else:
            payload["user"] = user
            payload["authorizing_integration_owners"] = {"1": user["id"]}
            payload["context"] = 1
        return payload

    async def _send_interaction(self, payload: dict[str, Any]) -> Interaction:
        interaction = Interaction(
            id=int(payload["id"]),
            token=payload["token"],
            type=payload["type"],
            payload=payload,
            created=time.monotonic(),
        )
        self.interactions[interaction.id] = interaction
        self._by_token[interaction.token] = interaction
        guild_id = payload.get("guild_id")
        await self.dispatch("INTERACTION_CREATE", payload, int(guild_id) if guild_id else None)
        return interaction

    async def slash(
        self,
        name: str,
        options: dict[str, Any] | None = None,
        *,
        user: dict[str, Any],
        channel: dict[str, Any],
        subcommand: str | None = None,
        permissions: str = MEMBER_PERMISSIONS,
        resolved: dict[str, Any] | None = None,
        focused: str | None = None,
    ) -> Interaction:
        """Invoke a slash command (type 2), or its autocomplete (type 4) when `focused` names
        the option being typed."""
        opts = []
        for key, value in (options or {}).items():
            # a value is sent as is, or as {"type": T, "value": V} for channels, users, roles
            option = (
                dict(value)
                if isinstance(value, dict)
                else {"type": _option_type(value), "value": value}
            )
            option["name"] = key
            if key == focused:
                option["focused"] = True
            opts.append(option)
        if subcommand:
            opts = [{"name": subcommand, "type": 1, "options": opts}]
        data: dict[str, Any] = {
            "id": str(self.snowflake()),
            "name": name,
            "type": 1,
            "options": opts,
        }
        if resolved:
            data["resolved"] = resolved
        itype = 4 if focused else 2
        payload = self._interaction_base(
            itype, data, user=user, channel=channel, permissions=permissions
        )
        return await self._send_interaction(payload)

    async def message_command(
        self,
        name: str,
        target: dict[str, Any],
        *,
        user: dict[str, Any],
        channel: dict[str, Any],
    ) -> Interaction:
        """A message context-menu command (Apps > NAME on `target`): Discord sends the whole
        message, content included, whatever the bot's intents."""
        data = {
            "id": str(self.snowflake()),
            "name": name,
            "type": 3,
            "target_id": target["id"],
            "resolved": {"messages": {target["id"]: self._public(target)}},
        }
        payload = self._interaction_base(2, data, user=user, channel=channel)
        return await self._send_interaction(payload)

    async def autocomplete(
        self, name: str, options: dict[str, Any], focused: str, **kw: Any
    ) -> Interaction:
        return await self.slash(name, options, focused=focused, **kw)

    async def select(
        self,
        message: dict[str, Any],
        custom_id: str,
        values: list[str],
        *,
        user: dict[str, Any],
        channel: dict[str, Any],
    ) -> Interaction:
        data = {"custom_id": custom_id, "component_type": 3, "values": values}
        payload = self._interaction_base(3, data, user=user, channel=channel)
        payload["message"] = message
        return await self._send_interaction(payload)

    async def click(
        self, message: dict[str, Any], custom_id: str, *, user: dict[str, Any], channel: dict
    ) -> Interaction:
        data = {"custom_id": custom_id, "component_type": 2}
        payload = self._interaction_base(3, data, user=user, channel=channel)
        payload["message"] = message
        return await self._send_interaction(payload)

    async def answered(self, interaction: Interaction, timeout: float = 3.0) -> Interaction:
        """Wait until the interaction has its final answer (a deferred one: its edit)."""
        if not interaction.done:
            try:
                await asyncio.wait_for(interaction.settled.wait(), timeout)
            except TimeoutError:
                raise AssertionError("timed out waiting for the bot") from None
        return interaction

    def original(self, interaction: Interaction) -> dict[str, Any]:
        assert interaction.original_id is not None, "the interaction has no message"
        return self.messages[interaction.original_id]

    # ------------------------------------------------------------------ gateway

    async def drop_gateway(self) -> None:
        """A network outage: every gateway connection closes and new ones are refused until
        restore_gateway()."""
        self.gateway_down = True
        for session in self.sessions.values():
            if session.ws is not None and not session.ws.closed:
                await session.ws.close(code=1001, message=b"going away")

    def restore_gateway(self) -> None:
        self.gateway_down = False

    async def _gateway(self, request: web.Request) -> web.StreamResponse:
        if self.gateway_down:
            return web.Response(status=503, text="gateway unavailable")
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_str(json.dumps({"op": HELLO, "d": {"heartbeat_interval": 41250}}))
        session: Session | None = None
        async for msg in ws:
            if msg.type != WSMsgType.TEXT:
                break
            frame = json.loads(msg.data)
            op, d = frame.get("op"), frame.get("d")
            if op == HEARTBEAT:
                await ws.send_str(json.dumps({"op": HEARTBEAT_ACK}))
            elif op == IDENTIFY:
                session = await self._identify(ws, d)
                if session is None:
                    break
            elif op == RESUME:
                session = await self._resume(ws, d)
                if session is None:
                    break
            else:
                self.violations.append(f"gateway: unexpected op {op}")
        if session is not None and session.ws is ws:
            session.ws = None
        return ws

    async def _identify(self, ws: web.WebSocketResponse, d: dict[str, Any]) -> Session | None:
        self.identifies.append(
            {k: v for k, v in d.items() if k != "token"}
            | {"token_ok": d.get("token") == self.token}
        )
        if d.get("token") != self.token:
            self.close_codes.append(4004)
            await ws.close(code=4004, message=b"Authentication failed.")
            return None
        intents = int(d.get("intents", 0))
        allowed = 0
        if self.app_flags & FLAG_GATEWAY_MESSAGE_CONTENT:
            allowed |= MESSAGE_CONTENT
        if self.app_flags & FLAG_GATEWAY_GUILD_MEMBERS:
            allowed |= GUILD_MEMBERS
        if self.app_flags & FLAG_GATEWAY_PRESENCE:
            allowed |= GUILD_PRESENCES
        if intents & PRIVILEGED & ~allowed:
            self.close_codes.append(4014)
            await ws.close(code=4014, message=b"Disallowed intent(s).")
            return None
        shard_id, shard_count = d.get("shard") or [0, 1]
        if not (isinstance(shard_id, int) and isinstance(shard_count, int)) or not (
            0 <= shard_id < shard_count
        ):
            self.close_codes.append(4010)
            await ws.close(code=4010, message=b"Invalid shard.")
            return None
        held = sum(1 for gid in self.guilds if self.shard_of(gid, shard_count) == shard_id)
        if held > self.max_guilds_per_shard:
            self.close_codes.append(4011)
            await ws.close(code=4011, message=b"Sharding required.")
            return None
        session = Session(
            id=secrets.token_hex(16), shard=(shard_id, shard_count), intents=intents, ws=ws
        )
        self.sessions[session.id] = session
        # the newest session for a shard gets its events (dicts keep insertion order)
        self.shard_sessions.pop(shard_id, None)
        self.shard_sessions[shard_id] = session
        guilds = [
            g for gid, g in self.guilds.items() if self.shard_of(gid, shard_count) == shard_id
        ]
        await self._send_dispatch(
            session,
            "READY",
            {
                "v": 10,
                "user": self.bot_user,
                "guilds": [{"id": g["id"], "unavailable": True} for g in guilds],
                "session_id": session.id,
                "resume_gateway_url": f"ws://127.0.0.1:{self.port}/resume/",
                "shard": [shard_id, shard_count],
                "application": {"id": str(self.app_id), "flags": self.app_flags},
                "private_channels": [],
                "relationships": [],
            },
        )
        for guild in guilds:
            await self._send_dispatch(session, "GUILD_CREATE", guild)
        return session

    async def _resume(self, ws: web.WebSocketResponse, d: dict[str, Any]) -> Session | None:
        self.resumes.append(dict(d, token=None))
        session = self.sessions.get(d.get("session_id", ""))
        if session is None or d.get("token") != self.token:
            await ws.send_str(json.dumps({"op": INVALID_SESSION, "d": False}))
            return None
        session.ws = ws
        session.resumed += 1
        seq = d.get("seq") or 0
        for frame in session.buffer:
            if frame["s"] > seq:
                await ws.send_str(json.dumps(frame))
        await self._send_dispatch(session, "RESUMED", {})
        return session

    # ------------------------------------------------------------------ REST

    def _route_table(self):
        app = r"(?P<app>\d+)"
        tok = r"(?P<token>[^/]+)"
        return [
            ("GET", r"^/users/@me$", self._get_me, True),
            ("GET", r"^/oauth2/applications/@me$", self._get_app, True),
            ("GET", r"^/applications/@me$", self._get_app, True),
            ("GET", r"^/gateway/bot$", self._get_gateway_bot, True),
            ("GET", r"^/gateway$", self._get_gateway, False),
            ("POST", r"^/channels/(?P<cid>\d+)/messages$", self._create_message, True),
            ("PATCH", r"^/channels/(?P<cid>\d+)/messages/(?P<mid>\d+)$", self._edit_message, True),
            ("POST", r"^/channels/(?P<cid>\d+)/typing$", self._typing, True),
            ("PUT", rf"^/applications/{app}/commands$", self._put_commands, True),
            (
                "PUT",
                rf"^/applications/{app}/guilds/(?P<gid>\d+)/commands$",
                self._put_commands,
                True,
            ),
            ("GET", rf"^/applications/{app}/commands$", self._get_commands, True),
            (
                "POST",
                r"^/interactions/(?P<iid>\d+)/(?P<token>[^/]+)/callback$",
                self._callback,
                False,
            ),
            ("POST", rf"^/webhooks/{app}/{tok}$", self._followup, False),
            (
                "PATCH",
                rf"^/webhooks/{app}/{tok}/messages/(?P<mid>@original|\d+)$",
                self._edit_webhook_message,
                False,
            ),
            (
                "GET",
                rf"^/webhooks/{app}/{tok}/messages/(?P<mid>@original|\d+)$",
                self._get_webhook_message,
                False,
            ),
            (
                "DELETE",
                rf"^/webhooks/{app}/{tok}/messages/(?P<mid>@original|\d+)$",
                self._delete_webhook_message,
                False,
            ),
        ]

    async def _rest(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["tail"]
        body: Any = None
        if request.can_read_body:
            raw = await request.read()
            if raw:
                try:
                    body = json.loads(raw)
                except ValueError:
                    body = raw.decode(errors="replace")
        entry = Request(request.method, path, dict(request.query), body, at=time.monotonic())
        self.requests.append(entry)
        response = await self._handle(request, path, body)
        entry.status = response.status
        return response

    async def _handle(self, request: web.Request, path: str, body: Any) -> web.Response:
        for i, (method, rx, retry_after, via) in enumerate(self._rate_limits):
            if method == request.method and rx.search(path):
                del self._rate_limits[i]
                headers = {"Retry-After": str(retry_after), "X-RateLimit-Scope": "user"}
                if via:
                    headers["Via"] = "1.1 google"
                return json_response(
                    {
                        "message": "You are being rate limited.",
                        "retry_after": retry_after,
                        "global": False,
                    },
                    429,
                    headers,
                )
        for i, (method, rx, status, code) in enumerate(self._failures):
            if method == request.method and rx.search(path):
                del self._failures[i]
                return json_response({"message": "injected failure", "code": code}, status)
        for method, pattern, handler, auth in self._routes:
            if method != request.method:
                continue
            match = re.match(pattern, path)
            if not match:
                continue
            if auth and request.headers.get("Authorization") != f"Bot {self.token}":
                return json_response({"message": "401: Unauthorized", "code": 0}, 401)
            return await handler(request, body, **match.groupdict())
        self.unknown.append(f"{request.method} {path}")
        return json_response({"message": "404: Not Found", "code": 0}, 404)

    def _invalid(self, where: str, errors: list[str]) -> web.Response:
        self.violations.extend(f"{where}: {e}" for e in errors)
        return json_response(
            {"code": 50035, "message": "Invalid Form Body", "errors": {"_errors": errors}}, 400
        )

    async def _get_me(self, request, body):
        return json_response(self.bot_user)

    async def _get_app(self, request, body):
        return json_response(
            {
                "id": str(self.app_id),
                "name": "canirun",
                "description": "",
                "icon": None,
                "bot_public": True,
                "bot_require_code_grant": False,
                "owner": self.owner,
                "verify_key": "0" * 64,
                "flags": self.app_flags,
                "team": None,
                "summary": "",
            }
        )

    async def _get_gateway_bot(self, request, body):
        return json_response(
            {
                "url": f"ws://127.0.0.1:{self.port}/gateway/",
                "shards": self.recommended_shards,
                "session_start_limit": {
                    "total": 1000,
                    "remaining": 999,
                    "reset_after": 0,
                    "max_concurrency": 1,
                },
            }
        )

    async def _get_gateway(self, request, body):
        return json_response({"url": f"ws://127.0.0.1:{self.port}/gateway/"})

    def _new_message(self, channel_id: str, payload: dict[str, Any], flags: int = 0) -> dict:
        mid = self.snowflake()
        message = {
            "id": str(mid),
            "channel_id": channel_id,
            "author": self.bot_user,
            "content": payload.get("content") or "",
            "timestamp": iso_now(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": payload.get("embeds") or [],
            "components": _with_types(payload.get("components") or []),
            "pinned": False,
            "type": 19 if payload.get("message_reference") else 0,
            "flags": flags | int(payload.get("flags") or 0),
            "allowed_mentions": payload.get("allowed_mentions"),
        }
        if ref := payload.get("message_reference"):
            message["message_reference"] = {
                k: str(v) if k.endswith("_id") and v is not None else v for k, v in ref.items()
            }
        channel = self.channels.get(int(channel_id))
        if channel and channel.get("guild_id"):
            message["guild_id"] = channel["guild_id"]
        self.messages[mid] = message
        return message

    async def _create_message(self, request, body, cid):
        if int(cid) not in self.channels:
            return json_response({"message": "Unknown Channel", "code": 10003}, 404)
        errors = validate_message(body or {})
        if errors:
            return self._invalid(f"POST /channels/{cid}/messages", errors)
        return json_response(self._public(self._new_message(cid, body)))

    async def _edit_message(self, request, body, cid, mid):
        message = self.messages.get(int(mid))
        if message is None or message["channel_id"] != cid:
            return json_response({"message": "Unknown Message", "code": 10008}, 404)
        if message["author"]["id"] != self.bot_user["id"]:
            return json_response(
                {"message": "Cannot edit a message authored by another user", "code": 50005}, 403
            )
        errors = validate_message(body or {}, edit=True)
        if errors:
            return self._invalid(f"PATCH /channels/{cid}/messages/{mid}", errors)
        _apply_edit(message, body or {})
        return json_response(self._public(message))

    async def _typing(self, request, body, cid):
        return web.Response(status=204)

    async def _put_commands(self, request, body, app, gid=None):
        if int(app) != self.app_id:
            return json_response({"message": "Unknown Application", "code": 10002}, 404)
        errors = validate_commands(body or [])
        if errors:
            return self._invalid("PUT commands", errors)
        out = []
        for command in body:
            out.append(
                {
                    "id": str(self.snowflake()),
                    "application_id": app,
                    "version": str(self.snowflake()),
                    "type": command.get("type", 1),
                    "name": command["name"],
                    "description": command.get("description", ""),
                    "options": command.get("options", []),
                    "default_member_permissions": command.get("default_member_permissions"),
                    "dm_permission": command.get("dm_permission", True),
                    "nsfw": command.get("nsfw", False),
                    "contexts": command.get("contexts"),
                    "integration_types": command.get("integration_types"),
                    **({"guild_id": gid} if gid else {}),
                }
            )
        self.commands[int(gid) if gid else None] = out
        return json_response(out)

    async def _get_commands(self, request, body, app):
        return json_response(self.commands.get(None, []))

    def _public(self, message: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in message.items() if k != "allowed_mentions"}

    # interactions -----------------------------------------------------------------

    def _find(self, iid: int | None, token: str) -> Interaction | None:
        if iid is not None:
            found = self.interactions.get(iid)
            return found if found and found.token == token else None
        return self._by_token.get(token)

    async def _callback(self, request, body, iid, token):
        response = await self._answer_callback(body, iid, token)
        if (interaction := self.interactions.get(int(iid))) is not None:
            interaction.note()
        return response

    async def _answer_callback(self, body, iid, token):
        interaction = self._find(int(iid), token)
        if interaction is None:
            return json_response({"message": "Unknown interaction", "code": 10062}, 404)
        age = time.monotonic() - interaction.created
        if age > self.interaction_deadline:
            self.violations.append(
                f"interaction {iid} answered after {age:.2f} s (deadline {self.interaction_deadline} s)"
            )
            interaction.errors.append({"code": 10062})
            return json_response({"message": "Unknown interaction", "code": 10062}, 404)
        if interaction.acked:
            self.violations.append(f"interaction {iid} acknowledged twice")
            interaction.errors.append({"code": 40060})
            return json_response(
                {"message": "Interaction has already been acknowledged.", "code": 40060}, 400
            )
        body = body or {}
        rtype = body.get("type")
        data = body.get("data") or {}
        allowed = {2: {4, 5, 9}, 3: {4, 5, 6, 7, 9}, 4: {8}}[interaction.type]
        if rtype not in allowed:
            interaction.errors.append({"code": 50035})
            return self._invalid(f"callback {iid}", [f"response type {rtype} not valid here"])
        if rtype == 8:
            errors = validate_choices(data.get("choices"))
        elif rtype in (4, 7):
            errors = validate_message(data, edit=rtype == 7)
        else:
            errors = []
        if errors:
            interaction.errors.append({"code": 50035})
            return self._invalid(f"callback {iid}", errors)
        interaction.acked = True
        interaction.response_type = rtype
        interaction.response = body
        if rtype == 8:
            return web.Response(status=204)
        channel_id = interaction.payload["channel_id"]
        message = None
        if rtype in (4, 5):
            flags = int(data.get("flags") or 0) | (LOADING if rtype == 5 else 0)
            message = self._new_message(channel_id, data if rtype == 4 else {}, flags)
            invoker = interaction.payload.get("member", {}).get("user") or interaction.payload.get(
                "user"
            )
            message["interaction_metadata"] = {
                "id": iid,
                "type": interaction.type,
                "user": invoker,
                "authorizing_integration_owners": interaction.payload[
                    "authorizing_integration_owners"
                ],
            }
            interaction.original_id = int(message["id"])
        elif rtype in (6, 7):
            source = interaction.payload.get("message") or {}
            interaction.original_id = int(source["id"]) if source else None
            message = self.messages.get(interaction.original_id or 0)
            if rtype == 7 and message is not None:
                _apply_edit(message, data)
                interaction.edits.append(data)
        result: dict[str, Any] = {
            "interaction": {
                "id": iid,
                "type": interaction.type,
                "response_message_id": message["id"] if message else None,
                "response_message_loading": rtype == 5,
                "response_message_ephemeral": bool((message or {}).get("flags", 0) & EPHEMERAL),
            },
            "resource": {"type": rtype},
        }
        if message is not None and rtype in (4, 5, 7):
            result["resource"]["message"] = self._public(message)
        return json_response(result)

    def _webhook_interaction(self, app: str, token: str) -> Interaction | web.Response:
        interaction = self._find(None, token)
        if interaction is None or int(app) != self.app_id:
            return json_response({"message": "Unknown Webhook", "code": 10015}, 404)
        if not interaction.acked:
            self.violations.append(f"interaction {interaction.id}: followup before acknowledging")
            return json_response({"message": "Unknown Webhook", "code": 10015}, 404)
        if time.monotonic() - interaction.created > self.token_lifetime:
            self.violations.append(f"interaction {interaction.id}: token used after it expired")
            return json_response({"message": "Invalid Webhook Token", "code": 50027}, 401)
        return interaction

    async def _followup(self, request, body, app, token):
        interaction = self._webhook_interaction(app, token)
        if isinstance(interaction, web.Response):
            return interaction
        errors = validate_message(body or {})
        if errors:
            return self._invalid("followup", errors)
        message = self._new_message(interaction.payload["channel_id"], body or {})
        interaction.followups.append(body or {})
        interaction.note()
        return json_response(self._public(message))

    def _webhook_message(
        self, app: str, token: str, mid: str
    ) -> tuple[Interaction, dict[str, Any]] | web.Response:
        """The interaction and the message a webhook message route names, or Discord's error."""
        interaction = self._webhook_interaction(app, token)
        if isinstance(interaction, web.Response):
            return interaction
        if mid == "@original":
            message = self.messages.get(interaction.original_id or 0)
        else:
            message = self.messages.get(int(mid))
        if message is None:
            return json_response({"message": "Unknown Message", "code": 10008}, 404)
        return interaction, message

    async def _edit_webhook_message(self, request, body, app, token, mid):
        found = self._webhook_message(app, token, mid)
        if isinstance(found, web.Response):
            return found
        interaction, message = found
        errors = validate_message(body or {}, edit=True)
        if errors:
            return self._invalid(f"PATCH webhook message {mid}", errors)
        _apply_edit(message, body or {})
        message["flags"] = int(message.get("flags", 0)) & ~LOADING
        interaction.edits.append(body or {})
        interaction.note()
        return json_response(self._public(message))

    async def _get_webhook_message(self, request, body, app, token, mid):
        found = self._webhook_message(app, token, mid)
        if isinstance(found, web.Response):
            return found
        return json_response(self._public(found[1]))

    async def _delete_webhook_message(self, request, body, app, token, mid):
        found = self._webhook_message(app, token, mid)
        if isinstance(found, web.Response):
            return found
        self.messages.pop(int(found[1]["id"]), None)
        return web.Response(status=204)


# --------------------------------------------------------------------------- validation


def _option_type(value: Any) -> int:
    if isinstance(value, bool):
        return 5
    if isinstance(value, int):
        return 4
    if isinstance(value, float):
        return 10
    return 3


def _with_types(components: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return components


def _apply_edit(message: dict[str, Any], body: dict[str, Any]) -> None:
    for key in ("content", "embeds", "components", "flags", "allowed_mentions"):
        if key in body:
            message[key] = body[key] if body[key] is not None else ([] if key != "content" else "")
    message["edited_timestamp"] = iso_now()


EMBED_LIMITS = {"title": 256, "description": 4096}


def validate_embed(embed: dict[str, Any], where: str) -> tuple[list[str], int]:
    errors = []
    total = 0
    for key, limit in EMBED_LIMITS.items():
        text = embed.get(key) or ""
        total += dlen(text)
        if dlen(text) > limit:
            errors.append(f"{where}.{key}: {dlen(text)} > {limit}")
    fields = embed.get("fields") or []
    if len(fields) > 25:
        errors.append(f"{where}.fields: {len(fields)} > 25")
    for i, field in enumerate(fields):
        name, value = field.get("name") or "", field.get("value") or ""
        total += dlen(name) + dlen(value)
        if not name.strip() or dlen(name) > 256:
            errors.append(f"{where}.fields[{i}].name: length {dlen(name)} not in 1..256")
        if not value.strip() or dlen(value) > 1024:
            errors.append(f"{where}.fields[{i}].value: length {dlen(value)} not in 1..1024")
    footer = (embed.get("footer") or {}).get("text") or ""
    total += dlen(footer)
    if dlen(footer) > 2048:
        errors.append(f"{where}.footer.text: {dlen(footer)} > 2048")
    author = (embed.get("author") or {}).get("name") or ""
    total += dlen(author)
    if dlen(author) > 256:
        errors.append(f"{where}.author.name: {dlen(author)} > 256")
    colour = embed.get("color")
    if colour is not None and not 0 <= int(colour) <= 0xFFFFFF:
        errors.append(f"{where}.color out of range")
    return errors, total


def validate_components(components: list[dict[str, Any]]) -> list[str]:
    errors = []
    ids = [
        c.get("custom_id")
        for row in components
        for c in row.get("components") or []
        if c.get("custom_id")
    ]
    if len(ids) != len(set(ids)):
        errors.append("components: a custom_id is used twice in one message")
    if len(components) > 5:
        errors.append(f"components: {len(components)} rows > 5")
    for r, row in enumerate(components):
        if row.get("type") != 1:
            errors.append(f"components[{r}]: top level must be an action row")
            continue
        children = row.get("components") or []
        selects = [c for c in children if c.get("type") in (3, 5, 6, 7, 8)]
        if selects and len(children) > 1:
            errors.append(f"components[{r}]: a select must be alone in its row")
        if not children or len(children) > 5:
            errors.append(f"components[{r}]: {len(children)} children not in 1..5")
        for c, child in enumerate(children):
            where = f"components[{r}].components[{c}]"
            custom_id = child.get("custom_id") or ""
            is_link = child.get("type") == 2 and child.get("style") == 5
            if not is_link and not 1 <= len(custom_id) <= 100:
                errors.append(f"{where}.custom_id: length {len(custom_id)} not in 1..100")
            if child.get("type") == 2:
                label = child.get("label") or ""
                if dlen(label) > 80:
                    errors.append(f"{where}.label: {dlen(label)} > 80")
                if not label and not child.get("emoji"):
                    errors.append(f"{where}: a button needs a label or an emoji")
                if child.get("style") not in (1, 2, 3, 4, 5, 6):
                    errors.append(f"{where}.style {child.get('style')!r} invalid")
            if child.get("type") == 3:
                options = child.get("options") or []
                if not 1 <= len(options) <= 25:
                    errors.append(f"{where}.options: {len(options)} not in 1..25")
                if dlen(child.get("placeholder") or "") > 150:
                    errors.append(f"{where}.placeholder > 150")
                defaults = 0
                for o, option in enumerate(options):
                    for key, limit, required in (
                        ("label", 100, True),
                        ("value", 100, True),
                        ("description", 100, False),
                    ):
                        text = option.get(key) or ""
                        if (required and not text) or dlen(text) > limit:
                            errors.append(
                                f"{where}.options[{o}].{key}: length {dlen(text)} not in 1..{limit}"
                            )
                    defaults += bool(option.get("default"))
                if defaults > int(child.get("max_values") or 1):
                    errors.append(f"{where}: {defaults} default options > max_values")
                values = [option.get("value") for option in options]
                if len(values) != len(set(values)):
                    errors.append(f"{where}: duplicate option values")
    return errors


def validate_message(payload: dict[str, Any], *, edit: bool = False) -> list[str]:
    errors = []
    content = payload.get("content") or ""
    if dlen(content) > 2000:
        errors.append(f"content: {dlen(content)} > 2000")
    embeds = payload.get("embeds") or []
    if len(embeds) > 10:
        errors.append(f"embeds: {len(embeds)} > 10")
    total = 0
    for i, embed in enumerate(embeds):
        errs, size = validate_embed(embed, f"embeds[{i}]")
        errors.extend(errs)
        total += size
    if total > 6000:
        errors.append(f"embeds: {total} characters in all > 6000")
    errors.extend(validate_components(payload.get("components") or []))
    if not edit and not content and not embeds and not payload.get("attachments"):
        errors.append("cannot send an empty message (50006)")
    return errors


def validate_choices(choices: Any) -> list[str]:
    if not isinstance(choices, list):
        return ["choices: missing"]
    errors = []
    if len(choices) > 25:
        errors.append(f"choices: {len(choices)} > 25")
    for i, choice in enumerate(choices):
        name = choice.get("name") or ""
        value = choice.get("value")
        if not 1 <= dlen(name) <= 100:
            errors.append(f"choices[{i}].name: length {dlen(name)} not in 1..100")
        if isinstance(value, str) and len(value) > 100:
            errors.append(f"choices[{i}].value: length {len(value)} > 100")
    return errors


_NAME = re.compile(r"^[-_\w]{1,32}$")


def validate_commands(commands: list[dict[str, Any]]) -> list[str]:
    errors = []
    if len(commands) > 100:
        errors.append(f"{len(commands)} commands > 100")
    names = [(c.get("type", 1), c.get("name")) for c in commands]
    if len(names) != len(set(names)):
        errors.append("duplicate command names")

    def check_menu(command: dict[str, Any], where: str) -> None:
        """A user or message context-menu command: any 1-32 characters, no description."""
        name = command.get("name") or ""
        if not 1 <= len(name) <= 32 or name != name.strip():
            errors.append(f"{where}.name {name!r} invalid")
        if command.get("description"):
            errors.append(f"{where}.description: context menus have none")
        if command.get("options"):
            errors.append(f"{where}.options: context menus have none")

    def check(option: dict[str, Any], where: str) -> None:
        name = option.get("name") or ""
        if not _NAME.match(name) or name != name.lower():
            errors.append(f"{where}.name {name!r} invalid")
        description = option.get("description") or ""
        if (
            option.get("type", 1) in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
            and not 1 <= len(description) <= 100
        ):
            errors.append(f"{where}.description: length {len(description)} not in 1..100")
        options = option.get("options") or []
        if len(options) > 25:
            errors.append(f"{where}.options: {len(options)} > 25")
        seen_optional = False
        for i, sub in enumerate(options):
            if sub.get("type") not in (1, 2):
                if sub.get("required") and seen_optional:
                    errors.append(f"{where}.options[{i}]: required after optional")
                seen_optional |= not sub.get("required")
            if len(sub.get("choices") or []) > 25:
                errors.append(f"{where}.options[{i}].choices > 25")
            if sub.get("choices") and sub.get("autocomplete"):
                errors.append(f"{where}.options[{i}]: choices and autocomplete")
            check(sub, f"{where}.options[{i}]")

    for c, command in enumerate(commands):
        if command.get("type", 1) in (2, 3):
            check_menu(command, f"commands[{c}]")
        else:
            check(command, f"commands[{c}]")
    return errors


# --------------------------------------------------------------------------- pytest fixture

TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.fake.token-for-tests"


class BotEnv:
    """A fake Discord plus bots started against it (the `discord_env` fixture)."""

    def __init__(self, fake: FakeDiscord, tmp_path: Any):
        self.fake = fake
        self.tmp_path = tmp_path
        self.db_path = tmp_path / "settings.sqlite3"
        self.bots: list[Any] = []
        self.tasks: list[asyncio.Task] = []
        self.expect_violations = False

    def settings(self, **overrides: Any) -> Any:
        from bot.config import Settings

        values = {
            "discord_token": self.fake.token,
            "db": self.db_path,
            "chat_cooldown": 0.0,
            "heartbeat_file": self.tmp_path / "canirun-bot.heartbeat",
        }
        values.update(overrides)
        return Settings(**values)

    def make_bot(self, settings: Any = None, **options: Any) -> Any:
        from bot.bot import CanIRunBot

        class TestBot(CanIRunBot):
            async def before_identify_hook(self, shard_id, *, initial=False):
                return None  # production waits 5 s between IDENTIFYs

        options.setdefault("guild_ready_timeout", 0.01)
        return TestBot(settings or self.settings(), **options)

    async def start_bot(self, settings: Any = None, **options: Any) -> Any:
        bot = self.make_bot(settings, **options)
        task = asyncio.create_task(
            bot.start(self.fake.token if settings is None else settings.token())
        )
        self.bots.append(bot)
        self.tasks.append(task)
        ready = asyncio.create_task(bot.wait_until_ready())
        # generous: a loaded 2-core CI box has taken over 10 s to import the cogs and sync
        done, _ = await asyncio.wait({ready, task}, timeout=30, return_when=asyncio.FIRST_COMPLETED)
        if task in done:
            ready.cancel()
            task.result()  # raises the start-up error
            raise AssertionError("the bot stopped during start-up")
        if ready not in done:
            raise AssertionError("the bot did not become ready")
        return bot

    async def view_ready(self, message: dict[str, Any], bot: Any = None) -> None:
        """Wait until the bot listens to the components of `message`: the fake stores a message
        before the bot has read the response and registered the message's view."""
        bot = bot or self.bots[-1]
        store = bot._connection._view_store
        wanted = {
            c["custom_id"]
            for row in message.get("components") or []
            for c in row.get("components") or []
            if c.get("custom_id")
        }

        def registered() -> bool:
            known = {cid for _, cid in store._views.get(int(message["id"]), {})}
            dynamic = {cid for cid in wanted if any(p.fullmatch(cid) for p in store._dynamic_items)}
            return wanted <= known | dynamic

        await self.fake.wait_until(registered)

    async def stop_bot(self, bot: Any) -> None:
        await bot.close()
        i = self.bots.index(bot)
        task = self.tasks[i]
        with contextlib.suppress(Exception):
            await asyncio.wait_for(task, 5)
        del self.bots[i], self.tasks[i]

    async def close(self) -> None:
        for bot in list(self.bots):
            await self.stop_bot(bot)


def _patch_discord(monkeypatch: Any, fake: FakeDiscord) -> None:
    import discord
    import yarl

    monkeypatch.setattr(discord.http.Route, "BASE", fake.base)
    monkeypatch.setattr(
        discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(fake.gateway_url)
    )


try:
    import pytest

    @pytest.fixture(name="discord_env")
    async def discord_env_fixture(tmp_path, monkeypatch):
        """A started fake Discord and a BotEnv to start bots against it (import this name)."""
        fake = FakeDiscord(token=TOKEN, interaction_deadline=3.0)
        await fake.start()
        _patch_discord(monkeypatch, fake)
        env = BotEnv(fake, tmp_path)
        try:
            yield env
        finally:
            await env.close()
            await fake.stop()
        assert not fake.unknown, f"the bot called routes the fake does not know: {fake.unknown}"
        if not env.expect_violations:
            assert not fake.violations, f"Discord would have rejected: {fake.violations}"
except ImportError:  # pragma: no cover - used without pytest
    pass
