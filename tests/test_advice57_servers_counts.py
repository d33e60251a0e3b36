"""Kinds the blind rounds kept showing (round advice57): clusters of more than 16 cards, servers
of identical datacenter cards run as vLLM / SGLang run them, and cards said without their name."""

from __future__ import annotations

import pytest

from fitengine import ask
from fitengine.catalog import default_catalog
from fitengine.constants import MAX_GPUS
from fitengine.nlq import parse
from fitengine.request import BadInput, make_setup


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Can I run DeepSeek R1 on 3 nodes of 8x A100 80GB?", 24),
        ("DeepSeek V3 on 32x 4090", 32),
        ("128张A800 部署 DeepSeek R1", 128),
        ("Llama 3.1 405B on 24x H100", 24),
        ("kimi k2 on 4 nodes of 8x H200", 32),
    ],
)
def test_a_cluster_past_16_cards_is_answered_for_all_its_cards(text, count):
    """Counts past 16 (nodes times cards too) are read and answered, with the route across the
    servers: tensor parallel within one, pipeline parallel across them."""
    assert parse(text).gpus == count, text
    a = ask(text)
    r = a.reports[0]
    assert r.hardware.count == count, text
    assert r.fit != "wont_fit", text
    assert "pipeline parallel across" in a.message and "--pipeline-parallel-size" in a.message


def test_a_count_past_the_limit_is_a_friendly_answer():
    a = ask("can 256x 4090 run kimi k2")
    assert a.intent != "unclear" and f"more than the {MAX_GPUS}" in a.message
    for text in ("can 1000000 GPUs run kimi k2", "llama 3 8b on 999x 3090"):
        assert ask(text).message  # an answer, no traceback
    with pytest.raises(BadInput):
        make_setup(default_catalog().hardware["h100-sxm"], gpus=MAX_GPUS + 1)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Qwen3 235B on 4x H20", 4),
        ("Llama 3.3 70B on 2x A100 80GB", 2),
        ("qwen3 32b on 8x H100", 8),
        ("gpt-oss-120b on 4x L40S", 4),
    ],
)
def test_a_server_of_datacenter_cards_runs_on_all_of_them(text, count):
    """Identical datacenter cards are a server run tensor parallel over every card, not
    llama.cpp's layer split on the fewest that hold the model; the answer says the route."""
    a = ask(text)
    r = a.reports[0]
    gpus = [d for d in r.placement.devices if d.name != "RAM" and "RAM" not in d.name]
    assert len(gpus) == count, (text, [d.name for d in gpus])
    assert "left free" not in a.message and " of the " not in a.message.split(":")[1][:40]
    assert f"--tensor-parallel-size {count}" in a.message, text


def test_hobby_rigs_keep_the_layer_split_on_the_fewest_cards():
    """Consumer cards and old datacenter cards (P40) run llama.cpp: a model one card holds runs
    on that card, the others free, and no server route is said."""
    for text in ("llama 3.1 8b on 2x 3090", "qwen3 8b on 3x P40"):
        a = ask(text)
        assert "tensor-parallel-size" not in a.message, text
        assert "alone" in a.message or "of the" in a.message, (text, a.message[:200])


def test_a_server_count_that_does_not_divide_the_heads_names_the_one_that_does():
    a = ask("llama 3.3 70b on 3x H100")
    assert "--tensor-parallel-size 2 (1 card idle)" in a.message
    assert "--pipeline-parallel-size 3" in a.message


@pytest.mark.parametrize(
    "text",
    [
        "Hi . i  am looking for running LLAMA 2 70B model . i have 2 gpus . need to run",
        "can I run qwen3 32b on two GPUs?",
        "llama 3.3 70b on 4 gpus, which quant?",
    ],
)
def test_cards_said_without_a_name_are_said_as_assumed(text):
    a = ask(text)
    said = [x.what for x in a.assumed] + [x.what for r in a.reports[:1] for x in r.assumed]
    assert "hardware" in said or "gpus" in said, (text, said, a.message[:200])


@pytest.mark.parametrize(
    "text",
    [
        # ("Best local LLM model =< 30B parameters?" asks for models: tests/test_advice69_kinds.py)
        "what hardware do I need for a 30b model?",
        "what gpu do I need for llama 3.3 70b",
        "which hardware runs qwen3 235b",
    ],
)
def test_hardware_for_a_model_with_no_machine_said_says_it_assumed_none(text):
    a = ask(text)
    assert a.intent == "best_hw_for_model"
    assert [x.what for x in a.assumed] == ["hardware"], (text, a.assumed)
