"""The parser's scan shortcuts change nothing a pattern finds (they exist for latency only)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import yaml

from fitengine import nlq

EVAL = Path(__file__).resolve().parent / "data" / "nlq_eval.yaml"

LED = [
    nlq._CPU_RE,
    nlq._YEAR_RE,
    nlq._UNIT_RE,
    nlq._CTX_K_RE,
    nlq._CTX_AFTER_RE,
    nlq._CTX_TOKENS_RE,
    nlq._BPW_RE,
    nlq._BITS_RE,
    nlq._FPBITS_RE,
    nlq._QUANT_TOKEN_RE,
    nlq._MEM_RE,
    nlq._TB_RE,
    nlq._SIZE_RE,
    nlq._GLUED_COUNT_RE,
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
    texts = _texts(list(nlq._NEEDS))
    for rx, needs in nlq._NEEDS.items():
        for t in texts:
            if rx.search(t):
                assert any(w in t for w in needs), (rx.pattern, t)
            assert [m.span() for m in nlq._scan(rx, t)] == [m.span() for m in rx.finditer(t)]
            assert bool(nlq._found(rx, t)) == bool(rx.search(t))


def test_the_led_quant_word_pattern_finds_what_the_plain_one_finds():
    from fitengine.catalog import default_catalog

    rx = nlq._index(default_catalog()).quant_word_re
    plain = re.compile(rx.pattern[rx.pattern.index(")(?:") + 4 : -1], rx.flags)
    texts = _texts([plain], n=3000, seed=1)
    texts += ["half precision", "half-precision", "1.58 bit", "mx-fp4", "8 bit", "int8", "bf16"]
    for t in texts:
        t = t.lower()
        assert [m.span() for m in rx.finditer(t)] == [m.span() for m in plain.finditer(t)], t


def test_postings_hold_ascending_key_indexes():
    # _match_entities walks the candidate keys of a word in posting order by sorting them
    from fitengine.catalog import default_catalog

    for keys in nlq._index(default_catalog()).postings.values():
        assert keys == sorted(set(keys))
