"""canirun: will this model run on this hardware, how fast, and how do I run it?

    canirun fit MODEL [HARDWARE] [--quant Q] [--context N] [--gpus N] [--vram GB] [--ram GB] ...
    canirun models [QUERY]          search the model catalog (all of it, by family, without QUERY)
    canirun hardware [QUERY]        search the hardware catalog (by vendor without QUERY)
    canirun ask "TEXT"              a question in plain words
    canirun batch [FILE]            JSON Lines in (stdin by default), one JSON answer per line out

`--json` on any command prints the documented JSON contract (docs/json-report.md).

Exit codes: 0 answered (a "won't fit" is an answer), 1 internal error (a bug: please report it),
2 unknown name or bad input (one line on stderr, with "did you mean" suggestions for names),
130 interrupted. No input is meant to produce a traceback; set CANIRUN_DEBUG=1 to see one for
an internal error.

Startup is kept short: this module imports only the standard library (and fitengine.units, which
imports nothing else) at the top; each command imports the engine parts it needs.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import sys
from typing import Any

from . import limits, units

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

# the longest name, query or value text the CLI passes on (a paste is not a model name): the
# library's own limits (fitengine/limits.py)
MAX_NAME = limits.MAX_NAME
MAX_TEXT = limits.MAX_QUESTION
MAX_LINE = limits.MAX_LINE
MAX_TOKENS = units.MAX_TOKENS  # a larger context, prompt or depth is refused


class UsageError(Exception):
    """Bad input the CLI itself caught: exit 2 with one friendly line."""

    def __init__(self, message: str, field: str | None = None, suggestions: tuple | list = ()):
        super().__init__(message)
        self.field = field
        self.suggestions = list(suggestions)


class Unavailable(Exception):
    """A command whose engine part is not installed (natural-language parsing, advice)."""


# --------------------------------------------------------------------------- value parsing
# Sizes and counts are read by fitengine.units, the one parser the bot and the question parser
# share; its UnitError becomes the CLI's UsageError (exit 2, one line).


def _unit(read, value: Any, what: str):
    try:
        return read(value, what)
    except units.UnitError as exc:
        raise UsageError(str(exc), what) from None


def parse_tokens(text: Any, what: str = "context") -> int:
    """A token count: 32768, "32768", "32k", "128K", "1.5k", "100k", "1M", "32,768" (see
    fitengine.units for when k is 1024 and when 1000)."""
    return _unit(units.tokens, text, what)


def parse_gb(text: Any, what: str = "memory") -> float:
    """A memory amount in GB: 24, 24.5, "24", "24GB", "24g", "1TB"."""
    return _unit(units.gigabytes, text, what)


def parse_count(text: Any, what: str = "gpus") -> int:
    """A small count: 2, "2", "2x", "x2", "dual"."""
    return _unit(units.count, text, what)


def parse_name(text: Any, what: str, *, optional: bool = False) -> str | None:
    if text is None and optional:
        return None
    if not isinstance(text, str):
        raise UsageError(f"{what} must be text, like the catalog's names.", what)
    if len(text) > MAX_NAME:
        raise UsageError(
            f"{what} is too long ({len(text):,} characters; at most {MAX_NAME}).", what
        )
    if not text.strip():
        if optional:
            return None
        raise UsageError(f"{what} is empty.", what)
    return text


def split_gpu_count(hardware: str | None) -> tuple[str | None, int | None]:
    """ "2x3090", "2 x RTX 3090", "3090 x2", "dual 3090" -> ("3090", 2); else (text, None)."""
    if not hardware:
        return hardware, None
    return units.split_count(hardware)


def _with_gpu_count(hardware: str | None, gpus: int | None) -> tuple[str | None, int | None]:
    """The GPU count written in the hardware name ("2x3090"), when the rest names a GPU; an
    explicit count that disagrees is an error. "dual-channel DDR5" and "quad core" stay as is."""
    name, count = split_gpu_count(hardware)
    if count is None or not name:
        return hardware, gpus
    from .cards import CLUSTER_KINDS
    from .resolve import resolve_hardware

    entry = resolve_hardware(name).entry
    if entry is not None and entry.kind == "igpu":
        raise UsageError(
            f"{entry.name} is a single device: a count like {count}x does not apply to it.",
            "gpus",
        )
    # "2x DGX Spark", "2x m3 ultra": machines joined over a network (llama.cpp RPC), counted
    # as cards are
    if entry is None or entry.kind not in ("gpu", *CLUSTER_KINDS):
        return hardware, gpus
    if gpus is not None and gpus != count:
        raise UsageError(f"the hardware says {count} GPUs but gpus is {gpus}.", "gpus")
    return name, count


_MEMORY_ONLY = re.compile(
    r"^\s*(?:an?\s+)?(\d{1,4}(?:\.\d+)?)\s*" + units.GB_UNITS + r"\s*"
    r"(?:of\s+)?(?:vram|gpu|card|graphics\s+card|video\s+card)?\s*$",
    re.I,
)


def memory_only(hardware: str | None) -> float | None:
    """ "12gb", "24 GB VRAM", "a 16GB card": a memory amount that names no device (the
    catalog's generic GPU of that size), else None."""
    m = _MEMORY_ONLY.match(hardware or "")
    return float(m.group(1)) if m else None


def check_values(kw: dict) -> None:
    """Values the engine would take silently but that describe no real setup."""
    if kw.get("parallel") is not None and kw["parallel"] < 1:
        raise UsageError("parallel must be at least 1 (one request slot).", "parallel")
    if kw.get("ram_gb") is not None and kw["ram_gb"] <= 0:
        raise UsageError("ram must be more than 0 GB (the system RAM of the machine).", "ram_gb")
    if isinstance(kw.get("kv_type"), str):
        from .language import default_language

        kv = kw["kv_type"].strip().lower()
        kw["kv_type"] = default_language().kv_aliases.get(kv, kv)


def hardware_kwargs(hardware: str | None, kw: dict) -> str | None:
    """The hardware text with a count ("2x3090") or a bare memory amount ("12gb") moved into
    the keyword arguments, as analyze() takes them."""
    mem = memory_only(hardware)
    if mem is not None:
        if kw.get("vram_gb") not in (None, mem):
            raise UsageError(
                f"the hardware says {mem:g} GB but vram is {kw['vram_gb']:g}.", "vram_gb"
            )
        kw["vram_gb"] = mem
        return None
    hardware, gpus = _with_gpu_count(hardware, kw.get("gpus"))
    if gpus is not None:
        kw["gpus"] = gpus
    return hardware


# between the cards of one machine: "3090 + 3060 12GB", "4090, 3090", "a6000 & 3060"
_SETUP_SEP = re.compile(r"\s*(?:\+|&|,|\band\b)\s*", re.I)


def setup_cards(texts: list[str], kw: dict) -> list[tuple[str, int, float | None]] | None:
    """Hardware texts naming a machine with several cards ("3090 + 3060 12GB", or one name per
    --hardware) as (hardware id, count, memory GB or None) cards; None when
    they name one device (the ordinary path). Counts and memory go in the names ("2x 3090"), so
    --gpus and --vram do not apply. The cards are analyze()'s `setup`."""
    parts = [p.strip() for t in texts for p in _SETUP_SEP.split(t) if p.strip()]
    if len(parts) < 2:
        return None
    for key, flag in (("gpus", "--gpus"), ("vram_gb", "--vram")):
        if kw.get(key) is not None:
            raise UsageError(
                f"{flag} does not apply to several cards: write counts and memory in the names, "
                "like '2x 3090 + 3060 12GB'.",
                key,
            )
    from .engine import NotFound
    from .resolve import resolve_hardware

    cards: dict[str, list] = {}  # id -> [count, memory]
    for part in parts:
        name, count = units.split_count(parse_name(part, "hardware"))
        found = resolve_hardware(name)
        if found.entry is None:
            raise NotFound("hardware", name, found.suggestions)
        if found.entry.kind != "gpu":
            raise UsageError(
                f"{found.entry.name} is not a graphics card: several cards means GPUs only.",
                "hardware",
            )
        card = cards.setdefault(found.entry.id, [0, None])
        card[0] += count or 1
        card[1] = card[1] or found.memory_gb
    return [(hw, n, mem) for hw, (n, mem) in cards.items()]


def _arg(fn, what: str):
    """An argparse `type=` from a parser above (its error becomes argparse's one line)."""

    def convert(text: str):
        try:
            return fn(text, what)
        except UsageError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    convert.__name__ = what
    return convert


# --------------------------------------------------------------------------- output helpers


def _dump(obj: Any) -> Any:
    """Pydantic models and dataclasses to plain JSON values."""
    if hasattr(obj, "model_dump"):
        return obj.model_dump(mode="json")
    if isinstance(obj, list | tuple):
        return [_dump(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): _dump(v) for k, v in obj.items()}
    if hasattr(obj, "__dataclass_fields__"):
        return {k: _dump(getattr(obj, k)) for k in obj.__dataclass_fields__}
    return obj


_SURROGATE = re.compile("[\ud800-\udfff]")


def to_json(obj: Any, *, indent: int | None = None) -> str:
    """Strict JSON (NaN and infinities are a bug, never output). Text stays readable (no
    \\u escapes) except a lone surrogate (an `id` of "\\ud800"), which UTF-8 cannot carry: it
    is escaped, so it comes back as sent."""
    sep = (",", ":") if indent is None else (",", ": ")
    text = json.dumps(obj, indent=indent, separators=sep, allow_nan=False, ensure_ascii=False)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def error_object(exc: BaseException, line: int | None = None) -> dict:
    """The documented error object for one failed question (docs/json-report.md)."""
    from .engine import BadInput, EngineError, NotFound

    err: dict[str, Any]
    if isinstance(exc, NotFound):
        exc = nearest_numbers(exc)
        err = {
            "type": "not_found",
            "message": str(exc),
            "suggestions": [{"id": s.id, "name": s.name} for s in exc.suggestions[:5]],
            "kind": exc.kind,
        }
    elif isinstance(exc, UsageError):
        err = {
            "type": "bad_value",
            "message": str(exc),
            "suggestions": [{"id": s, "name": s} for s in exc.suggestions],
        }
        if exc.field:
            err["field"] = exc.field
    elif _hub_error(exc):
        err = {"type": "hub", "message": str(exc), "suggestions": [], "kind": exc.kind}
        if getattr(exc, "retry_after", None):
            err["retry_after"] = exc.retry_after
    elif isinstance(exc, BadInput | EngineError) or _plain_value_error(exc):
        err = {"type": "bad_input", "message": _first_line(exc), "suggestions": []}
    elif isinstance(exc, Unavailable):
        err = {"type": "unavailable", "message": str(exc), "suggestions": []}
    else:
        err = {
            "type": "internal",
            "message": f"internal error: {type(exc).__name__}: {str(exc)[:300]}",
            "suggestions": [],
        }
    if line is not None:
        err["line"] = line
    return {"error": err}


def _hub_error(exc: BaseException) -> bool:
    """Reading Hugging Face failed (network, rate limit, gated repo...): fitengine.hub.errors."""
    from .hub.errors import HubError

    return isinstance(exc, HubError)


def _plain_value_error(exc: BaseException) -> bool:
    """A ValueError about the input (not a pydantic validation failure inside the engine)."""
    if not isinstance(exc, ValueError):
        return False
    return type(exc).__name__ not in ("ValidationError", "CatalogError")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:300] if text else type(exc).__name__


