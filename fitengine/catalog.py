"""The catalog: models, hardware, quantization types and workloads, loaded from YAML.

Every entry is validated with pydantic when the catalog loads. A bad entry fails with the file,
the entry id and the field named, so a typo in a YAML file never becomes a wrong answer.
"""

from __future__ import annotations

import functools
import json
import os
import re
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal, TypeVar

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    model_validator,
)

from .speculative import VOCAB_MAX_DIFFERENCE

# YAML reads `3090` as an int; an alias is always text.
Alias = Annotated[str, BeforeValidator(str)]

# libyaml's C loader parses the catalog ~10x faster than the pure-Python one (safe either way).
_YamlLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

GB = 1e9
GIB = 1024**3


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --------------------------------------------------------------------------- models


class LayerGroup(_Entry):
    """A run of layers that share one attention kind.

    full:       KV cache of 2 x kv_heads x head_dim per token per layer, plus `indexer_dim`
                indexer key values per token where a learned indexer picks the tokens to attend
                (Qwen3.8-Flash-Next's QSA layers: llama.cpp's llama_memory_hybrid_idx keeps a
                key-only cache of one head of that width beside the KV cache)
    sliding:    like full, but only the last `window` tokens are kept
    mla:        multi-head latent attention, (kv_lora_rank + rope_dim) values per token per layer,
                plus `indexer_dim` lightning-indexer key values per token with DeepSeek Sparse
                Attention (DeepSeek V3.2, GLM-5)
    linear:     linear attention / SSM / recurrent: a fixed state per sequence, `state_mb` per layer
    compressed: DeepSeek V4's hybrid attention. One vector of kv_heads x head_dim serves as key
                and value (cached once, not twice) for the last `window` tokens; with
                `compress_ratio`, one more row of that width per compress_ratio tokens of the whole
                context, plus `indexer_dim` indexer key values per compressed row

    shared_kv: the layers attend over the cache an earlier layer wrote (Gemma 3n/4 KV sharing:
    llama.cpp gives layers from n_layer - n_kv_shared_layers on no cache of their own), so they
    compute attention but add no KV bytes.
    """

    kind: Literal["full", "sliding", "mla", "linear", "compressed"]
    layers: int = Field(gt=0)
    window: int | None = Field(default=None, gt=0)
    kv_heads: int | None = Field(default=None, gt=0)
    head_dim: int | None = Field(default=None, gt=0)
    v_head_dim: int | None = Field(default=None, gt=0)
    kv_lora_rank: int | None = Field(default=None, gt=0)
    rope_dim: int | None = Field(default=None, ge=0)
    state_mb: float | None = Field(default=None, ge=0)
    shared_kv: bool = False
    # tokens pooled into one cached row (compressed kind); none: only the raw window is cached
    compress_ratio: int | None = Field(default=None, gt=1)
    # indexer key values cached per cached row (a token for mla and full, a compressed row)
    indexer_dim: int | None = Field(default=None, gt=0)

    @model_validator(mode="after")
    def _kind_fields(self) -> LayerGroup:
        if self.shared_kv and self.kind not in ("full", "sliding"):
            raise ValueError("only full or sliding layer groups can share an earlier KV cache")
        if self.kind in ("sliding", "compressed") and self.window is None:
            raise ValueError(f"a {self.kind} layer group needs `window`")
        if self.kind == "mla" and self.kv_lora_rank is None:
            raise ValueError("an mla layer group needs `kv_lora_rank` (and `rope_dim`)")
        if self.kind == "linear" and self.state_mb is None:
            raise ValueError("a linear layer group needs `state_mb` (recurrent state per layer)")
        if self.compress_ratio is not None and self.kind != "compressed":
            raise ValueError("`compress_ratio` belongs to a compressed layer group")
        if self.indexer_dim is not None and not (
            self.kind in ("mla", "full") or (self.kind == "compressed" and self.compress_ratio)
        ):
            raise ValueError(
                "`indexer_dim` needs a full or mla group, or a compressed one with a ratio"
            )
        return self


class MoE(_Entry):
    experts: int = Field(gt=1)
    active: int = Field(gt=0, description="routed experts per token")
    shared: int = Field(default=0, ge=0)
    expert_params_b: float = Field(
        gt=0, description="parameters in all routed experts of all layers, billions"
    )
    moe_layers: int = Field(gt=0, description="layers that have routed experts")


class GGUFRepo(_Entry):
    repo: str = Field(pattern=r"^[\w.-]+/[\w.-]+$")
    # quant type -> file size in decimal GB when known (null: the repo has it, size unknown)
    quants: dict[str, float | None]
    # the files are converted from the developer's quantization-aware-trained checkpoint (Google's
    # Gemma QAT): at the type the training targeted they lose less (catalog/quant_loss.yaml qat_*)
    qat: bool = False


class Score(_Entry):
    """One published evaluation figure of a model (AA Intelligence Index, Aider polyglot, ...).

    `metric` names an entry of catalog/metrics.yaml, which says what the figure measures and how
    it maps onto the common scale the advice ranks by."""

    metric: str
    value: float
    source: str  # where the figure was published (URL)
    date: str = Field(pattern=r"^\d{4}-\d{2}(-\d{2})?$", description="when it was published/read")
    note: str | None = None


class RopeScaling(_Entry):
    """Context extension the model supports beyond its native window (opt-in in llama.cpp)."""

    type: Literal["yarn", "linear", "longrope", "dynamic"]
    factor: float = Field(gt=1)
    original_context: int = Field(gt=0, description="the native context the factor multiplies")
    source: str


