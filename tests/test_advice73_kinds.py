"""Round advice73 (issue 8, the "assumption" class): a speed someone reports is read in more of
the forms real posts give it and quoted back beside the estimate, also when no machine is said.
Each kind over 3+ setups beyond the bench question that showed it."""

from __future__ import annotations

import pytest

from fitengine.answers import ask
from fitengine.catalog import default_catalog
from fitengine.nlq import parse


@pytest.fixture(scope="module")
def cat():
    return default_catalog()


# a verb of reaching or having a speed, an adverb or two between it and the figure, and a figure
# said "40+" after such a verb: measured, not wished for
@pytest.mark.parametrize(
    "text, seen",
    [
        ("qwen3.5 35b a3b on an m4 max: mlx_vlm reaches 108 tok/s", 108.0),
        ("gpt-oss-20b on my 3090 gets consistently around 120 tok/s in llama.cpp", 120.0),
        ("qwen3 32b q4_k_m on a 4090, I got up to 38 t/s", 38.0),
        ("gemma 3 27b on a 7900 xtx: I only get 40+ t/s, normal?", 40.0),
        ("Qwen3.6 27B AWQ 在 2080ti 上只能跑到40+token/s", 40.0),
        ("ollama上运行qwen3 30b-a3b在4090上有130token/s", 130.0),
        ("qwen3.5 397b on an m3 ultra 512gb, the old version have ~44tps", 44.0),
    ],
)
def test_a_verb_of_reaching_or_having_a_speed_reads_it_as_measured(cat, text, seen):
    q = parse(text, cat)
    assert q.reported_tok_s == seen, (q.reported_tok_s, q.min_tok_s)
    assert q.min_tok_s is None


# ... while a wish stays a wish: the verb of getting follows the wish's own words
@pytest.mark.parametrize(
    "text, floor",
    [
        ("can I get 30 tok/s with qwen3 32b on a 3090?", 30.0),
        ("what gpu to get 50+ t/s on gpt-oss-120b?", 50.0),
        ("best model for my 4060 ti 16gb at 40+ tok/s", 40.0),
    ],
)
def test_a_wish_for_a_speed_stays_a_wish(cat, text, floor):
    q = parse(text, cat)
    assert q.reported_tok_s is None
    assert q.min_tok_s == floor


# "Tokens per second: 46 vs 43", "TPS: 12.5": a speed's unit as a label, the figure after it
@pytest.mark.parametrize(
    "text, seen",
    [
        ("Qwen3-32B on an A800 80GB\nTokens per second: 0.60\nwhy so slow?", 0.6),
        ("gpt-oss-120b, rtx pro 6000\ntokens/s: 95.2\nis this expected?", 95.2),
        ("Llama 3.1 8B on an RTX 3060 12GB. TPS = 12.5, seems slow", 12.5),
        ("Qwen3 Coder Next 4-bit MLX on an M4 Max 128GB\nTokens per second: 46 vs 43", 46.0),
    ],
)
def test_a_speed_said_under_its_unit_as_a_label_is_measured(cat, text, seen):
    q = parse(text, cat)
    assert q.reported_tok_s == seen
    a = ask(text, cat)
    assert f"You see {seen:g} tok/s" in a.message


def test_a_prompt_speed_under_a_label_is_not_the_decode(cat):
    q = parse("qwen3 8b on a 4090, prompt eval tokens per second: 3000", cat)
    assert q.reported_tok_s is None


