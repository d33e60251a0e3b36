"""analyze(): one model on one hardware setup, from names to a full Report.

A short pipeline of named stages over one Request (fitengine/request.py):

    make_request   resolve the names, check the numbers, name every default
    quant_table    every quant (and KV cache type) at the asked context, placed as llama.cpp would
    recommend      the configuration to run (fitengine/configs.py)
    speed          decode, prefill and time to first token of the configuration shown
    workloads      each workload's speed and grade
    report         the Report: verdict, memory, commands, what was assumed, what to do next
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

from . import commands, drafts, speculative
from . import constants as C
from .cards import (
    CardChoice,
    card_kind,
    cluster_link,
    fastest_holding,
    multi_gpu,
    on_cards,
    served,
    sub_setup,
    tensor_split_applies,
)
from .catalog import Catalog, Hardware, MatPath, Model, QuantType, default_catalog
from .configs import (
    GOOD_QUALITY,
    KV_LAST,
    NEAR_EQUAL_QUALITY,
    NEAR_FASTEST,
    SPILLED_QUALITY_CAP,
    TIGHT_COST,
    USABLE_QUALITY,
    Config,
    candidate_kv_types,
    choose,
    evaluate,
    last_resort_kept,
    needs_more,
    quant_quality,
    reads_as_it_streams,
    worth,
)
from .fit import safe_context_where
from .grade import GRADE_FLOORS, Graded, grade_workload, letter, overall
from .hosts import assumed_host
from .memory import (
    DeviceLoad,
    Placement,
    amd_apu,
    amd_share_words,
    estimated_bpw,
    file_size,
    fit_margin,
    fits_on_gpu,
    kv_bytes,
    kv_bytes_per_token,
    memo_by_identity,
    place,
    usable_memory,
    wired_default_words,
)
from .quality import model_quality
from .quant_loss import loss_rules
from .report import (
    SLOW_GRADES,
    Assumed,
    Band,
    Commands,
    DepthSpeed,
    DeviceUse,
    DraftSpeculative,
    HardwareRef,
    HostRef,
    MemoryBreakdown,
    ModelRef,
    NextStep,
    PlacementOut,
    QualityOut,
    QuantRow,
    Report,
    SetupPart,
    Speculative,
    WorkloadResult,
    approx_tok_s,
    verdict_label,
)
from .request import (
    GENERIC_GPU_ID,
    KV_TYPES,
    BadInput,
    EngineError,
    NotFound,
    Request,
    Setup,
    find_model,
    find_quant,
    generic_gpu,
    host_label,
    make_request,
    make_setup,
    rope_for,
    with_raised_wired_limit,
)
from .setups import setup_rules
from .speed import (
    HOST_THREADS,
    PCIE_GBPS,
    QUANT_REFERENCE,
    SIMD_ORDER,
    DecodeStep,
    PrefillStep,
    SpeedParams,
    Workpoint,
    active_bytes,
    attention_flops_coeff,
    attention_terms,
    decode_seconds,
    decode_step,
    decode_tok_s,
    expert_loop,
    file_bpp,
    host_ram_gbps,
    host_threads,
    link_gbps,
    matmul_params,
    mean_decode_tok_s,
    memory_family,
    parallel_decode_tok_s,
    prefill_seconds,
    prefill_step,
    prefill_tok_s,
    routed_flops_share,
    verify_seconds,
    verify_token_seconds,
)

# Names other modules and older callers import from here.
_model = find_model
_quant = find_quant
__all__ = [
    "GENERIC_GPU_ID",
    "GOOD_QUALITY",
    "KV_TYPES",
    "BadInput",
    "EngineError",
    "NotFound",
    "Setup",
    "Verdict",
    "analyze",
    "estimate",
    "generic_gpu",
    "make_setup",
    "speed_by_depth",
    "speed_class",
    "verdict",
    "workpoint",
]


# --------------------------------------------------------------------------- analyze


def analyze(
    model: str | Model,
    hardware: str | Hardware | None,
    *,
    gpus: int = 1,
    quant: str | None = None,
    context: int | None = None,
    vram_gb: float | None = None,
    ram_gb: float | None = None,
    kv_type: str | None = None,
    workload: str | None = None,
    mode: str = "balanced",
    prompt_tokens: int | None = None,
    depth: int | None = None,
    backend: str | None = None,
    parallel: int | None = None,
    setup: list | None = None,
    host: str | Hardware | None = None,
    catalog: Catalog | None = None,
    by_depth: bool = False,
) -> Report:
    """One model on one setup. `kv_type` None lets the recommendation choose the KV cache type;
    `setup` is a mixed rig [(hardware, count, vram_gb or None), ...]; `host` the CPU of a GPU
    box; `by_depth` adds the speed as the window fills (speed_by_depth); the other options are
    make_request()'s."""
    kw = dict(
        gpus=gpus,
        quant=quant,
        context=context,
        vram_gb=vram_gb,
        ram_gb=ram_gb,
        kv_type=kv_type,
        workload=workload,
        mode=mode,
        prompt_tokens=prompt_tokens,
        depth=depth,
        backend=backend,
        parallel=parallel,
        setup=setup,
        host=host,
        catalog=catalog,
    )
    v = verdict(model, hardware, **kw)
    r = v.report()
    return r.model_copy(update={"speed_by_depth": speed_by_depth(v)}) if by_depth else r


@dataclass(frozen=True)
class Verdict:
    """analyze()'s stages up to the grade: what a list needs to keep or drop a model, before the
    report (the per-quant table, commands, next steps for what does not run) is written."""

    req: Request
    table: QuantTable
    run: Config
    figures: Figures
    results: list[WorkloadResult]
    grade: str | None
    score: int | None
    reason: str

    def report(self) -> Report:
        return report(
            self.req,
            self.table,
            self.run,
            self.figures,
            self.results,
            self.grade,
            self.score,
            self.reason,
        )


def verdict(model: str | Model, hardware: str | Hardware | None, **kw) -> Verdict:
    """analyze() without the report; the same options."""
    req = make_request(model, hardware, **kw)
    req, table, run = _shown(req, quant_table(req))
    if req.context_asked is None and (
        run.fit == "wont_fit" or (req.quant is None and run.quality < GOOD_QUALITY)
    ):
        fallback = _in_the_workloads_window(model, hardware, kw, req, run)
        if fallback is not None:
            return fallback
    figures = speed(req, run)
    results, grade, score, reason = workloads(
        req, run, figures.safe, figures.wp, figures.step, figures.pp_step
    )
    return Verdict(req, table, run, figures, results, grade, score, reason)


def _shown(req: Request, table: QuantTable) -> tuple[Request, QuantTable, Config]:
    """The request, table and configuration the figures are for: a Mac's wired limit raised or
    fewer cards of a mixed rig where that is worth more, then shown_config."""
    req, table = _mac_wired_limit(req, table)
    req, table = _fewest_cards(req, table)
    run = shown_config(req, table)
    if req.wired_limit_mb and run.fit == "runs_well":
        # past the default share, with the system's margin taken: never more than a tight fit
        run = replace(run, fit="tight")
    return req, table, run


@dataclass(frozen=True)
class Estimate:
    """A verdict's configuration and figures, without its table, workloads and grade."""

    run: Config
    figures: Figures


def estimate(model: str | Model, hardware: str | Hardware | None, **kw) -> Estimate:
    """verdict(...).run and .figures, the same options. With a quant and a KV cache type both
    asked (another backend's figures, one card of several), the configuration shown is the
    asked quant's own row (shown_config reads no other), so the table weighs that row alone and
    no workload is graded: about a sixth of a verdict's work."""
    req = make_request(model, hardware, **kw)
    if req.quant is None or req.kv_type is None:
        v = verdict(model, hardware, **kw)
        return Estimate(v.run, v.figures)
    req, _, run = _shown(req, quant_table(req, asked_only=True))
    if run.fit == "wont_fit" and req.context_asked is None:
        v = verdict(model, hardware, **kw)  # the workload's own window may fit: verdict's fallback
        return Estimate(v.run, v.figures)
    return Estimate(run, speed(req, run))


def _in_the_workloads_window(
    model: str | Model, hardware: str | Hardware | None, kw: dict, req: Request, run: Config
) -> Verdict | None:
    """A thinking model's default window (workloads.yaml thinking_context) is what its answers
    are comfortable in, not what the workload needs: when nothing fits there, or only a quant
    below good quality does, the workload's own window where it fits (at a good quant) is the
    answer (said in the assumptions), not "won't fit" or a 3-bit file (Qwen3 14B on a 16 GB
    CPU box: Q4_K_M at 8K, not IQ3_M at 32K)."""
    own = req.workload.min_context
    if req.context <= own:
        return None
    v = verdict(model, hardware, **{**kw, "context": own})
    if v.run.fit == "wont_fit":
        return None
    if run.fit != "wont_fit" and v.run.quality < GOOD_QUALITY:
        return None  # no better quant in the shorter window: the default's stands
    # the window is the default's, not one asked: no "with 8K filled" beside the headline
    return replace(
        v,
        req=replace(
            v.req,
            context_asked=None,
            window_short_of=req.context,
            window_short_quality=run.fit != "wont_fit",
        ),
        figures=replace(v.figures, decode_full=None, prefill_full=None, read_full_s=None),
    )


# --------------------------------------------------------------------------- quant table


@dataclass(frozen=True)
class QuantTable:
    """Every configuration evaluated, and the recommendation among them."""

    configs: list[Config]  # every (quant, KV type) evaluated
    quants: list[QuantType]  # the quants of the table, largest first
    have: frozenset[str]  # quants some catalogued GGUF repo has
    recommended: Config | None
    decoders: _Decoders | None = None  # the decodes worked out for it, for quant_rows()
    # the whole machine's table when the run is on fewer of its cards (_fewest_cards): the quant
    # rows describe the machine, so a quant that fits only over all the cards reads so
    whole: QuantTable | None = None


def quant_table(req: Request, asked_only: bool = False) -> QuantTable:
    """`asked_only`: the row of the quant asked for alone (estimate(): no recommendation among
    the others is wanted)."""
    quants, have = _quant_table_rows(req.catalog, req.model)
    server = _server_bpw(req)
    if server is not None and not asked_only:
        quants, have = _served_rows(req, quants, have)
    if asked_only and req.quant is not None:
        quants = [req.quant]
    elif req.quant is not None and req.quant not in quants:
        quants = sorted([*quants, req.quant], key=lambda q: -q.bpw)
    first, last = candidate_kv_types(req)
    decoders = _Decoders(req)
    configs = evaluate(req, quants, first[0], have, decoders(first[0]))
    shared = req.setup.hw.kind == "unified"
    rec = choose(configs, req.workload, req.mode, shared, server)
    for kv in first[1:]:
        configs += evaluate(req, _lever_quants(req, configs, rec), kv, have, decoders(kv))
        rec = choose(configs, req.workload, req.mode, shared, server)
    if last and needs_more(rec, req.workload):
        before = configs
        for kv in last:
            extra = evaluate(req, _lever_quants(req, before, rec), kv, have, decoders(kv))
            configs = configs + last_resort_kept(extra, before, req.context_asked is not None)
        rec = choose(configs, req.workload, req.mode, shared, server)
    elif last and req.quant is not None and _asked_spills(req, configs):
        # the quant asked for puts whole layers in RAM where the recommendation does not
        # (Qwen3.8-27B at Q4_K_M and 262K on a 24 GB card: -ngl 64 with a q8_0 cache): the last
        # lever for that quant alone, kept only where it brings every layer back to the GPU
        # (there with q4_0 at ~1.5x the speed); one that still spills is no better answer
        before = configs
        for kv in last:
            extra = evaluate(req, [req.quant], kv, have, decoders(kv))
            configs = configs + last_resort_kept(extra, before, window_asked=False)
    return QuantTable(configs, quants, have, _asked_kept(req, configs, rec), decoders)


def _asked_kept(req: Request, configs: list[Config], rec: Config | None) -> Config | None:
    """The quant asked for stays the recommendation where it is usable (decodes at the
    workload's minimum or faster), runs well (all on the GPU with room to spare) and the pick was
    a smaller or equal file for speed (Q4_K_S over an asked Q4_K_M whose first token is slow):
    people keep the file they chose when it is usable; a better file that runs is still said, and
    so is a smaller one where the asked one is tight or spills to system RAM (room, not speed, is
    then the reason)."""
    if req.quant is None or rec is None or rec.quant.id == req.quant.id:
        return rec
    floor = req.workload.min_decode_tok_s
    asked = [
        c
        for c in configs
        if c.quant.id == req.quant.id
        and c.fit == "runs_well"
        and (c.decode or 0.0) >= floor
        and c.quality >= rec.quality
        and c.kv_type == rec.kv_type  # the same cache: the quant alone is what was weighed
    ]
    if not asked:
        return rec
    return max(asked, key=lambda c: c.decode)


def _server_bpw(req: Request) -> float | None:
    """The least bits per weight datacenter cards are served with (catalog/setups.yaml
    server_weights_min_bpw), when every card of the setup is one a server runs with vLLM or
    SGLang (cards.served, the same cards engine._fewest_cards runs tensor parallel over all):
    configs.server_formats. A model released in fewer bits is served as released: gpt-oss in its
    MXFP4, not an 8-bit or 16-bit copy of it (its native quant's bits are the floor)."""
    s = req.setup
    rules = setup_rules(req.catalog)
    cards = [p.hw for p in s.parts] if s.parts else [s.hw]
    if all(served(req.catalog, hw) for hw in cards):
        floor = rules.server_weights_min_bpw
        native = req.catalog.quants.get(req.model.native_quant or "")
        if floor is not None and native is not None:
            floor = min(floor, native.bpw)
        elif floor is not None and _no_fp8_moe(req, cards):
            # a MoE released in 16 bits on cards whose FP8 is weight-only (A100): the server has
            # no 8-bit checkpoint for its experts, so its released BF16 where that runs well
            # (configs.server_formats keeps the pool as it is where it does not)
            bf16 = req.catalog.quants.get("BF16")
            floor = bf16.bpw if bf16 is not None else floor
        return floor
    return None


def _no_fp8_moe(req: Request, cards: list[Hardware]) -> bool:
    """A MoE whose FP8 checkpoint a server does not load on any of these cards
    (commands.fp8_moe_weight_only: its fused-MoE kernel needs FP8 compute)."""
    rules = multi_gpu(req.catalog).serving_tp
    return rules is not None and all(
        commands.fp8_moe_weight_only(rules, hw, req.model) for hw in cards
    )


def _served_rows(
    req: Request, quants: list[QuantType], have: frozenset[str]
) -> tuple[list[QuantType], frozenset[str]]:
    """A served setup's quant rows (_server_bpw): the catalogued files, and the formats a vLLM or
    SGLang server loads from the model's own repo (catalog/setups.yaml server_weight_formats:
    the released 16-bit weights, FP8 / INT8 made from them as Q8_0's row), available there, when
    the model is released in 16 bits or more (a model shipped in FP8 or MXFP4 is served as
    released, which its native row already is). Llama 2 70B on four A100 40GB: its 8-bit row, not
    the Q5_K_M its GGUF repo's largest single file is."""
    native = req.catalog.quants.get(req.model.native_quant or "")
    if native is not None and native.bpw < 16:
        return quants, have
    ids = {q.id for q in quants}
    extra = [
        q
        for f in setup_rules(req.catalog).server_weight_formats
        if f not in ids and (q := req.catalog.quants.get(f)) is not None
    ]
    if not extra:
        return quants, have
    return sorted([*quants, *extra], key=lambda q: -q.bpw), have | {q.id for q in extra}


def _asked_spills(req: Request, configs: list[Config]) -> bool:
    """The configuration the quant asked for would be shown with, of those evaluated so far, has
    whole layers in system RAM, and a q4_0 cache would save at least their weights (else it
    cannot bring them back, and is not worth evaluating)."""
    qid = req.quant.id
    own = [c for c in configs if c.quant.id == qid]
    # the common case decided without weighing them (choose() costs ~1% of an answer): no row of
    # the quant with layers in RAM
    if "partial_offload" not in [c.placement.kind for c in own]:
        return False
    if not any(_q4_0_may_bring_back(c) for c in own):
        return False
    shown = choose(own, req.workload, req.mode, req.setup.hw.kind == "unified")
    return shown is not None and _q4_0_may_bring_back(shown)


def _q4_0_may_bring_back(c: Config) -> bool:
    """Layers in RAM that a q4_0 cache's saving could hold on the GPU."""
    p = c.placement
    if p.kind != "partial_offload":
        return False
    full = C.KV_BYTES.get(c.kv_type, C.KV_BYTES["f16"])
    return p.kv_total * (1.0 - C.KV_BYTES[KV_LAST[0]] / full) >= p.host.weights


def _lever_quants(req: Request, configs: list[Config], rec: Config | None) -> list[QuantType]:
    """The quants a quantized KV cache could help: those that do not already run well with the
    first cache type, and of them only the ones better than the choice so far (a worse quant with
    a worse cache cannot beat it), plus the quant asked for."""
    floor = rec.quality - NEAR_EQUAL_QUALITY if rec is not None else -1.0
    first_kv = configs[0].kv_type if configs else None
    asked = req.quant

    def is_asked(q: QuantType) -> bool:
        # comparing pydantic models field by field is slow: identity, then the id, decide first
        return asked is not None and (q is asked or (q.id == asked.id and q == asked))

    return [
        c.quant
        for c in configs
        if c.kv_type == first_kv
        and (is_asked(c.quant) or (c.fit != "runs_well" and c.quality > floor))
    ]