def _err(text: str) -> None:
    print(f"canirun: {text}", file=sys.stderr)


def nearest_numbers(exc):
    """A device name with a model number no entry has ("rtx 4900"): the devices whose numbers
    are closest (a swapped or wrong digit: the 4090) come before the resolver's suggestions."""
    if exc.kind != "hardware" or not re.search(r"\d{3,}", exc.query or ""):
        return exc
    from .catalog import default_catalog
    from .engine import NotFound
    from .nlq.index import index_for, key_tokens
    from .nlq.names import digit_suggestions
    from .resolve import Suggestion

    idx = index_for(default_catalog())
    close = [c for c in digit_suggestions(idx, key_tokens(exc.query)) if c.score >= 60]
    if not close:
        return exc
    first = [Suggestion(c.id, c.name, c.score) for c in close]
    rest = [s for s in exc.suggestions if all(s.id != c.id for c in close)]
    return NotFound(exc.kind, exc.query, (first + rest)[:5])


def _not_found(exc) -> None:
    exc = nearest_numbers(exc)
    _err(f"I don't know the {exc.kind} {exc.query[:60]!r}.")
    if exc.suggestions:
        print("did you mean:", file=sys.stderr)
        width = max(len(s.id) for s in exc.suggestions[:5])
        for s in exc.suggestions[:5]:
            extra = f"  {s.name}" if s.name != s.id else ""
            print(f"  {s.id:<{width}}{extra}".rstrip(), file=sys.stderr)
    hint = {"model": "canirun models", "hardware": "canirun hardware"}.get(exc.kind)
    if hint:
        print(f"(search the catalog with: {hint} QUERY)", file=sys.stderr)


# --------------------------------------------------------------------------- the card


def _num(x: float | None, unit: str = "", *, digits: int | None = None) -> str:
    if x is None:
        return "n/a"
    if digits is None:
        digits = 0 if abs(x) >= 1000 else 1
    return f"{x:,.{digits}f}{unit}"


def _speed_num(x: float) -> str:
    """A speed figure: one decimal, two significant digits under 1 (never "0.0")."""
    return f"{x:.2g}" if 0 < x < 1 else _num(x)


def fmt_tok_s(x: float | None) -> str:
    return "n/a" if x is None else f"{_speed_num(x)} tok/s"


