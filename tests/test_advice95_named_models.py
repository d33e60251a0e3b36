"""Round advice95: the model the asker named (named_models). A repo's own name with its
publisher's prefix as a download folder spells it ("Qwen_Qwen3-30B-A3B-FP8") is that release, not
the newest of its versions; a family said bare beside its sized name ("Qwen3 FP8 ... Qwen 3
30BA3") is the sized one; a name said with its size alone whose entry a newer release shares
every shape with ("llama 7B") says which it read; a size given examples ("over 70B models, like
Llama or R1") reads each example at that size; an Ollama user's model with a size tag
("ishumilin/deepseek-r1-coder-tools:14b") is its name's model at that size; a dotted version and
a size alone ("the 3.5 35B MoE") is the one model of that version and size."""

from __future__ import annotations

import pytest

from fitengine.answers import ask
from fitengine.catalog import default_catalog
from fitengine.nlq import parse


@pytest.fixture(scope="module")
def cat():
    return default_catalog()


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("vllm serve Qwen_Qwen3-30B-A3B-FP8/ --tensor-parallel-size 2 on 2x3090", "qwen3-30b-a3b"),
        ("downloaded unsloth_Qwen3-30B-A3B-GGUF to run on my 3090", "qwen3-30b-a3b"),
        ("Qwen3 FP8 on 2x3090: the FP8 quant of Qwen 3 30BA3 fails to load", "qwen3-30b-a3b"),
        # said in words, the newest reading stays
        ("qwen3 30b a3b instruct 2507 on a 4090", "qwen3-30b-a3b-instruct-2507"),
    ],
)
def test_repo_spelled_release(cat, text, model):
    assert parse(text, cat).model.id == model


def test_repo_spelled_release_is_said(cat):
    q = parse("cp -r Qwen_Qwen3-30B-A3B-FP8 /models and run it on an A6000", cat)
    assert q.model.id == "qwen3-30b-a3b"
    assert any("newer: Qwen3 30B-A3B Instruct 2507" in a for a in q.assumed)


@pytest.mark.parametrize(
    ("text", "model", "other"),
    [
        ("llama 7B on llama.cpp on an M1 Pro 16GB is slow", "llama-1-7b", "Llama 2 7B"),
        ("LLaMA 7B (Alpaca) on two T4 GPUs?", "llama-1-7b", "Llama 2 7B"),
        ("does llama 13b 4bit work with a 3060 12gb?", "llama-1-13b", "Llama 2 13B"),
    ],
)
def test_twin_reading_said(cat, text, model, other):
    q = parse(text, cat)
    assert q.model.id == model
    assert any("the same shape as" in a and other in a for a in q.assumed)


def test_twin_reading_not_said_of_a_versioned_name(cat):
    q = parse("llama2 7b on a 3060", cat)
    assert q.model.id == "llama-2-7b"
    assert not any("the same shape" in a for a in q.assumed)


@pytest.mark.parametrize(
    ("text", "model"),
    [
        (
            "I've run over 70B parameter models on my 7900 XT, like Llama or R1, but it was slow",
            "llama-3.3-70b",
        ),
        ("I tried 14B models like R1 on my 4060 and it was fine", "deepseek-r1-distill-qwen-14b"),
        ("70b models such as R1 are too slow on my 3090", "deepseek-r1-distill-llama-70b"),
        # an example with its own size keeps it
        ("over 70B models like Llama 3.1 405B on 2x3090", "llama-3.1-405b"),
    ],
)
def test_size_class_examples(cat, text, model):
    assert parse(text, cat).model.id == model


@pytest.mark.parametrize(
    ("text", "model"),
    [
        (
            "用的ollama上这个微调模型： ishumilin/deepseek-r1-coder-tools:14b 我用的 Macbook Pro M1 32G",
            "deepseek-r1-distill-qwen-14b",
        ),
        (
            "ollama pull MFDoom/deepseek-r1-tool-calling:32b on a 4090",
            "deepseek-r1-distill-qwen-32b",
        ),
        ("ollama run someone/gemma3-tools:27b on a 3090", "gemma-3-27b"),
    ],
)
def test_ollama_user_model_at_its_tag_size(cat, text, model):
    a = ask(text, cat)
    assert a.reports[0].model.id == model
    assert any("the model its name says" in x for x in a.query.assumed)


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("4xSM70s running the 3.5 35B MoE encoded as FP8 are slow", "qwen3.5-35b-a3b"),
        ("how fast is the 3.6 27B on a 5090?", "qwen3.6-27b"),
        ("anyone tried the 4.5 106B MoE on 2x3090?", "glm-4.5-air"),
    ],
)
def test_version_and_size(cat, text, model):
    q = parse(text, cat)
    assert q.model.id == model
    assert any("the one model of that version and size" in a for a in q.assumed)


def test_version_and_size_reads_nothing_unsaid(cat):
    assert parse("python 3.10 7b model on a 3060", cat).model is None