def _mac_wired_limit(req: Request, table: QuantTable) -> tuple[Request, QuantTable]:
    """A Mac where the best choice spills out of the GPU's default wired share: with the limit
    raised (a sysctl, until reboot) it may run entirely on the GPU; take that when it is worth
    more, and say so on the card."""
    if req.setup.hw.kind != "apple":
        return req, table
    rec = shown_config(req, table) if req.quant is not None else table.recommended
    if rec is not None and rec.placement.kind == "unified" and rec.quality >= GOOD_QUALITY:
        # all on the GPU at a good quant already (below it, a raised limit may hold a better one)
        return req, table
    raised = with_raised_wired_limit(req)
    if raised is None:
        return req, table
    alt = quant_table(raised)
    best = shown_config(raised, alt) if req.quant is not None else alt.recommended
    want = req.workload.good_decode_tok_s

    def rank(c: Config) -> tuple[float, float, bool]:
        # at equal worth the faster one: all on the GPU beats experts run by the CPU from the
        # same memory (else a longer context, which only fits with the limit raised, would fit
        # better than a shorter one); at equal speed too, all on the GPU (CodeLlama 70B on a
        # 64 GB M4 Pro decodes alike with layers on the CPU at 8K: it took the limit raised only
        # from 16K, a longer context fitting better)
        return worth(c, want), c.decode or 0.0, c.placement.kind == "unified"

    if req.quant is None and rec is not None:
        # the default's own quant and KV type, all on the GPU, is a candidate too: the raised
        # table may recommend a smaller quant for room it does not need
        same = next(
            (
                c
                for c in alt.configs
                if c.quant.id == rec.quant.id
                and c.kv_type == rec.kv_type
                and c.placement.kind == "unified"
                and c.fit != "wont_fit"
            ),
            None,
        )
        if same is not None and (best is None or rank(same) > rank(best)):
            best = same
    if best is None or best.placement.kind != "unified":
        return req, table
    if req.quant is None and not _worth_raising(req.model, best):
        return req, table
    if best.placement.devices and best.placement.devices[0].total <= req.setup.device.usable:
        # it fits the default share too: nothing to raise (the default table just weighed it
        # lower than something else)
        return req, table
    if rec is not None and rank(rec) >= rank(best):
        return req, table
    return raised, alt


def _fewest_cards(req: Request, table: QuantTable) -> tuple[Request, QuantTable]:
    """A mixed rig where fewer, faster cards hold the model: the run on them when it is worth
    more, or as much and clearly faster (by more than NEAR_FASTEST's tenth: two equal cards
    differ by a hop, not a choice). A layer split's token takes each card's share at that
    card's speed, one after another (fitengine/cards.py); the cards left out stay free."""
    s = req.setup
    cluster = _cluster_of(req) is not None
    alike = not s.parts and not cluster and s.hw.kind == "gpu"
    if s.count < 2 or req.cards is not None or (alike and served(req.catalog, s.hw)):
        # a server's cards of one kind run tensor parallel over all of them (vLLM, SGLang)
        return req, table
    run = shown_config(req, table) if req.quant is not None else table.recommended
    if run is None or not run.placement.fits_gpu or not run.decode:
        # nothing runs on the cards alone: fewer of them hold less
        return req, table
    need = sum(d.total for d in run.placement.devices)
    # machines joined over a network, or cards of one kind, are alike: the first k that hold
    # it, each boundary a hop a token saved
    cards = _fewest_machines(s, need) if cluster or alike else fastest_holding(s, need)
    if cards is None:
        return (
            _faster_cards_good_quant(req, table, run) if not alike and not cluster else (req, table)
        )
    choice = CardChoice(s, cards, run.decode, run.quant.id)
    sub = replace(req, setup=sub_setup(s, cards, req.ram_gb), cards=choice)
    alt = quant_table(sub)
    best = shown_config(sub, alt) if req.quant is not None else alt.recommended
    if best is None or not best.decode or FIT_ORDER[best.fit] > FIT_ORDER[run.fit]:
        return req, table
    want = req.workload.good_decode_tok_s
    gain = worth(best, want) - worth(run, want)
    faster = best.decode * NEAR_FASTEST > run.decode
    if not alike and (gain > NEAR_EQUAL_QUALITY or (gain >= -NEAR_EQUAL_QUALITY and faster)):
        return sub, replace(alt, whole=table)
    same = (best.quant.id, best.kv_type, best.fit) == (run.quant.id, run.kv_type, run.fit)
    if alike and same and not _keeps_window(req, sub, run):
        # llama.cpp's default --split-mode layer spreads the layers and their KV cache over every
        # visible card (docs/multi-gpu.md): where one card holds less of the window than all of
        # them, the run is that split and one card alone a note beside it
        # (answers._one_card_alone)
        return req, table
    if not cluster and same and best.decode >= run.decode:
        # the run as it is (quant, cache, fit) on the fewest, fastest cards that hold it, no
        # slower than over all of them (cards of one kind differ by a hop): the others stay free
        # for a second model (llama.cpp #4014: restrict it to the card that holds it)
        return sub, replace(alt, whole=table)
    if not alike and not cluster:
        return _faster_cards_good_quant(req, table, run)
    return req, table


def _keeps_window(req: Request, sub: Request, run: Config) -> bool:
    """Fewer cards of the rig hold as long a window at the run's quant and cache as all of them
    (safe_context_where on each: the model's own window, or the rope-scaled one asked)."""

    def window(r: Request) -> int:
        return safe_context_where(
            r.model,
            run.quant,
            r.setup.device,
            r.setup.count,
            run.kv_type,
            r.flash,
            r.n_seq,
            r.context_limit,
        )[0]

    return window(sub) >= window(req)


def _faster_cards_good_quant(
    req: Request, table: QuantTable, run: Config
) -> tuple[Request, QuantTable]:
    """A mixed rig whose slower card only buys a better quant: the fastest cards that hold a good
    one (GOOD_QUALITY) all on themselves, when that is clearly faster and the better quant over
    every card is not clearly better, by a whole quant step (TIGHT_COST, the bar a fit with no
    room or weights in RAM must clear too). People do not slow every token down on a second,
    slower card for a step nobody sees (Qwen3.6-35B-A3B on a 3090 Ti + 4060 Ti: UD-Q4_K_XL on the
    3090 Ti alone, not Q8_0 at two thirds of its speed over both); the slow card stays free."""
    s = req.setup
    good = [
        sum(d.total for d in c.placement.devices)
        for c in table.configs
        if c.placement.fits_gpu and c.fit != "wont_fit" and c.quality >= GOOD_QUALITY
    ]
    if not good:
        return req, table
    cards = fastest_holding(s, min(good))
    if cards is None:
        return req, table
    choice = CardChoice(s, cards, run.decode, run.quant.id)
    sub = replace(req, setup=sub_setup(s, cards, req.ram_gb), cards=choice)
    alt = quant_table(sub)
    best = shown_config(sub, alt) if req.quant is not None else alt.recommended
    if (
        best is None
        or not best.decode
        or not best.placement.fits_gpu
        or best.quality < GOOD_QUALITY
        or FIT_ORDER[best.fit] > FIT_ORDER[run.fit]
        or best.decode * NEAR_FASTEST <= (run.decode or 0.0)
    ):
        return req, table
    want = req.workload.good_decode_tok_s
    if worth(run, want) - worth(best, want) >= TIGHT_COST:
        return req, table
    return sub, replace(alt, whole=table)


def _fewest_machines(s: Setup, need: float) -> tuple[int, ...] | None:
    """The first k of a cluster's alike machines that hold `need` bytes, None when all do."""
    held = 0.0
    for k in range(1, s.count):
        held += s.device.usable_of(k - 1)
        if held >= need:
            return tuple(range(k))
    return None


# the fits from best to worst: fewer cards are taken only where they fit as well
# the backends as their projects write them ("ROCm", not "ROCM")
BACKEND_NAMES = {
    "cuda": "CUDA",
    "rocm": "ROCm",
    "vulkan": "Vulkan",
    "sycl": "SYCL",
    "metal": "Metal",
}
FIT_ORDER = {"runs_well": 0, "tight": 1, "offload": 2, "wont_fit": 3}
# two files within this ratio of each other are "about the same size" (the native-format warning:
# a listed size against an estimate is good to a few percent)
SAME_FILE_SIZE = 1.05


class _Decoders:
    """The decode at depth 0 of the placements a question weighs, a function per KV cache type
    (evaluate's decode_of). On one kind of device, placements whose quants share a kernel family
    share the decode step's costs (speed.DecodeStep): only their bytes differ, and from one KV
    cache type to the next only the cache's bytes per token. A layer split's speed depends on
    each card's share of the weights: a workpoint each.

    On one kind of device a decode is kept between questions (_DECODES): the step depends on the
    model, the setup and the KV cache type (one _WpSetup, which memo_by_identity keeps) and the
    fitted constants, never on the placement, so the decode of one placement of one quant is the
    same whichever question weighs it and whichever placement worked the step out first."""

    def __init__(self, req: Request):
        self.req = req
        self.steps: dict[tuple[str, str, bool], DecodeStep] = {}  # (KV type, family, unquantized)
        self.kv_free: dict[tuple[str, bool], DecodeStep] = {}  # the first KV type's, by family

    def __call__(self, kv: str):
        req, steps, kv_free = self.req, self.steps, self.kv_free
        m, s, params = req.model, req.setup, req.params
        base = _wp_setup(m, s, kv, req.catalog)

        def decode_of(p: Placement, qt: QuantType) -> float:
            if s.parts:
                wp = _workpoint(m, s, p, qt.id, None, base)
                return shown_speed(decode_tok_s(wp, params, 0))
            kept = (id(p), qt.id, id(base), id(params))
            hit = _DECODES.get(kept)
            if hit is not None and hit[0] is p and hit[1] is base and hit[2] is params:
                return hit[3]
            quant, unquantized = _speed_quant(qt.id, base)
            family = (base.families.get(quant, QUANT_REFERENCE), unquantized)
            key = (kv, *family)
            step = steps.get(key)
            if step is None:
                other = kv_free.get(family)
                if other is not None:
                    step = steps[key] = other.with_kv(
                        base.kv_per_token, base.kv_fixed, base.kv_capped, base.kv_cap
                    )
            if step is None:
                wp = _workpoint(m, s, p, qt.id, None, base)
                step = steps[key] = kv_free[family] = decode_step(wp, params)
                gpu, ram, ram_layers = wp.active_bytes_gpu, wp.active_bytes_ram, wp.ram_layers
                flops = wp.ram_flops
            else:
                gpu, ram, ram_layers, _, _, flops = _read_bytes(m, s, p, base)
            dec = shown_speed(1.0 / step.seconds(0, gpu, ram, ram_layers, flops))
            if len(_DECODES) >= DECODES_MAX:
                _DECODES.clear()
            # the objects are kept beside the decode: an id in a key always names its object
            _DECODES[kept] = (p, base, params, dec)
            return dec

        return decode_of


# (placement id, quant id, _WpSetup id, SpeedParams id) -> (placement, _WpSetup, SpeedParams,
# decode at depth 0): placements are shared (memory.place keeps them), so a question asked again
# finds its decodes; bounded like memory.place's cache (whose placements it may keep alive)
DECODES_MAX = 2048
_DECODES: dict[tuple, tuple[Placement, _WpSetup, SpeedParams, float]] = {}


def forget_decodes() -> None:
    """Drop the decodes kept between questions (bench/latency times questions without them)."""
    _DECODES.clear()


def shown_config(req: Request, table: QuantTable) -> Config:
    """The configuration the report is for: the quant asked for (with the KV cache type that
    suits it best, unless one was asked for too), else the recommendation, else a middle quant
    when nothing runs."""
    if req.quant is not None:
        # (Config's constructor, not dataclasses.replace, which reads the fields' list each time)
        own = [
            Config(
                c.quant,
                c.kv_type,
                c.placement,
                c.fit,
                c.decode,
                c.quality,
                True,
                c.native,
                c.renamed,
            )
            for c in table.configs
            if c.quant.id == req.quant.id
        ]
        shared = req.setup.hw.kind == "unified"
        return choose(own, req.workload, req.mode, shared) or own[0]
    if table.recommended is not None:
        return table.recommended
    fallback = _fallback_quant(req.catalog, req.model)
    return next(c for c in table.configs if c.quant.id == fallback)


def quant_rows(
    req: Request,
    table: QuantTable,
    run: Config,
    slow_at: float | None = None,
    slow_where: str | None = None,
) -> list[QuantRow]:
    """The table as the card shows it: every quant at the shown configuration's KV cache type.
    A row is labelled slow (report.SLOW_LABELS) when it decodes below the workload's minimum, or
    no faster than `slow_at`, the decode of a headline labelled slow: a card never says "runs
    well" of a quant slower than one it calls slow. `slow_where`: the placement kind of a headline
    slow by its first token, not its decode; a row placed the same way reads its prompt on the
    same devices at nearly the same compute rate (prefill is bound by arithmetic, which the quant
    barely changes), so it is slow too."""
    at_kv = {c.quant.id: c for c in table.configs if c.kv_type == run.kv_type}
    missing = [q for q in table.quants if q.id not in at_kv]
    if missing:
        decoders = table.decoders if table.decoders is not None else _Decoders(req)
        for c in evaluate(req, missing, run.kv_type, table.have, decoders(run.kv_type)):
            at_kv[c.quant.id] = c
    if table.whole is not None:
        # the run sits on fewer cards than the machine has: a quant that fits better over all
        # of them is shown as it runs there (2x 4060 Ti 16GB, Qwen3 14B on one card at Q5_K_M:
        # Q8_0 runs well over both, not "partial offload" on one)
        for c in table.whole.configs:
            kept = at_kv.get(c.quant.id)
            if c.kv_type == run.kv_type and kept and FIT_ORDER[c.fit] < FIT_ORDER[kept.fit]:
                at_kv[c.quant.id] = c
    rows = []
    params = req.model.params_b * 1e9
    m = req.model
    if req.wired_limit_mb:
        # a Mac with its wired limit raised: a row past the default share is never more than a
        # tight fit, as the run's own card says (_shown), else the row calls runs_well the quant
        # the headline calls tight
        s = req.setup
        share = usable_memory(s.hw, s.memory_gib, s.backend)
        for k, c in at_kv.items():
            if c.fit == "runs_well" and c.placement.weights_total + c.placement.kv_total > share:
                at_kv[k] = replace(c, fit="tight")
    rules = loss_rules(req.catalog)
    # the format the model was released in first (what it offers as trained), then the largest
    # file first: a catalogued size can put a quant out of its type's nominal order
    order = sorted(
        table.quants,
        key=lambda q: (q.id != m.native_quant, -at_kv[q.id].placement.weights_total),
    )
    for qt in order:
        c = at_kv[qt.id]
        p = c.placement
        quality = quant_quality(m, qt, req.catalog)
        if qt.id == m.native_quant:
            label = rules.native_label
        elif m.native_quant and rules.label(quality) == rules.labels[0].label:
            label = rules.no_gain_label  # a file that adds nothing to the released one
        else:
            # a file the name undersells (gpt-oss's "Q2_K" is MXFP4 inside) reads as what it is
            label = qt.label if quality == qt.quality else rules.label(quality)
        rows.append(
            QuantRow(
                quant=qt.id,
                # the file's own bits per weight (its size over the parameters), which is the
                # quant type's average only when the size is not catalogued
                bpw=round(p.weights_total * 8 / params, 2),
                memory_gb=_gb(p.weights_total + p.kv_total + _overhead(p)),
                fit=c.fit,
                quality=round(quality, 1),
                label=label,
                available=c.available,
                decode_tok_s=c.decode,
                fit_label=verdict_label(
                    c.fit,
                    _slow_grade(req, c.decode, slow_at)
                    or (SLOW_GRADES[0] if p.kind == slow_where else None),
                    p.kind,
                ),
                native=qt.id == m.native_quant,
                bulk=_bulk_of(m, qt.id),
            )
        )
    return rows


def _bulk_of(m: Model, quant: str) -> str | None:
    """What a native_bulk model's file keeps under another name ("MXFP4 experts": gpt-oss's Q8_0
    is MXFP4 in its MoE experts, 8 bits only in the rest), None for a file that is its name."""
    if not m.native_bulk or m.native_quant is None or quant == m.native_quant:
        return None
    return f"{m.native_quant} {'experts' if m.moe else 'bulk'}"


def _label_of(req: Request, run: Config, fig: Figures, grade: str | None) -> str:
    """The headline's fit label: slow for a slow grade, and below the workload's minimum decode
    whatever the grade weighs, as the quant rows are."""
    slow = grade if grade in SLOW_GRADES else _slow_grade(req, fig.decode)
    return verdict_label(run.fit, slow, run.placement.kind)


def _slow_by_first_token(req: Request, ttft_ms: float | None, grade: str | None) -> bool:
    """Graded slow with a first token over what the workload tolerates: reading the prompt is
    slow, which a smaller quant on the same devices does not cure."""
    return grade in SLOW_GRADES and ttft_ms is not None and ttft_ms > 1000 * req.workload.max_ttft_s