class MTP(_Entry):
    """Multi-token-prediction heads shipped with the weights (usable for speculative decoding)."""

    layers: int = Field(gt=0, description="nextn / MTP layers in the checkpoint")
    params_b: float | None = Field(default=None, ge=0, description="parameters of the MTP layers")
    acceptance: float | None = Field(
        default=None, gt=0, le=1, description="mean acceptance rate of one drafted token"
    )
    measured_draft: int | None = Field(
        default=None,
        gt=0,
        description="the draft length (--spec-draft-n-max) the acceptance was measured at",
    )
    source: str


class PendingSupport(_Entry):
    """Stock llama.cpp does not load the model's architecture yet: where it runs meanwhile."""

    runs_in: str = Field(description="forks or tools that run it (ik_llama.cpp, a vendor's fork)")
    checked: str = Field(pattern=r"^\d{4}-\d{2}(-\d{2})?$", description="when this was last read")
    source: str


class Loop(_Entry):
    """A looped transformer's core (Inkling 2 Mini): physical layers `first`..`last` (0-based,
    inclusive) run `passes` times a token with the same weights, each pass with a KV cache and
    short-convolution state of its own. llama.cpp keeps the layers once (its -ngl and
    --n-cpu-moe count them), so the model's `layers` are the physical ones and its attention
    groups cover the layer visits: layers + (last - first + 1) x (passes - 1)."""

    first: int = Field(ge=0)
    last: int = Field(ge=0)
    passes: int = Field(gt=1)

    @property
    def length(self) -> int:
        return self.last - self.first + 1


# What a model is made for beyond general use, as its tags say: a specialist's newer release
# shares one of these (Model.may_replace).
SPECIALIST_TAGS = frozenset({"coding", "reasoning", "vision"})


class Model(_Entry):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9.\-]*$")
    name: str
    family: str
    params_b: float = Field(gt=0)
    active_params_b: float | None = Field(default=None, gt=0)
    layers: int = Field(gt=0)
    hidden_size: int = Field(gt=0)
    heads: int = Field(gt=0)
    kv_heads: int = Field(gt=0)
    head_dim: int = Field(gt=0)
    vocab: int = Field(gt=0)
    tied_embeddings: bool = False
    # Gemma 3n/4 per-layer embeddings (PLE): a second token-indexed table (vocab x layers x
    # per-layer width) that llama.cpp keeps in host memory like the token embedding, reading one
    # row per token; billions of parameters, counted in params_b
    per_layer_embed_params_b: float | None = Field(default=None, gt=0)
    context: int = Field(gt=0, description="native context length, tokens")
    attention: list[LayerGroup]
    moe: MoE | None = None
    hf_repo: str = Field(pattern=r"^[\w.-]+/[\w.-]+$")
    gguf: list[GGUFRepo] = []
    ollama: str | None = None
    aliases: list[Alias] = []
    tags: list[str] = []
    released: str | None = Field(default=None, pattern=r"^\d{4}(-\d{2})?$")
    # why a newer model replaces this one wherever it runs, in one line: released before 2025,
    # and a model released since, of its kind (Model.may_replace) and at most 4/3 its size,
    # scores higher on the published quality index (the rule: tests/test_catalog05_kinds.py). A
    # list of the best models for a setup names it only after today's; None for a current model
    superseded: str | None = None
    # published evaluations (see Score); none for a model nobody evaluated
    scores: list[Score] = []
    rope_scaling: RopeScaling | None = None
    # the format the weights were released in when it is a GGUF quant type (gpt-oss: MXFP4)
    native_quant: str | None = None
    # every GGUF of the model keeps native_quant for the bulk of its weights and the quant in a
    # file's name covers the rest (gpt-oss: MoE experts MXFP4 in every file, hence files of one
    # size); its speed is the native format's whatever the file is called
    native_bulk: bool = False
    mtp: MTP | None = None
    # set while mainline llama.cpp cannot load the architecture: lists leave the model out and
    # its card says where it runs, rather than print commands that stop at "unknown model
    # architecture"
    pending_llama_cpp: PendingSupport | None = None
    loop: Loop | None = None
    source: str

    @property
    def active_b(self) -> float:
        return self.active_params_b or self.params_b

    @property
    def is_moe(self) -> bool:
        return self.moe is not None

    @property
    def released_month(self) -> int | None:
        """Months since year 0 of the release ("2026-04" -> 24316; a year alone is its middle),
        for ages between models."""
        if not self.released:
            return None
        y, _, mo = self.released.partition("-")
        return int(y) * 12 + (int(mo) if mo else 6)

    def may_replace(self, older: Model) -> bool:
        """Whether this model can stand as `older`'s newer release: a general model's successor
        is general (Qwen3-Coder-Next codes; it does not replace Qwen3-Next for chat), a specialist's
        a specialist of the same kind (a coder does not replace Magistral's reasoning) or a newer
        general sibling (it codes better than the old coder)."""
        if "general" in self.tags:
            return True
        return "general" not in older.tags and bool(
            set(self.tags) & set(older.tags) & SPECIALIST_TAGS
        )

    @property
    def visits(self) -> int:
        """Layer visits a token makes: the layers, and a loop's core again for each extra pass."""
        if self.loop is None:
            return self.layers
        return self.layers + self.loop.length * (self.loop.passes - 1)

    def visits_in(self, a: int, b: int) -> int:
        """Visits a token makes to the physical layers a..b-1 (their count without a loop)."""
        if self.loop is None or b <= a:
            return b - a if b > a else 0
        lo, hi = max(a, self.loop.first), min(b, self.loop.last + 1)
        return b - a + (hi - lo) * (self.loop.passes - 1) if hi > lo else b - a

    def layer_of_visit(self) -> tuple[int, ...]:
        """The physical layer of each visit in the order a token makes them: the layers before
        the loop, its core once per pass, then the layers after it."""
        if self.loop is None:
            return tuple(range(self.layers))
        lp = self.loop
        core = tuple(range(lp.first, lp.last + 1))
        return (*range(lp.first), *core * lp.passes, *range(lp.last + 1, self.layers))

    @model_validator(mode="after")
    def _layers_add_up(self) -> Model:
        if self.loop is not None and self.loop.last >= self.layers:
            raise ValueError(f"the loop ends at layer {self.loop.last}, past the model's last")
        if self.loop is not None and self.loop.first > self.loop.last:
            raise ValueError("the loop's first layer comes after its last")
        total = sum(g.layers for g in self.attention)
        if total != self.visits:
            what = " layer visits" if self.loop else ""
            raise ValueError(
                f"attention groups cover {total} layers, the model has {self.visits}{what}"
            )
        if self.active_params_b and self.active_params_b > self.params_b:
            raise ValueError("active_params_b is larger than params_b")
        return self


