"""Free-text questions to a structured query: "can my 2x3090 run qwen2.5-coder 32b at q4 with 32k?"

The parser works in three passes over the lowercased text, all built from catalog data:

1. Span extractors (regular expressions) find and mask what is not a model or a device name:
   CPU names, software versions, years, wattages, speed and usage figures, then context sizes,
   quantization types (from catalog/quants.yaml aliases), bits-per-weight and memory amounts.
2. The rest is tokenized the way `resolve.normalize` splits names ("rtx3090ti" -> rtx 3090 ti),
   typos are mapped onto the catalog vocabulary, and runs of catalog words are matched against
   every id, name, alias and ollama tag with an inverted index. Numbers are identity: a number
   inside a matched span that the key does not have disqualifies the key ("3080" never becomes
   "3090"), a missing version costs less than a missing size, and when two entries tie the query
   says so (`unsure`, with suggestions) instead of guessing -- except for versions of one model
   ("llama 70b"), where the newest release is taken and the assumption is written down.
3. GPU counts ("2x", "dual", "x4", "two ... s"), memory (attached to the device it sits next to, or
   VRAM / RAM by the words around it), CPU-only cues, workload and intent cue words.

The work is bounded: only the first MAX_CHARS characters are read and at most MAX_RUNS candidate
runs are matched, so a 10,000-character paste costs about as much as a short question.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Literal

from pydantic import BaseModel, ConfigDict
from rapidfuzz.distance import Levenshtein

from .catalog import Catalog, Hardware, default_catalog
from .resolve import MEMORY_RE, normalize

Intent = Literal["fit", "best_model_for_hw", "best_hw_for_model", "compare", "help", "unclear"]

MAX_CHARS = 2000
MAX_RUNS = 24
MAX_RUN_TOKENS = 14
MAX_COMPARED = 8  # names kept per side of a comparison ("a vs b vs c ...")


# --------------------------------------------------------------------------- output types


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ModelRef(_Out):
    id: str
    name: str
    params_b: float


class HardwareRef(_Out):
    id: str
    name: str


class SetupRef(_Out):
    """A device named in a comparison beyond the first two: its count and memory as stated."""

    id: str
    name: str
    gpus: int | None = None
    vram_gb: float | None = None


class Choice(_Out):
    id: str
    name: str
    score: float


class Unsure(_Out):
    """A name the parser found but could not pin to one entry."""

    kind: Literal["model", "hardware"]
    text: str
    suggestions: list[Choice] = []


class Query(_Out):
    """What a free-text question asks. Fields the text did not state are null."""

    text: str
    intent: Intent = "help"
    model: ModelRef | None = None
    hardware: HardwareRef | None = None
    gpus: int | None = None
    vram_gb: float | None = None
    ram_gb: float | None = None
    quant: str | None = None
    context: int | None = None
    kv_type: str | None = None
    workload: str | None = None
    # the second side of a comparison
    model_b: ModelRef | None = None
    hardware_b: HardwareRef | None = None
    gpus_b: int | None = None
    vram_gb_b: float | None = None
    # a third, fourth ... model or device in a comparison ("a vs b vs c"), in the order named
    more_models: list[ModelRef] = []
    more_hardware: list[SetupRef] = []
    cpu_only: bool = False
    full_context: bool = False
    quants: list[str] = []  # every quant named ("q8 vs q4")
    unsure: list[Unsure] = []
    assumed: list[str] = []  # readings the parser chose and the user should see
    ignored: list[str] = []  # numbers it read as something else (a CPU, a version, a wattage)


# --------------------------------------------------------------------------- word lists
# Language data, not catalog data: words that never name a model or a device on their own.


def _words(text: str) -> set[str]:
    return set(text.split())


_STOP = _words(
    """
    a an the and or but if of on in at to for from by with without w/o via as is are was
    were be been being am do does did done doing have has had having i me my mine you your
    we our us they them their it its this that these those what which who whom whose where
    when why how can could will would shall should may might must need needs needed want
    wants get got getting run runs running ran use used uses using fit fits fitting load
    loads loading work works working make good best better great fast faster slow slower
    speed much many more most less few any some all each every one ones other another than
    then there here just only also still even really very too so such not no yes yeah yo hey
    hi hello thanks thank please pls plz lol lmao bro dude guys ok okay nvm like about
    around into onto over under up down out off new old used bought buy buying got own
    owning sell selling cheap cheapest price worth enough possible usable doable recommend
    recommended recommendation recommendations suggest suggestions suggestion model models
    llm llms ai local locally gpu gpus card cards graphics video vram ram memory system pc
    rig build machine computer laptop desktop server setup hardware specs spec requirements
    minimum min max maximum tokens token tok context ctx quant quants quantization bit bits
    speed tps tg pp time first handle handles able will'll i'm im its it's what's whats
    thats that's dont don't doesnt doesn't cant can't wont won't isnt isn't would've there's
    let lets see know think thought try tried trying say says said tell told question
    questions answer ask asking asked help helpful vs versus compare comparison comparing
    against difference which whether either both between expect expected expecting normal
    right wrong well ok fine lot lots bit little big bigger biggest large larger largest
    small smaller smallest smartest top list options option way ways thing things stuff
    something anything everything nothing now today currently yet already soon pics gm gn
    everyone anyone someone somebody people bot bots cool nice awesome weather sandwich
    figured finished build built rig rigs nvlink pcie power psu limited limit watts mining
    year years time times day days week weeks month months per each total per-gpu apiece est
    ce que sur une un des les le la et pas de du avec pour quel quelle quels modèle modele
    tourne passe ça ca est-ce en mon ma mes j'ai ai carte graphique coder kann meine mein
    mit laufen lassen auf einer einem ein und oder für der die das puedo correr en una un el
    la los las con para qué que modelo qual modelo roda bem numa num de para com
    """
)

# Words that refine a name but never start one ("max", "ti", "coder"): they count when a family
# word or a device number is next to them.
_MODIFIERS = _words(
    """
    ti super xt xtx gre max pro ultra mini air plus laptop mobile small large medium nano
    micro tiny lite coder instruct chat thinking vision vl next flash base it sxm sxm2 sxm4
    sxm5 pcie nvl ada generation edition studio macbook mac imac founders q maxq max-q
    distill distilled preview exp terminus dense moe hybrid reasoning reasoner turbo s m d x
    e h k r v p l t a b c qat uncensored abliterated ud gguf mlx awq gptq exl2 fp8 bf16 hf
    dual design developer kit workstation pro6000 desktop server digits project point lake
    hawk flow grace hopper gen core tensor intel amd nvidia apple meta geforce rtx gtx rx
    radeon tesla quadro arc instinct agx gb gib g go tb mb channel only cpu gpu
    graphics card video unified memory one
    """
)

# Tokens that mean nothing alone and cost nothing when missing.
_GENERIC = _words(
    """
    b gb gib g go instruct it chat geforce nvidia amd intel apple meta tensor core gpu cpu
    graphics card video the my with design developer kit edition generation founders hf
    gguf laptop-gpu s + only unified memory channel
    """
)

_NUMBER_WORDS = {
    "single": 1,
    "one": 1,
    "a single": 1,
    "dual": 2,
    "double": 2,
    "twin": 2,
    "two": 2,
    "pair of": 2,
    "a pair of": 2,
    "couple of": 2,
    "a couple of": 2,
    "triple": 3,
    "three": 3,
    "quad": 4,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "ten": 10,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "zwei": 2,
    "drei": 3,
    "vier": 4,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "dois": 2,
    "duas": 2,
    "três": 3,
    "два": 2,
    "две": 2,
    "три": 3,
    "четыре": 4,
    "两张": 2,
    "两块": 2,
    "两个": 2,
    "两": 2,
    "二": 2,
    "双": 2,
    "三张": 3,
    "三": 3,
    "四张": 4,
    "四": 4,
    "八": 8,
}
_NUMWORD_ALT = "|".join(sorted((re.escape(w) for w in _NUMBER_WORDS), key=len, reverse=True))

_BRAND = (
    r"(?:(?:nvidia|geforce|rtx|gtx|rx|radeon|amd|tesla|intel|arc|instinct|quadro|used|more)\s*)*"
)
_COUNT_BEFORE = re.compile(
    r"(?:(?<![\w.])(\d{1,2})\s*(?:x|×|\*)\s*|(?<![\w.])(\d{1,2})\s+|(?<![\w])("
    + _NUMWORD_ALT
    + r")\s*(?:x\s*)?)"
    + _BRAND
    + r"$"
)
_COUNT_AFTER = re.compile(
    r"^(?:s\b|'s\b)?\s*(?:(?:x|×|\*)\s*(\d{1,2})(?![\w.])|\(\s*x\s*(\d{1,2})\s*\))"
)
_BRAND_AT = re.compile(r"(?:nvidia|geforce|rtx|gtx|rx|radeon|tesla|arc|instinct|quadro)\b")
_PLURAL_AFTER = re.compile(r"^(?:s|'s)\b")

# --------------------------------------------------------------------------- span regexes


def _led(first: str, rx: re.Pattern) -> re.Pattern:
    """rx, tried only where a match can start (`first`: a class of the first characters of every
    alternative). The same matches; re otherwise runs each alternative at every position."""
    return re.compile(f"(?={first})(?:{rx.pattern})", rx.flags)


_CPU_RE = re.compile(
    r"(?<![\w])(?:"
    r"(?:amd\s+)?ryzen\s*(?!ai\b)(?:threadripper\s*)?(?:pro\s*)?(?:[3579]\s+)?\d{4}\w*"
    r"|threadripper\s*(?:pro\s*)?\d{4}\w*"
    r"|epyc\s*\d{4}\w*"
    r"|(?:dual\s+|2x\s*)?xeon(?:\s*(?:gold|silver|platinum|bronze|w|max))?(?:\s*[ew]\d)?(?:[-\s]*\d{4,5}\w*)?(?:\s*v\d)?"
    r"|(?:intel\s+)?core\s*(?:ultra\s*)?[3579]\s*\d{3}[a-z]*"
    r"|(?:intel\s+)?(?:core\s*)?i[3579][-\s]?\d{4,5}[a-z]*"
    r"|\d{4,5}(?:x3d|x|k|kf|ks|xe)"
    r")(?![\w])"
)
_VERSION_RE = re.compile(
    r"(?<![\w])(?:(?:cuda|rocm|python|py|ollama|driver|drivers|nvidia-driver|ubuntu|debian|fedora|"
    r"arch|mint|macos|osx|ios|windows|win|kernel|linux|torch|pytorch|vllm|sglang|"
    r"llama[.\-]?cpp(?:[-\s]python)?|lm\s*studio|lmstudio|koboldcpp|kobold|exllama(?:v2)?|"
    r"transformers|oobabooga|version|ver|release|build|sonoma|sequoia|tahoe|firmware|bios|"
    r"vulkan|directml|opencl|sycl|oneapi|hip|metal)\s*[:=]?\s*v?\d+(?:\.\d+)*"
    r"|b\d{4,5}|v\d+(?:\.\d+)+|\d+\.\d+\.\d+(?:\.\d+)?)(?![\w])"
)
_SOFTWARE_RE = re.compile(
    r"(?<![\w])(?:llama[.\-_ ]?cpp(?:[-_ ]python)?|llamacpp|llama[-_](?:server|cli|bench)|llamafile|"
    r"ik_llama(?:\.cpp)?|exllama(?:v2|v3)?|text-generation-webui|open[-\s]?webui)(?![\w])"
)
_YEAR_RE = re.compile(r"(?<![\w.])(?:199\d|20[0-3]\d)(?![\w.])")
_UNIT_RE = re.compile(
    r"(?<![\w.])\d+(?:[.,]\d+)?\s*(?:w|watts?|kw|mhz|ghz|mt/s|mts|%|°c|°|ms|secs?|seconds|mins?|"
    r"minutes|hours?|hrs?|tok(?:en)?s?\s*/\s*s(?:ec)?|t/s|tk/s|tps|it/s|tokens?\s+(?:per|a)\s+sec(?:ond)?|"
    r"rpm|fps|usd|eur|dollars|bucks|euros?|cores?|threads?|layers?|lanes?|slots?|sticks?)(?![\w])"
    r"|[$€£]\s*\d[\d,.]*k?"
    r"|(?<![\w])--?(?:ngl|n-gpu-layers|gpu-layers|t|threads|b|batch-size|ub|ubatch-size|np|parallel|"
    r"n|n-predict|ncmoe|n-cpu-moe|fa|port|temp|top-k|top-p|seed)\s*[=\s]\s*\d+(?:\.\d+)?"
    r"|(?<![\w])(?:pcie|pci-e)\s*(?:gen\s*)?\d(?:\.\d)?(?:\s*x\s*\d{1,2})?"
    r"|(?<![\w])x\d{1,2}\s*(?:lanes?|slot|pcie)"
)
_DDR_RE = re.compile(r"(?<![\w])(?:lp)?ddr([345])x?(?:[-\s]?(\d{4}))?(?![\w])")

_CTX_FLAG_RE = re.compile(
    r"(?<![\w])(?:-c|--ctx-size|--ctx_size|--context-size|-n_ctx|n_ctx|num_ctx|ctx[-_]size|"
    r"context[-_]length|max_model_len|--max-model-len|max[-_]ctx)\s*[=:]?\s*(\d+(?:\.\d+)?)\s*(k)?(?![\w])"
)
_CTX_WORDS = r"(?:ctx|context(?:\s+(?:window|length|size))?|cxt|contexte|kontext|contexto|контекст\w*|上下文)"
_CTX_K_RE = re.compile(
    r"(?<![\w.])(\d+(?:\.\d+)?)\s*([km])(?![\w])(\s*(?:tokens?|toks?)?\s*(?:of\s+)?"
    + _CTX_WORDS
    + r")?"
)
_CTX_BEFORE_RE = re.compile(
    _CTX_WORDS + r"\s*(?:of|=|:|at|to|is|size|length|window|de|von)?\s*(?:about\s+|~\s*)?"
    r"(\d+(?:\.\d+)?)\s*([km])?(?![\w.])"
)
_CTX_AFTER_RE = re.compile(
    r"(?<![\w.])(\d{3,7})\s*(?:tokens?\s*(?:of\s+)?)?" + _CTX_WORDS + r"(?![\w])"
)
_CTX_TOKENS_RE = re.compile(r"(?<![\w.])(\d{4,7})\s*tokens?(?![\w])")
_FULL_CTX_RE = re.compile(
    r"(?:full|max|maximum|native|whole|entire|all)\s+(?:the\s+)?(?:\d+\s*k\s+)?(?:ctx|context)"
)
_BPW_RE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*(?:bpw|bits?\s*per\s*weight|b/w)(?![\w])")
_BITS_RE = re.compile(r"(?<![\w.])(?:@\s*)?(\d+(?:\.\d+)?)\s*-?\s*bits?(?![\w])")
_FPBITS_RE = re.compile(r"(?<![\w])(?:fp|int|nvfp)(\d{1,2})(?![\w])")
_QUANT_TOKEN_RE = re.compile(
    r"(?<![\w.])((?:ud[-_]?)?i?q\d(?:[-_]?(?:k|0|1|xxs|xs|s|m|l|xl|nl)){0,3})(?![\w])"
)
_KV_BEFORE_RE = re.compile(
    r"(?:\bkv|k/v|\bcache|\bctk|\bctv|cache[-_]type[-_][kv]|-ctk|-ctv)\s*(?:cache\s*)?(?:type\s*)?"
    r"(?:[:=]|at|in|to|of|as)?\s*$"
)
_KV_AFTER_RE = re.compile(r"^\s*(?:kv\b|k/v\b|cache\b|context\s+cache\b)")
_MEM_RE = re.compile(
    r"(?<![\w.])(\d{1,4}(?:[.,]\d+)?)\s*(?:gb|gib|gbs|g|go|gig|gigs|gigabytes?|гб|гиг\w*|ギガ)(?![a-z0-9])"
)
_TB_RE = re.compile(r"(?<![\w.])(\d(?:\.\d+)?)\s*(?:tb|tib|to)(?![a-z0-9])")
_MEM_COUNT_BEFORE = re.compile(
    r"(?:(?<![\w.])(\d{1,2})\s*(?:x|×|\*)\s*|(?<![\w.])(\d{1,2})\s+sticks?\s+of\s+|(?<![\w])("
    + _NUMWORD_ALT
    + r")\s+(?:sticks?\s+of\s+)?)$"
)
_VRAM_AFTER = re.compile(
    r"^\s*(?:of\s+)?(?:total\s+)?(?:vram|video\s*memory|gpu\s*memory|graphics\s*memory|card|gpu|"
    r"graphics|de\s+vram|видеопамят\w*|显存)"
)
_RAM_AFTER = re.compile(
    r"^\s*(?:of\s+)?(?:system\s+|sys\s+|main\s+|cpu\s+)?(?:ram|ddr\d?|dram|lpddr\d?x?|memory\s+ram|"
    r"de\s+ram|of\s+system\s+memory|system\s+memory|оперативк\w*|内存|sodimm|dimm)"
)
_UNIFIED_AFTER = re.compile(r"^\s*(?:of\s+)?(?:unified|shared)\s*(?:memory|ram)?")
_VRAM_BEFORE = re.compile(r"(?:vram|video\s*memory|gpu\s*memory|显存)\s*[:=]?\s*(?:of\s+)?$")
_RAM_BEFORE = re.compile(r"(?:\bram|ddr\d|system\s+memory)\s*[:=]?\s*(?:of\s+)?$")
_USAGE_AFTER = re.compile(
    r"^\s*(?:of\s+)?(?:vram\s+|ram\s+|memory\s+)?(?:was\s+|is\s+|are\s+|being\s+)?"
    r"(?:used|usage|in\s+use|allocated|occupied|consumed|taken|free|left|remaining|utili[sz]\w*)"
)
_USAGE_BEFORE = re.compile(
    r"(?:uses|using|used|takes|took|taking|eats|ate|consumes|consumed|needs|requires|required|"
    r"allocates|allocated|shows|showing|reports|loads?|loaded|load\s+of)\s*$"
)
# Cue patterns that are only tested for a match: one word boundary up front, then the words (one
# check per position instead of one per alternative: several times faster on a long message).
_CPU_ONLY_RE = re.compile(
    r"\b(?:no\s+(?:dedicated\s+|discrete\s+)?(?:gpu|graphics\s*card|video\s*card|graphics)"
    r"|without\s+(?:a\s+)?(?:dedicated\s+|discrete\s+)?(?:gpu|graphics\s*card)"
    r"|cpu[-\s]?only\b|only\s+(?:a\s+)?cpu\b|on\s+(?:the\s+)?cpu\b|cpu\s+inference"
    r"|don'?t\s+have\s+a\s+(?:gpu|graphics\s*card)|do\s+not\s+have\s+a\s+gpu"
    r"|pas\s+de\s+(?:gpu|carte\s+graphique)|sans\s+(?:gpu|carte\s+graphique)"
    r"|ohne\s+(?:gpu|grafikkarte)|sin\s+(?:gpu|tarjeta\s+gr[aá]fica)|sem\s+(?:gpu|placa)"
    r"|no\s+vram\b|pure\s+cpu\b)"
    r"|без\s+(?:видеокарты|gpu)|没有显卡"
)
_COMPARE_RE = re.compile(
    r"\b(?:vs\.?|versus|compare[ds]?|comparison|compared|or|better|faster|slower|difference|against|"
    r"instead\s+of|ou|oder|o|или|which)\b|或者|还是"
)
_HOW_MANY_RE = re.compile(r"\bhow\s+many\b")
_SIZE_RE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*b(?![\w])")
_SIZE_GENERIC_BEFORE = re.compile(
    r"(?:best|a|an|any|some|good|which|what|top|decent|usable|biggest|largest|smallest|"
    r"under|below|over|above|around|for|few|many|all|the|other|\d+)\s*$"
)
_SIZE_GENERIC_AFTER = re.compile(
    r"^\s*(?:models?|llms?|class|range|params?|parameters?|ones?|and|or|-)"
)

_WORKLOAD_CUES: list[tuple[str, re.Pattern]] = [
    (
        "agentic",
        re.compile(
            r"\b(?:agent(?:ic|s)?|cline|roo\s*code|aider|opencode|cursor|codex)\b"
            r"|claude\s*code|tool[\s-]?(?:use|calling)"
        ),
    ),
    ("rag", re.compile(r"\b(?:rag|documents?|pdfs?|retrieval|knowledge\s+base)\b")),
    ("reasoning", re.compile(r"\b(?:reasoning|math|reasoner)\b")),
    (
        "coding",
        re.compile(
            r"\b(?:cod(?:e|ing|er|ers)|programming|programmer|dev(?:elopment)?|autocomplete|copilot|"
            r"coder|programmieren|programar)\b"
        ),
    ),
    ("chat", re.compile(r"\b(?:chat(?:ting|bot)?|conversations?|assistant)\b")),
]

_TOKEN_RE = re.compile(r"[^\W\d_]+|\d+(?:\.\d+)?|[^\w\s]")

# first characters of every match (see _led)
_CPU_RE = _led(r"[\dartedxic]", _CPU_RE)
_YEAR_RE = _led(r"[12]", _YEAR_RE)
_UNIT_RE = _led(r"[\d$€£\-px]", _UNIT_RE)
_CTX_K_RE = _led(r"\d", _CTX_K_RE)
_CTX_AFTER_RE = _led(r"\d", _CTX_AFTER_RE)
_CTX_TOKENS_RE = _led(r"\d", _CTX_TOKENS_RE)
_BPW_RE = _led(r"\d", _BPW_RE)
_BITS_RE = _led(r"[@\d]", _BITS_RE)
_FPBITS_RE = _led(r"[fin]", _FPBITS_RE)
_QUANT_TOKEN_RE = _led(r"[uiq]", _QUANT_TOKEN_RE)
_MEM_RE = _led(r"\d", _MEM_RE)
_TB_RE = _led(r"\d", _TB_RE)
_SIZE_RE = _led(r"\d", _SIZE_RE)

_CUE_NEEDS = {
    "agentic": ("agent", "cline", "roo", "aider", "opencode", "cursor", "codex", "claude", "tool"),
    "rag": ("rag", "document", "pdf", "retrieval", "knowledge"),
    "reasoning": ("reason", "math"),
    "coding": ("cod", "program", "dev", "autocomplete", "copilot"),
    "chat": ("chat", "conversation", "assistant"),
}
_CTX_WORD_NEEDS = ("ctx", "context", "cxt", "kontext", "контекст", "上下文")
# Literals a pattern cannot match without (one of them is in every match): a text with none of
# them skips the scan, which on a long message costs more than the test.
_NEEDS: dict[re.Pattern, tuple[str, ...]] = {
    _DDR_RE: ("ddr",),
    _SOFTWARE_RE: ("llama", "webui"),
    _YEAR_RE: ("199", "20"),
    _CTX_FLAG_RE: ("-c", "ctx", "context", "model_len", "model-len"),
    _CTX_BEFORE_RE: _CTX_WORD_NEEDS,
    _CTX_AFTER_RE: _CTX_WORD_NEEDS,
    _CTX_TOKENS_RE: ("token",),
    _FULL_CTX_RE: ("ctx", "context"),
    _BPW_RE: ("bpw", "bit", "b/w"),
    _BITS_RE: ("bit",),
    _FPBITS_RE: ("fp", "int"),
    _QUANT_TOKEN_RE: ("q",),
    _TB_RE: ("tb", "tib", "to"),
    _SIZE_RE: ("b",),
    _CPU_ONLY_RE: (
        "gpu",
        "cpu",
        "graphics",
        "video",
        "vram",
        "carte",
        "grafikkarte",
        "tarjeta",
        "placa",
        "видеокарты",
        "显卡",
    ),
    **{rx: _CUE_NEEDS[wid] for wid, rx in _WORKLOAD_CUES},
}


def _scan(rx: re.Pattern, low: str):
    """rx.finditer(low), or nothing when `low` lacks every literal the pattern needs."""
    needs = _NEEDS.get(rx)
    if needs is not None:
        for w in needs:
            if w in low:
                break
        else:
            return ()
    return rx.finditer(low)


def _found(rx: re.Pattern, low: str) -> re.Match | None:
    """rx.search(low), skipped like _scan."""
    needs = _NEEDS.get(rx)
    if needs is not None:
        for w in needs:
            if w in low:
                break
        else:
            return None
    return rx.search(low)


_CORES_RE = re.compile(r"(?<![\w.])\d{1,3}\s*-?\s*(?:c|cores?|core)(?:\s+gpu)?(?![\w])", re.I)
_POW2 = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048}


# --------------------------------------------------------------------------- the index


@dataclass
class _Key:
    eid: str
    kind: str  # "model" | "hardware"
    tokens: tuple[str, ...]
    memory: float | None  # memory written in the key ("a100 80gb")
    primary: bool  # the entry's id or an alias (not a long display name)
    literal: str | None = None  # an ollama tag counts only when written as such ("qwen:14b")
    stripped: bool = False  # a core count was taken out ("m3 max 30c" -> "m3 max")


@dataclass
class _Index:
    catalog: Catalog
    keys: list[_Key] = field(default_factory=list)
    postings: dict[str, list[int]] = field(default_factory=dict)
    tiebreak: list[float] = field(default_factory=list)  # shorter keys first among equals
    exact: dict[tuple[str, ...], set[tuple[str, str]]] = field(default_factory=dict)
    max_key_len: int = 1
    vocab: set[str] = field(default_factory=set)
    strong_vocab_by_letter: dict[str, list[str]] = field(default_factory=dict)
    quant_alias: dict[str, str] = field(default_factory=dict)  # compact alias -> quant id
    quant_word_re: re.Pattern | None = None
    kv_types: set[str] = field(default_factory=set)
    released: dict[str, str] = field(default_factory=dict)
    fuzzy_cache: dict[str, str | None] = field(default_factory=dict)
    # a family word's entries ("llama": every Llama), models first, filled as words come up
    family: dict[str, list[tuple[str, str]]] = field(default_factory=dict)


def _key_tokens(text: str) -> list[str]:
    """Tokens of a name exactly as the question text is tokenized."""
    return _tokens_of(normalize(text))


def _tokens_of(text: str) -> list[str]:
    out = []
    for m in _TOKEN_RE.finditer(text):
        t = m.group()
        out.extend(_split_alnum(t))
    return out


_ALNUM_SPLIT = re.compile(r"[^\W\d_]+|\d+(?:\.\d+)?")


def _split_alnum(t: str) -> list[str]:
    return _ALNUM_SPLIT.findall(t) or ([t] if t.strip() else [])


def _compact(s: str) -> str:
    return re.sub(r"[\s_\-.]+", "", s.lower())


def _is_num(t: str) -> bool:
    return t[:1].isdigit()


def _build_index(catalog: Catalog) -> _Index:
    idx = _Index(catalog)
    seen: set[tuple] = set()

    def add(eid: str, kind: str, raw: str, primary: bool, literal: str | None = None) -> None:
        mem = None
        text = raw
        stripped = False
        if kind == "hardware" and (m := MEMORY_RE.search(raw)):
            mem = float(m.group(1))
            text = raw[: m.start()] + " " + raw[m.end() :]
        if kind == "hardware" and (m := _CORES_RE.search(text)):
            # "m3 max 30c": users never write GPU core counts; the variant is told by memory
            text = text[: m.start()] + " " + text[m.end() :]
            stripped = True
        toks = tuple(_key_tokens(text))
        sig = (eid, toks, mem, stripped, literal)
        if not toks or sig in seen:
            return
        seen.add(sig)
        idx.keys.append(_Key(eid, kind, toks, mem, primary, literal, stripped))

    for m in catalog.models.values():
        add(m.id, "model", m.id, True)
        add(m.id, "model", m.name, False)
        for a in m.aliases:
            add(m.id, "model", a, True)
        if m.ollama:
            add(m.id, "model", m.ollama, False, literal=m.ollama.lower())
        base = m.hf_repo.split("/")[-1]
        add(m.id, "model", base, False)
        if m.released:
            idx.released[m.id] = m.released
    for h in catalog.hardware.values():
        if h.id.startswith("generic"):
            continue
        add(h.id, "hardware", h.id, True)
        add(h.id, "hardware", h.name, False)
        for a in h.aliases:
            add(h.id, "hardware", a, True)

    idx.tiebreak = [-0.001 * len(k.tokens) for k in idx.keys]
    for k in idx.keys:
        # plain keys only (no memory or core count taken out, not an ollama tag): the fast path
        if k.memory is None and not k.stripped and k.literal is None:
            idx.exact.setdefault(k.tokens, set()).add((k.kind, k.eid))
            idx.max_key_len = max(idx.max_key_len, len(k.tokens))
    for i, k in enumerate(idx.keys):
        for t in set(k.tokens):
            idx.vocab.add(t)
            if t in _GENERIC or (t in _STOP and t not in _MODIFIERS):
                continue
            idx.postings.setdefault(t, []).append(i)
    for t in idx.vocab:
        if t.isalpha() and len(t) >= 4 and t not in _STOP and t not in _MODIFIERS:
            idx.strong_vocab_by_letter.setdefault(t[0], []).append(t)

    words = []
    for q in catalog.quants.values():
        for a in (q.id, *q.aliases):
            c = _compact(a)
            if re.fullmatch(r"(?:ud)?i?q\d\w*", c):
                idx.quant_alias.setdefault(c, q.id)
            else:
                idx.quant_alias.setdefault(c, q.id)
                if a.lower() not in ("half",):
                    words.append(a.lower())
    words.sort(key=len, reverse=True)
    alt = "|".join(
        re.escape(w).replace(r"\ ", r"[\s\-]?").replace(r"\-", r"[\s\-]?") for w in words
    )
    idx.quant_word_re = re.compile(r"(?<![\w.])(?:" + alt + r")(?![\w])") if alt else None
    firsts = {w[0] for w in words}
    if idx.quant_word_re is not None and not firsts & {" ", "-"}:
        idx.quant_word_re = _led(
            "[" + "".join(re.escape(c) for c in sorted(firsts)) + "]", idx.quant_word_re
        )
    idx.kv_types = {"f32", "f16", "bf16", "q8_0", "q5_1", "q5_0", "iq4_nl", "q4_1", "q4_0"}
    return idx


def _index(catalog: Catalog) -> _Index:
    cached = catalog.__dict__.get("_nlq_index")
    if cached is None:
        cached = _build_index(catalog)
        catalog.__dict__["_nlq_index"] = cached
    return cached


# --------------------------------------------------------------------------- tokens & spans


@dataclass(slots=True)
class _Tok:
    text: str
    start: int
    end: int
    glued: bool  # directly after the previous token, no space ("m4", "3090ti")
    orig: str = ""


@dataclass
class _Mention:
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


class _Masker:
    """Remembers which characters a span extractor already took."""

    def __init__(self, text: str):
        self.text = text
        self.taken = bytearray(len(text))
        self._masked: str | None = None

    def free(self, a: int, b: int) -> bool:
        return b"\x01" not in self.taken[a:b]

    def take(self, a: int, b: int) -> None:
        self.taken[a:b] = b"\x01" * (b - a)
        self._masked = None

    def masked(self) -> str:
        """The text with every taken span blanked ("|" then spaces, offsets unchanged)."""
        if self._masked is None:
            t = self.text
            out = []
            prev = 0
            for m in _TAKEN_RE.finditer(self.taken):
                a, b = m.span()
                out.append(t[prev:a])
                out.append("|" + " " * (b - a - 1))
                prev = b
            out.append(t[prev:])
            self._masked = "".join(out)
        return self._masked


_TAKEN_RE = re.compile(rb"\x01+")
_GLUED_COUNT_RE = _led(r"\d", re.compile(r"(?<![\w.])(\d{1,2})([x×*])(?=[^\W\d_])"))


def _ctx_value(num: str, unit: str | None) -> int:
    v = float(num)
    if unit == "k":
        return int(v) * 1024 if v.is_integer() and int(v) in _POW2 else round(v * 1000)
    if unit == "m":
        return int(v) * 1048576 if v.is_integer() and int(v) in _POW2 else round(v * 1e6)
    return int(v)


# --------------------------------------------------------------------------- the parser


@dataclass
class _State:
    text: str
    low: str
    mask: _Masker
    idx: _Index
    quants: list[tuple[int, str]] = field(default_factory=list)
    kv_type: str | None = None
    context: int | None = None
    full_context: bool = False
    memories: list[dict] = field(default_factory=list)
    cpus: list[tuple[int, int, str]] = field(default_factory=list)
    ddr: str | None = None
    ignored: list[str] = field(default_factory=list)
    assumed: list[str] = field(default_factory=list)
    unsure: list[Unsure] = field(default_factory=list)
    # a family named without a size: (its unsure entry, char start, char end)
    family_only: list[tuple[Unsure, int, int]] = field(default_factory=list)


def parse(text: str, catalog: Catalog | None = None) -> Query:
    """Read one free-text question. Never raises on user text."""
    catalog = catalog or default_catalog()
    idx = _index(catalog)
    shown = text if len(text) <= 500 else text[:500] + "..."
    # "8xh200", "2xa6000": a count glued to a name
    body = text[:MAX_CHARS]
    if not body.isascii():
        # full-width and other compatibility forms ("ｑｗｅｎ３ ３２ｂ", "ＲＴＸ ４０９０") as the
        # catalog writes them, like resolve.normalize
        body = unicodedata.normalize("NFKC", body)
    if "x" in body or "×" in body or "*" in body:
        body = _GLUED_COUNT_RE.sub(r"\1\2 ", body)
    low = body.lower()
    # offsets in `low` index the text the user sees (unless lowercasing changed a length)
    st = _State(body if len(body) == len(low) else low, low, _Masker(low), idx)

    _extract_noise(st)
    _extract_context(st)
    _extract_quants(st)
    _extract_memory(st)
    toks = _tokenize(st)
    mentions = _match_entities(st, toks)
    _unknown_model_mentions(st, toks, mentions)

    q = Query(text=shown)
    q.cpu_only = bool(_found(_CPU_ONLY_RE, low))
    models = [m for m in mentions if m.kind == "model" and m.eid]
    hws = [m for m in mentions if m.kind == "hardware" and m.eid]
    hws = _drop_duplicates(hws)
    models = _drop_duplicates(models)

    for h in hws:
        h.count = _count_near(low, h)
    _attach_memory(st, hws)

    # hardware: a GPU-class device first; CPUs only when no GPU was named
    gpu_like = [h for h in hws if catalog.hardware[h.eid].kind != "cpu"]
    if q.cpu_only:
        gpu_like = [
            h for h in gpu_like if catalog.hardware[h.eid].kind in ("igpu", "apple", "unified")
        ]
    primary_hw = gpu_like[0] if gpu_like else None
    second_hw = gpu_like[1] if len(gpu_like) > 1 else None

    if primary_hw is None:
        cpu_entry = _cpu_hardware(st, hws)
        primary_hw = next((h for h in hws if h.eid == cpu_entry), None)
        if cpu_entry is not None or q.cpu_only:
            hw_id = cpu_entry or ("cpu-ddr4-2ch" if st.ddr == "4" else "cpu-ddr5-2ch")
            if hw_id not in catalog.hardware:
                hw_id = "cpu-ddr5-2ch" if "cpu-ddr5-2ch" in catalog.hardware else None
            if hw_id:
                hw = catalog.hardware[hw_id]
                q.hardware = HardwareRef(id=hw.id, name=hw.name)
                q.cpu_only = True
                if cpu_entry is None:
                    st.assumed.append(f"no GPU: a desktop CPU with {_ddr_name(st)} memory")
    else:
        hw = catalog.hardware[primary_hw.eid]
        q.hardware = HardwareRef(id=hw.id, name=hw.name)
        q.gpus = primary_hw.count
        # the host CPU named by its family ("3090 with an epyc"): the GPU answers
        st.unsure = [
            u
            for u in st.unsure
            if not (
                u.kind == "hardware"
                and u.suggestions
                and all(catalog.hardware[c.id].kind == "cpu" for c in u.suggestions)
            )
        ]
        if primary_hw.note:
            st.assumed.append(primary_hw.note)
        if second_hw is not None and _COMPARE_RE.search(low):
            hb = catalog.hardware[second_hw.eid]
            q.hardware_b = HardwareRef(id=hb.id, name=hb.name)
            q.gpus_b = second_hw.count
            if second_hw.memory and hb.kind in ("gpu", "apple", "unified"):
                q.vram_gb_b = second_hw.memory
            for h in gpu_like[2:MAX_COMPARED]:
                hh = catalog.hardware[h.eid]
                mem = h.memory if h.memory and hh.kind in ("gpu", "apple", "unified") else None
                q.more_hardware.append(SetupRef(id=hh.id, name=hh.name, gpus=h.count, vram_gb=mem))
        elif second_hw is not None:
            st.ignored.append(f"{second_hw.text} (one device at a time; took {hw.name})")

    _assign_memory(st, q, primary_hw)

    if models:
        _drop_passing_families(st, models, bool(_COMPARE_RE.search(low)))
        m0 = catalog.models[models[0].eid]
        q.model = ModelRef(id=m0.id, name=m0.name, params_b=m0.params_b)
        if models[0].note:
            st.assumed.append(models[0].note)
        if len(models) > 1 and _COMPARE_RE.search(low):
            m1 = catalog.models[models[1].eid]
            q.model_b = ModelRef(id=m1.id, name=m1.name, params_b=m1.params_b)
            if models[1].note:
                st.assumed.append(models[1].note)
            for mm in models[2:MAX_COMPARED]:
                m2 = catalog.models[mm.eid]
                q.more_models.append(ModelRef(id=m2.id, name=m2.name, params_b=m2.params_b))
                if mm.note:
                    st.assumed.append(mm.note)

    if st.quants:
        ordered = [qid for _, qid in sorted(st.quants)]
        q.quants = list(dict.fromkeys(ordered))
        q.quant = q.quants[0]
    q.kv_type = st.kv_type
    q.context = st.context
    if st.full_context:
        q.full_context = True
        if q.model is not None and q.context is None:
            q.context = catalog.models[q.model.id].context
    q.workload = _workload(st, mentions)

    q.intent = _intent(st, q, models, hws)
    q.unsure = st.unsure
    q.assumed = st.assumed
    q.ignored = st.ignored
    return q


def _drop_passing_families(st: _State, models: list[_Mention], compare: bool) -> None:
    """A model family named without a size next to a clear model name is not a question of its
    own: the rest of the same name ("deepseek" of "deepseek r1 distill 14b"), or a passing
    mention after it ("... with llama" cut from "with llama.cpp"). A comparison word next to it
    ("qwen3 32b vs llama") keeps it unsure, since it asks for that second model; so does a family
    named before the clear name ("llama on my 3090? i used qwen3 8b before")."""
    cat = st.idx.catalog
    first = min(m.start for m in models)
    for u, a, b in st.family_only:
        if u.kind != "model" or not any(u is x for x in st.unsure):
            continue
        part_of = any(
            (0 <= m.start - b <= 2 or 0 <= a - m.end <= 2)
            and any(cat.models[c.id].family == cat.models[m.eid].family for c in u.suggestions)
            for m in models
        )
        # "vs llama", "llama or ...": a comparison word right next to it asks for that model
        compared = compare and (
            _COMPARE_RE.search(st.low[max(0, a - 12) : a]) or _COMPARE_RE.search(st.low[b : b + 12])
        )
        if not part_of and (compared or a < first):
            continue
        st.unsure = [x for x in st.unsure if x is not u]
        if not part_of:
            st.ignored.append(f'"{u.text}" (a model family without a size, after a model)')


def _ddr_name(st: _State) -> str:
    return "DDR4" if st.ddr == "4" else "DDR5"


def _drop_duplicates(ms: list[_Mention]) -> list[_Mention]:
    out: list[_Mention] = []
    for m in ms:
        if all(o.eid != m.eid for o in out):
            out.append(m)
        else:
            # the same device named twice ("3090 ... my 3090s"): keep the count if stated
            first = next(o for o in out if o.eid == m.eid)
            first.count = first.count or m.count
            first.memory = first.memory or m.memory
    return out


# ---- pass 1: spans that are not names


def _take_all(
    st: _State, rx: re.Pattern, label: str | None = None, group: int = 0
) -> list[re.Match]:
    hits = []
    for m in _scan(rx, st.low):
        a, b = m.span(group)
        if st.mask.free(a, b):
            st.mask.take(a, b)
            hits.append(m)
            if label:
                st.ignored.append(f"{m.group(group).strip()} ({label})")
    return hits


def _extract_noise(st: _State) -> None:
    for m in _scan(_DDR_RE, st.low):
        st.ddr = st.ddr or m.group(1)
        if m.group(2):
            st.mask.take(m.start(2), m.end(2))
    for m in _CPU_RE.finditer(st.low):
        a, b = m.span()
        if st.mask.free(a, b):
            st.mask.take(a, b)
            st.cpus.append((a, b, m.group()))
    _take_all(st, _SOFTWARE_RE)
    _take_all(st, _VERSION_RE, "a software version")
    _take_all(st, _YEAR_RE)
    _take_all(st, _UNIT_RE)


def _extract_context(st: _State) -> None:
    found: list[tuple[int, int]] = []
    for m in _scan(_CTX_FLAG_RE, st.low):
        if st.mask.free(*m.span()):
            st.mask.take(*m.span())
            found.append((m.start(), _ctx_value(m.group(1), m.group(2))))
    for m in _scan(_CTX_BEFORE_RE, st.low):
        a, b = m.span()
        if st.mask.free(m.start(1), m.end(1)) and (m.group(2) or float(m.group(1)) >= 256):
            st.mask.take(a, b)
            found.append((a, _ctx_value(m.group(1), m.group(2))))
    for m in _CTX_K_RE.finditer(st.low):
        a, b = m.span()
        if not st.mask.free(m.start(1), m.end(2)):
            continue
        unit = m.group(2)
        if unit == "m" and not m.group(3):
            continue  # "1m" alone is not a context
        v = _ctx_value(m.group(1), unit)
        if not 256 <= v <= 10_000_000:
            continue
        st.mask.take(a, b)
        found.append((a, v))
    for rx in (_CTX_AFTER_RE, _CTX_TOKENS_RE):
        for m in _scan(rx, st.low):
            if st.mask.free(m.start(1), m.end(1)):
                v = int(m.group(1))
                if 256 <= v <= 10_000_000:
                    st.mask.take(*m.span())
                    found.append((m.start(), v))
    if found:
        st.context = sorted(found)[0][1]
    if m := _found(_FULL_CTX_RE, st.low):
        st.full_context = st.context is None
        st.mask.take(*m.span())


def _nearest_bpw(st: _State, bpw: float) -> str | None:
    pool = [q for q in st.idx.catalog.quants.values() if q.family in ("k", "i")]
    if not pool:
        return None
    return min(pool, key=lambda q: (abs(q.bpw - bpw), -q.bpw)).id


def _bits_quant(st: _State, bits: float) -> str | None:
    if bits.is_integer() and (qid := st.idx.quant_alias.get(f"q{int(bits)}")):
        return qid
    if bits.is_integer() and int(bits) == 16:
        return st.idx.quant_alias.get("f16")
    return _nearest_bpw(st, bits)


def _add_quant(st: _State, a: int, b: int, qid: str, raw: str) -> None:
    before = st.low[max(0, a - 24) : a]
    after = st.low[b : b + 16]
    if _KV_BEFORE_RE.search(before) or _KV_AFTER_RE.match(after):
        kv = raw.lower().replace("-", "_")
        kv = {"q8": "q8_0", "q4": "q4_0", "q5": "q5_0", "fp16": "f16", "8bit": "q8_0"}.get(kv, kv)
        if kv not in st.idx.kv_types:
            kv = qid.lower() if qid.lower() in st.idx.kv_types else None
        if kv:
            st.kv_type = kv
            return
    st.quants.append((a, qid))


def _extract_quants(st: _State) -> None:
    idx = st.idx
    for m in _scan(_BPW_RE, st.low):
        if st.mask.free(*m.span()) and (qid := _nearest_bpw(st, float(m.group(1)))):
            st.mask.take(*m.span())
            _add_quant(st, *m.span(), qid, m.group())
    if idx.quant_word_re is not None:
        for m in idx.quant_word_re.finditer(st.low):
            if st.mask.free(*m.span()):
                qid = idx.quant_alias.get(_compact(m.group()))
                if qid:
                    st.mask.take(*m.span())
                    _add_quant(st, *m.span(), qid, m.group())
    for m in _scan(_QUANT_TOKEN_RE, st.low):
        if not st.mask.free(*m.span()):
            continue
        raw = m.group(1)
        c = _compact(raw)
        qid = idx.quant_alias.get(c)
        if qid is None:
            bits = re.search(r"\d", c)
            # "q4_k_l" or "iq4": the nearest known type of that bit width
            qid = idx.quant_alias.get(c[: bits.end()]) if bits else None
            if qid is None and c.startswith("iq"):
                qid = idx.quant_alias.get(c[1:])
        if qid:
            st.mask.take(*m.span())
            _add_quant(st, *m.span(), qid, raw)
    for rx in (_BITS_RE, _FPBITS_RE):
        for m in _scan(rx, st.low):
            if st.mask.free(*m.span()) and (qid := _bits_quant(st, float(m.group(1)))):
                st.mask.take(*m.span())
                _add_quant(st, *m.span(), qid, m.group())


def _extract_memory(st: _State) -> None:
    hits: list[tuple[int, int, float]] = []
    for m in _MEM_RE.finditer(st.low):
        if st.mask.free(*m.span()):
            hits.append((m.start(), m.end(), float(m.group(1).replace(",", "."))))
    for m in _scan(_TB_RE, st.low):
        if st.mask.free(*m.span()):
            hits.append((m.start(), m.end(), float(m.group(1)) * 1024))
    for a, b, v in sorted(hits):
        if not 0.5 <= v <= 4096:
            continue
        st.mask.take(a, b)
        before = st.low[max(0, a - 24) : a]
        after = st.low[b : b + 28]
        kind = None
        if _USAGE_AFTER.match(after) or _USAGE_BEFORE.search(before):
            st.ignored.append(f"{st.low[a:b]} (a usage figure)")
            continue
        if _UNIFIED_AFTER.match(after):
            kind = "unified"
        elif _VRAM_AFTER.match(after) or _VRAM_BEFORE.search(before):
            kind = "vram"
        elif _RAM_AFTER.match(after) or _RAM_BEFORE.search(before):
            kind = "ram"
        count = None
        if cm := _MEM_COUNT_BEFORE.search(before):
            raw = cm.group(1) or cm.group(2) or cm.group(3)
            count = int(raw) if raw.isdigit() else _NUMBER_WORDS.get(raw)
            if count and not 1 <= count <= 16:
                count = None
            if count and "stick" in cm.group(0):
                v, count = v * count, None
                kind = kind or "ram"
            elif count and kind == "ram":
                v, count = v * count, None
        st.memories.append(
            {"start": a, "end": b, "gb": v, "kind": kind, "count": count, "used": False}
        )


def _tokenize(st: _State) -> list[_Tok]:
    """Words, numbers and punctuation of the masked text (letters and digits already apart)."""
    toks: list[_Tok] = []
    append = toks.append
    prev_end = -1
    for n, m in enumerate(_TOKEN_RE.finditer(st.mask.masked())):
        a, e = m.span()
        raw = m.group()
        append(_Tok(raw, a, e, a == prev_end, raw))
        prev_end = e
        if n >= 1500:  # 1501 tokens
            break
    return toks


# ---- pass 2: names


def _canon(idx: _Index, t: str) -> str | None:
    """A text token as a catalog token: itself, a typo fixed ("quen" -> qwen), or None."""
    if t in idx.vocab:
        return t
    if not t.isalpha() or len(t) < 4 or t in _STOP:
        return None
    if t in idx.fuzzy_cache:
        return idx.fuzzy_cache[t]
    best = None
    limit = 1 if len(t) < 7 else 2
    for cand in idx.strong_vocab_by_letter.get(t[0], ()):
        if abs(len(cand) - len(t)) > limit:
            continue
        d = Levenshtein.distance(t, cand, score_cutoff=limit)
        if d <= limit and (best is None or d < best[0]):
            best = (d, cand)
    out = best[1] if best else None
    if len(idx.fuzzy_cache) < 50_000:
        idx.fuzzy_cache[t] = out
    return out


def _tok_info(t: str) -> tuple[bool, float, float, float, bool]:
    """(is a number, weight, weight as a code like the 4 of "m4", missing penalty, strong)."""
    info = _TOK_INFO.get(t)
    if info is None:
        num = t[:1].isdigit()
        if num:
            big = len(t.split(".")[0]) >= 3
            w = 12.0 if big else 10.0
            info = (True, w, w, 7.0, big)
        else:
            if len(t) == 1:
                w = 3.0
            elif t in _GENERIC:
                w = 0.5
            elif t in _MODIFIERS or t in _STOP:
                w = 5.0
            else:
                w = 8.0
            miss = 0.3 if t in _GENERIC else 4.0 if len(t) == 1 else 5.0
            strong = len(t) >= 3 and t not in _MODIFIERS and t not in _STOP and t not in _GENERIC
            info = (False, w, 6.0, miss, strong)
        if len(_TOK_INFO) < 100_000:
            _TOK_INFO[t] = info
    return info


_TOK_INFO: dict[str, tuple[bool, float, float, float, bool]] = {}


def _weight(t: str, glued_code: bool) -> float:
    info = _tok_info(t)
    return info[2] if glued_code else info[1]


def _strong(t: str, glued_code: bool) -> bool:
    info = _tok_info(t)
    if glued_code:
        return True if info[0] else len(t) <= 3
    return info[4]


def _runs(st: _State, toks: list[_Tok]) -> list[list[int]]:
    """Maximal runs of tokens that can belong to a name (catalog words, joined by - . : / +)."""
    idx = st.idx
    runs: list[list[int]] = []
    cur: list[int] = []
    vocab = idx.vocab
    for i, t in enumerate(toks):
        c = t.text
        if c not in vocab:
            # _canon(idx, c), its cheap refusals first
            c = None if not c.isalpha() or len(c) < 4 or c in _STOP else _canon(idx, c)
        if c is not None and t.text[:1].isalnum():
            t.text = c
            cur.append(i)
            continue
        if t.text in ("-", ".", ":", "/", "_", "+", "'") and cur:
            continue
        if cur:
            runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    # a run needs at least one strong token to be worth matching
    out = []
    for r in runs:
        if any(_strong(toks[i].text, _glued_code(toks, i)) for i in r):
            out.append(r[:MAX_RUN_TOKENS])
        if len(out) >= MAX_RUNS:
            break
    return out


def _glued_code(toks: list[_Tok], i: int) -> bool:
    """ "m4", "p40", "a100", "r1", "k2": a short letter prefix glued to a number."""
    t = toks[i]
    if _is_num(t.text):
        return (
            t.glued
            and i > 0
            and toks[i - 1].text.isalpha()
            and len(toks[i - 1].orig) <= 2
            and toks[i - 1].text != "x"
        )
    if t.text == "x":
        return False
    return (
        len(t.orig) <= 2
        and t.text.isalpha()
        and i + 1 < len(toks)
        and toks[i + 1].glued
        and _is_num(toks[i + 1].text)
    )


def _align(key: tuple[str, ...], pos: dict[str, list[int]], run_toks, used, codes):
    """Match key tokens inside the run, in order where possible ("rtx 6000 pro" still matches
    "rtx pro 6000"). `pos` maps each run token to its positions. Returns
    (score, lo, hi, full, exact) or None."""
    n = len(run_toks)
    taken: list[int] = []
    score = 0.0
    missing = 0.0
    full = exact = True
    anchor = -1
    last = -1
    window = len(key) + 2
    strong = False
    for k in key:
        is_num, w, wcode, miss, k_strong = _tok_info(k)
        found = -1
        where = pos.get(k)
        if where:
            # in order; a device number may also come first ("rtx 6000 pro" for "rtx pro 6000")
            reorder = is_num and k_strong
            best_d = 99
            for j in where:
                if used[j] or j in taken:
                    continue
                if anchor >= 0 and abs(j - anchor) > window:
                    continue
                if j <= last and not reorder:
                    continue
                d = j - last if j > last else 50 + (last - j)
                if d < best_d:
                    best_d, found = d, j
        if found < 0:
            missing += miss
            exact = False
            if k not in _GENERIC:
                full = False
            continue
        if anchor < 0:
            anchor = found
        if found < last:
            missing += 2.0
        last = max(last, found)
        taken.append(found)
        code = codes[found]
        score += wcode if code else w
        if not strong and (k_strong or (code and (is_num or len(k) <= 3))):
            strong = True
    if not taken or not strong:
        return None
    lo, hi = min(taken), max(taken)
    extra = 0.0
    if hi - lo + 1 > len(taken):
        for j in range(lo, hi + 1):
            if j in taken:
                continue
            t = run_toks[j]
            if used[j] or t[:1].isdigit():
                return None  # a number the key does not have: "3080" is not a "3090"
            extra += 0.5 if t in _GENERIC else 6.0
            full = exact = False
    # what follows the match and belongs to nothing: "qwen3 32b" vs qwen3-30b, "m3 max" vs m3
    if hi + 1 < n and not used[hi + 1]:
        nxt = run_toks[hi + 1]
        if nxt[:1].isdigit():
            if not codes[hi + 1] and (
                (hi + 2 < n and run_toks[hi + 2] == "b") or (len(nxt) <= 3 and "." in nxt)
            ):
                extra += 12.0
                full = exact = False
        elif nxt in _MODIFIERS and nxt not in _GENERIC and len(nxt) > 1:
            extra += 4.0
            exact = False
    return score - missing - extra, lo, hi, full, exact


def _match_entities(st: _State, toks: list[_Tok]) -> list[_Mention]:
    idx = st.idx
    cat = idx.catalog
    keys = idx.keys
    postings = idx.postings
    tiebreak = idx.tiebreak
    mentions: list[_Mention] = []
    for run in _runs(st, toks):
        run_toks = [toks[i].text for i in run]
        codes = [_glued_code(toks, i) for i in run]
        used = [False] * len(run)
        pos: dict[str, list[int]] = {}
        for j, t in enumerate(run_toks):
            pos.setdefault(t, []).append(j)
        for _ in range(4):
            fast = _exact_span(st, toks, run, run_toks, used, codes)
            if fast is not None:
                mentions.append(fast)
                if all(used):
                    break
                continue
            # only keys that share a strong token ("qwen", "3090", the 4 of "m4") can match
            cand: set[int] = set()
            for j, t in enumerate(run_toks):
                if not used[j] and _strong(t, codes[j]):
                    cand.update(postings.get(t, ()))
            if not cand:
                break
            acc: dict[int, float] = {}
            get = acc.get
            for j, t in enumerate(run_toks):
                if used[j]:
                    continue
                w = _weight(t, codes[j])
                keys_of_t = postings.get(t)
                if keys_of_t:
                    # the keys in `cand`, in posting order (postings hold ascending key indexes)
                    for ki in sorted(cand.intersection(keys_of_t)):
                        acc[ki] = get(ki, tiebreak[ki]) + w
            # heapq.nlargest(64, ...), which is documented as this sort (ties keep their order)
            order = sorted(acc.items(), key=_second, reverse=True)[:64]
            mem_at: dict[tuple[int, int], float | None] = {}
            best_by_entry: dict[tuple[str, str], tuple[float, int, int, bool]] = {}
            best = -1e9
            for ki, upper in order:
                # the accumulated weight bounds what a key can score (+ bonuses): stop early
                if upper + 10.0 < best - 2.5:
                    break
                key = keys[ki]
                if key.literal is not None and key.literal not in st.low:
                    continue
                r = _align(key.tokens, pos, run_toks, used, codes)
                if r is None:
                    continue
                score, lo, hi, full, exact = r
                if key.kind == "hardware":
                    if (lo, hi) not in mem_at:
                        mem_at[(lo, hi)] = _adjacent_memory(
                            st, toks[run[lo]].start, toks[run[hi]].end
                        )
                    mem = mem_at[(lo, hi)]
                    score += _memory_bonus(cat.hardware[key.eid], key, mem)
                    if key.memory is not None and mem is None:
                        full = exact = False
                    if key.stripped:
                        score -= 2.0
                        exact = False
                if full:
                    score += 4.0 if key.primary else 2.0
                if exact:
                    score += 1.0
                if score > best:
                    best = score
                ek = (key.kind, key.eid)
                if ek not in best_by_entry or score > best_by_entry[ek][0]:
                    best_by_entry[ek] = (score, lo, hi, exact)
            if not best_by_entry:
                break
            ranked = [
                (score, kind, eid, lo, hi, exact)
                for (kind, eid), (score, lo, hi, exact) in best_by_entry.items()
            ]
            ranked.sort(key=lambda r: -r[0])
            score, kind, eid, lo, hi, exact = ranked[0]
            if score < 9.0:
                _family_only(st, toks, run, run_toks, used, ranked)
                break
            a = toks[run[lo]].start
            b = toks[run[hi]].end
            mention = _Mention(kind, eid, a, b, score, [], st.text[a:b])
            mention.memory = mem_at.get((lo, hi)) if kind == "hardware" else None
            _decide(st, mention, ranked, kind, lo, hi)
            for j in range(lo, hi + 1):
                used[j] = True
            mentions.append(mention)
            if all(used):
                break
    mentions.sort(key=lambda m: m.start)
    return mentions


_ATTACH_GAP_AFTER = re.compile(
    r"^(?:\s|[,(\-:/]|s\b|'s\b|with|w/|de|mit|con|avec|of|at|ti\b|super\b|laptop\b|mobile\b)*$"
)
_ATTACH_GAP_BEFORE = re.compile(r"^(?:\s|[,(\-:/]|de)*$")


def _adjacent_memory(st: _State, a: int, b: int) -> float | None:
    for mem in st.memories:
        if mem["start"] >= b and mem["start"] - b <= 14:
            gap = st.low[b : mem["start"]]
            if _ATTACH_GAP_AFTER.match(gap) and mem["kind"] in (None, "vram", "unified", "ram"):
                return mem["gb"]
        if mem["end"] <= a and a - mem["end"] <= 3:
            gap = st.low[mem["end"] : a]
            if _ATTACH_GAP_BEFORE.match(gap) and mem["kind"] in (None, "vram"):
                return mem["gb"]
    return None


def _exact_span(st: _State, toks, run, run_toks, used, codes) -> _Mention | None:
    """Fast path: the run's remaining words are exactly one entry's key ("3090", "m4 max")."""
    idx = st.idx
    free = [j for j in range(len(run_toks)) if not used[j]]
    if not free or free[-1] - free[0] + 1 != len(free):
        return None
    lo, hi = free[0], free[-1]
    # leading / trailing filler words ("a 3060", "3090 with") do not count
    while lo <= hi and _filler(run_toks[lo]) and not codes[lo]:
        lo += 1
    while hi >= lo and _filler(run_toks[hi]) and not codes[hi]:
        hi -= 1
    if lo > hi or hi - lo + 1 > idx.max_key_len:
        return None
    owners = idx.exact.get(tuple(run_toks[lo : hi + 1]))
    if not owners and lo == hi and run_toks[lo].isalpha() and _tok_info(run_toks[lo])[4]:
        # a family word alone ("llama", "deepseek"): ask which one
        family = _family_entries(idx, run_toks[lo])
        if len(family) >= 2:
            ranked = [(0.0, kind, eid, lo, hi, False) for kind, eid in family]
            _family_only(st, toks, run, run_toks, used, ranked)
            for j in range(lo, hi + 1):
                used[j] = True
        return None
    if not owners or len(owners) != 1:
        return None
    kind, eid = next(iter(owners))
    if not any(_strong(run_toks[j], codes[j]) for j in range(lo, hi + 1)):
        return None
    a = toks[run[lo]].start
    b = toks[run[hi]].end
    mem = None
    if kind == "hardware":
        mem = _adjacent_memory(st, a, b)
        if mem is not None:
            return None  # memory next to it may pick another variant: the full match decides
    for j in range(lo, hi + 1):
        used[j] = True
    m = _Mention(kind, eid, a, b, 100.0, [], st.text[a:b])
    m.memory = mem
    return m


def _family_entries(idx: _Index, word: str) -> list[tuple[str, str]]:
    """(kind, id) of every entry a plain key with this word names, once each, models first."""
    out = idx.family.get(word)
    if out is None:
        out = []
        seen: set[str] = set()
        for ki in idx.postings.get(word, ()):
            k = idx.keys[ki]
            if k.eid not in seen and k.literal is None:
                seen.add(k.eid)
                out.append((k.kind, k.eid))
        out.sort(key=lambda r: r[0] != "model")
        if len(idx.family) < 50_000:
            idx.family[word] = out
    return out


def _filler(t: str) -> bool:
    return t in _STOP and t not in _MODIFIERS


_second = itemgetter(1)


def _family_only(st: _State, toks, run, run_toks, used, ranked) -> None:
    """A family named without a size ("llama on a 3090", "deepseek"): ask which one."""
    words = [t for j, t in enumerate(run_toks) if not used[j] and t.isalpha() and _tok_info(t)[4]]
    if not words:
        return
    kind = ranked[0][1]
    top = ranked[0][0]
    close = [r for r in ranked if r[1] == kind and r[0] >= top - 10.0]
    ids = list(dict.fromkeys(r[2] for r in close))
    if len(ids) < 2:
        return
    names = st.idx.catalog.models if kind == "model" else st.idx.catalog.hardware
    if kind == "model":
        # the newest first: that is what people usually mean
        ids.sort(key=lambda i: names[i].released or "", reverse=True)
    lo = min(j for j, t in enumerate(run_toks) if not used[j])
    hi = max(j for j, t in enumerate(run_toks) if not used[j])
    text = st.text[toks[run[lo]].start : toks[run[hi]].end].strip()
    st.unsure.append(
        Unsure(
            kind=kind,
            text=text,
            suggestions=[Choice(id=i, name=names[i].name, score=0.0) for i in ids[:6]],
        )
    )
    st.family_only.append((st.unsure[-1], toks[run[lo]].start, toks[run[hi]].end))


def _memory_bonus(hw: Hardware, key: _Key, mem: float | None) -> float:
    if key.memory is not None:
        # "a100 40gb" is a key of its own: without memory in the text it is only a partial match
        if mem is None:
            return -6.0
        return 5.0 if abs(key.memory - mem) < 0.6 else -8.0
    if mem is None:
        return 0.0
    sizes = {hw.memory_gb, *hw.memory_options_gb}
    if any(abs(s - mem) < 0.6 for s in sizes):
        return 5.0
    # a variant never sold with that memory (an M3 Max 40-core has no 36 GB)
    return -12.0 if hw.memory_options_gb else -5.0


def _decide(st: _State, mention: _Mention, ranked, kind: str, lo: int, hi: int) -> None:
    """Pick among near-ties, or mark the mention unsure."""
    cat = st.idx.catalog
    top = ranked[0]
    tied = [
        r for r in ranked if r[1] == kind and r[0] >= top[0] - 2.5 and not (r[4] < lo or r[3] > hi)
    ]
    ids = list(dict.fromkeys(r[2] for r in tied))
    if len(ids) <= 1:
        return
    if top[5] and all(r[0] < top[0] for r in tied if r[2] != top[2]):
        return  # a complete match that scores best
    exact_ids = list(dict.fromkeys(r[2] for r in tied if r[5]))
    if len(exact_ids) == 1:
        mention.eid = exact_ids[0]
        return
    text = mention.text.strip()
    if kind == "model":
        ms = [cat.models[i] for i in ids]
        sizes = {round(m.params_b / max(ms[0].params_b, 0.01), 1) for m in ms}
        fams = {m.family for m in ms}
        if len(sizes) == 1 and len(fams) == 1:
            # versions of one model ("llama 70b"): the newest, and say so
            newest = max(ms, key=lambda m: (m.released or "", -ids.index(m.id)))
            mention.eid = newest.id
            others = ", ".join(m.name for m in ms if m.id != newest.id)
            mention.note = f'"{text}": read as the newest, {newest.name} (also: {others})'
            return
    else:
        hs = [cat.hardware[i] for i in ids]
        if len({h.memory_gb for h in hs}) == 1 or mention.memory is not None:
            chosen = cat.hardware[top[2]]
            others = ", ".join(h.name for h in hs if h.id != chosen.id)
            mention.eid = chosen.id
            mention.note = f'"{text}": read as {chosen.name} (also: {others})'
            return
    names = cat.models if kind == "model" else cat.hardware
    st.unsure.append(
        Unsure(
            kind=kind,
            text=text,
            suggestions=[
                Choice(id=i, name=names[i].name, score=round(s, 1)) for i, s in _uniq(tied)
            ],
        )
    )
    mention.eid = None


def _uniq(tied) -> list[tuple[str, float]]:
    seen: dict[str, float] = {}
    for r in tied:
        seen.setdefault(r[2], r[0])
    return list(seen.items())[:6]


def _unknown_model_mentions(st: _State, toks: list[_Tok], mentions: list[_Mention]) -> None:
    """ "mistral 7b" with no Mistral in the catalog: say so rather than answer without it."""
    covered = [(m.start, m.end) for m in mentions if m.kind == "model"]
    masked = st.mask.masked()
    for m in _scan(_SIZE_RE, masked):
        a, b = m.span()
        if any(x <= a < y or x < b <= y for x, y in covered):
            continue
        if any(u.kind == "model" and u.text in st.text[max(0, a - 30) : b] for u in st.unsure):
            continue
        before = masked[max(0, a - 30) : a]
        words = re.findall(r"[^\W\d_][\w.\-]*", before)
        after = masked[b : b + 20]
        if _SIZE_GENERIC_AFTER.match(after) or not words or _SIZE_GENERIC_BEFORE.search(before):
            continue
        # the word right before the size must be a name, not "on" / "stay on 20b"
        if words[-1].strip("-._") in _STOP or not re.search(r"[^\W\d_][\w.\-]*\s*$", before):
            continue
        name_words = [w.strip("-._") for w in words[-3:] if w not in _STOP and w.strip("-._")]
        if not name_words:
            continue
        phrase = " ".join(name_words) + " " + m.group().strip()
        from .resolve import resolve_model

        r = resolve_model(phrase, st.idx.catalog)
        st.unsure.append(
            Unsure(
                kind="model",
                text=phrase,
                suggestions=[
                    Choice(id=s.id, name=s.name, score=s.score) for s in r.suggestions[:5]
                ],
            )
        )


# ---- pass 3: counts, memory, intent


def _count_near(low: str, h: _Mention) -> int | None:
    before = low[max(0, h.start - 28) : h.start]
    after = low[h.end : h.end + 12]
    if m := _COUNT_BEFORE.search(before):
        if m.group(1):
            n = int(m.group(1))
        elif m.group(2):
            # a bare number needs a plural or a brand word: "2 3090s", "4 rtx 3090", not "qwen3 32 3090"
            n = int(m.group(2))
            branded = re.search(r"\d\s+[a-z]", m.group(0)) or _BRAND_AT.match(low, h.start)
            if not (_PLURAL_AFTER.match(after) or branded):
                n = 0
        else:
            n = _NUMBER_WORDS.get(m.group(3).strip(), 0)
        if 1 <= n <= 16:
            return n
    if m := _COUNT_AFTER.match(after):
        n = int(m.group(1) or m.group(2))
        if 1 <= n <= 16:
            return n
    return None


def _attach_memory(st: _State, hws: list[_Mention]) -> None:
    for h in hws:
        if h.memory is None:
            continue
        for mem in st.memories:
            if (
                not mem["used"]
                and mem["gb"] == h.memory
                and (0 <= mem["start"] - h.end <= 14 or 0 <= h.start - mem["end"] <= 3)
            ):
                mem["used"] = True
                mem["owner"] = h
                break


def _cpu_hardware(st: _State, hws: list[_Mention]) -> str | None:
    """A CPU-only system: a CPU the text names ("7950x"), else a generic one ("ddr4")."""
    cat = st.idx.catalog
    for _a, _b, text in st.cpus:
        toks = _key_tokens(text)
        best = None
        for key in st.idx.keys:
            if key.kind != "hardware" or cat.hardware[key.eid].kind != "cpu":
                continue
            pos: dict[str, list[int]] = {}
            for j, t in enumerate(toks):
                pos.setdefault(t, []).append(j)
            r = _align(key.tokens, pos, toks, [False] * len(toks), [False] * len(toks))
            if r and r[3] and (best is None or r[0] > best[0]):
                best = (r[0], key.eid)
        if best:
            return best[1]
        if fam := _cpu_family_system(st, text):
            return fam
        st.ignored.append(f"{text} (a CPU)")
    cpus = [h.eid for h in hws if cat.hardware[h.eid].kind == "cpu"]
    # a named CPU first, then a CPU family without a model number ("512gb ram epyc", left
    # unsure by the matcher), then a generic system ("ddr4")
    for eid in cpus:
        if cat.hardware[eid].vendor != "other":
            return eid
    for u in list(st.unsure):
        if (
            u.kind == "hardware"
            and all(cat.hardware[c.id].kind == "cpu" for c in u.suggestions)
            and (fam := _cpu_family_system(st, u.text))
        ):
            st.unsure.remove(u)
            return fam
    return cpus[0] if cpus else None


def _cpu_family_system(st: _State, text: str) -> str | None:
    """ "epyc", "xeon", "threadripper pro": the catalog's CPUs of that family (that take the RAM
    stated, of the DDR generation stated) say what kind of system it is: the memory type and
    channel count most of them have (the newest kind on a tie). The generic system entry of that
    kind answers, and the reading is written down; with no such entry the family stays unsure."""
    cat = st.idx.catalog
    words = [
        t for t in _key_tokens(text) if t.isalpha() and _tok_info(t)[4] and t in st.idx.postings
    ]
    if not words:
        return None
    ids: set[str] | None = None
    for w in words:
        found = {eid for kind, eid in _family_entries(st.idx, w) if kind == "hardware"}
        ids = found if ids is None else ids & found
    cpus = [cat.hardware[i] for i in ids or () if cat.hardware[i].kind == "cpu"]
    cpus = sorted(
        (h for h in cpus if h.vendor != "other" and h.memory_type and h.channels),
        key=lambda h: h.id,
    )
    if st.ddr:
        cpus = [h for h in cpus if _ddr_gen(h) == st.ddr] or cpus
    ram = max((m["gb"] for m in st.memories if m["kind"] in (None, "ram")), default=None)
    if ram:
        cpus = [h for h in cpus if max(h.memory_gb, *h.memory_options_gb) >= ram * 0.98] or cpus
    if not cpus:
        return None
    groups: dict[tuple[str, int], list[Hardware]] = {}
    for h in cpus:
        groups.setdefault((_ddr_gen(h), h.channels or 0), []).append(h)
    (gen, channels), members = max(
        groups.items(), key=lambda kv: (len(kv[1]), max(h.year or 0 for h in kv[1]))
    )
    systems = [
        h
        for h in cat.hardware.values()
        if h.kind == "cpu"
        and h.vendor == "other"
        and h.form != "embedded"
        and h.channels == channels
        and _ddr_gen(h) == gen
    ]
    if not systems:
        return None  # no generic entry of that kind ("rpi"): the choices stay with the user
    mid = sorted(h.bandwidth_gbps for h in members)[len(members) // 2]
    chosen = min(systems, key=lambda h: abs(h.bandwidth_gbps - mid))
    # an example CPU of that kind: the one closest to the chosen entry, the newest on a tie
    like = min(members, key=lambda h: (abs(h.bandwidth_gbps - chosen.bandwidth_gbps), h.year or 0))
    said = " ".join(words)
    shown = re.search(re.escape(said), like.name, re.I)
    family = shown.group() if shown else said
    what = f"{chosen.name} (like the {like.name})"
    st.assumed.append(
        f'"{said}": read as {what}, the kind of system most {family} CPUs in the catalog are; '
        "name the CPU for a closer answer"
    )
    return chosen.id


def _ddr_gen(h: Hardware) -> str:
    m = re.search(r"ddr(\d)", (h.memory_type or "").lower())
    return m.group(1) if m else ""


def _assign_memory(st: _State, q: Query, primary: _Mention | None) -> None:
    cat = st.idx.catalog
    hw = cat.hardware[q.hardware.id] if q.hardware else None
    device_mem = hw is not None and hw.kind in ("apple", "unified")
    host_mem = hw is not None and hw.kind in ("cpu", "igpu")
    vram = ram = None
    # "(4x 24gb)": per-device memory with a count goes first
    for mem in sorted(st.memories, key=lambda m: m["count"] is None):
        owner = mem.get("owner")
        v, kind = mem["gb"], mem["kind"]
        if owner is not None and owner is not primary:
            continue
        if device_mem:
            vram = vram or v  # a Mac's "RAM" is its unified memory
        elif host_mem or kind == "ram":
            ram = ram or v
        elif owner is not None:
            vram = vram or v
        elif mem["count"] and hw is None and q.gpus is None:
            q.gpus = mem["count"]
            vram = v
        elif kind in ("vram", "unified"):
            vram = vram or v
        elif hw is not None:
            # a bare amount next to a named GPU: more than the cards have is system RAM
            sizes = {hw.memory_gb, *hw.memory_options_gb}
            if v > hw.memory_gb * (q.gpus or 1) + 0.6:
                ram = ram or v
            elif vram is None and any(abs(s - v) < 0.6 for s in sizes):
                vram = v
            else:
                ram = ram or v
        elif q.cpu_only:
            ram = ram or v
        else:
            vram = vram or v
    if q.cpu_only and vram is not None and ram is None and not device_mem:
        ram, vram = vram, None
    q.vram_gb = vram
    q.ram_gb = ram


def _workload(st: _State, mentions: list[_Mention]) -> str | None:
    masked = st.mask.masked()
    # names are not cue words: "qwen coder" is a model, not a workload
    rest = masked
    for m in mentions:
        a, b = m.start, min(m.end, len(rest))
        if a < b:
            rest = rest[:a] + " " * (b - a) + rest[b:]
    for wid, rx in _WORKLOAD_CUES:
        if wid in st.idx.catalog.workloads and _found(rx, rest):
            return wid
    return None


def _intent(st: _State, q: Query, models, hws) -> Intent:
    low = st.low
    has_model = q.model is not None
    has_hw = q.hardware is not None or q.vram_gb is not None or q.ram_gb is not None or q.cpu_only
    unsure_model = any(u.kind == "model" for u in st.unsure)
    unsure_hw = any(u.kind == "hardware" for u in st.unsure)
    if q.model_b is not None or q.hardware_b is not None:
        return "compare"
    if has_model and q.hardware is not None and q.gpus is None and hws:
        # "how many 3090s for deepseek v3": the answer is a list of setups
        for m in _HOW_MANY_RE.finditer(low):
            if 0 <= hws[0].start - m.end() <= 12:
                return "best_hw_for_model"
    if (has_model or unsure_model) and (has_hw or unsure_hw):
        if (unsure_model and not has_model) or (unsure_hw and not has_hw):
            return "unclear"
        return "fit"
    if has_model:
        return "unclear" if unsure_hw else "best_hw_for_model"
    if has_hw:
        return "unclear" if unsure_model else "best_model_for_hw"
    if unsure_model or unsure_hw:
        return "unclear"
    return "help"


__all__ = ["Choice", "HardwareRef", "Intent", "ModelRef", "Query", "SetupRef", "Unsure", "parse"]
