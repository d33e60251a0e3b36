"""Round advice84: kinds of the advice bench's named_models failures (the answer is about
another model than the one asked about), each over setups beyond the example. Of several models
named, one said to work ("everything is fine up to X", "X costs no RAM, but Y ...") is context
and the other the subject; a quant written digits first ("8Q"); Qwen1.5 written without its dot
("qwen15 72b"); an Ollama tag of a derivative ("qwen2.5-coder-cline:14b") is its base of the
tag's size, not the family's default size."""

from __future__ import annotations

import pytest

from fitengine.catalog import default_catalog
from fitengine.nlq import parse


@pytest.fixture(scope="module")
def cat():
    return default_catalog()


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        (
            "My 3090 with 64GB RAM: everything is fine up to gemma3:27b, but with llama3.3:70b"
            " ollama crashes with out of memory",
            "llama-3.3-70b",
        ),
        (
            "On my RX 7900 XTX, qwen3:14b runs fine. When I load mistral-small:24b it spills to"
            " the CPU",
            "mistral-small-3-24b",
        ),
        (
            "Loading llama3.1:8b costs no system RAM on my 4070, but qwen2.5:32b takes 18 GB of"
            " RAM",
            "qwen2.5-32b",
        ),
        (
            "With qwen3:32b no problems on 2x 3090, deepseek-r1:70b gives me an OOM error",
            "deepseek-r1-distill-llama-70b",
        ),
    ],
)
def test_model_said_fine_is_context_for_the_other(cat, text, subject):
    assert parse(text, cat).model.id == subject


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        # the one said slow is the subject, the one said fine stays after it
        ("qwen3:14b runs slow on my 4060, but gemma3:12b works fine", "qwen3-14b"),
        # asked whether it runs fine: asked about, not context
        ("Does qwen3:14b run fine on my 4070 or should I use gemma3:12b?", "qwen3-14b"),
        # one model only: nothing to reorder
        ("gemma3:27b runs fine on my 4090, how much context can I add?", "gemma-3-27b"),
    ],
)
def test_fine_words_keep_the_subject_otherwise(cat, text, subject):
    assert parse(text, cat).model.id == subject


@pytest.mark.parametrize(
    ("text", "model", "quant"),
    [
        ("Devstral small 8Q on my 2x 3090, full context", "devstral-small-24b", "Q8_0"),
        ("I run gemma3 27b 6Q on a 4090, how much context can I get?", "gemma-3-27b", "Q6_K"),
        ("qwen3 32b 5Q on a 7900 XTX at 16k context?", "qwen3-32b", "Q5_K_M"),
        ("Mistral Small 3.2 24B 8q on a 5090?", "mistral-small-3.2-24b", "Q8_0"),
    ],
)
def test_quant_written_digits_first(cat, text, model, quant):
    q = parse(text, cat)
    assert (q.model.id, q.quant) == (model, quant)


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("qwen15-72b-chat on 2x A100 80GB?", "qwen1.5-72b"),
        ("can my 4090 run qwen15 32b q4?", "qwen1.5-32b"),
        ("qwen15 14b at q8 on a 3090", "qwen1.5-14b"),
    ],
)
def test_qwen15_written_without_its_dot(cat, text, model):
    assert parse(text, cat).model.id == model


@pytest.mark.parametrize(
    ("text", "model"),
    [
        (
            "llama3.1-abliterated:8b is slow on my GTX 1660, but llama3.1:70b won't even load",
            "llama-3.1-8b",
        ),
        (
            "my qwen3-uncensored:14b uses the CPU on a 3060 12GB, ollama ps shows 40% CPU",
            "qwen3-14b",
        ),
        (
            "qwen2.5-coder-tools:14b not fully on the GPU of my 4060 Ti 16GB, while"
            " qwen2.5-coder:32b-instruct-q4_K_M is mostly in RAM",
            "qwen2.5-coder-14b",
        ),
        # the name and size as the library's tag: deepseek-r1:32b is the R1 Distill Qwen 32B
        (
            "I use deepseek-r1-tool-calling:32b on a 4090 with cline, it is slow",
            "deepseek-r1-distill-qwen-32b",
        ),
    ],
)
def test_derivative_ollama_tag_is_its_base_of_that_size(cat, text, model):
    assert parse(text, cat).model.id == model
