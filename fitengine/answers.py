"""ask(text): a free-text question answered. Parse, pick the intent's answer, say it in one paragraph.

The answer never goes past what the question pinned down: when a name is unsure the answer says what
was understood and offers the likely choices instead of guessing; when the text asks nothing it says
how to ask.
"""

from __future__ import annotations

import copy
import math
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from . import commands, shopping, upgrades
from .advise import (
    FASTER,
    INDEX_TIE_SHARE,
    TIE_SIZE_STEP,
    _cache_per_catalog,
    _newer_releases,
    at_fastest_good_quant,
    best_hardware,
    best_models,
    compare_hardware,
    compare_models,
    compare_setups,
    memory_needed,
    model_of_file,
    models_of_size,
    near_floor,
    quality_task,
    quant_first,
    size_owner,
    size_range,
    size_words,
    usable,
    worth_here,
)
from .cards import (
    CLUSTER_KINDS,
    ServerRoute,
    multi_gpu,
    on_cards,
    served,
    server_route_note,
    serving_tp_note,
)
from .catalog import Catalog, Hardware, Model, bit_level, default_catalog, pcie_link_gbps
from .commands import ollama_rope_clause, rope_args
from .configs import (
    GOOD_QUALITY,
    KV_FIRST,
    KV_LAST,
    READING_TOK_S,
    below_worth_running,
    reads_as_it_streams,
)
from .constants import (
    DEFAULT_RAM_GIB,
    FIT_MARGIN_GIB,
    GB,
    IGPU_SHARE,
    KV_BYTES,
    NVME_LINKS,
)
from .constants import GIB as GIB_BYTES
from .engine import (
    BACKEND_NAMES,
    FIT_ORDER,
    EngineError,
    NotFound,
    analyze,
    bulk_bpp,
    estimate,
    name_says_memory,
    whole_layers,
)
from .hosts import cpu_server_for_ram, with_memory
from .language import default_language
from .memory import (
    SHARED_KINDS,
    amd_apu,
    amd_share_flags,
    amd_share_limits,
    file_size,
    usable_memory,
    weights,
    wired_default_words,
)
from .nlq import Intent, ModelRef, Query, Unsure, parse
from .nlq import patterns as P
from .nlq.choose import MAX_COMPARED
from .nlq.index import key_tokens
from .nlq.names import base_note
from .quality import effective_size_b, model_quality, share_index
from .report import Assumed, Band, NextStep, QuantRow, Report, approx_tok_s
from .request import GENERIC_GPU_ID, context_reach, rope_for
from .resolve import base_reading, normalize, resolve_model, without_memory
from .setups import setup_rules
from .speculative import VOCAB_MAX_DIFFERENCE
from .speed import active_bytes
from .units import sold_gb

EXAMPLES = [
    "can I run qwen2.5-coder 32b on a 3090?",
    "what can I run on my M3 Pro 18GB?",
    "what GPU do I need for llama 3.3 70b?",
    "3090 vs 4090 for qwen3 32b",
]
HELP = (
    "Ask me about a model and your hardware, for example: "
    + "; ".join(f"`{e}`" for e in EXAMPLES)
    + ". Add a quant (q4_k_m, 8bit), a context (32k) or a GPU count (2x3090) if you like."
)


class Answer(BaseModel):
    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)

    query: Query
    intent: Intent
    reports: list[Report] = Field(default_factory=list)
    message: str = ""
    # names to pick from when the question was unclear
    suggestions: list[str] = Field(default_factory=list)
    # what the question did not say that the whole answer depends on (each report has its own)
    assumed: list[Assumed] = Field(default_factory=list)
    # sentences said before the answer, also at the head of `message`: what was asked about that
    # no open-weight language model is, a Hugging Face repo that could not be read (a card that
    # shows no message shows these)
    asides: list[str] = Field(default_factory=list)
    # for a fit: the sentence of `message` the card says itself (its verdict, quant, speed and
    # memory); the rest of the message (a measured speed judged, the quants or backends asked side
    # by side) is what a card must add
    card_line: str = ""

    @property
    def answer(self) -> Any:
        """What `--json` prints as "answer": one report for a fit, a list otherwise."""
        if self.intent == "fit" and len(self.reports) == 1:
            return self.reports[0]
        return self.reports


def ask(
    text: str, catalog: Catalog | None = None, models: Mapping[str, Model] | None = None
) -> Answer:
    """`models`: entries the question names that are not in the catalog, by the name the parser
    gives them (Hugging Face repo references, read by fitengine.hub before asking)."""
    cat = catalog or default_catalog()
    return answer_query(parse(text or "", cat), cat, models)


def answer_query(
    q: Query, catalog: Catalog | None = None, models: Mapping[str, Model] | None = None
) -> Answer:
    """The answer to a parsed question (`models` as ask() takes them). A caller may fill in what
    the text left out first (the Discord bot puts a person's saved rig into a question that names
    no hardware)."""
    cat = catalog or default_catalog()
    if models:
        cat = _with_models(cat, models)
    aside = _not_estimated(q)
    if q.context is None and q.document_tokens:
        # "a 300 page pdf": the window that holds the document and a reply (the parser's note says
        # how it was counted), answered as a window asked
        q = q.model_copy(update={"context": q.document_tokens})
    if q.gpus is None and q.gpus_implied:
        # "g4dn.12xlarge": the 4 T4s its type implies, answered on (the card line says the count)
        q = q.model_copy(update={"gpus": q.gpus_implied})
    if q.quant is None and q.quant_implied:
        # "gemma3:27b-it-qat": the model's quantization-aware-trained file, answered at
        q = q.model_copy(update={"quant": q.quant_implied, "quants": [q.quant_implied]})
    try:
        q = _share_in_the_name(_without_unread_repos(q, cat))
        a = _with_line_assumed(q, _with_stand_in_note(_with_asked(_answer(q, cat), cat), cat), cat)
        a = _with_variant_assumed(q, _with_share_assumed(q, a), cat)
        a = _with_sides_assumed(_with_vulkan_only_note(a, cat))
    except NotFound as exc:
        return Answer(
            query=q,
            intent="unclear",
            message=f"{_understood(q)}{exc}",
            suggestions=[s.name for s in exc.suggestions[:5]],
        )
    except EngineError as exc:
        return Answer(query=q, intent="unclear", message=f"{_understood(q)}{exc}")
    if q.tool_call_trouble and a.reports and a.intent != "unclear":
        a = a.model_copy(update={"message": a.message + TOOL_TEMPLATE_NOTE})
    if a.reports and a.intent == "fit" and (a.reports[0].hardware.count or 1) >= 2:
        r = a.reports[0]
        m = cat.models.get(r.model.id)
        n = r.hardware.count or 1
        if m is not None and (tp := serving_tp_note(q.text, m, n, cat)):
            a = a.model_copy(update={"message": a.message + tp})
        elif (
            m is not None
            and (hw := cat.hardware.get(r.hardware.id)) is not None
            and (route := server_route_note(m, hw, n, cat))
        ):
            a = a.model_copy(update={"message": a.message + route})
    if a.reports and a.intent in ("fit", "best_hw_for_model") and _of_ollama(q):
        rope = _ollama_rope(q, a.reports[0], cat)
        route = _ollama_route(a.reports[0], cat, rope_said=bool(rope))
        msg = a.message + _ollama_namesakes(a.reports[0], cat) + route
        a = a.model_copy(update={"message": msg})
        if rope:
            # asked of Ollama, a window past the native one: how Ollama gets there leads when
            # no machine was named (the question is the runtime's), else follows the fit
            msg = (
                f"{rope} {a.message}" if a.intent == "best_hw_for_model" else f"{a.message} {rope}"
            )
            a = a.model_copy(update={"message": msg})
    if a.reports and a.intent == "best_model_for_hw" and _of_ollama(q):
        a = a.model_copy(update={"message": a.message + _ollama_list_note(a.reports)})
    if a.reports and a.intent != "unclear" and (route := _server_route(q, cat)) is not None:
        a = _with_server_commands(a, route, cat)
    if not aside or a.intent == "unclear":  # a name to pin down first: the aside can wait
        return a
    return a.model_copy(update={"message": " ".join([*aside, a.message]), "asides": aside})


# broken tool calls from a local model are most often its chat template (llama.cpp's server
# formats tool calls with the model's own Jinja template only when started with --jinja) and
# sampling far from the card's, not the model: said whenever the question says they go wrong
TOOL_TEMPLATE_NOTE = (
    " Bad or garbled tool calls are usually the chat template, not the model: start llama-server"
    " with --jinja (the model's own template; a fixed one with --chat-template-file) and use the"
    " sampling settings its model card gives."
)


def _server_route(q: Query, cat: Catalog) -> ServerRoute | None:
    """The GPU server a question runs (vLLM, SGLang: catalog/multi_gpu.yaml serving_tp.routes),
    when every serving stack it names is one (Query.stack_8bit FP8: no llama.cpp or Ollama beside
    it): the first of them named."""
    if q.stack_8bit != "FP8":
        return None
    rules = multi_gpu(cat).serving_tp
    if rules is None or not rules.routes:
        return None
    # the parser's reading of the stacks named (nlq.patterns.SERVING_STACK_RE: "vllm0.19.1",
    # "vllm部署" included), the first with a route
    for m in P.scan(P.SERVING_STACK_RE, q.text.lower()):
        name = P.LANG.serving_stack_flags.get(m.group(), m.group())  # "tensor_parallel_size": vLLM
        if (route := rules.routes.get(name)) is not None:
            return route
    return None


def _with_server_commands(a: Answer, route: ServerRoute, cat: Catalog) -> Answer:
    """Each report's command as the server asked of runs it (commands.serve), beside
    llama.cpp's; a fit also says the checkpoint format in the message, and why the server runs
    no such command where the estimate's placement is not all on the GPUs."""
    rules = multi_gpu(cat).serving_tp
    assert rules is not None
    reports = []
    said = ""
    for i, r in enumerate(a.reports):
        m, hw = cat.models.get(r.model.id), _cards_of(r, cat)
        if m is None or r.fit == "wont_fit":
            reports.append(r)
            continue
        row = _quant_row_of(r, r.quant)
        line, fmt, note = None, None, None
        if hw is not None and hw.kind == "apple":
            note = f"{route.name} is built for NVIDIA and AMD GPUs: on a Mac, llama.cpp (below)."
        elif r.placement.kind == "cpu":
            note = f"{route.name} is built for GPUs: on the CPU alone, llama.cpp (below)."
        elif r.placement.kind not in ("gpu", "multi_gpu", "unified"):
            note = (
                f"{route.name} keeps every weight on the GPUs: a run with part of it in system RAM"
                " is llama.cpp's (below)."
            )
        elif hw is None or r.placement.tensor_split is not None:
            note = (
                f"{route.name}'s tensor parallel splits the model evenly over equal cards: the"
                " uneven split of these cards is llama.cpp's (-ts, below)."
            )
        elif row is not None:
            share = max((d.total_gb / d.available_gb for d in r.placement.devices), default=0.0)
            line, fmt, note = commands.serve(
                route,
                rules,
                m,
                hw,
                r.quant,
                row.bpw,
                cards=max(len(r.placement.devices), 1),
                context=r.context,
                kv_type=r.kv_type,
                memory_share=share,
                rig_cards=r.hardware.count,
            )
        c = r.commands.model_copy(
            update={
                "server": line,
                "server_name": route.name,
                "server_format": fmt,
                "server_note": note,
            }
        )
        reports.append(r.model_copy(update={"commands": c}))
        if i == 0 and a.intent == "fit":
            said = _server_said(route, r, fmt, note, a.message)
    if a.intent == "best_model_for_hw":
        said = _server_list_said(route, reports)
    msg = a.message + said
    return a.model_copy(update={"reports": reports, "message": msg})


def _server_list_said(route: ServerRoute, rs: list[Report]) -> str:
    """A list asked of a GPU server whose leading rows it cannot run (experts or layers in system
    RAM, weights narrower than any checkpoint): the first rows it runs, in its formats."""
    lead = rs[:3]
    if all(r.commands.server for r in lead):
        return ""
    served = [r for r in rs if r.commands.server][:3]
    if not served:
        return f" {route.name} runs none of these all on the GPUs: they are llama.cpp's."
    names = ", ".join(f"{r.model.name} ({r.commands.server_format})" for r in served)
    return f" {route.name} keeps every weight on the GPUs; of these it runs {names}."


def _cards_of(r: Report, cat: Catalog) -> Hardware | None:
    """The one kind of card a run is on: the setup's, or of a mixed rig the part every card the
    run uses is of (a 5090 + 3090 running on the 5090 alone); None for cards of several kinds."""
    if not r.hardware.parts:
        return cat.hardware.get(r.hardware.id)
    kinds = {
        p.id
        for d in r.placement.devices
        for p in r.hardware.parts
        if d.name == p.name or d.name.startswith(p.name + " #")
    }
    return cat.hardware.get(kinds.pop()) if len(kinds) == 1 else None


def _server_said(
    route: ServerRoute, r: Report, fmt: str | None, note: str | None, said: str = ""
) -> str:
    """The fit's sentence on the server: the checkpoint it loads for the estimate's weights (not
    where the message `said` already reads the asker's format as the estimate's quant: "AWQ is a
    4-bit format, read as Q4_K_M in GGUF terms")."""
    out = ""
    # FP8 is already the quant's name for a server (_quant_shown), a released format its own
    again = f"read as {r.quant} in GGUF terms" in said
    if (
        fmt is not None
        and fmt.split()[0] not in (r.quant, "FP8")
        and fmt not in (note or "")
        and not again
    ):
        out = f" On {route.name} that is {fmt} weights ({r.quant} in GGUF terms, the estimate's)."
    return out + (f" {note}" if note else "")


def _of_ollama(q: Query) -> bool:
    """The question is asked of Ollama (named anywhere in it): its commands and knobs are said."""
    return "ollama" in q.text.lower()


def _ollama_rope(q: Query, r: Report, cat: Catalog) -> str:
    """Asked with Ollama, a window past the model's native one: Ollama's window is num_ctx, and
    it has no rope-scaling setting, so YaRN applies only when the GGUF's metadata carries it
    (ollama/ollama#8493: the model re-converted with rope_scaling in its config; #18263: num_ctx
    alone does not turn YaRN on); with a stock file, llama-server's flags do it."""
    m = cat.models.get(r.model.id)
    asked = q.context or r.context
    if m is None or m.rope_scaling is None or asked <= m.context:
        return ""
    rope = rope_for(m.rope_scaling, asked)
    kind = default_language().rope_names.get(rope.type, rope.type)
    return (
        f"In Ollama the window is num_ctx (`/set parameter num_ctx {asked}`, `PARAMETER num_ctx "
        f"{asked}` in a Modelfile, or OLLAMA_CONTEXT_LENGTH={asked}), but Ollama has no rope-scaling "
        f"setting: past {m.name}'s native {_ctx(rope.original_context)}, {kind} "
        f"(x{rope.factor:g}) works only from a GGUF whose metadata carries it (converted with "
        f"rope_scaling in its config.json); with a stock file, run llama-server with "
        f"{' '.join(rope_args(rope))}."
    )


def _ollama_route(r: Report, cat: Catalog, rope_said: bool = False) -> str:
    """Asked of Ollama, the run as Ollama does it: its command, and where the llama.cpp run
    uses a setting Ollama lacks (expert offload's --n-cpu-moe, a rope scaling, a tensor split),
    what Ollama does instead and the llama-server command that does it (commands.ollama_note);
    the rope scaling left out where _ollama_rope's fuller note on it follows (`rope_said`)."""
    c = r.commands
    if r.fit == "wont_fit" or c is None or not c.ollama:
        return ""
    out = f" In Ollama: `{c.ollama}`."
    note = c.ollama_note
    m = cat.models.get(r.model.id)
    if note and rope_said and m is not None and m.rope_scaling is not None:
        clause = ollama_rope_clause(m.rope_scaling)
        if note == f"Ollama cannot {clause}.":
            note = None
        else:
            note = note.replace(f"; nor {clause}", "").replace(f"{clause}; nor ", "")
    if note:
        out += f" {note} With llama-server: `{c.llama_cpp}`."
    return out


def _ollama_list_note(rs: list[Report]) -> str:
    """Asked of Ollama, a list whose picks keep their experts in system RAM (--n-cpu-moe): the
    figures are llama.cpp's, and Ollama, which offloads whole layers, runs those slower."""
    # (the five the headline names, as the list message does)
    named = [r for r in rs[:5] if r.commands and r.commands.ollama_note]
    moe = [r.model.name for r in named if r.placement.kind == "moe_offload"]
    if not moe:
        return ""
    which = " and ".join([", ".join(moe[:-1]), moe[-1]] if len(moe) > 1 else moe)
    return (
        f" In Ollama, {which} run{'s' if len(moe) == 1 else ''} slower than listed: it offloads"
        " whole layers, not the experts alone (llama-server's --n-cpu-moe)."
    )


def _ollama_namesakes(r: Report, cat: Catalog) -> str:
    """Asked with Ollama, a model whose Ollama name also tags smaller models of another family
    ("deepseek-r1:8b" is R1 0528 Qwen3 8B, a Qwen3 distilled from R1, not R1): say which tags
    are not it (the catalog's `ollama` tags), since what runs is the tag pulled."""
    m = cat.models.get(r.model.id)
    namesakes = [cat.models[i] for i in _namesakes(cat, r.model.id)] if m else []
    if not namesakes:
        return ""
    tags = ", ".join(f"{x.ollama} is {x.name}" for x in namesakes)
    return (
        f" On Ollama the smaller tags of {m.name} are other models trained on its outputs, not"
        f" {m.name}: {tags}; they need a fraction of its memory."
    )


@_cache_per_catalog
def _namesakes(cat: Catalog, model_id: str) -> tuple[str, ...]:
    """The models of another family that Ollama tags under this model's name, smallest first
    (worked out once per model and catalog)."""
    m = cat.models[model_id]
    names = {m.id, *([m.ollama.split(":")[0]] if m.ollama else [])}
    others = {x.family for x in cat.models.values()} - {m.family}
    if any(f in m.id for f in others):
        return ()  # itself one of them ("deepseek-r1-distill-llama-70b"): not what they copy
    found = [
        x
        for x in cat.models.values()
        if x.ollama
        and x.ollama.split(":")[0] in names
        and x.id != m.id
        and x.params_b < m.params_b / 3
        and any(f in x.id for f in others if f not in m.id)
    ]
    return tuple(x.id for x in sorted(found, key=lambda x: x.params_b))


def _without_unread_repos(q: Query, cat: Catalog) -> Query:
    """A Hugging Face repo the question names that was not read (offline, gone, or asked with no
    Hub at all) and names no catalog model: the question without it when it names a catalog
    model too (a link pasted in a long report), else the repo is unknown, with the nearest
    catalog models."""
    repos = [
        r.id
        for r in (q.model, q.model_b, *q.more_models)
        if r and "/" in r.id and r.id not in cat.models
    ]
    if not repos:  # nearly every question: no resolver call
        return q
    found = {repo: resolve_model(repo, cat) for repo in repos}
    from .hub.refs import find_refs

    if sized := _size_tagged(q, cat, found, find_refs(q.text)):
        return sized
    # a catalog model's GGUF repo reads as that model
    unread = [repo for repo, res in found.items() if res.entry is None]
    if not unread:
        return q

    refs = [f for f in find_refs(q.text) if f.ref is not None and f.ref.repo_id in unread]
    if based := _unread_bases(q, cat, refs):
        return based
    text = q.text
    for f in find_refs(text):
        if f.ref is not None and f.ref.repo_id in unread:
            text = text[: f.start] + " " * (f.end - f.start) + text[f.end :]
    rest = parse(text, cat)
    if rest.model is not None and rest.model.id in cat.models:
        update: dict = {"text": q.text}
        if rest.intent == "best_model_for_hw" and (
            kept := [t for t in q.tags if t not in rest.tags]
        ):
            # the wish the repo's own name said ("supergemma4-26b-uncensored" in use: the list
            # stays uncensored, parser._wishes_of_the_named) outlives the repo left unread
            update["tags"] = [*rest.tags, *kept]
        return rest.model_copy(update=update)
    sizes = {float(m.group(1)) for m in _SIZE_SAID.finditer(unread[0].replace("-", " "))}
    if len(unread) == 1 and q.model is not None and q.model.id == unread[0] and len(sizes) == 1:
        # "nvidia/Llama-3.1-Nemotron-Nano-4B-v1.1" unread: the size its name says, the reading
        # said (a regular answers for a model of that size rather than nothing)
        size = sizes.pop()
        note = f"I don't know the model '{unread[0]}': answered for {size:g}B models"
        return q.model_copy(
            update={
                "model": None,
                "model_size_b": size,
                "model_size_bound": None,
                "model_size_to_b": None,
                "unsure": [u for u in q.unsure if u.kind != "model"],
                "assumed": [*q.assumed, note],
            }
        )
    raise NotFound("model", unread[0], found[unread[0]].suggestions)


_TAG_SIZE = re.compile(r"(\d{1,4}(?:\.\d+)?)b", re.I)


def _named_at_tag_size(name: str, tag: str | None, cat: Catalog) -> Model | None:
    """An Ollama user's model by its tag's size ("ishumilin/deepseek-r1-coder-tools:14b"): the
    catalog model its name's first words name at that size ("deepseek r1 14b", the R1 Distill
    Qwen 14B, as `ollama run deepseek-r1:14b` pulls), when the words say one model exactly."""
    size = _TAG_SIZE.fullmatch(tag or "")
    if size is None:
        return None
    b = float(size.group(1))
    words = normalize(name).split()
    for k in range(min(len(words), 4), 0, -1):
        res = resolve_model(f"{' '.join(words[:k])} {b:g}b", cat)
        if res.entry is not None and res.score >= 100 and abs(res.entry.params_b - b) <= 0.15 * b:
            return res.entry
    return None


def _size_tagged(q: Query, cat: Catalog, found: dict, refs) -> Query | None:
    """An Ollama user's model with a size tag ("ishumilin/deepseek-r1-coder-tools:14b") that
    the repo's name alone reads as a model of another size (the 671B R1): the model its name
    says at the tag's size, the reading said; None when no such repo is named."""
    swap = {}
    for f in refs:
        res = found.get(f.ref.repo_id) if f.ref is not None else None
        if res is None:
            continue
        base = _named_at_tag_size(f.ref.name, f.ref.quant, cat)
        if base is None or (res.entry is not None and res.entry.id == base.id):
            continue
        swap[f.ref.repo_id] = (q.text[f.start : f.end], base)
    return _read_as_bases(q, swap) if swap else None


def _unread_bases(q: Query, cat: Catalog, refs) -> Query | None:
    """Every unread repo a fine-tune, merge or re-quant of a catalog model by its name
    ("TheBloke/Mistral-7B-v0.2-GGUF", "owner/qwen3.5-uncensored-aggressive:122b"): the question
    about its base, the reading said (a regular reads the base in the name when the Hub is not
    read); None when any names no catalog model that way."""
    bases = {}
    for f in refs:
        said = f.ref.repo_id + (f" {f.ref.quant}" if f.ref.quant else "")
        base = base_reading(said, cat) or _named_at_tag_size(f.ref.name, f.ref.quant, cat)
        if base is None:
            return None
        bases[f.ref.repo_id] = (q.text[f.start : f.end], base)
    return _read_as_bases(q, bases) if bases else None


def _read_as_bases(q: Query, bases: dict) -> Query:
    """The question with each repo's model (repo id -> (the words said, the catalog model it
    reads as)) in its place, each reading said."""
    ref = {
        rid: ModelRef(id=b.id, name=b.name, params_b=b.params_b) for rid, (_, b) in bases.items()
    }
    update: dict = {"assumed": [*q.assumed, *(base_note(t, b) for t, b in bases.values())]}
    for field in ("model", "model_b"):
        r = getattr(q, field)
        if r is not None and r.id in ref:
            update[field] = ref[r.id]
    update["more_models"] = [ref.get(r.id, r) for r in q.more_models]
    return q.model_copy(update=update)


def _not_estimated(q: Query) -> list[str]:
    """What the question asks about that no open-weight language model is, said before the
    answer ("claude", "sdxl", "qlora"): never an answer to another question in its place."""
    said: dict[str, str] = {}
    for n in q.not_estimated:
        said.setdefault(n.kind, n.text)
    notes = []
    if "closed" in said and q.model is None:  # beside a model named it is only a comparison
        notes.append(
            f"I can't estimate {said['closed']}: it is a closed model that runs only on its"
            " maker's servers, not on your hardware; open-weight models run locally."
        )
    if "image" in said:
        notes.append(
            "I estimate language models run with llama.cpp or Ollama, not image or video"
            f" generation ({said['image']})."
        )
    if "training" in said:
        notes.append(
            f"I estimate running a model, not fine-tuning ({said['training']}): training also"
            " holds gradients, optimizer state and activations, so it needs more memory than"
            " running."
        )
    return notes


def _with_stand_in_note(a: Answer, cat: Catalog) -> Answer:
    """A name the parser could not pin down, answered anyway with something else in its place
    ("rtx 6090 32gb": a generic 32 GB GPU; "rpi 4gb": a generic 4 GB system): the message says
    so first, never answering a different question silently. An answer on one of the names the
    parser offered for it needs no note."""
    if a.intent == "unclear" or not a.query.unsure:
        return a
    notes = []
    for u in a.query.unsure:
        used = {r.hardware.id if u.kind == "hardware" else r.model.id for r in a.reports}
        offered = {s.id for s in u.suggestions}
        if (base := variant_of(u, cat)) is not None and used == {base.id}:
            gb = f" with the {a.query.vram_gb:g} GB said" if a.query.vram_gb else ""
            notes.append(
                f'I don\'t know the hardware "{u.text}"; this answer takes it as the {base.name}'
                f"{gb}, the card it is a variant of, at that card's speed."
            )
            continue
        if not used or used & offered:
            continue
        if u.kind == "model" and a.query.family and u.reason == "ambiguous":
            continue  # "can my 3060 run gemma?": the family's list is the answer to it
        if _said_short(u, a.query, used):
            continue  # "[LLaMA] ... Llama-2-7b-chat.npz": the model named, said short
        # an ambiguous name answered on a named entry is the parser's pick among close readings
        # ("a 780m igpu"); only a generic stand-in (vendor "other": a GPU or CPU system of that
        # memory) answers something else
        if (
            u.kind == "hardware"
            and u.reason == "ambiguous"
            and any(_vendor(r, cat) != "other" for r in a.reports)
        ):
            continue
        first = a.reports[0]
        stand_in = first.model.name
        if u.kind == "hardware":
            # as the report ran it: a generic card is sized by the memory said
            bw = (
                f", {first.hardware.bandwidth_gbps:g} GB/s" if first.hardware.bandwidth_gbps else ""
            )
            ask = (
                "say its graphics card or processor"
                if u.reason == "machine"
                else "name a catalogued one"
            )
            stand_in = f"a stand-in ({first.hardware.name}{bw}): {ask} for its speed"
        choices = ", ".join(s.name for s in u.suggestions[:5])
        if u.reason == "machine":
            notes.append(f'I don\'t know which chips your "{u.text}" has')
        elif u.reason == "unknown":
            near = f" (the nearest I know: {choices})" if choices else ""
            notes.append(f'I don\'t know the {u.kind} "{u.text}"{near}')
        else:
            notes.append(f'"{u.text}" could be {choices}' if choices else f'"{u.text}" is unclear')
        notes[-1] += f"; this answer is for {stand_in}." if len(used) == 1 else "."
    if not notes:
        return a
    return a.model_copy(update={"message": " ".join(notes) + " " + a.message})


_NAME_WORD_RE = re.compile(r"[a-z]+|\d+(?:\.\d+)?")


def _said_short(u: Unsure, q: Query, used: set[str]) -> bool:
    """An ambiguous model word whose every word is in the name of the model the text names in
    full and the answer is for ("LLaMA" beside "Llama-2-7b-chat"): the same model said short,
    not a question of which one."""
    if u.kind != "model" or u.reason != "ambiguous" or q.model is None or used != {q.model.id}:
        return False
    words = _NAME_WORD_RE.findall(u.text.lower())
    name = set(_NAME_WORD_RE.findall(q.model.name.lower()))
    return bool(words) and all(w in name for w in words)


def _vendor(r: Report, cat: Catalog) -> str | None:
    h = cat.hardware.get(r.hardware.id)
    return h.vendor if h is not None else None


def _with_models(cat: Catalog, models: Mapping[str, Model]) -> Catalog:
    """The catalog plus `models` (a copy: the shared catalog is never changed). The same models
    asked about again (read afresh from the Hub's cache, so other objects with the same fields)
    get the same copy back, with what was worked out on it (quality index, lists of best models)."""
    key = (id(cat), tuple(sorted((name, m.model_dump_json()) for name, m in models.items())))
    with _DERIVED_LOCK:
        hit = _DERIVED.pop(key, None)
        if hit is not None and hit.base is cat:
            _DERIVED[key] = hit  # the most recent last
            return hit.catalog
    out = copy.copy(cat)
    out.models = {**cat.models, **models}
    share_index(cat, out)
    with _DERIVED_LOCK:
        _DERIVED[key] = _Derived(cat, out)
        while len(_DERIVED) > _DERIVED_KEPT:
            del _DERIVED[next(iter(_DERIVED))]
    return out


@dataclass(frozen=True)
class _Derived:
    base: Catalog  # held, so the id in the key always names it
    catalog: Catalog


_DERIVED: dict[tuple, _Derived] = {}
_DERIVED_KEPT = 32  # catalogs with a question's repos, kept for the next question about them
_DERIVED_LOCK = threading.Lock()


# --------------------------------------------------------------------------- dispatch


def _machine_args(q: Query, cat: Catalog) -> tuple[Any, dict]:
    """(hardware, keyword arguments) of analyze() for the machine asked about: a rig of different
    cards ("3090 + 5090") as its cards, else the one device with its count and memory."""
    if len(q.setup) >= 2:
        cards = [(s.id, s.gpus or 1, s.vram_gb) for s in q.setup]
        kw = {k: v for k, v in _setup_kwargs(q, cat).items() if k in ("ram_gb", "host")}
        return None, kw | {"setup": cards, "catalog": cat, **_engine_kwargs(q)}
    kw = {"catalog": cat, **_setup_kwargs(q, cat), **_engine_kwargs(q)}
    if _machine_unread(q) and q.ram_gb is None:
        kw["ram_gb"] = DEFAULT_RAM_GIB  # the stand-in's RAM, said as assumed (_hardware_assumed)
    return _hardware_arg(q, cat), kw


