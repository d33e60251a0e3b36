"""How questions from public threads are read and answered (the advice12 round): a Mac's memory
said as RAM, and a context count hyphenated to its word."""

from __future__ import annotations

import pytest

from fitengine.answers import ask
from fitengine.nlq import parse

# --------------------------------------------------------------------------- a Mac's RAM


@pytest.mark.parametrize(
    "text",
    [
        "qwen3.6 35b is the maximum local fit for a 24GB RAM mac",
        "qwen3.6 35b on a mac with 24gb ram",
        "my mac has 24gb ram, best model?",
        "is 24gb of ram on my mac enough for qwen3.6 35b?",
    ],
)
def test_a_macs_memory_said_as_ram_is_its_unified_memory(text, cat):
    """On a Mac the RAM is the GPU's memory: the answer is for an Apple chip with that memory
    (macOS gives the GPU its share), not for a CPU-only desktop with 24 GB of DDR5."""
    q = parse(text)
    assert q.mac and q.vram_gb == 24 and q.ram_gb is None
    top = ask(text, cat).reports[0]
    assert top.hardware.kind == "apple" and top.hardware.memory_gb == 24


def test_ram_beside_the_word_mac_in_passing_stays_a_pcs_ram(cat):
    """Only the RAM said of the Mac is the Mac's: "32gb ram, not a mac" is a PC's memory."""
    top = ask("I have a windows pc with 32gb ram, not a mac. best model?", cat).reports[0]
    assert top.hardware.kind == "cpu"
    top = ask("I have 32gb ram, mac or pc doesn't matter, what runs?", cat).reports[0]
    assert top.hardware.kind == "cpu"


# --------------------------------------------------------------------------- context


@pytest.mark.parametrize(
    "text",
    [
        "qwen3.8 27b with its full native 262,144-token context on a single RTX 3090",
        "qwen3.8 27b with a 262144-token context on a 3090",
    ],
)
def test_a_context_count_hyphenated_to_its_word_is_the_context(text, cat):
    """Running prose hyphenates a count to its noun ("a 262,144-token context"): it is the
    context asked for, and the answer is at it (a q8_0 cache holds it on 24 GB), not at 8K."""
    assert parse(text).context == 262_144
    r = ask(text, cat).reports[0]
    assert r.context == 262_144 and r.fit in ("runs_well", "tight")
    assert r.kv_type in ("q8_0", "q4_0")


def test_a_range_of_contexts_is_still_no_one_context():
    assert parse("qwen3.8 27b on a 3090, 4096-8192 context").context != 4096
