"""Pass 2, names: the text left after pass 1 is tokenized the way `resolve.normalize` splits names
("rtx3090ti" -> rtx 3090 ti), typos are mapped onto the catalog vocabulary, and runs of catalog
words are matched against every id, name, alias and Ollama tag through the inverted index.

Numbers are identity: a number inside a matched span that the key does not have disqualifies the
key ("3080" never becomes "3090"), a missing version costs less than a missing size, and when two
entries tie the mention is left unsure (with suggestions) instead of guessed -- except for versions
of one model ("llama 70b"), where the newest release is taken and the assumption written down.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from rapidfuzz.distance import OSA, Levenshtein

from ..catalog import Hardware, Model
from ..infer_hw import infer_hardware, names_igpu, rules_for
from ..resolve import base_reading, resolve_hardware, resolve_model
from . import patterns as P
from .index import Index, Key, compact, key_tokens
from .query import Choice, Unsure
from .state import Mention, State, Tok

RADV = "radv "  # the Mesa Vulkan driver's prefix of an AMD chip's codename ("RADV RENOIR")
MAX_RUNS = 24  # candidate runs matched per message: a long paste costs like a short question
MAX_RUN_TOKENS = 14

_STOP = P.LANG.stop_words
_QUANTIZERS = frozenset(P.LANG.quantizers)
_SUFFIXES = P.LANG.device_suffixes
_EDITIONS = P.LANG.edition_suffixes
_TIER_WORDS = P.LANG.segment_words
_MODIFIERS = P.LANG.modifiers
_TYPO_MODIFIERS = tuple(P.LANG.modifier_typos_of)
_GENERIC = P.LANG.generic


def _is_num(t: str) -> bool:
    return t[:1].isdigit()


def _plural_of(idx: Index, toks: list[Tok], i: int) -> bool:
    """ "3080 tis" is two 3080 Tis, unless a name has the plural as a word ("4070 tis" = 4070
    Ti Super)."""
    return (
        i > 0
        and (toks[i - 1].text, toks[i].text) not in idx.exact
        and toks[i].text not in _MODIFIERS
    )


def _letter_plural(idx: Index, toks: list[Tok], i: int) -> bool:
    """ "4090 Ds", "MI250Xs": a name's closing letter with an "s", after the words before it in
    that name ("4090 d", "mi 250 x" are catalog names)."""
    letter = toks[i].text[0]
    return i > 0 and any(
        (*(t.text for t in toks[k:i]), letter) in idx.exact for k in range(max(0, i - 3), i)
    )


def _size_only(run_toks: list[str], lo: int, hi: int) -> bool:
    """The matched words are a size and nothing else ("120 b", "35b-a3b")."""
    span = run_toks[lo : hi + 1]
    return all(_is_num(t) or t in ("b", "a") for t in span) and "b" in span


def _version_only(run_toks: list[str], lo: int, hi: int) -> bool:
    """The matched words are a version and nothing else ("v3" of "ggml-large-v3.bin", "E5-2683
    v3", "GGUF V3", "Neoverse-V3AE"): no model's own name is said (the caller has seen a "v")."""
    return all(t == "v" or _is_num(t) for t in run_toks[lo : hi + 1])


def tokenize(st: State) -> list[Tok]:
    """Words, numbers and punctuation of the masked text (letters and digits already apart)."""
    toks: list[Tok] = []
    append = toks.append
    prev_end = -1
    vocab = st.idx.vocab
    forms = P.LANG.name_word_forms
    masked = st.mask.masked()
    # where a word of three letters or more is glued to a number of two digits ("arca770")
    glued = {m.start() for m in P.GLUED_NUMBER_RE.finditer(masked)}
    # the tokens and the gaps between them as strings, in one call (no match object per token)
    ascii = masked.isascii()
    parts = (P.TOKEN_ASCII_SPLIT if ascii else P.TOKEN_SPLIT).split(masked)
    e = 0
    for n in range(len(parts) // 2):
        raw = parts[2 * n + 1]
        a = e + len(parts[2 * n])
        e = a + len(raw)
        if not ascii and raw.isdigit() and P.MEASURE_AFTER.match(masked, e):
            # "TITAN RTX 2枚", "Radeon VII 2개", "4张3090": a count with its measure word is no
            # word of a name (count_near reads it)
            prev_end = e
            continue
        if e in glued and raw not in vocab and raw[:-1] in vocab:
            # "arca770", "rtxa6000": a name word glued to a device's letter and number
            append(Tok(raw[:-1], a, e - 1, a == prev_end, raw[:-1]))
            append(Tok(raw[-1], e - 1, e, True, raw[-1]))
        elif (
            a == prev_end
            and len(raw) == 2
            and not _size_follows(masked, e)
            and (dotted := _compact_version(st, toks, raw))
        ):
            # "qwen38-flash-next", "glm51", "glm-45-air": a model's version typed without its dot
            # ("llama-33b" is LLaMA 33B: a "b" right after the number makes it a size)
            append(Tok(dotted, a, e, True, raw))
        elif a == prev_end and raw not in vocab and (k := _edition_split(raw, vocab)):
            # "3060tife": the "ti" of the card, then its maker's edition
            append(Tok(raw[:k], a, a + k, True, raw[:k]))
            append(Tok(raw[k:], a + k, e, True, raw[k:]))
        elif raw in forms:
            # "distilled", "蒸馏": the word as model names write it ("distill")
            append(Tok(forms[raw], a, e, a == prev_end, raw))
        else:
            append(Tok(raw, a, e, a == prev_end, raw))
        prev_end = e
        if n >= 1500:  # 1501 tokens
            break
    if st.idx.radeon_numbers:
        if _says_radeon(st.low):
            toks = _radeon_before_numbers(st, toks, counted_only=False)
        elif P.found(_COUNTED_NUMBER_RE, st.low) is not None:
            toks = _radeon_before_numbers(st, toks, counted_only=True)
    return _underscore_versions(toks, masked) if "_" in masked else toks


def _says_radeon(low: str) -> bool:
    """The text says the card is AMD's: a Radeon word, or "amd" with a card word."""
    return P.found(P.RADEON_CUE_RE, low) is not None or (
        P.found(P.AMD_WORD_RE, low) is not None and P.found(P.AMD_GPU_WORD_RE, low) is not None
    )


# a count glued to its x before a four-digit number ("2x 9700"): a card's number (a processor is
# not counted so), read as a Radeon's when Radeon has that number and nothing else names it
_COUNTED_NUMBER_RE = re.compile(r"\b[1-9]x\s?\d{4}\b")


def _radeon_before_numbers(st: State, toks: list[Tok], counted_only: bool) -> list[Tok]:
    """ "my 7900 on rocm", "a 9070 (AMD GPU)": a Radeon card's number said alone is read with
    "radeon" before it (a word of no width), as the catalog's names without "RX" write it; not
    after a word of another name ("rx 7900", "radeon 7900", "ryzen 7900") nor glued to one; a
    count before it ("2x 9700") is no name's word."""
    numbers = st.idx.radeon_numbers
    vocab = st.idx.vocab
    out: list[Tok] = []
    for i, t in enumerate(toks):
        if t.text in numbers and not t.glued:
            prev = toks[i - 1].text if i else ""
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            # "2x 7900": the x of a count glued to its number is no word of another name
            count_x = i > 1 and prev == "x" and toks[i - 1].glued and toks[i - 2].text.isdigit()
            named = (
                prev in vocab and prev.isalpha() and prev not in _STOP and prev != "amd"
            ) and not count_x
            named = named or (counted_only and not count_x)
            glued_after = nxt is not None and nxt.glued and nxt.text not in vocab
            if not named and not glued_after:
                out.append(Tok("radeon", t.start, t.start, False, ""))
        out.append(t)
    return out


def _size_follows(masked: str, e: int) -> bool:
    """The number ending at `e` is a size: a lone "b" right after it ("llama-33b")."""
    return masked[e : e + 1] == "b" and not masked[e + 1 : e + 2].isalnum()


def _compact_version(st: State, toks: list[Tok], raw: str) -> str | None:
    """The dotted version a two-digit number glued to a model family word stands for ("qwen" +
    "38" -> "3.8"; "glm-45": a dash between), when that family has that version."""
    prev = toks[-1]
    if prev.text == "-" and len(toks) >= 2 and prev.start == toks[-2].end:
        prev = toks[-2]
    return st.idx.compact_versions.get((prev.text, raw))


def _edition_split(raw: str, vocab) -> int | None:
    """Where a word glued to a number splits into a name word and an edition suffix ("tife" ->
    "ti" + "fe"; language.yaml edition_suffixes)."""
    for suffix in _EDITIONS:
        k = len(raw) - len(suffix)
        if k > 0 and raw.endswith(suffix) and raw[:k] in vocab:
            return k
    return None


def _underscore_versions(toks: list[Tok], masked: str) -> list[Tok]:
    """ "llama3_3_70b": a version written with "_" for its dot in a file name ("3_3" = 3.3), when
    the first digit is glued to a name word."""
    out: list[Tok] = []
    for t in toks:
        if (
            len(out) >= 2
            and masked[t.start - 1 : t.start] == "_"
            and out[-1].end == t.start - 1
            and out[-1].glued
            and out[-2].text.isalpha()
            and len(out[-1].text) == 1
            and out[-1].text.isdigit()
            and len(t.text) == 1
            and t.text.isdigit()
            and not masked[t.end : t.end + 1].isalpha()  # "llama2_7b" is Llama 2 7B
        ):
            a = out.pop()
            v = f"{a.text}.{t.text}"
            out.append(Tok(v, a.start, t.end, a.glued, v))
            continue
        out.append(t)
    return out


# ---- pass 2: names


def _canon(idx: Index, t: str) -> str | None:
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
        # a swap of two letters is one slip in a longer word ("jetosn"); a short word with two
        # swapped is as often another word ("eypc" of a CPU is no model's)
        d = (OSA if len(t) >= 6 else Levenshtein).distance(t, cand, score_cutoff=limit)
        if d <= limit and (best is None or d < best[0]):
            best = (d, cand)
    out = best[1] if best else None
    if out is None and len(t) >= 6 and t[:-1] in _MODIFIERS:
        out = t[:-1]  # a letter typed past a modifier ("ultral"); only beside a name (_runs)
    if out is None:
        # "utra", "utlra": a typo of a tier word (language.yaml modifier_typos_of)
        out = next((m for m in _TYPO_MODIFIERS if OSA.distance(t, m, score_cutoff=1) <= 1), None)
    if len(idx.fuzzy_cache) < 50_000:
        idx.fuzzy_cache[t] = out
    return out


def tok_info(t: str) -> tuple[bool, float, float, float, bool]:
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
            strong = (len(t) >= 3 or t in P.LANG.short_names) and (
                t not in _MODIFIERS and t not in _STOP and t not in _GENERIC
            )
            info = (False, w, 6.0, miss, strong)
        if len(_TOK_INFO) < 100_000:
            _TOK_INFO[t] = info
    return info


_TOK_INFO: dict[str, tuple[bool, float, float, float, bool]] = {}


def _weight(t: str, glued_code: bool) -> float:
    info = _TOK_INFO.get(t) or tok_info(t)
    return info[2] if glued_code else info[1]


def _strong(t: str, glued_code: bool) -> bool:
    info = _TOK_INFO.get(t) or tok_info(t)
    if glued_code:
        return True if info[0] else len(t) <= 3
    return info[4]


def _runs(st: State, toks: list[Tok]) -> list[list[int]]:
    """Maximal runs of tokens that can belong to a name (catalog words, joined by - . : / +)."""
    idx = st.idx
    runs: list[list[int]] = []
    cur: list[int] = []
    vocab = idx.vocab
    fixed: set[int] = set()  # typos mapped onto a catalog word ("quen" -> qwen)
    lines = "\n" in st.low  # most texts are one line: no token gap to look into
    counts = _core_count_tokens(toks) if "core" in st.low else set()
    for i, t in enumerate(toks):
        c = t.text
        if i in counts:
            # "Snapdragon X Plus 10-Core": a processor's core count ends the name, as the
            # catalog's keys drop theirs ("m3 max 30c")
            if cur:
                runs.append(cur)
                cur = []
            continue
        if c in ("x", "×") and t.glued and _count_x(toks, i):
            # "4x mi 50", "2x p 40": the count's "x" and its number are no part of the name
            if cur and cur[-1] == i - 1:
                cur.pop()
            if cur:
                runs.append(cur)
            cur = []
            continue
        if len(c) > 2 and c[-1] == "s" and c[:-1] in _MODIFIERS and _plural_of(idx, toks, i):
            c = c[:-1]  # "two 3080 tis": the plural of a word of the name
        elif (
            len(c) == 2
            and c[1] == "s"
            and i > 0
            and toks[i - 1].text[-1:].isdigit()
            and _letter_plural(idx, toks, i)
        ):
            c = c[0]  # "two 4090 Ds", "2 MI250Xs": the plural of a name ending in a letter
        elif c not in vocab:
            # _canon(idx, c), its cheap refusals first
            c = None if not c.isalpha() or len(c) < 4 or c in _STOP else _canon(idx, c)
            if c is not None:
                fixed.add(i)
        if lines and cur and "\n" in st.low[toks[i - 1].end : t.start]:
            # a name does not run over a line break: a pasted spec sheet's lines ("B660M-DS3H-DDR4"
            # above "GPU 0: RTX 3090 Ti") are one run otherwise, cut before its last words
            runs.append(cur)
            cur = []
        if c is not None and t.text[:1].isalnum():
            if cur and _line_number(idx, toks, cur[-1], i):
                # "dell optiplex 980": the line's own model number, one the catalog lacks; the run
                # ends before it and no other name takes it (a GTX 980), so it reads as unknown
                runs.append(cur)
                cur = []
                continue
            t.text = c
            cur.append(i)
            continue
        if t.text == "+" and cur and t.glued and _is_num(toks[i - 1].text) and _ends_word(toks, i):
            cur.append(i)  # "pi 500+": a name's "plus", not a joiner
            continue
        if t.text == "(" and cur and _size_in_parens(toks, i):
            continue  # "deepseek r1 (32b)": the size of the name before it
        if t.text == "+" and cur and not t.glued and i + 1 < len(toks) and not toks[i + 1].glued:
            # "2x RTX 3090 + RTX 3090 Ti": a "+" apart from both words lists two names (no
            # 3090 Ti from the words of both)
            runs.append(cur)
            cur = []
            continue
        # joiners inside a name; a dot that ends a sentence ends the name too
        if (
            t.text in ("-", ".", ":", "/", "_", "+", "'")
            and cur
            and (t.text != "." or (i + 1 < len(toks) and toks[i + 1].glued))
        ):
            continue
        if cur:
            runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    # a run needs at least one strong token to be worth matching, one written as the catalog
    # writes it: an everyday word one or two letters from a name ("company", "half") is no typo
    # of "command" or "halo" unless a number or another name word stands with it ("quen 32b")
    out = []
    for r in runs:
        if _worth_matching(idx, toks, r, fixed):
            out.append(r[:MAX_RUN_TOKENS])
        if len(out) >= MAX_RUNS:
            break
    return out


def _count_x(toks: list[Tok], i: int) -> bool:
    """toks[i] is the "x" of a count written before a name ("4x", "16x"): glued to a number of one
    or two digits that stands apart from what comes before it, with a space after it."""
    n = toks[i - 1] if i else None
    after = toks[i + 1] if i + 1 < len(toks) else None
    return (
        n is not None
        and n.text.isdigit()
        and len(n.text) <= 2
        and (not n.glued or not toks[i - 2].text[-1:].isalnum())
        and (after is None or not after.glued)
    )


MAX_CORES_SAID = 256  # a processor's core count, at most (a server CPU's)


def _core_count_tokens(toks: list[Tok]) -> set[int]:
    """The tokens of a core count said in figures ("10-core", "12 cores"): its number and word."""
    out: set[int] = set()
    for i in range(len(toks) - 1):
        if not toks[i].text.isdigit() or toks[i].glued or int(toks[i].text) > MAX_CORES_SAID:
            continue  # "gfx906 core": a number glued to letters is a name's
        j = i + 2 if toks[i + 1].text == "-" and i + 2 < len(toks) else i + 1
        if toks[j].text in ("core", "cores"):
            out.update((i, j))
    return out


def _line_number(idx: Index, toks: list[Tok], prev: int, i: int) -> bool:
    """Token i is a model number written after a product line's word (toks[prev]) that no catalog
    name of that line has: "980" of "optiplex 980"."""
    said = toks[i].text
    numbers = idx.line_numbers.get(toks[prev].text)
    return (
        numbers is not None
        and prev == i - 1
        and said.isdigit()
        and 3 <= len(said) <= 5
        and said not in numbers
    )


def _size_in_parens(toks: list[Tok], i: int) -> bool:
    return (
        i + 3 < len(toks)
        and _is_num(toks[i + 1].text)
        and toks[i + 2].text == "b"
        and toks[i + 3].text == ")"
    )


def _ends_word(toks: list[Tok], i: int) -> bool:
    return i + 1 >= len(toks) or not toks[i + 1].glued


def _worth_matching(idx: Index, toks: list[Tok], r: list[int], fixed: set[int]) -> bool:
    typo_only = False
    for i in r:
        if _strong(toks[i].text, _glued_code(toks, i)):
            if i not in fixed:
                return True
            typo_only = True
    if typo_only and any(_is_num(toks[i].text) for i in r):
        return True
    return _short_name(idx, toks, r)


def _short_name(idx: Index, toks: list[Tok], r: list[int]) -> bool:
    """A name of two short words that is an entry's key as written ("pi 5")."""
    return any(
        (toks[i].text, toks[j].text) in idx.exact and _is_num(toks[j].text) for i, j in pairwise(r)
    )


def _glued_code(toks: list[Tok], i: int) -> bool:
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


# the most match_entities adds to align's score: a full primary key (4) and exact (1), and for a
# device the memory said beside it (5, _memory_bonus)
MAX_BONUS = {"model": 5.0, "hardware": 10.0}


def align_bound(key: Key, pos: dict[str, list[int]], postings, weighed: float) -> float:
    """The most a key can score with its bonuses, without align's walk. `weighed` (key_weights,
    less the tiebreak) holds the weights of the run's words the key has in the postings; words
    never posted (generic and stop words) add at most their weight; each word of the key the
    run lacks costs at least its missing penalty."""
    bound = weighed + MAX_BONUS[key.kind]
    for k in key.tokens:
        if k not in pos:
            bound -= (_TOK_INFO.get(k) or tok_info(k))[3]
        elif k not in postings:
            info = _TOK_INFO.get(k) or tok_info(k)
            bound += max(info[1], info[2])
    return bound


def may_be_full(key: tuple[str, ...], pos: dict[str, list[int]]) -> bool:
    """Whether align() could call the key a full match: every word of it is in the run, or is a
    generic word a full match may lack. A cheap test before align's own walk."""
    return all(k in pos or k in _GENERIC for k in key)


def align(
    key: tuple[str, ...],
    pos: dict[str, list[int]],
    run_toks,
    used,
    codes,
    model: bool = True,
    suffixes=None,
    tail: str | None = None,
    other_number: list[tuple[int, int]] | None = None,
):
    """Match key tokens inside the run, in order where possible ("rtx 6000 pro" still matches
    "rtx pro 6000"). `pos` maps each run token to its positions; `codes` marks the letters glued
    before a number ("m" of "m6000") and the numbers after them, `suffixes` the single letters
    glued after a number ("m" of "950m"). `tail` is the model number right after the run, one no
    catalog name has ("7070" of "dell optiplex 7070"). A device key whose own model number is
    missing where the text has another one is not that device: the span matched goes into
    `other_number` (lo, hi). Returns (score, lo, hi, full, exact) or None."""
    n = len(run_toks)
    taken: list[int] = []
    score = 0.0
    missing = 0.0
    full = exact = True
    anchor = -1
    last = -1
    window = len(key) + 2
    strong = False
    unmatched_letter = False  # the key's letter before its number was not found ("m" of "m5")
    number_missing = False  # a model number of the key was not found ("7900" of "r9 7900")
    for ki, k in enumerate(key):
        # (the memo read inline: a call of tok_info costs more than its look-up, ~90 a question)
        is_num, w, wcode, miss, k_strong = _TOK_INFO.get(k) or tok_info(k)
        found = -1
        where = pos.get(k)
        if where:
            # in order; a device number may also come first ("rtx 6000 pro" for "rtx pro 6000"),
            # not after its letter ("100+b" is a size, no B100)
            reorder = (
                is_num
                and k_strong
                and (model or ki == 0 or len(key[ki - 1]) != 1 or not key[ki - 1].isalpha())
            )
            # a device's letter that is also a word ("a") is the one glued to a number: "a
            # 750ti" has no A750's "a", "a A6000" has it second
            glued_letter = (
                len(k) == 1
                and not model
                and k in _STOP
                and ki + 1 < len(key)
                and key[ki + 1][:1].isdigit()
            )
            best_d = 99
            for j in where:
                if used[j] or j in taken or (glued_letter and not codes[j]):
                    continue
                if anchor >= 0 and abs(j - anchor) > window:
                    continue
                if j <= last and not reorder:
                    continue
                d = j - last if j > last else 50 + (last - j)
                if d < best_d:
                    best_d, found = d, j
        if found < 0:
            if (
                len(k) == 1
                and not model
                and k in _SUFFIXES
                and ki
                and taken
                and key[ki - 1][:1].isdigit()
            ):
                return None  # a part's letter after its number: "gtx 960" is no GTX 960M
            exact = False
            unmatched_letter = len(k) <= 2 and k.isalpha()
            if is_num and len(k) >= 3:
                number_missing = True
            if k not in _GENERIC:
                full = False
            elif not model and len(k) == 1:
                # the "b" of "b100" is a device's letter, not the "b" of a size: "ai 100" is no B100
                full = False
                miss = 4.0
            missing += miss
            continue
        if (
            model
            and is_num
            and found + 1 < n
            and run_toks[found + 1] == "b"
            and (ki + 1 == len(key) or key[ki + 1] != "b")
        ):
            return None  # a size the key reads as its version: "gemma 2b" is no Gemma 2 9B
        if (
            model
            and is_num
            and 0 < ki < len(key) - 1
            and key[ki + 1] == "b"
            and len(key[ki - 1]) == 1
            and key[ki - 1].isalpha()
            and key[ki - 1] not in "bx"
            and (found == 0 or run_toks[found - 1] != key[ki - 1])
        ):
            return None  # a size with its letter ("e2b", "a3b") is no plain size: "2b" is no E2B
        if (
            not model
            and codes[found]
            and k.isalpha()
            and ki + 1 < len(key)
            and _is_num(key[ki + 1])
            and (found + 1 >= n or run_toks[found + 1] != key[ki + 1])
        ):
            return None  # a device's letter without its number: "rtx a" of "rtx a3000" is no A2000
        if not model and is_num and codes[found] and unmatched_letter:
            return None  # a number glued to other letters: "cm5" (a Pi CM5) is no M5
        if (
            unmatched_letter
            and is_num
            and not model
            and len(k) >= 3
            and len(key[ki - 1]) == 1
            and key[ki - 1] not in _GENERIC
            and not taken
        ):
            # a device's letter missing before its number, nothing else of the name said: "750ti"
            # is no Arc A750 ("arc 770" still is the A770)
            return None
        unmatched_letter = False
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
            if not used[j] and t in key:
                # a word of the name said twice ("qwen3.6/qwen3.6-27b", a folder and its file)
                extra += 0.5
                full = exact = False
                continue
            if (
                used[j]
                or t[:1].isdigit()
                or (not model and (codes[j] or (suffixes and suffixes[j])))
            ):
                # a number the key does not have: "3080" is not a "3090"; nor a device's letter:
                # "quadro m6000" is no Quadro RTX 6000, "rx 7600m xt" no RX 7600 XT
                return None
            extra += 0.5 if t in _GENERIC else 6.0
            full = exact = False
    if (
        not model
        and ((lo > 0 and codes[lo - 1]) or suffixes)
        and _other_letter(run_toks, used, codes, suffixes, lo, hi)
    ):
        return None
    if not model and number_missing and hi + 1 == n and tail is not None:
        # the run ends where the text goes on with a model number no name has: "dell optiplex
        # 7070" is no OptiPlex 780, nor any device the catalog lists
        if other_number is not None:
            other_number.append((lo, hi))
        return None
    if (
        not model
        and number_missing
        and hi + 1 < n
        and run_toks[hi + 1] in _TIER_WORDS
        and _number_after_tier(run_toks, used, hi)
    ):
        # another model number after the tier's letters: "ryzen ai 7 pro 360" is no Ryzen AI 7
        # 350, "ryzen ai 9 hx 470" no HX 365
        return None
    # what follows the match and belongs to nothing: "qwen3 32b" vs qwen3-30b, "m3 max" vs m3
    if hi + 1 < n and not used[hi + 1]:
        nxt = run_toks[hi + 1]
        if not model and number_missing and nxt.isdigit() and len(nxt) >= 3:
            return None  # another model number in its place: "r9 390" is no Ryzen 9 7900
        if nxt[:1].isdigit():
            if (
                not codes[hi + 1]
                and (
                    (hi + 2 < n and run_toks[hi + 2] == "b")
                    or (len(nxt) <= 3 and "." in nxt)
                    # a version the key lacks, then a size: "gemma 5 12b" is no Gemma the key names
                    or (hi + 3 < n and run_toks[hi + 2][:1].isdigit() and run_toks[hi + 3] == "b")
                    # a bare family key ("gemma", "mistral small") followed by a version number:
                    # "gemma 5" names a release, not the one the bare word stands for
                    or (len(nxt) <= 2 and "." not in nxt and not any(_is_num(k) for k in key))
                )
            ):
                extra += 12.0
                full = exact = False
        elif nxt in _MODIFIERS and nxt not in _GENERIC and len(nxt) > 1:
            extra += 4.0
            exact = False
    return score - missing - extra, lo, hi, full, exact


def _number_after_tier(run_toks, used, hi: int) -> bool:
    """A model number of three digits or more right after one or two short words of a tier or
    segment ("pro", "hx"): the name goes on with a number of its own."""
    j = hi + 1
    while j < len(run_toks) and j <= hi + 2 and not used[j] and run_toks[j] in _TIER_WORDS:
        j += 1
    return (
        j > hi + 1
        and j < len(run_toks)
        and not used[j]
        and run_toks[j].isdigit()
        and len(run_toks[j]) >= 3
    )


def _other_letter(run_toks, used, codes, suffixes, lo: int, hi: int) -> bool:
    """A letter glued to the matched device number that the key lacks names another device: "m"
    of "m6000" before it, "m" of "770m" or "950m" after it (a mobile part)."""
    if lo > 0 and codes[lo - 1] and not used[lo - 1] and run_toks[lo - 1].isalpha():
        return _is_num(run_toks[lo])
    return bool(
        suffixes
        and hi + 1 < len(run_toks)
        and suffixes[hi + 1]
        and not used[hi + 1]
        and _is_num(run_toks[hi])
    )


def _suffix_letter(toks: list[Tok], i: int) -> bool:
    """ "m" of "950m": a letter glued after a number that names another part of that number
    (language.yaml device_suffixes)."""
    t = toks[i]
    return t.glued and i > 0 and t.orig in _SUFFIXES and _is_num(toks[i - 1].text)


def match_entities(st: State, toks: list[Tok]) -> list[Mention]:
    idx = st.idx
    cat = idx.catalog
    keys = idx.keys
    postings, tiebreak = idx.postings, idx.tiebreak
    mentions: list[Mention] = []
    for run in _runs(st, toks):
        run_toks = [toks[i].text for i in run]
        codes = [_glued_code(toks, i) for i in run]
        suffixes = (
            [_suffix_letter(toks, i) for i in run]
            if any(toks[i].orig in _SUFFIXES for i in run)
            else None
        )
        used = [False] * len(run)
        tail = _tail_number(toks, run[-1])
        tail_text = toks[tail].text if tail else None
        other_number: list[tuple[int, int]] = []
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
            # the keys of the rare strong words first: the hundreds of keys of a common one ("m"
            # of "m4") alone weigh at most `rest`, and are weighed only if the walk gets there
            weighed = key_weights(idx, run_toks, used, codes, rare_first=True)
            if weighed is None:
                break
            acc, rest = weighed
            order = by_weight(acc)
            mem_at: dict[tuple[int, int], float | None] = {}
            card_mem_at: dict[tuple[int, int], float | None] = {}  # a RAM amount after: none
            best_by_entry: dict[tuple[str, str], tuple[float, int, int, bool]] = {}
            best = -1e9
            # A key that cannot come within 2.5 of the best is skipped before align. That drops
            # no answer once the best is 9 or more (no "which family?" question, whose list
            # reaches 10 below the top) and no word is ruled out (the next best could lead);
            # a device key before a model number is aligned anyway: align records that number.
            prunable = False
            i = 0
            while i < 64:
                if rest is not None and (i == len(order) or acc[order[i]] <= rest):
                    # every key left to walk weighs at most `rest`: the stop below, else all keys
                    if rest + 10.0 < best - 2.5:
                        break
                    acc, rest = key_weights(idx, run_toks, used, codes) or ({}, None)
                    order = by_weight(acc)
                    continue
                if i == len(order):
                    break
                ki = order[i]
                i += 1
                upper = acc[ki]
                # the accumulated weight bounds what a key can score (+ bonuses): stop early
                if upper + 10.0 < best - 2.5:
                    break
                key = keys[ki]
                if key.literal is not None and key.literal not in st.low:
                    continue
                if (
                    prunable
                    and (key.kind == "model" or tail_text is None)
                    and align_bound(key, pos, postings, upper - tiebreak[ki]) < best - 2.5
                ):
                    continue  # cannot reach the near-ties (align's own walk is what costs)
                r = align(
                    key.tokens,
                    pos,
                    run_toks,
                    used,
                    codes,
                    key.kind == "model",
                    suffixes,
                    tail_text,
                    other_number,
                )
                if r is None:
                    continue
                score, lo, hi, full, exact = r
                if key.kind == "model" and not full and _size_only(run_toks, lo, hi):
                    continue  # "goliath 120b": a size alone names no model, gpt-oss-120b or other
                if (
                    key.kind == "model"
                    and not full
                    and "v" in run_toks[lo : hi + 1]
                    and _version_only(run_toks, lo, hi)
                ):
                    continue  # "whisper large v3": a version alone is no DeepSeek V3
                if key.kind == "hardware":
                    if (lo, hi) not in mem_at:
                        mem_at[(lo, hi)] = _adjacent_memory(
                            st, toks[run[lo]].start, toks[run[hi]].end
                        )
                    mem = mem_at[(lo, hi)]
                    bonus = _memory_bonus(cat.hardware[key.eid], key, mem)
                    if (
                        bonus < 0
                        and mem is not None
                        and cat.hardware[key.eid].kind == "gpu"
                        and _card_memory(st, toks, run, lo, hi, card_mem_at) is None
                    ):
                        # a RAM amount after a card: the card's if it is sold with it ("1060 (3GB
                        # Ram)"), else the system's ("Radeon 6500 with 32GB RAM"), no penalty
                        mem = None
                        bonus = _memory_bonus(cat.hardware[key.eid], key, None)
                    score += bonus
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
                    prunable = best >= 9.0 and not st.negated
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
            if st.negated:
                # "deepseek v4 non flash": the entries named with a word ruled out step aside
                kept = [r for r in ranked if not _entry_tokens(idx, r[2]) & st.negated]
                ranked = kept or ranked
            score, kind, eid, lo, hi, exact = ranked[0]
            if score < 9.0:
                _family_only(st, toks, run, run_toks, used, ranked)
                break
            a = toks[run[lo]].start
            b = toks[run[hi]].end
            mention = Mention(kind, eid, a, b, score, [], st.text[a:b])
            mention.memory = mem_at.get((lo, hi)) if kind == "hardware" else None
            _decide(st, mention, ranked, kind, lo, hi)
            if mention.eid is not None and mention.eid != eid:
                # another entry chosen among near-ties: its own words only ("5090 + 2x3080": the
                # RTX 5090, not "5090 + 2" that the 5090 D V2 took)
                row = next(r for r in ranked if r[1] == kind and r[2] == mention.eid)
                if lo <= row[3] <= row[4] <= hi and (row[3], row[4]) != (lo, hi):
                    lo, hi = row[3], row[4]
                    a, b = toks[run[lo]].start, toks[run[hi]].end
                    mention.start, mention.end, mention.text = a, b, st.text[a:b]
                    if kind == "hardware":
                        mention.memory = mem_at.get((lo, hi))
            if (
                mention.memory is not None
                and mention.eid is not None
                and P.EACH_GAP_AFTER.match(st.low, b)
                and not cat.hardware[mention.eid].sold_with(mention.memory)
            ):
                # "a 3060 and a 3090, each with 12 GB": an amount said of each card is not one
                # the card is never sold with (the 3060's, not the 3090's)
                mention.memory = None
            for j in range(lo, hi + 1):
                used[j] = True
            mentions.append(mention)
            if all(used):
                break
        # a name matched but for its number, and nothing else took those words
        free = [lo for lo, hi in other_number if not any(used[lo : hi + 1])]
        if free and tail:
            st.other_numbers.append((toks[run[min(free)]].start, toks[tail].end))
    mentions.sort(key=lambda m: m.start)
    return mentions


def _tail_number(toks: list[Tok], last: int) -> int | None:
    """The token of a model number right after a run ("7070" of "dell optiplex 7070", perhaps after
    a dash): a number of three to five digits no catalog name has, as a word of its own, or with a
    device's letters glued after it ("290" of "r9 290x"; not a size's "b" or "k": "qwen 235b").
    One glued to the name's last letter ("z790", "wx9100") is a code of its own, read elsewhere."""
    i = last + 1
    if i < len(toks) and toks[i].text == "-" and toks[i].glued:
        i += 1
    if i >= len(toks):
        return None
    t = toks[i]
    if not (t.text.isdigit() and 3 <= len(t.text) <= 5) or (t.glued and i == last + 1):
        return None
    if i + 1 < len(toks) and toks[i + 1].glued and toks[i + 1].text.isalnum():
        after = toks[i + 1].text
        if not after.isalpha() or after in _SIZE_LETTERS:
            return None
    return i


_SIZE_LETTERS = frozenset({"b", "k", "m", "t"})  # "235b", "128k", "270m", "1t": a size


# a strong word with more keys than this is common ("m" 326 keys, "rtx" 489, "qwen" 221); the
# cut only decides what is weighed first, never what is found
RARE_KEYS = 128


def key_weights(
    idx: Index, run_toks: list[str], used: list[bool], codes: list[bool], rare_first: bool = False
) -> tuple[dict[int, float], float | None] | None:
    """The keys a run's free words can match, each with the weight of its words in the run (plus
    its tiebreak), in the order the words first name them; None when no strong word is free.
    Only keys that share a strong word ("qwen", "3090", the 4 of "m4") can match.

    With `rare_first`, only the keys of the rare strong words (RARE_KEYS keys or fewer; the
    rarest word when every one is common) when there are others: the second value then bounds
    what any key left out weighs (the weights of the other free words; a tiebreak is negative),
    else it is None. A key left out has no rare word, so it weighs the same without them, and the
    keys weighed keep their weights (to the bit) and their order."""
    postings = idx.postings
    tiebreak = idx.tiebreak
    # a strong word no key holds names nothing: it is never the rarest word the others wait on
    strong = [
        t for j, t in enumerate(run_toks) if not used[j] and t in postings and _strong(t, codes[j])
    ]
    rest = None
    cand: set[int] = set()
    if rare_first and len(set(strong)) > 1:
        rare = {t for t in strong if len(postings.get(t, ())) <= RARE_KEYS} or {
            min(strong, key=lambda t: len(postings.get(t, ())))
        }
        for t in rare:
            cand.update(postings.get(t, ()))
        if any(not cand.issuperset(postings.get(t, ())) for t in strong if t not in rare):
            rest = 0.0
            for j, t in enumerate(run_toks):
                if not used[j] and t not in rare and t in postings:
                    rest += _weight(t, codes[j])
    if rest is None:
        # every key (the rare words' keys already in `cand` are all of them when rest is None)
        for t in strong:
            cand.update(postings.get(t, ()))
    if not cand:
        return None
    acc: dict[int, float] = {}
    get = acc.get
    for j, t in enumerate(run_toks):
        if used[j]:
            continue
        w = _weight(t, codes[j])
        keys_of_t = postings.get(t)
        if keys_of_t:
            # the keys in `cand`, in posting order (postings hold ascending key indexes): all of
            # them when the word put its keys in `cand` itself
            if not cand.issuperset(keys_of_t):
                keys_of_t = sorted(cand.intersection(keys_of_t))
            if not acc:
                # the first word's keys (hundreds for the "m" of "m4"): one comprehension
                acc = {ki: tiebreak[ki] + w for ki in keys_of_t}
                get = acc.get
                continue
            for ki in keys_of_t:
                v = get(ki)
                acc[ki] = (tiebreak[ki] if v is None else v) + w
    return acc, rest


def by_weight(acc: dict[int, float]) -> list[int]:
    """The 64 heaviest keys, heaviest first, equals in their order in `acc`: heapq.nlargest(64,
    ...), which is documented as this stable sort; the keys alone, each weight read back from
    `acc` (no (key, weight) pair made for each of hundreds)."""
    return sorted(acc, key=acc.__getitem__, reverse=True)[:64]


def mac_with_memory(st: State) -> bool:
    """ "a 128gb mac", "my mac with 64gb": a Mac said with its memory next to it and no chip
    (the answer reads the chip; "not a mac, a 24gb card" says no Mac's memory)."""
    return any(
        _adjacent_memory(st, *m.span(), ram_before=True) is not None
        for m in P.scan(P.MAC_WORD_RE, st.low, ("mac", "apple"))
    )


def _card_memory(st: State, toks, run, lo: int, hi: int, memo: dict) -> float | None:
    """_adjacent_memory of a graphics card's name (a RAM amount after it is no card's), kept."""
    if (lo, hi) not in memo:
        memo[(lo, hi)] = _adjacent_memory(st, toks[run[lo]].start, toks[run[hi]].end, card=True)
    return memo[(lo, hi)]


def _adjacent_memory(
    st: State, a: int, b: int, ram_before: bool = False, card: bool = False
) -> float | None:
    """The memory said right after a device's name ("mac with 24gb ram") or right before it ("48gb
    4090"); before a card's name a RAM amount is the system's, not the card's ("32gb ram 3060"),
    while a Mac's RAM is its unified memory ("a 24GB RAM mac": `ram_before`). After a graphics
    card (`card`) a RAM amount is the system's too ("Radeon 6500 with 32GB RAM")."""
    before = (None, "vram", "unified", "ram") if ram_before else (None, "vram")
    after = (None, "vram", "unified") if card else (None, "vram", "unified", "ram")
    for mem in st.memories:
        if mem.start >= b and mem.start - b <= 14:
            gap = st.low[b : mem.start]
            if gap[:1] == ")" and "(" in st.low[max(0, a - 2) : a]:
                gap = gap[1:]  # "(RTX-4070ti) (16 GB)": the name in parentheses, then its memory
            if P.ATTACH_GAP_AFTER.match(gap) and mem.kind in after:
                return mem.gb
        if mem.end <= a and a - mem.end <= 40:  # "48gb 4090", "48gb modified 4090"
            gap = st.low[mem.end : a]
            if gap[-1:] in (" ", "-") and (bare := P.BRANDS_END.sub("", gap)) != gap:
                # "8GB on NVIDIA GeForce RTX 4070": the maker's words before the name are its
                # own; not after a list's separator ("2x RTX 3060 12GB, RTX 3090": the 3060's)
                if "," in bare or "/" in bare or "\n" in bare:
                    continue  # (nor on the line after: a list's next item)
                gap = bare
            if len(gap) > 16:
                continue
            said = P.MEMORY_SAID_AFTER.match(gap) if ram_before else None
            if said and P.MAC_MEMORY_GAP.match(gap[said.end() :]):
                gap = ""  # "a 24GB RAM mac", "48gb of ram on my mac": the Mac's own RAM
            if P.ATTACH_GAP_BEFORE.match(gap) and mem.kind in before:
                return mem.gb
    return None


def _exact_span(st: State, toks, run, run_toks, used, codes) -> Mention | None:
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
    if (
        not owners
        and lo < hi
        and run_toks[lo] in _STOP
        and not codes[lo]
        and (owners := idx.exact.get(tuple(run_toks[lo + 1 : hi + 1])))
    ):
        lo += 1  # "a pi 5": an article that is also a device's letter ("a" of "arc a770")
    if not owners and lo == hi and run_toks[lo].isalpha() and tok_info(run_toks[lo])[4]:
        # a family word alone ("llama", "deepseek"): ask which one
        if len(family_entries(idx, run_toks[lo])) >= 2:
            _family_only(st, toks, run, run_toks, used, word=run_toks[lo])
            for j in range(lo, hi + 1):
                used[j] = True
        return None
    if not owners or len(owners) != 1:
        return None
    kind, eid = next(iter(owners))
    # two short words are a name only as a whole key ("pi 5"): the full match never sees them
    # ("instinct mi 50": a code's letters written apart from its number end the name as glued)
    weak = not any(_strong(run_toks[j], codes[j]) for j in range(lo, hi + 1))
    if weak and not (
        _is_num(run_toks[hi])
        and hi > lo
        and (hi == lo + 1 or (run_toks[hi - 1].isalpha() and len(run_toks[hi - 1]) <= 2))
    ):
        return None
    a = toks[run[lo]].start
    b = toks[run[hi]].end
    mem = None
    if kind == "hardware":
        mem = _adjacent_memory(st, a, b)
        if mem is not None and not weak:
            return None  # memory next to it may pick another variant: the full match decides
    for j in range(lo, hi + 1):
        used[j] = True
    m = Mention(kind, eid, a, b, 100.0, [], st.text[a:b])
    m.memory = mem
    if kind == "model":
        _newest_version(st, m, tuple(run_toks[lo : hi + 1]))
    return m


def _newest_version(st: State, mention: Mention, toks: tuple[str, ...]) -> None:
    """An older model's own name that a newer version's name holds whole ("llama 7b": LLaMA 7B's
    name, and Llama 2 7B's without its "2"): read as the name says, and the newer versions the
    words could also mean said beside it, as a near-tie of one model's versions is."""
    hit = st.idx.unversioned.get(toks)
    if hit is None or mention.eid != hit[0]:
        return
    models = st.idx.catalog.models
    others = ", ".join(models[i].name for i in hit[1])
    mention.note = f'"{mention.text.strip()}": read as {models[hit[0]].name} (also: {others})'


def family_entries(idx: Index, word: str) -> list[tuple[str, str]]:
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


def _family_only(st: State, toks, run, run_toks, used, ranked=None, word: str = "") -> None:
    """A family named without a size ("llama on a 3090", "deepseek"): ask which one, among the
    entries `ranked` within 10 of the best, or every entry of the family `word` said alone."""
    words = [t for j, t in enumerate(run_toks) if not used[j] and t.isalpha() and tok_info(t)[4]]
    if not words or all(t in P.LANG.plain_words for t in words):
        return
    if ranked is None:
        kind, ids = _newest_of_family(st.idx, word)
    else:
        kind = ranked[0][1]
        top = ranked[0][0]
        close = [r for r in ranked if r[1] == kind and r[0] >= top - 10.0]
        ids = _newest_first(st.idx, kind, list(dict.fromkeys(r[2] for r in close)))
    if len(ids) < 2:
        return
    names = st.idx.catalog.models if kind == "model" else st.idx.catalog.hardware
    lo = min(j for j, t in enumerate(run_toks) if not used[j])
    hi = max(j for j, t in enumerate(run_toks) if not used[j])
    text = st.text[toks[run[lo]].start : toks[run[hi]].end].strip()
    if kind == "model" and P.SERVICE_AFTER.match(st.low, toks[run[hi]].end):
        st.ignored.append(f"{text} (its maker's hosted service, not a model to run)")
        return
    if kind == "model" and (members := members_named(st, text)):
        ids = list(members)  # newest first already
    st.unsure.append(
        Unsure(
            kind=kind,
            text=text,
            suggestions=[Choice(id=i, name=names[i].name, score=0.0) for i in ids[:6]],
        )
    )
    st.family_only.append((st.unsure[-1], toks[run[lo]].start, toks[run[hi]].end))


def _newest_first(idx: Index, kind: str, ids: list[str]) -> list[str]:
    """Models newest first, as people usually mean the newest; devices as they come."""
    if kind == "model":
        models = idx.catalog.models
        ids.sort(key=lambda i: models[i].released or "", reverse=True)
    return ids


def _newest_of_family(idx: Index, word: str) -> tuple[str, list[str]]:
    """The kind and entries _family_only lists for a family word said alone (every entry of the
    family's first kind, all equally close), once per word: the sort by release date touches
    each of the family's dozens of entries, and a word like "llama" (of a "llama.cpp" cut short)
    comes up in question after question."""
    hit = idx.family_newest.get(word)
    if hit is None:
        family = family_entries(idx, word)
        kind = family[0][0]
        ids = _newest_first(idx, kind, [eid for k, eid in family if k == kind])
        hit = (kind, ids)
        if len(idx.family_newest) < 50_000:
            idx.family_newest[word] = hit
    return hit


def _memory_bonus(hw: Hardware, key: Key, mem: float | None) -> float:
    if key.memory is not None:
        # "a100 40gb" is a key of its own: without memory in the text it is only a partial match
        if mem is None:
            return -6.0
        return 5.0 if abs(key.memory - mem) < 0.6 else -8.0
    if mem is None:
        return 0.0
    if hw.kind == "cpu":
        # a processor's RAM is the machine's, not a version of the chip: "a 7600 8gb" names the
        # card sold with 8 GB, not a Core i7-7600U with 8 GB of RAM
        return 0.0
    if hw.sold_with(mem):
        return 5.0
    if apple_storage(hw, mem):
        return 0.0  # "m2 with 512gb": a Mac's storage, which says nothing of the chip
    # a variant never sold with that memory (an M3 Max 40-core has no 36 GB)
    return -12.0 if hw.memory_options_gb else -5.0


def _decide(st: State, mention: Mention, ranked, kind: str, lo: int, hi: int) -> None:
    """Pick among near-ties, or mark the mention unsure."""
    cat = st.idx.catalog
    top = ranked[0]
    tied = [
        r for r in ranked if r[1] == kind and r[0] >= top[0] - 2.5 and not (r[4] < lo or r[3] > hi)
    ]
    ids = list(dict.fromkeys(r[2] for r in tied))
    if len(ids) <= 1:
        return
    if kind == "model" and "/" in mention.text:
        # "vllm serve /root/Qwen/Qwen3-30B-A3B": a repo's own name at the end of a path (no link
        # the repo reader takes) names that repo's model, not the newest release of its family
        eid = st.idx.repo_names.get(mention.text.strip().rsplit("/", 1)[-1].lower())
        if eid in ids:
            mention.eid = eid
            return
    if kind == "model" and (eid := _repo_spelled(st, mention.text)) in ids:
        # "Qwen3-30B-A3B-Q4_K_L.gguf", "Qwen_Qwen3-30B-A3B-FP8": a name written as a repo's
        # own (one hyphenated word) names that release, not the newest of its versions; the
        # newer ones are said
        mention.eid = eid
        newer = [
            cat.models[i].name
            for i in ids
            if (cat.models[i].released or "") > (cat.models[eid].released or "")
            and cat.models[i].family == cat.models[eid].family
        ]
        if newer:
            mention.note = (
                f'"{mention.text.strip()}": read as that repo\'s release, {cat.models[eid].name}'
                f" (newer: {', '.join(newer)})"
            )
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
        if variant := _apple_variant(st, mention, hs):
            others = ", ".join(h.name for h in hs if h.id != variant.id)
            mention.eid = variant.id
            mention.note = f'"{text}": read as {variant.name} (also: {others})'
            return
        if len({h.memory_gb for h in hs}) == 1 or mention.memory is not None:
            chosen = cat.hardware[top[2]]
            others = ", ".join(h.name for h in hs if h.id != chosen.id)
            mention.eid = chosen.id
            mention.note = f'"{text}": read as {chosen.name} (also: {others})'
            return
    names = cat.models if kind == "model" else cat.hardware
    choices = [Choice(id=i, name=names[i].name, score=round(s, 1)) for i, s in _uniq(tied)]
    if kind == "model" and (members := members_named(st, text)):
        # "gemma 4": the models whose name goes on from those words (every Gemma 4 size), not
        # whatever scored near them (a Gemma 3 4B, by its "4")
        score = choices[0].score
        choices = [Choice(id=i, name=names[i].name, score=score) for i in members[:6]]
    st.unsure.append(Unsure(kind=kind, text=text, suggestions=choices))
    mention.eid = None


def _repo_spelled(st: State, text: str) -> str | None:
    """The catalog model whose repo's own name the text is, written as one word with hyphens
    ("Qwen3-30B-A3B", or with its publisher's prefix "Qwen_Qwen3-30B-A3B" as a download folder
    names it); None for a name said in words ("qwen3 30b a3b")."""
    said = text.strip().rsplit("/", 1)[-1]
    if not said or "-" not in said or any(c.isspace() for c in said):
        return None
    names = st.idx.repo_names
    low = said.lower()
    if (eid := names.get(low)) is not None:
        return eid
    owner, _, rest = low.partition("_")
    return names.get(rest) if rest and owner and "-" not in owner else None


def members_named(st: State, text: str) -> tuple[str, ...]:
    """Ids of the models whose name holds the words said, in order and whole ("gemma 4" in
    "Gemma 4 E4B IT", "gpt oss" in "OpenAI gpt-oss-120b", not in "Gemma 3 4B IT"); a finetune
    (uncensored) only when the words name one. () when fewer than two do: a family said in
    full names one model, and the ranking already found it. Newest first. Kept on the index per
    name as written: a "llama" of a "llama.cpp" cut short comes up in question after question."""
    idx = st.idx
    hit = idx.members.get(text)
    if hit is not None:
        return hit
    said = f" {' '.join(key_tokens(text))} "
    phrases = idx.model_phrases
    if not phrases:
        phrases.update(
            (m.id, f" {' '.join(key_tokens(m.name))} ") for m in idx.catalog.models.values()
        )
    newest: dict[tuple[float, float | None], Model] = {}
    for m in idx.catalog.models.values() if len(said) >= 4 else ():
        if said not in phrases[m.id]:
            continue
        if "uncensored" in m.tags and "uncensored" not in said and "abliterated" not in said:
            continue
        # checkpoints of one model (V4 Flash and its 0731 update): the newest, as _decide reads
        # "llama 70b"
        size = (m.params_b, m.active_params_b)
        if size not in newest or (m.released or "") > (newest[size].released or ""):
            newest[size] = m
    # the newest first, as people usually mean the newest
    ordered = sorted(newest.values(), key=lambda m: m.released or "", reverse=True)
    hit = tuple(m.id for m in ordered) if len(ordered) >= 2 else ()
    if len(idx.members) < 50_000:
        idx.members[text] = hit
    return hit


def _apple_variant(st: State, mention: Mention, hs: list[Hardware]) -> Hardware | None:
    """ "M1", "m4 pro ... 24gb": variants of one Apple chip that differ by GPU cores. The one
    sold with the memory stated (next to it, else anywhere in the text), the base configuration
    (its default memory is that amount) first; with no memory stated, the best match."""
    if any(h.kind != "apple" for h in hs) or len({P.CORE_SUFFIX.sub("", h.id) for h in hs}) != 1:
        return None
    mem = mention.memory
    if mem is None:
        mem = next((m.gb for m in st.memories if m.kind in (None, "unified", "ram")), None)
    if mem is None:
        return hs[0]
    sold = [h for h in hs if h.sold_with(mem)]
    base = [h for h in sold if abs(h.memory_gb - mem) < 0.6]
    return (base or sold or hs)[0]


def _uniq(tied) -> list[tuple[str, float]]:
    seen: dict[str, float] = {}
    for r in tied:
        seen.setdefault(r[2], r[0])
    return list(seen.items())[:6]


def _size_asked(st: State, size: float, before: str, after: str) -> None:
    """A size asked about in general, and whether it was said as a bound ("over 100b")."""
    bound = None
    if P.SIZE_AT_LEAST_BEFORE.search(before) or P.SIZE_AT_LEAST_AFTER.match(after):
        bound = "at_least"
    elif P.SIZE_AT_MOST_BEFORE.search(before) or P.SIZE_AT_MOST_AFTER.match(after):
        bound = "at_most"
    st.sizes.append(size)
    st.size_bounds.append(bound)
    st.size_chosen = st.size_chosen or P.SIZE_CHOSEN_BEFORE.search(before) is not None


def unknown_model_mentions(st: State, toks: list[Tok], mentions: list[Mention]) -> None:
    """ "mistral 7b" with no Mistral in the catalog: say so rather than answer without it. A size
    asked about in general ("a 14b model", "some 32b", "the 8b one") is kept as a size."""
    covered = [(m.start, m.end) for m in mentions if m.kind == "model"]
    masked = st.mask.masked()
    for m in P.scan(P.SIZE_RE, masked):
        a, b = m.span()
        if any(x <= a < y or x < b <= y for x, y in covered):
            continue
        said = st.text[a:b]
        near = st.text[max(0, a - 30) : b + 20]
        # "llama3:7b": an Ollama tag's base name then a size none of its tags has
        sib = _tag_sibling(st, masked[max(0, a - 30) : a], masked[b : b + 20], float(m.group(1)))
        if sib is not None:
            start = max(0, a - 30) + sib[1]
            whole = " ".join(st.text[start:b].split())
            model = st.idx.catalog.models[sib[0]]
            mention = Mention("model", model.id, start, b, 100.0, [], st.text[start:b])
            mention.note = (
                f'"{whole}": there is no {m.group(1)}B of it; read as {model.name}'
                f" ({model.ollama}), the nearest size; name another if meant"
            )
            mentions[:] = [x for x in mentions if not (x.kind == "model" and start <= x.start < b)]
            # said unknown by the name pass ("qwen3 7b": no Qwen3 of that size)
            st.unsure[:] = [u for u in st.unsure if u.kind != "model" or u.text not in whole]
            at = next((i for i, x in enumerate(mentions) if x.start > start), len(mentions))
            mentions.insert(at, mention)
            covered.append((start, b))
            continue
        # already named as unknown, with a variant word after the size ("qwen3.6 27b coder")
        beside = [
            u
            for u in st.unsure
            if u.kind == "model"
            and (u.text in st.text[max(0, a - 30) : b] or (said in u.text and u.text in near))
        ]
        if beside:
            if (
                st.compared()
                and all(u.reason == "ambiguous" for u in beside)
                and not any(said in u.text for u in beside)
            ):
                # "gpt-oss, 20b or 120b": sizes compared after a family that names no one
                # entry, each the family's member of that size (choose._sized_family)
                st.sizes.append(float(m.group(1)))
                st.size_bounds.append(None)
            continue
        before = masked[max(0, a - 30) : a]
        # a name does not run across a sentence or a line ("... ratio. 70B is too slow")
        cut = max(before.rfind(". "), before.rfind("\n"), before.rfind("? "), before.rfind("! "))
        before = " " * (cut + 1) + before[cut + 1 :] if cut >= 0 else before
        if P.SIZE_REPORTED_BEFORE.search(before):
            continue
        if (
            P.SIZE_OUT_OF_REACH_BEFORE.search(before)
            and P.found(P.BUY_FOR_SIZE_RE, st.low) is None
            and P.found(P.CARD_WANTED_RE, st.low) is None
        ):
            # the size the machine cannot load ("or even load the model (70b)"): read, but no size
            # a list is asked at (unless the machine to run it is asked: "I can't run 70b models,
            # what GPU should I get?")
            st.out_of_reach_sizes.append(float(m.group(1)))
        names = list(P.NAME_WORD_RE.finditer(before))
        after = masked[b : b + 20]
        if P.SIZE_ACTIVE_AFTER.match(after):
            # "3B active model": the active parameters of a mixture of experts, not a size
            st.active_sizes.append(float(m.group(1)))
            continue
        if (
            (P.SIZE_GENERIC_AFTER.match(after) and not _versioned_family_before(st, before))
            or not names
            or P.SIZE_GENERIC_BEFORE.search(before)
            or P.SIZE_AT_LEAST_BEFORE.search(before)
            or P.SIZE_AT_MOST_BEFORE.search(before)
        ):
            _size_asked(st, float(m.group(1)), before, after)
            continue
        if any(st.size_bounds) and _SIZE_JUST_BEFORE.search(before):
            # "better models than 8b? options like 16b 30b": sizes listed after a bound, the
            # "b" before is no name
            _size_asked(st, float(m.group(1)), before, after)
            continue
        # the word right before the size must be a name, not "on" / "stay on 20b"
        last = names[-1].group().strip("-._")
        # "the unsloth 1.58 bit 671B": a quantizer's name before a size is who made the file
        # (possessive: "bartowski's Q4 70b", the name then "s")
        maker = names[-2].group().lower() if last == "s" and len(names) > 1 else last.lower()
        stop = last in _STOP or maker in _QUANTIZERS
        if stop or not P.NAME_BEFORE_SIZE.search(before):
            if stop:
                _size_asked(st, float(m.group(1)), before, after)
            continue
        named = [w for w in names[-3:] if w.group() not in _STOP and w.group().strip("-._")]
        if not named:
            continue
        if all(w.group().strip("-._") in _MODIFIERS for w in named) and _after_a_model(
            st, mentions, a
        ):
            # "Gemma 4 26B-A4B or the dense 31B": a size of the family just named, which
            # choose._elided_sibling reads; no model of its own
            continue
        # the name as written, version numbers included: "gemma 5 12b"
        start = max(0, a - 30) + named[0].start()
        if fam := _VERSIONED_FAMILY_BEFORE.search(before):
            start = max(
                start, a - len(before) + fam.start()
            )  # "qwen2-0.5b", not "infer qwen2-0.5b"
        _unknown_model(st, st.text[start:b])
        # the start of that name matched alone ("Qwen3" of "Qwen3-VL-2B") is not the model said
        mentions[:] = [x for x in mentions if not (x.kind == "model" and start <= x.start < b)]


# "llama3:7b", "qwen3 7b", "qwen2.5-13b": an Ollama tag's base name then a size none of its tags
# has, one of the sizes people carry over from older lines (language.yaml sizes_carried_over);
# the nearest size within this ratio is the one meant (design choice: 7 for 8, 13 for 14, 34 for
# 32 and 70 for 72; 3 for 4 or 1 for 1.5 is another model)
TAG_SIZE_SLACK = 1.2
_TAG_BEFORE_SIZE = re.compile(r"([a-z][a-z0-9.]*(?:-[a-z][a-z0-9.]*)*)[\s:\-]?$")


def _tag_sibling(st: State, before: str, after: str, size: float) -> tuple[str, int] | None:
    """The model an Ollama tag's base name right before `size` pulls at its size nearest to it,
    when no tag of that base has the size ("llama3:7b" -> llama3:8b), with where the base name
    starts in `before`; None otherwise. The base is said with its version ("qwen3", "llama3.1")
    or as a tag ("codellama:33b"): a family word alone ("Qwen 30B") means its newest models, not
    the old line its bare tag pulls; and a variant word after the size ("qwen2.5 34b coder")
    names another model."""
    hit = _TAG_BEFORE_SIZE.search(before.lower())
    if hit is None:
        return None
    if not any(c.isdigit() for c in hit.group(1)) and not before.rstrip().endswith(":"):
        return None
    word = _NEXT_WORD_RE.match(after.lower())
    if word is not None and word.group(1) in P.LANG.variant_words:
        return None
    sizes = st.idx.ollama_tag_sizes.get(compact(hit.group(1)))
    if not sizes or size in sizes or size not in P.LANG.sizes_carried_over:
        return None
    near = sorted(sizes, key=lambda x: max(x, size) / min(x, size))
    best = max(near[0], size) / min(near[0], size)
    if best > TAG_SIZE_SLACK or (len(near) > 1 and max(near[1], size) / min(near[1], size) == best):
        return None
    return sizes[near[0]], hit.start(1)


# a family word glued to its version right before a size ("qwen2-0.5b model", "Qwen2 0.5B model")
_VERSIONED_FAMILY_BEFORE = re.compile(r"(?<![\w.])([a-z]{3,12})\d{1,2}(?:\.\d)?[ \t_-]?$")


def _versioned_family_before(st: State, before: str) -> bool:
    """ "qwen2-0.5b model": a size after a model family and its version is that model's, not a
    size asked about in general ("a 0.5b model"), though "model" follows it."""
    m = _VERSIONED_FAMILY_BEFORE.search(before)
    return bool(m and any(k == "model" for k, _ in family_entries(st.idx, m.group(1))))


# a size said right before another ("16b 30b", "7b/13b", "8b, 14b"): a list of sizes
_SIZE_JUST_BEFORE = re.compile(r"(?<![a-z])\d+(?:\.\d+)?\s*b[\s,/|&+]*$")


def variant_unknowns(st: State, mentions: list[Mention]) -> None:
    """ "Qwen3-VL-32B" matched as Qwen3 32B: a name with a variant word (language.yaml
    variant_words) the entry's names lack is another model, one the catalog does not have."""
    variants = P.LANG.variant_words
    for m in list(mentions):
        if m.kind != "model" or not m.eid:
            continue
        low = m.text.lower()
        if not any(v in low for v in variants):
            if _sibling_word_after(st, m):
                _name_unknown(st, mentions, m, st.text[m.start : _word_end(st, m)])
            continue  # the cheap test first: tokenizing a name costs tens of microseconds
        said = variants.intersection(key_tokens(m.text))
        if not said or said <= _entry_tokens(st.idx, m.eid):
            continue
        _name_unknown(st, mentions, m, m.text)
    _unversioned_generations(st, mentions)


# the family word, then a size right after it: no version said ("qwen-72b", "Qwen 7B", "qwen14b")
_SIZE_RIGHT_AFTER_RE = re.compile(r"[ \t_-]?\d{1,3}(?:\.\d)?[ \t]?b(?![a-z\d.])")
# the name's own words after the match, up to a space ("-chat-int4", "-chat-q4_0")
_NAME_TAIL_RE = re.compile(r"[\w.:-]{0,24}")


def _unversioned_generations(st: State, mentions: list[Mention]) -> None:
    """ "Qwen-72B-Chat": a family's name with its size right after and a word of its first
    generation (language.yaml unversioned_generation_words) names a model the catalog does not
    have, not the family's newest of that size."""
    gens = P.LANG.unversioned_generation_words
    if not gens or not any(f in st.low for f in gens):
        return
    for m in list(mentions):
        if m.kind != "model" or not m.eid:
            continue
        family = st.idx.catalog.models[m.eid].family
        words = gens.get(family)
        if not words:
            continue
        at = st.low.find(family, m.start, m.end)
        end = _NAME_TAIL_RE.match(st.low, m.end).end()
        if at >= 0 and _unversioned_generation(st.low[at:end], family):
            _name_unknown(st, mentions, m, st.text[at:end].rstrip(".:-"))


def _unversioned_generation(name: str, family: str) -> bool:
    """ "qwen-72b-chat": the family word, its size right after and a first generation's word."""
    words = P.LANG.unversioned_generation_words.get(family)
    return bool(
        words
        and name.startswith(family)
        and _SIZE_RIGHT_AFTER_RE.match(name, len(family))
        and set(words) & set(re.split(r"[\W_]+", name))
    )


_NEXT_WORD_RE = re.compile(r"[\s_-]{0,3}([a-z]{2,12})\b")


def _word_end(st: State, m: Mention) -> int:
    w = _NEXT_WORD_RE.match(st.low, m.end)
    return w.end() if w else m.end


def _sibling_word_after(st: State, m: Mention) -> bool:
    """ "GLM 5 Air": the word right after a matched name is a modifier another model of that
    family has in its name ("GLM-4.5-Air") and this entry lacks, so the name said is a variant
    the catalog does not have, not the entry matched without it."""
    w = _NEXT_WORD_RE.match(st.low, m.end)
    if w is None or w.group(1) not in _MODIFIERS or w.group(1) in P.LANG.generic:
        return False
    word = w.group(1)
    if P.SIZE_RE.match(st.low, w.end() + (st.low[w.end() : w.end() + 1] in " -_")):
        return False  # "Qwen3-VL-2B": the name runs on to its size, named whole by the size pass
    cat = st.idx.catalog
    entry = cat.models.get(m.eid)
    if entry is None or word in _entry_tokens(st.idx, m.eid):
        return False
    return any(
        word in _entry_tokens(st.idx, o.id)
        for o in cat.models.values()
        if o.family == entry.family and o.id != m.eid
    )


def _name_unknown(st: State, mentions: list[Mention], m: Mention, text: str) -> None:
    _unknown_model(st, text)
    mentions.remove(m)


def _unknown_model(st: State, text: str) -> None:
    """The model named `text` is not in the catalog: said so, with the nearest ones."""
    text = " ".join(text.split())
    r = resolve_model(text, st.idx.catalog)
    st.unsure.append(
        Unsure(
            kind="model",
            text=text,
            suggestions=[Choice(id=s.id, name=s.name, score=s.score) for s in r.suggestions[:5]],
            reason="unknown",
        )
    )


# an unknown name the resolver reads as one catalog model at least this sure, this far ahead of
# the next, is that model in other words ("Qwen 30B coder", "65B LLaMA model", "qwen 32b coder")
SETTLED_SCORE = 88.0
SETTLED_MARGIN = 10.0


def settle_unknowns(st: State, mentions: list[Mention]) -> None:
    """A model name said in another order than the catalog's ("the new Qwen 30B coder": Qwen3
    Coder 30B-A3B; "65B LLaMA model": LLaMA 65B) that the resolver reads as one entry well ahead
    of the rest, its family said in it ("llama 3.5 8b" is no EXAONE 3.5): that model, with a
    note, not an unknown one."""
    for u in [u for u in st.unsure if u.kind == "model" and u.reason == "unknown"]:
        r = resolve_model(u.text, st.idx.catalog)
        if r.entry is None or r.score < SETTLED_SCORE or not r.suggestions:
            continue
        second = max((s.score for s in r.suggestions if s.id != r.entry.id), default=0.0)
        at = st.text.find(u.text)
        if r.score - second < SETTLED_MARGIN or r.entry.family not in u.text.lower() or at < 0:
            continue
        if not _said_as(u.text, r.entry) or _unversioned_generation(u.text.lower(), r.entry.family):
            continue
        st.unsure.remove(u)
        m = Mention("model", r.entry.id, at, at + len(u.text), r.score, [], u.text)
        m.note = f'"{u.text}": read as {r.entry.name}'
        mentions.append(m)


# a size said right after a family name ("deepseek 600B", "granite-8b")
# (a separator between: "deepseek-r1671b", "qwen1.57B" are a version and a size run together)
_SIZE_AFTER_RE = re.compile(r"(?:[ \t]+|[ \t]*[-_][ \t]*)(\d{1,4}(?:\.\d+)?)[ \t]?b(?![\w])")


def _size_reads(size: float, params: float) -> int:
    """How a size said reads a model's count: 2 its leading figures ("600B" for 671B, "30B" for
    33B: sizes are said rounded down to a round figure), 1 within advise's 10% window (a size
    rounded to the nearest class), 0 not at all."""
    figures = str(int(size)).rstrip("0") if size >= 10 and size == int(size) else ""
    if (
        figures
        and str(int(params)).startswith(figures)
        and len(str(int(params))) == len(str(int(size)))
    ):
        return 2
    return 1 if size / 1.1 <= params <= size * 1.1 else 0


def sized_families(st: State, mentions: list[Mention]) -> None:
    """ "deepseek 600B", "how many 4090 for deepseek 600b": a family name several entries share
    with a size right after it is that family's model of that size, read as a regular reads it
    (the size's leading figures first, "600B" is the 671B DeepSeeks, then the nearest class; of
    several releases at that size the first, the one the size names: DeepSeek V3, its later
    releases go by their version), the reading said; no member of that size stays unsure."""
    for u in [u for u in st.unsure if u.kind == "model" and u.reason == "ambiguous"]:
        at = st.low.find(u.text.lower())
        g = _SIZE_AFTER_RE.match(st.low, at + len(u.text)) if at >= 0 else None
        if g is None:
            continue
        cat = st.idx.catalog
        fams = {cat.models[c.id].family for c in u.suggestions if c.id in cat.models}
        if len(fams) != 1:
            continue
        size = float(g.group(1))
        fam = fams.pop()
        scored = [
            (_size_reads(size, m.params_b), m) for m in cat.models.values() if m.family == fam
        ]
        best = max((k for k, _ in scored), default=0)
        if not best:
            continue
        same = sorted((m for k, m in scored if k == best), key=lambda m: m.released or "")
        entry = same[0]
        st.unsure.remove(u)
        said = st.text[at : g.end()]
        m = Mention("model", entry.id, at, g.end(), 100.0, [], said)
        also = [o.name for o in same[1:]][-3:]
        m.note = f'"{said}": read as {entry.name} ({entry.params_b:g}B' + (
            f"; also that size: {', '.join(also)})" if also else ")"
        )
        mentions.append(m)


# a size said before a family's name ("70B Llama", "a 27b qwen", "397B Qwen MoE")
_SIZE_FIRST_RE = re.compile(r"(?:(?:an?|the)[ \t]+)?(\d{1,4}(?:\.\d+)?)[ \t]?b[ \t-]+(\S.*)", re.I)


# ... said of several models ("671b deepseek models", "70B llama variants"): the family at that size
_FAMILY_AS_A_WHOLE = re.compile(
    r"\b(?:models|ones|variants|versions|family|families|series)\b", re.I
)


def size_first_names(st: State, mentions: list[Mention]) -> None:
    """ "70B Llama", "397B Qwen MoE": a model named by its size, then its family (a headline's word
    order) is the model the same words name in the usual order ("Llama 70B", "Qwen MoE 397B"),
    read by the same matcher, with a note that says so; a name that order does not resolve stays
    unsure. Only unsure names pay for the second reading."""
    from .parser import parse  # (a short text of its own: no loop, it starts with no size)

    for u in [u for u in st.unsure if u.kind == "model"]:
        g = _SIZE_FIRST_RE.fullmatch(u.text.strip())
        at = st.text.find(u.text)
        if g is None or at < 0 or not any(c.isalpha() for c in g.group(2)):
            continue
        if _FAMILY_AS_A_WHOLE.search(g.group(2)) or _FAMILY_AS_A_WHOLE.match(
            st.low, at + len(u.text) + 1
        ):
            continue  # "the full 671b deepseek models": the family's, none of them asked
        swapped = f"{g.group(2)} {g.group(1)}B"
        q = parse(swapped, st.idx.catalog)
        entry = st.idx.catalog.models.get(q.model.id) if q.model else None
        if entry is None or q.unsure:
            continue
        st.unsure.remove(u)
        m = Mention("model", entry.id, at, at + len(u.text), 100.0, [], u.text)
        m.note = f'"{u.text}": read as {entry.name} ("{swapped}")'
        mentions.append(m)


def base_readings(st: State, mentions: list[Mention]) -> None:
    """A fine-tune's, merge's or re-quant's file or name the catalog lacks
    ("Huihui-Qwen3.5-2B-abliterated.Q8_0.gguf", "qwen3 14b abliterated"): its base model, as a
    regular reads it (resolve.base_reading: family, version and size in the name), with a note
    that says so; a size no member of the family has stays unknown."""
    for u in [u for u in st.unsure if u.kind == "model" and u.reason == "unknown"]:
        at = st.text.find(u.text)
        base = base_reading(u.text, st.idx.catalog) if at >= 0 else None
        if base is None:
            continue
        st.unsure.remove(u)
        m = Mention("model", base.id, at, at + len(u.text), 100.0, [], u.text)
        m.note = base_note(u.text, base)
        mentions.append(m)


def base_note(said: str, base: Model) -> str:
    return (
        f'"{said}": read as {base.name}, the model its name says (a fine-tune has its base\'s size)'
    )


# words a model's name may carry that say nothing of which model it is
_NAME_FILLERS = frozenset({"model", "models", "the", "new", "instruct", "chat", "it", "llm", "one"})


def _said_as(text: str, entry: Model) -> bool:
    """Every word of the name said is the entry's ("Qwen3-VL-32B" is not Qwen3 32B, "Qwen3 Coder
    14B" not Qwen3 14B), and its number after the family is not the entry's version read as a
    size ("Gemma 2b" may be the first Gemma's 2B, not Gemma 2 2B)."""
    said = key_tokens(text)
    own = set(key_tokens(entry.name)) | set(key_tokens(entry.id))
    if any(t.isalpha() and t not in own and t not in _NAME_FILLERS for t in said):
        return False
    ids = key_tokens(entry.id)
    version = ids[1] if len(ids) > 2 and _is_num(ids[1]) and ids[0].isalpha() else None
    first = said[1] if len(said) > 1 and said[0].isalpha() and _is_num(said[1]) else None
    return first is None or first != version


def card_brand_mismatches(st: State, mentions: list[Mention]) -> None:
    """ "RTX 5700 Ti": a number after a brand only graphics cards have (language.yaml
    card_brand_words) matched to a processor or its integrated GPU by its digits (the Ryzen 5700G's
    Vega 8) is a card the catalog lacks: the match is dropped, so unknown_hardware_mentions names it
    unknown with the cards nearest by digits. A typo never answers for an iGPU."""
    cat = st.idx.catalog
    for m in list(mentions):
        if m.kind != "hardware" or not m.eid or cat.hardware[m.eid].kind not in ("cpu", "igpu"):
            continue
        if P.CARD_BRAND_BEFORE.search(st.low, max(0, m.start - 12), m.start):
            mentions.remove(m)


# a word after a card's number, one letter too ("RTX 5090 D")
_CARD_WORD_AFTER_RE = re.compile(r"[\s_-]{0,3}([a-z]{1,12})\b")


def software_names(st: State, mentions: list[Mention]) -> None:
    """ "the Nemo file manager": a model name said right before a program's noun (language.yaml
    software_nouns_after) names that program, there and wherever the same name is said again
    ("Nemo can search on that"), not the model (Mistral Nemo)."""
    programs = {
        m.text.lower()
        for m in mentions
        if m.kind == "model" and P.SOFTWARE_AFTER.match(st.low, m.end)
    }
    if not programs:
        return
    for m in list(mentions):
        if m.kind == "model" and m.text.lower() in programs:
            mentions.remove(m)
    st.ignored += [f"{p} (a program's name, not a model)" for p in sorted(programs)]


def other_product_unknowns(st: State, mentions: list[Mention]) -> None:
    """ "Drive Thor U": a device named right after a word that makes it another product of its
    chip (language.yaml other_product_before) is a device the catalog lacks, named unknown, not
    the catalogued product of that chip (the Jetson AGX Thor)."""
    if not P.LANG.other_product_before or "drive" not in st.low:
        return
    for m in list(mentions):
        if m.kind != "hardware" or not m.eid:
            continue
        before = P.OTHER_PRODUCT_BEFORE.search(st.low, max(0, m.start - 12), m.start)
        if before is None:
            continue
        a, b = before.start(), m.end
        w = _CARD_WORD_AFTER_RE.match(st.low, b)
        if w is not None and len(w.group(1)) <= 2:
            b = w.end()  # its variant's letter: "Thor U"
        mentions.remove(m)
        st.unsure.append(
            Unsure(kind="hardware", text=" ".join(st.text[a:b].split()), reason="unknown")
        )
        st.unknown_hw.append((a, b))


def card_variant_unknowns(st: State, mentions: list[Mention]) -> None:
    """ "4090ti", "RTX 3090 Super": a graphics card matched without the variant word right after
    it (language.yaml card_variant_words) when no catalogued card has its name with that word is
    a card the catalog lacks: named unknown with the cards nearest by digits, not the card
    without the word."""
    cat = st.idx.catalog
    for m in list(mentions):
        if m.kind != "hardware" or not m.eid or cat.hardware[m.eid].kind != "gpu":
            continue
        w = _CARD_WORD_AFTER_RE.match(st.low, m.end)
        if w is None or w.group(1) not in P.LANG.card_variant_words:
            continue
        hw = cat.hardware[m.eid]
        word = w.group(1)
        if word in key_tokens(hw.name) or word in hw.id.split("-"):
            continue
        other = resolve_hardware(f"{hw.name} {word}", cat).entry
        if other is not None and word in other.id.split("-"):
            continue  # a catalogued card the match missed: not this reading's to undo
        a, b = m.start, w.end()
        mentions.remove(m)
        if P.DEVICE_NUMBER_RE.fullmatch(st.low, a, b):
            continue  # "rtx 3090 super": unknown_hardware_mentions names it, brand and all
        st.unsure.append(
            Unsure(
                kind="hardware",
                text=" ".join(st.text[a:b].split()),
                suggestions=digit_suggestions(st.idx, [*key_tokens(hw.name), word]),
                reason="unknown",
            )
        )
        st.unknown_hw.append((a, b))
        st.unknown_cards.append((a, b))


def _after_a_model(st: State, mentions: list[Mention], a: int) -> bool:
    """A model named just before `a` with a comparison word between (choose.ELIDED_GAP)."""
    from .choose import ELIDED_GAP

    return any(
        m.kind == "model"
        and m.eid
        and 0 <= a - m.end <= ELIDED_GAP
        and P.COMPARE_RE.search(st.low[m.end : a])
        for m in mentions
    )


def unknown_hardware_mentions(st: State, mentions: list[Mention], toks: list[Tok]) -> None:
    """ "rtx 4900": a brand word and a model number no device in the catalog has. Named as
    unknown, with the devices whose numbers are closest ("4900" -> 4090, a swap of two digits)."""
    covered = [(m.start, m.end) for m in mentions]
    named: list[set[str]] | None = None  # worked out for the first number not covered
    for m in P.scan(P.DEVICE_NUMBER_RE, st.mask.masked()):
        a, b = m.span()
        if any(x < b and a < y for x, y in covered):
            continue
        if named is None:
            # the same name again past the runs matched ("GPU 7: NVIDIA H200" in a long list)
            named = [set(key_tokens(x.text)) for x in mentions if x.kind == "hardware" and x.eid]
        said = key_tokens(m.group())
        if any(set(said) - P.LANG.brand_words <= n for n in named):
            continue
        st.unsure.append(
            Unsure(
                kind="hardware",
                text=" ".join(st.text[a:b].split()),
                suggestions=digit_suggestions(st.idx, said),
                reason="unknown",
            )
        )
        st.unknown_hw.append((a, b))
        st.unknown_cards.append((a, b))
    for a, b in st.other_numbers:
        # "dell optiplex 7070": a catalogued name but for its model number
        if any(x < b and a < y for x, y in [*covered, *st.unknown_hw]):
            continue
        st.unsure.append(
            Unsure(
                kind="hardware",
                text=" ".join(st.text[a:b].split()),
                suggestions=digit_suggestions(st.idx, key_tokens(st.low[a:b])),
                reason="unknown",
            )
        )
        st.unknown_hw.append((a, b))
    for a, b in st.apu_numbers:
        # "works fine on my 3400G": an APU by its bare model number, one the catalog lacks
        if any(x < b and a < y for x, y in covered):
            continue
        st.unsure.append(
            Unsure(
                kind="hardware",
                text=st.text[a:b],
                suggestions=digit_suggestions(st.idx, key_tokens(st.low[a:b])),
                reason="unknown",
            )
        )
        st.unknown_hw.append((a, b))
    form_after_memory(st, mentions)
    other_generation(st, mentions)
    unlisted_device_mentions(st, mentions)
    unknown_code_mentions(st, mentions, toks)


def _codes(toks: list[Tok], masked: str) -> Iterator[tuple[int, int]]:
    """Where the text has a short code: one to three letters glued to a number of two to four
    digits, perhaps two letters after ("l20", "gb200", "mx450", "s24"), as a word of its own. Read
    off the tokens: a scan of the text for it costs more than the rest of this pass."""
    n = len(toks)
    for i in range(1, n):
        t = toks[i]
        if not t.glued:
            continue
        p = toks[i - 1]
        if (
            len(t.orig) == 1
            and t.orig.isalpha()
            and 3 <= len(p.orig) <= 4
            and p.orig.isdigit()
            and not p.glued
            and not (i + 1 < n and toks[i + 1].glued)
        ):
            # a number and its letter ("130v gpu", "6800s"): the card cue decides, as for a code
            if P.DIGIT_CODE_RE.fullmatch(masked, p.start, t.end) and _alone(masked, p.start, t.end):
                yield p.start, t.end
            continue
        if not (len(p.orig) <= 3 and 2 <= len(t.orig) <= 4 and t.orig.isdigit()):
            continue
        if not p.orig.isalpha():
            continue
        a, b = p.start, t.end
        if i + 1 < n and toks[i + 1].glued and toks[i + 1].orig.isalnum():
            # a suffix of up to two letters ("mx450m", "gb200a"), not a comma or a dash after it
            if len(toks[i + 1].orig) > 2 or not toks[i + 1].orig.isalpha():
                continue
            b = toks[i + 1].end
        if P.CODE_NAME_RE.fullmatch(masked, a, b) and _alone(masked, a, b):
            yield a, b


def _alone(text: str, a: int, b: int) -> bool:
    """A word of its own: no letter, digit or dot right before or after it."""
    before = text[a - 1] if a else " "
    after = text[b] if b < len(text) else " "
    return not (before.isalnum() or before in "._" or after.isalnum() or after in "._")


def unknown_code_mentions(st: State, mentions: list[Mention], toks: list[Tok]) -> None:
    """ "8卡L20", "L20 GPUs", "MX450 2GB": a code without a brand said as a card, and on a phone a
    short code said as the one the person has ("on my S24 using Termux"), that no name covers."""
    covered = [(m.start, m.end) for m in mentions]
    masked = st.mask.masked()
    on_phone = P.found(P.PHONE_RE, st.low) is not None
    for a, b in _codes(toks, masked):
        # "8卡L20", "L20 GPU": a card by a code the catalog does not have; "my S24" on a phone
        if any(x < b and a < y for x, y in covered) or any(
            x < b and a < y for x, y in st.unknown_hw
        ):
            continue
        card = P.CARD_CUE_AFTER.match(st.low, b) or P.CARD_CUE_BEFORE.search(
            st.low, max(0, a - 10), a
        )
        if not (
            card
            or (on_phone and P.OWNED_BEFORE.search(st.low, max(0, a - 10), a))
            # a code said as one's own is the device only when no catalogued device is named
            # ("using a G16 ... paired with a 5070Ti Laptop": the laptop's model, its card named)
            or (
                P.OWNED_CODE_BEFORE.search(st.low, max(0, a - 14), a)
                and not any(m.kind == "hardware" and m.eid for m in mentions)
            )
        ):
            continue
        said = key_tokens(masked[a:b])
        if (
            tuple(said) in st.idx.exact
            or any(t in st.idx.model_words for t in said if t.isalpha() and len(t) >= 2)
            or said[0] in P.LANG.not_device_codes
        ):
            continue  # a name the catalog has ("H200" past the runs matched, "r1"), or no device

        st.unsure.append(
            Unsure(
                kind="hardware",
                text=st.text[a:b],
                suggestions=digit_suggestions(st.idx, said) if card else [],
                reason="unknown",
            )
        )
        st.unknown_hw.append((a, b))
        if card:
            st.unknown_cards.append((a, b))


def form_after_memory(st: State, mentions: list[Mention]) -> None:
    """ "A100 80GB PCIe": the form factor said after the memory (which pass 1 took, so the name
    was matched without it) picks the card of that form when the catalog names one so."""
    cat = st.idx.catalog
    for h in mentions:
        if h.kind != "hardware" or not h.eid or h.memory is None:
            continue
        mem = next((m for m in st.memories if m.start >= h.end and m.start - h.end <= 14), None)
        form = mem and P.FORM_AFTER_RE.match(st.low, mem.end)
        if not form or form.group(1).replace("-", "") in h.text.lower().replace("-", ""):
            continue
        said = f"{h.text} {st.low[mem.start : mem.end]} {form.group(1)}"
        res = resolve_hardware(said, cat)
        if res.entry is not None and res.score >= 100.0 and res.entry.id != h.eid:
            h.eid = res.entry.id
            h.end = form.end()


# a sentence's end, or words of a language written without spaces, between a card's name and
# a generation word: the generation is said of something else
_OTHER_SENTENCE_RE = re.compile(r"[?!。？！]|[.;:]\s|[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")


def other_generation(st: State, mentions: list[Mention]) -> None:
    """ "RTX PRO 3000 Blackwell Laptop GPU": a card said with a generation that is not the matched
    entry's (the RTX A3000 is Ampere) is one the catalog does not have, named as unknown with the
    entries of that generation and number first."""
    cat = st.idx.catalog
    if P.found(P.ARCH_WORD_RE, st.low) is None:
        return
    for h in mentions:
        if h.kind != "hardware" or not h.eid:
            continue
        hw = cat.hardware[h.eid]
        if hw.kind != "gpu" or not hw.arch:
            continue
        said = P.ARCH_WORD_RE.search(st.low, h.start, min(len(st.low), h.end + 20))
        if said is None or _OTHER_SENTENCE_RE.search(st.low, h.end, said.start()):
            # the generation said of the name, right after it: not a later sentence's "2080TI显卡
            # 能跑吗?看文档里写要Ampere" (the docs ask for Ampere), close in characters only
            continue
        arch = P.LANG.architecture_words[said.group()]
        if arch == hw.arch:
            continue
        numbers = [t for t in key_tokens(h.text) if t.isdigit()]
        st.unsure.append(
            Unsure(
                kind="hardware",
                text=" ".join(st.text[h.start : said.end()].split()),
                suggestions=digit_suggestions(st.idx, key_tokens(h.text))
                if numbers
                else [Choice(id=hw.id, name=hw.name, score=0.0)],
                reason="unknown",
            )
        )
        st.unknown_hw.append((h.start, said.end()))
        st.unknown_cards.append((h.start, said.end()))
        h.eid = None


def _graphics_of_named_processor(st: State, mentions: list[Mention], said: str) -> bool:
    """The unlisted name is the graphics of a processor family the text names (language.yaml
    processor_graphics): "Adreno X1-85" beside "Snapdragon X Plus - X1P64100"."""
    words = {w for t in key_tokens(said) for w in P.LANG.processor_graphics.get(t, ())}
    if not words:
        return False
    cat = st.idx.catalog
    named = [t for _a, _b, t in st.cpus] + [
        h.text
        for h in mentions
        if h.kind == "hardware" and h.eid and cat.hardware[h.eid].kind == "cpu"
    ]
    return any(not words.isdisjoint(key_tokens(t)) for t in named)


def owned_device_mentions(st: State, mentions: list[Mention]) -> None:
    """ "on my Spark", "a single Spark": a device's short name that is a software word too
    (language.yaml owned_device_names), read as the device after a word that makes it one's own or
    counts it, where no name was matched there; and a cloud instance named by its type ("g5.xlarge",
    spans._cloud_instance) as its accelerator, with the count of its size."""
    added = list(st.instances)  # "g5.xlarge"
    if any(w in st.low for w in P.NEEDS[P.OWNED_DEVICE_RE]):  # (most texts have none: no scan)
        for m in P.OWNED_DEVICE_RE.finditer(st.mask.masked()):
            a, b = m.span(1)
            eid = P.LANG.owned_device_names[m.group(1)]
            if eid in st.idx.catalog.hardware and not any(
                x.start < b and a < x.end for x in mentions
            ):
                added.append((a, b, eid, None))
    if not added:
        return
    for _a, _b, eid, _count in st.instances:
        # "p4d.24xlarge with 8 A100s": the family named beside the instance is the instance's card
        # (the A100 of a p4d is its 40GB SXM one), one device, not two
        name = st.idx.catalog.hardware[eid].name.lower()
        for x in mentions:
            said = x.text.lower().removesuffix("s")
            if (
                x.kind == "hardware"
                and x.eid != eid
                and said
                and re.search(r"(?<![\w])" + re.escape(said) + r"(?![\w])", name)
            ):
                x.eid = eid
    for a, b, eid, count in added:
        said = st.text[a:b]
        mentions.append(Mention("hardware", eid, a, b, 20.0, [(eid, 20.0)], said, count=count))
    mentions.sort(key=lambda x: x.start)


_CORES_NEXT = re.compile(r"[ \t]*-?[ \t]*cores?\b")


def unlisted_device_mentions(st: State, mentions: list[Mention]) -> None:
    """ "my Pixel 7a", "Samsung Galaxy a34 5g": a phone or a phone chip (language.yaml
    unlisted_devices) with its model number. The catalog lists none: named as unknown, so the
    answer neither guesses a device from the rest of the text nor drops the one the person has."""
    masked = st.mask.masked()
    for m in P.scan(P.UNLISTED_DEVICE_RE, masked):
        a, b = m.span()
        end, digit = b, any(c.isdigit() for c in m.group())  # "mlu370": its number glued
        for _ in range(4):
            w = P.SHORT_WORD_RE.match(masked, end)
            if w is None or w.group(1) in _STOP:
                break
            word = w.group(1)
            has_digit = any(c.isdigit() for c in word)
            if has_digit and _CORES_NEXT.match(masked, w.end()):
                break  # "Snapdragon X Plus 10-Core": a core count, not a model number
            if digit and not has_digit and (word not in _MODIFIERS or len(word) < 2):
                break  # after the model number only its marks: "pro", "5g", "gen3"
            end = w.end()
            digit = digit or has_digit
        if not digit or any(x < end and a < y for x, y in st.unknown_hw):
            continue
        if _graphics_of_named_processor(st, mentions, st.low[a:end]):
            st.ignored.append(f"{' '.join(st.text[a:end].split())} (the processor's graphics)")
            continue
        if any(
            h.kind == "hardware" and h.start <= a and end <= h.end and _names_exactly(st, h)
            for h in mentions
        ):
            continue  # a catalogued name, all of it: "Snapdragon X 126 100" is a laptop chip
        for mem in [x for x in st.memories if 0 <= x.start - end <= 2]:
            if P.NETWORK_GEN_RE.fullmatch(st.low, mem.start, mem.end):
                st.memories.remove(mem)  # "Galaxy a34 5g": the network, no memory
                end = mem.end
        # what a matched name took inside it does not count ("snapdragon 8" of a dev board)
        for h in [h for h in mentions if h.kind == "hardware" and h.start < end and a < h.end]:
            mentions.remove(h)
        st.unsure.append(
            Unsure(kind="hardware", text=" ".join(st.text[a:end].split()), reason="unknown")
        )
        st.unknown_hw.append((a, end))
        if P.UNLISTED_ACCEL_RE.match(st.low, a):
            st.unknown_cards.append((a, end))  # "8张910B显卡": the cards counted
    if any(P.CPU_MODEL_NUMBER.search(text) for _a, _b, text in st.cpus) or any(
        h.kind == "hardware"
        and h.eid
        and st.idx.catalog.hardware[h.eid].kind == "cpu"
        and P.CPU_MODEL_NUMBER.search(h.text.lower())
        for h in mentions
    ):
        # "UHD Graphics 730 (i5-13400 iGPU)", "cpu: Intel N100, gpu: Intel UHD Graphics": the
        # processor named is read instead
        return
    family_named = bool(st.cpus) or any(
        h.kind == "hardware" and h.eid and st.idx.catalog.hardware[h.eid].kind == "cpu"
        for h in mentions
    )
    for m in P.scan(P.UNLISTED_NAME_RE, masked):
        a, end = m.span()
        if any(h.start < end and a < h.end for h in mentions if h.kind == "hardware"):
            continue  # a catalogued name says more ("arc 140v (iris xe successor)")
        if any(x < end and a < y for x, y in st.unknown_hw):
            continue
        said = " ".join(st.text[a:end].split())
        # (a name without a number is read when it is the Vulkan driver's name of one chip, which
        # an iGPU rule's own pattern names: "RADV RENOIR"; "Iris Plus" alone names no one chip)
        readable = any(c.isdigit() for c in said) or (
            said.lower().startswith(RADV) and names_igpu(said, st.idx.catalog)
        )
        if readable and (hw := infer_hardware(said, st.idx.catalog)):
            if hw.kind == "igpu" and family_named:
                # "Intel Core i7 ... and an Intel UHD Graphics 630": the graphics of the processor
                # named, which is read instead
                st.ignored.append(f"{said} (the processor's graphics)")
                continue
            if hw.kind == "igpu" and _other_device_named(st, mentions):
                # "Quadro T1000 and Intel UHD Graphics 630": the graphics beside the card
                st.ignored.append(f"{said} (integrated graphics beside the card)")
                continue
            if hw.kind == "igpu":
                # "an Intel UHD Graphics 630" alone: the family rules' chip, not an unknown device
                st.idx.catalog.hardware.remember(hw)
                mentions.append(Mention("hardware", hw.id, a, end, 20.0, [(hw.id, 20.0)], said))
                mentions.sort(key=lambda x: x.start)
                continue
        st.unsure.append(
            Unsure(kind="hardware", text=" ".join(st.text[a:end].split()), reason="unknown")
        )
        st.unknown_hw.append((a, end))


def _other_device_named(st: State, mentions: list[Mention]) -> bool:
    """A device named besides: a catalogued one, or one the catalog lacks ("Quadro T1000 and Intel
    UHD Graphics 630": the card is the machine's GPU, the graphics beside it no answer)."""
    return (
        bool(st.unknown_hw)
        or any(u.kind == "hardware" and u.reason == "unknown" for u in st.unsure)
        or any(h.kind == "hardware" for h in mentions)
    )


def _names_exactly(st: State, m: Mention) -> bool:
    """The mention's words are one of its entry's names, letters and digits compared (not a near
    match: "snapdragon 8 gen3" is no "snapdragon 8cx gen 3")."""
    said = re.sub(r"[^a-z0-9]", "", m.text.lower())
    hw = st.idx.catalog.hardware[m.eid]
    return any(re.sub(r"[^a-z0-9]", "", n.lower()) == said for n in [hw.id, *hw.aliases])


def digit_suggestions(idx: Index, said: list[str], limit: int = 5) -> list[Choice]:
    """Devices ranked by how close their model number is to the one written (a swapped, missing
    or wrong digit), then by the words they share with it ("rtx", "ti")."""
    numbers = [t for t in said if t.isdigit()]
    if not numbers:
        return []
    num = numbers[0]
    words = {t for t in said if not t.isdigit()}
    best: dict[str, tuple[float, int]] = {}
    if not idx.hw_numbers:
        # the numbers of the hardware keys by their length, built once
        for ki, key in enumerate(idx.keys):
            if key.kind == "hardware":
                for t in key.tokens:
                    if t.isdigit():
                        idx.hw_numbers.setdefault(len(t), []).append((ki, t))
    near = [p for n in (len(num) - 1, len(num), len(num) + 1) for p in idx.hw_numbers.get(n, ())]
    for ki, t in sorted(near):
        key = idx.keys[ki]
        d = OSA.distance(num, t, score_cutoff=2)
        if d > 2:
            continue
        if words and words.isdisjoint(key.tokens):
            continue  # "intel uhd 620" is no Radeon PRO V620: a word of the name must match
        shared = len(words & set(key.tokens)) - len(set(key.tokens) - words - {t})
        score = 100.0 - 30.0 * d + 3.0 * shared
        if key.eid not in best or score > best[key.eid][0]:
            best[key.eid] = (score, ki)
    ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[1][1]))[:limit]
    hw = idx.catalog.hardware
    return [Choice(id=eid, name=hw[eid].name, score=round(sc, 1)) for eid, (sc, _) in ranked]


