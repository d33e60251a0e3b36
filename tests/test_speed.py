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


# --------------------------------------------------------------------------- backends' physics

from dataclasses import replace  # noqa: E402

from fitengine import default_catalog as _cat  # noqa: E402
from fitengine.engine import compute_peak, simd_level  # noqa: E402
from fitengine.speed import (  # noqa: E402
    DEFAULT_PARAMS,
    attention_terms,
    matmul_params,
    prefill_seconds,
)


def _wp(model="llama-3.1-8b", hardware="rtx-4090", quant="Q4_K_M", **kw):
    from fitengine.engine import make_setup, workpoint
    from fitengine.memory import full_offload

    cat = _cat()
    m, hw, qt = cat.models[model], cat.hardware[hardware], cat.quants[quant]
    setup = make_setup(hw, gpus=kw.pop("gpus", 1))
    p = full_offload(m, qt, setup.device, setup.count, 8192, "f16", True)
    p.kind = "cpu" if hw.kind == "cpu" else "gpu"
    return workpoint(m, setup, p, "f16", quant, True, cat, kw.pop("threads", None))


def test_each_backend_runs_prefill_on_the_kernels_llama_cpp_has_for_the_architecture():
    cat = _cat()
    hw = cat.hardware
    # int8 tensor cores on a GeForce, WMMA on RDNA3, dp4a on RDNA2; SYCL's default build runs FP32
    # GEMMs on an Arc's vector engines (an eighth of its XMX rate), not on XMX
    assert compute_peak(cat, hw["rtx-4090"], "cuda", False) == ("mma", hw["rtx-4090"].int8_tops)
    assert compute_peak(cat, hw["rx-7900-xtx"], "rocm", False)[0] == "wmma"
    assert compute_peak(cat, hw["rx-6900-xt"], "rocm", False)[0] == "dp4a"
    arc = hw["arc-a770-16gb"]
    assert compute_peak(cat, arc, "sycl", False) == ("sgemm", arc.fp16_tflops / 8)
    # Vulkan: NVIDIA's coopmat2, AMD's coopmat on RDNA3, shader cores on RDNA2
    assert compute_peak(cat, hw["rtx-4090"], "vulkan", False)[0] == "coopmat2"
    assert compute_peak(cat, hw["rx-7900-xtx"], "vulkan", False)[0] == "coopmat"
    assert compute_peak(cat, hw["rx-6900-xt"], "vulkan", False)[0] == "scalar"
    # F16 weights go to cuBLAS at FP16 accumulate: half the INT8 rate
    assert compute_peak(cat, hw["rtx-4090"], "cuda", True) == (
        "blas",
        hw["rtx-4090"].int8_tops / 2,
    )


def test_a_cpu_runs_its_best_simd_level():
    cat = _cat()
    assert simd_level(cat.hardware["ryzen-9-7950x"]) == "avx512-vnni"
    assert simd_level(cat.hardware["raspberry-pi-4"]) == "neon"


def test_a_layer_split_pipelines_the_ubatches_of_a_batch():
    one = _wp()
    four = replace(one, gpus=4, weights_bytes_gpu=one.weights_bytes_gpu / 4)
    p = replace(DEFAULT_PARAMS, t_hop_us=0.0)
    # one ubatch: nothing to overlap; four ubatches over four GPUs: 7 stage times, not 16
    assert prefill_seconds(four, p, 512) >= prefill_seconds(one, p, 512)
    speedup = prefill_seconds(one, p, 2048) / prefill_seconds(four, p, 2048)
    assert 2.0 < speedup < 16 / 7 + 0.01


def test_sliding_window_layers_stop_growing_with_the_context():
    m = _cat().models["gemma-3-27b"]
    windows = {w for _, _, w in attention_terms(m)}
    assert 0 in windows and any(w > 0 for w in windows)
    wp = _wp("gemma-3-27b", "rtx-6000-ada")
    full = replace(wp, attn_terms=tuple((f, h, 0) for f, h, _ in wp.attn_terms))
    deep = prefill_seconds(wp, DEFAULT_PARAMS, 2048, 32768)
    assert deep < prefill_seconds(full, DEFAULT_PARAMS, 2048, 32768)


def test_prefill_does_not_multiply_every_prompt_token_by_the_vocabulary():
    m = _cat().models["llama-3.2-1b"]
    # the 128K x 2048 projection is a fifth of the 1B model: only the last token pays it
    assert matmul_params(m, output=True) - matmul_params(m, output=False) == m.vocab * m.hidden_size


def test_fewer_cpu_threads_read_the_prompt_slower():
    all_cores = _wp("llama-3.2-3b", "ryzen-9-7950x")
    two = _wp("llama-3.2-3b", "ryzen-9-7950x", threads=2)
    assert prefill_seconds(two, DEFAULT_PARAMS, 512) > 4 * prefill_seconds(
        all_cores, DEFAULT_PARAMS, 512
    )


