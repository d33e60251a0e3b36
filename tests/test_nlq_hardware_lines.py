"""Device names said short (issue 9, parser25): a card line without its model number ("my Intel Arc
GPU") is asked about, not dropped; Threadripper said as "TR" or by its WX number alone is read by
the family rules."""

from __future__ import annotations

import pytest

from fitengine.nlq import parse


@pytest.mark.parametrize(
    "text",
    [
        "my Intel Arc GPU is not detected by ollama",
        "I use an Arc card for llama 3 8b, how fast?",
        "Intel(R) Arc(TM) GPU, SYCL backend",
    ],
)
def test_an_arc_without_its_number_asks_which_arc(text, cat):
    q = parse(text)
    assert q.hardware is None
    (u,) = [u for u in q.unsure if u.kind == "hardware"]
    ids = [c.id for c in u.suggestions]
    assert len(ids) >= 2 and all(cat.hardware[i].name.startswith("Intel Arc") for i in ids)


@pytest.mark.parametrize(
    "text",
    [
        "the ARC-AGI score of qwen3 32b",
        "Intel Core Ultra 7 155H with Intel Arc Graphics",
        "Intel Arc A770 16GB",
    ],
)
def test_arc_as_a_benchmark_an_igpu_or_a_named_card_is_not_asked(text):
    q = parse(text)
    assert not [u for u in q.unsure if u.kind == "hardware" and u.text == "Intel Arc"]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("My rig is a TR Pro 5995wx and 512GB DDR4", "threadripper-pro-5995wx"),
        ("My rig is a 5995wx and 512GB DDR4", "threadripper-pro-5995wx"),
        ("Threadripper 3975wx with 256gb ram", "threadripper-pro-3975wx"),
        ("I have a tr 7960x with 256gb", "threadripper-7960x"),
        ("TR Pro 7995WX, 512gb ddr5", "threadripper-pro-7995wx"),
    ],
)
def test_threadripper_said_short(text, want):
    q = parse(text)
    assert q.hardware is not None and q.hardware.id == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("I bought a 9070 last week, AMD GPU, what can it run?", {"rx-9070"}),
        ("I have a 6800 and rocm", {"rx-6800"}),
        ("I run a 7900 on linux with rocm", {"rx-7900-gre", "rx-7900-xt", "rx-7900-xtx"}),
    ],
)
def test_a_radeon_number_alone_with_an_amd_cue(text, want):
    q = parse(text)
    if q.hardware is not None:
        assert q.hardware.id in want
    else:
        (u,) = [u for u in q.unsure if u.kind == "hardware"]
        assert {c.id for c in u.suggestions} == want


@pytest.mark.parametrize(
    "text",
    ["I bought a 9070 last week, what can it run?", "I have a Ryzen 9 7900 and 64gb of ram"],
)
def test_a_bare_number_without_an_amd_cue_is_no_radeon(text, cat):
    q = parse(text)
    assert (
        q.hardware is None
        or cat.hardware[q.hardware.id].vendor != "amd"
        or "ryzen" in q.hardware.id
    )


@pytest.mark.parametrize(
    ("text", "want", "gpus"),
    [
        (
            "Running Llama 3 70B on A100 GPU - OOM ... GPU 0: NVIDIA A100 80GB PCIe",
            "a100-80gb-pcie",
            None,
        ),
        ("测试 a800*2 机器 ... 显卡：NVIDIA A800 80GB PCIe, 2", "a800-80gb-pcie", 2),
        ("I use an H100. nvidia-smi says NVIDIA H100 PCIe", "h100-pcie", None),
    ],
)
def test_a_bare_card_then_its_full_tool_name_is_one_card(text, want, gpus):
    q = parse(text)
    assert q.hardware is not None and q.hardware.id == want
    assert q.hardware_b is None
    if gpus:
        assert q.gpus == gpus


def test_a_tier_word_is_no_fuller_name_of_the_same_card():
    q = parse("my 3090 vs a 3090 ti")
    assert q.hardware.id == "rtx-3090" and q.hardware_b.id == "rtx-3090-ti"


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("4-bit Mistral 7B on M2 Utra", {"m2-ultra-60c", "m2-ultra-76c"}),
        ("M3 Utlra 256gb", {"m3-ultra-60c", "m3-ultra-80c"}),
    ],
)
def test_a_typo_of_a_tier_word_beside_a_chip(text, want):
    q = parse(text)
    assert q.hardware is not None and q.hardware.id in want


def test_a_tier_typo_alone_names_nothing():
    q = parse("I went to ulta beauty today")
    assert q.hardware is None and q.model is None