def cpu_igpu_mentions(st: State, mentions: list[Mention]) -> None:
    """ "Core Ultra 9 185H "Intel Arc" iGPU", "Ryzen 7 7700 integrated graphics": a processor
    named with an iGPU cue (catalog/hardware-rules words) right after it means its integrated GPU,
    the entry resolve_hardware gives for that chip's iGPU (catalogued, else inferred)."""
    if st.unsure:
        _chip_of_named_apu(st, mentions)
    if not st.cpus:
        return
    cat = st.idx.catalog
    cue = rules_for(cat).igpu_cue
    if cue is None:
        return
    # a machine without a graphics card ("my Ryzen 7 8700G", "2GB of VRAM with my Ryzen 8600G"):
    # a processor whose integrated GPU the catalog has is that iGPU, as its bare number is ("8700G")
    # and as resolve_hardware reads it; one it lacks stays the processor (its specs inferred)
    no_card = not st.unknown_hw and not any(
        h.kind == "hardware" and h.eid and cat.hardware[h.eid].kind != "cpu" for h in mentions
    )
    for a, b, text in st.cpus:
        window = st.low[b : b + 32]
        m = cue.search(window)
        if (
            m is None
            and no_card
            and not P.PROCESSOR_WORD_AFTER.match(window)
            and (igpu := igpu_named_by(st, text, unless_cpu=True))
        ):
            mentions.append(Mention("hardware", igpu, a, b, 100.0, [], st.text[a:b]))
            mentions.sort(key=lambda x: x.start)
            break
        if m is None and no_card and (igpu := _igpu_for_backend(st, text)) is not None:
            # "Ryzen 5 4500U ... on Vulkan": a processor the catalog infers, asked of a GPU
            # backend its graphics run and it does not, is its iGPU (inferred too)
            mention = Mention("hardware", igpu.id, a, b, 100.0, [], st.text[a:b])
            mention.note = f'"{" ".join(text.split())}" on a GPU backend: read as {igpu.name}'
            mentions.append(mention)
            mentions.sort(key=lambda x: x.start)
            break
        if m is None or any(
            x < b + m.end() and a < y for x, y in ((h.start, h.end) for h in mentions)
        ):
            continue
        hw = resolve_hardware(f"{text} {m.group()}", cat).entry
        if hw is None or hw.kind != "igpu":
            continue
        said = window[: m.end()]
        st.unsure = [u for u in st.unsure if u.kind != "hardware" or u.text.lower() not in said]
        mention = Mention("hardware", hw.id, a, b, 100.0, [], st.text[a:b])
        if hw.inferred:
            mention.note = f'"{" ".join(text.split())} {m.group()}": read as {hw.name}'
        mentions.append(mention)
        mentions.sort(key=lambda x: x.start)