def _setup_kwargs(q: Query, cat: Catalog) -> dict:
    kw: dict[str, Any] = {}
    if q.gpus:
        kw["gpus"] = q.gpus
    if q.vram_gb is not None:
        kw["vram_gb"] = q.vram_gb
    if q.ram_gb is not None:
        kw["ram_gb"] = q.ram_gb
    if _carve_out_said(q, cat):
        # one memory shared by CPU and GPU (Strix Halo, DGX Spark, Jetson), its "VRAM" said
        # beside a larger RAM: the VRAM is the BIOS carve-out, and the GPU maps the rest of the
        # RAM too (the GTT), so the machine is its RAM ("Radeon 8060S (62GB VRAM), 128GB RAM":
        # 128 GB, not 62)
        kw["vram_gb"] = kw.pop("ram_gb")
    if (host := _host(q, cat)) is not None:
        kw["host"] = host
    if backend := _backend_said(q, cat):
        kw["backend"] = backend
    return kw


def _carve_out_said(q: Query, cat: Catalog) -> bool:
    """A unified-memory device with both its GPU memory and a larger system RAM said."""
    if q.hardware is None or q.vram_gb is None or q.ram_gb is None or q.ram_gb <= q.vram_gb:
        return False
    hw = cat.hardware.get(q.hardware.id)
    if hw is None or hw.kind != "unified":
        return False
    # a RAM the machine is not sold with is a typo ("1288GB RAM, 108GB shared as VRAM"): not read
    return q.ram_gb <= max([*(hw.memory_options_gb or []), hw.memory_gb])


def _backend_said(q: Query, cat: Catalog) -> str | None:
    """One llama.cpp backend named ("on vulkan") that the device has besides its default: the
    answer runs that build. Two named are the question, answered side by side (_other_backend)."""
    if q.hardware is not None:
        dev = cat.hardware.get(q.hardware.id)
    else:  # "16GB VRAM on Vulkan": the stand-in card of that size, on the build said
        dev = cat.hardware.get(GENERIC_GPU_ID) if q.vram_gb is not None and not q.mac else None
    if dev is None or len(q.backends) != 1 or len(q.setup) >= 2:
        return None
    b = q.backends[0]
    return b if b in dev.backends and b != dev.backends[0] else None


def _host(q: Query, cat: Catalog) -> Hardware | None:
    """The host CPU of a GPU box as the question said it, with the memory speed and channels said
    ("a 3060 with a 5600x", "ddr5-6000"): what the weights left in RAM are read from."""
    hw = cat.hardware.get(q.host.id) if q.host is not None else None
    if hw is None:
        return None
    return with_memory(hw, cat, q.ram_speed_mts, q.ram_channels, q.ram_generation)


def variant_of(u: Unsure, cat: Catalog) -> Hardware | None:
    """ "RTX 5080 Super 24GB", "RX 9070 XTX 32GB": a card the catalog lacks whose name is the
    nearest catalogued card's with a variant word added (language.yaml card_variant_words): the
    same chip family, so that card's speed with the memory said is a better guess than a generic
    card of that memory (which need not even be the same vendor's)."""
    if u.kind != "hardware" or u.reason != "unknown" or not u.suggestions:
        return None
    base = cat.hardware.get(u.suggestions[0].id)
    if base is None or base.kind != "gpu" or base.vendor == "other":
        return None
    lang = default_language()
    extra = set(key_tokens(u.text)) - set(key_tokens(base.name)) - lang.card_brand_words
    return base if extra and extra <= lang.card_variant_words else None


def _hardware_arg(q: Query, cat: Catalog) -> str | None:
    if q.hardware is None and q.vram_gb is not None and not q.mac:
        # an unknown variant of a known card, its memory said: that card with the memory said
        base = next((b for u in q.unsure if (b := variant_of(u, cat)) is not None), None)
        if base is not None:
            return base.id
    if q.hardware is not None:
        hw = cat.hardware.get(q.hardware.id)
        if (
            hw is not None
            and hw.kind == "cpu"
            and (q.ram_speed_mts or q.ram_channels or q.ram_generation)
        ):
            # a CPU-only system whose memory was said ("ddr5-6000", "quad channel", "ddr4")
            return with_memory(hw, cat, q.ram_speed_mts, q.ram_channels, q.ram_generation).id
        return q.hardware.id
    if (mac := _mac_of(q, cat)) is not None:
        return mac.id
    if q.stand_in in cat.hardware:
        # a phone or a NAS with no chip named: a chip such a machine has (nlq.choose._cpu_system)
        return q.stand_in
    cpu_only = q.vram_gb is None and (q.ram_gb is not None or _machine_unread(q) or _no_machine(q))
    if cpu_only and "cpu-ddr5-2ch" in cat.hardware:
        # only system RAM was named, a machine whose chips are unknown, or no machine at all for a
        # list of models ("what's the best NSFW model?"): a CPU-only system, said as assumed; a
        # server when no desktop board takes that much RAM ("kimi k2 on 1TB ram")
        server = cpu_server_for_ram(cat.hardware["cpu-ddr5-2ch"], q.ram_gb, cat)
        return server.id if server is not None else "cpu-ddr5-2ch"
    return None


def _mac_assumed(q: Query) -> Query:
    """ "Best model for Apple Silicon?": a Mac with no chip or memory said is answered as one with
    the memory Macs ship with (language.yaml mac_memory_assumed_gb), said as assumed."""
    if not q.mac_memory_assumed or q.vram_gb is not None:
        return q
    return q.model_copy(update={"mac": True, "vram_gb": default_language().mac_memory_assumed_gb})


def _no_machine_lead(q: Query) -> str:
    """What a list for no machine said starts with: the stand-in it was worked out on."""
    if q.mac_memory_assumed:
        return (
            f"No chip or memory was said, so this list is for a Mac with {q.vram_gb:g} GB"
            " (assumed, what Macs ship with): with more memory, bigger models fit; name the chip"
            " and its memory for yours. "
        )
    if not _no_machine(q):
        return ""
    return (
        "No machine was said, so this list is for a stand-in, a desktop CPU with no GPU"
        " (assumed): name your GPU and its VRAM, or your Mac, and your RAM for yours. "
    )


def _no_machine(q: Query) -> bool:
    """A list of models asked with nothing said of the machine: no device, memory, setup or
    unsure name (the stand-in CPU system runs it, said as assumed: _hardware_assumed)."""
    return (
        q.intent == "best_model_for_hw"
        and q.hardware is None
        and q.vram_gb is None
        and q.ram_gb is None
        and not q.cpu_only
        and not q.mac
        and q.stand_in is None
        and not q.setup
        and not any(u.kind == "hardware" for u in q.unsure)
    )


def _cards_unnamed(q: Query) -> list[Assumed]:
    """ "I have 2 gpus", "多机多卡": cards said without naming them. The list of setups that
    run the model stands for them, said as assumed (which cards they are decides the answer)."""
    if q.hardware is not None or q.setup or q.vram_gb is not None or q.ram_gb is not None:
        return []
    if not (q.gpus or q.cards_unsaid_count):
        # no machine at all ("best model =< 30B?"): the setups listed stand for it
        return [
            Assumed(
                what="hardware",
                value="none named",
                effect="the setups listed are the smallest that run it; name your GPU and its"
                " memory, or your Mac, to check yours",
            )
        ]
    many = f"{q.gpus} GPUs" if q.gpus and q.gpus > 1 else "the GPUs"
    return [
        Assumed(
            what="hardware",
            value=f"{many} not named",
            effect="the setups listed are the ones that run it; name your cards and their"
            " memory to check yours",
        )
    ]


def _cards_unnamed_lead(q: Query) -> str:
    """What a list of setups for unnamed cards starts with (_cards_unnamed)."""
    if not (q.gpus or q.cards_unsaid_count) or not _cards_unnamed(q):
        return ""
    which = f"Which {q.gpus} GPUs" if q.gpus and q.gpus > 1 else "Which GPUs"
    return f"{which} you have was not said (assumed: any that hold it): name them to check yours. "


def _machine_unread(q: Query) -> bool:
    """A machine named by its product line alone ("my ThinkPad T14 Gen 1 AMD"), no device or
    memory read: the answer runs on a stand-in CPU system with the default RAM, said as assumed."""
    return (
        q.hardware is None
        and q.vram_gb is None
        and not q.setup
        and any(u.kind == "hardware" and u.reason == "machine" for u in q.unsure)
    )


def _mac_of(q: Query, cat: Catalog) -> Hardware | None:
    """ "A 128gb mac": the newest Apple chip sold with that memory (the smallest of its year, as
    the parser reads a product line said with its memory), not a graphics card of that size."""
    if q.hardware is not None or not q.mac or q.vram_gb is None or len(q.setup) >= 2:
        return None
    gb = q.vram_gb
    sold = [h for h in cat.hardware.values() if h.kind == "apple" and h.sold_with(gb)]
    if not sold:
        return None
    newest = max(h.year or 0 for h in sold)
    return min((h for h in sold if (h.year or 0) == newest), key=lambda h: h.bandwidth_gbps)


# a KV cache type that holds this much more context is worth naming for a context question
MORE_CONTEXT = 1.15


def _longest_context(q: Query, r: Report, cat: Catalog) -> tuple[Report, tuple[int, str] | None]:
    """ "How much context can I get": the KV cache is the first lever for a long context, pulled
    in the order the recommendation pulls it (q8_0, near-lossless at half f16's memory, then
    q4_0, ~0.2% perplexity with llama.cpp's rotated cache), so the answer is the longest context
    a cache type holds at the same quant; the shorter figure of the cache it started from is
    returned to say beside it (context, cache type)."""
    asked = q.asks_context or q.asks_depth_speed
    if not asked or q.kv_type or q.context or len(q.setup) >= 2 or q.model is None:
        return r, None
    levers = (*KV_FIRST, *KV_LAST)
    if r.fit == "wont_fit" or r.kv_type not in levers:
        return r, None
    if not q.asks_context:
        levers = (r.kv_type,)  # "before it gets slow": the window the recommended cache holds
    window = cat.models[q.model.id].context if q.model.id in cat.models else None
    hw, setup = _hardware_arg(q, cat), _setup_kwargs(q, cat)

    def at(kv_type: str, **kw) -> Report:  # the same model, setup and quant, another cache
        kw = {**_engine_kwargs(q), "quant": r.quant, "kv_type": kv_type, **kw}
        return analyze(q.model.id, hw, catalog=cat, **setup, **kw)

    best, shorter = r, None
    for kv in levers[levers.index(r.kv_type) + 1 :]:
        if best.safe_context == window:
            break  # the whole window already fits
        alt = at(kv)
        more = alt.safe_context >= MORE_CONTEXT * best.safe_context or (
            alt.safe_context > best.safe_context and alt.safe_context == window
        )
        if alt.fit != "wont_fit" and more:
            shorter = (best.safe_context, best.kv_type)  # the cache one step closer to f16
            best = alt
    if best.safe_context > best.context:
        # the answer is that window: the card and its commands are for it (-c 40960), not for
        # the workload's default 8K the question did not ask about
        longest = at(best.kv_type, context=best.safe_context)
        # the longest window fills the memory by definition: a tight fit there is the answer
        if longest.fit == best.fit or (longest.fit, best.fit) == ("tight", "runs_well"):
            best = longest
    return best, shorter


# a window said as a launch setting well below the one that fits (this many times shorter) is
# what they run, not the answer: the answer runs the longer one
SETTING_RUNS_PAST = 1.5


def _past_their_setting(q: Query, r: Report, hw: Any, kw: dict, cat: Catalog) -> tuple[Report, str]:
    """A context said only as a launch setting ("num_ctx: 74047", "--max-model-len 4096",
    "context length is set to 32K") is what the asker runs, not a window they asked for: when the
    setup holds a much longer window at the same quant, KV cache type and placement (up to the
    model's own), the answer runs that one and says their setting is below it (a regular answers
    "you can give it 128K", not "74K fits")."""
    setting = q.context_setting and q.context is not None
    if not (setting or q.context_topic) or q.model is None or q.kv_type:
        return r, ""
    if setting and _speed_at_their_window(q):
        # "-c 65536 ... too slow", "-c 16384, I get 30 t/s": the speed at the window they run is
        # the point (a measured one was measured there); a longer window only answers a limit hit
        return r, ""
    model = cat.models.get(r.model.id)
    floor = q.context if setting else r.context
    if model is None or r.fit == "wont_fit" or r.context < floor:
        return r, ""
    best = None
    # the window a setting reaches: the model's own, or past it with the rope scaling its card
    # documents when the setting already runs past it ("Qwen 2.5 7B ... a context of more than
    # 71K" on a 32K-native model with YaRN x4: up to 128K, issue 8 item 5)
    reach = context_reach(model, q.context if setting else None)[0]
    if setting and not q.context_limit_hit:
        # a setting past the native window run by choice ("num_ctx 65536" on a 40K model) is what
        # the rope scaling is set for, no further: YaRN past it costs short prompts quality for
        # nothing asked (language.yaml context_limit_words)
        reach = min(reach, max(model.context, q.context))
    # the recommended cache, then q8_0 (near-lossless at half f16's memory), the first lever for
    # a long window: the longer of the two, q8_0 only when it holds clearly more
    for kv in (r.kv_type, *(("q8_0",) if r.kv_type == "f16" else ())):
        got = _longest_at(r, hw, kw, reach, kv, SETTING_RUNS_PAST * floor)
        if got is not None and (best is None or got.context >= MORE_CONTEXT * best.context):
            best = got
    if setting:
        best = _toward_their_model_window(q, r, best, hw, kw, reach)
    if best is None:
        return r, ""
    # the window kept is the longest at r's own fit label: said as "runs well" when that is the
    # label, since a longer one may still fit tight and the card line says "up to 50K fits"
    verb = ("run well", "runs well") if best.fit == "runs_well" else ("fit", "fits")
    if setting:
        note = (
            f"Your {q.context:,}-token setting is well below what this setup holds: "
            f"{best.context:,} tokens {verb[0]} here ({best.kv_type} KV cache), so the answer is"
            " for that. "
        )
    else:
        note = (
            f"The longest context that {verb[1]} here: {best.context:,} tokens"
            f" ({best.kv_type} KV cache). "
        )
    return best, note


def _speed_at_their_window(q: Query) -> bool:
    """The speed at the window the asker runs is what they ask about: one measured there, or one
    complained of or asked why it is slow."""
    return (
        q.reported_tok_s is not None
        or q.reported_prefill_tok_s is not None
        or q.complains_slow
        or q.asks_why_slow
    )


# Sizes this far apart in log (about 28%) are one step apart when the newer release closest in
# size is chosen; within a step the newest comes first (design choice: Gemma 3 12B and Gemma 4 12B
# are one size for Gemma 2 9B, 11.8 against 11.9, so the newer leads)
NEWER_SIZE_STEP = 0.25


@_cache_per_catalog
def _newer_by_model(cat: Catalog) -> dict[str, tuple[str, ...]]:
    """Catalog id -> its family's newer releases of its size class (advise._newer_releases): a
    text model's text releases before those that add vision (Qwen3 8B for Qwen2.5 7B, not Qwen3
    VL 8B), then the closest in effective size (Llama 3.1 8B for Llama 3 8B, not 3.2 11B Vision;
    Gemma 4 E4B's 7.5B holds 4.7B of compute, no match for Gemma 2 9B), the newest of equal size
    first: the models a window the old one lacks is answered with."""
    pool = [
        m for m in cat.models.values() if "uncensored" not in m.tags and m.pending_llama_cpp is None
    ]
    out = {}
    for m in pool:
        newer = sorted(_newer_releases(m, pool), key=lambda n: n.released or "", reverse=True)
        size = effective_size_b(m)
        newer.sort(
            key=lambda n: (
                "vision" in n.tags and "vision" not in m.tags,
                round(abs(math.log(effective_size_b(n) / size)) / NEWER_SIZE_STEP),
            )
        )
        if newer:
            out[m.id] = tuple(n.id for n in newer)
    return out


def _newer_release_holding(
    q: Query, r: Report, hw: Any, kw: dict, cat: Catalog
) -> tuple[Report | None, Report]:
    """ "Llama 3 8B at 64K": a window asked well past the named model's own (capped there, no
    rope scaling reaches it) is answered with the newest release of its family and size that
    holds the window natively (Llama 3.1 8B, 128K), the one a regular names; the named model's
    report stays beside it. (None, r) when there is none or it does not run here."""
    m = cat.models.get(r.model.id)
    if m is None or q.context is None or r.context * CAPPED_WELL_PAST >= q.context:
        return None, r
    for nid in _newer_by_model(cat).get(m.id, ()):
        n = cat.models[nid]
        if (n.context or 0) < q.context:
            continue
        try:
            alt = analyze(nid, hw, **kw)
        except EngineError:
            continue
        if alt.fit != "wont_fit" and alt.context >= q.context:
            return r, alt
    return None, r


def _newer_release_note(named: Report, alt: Report, q: Query) -> str:
    # the named model's own run is said here, not pointed at: a card shows one report
    speed = f", ~{approx_tok_s(named.decode_tok_s)} tok/s" if named.decode_tok_s else ""
    own = (
        f"{named.model.name} itself, at its own {named.context // 1024}K:"
        f" {named.fit_label.lower()} at {named.quant}{speed}"
    )
    return (
        f"{named.model.name}'s window is {named.context:,} tokens; {alt.model.name}, its newer"
        f" release, holds the {q.context:,} asked natively, so the answer is for it ({own}). "
    )


# a window hit is answered by pulling the next lever (q4_0 cache, then a smaller weight quant)
# while the cache they run holds less than this many times it (one doubling past the limit)
REACH_PAST_HIT = 2


def _toward_their_model_window(
    q: Query, r: Report, best: Report | None, hw: Any, kw: dict, window: int
) -> Report | None:
    """A window the asker hit, where the cache they would run still holds less than the model's
    own window (Qwen1.5-14B, no grouped-query attention, at 16K of its 32K on a 4090 with a q8_0
    cache): the next lever, in the order a regular pulls them (issue 8 item 5), is the KV cache
    type (q4_0, ~0.2% perplexity with llama.cpp's rotated cache) before a smaller weight quant,
    then the weight quant (the recommendation's at that window with the q4_0 cache), one doubling
    at a time: the report that reaches further at r's fit label and placement, else `best` as it
    was. `window`: the most the model reaches here (its own, or its rope-scaled one)."""
    cur = best or r
    reach = min(window, REACH_PAST_HIT * (q.context or 0))
    if cur.context >= reach:
        return best  # the whole window, or a doubling past the one they hit: no lever pulled
    floor = max(MORE_CONTEXT * cur.context, SETTING_RUNS_PAST * (q.context or 0))
    if cur.kv_type != "q4_0":
        got = _longest_at(r, hw, kw, window, "q4_0", floor)
        if got is not None:
            best = cur = got
    if cur.context >= reach or q.quant is not None:
        return best  # the weight quant they said is theirs to change
    target = min(window, 2 * cur.context)
    try:
        alt = analyze(r.model.id, hw, **{**kw, "context": target, "kv_type": "q4_0"})
    except EngineError:
        return best
    if alt.fit == r.fit and alt.placement.kind == r.placement.kind and alt.context >= floor:
        return alt
    return best


def _longest_at(
    r: Report, hw: Any, kw: dict, reach: int, kv: str, at_least: float
) -> Report | None:
    """The report at the longest window (at least `at_least`, up to `reach`, the model's own or
    its rope-scaled one) that keeps r's quant, fit label and placement with this KV cache type:
    the longest that fits, else the longest of the windows people set under it, a power of two or
    one and a half of one (48K, 96K: a window that fills the memory reads "tight" where a shorter
    one "runs well", and 48K is where 64K does not run well)."""
    args = {**kw, "quant": r.quant, "kv_type": kv}
    try:
        base = r if kv == r.kv_type else analyze(r.model.id, hw, **{**args, "context": r.context})
    except EngineError:
        return None
    window = min(base.safe_context, reach)
    steps = (
        3 << (k - 1) if half else 1 << k
        for k in range(window.bit_length(), 0, -1)
        for half in (1, 0)
    )
    tries = [window] + [w for w in steps if w < window]
    for ctx in tries:
        if ctx < at_least:
            return None
        try:
            got = analyze(r.model.id, hw, **{**args, "context": ctx})
        except EngineError:
            return None
        if got.fit == r.fit and got.placement.kind == r.placement.kind:
            return got
    return None


def _engine_kwargs(q: Query) -> dict:
    kw: dict[str, Any] = {}
    # "q2 to fit in vram or q4 with offload?": quants offered as alternatives are the question,
    # not a choice already made; the recommendation answers it
    if q.quant and len(set(q.quants)) <= 1 and not q.asks_quant:
        # "I get 7 t/s with Q4_K_XL, which quant should I use?": the one named is the one run,
        # the question is which to run (the measured speed is read against the one named)
        kw["quant"] = q.quant
    if q.context:
        kw["context"] = q.context
    if q.kv_type:
        kw["kv_type"] = q.kv_type
    if q.workload:
        kw["workload"] = q.workload
    if q.parallel:
        kw["parallel"] = q.parallel
    return kw


def _one_machine(q: Query, cat: Catalog) -> Query:
    """ "2x DGX Spark", "two Mac Studios": machines of one memory pool each, joined over a network
    with llama.cpp's RPC backend: the engine runs them as a cluster (cards.cluster_link), and a
    memory said for all of them ("4x Spark, 512GB total") is each one's share. Several CPU boxes
    or iGPU laptops are not what people join: the answer is for one of them, and says how
    several would be."""
    hw = cat.hardware.get(q.hardware.id) if q.hardware is not None else None
    if hw is None or hw.kind not in ("cpu", *SHARED_KINDS) or not q.gpus or q.gpus < 2:
        return q
    if hw.kind in CLUSTER_KINDS:
        biggest = max([hw.memory_gb, *hw.memory_options_gb])
        if q.vram_gb is not None and q.vram_gb > biggest and q.vram_gb / q.gpus <= biggest:
            return q.model_copy(update={"vram_gb": q.vram_gb / q.gpus})
        return q
    note = (
        f"{q.gpus}× {hw.name}: answered for one; llama.cpp can spread a model over several"
        " machines with its RPC backend (rpc-server), at the network's speed"
    )
    return q.model_copy(update={"gpus": None, "assumed": [*q.assumed, note]})


# servers of a baseboard module tried for a precision asked that one server does not hold ("how many
# A100 80G for DeepSeek V3 in FP8": two 8-GPU servers); design choice: up to four (32 GPUs), the
# most a tensor-parallel x pipeline-parallel deployment is sized as in the issue threads
MAX_SERVERS = 4


def _asked_precision(q: Query, r: Report) -> str | None:
    """The precision asked of a served model ("BF16 and FP8", "in FP8"): of the quants said, the
    one of fewest bits the model's table has a file of; None when none was said."""
    asked = {*q.quants, *([q.quant] if q.quant else [])}
    rows = [x for x in r.quants if x.quant in asked and x.available]
    return min(rows, key=lambda x: x.memory_gb).quant if rows else None


def _its_server(q: Query, r: Report, hw: str | None, kw: dict, cat: Catalog) -> Assumed | None:
    """A module sold only on a server baseboard (an H20, an A100 SXM: Hardware.server_gpus) named
    without a count: where one does not hold the model on its own memory, the question is about
    the server ("DeepSeek R1 in FP8 on H20 servers"), so the answer is for all its GPUs, said as
    assumed; None where one holds it, the server does not either, or the count was given. With a
    precision asked (_asked_precision) that one server does not hold, the answer is for the fewest
    servers that hold it at that precision (up to MAX_SERVERS): the count is what was asked, not
    a smaller quant on one server."""
    dev = cat.hardware.get(r.hardware.id)
    n = getattr(dev, "server_gpus", None)
    if n is None or q.gpus is not None or hw is None or r.hardware.count != 1:
        return None
    if r.fit != "wont_fit" and r.placement.kind in ("gpu", "multi_gpu"):
        return None
    asked = _asked_precision(q, r)
    for k in range(1, (MAX_SERVERS if asked else 1) + 1):
        try:
            on = analyze(
                r.model.id, hw, **{**kw, "gpus": k * n, **({"quant": asked} if asked else {})}
            )
        except EngineError:
            return None
        if on.fit != "wont_fit" and on.placement.kind in ("gpu", "multi_gpu"):
            break
    else:
        if not asked:
            return None
        return _its_server(q.model_copy(update={"quant": None, "quants": []}), r, hw, kw, cat)
    if k == 1:
        effect = (
            f"a server of {n}: the {dev.name} comes on {n}-GPU baseboards, not as one card, and"
            f" one ({dev.memory_gb:g} GB) does not hold the model; give the count to check yours"
        )
    else:
        effect = (
            f"{k} servers of {n}: the {dev.name} comes on {n}-GPU baseboards, and {asked} (as"
            f" asked) needs {k * n} of them, one server does not hold it; give the count to check"
            " yours"
        )
    return Assumed(what="gpus", value=str(k * n), effect=effect)


def _server_of(r: Report, cat: Catalog) -> int | None:
    """The GPUs of one baseboard of the report's card (Hardware.server_gpus)."""
    dev = cat.hardware.get(r.hardware.id)
    return getattr(dev, "server_gpus", None)


# several cards said without their count ("a multi GPU system of 8 GB cards"): the counts tried
# for the fewest that hold the model (design choice: up to one 8-GPU box)
MAX_UNSAID_CARDS = 8
FEWEST = "the fewest"  # how the assumption of that count starts (what _server_lead reads)


def _fewest_cards(q: Query, r: Report, hw: str | None, kw: dict) -> Assumed | None:
    """Several cards said without their count (Query.cards_unsaid_count): where one does not hold
    the model all on the GPU, the answer is for the fewest of them that do, said as assumed;
    None where one does, no count up to MAX_UNSAID_CARDS does, or the count was given."""
    if not q.cards_unsaid_count or q.gpus is not None or q.setup or r.hardware.count != 1:
        return None
    if r.fit != "wont_fit" and r.placement.kind in ("gpu", "multi_gpu"):
        return None
    for n in range(2, MAX_UNSAID_CARDS + 1):
        try:
            on = analyze(r.model.id, hw, **{**kw, "gpus": n})
        except EngineError:
            return None
        if on.fit != "wont_fit" and on.placement.kind in ("gpu", "multi_gpu"):
            return Assumed(
                what="gpus",
                value=str(n),
                effect=(
                    f"{FEWEST} of the {r.hardware.memory_gb:g} GB cards that hold it all on the"
                    " GPUs: how many cards was not said; give the count to check yours"
                ),
            )
    return None


def _server_lead(r: Report, server: Assumed | None, cat: Catalog) -> str:
    """ "Not on one H100 SXM (80 GB): ...": what the answer for its server starts with; for
    several cards of an unsaid count (_fewest_cards), "Not on one 8 GB card: ..."."""
    if server is not None and server.effect.startswith(FEWEST):
        return (
            f"Not on one {r.hardware.memory_gb:g} GB card: how many you have was not said, and"
            f" {server.value} of them is the fewest that hold it all on the GPUs (assumed). "
        )
    dev = cat.hardware.get(r.hardware.id)
    if server is None or dev is None:
        return ""
    n = dev.server_gpus or int(server.value)
    k = int(server.value) // n
    return f"Not on one {dev.name} ({dev.memory_gb:g} GB): it comes on {n}-GPU servers," + (
        " and the answer is for one of those (assumed). "
        if k <= 1
        else f" and the answer is for {k} of those, {server.value} GPUs (assumed). "
    )


def _mac_memory(q: Query, cat: Catalog) -> Query:
    """A Mac said by its platform with a memory no Mac is sold with ("macOS ... it uses 40GB",
    "oMLX ... ceiling is 60.00 GB"): a figure of use or a runtime's limit, not the machine's size,
    so the Mac is the smallest memory sold above it (48, 64 GB), said as assumed; without this the
    memory was read as a graphics card's and the model placed on a discrete GPU."""
    if q.hardware is not None or not q.mac or q.vram_gb is None or len(q.setup) >= 2:
        return q
    apple = [h for h in cat.hardware.values() if h.kind == "apple"]
    if any(h.sold_with(q.vram_gb) for h in apple):
        return q
    sizes = {s for h in apple for s in (h.memory_gb, *h.memory_options_gb)}
    bigger = sorted(s for s in sizes if s > q.vram_gb)
    if not bigger:
        return q
    note = (
        f"a Mac with {bigger[0]:g} GB of unified memory: no Mac is sold with {q.vram_gb:g} GB, so"
        " that figure is read as what the run used, on the smallest Mac above it"
    )
    return q.model_copy(update={"vram_gb": bigger[0], "assumed": [*q.assumed, note]})


