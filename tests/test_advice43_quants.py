"""Which quant a report names, read as its writer meant it (round advice43)."""

from __future__ import annotations

from fitengine import ask
from fitengine.nlq import parse


def test_a_level_then_its_file_in_parentheses_is_one_quant_the_file():
    """ "Qwen3 30B A3B Q4 (IQ4_KS)": the parenthesis says which 4-bit file; one quant, run as
    named, not two offered side by side (which would leave the pick to the engine)."""
    q = parse("I got 30 tokens/sec using Qwen3 30B A3B Q4 (IQ4\\_KS) on my rtx 4070 12gb")
    assert q.quants == ["IQ4_XS"] and q.quant == "IQ4_XS"
    assert parse("qwen3 30b a3b Q4 (Q4_K_S) on a 3060").quants == ["Q4_K_S"]
    # two levels are still two quants, and so is a level followed by another level's file
    assert parse("q4 or q8 for qwen3 30b on a 3090?").quants == ["Q4_K_M", "Q8_0"]
    assert len(parse("qwen3 8b at q4 (q8_0 was too big) on a 3060").quants) == 2
    a = ask("I got 30 tokens/sec using Qwen3 30B A3B Q4 (IQ4\\_KS), rtx 4070 12gb")
    assert a.reports[0].quant == "IQ4_XS"


def test_a_backends_device_flags_are_not_the_weights_quant():
    """llama.cpp's Vulkan device line ("fp16: 1 | bf16: 0") lists what the GPU supports; the
    quant is the file's (Q4_K_M), and the answer runs that file."""
    text = (
        "llama-bench -m Qwen3-Next-80B-A3B-Instruct-Q4_K_M.gguf\n"
        "ggml_vulkan: 0 = Radeon 8060S Graphics (AMD open-source driver) | uma: 1 | fp16: 1 | "
        "bf16: 0 | warp size: 64"
    )
    q = parse(text)
    assert q.quants == ["Q4_K_M"]
    assert ask(text).reports[0].quant == "Q4_K_M"
    # a format with a size or said plainly is still a quant
    assert parse("qwen3 8b in bf16 on a 4090").quant == "BF16"
    assert parse("qwen3 8b fp16: 16 GB on a 4090").quant == "F16"


def test_a_cpus_unsaid_memory_is_the_system_ram_not_a_version_of_the_chip(cat):
    """A CPU-only answer with no RAM given: the card says which RAM it assumed and that the
    answer changes with it; a Ryzen is not "also sold with 16 GB" the way a Mac or a card is."""
    from fitengine.engine import analyze

    r = analyze("mixtral-8x7b", "ryzen-9-5900x", quant="Q8_0", catalog=cat)
    said = [a for a in r.assumed if a.what == "memory"]
    assert said and "system RAM" in said[0].effect and "sold with" not in said[0].effect
    assert any("of system RAM with the AMD Ryzen 9 5900X" in x for x in r.assumptions)
    # a device sold in several memory sizes keeps its wording
    mac = analyze("qwen3.6-27b", "m4-pro-20c", catalog=cat)
    assert any("also sold with" in a.effect for a in mac.assumed if a.what == "memory")
