"""Several cards: the fewest, fastest ones that hold the model, and llama.cpp's tensor split.

A layer split runs the cards one after another for a token, each over its own layers at its own
bandwidth (fitengine/cards.py): a slow card added to a fast one that holds the model alone slows
every token. An expert runs such a model on the fast card (-dev CUDA0) and keeps the slow ones
free; two or more comparable CUDA or ROCm cards are told about `-sm tensor`.
"""

from __future__ import annotations

import re

import pytest

from fitengine import analyze
from fitengine.cards import fastest_holding, seconds_per_byte
from fitengine.catalog import default_catalog
from fitengine.configs import Config, choose
from fitengine.engine import verdict
from fitengine.memory import Placement
from fitengine.request import make_mixed_setup

GIB = 2**30
THREE = [("rtx-3090", 1, None), ("rtx-4060-ti-16gb", 1, None), ("rtx-5060-ti-16gb", 1, None)]


def _rig(*cards: str):
    cat = default_catalog()
    return make_mixed_setup([(cat.hardware[c], 1, None) for c in cards])


# --------------------------------------------------------------------------- by hand


def test_a_layer_split_reads_a_byte_at_the_memory_weighted_pace_of_its_cards():
    """3090 (936 GB/s, 23.6 GB usable) + 4060 Ti 16GB (288 GB/s, 15.6 GB): the split by memory
    gives the 3090 23.6/39.2 of each byte, the 4060 Ti 15.6/39.2."""
    rig = _rig("rtx-3090", "rtx-4060-ti-16gb")
    u = rig.device.usables
    by_hand = (u[0] / 936 + u[1] / 288) / (u[0] + u[1])
    assert seconds_per_byte(rig, (0, 1)) == pytest.approx(by_hand)
    assert seconds_per_byte(rig, (0,)) == pytest.approx(1 / 936)
    # about 1.8x the 3090's time per byte: the slow card's share dominates
    assert seconds_per_byte(rig, (0, 1)) / seconds_per_byte(rig, (0,)) == pytest.approx(
        (0.6 + 0.4 * 936 / 288), rel=0.03
    )


def test_the_fastest_cards_that_hold_the_model_are_chosen():
    rig = _rig("rtx-3090", "rtx-4060-ti-16gb", "rtx-5060-ti-16gb")
    assert fastest_holding(rig, 20 * GIB) == (0,)  # the 3090 holds 20 GB alone
    # 30 GB: the 3090 and the faster of the 16 GB cards (5060 Ti, 448 GB/s vs 288)
    assert fastest_holding(rig, 30 * GIB) == (0, 2)
    # 50 GB: only all three hold it
    assert fastest_holding(rig, 50 * GIB) is None


def test_of_two_equal_cards_one_is_used_when_it_holds_the_model():
    rig = make_mixed_setup(
        [
            (default_catalog().hardware["rtx-3090"], 2, None),
            (default_catalog().hardware["rtx-3060"], 1, 12),
        ]
    )
    assert fastest_holding(rig, 20 * GIB) == (0,)
    assert fastest_holding(rig, 40 * GIB) == (0, 1)


# --------------------------------------------------------------------------- the answers


def test_a_3090_with_two_slower_cards_runs_a_model_it_holds_alone():
    """The expert review's case: ~20 tok/s over three cards, ~37 on the 3090 alone."""
    r = analyze("gemma-4-31b", None, setup=THREE, quant="Q4_K_M")
    alone = analyze("gemma-4-31b", "rtx-3090", quant="Q4_K_M")
    assert [d.name for d in r.placement.devices] == ["NVIDIA GeForce RTX 3090"]
    assert r.placement.idle == [
        "NVIDIA GeForce RTX 4060 Ti 16GB",
        "NVIDIA GeForce RTX 5060 Ti 16GB",
    ]
    assert r.decode_tok_s == alone.decode_tok_s
    assert " -dev CUDA0 " in r.commands.llama_cpp and "-ts" not in r.commands.llama_cpp
    assert r.commands.ollama.startswith("CUDA_VISIBLE_DEVICES=0 ")
    # the hardware is still the rig asked about, and the answer says what all cards would give
    assert r.hardware.count == 3 and len(r.hardware.parts) == 3
    tip = next(w for w in r.warnings if w.startswith("Runs on the"))
    # ~20 in the review; unsloth's 18.32 GB Q4_K_M file comes out at 21
    assert re.search(r"over all 3: ~2[01] tok/s", tip)