def test_a_first_token_time_comes_with_its_prompt_and_depth():
    r = analyze("llama-3.1-8b", "rtx-4090", quant="Q4_K_M", prompt_tokens=4000, depth=8000)
    assert (r.ttft_prompt_tokens, r.ttft_depth) == (4000, 8000)
    for w in r.workloads:
        assert w.prompt_tokens > 0 and w.depth >= 0
        assert "prompt at depth" in w.reason or "first token" not in w.reason


def test_cpu_answers_say_how_long_the_workloads_prompt_takes_to_read():
    r = analyze("llama-3.1-8b", "ryzen-9-7950x", quant="Q4_K_M", workload="coding")
    line = next(a for a in r.assumptions if "to read on this CPU" in a)
    coding = next(w for w in r.workloads if w.id == "coding")
    assert f"{coding.prompt_tokens:,} new tokens" in line
    gpu = analyze("llama-3.1-8b", "rtx-4090", quant="Q4_K_M")
    assert not any("to read on this CPU" in a for a in gpu.assumptions)


def test_memory_technology_is_read_from_the_memory_type():
    from fitengine.speed import memory_family

    assert memory_family("HBM2e") == "hbm"
    assert memory_family("GDDR6X") == "gddr"
    assert memory_family("LPDDR5X-8533 on-package 128-bit") == "lpddr"
    assert memory_family("DDR5-5600 dual-channel (LPDDR5X-8400 designs: 134 GB/s)") == "ddr"
    assert memory_family(None) == ""
    assert _wp(hardware="a100-80gb-pcie").memory == "hbm"
    assert _wp(hardware="rtx-4090").memory == "gddr"


def test_a_memory_technology_that_reaches_less_of_its_peak_decodes_slower():
    from dataclasses import replace

    from fitengine.speed import decode_seconds

    wp = _wp(hardware="a100-80gb-pcie")
    gddr_like = replace(DEFAULT_PARAMS, mem_eff={})
    hbm_half = replace(DEFAULT_PARAMS, mem_eff={"hbm": 0.5})
    assert decode_seconds(wp, hbm_half, 0) > 1.5 * decode_seconds(wp, gddr_like, 0)
    # ... and the CPU's own bandwidth is not the GPU memory's
    cpu = _wp(hardware="ryzen-9-7950x")
    assert decode_seconds(cpu, hbm_half, 0) == decode_seconds(cpu, gddr_like, 0)


def test_what_a_gpu_leaves_in_ram_streams_at_the_hosts_offload_share():
    from dataclasses import replace

    from fitengine.speed import decode_seconds

    wp = replace(_wp(), active_bytes_ram=2e9, ram_layers=20, ram_gbps=80.0)
    cpu_share = replace(DEFAULT_PARAMS, hybrid_eff_bw=None)  # the CPU backend's eff_bw, 0.7
    half = replace(DEFAULT_PARAMS, hybrid_eff_bw=0.35)
    # 2 GB at 80 GB/s x 0.35 instead of x 0.7: 71 ms more a token
    extra = decode_seconds(wp, half, 0) - decode_seconds(wp, cpu_share, 0)
    assert extra == pytest.approx(2e9 / 80e9 / 0.35 - 2e9 / 80e9 / 0.7)
    # ... and a run with nothing in RAM is untouched
    assert decode_seconds(_wp(), half, 0) == decode_seconds(_wp(), cpu_share, 0)


def test_a_card_with_little_power_for_its_arithmetic_reads_the_prompt_slower():
    from fitengine.speed import power_factor

    # the same AD102 chip: the RTX 6000 Ada has 142 SMs on 300 W, the GeForce RTX 4090 128 on 450 W
    pro, geforce = _wp(hardware="rtx-6000-ada"), _wp(hardware="rtx-4090")
    assert pro.watts_per_tops < geforce.watts_per_tops
    params = replace(DEFAULT_PARAMS, power_ref={"ada": geforce.watts_per_tops}, power_exp=0.8)
    assert power_factor(geforce, params) == 1.0
    assert 0.5 < power_factor(pro, params) < 0.8
    assert prefill_seconds(pro, params, 2048) > prefill_seconds(
        pro, replace(params, power_ref={}), 2048
    )
    # a card without a stated power limit, an architecture without a fitted reference and a CPU
    # run at their peak
    assert power_factor(_wp(hardware="rtx-4060-ti-16gb"), params) == 1.0
    assert power_factor(_wp(hardware="rtx-a6000"), params) == 1.0
    assert power_factor(_wp(hardware="ryzen-9-7950x"), params) == 1.0


def test_a_power_limit_is_cited():
    from pydantic import ValidationError

    from fitengine.catalog import Hardware

    base = _cat().hardware["rtx-4090"].model_dump()
    with pytest.raises(ValidationError, match="power_source"):
        Hardware(**{**base, "power_source": None})


