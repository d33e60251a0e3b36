"""The parser's scan shortcuts change nothing a pattern finds (they exist for latency only)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import yaml

from fitengine.nlq import patterns as P
from fitengine.nlq.index import index_for

EVAL = Path(__file__).resolve().parent / "data" / "nlq_eval.yaml"

LED = [
    P.VERSION_RE,
    P.YEAR_RE,
    P.UNIT_RE,
    P.CTX_K_RE,
    P.CTX_AFTER_RE,
    P.CTX_TOKENS_RE,
    P.BPW_RE,
    P.BITS_RE,
    P.FPBITS_RE,
    P.QUANT_TOKEN_RE,
    P.MEM_RE,
    P.TB_RE,
    P.SIZE_RE,
    P.GLUED_COUNT_RE,
]
# led by patterns.lead, with the first characters read from the pattern
LEAD = [
    P.CPU_RE,
    P.COUNT_BEFORE,
    P.NODE_COUNT_BEFORE,
    P.MEM_COUNT_BEFORE,
    P.DDR_RE,
    P.CPU_ONLY_RE,
    P.CPU_GEN_RE,
    P.SOCKET_CPU_RE,
    P.SOFTWARE_RE,
    P.COMPARE_RE,
    P.ALTERNATIVE_RE,
    P.HOW_MANY_RE,
    P.COUNT_ASKED_RE,
    P.UPGRADE_ASKED_RE,
    P.UPGRADE_BEFORE,
    P.CONTEXT_QUESTION_RE,
    P.CTX_TARGET_RE,
    P.CTX_BEFORE_RE,
    P.CTX_FLAG_RE,
    P.KV_BEFORE_RE,
    P.USAGE_BEFORE,
    P.USAGE_LABEL_BEFORE,
    P.TOTAL_OF_BEFORE,
    P.RAM_BEFORE,
    P.VRAM_BEFORE,
    P.FILE_SIZE_BEFORE,
    P.NOT_MEMORY_BEFORE,
    P.NOT_MEMORY_BEFORE_LINKED,
    P.DEVICE_LABEL_BEFORE,
    P.DEVICE_NUMBER_RE,
    P.GPU_CORES,
    P.LAPTOP_BEFORE,
    P.SIZE_GENERIC_BEFORE,
    P.CARD_CUE_BEFORE,
    P.PARALLEL_RE,
    P.COUNT_BACK_RE,
    P.CARD_COUNT_RE,
    P.MONEY_RE,
    P.PHONE_RE,
    P.SETUP_JOINER_RE,
]


def _texts(patterns, n=6000, seed=0):
    with open(EVAL, encoding="utf-8") as fh:
        texts = [it["text"] for it in yaml.safe_load(fh)]
    texts += [t.lower() for t in texts]
    words = sorted({w for rx in patterns for w in re.findall(r"[^\W\d_]+", rx.pattern)})
    words += ["1", "20", "1999", "3090", "7950x3d", "24.04", "32", "128k", "x", "×", "*", "$"]
    words += ["-", "--ctx-size", "@", ".", "q4_k_m", "ud-q2_k_xl", "٣", "gb", "tb", "fp16", "x16"]
    rng = random.Random(seed)
    seps = [" ", "", "-", ".", ",", "_", "/", "="]
    for _ in range(n):
        texts.append(
            "".join(rng.choice(words) + rng.choice(seps) for _ in range(rng.randint(1, 6)))
        )
    return texts


def test_led_patterns_find_what_the_plain_pattern_finds():
    texts = _texts(LED)
    for rx in LED:
        plain = re.compile(rx.pattern, rx.flags)
        assert rx != plain  # its own program, with the set of characters a search skips to
        for t in texts:
            got = [(m.span(), m.groups()) for m in rx.finditer(t)]
            assert got == [(m.span(), m.groups()) for m in plain.finditer(t)], (rx.pattern, t)


def test_lead_reads_the_first_characters_of_every_match():
    texts = _texts(LEAD, n=3000, seed=4)
    texts += [t.lower() for t in texts]
    for rx in LEAD:
        plain = re.compile(rx.pattern, rx.flags)  # the pattern as re compiles it, no set to skip to
        if P.starts_by_set(rx):
            assert rx == plain  # re skips to its first characters itself (words: the test below)
            continue
        assert rx != plain and P.first_chars(rx) is not None  # the same program, a set added
        for t in texts:
            got = [(m.span(), m.groups()) for m in rx.finditer(t)]
            assert got == [(m.span(), m.groups()) for m in plain.finditer(t)], (rx.pattern, t)
            # the window searches: each suffix of the text ends where a match would start
            for a in range(0, len(t), 7):
                m, n = rx.search(t, a), plain.search(t, a)
                assert (m and (m.span(), m.groups())) == (n and (n.span(), n.groups()))


def _plain_words(phrases, start=True, end=True):
    """words() as it was: the word edges around the whole alternation (re then tries it at every
    place of the text)."""
    bounded, free = [], []
    for p in phrases:
        edges = p[0].isalnum() and p.rstrip("*")[-1].isalnum()
        (bounded if edges and not P._unspaced(p) else free).append(p)
    parts = []
    if bounded:
        parts.append(
            ("(?<![\\w])" if start else "") + P.alternation(bounded) + ("(?![\\w])" if end else "")
        )
    if free:
        parts.append(P.alternation(free))
    return "(?:" + "|".join(parts) + ")"


def test_every_pattern_finds_what_the_pattern_as_re_compiles_it_finds():
    # patterns.py compiles each pattern with the set of characters its matches start with
    patterns = {
        name: rx
        for name, rx in vars(P).items()
        if isinstance(rx, re.Pattern) and isinstance(rx.pattern, str)
    }
    skipping = [rx for rx in patterns.values() if rx != re.compile(rx.pattern, rx.flags)]
    assert len(skipping) > 100
    texts = _texts(skipping, n=600, seed=7)
    texts += [t.lower() for t in texts]
    for rx in skipping:
        plain = re.compile(rx.pattern, rx.flags)
        for t in texts:
            got = [(m.span(), m.groups()) for m in rx.finditer(t)]
            assert got == [(m.span(), m.groups()) for m in plain.finditer(t)], (rx.pattern, t)
            for a in range(0, len(t), 9):  # the window searches and the matches at a place
                m, n = rx.search(t, a, a + 30), plain.search(t, a, a + 30)
                assert (m and (m.span(), m.groups())) == (n and (n.span(), n.groups()))
                m, n = rx.match(t, a), plain.match(t, a)
                assert (m and (m.span(), m.groups())) == (n and (n.span(), n.groups()))
            assert rx.sub("_", t) == plain.sub("_", t)


def test_skipping_sets_where_a_search_starts_on_this_python():
    rx = re.compile(r"(?<![\w.])\d+\s*gb")
    fast = P.skipping(rx)
    assert fast != rx and fast.pattern == rx.pattern and fast.groups == rx.groups
    assert P.skipping(re.compile(r"x\d")).pattern == r"x\d"  # a literal first: re skips itself
    named = P.skipping(re.compile(r"(?<![\w])(?P<n>\d+)(x)"))
    assert named.groupindex == {"n": 1} and named.search("a 12x").group("n", 2) == ("12", "x")


def test_words_find_what_the_phrases_with_edges_around_them_find():
    lists = [v for v in vars(P.LANG).values() if isinstance(v, (list, tuple, frozenset, set, dict))]
    lists = [sorted(v) for v in lists if v and all(isinstance(w, str) and w for w in v)]
    assert len(lists) > 100
    texts = _texts([re.compile(P.alternation(ws)) for ws in lists], n=500, seed=6)
    texts += [t.lower() for t in texts]
    for ws in lists:
        for start, end in ((True, True), (True, False), (False, True)):
            rx = re.compile(P.words(ws, start=start, end=end))
            plain = re.compile(_plain_words(ws, start, end))
            for t in texts:
                if not any(w.split()[0].rstrip("*") in t for w in ws):
                    continue
                got = [(m.span(), m.groups()) for m in rx.finditer(t)]
                assert got == [(m.span(), m.groups()) for m in plain.finditer(t)], (ws, t)
                for a in range(0, len(t), 11):  # the window searches of the *_BEFORE patterns
                    m, n = rx.search(t, a, a + 24), plain.search(t, a, a + 24)
                    assert (m and m.span()) == (n and n.span()), (ws, t, a)


def test_words_are_searched_by_their_first_characters():
    # the word edge in front (\b) hides the groups' first characters from re: skipping sets them
    plain = re.compile(P.words(["budget", "price range"]))
    assert not P.starts_by_set(plain) and P.first_chars(plain) == "[bp]"
    assert P.skipping(plain) != plain
    assert P.starts_by_set(re.compile(P.words(["budget", "price range"], start=False)))
    assert not P.starts_by_set(re.compile(r"(?<![\w])(?:ab|cd)"))


def test_every_pattern_with_readable_first_characters_is_searched_by_them():
    # a pattern built with words() and compiled without `skipping` would be tried at every place
    from fitengine.catalog import default_catalog

    cues = [c.pattern for c in index_for(default_catalog()).workload_cues]
    built = [rx for _, rx in P.WISHES] + list(P.NOT_ESTIMATED_RES.values()) + cues
    module = [rx for rx in vars(P).values() if isinstance(rx, re.Pattern)]
    for rx in module + built:
        if isinstance(rx.pattern, str) and P.first_chars(rx) is not None:
            plain = re.compile(rx.pattern, rx.flags)
            assert P.starts_by_set(rx) or rx != plain, rx.pattern


def test_the_first_size_of_two_alternatives_is_read_whole():
    # SIZE_ALTERNATIVES_RE's first number gives no digit back: nothing after it starts with one
    assert not any(w[:1].isdigit() for w in P.LANG.size_alternatives)
    plain = re.compile(P.SIZE_ALTERNATIVES_RE.pattern.replace(r"(\d{1,4}+)", r"(\d{1,4})", 1))
    assert plain.pattern != P.SIZE_ALTERNATIVES_RE.pattern
    texts = _texts([plain], n=3000, seed=8)
    texts += ["16gb or 24gb", "64 or 128 gb", "12345 or 16gb", "8 vs. 16g", "1024or2048gb"]
    for t in texts + [t.lower() for t in texts]:
        got = [(m.span(), m.groups()) for m in P.SIZE_ALTERNATIVES_RE.finditer(t)]
        assert got == [(m.span(), m.groups()) for m in plain.finditer(t)], t


def test_guarded_alternatives_that_can_start_alike_are_tried_in_their_order():
    # "a..." and "(x )?ab" overlap on "a" and, through "x", on nothing else: one group each way
    alts = [r"(?:x\s+)?ab", r"b\d", r"a\w+", r"\d+k", r"x1"]
    rx = re.compile(P.guarded(alts))
    plain = re.compile("(?:" + "|".join(alts) + ")")
    rng = random.Random(3)
    for _ in range(3000):
        t = "".join(rng.choice(["a", "b", "x", "1", "k", " ", "ab", "x ab"]) for _ in range(8))
        assert [m.span() for m in rx.finditer(t)] == [m.span() for m in plain.finditer(t)], t


def test_guarded_cpu_names_find_what_the_plain_alternation_finds():
    plain = re.compile(r"(?<![\w])(?:" + "|".join(P.CPU_NAMES) + r")(?![\w])")
    texts = _texts([plain], n=4000, seed=5)
    texts += ["ryzen 7 5800x3d", "2x xeon e5-2690 v4", "core ultra 7 155h", "i7-1185g7", "x1e78100"]
    for t in texts + [t.lower() for t in texts]:
        got = [(m.span(), m.groups()) for m in P.CPU_RE.finditer(t)]
        assert got == [(m.span(), m.groups()) for m in plain.finditer(t)], t


def test_first_chars_of_patterns_it_can_and_cannot_read():
    assert P.first_chars(re.compile(r"(?<![\w])(?:ab|c\d)x")) == "[ac]"
    assert P.first_chars(re.compile(r"(?:x\s*)?(\d+|[a-f])")) == r"[x\da-f]"
    assert P.first_chars(re.compile(r"a?")) is None  # can match nothing
    assert P.first_chars(re.compile(r".b")) is None
    assert P.first_chars(re.compile(r"[^a]b")) is None
    assert P.first_chars(re.compile(r"ab", re.I)) is None
    assert P.lead(re.compile(r"a*")).pattern == "a*"


def test_every_match_holds_one_of_the_literals_its_scan_needs():
    texts = _texts(list(P.NEEDS))
    for rx, needs in P.NEEDS.items():
        for t in texts:
            if rx.search(t):
                assert any(w in t for w in needs), (rx.pattern, t)
            assert [m.span() for m in P.scan(rx, t)] == [m.span() for m in rx.finditer(t)]
            assert bool(P.found(rx, t)) == bool(rx.search(t))


def test_every_match_holds_a_literal_and_one_of_its_seconds():
    # patterns.PAIRS (round latency12): a gate that tests two words of each phrase
    texts = _texts(list(P.PAIRS), n=4000, seed=12)
    for phrases in [P.LANG.cpu_only, P.LANG.backend_questions, *(w.phrases for w, _ in P.WISHES)]:
        texts += [p.replace("*", "s") for p in phrases]
    for rx, pairs in P.PAIRS.items():
        for t in texts:
            if rx.search(t):
                assert P.paired(pairs, t), (rx.pattern, t)
            assert [m.span() for m in P.scan(rx, t)] == [m.span() for m in rx.finditer(t)]
            assert bool(P.found(rx, t)) == bool(rx.search(t))


def test_every_phrase_of_a_paired_list_passes_its_gate():
    lists = {
        id(P.BACKEND_QUESTION_RE): P.LANG.backend_questions,
        id(P.WHY_SLOW_RE): P.LANG.why_slow_questions,
        id(P.ALL_ON_GPU_RE): P.LANG.all_on_gpu_words,
        id(P.UPGRADE_REPLACE_RE): P.LANG.upgrade_replace,
        id(P.CPU_ONLY_RE): P.LANG.cpu_only,
    }
    for rx in P.PAIRS:
        for phrase in lists.get(id(rx), ()):
            text = f"so {phrase.replace('*', 's')} please"
            assert rx.search(text) and P.found(rx, text), phrase
    assert P.pairs_of(["no vram", "cpu only", "sell"]) == {
        "only": ("cpu",),
        "sell": None,
        "vram": ("no",),
    }


def test_every_match_of_a_unit_pattern_has_a_number_followed_by_its_unit():
    texts = _texts(list(P.UNIT_AFTER_NUMBER), n=4000, seed=8)
    texts += ["30 tok/s", "2 tb", "64 or 128 gb", "16gb/24gb", "32k", "1.5 m tokens", "3 ram"]
    texts += [t.lower() for t in texts]
    for rx, unit in P.UNIT_AFTER_NUMBER.items():
        for t in texts:
            if rx.search(t):
                assert unit.search(P.numbers_then(t)), (rx.pattern, t)
            assert [m.span() for m in P.scan(rx, t)] == [m.span() for m in rx.finditer(t)]
            assert bool(P.found(rx, t)) == bool(rx.search(t))


def test_every_workload_cue_match_holds_one_of_the_literals_its_scan_needs():
    from fitengine.catalog import default_catalog

    cues = index_for(default_catalog()).workload_cues
    assert [c.workload for c in cues][:2] == ["agentic", "rag"]  # by cue_rank
    texts = _texts([c.pattern for c in cues])
    texts += ["tool-calling agents", "claude code", "knowledge base", "chatgpt", "device"]
    for cue in cues:
        for t in texts:
            t = t.lower()
            if cue.pattern.search(t):
                assert any(w in t for w in cue.needs), (cue.workload, t)


def test_the_led_quant_word_pattern_finds_what_the_plain_one_finds():
    from fitengine.catalog import default_catalog

    rx = index_for(default_catalog()).quant_word_re
    plain = re.compile(rx.pattern, rx.flags)
    assert rx != plain
    texts = _texts([plain], n=3000, seed=1)
    texts += ["half precision", "half-precision", "1.58 bit", "mx-fp4", "8 bit", "int8", "bf16"]
    for t in texts:
        t = t.lower()
        assert [m.span() for m in rx.finditer(t)] == [m.span() for m in plain.finditer(t)], t


def test_the_ascii_token_pattern_finds_what_the_token_pattern_finds_on_ascii_text():
    texts = [t for t in _texts([P.TOKEN_RE], n=3000, seed=2) if t.isascii()]
    texts += ["".join(chr(c) for c in range(128)), "a\x1cb\x1f 3.5.1_x", "Q4_K_M-3090Ti, 24.04!"]
    rng = random.Random(3)
    texts += ["".join(chr(rng.randrange(128)) for _ in range(40)) for _ in range(3000)]
    for t in texts:
        got = [m.span() for m in P.TOKEN_ASCII_RE.finditer(t)]
        assert got == [m.span() for m in P.TOKEN_RE.finditer(t)], t


def test_postings_hold_ascending_key_indexes():
    # _match_entities walks the candidate keys of a word in posting order by sorting them
    from fitengine.catalog import default_catalog

    for keys in index_for(default_catalog()).postings.values():
        assert keys == sorted(set(keys))


def test_token_split_patterns_give_the_tokens_and_places_of_the_token_patterns():
    texts = [*_texts([P.TOKEN_RE], n=2000, seed=6), "", " ", "a", "ｑｗｅｎ３ 显卡24G", "x-1.5.2!"]
    for split, rx in ((P.TOKEN_SPLIT, P.TOKEN_RE), (P.TOKEN_ASCII_SPLIT, P.TOKEN_ASCII_RE)):
        for t in texts:
            if rx is P.TOKEN_ASCII_RE and not t.isascii():
                continue
            parts, got, e = split.split(t), [], 0
            for n in range(len(parts) // 2):
                a = e + len(parts[2 * n])
                e = a + len(parts[2 * n + 1])
                got.append((parts[2 * n + 1], a, e))
            assert got == [(m.group(), *m.span()) for m in rx.finditer(t)], t


def _flat_branches(node: dict) -> str:
    """patterns._branches before its words were grouped by their first character."""
    out = []
    for w in sorted((k for k in node if k is not None), key=lambda k: (-len(k), k)):
        child = node[w]
        rx = P._word(w)
        if any(k is not None for k in child):
            rx += f"(?:{P._SEP}{_flat_branches(child)})" + ("?" if None in child else "")
        out.append(rx)
    return "(?:" + "|".join(out) + ")"


def _phrase_lists():
    for name in type(P.LANG).model_fields:
        value = getattr(P.LANG, name)
        if isinstance(value, dict):
            value = list(value)
        phrases = isinstance(value, list | set | frozenset | tuple) and value
        if phrases and all(isinstance(p, str) and p.strip() for p in value):
            yield name, sorted(value)


def test_alternations_by_first_character_match_what_the_flat_alternations_match():
    lists = list(_phrase_lists())
    assert len(lists) > 40
    rng = random.Random(7)
    for name, phrases in lists:
        tree: dict = {}
        for p in phrases:
            node = tree
            for w in p.split():
                node = node.setdefault(w, {})
            node[None] = {}
        flat = re.compile(_flat_branches(tree))
        grouped = re.compile(P.alternation(phrases))
        flat_literals = re.compile(
            "(?:"
            + "|".join(re.escape(s) for s in sorted(phrases, key=lambda s: (-len(s), s)))
            + ")"
        )
        grouped_literals = re.compile(P.literals(phrases))
        words = sorted({w.rstrip("*") for p in phrases for w in p.split()})
        words += [w[:-1] for w in words if len(w) > 1] + ["", "s", "x", "1"]
        texts = list(phrases)
        for _ in range(300):
            texts.append(
                "".join(rng.choice(words) + rng.choice([" ", "", "-", "."]) for _ in range(4))
            )
        for t in texts:
            got = [m.span() for m in grouped.finditer(t)]
            assert got == [m.span() for m in flat.finditer(t)], (name, t)
            assert [m.span() for m in grouped.finditer(t, 1)] == [
                m.span() for m in flat.finditer(t, 1)
            ], (name, t)
            got = [m.span() for m in grouped_literals.finditer(t)]
            assert got == [m.span() for m in flat_literals.finditer(t)], (name, t)
