"""Advice built on analyze(): the best models for a setup, the setups for a model, and
side-by-side comparisons.

best_models ranks what runs at a speed the workload can use by how good the model is: its
published quality for the workload's task (fitengine/quality.py: the Artificial Analysis
Intelligence Index and task benchmarks, interpolated within a family where none is published),
discounted by what the quant the setup forces costs. Every route counts: fully on the GPU, MoE
expert offload with the system RAM the person has, partial offload, CPU only: analyze() picks the
configuration for each model and this module only ranks. A model is superseded when a newer
release of its family with the same role, at least ~3/4 its size, runs here too: it then comes
after the current generation (an old model appears only when nothing newer of its kind runs).

Results are cached per question: the same setup asked twice costs one dictionary lookup.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from . import constants as C
from .catalog import Catalog, Hardware, Model, default_catalog
from .configs import (
    GOOD_QUALITY,
    KV_FIRST,
    READING_TOK_S,
    TIGHT_COST,
    USABLE_QUALITY,
    below_worth_running,
    quant_quality,
)
from .engine import EngineError, Verdict, _model, analyze, verdict
from .language import default_language
from .memory import SHARED_KINDS, file_size
from .quality import effective_size_b, model_quality, on_overall_scale
from .report import QuantRow, Report
from .request import find_hardware
from .setups import setup_rules

MULTI_GPU_COUNTS = (2, 3, 4, 8)
# The most cards of one kind a board takes (server and mining boards: 8 PCIe slots); "how many
# 3090s" past it is answered with what that many run, at the quant that fits them, as well.
MAX_CARDS = max(MULTI_GPU_COUNTS)
PER_TIER = 2  # best_hardware: single devices, and multi-GPU setups, shown per memory size
MAX_ROUTE_CALLS = 14  # best_hardware: analyze() calls per route at most
# _may_reach: the share of a model's memory need taken as its weights (a pruning bound, design
# choice: at long contexts the KV cache is more than a fifth, and the bound then prunes harder)
WEIGHT_SHARE = 0.8
FLOOR_CALLS = 3  # ... times this with a speed wished for (design choice: small setups fall short)
REFERENCE_QUANT = "Q4_K_M"  # what "needs X GB" assumes when the question names no quant
GOOD_QUANT = GOOD_QUALITY  # quant quality (catalog/quants.yaml) of "runs at a good quant"
SUPERSEDE_SIZE = 0.75  # a newer release this much of the size (or more) replaces an old one
# ... and at most this many times it: a much bigger newer model is another kind, not the next
# release of the same one (a 180B-A6B does not make a 35B-A3B an old generation)
SUPERSEDE_SIZE_MAX = 2.0
EXTRA_WALK = 4  # models beyond `limit` the walk collects before it may stop
_ROLE_TAGS = {"coding", "reasoning", "general", "vision"}
# What a quant keeps of a model's quality, as a share of it: 1 at full precision, falling with the
# quant's own quality figure (KL divergence on the 0-100 scale of catalog/quants.yaml) to 0.6 at
# the worst. Design choice: a big model at 2-3 bits still beats a much smaller one at 8 (the
# common experience with large MoEs at unsloth's dynamic quants), but not a same-size one at 4.
QUANT_KEEPS_FLOOR = 0.6
# ... but below a good quant (GOOD_QUANT: Q4-class) a model loses what it knows fast, the more so
# under ~70B (3-bit files of 12-30B models: the KL divergence roughly doubles per bit lost, and
# people who run both take the smaller model at Q4 over the bigger one at 3 bits): there each point
# of quant quality lost costs this share of the worth, not QUANT_KEEPS_FLOOR's 0.4 (design choice:
# a 26B-A4B at 3 bits on a 16 GB Mac is not the pick over a 9B at Q5, nor a 122B-A10B at 2 bits
# with its experts in RAM over a 9B at Q8 or a 26B-A4B at Q4 on a 12 GB card). A big MoE at 3 bits
# keeps most of it: its quant quality is already higher (catalog/quant_loss.yaml, experts_exponent).
QUANT_KEEPS_LOW_SLOPE = 1.5
# Decoding at half the speed the workload wants leaves 0.5 ** 0.5 = 71% of a model's worth in a
# list (design choice: a dense 27B crawling at 11 tok/s with layers in RAM ranks below a MoE of
# slightly lower quality at 36 tok/s, as people who run both advise).
SPEED_EXPONENT = 0.5
# Two models whose worth differs by less than this share the published index cannot tell apart:
# a model's AA index v4.0 and v4.1 figures (v4.1 mapped onto v4.0 as catalog/metrics.yaml fits
# it) differ by a median 7.6% over the 43 open models the catalog has both for, so which version
# of the evaluations is used decides such a difference. Within it the bigger model comes first,
# by the size quality scales with across the catalog (effective size: sqrt(total x active) for a
# MoE, fitengine/quality.py): the index gives what a model knows one evaluation of ten
# (AA-Omniscience), and the bigger model is what people who have the memory run (a 180B-A6B
# before a 35B-A3B on a 128 GB machine; a dense 27B before a 35B-A3B).
INDEX_TIE_SHARE = 0.075
# ... when it is clearly bigger: this many times the effective size of the best one (design
# choice: a 30B-A3B and a 26B-A4B are the same size class; a 27B and a 35B-A3B, at 27 and 11, are
# not).
TIE_SIZE_STEP = 1.5
# Where keeping to the workload's speed floor costs this much quality (the best model at reading
# speed is this many times better than the best at the floor: a 2B against a 0.8B on a Raspberry
# Pi), the list takes the slower ones too, their speed discounted and their label "slow" (design
# choice: a third of the quality is worth a wait; less is not).
RELAX_GAIN = 1.5
# A model with less than this share of the quality of the best one in the list is no pick
# (design choice: a 135M next to a 2B; on real machines the tenth pick is still over half).
USEFUL_SHARE = 1 / 3
# A list shorter than this (families) is topped up with the models just under the workload's
# speed floor whose estimate band reaches it, marked so in the answer (design choice: three picks,
# what a "best model" reply carries; a model whose band spans the floor may well run at it, and
# dropping it leaves one pick where a regular names three or four)
MIN_LIST = 3
# "Fastest" still means a decent model: at least this share of the best worth found there
# (design choice: within about a third of the best).
DECENT_SHARE = 0.65
# "Fastest": another quant counts as faster when it decodes this much faster (about one quant
# step of bandwidth; configs.NEAR_FASTEST is the same 10%).
FASTER = 1.1
# "A 70b model" means 63-77B: sizes are quoted to the nearest class (7, 8, 14, 32, 70 ...).
SIZE_WINDOW = 1.1
# a model is one of today's when released within this many months of the catalog's newest (design
# choice: a year, what a regular calls current)
CURRENT_MONTHS = 12
# "what 100B models are interesting": a size class with none of today's models within SIZE_WINDOW
# means today's models around it, up to this share above it (names round down: gpt-oss-120b is
# 117B, Qwen3.5-122B-A10B 122B; design choice: the step between the classes people say, 70/100/120)
CLASS_WINDOW = 1.3
# "Under 8b" takes an "8B" of 8.2B (Qwen3 8B), "over 100b" a 96B: a size said is a model's name,
# which rounds its count (design choice: 5%, the rounding of the names in the catalog).
BOUND_SLACK = 1.05
# an active size said ("a 3B active model") is a name's round figure: Qwen3.6-35B-A3B has 3.46B
# active, gpt-oss-20b 3.6B (design choice: the window a said active size covers, each way)
ACTIVE_WINDOW = 1.2
# The orders best_models can rank by.
ORDERS = ("quality", "fastest", "biggest")


def _cat(catalog: Catalog | None) -> Catalog:
    return catalog or default_catalog()


def _workload_tags(workload: str | None, catalog: Catalog | None) -> frozenset[str]:
    """The model tags that make a model a natural pick for the workload (its `model_tags` in
    catalog/workloads.yaml); none for no workload or one the catalog does not have."""
    w = _cat(catalog).workloads.get(workload) if workload else None
    return frozenset(w.model_tags) if w else frozenset()


def quality_task(workload: str | None, catalog: Catalog, task: str | None = None) -> str:
    """The quality task a list ranks by: the one asked, else the workload's, else overall."""
    if task:
        return task
    w = catalog.workloads.get(workload) if workload else None
    return w.quality_task if w else "overall"


def capability(m: Model, workload: str | None = None, catalog: Catalog | None = None) -> float:
    """How good a model is for the workload (the quality index of its task), for ranking."""
    cat = _cat(catalog)
    return model_quality(m, cat, quality_task(workload, cat)).value


def speed_keeps(r: Report, cat: Catalog) -> float:
    """The share of a model's worth left when it decodes slower than the workload wants:
    (decode / wanted) ** SPEED_EXPONENT below it, 1 at or above it."""
    w = cat.workloads.get(r.workload)
    want = w.good_decode_tok_s if w else 30.0
    return min(1.0, (r.decode_tok_s or 0.0) / want) ** SPEED_EXPONENT


def quant_keeps(quant_quality_value: float) -> float:
    """The share of a model's quality a quant keeps (see QUANT_KEEPS_FLOOR and
    QUANT_KEEPS_LOW_SLOPE)."""
    q = max(0.0, min(quant_quality_value, 100.0)) / 100.0
    good = GOOD_QUANT / 100.0
    slope = (1.0 - QUANT_KEEPS_FLOOR) if q >= good else QUANT_KEEPS_LOW_SLOPE
    at_good = QUANT_KEEPS_FLOOR + (1.0 - QUANT_KEEPS_FLOOR) * good
    return max(0.0, at_good + slope * (q - good))


def worth_here(r: Report, catalog: Catalog | None = None) -> float:
    """What a model is worth on the setup of its report, as best_models weighs it: its quality
    for the workload, less what its quant and its decode speed take away."""
    cat = _cat(catalog)
    m = cat.models[r.model.id]
    return (
        capability(m, r.workload, cat)
        * quant_keeps(_ranked_quant_quality(r, cat))
        * speed_keeps(r, cat)
    )


def _role(m: Model, workload: str | None, catalog: Catalog | None) -> frozenset[str]:
    tags = set(m.tags)
    return frozenset(tags & (_workload_tags(workload, catalog) if workload else _ROLE_TAGS))


@dataclass(frozen=True)
class _Named:
    id: str | None = None
    kind: str | None = None


@dataclass(frozen=True)
class _Headline:
    """The fields of a report that the keep-or-drop tests here read (_usable, _readable,
    _good_here, _quant_quality), taken from a verdict as engine.report writes them: a candidate
    is dropped before its report (commands, next steps, siblings analysed) is written."""

    model: _Named
    hardware: _Named
    quant: str
    workload: str
    fit: str
    decode_tok_s: float | None
    grade: str | None
    placement: _Named
    workloads: list

    @classmethod
    def of(cls, v: Verdict) -> _Headline:
        return cls(
            model=_Named(id=v.req.model.id),
            hardware=_Named(kind=v.req.setup.hw.kind),
            quant=v.run.quant.id,
            workload=v.req.workload.id,
            fit=v.run.fit,
            decode_tok_s=v.figures.decode,
            grade=v.grade,
            placement=_Named(kind=v.run.placement.kind),
            workloads=v.results,
        )


