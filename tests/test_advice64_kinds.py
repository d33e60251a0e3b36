"""Round advice64: kinds the context questions kept showing (real texts: the `a64-` ids of
bench/advice_questions.yaml), each checked over setups beyond the bench's example.

1. A window said only as a launch setting ("num_ctx: 74047", "--max-model-len 4096", "-c 8192",
   "context length is set to 32K") is what the asker runs, not a window asked for: when the setup
   holds a much longer one at the same quant and placement, the answer runs that one and says so.
   A setting past what fits, or a window asked for, stays the answer's window.
2. The window as the topic with no size said ("context window problems", "when the context
   fills"): the answer runs the longest window that fits, not the workload's usual 8-16K.
"""

import pytest

from fitengine import ask
from fitengine.nlq import parse


@pytest.mark.parametrize(
    "text, said",
    [
        ("qwen3.6 27b on a 5090 with num_ctx 16384, replies get cut off", 16384),
        ("gpt-oss-20b on an rtx 4090, llama-server -c 8192 -ngl 99", 8192),
        ("qwen3-coder-30b-a3b on an rtx pro 6000, vllm --max-model-len 32768", 32768),
        ("gemma 3 27b on a 3090, context length is set to 8k", 8192),
        ("- num_ctx: 74047\n- num_keep: 1024\nqwen3.6:27b on an rtx 5090", 74047),
    ],
)
def test_a_launch_setting_is_read_as_one(text, said):
    q = parse(text)
    assert q.context == said
    assert q.context_setting


@pytest.mark.parametrize(
    "text",
    [
        "can I run qwen3.6 27b on a 5090 at 32k context?",
        "qwen3.6 27b on a 5090: I want to scale it up to 128k context",
        "gemma 3 27b with 16k context on a 3090",
    ],
)
def test_a_window_asked_for_is_no_setting(text):
    q = parse(text)
    assert q.context is not None
    assert not q.context_setting


@pytest.mark.parametrize(
    "text, at_least",
    [
        ("qwen3.6 27b on a 5090 with num_ctx 16384, replies get cut off", 65536),
        ("gpt-oss-20b on an rtx 4090, llama-server -c 8192 -ngl 99", 65536),
        ("qwen3-coder-30b-a3b on an rtx pro 6000, vllm --max-model-len 32768", 131072),
        ("gemma 3 27b on a 3090, context length is set to 8k", 16384),
    ],
)
def test_the_answer_runs_the_window_that_fits_past_the_setting(text, at_least):
    a = ask(text)
    r = a.reports[0]
    assert r.fit != "wont_fit"
    assert r.context >= at_least
    assert "setting is well below what this setup holds" in a.message
    assert f"{r.context:,} tokens run well here" in a.message


def test_a_setting_past_what_fits_stays_the_answer_window():
    # 128K of Llama 3.2 3B's cache does not fit 8 GB at the recommended quant: the setting is the
    # question ("goes to the cpu"), not a window to lengthen
    a = ask("llama 3.2 3b on an 8gb rtx 4060 with num_ctx 128000 goes to the cpu")
    assert a.reports[0].context <= 128000
    assert "setting is well below" not in a.message


def test_a_window_asked_for_is_not_lengthened():
    a = ask("can I run qwen3.6 27b on a 5090 at 32k context?")
    assert a.reports[0].context == 32768
    assert "setting is well below" not in a.message


@pytest.mark.parametrize(
    "text, at_least",
    [
        (
            "gemma 4 31b q8_0 on an m4 max 64gb, lm studio keeps crashing when the context fills",
            65536,
        ),
        ("gpt-oss-120b on an h100, context window problems", 131072),
        ("qwen3.6 35b a3b on an rtx 3090, the context window runs out in cline", 65536),
    ],
)
def test_the_window_as_the_topic_runs_the_longest_that_fits(text, at_least):
    q = parse(text)
    assert q.context is None and q.context_topic
    a = ask(text)
    r = a.reports[0]
    assert r.fit != "wont_fit"
    assert r.context >= at_least
    assert "The longest context that runs well here" in a.message


