"""fitengine.units: one reading of sizes and counts for the CLI, the bot and the question parser."""

from __future__ import annotations

import time
from typing import get_args

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.cogs.fit import parse_context
from fitengine import units
from fitengine.cli import parse_tokens
from fitengine.nlq import Intent, parse
from fitengine.units import UnitError


@pytest.fixture(scope="module", autouse=True)
def _parser_built():
    # the first parse builds the catalog index (~0.5 s of CPU): the time bounds below are for
    # the parse itself, and CPU time, so a loaded machine's stalls do not count either
    parse("warm up")


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("32k", 32768),  # binary sizes count in 1024s
        ("128K", 131072),
        ("48k", 49152),
        ("1.5k", 1536),
        ("100k", 100_000),  # a round decimal figure means what it says
        ("40k", 40_000),
        ("200k", 200_000),
        ("1M", 1_048_576),
        ("10M", 10_485_760),
        ("32,768", 32768),
        ("8192 tokens", 8192),
    ],
)
def test_cli_bot_and_questions_read_a_context_the_same_way(text, tokens):
    assert units.tokens(text) == tokens
    assert parse_tokens(text) == tokens
    assert parse_context(text) == tokens
    assert parse(f"llama 3.1 8b on a 3090 with {text} context").context == tokens


def test_one_error_type_and_it_is_a_value_error():
    for bad, read in (("lots", units.tokens), ("24 parsecs", units.gigabytes), ("x", units.count)):
        with pytest.raises(UnitError) as exc:
            read(bad)
        assert isinstance(exc.value, ValueError)


@pytest.mark.parametrize(
    ("text", "gb"),
    [
        ("24", 24.0),
        ("24G", 24.0),
        ("24 GB", 24.0),
        ("24gib", 24.0),
        ("24,5 go", 24.5),
        ("1TB", 1024.0),
    ],
)
def test_memory_spellings(text, gb):
    assert units.gigabytes(text) == gb


@pytest.mark.parametrize(
    ("text", "n"),
    [("2", 2), ("2x", 2), ("x3", 3), ("×4", 4), ("dual", 2), ("quad", 4), ("zwei", 2)],
)
def test_count_spellings(text, n):
    assert units.count(text) == n


@pytest.mark.parametrize(
    ("text", "name", "n"),
    [
        ("2x3090", "3090", 2),
        ("2 x RTX 3090", "RTX 3090", 2),
        ("3090 x2", "3090", 2),
        ("dual 3090", "3090", 2),
        ("two 7800 XT", "7800 XT", 2),
        ("a pair of 3090s", "3090s", 2),
        ("rtx 3090", "rtx 3090", None),
    ],
)
def test_a_count_comes_out_of_a_device_name(text, name, n):
    assert units.split_count(text) == (name, n)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=40), st.integers(), st.floats(), st.none(), st.booleans()))
def test_the_readers_raise_only_unit_errors(value):
    for read in (units.tokens, units.gigabytes, units.count):
        try:
            out = read(value)
        except UnitError:
            continue
        assert isinstance(out, int | float)
    if isinstance(value, str):
        name, n = units.split_count(value)
        assert isinstance(name, str) and (n is None or 0 <= n <= 99)


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=0.25, max_value=2048, allow_nan=False).map(lambda x: round(x * 4) / 4))
def test_k_is_1024_or_1000(number):
    got = units.k_tokens(number, "k")
    if number in units._BINARY_THOUSANDS:
        return  # a binary size written in thousands (262, 1572 ...): see the next test
    assert got in (round(number * 1024), round(number * 1000))
    assert (got == round(number * 1024)) == units.binary_size(
        number
    ) or number * 1024 == number * 1000


@pytest.mark.parametrize(
    "number, tokens",
    [(262, 262_144), (131, 131_072), (65, 65_536), (196, 196_608), (524, 524_288), (100, 100_000)],
)
def test_a_binary_window_written_in_thousands_is_that_window(number, tokens):
    # "262k" on a Qwen model card is its 262,144; "100k" stays a round decimal figure
    assert units.k_tokens(number, "k") == tokens


_WORDS = st.sampled_from(
    [
        "can",
        "my",
        "2x",
        "3090",
        "run",
        "qwen3",
        "32b",
        "at",
        "q4_k_m",
        "with",
        "32k",
        "context",
        "24gb",
        "vram",
        "64gb",
        "ram",
        "dual",
        "x3",
        "m2",
        "max",
        "mac",
        "mini",
        "4090",
        "+",
        "3060",
        "12gb",
        "llama",
        "3.3",
        "70b",
        "on",
        "cpu",
        "only",
        "deepseek",
        "r1",
        "vs",
        "or",
        "and",
        "the",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(max_size=300),
        st.lists(st.one_of(_WORDS, st.text(max_size=6)), max_size=60).map(" ".join),
    )
)
def test_parse_never_raises_and_is_bounded(text):
    t0 = time.process_time()
    q = parse(text)
    assert time.process_time() - t0 < 1.0  # far above the 2 ms target: a blow-up, not load
    assert q.intent in get_args(Intent)