def _slow_grade(req: Request, decode: float | None, slow_at: float | None = None) -> str | None:
    """A grade that makes verdict_label call a configuration slow ("D"), or None: below the
    workload's minimum decode, or at or below `slow_at` (a slower one already called slow)."""
    if decode is None:
        return None
    if decode < req.workload.min_decode_tok_s or (slow_at is not None and decode <= slow_at):
        return SLOW_GRADES[0]
    return None


# --------------------------------------------------------------------------- speed


@dataclass(frozen=True)
class Figures:
    wp: Workpoint
    safe: int
    safe_on: str  # report.SafeContextOn
    decode: float | None = None
    prefill: float | None = None
    ttft_ms: float | None = None
    decode_band: Band | None = None
    prefill_band: Band | None = None
    aggregate: float | None = None
    # decode with the window asked filled ("at 128K"), when a context was asked: the headline is
    # at the depth asked (an empty context by default), this is what a full window decodes at
    decode_full: float | None = None
    # with it: a 512-token prompt read at that depth, and the seconds to read a prompt filling it
    prefill_full: float | None = None
    read_full_s: float | None = None
    # the run's decode and prefill steps (speed.decode_step, speed.prefill_step), for workloads()
    step: DecodeStep | None = None
    pp_step: PrefillStep | None = None


def speed(req: Request, run: Config) -> Figures:
    m, s, p = req.model, req.setup, run.placement
    wp = _workpoint(m, s, p, run.quant.id, None, _wp_setup(m, s, run.kv_type, req.catalog))
    safe, safe_on = safe_context_where(
        m,
        run.quant,
        s.device,
        s.count,
        run.kv_type,
        req.flash,
        req.n_seq,
        req.context_limit,
        offloaded=p.kind in ("moe_offload", "partial_offload"),
    )
    if run.fit == "wont_fit":
        return Figures(wp, safe, safe_on)
    params, pt, pdepth = req.params, req.prompt_tokens, req.prompt_depth
    step, pp_step = decode_step(wp, params), prefill_step(wp, params)
    decode = shown_speed(decode_tok_s(wp, params, req.decode_depth, step))
    prefill = shown_speed(prefill_tok_s(wp, params, pt, pdepth, step=pp_step))
    first = prefill_seconds(wp, params, pt, pdepth, step=pp_step) + decode_seconds(
        wp, params, pdepth, step
    )
    aggregate = None
    if req.n_seq > 1:
        routed, share = _routed_on_gpu(m, p)
        aggregate = shown_speed(
            parallel_decode_tok_s(wp, params, req.decode_depth, req.n_seq, routed, share)
        )
    full = prefill_full = read_full = None
    if req.context_asked and not req.depth_asked and req.context > req.decode_depth:
        full = shown_speed(decode_tok_s(wp, params, req.context, step))
        prefill_full = shown_speed(prefill_tok_s(wp, params, C.N_UBATCH, req.context, step=pp_step))
        read_full = shown_speed(prefill_seconds(wp, params, req.context, 0, step=pp_step))
    return Figures(
        wp,
        safe,
        safe_on,
        decode,
        prefill,
        shown_speed(first * 1000, 0),
        _band(params, s.hw, m, "decode", decode),
        _band(params, s.hw, m, "prefill", prefill),
        aggregate,
        full,
        prefill_full,
        read_full,
        step,
        pp_step,
    )


# depths a "how does it slow down as the context fills" answer reads, up to the run's window:
# steps a window doubles by, from an empty cache (the window itself is always the last row)
DEPTH_STEPS = (0, 8192, 16384, 32768, 65536, 131072, 262144, 524288)


def speed_by_depth(v: Verdict, depths: tuple[int, ...] = DEPTH_STEPS) -> list[DepthSpeed]:
    """Decode and prompt reading at each depth up to the run's window, on the run's placement
    (its KV cache sized for the whole window): what "how much context before it gets slow" asks.
    Empty when the run does not fit."""
    fig, req = v.figures, v.req
    if v.run.fit == "wont_fit" or fig.step is None or fig.pp_step is None:
        return []
    params, window = req.params, req.context
    rows = []
    for d in (*(d for d in depths if d < window), window):
        rows.append(
            DepthSpeed(
                depth=d,
                decode_tok_s=shown_speed(decode_tok_s(fig.wp, params, d, fig.step)),
                prefill_tok_s=shown_speed(
                    prefill_tok_s(fig.wp, params, C.N_UBATCH, d, step=fig.pp_step)
                ),
                read_s=shown_speed(prefill_seconds(fig.wp, params, d, 0, step=fig.pp_step))
                if d
                else 0.0,
            )
        )
    return rows


# --------------------------------------------------------------------------- workloads


def _rope_window(m: Model) -> int | None:
    """The context the model's rope scaling reaches (Qwen3 8B: 4 x 32K), None without any."""
    rs = m.rope_scaling
    return int(rs.factor * rs.original_context) if rs is not None else None


def workloads(
    req: Request,
    run: Config,
    safe: int,
    wp: Workpoint | None = None,
    step: DecodeStep | None = None,
    pp_step: PrefillStep | None = None,
):
    """Each workload's figures and grade, and the headline grade, score and reason: the named
    workload's, or the mode's weighing of all five (the reason is always the shown workload's,
    so a chat card never quotes agentic coding). `wp`: the run's workpoint, when speed() has it
    (and `step` and `pp_step`, its decode and prefill steps)."""
    m, params = req.model, req.params
    if run.fit == "wont_fit":
        wp = None
    elif wp is None:
        wp = _workpoint(
            m,
            req.setup,
            run.placement,
            run.quant.id,
            None,
            _wp_setup(m, req.setup, run.kv_type, req.catalog),
        )
    if wp is not None and step is None:
        step = decode_step(wp, params)
    if wp is not None and pp_step is None:
        pp_step = prefill_step(wp, params)
    results: list[WorkloadResult] = []
    scores: dict[str, int] = {}
    for w in req.catalog.workloads.values():
        wctx = min(safe, req.context_limit) if safe else 0
        if wp is None:
            g = Graded(0, "F", "does not fit in memory")
            results.append(
                WorkloadResult(
                    id=w.id,
                    name=w.name,
                    context=wctx,
                    prompt_tokens=max(w.prompt_tokens - w.cached_prefix, 1),
                    depth=w.depth + w.cached_prefix,
                    ttft_ms=None,
                    answer_s=None,
                    decode_tok_s=None,
                    grade="F",
                    score=0,
                    reason=g.reason,
                )
            )
            scores[w.id] = 0
            continue
        new_tokens = max(w.prompt_tokens - w.cached_prefix, 1)
        read_depth = w.depth + w.cached_prefix
        t_pre = prefill_seconds(wp, params, new_tokens, read_depth, step=pp_step)
        dec_w = mean_decode_tok_s(wp, params, w.depth + w.prompt_tokens, w.output_tokens, step)
        ttft_w = t_pre + 1 / dec_w
        answer = ttft_w + w.output_tokens / dec_w
        g = grade_workload(
            w,
            fit=run.fit,
            decode=dec_w,
            ttft_s=ttft_w,
            context=wctx,
            expert_offload=run.placement.kind == "moe_offload",
            quant_quality=run.quality,
            quant=run.quant.id,
            window=req.context_limit if req.context_limit <= safe else None,
            scaled_window=_rope_window(m),
        )
        scores[w.id] = g.score
        results.append(
            WorkloadResult(
                id=w.id,
                name=w.name,
                context=wctx,
                prompt_tokens=new_tokens,
                depth=read_depth,
                ttft_ms=shown_speed(ttft_w * 1000, 0),
                answer_s=shown_speed(answer),
                decode_tok_s=shown_speed(dec_w),
                grade=g.grade,
                score=g.score,
                reason=g.reason,
            )
        )
    shown = next(w for w in results if w.id == req.workload.id)
    if run.fit == "wont_fit":
        return results, "F", 0, shown.reason
    score = scores[shown.id] if req.workload_named else overall(scores, req.mode)
    reason = shown.reason
    if not req.workload_named and letter(score) != shown.grade:
        # the weighed grade differs from the shown workload's: name the workload that pulls it
        weakest = min(results, key=lambda w: w.score or 0)
        if weakest.id != shown.id and (weakest.score or 0) < GRADE_FLOORS[2][1]:
            reason = f"{reason}; weakest: {weakest.name.lower()} ({weakest.grade})"
    return results, letter(score), score, reason


# --------------------------------------------------------------------------- report


def report(
    req: Request,
    table: QuantTable,
    run: Config,
    fig: Figures,
    results: list[WorkloadResult],
    grade: str | None,
    score: int | None,
    reason: str,
) -> Report:
    m, p = req.model, run.placement
    # the hardware is the rig asked about, even when the run uses some of its cards
    s = req.cards.rig if req.cards is not None else req.setup
    cmds = _commands(req, run)
    rec = table.recommended
    steps = next_steps(req, table, run, grade, fig.ttft_ms)
    warnings = _warnings(req, run, fig.safe, cmds)
    if tip := _kv_tip(req, table, rec):
        warnings.append(tip)
    warnings += _card_tips(req, table, run)
    if tip := _wired_tip(req, run):
        warnings.append(tip)
    verify = _VerifyCosts(req, run, fig) if fig.decode is not None else None
    return Report(
        model=ModelRef(id=m.id, name=m.name, params_b=m.params_b, active_params_b=m.active_b),
        hardware=HardwareRef(
            id=s.hw.id,
            # a server's CPU assumed for the RAM a box of big cards is built with (request
            # ram_for_cards) is named only where the run reads from that RAM: 8x H100 holding the
            # model whole is the cards, the host said in the assumptions
            name=_hw_name(s.hw, s)
            if req.host_assumed
            and req.ram_for_cards
            and run.fit != "wont_fit"
            and p.kind not in ("partial_offload", "moe_offload")
            else s.with_host(_hw_name(s.hw, s)),
            count=s.count,
            memory_gb=s.memory_gib,
            bandwidth_gbps=s.hw.bandwidth_gbps,
            kind=s.hw.kind,
            parts=[
                SetupPart(id=x.hw.id, name=x.hw.name, count=x.count, memory_gb=x.memory_gib)
                for x in s.parts
            ]
            or None,
            ram_gb=(req.ram_gb if req.ram_gb is not None else C.DEFAULT_RAM_GIB)
            if s.hw.kind == "gpu"
            else None,
            host=HostRef(
                id=s.host.id, name=host_label(s.host), bandwidth_gbps=s.host.bandwidth_gbps
            )
            if s.host
            else None,
        ),
        quant=run.quant.id,
        context=req.context,
        kv_type=run.kv_type,
        backend=s.backend,
        mode=req.mode,
        workload=req.workload.id,
        fit=run.fit,
        # below the workload's minimum decode the label says slow whatever the grade weighs,
        # as the quant rows do
        fit_label=_label_of(req, run, fig, grade),
        memory=MemoryBreakdown(
            weights_gb=_gb(p.weights_total),
            kv_cache_gb=_gb(p.kv_total),
            overhead_gb=_gb(_overhead(p)),
            total_gb=_gb(p.weights_total + p.kv_total + _overhead(p)),
            available_gb=_gb(_total_usable(req.setup)),
        ),
        placement=_placement_out(p, req.setup, req.cards),
        safe_context=fig.safe,
        safe_context_on=fig.safe_on,
        wired_limit_mb=req.wired_limit_mb if s.hw.kind == "apple" else None,
        quants=quant_rows(
            req,
            table,
            run,
            fig.decode if "slow" in _label_of(req, run, fig, grade) else None,
            run.placement.kind if _slow_by_first_token(req, fig.ttft_ms, grade) else None,
        ),
        recommended_quant=rec.quant.id if rec else None,
        recommended_kv_type=rec.kv_type if rec else None,
        commands=cmds,
        decode_tok_s=fig.decode,
        prefill_tok_s=fig.prefill,
        ttft_ms=fig.ttft_ms,
        ttft_prompt_tokens=req.prompt_tokens if fig.ttft_ms is not None else None,
        ttft_depth=req.prompt_depth if fig.ttft_ms is not None else None,
        decode_band=fig.decode_band,
        prefill_band=fig.prefill_band,
        decode_full_tok_s=fig.decode_full,
        prefill_full_tok_s=fig.prefill_full,
        read_full_s=fig.read_full_s,
        workloads=results,
        grade=grade,
        score=score,
        reason=reason,
        parallel=req.n_seq,
        aggregate_tok_s=fig.aggregate,
        assumptions=_assumptions(req, run, results, table),
        warnings=warnings,
        next_steps=steps,
        model_quality=_quality_out(req),
        assumed=_assumed(req, run, steps, fig, table),
        speculative=_speculation(req, run, fig, verify),
        speculative_draft=_draft_speculation(req, run, fig, verify, cmds),
    )


class _VerifyCosts:
    """The check of n drafted tokens (n + 1 tokens in one target step) in target decode steps,
    priced by the speed model (speed.verify_seconds) once per length and shared by the MTP and
    draft-model estimates. Nothing is computed until an estimate asks."""

    def __init__(self, req: Request, run: Config, fig: Figures):
        self.req, self.run, self.wp = req, run, fig.wp
        self._costs: dict[int, float] = {}

    @functools.cached_property
    def step(self) -> float:
        """One ordinary decode step of the target, seconds."""
        return decode_seconds(self.wp, self.req.params, self.req.decode_depth)

    @functools.cached_property
    def _priced(self) -> tuple[tuple[float, float, float], float]:
        routed = _routed_split(self.req.model, self.run.placement)
        return routed, verify_token_seconds(self.wp, self.req.params, self.req.decode_depth)

    def __call__(self, n: int) -> float:
        cost = self._costs.get(n)
        if cost is None:
            routed, per_token = self._priced
            req = self.req
            t = verify_seconds(self.wp, req.params, req.decode_depth, n + 1, routed, per_token)
            cost = self._costs[n] = t / self.step
        return cost


def _speculation(
    req: Request, run: Config, fig: Figures, verify: _VerifyCosts | None
) -> Speculative | None:
    """MTP speculative decoding for a model that ships the heads and a published acceptance:
    a draft step runs one extra layer and the output head; the check of n + 1 tokens is one
    batched step (a MoE touches more experts for more tokens)."""
    m = req.model
    if m.mtp is None or m.mtp.acceptance is None or verify is None or req.n_seq > 1:
        return None
    wp = fig.wp
    bpp = run.placement.weights_total / (m.params_b * 1e9)
    output = m.vocab * m.hidden_size * bpp
    layer = max(active_bytes(m, run.placement.weights_total) - output, 0.0) / m.layers
    draft_cost = min((layer + output) / max(wp.active_bytes_gpu + wp.active_bytes_ram, 1.0), 1.0)
    # a checkpoint with several MTP blocks chains them, each used once: llama.cpp clamps
    # --spec-draft-n-max to the block count (ggml-org/llama.cpp PR #24340). One block is looped,
    # and a looped block drafts later tokens it was not trained for, accepted less often by
    # amounts not published: no longer than the draft its acceptance was measured at (llama's
    # default when that is not said), where the constant rate still holds
    longest = m.mtp.layers
    if longest == 1:
        longest = m.mtp.measured_draft or speculative.DEFAULT_DRAFT
    n, gain = speculative.best_length(m.mtp.acceptance, draft_cost, verify, longest)
    if n == 0 or gain < speculative.MIN_SPEEDUP:
        return None
    flags = " ".join(speculative.flags(n))
    note = (
        "needs a GGUF that carries the MTP layers (or its -MTP sidecar file); the gain "
        "falls with the acceptance on your prompts"
    )
    if repo := _mtp_repo(m, run.quant.id):
        # the plain files of most repos leave the MTP layer out: the -MTP repo's file has it
        flags = f"-hf {repo}:{run.quant.id} {flags}"
        note = f"{repo} holds the same weights plus the MTP layer; the gain falls with the"
        note += " acceptance on your prompts"
    return Speculative(
        method="mtp",
        draft_tokens=n,
        acceptance=m.mtp.acceptance,
        speedup=round(gain, 2),
        decode_tok_s=shown_speed(fig.decode * gain),
        flags=flags,
        note=note,
    )


def _mtp_repo(m: Model, quant: str) -> str | None:
    """A catalogued repo whose files carry the MTP layer (unsloth's *-MTP-GGUF) at this quant."""
    return next(
        (g.repo for g in m.gguf if "mtp" in g.repo.lower() and quant in g.quants),
        None,
    )


