"""Round advice99: won't-fit answers and the assumptions they hang on.

1. A device sold in several memory sizes as entries of their own (Jetson AGX Orin 32/64 GB,
   A100 40/80 GB, Jetson Orin NX 8/16 GB), named without a size: the size read is an assumption
   the answer depends on, said in the structured field, as a chip's size is.
2. Nothing asked runs usably (two 70Bs crawling on a 20 GB card, giant MoEs on old Teslas, "a 70B
   on my 8GB card"): the answer ends on the best model that runs on each setup, as a named
   model's won't-fit does.
3. A card its vendor's compute stack dropped (catalog backends Vulkan only: Tesla K80, RX 480 /
   580): the answer says it runs on llama.cpp's Vulkan build, not the CUDA / ROCm one ollama uses.
4. A model no setup within a budget runs ("I have $2000, can I run GLM-5?"): the model on the
   best buy within the budget, and what that buy runs instead.
"""

import pytest

from fitengine import ask
from fitengine.catalog import default_catalog

CAT = default_catalog()


def _memory_assumed(a):
    return [
        x for x in (*a.assumed, *(a.reports[0].assumed if a.reports else ())) if x.what == "memory"
    ]


@pytest.mark.parametrize(
    "text, other",
    [
        ("which LLM should I put on my jetson agx orin?", "32"),
        ("is an A100 enough for gpt-oss-120b in mxfp4?", "40"),
        ("how many A100s for qwen3.5-397b-a17b at fp8?", "40"),
        ("llm recommendations for a jetson orin nx dev kit", "8"),
    ],
)
def test_a_size_sibling_named_without_its_memory_is_an_assumption(text, other):
    a = ask(text)
    said = _memory_assumed(a)
    assert said, a.assumed
    assert other in said[0].effect


@pytest.mark.parametrize(
    "text",
    [
        "which LLM should I put on my jetson agx orin 64gb?",
        "is an A100 80GB enough for gpt-oss-120b in mxfp4?",
        # a card whose size is its only one, or whose name carries no size: nothing to assume
        "what can my rtx 4090 run?",
    ],
)
def test_a_size_said_or_a_single_size_is_not_assumed(text):
    assert not _memory_assumed(ask(text))


def test_two_models_crawling_on_one_card_end_on_what_runs():
    a = ask("llama 3.3 70b or deepseek r1 distill llama 70b on my rx 7900 xt with 64gb ram?")
    assert a.intent == "compare"
    assert all(r.decode_tok_s is None or r.decode_tok_s < 5 for r in a.reports[:2])
    named = [x.model_id for x in a.reports[0].next_steps if x.model_id]
    assert named and named[0] not in ("llama-3.3-70b", "deepseek-r1-distill-llama-70b")
    assert "the best model" in a.message
    # said once for the one card, not once per model compared
    assert a.message.count("On AMD Radeon RX 7900 XT") == 1


def test_giant_moes_on_old_cards_end_on_what_runs_on_each():
    a = ask("could kimi k2.6 or glm-5.2 run on a tesla m40 24gb or a tesla k80?")
    assert all(r.fit == "wont_fit" for r in a.reports)
    for r in a.reports:
        assert any(x.kind == "other_model" and x.model_id for x in r.next_steps), r.hardware.id


def test_a_size_class_that_only_crawls_names_what_runs_instead():
    r = ask("is a 70b model doable on an 8gb gpu?").reports[0]
    steps = [x for x in r.next_steps if x.kind == "other_model"]
    assert steps and CAT.models[steps[0].model_id].params_b < 70


def test_a_size_class_that_runs_well_gets_no_stand_in():
    r = ask("can my 3090 run a 32b?").reports[0]
    assert not [x for x in r.next_steps if x.kind == "other_model"]


@pytest.mark.parametrize(
    "text, stack",
    [
        ("ollama won't use my rx 580, can it run qwen3.5 9b?", "ROCm"),
        ("what can my old tesla k80 run?", "CUDA"),
        ("gemma 4 e4b on an rx 470 4gb", "ROCm"),
    ],
)
def test_a_card_its_vendor_dropped_is_said_to_run_on_vulkan(text, stack):
    a = ask(text)
    assert "Vulkan build only" in a.message and stack in a.message


def test_a_card_its_vendor_supports_gets_no_vulkan_only_note():
    assert "Vulkan build only" not in ask("can my rx 7900 xtx run qwen3.6-27b?").message
    assert "Vulkan build only" not in ask("can my rtx 3060 run qwen3.6-27b?").message


@pytest.mark.parametrize(
    "text, model",
    [
        ("with a budget of $2500, could I run glm-5 at home?", "glm-5"),
        ("can I run llama 3.3 70b for under $500?", "llama-3.3-70b"),
    ],
)
def test_a_model_no_setup_within_the_budget_runs_ends_on_what_the_budget_buys(text, model):
    a = ask(text)
    # the model asked, on the budget's best buy where nothing runs it, or on the cheapest setups
    # over the budget that do (advice102); either way it ends on what the budget buys instead
    first = a.reports[0]
    assert all(r.model.id == model for r in a.reports)
    steps = [x for x in first.next_steps if x.kind == "other_model"]
    assert steps and steps[0].model_id != model and steps[0].command
    assert "Within $" in a.message


def test_a_budget_that_buys_a_setup_for_the_model_lists_setups():
    a = ask("best gpu under $1000 for qwen3.6-27b")
    assert all(r.model.id == "qwen3.6-27b" for r in a.reports)
