"""Decode and prefill speed: a physical model whose constants are fitted on measured runs.

Decode is bound by the bytes each token reads plus a fixed cost per layer:

    t_token = bytes_gpu / (bw x eff_bw) + layers x t_layer (+ moe_layers x t_moe)
              + kv_bytes(depth) / (bw x eff_bw) + (gpus - 1) x t_hop
              + [offloaded part, run by the CPU as a CPU-only run would]
                max(bytes_ram / (ram_bw x hybrid_eff_bw), ram_flops / host_rate)
                + ram_layers x t_layer_cpu + 2 x t_hop

eff_bw is the backend's (a GPU whose memory is system DRAM reaches a fitted share of that); a CPU
also runs out of bandwidth per core when few threads read (`per_core_gbps`), and its t_layer
grows by t_thread per thread (ggml-cpu's barrier after every op is one atomic add per thread). hybrid_eff_bw, the
share the host reaches on what a GPU left in RAM, is fitted on the partial-offload runs alone; the
host's CPU runs those layers on its own cores (the one said, else the one assumed: 8), at the rate
a CPU-only run of it reaches in decode (host_decode).

Prefill is bound by compute. Per ubatch of n tokens on one device:

    t_ubatch = max(matmuls, reading every weight once) + attention + layers x t_layer_pp
    matmuls  = dense FLOPs / rate + routed-expert FLOPs / (rate x n_e / (n_e + n_half))
    rate     = the peak the backend's kernels run on (catalog/compute_paths.yaml: int8 tensor
               cores, WMMA, MFMA, dp4a, cooperative matrices, XMX, shader cores, CPU SIMD)
               x the fitted efficiency of that kernel family / the quant type's relative cost
    attention: QK^T and AV FLOPs at the FP16 rate; without flash attention the KQ matrix is also
               written and read back through memory

where n_e = n x top-k / experts tokens reach each routed expert. Over several GPUs (layer split)
llama.cpp pipelines the ubatches of a batch: S stages and U ubatches take (U + S - 1) stage
times, each a 1/S share of a ubatch plus shipping its activations to the next GPU. Weights left in
RAM are shipped over PCIe once per ubatch, at the card's link (Hardware.pcie: PCIe 4.0 x8 on a
4060 Ti, 5.0 x16 on a 5090; 4.0 x16 where the catalog has none).

bench/calibrate.py fits the constants on ../shared/calibration/speed.csv and writes them to
catalog/calibration.json; nothing here is a speed table.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import get_args

from . import constants as C
from .catalog import Backend, Hardware, Model, pcie_link_gbps

BACKENDS = get_args(Backend)

# Physics, not fits: PCIe 4.0 x16 moves 31.5 GB/s per direction, the link assumed for a card whose
# catalog entry has no `pcie`; the host RAM of a GPU box is the host's said, else the one usual for
# the card's years (hosts.assumed_host), else (a catalog without that rule) dual-channel DDR5-5600.
PCIE_GBPS = pcie_link_gbps("4.0 x16")
HOST_RAM_GBPS = 89.6
# ... and its CPU runs the layers left in RAM on that host's cores (llama.cpp's default; the assumed
# desktops have 8), or on 8 threads without a host, each paying ggml-cpu's barriers
# (SpeedParams.t_thread_us) as a CPU-only run does
HOST_THREADS = 8
# Without flash attention llama.cpp materialises the F32 KQ scores per head: the matmul writes
# them, softmax reads and writes them, the KQV matmul reads them: 4 passes x 4 bytes per score.
KQ_BYTES_PER_SCORE = 16.0
# Activations handed from one GPU to the next in a layer split: F32 rows of the hidden size.
ACT_BYTES = 4.0
# Kernel families that multiply quantized weights by dequantizing each matrix into an F16 buffer
# and handing it to a BLAS library (ggml-cuda's ggml_cuda_op_mul_mat_cublas: to_fp16 then
# cublasGemmEx / hipblasGemmEx, once per matmul per ubatch): the buffer's bytes per weight. The
# GEMM is the one an F16 file runs; the quantized file adds reading its own bytes and writing the
# buffer (Llama 3 8B Q4_K_M against F16 on build 2824: a constant ~17-29 ms more a 512-token
# ubatch on an RTX 4090, 4080, A6000 and RTX 5000 Ada, whatever the prompt length).
DEQUANT_BYTES = {"blas": 2.0, "blaslt": 2.0, "blasvec": 2.0}
# ggml-cuda (CUDA and HIP builds alike) multiplies a MoE's routed experts in one kernel on MMQ
# (ggml_cuda_mul_mat_q with the ids) but not on a BLAS path: ggml_cuda_mul_mat_id's fallback
# copies the routing ids to the host (two stream syncs), gathers each expert's tokens and calls
# ggml_cuda_mul_mat once per expert that any token picked, each a BLAS call with its own
# conversions and launches. The kernel families that take that fallback, on the backends whose
# mul_mat_id has it (Vulkan, Metal and the CPU multiply every expert in one dispatch).
EXPERT_LOOP_PATHS = ("blas", "blaslt", "blasvec", "shaderblas")
EXPERT_LOOP_BACKENDS = ("cuda", "rocm")
# The expert matmuls of a MoE layer: gate, up and down projections, one mul_mat_id each.
EXPERT_MATMULS = 3
# ... and each expert's call is routed by its own token count: ggml_cuda_should_use_mmq keeps
# batches under MMQ_DP4A_MAX_BATCH_SIZE on MMQ wherever a BLAS path takes the larger ones (AMD
# before its matrix-core MMQ, Volta), so an expert that few tokens picked multiplies its
# quantized weights as they are and is never dequantized into the BLAS buffer.
MMQ_MAX_BATCH = 64
# ggml-vulkan's routed experts (mul_mm.comp under MUL_MAT_ID) run another tile than the dense
# matmuls where the device's tile switches say so (ggml_vk_get_device): on AMD, mul_mat_l follows
# the device's cooperative matrices (the large tile since
# https://github.com/ggml-org/llama.cpp/pull/18749, 2026-01; off on the proprietary driver,
# https://github.com/ggml-org/llama.cpp/pull/18763) while mul_mat_id_l stays false ("it was
# regressing on MUL_MAT_ID in my tests", https://github.com/ggml-org/llama.cpp/issues/23106), so
# the experts keep the medium tile every AMD coopmat matmul ran before (bench/build_paths.yaml
# `coopmatmed`). Keyed "backend:vendor:path" -> the experts' kernel family.
ID_PATHS = {"vulkan:amd:coopmat": "coopmatmed"}

# The SIMD levels whose int8 dot products llama.cpp's CPU kernels use, best first within each
# family; a CPU runs at the factor of its best level that the calibration has a factor for.
SIMD_ORDER = (
    "amx",
    "avx512-vnni",
    "avx-vnni",
    "avx512",
    "avx2",
    "avx",
    "sse4",
    "i8mm",
    "dotprod",
    "neon",
    "sve",
    "rvv",
)
SIMD_REFERENCE = "avx2"  # its factor is 1: the CPU path's efficiency is fitted on it
# Levels whose prefill runs the same vec_dot kernels as decode: ggml-cpu repacks weights into GEMM
# tiles only from AVX2 and Arm's dot products up (repack.cpp ggml_repack_get_optimal_repack_type),
# and its tinyBLAS GEMMs of Q8_0/Q4_0 need AVX or __ARM_FEATURE_DOTPROD (llamafile/sgemm.cpp). On
# these a one-token matrix-vector product runs at the prefill path's own rate, not at the share
# (decode_compute_eff) a GEMV reaches of a GEMM kernel's.
VEC_DOT_ONLY = ("sse4", "neon")
# JEDEC memory names, longest first: the technology a device's memory_type starts with. Only HBM
# gets a factor of its own: LPDDR and DDR memories sit behind iGPU and unified-chip fabrics whose
# limits the backends' own constants carry (fitted apart, they traded off against them and the
# held-out error grew), and GDDR cards set each backend's eff_bw.
MEMORY_FAMILIES = (("lpddr", "lpddr"), ("gddr", "gddr"), ("hbm", "hbm"), ("ddr", "ddr"))
MEMORY_FITTED = ("hbm",)
QUANT_REFERENCE = "k"  # K-quants (and unsloth's dynamic mixes of them) are the reference cost


@dataclass(frozen=True)
class BackendParams:
    eff_bw: float  # share of peak memory bandwidth decode reaches
    t_layer_us: float  # fixed cost per layer per token (launches, syncs, small ops)
    t_moe_us: float  # extra fixed cost per MoE layer (routing, expert gather)
    t_layer_pp_us: float  # fixed cost per layer per ubatch in prefill
    # tokens per expert at which a routed-expert GEMM reaches half its rate, as a multiple of the
    # device's ridge point (ridge_tokens: where its arithmetic takes as long as its reads; 1: the
    # expert's time is its reads plus its arithmetic)
    moe_tokens_half: float
    # flash attention's FLOPs efficiency relative to the FP16 peak x the weights' kernels' share of
    # it; one fitted value for every backend (bench/fitting.py TIED_FIELDS)
    attn_eff: float
    t_linear_pp_us: float  # fixed cost per linear-attention/SSM layer per ubatch (the state scan)
    t_linear_us: float  # extra fixed cost per linear-attention/SSM layer per token (its many ops)
    # how the per-layer costs scale with the device clock, (REF / clock) ** clock_exp: 1 when all
    # of it is small kernels running at the GPU's clock, 0 when it is the host's launches and syncs
    # (their share differs by backend: CUDA graphs replay launches, Metal encodes command buffers)
    clock_exp: float = 0.5
    # the KV cache's read efficiency without flash attention on this backend, relative to the
    # shared kv_eff_nofa: the separate KQ, softmax and KQV kernels a step runs then are each
    # backend's own (ggml-metal's mat-vec kernels over a strided K view, ggml-cuda's, ...), and
    # Metal's lose far more of the bandwidth to a deep cache than CUDA's (M2 Ultra, Llama 3 8B
    # Q4_K_M without flash attention: 12.7 ms a token at depth 256, 18.5 ms at 4k)
    kv_nofa: float = 1.0


@dataclass(frozen=True)
class SpeedParams:
    backends: dict[str, BackendParams]
    paths: dict[str, float]  # "backend:path" (":f16" for unquantized) -> share of the peak
    path_units: dict[str, bool]  # kernel family -> runs on matrix units
    # matmul time relative to K-quants: "gpu:legacy", "cpu:i", ... per quant family, times
    # "backend:path:family" where a kernel family treats a quant family differently
    quant_cost: dict[str, float]
    simd: dict[str, float]  # CPU SIMD level -> int8 rate relative to the FP32 peak, avx2 = 1
    # share of the peak bandwidth a GPU's kernels reach by memory technology (memory_family),
    # relative to the backend's eff_bw: HBM stacks answer one token's matrix-vector reads with more
    # latency than the bytes in flight cover, so a batch-1 decode reaches less of their far higher
    # peak (A100, H100, V100, MI50, MI300X alike)
    mem_eff: dict[str, float]
    # board watts per peak TOPS (int8, else FP16) at which a GPU architecture's compute-bound
    # kernels hold their boost clock; a card with less power for its arithmetic clocks down
    # and reaches (watts_per_tops / power_ref) ** power_exp of its peak (a card's dynamic power
    # grows faster than its clock, so the rate falls slower than the power)
    power_ref: dict[str, float]
    power_exp: float
    t_hop_us: float  # per GPU boundary per token (layer split)
    attn_eff_nofa: float  # attention FLOPs efficiency with the KQ matrix materialised (no FA)
    kv_eff: float  # KV read efficiency relative to weights, flash attention on
    kv_eff_nofa: float  # the same without flash attention (separate KQ, softmax and KQV kernels)
    f16_bw: float  # decode bandwidth share of unquantized weights relative to quantized ones
    decode_compute_eff: float  # share of the prefill rate a one-token matrix-vector product reaches
    per_core_gbps: float  # memory bandwidth one CPU thread can pull
    bands: dict[str, dict[str, float]]  # class -> {decode, prefill} relative error (p80)
    # share of the host RAM's bandwidth the CPU reaches on the layers or experts a GPU left it
    # (-ngl / --n-cpu-moe), fitted on the partial-offload runs alone (bench/hybrid.py); None: the
    # CPU backend's eff_bw. It fitted far lower than a CPU-only run's (0.55 vs 0.76) while
    # gpt-oss's active bytes were under-counted (its experts now read at MXFP4's own size), and
    # sits near it since (0.59 vs 0.54): three runs cannot tell a host's share on offloaded
    # layers from its memory configuration
    hybrid_eff_bw: float | None = None
    # decode bandwidth of a quant family's matrix-vector kernels relative to K-quants' on a GPU
    # ("gpu:legacy"): a token's read is bound by the bytes in flight, and a format whose blocks
    # take fewer instructions to unpack per byte (Q4_0/Q8_0: 32 weights and one scale) keeps more
    # of them in flight than a K-quant's 256-weight super-blocks with packed sub-block scales. A
    # CPU has none (decode_bw_key): its cores unpack what they read, so a format's unpacking is
    # arithmetic, which its compute floor prices (quant_cost "cpu:legacy"), and what its DRAM
    # delivers is one rate for every format
    decode_bw: dict[str, float] = field(default_factory=dict)
    # a CPU-only run's per-layer cost per thread that runs it (us): ggml-cpu ends every graph node
    # with a barrier (ggml_barrier: each thread does an atomic add on one shared counter, so the
    # cache line visits every core in turn), so a layer's ~20-30 nodes cost a time linear in the
    # threads; a 192-core server spends more of a small model's token in barriers than in reads
    t_thread_us: float = 0.0
    # what one expert's matmul costs beyond its FLOPs where a MoE's experts run one at a time
    # (EXPERT_LOOP_PATHS: ggml_cuda_mul_mat_id's fallback): launches, conversions and the BLAS
    # call's host work, per expert any token of the ubatch picked, per expert matmul (us)
    t_expert_us: float = 0.0
    # tokens an expert sees at which its matmul reaches half its rate where the experts run one
    # at a time (EXPERT_LOOP_PATHS): each picked expert is a GEMM call of its own, a BLAS one (or,
    # under MMQ_MAX_BATCH tokens, an MMQ one), where the backends' moe_tokens_half is the grouped
    # MMQ kernel's (ggml_cuda_mul_mat_q with the ids: every expert's tiles in one launch). 0: the
    # backend's
    loop_tokens_half: float = 0.0
    # what a prompt token costs in each layer that scans a recurrent state (us per token per
    # layer): the scan runs token by token, each token's state update waiting for the previous
    # one's (ggml_ssm_scan's CUDA kernel loops over the tokens inside one launch; the
    # GATED_DELTA_NET op of https://github.com/ggml-org/llama.cpp/pull/19504 is the recurrence
    # token by token, and before it Qwen3-Next's chunked delta net ran a graph of small ops per
    # 64-token chunk), so it grows with the prompt where t_linear_pp_us is per ubatch
    t_scan_tok_us: float = 0.0
    # how far toward its max turbo a hybrid's P cores run while llama.cpp leaves its E cores
    # idle: their rate is the all-core P peak x Workpoint.turbo ** turbo_exp (0: the all-core
    # clock, 1: max turbo on every P core)
    turbo_exp: float = 1.0
    # per-workpoint lookups already done (path efficiency, SIMD factor): the engine asks for the
    # same few many times per answer
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_dict(cls, d: dict) -> SpeedParams:
        if not d or "paths" not in d:
            return DEFAULT_PARAMS
        return cls(
            backends={k: BackendParams(**v) for k, v in d["backends"].items()},
            paths=dict(d["paths"]),
            path_units=dict(d.get("path_units", {})),
            quant_cost=dict(d.get("quant_cost", {})),
            simd=dict(d.get("simd", {})),
            mem_eff=dict(d.get("mem_eff", {})),
            power_ref=dict(d.get("power_ref", {})),
            power_exp=d.get("power_exp", 0.5),
            t_hop_us=d["t_hop_us"],
            attn_eff_nofa=d["attn_eff_nofa"],
            kv_eff=d["kv_eff"],
            kv_eff_nofa=d.get("kv_eff_nofa", d["kv_eff"]),
            f16_bw=d["f16_bw"],
            decode_compute_eff=d["decode_compute_eff"],
            per_core_gbps=d.get("per_core_gbps", 1e9),
            bands=d.get("bands", {}),
            hybrid_eff_bw=d.get("hybrid_eff_bw"),
            decode_bw=dict(d.get("decode_bw", {})),
            t_thread_us=d.get("t_thread_us", 0.0),
            t_expert_us=d.get("t_expert_us", 0.0),
            loop_tokens_half=d.get("loop_tokens_half", 0.0),
            t_scan_tok_us=d.get("t_scan_tok_us", 0.0),
            turbo_exp=d.get("turbo_exp", 0.0),
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
            t_layer_pp_us=200.0,
            moe_tokens_half=1.0,
            attn_eff=0.5,
            t_linear_pp_us=200.0,
            t_linear_us=30.0,
        )
        for b in BACKENDS
    },
    paths={},
    path_units={},
    quant_cost={},
    simd={},
    mem_eff={},
    power_ref={},
    power_exp=0.5,
    t_hop_us=100.0,
    attn_eff_nofa=0.3,
    kv_eff=1.0,
    kv_eff_nofa=1.0,
    f16_bw=1.0,
    decode_compute_eff=0.3,
    per_core_gbps=15.0,
    bands={},
    t_thread_us=1.0,
    t_expert_us=20.0,
    loop_tokens_half=1.0,
    t_scan_tok_us=2.0,
    turbo_exp=0.5,
)
DEFAULT_PATH_EFF = 0.3


# Not frozen: a frozen dataclass sets each of these fields through object.__setattr__, four times
# the cost of building it (one per quant weighed, ~20 a question). Never changed after it is made
# (dataclasses.replace makes a new one); hashed by value like a frozen one.
@dataclass(slots=True, unsafe_hash=True)
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
    flops_per_token: float  # 2 x the active params a token multiplies (decode: with the output)
    attn_flops_coeff: float  # attention FLOPs per token per token of context (4 x d_attn x layers)
    gpus: int
    bandwidth_gbps: float
    clock_mhz: float | None  # the device's clock: small kernels take longer on a slower one
    tflops: float  # the peak the matmul path runs on (CPU: the FP32 vector peak)
    ram_gbps: float
    backend: str
    vendor: str  # constants fitted for this backend on this vendor's GPUs take precedence
    cpu_only: bool
    unquantized: bool  # F16/BF16/F32 weights: plain matmuls, no dequantization
    flash_attn: bool
    pp_flops_per_token: float = 0.0  # the same in prefill, where only the last token has logits
    path: str = ""  # the kernel family prefill's matmuls run on (catalog/compute_paths.yaml)
    matrix_units: bool = False  # that family runs on matrix units (tensor cores, XMX, WMMA, ...)
    attn_tflops: float = 0.0  # the FP16 peak attention runs at (0: tflops)
    # the kernel family whose share of the peak flash attention reaches: the device's quantized
    # MMQ family, whichever kernels its weights take ("": path). ggml-cuda picks its fattn kernel
    # by device alone (ggml_cuda_get_best_fattn_kernel), not by the weights' type or by
    # ggml_cuda_should_use_mmq, so an F16 file's, a dequantize + BLAS build's and a quantized
    # file's attention run the same kernels
    attn_path: str = ""
    quant_family: str = QUANT_REFERENCE  # the quant type's family (catalog/quants.yaml)
    routed_flops_share: float = 0.0  # share of a token's FLOPs in routed experts (MoE)
    expert_share: float = 1.0  # top-k / experts: the share of a ubatch each expert sees
    hidden: int = 0  # activation width handed between GPUs in a layer split
    # (FLOPs coefficient, heads x layers, window or 0) per attention group (attention_terms)
    attn_terms: tuple[tuple[float, float, int], ...] = ()
    linear_layers: int = 0  # linear-attention / SSM layers (a recurrent state instead of a cache)
    simd: str | None = None  # CPU: the SIMD level its kernels use
    threads: int | None = None  # CPU: threads that run (None: one per core)
    cores: int | None = None  # CPU: physical cores
    # CPU: a hybrid's performance cores at their max turbo over their all-core clock (1 for any
    # other CPU): llama.cpp runs a hybrid on its P cores alone (cpu_get_num_math), and with the
    # E cores idle the P cores take the package's power at the clock of few active cores
    turbo: float = 1.0
    # CPU: what its cores can stream where the SoC's fabric holds them below the DRAM's peak
    # (Hardware.cpu_stream_gbps), 0 where nothing does
    stream_gbps: float = 0.0
    # CPU: what the links from its core dies (AMD's CCDs) to the memory controllers carry at
    # their peak (Hardware.cpu_fabric_gbps), 0 where they are not below the DRAM's
    fabric_gbps: float = 0.0
    memory: str = ""  # the accelerator's memory technology (memory_family), "" if unknown
    # the quant family an unquantized file's bulk still multiplies in (gpt-oss's F16 file keeps
    # its experts MXFP4): what a decode bound by arithmetic pays for them; "" for none
    bulk_family: str = ""
    pcie_gbps: float = PCIE_GBPS  # the link that ships RAM-resident weights to the GPU, each way
    hop_gbps: float = PCIE_GBPS  # the slowest link a layer split's activations cross
    # what a boundary adds a token when the split crosses a network between machines (llama.cpp
    # RPC, catalog/multi_gpu.yaml clusters), on top of t_hop
    hop_latency_us: float = 0.0
    arch: str = ""  # the GPU architecture (whose power_ref applies)
    watts_per_tops: float = 0.0  # board power over peak TOPS (int8, else FP16); 0 if unknown
    # the threads the host's CPU runs what a GPU left in RAM on: llama.cpp's default, the host's
    # physical (performance) cores
    host_threads: int = HOST_THREADS
    # ... and that CPU as a CPU-only run sees it (its FP32 vector peak on those cores, SIMD level,
    # vendor, cores), which bounds the matmuls it does for what stayed in RAM: `ram_flops` a
    # token. host_tflops 0: no host known (a Mac's or an APU's own CPU), no bound
    host_tflops: float = 0.0
    host_simd: str | None = None
    host_vendor: str = ""
    host_cores: int = HOST_THREADS
    ram_flops: float = 0.0
    bytes_per_param: float = 0.0  # the file's mean bytes per weight (0: unknown)
    experts: int = 0  # routed experts per MoE layer (0: dense)
    expert_weight_share: float = 0.0  # the routed experts' share of the weights
    # the routed experts' matmuls run one expert at a time (EXPERT_LOOP_PATHS)
    expert_loop: bool = False
    # the routed experts' own bytes per weight where they keep another format than the file's
    # mean (a native_bulk model, file_bpp: gpt-oss's MXFP4 experts at 4.25 bits in its F16 and
    # MXFP4 files alike); 0: bytes_per_param
    expert_bpp: float = 0.0
    # an unquantized file whose experts keep a quantized native format (bulk_family): the kernel
    # family and peak those experts' matmuls run on (the device's quantized path: ggml's
    # mul_mat_id takes the experts' own type), "" where they run on `path`
    expert_path: str = ""
    expert_tflops: float = 0.0
    # the accelerator's last-level cache (bytes; 0: none known) and the layers and GQA ratio of
    # the K/V cache flash attention re-reads (kv_spill_bytes)
    llc_bytes: float = 0.0
    kv_layers: int = 0
    kv_gqa: float = 1.0
    q_heads: int = 0
    # what the windowed layers' caches add per token of depth until they hold kv_cap cells
    # (llama.cpp's SWA cache: the window plus one ubatch); kv_per_token is the layers whose
    # cache keeps growing
    kv_capped: float = 0.0
    kv_cap: int = 0
    # the fewest cells a step without flash attention reads (kv_pad): 256 since PR 16812, 32 in
    # the builds before it (bench/rows.py sets it for a calibration run's build)
    kv_pad_nofa: int = 256


def dequant_bytes(wp: Workpoint) -> float:
    """Bytes per weight of the buffer a dequantize + BLAS path writes (0 for other paths)."""
    return 0.0 if wp.unquantized else DEQUANT_BYTES.get(wp.path, 0.0)


def file_bpp(model: Model, weights_total: float, expert_bpp: float = 0.0) -> tuple[float, float]:
    """Bytes per parameter of (the non-expert tensors, the routed experts) in a file of
    `weights_total` bytes. Uniform unless the experts' own format is known (`expert_bpp`: a
    native_bulk model's experts stay in a format whose block size is known, gpt-oss's MXFP4 at
    4.25 bits), when the rest of the file is what is left: gpt-oss-20b's F16 file keeps its
    attention, router and output at 16 bits, so a token reads half again what a uniform 5.3
    bits per weight says."""
    params = model.params_b * 1e9
    uniform = weights_total / params
    if not expert_bpp or not model.moe:
        return uniform, uniform
    experts = model.moe.expert_params_b * 1e9
    rest = params - experts
    rest_bytes = weights_total - experts * expert_bpp
    if rest <= 0 or rest_bytes <= 0:
        return uniform, uniform
    return rest_bytes / rest, expert_bpp


def active_bytes(model: Model, weights_total: float, expert_bpp: float = 0.0) -> float:
    """Bytes a token reads: all weights for a dense model; for a MoE the shared part plus the
    routed experts it picks (not the total, the mistake the seed card makes). The token
    embedding table and Gemma 3n/4's per-layer embeddings are read one row per token, so they
    are not counted, unless the output projection is that same table (tied embeddings: every
    token's logits read all of it). `expert_bpp`: the experts' bytes per parameter when their
    format is known (file_bpp)."""
    bpp, e_bpp = file_bpp(model, weights_total, expert_bpp)
    ple = (model.per_layer_embed_params_b or 0.0) * 1e9 * bpp
    embed = 0.0 if model.tied_embeddings else model.vocab * model.hidden_size * bpp
    if not model.moe:
        return max(weights_total - embed - ple, 0.0)
    expert = model.moe.expert_params_b * 1e9 * e_bpp
    picked = expert * model.moe.active / model.moe.experts
    return max(weights_total - expert - embed - ple, 0.0) + picked


def matmul_params(model: Model, output: bool) -> float:
    """Parameters a token multiplies: the active ones less the token (and per-layer) embedding
    tables, which are looked up; with `output`, the vocabulary projection counts (decode), else
    not (llama.cpp computes logits only for the tokens that ask for them: one per prompt)."""
    table = model.vocab * model.hidden_size
    embeds = (
        table * (1 if model.tied_embeddings else 2) + (model.per_layer_embed_params_b or 0) * 1e9
    )
    body = max(model.active_b * 1e9 - embeds, 0.5 * model.active_b * 1e9)
    return body + (table if output else 0.0)


def routed_flops_share(model: Model) -> float:
    """Share of a token's matmul FLOPs spent in the routed experts it picks."""
    if not model.moe:
        return 0.0
    picked = model.moe.expert_params_b * 1e9 * model.moe.active / model.moe.experts
    return min(picked / matmul_params(model, output=False), 1.0)


def attention_flops_coeff(model: Model) -> float:
    """FLOPs per new token per token attended (QK^T and AV: 2 x 2 x heads x head_dim per layer),
    over every attention layer as if none had a window (the sum of attention_terms)."""
    return sum(flops for flops, _, _ in attention_terms(model))


def attention_terms(model: Model) -> tuple[tuple[float, float, int], ...]:
    """Attention per group of layers: (FLOPs per new token per token attended, query heads x
    layers whose scores are materialised without flash attention, the window a sliding group
    attends over or 0 when it attends to the whole context). Linear-attention layers keep a
    fixed state and have no such term."""
    out: dict[int, list[float]] = {}
    for g in model.attention:
        if g.kind == "linear":
            continue
        window = 0
        heads = float(model.heads)
        if g.kind == "mla":
            d = (g.kv_lora_rank or 512) + (g.rope_dim or 0)
        elif g.kind == "compressed":
            # one attended row per compress_ratio tokens (the raw window is counted like a
            # sliding window's: as if it grew with the context)
            ratio = g.compress_ratio or 1
            d = (g.head_dim or model.head_dim) / ratio
            heads /= ratio
        else:
            d = g.head_dim or model.head_dim
            if g.kind == "sliding":
                window = g.window or 0
        acc = out.setdefault(window, [0.0, 0.0])
        acc[0] += 4 * model.heads * d * g.layers
        acc[1] += heads * g.layers
    return tuple((f, h, w) for w, (f, h) in sorted(out.items()))


def backend_key(backend: str, vendor: str, p: SpeedParams) -> str:
    key = f"{backend}:{vendor}"
    return key if key in p.backends else backend


def backend_params(p: SpeedParams, wp: Workpoint) -> BackendParams:
    """The constants of this backend on this vendor's hardware (Vulkan on an Intel Arc is not
    Vulkan on a GeForce) when the calibration has them, else those of the backend."""
    return (
        p.backends.get(f"{wp.backend}:{wp.vendor}")
        or p.backends.get(wp.backend)
        or p.backends.get("cpu")
        or DEFAULT_PARAMS.backends["cpu"]
    )


def path_keys(wp: Workpoint, p: SpeedParams) -> tuple[str, ...]:
    """Where the efficiency of this workpoint's matmuls is looked up, most specific first."""
    base = backend_key(wp.backend, wp.vendor, p)
    # a dequantize + BLAS path multiplies the same F16 buffer an F16 file has
    suffix = ":f16" if wp.unquantized or dequant_bytes(wp) else ""
    keys = [f"{base}:{wp.path}{suffix}", f"{wp.backend}:{wp.path}{suffix}"]
    if suffix:
        keys += [f"{base}:{wp.path}", f"{wp.backend}:{wp.path}"]
    return tuple(keys)


def path_eff(wp: Workpoint, p: SpeedParams) -> float:
    key = (wp.backend, wp.vendor, wp.path, wp.unquantized)
    hit = p.memo.get(key)
    if hit is None:
        hit = p.memo[key] = _path_eff(wp, p)
    return hit


def attn_workpoint(wp: Workpoint) -> Workpoint:
    """The workpoint as its attention sees it: with flash attention, on the device's quantized
    kernel family (Workpoint.attn_path) whatever its weights run on; without, the KQ and KQV
    products run as the weights' matmuls do."""
    if not wp.flash_attn or not wp.attn_path or wp.cpu_only:
        return wp
    if wp.attn_path == wp.path and not wp.unquantized:
        return wp
    return replace(wp, path=wp.attn_path, unquantized=False)


def attn_path_eff(wp: Workpoint, p: SpeedParams) -> float:
    """path_eff of the kernel family attention runs on (attn_workpoint)."""
    key = ("attn", wp.backend, wp.vendor, wp.path, wp.unquantized, wp.attn_path, wp.flash_attn)
    hit = p.memo.get(key)
    if hit is None:
        hit = p.memo[key] = path_eff(attn_workpoint(wp), p)
    return hit


def _path_eff(wp: Workpoint, p: SpeedParams) -> float:
    for k in path_keys(wp, p):
        v = p.paths.get(k)
        if v is not None:
            return v
    # a kernel family the calibration never saw: the backend's other families on the same kind
    # of units, then any backend's on them (matrix units reach a smaller share of a far higher
    # peak than shader cores), then all
    kind = p.path_units.get(wp.path, wp.matrix_units)
    alike = {k: v for k, v in p.paths.items() if p.path_units.get(_family(k)) == kind}
    same = [v for k, v in alike.items() if k.startswith(wp.backend + ":")]
    pool = same or list(alike.values()) or list(p.paths.values())
    return math.exp(sum(map(math.log, pool)) / len(pool)) if pool else DEFAULT_PATH_EFF


def _family(key: str) -> str:
    """The kernel family of a path key ("vulkan:intel:coopmat:f16" -> "coopmat")."""
    parts = key.split(":")
    return parts[-2] if parts[-1] == "f16" else parts[-1]


def simd_factor(wp: Workpoint, p: SpeedParams) -> float:
    """A CPU's int8 dot rate relative to its FP32 peak: the factor of its SIMD level, or of the
    best lower level the calibration has one for."""
    if wp.simd is None:
        return 1.0
    start = SIMD_ORDER.index(wp.simd) if wp.simd in SIMD_ORDER else len(SIMD_ORDER)
    for level in SIMD_ORDER[start:]:
        if level == SIMD_REFERENCE:
            return 1.0
        if level in p.simd:
            return p.simd[level]
    return 1.0


def thread_share(wp: Workpoint, p: SpeedParams) -> float:
    """Share of the CPU's FP32 peak its threads run at: threads over cores, and a hybrid's P
    cores toward their turbo clock while no thread runs on an E core (`Workpoint.turbo`)."""
    if not wp.cpu_only or not wp.cores:
        return 1.0
    turbo = wp.turbo**p.turbo_exp if wp.turbo > 1.0 else 1.0
    if not wp.threads:
        return turbo
    return min(wp.threads / wp.cores, 1.0) * (turbo if wp.threads <= wp.cores else 1.0)


def decode_compute_share(simd: str | None, p: SpeedParams) -> float:
    """Share of the prefill path's rate a CPU's one-token matrix-vector product reaches."""
    return 1.0 if simd in VEC_DOT_ONLY else p.decode_compute_eff


def barrier_us(wp: Workpoint, p: SpeedParams) -> float:
    """Per-layer cost of a CPU-only run's barriers: linear in the threads that meet at them."""
    if not wp.cpu_only:
        return 0.0
    return p.t_thread_us * (wp.threads or wp.cores or 1)


def power_factor(wp: Workpoint, p: SpeedParams) -> float:
    """Share of its boost clock a GPU holds through compute-bound kernels under its power limit:
    1 for a card with the power its architecture needs for its arithmetic (or unknown power)."""
    ref = p.power_ref.get(wp.arch)
    if not ref or not wp.watts_per_tops or wp.cpu_only:
        return 1.0
    return min((wp.watts_per_tops / ref) ** p.power_exp, 1.0)


def matmul_rate(wp: Workpoint, p: SpeedParams) -> float:
    """FLOP/s prefill's matmuls reach on the accelerator (or the CPU of a CPU-only run)."""
    rate = wp.tflops * 1e12 * path_eff(wp, p) * power_factor(wp, p)
    if wp.cpu_only:
        rate *= simd_factor(wp, p) * thread_share(wp, p)
    if not wp.unquantized and wp.quant_family != QUANT_REFERENCE and not dequant_bytes(wp):
        rate /= quant_cost(wp, p)
    return rate


def quant_cost(wp: Workpoint, p: SpeedParams) -> float:
    """Matmul time of the workpoint's quant family relative to K-quants on its kernels."""
    key = (wp.backend, wp.path, wp.quant_family, wp.cpu_only)
    hit = p.memo.get(key)
    if hit is None:
        where = "cpu" if wp.cpu_only else "gpu"
        hit = p.quant_cost.get(f"{where}:{wp.quant_family}", 1.0)
        hit *= p.quant_cost.get(f"{wp.backend}:{wp.path}:{wp.quant_family}", 1.0)
        p.memo[key] = hit
    return hit


def decode_bw_key(wp: Workpoint) -> str:
    """Where a quantized workpoint's decode bandwidth factor is looked up ("" for none: K-quants,
    unquantized weights, and any format on a CPU, whose reads are one rate for every format;
    a CPU-only run's cheaper Q4_0/Q8_0 unpacking is its arithmetic's, `quant_cost`). A factor
    on a CPU's reads had fitted 1.48 for Q4_0/Q8_0 and, over its 0.75 share of the DRAM, put
    them at the DRAM's full peak: a 12-channel EPYC's Q8_0 decoded as fast as its Q4_K_M."""
    if wp.unquantized or wp.quant_family == QUANT_REFERENCE or wp.cpu_only:
        return ""
    return f"gpu:{wp.quant_family}"


def decode_bw(wp: Workpoint, p: SpeedParams) -> float:
    """Decode bandwidth of the workpoint's quant family relative to K-quants' (1 for those)."""
    key = decode_bw_key(wp)
    return p.decode_bw.get(key, 1.0) if key else 1.0


def memory_gbps(wp: Workpoint, p: SpeedParams, bp: BackendParams) -> float:
    """Bandwidth the device's kernels reach, in bytes per second."""
    bw = wp.bandwidth_gbps * bp.eff_bw
    if wp.cpu_only:
        bw = min(bw, (wp.threads or wp.cores or 1e6) * p.per_core_gbps, read_peak_gbps(wp))
    else:
        bw *= p.mem_eff.get(wp.memory, 1.0)
    return min(bw, stream_cap(wp, bp)) * 1e9


def read_peak_gbps(wp: Workpoint) -> float:
    """The most any kernel reads at, GB/s: the DRAM's peak, or less where a chiplet CPU's core
    dies reach it through fabric links narrower than it (one Zen 4/5 CCD reads 32 B a fabric
    clock, 64 GB/s at 2 GHz, of two DDR5-6000 channels' 96). The link is a point-to-point bus
    the cores keep full: it binds at its peak, not at the DRAM's achieved share, so a
    single-CCD desktop reads min(share x DRAM, link) and a two-CCD one share x DRAM."""
    return min(wp.bandwidth_gbps, wp.fabric_gbps or math.inf)


def stream_cap(wp: Workpoint, bp: BackendParams) -> float:
    """GB/s a CPU's reads reach where its SoC's fabric caps what the cores stream: the same
    share of the cap as of a DRAM's peak, for every quant format alike (a Raspberry Pi 4 reads
    its Q4_0, Q4_K_M, Q8_0 and F16 files at one 3.2-3.7 GB/s); inf where nothing caps them."""
    return wp.stream_gbps * bp.eff_bw if wp.stream_gbps else math.inf


def memory_family(memory_type: str | None) -> str:
    """The memory technology a device's memory_type names ("HBM2e" -> hbm, "LPDDR5X-8533 ..."
    -> lpddr), or "" when it names none."""
    t = (memory_type or "").strip().lower()
    return next((fam for prefix, fam in MEMORY_FAMILIES if t.startswith(prefix)), "")


# The cells of its cache a decode step's attention reads: llama.cpp's get_n_kv views
# min(size, max(n_pad, GGML_PAD(used_max_p1, n_pad))) of them (llama-kv-cache.cpp), so a short
# context still reads n_pad cells a layer, and a windowed layer's ring of window + ubatch cells
# (memory.kv_layer_bytes) all of them once it has wrapped. n_pad was `flash_attn ? 256 : 32`
# (get_padding: "the FA kernels require padding to avoid extra runtime boundary checks",
# https://github.com/ggml-org/llama.cpp/pull/7257); since
# https://github.com/ggml-org/llama.cpp/pull/16812 (October 2025) get_n_kv pads to
# max(n_pad, 256) whatever the flag ("so that the graph remains constant across batches and can be
# reused"): today's builds read at least 256 cells with or without flash attention
KV_PAD_FA = 256


def kv_pad(wp: Workpoint) -> int:
    return KV_PAD_FA if wp.flash_attn else wp.kv_pad_nofa


# Per-layer costs are fitted for a device at this clock and scale as (REF / clock) ** clock_exp.
REF_CLOCK_MHZ = 2000.0


def clock_factor(wp: Workpoint, bp: BackendParams) -> float:
    if not wp.clock_mhz:
        return 1.0
    return (REF_CLOCK_MHZ / wp.clock_mhz) ** bp.clock_exp


def decode_seconds(
    wp: Workpoint, p: SpeedParams, depth: int, step: DecodeStep | None = None
) -> float:
    """`step`: decode_step(wp, p), when the caller has it (one serves every depth)."""
    if step is None:
        step = decode_step(wp, p)
    return step.seconds(
        depth, wp.active_bytes_gpu, wp.active_bytes_ram, wp.ram_layers, wp.ram_flops
    )


def _decode_seconds(
    wp: Workpoint, p: SpeedParams, depth: int, bytes_gpu: float, bytes_ram: float
) -> float:
    """decode_seconds with the bytes a step reads given apart (a batched step reads more)."""
    # a batched step multiplies what it reads: its FLOPs in RAM grow with its bytes there
    flops = wp.ram_flops * bytes_ram / wp.active_bytes_ram if wp.active_bytes_ram else 0.0
    return decode_step(wp, p).seconds(depth, bytes_gpu, bytes_ram, wp.ram_layers, flops)


# Not frozen, for the cost of building one (see Workpoint); never changed after it is made.
@dataclass(slots=True)
class DecodeStep:
    """A decode step of one workpoint, worked out but for the depth and the bytes it reads: the
    depths of one placement share it, and so do the placements of one question on one device
    whose quants share a kernel family, so the ~20 a question weighs each cost only their bytes
    (DecodeStep.seconds is decode_seconds' formula)."""

    p: SpeedParams
    bw: float  # bytes per second the device's kernels reach
    kv_per_token: float
    kv_fixed: float
    kv_eff: float  # the attention's share of the bandwidth on the KV cache
    compute_s: float  # the arithmetic's floor (a small CPU runs out of it first)
    fixed_s: float  # the per-layer costs
    hop_s: float | None  # the layer split's hops (None: one device)
    cpu_only: bool
    ram_gbps: float
    host_threads: int  # the threads the host's CPU runs the layers left in RAM on
    host_bw: float  # bytes per second the host's CPU reads what stayed in RAM at
    # seconds of the host CPU's arithmetic per FLOP on what it reads from RAM (0: no bound known)
    host_s_per_flop: float
    kv_capped: float = 0.0  # Workpoint.kv_capped, up to kv_cap cells
    kv_cap: int = 0
    kv_pad: int = 0  # the fewest cells a step's attention reads (kv_pad)

    def seconds(
        self,
        depth: int,
        bytes_gpu: float,
        bytes_ram: float,
        ram_layers: int,
        ram_flops: float = 0.0,
    ) -> float:
        # a step reads the cells the cache has used, at least kv_pad of them (get_n_kv)
        cells = depth if depth > self.kv_pad else self.kv_pad
        kv = self.kv_per_token * cells + self.kv_fixed
        if self.kv_cap:
            kv += self.kv_capped * (cells if cells < self.kv_cap else self.kv_cap)
        kv /= self.kv_eff
        t = (bytes_gpu + kv) / self.bw
        # roofline: max(t, compute_s), NaN alike (written out: max() is a call)
        compute_s = self.compute_s
        if compute_s > t:
            t = compute_s
        t += self.fixed_s
        if self.hop_s is not None:
            t += self.hop_s
        if bytes_ram and not self.cpu_only:
            p = self.p
            cpu = p.backends["cpu"]
            # the host's own roofline, as a CPU-only run's: its reads or its matmuls
            read = bytes_ram / self.host_bw
            compute = ram_flops * self.host_s_per_flop
            t += compute if compute > read else read
            per_layer = cpu.t_layer_us + p.t_thread_us * self.host_threads
            t += (ram_layers * per_layer + 2 * p.t_hop_us) * 1e-6
        return t

    def with_kv(
        self, kv_per_token: float, kv_fixed: float, kv_capped: float = 0.0, kv_cap: int = 0
    ) -> DecodeStep:
        """The same step with another KV cache's bytes per token (another KV cache type)."""
        return DecodeStep(
            self.p,
            self.bw,
            kv_per_token,
            kv_fixed,
            self.kv_eff,
            self.compute_s,
            self.fixed_s,
            self.hop_s,
            self.cpu_only,
            self.ram_gbps,
            self.host_threads,
            self.host_bw,
            self.host_s_per_flop,
            kv_capped,
            kv_cap,
            self.kv_pad,
        )


def decode_step(wp: Workpoint, p: SpeedParams) -> DecodeStep:
    """What a decode step of this workpoint costs apart from the depth and the bytes it reads
    (the bytes from host RAM are read by the CPU as a CPU-only run would, see the module
    docstring)."""
    bp = backend_params(p, wp)
    bw = memory_gbps(wp, p, bp) * (p.f16_bw if wp.unquantized else decode_bw(wp, p))
    # no kernel reads faster than the memory's peak: a format's factor over K-quants times the
    # backend's share put x86 CPUs' Q8_0 at 118% of their DDR5's peak
    bw = min(bw, stream_cap(wp, bp) * 1e9, read_peak_gbps(wp) * 1e9)
    rate = matmul_rate(wp, p)
    if wp.bulk_family and wp.bulk_family != QUANT_REFERENCE:
        rate /= quant_cost(replace(wp, quant_family=wp.bulk_family), p)
    fixed = wp.layers * (bp.t_layer_us + barrier_us(wp, p)) + wp.moe_layers * bp.t_moe_us
    host_bw, host_compute = host_decode(wp, p)
    return DecodeStep(
        p,
        bw,
        wp.kv_per_token,
        wp.kv_fixed,
        p.kv_eff if wp.flash_attn else p.kv_eff_nofa * bp.kv_nofa,
        wp.flops_per_token
        / (rate * (decode_compute_share(wp.simd, p) if wp.cpu_only else p.decode_compute_eff)),
        (fixed + wp.linear_layers * bp.t_linear_us) * 1e-6 * clock_factor(wp, bp),
        (wp.gpus - 1) * (p.t_hop_us + wp.hop_latency_us) * 1e-6 if wp.gpus > 1 else None,
        wp.cpu_only,
        wp.ram_gbps,
        wp.host_threads,
        host_bw,
        host_compute,
        wp.kv_capped,
        wp.kv_cap,
        kv_pad(wp),
    )


def host_decode(wp: Workpoint, p: SpeedParams) -> tuple[float, float]:
    """How the host's CPU runs what a GPU left in RAM, as a CPU-only run of that CPU would: the
    bytes per second it reads (the share of the RAM's bandwidth the partial-offload runs reach,
    capped by what its threads can pull) and the seconds of arithmetic per byte read (the
    CPU-only decode's compute floor: its FP32 peak on those threads x the SIMD level's int8
    factor x its kernels' efficiency, at a one-token matrix-vector product's share) per FLOP.
    At K-quants' cost whatever the format: the quant families' costs are fitted on prefill's
    GEMMs, and MXFP4's (~3x) would have the i7-14700HX spend 62 ms a token on gpt-oss-120b's
    experts where the whole token measured 53. The arithmetic binds an old or small CPU (four
    Skylake cores) before its DDR4 does; the three partial-offload runs' hosts stay bound by
    their RAM."""
    if not wp.active_bytes_ram or wp.cpu_only:
        return 1.0, 0.0
    share = p.hybrid_eff_bw or p.backends["cpu"].eff_bw
    bw = min(wp.ram_gbps * share, wp.host_threads * p.per_core_gbps) * 1e9
    if not wp.host_tflops:
        return bw, 0.0
    key = ("host", wp.host_vendor, wp.host_simd, wp.unquantized)
    per_tflop = p.memo.get(key)
    if per_tflop is None:
        cpu = replace(
            wp,
            backend="cpu",
            vendor=wp.host_vendor,
            cpu_only=True,
            path="simd",
            tflops=1.0,
            simd=wp.host_simd,
            threads=None,
            cores=None,
            quant_family=QUANT_REFERENCE,
        )
        per_tflop = matmul_rate(cpu, p)
        p.memo[key] = per_tflop
    share = min(wp.host_threads / wp.host_cores, 1.0) if wp.host_cores else 1.0
    rate = per_tflop * wp.host_tflops * share * decode_compute_share(wp.host_simd, p)
    return bw, 1.0 / rate


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
        kv_capped=wp.kv_capped * slots,
        flops_per_token=wp.flops_per_token * slots,
    )
    t = decode_seconds(step, p, depth)
    # a batch of tokens is a small matrix product: it can run at the prefill kernels' rate
    t = max(t, step.flops_per_token / matmul_rate(wp, p))
    return slots / t


