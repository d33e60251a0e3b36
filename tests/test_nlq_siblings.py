"""Names people shorten once the family is said (review4): "Gemma 4 26B-A4B or the dense 31B" is
Gemma 4 31B, and "QAT" (Google's quantization-aware-trained checkpoint) names the same model, not
one the catalog lacks."""

from __future__ import annotations

import pytest

from fitengine.nlq import parse


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        (
            "Gemma 4 26B-A4B or the dense 31B, which should I run on 3x GTX 1070?",
            "gemma-4-26b-a4b",
            "gemma-4-31b",
        ),
        ("qwen3.6 35b-a3b or the dense 27b on my 3090?", "qwen3.6-35b-a3b", "qwen3.6-27b"),
    ],
)
def test_a_size_said_after_a_family_is_that_familys_model(text, first, second):
    q = parse(text)
    assert q.intent == "compare"
    assert (q.model.id, q.model_b.id) == (first, second)
    assert not q.unsure


def test_qat_names_the_same_model():
    q = parse(
        "Dual RTX 5060 Ti 16GB: can I run Gemma 4 31B QAT as my daily driver at 128k context?"
    )
    assert q.model is not None and q.model.id == "gemma-4-31b"
    assert not q.unsure
