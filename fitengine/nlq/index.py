"""The index the parser matches names against, built once per catalog: every model and device id,
name, alias and Ollama tag as tokens, an inverted index of them, the quantization names and the
workloads' cue words."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from .. import constants as C
from ..catalog import Catalog
from ..resolve import MEMORY_RE, line_words, normalize
from .patterns import ALNUM_SPLIT, CORES_RE, LANG, TOKEN_RE, led, needs_of, skipping, words


@dataclass
class Key:
    eid: str
    kind: str  # "model" | "hardware"
    tokens: tuple[str, ...]
    memory: float | None  # memory written in the key ("a100 80gb")
    primary: bool  # the entry's id or an alias (not a long display name)
    literal: str | None = None  # an ollama tag counts only when written as such ("qwen:14b")
    stripped: bool = False  # a core count was taken out ("m3 max 30c" -> "m3 max")


@dataclass(frozen=True)
class WorkloadCue:
    workload: str
    pattern: re.Pattern
    needs: tuple[str, ...]  # literals one of which every match holds (see patterns.scan)


@dataclass
class Index:
    catalog: Catalog
    keys: list[Key] = field(default_factory=list)
    postings: dict[str, list[int]] = field(default_factory=dict)
    tiebreak: list[float] = field(default_factory=list)  # shorter keys first among equals
    exact: dict[tuple[str, ...], set[tuple[str, str]]] = field(default_factory=dict)
    max_key_len: int = 1
    vocab: set[str] = field(default_factory=set)
    # the words of model names ("deepseek", "small"): a "v3.1" after one is the model's version
    model_words: set[str] = field(default_factory=set)
    # the words of device names ("dgx", "rtx"): "build 8 DGX Spark" counts devices, no build number
    hardware_words: set[str] = field(default_factory=set)
    strong_vocab_by_letter: dict[str, list[str]] = field(default_factory=dict)
    quant_alias: dict[str, str] = field(default_factory=dict)  # compact alias -> quant id
    quant_word_re: re.Pattern | None = None
    kv_types: frozenset[str] = frozenset()
    released: dict[str, str] = field(default_factory=dict)
    workload_cues: list[WorkloadCue] = field(default_factory=list)  # first match wins
    mac_lines: dict[str, list] = field(default_factory=dict)  # product line -> its chips
    gpu_lines: dict[str, list] = field(default_factory=dict)  # card line -> its cards
    # the model numbers of Radeon cards ("7900", "9070"): read as a card's after an AMD cue
    radeon_numbers: frozenset[str] = frozenset()
    entry_tokens: dict[str, set[str]] = field(default_factory=dict)  # every token of its keys
    cpu_names: dict[str, tuple[str, ...]] = field(default_factory=dict)  # a CPU's name as tokens
    # a CPU name as written -> its catalog entry, when the catalog's words alone found it
    cpu_of: dict[str, str | None] = field(default_factory=dict)
    # the numbers in hardware keys by their length: (key index, number), for suggestions
    hw_numbers: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    fuzzy_cache: dict[str, str | None] = field(default_factory=dict)
    # a family word's entries ("llama": every Llama), models first, filled as words come up
    family: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    # a family word said alone -> the kind of its entries asked about and their ids, newest
    # first (names._family_only's "which one?" list), filled as words come up
    family_newest: dict[str, tuple[str, list[str]]] = field(default_factory=dict)
    # every model's name as key tokens between spaces (" gemma 4 e 4 b it "), made once, and the
    # models a name said names.members_named found (by the name as written, newest first)
    model_phrases: dict[str, str] = field(default_factory=dict)
    members: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # a model family word and its version without the dot -> the version ("qwen" "38" -> "3.8"):
    # "qwen38-flash-next", "glm51" as people write the names they type often
    compact_versions: dict[tuple[str, str], str] = field(default_factory=dict)
    # a product line's own word ("optiplex") and the model numbers the catalog writes after it:
    # "optiplex 980" is an OptiPlex the catalog lacks, not a GTX 980 (resolve.line_words)
    line_numbers: dict[str, frozenset[str]] = field(default_factory=dict)
    # a model's key that a newer version's key holds whole beside a version number ("llama 7b":
    # LLaMA 7B's name, inside "llama 2 7b chat") -> that model and the newer versions the words
    # could also mean, newest first: the answer says which it read (_add_unversioned)
    unversioned: dict[tuple[str, ...], tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    # every model by its name (and id) up to its size, the size and the active size said: (("qwen",
    # "3.6"), 35.0, 3.0) and (("qwen", "3.6"), 35.0, None) -> qwen3.6-35b-a3b (nlq.choose's
    # elided siblings, "qwen3.6 27b or 35b a3b"), made once
    sized_lines: dict[tuple, list[str]] = field(default_factory=dict)
    # a mixture of experts' shape as names say it, (30.0, 3.0) for "30B-A3B" -> the models named
    # with it, first released first (nlq.choose._moe_shape), made once
    shapes: dict[tuple[float, float], list[str]] = field(default_factory=dict)
    # a catalog model's original repo by its name, lowercased ("meta-llama-3-70b-instruct"): a
    # repo reference to it, or to another release format of its weights ("nvidia/Qwen3-235B-A22B-
    # FP4"), names the reviewed entry with no read of the Hub (nlq.repos)
    repo_names: dict[str, str] = field(default_factory=dict)
    # a model -> the other releases of its family with its very shape (LLaMA 7B and Llama 2 7B),
    # newer ones: a name said with its size alone ("llama 7B") may mean either, so the reading
    # is said (nlq.choose), made at load
    twins: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # a dotted version as a model's name says it ("3.5" of "Qwen3.5 35B-A3B") -> the models with
    # it: "the 3.5 35B MoE" said without its family is the one of that size (nlq.choose), at load
    versions: dict[str, list[str]] = field(default_factory=dict)
    # an Ollama tag's base name -> how many catalog models it pulls by size (qwen3: 8b, 14b, ...)
    ollama_bases: Counter[str] = field(default_factory=Counter)
    # an Ollama tag's base name -> the catalog models it pulls, smallest first
    ollama_members: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # an Ollama tag's base name as written with its gaps taken out ("qwen25", "llama3") -> the
    # base name, and the sizes its tags say (8.0 of "qwen3:8b") -> the model pulled (nlq.names
    # _tag_sibling: "llama3:7b", a size the family lacks, is its nearest size)
    ollama_tag_sizes: dict[str, dict[float, str]] = field(default_factory=dict)
    # a card's short code (letters then digits, "a100", "h800", "mi50") -> the memory sizes its
    # entries are sold with ({40, 80}): "A10080*8" is that card's 80 GB one, a count after it
    sized_codes: dict[str, frozenset[int]] = field(default_factory=dict)


_DOTTED = re.compile(r"\d+\.\d+")


def key_tokens(text: str) -> list[str]:
    """Tokens of a name exactly as the question text is tokenized."""
    return tokens_of(normalize(text))


def tokens_of(text: str) -> list[str]:
    out = []
    for m in TOKEN_RE.finditer(text):
        out.extend(split_alnum(m.group()))
    return out


def split_alnum(t: str) -> list[str]:
    return ALNUM_SPLIT.findall(t) or ([t] if t.strip() else [])


def model_number_g(said: str) -> bool:
    """ "5700g", "8700G": a four-digit model number with its G (an APU), not 5700 GB."""
    return len(said) == 5 and said[:4].isdigit() and said[4] in "gG"


_COMPACT_GAPS = re.compile(r"[\s_\-.]+")


# the size an Ollama tag says after its colon: "8b" of "qwen3:8b", "30b" of "qwen3:30b-a3b"
_TAG_SIZE_RE = re.compile(r"(\d+(?:\.\d+)?)b(?![a-z0-9])")


def compact(s: str) -> str:
    return _COMPACT_GAPS.sub("", s.lower())


def build_index(catalog: Catalog) -> Index:
    idx = Index(catalog)
    _add_names(idx, catalog)
    _add_postings(idx)
    _add_unversioned(idx, catalog)
    _add_lines(idx)
    _add_quants(idx, catalog)
    idx.kv_types = frozenset(C.KV_BYTES)
    _add_sized_codes(idx, catalog)
    idx.ollama_bases = Counter(m.ollama.split(":")[0] for m in catalog.models.values() if m.ollama)
    members: dict[str, list] = {}
    for m in catalog.models.values():
        if m.ollama:
            members.setdefault(m.ollama.split(":")[0], []).append(m)
    idx.ollama_members = {
        base: tuple(m.id for m in sorted(ms, key=lambda m: m.params_b))
        for base, ms in members.items()
    }
    for base, ms in members.items():
        sizes = {}
        for m in ms:
            said = _TAG_SIZE_RE.match(m.ollama.split(":", 1)[1]) if ":" in m.ollama else None
            if said:
                sizes.setdefault(float(said.group(1)), m.id)
        if sizes:
            idx.ollama_tag_sizes[compact(base)] = sizes
    idx.workload_cues = [
        WorkloadCue(w.id, skipping(re.compile(words(w.cues))), needs_of(w.cues))
        for w in sorted(catalog.workloads.values(), key=lambda w: w.cue_rank)
        if w.cues
    ]
    return idx


def _add_names(idx: Index, catalog: Catalog) -> None:
    seen: set[tuple] = set()

    def add(eid: str, kind: str, raw: str, primary: bool, literal: str | None = None) -> None:
        mem = None
        text = raw
        stripped = False
        if kind == "hardware" and (m := MEMORY_RE.search(raw)) and not model_number_g(m.group()):
            mem = float(m.group(1))
            text = raw[: m.start()] + " " + raw[m.end() :]
        if kind == "hardware" and (m := CORES_RE.search(text)):
            # "m3 max 30c": users never write GPU core counts; the variant is told by memory
            text = text[: m.start()] + " " + text[m.end() :]
            stripped = True
        toks = tuple(key_tokens(text))
        sig = (eid, toks, mem, stripped, literal)
        if not toks or sig in seen:
            return
        seen.add(sig)
        idx.keys.append(Key(eid, kind, toks, mem, primary, literal, stripped))
        if kind == "model" and literal is None:
            for alt in experts_reversed(toks):
                if (eid, alt, mem, stripped, literal) not in seen:
                    seen.add((eid, alt, mem, stripped, literal))
                    idx.keys.append(Key(eid, kind, alt, mem, primary, literal, stripped))

    for m in catalog.models.values():
        add(m.id, "model", m.id, True)
        add(m.id, "model", m.name, False)
        for a in m.aliases:
            add(m.id, "model", a, True)
        if m.ollama:
            add(m.id, "model", m.ollama, False, literal=m.ollama.lower())
        base = m.hf_repo.split("/")[-1]
        add(m.id, "model", base, False)
        idx.repo_names.setdefault(base.lower(), m.id)
        if m.released:
            idx.released[m.id] = m.released
    for m in catalog.models.values():
        dotted = next((t for t in key_tokens(m.name) if _DOTTED.fullmatch(t)), None)
        if dotted is not None:
            idx.versions.setdefault(dotted, []).append(m.id)
    shapes: dict[tuple, list] = {}
    for m in catalog.models.values():
        shape = (m.family, m.params_b, m.layers, m.hidden_size, m.kv_heads, m.vocab)
        shapes.setdefault(shape, []).append(m)
    for group in shapes.values():
        for m in group:
            newer = [o.id for o in group if (o.released or "") > (m.released or "")]
            if newer:
                idx.twins[m.id] = tuple(newer)
    for h in catalog.hardware.values():
        if h.id.startswith("generic"):
            continue
        add(h.id, "hardware", h.id, True)
        add(h.id, "hardware", h.name, False)
        for a in h.aliases:
            add(h.id, "hardware", a, True)
        if h.gfx:
            add(h.id, "hardware", h.gfx, True)
    _laptop_only_names(idx, catalog)
    _radeon_without_rx(idx, catalog)
    idx.radeon_numbers = frozenset(
        t
        for k in idx.keys
        if k.kind == "hardware"
        and catalog.hardware[k.eid].kind == "gpu"
        and k.tokens[0] == "radeon"
        for t in k.tokens[1:3]
        if t.isdigit() and len(t) == 4
    )


def experts_reversed(toks: tuple[str, ...]) -> list[tuple[str, ...]]:
    """ "mixtral 8x7b" written the other way round, "mixtral 7bx8" / "7b x 8" (the expert size
    first, then the count): the name's tokens with each "N x M b" as "M b x N" and "M bx N", as
    the question text is tokenized ("7bx8" -> 7, bx, 8)."""
    out: list[tuple[str, ...]] = []
    for i in range(len(toks) - 3):
        n, x, m, b = toks[i : i + 4]
        if x == "x" and b == "b" and n.isdigit() and m[:1].isdigit():
            head, tail = toks[:i], toks[i + 4 :]
            out.append((*head, m, "b", "x", n, *tail))
            out.append((*head, m, "bx", n, *tail))
    return out


def _radeon_without_rx(idx: Index, catalog: Catalog) -> None:
    """ "Radeon 6500", "AMD Radeon 7600 XT": a Radeon card's name with its "RX" left out, as people
    and some tools write it (AMD's names are "Radeon RX 6500 XT")."""
    hw = catalog.hardware
    have = {(k.eid, k.tokens, k.memory) for k in idx.keys}
    for k in list(idx.keys):
        if k.kind != "hardware" or hw[k.eid].kind != "gpu" or "rx" not in k.tokens:
            continue
        i = k.tokens.index("rx")
        if i != 1 or k.tokens[0] != "radeon" or i + 1 >= len(k.tokens):
            continue  # from "radeon rx ..." only ("amd" before it costs nothing when left out)
        toks = k.tokens[:i] + k.tokens[i + 1 :]
        if (k.eid, toks, k.memory) in have:
            continue
        have.add((k.eid, toks, k.memory))
        idx.keys.append(Key(k.eid, "hardware", toks, k.memory, k.primary, k.literal, k.stripped))


# the words that make a card's name its laptop variant's ("RTX 3050 Ti Laptop GPU")
_LAPTOP_TOKENS = frozenset(t for w in LANG.laptop_words for t in key_tokens(w))


def _laptop_only_names(idx: Index, catalog: Catalog) -> None:
    """A laptop card's names without their laptop word, where no other device has that name: a
    card sold only for laptops is that card however it is said ("RTX 3050 Ti", "RTX A3000"); one
    with a desktop twin ("RTX 3060") stays the desktop card unless a laptop word is said."""
    hw = catalog.hardware
    taken = {k.tokens for k in idx.keys if k.kind == "hardware" and hw[k.eid].form != "laptop"}
    have = {(k.eid, k.tokens, k.memory) for k in idx.keys}
    for k in list(idx.keys):
        if not k.primary or k.kind != "hardware" or hw[k.eid].form != "laptop":
            continue  # from the ids and aliases, not the long display names
        if hw[k.eid].kind != "gpu":
            continue
        toks = tuple(t for t in k.tokens if t not in _LAPTOP_TOKENS)
        if not toks or toks == k.tokens or toks in taken or (k.eid, toks, k.memory) in have:
            continue
        if all(t.isalpha() for t in toks):
            continue  # "rtx laptop gpu" -> "rtx": a brand, not a card
        have.add((k.eid, toks, k.memory))
        idx.keys.append(Key(k.eid, "hardware", toks, k.memory, k.primary, k.literal, k.stripped))


def _add_lines(idx: Index) -> None:
    hw = [(k.eid, k.tokens) for k in idx.keys if k.kind == "hardware"]
    lines = line_words(hw) - {t for k in idx.keys if k.kind == "model" for t in k.tokens}
    numbers: dict[str, set[str]] = {w: set() for w in lines}
    for _eid, toks in hw:
        for a, b in itertools.pairwise(toks):
            if a in numbers:
                numbers[a].add(b)
    idx.line_numbers = {w: frozenset(n) for w, n in numbers.items()}


def _add_postings(idx: Index) -> None:
    stop, modifiers, generic = LANG.stop_words, LANG.modifiers, LANG.generic
    idx.tiebreak = [-0.001 * len(k.tokens) for k in idx.keys]
    for k in idx.keys:
        # plain keys only (no memory or core count taken out, not an ollama tag): the fast path
        if k.memory is None and not k.stripped and k.literal is None:
            idx.exact.setdefault(k.tokens, set()).add((k.kind, k.eid))
            idx.max_key_len = max(idx.max_key_len, len(k.tokens))
    for i, k in enumerate(idx.keys):
        if k.kind == "model":
            idx.model_words.update(t for t in k.tokens if t.isalpha() and t not in generic)
            for word, version in zip(k.tokens, k.tokens[1:], strict=False):
                if word.isalpha() and _DOTTED_VERSION.fullmatch(version):
                    idx.compact_versions[(word, version.replace(".", ""))] = version
        elif k.kind == "hardware":
            idx.hardware_words.update(t for t in k.tokens if t.isalpha() and t not in generic)
        for t in set(k.tokens):
            idx.vocab.add(t)
            if t in generic or (t in stop and t not in modifiers):
                continue
            idx.postings.setdefault(t, []).append(i)
    # sorted: a typo as close to two words is read as the first, the same on every run
    for t in sorted(idx.vocab):
        if t.isalpha() and len(t) >= 4 and t not in stop and t not in modifiers:
            idx.strong_vocab_by_letter.setdefault(t[0], []).append(t)


_DOTTED_VERSION = re.compile(r"\d\.\d")
# a version written in a name: "2" of "llama 2 7b", "1.5" of "yi 1.5 34b", "v0.3" (not a date
# code such as 2507 or 2410, which marks an update of the same version)
_VERSION_TOKEN = re.compile(r"v?\d{1,2}(\.\d{1,2})?")
# how close two entries' parameter counts are to be one size (Llama 1 7B and Llama 2 7B: 6.74B)
_SAME_SIZE = 0.03


def _versions(toks: tuple[str, ...]) -> list[str]:
    """The version numbers among a key's tokens: a number not followed by a size's unit."""
    return [
        t
        for i, t in enumerate(toks)
        if _VERSION_TOKEN.fullmatch(t) and (i + 1 == len(toks) or toks[i + 1] not in _SIZE_UNITS)
    ]


_SIZE_UNITS = frozenset({"b", "m", "t"})


def _plain_extra(t: str) -> bool:
    """A word a newer version's name may add and still be the same model: a version, its letter
    ("m" of "m2.7"), a size's unit or a generic word ("chat", "instruct"); not a variant ("vl",
    "coder") or another name's word."""
    if t in LANG.variant_words:
        return False
    return bool(_VERSION_TOKEN.fullmatch(t)) or len(t) == 1 or t in LANG.generic


def _holds(inner: tuple[str, ...], outer: tuple[str, ...]) -> tuple[str, ...] | None:
    """`outer`'s tokens not in `inner` when `inner` is in `outer` in order, else None."""
    extra: list[str] = []
    it = iter(outer)
    for t in inner:
        for o in it:
            if o == t:
                break
            extra.append(o)
        else:
            return None
    return (*extra, *it)


def _add_unversioned(idx: Index, catalog: Catalog) -> None:
    """Index.unversioned: an older model's plain key that a newer model of its family and size
    holds whole beside a version ("llama 7b" in "llama 2 7b chat")."""
    models = catalog.models
    by_family: dict[str, list] = {}
    for m in models.values():
        by_family.setdefault(m.family, []).append(m)
    keys_of: dict[str, list[tuple[str, ...]]] = {}
    for k in idx.keys:
        if k.kind == "model" and k.memory is None and not k.stripped and k.literal is None:
            keys_of.setdefault(k.eid, []).append(k.tokens)
    for toks, owners in idx.exact.items():
        if len(owners) != 1:
            continue
        kind, eid = next(iter(owners))
        if kind != "model":
            continue
        m = models[eid]
        if _versions(toks):
            continue  # a version said
        newer = [
            n
            for n in by_family.get(m.family, ())
            if n.id != m.id
            and (n.released or "") > (m.released or "")
            and abs(n.params_b / max(m.params_b, 0.01) - 1) <= _SAME_SIZE
            and any(
                (extra := _holds(toks, nk)) is not None
                and _versions(extra)
                and all(_plain_extra(t) for t in extra)
                for nk in keys_of.get(n.id, ())
            )
        ]
        if newer:
            newer.sort(key=lambda n: n.released or "", reverse=True)
            idx.unversioned[toks] = (m.id, tuple(n.id for n in newer))


def _add_sized_codes(idx: Index, catalog: Catalog) -> None:
    """Index.sized_codes from the hardware keys that are a short code alone ("a 100", "mi 50")."""
    sizes: dict[str, set[int]] = {}
    for k in idx.keys:
        if k.kind != "hardware" or len(k.tokens) != 2:
            continue
        letters, digits = k.tokens
        if not (letters.isalpha() and len(letters) <= 2 and digits.isdigit()):
            continue
        hw = catalog.hardware[k.eid]
        if hw.kind != "gpu":  # a CPU's or an APU's memory is the system's, not sold on the chip
            continue
        for mem in (hw.memory_gb, *hw.memory_options_gb):
            if float(mem).is_integer():
                sizes.setdefault(letters + digits, set()).add(int(mem))
    idx.sized_codes = {c: frozenset(v) for c, v in sizes.items()}


def _add_quants(idx: Index, catalog: Catalog) -> None:
    names = []
    for q in catalog.quants.values():
        for a in (q.id, *q.aliases):
            c = compact(a)
            idx.quant_alias.setdefault(c, q.id)
            if not re.fullmatch(r"(?:ud)?i?q\d\w*", c) and a.lower() not in ("half",):
                names.append(a.lower())
    names.sort(key=len, reverse=True)
    alt = "|".join(
        re.escape(w).replace(r"\ ", r"[\s\-]?").replace(r"\-", r"[\s\-]?") for w in names
    )
    idx.quant_word_re = re.compile(r"(?<![\w.])(?:" + alt + r")(?![\w])") if alt else None
    firsts = {w[0] for w in names}
    if idx.quant_word_re is not None and not firsts & {" ", "-"}:
        idx.quant_word_re = led(
            "[" + "".join(re.escape(c) for c in sorted(firsts)) + "]", idx.quant_word_re
        )


def index_for(catalog: Catalog) -> Index:
    """The catalog's index, built on first use and kept on the catalog object."""
    cached = catalog.__dict__.get("_nlq_index")
    if cached is None:
        cached = build_index(catalog)
        catalog.__dict__["_nlq_index"] = cached
    return cached