def verify_seconds(
    wp: Workpoint,
    p: SpeedParams,
    depth: int,
    tokens: int,
    routed: tuple[float, float, float],
    per_token: float,
) -> float:
    """One step over `tokens` tokens of a single sequence, as speculative decoding checks a
    draft: a decode step that reads the weights and the KV cache once (the tokens attend to the
    same cache) and, for a MoE, every expert any of the tokens picks (routing taken as independent
    from token to token), plus each further token's arithmetic at what it costs inside a full
    prefill ubatch (`per_token`, from verify_token_seconds). `routed` is the routed-expert bytes
    on the accelerator and in RAM and the share of the experts one token picks (top-k / experts).
    """
    if tokens <= 1:
        return decode_seconds(wp, p, depth)
    gpu, ram, share = routed
    more = 1 - (1 - share) ** tokens - share  # the experts' share read beyond one token's
    bytes_gpu = wp.active_bytes_gpu + gpu * more
    bytes_ram = wp.active_bytes_ram + ram * more
    return _decode_seconds(wp, p, depth, bytes_gpu, bytes_ram) + (tokens - 1) * per_token


def verify_token_seconds(wp: Workpoint, p: SpeedParams, depth: int) -> float:
    """What one more token adds to a batched step: its share of a full prefill ubatch on the
    accelerator (matmuls at the kernels' rate, with logits, attention at this depth, the fixed
    per-layer cost spread over the ubatch). Weights left in RAM are not shipped for a batch this
    small; their arithmetic is left out."""
    n = C.N_UBATCH
    return prefill_step(wp, p, flops=wp.flops_per_token).ubatch_seconds(n, depth + n / 2) / n


