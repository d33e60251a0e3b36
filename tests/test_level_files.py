"""A bit level or a size asked ("4-bit", "5.05bpw") is any file of that level: where the type it
maps to does not fit, the answer runs the level's file that does, one with real headroom before
one at the brim whose quality is no better (review10 leftovers: IQ4_NL at 18.8 of 19.0 GB on a
24 GB M4 Pro; "5.05bpw", an EXL3 size, read as a Q4_K_M that "won't fit")."""

from __future__ import annotations

from fitengine.answers import ask
from fitengine.nlq import parse

M4PRO = (
    "Mac Mini M4 Pro with 24GB of RAM: DeepSeek R1 32B 4-bit and QwQ 32B 4-bit freeze the "
    "system and require a hard reset"
)
# the asker's 64 GB holds a 4.9-bit Q4_K_M since files are sized with their output projection
# at its own type (speed48): with 48 GB the type read does not fit and a 4-bit file must
FLASH = (
    "I have a system with a Threadripper 1950X with 48GBs of RAM and 2 3090s with NVLink, "
    "running Kubuntu LTS 24.04. With the Qwen 3.8 Flash Next at 5.05bpw it does around 10T/s."
)


def test_a_level_file_with_headroom_comes_before_one_at_the_brim(cat):
    r = ask(M4PRO, cat).reports[0]
    assert r.memory.available_gb - r.memory.total_gb >= 1.0
    assert r.quant.startswith("IQ4") or r.quant.startswith("Q4")


def test_a_size_in_bits_per_weight_is_a_file_of_that_level():
    q = parse(FLASH)
    assert q.quant_level and any("5.05 bpw" in a for a in q.assumed)


def test_a_size_in_bits_per_weight_that_does_not_fit_runs_the_level_file_that_does(cat):
    a = ask(FLASH, cat)
    r = a.reports[0]
    assert r.fit != "wont_fit" and "of the 4-bit files" in a.message
