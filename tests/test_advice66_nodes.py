"""Round advice66: machines of a server module counted before the card and named after it
("three A100 nodes", "2 H100 nodes") are that many servers of the module's baseboard
(Hardware.server_gpus), not that many cards: 24 A100s for three nodes (bench/advice_questions.yaml
a53-mg-r1-three-a100-nodes). Cards sold on their own, a machine in the singular, and a count of
cards each keep their reading."""

from __future__ import annotations

import pytest

from fitengine.nlq.parser import parse


@pytest.mark.parametrize(
    ("text", "hw", "gpus"),
    [
        ("Are three A100 nodes sufficient for deploying R1?", "a100-80gb-sxm", 24),
        ("can 2 H100 nodes run kimi k2?", "h100-sxm", 16),
        ("deploy deepseek r1 on 2 H20 nodes", "h20", 16),
        ("Qwen3 235B on four H200 nodes", "h200", 32),
    ],
)
def test_machines_of_a_server_module_count_all_their_cards(text, hw, gpus):
    q = parse(text)
    assert q.hardware is not None and q.hardware.id == hw
    assert q.gpus == gpus
    assert any(f"{gpus} in all" in a for a in q.assumed)  # the cards a machine holds, said


@pytest.mark.parametrize(
    ("text", "gpus"),
    [
        ("two 3090 machines with llama 70b", 2),
        ("llama 70b on 4 A100 GPUs", 4),
        ("deploy deepseek v3 on 2 nodes of 8x H100", 16),
        ("we want to build 4 H100 servers", 4),
    ],
)
def test_other_counts_keep_their_reading(text, gpus):
    assert parse(text).gpus == gpus


@pytest.mark.parametrize(
    ("text", "hw", "gpus"),
    [
        (
            "the 70b model is unable to load on 8 V100 GPUs. Yet, when I load it, it is taking"
            " well over 200GB of GPU vRAM",
            "v100-sxm2",
            8,
        ),
        ("qwen3 235b on 4 A100 GPUs uses way over 300GB of memory", "a100-80gb-sxm", 4),
        ("my 3090 is taking just over 23GB with qwen 32b", "rtx-3090", None),
    ],
)
def test_a_usage_figure_after_a_hedge_is_not_the_cards_memory(text, hw, gpus):
    # "taking well over 200GB": what a run uses, not each V100's memory (language.yaml
    # approximately, between a usage verb and the amount)
    q = parse(text)
    assert q.hardware is not None and q.hardware.id == hw
    assert q.gpus == gpus and q.vram_gb is None
