"""Kinds the blind advice92 questions (non-English pages and issues) showed, each over setups beyond
the example: a size bound said in another language, a Mac said with no chip in any words, a GPU to
buy asked in another language, "X, or is there something better?", all the counted cards' memory
said right after the card, and an amount written "64-GB"."""

from __future__ import annotations

import pytest

from fitengine.answers import ask
from fitengine.nlq import parse


@pytest.mark.parametrize(
    ("text", "size", "bound"),
    [
        ("Sprachmodelle unter 40 Milliarden Parametern auf meinem M3 Max mit 64 GB", 40, "at_most"),
        ("лучшие модели до 30 миллиардов параметров для RTX 4090", 30, "at_most"),
        ("30B以下のモデルでおすすめは? RTX 4090", 30, "at_most"),
        ("¿Qué modelo de menos de 14B me recomiendan para mi RTX 3060?", 14, "at_most"),
        ("RTX 4090 能跑哪些模型? 30B以内", 30, "at_most"),
        ("mejores modelos de más de 100B para 2x RTX 3090 con 128GB de RAM", 100, "at_least"),
        ("70B以上的模型, 4x 3090 能跑吗?", 70, "at_least"),
    ],
)
def test_a_size_bound_said_in_another_language_is_a_bound(text, size, bound):
    q = parse(text)
    assert (q.model_size_b, q.model_size_bound) == (size, bound)


def test_a_list_under_a_bound_in_another_language_keeps_to_it(cat):
    a = ask("лучшие модели до 30 миллиардов параметров для RTX 4090", cat)
    assert a.intent == "best_model_for_hw" and a.reports
    assert all(r.model.params_b <= 31.5 for r in a.reports)


@pytest.mark.parametrize(
    "text",
    [
        "what can I run on my Mac?",
        "what can I run on my MacBook?",
        "我的 MacBook 能跑什么模型?",
        "Macで何が動く?",
        "что можно запустить на моем Mac?",
        "was kann ich auf meinem Mac laufen lassen?",
        "qué modelos puedo correr en mi Mac?",
        "is my macbook good enough?",
    ],
)
def test_a_mac_with_no_chip_asked_in_any_words_is_a_list_on_an_assumed_mac(text, cat):
    q = parse(text)
    assert q.intent == "best_model_for_hw" and q.mac_memory_assumed
    a = ask(text, cat)
    assert a.reports and all(r.hardware.kind == "apple" for r in a.reports)
    assert any(getattr(s, "what", "") == "hardware" for s in a.assumed or [])


@pytest.mark.parametrize(
    "text",
    ["mac or pc for llms?", "what mac should I buy for llama 70b?", "what can I run?"],
)
def test_a_mac_weighed_or_shopped_for_or_no_mac_is_no_mac_had(text):
    assert not parse(text).mac_memory_assumed


@pytest.mark.parametrize(
    "text",
    [
        "Welche Grafikkarte lohnt sich, wenn man KI-Modelle zu Hause lokal ausführen möchte?",
        "Welche GPU lohnt sich für lokale LLMs?",
        "¿Qué tarjeta gráfica me compro para correr modelos de IA en local?",
        "Qual placa de vídeo comprar para rodar LLM local?",
        "Какую видеокарту купить для локальных LLM?",
        "本地跑大模型买什么显卡好?",
    ],
)
def test_a_gpu_to_buy_asked_in_another_language_lists_cards(text, cat):
    a = ask(text, cat)
    assert a.intent == "best_hw" and a.reports
    assert all(r.hardware.kind == "gpu" for r in a.reports[:3])


@pytest.mark.parametrize(
    ("text", "hw"),
    [
        ("Is Phi-4 really the top model for 16GB VRAM, or are there better options?", None),
        ("is phi-4 the best for my 4060 ti 16gb or is there something better?", "rtx-4060-ti-16gb"),
        ("Is qwen3 14b the best I can run on a 3060 or are there better options?", "rtx-3060"),
        (
            "Ist Phi-4 das beste Modell für meine 4060 Ti 16GB oder gibt es bessere Alternativen?",
            None,
        ),
        ("¿Es Phi-4 el mejor modelo para mi RTX 4060 Ti 16GB o hay mejores alternativas?", None),
        ("Phi-4 是 4060 Ti 16GB 上最好的模型吗？还是有更好的选择？", None),
        ("Можно ли запустить qwen3 32b на 3090, или есть что-то лучше?", "rtx-3090"),
    ],
)
def test_a_model_asked_as_the_best_or_something_better_is_a_list(text, hw):
    q = parse(text)
    assert q.intent == "best_model_for_hw"
    if hw:
        assert q.hardware is not None and q.hardware.id == hw


def test_a_model_asked_on_a_machine_alone_stays_a_fit():
    assert parse("can I run qwen3 32b on my 3090?").intent == "fit"
    assert parse("is qwen3 32b better than gemma 3 27b on my 3090?").intent == "compare"


@pytest.mark.parametrize(
    ("text", "n", "per"),
    [
        ("три старых RTX 3090 - 72 ГБ VRAM в сумме. Что реально запустить?", 3, 24.0),
        ("three RTX 3090 - 72 GB VRAM", 3, 24.0),
        ("4x 3090 96GB running qwen 27b", 4, 24.0),
        ("4x RTX 3060 - 48GB VRAM, what can I run?", 4, 12.0),
        # a card modded to twice its size is still read as each card's
        ("dual 4090 48GB", 2, 48.0),
        ("双 2080ti 22G", 2, 22.0),
    ],
)
def test_all_the_counted_cards_memory_said_right_after_the_card(text, n, per):
    q = parse(text)
    assert (q.gpus, q.vram_gb) == (n, per)


@pytest.mark.parametrize(
    ("text", "vram", "ram"),
    [
        ("qwen 27b auf meiner 16-GB-Grafikkarte", 16.0, None),
        ("qwen 27b on a 24-GB GPU", 24.0, None),
        ("gpt-oss-20b on a 16-GB card", 16.0, None),
        ("qwen 27b mit 32-GB-RAM und RTX 3060", None, 32.0),
    ],
)
def test_an_amount_written_with_a_hyphen_is_read(text, vram, ram):
    q = parse(text)
    assert (q.vram_gb, q.ram_gb) == (vram, ram)


def test_a_hyphenated_mac_memory_is_the_macs(cat):
    q = parse("Llama 4 Scout auf meinem 64-GB-MacBook")
    assert q.intent == "fit" and q.vram_gb == 64.0
    a = ask("Llama 4 Scout auf meinem 64-GB-MacBook", cat)
    assert a.reports and a.reports[0].hardware.kind == "apple"
