"""Every pattern the parser runs on user text is linear-time or sees a bounded window: no
quantified group holds a variable quantifier (the shape of catastrophic backtracking), except in
patterns applied only to the few dozen characters next to a match."""

from __future__ import annotations

import re
import time

import pytest

try:  # Python 3.11+
    import re._constants as sre_constants
    import re._parser as sre_parse
except ImportError:  # pragma: no cover
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

from fitengine.catalog import default_catalog
from fitengine.nlq import parse
from fitengine.nlq import patterns as P
from fitengine.nlq.index import index_for


@pytest.fixture(scope="module", autouse=True)
def _parser_built():
    # the first parse builds the catalog index (~0.5 s of CPU): the time bounds below are for
    # the parse itself, and CPU time, so a loaded machine's stalls do not count either
    parse("warm up")


# applied to a window of at most ~40 characters next to a match (see where they are used)
BOUNDED = {
    "COUNT_BEFORE",
    "NUMBERED_LINE_BEFORE",  # on the 24 characters before a count (count_near)
    "COUNT_MEMORY_BEFORE",  # on the 28 characters before a card (count_near)
    "COUNT_AFTER_EDITION",  # on the 48 characters after a card (count_near)
    "MEM_COUNT_BEFORE",
    "ATTACH_GAP_AFTER",
    "LAPTOP_BEFORE",
    "LAPTOP_AFTER",
    "LAPTOP_LIST_BEFORE",  # on the 480 characters before a card
    "DEVICE_LABEL_BEFORE",
    "ADDED_CARD_BEFORE",  # on the 40 characters before a card
    "LIST_TOTAL_BEFORE",  # on the 28 characters before a card (list_total)
    "CARDS_UNSAID_BEFORE",  # on the 24 characters before a card (cards_unsaid)
    "ASKED_MEMORY_BEFORE",  # on the 24 characters before an amount
    "SIZE_REPORTED_BEFORE",  # on the 30 characters before a size
    "SIZE_OUT_OF_REACH_BEFORE",  # on the same 30 characters
    "REPORTED_MODEL_BEFORE",  # on the 60 characters before a model's name
    "CURRENT_MODEL_BEFORE",  # on the 40 characters before a model's name
    "TRIED_BEFORE",  # on the 40 characters before a model's name
    "SAID_FINE_BEFORE",  # on the 40 characters before a model's name (choose._fine_after)
    "TRIED_MODEL_BEFORE",  # on the 60 characters before a model's name (choose._model_tried)
    "RUN_ASKED_VERB_AFTER",  # on the 40 characters after "what should"
    "QUANT_OR_KV_RE",  # on the 60 characters from a quant
    "ON_LAPTOP_BEFORE",  # on the 96 characters before a card
    "CPU_PART_BEFORE",  # on the 32 characters before a no-GPU cue
    "MACHINE_OWNER_BEFORE",  # on the 24 characters before a machine's line
    "OWN_MEMORY_BEFORE",  # on the 60 characters before an amount
    "CLOSED_YARDSTICK_BEFORE",  # on the 48 characters before a closed model's or maker's name
    "COMPARE_VERB_BEFORE",  # on the 48 characters before the first of two cards (mixed_cards)
}
_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT)


def _matches(item, ch: str) -> bool:
    """Whether a one-character item (a literal, a class) may match `ch`; True when unsure."""
    op, av = item
    if op is sre_constants.LITERAL:
        return chr(av) == ch
    if op is sre_constants.IN:
        return any(_matches(x, ch) for x in av)
    if op is sre_constants.RANGE:
        return av[0] <= ord(ch) <= av[1]
    if op is sre_constants.CATEGORY:
        return bool(
            re.match({"CATEGORY_DIGIT": r"\d", "CATEGORY_SPACE": r"\s"}.get(str(av), r"[\s\S]"), ch)
        )
    return True


def _delimited(sub) -> bool:
    """A repeated group that starts with a literal none of its inner repeats can match (the
    "." of "(?:\\.\\d+)*"): each round is told apart by it, so it cannot backtrack badly."""
    items = list(sub)
    if not items or items[0][0] is not sre_constants.LITERAL:
        return False
    lead = chr(items[0][1])
    for op, av in items[1:]:
        if op in _REPEATS and any(_matches(x, lead) for x in av[2]):
            return False
        if op not in _REPEATS and op not in (sre_constants.LITERAL, sre_constants.IN):
            return False
    return True