# Not frozen, for the cost of building one (see Workpoint); never changed after it is made.
@dataclass(slots=True)
class PrefillStep:
    """A ubatch of one workpoint, worked out but for its tokens and the context they attend to:
    the prompts of one question (its headline and its five workloads) share it."""

    wp: Workpoint
    rate: float  # FLOP/s of the matmuls (matmul_rate)
    dense_flops: float  # FLOPs per token outside the routed experts
    routed_flops: float  # FLOPs per token in routed experts
    moe_tokens_half: float
    read_s: float  # reading every weight once (weights_bytes_gpu is per GPU)
    dequant_s: float  # a dequantize + BLAS path: reading the weights and writing their buffer
    attn_rate: float
    mem_bps: float  # memory_gbps: the KQ scores' traffic without flash attention
    fixed_s: float  # the per-layer costs
    expert_s: float = 0.0  # an expert-by-expert MoE: seconds per expert picked, over all layers
    scan_s: float = 0.0  # the recurrent layers' scans: seconds per token, over all layers
    # an expert-by-expert loop on a dequantize + BLAS path: its experts of MMQ_MAX_BATCH tokens
    # or more multiply the F16 buffer, whose bytes per weight move the ridge this much (1: none)
    blas_ridge: float = 1.0
    routed_rate: float = 0.0  # FLOP/s of the routed experts' matmuls (expert_rate; 0: rate)
    # query rows a flash-attention workgroup reads K/V for (FA_QUERY_ROWS; 0: not modelled)
    fa_rows: int = 0

    def ubatch_seconds(self, n: float, ctx: float, ubatch: int = C.N_UBATCH) -> float:
        """One device running every layer over a ubatch of n tokens attending to ctx tokens each
        on average (`ubatch`: the -ub setting, which sizes a sliding window's cache)."""
        wp = self.wp
        dense = self.dense_flops * n / self.rate
        routed = 0.0
        if wp.routed_flops_share:
            per_expert = n * wp.expert_share
            half = self.moe_tokens_half
            if per_expert >= MMQ_MAX_BATCH:
                half *= self.blas_ridge
            sat = per_expert / (per_expert + half)
            routed = self.routed_flops * n / ((self.routed_rate or self.rate) * sat)
        # ... or reading every weight once, whichever is slower; a dequantize + BLAS path first
        # converts every weight, then multiplies
        dequant = self.dequant_s
        if dequant and wp.expert_loop:
            # experts that fewer than MMQ_MAX_BATCH of the n tokens picked stay quantized
            dequant *= 1 - wp.expert_weight_share * mmq_expert_share(wp, n)
        mm = max(dense + routed, self.read_s) + dequant
        flops = kq = 0.0
        for coeff, heads, window in wp.attn_terms:
            scores = n * attended_cells(wp, n, ctx, window, ubatch)
            flops += coeff * scores
            kq += heads * scores
        attn = flops / self.attn_rate
        if self.fa_rows:
            attn += kv_spill_bytes(wp, n, ctx, self.fa_rows) / self.mem_bps
        if not wp.flash_attn:
            attn += kq * KQ_BYTES_PER_SCORE / self.mem_bps
        t = mm + attn + self.fixed_s + self.scan_s * n
        if self.expert_s:
            # one BLAS call per expert that any of the n tokens picked (routing as independent)
            t += self.expert_s * wp.experts * (1 - (1 - wp.expert_share) ** n)
        return t