def _answer(q: Query, cat: Catalog) -> Answer:
    q = _mac_memory(_one_machine(q, cat), cat)
    if q.intent == "help":
        return Answer(query=q, intent="help", message=HELP)
    if q.intent == "unclear":
        return (
            _family_on_setup(q, cat)
            or _model_on_cards(q, cat)
            or _read_as_held(q, cat)
            or _unclear(q)
        )
    if q.size_out_of_reach and q.intent == "best_model_for_hw":
        # "or even load the model (70b)": the size read is what the machine cannot load; the list
        # is the machine's best, not models of that size
        q = q.model_copy(
            update={"model_size_b": None, "model_size_to_b": None, "model_size_bound": None}
        )
    if q.model is None and q.model_size_b is not None and not q.options:
        # (an upgrade's machines are compared on the size said: fitengine/upgrades.py)
        # "any models bigger than 14b for coding?" with no machine: the models over the floor
        # that a stand-in runs, said as assumed, not the biggest the catalog holds (a 1 TB model)
        open_floor = (
            q.model_size_bound == "at_least" and q.model_size_to_b is None and _no_machine(q)
        )
        if not (q.model_size_bound and (_has_setup(q) or open_floor) and q.intent != "compare"):
            return _by_size(q, cat)
        # "best model over 100b for my 2x 3090": the machine's list, kept to that size
        q = q.model_copy(update={"intent": "best_model_for_hw"})
    if (
        q.model is None
        and q.model_size_b is None
        and q.model_file_gb is not None
        and not q.options
        and q.intent in ("best_model_for_hw", "fit")
        and _has_setup(q)
        and (by_file := _by_file(q, cat)) is not None
    ):
        return by_file
    q, newer_lead = _newer_releases_asked(q, cat)
    if q.intent == "fit":
        hw, kw = _machine_args(q, cat)
        r = best = analyze(q.model.id, hw, **kw)
        server = _its_server(q, r, hw, kw, cat) or _fewest_cards(q, r, hw, kw)
        if server is not None:
            q = q.model_copy(update={"gpus": int(server.value)})
            kw = {**kw, "gpus": q.gpus}
            if (asked := _asked_precision(q, r)) and server.value != str(_server_of(r, cat)):
                # the servers counted for the precision asked: the answer is at it
                q = q.model_copy(update={"quant": asked, "quants": [asked]})
                kw = {**kw, "quant": asked}
            r = best = analyze(q.model.id, hw, **kw)
        r, kv_asked = _kv_asked(q, r, hw, kw)
        if q.order == "fastest" and q.quant is None:
            # "how do I get it fast": the fastest of the good quants, not the best that is fast
            # enough
            r = at_fastest_good_quant(r, cat.models[r.model.id], hw, kw, cat)
        r = _memory_they_run_it_in(q, r, hw, kw, cat)
        r = _ram_it_needs(q, r, hw, kw, cat)
        r, quant_note = _quant_that_runs(q, r, hw, kw)
        if not quant_note:
            r, quant_note = _format_has_room(q, r, hw, kw, cat)
        spill_lead = ""
        if not quant_note:
            # said before the card line: the asked 16 bits do not fit, so the card is another's
            r, spill_lead = _sixteen_bits_spill(q, r, hw, kw)
        if not quant_note:
            r, quant_note = _all_on_gpu(q, r, hw, kw)
        if not quant_note and q.quant_format and r.quant == q.quant:
            # (the reading of their stack's format is what every figure stands on: said, as
            # _format_has_room says it where a better file takes its place)
            level = bit_level(r.quant)
            width = f"a {level}-bit format" if level else "a format"
            quant_note = f" {q.quant_format} is {width}, read as {r.quant} in GGUF terms."
        r, shorter = _longest_context(q, r, cat)
        r, setting_note = _past_their_setting(q, r, hw, kw, cat)
        named, newer = _newer_release_holding(q, r, hw, kw, cat)
        if named is not None:
            r, shorter, setting_note = newer, None, _newer_release_note(named, newer, q)
        r, window_note = _server_window(q, r, hw, kw, cat)
        r = _with_question_context(q, r, cat)
        if server is not None:
            r = r.model_copy(update={"assumed": [server, *r.assumed]})
        r = _with_depth_speeds(q, r, hw, kw)
        card_line = _fit_message(q, r, shorter, cat.models.get(r.model.id))
        msg = (
            _server_lead(r, server, cat)
            + setting_note
            + spill_lead
            + card_line
            + quant_note
            + window_note
            + _against_measured(q, r, cat, kw)
            + _against_wish(q, r)
            + _against_measured_prefill(q, r)
            + _n_cpu_moe_said(q, r, cat)
        )
        msg += _depth_speed_message(r, cat) if q.asks_depth_speed else _full_read_message(r)
        msg += _quants_asked(q, r) + kv_asked
        msg += _share_knob(r, cat) + _reserved_up_front(q)
        if not q.asks_backend:  # asked, it leads the answer (_with_asked)
            msg += _other_backend(r, hw, kw, cat, len(q.backends) >= 2, _of_ollama(q))
        msg += _card_count(q, r, hw, kw) or _one_card_alone(q, r, hw, kw, cat)
        msg += _offload_way(q, r, hw, kw, cat)
        if q.asks_spare_room:
            msg += _spare_room(r, cat)
        if q.order == "fastest" and r.quant != best.quant and best.decode_tok_s:
            msg += (
                f" {r.quant} is the fastest of the good quants here, as asked; the best quality"
                f" that runs well is {best.quant} (~{approx_tok_s(best.decode_tok_s)} tok/s)."
            )
        reports = [r] if named is None else [r, named]
        return Answer(query=q, intent="fit", reports=reports, message=msg, card_line=card_line)
    if q.intent == "best_model_for_hw":
        q = _mac_assumed(q)
        hw = _hardware_arg(q, cat)
        kw = _setup_kwargs(q, cat)
        # a mixed rig ("a 3060 and a 1080"): the list is for the cards together
        mixed = (
            tuple((s.id, s.gpus or 1, s.vram_gb) for s in q.setup) if len(q.setup) >= 2 else None
        )
        rs = best_models(
            hw,
            gpus=kw.get("gpus", 1),
            vram_gb=kw.get("vram_gb"),
            ram_gb=kw.get("ram_gb"),
            workload=q.workload,
            context=q.context,
            kv_type=q.kv_type,
            limit=10,
            task=q.task,
            tags=tuple(q.tags),
            order=q.order or "quality",
            host=kw.get("host"),
            setup=mixed,
            family=q.family,
            # "models that fit in 8 GB": each whole in the device's own memory (_list_bounds)
            own_memory=q.memory_bound,
            params_b=_size_range(q),
            min_tok_s=q.min_tok_s,
            parallel=q.parallel,
            catalog=cat,
        )
        rs = _at_their_windows(q, _with_ram_route(q, rs), hw, cat)
        return Answer(
            query=q,
            intent=q.intent,
            reports=rs,
            message=_no_machine_lead(q)
            + _best_models_message(q, rs, hw, cat)
            # a speed measured on the machine ("3060 here ... got up to 49t/s"), no model pinned:
            # set beside the list's estimates, as a family's is (a stand-in's are no yardstick);
            # measured with a model named ("40 tok/s with qwen3 32b"), it is that model's, no
            # yardstick for the others
            + (
                _measured_among(q, rs, cat, named=False)
                if hw is not None and q.model is None
                else ""
            ),
            assumed=_list_assumed(q, rs, cat),
        )
    if q.intent == "best_hw_for_model":
        rs = _hardware_for(q, q.model.id, cat)
        shown, over = q, ""
        if not rs and q.budget_usd is not None and not q.min_tok_s:
            # nothing within the budget runs it ("R1 at Q8 for less than RMB 40,000"): the
            # cheapest setups that do, cheapest first, said as over the budget (what running it
            # costs), not an empty answer
            shown = q.model_copy(update={"budget_usd": None, "hardware_order": "price"})
            rs = _hardware_for(shown, q.model.id, cat)
            if rs:
                over = (
                    f" None is within the ${q.budget_usd:,.0f} asked: no setup in the catalog"
                    " that runs it well costs that little."
                )
            elif q.hardware is None:
                return _within_budget_instead(q, cat)
            else:
                shown = q
            if rs and q.hardware is None:
                # and what the budget does buy: the best model that runs on its best buy
                bought = _what_the_budget_buys(q, cat)
                if bought is not None:
                    _, text, step = bought
                    rs[0] = rs[0].model_copy(update={"next_steps": [step, *rs[0].next_steps]})
                    over += " " + text
        if rs or not q.min_tok_s:
            return Answer(
                query=q,
                intent=q.intent,
                reports=rs,
                message=_cards_unnamed_lead(q)
                + _best_hw_message(shown, rs, cat)
                + _measured_among_hardware(q, rs)
                + over,
                assumed=_cards_unnamed(q),
            )
        # no setup reaches the speed wished for: said, with the ones that come closest (a
        # lower floor, step by step, down to none)
        for share in (*FLOOR_STEPS, 0.0):
            plain = q.model_copy(update={"min_tok_s": q.min_tok_s * share or None})
            rs = _hardware_for(plain, q.model.id, cat)
            if rs:
                break
        which = f"No count of {q.hardware.name}" if q.hardware else "No setup in the catalog"
        msg = f"{which} decodes it at {q.min_tok_s:g} tok/s for one user. "
        return Answer(
            query=q, intent=q.intent, reports=rs, message=msg + _best_hw_message(plain, rs, cat)
        )
    if q.intent == "best_hw":
        return _shopping(q, cat)
    if q.options:  # an upgrade's machines, or whole builds of mixed cards
        rs, msg = upgrades.answer_upgrade(q, cat, _engine_kwargs(q))
        return Answer(query=q, intent="compare", reports=rs, message=msg + _assumed(q))
    ans = _compare(q, cat)
    return ans.model_copy(update={"message": newer_lead + ans.message}) if newer_lead else ans


def _newer_releases_asked(q: Query, cat: Catalog) -> tuple[Query, str]:
    """ "Llama3 at 128K ... Llama2 had 4096" on a 3090 or a 4090, "gemma2-9b and llama3.1-8b up to
    128k": a window asked well past a named model's reach (its own, or rope-scaled) in a
    comparison is answered first with the newest release of its family and size that holds the
    window natively (Llama 3.1 8B), as a fit question already is (_newer_release_holding); the
    named models stay beside it, capped. The lead says so; (q, "") when none is added."""
    if q.intent != "compare" or q.context is None or q.model is None:
        return q, ""
    named = [r for r in (q.model, q.model_b, *q.more_models) if r is not None]
    added: list[ModelRef] = []
    said: list[str] = []
    for ref in named:
        m = cat.models.get(ref.id)
        reach = context_reach(m, q.context)[0] if m is not None else None
        if m is None or reach * CAPPED_WELL_PAST >= q.context:
            continue
        n = next(
            (
                cat.models[i]
                for i in _newer_by_model(cat).get(m.id, ())
                if cat.models[i].context >= q.context
            ),
            None,
        )
        if n is None or any(r.id == n.id for r in added):
            continue
        added.append(ModelRef(id=n.id, name=n.name, params_b=n.params_b))
        said.append(
            f"{m.name} is capped at its {reach:,}-token window, short of the {q.context:,} asked;"
            f" {n.name}, its newer release, holds it natively, so it comes first."
        )
    if not added:
        return q, ""
    # (one named already, "LLama8B" read as Llama 3.1 8B beside "Llama3": it comes first)
    kept = [*added, *(r for r in named if r.id not in {a.id for a in added})][:MAX_COMPARED]
    update: dict[str, Any] = {"model": kept[0], "model_b": kept[1], "more_models": kept[2:]}
    return q.model_copy(update=update), " ".join(said) + " "


def _shopping(q: Query, cat: Catalog) -> Answer:
    """ "Best gpu under $1000": the priced cards within the budget by the best model each runs
    (fitengine/shopping.py). Without a budget, the consumer cards at the steps up in price that
    each buy a better model, spread from the best down to the cheapest (what the money buys at
    each price, which is the answer's point), and the question back: what is the budget?
    "Cheapest": those steps from the cheapest up."""
    # no budget: consumer parts (a $8,565 workstation card is not what "the best gpu" asks)
    open_ended = q.budget_usd is None
    found = shopping.offers(
        budget=q.budget_usd,
        kind=q.hardware_kind,
        form=q.hardware_form,
        vendor=q.hardware_vendor,
        consumer_only=q.consumer_only or open_ended,
        workload=q.workload,
        context=q.context,
        task=q.task,
        tags=tuple(q.tags),
        machines=q.any_route,
        order="biggest" if q.order == "biggest" else "quality",
        among=tuple(q.shopping_among),
        macs=q.shopping_macs,
        catalog=cat,
    )
    if q.budget_usd is not None:
        picks = found[: shopping.SHOWN]
    elif q.hardware_order == "price":  # "cheapest gpu for local ai": the ladder from its foot
        picks = shopping.ladder(found, share=shopping.CHEAPEST_SHARE)[: shopping.SHOWN]
    else:  # "the best gpu": the best first, down the steps to the cheapest worth having
        picks = shopping.spread(shopping.ladder(found, top=True))[::-1]
    what = _shopping_what(q)
    if not picks:
        within = f" within ${q.budget_usd:,.0f}" if q.budget_usd is not None else ""
        msg = f"I know no {what}{within} with a catalogued price that runs a model usably."
        return Answer(query=q, intent="best_hw", message=msg)
    rows = "; ".join(_offer_line(o) for o in picks)
    by = "the biggest model" if q.order == "biggest" else "the best model"
    if q.budget_usd is not None:
        head = f"{what.capitalize()} within ${q.budget_usd:,.0f}, by {by} each runs"
    elif q.hardware_order == "price":
        head = f"The cheapest {what} for each better model, cheapest first"
    else:
        head = f"The best of the {what}, then down in price each that beats every cheaper one"
    rs = [o.report for o in picks]
    r0 = rs[0]
    msg = (
        f"{head} ({r0.workload}, {_ctx(r0.context)} context, at a usable speed): {rows}. "
        + _price_note(picks, q.any_route)
        + _ram_note(picks, q, cat)
        + (f" Tell me your budget for the best {what} within it." if q.budget_usd is None else "")
        + _assumed(q)
    )
    return Answer(
        query=q, intent="best_hw", reports=rs, message=msg, assumed=_list_assumed(q, rs, cat)
    )


def _within_budget_instead(q: Query, cat: Catalog) -> Answer:
    """ "I have $2000, can I run GLM-5 locally?": no setup within the budget runs the model, so
    the answer shows it on the best buy within the budget (the shopping list's first) and ends on
    what that buys instead, the best model it runs, as a won't-fit names the best model that
    runs."""
    msg = _best_hw_message(q, [], cat)
    bought = _what_the_budget_buys(q, cat)
    if bought is None:
        return Answer(query=q, intent=q.intent, message=msg)
    pick, text, step = bought
    try:  # the model named on that buy: what the budget does with it
        need = analyze(
            q.model.id, pick.hardware.id, gpus=pick.count, catalog=cat, **_engine_kwargs(q)
        )
    except EngineError:
        need = memory_needed(q.model.id, quant=q.quant, context=q.context, catalog=cat)
    need = need.model_copy(update={"next_steps": [step, *need.next_steps]})
    msg += " " + text + " " + _price_note([pick], True)
    # one report, the model asked on that buy (a hardware list's rows are all the model asked):
    # what the buy runs instead is its next step, with its command
    return Answer(query=q, intent=q.intent, reports=[need], message=msg.rstrip())


def _what_the_budget_buys(q: Query, cat: Catalog) -> tuple[shopping.Offer, str, NextStep] | None:
    """The budget's best buy (any machine, the asked workload's best models) and the best model
    it runs, said and as a next step."""
    found = shopping.offers(
        budget=q.budget_usd,
        consumer_only=q.consumer_only,
        workload=q.workload,
        context=q.context,
        task=q.task,
        tags=tuple(q.tags),
        machines=True,
        catalog=cat,
    )
    if not found:
        return None
    text = f"Within ${q.budget_usd:,.0f}, the best model that runs: {_offer_line(found[0])}."
    return found[0], text, _run_instead(found[0].report, text)


def _shopping_what(q: Query) -> str:
    if q.any_route:
        return "machines"
    if q.hardware_kind == "apple":
        return "Macs"
    if q.hardware_form == "laptop":
        return "laptops"
    return "cards" if q.hardware_kind in (None, "gpu") and q.hardware_form is None else "machines"


def _offer_line(o: shopping.Offer) -> str:
    r = o.report
    price = f"${o.price_usd:,.0f} {'used' if o.used else 'new'}"
    where = " with its experts in RAM" if r.placement.kind == "moe_offload" else ""
    name = f"{o.count}x {o.hardware.name}" if o.count > 1 else o.hardware.name
    return f"{name} ({o.memory_gb:g} GB, {price}): {r.model.name} {r.quant}{where}, {_speed(r)}"


def _ram_note(picks: list[shopping.Offer], q: Query, cat: Catalog) -> str:
    """The MoE with its experts in system RAM that any of the cards runs, said once, on the
    cheapest of them: the rows rank what each card holds itself."""
    cheapest = min(picks, key=lambda o: o.price_usd)
    r = shopping.ram_route(
        cheapest,
        workload=q.workload,
        context=q.context,
        task=q.task,
        tags=tuple(q.tags),
        catalog=cat,
    )
    if r is None:
        return ""
    return (
        f" With {DEFAULT_RAM_GIB:g} GB of system RAM any of them also runs {r.model.name} "
        f"{r.quant} with its experts in RAM ({_speed(r)} on the {cheapest.hardware.name}): "
        "a speed the RAM sets more than the card."
    )


def _price_note(picks: list[shopping.Offer], any_route: bool = False) -> str:
    """Where the prices come from, said aloud: they decide the list. Among every route, what a
    price buys: a card alone goes in a PC one has, a Mac or a unified-memory box is the whole
    computer."""
    dates = sorted({o.hardware.used_price_date for o in picks if o.used})
    used = f"; used: street prices as of {', '.join(dates)}" if dates else ""
    street = sorted(
        {
            o.hardware.street_price_date
            for o in picks
            if not o.used and o.price_usd == o.count * (o.hardware.street_price_usd or 0)
        }
    )
    new = "new = launch price (MSRP) as catalogued"
    if street:
        new += f", or the street price as of {', '.join(street)} where a card sells above it"
    whole = (
        " A card's price is the card alone (the PC it goes in is extra); a Mac's or a"
        " unified-memory box's is the whole computer."
        if any_route and any(o.hardware.kind == "gpu" for o in picks)
        else ""
    )
    return f"Prices: {new}{used}; today's prices vary.{whole}"


LISTED = 5  # models a list answer names in its message


def _with_ram_route(q: Query, rs: list[Report]) -> list[Report]:
    """ "4090 + 64GB DDR4, which model?": RAM said beside a card is part of the question, and what
    it buys is a bigger MoE with its experts in RAM. When the list's first LISTED all sit on the
    card, its best expert-offload pick takes the last of those places (the list's order is kept
    otherwise), so the answer names the route the RAM opens instead of five models that ignore
    it. A list whose RAM was assumed, or with nothing offloaded further down, is left as it is."""
    if q.ram_gb is None or len(rs) <= LISTED:
        return rs
    if any(r.placement.kind == "moe_offload" for r in rs[:LISTED]):
        return rs
    later = next((r for r in rs[LISTED:] if r.placement.kind == "moe_offload"), None)
    if later is None:
        return rs
    out = [r for r in rs if r is not later]
    out.insert(LISTED - 1, later)
    return out


def _at_their_windows(q: Query, rs: list[Report], hw: str | None, cat: Catalog) -> list[Report]:
    """ "Which model and how much context": the models named are shown at the longest window each
    holds here (up to its own), the answer to the second half of the question, instead of at the
    workload's usual one. A model that would no longer run there keeps its first report."""
    if not q.asks_context or q.context or len(q.setup) >= 2:
        return rs
    out = list(rs)
    for i, r in enumerate(rs[:LISTED]):
        window = min(r.safe_context, cat.models[r.model.id].context)
        if window <= r.context:
            continue
        kw = {**_engine_kwargs(q), "quant": r.quant, "kv_type": r.kv_type, "context": window}
        try:
            alt = analyze(r.model.id, hw, catalog=cat, **_setup_kwargs(q, cat), **kw)
        except EngineError:
            continue
        if alt.fit != "wont_fit" and alt.placement.kind == r.placement.kind:
            out[i] = alt
    return out


# the workload whose window a long input is sized for when no size is said (its min_context:
# "32K context leaves room for longer documents", catalog/workloads.yaml)
LONG_INPUT_WORKLOAD = "rag"


def _topic_window(q: Query, model_id: str, cat: Catalog) -> int | None:
    """The window a hardware list is sized for: the one said, else, when the window is the topic
    with no size said ("Gemma 3 12b uses 24 GB VRAM ??? | KV Cache Quantization", "pass large
    bodies of text"), a long document's (the rag workload's, up to the model's own), not the
    8K of chat."""
    if q.context is not None or not q.context_topic:
        return q.context
    model, work = cat.models.get(model_id), cat.workloads.get(LONG_INPUT_WORKLOAD)
    if model is None or work is None or work.min_context is None:
        return None
    return min(work.min_context, model.context)


def _hardware_for(q: Query, model_id: str, cat: Catalog) -> list[Report]:
    return best_hardware(
        model_id,
        quant=q.quant,
        context=_topic_window(q, model_id, cat),
        workload=q.workload,
        kv_type=q.kv_type,
        hardware=q.hardware.id if q.hardware else None,
        order="price" if q.hardware_order == "price" else "route",
        consumer_only=q.consumer_only,
        kind=q.hardware_kind,
        form=q.hardware_form,
        among=tuple(q.hardware_among),
        budget=q.budget_usd,
        vendor=q.hardware_vendor,
        min_tok_s=q.min_tok_s,
        catalog=cat,
    )


def _has_setup(q: Query) -> bool:
    return q.hardware is not None or q.vram_gb is not None or q.ram_gb is not None or q.cpu_only


def _size_range(q: Query) -> tuple[float, float] | None:
    # (with a model named, a size is a bound only on a list: "tried X ... any model under 30b")
    if q.model_size_b is None or (q.model is not None and q.intent != "best_model_for_hw"):
        return None
    return size_range(q.model_size_b, q.model_size_bound, q.model_size_to_b)


def _sized(q: Query) -> str:
    return size_words(
        q.model_size_b or 0, q.model_size_bound, q.model_size_active, q.model_size_to_b
    )


def _row_on_gpu(r: Report, quant: str | None) -> bool:
    """The quant table says this quant stays all on the GPU here."""
    row = _quant_row_of(r, quant)
    return row is not None and row.fit in ("runs_well", "tight")


# best hardware for a speed no setup reaches: the lower floors tried, as shares of it (design
# choice: how far below the wish an answer still names the closest setups)
FLOOR_STEPS = (0.75, 0.5, 0.25)
MAX_SIDE_BY_SIDE = 4  # reports in one comparison: a Discord card stays readable
MAX_OF_SIZE = 5  # models of the size asked ("a 14b model") answered side by side


def _by_file(q: Query, cat: Catalog) -> Answer | None:
    """ "Can 2x 24GB GPUs run a 40GB model?": a model given by its file size only, answered on a
    stand-in of that size (advise.model_of_file), said as such."""
    found = model_of_file(q.model_file_gb or 0, cat)
    if found is None:
        return None
    m, quant = found
    quant = q.quant or quant
    gb = file_size(m, cat.quants[quant])[0] / GB
    q2 = q.model_copy(
        update={
            "model": ModelRef(id=m.id, name=m.name, params_b=m.params_b),
            "quant": quant,
            "intent": "fit",
        }
    )
    ans = _answer(q2, cat)
    msg = (
        f"A {q.model_file_gb:g} GB model, taking {m.name} at {quant} (a {gb:.0f} GB file, dense:"
        " all of it read per token) as one of that size; the context's KV cache and the"
        " runtime's buffers come on top of the file: "
    )
    return ans.model_copy(update={"message": msg + ans.message})


def _by_size(q: Query, cat: Catalog) -> Answer:
    """ "a 14b model on my 3090": the real models of that size, on the setup when one is named."""
    size, sized = f"{q.model_size_b:g}B", _sized(q)
    # "for an 8B-class model", "for models up to 10B"
    one = sized if q.model_size_bound else f"{_a(q.model_size_b)} {size}-class model"
    if q.model_size_active:
        one = f"a MoE model with about {size} active"
    task = quality_task(q.workload, cat, q.task)
    models = models_of_size(
        q.model_size_b,
        cat,
        limit=MAX_OF_SIZE,
        bound=q.model_size_bound,
        task=task,
        active=q.model_size_active,
        to_b=q.model_size_to_b,
        quant=q.quant,
        # "what 100B models are interesting" on a machine: a class, today's models around it
        widen=q.intent == "best_model_for_hw"
        and (q.hardware is not None or q.vram_gb is not None or q.ram_gb is not None),
    )
    if not models:
        msg = f"I know no {one[2:] if q.model_size_active else sized[:-1]}. " + HELP
        return Answer(query=q, intent="unclear", message=msg)
    names = ", ".join(m.name for m in models)
    if q.intent == "compare" and (q.hardware_b is not None or q.more_hardware):
        # "4090 vs 5090 for 70b": the setups compared on the best current model of that size,
        # like with like, not one setup's list of models
        top = models[0]
        q2 = q.model_copy(
            update={"model": ModelRef(id=top.id, name=top.name, params_b=top.params_b)}
        )
        ans = _compare(q2, cat)
        also = ", ".join(m.name for m in models[1:]) or "none"
        msg = f"For {one} (taking {top.name}, the best current one; also: {also}): "
        return ans.model_copy(update={"query": q, "message": msg + ans.message})
    if q.intent == "best_hw_for_model" and q.hardware is None:
        # "cheapest gpu for a 7b model": the hardware for the best current model of that size
        top = models[0]
        rs = _hardware_for(q, top.id, cat)
        q2 = q.model_copy(
            update={"model": ModelRef(id=top.id, name=top.name, params_b=top.params_b)}
        )
        msg = (
            f"For {one} (taking {top.name}, the best current one; also: "
            f"{', '.join(m.name for m in models[1:]) or 'none'}): " + _best_hw_message(q2, rs, cat)
        )
        return Answer(
            query=q,
            intent=q.intent,
            reports=rs,
            message=_cards_unnamed_lead(q) + msg,
            assumed=_cards_unnamed(q),
        )
    if q.hardware is None and q.vram_gb is None and q.ram_gb is None:
        rs = [memory_needed(m.id, quant=q.quant, context=q.context, catalog=cat) for m in models]
        needs = ", ".join(f"{r.model.name} about {sold_gb(r.memory.total_gb):.0f} GB" for r in rs)
        msg = (
            f"{sized[0].upper() + sized[1:]}, best first: {needs} (at {rs[0].quant}, "
            f"{_ctx(rs[0].context)} context). Tell me your GPU or memory to see how they run."
        )
        # no machine said: the list is by the size alone, said as what the answer assumed
        none_said = Assumed(
            what="hardware",
            value="none said: each model with the memory it needs",
            effect="which of them runs, and how fast, depends on the GPU, Mac or RAM: name yours",
        )
        return Answer(
            query=q,
            intent=q.intent,
            reports=rs,
            message=msg,
            suggestions=[names],
            assumed=[none_said],
        )
    hw, kw = _machine_args(q, cat)  # "the 120b with say 3090 + 5090": on both cards
    rs = [analyze(m.id, hw, **kw) for m in models]
    # how each runs there first, then what it is worth there (quality at that quant and speed),
    # not the fastest first: a 2024 9B is quick, not the better answer
    # the one model whose name says the size ("65b": LLaMA 65B) first, as the one likely meant
    owner = (
        size_owner(q.model_size_b, cat)
        if not q.model_size_bound and not q.model_size_active
        else None
    )
    # ... or the models that file is of ("the unsloth 1.58 bit 671B": DeepSeek R1's UD-IQ1_S)
    filed = quant_first(models, q.quant, cat)
    rs.sort(
        key=lambda r: (
            r.model.id != owner,
            r.model.id not in filed,
            FIT_ORDER[r.fit],
            -worth_here(r, cat),
        )
    )
    where = _setup_name(rs, q.hardware.name if q.hardware else f"a {q.vram_gb or 0:g} GB GPU")
    parts = [_side_by_side(r) for r in rs]
    msg = f"{sized[0].upper() + sized[1:]} on {where}: " + "; ".join(parts) + "."
    # a quant asked that spills ("a 14B at Q6 on a 12 GB card"): the nearest one that does not
    spill = next(
        (
            r
            for r in rs
            if q.quant
            and r.placement.kind == "partial_offload"
            and r.next_steps
            and r.next_steps[0].kind in ("smaller_quant", "kv_type")
            and _row_on_gpu(r, r.next_steps[0].quant)
        ),
        None,
    )
    if spill is not None:
        step = spill.next_steps[0].text
        msg += f" {spill.model.name} at {spill.quant} spills; {step[0].lower()}{step[1:]}"
    if _none_usable(rs, cat) and (alt := _other_model(q, rs[0], cat)):
        # "a 70B with 16GB of RAM", "can my 8GB card run a 70B": none of that size runs, or only
        # at a crawl, so what does (with its command) is the answer's next step, as a named
        # model's won't-fit says it
        rs[0] = rs[0].model_copy(update={"next_steps": [alt, *rs[0].next_steps]})
        msg += " " + alt.text
    msg += _assumed(q)
    return Answer(query=q, intent=q.intent, reports=rs, message=msg)


MAX_FAMILY = 4  # members of an ambiguous family answered side by side on the setup


def _family_on_setup(q: Query, cat: Catalog) -> Answer | None:
    """ "Can my 3090 run qwen 3.6?": a name with a version that fits several sizes of one family
    equally, on a setup the question pins down, is answered for those models on that setup (each
    at what runs best there, the one worth most there first) instead of asking which one was
    meant; the person asking usually wants to know which of them to take. So is a name without a
    version that only a few models share ("gpt-oss"). A bare family name ("llama": years of
    releases) and anything else unclear still ask (None). One name said twice in two spellings
    ("Qwen3.8 ... Qwen 3.8", the same models offered) is one name."""
    unsure: dict = {}
    for u in q.unsure:
        unsure.setdefault(tuple(s.id for s in u.suggestions) or u.text, u)
    if (
        q.model is not None
        or len(unsure) != 1
        or any(u.kind != "model" or u.reason != "ambiguous" for u in unsure.values())
    ):
        return None
    hw = _hardware_arg(q, cat)
    if hw is None and q.vram_gb is None:
        return None
    (u,) = unsure.values()
    entries = [cat.models[s.id] for s in u.suggestions if s.id in cat.models]
    # a finetune (uncensored, abliterated) stands in for its base only when that was asked for
    plain = [m for m in entries if "uncensored" not in m.tags or "uncensored" in q.tags]
    if len(plain) < 2 or len({m.family for m in plain}) > 1:
        return None
    if not any(c.isdigit() for c in u.text) and (
        len(plain) > MAX_FAMILY or " " not in normalize(u.text)
    ):
        # "llama": years of releases, not a few sizes of one ("gpt-oss"); "GPT" or "OpenAI"
        # alone is a word in passing as often as a model asked about
        return None
    kw = {**_setup_kwargs(q, cat), **_engine_kwargs(q)}
    rs = [analyze(m.id, hw, catalog=cat, **kw) for m in plain]
    rs.sort(key=lambda r: (r.fit == "wont_fit", -worth_here(r, cat)))
    rs = rs[:MAX_FAMILY]
    where = _setup_name(rs, q.hardware.name if q.hardware else f"a {q.vram_gb or 0:g} GB GPU")
    parts = [_side_by_side(r) for r in rs]
    msg = f'"{u.text}" is several models; on {where}: ' + "; ".join(parts) + "."
    msg += _measured_among(q, rs, cat) + _assumed(q)
    return Answer(query=q, intent="compare", reports=rs, message=msg)


def _seen_said(seen: float, high: float) -> str:
    """A measured speed as said back: "12 tok/s", "11-12 tok/s", "18.4 tok/s" (to three digits,
    _figure_said); under a tenth of a token a
    second as the tokens of a minute ("4 tokens a minute", as "4 tokens per minute" was said)."""
    if high < 0.1:
        lo, hi = f"{seen * 60:.2g}", f"{high * 60:.2g}"
        return (f"{lo}-{hi}" if hi != lo else lo) + " tokens a minute"
    lo, hi = _figure_said(seen), _figure_said(high)
    return (f"{lo}-{hi}" if hi != lo else lo) + " tok/s"


def _figure_said(v: float) -> str:
    """A measured figure to three significant digits, as a regular says it back ("18.36" ->
    "18.4", "1.85", "350"), never in an exponent."""
    return f"{v:.0f}" if v >= 100 else f"{v:.3g}"


def _speed_seen(q: Query, rs: list[Report]) -> tuple[float, float, str, list[Report]] | None:
    """The speed the person reports (low, high, as said) and the reports that run, or None when
    either is missing: what both ways of setting a measured speed beside estimates start from."""
    seen = q.reported_tok_s
    running = [r for r in rs if r.decode_tok_s]
    if seen is None or not running:
        return None
    high = q.reported_tok_s_high or seen
    return seen, high, _runs_said(q, seen, high), running


