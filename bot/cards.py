"""Embeds ("cards") built from engine reports. Pure: no network, no bot state.

A card is read on a phone first: it leads with one sentence (the verdict, quant, speed, context and
memory, as the seed card does), then a few short lines, and says its unit once in the footer.
Run commands are not on the card: a button sends them (see commands_text). Every card goes through
`fit_limits`, which enforces Discord's embed limits, so a very long model name or 40 workloads can
never make Discord reject a reply. Lengths are counted in UTF-16 code units, which is never less
than what Discord counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import discord

from fitengine.cards import on_cards
from fitengine.memory import SHARED_KINDS
from fitengine.report import FIT_LABELS

from .text import (
    AUTHOR_MAX,
    BUTTON_LABEL_MAX,
    CHOICE_NAME_MAX,
    CONTENT_MAX,
    DESCRIPTION_MAX,
    EMBED_TOTAL_MAX,
    FIELD_NAME_MAX,
    FIELD_VALUE_MAX,
    FIELDS_MAX,
    FOOTER_MAX,
    OPTION_DESCRIPTION_MAX,
    OPTION_LABEL_MAX,
    SELECT_OPTIONS_MAX,
    TITLE_MAX,
    UNITS,
    clean,
    clip,
    code_block,
    dlen,
    engine_text,
    fmt_gb,
    fmt_ms,
    fmt_rate,
    fmt_s,
    fmt_sold,
    fmt_tok_s,
    fmt_tokens,
    fmt_ttft,
    fmt_usd,
    lines_within,
    user_text,
    wrap_command,
)

__all__ = [
    "AUTHOR_MAX",
    "BUTTON_LABEL_MAX",
    "CHOICE_NAME_MAX",
    "CONTENT_MAX",
    "DESCRIPTION_MAX",
    "EMBED_TOTAL_MAX",
    "FIELDS_MAX",
    "FIELD_NAME_MAX",
    "FIELD_VALUE_MAX",
    "FOOTER_MAX",
    "OPTION_DESCRIPTION_MAX",
    "OPTION_LABEL_MAX",
    "SELECT_OPTIONS_MAX",
    "TITLE_MAX",
    "UNITS",
    "clean",
    "clip",
    "code_block",
    "dlen",
    "engine_text",
    "fmt_gb",
    "fmt_ms",
    "fmt_s",
    "fmt_sold",
    "fmt_tok_s",
    "fmt_tokens",
    "lines_within",
    "user_text",
]

GRADE_COLOURS = {
    "S": 0x1ABC9C,
    "A": 0x2ECC71,
    "B": 0x9ACD32,
    "C": 0xF1C40F,
    "D": 0xE67E22,
    "F": 0xE74C3C,
}
FIT_COLOURS = {
    "runs_well": 0x2ECC71,
    "tight": 0xF1C40F,
    "offload": 0xE67E22,
    "wont_fit": 0xE74C3C,
}
NEUTRAL = 0x5865F2
FIT_ICONS = {"runs_well": "🟢", "tight": "🟡", "offload": "🟠", "wont_fit": "🔴"}
GRADE_ICONS = {"S": "🟦", "A": "🟢", "B": "🟩", "C": "🟡", "D": "🟠", "F": "🔴"}
RECOMMENDED = "⭐"

FOOTER = f"canirun · llama.cpp estimates, not measurements · {UNITS}"

# the longest line of a list meant for a phone (a code-free embed line wraps past about this)
PHONE_LINE = 44


# --------------------------------------------------------------------------- limits


def embed_total(embed: discord.Embed) -> int:
    total = dlen(embed.title or "") + dlen(embed.description or "")
    for field in embed.fields:
        total += dlen(field.name or "") + dlen(field.value or "")
    total += dlen(embed.footer.text or "") if embed.footer else 0
    total += dlen(embed.author.name or "") if embed.author else 0
    return total


def fit_limits(embed: discord.Embed) -> discord.Embed:
    """Clip every part of `embed` to Discord's limits, dropping trailing fields if the whole is
    still over 6000. Returns the same embed."""
    if embed.title:
        embed.title = clip(embed.title, TITLE_MAX)
    if embed.description:
        embed.description = clip(embed.description, DESCRIPTION_MAX)
    fields = [(f.name or "\u200b", f.value or "\u200b", bool(f.inline)) for f in embed.fields]
    embed.clear_fields()
    for name, value, inline in fields[:FIELDS_MAX]:
        value = _clip_field_value(value)
        embed.add_field(name=clip(name, FIELD_NAME_MAX), value=value, inline=inline)
    if embed.footer and embed.footer.text:
        embed.set_footer(text=clip(embed.footer.text, FOOTER_MAX), icon_url=embed.footer.icon_url)
    if embed.author and embed.author.name:
        embed.set_author(
            name=clip(embed.author.name, AUTHOR_MAX),
            url=embed.author.url,
            icon_url=embed.author.icon_url,
        )
    while embed_total(embed) > EMBED_TOTAL_MAX and embed.fields:
        embed.remove_field(len(embed.fields) - 1)
    over = embed_total(embed) - EMBED_TOTAL_MAX
    if over > 0 and embed.description:
        embed.description = clip(embed.description, max(1, dlen(embed.description) - over))
    return embed


def _clip_field_value(value: str) -> str:
    if dlen(value) <= FIELD_VALUE_MAX:
        return value
    # keep a trailing code block closed
    if value.rstrip().endswith("```") and value.count("```") % 2 == 0:
        start = value.rfind("```", 0, len(value.rstrip()) - 3)
        head = value[:start]
        if dlen(head) < FIELD_VALUE_MAX - 20:
            block = value[start:].rstrip()
            first_nl = block.find("\n")
            lang = block[3:first_nl] if first_nl > 0 else ""
            body = block[first_nl + 1 : -3].rstrip("\n") if first_nl > 0 else block[3:-3]
            return head + code_block(body, FIELD_VALUE_MAX - dlen(head), lang)
    return clip(value, FIELD_VALUE_MAX)


def card(
    title: str,
    description: str | None = None,
    *,
    colour: int = NEUTRAL,
    fields: Sequence[tuple[str, str, bool]] = (),
    footer: str | None = FOOTER,
) -> discord.Embed:
    embed = discord.Embed(title=title or "\u200b", description=description or None, colour=colour)
    for name, value, inline in fields:
        if value:
            embed.add_field(name=name, value=value, inline=inline)
    if footer:
        embed.set_footer(text=footer)
    return fit_limits(embed)


def as_text(embeds: Sequence[discord.Embed], limit: int = CONTENT_MAX) -> str:
    """The same cards as plain message text, for a channel where the bot may not embed links
    (Discord drops embeds silently there)."""
    parts: list[str] = []
    for embed in embeds:
        lines = [f"**{embed.title}**"] if embed.title and embed.title != "\u200b" else []
        if embed.description:
            lines.append(embed.description)
        for field in embed.fields:
            lines.append(f"**{field.name}**\n{field.value}")
        if embed.footer and embed.footer.text:
            lines.append(f"-# {embed.footer.text}")
        parts.append("\n".join(lines))
    return _clip_text("\n\n".join(parts), limit)


def _clip_text(text: str, limit: int) -> str:
    """Clip message text, closing a code block the cut leaves open."""
    if dlen(text) <= limit:
        return text
    out = clip(text, limit - 4)
    return out + "\n```" if out.count("```") % 2 else out


# --------------------------------------------------------------------------- report cards


def fit_label(fit: str) -> str:
    return FIT_LABELS.get(fit, fit)


def hardware_label(hw: Any) -> str:
    if getattr(hw, "parts", None):
        return hw.name
    count = getattr(hw, "count", 1) or 1
    return f"{count}× {hw.name}" if count > 1 else hw.name


def report_colour(report: Any) -> int:
    if report.grade in GRADE_COLOURS:
        return GRADE_COLOURS[report.grade]
    return FIT_COLOURS.get(report.fit, NEUTRAL)


def verdict(report: Any) -> str:
    """The card's first sentence: fit and grade, then the quant, speed, context and memory."""
    icon = FIT_ICONS.get(report.fit, "⚪")
    head = f"{icon} **{report.fit_label}**"
    if report.grade:
        head += f" · grade **{report.grade}**"
    m = report.memory
    if report.fit == "wont_fit":
        return (
            f"{head}: it needs {fmt_gb(m.total_gb)} at {report.quant}; "
            f"{fmt_gb(m.available_gb)} fits {_where(report)}."
        )
    context = fmt_context(report.context)
    if report.safe_context and report.safe_context >= report.context * 1.25:
        # held where the model is: on the GPU, or only with part of it in system RAM
        held = SAFE_CONTEXT_HELD.get(getattr(report, "safe_context_on", "gpu"), "")
        context += f" (up to {fmt_context(report.safe_context)}{held})"
    if report.fit == "offload":
        memory = f"{fmt_gb(m.total_gb)}, {fmt_gb(m.available_gb)} of it {_where(report)}"
    else:
        memory = f"{fmt_gb(m.total_gb)} of {fmt_gb(m.available_gb)}"
    return (
        f"{head}: {report.quant} at ~{fmt_tok_s(report.decode_tok_s)} tok/s, {context} context, "
        f"{memory}."
    )


