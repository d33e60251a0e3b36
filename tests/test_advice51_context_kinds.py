"""Kinds of mistake round advice51's blind context questions (issue threads) showed: each read as
its writer meant it, for other models and machines than the questions' own."""

from __future__ import annotations

from fitengine import ask
from fitengine.nlq import parse


def test_a_mac_said_by_its_platform_and_memory_is_a_mac():
    """ "OS: macOS / GPU: Apple ... I only have 36GB", "I'm on a 32GB MacOS device", "Metal and
    128GB unified ram": no chip named, but the platform is a Mac's, so the memory is a Mac's unified
    memory (the answer reads the Apple chip sold with it), not a CUDA card of that size."""
    texts = [
        "Gemma3 27B Q4_K_M is using 40GB of memory, while I only have 36GB.\n\n### OS\n\nmacOS\n\n"
        "### GPU\n\nApple\n\n### CPU\n\nApple",
        "I'm on a 32GB MacOS device, command-r 35b at 8k context runs out of memory",
        "Is there anything better than mistral large nowadays for Metal and 128GB unified ram?",
        "qwen3.6 27b with MLX on 64gb: how much context can I use?",
        "llama 3.3 70b q4 on macOS with 48 GB, which context fits?",
    ]
    for text in texts:
        q = parse(text)
        assert q.mac and q.hardware is None, text
        a = ask(text)
        assert a.reports, text
        r = a.reports[0]
        assert r.hardware.kind == "apple" and r.placement.kind == "unified", (text, r.hardware.id)


def test_a_named_device_or_bare_metal_is_no_mac():
    """The platform words read a Mac only when no device is named: a card named with macOS as the
    client stays that card, and "bare metal" or a Linux box with RAM is no Mac."""
    q = parse("from my macOS laptop I ssh into a box with an RTX 4090 24GB: qwen3 32b at 32k?")
    assert not q.mac and q.hardware.id == "rtx-4090"
    q = parse("bare metal server with 64GB RAM and an RTX 3090: qwen3 32b at 32k context?")
    assert not q.mac and q.hardware.id == "rtx-3090"
    q = parse("Ubuntu box, 64GB of RAM, no GPU: how much context for qwen3 8b?")
    assert not q.mac


def test_a_window_longer_than_the_model_read_is_its_long_window_release():
    """ "Phi-3 ... How much VRAM does 32k / 128k context need": the bare name reads Phi-3 Mini 4K,
    whose window is far shorter than asked, while the catalog has the same weights' 128K release;
    the long-window release answers (said as read). A context within the short window keeps it."""
    said = {
        "Phi-3 Support ... How much VRAM does 32k / 128k context need as 3.8b doesn't have GQA?": (
            "phi-3-mini-128k"
        ),
        "phi3 medium at 100k context on a 3090?": "phi-3-medium-128k",
        "glm4 9b chat with 1M context on 2x 3090": "glm-4-9b-chat-1m",
    }
    for text, model in said.items():
        q = parse(text)
        assert q.model.id == model, text
        a = ask(text)
        assert a.reports and a.reports[0].model.id == model, text
        assert a.reports[0].context >= 100000, text
    for text, model in {
        "phi3 on my 4060 at 2k context": "phi-3-mini",
        "phi3 medium with 4k context on a 3060": "phi-3-medium",
    }.items():
        assert parse(text).model.id == model, text