def _draft_speculation(
    req: Request, run: Config, fig: Figures, verify: _VerifyCosts | None, cmds: Commands
) -> DraftSpeculative | None:
    """Speculative decoding with a catalogued draft model (fitengine.drafts): offered when a
    published run stands for the workload, the draft fits beside the target (its verdict says
    whether the margin of "runs well" is left) and the speed model says it pays. A draft step
    costs the draft's own decode step on this hardware at this depth; the check is the target's
    batched step."""
    m, s, p = req.model, req.setup, run.placement
    if verify is None or req.n_seq > 1:
        return None
    found = drafts.candidates(req.catalog, m, req.workload.id, req.total_context)
    if not found:
        return None
    cpu = s.hw.kind == "cpu"
    best = None
    for c in found:
        fp = drafts.footprint(c.model, c.quant, req.total_context, run.kv_type, req.flash, cpu)
        left = drafts.room_left(fp, p, s.device)
        if left is None:
            continue
        wp = _draft_workpoint(req, run, c, fp)
        draft_cost = decode_seconds(wp, req.params, req.decode_depth) / verify.step
        n, gain = speculative.best_length(c.alpha, draft_cost, verify)
        if n and gain >= speculative.MIN_SPEEDUP and (best is None or gain > best[0]):
            best = (gain, n, c, fp, left)
    if best is None:
        return None
    gain, n, c, fp, left = best
    # the margin a "runs well" verdict keeps, on every device
    roomy = left >= fit_margin(s.device) * len(p.devices)
    quant = c.quant.id
    repo = commands.gguf_repo(c.model, quant)
    flags = speculative.draft_flags(
        n,
        hf=f"{repo}:{quant}" if repo else None,
        path=None if repo else f"./{c.model.id}-{quant}.gguf",
        kv_type=run.kv_type,
        gpu=not cpu,
    )
    measured_on = ", ".join(c.run.workloads) or "prompts of several kinds"
    return DraftSpeculative(
        method="draft",
        draft_model=c.model.id,
        draft_name=c.model.name,
        draft_quant=quant,
        draft_tokens=n,
        acceptance=round(c.alpha, 3),
        acceptance_rate=c.run.rate,
        acceptance_workloads=list(c.run.workloads),
        acceptance_source=c.run.source,
        speedup=round(gain, 2),
        decode_tok_s=shown_speed(fig.decode * gain),
        memory_gb=_gb(fp.total),
        fit="runs_well" if roomy and run.fit == "runs_well" else "tight",
        flags=" ".join(flags),
        command=f"{cmds.llama_cpp} {' '.join(flags)}",
        note=(
            f"acceptance from a published run on {measured_on}; the gain falls with the "
            "acceptance on your prompts and sampling. Ollama runs no separate draft model "
            "(its DRAFT takes MTP and DFlash drafters only): use llama-server"
        ),
    )


def _draft_workpoint(req: Request, run: Config, c: drafts.Candidate, fp: drafts.Footprint):
    """The draft as the speed model sees it: all its layers where the target's are (the
    accelerator(s), or the CPU), its embeddings in host memory."""
    d, s, cpu = c.model, req.setup, req.setup.hw.kind == "cpu"
    devices = run.placement.devices
    on_each = (fp.weights - fp.host) / max(len(devices), 1)
    placed = Placement(
        kind=run.placement.kind,
        gpu_layers=0 if cpu else d.layers + 1,
        n_cpu_moe=0,
        devices=[DeviceLoad(x.name, weights=on_each) for x in devices],
        host=DeviceLoad("RAM", weights=fp.host),
        weights_total=fp.weights,
    )
    return _workpoint(d, s, placed, c.quant.id, None, _wp_setup(d, s, run.kv_type, req.catalog))


def _quality_out(req: Request) -> QualityOut | None:
    q = model_quality(req.model, req.catalog, req.workload.quality_task)
    return QualityOut(value=round(q.value, 1), task=q.task, estimated=q.estimated, basis=q.basis)


def _commands(req: Request, c: Config) -> Commands:
    m, p = req.model, c.placement
    return commands.build(
        m,
        req.setup.hw,
        c.quant.id,
        context=req.total_context,
        gpu_layers=99 if p.gpu_layers > m.layers else p.gpu_layers,
        n_cpu_moe=p.n_cpu_moe,
        kv_type=c.kv_type,
        backend=req.setup.backend,
        parallel=req.n_seq,
        rope=req.rope,
        split=p.split,
        layered_tok_s=_layered_decode(req, c),
        devices=_device_names(req),
        rpc_nodes=req.setup.count - 1 if _cluster_of(req) else 0,
        rpc_port=multi_gpu(req.catalog).clusters.server_port,
    )


def _device_names(req: Request) -> list[str] | None:
    """The `-dev` names of the cards a run keeps to; none across machines (RPC has its own)."""
    ch = req.cards
    if ch is None or cluster_link(req.catalog, ch.rig.hw, ch.rig.count) is not None:
        return None
    return ch.device_names(multi_gpu(req.catalog))


def _cluster_of(req: Request):
    return cluster_link(req.catalog, req.setup.hw, req.setup.count)


def _card_tips(req: Request, table: QuantTable, run: Config) -> list[str]:
    """What a rig's cards are for beyond the default layer split: the run on fewer of them
    (which, and what all of them would give), and llama.cpp's tensor split for comparable
    cards on a backend that has it (catalog/multi_gpu.yaml), which reads each layer's weights on
    all of them at once. Without a speed figure
    for the tensor split: the calibration has no run of it to fit one on."""
    out = []
    ch = req.cards
    if ch is not None and cluster_link(req.catalog, ch.rig.hw, ch.rig.count) is not None:
        rig = f"~{approx_tok_s(ch.rig_decode)} tok/s" if ch.rig_decode else "slower"
        n, total = len(ch.cards), ch.rig.count
        idle = total - n
        out.append(
            f"Runs on {'one' if n == 1 else n} of the {total} machines"
            f"{' (--rpc to the others)' if n > 1 else ''}: spread over "
            f"{'both' if total == 2 else f'all {total}'}, a token also crosses the network "
            f"between them ({ch.rig_quant}: {rig}). The {'other stays' if idle == 1 else 'others stay'}"
            " free for a second model."
        )
    elif ch is not None:
        names = ch.device_names(multi_gpu(req.catalog))
        flag = f" (-dev {','.join(names)})" if names else ""
        idle = ch.idle()
        rig = f"~{approx_tok_s(ch.rig_decode)} tok/s" if ch.rig_decode else "slower"
        # what all the cards buy instead: room for context (at the run's quant and cache type)
        held = safe_context_where(
            req.model,
            run.quant,
            ch.rig.device,
            ch.rig.count,
            run.kv_type,
            req.flash,
            req.n_seq,
            req.context_limit,
        )
        if held[1] == "gpu" and held[0] > req.context:
            rig += f" with up to {held[0]:,} tokens of context"
        # cards of one kind: more of them add no speed, only room; mixed ones: the slow card's
        # share is read at its speed
        why = (
            "a layer split runs the cards one after another, so more of them add room, not speed"
            if len({card_kind(n) for n in ch.used() + idle}) == 1
            else "a layer split over every card takes each card's share at that card's speed, one "
            "after another"
        )
        out.append(
            f"Runs {on_cards(ch.used(), idle)}{flag}: {why} ({ch.rig_quant} "
            f"over all {ch.rig.count}: {rig}). The {' and '.join(idle)} "
            f"{'stays' if len(idle) == 1 else 'stay'} free for a second model or a draft model. "
            "The device names count the cards in the order given here: llama-server "
            "--list-devices shows yours."
        )
    rules = multi_gpu(req.catalog)
    s, ts = req.setup, rules.tensor_split
    if ch is not None and run.placement.kind == "gpu":
        # one card holds it: the tensor split over all of them is the way past its speed
        s = ch.rig
    if run.placement.kind in ("multi_gpu", "gpu") and tensor_split_applies(rules, s, req.model):
        f16 = run.kv_type in ts.kv_types or any(
            c.quant.id == run.quant.id and c.kv_type in ts.kv_types and c.placement.fits_gpu
            for c in table.configs
        )
        if f16:
            cache = (
                "" if run.kv_type in ts.kv_types else " with an f16 KV cache (-ctk f16 -ctv f16)"
            )
            kinds = [k for k in ts.kv_types if k in C.KV_BYTES]
            what, how = (
                ("one card", "")
                if run.placement.kind == "gpu"
                else ("layer split", " (which runs the cards one after another)")
            )
            caches = ", ".join(kinds[:-1]) + (" or " if len(kinds) > 1 else "") + kinds[-1]
            out.append(
                f"Tip: on {s.count} comparable cards, llama.cpp's tensor split on "
                f"{rules.device_names.get(s.backend, s.backend)} ({ts.flag}, experimental){cache} "
                "splits every layer over the cards, which read their parts at the same time: "
                f"decode is faster than the {what} estimated here{how}. It needs flash attention and a KV cache of {caches}, and not every "
                "architecture has it yet: if llama.cpp says so, keep the default -sm layer."
            )
    elif run.placement.kind == "moe_offload" and tensor_split_applies(rules, s, req.model):
        # -sm tensor runs with --n-cpu-moe (llama.cpp PR 26490: -ncmoe 24 -sm tensor on two
        # V620s), but the experts left in RAM set the pace, so the gain is the cards' share only
        out.append(
            f"Tip: on {s.count} comparable cards, llama.cpp's tensor split "
            f"({ts.flag}, experimental) also runs with experts in system RAM and reads the cards' "
            "share of every layer at the same time; the experts the CPU runs still set most of "
            "the decode speed, so it gains less than with everything on the GPUs."
        )
    return out


def _layered_decode(req: Request, c: Config) -> float | None:
    """The decode of a MoE whose experts llama.cpp keeps in RAM (--n-cpu-moe) when a runner
    that places whole layers only (Ollama) runs it: the -ngl placement of the same quant, at the
    same context. None when the run keeps no experts apart."""
    p = _layered_place(req, c)
    return _decode_placed(req, c, p) if p is not None else None


def _decode_placed(req: Request, c: Config, p: Placement) -> float:
    """The shown decode of configuration `c` placed as `p`."""
    m, s = req.model, req.setup
    wp = _workpoint(m, s, p, c.quant.id, None, _wp_setup(m, s, c.kv_type, req.catalog))
    return shown_speed(decode_tok_s(wp, req.params, req.decode_depth))


def _layered_place(req: Request, c: Config) -> Placement | None:
    """The -ngl placement (whole layers, no experts apart) of a run that keeps its experts in RAM,
    at its quant, cache and window; None when the run keeps no experts apart or it does not fit."""
    if c.placement.kind != "moe_offload":
        return None
    s = req.setup
    p = place(
        req.model,
        c.quant,
        s.device,
        s.count,
        req.total_context,
        c.kv_type,
        req.flash,
        req.n_seq,
        experts_apart=False,
    )
    return p if p.fits else None


def whole_layers(model: str | Model, hardware: str | Hardware | None, **kw) -> tuple[int, float]:
    """ "Offload the experts or whole layers?": the -ngl placement of the run analyze() shows
    with its experts in RAM (--n-cpu-moe), the same quant, cache and window with whole layers in
    RAM instead, and its decode: (gpu_layers, tok/s). (0, 0.0) when the run keeps no experts
    apart or whole layers do not fit."""
    v = verdict(model, hardware, **kw)
    c, req = v.run, v.req
    p = _layered_place(req, c)
    tok = _decode_placed(req, c, p) if p is not None else 0.0
    return (p.gpu_layers, tok) if tok else (0, 0.0)


# --------------------------------------------------------------------------- next steps


def next_steps(
    req: Request, table: QuantTable, run: Config, grade: str | None, ttft_ms: float | None = None
) -> list[NextStep]:
    """When the shown configuration does not fit or is too slow to use: the nearest things that
    run, each with the command for it, instead of commands that would fail. A long context asked
    for that puts layers in system RAM also gets the longest context that stays on the GPU."""
    if run.fit != "wont_fit" and grade not in ("D", "F"):
        long_asked = (req.context_asked or 0) > 8192
        if long_asked and (step := _context_on_gpu(req, table, run)):
            return [step]
        if step := _quant_on_gpu(req, table, run):
            return [step]
        return []
    out: list[NextStep] = []
    rec = table.recommended
    at_req = req
    if (raised := _raised_mac_run(req, rec)) is not None:
        at_req, rec = raised
    slow_at = run.decode if grade in SLOW_GRADES else None
    # slow to the first token: a quant placed the same way reads its prompt as slowly
    # (quant_rows), so the step offers its memory, never "runs well"
    same_prompt = (
        rec is not None
        and _slow_by_first_token(req, ttft_ms, grade)
        and rec.placement.kind == run.placement.kind
    )
    if rec is not None and (rec.quant.id, rec.kv_type) != (run.quant.id, run.kv_type):
        kind = "smaller_quant" if rec.quant.id != run.quant.id else "kv_type"
        kv = f" with a {rec.kv_type} KV cache" if rec.kv_type != "f16" else ""
        how = f"it {_fit_words(rec, req, slow_at)} (~{approx_tok_s(rec.decode)} tok/s)"
        if same_prompt:
            fits = "fits with room to spare" if rec.fit == "runs_well" else _fit_words(rec)
            how = (
                f"it {fits} (~{approx_tok_s(rec.decode)} tok/s), though its first token is as"
                " slow: the prompt is read on the same devices"
            )
        if at_req.wired_limit_mb:
            how = (
                f"it fits all on the GPU, tightly, with the macOS GPU wired limit raised: ~"
                f"{approx_tok_s(rec.decode)} tok/s after `sudo sysctl "
                f"iogpu.wired_limit_mb={at_req.wired_limit_mb}` (until reboot)"
            )
        out.append(
            NextStep(
                kind=kind,
                text=f"At {rec.quant.id}{kv} {how}.",
                quant=rec.quant.id,
                kv_type=rec.kv_type,
                decode_tok_s=rec.decode,
                command=_commands(at_req, rec).llama_cpp,
            )
        )
    s = req.setup
    if run.fit == "wont_fit" and s.hw.kind == "gpu" and not s.parts:
        if step := _more_ram(req, run, table):
            out.append(step)
        # a laptop holds the one GPU it was built with: no second card to add
        if s.hw.form != "laptop" and (step := _more_gpus(req, run)):
            out.append(step)
    unified = s.hw.kind in ("apple", "unified") and not s.parts
    if run.fit == "wont_fit" and unified and (step := _more_memory(req)):
        out.append(step)
    if run.fit == "wont_fit" and req.context > 8192 and (step := _shorter_context(req, run)):
        out.append(step)
    if run.fit != "wont_fit" and req.context > 8192 and (step := _context_on_gpu(req, table, run)):
        out.append(step)
    if (not out or rec is None) and (step := _sibling(req)):
        out.append(step)
    return out


def _quant_on_gpu(req: Request, table: QuantTable, run: Config) -> NextStep | None:
    """The quant asked puts layers of a dense model in system RAM (Q6_K of a 14B on a 12 GB
    card) while the recommended one stays all on the GPU and decodes faster: the step people
    give first ("Q6 spills; Q4_K_M fits, three times as fast"), not only the table's star."""
    rec = table.recommended
    if req.quant is None or rec is None or run.placement.kind != "partial_offload":
        return None
    if rec.fit not in ("runs_well", "tight") or not rec.placement.fits_gpu:
        return None
    if (rec.decode or 0.0) <= (run.decode or 0.0):
        return None
    article = "an" if rec.kv_type.startswith("f") else "a"
    kv = f" with {article} {rec.kv_type} KV cache" if rec.kv_type != run.kv_type else ""
    return NextStep(
        kind="smaller_quant" if rec.quant.id != run.quant.id else "kv_type",
        text=f"At {rec.quant.id}{kv} it {_fit_words(rec, req)}, all on the GPU"
        f" (~{approx_tok_s(rec.decode)} tok/s).",
        quant=rec.quant.id,
        kv_type=rec.kv_type,
        decode_tok_s=rec.decode,
        command=_commands(req, rec).llama_cpp,
    )


def _worth_raising(m: Model, c: Config) -> bool:
    """A wired limit is raised for a usable file, not to squeeze a dense model's 2-bit one into
    the memory the system keeps (QwQ 32B at Q2_K on a 16 GB Mac, a 72B at IQ2_XXS on 32 GB); a
    big MoE's 1-2-bit dynamic file is what its owners run (DeepSeek V4 Flash at UD-IQ1_S)."""
    return m.is_moe or c.quality >= USABLE_QUALITY


def _raised_mac_run(req: Request, rec: Config | None) -> tuple[Request, Config] | None:
    """A Mac whose nearest running choice spills past the GPU's default wired share (experts run
    by the CPU from the same memory, which frees nothing): the run all on the GPU with the wired
    limit raised, when that is worth as much and decodes faster."""
    if req.setup.hw.kind != "apple" or req.wired_limit_mb or rec is None:
        return None
    if rec.placement.kind == "unified" and rec.quality >= GOOD_QUALITY:
        return None
    raised = with_raised_wired_limit(req)
    if raised is None:
        return None
    table = quant_table(raised)
    # the raised table's pick, or the same quant and cache all on the GPU (as _mac_wired_limit)
    picks = [table.recommended] + [
        c for c in table.configs if (c.quant.id, c.kv_type) == (rec.quant.id, rec.kv_type)
    ]
    want = req.workload.good_decode_tok_s
    picks = [
        c
        for c in picks
        if c is not None
        and c.placement.kind == "unified"
        and c.fit != "wont_fit"
        and _worth_raising(req.model, c)
    ]
    if not picks:
        return None
    alt = max(picks, key=lambda c: (worth(c, want), c.decode or 0.0))
    if (worth(alt, want), alt.decode or 0.0) < (worth(rec, want), rec.decode or 0.0):
        return None
    return raised, alt


