"""A family said without a size ("can I run qwen3 on my 3060") is read as the model its Ollama
tag pulls (qwen3 -> qwen3:8b), and the answer says so (review10 leftovers: "qwen3" alone read as
the 8B silently)."""

from __future__ import annotations

import pytest

from fitengine.answers import ask
from fitengine.nlq import parse


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("can I run qwen3 on my 3060 12gb?", "qwen3-8b"),
        ("can I run gemma 3 on my 3060?", "gemma-3-4b"),
    ],
)
def test_a_bare_family_is_read_as_its_ollama_tag_and_said(text, model):
    q = parse(text)
    assert q.model.id == model
    assert any("alone: read as" in a and "ollama run" in a for a in q.assumed)


@pytest.mark.parametrize(
    "text", ["qwen3:8b on a 3060", "qwen3 8b on a 3060", "qwen3 14b on a 4090"]
)
def test_a_size_said_needs_no_such_note(text):
    assert not any("alone: read as" in a for a in parse(text).assumed)


def test_the_answer_says_it(cat):
    assert "what `ollama run qwen3` pulls" in ask("can I run qwen3 on my 3060 12gb?", cat).message
