"""What llama.cpp allocates for a model: weights, KV cache, compute buffers, and where they go.

One pass over the layers with a placement, per-device totals that a card can print (the way
gguf-parser-go organises its estimate). All sizes are bytes; callers convert for display.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import accumulate

from pydantic import BaseModel

from . import constants as C
from .catalog import Hardware, LayerGroup, Model, QuantType

# --------------------------------------------------------------------------- weights


@dataclass(frozen=True)
class Weights:
    """A model file at one quantization, split the way llama.cpp places its tensors."""

    total: float  # bytes of the whole GGUF
    exact: bool  # True when the file size came from the repo listing
    embed: float  # token (and per-layer) embeddings: llama.cpp keeps them in host memory
    # (get_rows runs there)
    output: float  # output projection: goes with the last layer
    per_layer: float  # non-expert weights of one repeating layer
    expert_per_layer: float  # routed experts of one MoE layer (0 for dense)
    n_layers: int
    moe_layers: int

    def layers(self, n: int, experts_in_ram: int = 0) -> float:
        """Bytes of n repeating layers, minus the routed experts of `experts_in_ram` of them."""
        moe = min(n, self.moe_layers)
        return n * self.per_layer + (moe - min(experts_in_ram, moe)) * self.expert_per_layer


def file_size(model: Model, quant: QuantType) -> tuple[float, bool]:
    """The GGUF size in bytes: the repo listing when known, else params x bits per weight.

    params_b follows the model card, which leaves out the multi-token-prediction (nextn) layers.
    llama.cpp loads the nextn layers a GGUF carries (they serve --spec-type draft-mtp) and most
    conversions keep them, so an estimate adds mtp.params_b: an upper bound for the repos that
    leave them out or ship them as a separate draft file."""
    for repo in model.gguf:
        size = repo.quants.get(quant.id)
        if size:
            return size * C.GB, True
    params_b = model.params_b + ((model.mtp.params_b or 0.0) if model.mtp else 0.0)
    bpw = estimated_bpw(model, quant)
    if bpw != quant.bpw:  # a MoE's figure, fitted on whole MoE files
        return params_b * 1e9 * bpw / 8, False
    return estimated_bytes(model, quant, params_b * 1e9), False


# The output projection's type in a llama-quantize mix (llama-quant.cpp,
# llama_tensor_get_type_impl and tensor_type_fallback): Q6_K below it (QuantType.output_bpw for the
# IQ1/IQ2 mixes), and Q8_0 when a row (hidden_size) does not fill 256-weight blocks (Q6_K falls
# back to Q8_0). A tied model's token embedding is that tensor. The catalog's `bpw` is whole files
# of the reference model (perplexity README's LLaMA 3 8B scoreboard: 8.03B weights, a 128,256 x
# 4,096 output at Q6_K), so a model whose output is a larger share, or at Q8_0, weighs more:
# Gemma 3 270M's Q4_0 (168M of its 268M weights in the table, 640 wide: Q8_0) is 224 MiB
# (llama-bench), where 4.64 bits a weight said 149.
Q6_K_BPW = 6.5625  # 210 bytes a 256-weight block
Q8_0_BPW = 8.5  # 34 bytes a 32-weight block
REF_PARAMS, REF_OUTPUT = 8.03e9, 128256 * 4096


def estimated_bytes(model: Model, quant: QuantType, params: float) -> float:
    """A file of `params` weights at the mix's dense figure, its output projection at its own
    type and the rest at the body's bits a weight (the reference file less its output)."""
    bpw = quant.bpw
    ref_out = quant.output_bpw or Q6_K_BPW
    # unsloth's dynamic mixes pick their tensors' types themselves, and a model released in a
    # low-bit format keeps it whatever the mix
    plain = quant.family == "ud" or model.native_quant is not None or model.native_bulk
    if plain or bpw >= ref_out or not model.vocab or not model.hidden_size:
        return params * bpw / 8
    out = ref_out if model.hidden_size % 256 == 0 else Q8_0_BPW
    body = (bpw * REF_PARAMS - ref_out * REF_OUTPUT) / (REF_PARAMS - REF_OUTPUT)
    # capped (a guard, not a fit) for an entry whose parameter count leaves the embedding table
    # out: the body keeps a tenth, so its weights are never counted negative
    output = min(model.vocab * model.hidden_size, 0.9 * params)
    return ((params - output) * body + output * out) / 8


def estimated_bpw(model: Model, quant: QuantType) -> float:
    """Bits per weight of a file the catalog lists no size for: on a MoE none of whose files is
    listed, the mix's MoE figure when it has one. A model with listed files keeps the dense
    figure: how far its own mixes stray from the median is not known (GLM-4.5-Air's UD-Q4_K_XL
    is 5.51 bpw, Gemma 4 26B's UD-IQ2_XXS 3.15, both above the dense figures), and a model released
    in a low-bit format keeps its own floor."""
    if (
        quant.moe_bpw is not None
        and model.moe is not None
        and model.native_quant is None
        and not any(size for repo in model.gguf for size in repo.quants.values())
    ):
        return quant.moe_bpw
    return quant.bpw


def memo_by_identity(fn):
    """Cache on the identity of the catalog entries passed in (frozen pydantic entries hold lists,
    so they cannot be hashed) and the value of the other arguments. The cache keeps the entries
    alive, so an id in a key always names the entry it was made from."""
    cache: dict = {}
    entry = BaseModel

    def wrapper(*args, **kw):
        if len(args) == 2:  # weights(model, quant), a few dozen times a question: no list
            a, b = args
            key = (
                id(a) if isinstance(a, entry) else a,
                id(b) if isinstance(b, entry) else b,
            )
        else:
            key = tuple([id(a) if isinstance(a, entry) else a for a in args])
        if kw:  # (keyword arguments are values: a flag, a limit)
            key = (key, tuple(sorted(kw.items())))
        hit = cache.get(key)
        if hit is not None:
            return hit[1]
        if len(cache) > 8192:
            cache.clear()
        value = fn(*args, **kw)
        cache[key] = (args, value)
        return value

    wrapper.__wrapped__ = fn
    wrapper.__doc__ = fn.__doc__
    wrapper.cache_clear = cache.clear
    return wrapper