def fmt_gb(x: float | None) -> str:
    """A size from the report (decimal GB) as memory is sold (units.sold_gb): what a model needs
    reads against the "24 GB" someone has."""
    return "n/a" if x is None else f"{units.sold_gb(x):.2f} GB"


def _gb(x: float) -> float:
    return units.sold_gb(x)


def fmt_ms(ms: float | None) -> str:
    if ms is None:
        return "n/a"
    if ms < 1000:
        return f"{ms:.0f} ms"
    if ms < 60_000:
        return f"{ms / 1000:.1f} s"
    if ms < 3_600_000:
        return f"{ms / 60_000:.1f} min"
    return f"{ms / 3_600_000:.1f} h"


def fmt_s(s: float | None) -> str:
    return "n/a" if s is None else fmt_ms(s * 1000)


def _draft_line(d) -> str:
    """Decode with a draft model, as an option beside the headline: the draft, what it gives
    and what it takes."""
    from .report import FIT_LABELS

    fit = "" if d.fit == "runs_well" else f", {FIT_LABELS.get(d.fit, d.fit).lower()}"
    return (
        f"{fmt_tok_s(d.decode_tok_s)} (x{d.speedup:.2f}: {d.draft_name} {d.draft_quant} drafts "
        f"{d.draft_tokens} tokens, {d.acceptance:.0%} accepted each; +{fmt_gb(d.memory_gb)}{fit})"
    )


def _band(b) -> str:
    return "" if b is None else f"  (likely {_speed_num(b.low)}-{_speed_num(b.high)})"


def _ttft_for(prompt: int | None, depth: int | None) -> str:
    """What a first-token time is for: never shown without its prompt and depth."""
    if prompt is None:
        return ""
    return f" ({prompt:,}-token prompt at depth {depth or 0:,})"


def _placement_line(r) -> str:
    p = r.placement
    hw = r.hardware
    if idle := getattr(p, "idle", None):
        # the run uses some of the rig's cards (-dev): the others stay free
        where = (
            f"layers split across {len(p.devices)} GPUs"
            if p.kind == "multi_gpu"
            else f"all layers on the {p.devices[0].name}"
        )
        return f"{where}; {' and '.join(idle)} left free"
    if p.kind == "gpu":
        return "all layers on the GPU"
    if p.kind == "multi_gpu":
        return f"layers split across {hw.count} GPUs"
    from .memory import SHARED_KINDS

    # a Mac's, a Strix Halo's or an iGPU's "system RAM" is the GPU's own memory: what is left
    # out of the GPU's share is run by the CPU from the same chips
    shared = getattr(hw, "kind", None) in SHARED_KINDS
    ram = "run by the CPU from the same memory" if shared else "in system RAM"
    if p.kind == "partial_offload":
        layers = "1 layer" if p.gpu_layers == 1 else f"{p.gpu_layers} layers"
        return f"{layers} on the GPU, the rest {ram} (-ngl {p.gpu_layers})"
    if p.kind == "moe_offload":
        return (
            f"attention and shared weights on the GPU; the experts of {p.n_cpu_moe} layers "
            f"{ram} (--n-cpu-moe {p.n_cpu_moe})"
        )
    if p.kind == "cpu":
        return "CPU only: everything in system RAM"
    if p.kind == "unified":
        return "unified memory: one pool the GPU and the CPU share"
    return p.kind


