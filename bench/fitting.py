"""Fit the speed model's constants on calibration rows, and predict rows with them.

The model itself lives in fitengine/speed.py; this module only searches its constants (least
squares on log errors, weighted by how much each row's source is trusted) and never restates it.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field, replace

import numpy as np
from scipy.optimize import least_squares
from scipy.sparse import lil_matrix

from fitengine.catalog import Model, default_catalog
from fitengine.speed import (
    ACT_BYTES,
    BACKENDS,
    DEFAULT_PARAMS,
    DEFAULT_PATH_EFF,
    MEMORY_FITTED,
    QUANT_REFERENCE,
    SIMD_REFERENCE,
    BackendParams,
    SpeedParams,
    Workpoint,
    attn_workpoint,
    decode_bw_key,
    decode_step,
    dequant_bytes,
    id_kernel_path,
    matmul_params,
    mean_decode_tok_s,
    prefill_tok_s,
)

from .rows import ATTENTION_FAMILIES, LOCALSCORE_TESTS, Row

BACKEND_FIELDS = (
    "eff_bw",
    "t_layer_us",
    "t_moe_us",
    "t_layer_pp_us",
    "moe_tokens_half",
    "t_linear_pp_us",
    "t_linear_us",
    "clock_exp",
    "kv_nofa",
)
# Constants of every backend that the fit holds at one value for all: flash attention's share of
# the rate the backend's weight kernels reach on the device (its QK^T and PV tiles run on the same
# units as those kernels). Each backend's attention at depth rests on one or two devices (the R9700
# on ROCm, the M2 Ultra on Metal, an RTX PRO 6000 on CUDA), so fitted per backend it was that
# device's, and a held-out device fell back to the prior.
TIED_FIELDS = ("attn_eff",)
TIED = "tied"
GLOBAL_FIELDS = (
    "t_hop_us",
    "attn_eff_nofa",
    "kv_eff",
    "kv_eff_nofa",
    "f16_bw",
    "decode_compute_eff",
    "per_core_gbps",
    "power_exp",
    "t_thread_us",
    "t_expert_us",
    "loop_tokens_half",
    "t_scan_tok_us",
    "turbo_exp",
)
# (and runs on a Vulkan driver other than the predicted one: bench/vulkan_drivers.yaml)
ERAS = ("legacy", "legacy-metal", "llamafile", "amdvlk")
# Nuisance terms of the measurement sources, fitted so they do not bend the physics; the engine
# predicts current builds on a desktop host and never applies them: a fixed per-token cost of each
# era's runtime and of a single-board-computer host (ms), a per-layer cost of llamafile's GPU
# prefill (us per ubatch; its GPU builds run their own GEMMs), the share of prompt tokens whose
# logits llamafile computes (LocalScore does not say), 2023 multi-GPU prefill, which ran layers
# one GPU at a time without pipelining, and the per-head attention of a LocalScore GPU run whose
# host has AVX512_BF16 (us per layer, query head and matmul, per token in decode and per ubatch in
# prefill, by GPU vendor: llamafile's BF16 KV cache runs KQ and KQV head by head through
# cuBLAS/hipBLAS, bench/kv_bf16_hosts.yaml), and a GPU run's kernel launches on a Windows host (us
# per layer per token: WDDM's submission, Fitted.launch_us).
NUISANCE = (
    ("era_token_ms", "legacy", 0.3),
    ("era_token_ms", "legacy-metal", 0.3),
    ("era_token_ms", "llamafile", 0.3),
    ("era_token_ms", "llamafile-gpu", 1.0),
    ("era_token_ms", "sbc:amd", 3.0),
    ("era_token_ms", "sbc:nvidia", 3.0),
    ("era_token_ms", "sbc:intel", 3.0),
    ("era_layer_pp_us", "llamafile-gpu", 200.0),
    ("era_layer_us", "gpu:windows", 10.0),
    ("era_layer_us", "llamafile-gpu:amd", 10.0),
    ("era_layer_us", "legacy-row", 300.0),
    ("era_layer_us", "legacy-row-gpu", 50.0),
    ("era_logits", "llamafile", 0.5),
    ("legacy_multi_pp", "sync_us", 400.0),
    ("legacy_multi_pp", "gbps", 16.0),
    ("era_head_us", "bf16:nvidia", 5.0),
    ("era_head_us", "bf16:amd", 50.0),
)
NUISANCE_SCOPES = (
    "era_decode",
    "era_prefill",
    "era_token_ms",
    "era_layer_pp_us",
    "era_layer_us",
    "era_logits",
    "legacy_multi_pp",
    "era_head_us",
)
# Backends without enough rows of their own borrow the constants of their closest relative.
BORROW = {"sycl": "vulkan:intel"}
# Backend and vendor pairs that get constants of their own: llama.cpp's Vulkan path on Intel Arc
# reaches a fraction of what it reaches on AMD and NVIDIA cards (which share the plain "vulkan").
# So do NVIDIA's Vulkan drivers (they reach more of the bandwidth than AMD's RADV), and CPUs by
# vendor (memory controllers and the chips' power limits differ more between vendors than within).
SPLIT_BY_VENDOR = {"vulkan": ("intel", "nvidia"), "cpu": ("amd", "intel", "arm")}


def backend_key(r: Row) -> str:
    if r.hw.vendor in SPLIT_BY_VENDOR.get(r.backend, ()):
        return f"{r.backend}:{r.hw.vendor}"
    return r.backend


def path_key(r: Row) -> str:
    return f"{backend_key(r)}:{r.wp.path}" + (
        ":f16" if r.wp.unquantized or dequant_bytes(r.wp) else ""
    )


def expert_path_key(r: Row) -> str:
    """The path efficiency a MoE row's routed experts use where it is not the row's own
    (speed.expert_rate: an F16 gpt-oss file's quantized experts, a backend's expert tile)."""
    wp = r.wp
    if not wp.routed_flops_share:
        return ""
    bulk = wp.unquantized and wp.bulk_family and wp.expert_path
    key = f"{backend_key(r)}:{id_kernel_path(wp, wp.expert_path if bulk else wp.path)}"
    return "" if key == path_key(r) else key


def attn_path_key(r: Row) -> str:
    """The path efficiency a row's attention uses (speed.attn_workpoint), "" for its own."""
    wp = attn_workpoint(r.wp)
    return "" if wp is r.wp else f"{backend_key(r)}:{wp.path}"