def test_the_slowest_of_three_cards_is_left_out_when_the_others_hold_the_model():
    r = analyze(
        "gemma-4-31b",
        None,
        setup=[("rtx-2060-super", 1, None), ("rtx-3080", 1, None), ("rtx-3080-ti", 1, None)],
    )
    assert r.placement.idle == ["NVIDIA GeForce RTX 2060 SUPER"]
    assert " -dev CUDA1,CUDA2 " in r.commands.llama_cpp
    every = next(w for w in r.warnings if w.startswith("Runs on the"))
    rig = float(every.split("over all 3: ~")[1].split(" ")[0])
    assert r.decode_tok_s > rig / 0.9


def test_a_model_only_all_the_cards_hold_uses_them_all():
    r = analyze("llama-3.3-70b", None, setup=[("rtx 3090", 1, None), ("rtx 3060", 1, 12)])
    assert not r.placement.idle and "-dev" not in r.commands.llama_cpp


def test_fewer_cards_are_not_taken_for_a_worse_quant():
    """55 GB of cards hold Q8_0 of a 27B where the 3090 alone holds Q4: the pick weighs quality
    against speed (configs.worth) the same way over the subsets as over the quants."""
    v = verdict("gemma-4-31b", None, setup=THREE, workload="reasoning")
    rig = verdict("gemma-4-31b", None, setup=THREE, workload="reasoning", quant=v.run.quant.id)
    assert v.req.cards is not None and v.req.cards.cards == (0,)
    # the 3090 runs the quant all three would have been recommended, faster
    assert v.req.cards.rig_quant == v.run.quant.id == rig.run.quant.id
    assert v.run.decode > v.req.cards.rig_decode / 0.9


def test_a_model_one_of_two_equal_cards_holds_runs_on_that_card():
    """Two 3090s and a 9B at Q8_0: the same quant and cache on one card, no slower (a layer split
    over equal cards only adds a hop), the other card free (llama.cpp #4014)."""
    r = analyze("qwen3.5-9b", "rtx-3090", gpus=2)
    assert r.placement.kind == "gpu" and r.placement.idle == ["NVIDIA GeForce RTX 3090 #2"]
    assert "-dev CUDA0" in r.commands.llama_cpp
    both = verdict("qwen3.5-9b", "rtx-3090", gpus=2, quant=r.quant)
    assert r.decode_tok_s >= both.req.cards.rig_decode


def test_equal_cards_stay_split_where_one_holds_the_model_only_with_another_cache():
    # Qwen3.6 27B at Q6_K with 32K: one 3090 holds it only with a q8_0 cache; both keep f16
    r = analyze("qwen3.6-27b", "rtx-3090", gpus=2, quant="Q6_K")
    assert r.placement.kind == "multi_gpu" and not r.placement.idle


def test_a_model_the_faster_of_two_comparable_cards_holds_runs_there():
    # a 14B at Q5_K_M on a 4090 + 3090: the 4090 alone is no slower than both, the 3090 free
    r = analyze("qwen2.5-14b", None, setup=[("rtx 4090", 1, None), ("rtx 3090", 1, None)])
    assert r.placement.kind == "gpu" and r.placement.idle == ["NVIDIA GeForce RTX 3090"]


# --------------------------------------------------------------------------- tensor split


def test_two_3090s_are_told_about_the_tensor_split():
    r = analyze("qwen3.6-27b", "rtx-3090", gpus=2)
    tip = next(w for w in r.warnings if "-sm tensor" in w)
    assert "experimental" in tip and "tok/s" not in tip  # no figure: nothing to fit it on


def test_a_model_one_card_holds_is_told_the_tensor_split_over_all_is_the_way_past_it():
    # premise changed in round advice103: one MI50 holds the quant but less of the window than the
    # four, so the run is llama.cpp's default layer split over all of them (docs/multi-gpu.md)
    # and the tip weighs the tensor split against that
    r = analyze("qwen3.5-27b", "mi50-32gb", gpus=4)
    assert r.placement.kind == "multi_gpu"
    tip = next(w for w in r.warnings if "-sm tensor" in w)
    assert "on 4 comparable cards" in tip and "than the layer split estimated" in tip


def test_two_radeons_on_rocm_are_told_about_the_tensor_split_with_a_q8_0_cache():
    """ROCm reduces over RCCL since llama.cpp PR #27825, and q8_0 / q4_0 caches run with the
    tensor split since PR #23792 (catalog/multi_gpu.yaml): no f16 cache is asked for."""
    r = analyze("gemma-4-31b", "rx-7900-xtx", gpus=2, kv_type="q8_0", context=65536)
    tip = next(w for w in r.warnings if "-sm tensor" in w)
    assert "on ROCm" in tip and "-ctk f16" not in tip


