"""Round advice71 (issue 8, placement): two kinds of question that ran the model somewhere a
regular would not.

1. A Mac said by its platform ("### OS macOS ### GPU Apple", "oMLX", "MLX") with a memory no Mac
   is sold with ("it uses 40GB", "ceiling is 60.00 GB") is a figure of use or a runtime's limit:
   the Mac is the smallest memory sold above it, on the GPU's unified memory, said as assumed; it
   was read as a discrete card of that size (bench/advice_questions.yaml
   a64-ctx-qwen3-4b-instruct-256k-40gb-mac, a60-ctx-gemma4-31b-omlx-60gb).
2. "CPU is used", "на CPU" said of the machine with no card or VRAM named is a CPU-only system,
   as "on cpu" already was (a51-ctx-llama3-8b-64k-cpu); a card named keeps its GPU.
"""

from __future__ import annotations

import pytest

from fitengine.answers import ask
from fitengine.nlq.parser import parse


@pytest.mark.parametrize(
    ("text", "gb"),
    [
        (
            "### What is the issue?\n\nIt use 40GB on qwen3 4b instruct with 256K context. Is this"
            " normal?\n\n### OS\n\nmacOS\n\n### GPU\n\nApple",
            48,
        ),
        ("oMLX prefill memory guard: ceiling is 60.00 GB, gemma 4 31b", 64),
        ("qwen3 32b on macOS with 20GB memory, why so slow?", 24),
        ("gpt-oss-120b with mlx-lm, memory 70GB on my macos box", 96),
    ],
)
def test_a_mac_memory_no_mac_is_sold_with_is_the_next_size_up(text, gb):
    a = ask(text)
    r = a.reports[0]
    assert r.hardware.kind == "apple", (text, r.hardware.id)
    assert r.placement.kind == "unified"
    assert a.query.vram_gb == gb
    assert any("no Mac is sold with" in n for n in a.query.assumed)


@pytest.mark.parametrize(
    ("text", "gb"),
    [
        ("macOS with 36GB, can I run qwen3 32b?", 36),
        ("OS: macOS, GPU: Apple, 64GB. gemma 3 27b context?", 64),
        ("qwen3 30b a3b on mlx with 24GB", 24),
    ],
)
def test_a_size_a_mac_is_sold_with_stays(text, gb):
    a = ask(text)
    assert a.query.vram_gb == gb
    assert not any("no Mac is sold with" in n for n in a.query.assumed)
    assert a.reports[0].hardware.kind == "apple"


@pytest.mark.parametrize(
    "text",
    [
        "llama 3 8b: CPU is used, how to use large context",
        "qwen3 8b is slow. The CPU is being used. 32GB RAM",
        "Запускаю qwen3 30b a3b на CPU, 64 ГБ RAM, какая скорость?",
        "gemma 3 12b на процессоре, 32 ГБ, сколько токенов в секунду?",
    ],
)
def test_cpu_said_used_with_no_card_is_a_cpu_only_machine(text):
    assert parse(text).cpu_only
    r = ask(text).reports[0]
    assert r.placement.kind == "cpu", (text, r.placement.kind)


@pytest.mark.parametrize(
    "text",
    [
        "my rtx 3060: CPU is used instead of GPU with qwen3 14b",
        "RTX 4070 12GB, qwen3 14b, на CPU работает медленно",
        "CPU is being used even though I have a 4090, llama 3.1 8b",
    ],
)
def test_a_card_named_keeps_its_gpu(text):
    q = parse(text)
    assert not q.cpu_only
    assert ask(text).reports[0].placement.kind in ("gpu", "moe_offload", "partial_offload")
