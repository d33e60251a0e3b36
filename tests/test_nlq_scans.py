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
    P.CPU_RE,
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
        assert rx.pattern.startswith("(?=") and rx.pattern.endswith(")")
        plain = re.compile(rx.pattern[rx.pattern.index(")(?:") + 4 : -1], rx.flags)
        for t in texts:
            got = [(m.span(), m.groups()) for m in rx.finditer(t)]
            assert got == [(m.span(), m.groups()) for m in plain.finditer(t)], (rx.pattern, t)


def test_every_match_holds_one_of_the_literals_its_scan_needs():
    texts = _texts(list(P.NEEDS))
    for rx, needs in P.NEEDS.items():
        for t in texts:
            if rx.search(t):
                assert any(w in t for w in needs), (rx.pattern, t)
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
    plain = re.compile(rx.pattern[rx.pattern.index(")(?:") + 4 : -1], rx.flags)
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
