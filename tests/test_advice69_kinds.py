"""Kinds of mistake round advice65 left open in best-model questions, fixed in advice69: a size
cap with no machine read as hardware for a model and said with no assumption; sizes listed after
a floor ("better than 8b ... like 16b 30b") read as any size above it (a 1 TB model first) and
"b 30b" as a model's name; a model the person runs or tried, named in a question asking for
another, answered as that model's card; a program named like a model ("the Nemo file manager");
a laptop said after its card ("the RTX 5070 or the 890M on my laptop") read as the desktop card
and the RAM said left out; completion plugins (llama.vscode) not read as a code-completion wish."""

from __future__ import annotations

import pytest

from fitengine import ask
from fitengine.nlq import parse


def _models(a) -> list[str]:
    out: list[str] = []
    for r in a.reports:
        if r.model.id not in out:
            out.append(r.model.id)
    return out


@pytest.mark.parametrize(
    "text,cap",
    [
        ("best coding model under 30B", 30.0),
        ("Best local LLM model =< 30B parameters?", 30.0),
        ("what's the best uncensored model under 14b?", 14.0),
        ("top roleplay model below 24b", 24.0),
    ],
)
def test_a_size_cap_with_no_machine_is_a_list_within_it_said_as_assumed(text, cap):
    q = parse(text)
    assert q.intent == "best_model_for_hw", (text, q.intent)
    a = ask(text)
    assert len(_models(a)) >= 2, text
    for r in a.reports:
        assert r.model.params_b <= cap * 1.1, (text, r.model.id)
    assert any(x.what == "hardware" for x in a.assumed), (text, a.assumed)


@pytest.mark.parametrize(
    "text", ["best gpu model for a 70b", "which graphics card model for 30b models"]
)
def test_a_machine_asked_with_a_model_noun_stays_a_machine(text):
    assert parse(text).intent == "best_hw_for_model", text


@pytest.mark.parametrize(
    "text,lo,hi",
    [
        (
            "is there better models then 8b version ?\n\ncan you provide more powerful options"
            " like 16b 30b for local llm.",
            16.0,
            30.0,
        ),
        ("anything bigger than 14b? like 32b", 14.0, 32.0),
        ("better models than 8b on my 3090, like 14b or 32b?", 14.0, 32.0),
    ],
)
def test_sizes_listed_after_a_floor_are_the_range(text, lo, hi):
    q = parse(text)
    assert (q.model_size_b, q.model_size_to_b, q.model_size_bound) == (lo, hi, "range"), text
    assert not [u for u in q.unsure if u.kind == "model"], q.unsure


@pytest.mark.parametrize(
    "text",
    [
        "any models bigger than 14b that are good for coding?",
        "best model over 30b",
        "good models over 20b for roleplay?",
    ],
)
def test_an_open_floor_with_no_machine_lists_what_a_stand_in_runs(text):
    """No 1 TB model first: the models over the floor a stand-in machine runs, said as assumed."""
    a = ask(text)
    assert a.intent == "best_model_for_hw" and a.reports, text
    floor = parse(text).model_size_b
    for r in a.reports:
        assert r.model.params_b >= floor * 0.9, (text, r.model.id)
        assert r.fit != "wont_fit", (text, r.model.id)
    assert a.reports[0].model.params_b < 200, (text, a.reports[0].model.id)
    assert any(x.what == "hardware" for x in a.assumed), (text, a.assumed)


@pytest.mark.parametrize(
    "text,named",
    [
        ("I use OpenHands with Devstral, what else should I try?", "devstral"),
        ("I tested glm-4:9b, which is better?", "glm-4-9b"),
        ("I'm running qwen3 14b, any better model for coding?", "qwen3-14b"),
        (
            "I did similar hardware and software setup, currently running Qwen3 8B.\n\nI'd like"
            " to know if you knew any agentic optimized local LLM for this purpose?",
            "qwen3-8b",
        ),
        (
            "Already tried in Ollama those models: Devstral-Small, Qwen3-30B-A3B and GPT-OSS-20B"
            " and they all did not work. What is the best model for 1 gpu and 16GB of VRAM?",
            "devstral",
        ),
    ],
)
def test_a_model_run_or_tried_beside_a_model_asked_for_gives_a_list(text, named):
    q = parse(text)
    assert q.intent == "best_model_for_hw", (text, q.intent)
    a = ask(text)
    got = _models(a)
    # a list, not the named model's card: how many it holds is how many clear the workload's
    # speed floor on the stand-in machine, which moves with each refit
    assert got, (text, got)
    assert not got[0].startswith(named), (text, got)