# ggml-cuda's attention (HIP builds compile the same code) scores a ubatch's queries against
# every cell of the KV cache view it gets. launch_fattn (fattn-common.cuh) trims the causally
# masked tail only when the ubatch has 1024+ queries (flash_attn_mask_to_KV_max: per query tile,
# the last KV tile that is not all -inf), and never the head of a sliding window's cache; without
# flash attention KQ is one matmul over every cell.
MASKED_CELLS_BACKENDS = ("cuda", "rocm")
KV_MAX_MIN_QUERIES = 1024
SWA_CACHE_PAD = 256  # llama-kv-cache-iswa.cpp: the SWA cache is padded to 256 cells


def attended_cells(wp: Workpoint, n: float, ctx: float, window: int, ubatch: int) -> float:
    """Keys each of a ubatch's n queries is scored against, on average, where ctx is the causal
    average (the depth and half the prompt before it). On ggml-cuda the queries also score the
    ubatch's masked future cells unless flash attention's KV_max pass trims them, and a sliding
    window's layers attend to their whole cache: llama.cpp sizes it window + n_ubatch, padded to
    256 (llama_kv_cache_iswa: `GGML_PAD(min(size_base, n_swa + n_ubatch), 256)`), all of which
    the kernels score once it is full, the out-of-window cells masked."""
    if wp.backend not in MASKED_CELLS_BACKENDS:
        return min(ctx, window) if window else ctx
    future = 0.0 if wp.flash_attn and ubatch >= KV_MAX_MIN_QUERIES else n / 2
    full = ctx + future
    if not window:
        return full
    cache = math.ceil((window + ubatch) / SWA_CACHE_PAD) * SWA_CACHE_PAD
    return min(full, cache - n / 2 + future)