def test_a_hybrid_intel_cpu_reads_the_prompt_on_its_performance_cores():
    from fitengine.infer_hw import infer_hardware

    hw = _cat().hardware["core-i9-13980hx"]  # 8 P + 16 E cores
    wp = _wp(hardware="core-i9-13980hx")
    assert (wp.cores, wp.tflops) == (8, hw.p_fp32_tflops)
    assert wp.tflops < hw.fp16_tflops
    # a CPU a rule derives gets the same split; AMD's compact cores are no hybrid design
    inferred = infer_hardware("intel core i7 13700h", _cat(), want="cpu")
    assert inferred is not None and inferred.p_cores and inferred.p_cores < inferred.cores
    amd = infer_hardware("ryzen ai 9 hx 375", _cat(), want="cpu")
    assert amd is not None and amd.p_cores is None


def test_m3_and_m4_run_metal_on_the_family_9_shader_core():
    cat = _cat()
    assert compute_peak(cat, cat.hardware["m3-pro-18c"], "metal", False)[0] == "simdgroupf9"
    assert compute_peak(cat, cat.hardware["m4-pro-20c"], "metal", False)[0] == "simdgroupf9"
    assert compute_peak(cat, cat.hardware["m2-ultra-76c"], "metal", False)[0] == "simdgroup"


def test_the_fit_jacobian_matches_the_derivatives_and_honours_its_sparsity():
    import numpy as np
    from scipy.sparse import csr_matrix

    from bench.fitting import _Jacobian

    # r0 depends on x0 and x2, r1 on x1 only, r2 on x2 only: x0 and x1 share a group
    def fun(x):
        return np.array([np.exp(x[0]) + x[2] ** 2, 3 * x[1], np.sin(x[2])])

    sparsity = csr_matrix(np.array([[1, 0, 1], [0, 1, 0], [0, 0, 1]]))
    jac = _Jacobian(fun, sparsity, upper=np.array([np.inf, np.inf, 0.5]))
    assert sorted(map(sorted, jac.groups)) == [[0, 1], [2]]
    x = np.array([0.2, -1.0, 0.5])  # x2 sits on its upper bound: differenced downward
    want = np.array([[np.exp(0.2), 0, 1.0], [0, 3, 0], [0, 0, np.cos(0.5)]])
    assert np.allclose(jac(x), want, atol=1e-5)


def test_gpt_oss_experts_stay_mxfp4_so_the_rest_of_an_f16_file_is_sixteen_bits():
    from fitengine.speed import active_bytes, file_bpp

    m = _cat().models["gpt-oss-20b"]
    mxfp4 = _cat().quants["MXFP4"].tensor_bpw / 8
    rest, experts = file_bpp(m, 13.8e9, mxfp4)
    assert experts == pytest.approx(17 / 32)  # block_mxfp4: 17 bytes per 32 weights
    assert rest == pytest.approx(2.0, rel=0.05)  # attention, router, output at F16
    # a token reads its 16-bit non-expert tensors and 4 of 32 experts: far more than a uniform
    # bits-per-weight spread of the file says
    assert active_bytes(m, 13.8e9, mxfp4) > 1.4 * active_bytes(m, 13.8e9)
    # without a known expert format the file is uniform, as before
    assert file_bpp(m, 13.8e9) == (13.8e9 / 20.9e9, 13.8e9 / 20.9e9)


def test_a_quant_family_whose_blocks_unpack_faster_decodes_faster_per_byte():
    from dataclasses import replace

    from fitengine.speed import decode_seconds

    k = _wp()
    legacy = replace(k, quant_family="legacy")
    fast_legacy = replace(DEFAULT_PARAMS, decode_bw={"gpu:legacy": 1.25})
    # the same bytes read at 1.25x the bandwidth: the weights' share of the step is 1/1.25
    t_k = decode_seconds(k, fast_legacy, 0)
    t_legacy = decode_seconds(legacy, fast_legacy, 0)
    assert t_legacy < t_k
    # K-quants are the reference, an unquantized file keeps f16_bw, a CPU has its own keys
    assert t_k == decode_seconds(k, DEFAULT_PARAMS, 0)
    unq = replace(k, unquantized=True, quant_family="float")
    assert decode_seconds(unq, fast_legacy, 0) == decode_seconds(unq, DEFAULT_PARAMS, 0)
    cpu = replace(_wp(hardware="ryzen-9-7950x"), quant_family="legacy")
    assert decode_seconds(cpu, fast_legacy, 0) == decode_seconds(cpu, DEFAULT_PARAMS, 0)