def test_experts_in_ram_over_two_cards_are_told_the_tensor_split_gains_less():
    """-sm tensor runs with --n-cpu-moe (llama.cpp PR 26490), but the CPU's experts set the pace."""
    # at UD-Q4_K_XL: left to choose, the two cards hold its UD-Q3_K_XL whole
    r = analyze("qwen3.8-flash-next", "radeon-ai-pro-r9700", gpus=2, quant="UD-Q4_K_XL", ram_gb=64)
    assert r.placement.kind == "moe_offload"
    tip = next(w for w in r.warnings if "-sm tensor" in w)
    assert "gains less" in tip


def test_a_comparison_of_several_cards_with_one_says_the_tensor_split_is_faster():
    """The 4x PRO 4000 side is estimated with the layer split (one card after another); an expert
    would say tensor parallel closes much of the gap (review3 r3-22)."""
    from fitengine.answers import ask

    a = ask("4x RTX 4000 Pro Blackwell vs 1x RTX Pro 6000 for Llama 3.1 70B Q4: which is faster?")
    assert "-sm tensor" in a.message and "one after another" in a.message


def test_no_tensor_split_tip_for_cards_far_apart_or_on_vulkan_or_for_mla():
    far = analyze("llama-3.3-70b", None, setup=[("rtx 3090", 1, None), ("rtx 3060", 1, 12)])
    vulkan = analyze("qwen3.6-27b", "rtx-3090", gpus=2, backend="vulkan")
    mla = analyze("deepseek-v2-lite", "rtx-3060", gpus=2, vram_gb=12, context=65536)
    for r in (far, vulkan, mla):
        assert not any("-sm tensor" in w for w in r.warnings), r.hardware.name


# --------------------------------------------------------------------------- the KV cache


def _config(kv: str, decode: float) -> Config:
    p = Placement(kind="multi_gpu", gpu_layers=61, n_cpu_moe=0)
    q = default_catalog().quants["Q4_K_M"]
    return Config(q, kv, p, "runs_well", decode, q.quality - (0.1 if kv == "q8_0" else 0), True)


def test_a_quantized_cache_that_buys_a_fifth_of_a_token_is_not_the_pick():
    """On 55 GB of cards f16 and q8_0 both run well; q8_0 read 20.4 tok/s, f16 20.2."""
    wl = default_catalog().workloads["chat"]
    pick = choose([_config("f16", 20.2), _config("q8_0", 20.4)], wl, "balanced")
    assert pick.kv_type == "f16"


@pytest.mark.parametrize(
    "model, hardware, context",
    [
        ("qwen3.6-27b", "rtx-3090", 65536),
        ("gemma-4-31b", "rtx-4090", 32768),
        ("qwen3-32b", "rtx-4060-ti-16gb", 16384),
        ("llama-3.3-70b", "rtx-3090", 32768),
        ("qwen3.6-27b", "rtx-3090", 131072),
    ],
)
def test_the_kv_reason_is_true(model, hardware, context):
    """ "q8_0 chosen: it is what lets Q run" only where the f16 cache of Q does not fit as well."""
    v = verdict(model, hardware, context=context)
    said = [a for a in v.report().assumptions if a.startswith("KV cache") and "chosen" in a]
    if v.run.kv_type == "f16":
        assert not said
        return
    (reason,) = said
    f16 = next(c for c in v.table.configs if c.quant.id == v.run.quant.id and c.kv_type == "f16")
    order = ["runs_well", "tight", "offload", "wont_fit"]
    if "is what lets" in reason:
        assert order.index(f16.fit) > order.index(v.run.fit)
    else:
        assert f16.fit == v.run.fit
        if "tok/s with f16" in reason:
            assert v.run.decode > f16.decode


def test_the_bot_card_says_which_cards_run_it_and_which_stay_free():
    from bot.cards import placement_text

    r = analyze("gemma-4-31b", None, setup=THREE, quant="Q4_K_M")
    assert placement_text(r) == (
        "on the NVIDIA GeForce RTX 3090 alone (NVIDIA GeForce RTX 4060 Ti 16GB and "
        "NVIDIA GeForce RTX 5060 Ti 16GB left free)"
    )


