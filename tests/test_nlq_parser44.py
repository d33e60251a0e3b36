"""Counts, models and quants as round parser44 reads them: a count of cards with the maker or a
kind of card between the number and the card word ("2 nvidia GPUs", "four AMD cards"), a program
said to use only some of them (not the count had), Russian counts in their other cases ("на двух
RTX 3090", "с двумя видеокартами", "трёх 3090")."""

from __future__ import annotations

import pytest

from fitengine.nlq import parse


@pytest.mark.parametrize(
    ("text", "gpus"),
    [
        ("I have 2 nvidia GPUs, 40GB of VRAM between them", 2),
        ("our box holds four AMD cards, what can it run?", 4),
        ("3 identical GPUs on a mining frame", 3),
        ("we put 2 used gpus in the server last week", 2),
        ("running on 8 discrete cards", 8),
    ],
)
def test_a_card_count_with_the_maker_or_kind_between(text, gpus):
    assert parse(text).gpus == gpus


@pytest.mark.parametrize(
    "text",
    [
        "I own several A100s but vllm seems to only use 1 nvidia gpu",
        "the launcher only uses 1 GPU of my rig",
        "koboldcpp uses only 2 cards out of the box",
        "the addition of two extra GPUs did not help",
    ],
)
def test_a_program_using_some_cards_is_not_the_count_had(text):
    assert parse(text).gpus is None


@pytest.mark.parametrize(
    ("text", "gpus", "hw"),
    [
        ("тестирую на двух RTX 3090 с NVLink", 2, "rtx-3090"),
        ("сервер с двумя видеокартами NVIDIA RTX 4090", 2, "rtx-4090"),
        ("собрал стенд из трёх RTX 3060", 3, "rtx-3060"),
        ("у меня четыре старых RTX 3090", 4, "rtx-3090"),
        ("запускаю Qwen на двух видеокартах", 2, None),
    ],
)
def test_russian_counts_in_other_cases(text, gpus, hw):
    q = parse(text)
    assert q.gpus == gpus
    assert (q.hardware.id if q.hardware else None) == hw


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("can a single A100 serve Qwen-14B-Chat for a team?", "Qwen-14B-Chat"),
        ("loading qwen-7b-chat-int4 on my 3060 fails", "qwen-7b-chat-int4"),
        ("qwen72b-chat in fp16 on 4x A800, how fast?", "qwen72b-chat"),
        ("Qwen-14B-Chat-Int8 on two T4s, enough?", "Qwen-14B-Chat-Int8"),
    ],
)
def test_first_qwen_chat_names_are_unknown(text, said):
    q = parse(text)
    assert q.model is None
    assert any(u.kind == "model" and u.text == said for u in q.unsure)


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("Qwen1.5-14B-Chat on a T4", "qwen1.5-14b"),
        ("I run Qwen 72B on two 5090s", "qwen2.5-72b"),
        ("qwen2.5-7b-instruct at q4 on a laptop", "qwen2.5-7b"),
    ],
)
def test_versioned_or_plain_qwen_names_still_read(text, model):
    q = parse(text)
    assert q.model is not None and q.model.id == model


@pytest.mark.parametrize(
    ("text", "quant"),
    [
        ("Mistral Small 24B in 4Q_K_S on a 4070 Ti", "Q4_K_S"),
        ("gemma 3 27b 6Q_K fits in 24GB?", "Q6_K"),
        ("qwen3 32b at 5Q_K_M on my 3090", "Q5_K_M"),
        ("the 4Q_K_M file of llama 3.1 8b on a 3060", "Q4_K_M"),
    ],
)
def test_a_level_written_before_its_q(text, quant):
    assert parse(text).quant == quant


def test_a_quarter_is_no_quant():
    assert parse("prices for the 4090 fell in 4Q 2025").quant is None


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("I started a vllm/vllm-openai:v0.9.2 container on my 4090", None),
        ("docker run --gpus all nvidia/cuda:12.4.1-base nvidia-smi shows both cards", None),
        ("docker run lmsysorg/sglang:latest --model-path Qwen/Qwen3-8B", "qwen3-8b"),
        ("ollama/ollama:rocm on a 7900 XTX runs qwen3:14b slowly", "qwen3-14b"),
    ],
)
def test_a_container_image_is_no_model(text, model):
    q = parse(text)
    assert (q.model.id if q.model else None) == model
    assert not any(u.kind == "model" for u in q.unsure)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("can a phone run the qwen2-0.5b model at 10 tok/s?", "qwen2-0.5b"),
        ("I quantized a Qwen2 0.5B model for my Pi 5", "Qwen2 0.5B"),
        ("the gemma2 27b model is not in the list, how about 12GB?", None),
        ("deploying a Llama3 5b model on a T4", "Llama3 5b"),
    ],
)
def test_a_size_after_a_family_and_version_is_that_model(text, said):
    q = parse(text)
    if said is None:  # a model the catalog has: read, not asked as a size
        assert q.model is not None and q.model.id == "gemma-2-27b"
    else:
        assert q.model is None
        assert any(u.kind == "model" and u.text == said for u in q.unsure)


@pytest.mark.parametrize("text", ["what 14b model fits my 3060?", "run a big 70b model on 2 3090s"])
def test_a_size_asked_in_general_stays_a_size(text):
    q = parse(text)
    assert q.model is None and not any(u.kind == "model" for u in q.unsure)