# --------------------------------------------------------------------------- hardware

HardwareKind = Literal["gpu", "apple", "unified", "igpu", "cpu"]
Backend = Literal["cuda", "rocm", "vulkan", "metal", "sycl", "cpu"]
# CPU vector and matrix extensions llama.cpp's CPU backend has kernels for (ggml-cpu): x86 from SSE4
# to AMX, Arm from NEON to SME, RISC-V's vector extension.
Simd = Literal[
    "sse4",
    "avx",
    "avx2",
    "avx-vnni",
    "avx512",
    "avx512-vnni",
    "avx512-bf16",
    "amx",
    "neon",
    "dotprod",
    "i8mm",
    "sve",
    "sve2",
    "sme",
    "rvv",
]


# GB/s one PCIe lane carries each way after line encoding, by generation: transfer rate (GT/s) x
# encoding efficiency / 8 bits (1.0 and 2.0: 8b/10b; 3.0 to 5.0: 128b/130b; 6.0: PAM4 FLITs that
# carry 242 data bytes in 256). Physics of the standard, not a measurement.
PCIE_LANE_GBPS = {
    "1.0": 2.5 * 8 / 10 / 8,
    "2.0": 5.0 * 8 / 10 / 8,
    "3.0": 8.0 * 128 / 130 / 8,
    "4.0": 16.0 * 128 / 130 / 8,
    "5.0": 32.0 * 128 / 130 / 8,
    "6.0": 64.0 * 242 / 256 / 8,
}
PCIE_LANES = (1, 2, 4, 8, 16)
_PCIE_LINK = re.compile(r"(\d\.\d) x(\d+)")


def _pcie_link(link: str) -> str:
    m = _PCIE_LINK.fullmatch(link)
    if not m or m[1] not in PCIE_LANE_GBPS or int(m[2]) not in PCIE_LANES:
        raise ValueError(
            f"PCIe link {link!r} is not 'GEN xLANES' with GEN one of "
            f"{', '.join(PCIE_LANE_GBPS)} and LANES one of {', '.join(map(str, PCIE_LANES))}"
        )
    return link


def pcie_link_gbps(link: str) -> float:
    """GB/s each way of a valid link ("4.0 x8" -> 15.75)."""
    gen, lanes = link.split(" x")
    return PCIE_LANE_GBPS[gen] * int(lanes)


