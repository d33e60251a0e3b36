"""Lists built on analyze(): the best models for a setup, the smallest setups for a model, and
side-by-side comparisons.

"Runs well" means what the report says: the fit is `runs_well` (or `tight` when nothing better
exists) and the workload grade is B or better. The catalog has no benchmark score, so best_models
ranks what runs well by catalog data, in this order:

1. a model that runs at a good quant (quality >= GOOD_QUANT in catalog/quants.yaml) and is not
   superseded, before one that is superseded, before one squeezed to a low-bit quant;
   "superseded" = a newer release (`released`) of the same `family`, at least ~3/4 of its size,
   with the same role (its workload tags, or coding/reasoning/general/vision with no workload),
   also runs well at a good quant on this setup (Qwen2.5-Coder 32B next to Qwen3-Coder 30B-A3B);
2. within a tier, `capability`: effective size (a MoE counts as sqrt(total x active)), how
   recent the release is, a bonus when the model has a tag the workload asks for (`model_tags`
   in catalog/workloads.yaml), and
   the quality of the quant that fits;
3. near-ties broken by the engine's score for the workload on this setup.

Results are cached per question: the same setup asked twice costs one dictionary lookup.
"""

from __future__ import annotations

import functools
import math

from .catalog import Catalog, Hardware, Model, default_catalog
from .engine import GOOD_QUALITY, EngineError, _model, analyze
from .report import QuantRow, Report

GOOD_GRADES = {"S", "A", "B"}
MULTI_GPU_COUNTS = (2, 3, 4, 8)
PER_TIER = 2  # best_hardware: single devices, and multi-GPU setups, shown per memory size
MAX_HW_CALLS = 40  # best_hardware: analyze() calls at most
REFERENCE_QUANT = "Q4_K_M"  # what "needs X GB" assumes when the question names no quant
GOOD_QUANT = GOOD_QUALITY  # quant quality (catalog/quants.yaml) of "runs at a good quant"
SUPERSEDE_SIZE = 0.75  # a newer release this much of the size (or more) replaces an old one
RECENCY_PER_MONTH = 0.6  # capability per month of release date (open models improve fast)
EXTRA_WALK = 4  # families beyond `limit` the walk collects before it may stop
_ROLE_TAGS = {"coding", "reasoning", "general", "vision"}


def _cat(catalog: Catalog | None) -> Catalog:
    return catalog or default_catalog()


def _workload_tags(workload: str | None, catalog: Catalog | None) -> frozenset[str]:
    """The model tags that make a model a natural pick for the workload (its `model_tags` in
    catalog/workloads.yaml); none for no workload or one the catalog does not have."""
    w = _cat(catalog).workloads.get(workload) if workload else None
    return frozenset(w.model_tags) if w else frozenset()


def capability(m: Model, workload: str | None = None, catalog: Catalog | None = None) -> float:
    """A rough 'how good a model is this' figure for ranking; bigger, newer and on-topic wins."""
    score = 7.0 * math.log2(max(_effective_size(m), 0.1))
    score += RECENCY_PER_MONTH * _months(m)
    if m.ollama:
        score += 5.0  # packaged by ollama: a model people actually run
    tags = set(m.tags)
    if workload and tags & _workload_tags(workload, catalog):
        score += 8.0
    if "legacy" in tags:
        score -= 15.0
    if "vision" in tags and workload not in (None, "chat"):
        score -= 3.0
    return score


def _effective_size(m: Model) -> float:
    return m.params_b if not m.is_moe else math.sqrt(m.params_b * m.active_b)


def _months(m: Model) -> int:
    """Months since 2023-01 (a model without a date counts as mid-2023)."""
    if not m.released:
        return 6
    y, _, mo = m.released.partition("-")
    return (int(y) - 2023) * 12 + (int(mo) if mo else 6)


def _role(m: Model, workload: str | None, catalog: Catalog | None) -> frozenset[str]:
    tags = set(m.tags)
    return frozenset(tags & (_workload_tags(workload, catalog) if workload else _ROLE_TAGS))


def _runs_well(r: Report) -> bool:
    return r.fit == "runs_well" and (r.grade in GOOD_GRADES)


def _quant_row(r: Report, quant: str) -> QuantRow | None:
    return next((q for q in r.quants if q.quant == quant), None)


def _quant_quality(r: Report) -> float:
    row = _quant_row(r, r.quant)
    return row.quality if row else 90.0


