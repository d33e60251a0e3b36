"""The memory model against what llama.cpp really allocates."""

import csv
import re
from pathlib import Path

import pytest

from fitengine import analyze
from fitengine import constants as C
from fitengine.engine import make_setup
from fitengine.memory import kv_bytes, kv_bytes_per_token, place, weights

MEMORY_CSV = Path(__file__).resolve().parents[2] / "shared" / "calibration" / "memory.csv"


def test_llama_31_8b_q4_k_m_weights_match_the_published_file(cat):
    w = weights(cat.models["llama-3.1-8b"], cat.quants["Q4_K_M"])
    assert w.total / 1e9 == pytest.approx(4.92, rel=0.03)


def test_weights_without_a_catalogued_size_use_bits_per_weight(cat):
    model = cat.models["llama-3.1-8b"].model_copy(update={"gguf": []})
    w = weights(model, cat.quants["Q4_K_M"])
    assert not w.exact
    assert w.total / 1e9 == pytest.approx(4.92, rel=0.03)


def _memory_rows():
    with open(MEMORY_CSV, newline="") as fh:
        yield from csv.DictReader(fh)


@pytest.mark.skipif(not MEMORY_CSV.exists(), reason="calibration data not present")
def test_llama_cpp_allocation_logs_reproduced_within_10_percent(cat):
    device_of = {
        "NVIDIA GeForce RTX 3070": "rtx-3070",
        "NVIDIA GeForce RTX 3080 Ti": "rtx-3080-ti",
        "NVIDIA GeForce RTX 3080": "rtx-3080",
        "NVIDIA GeForce RTX 3090": "rtx-3090",
        "NVIDIA GeForce RTX 4070 Ti": "rtx-4070-ti",
        "NVIDIA GeForce RTX 4080": "rtx-4080",
        "NVIDIA GeForce RTX 4090": "rtx-4090",
        "NVIDIA RTX 4000 Ada Generation": "rtx-4000-ada",
        "NVIDIA RTX 5000 Ada Generation": "rtx-5000-ada",
        "NVIDIA RTX 6000 Ada Generation": "rtx-6000-ada",
        "NVIDIA RTX A6000": "rtx-a6000",
        "NVIDIA L40S": "l40s",
        "NVIDIA A100": "a100-80gb-pcie",
        "NVIDIA H100": "h100-pcie",
    }
    model = cat.models["llama-3-8b"]
    checked = 0
    for row in _memory_rows():
        name = row["hardware"]
        count = 1
        if m := re.search(r" x(\d+)$", name):
            count, name = int(m.group(1)), name[: m.start()]
        if name.startswith("Apple"):
            continue  # Metal: same buffers; the wired limit is tested separately
        hw_id = next((v for k, v in device_of.items() if name.startswith(k)), None)
        if hw_id is None or hw_id not in cat.hardware:
            continue
        setup = make_setup(cat.hardware[hw_id], gpus=count)
        quant = cat.quants[row["quant"]]
        p = place(model, quant, setup.device, count, int(row["context"]), "f16", flash_attn=False)
        predicted_gib = sum(d.weights + d.kv + d.compute for d in p.devices) / C.GIB
        measured_gib = float(row["measured_vram_gb"])
        assert predicted_gib == pytest.approx(measured_gib, rel=0.10), row["hardware"]
        checked += 1
    assert checked >= 10


def test_apple_wired_limit_matches_recommended_max_working_set(cat):
    m1 = cat.hardware["m1"]
    # the logs: M1 8 GB -> 5461 MiB; M1 Max 64 GB -> 49152 MiB (recommendedMaxWorkingSetSize)
    assert make_setup(m1, vram_gb=8).device.usable / C.MIB == pytest.approx(5461, rel=0.01)
    m1max = next(h for h in cat.hardware.values() if h.id.startswith("m1-max"))
    assert make_setup(m1max, vram_gb=64).device.usable / C.MIB == pytest.approx(49152, rel=0.01)


def test_kimi_linear_fits_its_full_native_context_on_an_l40():
    r = analyze("kimi-linear-48b-a3b", "l40", quant="Q4_K_M")
    assert r.fit == "runs_well"
    assert r.safe_context == 1048576  # the seed card claims 199K


def test_deepseek_v3_kv_cache_follows_mla_not_full_heads(cat):
    v3 = cat.models["deepseek-v3"]
    per_token = kv_bytes_per_token(v3)
    # 61 layers x (kv_lora_rank 512 + rope 64) x 2 bytes = 70 KB; full heads would be ~5 MB
    assert per_token == pytest.approx(61 * 576 * 2, rel=0.02)
    full_heads = 2 * v3.heads * v3.head_dim * v3.layers * 2
    assert per_token < full_heads / 20


def test_sliding_window_layers_stop_growing_past_the_window(cat):
    gemma = cat.models["gemma-3-27b"]
    grow_32k = kv_bytes(gemma, 65536) - kv_bytes(gemma, 32768)
    only_global = sum(g.layers for g in gemma.attention if g.kind == "full")
    per_token_global = 2 * gemma.kv_heads * gemma.head_dim * 2 * only_global
    assert grow_32k == pytest.approx(per_token_global * 32768, rel=0.01)


def test_quantized_kv_cache_divides_the_bytes(cat):
    m = cat.models["llama-3.1-8b"]
    assert kv_bytes(m, 32768, "q8_0") / kv_bytes(m, 32768, "f16") == pytest.approx(34 / 64)
    assert kv_bytes(m, 32768, "q4_0") / kv_bytes(m, 32768, "f16") == pytest.approx(18 / 64)


