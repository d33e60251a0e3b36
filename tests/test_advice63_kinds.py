"""Round advice63: kinds of mistake the blind context questions (a63- ids) showed, each over
several setups.

1. A server's sequence count said beyond what an answer sizes a cache for ("--max-num-seqs 256",
   "OLLAMA_NUM_PARALLEL=128") is answered for the most it sizes (MAX_PARALLEL) and said, not
   refused as a bad request ("parallel must be between 1 and 64").
2. A prompt's length said with the reply's ("88k prompt + 65k max_tokens") asks for a window
   holding both, not the reply's length read as the window.
3. A coding agent named by its CLI ("the claude CLI", "kilo code", "openhands", "qwen code cli") is an
   agent's workload: its window (64K and up), not chat's 8K.
"""

import pytest

from fitengine import ask
from fitengine.constants import MAX_PARALLEL
from fitengine.nlq import parse


@pytest.mark.parametrize(
    "text",
    [
        'vllm serve "meta-llama/Llama-4-Scout-17B-16E-Instruct" --tensor-parallel-size 4'
        " --max-model-len 49152 --max-num-seqs 256. Is this the best way to deploy it on 4xH100?",
        "OLLAMA_NUM_PARALLEL=128 with gpt-oss-20b on an RTX PRO 6000, will it fit?",
        "qwen3 8b on 2x 3090 for 100 concurrent users, 8k context each?",
    ],
)
def test_sequences_beyond_the_range_are_answered_for_the_most(text):
    q = parse(text)
    assert q.parallel == MAX_PARALLEL
    assert any(f"sized for {MAX_PARALLEL}" in a for a in q.assumed)
    a = ask(text)
    assert a.intent != "unclear", a.message
    assert a.reports and a.reports[0].parallel == MAX_PARALLEL
    assert "must be between" not in a.message


@pytest.mark.parametrize(
    "text, window",
    [
        (
            "CUDA OOM on Qwen3.6-27B-INT4 with 88k prompt + 65k max_tokens, TP=2 on dual RTX 3090",
            153_536,
        ),
        ("OOM with a 40k prompt and 8k max_tokens on qwen3 32b with 2x 3090", 48_192),
        (
            "gpt-oss-120b on an rtx pro 6000: a 100k prompt plus 16k output tokens, will it fit?",
            116_384,
        ),
    ],
)
def test_a_prompt_and_its_reply_need_a_window_of_both(text, window):
    q = parse(text)
    assert q.context == window
    assert any("reply need a context of both" in a for a in q.assumed)
    a = ask(text)
    assert a.reports and a.reports[0].context >= window


def test_a_prompt_alone_still_sets_the_window():
    assert parse("OOM at a 36K prompt on my 3090 with qwen3 32b").context == 36_000
    # a benchmark's input and output stay measurements, no window
    assert parse("8K input, 256 output on a 4090 with llama 3.1 8b").context is None


@pytest.mark.parametrize(
    "text",
    [
        "Gemma 4 31B on an M1 Max 64GB: when prompting via the claude CLI, the responses are very slow",
        "using kilo code with qwen3.6 27b on a 3090, how much context?",
        "openhands with devstral small 2 on a 5090",
        "qwen code cli with qwen3.6 35b a3b on a 4090 and 64gb ram",
    ],
)
def test_an_agent_named_by_its_cli_gets_an_agents_window(text):
    q = parse(text)
    assert q.workload == "agentic"
    a = ask(text)
    assert a.reports and a.reports[0].context >= 65_536