def render_report(r, *, quants: bool = True, workloads: bool = True) -> str:
    """The human-readable card for one Report."""
    from .report import FIT_LABELS, safe_context_basis

    out: list[str] = []
    add = out.append
    hw = r.hardware
    count = f"{hw.count}× " if hw.count > 1 else ""
    each = " each" if hw.count > 1 else ""
    if hw.parts:
        add(f"{r.model.name}  on  {hw.name} ({r.backend})")
    else:
        add(f"{r.model.name}  on  {count}{hw.name} ({hw.memory_gb:g} GB{each}, {r.backend})")
    setup = [r.quant, f"context {r.context:,}", f"KV {r.kv_type}", f"mode {r.mode}"]
    setup.append(f"workload {r.workload}")
    if r.parallel > 1:
        setup.append(f"{r.parallel} parallel slots")
    add("  " + " | ".join(setup))
    add("")

    verdict = (r.fit_label or FIT_LABELS.get(r.fit, r.fit)).upper()
    grade = f"grade {r.grade} ({r.score}/100)" if r.grade is not None else "no grade"
    add(f"{verdict} -- {grade}" + (f": {r.reason}" if r.reason else ""))
    add("")

    add("Speed")
    if r.fit == "wont_fit":
        add("  does not fit: no speed to estimate")
    else:
        add(f"  decode        {fmt_tok_s(r.decode_tok_s)}{_band(r.decode_band)}")
        if r.decode_full_tok_s is not None:
            add(
                f"  decode full   {fmt_tok_s(r.decode_full_tok_s)} (the {r.context:,} tokens filled)"
            )
        add(f"  prefill       {fmt_tok_s(r.prefill_tok_s)}{_band(r.prefill_band)}")
        if r.read_full_s is not None and r.prefill_full_tok_s is not None:
            add(
                f"  prefill full  {fmt_tok_s(r.prefill_full_tok_s)} (at {r.context:,}; a prompt"
                f" filling it reads in {fmt_s(r.read_full_s)})"
            )
        add(f"  first token   {fmt_ms(r.ttft_ms)}{_ttft_for(r.ttft_prompt_tokens, r.ttft_depth)}")
        if r.speculative is not None:
            sp = r.speculative
            add(
                f"  with MTP      {fmt_tok_s(sp.decode_tok_s)} (x{sp.speedup:.2f}, {sp.draft_tokens}"
                f" drafted token{'s' if sp.draft_tokens != 1 else ''} at {sp.acceptance:.0%}"
                f" acceptance: {sp.flags})"
            )
        if r.speculative_draft is not None:
            add(f"  with a draft  {_draft_line(r.speculative_draft)}")
        if r.aggregate_tok_s is not None:
            add(f"  aggregate     {fmt_tok_s(r.aggregate_tok_s)} over {r.parallel} requests")
    basis = safe_context_basis(r.quant, r.kv_type, r.safe_context_on, r.hardware.count)
    add(f"  safe context  {r.safe_context:,} tokens ({basis})")
    add("")
    if r.speed_by_depth:
        add("Speed as the context fills (decode; a 512-token prompt read at that depth; reading")
        add("that many tokens from scratch)")
        for x in r.speed_by_depth:
            read = fmt_s(x.read_s) if x.depth else "-"
            add(
                f"  {x.depth:>9,}  decode {fmt_tok_s(x.decode_tok_s):>11}"
                f"  prompt {fmt_tok_s(x.prefill_tok_s):>12}  read {read}"
            )
        add("")

    m = r.memory
    add(
        f"Memory: {fmt_gb(m.total_gb)} needed, {fmt_gb(m.available_gb)} usable ({units.SOLD_UNITS})"
    )
    add(
        f"  weights {fmt_gb(m.weights_gb)} + KV cache {fmt_gb(m.kv_cache_gb)}"
        f" + overhead {fmt_gb(m.overhead_gb)}"
    )
    p = r.placement
    add(f"  placement: {_placement_line(r)}")
    if p.devices:
        # one pool on a Mac or a unified-memory box: the GPU's share of it and the rest, not a
        # second memory beside the device
        shared = hw.kind in ("apple", "unified")
        rest = "rest of the same memory" if shared else "system RAM"
        names = [f"{d.name}, GPU share" if shared else d.name for d in p.devices]
        width = max(len(rest), *(len(n) for n in names))
        for name, d in zip(names, p.devices, strict=True):
            add(
                f"    {name:<{width}}  {_gb(d.total_gb):6.2f} / {_gb(d.available_gb):.2f} GB"
                f"  (weights {_gb(d.weights_gb):.2f}, KV {_gb(d.kv_gb):.2f})"
            )
        if p.kind != "cpu" and p.ram_needed_gb > 0:
            room = (
                f" / {_gb(p.ram_available_gb):.2f}" if p.ram_available_gb > p.ram_needed_gb else ""
            )
            add(f"    {rest:<{width}}  {_gb(p.ram_needed_gb):6.2f}{room} GB")
    add("")

    if quants and r.quants:
        rec = r.recommended_quant
        said = rec or "none fits"
        if rec and r.recommended_kv_type and r.recommended_kv_type != r.kv_type:
            # the recommendation is a quant and a KV type together; the rows are at this
            # report's KV type, where the quant recommended may not fit (never a "*" on "Won't
            # fit" unexplained)
            said = f"{rec} with KV {r.recommended_kv_type}; rows at KV {r.kv_type}"
        add(
            f"Quants (recommended: {said}; > this report" + (", * recommended" if rec else "") + ")"
        )
        qw = max(len(q.quant) for q in r.quants)
        bw = max(9, *(len(q.bulk or "") for q in r.quants))
        for q in r.quants:
            mark = (">" if q.quant == r.quant else " ") + ("*" if q.quant == rec else " ")
            fit = q.fit_label or FIT_LABELS.get(q.fit, q.fit)
            file = "" if q.available else "  (no catalogued GGUF)"
            # a file that keeps another format in its bulk says so rather than a bpw its
            # name would misread (gpt-oss "Q8_0 4.34 bpw": MXFP4 experts)
            bits = f"{f'{q.bpw:5.2f} bpw' if q.bulk is None else q.bulk:>{bw}}"
            add(
                f"  {mark} {q.quant:<{qw}}  {bits}  {_gb(q.memory_gb):7.2f} GB  {fit:<15}"
                f"  quality {q.quality:5.1f} {q.label:<14} {fmt_tok_s(q.decode_tok_s):>11}{file}"
            )
        add("")

    if workloads and r.workloads and r.fit == "wont_fit":
        add("Workloads: all F (does not fit in memory)")
        add("")
    elif workloads and r.workloads:
        # the headline decode is at the asked depth; these are each workload's mean over its
        # answer, at its own depth
        add("Workloads (decode: mean over each workload's answer, at its depth)")
        nw = max(len(w.name) for w in r.workloads)
        for w in r.workloads:
            g = w.grade or "-"
            score = "" if w.score is None else f"{w.score:3d}"
            if w.decode_tok_s is None:
                figures = "does not run"
            else:
                figures = (
                    f"{fmt_tok_s(w.decode_tok_s)}, first token {fmt_ms(w.ttft_ms)}"
                    f"{_ttft_for(w.prompt_tokens, w.depth)}, answer {fmt_s(w.answer_s)}"
                )
            add(f"  {w.name:<{nw}}  {g} {score}  {figures}")
            if w.reason:
                add(f"  {'':<{nw}}         {w.reason}")
        add("")

    if r.next_steps:
        add("What runs instead" if r.fit == "wont_fit" else "What runs better")
        for step in r.next_steps:
            add(f"  - {step.text}")
            if step.command:
                add(f"      {step.command}")
        add("")
    if r.fit != "wont_fit":
        c = r.commands
        add("Run it")
        if c.server:
            # the GPU server the question runs, first (commands.serve)
            add(f"  {c.server_name:<9}  {c.server}")
        if c.server_note:
            add(f"  {'':<9}  {c.server_note}")
        add(f"  llama.cpp  {c.llama_cpp}")
        if r.speculative_draft is not None:
            add(f"  + draft    {r.speculative_draft.command}")
        if c.docker:
            add(f"  docker     {c.docker}")
        if c.ollama:
            add(f"  ollama     {c.ollama}")
            if c.ollama_note:
                add(f"             {c.ollama_note}")
    elif r.next_steps:
        out.pop()  # (no run commands: the sections below open with their own blank line)
    else:
        add("Nothing nearby runs on this setup.")

    if r.assumed:
        add("")
        add("Assumed (the answer depends on it)")
        for a in r.assumed:
            add(f"  - {a.what}: {a.value}. {a.effect}")

    if r.assumptions:
        add("")
        add("Assumptions")
        for a in r.assumptions:
            add(f"  - {a}")
    if r.warnings:
        add("")
        add("Warnings")
        for w in r.warnings:
            add(f"  ! {w}")
    return "\n".join(out)


def render_report_line(r) -> str:
    """One line per report, for lists (ask answers with several reports)."""
    hw = r.hardware
    count = f"{hw.count}× " if hw.count > 1 else ""
    grade = f"{r.grade} " if r.grade else ""
    speed = "" if r.decode_tok_s is None else f", {fmt_tok_s(r.decode_tok_s)}"
    return (
        f"{grade}{r.model.name} on {count}{hw.name}: {r.fit_label} at {r.quant}"
        f" ({fmt_gb(r.memory.total_gb)}{speed})"
    )


# --------------------------------------------------------------------------- fit

FIT_KEYS = (
    "gpus",
    "vram_gb",
    "ram_gb",
    "quant",
    "context",
    "kv_type",
    "prompt_tokens",
    "depth",
    "backend",
    "workload",
    "mode",
    "parallel",
    "host",
)


def cmd_fit(args: argparse.Namespace) -> int:
    kw = {k: getattr(args, k) for k in FIT_KEYS if getattr(args, k) is not None}
    words = [args.model, *(args.hardware or [])]
    cards = None
    if args.hardware_opt:
        # --hardware names the machine (once per card, or "3090 + 3060"): the words are the model
        model = parse_name(" ".join(words), "model")
        texts = [parse_name(h, "hardware") for h in args.hardware_opt]
        cards = setup_cards(texts, kw)
        hardware = texts[0] if cards is None else None
    elif len(words) > 2 and _is_repo_ref(words[0]):  # a repo reference has no spaces
        model, hardware = parse_name(words[0], "model"), " ".join(words[1:])
    elif any(_SETUP_SEP.search(w) for w in words[1:]) and len(words) > 2:
        model, hardware = _split_setup_words(words)
    elif len(words) > 2:
        model, hardware = _split_words(words, kw)
    else:
        model = parse_name(words[0], "model")
        hardware = parse_name(words[1] if len(words) > 1 else None, "hardware", optional=True)
    if cards is None and hardware is not None:
        cards = setup_cards([hardware], kw)
    for k in ("quant", "kv_type", "backend", "workload", "mode", "host"):
        if k in kw:
            kw[k] = parse_name(kw[k], k.replace("_", "-"))
    check_values(kw)
    extra = {"by_depth": True} if args.by_depth else {}
    if cards is not None:
        report, source = analyze_named(model, None, kw, setup=cards, **extra)
    else:
        report, source = analyze_named(model, hardware_kwargs(hardware, kw), kw, **extra)
    if args.json:
        print(to_json(_with_source(report.model_dump(mode="json"), source), indent=2))
    else:
        print(_source_note(source), end="")
        print(render_report(report, quants=not args.brief, workloads=not args.brief))
    return EXIT_OK


