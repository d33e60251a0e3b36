"""Which of a rig's cards to run a model on, and the split over them (catalog/multi_gpu.yaml).

llama.cpp's default layer split runs the cards one after another for one sequence: a token takes
the sum, over the cards, of each card's share of the weights read at that card's bandwidth
(speed.py). A slow card that holds a third of the layers slows every token, so a 3090 with a
4060 Ti and a 5060 Ti decodes slower than the 3090 alone. An expert runs the model on the fewest,
fastest cards that hold it (`-dev CUDA0`) and keeps the others for a second model or a longer
context. With llama.cpp's split in proportion to each card's memory, a set S of cards reads a byte
in sum(u_i / bw_i) / sum(u_i) seconds over i in S (u: usable memory, bw: bandwidth): the set to
try is the one that holds the model with the least of that, fewer cards first.
"""

from __future__ import annotations

import fnmatch
import itertools
import re
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from .catalog import Backend, Catalog, Hardware, Model, rules_file
from .request import Setup, make_mixed_setup, make_setup

FILE = "multi_gpu.yaml"
# Machines of one memory pool each that people join over a network to hold one model (several
# Sparks or Macs); an iGPU laptop or a CPU box is not bought for that
CLUSTER_KINDS = ("apple", "unified")
# Sets of cards weighed one by one at most: a rig of a few kinds of card has a few dozen; past
# this the k fastest cards, k = 1 .. n, are the sets weighed
MAX_SETS = 1024


class TensorSplit(BaseModel):
    """llama.cpp's tensor parallelism (`-sm tensor`): see catalog/multi_gpu.yaml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    flag: str
    backends: tuple[Backend, ...] = Field(min_length=1)
    kv_types: tuple[str, ...] = Field(min_length=1)
    not_with_attention: tuple[str, ...] = ()
    comparable_bandwidth: float = Field(gt=0, le=1)
    source: str = Field(pattern=r"^https?://")
    sources: tuple[str, ...] = ()  # what changed since the guide (catalog/multi_gpu.yaml)


class ClusterLink(BaseModel):
    """The link machines of one kind are joined over for llama.cpp's RPC backend."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    name: str
    gbps: float = Field(gt=0)  # line rate, gigabits a second
    hardware: tuple[str, ...] = ()  # catalog id globs
    kinds: tuple[str, ...] = ()  # or any device of these kinds
    source: str = Field(pattern=r"^https?://")

    def matches(self, hw_id: str, kind: str) -> bool:
        return kind in self.kinds or any(fnmatch.fnmatchcase(hw_id, g) for g in self.hardware)


class Clusters(BaseModel):
    """Machines joined over a network to hold one model (catalog/multi_gpu.yaml `clusters`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    hop_ms: float = Field(gt=0)  # one machine boundary's cost a token (measured)
    hop_source: str = Field(pattern=r"^https?://")
    server_port: int = Field(gt=0)
    rpc_source: str = Field(pattern=r"^https?://")
    links: tuple[ClusterLink, ...] = Field(min_length=1)

    def link_for(self, hw_id: str, kind: str) -> ClusterLink | None:
        return next((lk for lk in self.links if lk.matches(hw_id, kind)), None)


class ServerRoute(BaseModel):
    """A GPU server's command line and flags (catalog/multi_gpu.yaml serving_tp.routes)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    serve: str  # the command, "{repo}" the checkpoint's
    tp: str
    pp: str
    context: str
    memory: str
    kv_fp8: str
    quantize_fp8: str


