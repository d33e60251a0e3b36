"""Round advice68 (issue 8): "I get X tok/s, is that normal?" A measured speed is read in the
forms real posts give it, and the answer sets it beside the estimate for the setup it was
measured on. Each kind over 3+ setups beyond the bench question that showed it."""

from __future__ import annotations

import pytest

from fitengine.answers import ask
from fitengine.catalog import default_catalog
from fitengine.nlq import parse


@pytest.fixture(scope="module")
def cat():
    return default_catalog()


# a speed said before the judgement asked of it ("13.4 tok/s  Is this normal?"), with no verb of
# getting, is the one measured
@pytest.mark.parametrize(
    "text, seen",
    [
        ("M2 MAX  13.4 tok/s  Is this normal? qwen3.6 27b", 13.4),
        ("RTX 3090, qwen3-32b q4_k_m: 12 tok/s. Is that normal?", 12.0),
        ("gpt-oss-120b on a strix halo 128gb 30 tok/s, is this expected?", 30.0),
        ("rtx 4060 ti 16gb gpt-oss-20b 39 tok/s in ollama, is that normal?", 39.0),
    ],
)
def test_a_speed_before_is_that_normal_is_the_measured_one(cat, text, seen):
    a = ask(text, cat)
    assert a.query.reported_tok_s == seen
    assert a.intent == "fit"
    assert f"You see {seen:g} tok/s" in a.message


@pytest.mark.parametrize(
    "text",
    [
        "Can I expect 30 tok/s with qwen3 32b on a 3090?",
        "is 50 tok/s realistic for gpt-oss-120b on a strix halo 128gb?",
        "qwen3.6 27b on an m4 max 64gb, should I expect 20 tok/s?",
    ],
)
def test_a_speed_asked_about_is_not_a_measurement(cat, text):
    q = parse(text, cat)
    assert q.reported_tok_s is None


def test_the_own_figure_is_the_one_nearest_the_question(cat):
    # a verb of getting still wins over a figure quoted from elsewhere
    q = parse(
        "the README says 83 tok/s for qwen3.6 27b on a 3090, I get 49 tok/s. Is that normal?", cat
    )
    assert q.reported_tok_s == 49


# markdown's emphasis or code marks around a figure ("**1.85 tokens/sec**", "`20.6 tokens/s`")
@pytest.mark.parametrize(
    "text, seen",
    [
        ("llama 2 13b q4 on a jetson agx orin 64gb: the test shows only `20.6 tokens/s`", 20.6),
        ("gpt-oss-20b on my rtx 4090, I'm getting **95 tokens/sec**. why so slow?", 95.0),
        ("qwen3 8b q4_k_m on an m4 pro 24gb: TorchChat : **1.85 tokens/sec**", 1.85),
        ("gemma 3 12b on a 3060 12gb: **18 tok/s**. is that expected?", 18.0),
    ],
)
def test_a_figure_in_markdown_marks_is_read(cat, text, seen):
    q = parse(text, cat)
    assert q.reported_tok_s == seen


# what a figure is, said right after its unit ("18 token/s TG", "165 token/s PP")
@pytest.mark.parametrize(
    "text, decode, prefill",
    [
        ("llama 3.1 8b on a 3060: 165 token/s PP and 18 token/s TG", 18.0, 165.0),
        ("qwen3-30b-a3b on a 4060 ti 8gb with -ot exps=CPU: 11-12 token/s TG", 11.0, None),
        ("gpt-oss-120b on a strix halo 128gb: 900 t/s prefill, 45 t/s decode", 45.0, 900.0),
        ("qwen3.6 27b on a 7900 xtx, 1000 tok/s pp512 and 35 tok/s tg128", 35.0, 1000.0),
    ],
)
def test_the_noun_after_a_figure_says_what_it_measures(cat, text, decode, prefill):
    q = parse(text, cat)
    assert q.reported_tok_s == decode
    assert q.reported_prefill_tok_s == prefill


# a speed that changed: the figure after the change is the one measured now
@pytest.mark.parametrize(
    "text, seen",
    [
        (
            "gpt-oss-20b on a 4060 ti 16gb: after the update the speed went from 15T/s max to 39T/s",
            39.0,
        ),
        ("qwen3.6 35b a3b on a 3090, decode dropped from 120 tok/s to 40 tok/s", 40.0),
        ("gemma 4 26b on a 5060 ti: from 60 t/s down to 22 t/s since the last ollama", 22.0),
    ],
)
def test_a_speed_that_changed_is_read_at_its_new_value(cat, text, seen):
    q = parse(text, cat)
    assert q.reported_tok_s == seen


# a speed measured on a llama.cpp build that is named ("~15 t/s with Vulkan", "on ROCm"): the
# build is kept, and the answer sets the figure beside that build's estimate when the answer runs
# on another
@pytest.mark.parametrize(
    "text, seen, backend",
    [
        (
            "gemma3 12b on my intel arc b580: ~35 t/s with ipex-llm, ~15 t/s with Vulkan",
            35.0,
            "sycl",
        ),
        ("qwen3 8b on my 7900 xtx: 40 tok/s on rocm, is that normal?", 40.0, "rocm"),
        ("qwen3.5-35b-a3b on an arc a770 16gb: 10 tok/s with sycl, 68 with vulkan", 10.0, "sycl"),
        ("gpt-oss-120b on a strix halo 128gb gets 30 tok/s using vulkan", 30.0, "vulkan"),
    ],
)
def test_the_build_a_speed_was_measured_on_is_kept(cat, text, seen, backend):
    q = parse(text, cat)
    assert q.reported_tok_s == seen
    assert q.reported_backend == backend


@pytest.mark.parametrize(
    "text, build",
    [
        ("gpt-oss-20b on a 7900 xtx: rocm or vulkan? I get 150 tok/s on vulkan", "Vulkan"),
        ("qwen3.5-35b-a3b on an arc a770 16gb, sycl or vulkan? 60 tok/s on vulkan", "Vulkan"),
        ("qwen3.6-35b-a3b on a strix halo 128gb, rocm vs vulkan: 50 tok/s with vulkan", "Vulkan"),
    ],
)
def test_the_measured_speed_is_judged_on_its_own_build(cat, text, build):
    a = ask(text, cat)
    r = a.reports[0]
    assert r.backend.lower() != build.lower()  # the answer runs on the other build
    assert f"at {r.quant} on {build} (likely" in a.message


# a speed measured on a family name ("gpt-oss", "qwen3.6") answered for its members side by side:
# the figure is set beside each member's estimate, the one whose band holds it named
@pytest.mark.parametrize(
    "text, named",
    [
        ("qwen3.6 on my 3090 gives 30 tok/s, is that normal?", "Qwen3.6 27B"),
        ("qwen3.6 on my rtx 4090 I get 38 tok/s", "Qwen3.6 27B"),  # its band: ~28-39
        ("qwen3.6 on my 3090 gives 120 tok/s, is that normal?", "Qwen3.6 35B-A3B"),
    ],
)
def test_a_speed_on_a_family_names_the_member_it_matches(cat, text, named):
    a = ask(text, cat)
    assert "is several models" in a.message
    assert f"what {named} does here" in a.message


@pytest.mark.parametrize(
    "text",
    [
        "gpt-oss on my 3090 gives 15 t/s, is that normal?",
        "qwen3.6 on my rtx 4090 I only get 5 tok/s",
        "qwen3.6 on my 3090: getting 4 tok/s, why so slow?",
    ],
)
def test_a_speed_below_every_member_gives_the_usual_causes(cat, text):
    a = ask(text, cat)
    assert "below all of these" in a.message
    assert "Usual causes:" in a.message
