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


@pytest.mark.parametrize(
    ("text", "model"),
    [
        (
            "You can run qwen3 coder at 1M context. You need 96gb VRAM plus around 280gb of ram to"
            " partially offload the Q4 quant to the cpu (I'm doing this).",
            "qwen3-coder-480b-a35b",
        ),
        ("qwen3 on my 4x3090", "qwen3-32b"),
    ],
)
def test_a_bare_family_on_a_setup_its_default_would_barely_use_is_its_biggest_that_fits(
    text, model
):
    """The default member's 8-bit file under a quarter of the setup's memory: the family's
    biggest member whose 4-bit file it holds is the one meant, said as read."""
    q = parse(text)
    assert q.model.id == model
    assert any("the biggest of the family the setup holds" in a for a in q.assumed)


@pytest.mark.parametrize(
    "text",
    [
        "started using ollama with llama2 on my 3090 with 128gb ram, it is slow",
        "can I run qwen3 on my 3060 12gb?",
        "llama2 on a cpu only box with 64gb ram",
    ],
)
def test_the_default_member_stays_where_ollama_pulled_it_or_the_setup_is_small(text):
    assert not any("the biggest of the family" in a for a in parse(text).assumed)


def test_a_setup_prescribed_to_the_reader_is_the_machine_not_a_usage_figure():
    q = parse("You need 96gb VRAM plus around 280gb of ram to run it with the experts offloaded")
    assert (q.vram_gb, q.ram_gb) == (96, 280)
    # what a model needs stays a figure of use
    assert parse("qwen3 32b needs 20gb vram plus 4gb of ram").vram_gb is None