def _superseded(
    m: Model, newer: list[Model], workload: str | None, catalog: Catalog | None = None
) -> Model | None:
    """A newer model of the same family and role, not much smaller, from `newer` (those that run
    well at a good quant on the same setup): the one that makes `m` an old generation."""
    role = _role(m, workload, catalog)
    mine = m.released or ""
    for n in newer:
        if (
            n.id != m.id
            and n.family == m.family
            and (n.released or "") > mine
            and n.params_b >= SUPERSEDE_SIZE * m.params_b
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
    kv_type: str = "f16",
    limit: int = 10,
    catalog: Catalog | None = None,
) -> list[Report]:
    """The models that run well on this setup, best first (at most one size per family)."""
    cat = _cat(catalog)
    hw_id = hardware.id if isinstance(hardware, Hardware) else hardware
    return list(
        _best_models_cached(
            cat, hw_id, gpus or 1, vram_gb, ram_gb, workload, context, kv_type, max(1, limit)
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


@_cache_per_catalog
def _best_models_cached(
    cat: Catalog,
    hw_id: str | None,
    gpus: int,
    vram_gb: float | None,
    ram_gb: float | None,
    workload: str | None,
    context: int | None,
    kv_type: str,
    limit: int,
) -> tuple[Report, ...]:
    hw = cat.hardware.get(hw_id) if hw_id else None
    mem = vram_gb or (hw.memory_gb if hw else 12.0)
    fast_mem = mem * (gpus if hw is None or hw.kind == "gpu" else 1)
    if hw is not None and hw.kind == "cpu":
        fast_mem = ram_gb or mem
    budget = fast_mem + (ram_gb or 64.0 if hw is None or hw.kind == "gpu" else 0.0)
    # (capability + quant term, report, good quant)
    found: list[tuple[float, Report, bool]] = []
    fallback: list[tuple[float, Report, bool]] = []
    # most capable first, so the walk can stop once nothing left can enter the list
    models = sorted(cat.models.values(), key=lambda m: -capability(m, workload, cat))
    good_keys: dict[tuple[str, int], float] = {}  # family key -> best score at a good quant
    for m in models:
        cap = capability(m, workload, cat)
        # the walk stops when `limit + EXTRA_WALK` families already run well at a good quant
        # with a higher score than anything left can reach (spare ones for supersession)
        if (
            len(good_keys) >= limit + EXTRA_WALK
            and cap + 2.0 < sorted(good_keys.values())[-(limit + EXTRA_WALK)]
        ):
            break
        # cheap prefilters: a dense model's weights at ~3.5 bits must fit the fast memory,
        # a MoE's (whose experts can sit in RAM) must fit somewhere
        if m.params_b * 3.0 / 8 > budget:
            continue
        if not m.is_moe and m.params_b * 3.5 / 8 > fast_mem * 1.05:
            continue
        kw = dict(
            gpus=gpus,
            vram_gb=vram_gb,
            ram_gb=ram_gb,
            workload=workload,
            context=context,
            kv_type=kv_type,
            catalog=cat,
        )
        try:
            r = analyze(m, hw_id, **kw)
        except EngineError:
            continue
        if r.quant != REFERENCE_QUANT and (
            (not _runs_well(r) and _faster_at_reference(r))
            or (_quant_quality(r) < GOOD_QUANT and _runs_well_at_reference(r))
        ):
            # the recommended quant favours quality (or size): the reference quant may be the
            # one that runs well, or runs well at a good quality
            try:
                r2 = analyze(m, hw_id, quant=REFERENCE_QUANT, **kw)
            except EngineError:
                r2 = None
            if r2 is not None and (_runs_well(r2) or not _runs_well(r)):
                r = r2
        quality = _quant_quality(r)
        good = quality >= GOOD_QUANT
        rank = cap + 0.3 * (quality - 100) + 0.05 * (r.score or 0)
        if _runs_well(r):
            found.append((rank, r, good))
            if good:
                key = _family_key(cat, r)
                good_keys[key] = max(rank, good_keys.get(key, -1e9))
        elif r.fit in ("runs_well", "tight") and r.grade in ("B", "C"):
            fallback.append((rank - 5, r, good))
    pool = found or fallback
    newer = [cat.models[r.model.id] for _rank, r, good in pool if good]
    tiered = []
    for rank, r, good in pool:
        if not good:
            tier = 2  # squeezed to a low-bit quant
        elif _superseded(cat.models[r.model.id], newer, workload, cat):
            tier = 1
        else:
            tier = 0
        tiered.append((tier, -rank, r))
    tiered.sort(key=lambda x: (x[0], x[1]))
    out: list[Report] = []
    seen: set[tuple[str, int]] = set()
    for _tier, _rank, r in tiered:
        key = _family_key(cat, r)
        if key in seen:
            continue
        seen.add(key)
        out.append(r)
        if len(out) >= limit:
            break
    return tuple(out)


def _faster_at_reference(r: Report) -> bool:
    row = _quant_row(r, REFERENCE_QUANT)
    return bool(
        row is not None
        and row.fit == "runs_well"
        and row.decode_tok_s
        and (r.decode_tok_s is None or row.decode_tok_s > r.decode_tok_s * 1.15)
    )


def _runs_well_at_reference(r: Report) -> bool:
    row = _quant_row(r, REFERENCE_QUANT)
    return bool(row is not None and row.fit == "runs_well" and row.quality >= GOOD_QUANT)


def _family_key(cat: Catalog, r: Report) -> tuple[str, int]:
    return (cat.models[r.model.id].family, round(math.log2(max(r.model.params_b, 0.1))))


# --------------------------------------------------------------------------- best hardware


def _candidate_setups(cat: Catalog) -> list[tuple[Hardware, int]]:
    out = []
    for hw in cat.hardware.values():
        if hw.id.startswith("generic") or hw.kind not in ("gpu", "apple", "unified"):
            continue
        if hw.form == "laptop" or (hw.year and hw.year < 2016):
            continue
        out.append((hw, 1))
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


def _total_memory(hw: Hardware, n: int) -> float:
    return max([hw.memory_gb, *hw.memory_options_gb]) * n if hw.kind != "gpu" else hw.memory_gb * n


def best_hardware(
    model: str | Model,
    *,
    quant: str | None = None,
    context: int | None = None,
    workload: str | None = None,
    kv_type: str = "f16",
    hardware: str | Hardware | None = None,
    limit: int = 10,
    catalog: Catalog | None = None,
) -> list[Report]:
    """Devices and multi-GPU setups that run the model well, smallest total memory first.

    With `hardware`, only counts of that device ("how many 3090s for deepseek v3").
    """
    cat = _cat(catalog)
    m = _model(cat, model)
    hw_id = hardware.id if isinstance(hardware, Hardware) else hardware
    return list(
        _best_hardware_cached(cat, m.id, quant, context, workload, kv_type, hw_id, max(1, limit))
    )


def memory_needed(
    model: str | Model,
    *,
    quant: str | None = None,
    context: int | None = None,
    kv_type: str = "f16",
    catalog: Catalog | None = None,
) -> Report:
    """The model on a device with room to spare: the report's memory.total_gb is what it needs."""
    cat = _cat(catalog)
    q = quant or _reference_quant(cat)
    return analyze(
        model, None, vram_gb=2048, quant=q, context=context, kv_type=kv_type, catalog=cat
    )


def _reference_quant(cat: Catalog) -> str:
    return REFERENCE_QUANT if REFERENCE_QUANT in cat.quants else next(iter(cat.quants))


@_cache_per_catalog
def _best_hardware_cached(
    cat: Catalog,
    model_id: str,
    quant: str | None,
    context: int | None,
    workload: str | None,
    kv_type: str,
    hw_id: str | None,
    limit: int,
) -> tuple[Report, ...]:
    m = cat.models[model_id]
    q = quant or _reference_quant(cat)
    need = memory_needed(m, quant=q, context=context, kv_type=kv_type, catalog=cat).memory.total_gb
    if hw_id:
        hw = cat.hardware[hw_id]
        # start at the count whose memory adds up to the need
        first = max(1, int(need // max(hw.memory_gb, 0.5)))
        counts = range(first, 17) if hw.kind == "gpu" else [1]
        setups = [(hw, n) for n in counts]
    else:
        setups = [
            (hw, n)
            for hw, n in _candidate_setups(cat)
            if need <= _total_memory(hw, n) <= max(need * 6, need + 64)
        ]
    setups.sort(key=_setup_order)
    out: list[Report] = []
    # per memory tier, up to PER_TIER single devices and PER_TIER multi-GPU setups: a tier of
    # 48 GB cards must not hide 2x 24 GB (the 2x 3090 people actually build)
    per_tier: dict[tuple[float, bool], int] = {}
    calls = 0
    for hw, n in setups:
        tier = (_total_memory(hw, n), n > 1)
        if per_tier.get(tier, 0) >= PER_TIER:
            continue
        if calls >= MAX_HW_CALLS or len(out) >= limit:
            break
        calls += 1
        vram = tier[0] if hw.kind != "gpu" else None
        try:
            r = analyze(
                m,
                hw,
                gpus=n,
                quant=q,
                context=context,
                vram_gb=vram,
                workload=workload,
                kv_type=kv_type,
                catalog=cat,
            )
        except EngineError:
            continue
        if _runs_well(r):
            out.append(r)
            per_tier[tier] = per_tier.get(tier, 0) + 1
            if hw_id:
                break  # the smallest count of that device is the answer
    return tuple(out)


# --------------------------------------------------------------------------- comparisons


Setup = tuple  # (hardware id or entry or None, gpu count, vram GB or None)


def compare_setups(
    model: str | Model,
    setups: list[Setup],
    *,
    catalog: Catalog | None = None,
    **kw,
) -> list[Report]:
    """One model on several setups, side by side. Each setup at its own recommended quant unless
    `quant` is given (one quant for all would put the smaller side in partial offload)."""
    cat = _cat(catalog)
    return [
        analyze(model, hw, gpus=gpus or 1, vram_gb=vram, catalog=cat, **kw)
        for hw, gpus, vram in setups
    ]


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
    """One model on two setups, side by side, each at its own recommended quant unless the
    question named one."""
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
    """Two (or more) models on one setup, side by side."""
    cat = _cat(catalog)
    return [analyze(m, hardware, catalog=cat, **kw) for m in (model_a, model_b, *more)]


__all__ = [
    "best_hardware",
    "best_models",
    "capability",
    "compare_hardware",
    "compare_models",
    "compare_setups",
    "memory_needed",
]
