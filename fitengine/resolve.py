"""Name resolution: messy user text ("rtx3090ti", "M2 Max 64GB", "QwQ32B") to catalog entries.

Names are normalised (lowercase, letters split from digits, punctuation to spaces) so that
"rtx3090ti", "RTX-3090 Ti" and "rtx 3090 ti" compare equal; an exact normalised hit on an id, name
or alias wins outright. Otherwise rapidfuzz scores every key, and numbers are treated as identity:
"3080" never silently becomes "3090". When two different entries score close together the answer
is a ranked list of suggestions, not a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from .catalog import Catalog, Hardware, Model, default_catalog

_SPLIT = re.compile(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])")
_PUNCT = re.compile(r"[^a-z0-9.+]+")
_NUM = re.compile(r"\d+(?:\.\d+)?")
# "64GB", "80g", "32 Go", "24G" -- memory written next to a device name
MEMORY_RE = re.compile(
    r"(?<![\w.])(\d{1,4}(?:\.\d+)?)\s*(?:gb|gib|g|go|gig|gigs)(?![a-z0-9])", re.I
)

AMBIGUOUS_MARGIN = 4.0
MIN_SCORE = 72.0


def normalize(text: str) -> str:
    s = text.lower().replace("_", " ").replace("-", " ")
    s = _PUNCT.sub(" ", s)
    s = _SPLIT.sub(" ", s)
    # a dot only belongs inside a number ("2.5"), never at a word edge
    s = re.sub(r"(?<!\d)\.|\.(?!\d)", " ", s)
    return " ".join(s.split())


def _numbers(norm: str) -> set[str]:
    return set(_NUM.findall(norm))


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


class _Index:
    def __init__(self, entries: dict[str, Model | Hardware]):
        self.entries = entries
        self.keys: list[str] = []
        self.owner: list[str] = []
        self.exact: dict[str, str] = {}
        self.compact: dict[str, str] = {}
        for eid, entry in entries.items():
            for raw in (eid, entry.name, *entry.aliases):
                key = normalize(raw)
                if not key:
                    continue
                self.keys.append(key)
                self.owner.append(eid)
                self.exact.setdefault(key, eid)
                self.compact.setdefault(key.replace(" ", ""), eid)
        self.key_numbers = [_numbers(k) for k in self.keys]

    def rank(self, query: str, limit: int = 8) -> list[tuple[str, float]]:
        """Entries ranked by their best key's score, with numbers treated as identity."""
        norm = normalize(query)
        if not norm:
            return []
        qnums = _numbers(norm)
        hits = process.extract(
            norm, self.keys, scorer=fuzz.WRatio, processor=None, limit=limit * 6, score_cutoff=40
        )
        best: dict[str, float] = {}
        for key, score, i in hits:
            knums = self.key_numbers[i]
            missing = qnums - knums
            if missing:
                # every number the user wrote must be in the name: "3080" is not a "3090"
                score -= 25 * len(missing)
            extra = knums - qnums
            if extra:
                score -= 3 * len(extra)
            # prefer keys of similar length: "3090" -> "rtx 3090", not "rtx 3090 ti"
            score += 0.05 * fuzz.ratio(norm, key)
            eid = self.owner[i]
            if score > best.get(eid, -1e9):
                best[eid] = score
        ranked = sorted(best.items(), key=lambda kv: -kv[1])
        return ranked[:limit]


def index_for(catalog: Catalog, kind: str) -> _Index:
    """The search index of one catalog, built once and kept on the catalog object."""
    cached = catalog.__dict__.setdefault("_resolve_index", {})
    if kind not in cached:
        cached[kind] = _Index(catalog.models if kind == "model" else catalog.hardware)
    return cached[kind]


def _suggest(idx: _Index, ranked: list[tuple[str, float]], n: int = 5) -> list[Suggestion]:
    return [
        Suggestion(eid, idx.entries[eid].name, round(min(score, 100.0), 1))
        for eid, score in ranked[:n]
    ]