SAFE_CONTEXT_HELD = {"offload": " with offload"}


def fmt_context(tokens: int) -> str:
    """A context length as people say it: 8K, 40K, 1M (1K = 1,024 tokens)."""
    if tokens < 1024:
        return f"{tokens:,}"
    if tokens % 1024 == 0:
        return fmt_tokens(tokens)
    if tokens % 1000 == 0:
        return f"{tokens // 1000}K"  # a window asked in decimal ("146k"), as the answer says it
    if tokens >= 10 * 1024:
        return f"{tokens // 1024}K"
    return f"{tokens / 1024:.1f}".rstrip("0").rstrip(".") + "K"


def _where(report: Any) -> str:
    if report.hardware.count > 1:
        return "on the GPUs"
    kind = report.hardware.kind
    if kind in ("apple", "unified", "igpu"):
        return "in GPU memory"
    if kind == "cpu":
        return "in RAM"
    return "on the GPU"


def speed_line(report: Any) -> str | None:
    if report.decode_tok_s is None:
        return None
    line = f"Decode **{fmt_tok_s(report.decode_tok_s)}** tok/s"
    if band := report.decode_band:
        line += f" ({fmt_tok_s(band.low)}–{fmt_tok_s(band.high)})"
    ttft = fmt_ttft(
        report.ttft_ms,
        getattr(report, "ttft_prompt_tokens", None),
        getattr(report, "ttft_depth", None),
    )
    line += f" · prefill {fmt_rate(report.prefill_tok_s)} tok/s · first token {ttft}"
    if (full := getattr(report, "decode_full_tok_s", None)) is not None:
        # a context asked: what the full window decodes at, and a prompt filling it takes
        line += f" · {fmt_tok_s(full)} tok/s with {fmt_context(report.context)} filled"
        if (read := getattr(report, "read_full_s", None)) is not None:
            line += f" (a prompt that fills it reads in {fmt_s(read)})"
    if sp := getattr(report, "speculative", None):
        line += f" · with MTP ~{fmt_tok_s(sp.decode_tok_s)} tok/s"
    if draft := getattr(report, "speculative_draft", None):
        line += f" · with a draft model ~{fmt_tok_s(draft.decode_tok_s)} tok/s"
    if report.aggregate_tok_s is not None:
        line += f" · {fmt_tok_s(report.aggregate_tok_s)} tok/s over {report.parallel} requests"
    return line