class Checkpoint(BaseModel):
    """A checkpoint format such a server loads, for an estimate of at least `min_bpw` bits."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    min_bpw: float = Field(gt=0)
    name: str
    quantize_fp8: bool = False  # made from the released weights at load time
    build: str | None = None  # a build of the repo others publish, "{repo}" the model's


class ServingTp(BaseModel):
    """vLLM's and SGLang's tensor parallelism: the card count divides the attention heads."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    servers: dict[str, str] = Field(min_length=1)  # the word said: the server's name
    sources: tuple[str, ...] = Field(min_length=1)
    server_form: str | None = None  # Hardware.form of cards run as a server (all of them, TP)
    server_since_year: int | None = None  # ... of this year on
    node_gpus: int = Field(default=8, ge=1)  # cards in one server; more are several servers
    # the word said: its command (commands.serve)
    routes: dict[str, ServerRoute] = {}
    default_memory_share: float = Field(default=0.9, gt=0, le=1)
    max_memory_share: float = Field(default=0.95, gt=0, le=1)
    # with no window set, the server serves the model's own (its config's max position): the
    # answer to a server question is at that window where it fits (answers._server_window)
    default_window_model: bool = False
    default_window_sources: tuple[str, ...] = ()
    checkpoints: tuple[Checkpoint, ...] = ()  # widest first
    fp8_archs: frozenset[str] = frozenset()  # FP8 tensor compute (W8A8)
    fp8_weight_only_archs: frozenset[str] = frozenset()  # FP8 weights at 16-bit compute (W8A16)
    fp8_unknown_archs: frozenset[str] = frozenset()  # no named kind: FP8 said as is
    fp8_source: str | None = Field(default=None, pattern=r"^https?://")
    # a MoE's experts need FP8 compute (weight-only archs run no FP8 MoE: has_fp8's `model`)
    fp8_moe_needs_compute: bool = False
    fp8_moe_sources: tuple[str, ...] = ()


def tp_divides(model: Model, d: int) -> bool:
    """Tensor parallel over `d` cards splits the attention heads evenly, and the KV heads too or
    copies each whole to every card (vLLM: the KV heads divide over the cards, or the cards over
    them; QwQ-32B's 40 heads divide by 10 but its 8 KV heads do not: 8 is the most)."""
    return model.heads % d == 0 and (model.kv_heads % d == 0 or d % model.kv_heads == 0)


def parallel_sizes(model: Model, cards: int, node: int) -> tuple[int, int]:
    """(tensor parallel, pipeline parallel) a server runs over `cards`, as server_route_note and
    serving_tp_note say them: all cards tensor parallel where the heads divide over them; past one
    server, tensor parallel within each and pipeline parallel across; else pipeline parallel over
    all of them."""
    if cards > node:
        tp = max(d for d in range(1, node + 1) if tp_divides(model, d) and cards % d == 0)
        return tp, cards // tp
    if tp_divides(model, cards):
        return cards, 1
    return 1, cards


def served(cat: Catalog, hw: Hardware) -> bool:
    """Cards of this kind, several of them, are a server run with vLLM / SGLang's tensor
    parallelism over every card, not llama.cpp on the fewest that hold the model
    (catalog/multi_gpu.yaml serving_tp.server_form)."""
    rules = multi_gpu(cat).serving_tp
    if rules is None or rules.server_form is None or hw.kind != "gpu":
        return False
    return hw.form == rules.server_form and (hw.year or 0) >= (rules.server_since_year or 0)