class Hardware(_Entry):
    """One device. `gpu`: dedicated VRAM. `apple`: Apple silicon unified memory. `unified`: a big
    shared-memory GPU (Strix Halo, DGX Spark, Jetson). `igpu`: a small integrated GPU sharing
    system RAM. `cpu`: a CPU-only system (memory_gb is its RAM)."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9.\-]*$")
    name: str
    vendor: Literal["nvidia", "amd", "intel", "apple", "qualcomm", "arm", "other"]
    kind: HardwareKind
    form: Literal["desktop", "laptop", "workstation", "datacenter", "embedded", "server", "mini"]
    memory_gb: float = Field(gt=0, description="default memory; decimal GB as marketed")
    memory_options_gb: list[float] = []
    bandwidth_gbps: float = Field(gt=0)
    fp16_tflops: float = Field(gt=0, description="dense FP16 (tensor where it has them)")
    int8_tops: float | None = Field(default=None, gt=0)
    # FP32 on the shader cores / vector engines (GPUs whose fp16 figure is a matrix-unit rate): what
    # a kernel family bound by FP32 arithmetic reaches (SYCL's default SGEMM path)
    fp32_tflops: float | None = Field(default=None, gt=0)
    # how that rate was had (2 x shaders x clock, and where the shader count is from)
    fp32_source: str | None = None
    tensor_cores: bool = False
    # board power limit (TDP / TGP / total board power) of a GPU, in watts: a card whose limit is
    # low for its arithmetic cannot hold its boost clock through a long matrix product
    power_w: float | None = Field(default=None, gt=0)
    power_source: str | None = None
    clock_mhz: float | None = Field(
        default=None, gt=0, description="boost clock of the GPU cores (CPU: max turbo)"
    )
    arch: str
    memory_type: str | None = None
    backends: list[Backend]
    cores: int | None = Field(default=None, gt=0, description="CPU cores (cpu kind)")
    channels: int | None = Field(default=None, gt=0, description="memory channels (cpu kind)")
    # what the CPU cores of a SoC can stream from its DRAM where the chip's fabric holds them far
    # below the memory's peak (STREAM's best kernel, measured, GB/s): the bandwidth a CPU-only run
    # reads its weights at a share of, in place of bandwidth_gbps
    cpu_stream_gbps: float | None = Field(default=None, gt=0)
    cpu_stream_source: str | None = None
    # what the links between a chiplet CPU's core dies (AMD's CCDs, or an APU's core complexes)
    # and the die holding the memory controllers carry to the cores, GB/s: links x bytes read per
    # fabric clock x the fabric clock (FCLK). Where it is below the DRAM's peak (one Zen 4/5 CCD on
    # two channels of DDR5) a CPU-only run reads its weights at a share of it instead
    cpu_fabric_gbps: float | None = Field(default=None, gt=0)
    cpu_fabric_source: str | None = None
    # the GPU's last-level cache in MB (AMD's Infinity Cache / MALL, else its L2), as its spec
    # sheet or a measured review gives it: data a kernel re-reads within it comes back at cache
    # speed, past it from DRAM (speed.kv_spill_bytes); None where no source gives it
    llc_mb: float | None = Field(default=None, gt=0)
    llc_source: str | None = None
    # an Intel hybrid CPU (the CPUID hybrid flag): llama.cpp's default thread count is its
    # performance cores alone (common.cpp cpu_get_num_math skips efficiency cores, which "harm
    # lockstep threading"), so its matmuls run at those cores' share of the FP32 peak
    p_cores: int | None = Field(default=None, gt=0)
    p_fp32_tflops: float | None = Field(default=None, gt=0)
    year: int | None = None
    # the CPU's vector/matrix extensions (cpu kind; Apple chips for their CPU backend)
    simd: list[Simd] = []
    # launch price (MSRP, USD) of the base configuration; chips sold in machines with several
    # memory sizes (Macs, Strix Halo boxes) give memory_prices_usd: GB -> the cheapest launch price
    # of a machine with that memory (see price_for)
    launch_price_usd: float | None = Field(default=None, gt=0)
    memory_prices_usd: dict[float, float] = {}
    price_source: str | None = None
    # what the card sells for used when the community buys it used rather than new (the RTX 3090
    # at ~$750 in 2026, half its launch price): USD, with the source and the month it was read
    # ("2026-05"); a used price is a street price and ages, so it carries its date
    used_price_usd: float | None = Field(default=None, gt=0)
    used_price_source: str | None = None
    used_price_date: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}$")
    # what a new one sells for where that is well above its launch price (a card in short supply:
    # the RTX 5090's partner boards in 2026), with the source and the month it was read
    street_price_usd: float | None = Field(default=None, gt=0)
    street_price_source: str | None = None
    street_price_date: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}$")
    # a GPU ROCm ships no kernels for, which runs a supported sibling's kernels when told to
    # (HSA_OVERRIDE_GFX_VERSION=10.3.0 on Navi 22/23/24, gfx1031-1035, to run as gfx1030): the
    # value, with the source; without it a ROCm build fails to load on the card
    rocm_gfx_override: str | None = Field(default=None, pattern=r"^\d+\.\d+\.\d+$")
    rocm_gfx_override_source: str | None = None
    # built by fitengine.infer_hw from the family rules in catalog/hardware-rules, not catalogued
    inferred: bool = False
    # the card's host link as its spec gives it, "4.0 x8" (PCIe generation, lanes): it carries
    # the weights left in RAM to the GPU. A board negotiates the lower of its own and the card's.
    # None: not catalogued (a laptop's link is its maker's; SXM/OAM modules and iGPUs have none)
    pcie: Annotated[str, AfterValidator(_pcie_link)] | None = None
    # an SXM module sold only on a server baseboard of this many (NVIDIA HGX 8-GPU), never as a
    # card on its own: a question naming it without a count ("H20 servers") is about the server
    server_gpus: int | None = Field(default=None, ge=2)
    server_source: str | None = None
    aliases: list[Alias] = []
    # the chip's LLVM processor name ("gfx1100"), as ROCm, rocminfo and llama.cpp print it: shared
    # by every card on the chip, so it names the chip, not one card (aliases name one entry)
    gfx: str | None = Field(default=None, pattern=r"^gfx[0-9a-f]{3,4}$")
    source: str
    # GB/s each way of `pcie`, worked out once when the entry loads
    _pcie_gbps: float | None = PrivateAttr(default=None)

    @property
    def default_backend(self) -> str:
        return self.backends[0]

    @property
    def pcie_gbps(self) -> float | None:
        """GB/s each way the card's host link carries (None: not catalogued)."""
        return self._pcie_gbps

    def sold_with(self, gb: float) -> bool:
        """Sold with this much memory: its own size or one of its options, within 0.6 GB (a
        size said in GiB or GB, "36" for 36 GB)."""
        return any(abs(s - gb) < 0.6 for s in (self.memory_gb, *self.memory_options_gb))

    def price_for(self, memory_gb: float | None = None) -> float | None:
        """The cheapest known price of a configuration with at least this much memory (the base
        configuration when none is asked): its launch price, or its used price where that is
        lower (what it costs to buy one today); None when no such price is known."""
        if self.memory_prices_usd:
            fits = [p for gb, p in self.memory_prices_usd.items() if gb >= (memory_gb or 0)]
            return min(fits) if fits else None
        if (memory_gb or 0) > self.memory_gb:
            return None
        new = self.street_price_usd or self.launch_price_usd  # what a new one costs today
        known = [p for p in (new, self.used_price_usd) if p is not None]
        return min(known) if known else None

    @model_validator(mode="after")
    def _memory_options(self) -> Hardware:
        if self.memory_options_gb and self.memory_gb not in self.memory_options_gb:
            raise ValueError("memory_gb must be one of memory_options_gb")
        sizes = {self.memory_gb, *self.memory_options_gb}
        if stray := [gb for gb in self.memory_prices_usd if gb not in sizes]:
            raise ValueError(f"memory_prices_usd names sizes it is not sold with: {stray}")
        if (self.launch_price_usd or self.memory_prices_usd) and not self.price_source:
            raise ValueError("a launch price needs `price_source`")
        if self.rocm_gfx_override and not self.rocm_gfx_override_source:
            raise ValueError("a ROCm gfx override needs `rocm_gfx_override_source`")
        if self.street_price_usd and not (self.street_price_source and self.street_price_date):
            raise ValueError("a street price needs `street_price_source` and `street_price_date`")
        if self.used_price_usd and not (self.used_price_source and self.used_price_date):
            raise ValueError("a used price needs `used_price_source` and `used_price_date`")
        if self.pcie is not None:
            if self.kind != "gpu":
                raise ValueError("`pcie` is a discrete GPU's host link (kind gpu)")
            self._pcie_gbps = pcie_link_gbps(self.pcie)
        if self.power_w and not self.power_source:
            raise ValueError("a power limit needs `power_source`")
        if (self.p_cores is None) != (self.p_fp32_tflops is None):
            raise ValueError("a hybrid CPU states both `p_cores` and `p_fp32_tflops`")
        return self


