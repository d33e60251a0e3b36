"""How questions from public threads are read and answered (the advice12 round): a Mac's memory
said as RAM."""

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