def _igpu_for_backend(st: State, text: str) -> Hardware | None:
    """The processor's integrated GPU (resolve_hardware's, catalogued or inferred) where the text
    names a backend it runs that the processor itself does not (Vulkan, SYCL), else None."""
    said = {P.LANG.backend_words[m.group()] for m in P.scan(P.BACKEND_WORD_RE, st.low)}
    if not said:
        return None
    cat = st.idx.catalog
    cpu = resolve_hardware(text, cat).entry
    if cpu is None or cpu.kind != "cpu" or said & set(cpu.backends):
        return None
    hw = resolve_hardware(f"{text} igpu", cat).entry
    if hw is None or hw.kind != "igpu" or not said & set(hw.backends):
        return None
    return hw


def _chip_of_named_apu(st: State, mentions: list[Mention]) -> None:
    """ "AMD Ryzen AI 5 340 ... AMD Radeon Graphics (radeonsi, gfx1152)": a graphics chip name
    several iGPUs share (the 840M and 860M are both gfx1152) beside a processor whose own iGPU is
    one of them is that iGPU, as a tool prints the machine's graphics, not the processor."""
    cat = st.idx.catalog
    for u in list(st.unsure):
        if u.kind != "hardware" or len(u.suggestions) < 2:
            continue
        ids = {c.id for c in u.suggestions}
        if any(cat.hardware[i].kind != "igpu" for i in ids):
            continue
        at = st.low.find(u.text.lower())
        named = [
            h.text
            for h in mentions
            if h.kind == "hardware" and h.eid and cat.hardware[h.eid].kind == "cpu"
        ]
        for text in [t for _a, _b, t in st.cpus] + named:
            # the iGPU catalogued under the processor's name, else the family rules' one
            found = resolve_hardware(f"{text} igpu", cat).entry
            igpu = igpu_named_by(st, text) or (found.id if found is not None else None)
            if igpu in ids and at >= 0:
                mentions.append(Mention("hardware", igpu, at, at + len(u.text), 100.0, [], u.text))
                mentions.sort(key=lambda x: x.start)
                st.unsure.remove(u)
                break


