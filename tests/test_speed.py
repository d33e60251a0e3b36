"""The speed model: physics that holds on hardware and models never measured."""

import pytest

from fitengine import analyze, default_catalog
from fitengine.speed import SpeedParams


def test_engine_reads_the_fitted_constants():
    cal = default_catalog().calibration["speed"]
    params = SpeedParams.from_dict(cal)
    assert set(params.backends) >= {"cuda", "rocm", "vulkan", "metal", "sycl", "cpu"}
    assert params.bands["all"]["decode"] > 0


def test_moe_decode_reads_active_experts_not_all_weights():
    dense = analyze("qwen3-32b", "rtx-6000-ada", quant="Q4_K_M")
    moe = analyze("qwen3-30b-a3b", "rtx-6000-ada", quant="Q4_K_M")
    # a 30B-A3B MoE reads ~3B parameters a token: several times faster than a dense 32B
    assert moe.decode_tok_s > 2.5 * dense.decode_tok_s


def test_small_models_are_not_bandwidth_over_size_fast():
    tiny = analyze("llama-3.2-1b", "rtx-4090", quant="Q4_K_M")
    eight = analyze("llama-3.1-8b", "rtx-4090", quant="Q4_K_M")
    # per-layer fixed costs: 1B is faster than 8B, but nowhere near 6x
    assert eight.decode_tok_s < tiny.decode_tok_s < 5 * eight.decode_tok_s


def test_decode_slows_as_the_context_fills():
    empty = analyze("llama-3.1-8b", "rtx-4090", quant="Q4_K_M", context=32768, depth=0)
    deep = analyze("llama-3.1-8b", "rtx-4090", quant="Q4_K_M", context=32768, depth=30000)
    assert deep.decode_tok_s < 0.9 * empty.decode_tok_s


def test_prefill_is_compute_bound_and_ttft_grows_with_the_prompt():
    short = analyze("llama-3.1-8b", "rtx-4090", quant="Q4_K_M", prompt_tokens=500)
    long = analyze("llama-3.1-8b", "rtx-4090", quant="Q4_K_M", prompt_tokens=8000)
    assert long.ttft_ms > 8 * short.ttft_ms
    slow_gpu = analyze("llama-3.1-8b", "rtx-3060-12gb", quant="Q4_K_M", prompt_tokens=8000)
    assert slow_gpu.prefill_tok_s < long.prefill_tok_s


def test_layer_split_adds_memory_not_decode_speed():
    one = analyze("llama-3.1-8b", "rtx-4090", quant="Q4_K_M")
    two = analyze("llama-3.1-8b", "rtx-4090", gpus=2, quant="Q4_K_M")
    assert two.decode_tok_s <= one.decode_tok_s


def test_offload_is_much_slower_than_gpu_only():
    fits = analyze("llama-3.3-70b", "rtx-4090", gpus=2, quant="Q4_K_M", context=8192)
    offload = analyze("llama-3.3-70b", "rtx-4090", quant="Q4_K_M", context=8192, ram_gb=64)
    assert offload.fit == "offload"
    assert offload.decode_tok_s < 0.5 * fits.decode_tok_s


@pytest.mark.parametrize(
    "hardware",
    ["rtx-3090", "rx-7900-xtx", "arc-a770-16gb", "m2-max-38c", "radeon-8060s", "ryzen-9-7950x"],
)
def test_every_backend_gives_speed_with_a_band(hardware):
    r = analyze("llama-3.1-8b", hardware, quant="Q4_K_M")
    assert r.decode_tok_s and r.prefill_tok_s and r.ttft_ms
    assert r.decode_band.low < r.decode_tok_s < r.decode_band.high


def test_grades_follow_the_breakdown():
    good = analyze("llama-3.1-8b", "rtx-4090", quant="Q4_K_M")
    assert good.grade in ("S", "A")
    crawl = analyze("llama-3.3-70b", "rtx-3060-12gb", quant="Q4_K_M", ram_gb=64)
    assert crawl.fit == "offload"
    assert crawl.grade not in ("S", "A")
    for w in crawl.workloads:
        assert w.grade not in ("S", "A")
    # a quant that fits with headroom is never F
    cpu = analyze("llama-3.1-8b", "cpu-ddr4-2ch", quant="Q4_K_M")
    if cpu.fit == "runs_well":
        assert cpu.grade != "F"


def test_seed_example_kimi_linear_on_l40():
    r = analyze("kimi-linear-48b-a3b", "l40", quant="Q4_K_M")
    # the seed card: 18.4 tok/s (bandwidth / all 48B weights) and 199K context
    assert r.decode_tok_s > 3 * 18.4
    assert r.safe_context > 199_000