def _split_setup_words(words: list[str]) -> tuple[str, str]:
    """`canirun fit llama 3.3 70b 3090 + 3060` without quotes: the longest start that names a
    model, before the first card."""
    from .resolve import resolve_model

    first_sep = next(i for i, w in enumerate(words) if i and _SETUP_SEP.search(w))
    for i in range(first_sep - 1, 0, -1):
        if resolve_model(" ".join(words[:i])).entry is not None:
            return " ".join(words[:i]), " ".join(words[i:])
    return words[0], " ".join(words[1:])


# --------------------------------------------------------------------------- Hugging Face repos


def _is_repo_ref(text: str) -> bool:
    from .hub import cli as hub

    return hub.is_ref(text)


def analyze_named(model: str, hardware, kw: dict, **extra):
    """analyze() for a model as typed: a catalog name, or a Hugging Face repo reference read first
    by fitengine.hub (the engine gets the Model; `source` says where it came from). An unknown
    name's suggestions include the Hub's most downloaded matching GGUF repos."""
    from .engine import NotFound, analyze
    from .hub import cli as hub

    model_arg, source = hub.model_for(model, kw)
    try:
        return analyze(model_arg, hardware, **extra, **kw), source
    except NotFound as exc:
        raise hub.with_hub_suggestions(exc) from None


def _with_source(payload: dict, source) -> dict:
    from .hub import cli as hub

    return hub.with_source(payload, source)


def _source_note(source) -> str:
    from .hub import cli as hub

    return hub.card_note(source)


def _split_words(words: list[str], kw: dict) -> tuple[str, str]:
    """`canirun fit llama 3.3 70b rtx 3090` without quotes: the one place to split the words
    into a model and a hardware name that both resolve; otherwise ask for quotes."""
    from .engine import EngineError
    from .resolve import resolve_hardware, resolve_model

    for w in words:
        parse_name(w, "model")
    text = " ".join(words)
    if len(text) > MAX_NAME * 2:
        raise UsageError(f"the names are too long (at most {MAX_NAME} characters each).", "model")
    found: dict[tuple, tuple[str, str]] = {}
    for i in range(1, len(words)):
        model, hardware = " ".join(words[:i]), " ".join(words[i:])
        m = resolve_model(model).entry
        if m is None:
            continue
        trial = dict(kw)
        try:
            hw_text = hardware_kwargs(hardware, trial)
        except (UsageError, EngineError):
            continue
        hw = resolve_hardware(hw_text).entry if hw_text else None
        if hw_text and hw is None:
            continue
        key = (m.id, hw.id if hw else None, trial.get("gpus"), trial.get("vram_gb"))
        found.setdefault(key, (model, hardware))
    if len(found) == 1:
        return next(iter(found.values()))
    if not found:
        # the start that names a model best: the rest is a hardware name to suggest for
        starts = [(resolve_model(" ".join(words[:i])), i) for i in range(1, len(words))]
        named = [(r.score, i) for r, i in starts if r.entry is not None]
        if named:
            i = max(named)[1]
            return " ".join(words[:i]), " ".join(words[i:])
        if resolve_model(text).entry is not None:
            return text, None  # all of it names the model: the hardware is missing
    example = f"canirun fit '{' '.join(words[:-1])}' '{words[-1]}'"
    raise UsageError(
        f"I can't tell where the model name ends and the hardware begins in {text[:80]!r}: "
        f"put each name in quotes, like {example[:120]}",
        "model",
    )


# --------------------------------------------------------------------------- catalog search


def _model_row(m) -> dict:
    return {
        "id": m.id,
        "name": m.name,
        "family": m.family,
        "params_b": m.params_b,
        "active_params_b": m.active_b,
        "context": m.context,
        "moe": m.moe is not None,
    }


def _hardware_row(h) -> dict:
    return {
        "id": h.id,
        "name": h.name,
        "vendor": h.vendor,
        "kind": h.kind,
        "memory_gb": h.memory_gb,
        "memory_options_gb": list(h.memory_options_gb),
        "bandwidth_gbps": h.bandwidth_gbps,
    }


def _model_text(row: dict) -> str:
    size = f"{row['params_b']:g}B"
    if row["moe"]:
        size += f" ({row['active_params_b']:g}B active)"
    return f"{size}, {row['context'] // 1024}K context"


def _hardware_text(row: dict) -> str:
    mem = f"{row['memory_gb']:g} GB"
    if len(row["memory_options_gb"]) > 1:
        mem = "/".join(f"{x:g}" for x in sorted(row["memory_options_gb"])) + " GB"
    return f"{row['kind']}, {mem}, {row['bandwidth_gbps']:g} GB/s"


SEARCH_MIN_SCORE = 75.0
SEARCH_MARGIN = 20.0


def cmd_catalog(args: argparse.Namespace) -> int:
    from .catalog import default_catalog

    kind = args.command  # "models" | "hardware"
    cat = default_catalog()
    entries = cat.models if kind == "models" else cat.hardware
    row_of = _model_row if kind == "models" else _hardware_row
    text_of = _model_text if kind == "models" else _hardware_text
    group_key = "family" if kind == "models" else "vendor"
    query = " ".join(args.query).strip() if args.query else ""
    if len(query) > MAX_NAME:
        raise UsageError(f"the search text is too long (at most {MAX_NAME} characters)")
    limit = args.limit

    if query:
        from .resolve import complete_hardware, complete_models

        complete = complete_models if kind == "models" else complete_hardware
        hits = complete(query, limit=min(limit or 25, 25))
        # completion is generous (it serves autocomplete); a search shows the close hits only
        top = max((s.score for s in hits), default=0.0)
        hits = [s for s in hits if s.score >= max(SEARCH_MIN_SCORE, top - SEARCH_MARGIN)]
        rows = []
        for s in hits:
            entry = entries.get(s.id)
            if entry is not None:
                row = row_of(entry)
                row["score"] = s.score
                rows.append(row)
        if args.json:
            print(to_json(rows, indent=2))
            return EXIT_OK
        if not rows:
            _err(f"no {kind} match {query!r}.")
            return EXIT_USAGE
        width = max(len(r["id"]) for r in rows)
        for row in rows:
            print(f"{row['id']:<{width}}  {row['name']}  ({text_of(row)})")
        return EXIT_OK

    rows = [row_of(e) for e in entries.values() if e.id != "generic-gpu"]
    if limit:
        rows = rows[:limit]
    if args.json:
        print(to_json(rows, indent=2))
        return EXIT_OK
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(str(row[group_key]), []).append(row)
    width = max((len(r["id"]) for r in rows), default=0)
    first = True
    for g in sorted(groups, key=str.lower):
        if not first:
            print()
        first = False
        print(f"{g} ({len(groups[g])})")
        for row in groups[g]:
            print(f"  {row['id']:<{width}}  {row['name']}  ({text_of(row)})")
    return EXIT_OK