@memo_by_identity
def weights(model: Model, quant: QuantType) -> Weights:
    total, exact = file_size(model, quant)
    bytes_per_param = total / (model.params_b * 1e9)
    token_embed = model.vocab * model.hidden_size * bytes_per_param
    output = token_embed  # tied embeddings: llama.cpp duplicates the tensor onto the output device
    # per-layer embeddings sit beside the token embedding (an input tensor, kept in host memory)
    ple = (model.per_layer_embed_params_b or 0.0) * 1e9 * bytes_per_param
    embed = token_embed + ple
    layer_total = max(total - embed - (0 if model.tied_embeddings else output), 0.5 * (total - ple))
    expert_total = 0.0
    moe_layers = 0
    if model.moe:
        expert_total = min(model.moe.expert_params_b * 1e9 * bytes_per_param, 0.98 * layer_total)
        moe_layers = model.moe.moe_layers
    return Weights(
        total=total,
        exact=exact,
        embed=embed,
        output=output,
        per_layer=(layer_total - expert_total) / model.layers,
        expert_per_layer=expert_total / moe_layers if moe_layers else 0.0,
        n_layers=model.layers,
        moe_layers=moe_layers,
    )


# --------------------------------------------------------------------------- KV cache


@memo_by_identity
def kv_layer_bytes(
    model: Model, n_ctx: int, kv_type: str = "f16", n_seq: int = 1
) -> tuple[float, ...]:
    """KV cache (or recurrent state) of each layer, in the model's layer order (_interleaved); a
    looped model's groups cover its layer visits, each physical layer holding its visits' caches."""
    per_elem = C.KV_BYTES[kv_type]
    groups: list[tuple[float, int, bool]] = []
    for g in model.attention:
        if g.shared_kv:
            b = 0.0  # reads an earlier layer's cache
        elif g.kind == "linear":
            # recurrent state is kept in f32 whatever the KV type, one per sequence
            b = (g.state_mb or 0.0) * C.MIB * n_seq
        elif g.kind == "mla":
            # DeepSeek Sparse Attention keeps its indexer keys in a second cache of the same type
            b = (g.kv_lora_rank + (g.rope_dim or 0) + (g.indexer_dim or 0)) * n_ctx * per_elem
            b += (g.state_mb or 0.0) * C.MIB * n_seq
        elif g.kind == "compressed":
            b = _compressed_layer_elems(g, model, n_ctx, n_seq) * per_elem
        else:
            kvh = g.kv_heads or model.kv_heads
            hd_k = g.head_dim or model.head_dim
            hd_v = g.v_head_dim or hd_k
            tokens = n_ctx
            if g.kind == "sliding":
                # llama.cpp's SWA cache keeps the window plus one ubatch per sequence
                tokens = min(n_ctx, (g.window + C.N_UBATCH) * n_seq)
            b = kvh * (hd_k + hd_v) * tokens * per_elem
            # a learned indexer's keys (full layers only: the validator refuses them elsewhere)
            b += (g.indexer_dim or 0) * tokens * per_elem
            # hybrid layers (Falcon-H1) run an SSM beside attention: its state adds up
            b += (g.state_mb or 0.0) * C.MIB * n_seq
        groups.append((b, g.layers, g.shared_kv))
    per_visit = _interleaved(groups)
    if model.loop is None:
        return per_visit
    # a looped layer keeps a cache per pass, on its layer's device: the visits fold onto the
    # physical layers -ngl places
    out = [0.0] * model.layers
    for layer, b in zip(model.layer_of_visit(), per_visit, strict=True):
        out[layer] += b
    return tuple(out)


def _interleaved(groups: list[tuple[float, int, bool]]) -> tuple[float, ...]:
    """One value per layer in the model's layer order. The catalog lists a hybrid model's layers
    by kind (48 linear, 16 full), but the kinds alternate through the stack (Qwen3-Next: every
    4th layer full; Gemma: 5 sliding, 1 global), so a layer split over GPUs or a partial offload
    takes each kind in proportion: groups next to each other are spread evenly, each layer going
    to the group furthest behind its share. Layers that read an earlier layer's cache (Gemma 3n's
    shared_kv) are the last of the stack, after the others, as listed."""
    out: list[float] = []
    i = 0
    while i < len(groups):
        j = i
        while j < len(groups) and groups[j][2] == groups[i][2]:
            j += 1
        block = groups[i:j]
        n = sum(layers for _, layers, _ in block)
        placed = [0] * len(block)
        for at in range(n):
            k = max(range(len(block)), key=lambda k: (at + 1) * block[k][1] / n - placed[k])
            placed[k] += 1
            out.append(block[k][0])
        i = j
    return tuple(out)


