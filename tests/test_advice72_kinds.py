"""Round advice72: kinds the real context questions showed (the `a72-` ids of
bench/advice_questions.yaml), each checked over setups beyond the bench's example.

1. A long input said with no context word ("pass large bodies of text (or documents)", "a chapter
   of a book", "long transcripts") or its cache ("KV Cache Quantization") makes the window the
   topic: on a machine the answer runs the longest window that fits, not the workload's 8-32K.
2. ... and with no machine said, the setups listed are sized for a long document's window (the
   rag workload's 32K), not chat's 8K.
3. A "k" amount beside a context flag ("set higher num_ctx value, tried 4096 up to 16K") is a
   window, not a budget; "best gpu under 2k" stays money.
4. A card the writer lost ("l lost my GTX 1080" after a driver update) is not the machine asked
   about; "I lost 10 tok/s on my 3090" still is.
"""

import pytest

from fitengine import ask
from fitengine.catalog import default_catalog
from fitengine.nlq import parse


@pytest.mark.parametrize(
    "text, model, floor",
    [
        (
            "I want to feed a whole chapter of a book to qwen3.5 9b on my rtx 3060 12gb",
            "qwen3.5-9b",
            65536,
        ),
        ("can gemma 3 12b handle long documents on a 4090?", "gemma-3-12b", 65536),
        (
            "llama 3.1 8b on a 4060 ti 16gb, how do I pass large bodies of text",
            "llama-3.1-8b",
            32768,
        ),
    ],
)
def test_a_long_input_runs_the_longest_window_that_fits(text, model, floor):
    q = parse(text)
    assert q.model is not None and q.model.id == model
    assert q.context is None and q.context_topic
    r = ask(text).reports[0]
    assert r.model.id == model
    assert r.fit != "wont_fit"
    assert r.context > floor


def test_no_long_input_keeps_the_usual_window():
    # a model and a machine with nothing said about the input: no topic, the workload's window
    q = parse("can qwen3 8b run on my rtx 3060 12gb?")
    assert not q.context_topic


@pytest.mark.parametrize(
    "text, model",
    [
        (
            "Gemma 3 12b uses 24 GB VRAM ??? | Flash Attention | KV Cache Quantization",
            "gemma-3-12b",
        ),
        ("what do I need to run llama 3.1 8b with long documents?", "llama-3.1-8b"),
        ("which gpu for qwen3 14b, kv cache questions", "qwen3-14b"),
        ("hardware for mistral nemo 12b to summarize long transcripts", "mistral-nemo-12b"),
    ],
)
def test_no_machine_sizes_the_setups_for_a_long_document(text, model):
    a = ask(text)
    assert a.intent == "best_hw_for_model"
    cat = default_catalog()
    want = min(cat.workloads["rag"].min_context, cat.models[model].context)
    assert a.reports and all(r.model.id == model for r in a.reports)
    assert all(r.context == want for r in a.reports)


def test_no_machine_no_long_input_keeps_the_usual_window():
    a = ask("what hardware for gemma 3 12b")
    assert a.reports and all(r.context < 32768 for r in a.reports)


@pytest.mark.parametrize(
    "text, window",
    [
        ("set higher num_ctx value for llama3.2, tried 4096 up to 16K", 16384),
        ("qwen3 8b in vllm, I raised max_model_len from 8k up to 32k", 32768),
        ("gemma 3 12b, num_ctx went up to 24k and it spills to cpu", 24576),
    ],
)
def test_a_k_amount_beside_a_context_flag_is_a_window(text, window):
    q = parse(text)
    assert q.context == window
    assert q.budget_usd is None


@pytest.mark.parametrize(
    "text", ["best gpu under 2k for llama 3.1 8b", "budget is 2k, what gpu for qwen3 8b"]
)
def test_a_budget_without_a_context_word_stays_money(text):
    q = parse(text)
    assert q.budget_usd == 2000
    assert q.context is None


@pytest.mark.parametrize(
    "text, card",
    [
        (
            "I upgraded the driver and l lost my GTX 1080. Can my RTX 3090 run qwen3.6 27b at 200000 context?",
            "rtx-3090",
        ),
        (
            "lost my P40 when I upgraded CUDA, now only the 4090: will gemma 3 27b fit at 32k?",
            "rtx-4090",
        ),
        ("i lost my 1080 ti in the move, what runs on my rtx 3060 12gb?", "rtx-3060"),
    ],
)
def test_a_lost_card_is_not_the_machine(text, card):
    q = parse(text)
    assert q.hardware is not None and q.hardware.id == card
    assert not q.setup


def test_lost_speed_on_a_card_keeps_the_card():
    q = parse("I lost 10 tok/s on my rtx 3090 running qwen3 32b after the update")
    assert q.hardware is not None and q.hardware.id == "rtx-3090"