def _report_if(v: Verdict, cat: Catalog, keep) -> Report | None:
    """v's report when `keep` holds for its headline (None otherwise)."""
    h = _Headline.of(v)
    if h.quant in cat.quants and not keep(h):
        return None
    # (a quant the catalog lacks: _quant_quality reads the report's rows, so write it)
    return v.report()


def _speed_floor(w) -> float:
    """The decode speed a workload can use (its min_decode_tok_s); with no workload, chat's
    10 tok/s (catalog/workloads.yaml)."""
    return w.min_decode_tok_s if w else 10.0


def _usable(r: Report | _Headline, catalog: Catalog) -> bool:
    """Runs at a speed the workload can use: it fits (any route) and decodes at least as fast as
    the workload's minimum, with a grade that is not D or F, at a quant worth running for it
    (configs.below_worth_running: no UD-Q2_K_XL in a list for agentic coding)."""
    w = catalog.workloads.get(r.workload)
    floor = _speed_floor(w)
    if below_worth_running(_quant_quality(r, catalog), w):
        return False
    # on unified memory (a Mac, Strix Halo) "system RAM" is the same memory the GPU share came
    # out of, less what the OS needs: advice keeps a model inside the GPU's share
    shared = r.hardware.kind in ("apple", "unified", "igpu") and r.fit == "offload"
    return (
        r.fit != "wont_fit"
        and not shared
        and (r.decode_tok_s or 0) >= floor
        and r.grade not in ("D", "F")
    )


def usable(r: Report, catalog: Catalog | None = None) -> bool:
    """The report runs at a speed its workload can use (what best_models lists first)."""
    return _usable(r, _cat(catalog))


def near_floor(r: Report, catalog: Catalog | None = None) -> bool:
    """The report is one best_models tops a short list up with (_near_floor)."""
    return _near_floor(r, _cat(catalog))


def _readable(r: Report | _Headline, cat: Catalog) -> bool:
    """Runs at least as fast as people read (READING_TOK_S), with memory to spare, at a good
    quant (a better model, not a squeezed one), with a grade above F: slow, but an answer (a 2B
    on a Raspberry Pi)."""
    return (
        r.fit == "runs_well"
        and (r.decode_tok_s or 0) >= READING_TOK_S
        and r.grade != "F"
        and _quant_quality(r, cat) >= GOOD_QUANT
    )


def _quant_row(r: Report, quant: str) -> QuantRow | None:
    return next((q for q in r.quants if q.quant == quant), None)


def _quant_quality(r: Report | _Headline, cat: Catalog | None = None) -> float:
    if cat is not None and r.quant in cat.quants:
        return quant_quality(cat.models[r.model.id], cat.quants[r.quant], cat)
    row = _quant_row(r, r.quant)
    return row.quality if row else 90.0


def _ranked_quant_quality(r: Report, cat: Catalog) -> float:
    """The quant's quality as a list weighs it: a tight fit (the macOS wired limit raised, no room
    for the context to grow) counts TIGHT_COST lower, as the quant choice weighs one
    (fitengine/configs.py), so a model squeezed into all the memory does not lead a roomy one of
    about its worth."""
    qq = _quant_quality(r, cat)
    return qq - TIGHT_COST if r.fit == "tight" else qq


def _superseded(
    m: Model, newer: list[Model], workload: str | None, catalog: Catalog | None = None
) -> Model | None:
    """A newer model of the same family and role, of about its size (SUPERSEDE_SIZE to
    SUPERSEDE_SIZE_MAX of it), from `newer` (those that run here at a good quant): the one that
    makes `m` an old generation."""
    role = _role(m, workload, catalog)
    mine = m.released or ""
    for n in newer:
        if (
            n.id != m.id
            and n.family == m.family
            and n.is_moe == m.is_moe  # a dense 27B does not replace a fast 35B-A3B
            and (n.released or "") > mine
            and SUPERSEDE_SIZE <= effective_size_b(n) / effective_size_b(m) <= SUPERSEDE_SIZE_MAX
            and role <= _role(n, workload, catalog)
        ):
            return n
    return None


# --------------------------------------------------------------------------- best models


def best_models(
    hardware: str | Hardware | None,
    *,
    gpus: int = 1,
    vram_gb: float | None = None,
    ram_gb: float | None = None,
    workload: str | None = None,
    context: int | None = None,
    kv_type: str | None = None,
    limit: int = 10,
    task: str | None = None,
    tags: tuple[str, ...] = (),
    order: str = "quality",
    host: str | Hardware | None = None,
    setup: tuple[tuple[str, int, float | None], ...] | None = None,
    family: str | None = None,
    own_memory: bool = False,
    params_b: tuple[float, float] | None = None,
    min_tok_s: float | None = None,
    parallel: int | None = None,
    catalog: Catalog | None = None,
) -> list[Report]:
    """The models that run at a usable speed on this setup, best first (one size per family).

    `task` ranks by another quality task (creative, vision, long_context, tool_use ...), `tags`
    keeps only models with all of them (vision, uncensored ...), `order` is "quality" (default),
    "fastest" or "biggest"; `host` the CPU of a GPU box (analyze's); `setup` a mixed rig as
    analyze takes it ((hardware, count, vram_gb or None), ...), in place of `hardware`;
    `family` keeps to one model family (Model.family: "the largest qwen I can run");
    `own_memory` weighs each model at its best quant whole in the devices' own memory (what a card
    is good for, without the system RAM a MoE's experts could take: fitengine/shopping.py);
    `params_b` the (least, most) parameter count in billions (size_range: "over 100b");
    `min_tok_s` a decode speed each must reach ("at least 30 tok/s"), at its fastest good quant
    when its best one is slower; `parallel` the requests served at once (a KV cache each, and the
    speed each request gets at that load)."""
    cat = _cat(catalog)
    if setup:
        hardware, gpus, vram_gb = None, 1, None
        setup = tuple((str(h), int(n or 1), v) for h, n, v in setup)
    if order not in ORDERS:
        raise ValueError(f"order must be one of {', '.join(ORDERS)}")
    hw_id = hardware.id if isinstance(hardware, Hardware) else hardware
    if host is not None:
        host_hw = host if isinstance(host, Hardware) else find_hardware(cat, host, None)[0]
        if ram_gb is None:
            ram_gb = host_hw.memory_gb  # the host's RAM, for the prefilters too
        host = host_hw.id
    return list(
        _best_models_cached(
            cat,
            hw_id,
            gpus or 1,
            vram_gb,
            ram_gb,
            workload,
            context,
            kv_type,
            max(1, limit),
            task,
            tuple(sorted(tags)),
            order,
            host,
            setup or None,
            family,
            own_memory,
            params_b,
            min_tok_s,
            parallel,
        )
    )


def _cache_per_catalog(fn):
    """functools.lru_cache keyed on the catalog's identity (catalogs are not hashable by value)."""
    cached = functools.lru_cache(maxsize=256)(lambda cid, *a: fn(_CATALOGS[cid], *a))

    @functools.wraps(fn)
    def wrapper(cat: Catalog, *args):
        _CATALOGS[id(cat)] = cat
        return cached(id(cat), *args)

    wrapper.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    return wrapper


_CATALOGS: dict[int, Catalog] = {}


def _setup_hw(cat: Catalog, name: str) -> Hardware:
    return cat.hardware.get(name) or find_hardware(cat, name, None)[0]


def _memory_budget(cat: Catalog, hw: Hardware | None, gpus, vram_gb, ram_gb) -> tuple[float, float]:
    """(fast memory, everything incl. system RAM) in GB, for cheap prefilters."""
    mem = vram_gb or (hw.memory_gb if hw else 12.0)
    if hw is not None and hw.kind in ("cpu", *SHARED_KINDS):
        # one pool: stated RAM is the device's memory (make_setup reads it the same way), an
        # iGPU's smaller frame buffer a slice of it
        slice_of_ram = hw.kind == "igpu" and vram_gb is not None and (ram_gb or 0) > vram_gb
        fast = (ram_gb if vram_gb is None or slice_of_ram else None) or mem
        return fast, fast
    fast = mem * (gpus if hw is None or hw.kind == "gpu" else 1)
    if hw is None or hw.kind == "gpu":
        return fast, fast + (ram_gb if ram_gb is not None else C.DEFAULT_RAM_GIB)
    return fast, fast


