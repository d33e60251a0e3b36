"""Anyone can refit the speed constants from ../shared/calibration and get the committed numbers."""

import math

import pytest

from bench.accuracy import per_row
from bench.calibrate import _round, committed_fit
from bench.fitting import fit
from bench.hybrid import fit_share, leave_one_device_out
from bench.rows import csv_path, load_offload_rows, load_rows
from fitengine import default_catalog

pytestmark = pytest.mark.skipif(not csv_path().exists(), reason="calibration data not present")


@pytest.fixture(scope="module")
def rows():
    return load_rows()


def test_every_speed_row_joins_the_catalog(rows):
    # bench/modelmap.yaml and bench/hwmap/*.yaml cover the corpus (clusters, Apple CPUs, partial
    # offload runs and a self-converted GGUF aside)
    assert len(rows) >= 1140


def test_refit_reproduces_the_committed_constants(rows):
    committed = default_catalog().calibration["speed"]
    refit = fit(rows).params
    for backend, params in committed["backends"].items():
        for field, value in params.items():
            got = _round(getattr(refit.backends[backend], field))
            assert math.isclose(got, value, rel_tol=0.02), (backend, field, got, value)
    for key, value in committed["paths"].items():
        assert math.isclose(_round(refit.paths[key]), value, rel_tol=0.02), key
    for field in ("t_hop_us", "attn_eff_nofa", "kv_eff", "kv_eff_nofa", "f16_bw"):
        assert math.isclose(_round(getattr(refit, field)), committed[field], rel_tol=0.02), field


def test_rows_carry_what_the_runs_used(rows):
    # thread counts of CPU runs, ubatch sizes, weak hosts, and the kernels of older builds
    assert any(r.wp.threads == 1 for r in rows if r.wp.cpu_only)
    assert any(r.ubatch == 2048 for r in rows)
    assert any(r.host == "sbc" for r in rows)
    old_cuda = [r for r in rows if r.backend == "cuda" and r.build.startswith("4426e298")]
    assert old_cuda and all(r.wp.path == "blas" for r in old_cuda if not r.wp.unquantized)


def test_fit_accuracy_on_ok_and_oom_rows(rows):
    right = sum((not r.oom) == r.fits_pred for r in rows)
    assert right / len(rows) >= 0.95


@pytest.fixture(scope="module")
def offload_rows():
    return load_offload_rows()


def test_partial_offload_runs_are_placed_as_they_ran(offload_rows):
    # the experts of the layers their notes name stay in RAM, read at the RAM the row states
    by_model = {r.model.id: r for r in offload_rows}
    assert by_model["gpt-oss-120b"].wp.ram_layers == 34
    assert by_model["gpt-oss-20b"].wp.ram_layers == 14
    assert by_model["gpt-oss-120b"].wp.ram_gbps == pytest.approx(2 * 5200 * 8 / 1000)  # DDR5-5200
    assert by_model["qwen3-30b-a3b-instruct-2507"].wp.ram_gbps == 102  # "~102 GB/s"
    assert all(r.wp.active_bytes_ram > 0 and not r.wp.cpu_only for r in offload_rows)