def _fit_words(c: Config, req: Request | None = None, slow_at: float | None = None) -> str:
    """What a configuration does, in words that follow the workload's speed floor (report's
    SLOW_LABELS): "runs well" is never said of one decoding below the workload's minimum, or no
    faster than `slow_at` (the decode of a configuration already called slow)."""
    if req is not None and c.fit != "wont_fit" and _slow_grade(req, c.decode, slow_at):
        return "fits, but is slow" if c.fit != "offload" else "runs slowly with part of it in RAM"
    return {
        "runs_well": "runs well",
        "tight": "fits, tightly",
        "offload": "runs with part of it in system RAM",
    }.get(c.fit, "does not fit")


def _ram_needed_gib(p: Placement) -> float:
    """System RAM (GiB, as sold) a box needs for this placement: what the model keeps in RAM
    plus what the OS keeps (memory.host_ram's reserve)."""
    host = p.host.total / C.GIB
    return max(host + C.HOST_DESKTOP_RESERVE_GIB, host / (1 - C.CPU_OS_RESERVE_SHARE))


_RAM_SIZES = (16, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048)


def _more_ram(req: Request, run: Config, table: QuantTable) -> NextStep | None:
    """The least system RAM (a size sold) with which layers or experts in RAM run the model: at
    the quant asked, else at the best usable file that needs no more RAM than the smallest one
    (an expert names the RAM that runs Kimi K2.6's 2-bit file, not the 4-bit one nobody fits)."""
    s, m = req.setup, req.model
    big = replace(s.device, ram=1e15)
    pool = [run]
    if req.quant is None:
        usable = [
            c
            for c in table.configs
            if c.kv_type == run.kv_type and c.available and c.quality >= USABLE_QUALITY
        ]
        pool = [run, *(c for c in usable if c.quant.id != run.quant.id)]
    sized: list[tuple[int, Config, Placement]] = []
    for c in pool:
        p = place(m, c.quant, big, s.count, req.total_context, run.kv_type, req.flash, req.n_seq)
        size = next((x for x in _RAM_SIZES if x >= _ram_needed_gib(p)), None) if p.fits else None
        if size is not None:
            sized.append((size, c, p))
    if not sized:
        return None
    least = min(x[0] for x in sized)
    # at that RAM: the shown quant if it runs there, else the best file (the native one on a tie)
    size, best, p = max(
        (x for x in sized if x[0] == least),
        key=lambda x: (x[1] is run, x[1].quality, x[1].native, x[1].quant.bpw),
    )
    quant = best.quant
    have = req.ram_gb if req.ram_gb is not None else C.DEFAULT_RAM_GIB
    wp = _workpoint(m, s, p, quant.id, None, _wp_setup(m, s, run.kv_type, req.catalog))
    dec = shown_speed(decode_tok_s(wp, req.params, 0))
    said = (
        "you have"
        if req.ram_gb is not None and not req.ram_from_host and not req.ram_for_cards
        else "assumed"
    )
    at = f" at {quant.id}" if quant.id != run.quant.id else ""
    return NextStep(
        kind="more_ram",
        text=(
            f"With {size} GB of system RAM ({have:g} GB {said}) it runs{at} with part of it in "
            f"RAM, ~{approx_tok_s(dec)} tok/s."
        ),
        quant=quant.id,
        kv_type=run.kv_type,
        ram_gb=float(size),
        decode_tok_s=dec,
    )


def _more_memory(req: Request) -> NextStep | None:
    """A Mac or a unified-memory machine: the smallest memory its chip is sold with that holds
    the model (at the quant asked, else the one recommended there), and its speed."""
    s, m = req.setup, req.model
    for gb in sorted({*s.hw.memory_options_gb, s.hw.memory_gb}):
        if gb <= s.memory_gib:
            continue
        try:
            bigger = make_request(
                m,
                s.hw,
                vram_gb=gb,
                quant=req.quant.id if req.quant else None,
                kv_type=req.kv_type,
                context=req.context,
                workload=req.workload.id,
                parallel=req.n_seq if req.n_seq > 1 else None,
                catalog=req.catalog,
            )
        except EngineError:
            continue
        run = shown_config(bigger, quant_table(bigger))
        if run.fit == "wont_fit":
            continue
        dec = speed(bigger, run).decode
        return NextStep(
            kind="more_ram",
            text=f"With {gb:g} GB ({s.hw.name}) it {_fit_words(run, bigger)} at {run.quant.id} "
            f"(~{approx_tok_s(dec)} tok/s).",
            quant=run.quant.id,
            kv_type=run.kv_type,
            ram_gb=float(gb),
            decode_tok_s=dec,
        )
    return None


def _more_gpus(req: Request, run: Config) -> NextStep | None:
    s, m = req.setup, req.model
    for n in range(s.count + 1, 9):
        ctx = req.total_context
        if not fits_on_gpu(m, run.quant, s.device, n, ctx, run.kv_type, req.flash, req.n_seq):
            continue
        p = place(m, run.quant, s.device, n, ctx, run.kv_type, req.flash, req.n_seq)
        if p.fits_gpu:
            setup = replace(s, count=n)
            wp = _workpoint(
                m, setup, p, run.quant.id, None, _wp_setup(m, setup, run.kv_type, req.catalog)
            )
            dec = shown_speed(decode_tok_s(wp, req.params, 0))
            return NextStep(
                kind="more_gpus",
                text=f"{n}× {s.hw.name} hold it at {run.quant.id} on the GPUs (~{approx_tok_s(dec)} tok/s).",
                quant=run.quant.id,
                kv_type=run.kv_type,
                gpus=n,
                decode_tok_s=dec,
            )
    return None


# the windows a won't-fit answer tries, longest first: each halves the KV cache of the one before
SHORTER_CONTEXTS = (65536, 32768, 16384, 8192, 4096)


def _shorter_context(req: Request, run: Config) -> NextStep | None:
    """The longest shorter window at which the model runs here, with what runs there: the
    recommendation at that window (its quant and KV cache type, weighed afresh: a smaller file
    or a q8_0 cache may be what fits), else the shown quant that fits there. GLM-4.5-Air at 128K
    on a 16 GB card with 32 GB of RAM: at 64K or 32K a 2-3-bit file with a q8_0 cache runs, where
    its Q4_K_M does not fit at any window worth having."""
    s, m = req.setup, req.model
    for ctx in SHORTER_CONTEXTS:
        if ctx >= req.context:
            continue
        sub = replace(
            req,
            context=ctx,
            context_asked=ctx,
            rope=rope_for(req.rope, ctx) if req.rope is not None and ctx > m.context else None,
        )
        rec = quant_table(sub).recommended
        if rec is not None and rec.fit != "wont_fit" and rec.decode:
            kv = f" with a {rec.kv_type} KV cache" if rec.kv_type != "f16" else ""
            return NextStep(
                kind="shorter_context",
                text=f"At {ctx // 1024}K context it {_fit_words(rec, sub)} at {rec.quant.id}{kv}"
                f" (~{approx_tok_s(rec.decode)} tok/s).",
                quant=rec.quant.id,
                kv_type=rec.kv_type,
                context=ctx,
                decode_tok_s=rec.decode,
                command=_commands(sub, rec).llama_cpp,
            )
        p = place(
            m, run.quant, s.device, s.count, ctx * req.n_seq, run.kv_type, req.flash, req.n_seq
        )
        if p.fits:
            return NextStep(
                kind="shorter_context",
                text=f"At {ctx // 1024}K context it fits at {run.quant.id}.",
                quant=run.quant.id,
                kv_type=run.kv_type,
                context=ctx,
            )
    return None


# a context long enough for documents and agents (the RAG workload's 32K): worth a smaller good quant
USEFUL_CONTEXT = 32768


def _context_on_gpu(req: Request, table: QuantTable, run: Config) -> NextStep | None:
    """Layers in system RAM at a long context (slow, or slower than they need be): the longest
    context at which a good quant (the shown one, else a smaller one) stays on the GPU(s) with
    the same KV cache, and its speed there ("at 82K it stays on the GPU at IQ4_XS")."""
    s, m = req.setup, req.model
    if s.hw.kind != "gpu" or s.parts or run.placement.kind != "partial_offload":
        return None
    found: list[tuple[QuantType, int]] = []
    for q in table.quants:
        if q.bpw > run.quant.bpw or quant_quality(m, q, req.catalog) < GOOD_QUALITY:
            continue
        ctx, on = safe_context_where(
            m, q, s.device, s.count, run.kv_type, req.flash, req.n_seq, req.context_limit
        )
        ctx = ctx // 1024 * 1024
        if on == "gpu" and 8192 <= ctx < req.context:
            found.append((q, ctx))
    # the best quant that still holds a long context (32K), else the one that holds the most
    useful = [x for x in found if x[1] >= USEFUL_CONTEXT]
    for q, ctx in useful[:1] or sorted(found, key=lambda x: -x[1])[:1]:
        p = place(m, q, s.device, s.count, ctx * req.n_seq, run.kv_type, req.flash, req.n_seq)
        if not p.fits_gpu:
            return None
        wp = _workpoint(m, s, p, q.id, None, _wp_setup(m, s, run.kv_type, req.catalog))
        dec = shown_speed(decode_tok_s(wp, req.params, 0))
        kv = f" with a {run.kv_type} KV cache" if run.kv_type != "f16" else ""
        return NextStep(
            kind="shorter_context",
            text=f"At {ctx // 1024}K context it stays on the GPU at {q.id}{kv} "
            f"(~{approx_tok_s(dec)} tok/s).",
            quant=q.id,
            kv_type=run.kv_type,
            context=ctx,
            decode_tok_s=dec,
        )
    return None


# A smaller sibling stands in for a model one or two size classes down (a 70B's 8B, a 26B's
# E4B, a 4B's 1B), never a toy: it keeps at least this share of the parameters (design choice:
# Gemma 3 270M is no stand-in for Gemma 4 26B-A4B on a Raspberry Pi, nor for Gemma 3 4B).
SIBLING_MIN_SHARE = 0.1
# ... and of its generation: released at most this many months before it (design choice: Llama
# 3.1 8B stands in for Llama 3.3 70B, five months apart; a 2025 R1 distill is no DeepSeek V4).
SIBLING_MAX_AGE_MONTHS = 12
# The model's own release wave: siblings released at most this many months before it come before
# older ones of any size (design choice: a family's sizes of one generation ship within a
# quarter, Llama 2's 7B-70B on one day, Gemma 4's over two months; LLaMA 33B, five months before
# Llama 2, is the generation before).
SIBLING_WAVE_MONTHS = 3


# A later release of the same model: the same family within this share of its parameters (an
# update keeps the architecture: DeepSeek V4 Flash and its 0731 release).
SAME_SIZE = 0.02


def _codes_only(m: Model) -> bool:
    """A model made for code alone, as its tags say (Code Llama, Qwen2.5-Coder, Devstral)."""
    return "coding" in m.tags and not {"general", "reasoning", "agentic"} & set(m.tags)


def _sibling(req: Request) -> NextStep | None:
    """The model's own newer release (same size) that runs well here, else the largest
    newer-or-same-generation smaller model of the same family that does."""
    m, cat = req.model, req.catalog
    kin = [
        x
        for x in cat.models.values()
        if x.family == m.family
        and x.id != m.id
        # an uncensored variant is what someone asks for, never the default stand-in (as in
        # advise.best_models)
        and ("uncensored" in m.tags or "uncensored" not in x.tags)
        # a coding model stands in only for a coding model: Code Llama 34B is no answer to
        # "Llama 2 70B is too slow here" (a model that also reasons or acts as an agent, as
        # Nemotron 3.5 Lightning does, is no coding model)
        and (_codes_only(m) or not _codes_only(x))
        # a stand-in comes with a llama-server command: one without a GGUF file has none that
        # loads (Llama 3.2 11B Vision, offered for a 70B on a CPU: llama.cpp lacks its
        # architecture)
        and bool(x.gguf)
    ]
    newer = [
        x
        for x in kin
        if abs(x.params_b / m.params_b - 1) <= SAME_SIZE
        and m.released_month is not None
        and (x.released_month or 0) > m.released_month
        and x.may_replace(m)
    ]
    smaller = [
        x
        for x in kin
        if m.params_b * SIBLING_MIN_SHARE <= x.params_b < m.params_b
        and (
            m.released_month is None
            or (x.released_month or 0) >= m.released_month - SIBLING_MAX_AGE_MONTHS
        )
    ]
    newer.sort(key=lambda x: x.released or "", reverse=True)
    # the model's own release wave first, then the largest: within the generation window, the
    # most capable that runs (Gemma 4 31B's 26B-A4B with its experts in RAM before the 12B
    # released two months after it), but Llama 2 13B before LLaMA 33B for Llama 2 70B, and
    # Llama 3.1 8B before Llama 2 13B for Llama 3.1 70B
    smaller.sort(
        key=lambda x: (
            m.released_month is None
            or (x.released_month or 0) >= m.released_month - SIBLING_WAVE_MONTHS,
            x.params_b,
            x.released or "",
        ),
        reverse=True,
    )
    s = req.setup
    room = (_total_usable(s) + (s.device.ram if s.hw.kind == "gpu" else 0.0)) / 1e9
    if (raised := with_raised_wired_limit(req)) is not None:
        room = max(room, raised.setup.device.usable / 1e9)  # a Mac may raise its wired limit
    # one whose weights at ~2.5 bits (an update's low quants) / ~4.8 bits (Q4_K_M, a smaller
    # sibling) cannot fit here is not worth analysing
    tries = [("newer_release", x) for x in newer[:2] if x.params_b * 2.5 / 8 <= room] + [
        ("smaller_sibling", x) for x in smaller if x.params_b * 4.8 / 8 <= room
    ][:4]
    for kind, x in tries:
        # the verdict stages only, not a whole report: a sibling's own next steps would look
        # at its siblings in turn (to the power of the family's depth: 24 s on a slow CPU)
        try:
            v = verdict(
                x,
                s.hw,
                gpus=s.count,
                vram_gb=s.memory_gib,
                ram_gb=req.ram_gb,
                # graded as the model it stands in for: on every workload when none was named
                # (a sibling graded on chat alone "runs well" beside the same speed graded D)
                workload=req.workload.id if req.workload_named else None,
                catalog=cat,
            )
        except EngineError:
            continue
        run, fig, grade = v.run, v.figures, v.grade
        # a smaller MoE sibling with its experts in system RAM counts when its speed grades fine
        # (a slow dense 31B's 26B-A4B at 12-15 tok/s on a 12 GB card); a same-size newer release
        # offloaded that way is as slow as the model it replaces
        offloaded = (
            kind == "smaller_sibling"
            and run.fit == "offload"
            and run.placement.kind == "moe_offload"
        )
        if run.fit not in ("runs_well", "tight") and not offloaded:
            continue
        if grade not in ("D", "F"):
            what = f"{x.name}, its newer release," if kind == "newer_release" else x.name
            runs = {
                "runs_well": "runs well here",
                "tight": "fits here, tightly,",
            }.get(run.fit, "runs here with its experts in system RAM")
            return NextStep(
                kind=kind,
                text=f"{what} {runs} at {run.quant.id} (~{approx_tok_s(fig.decode)} tok/s).",
                model_id=x.id,
                quant=run.quant.id,
                kv_type=run.kv_type,
                decode_tok_s=fig.decode,
                command=_commands(v.req, run).llama_cpp,
            )
    return None


# --------------------------------------------------------------------------- speed inputs


def workpoint(
    model: Model,
    setup: Setup,
    p: Placement,
    kv_type: str,
    quant: str = "Q4_K_M",
    flash_attn: bool | None = None,
    catalog: Catalog | None = None,
    threads: int | None = None,
) -> Workpoint:
    base = _wp_setup(model, setup, kv_type, catalog)
    wp = _workpoint(model, setup, p, quant, flash_attn, base)
    return replace(wp, threads=threads) if threads else wp


@dataclass(frozen=True)
class _WpSetup:
    """The parts of a Workpoint that depend on the model and the setup, not on the placement."""

    moe_layers: int
    kv_per_token: float
    kv_fixed: float
    flops_per_token: float
    pp_flops_per_token: float
    attn_flops_coeff: float
    gpus: int
    quantized: tuple[str, float]  # (kernel family, peak TFLOPS) of prefill's matmuls
    unquantized: tuple[str, float]
    attn_tflops: float
    ram_gbps: float
    routed_flops_share: float
    expert_share: float
    attn_terms: tuple[tuple[float, float, int], ...]
    linear_layers: int
    simd: str | None
    memory: str  # memory technology (speed.memory_family)
    families: dict[str, str]  # quant id -> family, for the quant types' relative cost
    matrix_units: dict[str, bool]  # kernel family -> runs on matrix units
    # the model's sizes _workpoint scales by the file's bytes per parameter, multiplied out once
    # (the same products, in the same order, as written out per placement)
    params: float  # params_b * 1e9
    embed_params: int  # vocab * hidden_size: the token embedding (and the tied output)
    ple_params: float  # per-layer embedding parameters
    expert_params: float  # routed-expert parameters of the whole model (0 for dense)
    bulk_quant: str | None  # the native format every file keeps for the bulk (gpt-oss's MXFP4)
    bulk_bpp: float  # bytes per parameter of that format's tensors (0: not known)
    link: float  # GB/s each way of the device's host link (speed.link_gbps)
    # machines joined over a network (cards.cluster_link): (GB/s of the link, the cost of a
    # boundary a token in µs); None for one machine or cards in one box
    cluster: tuple[float, float] | None
    host_threads: int  # the threads the host's CPU runs the layers left in RAM on
    host_cpu: tuple[float, str | None, str, int]  # host_cpu(): that CPU's peak, SIMD, vendor, cores
    # the full-attention layers whose K/V cache grows with the context (kv_per_token is theirs
    # alone: sliding and shared layers add none), and their query heads per K/V head
    kv_layers: int = 0
    kv_gqa: float = 1.0
    # what the windowed layers' caches add to a decode step's read per token until they hold
    # kv_cap cells (_kv_slope)
    kv_capped: float = 0.0
    kv_cap: int = 0