def quant_keys(r: Row) -> tuple[str, ...]:
    """The quant-cost constants a row's matmuls use: its family's, and its family's on its kernels."""
    fam = r.wp.quant_family
    if r.wp.unquantized or fam == QUANT_REFERENCE or dequant_bytes(r.wp):
        return ()
    return (f"{'cpu' if r.wp.cpu_only else 'gpu'}:{fam}", f"{r.backend}:{r.wp.path}:{fam}")


# A pull toward the starting point keeps constants that the data barely sees finite: weak for the
# efficiencies the data pins down, firmer for the small fixed costs it only sees through few rows,
# none for the nuisance terms of the sources.
PRIOR_WEIGHT = {
    "t_moe_us": 1.0,
    "t_layer_pp_us": 0.6,
    "t_layer_us": 0.3,
    "moe_tokens_half": 0.5,
    "loop_tokens_half": 0.5,
    "attn_eff": 0.5,
    "t_linear_pp_us": 0.6,
    "t_linear_us": 0.6,
    "quant_cost": 0.5,
    "simd": 0.5,
    "mem_eff": 0.3,
    "per_core_gbps": 0.5,
    "t_thread_us": 0.3,
    "power_ref": 0.15,
    "decode_bw": 0.5,
}
PRIOR_DEFAULT = 0.15
# Groups of named constants (one per path, quant family, SIMD level, memory technology, GPU
# architecture) beside the per-backend and global ones.
GROUPS = ("path", "quant_cost", "simd", "mem_eff", "power_ref", "decode_bw")
# an architecture gets a power reference when the rows have this many of its cards with a power
# limit, each with this many prefill rows (one card cannot tell its power from its kernels'
# efficiency, nor two runs of a card its power from the noise of one build)
POWER_MIN_CARDS = 3
POWER_MIN_ROWS = 4
DECODE_BW_MIN_DEVICES = 3
POOL_WEIGHT = 0.3
# Efficiencies are shares of a peak: keep them there. These are bounds of the search, not clips
# of its values: a clipped constant is flat on one side, and a fit started at the clip (a fold
# seeded with the full fit) sees a gradient its steps cannot follow and stops where it started.
UPPER = {
    "eff_bw": 1.0,
    "kv_eff": 1.5,
    "kv_eff_nofa": 1.5,
    "clock_exp": 1.0,
    "decode_compute_eff": 1.0,
    "power_exp": 1.0,  # the rate never falls faster than the power
    "turbo_exp": 1.0,  # no core runs past its max turbo
    "path": 1.0,
    "era_logits": 1.0,  # a share of the prompt tokens
}


