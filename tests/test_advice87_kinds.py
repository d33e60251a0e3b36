"""Round advice87: context kinds advice80 left open (the bench's examples are its a51- and a63-
context questions), each checked over setups beyond the bench's example.

1. A window hit on a model whose cache is large for its size (Qwen1.5, no grouped-query
   attention: "2x4090 ... Qwen1.5-14B 最高支持10000token左右"): where the cache they would run holds
   less than a doubling past the window hit, short of the model's own, the next levers are pulled
   in the order a regular pulls them (issue 8 item 5), the KV cache type (q4_0) before a smaller
   weight quant, then the weight quant.
2. A bound passed said again plainly ("crashes above 42k ... under 42k it performs normally"):
   the limit the asker hits, what they get now, not a bound whose next doubling is asked (84K);
   the answer runs the longest window that fits.
"""

import pytest

from fitengine import ask
from fitengine.nlq import parse


@pytest.mark.parametrize(
    "text, window, quant",
    [
        ("Qwen1.5-14B on an RTX 3090, the session grew to ~10k+ tokens and crashed", 10000, None),
        ("Qwen1.5 7B on an RTX 3060 12GB crashes once the chat reaches 12k+ tokens", 12288, "Q6_K"),
        ("Qwen1.5-14B on a 4080 16GB: 最高支持6000token左右", 6000, None),
    ],
)
def test_a_window_hit_pulls_the_q4_0_cache_before_a_smaller_weight_quant(text, window, quant):
    q = parse(text)
    assert q.context == window and q.context_setting
    r = ask(text).reports[0]
    assert r.fit == "runs_well" and r.kv_type == "q4_0"
    assert r.context >= 1.5 * window
    if quant:
        assert r.quant == quant  # Q8_0 with q4_0 reaches 16K only: the weight quant steps down


def test_a_window_hit_on_two_cards_is_held_by_the_split_over_both():
    """2x 4090 with Qwen1.5-14B hitting ~10K: llama.cpp's default layer split puts half the layers
    and their cache on each card (advice103), so f16 already holds far more than a doubling past
    the window; no lever is pulled (before, the run sat on one card and needed a q4_0 cache)."""
    r = ask("2x4090, 48G显存，Qwen1.5-14B 最高支持10000token左右").reports[0]
    assert r.fit == "runs_well" and r.placement.kind == "multi_gpu"
    assert r.kv_type == "f16" and r.context >= 1.5 * 10000


def test_a_window_hit_with_room_to_spare_pulls_no_lever():
    # Llama 3.1 8B on a 3090: f16 already holds far more than a doubling past 8K
    r = ask("Llama 3.1 8B on an RTX 3090, the context grew to 8000 tokens and then it crashed")
    assert r.reports[0].kv_type != "q4_0" and r.reports[0].context >= 16000


@pytest.mark.parametrize(
    "text, window, at_least",
    [
        (
            "Qwen 3.5 122B A10B on a Mac Studio M2 Ultra 192GB: a crash occurs when the input"
            " context exceeds approximately 42k tokens. Behavior under 42k: normal. Behavior"
            " above 42k: the runner crashes upon reaching the 42k threshold.",
            42000,
            131072,
        ),
        (
            "Qwen3 30B A3B on a 5090: it crashes when the context goes above 20k. Under 20k it"
            " works fine.",
            20000,
            40960,
        ),
        (
            "Gemma 3 27B on a 3090 24GB: below 16k tokens it is fine, above 16k tokens it runs"
            " out of memory",
            16384,
            32768,
        ),
    ],
)
def test_a_bound_said_again_plainly_is_the_limit_hit(text, window, at_least):
    q = parse(text)
    assert q.context == window and q.context_setting
    r = ask(text).reports[0]
    assert r.fit != "wont_fit" and r.context >= at_least


def test_a_bound_passed_alone_is_still_the_next_doubling():
    q = parse(
        "when the context length is greater than 8k it runs on the CPU, llama 3.1 8b on a 3060"
    )
    assert q.context == 16384 and not q.context_setting