def host_cpu(host: Hardware | None) -> tuple[float, str | None, str, int]:
    """What bounds the arithmetic of a host's CPU on the layers or experts a GPU left in RAM, as
    a CPU-only run of it would be bound: the FP32 vector peak of the cores llama.cpp runs on (a
    hybrid Intel's P cores), its SIMD level, vendor and those cores; no peak without a host."""
    if host is None or host.kind != "cpu":
        return 0.0, None, "", HOST_THREADS
    cores = host_threads(host)
    return host.p_fp32_tflops or host.fp16_tflops, simd_level(host), host.vendor, cores


def _wp_setup(model: Model, setup: Setup, kv_type: str, catalog: Catalog | None = None) -> _WpSetup:
    # what the GPUs leave in RAM is read at the host's speed: the one said, else the usual one
    # for a card of its years (hosts.assumed_host)
    host = setup.host or assumed_host(setup.hw, catalog or default_catalog())
    return _wp_setup_for(model, setup.hw, setup.count, setup.backend, kv_type, catalog, host)


@memo_by_identity
def _wp_setup_for(
    model: Model,
    hw: Hardware,
    count: int,
    backend: str,
    kv_type: str,
    catalog: Catalog | None,
    host: Hardware | None = None,
) -> _WpSetup:
    """_wp_setup's figures, kept: they depend on these alone, and a question asks for them for
    every KV cache type it weighs, its speed, its workloads and a draft model."""
    cat = catalog or default_catalog()
    kv_per_token, kv_fixed, kv_capped, kv_cap = _kv_slope(model, kv_type)
    moe = model.moe
    L = model.layers
    flops, pp_flops = matmul_params(model, output=True), matmul_params(model, output=False)
    routed_share = routed_flops_share(model)
    if model.loop is not None:
        # a looped layer multiplies its weights once per pass (the vocabulary projection once)
        pp_flops *= model.visits / L
        flops = pp_flops + model.vocab * model.hidden_size
        if moe:
            per_pass = model.visits_in(L - moe.moe_layers, L) / moe.moe_layers
            routed_share = min(routed_share * per_pass * L / model.visits, 1.0)
    kv_layers, kv_gqa = _full_kv_layers(model)
    return _WpSetup(
        moe_layers=_moe_visits(model),
        kv_per_token=kv_per_token,
        kv_fixed=max(kv_fixed, 0.0),
        kv_capped=kv_capped,
        kv_cap=kv_cap,
        flops_per_token=2 * flops,
        pp_flops_per_token=2 * pp_flops,
        attn_flops_coeff=attention_flops_coeff(model),
        gpus=count if hw.kind != "cpu" else 1,
        quantized=_cpu_cores_peak(hw, compute_peak(cat, hw, backend, False)),
        unquantized=_cpu_cores_peak(hw, compute_peak(cat, hw, backend, True)),
        attn_tflops=hw.p_fp32_tflops or hw.fp16_tflops,
        ram_gbps=host_ram_gbps(hw, host),
        routed_flops_share=routed_share,
        expert_share=moe.active / moe.experts if moe else 1.0,
        attn_terms=attention_terms(model),
        # the layers that keep a recurrent state and scan it: a group of `state_mb: 0` is layers
        # with no attention at all (Nemotron-H's MoE-only layers, DeciLM's no-op ones) or that
        # reuse another layer's cache (Gemma 3n's shared-KV layers), which run no scan
        linear_layers=sum(g.layers for g in model.attention if g.kind == "linear" and g.state_mb),
        simd=simd_level(hw) if hw.kind == "cpu" else None,
        memory=memory_family(hw.memory_type),
        families=_quant_families(cat),
        matrix_units=cat.path_units,
        params=model.params_b * 1e9,
        embed_params=model.vocab * model.hidden_size,
        ple_params=(model.per_layer_embed_params_b or 0.0) * 1e9,
        expert_params=moe.expert_params_b * 1e9 if moe else 0.0,
        bulk_quant=model.native_quant if model.native_bulk else None,
        bulk_bpp=bulk_bpp(model, cat),
        link=link_gbps(hw),
        cluster=_cluster(cat, hw, count),
        host_threads=host_threads(host),
        host_cpu=host_cpu(host),
        kv_layers=kv_layers,
        kv_gqa=kv_gqa,
    )


def _full_kv_layers(model: Model) -> tuple[int, float]:
    """The layers whose K/V cache grows with the context and their query heads per K/V head,
    where every such layer is a plain full-attention one (0 otherwise: an MLA or compressed
    cache's reads are not the per-head K/V rows speed.kv_spill_bytes counts)."""
    layers, kv_heads = 0, 0.0
    for g in model.attention:
        if g.kind in ("mla", "compressed"):
            return 0, 1.0
        if g.kind == "full" and not g.shared_kv:
            layers += g.layers
            kv_heads += g.layers * (g.kv_heads or model.kv_heads)
    if not layers:
        return 0, 1.0
    return layers, model.heads * layers / kv_heads


def _cluster(cat: Catalog, hw: Hardware, count: int) -> tuple[float, float] | None:
    link = cluster_link(cat, hw, count)
    if link is None:
        return None
    return link.gbps / 8, multi_gpu(cat).clusters.hop_ms * 1e3


def _moe_visits(model: Model) -> int:
    """Visits a token makes to layers with routed experts (the MoE layers follow the dense ones)."""
    if not model.moe:
        return 0
    L = model.layers
    return model.visits_in(L - model.moe.moe_layers, L)


def bulk_bpp(model: Model, cat: Catalog) -> float:
    """Bytes per parameter of the format a native_bulk model's experts keep in every file."""
    q = cat.quants.get(model.native_quant or "") if model.native_bulk else None
    return q.tensor_bpw / 8 if q is not None and q.tensor_bpw else 0.0


def _workpoint(
    model: Model,
    setup: Setup,
    p: Placement,
    quant: str,
    flash_attn: bool | None,
    base: _WpSetup,
) -> Workpoint:
    # ~20 a question (one per quant weighed): what depends on the model alone comes from `base`
    quant, unquantized = _speed_quant(quant, base)
    hw = setup.hw
    cpu = hw.kind == "cpu"
    w_total = p.weights_total
    gpu, ram, ram_layers, bpp, output, ram_flops = _read_bytes(model, setup, p, base)
    bandwidth, clock = hw.bandwidth_gbps, hw.clock_mhz
    path, tflops = base.unquantized if unquantized else base.quantized
    watts = watts_per_tops(hw)
    if setup.parts and p.devices:
        bandwidth, clock, tflops, watts = _stage_equivalents(setup, p, unquantized)
    pcie, hop = _host_links(setup) if setup.parts else (base.link, base.link)
    # the machines' network carries the activations between their layers, at its own rate
    hop, hop_us = (base.cluster[0], base.cluster[1]) if base.cluster else (hop, 0.0)
    if cpu:
        weights_gpu = w_total
        resident = 0.0
    else:
        devices = p.devices
        # (0 + x is what sum() makes of one device's x)
        on_devices = (
            0 + devices[0].weights if len(devices) == 1 else sum(d.weights for d in devices)
        )
        weights_gpu = on_devices / max(setup.count, 1)
        # the token embeddings stay in RAM and only their looked-up rows cross PCIe
        resident = p.host.weights - output - base.ple_params * bpp
        resident = 0.0 if resident < 0.0 else resident
    if model.loop is not None:
        again_gpu, again_ram = _loop_rereads(model, p, bpp, output, cpu)
        weights_gpu += again_gpu / max(setup.count, 1)
        resident += again_ram
    families = base.families
    # a file whose experts keep a quantized native format (gpt-oss's MXFP4 in its F16 file)
    # multiplies them on the quantized path; F16/BF16 experts are left off the loop: today's
    # ggml_cuda_should_use_mmf takes a MoE's unquantized experts in one kernel on matrix-unit GPUs
    # for most shapes a prompt's ubatch has (the calibration's one such run, b7423, predates it
    # being measured apart), so only quantized experts on a BLAS path (Volta) loop
    expert_path = (base.quantized[0] if base.bulk_quant else "") if unquantized else path
    bulk_experts = unquantized and bool(base.bulk_quant) and model.moe is not None
    e_tflops = base.quantized[1] if bulk_experts else 0.0
    if bulk_experts and setup.parts and p.devices:
        e_tflops = _stage_equivalents(setup, p, False)[2]
    return Workpoint(
        layers=model.visits,
        moe_layers=base.moe_layers,
        active_bytes_gpu=gpu,
        weights_bytes_gpu=weights_gpu,
        active_bytes_ram=ram,
        ram_layers=ram_layers,
        ram_resident_bytes=resident,
        kv_per_token=base.kv_per_token,
        kv_fixed=base.kv_fixed,
        kv_capped=base.kv_capped,
        kv_cap=base.kv_cap,
        flops_per_token=base.flops_per_token,
        pp_flops_per_token=base.pp_flops_per_token,
        attn_flops_coeff=base.attn_flops_coeff,
        gpus=base.gpus,
        bandwidth_gbps=bandwidth,
        clock_mhz=clock,
        tflops=tflops,
        ram_gbps=base.ram_gbps,
        backend=setup.backend,
        vendor=hw.vendor,
        cpu_only=cpu,
        unquantized=unquantized,
        flash_attn=setup.backend != "cpu" if flash_attn is None else flash_attn,
        path=path,
        matrix_units=base.matrix_units.get(path, False),
        attn_tflops=base.attn_tflops,
        attn_path=base.quantized[0],
        quant_family=families.get(quant, QUANT_REFERENCE),
        bulk_family=families.get(base.bulk_quant, "") if unquantized and base.bulk_quant else "",
        routed_flops_share=base.routed_flops_share,
        expert_share=base.expert_share,
        hidden=model.hidden_size,
        attn_terms=base.attn_terms,
        linear_layers=base.linear_layers,
        simd=base.simd,
        cores=(hw.p_cores or hw.cores) if cpu else None,
        turbo=p_core_turbo(hw) if cpu else 1.0,
        stream_gbps=(hw.cpu_stream_gbps or 0.0) if cpu else 0.0,
        fabric_gbps=(hw.cpu_fabric_gbps or 0.0) if cpu else 0.0,
        memory=base.memory,
        pcie_gbps=pcie,
        hop_gbps=hop,
        hop_latency_us=hop_us,
        arch=hw.arch,
        watts_per_tops=watts,
        llc_bytes=(hw.llc_mb or 0.0) * 2**20,
        kv_layers=base.kv_layers,
        kv_gqa=base.kv_gqa,
        q_heads=model.heads,
        host_threads=base.host_threads,
        host_tflops=base.host_cpu[0],
        host_simd=base.host_cpu[1],
        host_vendor=base.host_cpu[2],
        host_cores=base.host_cpu[3],
        ram_flops=ram_flops,
        bytes_per_param=bpp,
        experts=model.moe.experts if model.moe else 0,
        expert_weight_share=base.expert_params / base.params if base.params else 0.0,
        expert_loop=expert_loop(setup.backend, model.moe is not None, expert_path),
        expert_bpp=base.bulk_bpp if model.moe is not None else 0.0,
        expert_path=expert_path if bulk_experts else "",
        expert_tflops=e_tflops,
    )


# FP32 FLOP a cycle of an x86 hybrid's performance core: two 256-bit FMA pipes (AVX2; Golden
# Cove through Lion Cove, whose AVX-512 is fused off beside the E cores), the rate the catalog's
# p_fp32_tflops counts at the P cores' all-core clock
P_CORE_FLOP_PER_CYCLE = 32


def p_core_turbo(hw: Hardware) -> float:
    """A hybrid CPU's P cores at its max turbo (clock_mhz) over the all-core clock its P-core FP32
    peak is counted at: what they run at when llama.cpp leaves the E cores idle (1 otherwise)."""
    if not (hw.p_cores and hw.p_fp32_tflops and hw.clock_mhz):
        return 1.0
    all_core_mhz = hw.p_fp32_tflops * 1e6 / (hw.p_cores * P_CORE_FLOP_PER_CYCLE)
    return max(hw.clock_mhz / all_core_mhz, 1.0)


def _speed_quant(quant: str, base: _WpSetup) -> tuple[str, bool]:
    """The quant whose kernels the bulk of the weights run on, and whether it is unquantized."""
    if base.bulk_quant and quant not in C.UNQUANTIZED:
        # every file keeps the native format for the bulk of the weights (gpt-oss: the experts
        # stay MXFP4 whatever the file's name), so the bulk runs on the native format's kernels.
        # (An F16 file keeps its own path: its F16 share is what the calibration's F16 runs of
        # gpt-oss measure.)
        return base.bulk_quant, base.bulk_quant in C.UNQUANTIZED
    return quant, quant in C.UNQUANTIZED


def _read_bytes(
    model: Model, setup: Setup, p: Placement, base: _WpSetup
) -> tuple[float, float, int, float, float, float]:
    """What a token reads from the accelerator(s) and from host RAM, the layers whose work (or
    experts) the CPU runs, the file's bytes per parameter, the output layer's bytes and the
    FLOPs the CPU does on what it reads from RAM."""
    cpu = setup.hw.kind == "cpu"
    w_total = p.weights_total
    active = active_bytes(model, w_total, base.bulk_bpp)
    bpp, expert_bpp = file_bpp(model, w_total, base.bulk_bpp)
    output = base.embed_params * bpp
    L = model.layers
    # (max() is a call: `0.0 if x < 0.0 else x` is max(x, 0.0), NaN and -0.0 alike)
    per_layer = (0.0 if active - output < 0.0 else active - output) / L
    gpu_layers = p.gpu_layers
    on_gpu = 0 if cpu else min(gpu_layers, L)
    # a looped layer's weights are read once per pass: visits, not layers (the same without one)
    in_ram = L - on_gpu if model.loop is None else model.visits_in(0, L - on_gpu)
    gpu = (model.visits - in_ram if model.loop else on_gpu) * per_layer + (
        output if gpu_layers > L else 0.0
    )
    ram = in_ram * per_layer + (0.0 if gpu_layers > L else output)
    # two FLOPs per weight read: whole layers' bytes at the file's mean bytes per weight
    uniform = w_total / base.params if base.params else bpp
    ram_flops = 2 * ram / uniform if uniform else 0.0
    n_cpu_moe = p.n_cpu_moe
    moe = model.moe
    if n_cpu_moe and moe:
        expert_active = base.expert_params * expert_bpp * moe.active / moe.experts
        if model.loop is not None:
            moe_start = L - moe.moe_layers
            n_cpu_moe = model.visits_in(moe_start, moe_start + min(n_cpu_moe, moe.moe_layers))
        moved = expert_active * n_cpu_moe / moe.moe_layers
        gpu -= moved
        ram += moved
        ram_flops += 2 * moved / expert_bpp if expert_bpp else 0.0
    if cpu:
        gpu, ram, ram_flops = ram + gpu, 0.0, 0.0
    return (
        0.0 if gpu < 0.0 else gpu,
        0.0 if ram < 0.0 else ram,
        0 if cpu else in_ram + n_cpu_moe,
        bpp,
        output,
        0.0 if ram < 0.0 else ram_flops,
    )


def _loop_rereads(
    model: Model, p: Placement, bpp: float, output: float, cpu: bool
) -> tuple[float, float]:
    """Bytes a prefill ubatch reads again, beyond each weight once, for a looped model's later
    passes: (from the accelerator, from the weights left in RAM). Every layer's weights are
    taken alike (Inkling 2 Mini's are: each is a MoE layer of the same shape)."""
    lp, L, moe = model.loop, model.layers, model.moe
    assert lp is not None
    layer = (p.weights_total - output * (1 if model.tied_embeddings else 2)) / L
    expert = moe.expert_params_b * 1e9 * bpp / moe.moe_layers if moe else 0.0
    on_gpu = 0 if cpu else min(p.gpu_layers, L)
    first_gpu = L - on_gpu
    again_ram = (model.visits_in(0, first_gpu) - first_gpu) * layer
    again_gpu = (model.visits_in(first_gpu, L) - on_gpu) * layer
    if moe and p.n_cpu_moe:
        # experts of the first --n-cpu-moe MoE layers stay in RAM even when their layer is not
        a = max(L - moe.moe_layers, first_gpu)
        b = max(min(L - moe.moe_layers + p.n_cpu_moe, L), a)
        moved = (model.visits_in(a, b) - (b - a)) * expert
        again_gpu -= moved
        again_ram += moved
    if cpu:
        return again_gpu + again_ram, 0.0
    return max(again_gpu, 0.0), max(again_ram, 0.0)