def server_route_note(model: Model, hw: Hardware, cards: int, cat: Catalog) -> str:
    """How a server of these cards (served) or a cluster past one server runs the model: tensor
    parallel over a count dividing the attention heads, pipeline parallel across servers. Empty
    for one card or a rig llama.cpp runs."""
    rules = multi_gpu(cat).serving_tp
    if rules is None or cards < 2:
        return ""
    node = hw.server_gpus or rules.node_gpus
    src = rules.sources[-1]
    if cards > node:
        nodes = -(-cards // node)
        tp = max(d for d in range(1, node + 1) if tp_divides(model, d) and cards % d == 0)
        pp = cards // tp
        return (
            f" {cards} cards are {nodes} servers of up to {node}: serve it with vLLM or SGLang,"
            f" tensor parallel within a server and pipeline parallel across them"
            f" (--tensor-parallel-size {tp} --pipeline-parallel-size {pp}) ({src})."
        )
    if not served(cat, hw):
        return ""
    tp = max(d for d in range(1, cards + 1) if tp_divides(model, d))
    if tp == cards:
        return (
            f" A server of {cards} {hw.name} runs it with vLLM or SGLang over all of them"
            f" (--tensor-parallel-size {cards}) ({src})."
        )
    return (
        f" A server of {cards} {hw.name} runs it with vLLM or SGLang: its {model.heads} attention"
        f" heads do not divide over {cards} cards, so --tensor-parallel-size {tp} ({cards - tp} card{'s' * (cards - tp > 1)} idle), or"
        f" --pipeline-parallel-size {cards} over all of them ({src})."
    )


class MultiGpu(BaseModel):
    """catalog/multi_gpu.yaml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    device_names: dict[Backend, str]
    device_names_source: str = Field(pattern=r"^https?://")
    tensor_split: TensorSplit
    clusters: Clusters
    serving_tp: ServingTp | None = None


def serving_tp_note(text: str, model: Model, cards: int, cat: Catalog) -> str:
    """ "Run X with vLLM on 5 GPUs": a tensor parallel size must divide the model's attention
    heads; where the cards do not, the largest count that does (the rest idle) or pipeline
    parallelism over all of them. Empty when no such server is said or the count divides."""
    rules = multi_gpu(cat).serving_tp
    if rules is None or cards < 2 or tp_divides(model, cards):
        return ""
    low = text.lower()
    said = [name for word, name in rules.servers.items() if re.search(rf"\b{word}\b", low)]
    if not said:
        return ""
    tp = max(d for d in range(1, cards) if tp_divides(model, d))
    idle = f"{cards - tp} card{'s' * (cards - tp > 1)} idle"
    return (
        f" {said[0]}'s tensor parallel splits the attention heads evenly, and {model.name}'s"
        f" {model.heads} do not divide over {cards} cards: run --tensor-parallel-size {tp}"
        f" ({idle}), or --pipeline-parallel-size {cards} over all of them (layers one card after"
        f" another) ({rules.sources[0]})."
    )


def multi_gpu(cat: Catalog) -> MultiGpu:
    """The rules of the catalog's directory, or the default catalog's (a catalog built in memory)."""
    return rules_file(cat, FILE, MultiGpu)


def cluster_link(cat: Catalog, hw: Hardware, count: int) -> ClusterLink | None:
    """The network `count` machines of this kind are joined over to hold one model (llama.cpp
    RPC), None for one machine or for cards in one box."""
    if count < 2 or hw.kind not in CLUSTER_KINDS:
        return None
    return multi_gpu(cat).clusters.link_for(hw.id, hw.kind)


@dataclass(frozen=True)
class CardChoice:
    """A run on some of a rig's cards: which, and what all of them would have given."""

    rig: Setup  # the cards asked about
    cards: tuple[int, ...]  # indices into rig.gpus of the cards the run uses, in llama.cpp's order
    rig_decode: float | None  # decode over every card (llama.cpp's default layer split)
    rig_quant: str  # the quant that decode is for

    def device_names(self, rules: MultiGpu) -> list[str] | None:
        """The `-dev` names of the cards used ("CUDA0"), None for a backend without names."""
        prefix = rules.device_names.get(self.rig.backend)
        return [f"{prefix}{i}" for i in self.cards] if prefix else None

    def idle(self) -> list[str]:
        """Names of the cards the run leaves free, in the rig's order."""
        gpus = self.rig.gpus
        return [_card_name(self.rig, i) for i in range(len(gpus)) if i not in self.cards]

    def used(self) -> list[str]:
        return [_card_name(self.rig, i) for i in self.cards]


def _card_name(rig: Setup, i: int) -> str:
    """The card's name, numbered by its place in the rig where the rig has more than one."""
    gpus = rig.gpus
    hw, mem = gpus[i]
    name = f"{hw.name} {mem:g}GB" if hw.memory_options_gb else hw.name
    twins = sum(1 for h, m in gpus if h.id == hw.id and m == mem)
    return name + (f" #{i + 1}" if twins > 1 else "")


_TWIN = re.compile(r" #\d+$")


def card_kind(name: str) -> str:
    """A card's name without its place in the rig ("NVIDIA H100 SXM #3" -> "NVIDIA H100 SXM")."""
    return _TWIN.sub("", name)


def on_cards(used: list[str], idle: list[str]) -> str:
    """Where a run on some of a rig's cards runs, as a sentence says it: "on the RTX 3090 alone";
    several cards of one kind are counted, not listed ("on 7 of the 8 NVIDIA H100 SXM": eight
    numbered names read as a list of different cards)."""
    kinds = {card_kind(n) for n in used}
    if len(used) > 1 and len(kinds) == 1:
        name = kinds.pop()
        total = len(used) + sum(card_kind(n) == name for n in idle)
        if total > len(used):
            return f"on {len(used)} of the {total} {name}"
        return f"on the {len(used)}× {name} alone"
    return f"on the {' + '.join(used)} alone"


def seconds_per_byte(rig: Setup, cards: tuple[int, ...]) -> float:
    """A layer split's time to read a byte over these cards, split by their memory (1 / GB/s)."""
    usables, gpus = rig.device.usables, rig.gpus
    held = sum(usables[i] for i in cards)
    return sum(usables[i] / gpus[i][0].bandwidth_gbps for i in cards) / held


def fastest_holding(rig: Setup, need: float) -> tuple[int, ...] | None:
    """The proper subset of the rig's cards (indices, ascending) that holds `need` bytes and reads
    them fastest in a layer split; fewer cards, then the first ones, where two read alike (two
    3090s and a 3060: one 3090, not both, for a model one holds). None when only all of them
    hold it, or when the fastest set is all of them."""
    usables = rig.device.usables
    n = len(rig.gpus)
    if not usables or n < 2:
        return None
    best: tuple[float, int, tuple[int, ...]] | None = None
    for cards in _sets(rig):
        if len(cards) == n or sum(usables[i] for i in cards) < need:
            continue
        key = (round(seconds_per_byte(rig, cards), 15), len(cards), cards)
        if best is None or key < best:
            best = key
    if best is None or best[0] >= round(seconds_per_byte(rig, tuple(range(n))), 15):
        return None
    return best[2]


def _sets(rig: Setup):
    """Every set of cards, as the first k cards of each kind (identical cards are alike), or, for
    a rig of too many kinds, the k fastest."""
    groups: list[list[int]] = []
    at = 0
    for p in rig.parts:
        groups.append(list(range(at, at + p.count)))
        at += p.count
    sizes = [len(g) + 1 for g in groups]
    total = 1
    for s in sizes:
        total *= s
    if total <= MAX_SETS:
        for counts in itertools.product(*(range(s) for s in sizes)):
            cards = tuple(sorted(i for g, k in zip(groups, counts, strict=True) for i in g[:k]))
            if cards:
                yield cards
        return
    order = sorted(range(len(rig.gpus)), key=lambda i: -rig.gpus[i][0].bandwidth_gbps)
    for k in range(1, len(order) + 1):
        yield tuple(sorted(order[:k]))


def sub_setup(rig: Setup, cards: tuple[int, ...], ram_gb: float | None) -> Setup:
    """The rig with only these cards, on its backend and host."""
    gpus = rig.gpus
    parts: list[tuple] = []
    for i in cards:
        hw, mem = gpus[i]
        if parts and parts[-1][0] is hw and parts[-1][2] == mem:
            parts[-1] = (hw, parts[-1][1] + 1, mem)
        else:
            parts.append((hw, 1, mem))
    if len(parts) == 1:
        hw, count, mem = parts[0]
        return make_setup(
            hw, gpus=count, vram_gb=mem, ram_gb=ram_gb, backend=rig.backend, host=rig.host
        )
    return make_mixed_setup(parts, ram_gb=ram_gb, backend=rig.backend, host=rig.host)


def tensor_split_applies(rules: MultiGpu, setup: Setup, model: Model) -> bool:
    """Whether llama.cpp's tensor split is worth a tip for this run's cards: two or more on a
    backend it performs on, of comparable bandwidth, and a model whose attention it implements."""
    ts = rules.tensor_split
    if setup.count < 2 or setup.hw.kind != "gpu" or setup.backend not in ts.backends:
        return False
    if any(g.kind in ts.not_with_attention for g in model.attention):
        return False
    bws = [hw.bandwidth_gbps for hw, _ in setup.gpus]
    return min(bws) >= ts.comparable_bandwidth * max(bws)
