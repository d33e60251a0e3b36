"""How the fit charges LocalScore's runs their per-token cost: a GPU run pays llamafile's GPU
cost in place of its CPU runs' cost, not both."""

from dataclasses import replace

import pytest

from bench.calibrate import committed_fit
from bench.fitting import token_era
from bench.rows import csv_path, load_rows

pytestmark = pytest.mark.skipif(not csv_path().exists(), reason="calibration data not present")


@pytest.fixture(scope="module")
def rows():
    return load_rows()


def _decode_ms(f, row) -> float:
    return 1000.0 / f.predict(row)[0]


def test_a_localscore_gpu_run_pays_the_gpu_runs_token_cost_alone(rows):
    base = replace(committed_fit(), era_token_ms={}, era_decode={})
    charged = replace(base, era_token_ms={"llamafile": 2.0, "llamafile-gpu": 0.5})
    gpu = next(r for r in rows if r.source == "localscore" and r.tg and not r.wp.cpu_only)
    assert token_era(gpu) == "llamafile-gpu"
    # a LocalScore decode is the mean rate of nine tests: the cost moves each test's token
    assert _decode_ms(charged, gpu) > _decode_ms(base, gpu)
    only_gpu = replace(base, era_token_ms={"llamafile-gpu": 0.5})
    assert charged.predict(gpu)[0] == pytest.approx(only_gpu.predict(gpu)[0])


def test_a_localscore_cpu_run_pays_the_cpu_runs_token_cost(rows):
    base = replace(committed_fit(), era_token_ms={}, era_decode={})
    cpu = next(r for r in rows if r.source == "localscore" and r.tg and r.wp.cpu_only)
    assert token_era(cpu) == "llamafile"
    charged = replace(base, era_token_ms={"llamafile": 2.0, "llamafile-gpu": 0.5})
    only_cpu = replace(base, era_token_ms={"llamafile": 2.0})
    assert charged.predict(cpu)[0] == pytest.approx(only_cpu.predict(cpu)[0])
    assert charged.predict(cpu)[0] < base.predict(cpu)[0]


def test_other_eras_pay_their_own_token_cost(rows):
    legacy = next(r for r in rows if r.era == "legacy" and r.tg)
    current = next(r for r in rows if r.era == "current" and r.tg)
    assert token_era(legacy) == "legacy"
    assert token_era(current) == "current"


def _decode_wp(hardware: str, flash_attn: bool):
    from fitengine.catalog import default_catalog
    from fitengine.engine import make_setup, workpoint
    from fitengine.memory import full_offload

    cat = default_catalog()
    m, hw, qt = cat.models["llama-3.1-8b"], cat.hardware[hardware], cat.quants["Q4_K_M"]
    setup = make_setup(hw, gpus=1)
    p = full_offload(m, qt, setup.device, setup.count, 16384, "f16", flash_attn)
    p.kind = "gpu"
    return workpoint(m, setup, p, "f16", "Q4_K_M", flash_attn, cat, None)


def test_without_flash_attention_each_backend_reads_a_deep_cache_at_its_own_share():
    """The separate KQ, softmax and KQV kernels a step runs without flash attention are each
    backend's own: a backend whose kernels reach half the shared share pays twice the cache's
    read, and only where flash attention is off and only on that backend."""
    from fitengine.speed import DEFAULT_PARAMS, decode_seconds

    half = replace(
        DEFAULT_PARAMS,
        backends={
            **DEFAULT_PARAMS.backends,
            "metal": replace(DEFAULT_PARAMS.backends["metal"], kv_nofa=0.5),
        },
    )
    mac = _decode_wp("m2-ultra-76c", flash_attn=False)
    assert mac.backend == "metal"
    deep = decode_seconds(mac, half, 8192) - decode_seconds(mac, half, 256)
    shared = decode_seconds(mac, DEFAULT_PARAMS, 8192) - decode_seconds(mac, DEFAULT_PARAMS, 256)
    assert deep == pytest.approx(2 * shared)
    # with flash attention on, or on another backend, nothing moves
    fa = _decode_wp("m2-ultra-76c", flash_attn=True)
    assert decode_seconds(fa, half, 8192) == decode_seconds(fa, DEFAULT_PARAMS, 8192)
    card = _decode_wp("rtx-4090", flash_attn=False)
    assert decode_seconds(card, half, 8192) == decode_seconds(card, DEFAULT_PARAMS, 8192)