def _runs_said(q: Query, seen: float, high: float) -> str:
    """Every run the asker measured, said back: the first with what it ran on, the others beside
    it ("7 tok/s with SYCL (and 20 tok/s with Vulkan)")."""
    return _seen_said(seen, high) + _run_how(q.reported_how) + _also_said(q)


def _also_said(q: Query) -> str:
    """The further runs measured in the text, said back beside the first, each with what it ran
    on when said ("35 tok/s (and 33 tok/s with LM Studio)", "(and 40 tok/s before)"): the asker
    sees every figure they gave read."""
    if not q.reported_also:
        return ""
    runs = [_seen_said(lo, hi) + _run_how(how) for lo, hi, how in q.reported_also]
    if all(how == "" for *_, how in q.reported_also):
        where = " in another run" if len(runs) == 1 else " in other runs"
        return f" (and {' and '.join(runs)}{where})"
    return f" (and {', '.join(runs)})"


def _run_how(how: str) -> str:
    """What a further run ran on, as said back: " with Vulkan", " before", "" (none said)."""
    if not how:
        return ""
    if how == "before":
        return " before"
    return f" with {BACKEND_NAMES.get(how, how)}"


def _decode_band(r: Report) -> Band:
    return r.decode_band or Band(low=r.decode_tok_s, high=r.decode_tok_s)


def _held_by_band(seen: float, said: str, running: list[Report], named: bool = True) -> str:
    """The first report whose decode band holds the speed seen, said as what it does here ("" for
    none); `named` False (a list's model was not named) makes it a yardstick, not a guess at the
    one run."""
    for r in running:
        if _against_band(seen, _decode_band(r)) == "within":
            which = ", most likely the one you run" if named else ""
            return (
                f" You see {said}: what {r.model.name} does here (~{approx_tok_s(r.decode_tok_s)}"
                f" tok/s at {r.quant}){which}."
            )
    return ""


def _measured_among(q: Query, rs: list[Report], cat: Catalog, named: bool = True) -> str:
    """ "gpt-oss on my 3090 gives 15 t/s, is that normal?": a speed measured on a family name
    set beside the estimate of each member that runs there: the one whose band holds it is most
    likely the one run; below them all, the usual causes for the slowest. A list of models on the
    machine (`named` False: no model was said) sets it beside them without that guess."""
    got = _speed_seen(q, rs)
    if got is None:
        return ""
    seen, _, said, running = got
    if held := _held_by_band(seen, said, running, named):
        return held
    slowest = min(running, key=lambda r: r.decode_tok_s)
    est = f"{slowest.model.name} ~{approx_tok_s(slowest.decode_tok_s)} tok/s at {slowest.quant}"
    if _against_band(seen, _decode_band(slowest)) == "below":
        causes = _slow_causes(slowest, cat, ollama=_of_ollama(q))
        why = (" Usual causes: " + "; ".join(causes) + ".") if causes else ""
        return f" You see {said}, below all of these (the slowest, {est}).{why}"
    return f" You see {said}, between these estimates (the slowest, {est})."


def _measured_beside(q: Query, rs: list[Report]) -> str:
    """ "Gemma4 12b generates slower than 26b ... eval rate: 18.36 tokens/s": a speed measured in
    a comparison of models on one machine, said back beside their estimates; which model it was
    is named only when one's band holds it (the text may give each its own figure)."""
    got = _speed_seen(q, rs)
    if got is None:
        return ""
    seen, _, said, running = got
    if held := _held_by_band(seen, said, running):
        return held
    est = ", ".join(
        f"{r.model.name} ~{approx_tok_s(r.decode_tok_s)} tok/s at {r.quant}" for r in running
    )
    return f" You see {said}; the estimates here: {est}."


def _measured_among_hardware(q: Query, rs: list[Report]) -> str:
    """ "Qwen3-Coder-Next: 23 t/s in llama.cpp, 7 in LM Studio" with no machine said: the speed
    measured set beside the setups listed, the one whose estimate is nearest (by ratio) named as
    the class of machine that speed belongs to; slower than every one of them, said so."""
    got = _speed_seen(q, rs)
    if got is None:
        return ""
    seen, high, said, running = got
    mid = (seen * high) ** 0.5
    near = min(running, key=lambda r: abs(math.log(r.decode_tok_s / mid)))
    est = f"{_hw(near)} ~{approx_tok_s(near.decode_tok_s)} tok/s at {near.quant}"
    if high < 0.5 * min(r.decode_tok_s for r in running):
        return (
            f" You see {said} on a machine not said: less than half of any setup here (the"
            f" slowest, {est}); say your GPU, its VRAM and your RAM to compare."
        )
    return f" You see {said} on a machine not said: nearest of these, {est}."


_SIZE_SAID = re.compile(r"(?<![a-z0-9.])(\d{1,4}(?:\.\d+)?)\s?b\b", re.I)


def _read_as_held(q: Query, cat: Catalog) -> Answer | None:
    """A regular never answers nothing: a model name not pinned to one entry ("llama-33B" of a
    release the catalog lacks, "крутую модель на 30b", "granite", two families at once) is read
    by what the question still holds, the reading said. With a size in the name (or the
    question): models of that size, on the machine when one is given; with no size but a
    machine: what runs best there. Anything else (no size, no machine; an unsure device) still
    asks (None)."""
    if q.model is not None or not q.unsure or any(u.kind != "model" for u in q.unsure):
        return None
    said = ", ".join(f'"{u.text}"' for u in q.unsure[:2])
    sizes = {float(m.group(1)) for u in q.unsure for m in _SIZE_SAID.finditer(u.text)}
    size = q.model_size_b or (sizes.pop() if len(sizes) == 1 else None)
    held = _has_setup(q) or bool(q.setup)
    base = {"unsure": [], "model_size_bound": None, "model_size_to_b": None}
    if size:
        note = f"I don't know the model {said}: read as a {size:g}B model"
        intent = "fit" if held else "best_hw_for_model"
        update = {**base, "model_size_b": size, "intent": intent}
    elif held:
        family = q.family or _one_family(q, cat)
        what = f"the best {family} models" if family else "what runs best"
        # "mistral small 5" is a release the catalog lacks, "llama" a family of many
        known = all(u.reason != "unknown" for u in q.unsure)
        head = f"{said} is not one model" if known else f"I don't know the model {said}"
        note = f"{head}: read as {what} on this machine"
        update = {**base, "intent": "best_model_for_hw", "family": family}
    else:
        return None
    a = _answer(q.model_copy(update={**update, "assumed": [*q.assumed, note]}), cat)
    if not a.reports:
        return None
    # the unsure names kept: said first (_with_stand_in_note), the Hub's repos offered for them
    return a.model_copy(update={"query": a.query.model_copy(update={"unsure": q.unsure})})


def _one_family(q: Query, cat: Catalog) -> str | None:
    """The one model family of the unsure names' nearest models that the words said name
    ("qwen-code-next": Qwen; "llama": Llama, not the models built on it), else None."""
    fams = {cat.models[s.id].family for u in q.unsure for s in u.suggestions if s.id in cat.models}
    # the family's own word said ("GPT J" is no gpt-oss, "Devstral" names no family word)
    fams &= {w for u in q.unsure for w in re.findall(r"[a-z0-9.]+", u.text.lower())}
    return fams.pop() if len(fams) == 1 else None


def read_as_held(a: Answer) -> bool:
    """An answer that read a name it could not pin down by what the question held (a size, a
    machine): the name is still unknown, so the Hub's repos for it are worth offering."""
    q = a.query
    return q is not None and q.model is None and any(u.kind == "model" for u in q.unsure)


def _model_on_cards(q: Query, cat: Catalog) -> Answer | None:
    """ "Can I run qwen3 32b on my rtx 6000?": a card name a few catalogued cards share, the model
    pinned down, is answered for that model on each of them (the name's cards in the parser's
    order) instead of only asking which card was meant; the answer still names them all. Anything
    else unclear, or a name shared by more cards than MAX_FAMILY, still asks (None)."""
    unsure = {u.text: u for u in q.unsure}
    if q.model is None or q.hardware is not None or len(unsure) != 1 or q.setup:
        return None
    (u,) = unsure.values()
    if u.kind != "hardware" or u.reason != "ambiguous":
        return None
    cards = [cat.hardware[s.id] for s in u.suggestions if s.id in cat.hardware]
    if not 2 <= len(cards) <= MAX_FAMILY or any(h.kind != "gpu" for h in cards):
        return None
    kw = {**_setup_kwargs(q, cat), **_engine_kwargs(q)}
    rs = [analyze(q.model.id, h.id, catalog=cat, **kw) for h in cards]
    parts = [f"{_hw(r)}: {_on_card(r)}" for r in rs]
    msg = (
        f'"{u.text}" is several cards; {q.model.name} on each: '
        + "; ".join(parts)
        + ". Say which one you have for its full answer."
        + _assumed(q)
    )
    return Answer(query=q, intent="compare", reports=rs, message=msg)


def _on_card(r: Report) -> str:
    """One card's part of a model's answer on several cards: how it runs, or what it needs."""
    if r.decode_tok_s is None:
        return f"won't fit (needs {sold_gb(r.memory.total_gb):.1f} GB at {r.quant})"
    return f"{r.fit_label.lower()}, {r.quant}, {_speed(r)}"


def _compare(q: Query, cat: Catalog) -> Answer:
    ekw = _engine_kwargs(q)
    models = [m for m in (q.model, q.model_b, *q.more_models) if m is not None]
    setups: list[tuple[str | None, str, int | None, float | None]] = []  # id, name, gpus, vram
    if q.hardware is not None or q.vram_gb is not None:
        setups.append(
            (
                _hardware_arg(q, cat),
                q.hardware.name if q.hardware else f"{_a(q.vram_gb)} {q.vram_gb:g} GB GPU",
                q.gpus,
                q.vram_gb,
            )
        )
    if q.hardware_b is not None:
        setups.append((q.hardware_b.id, q.hardware_b.name, q.gpus_b, q.vram_gb_b))
    setups.extend((s.id, s.name, s.gpus, s.vram_gb) for s in q.more_hardware)
    if len(models) >= 2 and len(setups) >= 2:
        return _compare_grid(q, cat, models, setups)
    if models and len(setups) >= 2:
        # one model on several setups
        shown, rest = setups[:MAX_SIDE_BY_SIDE], setups[MAX_SIDE_BY_SIDE:]
        sizes = len({s[0] for s in shown}) == 1  # one machine at two memory sizes
        rs = compare_setups(
            models[0].id,
            [(s[0], s[2], s[3]) for s in shown],
            ram_gb=q.ram_gb,
            catalog=cat,
            same_quant=not sizes,
            **ekw,
        )
        msg = _compare_message(rs, "hw", named_quant=q.quant is not None)
        msg += _window_note(q, rs, cat, _hw)
        if all(r.fit == "wont_fit" for r in rs):
            rs, instead = _what_runs_on_each(q, rs, cat)
            msg += instead
        if sizes:
            msg += _size_pick(rs)
        msg += _left_out([_label(s[1], s[2]) for s in rest], "four devices at a time")
        return Answer(query=q, intent="compare", reports=rs, message=msg + _assumed(q))
    if len(models) >= 2 and setups:
        shown_m, rest_m = models[:MAX_SIDE_BY_SIDE], models[MAX_SIDE_BY_SIDE:]
        hw_id = setups[0][0]
        kw = _setup_kwargs(q, cat)
        if q.quants_by_model and len(shown_m) == 2:
            # "27b at 4bit or 12b at fp16": each side at the quant said beside it
            rs = [
                analyze(
                    m.id, hw_id, catalog=cat, **kw, **{**ekw, **({"quant": qid} if qid else {})}
                )
                for m, qid in zip(shown_m, q.quants_by_model, strict=True)
            ]
        else:
            rs = compare_models(
                shown_m[0].id,
                shown_m[1].id,
                hw_id,
                more=tuple(m.id for m in shown_m[2:]),
                catalog=cat,
                **kw,
                **ekw,
            )
        left = [m.name for m in rest_m]
        msg = _compare_message(rs, "model") + _quality_verdict(rs, cat)
        msg += _measured_beside(q, rs)
        msg += _window_note(q, rs, cat, lambda r: r.model.name)
        bigger = _biggest_instead(q, rs, hw_id, kw, cat) or _better_for_the_work(
            q, rs, hw_id, kw, cat
        )
        if bigger and q.order == "biggest":
            # "how many parameters can run on 64GB? hopefully GLM-5.2 or Qwen3-MoE": the size
            # asked is answered too, when a model named does not fit
            msg += f" The biggest that run here: {_model_list(bigger)}."
            rs = [*rs, *bigger]
        elif bigger:
            msg += f" For {bigger[0].workload}, the best that runs here: {_model_list(bigger)}."
            rs = [*rs, *bigger]
        elif _none_usable(rs, cat):
            rs, instead = _what_runs_on_each(q, rs, cat)
            msg += instead
        msg += _left_out(left, "four models at a time")
        return Answer(query=q, intent="compare", reports=rs, message=msg + _assumed(q))
    if len(setups) >= 3:
        # "5090 vs 4090 vs used 3090?": every device named, not the first two
        return _setups_compared(q, cat, setups)
    if len(setups) >= 2:
        # two devices, no model: the best model each runs well, side by side, with the RAM said
        # (a laptop's card and its iGPU share it) and for the work said
        wish = {"ram_gb": q.ram_gb, "workload": q.workload, "task": q.task, "tags": tuple(q.tags)}
        a = best_models(
            q.hardware.id, gpus=q.gpus or 1, vram_gb=q.vram_gb, limit=3, catalog=cat, **wish
        )
        b = best_models(
            q.hardware_b.id, gpus=q.gpus_b or 1, vram_gb=q.vram_gb_b, limit=3, catalog=cat, **wish
        )
        # the verdict compares the two on a model the smaller holds on its GPU: read from the
        # lists for no work in particular (those for the work may hold only offloaded ones)
        va, vb = a, b
        if q.workload or q.task or q.tags:
            plain = {"ram_gb": q.ram_gb, "limit": 3, "catalog": cat}
            va = best_models(q.hardware.id, gpus=q.gpus or 1, vram_gb=q.vram_gb, **plain)
            vb = best_models(q.hardware_b.id, gpus=q.gpus_b or 1, vram_gb=q.vram_gb_b, **plain)
        verdict, pair = _setups_verdict(q, va, vb, cat)
        msg = (
            f"No model named, so here is what each runs well. {_setup_name(a, q.hardware.name)}: "
            f"{_model_list(a)}. {_setup_name(b, q.hardware_b.name)}: {_model_list(b)}."
            + _left_out([_label(s[1], s[2]) for s in setups[2:]], "two devices at a time here")
            + verdict
            + " Name a model (e.g. `3090 vs 4090 for qwen3 32b`) for a side-by-side card."
        )
        # the like-for-like pair the verdict reads (one model, one quant on both) comes first:
        # the side-by-side a comparison is, then what each runs well
        seen = {(r.model.id, r.hardware.id, r.quant) for r in pair}
        rest = [r for r in (*a, *b) if (r.model.id, r.hardware.id, r.quant) not in seen]
        return Answer(query=q, intent="compare", reports=[*pair, *rest], message=msg)
    # models, no hardware: what each needs, and which is the better model (what "A vs B" asks
    # first when no machine is said)
    shown_m = models[:MAX_SIDE_BY_SIDE]
    # "27b at 4bit or 12b at fp16": each at the quant said beside it, as on a named machine
    said = q.quants_by_model if q.quants_by_model and len(shown_m) == 2 else []
    rs = [
        memory_needed(m.id, quant=qid or q.quant, context=q.context, catalog=cat)
        for m, qid in zip(shown_m, said or [None] * len(shown_m), strict=True)
    ]
    quants = {r.quant for r in rs}
    needs = ", ".join(f"{r.model.name} about {sold_gb(r.memory.total_gb):.0f} GB" for r in rs)
    at = (
        f"at {rs[0].quant}"
        if len(quants) == 1
        else f"at {rs[0].quant} and {rs[1].quant} as asked"
        if said
        else "each at its reference quant"
    )
    msg = (
        f"No hardware named. {needs} ({at}, {_ctx(rs[0].context)} context)."
        + _quality_verdict(rs, cat)
        + _left_out([m.name for m in models[MAX_SIDE_BY_SIDE:]], "")
        + " Tell me your GPU or memory to compare their speed."
    )
    if q.reported_tok_s is not None:
        # a run measured on a machine not said: said back, what it turns on named
        said = _seen_said(q.reported_tok_s, q.reported_tok_s_high or q.reported_tok_s)
        msg += f" You see {said} on a machine not said: which of them that is depends on it."
    # (the machine is what their speeds turn on: said in the structured assumptions too)
    no_machine = Assumed(
        what="hardware",
        value="none named",
        effect="what each needs is said, not how fast each runs: name your GPU and its memory, "
        "or your Mac, to compare their speed there",
    )
    return Answer(query=q, intent="compare", reports=rs, message=msg, assumed=[no_machine])


# one setup's memory is "more" only past this share of the other's (24 vs 16 GB is; 24 vs 24.6 not)
MORE_MEMORY = 1.1
_ON_GPU = ("gpu", "multi_gpu", "unified")


def _setups_compared(q: Query, cat: Catalog, setups: list) -> Answer:
    """ "RTX 5090 vs RTX 4090 / used 3090?" (three devices or more, no model): what each runs
    well, and the verdict over all of them as over two: which has the most memory, and each
    one's speed on the best model the smallest holds on its GPU at one quant (like with like);
    past a readable card's MAX_SIDE_BY_SIDE the rest are said as left out."""
    shown, rest = setups[:MAX_SIDE_BY_SIDE], setups[MAX_SIDE_BY_SIDE:]
    wish = {"ram_gb": q.ram_gb, "workload": q.workload, "task": q.task, "tags": tuple(q.tags)}
    lists = [
        best_models(s[0], gpus=s[2] or 1, vram_gb=s[3], limit=2, catalog=cat, **wish) for s in shown
    ]
    said = " ".join(
        f"{_setup_name(rs, _label(s[1], s[2]))}: {_model_list(rs)}."
        for s, rs in zip(shown, lists, strict=True)
    )
    plain = lists
    if q.workload or q.task or q.tags:  # the verdict reads a list for no work in particular
        plain = [
            best_models(s[0], gpus=s[2] or 1, vram_gb=s[3], limit=3, ram_gb=q.ram_gb, catalog=cat)
            for s in shown
        ]
    verdict, pair = "", []
    if all(plain):
        usable = [_setup_usable(rs[0]) for rs in plain]
        small = plain[min(range(len(plain)), key=usable.__getitem__)]
        ref = next((r for r in small if r.placement.kind in _ON_GPU), None)
        ranked = sorted(range(len(usable)), key=usable.__getitem__, reverse=True)
        if usable[ranked[0]] >= MORE_MEMORY * usable[ranked[1]]:
            others = ", ".join(f"{usable[i]:.0f}" for i in ranked[1:])
            verdict += (
                f" {_label(shown[ranked[0]][1], shown[ranked[0]][2])} has the most memory"
                f" ({usable[ranked[0]]:.0f} GB"
                f" usable vs {others}): bigger models and longer contexts stay on its GPU."
            )
        if ref is not None:
            try:
                pair = compare_setups(
                    ref.model.id,
                    [(s[0], s[2], s[3]) for s in shown],
                    ram_gb=q.ram_gb,
                    quant=ref.quant,
                    catalog=cat,
                )
            except EngineError:
                pair = []
        if pair and all(r.decode_tok_s for r in pair):
            by_speed = sorted(pair, key=lambda r: -(r.decode_tok_s or 0))
            speeds = ", ".join(f"{_hw(r)} {_speed(r)}" for r in by_speed)
            verdict += f" On {ref.model.name} at {ref.quant}, which all hold: {speeds}."
    msg = (
        f"No model named, so here is what each runs well. {said}"
        + _left_out([_label(s[1], s[2]) for s in rest], "four devices at a time")
        + verdict
        + " Name a model (e.g. `3090 vs 4090 for qwen3 32b`) for a side-by-side card."
    )
    seen = {(r.model.id, r.hardware.id, r.quant) for r in pair}
    more = [r for rs in lists for r in rs if (r.model.id, r.hardware.id, r.quant) not in seen]
    return Answer(query=q, intent="compare", reports=[*pair, *more], message=msg + _assumed(q))


def _setups_verdict(
    q: Query, a: list[Report], b: list[Report], cat: Catalog
) -> tuple[str, list[Report]]:
    """ "3090 or 5060 Ti?": the two things that decide it, said as a verdict: how much memory
    each has (what stays on the GPU) and how fast each decodes a model both hold (the best one
    the smaller setup runs on its GPU, compared like with like), and that like-for-like pair
    (in the order the setups were said; none when there is no such model)."""
    if not a or not b:
        return "", []
    (small, mem_small), (big, mem_big) = sorted(
        ((rs, _setup_usable(rs[0])) for rs in (a, b)), key=lambda x: x[1]
    )
    ref = next((r for r in small if r.placement.kind in _ON_GPU), None)
    if ref is None:
        return "", []
    sides = [(q.hardware, q.gpus, q.vram_gb), (q.hardware_b, q.gpus_b, q.vram_gb_b)]
    if small is b:
        sides.reverse()
    (hs, gs, vs), (hb, gb, vb) = sides
    try:
        rs, rb = compare_hardware(
            ref.model.id,
            hs.id,
            hb.id,
            gpus_a=gs or 1,
            gpus_b=gb or 1,
            vram_a=vs,
            vram_b=vb,
            quant=ref.quant,
            catalog=cat,
        )
    except EngineError:
        return "", []
    pair = [rb, rs] if small is b else [rs, rb]
    holds = ""
    if mem_big >= MORE_MEMORY * mem_small:
        holds = (
            f" {_hw(big[0])} has more memory ({mem_big:.0f} vs {mem_small:.0f} GB usable):"
            " bigger models and longer contexts stay on its GPU."
        )
    if not (rs.decode_tok_s and rb.decode_tok_s) or rb.placement.kind not in _ON_GPU:
        return holds, pair
    fast, slow = (rb, rs) if rb.decode_tok_s >= rs.decode_tok_s else (rs, rb)
    ratio = fast.decode_tok_s / slow.decode_tok_s
    on = f"on {ref.model.name} at {ref.quant}, which both hold ({_speed(fast)} vs {_speed(slow)})"
    said = (
        f" About the same speed {on}."
        if ratio < FASTER
        else (f" {_hw(fast)} is about {ratio:.1f}× faster {on}.")
    )
    return holds + said + _prompt_reading(q, rs, rb, cat), pair


# a workload whose turn sends at least this many new tokens (catalog/workloads.yaml prompt_tokens:
# RAG 12,000, agentic 30,000) waits on prompt reading more than on decode: a comparison of two
# setups for it says how long each reads one turn's prompt (design choice)
PROMPT_HEAVY = 3000


def _prompt_reading(q: Query, ra: Report, rb: Report, cat: Catalog) -> str:
    """ "For agents and RAG, which?": each setup's time to read the workload's prompt on the model
    both hold, since that wait decides such work more than decode does."""
    wl = cat.workloads.get(q.workload) if q.workload else None
    if wl is None or wl.prompt_tokens < PROMPT_HEAVY or not (ra.prefill_tok_s and rb.prefill_tok_s):
        return ""
    fast, slow = (ra, rb) if ra.prefill_tok_s >= rb.prefill_tok_s else (rb, ra)
    n = wl.prompt_tokens
    return (
        f" For {wl.name.lower()}, prompt reading (prefill) decides: a {n:,}-token prompt reads in"
        f" ~{n / fast.prefill_tok_s:,.0f} s on {_hw(fast)} (~{fast.prefill_tok_s:,.0f} tok/s)"
        f" and ~{n / slow.prefill_tok_s:,.0f} s on {_hw(slow)} (~{slow.prefill_tok_s:,.0f})."
    )