# --------------------------------------------------------------------------- ask


def _nlq():
    try:
        from . import nlq
    except ImportError as exc:
        raise Unavailable(
            "question parsing is not available in this build (fitengine.nlq is missing)"
        ) from exc
    if not hasattr(nlq, "parse"):
        raise Unavailable("question parsing is not available in this build (no nlq.parse)")
    return nlq


def _ask_module():
    try:
        from . import answers as ask_mod
    except ImportError as exc:
        raise Unavailable(
            "questions in plain words are not available in this build (fitengine.answers is missing)"
        ) from exc
    if not hasattr(ask_mod, "ask"):
        raise Unavailable("questions in plain words are not available (no fitengine.answers.ask)")
    return ask_mod


def _question_text(text: Any) -> str:
    if not isinstance(text, str):
        raise UsageError("the question must be text.", "text")
    if not text.strip():
        raise UsageError("the question is empty.", "text")
    if len(text) > MAX_TEXT:
        raise UsageError(f"the question is too long (at most {MAX_TEXT:,} characters).", "text")
    return text


def parse_payload(text: Any) -> dict:
    text = _question_text(text)
    return _dump(_nlq().parse(text))


def ask_payload(text: Any) -> tuple[Any, dict]:
    """ask(text) and its JSON: {"query", "intent", "answer", "message", "suggestions",
    "assumed"}, where
    "answer" is one Report for a fit question and a list of Reports otherwise."""
    text = _question_text(text)
    from .hub import cli as hub

    text, models, sources, unread = hub.prepare_question(text)
    answer = _ask_module().ask(text, models=models) if models else _ask_module().ask(text)
    answer = hub.with_hub_repos(answer)  # an unknown model name: the Hub's repos offered
    if unread:
        from .hub.questions import with_unread

        answer = with_unread(answer, unread)
    query = getattr(answer, "query", None)
    if query is None:
        try:
            query = _nlq().parse(text)
        except Unavailable:
            query = None
    if hasattr(answer, "answer"):
        main_part = answer.answer
    elif hasattr(answer, "reports"):
        main_part = answer.reports
    else:
        main_part = answer
    payload = {
        "query": _dump(query),
        "intent": getattr(answer, "intent", None),
        "answer": _dump(main_part),
        "message": str(getattr(answer, "message", "") or ""),
        "suggestions": [str(s) for s in getattr(answer, "suggestions", None) or []],
        "assumed": _dump(list(getattr(answer, "assumed", None) or [])),
    }
    if sources:  # the models read from Hugging Face, as `source` in a fit report
        payload["sources"] = [s.source_json() for s in sources]
    return answer, payload


def render_answer(answer: Any) -> str:
    """The text for an ask() answer: for a fit, its message and the full card; otherwise the ask
    module's renderer (its table), else a list of one-line summaries."""
    from .report import Report

    if isinstance(answer, Report):
        return render_report(answer)
    reports = [r for r in getattr(answer, "reports", None) or [] if isinstance(r, Report)]
    message = str(getattr(answer, "message", "") or "")
    if getattr(answer, "intent", None) == "fit" and reports:
        # the card is the first report's (a model named past its window is answered with its
        # newer release, the named one's run said in the message), as the bot shows it
        return (message + "\n\n" if message else "") + render_report(reports[0])
    try:
        from . import answers as ask_mod

        render = getattr(ask_mod, "render_answer_text", None)
    except ImportError:
        render = None
    if render is not None:
        return str(render(answer))
    out: list[str] = [message] if message else []
    if reports:
        if out:
            out.append("")
        out += [f"{i}. {render_report_line(r)}" for i, r in enumerate(reports, 1)]
    suggestions = list(getattr(answer, "suggestions", None) or [])
    if suggestions:
        out += ["", "Try: " + "; ".join(str(s) for s in suggestions)]
    return "\n".join(out) if out else "I could not answer that; try canirun fit MODEL HARDWARE."


def cmd_ask(args: argparse.Namespace) -> int:
    text = " ".join(args.text)
    answer, payload = ask_payload(text)
    if args.json:
        print(to_json(payload, indent=2))
    else:
        from .hub import cli as hub

        print(hub.source_lines(payload.get("sources", [])), end="")
        print(render_answer(answer))
    return EXIT_OK


# --------------------------------------------------------------------------- batch

BATCH_KEYS = ("model", "hardware", "setup", *FIT_KEYS, "by_depth")
BATCH_ALL_KEYS = (*BATCH_KEYS, "parse", "ask", "id")


def _batch_kwargs(obj: dict) -> tuple[str, str | None, dict]:
    unknown = [k for k in obj if k not in BATCH_ALL_KEYS]
    if unknown:
        import difflib

        key = str(unknown[0])[:40]
        close = difflib.get_close_matches(key, BATCH_ALL_KEYS, n=3)
        hint = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        raise UsageError(f"unknown key {key!r}.{hint}", key, close)
    if "model" not in obj:
        raise UsageError("missing key 'model' (or 'parse' / 'ask' with a question).", "model")
    model = parse_name(obj["model"], "model")
    raw_hw = obj.get("hardware")
    texts = raw_hw if isinstance(raw_hw, list) else [raw_hw]
    if not texts or len(texts) > 16:
        raise UsageError("hardware must be a name or a list of 1 to 16 names.", "hardware")
    hardware = parse_name(texts[0], "hardware", optional=len(texts) == 1)
    kw: dict[str, Any] = {}
    for key in FIT_KEYS:
        value = obj.get(key)
        if value is None:
            continue
        if key in ("context", "prompt_tokens", "depth"):
            kw[key] = parse_tokens(value, key)
        elif key in ("vram_gb", "ram_gb"):
            kw[key] = parse_gb(value, key)
        elif key in ("gpus", "parallel"):
            kw[key] = parse_count(value, key)
        else:
            kw[key] = parse_name(value, key)
    if obj.get("by_depth") is not None:
        if not isinstance(obj["by_depth"], bool):
            raise UsageError("'by_depth' must be true or false.", "by_depth")
        kw["by_depth"] = obj["by_depth"]
    if obj.get("setup") is not None:
        kw["setup"] = _batch_setup(obj["setup"])
    elif hardware and (cards := setup_cards([parse_name(t, "hardware") for t in texts], kw)):
        kw["setup"] = cards  # "hardware": ["4090", "2x 3090"] or "4090 + 2x 3090"
    if "setup" in kw:
        check_values(kw)
        return model, None, kw
    hardware = hardware_kwargs(hardware, kw)
    check_values(kw)
    return model, hardware, kw  # type: ignore[return-value]