def test_multi_gpu_split_adds_memory_up():
    one = analyze("llama-3.3-70b", "rtx-4090", quant="Q4_K_M", context=8192)
    two = analyze("llama-3.3-70b", "rtx-4090", gpus=2, quant="Q4_K_M", context=8192)
    assert one.fit in ("offload", "wont_fit")
    assert two.fit in ("runs_well", "tight")
    assert two.placement.kind == "multi_gpu"
    assert len(two.placement.devices) == 2


def test_partial_offload_places_the_last_layers_on_the_gpu():
    r = analyze("llama-3.3-70b", "rtx-3090", quant="Q4_K_M", context=8192, ram_gb=64)
    assert r.fit == "offload"
    assert r.placement.kind == "partial_offload"
    assert 0 < r.placement.gpu_layers < 80
    assert f"-ngl {r.placement.gpu_layers}" in r.commands.llama_cpp
    assert r.placement.ram_needed_gb > 10


def test_moe_offload_moves_experts_not_layers():
    r = analyze("qwen3-30b-a3b", "rtx-3060-12gb", quant="Q4_K_M", context=16384, ram_gb=64)
    assert r.placement.kind == "moe_offload"
    assert r.placement.n_cpu_moe > 0
    assert f"--n-cpu-moe {r.placement.n_cpu_moe}" in r.commands.llama_cpp
    assert "-ngl 99" in r.commands.llama_cpp


def test_too_big_for_gpu_and_ram_wont_fit():
    r = analyze("llama-3.1-405b", "rtx-3060-12gb", quant="Q8_0", ram_gb=32)
    assert r.fit == "wont_fit"
    assert r.grade == "F"


def test_runs_well_keeps_llamas_full_gib_on_a_small_device_too(cat):
    """llama.cpp's --fit keeps 1 GiB free on every device whatever its size: on an 8 GB Mac
    (5.3 GiB for the GPU) a model that leaves half a GiB is a tight fit, not "runs well"."""
    from fitengine.fit import margin

    mac = make_setup(cat.hardware["m1-7c"], vram_gb=8).device
    assert margin(mac) == pytest.approx(C.FIT_MARGIN_GIB * C.GIB)
    big = make_setup(cat.hardware["m3-ultra-80c"], vram_gb=512).device
    assert margin(big) == pytest.approx(C.HEADROOM_SHARE * big.usable)


def test_host_side_tables_use_the_spare_share_of_one_pool_of_memory(cat):
    """Qwen3.8-Flash-Next keeps 51B parameters of n-gram embeddings in host memory (32 GB at
    Q4_K_M): on a 128 GB Strix Halo the GPU's share the model leaves free holds them (one pool of
    memory), while a discrete card's host is its own RAM."""
    r = analyze("qwen3.8-flash-next", "radeon-8060s", quant="Q4_K_M", catalog=cat)
    assert r.fit in ("runs_well", "tight") and r.placement.kind == "unified"
    gpu = r.placement.devices[0]
    assert r.placement.ram_needed_gb > 30
    assert gpu.total_gb <= gpu.available_gb
    assert gpu.available_gb + r.placement.ram_available_gb <= r.memory.available_gb + 0.01
    # a 24 GB card with 32 GB of RAM cannot hold the 32 GB of tables on its host
    d = analyze("qwen3.8-flash-next", "rtx-4090", quant="Q4_K_M", ram_gb=32, catalog=cat)
    assert d.fit == "wont_fit"


def test_a_full_offload_needs_host_ram_only_for_the_embeddings_beside_the_os(cat):
    """Two P40s in a box with 4 GB of RAM (koboldcpp issue 2330): every layer of Qwen3.6-27B sits
    on the cards and the host keeps only the token embeddings, read a row a token, so the
    desktop's reserve for spilled layers does not apply; the OS's own does, and a box with
    nothing beyond it cannot hold even those."""
    r = analyze("qwen3.6-27b", "p40", gpus=2, quant="Q4_K_M", ram_gb=4, catalog=cat)
    # (one P40 holds Q4_K_M at the default window: the run keeps to it, the other card free)
    assert r.fit in ("runs_well", "tight") and r.placement.kind in ("gpu", "multi_gpu")
    assert r.placement.ram_needed_gb < r.placement.ram_available_gb
    assert analyze("qwen3.6-27b", "p40", gpus=2, quant="Q4_K_M", ram_gb=2, catalog=cat).fit == (
        "wont_fit"
    )
    # with layers in RAM the desktop's reserve stays: 8 GB of RAM do not take a 70B's spill
    big = analyze("llama-3.3-70b", "rtx-3090", quant="Q4_K_M", ram_gb=8, catalog=cat)
    assert big.fit == "wont_fit"


@pytest.mark.parametrize("carve_out", [0.5, 2, 16])
def test_an_igpus_frame_buffer_is_a_slice_of_the_ram_it_shares(carve_out):
    """ "Arc B390 (2GB VRAM), 32GB RAM": the firmware's frame buffer is not the iGPU's limit; it
    draws on the 32 GB of RAM (its GTT share, C.IGPU_SHARE), and a frame buffer bigger than
    that share ("16gb allocated in bios") is what it gets."""
    from fitengine.catalog import default_catalog

    hw = default_catalog().hardware["arc-b390"]
    s = make_setup(hw, vram_gb=carve_out, ram_gb=32)
    assert s.memory_gib == 32
    assert s.device.usable == max(32 * C.IGPU_SHARE, carve_out) * C.GIB