def _compare_grid(q: Query, cat: Catalog, models, setups) -> Answer:
    """ "Llama 2 13B or Llama 3 8B, on a 3050 or a 4050 laptop": each model on each device, one
    device list per model, so neither the second model nor the second device is dropped; two
    models on as many devices as a readable card holds, the rest named as left out."""
    shown_m = models[:2]
    shown = setups[: MAX_SIDE_BY_SIDE // len(shown_m)]
    sizes = len({s[0] for s in shown}) == 1  # one machine at two memory sizes
    rs: list[Report] = []
    parts = []
    for m in shown_m:
        side = compare_setups(
            m.id,
            [(s[0], s[2], s[3]) for s in shown],
            ram_gb=q.ram_gb,
            catalog=cat,
            same_quant=not sizes,
            **_engine_kwargs(q),
        )
        parts.append(f"{m.name}: " + _compare_message(side, "hw", named_quant=q.quant is not None))
        rs.extend(side)
    firsts = [r for r in rs if r.hardware.id == rs[0].hardware.id][:2]
    msg = " ".join(parts) + _quality_verdict(firsts, cat)
    if _none_usable(rs, cat):
        rs, instead = _what_runs_on_each(q, rs, cat)
        msg += instead
    left = [m.name for m in models[2:]] + [_label(s[1], s[2]) for s in setups[len(shown) :]]
    msg += _left_out(left, "two models on two devices at a time")
    return Answer(query=q, intent="compare", reports=rs, message=msg + _assumed(q))


def _left_out(names: list[str], why: str) -> str:
    if not names:
        return ""
    why = f" ({why}; ask about them separately)" if why else ""
    return f" Left out: {', '.join(names)}{why}."


# --------------------------------------------------------------------------- messages


def _label(name: str, count: int | None) -> str:
    """A setup's name, the count first: "2× NVIDIA GeForce RTX 3090" (the one format of answers)."""
    return f"{count}× {name}" if count and count > 1 else name


def _hw(r: Report) -> str:
    parts = getattr(r.hardware, "parts", None)
    if parts:  # mixed cards: "NVIDIA GeForce RTX 4090 + 2× NVIDIA GeForce RTX 3090"
        name = " + ".join(_label(p.name, p.count) for p in parts)
        if r.hardware.host is not None:  # and the processor said beside them
            name += f" + {r.hardware.host.name}"
    else:
        name = _label(r.hardware.name, r.hardware.count)
    if r.placement.kind in ("moe_offload", "partial_offload") and r.hardware.ram_gb:
        # the RAM is part of the setup when the model needs it ("3090 + 192 GB RAM")
        ram = next((a for a in r.assumed if a.what == "ram"), None)
        said = ""
        if ram is not None:
            # the RAM the verdict turns on (_ram_it_needs): what it needs, and what does not do
            said = " (assumed" + (": " + ram.effect if ram.effect.startswith(_RAM_NEEDED) else "")
            said += ")"
        name += f" with {r.hardware.ram_gb:g} GB RAM{said}"
    return name


def _a(n: float) -> str:
    """The article a number takes when said aloud: "an 8 GB", "an 11 GB", "an 80 GB", "a 12 GB"."""
    whole = f"{n:g}".split(".")[0]  # "11.5" is said "eleven point five"
    return "an" if whole.startswith("8") or whole in ("11", "18") else "a"


def _understood(q: Query) -> str:
    parts = []
    if q.model:
        parts.append(q.model.name)
    if q.hardware:
        parts.append(_label(q.hardware.name, q.gpus))
    elif q.vram_gb:
        parts.append(f"{_a(q.vram_gb)} {q.vram_gb:g} GB GPU")
    if q.ram_gb:
        parts.append(f"{q.ram_gb:g} GB RAM")
    if q.quant:
        parts.append(q.quant)
    if q.context:
        parts.append(f"{_ctx(q.context)} context")
    return f"I understood: {', '.join(parts)}. " if parts else ""


# A computer named by its line ("my ThinkPad T14"): which of the chips it shipped with is unknown
MACHINE_ASK = (
    'I don\'t know which chips your "{name}" has (that line ships with several): tell me its '
    'graphics card and its memory, or its processor and RAM, as in "RTX 4060 laptop 8GB with '
    '32GB RAM" or "Ryzen 7 7840U with 32GB RAM".'
)


def _unclear(q: Query) -> Answer:
    msgs = []
    names: list[str] = []
    # "llama 5 400b on 4x3090": with the hardware pinned down, a name unsure both as a model and
    # as hardware is the model (an unknown release), not a second device
    model_texts = {u.text for u in q.unsure if u.kind == "model"}
    pinned = q.hardware is not None or bool(q.setup)
    for u in q.unsure:
        if pinned and u.kind == "hardware" and u.text in model_texts:
            continue
        choices = [s.name for s in u.suggestions[:5]]
        if u.reason == "machine":
            msgs.append(MACHINE_ASK.format(name=u.text))
        elif u.reason == "unknown" or not choices:
            near = f"; the nearest I know: {', '.join(choices)}" if choices else ""
            msgs.append(f'I don\'t know the {u.kind} "{u.text}"{near}.')
        else:
            msgs.append(f'Which {u.kind} do you mean by "{u.text}": {", ".join(choices)}?')
        names.extend(choices)
    text = _understood(q) + " ".join(msgs)
    if not q.unsure:
        text += HELP
    return Answer(query=q, intent="unclear", message=text.strip(), suggestions=names[:10])


def _ctx(n: int) -> str:
    if n >= 1024 and n % 1024 == 0:
        k = n // 1024
        return f"{k // 1024}M" if k >= 1024 and k % 1024 == 0 else f"{k}K"
    if n % 1000 == 0:
        return f"{n // 1000}K"
    return f"{round(n / 1024)}K" if n >= 1024 else str(n)


def _speed(r: Report) -> str:
    if r.decode_tok_s is None:
        return "no speed (it does not fit)"
    return f"~{approx_tok_s(r.decode_tok_s)} tok/s"


# Another backend of the device is worth naming when the estimate differs by this share in decode
# or prompt speed (about the spread between builds of one backend: design choice).
BACKEND_GAP = 1.15
# ... on the devices where people choose between them (AMD: ROCm or Vulkan; Intel: SYCL or
# Vulkan); on NVIDIA everyone runs CUDA (design choice)
BACKEND_CHOICE = ("rocm", "sycl")
# asked "rocm or vulkan?": within this ratio the two are called the same (the estimate's own
# spread between builds is wider: design choice)
BACKEND_SAME = 1.05


def _other_backend(
    r: Report, hw: str | None, kw: dict, cat: Catalog, asked: bool = False, ollama: bool = False
) -> str:
    """A device with two GPU backends (ROCm and Vulkan on Radeons and Strix Halo, SYCL and Vulkan
    on Arc): the other one's estimate beside the default's, when it differs enough to choose by,
    or always when the question named both ("rocm or vulkan?"), with which is faster at what;
    asked of Ollama, the other as Ollama's runner of it where it has one
    (language.yaml ollama_backend_runners)."""
    dev = cat.hardware.get(hw) if hw else None
    if dev is None or r.fit == "wont_fit" or "backend" in kw or not r.decode_tok_s:
        return ""
    gpu = [b for b in dev.backends if b != "cpu"]
    if len(gpu) < 2 or r.backend != gpu[0] or (r.backend not in BACKEND_CHOICE and not asked):
        return ""
    try:
        # the figures only: the other backend's table and grades are not shown
        alt = estimate(
            r.model.id, hw, **{**kw, "quant": r.quant, "kv_type": r.kv_type, "backend": gpu[1]}
        ).figures
    except EngineError:
        return ""
    if not alt.decode or not alt.prefill or not r.prefill_tok_s:
        return ""
    dec, pp = alt.decode / r.decode_tok_s, alt.prefill / r.prefill_tok_s
    if max(dec, pp, 1 / dec, 1 / pp) < BACKEND_GAP and not asked:
        return ""
    a, b = BACKEND_NAMES.get(gpu[1], gpu[1]), BACKEND_NAMES.get(r.backend, r.backend)
    runner = default_language().ollama_backend_runners.get(gpu[1]) if ollama else None
    s = (
        f" On {a} ({runner or 'another llama.cpp build'}): ~{approx_tok_s(alt.decode)} tok/s"
        f" decode and ~{alt.prefill:,.0f} tok/s prompt, against {b}'s ~{approx_tok_s(r.decode_tok_s)}"
        f" and ~{r.prefill_tok_s:,.0f}."
    )
    if not asked:
        return s
    wins: dict[str, list[str]] = {}
    for x, what in ((dec, "decodes"), (pp, "reads prompts")):
        if max(x, 1 / x) >= BACKEND_SAME:
            wins.setdefault(a if x > 1 else b, []).append(what)
    if len(wins) == 1:
        # one build wins both: said once ("SYCL decodes and reads prompts faster")
        ((who, whats),) = wins.items()
        return s + f" {who} {' and '.join(whats)} faster."
    faster = [f"{who} {what} faster" for who, whats in wins.items() for what in whats]
    return s + (f" {' and '.join(faster)}." if faster else " About the same either way.")


def _with_asked(a: Answer, cat: Catalog) -> Answer:
    """A question whose ask is not "does it fit" ("which backend?", "why does it slow down?",
    "...so it is slower, yeah?"): that ask answered first, from the engine's figures, and the
    card after it."""
    q = a.query
    # "how much context before it gets slow": the speed by depth is that answer already
    why_slow = q.asks_why_slow and not q.asks_depth_speed
    if not (q.asks_backend or why_slow or q.asks_expected) or a.intent in ("help", "unclear"):
        return a
    leads, assumed = [], list(a.assumed)
    if q.asks_backend:
        leads.append(_backend_lead(q, a, cat))
    if why_slow:
        lead, more = _why_slow_lead(q, a, cat)
        leads.append(lead)
        assumed += more
    if q.asks_expected or (why_slow and not leads[-1]):
        leads.append(_bandwidth_lead(q, a, cat) or _bytes_lead(q, a, cat))
    lead = " ".join(x for x in leads if x)
    if not lead:
        return a
    return a.model_copy(update={"message": f"{lead} {a.message}", "assumed": assumed})


def _asked_device(q: Query, a: Answer, cat: Catalog) -> Hardware | None:
    """The one device the answer is about: the one named, else its reports' one."""
    if q.hardware is not None and q.hardware_b is None and not q.more_hardware:
        return cat.hardware.get(q.hardware.id)
    ids = {r.hardware.id for r in a.reports}
    return cat.hardware.get(ids.pop()) if len(ids) == 1 else None


def _backend_lead(q: Query, a: Answer, cat: Catalog) -> str:
    """ "Which backend?", "does it support the RX 9070 XT?": the llama.cpp builds that run on the
    device (catalog backends, the default first), and on a device with two, what each does on the
    answer's first model."""
    dev = _asked_device(q, a, cat)
    if dev is None:
        return ""
    gpu = [BACKEND_NAMES.get(b, b) for b in dev.backends if b != "cpu"]
    if not gpu:
        return f"Backend: llama.cpp runs on the {dev.name} with its CPU build."
    if len(gpu) == 1:
        return (
            f"Backend: llama.cpp supports the {dev.name} with its {gpu[0]} build; that is enough."
        )
    s = (
        f"Backends: llama.cpp supports the {dev.name} with its {' and '.join(gpu)} builds "
        f"({gpu[0]} is the usual one)."
    )
    r = a.reports[0] if a.reports else None
    if r is None or r.hardware.id != dev.id or r.fit == "wont_fit":
        return s
    kw = {"catalog": cat, **_setup_kwargs(q, cat), **_engine_kwargs(q)}
    kw.pop("backend", None)
    if r.hardware.count > 1:
        kw["gpus"] = r.hardware.count
    both = _other_backend(r, dev.id, kw, cat, asked=True, ollama=_of_ollama(q))
    # "Qwen3 32B at Q4_K_S on Vulkan (another llama.cpp build): ~34 tok/s ...", one sentence
    return s + (f" {r.model.name} at {r.quant} on{both.removeprefix(' On')}" if both else "")


def _why_slow_lead(q: Query, a: Answer, cat: Catalog) -> tuple[str, list[Assumed]]:
    """ "Why does it slow down?": where the time goes on this setup, from the report (layers or
    experts in system RAM, the KV cache read at each token as the window fills), or, with no
    device named, how the model's KV cache grows with the window and what that does once it
    outgrows the GPU, with the device asked for."""
    r = a.reports[0] if a.reports and q.model is not None else None
    if r is not None and _has_setup(q):
        parts = []
        if r.placement.kind in ("partial_offload", "moe_offload", "cpu"):
            ram = r.placement.ram_needed_gb or 0.0
            where = f"{ram:.1f} GB of it is" if ram else "part of it is"
            parts.append(
                f"{where} read from system RAM every token, at the RAM's bandwidth, not the GPU's"
            )
        if r.decode_full_tok_s and r.decode_tok_s and r.decode_full_tok_s < 0.9 * r.decode_tok_s:
            parts.append(
                f"each token also reads the whole KV cache ({r.memory.kv_cache_gb:.1f} GB at "
                f"{_ctx(r.context)}): decode falls from ~{approx_tok_s(r.decode_tok_s)} tok/s at "
                f"the start to ~{approx_tok_s(r.decode_full_tok_s)} with the window full"
            )
        if parts:
            return "Why: " + "; ".join(parts) + ".", []
        if r.fit == "wont_fit" or not (r.decode_tok_s and r.decode_full_tok_s):
            return "", []
        # nothing spills and the cache costs little here, so a slowdown the person sees comes
        # from what the estimate cannot see: say so, with the checks that find it
        used, usable = _memory_use(r)
        return (
            f"Why: as estimated, nothing here spills at {_ctx(r.context)} (weights and cache take "
            f"{used:.1f} of {usable:.1f} GB) and the cache slows decode only from "
            f"~{approx_tok_s(r.decode_tok_s)} to ~{approx_tok_s(r.decode_full_tok_s)} tok/s with "
            "the window full. A bigger drop comes from what this cannot see: the runtime putting "
            "layers in system RAM (Ollama re-splits them when num_ctx grows: `ollama ps` shows the "
            "CPU/GPU split; llama.cpp's load log says how many layers are offloaded), the Windows "
            "driver's system-memory fallback once VRAM is full, flash attention off, or another "
            "program holding VRAM.",
            [],
        )
    if q.model is None or q.model.id not in cat.models:
        return "", []
    m = cat.models[q.model.id]
    small = min(q.context or 16384, m.context)
    big = min(small * 4, m.context)
    if big <= small:
        return "", []
    at = [memory_needed(m.id, quant=q.quant, context=c, catalog=cat).memory for c in (small, big)]
    lead = (
        f"Why: the KV cache grows with the window: {m.name} needs ~{at[0].total_gb:.0f} GB at "
        f"{_ctx(small)} and ~{at[1].total_gb:.0f} GB at {_ctx(big)} with an f16 cache (KV cache "
        f"{at[0].kv_cache_gb:.1f} -> {at[1].kv_cache_gb:.1f} GB). Once weights and cache outgrow "
        "the GPU, llama.cpp and Ollama (whose num_ctx sets the window) keep layers in system RAM, "
        "and decode falls to the RAM's speed: keep the window within what the GPU holds, or a "
        "q8_0 KV cache (with flash attention) halves the cache."
    )
    assumed = Assumed(
        what="hardware",
        value="none named",
        effect="name the GPU (and its memory) for the window it holds before it spills",
    )
    return lead, [assumed]


def _bandwidth_lead(q: Query, a: Answer, cat: Catalog) -> str:
    """ "X has fewer cores, so it is slower, yeah?": decode reads every active weight once a
    token, so memory bandwidth decides it, and compute decides prompt reading; the two devices'
    catalogued figures side by side."""
    if q.hardware is None or q.hardware_b is None:
        return ""
    x, y = cat.hardware.get(q.hardware.id), cat.hardware.get(q.hardware_b.id)
    if x is None or y is None or not x.bandwidth_gbps or not y.bandwidth_gbps:
        return ""
    fast, slow = (x, y) if x.bandwidth_gbps >= y.bandwidth_gbps else (y, x)
    ratio = fast.bandwidth_gbps / slow.bandwidth_gbps
    s = (
        "Decode reads every active weight once a token, so memory bandwidth decides it, not core "
        f"counts or clocks: the {fast.name} has {fast.bandwidth_gbps:g} GB/s against "
        f"{slow.bandwidth_gbps:g} GB/s ({ratio:.2f}x)"
    )
    if x.fp16_tflops and y.fp16_tflops:
        # in the bandwidths' order, so each figure reads as the same card's
        s += (
            f"; prompt reading is compute-bound ({fast.fp16_tflops:g} vs {slow.fp16_tflops:g} "
            "FP16 TFLOPS)"
        )
    # the card's estimate may part from the bandwidths' ratio ("1.05x" beside "1.4x faster"):
    # say why, or the two read as a contradiction
    by_id = {r.hardware.id: r for r in a.reports if r.decode_tok_s and r.hardware.count == 1}
    rf, rs = by_id.get(fast.id), by_id.get(slow.id)
    if rf is not None and rs is not None and rf.model.id == rs.model.id:
        est = rf.decode_tok_s / rs.decode_tok_s
        if est >= 1.2 * ratio or est <= ratio / 1.2:
            s += (
                f". The estimate on {rf.model.name} ({approx_tok_s(rf.decode_tok_s)} vs "
                f"{approx_tok_s(rs.decode_tok_s)} tok/s) parts from that ratio because each "
                f"build ({BACKEND_NAMES.get(rf.backend, rf.backend)} on the {fast.name}, "
                f"{BACKEND_NAMES.get(rs.backend, rs.backend)} on the {slow.name}) reaches a "
                "different share of its bandwidth in measured runs"
            )
    return s + "."


def _bytes_lead(q: Query, a: Answer, cat: Catalog) -> str:
    """ "Is 3 tok/s what I can expect?" on one device: decode reads the active weights once a token
    from the memory that holds them, so the device's bandwidth over those bytes is the ceiling;
    the report's speed beside it."""
    r = a.reports[0] if a.reports else None
    dev = cat.hardware.get(r.hardware.id) if r is not None else None
    if r is None or dev is None or not r.decode_tok_s or not dev.bandwidth_gbps:
        return ""
    if dev.id.startswith("generic"):
        return ""  # a stand-in for a device not named: its bandwidth is no reason
    if r.placement.kind not in ("gpu", "multi_gpu", "unified", "cpu"):
        return ""  # part of it in system RAM: the why-slow lead says so
    model = cat.models.get(r.model.id)
    if model is None:
        return ""
    # the engine's own count: a MoE's shared tensors plus the experts picked, without the lookup
    # tables (token and per-layer embeddings) a token reads one row of
    per_token = active_bytes(model, r.memory.weights_gb * GB, bulk_bpp(model, cat)) / GB
    if per_token <= 0:
        return ""
    # on a CPU the threads share that bandwidth: a few already fill it
    where = "memory" if dev.kind != "cpu" else "RAM, however many threads read it"
    return (
        f"Decode reads the active weights once a token, ~{per_token:.1f} GB ({r.model.name} at "
        f"{r.quant}), from the {dev.name}'s {dev.bandwidth_gbps:g} GB/s {where}: at most "
        f"~{approx_tok_s(dev.bandwidth_gbps / per_token)} tok/s, "
        f"~{approx_tok_s(r.decode_tok_s)} in practice."
    )


def _on_one_card(r: Report, hw: str, kw: dict):
    """The estimate on one of the rig's cards at the report's quant, cache and window (None where
    the engine cannot make one)."""
    same = {**kw, "gpus": 1, "quant": r.quant, "kv_type": r.kv_type, "context": r.context}
    try:
        return estimate(r.model.id, hw, **same)
    except EngineError:
        return None


def _card_count(q: Query, r: Report, hw: str | None, kw: dict) -> str:
    """ "One card or both?": what one of the cards does alone at the same quant, cache and window
    beside the split over all of them, and so which the answer is and why."""
    if not q.asks_card_count or hw is None or r.hardware.count < 2 or r.fit == "wont_fit":
        return ""
    one = _on_one_card(r, hw, kw)
    if one is None:
        return ""
    n, at = r.hardware.count, f"{r.quant} at {_ctx(r.context)}"
    every = "both" if n == 2 else f"all {n}"
    split = f"on {every} it is ~{approx_tok_s(r.decode_tok_s)} tok/s" if r.decode_tok_s else ""
    if one.run.fit != "wont_fit" and one.run.placement.fits_gpu and one.figures.decode:
        alone = f"~{approx_tok_s(one.figures.decode)} tok/s"
        return (
            f" One card is enough: {at} fits on one ({alone}), which leaves the other free;"
            f" {split}, with more room for context."
        )
    if one.run.fit == "wont_fit" or not one.figures.decode:
        why = "does not fit one card"
    else:
        why = (
            "on one card needs part of it in system RAM"
            f" (~{approx_tok_s(one.figures.decode)} tok/s)"
        )
    return f" Use {every}: {at} {why}; {split}, all on the GPUs."


def _server_window(
    q: Query, r: Report, hw: str | None, kw: dict, cat: Catalog
) -> tuple[Report, str]:
    """A question that runs vLLM or SGLang with no window said: those serve the model's own window
    when none is set (catalog/multi_gpu.yaml default_window_model), not a 32K chat window. Where
    that window fits, the answer is at it (the same quant and cache); where it does not, the
    answer says so and which window does (the flag the server takes), as the server's own start
    check would."""
    route = _server_route(q, cat)
    rules = multi_gpu(cat).serving_tp
    m = cat.models.get(r.model.id)
    if (
        route is None
        or rules is None
        or not rules.default_window_model
        or q.context is not None
        or m is None
        or r.fit == "wont_fit"
        or r.placement.kind not in ("gpu", "multi_gpu", "unified")
        or m.context <= r.context
    ):
        return r, ""
    native = m.context
    if r.safe_context >= native:
        same = {**kw, "quant": r.quant, "kv_type": r.kv_type, "context": native}
        try:
            at = analyze(r.model.id, hw, **same)
        except EngineError:
            return r, ""
        if at.fit != "wont_fit" and at.placement.kind in ("gpu", "multi_gpu", "unified"):
            return at, (
                f" {route.name} serves the model's own {_ctx(native)} window when {route.context}"
                f" is not set, and it fits here: the answer is at it."
            )
        return r, ""
    return r, (
        f" {route.name} serves the model's own {_ctx(native)} window when {route.context} is not"
        f" set, and that does not fit here: start it with {route.context} {r.safe_context}"
        f" (the longest that fits at {r.quant} with a {r.kv_type} cache)."
    )


def _one_card_alone(q: Query, r: Report, hw: str | None, kw: dict, cat: Catalog) -> str:
    """Several cards of one kind and a model one of them holds: the answer is llama.cpp's default
    split over all of them (--split-mode layer, docs/multi-gpu.md), whose window is the sum's; one
    card alone runs the same quant, cache and window a hop faster and leaves the others free
    (`-dev CUDA0`), said beside it with its speed and the window it holds. Not for a server's
    cards (tensor parallel over all of them) or a server named."""
    n = r.hardware.count
    if (
        hw is None
        or n < 2
        or r.fit == "wont_fit"
        or r.placement.kind != "multi_gpu"
        or not r.decode_tok_s
        or q.stack_8bit is not None
        or hw not in cat.hardware
        or served(cat, cat.hardware[hw])
    ):
        return ""
    one = _on_one_card(r, hw, kw)
    if one is None:
        return ""
    fig = one.figures
    if one.run.fit == "wont_fit" or not one.run.placement.fits_gpu or not fig.decode:
        return ""
    if fig.decode < r.decode_tok_s:
        return ""
    prefix = multi_gpu(cat).device_names.get(r.backend)
    dev = f"; llama-server -dev {prefix}0" if prefix else ""
    others = "the other" if n == 2 else f"the other {n - 1}"
    reach = f", up to {_ctx(fig.safe)} context" if fig.safe >= r.context else ""
    every = "both" if n == 2 else f"all {n}"
    longer = (
        f"; the split over {every} is what holds the {_ctx(r.safe_context)} window"
        if r.safe_context > fig.safe
        else ""
    )
    return (
        f" One {cat.hardware[hw].name} alone also runs {r.quant} at {_ctx(r.context)}"
        f" (~{approx_tok_s(fig.decode)} tok/s{reach}{dev}), leaving {others} free{longer}."
    )


def _against_band(seen: float, band: Band) -> str:
    """Where a measured speed falls against the estimate's band: "below", "above" or "within".
    The band already holds the spread between builds and runs (Report.decode_band), so a speed
    outside it, as the answer prints it ("likely 35-52"), is off: no slack on top of it (30 tok/s
    beside a 35-52 band was "what this model does here")."""
    if seen < min(band.low, round(band.low)):
        return "below"
    return "above" if seen > max(band.high, round(band.high)) else "within"


def _within_words(seen: float, band: Band) -> str:
    """How a measured speed inside the slack sits against the band: "about what this setup
    does" inside it; past one end (20 tok/s beside a 24-42 band) "about" reads as agreement with
    the centre, so it says which end it is at."""
    if seen < band.low:
        return "at the low end of what this setup does"
    if seen > band.high:
        return "at the high end of what this setup does"
    return "about what this setup does"


def _n_cpu_moe_said(q: Query, r: Report, cat: Catalog) -> str:
    """ "raising --n-cpu-moe from 8 to 30": each value the person runs beside the fewest expert
    layers in RAM that fit the card (what the answer runs), from the GPU memory each one needs:
    the answer's plus one layer's routed experts per layer kept on the GPU instead."""
    if not q.n_cpu_moe_said or r.fit == "wont_fit":
        return ""
    if r.hardware.kind in SHARED_KINDS:
        if r.placement.kind != "unified":
            return ""
        return (
            f" --n-cpu-moe frees nothing on {_hw(r)}: the experts it moves to the CPU stay in the"
            " same memory and run slower; all on the GPU, as here, is faster"
            + (" (with the wired limit raised: see the assumptions)." if r.wired_limit_mb else ".")
        )
    gpus = [d for d in r.placement.devices if d.name != "RAM"]
    m, quant = cat.models.get(r.model.id), cat.quants.get(r.quant)
    if r.placement.kind != "moe_offload" or len(gpus) != 1 or m is None or quant is None:
        return ""
    w = weights(m, quant)
    n0, gpu = r.placement.n_cpu_moe, gpus[0]
    layer_gb = w.expert_per_layer / GIB_BYTES
    parts = []
    for n in q.n_cpu_moe_said:
        n = min(n, w.moe_layers)
        need = gpu.total_gb + (n0 - n) * layer_gb
        if n == n0:
            parts.append(
                f"--n-cpu-moe {n} is the fewest that fits ({need:.1f} of {gpu.available_gb:.1f} GB)"
            )
        elif need > gpu.available_gb:
            parts.append(
                f"--n-cpu-moe {n} needs ~{need:.1f} GB on the GPU, over its {gpu.available_gb:.1f}:"
                " llama.cpp fails to load, or the driver spills the rest to shared memory (Windows)"
                " and decode drops"
            )
        else:
            parts.append(
                f"--n-cpu-moe {n} fits ({need:.1f} of {gpu.available_gb:.1f} GB) but keeps"
                f" {n - n0} more layers' experts on the CPU than needed"
            )
    best = (
        f"--n-cpu-moe {n0}, the fewest that fits here, runs ~{approx_tok_s(r.decode_tok_s)} tok/s"
    )
    return " " + "; ".join(parts) + f". {best[0].upper()}{best[1:]}."


def _offload_way(q: Query, r: Report, hw: Any, kw: dict, cat: Catalog) -> str:
    """ "Offload the experts or whole layers?": the run shown against the other way. A MoE with
    experts in RAM (--n-cpu-moe) keeps every layer's attention and KV cache on the GPU(s) and
    reads only the routed experts from RAM; whole layers in RAM (-ngl) read those layers'
    attention and cache from RAM too, each at its speed. A run all on the GPU(s) puts nothing in
    RAM; a dense model has no experts to keep apart."""
    if not q.asks_offload_way or r.fit == "wont_fit":
        return ""
    kind = r.placement.kind
    if kind in ("gpu", "multi_gpu", "unified"):
        return " Neither: it all fits in GPU memory here, so nothing goes to system RAM."
    m = cat.models.get(r.model.id)
    if kind == "partial_offload" and m is not None and not m.is_moe:
        return (
            f" {r.model.name} is dense, with no experts to keep apart: whole layers go to system"
            f" RAM (-ngl {r.placement.gpu_layers}). -ot ffn=CPU with -ngl 99 keeps attention and"
            " the KV cache on the GPU but leaves every FFN (most of the weights) in RAM: decode"
            " stays set by the RAM's bandwidth, no faster at a short window, holding up better"
            " as the window fills."
        )
    if kind != "moe_offload":
        return ""
    gpu_layers, tok = whole_layers(
        r.model.id, hw, **{**kw, "quant": r.quant, "kv_type": r.kv_type, "context": r.context}
    )
    cards = "GPUs" if r.hardware.count > 1 or r.hardware.parts else "GPU"
    said = (
        f" Offload the experts, not whole layers: --n-cpu-moe {r.placement.n_cpu_moe} keeps every"
        f" layer's attention and the KV cache on the {cards} and reads only the routed experts"
        f" from RAM (~{approx_tok_s(r.decode_tok_s)} tok/s)"
    )
    if tok and r.decode_tok_s and tok < r.decode_tok_s:
        return said + f"; whole layers in RAM (-ngl {gpu_layers}) run ~{approx_tok_s(tok)} tok/s."
    return said + "."


def _against_wish(q: Query, r: Report) -> str:
    """ "Can I get 1 t/s?": the speed asked of this setup, answered yes or no by its estimate."""
    if not q.min_tok_s or q.reported_tok_s is not None:
        return ""
    asked = f"{q.min_tok_s:g} tok/s"
    if r.decode_tok_s is None:
        return f" {asked} asked: not on this setup, it does not run here."
    est = f"about {approx_tok_s(r.decode_tok_s)} tok/s at {r.quant}"
    if r.decode_tok_s >= q.min_tok_s:
        return f" {asked} asked: yes, this setup should do {est}."
    # the best quant of the report's table that reaches it, when one still answers well
    faster = [
        x
        for x in r.quants
        if (x.decode_tok_s or 0) >= q.min_tok_s
        and x.fit != "wont_fit"
        and x.quality >= GOOD_QUALITY
    ]
    if faster:
        x = max(faster, key=lambda x: x.quality)
        return (
            f" {asked} asked: this setup should do {est}; at {x.quant} about "
            f"{approx_tok_s(x.decode_tok_s)} tok/s."
        )
    return f" {asked} asked: not on this setup; it should do {est}."


def _against_measured(q: Query, r: Report, cat: Catalog, kw: dict | None = None) -> str:
    """ "I'm getting 12 tok/s": the speed someone measured beside what the setup should do, and
    when it is far below, the usual causes for where the model runs. A range ("45-60 tok/s")
    is read by both ends; a measurement made with MTP on is set beside the MTP estimate, one
    made on another llama.cpp build than the answer's ("~15 t/s with Vulkan") beside that
    build's."""
    seen, est = q.reported_tok_s, r.decode_tok_s
    if seen is None:
        return ""
    high = q.reported_tok_s_high or seen
    said = _runs_said(q, seen, high)
    if est is None:
        return _measured_past_memory(said, r)
    squeezed = _worth_running_row(r, cat, q)
    if (
        squeezed is not None
        and _against_band(high, r.decode_band or Band(low=est, high=est)) == "below"
    ):
        # they run a quant worth running, most likely, and the answer's squeeze is not theirs
        disk = _measured_past_memory(said, r, squeezed)
        if disk:
            return disk
    band = r.decode_band or Band(low=est, high=est)
    at = r.quant
    named = _quant_row_of(r, q.quant) if q.quant and q.quant != r.quant else None
    if named is not None and named.decode_tok_s:
        # measured at the file they run, not at the one the answer recommends
        k = named.decode_tok_s / est
        est, band, at = named.decode_tok_s, Band(low=band.low * k, high=band.high * k), q.quant
    spec = r.speculative if q.reported_speculative else None
    if spec is not None:
        # the user's own setup, as said: MTP on, so the figure to meet is the MTP one
        k = spec.decode_tok_s / est
        est, band = spec.decode_tok_s, Band(low=band.low * k, high=band.high * k)
    with_ = " with MTP" if spec is not None else ""
    if (other := _measured_build_decode(q, r, at, kw)) is not None:
        k = other / est
        est, band = other, Band(low=band.low * k, high=band.high * k)
        with_ += f" on {BACKEND_NAMES.get(q.reported_backend, q.reported_backend)}"
    expect = (
        f"about {approx_tok_s(est)} tok/s at {at}{with_} (likely {band.low:.0f}-{band.high:.0f})"
    )
    where = _against_band(seen, band)
    if high != seen:
        # a range says its own spread: it is off only when it misses the band entirely
        where = "below" if high < band.low else "above" if seen > band.high else "within"
    if q.asks_defect:
        return _defect_verdict(seen, expect, where, r, cat, _of_ollama(q))
    if where == "below":
        causes = _slow_causes(r, cat, spec is not None, q.power_limit_w, _of_ollama(q))
        why = (" Usual causes: " + "; ".join(causes) + ".") if causes else ""
        return f" You see {said}; this setup should do {expect}.{why}"
    if where == "above":
        mtp = (
            f" (with its MTP heads this setup does ~{approx_tok_s(r.speculative.decode_tok_s)})"
            if r.speculative is not None and spec is None
            else ""
        )
        return (
            f" You see {said}, more than this setup should do ({expect}): a smaller "
            f"quant, a shorter context or speculative decoding{mtp} would explain it."
        )
    words = _within_words(seen, band) if high == seen else "about what this setup does"
    return f" You see {said}: {words} ({expect})."


def _measured_build_decode(q: Query, r: Report, quant: str, kw: dict | None) -> float | None:
    """The decode estimate on the llama.cpp build a speed was measured on, when that is not the
    answer's build and the device has it (None otherwise)."""
    b = q.reported_backend
    if b is None or kw is None or b == r.backend or "backend" in kw:
        return None
    dev = default_catalog().hardware.get(r.hardware.id)
    if dev is None or b not in dev.backends:
        return None
    try:
        alt = estimate(
            r.model.id, r.hardware.id, **{**kw, "quant": quant, "kv_type": r.kv_type, "backend": b}
        ).figures
    except EngineError:
        return None
    return alt.decode or None


def _slow_causes(
    r: Report,
    cat: Catalog | None = None,
    mtp: bool = False,
    watts: int | None = None,
    ollama: bool = False,
) -> list[str]:
    """What usually makes a measured speed fall far below the estimate (language.yaml
    slow_causes): by where the model runs, in Ollama's own knobs when it is Ollama that runs it
    (slow_causes_ollama: no -ngl there), then by what the run was on (a laptop's GPU) and of
    (MTP on)."""
    lang = default_language()
    kind = r.placement.kind
    said = lang.slow_causes_ollama.get(kind) if ollama else None
    causes = list(said if said is not None else lang.slow_causes.get(kind, []))
    hw = (cat or default_catalog()).hardware.get(r.hardware.id)
    if hw is not None:
        # a platform's own cure on that platform only (macOS's wired limit, a Jetson's power mode)
        for key in (hw.kind, f"{hw.kind}/{hw.vendor}", f"{hw.kind}/{hw.vendor}/{hw.form}"):
            causes += lang.slow_causes_platform.get(key, [])
    if hw is not None and hw.form == "laptop":
        causes += lang.slow_causes_also.get("laptop", [])
    if mtp:
        causes += lang.slow_causes_also.get("mtp", [])
    if watts:
        said = lang.slow_causes_also.get("power_limit", [])
        causes = [c.replace("{watts}", str(watts)) for c in said] + causes
    return causes


def _measured_past_memory(said: str, r: Report, row: QuantRow | None = None) -> str:
    """A speed measured on a model that does not fit the VRAM and RAM together (at its smallest
    quant, or at `row`, the least worth running): llama.cpp maps the file and reads what the
    memory cannot hold from the disk for every token, from the share of each token's weights
    left on the disk and an NVMe drive's link speed (constants.NVME_LINKS). Where the
    answer's squeeze runs in memory, a token's time is its memory time (the squeeze's, scaled by
    the bits a weight) plus its disk time."""
    rows = [x for x in r.quants if x.memory_gb > 0]
    if not rows:
        return ""
    small = row or min(rows, key=lambda x: x.memory_gb)
    gpu = sum(d.available_gb for d in r.placement.devices)
    ram = r.placement.ram_available_gb if r.placement.kind not in ("cpu", "unified") else 0.0
    held = gpu + ram
    over = small.memory_gb - held
    if over <= 0:
        return ""
    per_token = r.model.active_params_b * 1e9 * small.bpw / 8 / 2**30 * over / small.memory_gb
    speeds = [pcie_link_gbps(link) * 1e9 / 2**30 / per_token for link in NVME_LINKS]
    here = _quant_row_of(r, r.quant)
    if row is not None and here is not None and r.decode_tok_s:
        in_memory = r.decode_tok_s * here.bpw / row.bpw
        speeds = [1 / (1 / in_memory + 1 / d) for d in speeds]
        which = f"at {row.quant}, the least quant worth running, the model ({sold_gb(row.memory_gb):.0f} GB)"
        ends = "; the part read from the disk is what holds it there"
    else:
        which = f"even its smallest quant ({small.quant}, {sold_gb(small.memory_gb):.0f} GB)"
        ends = " at best. The disk sets the speed, not the GPU; a model that fits is the fix"
    slow, fast = speeds
    return (
        f" You see {said}: {which} is more than the {sold_gb(held):.0f} GB of VRAM"
        " and RAM together, so llama.cpp reads the rest from the disk (mmap) for every token:"
        f" ~{per_token:.1f} GB a token, ~{_figure(slow)}-{_figure(fast)} tok/s with an NVMe"
        f" SSD{ends}."
    )


def _worth_running_row(
    r: Report, cat: Catalog | None = None, q: Query | None = None
) -> QuantRow | None:
    """When the answer chose a quant below the least worth running for its workload
    (min_quant_quality: nothing at or above it fits here at reading speed), the smallest quant
    that is worth running; None when the report's quant is, or is the one the question named."""
    if (q is not None and q.quant) or r.quant != r.recommended_quant:
        return None
    wl = (cat or default_catalog()).workloads.get(r.workload)
    here = _quant_row_of(r, r.quant)
    if here is None or not below_worth_running(here.quality, wl):
        return None
    worth = [x for x in r.quants if x.quality >= wl.min_quant_quality and x.memory_gb > 0]
    return min(worth, key=lambda x: x.memory_gb) if worth else None


def _quant_row_of(r: Report, quant: str) -> QuantRow | None:
    return next((x for x in r.quants if x.quant == quant), None)


def _squeezed_note(r: Report, worth: QuantRow) -> str:
    """Why the quant shown is a squeeze: its quality label, and what the least quant worth
    running needs against what the setup has."""
    here = _quant_row_of(r, r.quant)
    gpu = sum(d.available_gb for d in r.placement.devices)
    ram = r.placement.ram_available_gb if r.placement.kind not in ("cpu", "unified") else 0.0
    held = gpu + ram if r.placement.devices else r.memory.available_gb
    label = here.label.lower() if here is not None else "low"
    wl = default_catalog().workloads.get(r.workload)
    if worth.fit != "wont_fit" and worth.decode_tok_s:
        why = f"decodes at only ~{approx_tok_s(worth.decode_tok_s)} tok/s here"
    else:
        why = f"needs more than the {sold_gb(held):.0f} GB there is here"
    return (
        f"{r.quant} keeps {label} quality only; the least quant worth running for"
        f" {wl.name.lower() if wl else r.workload}, {worth.quant}"
        f" ({sold_gb(worth.memory_gb):.0f} GB), {why}"
    )


def _figure(x: float) -> str:
    """A small speed with the digits it needs (0.49, 1.2, 12)."""
    return f"{x:.2g}" if x < 10 else f"{x:.0f}"


def _kv_asked(q: Query, r: Report, hw, kw: dict) -> tuple[Report, str]:
    """ "q8_0 or q4_0 kv cache?": the KV cache types offered, each at the recommendation's
    quant. The answer runs the one that keeps the most quality (f16, then q8_0, then q4_0) and
    still runs as well as the best there, and says how long a window each holds."""
    asked = [kv for kv in q.kv_types_asked if kv in KV_BYTES]
    if len(asked) < 2 or q.kv_type or r.fit == "wont_fit":
        return r, ""
    order = [*KV_FIRST, *KV_LAST]
    asked.sort(key=lambda kv: order.index(kv) if kv in order else len(order))
    alts = {kv: analyze(q.model.id, hw, **{**kw, "quant": r.quant, "kv_type": kv}) for kv in asked}
    fine = [kv for kv in asked if alts[kv].fit != "wont_fit" and alts[kv].fit == r.fit]
    pick = alts[fine[0]] if fine else r
    parts = [
        f"{kv} does not fit"
        if a.fit == "wont_fit"
        else f"{kv} holds up to {_ctx(a.safe_context)}"
        + (f" (-ctk {kv} -ctv {kv})" if kv != "f16" else "")
        for kv, a in alts.items()
    ]
    said = f" Of the KV caches asked, at {r.quant}: " + "; ".join(parts) + "."
    if fine:
        said += f" {fine[0]} keeps the most quality and is enough here."
    return pick, said


def _quants_asked(q: Query, r: Report) -> str:
    """ "q4, q6 or q8?": the quants named side by side from the card's quant table, each with its
    fit, speed and quality word, and which of them decodes fastest and which keeps the most (the
    recommendation above weighs both; this answers the comparison as asked)."""
    asked = list(dict.fromkeys(q.quants))
    if len(asked) < 2 or not q.quants_compared:
        return ""
    # a quant asked is its Unsloth dynamic file where the repo has only that ("iq3_xxs")
    by = {row.quant: row for row in r.quants}
    found = {a: by.get(a) or by.get(f"UD-{a}") for a in asked}
    rows = [row for row in found.values() if row is not None]
    if not rows:
        return ""
    parts = []
    for a, row in found.items():
        if row is None:
            parts.append(f"no {a} file among the repos known for it")
        elif row.fit == "wont_fit" or not row.decode_tok_s:
            parts.append(f"{row.quant} does not fit")
        else:
            where = "" if row.fit in ("runs_well", "tight") else f", {row.fit_label.lower()}"
            speed = approx_tok_s(row.decode_tok_s)
            parts.append(f"{row.quant} ~{speed} tok/s ({row.label}{where})")
    s = " Of the quants asked: " + "; ".join(parts) + "."
    running = [row for row in rows if row.fit != "wont_fit" and row.decode_tok_s]
    if len(running) >= 2:
        fast = max(running, key=lambda row: row.decode_tok_s)
        best = max(running, key=lambda row: row.quality)
        s += f" {fast.quant} decodes fastest"
        s += "." if best is fast else f"; {best.quant} keeps the most quality."
    return s


def _reserved_up_front(q: Query) -> str:
    """A server that reserves memory up front, named beside an out-of-memory or the memory a run
    takes (Query.preallocating_server): the memory in use is its reservation (language.yaml
    preallocating_servers)."""
    said = q.preallocating_server
    note = default_language().preallocating_servers.get(said) if said else None
    return f" {note}." if note else ""


def _share_knob(r: Report, cat: Catalog) -> str:
    """A Strix Halo answer for a model over half its RAM: the setting that lets the GPU map that
    much (language.yaml gpu_share_knobs), since by default it does not and the model would not
    load as the answer says."""
    hw = cat.hardware.get(r.hardware.id)
    if hw is None or hw.kind != "unified" or r.fit == "wont_fit":
        return ""
    knob = default_language().gpu_share_knobs.get(hw.vendor)
    if not knob or sold_gb(r.memory.total_gb) <= IGPU_SHARE * r.hardware.memory_gb:
        return ""
    return f" {knob}."


def _defect_verdict(
    seen: float, expect: str, where: str, r: Report, cat: Catalog, ollama: bool = False
) -> str:
    """ "Is my unit defective?": no when the measured speed is within (or above) the estimate's
    band, with why (decode reads the weights once a token: the memory's bandwidth sets it); when
    far below, not the machine first but the usual causes of where the model runs."""
    if where != "below":
        does = "what this setup does" if where == "within" else "more than this setup should do"
        return (
            f" Not defective: {_seen_said(seen, seen)} is {does} ({expect}); decode reads the"
            f" {r.memory.weights_gb:.1f} GB of weights for every token, so the memory's bandwidth"
            " sets the speed, and a bigger model or a faster memory is what changes it."
        )
    causes = _slow_causes(r, cat, ollama=ollama)
    why = (" Check first: " + "; ".join(causes) + ".") if causes else ""
    return (
        f" You see {_seen_said(seen, seen)}, below what this setup should do ({expect}): more likely the"
        f" setup than a faulty unit.{why}"
    )


def _against_measured_prefill(q: Query, r: Report) -> str:
    """ "prefill is 100 tok/s, is that expected?": the prompt-reading speed someone measured
    beside the estimate, read against its band like a measured decode."""
    seen, est = q.reported_prefill_tok_s, r.prefill_tok_s
    if seen is None or est is None:
        return ""
    band = r.prefill_band or Band(low=est, high=est)
    expect = (
        f"about {est:,.0f} tok/s at {r.quant} for a short prompt"
        f" (likely {band.low:,.0f}-{band.high:,.0f})"
    )
    where = _against_band(seen, band)
    if where == "below":
        return (
            f" You see {_figure_said(seen)} tok/s prompt reading; this setup should read {expect}; a long"
            " prompt reads slower as the context fills."
        )
    if where == "above":
        return f" You see {_figure_said(seen)} tok/s prompt reading, more than this setup should ({expect})."
    return f" You see {_figure_said(seen)} tok/s prompt reading: {_within_words(seen, band)} ({expect})."


# the depths a sentence names between the empty and the full window (the card shows them all)
SAID_DEPTHS = (32768, 131072)


def _memory_they_run_it_in(q: Query, r: Report, hw: str | None, kw: dict, cat: Catalog) -> Report:
    """ "I get 24 t/s" on a machine sold with several memory sizes, none said: they run the model,
    so the machine is the smallest size that holds it, not the catalog's default that does not
    (an M4 Pro read as 48 GB was told "won't fit" about the model its owner runs). A card's box
    whose owner says the layer split they run ("--gpulayers 15", "15/48 layers on GPU"), speed
    or not, runs it too: its RAM holds the rest; with a failure reported, only a split that
    leaves layers off the GPU ran ("-ngl 99" and an out-of-memory is the try that failed)."""
    dev = cat.hardware.get(hw) if hw else None
    layers = cat.models[r.model.id].layers if r.model.id in cat.models else 0
    split = any(n < layers for n in q.layers_said) if q.reports_failure else bool(q.layers_said)
    said = (q.reported_tok_s is not None or split) and q.ram_gb is None
    if said and r.fit == "wont_fit" and dev is not None and dev.kind == "gpu":
        # a card's box: its system RAM holds what the card does not
        r = _ram_they_run_it_in(r, hw, kw)
    if (
        q.reported_tok_s is None
        or r.fit != "wont_fit"
        or dev is None
        or not dev.memory_options_gb
        or q.vram_gb is not None
        or "vram_gb" in kw
        # "a 5950X with 64GB": a machine whose RAM is its model memory, its size said
        or (q.ram_gb is not None and dev.kind in ("cpu", *SHARED_KINDS))
    ):
        return r
    for gb in sorted(x for x in dev.memory_options_gb if x > r.hardware.memory_gb):
        try:
            alt = analyze(r.model.id, hw, **{**kw, "vram_gb": gb})
        except EngineError:
            continue
        if alt.fit != "wont_fit":
            note = f"you run it, so the {gb:g} GB {dev.name}, the smallest that holds it"
            # the memory is still not said: the answer depends on it (the structured field too)
            said = Assumed(
                what="memory",
                value=f"{gb:g} GB",
                effect=f"not said; you run it, so the {gb:g} GB version, the smallest that holds it",
            )
            return alt.model_copy(
                update={"assumptions": [note, *alt.assumptions], "assumed": [said, *alt.assumed]}
            )
    return r


def _quant_that_runs(q: Query, r: Report, hw: str | None, kw: dict) -> tuple[Report, str]:
    """The quant read where it is not the one to answer at, and a sentence saying why:
    - a bit level said ("at Q4", "4-bit") is any file of that level: where the type it maps to
      (Q4_K_M) does not fit, or spills to system RAM, the best file of the level that runs better
      (a 24 GB Mac mini's Qwen3.6-35B-A3B at UD-IQ4_XS with the wired limit raised, not "won't
      fit" at Q4_K_M);
    - a file below a good quant named in a report of a run that failed (out of memory, failing
      to allocate) is the one tried: where a good quant runs, the answer is at it (Gemma 4
      26B-A4B "smaller and smaller quants" down to IQ3_XS on a 3060: a 4-bit file with experts
      in RAM)."""
    if not q.quant or kw.get("quant") != q.quant or r.quant != q.quant:
        return r, ""
    if q.quant_level and r.fit in ("offload", "wont_fit"):
        level, here = bit_level(r.quant), _quant_row_of(r, r.quant)
        mates = [
            x
            for x in r.quants
            if x.available
            and x.quant != r.quant
            and bit_level(x.quant) == level
            and (here is None or x.memory_gb < here.memory_gb)
        ]
        found: Report | None = None
        for row in sorted(mates, key=lambda x: -x.quality):
            if (
                found is not None
                and row.quality < _quality_of(found) - LEVEL_EVEN
                and row.label != _label_of(found)
            ):
                break
            try:
                alt = analyze(r.model.id, hw, **{**kw, "quant": row.quant})
            except EngineError:
                continue
            if FIT_ORDER[alt.fit] >= FIT_ORDER[r.fit]:
                continue
            found = found or alt
            if _headroom(alt):
                # a file with real headroom before one at the brim whose quality is no better to
                # speak of (IQ4_XS before IQ4_NL at 18.8 of 19.0 GB on a 24 GB Mac)
                found = alt
                break
        if found is not None:
            note = f"{r.quant} {_fit_words_of(r)}; of the {level}-bit files {found.quant} runs"
            said = f"{level}-bit read as any file of that level: {found.quant} ({note})"
            return found.model_copy(update={"assumptions": [said, *found.assumptions]}), (
                f" {note}."
            )
    here = _quant_row_of(r, r.quant)
    if q.reports_failure and here is not None and here.quality < GOOD_QUALITY:
        rest = {k: v for k, v in kw.items() if k != "quant"}
        try:
            alt = analyze(r.model.id, hw, **rest)
        except EngineError:
            return r, ""
        better = _quant_row_of(alt, alt.quant)
        if alt.fit != "wont_fit" and better is not None and better.quality >= GOOD_QUALITY:
            note = (
                f"{r.quant}, the file that failed, keeps {here.label.lower()} quality only; no need"
                f" to go that low: {alt.quant} runs here"
            )
            return alt, f" {note}."
    return r, ""


def _unasked_quant(r: Report, hw: str | None, kw: dict) -> Report | None:
    """The report the engine recommends for the same question without the quant asked (None
    when it cannot run)."""
    rest = {k: v for k, v in kw.items() if k != "quant"}
    try:
        return analyze(r.model.id, hw, **rest)
    except EngineError:
        return None


def _format_has_room(
    q: Query, r: Report, hw: str | None, kw: dict, cat: Catalog
) -> tuple[Report, str]:
    """A 4-bit format of the asker's serving stack ("Mistral GPTQ 4bit on a T4", "Qwen3.8-27B
    NVFP4 on a 96 GB card": Query.quant_format), read as the GGUF quant of its width, is their
    stack's format, not a file they chose: where the recommendation without it is a file of more
    bits that runs well on the same placement, the answer is at that one, and the sentence says
    the format asked fits too, at what memory and speed."""
    if not q.quant_format or kw.get("quant") != q.quant or r.quant != q.quant:
        return r, ""
    if r.fit == "wont_fit" or q.reported_tok_s is not None:
        # a speed they measured is read against the format they run
        return r, ""
    alt = _unasked_quant(r, hw, kw)
    if alt is None:
        return r, ""
    here, there = _quant_row_of(r, r.quant), _quant_row_of(alt, alt.quant)
    if (
        here is None
        or there is None
        or alt.fit != "runs_well"
        or not _same_route(q, r, alt, cat)
        or there.bpw < here.bpw + FORMAT_ROOM_BPW
        or there.quality <= here.quality
        or _same_checkpoint(q, r, alt, here.bpw, there.bpw, cat)
    ):
        return r, ""
    speed = f", ~{approx_tok_s(r.decode_tok_s)} tok/s" if r.decode_tok_s else ""
    level = bit_level(alt.quant) or f"{there.bpw:.0f}"
    return alt, (
        f" {q.quant_format} is a {bit_level(r.quant) or round(here.bpw)}-bit format ({r.quant} in"
        f" GGUF terms): it fits, {sold_gb(r.memory.total_gb):.1f} GB{speed}; with this much room"
        f" {_quant_shown(q, alt).split(' (')[0]} ({level}-bit, {there.label.lower()} quality) runs well too and is the"
        " better choice."
    )


def _same_route(q: Query, r: Report, alt: Report, cat: Catalog) -> bool:
    """The wider file runs where the format asked does: the same placement, or, on a GPU server
    asked of (vLLM, SGLang: tensor parallel over every card of the rig whatever the estimate
    needs), all on the cards either way (one card's fit or several's): the nv-01 rig's two 5090s
    serve Qwen3.8-27B's FP8 checkpoint where its NVFP4 one left the second card idle."""
    if alt.placement.kind == r.placement.kind:
        return True
    on_cards = ("gpu", "multi_gpu")
    return (
        r.placement.kind in on_cards
        and alt.placement.kind in on_cards
        and _server_route(q, cat) is not None
    )


def _same_checkpoint(
    q: Query, r: Report, alt: Report, bpw: float, alt_bpw: float, cat: Catalog
) -> bool:
    """On a GPU server asked of (vLLM, SGLang), a wider GGUF file is no choice where the server
    loads the same checkpoint for both (Q6_K and Q4_K_M are both an int4 build: it has nothing
    between int4 and FP8, catalog/multi_gpu.yaml serving_tp.checkpoints)."""
    rules = multi_gpu(cat).serving_tp
    m = cat.models.get(r.model.id)
    if rules is None or m is None or _server_route(q, cat) is None:
        return False
    ck, alt_ck = (
        commands.checkpoint_of(rules, m, x.quant, b) for x, b in ((r, bpw), (alt, alt_bpw))
    )
    return ck is not None and alt_ck is not None and ck[0] == alt_ck[0]


def _sixteen_bits_spill(q: Query, r: Report, hw: str | None, kw: dict) -> tuple[Report, str]:
    """An unquantized run asked (F16, BF16: "torch_dtype: float16" for Llama 3.1 70B on two
    L40S), or 8-bit weights asked on a GPU server stack (FP8 on vLLM, SGLang, ms-swift:
    Query.stack_8bit), that does not fit the cards, or fits only with layers or experts in system
    RAM: where the recommendation without it runs all on the GPUs, the answer is at that one, and
    the sentence says the asked weights do not fit the cards (a GPU server does not spill weights
    to RAM)."""
    if not q.quant or kw.get("quant") != q.quant or r.quant != q.quant:
        return r, ""
    here = _quant_row_of(r, r.quant)
    server_8bit = _server_8bit(q, r)
    spills = ("partial_offload", "moe_offload") if server_8bit else ("partial_offload",)
    if (
        here is None
        or (here.bpw < 16 and not server_8bit)
        or (r.fit != "wont_fit" and r.placement.kind not in spills)
    ):
        return r, ""
    alt = _unasked_quant(r, hw, kw)
    if alt is None:
        return r, ""
    there = _quant_row_of(alt, alt.quant)
    if alt.fit == "wont_fit" or alt.placement.kind not in ("gpu", "multi_gpu") or there is None:
        return r, ""
    cards = "the cards" if alt.placement.kind == "multi_gpu" else "the card"
    return alt, (
        f"{_quant_shown(q, r, said=True)} does not fit on {cards}: its weights alone are"
        f" {sold_gb(r.memory.weights_gb):.0f} GB against {sold_gb(r.memory.available_gb):.0f} GB;"
        f" {alt.quant} ({bit_level(alt.quant) or round(there.bpw)}-bit) does, all on the GPU. "
    )


def _server_8bit(q: Query, r: Report) -> bool:
    """8-bit weights asked of a GPU server stack that names them FP8 (vLLM, SGLang, ms-swift:
    language.yaml serving_stacks): the checkpoint it loads, which it keeps all on its GPUs."""
    return bool(q.stack_8bit) and q.stack_8bit != "Q8_0" and bit_level(r.quant) == "8"


def _spare_room(r: Report, cat: Catalog) -> str:
    """ "llama3.3 only takes up half my 96 GB, can I use the rest to speed it up?": memory left
    over does not make one stream faster (decode reads every weight once per token); what it
    buys is speculative decoding (the report's draft or MTP run, else a small model of the same
    tokenizer as the draft), parallel streams and a longer window. Said for a run all on the
    GPU(s) or in unified memory only: a run in system RAM has no room to spare."""
    if r.placement.kind not in ("gpu", "multi_gpu", "unified") or r.fit == "wont_fit":
        return ""
    left = r.memory.available_gb - r.memory.total_gb
    if left < SPARE_ROOM_MIN_GB:
        return ""
    if (d := r.speculative_draft) is not None:
        spec = (
            f"speculative decoding with {d.draft_name} ({d.draft_quant}) as a draft, about"
            f" {d.speedup:g}x (~{approx_tok_s(d.decode_tok_s)} tok/s): `{d.flags}`"
        )
    elif (m := r.speculative) is not None:
        spec = (
            f"speculative decoding with the model's own MTP layers, about {m.speedup:g}x"
            f" (~{approx_tok_s(m.decode_tok_s)} tok/s): `{m.flags}`"
        )
    elif (draft := _draft_sibling(cat, r.model.id)) is not None:
        spec = (
            f"speculative decoding with {draft.name} as a draft model (same tokenizer; llama-server"
            f" --spec-type draft-simple), faster the more of its tokens {r.model.name} accepts:"
            " most on code and predictable text"
        )
    else:
        spec = ""
    uses = [u for u in (spec, "parallel slots (-np) for several streams at once") if u]
    if r.safe_context > r.context:
        uses.append(f"a longer window (up to {r.safe_context // 1024}K fits)")
    return (
        f" The {sold_gb(left):.0f} GB left over does not make one reply faster by itself (each"
        " token reads every weight once, whatever the free memory); it buys "
        + "; ".join(uses)
        + "."
    )


# free memory below which there is no room worth spending (a draft's few GB and its cache)
SPARE_ROOM_MIN_GB = 2.0
# a draft at most this share of the target's parameters: one bigger costs too much per step
DRAFT_SHARE_MAX = 1 / 6


def _draft_sibling(cat: Catalog, model_id: str) -> Model | None:
    """The smallest model of the target's family whose vocabulary llama.cpp accepts as its draft
    (VOCAB_MAX_DIFFERENCE), of the closest line (the longest id prefix in common), precomputed
    per catalog."""
    return _draft_siblings(cat).get(model_id)


_SIBLINGS: dict[int, tuple[Catalog, dict[str, Model]]] = {}


def _draft_siblings(cat: Catalog) -> dict[str, Model]:
    got = _SIBLINGS.get(id(cat))
    if got is not None and got[0] is cat:
        return got[1]
    by_family: dict[str, list[Model]] = {}
    for m in cat.models.values():
        by_family.setdefault(m.family, []).append(m)
    out: dict[str, Model] = {}
    for m in cat.models.values():
        fits = [
            d
            for d in by_family.get(m.family, ())
            if d.id != m.id
            and abs(d.vocab - m.vocab) <= VOCAB_MAX_DIFFERENCE
            and d.params_b <= m.params_b * DRAFT_SHARE_MAX
        ]
        if fits:
            out[m.id] = max(fits, key=lambda d: (_common_prefix(d.id, m.id), -d.params_b))
    _SIBLINGS[id(cat)] = (cat, out)
    return out


def _common_prefix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    return next((i for i in range(n) if a[i] != b[i]), n)


# a quant better than the asker's format by at least this many bits per weight (a level) is worth
# saying instead of it (_format_has_room)
FORMAT_ROOM_BPW = 1.0


def _all_on_gpu(q: Query, r: Report, hw: str | None, kw: dict) -> tuple[Report, str]:
    """ "A quant that fits entirely in 16 GB without overflowing?": where the best run keeps
    layers or experts in system RAM, the answer is at the best quant that stays all on the GPU,
    and the sentence says what the run with some in RAM keeps instead."""
    if (
        not q.asks_all_on_gpu
        or q.quant
        or r.placement.kind not in ("moe_offload", "partial_offload")
    ):
        return r, ""
    rows = [x for x in r.quants if x.available and x.fit in ("runs_well", "tight")]
    if not rows:
        return r, " Nothing of it fits all on the GPU here."
    row = max(rows, key=lambda x: (x.quality, x.decode_tok_s or 0.0))
    try:
        alt = analyze(r.model.id, hw, **{**kw, "quant": row.quant})
    except EngineError:
        return r, ""
    if alt.placement.kind in ("moe_offload", "partial_offload") or alt.fit == "wont_fit":
        return r, ""
    what = "the experts of some layers" if r.placement.kind == "moe_offload" else "some layers"
    return alt, (
        f" All on the GPU, as asked: {alt.quant} is the best quant that fits"
        f" ({sold_gb(alt.memory.total_gb):.1f} GB); {r.quant} with {what} in system RAM keeps more"
        f" quality ({_quant_label(r)}) at ~{approx_tok_s(r.decode_tok_s)} tok/s."
    )


def _quant_label(r: Report) -> str:
    row = _quant_row_of(r, r.quant)
    return row.label.lower() if row is not None else r.quant


# a file of the level asked this many quality points below the best that runs, or in the same
# quality band (quants.yaml's label: IQ4_XS and Q4_K_S are both "High"), is as good: one of them
# with headroom is taken before one at the brim (design choice, on quants.yaml's scale)
LEVEL_EVEN = 1.0


def _label_of(r: Report) -> str | None:
    row = _quant_row_of(r, r.quant)
    return row.label if row is not None else None


def _quality_of(r: Report) -> float:
    row = _quant_row_of(r, r.quant)
    return row.quality if row is not None else 0.0


def _headroom(r: Report) -> bool:
    """The run keeps llama.cpp's fit margin free (FIT_MARGIN_GIB), not the brim."""
    return r.memory.available_gb - r.memory.total_gb >= FIT_MARGIN_GIB


def _fit_words_of(r: Report) -> str:
    return "does not fit" if r.fit == "wont_fit" else "spills to system RAM"


def _ram_they_run_it_in(r: Report, hw: str | None, kw: dict) -> Report:
    """ "Only 6-7 token/s" from a 4-bit DeepSeek R1 on a 4090 and a Xeon, the RAM not said: they
    run it, so the box has the system RAM that holds what the card does not (the least size sold
    that does, the next step's), not the RAM assumed for it that does not."""
    step = next((s for s in r.next_steps if s.kind == "more_ram" and s.ram_gb), None)
    if step is None:
        return r
    try:
        alt = analyze(r.model.id, hw, **{**kw, "ram_gb": step.ram_gb})
    except EngineError:
        return r
    if alt.fit == "wont_fit":
        return r
    note = f"you run it, so {step.ram_gb:g} GB of system RAM, the least that holds it"
    said = Assumed(
        what="ram", value=f"{step.ram_gb:g} GB", effect=f"{note}; with less it does not fit"
    )
    return alt.model_copy(
        update={"assumptions": [note, *alt.assumptions], "assumed": [said, *alt.assumed]}
    )


_RAM_NEEDED = "the least RAM it needs, yours not said"
_RAM_PLENTY = "the least RAM it needs, yours said to be plenty"


def _ram_it_needs(q: Query, r: Report, hw: str | None, kw: dict, cat: Catalog) -> Report:
    """A card's box whose RAM nobody said, the model not fitting with the RAM assumed for it
    (DEFAULT_RAM_GIB) but running from a desktop's RAM (setups.yaml desktop_ram_gb) at a speed
    that can be read as it streams, at a good quant: the verdict turns on that RAM, so the answer is the route
    with the RAM it needs, the RAM said as an assumption ("with less it does not fit"), not a
    bare "No" (gpt-oss-120b on one 5090: yes with 48 GB and its experts in RAM, ~40 tok/s)."""
    # RAM said, or a size said beside a named card (read as its VRAM, it may be the RAM: "my
    # 5090 with 32 GB of system RAM")
    said = q.ram_gb is not None or "ram_gb" in kw
    # (a model read from a Hub link is not in `cat`: analyze() by its id would lose it)
    if said or r.model.id not in cat.models:
        return r
    dev = cat.hardware.get(hw or r.hardware.id)  # no card named: the generic GPU of its size
    if dev is None or dev.kind != "gpu":
        return r
    if q.vram_gb is not None and q.hardware and abs(q.vram_gb - dev.memory_gb) > 0.5:
        # a size beside a named card that is not its memory may be the RAM ("my 5090 with 32
        # GB"); the card's own size ("RTX 4060 Ti 16GB") names the card, not the box's RAM
        return r
    if q.ram_plenty:
        return _plenty_of_ram(r, hw, kw, cat)
    if r.fit != "wont_fit":
        return _ram_for_a_good_quant(q, r, hw, kw, cat)
    step = next((s for s in r.next_steps if s.kind == "more_ram" and s.ram_gb), None)
    if (
        step is None
        or step.ram_gb > setup_rules(cat).desktop_ram_gb[-1]
        or not reads_as_it_streams(step.decode_tok_s)
    ):
        return r
    try:
        alt = analyze(r.model.id, hw, **{**kw, "ram_gb": step.ram_gb})
    except EngineError:
        return r
    row = next((x for x in alt.quants if x.quant == alt.quant), None)
    if alt.fit == "wont_fit" or row is None or row.quality < GOOD_QUALITY:
        # a squeeze of a model far past the card (a 2-3-bit 284B on a 3090) is not a "yes"
        return r
    have = r.hardware.ram_gb or DEFAULT_RAM_GIB
    note = f"{_RAM_NEEDED}; with {have:g} GB it does not fit"
    assumed = Assumed(what="ram", value=f"{step.ram_gb:g} GB", effect=note)
    kept = [a for a in alt.assumed if a.what != "ram"]
    # the RAM it needs, and what runs with the RAM assumed, stay among the next steps (the RAM
    # is not known)
    ids = {x.model_id for x in alt.next_steps if x.kind == "other_model"}
    need = step.model_copy(
        update={
            "text": f"It needs {step.ram_gb:g} GB of system RAM (yours not said); with"
            f" {have:g} GB it does not fit."
        }
    )
    others = [need] + [x for x in r.next_steps if x.kind == "other_model" and x.model_id not in ids]
    return alt.model_copy(
        update={
            "assumptions": [f"system RAM {step.ram_gb:g} GB assumed: {note}", *alt.assumptions],
            "assumed": [assumed, *kept],
            "next_steps": [*alt.next_steps, *others],
        }
    )


def _plenty_of_ram(r: Report, hw: str | None, kw: dict, cat: Catalog) -> Report:
    """A card's box whose RAM is said to be no limit, its amount not said ("a 24GB GPU with plenty
    of system RAM", "内存管够"), the model not fitting or only squeezed in the RAM assumed: the
    least desktop or server RAM size (setups.yaml desktop_ram_gb, server_ram_gb) that runs a good
    quant at a speed that can be read as it streams, said as assumed; the answer unchanged where
    none does or where the RAM assumed already runs a good quant."""
    row = next((x for x in r.quants if x.quant == r.quant), None)
    if r.fit != "wont_fit" and (row is None or row.quality >= GOOD_QUALITY):
        return r
    have = r.hardware.ram_gb or DEFAULT_RAM_GIB
    rules = setup_rules(cat)
    found = _least_ram_for_a_good_quant(r, hw, kw, (*rules.desktop_ram_gb, *rules.server_ram_gb))
    if found is None:
        return r
    size, alt = found
    # (only squeezed in, not out: what the RAM assumed gives is said as it is)
    gives = "it does not fit" if r.fit == "wont_fit" else f"only {r.quant} fits"
    note = f"{_RAM_PLENTY}; with {have:g} GB {gives}"
    said = Assumed(what="ram", value=f"{size:g} GB", effect=note)
    kept = [a for a in alt.assumed if a.what != "ram"]
    return alt.model_copy(
        update={
            "assumptions": [f"system RAM {size:g} GB assumed: {note}", *alt.assumptions],
            "assumed": [said, *kept],
        }
    )


def _least_ram_for_a_good_quant(
    r: Report, hw: str | None, kw: dict, sizes: tuple[float, ...]
) -> tuple[float, Report] | None:
    """The least of `sizes` past the RAM `r` assumed with which the model runs a good quant
    (GOOD_QUALITY) at a speed that can be read as it streams, and the report there; None where
    none does."""
    have = r.hardware.ram_gb or DEFAULT_RAM_GIB
    for size in sizes:
        if size <= have:
            continue
        try:
            alt = analyze(r.model.id, hw, **{**kw, "ram_gb": size})
        except EngineError:
            return None
        good = next((x for x in alt.quants if x.quant == alt.quant), None)
        if (
            alt.fit != "wont_fit"
            and good is not None
            and good.quality >= GOOD_QUALITY
            and reads_as_it_streams(alt.decode_tok_s)
        ):
            return size, alt
    return None


def _ram_for_a_good_quant(q: Query, r: Report, hw: str | None, kw: dict, cat: Catalog) -> Report:
    """A card's box whose RAM nobody said, where the RAM assumed for it holds only a squeeze (a
    quant below GOOD_QUALITY with its experts or layers in RAM): the least desktop RAM size
    (setups.yaml desktop_ram_gb) that runs a good quant at a speed that can be read as it streams
    is the route, said as assumed with what the RAM assumed gives (GLM-4.5-Air on a 16 GB card:
    Q4 with its experts in 64 GB, not UD-Q2_K_XL in 32 GB). Only where the recommendation is the
    squeeze (no quant asked for) and its weights are in RAM: more RAM changes nothing else.
    Called by _ram_it_needs, which leaves a model read from a Hub link alone."""
    row = next((x for x in r.quants if x.quant == r.quant), None)
    if (
        q.quant is not None
        or row is None
        or row.quality >= GOOD_QUALITY
        or r.placement.kind not in ("moe_offload", "partial_offload")
    ):
        return r
    have = r.hardware.ram_gb or DEFAULT_RAM_GIB
    found = _least_ram_for_a_good_quant(r, hw, kw, setup_rules(cat).desktop_ram_gb)
    if found is None:
        return r
    size, alt = found
    note = f"{_RAM_NEEDED}; with {have:g} GB only {r.quant} fits, which loses much of its quality"
    said = Assumed(what="ram", value=f"{size:g} GB", effect=note)
    kept = [a for a in alt.assumed if a.what != "ram"]
    return alt.model_copy(
        update={"assumptions": [note, *alt.assumptions], "assumed": [said, *kept]}
    )


def _with_depth_speeds(q: Query, r: Report, hw, kw: dict) -> Report:
    """ "How much context before it gets slow": decode and prompt reading at depths up to the
    report's window, on the same quant, cache and window (engine.speed_by_depth)."""
    if not q.asks_depth_speed or r.fit == "wont_fit":
        return r
    same = {**kw, "quant": r.quant, "kv_type": r.kv_type, "context": r.context}
    try:
        return analyze(r.model.id, hw, **same, by_depth=True)
    except EngineError:
        return r


def _depth_speed_message(r: Report, cat: Catalog) -> str:
    """The speed as the window fills in a sentence: decode at a few depths, how long the deepest
    prompt takes to read, and how deep decode stays at the speeds the workload calls quick and
    usable (workloads.yaml good_decode_tok_s, min_decode_tok_s)."""
    rows = r.speed_by_depth
    if len(rows) < 2:
        return ""
    last = rows[-1]
    shown = [x for x in rows[1:-1] if x.depth in SAID_DEPTHS] + [last]
    steps = ", ".join(f"~{approx_tok_s(x.decode_tok_s)} at {_ctx(x.depth)}" for x in shown)
    s = (
        f" As the context fills, decode goes from ~{approx_tok_s(rows[0].decode_tok_s)} tok/s"
        f" empty to {steps}; reading a {_ctx(last.depth)} prompt from scratch takes"
        f" {_duration(last.read_s)} (prompt reading falls from"
        f" ~{approx_tok_s(rows[0].prefill_tok_s)} to ~{approx_tok_s(last.prefill_tok_s)} tok/s)."
    )
    w = cat.workloads.get(r.workload)
    if w is None:
        return s
    held = []
    for floor, what in ((w.good_decode_tok_s, "quick"), (w.min_decode_tok_s, "usable")):
        deepest = [x.depth for x in rows if x.decode_tok_s >= floor]
        if deepest:
            whole = deepest[-1] == last.depth
            where = "through the whole window" if whole else f"up to {_ctx(deepest[-1])}"
            held.append(f"above {floor:g} tok/s ({what} for {w.name.lower()}) {where}")
            if whole:
                break
    return s + (f" Decode stays {' and '.join(held)}." if held else "")


def _full_read_message(r: Report) -> str:
    """A long context asked ("at 146k"): what a prompt that fills it takes to read, the wait
    people meet when they paste a long document or resume a session without a prompt cache."""
    if r.read_full_s is None or r.prefill_full_tok_s is None or r.context < LONG_WORK_CTX:
        return ""
    return (
        f" A prompt that fills the {_ctx(r.context)} takes {_duration(r.read_full_s)} to read"
        f" (~{approx_tok_s(r.prefill_full_tok_s)} tok/s by its end)."
    )


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.0f} s"
    if seconds < 3600:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def _side_by_side(r: Report) -> str:
    """One model's part of a list of several on one setup: how it runs, or what it would need."""
    if r.decode_tok_s is None:
        return f"{r.model.name} (won't fit: needs {sold_gb(r.memory.total_gb):.1f} GB at {r.quant})"
    return f"{r.model.name} ({r.fit_label.lower()}, {r.quant}, {_speed(r)})"


