"""Decode and prefill speed: a physical model whose constants are fitted on measured runs.

Decode is bound by the bytes each token reads plus a fixed cost per layer:

    t_token = bytes_gpu / (bw x eff_bw) + layers x t_layer (+ moe_layers x t_moe)
              + kv_bytes(depth) / (bw x eff_bw) + (gpus - 1) x t_hop
              + [offloaded part, run by the CPU as a CPU-only run would]
                bytes_ram / (ram_bw x eff_bw_cpu) + ram_layers x t_layer_cpu + 2 x t_hop

Prefill is bound by compute: 2 x active params FLOPs per token plus attention growing with the
prompt, at the throughput the backend reaches (tensor cores, shader cores or CPU vectors), plus
shipping RAM-resident weights over PCIe once per ubatch.

bench/calibrate.py fits the constants on ../shared/calibration/speed.csv and writes them to
catalog/calibration.json; nothing here is a speed table.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import get_args

from . import constants as C
from .catalog import Backend, Hardware, Model

BACKENDS = get_args(Backend)

# Physics, not fits: PCIe 4.0 x16 moves 31.5 GB/s per direction; the host RAM of a GPU box is
# assumed dual-channel DDR5-5600 (89.6 GB/s) unless the CPU-only catalog entry says otherwise.
PCIE_GBPS = 31.5
HOST_RAM_GBPS = 89.6


@dataclass(frozen=True)
class BackendParams:
    eff_bw: float  # share of peak memory bandwidth decode reaches
    t_layer_us: float  # fixed cost per layer per token (launches, syncs, small ops)
    t_moe_us: float  # extra fixed cost per MoE layer (routing, expert gather)
    eff_compute: float  # share of peak FLOPs prefill reaches
    t_layer_pp_us: float  # fixed cost per layer per ubatch in prefill
    f16_compute: float  # F16 matmul throughput relative to quantized (MMQ) on this backend
    moe_pp_eff: float  # MoE prefill: expert GEMMs see few tokens each, so they run below peak


@dataclass(frozen=True)
class SpeedParams:
    backends: dict[str, BackendParams]
    t_hop_us: float  # per GPU boundary per token (layer split)
    pp_multi: float  # prefill speed-up per extra GPU (pipeline parallelism)
    attn_eff: float  # attention FLOPs efficiency relative to matmuls, flash attention on
    attn_eff_nofa: float  # the same with the KQ matrix materialised (flash attention off)
    kv_eff: float  # KV read efficiency relative to weights
    f16_bw: float  # decode bandwidth share of unquantized weights relative to quantized ones
    decode_compute_eff: float  # share of peak FLOPs a one-token matrix-vector product reaches
    clock_exp: float  # how per-layer costs scale with the device clock (0: not at all)
    bands: dict[str, dict[str, float]]  # class -> {decode, prefill} relative error (p80)

    @classmethod
    def from_dict(cls, d: dict) -> SpeedParams:
        if not d:
            return DEFAULT_PARAMS
        return cls(
            backends={k: BackendParams(**v) for k, v in d["backends"].items()},
            t_hop_us=d["t_hop_us"],
            pp_multi=d["pp_multi"],
            attn_eff=d["attn_eff"],
            attn_eff_nofa=d["attn_eff_nofa"],
            kv_eff=d["kv_eff"],
            f16_bw=d["f16_bw"],
            decode_compute_eff=d["decode_compute_eff"],
            clock_exp=d.get("clock_exp", 0.0),
            bands=d.get("bands", {}),
        )


# Starting point for the fit (and what the engine uses before a calibration file exists): orders
# of magnitude, not fits. A kernel launch costs ~5 us on a GPU and a layer runs ~10-20 of them; a
# CPU layer has no launches but a barrier per op.
DEFAULT_PARAMS = SpeedParams(
    backends={
        b: BackendParams(
            eff_bw=0.7,
            t_layer_us=30.0 if b == "cpu" else 80.0,
            t_moe_us=30.0,
            eff_compute=0.4,
            t_layer_pp_us=200.0,
            f16_compute=1.0,
            moe_pp_eff=0.5,
        )
        for b in BACKENDS
    },
    t_hop_us=100.0,
    pp_multi=0.5,
    attn_eff=0.5,
    attn_eff_nofa=0.2,
    kv_eff=1.0,
    f16_bw=1.0,
    decode_compute_eff=0.3,
    clock_exp=0.5,
    bands={},
)


@dataclass(frozen=True)
class Workpoint:
    """Everything the speed model needs about one placement, in plain numbers."""

    layers: int
    moe_layers: int
    active_bytes_gpu: float  # bytes read per token from accelerator memory
    weights_bytes_gpu: float  # all weights on the accelerator (a prefill ubatch touches them all)
    active_bytes_ram: float  # bytes read per token from host RAM (offloaded layers/experts)
    ram_layers: int  # layers whose work (or experts) the CPU runs
    ram_resident_bytes: float  # weights left in RAM (shipped over PCIe for big batches)
    kv_per_token: float  # KV bytes per cached token (all layers)
    kv_fixed: float  # recurrent state / capped sliding window bytes read per token
    flops_per_token: float  # 2 x active params
    attn_flops_coeff: float  # attention FLOPs per token per token of context (4 x d_attn x layers)
    gpus: int
    bandwidth_gbps: float
    clock_mhz: float | None  # the device's clock: small kernels take longer on a slower one
    tflops: float
    ram_gbps: float
    backend: str
    vendor: str  # constants fitted for this backend on this vendor's GPUs take precedence
    cpu_only: bool
    unquantized: bool  # F16/BF16/F32 weights: plain matmuls, no dequantization
    flash_attn: bool


def active_bytes(model: Model, weights_total: float) -> float:
    """Bytes a token reads: all weights for a dense model; for a MoE the shared part plus the
    routed experts it picks (not the total, the mistake the seed card makes). Per-layer
    embeddings (Gemma 3n/4) are read one row per token, so they are not counted."""
    bpp = weights_total / (model.params_b * 1e9)
    ple = (model.per_layer_embed_params_b or 0.0) * 1e9 * bpp
    if not model.moe:
        return weights_total - ple
    expert = model.moe.expert_params_b * 1e9 * bpp
    picked = expert * model.moe.active / model.moe.experts
    embed = model.vocab * model.hidden_size * bpp  # only one row of it is read
    return max(weights_total - expert - embed - ple, 0.0) + picked


def attention_flops_coeff(model: Model) -> float:
    """FLOPs per new token per token attended (QK^T and AV: 2 x 2 x heads x head_dim per layer)."""
    total = 0.0
    for g in model.attention:
        if g.kind == "linear":
            continue
        if g.kind == "mla":
            d = (g.kv_lora_rank or 512) + (g.rope_dim or 0)
        elif g.kind == "compressed":
            # one attended row per compress_ratio tokens (the raw window is counted like a
            # sliding window's: as if it grew with the context)
            d = (g.head_dim or model.head_dim) / (g.compress_ratio or 1)
        else:
            d = g.head_dim or model.head_dim
        total += 4 * model.heads * d * g.layers
    return total


def backend_params(p: SpeedParams, wp: Workpoint) -> BackendParams:
    """The constants of this backend on this vendor's hardware (Vulkan on an Intel Arc is not
    Vulkan on a GeForce) when the calibration has them, else those of the backend."""
    return (
        p.backends.get(f"{wp.backend}:{wp.vendor}")
        or p.backends.get(wp.backend)
        or p.backends["cpu"]
    )


# Per-layer costs are fitted for a device at this clock and scale as (REF / clock) ** clock_exp.
REF_CLOCK_MHZ = 2000.0


def clock_factor(wp: Workpoint, p: SpeedParams) -> float:
    if not wp.clock_mhz:
        return 1.0
    return (REF_CLOCK_MHZ / wp.clock_mhz) ** p.clock_exp


def decode_seconds(wp: Workpoint, p: SpeedParams, depth: int) -> float:
    bp = backend_params(p, wp)
    bw = wp.bandwidth_gbps * 1e9 * bp.eff_bw * (p.f16_bw if wp.unquantized else 1.0)
    kv = (wp.kv_per_token * depth + wp.kv_fixed) / (p.kv_eff)
    t = (wp.active_bytes_gpu + kv) / bw
    # roofline: a small CPU runs out of arithmetic before it runs out of bandwidth
    t = max(t, wp.flops_per_token / (wp.tflops * 1e12 * p.decode_compute_eff))
    t += (wp.layers * bp.t_layer_us + wp.moe_layers * bp.t_moe_us) * 1e-6 * clock_factor(wp, p)
    if wp.gpus > 1:
        t += (wp.gpus - 1) * p.t_hop_us * 1e-6
    if wp.active_bytes_ram and not wp.cpu_only:
        cpu = p.backends["cpu"]
        t += wp.active_bytes_ram / (wp.ram_gbps * 1e9 * cpu.eff_bw)
        t += (wp.ram_layers * cpu.t_layer_us + 2 * p.t_hop_us) * 1e-6
    return t


def parallel_decode_tok_s(
    wp: Workpoint, p: SpeedParams, depth: int, slots: int, routed_gpu: float, top_k_share: float
) -> float:
    """Aggregate decode of `slots` sequences served together (llama-server --parallel): one step
    reads the weights once for all of them, each slot adds its own KV read and FLOPs, and a MoE
    touches more experts the more tokens it routes. `routed_gpu` is the routed-expert bytes on
    the accelerator and `top_k_share` the experts a token picks over all experts."""
    if slots <= 1:
        return decode_tok_s(wp, p, depth)
    picked_one = routed_gpu * top_k_share
    touched = routed_gpu * (1 - (1 - top_k_share) ** slots) if routed_gpu else 0.0
    step = replace(
        wp,
        active_bytes_gpu=wp.active_bytes_gpu - picked_one + touched,
        kv_per_token=wp.kv_per_token * slots,
        kv_fixed=wp.kv_fixed * slots,
        flops_per_token=wp.flops_per_token * slots,
    )
    bp = backend_params(p, wp)
    t = decode_seconds(step, p, depth)
    # a batch of tokens is a small matrix product: it can run at the prefill kernels' rate
    t = max(t, step.flops_per_token / (wp.tflops * 1e12 * bp.eff_compute))
    return slots / t


def prefill_seconds(wp: Workpoint, p: SpeedParams, prompt: int, depth: int = 0) -> float:
    bp = backend_params(p, wp)
    flops = wp.flops_per_token * prompt
    # causal attention over depth + the prompt itself
    attn_eff = p.attn_eff if wp.flash_attn else p.attn_eff_nofa
    flops += wp.attn_flops_coeff * prompt * (depth + prompt / 2) / attn_eff
    rate = wp.tflops * 1e12 * bp.eff_compute * (bp.f16_compute if wp.unquantized else 1.0)
    if wp.moe_layers:
        rate *= bp.moe_pp_eff
    ubatches = math.ceil(prompt / C.N_UBATCH)
    if wp.gpus > 1:
        # pipeline parallelism: up to n_batch / n_ubatch (2048 / 512) ubatches in flight
        stages = min(wp.gpus, ubatches, C.N_BATCH // C.N_UBATCH)
        rate *= 1 + (stages - 1) * p.pp_multi
    # roofline per ubatch: the matmuls, or reading every weight once, whichever is slower
    t = max(flops / rate, ubatches * wp.weights_bytes_gpu / (wp.bandwidth_gbps * 1e9 * bp.eff_bw))
    t += ubatches * wp.layers * bp.t_layer_pp_us * 1e-6
    if wp.ram_resident_bytes and not wp.cpu_only:
        # llama.cpp ships RAM-resident weights to the GPU for each large batch
        t += ubatches * wp.ram_resident_bytes / (PCIE_GBPS * 1e9)
    return t


def decode_tok_s(wp: Workpoint, p: SpeedParams, depth: int) -> float:
    return 1.0 / decode_seconds(wp, p, depth)


def mean_decode_tok_s(wp: Workpoint, p: SpeedParams, depth: int, tokens: int) -> float:
    """Mean rate over `tokens` generated from `depth` (the KV read grows linearly)."""
    return 1.0 / decode_seconds(wp, p, depth + tokens // 2)


def prefill_tok_s(wp: Workpoint, p: SpeedParams, prompt: int, depth: int = 0) -> float:
    return prompt / prefill_seconds(wp, p, prompt, depth)


def host_ram_gbps(hw: Hardware) -> float:
    if hw.kind in ("cpu", "apple", "unified", "igpu"):
        return hw.bandwidth_gbps
    return HOST_RAM_GBPS
