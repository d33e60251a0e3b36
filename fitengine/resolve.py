"""Name resolution: messy user text ("rtx3090ti", "M2 Max 64GB", "QwQ32B") to catalog entries.

Names are normalised (lowercase, letters split from digits, punctuation to spaces) so that
"rtx3090ti", "RTX-3090 Ti" and "rtx 3090 ti" compare equal; an exact normalised hit on an id, name
or alias (for models also a Hugging Face or GGUF repo name, or an Ollama tag typed with its colon)
wins outright, and so does a hit with the spaces taken out ("strixhalo").

Otherwise the text is matched word by word against every entry, all from catalog data (no model or
device name is written in this file):

- each word is looked up in the catalog vocabulary, allowing a typo or two ("llamma", "macbok")
  or a missing space ("mistralsmall"); a word no entry has ("founders edition") costs little;
- a catalog word the entry lacks costs more ("laptop"), and a *number* it lacks costs so much that
  the entry can only be a suggestion: numbers are identity, "3080" never becomes "3090". A number
  glued to letters must appear with them ("gb200" is not a "gh200", "7900x" is a Ryzen, never an
  RX 7900 XT);
- the entry's closest name is then compared with the text: every word of that name the user did
  not write costs the same ("rtx 6000" is one word short of "quadro rtx 6000", "rtx 6000 ada",
  "rtx pro 6000" and "rtx a6000" alike), so a name that says exactly what was typed wins ("3090"
  is the RTX 3090, not the 3090 Ti).

When the best two entries score within AMBIGUOUS_MARGIN the answer is a ranked list of suggestions
(ties newest first), not a guess. Memory written next to a device ("M4 Max 36GB") is reported and
picks the variant that is sold with it.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from .catalog import Catalog, Hardware, Model, default_catalog
from .language import default_language
from .limits import MAX_RESOLVE

_SPLIT = re.compile(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])")
_PUNCT = re.compile(r"[^a-z0-9.+]+")
_IS_NUM = re.compile(r"^\d+(?:\.\d+)?$")
_EDGE_DOT = re.compile(r"(?<!\d)\.|\.(?!\d)")
# a letter o typed for a zero inside a number: "rtx 4o90"
_O_FOR_ZERO = re.compile(r"(?<=\d)o(?=\d)")
# "64GB", "80g", "32 Go", "24G" -- memory written next to a device name
MEMORY_RE = re.compile(
    r"(?<![\w.])(\d{1,4}(?:\.\d+)?)\s*(?:gb|gib|g|go|gig|gigs)(?![a-z0-9])", re.I
)


def without_memory(name: str, lower: bool = True) -> str:
    """A device's name without the memory size in it, lower case unless asked to keep it
    ("NVIDIA A100 80GB SXM" -> "nvidia a100 sxm"): the name its sizes share."""
    return " ".join(MEMORY_RE.sub(" ", name.lower() if lower else name).split())


AMBIGUOUS_MARGIN = 4.0
MAX_TEXT = MAX_RESOLVE  # names are cut here: tool lines are shorter, and the work stays bounded
INFERRED_SCORE = 90.0  # a family rule knew the chip (infer_hw); its numbers are the family's
_SAME_CHIP = 95.0  # an inferred chip's name resolving this well is a catalogued entry
_NEAR_ACCELERATOR = 50.0  # a GPU suggestion this close stops a CPU from being inferred
MIN_SCORE = 72.0
MAX_SUGGESTIONS = 5
MAX_COMPLETIONS = 25

# penalties, in points off 100
_MISS_NUMBER = 45.0  # a number of the text that the entry has nowhere: never a silent pick
# a device number one digit off ("rtx 4900" for 4090) costs this many typos: close enough to rank
# first among suggestions, never enough to be picked (100 - 6 x _PER_EDIT < MIN_SCORE)
_NEAR_NUMBER_EDITS = 6
_MISS_WORD = 12.0  # a word of the text that the entry has nowhere ("laptop")
_MISS_LETTER = 8.0  # a lone letter of the text that the entry has nowhere
_NOISE_WORD = 6.0  # a word no entry has ("founders edition"): points nowhere else
_PER_EDIT = 5.0  # per typo in a word that was matched fuzzily
_EXTRA_WORD = 10.0  # a word of the entry's closest name that the text does not have
_NOT_IN_KEY = 3.0  # a word of the text found in another of the entry's names ("nvidia")
_MEMORY_MISMATCH = 25.0  # the entry is not sold with the memory the text named
_MEMORY_WINDOW = 30.0  # ... applied only when a candidate this close to the top is
_MAX_CANDIDATES = 24  # entries whose names are compared in full, fewest misses first
# a product line's own word ("optiplex", "opteron", "platinum"): at most this many entries have it,
# and each writes a model number right after it. "optiplex 980" names an OptiPlex: the number then
# belongs to that word, and the GTX 980 (which has the number, not the word) is no silent pick
_LINE_WORD_MAX = 3

# kinds of key, best first: an id or name beats an alias, which beats a repo name
_P_ID, _P_ALIAS, _P_HF_REPO, _P_GGUF_REPO = 0, 1, 2, 3


def _words(text: str) -> str:
    # NFKC: full-width text from CJK input methods ("ｑｗｅｎ３ ３２ｂ") reads as ASCII
    s = unicodedata.normalize("NFKC", text).lower().replace("_", " ").replace("-", " ")
    s = _O_FOR_ZERO.sub("0", s)
    return _PUNCT.sub(" ", s)


def _split(words: str) -> list[str]:
    s = _SPLIT.sub(" ", words)
    # a dot only belongs inside a number ("2.5"), never at a word edge
    return _EDGE_DOT.sub(" ", s).split()


def normalize(text: str) -> str:
    return " ".join(_split(_words(text)))


def _units(text: str) -> list[list[str]]:
    """The words as written, each as the tokens normalize splits it into: "m3 max 40c" ->
    [[m, 3], [max], [40, c]]."""
    return [toks for word in _words(text).split() if (toks := _split(word))]


def _unit_sets(text: str) -> tuple[frozenset[str], ...]:
    """_units as sets, without repeats: a missing word costs once, however many tokens it has."""
    out: list[frozenset[str]] = []
    for toks in _units(text):
        u = frozenset(toks)
        if u not in out:
            out.append(u)
    return tuple(out)


def _is_num(tok: str) -> bool:
    return _IS_NUM.match(tok) is not None


def _is_device_number(tok: str) -> bool:
    return tok.isdigit() and len(tok) >= 3


def line_words(keys) -> frozenset[str]:
    """A product line's own words among (owner, key tokens) pairs: a word of three letters or more
    that at most _LINE_WORD_MAX entries have, written before a model number wherever it appears
    ("optiplex" of "dell optiplex 780", "opteron"). Not a brand or a series many entries share
    ("nvidia", "rtx", "gtx"): those name no machine of their own."""
    owners: dict[str, set[str]] = {}
    before_number: dict[str, bool] = {}
    for owner, toks in keys:
        for i, t in enumerate(toks):
            if len(t) < 3 or not t.isalpha():
                continue
            owners.setdefault(t, set()).add(owner)
            numbered = i + 1 < len(toks) and _is_device_number(toks[i + 1])
            before_number[t] = before_number.get(t, True) and numbered
    return frozenset(t for t, o in owners.items() if len(o) <= _LINE_WORD_MAX and before_number[t])


@dataclass(frozen=True)
class Suggestion:
    id: str
    name: str
    score: float


@dataclass(frozen=True)
class Resolution:
    entry: Model | Hardware | None
    score: float = 0.0
    suggestions: list[Suggestion] = field(default_factory=list)
    memory_gb: float | None = None  # memory the text named next to a device ("M2 Max 64GB")

    @property
    def ok(self) -> bool:
        return self.entry is not None


def _entry_keys(entry: Model | Hardware) -> list[tuple[str, int]]:
    keys = [(entry.id, _P_ID), (entry.name, _P_ID)]
    keys += [(a, _P_ALIAS) for a in entry.aliases]
    if isinstance(entry, Model):
        repos = [(entry.hf_repo, _P_HF_REPO), *((g.repo, _P_GGUF_REPO) for g in entry.gguf)]
        for repo, prio in repos:
            keys += [(repo, prio), (repo.split("/", 1)[1], prio)]
    return keys


def _recency(entry: Model | Hardware) -> float:
    if isinstance(entry, Model):
        if not entry.released:
            return 0.0
        year, _, month = entry.released.partition("-")
        return int(year) + int(month or 0) / 100
    return float(entry.year or 0)


class _Index:
    """Every name of one kind of entry, for exact lookups, token matching and prefixes."""

    def __init__(
        self,
        entries: dict[str, Model | Hardware],
        quants: dict | None = None,
        near_numbers: bool = False,
    ):
        self.entries = entries
        self.near_numbers = near_numbers
        # a model family by the word names start with ("qwen", "gemma", "mistral")
        self.family_of_word: dict[str, str] = {}
        for entry in entries.values():
            fam = getattr(entry, "family", None)
            first = normalize(fam).split()[:1] if isinstance(fam, str) else []
            if first and len(first[0]) >= 3:
                self.family_of_word.setdefault(first[0], fam)
        self.keys: list[str] = []  # normalised keys, parallel to owner
        self.owner: list[str] = []
        best: dict[str, tuple[int, set[str]]] = {}
        best_compact: dict[str, tuple[int, set[str]]] = {}
        # per entry: each distinct key as (its tokens, its words as token sets)
        self.key_sets: dict[str, list[tuple[frozenset[str], tuple[frozenset[str], ...]]]] = {}
        # Ollama tags match only as typed, colon included: normalised, "qwen:32b" (Qwen1.5) would
        # read as the "qwen 32b" people write for any Qwen 32B
        self.tags: dict[str, str] = {}
        self.bag: dict[str, frozenset[str]] = {}  # every token of every key of the entry
        self.name_bag: dict[str, frozenset[str]] = {}  # the tokens of its id and name
        self.pairs: dict[str, frozenset[tuple[str, str]]] = {}  # tokens side by side in a key
        self.postings: dict[str, list[str]] = {}
        self.recency: dict[str, float] = {}
        self.shortest: dict[str, int] = {}  # words in the entry's shortest name
        self.order: dict[str, int] = {}
        for n, (eid, entry) in enumerate(entries.items()):
            self.order[eid] = n
            self.recency[eid] = _recency(entry)
            sets: list[tuple[frozenset[str], tuple[frozenset[str], ...]]] = []
            seen: set[frozenset[str]] = set()
            bag: set[str] = set()
            pairs: set[tuple[str, str]] = set()
            if isinstance(entry, Model) and entry.ollama:
                self.tags.setdefault(entry.ollama.lower(), eid)
            for raw, prio in _entry_keys(entry):
                key = normalize(raw)
                if not key:
                    continue
                self.keys.append(key)
                self.owner.append(eid)
                for table, k in ((best, key), (best_compact, key.replace(" ", ""))):
                    have = table.get(k)
                    if have is None or prio < have[0]:
                        table[k] = (prio, {eid})
                    elif prio == have[0]:
                        have[1].add(eid)
                toks = frozenset(key.split())
                if toks not in seen:
                    seen.add(toks)
                    sets.append((toks, _unit_sets(raw)))
                bag |= toks
                split = key.split()
                pairs.update(itertools.pairwise(split))
            self.pairs[eid] = frozenset(pairs)
            sets.sort(key=lambda s: len(s[1]))  # short names first: they tend to cost least
            self.key_sets[eid] = sets
            self.shortest[eid] = len(sets[0][1]) if sets else 0
            self.name_bag[eid] = frozenset(normalize(f"{entry.id} {entry.name}").split())
            self.bag[eid] = frozenset(bag)
            for t in bag:
                self.postings.setdefault(t, []).append(eid)
        # a key two entries share at the same rank is not an exact hit for either
        self.exact = {k: next(iter(s)) for k, (_, s) in best.items() if len(s) == 1}
        self.compact = {k: next(iter(s)) for k, (_, s) in best_compact.items() if len(s) == 1}
        self.common = len(entries) // 2
        self.words = sorted(t for t in self.postings if not _is_num(t) and len(t) >= 2)
        self.numbers = sorted(t for t in self.postings if t.isdigit() and len(t) >= 3)
        self.line_words = line_words(
            (self.owner[i], tuple(k.split())) for i, k in enumerate(self.keys)
        )
        # sorted (key, owner) pairs, plain and without spaces, for prefix completion
        self.sorted_keys = sorted(zip(self.keys, self.owner, strict=True))
        self.sorted_compact = sorted(
            (k.replace(" ", ""), k, o) for k, o in zip(self.keys, self.owner, strict=True)
        )
        # quantization names ("q4_k_m", "4bit") a model name may carry: stripped before ranking
        self.quant_names: list[tuple[str, ...]] = []
        if quants:
            names = {normalize(q.id) for q in quants.values()}
            names |= {normalize(a) for q in quants.values() for a in q.aliases}
            self.quant_names = sorted(
                (tuple(n.split()) for n in names if n), key=lambda t: (-len(t), t)
            )
        self.fuzzy_cache: dict[str, list[tuple[str, int]]] = {}

    # ------------------------------------------------------------------ lookups

    def lookup(self, norm: str) -> str | None:
        return self.exact.get(norm) or self.compact.get(norm.replace(" ", ""))

    def _fuzzy_words(self, tok: str) -> list[tuple[str, int]]:
        """Catalog words within one typo (two for long words) of `tok`."""
        if tok in self.fuzzy_cache:
            return self.fuzzy_cache[tok]
        out: list[tuple[str, int]] = []
        if len(tok) >= 4 and not _is_num(tok):
            limit = 1 if len(tok) <= 6 else 2
            hits = process.extract(
                tok,
                self.words,
                scorer=OSA.distance,
                score_cutoff=limit,
                limit=8,
            )
            out = [(w, int(d)) for w, d, _ in hits if abs(len(w) - len(tok)) <= limit]
        if len(self.fuzzy_cache) < 20_000:
            self.fuzzy_cache[tok] = out
        return out

    def _near_numbers(self, tok: str) -> dict[str, int]:
        """Catalog numbers one digit off a device number of the text ("4900" -> 4090, 4800)."""
        if not self.near_numbers or not tok.isdigit() or len(tok) < 3:
            return {}
        hits = process.extract(tok, self.numbers, scorer=OSA.distance, score_cutoff=1, limit=12)
        return {n: _NEAR_NUMBER_EDITS for n, d, _ in hits if d == 1 and len(n) == len(tok)}

    def _query_tokens(self, text: str) -> list[tuple[str, dict[str, int], set | None]]:
        """Each distinct token of the text, the catalog tokens it may stand for (-> edits), and
        for a number glued to a catalog word ("gb200", "a100"), the token pairs one of which an
        entry must have side by side: numbers are identity together with their letters."""
        out: list[tuple[str, dict[str, int], set | None]] = []
        where: dict[str, int] = {}
        # a word read as two catalog words ("qwencoder" -> qwen, coder): a number glued to it
        # ("qwencoder3", "rtxgeforce3090") may stand beside either part in a catalog name
        glued: dict[str, tuple[str, str]] = {}
        units = _units(text)
        for unit in units:
            for tok in unit:
                if tok in where:
                    continue
                if tok in self.postings or _is_num(tok):
                    where[tok] = len(out)
                    out.append((tok, {tok: 0, **self._near_numbers(tok)}, None))
                    continue
                alts = dict(self._fuzzy_words(tok))
                if not alts and len(tok) >= 5:
                    # a missing space: "mistralsmall" -> "mistral small"
                    for i in range(2, len(tok) - 1):
                        a, b = tok[:i], tok[i:]
                        if a in self.postings and b in self.postings:
                            glued[tok] = (a, b)
                            for part in (a, b):
                                if part not in where:
                                    where[part] = len(out)
                                    out.append((part, {part: 0}, None))
                            break
                    else:
                        where[tok] = len(out)
                        out.append((tok, {}, None))
                    continue
                where[tok] = len(out)
                out.append((tok, alts, None))
        for k, unit in enumerate(units):
            for i, tok in enumerate(unit):
                if not _is_num(tok):
                    continue
                pairs: set[tuple[str, str]] = set()
                if i > 0:
                    for left in glued.get(unit[i - 1], (unit[i - 1],)):
                        pairs |= {(a, tok) for a in out[where[left]][1]}
                if i + 1 < len(unit):
                    for right in glued.get(unit[i + 1], (unit[i + 1],)):
                        pairs |= {(tok, a) for a in out[where[right]][1]}
                if (
                    i == 0
                    and k > 0
                    and _is_device_number(tok)
                    and units[k - 1][-1] in self.line_words
                ):
                    # "optiplex 980": the number is the product line's model number
                    line = units[k - 1][-1]
                    pairs |= {(line, n) for n in out[where[tok]][1]}
                if pairs:
                    t, alts, need = out[where[tok]]
                    out[where[tok]] = (t, alts, pairs if need is None else need | pairs)
        return out

    def rank(self, text: str, limit: int = 8) -> list[tuple[str, float]]:
        """Entries ranked by score (100 = every token accounted for), ties newest first."""
        if not normalize(text):
            return []
        qtoks = self._query_tokens(text)
        # candidates: entries that have the text's informative tokens (all of them, or all but
        # one when there are three or more); a token most entries have ("b" of "8b") says nothing
        counts: dict[str, int] = {}
        for tok, alts, _ in qtoks:
            hit: set[str] = set()
            for t, edits in alts.items():
                if edits == _NEAR_NUMBER_EDITS and tok in self.postings:
                    continue  # a catalog number picks its own entries, not its neighbours'
                posting = self.postings.get(t, ())
                if len(posting) <= self.common:
                    hit.update(posting)
            for eid in hit:
                counts[eid] = counts.get(eid, 0) + 1
        if not counts:
            for _, alts, _ in qtoks:
                for t in alts:
                    for eid in self.postings.get(t, ()):
                        counts[eid] = counts.get(eid, 0) + 1
        if not counts:
            return []
        top = max(counts.values())
        min_count = top - 1 if top >= 3 else top
        # first pass: which catalog token stands for each word of the text, and a lower bound
        plan = []
        for tok, alts, need in qtoks:
            if not alts:
                miss = _NOISE_WORD
            elif _is_num(tok):
                miss = _MISS_NUMBER
            else:
                miss = _MISS_LETTER if len(tok) == 1 else _MISS_WORD
            # alternatives cheapest first: the first one the entry has is the one
            plan.append((sorted(alts.items(), key=lambda a: a[1]), miss, need))
        pre: list[tuple[float, str, list[tuple[str, float]]]] = []
        for eid, c in counts.items():
            if c < min_count:
                continue
            bag = self.bag[eid]
            pen = 0.0
            matched: list[tuple[str, float]] = []  # (catalog token, cost if a name lacks it)
            for alts, miss, need in plan:
                hit = None
                for t, edits in alts:
                    if t in bag:
                        hit = (t, edits)
                        break
                if hit and need and need.isdisjoint(self.pairs[eid]):
                    hit = None  # "gb200" is not a "gh200 96gb": the number is missing
                if hit is None:
                    pen += miss
                else:
                    pen += _PER_EDIT * hit[1]
                    matched.append((hit[0], miss))
            pre.append((pen, eid, matched))
        # second pass, most promising first: the entry's name closest to the text
        # the catalog order breaks ties: set iteration order changes from run to run
        pre.sort(key=lambda p: (p[0], -counts[p[1]], self.shortest[p[1]], self.order[p[1]]))
        scored: list[tuple[float, str]] = []
        floor = -1e9
        for pen, eid, matched in pre[:_MAX_CANDIDATES]:
            if 100.0 - pen < floor:
                break
            names = self.name_bag[eid]
            # what each matched token costs when the name at hand lacks it
            cost = {t: (_NOT_IN_KEY if t in names else miss) for t, miss in matched}
            covered = frozenset(cost)
            base = sum(cost.values())
            key_cost = 1e9
            for toks, units in self.key_sets[eid]:
                inter = toks & covered
                c = base - sum(cost[t] for t in inter) if inter else base
                if c >= key_cost:
                    continue
                if len(inter) < len(toks):
                    unc = toks - covered
                    c += _EXTRA_WORD * sum(1 for u in units if not u.isdisjoint(unc))
                if c < key_cost:
                    key_cost = c
                    if c <= 0:
                        break
            score = 100.0 - pen - key_cost
            scored.append((score, eid))
            floor = max(floor, score - 40.0)
        scored.sort(key=lambda se: (-round(se[0], 1), -self.recency[se[1]], self.order[se[1]]))
        return [(eid, s) for s, eid in scored[:limit]]

    def strip_quant(self, norm: str) -> str:
        """The text without a quantization name in it ("llama 3.1 8b q4_k_m" -> "llama 3.1 8 b")."""
        toks = norm.split()
        for q in self.quant_names:
            n = len(q)
            for i in range(len(toks) - n + 1):
                if tuple(toks[i : i + n]) == q and len(toks) > n:
                    # mradermacher's "i1" (imatrix) marker sits right before the quant name
                    a = i - 2 if i >= 2 and toks[i - 2 : i] == ["i", "1"] else i
                    return " ".join(toks[:a] + toks[i + n :])
        return norm


def index_for(catalog: Catalog, kind: str) -> _Index:
    """The search index of one catalog, built once and kept on the catalog object."""
    cached = catalog.__dict__.setdefault("_resolve_index", {})
    if kind not in cached:
        if kind == "model":
            cached[kind] = _Index(catalog.models, catalog.quants)
        else:
            cached[kind] = _Index(catalog.hardware, near_numbers=True)
    return cached[kind]


def _suggest(
    idx: _Index, ranked: list[tuple[str, float]], n: int = MAX_SUGGESTIONS
) -> list[Suggestion]:
    return [
        Suggestion(eid, idx.entries[eid].name, round(max(0.0, min(score, 100.0)), 1))
        for eid, score in ranked[:n]
    ]


def _merge(idx: _Index, *rankings: list[tuple[str, float]]) -> list[tuple[str, float]]:
    merged: dict[str, float] = {}
    for ranking in rankings:
        for eid, s in ranking:
            if s > merged.get(eid, -1e9):
                merged[eid] = s
    return sorted(
        merged.items(), key=lambda kv: (-round(kv[1], 1), -idx.recency[kv[0]], idx.order[kv[0]])
    )


def _prefer_memory(idx: _Index, ranked: list[tuple[str, float]], memory: float):
    """When a close candidate is sold with the memory the text named, the ones that are not
    ("M4 Max 36GB": only the 32-core M4 Max has 36 GB) drop below it."""
    if not ranked:
        return ranked

    def fits(eid: str) -> bool:
        return idx.entries[eid].sold_with(memory)

    top = ranked[0][1]
    if not any(fits(eid) for eid, s in ranked if s >= top - _MEMORY_WINDOW):
        return ranked
    out = [(eid, s if fits(eid) else s - _MEMORY_MISMATCH) for eid, s in ranked]
    return _merge(idx, out)


# a plural or an "S" glued to a model number: "4090s", "dual 3090s", "2080S" (2080 Super)
_GLUED_S = re.compile(r"(?<=\d)s\b", re.I)


# How tools and spec sheets write a device or a model, beyond what people type: "AMD Ryzen 9
# 7950X 16-Core Processor (znver4)", "11th Gen Intel Core i5-11400 @ 2.60GHz", "Intel 265K
# Custom PC (Nvidia RTX 4090)", "Apple M1 Max 8P+2E+24GPU", "Llama-2-7B (llama 7B v2)".
_PAREN = re.compile(r"\(([^()]*)\)")
_TRADEMARKS = re.compile(r"\((?:r|tm|c)\)|[®™©]", re.I)  # "Intel(R) Core(TM)"
_SOURCE_NOISE = re.compile(
    r"\b\d+(?:st|nd|rd|th)\s+gen\b"  # "11th Gen"
    r"|@\s*[\d.]+\s*[gm]hz"  # "@ 2.60GHz"
    r"|\b[\w]+-core\b"  # "16-Core", "Eight-Core"
    r"|\b(?:processor|cpu)\b"
    r"|\b(?:with|w/)\s+radeon\b.*?\b(?:graphics|gfx)\b"  # the iGPU named inside a CPU's name
    r"|\b\d+p\+\d+e\b\+?"  # Apple's performance + efficiency core counts
    r"|\bgfx\d+[\w:+-]*"  # a GPU's ISA as ROCm prints it ("gfx1100", "gfx906:sramecc+:xnack-")
    r"|\b\d{1,2}\s*x\s+(?=[a-z])",  # a device count ("2x AMD Instinct MI50")
    re.I,
)
_GPU_CORES = re.compile(r"\b(\d+)\s*gpu\b", re.I)  # "24GPU" = a 24-core GPU
# where a benchmark's hardware line joins its parts: "RTX 2080 + i9-10900X", "A770 in CI box with
# i5-13400", "RX 7900 XT 20GB, ROCm 6.0"
_PARTS = re.compile(r"\s+(?:\+|with|w/|in|on|plus|via)\s+|\s*[,;]\s*|\s+/\s+", re.I)


def _source_forms(text: str, kind: str) -> list[str]:
    """Readings of a tool's or a spec sheet's name, most specific first: for hardware the
    device in parentheses ("Custom PC (RTX 4090)"), then the name without notes, then each part
    of a line that joins several ("RTX 4060 Laptop GPU 8GB + Core i7-14700HX, Windows")."""
    inner = [t for t in _PAREN.findall(text) if t.strip()]
    outer = _PAREN.sub(" ", text)
    forms = [*inner, outer] if kind == "hardware" else [outer, *inner]
    if kind == "hardware":
        parts = [p for p in _PARTS.split(outer) if p and p.strip()]
        if len(parts) > 1:
            forms += parts
    if kind == "model":
        forms += _release_forms(outer)
    out = []
    for form in forms:
        form = _GPU_CORES.sub(r"\1 core", _SOURCE_NOISE.sub(" ", form))
        form = " ".join(form.split())
        if form and form != text and form not in out:
            out.append(form)
    return out


@functools.cache
def release_format_re() -> re.Pattern[str]:
    words = sorted(default_language().release_formats, key=len, reverse=True)
    # an EXL2/EXL3 conversion's bits per weight and head bits ("-3.5bpw", "-4.65bpw-h6") are the
    # format's too: "Mia-AiLab/Qwen3.8-27B-EXL3-3.5bpw" is Qwen3.8-27B
    said = [*map(re.escape, words), r"\d+(?:\.\d+)?bpw", r"h\d"]
    return re.compile(r"[-_.\s]+(?:" + "|".join(said) + r")(?=$|[-_.\s])", re.I)


def _release_forms(text: str) -> list[str]:
    """A repo of another release format of a model's weights ("Qwen/Qwen3.6-27B-FP8",
    "nvidia/Qwen3.6-27B-NVFP4"): its name without the format's words, then without its owner
    (the publisher of a conversion is not part of the model's name)."""
    plain = release_format_re().sub("", text).strip()
    if plain == text.strip() or not plain:
        return []
    return [plain, plain.split("/", 1)[1]] if "/" in plain else [plain]


def _resolve(text: str, kind: str, catalog: Catalog | None) -> Resolution:
    catalog = catalog or default_catalog()
    if kind == "hardware":
        text = _TRADEMARKS.sub("", text)
    res = _resolve_plain(text, kind, catalog)
    if res.entry is not None and (res.score >= 100.0 or kind != "model" or "/" not in text):
        return res
    if res.entry is not None:
        # a repo's name matched only in part: its release words ("-GGUF") may be what matched
        # (the catalog keys its models' GGUF repos), so the name without them decides:
        # "someone/Foo-Bar-13B-GGUF" is no LLaMA 13B
        plain = [_resolve_plain(f, kind, catalog) for f in _release_forms(text)]
        if not plain or any(p.entry is not None for p in plain):
            return res
        return Resolution(None, res.score, res.suggestions)
    inner = {t.strip() for t in _PAREN.findall(text)}
    fallback = None
    for form in _source_forms(text, kind):
        alt = _resolve_plain(form, kind, catalog)
        if alt.entry is None:
            continue
        if kind == "hardware" and alt.entry.kind == "cpu":
            # a note in parentheses names the device only when it is an accelerator ("Custom PC
            # (RTX 4090)"): "(alderlake)" after a CPU is a code name; and a CPU named beside an
            # accelerator ("RTX 2080 + i9-10900X") is the host, not the device
            if form not in inner and fallback is None:
                fallback = alt
            continue
        return alt
    return fallback or res


def _resolve_plain(text: str, kind: str, catalog: Catalog) -> Resolution:
    res = _resolve_text(text, kind, catalog)
    if res.entry is not None or kind != "hardware" or not _GLUED_S.search(text):
        return res
    # "4090s" is no catalog name: read it as "4090"; but where a sibling adds a word starting
    # with that s ("2080 Super"), "2080S" may mean either: both become suggestions
    stripped = _GLUED_S.sub("", text)
    plain = _resolve_text(stripped, kind, catalog)
    if plain.entry is None:
        return res if res.suggestions or not plain.suggestions else plain
    idx = index_for(catalog, kind)
    top = plain.entry.id
    s_words = {t for t in idx.name_bag[top] if t.startswith("s")}
    ranked = idx.rank(stripped)
    best = ranked[0][1] if ranked else plain.score
    siblings = [
        eid
        for eid, score in ranked
        if eid != top
        and score >= best - _EXTRA_WORD - 0.5
        and any(t.startswith("s") and t not in s_words for t in idx.name_bag[eid])
    ]
    if siblings:
        ids = [top, *siblings]
        sugg = [Suggestion(e, idx.entries[e].name, round(min(plain.score, 100.0), 1)) for e in ids]
        return Resolution(None, plain.score, sugg, plain.memory_gb)
    return plain


def _vendor_words(idx: _Index) -> frozenset[str]:
    cached = idx.__dict__.get("_vendor_words")
    if cached is None:
        vendors = {getattr(e, "vendor", None) for e in idx.entries.values()}
        cached = frozenset(v for v in vendors if v and v != "other")
        idx.__dict__["_vendor_words"] = cached
    return cached


def _vendor_conflicts(idx: _Index, ranked: list[tuple[str, float]], text: str):
    """A vendor named in the text ("intel uhd 620") rules out the other vendors' devices: they
    drop to suggestions, like an entry lacking a number of the text (never "Radeon PRO V620")."""
    named = _vendor_words(idx) & set(normalize(text).split())
    if not named:
        return ranked
    # a generic entry (vendor "other": "dual-channel DDR3 system") belongs to no vendor's line-up
    out = [
        (
            eid,
            s
            if getattr(idx.entries[eid], "vendor", None) in {*named, "other"}
            else s - _MISS_NUMBER,
        )
        for eid, s in ranked
    ]
    return _merge(idx, out)


def _accelerator_words(idx: _Index) -> frozenset[str]:
    """Words of device names that only GPUs have ("rtx", "geforce", "instinct"), from the catalog."""
    cached = idx.__dict__.get("_accelerator_words")
    if cached is None:
        kinds = {eid: getattr(e, "kind", None) for eid, e in idx.entries.items()}
        cached = frozenset(
            t
            for t, posting in idx.postings.items()
            if not _is_num(t)
            and len(posting) >= 3
            and all(kinds[e] in ("gpu", "unified") for e in posting)
            and any(t in idx.name_bag[e] for e in posting)
        )
        idx.__dict__["_accelerator_words"] = cached
    return cached


def _kind_conflicts(idx: _Index, ranked: list[tuple[str, float]], text: str):
    """A word only GPUs have ("rtx 3900") rules out processors: "rtx 3900" is a typo of a GPU,
    never the Ryzen 9 3900X."""
    if not _accelerator_words(idx) & set(normalize(text).split()):
        return ranked
    out = [
        (eid, s - _MISS_NUMBER if getattr(idx.entries[eid], "kind", None) == "cpu" else s)
        for eid, s in ranked
    ]
    return _merge(idx, out)


def _resolve_text(text: str, kind: str, catalog: Catalog) -> Resolution:
    idx = index_for(catalog, kind)
    norm = normalize(text)
    if not norm:
        return Resolution(None)
    memory = None
    m = MEMORY_RE.search(text) if kind == "hardware" else None
    if m:
        memory = float(m.group(1))
    if eid := idx.lookup(norm) or idx.tags.get(text.strip().lower()):
        return Resolution(idx.entries[eid], 100.0, [], memory)

    rest = text[: m.start()] + " " + text[m.end() :] if m else ""
    if normalize(rest):
        # the device name without the memory; a variant named by its memory ("RTX 3060 8GB")
        # is a close sibling of it and wins through the memory preference below
        eid = idx.lookup(normalize(rest))
        rankings = [[(eid, 100.0)] if eid else [], idx.rank(rest)]
    else:
        rankings = [idx.rank(text)]
    if kind == "model":
        rest = idx.strip_quant(norm)
        if rest != norm:
            eid = idx.lookup(rest)
            rankings.append([(eid, 100.0)] if eid else idx.rank(rest))
    ranked = _merge(idx, *rankings)
    if memory is not None:
        ranked = _prefer_memory(idx, ranked, memory)
    if kind == "hardware":
        ranked = _kind_conflicts(idx, _vendor_conflicts(idx, ranked, text), text)

    if not ranked or ranked[0][1] < MIN_SCORE:
        if not ranked:
            ranked = _fallback(idx, norm)
        top = ranked[0][1] if ranked else 0.0
        if kind == "model":
            ranked = _family_first(idx, norm, ranked)
        return Resolution(None, max(0.0, top), _suggest(idx, ranked), memory)
    top_id, top = ranked[0]
    if len(ranked) > 1 and top - ranked[1][1] < AMBIGUOUS_MARGIN:
        if kind == "model" and _unknown_version(idx, norm, ranked):
            ranked = _family_first(idx, norm, ranked)
        return Resolution(None, top, _suggest(idx, ranked), memory)
    return Resolution(idx.entries[top_id], min(top, 100.0), _suggest(idx, ranked), memory)


def _unknown_version(idx: _Index, norm: str, ranked: list[tuple[str, float]]) -> bool:
    """The name starts with a family word and none of the close calls is of that family."""
    words = norm.split()
    fam = idx.family_of_word.get(words[0]) if words else None
    return fam is not None and all(
        getattr(idx.entries[eid], "family", None) != fam for eid, _ in ranked[:3]
    )


_SIZE_IN_NAME = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*b(?![\w])")


def _family_first(idx: _Index, norm: str, ranked: list[tuple[str, float]]):
    """A name that starts with a known family and goes on with a version the catalog lacks
    ("qwen 4 32b", "mistral small 5"): suggest that family's entries, the same size first, the
    newest first, never another family's ahead of them ("Mistral Small 4" is never Granite)."""
    words = norm.split()
    if not words:
        return ranked
    fam = idx.family_of_word.get(words[0])
    if fam is None:
        return ranked
    size = _SIZE_IN_NAME.search(norm)
    want = float(size.group(1)) if size else None
    rest = set(words[1:])
    mine = [m for m in idx.entries.values() if getattr(m, "family", None) == fam]

    def key(m):
        near = abs(m.params_b - want) / want if want else 0.0
        line = -len(rest & set(normalize(m.name).split()))  # "small" in "mistral small 5"
        return (line, near > 0.15, -_recency(m), near)

    mine.sort(key=key)
    seen = {m.id for m in mine[:MAX_SUGGESTIONS]}
    score = ranked[0][1] if ranked else 50.0
    return [(m.id, score) for m in mine[:MAX_SUGGESTIONS]] + [x for x in ranked if x[0] not in seen]


def _fallback(idx: _Index, norm: str, limit: int = MAX_SUGGESTIONS) -> list[tuple[str, float]]:
    """Character-level similarity, for text no catalog word matches: suggestions only."""
    hits = process.extract(
        norm, idx.keys, scorer=fuzz.ratio, processor=None, limit=limit * 6, score_cutoff=50
    )
    best: dict[str, float] = {}
    for _, score, i in hits:
        eid = idx.owner[i]
        best[eid] = max(best.get(eid, 0.0), min(float(score), MIN_SCORE - 1))
    return sorted(best.items(), key=lambda kv: -kv[1])[:limit]


def resolve_model(text: str, catalog: Catalog | None = None) -> Resolution:
    return _resolve(text[:MAX_TEXT], "model", catalog)


def resolve_hardware(
    text: str, catalog: Catalog | None = None, *, backend: str | None = None
) -> Resolution:
    """The catalog entry the text names; when none does, the entry the family rules infer for a
    CPU or an integrated GPU (fitengine.infer_hw, `inferred=True`). A catalogued entry always wins.
    backend="cpu" asks for the processor of a chip whose plain name means its iGPU."""
    catalog = catalog or default_catalog()
    res = _resolve(text[:MAX_TEXT], "hardware", catalog)
    want_cpu = bool(backend) and backend.split()[0].lower() == "cpu"
    # a catalogued device stays; only a processor named approximately is looked at again: the
    # rules may know the exact model ("Ryzen 5 5600" is not the catalogued 5600X) or the text may
    # mean its iGPU ("Ryzen 7 7700 iGPU"); and the CPU backend asks for an APU's processor
    from .infer_hw import infer_hardware, names_igpu

    # an integrated GPU a rule names outright ("Intel Iris Xe 80EU") is that iGPU, not the
    # catalogued device its words happen to come near (Meteor Lake's Arc, a Tesla K80); the
    # rules are read only when the catalog's answer is approximate
    def igpu_named() -> bool:
        return not want_cpu and names_igpu(text[:MAX_TEXT], catalog)

    keep = res.entry is not None and (
        res.score >= 100.0 or (res.entry.kind != "cpu" and not igpu_named())
    )
    if keep and not (want_cpu and res.entry.kind != "cpu"):
        return res
    if res.entry is None and _near_accelerator(res, catalog) and not igpu_named():
        return res  # "rtx 4900" is a typo of a GPU, never a CPU the rules could make up

    hw = infer_hardware(text, catalog, want="cpu" if want_cpu else None)
    if hw is None:
        return res
    for alias in hw.aliases:
        # the chip under its catalogued name: the catalogued entry wins ("... cpu" is how the
        # catalog names the processor of an APU whose plain name is its iGPU)
        for key in [f"{alias} cpu", alias] if hw.kind == "cpu" else [alias]:
            known = _resolve_text(key, "hardware", catalog)
            if (
                known.entry is not None
                and known.score >= _SAME_CHIP
                and (known.entry.kind == hw.kind or (not want_cpu and known.entry.kind == "igpu"))
            ):
                return Resolution(known.entry, known.score, res.suggestions, res.memory_gb)
    # kept by id, so code that looks the entry up again (catalog.hardware[id]) finds it
    catalog.hardware.remember(hw)
    return Resolution(hw, INFERRED_SCORE, res.suggestions, res.memory_gb)


def _near_accelerator(res: Resolution, catalog: Catalog) -> bool:
    """The text's best suggestion is a GPU it nearly names ("rtx 4900" -> RTX 4090)."""
    top = res.suggestions[0] if res.suggestions else None
    if top is None or top.score < _NEAR_ACCELERATOR:
        return False
    return catalog.hardware[top.id].kind in ("gpu", "unified")


# --------------------------------------------------------------------------- autocomplete


def _prefix_hits(pairs: list[tuple], prefix: str) -> list[tuple]:
    lo = bisect.bisect_left(pairs, (prefix,))
    out = []
    for item in pairs[lo:]:
        if not item[0].startswith(prefix):
            break
        out.append(item)
        if len(out) >= 400:
            break
    return out


def _complete(prefix: str, kind: str, limit: int, catalog: Catalog | None) -> list[Suggestion]:
    catalog = catalog or default_catalog()
    idx = index_for(catalog, kind)
    limit = max(1, min(limit, MAX_COMPLETIONS))
    prefix = prefix[:MAX_TEXT]
    norm = normalize(prefix)
    if not norm:
        return [Suggestion(e.id, e.name, 0.0) for e in list(idx.entries.values())[:limit]]

    # 1. names that start with the text: a whole last word before a partial one ("a100" -> the
    #    A100s before the RTX A1000, "gemma3 27" -> 27B before 270M), then fewest words, shortest
    last = norm.split()[-1]
    best: dict[str, tuple] = {}
    hits = _prefix_hits(idx.sorted_keys, norm)
    hits += [(k, o) for _, k, o in _prefix_hits(idx.sorted_compact, norm.replace(" ", ""))]
    for key, eid in hits:
        toks = key.split()
        rank = (last not in toks, len(toks), len(key), idx.order[eid])
        if eid not in best or rank < best[eid]:
            best[eid] = rank
    ordered = sorted(best, key=best.__getitem__)
    out = [Suggestion(eid, idx.entries[eid].name, 100.0) for eid in ordered[:limit]]

    # 2. then what the text would resolve to, typos and all
    if len(out) < limit:
        seen = {s.id for s in out}
        ranked = idx.rank(prefix, limit=limit * 2)
        if not ranked:
            ranked = _fallback(idx, norm, limit=limit)
        for eid, score in ranked:
            if eid not in seen and score >= 40:
                seen.add(eid)
                out.append(Suggestion(eid, idx.entries[eid].name, round(min(score, 99.0), 1)))
            if len(out) >= limit:
                break
    return out


def complete_models(prefix: str, limit: int = 25, catalog: Catalog | None = None):
    return _complete(prefix, "model", limit, catalog)


def complete_hardware(prefix: str, limit: int = 25, catalog: Catalog | None = None):
    return _complete(prefix, "hardware", limit, catalog)


# the sizes a name says: "2 b" after normalize; "a 3 b" (a mixture's active share) is not one
_SIZE_TOKS = re.compile(r"(?<![\w.])(?<!a )(\d+(?:\.\d+)?) b(?![\w.])")
# a family's version glued to its name without the dot ("qwen36", "qwen25"): "qwen 3.6"
_GLUED_VERSION = re.compile(r"^(\d)(\d)$")


def _positions(needle: list[str], hay: list[str]) -> list[int] | None:
    """Where the words of needle stand in hay, in order (first places), or None."""
    out, i = [], 0
    for t in needle:
        while i < len(hay) and hay[i] != t:
            i += 1
        if i == len(hay):
            return None
        out.append(i)
        i += 1
    return out


def base_reading(text: str, catalog: Catalog | None = None) -> Model | None:
    """The catalog model a fine-tune's, merge's or re-quant's name is built on, read as a regular
    reads it when the Hub is not ("Huihui-Qwen3.5-2B-abliterated.Q8_0.gguf",
    "someone/Llama-3-8B-64k-GGUF", "owner/qwen3.5-uncensored-aggressive:122b"): the words of a
    catalog model's id (family, version, size) in order among the name's, the name's one size
    that model's. The longest such id wins (a distill's own entry over the model it names);
    two of the same length, or none, read nothing (a size no member has stays unknown)."""
    catalog = catalog or default_catalog()
    idx = index_for(catalog, "model")
    words = normalize(text).split()
    # "qwen 36" -> "qwen 3.6": a version after a family word, written without its dot
    toks: list[str] = []
    for i, w in enumerate(words):
        g = _GLUED_VERSION.match(w)
        if (
            g
            and i > 0
            and words[i - 1] in idx.family_of_word
            and (i + 1 >= len(words) or words[i + 1] != "b")
        ):
            toks.append(f"{g.group(1)}.{g.group(2)}")
        else:
            toks.append(w)
    sizes = {float(s) for s in _SIZE_TOKS.findall(" ".join(toks))}
    if len(sizes) != 1:
        return None
    size = next(iter(sizes))
    fams = {idx.family_of_word[t] for t in toks if t in idx.family_of_word}
    if not fams:
        return None
    best: list[tuple[int, int, str]] = []
    vocab, allowed = _family_vocab(idx, catalog), default_language().finetune_words
    for eid, params, need, short in _family_ids(idx, catalog):
        if params[0] not in fams or abs(params[1] - size) > 0.1 * size:
            continue
        if any(t in vocab[params[0]] and t not in allowed and t not in need for t in toks):
            continue  # "Qwen3-VL-32B" is no Qwen3 32B: another model of the family
        for words in (need, short):
            at = _positions(words, toks) if words else None
            if at is None:
                continue
            # a word inside the base's name that is not the base's ("Qwen2.5-Omni-3B") names
            # another model; one around it names who tuned it ("Huihui-", "-Lexi-Uncensored")
            inside = toks[at[0] : at[-1]]
            if any(t.isalpha() and t not in allowed and t not in words for t in inside):
                break
            best.append((len(words), -len(eid), eid))
            break
    if not best:
        return None
    best.sort(reverse=True)
    if len(best) > 1 and best[1][0] == best[0][0] and best[1][1] == best[0][1]:
        return None
    return catalog.models[best[0][2]]


def _family_ids(idx: _Index, catalog: Catalog) -> list:
    """Each model's id words, and without a mixture's active share ("qwen 3.5 122 b"), with its
    family and size: built once per catalog for base_reading."""
    cached = idx.__dict__.get("_family_ids")
    if cached is None:
        cached = []
        for eid, m in catalog.models.items():
            need = normalize(eid).split()
            short = None
            if "a" in need[1:] and need[-1] == "b":
                # the active share may go unsaid: "qwen3.5-uncensored:122b" is the 122B-A10B
                short = need[: len(need) - 1 - need[::-1].index("a")]
            cached.append((eid, (m.family, m.params_b), need, short))
        idx.__dict__["_family_ids"] = cached
    return cached


def _family_vocab(idx: _Index, catalog: Catalog) -> dict[str, frozenset[str]]:
    """The words of each family's model ids (not numbers): built once per catalog."""
    cached = idx.__dict__.get("_family_vocab")
    if cached is None:
        words: dict[str, set[str]] = {}
        for eid, m in catalog.models.items():
            bag = words.setdefault(m.family, set())
            # the ids only: a name's notes ("(huihui-ai)") say who made it, not which model
            bag.update(t for t in normalize(eid).split() if not _is_num(t) and len(t) >= 2)
        cached = {f: frozenset(w) for f, w in words.items()}
        idx.__dict__["_family_vocab"] = cached
    return cached