@_cache_per_catalog
def _best_models_cached(
    cat: Catalog,
    hw_id: str | None,
    gpus: int,
    vram_gb: float | None,
    ram_gb: float | None,
    workload: str | None,
    context: int | None,
    kv_type: str | None,
    limit: int,
    task: str | None,
    tags: tuple[str, ...],
    order: str,
    host: str | None = None,
    setup: tuple[tuple[str, int, float | None], ...] | None = None,
    family: str | None = None,
    own_memory: bool = False,
    params_b: tuple[float, float] | None = None,
    min_tok_s: float | None = None,
    parallel: int | None = None,
) -> tuple[Report, ...]:
    hw = cat.hardware.get(hw_id) if hw_id else None
    lo, hi = params_b or (0.0, math.inf)
    if setup:
        # a mixed rig: the cards' memory together, and the RAM beside them
        fast_mem = sum((v or _setup_hw(cat, h).memory_gb) * n for h, n, v in setup)
        budget = fast_mem + (ram_gb if ram_gb is not None else C.DEFAULT_RAM_GIB)
    else:
        fast_mem, budget = _memory_budget(cat, hw, gpus, vram_gb, ram_gb)
    if own_memory:
        budget = fast_mem
    qtask = quality_task(workload, cat, task)
    want = set(tags)
    # on the overall index's scale, where a quant's or a speed's discount as a share means
    # something (fitengine.quality.on_overall_scale)
    quality = {
        m.id: on_overall_scale(model_quality(m, cat, qtask).value, qtask, cat)
        for m in cat.models.values()
    }
    # an uncensored variant is what someone asks for, never a default pick; a model stock
    # llama.cpp cannot load yet is no pick at all (its own card says where it runs)
    models = [
        m
        for m in cat.models.values()
        if want <= set(m.tags)
        and ("uncensored" in want or "uncensored" not in m.tags)
        and (family is None or m.family == family)
        and m.pending_llama_cpp is None
        and lo <= m.params_b <= hi
    ]
    if order == "biggest":
        models.sort(key=lambda m: -m.params_b)
    else:
        # best first, so the walk can stop once nothing left can enter the list
        models.sort(key=lambda m: -quality[m.id])
    kw = dict(
        gpus=gpus,
        vram_gb=vram_gb,
        ram_gb=ram_gb,
        workload=workload,
        context=context,
        kv_type=kv_type,
        # "fastest": each model at the configuration the interactive lens picks (more speed)
        mode="interactive" if order == "fastest" else "balanced",
        host=host,
        # "for a 7-person team": each model with a KV cache per request served at once, and its
        # speed per request at that load (what each person sees)
        parallel=parallel,
        catalog=cat,
    )
    if setup:
        # analyze's mixed rig replaces the hardware, the GPU count and the memory size
        for k in ("gpus", "vram_gb"):
            kw.pop(k)
        kw["setup"] = [list(part) for part in setup]
    found: list[tuple[float, Report, Model]] = []
    slow: list[tuple[float, Report, Model]] = []  # readable, but under the workload's floor
    near: list[tuple[float, Report, Model]] = []  # not readable, but its band reaches the floor
    families: dict[tuple[str, bool, int], float] = {}
    for m in models:
        # nothing further down can beat the limit-th family found
        if (
            order == "quality"
            and len(families) >= limit + EXTRA_WALK
            and quality[m.id] < sorted(families.values())[-limit]
        ):
            break
        # cheap prefilters: a model's weights at ~2.5 bits must fit somewhere; a dense one at
        # ~3.5 bits in the fast memory (dense layers in system RAM crawl)
        if m.params_b * 2.5 / 8 > budget:
            continue
        if not m.is_moe and m.params_b * 3.5 / 8 > fast_mem * 1.05:
            continue
        try:
            v = verdict(m, hw_id, **kw)
            if own_memory and v.run.fit == "offload":
                v = _in_own_memory(v, m, hw_id, kw)
                if v is None:
                    continue
            r = _report_if(v, cat, lambda h: _usable(h, cat) or _readable(h, cat))
            h = _Headline.of(v)
            if r is None and h.quant in cat.quants and _quant_quality(h, cat) < GOOD_QUANT:
                # squeezed below a good quant to reach the workload's floor (a 2B at 2 bits on a
                # Pi): at its fastest good quant it may still be read as it streams
                r = _readable_at_good_quant(v.report(), m, hw_id, kw, cat)
        except EngineError:
            continue
        if r is None:
            continue  # neither usable nor readable: dropped below all the same
        if own_memory and r.fit == "offload":
            continue  # brought back to a quant that needs the RAM (_readable_at_good_quant)
        if own_memory and r.memory.total_gb > fast_mem:
            # on the GPU only because llama.cpp keeps the token embeddings in host RAM: a card
            # that needs more than the memory said reads as not fitting in it
            continue
        if min_tok_s and (r.decode_tok_s or 0) < min_tok_s:
            # the speed asked for: the model at its fastest good quant that reaches it, or not
            row = _fastest_good_row(r, m, cat, floor=min_tok_s)
            if row is None:
                continue
            try:
                r = analyze(m, hw_id, quant=row.quant, **kw)
            except EngineError:
                continue
            if (r.decode_tok_s or 0) < min_tok_s:
                continue
        qq = _quant_quality(r, cat)
        eff = quality[m.id] * quant_keeps(_ranked_quant_quality(r, cat)) * speed_keeps(r, cat)
        if qq < USABLE_QUALITY:
            # only at a quant that has lost what the model knew (IQ2_XXS of a 35B-A3B in a 16 GB
            # Mac's GPU share): a pick only where it is far better than everything else here
            slow.append((eff, r, m))
            continue
        if not _usable(r, cat):
            if _readable(r, cat):
                slow.append((eff, r, m))
            elif _near_floor(r, cat):
                near.append((eff, r, m))
            continue
        found.append((eff, r, m))
        key = _family_key(m)
        families[key] = max(eff, families.get(key, -1e9))
    floor, able = _capability_floor(workload, qtask, quality, [m for *_x, m in found + slow], cat)
    found = _capable_first(found, slow, able, floor, cat)
    # a tag chosen by size for speed (code completion: Language.every_size_tags) keeps each size
    # of a family and every model of the tag that runs, however far below the best
    every_size = bool(want & default_language().every_size_tags)
    if not every_size:
        found = _relaxed(found, slow, quality)
    listed = {m.id for *_x, m in found}
    found = _topped_up(found, slow + near, able, floor, quality, cat)
    # the models topped up come after the ones at the workload's speed
    topped = {m.id for *_x, m in found} - listed
    newer = [m for _eff, r, m in found if _quant_quality(r, cat) >= GOOD_QUANT]
    if order == "fastest" and found:
        # "the fastest decent model": the fastest among those close to the best found, each at
        # its fastest good quant (a Q4 with fewer experts in RAM before a Q6 with more)
        top = max(eff for eff, _r, _m in found)
        found = [
            (eff, at_fastest_good_quant(r, m, hw_id, kw, cat), m)
            for eff, r, m in found
            if eff >= DECENT_SHARE * top
        ]
    ranked = []
    for eff, r, m in found:
        # sizes of one generation released months apart are each a choice where every size is
        # a model the catalog marks replaced (Model.superseded, the legacy tag) comes after
        # today's wherever it runs: whatever fits it fits a newer, better one of its kind
        old = not every_size and (_superseded(m, newer, workload, cat) is not None or _past(m))
        if order == "fastest":
            key = (old, -(r.decode_tok_s or 0))
        elif order == "biggest":
            # biggest of today's models: a year older than the newest in the catalog comes after
            key = (old or _months_before_newest(m, cat) > CURRENT_MONTHS, -m.params_b, -eff)
        else:
            key = ((old, m.id in topped), -eff, -(r.decode_tok_s or 0))
        ranked.append((key, r, m))
    ranked.sort(key=lambda x: x[0])
    if order == "quality":
        ranked = _ties_by_size(ranked, cat)
    out: list[Report] = []
    seen: set[tuple[str, bool, int]] = set()
    fast_dense: dict[str, float] = {}  # family -> size of its biggest dense model listed fast
    for _key, r, m in ranked:
        k = _family_key(m)
        if k in seen:
            continue
        if (
            order == "quality"
            and not every_size
            and not m.is_moe
            and m.params_b < fast_dense.get(m.family, 0.0)
        ):
            # a smaller dense model of a family whose bigger (and better: listed first) dense
            # model already decodes at the speed the workload wants here is only faster, which a
            # "best" list does not rank by (a 9B beside a 27B at 32 tok/s on a 24 GB card)
            continue
        seen.add(k)
        out.append(r)
        if not m.is_moe and speed_keeps(r, cat) >= 1.0:
            fast_dense[m.family] = max(m.params_b, fast_dense.get(m.family, 0.0))
        if len(out) >= limit:
            break
    return tuple(out)


def _capability_floor(
    workload: str | None,
    qtask: str,
    quality: dict[str, float],
    models: list[Model],
    cat: Catalog,
) -> tuple[float | None, dict[str, float]]:
    """The workload's capability floor (Workload.min_quality) on the overall scale, and the
    `models`' capability on the workload's own task to hold against it: the list's ranking
    figures when it ranks by that task, else that task's (an agent asked for "with tool calls"
    ranks by tool use and still needs an agent's coding ability). (None, the ranking figures)
    when the workload has no floor."""
    w = cat.workloads.get(workload) if workload else None
    if w is None or w.min_quality is None:
        return None, quality
    task = w.quality_task
    if task != qtask:
        quality = {
            m.id: on_overall_scale(model_quality(m, cat, task).value, task, cat) for m in models
        }
    return on_overall_scale(w.min_quality, task, cat), quality


def _capable_first(
    found: list, slow: list, able: dict[str, float], floor: float | None, cat: Catalog
) -> list:
    """Capability first, then speed (`able`: each model's capability against the floor): where a
    model at the workload's capability floor runs here (at its speed floor, else at reading speed
    at a good quant: slow, but it can do the work), the ones under the floor are no answer; where
    none does, the list is as it was (the best of what runs)."""
    if floor is None:
        return found
    capable = [x for x in found if able[x[2].id] >= floor]
    if capable:
        return capable
    return [x for x in slow if able[x[2].id] >= floor and _readable(x[1], cat)] or found


def _near_floor(r: Report, cat: Catalog) -> bool:
    """Not usable for the workload (_usable), but near it: its decode estimate's band reaches the
    workload's speed floor (a little under it, or over it with a D for a slow first token: an
    agent's long prompt read on a CPU), it fits (any route but a Mac's or an APU's RAM past the GPU
    share) at a quant worth running for the work, graded above F."""
    w = cat.workloads.get(r.workload)
    floor = _speed_floor(w)
    band = r.decode_band.high if r.decode_band else (r.decode_tok_s or 0)
    shared = r.hardware.kind in ("apple", "unified", "igpu") and r.fit == "offload"
    return (
        r.fit != "wont_fit"
        and not shared
        and r.grade != "F"
        and not below_worth_running(_quant_quality(r, cat), w)
        and band >= floor
        and not _usable(r, cat)
    )


def _topped_up(
    found: list, slow: list, able: dict[str, float], floor: float | None, quality, cat: Catalog
) -> list:
    """A list of fewer than MIN_LIST families, joined by the best of the slower models whose
    band reaches the workload's speed floor (_near_floor), able enough for the work and of a
    useful quality beside the best listed, one per family, best worth first."""
    fams = {_family_key(m) for *_x, m in found}
    if len(fams) >= MIN_LIST or not found:
        return found
    have = {m.id for *_x, m in found}
    top = max(quality[m.id] for *_x, m in found)
    out = list(found)
    for x in sorted(slow, key=lambda x: -x[0]):
        _eff, r, m = x
        k = _family_key(m)
        if (
            m.id in have
            or k in fams
            or not _near_floor(r, cat)
            or (floor is not None and able.get(m.id, quality[m.id]) < floor)
            or quality[m.id] < USEFUL_SHARE * top
        ):
            continue
        fams.add(k)
        out.append(x)
        if len(fams) >= MIN_LIST:
            break
    return out


def _relaxed(found: list, slow: list, quality: dict[str, float]) -> list:
    """The models to rank: those at the workload's speed, joined by the slower readable ones
    that are better than all of them when the floor costs RELAX_GAIN of the quality (a slow
    device); then none with under USEFUL_SHARE of the best quality among them."""
    best = max((quality[m.id] for _e, _r, m in found), default=0.0)
    better = [x for x in slow if quality[x[2].id] > best]
    if better and max(quality[m.id] for _e, _r, m in better) >= RELAX_GAIN * best:
        found = found + better
    top = max((quality[m.id] for _e, _r, m in found), default=0.0)
    return [x for x in found if quality[x[2].id] >= USEFUL_SHARE * top]


def _fastest_good_row(r: Report, m: Model, cat: Catalog, floor: float = 0.0):
    """The row of the report's quant table that decodes fastest among the good quants
    (GOOD_QUANT) with a file and a fit, at `floor` tok/s or more; None when there is none."""
    rows = [
        q
        for q in r.quants
        if q.available
        and q.fit != "wont_fit"
        and q.decode_tok_s
        and q.decode_tok_s >= floor
        and q.quant in cat.quants
        and quant_quality(m, cat.quants[q.quant], cat) >= GOOD_QUANT
    ]
    return max(rows, key=lambda q: q.decode_tok_s, default=None)