def _resolve(text: str, kind: str, catalog: Catalog | None) -> Resolution:
    catalog = catalog or default_catalog()
    idx = index_for(catalog, kind)
    norm = normalize(text)
    if not norm:
        return Resolution(None)
    if eid := idx.exact.get(norm) or idx.compact.get(norm.replace(" ", "")):
        return Resolution(idx.entries[eid], 100.0)

    memory = None
    if kind == "hardware" and (m := MEMORY_RE.search(text)):
        memory = float(m.group(1))
        rest = (text[: m.start()] + " " + text[m.end() :]).strip()
        # "A100 80GB" is an entry of its own: try the whole text first, then the device name
        ranked = idx.rank(text)
        rest_norm = normalize(rest)
        if rest_norm and (
            eid := idx.exact.get(rest_norm) or idx.compact.get(rest_norm.replace(" ", ""))
        ):
            ranked = [(eid, 100.0), *[r for r in ranked if r[0] != eid]]
        elif rest_norm:
            merged = dict(idx.rank(rest))
            for eid, s in ranked:
                merged[eid] = max(s, merged.get(eid, -1e9))
            ranked = sorted(merged.items(), key=lambda kv: -kv[1])
        ranked = _prefer_memory(idx, ranked, memory)
    else:
        ranked = idx.rank(text)

    if not ranked or ranked[0][1] < MIN_SCORE:
        return Resolution(None, ranked[0][1] if ranked else 0.0, _suggest(idx, ranked), memory)
    top_id, top = ranked[0]
    if len(ranked) > 1 and top - ranked[1][1] < AMBIGUOUS_MARGIN and top < 100:
        return Resolution(None, top, _suggest(idx, ranked), memory)
    return Resolution(idx.entries[top_id], min(top, 100.0), _suggest(idx, ranked), memory)


def _prefer_memory(idx: _Index, ranked: list[tuple[str, float]], memory: float):
    """Among close candidates, the one sold with the memory the user named wins."""
    out = []
    for eid, score in ranked:
        hw = idx.entries[eid]
        sizes = {hw.memory_gb, *hw.memory_options_gb}
        if any(abs(s - memory) < 0.6 for s in sizes):
            score += 6
        else:
            score -= 6
        out.append((eid, score))
    return sorted(out, key=lambda kv: -kv[1])


def resolve_model(text: str, catalog: Catalog | None = None) -> Resolution:
    return _resolve(text, "model", catalog)


def resolve_hardware(text: str, catalog: Catalog | None = None) -> Resolution:
    return _resolve(text, "hardware", catalog)


def _complete(prefix: str, kind: str, limit: int, catalog: Catalog | None) -> list[Suggestion]:
    catalog = catalog or default_catalog()
    idx = index_for(catalog, kind)
    limit = max(1, min(limit, 25))
    if not normalize(prefix):
        entries = list(idx.entries.values())[:limit]
        return [Suggestion(e.id, e.name, 0.0) for e in entries]
    norm = normalize(prefix)
    hits = process.extract(
        norm, idx.keys, scorer=fuzz.WRatio, processor=None, limit=limit * 4, score_cutoff=50
    )
    seen: dict[str, float] = {}
    for key, score, i in hits:
        if key.startswith(norm):
            score += 10
        eid = idx.owner[i]
        seen[eid] = max(score, seen.get(eid, 0.0))
    ranked = sorted(seen.items(), key=lambda kv: -kv[1])[:limit]
    return [Suggestion(eid, idx.entries[eid].name, round(s, 1)) for eid, s in ranked]


def complete_models(prefix: str, limit: int = 25, catalog: Catalog | None = None):
    return _complete(prefix, "model", limit, catalog)


def complete_hardware(prefix: str, limit: int = 25, catalog: Catalog | None = None):
    return _complete(prefix, "hardware", limit, catalog)
