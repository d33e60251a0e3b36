"""A fine-tune's, merge's or re-quant's name the catalog lacks reads as the model its name says
(family, version, size), said out loud; another model of the family ("-VL-") or a size no member
has reads nothing (advice58)."""

import pytest

from fitengine import ask
from fitengine.nlq import parse
from fitengine.resolve import base_reading


@pytest.mark.parametrize(
    ("name", "base"),
    [
        ("Huihui-Qwen3.5-2B-abliterated.Q8_0.gguf", "qwen3.5-2b"),
        ("NurtureAI/Llama-3-8B-64k-GGUF", "llama-3-8b"),
        ("Kreuzzelg/qwen36-35b-a3b-colibri-i4-gs64", "qwen3.6-35b-a3b"),
        ("tripolskypetr/qwen3.5-uncensored-aggressive:122b", "qwen3.5-122b-a10b"),
        ("Llama-3.1-8B-Lexi-Uncensored", "llama-3.1-8b"),
        ("gemma-3-27b-it-qat-abliterated", "gemma-3-27b"),
        ("Mistral-Small-3.2-24B-Instruct-2506-abliterated", "mistral-small-3.2-24b"),
        ("gpt-oss-20b-uncensored", "gpt-oss-20b"),
        # a distill's own entry is the longer name: that one, not the model it names
        ("DeepSeek-R1-Distill-Qwen-14B-abliterated", "deepseek-r1-distill-qwen-14b"),
        # another model of the family, a size no member has, no family: nothing
        ("Qwen3-VL-2B-abliterated", None),
        ("Qwen2.5-Omni-3B", None),
        ("Qwen2.5-Math-7B", None),
        ("qwen3 13b abliterated", None),
        ("someone/Foo-Bar-13B-GGUF", None),
        ("qwen3.5-uncensored", None),
    ],
)
def test_a_finetune_name_reads_as_its_base(name, base):
    got = base_reading(name)
    assert (got.id if got else None) == base


@pytest.mark.parametrize(
    ("text", "base"),
    [
        ("can I run Huihui-Qwen3.5-2B-abliterated.Q8_0.gguf on a gtx 1650?", "qwen3.5-2b"),
        ("Qwen3-14B-abliterated on my 3060 12gb, how fast?", "qwen3-14b"),
        ("what speed for qwen3 8b uncensored on a 3060?", "qwen3-8b"),
    ],
)
def test_a_finetune_file_is_answered_for_its_base_and_says_so(text, base):
    a = ask(text)
    assert a.query.model.id == base
    assert "a fine-tune has its base's size" in a.message
    assert a.reports


@pytest.mark.parametrize(
    ("text", "base"),
    [
        ("can I run tripolskypetr/qwen3.5-uncensored-aggressive:122b on 2x 3090?", "qwen3.5-"),
        ("will Kreuzzelg/qwen36-35b-a3b-colibri-i4-gs64 run on a 4090?", "qwen3.6-35b-a3b"),
        ("TheBloke/Mistral-7B-v0.2-GGUF on a gtx 1060 6gb?", "mistral-7b"),
    ],
)
def test_an_unread_finetune_repo_is_answered_for_its_base(text, base):
    # the parser keeps the repo for the Hub to read; unread, the answer reads the name
    assert "/" in parse(text).model.id
    a = ask(text)
    assert a.reports and a.reports[0].model.id.startswith(base)
    assert "read as" in a.message


def test_an_unread_repo_of_no_catalog_model_stays_unknown():
    # not read as Qwen3 2B: answered for models of its size, said (advice61)
    a = ask("someone/Qwen3-VL-2B-abliterated-GGUF on a 3060")
    assert "don't know" in a.message and "answered for 2B models" in a.message
    assert "read as" not in a.message


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("gemma 3 27b on 3090, a 36K prompt takes forever", 36000),
        ("running qwen3.6 27b on a 5090 with a 20k token prompt, how slow is prefill?", 20000),
        ("I have a 12k prompt and a 3060 12gb, will qwen3 14b handle it", 12288),
    ],
)
def test_a_prompt_length_said_is_the_context_it_needs(text, context):
    q = parse(text)
    assert q.context == context
    assert any("prompt needs a context" in a for a in q.assumed)


@pytest.mark.parametrize(
    "text",
    [
        "3x Tesla P40, llama 70b q6: prompt processing 8k = 82.44 sec",
        "qwen3.6 35b a3b on a DGX Spark with 8K input, 256 output",
    ],
)
def test_a_benchmarks_prompt_length_is_still_no_context(text):
    assert parse(text).context is None


def test_a_context_said_beside_a_prompt_length_wins():
    assert parse("an 8k prompt on qwen3 8b with 32k context on a 3060").context == 32768


def test_a_prompt_inside_every_workloads_window_leaves_the_window_alone():
    # the floor a prompt must pass to set the window is the shortest window a workload runs at
    from fitengine.catalog import default_catalog
    from fitengine.nlq.spans import PROMPT_SETS_WINDOW_PAST

    shortest = min(w.min_context for w in default_catalog().workloads.values())
    assert shortest == PROMPT_SETS_WINDOW_PAST
    assert parse("qwen3 8b on a 3060 with a 4k token prompt").context is None
    assert parse("qwen3 8b on a 3060, OOM at a 20k token prompt").context == 20000
