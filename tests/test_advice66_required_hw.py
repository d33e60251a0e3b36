"""Round advice66: a device named as what a model needs ("R1 needs 8xH100", language.yaml
requirement_before) beside a device said as the writer's own ("but I have a single 4090") is no
machine: the answer is for the writer's (choose._owned_first). A comparison or an option weighed
keeps both."""

from __future__ import annotations

import pytest

from fitengine.nlq.parser import parse


@pytest.mark.parametrize(
    ("text", "hw", "gpus"),
    [
        (
            "DeepSeek R1 needs 8xH100 80GB, but I have a single 4090 and 64GB RAM, can I run it?",
            "rtx-4090",
            1,
        ),
        ("The docs say gpt-oss-120b needs an H100 80GB; will it run on my 3090?", "rtx-3090", None),
        (
            "Qwen3 235B requires at least 4x A100, I only have 2x RTX 3090 and 128GB RAM. Any chance?",
            "rtx-3090",
            2,
        ),
        ("Kimi K2 needs 8x H200 but we have 4x RTX 6000 Pro, can we run it?", None, 4),
    ],
)
def test_what_a_model_needs_is_not_the_machine(text, hw, gpus):
    q = parse(text)
    assert q.hardware is not None
    if hw is not None:
        assert q.hardware.id == hw
    assert (
        "h100" not in q.hardware.id and "h200" not in q.hardware.id and "a100" not in q.hardware.id
    )
    assert q.gpus == gpus


@pytest.mark.parametrize(
    "text",
    [
        "is a 4090 faster than my 3090 for qwen 32b",
        "I have a 3090. Would a 5090 be worth it for llama 70b?",
    ],
)
def test_a_comparison_or_an_option_keeps_both(text):
    q = parse(text)
    ids = {q.hardware.id, *(h.id for h in [q.hardware_b] if h is not None)}
    assert {"rtx-3090"} < ids or len(ids) == 2