def igpu_named_by(st: State, text: str, *, unless_cpu: bool = False) -> str | None:
    """The catalogued iGPU whose names include this processor ("ryzen 7 7840hs" -> Radeon 780M),
    by its whole name, from a word on ("amd ryzen 7 8700g" -> "ryzen 7 8700g") or from its model
    number on ("ryzen 8600g" -> "8600g" -> Radeon 760M). `unless_cpu`: None when the catalog also
    has the processor as a CPU of its own ("Core Ultra 7 155H (CPU only)"): that entry answers."""
    toks = key_tokens(text)
    found = _igpu_of_tokens(st, toks, unless_cpu)
    if found is None and (plain := [t for t in toks if t not in _TIER_WORDS]) != toks:
        # "ryzen ai 7 pro 350", "ryzen 7 pro 8840u": the PRO part has the plain part's graphics
        found = _igpu_of_tokens(st, plain, unless_cpu)
    return found or None


def _igpu_of_tokens(st: State, toks: list[str], unless_cpu: bool) -> str | bool | None:
    """igpu_named_by on the name's tokens; False when the processor is a CPU entry of its own."""
    hw = st.idx.catalog.hardware
    for i in range(len(toks)):
        owners = st.idx.exact.get(tuple(toks[i:]), ())
        if unless_cpu and any(hw[eid].kind == "cpu" for _, eid in owners):
            return False
        igpus = {eid for kind, eid in owners if hw[eid].kind == "igpu"}
        if len(igpus) == 1:
            return igpus.pop()
        if toks[i][:1].isdigit():
            break
    return None


