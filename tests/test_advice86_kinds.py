"""Round advice86: kinds the blind-written best-model questions (a81-, a86-) showed, each over
setups beyond the example. A Mac said with no chip and no memory is a Mac with the memory Macs ship
with, said as assumed (not the desktop CPU stand-in); a list of models that "fit in 8 GB" keeps
each model whole in that memory (no MoE experts in a RAM never said); a size said as what the
machine cannot load ("or even load the model (70b)") is not the list's size."""

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
        "Which model is best for Apple Silicon?",
        "what LLM should I run on a Mac?",
        "best coding model for my mac?",
        "Recommend a small model with MLX support for summaries",
    ],
)
def test_a_mac_with_no_chip_or_memory_is_an_assumed_mac(cat, text):
    a = ask(text, cat)
    assert a.intent == "best_model_for_hw"
    assert a.query.mac and a.query.mac_memory_assumed
    assert a.reports and all(r.hardware.kind == "apple" for r in a.reports[:3])
    assert all(r.fit != "wont_fit" for r in a.reports[:3])
    said = [x for x in a.assumed if x.what == "hardware"]
    assert said and "no chip or memory" in said[0].value
    assert "assumed" in a.message


@pytest.mark.parametrize(
    "text",
    [
        "best model for my 32gb mac?",  # the memory said: the Mac sold with it, as before
        "best model on an intel mac?",  # no Apple chip: the CPU stand-in
        "which model for my RTX 3060, or should I get a Mac?",  # a card named
        "which is better for llms, a mac or a gpu?",  # machines weighed
        "what mac should I buy for local models?",  # a Mac to buy
    ],
)
def test_a_mac_with_memory_or_none_at_all_is_not_assumed(cat, text):
    q = parse(text, cat)
    assert not q.mac_memory_assumed


@pytest.mark.parametrize(
    ("text", "gb"),
    [
        ("best coding model that can fit in 8 GB?", 8),
        ("Quais VLMs open-source cabem em 8 GB (4-bit)?", 8),
        ("which models fit in 12gb of vram for roleplay?", 12),
        ("what's the best model that fits within 16GB VRAM?", 16),
    ],
)
def test_models_that_fit_in_a_memory_stay_in_it(cat, text, gb):
    a = ask(text, cat)
    assert a.intent == "best_model_for_hw"
    assert a.reports
    for r in a.reports[:3]:
        assert r.placement.kind in ("gpu", "unified"), (r.model.id, r.placement.kind)
        assert r.memory.total_gb <= gb * 1.05


@pytest.mark.parametrize(
    "text",
    [
        "best coding model for 8 GB VRAM and 32 GB RAM?",
        "what's the best model for my 12gb 3060?",
    ],
)
def test_a_memory_said_as_the_machines_keeps_moe_offload(cat, text):
    q = parse(text, cat)
    assert not q.memory_bound


@pytest.mark.parametrize(
    ("text", "size"),
    [
        (
            "I don't have any GPU to finetune or even load the model (70b). I have a postgres"
            " database, where should i get started?",
            70,
        ),
        ("I can't run 70b models on my 3060, what should I use for coding?", 70),
        ("my 4090 cannot load the model (70b), any suggestions?", 70),
    ],
)
def test_a_size_out_of_reach_is_not_the_lists_size(cat, text, size):
    a = ask(text, cat)
    assert a.intent == "best_model_for_hw"
    assert a.query.model_size_b is None
    assert parse(text, cat).model_size_b == size  # read as said, no size the list is kept to
    # the list is the machine's best, not the class of the size said
    assert not all(abs(r.model.params_b - size) <= 0.25 * size for r in a.reports[:3])


@pytest.mark.parametrize(
    "text",
    [
        "best 70b model for my 2x 3090?",
        "why can't I run 70b models on my 4090?",
        "any good 32b models for coding on a 5090?",
    ],
)
def test_a_size_asked_stays(cat, text):
    assert parse(text, cat).model_size_b is not None


@pytest.mark.parametrize(
    "text",
    [
        "一定要 Ollama 吗? 我电脑没有独立显卡, 很难在本地运行.",
        "电脑没有独显，推荐什么模型？",
        "I have no GPU, which model should I use?",
    ],
)
def test_no_discrete_gpu_is_a_cpu_list_with_its_ram_assumed(cat, text):
    a = ask(text, cat)
    assert a.intent == "best_model_for_hw"
    assert a.query.cpu_only
    assert a.reports and a.reports[0].placement.kind == "cpu"
    assert any(x.what == "ram" for x in a.assumed)


@pytest.mark.parametrize(
    "text",
    [
        "I have no dedicated GPU, which GPU should I buy for llms?",
        "没有独显，预算3000，买什么显卡跑qwen3.6 35b?",
        "I can't run 70b models, what GPU should I get?",
    ],
)
def test_a_card_asked_for_is_no_cpu_only_machine(cat, text):
    a = ask(text, cat)
    assert not a.query.cpu_only
    assert a.intent in ("best_hw", "best_hw_for_model")


@pytest.mark.parametrize(
    "text",
    [
        "My 3060 can't run 70b models, what should I upgrade to?",
        "I cannot run 70b models on my laptop, what's the cheapest way to run them?",
        "unable to run 120b models, what's the minimum hardware?",
    ],
)
def test_a_size_out_of_reach_asked_for_hardware_stays(cat, text):
    assert parse(text, cat).model_size_b is not None