def at_fastest_good_quant(r: Report, m: Model, hw_id: str | None, kw: dict, cat: Catalog) -> Report:
    """The model on this setup at the quant of its table that decodes fastest among the good
    ones (Q4-class and up: GOOD_QUANT), when that is clearly faster than the report's."""
    best = _fastest_good_row(r, m, cat)
    if best is None or best.quant == r.quant or best.decode_tok_s < FASTER * (r.decode_tok_s or 0):
        return r
    try:
        fast = analyze(m, hw_id, quant=best.quant, **kw)
    except EngineError:
        return r
    return fast if _usable(fast, cat) else r


def _in_own_memory(v: Verdict, m: Model, hw_id: str | None, kw: dict) -> Verdict | None:
    """The model at the best of its table's configurations that needs no system RAM (a file
    to download, whole in the devices' memory); None when none fits there."""
    whole = [c for c in v.table.configs if c.available and c.fit in ("runs_well", "tight")]
    if not whole:
        return None
    best = max(whole, key=lambda c: (c.quality, c.decode or 0.0))
    try:
        out = verdict(m, hw_id, **{**kw, "quant": best.quant.id, "kv_type": best.kv_type})
    except EngineError:
        return None
    return out if out.run.fit != "offload" else None


def _readable_at_good_quant(
    r: Report, m: Model, hw_id: str | None, kw: dict, cat: Catalog
) -> Report | None:
    """The model at the fastest good quant of its table (GOOD_QUANT) when that decodes at
    reading speed and is _readable there; None otherwise."""
    best = _fastest_good_row(r, m, cat, floor=READING_TOK_S)
    if best is None:
        return None
    try:
        good = analyze(m, hw_id, quant=best.quant, **kw)
    except EngineError:
        return None
    return good if _readable(good, cat) else None


def _ties_by_size(ranked: list, cat: Catalog) -> list:
    """The ranked list (keys (old, -worth, ...)) with ties within INDEX_TIE_SHARE broken by size:
    each next pick is the best one left, or the biggest (effective size) of the models of its
    generation flag within the share of its worth that are TIE_SIZE_STEP times its size and run
    at a good quant (a model squeezed to 2-3 bits has lost what its size knew); among such ties
    the ones with room to spare come before tight fits."""
    out = []
    rest = list(ranked)
    while rest:
        old, best = rest[0][0][0], -rest[0][0][1]
        tied = [x for x in rest if x[0][0] == old and -x[0][1] >= best * (1 - INDEX_TIE_SHARE)]
        # what the index cannot tell apart, the memory can: a pick with room to spare before a
        # tight fit (a longer chat, the desktop, a second app), as the quant choice keeps a
        # margin (configs: IQ4_XS with room before Q4_K_M with none)
        roomy = [x for x in tied if x[1].fit != "tight"]
        pool = roomy or tied
        top = pool[0]
        size = effective_size_b(top[2])
        bigger = [
            x
            for x in pool
            if effective_size_b(x[2]) >= TIE_SIZE_STEP * size
            and _quant_quality(x[1], cat) >= GOOD_QUANT
        ]
        pick = max(bigger, key=lambda x: (effective_size_b(x[2]), -x[0][1])) if bigger else top
        out.append(pick)
        rest.remove(pick)
    return out


def _months_before_newest(m: Model, cat: Catalog) -> int:
    """Months between the model's release and the newest release in the catalog (the catalog's
    'now', so answers do not depend on the wall clock)."""
    newest = max((x.released_month or 0 for x in cat.models.values()), default=0)
    return newest - m.released_month if m.released_month is not None else 99


def _family_key(m: Model) -> tuple[str, bool, int]:
    """One size per family in a list: the family, dense or MoE, and the size class (log2 of the
    parameters, what the memory it needs scales with). A 35B-A3B MoE with its experts in RAM and
    a 9B that fits in VRAM are two choices, as are a dense 27B and a 35B-A3B on a 24 GB card;
    Qwen3.5 27B and Qwen3.6 27B are one."""
    return (m.family, m.is_moe, round(math.log2(max(m.params_b, 0.1))))


def size_range(
    size_b: float, bound: str | None = None, to_b: float | None = None
) -> tuple[float, float]:
    """The parameter counts (B) a size said means: "a 7b model" about 7B (within SIZE_WINDOW),
    "over 100b" 100B and up, "under 10b" up to 10B, "from 7b to 32b" (bound "range", `to_b` the
    upper size) 7B to 32B (within BOUND_SLACK: a size is a name, "8B" is 8.2B for Qwen3 8B)."""
    if bound == "range" and to_b is not None:
        return size_b / BOUND_SLACK, to_b * BOUND_SLACK
    if bound == "at_least":
        return size_b / BOUND_SLACK, math.inf
    if bound == "at_most":
        return 0.0, size_b * BOUND_SLACK
    return size_b / SIZE_WINDOW, size_b * SIZE_WINDOW


def size_words(
    size_b: float, bound: str | None = None, active: bool = False, to_b: float | None = None
) -> str:
    """The models a size said names, as a plural noun: "14B-class models", "models of 100B and
    up", "models up to 10B", "MoE models with about 3B active", "models of 7B to 32B"."""
    size = f"{size_b:g}B"
    if active:
        return f"MoE models with about {size} active"
    if bound == "range" and to_b is not None:
        return f"models of {size} to {to_b:g}B"
    if bound == "at_least":
        return f"models of {size} and up"
    if bound == "at_most":
        return f"models up to {size}"
    return f"{size}-class models"


def models_of_size(
    size_b: float,
    catalog: Catalog | None = None,
    limit: int = 3,
    bound: str | None = None,
    task: str | None = None,
    active: bool = False,
    to_b: float | None = None,
    quant: str | None = None,
    widen: bool = False,
) -> list[Model]:
    """'A 7B model', 'under 10b', 'over 100b' (`bound`: size_range): the best current models of
    that size, by the quality `task` (overall when None); none an uncensored copy or one stock
    llama.cpp cannot load. `active`: the size counts a mixture of experts' active parameters
    ("a 3B active model"), within ACTIVE_WINDOW. With a `quant` said ("the unsloth 1.58 bit
    671B"), the models of that size whose catalogued repos carry that file (its size known)
    first, however old, where none of today's does: the file named is theirs. `widen` (models of
    a class to run on a machine, "what 100B models are interesting"): where the window holds none
    of today's models, today's up to CLASS_WINDOW above the size come first."""
    cat = _cat(catalog)
    if not 0 < size_b < math.inf:
        return []
    lo, hi = size_range(size_b, bound, to_b)
    if active:
        lo, hi = size_b / ACTIVE_WINDOW, size_b * ACTIVE_WINDOW
    near = [m for m in cat.models.values() if lo <= _counted(m, active) <= hi and _listable(m)]
    # a size asked is answered with today's models of it: a family's older release of about that
    # size (Qwen2.5 14B and Qwen2.5-Coder 14B beside Qwen3 14B) is its past, whatever its role,
    # and its current successor stands in for it though named a class up ("a 7B model": Qwen2.5
    # 7B's successor is an 8-9B); a bound said ("under 8b") is kept to
    succ = _successors(cat)
    current = [m for m in near if m.id not in succ]
    # (a file of a usual type, Q4_K_M or Q3_K_M, names no one model: many carry it)
    distinctive = quant is not None and quant not in C.COMMON_QUANTS
    filed = [m for m in near if distinctive and any(r.quants.get(quant) for r in m.gguf)]
    if any(m in filed for m in current):
        filed = []  # a file today's models of that size carry too names none of the past ones
    if (
        not filed
        and quant is not None
        and current
        and not any(_carries(m, quant, cat) for m in current)
    ):
        # "671b Q8" where today's model of the size has no Q8_0 in its repos (DeepSeek V3.2's
        # tops out at Q6_K): its family's releases that carry the level asked come first, the
        # level kept, not lost to the newest file's best
        filed = [m for m in near if m.id in succ and _carries(m, quant, cat)]
    if bound is None:
        for m in [m for m in near if m.id in succ]:
            current += [cat.models[i] for i in succ[m.id] if cat.models[i] not in current]
    near = current if current else near
    widened = False
    if (
        widen
        and bound is None
        and not active
        and not filed
        and not any(_months_before_newest(m, cat) <= CURRENT_MONTHS for m in near)
    ):
        # "100B models" where the window holds only 2024-25 ones (Command R+, GLM-4.5-Air):
        # today's models of the class around it, newest first, the older after them
        today = [
            m
            for m in cat.models.values()
            if lo <= m.params_b <= size_b * CLASS_WINDOW
            and m not in near
            and m.id not in succ
            and _listable(m)
            and _months_before_newest(m, cat) <= CURRENT_MONTHS
        ]
        widened = bool(today)
        near = [*today, *near]
    near.sort(
        key=lambda m: (
            widened and _months_before_newest(m, cat) > CURRENT_MONTHS,
            -model_quality(m, cat, task).value,
        )
    )
    if filed:
        filed.sort(key=lambda m: -model_quality(m, cat, task).value)
        near = [*filed, *(m for m in near if m not in filed)]
    # a size only one model's name says ("your 65B model": LLaMA 65B) names that model too,
    # first, whatever its age: it is likely the one meant, today's of its class beside it
    owner = size_owner(size_b, cat) if bound is None and not active else None
    if owner is not None:
        near = [cat.models[owner], *(m for m in near if m.id != owner)]
    return near[:limit]


def _carries(m: Model, quant: str, cat: Catalog) -> bool:
    """The model's catalogued repos hold a file at the level of `quant`, its whole bits per
    weight (Q8_0 8; Q4_K_M, UD-Q4_K_XL and IQ4_XS 4); a model with none listed is estimated at any
    level."""
    if not m.gguf or quant not in cat.quants:
        return True
    level = int(cat.quants[quant].bpw)
    return any(
        k in cat.quants and int(cat.quants[k].bpw) == level for r in m.gguf for k in r.quants
    )


def quant_first(models: Sequence[Model], quant: str | None, cat: Catalog) -> set[str]:
    """Of the models a size and a level said were listed for (models_of_size), the past releases
    that carry the level, put first: they are listed for it (a distinctive file only they carry,
    "the unsloth 1.58 bit 671B", or a level today's models of the size lack, "671b Q8")."""
    if quant is None:
        return set()
    past = _successors(cat)
    return {m.id for m in models if m.id in past and any(quant in r.quants for r in m.gguf)}


def _past(m: Model) -> bool:
    """A model the catalog marks as replaced by a newer one of its kind: Model.superseded (why,
    in its entry) or the legacy tag."""
    return m.superseded is not None or "legacy" in m.tags