def counted_mac_lines(st: State, mentions: list[Mention]) -> None:
    """ "on 2 MBP's one being a M4Max 128GB and one M5Max 128GB": a number before a Mac's line
    counts the Macs; a chip read from it (the "2" as M2, "MBP" as its Pro) is dropped."""
    cat = st.idx.catalog
    for m in list(mentions):
        if (
            m.kind == "hardware"
            and m.eid
            and cat.hardware[m.eid].kind == "apple"
            and P.COUNTED_LINE_RE.fullmatch(m.text.lower())
        ):
            mentions.remove(m)


def mac_line_mentions(st: State, mentions: list[Mention]) -> None:
    """ "an air with 16gb", "macbook pro 48gb": a Mac named by its product line, not its chip.
    With a memory size it is the newest chip sold in that line with that memory (the smallest of
    them), and the reading is said; without one the line's chips are the choices. Never a
    graphics card. A chip named anywhere ("macbook pro m3 max") wins."""
    cat = st.idx.catalog
    if any(
        m.kind == "hardware" and cat.hardware[m.eid or ""].kind == "apple"
        for m in mentions
        if m.eid
    ):
        return
    masked = st.mask.masked()
    for m in P.scan(P.MAC_LINE_RE, masked, ("air", "mac", "mb")):
        a, b = m.span()
        if any(x < b and a < y for x, y in ((h.start, h.end) for h in mentions)):
            continue
        desktop_ram = any(
            st.low[x : x + 4] in ("ddr3", "ddr4") and a - 80 < x < b + 80 for x, _ in st.ddr_at
        )
        if desktop_ram or P.INTEL_MAC_RE.search(st.low, max(0, a - 80), b + 80):
            # "macbook pro with intel core i7", "macbook air with 8gb ddr3" (Apple chips sit on
            # LPDDR): an Intel Mac, no Apple chip
            st.intel_mac = True
            continue
        line = P.MAC_LINE_OF.get(re.sub(r"[\s\-._]+", "", m.group()))
        chips = _line_chips(st.idx, line) if line else []
        if chips and (gen := P.MAC_GEN_AFTER.match(st.low, b)):
            # "mac mini 4", "mac studio 2 ultra": the chips of that generation in the line
            chip_word = f"m{gen.group(1)}"
            of_gen = [h for h in chips if chip_word in h.name.lower().split()]
            if of_gen:
                chips, b, line = of_gen, gen.end(), f"{line} M{gen.group(1)}"
                st.mask.take(a, b)
        if chips and (tier := P.MAC_TIER_AFTER.match(st.low, b)):
            # "mac studio ultra": that tier's chips of the line, when the line has any
            chips = [h for h in chips if tier.group(1) in h.name.lower().split()] or chips
        if not chips:
            continue
        mem = _adjacent_memory(st, a, b)
        if mem is None and m.group() in P.LANG.mac_words_with_memory:
            continue  # "air" alone is a Mac only with its memory ("an air with 16gb")
        if mem is None:
            mem = next((x.gb for x in st.memories if x.kind in (None, "unified", "ram")), None)
        text = " ".join(st.text[a:b].split())
        if mem is None:
            # no memory said: the line's newest chip as it ships, and the reading said
            newest = max(h.year or 0 for h in chips)
            chip = min(
                (h for h in chips if (h.year or 0) == newest), key=lambda h: h.bandwidth_gbps
            )
            mention = Mention("hardware", chip.id, a, b, 100.0, [], st.text[a:b])
            mention.line = [h.id for h in chips]
            mention.note = (
                f'"{text}": read as {chip.name} with {chip.memory_gb:g} GB, the newest {line} '
                "chip; name the chip and its memory for a closer answer"
            )
            mentions.append(mention)
            mentions.sort(key=lambda x: x.start)
            return
        sold = [h for h in chips if h.sold_with(mem)]
        if not sold:
            # "a 24gb Mac Pro": the chips sold with that memory, newest first
            anyline = [h for h in _apple_chips(st.idx) if h.sold_with(mem)] or chips
            st.unsure.append(
                Unsure(
                    kind="hardware",
                    text=text,
                    suggestions=[Choice(id=h.id, name=h.name, score=0.0) for h in anyline[:6]],
                )
            )
            return
        newest = max(h.year or 0 for h in sold)
        chip = min((h for h in sold if (h.year or 0) == newest), key=lambda h: h.bandwidth_gbps)
        mention = Mention("hardware", chip.id, a, b, 100.0, [], st.text[a:b], memory=mem)
        mention.note = (
            f'"{text}": read as {chip.name}, the newest {line} chip sold with {mem:g} GB; '
            "name the chip for a closer answer"
        )
        mentions.append(mention)
        mentions.sort(key=lambda x: x.start)
        return