def placement_text(report: Any) -> str:
    p = report.placement
    kind = p.kind
    if idle := getattr(p, "idle", None):
        # the run uses some of a rig's cards (-dev): which, and which stay free
        return f"{on_cards([d.name for d in p.devices], idle)} ({' and '.join(idle)} left free)"
    if kind == "gpu":
        return "all on the GPU"
    if kind == "multi_gpu":
        return f"split over {len(p.devices) or report.hardware.count} GPUs"
    if kind == "unified":
        return "in unified memory"
    if kind == "cpu":
        return "on the CPU"
    # a Mac's, a Strix Halo's or an iGPU's "system RAM" is the GPU's own memory
    ram = "run by the CPU" if report.hardware.kind in SHARED_KINDS else "in system RAM"
    if kind == "partial_offload":
        return f"{p.gpu_layers} layers on the GPU, {fmt_gb(p.ram_needed_gb)} {ram}"
    if kind == "moe_offload":
        return f"experts of {p.n_cpu_moe} layers {ram} ({fmt_gb(p.ram_needed_gb)})"
    return kind


def memory_line(report: Any) -> str:
    m = report.memory
    return (
        f"Memory: weights {fmt_gb(m.weights_gb)} + KV {fmt_gb(m.kv_cache_gb)} ({report.kv_type}) "
        f"+ buffers {fmt_gb(m.overhead_gb)}, {placement_text(report)}"
    )


def devices_lines(report: Any) -> list[str]:
    """One line per device when there are several (a split or a mixed rig)."""
    devices = list(report.placement.devices) if report.placement else []
    if len(devices) < 2:
        return []
    return [
        f"· {d.name}: {fmt_gb(d.total_gb)} of {fmt_gb(d.available_gb)}" for d in devices[:8]
    ] + ([f"· …and {len(devices) - 8} more"] if len(devices) > 8 else [])


def workloads_line(report: Any, selected: str | None = None) -> str | None:
    if not report.workloads or report.fit == "wont_fit":
        return None
    parts = []
    for w in report.workloads:
        short = w.name.split(" ")[0]  # "Coding assistant" -> Coding: the menu has the full name
        name = f"__{short}__" if selected and w.id == selected else short
        parts.append(f"{name} **{w.grade or '–'}**")
    return "Workloads: " + " · ".join(parts)