def _host_links(setup: Setup) -> tuple[float, float]:
    """GB/s each way of the link that ships the weights left in RAM and of the slowest link a
    layer split's activations cross. llama.cpp runs an op whose weights sit in host memory on the
    first GPU backend that takes it (ggml-backend's scheduler offloads it for batches of 32+
    tokens), so the weights cross the first card's link."""
    if not setup.parts:
        link = link_gbps(setup.hw)
        return link, link
    links = [link_gbps(part.hw) for part in setup.parts]
    return links[0], min(links)


def _stage_equivalents(setup: Setup, p: Placement, unquantized: bool):
    """A layer split runs its GPUs one after another, each over its own layers: the time is the
    sum of each card's share at that card's speed. As one device: the bandwidth, clock and peak
    FLOPs that give the same sum (harmonic means weighted by the weights each card holds)."""
    shares = [(d.weights, hw) for d, (hw, _mem) in zip(p.devices, setup.gpus, strict=False)]
    if not any(w > 0 for w, _ in shares):
        # no layer on any GPU (everything offloaded): the cards count alike
        shares = [(1.0, hw) for _, hw in shares]
    total = sum(w for w, _ in shares) or 1.0

    def harmonic(value) -> float:
        return total / sum(w / value(hw) for w, hw in shares if w > 0)

    clock = None
    if all(hw.clock_mhz for _, hw in shares):
        clock = harmonic(lambda hw: hw.clock_mhz)
    cat = default_catalog()
    tflops = harmonic(lambda hw: compute_peak(cat, hw, setup.backend, unquantized)[1])
    watts = 0.0
    if all(watts_per_tops(hw) for _, hw in shares):
        watts = harmonic(watts_per_tops)
    return harmonic(lambda hw: hw.bandwidth_gbps), clock, tflops, watts


def watts_per_tops(hw: Hardware) -> float:
    """A GPU's board power over its peak arithmetic (int8 where it has an int8 rate: the same on
    GeForce and professional cards of a chip, unlike their FP32-accumulate FP16), 0 if unknown."""
    if not hw.power_w or hw.kind == "cpu":
        return 0.0
    return hw.power_w / (hw.int8_tops or hw.fp16_tflops)


@memo_by_identity
def _kv_slope(model: Model, kv_type: str) -> tuple[float, float, float, int]:
    """What a decode step reads of the KV cache at depth d, as kv_fixed + kv_per_token x d +
    kv_capped x min(d, kv_cap): the bytes of an empty cache (a recurrent state), the bytes per
    token at a long context (the layers whose cache keeps growing), and what the windowed layers
    add per token until their cache is full at kv_cap cells (llama.cpp's SWA cache holds the
    window plus one ubatch, memory.kv_layer_bytes). A slope read at 1k-2k tokens counted a
    1,024-token window as still growing: Gemma 3's 40 sliding layers read as if 16k deep at 32k."""
    cap = max(
        (g.window + C.N_UBATCH for g in model.attention if g.window and not g.shared_kv),
        default=0,
    )
    at_0, per_token = kv_bytes(model, 0, kv_type), kv_bytes_per_token(model, kv_type)
    capped = (kv_bytes(model, cap, kv_type) - at_0) / cap - per_token if cap else 0.0
    return per_token, at_0, max(capped, 0.0), cap


def _routed_on_gpu(m: Model, p: Placement) -> tuple[float, float]:
    """Routed-expert bytes on the accelerator(s), and the share of experts one token picks."""
    if not m.moe or p.kind == "cpu":
        return 0.0, 0.0
    bpp = p.weights_total / (m.params_b * 1e9)
    routed = m.moe.expert_params_b * 1e9 * bpp
    on_gpu_layers = max(min(p.gpu_layers, m.layers) - p.n_cpu_moe, 0)
    gpu = routed * min(on_gpu_layers / m.moe.moe_layers, 1.0)
    if m.loop is not None and on_gpu_layers:
        # a token routes again at each pass of a looped layer: its experts count once a visit
        L = m.layers
        a = max(L - min(on_gpu_layers, m.moe.moe_layers), 0)
        gpu *= m.visits_in(a, L) / (L - a)
    return gpu, m.moe.active / m.moe.experts


def _routed_split(m: Model, p: Placement) -> tuple[float, float, float]:
    """Routed-expert bytes on the accelerator(s) and in RAM, and the share of the experts one
    token picks (all zero for a dense model)."""
    if not m.moe:
        return 0.0, 0.0, 0.0
    share = m.moe.active / m.moe.experts
    total = m.moe.expert_params_b * 1e9 * p.weights_total / (m.params_b * 1e9)
    if m.loop is not None:
        total *= _moe_visits(m) / m.moe.moe_layers
    if p.kind == "cpu":  # the speed model counts a CPU's memory as its accelerator's
        return total, 0.0, share
    gpu = _routed_on_gpu(m, p)[0]
    return gpu, max(total - gpu, 0.0), share


def _cpu_cores_peak(hw: Hardware, peak: tuple[str, float]) -> tuple[str, float]:
    """A hybrid CPU's matmuls run on its performance cores alone (llama.cpp's default threads)."""
    if hw.kind == "cpu" and hw.p_fp32_tflops:
        return peak[0], hw.p_fp32_tflops
    return peak


def compute_peak(cat: Catalog, hw: Hardware, backend: str, unquantized: bool) -> tuple[str, float]:
    """The kernel family prefill's matmuls run on (catalog/compute_paths.yaml) and the peak that
    binds it: int8 (MMQ on tensor cores, WMMA, MFMA or dp4a) or FP16. cuBLAS runs F16 weights with
    FP16 accumulate: on every NVIDIA tensor-core generation that rate is half the INT8 rate, which
    is twice the FP32-accumulate figure GeForce spec sheets list."""
    mp = cat.compute_path(backend, hw.arch, unquantized)
    if mp is None:
        return "", peak_tflops(hw, backend, unquantized)
    return mp.path, matpath_peak(hw, backend, mp)


def matpath_peak(hw: Hardware, backend: str, mp: MatPath) -> float:
    """The peak TFLOPS a kernel family is bound by on this device."""
    if mp.peak == "fp32":
        # shader cores run packed FP16 at twice their FP32 rate; a device whose fp16 figure is a
        # matrix-unit rate states its FP32 rate (tests/test_catalog.py checks it does)
        return hw.fp32_tflops or hw.fp16_tflops / 2
    if mp.peak == "int8":
        return hw.int8_tops or hw.fp16_tflops
    if backend == "cuda" and hw.tensor_cores and hw.int8_tops:
        return max(hw.fp16_tflops, hw.int8_tops / 2)
    return hw.fp16_tflops


def peak_tflops(hw: Hardware, backend: str, unquantized: bool) -> float:
    """The matmul peak without a compute-path rule: int8 tensor cores for quantized weights where
    the GPU has them, FP16 otherwise."""
    if not hw.int8_tops or not hw.tensor_cores:
        return hw.fp16_tflops
    if not unquantized:
        return hw.int8_tops
    if backend == "cuda":
        return max(hw.fp16_tflops, hw.int8_tops / 2)
    return hw.fp16_tflops


def simd_level(hw: Hardware) -> str | None:
    """The SIMD level whose int8 dot products llama.cpp's CPU kernels run on this CPU."""
    have = set(hw.simd)
    return next((lvl for lvl in SIMD_ORDER if lvl in have), None)


def _quant_families(cat: Catalog) -> dict[str, str]:
    memo = cat.__dict__.get("_engine_quant_families")
    if memo is None or memo[0] is not cat.quants:
        fam = {q.id: ("k" if q.family == "ud" else q.family) for q in cat.quants.values()}
        memo = cat.__dict__["_engine_quant_families"] = (cat.quants, fam)
    return memo[1]


def _band(params: SpeedParams, hw: Hardware, m: Model, what: str, value: float) -> Band | None:
    cls = speed_class(hw, m)
    # a class with too few measured rows for its own band borrows the overall one
    err = params.bands.get(cls, {}).get(what) or params.bands.get("all", {}).get(what)
    if err is None:
        return None
    return Band(low=shown_speed(value / (1 + err)), high=shown_speed(value * (1 + err)))


def speed_class(hw: Hardware, m: Model) -> str:
    if hw.kind == "cpu":
        return "cpu"
    if hw.kind == "apple":
        return "apple"
    if hw.kind in ("unified", "igpu"):
        return "unified"
    return hw.vendor if hw.vendor in ("nvidia", "amd", "intel") else "nvidia"


# --------------------------------------------------------------------------- helpers


def shown_speed(value: float, digits: int = 1) -> float:
    """A speed (or a time) as the report shows it: `digits` decimals, and two significant digits
    under 1, so a crawl reads as 0.04 tok/s, never as 0.0."""
    return round(value, digits) if value >= 1 else float(f"{value:.2g}")


def _gb(x: float) -> float:
    return round(x / C.GB, 2)


def _total_usable(s: Setup) -> float:
    """What the model can use: the GPUs' memory; on unified memory also what the CPU side holds
    outside the GPU's share (host-resident tensors live there, in the same memory)."""
    if s.hw.kind == "cpu":
        return s.device.usable
    gpus = sum(s.device.usable_of(i) for i in range(s.count))
    return gpus + (s.device.ram if s.hw.kind in ("apple", "unified", "igpu") else 0.0)


def name_says_memory(hw: Hardware) -> bool:
    """Whether a report's name of this device says its memory: a device sold with several sizes
    (an Apple chip) or the generic GPU is named with the size it runs with ("Apple M4 (10-core
    GPU) 16GB"); an entry of one size is its own name."""
    return bool(hw.memory_options_gb) or hw.id == GENERIC_GPU_ID


def _hw_name(hw: Hardware, setup: Setup) -> str:
    if setup.parts:
        return setup.name
    name = hw.name
    if name_says_memory(hw):
        name = f"{name} {setup.memory_gib:g}GB"
    return name


def _overhead(p: Placement) -> float:
    return sum(d.compute + d.overhead for d in p.devices) + (
        p.host.compute if p.kind != "cpu" else 0.0
    )


def _candidate_quants(cat: Catalog, m: Model) -> list[QuantType]:
    """The quants a GGUF repo of this model has, in catalog order; all common ones otherwise;
    and the format the model was released in, which is what it offers as trained, whether or not
    a catalogued repo has that file."""
    have = {q for r in m.gguf for q in r.quants}
    out = [q for q in cat.quants.values() if q.id in have]
    if not out:
        out = [q for q in cat.quants.values() if q.id in C.COMMON_QUANTS]
    native = cat.quants.get(m.native_quant) if m.native_quant else None
    if native is not None and native not in out:
        out.append(native)
    return sorted(out, key=lambda q: -q.bpw)


def _quant_table_rows(cat: Catalog, m: Model) -> tuple[list[QuantType], frozenset[str]]:
    """_candidate_quants and the quants some GGUF repo of the model has, once per catalog entry."""
    memo = cat.__dict__.setdefault("_engine_quant_rows", {})
    hit = memo.get(m.id)
    if hit is None or hit[0] is not m or hit[1] is not cat.quants:
        have = frozenset(q for r in m.gguf for q in r.quants)
        hit = memo[m.id] = (m, cat.quants, _candidate_quants(cat, m), have)
    return hit[2], hit[3]


