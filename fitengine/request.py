"""The request: one question's inputs resolved against the catalog, with every default named.

analyze() starts here. What a later stage needs, and what the report must say it assumed, is
decided once in make_request(); the stages read the Request and never look at raw arguments
(the way gguf-parser-go keeps every option and its default in one struct).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from . import constants as C
from .catalog import Catalog, Hardware, Model, QuantType, RopeScaling, Workload, default_catalog
from .grade import MODES
from .hosts import server_host
from .limits import MAX_NAME
from .memory import (
    SHARED_KINDS,
    Device,
    apple_raised_reserve,
    host_ram,
    host_ram_bare,
    shared_reserve,
    usable_memory,
)
from .resolve import Suggestion, resolve_hardware, resolve_model
from .setups import cards_ram_gb
from .speed import SpeedParams

if TYPE_CHECKING:
    from .cards import CardChoice

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


def bounded(value, what: str) -> None:
    """Names are refused past the length the CLI takes: a paste is no name, and the work of
    reading one stays bounded."""
    if isinstance(value, str) and len(value) > MAX_NAME:
        raise BadInput(f"The {what} is too long ({len(value):,} characters; at most {MAX_NAME}).")


def find_model(catalog: Catalog, model: str | Model) -> Model:
    if isinstance(model, Model):
        return model
    if model in catalog.models:
        return catalog.models[model]
    r = resolve_model(model, catalog)
    if r.entry is None:
        raise NotFound("model", model, r.suggestions)
    return r.entry


def find_hardware(catalog: Catalog, hardware: str | Hardware | None, vram_gb: float | None):
    """The device and the memory the text named with it ("M2 Max 64GB")."""
    if isinstance(hardware, Hardware):
        return hardware, None
    if hardware is None or not str(hardware).strip():
        if vram_gb is None:
            raise BadInput("Tell me the hardware (a GPU, an Apple chip, a CPU) or its memory.")
        return generic_gpu(catalog), None
    if hardware in catalog.hardware:
        return catalog.hardware[hardware], None
    # an id the catalog inferred and remembers (a host with the memory the question said,
    # "cpu-ddr5-2ch-2ch-6000"): membership is the catalogued entries' alone, the lookup is not
    if (known := catalog.hardware.get(hardware)) is not None:
        return known, None
    r = resolve_hardware(hardware, catalog)
    if r.entry is None:
        raise NotFound("hardware", hardware, r.suggestions)
    return r.entry, r.memory_gb


def generic_gpu(catalog: Catalog) -> Hardware:
    """'A 12 GB card': the catalog's generic GPU, sized by the caller."""
    if GENERIC_GPU_ID in catalog.hardware:
        return catalog.hardware[GENERIC_GPU_ID]
    raise BadInput("Name a GPU: the catalog has no generic GPU entry.")