# --------------------------------------------------------------------------- hardware rules
# catalog/hardware-rules: how a CPU or an integrated GPU that has no entry is derived from its
# family, generation and segment (fitengine/infer_hw.py applies them).

# a regex over the user's text must not backtrack: no quantified group that itself repeats
_NESTED_QUANTIFIER = re.compile(r"\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)[+*{]")


def _linear_regex(pattern: str) -> str:
    if _NESTED_QUANTIFIER.search(pattern):
        raise ValueError(f"nested quantifier (may backtrack): {pattern!r}")
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"bad regex {pattern!r}: {exc}") from None
    return pattern


LinearRegex = Annotated[str, AfterValidator(_linear_regex)]


class MemorySpec(_Entry):
    """The memory a platform runs at: bandwidth = channels x MT/s x 8 bytes (64-bit channels;
    LPDDR's 16/32-bit channels counted as 64-bit equivalents)."""

    type: str  # "DDR5", "LPDDR5X"
    mt_s: int = Field(gt=0)
    channels: int = Field(gt=0)
    note: str | None = None  # the other memory the platform takes ("LPDDR5-5200: 83.2 GB/s")

    @property
    def bandwidth_gbps(self) -> float:
        return round(self.channels * self.mt_s * 8 / 1000, 1)

    @property
    def label(self) -> str:
        return f"{self.type}-{self.mt_s}"


# (performance cores, efficiency or compact cores, max turbo MHz[, memory MT/s when the model's
# differs from the family's])
CoreSpec = tuple[int, int, int] | tuple[int, int, int, int]


class CpuRule(_Entry):
    """One CPU family/generation/segment. `match` runs on the canonical name (lowercase, trademarks
    and tool notes removed: "intel core i5 12450h"); its named groups fill `name` and `id`, and the
    group `model` (and `tier`) pick the core counts from `models` (else `typical`)."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9.\-]*$")
    family: str
    vendor: Literal["intel", "amd", "qualcomm", "arm", "other"]
    form: Literal["desktop", "laptop", "workstation", "server", "embedded", "mini"]
    arch: str
    year: int
    match: LinearRegex
    name: str  # "Intel Core i{tier}-{model}"
    id_format: str  # "core-i{tier}-{model}"
    memory: MemorySpec
    memory_gb: float = Field(gt=0)
    memory_options_gb: list[float] = []
    simd: list[Simd]
    # FP32 FLOP per cycle per core, and the sustained all-core clock as a fraction of the model's
    # max turbo at the segment's usual power limit, for P and E (or compact) cores
    flop_per_cycle: tuple[int, int]
    allcore_of_turbo: tuple[float, float]
    # the E cores are a hybrid design's (Intel's CPUID hybrid flag), which llama.cpp leaves idle;
    # AMD's compact cores are not flagged and run like the others
    hybrid: bool = False
    # cores by the `tier` group ("5" of "i5", "9" of "Ryzen 9"); "*" for any tier
    typical: dict[str, CoreSpec]
    models: dict[Alias, CoreSpec] = {}
    igpu: str | None = None  # the igpu rule of the integrated GPU the chip carries
    # models whose iGPU is a smaller die's than the family's (the Ryzen AI 5 340's 840M beside the
    # 350's 860M): model -> igpu rule
    model_igpus: dict[Alias, str] = {}
    # the tier a model number stands for when the name leaves it out ("5800U" is a Ryzen 7): the
    # model number's second digit -> tier, where the family numbers its tiers that way
    tier_by_second_digit: dict[str, str] = {}
    source: str

    @model_validator(mode="after")
    def _typical_default(self) -> CpuRule:
        if not self.typical:
            raise ValueError("a rule needs `typical` core counts")
        return self


class IgpuRule(_Entry):
    """One integrated GPU. fp16 = units x FP16 FLOP per unit per clock x clock; memory is the
    host's when the text names a host CPU a CPU rule knows, else this rule's usual platform."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9.\-]*$")
    family: str
    vendor: Literal["intel", "amd", "qualcomm", "arm", "other"]
    arch: str
    year: int
    match: LinearRegex | None = None  # the iGPU's own name; None: only through a CPU rule
    name: str
    id_format: str
    units: int = Field(gt=0)  # compute units / Xe-cores / execution units
    fp16_flop_per_unit_clock: int = Field(gt=0)
    fp32_flop_per_unit_clock: int | None = Field(default=None, gt=0)
    clock_mhz: float = Field(gt=0)
    int8_ops_per_unit_clock: int | None = Field(default=None, gt=0)
    memory: MemorySpec
    memory_gb: float = Field(gt=0)
    memory_options_gb: list[float] = []
    backends: list[Backend]
    source: str


class InferWords(_Entry):
    """Words that steer inference: `igpu_cues` say the text means a chip's integrated GPU, not its
    processor ("Ryzen 7 7700 iGPU"); `cpu_cues` the reverse ("... CPU backend")."""

    igpu_cues: list[str]
    cpu_cues: list[str]
    # letters a model number carries that people may type apart from it ("i7 12700 h")
    model_suffixes: list[str]
    source: str


class MatPath(_Entry):
    """A kernel family prefill's matrix products run on, and the hardware peak that binds it."""

    path: str = Field(pattern=r"^[a-z0-9]+$")
    peak: Literal["int8", "fp16", "fp32"]
    units: Literal["matrix", "vector"]  # tensor cores / XMX / WMMA / MFMA, or shader/SIMD lanes


