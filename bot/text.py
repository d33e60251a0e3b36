"""Text for Discord: its limits, lengths as Discord counts them, user text made safe to echo, and
the numbers as every card prints them. Pure: no network, no bot state.

One unit convention, stated once on every card (UNITS): sizes are GB as memory is sold, 2^30
bytes, so a "24 GB" card is 24 GB here and what a model needs compares with it directly. The
engine's report counts decimal GB (10^9 bytes, as GGUF files are listed); `fmt_gb` converts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import discord

from fitengine.units import SOLD_UNITS, sold_gb

# Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits)
TITLE_MAX = 256
DESCRIPTION_MAX = 4096
FIELDS_MAX = 25
FIELD_NAME_MAX = 256
FIELD_VALUE_MAX = 1024
FOOTER_MAX = 2048
AUTHOR_MAX = 256
EMBED_TOTAL_MAX = 6000
CONTENT_MAX = 2000
SELECT_OPTIONS_MAX = 25
OPTION_LABEL_MAX = 100
OPTION_DESCRIPTION_MAX = 100
CHOICE_NAME_MAX = 100
BUTTON_LABEL_MAX = 80

ELLIPSIS = "…"

# the cards' unit: GB as memory is sold (fitengine.units, shared with the CLI's text)
UNITS = SOLD_UNITS


# --------------------------------------------------------------------------- lengths


def dlen(text: str) -> int:
    """Length as Discord may count it (UTF-16 code units; >= code points)."""
    return len(text.encode("utf-16-le")) // 2


def clip(text: str, limit: int) -> str:
    """`text` cut to `limit` (UTF-16 units), ending in an ellipsis when cut."""
    if dlen(text) <= limit:
        return text
    out: list[str] = []
    used = 0
    for ch in text:
        size = 2 if ord(ch) > 0xFFFF else 1
        if used + size > limit - 1:
            break
        out.append(ch)
        used += size
    return "".join(out).rstrip() + ELLIPSIS


def lines_within(lines: Iterable[str], limit: int, more: str = "…and {n} more") -> str:
    """Join lines with newlines, stopping (with a '…and N more' line) before `limit`."""
    lines = list(lines)
    out: list[str] = []
    used = 0
    for i, line in enumerate(lines):
        size = dlen(line) + (1 if out else 0)
        rest = len(lines) - i
        tail = more.format(n=rest)
        if used + size > limit or (i < len(lines) - 1 and used + size + 1 + dlen(tail) > limit):
            if used + 1 + dlen(tail) <= limit:
                out.append(tail)
            elif not out:
                out.append(clip(line, limit))
            break
        out.append(line)
        used += size
    return "\n".join(out)


# --------------------------------------------------------------------------- safety

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_MASKED_LINK = re.compile(r"\]\(")


def clean(text: str) -> str:
    """Control and bidi characters removed (newlines and tabs kept)."""
    return _CONTROL.sub("", text)


def user_text(text: str, limit: int = 100) -> str:
    """User input made safe to echo: one line, no markdown, no mentions, clipped."""
    one_line = " ".join(clean(text).split())
    safe = discord.utils.escape_markdown(one_line, ignore_links=False)
    safe = _MASKED_LINK.sub("]\u200b(", discord.utils.escape_mentions(safe))
    return clip(safe, limit)


def engine_text(text: str) -> str:
    """Engine prose (it may quote the user): keep bold/italics, defuse mentions and masked links."""
    return _MASKED_LINK.sub("]\u200b(", discord.utils.escape_mentions(clean(text)))


def code_block(text: str, limit: int = FIELD_VALUE_MAX, lang: str = "sh") -> str:
    """A fenced code block that stays closed when clipped to `limit`."""
    body = clean(text).replace("```", "`\u200b``")
    head, tail = f"```{lang}\n", "\n```"
    room = limit - dlen(head) - dlen(tail)
    return head + clip(body, room) + tail


def wrap_command(command: str, width: int = 44) -> str:
    """A shell command broken before its flags into lines of about `width` characters, joined
    with `\\` continuations: copied whole from a phone, it still runs as one command. A flag
    keeps its value on its line (a long repo:quant may make that line longer)."""
    groups: list[str] = []
    for word in command.split(" "):
        if groups and not word.startswith("-"):
            groups[-1] += " " + word
        else:
            groups.append(word)
    lines: list[str] = []
    for group in groups:
        if lines and dlen(lines[-1]) + 1 + dlen(group) <= width:
            lines[-1] += " " + group
        else:
            lines.append(group if not lines else "  " + group)
    return " \\\n".join(lines)


# --------------------------------------------------------------------------- numbers


def fmt_tok_s(value: float | None) -> str:
    if value is None:
        return "–"
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}".rstrip("0").rstrip(".")
    return f"{value:.2f}".rstrip("0").rstrip(".") if value > 0 else "0"


def fmt_rate(value: float | None) -> str:
    """Large token rates compactly (prefill): 950, 1.2K, 15K."""
    if value is None:
        return "–"
    if value >= 10_000:
        return f"{value / 1000:.0f}K"
    if value >= 1000:
        return f"{value / 1000:.1f}K"
    return fmt_tok_s(value)


def fmt_ms(value: float | None) -> str:
    if value is None:
        return "–"
    if value < 1000:
        return f"{value:.0f} ms"
    seconds = value / 1000
    if seconds < 60:
        return f"{seconds:.1f} s"
    if seconds < 3600:
        return f"{seconds / 60:.1f} min"
    return f"{seconds / 3600:.1f} h"


def fmt_s(value: float | None) -> str:
    return "–" if value is None else fmt_ms(value * 1000)


def fmt_ttft(ms: float | None, prompt: int | None, depth: int | None) -> str:
    """A first-token time with the prompt and depth it is for (never one without the other)."""
    if ms is None or prompt is None:
        return fmt_ms(ms)
    return f"{fmt_ms(ms)} ({fmt_tokens(prompt)} prompt @ {fmt_tokens(depth or 0)})"


def fmt_gb(decimal_gb: float | None) -> str:
    """A size from the report (decimal GB), printed in the cards' unit (UNITS)."""
    if decimal_gb is None:
        return "–"
    gb = sold_gb(decimal_gb)
    return f"{gb:.0f} GB" if gb >= 100 else f"{gb:.1f} GB"


def fmt_sold(gb: float | None) -> str:
    """A size already in GB as sold (a device's memory, system RAM as given)."""
    if gb is None:
        return "–"
    if gb >= 100:
        return f"{gb:.0f} GB"
    return f"{gb:g} GB" if gb == round(gb, 1) and gb == int(gb) else f"{gb:.1f} GB"


def fmt_tokens(value: int | None) -> str:
    if value is None:
        return "–"
    if value >= 1024 and value % 1024 == 0:
        k = value // 1024
        return f"{k // 1024}M" if k >= 1024 and k % 1024 == 0 else f"{k}K"
    return f"{value:,}"


def fmt_usd(value: float | None) -> str:
    return "" if value is None else f"${value:,.0f}"
