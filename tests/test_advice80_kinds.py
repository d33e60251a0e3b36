"""Round advice80: kinds the real context questions showed (the `a80-` ids of
bench/advice_questions.yaml), each checked over setups beyond the bench's example.

1. A window said as one the asker hit, not one asked: with a plus after it ("the session grew to
   ~58k+ tokens and crashed"), followed by "is too large" ("A context size of 8192 is too large for
   the available VRAM"), or after "grew to" / "最高支持" ("supports at most"). Like a launch
   setting (advice78), it is what they get now; the answer runs the longest window that fits when
   that is well longer, not the one that broke.
2. A model given as a path ending in its repo's own name ("vllm serve /root/Qwen/Qwen3-30B-A3B",
   "--model /home/me/models/Qwen/Qwen3-4B") is that repo's model, not the newest release of the
   family read by name (Qwen3 30B-A3B Instruct 2507), so a served name said beside it
   ("--served-model-name Qwen3-30B-A3B-vllm") is the same model, not a second one compared.
"""

import pytest

from fitengine import ask
from fitengine.nlq import parse


@pytest.mark.parametrize(
    "text, window",
    [
        (
            "Qwen3-Coder-30B-A3B 8bit with mlx_lm.server on a Mac Studio M3 Ultra 96GB: the"
            " session context grew to ~58k+ tokens and the Mac crashed",
            58000,
        ),
        (
            "Qwen3 30B A3B on my RTX 5090 crashes once the chat reaches 20k+ tokens of context",
            20000,
        ),
        (
            "Gemma 3 12B on an RTX 3090 24GB: Failed to load model: A context size of 8192 is too"
            " large for the available VRAM",
            8192,
        ),
        (
            "Llama 3.1 8B on an RTX 4070 12GB, the context grew to 12000 tokens and then it ran"
            " out of memory",
            12000,
        ),
        ("2x RTX 4090, Qwen3-14B 最高支持10000token左右", 10000),
    ],
)
def test_a_window_hit_is_what_they_get_and_the_answer_runs_longer(text, window):
    q = parse(text)
    assert q.context == window and q.context_setting
    a = ask(text)
    assert a.reports and a.reports[0].fit != "wont_fit"
    assert a.reports[0].context >= 1.5 * window


@pytest.mark.parametrize(
    "text, window",
    [
        ("can qwen3 8b run 32k context on a 3060 12gb?", 32768),
        ("Gemma 3 12B on an RTX 3090 at 16k context, how fast?", 16384),
        ("is 8192 context enough for llama 3.1 8b on a 4060?", 8192),
    ],
)
def test_a_window_asked_stays_the_ask(text, window):
    q = parse(text)
    assert q.context == window and not q.context_setting
    a = ask(text)
    assert a.reports and a.reports[0].context == window


@pytest.mark.parametrize(
    "text, model",
    [
        ("vllm serve /data/Qwen/Qwen3-4B on a 3090", "qwen3-4b"),
        (
            "vllm serve /models/Qwen/Qwen3-235B-A22B --tensor-parallel-size 8 on 8x H100",
            "qwen3-235b-a22b",
        ),
        (
            "python -m vllm.entrypoints.openai.api_server --model /home/me/models/Qwen/Qwen3-30B-A3B"
            " --tensor-parallel-size 2 on 2x 4090",
            "qwen3-30b-a3b",
        ),
        (
            "4x A10, vllm serve /root/Qwen/Qwen3-30B-A3B --tensor-parallel-size 4"
            " --served-model-name Qwen3-30B-A3B-vllm, CUDA out of memory",
            "qwen3-30b-a3b",
        ),
    ],
)
def test_a_repo_path_names_that_repo_not_the_newest_release(text, model):
    q = parse(text)
    assert q.model is not None and q.model.id == model
    assert q.intent != "compare"
    assert not any("read as the newest" in a for a in q.assumed)
