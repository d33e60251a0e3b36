"""The second device as round parser46 reads it: two devices in clauses joined by a contrast, each
said with how a run on it went ("slow on the 3090, but fast on a 1080 Ti"), are two runs compared
(hardware_b), not one rig; a contrast without an outcome on each side, or a card added to the
first, stays one machine."""

from __future__ import annotations

import pytest

from fitengine.nlq import parse


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        (
            "qwen3 8b is really slow on my rtx 4070, but it runs fine on the old rtx 3060",
            "rtx-4070",
            "rtx-3060",
        ),
        (
            "llama 3.1 8b crashes with oom on the rtx 3080 while the rtx 3090 works without issues",
            "rtx-3080",
            "rtx-3090",
        ),
        ("gemma 3 12b在4090上很快，但是在3060上很慢", "rtx-4090", "rtx-3060"),
        ("RTX 3090では速いが、RTX 2080 Tiでは遅い", "rtx-3090", "rtx-2080-ti"),
    ],
)
def test_contrasted_runs_are_compared(text, first, second):
    q = parse(text)
    assert q.hardware is not None and q.hardware.id == first
    assert q.hardware_b is not None and q.hardware_b.id == second


@pytest.mark.parametrize(
    "text",
    [
        # a contrast without how each run went: one machine
        "i have an rtx 4090 but i also kept my rtx 3090 in the same box, can i run llama 3.3 70b?",
        # a card added to the first: one rig
        "the rtx 3090 was slow, but adding a second rtx 3060 made it fast",
    ],
)
def test_contrast_without_two_runs_is_one_machine(text):
    assert parse(text).hardware_b is None


@pytest.mark.parametrize(
    ("text", "gpus"),
    [
        ("我们有两台机器，每台8张A100，能跑deepseek v3吗", 16),
        ("集群两个节点每个节点四张4090，部署qwen3 32b", 8),
        ("3 nodes, 4 gpus per node, is that enough for llama 3.1 405b?", 12),
        ("two servers with 8x H100 each, can they serve kimi k2?", 16),
        ("8卡*2机 H20 跑 deepseek r1 够不够", 16),
    ],
)
def test_machines_times_cards_each(text, gpus):
    assert parse(text).gpus == gpus


@pytest.mark.parametrize(
    ("text", "gpus"),
    [
        ("4 nodes with 14 H100s in all", 14),  # a total, not each
        ("2 nodes, can i run llama 3.3 70b on my rtx 3090?", None),
        ("one server with 8 gpus, which model fits?", 8),
        ("两台机器都是单卡4090", 1),  # machines apart, one card each
    ],
)
def test_machines_without_cards_each(text, gpus):
    assert parse(text).gpus == gpus


@pytest.mark.parametrize(
    ("text", "first"),
    [
        # "or" / "还是" joining other things than two devices: the writer's own device alone
        (
            "Or is there a site that says how a rtx 4090 would do? I have an rtx 3060 12gb myself.",
            "rtx-3060",
        ),
        (
            "I own an rtx 3060 12gb; the readme was benchmarked on an A100. q4 or q5 for qwen3 14b?",
            "rtx-3060",
        ),
        ("我的4090跑不了32b，官方说用a100，换成q4还是不行", "rtx-4090"),
    ],
)
def test_alternative_word_away_from_the_devices(text, first):
    q = parse(text)
    assert q.hardware is not None and q.hardware.id == first
    assert q.hardware_b is None


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        ("rtx 3090 or rtx 4090 for qwen3 32b?", "rtx-3090", "rtx-4090"),
        ("4090还是5090跑deepseek r1 70b更好", "rtx-4090", "rtx-5090"),
        ("I'm deciding between an RTX 3090 and an RTX 4080 for local llms", "rtx-3090", "rtx-4080"),
    ],
)
def test_alternative_word_between_the_devices(text, first, second):
    q = parse(text)
    assert q.hardware is not None and q.hardware.id == first
    assert q.hardware_b is not None and q.hardware_b.id == second


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        (
            "The RTX 5090 gives a 30% uplift in token generation over the RTX 4090.",
            "rtx-5090",
            "rtx-4090",
        ),
        (
            "the M4 Max shows a big improvement in prompt processing compared with the M2 Max",
            "m4-max-40c",
            "m2-max-38c",
        ),
        ("RX 9070 XT: a 2x speedup over my RX 6700 XT in llama.cpp", "rx-9070-xt", "rx-6700-xt"),
    ],
)
def test_gain_over_another_device_is_compared(text, first, second):
    q = parse(text)
    assert q.hardware is not None and q.hardware_b is not None
    assert {q.hardware.id, q.hardware_b.id} == {first, second}


@pytest.mark.parametrize(
    "text",
    [
        # a gain over something else than the other device
        "My RTX 3090 got a 33x speedup over the mmap baseline, with an RTX 3060 as the second card",
        "a 20% boost over stock clocks on my RTX 4090 alongside a 3090 in the same box",
    ],
)
def test_gain_over_something_else_is_no_comparison(text):
    assert parse(text).hardware_b is None
