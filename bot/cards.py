"""Embeds ("cards") built from engine reports. Pure: no network, no bot state.

Every card goes through `fit_limits`, which enforces Discord's embed limits, so a very long model
name, a command line of 3000 characters or 40 workloads can never make Discord reject a reply.
Lengths are counted in UTF-16 code units, which is never less than what Discord counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import discord

from fitengine.report import FIT_LABELS, safe_context_basis

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

ELLIPSIS = "…"

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

FOOTER = "canirun · estimates for llama.cpp, not measurements on your machine"


# --------------------------------------------------------------------------- text helpers


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


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """Control and bidi characters removed (newlines and tabs kept)."""
    return _CONTROL.sub("", text)


_MASKED_LINK = re.compile(r"\]\(")


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


def fmt_tok_s(value: float | None) -> str:
    if value is None:
        return "–"
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}".rstrip("0").rstrip(".")
    return f"{value:.2f}".rstrip("0").rstrip(".") if value > 0 else "0"


def fmt_ms(value: float | None) -> str:
    if value is None:
        return "–"
    if value < 1000:
        return f"{value:.0f} ms"
    seconds = value / 1000
    if seconds < 60:
        return f"{seconds:.1f} s"
    return f"{seconds / 60:.1f} min"


def fmt_s(value: float | None) -> str:
    return "–" if value is None else fmt_ms(value * 1000)


def fmt_ttft(ms: float | None, prompt: int | None, depth: int | None) -> str:
    """A first-token time with the prompt and depth it is for."""
    if ms is None or prompt is None:
        return fmt_ms(ms)
    return f"{fmt_ms(ms)} ({fmt_tokens(prompt)} prompt @ {fmt_tokens(depth or 0)})"


def fmt_gb(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.1f} GB" if value < 100 else f"{value:.0f} GB"


def fmt_tokens(value: int | None) -> str:
    if value is None:
        return "–"
    if value >= 1024 and value % 1024 == 0:
        return f"{value // 1024}K"
    return f"{value:,}"


def hardware_label(hw: Any) -> str:
    count = getattr(hw, "count", 1) or 1
    return f"{count}× {hw.name}" if count > 1 else hw.name


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


# --------------------------------------------------------------------------- report cards


def report_colour(report: Any) -> int:
    if report.grade in GRADE_COLOURS:
        return GRADE_COLOURS[report.grade]
    return FIT_COLOURS.get(report.fit, NEUTRAL)


def _status_line(report: Any) -> str:
    icon = FIT_ICONS.get(report.fit, "⚪")
    line = f"{icon} **{report.fit_label}**"
    if report.grade:
        line += f" · grade **{report.grade}**"
        if report.score is not None:
            line += f" ({report.score}/100)"
    return line


def _placement_line(report: Any) -> str | None:
    p = report.placement
    if p is None:
        return None
    kind = p.kind
    if kind == "gpu":
        return "All layers on the GPU."
    if kind == "multi_gpu":
        return f"Split across {len(p.devices) or report.hardware.count} GPUs."
    if kind == "unified":
        return "Runs in unified memory."
    if kind == "cpu":
        return "Runs on the CPU."
    if kind == "partial_offload":
        ram = f", {fmt_gb(p.ram_needed_gb)} of system RAM" if p.ram_needed_gb else ""
        layers = f"{p.gpu_layers} layers on the GPU" if p.gpu_layers is not None else "some layers"
        return f"Partial offload: {layers}, the rest on the CPU{ram}."
    if kind == "moe_offload":
        ram = f", {fmt_gb(p.ram_needed_gb)} of system RAM" if p.ram_needed_gb else ""
        experts = f" (`--n-cpu-moe {p.n_cpu_moe}`)" if p.n_cpu_moe else ""
        return f"MoE expert offload: experts of some layers on the CPU{experts}{ram}."
    return None


def _speed_value(report: Any) -> str:
    lines = []
    decode = f"Decode **{fmt_tok_s(report.decode_tok_s)} tok/s**"
    if band := report.decode_band:
        lo, hi = (band.low, band.high) if hasattr(band, "low") else band
        decode += f" ({fmt_tok_s(lo)}–{fmt_tok_s(hi)})"
    lines.append(decode)
    lines.append(f"Prefill {fmt_tok_s(report.prefill_tok_s)} tok/s")
    lines.append(
        "TTFT "
        + fmt_ttft(
            report.ttft_ms,
            getattr(report, "ttft_prompt_tokens", None),
            getattr(report, "ttft_depth", None),
        )
    )
    return "\n".join(lines)


def _context_value(report: Any) -> str:
    on = getattr(report, "safe_context_on", "gpu")
    basis = safe_context_basis(report.quant, report.kv_type, on, report.hardware.count)
    return (
        f"Safe **{fmt_tokens(report.safe_context)}** tokens\n{basis}\n"
        f"Asked {fmt_tokens(report.context)}"
    )


def _quant_value(report: Any) -> str:
    lines = [f"**{report.quant}**, KV cache {report.kv_type}"]
    if report.recommended_quant and report.recommended_quant != report.quant:
        lines.append(f"Recommended: **{report.recommended_quant}**")
    elif report.recommended_quant:
        lines.append("(the recommended quant)")
    return "\n".join(lines)


def _memory_value(report: Any) -> str:
    m = report.memory
    lines = [
        f"Weights {fmt_gb(m.weights_gb)} + KV {fmt_gb(m.kv_cache_gb)} + overhead "
        f"{fmt_gb(m.overhead_gb)}",
        f"= **{fmt_gb(m.total_gb)}** of {fmt_gb(m.available_gb)} available",
    ]
    devices = list(report.placement.devices) if report.placement else []
    if len(devices) > 1 or (report.placement and report.placement.kind != "gpu" and devices):
        for d in devices:
            lines.append(
                f"· {d.name}: {fmt_gb(d.total_gb)} / {fmt_gb(d.available_gb)} "
                f"(weights {fmt_gb(d.weights_gb)}, KV {fmt_gb(d.kv_gb)})"
            )
    return lines_within(lines, FIELD_VALUE_MAX, more="· …and {n} more devices")


def _workloads_value(report: Any, selected: str | None) -> str:
    lines = []
    for w in report.workloads:
        icon = GRADE_ICONS.get(w.grade or "", "⚪")
        name = f"__{w.name}__" if selected and w.id == selected else w.name
        lines.append(
            f"{icon} **{w.grade or '–'}** {name}: {fmt_tok_s(w.decode_tok_s)} tok/s, "
            f"TTFT {fmt_ttft(w.ttft_ms, w.prompt_tokens, w.depth)}, answer {fmt_s(w.answer_s)}"
        )
    return lines_within(lines, FIELD_VALUE_MAX, more="…and {n} more workloads")


def _speculation_value(report: Any) -> str | None:
    """Faster decoding on offer beside the headline: the model's own MTP heads, a draft model,
    with the llama-server flags that turn them on. None when neither pays on this setup."""
    parts = []
    if mtp := getattr(report, "speculative", None):
        parts.append(
            f"With its MTP heads **{fmt_tok_s(mtp.decode_tok_s)} tok/s** (×{mtp.speedup:.2f})\n"
            + code_block(mtp.flags, 300)
        )
    if draft := getattr(report, "speculative_draft", None):
        label = FIT_LABELS.get(draft.fit, draft.fit).lower()
        fit = "" if draft.fit == "runs_well" else f", {label}"
        parts.append(
            f"With a draft model **{fmt_tok_s(draft.decode_tok_s)} tok/s** (×{draft.speedup:.2f}):"
            f" {engine_text(draft.draft_name)} {draft.draft_quant}, "
            f"+{fmt_gb(draft.memory_gb)}{fit}\n"
            + code_block(draft.flags, 500)
            + "\nNot in Ollama: add the flags to the llama.cpp command."
        )
    return "\n".join(parts) or None


def _assumptions_value(report: Any) -> str:
    return lines_within(
        (f"· {a}" for a in report.assumptions), FIELD_VALUE_MAX, more="· …and {n} more"
    )


def source_value(source: Any) -> str:
    """Where a card's figures come from, for a model read from Hugging Face (fitengine.hub):
    the repo and file, what was read, and what could not be."""
    data = source.source_json()
    from fitengine.hub.service import provenance_text

    lines = [engine_text(provenance_text(data))]
    lines += [f"Not read: {engine_text(n)}" for n in data.get("not_read", [])[:4]]
    if data.get("other_files"):
        lines.append(f"Not modelled here: {', '.join(data['other_files'][:6])}")
    return lines_within(lines, FIELD_VALUE_MAX)


def report_card(
    report: Any, *, workload: str | None = None, source: Any | None = None
) -> discord.Embed:
    """The main card: status and grade, speed, memory, quant, workloads, commands, assumptions;
    for a model read from Hugging Face, the files its figures come from (`source`)."""
    title = f"{report.model.name} on {hardware_label(report.hardware)}"
    desc = [_status_line(report)]
    if report.reason:
        desc.append(engine_text(report.reason))
    if placement := _placement_line(report):
        desc.append(placement)
    for warning in report.warnings:
        desc.append(f"⚠️ {engine_text(warning)}")
    fields: list[tuple[str, str, bool]] = [
        ("Speed", _speed_value(report), True),
        ("Context", _context_value(report), True),
        ("Quant", _quant_value(report), True),
        ("Memory", _memory_value(report), False),
    ]
    if source is not None:
        fields.append(("Source", source_value(source), False))
    if report.workloads:
        selected = workload or getattr(report, "workload", None)
        fields.append(("Workloads", _workloads_value(report, selected), False))
    cmds = report.commands
    if cmds is not None:
        if cmds.llama_cpp:
            fields.append(("Run with llama.cpp", code_block(cmds.llama_cpp), False))
        if cmds.docker:
            fields.append(("Docker", code_block(cmds.docker), False))
        if cmds.ollama:
            fields.append(("Ollama", code_block(cmds.ollama), False))
    if speculation := _speculation_value(report):
        fields.append(("Faster decoding", speculation, False))
    if report.assumptions:
        fields.append(("Assumes", _assumptions_value(report), False))
    footer = f"{FOOTER} · {report.backend} · mode {report.mode}"
    return card(
        title,
        lines_within(desc, DESCRIPTION_MAX),
        colour=report_colour(report),
        fields=fields,
        footer=footer,
    )


def quants_card(report: Any) -> discord.Embed:
    """Every quantization of one model on one device, as a table."""
    rows = [f"{'quant':<10}{'bpw':>5}{'size':>9}  {'fit':<15}{'tok/s':>7}{'qual':>6}"]
    for q in report.quants:
        mark = "*" if q.quant == report.recommended_quant else " "
        rows.append(
            f"{clip(q.quant, 9) + mark:<10}{q.bpw:>5.2f}{fmt_gb(q.memory_gb):>9}  "
            f"{clip(fit_label(q.fit), 14):<15}{fmt_tok_s(q.decode_tok_s):>7}"
            f"{q.quality:>6.0f}"
        )
    table = code_block("\n".join(rows), DESCRIPTION_MAX - 200, lang="")
    rec = report.recommended_quant
    desc = (f"Recommended: **{rec}** (marked *)\n" if rec else "No quant fits well.\n") + table
    return card(
        f"Quants of {report.model.name} on {hardware_label(report.hardware)}",
        desc,
        colour=report_colour(report),
        fields=[("Context", f"{fmt_tokens(report.context)} tokens, KV {report.kv_type}", True)],
    )


def fit_label(fit: str) -> str:
    return FIT_LABELS.get(fit, fit)


def _ranked_line(i: int, r: Any, what: str) -> str:
    icon = FIT_ICONS.get(r.fit, "⚪")
    grade = f" · **{r.grade}**" if r.grade else ""
    return (
        f"`{i:>2}.` {icon} **{what}** · {r.quant}{grade} · {fmt_tok_s(r.decode_tok_s)} tok/s · "
        f"{fmt_gb(r.memory.total_gb)} · {fmt_tokens(r.safe_context)} ctx"
    )


def best_models_card(
    hardware_name: str, reports: Sequence[Any], *, workload: str | None = None
) -> discord.Embed:
    lines = [_ranked_line(i, r, r.model.name) for i, r in enumerate(reports, 1)]
    desc = lines_within(lines, DESCRIPTION_MAX) if lines else "Nothing in the catalog fits."
    title = f"Best models for {hardware_name}"
    if workload:
        title += f" ({workload})"
    colour = report_colour(reports[0]) if reports else FIT_COLOURS["wont_fit"]
    return card(title, desc, colour=colour)


def best_hardware_card(model_name: str, reports: Sequence[Any]) -> discord.Embed:
    lines = [_ranked_line(i, r, hardware_label(r.hardware)) for i, r in enumerate(reports, 1)]
    desc = lines_within(lines, DESCRIPTION_MAX) if lines else "Nothing in the catalog runs it."
    colour = report_colour(reports[0]) if reports else FIT_COLOURS["wont_fit"]
    return card(f"Hardware for {model_name} (smallest first)", desc, colour=colour)


def compare_card(reports: Sequence[Any]) -> discord.Embed:
    """Side by side: one inline field per report."""
    if not reports:
        return card("Nothing to compare", colour=NEUTRAL)
    first = reports[0]
    same_model = all(r.model.id == first.model.id for r in reports)
    if same_model:
        title = f"{first.model.name}: " + " vs ".join(hardware_label(r.hardware) for r in reports)
    else:
        title = " vs ".join(r.model.name for r in reports) + f" on {hardware_label(first.hardware)}"
    fields = []
    for r in reports[:FIELDS_MAX]:
        name = hardware_label(r.hardware) if same_model else r.model.name
        value = "\n".join(
            [
                _status_line(r),
                f"{r.quant} · {fmt_gb(r.memory.total_gb)} / {fmt_gb(r.memory.available_gb)}",
                f"Decode {fmt_tok_s(r.decode_tok_s)} tok/s",
                f"TTFT {fmt_ttft(r.ttft_ms, r.ttft_prompt_tokens, r.ttft_depth)}",
                f"Safe context {fmt_tokens(r.safe_context)}",
            ]
        )
        fields.append((name, value, True))
    best = max(reports, key=lambda r: (r.score or -1, r.decode_tok_s or 0))
    return card(title, None, colour=report_colour(best), fields=fields)


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
    memory = fmt_gb(hw.memory_gb)
    if hw.memory_options_gb:
        memory += " (" + ", ".join(fmt_gb(x) for x in hw.memory_options_gb) + ")"
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


def answer_cards(answer: Any, sources: Sequence[Any] = ()) -> list[discord.Embed]:
    """The embed(s) for a natural-language answer: the card, or the clarification. `sources`:
    the Hugging Face repos the question named, as read."""
    reports = list(answer.reports or [])
    intent = answer.intent
    if reports and intent == "fit":
        source = next((s for s in sources if s.model.id == reports[0].model.id), None)
        embed = report_card(reports[0], source=source)
        if answer.message:
            embed.description = clip(
                engine_text(answer.message) + "\n\n" + (embed.description or ""), DESCRIPTION_MAX
            )
            fit_limits(embed)
        return [embed]
    embed = None
    if reports and intent == "compare":
        embed = compare_card(reports)
    elif reports and intent == "best_model_for_hw":
        embed = best_models_card(hardware_label(reports[0].hardware), reports)
    elif reports and intent == "best_hw_for_model":
        embed = best_hardware_card(reports[0].model.name, reports)
    if embed is not None:
        if answer.message:
            lead = engine_text(answer.message)
            embed.description = lead + ("\n\n" + embed.description if embed.description else "")
        if sources:
            value = clip("\n".join(source_value(s) for s in sources), FIELD_VALUE_MAX)
            embed.add_field(name="Source", value=value, inline=False)
        fit_limits(embed)
        return [embed]
    text = answer.message or "I could not tell what you are asking."
    extra = [s for s in (answer.suggestions or [])[:10] if s not in text]
    if extra:
        text += "\n\n" + "\n".join(f"· {engine_text(s)}" for s in extra)
    title = "How to ask" if intent == "help" else "Not sure what you mean"
    return [message_card(title, text)]


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
                    "`/fit model hardware` will it run, how fast, how to run it",
                    "`/quants model hardware` every quantization side by side",
                    "`/bestmodel hardware` the best models for a device",
                    "`/besthardware model` the smallest hardware that runs a model",
                    "`/compare model hardware_a hardware_b` two devices side by side",
                    "`/model name`, `/hardware name` what the catalog knows",
                    "`/settings` server settings (Manage Server)",
                ]
            ),
            False,
        ),
        (
            "Ask in words",
            "Mention me or DM me: *can a 3090 run qwen3 32b at 32k context?*, "
            "*best model for an M4 Pro 48GB*, *4090 vs 7900 XTX for llama 3.3 70b*.",
            False,
        ),
        (
            "Cards",
            "Use the menus under a card to switch the quantization or the workload; only the "
            "person who asked can change it.",
            False,
        ),
    ]
    return card(
        "canirun: will this model run on my hardware?",
        "Estimates for llama.cpp (GGUF): memory, speed, context and the commands to run it.",
        fields=fields,
    )