def _fallback_quant(cat: Catalog, m: Model) -> str:
    """The quant a card shows when nothing runs: the model's native format, else Q4_K_M, else a
    middle one."""
    qs, have = _quant_table_rows(cat, m)
    # the native format only as a file someone publishes (a won't-fit card about a 555 GB INT4
    # file nobody ships says less than one about the 350 GB file people download)
    native = m.native_quant if m.native_quant in have or not have else None
    for want in (native, "Q4_K_M"):
        if want and any(q.id == want for q in qs):
            return want
    files = [q for q in qs if q.id in have] or qs
    return files[len(files) // 2].id


# A Mac running a good file all on the GPU is offered a raised wired limit (a sysctl, redone
# after every reboot) for a Very-high file at least half a quant step better (half of
# TIGHT_COST) that is just past the default share: at most a tenth more (one quant step of
# size). Design choices: the step is a chore for a gain people see, and people raise the limit
# for a file just over the default (DeepSeek V3.1's UD-Q4_K_XL on a 512 GB M3 Ultra, 2% past its
# 384 GB), not to hold a much bigger one.
RAISE_GAIN = TIGHT_COST / 2
RAISE_PAST_DEFAULT = 0.1


def _wired_tip(req: Request, run: Config) -> str | None:
    """A Mac whose default GPU share holds a good file but not the Very-high one just past it:
    the limit raised, and what that file does then (the card keeps the file that needs no
    sysctl; some guides name it, MiniMax M3's 3-bit mix on 256 GB)."""
    if (
        req.setup.hw.kind != "apple"
        or req.wired_limit_mb
        or run.placement.kind != "unified"
        or not GOOD_QUALITY <= run.quality < SPILLED_QUALITY_CAP
    ):
        return None
    raised = with_raised_wired_limit(req)
    if raised is None:
        return None
    reach = min(raised.setup.device.usable, req.setup.device.usable * (1 + RAISE_PAST_DEFAULT))
    kv = req.kv_type or run.kv_type
    better = [
        c
        for c in quant_table(raised).configs
        if c.available
        and c.kv_type == kv
        and c.placement.kind == "unified"
        and c.fit != "wont_fit"
        and c.decode
        and c.quality >= max(SPILLED_QUALITY_CAP, run.quality + RAISE_GAIN)
        # past the default share (one that fits it needs no sysctl) and just past it
        and req.setup.device.usable < c.placement.weights_total + c.placement.kv_total <= reach
        and reads_as_it_streams(c.decode)
    ]
    if not better:
        return None
    best = max(better, key=lambda c: (c.quality, c.decode))
    return (
        f"Tip: with the macOS GPU wired limit raised (`sudo sysctl iogpu.wired_limit_mb="
        f"{raised.wired_limit_mb}`, until reboot) {best.quant.id} fits all on the GPU too "
        f"(~{approx_tok_s(best.decode)} tok/s), a better quant than {run.quant.id}."
    )


def _kv_tip(req: Request, table: QuantTable, rec: Config | None) -> str | None:
    """The KV cache type was asked for (f16) and holds back the quant: what q8_0 would allow."""
    if req.kv_type != "f16" or not req.flash or (rec and rec.quality >= GOOD_QUALITY):
        return None
    alt = make_request(
        req.model,
        req.setup.hw,
        gpus=req.setup.count,
        vram_gb=req.setup.memory_gib,
        ram_gb=req.ram_gb,
        kv_type="q8_0",
        context=req.context_asked,
        workload=req.workload.id if req.workload_named else None,
        mode=req.mode,
        backend=req.setup.backend,
        parallel=req.n_seq,
        catalog=req.catalog,
    )
    better = quant_table(alt).recommended
    if better is None or better.quality < GOOD_QUALITY or better.fit not in ("runs_well", "tight"):
        return None
    return (
        f"Tip: with a q8_0 KV cache (-ctk q8_0 -ctv q8_0) {better.quant.id} fits on the GPU at "
        f"{req.context:,} tokens of context."
    )


def _placement_out(p: Placement, setup: Setup, cards: CardChoice | None = None) -> PlacementOut:
    used = cards.used() if cards is not None else None
    devices = (
        [
            DeviceUse(
                name=used[i]
                if used is not None
                else f"{setup.gpus[i][0].name}" + (f" #{i + 1}" if setup.count > 1 else ""),
                weights_gb=_gb(d.weights),
                kv_gb=_gb(d.kv),
                total_gb=_gb(d.total),
                available_gb=_gb(d.usable),
            )
            for i, d in enumerate(p.devices)
        ]
        if p.kind != "cpu"
        else [
            DeviceUse(
                name="RAM",
                weights_gb=_gb(p.host.weights),
                kv_gb=_gb(p.host.kv),
                total_gb=_gb(p.host.total),
                available_gb=_gb(p.host.usable),
            )
        ]
    )
    return PlacementOut(
        kind=p.kind,
        gpu_layers=p.gpu_layers if p.kind != "cpu" else 0,
        n_cpu_moe=p.n_cpu_moe,
        ram_needed_gb=_gb(p.host.total),
        ram_available_gb=_gb(p.host.usable if p.kind != "cpu" else setup.device.usable),
        devices=devices,
        tensor_split=list(p.split) if p.split else None,
        idle=cards.idle() if cards is not None else [],
    )


def _assumptions(
    req: Request,
    run: Config,
    results: list[WorkloadResult] | None = None,
    table: QuantTable | None = None,
) -> list[str]:
    s, m, qt = req.setup, req.model, run.quant
    out = [
        f"llama.cpp ({BACKEND_NAMES.get(s.backend, s.backend.upper())}) 2025+ build, "
        f"flash attention {'on' if req.flash else 'off'}, KV cache {run.kv_type}, "
        f"ubatch {C.N_UBATCH}",
        f"TTFT for {req.prompt_tokens:,} new prompt tokens at depth {req.prompt_depth:,}; "
        f"decode at depth {req.decode_depth:,}",
    ]
    if req.kv_type is None and run.kv_type != "f16":
        out.append(_kv_reason(req, run, table))
    if s.hw.kind == "apple" and req.wired_limit_mb:
        out.append(
            f"macOS GPU wired limit raised to {req.wired_limit_mb:,} MB "
            f"(sudo sysctl iogpu.wired_limit_mb={req.wired_limit_mb}; back to the default at "
            f"reboot): the model does not fit the default {wired_default_words(s.memory_gib)}; the "
            "system keeps the rest (exo's rule: the larger of 80% of RAM and RAM minus 5 GB)"
        )
    elif s.hw.kind == "apple":
        out.append("macOS GPU wired limit: 2/3 of RAM up to 36 GB, 3/4 above")
    elif amd_apu(s.hw) and run.placement.devices and run.fit != "wont_fit":
        # how much of the RAM the GPU maps is an OS setting on an AMD APU: say what this run needs
        gpu = run.placement.devices[0].total / C.GIB
        top = usable_memory(s.hw, s.memory_gib, s.backend) / C.GIB
        out.append(amd_share_words(s.hw, s.memory_gib, gpu, top))
    if (link := _cluster_of(req)) is not None:
        clusters = multi_gpu(req.catalog).clusters
        out.append(
            f"{s.count} machines joined over {link.name} with llama.cpp's RPC backend: their "
            "memory adds up, and a token reads each one's layers in turn at its own bandwidth, "
            f"plus ~{clusters.hop_ms:g} ms a token for each machine boundary (measured on two "
            "DGX Sparks)"
        )
    if s.hw.memory_options_gb and not req.memory_stated:
        others = ", ".join(f"{x:g}" for x in s.hw.memory_options_gb if x != s.memory_gib)
        out.append(
            # a CPU's memory is the RAM installed beside it, not a version of the chip
            f"{s.memory_gib:g} GB of system RAM with the {s.hw.name} (boxes with it have "
            f"{others} GB too)"
            if s.hw.kind == "cpu"
            else f"the {s.memory_gib:g} GB version of {s.hw.name} (also sold with {others} GB)"
        )
    if s.host is not None:
        # the RAM a host usually has is an assumption like any other: say so where it decides
        usual = " (its usual amount, assumed: give yours)" if req.ram_from_host else ""
        if req.host_assumed:
            usual = " (more than a desktop board holds: a server assumed, give your CPU)"
        out.append(
            f"system RAM {req.ram_gb:g} GB{usual} on {host_label(s.host)} "
            f"({s.host.memory_type or 'its memory'}, {s.host.bandwidth_gbps:g} GB/s"
            f"{f', {s.host.channels} channels' if s.host.channels else ''}): what the GPUs "
            "do not hold is read from there"
        )
    if s.hw.kind == "gpu" and run.placement.kind in ("partial_offload", "moe_offload"):
        out.append(_link_line(s))
        if s.host is None and (h := assumed_host(s.hw, req.catalog)) is not None:
            # decode reads what the GPU leaves in RAM at the RAM's speed: the speed depends on it
            era = f"a {s.hw.year} card" if s.hw.year else "a current card"
            # a laptop part's host is the laptop: dual-channel memory of its years, as a desktop's
            box = "laptop" if s.hw.form == "laptop" else "desktop"
            out.append(
                f"system RAM read at {_host_memory(h)} speed ({h.bandwidth_gbps:g} GB/s), the "
                f"usual memory of a {box} built around {era}"
            )
    if s.hw.kind == "gpu" and (req.ram_gb is None or req.ram_for_cards):
        uses_ram = run.placement.kind in ("partial_offload", "moe_offload") or run.fit == "wont_fit"
        ram = req.ram_gb if req.ram_for_cards else C.DEFAULT_RAM_GIB
        # a box with more VRAM than the default RAM is assumed built with at least as much RAM
        vram = sum(g for _, g in s.gpus)
        server = vram > setup_rules(req.catalog).desktop_ram_gb[-1]
        why = (
            # past a desktop's RAM the box is a server, built with about twice its VRAM in RAM
            # (setups.yaml server_ram_per_vram: 8x H100 servers ship with 2 TB)
            f" (a server's, for the cards' {vram:g} GB of VRAM: such servers are built with"
            " about twice their VRAM in RAM)"
            if req.ram_for_cards and ram >= vram and server
            else f" (no less than the cards' {vram:g} GB of VRAM: the least a box built around them has)"
            if req.ram_for_cards and ram >= vram
            # past the largest desktop size (setups.cards_ram_gb) the RAM is that size, not the VRAM
            else f" (the most a desktop board holds, short of the cards' {vram:g} GB of VRAM)"
            if req.ram_for_cards
            else ""
        )
        if uses_ram:
            need = _ram_needed_gib(run.placement)
            out.append(
                f"system RAM {ram:g} GB assumed{why}, and the answer depends on it: this "
                f"placement needs about {need:.0f} GB; give yours to check"
            )
        else:
            # (one parenthesis: the reason, then the ask)
            said = f" assumed{why[:-1]}; give yours to change it)" if req.ram_for_cards else ""
            out.append(f"system RAM {ram:g} GB{said or ' (give yours to change it)'}")
    if req.window_short_of:
        out.append(
            f"context {req.context:,}, {req.workload.name.lower()}'s own window: the"
            f" {req.window_short_of:,} tokens a thinking model's answers usually want"
            + (" fit only below a good quant" if req.window_short_quality else " do not fit")
        )
    if req.rope is not None:
        r = req.rope
        out.append(
            f"context beyond the native {m.context:,} tokens through {r.type.upper()} rope "
            f"scaling (factor {r.factor:g} of {r.original_context:,}), as {m.name}'s card documents"
        )
    if not any(qt.id in r.quants and r.quants[qt.id] for r in m.gguf):
        out.append(
            f"weights estimated at {estimated_bpw(m, qt):g} bits per weight (file size not "
            "catalogued)"
        )
    if s.hw.kind == "cpu" and (line := _prompt_read_line(req, results or [])):
        out.append(line)
    return out


def _kv_reason(req: Request, run: Config, table: QuantTable | None) -> str:
    """Why the recommendation quantized the KV cache, as it was: the f16 cache of the same quant
    does not fit as well, or it fits as well and decodes slower (the cache read at depth)."""
    qt, kv = run.quant.id, run.kv_type
    f16 = next(
        (c for c in (table.configs if table else ()) if c.quant.id == qt and c.kv_type == "f16"),
        None,
    )
    if f16 is None or FIT_ORDER[f16.fit] > FIT_ORDER[run.fit]:
        return f"KV cache {kv} chosen: it is what lets {qt} run at {req.context:,} tokens"
    speeds = ""
    if f16.decode and run.decode:
        # tenths below 10 tok/s, where whole numbers hide the difference
        a, b = (f"{x:.1f}" if x < 10 else approx_tok_s(x) for x in (run.decode, f16.decode))
        speeds = f" (~{a} vs ~{b} tok/s with f16)"
    if run.fit == "offload":
        return (
            f"KV cache {kv} chosen: with it more of {qt} stays on the GPU at "
            f"{req.context:,} tokens{speeds}"
        )
    if f16.fit == run.fit == "runs_well" and speeds:
        return f"KV cache {kv} chosen: {qt} fits with f16 too, but decodes faster{speeds}"
    return f"KV cache {kv} chosen: it leaves {qt} more room at {req.context:,} tokens"


def _link_line(s: Setup) -> str:
    """The PCIe link the weights left in RAM cross for each prompt batch (see _host_links)."""
    card = s.parts[0].hw if s.parts else s.hw
    if card.pcie is None:
        return (
            f"weights left in RAM reach the GPU over PCIe 4.0 x16 ({PCIE_GBPS:.1f} GB/s each way) "
            f"for each prompt batch: assumed, the catalog has no link for {card.name}"
        )
    whose = (
        "the chip's link; the laptop's maker may wire fewer lanes"
        if card.form == "laptop"
        else "the card's link; an older board may halve it"
    )
    return (
        f"weights left in RAM reach the GPU over PCIe {card.pcie} ({link_gbps(card):.1f} GB/s "
        f"each way) for each prompt batch: {whose}"
    )


def _prompt_read_line(req: Request, results: list[WorkloadResult]) -> str | None:
    """On a CPU the prompt, not the answer, is often the wait: how long the workload's typical
    prompt takes to read."""
    w = next((x for x in results if x.id == req.workload.id), None)
    if w is None or w.ttft_ms is None:
        return None
    secs = w.ttft_ms / 1000
    took = (
        f"{secs / 60:.0f} min"
        if secs >= 120
        else f"{secs:.0f} s"
        if secs >= 10
        else f"{secs:.1f} s"
    )
    return (
        f"a typical {w.name.lower()} prompt ({w.prompt_tokens:,} new tokens at depth "
        f"{w.depth:,}) takes about {took} to read on this CPU before the first token"
    )


def _assumed(
    req: Request, run: Config, steps: list[NextStep], fig: Figures, table: QuantTable
) -> list[Assumed]:
    """What the question did not say that decides this verdict, and what changes with more."""
    s, out = req.setup, []
    # RAM nobody said: the default box's, or the amount a named host usually has (a Xeon's 256 GB)
    ram_assumed = req.ram_gb is None or req.ram_from_host or req.ram_for_cards
    ram = f"{req.ram_gb if req.ram_gb is not None else C.DEFAULT_RAM_GIB:g} GB"
    if s.hw.kind == "gpu" and ram_assumed:
        uses_ram = run.placement.kind in ("partial_offload", "moe_offload") or run.fit == "wont_fit"
        held = None if uses_ram else _held_back_by_ram(run, table)
        need = _ram_needed_gib(run.placement)
        if req.ram_for_cards and not uses_ram and held is None and need > C.DEFAULT_RAM_GIB:
            # all on the cards, but host-side tensors (an n-gram table) need more RAM than the
            # default box has: the RAM assumed from the cards' VRAM decides that it runs
            effect = (
                f"the run keeps about {need:.0f} GB in system RAM beside the cards (host-side "
                f"tensors); with {C.DEFAULT_RAM_GIB:g} GB it does not run as shown"
            )
            out.append(Assumed(what="ram", value=ram, effect=effect))
        if held is not None:
            # everything on the cards, but a better file's host-side tensors (token embeddings,
            # an n-gram table) need more RAM than the box assumed: the RAM picked the quant
            need = next((x for x in _RAM_SIZES if x >= _ram_needed_gib(held.placement)), None)
            more = f"{need} GB" if need is not None else "more"
            effect = (
                f"{held.quant.id} (quality {held.quality:.0f}) sits on the cards too, but keeps "
                f"{held.placement.host.total / C.GIB:.0f} GB in system RAM: with {more} of RAM "
                "it is the better pick"
            )
            out.append(Assumed(what="ram", value=ram, effect=effect))
        if uses_ram:
            more = next((x for x in steps if x.kind == "more_ram"), None)
            effect = (
                more.text
                if more
                # what the box needs, not what the model keeps there (the placement's RAM row):
                # the OS and the desktop's share come on top
                else f"this placement needs about {need:.0f} GB of system RAM"
                f" ({run.placement.host.total / C.GIB:.1f} GB of the model, the rest the OS's);"
                " with less it does not fit"
            )
            out.append(Assumed(what="ram", value=ram, effect=effect))
    if (host := _host_assumed(req, run, fig)) is not None:
        out.append(host)
    if s.hw.memory_options_gb and not req.memory_stated:
        others = ", ".join(f"{x:g}" for x in s.hw.memory_options_gb if x != s.memory_gib)
        out.append(
            Assumed(
                # an integrated GPU's memory is the system RAM it shares (an 8845HS's Radeon
                # 780M): said as the RAM assumed, as a CPU's is
                what="ram" if s.hw.kind == "igpu" else "memory",
                value=f"{s.memory_gib:g} GB",
                effect=(
                    f"the system RAM was not said ({s.hw.name} boxes have {others} GB too): "
                    "the answer changes with it"
                    if s.hw.kind in ("cpu", "igpu")
                    else f"{s.hw.name} is also sold with {others} GB: the answer changes with it"
                ),
            )
        )
    return out


def _host_memory(h: Hardware) -> str:
    """ "dual-channel DDR4-3200": a host's memory as people name it."""
    lanes = {1: "single", 2: "dual", 4: "quad"}.get(h.channels or 0)
    ch = f"{lanes}-channel " if lanes else f"{h.channels}-channel " if h.channels else ""
    return f"{ch}{h.memory_type or 'system memory'}"


def _held_back_by_ram(run: Config, table: QuantTable) -> Config | None:
    """The best file clearly better than the run whose cards hold their share but whose host-side
    part overflows the RAM assumed (None when the cards, not the RAM, stop every better one)."""
    better = [
        c
        for c in table.configs
        if c.fit == "wont_fit"
        and c.kv_type == run.kv_type
        and c.quality > run.quality + NEAR_EQUAL_QUALITY
        and c.placement.kind in ("gpu", "multi_gpu")
        and all(d.total <= d.usable for d in c.placement.devices)
        and c.placement.host.total > c.placement.host.usable
    ]
    return min(better, key=lambda c: c.placement.weights_total) if better else None


def _host_assumed(req: Request, run: Config, fig: Figures) -> Assumed | None:
    """The host RAM a GPU box was assumed to have, when what the GPU leaves in RAM decides the
    decode and nobody said the host: with the speed the other usual host gives (a 3060's DDR4
    box against a DDR5 one), so the reader sees how much rides on it."""
    s = req.setup
    if s.host is not None or run.placement.kind not in ("partial_offload", "moe_offload"):
        return None
    if (h := assumed_host(s.hw, req.catalog)) is None:
        return None
    others = [
        o
        for r in setup_rules(req.catalog).assumed_hosts
        if (o := req.catalog.hardware.get(r.host)) is not None and o.id != h.id
    ]
    value = _host_memory(h)
    if not others:
        return Assumed(what="host", value=value, effect="give your RAM's speed to check")
    o = others[0]
    alt = speed(replace(req, setup=replace(s, host=o)), run).decode
    if alt is None or fig.decode is None:
        return None
    return Assumed(
        what="host",
        value=f"{value} ({h.bandwidth_gbps:g} GB/s)",
        effect=(
            f"what stays in system RAM is read at its speed: ~{approx_tok_s(fig.decode)} tok/s here, "
            f"~{approx_tok_s(alt)} tok/s with {_host_memory(o)} ({o.bandwidth_gbps:g} GB/s); "
            'give yours ("DDR5-6000", "quad channel") to check'
        ),
    )


def _warnings(req: Request, run: Config, safe: int, cmds: Commands) -> list[str]:
    m, hw, st = req.model, req.setup.hw, run.fit
    asked = req.context_asked
    out = []
    if m.pending_llama_cpp is not None:
        out.append(
            f"Stock llama.cpp does not load {m.name} yet (checked "
            f"{m.pending_llama_cpp.checked}): {m.pending_llama_cpp.runs_in} run it; the "
            "commands below need one of those builds."
        )
    if asked and asked > req.context_limit:
        if m.rope_scaling is None:
            out.append(
                f"{m.name} was trained for {m.context:,} tokens and its card documents no rope "
                f"scaling; context capped there."
            )
        else:
            out.append(
                f"{m.name} reaches {req.context_limit:,} tokens with rope scaling at most; "
                f"context capped there."
            )
    if st == "wont_fit":
        out.append("Does not fit even with layers in system RAM.")
    elif st == "offload":
        if run.placement.kind == "moe_offload":
            out.append(
                "The routed experts of some layers stay in system RAM (--n-cpu-moe): attention "
                "and the KV cache stay on the GPU, so decode holds up."
            )
            rules, host = setup_rules(req.catalog), req.setup.host
            many = host is not None and (host.channels or 0) >= rules.experts_in_ram_min_channels
            if many and run.placement.host.weights > run.placement.weights_total / 2:
                # most of the file is read by a server's CPU: the forks made for that are worth it
                out.append(rules.experts_in_ram_runtimes)
        else:
            out.append("Part of the model stays in system RAM: expect much slower decode.")
        if hw.kind == "apple":
            # macOS caps what the GPU may wire (2/3-3/4 of RAM); the cap is a sysctl away
            out.append(
                "macOS lets the GPU use only part of the RAM: `sudo sysctl iogpu.wired_limit_mb=N` "
                "(N = RAM in MB minus ~8192 for the system) raises the cap until a reboot."
            )
    if asked and safe and min(asked, req.context_limit) > safe and st in ("runs_well", "tight"):
        out.append(f"Only {safe:,} tokens of context fit on the GPU.")
    if cmds.llama_cpp.startswith("llama-server -m"):
        out.append(
            f"No catalogued GGUF repo has {run.quant.id} for {m.name}: quantize it yourself."
        )
    native = req.catalog.quants.get(m.native_quant) if m.native_quant else None
    if native is not None and run.quant.id != native.id and run.quant.bpw > native.bpw:
        # a Q8_0 of a model released in FP4 is the same weights in a file no smaller, not a
        # better one; said by the files' sizes (listed where known): a dynamic quant whose file
        # is smaller than the native one's gets no warning
        size, native_size = file_size(m, run.quant)[0], file_size(m, native)[0]
        if size > native_size * SAME_FILE_SIZE:
            out.append(
                f"{m.name} was released in {native.id}: {run.quant.id} keeps those weights in a "
                f"bigger file and adds nothing to them; {native.id} is the model as trained."
            )
        elif size * SAME_FILE_SIZE >= native_size:
            out.append(
                f"{m.name} was released in {native.id}: {run.quant.id} keeps those weights in a "
                f"file of about the same size ({size / C.GB:.0f} against "
                f"{native_size / C.GB:.0f} GB) and adds nothing to them; {native.id} is the "
                "model as trained."
            )
    return out