def prefill_step(wp: Workpoint, p: SpeedParams, flops: float | None = None) -> PrefillStep:
    """What a ubatch of this workpoint costs apart from its size and context (`flops` per token
    when not prefill's, which has logits for the last token only)."""
    bp = backend_params(p, wp)
    rate = matmul_rate(wp, p)
    flops = flops or wp.pp_flops_per_token or wp.flops_per_token
    mem_bps = memory_gbps(wp, p, bp)
    attn_rate = (wp.attn_tflops or wp.tflops) * 1e12 * attn_path_eff(wp, p) * power_factor(wp, p)
    if wp.cpu_only:
        attn_rate *= thread_share(wp, p)
    attn_rate *= bp.attn_eff if wp.flash_attn else p.attn_eff_nofa
    fixed = (wp.layers * bp.t_layer_pp_us + wp.linear_layers * bp.t_linear_pp_us) * 1e-6
    fixed *= clock_factor(wp, bp)
    dq = dequant_bytes(wp)
    weights = wp.weights_bytes_gpu * max(wp.gpus, 1)
    dequant = weights * (1 + dq / wp.bytes_per_param) / mem_bps if dq and wp.bytes_per_param else 0
    e_rate = expert_rate(wp, p, rate)
    e_bpp = wp.expert_bpp or wp.bytes_per_param
    return PrefillStep(
        wp,
        rate,
        flops * (1 - wp.routed_flops_share),
        flops * wp.routed_flops_share,
        (p.loop_tokens_half if wp.expert_loop and p.loop_tokens_half else bp.moe_tokens_half)
        * ridge_tokens(e_bpp, e_rate, mem_bps),
        weights / mem_bps,
        dequant,
        attn_rate,
        mem_bps,
        fixed,
        expert_s(wp, p),
        wp.linear_layers * p.t_scan_tok_us * 1e-6 * clock_factor(wp, bp),
        dq / e_bpp if dq and wp.expert_loop and e_bpp else 1.0,
        e_rate,
        fa_query_rows(wp),
    )


