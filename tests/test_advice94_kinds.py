"""Kinds the blind advice94 questions (issue threads of LM Studio, Jan, mlx-lm, ds4; blogs, HN
and forum posts) showed, each over setups beyond the example: a model named by its size before its
family ("70B Llama", "397B Qwen MoE", a headline's order) and a compare verb before two cards joined
by "and" ("This guide compares the RTX 3090 and the Tesla P40")."""

from __future__ import annotations

import pytest

from fitengine.answers import ask
from fitengine.nlq import parse


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("70B Llama on two 3090s", "llama-3.3-70b"),
        ("can a 120B gpt-oss run on a 5090 with 64gb ram?", "gpt-oss-120b"),
        ("a 27b qwen on a 3090, what quant?", "qwen3.8-27b"),
        ("397B Qwen MoE on a 5090 with 256gb ram", "qwen3.5-397b-a17b"),
        ("the 671B deepseek on 512gb of ddr5", "deepseek-v3"),
    ],
)
def test_a_size_said_before_the_family_names_the_same_model(text, model):
    q = parse(text)
    assert q.model is not None and q.model.id == model
    swapped = parse(text.split(" on ")[0].split(" run ")[0])  # the same name, alone
    assert swapped.model is not None and swapped.model.id == model


def test_a_size_first_family_said_of_several_models_is_no_one_model(cat):
    text = (
        "I have 4 x 3090 on a threadripper and 256gb ddr4 3600mhz 4 channel ram. I still cannot run"
        " the full 671b deepseek models though. What models would you suggest for this setup?"
    )
    a = ask(text, cat)
    assert len(a.reports) >= 3


def test_a_size_first_name_that_names_nothing_stays_unknown():
    q = parse("13B Vicuna on a 3060")
    assert q.model is None or q.model.id.startswith("vicuna")


def test_a_size_first_name_is_said_as_read(cat):
    assert any('"70B Llama": read as' in note for note in parse("70B Llama on two 3090s").assumed)
    a = ask("70B Llama on two 3090s", cat)
    assert a.reports and a.reports[0].model.id == "llama-3.3-70b"


@pytest.mark.parametrize(
    ("text", "a", "b"),
    [
        (
            "This guide compares the consumer-grade NVIDIA RTX 3090 and the enterprise-focused"
            " NVIDIA Tesla P40 for local LLM inference",
            "rtx-3090",
            "p40",
        ),
        ("comparing a 4090 and a 5090 for running qwen3.6 27b", "rtx-4090", "rtx-5090"),
        (
            "This article compares the RTX 4090 and the RX 7900 XTX for Qwen3.6-27B",
            "rtx-4090",
            "rx-7900-xtx",
        ),
        ("We compared the M4 Max and the DGX Spark on gpt-oss-120b", "m4-max-40c", "dgx-spark"),
        (
            "a comparison of the 5060 Ti 16GB and the 4060 Ti 16GB for llms",
            "rtx-5060-ti-16gb",
            "rtx-4060-ti-16gb",
        ),
    ],
)
def test_a_compare_verb_before_two_cards_compares_them(text, a, b):
    q = parse(text)
    assert q.intent == "compare" and not q.setup
    assert (q.hardware.id, q.hardware_b.id) == (a, b)


@pytest.mark.parametrize(
    "text",
    [
        "Compared to cloud, my rig with a 4090 and a 3090 is cheaper. best model?",
        "my rig: a 4090 and a 3090, 128gb ram. best model for coding?",
        "I run a 3090 and a 3060 together, what is the best model?",
    ],
)
def test_cards_joined_without_a_compare_verb_before_them_stay_one_rig(text):
    q = parse(text)
    assert q.setup and len(q.setup) == 2


def test_a_compared_pair_answers_both(cat):
    a = ask("This article compares the RTX 4090 and the RX 7900 XTX for Qwen3.6-27B", cat)
    assert a.intent == "compare"
    assert {r.hardware.id for r in a.reports} >= {"rtx-4090", "rx-7900-xtx"}


@pytest.mark.parametrize(
    ("text", "speed"),
    [
        ("qwen3:8b at 82 tok/s on my RX 9070 XT, is that the hardware ceiling?", 82),
        ("gpt-oss-20b at 150 tok/s on my 4090, am I leaving performance on the table?", 150),
        ("Qwen3.6-27B Q4_K_M at 35 t/s on a 3090, is that the max this card can do?", 35),
        ("getting qwen3 8b at 70 tok/s on a 4060 ti 16gb, is that the hardware limit?", 70),
    ],
)
def test_a_speed_judged_against_the_ceiling_is_a_measured_run(text, speed):
    q = parse(text)
    assert q.reported_tok_s == speed


@pytest.mark.parametrize(
    ("text", "speed", "said"),
    [
        (
            "on my RX 9070 XT: qwen3:8b at 82 tok/s, qwen2.5-coder:14b at 55 tok/s. are we at the"
            " hardware ceiling?",
            82,
            "You see 82 tok/s",
        ),
        (
            "gemma 4 12b runs at 30 tok/s and qwen3.5 9b at 40 tok/s on my 4060 ti 16gb. normal?",
            30,
            "You see 30 tok/s",
        ),
        (
            "on my 3090: qwen3.6-27b at 35 tok/s, gemma 4 31b at 28 tok/s. is that the max this"
            " card can do?",
            35,
            "You see 35 tok/s",
        ),
    ],
)
def test_two_models_each_with_a_figure_keep_the_first_ones_own(cat, text, speed, said):
    from fitengine.cli import render_answer

    q = parse(text)
    assert q.intent == "compare" and q.reported_tok_s == speed
    assert said in render_answer(ask(text, cat))