def test_cpu_barriers_cost_more_the_more_threads_meet_at_them():
    from dataclasses import replace

    from fitengine.speed import decode_seconds

    cpu = _wp("llama-3.2-1b", "ryzen-9-7950x")
    barriers = replace(DEFAULT_PARAMS, t_thread_us=2.0)
    none = replace(DEFAULT_PARAMS, t_thread_us=0.0)
    # 16 threads x 2 us on each of the model's layers
    extra = decode_seconds(cpu, barriers, 0) - decode_seconds(cpu, none, 0)
    assert extra == pytest.approx(cpu.layers * 16 * 2e-6 * clock_factor_of(cpu, barriers))
    # ... 4 threads pay a quarter of it, and a GPU's graph has no such barriers
    four = replace(cpu, threads=4)
    assert decode_seconds(four, barriers, 0) - decode_seconds(four, none, 0) == pytest.approx(
        extra / 4
    )
    gpu = _wp()
    assert decode_seconds(gpu, barriers, 0) == decode_seconds(gpu, none, 0)
    # ... but the layers it leaves in RAM run on the host's CPU, on a desktop's 8 threads
    from fitengine.speed import HOST_THREADS

    offload = replace(gpu, active_bytes_ram=2e9, ram_layers=20, ram_gbps=80.0)
    extra = decode_seconds(offload, barriers, 0) - decode_seconds(offload, none, 0)
    assert extra == pytest.approx(20 * HOST_THREADS * 2e-6)
    # ... or on the named host's own cores (llama.cpp's default: one thread per physical core)
    wide = replace(offload, host_threads=32)
    extra = decode_seconds(wide, barriers, 0) - decode_seconds(wide, none, 0)
    assert extra == pytest.approx(20 * 32 * 2e-6)


def test_a_named_host_runs_what_the_gpu_left_in_ram_on_its_own_cores():
    from fitengine.engine import make_setup, workpoint
    from fitengine.memory import place
    from fitengine.speed import HOST_THREADS, host_threads

    cat = _cat()
    epyc = cat.hardware["epyc-9554"]
    hybrid = next(h for h in cat.hardware.values() if h.p_cores)
    assert host_threads(None) == HOST_THREADS
    assert host_threads(epyc) == epyc.cores
    assert host_threads(hybrid) == hybrid.p_cores  # a hybrid Intel's P cores alone
    m, q = cat.models["llama-3.3-70b"], cat.quants["Q4_K_M"]
    for host, threads in ((None, HOST_THREADS), (epyc, epyc.cores)):
        setup = make_setup(cat.hardware["rtx-3090"], host=host)
        p = place(m, q, setup.device, setup.count, 8192, "f16", True)
        assert workpoint(m, setup, p, "f16", "Q4_K_M", True, cat).host_threads == threads


def clock_factor_of(wp, p):
    from fitengine.speed import backend_params, clock_factor

    return clock_factor(wp, backend_params(p, wp))


def test_the_host_cpu_runs_what_stayed_in_ram_at_its_own_arithmetic_bound():
    from dataclasses import replace

    from fitengine.engine import host_cpu, make_setup, workpoint
    from fitengine.memory import place
    from fitengine.speed import decode_seconds, host_decode

    cat = _cat()
    m, q = cat.models["qwen3-30b-a3b"], cat.quants["Q6_K"]
    desktop = cat.hardware["cpu-ddr4-2ch"]
    setup = make_setup(cat.hardware["rtx-3060"], host=desktop)
    p = place(m, q, setup.device, setup.count, 8192, "f16", True)
    wp = workpoint(m, setup, p, "f16", "Q6_K", True, cat)
    assert wp.active_bytes_ram > 0 and wp.ram_flops > 0
    # the host's CPU as a CPU-only run of it is described: its peak, SIMD level, vendor, cores
    assert (wp.host_tflops, wp.host_simd, wp.host_vendor, wp.host_cores) == host_cpu(desktop)
    assert host_cpu(desktop)[1] == "avx2" and host_cpu(None)[0] == 0.0
    params = DEFAULT_PARAMS
    bw, s_per_flop = host_decode(wp, params)
    # an 8-core desktop on DDR4 multiplies its experts faster than its RAM delivers them ...
    assert wp.ram_flops * s_per_flop < wp.active_bytes_ram / bw
    # ... a CPU with a tenth of its arithmetic is bound by it, not by its RAM
    slow = replace(wp, host_tflops=wp.host_tflops / 10)
    assert decode_seconds(slow, params, 0) > decode_seconds(wp, params, 0)
    _, slow_s = host_decode(slow, params)
    assert slow.ram_flops * slow_s > slow.active_bytes_ram / bw
    # ... and without a host (a Mac's own CPU) nothing but its RAM bounds it
    assert host_decode(replace(wp, host_tflops=0.0), params)[1] == 0.0


def test_a_token_reads_one_row_of_an_untied_embedding_table_and_all_of_a_tied_one():
    from fitengine.speed import active_bytes

    untied = _cat().models["llama-3.1-8b"]
    total = 4.92e9
    table = untied.vocab * untied.hidden_size * total / (untied.params_b * 1e9)
    # the token embedding is looked up a row a token (llama.cpp keeps it in host memory); the
    # separate output projection is read whole
    assert active_bytes(untied, total) == pytest.approx(total - table)
    # a tied model's only table is its output projection: every token's logits read all of it
    tied = _cat().models["llama-3.2-1b"]
    assert tied.tied_embeddings
    assert active_bytes(tied, 0.81e9) == 0.81e9