def _nested(items, inside: bool = False) -> bool:
    for op, av in items:
        if op in _REPEATS:
            lo, hi, sub = av
            if inside and hi != lo and hi > 1:
                return True
            inner = list(sub)
            if len(inner) == 1 and inner[0][0] is sre_constants.SUBPATTERN:
                inner = list(inner[0][1][-1])
            found = _nested(sub, (inside or hi > 1) and not _delimited(inner))
        elif op is sre_constants.SUBPATTERN:
            found = _nested(av[-1], inside)
        elif op is sre_constants.BRANCH:
            found = any(_nested(b, inside) for b in av[1])
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            found = _nested(av[1], inside)
        else:
            found = False
        if found:
            return True
    return False


def _module_patterns():
    for name, value in vars(P).items():
        if isinstance(value, re.Pattern) and not name.startswith("_"):
            yield name, value


def test_the_checker_sees_nested_quantifiers():
    assert _nested(sre_parse.parse(r"(?:\w+\s*)*$"))
    assert not _nested(sre_parse.parse(r"v?\d+(?:\.\d+)*"))
    assert _nested(sre_parse.parse(r"(\w+)+"))
    assert not _nested(sre_parse.parse(r"\d{1,3}(?:,\d{3})+"))
    assert not _nested(sre_parse.parse(r"(?:foo[\s-]*bar)?x+"))


@pytest.mark.parametrize(("name", "rx"), list(_module_patterns()), ids=lambda x: str(x)[:30])
def test_span_patterns_are_linear_or_bounded(name, rx):
    if name in BOUNDED:
        return
    assert not _nested(sre_parse.parse(rx.pattern, rx.flags)), name


def test_catalog_built_patterns_are_linear():
    idx = index_for(default_catalog())
    for rx in [idx.quant_word_re, *(c.pattern for c in idx.workload_cues)]:
        assert not _nested(sre_parse.parse(rx.pattern, rx.flags)), rx.pattern[:80]


@pytest.mark.parametrize(
    "text",
    [
        "a " * 5000,
        "-" * 10_000,
        "1," * 5000,
        "rtx " * 2500,
        "3090 + " * 1400,
        "no no no gpu " * 800,
        "x" * 10_000,
        "2x " * 3300,
        "llama " * 1600 + "70b",
        "контекст " * 1100,
        "9" * 2000,  # a pasted number: the money pattern re-read the run from every digit (1.2 s)
        "vs " + "9" * 2000,
    ],
    ids=lambda t: t[:12],
)
def test_adversarial_messages_are_cheap(text):
    t0 = time.process_time()
    parse(text)
    assert time.process_time() - t0 < 1.0  # backtracking blows up to seconds; load does not


def _cpu(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        t0 = time.process_time()
        parse(text)
        best = min(best, time.process_time() - t0)
    return best


@pytest.mark.parametrize("unit", ["9", "9 gb ", "32gb ram, ", "$9 "], ids=repr)
def test_the_parse_grows_linearly_with_what_a_paste_repeats(unit):
    """Four times the text costs about four times as much, not sixteen: each amount looked at
    every other amount (a paste of 400 "9 gb" took 185 ms), each digit re-read the run after it."""
    short, long = ("my 3090 " + unit * (n // len(unit)) for n in (400, 1600))
    assert _cpu(long) < 8 * _cpu(short) + 0.005


@pytest.mark.parametrize("tail", ["", " ", ":", " : ", "=", "\t= ", "\n", ": \n"], ids=repr)
def test_the_vram_brand_gate_passes_every_brand_the_search_finds(tail):
    """spans.extract_memory tests the text before an amount by str.endswith(VRAM_BRAND_ENDS),
    stripped of " \\t:=\\n", before VRAM_BRAND_BEFORE: each brand word the search reads passes it."""
    for phrase in P.LANG.vram_brand_words:
        for before in (phrase + tail, "my " + phrase.replace(" ", "-") + tail):
            if P.VRAM_BRAND_BEFORE.search(before):
                assert before.rstrip(" \t:=\n").endswith(P.VRAM_BRAND_ENDS), before
