"""A question with a model or a machine always gets an answer (advice61): a name not pinned to
one model is read by what the question still holds (a size: models of that size; a machine: what
runs best there), the reading said; "llama-33B" is a size, not Llama 3.3; "deepseek 600B" is the
family's model of that size; "How many RTX 4090 do I need" with the card said twice asks setups."""

import pytest

from fitengine import ask
from fitengine.nlq import parse


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("I have 1 V100 32G, the llama-33B need 24G in int4", "llama-1-33b"),
        ("can llama-33b run on a 3090?", "llama-1-33b"),
        ("llama-65b on 2x 3090", "llama-1-65b"),
        # a two-digit version glued to its family with no size after it is still a version
        ("qwen38-flash-next on a 5090", "qwen3.8-flash-next"),
        ("glm-45-air on 2x3090", "glm-4.5-air"),
        ("llama-31-8b on my 3060", "llama-3.1-8b"),
    ],
)
def test_glued_number_before_b_is_a_size(text, model):
    assert parse(text).model.id == model


@pytest.mark.parametrize(
    ("text", "models"),
    [
        # the first release of that size, the one the size names; the later ones said beside it
        ("can deepseek 600B run on 8x h100?", {"deepseek-r1", "deepseek-v3"}),
        ("deepseek 600b on a 4090 with 512gb ram", {"deepseek-r1", "deepseek-v3"}),
        (
            "how fast is deepseek-600b on a mac studio m3 ultra 512gb",
            {"deepseek-r1", "deepseek-v3"},
        ),
        ("deepseek 70b on a 3090", {"deepseek-r1-distill-llama-70b"}),
        ("deepseek 14b on my 4060 ti 16gb", {"deepseek-r1-distill-qwen-14b"}),
    ],
)
def test_family_with_size_reads_that_size(text, models):
    q = parse(text)
    assert q.model is not None and q.model.id in models
    assert not [u for u in q.unsure if u.kind == "model"]
    if "600" in text:
        assert any("read as" in n for n in q.assumed)


@pytest.mark.parametrize(
    "text",
    [
        "A quantitative version of Q4's deepseek-r1671b was used",
        "Run qwen1.57B using lmdeploy on an A100",
    ],
)
def test_a_size_run_into_a_version_is_no_family_size(text):
    # no separator between the name and the number: not "deepseek 1671B", not "qwen 1.57B"
    q = parse(text)
    assert q.model is None or q.model.params_b < 1000


@pytest.mark.parametrize(
    "text",
    [
        "If I want to deploy deepseek 600B use vllm and RTX4090, are there any restrictions?"
        " How many RTX 4090 do I need at least?",
        "I have a 3090 and want llama 3.3 70b. How many 3090 do I need?",
        "Thinking of qwen3 235b on RTX 5090, how many rtx 5090 would it take?",
    ],
)
def test_how_many_with_card_said_again_asks_setups(text):
    assert parse(text).intent == "best_hw_for_model"


@pytest.mark.parametrize(
    "text",
    [
        "will zorblax-9b-instruct run on my 4060?",
        "i have a problem with the ram usage for qwen_1_5_4b, i have 16gb ram",
        "is Glorpmax 14B ok on a 16gb mac mini m4",
        "Вы скачали модель на 30 миллиардов параметров, у меня 64 ГБ RAM и RTX 3060",
        "can a 70b model called zorblax-70b run on my 4090",
        # an unread Hugging Face repo: the size its name says
        "someorg/Zorblax-9B-Instruct on a 4060 8gb",
        "nvidia/Llama-3.1-Nemotron-Nano-4B-v1.1 with 128k context on a 5060 ti 16gb",
        "deepseek-ai/deepseek-llm-67b-chat at 2 bits on a 3090?",
    ],
)
def test_unknown_name_with_size_answers_that_size(text):
    a = ask(text)
    assert a.intent != "unclear" and a.reports
    assert "B models" in a.message or "B model" in a.message


@pytest.mark.parametrize(
    "text",
    [
        "I have a ARC B50 Pro, run later models like Gemma 4 and Qwem3.5?",
        # ("Devstral small 8Q" now reads its 8Q as Q8_0, advice84: a release the catalog lacks)
        "what about Devstral small 3 on 2x 5090",
        "qwen-code-next on M3 Max 64GB",
        "I have a 3060TIFE and an AMD 9950x. Can the granite ridge GPU help run models?",
    ],
)
def test_unpinned_name_on_machine_answers_what_runs_there(text):
    a = ask(text)
    assert a.intent != "unclear" and a.reports
    assert "read as" in a.message


@pytest.mark.parametrize(
    "text",
    ["tell me about deepseek", "what is granite?", "is qwen good"],
)
def test_nothing_held_still_asks(text):
    # no machine and no size: which model is meant is still the question
    a = ask(text)
    assert a.message