def _batch_setup(value: Any) -> list[tuple[str, int, float | None]]:
    """A mixed rig in batch JSON: [{"hardware": "4090"}, {"hardware": "3060", "count": 2,
    "vram_gb": 12}] (a bare string is one card)."""
    if not isinstance(value, list) or not value or len(value) > 16:
        raise UsageError("'setup' must be a list of 1 to 16 cards.", "setup")
    out = []
    for item in value:
        if isinstance(item, str):
            item = {"hardware": item}
        if not isinstance(item, dict) or "hardware" not in item:
            raise UsageError("each 'setup' card needs a 'hardware' name.", "setup")
        count = parse_count(item.get("count", 1), "count")
        vram = parse_gb(item["vram_gb"], "vram_gb") if item.get("vram_gb") is not None else None
        out.append((parse_name(item["hardware"], "hardware"), count, vram))
    return out


def answer_line(raw: bytes | str, line: int) -> dict:
    """One batch line to one JSON object: a Report, a parse, an ask answer or an error object.
    Never raises (an unexpected failure becomes an error object of type "internal")."""
    ident: Any = None
    try:
        if isinstance(raw, bytes):
            if len(raw) > MAX_LINE:
                raise UsageError(f"line is too long ({len(raw):,} bytes; at most {MAX_LINE:,}).")
            try:
                raw = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                return _error("invalid_json", "line is not valid UTF-8 text.", line)
        if len(raw) > MAX_LINE:
            raise UsageError(f"line is too long ({len(raw):,} characters; at most {MAX_LINE:,}).")
        if not raw.strip():
            return _error("empty_line", "empty line: expected a JSON object.", line)
        try:
            obj = json.loads(raw)
        except (ValueError, RecursionError) as exc:
            msg = exc.msg if isinstance(exc, json.JSONDecodeError) else "unreadable value"
            return _error("invalid_json", f"not valid JSON: {msg}.", line)
        if not isinstance(obj, dict):
            kind = _JSON_TYPES.get(type(obj), "null")
            return _error("not_an_object", f"expected a JSON object, got {kind}.", line)
        ident = obj.get("id")
        if ident is not None and not isinstance(ident, str | int | float | bool):
            ident = None
            raise UsageError("'id' must be a string or a number.", "id")
        if "parse" in obj or "ask" in obj:
            which = [k for k in ("parse", "ask") if k in obj]
            extra = [k for k in obj if k not in ("parse", "ask", "id")]
            if len(which) > 1 or extra:
                raise UsageError(
                    f"a {which[0]!r} line takes only the question text (and 'id'); "
                    f"drop {', '.join(repr(k) for k in (which[1:] + extra)[:3])}.",
                    (which[1:] + extra)[0],
                )
            text = obj[which[0]]
            out = parse_payload(text) if which[0] == "parse" else ask_payload(text)[1]
        else:
            model, hardware, kw = _batch_kwargs(obj)
            report, source = analyze_named(model, hardware, kw)
            out = _with_source(report.model_dump(mode="json"), source)
    except Exception as exc:  # every failure is one error object; the batch goes on
        out = error_object(exc, line)
    return out if ident is None else {"id": ident, **out}


_JSON_TYPES = {
    list: "an array",
    str: "a string",
    int: "a number",
    float: "a number",
    bool: "true/false",
}


def _error(kind: str, message: str, line: int) -> dict:
    return {"error": {"type": kind, "message": message, "suggestions": [], "line": line}}


def _line_json(obj: dict, line: int) -> str:
    try:
        return to_json(obj)
    except (ValueError, TypeError) as exc:  # a NaN in a report: a bug, reported per line
        return to_json(error_object(exc, line))


def cmd_batch(args: argparse.Namespace) -> int:
    from .catalog import default_catalog

    default_catalog()  # load once before the first line (and fail early if it is broken)
    if args.file and args.file != "-":
        try:
            stream = open(args.file, "rb")  # noqa: SIM115 -- closed below
        except OSError as exc:
            raise UsageError(f"cannot read {args.file}: {exc.strerror or exc}") from None
    else:
        stream = getattr(sys.stdin, "buffer", sys.stdin)
    out = sys.stdout
    try:
        for n, raw in enumerate(stream, 1):
            raw = raw.rstrip(b"\r\n") if isinstance(raw, bytes) else raw.rstrip("\r\n")
            out.write(_line_json(answer_line(raw, n), n) + "\n")
            out.flush()
    finally:
        if stream is not getattr(sys.stdin, "buffer", sys.stdin):
            stream.close()
    return EXIT_OK


# --------------------------------------------------------------------------- parser