def next_steps_lines(report: Any, limit: int = 4) -> list[str]:
    if not report.next_steps:
        return []
    head = "**What runs instead**" if report.fit == "wont_fit" else "**What runs better**"
    return [head] + [f"· {engine_text(s.text)}" for s in report.next_steps[:limit]]


def assumed_lines(report: Any, extra: Sequence[Any] = ()) -> list[str]:
    """What the verdict depends on and the question did not say, once each (an effect that a
    next step already says is not repeated)."""
    said = {s.text for s in report.next_steps}
    seen: set[str] = set()
    out = []
    for a in [*report.assumed, *extra]:
        key = f"{a.what}:{a.value}"
        if key in seen:
            continue
        seen.add(key)
        effect = "" if a.effect in said else " " + engine_text(a.effect).rstrip(".") + "."
        tip = " Save yours with `/rig set`." if a.what in ("ram", "gpus", "memory") else ""
        what = ASSUMED_WORDS.get(a.what, a.what)
        out.append(f"*Assumed {what}: {engine_text(a.value)}.{effect}{tip}*")
    return out


ASSUMED_WORDS = {
    "ram": "system RAM",
    "gpus": "GPU count",
    "memory": "memory size",
    "hardware": "hardware",
    "context": "context",
    "backend": "backend",
}


def source_lines(source: Any) -> list[str]:
    """Where a card's figures come from, for a model read from Hugging Face (fitengine.hub):
    the repo and file, what was read, and what could not be."""
    from fitengine.hub.service import provenance_text

    data = source.source_json()
    lines = [f"*Source: {engine_text(provenance_text(data))}*"]
    lines += [f"*Not read: {engine_text(n)}*" for n in data.get("not_read", [])[:2]]
    if data.get("other_files"):
        lines.append(f"*Not modelled here: {', '.join(data['other_files'][:4])}*")
    return lines


def report_card(
    report: Any,
    *,
    workload: str | None = None,
    lead: str | None = None,
    assumed: Sequence[Any] = (),
    title_note: str | None = None,
    source: Any | None = None,
) -> discord.Embed:
    """The /fit card: one sentence, then speed, memory, workloads, what runs instead, what was
    assumed. `lead` goes first (a chat answer's reading of the question); for a model read from
    Hugging Face, the files its figures come from (`source`)."""
    title = f"{report.model.name} on {hardware_label(report.hardware)}"
    if title_note:
        title = f"{title_note}: {title}"
    lines = [engine_text(lead)] if lead else []
    lines.append(verdict(report))
    if report.grade in ("C", "D", "F") and report.reason and report.fit != "wont_fit":
        lines.append(engine_text(report.reason))
    if speed := speed_line(report):
        lines.append(speed)
    lines.append(memory_line(report))
    lines.extend(devices_lines(report))
    selected = workload or getattr(report, "workload", None)
    if wl := workloads_line(report, selected):
        lines.append(wl)
    lines.extend(next_steps_lines(report))
    for warning in report.warnings[:2]:
        lines.append(f"⚠️ {engine_text(warning)}")
    lines.extend(assumed_lines(report, assumed))
    if source is not None:
        lines.extend(source_lines(source))
    mode = report.mode.replace("_", " ")
    footer = f"{FOOTER} · {report.backend} · {mode} mode"
    return card(
        title,
        lines_within(lines, DESCRIPTION_MAX),
        colour=report_colour(report),
        footer=footer,
    )


def draft_text(draft: Any) -> str:
    """The draft model on offer (an option beside the plain decode): which, what it gives and
    what it takes; its command follows."""
    fit = "" if draft.fit == "runs_well" else f", {FIT_LABELS.get(draft.fit, draft.fit).lower()}"
    return (
        f"Faster with a draft model (~{fmt_tok_s(draft.decode_tok_s)} tok/s, ×{draft.speedup:.2f}):"
        f" {engine_text(draft.draft_name)} {draft.draft_quant} beside it, "
        f"+{fmt_gb(draft.memory_gb)}{fit}. llama.cpp only (not in Ollama):"
    )