def test_a_soc_whose_fabric_caps_its_cores_reads_every_quant_format_at_that_cap():
    from fitengine.speed import decode_step

    fast_legacy = replace(DEFAULT_PARAMS, decode_bw={"cpu:legacy": 1.5})
    k, legacy = (_wp("llama-3.2-1b", "raspberry-pi-4", q) for q in ("Q4_K_M", "Q4_0"))
    assert k.stream_gbps == 5.56  # the Pi 4's A72 cluster streams 5.6 of its 12.8 GB/s
    # through the cap every format reads at one rate (the Pi 4 measures Q4_0, Q4_K_M, Q8_0 and
    # F16 at 3.2-3.7 GB/s), a share of the cap rather than of the DRAM's peak
    capped = decode_step(k, fast_legacy).bw
    assert decode_step(legacy, fast_legacy).bw == capped
    assert capped < 5.56e9 < decode_step(replace(k, stream_gbps=0.0), fast_legacy).bw
    # ... and so does a desktop's DRAM uncapped: a CPU has no decode factor per format (its
    # cores' unpacking is arithmetic, quant_cost), so a fitted one is never looked up
    desktop = _wp("llama-3.2-1b", "ryzen-9-7950x", "Q4_0")
    assert desktop.stream_gbps == 0.0
    assert (
        decode_step(desktop, fast_legacy).bw
        == decode_step(replace(desktop, quant_family="k"), fast_legacy).bw
    )


@pytest.mark.parametrize(
    ("one_ccd", "two_ccds"),
    [
        ("ryzen-7-7700x", "ryzen-9-7950x"),
        ("ryzen-7-9800x3d", "ryzen-9-9950x3d"),
        ("ryzen-5-9600x", "ryzen-9-9900x"),
    ],
)
@pytest.mark.parametrize("quant", ["Q4_K_M", "Q8_0", "F16"])
def test_one_ccd_reads_no_faster_than_its_fabric_link(one_ccd, two_ccds, quant):
    from fitengine.speed import decode_step

    def at(share: float) -> SpeedParams:
        cpu = replace(DEFAULT_PARAMS.backends["cpu"], eff_bw=share)
        backends = {**DEFAULT_PARAMS.backends, "cpu": cpu}
        return replace(DEFAULT_PARAMS, backends=backends, f16_bw=1.2, decode_bw={"cpu:legacy": 2})

    one, two = (_wp("llama-3.1-8b", hw, quant) for hw in (one_ccd, two_ccds))
    # one Zen 4/5 CCD reads 32 B a fabric clock (64 GB/s at 2 GHz), under its DDR5's peak; two
    # CCDs' links carry more than the DRAM gives, so a two-CCD part has no link cap
    assert one.fabric_gbps == 64 < one.bandwidth_gbps
    assert two.fabric_gbps == 0.0
    assert decode_step(one, at(0.95)).bw <= 64e9 < decode_step(two, at(0.95)).bw
    # the link binds at its peak: where the DRAM's achieved share is under it, nothing changes
    low = at(0.5)
    assert decode_step(one, low).bw == decode_step(replace(one, fabric_gbps=0.0), low).bw


@pytest.mark.parametrize("hardware", ["ryzen-7-7700x", "ryzen-9-7950x", "rtx-4090", "m4-max-40c"])
@pytest.mark.parametrize("quant", ["Q8_0", "Q4_0", "Q4_K_M", "F16"])
def test_no_format_reads_faster_than_the_memorys_peak(hardware, quant):
    # the legacy formats' factor over K-quants times a backend's share put an x86 CPU's Q8_0 at
    # 118% of its DDR5's peak
    from fitengine.speed import decode_step

    wp = _wp("llama-3.1-8b", hardware, quant)
    assert decode_step(wp, replace(DEFAULT_PARAMS, decode_bw={"cpu:legacy": 2.0})).bw <= (
        wp.bandwidth_gbps * 1e9
    )


def test_decode_arithmetic_runs_at_the_prefill_rate_where_prefill_has_no_gemm_kernels():
    from fitengine.speed import decode_compute_share

    p = replace(DEFAULT_PARAMS, decode_compute_eff=0.4)
    # no repacked or tinyBLAS GEMMs below AVX2 / Arm dot products: prefill runs vec_dot too
    assert decode_compute_share("neon", p) == 1.0
    assert decode_compute_share("sse4", p) == 1.0
    # elsewhere a one-token GEMV reaches a share of what prefill's GEMM kernels do
    assert decode_compute_share("avx2", p) == 0.4
    assert decode_compute_share("dotprod", p) == 0.4