def _upper(scope: str, name: str) -> float:
    if scope in ("path", "era_logits"):
        return UPPER[scope]
    if scope in NUISANCE_SCOPES or scope in GROUPS:
        return math.inf
    return UPPER.get(name, math.inf)


@dataclass
class Fitted:
    params: SpeedParams
    era_decode: dict[str, float]
    era_prefill: dict[str, float]
    era_token_ms: dict[str, float]
    legacy_multi_pp: dict[str, float]
    era_layer_pp_us: dict[str, float]
    era_logits: dict[str, float]
    era_head_us: dict[str, float] = field(default_factory=dict)
    era_layer_us: dict[str, float] = field(default_factory=dict)

    def value(self, scope: str, name: str, default: float) -> float:
        """The fitted value of one layout entry (the default where this fit has none)."""
        p = self.params
        if scope == "*":
            return getattr(p, name)
        if scope == TIED:
            # a fit whose backends held their own: their geometric mean
            vals = [getattr(bp, name) for bp in p.backends.values()]
            return float(np.exp(np.mean(np.log(vals)))) if vals else default
        if scope in GROUPS:
            group = {
                "path": p.paths,
                "quant_cost": p.quant_cost,
                "simd": p.simd,
                "mem_eff": p.mem_eff,
                "power_ref": p.power_ref,
                "decode_bw": p.decode_bw,
            }[scope]
            return group.get(name, default)
        nuisance = {
            "era_decode": self.era_decode,
            "era_prefill": self.era_prefill,
            "era_token_ms": self.era_token_ms,
            "era_layer_pp_us": self.era_layer_pp_us,
            "era_logits": self.era_logits,
            "legacy_multi_pp": self.legacy_multi_pp,
            "era_head_us": self.era_head_us,
            "era_layer_us": self.era_layer_us,
        }
        if scope in nuisance:
            return nuisance[scope].get(name, default)
        bp = p.backends.get(scope)
        return getattr(bp, name) if bp else default

    def predict(self, row: Row) -> tuple[float | None, float | None]:
        dec = pre = None
        if row.tg is not None:
            extra = self.era_token_ms.get(token_era(row), 0.0)
            if not row.wp.cpu_only:
                extra += self.launch_us(row) / 1000
            wp = row.wp
            if row.era == "legacy" and row.gpus > 1:
                wp, us = self.row_split_decode(row)
                extra += us / 1000
            if row.host:
                # an external AMD card on a Pi pays far more per token than an NVIDIA one
                extra += self.era_token_ms.get(f"{row.host}:{row.hw.vendor}", 0.0)
            extra += self.head_by_head_us(row) / 1000
            dec = self.decode_tok_s(row, extra / 1000, wp)
            dec *= self.era_decode.get(row.era, 1.0)
        if row.pp is not None:
            wp = row.wp
            if row.era == "legacy" and row.gpus > 1:
                # no pipeline parallelism before 2024: as one device holding every layer
                wp = replace(wp, gpus=1, weights_bytes_gpu=wp.weights_bytes_gpu * wp.gpus)
            share = 1.0 if row.all_logits else self.era_logits.get(row.era, 0.0)
            if share:
                # the build multiplied every prompt token by the vocabulary projection
                extra = (wp.flops_per_token - wp.pp_flops_per_token) * share
                wp = replace(wp, pp_flops_per_token=wp.pp_flops_per_token + extra)
            pre = prefill_tok_s(wp, self.params, row.prompt, row.depth, row.ubatch, row.batch)
            if row.era == "llamafile" and not row.wp.cpu_only:
                ubatches = math.ceil(row.prompt / row.ubatch)
                extra = ubatches * row.wp.layers * self.era_layer_pp_us.get("llamafile-gpu", 0.0)
                extra += ubatches * self.head_by_head_us(row)
                pre = row.prompt / (row.prompt / pre + extra * 1e-6)
            pre *= self.era_prefill.get(row.era, 1.0)
            if row.era == "legacy" and row.gpus > 1:
                pre = row.prompt / (row.prompt / pre + self.row_split_seconds(row))
        return dec, pre

    def head_by_head_us(self, row: Row) -> float:
        """What a BF16 KV cache adds to one ubatch of a LocalScore GPU run (us): llamafile's
        ggml-cuda has no batched kernel for a BF16 K or V, so each layer's KQ and KQV loop over the
        query heads (copy the strided slice, convert it to F32, cublasSgemm): 2 x n_head chains of
        launches a layer, each at a cost fitted per GPU vendor."""
        if not row.kv_bf16:
            return 0.0
        per = self.era_head_us.get(f"bf16:{row.hw.vendor}", 0.0)
        return 2 * row.model.heads * row.wp.layers * per

    def launch_us(self, row: Row) -> float:
        """What a GPU run's token adds in kernel launches on a Windows host (us): the builds
        LocalScore ran launch every op of every layer on its own (llamafile's GPU modules compiled
        CUDA graphs out until https://github.com/mozilla-ai/llamafile/pull/1051, September 2026),
        and on Windows each launch goes through WDDM's command submission, which queued launches
        hide only partly (https://github.com/ggml-org/llama.cpp/pull/2230; llamafile 0.8.12 on
        Windows 10 kept an RTX 2080 41% busy in decode where llama.cpp kept it 80%,
        https://github.com/mozilla-ai/llamafile/issues/533): a cost per layer. Only LocalScore's
        rows name their host's OS (Row.host_os); a Linux or macOS host has no such term.

        And on an AMD card, whatever the host, a LocalScore run's launches are HIP's: llamafile's
        AMD module (hipcc on the host, or the prebuilt tinyBLAS one) has no graphs either, and a
        HIP launch costs more than a CUDA one, so its per-layer cost is fitted apart
        (`llamafile-gpu:amd`) rather than left to pull the ROCm constants today's builds are
        predicted with (hipGraph in ggml-hip only behind the opt-in GGML_HIP_GRAPHS)."""
        us = 0.0
        if row.host_os == "windows":
            us += self.era_layer_us.get("gpu:windows", 0.0)
        if row.era == "llamafile" and row.hw.vendor == "amd":
            us += self.era_layer_us.get("llamafile-gpu:amd", 0.0)
        return row.wp.layers * us

    def row_split_decode(self, row: Row) -> tuple[Workpoint, float]:
        """How a 2023 build's row split ran a token over `row.gpus` GPUs: every weight matrix was
        split by rows across the GPUs (ggml_cuda_op_mul_mat; the layer split became the default
        with https://github.com/ggml-org/llama.cpp/pull/4766, January 2024), so the GPUs read
        their shares of a token's weights at once, as one device reading 1/gpus of them, with no
        layer boundaries to hop; and each matmul copied its input to every other GPU and
        gathered their results on the main one, a cost per layer (`legacy-row`, us) and per
        layer per GPU past the first (`legacy-row-gpu`, us). On the rows (RTX 4090 and RTX
        A6000, Llama 7B-70B) a token adds ~14 ms over two GPUs, ~15 over three and ~26 over six
        to 7B, F16 and Q4_0 alike, while the weights' read shrinks with the GPUs. Returns the
        workpoint to read with and the added us."""
        wp = replace(row.wp, gpus=1, active_bytes_gpu=row.wp.active_bytes_gpu / row.gpus)
        per_layer = self.era_layer_us.get("legacy-row", 0.0) + (row.gpus - 1) * (
            self.era_layer_us.get("legacy-row-gpu", 0.0)
        )
        return wp, row.wp.layers * per_layer

    def decode_tok_s(self, row: Row, extra_s: float, wp: Workpoint | None = None) -> float:
        """The row's decode rate with `extra_s` seconds a token of its runtime's own: a LocalScore
        row's is the mean of its nine tests' rates, each from its own prompt's depth
        (LOCALSCORE_TESTS); any other's one run from `row.depth`. `wp`: the workpoint the run
        read with, where it is not the row's (a 2023 row split)."""
        wp = wp or row.wp
        if row.source != "localscore":
            return 1 / (1 / mean_decode_tok_s(wp, self.params, row.depth, row.gen) + extra_s)
        step = decode_step(wp, self.params)
        rates = [
            1 / (1 / mean_decode_tok_s(wp, self.params, prompt, gen, step) + extra_s)
            for prompt, gen in LOCALSCORE_TESTS
        ]
        return sum(rates) / len(rates)

    def row_split_seconds(self, row: Row) -> float:
        """What a 2023 build's row split added to a prompt over `row.gpus` GPUs: every matmul's
        F32 input was copied to each other GPU (ggml_cuda_op_mul_mat, before the layer split
        became the default: https://github.com/ggml-org/llama.cpp/pull/4766, January 2024), over
        a link whose rate is fitted (`gbps`), and each GPU synchronised with the main one once per
        matmul (`sync_us`). On the rows (RTX 4090, 494-token prompts) the added time grows as
        gpus - 1 and with the matmuls' inputs, whatever the quant: 7B 0.21 s per extra GPU in F16
        and Q4_0, 13B 0.33 s."""
        ins, matmuls = row_split_inputs(row.model)
        lp = self.legacy_multi_pp
        copy = row.prompt * ins * ACT_BYTES / (lp.get("gbps", 16.0) * 1e9)
        sync = matmuls * lp.get("sync_us", 0.0) * 1e-6
        return (row.gpus - 1) * (copy + sync)