def commands_text(report: Any) -> str:
    """The run commands, sent on request (the card's "Run it" button): each in its own code
    block, long ones broken into short lines, so a phone copies one whole with a long press.
    When it won't fit: the commands of what runs instead."""
    name = user_text(report.model.name, 100)
    lines: list[str] = []
    if report.fit == "wont_fit":
        steps = [s for s in report.next_steps if s.command]
        if not steps:
            return f"Nothing nearby runs {name} on this setup, so there is no command to run."
        lines.append(f"**{name}** does not fit here. What runs instead:")
        for s in steps[:3]:
            lines.append(engine_text(s.text))
            lines.append(code_block(wrap_command(s.command), 600))
        return _clip_text("\n".join(lines), CONTENT_MAX)
    c = report.commands
    if server := getattr(c, "server", None):
        # the GPU server the question runs (vLLM, SGLang), first
        lines.append(
            f"**Run {name}** with {c.server_name} ({c.server_format}), "
            f"{fmt_tokens(report.context)} context:"
        )
        lines.append(code_block(wrap_command(server), 700))
    if note := getattr(c, "server_note", None):
        lines.append(engine_text(note))
    lines.append(
        f"**Run {name}** at {report.quant}, {fmt_tokens(report.context)} context "
        f"(llama.cpp, {report.backend}):"
    )
    lines.append(code_block(wrap_command(c.llama_cpp), 700))
    if c.ollama:
        lines.append("Ollama:")
        lines.append(code_block(c.ollama, 300))
        if getattr(c, "ollama_note", None):
            lines.append(c.ollama_note)
    if c.docker:
        lines.append("Docker:")
        lines.append(code_block(wrap_command(c.docker), 800))
    if sp := getattr(report, "speculative", None):
        how = "run with" if sp.flags.startswith("-hf ") else "add"
        lines.append(f"Faster with MTP (~{fmt_tok_s(sp.decode_tok_s)} tok/s): {how} `{sp.flags}`")
    if draft := getattr(report, "speculative_draft", None):
        lines.append(draft_text(draft))
        lines.append(code_block(wrap_command(draft.command), 800))
    if report.assumptions:
        lines.append("-# Assumes: " + "; ".join(engine_text(a) for a in report.assumptions))
    return _clip_text("\n".join(lines), CONTENT_MAX)


# --------------------------------------------------------------------------- quants


def quant_line(q: Any, grade: str | None, recommended: str | None, current: str) -> str:
    """One quant on one short line: fit, name, size, speed, grade."""
    star = f" {RECOMMENDED}" if q.quant == recommended else ""
    name = f"__{q.quant}__" if q.quant == current else q.quant
    speed = f"{fmt_tok_s(q.decode_tok_s)} tok/s" if q.decode_tok_s is not None else "won't run"
    tail = f" · **{grade}**" if grade else ""
    return f"{FIT_ICONS.get(q.fit, '⚪')} **{name}**{star} {fmt_gb(q.memory_gb)} · {speed}{tail}"


def quants_card(report: Any, grades: dict[str, str | None] | None = None) -> discord.Embed:
    """Every quantization of one model on one setup, one short line each (it does not wrap on a
    phone): fit, size, decode speed and the grade at that quant."""
    grades = grades or {}
    rec = report.recommended_quant
    lines = [
        f"{RECOMMENDED} recommended: **{rec}**" if rec else "No quant fits well.",
        "🟢 fits · 🟡 tight · 🟠 offload · 🔴 too big",
        "",
    ]
    lines += [quant_line(q, grades.get(q.quant), rec, report.quant) for q in report.quants]
    return card(
        f"Quants of {report.model.name} on {hardware_label(report.hardware)}",
        lines_within(lines, DESCRIPTION_MAX),
        colour=report_colour(report),
        footer=f"{FOOTER} · {fmt_tokens(report.context)} context · KV {report.kv_type}",
    )


# --------------------------------------------------------------------------- lists

MODELS_RANKING = (
    "Ranked by published quality (Artificial Analysis index, or the task's benchmark) among "
    "models that run here at a usable speed; one size per family."
)
MODELS_RANKING_BY = {
    "fastest": "Fastest first among decent models that run here.",
    "biggest": "Biggest first among today's models that run here.",
}
HARDWARE_RANKING = (
    "Smallest setup of each route first: consumer cards, Macs and unified memory, a GPU with "
    "system RAM, then workstation and datacenter parts."
)
HARDWARE_RANKING_PRICE = "Cheapest first, by launch price, among setups that run it well."


def _list_line(i: int, r: Any, what: str, price: str = "") -> str:
    icon = FIT_ICONS.get(r.fit, "⚪")
    grade = f" · {r.workload} grade **{r.list_grade}**" if r.list_grade else ""
    price = f" · {price}" if price else ""
    return (
        f"`{i:>2}` {icon} **{what}** · {r.quant} · {fmt_tok_s(r.decode_tok_s)} tok/s{grade}{price}"
    )


def page_footer(page: int, pages: int) -> str:
    return f"{FOOTER} · page {page + 1} of {pages}" if pages > 1 else FOOTER