def test_the_host_share_of_ram_bandwidth_is_the_offload_runs_fit(offload_rows):
    committed = default_catalog().calibration["speed"]["hybrid_eff_bw"]
    assert _round(fit_share(committed_fit(), offload_rows)) == pytest.approx(committed, rel=0.02)
    # held out device by device, the fitted share predicts decode closer than a CPU-only run's
    held = leave_one_device_out(committed_fit(), offload_rows)
    errors = sorted(abs(held[r.idx][0] / r.tg - 1) for r in offload_rows)
    assert errors[len(errors) // 2] < 0.2


def test_old_rdna4_builds_ran_flash_attention_on_the_shader_cores(rows):
    # before llama.cpp's RDNA4 MMA flash attention (PR 18481) the tile kernel ran it at the
    # vector FP16 rate, half the R9700's WMMA rate; the matmuls stay on WMMA
    r9700 = [r for r in rows if r.hw.id == "radeon-ai-pro-r9700" and r.backend == "rocm"]
    flash = [r for r in r9700 if r.wp.flash_attn]
    assert flash and all(r.wp.attn_tflops == 2 * r.hw.fp32_tflops for r in flash)
    assert all(r.wp.attn_tflops < r.hw.fp16_tflops for r in flash)
    # ... on the tile kernel PR 15769 wrote, an efficiency of its own (not the WMMA MMQ's), as
    # RDNA3's without rocWMMA until its MMA flash attention (the RX 7900 GRE's b6829)
    assert all(r.wp.attn_path == "vecfa" for r in flash)
    gre = [r for r in rows if r.hw.id == "rx-7900-gre" and r.wp.flash_attn]
    assert gre and all(r.wp.attn_path == "vecfa" for r in gre)
    # the R9700's shader cores without RDNA's dual issue: 4096 x 2 x 2.92 GHz, the R9700S's
    assert r9700[0].hw.fp32_tflops == pytest.approx(23.9, rel=0.01)
    # Vulkan's rows on the same card and every current-build row keep the matrix rate
    vulkan = [r for r in rows if r.hw.id == "radeon-ai-pro-r9700" and r.backend == "vulkan"]
    assert vulkan and all(r.wp.attn_tflops == r.hw.fp16_tflops for r in vulkan)


def test_old_hip_builds_ran_flash_attention_on_the_tile_kernels_unless_built_with_rocwmma(rows):
    # before PR 15769 a HIP build without GGML_HIP_ROCWMMA_FATTN ran it on the old tile kernels
    # (an efficiency of their own); the rocWMMA builds of the same sweep keep the WMMA kernel
    halo = [
        r for r in rows if r.hw.id == "radeon-8060s" and r.backend == "rocm" and r.wp.flash_attn
    ]
    tile = [r for r in halo if r.wp.attn_path == "tilefa"]
    assert tile and all(
        r.build.split()[0] in ("a4575513", "83bc2f28", "086cf81e", "9515c613", "bbd0f917")
        for r in tile
    )
    assert all(r.wp.attn_tflops == 2 * r.hw.fp32_tflops for r in tile)
    # ... they ran rocWMMA's kernel, an efficiency of its own: PR 24562 measured it at 0.55-0.57x
    # the native kernels' prefill on gfx1151 and gfx1100
    assert any(r.wp.attn_path == "wmmafa" and r.build.startswith("83bc2f28") for r in halo)
    rocwmma = [r for r in halo if r.wp.attn_path == "wmmafa"]
    assert rocwmma and all(r.wp.attn_tflops == r.hw.fp16_tflops for r in rocwmma)
    # b6792's rocWMMA runs are after the rework; Vulkan's never took it
    assert all(r.wp.attn_path == "wmmafa" for r in halo if r.build == "b6792")
    # "no rocWMMA" is not a rocWMMA build
    assert not any(r.wp.attn_path == "wmmafa" for r in rows if r.hw.id == "radeon-ai-pro-r9700")
    assert all(r.wp.attn_path != "tilefa" for r in rows if r.backend != "rocm")


def test_runs_on_amdvlk_are_fitted_apart_from_the_radv_the_engine_predicts(rows):
    # the same Strix Halo build and model read 1.3-1.5x faster prefill through AMDVLK's compiler;
    # AMD dropped AMDVLK for RADV in 2025, so those rows get a nuisance factor of their own
    halo = [r for r in rows if r.hw.id == "radeon-8060s" and r.backend == "vulkan"]
    amdvlk = [r for r in halo if r.driver == "amdvlk"]
    assert amdvlk and all(r.era == "amdvlk" for r in amdvlk)
    assert any(r.era == "current" for r in halo)
    assert not any(r.driver for r in rows if r.backend != "vulkan")
    assert "amdvlk" in committed_fit().era_prefill


def test_a_run_without_a_build_ran_the_kernels_of_the_month_it_was_measured(rows):
    # Strix Halo's "HIP + rocWMMA" run of May 2025 predates RDNA3's WMMA MMQ (December 2025): its
    # batches went through dequantize + rocBLAS, which gfx1151 ran on its FP32 lanes then
    from bench.rows import run_build

    assert run_build("", "2025-05") == "2025-05" and run_build("b6792", "2025-10") == 6792
    assert run_build("llamafile (LocalScore) - build", "2025-04-08") is None
    # a year alone (or a range of years) bounds the run by the last year's December
    assert run_build("", "2025") == "2025-12" and run_build("", "2025..2026") == "2026-12"
    assert run_build("", "") is None
    may = [r for r in rows if r.hw.id == "radeon-8060s" and r.backend == "rocm" and not r.build]
    assert any(r.wp.path == "blasvec" and r.model.id == "llama-2-7b" for r in may)


def test_blas_path_moes_run_their_experts_one_at_a_time(rows):
    # ggml_cuda_mul_mat_id's fallback: dequantize + BLAS builds and F16/BF16 experts on CUDA/ROCm
    loop = {(r.hw.id, r.model.id) for r in rows if r.wp.expert_loop}
    assert ("rx-7900-gre", "gpt-oss-20b") in loop and ("v100-pcie", "gpt-oss-20b") in loop
    assert ("radeon-ai-pro-r9700", "qwen3-coder-30b-a3b") in loop  # its BF16 file
    # MMQ multiplies every expert in one kernel; Vulkan's mul_mat_id has no such loop
    assert not any(r.wp.expert_loop for r in rows if r.wp.path in ("wmma", "mma", "coopmat"))


def test_rocblas_rows_run_the_kernels_their_target_had(rows):
    # Strix Halo's rocBLAS of the 2025 ROCm 6 releases had no WMMA kernels for gfx1151: its FP32
    # lanes' rate; its hipBLASLt runs and its runs on a ROCm 7 nightly keep the matrix units
    halo = [r for r in rows if r.hw.id == "radeon-8060s" and r.backend == "rocm"]
    shader = [r for r in halo if r.wp.path == "blasvec"]
    assert shader and all(r.wp.tflops < r.hw.fp16_tflops and not r.wp.matrix_units for r in shader)
    assert any(r.wp.path == "blaslt" and r.wp.tflops == r.hw.fp16_tflops for r in halo)
    assert any(r.wp.path == "blas" and r.build == "b6792" for r in halo)
    # the RX 7900 GRE's (gfx1100, tuned) stay on the BLAS path's matrix rate
    gre = [r for r in rows if r.hw.id == "rx-7900-gre" and r.backend == "rocm"]
    assert gre and all(r.wp.path == "blas" and r.wp.tflops == r.hw.fp16_tflops for r in gre)
    # the MI300X's b3891 runs took the dp4a MMQ with its generic byte-by-byte dot product
    mi300x = [r for r in rows if r.hw.id == "mi300x"]
    assert mi300x and all(r.wp.path == "dp4a" and r.wp.tflops == r.hw.fp32_tflops for r in mi300x)


def test_offloaded_layers_run_on_the_threads_the_run_states_or_the_hosts_cores(offload_rows):
    by_model = {r.model.id: r for r in offload_rows}
    assert by_model["gpt-oss-120b"].wp.host_threads == 16  # -t 16 on the i7-14700HX
    assert by_model["qwen3-30b-a3b-instruct-2507"].wp.host_threads == 10  # an i9-10900X's cores


def test_the_accuracy_bench_lists_each_rows_error_with_what_its_run_used(rows):
    # bench.accuracy --rows: the held-out error of every scored row beside its device, build,
    # quant, prompt, depth and threads, so the error can be taken apart by any of them
    fitted = committed_fit()
    some = [r for r in rows if r.backend == "cpu"][:20] + [r for r in rows if r.oom][:2]
    preds = {r.idx: fitted.predict(r) for r in some}
    listed = per_row(some, preds)
    assert len(listed) == sum(not r.oom for r in some)
    row = next(r for r in some if r.tg and not r.oom)
    entry = next(e for e in listed if e["idx"] == row.idx)
    assert math.isclose(float(entry["tg_err"]), preds[row.idx][0] / row.tg - 1, abs_tol=1e-4)
    assert entry["device"] == row.hw.id and entry["threads"] == (row.wp.threads or row.wp.cores)


def test_the_quick_backend_check_fits_and_scores_that_backends_rows_alone(capsys):
    # bench.accuracy --backend: minutes instead of the whole bench's tens, for trying a change
    from bench.accuracy import main

    assert main(["--backend", "sycl", "--folds", "2"]) == 0
    out = capsys.readouterr().out
    assert "sycl rows alone (a proxy" in out
    assert "| backend: cuda | 0 |" in out
    sycl = next(line for line in out.splitlines() if line.startswith("| backend: sycl |"))
    assert sycl.split("|")[2].strip() not in ("", "0")


def test_rows_whose_source_says_they_ran_on_a_vm_slice_or_from_disk_stay_out_of_the_fit(rows):
    # bench/flagged_rows.yaml: an 84-core EPYC with 7.8 GB of RAM, a 2970WX with 4.1 GB, a 17.7 GB
    # file on a 15.2 GB cloud VM; scored by the reports, left out of the fit
    flagged = {r.hw.id: r.flag for r in rows if r.flag}
    assert flagged == {
        "epyc-9634": "VM slice",
        "threadripper-2970wx": "VM slice",
        "xeon-platinum-8259cl": "weights larger than RAM",
    }
    rest = [r for r in rows if r.backend == "cpu" and not r.flag][:20]
    few = [r for r in rows if r.flag] + rest
    assert fit(few).params == fit(rest).params


def test_llamafile_rows_run_at_the_simd_level_llamafiles_kernels_use(rows):
    """LocalScore's llamafile 0.9 has no AMX or AVX-VNNI code and runs its VNNI K-quant kernels
    only on CPUs with AVX-512 BF16 too (bench/cpu_kernels.yaml); today's builds use all three."""
    level = {(r.hw.id, r.era): r.wp.simd for r in rows if r.wp.cpu_only}
    assert level[("core-i5-14600k", "llamafile")] == "avx2"  # AVX-VNNI: the AVX2 build of iqk
    assert level[("core-i5-11400", "llamafile")] == "avx512"  # AVX-512 VNNI without BF16
    assert level[("ryzen-9-7950x", "llamafile")] == "avx512-vnni"  # Zen 4: the zen4 build
    assert level[("xeon-w5-3435x", "llamafile")] == "avx512-vnni"  # no AMX in llamafile
    assert level[("core-ultra-7-258v-cpu", "current")] == "avx-vnni"


def test_2023_multi_gpu_prefill_pays_the_row_splits_copies_per_extra_gpu(rows):
    # before the layer split (January 2024) every matmul's input went to each other GPU: Llama 2
    # 7B's matmuls read 6 x 4096 + 11008 (its FFN width, from its parameters) per layer per token
    from bench.fitting import row_split_inputs

    ins, matmuls = row_split_inputs(default_catalog().models["llama-2-7b"])
    assert abs(ins / 32 - (6 * 4096 + 11008)) < 100 and matmuls == 32 * 7
    f = committed_fit()
    legacy = [r for r in rows if r.era == "legacy" and r.gpus > 1 and r.model.id == "llama-2-7b"]
    by_gpus = {r.gpus: f.row_split_seconds(r) for r in legacy if r.quant == "Q4_0"}
    assert by_gpus[3] == pytest.approx(2 * by_gpus[2]) and by_gpus[2] > 0


def test_a_localscore_decode_is_the_mean_of_its_nine_tests_each_at_its_prompts_depth(rows):
    from dataclasses import replace

    from bench.rows import LOCALSCORE_TESTS
    from fitengine.speed import mean_decode_tok_s

    f = committed_fit()
    scored = [r for r in rows if r.source == "localscore" and r.tg][:40:10]
    assert len(scored) >= 3
    for r in scored:
        # the same run at the nine tests' depths, without the era's own per-token cost
        bare = replace(f, era_token_ms={}, era_decode={}, era_head_us={}, era_layer_us={})
        want = sum(mean_decode_tok_s(r.wp, f.params, pp, tg) for pp, tg in LOCALSCORE_TESTS) / 9
        assert bare.predict(r)[0] == pytest.approx(want)
        # a cache ~1.8k tokens deep reads more than the first 64 tokens' would
        assert want < mean_decode_tok_s(r.wp, f.params, 0, 128)


def test_localscore_gpu_runs_on_avx512_bf16_hosts_run_attention_head_by_head(rows):
    """LocalScore keeps its KV cache in BF16 when the host CPU has AVX512_BF16, GPU runs included
    (llamafile localscore/cmd.cpp), and llamafile's ggml-cuda then runs KQ and KQV per query head
    through cuBLAS (bench/kv_bf16_hosts.yaml): the fit charges those runs 2 x heads x layers
    launch chains a token. The host's -march in the row's notes decides, not the card."""
    from dataclasses import replace

    kv = {(r.hw.id, r.model.id, r.backend): r.kv_bf16 for r in rows if r.source == "localscore"}
    # Zen 4 EPYC and Sapphire Rapids Xeon hosts (datacenter cards), a Zen 4 desktop
    assert kv[("a100-80gb-pcie", "llama-3.2-1b", "cuda")]  # EPYC 9374F (znver4)
    assert kv[("h100-sxm", "llama-3.1-8b", "cuda")]  # Xeon Platinum 8470 (sapphirerapids)
    assert kv[("rx-6900-xt", "llama-3.2-1b", "rocm")]  # Ryzen 7 7800X3D (znver4)
    # an A100 on a Zen 3 EPYC, a 4090 D on Cascade Lake (AVX-512 without BF16), a Zen 3 desktop
    assert not kv[("a100-80gb-sxm", "llama-3.2-1b", "cuda")]  # EPYC 7713 (znver3)
    assert not kv[("rtx-4090-d", "llama-3.2-1b", "cuda")]  # Xeon Gold 5218 (cascadelake)
    assert not kv[("rx-6900-xt", "llama-3.1-8b", "rocm")]  # Ryzen 9 5900X (znver3)
    # a CPU run's cache is BF16 too, but runs on ggml-cpu's own BF16 dot products
    assert not kv[("ryzen-9-7950x", "llama-3.1-8b", "cpu")]
    f = committed_fit()
    bf16 = next(
        r for r in rows if r.kv_bf16 and r.hw.id == "h100-sxm" and r.model.id == "llama-3.1-8b"
    )
    plain = replace(bf16, kv_bf16=False)
    on = replace(f, era_head_us={"bf16:nvidia": 5.0})
    launches = 2 * bf16.model.heads * bf16.wp.layers
    assert launches == 2 * 32 * 32  # Llama 3.1 8B
    slow, fast = on.predict(bf16)[0], on.predict(plain)[0]
    # each of the nine tests' tokens pays 2 x 32 x 32 chains of 5 us: about 10 ms a token
    assert 1 / slow - 1 / fast == pytest.approx(launches * 5e-6, rel=0.3)
    assert on.predict(plain) == replace(f, era_head_us={}).predict(plain)


def test_localscore_gpu_runs_on_windows_hosts_pay_wddm_launches_per_layer(rows):
    """A LocalScore row's notes name its host's OS ("..., 47.6GB RAM, Windows; ..."); llamafile
    launched every op on its own (no CUDA graphs), and on Windows each launch goes through WDDM:
    the fit charges a Windows host's GPU run a cost per layer per token, nothing elsewhere."""
    from dataclasses import replace

    os_ = {(r.hw.id, r.model.id, r.backend): r.host_os for r in rows if r.source == "localscore"}
    assert os_[("rtx-4090", "llama-3.2-1b", "cuda")] == "windows"  # Ryzen 7 9800X3D, Windows
    assert os_[("rtx-3090-ti", "llama-3.2-1b", "cuda")] == "linux"  # Xeon E5-2699 v3, Linux
    assert {r.host_os for r in rows if r.source != "localscore"} == {""}
    f = replace(committed_fit(), era_layer_us={"gpu:windows": 50.0})
    win = next(r for r in rows if r.host_os == "windows" and not r.wp.cpu_only and r.tg)
    assert f.launch_us(win) == win.wp.layers * 50.0
    lin = replace(win, host_os="linux")
    assert f.launch_us(lin) == 0.0
    slow, fast = f.predict(win)[0], f.predict(lin)[0]
    assert slow < fast
    cpu = next(r for r in rows if r.host_os == "windows" and r.wp.cpu_only and r.tg)
    assert f.predict(cpu) == replace(f, era_layer_us={}).predict(cpu)


def test_localscore_runs_on_amd_cards_pay_hips_launches_per_layer_on_any_host(rows):
    """llamafile's GPU modules had graphs compiled out, HIP's too (mozilla-ai/llamafile PR
    1051): a LocalScore run on an AMD card pays a launch cost per layer of its own, on Linux as
    on Windows; an NVIDIA card's run, a CPU-only run and a llama-bench run on the same card
    pay none of it."""
    from dataclasses import replace

    f = replace(committed_fit(), era_layer_us={"llamafile-gpu:amd": 200.0})
    amd = [r for r in rows if r.source == "localscore" and r.hw.vendor == "amd" and r.tg]
    gpu = [r for r in amd if not r.wp.cpu_only]
    assert {r.host_os for r in gpu} >= {"linux", "windows"}
    for r in gpu[:3]:
        assert f.launch_us(r) == r.wp.layers * 200.0
        assert f.predict(r)[0] < replace(f, era_layer_us={}).predict(r)[0]
    nvidia = next(r for r in rows if r.source == "localscore" and r.hw.vendor == "nvidia" and r.tg)
    assert f.launch_us(replace(nvidia, host_os="linux")) == 0.0
    bench = next(r for r in rows if r.hw.vendor == "amd" and r.era == "current" and r.tg)
    assert f.launch_us(bench) == 0.0


def test_2023_multi_gpu_decode_reads_each_gpus_rows_at_once_and_syncs_per_layer(rows):
    """A 2023 row split read every matrix's rows on all GPUs at once: the weights' read shrinks
    as 1/gpus and a token pays a per-layer cost growing with the GPUs past the first, so F16
    and Q4_0 of one model add the same time over a one-GPU read (RTX 4090, Llama 2 7B)."""
    from dataclasses import replace

    f = replace(committed_fit(), era_layer_us={"legacy-row": 300.0, "legacy-row-gpu": 100.0})
    legacy = {
        (r.quant, r.gpus): r
        for r in rows
        if r.era == "legacy" and r.hw.id == "rtx-4090" and r.model.id == "llama-2-7b" and r.tg
    }
    for quant in ("Q4_0", "F16"):
        for gpus in (2, 3, 6):
            r = legacy[(quant, gpus)]
            wp, us = f.row_split_decode(r)
            assert wp.gpus == 1
            assert wp.active_bytes_gpu == pytest.approx(r.wp.active_bytes_gpu / gpus)
            assert us == pytest.approx(32 * (300.0 + (gpus - 1) * 100.0))
    # more GPUs read less each: six F16 GPUs beat two before the syncs
    bare = replace(f, era_layer_us={}, era_token_ms={})
    assert bare.predict(legacy[("F16", 6)])[0] > bare.predict(legacy[("F16", 2)])[0]
    # a one-GPU row and a current build's multi-GPU row keep the layer split
    one = legacy[("Q4_0", 1)]
    assert f.predict(one) == replace(f, era_layer_us={}).predict(one)


def test_2023_metal_runs_are_an_era_of_their_own(rows):
    # December 2023's Metal and CUDA backends were separate code: each gets its own era terms
    eras = {(r.backend, r.era) for r in rows if r.tier == "primary-legacy"}
    assert ("metal", "legacy-metal") in eras and ("cuda", "legacy") in eras
    assert ("metal", "legacy") not in eras