# ggml-vulkan's flash attention (flash_attn.comp, flash_attn_cm1.comp, flash_attn_cm2.comp)
# runs a workgroup per Br query rows of one query head, each reading every K/V row of its head's
# cache (ggml_vk_flash_attn dispatches {ceil(N / Br), q heads, ...}; it groups a K/V head's query
# heads into one workgroup only for N <= 8, decode), so a ubatch of n queries reads the K/V
# cache n x (q heads / K/V heads) / Br times. Br by code path (fa_rows_cols: FA_SCALAR 8 large
# rows for head sizes under 192, FA_COOPMAT1 16, FA_COOPMAT2 64), the path by the device's
# kernel family (catalog/compute_paths.yaml: coopmat devices run coopmat1's FA, NVIDIA's
# coopmat2 its own; an AMD build before the large matmul tile, `coopmatmed`, the same coopmat1
# FA). Other backends' kernels were not read for this: none.
FA_QUERY_ROWS = {"vulkan": {"scalar": 8, "coopmat": 16, "coopmatmed": 16, "coopmat2": 64}}
MASK_BYTES = 2.0  # llama.cpp's KQ mask is F16 with flash attention: per query per cell


def fa_query_rows(wp: Workpoint) -> int:
    """Br of the workpoint's flash-attention kernel where its K/V re-reads are modelled, else 0."""
    if not wp.flash_attn or not wp.kv_layers or wp.cpu_only:
        return 0
    return FA_QUERY_ROWS.get(wp.backend, {}).get(wp.attn_path or wp.path, 0)