# a speed measured on a model, with no machine said: the setups that run it are listed, and the
# speed is set beside the one whose estimate is nearest (or said to be below them all)
@pytest.mark.parametrize(
    "text, seen",
    [
        ("Qwen3-Coder-Next: llama.cpp gets 23 tok/s, why is LM Studio slower?", 23.0),
        ("gemma 4 31b, I'm getting 9 tok/s. why so slow?", 9.0),
        ("gpt-oss-120b runs at 30 t/s for me, can it go faster?", 30.0),
        ("qwen3.5 122b a10b only 2 tok/s, what is wrong?", 2.0),
    ],
)
def test_a_speed_with_no_machine_said_is_set_beside_the_setups_listed(cat, text, seen):
    a = ask(text, cat)
    assert a.intent == "best_hw_for_model", a.intent
    assert a.query.reported_tok_s == seen
    # (the run's program said with it since advice88: "23 tok/s with llama.cpp on a machine...")
    assert f"You see {seen:g} tok/s" in a.message and "on a machine not said" in a.message
    if seen <= 2:
        assert "less than half of any setup here" in a.message
    else:
        assert "nearest of these" in a.message
    # the machine is still what the answer depends on
    assert any(x.what == "hardware" for x in a.assumed)


# the bench's check: a CPU-only machine's memory is its RAM, one assumption under either name
def test_the_bench_reads_a_cpus_memory_and_ram_as_one_assumption(cat):
    from bench.advice import load
    from bench.advice_checks import Ctx, check_must_state_assumption

    bench = load()

    checked = 0
    for text in (
        "Can I run mixtral 8x7b at q8 on a ryzen 9 5900x?",
        "llama 3.1 8b on an i7-12700k, no gpu",
        "qwen3 30b a3b on a ryzen 9 7950x cpu only",
    ):
        a = ask(text, cat)
        ctx = Ctx(answer=a, catalog=cat, bench=bench, rendered="")
        if not any(x.what in ("ram", "memory") for r in a.reports[:1] for x in r.assumed):
            continue
        assert check_must_state_assumption(ctx, ["ram"])
        assert check_must_state_assumption(ctx, ["memory"])
        checked += 1
    assert checked >= 2
    # a Mac's memory stays its own kind: "ram" is not read into it
    a = ask("qwen3.6 27b on an m4 pro", cat)
    ctx = Ctx(answer=a, catalog=cat, bench=bench, rendered="")
    assert check_must_state_assumption(ctx, ["memory"])


# a speed per minute: read as such and said back in the same unit
@pytest.mark.parametrize(
    "text, per_minute",
    [
        ("llama 3.1 8b on an M1 Pro 16GB is responding at 4 tokens per minute", 4),
        ("qwen3 32b on my rtx 3060 12gb, I get 3 tokens per minute, why so slow?", 3),
        ("gemma 3 27b on a ryzen 7 7700x with 32gb: 5 tok/min. is this normal?", 5),
    ],
)
def test_a_speed_per_minute_is_read_and_said_back_per_minute(cat, text, per_minute):
    a = ask(text, cat)
    assert a.query.reported_tok_s == pytest.approx(per_minute / 60)
    assert f"You see {per_minute} tokens a minute" in a.message


# a complaint first, the figure lines later ("Very slow ..., feels worse than it should be" then a
# log's "0.19 tokens/sec"): the figure is the one judged; one in the judgement's own sentence is
# asked about, not measured
@pytest.mark.parametrize(
    "text, seen",
    [
        (
            "Very slow in FP32, feels worse than it should be.\nllama 2 7b on a Ryzen 7 3700X\n"
            "Time for inference 1: 1043.69 sec total, 0.19 tokens/sec",
            0.19,
        ),
        (
            "qwen3 8b on my rtx 3060 is slower than expected.\nlog: eval 512 tokens, 22.5 tok/s",
            22.5,
        ),
        (
            "gpt-oss-20b on an M2 Pro 32GB, is this normal?\nbench: 18 tok/s\nthanks",
            18.0,
        ),
    ],
)
def test_a_figure_after_the_complaint_is_the_one_judged(cat, text, seen):
    assert parse(text, cat).reported_tok_s == seen


def test_a_figure_in_the_judgements_own_sentence_is_asked_not_measured(cat):
    assert (
        parse("qwen3.6 27b on an m4 max 64gb, should I expect 20 tok/s?", cat).reported_tok_s
        is None
    )
