"""Kinds left open by the last rounds (advice59): a verdict that turns on RAM nobody said gives
the route with the RAM it needs; the quant table of a run on fewer cards describes the whole
machine; asked of Ollama, the answer gives Ollama's run and what it lacks; a CPU desktop's RAM
keeps the desktop's reserve, as a GPU box's does."""

import pytest

from fitengine import ask
from fitengine.catalog import default_catalog
from fitengine.constants import GIB, HOST_DESKTOP_RESERVE_GIB
from fitengine.memory import host_reserve, os_reserve, usable_memory


@pytest.mark.parametrize(
    "text",
    [
        "can I run gpt-oss-120b on one RTX 5090?",
        "gpt-oss-120b on an RTX 4090?",
        "gpt-oss-120b on an RTX 4080",
        "can a 3090 run gpt-oss-120b?",
    ],
)
def test_ram_unsaid_gives_the_route_with_the_ram_it_needs(text):
    a = ask(text)
    r = a.reports[0]
    assert r.fit != "wont_fit"
    assert not a.message.startswith("No")
    ram = next(x for x in r.assumed if x.what == "ram")
    assert "does not fit" in ram.effect
    # the headline names the RAM it needs and the RAM assumed that does not do
    assert f"with {r.hardware.ram_gb:g} GB RAM (assumed: the least RAM it needs" in a.message
    assert "with 32 GB it does not fit" in a.message


@pytest.mark.parametrize(
    "text",
    [
        "can GLM-5.3-Flash run on my rtx 5090 with 32 GB of system RAM?",
        "gpt-oss-120b on a 4090 with 32GB RAM?",
        "Qwen3-235B on an RTX 3090 with 16 GB of RAM",
    ],
)
def test_ram_said_keeps_its_verdict(text):
    r = ask(text).reports[0]
    assert r.hardware.ram_gb is None or r.hardware.ram_gb <= 32
    assert not any("the least RAM it needs" in x.effect for x in r.assumed)


@pytest.mark.parametrize(
    ("text", "quant"),
    [
        # (two 4060 Ti 16GB and Qwen3 14B now run Q8_0 over both: tests/test_advice62_kinds.py)
        ("2x RTX 4090, which quant for Gemma 3 12B?", "F16"),
        ("2x RTX 3090, which quant for Qwen3 14B?", "BF16"),
        ("RTX 3090 + RTX 3060 12GB, which quant for Qwen3 14B?", "BF16"),
    ],
)
def test_quant_table_describes_the_whole_machine(text, quant):
    a = ask(text)
    r = a.reports[0]
    assert "alone" in a.message  # the run itself is on one card
    row = next(x for x in r.quants if x.quant == quant)
    # it fits over all the cards, so the row says it runs there, not "offload" on one card
    assert row.fit in ("runs_well", "tight"), row


@pytest.mark.parametrize(
    "text",
    [
        "gpt-oss-120b on a 5090 with 64GB RAM for ollama",
        "Qwen3-30B-A3B on a 3060 12gb, using ollama",
        "qwen3.6 35b a3b on an rtx 4070 12gb with 64gb ram in ollama",
    ],
)
def test_asked_of_ollama_the_answer_is_ollamas(text):
    a = ask(text)
    r = a.reports[0]
    assert "In Ollama: `" in a.message and "ollama run" in a.message
    if r.placement.kind == "moe_offload":
        # Ollama has no --n-cpu-moe: said, with the llama-server route that has it
        assert "Ollama cannot keep only the experts" in a.message
        assert "--n-cpu-moe" in a.message.split("With llama-server:")[1]


def test_ollama_not_named_adds_nothing():
    assert "In Ollama" not in ask("Qwen3-30B-A3B on a 3060 12gb").message


@pytest.mark.parametrize(
    ("hw", "gb"),
    [("desktop-cpu-ddr5", 16), ("desktop-cpu-ddr5", 32), ("desktop-cpu-ddr4", 8), ("x", 4)],
)
def test_cpu_desktop_keeps_the_desktop_reserve(hw, gb):
    cat = default_catalog()
    dev = cat.hardware.get(hw) or next(
        h for h in cat.hardware.values() if h.kind == "cpu" and h.form == "desktop"
    )
    usable = usable_memory(dev, gb, "cpu")
    assert usable == gb * GIB - host_reserve(gb * GIB)
    # the desktop's measured reserve from 16 GB up; a smaller system the same quarter of it
    assert gb * GIB - usable >= min(HOST_DESKTOP_RESERVE_GIB, gb / 4) * GIB
    assert gb * GIB - usable >= os_reserve(gb * GIB)


def test_cpu_16gb_list_leaves_the_os_its_share():
    a = ask("best model for a CPU-only box with 16GB RAM")
    for r in a.reports:
        # the report counts decimal GB: the 12 GiB left after the OS's 4 are 12.88 of them (a
        # tight Gemma 4 26B-A4B at 12.44 fits them)
        assert r.memory.total_gb <= 12 * GIB / 1e9 + 1e-6


@pytest.mark.parametrize(
    "text",
    [
        "can my 3090 run deepseek v4 flash",
        "can this project run deepseek V4 flash on an 8G VRam?",
        "Qwen3.8-Flash-Next on one 24 GB GPU",
    ],
)
def test_ram_unsaid_a_squeeze_stays_no(text):
    """Only a 2-3-bit squeeze runs with a desktop's RAM: no "yes", the RAM step beside it."""
    a = ask(text)
    assert a.reports[0].fit == "wont_fit" and a.message.startswith("No")