def best_models_card(
    setup_name: str,
    reports: Sequence[Any],
    *,
    workload: str | None = None,
    start: int = 0,
    page: int = 0,
    pages: int = 1,
    order: str | None = None,
    lead: str | None = None,
) -> discord.Embed:
    """A page of the best models for a setup; the first line says how they are ranked."""
    lines = [engine_text(lead)] if lead else []
    lines.append(f"*{MODELS_RANKING_BY.get(order or '', MODELS_RANKING)}*")
    lines += [_list_line(start + i, r, r.model.name) for i, r in enumerate(reports, 1)]
    if not reports:
        lines.append("Nothing in the catalog runs well here.")
    title = f"Best models for {setup_name}"
    if workload:
        title += f" ({workload})"
    colour = report_colour(reports[0]) if reports else FIT_COLOURS["wont_fit"]
    return card(
        title,
        lines_within(lines, DESCRIPTION_MAX),
        colour=colour,
        footer=page_footer(page, pages),
    )


def best_hardware_card(
    model_name: str,
    reports: Sequence[Any],
    *,
    prices: Sequence[float | None] = (),
    start: int = 0,
    page: int = 0,
    pages: int = 1,
    order: str | None = None,
    consumer_only: bool = False,
    lead: str | None = None,
) -> discord.Embed:
    lines = [engine_text(lead)] if lead else []
    ranking = HARDWARE_RANKING_PRICE if order == "price" else HARDWARE_RANKING
    if consumer_only:
        ranking += " Consumer parts only."
    lines.append(f"*{ranking}*")
    prices = list(prices) + [None] * (len(reports) - len(prices))
    lines += [
        _list_line(start + i, r, hardware_label(r.hardware), fmt_usd(p))
        for i, (r, p) in enumerate(zip(reports, prices, strict=False), 1)
    ]
    if not reports:
        lines.append(
            "Nothing in the catalog runs it well" + (" (consumer parts)." if consumer_only else ".")
        )
    colour = report_colour(reports[0]) if reports else FIT_COLOURS["wont_fit"]
    return card(
        f"Hardware for {model_name}",
        lines_within(lines, DESCRIPTION_MAX),
        colour=colour,
        footer=page_footer(page, pages),
    )


SHOPPING_RANKING = (
    "Best first by the best model each card runs at a usable speed; near ties: more memory, "
    "then more bandwidth, then the cheaper."
)


def shopping_card(
    reports: Sequence[Any],
    *,
    prices: Sequence[str] = (),
    budget: float | None = None,
    lead: str | None = None,
) -> discord.Embed:
    """ "Best gpu under $1000": one row a device, with its memory, its price (new or used) and
    the best model it runs (quant, speed)."""
    lines = [engine_text(lead)] if lead else []
    lines.append(f"*{SHOPPING_RANKING}*")
    prices = list(prices) + [""] * (len(reports) - len(prices))
    for i, (r, p) in enumerate(zip(reports, prices, strict=False), 1):
        what = f"{hardware_label(r.hardware)}** · {r.hardware.memory_gb:g} GB · **{r.model.name}"
        lines.append(_list_line(i, r, what, p))
    title = f"Hardware within {fmt_usd(budget)}" if budget else "Hardware to buy"
    colour = report_colour(reports[0]) if reports else NEUTRAL
    return card(title, lines_within(lines, DESCRIPTION_MAX), colour=colour)


def compare_card(
    reports: Sequence[Any], *, labels: Sequence[str] = (), lead: str | None = None
) -> discord.Embed:
    """Side by side, one short block per report (stacked on a phone)."""
    if not reports:
        return card("Nothing to compare", colour=NEUTRAL)
    first = reports[0]
    same_model = all(r.model.id == first.model.id for r in reports)
    if same_model:
        title = f"{first.model.name}: " + " vs ".join(hardware_label(r.hardware) for r in reports)
    else:
        title = " vs ".join(r.model.name for r in reports) + f" on {hardware_label(first.hardware)}"
    fields = []
    labels = list(labels) + [""] * len(reports)
    for r, label in zip(reports[:FIELDS_MAX], labels, strict=False):
        name = hardware_label(r.hardware) if same_model else r.model.name
        if label:
            name = f"{label}: {name}"
        lines = [verdict(r)]
        fields.append((name, lines_within(lines, FIELD_VALUE_MAX), False))
    best = max(reports, key=lambda r: (r.score or -1, r.decode_tok_s or 0))
    return card(
        title, engine_text(lead) if lead else None, colour=report_colour(best), fields=fields
    )


# --------------------------------------------------------------------------- catalog cards