def token_era(row: Row) -> str:
    """Whose per-token cost a row's decode pays (era_token_ms): its era's, but llamafile's GPU
    runs pay one of their own (`llamafile-gpu`: sampling, syncs, the host's work beside a GPU's
    kernels) in place of its CPU runs' (`llamafile`), not on top of it. Fitted as a sum, the GPU
    runs could pay no less than the CPU runs' 1.1 ms (a constant's logarithm is fitted, so it is
    never negative): 4.4 ms a token of a 1B model on a 3070 Ti, where it measured 3.4 ms in all."""
    if row.era == "llamafile" and not row.wp.cpu_only:
        return "llamafile-gpu"
    return row.era


def row_split_inputs(model: Model) -> tuple[float, int]:
    """A dense model's matmul inputs per token over all layers (elements) and its matmul count:
    per layer Q, K, V, gate and up read the hidden state, O the heads' output, down the FFN's
    (its width from the parameters the layer multiplies less attention's)."""
    h = model.hidden_size
    q = model.heads * model.head_dim
    attn = 2 * h * q + 2 * h * model.kv_heads * model.head_dim
    per_layer = matmul_params(model, output=False) / model.layers
    ffn = max((per_layer - attn) / (3 * h), 0.0)
    return model.layers * (5 * h + q + ffn), model.layers * 7