def _compressed_layer_elems(g: LayerGroup, model: Model, n_ctx: int, n_seq: int) -> int:
    """Cached values of one DeepSeek V4 layer, as llama_kv_cache_dsv4 allocates them: a K-only
    sliding cache of the raw window (K and V are one vector), and for a compressed layer one row
    per compress_ratio tokens, the row count padded to DSV4_COMP_ROW_PAD, of the same width plus
    the indexer keys."""
    width = (g.kv_heads or model.kv_heads) * (g.head_dim or model.head_dim)
    raw = min(n_ctx, (g.window + C.N_UBATCH) * n_seq)
    elems = raw * width
    if g.compress_ratio:
        rows = max(1, -(-n_ctx // g.compress_ratio))
        rows = -(-rows // C.DSV4_COMP_ROW_PAD) * C.DSV4_COMP_ROW_PAD
        elems += rows * (width + (g.indexer_dim or 0))
    return elems


def kv_bytes(model: Model, n_ctx: int, kv_type: str = "f16", n_seq: int = 1) -> float:
    return sum(kv_layer_bytes(model, n_ctx, kv_type, n_seq))


def kv_bytes_per_token(model: Model, kv_type: str = "f16") -> float:
    """Marginal KV bytes per extra token of context, at a long context: sliding windows are
    capped by then, and DeepSeek V4's 128-token compressed rows (allocated 256 rows at a time)
    have started to grow."""
    return (kv_bytes(model, 65536, kv_type) - kv_bytes(model, 32768, kv_type)) / 32768


def compute_buffer(model: Model, n_ctx: int, flash_attn: bool = True) -> float:
    """Peak of llama.cpp's compute graph for one device (see constants for the fit)."""
    ub = C.N_UBATCH
    hidden = ub * model.hidden_size * 4  # one f32 activation row per token
    logits = model.vocab * ub * 4 + C.COMPUTE_LOGITS_ROWS * hidden
    attention = C.COMPUTE_ATTN_ROWS * hidden
    if not flash_attn:
        attention += n_ctx * ub * model.heads * 4  # the materialised KQ scores
    return max(logits, attention)


# --------------------------------------------------------------------------- devices


@dataclass(frozen=True)
class Device:
    """What one accelerator (or the CPU) can hold for llama.cpp."""

    kind: str
    backend: str
    memory: float  # bytes installed
    usable: float  # bytes llama.cpp may allocate (the smallest GPU's when they differ)
    ram: float  # host RAM bytes available for offloaded layers (all devices share it)
    # bytes llama.cpp may allocate on each GPU when they differ (a 4090 + a 3090), in order
    usables: tuple[float, ...] = ()
    # host RAM bytes for the host side of a full offload (host_ram_bare): more than `ram` on a box
    # with little RAM, where the desktop's reserve would leave nothing
    ram_bare: float = 0.0

    def usable_of(self, i: int) -> float:
        return self.usables[i] if self.usables else self.usable

    @property
    def ram_full_offload(self) -> float:
        """Host RAM bytes for the token embeddings when every layer is on the GPU(s)."""
        return max(self.ram, self.ram_bare)


def default_split(dev: Device, count: int, on_gpu: int) -> tuple[int, ...] | None:
    """llama.cpp's default layer split: in proportion to each GPU's free memory (even for equal
    GPUs: None, the split _gpu_loads makes by itself). Layer j of the n offloaded ones goes to
    the first GPU whose cumulative share exceeds j / n."""
    if not dev.usables or count == 1:
        return None
    total = sum(dev.usables)
    cum, acc = [], 0.0
    for u in dev.usables:
        acc += u / total
        cum.append(acc)
    split = [0] * count
    for j in range(on_gpu):
        f = j / on_gpu
        split[next((i for i, c in enumerate(cum) if f < c), count - 1)] += 1
    return tuple(split)


_OS_ALONE = ("embedded", "server", "datacenter")  # forms that run no desktop beside the model


def usable_memory(hw: Hardware, memory_gib: float, backend: str) -> float:
    """Bytes of one device that llama.cpp can fill, by the way its memory is attached."""
    mem = memory_gib * C.GIB
    if hw.kind == "apple":
        share = C.APPLE_WIRED_SMALL if memory_gib <= C.APPLE_WIRED_SPLIT_GB else C.APPLE_WIRED_LARGE
        return mem * share
    if hw.kind == "unified":
        # small boards (an 8 GB Jetson) keep a quarter for the OS, big ones a fixed amount
        return mem - min(C.UNIFIED_OS_RESERVE_GIB * C.GIB, C.UNIFIED_OS_RESERVE_SHARE * mem)
    if hw.kind == "igpu":
        return mem * C.IGPU_SHARE
    if hw.kind == "cpu":
        # a desktop, laptop or workstation runs its desktop beside the model, whose weights are
        # read whole every token: the reserve a GPU box's RAM keeps (host_reserve), one number
        # for both; a board or a server runs the OS alone
        return mem - (os_reserve(mem) if hw.form in _OS_ALONE else host_reserve(mem))
    return mem - C.BACKEND_CONTEXT_GIB.get(backend, 0.4) * C.GIB


def os_reserve(ram: float) -> float:
    """Bytes of a machine's RAM the OS keeps for itself (C.CPU_OS_RESERVE_GIB, or
    C.CPU_OS_RESERVE_SHARE of a big RAM); a desktop's apps take more (host_reserve)."""
    return max(C.CPU_OS_RESERVE_GIB * C.GIB, C.CPU_OS_RESERVE_SHARE * ram)


def host_ram(hw: Hardware, memory_gib: float, ram_gib: float | None, gpu_usable: float) -> float:
    """Host RAM left for layers that do not fit on the GPU."""
    if hw.kind in ("apple", "unified", "igpu"):
        total = memory_gib * C.GIB
        return max(total - shared_reserve(hw.kind, total) - gpu_usable, 0.0)
    if hw.kind == "cpu":
        return 0.0
    ram = (ram_gib if ram_gib is not None else C.DEFAULT_RAM_GIB) * C.GIB
    return max(ram - host_reserve(ram), 0.0)


def host_ram_bare(
    hw: Hardware, memory_gib: float, ram_gib: float | None, gpu_usable: float
) -> float:
    """Host RAM left for the host side of a full offload: llama.cpp keeps only the token (and
    per-layer) embeddings there, mapped from the file, and reads one row of them a token, so the
    page cache may drop them at no cost to decode; what stays reserved is the OS's own
    (C.CPU_OS_RESERVE_GIB), not the desktop's (host_reserve: that one keeps spilled layers, read
    whole every token, out of the OS's way). Two P40s with 4 GB of RAM hold Qwen3.6-27B."""
    if hw.kind in ("apple", "unified", "igpu", "cpu"):
        return host_ram(hw, memory_gib, ram_gib, gpu_usable)
    ram = (ram_gib if ram_gib is not None else C.DEFAULT_RAM_GIB) * C.GIB
    return max(ram - os_reserve(ram), 0.0)


def shared_reserve(kind: str, total: float) -> float:
    """Bytes of one shared memory pool (a Mac, a Strix Halo, a laptop's iGPU) the model leaves
    to the system, whether its overflow goes to the GPU's share or to the CPU side: the GPU and
    the CPU read the same chips, so experts moved to the CPU side take the same memory the OS
    needs. A Mac keeps C.APPLE_CPU_SIDE_RESERVE_GIB, a Linux unified box
    its OS reserve, a laptop iGPU its desktop's."""
    if kind == "apple":
        return C.APPLE_CPU_SIDE_RESERVE_GIB * C.GIB
    if kind == "unified":
        return min(C.UNIFIED_OS_RESERVE_GIB * C.GIB, C.UNIFIED_OS_RESERVE_SHARE * total)
    return host_reserve(total)


def wired_default_words(memory_gib: float) -> str:
    """The share of a Mac's memory macOS wires for the GPU by default, in words."""
    return "2/3" if memory_gib <= C.APPLE_WIRED_SPLIT_GB else "3/4"


def amd_apu(hw: Hardware) -> bool:
    """An AMD APU, whose GPU maps system RAM through amdgpu's GTT on Linux and gets a share set
    in the firmware (Variable Graphics Memory) on Windows: a Strix Halo, a 780M."""
    return hw.vendor == "amd" and hw.kind in ("unified", "igpu")


def amd_share_flags(gib: float) -> str:
    """The Linux kernel parameters that let an AMD APU's GPU map `gib` GiB of RAM."""
    g = math.floor(gib)
    return f"ttm.pages_limit={g * C.TTM_PAGES_PER_GIB} amdgpu.gttsize={g * 1024}"


def amd_share_limits(memory_gib: float) -> tuple[float, float]:
    """An AMD APU's two GPU-share limits on `memory_gib` of RAM: what Linux maps by default (GTT,
    C.IGPU_SHARE) and what Windows' Variable Graphics Memory reaches at most (C.AMD_VGM_MAX_SHARE).
    A share past the first needs raising; past the second, Linux."""
    return C.IGPU_SHARE * memory_gib, C.AMD_VGM_MAX_SHARE * memory_gib


def amd_share_words(hw: Hardware, memory_gib: float, gpu_gib: float, raise_to_gib: float) -> str:
    """What an AMD APU's GPU share of `gpu_gib` of its `memory_gib` needs on each OS: Linux maps
    half the RAM for the GPU by default (C.IGPU_SHARE) and more with kernel parameters (to
    `raise_to_gib`, what the estimate gives the GPU); on Windows the firmware sets it, a Strix
    Halo's Variable Graphics Memory at most C.AMD_VGM_MAX_SHARE of the RAM. The answer to "why
    does it show 96 GB" and "does Linux give 110+ GB"."""
    half, vgm = amd_share_limits(memory_gib)
    flags = amd_share_flags(raise_to_gib)
    if hw.kind != "unified":
        # a laptop or desktop iGPU: the estimate keeps to Linux's default half
        return (
            f"GPU share: half the RAM ({half:g} GB), what Linux lets the iGPU map by default (GTT;"
            " the ttm.pages_limit and amdgpu.gttsize kernel parameters raise it); on Windows the"
            " firmware's graphics memory setting sets it"
        )
    if gpu_gib <= half:
        return (
            f"GPU share: the {gpu_gib:.1f} GB on the GPU fit the half of RAM ({half:g} GB) Linux"
            " lets it map by default (GTT); on Windows, Variable Graphics Memory sets it (up to"
            f" {vgm:g} GB)"
        )
    if gpu_gib <= vgm:
        return (
            f"GPU share: {gpu_gib:.1f} GB on the GPU, over the half of RAM ({half:g} GB) Linux lets"
            f" it map by default: raise it with the kernel parameters {flags}, or on Windows set"
            f" Variable Graphics Memory to {math.ceil(gpu_gib):d} GB or more (it goes up to {vgm:g})"
        )
    return (
        f"GPU share: {gpu_gib:.1f} GB on the GPU needs Linux with the kernel parameters {flags}"
        f" (by default it maps half the RAM, {half:g} GB); Windows' Variable Graphics Memory"
        f" stops at {Fraction(C.AMD_VGM_MAX_SHARE)} ({vgm:g} GB)"
    )


def apple_raised_reserve(total: float) -> float:
    """Bytes of a Mac's memory the system keeps when the GPU's wired limit is raised the way
    people raise it: a fifth of a small Mac, C.APPLE_RAISED_RESERVE_GIB of a bigger one."""
    return min((1 - C.APPLE_RAISED_SHARE) * total, C.APPLE_RAISED_RESERVE_GIB * C.GIB)


def host_reserve(ram: float) -> float:
    """Bytes of a desktop's RAM (a GPU box's, a CPU desktop's) the model leaves to the OS and
    the desktop's apps: C.HOST_DESKTOP_RESERVE_GIB, measured on 16 and 32 GB systems, or
    C.CPU_OS_RESERVE_SHARE of a big RAM; a smaller system runs a lighter desktop, the same
    share of it as a 16 GB one (a quarter), never below the OS's own (os_reserve)."""
    share = C.HOST_DESKTOP_RESERVE_GIB / C.HOST_DESKTOP_MEASURED_GIB
    desk = min(C.HOST_DESKTOP_RESERVE_GIB * C.GIB, ram * share)
    return max(desk, os_reserve(ram))


# --------------------------------------------------------------------------- placement


# slots: a question builds ~40 of these and reads their fields in its searches
@dataclass(slots=True)
class DeviceLoad:
    name: str
    weights: float = 0.0
    kv: float = 0.0
    compute: float = 0.0
    overhead: float = 0.0
    usable: float = 0.0

    @property
    def total(self) -> float:
        return self.weights + self.kv + self.compute + self.overhead

    @property
    def free(self) -> float:
        return self.usable - self.total


@dataclass(slots=True)
class Placement:
    kind: str  # gpu | multi_gpu | partial_offload | moe_offload | cpu | unified
    gpu_layers: int  # llama.cpp -ngl (n_layers + 1 = everything incl. the output layer)
    n_cpu_moe: int  # llama.cpp --n-cpu-moe
    devices: list[DeviceLoad] = field(default_factory=list)
    host: DeviceLoad = field(default_factory=lambda: DeviceLoad("RAM"))
    weights_total: float = 0.0
    kv_total: float = 0.0
    fits_gpu: bool = False  # everything on the accelerator(s)
    fits: bool = False  # fits accelerator(s) + RAM
    min_free: float = 0.0  # smallest free space among devices (bytes)
    # layers per GPU when they are not split evenly (llama.cpp --tensor-split); None: the default
    split: tuple[int, ...] | None = None


def kv_prefix(kv_layers: tuple[float, ...]) -> list[float]:
    """Cumulative KV bytes: prefix[i] is the cache of layers 0..i-1."""
    return [0.0, *accumulate(kv_layers)]


@memo_by_identity
def kv_prefix_at(model: Model, n_ctx: int, kv_type: str = "f16", n_seq: int = 1) -> tuple:
    """kv_prefix(kv_layer_bytes(...)), kept: the placements of one question share it."""
    return (0.0, *accumulate(kv_layer_bytes(model, n_ctx, kv_type, n_seq)))


def _gpu_loads(
    w: Weights,
    kv: Sequence[float],
    compute: float,
    count: int,
    ngl: int,
    n_cpu_moe: int,
    split: Sequence[int] | None = None,
) -> list[tuple[float, float, float]]:
    """(weights, KV, compute buffer) bytes of each GPU: the last `ngl` layers split into `count`
    runs (`split` layers each when given, else equal runs with the later GPUs taking the
    remainder), without the routed experts of the first `n_cpu_moe` MoE layers; the output layer
    goes with the last GPU when ngl > n_layers. `kv` is the cumulative KV per layer (kv_prefix),
    so this is O(devices), not O(layers). Two GPUs or more: its callers take one GPU's load
    from _one_gpu_load."""
    # min() and max() written out as they choose (the first of equals): a multi-GPU question
    # asks for the loads ~80 times, in the -ngl and --n-cpu-moe searches
    L = w.n_layers
    on_gpu = L if ngl > L else ngl  # min(ngl, L)
    moe_layers = w.moe_layers
    # MoE layers come after the leading dense ones
    experts_ram_end = L - moe_layers + (moe_layers if moe_layers < n_cpu_moe else n_cpu_moe)
    per_layer = w.per_layer
    expert = w.expert_per_layer
    # with no layer on the GPUs, only the main one keeps a compute buffer (llama.cpp still runs a
    # prompt's big matmuls there, as with one GPU); with layers, each GPU of the split has one
    dev_compute = compute if on_gpu else 0.0
    base, extra = divmod(on_gpu, count)
    loads = []
    a = L - on_gpu
    for d_i in range(count):
        n = split[d_i] if split is not None else base + (1 if d_i >= count - extra else 0)
        b = a + n
        # max(0, min(b, L) - max(a, experts_ram_end))
        experts_on_gpu = (L if b > L else b) - (experts_ram_end if experts_ram_end > a else a)
        if not experts_on_gpu > 0:
            experts_on_gpu = 0
        buffer = compute if d_i == 0 else dev_compute
        loads.append((n * per_layer + experts_on_gpu * expert, kv[b] - kv[a], buffer))
        a = b
    if ngl > L:
        last_weights, last_kv, _ = loads[-1]
        loads[-1] = (last_weights + w.output, last_kv, dev_compute)
    return loads


def _one_gpu_load(
    w: Weights, kv: Sequence[float], compute: float, ngl: int, n_cpu_moe: int
) -> tuple[float, float, float]:
    """_gpu_loads(...)[0] with one GPU: the searches over -ngl / --n-cpu-moe ask for it a few
    dozen times a question, so without the list and the split."""
    L = w.n_layers
    a = L - ngl if ngl < L else 0  # the first layer on the GPU
    moe_layers = w.moe_layers
    # MoE layers come after the leading dense ones
    experts_ram_end = L - moe_layers + (n_cpu_moe if n_cpu_moe < moe_layers else moe_layers)
    start = a if a > experts_ram_end else experts_ram_end  # max(a, experts_ram_end)
    weights_gpu = (L - a) * w.per_layer + (L - start if start < L else 0) * w.expert_per_layer
    if ngl > L:
        weights_gpu += w.output
    return weights_gpu, kv[L] - kv[a], compute


def _place(
    w: Weights,
    kv: Sequence[float],
    compute: float,
    dev: Device,
    count: int,
    ngl: int,
    n_cpu_moe: int,
    split: Sequence[int] | None = None,
) -> Placement:
    """Place llama.cpp style: the last `ngl` layers on the GPUs (the output layer with them when
    ngl > n_layers), routed experts of the first `n_cpu_moe` MoE layers in RAM (see _gpu_loads)."""
    L = w.n_layers
    first_gpu = L - min(ngl, L)
    moe_start = L - w.moe_layers
    experts_ram_end = moe_start + min(n_cpu_moe, w.moe_layers)
    expert = w.expert_per_layer
    # CPU side: the token embedding, the first layers, and the experts kept in RAM
    # (the overlaps of the layer ranges with the MoE layers, written out)
    host_weights = (
        w.embed
        + first_gpu * w.per_layer
        + _overlap(0, first_gpu, moe_start, L) * expert
        + _overlap(first_gpu, L, moe_start, experts_ram_end) * expert
    )
    if ngl <= L:
        host_weights += w.output
    # on one pool of memory (one device) the host-side tables may take part of the GPU's share
    borrow = host_borrow(w, dev, ngl, n_cpu_moe)
    if count == 1:  # the common case, without the split
        weights_gpu, kv_gpu, compute_gpu = _one_gpu_load(w, kv, compute, ngl, n_cpu_moe)
        usable = (dev.usables[0] if dev.usables else dev.usable) - borrow  # usable_of(0)
        devices = [DeviceLoad("GPU", weights_gpu, kv_gpu, compute_gpu, 0.0, usable)]
        free = usable - (weights_gpu + kv_gpu + compute_gpu)  # DeviceLoad.free
        min_free = free if free < math.inf else math.inf  # as the loop below takes it
    else:
        if split is None:
            split = default_split(dev, count, min(ngl, L))
        loads = _gpu_loads(w, kv, compute, count, ngl, n_cpu_moe, split)
        devices = []
        min_free = math.inf
        for d_i, (weights_gpu, kv_gpu, compute_gpu) in enumerate(loads):
            usable = dev.usable_of(d_i) - (borrow if d_i == 0 else 0.0)
            devices.append(DeviceLoad(f"GPU{d_i}", weights_gpu, kv_gpu, compute_gpu, 0.0, usable))
            free = usable - (weights_gpu + kv_gpu + compute_gpu)  # DeviceLoad.free
            if free < min_free:
                min_free = free
    host_kv = kv[first_gpu]
    # layers or the output run on the CPU backend: its graph allocator sizes the same stages
    host_compute = compute if first_gpu or ngl <= L else 0.0
    host_ram = dev.ram
    host_total = host_weights + host_kv + host_compute
    if ngl > L and not n_cpu_moe and host_ram + borrow < host_total <= dev.ram_bare + borrow:
        host_ram = dev.ram_bare  # the embeddings alone beside the OS (host_ram_bare)
    host = DeviceLoad("RAM", host_weights, host_kv, host_compute, 0.0, host_ram + borrow)
    host_fits = host.total <= host.usable
    return Placement(
        "",
        ngl,
        n_cpu_moe,
        devices,
        host,
        w.total,
        kv[L],
        # everything on the GPU, and the host-side part (embeddings) within the host's memory
        ngl > L and n_cpu_moe == 0 and min_free >= 0 and host_fits,
        min_free >= 0 and host_fits,
        min_free,
        tuple(split) if split is not None else None,
    )


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    """Layers in both [a0, a1) and [b0, b1), written out (max() and min() are calls, and a
    question places ~25 times): max(0, min(a1, b1) - max(a0, b0))."""
    lo = a0 if a0 > b0 else b0
    hi = a1 if a1 < b1 else b1
    return hi - lo if hi > lo else 0


# Devices whose GPU works from the system's own memory: one pool for the GPU and the host side.
SHARED_KINDS = ("apple", "unified", "igpu")


def host_borrow(w: Weights, dev: Device, ngl: int, n_cpu_moe: int) -> float:
    """Bytes the host side of a full offload (the token and per-layer embeddings llama.cpp keeps
    in host memory) takes beyond the host's own part, out of the GPU's share: on one pool of
    memory what the GPU leaves free holds it (Qwen3.8-Flash-Next's 32 GB of n-gram embeddings
    on a 128 GB Strix Halo). Nothing on a discrete GPU or with layers in RAM."""
    if dev.kind not in SHARED_KINDS or ngl <= w.n_layers or n_cpu_moe:
        return 0.0
    return max(0.0, w.embed - dev.ram)


def _min_free(
    w: Weights,
    kv: Sequence[float],
    compute: float,
    dev: Device,
    count: int,
    ngl: int,
    n_cpu_moe: int,
    split: Sequence[int] | None = None,
) -> float:
    """_place(...).min_free without building the placement, so searches over -ngl / --n-cpu-moe
    build only the placement they settle on."""
    borrow = host_borrow(w, dev, ngl, n_cpu_moe)  # as _place takes it
    if count == 1:  # the common case, without the loads list and the split
        weights_gpu, kv_gpu, compute_gpu = _one_gpu_load(w, kv, compute, ngl, n_cpu_moe)
        usable = dev.usables[0] if dev.usables else dev.usable  # usable_of(0), without a call
        f = (usable - borrow) - (weights_gpu + kv_gpu + compute_gpu)
        return f if f < math.inf else math.inf  # as the loop below takes it (a NaN: no limit)
    free = math.inf
    usables = dev.usables
    if split is None and usables:  # default_split: None for equal GPUs
        split = default_split(dev, count, min(ngl, w.n_layers))
    loads = _gpu_loads(w, kv, compute, count, ngl, n_cpu_moe, split)
    for d_i, (weights_gpu, kv_gpu, compute_gpu) in enumerate(loads):
        usable = (usables[d_i] if usables else dev.usable) - (borrow if d_i == 0 else 0.0)
        f = usable - (weights_gpu + kv_gpu + compute_gpu)
        if f < free:
            free = f
    return free


def _inputs(
    model: Model,
    quant: QuantType,
    n_ctx: int,
    kv_type: str,
    flash_attn: bool,
    n_seq: int,
    kv: Sequence[float] | None = None,
) -> tuple[Weights, Sequence[float], float]:
    """What every placement of one model at one context starts from: the weights, the
    cumulative KV per layer (kv_prefix; `kv` when the caller has it) and the compute buffer."""
    if kv is None:
        kv = kv_prefix_at(model, n_ctx, kv_type, n_seq)
    return weights(model, quant), kv, compute_buffer(model, n_ctx, flash_attn)


def full_offload(
    model: Model,
    quant: QuantType,
    dev: Device,
    count: int,
    n_ctx: int,
    kv_type: str = "f16",
    flash_attn: bool = True,
    n_seq: int = 1,
) -> Placement:
    """Everything on the accelerator(s) (-ngl 99), whether or not it fits."""
    w, kv, compute = _inputs(model, quant, n_ctx, kv_type, flash_attn, n_seq)
    split = _full_split(w, kv, compute, dev, count)
    return _place(w, kv, compute, dev, count, model.layers + 1, 0, split)


def full_offload_free(
    model: Model,
    quant: QuantType,
    dev: Device,
    count: int,
    n_ctx: int,
    kv_type: str = "f16",
    flash_attn: bool = True,
    n_seq: int = 1,
) -> float:
    """full_offload(...).min_free, without building the placement."""
    w, kv, compute = _inputs(model, quant, n_ctx, kv_type, flash_attn, n_seq)
    split = _full_split(w, kv, compute, dev, count)
    return _min_free(w, kv, compute, dev, count, model.layers + 1, 0, split)


def _full_split(w, kv, compute, dev: Device, count: int) -> tuple[int, ...] | None:
    """The split of everything on the GPUs: llama.cpp's even default, or, when that overflows a
    GPU, the filled split that fits (None: the default)."""
    if count == 1 or _min_free(w, kv, compute, dev, count, w.n_layers + 1, 0) >= 0:
        return None
    return fill_split(w, kv, compute, dev, count, 0)


def _fewest_experts_in_ram(w, kv, compute, dev, count, full_free: float) -> Placement | None:
    """--n-cpu-moe N: the smallest N that fits. With one GPU each layer's experts free the same
    bytes, so N is a division; with several, bisect (the split decides which GPU is full).
    `full_free` is the min_free of everything on the GPU(s)."""
    if count == 1 and w.expert_per_layer > 0:
        need = -full_free
        n = min(max(1, int(-(-need // w.expert_per_layer))), w.moe_layers)
        p = _place(w, kv, compute, dev, count, w.n_layers + 1, n)
        return p if p.min_free >= 0 else None
    # several GPUs: the first ones would sit half empty once their layers' experts are in RAM
    # under the default even split, so fill each GPU in turn, the way llama.cpp's --fit (or a
    # tuned --tensor-split) places them, and find the fewest layers whose experts must move
    lo, hi, best = 1, w.moe_layers, None
    while lo <= hi:
        mid = (lo + hi) // 2
        if fill_split(w, kv, compute, dev, count, mid) is not None:
            best, hi = mid, mid - 1
        else:
            lo = mid + 1
    if best is None:
        return None
    split = fill_split(w, kv, compute, dev, count, best)
    return _place(w, kv, compute, dev, count, w.n_layers + 1, best, split)


def fill_split(
    w: Weights, kv: Sequence[float], compute: float, dev: Device, count: int, n_cpu_moe: int
) -> tuple[int, ...] | None:
    """Layers per GPU when every layer is on a GPU and each GPU in turn takes as many of the next
    layers as it holds, keeping the fit margin where it can (the last GPU takes the rest and the
    output layer). None when the layers do not fit even filled to the brim."""
    caps = [dev.usable_of(i) for i in range(count)]
    if _over_all_gpus(w, kv, compute, caps, n_cpu_moe):
        return None
    for keep in (fit_margin(dev), 0.0):
        split = _fill(w, kv, compute, [c - keep for c in caps], caps[-1], count, n_cpu_moe)
        if split is not None:
            return split
    return None


def _over_all_gpus(w: Weights, kv: Sequence[float], compute: float, caps, n_cpu_moe: int) -> bool:
    """Whether the layers cannot fit any split, as _fill places them: more bytes than all the
    GPUs hold together (a GPU left without layers holds nothing, not even its compute buffer; the
    last always holds one, and the output layer). Slack for rounding: _fill sums the same bytes
    GPU by GPU, so only a clear overflow says no; the searches over --n-cpu-moe and the full
    offload ask ~10 times a question on a multi-GPU rig, for splits that do not exist."""
    experts = w.moe_layers - min(n_cpu_moe, w.moe_layers)  # MoE layers whose experts are on GPUs
    need = (
        w.n_layers * w.per_layer
        + experts * w.expert_per_layer
        + (kv[w.n_layers] - kv[0])
        + w.output
        + compute
    )
    room = sum(c for c in caps[:-1] if c > 0) + caps[-1]
    return need > room + abs(room) * 1e-9 + 1.0


def fit_margin(dev: Device) -> float:
    """Free memory a device should keep to run well: llama.cpp's --fit keeps 1 GiB on every
    device whatever its size (its default --fit-target; a small device gets no smaller margin:
    llama_params_fit compares each device's projected free memory with the same target), and on a
    big device a fixed GiB is no real headroom (411 of 412 GB is not "runs well"), so at least
    HEADROOM_SHARE of it."""
    return max(C.FIT_MARGIN_GIB * C.GIB, C.HEADROOM_SHARE * dev.usable)


def _fill(w, kv, compute, targets, last_usable, count, n_cpu_moe) -> tuple[int, ...] | None:
    L = w.n_layers
    experts_ram_end = L - w.moe_layers + min(n_cpu_moe, w.moe_layers)

    def used(a: int, b: int) -> float:  # layers a..b-1 on one GPU
        experts = max(0, b - max(a, experts_ram_end))
        return (b - a) * w.per_layer + experts * w.expert_per_layer + kv[b] - kv[a] + compute

    split: list[int] = []
    a = 0
    for i in range(count - 1):
        lo, hi = a, L
        while lo < hi:  # the most layers from a on that stay under the target
            mid = (lo + hi + 1) // 2
            if used(a, mid) <= targets[i]:
                lo = mid
            else:
                hi = mid - 1
        split.append(lo - a)
        a = lo
    if used(a, L) + w.output > last_usable:
        return None
    split.append(L - a)
    return tuple(split)


def _most_layers_on_gpu(w, kv, compute, dev, count) -> Placement:
    """-ngl N: the largest N that fits, counting layers down from the last one."""
    L = w.n_layers
    if count == 1:
        moe_start = L - w.moe_layers

        per_layer, expert, kv_all, usable = w.per_layer, w.expert_per_layer, kv[L], dev.usable
        lo, hi = 0, L
        while lo < hi:
            mid = (lo + hi + 1) // 2
            # what the last `mid` layers take on the GPU (written out: a placement asks ~6 times)
            first = L - mid
            moe = L - (first if first > moe_start else moe_start)  # MoE layers among them
            used = compute + mid * per_layer + (moe if moe > 0 else 0) * expert + kv_all - kv[first]
            if used <= usable:
                lo = mid
            else:
                hi = mid - 1
        return _place(w, kv, compute, dev, count, lo, 0)
    lo, hi, best = 0, L, None
    while lo <= hi:
        mid = (lo + hi) // 2
        if _min_free(w, kv, compute, dev, count, mid, 0) >= 0:
            best, lo = mid, mid + 1
        else:
            hi = mid - 1
    return _place(w, kv, compute, dev, count, best if best is not None else 0, 0)


def place(
    model: Model,
    quant: QuantType,
    dev: Device,
    count: int,
    n_ctx: int,
    kv_type: str = "f16",
    flash_attn: bool = True,
    n_seq: int = 1,
    kv: Sequence[float] | None = None,
    experts_apart: bool = True,
) -> Placement:
    """The placement llama.cpp ends up with (see _placed), kept: a question places each quant it
    weighs, and the next question about the same model, setup and context places them again.
    The placement returned is shared: never change it. `kv`, when given, must be
    kv_prefix_at(model, n_ctx, kv_type, n_seq) (it is only the caller's copy of it)."""
    key = (id(model), id(quant), dev, count, n_ctx, kv_type, flash_attn, n_seq, experts_apart)
    hit = _PLACED.get(key)
    if hit is not None and hit[0] is model and hit[1] is quant:
        return hit[2]
    p = _placed(model, quant, dev, count, n_ctx, kv_type, flash_attn, n_seq, kv, experts_apart)
    if len(_PLACED) >= PLACED_MAX:
        _PLACED.clear()
    # the entries are kept beside the placement: an id in a key always names the entry it was
    # made from while the key is there
    _PLACED[key] = (model, quant, p)
    return p


# (model id, quant id, device, GPUs, context, KV type, flash attention, sequences, experts apart) ->
# (model, quant, placement); cleared when full (a bounded cache, no LRU bookkeeping per hit). A
# placement kept takes ~1 KB and a question ~20-40 of them: the last ~50-100 setups, ~2 MB
PLACED_MAX = 2048
_PLACED: dict[tuple, tuple[Model, QuantType, Placement]] = {}
place.cache_clear = _PLACED.clear


def _placed(
    model: Model,
    quant: QuantType,
    dev: Device,
    count: int,
    n_ctx: int,
    kv_type: str = "f16",
    flash_attn: bool = True,
    n_seq: int = 1,
    kv: Sequence[float] | None = None,
    experts_apart: bool = True,
) -> Placement:
    """The placement llama.cpp ends up with: all on GPU if it fits; else routed experts to RAM
    (--n-cpu-moe) for MoE models; else the fewest layers in RAM (-ngl). `kv` may carry the
    cumulative KV of this context (kv_prefix) when the caller places several quants.
    experts_apart=False: whole layers only, as a runner without --n-cpu-moe (Ollama) places a
    MoE."""
    w, kv, compute = _inputs(model, quant, n_ctx, kv_type, flash_attn, n_seq, kv)
    L = model.layers
    if dev.kind == "cpu":
        p = Placement(kind="cpu", gpu_layers=0, n_cpu_moe=0)
        p.weights_total = w.total
        p.kv_total = kv[L]
        p.host = DeviceLoad(
            "RAM", weights=w.total, kv=p.kv_total, compute=compute, usable=dev.usable
        )
        p.devices = [p.host]
        p.min_free = p.host.free
        p.fits = p.fits_gpu = p.min_free >= 0
        return p
    full_free = _min_free(w, kv, compute, dev, count, L + 1, 0)
    split = None
    if full_free < 0 and count > 1:
        # the even split overflows one GPU (the last holds the output layer): a tuned split may not
        split = fill_split(w, kv, compute, dev, count, 0)
        if split is not None:
            full_free = 0.0
    elif count > 1 and full_free < fit_margin(dev):
        # the even split fits with no room to spare on one GPU: a tuned split (-ts) that keeps
        # the margin on every GPU runs well, as it does at a longer context where the even split
        # overflows (more context never fits better)
        tuned = fill_split(w, kv, compute, dev, count, 0)
        if tuned is not None and _min_free(w, kv, compute, dev, count, L + 1, 0, tuned) >= (
            fit_margin(dev)
        ):
            split = tuned
    if full_free >= 0:
        full = _place(w, kv, compute, dev, count, L + 1, 0, split)
        full.kind = (
            "unified"
            if dev.kind in ("apple", "unified", "igpu")
            else ("multi_gpu" if count > 1 else "gpu")
        )
        # the host keeps the token embeddings (and per-layer tables): on a small unified-memory
        # machine even that can be too much
        full.fits_gpu = full.fits = full.host.total <= full.host.usable
        return full
    if w.moe_layers and experts_apart:
        best = _fewest_experts_in_ram(w, kv, compute, dev, count, full_free)
        if best is not None:
            best.kind = "moe_offload"
            return best
    best = _most_layers_on_gpu(w, kv, compute, dev, count)
    best.kind = "partial_offload"
    return best


def fits_on_gpu(
    model: Model,
    quant: QuantType,
    dev: Device,
    count: int,
    n_ctx: int,
    kv_type: str = "f16",
    flash_attn: bool = True,
    n_seq: int = 1,
    kv: Sequence[float] | None = None,
) -> bool:
    """place(...).fits_gpu, without searching for an offload when everything does not fit."""
    if dev.kind == "cpu":
        return place(model, quant, dev, count, n_ctx, kv_type, flash_attn, n_seq, kv).fits_gpu
    w, kv, compute = _inputs(model, quant, n_ctx, kv_type, flash_attn, n_seq, kv)
    if w.embed > dev.ram_full_offload and dev.kind not in SHARED_KINDS:
        return False  # the host side cannot even hold the embeddings
    if _min_free(w, kv, compute, dev, count, model.layers + 1, 0) >= 0:
        return True
    return count > 1 and fill_split(w, kv, compute, dev, count, 0) is not None