def gpu_line_mentions(st: State, mentions: list[Mention]) -> None:
    """ "my Intel Arc GPU": a card line said without its model number, in a text that names no
    device and no processor. The answer asks which card of the line (language.yaml gpu_lines)
    rather than reading none or guessing one."""
    if st.cpus or "arc" not in st.low or any(m.kind == "hardware" and m.eid for m in mentions):
        return
    if any(u.kind == "hardware" for u in st.unsure) or P.found(P.SHOPPING_RE, st.low):
        return  # ("best intel arc card for llms": the line asked to buy from, no card had)
    m = P.found(P.GPU_LINE_RE, st.low)
    if m is None or not st.mask.free(*m.span()):
        return
    a, b = m.span()
    if not (
        P.GPU_LINE_MAKER_BEFORE.search(st.low, max(0, a - 12), a)
        or P.GPU_LINE_CARD_AFTER.match(st.low, b)
    ):
        return  # "arc" said as no card's line ("the ARC-AGI score", "a story arc")
    cards = _line_cards(st.idx, P.LANG.gpu_lines[m.group()])
    if len(cards) < 2:
        return
    st.unsure.append(
        Unsure(
            kind="hardware",
            text=P.LANG.gpu_lines[m.group()],
            suggestions=[Choice(id=h.id, name=h.name, score=0.0) for h in cards[:6]],
        )
    )


