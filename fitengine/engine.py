"""analyze(): one model on one hardware setup, from names to a full Report."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from . import commands
from . import constants as C
from .catalog import Catalog, Hardware, Model, QuantType, Workload, default_catalog
from .fit import safe_context, status
from .grade import GRADE_FLOORS, MODES, Graded, grade_workload, letter, overall
from .memory import (
    Device,
    Placement,
    fits_on_gpu,
    host_ram,
    kv_bytes,
    kv_prefix_at,
    memo_by_identity,
    place,
    usable_memory,
)
from .report import (
    FIT_LABELS,
    Band,
    Commands,
    DeviceUse,
    HardwareRef,
    MemoryBreakdown,
    ModelRef,
    PlacementOut,
    QuantRow,
    Report,
    WorkloadResult,
)
from .resolve import Suggestion, resolve_hardware, resolve_model
from .speed import (
    SpeedParams,
    Workpoint,
    active_bytes,
    attention_flops_coeff,
    decode_seconds,
    decode_tok_s,
    host_ram_gbps,
    mean_decode_tok_s,
    parallel_decode_tok_s,
    prefill_seconds,
    prefill_tok_s,
)

KV_TYPES = tuple(C.KV_BYTES)
GENERIC_GPU_ID = "generic-gpu"


class EngineError(ValueError):
    """A user-facing problem with the question; str() is one friendly sentence."""


class NotFound(EngineError):
    def __init__(self, kind: str, query: str, suggestions: list[Suggestion]):
        self.kind, self.query, self.suggestions = kind, query, suggestions
        hint = ""
        if suggestions:
            hint = " Did you mean " + ", ".join(s.name for s in suggestions[:3]) + "?"
        super().__init__(f"I don't know the {kind} {query[:60]!r}.{hint}")


class BadInput(EngineError):
    pass


# --------------------------------------------------------------------------- lookups


def _model(catalog: Catalog, model: str | Model) -> Model:
    if isinstance(model, Model):
        return model
    if model in catalog.models:
        return catalog.models[model]
    r = resolve_model(model, catalog)
    if r.entry is None:
        raise NotFound("model", model, r.suggestions)
    return r.entry


def _hardware(catalog: Catalog, hardware: str | Hardware | None, vram_gb: float | None):
    """The device and the memory the text named with it ("M2 Max 64GB")."""
    if isinstance(hardware, Hardware):
        return hardware, None
    if hardware is None or not str(hardware).strip():
        if vram_gb is None:
            raise BadInput("Tell me the hardware (a GPU, an Apple chip, a CPU) or its memory.")
        return generic_gpu(catalog), None
    if hardware in catalog.hardware:
        return catalog.hardware[hardware], None
    r = resolve_hardware(hardware, catalog)
    if r.entry is None:
        raise NotFound("hardware", hardware, r.suggestions)
    return r.entry, r.memory_gb


def generic_gpu(catalog: Catalog) -> Hardware:
    """'A 12 GB card': the catalog's generic GPU, sized by the caller."""
    if GENERIC_GPU_ID in catalog.hardware:
        return catalog.hardware[GENERIC_GPU_ID]
    raise BadInput("Name a GPU: the catalog has no generic GPU entry.")


def _quant(catalog: Catalog, quant: str) -> QuantType:
    q = quant.strip()
    if q in catalog.quants:
        return catalog.quants[q]
    up = q.upper().replace("-", "_")
    for qt in catalog.quants.values():
        if qt.id.upper() == up or q.lower() in qt.aliases:
            return qt
    # llama-bench and model cards write "Q4_K - Medium", "IQ2_M - 2.7 bpw", "MXFP4 (MoE experts)"
    plain = re.sub(r"\s*\(.*", "", q).strip()
    if m := re.fullmatch(r"(Q\d_K) - (Small|Medium|Large)", plain, re.I):
        plain = f"{m.group(1)}_{m.group(2)[0]}"
    plain = plain.split(" - ")[0].strip()
    if plain and plain != q:
        return _quant(catalog, plain)
    close = process.extract(up, list(catalog.quants), scorer=fuzz.WRatio, limit=5)
    raise NotFound("quant", quant, [Suggestion(k, k, round(sc, 1)) for k, sc, _ in close])


