"""Round advice67 (issue 8): the model an answer is about, and whose quant a quant said is.

Each kind is checked on several setups beyond the question that showed it."""

import pytest

import fitengine
from fitengine.nlq import parse


@pytest.mark.parametrize(
    "text, subject",
    [
        # the bench's question: a reported speed of another model, with its file glued to its name
        (
            "the tokens per second for gpt-oss:20b went from 100 (on one H200) to now around 35. "
            "Similarly, the tokens/s for Llama3.3-70b-q8 went from 40 to around 27.",
            "gpt-oss-20b",
        ),
        ("qwen3-32b on my 3090 is slow, and my friend runs gemma3-27b-q8 on his 4090", "qwen3-32b"),
        ("mistral small 24b on a 4060 ti 16gb; llama3.1-8b:q4 was fine there", "mistral-small-*"),
        ("can a 7900 xtx run qwen3 30b a3b? deepseek-r1-14b-q6 ran at 40 tok/s", "qwen3-30b-a3b"),
    ],
)
def test_a_quant_on_another_models_name_is_not_the_subjects(text, subject):
    import fnmatch

    q = parse(text)
    assert q.model is not None and fnmatch.fnmatch(q.model.id, subject)
    assert q.quant is None or q.quants_by_model, (q.quant, q.quants)


@pytest.mark.parametrize(
    "text, quant",
    [
        ("I run qwen3-14b at Q8 on a 4060 ti 16gb", "Q8_0"),
        ("qwen3-14b-q8 on a 4060 ti", "Q8_0"),
        ("gemma3:27b-it-q8_0 on a 3090", "Q8_0"),
    ],
)
def test_a_quant_on_the_subjects_own_name_stays(text, quant):
    assert parse(text).quant == quant


def test_a_quant_on_the_second_compared_name_is_that_ones():
    q = parse("qwen3 14b vs gemma3-12b-q8 on a 3060")
    assert q.quants_by_model == ["", "Q8_0"]
    a = fitengine.ask("qwen3 14b vs gemma3-12b-q8 on a 3060")
    quants = {r.model.id: r.quant for r in a.reports}
    assert quants["gemma-3-12b"] == "Q8_0"


@pytest.mark.parametrize(
    "text, model",
    [
        (
            "it seems you released fp8 versions for llama3.2 vision models; we want to use an A100"
            " for llama3.2-11b-instruct inference",
            "llama-3.2-11b-vision",
        ),
        ("qwen3 is great. can my 3060 run qwen3 14b?", "qwen3-14b"),
        ("gemma3 on my 4090: gemma3:27b uses 20 GB of RAM", "gemma-3-27b"),
        ("deepseek r1 is huge. will deepseek-r1 70b run on two 3090s?", "deepseek-r1-distill-*70b"),
    ],
)
def test_a_family_said_bare_and_again_sized_is_the_sized_one(text, model):
    import fnmatch

    q = parse(text)
    assert q.model is not None and fnmatch.fnmatch(q.model.id, model), q.model


@pytest.mark.parametrize(
    "text, model",
    [
        (
            "Qwen3-Coder-480B-A35B: Can i run this and other bigger model via RTX 5090 32 GB VRAM"
            " + 256 GB RAM?",
            "qwen3-coder-480b-a35b",
        ),
        ("gemma 3 12b on my 3060 - can I run this and other bigger models?", "gemma-3-12b"),
        (
            "GLM-4.5-Air on 2x 3090 with 128gb ram, can i run it and other larger models?",
            "glm-4.5-air",
        ),
    ],
)
def test_the_model_named_with_others_stays_the_subject(text, model):
    q = parse(text)
    assert q.intent == "fit" and q.model is not None and q.model.id == model
    a = fitengine.ask(text)
    assert a.reports and a.reports[0].model.id == model


@pytest.mark.parametrize(
    "text",
    [
        "llama 3 8b is slow on my 3060, any better models?",
        "Mistral 7B on my 4070: is it good, or are there better models to run?",
    ],
)
def test_a_model_to_replace_still_lists_others(text):
    assert parse(text).intent == "best_model_for_hw"