@dataclass(frozen=True)
class Layout:
    """Which constant each fitted number is: (scope, name, starting value)."""

    entries: list[tuple[str, str, float]]
    counts: Counter


def _layout(rows: list[Row]) -> Layout:
    counts = Counter(backend_key(r) for r in rows)
    out = []
    for b in sorted(counts):
        base = DEFAULT_PARAMS.backends[b.split(":")[0]]
        for f in BACKEND_FIELDS:
            out.append((b, f, getattr(base, f)))
    # ... and the kernel families attention alone runs on (an older build's tile kernels)
    # (an unquantized file whose experts keep a quantized format, gpt-oss's F16 file, runs most of
    # its FLOPs on the quantized kernels (speed.expert_rate): it alone does not fit an F16 path,
    # which then falls back to the backend's quantized one)
    keys = {path_key(r) for r in rows if not (r.wp.unquantized and r.wp.bulk_family)}
    keys |= {attn_path_key(r) for r in rows} - {""}
    keys |= {expert_path_key(r) for r in rows} - {""}
    for k in sorted(keys):
        out.append(("path", k, DEFAULT_PATH_EFF))
    for k in sorted({q for r in rows for q in quant_keys(r)}):
        out.append(("quant_cost", k, 1.0))
    levels = {r.wp.simd for r in rows if r.wp.cpu_only and r.wp.simd}
    for lvl in sorted(levels - {SIMD_REFERENCE}):
        out.append(("simd", lvl, 1.0))
    # a quant family's decode factor needs decode runs on several devices: on one it would fit
    # that device's memory, not the family's kernels
    decode_devices: dict[str, set[str]] = {}
    for r in rows:
        if r.tg and (key := decode_bw_key(r.wp)):
            decode_devices.setdefault(key, set()).add(r.hw.id)
    for key, devices in sorted(decode_devices.items()):
        if len(devices) >= DECODE_BW_MIN_DEVICES:
            out.append(("decode_bw", key, 1.0))
    for fam in sorted({r.wp.memory for r in rows if not r.wp.cpu_only} & set(MEMORY_FITTED)):
        out.append(("mem_eff", fam, 1.0))
    # an architecture's power reference starts at its cards' median watts per TOPS
    prefills = Counter(r.hw.id for r in rows if r.pp and r.wp.watts_per_tops and not r.wp.cpu_only)
    per_arch: dict[str, dict[str, float]] = {}
    for r in rows:
        if prefills[r.hw.id] >= POWER_MIN_ROWS:
            per_arch.setdefault(r.wp.arch, {})[r.hw.id] = r.wp.watts_per_tops
    for arch, ratios in sorted(per_arch.items()):
        if len(ratios) >= POWER_MIN_CARDS:
            out.append(("power_ref", arch, float(np.median(sorted(ratios.values())))))
    for f in TIED_FIELDS:
        out.append((TIED, f, getattr(DEFAULT_PARAMS.backends["cuda"], f)))
    for f in GLOBAL_FIELDS:
        out.append(("*", f, getattr(DEFAULT_PARAMS, f)))
    for era in ERAS:
        out.append(("era_decode", era, 1.0))
        out.append(("era_prefill", era, 1.0))
    out.extend(NUISANCE)
    return Layout(out, counts)