def _line_cards(idx: Index, line: str) -> list[Hardware]:
    """The graphics cards whose names start with a line's name ("Intel Arc"): desktop cards first
    (the ones people have; workstation and laptop ones after), newest first, the largest memory
    first within a year; once per index."""
    cached = idx.gpu_lines.get(line)
    if cached is None:
        want = line.lower() + " "
        cached = sorted(
            (
                h
                for h in idx.catalog.hardware.values()
                if h.kind == "gpu" and h.name.lower().startswith(want) and not h.inferred
            ),
            key=lambda h: (h.form != "desktop", -(h.year or 0), -h.memory_gb),
        )
        idx.gpu_lines[line] = cached
    return cached


def _apple_chips(idx: Index) -> list[Hardware]:
    """Every Apple chip in the catalog, newest first (the smallest of a year first)."""
    return sorted(
        (h for h in idx.catalog.hardware.values() if h.kind == "apple"),
        key=lambda h: (-(h.year or 0), h.bandwidth_gbps),
    )


def apple_storage(hw: Hardware, gb: float) -> bool:
    """ "m3 max 1tb", "mac m2 with 512gb": more than any of that chip is sold with is its storage
    (no Apple chip short of an Ultra has 256 GB of memory)."""
    return hw.kind == "apple" and gb >= 256 and gb > max(hw.memory_gb, *hw.memory_options_gb)


