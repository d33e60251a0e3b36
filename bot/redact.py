"""Secrets and what people wrote stay out of the logs, at every level.

discord.py logs at DEBUG every gateway event it receives (a message's text, an interaction's
token and the options typed) and every HTTP request (URLs that carry interaction and webhook
tokens, and the bodies sent). Redactor, a filter on the log handlers, rewrites each record before
it is written:

- a payload passed to a log call (a dict or list, a JSON body, a form) becomes a summary of what
  it is (`<payload op=0 t=MESSAGE_CREATE s=12>`, `<body of 811 characters>`), never its content;
  so does a call with its arguments (aiosqlite logs every statement it runs at DEBUG as a
  functools.partial holding the SQL's parameters: a rig's name, a server's settings);
- then, in the formatted line and in any traceback: the bot token and the other secrets it was
  given (HF_TOKEN), the token part of /interactions/ID/TOKEN and /webhooks/ID/TOKEN URLs, a
  "token" field, an Authorization header, and anything shaped like a Discord bot token or a
  Hugging Face token become `[redacted]`.

Our own log calls name messages and interactions by id and length, never by their text.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import re
import urllib.parse
from collections.abc import Iterable
from typing import Any

REDACTED = "[redacted]"

_PATTERNS = (
    # /interactions/{id}/{token}/callback, /webhooks/{app id}/{token}[/messages/...]
    (re.compile(r"(/(?:interactions|webhooks)/\d+/)[^/?\s'\"]+"), rf"\1{REDACTED}"),
    # "token": "...", 'interaction_token': '...', token=...
    (
        re.compile(r"""(["']?\b\w*token["']?\s*[:=]\s*)(["']?)[^"',\s}]+\2""", re.I),
        rf"\1\2{REDACTED}\2",
    ),
    # an Authorization header: "Bot <token>", "Bearer <token>"
    (
        re.compile(
            r"(\bauthorization['\"]?\s*[:=]\s*['\"]?(?:bot\s+|bearer\s+)?|\bbearer\s+)[\w.~+/=-]{8,}",
            re.I,
        ),
        rf"\1{REDACTED}",
    ),
    # a Discord bot token: base64 user id . timestamp . HMAC
    (re.compile(r"\b[\w-]{23,28}\.[\w-]{6,7}\.[\w-]{27,}"), REDACTED),
    # a Hugging Face token
    (re.compile(r"\bhf_[A-Za-z0-9]{30,}\b"), REDACTED),
)


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    for secret in secrets:
        text = text.replace(secret, REDACTED)
    for pattern, repl in _PATTERNS:
        text = pattern.sub(repl, text)
    return text


def _summary(value: Any) -> Any:
    """A payload as what it is, without its content; anything else as it is."""
    if isinstance(value, dict):
        keys = [f"{k}={value[k]}" for k in ("op", "t", "s") if k in value]
        return "<payload " + (" ".join(keys) if keys else f"of {len(value)} keys") + ">"
    if isinstance(value, list | tuple):
        return f"<list of {len(value)}>"
    if isinstance(value, bytes | bytearray):
        return f"<{len(value)} bytes>"
    if isinstance(value, str) and value[:1] in ("{", "["):
        return f"<body of {len(value)} characters>"
    if type(value).__name__ == "FormData":
        return "<form>"
    if isinstance(value, functools.partial):
        return f"<call {getattr(value.func, '__name__', 'function')}>"
    return value


class Redactor(logging.Filter):
    """The filter (see the module docstring). `secrets`: values never to write (the bot token,
    HF_TOKEN); values shorter than 8 characters are ignored (they would blank ordinary words)."""

    def __init__(self, secrets: Iterable[str | None] = ()):
        super().__init__()
        self.secrets = sorted({s for s in secrets if s and len(s) >= 8}, key=len, reverse=True)

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple):
            args = tuple(_summary(a) for a in args)
        elif isinstance(args, dict) and "%(" not in str(record.msg):
            # logging unwraps a lone dict argument ("Event: %s", payload) into record.args
            args = (_summary(args),)
        elif isinstance(args, dict):
            args = {k: _summary(v) for k, v in args.items()}
        try:
            message = str(record.msg) % args if args else str(record.msg)
        except (TypeError, ValueError, KeyError):
            message = f"{record.msg} {args!r}"
        record.msg, record.args = redact(message, self.secrets), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text, self.secrets)
        if record.stack_info:
            record.stack_info = redact(record.stack_info, self.secrets)
        return True


def environment_secrets() -> list[str]:
    """Tokens the process may hold besides the bot's own, and the database password."""
    names = ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "DISCORD_TOKEN", "CANIRUN_DISCORD_TOKEN")
    found = [v.strip() for n in names if (v := os.environ.get(n))]
    for name in ("DATABASE_URL", "CANIRUN_DATABASE_URL"):
        with contextlib.suppress(ValueError):
            if password := urllib.parse.urlsplit(os.environ.get(name, "").strip()).password:
                found += [password, urllib.parse.unquote(password)]  # as written, as sent
    return found


def install(secrets: Iterable[str | None] = (), logger: logging.Logger | None = None) -> Redactor:
    """Put a Redactor on every handler of `logger` (the root logger): a filter on a handler sees
    the records of every logger that propagates to it."""
    f = Redactor([*secrets, *environment_secrets()])
    for handler in (logger or logging.getLogger()).handlers:
        handler.addFilter(f)
    return f