_IGNORED_WHY = re.compile(r" \(([^()]*)\)$")


def _assumed(q: Query) -> str:
    notes = list(q.assumed)
    if q.ignored:
        # the parser's "1tb (storage or a bandwidth)" inside these parentheses would nest them
        notes.append("ignored " + "; ".join(_IGNORED_WHY.sub(r": \1", i) for i in q.ignored[:3]))
    return (" (" + "; ".join(notes) + ")") if notes else ""


def _quant_shown(q: Query, r: Report, said: bool = False) -> str:
    """The quant as the asker's stack names it: an 8-bit file for a vLLM / SGLang / TensorRT-LLM
    server is its FP8 (Query.stack_8bit), the same memory; llama.cpp's name otherwise, and where
    the server loads no FP8 checkpoint of the model on these cards (a MoE on Ampere:
    commands.fp8_moe_weight_only) unless it is the one the asker `said` ("GLM-4.5V-FP8")."""
    if (
        q.stack_8bit
        and bit_level(r.quant) == "8"
        and q.stack_8bit not in (r.quant, "Q8_0")
        and (said or not _no_fp8_here(q, r))
    ):
        return f"{q.stack_8bit} (the memory of {r.quant})"
    return r.quant


def _no_fp8_here(q: Query, r: Report) -> bool:
    """The report's cards load no FP8 checkpoint of its model (a MoE where FP8 is weight-only)."""
    if q.stack_8bit != "FP8":
        return False
    cat = default_catalog()
    rules = multi_gpu(cat).serving_tp
    m, hw = cat.models.get(r.model.id), cat.hardware.get(r.hardware.id)
    return rules is not None and hw is not None and commands.fp8_moe_weight_only(rules, hw, m)