def _unpack(x: np.ndarray, layout: Layout) -> Fitted:
    # a trial step of the search can overshoot: keep every constant finite and non-zero
    vals = np.exp(np.clip(x, -20.0, 20.0))
    per_backend: dict[str, dict[str, float]] = {}
    glob: dict[str, float] = {}
    groups: dict[str, dict[str, float]] = {g: {} for g in GROUPS}
    nuisance: dict[str, dict[str, float]] = {s: {} for s in NUISANCE_SCOPES}
    tied: dict[str, float] = {}
    for (scope, name, _), v in zip(layout.entries, vals, strict=True):
        v = float(v)
        if scope == "*":
            glob[name] = v
        elif scope == TIED:
            tied[name] = v
        elif scope in groups:
            groups[scope][name] = v
        elif scope in nuisance:
            nuisance[scope][name] = v
        else:
            per_backend.setdefault(scope, {})[name] = v
    backends = {b: BackendParams(**f, **tied) for b, f in per_backend.items()}
    for b in BACKENDS:
        if b not in backends:
            # a split backend answers for unknown vendors with its most measured vendor
            split = sorted(
                (k for k in backends if k.startswith(b + ":")), key=lambda k: -layout.counts[k]
            )
            backends[b] = (
                backends[split[0]]
                if split
                else backends.get(BORROW.get(b, "vulkan")) or DEFAULT_PARAMS.backends[b]
            )
    params = SpeedParams(
        backends=backends,
        paths=groups["path"],
        path_units=dict(default_catalog().path_units),
        quant_cost=groups["quant_cost"],
        simd=groups["simd"],
        mem_eff=groups["mem_eff"],
        power_ref=groups["power_ref"],
        decode_bw=groups["decode_bw"],
        bands={},
        **glob,
    )
    return Fitted(
        params,
        nuisance["era_decode"],
        nuisance["era_prefill"],
        nuisance["era_token_ms"],
        nuisance["legacy_multi_pp"],
        nuisance["era_layer_pp_us"],
        nuisance["era_logits"],
        nuisance["era_head_us"],
        nuisance["era_layer_us"],
    )


