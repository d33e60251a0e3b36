"""Round advice81: kinds the blind-written best-model questions (a81-) found, each over setups
beyond the example. A recommendation asked beside models named as context (the one ruled out as
too large, the tool's recommended or default model, candidates listed, one experimented with)
is a list of today's models for the machine, not a card of the named one; "no GPU" said as "don't
have any GPU"; a model asked with "need a ... model" or in Portuguese/Spanish; VLMs asked for
are vision models; and an uncensored model in use keeps the list uncensored."""

from __future__ import annotations

import pytest

from fitengine.answers import ask
from fitengine.catalog import default_catalog
from fitengine.nlq import parse


@pytest.fixture(scope="module")
def cat():
    return default_catalog()


@pytest.mark.parametrize(
    "text",
    [
        "I don't have any GPU, which model should I use for coding with 32GB RAM?",
        "we do not have any GPU on the server, 64 GB RAM, best model for chat?",
        "dont have any gpu, laptop with 16gb ram, what llm can I run?",
        "I don't have any graphics card, just a Ryzen 7 7700 with 32GB, which LLM is best?",
    ],
)
def test_no_gpu_said_as_not_having_any(cat, text):
    q = parse(text, cat)
    assert q.cpu_only
    assert q.intent == "best_model_for_hw"


@pytest.mark.parametrize(
    "text",
    [
        "Since DeepSeek V3 model is too large to deploy locally, we need a relatively small model"
        " for coding on my RTX 4090.",
        "Qwen3.5 397B is too big to run locally on my Mac Studio M2 Max 96GB. Which model should"
        " I use?",
        "Llama 3.1 405B is too large to deploy on 2x RTX 3090, we need a smaller model for agents.",
    ],
)
def test_model_ruled_out_as_too_large_asks_for_a_list(cat, text):
    a = ask(text, cat)
    assert a.intent == "best_model_for_hw"
    named = a.query.model.id
    assert all(r.fit != "wont_fit" for r in a.reports[:3])
    assert named not in [r.model.id for r in a.reports[:3]]


@pytest.mark.parametrize(
    "text",
    [
        "is qwen3 235b too large to run locally on my 3090?",
        "Is DeepSeek V3 too large to deploy on 8x H100?",
        "Qwen3 235B too big to run locally on a 5090 with 64GB RAM?",
    ],
)
def test_size_asked_about_the_model_stays_its_card(cat, text):
    assert parse(text, cat).intent == "fit"


@pytest.mark.parametrize(
    "text",
    [
        "I need a model for translation on my RTX 3060 12GB",
        "we need a small model for meeting summaries on a MacBook Air M2 16GB",
        "need a good model for roleplay, I have a 7900 XTX",
    ],
)
def test_a_model_needed_is_a_model_asked(cat, text):
    assert parse(text, cat).intent == "best_model_for_hw"


@pytest.mark.parametrize(
    ("text", "named"),
    [
        (
            "translating with the recommended model (qwen2.5:14b) on my 4090, is there a"
            " recommendation for something better?",
            "qwen2.5-14b",
        ),
        (
            "I've been experimenting with llama 3.1 8b on a 3060 12GB. Is there a recommendation?",
            "llama-3.1-8b",
        ),
        (
            "Candidates: Qwen2.5-VL 7B, Gemma 3 12B. Which vision model fits my 8GB RTX 4060?",
            "qwen2.5-vl-7b",
        ),
    ],
)
def test_models_named_as_context_for_a_recommendation(cat, text, named):
    a = ask(text, cat)
    assert a.intent == "best_model_for_hw"
    assert named not in [r.model.id for r in a.reports[:3]]


@pytest.mark.parametrize(
    ("text", "hw"),
    [
        ("Qual modelo roda bem na minha RTX 4090?", "rtx-4090"),
        ("¿Cuál modelo uso en mi RTX 3060 de 12 GB?", "rtx-3060"),
        ("Quais modelos rodam na minha RX 7900 XTX?", "rx-7900-xtx"),
    ],
)
def test_a_model_asked_in_portuguese_or_spanish(cat, text, hw):
    q = parse(text, cat)
    assert q.intent == "best_model_for_hw"
    assert q.hardware is not None and q.hardware.id == hw


@pytest.mark.parametrize(
    "text",
    [
        "Quais VLMs cabem em 8 GB de VRAM?",
        "which VLMs run on my RTX 3060?",
        "best VLM for a 16GB MacBook Pro M4?",
    ],
)
def test_vlms_asked_are_vision_models(cat, text):
    a = ask(text, cat)
    assert a.intent == "best_model_for_hw"
    assert "vision" in a.query.tags
    assert "vision" in cat.models[a.reports[0].model.id].tags


@pytest.mark.parametrize(
    "text",
    [
        "I use qwen3.6-27b-abliterated on my 3090, anything better?",
        "been experimenting with gemma-4-26b-a4b-heretic on a 4090, is there a recommendation?",
        "I'm running qwen3.6-35b-a3b-heretic on a 16GB 5060 Ti, any better models?",
    ],
)
def test_an_uncensored_model_in_use_keeps_the_list_uncensored(cat, text):
    a = ask(text, cat)
    assert a.intent == "best_model_for_hw"
    assert "uncensored" in a.query.tags
    assert "uncensored" in cat.models[a.reports[0].model.id].tags


def test_an_uncensored_model_asked_about_is_no_list(cat):
    q = parse("can my 3090 run qwen3.6-27b-abliterated at 64k?", cat)
    assert q.intent == "fit"
    assert "uncensored" not in q.tags


@pytest.mark.parametrize(
    "text",
    [
        "DeepSeek V3 is too large to deploy locally. We need a relatively small model for coding on"
        " my RTX 4090.",
        "Kimi K2 is too big for local use. Which comparatively small model runs on 2x RTX 3090?",
        "GLM-5 is too large to run locally. Any reasonably small model for agents on a 24GB M4 Pro"
        " MacBook?",
    ],
)
def test_a_relatively_small_model_is_no_small_class_wish(cat, text):
    q = parse(text, cat)
    assert q.intent == "best_model_for_hw"
    assert "small" not in q.tags


@pytest.mark.parametrize(
    "text",
    [
        "a small model for my raspberry pi 5 8gb?",
        "which small model runs on a GTX 1650 4GB?",
        "best small model for a 8GB MacBook Air M1",
    ],
)
def test_a_small_model_asked_plainly_stays_small(cat, text):
    assert "small" in parse(text, cat).tags
