"""Kinds of mistake round advice56's blind quant questions showed: on a machine whose CPU and GPU
share one memory (Strix Halo, DGX Spark, Jetson), the "VRAM" people quote is the BIOS carve-out;
said beside a larger system RAM it was taken as the whole machine, so a model that runs in the
RAM the GPU also maps was called won't fit."""

from __future__ import annotations

from fitengine import ask
from fitengine.nlq import parse


def test_a_carve_out_said_beside_the_ram_of_a_unified_machine_is_not_the_machine():
    """ "Radeon 8060S (62GB VRAM), 128GB RAM": the GPU maps the rest of the RAM through the GTT,
    so the answer is worked out on the 128 GB, whichever model and carve-out is said."""
    said = {
        "deepseek v4 flash on a ryzen ai max+ 395 with 128gb ram, the gpu has 62gb vram": (
            "deepseek-v4-flash",
            128,
        ),
        "qwen3.5-122b-a10b on strix halo, 32gb vram carve-out, 128gb ram": (
            "qwen3.5-122b-a10b",
            128,
        ),
        "gpt-oss-120b on a radeon 8060s with 16gb vram and 128gb system ram": ("gpt-oss-120b", 128),
        "qwen3.6-35b-a3b on a jetson agx orin 64gb, 16gb vram, 64gb ram": ("qwen3.6-35b-a3b", 64),
    }
    for text, (model, gb) in said.items():
        r = ask(text).reports[0]
        assert r.model.id == model, text
        assert r.fit != "wont_fit", text
        assert r.placement.kind == "unified", text
        assert r.hardware.memory_gb >= gb - 1, text


def test_a_dedicated_card_keeps_its_vram_beside_the_ram():
    """The rule is the shared memory's: a card with its own VRAM stays that card, its RAM beside."""
    r = ask("qwen3.6-27b on a rtx 3090 with 24gb vram and 64gb ram").reports[0]
    assert r.hardware.id == "rtx-3090" and r.placement.kind != "unified"
    assert r.hardware.memory_gb < 30


def test_system_ram_labelled_in_italian_spanish_or_portuguese():
    """ "- **RAM sistema**: 128GB", "memoria del sistema: 96GB", "Memória RAM: 32GB": a spec
    list's RAM label in a Romance language is the system RAM, not a card's memory; beside a
    unified machine's carve-out the answer is then worked out on the RAM."""
    said = {
        "- **GPU**: Radeon 8060S (62GB VRAM)\n- **RAM sistema**: 128GB": (128, 62),
        "RTX 4070 12GB, RAM di sistema: 64 GB": (64, 12),
        "tengo una RTX 3060 12GB y memoria del sistema: 32GB": (32, 12),
        "RX 7900 XTX 24GB, Memória RAM: 96GB": (96, 24),
    }
    for text, (ram, vram) in said.items():
        q = parse(text)
        assert (q.ram_gb, q.vram_gb) == (ram, vram), text
    r = ask(
        "DeepSeek V4 Flash (~81GB) su AMD Ryzen AI Max+ 395\n- **GPU**: Radeon 8060S (62GB VRAM)\n"
        "- **RAM sistema**: 128GB"
    ).reports[0]
    assert r.model.id.startswith("deepseek-v4-flash") and r.fit != "wont_fit"
    assert r.placement.kind == "unified"