def _listable(m: Model) -> bool:
    """A model a size said may be answered with: no legacy entry, no uncensored copy, none stock
    llama.cpp cannot load yet."""
    return "legacy" not in m.tags and "uncensored" not in m.tags and m.pending_llama_cpp is None


def _counted(m: Model, active: bool) -> float:
    """The parameters a size said is compared with: the total, or a mixture of experts' active
    ones (a dense model has no active size: -1, outside every window)."""
    if not active:
        return m.params_b
    return m.active_params_b if "moe" in m.tags and m.active_params_b else -1.0


# "a 40GB model": files within this share of the size said stand in for it (design choice: the
# size said is rounded, and GB or GiB)
FILE_WINDOW = 1.1
# the quants a model given by its file size is looked for at: the usual downloads, best first
FILE_QUANTS = ("Q4_K_M", "Q5_K_M", "Q6_K", "Q8_0")


def model_of_file(file_gb: float, catalog: Catalog | None = None) -> tuple[Model, str] | None:
    """'Can 2x 24GB GPUs run a 40GB model?' (a model given by its file size only): a stand-in of
    that size, the best current dense model with a usual quant whose file is within FILE_WINDOW
    of it (dense: all of it is read per token, the case a file size says most about)."""
    if not 0.5 <= file_gb <= 2000:
        return None
    return _model_of_file(_cat(catalog), round(file_gb, 1))


@_cache_per_catalog
def _model_of_file(cat: Catalog, file_gb: float) -> tuple[Model, str] | None:
    succ = _successors(cat)
    found: list[tuple[float, int, Model, str]] = []
    for m in cat.models.values():
        if m.is_moe or m.id in succ or not _listable(m):
            continue
        for rank, qid in enumerate(FILE_QUANTS):
            size = file_size(m, cat.quants[qid])[0] / C.GB
            if file_gb / FILE_WINDOW <= size <= file_gb * FILE_WINDOW:
                found.append((-model_quality(m, cat).value, rank, m, qid))
    if not found:
        return None
    _, _, m, qid = min(found, key=lambda x: x[:2])
    return m, qid


def size_owner(size_b: float, catalog: Catalog | None = None) -> str | None:
    """The one model whose name says this size ("65B": LLaMA 65B), or None when none or several
    do ("7B")."""
    owners = _size_owners(_cat(catalog)).get(size_b, ())
    return owners[0] if len(owners) == 1 else None


_NAME_SIZE_RE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s?b\b", re.IGNORECASE)


@_cache_per_catalog
def _size_owners(cat: Catalog) -> dict[float, tuple[str, ...]]:
    """Every size a model's name says ("LLaMA 65B": 65), with the models that say it (worked out
    once per catalog)."""
    owners: dict[float, list[str]] = {}
    for m in cat.models.values():
        if "uncensored" in m.tags or m.pending_llama_cpp is not None:
            continue
        for said in {float(x) for x in _NAME_SIZE_RE.findall(m.name)}:
            owners.setdefault(said, []).append(m.id)
    return {size: tuple(ids) for size, ids in owners.items()}


@_cache_per_catalog
def _successors(cat: Catalog) -> dict[str, tuple[str, ...]]:
    """The catalog's models that a newer release of their family and size class replaces, each
    with its current successors (themselves replaced by none; worked out once per catalog: a
    size asked costs a lookup per model)."""
    pool = [
        m for m in cat.models.values() if "uncensored" not in m.tags and m.pending_llama_cpp is None
    ]
    newer = {m.id: _newer_releases(m, pool) for m in pool}
    return {
        i: tuple(n.id for n in ns if not newer[n.id] and "legacy" not in n.tags)
        for i, ns in newer.items()
        if ns
    }


def _newer_releases(m: Model, others: list[Model]) -> list[Model]:
    """`others`' newer releases of `m`'s family and kind (dense or MoE) of its size class: within
    SUPERSEDE_SIZE of it either way (Qwen3 8B for Qwen2.5 7B; a 27B is the next class up, not
    Qwen3 14B's successor), general for a general model."""
    return [
        n
        for n in others
        if n.family == m.family
        and n.is_moe == m.is_moe
        and (n.released or "") > (m.released or "")
        and n.may_replace(m)
        and SUPERSEDE_SIZE <= n.params_b / m.params_b <= 1 / SUPERSEDE_SIZE
    ]


# --------------------------------------------------------------------------- best hardware

# The routes a person would consider for a model, in the order best_hardware offers them, and
# how many setups of each it shows.
ROUTES = ("consumer", "unified", "hybrid", "datacenter")
PER_ROUTE = {"consumer": 3, "unified": 2, "hybrid": 2, "datacenter": 2}
# The cards GPU + RAM boxes are built around, the RAM sizes a desktop takes and how many cards
# make a normal build: catalog/setups.yaml (fitengine.setups).
# Apple sells the current and the previous chip generation new (the M4 Max Mac Studio beside the
# M3 Ultra in 2025-26, M5 MacBook Pros in 2026), about two years of releases; anything older is a
# used buy and comes after them in a list of machines to get.
SOLD_NEW_YEARS = 2
# A server host for the GPU + RAM route has at least this many memory channels (EPYC 7003: 8,
# EPYC 9004: 12): what makes a 1T MoE's experts readable at a usable speed.
SERVER_HOST_CHANNELS = 8
# A second server host is worth showing when it decodes this much faster than the first (design
# choice: a DDR5 EPYC 9004 after a DDR4 EPYC 7003 is a real step, another 8-channel one is not).
FASTER_SERVER = 1.3
HW_ORDERS = ("route", "price")
# The least quant quality a hardware suggestion may rely on (catalog/quants.yaml: Q2_K is 35,
# unsloth's dynamic 2-bit quants of big MoEs higher): design choice, a 1T model on a 512 GB Mac
# at a dynamic 2-bit quant is what people run; below that, no.
QUANT_FLOOR_FOR_HARDWARE = 30.0
# the unified-memory machines bought for a big MoE without a Mac Studio's price: MacBooks, mini
# PCs (Strix Halo boxes) and the DGX Spark class (catalog form "embedded")
PORTABLE_FORMS = ("laptop", "mini", "embedded")


def _route(hw: Hardware) -> str:
    if hw.kind == "apple" or (hw.kind == "unified" and hw.form != "datacenter"):
        return "unified"
    if hw.kind == "gpu" and hw.form in ("desktop", "laptop"):
        return "consumer"
    return "datacenter"


def _price(hw: Hardware, memory_gb: float | None = None) -> float | None:
    """Launch price in USD of this device with at least this much memory, where the catalog has
    one (Hardware.price_for)."""
    return hw.price_for(memory_gb if hw.kind != "gpu" else None)


def _candidate_setups(cat: Catalog, form: str | None = None) -> list[tuple[Hardware, int]]:
    """Devices (and counts of cards) to consider; with `form`, only devices of that form: a
    laptop is one machine, never several cards."""
    out = []
    regional = setup_rules(cat).regional_cards
    for hw in cat.hardware.values():
        if hw.id.startswith("generic") or hw.kind not in ("gpu", "apple", "unified"):
            continue
        if hw.id in regional:
            continue  # sold in one market only (catalog/setups.yaml regional_cards)
        if form is not None and hw.form != form:
            continue
        # a laptop GPU is a cut-down chip nobody buys for its memory unless a laptop is asked
        # for; an Apple chip is the same chip in a MacBook Pro as in a Mac Studio or mini, and
        # people buy both to run models
        laptop_gpu = hw.form == "laptop" and hw.kind != "apple"
        if (laptop_gpu and form != "laptop") or (hw.year and hw.year < 2016):
            continue
        out.append((hw, 1))
        if laptop_gpu:
            continue
        if hw.kind == "gpu" and hw.memory_gb >= 12 and (hw.year or 2020) >= 2017:
            for n in MULTI_GPU_COUNTS:
                if n == 8 and hw.form not in ("datacenter", "server"):
                    continue
                out.append((hw, n))
    return out


def _setup_order(s: tuple[Hardware, int]) -> tuple:
    """Smallest total memory first; in a tier, single devices (fastest first), then multi-GPU
    setups with the fewest cards, desktop cards first and among them the older, cheaper kind
    (2x 3090 before 2x 4090): what people pair up to reach that memory."""
    hw, n = s
    if n == 1:
        return (_total_memory(hw, n), 1, -hw.bandwidth_gbps)
    return (
        _total_memory(hw, n),
        n,
        hw.form != "desktop",
        hw.year or 9999,
        -hw.bandwidth_gbps,
        hw.fp16_tflops,
    )


def _setup_price(hw: Hardware, n: int, need: float) -> float:
    """Launch price of n of the device at the memory size one would buy for `need` GB (1e9 when
    the catalog has none: it cannot be shown to fit a budget)."""
    vram = _smallest_option(hw, need) if hw.kind != "gpu" else None
    return (_price(hw, vram) or 1e9) * n


def _bought_memory(hw: Hardware, n: int, need: float) -> float:
    """The memory one would buy to run it: a Mac's smallest size that holds it (an M2 Max sold
    with 32 to 96 GB is a 32 GB machine for a 22 GB model, not one too big for it)."""
    return hw.memory_gb * n if hw.kind == "gpu" else _smallest_option(hw, need) * n


def _total_memory(hw: Hardware, n: int) -> float:
    return max([hw.memory_gb, *hw.memory_options_gb]) * n if hw.kind != "gpu" else hw.memory_gb * n


def best_hardware(
    model: str | Model,
    *,
    quant: str | None = None,
    context: int | None = None,
    workload: str | None = None,
    kv_type: str | None = None,
    hardware: str | Hardware | None = None,
    limit: int = 10,
    order: str = "route",
    consumer_only: bool = False,
    kind: str | None = None,
    among: tuple[str, ...] = (),
    form: str | None = None,
    budget: float | None = None,
    vendor: str | None = None,
    min_tok_s: float | None = None,
    catalog: Catalog | None = None,
) -> list[Report]:
    """Setups that run the model well, by route: consumer cards and their multiples, Macs and
    unified-memory machines, a consumer GPU with the system RAM a MoE's experts need, then
    workstation and datacenter parts; the smallest (or, with order="price", the cheapest) of
    each first. With `hardware`, only counts of that device ("how many 3090s for deepseek v3");
    with `kind`, only setups of that kind of hardware ("which mac": apple); with `among`, only
    these devices (a Mac product line's chips: "what mac mini"); with `form`, only devices of
    that form ("which laptop": laptop GPUs and the Apple chips of MacBooks); with `budget` (USD),
    only setups whose launch price is known and within it ("best gpu under $500"); with
    `vendor`, only that vendor's devices ("which amd gpu"); with `min_tok_s`, only setups that
    decode at least that fast ("what GPU to get 30 t/s on a 70B")."""
    cat = _cat(catalog)
    m = _model(cat, model)
    if order not in HW_ORDERS:
        raise ValueError(f"order must be one of {', '.join(HW_ORDERS)}")
    hw_id = hardware.id if isinstance(hardware, Hardware) else hardware
    if context is None:
        # the least a setup must hold: the workload's own window (a thinking model's roomier
        # default is how to run it on a machine one has, not what a machine must have)
        wl = cat.workloads.get(workload or "chat")
        context = wl.min_context if wl is not None else None
    return list(
        _best_hardware_cached(
            cat,
            m.id,
            quant,
            context,
            workload,
            kv_type,
            hw_id,
            max(1, limit),
            order,
            consumer_only,
            kind,
            tuple(among),
            form,
            budget,
            vendor,
            min_tok_s,
        )
    )