def _sparsity(layout: Layout, data: list[Row]):
    """Which residuals each constant can move: a backend's constants only its own rows, a path's
    only the rows on it, ... so least squares estimates the Jacobian with far fewer model calls."""
    n_res = 2 * len(data)
    sp = lil_matrix((n_res + 2 * len(layout.entries), len(layout.entries)), dtype=int)
    for j, (scope, name, _) in enumerate(layout.entries):
        for i, r in enumerate(data):
            if scope in ("*", TIED) or scope in NUISANCE_SCOPES:
                hit = True
            elif scope == "path":
                hit = name in (path_key(r), attn_path_key(r), expert_path_key(r))
            elif scope == "quant_cost":
                hit = name in quant_keys(r)
            elif scope == "simd":
                hit = r.wp.cpu_only
            elif scope == "mem_eff":
                hit = r.wp.memory == name and not r.wp.cpu_only
            elif scope == "decode_bw":
                hit = decode_bw_key(r.wp) == name
            elif scope == "power_ref":
                hit = r.wp.arch == name and bool(r.wp.watts_per_tops)
            else:
                # a row's backend, and the CPU constants for any row with work in RAM
                hit = backend_key(r) == scope or (scope == "cpu" and r.wp.active_bytes_ram > 0)
            if hit:
                sp[2 * i, j] = 1
                sp[2 * i + 1, j] = 1
        sp[n_res + j, j] = 1
    # pooled residuals: every constant of a pooled group moves each of the group's residuals
    pools = _pools(layout)
    row = n_res + len(layout.entries)
    for group in pools:
        for _ in group:
            for j in group:
                sp[row, j] = 1
            row += 1
    return sp[:row].tocsr()


def _pools(layout: Layout) -> list[list[int]]:
    """Constants pulled toward their group's mean: each backend field across backends, and the
    path efficiencies across paths."""
    backends = set(layout.counts)
    pools = [
        [i for i, (scope, name, _) in enumerate(layout.entries) if name == f and scope in backends]
        for f in BACKEND_FIELDS
    ]
    # (the matmul kernels' efficiencies; an older build's attention kernels are not one of them)
    attention = tuple(":" + fam for fam in ATTENTION_FAMILIES.values())
    pools.append(
        [
            i
            for i, (scope, name, _) in enumerate(layout.entries)
            if scope == "path" and not name.endswith(attention)
        ]
    )
    return [p for p in pools if len(p) > 1]