def model_card(model: Any) -> discord.Embed:
    params = f"{model.params_b:g}B parameters"
    if getattr(model, "active_params_b", None):
        params += f", {model.active_params_b:g}B active"
    kinds = sorted({g.kind for g in model.attention})
    fields = [
        ("Size", params, True),
        ("Context", f"{fmt_tokens(model.context)} tokens", True),
        ("Layers", f"{model.layers} ({', '.join(kinds)} attention)", True),
    ]
    if model.moe is not None:
        fields.append(
            (
                "Mixture of experts",
                f"{model.moe.experts} experts, {model.moe.active} active"
                + (f", {model.moe.shared} shared" if model.moe.shared else ""),
                True,
            )
        )
    repos = []
    for repo in model.gguf:
        quants = ", ".join(repo.quants)
        repos.append(f"[{repo.repo}](https://huggingface.co/{repo.repo}): {quants}")
    if repos:
        fields.append(("GGUF", lines_within(repos, FIELD_VALUE_MAX), False))
    if model.ollama:
        fields.append(("Ollama", f"`{model.ollama}`", True))
    fields.append(("Weights", f"[{model.hf_repo}](https://huggingface.co/{model.hf_repo})", True))
    if model.aliases:
        fields.append(("Also known as", clip(", ".join(model.aliases), FIELD_VALUE_MAX), False))
    desc = f"`{model.id}` · {model.family}" + (f" · {model.released}" if model.released else "")
    return card(model.name, desc, fields=fields)


def hardware_card(hw: Any) -> discord.Embed:
    memory = fmt_sold(hw.memory_gb)
    if hw.memory_options_gb:
        memory += " (" + ", ".join(fmt_sold(x) for x in hw.memory_options_gb) + ")"
    if hw.memory_type:
        memory += f" {hw.memory_type}"
    fields = [
        ("Memory", memory, True),
        ("Bandwidth", f"{hw.bandwidth_gbps:g} GB/s", True),
        ("FP16", f"{hw.fp16_tflops:g} TFLOPS", True),
        ("Backends", ", ".join(hw.backends), True),
        ("Kind", f"{hw.kind}, {hw.form}", True),
        ("Architecture", hw.arch, True),
    ]
    if hw.cores:
        fields.append(("Cores", str(hw.cores), True))
    if hw.channels:
        fields.append(("Memory channels", str(hw.channels), True))
    if hw.aliases:
        fields.append(("Also known as", clip(", ".join(hw.aliases), FIELD_VALUE_MAX), False))
    desc = f"`{hw.id}` · {hw.vendor}" + (f" · {hw.year}" if hw.year else "")
    return card(hw.name, desc, fields=fields)


# --------------------------------------------------------------------------- answers & errors


def message_card(title: str, text: str, *, colour: int = NEUTRAL) -> discord.Embed:
    return card(title, engine_text(text), colour=colour)


def reading_note(answer: Any) -> str | None:
    """How the question was read, when the parser had to choose ("RTX 3090 read as ...")."""
    q = getattr(answer, "query", None)
    notes = list(getattr(q, "assumed", []) or [])
    if getattr(q, "ignored", None):
        notes.append("ignored " + "; ".join(q.ignored[:3]))
    read = f"*Read as: {'; '.join(notes)}*" if notes else None
    # the card says its own verdict; what the message adds to it (what was not estimated, repos
    # not read, a measured speed judged, quants or backends set side by side) goes first
    message = getattr(answer, "message", "") or ""
    card_line = getattr(answer, "card_line", "") or ""
    added = message.replace(card_line, " ", 1).strip() if card_line else ""
    if not added:
        added = " ".join(getattr(answer, "asides", None) or [])
    lines = [*([added] if added else []), *([read] if read else [])]
    return "\n".join(lines) if lines else None


def answer_cards(answer: Any, sources: Sequence[Any] = ()) -> list[discord.Embed]:
    """The embed(s) for a natural-language answer: the card, or the clarification. `sources`:
    the Hugging Face repos the question named, as read."""
    reports = list(answer.reports or [])
    intent = answer.intent
    assumed = list(getattr(answer, "assumed", []) or [])
    if reports and intent == "fit":
        source = next((s for s in sources if s.model.id == reports[0].model.id), None)
        return [report_card(reports[0], lead=reading_note(answer), assumed=assumed, source=source)]
    lead = answer.message or None
    if sources:
        notes = [line for s in sources for line in source_lines(s)]
        lead = "\n".join([lead, *notes] if lead else notes)
    if reports and intent == "compare":
        return [compare_card(reports, labels=upgrade_labels(answer, reports), lead=lead)]
    if reports and intent == "best_model_for_hw":
        q = answer.query
        return [
            best_models_card(
                hardware_label(reports[0].hardware),
                reports,
                order=getattr(q, "order", None),
                lead=lead,
            )
        ]
    if reports and intent == "best_hw":
        budget = getattr(answer.query, "budget_usd", None)
        return [shopping_card(reports, budget=budget, lead=lead)]
    if reports and intent == "best_hw_for_model":
        q = answer.query
        return [
            best_hardware_card(
                reports[0].model.name,
                reports,
                order=getattr(q, "hardware_order", None),
                consumer_only=bool(getattr(q, "consumer_only", False)),
                lead=lead,
            )
        ]
    text = answer.message or "I could not tell what you are asking."
    extra = [s for s in (answer.suggestions or [])[:10] if s not in text]
    if extra:
        text += "\n\n" + "\n".join(f"· {engine_text(s)}" for s in extra)
    title = "How to ask" if intent == "help" else "Not sure what you mean"
    return [message_card(title, text)]