class ComputePath(_Entry):
    """How one llama.cpp backend runs prefill's matmuls on a family of GPU architectures
    (catalog/compute_paths.yaml); archs ["*"] is the backend's rule for any other one."""

    backend: Backend
    archs: list[str] = Field(min_length=1)
    quantized: MatPath
    unquantized: MatPath
    source: str


# --------------------------------------------------------------------------- quants & workloads


# the bit level a quant type's name carries: UD-Q4_K_XL, IQ4_XS, MXFP4_MOE -> "4"
_LEVEL_RE = re.compile(r"(?:^|[^a-z])(?:iq|q|fp|mxfp|nvfp)(\d)")


@functools.lru_cache(maxsize=512)
def bit_level(qid: str) -> str | None:
    """The bit level a quant type's name carries ("4" of UD-Q4_K_XL, IQ4_XS, MXFP4); None when
    it carries none (BF16 is a float, not a level)."""
    m = _LEVEL_RE.search(qid.lower())
    return m.group(1) if m else None


class QuantType(_Entry):
    id: str
    bpw: float = Field(gt=0, description="effective bits per weight as llama.cpp mixes the type")
    tensor_bpw: float | None = Field(
        default=None,
        gt=0,
        description="bits per weight of one tensor stored in the type (its block format alone)",
    )
    # bits per weight of the output projection llama-quantize gives this mix when its rows fit
    # 256-weight blocks (llama-quant.cpp llama_tensor_get_type_impl: Q5_K for the IQ1/IQ2 and
    # IQ3_XXS mixes, Q6_K for the others below it; None: Q6_K, or the mix's own type at or above it)
    output_bpw: float | None = Field(default=None, gt=0)
    kld: float | None = Field(default=None, ge=0, description="mean KL divergence vs F16")
    ppl_delta_pct: float | None = Field(default=None, description="perplexity increase vs F16, %")
    quality: float = Field(ge=0, le=100, description="0-100 figure derived from kld/ppl")
    label: str
    family: Literal["float", "legacy", "k", "i", "mx", "ud"]
    # a mix that squeezes a MoE's routed experts to the type and keeps the other weights at this
    # (better) type: unsloth's dynamic quants (fitengine/quant_loss.py)
    moe_rest: str | None = None
    # what a whole file of this mix weighs on a MoE, per weight: the mixes that squeeze only the
    # routed experts come out far lighter there than `bpw` (a dense model's) says; fitted on the
    # catalog's listed MoE file sizes (tests/test_quant_sizes.py keeps it near them), used for a
    # MoE that lists no file size of its own (memory.estimated_bpw)
    moe_bpw: float | None = Field(default=None, gt=0)
    aliases: list[Alias] = []
    source: str


class KvModelCost(_Entry):
    """A KV cache type's cost measured on one model line that loses more (or less) than the
    reference: the models whose id starts with one of `id_prefixes`."""

    id_prefixes: list[str] = Field(min_length=1)
    kld: float = Field(ge=0)
    quality: float = Field(ge=0, le=100)
    source: str


class KvType(_Entry):
    """A KV cache type (-ctk/-ctv) and its quality cost, on the scale of QuantType.quality;
    `models`: where a model line was measured apart (Gemma 4's q4_0 cache)."""

    id: str
    kld: float = Field(ge=0, description="mean KL divergence vs an f16 cache")
    quality: float = Field(ge=0, le=100)
    source: str
    models: list[KvModelCost] = []

    def quality_for(self, model_id: str) -> float:
        """The quality this cache keeps of this model: its line's measured figure, else the
        reference one."""
        for m in self.models:
            if model_id.startswith(tuple(m.id_prefixes)):
                return m.quality
        return self.quality


class Workload(_Entry):
    id: str
    name: str
    prompt_tokens: int = Field(gt=0)
    output_tokens: int = Field(gt=0)
    depth: int = Field(ge=0, description="tokens already in context when the turn starts")
    cached_prefix: int = Field(default=0, ge=0, description="prompt tokens served from cache")
    min_decode_tok_s: float = Field(gt=0, description="decode below which the workload suffers")
    good_decode_tok_s: float = Field(gt=0)
    max_ttft_s: float = Field(gt=0)
    min_context: int = Field(gt=0)
    # the context a thinking model's turn needs (its thoughts take room before the answer; tag
    # "thinking"): the default window for such a model, when larger than min_context
    thinking_context: int | None = Field(default=None, gt=0)
    description: str
    aliases: list[Alias] = []  # other names people give it ("code"), as analyze(workload=...) takes
    # model tags that make a model a natural pick for it (best_models ranks them up)
    model_tags: list[str] = []
    # the quality task (catalog/metrics.yaml) best_models ranks by for this workload
    quality_task: Literal[
        "overall", "coding", "tool_use", "long_context", "creative", "vision", "math"
    ] = "overall"
    # the least figure of quality_task's common scale a model needs to be an answer for the
    # workload at all (a coding agent driven by a 4B fails its tasks however fast it runs):
    # best_models lists the capable ones first, slower than min_decode_tok_s if need be
    min_quality: float | None = Field(default=None, ge=0)
    # the least quality a weight quant must keep (0-100, catalog/quants.yaml's scale, of this
    # model: configs.quant_quality) to be worth running for the workload: a lower one is chosen
    # only where nothing at or above it runs at reading speed, and the answer says so
    min_quant_quality: float = Field(default=0.0, ge=0, le=100)
    # words in a question that ask for it ("for coding", "with aider"), in the phrase notation of
    # catalog/language.yaml; when several workloads' cues appear, the lowest cue_rank wins
    # ("agentic coding" is agentic, not coding)
    cues: list[str] = []
    cue_rank: int = 100
    source: str

    def context_for(self, model: Model) -> int:
        """The window a run of this workload opens by default for this model."""
        if self.thinking_context and "thinking" in model.tags:
            return max(self.min_context, self.thinking_context)
        return self.min_context