def test_a_dequantize_then_blas_path_converts_every_weight_each_ubatch():
    from fitengine.speed import dequant_bytes, prefill_step

    # Volta runs quantized prompts as dequantize to F16 + cuBLAS; an RTX 4090 on MMQ's int8 tiles
    volta, mmq = _wp(hardware="v100-pcie"), _wp(hardware="rtx-4090")
    assert volta.path == "blas" and dequant_bytes(volta) == 2.0
    assert dequant_bytes(mmq) == 0.0 and dequant_bytes(_wp(hardware="v100-pcie", quant="F16")) == 0
    step = prefill_step(volta, DEFAULT_PARAMS)
    # the Q4_K_M file's own bytes read, and two bytes a weight written for the GEMM to read
    weights = volta.weights_bytes_gpu
    assert step.dequant_s == pytest.approx(
        weights * (1 + 2 / volta.bytes_per_param) / (step.mem_bps), rel=1e-9
    )
    assert prefill_step(mmq, DEFAULT_PARAMS).dequant_s == 0.0
    # a cost per ubatch: the same for a short and a long one, so a longer ubatch pays less a token
    with_dq = step.ubatch_seconds(512, 0) - step.ubatch_seconds(256, 0)
    without = replace(step, dequant_s=0.0)
    assert with_dq == pytest.approx(without.ubatch_seconds(512, 0) - without.ubatch_seconds(256, 0))


def test_flash_attention_has_one_fitted_efficiency_for_every_backend():
    cal = default_catalog().calibration["speed"]["backends"]
    # its depth rows are one or two devices per backend: held out, each fell back to the prior
    assert len({round(b["attn_eff"], 6) for b in cal.values()}) == 1


def test_flash_attention_runs_the_same_kernels_whatever_the_weights_take():
    from fitengine.speed import prefill_step

    p = SpeedParams.from_dict(default_catalog().calibration["speed"])
    # an F16 file's weights go to cuBLAS and a Q4_K_M file's to MMQ; the fattn kernel is chosen by
    # the device alone, so both files' attention runs at one rate
    f16, q4 = _wp(quant="F16"), _wp()
    assert f16.path != q4.path and f16.attn_path == q4.attn_path == "mma"
    assert prefill_step(f16, p).attn_rate == pytest.approx(prefill_step(q4, p).attn_rate)
    # ... and so does a build whose quantized matmuls took dequantize + BLAS
    blas = replace(q4, path="blas")
    assert prefill_step(blas, p).attn_rate == pytest.approx(prefill_step(q4, p).attn_rate)
    # without flash attention the KQ and KQV products run as the weights' matmuls
    nofa = replace(q4, flash_attn=False)
    assert prefill_step(replace(nofa, path="blas"), p).attn_rate != pytest.approx(
        prefill_step(nofa, p).attn_rate
    )


def test_a_blas_path_moe_pays_for_each_expert_it_runs_one_at_a_time():
    """ggml_cuda_mul_mat_id's fallback: one BLAS call per expert any token picked; experts that
    fewer than 64 tokens picked run MMQ on their quantized weights and are not dequantized."""
    from dataclasses import replace

    from fitengine.speed import mmq_expert_share, prefill_seconds

    volta = _wp("gpt-oss-20b", "v100-pcie", "MXFP4")
    assert volta.expert_loop and volta.experts == 32
    # MMQ on Ampere multiplies every expert in one kernel; a dense model has no experts
    assert not _wp("gpt-oss-20b", "rtx-4090", "MXFP4").expert_loop
    assert not _wp("llama-3.1-8b", "v100-pcie").expert_loop
    # today's mmf multiplies F16/BF16 experts in one kernel
    assert not _wp("qwen3-30b-a3b", "rtx-4090", "BF16").expert_loop
    costly = replace(DEFAULT_PARAMS, t_expert_us=20.0)
    free = replace(DEFAULT_PARAMS, t_expert_us=0.0)
    extra = prefill_seconds(volta, costly, 512) - prefill_seconds(volta, free, 512)
    # 512 tokens x top-4 of 32 experts touch every expert of each layer's three expert matmuls
    assert extra == pytest.approx(volta.moe_layers * 3 * 32 * 20e-6, rel=1e-3)
    # 16 tokens an expert: all of them on MMQ; 256: none
    assert mmq_expert_share(volta, 128) == pytest.approx(1.0, abs=1e-6)
    assert mmq_expert_share(volta, 2048) == pytest.approx(0.0, abs=1e-6)