def _fit_message(
    q: Query, r: Report, shorter: tuple[int, str] | None = None, model: Model | None = None
) -> str:
    verdict = {
        "runs_well": "Yes",
        "tight": "Yes, but it is tight",
        "offload": "Partly: some of it runs from system RAM",
        "wont_fit": "No",
    }[r.fit]
    if r.fit == "offload" and r.placement.kind == "moe_offload":
        verdict = "Yes, with the experts of some layers in system RAM"
    if q.asks_quant and not q.quant and verdict.startswith("Yes"):
        # "which quant should I use?" asks no yes or no: the quant is the answer
        verdict = _quant_shown(q, r) + verdict.removeprefix("Yes")
    slow = ""
    if r.fit != "wont_fit" and r.grade in ("D", "F"):
        verdict, slow = _slow_verdict(r)
    if r.fit != "wont_fit" and (
        q.asks_why_slow or ((q.asks_defect or q.asks_expected) and q.reported_tok_s is not None)
    ):
        # the question is the unit or the speed seen ("is ~36 realistic?"), not whether it runs:
        # a "Yes" would read as an answer to it
        verdict = "What it should do"
    squeezed = _worth_running_row(r, None, q) if r.fit != "wont_fit" else None
    # a slow verdict says what holds it back first; the squeeze follows in the note
    if squeezed is not None and not q.asks_defect and not slow:
        verdict = "Only at a quant that loses much of its quality"
    used, usable = _memory_use(r)
    mem = f"{used:.1f} of {usable:.1f} GB"
    if r.fit == "offload":
        mem = (
            f"needs {sold_gb(r.memory.total_gb):.1f} GB, {usable:.1f} GB of it on the GPU "
            "and the rest in system RAM"
        )
    elif r.fit == "wont_fit":
        # what the GPU holds of a model that does not fit reads like a fit ("22.6 of 25.3 GB"):
        # say what it needs against everything there is, RAM included
        ram = _ram_beside(r)
        if r.hardware.kind in SHARED_KINDS:
            where = f"{usable + ram:.1f} GB"  # a Mac's GPU share and the rest: one pool
        else:
            where = f"{usable:.1f} GB" + (f" + {ram:.1f} GB of RAM" if ram else "")
        mem = f"needs {sold_gb(r.memory.total_gb):.1f} GB, {where} free"
    each = f" each for {r.parallel} parallel requests" if r.parallel > 1 else ""
    # a window past the native one is reached with the rope scaling the run command turns on, and
    # one asked beyond what the model reaches at all is capped: the headline says which, not only
    # the warnings under the card
    notes = []
    if model is not None and model.rope_scaling and r.context > model.context:
        rope = rope_for(model.rope_scaling, r.context)
        kind = default_language().rope_names.get(rope.type, rope.type)
        notes.append(f"{kind} x{rope.factor:g} past its native {_ctx(rope.original_context)}")
    if q.context and q.context > r.context:
        notes.append(f"its limit; {_ctx(q.context)} asked")
    capped = f" ({'; '.join(notes)})" if notes else ""
    # the cache type belongs to the configuration, not after the speed and its caveats
    kv = f" with {_a_kv(r.kv_type)} KV cache" if r.kv_type != "f16" else ""
    # "runs well" is the memory's word; at a quant that loses much of the model the line says it
    # fits, so the verdict before it and the label after it do not argue
    label = "fits" if squeezed is not None and r.fit_label == "Runs well" else r.fit_label.lower()
    s = (
        f"{verdict}: {r.model.name} on {_hw(r)}"
        + f" at {_quant_shown(q, r)}{kv}, {_ctx(r.context)} context{capped}{each}:"
        + f" {label}{_alone(r)}, {mem}"
    )
    if r.decode_tok_s is not None:
        s += f", {_speed(r)}{slow}"
        if r.decode_full_tok_s is not None and r.fit != "wont_fit":
            # the window asked, filled, is a slower figure than an empty context's: say both
            s += f" at the start (~{approx_tok_s(r.decode_full_tok_s)} with {_ctx(r.context)} filled)"
        if r.parallel > 1 and r.aggregate_tok_s:
            s += (
                f" for one request, ~{approx_tok_s(r.aggregate_tok_s)} tok/s over"
                f" {r.parallel} at once"
            )
    if squeezed is not None:
        s += ". " + _squeezed_note(r, squeezed)
    # (not the RAM the report already runs with: the setup above says it, _ram_it_needs)
    steps = [
        x for x in r.next_steps if not (x.kind == "more_ram" and x.ram_gb == r.hardware.ram_gb)
    ]
    # past macOS's default GPU share the run needs the sysctl, as a list's picks say it
    if (
        r.fit != "wont_fit"
        and not (steps and "wired_limit_mb" in steps[0].text)
        and (note := _wired_note([r]))
    ):
        s += "." + note.rstrip(".")
    if steps:
        s += ". " + steps[0].text.rstrip(".")
    elif r.fit != "wont_fit" and r.safe_context:
        each = " each" if r.parallel > 1 else ""
        if r.context >= r.safe_context:
            # the card is already at the longest window (a "how much context" answer)
            whole = model is not None and r.context >= model.context
            s += "; that is the model's whole window" if whole else "; that is the most that fits"
        else:
            s += f"; up to {_ctx(r.safe_context)} context{each} fits"
        if shorter:
            s += f" ({_ctx(shorter[0])} with {_a_kv(shorter[1])} cache)"
    if model is not None and model.pending_llama_cpp is not None:
        s += f". Stock llama.cpp does not load it yet: {model.pending_llama_cpp.runs_in} do"
    return s + "." + _assumed(q)


def _alone(r: Report) -> str:
    """ " on the RTX 3090 alone": the run leaves some of the rig's cards free (engine cards)."""
    if not r.placement.idle:
        return ""
    return " " + on_cards([d.name for d in r.placement.devices], r.placement.idle)


def _slow_verdict(r: Report) -> tuple[str, str]:
    """The headline of a model that fits but grades D or F, and what holds it back: one that
    decodes at reading speed or better is slow but used (a 235B-1T MoE at 6-8 tok/s on a Mac or
    a server is what people run for chat), one below it cannot be read as it streams."""
    w = next((x for x in r.workloads if x.id == r.workload), None)
    why = f"; {w.reason}" if w is not None and w.reason else ""
    if reads_as_it_streams(r.decode_tok_s):
        return "Yes, but slowly", why
    runs = "It runs" if r.fit == "offload" else "It fits"
    return (
        f"{runs}, but too slowly to use",
        f", slower than people read (~{READING_TOK_S:.0f} tok/s)",
    )


def _a_kv(kv_type: str) -> str:
    """ "an f16", "a q8_0": the article the cache type takes aloud."""
    return f"an {kv_type}" if kv_type[:1] in "f" else f"a {kv_type}"


# Design choice: a window asked half again past the model's reach is one the model does not serve
# (a prompt a few percent over it is trimmed or chunked; 32K asked of an 8K model is not)
CAPPED_WELL_PAST = 1.5


def _with_question_context(q: Query, r: Report, cat: Catalog) -> Report:
    """What only the question knows, added to a fit report: a GPU count it did not give that
    decides the verdict, and, when the model does not run (or crawls), the best model that does
    run on the same setup."""
    assumed = list(r.assumed)
    steps = list(r.next_steps)
    squeezed = r.quant in cat.quants and cat.quants[r.quant].quality < GOOD_QUALITY
    trouble = (
        r.fit == "wont_fit"
        or r.grade in ("D", "F")
        or r.placement.kind == "partial_offload"
        or squeezed
    )
    # (a laptop's GPU is the one it has: its count is no assumption)
    laptop = getattr(cat.hardware.get(r.hardware.id), "form", None) == "laptop"
    if (
        q.gpus is None
        and r.hardware.kind == "gpu"
        and trouble
        and not r.hardware.parts
        and not laptop
    ):
        more = next((x for x in steps if x.kind == "more_gpus"), None)
        effect = more.text if more else "with more of them the model can stay on the GPUs"
        assumed.append(Assumed(what="gpus", value="1", effect=effect))
    assumed += _hardware_assumed(q, r, cat)
    # a window asked well past the model's reach ("gemma 2 9b at 128k", "llama 3 8b at 32k"):
    # it is capped, so a model that holds that window on the same machine is the answer's next
    # step (not for a prompt a few percent over the window: 33.9K on a 32K model)
    capped = q.context is not None and q.context > CAPPED_WELL_PAST * max(r.context, 1)
    if trouble or capped:
        alt = _other_model(q, r, cat)
        # a smaller sibling that is also the best model that runs here is said as the latter
        steps = [
            x
            for x in steps
            if alt is None or x.kind != "smaller_sibling" or x.model_id != alt.model_id
        ]
        if alt is not None and all(x.model_id != alt.model_id for x in steps):
            alt = _beside_sibling(alt, steps)
            steps.insert(_other_model_place(steps, alt, cat, _cards_bought_singly(r, cat)), alt)
    # the headline names the first step: one that runs at a usable speed and a good quant before
    # one that does not (a 70B at IQ2_M, or at 1 tok/s from RAM, is no first answer)
    # one that runs on the machine as it is before buying several more consumer cards
    singly = _cards_bought_singly(r, cat)
    steps.sort(
        key=lambda x: (
            not _worth_leading(x, r, cat),
            singly is not None and x.kind == "more_gpus" and (x.gpus or 0) > singly + 1,
        )
    )
    return r.model_copy(update={"assumed": assumed, "next_steps": steps})


def _beside_sibling(alt: NextStep, steps: list[NextStep]) -> NextStep:
    """The best model of the machine's list said beside a sibling that runs well too ("Qwen3.5
    9B runs well here at Q5_K_M (~14 tok/s)"): the list's pick weighs speed, so "the best model
    that runs well here" would deny the sibling; said as what it is, the faster pick."""
    kin = next(
        (
            x
            for x in steps
            if x.kind in ("smaller_sibling", "newer_release") and " runs well here " in x.text
        ),
        None,
    )
    if kin is None or alt.decode_tok_s is None or (kin.decode_tok_s or 0) >= alt.decode_tok_s:
        return alt
    name = alt.text.split(" is the best model", 1)[0]
    if name == alt.text:
        return alt
    figures = f"{alt.quant}, ~{approx_tok_s(alt.decode_tok_s)} tok/s"
    return alt.model_copy(update={"text": f"{name} runs well here too, and faster ({figures})."})


def _worth_leading(step: NextStep, r: Report, cat: Catalog) -> bool:
    """A step at the workload's speed floor (or with no speed of its own) and a good quant."""
    wl = cat.workloads.get(r.workload)
    if step.decode_tok_s is not None and wl is not None and step.decode_tok_s < wl.min_decode_tok_s:
        return False
    return step.quant not in cat.quants or cat.quants[step.quant].quality >= GOOD_QUALITY


def _cards_bought_singly(r: Report, cat: Catalog) -> int | None:
    """The card count of a machine whose cards people add one at a time (a desktop's, a
    workstation's, a card known only by its memory: "a 24gb card"), None for a datacenter card
    (H20, A100: a server of eight is the unit)."""
    hw = cat.hardware.get(r.hardware.id)
    if r.hardware.parts or (hw is not None and hw.form in ("datacenter", "server")):
        return None
    return r.hardware.count


def _other_model_place(
    steps: list[NextStep], alt: NextStep, cat: Catalog, gpus: int | None = None
) -> int:
    """Where the best model that runs goes among the next steps: before buying several more
    consumer cards (what runs on the machine as it is comes before "7x GPU hold it"; one more
    card, the nearest upgrade, stays ahead; `gpus` is None for datacenter cards, bought as
    servers), before a smaller sibling of lower quality (Llama 3.2 11B is no answer where Qwen3.6
    35B-A3B runs), else last."""
    if alt.model_id not in cat.models:
        return len(steps)
    better = model_quality(cat.models[alt.model_id], cat).value
    for i, x in enumerate(steps):
        if gpus is not None and x.kind == "more_gpus" and (x.gpus or 0) > gpus + 1:
            return i
        if (
            x.kind == "smaller_sibling"
            and x.model_id in cat.models
            and model_quality(cat.models[x.model_id], cat).value < better
        ):
            return i
    return len(steps)


def _share_in_the_name(q: Query) -> Query:
    """ "Intel(R) Arc(TM) 140T GPU (32GB)" and no RAM said: the 32 GB is what the driver lets the
    iGPU share, half the RAM (IGPU_SHARE; nlq.parser._share_in_the_name), so the machine has
    twice it and the GPU all 32 (the share as a carve-out, memory.make_setup), not a 32 GB
    laptop whose GPU maps 16."""
    if q.gpu_share_gb is None or q.ram_gb != q.gpu_share_gb or q.vram_gb is not None:
        return q
    return q.model_copy(update={"ram_gb": q.gpu_share_gb / IGPU_SHARE, "vram_gb": q.gpu_share_gb})


def _with_sides_assumed(a: Answer) -> Answer:
    """ "M5 Max 128GB vs RTX 5090 for Qwen3.5-122B": a comparison's verdict depends on what each
    side assumed (the 5090's system RAM holding the experts), so an assumption of any side shown
    is the answer's too, named with its setup, not only the first card's."""
    if a.intent != "compare" or len(a.reports) < 2:
        return a
    have = {x.what for x in (*a.assumed, *a.reports[0].assumed)}
    added: list[Assumed] = []
    for r in a.reports[1:MAX_SIDE_BY_SIDE]:
        for x in r.assumed:
            if x.what in have:
                continue
            have.add(x.what)
            added.append(x.model_copy(update={"value": f"{r.hardware.name}: {x.value}"}))
    return a.model_copy(update={"assumed": [*a.assumed, *added]}) if added else a


def _with_share_assumed(q: Query, a: Answer) -> Answer:
    """The RAM read from an iGPU's share in its name (_share_in_the_name), said as assumed."""
    if q.gpu_share_gb is None or q.vram_gb != q.gpu_share_gb or not a.reports:
        return a
    said = Assumed(
        what="ram",
        value=f"{q.ram_gb:g} GB: the {q.gpu_share_gb:g} GB in the GPU's name is the memory its"
        " driver lets it share, half the RAM",
        effect="the model gets that share on the GPU; with less RAM the share is smaller: say the RAM",
    )
    return a.model_copy(update={"assumed": [*a.assumed, said]})


def _with_line_assumed(q: Query, a: Answer, cat: Catalog) -> Answer:
    """ "On my iMac": the chip a product line was read as is an assumption the answer depends on,
    said in the structured ones too (the reading is also said in words), unless one already
    names the hardware."""
    if not q.hardware_from_line or not a.reports or any(x.what == "hardware" for x in a.assumed):
        return a
    hw = a.reports[0].hardware
    entry = cat.hardware.get(hw.id)
    said = Assumed(
        what="hardware",
        # (a chip sold with several sizes is named with its memory: "Apple M4 (10-core GPU) 16GB")
        value=hw.name
        if not hw.memory_gb or entry is None or name_says_memory(entry)
        else f"{hw.name} with {hw.memory_gb:g} GB",
        effect="the newest chip of the line named, as it ships; an older chip, a Pro / Max / "
        "Ultra or more memory runs at another speed: name the chip and its memory",
    )
    return a.model_copy(update={"assumed": [*a.assumed, said]})


# the compute stack a GPU vendor's cards run on besides Vulkan (what ollama's usual build uses); a
# card whose catalog backends lack it runs llama.cpp's Vulkan build only
NATIVE_STACK = {"nvidia": "cuda", "amd": "rocm"}


def _with_vulkan_only_note(a: Answer, cat: Catalog) -> Answer:
    """A card the vendor's compute stack dropped (a Tesla K80 below CUDA 12's floor, an RX 480
    that ROCm never supported: catalog backends Vulkan only): the answer says it runs on
    llama.cpp's Vulkan build, since the usual CUDA / ROCm build (ollama's) does not see it and
    falls back to the CPU, the failure such questions report ("ollama can't find my gpu")."""
    if not a.reports or a.intent == "unclear" or "vulkan" in a.message.lower():
        return a
    hw = cat.hardware.get(a.reports[0].hardware.id)
    native = NATIVE_STACK.get(hw.vendor) if hw is not None and hw.kind == "gpu" else None
    if native is None or native in hw.backends or "vulkan" not in hw.backends:
        return a
    note = (
        f" The {hw.name} runs on llama.cpp's Vulkan build only: {BACKEND_NAMES[native]} builds"
        " (ollama's usual one) do not support it and fall back to the CPU."
    )
    return a.model_copy(update={"message": a.message + note})


@_cache_per_catalog
def _memory_siblings(cat: Catalog, hw_id: str) -> tuple[float, ...]:
    """The other memory sizes the device is sold with as entries of their own (the Jetson AGX
    Orin 32GB and 64GB, the A100 40GB and 80GB): entries of its vendor, kind and form whose names
    are its name without the memory."""
    hw = cat.hardware[hw_id]
    plain = without_memory(hw.name)
    if plain == hw.name.lower():
        return ()
    return tuple(
        sorted(
            {
                h.memory_gb
                for h in cat.hardware.values()
                if h.memory_gb != hw.memory_gb
                and (h.vendor, h.kind, h.form) == (hw.vendor, hw.kind, hw.form)
                and without_memory(h.name) == plain
            }
        )
    )


def _with_variant_assumed(q: Query, a: Answer, cat: Catalog) -> Answer:
    """ "a Jetson AGX Orin", "an A100": a device sold in several memory sizes as entries of their
    own, named without a size, was read as one of them; the size is an assumption the answer
    depends on, said in the structured field as a chip's size is (engine: memory_options_gb)."""
    if q.hardware is None or q.vram_gb is not None or q.setup or not a.reports:
        return a
    r = a.reports[0]
    if r.hardware.id != q.hardware.id or r.hardware.id not in cat.hardware:
        return a
    if any(x.what == "memory" for x in (*a.assumed, *r.assumed)):
        return a
    others = _memory_siblings(cat, r.hardware.id)
    if not others:
        return a
    said = Assumed(
        what="memory",
        value=f"{cat.hardware[r.hardware.id].memory_gb:g} GB",
        effect=f"the {without_memory(r.hardware.name, lower=False)} is also sold with {', '.join(f'{x:g}' for x in others)}"
        " GB: the answer changes with it; say yours",
    )
    return a.model_copy(update={"assumed": [*a.assumed, said]})


def _hardware_assumed(q: Query, r: Report, cat: Catalog) -> list[Assumed]:
    """No device named: a memory size alone was read as a GPU of that size, or RAM alone as a
    CPU-only system; say so, since the other reading gives another answer."""
    if q.hardware is not None:
        return []
    if q.mac and r.hardware.kind == "apple" and q.mac_memory_assumed:
        return [
            Assumed(
                what="hardware",
                value=f"a Mac with {q.vram_gb:g} GB, read as the {r.hardware.name} (no chip or memory"
                " was said)",
                effect=f"{q.vram_gb:g} GB is what Macs ship with; with 32 GB, 30B-class MoE models"
                " run, with 64 GB or more, 70-120B ones: name the chip and its memory",
            )
        ]
    if q.mac and r.hardware.kind == "apple":
        return [
            Assumed(
                what="hardware",
                value=f"{r.hardware.name} with {q.vram_gb:g} GB",
                effect="the newest Mac chip sold with that memory; an older or a bigger chip "
                "(Max, Ultra) runs at another speed: name the chip",
            )
        ]
    if r.hardware.kind == "cpu":
        said = [
            Assumed(
                what="hardware",
                value="a CPU-only system",
                effect="with a GPU beside that RAM, bigger MoE models run with their experts in RAM",
            )
        ]
        server = cat.hardware.get(r.hardware.id)
        if server is not None and server.form == "server" and q.ram_gb is not None:
            said = [
                Assumed(
                    what="hardware",
                    value=f"a CPU-only server with {server.channels} channels of "
                    f"{server.memory_type}",
                    effect=f"{q.ram_gb:g} GB is more RAM than a desktop board takes; a newer "
                    "server (12 channels of DDR5) reads it faster, a GPU beside it runs MoE "
                    "models faster: name the CPU",
                )
            ]
        if _no_machine(q):
            said = [
                Assumed(
                    what="hardware",
                    value="a CPU-only system (no machine was said)",
                    effect="a GPU, a Mac or more RAM gives another list: name your GPU and its "
                    "VRAM, or your Mac, and your RAM",
                )
            ]
        if q.ram_gb is None and _machine_unread(q):
            said.append(
                Assumed(
                    what="ram",
                    value=f"{DEFAULT_RAM_GIB:g} GB",
                    effect="the machine's RAM was not said: with less, bigger models drop out; "
                    "name its processor and RAM",
                )
            )
        return said
    if q.vram_gb is not None:
        return [
            Assumed(
                what="hardware",
                value=f"a GPU with {q.vram_gb:g} GB at {r.hardware.bandwidth_gbps:g} GB/s",
                effect=f"{q.vram_gb:g} GB of system RAM on a CPU, or a Mac with {q.vram_gb:g} GB, "
                "gives another answer: name the device",
            )
        ]
    return []


def _one_of_unsaid_count(q: Query, r: Report) -> bool:
    """Several of a card said without their count ("I have some 3090s", "multiple P40s"), and the
    list was worked out for one of them."""
    return (
        q.cards_unsaid_count
        and q.gpus is None
        and r.hardware.kind == "gpu"
        and r.hardware.count == 1
        and not r.hardware.parts
    )


def _list_assumed(q: Query, rs: list[Report], cat: Catalog) -> list[Assumed]:
    """Assumptions a list of reports shares: the system RAM behind expert offload, the device."""
    out: list[Assumed] = []
    ram = [a.value for r in rs for a in r.assumed if a.what == "ram"]
    if q.ram_gb is None and ram:
        # the RAM the reports were worked out with (a rig of cards is assumed a bigger box than
        # the default one), so the list's assumption and its lines say one figure
        out.append(
            Assumed(
                what="ram",
                value=ram[0],
                effect="the MoE models listed keep their experts in system RAM; with more RAM "
                "bigger ones run, with less they drop out",
            )
        )
    stand_in = cat.hardware.get(q.hardware.id) if q.hardware is not None else None
    if (
        q.ram_gb is None
        and not ram
        and q.cpu_only
        and stand_in is not None
        and stand_in.kind == "cpu"
        and stand_in.vendor == "other"
    ):
        # "no GPU" with no RAM said: the stand-in CPU system's memory is what the list fits in
        out.append(
            Assumed(
                what="ram",
                value=f"{stand_in.memory_gb:g} GB",
                effect="the RAM was not said: with less, the bigger models listed drop out; name "
                "your RAM",
            )
        )
    if rs and _one_of_unsaid_count(q, rs[0]):
        # "I have some 3090s": several of the card, how many not said; the list is for one
        out.append(
            Assumed(
                what="gpus",
                value="1",
                effect=f"how many {rs[0].hardware.name} cards was not said: the list is for one;"
                " with two or more, bigger models fit on the GPUs: give the count",
            )
        )
    if rs:
        out += _hardware_assumed(q, rs[0], cat)
    return out