def memory_needed(
    model: str | Model,
    *,
    quant: str | None = None,
    context: int | None = None,
    kv_type: str | None = None,
    catalog: Catalog | None = None,
) -> Report:
    """The model on a device with room to spare: the report's memory.total_gb is what it needs."""
    cat = _cat(catalog)
    q = quant or _reference_quant(cat, _model(cat, model))
    return analyze(
        model, None, vram_gb=2048, quant=q, context=context, kv_type=kv_type, catalog=cat
    )


def _reference_quant(cat: Catalog, m: Model | None = None) -> str:
    """What "needs X GB" assumes: the model's native format when it ships in one (gpt-oss
    MXFP4), else Q4_K_M."""
    if m is not None and m.native_quant in cat.quants:
        return m.native_quant
    return REFERENCE_QUANT if REFERENCE_QUANT in cat.quants else next(iter(cat.quants))


def _good_here(r: Report | _Headline) -> bool:
    """Runs well enough to recommend buying: fits (expert offload included) with a B or better
    for the workload asked (chat unless one was named). On a shared-memory machine (a Mac, Strix
    Halo) "system RAM" is the memory the GPU's share came out of: the model must fit the share,
    as best_models keeps it (_usable), and a bigger memory size is the machine to get."""
    shown = next((w for w in r.workloads if w.id == r.workload), None)
    grade = shown.grade if shown else r.grade
    shared = r.hardware.kind in SHARED_KINDS
    return (
        r.fit in ("runs_well", "tight")
        or (r.fit == "offload" and r.placement.kind == "moe_offload" and not shared)
    ) and grade in ("S", "A", "B")