def test_hybrid_p_cores_toward_turbo_while_e_cores_idle():
    """llama.cpp runs a hybrid on its P cores alone: they run toward their max turbo (the
    catalog's P-core peak is counted at their all-core clock); a run that also takes the E cores,
    and any non-hybrid CPU, keeps the all-core rate."""
    from fitengine.engine import p_core_turbo
    from fitengine.speed import Workpoint, thread_share

    cat = _cat()
    meteor = cat.hardware["core-ultra-7-155u"]  # 2 P at 3.0 GHz all-core, 4.8 GHz turbo
    assert p_core_turbo(meteor) == pytest.approx(1.6, abs=0.01)
    assert p_core_turbo(cat.hardware["ryzen-9-7950x"]) == 1.0
    p = replace(SpeedParams.from_dict(cat.calibration["speed"]), turbo_exp=0.5)
    wp = Workpoint(
        *(1, 0, 0.0, 0.0, 0.0, 0, 0.0, 0.0, 0.0, 1.0, 1.0, 1, 89.6, 4800.0, 0.192, 89.6),
        backend="cpu",
        vendor="intel",
        cpu_only=True,
        unquantized=False,
        flash_attn=False,
        cores=2,
        turbo=1.6,
    )
    assert thread_share(wp, p) == pytest.approx(1.6**0.5)
    assert thread_share(replace(wp, threads=1), p) == pytest.approx(0.5 * 1.6**0.5)
    assert thread_share(replace(wp, threads=8), p) == 1.0
    assert thread_share(replace(wp, turbo=1.0), p) == 1.0


def test_ggml_cuda_scores_the_cells_its_kv_cache_view_holds():
    """A sliding window's layers attend to their whole cache (window + n_ubatch, padded to 256)
    on CUDA and HIP builds, and a ubatch under 1024 queries also scores its masked future cells
    (launch_fattn's KV_max trim runs from 1024 queries); other backends keep the causal window."""
    from fitengine.speed import attended_cells

    wp = _wp("gpt-oss-20b", "radeon-ai-pro-r9700", "MXFP4")
    assert wp.backend == "rocm" and wp.flash_attn
    # gpt-oss's 128-token window: a 512 ubatch keeps 768 cells, a 2048 one 2304
    assert attended_cells(wp, 512, 20000, 128, 512) == pytest.approx(768)
    assert attended_cells(wp, 2048, 20000, 128, 2048) == pytest.approx(2304 - 1024)
    # a full-attention layer: the ubatch's future half unless the trim runs
    assert attended_cells(wp, 512, 1000, 0, 512) == pytest.approx(1256)
    assert attended_cells(wp, 2048, 1000, 0, 2048) == pytest.approx(1000)
    # a cache that has not filled yet holds what came before
    assert attended_cells(wp, 512, 256, 128, 512) == pytest.approx(512)
    metal = replace(wp, backend="metal")
    assert attended_cells(metal, 512, 20000, 128, 512) == 128
    assert attended_cells(metal, 512, 1000, 0, 512) == 1000


def _vulkan(wp):
    """The workpoint as a Vulkan build on a cooperative-matrix device runs it."""
    return replace(wp, backend="vulkan", path="coopmat", attn_path="coopmat", flash_attn=True)


def test_vulkan_flash_attention_rereads_its_kv_cache_from_dram_once_a_layer_outgrows_the_llc():
    """ggml-vulkan's flash attention reads a head's K/V rows once per Br query rows (coopmat1:
    16), so a ubatch re-reads each layer's cache n x gqa / Br times: from the last-level cache
    while the layer's K/V (and the mask's rows) fit it, past it the share that does not fit from
    DRAM. gpt-oss-120b: 18 full layers of 8 K/V heads (2 KB a cell) under 64 query heads."""
    from fitengine.speed import fa_query_rows, kv_spill_bytes

    wp = _vulkan(_wp("gpt-oss-120b", "radeon-8060s", "MXFP4"))
    assert (wp.kv_layers, wp.kv_gqa, wp.q_heads) == (18, 8.0, 64)
    assert wp.llc_bytes == 32 * 2**20 and fa_query_rows(wp) == 16
    # 4k cells: 4096 x (2 KB + 512 x 2 B of mask) = 12 MB per layer, inside the 32 MB MALL
    assert kv_spill_bytes(wp, 512, 4096, 16) == 0
    far = kv_spill_bytes(wp, 512, 33792, 16)
    # past it: the re-reads (512 x 8 / 16 of 18 layers' K/V plus the mask's per-head rows) x
    # the share that does not fit
    per_layer = 33792 * (wp.kv_per_token / 18 + 1024)
    reads = 512 * 33792 * (8 / 16 * wp.kv_per_token + 18 * 64 * 2)
    assert far == pytest.approx(reads * (1 - 32 * 2**20 / per_layer))
    # the prompt slows faster than linearly once the cache spills
    from fitengine.speed import DEFAULT_PARAMS, prefill_seconds

    times = [prefill_seconds(wp, DEFAULT_PARAMS, 512, d) for d in (0, 4096, 16384, 32768)]
    assert (times[3] - times[2]) / 16384 > (times[1] - times[0]) / 4096


