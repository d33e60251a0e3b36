"""Round review15: a model named before "and other bigger models" stays the subject."""

import pytest

from fitengine import ask
from fitengine.nlq import parse


@pytest.mark.parametrize(
    "text, model",
    [
        (
            "can I run qwen3 235b a22b and other bigger models on 2x 3090 + 256gb ram?",
            "qwen3-235b-a22b",
        ),
        ("glm 4.5 air and other larger models on a 4090 with 128gb ram?", "glm-4.5-air"),
        ("will gpt-oss-120b or other bigger models run on my m4 max 128gb?", "gpt-oss-120b"),
    ],
)
def test_a_model_named_before_other_bigger_ones_stays_the_subject(text, model):
    q = parse(text)
    assert q.intent == "fit" and q.model is not None and q.model.id == model
    a = ask(text)
    assert a.reports and a.reports[0].model.id == model


def test_a_model_to_replace_still_lists_others():
    assert parse("llama 3 8b is slow on my 3060, any better models?").intent == "best_model_for_hw"