def _key(text: str) -> str:
    """A workload or mode as typed ("Light API", "agentic-coding") in the form of the ids."""
    return text.strip().lower().replace(" ", "_").replace("-", "_")


def _workload(catalog: Catalog, workload: str | None) -> Workload:
    wid = _key(workload or "chat")
    if wid in catalog.workloads:
        return catalog.workloads[wid]
    for w in catalog.workloads.values():
        if any(_key(a) == wid for a in w.aliases):
            return w
    raise NotFound(
        "workload",
        workload or "",
        [Suggestion(k, w.name, 0) for k, w in catalog.workloads.items()],
    )


def _mode(mode: str | None) -> str:
    m = _key(mode or "balanced")
    if m not in MODES:
        raise BadInput(f"Mode must be one of: {', '.join(MODES)}.")
    return m


# --------------------------------------------------------------------------- setup


@dataclass(frozen=True)
class Setup:
    """The resolved hardware side of a question."""

    hw: Hardware
    count: int
    memory_gib: float
    backend: str
    device: Device


def make_setup(
    hw: Hardware,
    *,
    gpus: int = 1,
    vram_gb: float | None = None,
    ram_gb: float | None = None,
    backend: str | None = None,
) -> Setup:
    if gpus is None:
        gpus = 1
    if not 1 <= gpus <= 16:
        raise BadInput("GPU count must be between 1 and 16.")
    if hw.kind in ("apple", "unified", "igpu", "cpu") and gpus != 1:
        raise BadInput(f"{hw.name} is a single device; a GPU count does not apply.")
    memory = hw.memory_gb
    if hw.kind == "cpu" and ram_gb is not None and vram_gb is None:
        vram_gb = ram_gb
    if vram_gb is not None:
        if not 0.5 <= vram_gb <= 2048:
            raise BadInput("Memory must be between 0.5 and 2048 GB.")
        memory = vram_gb
    if ram_gb is not None and not 0 <= ram_gb <= 8192:
        raise BadInput("System RAM must be between 0 and 8192 GB.")
    # "cuda (ollama)", "Vulkan": the backend is the first word, in any case
    be = ((backend or "").split() or [hw.default_backend])[0].lower()
    if be not in hw.backends:
        raise BadInput(f"{hw.name} runs llama.cpp with {', '.join(hw.backends)}, not {be}.")
    # VRAM and RAM are sold in binary units: a "24 GB" card holds 24 GiB
    usable = usable_memory(hw, memory, be)
    if usable <= 0:
        raise BadInput(f"{memory:g} GB leaves no room for a model on {hw.name}.")
    ram = host_ram(hw, memory, ram_gb, usable)
    dev = Device(hw.kind, be, memory * C.GIB, usable, ram)
    return Setup(hw, gpus, memory, be, dev)


# --------------------------------------------------------------------------- speed


def workpoint(
    model: Model,
    setup: Setup,
    p: Placement,
    kv_type: str,
    quant: str = "Q4_K_M",
    flash_attn: bool | None = None,
) -> Workpoint:
    return _workpoint(model, setup, p, quant, flash_attn, _wp_setup(model, setup, kv_type))


@dataclass(frozen=True)
class _WpSetup:
    """The parts of a Workpoint that depend on the model and the setup, not on the placement."""

    moe_layers: int
    kv_per_token: float
    kv_fixed: float
    flops_per_token: float
    attn_flops_coeff: float
    gpus: int
    tflops_quantized: float
    tflops_unquantized: float
    ram_gbps: float