def test_kv_spill_grows_with_the_context_and_shrinks_with_the_cache_on_several_devices():
    from fitengine.speed import kv_spill_bytes

    for model, hw in (
        ("llama-3.1-8b", "rx-9070-xt"),
        ("llama-3.1-8b", "radeon-890m"),
        ("qwen3-30b-a3b", "arc-a770-16gb"),
        ("gpt-oss-20b", "radeon-8060s"),
    ):
        wp = _vulkan(_wp(model, hw, "Q4_K_M" if "gpt-oss" not in model else "MXFP4"))
        assert wp.kv_layers > 0 and wp.llc_bytes > 0, (model, hw)
        spills = [kv_spill_bytes(wp, 512, ctx, 16) for ctx in (256, 4096, 16384, 65536)]
        assert spills == sorted(spills) and spills[-1] > 0, (model, hw, spills)
        bigger = replace(wp, llc_bytes=wp.llc_bytes * 4)
        assert kv_spill_bytes(bigger, 512, 65536, 16) < spills[-1]
        # no cache known: every re-read comes from DRAM
        none = replace(wp, llc_bytes=0.0)
        assert kv_spill_bytes(none, 512, 256, 16) > 0


def test_kv_spill_is_vulkan_flash_attention_only():
    """Other backends' attention kernels were not read for their re-reads; without flash
    attention the KQ matrix's own traffic is priced instead."""
    from fitengine.speed import fa_query_rows, prefill_step

    for model, hw in (("gpt-oss-120b", "radeon-8060s"), ("llama-3.1-8b", "rtx-4090")):
        wp = _wp(model, hw, "MXFP4" if "gpt-oss" in model else "Q4_K_M")
        for backend in ("cuda", "rocm", "metal", "sycl"):
            assert fa_query_rows(replace(wp, backend=backend)) == 0
        assert fa_query_rows(replace(_vulkan(wp), flash_attn=False)) == 0
        assert prefill_step(_vulkan(wp), DEFAULT_PARAMS).fa_rows == 16
    # a model whose cache is all MLA has no per-head K/V rows to count
    cat = _cat()
    mla = next(m for m in cat.models.values() if m.attention and m.attention[0].kind == "mla")
    from fitengine.engine import _full_kv_layers

    assert _full_kv_layers(mla) == (0, 1.0)


def test_vulkan_moe_experts_on_amd_keep_the_medium_tile_the_dense_matmuls_left():
    """ggml-vulkan on AMD: the dense matmuls take the large coopmat tile since PR 18749, the
    routed experts (mul_mat_id_l false) keep the medium tile every matmul ran before it: the
    experts' rate is that kernel family's (`coopmatmed`), the dense parts' today's `coopmat`."""
    from fitengine.speed import expert_rate, id_kernel_path, matmul_rate

    params = replace(
        DEFAULT_PARAMS, paths={"vulkan:coopmat": 0.30, "vulkan:coopmatmed": 0.10}, memo={}
    )
    for model, hw, quant in (
        ("qwen3-30b-a3b", "radeon-8060s", "Q4_K_M"),
        ("gpt-oss-20b", "rx-9070-xt", "MXFP4"),
        ("glm-4.5-air", "radeon-8060s", "Q4_K_M"),
        ("gpt-oss-120b", "radeon-890m", "MXFP4"),
    ):
        wp = _vulkan(_wp(model, hw, quant))
        assert wp.vendor == "amd" and id_kernel_path(wp, wp.path) == "coopmatmed", (model, hw)
        rate = matmul_rate(wp, params)
        assert expert_rate(wp, params, rate) == pytest.approx(rate / 3), (model, hw)
        # NVIDIA's coopmat2, Intel and the other backends run their experts on the dense kernels
        for other in (
            replace(wp, vendor="nvidia", path="coopmat2"),
            replace(wp, vendor="intel"),
            replace(wp, backend="rocm", path="wmma"),
        ):
            assert id_kernel_path(other, other.path) == other.path
    for model in ("llama-3.1-8b", "qwen3-32b", "gemma-3-27b"):
        dense = _vulkan(_wp(model, "radeon-8060s", "Q4_K_M"))
        assert id_kernel_path(dense, dense.path) == "coopmat"


def test_amd_vulkan_runs_before_the_large_coopmat_tile_are_scored_on_the_medium_one():
    """bench/build_paths.yaml: an AMD RDNA3+ Vulkan row whose build predates PR 18749 ran every
    matmul on the medium tile (`coopmatmed`); a current one runs today's `coopmat`."""
    from bench.rows import _build_path, load_build_paths

    rules = load_build_paths()
    for arch in ("rdna3", "rdna3.5", "rdna4"):
        assert _build_path(rules, "vulkan", arch, 6077).path == "coopmatmed"
        assert _build_path(rules, "vulkan", arch, "2025-05").path == "coopmatmed"
        assert _build_path(rules, "vulkan", arch, 9000) is None
        assert _build_path(rules, "vulkan", arch, "2026-03") is None
    for arch in ("xe2", "ada", "rdna2"):
        assert _build_path(rules, "vulkan", arch, 6077) is None
