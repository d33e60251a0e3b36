"""Kinds the blind round advice103 met: several cards of one kind at long context, and the window a
vLLM / SGLang server starts with when none is set.

1. Cards of one kind and a model one of them holds with less of the window than all of them:
   llama.cpp's default --split-mode layer spreads the layers and their KV cache over every visible
   card (docs/multi-gpu.md), so the answer is the split and its window the cards' together; one
   card alone is said beside it with its speed, its window and `-dev CUDA0`. Where one card keeps
   the whole window too, the run is on it (a hop faster, the others free), as before.
2. A server named with no window set: vLLM and SGLang serve the model's own window (vllm#19407),
   so the answer is at it where it fits, and names the --max-model-len / --context-length that
   fits where it does not.
"""

from __future__ import annotations

import re

from fitengine import ask
from fitengine.nlq import parse


def test_two_equal_cards_give_the_window_of_both():
    a = ask("would qwen 3.6 27b work on my dual rtx 5090 build?")
    r = a.reports[0]
    assert r.hardware.count == 2 and r.placement.kind == "multi_gpu" and not r.placement.idle
    # the pair holds the model's whole window; one 32 GB card alone well under it
    assert r.safe_context >= 262144


def test_one_card_alone_is_said_beside_the_split_with_its_speed_and_window():
    msg = ask("would qwen 3.6 27b work on my dual rtx 5090 build?").message
    one = re.search(
        r"One [^.]*RTX 5090 alone also runs \S+ at 32K \(~(\d+) tok/s, up to (\d+)K", msg
    )
    assert one, msg
    assert 30 <= int(one.group(1)) <= 70 and int(one.group(2)) < 256
    assert "-dev CUDA0" in msg and "leaving the other free" in msg
    assert "the split over both is what holds the 256K window" in msg


def test_four_equal_cards_say_how_many_stay_free():
    msg = ask("qwen3.6 27b on 4x rtx 5090, does it fit?").message
    assert "RTX 5090 alone also runs" in msg and "leaving the other 3 free" in msg


def test_one_card_that_keeps_the_whole_window_is_the_run():
    # a 9B one 3090 holds with its whole 256K window: nothing is given up on one card, which is a
    # hop faster, so the run is there and the other card stays free (-dev CUDA0)
    r = ask("qwen3.5 9b on my pair of 3090s").reports[0]
    assert r.placement.kind == "gpu" and r.placement.idle and r.safe_context >= 262144


def test_no_card_alone_where_one_card_does_not_hold_the_quant():
    # Gemma 4 31B at Q8_0 (~34 GB) needs two 24 GB cards: nothing to say about one
    msg = ask("gemma 4 31b on 4x rtx 3090, does it fit?").message
    assert "alone also runs" not in msg


def test_a_server_of_datacenter_cards_is_not_told_to_use_one_card():
    msg = ask("qwen3.6-27b on 2x H100").message
    assert "alone also runs" not in msg


def test_a_named_server_gets_the_model_window_where_it_fits():
    a = ask("is a 4090 enough to host gpt-oss-20b behind vllm?")
    r = a.reports[0]
    assert r.context == 131072
    assert "vLLM serves the model's own 128K window when --max-model-len is not set" in a.message


def test_a_named_server_is_told_the_window_that_fits_where_its_default_does_not():
    a = ask("deploying Qwen3.6-27B on one 3090 through vLLM, will it work?")
    r = a.reports[0]
    said = re.search(r"start it with --max-model-len (\d+)", a.message)
    assert said, a.message
    assert r.context < int(said.group(1)) <= r.safe_context < 262144


def test_sglang_is_told_its_own_flag():
    msg = ask("sglang on a single rtx 4090 with qwen3.6 35b a3b, ok?").message
    assert "SGLang serves the model's own" in msg and "--context-length" in msg


def test_a_window_they_set_is_not_replaced_by_the_default():
    msg = ask("vllm serve Qwen3.6-27B on 2x 3090 --max-model-len 65536").message
    assert "serves the model's own" not in msg


def test_a_servers_kv_budget_flag_is_the_window():
    # FreeToken's --kv-reserve-tokens / --max-seq-len-override set the window as -c does
    assert parse("qwen3.6-27b on 2x 3090 with --kv-reserve-tokens 131072").context == 131072
    assert parse("ft serve qwen3.6-27b on a 5090 --max-seq-len-override 65536").context == 65536
