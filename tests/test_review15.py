"""Round review15: a model named before "and other bigger models" stays the subject."""

import pytest

from fitengine import ask
from fitengine.nlq import parse


@pytest.mark.parametrize(
    "text, model",
    [
        (
            "can I run qwen3 235b a22b and other bigger models on 2x 3090 + 256gb ram?",
            "qwen3-235b-a22b",
        ),
        ("glm 4.5 air and other larger models on a 4090 with 128gb ram?", "glm-4.5-air"),
        ("will gpt-oss-120b or other bigger models run on my m4 max 128gb?", "gpt-oss-120b"),
    ],
)
def test_a_model_named_before_other_bigger_ones_stays_the_subject(text, model):
    q = parse(text)
    assert q.intent == "fit" and q.model is not None and q.model.id == model
    a = ask(text)
    assert a.reports and a.reports[0].model.id == model


def test_a_model_to_replace_still_lists_others():
    assert parse("llama 3 8b is slow on my 3060, any better models?").intent == "best_model_for_hw"


@pytest.mark.parametrize(
    "text, hw, ctx",
    [
        (
            "deepseek r1 distill 32b on a 3090 context length is capped at 8k in ollama, why?",
            "rtx-3090",
            8192,
        ),
        ("qwen3 14b on my rtx 4090 context 8k", "rtx-4090", 8192),
        ("qwen3 14b on a 5090 context window 32k", "rtx-5090", 32768),
        ("gemma 3 12b on a 3060 context 16384", "rtx-3060", 16384),
    ],
)
def test_a_card_number_before_the_context_word_is_the_card(text, hw, ctx):
    """ "on a 3090 context length ...": the card's number, not a 3,090-token window (the card was
    lost and the answer was a list of machines)."""
    q = parse(text)
    assert q.intent == "fit" and q.hardware is not None and q.hardware.id == hw
    assert q.context == ctx


def test_a_round_count_before_the_context_word_is_still_a_window():
    assert parse("qwen3 8b with a 4096 context on a 3060").context == 4096


@pytest.mark.parametrize(
    "text, fim",
    [
        ("推荐一个模型写代码，显卡是3060 12G，内存32G", False),
        ("4090用什么模型编程最好", False),
        ("哪个模型适合我的4090写代码", False),
        ("哪个模型适合在我的笔记本上做代码补全？16G内存，没有独显", True),
    ],
)
def test_coding_said_in_chinese_is_the_coding_workload(text, fim):
    """写代码 (write code), 编程 (programming), 代码补全 (code completion): a list graded for
    coding, completion kept to fill-in-the-middle models (was graded for chat)."""
    q = parse(text)
    assert q.workload == "coding"
    assert ("fim" in q.tags) == fim
