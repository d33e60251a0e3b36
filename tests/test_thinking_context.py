"""A thinking model writes its thoughts into the window before it answers: run on a machine, it
opens 32K by default (catalog/workloads.yaml thinking_context), a model that does not think the
workload's own window; what a machine must hold to run it at all stays the workload's window."""

from __future__ import annotations

from fitengine.advise import best_hardware
from fitengine.engine import analyze


def test_a_thinking_model_opens_a_32k_window_and_one_that_does_not_think_8k(cat):
    assert "thinking" in cat.models["qwen3.6-27b"].tags
    assert analyze("qwen3.6-27b", "rtx-3090", catalog=cat).context == 32768
    assert "thinking" not in cat.models["llama-3.3-70b"].tags
    assert analyze("llama-3.3-70b", "rtx-3090", ram_gb=64, catalog=cat).context == 8192


def test_a_context_asked_wins_over_the_default(cat):
    assert analyze("qwen3.6-27b", "rtx-3090", context=8192, catalog=cat).context == 8192


def test_what_a_machine_must_hold_is_sized_at_the_workloads_own_window(cat):
    rs = best_hardware("qwen3.6-27b", limit=3, catalog=cat)
    assert rs and all(r.context == cat.workloads["chat"].min_context for r in rs)


def test_a_turn_asked_deeper_than_the_default_window_opens_one_that_holds_it(cat):
    """--depth 48000 at the 32K default sized the KV cache for 32K and read 48K tokens from it."""
    r = analyze("gpt-oss-120b", "radeon-8060s", depth=48000, catalog=cat)
    assert r.context >= 48000 + cat.workloads["chat"].output_tokens and r.context % 1024 == 0
    # a shallow turn keeps the default, and a context asked is the context
    assert analyze("gpt-oss-120b", "radeon-8060s", depth=1000, catalog=cat).context == 32768
    assert analyze("qwen3.6-27b", "rtx-3090", depth=1000, context=8192, catalog=cat).context == 8192


def test_a_thinker_that_does_not_fit_its_window_runs_at_the_workloads_own():
    # a 16 GB Pi 5 holds Qwen3 30B-A3B at chat's 8K, not at the 32K a thinker wants: "yes,
    # slowly" at 8K, said, rather than "won't fit"
    r = analyze("qwen3-30b-a3b", "raspberry pi 5 16gb")
    assert r.fit != "wont_fit" and r.context == 8192
    assert any("32,768 tokens a thinking model" in a for a in r.assumptions)
    assert r.decode_full_tok_s is None  # the window was not asked for


def test_a_window_asked_is_never_swapped():
    r = analyze("qwen3-30b-a3b", "raspberry pi 5 16gb", context=32768)
    assert r.fit == "wont_fit" and r.context == 32768


def test_a_thinker_whose_window_leaves_only_a_3_bit_file_runs_a_good_one_at_the_workloads_own():
    """Qwen3 14B on an 18 GB CPU box (a 16 GB one keeps a desktop's share back since advice59): at 32K
    its KV cache leaves room only for IQ3_M; at chat's 8K a good quant fits, which is what people
    run, with the shorter window said."""
    from fitengine.configs import GOOD_QUALITY

    r = analyze("qwen3-14b", "cpu-ddr4-2ch", vram_gb=18)
    pick = next(q for q in r.quants if q.quant == r.quant)
    assert r.context == 8192 and pick.quality >= GOOD_QUALITY
    assert any("fit only below a good quant" in a for a in r.assumptions)
    # a quant asked keeps the thinker's window
    assert analyze("qwen3-14b", "cpu-ddr4-2ch", vram_gb=18, quant="IQ3_M").context == 32768
