"""Round advice66: "Apple Silicon" is a Mac's platform (language.yaml mac_platform_words), so a
memory said apart from it with no device named ("70b model not working on apple silicon ...
memory is 48 GB") is the Mac's unified memory, not a generic CUDA card's (bench/
advice_questions.yaml a66-wf-llama2-70b-mac-48gb)."""

from __future__ import annotations

import pytest

from fitengine.answers import ask
from fitengine.nlq.parser import parse


@pytest.mark.parametrize(
    ("text", "gb"),
    [
        ("70b model not working on apple silicon\n\nmemory is 48 GB\nollama run llama2:70b", 48),
        ("qwen3 32b on apple silicon. I have 36GB", 36),
        ("gemma 3 27b running on Apple Silicon (memory: 24 GB) is slow", 24),
    ],
)
def test_a_memory_said_apart_from_apple_silicon_is_the_macs(text, gb):
    q = parse(text)
    assert q.mac and q.hardware is None
    r = ask(text).reports[0]
    assert r.hardware.kind == "apple", (text, r.hardware.id)


def test_a_card_named_beside_it_keeps_its_memory():
    q = parse("apple silicon vs rtx 4090 with 24GB for llama 70b")
    assert q.hardware is not None and q.hardware.id == "rtx-4090"
