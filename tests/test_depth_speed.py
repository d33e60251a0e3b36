"""How speed falls as the window fills: "how much context before it gets slow" answers with
decode and prompt reading at depths up to the longest window the setup holds."""

from __future__ import annotations

import json

import pytest

from fitengine import analyze, ask, parse
from fitengine.cli import main
from fitengine.engine import speed_by_depth, verdict


@pytest.mark.parametrize(
    "text",
    [
        "deepseek v4 flash on an m3 max 128gb, how much context before it gets slow?",
        "qwen3.6 27b on my 3090, does it slow down as the context grows?",
        "gpt-oss 120b on strix halo 128gb speed at long context",
        "how fast at long context is gemma 4 31b on a 5090",
    ],
)
def test_questions_about_speed_at_depth_are_read_as_such(text):
    assert parse(text).asks_depth_speed


@pytest.mark.parametrize(
    "text",
    [
        "can my 3090 run qwen3 32b at 32k?",
        "how much context can I get with qwen3.6 27b on a 3090",
        "is gpt-oss 120b slow on a 4090?",
    ],
)
def test_other_questions_are_not(text):
    assert not parse(text).asks_depth_speed


def test_rows_run_from_an_empty_cache_to_the_whole_window():
    rows = speed_by_depth(verdict("qwen3.6-27b", "rtx 3090", context=65536))
    depths = [x.depth for x in rows]
    assert depths == [0, 8192, 16384, 32768, 65536]
    decode = [x.decode_tok_s for x in rows]
    assert decode == sorted(decode, reverse=True) and decode[-1] < decode[0]
    reads = [x.read_s for x in rows]
    assert reads[0] == 0 and reads == sorted(reads)
    assert all(x.prefill_tok_s > 0 for x in rows)


def test_a_run_that_does_not_fit_has_no_rows():
    assert speed_by_depth(verdict("deepseek-v4-pro", "rtx 3060")) == []


def test_the_answer_runs_the_longest_window_and_says_how_speed_falls():
    a = ask("qwen3.6 27b on my 3090, does it slow down as the context grows?")
    r = a.reports[0]
    assert r.context == r.safe_context and r.context > 32768
    assert r.speed_by_depth[-1].depth == r.context
    # the window the recommended cache holds: no switch to a quantized cache for more of it (Q6_K
    # with a q8_0 cache runs well at 32K on a 3090, where its 22.9 GB file with an f16 one is tight)
    assert r.kv_type == analyze("qwen3.6-27b", "rtx 3090").kv_type
    assert "As the context fills, decode goes from" in a.message
    assert "Decode stays above" in a.message


def test_a_plain_fit_question_carries_no_rows():
    r = ask("can my 3090 run qwen3.6 27b at 16k?").reports[0]
    assert r.speed_by_depth == []
    assert analyze("qwen3.6-27b", "rtx 3090").speed_by_depth == []


def test_the_cli_prints_and_serialises_the_rows(capsys):
    assert main(["fit", "qwen3.6-27b", "rtx 3090", "--context", "64k", "--by-depth"]) == 0
    out = capsys.readouterr().out
    assert "Speed as the context fills" in out and "65,536  decode" in out
    assert main(["fit", "qwen3.6-27b", "rtx 3090", "--by-depth", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["speed_by_depth"]
    assert rows and set(rows[0]) == {"depth", "decode_tok_s", "prefill_tok_s", "read_s"}


def test_a_long_context_asked_says_how_long_a_prompt_that_fills_it_takes():
    a = ask("minimax m2.1 on an m3 ultra 256gb at 146k context, how fast?")
    r = a.reports[0]
    assert r.read_full_s > 60 and r.prefill_full_tok_s < r.prefill_tok_s
    assert r.speed_by_depth == []  # read with the report, not a second one
    assert f"A prompt that fills the {146000 // 1000}K takes" in a.message
    # a short one does not
    assert "A prompt that fills" not in ask("can my 3090 run qwen3 32b at 8k?").message