def _wp_setup(model: Model, setup: Setup, kv_type: str) -> _WpSetup:
    hw = setup.hw
    kv_long, kv_fixed = _kv_slope(model, kv_type)
    return _WpSetup(
        moe_layers=model.moe.moe_layers if model.moe else 0,
        kv_per_token=kv_long / 1024,
        kv_fixed=max(kv_fixed, 0.0),
        flops_per_token=2 * model.active_b * 1e9,
        attn_flops_coeff=attention_flops_coeff(model),
        gpus=setup.count if hw.kind != "cpu" else 1,
        tflops_quantized=peak_tflops(hw, setup.backend, False),
        tflops_unquantized=peak_tflops(hw, setup.backend, True),
        ram_gbps=host_ram_gbps(hw),
    )


def _workpoint(
    model: Model,
    setup: Setup,
    p: Placement,
    quant: str,
    flash_attn: bool | None,
    base: _WpSetup,
) -> Workpoint:
    hw = setup.hw
    cpu = hw.kind == "cpu"
    w_total = p.weights_total
    active = active_bytes(model, w_total)
    bpp = w_total / (model.params_b * 1e9)
    output = model.vocab * model.hidden_size * bpp
    per_layer = max(active - output, 0.0) / model.layers
    L = model.layers
    on_gpu = 0 if cpu else min(p.gpu_layers, L)
    gpu = on_gpu * per_layer + (output if p.gpu_layers > L else 0.0)
    ram = (L - on_gpu) * per_layer + (0.0 if p.gpu_layers > L else output)
    if p.n_cpu_moe and model.moe:
        expert_active = model.moe.expert_params_b * 1e9 * bpp * model.moe.active / model.moe.experts
        moved = expert_active * p.n_cpu_moe / model.moe.moe_layers
        gpu -= moved
        ram += moved
    if cpu:
        gpu, ram = ram + gpu, 0.0
    unquantized = quant in C.UNQUANTIZED
    return Workpoint(
        layers=L,
        moe_layers=base.moe_layers,
        active_bytes_gpu=max(gpu, 0.0),
        weights_bytes_gpu=sum(d.weights for d in p.devices) / max(setup.count, 1)
        if not cpu
        else p.weights_total,
        active_bytes_ram=max(ram, 0.0),
        ram_layers=0 if cpu else (L - on_gpu) + p.n_cpu_moe,
        ram_resident_bytes=max(p.host.weights, 0.0) if not cpu else 0.0,
        kv_per_token=base.kv_per_token,
        kv_fixed=base.kv_fixed,
        flops_per_token=base.flops_per_token,
        attn_flops_coeff=base.attn_flops_coeff,
        gpus=base.gpus,
        bandwidth_gbps=hw.bandwidth_gbps,
        clock_mhz=hw.clock_mhz,
        tflops=base.tflops_unquantized if unquantized else base.tflops_quantized,
        ram_gbps=base.ram_gbps,
        backend=setup.backend,
        vendor=hw.vendor,
        cpu_only=cpu,
        unquantized=unquantized,
        flash_attn=setup.backend != "cpu" if flash_attn is None else flash_attn,
    )


@memo_by_identity
def _kv_slope(model: Model, kv_type: str) -> tuple[float, float]:
    """KV bytes per 1024 more tokens at a long context, and the part that does not grow."""
    at_1k, at_2k = kv_bytes(model, 1024, kv_type), kv_bytes(model, 2048, kv_type)
    return at_2k - at_1k, at_1k - (at_2k - at_1k)


def _routed_on_gpu(m: Model, p: Placement) -> tuple[float, float]:
    """Routed-expert bytes on the accelerator(s), and the share of experts one token picks."""
    if not m.moe or p.kind == "cpu":
        return 0.0, 0.0
    bpp = p.weights_total / (m.params_b * 1e9)
    routed = m.moe.expert_params_b * 1e9 * bpp
    on_gpu_layers = max(min(p.gpu_layers, m.layers) - p.n_cpu_moe, 0)
    return routed * min(on_gpu_layers / m.moe.moe_layers, 1.0), m.moe.active / m.moe.experts


