"""Device names as round parser28 reads them: a count before a Radeon's bare number ("2x 9700":
the Radeon AI PRO R9700), the R9700 said "9700 AI PRO", a code's letters apart from its number
("instinct mi 50"), lscpu's "16-Core Processor" after a CPU (no family asked about), a phone's
memory as its RAM, and two devices set side by side by "the same command" or "比我的"."""

from __future__ import annotations

import pytest

from fitengine.nlq import parse


@pytest.mark.parametrize(
    ("text", "hardware", "gpus"),
    [
        ("I've been working on 2x 9700 we tried to add rdna4 support", "radeon-ai-pro-r9700", 2),
        ("2x 9700 for a home server", "radeon-ai-pro-r9700", 2),
        ("I have the 9700 AI PRO with 32GB", "radeon-ai-pro-r9700", None),
        ("my radeon instinct mi 50", "mi50-32gb", None),
        ("Model name: AMD Ryzen 9 5950X 16-Core Processor", "ryzen-9-5950x", None),
        ("i7 9700 with 2x 3060", "rtx-3060", 2),
    ],
)
def test_device_names(text, hardware, gpus):
    q = parse(text)
    assert q.hardware is not None and q.hardware.id == hardware
    assert q.gpus == gpus
    assert not [u for u in q.unsure if u.kind == "hardware"]


def test_processor_alone_asks_nothing():
    q = parse("my processor is slow")
    assert q.hardware is None and not [u for u in q.unsure if u.kind == "hardware"]


def test_phone_memory_is_ram():
    q = parse("I have 12gb and my phone really struggles with the 7b models")
    assert q.ram_gb == 12 and q.vram_gb is None


@pytest.mark.parametrize(
    ("text", "a", "b"),
    [
        ("看别人视频2080ti 比我的3090 推理速度 快好几倍", "rtx-3090", "rtx-2080-ti"),
        (
            "The laptop uses an i5-8250U and it executes the same command slower than the PC, "
            "a Ryzen 5 2600",
            None,
            None,
        ),
    ],
)
def test_compared(text, a, b):
    q = parse(text)
    if a is not None:
        assert q.hardware.id == a and q.hardware_b is not None and q.hardware_b.id == b
    else:
        assert q.hardware is not None and q.hardware_b is not None


def test_gpu_cores_in_a_table():
    text = "| Chip | Apple M3 Ultra |\n| RAM | 96 GB unified (LPDDR5) |\n| GPU cores | 60 |"
    assert parse(text).hardware.id == "m3-ultra-60c"