@pytest.mark.parametrize(
    "text, quant",
    [
        ("Qwen3.8-27B-oQ4e-fp16-mtp on an M4 Pro 48GB", "Q4_K_M"),
        ("Qwen3.6-35B-A3B-MLX-oQ8-FP16 on a Mac Studio M2 Max 64GB", "Q8_0"),
        ("Qwen3.6-35B-A3B-oQ4e-FP16 on an M3 Max 36GB", "Q4_K_M"),
        ("Qwen3-8B-Q4_K_M-f16 on a 3060", "Q4_K_M"),
    ],
)
def test_an_omlx_level_is_the_weights_and_its_fp16_the_rest(text, quant):
    """oMLX's oQ levels (https://github.com/jundot/omlx/pull/2057) are the weights' bits; a 16-bit
    dtype after a smaller type in one file name is not a second quant asked."""
    q = parse(text)
    assert q.quant == quant and q.quants == [quant]


def test_a_16_bit_type_said_apart_is_still_compared():
    q = parse("Q8_0 vs fp16 for qwen3 8b on a 3090")
    assert set(q.quants) == {"Q8_0", "F16"}


def test_a_quant_after_active_params_in_a_name_is_read():
    # "-A3B-" is no command-line flag: the quant after it is the file's
    assert parse("Qwen3-30B-A3B-8bit on an M4 Max").quant == "Q8_0"
    assert parse("llama-cli --memory-f32 -m qwen3-8b.gguf").quant is None


@pytest.mark.parametrize(
    "text, window",
    [
        (
            "Qwen3.8-27B-oQ4e-fp16-mtp on a 48GB M4 Pro: the prefill guard becomes highly"
            " conservative around the 44K–51K-token range.",
            51000,
        ),
        ("Llama 3.1 8B on an RTX 4060 8GB slows to a crawl in the 20k-30k token range", 30000),
        ("Gemma 3 12B on a 3090 runs out of memory in the 24k-32k token range", 32768),
    ],
)
def test_the_range_where_it_broke_is_a_window_hit(text, window):
    q = parse(text)
    assert q.context == window and q.context_setting
    r = ask(text).reports[0]
    assert r.fit != "wont_fit" and r.context >= 1.5 * window


@pytest.mark.parametrize(
    "text, wanted",
    [
        (
            'Gemma 4 26B A4B on a 16GB card: "Context auto-reduced: 48128 -> 8960 (model: 12.5 GB,'
            ' est. KV cache: 1.4 GB)"',
            48128,
        ),
        ("gemma 4 26b on a 16gb card: context auto-reduced from 32768 to 4096", 32768),
        ("qwen3 8b on a 3060: ctx was lowered 40960 -> 16384", 40960),
    ],
)
def test_a_window_a_tool_cut_is_the_one_wanted(text, wanted):
    """Unsloth Studio's "Context auto-reduced: A -> B" (https://github.com/unslothai/unsloth/issues/4971):
    A is the window wanted, B what the tool gave."""
    q = parse(text)
    assert q.context == wanted and not q.context_setting
    r = ask(text).reports[0]
    assert r.fit != "wont_fit" and r.context >= wanted


@pytest.mark.parametrize(
    "text, window, n",
    [
        (
            "Qwen3-4B Q6_K on an i5-1135G7 with 16GB RAM: InsufficientMemoryError: A context size"
            " of 4096 with 4 sequences is too large for the available VRAM",
            4096,
            4,
        ),
        ("qwen3 8b on a 3060: a context size of 8192 with 2 sequences is too large", 8192, 2),
        ("Llama 3.1 8B on a 4090: A context size of 16384 with 8 sequences is too large", 16384, 8),
    ],
)
def test_a_window_with_sequences_is_one_each_and_a_window_hit(text, window, n):
    """node-llama-cpp's "A context size of 4096 with 4 sequences is too large for the available
    VRAM" (https://github.com/pguso/ai-product-from-scratch/issues/2): a window for each of 4
    sequences, hit."""
    q = parse(text)
    assert q.context == window and q.parallel == n and q.context_setting
    assert parse("qwen3 8b on a 3060 with 12gb").parallel is None