class DraftAcceptance(_Entry):
    """One published run of a draft model ahead of its target: the share of drafted tokens the
    target accepted, as llama.cpp prints it (accepted / drafted), over drafts of `draft_tokens`
    tokens that ran their full length. The per-token acceptance the speed-up formula takes is
    derived from it (fitengine.speculative.acceptance_from_rate)."""

    rate: float = Field(gt=0, lt=1, description="accepted / drafted tokens")
    draft_tokens: int = Field(gt=0, description="the run's draft length")
    # the workloads (catalog/workloads.yaml) its prompts stand for; empty: prompts of several
    # kinds, taken for any workload the pair has no closer run for
    workloads: list[str] = []
    source: str
    note: str | None = None


class DraftPair(_Entry):
    """A small model of the target's tokenizer that llama-server can run as its draft
    (--spec-type draft-simple), with the published runs of that pair."""

    target: str
    draft: str
    quant: str = Field(description="the draft quant to run: the measured one, or the nearest")
    acceptance: list[DraftAcceptance] = Field(min_length=1)


# --------------------------------------------------------------------------- loading


class Metric(_Entry):
    """An evaluation a model Score can cite, and how it maps onto the common scale of its task.

    common = value x scale + offset: for `overall` the common scale is the Artificial Analysis
    Intelligence Index v4 (0-100); other tasks keep their own common scale, named in `unit`."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.\-]*$")
    name: str
    task: Literal["overall", "coding", "tool_use", "long_context", "creative", "vision", "math"]
    unit: str = "score"
    higher_is_better: bool = True
    scale: float = 1.0
    offset: float = 0.0
    note: str | None = None
    source: str


class CatalogError(ValueError):
    """A catalog file that does not validate; the message names file, entry and field."""


def catalog_dir() -> Path:
    """The YAML directory: CANIRUN_CATALOG, the copy shipped in the wheel, or the source tree."""
    if env := os.environ.get("CANIRUN_CATALOG"):
        return Path(env)
    shipped = Path(str(resources.files("fitengine"))) / "catalog"
    if shipped.is_dir():
        return shipped
    return Path(__file__).resolve().parent.parent / "catalog"


_Rules = TypeVar("_Rules", bound=BaseModel)


def rules_file(cat: Catalog, name: str, schema: type[_Rules]) -> _Rules:
    """A rule file of the catalog's directory (setups.yaml, multi_gpu.yaml, quant_loss.yaml ...),
    validated by `schema`, or the default catalog's when it has none of its own (a catalog built
    in memory). Read once per directory: the engine asks on its hot path, and an estimate does no
    I/O."""
    return _rules_file(cat.root, name, schema)  # type: ignore[return-value]


@functools.cache
def _rules_file(root: Path | None, name: str, schema: type[BaseModel]) -> BaseModel:
    here = root if root is not None and (root / name).exists() else catalog_dir()
    return schema.model_validate(yaml.safe_load((here / name).read_text(encoding="utf-8")))


def _load_entries(path: Path, cls: type[_Entry]) -> list:
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_YamlLoader) or []
    if not isinstance(raw, list):
        raise CatalogError(f"{path.name}: expected a list of entries")
    out = []
    for i, item in enumerate(raw):
        ident = item.get("id", f"#{i}") if isinstance(item, dict) else f"#{i}"
        try:
            out.append(cls.model_validate(item))
        except ValidationError as exc:
            err = exc.errors()[0]
            field = ".".join(str(p) for p in err["loc"]) or "(entry)"
            raise CatalogError(
                f"{path.name}: entry {ident!r}: field {field}: {err['msg']}"
            ) from None
    return out


def _load_kind(root: Path, name: str, cls: type[_Entry]) -> list:
    target = root / name
    single = root / f"{name}.yaml"
    files = (
        sorted(target.glob("*.yaml")) if target.is_dir() else [single] if single.exists() else []
    )
    entries = []
    for f in files:
        entries.extend(_load_entries(f, cls))
    return entries


class HardwareRules:
    """The parsed contents of catalog/hardware-rules."""

    def __init__(self, cpu: list[CpuRule], igpu: list[IgpuRule], words: InferWords):
        self.cpu = cpu
        self.igpu = {r.id: r for r in igpu}
        self.words = words
        if len(self.igpu) != len(igpu):
            raise CatalogError("duplicate igpu rule id")
        if len({r.id for r in cpu}) != len(cpu):
            raise CatalogError("duplicate cpu rule id")
        for r in cpu:
            for igpu in (r.igpu, *r.model_igpus.values()):
                if igpu and igpu not in self.igpu:
                    raise CatalogError(f"cpu rule {r.id!r}: unknown igpu rule {igpu!r}")

    @classmethod
    def load(cls, root: Path) -> HardwareRules:
        base = root / "hardware-rules"
        words = _load_kind(base, "words", InferWords)
        return cls(
            cpu=_load_kind(base, "cpu", CpuRule),
            igpu=_load_kind(base, "igpu", IgpuRule),
            words=words[0]
            if words
            else InferWords(igpu_cues=[], cpu_cues=[], model_suffixes=[], source="none"),
        )


class HardwareTable(dict[str, Hardware]):
    """Catalogued hardware by id. Looking up an id the catalog lacks falls back on the entries the
    family rules infer (fitengine.infer_hw): the ones resolve_hardware handed out, or the id read as
    a name ("core-i5-12450h"). Membership, iteration and len are the catalog's alone, so listings
    and "is it catalogued" checks never see an inferred entry."""

    _REMEMBERED = 4096  # inferred entries kept by id; the oldest go first

    def __init__(self, entries: dict[str, Hardware], catalog: Catalog):
        super().__init__(entries)
        self._catalog = catalog
        self._inferred: dict[str, Hardware] = {}

    def remember(self, hw: Hardware) -> None:
        if hw.inferred and hw.id not in self:
            self._inferred.pop(hw.id, None)
            self._inferred[hw.id] = hw
            while len(self._inferred) > self._REMEMBERED:
                del self._inferred[next(iter(self._inferred))]

    def __missing__(self, key: str) -> Hardware:
        if isinstance(key, str) and (hw := self._inferred.get(key) or self._infer(key)):
            return hw
        raise KeyError(key)

    def get(self, key, default=None):  # type: ignore[override]
        try:
            return self[key]
        except KeyError:
            return default

    def _infer(self, key: str) -> Hardware | None:
        from .infer_hw import infer_hardware  # infer_hw builds on this module

        hw = infer_hardware(key, self._catalog)
        if hw is None or hw.id != key:
            return None
        self.remember(hw)
        return hw


class Catalog:
    """All catalog entries, indexed by id."""

    def __init__(
        self,
        models: list[Model],
        hardware: list[Hardware],
        quants: list[QuantType],
        workloads: list[Workload],
        calibration: dict | None = None,
        metrics: list[Metric] | None = None,
        kv_types: list[KvType] | None = None,
        root: Path | None = None,
        compute_paths: list[ComputePath] | None = None,
        draft_pairs: list[DraftPair] | None = None,
    ):
        self.root = root  # the directory it was loaded from (hardware-rules are read lazily)
        self.models = {m.id: m for m in models}
        self.metrics = {x.id: x for x in metrics or []}
        self.kv_types = {x.id: x for x in kv_types or []}
        self.hardware = HardwareTable({h.id: h for h in hardware}, self)
        self.quants = {q.id: q for q in quants}
        self.workloads = {w.id: w for w in workloads}
        self.calibration = calibration or {}
        self.compute_paths: dict[tuple[str, str], ComputePath] = {}
        for rule in compute_paths or []:
            for arch in rule.archs:
                if (rule.backend, arch) in self.compute_paths:
                    raise CatalogError(f"compute path for {rule.backend} on {arch} given twice")
                self.compute_paths[(rule.backend, arch)] = rule
        # kernel family -> runs on matrix units (the speed model falls back on alike families)
        self.path_units = {
            mp.path: mp.units == "matrix"
            for rule in compute_paths or []
            for mp in (rule.quantized, rule.unquantized)
        }
        for kind, entries, index in (
            ("model", models, self.models),
            ("hardware", hardware, self.hardware),
            ("quant", quants, self.quants),
            ("workload", workloads, self.workloads),
        ):
            if len(index) != len(entries):
                seen: set[str] = set()
                dup = next(e.id for e in entries if e.id in seen or seen.add(e.id))
                raise CatalogError(f"duplicate {kind} id {dup!r}")
        for q in quants:
            if q.moe_rest is not None and (q.moe_rest not in self.quants or q.moe_rest == q.id):
                raise CatalogError(f"quant {q.id!r}: unknown moe_rest quant {q.moe_rest!r}")
        # draft models by target, checked against the entries they name
        self.draft_pairs: dict[str, list[DraftPair]] = {}
        for pair in draft_pairs or []:
            self._check_draft_pair(pair)
            self.draft_pairs.setdefault(pair.target, []).append(pair)
        if self.metrics:
            for m in models:
                for sc in m.scores:
                    if sc.metric not in self.metrics:
                        raise CatalogError(f"model {m.id!r}: unknown score metric {sc.metric!r}")

    def _check_draft_pair(self, pair: DraftPair) -> None:
        name = f"draft pair {pair.target!r} <- {pair.draft!r}"
        for model_id in (pair.target, pair.draft):
            if model_id not in self.models:
                raise CatalogError(f"{name}: unknown model {model_id!r}")
        if pair.quant not in self.quants:
            raise CatalogError(f"{name}: unknown quant {pair.quant!r}")
        target, draft = self.models[pair.target], self.models[pair.draft]
        if abs(target.vocab - draft.vocab) > VOCAB_MAX_DIFFERENCE:
            raise CatalogError(
                f"{name}: vocabularies of {target.vocab} and {draft.vocab} tokens: llama.cpp "
                f"refuses a draft more than {VOCAB_MAX_DIFFERENCE} tokens apart"
            )
        for run in pair.acceptance:
            for w in run.workloads:
                if w not in self.workloads:
                    raise CatalogError(f"{name}: unknown workload {w!r}")

    @classmethod
    def load(cls, root: Path | None = None) -> Catalog:
        root = root or catalog_dir()
        calib_path = root / "calibration.json"
        calibration = json.loads(calib_path.read_text()) if calib_path.exists() else {}
        return cls(
            models=_load_kind(root, "models", Model),
            hardware=_load_kind(root, "hardware", Hardware),
            quants=_load_kind(root, "quants", QuantType),
            workloads=_load_kind(root, "workloads", Workload),
            calibration=calibration,
            metrics=_load_kind(root, "metrics", Metric),
            kv_types=_load_kind(root, "kv_cache", KvType),
            root=root,
            compute_paths=_load_kind(root, "compute_paths", ComputePath),
            draft_pairs=_load_kind(root, "draft_models", DraftPair),
        )

    def compute_path(self, backend: str, arch: str, unquantized: bool) -> MatPath | None:
        """The kernel family llama.cpp's `backend` runs prefill's matmuls on for `arch`."""
        rule = self.compute_paths.get((backend, arch)) or self.compute_paths.get((backend, "*"))
        if rule is None:
            return None
        return rule.unquantized if unquantized else rule.quantized


@functools.cache
def default_catalog() -> Catalog:
    return Catalog.load()