def _line_chips(idx: Index, line: str) -> list[Hardware]:
    """The Apple chips the catalog's aliases put in a product line ("macbook air m4"), newest
    first."""
    cached = idx.mac_lines.get(line)
    if cached is None:
        want = tuple(key_tokens(line))
        n = len(want)
        ids = {
            k.eid
            for k in idx.keys
            if k.kind == "hardware"
            and idx.catalog.hardware[k.eid].kind == "apple"
            and any(k.tokens[i : i + n] == want for i in range(len(k.tokens) - n + 1))
        }
        cached = sorted(
            (idx.catalog.hardware[i] for i in ids), key=lambda h: (-(h.year or 0), h.bandwidth_gbps)
        )
        idx.mac_lines[line] = cached
    return cached


def name_unknowns(st: State) -> None:
    """A model name with a number no suggested entry has ("gemma 5 12b", "mistral small 5") is
    unknown, not ambiguous: the catalog does not have it. Its nearest are the entries of the same
    family and size, newest first, then the rest."""
    idx = st.idx
    for u in st.unsure:
        if u.kind != "model" or not u.suggestions:
            continue
        said = key_tokens(u.text)
        numbers = [t for t in said if _is_num(t)]
        # the words a name needs: its numbers and catalog words ("mistral small 5")
        needed = [t for t in said if _is_num(t) or (t in idx.vocab and t not in _GENERIC)]
        if not numbers or any(
            all(n in _entry_tokens(idx, c.id) for n in needed) for c in u.suggestions
        ):
            continue
        u.reason = "unknown"
        sizes = {said[i] for i in range(len(said) - 1) if _is_num(said[i]) and said[i + 1] == "b"}
        family = [t for t in said if t.isalpha() and t in idx.postings and tok_info(t)[4]]
        if not sizes or not family:
            continue
        same = [
            m
            for m in idx.catalog.models.values()
            if all(t in _entry_tokens(idx, m.id) for t in family)
            and sizes <= _entry_tokens(idx, m.id)
        ]
        # the family's own models first ("llama 5 70b": Llama 3.3 70B before a Llama distill)
        same.sort(key=lambda m: (key_tokens(m.name)[:1] == family[:1], m.released or ""))
        same.reverse()
        first = [Choice(id=m.id, name=m.name, score=0.0) for m in same]
        rest = [c for c in u.suggestions if all(c.id != f.id for f in first)]
        u.suggestions = (first + rest)[:5]


def _entry_tokens(idx: Index, eid: str) -> set[str]:
    """Every token of every key of an entry."""
    if not idx.entry_tokens:
        for k in idx.keys:
            idx.entry_tokens.setdefault(k.eid, set()).update(k.tokens)
    return idx.entry_tokens.get(eid, set())