def kv_spill_bytes(wp: Workpoint, n: float, ctx: float, rows: int) -> float:
    """DRAM bytes a ubatch of n queries' flash attention reads beyond the FLOPs' time: every
    workgroup reads its head's K/V rows (n x gqa / rows reads of each full layer's cache, ctx
    cells on average); while one layer's cache (the working set of one kernel) fits the device's
    last-level cache the re-reads hit it, past it the share that does not fit comes from DRAM
    (a streaming read of a set larger than an LRU cache: 1 - cache / set of it misses)."""
    if ctx <= 0:
        return 0.0
    # ... and the F16 mask's tile of Br rows x the cells, which each workgroup reads too: n cells'
    # rows of it, shared by the heads
    mask = MASK_BYTES * n
    per_layer = ctx * (wp.kv_per_token / wp.kv_layers + mask)
    miss = 1.0 - wp.llc_bytes / per_layer
    if miss <= 0.0:
        return 0.0
    heads = wp.kv_layers * wp.q_heads
    return n * ctx * (wp.kv_gqa / rows * wp.kv_per_token + heads * MASK_BYTES) * miss


def ridge_tokens(bpp: float, rate: float, mem_bps: float) -> float:
    """Tokens an expert must see before its matmul's arithmetic takes as long as reading its
    weights (2 FLOPs per weight per token against the experts' bytes per weight `bpp`, at the
    experts' kernels' `rate`): the device's ridge point, where the grouped MMQ kernel's time
    turns from its reads to its arithmetic. 1 where the bytes are not known."""
    if not bpp or not mem_bps:
        return 1.0
    return rate * bpp / (2 * mem_bps)


