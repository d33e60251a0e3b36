"""Round advice78: kinds the real context questions showed (the `a78-` ids of
bench/advice_questions.yaml), each checked over setups beyond the bench's example.

1. A window said as the one a setup or a tool stopped at ("it's able to reach 16k context",
   "ollama only has 2k context", "stuck at 4096", "auto-reduced to 8960") is what the asker gets
   now, as a launch setting is: the answer runs the longest window that fits when that is well
   longer. A window wanted ("I want to reach 128k context") stays the ask.
2. A llama-bench table row pasted ("| glm4moe 106B.A12B Q4_K - Medium |  68.01 GiB |  110.47 B |")
   gives the file's size in its size column, not the machine's memory.
"""

import pytest

from fitengine import ask
from fitengine.nlq import parse


@pytest.mark.parametrize(
    "text, window",
    [
        (
            "qwen3 14b on my 4060 ti 16gb, with llama.cpp it is only able to reach 8k context",
            8192,
        ),
        ("Gemma 3 27B on a 3090 is stuck at 4096 context in LM Studio", 4096),
        ("Llama 3.1 8B on an RTX 4070, ollama only has 2k context, how to get more", 2048),
        ("qwen3 8b on a 3060 12gb, the context auto-reduced to 8960 tokens", 8960),
    ],
)
def test_a_window_stopped_at_is_what_they_get_and_the_answer_runs_longer(text, window):
    q = parse(text)
    assert q.context == window and q.context_setting
    a = ask(text)
    assert a.reports and a.reports[0].fit != "wont_fit"
    assert a.reports[0].context >= 2 * window


@pytest.mark.parametrize(
    "text, window",
    [
        ("I want to reach 128k context with qwen3 32b on a 3090", 131072),
        ("can I reach 64k context with gemma 3 12b on a 4070?", 65536),
        ("is it possible to get 32k context on llama 3.1 8b with a 3060?", 32768),
    ],
)
def test_a_window_wanted_stays_the_ask(text, window):
    q = parse(text)
    assert q.context == window and not q.context_setting


@pytest.mark.parametrize(
    "text, model, machine_gb",
    [
        (
            "GLM-4.5-Air on a Strix Halo\n"
            "| glm4moe 106B.A12B Q4_K - Medium |  68.01 GiB |   110.47 B | ROCm       | 200 |",
            "glm-4.5-air",
            None,
        ),
        (
            "RTX 3090\n| qwen3moe 30B.A3B Q4_K - Medium |  17.28 GiB |    30.53 B | CUDA       |  99 |",
            "qwen3-30b-a3b*",
            None,
        ),
        (
            "two 3090\n| gpt-oss 120B MXFP4 MoE         |  59.02 GiB |   116.83 B | CUDA       |  99 |",
            "gpt-oss-120b",
            None,
        ),
        (
            "M4 Max 128GB\n| llama 8B Q8_0                  |   7.95 GiB |     8.03 B | Metal,BLAS |  12 |",
            "llama-3.1-8b",
            128.0,
        ),
    ],
)
def test_a_llama_bench_size_column_is_the_file_not_the_memory(text, model, machine_gb):
    q = parse(text)
    assert q.model is not None
    assert q.model.id.startswith(model.rstrip("*")) if model.endswith("*") else q.model.id == model
    assert q.vram_gb == machine_gb and q.ram_gb is None
    assert any("a file's size" in i for i in q.ignored)