def fit(rows: list[Row], start: Fitted | None = None) -> Fitted:
    """Least squares from the starting point (priors pull toward it); `start`, a fit on more
    rows, only seeds the search so the cross-validation folds converge in fewer steps. Rows
    flagged in bench/flagged_rows.yaml (a VM slice, weights paged from disk: not the device the
    catalog describes) are left out; the reports still score them."""
    rows = [r for r in rows if not r.flag]
    layout = _layout(rows)
    x0 = np.log([v for _, _, v in layout.entries])
    seed = x0 if start is None else np.log([start.value(s, n, v) for s, n, v in layout.entries])
    upper = np.log([_upper(scope, name) for scope, name, _ in layout.entries])
    seed = np.minimum(seed, upper)
    prior_w = np.array(
        [
            0.02
            if scope in NUISANCE_SCOPES
            # a kernel family's own take on a quant family is a deviation: held closer to 1
            else 1.0
            if scope == "quant_cost" and name.count(":") == 2
            else PRIOR_WEIGHT.get(
                scope
                if scope in ("quant_cost", "simd", "mem_eff", "power_ref", "decode_bw")
                else name,
                PRIOR_DEFAULT,
            )
            for scope, name, _ in layout.entries
        ]
    )
    pools = _pools(layout)
    data = [r for r in rows if not r.oom and (r.tg or r.pp)]
    weights = np.array([math.sqrt(r.weight) for r in data])

    def residuals(x: np.ndarray) -> np.ndarray:
        f = _unpack(x, layout)
        res = []
        for r, w in zip(data, weights, strict=True):
            dec, pre = f.predict(r)
            res.append(w * math.log(dec / r.tg) if dec and r.tg else 0.0)
            res.append(w * math.log(pre / r.pp) if pre and r.pp else 0.0)
        prior = prior_w * (x - x0)
        # partial pooling: a backend's constant is pulled toward the same constant of the other
        # backends, so one the data barely sees borrows from those it sees well
        pooled = [POOL_WEIGHT * (x[idx] - x[group].mean()) for group in pools for idx in group]
        return np.concatenate([np.array(res), prior, np.array(pooled)])

    jac = _Jacobian(residuals, _sparsity(layout, data), upper)
    # Every constant is a logarithm, so one unit is the same relative change for all of them
    # (x_scale=1); scaling by the Jacobian's columns instead lets the ones few rows see take
    # steps so long that every trial is rejected and the search stops where it began.
    sol = least_squares(
        jac.fun,
        seed,
        jac=jac,
        bounds=(-np.inf, upper),
        method="trf",
        tr_solver="exact",
        loss="cauchy",
        f_scale=0.3,
        x_scale=1.0,
        ftol=1e-5,
        xtol=1e-5,
        max_nfev=400,
    )
    return _unpack(sol.x, layout)


class _Jacobian:
    """Forward differences of the residuals, perturbing at once every constant whose rows no
    other constant of the group touches (the sparsity pattern), as a dense matrix for the exact
    trust-region solver (~200 constants: cheap)."""

    STEP = 1e-7

    def __init__(self, fun, sparsity, upper: np.ndarray):
        self._fun = fun
        self._cols = sparsity.tocsc()
        self._upper = upper
        self._last: tuple[bytes, np.ndarray] | None = None
        self.groups: list[list[int]] = []
        used: list[np.ndarray] = []
        for j in range(self._cols.shape[1]):
            rows = self._cols[:, j].indices
            for g, mask in zip(self.groups, used, strict=True):
                if not mask[rows].any():
                    g.append(j)
                    mask[rows] = True
                    break
            else:
                mask = np.zeros(self._cols.shape[0], dtype=bool)
                mask[rows] = True
                self.groups.append([j])
                used.append(mask)

    def fun(self, x: np.ndarray) -> np.ndarray:
        key = x.tobytes()
        if self._last is None or self._last[0] != key:
            self._last = (key, self._fun(x))
        return self._last[1]

    def __call__(self, x: np.ndarray) -> np.ndarray:
        f0 = self.fun(x)
        out = np.zeros((len(f0), len(x)))
        for group in self.groups:
            h = self.STEP * np.maximum(1.0, np.abs(x[group]))
            # at an upper bound, step down instead
            h = np.where(x[group] + h > self._upper[group], -h, h)
            xp = x.copy()
            xp[group] += h
            df = self._fun(xp) - f0
            for j, hj in zip(group, h, strict=True):
                rows = self._cols[:, j].indices
                out[rows, j] = df[rows] / hj
        return out


def group_folds(rows: list[Row], k: int = 8) -> list[tuple[list[Row], list[Row]]]:
    """Hold out by hardware: every device's rows land in exactly one test fold, so each score
    is for hardware the fit never saw."""
    devices = sorted({r.hw.id for r in rows})
    # deterministic spread: sort by id, deal round-robin
    fold_of = {d: i % k for i, d in enumerate(devices)}
    out = []
    for i in range(k):
        test = [r for r in rows if fold_of[r.hw.id] == i]
        train = [r for r in rows if fold_of[r.hw.id] != i]
        out.append((train, test))
    return out


def cross_predict(
    rows: list[Row], k: int = 8, start: Fitted | None = None
) -> dict[int, tuple[float | None, float | None]]:
    preds: dict[int, tuple[float | None, float | None]] = {}
    for train, test in group_folds(rows, k):
        f = fit(train, start)
        for r in test:
            preds[r.idx] = f.predict(r)
    return preds