@pytest.mark.parametrize(
    "text",
    [
        "I tried llama 3 8b and mistral 7b, which is better?",
        "I use qwen3 30b on my 3090, which quant is best?",
    ],
)
def test_a_model_tried_stays_the_subject_when_nothing_else_is_asked_for(text):
    assert parse(text).intent in ("compare", "fit"), text


@pytest.mark.parametrize(
    "text",
    [
        "Any model that good for roleplay?\n\nI tried using qwen and deepseek, but it doesn't"
        " allow nsfw.",
        "is there any local Ollama model that can work with this? when I use GPT or Claude it"
        " works.",
        "which local model is best for summaries? I tried gemma and mistral",
    ],
)
def test_families_tried_beside_a_model_asked_for_give_a_list(text):
    a = ask(text)
    assert a.intent == "best_model_for_hw" and len(_models(a)) >= 2, (text, a.intent)


@pytest.mark.parametrize("text", ["what's the best qwen model?", "which deepseek model is best?"])
def test_a_family_asked_of_is_still_asked_which(text):
    assert parse(text).intent == "unclear", text


@pytest.mark.parametrize(
    "text",
    [
        "a script for the Nemo file manager: which small vision model on an 8GB laptop?",
        "I use the Zed editor, which model for coding on my 3060?",
        "Nemo file manager plugin: Nemo can search descriptions, which vision model for 8gb?",
    ],
)
def test_a_program_named_like_a_model_is_no_model(text):
    q = parse(text)
    assert q.model is None, (text, q.model)
    assert q.intent == "best_model_for_hw", (text, q.intent)


@pytest.mark.parametrize(
    "text,card,other,ram",
    [
        (
            "Should I use the RTX 5070 or the Radeon 890M iGPU on my laptop (64GB ram) for LLMs?",
            "rtx-5070-laptop",
            "radeon-890m",
            64,
        ),
        (
            "the rtx 4060 or the 780m on my laptop, 32gb ram, which should run the model?",
            "rtx-4060-laptop",
            "radeon-780m",
            32,
        ),
        (
            "RTX 4070 or the iGPU (Radeon 880M) in this laptop with 64 GB RAM, which is better for"
            " local models?",
            "rtx-4070-laptop",
            "radeon-880m",
            64,
        ),
    ],
)
def test_a_laptop_said_after_its_card_is_the_laptop_card_with_the_ram_said(text, card, other, ram):
    q = parse(text)
    assert (q.hardware.id, q.hardware_b.id) == (card, other), (q.hardware, q.hardware_b)
    a = ask(text)
    dgpu = [r for r in a.reports if r.hardware.id == card]
    assert dgpu, text
    assert all(not any(x.what == "ram" for x in r.assumed) for r in dgpu), text
    assert any(r.placement.kind == "moe_offload" for r in dgpu) or ram < 32, text


def test_a_desktop_card_beside_a_laptop_card_stays_a_desktop_card():
    q = parse("I have an RTX 4080 in my desktop and a 3060 in my laptop")
    assert [s.id for s in q.setup] == ["rtx-4080", "rtx-3060-laptop"], q.setup


@pytest.mark.parametrize(
    "text",
    [
        "which model for llama.vscode on my laptop with 16gb ram?",
        "copilot-like code suggestions locally on my laptop with 32gb ram, which model?",
        "what model for llama.vim on a macbook air m3 16gb",
    ],
)
def test_completion_plugins_ask_for_code_completion_models(text):
    assert "fim" in parse(text).tags, text
    a = ask(text)
    assert a.reports and "completion" in a.message, text


@pytest.mark.parametrize(
    "text",
    [
        "I'm running qwen3 14b on my 3060, anything better than a 3060 for local llms?",
        "been using gemma 3 12b on a 4070, is there something better than my 4070 for this?",
        "I use mistral small on my 3090, which quant is best for it?",
        "currently running llama 3.1 8b on a 4060 ti, what is the best model quant for it?",
    ],
)
def test_a_model_tried_with_the_machine_or_its_quant_weighed_is_no_model_list(text):
    assert parse(text).intent != "best_model_for_hw", text