def peak_tflops(hw: Hardware, backend: str, unquantized: bool) -> float:
    """The matmul peak prefill runs at. Quantized weights go through llama.cpp's MMQ kernels on
    int8 tensor cores where the GPU has them. F16 weights go through cuBLAS with FP16 accumulate:
    on every NVIDIA tensor-core generation that rate is half the INT8 rate, which is twice the
    FP32-accumulate figure GeForce spec sheets list."""
    if not hw.int8_tops or not hw.tensor_cores:
        return hw.fp16_tflops
    if not unquantized:
        return hw.int8_tops
    if backend == "cuda":
        return max(hw.fp16_tflops, hw.int8_tops / 2)
    return hw.fp16_tflops


_PARAMS_CACHE: list = [None, None]  # [the calibration's "speed" dict, its SpeedParams]


def _speed_params(cat: Catalog) -> SpeedParams:
    """The fitted constants, read once per calibration dict (catalogs do not edit it in place)."""
    d = cat.calibration.get("speed", {})
    if _PARAMS_CACHE[0] is not d or _PARAMS_CACHE[1] is None:
        _PARAMS_CACHE[1] = SpeedParams.from_dict(d)
        _PARAMS_CACHE[0] = d
    return _PARAMS_CACHE[1]


def _gb(x: float) -> float:
    return round(x / C.GB, 2)


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
    kv_type: str = "f16",
    workload: str | None = None,
    mode: str = "balanced",
    prompt_tokens: int | None = None,
    depth: int | None = None,
    backend: str | None = None,
    parallel: int | None = None,
    catalog: Catalog | None = None,
) -> Report:
    cat = catalog or default_catalog()
    m = _model(cat, model)
    hw, named_memory = _hardware(cat, hardware, vram_gb)
    if (
        backend
        and backend.split()[0].lower() == "cpu"
        and hw.kind != "cpu"
        and isinstance(hardware, str)
    ):
        # "Ryzen 7 7840U w/ Radeon 780M" on the CPU backend is the processor, not its iGPU
        first = resolve_hardware(hardware, cat).suggestions
        cpu = next((cat.hardware[x.id] for x in first if cat.hardware[x.id].kind == "cpu"), None)
        if cpu is None:
            chip = re.split(r"\s+(?:w/|with)\s+", hardware, maxsplit=1)[0]
            alt = resolve_hardware(f"{chip} cpu", cat)
            cpu = alt.entry if alt.entry is not None and alt.entry.kind == "cpu" else None
        hw = cpu or hw
    setup = make_setup(
        hw,
        gpus=gpus,
        vram_gb=vram_gb if vram_gb is not None else named_memory,
        ram_gb=ram_gb,
        backend=backend,
    )
    kv = (kv_type or "f16").lower()
    if kv not in C.KV_BYTES:
        raise BadInput(f"KV cache type must be one of: {', '.join(KV_TYPES)}.")
    mode = _mode(mode)
    wl = _workload(cat, workload)
    if context is not None and context <= 0:
        raise BadInput("Context must be a positive number of tokens.")
    if prompt_tokens is not None and prompt_tokens <= 0:
        raise BadInput("prompt_tokens must be positive.")
    if depth is not None and not 0 <= depth < m.context:
        raise BadInput(f"depth must be between 0 and {m.name}'s context ({m.context:,} tokens).")
    if prompt_tokens is not None and prompt_tokens > m.context:
        raise BadInput(f"prompt_tokens is longer than {m.name}'s context ({m.context:,} tokens).")
    n_seq = parallel or (4 if mode == "scale_out" else 1)
    if not 1 <= n_seq <= 64:
        raise BadInput("parallel must be between 1 and 64.")
    requested_ctx = context
    # no context asked: the one the workload uses (chat 8K, coding 16K, agentic 32K ...)
    ctx = min(context or wl.min_context, m.context)
    flash = setup.backend != "cpu"
    params = _speed_params(cat)

    # the per-quant table at the asked context (and the recommendation)
    rows: list[QuantRow] = []
    evaluated: dict[str, tuple[Placement, str, float | None]] = {}
    kv_at_ctx = kv_prefix_at(m, ctx * n_seq, kv, n_seq)
    wp_setup = _wp_setup(m, setup, kv)
    candidates, have = _quant_table_rows(cat, m)
    for qt in candidates:
        p = place(m, qt, setup.device, setup.count, ctx * n_seq, kv, flash, n_seq, kv_at_ctx)
        st = status(p, setup.device)
        dec = None
        if st != "wont_fit":
            wp = _workpoint(m, setup, p, qt.id, None, wp_setup)
            dec = round(decode_tok_s(wp, params, 0), 1)
        evaluated[qt.id] = (p, st, dec)
        rows.append(
            QuantRow(
                quant=qt.id,
                bpw=qt.bpw,
                memory_gb=_gb(p.weights_total + p.kv_total + _overhead(p)),
                fit=st,
                quality=qt.quality,
                label=qt.label,
                available=qt.id in have,  # commands.gguf_repo(m, qt.id) is not None
                decode_tok_s=dec,
            )
        )
    # MoE expert offload keeps attention and the KV cache on the GPU: fast enough to be a real
    # choice when it decodes as fast as the workload wants
    fast_offload = {
        q
        for q, (pl, st_q, dec_q) in evaluated.items()
        if pl.kind == "moe_offload" and (dec_q or 0) >= wl.good_decode_tok_s
    }
    recommended = _recommend(cat, m, rows, wl, mode, fast_offload)

    qt = _quant(cat, quant) if quant else cat.quants[recommended or _fallback_quant(cat, m)]
    if qt.id in evaluated:
        p, st, _ = evaluated[qt.id]
    else:
        p = place(m, qt, setup.device, setup.count, ctx * n_seq, kv, flash, n_seq)
        st = status(p, setup.device)
    safe = safe_context(m, qt, setup.device, setup.count, kv, flash)
    if n_seq > 1:
        safe = min(safe, m.context)

    wp = _workpoint(m, setup, p, qt.id, None, wp_setup)
    if prompt_tokens is None and depth is None:
        # the headline time to first token is the workload's own: its new tokens at its depth
        pt = max(wl.prompt_tokens - wl.cached_prefix, 1)
        pdepth = wl.depth + wl.cached_prefix
    else:
        pt, pdepth = prompt_tokens or wl.prompt_tokens, depth or 0
    decode = prefill = ttft = None
    decode_band = prefill_band = None
    workloads: list[WorkloadResult] = []
    grade = None
    score = None
    reason = ""
    if st != "wont_fit":
        d0 = depth or 0
        decode = round(decode_tok_s(wp, params, d0), 1)
        prefill = round(prefill_tok_s(wp, params, pt, pdepth), 1)
        first = prefill_seconds(wp, params, pt, pdepth) + decode_seconds(wp, params, pdepth)
        ttft = round(first * 1000, 0)
        decode_band = _band(params, hw, m, "decode", decode)
        prefill_band = _band(params, hw, m, "prefill", prefill)
    scores: dict[str, int] = {}
    for w in cat.workloads.values():
        wctx = min(safe, m.context) if safe else 0
        if st == "wont_fit":
            g = Graded(0, "F", "does not fit in memory")
            workloads.append(
                WorkloadResult(
                    id=w.id,
                    name=w.name,
                    context=wctx,
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
        t_pre = prefill_seconds(wp, params, new_tokens, w.depth + w.cached_prefix)
        dec_w = mean_decode_tok_s(wp, params, w.depth + w.prompt_tokens, w.output_tokens)
        ttft_w = t_pre + 1 / dec_w
        answer = ttft_w + w.output_tokens / dec_w
        g = grade_workload(w, fit=st, decode=dec_w, ttft_s=ttft_w, context=wctx)
        scores[w.id] = g.score
        workloads.append(
            WorkloadResult(
                id=w.id,
                name=w.name,
                context=wctx,
                ttft_ms=round(ttft_w * 1000),
                answer_s=round(answer, 1),
                decode_tok_s=round(dec_w, 1),
                grade=g.grade,
                score=g.score,
                reason=g.reason,
            )
        )
    if scores:
        # a workload the user named is the grade; otherwise the mode weighs all five
        if workload is not None:
            focus = next(w for w in workloads if w.id == wl.id)
            score = scores[wl.id]
        else:
            score = overall(scores, mode)
            focus = min(workloads, key=lambda w: w.score if w.score is not None else 0)
            if focus.score is not None and focus.score >= GRADE_FLOORS[1][1]:
                focus = next(w for w in workloads if w.id == wl.id)
        grade = letter(score) if st != "wont_fit" else "F"
        reason = focus.reason if focus.id == wl.id else f"{focus.name}: {focus.reason}"

    aggregate = None
    if n_seq > 1 and decode:
        routed, share = _routed_on_gpu(m, p)
        aggregate = round(parallel_decode_tok_s(wp, params, depth or 0, n_seq, routed, share), 1)

    cmds = commands.build(
        m,
        hw,
        qt.id,
        context=ctx * n_seq if n_seq > 1 else ctx,
        gpu_layers=99 if p.gpu_layers > m.layers else p.gpu_layers,
        n_cpu_moe=p.n_cpu_moe,
        kv_type=kv,
        backend=setup.backend,
        parallel=n_seq,
    )
    warnings = _warnings(m, hw, qt, st, safe, requested_ctx, cmds)
    if tip := _kv_tip(cat, m, setup, rows, recommended, ctx, n_seq, kv, flash):
        warnings.append(tip)
    return Report(
        model=ModelRef(id=m.id, name=m.name, params_b=m.params_b, active_params_b=m.active_b),
        hardware=HardwareRef(
            id=hw.id,
            name=_hw_name(hw, setup),
            count=setup.count,
            memory_gb=setup.memory_gib,
            bandwidth_gbps=hw.bandwidth_gbps,
            kind=hw.kind,
        ),
        quant=qt.id,
        context=ctx,
        kv_type=kv,
        backend=setup.backend,
        mode=mode,
        workload=wl.id,
        fit=st,
        fit_label=FIT_LABELS[st],
        memory=MemoryBreakdown(
            weights_gb=_gb(p.weights_total),
            kv_cache_gb=_gb(p.kv_total),
            overhead_gb=_gb(_overhead(p)),
            total_gb=_gb(p.weights_total + p.kv_total + _overhead(p)),
            available_gb=_gb(setup.device.usable * (setup.count if hw.kind != "cpu" else 1)),
        ),
        placement=_placement_out(p, setup),
        safe_context=safe,
        quants=rows,
        recommended_quant=recommended,
        commands=cmds,
        decode_tok_s=decode,
        prefill_tok_s=prefill,
        ttft_ms=ttft,
        decode_band=decode_band,
        prefill_band=prefill_band,
        workloads=workloads,
        grade=grade,
        score=score,
        reason=reason,
        parallel=n_seq,
        aggregate_tok_s=aggregate,
        assumptions=_assumptions(setup, kv, flash, ram_gb, pt, pdepth, depth or 0, m, qt),
        warnings=warnings,
    )


# --------------------------------------------------------------------------- helpers


def _hw_name(hw: Hardware, setup: Setup) -> str:
    name = hw.name
    if hw.memory_options_gb or hw.id == GENERIC_GPU_ID:
        name = f"{name} {setup.memory_gib:g}GB"
    return name


def _overhead(p: Placement) -> float:
    return sum(d.compute + d.overhead for d in p.devices) + (
        p.host.compute if p.kind != "cpu" else 0.0
    )


def _candidate_quants(cat: Catalog, m: Model) -> list[QuantType]:
    """The quants a GGUF repo of this model has, in catalog order; all common ones otherwise."""
    have = {q for r in m.gguf for q in r.quants}
    out = [q for q in cat.quants.values() if q.id in have]
    if not out:
        out = [q for q in cat.quants.values() if q.id in C.COMMON_QUANTS]
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
    qs = _quant_table_rows(cat, m)[0]
    for q in qs:
        if q.id == "Q4_K_M":
            return q.id
    return qs[len(qs) // 2].id


# Quality tiers the recommendation walks down (the catalog's 0-100 quality, from KL divergence):
# "good" keeps answers close to the original (Q4_K_M and up); "usable" is Q3-class.
GOOD_QUALITY = 85.0
USABLE_QUALITY = 70.0
# Design choices: the interactive lens wants 1.5x the workload's "feels fast" decode; "nearly the
# fastest" is within 10% (about one quant step of bandwidth).
INTERACTIVE_SPEEDUP = 1.5
NEAR_FASTEST = 0.9


def _recommend(
    cat: Catalog,
    m: Model,
    rows: list[QuantRow],
    wl: Workload,
    mode: str,
    fast_offload: set[str] = frozenset(),
):
    """The quant to run. Walk down the quality tiers (good, then usable, then anything) and the
    fits (runs well, then tight); inside the first tier that has candidates, take the best quality
    that decodes as fast as the workload wants, or, when none does, the best quality among the
    nearly fastest: on slow hardware extra bits cost more than they give. Offload comes last, and
    then speed matters more than bits. The interactive lens asks for more speed."""
    avail = [r for r in rows if r.available]
    # quality beyond Q8 buys nothing visible; among near-equal quality prefer the smaller file
    avail.sort(key=lambda r: (-min(r.quality, 99.0), r.memory_gb))
    want = wl.good_decode_tok_s * (INTERACTIVE_SPEEDUP if mode == "interactive" else 1.0)
    for floor in (GOOD_QUALITY, USABLE_QUALITY, 0.0):
        for fit in ("runs_well", "tight", "fast_offload"):
            if fit == "fast_offload":
                hit = [r for r in avail if r.quant in fast_offload and r.quality >= floor]
            else:
                hit = [r for r in avail if r.fit == fit and r.quality >= floor]
            if hit:
                return _quality_at_speed(hit, want).quant
    offload = [r for r in avail if r.fit == "offload"]
    if not offload:
        return None
    decent = [r for r in offload if r.quality >= 80] or offload
    return max(decent, key=lambda r: r.decode_tok_s or 0).quant


def _quality_at_speed(cands: list[QuantRow], want: float) -> QuantRow:
    """Candidates sorted best quality first: the first fast enough, else the first within
    NEAR_FASTEST of the fastest."""
    fast = [r for r in cands if (r.decode_tok_s or 0) >= want]
    if fast:
        return fast[0]
    top = max(r.decode_tok_s or 0 for r in cands)
    return next(r for r in cands if (r.decode_tok_s or 0) >= NEAR_FASTEST * top)


def _kv_tip(cat, m, setup, rows, recommended, ctx, n_seq, kv, flash) -> str | None:
    """When only a poor quant fits with an f16 cache, say what a q8_0 cache would allow."""
    rec = next((r for r in rows if r.quant == recommended), None)
    if kv != "f16" or setup.backend == "cpu" or (rec and rec.quality >= GOOD_QUALITY):
        return None
    good = sorted(
        (r for r in rows if r.available and r.quality >= GOOD_QUALITY),
        key=lambda r: -min(r.quality, 99.0),
    )
    kv_q8 = kv_prefix_at(m, ctx * n_seq, "q8_0", n_seq)
    for r in good:
        q = cat.quants[r.quant]
        # status(place(...)) in ("runs_well", "tight") is fits_gpu
        if fits_on_gpu(m, q, setup.device, setup.count, ctx * n_seq, "q8_0", flash, n_seq, kv_q8):
            return (
                f"Tip: with a q8_0 KV cache (-ctk q8_0 -ctv q8_0) {r.quant} fits on the GPU at "
                f"{ctx:,} tokens of context."
            )
    return None


def _band(params: SpeedParams, hw: Hardware, m: Model, what: str, value: float) -> Band | None:
    cls = speed_class(hw, m)
    # a class with too few measured rows for its own band borrows the overall one
    err = params.bands.get(cls, {}).get(what) or params.bands.get("all", {}).get(what)
    if err is None:
        return None
    return Band(low=round(value / (1 + err), 1), high=round(value * (1 + err), 1))


def speed_class(hw: Hardware, m: Model) -> str:
    if hw.kind == "cpu":
        return "cpu"
    if hw.kind == "apple":
        return "apple"
    if hw.kind in ("unified", "igpu"):
        return "unified"
    return hw.vendor if hw.vendor in ("nvidia", "amd", "intel") else "nvidia"


def _placement_out(p: Placement, setup: Setup) -> PlacementOut:
    devices = (
        [
            DeviceUse(
                name=f"{setup.hw.name}" + (f" #{i + 1}" if setup.count > 1 else ""),
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
    ram_needed = p.host.total
    return PlacementOut(
        kind=p.kind,
        gpu_layers=p.gpu_layers if p.kind != "cpu" else 0,
        n_cpu_moe=p.n_cpu_moe,
        ram_needed_gb=_gb(ram_needed),
        ram_available_gb=_gb(setup.device.ram if p.kind != "cpu" else setup.device.usable),
        devices=devices,
    )


def _assumptions(setup, kv, flash, ram_gb, prompt, pdepth, depth, m, qt) -> list[str]:
    out = [
        f"llama.cpp ({setup.backend.upper() if setup.backend != 'cpu' else 'CPU'}) 2025+ build, "
        f"flash attention {'on' if flash else 'off'}, KV cache {kv}, ubatch {C.N_UBATCH}",
        f"TTFT for {prompt:,} new prompt tokens at depth {pdepth:,}; decode at depth {depth:,}",
    ]
    if setup.hw.kind == "apple":
        out.append("macOS GPU wired limit: 2/3 of RAM up to 36 GB, 3/4 above")
    if setup.hw.kind == "gpu" and ram_gb is None:
        out.append(f"system RAM {C.DEFAULT_RAM_GIB:g} GB (give yours to change it)")
    if not any(qt.id in r.quants and r.quants[qt.id] for r in m.gguf):
        out.append(f"weights estimated at {qt.bpw} bits per weight (file size not catalogued)")
    return out


def _warnings(m, hw, qt, st, safe, requested_ctx, cmds: Commands) -> list[str]:
    out = []
    if requested_ctx and requested_ctx > m.context:
        out.append(f"{m.name} was trained for {m.context:,} tokens; context capped there.")
    if st == "wont_fit":
        out.append("Does not fit even with layers in system RAM.")
    elif st == "offload":
        out.append("Part of the model stays in system RAM: expect much slower decode.")
        if hw.kind == "apple":
            # macOS caps what the GPU may wire (2/3-3/4 of RAM); the cap is a sysctl away
            out.append(
                "macOS lets the GPU use only part of the RAM: `sudo sysctl iogpu.wired_limit_mb=N` "
                "(N = RAM in MB minus ~8192 for the system) raises the cap until a reboot."
            )
    if (
        requested_ctx
        and safe
        and min(requested_ctx, m.context) > safe
        and st in ("runs_well", "tight")
    ):
        out.append(f"Only {safe:,} tokens of context fit on the GPU.")
    if cmds.llama_cpp.startswith("llama-server -m"):
        out.append(f"No catalogued GGUF repo has {qt.id} for {m.name}: quantize it yourself.")
    return out
