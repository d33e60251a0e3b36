"""Kinds left open by advice59 (advice62): a big card runs the biggest file that fits at a good
pace, not a 4-5-bit one a little faster; RAM nobody said where the RAM assumed holds only a
squeeze gives the RAM a good quant needs; "32 GB of system RAM" beside a card whose VRAM is 32 GB
is RAM; gpt-oss's renamed files say what they are (MXFP4 experts), not a misleading bpw."""

import pytest

from fitengine import analyze, ask
from fitengine.cli import main as cli_main
from fitengine.nlq import parse


@pytest.mark.parametrize(
    ("text", "quant"),
    [
        ("can I run Gemma 3 27B on an RTX A6000?", "Q8_0"),
        ("two RTX 4060 Ti 16GB, which quant of Qwen3 14B?", "Q8_0"),
        ("Qwen3 32B on an RTX A6000", "Q8_0"),
        ("Mistral Small 3.2 24B on an RTX 6000 Ada", "Q8_0"),
        ("Qwen3 14B on a 4090", "Q8_0"),
    ],
)
def test_big_cards_run_8_bits_at_a_good_pace(text, quant):
    a = ask(text)
    r = a.reports[0]
    assert r.quant == quant, a.message
    assert r.placement.kind in ("gpu", "multi_gpu")
    # a good pace for chat: within a halving of the 30 tok/s it wants
    assert r.decode_tok_s >= 15


@pytest.mark.parametrize(
    "text",
    [
        # below a good pace, a smaller file: a 27B at 8 bits on a 32 GB Arc decodes ~10 tok/s
        "qwen3.8 27b on a single arc pro b70 32gb, how fast?",
        # a Mac's or an APU's memory is shared with the OS and its apps: the speed still decides
        "macbook air m4 16gb, can I run Qwen3.5 4B?",
        # weights in system RAM: the full price of speed (no 5-bit file spilled for a point)
        "qwen3.6 27b on a 16gb card, which quant fits with some context?",
    ],
)
def test_below_a_good_pace_or_shared_memory_speed_decides(text):
    r = ask(text).reports[0]
    assert r.quant not in ("Q8_0", "BF16", "F16")
    assert r.placement.kind not in ("partial_offload",)


@pytest.mark.parametrize(
    ("text", "least"),
    [
        ("GLM-4.5-Air on a 16 GB card", 64),
        ("can I run GLM-4.5-Air on an RTX 4080?", 64),
        ("MiniMax M2 on a 5090", 64),
    ],
)
def test_ram_unsaid_a_squeeze_gives_the_ram_a_good_quant_needs(text, least):
    a = ask(text)
    r = a.reports[0]
    assert not a.message.startswith("Only at a quant"), a.message
    assert r.hardware.ram_gb >= least
    row = next(x for x in r.quants if x.quant == r.quant)
    assert row.quality >= 85
    ram = next(x for x in r.assumed if x.what == "ram")
    assert "the least RAM it needs" in ram.effect and "with 32 GB only" in ram.effect
    assert "the least RAM it needs, yours not said; with 32 GB only" in a.message


def test_ram_said_keeps_the_squeeze():
    a = ask("GLM-4.5-Air on a 4080 with 32GB RAM")
    assert a.reports[0].hardware.ram_gb == 32
    assert not any("the least RAM it needs" in x.effect for x in a.reports[0].assumed)


@pytest.mark.parametrize(
    ("text", "vram", "ram"),
    [
        ("can a 5090 with 32 GB of system RAM run gpt-oss-120b?", None, 32),
        ("gpt-oss-120b on a 4090 with 32 GB host RAM", None, 32),
        ("rtx 5090 + 32 GB host memory", None, 32),
        ("3090 with 24GB system ram", None, 24),
        ("my 4090 has 24gb of vram and 24gb of system ram", 24, 24),
        # a bare "RAM" beside a card of that memory stays the card's ("Nvidia 1060 (3GB Ram)")
        ("Nvidia 1060 (3GB Ram)", 3, None),
        ("3090 with 24GB RAM", 24, None),
    ],
)
def test_system_ram_beside_a_card_is_ram(text, vram, ram):
    q = parse(text)
    assert (q.vram_gb, q.ram_gb) == (vram, ram)


def test_system_ram_said_gives_its_verdict():
    a = ask("can a 5090 with 32 GB of system RAM run gpt-oss-120b?")
    r = a.reports[0]
    assert r.hardware.ram_gb == 32
    assert not any(x.what == "ram" for x in r.assumed)


@pytest.mark.parametrize("hw", ["h100-sxm", "rtx-5090", "rtx-3090"])
def test_gpt_oss_renamed_files_say_what_they_are(hw, capsys):
    r = analyze("gpt-oss-120b", hw)
    for row in r.quants:
        if row.native:
            assert row.bulk is None
        else:
            assert row.bulk == "MXFP4 experts"
    cli_main(["fit", "gpt-oss-120b", hw])
    out = capsys.readouterr().out
    table = out.split("Quants (")[1].split("\n\n")[0]
    assert "Q8_0" in table
    q8 = next(line for line in table.splitlines() if " Q8_0 " in line)
    assert "MXFP4 experts" in q8 and "bpw" not in q8


def test_a_file_that_is_its_name_keeps_its_bpw():
    r = analyze("qwen3-14b", "rtx-3090")
    assert all(row.bulk is None for row in r.quants)
    r = analyze("gpt-oss-20b", "rtx-3090")
    assert {row.bulk for row in r.quants if not row.native} == {"MXFP4 experts"}