def expert_rate(wp: Workpoint, p: SpeedParams, rate: float) -> float:
    """FLOP/s of the routed experts' matmuls: `rate` (the weights' path), but where an unquantized
    file's experts keep a quantized native format (gpt-oss's F16 file: MXFP4 experts), the
    device's quantized path at that format's cost, as ggml's mul_mat_id runs them."""
    if not (wp.unquantized and wp.bulk_family and wp.expert_path):
        id_path = id_kernel_path(wp, wp.path)
        if id_path == wp.path:
            return rate
        return matmul_rate(replace(wp, path=id_path), p)
    ewp = replace(
        wp,
        path=id_kernel_path(wp, wp.expert_path),
        tflops=wp.expert_tflops or wp.tflops,
        unquantized=False,
        quant_family=wp.bulk_family,
    )
    return matmul_rate(ewp, p)


def id_kernel_path(wp: Workpoint, path: str) -> str:
    """The kernel family a MoE's routed experts run on where the weights' matmuls run on `path`:
    another tile's (ID_PATHS) where the backend gives its expert matmuls one, else `path`."""
    if not wp.routed_flops_share:
        return path
    return ID_PATHS.get(f"{wp.backend}:{wp.vendor}:{path}", path)


def expert_s(wp: Workpoint, p: SpeedParams) -> float:
    """Seconds an expert-by-expert MoE ubatch spends per expert picked, over all its MoE layers
    and expert matmuls (0 where the experts run in one kernel)."""
    if not wp.expert_loop or not wp.experts:
        return 0.0
    return wp.moe_layers * EXPERT_MATMULS * p.t_expert_us * 1e-6


def mmq_expert_share(wp: Workpoint, n: int) -> float:
    """Share of the experts that fewer than MMQ_MAX_BATCH of n tokens pick (each token picks an
    expert with probability expert_share, independently: a Poisson count)."""
    mean = n * wp.expert_share
    term = math.exp(-mean)
    total = 0.0
    for k in range(MMQ_MAX_BATCH):
        total += term
        term *= mean / (k + 1)
    return min(total, 1.0)


def expert_loop(backend: str, moe: bool, expert_path: str) -> bool:
    """Whether a MoE's routed experts run one at a time: on a ggml-cuda backend whose experts'
    matmuls take a BLAS kernel family (the weights' path, or the quantized path for a file whose
    experts keep a quantized native format)."""
    return moe and backend in EXPERT_LOOP_BACKENDS and expert_path in EXPERT_LOOP_PATHS


def prefill_seconds(
    wp: Workpoint,
    p: SpeedParams,
    prompt: int,
    depth: int = 0,
    ubatch: int = C.N_UBATCH,
    batch: int = C.N_BATCH,
    step: PrefillStep | None = None,
) -> float:
    """`step`: prefill_step(wp, p), when the caller has it (one serves every prompt)."""
    if step is None:
        step = prefill_step(wp, p)
    ubatch = max(min(ubatch, batch), 1)
    ubatches = math.ceil(prompt / ubatch)
    n = prompt / ubatches
    # causal attention: on average a token attends to the depth and half the prompt
    t_ub = step.ubatch_seconds(n, depth + prompt / 2, ubatch)
    if wp.gpus > 1:
        # layer split: the ubatches of one llama_decode batch (n_batch tokens) are pipelined
        # through the GPUs; the pipeline drains between batches
        stages = wp.gpus
        per_batch = max(min(batch, prompt) // ubatch, 1)
        batches = ubatches / per_batch
        hop = (p.t_hop_us + wp.hop_latency_us) * 1e-6 + n * wp.hidden * ACT_BYTES / (
            wp.hop_gbps * 1e9
        )
        t = batches * (per_batch + stages - 1) * (t_ub / stages + hop)
    else:
        t = ubatches * t_ub
    if wp.ram_resident_bytes and not wp.cpu_only:
        # llama.cpp ships RAM-resident weights to the GPU for each large batch
        t += ubatches * wp.ram_resident_bytes / (wp.pcie_gbps * 1e9)
    return t


def decode_tok_s(
    wp: Workpoint, p: SpeedParams, depth: int, step: DecodeStep | None = None
) -> float:
    return 1.0 / decode_seconds(wp, p, depth, step)


def mean_decode_tok_s(
    wp: Workpoint, p: SpeedParams, depth: int, tokens: int, step: DecodeStep | None = None
) -> float:
    """Mean rate over `tokens` generated from `depth` (the KV read grows linearly)."""
    return 1.0 / decode_seconds(wp, p, depth + tokens // 2, step)


def prefill_tok_s(
    wp: Workpoint,
    p: SpeedParams,
    prompt: int,
    depth: int = 0,
    ubatch: int = C.N_UBATCH,
    batch: int = C.N_BATCH,
    step: PrefillStep | None = None,
) -> float:
    return prompt / prefill_seconds(wp, p, prompt, depth, ubatch, batch, step)


def link_gbps(hw: Hardware) -> float:
    """GB/s each way of the card's host link: its catalogued PCIe link, else 4.0 x16."""
    return hw.pcie_gbps or PCIE_GBPS


def host_threads(host: Hardware | None) -> int:
    """Threads the host's CPU runs what a GPU left in RAM on: llama.cpp's default of one per
    physical core (a hybrid Intel's P cores alone), HOST_THREADS without a host."""
    if host is None:
        return HOST_THREADS
    return host.p_cores or host.cores or HOST_THREADS


def host_ram_gbps(hw: Hardware, host: Hardware | None = None) -> float:
    """Bandwidth of the RAM that holds what the accelerator does not: the device's own memory
    when it shares it, a named host CPU's (an EPYC's 12 channels), else a desktop's."""
    if hw.kind in ("cpu", "apple", "unified", "igpu"):
        return hw.bandwidth_gbps
    if host is not None:
        return host.bandwidth_gbps
    return HOST_RAM_GBPS