def _other_model(q: Query, r: Report, cat: Catalog) -> NextStep | None:
    kw = _setup_kwargs(q, cat)
    try:
        best = best_models(
            r.hardware.id if not r.hardware.parts else None,
            gpus=r.hardware.count,
            vram_gb=kw.get("vram_gb") or (r.hardware.memory_gb if r.hardware.parts else None),
            ram_gb=kw.get("ram_gb"),
            host=kw.get("host"),
            workload=q.workload,
            # at the window asked: a model that runs well at 8K may not at 128K, and one whose
            # window is shorter is no stand-in
            context=q.context,
            kv_type=q.kv_type,
            limit=5,
            catalog=cat,
        )
    except EngineError:
        return None
    top = next(
        (b for b in best if b.model.id != r.model.id and b.context >= (q.context or 0)), None
    )
    if top is None:
        return None
    # "runs well" only where its own card says so: a list's best may keep experts in RAM
    figures = f"{top.quant}, ~{approx_tok_s(top.decode_tok_s)} tok/s"
    if top.fit_label in ("", "Runs well"):
        text = f"{top.model.name} is the best model that runs well here ({figures})."
    else:
        text = f"{top.model.name} is the best model for this machine ({top.fit_label.lower()}, {figures})."
    return _run_instead(top, text)


def _run_instead(r: Report, text: str) -> NextStep:
    """Another model to run, as a next step: the report's model at its quant, with its command."""
    return NextStep(
        kind="other_model",
        text=text,
        model_id=r.model.id,
        quant=r.quant,
        kv_type=r.kv_type,
        decode_tok_s=r.decode_tok_s,
        command=r.commands.llama_cpp,
    )


def _setup_name(rs: list[Report], fallback: str) -> str:
    if not rs:
        return fallback
    # the RAM is part of a list's setup when any model listed needs it, not only the first
    ram = next((r for r in rs if r.placement.kind in ("moe_offload", "partial_offload")), rs[0])
    return _hw(ram)


# A workload that wants this much context (catalog/workloads.yaml min_context: RAG 32K, agentic
# 64K) has its list say how much context each model holds.
LONG_WORK_CTX = 32768


def _model_list(rs: list[Report], contexts: bool = False) -> str:
    """The models with quant and speed; with `contexts`, the context each holds too (for work
    whose documents or transcripts fill it: RAG, agents)."""
    if not rs:
        return "nothing runs well"
    return ", ".join(
        f"{r.model.name} ({r.quant}, {_speed(r)}"
        + (f", {r.fit_label.lower()}" if r.fit != "runs_well" else "")
        + (f", up to {_ctx(r.safe_context)} context" if contexts and r.safe_context else "")
        + ")"
        for r in rs
    )


def _wishes_said(q: Query, with_task: bool) -> str:
    """The tags the list was kept to and, `with_task` (no workload said it already), the task it
    was ranked by, as language.yaml's wishes say them (" for creative writing and role-play")."""
    out: list[str] = []
    for w in default_language().wishes:
        asked = (w.tag and w.tag in q.tags) or (with_task and w.task and w.task == q.task)
        if w.said and asked and w.said not in out:
            out.append(w.said if w.said.startswith(",") else f" {w.said}")
    return "".join(out)


def _best_models_message(q: Query, rs: list[Report], hw: str | None, cat: Catalog) -> str:
    where = _setup_name(rs, q.hardware.name if q.hardware else f"a {q.vram_gb or 0:g} GB GPU")
    if rs and _one_of_unsaid_count(q, rs[0]):
        where = f"one {where}"  # "I have some 3090s": the count is said as assumed
    wl = f" for {cat.workloads[q.workload].name.lower()}" if q.workload in cat.workloads else ""
    wl += _wishes_said(q, with_task=not wl)
    if q.model_size_bound and q.model_size_b is not None:
        wl += f" ({_sized(q)})"
    if q.min_tok_s:
        wl += f" at {q.min_tok_s:g} tok/s or more"
    if q.parallel:
        # the list is sized for that load: say what its figures are
        wl += (
            f", serving {q.parallel} requests at once (llama-server -np {q.parallel}: a KV cache"
            " for each; the tok/s are one request's, the card of each gives the total)"
        )
    if not rs:
        return f"Nothing in the catalog runs well on {where}{wl}." + _assumed(q)
    # work that fills a long context (RAG's documents, an agent's transcript) asks how much fits
    long = q.workload in cat.workloads and cat.workloads[q.workload].min_context >= LONG_WORK_CTX
    listed = _model_list(rs[:5], long or bool(q.context))
    weak = _too_weak_note(q, rs, cat)
    slow = [r for r in rs[:5] if r.fit_label.startswith(("Fits, but slow", "Offload, slow"))]
    near = _near_floor_note(rs[:5], cat)
    if near:
        # a short list topped up with models near the workload's speed (advise.MIN_LIST): said
        return (
            f"Best on {where}{wl}: {listed}."
            + near
            + weak
            + _wired_note(rs[:5])
            + _amd_share_note(rs[:5], cat)
            + _assumed(q)
        )
    if not slow:
        # "Runs well" only when every model named does; a tight fit or an offload says so itself
        lead = "Runs well on" if all(r.fit == "runs_well" for r in rs[:5]) else "Best on"
        return (
            f"{lead} {where}{wl}: {listed}."
            + weak
            + _wired_note(rs[:5])
            + _amd_share_note(rs[:5], cat)
            + _assumed(q)
        )
    # a slow device: the better models run, but under the speed the workload wants
    w = cat.workloads.get(slow[0].workload)
    want = f" (~{w.min_decode_tok_s:g} tok/s)" if w else ""
    return (
        f"Best on {where}{wl}: {listed}. Slow ones read at about reading speed, under what "
        f"{(w.name.lower() if w else 'the workload')} wants{want}; nothing better runs faster "
        "here." + weak + _assumed(q)
    )


def _near_floor_note(rs: list[Report], cat: Catalog) -> str:
    """A list that leads with models at the workload's speed and adds ones under it
    (advise.MIN_LIST's top-up) says which are near the floor and why: a decode a little under
    what the work wants, or a slow first token on its long prompts here. "" when every model is
    at the speed, or none is (a slow device's list says so itself)."""
    ok = [usable(r, cat) for r in rs]
    if all(ok) or not any(ok) or ok != sorted(ok, reverse=True):
        return ""  # (a slow device's better models mixed in: the slow list's own words)
    below = [r for r, u in zip(rs, ok, strict=True) if not u]
    if not all(near_floor(r, cat) for r in below):
        return ""
    w = cat.workloads.get(below[0].workload)
    if w is None:
        return ""
    names = " and ".join(r.model.name for r in below)
    under = [r for r in below if (r.decode_tok_s or 0) < w.min_decode_tok_s]
    one = len(below) == 1
    its, est = ("its", "estimate is") if one else ("their", "estimates are")
    why = (
        f"{its} {est} a little under the ~{w.min_decode_tok_s:g} tok/s it wants,"
        f" {its} {'range reaches' if one else 'ranges reach'} it"
        if len(under) == len(below)
        else f"{'it is' if one else 'they are'} slow to read its long prompts here (time to"
        " first token)"
        if not under
        else f"a little under the ~{w.min_decode_tok_s:g} tok/s it wants, or slow to read its long"
        " prompts here"
    )
    return f" {names} {'is' if one else 'are'} near the floor for {w.name.lower()}: {why}."


def _too_weak_note(q: Query, rs: list[Report], cat: Catalog) -> str:
    """A list for a workload with a capability floor (Workload.min_quality) whose best model is
    under it says so: what runs here is no tool for that work (a 2B for a coding agent)."""
    w = cat.workloads.get(q.workload) if q.workload else None
    if w is None or w.min_quality is None or q.task or not rs or rs[0].model.id not in cat.models:
        return ""
    if model_quality(cat.models[rs[0].model.id], cat, w.quality_task).value >= w.min_quality:
        return ""
    return (
        f" None of these is strong enough for {w.name.lower()} to be worth it: the models that"
        " are need more memory or a faster machine than this."
    )


def _wired_note(rs: list[Report]) -> str:
    """A Mac list whose picks need more than macOS gives the GPU by default says how, once; a
    single model's answer (one report) the same of it."""
    raised = [r for r in rs if r.wired_limit_mb]
    if not raised:
        return ""
    mb = max(r.wired_limit_mb or 0 for r in raised)
    which = (
        "It needs"
        if len(rs) == 1
        else "The tight fits need"
        if len(raised) < len(rs)
        else "These need"
    )
    share = wired_default_words(raised[0].hardware.memory_gb)
    return (
        f" {which} the macOS GPU wired limit raised past its default {share} of RAM"
        f" (sudo sysctl iogpu.wired_limit_mb={mb}, until reboot)."
    )


def _amd_share_note(rs: list[Report], cat: Catalog) -> str:
    """A Strix Halo list whose picks need more of the RAM than the GPU maps by default says
    how, once: Linux's kernel parameters, or Windows' Variable Graphics Memory while it goes."""
    hw = cat.hardware.get(rs[0].hardware.id) if rs else None
    if hw is None or not amd_apu(hw) or hw.kind != "unified":
        return ""
    mem = rs[0].hardware.memory_gb
    gpu = max((r.placement.devices[0].total_gb for r in rs if r.placement.devices), default=0.0)
    half, vgm = amd_share_limits(mem)
    if gpu <= half:
        return ""
    flags = amd_share_flags(usable_memory(hw, mem, rs[0].backend) / GIB_BYTES)
    default = f"by default it maps half the RAM, {half:g} GB"
    if gpu <= vgm:
        return (
            f" The picks over {half:g} GB need the GPU's share raised: on Linux with the kernel"
            f" parameters {flags} ({default}), on Windows with Variable Graphics Memory (up to"
            f" {vgm:g} GB)."
        )
    return (
        f" The picks over {vgm:g} GB need Linux with the GPU's share raised (kernel parameters"
        f" {flags}; {default}): Windows' Variable Graphics Memory stops at {vgm:g} GB."
    )


def _rope_reach(m: Model | None, context: int) -> tuple[str, str] | None:
    """A window past the model's native one, within its rope scaling's reach: the scaling and
    the llama-server flags that turn it on (the run commands carry them too), since without
    them llama.cpp stops at the native window. None when the window is native."""
    if m is None or m.rope_scaling is None or context <= m.context:
        return None
    rope = rope_for(m.rope_scaling, context)
    kind = default_language().rope_names.get(rope.type, rope.type)
    label = f"{kind} x{rope.factor:g} past its native {_ctx(rope.original_context)}"
    return label, " ".join(rope_args(rope))


def _best_hw_message(q: Query, rs: list[Report], cat: Catalog) -> str:
    name = q.model.name
    # no window asked: the one the setups listed were worked out at (their memory column and
    # run commands), not the default's 32K beside them
    ctx = q.context
    if ctx is None and rs and len({r.context for r in rs}) == 1:
        ctx = rs[0].context
    need = memory_needed(q.model.id, quant=q.quant, context=ctx, kv_type=q.kv_type, catalog=cat)
    lever = ""
    if q.kv_type is None:
        # the first lever for context: a q8_0 cache, which the setups below may use
        small = memory_needed(
            q.model.id, quant=need.quant, context=ctx, kv_type="q8_0", catalog=cat
        )
        saved = need.memory.total_gb - small.memory.total_gb
        if saved >= max(1.0, 0.1 * need.memory.total_gb):  # a long context's lever, not noise
            lever = f" ({sold_gb(small.memory.total_gb):.0f} GB with a q8_0 KV cache)"
    # a window asked past what the model reaches is capped, and said so (as a fit's headline);
    # one past the native window but within the rope scaling's reach says how it gets there
    reach = _rope_reach(cat.models.get(q.model.id), need.context)
    notes = [": ".join(reach) if reach else ""]
    if q.context and q.context > need.context:
        notes.append(f"its limit; {_ctx(q.context)} asked")
    capped = "; ".join(n for n in notes if n)
    capped = f" ({capped})" if capped else ""
    # a window asked: how much of that is its KV cache, the part the window decides (a cache
    # of a GB or more, the q8_0 lever's bar: a 4K window's half GB is no news)
    kv = (
        f", {sold_gb(need.memory.kv_cache_gb):.1f} GB of it {_a_kv(need.kv_type)} KV cache"
        if q.context and need.memory.kv_cache_gb >= 1.0
        else ""
    )
    head = (
        f"{name} at {need.quant} with {_ctx(need.context)} context{capped} needs about "
        f"{sold_gb(need.memory.total_gb):.0f} GB{kv}{lever}."
    )
    # the price basis is said once: in the heading of a cheapest-first list, else here
    basis = (
        ""
        if q.hardware_order == "price"
        else " (launch prices; used where the card is bought used)"
    )
    within = f" within ${q.budget_usd:,.0f}{basis}" if q.budget_usd else ""
    if q.min_tok_s:
        # the speed wished for ranks the setups: only those that reach it
        within += f" at {q.min_tok_s:g} tok/s or more"
    if not rs:
        if q.hardware:
            well = f" at {q.min_tok_s:g} tok/s" if q.min_tok_s else " well"
            return f"{head} Even 16× {q.hardware.name} is not enough to run it{well}." + _assumed(q)
        if within:
            return f"{head} No setup{within} in the catalog runs it well." + _assumed(q)
        return (
            f"{head} No single device or multi-GPU setup in the catalog runs it well." + _assumed(q)
        )
    # a setup at another quant than the one the memory figure is for says which: once when all
    # of them run that one ("at UD-IQ2_M"), else beside each that does
    quants = {r.quant for r in rs[:6]}
    one = next(iter(quants)) if len(quants) == 1 else None
    setups = ", ".join(
        f"{_hw(r)} ({'' if r.quant in (need.quant, one) else r.quant + ', '}{_speed(r)}"
        f"{_under_floor(r, cat)})"
        for r in rs[:6]
    )
    well = " well" if not any(_under_floor(r, cat) for r in rs[:6]) else ""
    which = (
        f"Cheapest setups (by launch price, used where the card is bought used) that run it{well}"
        if q.hardware_order == "price"
        else f"Smallest setups that run it{well}"
    )
    if one is not None and one != need.quant:
        which += f" at {one}"
    other = _server_note(rs[:6], cat) or _unpriced_server(q, rs[:6], cat)
    if q.model_b is not None and q.model_b.id != need.model.id:
        # "gpt-oss-120b or qwen3.5 122b, what hardware?": the list is the first one's
        other += (
            f" For {q.model_b.name}, ask for its own list (`what hardware for {q.model_b.name}`)."
        )
    return f"{head} {which}{within}: {setups}.{other}" + _assumed(q)


def _server_note(rs: list[Report], cat: Catalog) -> str:
    """A card in a server among the setups: what the server is for (its memory channels hold
    and read the routed experts) and that such boxes are mostly bought used, unpriced here."""
    for r in rs:
        host = cat.hardware.get(r.hardware.host.id) if r.hardware.host else None
        if host is not None and host.form == "server":
            return (
                f" With {host.name}, the routed experts sit in the server's {host.channels}-channel"
                f" RAM and the card keeps attention and the shared weights (--n-cpu-moe): such"
                f" servers (EPYC, Xeon) are mostly bought used, and the catalog has no price for"
                f" them."
            )
    return ""


def _unpriced_server(q: Query, rs: list[Report], cat: Catalog) -> str:
    """A cheapest-first list has only priced setups: the card in a server that the routes hold
    for a giant MoE (unpriced: its CPU, board and RAM are not in the catalog) is named beside
    it, with its speed, not ranked among them."""
    m = cat.models.get(q.model.id) if q.model else None
    if q.hardware_order != "price" or m is None or not m.is_moe or q.hardware is not None:
        return ""
    plain = q.model_copy(update={"hardware_order": None})
    server = next((r for r in _hardware_for(plain, m.id, cat) if r.hardware.host), None)
    if server is None or any(r.hardware.id == server.hardware.id for r in rs if r.hardware.host):
        return ""
    said = f"{_hw(server)} ({server.quant}, {_speed(server)})"
    return f" Beside them, unpriced: {said}." + _server_note([server], cat)


def _under_floor(r: Report, cat: Catalog) -> str:
    """What a setup offered below its workload's speed floor says beside its speed (a card + a
    server's RAM for a model nothing on a desk holds: the cheap route; all in accelerator memory,
    only the floor), else nothing."""
    w = cat.workloads.get(r.workload)
    if w is None or r.decode_tok_s is None or r.decode_tok_s >= w.min_decode_tok_s:
        return ""
    under = f", under the {w.min_decode_tok_s:g} tok/s {w.id} needs"
    # only weights read from a PC's or a server's RAM make a slow setup the cheap one: a
    # datacenter card that holds all of Llama 3.1 405B and is still slow is no bargain, nor is a
    # 64 GB Mac running some of a 70B's layers on its CPU
    cheap = r.hardware.kind not in SHARED_KINDS and r.placement.kind in (
        "moe_offload",
        "partial_offload",
        "cpu",
    )
    return under + (": the cheap route" if cheap else "")


TENSOR_SPLIT_TIP = "llama.cpp's tensor split"


def _tensor_split_note(rs: list[Report]) -> str:
    """A side of several comparable cards whose card tips llama.cpp's tensor split: the
    comparison's speeds are the layer split's, so say once that it would be faster."""
    for r in rs:
        if r.hardware.count > 1 and any(TENSOR_SPLIT_TIP in w for w in r.warnings):
            return (
                f" With llama.cpp's tensor split (-sm tensor, experimental) the {_hw(r)} read"
                " their parts of each layer at the same time: faster than the layer split"
                " above, which runs them one after another."
            )
    return ""


def _setup_only(kw: dict) -> dict:
    """The setup's part of an estimate's keyword arguments: what best_models takes beside the
    hardware (its own quant, cache and window choices are its own)."""
    return {k: v for k, v in kw.items() if k in ("gpus", "vram_gb", "ram_gb", "host")}


def _biggest_instead(
    q: Query, rs: list[Report], hw_id: str | None, kw: dict, cat: Catalog
) -> list[Report]:
    """The biggest models that run on the setup, when the question asks how big ("how many
    parameters can run", order biggest) and a model it names does not fit: what the size
    question is answered with, beside the models named."""
    if q.order != "biggest" or hw_id is None or all(r.fit != "wont_fit" for r in rs):
        return []
    named = {r.model.id for r in rs}
    found = best_models(
        hw_id,
        order="biggest",
        limit=LISTED,
        workload=q.workload,
        context=q.context,
        catalog=cat,
        **_setup_only(kw),
    )
    return [r for r in found if r.model.id not in named][:3]


def _better_for_the_work(
    q: Query, rs: list[Report], hw_id: str | None, kw: dict, cat: Catalog
) -> list[Report]:
    """ "Which models are good enough for coding? is gemma 4 26b or 31b enough?": models asked
    for beside the ones named, so the best one for the work on the setup is named too when it is
    neither of them and worth more there than each."""
    if not q.models_wanted or (hw_id is None and "vram_gb" not in kw):
        return []
    found = best_models(
        hw_id,
        limit=1,
        workload=q.workload,
        task=q.task,
        tags=tuple(q.tags),
        context=q.context,
        catalog=cat,
        **_setup_only(kw),
    )
    named = {r.model.id for r in rs}
    if not found or found[0].model.id in named:
        return []
    worth = worth_here(found[0], cat)
    return found if all(worth > worth_here(r, cat) for r in rs if r.fit != "wont_fit") else []


def _window_note(q: Query, rs: list[Report], cat: Catalog, side) -> str:
    """A comparison at a window asked: how each side holds it where that is not the default, as
    a fit's headline says it (its rope scaling past the native window, with the flags, said once
    per model, and a quantized KV cache with its size), so "qwen3 14b vs gemma 3 12b at 128k"
    says that one of them reaches 128K only with YaRN and a q4_0 cache."""
    if not q.context:
        return ""
    runs = [r for r in rs if r.fit != "wont_fit"]
    ropes: dict[str, str] = {}
    for r in runs:
        reach = _rope_reach(cat.models.get(r.model.id), r.context)
        if reach and r.model.id not in ropes:
            label, flags = reach
            ropes[r.model.id] = f"{r.model.name} takes {label} ({flags})"
    caches = [
        f"{side(r)} {_a_kv(r.kv_type)} KV cache ({sold_gb(r.memory.kv_cache_gb):.1f} GB: -ctk {r.kv_type}"
        f" -ctv {r.kv_type})"
        for r in runs
        if r.kv_type != "f16"
    ]
    said = [*ropes.values(), *caches]
    if not said:
        return ""
    return f" At {_ctx(max(r.context for r in runs))}: " + "; ".join(said) + "."


def _what_runs_on_each(q: Query, rs: list[Report], cat: Catalog) -> tuple[list[Report], str]:
    """Models compared none of which runs usably where asked: one model on several setups that do
    not hold it ("rtx 4090 with 32 GB or 4080 Super with 64 GB, DeepSeek R1?"), two 70Bs crawling
    on a 20 GB card, three giant MoEs on old Teslas: the best model that does run on each setup,
    as a fit's won't-fit answer names it (its next step, and a sentence once per setup), so the
    answer ends on what to run."""
    out: list[Report] = []
    said: dict[str, str] = {}
    found: dict[str, NextStep | None] = {}
    for r in rs:
        where = _hw(r)
        if where not in found:
            found[where] = _other_model(q, r, cat)
        alt = found[where]
        if alt is None or any(x.model_id == alt.model_id for x in r.next_steps):
            out.append(r)
            continue
        out.append(r.model_copy(update={"next_steps": [alt, *r.next_steps]}))
        said.setdefault(where, f"On {where}: {alt.text}")
    return out, (" " + " ".join(said.values()) if said else "")


def _none_usable(rs: list[Report], cat: Catalog) -> bool:
    """No report compared runs at a speed its workload can use (won't fit, or crawls)."""
    return bool(rs) and not any(usable(r, cat) for r in rs)


def _compare_message(rs: list[Report], what: str, named_quant: bool = True) -> str:
    side = (lambda r: _hw(r)) if what == "hw" else (lambda r: r.model.name)
    parts = []
    for r in rs:
        if r.fit == "wont_fit":
            part = f"{side(r)}: won't fit at {r.quant}"
            if r.recommended_quant and r.recommended_quant != r.quant:
                part += f" ({r.recommended_quant} would)"
        else:
            part = f"{side(r)}: {r.fit_label.lower()}, {r.quant}, {_speed(r)}"
        parts.append(part)
    s = "; ".join(parts) + "."
    if what == "hw" and not named_quant and len({r.quant for r in rs}) > 1:
        s += " Each at the quant recommended for it (name one, e.g. `q4_k_m`, to compare at one)."
    running = [r for r in rs if r.decode_tok_s]
    if len(running) >= 2:
        fast = max(running, key=lambda r: r.decode_tok_s)
        slow = min(running, key=lambda r: r.decode_tok_s)
        ratio = fast.decode_tok_s / slow.decode_tok_s
        if ratio >= 1.1:
            than = "" if len(rs) == 2 else f" than {side(slow)}"
            best = "" if len(rs) == 2 else "fastest, "
            s += f" {side(fast)} is {best}about {ratio:.1f}× faster{than}."
        else:
            s += " About the same speed."
    if what == "hw":
        s += _tensor_split_note(rs)
    if len(running) == 1 and len(rs) > 1:
        if what == "hw":
            s += f" Only {side(running[0])} runs it."
        elif len(rs) == 2:  # of the models named: not that nothing else would
            other = next(r for r in rs if r is not running[0])
            s += f" {side(running[0])} runs there; {side(other)} does not."
        else:
            s += f" Of these, only {side(running[0])} runs there."
    elif 1 < len(running) < len(rs):
        s += " " + ", ".join(side(r) for r in rs if not r.decode_tok_s) + ": does not fit."
    return s


def _size_pick(rs: list[Report]) -> str:
    """ "16GB or 24GB?" with a model named: the smallest size that runs it as well as the biggest
    does (the same fit at a quant as good), and why: what the bigger size buys, or that it buys
    nothing for this model."""

    def worth(r: Report) -> tuple[int, float]:
        return (FIT_ORDER[r.fit], -_quality_of(r))

    by_size = sorted(rs, key=lambda r: r.hardware.memory_gb)
    best = min(worth(r) for r in by_size)
    pick = next(r for r in by_size if worth(r) == best)
    small = by_size[0]
    size = f"{pick.hardware.memory_gb:g} GB"
    if pick is small:
        return f" The {size} is enough for it: more memory does not run it better."
    if small.fit == "wont_fit":
        was = f"the {small.hardware.memory_gb:g} GB does not hold it"
    else:
        was = f"on the {small.hardware.memory_gb:g} GB at {small.quant} ({small.fit_label.lower()})"
    return f" Get the {size}: there it runs at {pick.quant} ({pick.fit_label.lower()}), {was}."


def _quality_verdict(rs: list[Report], cat: Catalog) -> str:
    """Which of two models compared is the better one, beside which is faster: by the quality
    index the advice ranks by, read the way it reads it (within INDEX_TIE_SHARE the clearly
    bigger model is the stronger; fitengine.advise), with the figures and where they are from."""
    if len(rs) != 2 or not all(r.model_quality for r in rs) or rs[0].model.id == rs[1].model.id:
        return ""
    a, b = sorted(rs, key=lambda r: -r.model_quality.value)
    qa, qb = a.model_quality, b.model_quality
    if qa.task != qb.task or qb.value <= 0:
        return ""
    figures = f"{qa.value:.1f} vs {qb.value:.1f}"
    if qa.basis == qb.basis:
        figures += f" on the {qa.basis.split(',')[0]}"
    elif qa.estimated or qb.estimated:
        figures += ", one of them estimated"
    elif (scale := _index_scale(qa.basis)) == _index_scale(qb.basis):
        # two older models' leaderboard scores mapped onto the index: the scale said, not bare
        # figures ("(7.3 vs 4.1)")
        mapped = sum(" mapped onto " in x.basis for x in (qa, qb))
        figures += f" on the {scale}" + (
            ", mapped from other benchmarks"
            if mapped == 2
            else ", one of them mapped from another benchmark"
        )
    if qa.value >= (1 + INDEX_TIE_SHARE) * qb.value:
        return f" {a.model.name} is the stronger model ({figures})."
    size = {r.model.id: effective_size_b(cat.models[r.model.id]) for r in rs}
    big, small = sorted(rs, key=lambda r: -size[r.model.id])
    if size[big.model.id] >= TIE_SIZE_STEP * size[small.model.id]:
        why = "the bigger model"
        if cat.models[small.model.id].moe is not None:
            why += f" ({small.model.name} counts as about a dense {size[small.model.id]:.0f}B)"
        return f" {big.model.name} is likely the stronger model: close in quality ({figures}) and {why}."
    return f" About as good as each other ({figures})."


def _index_scale(basis: str) -> str:
    """The index a quality figure is on: the one a leaderboard score was mapped onto ("Open LLM
    Leaderboard v2 average 6.41 (2025-03), mapped onto Artificial Analysis Intelligence Index
    v4.0"), else the basis's own first part."""
    return basis.split(" mapped onto ", 1)[-1].split(",")[0]


# --------------------------------------------------------------------------- text card


def _memory_cell(r: Report) -> str:
    """GPU memory used of usable, and what an offloaded answer keeps in RAM apart: its total is
    over the GPU's memory by design ("12.3/12.5 + 13.9 RAM", not "26.2/12.5"), and the token
    embeddings llama.cpp keeps in RAM are no part of the GPU's load."""
    p = r.placement
    used, usable = _memory_use(r)
    if r.fit == "wont_fit" and r.hardware.kind in SHARED_KINDS:
        # one pool (a Mac's GPU share and the rest of the same memory): what the model needs of
        # all of it, as the headline says, not a GPU share over its limit plus "RAM"
        return f"{sold_gb(r.memory.total_gb):.1f}/{usable + _ram_beside(r):.1f}"
    ram = (
        f" + {sold_gb(p.ram_needed_gb):.1f} RAM"
        if p.kind in ("partial_offload", "moe_offload")
        else ""
    )
    return f"{used:.1f}/{usable:.1f}{ram}"


def _ram_beside(r: Report) -> float:
    """GB (as sold) of system RAM beside the devices the model runs on, free for it; 0 where the
    model runs in one pool (a CPU, a unified-memory box placed as one)."""
    p = r.placement
    return sold_gb(p.ram_available_gb) if p.devices and p.kind not in ("cpu", "unified") else 0.0


def _memory_use(r: Report) -> tuple[float, float]:
    """GB (as memory is sold, units.sold_gb) used and usable where the model runs: the GPUs' own
    when it runs on GPUs (the headline and the list agree with the card's per-device rows, "14.6
    of 15.6", not the total with the embeddings in RAM over the GPU's memory), else the one
    memory pool."""
    p = r.placement
    if p.kind in ("cpu", "unified") or not p.devices:
        used, usable = r.memory.total_gb, r.memory.available_gb
    else:
        used = sum(d.total_gb for d in p.devices)
        usable = sum(d.available_gb for d in p.devices)
    return sold_gb(used), sold_gb(usable)


def _setup_usable(r: Report) -> float:
    """GB usable on the whole setup, though the run may keep to fewer of its devices: a model one
    machine of a cluster holds stays on it (the others idle), yet the setup has them all."""
    usable = _memory_use(r)[1]
    n, idle = r.hardware.count, len(r.placement.idle)
    if idle and n > idle and r.hardware.parts is None:  # one kind of device: equal shares
        usable *= n / (n - idle)
    return usable


def render_answer_text(answer: Answer) -> str:
    """A plain-text card: the message, then a table for list answers (or the choices)."""
    lines = [answer.message]
    rs = answer.reports
    if answer.intent in ("best_model_for_hw", "best_hw_for_model", "compare") and rs:
        show_model = answer.intent != "best_hw_for_model" and (
            answer.intent == "best_model_for_hw" or len({r.model.id for r in rs}) > 1
        )
        show_hw = answer.intent != "best_model_for_hw" and (
            answer.intent == "best_hw_for_model" or len({r.hardware.name for r in rs}) > 1
        )
        cols = [
            *(["model"] if show_model else []),
            *(["hardware"] if show_hw else []),
            "quant",
            "fit",
            "tok/s",
            "memory GB",
            _grade_column(rs),
        ]
        rows = []
        for r in rs:
            hw = _hw(r)
            rows.append(
                [
                    *([r.model.name] if show_model else []),
                    *([hw] if show_hw else []),
                    r.quant,
                    r.fit_label,
                    approx_tok_s(r.decode_tok_s) if r.decode_tok_s else "-",
                    _memory_cell(r),
                    r.list_grade or "-",
                ]
            )
        widths = [max(len(c), *(len(row[i]) for row in rows)) for i, c in enumerate(cols)]
        fmt = "  ".join(f"{{:<{w}}}" for w in widths)
        lines.append("")
        lines.append(fmt.format(*cols).rstrip())
        lines.extend(fmt.format(*row).rstrip() for row in rows)
    elif answer.suggestions:
        lines.append("")
        lines.extend(f"- {s}" for s in answer.suggestions)
    return "\n".join(lines)


def _grade_column(rs: list[Report]) -> str:
    # a row grades the list's workload, a card with no workload named weighs all five: the
    # header says which, so "S" here and "B" on the model's own card do not read as a contradiction
    workloads = {r.workload for r in rs}
    return f"{workloads.pop()} grade" if len(workloads) == 1 else "grade"


__all__ = ["Answer", "ask", "render_answer_text"]
