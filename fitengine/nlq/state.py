"""The working data of one parse: the text, what each pass took from it, and what it found."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from .index import Index
from .patterns import COMPARE_RE, TAKEN_RE
from .query import Unsure

MemoryKind = Literal["vram", "ram", "unified"]


@dataclass(slots=True)
class Tok:
    text: str
    start: int
    end: int
    glued: bool  # directly after the previous token, no space ("m4", "3090ti")
    orig: str = ""


@dataclass
class Mention:
    """A model or device name found in the text."""

    kind: str
    eid: str | None
    start: int  # char span in the text
    end: int
    score: float
    candidates: list[tuple[str, float]]
    text: str
    memory: float | None = None
    count: int | None = None
    note: str | None = None
    # a Mac named by its product line alone ("mac mini"): the line's chips, newest first
    line: list[str] | None = None


@dataclass
class Amount:
    """A memory amount in the text ("24gb"), what the words around it say it is, and the device
    it belongs to once one claims it."""

    start: int
    end: int
    gb: float
    kind: MemoryKind | None
    count: int | None  # "(4x 24gb)": per device, with a count
    owner: Mention | None = None
    nodes: int | None = None  # "2*8*80G": the machines the count is the total over
    model_size: bool = False  # "a 40GB model": a model's size, unless a card claims it
    # "512MB dedicated in the BIOS", a driver's "512M of VRAM memory ready": set aside for the
    # graphics, so on an APU named by its processor it is its iGPU's memory, not RAM
    set_aside: bool = False


class Masker:
    """Remembers which characters a span extractor already took."""

    def __init__(self, text: str):
        self.text = text
        self.taken = bytearray(len(text))
        self._masked: str | None = None

    def free(self, a: int, b: int) -> bool:
        return self.taken.find(1, a, b) < 0  # (no copy of the span)

    def take(self, a: int, b: int) -> None:
        self.taken[a:b] = b"\x01" * (b - a)
        self._masked = None

    def masked(self) -> str:
        """The text with every taken span blanked ("|" then spaces, offsets unchanged)."""
        if self._masked is None:
            t = self.text
            out = []
            prev = 0
            for m in TAKEN_RE.finditer(self.taken):
                a, b = m.span()
                out.append(t[prev:a])
                out.append("|" + " " * (b - a - 1))
                prev = b
            out.append(t[prev:])
            self._masked = "".join(out)
        return self._masked


@dataclass
class State:
    text: str
    low: str
    mask: Masker
    idx: Index
    quants: list[tuple[int, str]] = field(default_factory=list)
    # where the first two compared models were named (start, end): a quant said beside each
    # ("27b at 4bit or 12b at fp16") belongs to that side
    compared_at: list[tuple[int, int]] = field(default_factory=list)
    # software named ("claude code", "llama.cpp"): no model or device, but a tool can say the
    # workload ("with claude code" is an agent's)
    software_at: list[tuple[int, int]] = field(default_factory=list)
    # what no open-weight language model is ("claude", "sdxl", "qlora"): (kind, as said)
    not_estimated: list[tuple[str, str]] = field(default_factory=list)
    kv_type: str | None = None
    # KV cache types offered as alternatives ("q8_0 or q4_0 kv cache?"): the question the
    # recommendation answers, not a choice made
    kv_alternatives: bool = False
    kv_said: list[tuple[int, str]] = field(default_factory=list)  # (where, type)
    # weights' quants said as a size in bits per weight ("5.05bpw": EXL2/EXL3 are sized so)
    bpw_said: dict[int, float] = field(default_factory=dict)  # where -> bits per weight
    # where -> the serving format a repo's name says its quant in ("unsloth/Qwen3-4B-bnb-4bit")
    repo_formats: dict[int, str] = field(default_factory=dict)
    context: int | None = None
    # the window said is a launch setting ("num_ctx 74047", "--max-model-len 4096", "set to
    # 32K"): what they run, not a window asked for
    context_setting: bool = False
    # a document said in pages ("a 300 page pdf"): the window that holds it and a reply, in tokens
    document_tokens: int | None = None
    full_context: bool = False
    # variant words the asker rules out ("deepseek v4 non flash": flash)
    negated: set[str] = field(default_factory=set)
    memories: list[Amount] = field(default_factory=list)
    # the memory words said with amounts read as figures of use ("140 Gb of RAM" it uses): what
    # memory the text talks about
    usage_kinds: set[str] = field(default_factory=set)
    vram_in_use: list[float] = field(default_factory=list)  # "using 72GB of vram": the figures
    # the RAM a runtime found free when it refused to load ("than is available (14.8 GiB)"): the
    # machine's RAM unless the text says its size
    ram_free: list[float] = field(default_factory=list)
    # RAM sizes said as an upgrade still to come ("whether to upgrade to 256gb ram"): not had, an
    # option an upgrade question weighs (fitengine/nlq/upgrade.py)
    ram_planned: list[Amount] = field(default_factory=list)
    apu_numbers: list[tuple[int, int]] = field(default_factory=list)  # "3400g", where said
    cpus: list[tuple[int, int, str]] = field(default_factory=list)
    # cloud instances named by type ("g5.xlarge"): span, its accelerator's id, its count
    instances: list[tuple[int, int, str, int | None]] = field(default_factory=list)
    cpu_ids: list[str] | None = None  # the entries of the CPUs named, once looked up
    laptop_cpu: bool | None = None  # a laptop's processor is named, once looked up
    # CPU families named beside a GPU without a model number ("3090 with an epyc"): its host
    host_families: list[str] = field(default_factory=list)
    # APUs said by their processor's name beside a card (their memory is the host's RAM)
    card_hosts: list[Mention] = field(default_factory=list)
    # an APU kept beside the card(s) named with it: the two run one model (choose._apu_with_card)
    apus_with_card: list[Mention] = field(default_factory=list)
    # the cards a labelled list of the machine names ("Rig: ..., NVidia 4090, NVidia 4070 TI Super")
    rig_listed: list[Mention] = field(default_factory=list)
    unknown_cpus: list[str] = field(default_factory=list)  # named with a number nothing knows
    ddr: str | None = None
    ddr_at: list[tuple[int, int]] = field(default_factory=list)  # where a DDR type is said
    ram_mts: int | None = None  # the RAM's speed said ("ddr5-6000", "3600mhz ram")
    channels: int | None = None  # the host's memory channels said ("quad channel")
    intel_mac: bool = False  # a Mac line said with Intel words (an Intel Mac)
    cpu_gen: int | None = None  # an Intel Core generation said ("i5 8th gen")
    ignored: list[str] = field(default_factory=list)
    assumed: list[str] = field(default_factory=list)
    unsure: list[Unsure] = field(default_factory=list)
    # where the text names a device the catalog does not have ("rtx 4900", "pixel 7a")
    unknown_hw: list[tuple[int, int]] = field(default_factory=list)
    unknown_cards: list[tuple[int, int]] = field(default_factory=list)  # of them, graphics cards
    # a device name said with a model number none of its entries has, where a name matched all
    # but its own number ("dell optiplex 7070" against the OptiPlex 780): named as unknown
    other_numbers: list[tuple[int, int]] = field(default_factory=list)
    sizes: list[float] = field(default_factory=list)  # "a 14b model": sizes asked in general
    # sizes said as what the machine cannot load ("or even load the model (70b)"): kept as read,
    # but no size a list is asked at (Query.size_out_of_reach)
    out_of_reach_sizes: list[float] = field(default_factory=list)
    # each size's bound, beside it: "at_least" ("over 100b"), "at_most" ("under 10b") or None
    size_bounds: list[str | None] = field(default_factory=list)
    size_chosen: bool = False  # a choice word right before a size ("best 8b model")
    # sizes said of a mixture of experts' active parameters ("3B active model"), not its total
    active_sizes: list[float] = field(default_factory=list)
    # a family named without a size: (its unsure entry, char start, char end)
    family_only: list[tuple[Unsure, int, int]] = field(default_factory=list)
    # the text's first comparison word, once searched: several choices ask for it
    _compared: list[re.Match | None] = field(default_factory=list, repr=False)

    def compared(self) -> re.Match | None:
        """patterns.COMPARE_RE searched over the text ("vs", "compared to", "same as")."""
        if not self._compared:
            self._compared.append(COMPARE_RE.search(self.low))
        return self._compared[0]
