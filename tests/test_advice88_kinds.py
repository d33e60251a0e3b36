"""How measured speeds are read and said back (the advice88 round, the assumption class): a
distill named by its base family reads as the distill; one size said for a family and another
model sizes both; every measured run said back, each figure to three digits."""

from __future__ import annotations

import pytest

from fitengine.answers import ask
from fitengine.nlq import parse

# --------------------------------------------------------------------------- distills


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("running deepseek r1 distilled qwen 32b on 2x3090", "deepseek-r1-distill-qwen-32b"),
        ("deepseek-r1蒸馏qwen 7b 在 8845HS 上跑", "deepseek-r1-distill-qwen-7b"),
        (
            "DeepSeek R1 distilled Llama 8B on my rx 6600 gets 20 t/s",
            "deepseek-r1-distill-llama-8b",
        ),
        ("r1 distillation qwen 14b on a 4070, fits?", "deepseek-r1-distill-qwen-14b"),
    ],
)
def test_a_distill_named_by_its_base_family_is_the_distill(text, want, cat):
    """ "distilled", "蒸馏" are the "distill" of the names (language.yaml name_word_forms): R1
    distilled into Qwen 32B is the 32B distill, not DeepSeek R1 (671B), which fits nowhere."""
    assert parse(text).model.id == want
    assert ask(text, cat).reports[0].model.id == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "跑deepseek-r1蒸馏qwen或者qwen2.5基本就9~10token/s。CPU/GPU是8845HS。这正常吗？\n\n7b。",
            {"deepseek-r1-distill-qwen-7b", "qwen2.5-7b"},
        ),
        (
            "r1 distill qwen or qwen2.5 on my 3060, 14b: 25 t/s. normal?",
            {"deepseek-r1-distill-qwen-14b", "qwen2.5-14b"},
        ),
        (
            "deepseek r1 distilled qwen vs qwen2.5 on a 4060 ti 16gb, the 14b ones: 20 tok/s,"
            " is that normal?",
            {"deepseek-r1-distill-qwen-14b", "qwen2.5-14b"},
        ),
    ],
)
def test_one_size_said_for_a_family_and_a_model_sizes_both(text, want, cat):
    """A family named bare beside another model, one size said for both: each is its member of
    that size, compared, and the speed measured is kept and said back."""
    q = parse(text)
    assert {q.model.id, q.model_b.id} == want
    assert q.reported_tok_s is not None
    a = ask(text, cat)
    assert {r.model.id for r in a.reports} == want
    assert "You see" in a.message


# --------------------------------------------------------------------------- runs said back


@pytest.mark.parametrize(
    ("text", "first", "also"),
    [
        (
            "qwen3 30b a3b on my 3090 with llama.cpp gets 90 t/s, but LM Studio gives 70 t/s. normal?",
            "90 tok/s",
            ["70 tok/s"],
        ),
        (
            "gemma 3 12b on an rx 7600: vulkan I get 30 tok/s, rocm I get 25 tok/s. expected?",
            "30 tok/s",
            ["25 tok/s"],
        ),
        (
            "llama 3.1 8b on a 4060: q8_0 gets 40 tok/s TG and f16 only gets 21-23 tok/s TG. normal?",
            "40 tok/s",
            ["21-23 tok/s"],
        ),
    ],
)
def test_every_run_measured_is_said_back(text, first, also, cat):
    """Each measured decode in the text is said back in the asker's unit, the first read
    against the estimate and the others beside it."""
    msg = ask(text, cat).message
    assert f"You see {first}" in msg
    for fig in also:
        assert fig in msg


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("llama 3.1 8b on my rtx 3060, I get 18.36 tok/s, is that normal?", "18.4 tok/s"),
        ("qwen3 8b on a 4060, getting 1.85 tokens/sec, why so slow?", "1.85 tok/s"),
        ("qwen2.5 7b on a 4090 I'm getting 143.27 tok/s, is that expected?", "143 tok/s"),
    ],
)
def test_a_figure_is_said_back_to_three_digits(text, said, cat):
    """ "18.36" is said back as 18.4, as a regular would; three digits never become an
    exponent ("143", not "1.43e+02")."""
    msg = ask(text, cat).message
    assert f"You see {said}" in msg
    assert "e+0" not in msg


@pytest.mark.parametrize(
    ("text", "first", "before"),
    [
        ("gemma 3 27b on a 4090 went from 40 t/s to 35 t/s after an update, normal?", 35, 40),
        ("qwen3 8b on my 3060: the speed from 15T/s max to 39T/s after the update", 39, 15),
        ("llama 3.1 8b on m2 pro dropped from 30 tok/s down to 22 tok/s, why so slow?", 22, 30),
    ],
)
def test_the_speed_a_run_changed_from_is_said_back_too(text, first, before, cat):
    """ "went from 40 t/s to 35 t/s": the speed now is read against the estimate, the one it
    changed from is said back beside it."""
    q = parse(text)
    assert q.reported_tok_s == first
    assert (before, before, "before") in q.reported_also
    assert f"(and {before} tok/s before)" in ask(text, cat).message


# --------------------------------------------------------------------------- llama.cpp as built


@pytest.mark.parametrize(
    "text",
    [
        "3060 here. I used llama compiled on 13 Sep and got up to 49t/s. New version compiled"
        " 21 Sep give me 46 t/s.",
        "rtx 3090: the llama build from august gave me 120 t/s, the new llama build only 100 t/s",
        "after updating my compiled llama binaries my 4070 dropped from 60 t/s to 52 t/s",
    ],
)
def test_llama_as_built_is_the_program_not_a_model(text, cat):
    """ "llama compiled on 13 Sep", "the llama build": llama.cpp as built (language.yaml
    software), not the Llama family asked about; both speeds are said back."""
    q = parse(text)
    assert q.model is None and not any(u.kind == "model" for u in q.unsure)
    assert q.reported_tok_s is not None and q.reported_also
    msg = ask(text, cat).message
    assert "You see" in msg and "(and " in msg


# --------------------------------------------------------------------------- runs labelled


@pytest.mark.parametrize(
    ("text", "first", "also", "backend"),
    [
        (
            "qwen3 14b on my arc a770: SYCL gives me about 7 t/s and Vulkan about 20 t/s. which"
            " backend should I use?",
            "7 tok/s with SYCL",
            "20 tok/s with Vulkan",
            "sycl",
        ),
        (
            "gemma 3 12b on rx 7600: Vulkan gives me 30 t/s and ROCm 25 t/s, rocm or vulkan?",
            "30 tok/s with Vulkan",
            "25 tok/s with ROCm",
            "vulkan",
        ),
        (
            "gpt-oss 20b on a 4060 ti 16gb: Ollama gets 15 t/s, LM Studio gets 60 t/s, normal?",
            "15 tok/s with Ollama",
            "60 tok/s with LM Studio",
            None,
        ),
        (
            "gemma 3 4b on a ryzen 7 5700u: vulkan 8 t/s, cpu 10 t/s, is that normal?",
            "10 tok/s",
            "8 tok/s with Vulkan",
            None,
        ),
    ],
)
def test_each_run_is_said_back_with_what_it_ran_on(text, first, also, backend, cat):
    """A backend or program said right before a figure labels that run: each is said back with
    it, and a llama.cpp backend's run is read against that build's own estimate (language.yaml
    speed_run_labels, backend_words)."""
    q = parse(text)
    assert q.reported_backend == backend
    msg = ask(text, cat).message
    assert f"You see {first}" in msg
    assert also in msg