class _ArgError(SystemExit):
    """argparse refused the command line: main() prints it (as JSON too with --json)."""

    def __init__(self, prog: str, message: str):
        super().__init__(EXIT_USAGE)
        self.prog, self.message = prog, message

    @property
    def field(self) -> str | None:
        """The option at fault ("argument --context/-c: ..." -> "context")."""
        m = re.match(r"argument (?:--([\w-]+)|([\w-]+))", self.message)
        return (m.group(1) or m.group(2)) if m else None

    def sentence(self) -> str:
        """The message as one sentence: a value's own message as is ("context must be a number
        of tokens ..."), argparse's with the option it is about ("--quant/-q: expected one
        argument.")."""
        text = self.message
        if m := re.match(r"argument ([^:]+): (.*)", text, re.S):
            opts, rest = m.groups()
            text = rest if self.field and rest.startswith(self.field) else f"{opts}: {rest}"
        return text if text.endswith((".", "?", "!")) else text + "."


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line on stderr (and a JSON error object on stdout
    with --json) and exit 2."""

    def error(self, message: str):  # type: ignore[override]
        raise _ArgError(self.prog, message)


def version() -> str:
    from importlib import metadata

    try:
        return metadata.version("canirun")
    except metadata.PackageNotFoundError:
        pass
    try:  # a source checkout: read pyproject.toml
        import tomllib
        from pathlib import Path

        path = Path(__file__).resolve().parent.parent / "pyproject.toml"
        return str(tomllib.loads(path.read_text())["project"]["version"])
    except (OSError, KeyError, ValueError):
        return "unknown"


class _Version(argparse.Action):
    def __init__(self, option_strings, dest, **kw):
        super().__init__(option_strings, dest, nargs=0, help="print the version and exit")

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"canirun {version()}")
        parser.exit(EXIT_OK)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="canirun",
        description="Will this model run on my hardware, how fast, and how do I run it? "
        "(llama.cpp / GGUF estimates)",
        epilog="Examples:\n"
        "  canirun fit llama-3.1-8b rtx-3090\n"
        "  canirun fit qwen3-30b-a3b 'rtx 4060 ti 16gb' --context 32k --json\n"
        "  canirun fit llama-3.3-70b --vram 24 --ram 64\n"
        "  canirun models qwen\n"
        "  canirun ask 'can my 2x3090 run llama 3.3 70b at q4 with 32k?'\n"
        '  echo \'{"model": "llama-3.1-8b", "hardware": "m2 max"}\' | canirun batch',
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action=_Version)
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    f = sub.add_parser(
        "fit",
        help="one model on one setup: fit, speed, memory, commands",
        description="One model on one hardware setup: fit and grade, decode/prefill speed, "
        "memory by device, the best quant and the commands to run it.",
    )
    f.add_argument("model", help="model id or name (see: canirun models)")
    f.add_argument(
        "hardware",
        nargs="*",
        help="GPU, Apple chip or CPU id or name (see: canirun hardware), with a count (2x3090) "
        "or just a memory amount (12gb); omit it with --vram for 'a GPU with that much memory'",
    )
    f.add_argument(
        "--hardware",
        "-H",
        dest="hardware_opt",
        action="append",
        metavar="HARDWARE",
        help="the machine's cards, when they differ: '3090 + 3060 12GB', or once per card "
        "(--hardware 4090 --hardware '2x 3090'); the positional words are then the model",
    )
    f.add_argument("--quant", "-q", help="quantization, e.g. Q4_K_M (default: the recommended)")
    f.add_argument(
        "--context",
        "-c",
        type=_arg(parse_tokens, "context"),
        help="context tokens: 32768, 32k, 128K (default: the workload's, capped at the model's)",
    )
    f.add_argument("--gpus", "-g", type=_arg(parse_count, "gpus"), help="number of GPUs")
    f.add_argument(
        "--vram", dest="vram_gb", type=_arg(parse_gb, "vram"), help="GPU memory in GB per GPU"
    )
    f.add_argument("--ram", dest="ram_gb", type=_arg(parse_gb, "ram"), help="system RAM in GB")
    f.add_argument(
        "--host",
        help="the CPU of a GPU box whose RAM holds what the GPUs do not, e.g. 'epyc 9554' "
        "(its memory channels set the offload speed; default: a desktop's dual-channel RAM)",
    )
    f.add_argument("--kv-type", dest="kv_type", help="KV cache type: f16, q8_0, q4_0 ...")
    f.add_argument("--workload", "-w", help="chat, coding, agentic, reasoning, rag")
    f.add_argument("--mode", "-m", help="interactive, balanced, light_api, scale_out")
    f.add_argument(
        "--prompt-tokens",
        dest="prompt_tokens",
        type=_arg(parse_tokens, "prompt-tokens"),
        help="prompt length for time to first token",
    )
    f.add_argument(
        "--depth",
        type=_arg(parse_tokens, "depth"),
        help="tokens already in the context when the turn starts",
    )
    f.add_argument("--backend", "-b", help="cuda, rocm, vulkan, metal, sycl, cpu")
    f.add_argument("--parallel", type=_arg(parse_count, "parallel"), help="parallel request slots")
    f.add_argument(
        "--by-depth",
        dest="by_depth",
        action="store_true",
        help="add decode and prompt speed as the context fills, up to the window",
    )
    f.add_argument("--brief", action="store_true", help="leave out the quant and workload tables")
    f.add_argument("--json", action="store_true", help="print the JSON report")
    f.set_defaults(func=cmd_fit)

    for kind, what in (("models", "model"), ("hardware", "hardware")):
        c = sub.add_parser(
            kind,
            help=f"search the {what} catalog",
            description=f"Search the {what} catalog; without QUERY list all of it, grouped by "
            + ("family." if kind == "models" else "vendor."),
        )
        c.add_argument("query", nargs="*", help="name or part of one")
        c.add_argument("--limit", type=_arg(parse_count, "limit"), help="at most this many")
        c.add_argument("--json", action="store_true", help="print JSON")
        c.set_defaults(func=cmd_catalog)

    a = sub.add_parser(
        "ask",
        help="a question in plain words",
        description='A question in plain words, e.g. "can my 3090 run qwen 32b at q4?"',
    )
    a.add_argument("text", nargs="+", help="the question")
    a.add_argument("--json", action="store_true", help='print {"query": ..., "answer": ...}')
    a.set_defaults(func=cmd_ask)

    b = sub.add_parser(
        "batch",
        help="JSON Lines in, one JSON answer per line out",
        description="Read JSON Lines (one question object per line) from FILE or stdin and "
        "write one JSON object per input line, in order. A bad line gets an error object and "
        "the batch goes on. Keys: " + ", ".join(BATCH_ALL_KEYS) + ". See docs/json-report.md.",
    )
    b.add_argument("file", nargs="?", help="input file (default: stdin)")
    b.set_defaults(func=cmd_batch)

    from .hub import cli as hub

    hub.add_parser(sub)  # canirun hub import|search
    return p


# --------------------------------------------------------------------------- main


def _configure_streams() -> None:
    """Never fail on a character the terminal cannot show."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="replace")


def main(argv: list[str] | None = None) -> int:
    _configure_streams()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except _ArgError as exc:
        if _wants_json(sys.argv[1:] if argv is None else argv):
            with contextlib.suppress(BrokenPipeError):
                print(to_json(error_object(UsageError(exc.sentence(), exc.field)), indent=2))
        _err_raw(f"{exc.prog}: {exc.message} (see {exc.prog} --help)")
        return EXIT_USAGE
    except SystemExit as exc:  # --help, --version
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    if getattr(args, "func", None) is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    json_out = bool(getattr(args, "json", False))
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # the reader went away (canirun models | head): not an error
        with contextlib.suppress(OSError, ValueError):
            # point stdout at /dev/null so the flush at exit does not fail again
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:
        return _fail(exc, json_out)


def _wants_json(argv: list[str]) -> bool:
    """--json among the options (not after a "--", where it would be a name)."""
    args = argv[: argv.index("--")] if "--" in argv else argv
    return "--json" in args


def _err_raw(text: str) -> None:
    print(text, file=sys.stderr)


def _fail(exc: Exception, json_out: bool) -> int:
    from .catalog import CatalogError
    from .engine import EngineError, NotFound

    if json_out and not isinstance(exc, CatalogError):
        print(to_json(error_object(exc), indent=2))
    if isinstance(exc, NotFound):
        _not_found(exc)
        return EXIT_USAGE
    if isinstance(exc, CatalogError):
        _err(f"the catalog does not load: {exc}")
        return EXIT_INTERNAL
    if isinstance(exc, UsageError | EngineError | Unavailable) or _plain_value_error(exc):
        _err(_first_line(exc))
        return EXIT_USAGE
    if os.environ.get("CANIRUN_DEBUG"):
        raise exc
    _err(f"internal error: {type(exc).__name__}: {str(exc)[:300]} (please report it)")
    return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