@pytest.mark.parametrize(
    "text",
    [
        "llama-server -c 4096 -ngl 99 with gemma 3 27b on my 3090, can I go higher?",
        "qwen3 32b on a 5090 with num_ctx 4096",
        "mistral small 3.2 24b on a 4090 with -c 4096",
        "gemma 3 27b on a 3090, context window problems",
    ],
)
def test_the_window_kept_is_said_as_running_well_when_a_longer_one_fits_tight(text):
    """The window kept holds the setting's fit label ("runs well"); a longer one may still fit
    tight ("up to 50K context fits" on the card line), so the note says "run well", never "the
    longest that fits" below a larger "fits" on the next line."""
    a = ask(text)
    r = a.reports[0]
    assert r.fit == "runs_well" and r.safe_context > r.context
    assert "run well here" in a.message or "runs well here" in a.message
    assert "fit here" not in a.message and "fits here" not in a.message


def test_no_context_word_keeps_the_usual_window():
    q = parse("qwen3.6 27b on a 5090, how fast?")
    assert not q.context_topic


# 3. A window asked well past an old model's own (Llama 3 8B's 8K, Gemma 2's 8K, Llama 2's 4K):
#    the answer is for the newest release of its family and size that holds it natively, said so,
#    with the named model beside it at its own window.
@pytest.mark.parametrize(
    "text, old, new, at_least",
    [
        ("llama 3 8b at 64k context on a 3090?", "llama-3-8b", "llama-3.1-8b", 65536),
        (
            "llama 3 8b q4_k_m on an rtx 4060 8gb with 32k context for rag?",
            "llama-3-8b",
            "llama-3.1-8b",
            32768,
        ),
        ("llama 3 8b with 128k context on a 4090", "llama-3-8b", "llama-3.1-8b", 131072),
        ("gemma 2 9b at 128k on a 4090", "gemma-2-9b", None, 131072),
    ],
)
def test_an_old_model_past_its_window_is_answered_with_its_newer_release(text, old, new, at_least):
    a = ask(text)
    top, named = a.reports[0], a.reports[1]
    assert named.model.id == old
    assert top.model.id != old and (new is None or top.model.id == new)
    assert top.context >= at_least
    assert "its newer release, holds the" in a.message


def test_a_model_that_holds_the_window_is_not_replaced():
    a = ask("llama 3.1 8b at 64k context on a 3090?")
    assert [r.model.id for r in a.reports] == ["llama-3.1-8b"]
    assert "its newer release" not in a.message


@pytest.mark.parametrize(
    "old, first",
    [
        ("llama-3-8b", "llama-3.1-8b"),  # the same size before 3.2 11B Vision
        ("gemma-2-9b", "gemma-4-12b"),  # E4B's 7.5B holds 4.7B of compute; 12B's newest first
        ("qwen2.5-7b", "qwen3-8b"),  # a text release before Qwen3 VL 8B, newer but adding vision
        ("llama-3-70b", "llama-3.3-70b"),
    ],
)
def test_the_newer_release_named_is_the_closest_text_one_in_effective_size(old, first):
    from fitengine.answers import _newer_by_model
    from fitengine.catalog import default_catalog

    assert _newer_by_model(default_catalog())[old][0] == first


def test_the_named_models_own_run_is_said_in_the_note():
    """A card shows one report: the named model's run at its own window is said in the note, not
    pointed at ("below")."""
    a = ask("llama 3 8b at 128k context on a 4090?")
    assert "below" not in a.message
    assert "Llama 3 8B Instruct itself, at its own 8K: runs well at" in a.message


@pytest.mark.parametrize(
    "text, model",
    [
        ("llama 3 8b at 128k context on a 4090?", "Llama 3.1 8B Instruct"),
        ("gemma 2 27b at 64k context on two 3090s", "Gemma 4 31B IT"),
        ("gemma 2 9b with 32k context on a 4060 ti 16gb", "Gemma 4 12B IT"),
    ],
)
def test_the_cli_shows_the_card_of_a_fit_answered_with_a_newer_release(text, model):
    """A fit answer with the named model's report beside the one it leads with still prints the
    card (its run lines), not the message alone."""
    from fitengine.cli import render_answer

    a = ask(text)
    assert len(a.reports) == 2
    out = render_answer(a)
    assert f"\n\n{model}  on  " in out and "Run it" in out and "llama-server" in out