def sized_generic(catalog: Catalog, hw: Hardware, memory_gb: float | None) -> Hardware:
    """The generic GPU as a card of that memory is: "96 GB of VRAM" is an RTX PRO 6000's 1.8 TB/s,
    not the mid-range stand-in's 448 GB/s. Its bandwidth and arithmetic are those of the median
    (by bandwidth) of the catalog's graphics cards sold with that memory; the entry itself when
    it is not the generic GPU, no memory was said, or no card is sold with it."""
    if hw.id != GENERIC_GPU_ID or memory_gb is None:
        return hw
    memo = catalog.__dict__.setdefault("_sized_generic", {})
    key = round(memory_gb, 1)
    if key not in memo:
        cards = sorted(
            (
                h
                for h in catalog.hardware.values()
                if h.kind == "gpu" and h.vendor != "other" and h.sold_with(memory_gb)
            ),
            key=lambda h: (h.bandwidth_gbps, h.id),
        )
        if not cards:
            memo[key] = hw
        else:
            mid = cards[(len(cards) - 1) // 2]
            memo[key] = hw.model_copy(
                update={
                    "bandwidth_gbps": mid.bandwidth_gbps,
                    "fp16_tflops": mid.fp16_tflops,
                    "fp32_tflops": mid.fp32_tflops,
                    "int8_tops": mid.int8_tops,
                    "tensor_cores": mid.tensor_cores,
                    "source": (
                        f"{hw.source}; sized for {memory_gb:g} GB: the median of the "
                        f"{len(cards)} catalogued cards sold with it by bandwidth, {mid.name} "
                        f"({mid.bandwidth_gbps:g} GB/s)"
                    ),
                }
            )
    return memo[key]


def find_quant(catalog: Catalog, quant: str) -> QuantType:
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
        return find_quant(catalog, plain)
    close = process.extract(up, list(catalog.quants), scorer=fuzz.WRatio, limit=5)
    raise NotFound("quant", quant, [Suggestion(k, k, round(sc, 1)) for k, sc, _ in close])


def _key(text: str) -> str:
    """A workload or mode as typed ("Light API", "agentic-coding") in the form of the ids."""
    return text.strip().lower().replace(" ", "_").replace("-", "_")


def find_workload(catalog: Catalog, workload: str | None) -> Workload:
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


def find_mode(mode: str | None) -> str:
    m = _key(mode or "balanced")
    if m not in MODES:
        raise BadInput(f"Mode must be one of: {', '.join(MODES)}.")
    return m


# --------------------------------------------------------------------------- setup


@dataclass(frozen=True)
class Part:
    """Cards of one kind in a mixed rig: `count` x `hw` with `memory_gib` each."""

    hw: Hardware
    count: int
    memory_gib: float


@dataclass(frozen=True)
class Setup:
    """The resolved hardware side of a question. A mixed rig (a 4090 + a 3090) keeps its cards
    in `parts`, in the order given; `hw` is then the card with the most memory."""

    hw: Hardware
    count: int
    memory_gib: float
    backend: str
    device: Device
    parts: tuple[Part, ...] = ()
    # the CPU whose RAM holds what the GPUs do not (a server's 12 DDR5 channels for a 1T MoE's
    # experts); None: a desktop's dual-channel RAM
    host: Hardware | None = None

    @property
    def gpus(self) -> list[tuple[Hardware, float]]:
        """Each GPU in placement order with its memory (GiB, as sold)."""
        if not self.parts:
            return [(self.hw, self.memory_gib)] * self.count
        return [(p.hw, p.memory_gib) for p in self.parts for _ in range(p.count)]

    @property
    def name(self) -> str:
        if not self.parts:
            return self.hw.name
        return " + ".join(
            (f"{p.count}× " if p.count > 1 else "") + _sized_name(p.hw, p.memory_gib)
            for p in self.parts
        )

    def with_host(self, name: str) -> str:
        """The setup's name with the host CPU, when one was given."""
        return name if self.host is None else f"{name} + {host_label(self.host)}"


# The catalog's CPU entries of chips whose iGPU has an entry of its own end their names so
# ("Intel Core Ultra 7 155H (CPU only)", then "... with 2-channel DDR5-6400" when the RAM is
# said): the chip run without its iGPU. As the host of a card
# the chip is the CPU and nothing else, and the words read as if the card were not used.
CPU_ONLY_SUFFIX = " (CPU only)"


def host_label(hw: Hardware) -> str:
    """A host CPU's name beside the card it holds."""
    return hw.name.replace(CPU_ONLY_SUFFIX, "")


def _sized_name(hw: Hardware, memory_gib: float) -> str:
    return f"{hw.name} {memory_gib:g}GB" if hw.memory_options_gb else hw.name


def check_host(host: Hardware | None, hw: Hardware) -> None:
    """A host CPU holds what GPUs leave in system RAM: it must be a CPU, serving GPUs."""
    if host is None:
        return
    if host.kind != "cpu":
        raise BadInput(f"{host.name} is not a CPU: the host of a GPU box is its processor.")
    if hw.kind != "gpu":
        raise BadInput(f"{hw.name} is not a GPU: only a GPU box has a separate host CPU.")


def _unsaid_ram(host: Hardware | None) -> float:
    """The RAM a box is taken to have when nobody said it, before its cards are counted: its
    host CPU's usual amount (the catalog's memory_gb for that CPU), else the default. A host
    named without its RAM ("2x 5090 + DDR4 3200 + 3975x TR") is no smaller box than the same cards
    alone: the cards' VRAM still sets the floor (setups.cards_ram_gb)."""
    return host_ram_default(host, None) or C.DEFAULT_RAM_GIB


def host_ram_default(host: Hardware | None, ram_gb: float | None) -> float | None:
    """The system RAM of a box with this host: as stated, else the host's catalogued RAM."""
    if ram_gb is None and host is not None:
        return host.memory_gb
    return ram_gb


def make_setup(
    hw: Hardware,
    *,
    gpus: int = 1,
    vram_gb: float | None = None,
    ram_gb: float | None = None,
    backend: str | None = None,
    host: Hardware | None = None,
) -> Setup:
    check_host(host, hw)
    ram_gb = host_ram_default(host, ram_gb)
    if gpus is None:
        gpus = 1
    if not 1 <= gpus <= C.MAX_GPUS:
        raise BadInput(f"GPU count must be between 1 and {C.MAX_GPUS}.")
    # several Sparks or Macs are machines joined over a network (llama.cpp RPC, cards.py
    # cluster_link); an iGPU or a CPU box is one device
    if hw.kind in ("igpu", "cpu") and gpus != 1:
        raise BadInput(f"{hw.name} is a single device; a GPU count does not apply.")
    memory = hw.memory_gb
    carve_out = None
    if hw.kind == "igpu" and vram_gb is not None and ram_gb is not None and vram_gb < ram_gb:
        # "Arc B390 (2GB VRAM), 32GB RAM", "780m, 16gb allocated in bios, 32gb ram": the frame
        # buffer the firmware sets aside is a slice of the RAM the iGPU shares, and the driver
        # lends it its GTT share of the rest besides (C.IGPU_SHARE): the pool is the RAM
        carve_out, vram_gb = vram_gb, ram_gb
    if hw.kind in ("cpu", *SHARED_KINDS) and ram_gb is not None and vram_gb is None:
        # one pool of memory: the system RAM someone states is the device's memory
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
    if carve_out is not None:
        usable = max(usable, carve_out * C.GIB)
    if usable <= 0:
        raise BadInput(f"{memory:g} GB leaves no room for a model on {hw.name}.")
    ram = host_ram(hw, memory, ram_gb, usable)
    bare = host_ram_bare(hw, memory, ram_gb, usable)
    dev = Device(hw.kind, be, memory * C.GIB, usable, ram, ram_bare=bare)
    return Setup(hw, gpus, memory, be, dev, host=host)


def make_mixed_setup(
    parts: list[tuple[Hardware, int, float | None]],
    *,
    ram_gb: float | None = None,
    backend: str | None = None,
    host: Hardware | None = None,
) -> Setup:
    """Unequal GPUs in one box: llama.cpp splits the layers over them in proportion to their
    free memory (--tensor-split), all on one backend they share."""
    if not parts:
        raise BadInput("Name at least one GPU.")
    ram_gb = host_ram_default(host, ram_gb)
    resolved = []
    for hw, count, vram in parts:
        if hw.kind != "gpu":
            raise BadInput(f"{hw.name} cannot be mixed with other cards: only GPUs can.")
        resolved.append(Part(hw, count or 1, vram if vram is not None else hw.memory_gb))
    check_host(host, resolved[0].hw)
    if len({(p.hw.id, p.memory_gib) for p in resolved}) == 1:
        p = resolved[0]
        n = sum(x.count for x in resolved)
        return make_setup(
            p.hw, gpus=n, vram_gb=p.memory_gib, ram_gb=ram_gb, backend=backend, host=host
        )
    total = sum(p.count for p in resolved)
    if not 1 <= total <= C.MAX_GPUS:
        raise BadInput(f"GPU count must be between 1 and {C.MAX_GPUS}.")
    for p in resolved:
        if not 0.5 <= p.memory_gib <= 2048:
            raise BadInput("Memory must be between 0.5 and 2048 GB.")
    if ram_gb is not None and not 0 <= ram_gb <= 8192:
        raise BadInput("System RAM must be between 0 and 8192 GB.")
    shared = [b for b in resolved[0].hw.backends if all(b in p.hw.backends for p in resolved)]
    be = ((backend or "").split() or [shared[0] if shared else ""])[0].lower()
    if not be or be not in shared:
        names = " and ".join(p.hw.name for p in resolved)
        raise BadInput(f"{names} share no llama.cpp backend ({be or 'none'}) to run together.")
    usables = tuple(usable_memory(p.hw, p.memory_gib, be) for p in resolved for _ in range(p.count))
    if min(usables) <= 0:
        raise BadInput("One of the cards leaves no room for a model.")
    main = max(resolved, key=lambda p: p.memory_gib)
    ram = host_ram(main.hw, main.memory_gib, ram_gb, min(usables))
    bare = host_ram_bare(main.hw, main.memory_gib, ram_gb, min(usables))
    dev = Device("gpu", be, main.memory_gib * C.GIB, min(usables), ram, usables, bare)
    return Setup(main.hw, total, main.memory_gib, be, dev, tuple(resolved), host)


def _cpu_processor(catalog: Catalog, hardware: str, hw: Hardware) -> Hardware:
    """ "Ryzen 7 7840U w/ Radeon 780M" on the CPU backend is the processor, not its iGPU."""
    first = resolve_hardware(hardware, catalog).suggestions
    cpu = next(
        (catalog.hardware[x.id] for x in first if catalog.hardware[x.id].kind == "cpu"), None
    )
    if cpu is None:
        chip = re.split(r"\s+(?:w/|with)\s+", hardware, maxsplit=1)[0]
        alt = resolve_hardware(f"{chip} cpu", catalog)
        cpu = alt.entry if alt.entry is not None and alt.entry.kind == "cpu" else None
    return cpu or hw


# --------------------------------------------------------------------------- the request


@dataclass(frozen=True)
class Request:
    """One question, resolved: the entries, the numbers and which of them were assumed."""

    catalog: Catalog
    model: Model
    setup: Setup
    quant: QuantType | None  # the quant asked for (None: the recommendation picks)
    kv_type: str | None  # the KV cache type asked for (None: the recommendation picks)
    context: int  # tokens per sequence the report is for
    context_asked: int | None
    context_limit: int  # the native context, or the rope-scaled one when asked beyond it
    rope: RopeScaling | None  # set when the context needs the model's rope scaling
    workload: Workload
    workload_named: bool
    mode: str
    n_seq: int  # sequences served together (--parallel)
    prompt_tokens: int  # the headline time to first token: new tokens ...
    prompt_depth: int  # ... read at this depth
    decode_depth: int  # the headline decode speed is at this depth
    depth_asked: bool
    flash: bool
    params: SpeedParams
    ram_gb: float | None  # system RAM as stated (None: assumed)
    memory_stated: bool  # the device's memory was given, in the name or as a number
    # a Mac's GPU wired limit raised to this many MB (sysctl iogpu.wired_limit_mb); None: default
    wired_limit_mb: int | None = None
    # ram_gb is the host CPU's usual RAM (its catalog entry's), not a figure given
    ram_from_host: bool = False
    # the thinking window that did not fit, when the report fell back to the workload's own
    # (engine.verdict): a Pi 5 runs Qwen3 30B-A3B at chat's 8K, not at the 32K a thinker wants
    window_short_of: int | None = None
    # ... where it fits, but only at a quant below good quality
    window_short_quality: bool = False
    # the host is the server a RAM size no desktop holds implies (hosts.server_host), not named
    host_assumed: bool = False
    # ram_gb is assumed from the cards' VRAM (setups.cards_ram_gb), not a figure given
    ram_for_cards: bool = False
    # set when the run uses some of a mixed rig's cards (setup is then those cards): which, and
    # what all of them would give (fitengine/cards.py)
    cards: CardChoice | None = None

    @property
    def total_context(self) -> int:
        """Context of all sequences together: what the KV cache holds."""
        return self.context * self.n_seq


_PARAMS_CACHE: list = [None, None]  # [the calibration's "speed" dict, its SpeedParams]


def speed_params(cat: Catalog) -> SpeedParams:
    """The fitted constants, read once per calibration dict (catalogs do not edit it in place)."""
    d = cat.calibration.get("speed", {})
    if _PARAMS_CACHE[0] is not d or _PARAMS_CACHE[1] is None:
        _PARAMS_CACHE[1] = SpeedParams.from_dict(d)
        _PARAMS_CACHE[0] = d
    return _PARAMS_CACHE[1]


def with_raised_wired_limit(req: Request) -> Request | None:
    """The same question on a Mac whose GPU wired limit is raised the way people raise it for a
    model just over the default 2/3-3/4 (all but memory.apple_raised_reserve of it); None when
    that gives the GPU nothing more."""
    s = req.setup
    if s.hw.kind != "apple":
        return None
    total = s.memory_gib * C.GIB
    limit = total - apple_raised_reserve(total)
    # a run under it keeps a little of it free (C.APPLE_RAISED_MIN_SPARE_GIB)
    usable = limit - C.APPLE_RAISED_MIN_SPARE_GIB * C.GIB
    if usable <= s.device.usable:
        return None
    ram = max(total - shared_reserve(s.hw.kind, total) - limit, 0.0)
    dev = Device(s.device.kind, s.device.backend, s.device.memory, usable, ram)
    mb = int(limit / C.MIB)
    return replace(req, setup=replace(s, device=dev), wired_limit_mb=mb)


def context_reach(m: Model, asked: int | None) -> tuple[int, RopeScaling | None]:
    """The most context the model can be run at for this question, and the rope scaling that
    takes: the native context, or beyond it when asked and the model supports scaling."""
    rope = m.rope_scaling
    if asked and asked > m.context and rope is not None:
        extended = int(rope.factor * rope.original_context)
        if extended > m.context:
            return extended, rope
    return m.context, None


def rope_for(rope: RopeScaling, context: int) -> RopeScaling:
    """The model's rope scaling set for a window: YaRN's factor the least whole one that covers
    it, up to the card's. Static YaRN scales every position whatever the prompt's length, so a
    larger factor than the window needs costs quality on short prompts; Qwen's cards say to set
    it as needed ("if the typical context length ... is 65,536 tokens, ... set factor as 2.0",
    https://huggingface.co/Qwen/Qwen3-8B)."""
    if rope.type != "yarn":
        return rope
    need = float(max(2, math.ceil(context / rope.original_context)))
    return rope if need >= rope.factor else rope.model_copy(update={"factor": need})


def make_request(
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
) -> Request:
    """`setup`: a mixed rig as [(hardware, count, vram_gb or None), ...]; it replaces
    `hardware`, `gpus` and `vram_gb`. `host`: the CPU of a GPU box (an EPYC's 12 memory
    channels), whose RAM holds what the GPUs do not; its catalogued RAM unless `ram_gb`."""
    cat = catalog or default_catalog()
    for value, what in (
        (model, "model name"),
        (hardware, "hardware name"),
        (quant, "quant"),
        (kv_type, "KV cache type"),
        (workload, "workload"),
        (mode, "mode"),
        (backend, "backend"),
        (host, "host CPU name"),
        *(((tuple(item) or (None,))[0], "hardware name") for item in setup or ()),
    ):
        bounded(value, what)
    m = find_model(cat, model)
    host_hw = find_hardware(cat, host, None)[0] if host else None
    host_assumed = False
    ram_for_cards = False
    if setup:
        parts = []
        for item in setup:
            h, n, v = (*tuple(item), 1, None)[:3]
            found, named = find_hardware(cat, h, v)
            size = v if v is not None else named
            parts.append((sized_generic(cat, found, size), n or 1, size))
        if (apus := [p for p in parts if p[0].kind in SHARED_KINDS]) and len(apus) < len(parts):
            # "Strix Halo + RTX 3090 eGPU, the layers split over both": the cards are the
            # setup, the APU's one pool the memory what they do not hold is left in (llama.cpp
            # runs those layers on the APU, no slower than on a host's RAM)
            parts = [p for p in parts if p[0].kind not in SHARED_KINDS]
            if ram_gb is None:
                ram_gb = sum((size or hw_.memory_gb) * n for hw_, n, size in apus)
        if ram_gb is None:
            vram = sum((size or hw_.memory_gb or 0.0) * n for hw_, n, size in parts)
            if (ram_gb := cards_ram_gb(cat, vram, _unsaid_ram(host_hw))) is not None:
                ram_for_cards = True
        resolved = make_mixed_setup(parts, ram_gb=ram_gb, backend=backend, host=host_hw)
        memory = True
    else:
        hw, named_memory = find_hardware(cat, hardware, vram_gb)
        if (
            backend
            and backend.split()[0].lower() == "cpu"
            and hw.kind != "cpu"
            and isinstance(hardware, str)
        ):
            hw = _cpu_processor(cat, hardware, hw)
        memory = vram_gb if vram_gb is not None else named_memory
        hw = sized_generic(cat, hw, memory)
        if ram_gb is None and hw.kind == "gpu":
            # a box with more VRAM than the default RAM is built with at least as much RAM
            vram = (memory if memory is not None else hw.memory_gb or 0.0) * gpus
            if (ram_gb := cards_ram_gb(cat, vram, _unsaid_ram(host_hw))) is not None:
                ram_for_cards = True
        if host_hw is None and (host_hw := server_host(hw, ram_gb, cat)) is not None:
            # 512 GB of RAM beside a 4090 is no desktop's: read it over a server's channels
            host_assumed = True
        resolved = make_setup(
            hw, gpus=gpus, vram_gb=memory, ram_gb=ram_gb, backend=backend, host=host_hw
        )
    hw = resolved.hw
    kv = kv_type.lower() if kv_type else None
    if kv is not None and kv not in C.KV_BYTES:
        raise BadInput(f"KV cache type must be one of: {', '.join(KV_TYPES)}.")
    mode = find_mode(mode)
    wl = find_workload(cat, workload)
    if context is not None and context <= 0:
        raise BadInput("Context must be a positive number of tokens.")
    if prompt_tokens is not None and prompt_tokens <= 0:
        raise BadInput("prompt_tokens must be positive.")
    limit, rope = context_reach(m, context)
    if depth is not None and not 0 <= depth < limit:
        raise BadInput(f"depth must be between 0 and {m.name}'s context ({limit:,} tokens).")
    if prompt_tokens is not None and prompt_tokens > limit:
        raise BadInput(f"prompt_tokens is longer than {m.name}'s context ({limit:,} tokens).")
    n_seq = parallel or (4 if mode == "scale_out" else 1)
    if not 1 <= n_seq <= C.MAX_PARALLEL:
        raise BadInput(f"parallel must be between 1 and {C.MAX_PARALLEL}.")
    # no context asked: the one the workload uses (chat 8K, coding 16K, agentic 32K ...)
    ctx = min(context or wl.context_for(m), limit)
    if prompt_tokens is None and depth is None:
        # the headline time to first token is the workload's own: its new tokens at its depth
        pt = max(wl.prompt_tokens - wl.cached_prefix, 1)
        pdepth = wl.depth + wl.cached_prefix
    else:
        pt, pdepth = prompt_tokens or wl.prompt_tokens, depth or 0
        if context is None:
            # a turn asked at a depth the default window cannot hold ("--depth 48000" at 32K)
            # opens a window that holds it and an answer, in whole K
            turn = -(-(pdepth + pt + wl.output_tokens) // 1024) * 1024
            ctx = min(max(ctx, turn), limit)
    if rope is not None and ctx <= m.context:
        rope = None
    elif rope is not None:
        rope = rope_for(rope, ctx)
    return Request(
        catalog=cat,
        model=m,
        setup=resolved,
        quant=find_quant(cat, quant) if quant else None,
        kv_type=kv,
        context=ctx,
        context_asked=context,
        context_limit=limit,
        rope=rope,
        workload=wl,
        workload_named=workload is not None,
        mode=mode,
        n_seq=n_seq,
        prompt_tokens=pt,
        prompt_depth=pdepth,
        decode_depth=depth or 0,
        depth_asked=depth is not None,
        flash=resolved.backend != "cpu",
        params=speed_params(cat),
        ram_gb=host_ram_default(host_hw, ram_gb),
        ram_from_host=ram_gb is None and host_hw is not None,
        ram_for_cards=ram_for_cards,
        host_assumed=host_assumed,
        # a CPU's or a shared pool's RAM said is its memory (make_setup reads it so)
        memory_stated=memory is not None
        or hw.id == GENERIC_GPU_ID
        or (ram_gb is not None and hw.kind in ("cpu", *SHARED_KINDS)),
    )