def upgrade_labels(answer: Any, reports: Sequence[Any]) -> list[str]:
    """An upgrade answer's machines by what each adds to the one had ("now", "+ NVIDIA GeForce
    RTX 5090", "+ 64 GB RAM"): the card's names alone do not tell two 4070s with 32 GB of RAM
    from one 4070 with 96 GB. Only with one report per machine (a model was named)."""
    options = list(getattr(getattr(answer, "query", None), "options", None) or [])
    if not options or len(reports) != len(options) + 1:
        return []
    return ["now", *(getattr(o, "change", "") for o in options)]


def not_found_text(kind: str, query: str, suggestions: Sequence[Any]) -> str:
    what = {"model": "model", "hardware": "hardware", "quant": "quant", "workload": "workload"}
    head = f"I don't know the {what.get(kind, kind)} “{user_text(query, 80)}”."
    if not suggestions:
        return head + " Try the autocomplete list, or /help."
    names = ", ".join(f"**{s.name}** (`{s.id}`)" for s in suggestions[:5])
    return clip(f"{head} Did you mean {names}?", CONTENT_MAX)


def help_card() -> discord.Embed:
    fields = [
        (
            "Slash commands",
            "\n".join(
                [
                    "`/fit model [hardware]` will it run, how fast, how to run it",
                    "`/quants model [hardware]` every quantization, one line each",
                    "`/bestmodel [hardware]` the best models for your hardware",
                    "`/besthardware model` what hardware runs a model (consumer-only, cheapest)",
                    "`/compare model hardware_a hardware_b` two setups side by side",
                    "`/rig set` save your hardware once; every command then uses it",
                    "`/model`, `/hardware` what the catalog knows · `/about` what is stored",
                ]
            ),
            False,
        ),
        (
            "Ask in words",
            "Mention me or DM me: *can my rig run qwen3 32b at 32k?*, *best model for an M4 Pro "
            "48GB*, *4090 vs 7900 XTX for llama 3.3 70b*. Or right-click any message > Apps > "
            "**Can it run?** for a private answer.",
            False,
        ),
        (
            "Cards",
            "Menus under a card switch the quantization, workload and mode; buttons show the run "
            "commands and what runs instead. A click by someone else opens their own private "
            "copy. Menus keep working after restarts.",
            False,
        ),
    ]
    return card(
        "canirun: will this model run on my hardware?",
        "Estimates for llama.cpp (GGUF): memory, speed, context and the commands to run it.",
        fields=fields,
    )


def about_card() -> discord.Embed:
    """/about: what the bot stores, for how long, and how to delete it."""
    rigs = (
        "The hardware you save with `/rig set` (device, count, memory, system RAM, backend, the "
        "rig's name), under your Discord user id, the same in every server and DM. Kept until you "
        "delete it: `/rig clear` deletes one rig, `/rig clear name:all` everything about you."
    )
    fields = [
        ("Your rigs", rigs, False),
        (
            "Server settings",
            "What admins set with `/settings` (chat on or off, default workload and mode, the "
            "channels it listens in and the channels chat replies are allowed in), under the "
            "server's id. Kept until changed; deleted when the bot is removed from the server.",
            False,
        ),
        (
            "Never stored",
            "What you write: questions, messages, and the text in command options are read to "
            "answer and then forgotten. A card's menus keep their state in the card's own "
            "buttons (on Discord), not in the bot.",
            False,
        ),
        (
            "Logs",
            "Ids (user, server, channel, message), command names, timings and errors, never "
            "what anyone wrote; kept as long as the bot's operator keeps logs.",
            False,
        ),
        (
            "Hugging Face",
            "Public facts read from a repo you name (file sizes, GGUF headers) are cached for a "
            "while, without who asked.",
            False,
        ),
    ]
    return card(
        "About canirun: what is stored",
        "Estimates for llama.cpp: will a model run on your hardware, how fast, how to run it.",
        fields=fields,
    )