@_cache_per_catalog
def _best_hardware_cached(
    cat: Catalog,
    model_id: str,
    quant: str | None,
    context: int | None,
    workload: str | None,
    kv_type: str | None,
    hw_id: str | None,
    limit: int,
    order: str,
    consumer_only: bool,
    kind: str | None = None,
    among: tuple[str, ...] = (),
    form: str | None = None,
    budget: float | None = None,
    vendor: str | None = None,
    min_tok_s: float | None = None,
) -> tuple[Report, ...]:
    m = cat.models[model_id]
    # a speed wished for is the floor every setup must reach, not only the workload's
    good = _good_here if not min_tok_s else functools.partial(_good_and_fast, floor=min_tok_s)
    calls = MAX_ROUTE_CALLS * (FLOOR_CALLS if min_tok_s else 1)
    q = quant or _reference_quant(cat, m)
    # the least memory a setup can run it in: with no KV cache type asked, each setup may pull
    # the first lever, a q8_0 cache (a 24 GB card holds a 27B at 128K that way)
    kv_need = kv_type or KV_FIRST[-1]
    need = memory_needed(m, quant=q, context=context, kv_type=kv_need, catalog=cat).memory.total_gb
    lowered = False
    if quant is None and need > _largest_desk_memory(cat):
        # no quant asked and no machine on a desk holds it at the reference quant: each setup
        # runs its own best one, so one that holds the model only at 2-3 bits (a 512 GB Mac
        # for a 1T model) is a candidate too
        lowered = True
        low = _lowest_usable_quant(cat, m)
        need = memory_needed(
            m, quant=low, context=context, kv_type=kv_need, catalog=cat
        ).memory.total_gb
    # judged for the workload asked, chat by default: the headline grade is then that
    # workload's, the one people read, not the weighing of all five
    kw = dict(
        quant=None if lowered else q,
        context=context,
        workload=workload or "chat",
        kv_type=kv_type,
        catalog=cat,
    )
    if hw_id:
        hw = cat.hardware[hw_id]
        # start at the count whose memory adds up to the need
        first = max(1, int(need // max(hw.memory_gb, 0.5)))
        found: Report | None = None
        offloaded: Report | None = None
        for n in range(first, 17) if hw.kind == "gpu" else [1]:
            try:
                r = _report_if(verdict(m, hw, gpus=n, **kw), cat, good)
            except EngineError:
                continue
            if r is None or not good(r):
                continue
            # "how many MI50s for X" asks for the cards that hold it: a count that runs it only
            # with experts in (assumed) system RAM is the answer when no count up to what a
            # board holds does
            if r.placement.kind == "moe_offload" and n < MAX_CARDS:
                offloaded = offloaded or r
                continue
            found = r
            break
        if found is None or found.hardware.count > MAX_CARDS:
            found = offloaded or found
        if (
            quant is None
            and hw.kind == "gpu"
            and (found is None or found.hardware.count > MAX_CARDS)
        ):
            # more cards than a board holds at the reference quant: what the most a board holds
            # runs, at the best quant that fits there (8x 3090 for Qwen3.5 397B at ~3 bits)
            most = _most_cards(cat, m, hw, kw, good)
            return tuple(r for r in (most, found) if r is not None)
        return (found,) if found is not None else ()
    setups = [
        (hw, n)
        for hw, n in _candidate_setups(cat, form)
        if need <= _total_memory(hw, n)
        and _bought_memory(hw, n, need) <= max(need * 6, need + 64)
        and (kind is None or hw.kind == kind)
        and (vendor is None or hw.vendor == vendor)
        and (not among or hw.id in among)
        and (budget is None or _setup_price(hw, n, need) <= budget)
        and (not min_tok_s or _may_reach(hw, m, need, min_tok_s))
    ]
    setups.sort(key=_setup_order)
    # one kind asked for ("which mac"): its route is the whole list
    narrowed = bool(kind or form)
    per_route = {r: max(limit, n) if narrowed else n for r, n in PER_ROUTE.items()}
    picked: dict[str, list[tuple[float, Report]]] = {}
    for route in ROUTES:
        if (consumer_only and route == "datacenter") or (narrowed and route == "hybrid"):
            picked[route] = []
        elif route == "hybrid":
            hybrid = _hybrid_setups(cat, m, kw, need, min_tok_s) if m.is_moe else []
            # "which nvidia card": the cards with RAM beside them of that vendor only
            picked[route] = [
                (w, r)
                for w, r in hybrid
                if vendor is None
                or getattr(cat.hardware.get(r.hardware.id), "vendor", None) == vendor
            ]
        else:
            mine = [(hw, n) for hw, n in setups if _route(hw) == route]
            if route == "consumer":
                # one card if one holds it, else the fewest cards, the cheapest kind first
                # (launch price where the catalog has one): what people buy first
                mine.sort(key=lambda s: (s[1], _price(s[0]) or 1e9, _setup_order(s)))
            if route == "unified":
                mine = _unified_order(cat, mine, need)
                # ... and the first of each kind before the rest: a Mac and a Strix Halo are
                # the two answers people weigh, not two Macs
                firsts, rest, kinds = [], [], set()
                for s in mine:
                    (rest if s[0].kind in kinds else firsts).append(s)
                    kinds.add(s[0].kind)
                mine = firsts + rest
            picked[route] = _route_setups(m, mine, need, kw, per_route[route] * 2, good, calls)
            if route == "unified" and quant is None and not lowered and not narrowed:
                held = {r.hardware.id for _p, r in picked[route]}
                cheap = [
                    x
                    for x in _portable_first(cat, m, need, kw, form, good)
                    if x[1].hardware.id not in held
                ]
                picked[route] = cheap + picked[route]
                # a second cheap kind is shown beside, not instead of, the machine that holds
                # the reference quant
                per_route[route] += max(0, len(cheap) - 1)
    if m.is_moe and not narrowed and not picked["hybrid"] and need > _hybrid_card_memory(cat):
        # no card + RAM reaches the workload's floor (GLM-4.7 at 9 tok/s, GLM-5 at 8 bits): a
        # card in a server with the RAM for its experts is still the cheap route people take
        # beside a Mac, below the floor (the answer says its speed)
        slow = _slow_server_setup(cat, m, need, kw)
        if slow is not None and (slow.decode_tok_s or 0) >= (min_tok_s or 0):
            picked["hybrid"] = [(1e9, slow)]
    if budget is not None:
        # a card + RAM is priced by its cards (the RAM is not in the catalog), a server not at all
        picked = {k: [x for x in rows if x[0] <= budget] for k, rows in picked.items()}
    if _simple_setup_runs_it(cat, picked):
        # a rig of three or more desk cards needs a server board or risers: people build one
        # only when no one- or two-card desktop, unified machine or card + RAM runs the model
        picked = {k: [x for x in rows if not _rig(cat, x[1])] for k, rows in picked.items()}
    routes: list[tuple[str, list[tuple[float, Report]]]] = [(r, picked[r]) for r in ROUTES]
    if m.is_moe and any(
        p < 1e9 and r.hardware.count == 1 and r.grade in ("S", "A") for p, r in picked["hybrid"]
    ):
        # a MoE that one card runs well with its experts in RAM: that is the first advice
        # (--n-cpu-moe), before a second card bought only to hold experts
        single = [x for x in picked["consumer"] if x[1].hardware.count == 1]
        multi = [x for x in picked["consumer"] if x[1].hardware.count > 1]
        # ... and one priced workstation card that holds it (a 24 GB Arc Pro B60 at $499) is
        # one card too, before two consumer cards
        desk_one = [x for x in picked["datacenter"] if _one_priced_workstation_card(cat, x)]
        rest = [x for x in picked["datacenter"] if x not in desk_one]
        routes = [
            ("consumer", single),
            ("unified", picked["unified"]),
            ("hybrid", picked["hybrid"]),
        ]
        routes += [("datacenter", desk_one), ("consumer", multi), ("datacenter", rest)]
    out: list[tuple[float, Report]] = []
    shown: dict[str, int] = {}
    for route, rows in routes:
        if order == "price":
            # cheapest first; what has no known price cannot be ordered and comes after
            rows = sorted(rows, key=lambda x: x[0])
        room = per_route[route] - shown.get(route, 0)
        out.extend(rows[: max(0, room)])
        shown[route] = shown.get(route, 0) + min(len(rows), max(0, room))
    if order == "price":
        priced = sorted((x for x in out if x[0] < 1e9), key=lambda x: x[0])
        out = priced or out  # nothing priced: the routes in their order
    return tuple(r for _price_, r in out[:limit])


def _may_reach(hw: Hardware, m: Model, need: float, floor: float) -> bool:
    """Whether any number of this device could decode `floor` tok/s at all: each token reads the
    active weights once, card after card (a layer split), so one card's memory bandwidth over
    the active share of the weights (WEIGHT_SHARE of the memory needed) bounds it."""
    active_gb = need * WEIGHT_SHARE * m.active_b / m.params_b
    return hw.bandwidth_gbps >= floor * active_gb


def _good_and_fast(r: Report | _Headline, floor: float) -> bool:
    """Runs well (_good_here) and decodes at least `floor` tok/s."""
    return _good_here(r) and (r.decode_tok_s or 0) >= floor


def _one_priced_workstation_card(cat: Catalog, x: tuple[float, Report]) -> bool:
    """One workstation-form card with a known price (it goes in a desktop tower)."""
    hw = cat.hardware.get(x[1].hardware.id)
    return x[0] < 1e9 and x[1].hardware.count == 1 and hw is not None and hw.form == "workstation"


def _rig(cat: Catalog, r: Report) -> bool:
    """More cards than a desktop takes (catalog/setups.yaml desk_cards), of a kind that goes in a
    desktop or workstation tower."""
    hw = cat.hardware.get(r.hardware.id)
    desk = setup_rules(cat).desk_cards
    return r.hardware.count > desk and hw is not None and hw.form in ("desktop", "workstation")


def _hybrid_card_memory(cat: Catalog) -> float:
    """GB of the biggest card GPU + RAM builds are made around (catalog/setups.yaml)."""
    cards = [cat.hardware[c] for c in setup_rules(cat).hybrid_cards if c in cat.hardware]
    return max((c.memory_gb for c in cards), default=0.0)


def _simple_setup_runs_it(cat: Catalog, picked: dict[str, list[tuple[float, Report]]]) -> bool:
    """Some setup a desktop or a desk holds runs the model well: at most desk_cards consumer
    cards, a unified-memory machine, or a card with the experts in a desktop's RAM (a server
    host, unpriced, is no simpler than a rig)."""
    desk = setup_rules(cat).desk_cards
    return (
        any(r.hardware.count <= desk for _p, r in picked.get("consumer", []))
        or bool(picked.get("unified"))
        or any(p < 1e9 for p, _r in picked.get("hybrid", []))
    )


def _unified_order(cat: Catalog, setups: list, need: float) -> list:
    """Unified-memory machines as they are bought: those on sale new first (chips of the last
    SOLD_NEW_YEARS years of their kind in the catalog; an M1 Ultra is a used buy), each by the
    smallest memory size that holds the model, the fastest chip first; one row per chip and size
    (a 48-core and a 64-core M1 Ultra at one bandwidth decode alike: the cheaper one stands for
    both)."""
    newest: dict[str, int] = {}
    for hw in cat.hardware.values():
        if hw.kind in ("apple", "unified") and hw.year:
            newest[hw.kind] = max(newest.get(hw.kind, 0), hw.year)

    def key(s: tuple[Hardware, int]) -> tuple:
        hw = s[0]
        mem = _smallest_option(hw, need)
        used = (hw.year or 0) < newest.get(hw.kind, 0) - SOLD_NEW_YEARS
        return (used, mem, -hw.bandwidth_gbps, _price(hw, mem) or 1e9, hw.fp16_tflops)

    out, seen = [], set()
    for s in sorted(setups, key=key):
        chip = (s[0].kind, s[0].arch, s[0].bandwidth_gbps, _smallest_option(s[0], need), s[1])
        if chip not in seen:
            seen.add(chip)
            out.append(s)
    return out


def _most_cards(cat: Catalog, m: Model, hw: Hardware, kw: dict, good=_good_here) -> Report | None:
    """The model on MAX_CARDS of this card at the quant the engine picks there, when that runs
    well at a usable quant (Q3-class and up)."""
    try:
        v = verdict(m, hw, gpus=MAX_CARDS, **{**kw, "quant": None})
    except EngineError:
        return None
    r = _report_if(v, cat, good)
    if r is None or not good(r) or _quant_quality(r, cat) < USABLE_QUALITY:
        return None
    return r


def _portable_first(
    cat: Catalog, m: Model, need: float, kw: dict, form: str | None, good=_good_here
) -> list[tuple[float, Report]]:
    """For a MoE that no laptop or mini PC holds at the reference quant: the fastest such
    machine at its biggest memory size that runs it well at a quant of its own (a 128 GB Strix
    Halo or MacBook at a dynamic 2-3 bit quant), the cheap unified route people take for
    DeepSeek V4 Flash or MiniMax M2.x, before the Mac Studio that holds the reference quant.
    Its routed experts take low bits well (quant_loss), which a dense model's weights do not."""
    if m.moe is None or form is not None:
        return []
    portable = [
        hw
        for hw in cat.hardware.values()
        if hw.kind in ("apple", "unified")
        and hw.form in PORTABLE_FORMS
        and not hw.inferred
        and not hw.id.startswith("generic")
    ]
    share = max((_largest_option(hw) * 0.75 for hw in portable), default=0.0)
    if not portable or need <= share:
        return []
    biggest = [hw for hw in portable if _largest_option(hw) * 0.75 >= share]
    # the first of each kind that runs it: a MacBook and a Strix Halo box (or DGX Spark) are
    # the two cheap answers people weigh for it, not one of them alone
    out: list[tuple[float, Report]] = []
    kinds: set[str] = set()

    # newest first; in a year the cheapest known price (a $1,999 Strix Halo box before a
    # $3,999 DGX Spark, and both before an unpriced Jetson dev kit), then the fastest
    def bought(h: Hardware) -> tuple:
        return (-(h.year or 0), _price(h, _largest_option(h)) or 1e9, -h.bandwidth_gbps)

    for hw in sorted(biggest, key=bought):
        if hw.kind in kinds:
            continue
        mem = _largest_option(hw)
        try:
            r = _report_if(
                verdict(m, hw, vram_gb=mem, **{**kw, "quant": None}), kw["catalog"], good
            )
        except EngineError:
            continue
        if r is not None and good(r):
            out.append((_price(hw, mem) or 1e9, r))
            kinds.add(hw.kind)
    return out


def _largest_option(hw: Hardware) -> float:
    return max([hw.memory_gb, *hw.memory_options_gb])


def _route_setups(
    m: Model, setups, need: float, kw: dict, want: int, good=_good_here, most=MAX_ROUTE_CALLS
):
    """The first `want` setups of one route that run the model well, smallest first, at most
    PER_TIER per memory size and kind (a tier of 48 GB cards must not hide 2x 24 GB, the 2x 3090
    people actually build), within `most` analyses; `good` says which run it well."""
    out: list[tuple[float, Report]] = []
    per_tier: dict[tuple[float, bool], int] = {}
    calls = 0
    for hw, n in setups:
        tier = (_total_memory(hw, n), n > 1)
        if per_tier.get(tier, 0) >= PER_TIER:
            continue
        if calls >= most or len(out) >= want:
            break
        calls += 1
        vram = _smallest_option(hw, need) if hw.kind != "gpu" else None
        try:
            r = _report_if(verdict(m, hw, gpus=n, vram_gb=vram, **kw), kw["catalog"], good)
        except EngineError:
            continue
        if r is not None and good(r):
            out.append(((_price(hw, vram) or 1e9) * n, r))
            per_tier[tier] = per_tier.get(tier, 0) + 1
    return out


def _largest_desk_memory(cat: Catalog) -> float:
    """GB the biggest machine a person puts on a desk can give a model (a 512 GB Mac Studio's
    GPU share): beyond it, only lower quants or a datacenter."""
    best = 0.0
    for hw in cat.hardware.values():
        if hw.kind in ("apple", "unified") and hw.form != "datacenter":
            best = max(best, max([hw.memory_gb, *hw.memory_options_gb]) * 0.75)
    return best


def _lowest_usable_quant(cat: Catalog, m: Model) -> str:
    """The smallest quant of the model's table that is still usable (Q3-class and up by the
    quant's own quality, or Q2 for a model too big for anything else)."""
    have = {q for r in m.gguf for q in r.quants} or set(C.COMMON_QUANTS)
    qs = sorted((cat.quants[q] for q in have if q in cat.quants), key=lambda q: q.bpw)
    for q in qs:
        if quant_quality(m, q, cat) >= QUANT_FLOOR_FOR_HARDWARE:
            return q.id
    return qs[-1].id if qs else _reference_quant(cat, m)


def _smallest_option(hw: Hardware, need: float) -> float:
    """The smallest memory size the device is sold with that holds `need` GB, with room for the
    OS's share (a unified-memory machine gives the GPU only part of it)."""
    options = sorted(hw.memory_options_gb or [hw.memory_gb])
    for mem in options:
        if mem * (0.7 if hw.kind == "apple" else 0.85) >= need:
            return mem
    return options[-1]


def _hybrid_setups(
    cat: Catalog, m: Model, kw: dict, need: float, floor: float | None = None
) -> list[tuple[float, Report]]:
    """GPUs with enough system RAM for the routed experts (--n-cpu-moe), as people build them:
    one or two consumer cards in a desktop with up to 256 GB (the smallest RAM that runs the
    model at a usable speed), else one card in a server whose 8-12 memory channels hold and read
    the experts (an EPYC for DeepSeek- and Kimi-class models), the slowest such server that is
    usable first (older, cheaper). A MoE a 24 GB card holds alone gets the cheap 12-16 GB card
    with its experts in RAM instead (small_hybrid_cards), never a server. The cards and the RAM
    sizes are catalog/setups.yaml's. The catalog has no RAM or CPU prices: a desktop's price is
    its cards', a server's is unknown (its CPU, board and RAM cost more than the card). With a
    `floor` (tok/s wished for), only those that decode that fast."""
    out: list[tuple[float, Report]] = []
    usable = _usable if not floor else functools.partial(_usable_and_fast, floor=floor)
    rules = setup_rules(cat)
    cards = [c for c in rules.hybrid_cards if c in cat.hardware]
    if not cards:
        return out
    small = need <= min(cat.hardware[c].memory_gb for c in cards)
    for n in (1, 2):
        for hw_id in rules.small_hybrid_cards if small else cards:
            hw = cat.hardware.get(hw_id)
            if hw is None or (small and n > 1):
                continue
            r = _smallest_ram_that_runs(
                cat, m, hw, n, rules.desktop_ram_gb, need, kw, usable=usable
            )
            if r is not None and (not small or r.placement.kind == "moe_offload"):
                out.append(((_price(hw) or 1e9) * n, r))
                if not small:
                    break  # the cheapest card that runs it; the next count only if none did
                # a small MoE: each cheap card that runs it (a 16 GB card keeps more of the
                # experts on the GPU than a 12 GB one, and people weigh the two)
        if out:
            break
    card = cat.hardware[cards[0]]
    if small or (out and out[0][1].grade in ("S", "A")):
        return out  # a desktop runs it well: no server needed
    server: Report | None = None
    # a server is bought with the RAM for the reference quant (DeepSeek V3 at Q4 on 512 GB), not
    # the least a 2-bit file squeezes into: the RAM costs less than the quality given up
    full = memory_needed(
        m,
        quant=kw["quant"] or _reference_quant(cat, m),
        context=kw["context"],
        kv_type=kw["kv_type"] or KV_FIRST[-1],
        catalog=cat,
    ).memory.total_gb
    for host in _server_hosts(cat):
        if len(out) >= PER_ROUTE["hybrid"]:
            break
        sizes = tuple(sorted(host.memory_options_gb or [host.memory_gb]))
        r = _smallest_ram_that_runs(
            cat, m, card, 1, sizes, max(need, full), kw, host=host, usable=usable
        )
        if r is None and full > need:
            # no size of this server holds the reference quant: the least that runs it
            r = _smallest_ram_that_runs(cat, m, card, 1, sizes, need, kw, host=host, usable=usable)
        # a second server only when it is clearly faster than the first (more channels)
        if r is not None and (
            server is None or (r.decode_tok_s or 0) >= FASTER_SERVER * (server.decode_tok_s or 0)
        ):
            # no price: the server, its board and its RAM cost more than the card, unpriced
            out.append((1e9, r))
            server = server or r
    return out


def _smallest_ram_that_runs(
    cat: Catalog,
    m: Model,
    hw: Hardware,
    n: int,
    sizes: tuple[float, ...],
    need: float,
    kw: dict,
    host: Hardware | None = None,
    usable=_usable,
) -> Report | None:
    """The model on n cards with the smallest of these RAM sizes that holds it, if it runs there
    at a usable speed (`usable`) with the routed experts in RAM; starting at the first size that
    can hold what the cards do not (more RAM than the smallest that fits does not make it
    faster)."""
    vram = hw.memory_gb * n
    start = next((i for i, gb in enumerate(sizes) if vram + gb * 0.9 >= need), None)
    if start is None:
        return None
    for ram in sizes[start:]:
        try:
            v = verdict(m, hw, gpus=n, ram_gb=ram, host=host, **kw)
            if v.run.fit == "wont_fit":
                continue
            r = _report_if(
                v,
                cat,
                lambda h: (
                    usable(h, cat) and h.placement.kind in ("moe_offload", "gpu", "multi_gpu")
                ),
            )
        except EngineError:
            return None
        if r is None:
            return None
        ok = usable(r, cat) and r.placement.kind in ("moe_offload", "gpu", "multi_gpu")
        return r if ok else None
    return None


def _usable_and_fast(r: Report | _Headline, catalog: Catalog, floor: float) -> bool:
    """Usable (_usable) and decoding at least `floor` tok/s."""
    return _usable(r, catalog) and (r.decode_tok_s or 0) >= floor


def _readable_offload(r: Report | _Headline, catalog: Catalog) -> bool:
    """Runs with its experts in RAM at reading speed or better, below the workload's floor
    allowed: the cheap route for a model nothing on a desk holds (GLM-5 at 8 bits on a server
    with 1 TB of RAM and one card, ~10 tok/s), offered with its speed said."""
    return (
        r.fit != "wont_fit"
        and r.hardware.kind not in SHARED_KINDS
        and (r.decode_tok_s or 0) >= READING_TOK_S
    )


def _slow_server_setup(cat: Catalog, m: Model, need: float, kw: dict) -> Report | None:
    """One card in the server that decodes it fastest whose RAM holds the model's experts,
    if it reads at reading speed at least: for a MoE no desk setup runs, the route people take
    before datacenter cards (a 1 TB EPYC or Xeon box and a 24 GB GPU)."""
    cards = [c for c in setup_rules(cat).hybrid_cards if c in cat.hardware]
    if not cards:
        return None
    card = cat.hardware[cards[0]]
    # the host that decodes it fastest, not the one with the most bandwidth on paper: a
    # many-core part's NUMA and compute shape what its channels deliver (engine.speed)
    best: Report | None = None
    for host in sorted(_server_hosts(cat), key=lambda h: -h.bandwidth_gbps):
        sizes = tuple(sorted(host.memory_options_gb or [host.memory_gb]))
        r = _smallest_ram_that_runs(
            cat, m, card, 1, sizes, need, kw, host=host, usable=_readable_offload
        )
        if r is not None and (best is None or (r.decode_tok_s or 0) > (best.decode_tok_s or 0)):
            best = r
    return best


def _server_hosts(cat: Catalog) -> list[Hardware]:
    """Server CPUs a GPU + RAM box can be built on (SERVER_HOST_CHANNELS or more channels; the
    x86 servers consumer cards go into), one per memory bandwidth, slowest first."""
    seen: set[float] = set()
    out = []
    hosts = [
        hw
        for hw in cat.hardware.values()
        if hw.kind == "cpu"
        and hw.form == "server"
        and hw.vendor in ("amd", "intel")
        and not hw.inferred
        and (hw.channels or 0) >= SERVER_HOST_CHANNELS
    ]
    for hw in sorted(hosts, key=lambda h: (h.bandwidth_gbps, h.year or 9999, h.id)):
        if hw.bandwidth_gbps not in seen:
            seen.add(hw.bandwidth_gbps)
            out.append(hw)
    return out


# --------------------------------------------------------------------------- comparisons


Setup = tuple  # (hardware id or entry or None, gpu count, vram GB or None)


def compare_setups(
    model: str | Model,
    setups: list[Setup],
    *,
    catalog: Catalog | None = None,
    same_quant: bool = True,
    **kw,
) -> list[Report]:
    """One model on several setups, side by side, like with like: at one quant (the one asked
    for, else the best one every side runs: the recommendation of the weakest side), so the
    speeds compare the hardware and not the quants. same_quant=False: each at its own
    recommendation (one machine at two memory sizes differs by what quant it holds, not speed)."""
    cat = _cat(catalog)
    rs = [
        analyze(model, hw, gpus=gpus or 1, vram_gb=vram, catalog=cat, **kw)
        for hw, gpus, vram in setups
    ]
    if kw.get("quant") or not same_quant:
        return rs
    common = _common_quant(rs, cat, model)
    if common is None:
        return rs
    return [
        r
        if r.quant == common
        else analyze(model, hw, gpus=gpus or 1, vram_gb=vram, catalog=cat, quant=common, **kw)
        for r, (hw, gpus, vram) in zip(rs, setups, strict=True)
    ]


Rig = tuple  # (cards: ((hardware id, count, vram GB or None), ...), system RAM GB or None)


def compare_rigs(
    model: str | Model, rigs: list[Rig], *, catalog: Catalog | None = None, **kw
) -> list[Report]:
    """One model on several whole machines (mixed cards and their RAM: the machine had and each
    upgrade of it), side by side: at the reference quant (Q4_K_M, or the model's native format)
    when every machine runs it, so the speeds compare the machines; else each at the quant
    recommended for it, since what a bigger machine buys may be the better quant itself."""
    cat = _cat(catalog)

    def on(rig: Rig, **extra) -> Report:
        cards, ram = rig
        if len(cards) == 1:
            hw, n, vram = cards[0]
            return analyze(model, hw, gpus=n, vram_gb=vram, ram_gb=ram, catalog=cat, **extra)
        return analyze(model, None, setup=list(cards), ram_gb=ram, catalog=cat, **extra)

    rs = [on(rig, **kw) for rig in rigs]
    if kw.get("quant"):
        return rs
    ref = _reference_quant(cat, _model(cat, model))
    if len({r.quant for r in rs}) == 1 or not all(_runs_at(r, ref) for r in rs):
        return rs
    return [
        r if r.quant == ref else on(rig, **kw, quant=ref) for r, rig in zip(rs, rigs, strict=True)
    ]


def _common_quant(rs: list[Report], cat: Catalog, model: str | Model) -> str | None:
    """The quant to compare at: the reference one people quote speeds at (Q4_K_M, or the model's
    native format) when every side's table has it, else the recommendation of the weakest side."""
    ref = _reference_quant(cat, _model(cat, model))
    shared = rs[0].quant if len({r.quant for r in rs}) == 1 else None
    if shared is not None and _quality_of(cat, shared) >= _quality_of(cat, ref):
        return None
    # ... and a pick every side shares below it (a 70B squeezed to 2 bits for a speed floor on
    # both) is compared at the reference quant too when every side runs that: the speed people
    # quote, where one side holds the model and the other offloads it
    if all(_runs_at(r, ref) for r in rs):
        return ref
    if shared is not None:
        return None
    recs = [r.recommended_quant for r in rs]
    if not all(recs):
        return None
    # the weakest side's pick, provided every side runs it (a 128 GB Mac and a 128 GB Strix Halo
    # for a 284B MoE: the native MXFP4 fits neither, the quant one of them fits may not fit both)
    for q in sorted(set(recs), key=lambda q: cat.quants[q].quality if q in cat.quants else 0):
        if all(_runs_at(r, q) for r in rs):
            return q
    return None


def _quality_of(cat: Catalog, quant: str) -> float:
    return cat.quants[quant].quality if quant in cat.quants else 0.0


def _runs_at(r: Report, quant: str) -> bool:
    """The report's quant table has this quant, available and not a won't-fit."""
    return any(q.quant == quant and q.available and q.fit != "wont_fit" for q in r.quants)


def compare_hardware(
    model: str | Model,
    hw_a: str | Hardware | None,
    hw_b: str | Hardware | None,
    *,
    gpus_a: int = 1,
    gpus_b: int = 1,
    vram_a: float | None = None,
    vram_b: float | None = None,
    catalog: Catalog | None = None,
    **kw,
) -> list[Report]:
    """One model on two setups, side by side, at one quant (see compare_setups)."""
    return compare_setups(
        model, [(hw_a, gpus_a, vram_a), (hw_b, gpus_b, vram_b)], catalog=catalog, **kw
    )


def compare_models(
    model_a: str | Model,
    model_b: str | Model,
    hardware: str | Hardware | None,
    *,
    catalog: Catalog | None = None,
    more: tuple[str | Model, ...] = (),
    **kw,
) -> list[Report]:
    """Two (or more) models on one setup, side by side, like with like: at the reference quant
    (Q4_K_M, or each model's native format) unless a quant was asked for, where it runs."""
    cat = _cat(catalog)
    models = (model_a, model_b, *more)
    if kw.get("quant"):
        return [analyze(m, hardware, catalog=cat, **kw) for m in models]
    out = []
    for m in models:
        entry = _model(cat, m)
        ref = _reference_quant(cat, entry)
        r = analyze(entry, hardware, catalog=cat, **kw)
        if r.quant != ref and any(q.quant == ref and q.available for q in r.quants):
            r = analyze(entry, hardware, catalog=cat, quant=ref, **kw)
        out.append(r)
    return out


__all__ = [
    "ROUTES",
    "at_fastest_good_quant",
    "best_hardware",
    "best_models",
    "capability",
    "compare_hardware",
    "compare_models",
    "compare_setups",
    "memory_needed",
    "models_of_size",
    "worth_here",
]