def test_the_multi_gpu_rules_name_known_backends_and_kv_types():
    from fitengine import constants as C
    from fitengine.cards import multi_gpu

    rules = multi_gpu(default_catalog())
    assert set(rules.tensor_split.backends) <= set(rules.device_names)
    assert set(rules.tensor_split.kv_types) <= set(C.KV_BYTES) | {"bf16", "f32"}


def test_a_3060_and_a_4070_super_are_comparable_a_3090_and_a_3060_are_not():
    """360 / 504 GB/s = 0.71, at the bar of 0.7; 360 / 936 = 0.38."""
    near = analyze("qwen3.5-27b", None, setup=[("rtx-3060", 1, 12), ("rtx-4070-super", 1, None)])
    assert any("-sm tensor" in w for w in near.warnings)


def test_a_hybrid_models_cache_splits_over_the_cards_with_its_layers():
    # Qwen3.6 27B: every 4th layer keeps a KV cache, the rest a small recurrent state; the catalog
    # lists them by kind, but a layer split gives each card its share of both (was 0.1 GB on the
    # first 3090 and 8.6 GB on the second)
    r = analyze("qwen3.6-27b", "rtx-3090", gpus=2, context=131072)
    a, b = (d.kv_gb for d in r.placement.devices)
    assert a > 0 and b > 0 and abs(a - b) / max(a, b) < 0.1


def test_layers_of_each_kind_alternate_through_the_stack():
    from fitengine.memory import _interleaved

    order = _interleaved([(1.0, 48, False), (2.0, 16, False)])
    assert len(order) == 64 and order.count(2.0) == 16
    assert all(order[i : i + 4].count(2.0) == 1 for i in range(0, 64, 4))
    # layers reading an earlier layer's cache stay last (Gemma 3n)
    tail = _interleaved([(1.0, 20, False), (2.0, 4, False), (0.0, 18, True)])
    assert tail[-18:] == (0.0,) * 18 and 0.0 not in tail[:24]


def test_a_slower_card_is_not_added_for_a_quant_step_nobody_sees():
    """A 3090 Ti + 4060 Ti: both hold Qwen3.6-35B-A3B at Q8_0 (~90 tok/s, every token waiting on
    the 4060 Ti's share), the 3090 Ti alone a Very-high 4-bit file at ~1.5x that. Q8_0 is not a
    whole quant step (configs.TIGHT_COST) better, so the 3090 Ti runs it and the 4060 Ti stays
    free; the card says what both would give."""
    rig = [("rtx-3090-ti", 1, None), ("rtx-4060-ti-16gb", 1, None)]
    v = verdict("qwen3.6-35b-a3b", None, setup=rig)
    assert v.req.cards is not None and v.req.cards.cards == (0,)
    assert v.req.cards.rig_quant == "Q8_0" and v.run.quant.id != "Q8_0"
    assert v.run.quality >= 90 and v.run.decode > v.req.cards.rig_decode / 0.9
    # two cards of one kind differ by a hop, not a slow card: the better quant over both stays
    assert verdict("qwen3.6-35b-a3b", "rtx-3090", gpus=2).req.cards is None


def test_cards_of_one_kind_left_partly_free_are_counted_not_listed():
    """Seven numbered H100s read as a list of different cards: the answer counts them."""
    from fitengine.cards import on_cards

    h = [f"NVIDIA H100 SXM #{i}" for i in range(1, 9)]
    assert on_cards(h[:7], h[7:]) == "on 7 of the 8 NVIDIA H100 SXM"
    both = ["NVIDIA GeForce RTX 3090 #1", "NVIDIA GeForce RTX 3090 #2"]
    assert on_cards(both, ["NVIDIA GeForce RTX 3060"]) == "on the 2× NVIDIA GeForce RTX 3090 alone"
    one = ["NVIDIA GeForce RTX 3090"]
    assert on_cards(one, ["NVIDIA GeForce RTX 3060"]) == "on the NVIDIA GeForce RTX 3090 alone"


def test_a_big_moe_on_eight_h100s_names_the_cards_it_runs_on_by_count():
    from fitengine.answers import ask

    a = ask("qwen3-coder-480b on 8x h100")
    r = a.reports[0]
    if r.placement.idle:  # it runs on some of the cards (the others free for a second model)
        assert f"on {len(r.placement.devices)} of the 8 NVIDIA H100 SXM" in a.message
        assert "#2" not in a.message
        assert not any(" + NVIDIA H100 SXM #" in w for w in r.warnings)
        assert any("add room, not speed" in w for w in r.warnings)
