"""Hardware the catalog has no entry for, inferred from its family (catalog/hardware-rules): the
names lscpu, llama-bench and LocalScore print resolve to an entry marked inferred, with the memory,
cores and SIMD level of the family; a catalogued entry always wins; a near-miss GPU name never
becomes a CPU."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.hw_coverage import corpus_names, resolve
from bench.rows import csv_path
from fitengine import analyze
from fitengine.catalog import Catalog, CatalogError, HardwareRules, catalog_dir, default_catalog
from fitengine.infer_hw import INFERRED_MARK, canonical, infer_hardware
from fitengine.resolve import resolve_hardware

# lscpu's "Model name" (and llama-bench's CPU line) -> (id, inferred, cores, channels, GB/s)
LSCPU = [
    ("12th Gen Intel(R) Core(TM) i5-12450H", "core-i5-12450h", True, 8, 2, 76.8),
    ("AMD Ryzen 5 5600X 6-Core Processor", "ryzen-5-5600x", False, 6, 2, 51.2),
    ("AMD EPYC 7763 64-Core Processor", "epyc-7763", False, 64, 8, 204.8),
    ("Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz", "xeon-gold-6338", False, 32, 8, 204.8),
    ("AMD EPYC 9274F 24-Core Processor", "epyc-9274f", True, 24, 12, 460.8),
    ("Intel(R) Xeon(R) CPU E5-2650 v4 @ 2.20GHz", "xeon-e5-2650v4", True, 12, 4, 76.8),
    ("AMD Ryzen 7 7735HS with Radeon Graphics", "ryzen-7-7735hs", True, 8, 2, 76.8),
    ("13th Gen Intel(R) Core(TM) i7-1360P", "core-i7-1360p", True, 12, 2, 83.2),
    ("Intel(R) Core(TM) Ultra 5 125H", "core-ultra-5-125h-cpu", True, 14, 2, 89.6),
    ("AMD Ryzen Threadripper PRO 5995WX 64-Cores", "threadripper-pro-5995wx", True, 64, 8, 204.8),
    ("Intel(R) Celeron(R) N5105 @ 2.00GHz", "intel-n5105", True, 4, 2, 46.9),
]


@pytest.mark.parametrize(("text", "hw_id", "inferred", "cores", "channels", "gbps"), LSCPU)
def test_lscpu_names_resolve_with_the_family_memory_and_cores(
    text, hw_id, inferred, cores, channels, gbps
):
    hw = resolve_hardware(text).entry
    assert hw is not None, text
    assert (hw.id, hw.inferred, hw.kind) == (hw_id, inferred, "cpu")
    assert (hw.cores, hw.channels, hw.bandwidth_gbps) == (cores, channels, gbps)
    assert hw.simd and hw.fp16_tflops > 0


def test_an_inferred_entry_says_so_and_shows_its_derivation():
    hw = resolve_hardware("12th Gen Intel(R) Core(TM) i5-12450H").entry
    assert hw.inferred and hw.name == f"Intel Core i5-12450H {INFERRED_MARK}"
    assert hw.memory_type == "DDR5-4800" and hw.simd == ["avx2", "avx-vnni"]
    assert "inferred by rule intel-core-12-mobile-h" in hw.source
    assert "4 P x" in hw.source and "ark.intel.com" in hw.source


def test_a_catalogued_entry_always_wins():
    cat = default_catalog()
    for h in cat.hardware.values():
        if h.kind == "cpu":
            assert resolve_hardware(h.name).entry.id == h.id, h.id
    # the rules know these chips too, but the catalog's entry is the answer
    assert infer_hardware("AMD EPYC 7763 64-Core Processor") is not None
    assert not resolve_hardware("AMD EPYC 7763 64-Core Processor").entry.inferred
    assert resolve_hardware("i7 12700 h").entry.id == "core-i7-12700h"


def test_the_rules_reproduce_the_catalogued_cpus():
    """Run on the catalogued CPUs' own names, the rules land on their cores, channels and
    bandwidth, and within a third on their FLOPS: the tables and ratios agree with the catalog."""
    cat = default_catalog()
    checked = 0
    for h in cat.hardware.values():
        if h.kind != "cpu" or (hw := infer_hardware(h.name, cat, want="cpu")) is None:
            continue
        checked += 1
        assert (hw.cores, hw.channels) == (h.cores, h.channels), h.id
        assert hw.bandwidth_gbps == pytest.approx(h.bandwidth_gbps, rel=0.35), h.id
        assert hw.fp16_tflops == pytest.approx(h.fp16_tflops, rel=0.35), h.id
    assert checked >= 90


def test_an_apu_on_the_cpu_backend_is_the_processor():
    text = "AMD Ryzen 7 8845HS w/ Radeon 780M Graphics"
    assert resolve_hardware(text).entry.id == "radeon-780m"  # the catalog's plain-name convention
    hw = resolve_hardware(text, backend="cpu").entry
    assert (hw.id, hw.kind, hw.cores, hw.bandwidth_gbps) == ("ryzen-7-8845hs-cpu", "cpu", 8, 89.6)
    assert analyze("llama-3.2-1b", text, backend="cpu").hardware.kind == "cpu"
    # an uncatalogued APU: the inferred processor
    hw = resolve_hardware("AMD Ryzen 5 7640HS w/ Radeon 760M Graphics", backend="cpu").entry
    assert hw.kind == "cpu" and hw.cores == 6


def test_an_igpu_named_by_its_host_gets_the_host_memory():
    hw = resolve_hardware("Intel UHD Graphics 730 (i5-13400 iGPU)").entry
    assert (hw.kind, hw.inferred, hw.bandwidth_gbps) == ("igpu", True, 76.8)
    assert "i5-13400" in hw.name and "sycl" in hw.backends
    hw = resolve_hardware("AMD Ryzen 7 7700 iGPU (Radeon Graphics, RADV RAPHAEL_MENDOCINO)").entry
    assert (hw.kind, hw.arch) == ("igpu", "rdna2")
    # a catalogued iGPU stays catalogued
    assert resolve_hardware("AMD Ryzen 7 7840U iGPU").entry.id == "radeon-780m"


@pytest.mark.parametrize(
    ("text", "gpu"), [("rtx 4900", "rtx-4090"), ("rtx 3900", "rtx-3090"), ("rtx 5900", "rtx-5090")]
)
def test_a_near_miss_gpu_name_suggests_the_gpu_and_never_becomes_a_cpu(text, gpu):
    r = resolve_hardware(text)
    assert r.entry is None, r.entry.id
    assert r.suggestions[0].id == gpu


def test_an_inferred_entry_is_found_again_by_its_id():
    cat = default_catalog()
    hw = resolve_hardware("Intel Core i3-1315U", cat).entry
    assert hw.inferred and cat.hardware[hw.id] is hw and cat.hardware.get(hw.id) is hw
    assert hw.id not in cat.hardware and hw.id not in list(cat.hardware)  # listings stay catalogued
    assert cat.hardware.get("core-i5-12450h").inferred  # an id reads as a name too
    assert cat.hardware.get("no-such-device") is None


def test_canonical_names():
    assert canonical("12th Gen Intel(R) Core(TM) i5-12450H").text == "intel core i5 12450h"
    c = canonical("AMD EPYC 9274F (24-core Zen 4, 12-ch DDR5), CPU backend")
    assert c.cores == 24 and "epyc 9274f" in c.text
    assert canonical("Apple M1 Max (32-core GPU, 400 GB/s)").cores is None


def test_rules_load_and_cite_sources():
    rules = HardwareRules.load(catalog_dir())
    assert len(rules.cpu) >= 100 and len(rules.igpu) >= 15
    for r in [*rules.cpu, *rules.igpu.values()]:
        assert r.source and ("http" in r.source or "as the catalogued" in r.source), r.id


def test_a_backtracking_rule_is_refused(tmp_path):
    (tmp_path / "hardware-rules").mkdir()
    (tmp_path / "hardware-rules" / "cpu.yaml").write_text(
        "- id: bad\n  family: x\n  vendor: intel\n  form: desktop\n  arch: x\n  year: 2020\n"
        "  match: '(a+)+b'\n  name: x\n  id_format: x\n"
        "  memory: {type: DDR4, mt_s: 3200, channels: 2}\n  memory_gb: 16\n  simd: [avx2]\n"
        "  flop_per_cycle: [32, 0]\n  allcore_of_turbo: [0.9, 0]\n  typical: {'*': [4, 0, 4000]}\n"
        "  source: x\n"
    )
    with pytest.raises(CatalogError, match=r"cpu.yaml: entry 'bad': field match"):
        HardwareRules.load(tmp_path)


def test_a_catalog_without_rules_infers_nothing(tmp_path):
    (tmp_path / "hardware").mkdir()
    (tmp_path / "hardware" / "x.yaml").write_text(
        "- id: zorb-100\n  name: Zorb 100\n  vendor: other\n  kind: gpu\n  form: desktop\n"
        "  memory_gb: 8\n  bandwidth_gbps: 100\n  fp16_tflops: 10\n  arch: test\n"
        "  backends: [vulkan]\n  source: test\n"
    )
    cat = Catalog.load(tmp_path)
    assert resolve_hardware("12th Gen Intel(R) Core(TM) i5-12450H", cat).entry is None


# --------------------------------------------------------------------------- the calibration corpus

# names that say only a family, not a device: they give suggestions, not a guess
FAMILY_ONLY = {
    "Orin",  # the CUDA device name of every Jetson Orin module
    "AMD Radeon Graphics",  # ROCm's name for every AMD iGPU and for the gfx906 cards (MI50/MI60)
}
# the name does not say which variant the calibration map picked from other evidence (memory)
VARIANTS = {
    "A100 80GB": {"a100-80gb-pcie", "a100-80gb-sxm"},
    "M1 Max Mac Studio (10 core - 64GB)": {"m1-max-24c", "m1-max-32c"},
    "Apple M1 Ultra 16P+4E": {"m1-ultra-48c", "m1-ultra-64c"},
    "Apple M2 Ultra 16P+8E": {"m2-ultra-60c", "m2-ultra-76c"},
    "NVIDIA GeForce RTX 3050": {"rtx-3050", "rtx-3050-6gb"},
    # the normalized name drops the host CPU, whose memory the calibration map's entry takes
    "AMD Radeon Graphics (Raphael iGPU)": {"radeon-raphael", "radeon-raphael-ryzen-7-7700"},
}


@pytest.mark.skipif(not csv_path().exists(), reason="calibration data not present")
def test_every_hardware_name_of_the_calibration_corpus_resolves():
    cat = default_catalog()
    names = corpus_names()
    assert len(names) >= 300
    for n in names:
        r = resolve(n, cat)
        if n.text in FAMILY_ONLY:
            assert r.entry is None and r.suggestions, n
            continue
        assert r.entry is not None, (n, [s.id for s in r.suggestions])
        if n.expected and r.entry.id != n.expected:
            assert {r.entry.id, n.expected} <= VARIANTS.get(n.text, set()), (n, r.entry.id)


# --------------------------------------------------------------------------- robustness


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)
@given(
    st.one_of(
        st.text(max_size=400),
        st.lists(
            st.sampled_from(
                [
                    "intel",
                    "core",
                    "i7",
                    "ryzen",
                    "9",
                    "hx",
                    "370",
                    "epyc",
                    "xeon",
                    "gold",
                    "12700h",
                    "(r)",
                    "@",
                    "2.4ghz",
                    "w/",
                    "radeon",
                    "780m",
                    "igpu",
                    "cpu",
                    "rtx",
                    "4900",
                    "-",
                    "64-core",
                    "processor",
                    "+",
                    ",",
                    "x1e-78-100",
                    "ultra",
                    "(",
                    ")",
                ]
            ),
            max_size=30,
        ).map(" ".join),
    )
)
def test_resolving_arbitrary_text_never_raises(text):
    for res in (resolve_hardware(text), resolve_hardware(text, backend="cpu")):
        assert res.entry is None or (res.entry.id and res.entry.kind)
        assert all(s.id for s in res.suggestions)


ADVERSARIAL = [
    "intel core i7 " * 400,
    "(" * 300 + "ryzen 9 7950x" + ")" * 300,
    ", ".join(["rtx 4090 + i9-14900k"] * 200),
    "a" * 10_000,
    "12th Gen Intel(R) Core(TM) i5-12450H " + "@ 2.4GHz " * 500,
    "x1e-78-100 " * 300 + "9" * 2000,
    "epyc " + "9" * 5000 + "f",
]


def test_resolving_long_or_hostile_text_stays_fast():
    resolve_hardware("Intel Core i5-12450H")  # indexes and rules loaded outside the timing
    for text in ADVERSARIAL:
        best = min(_timed(text) for _ in range(3))
        assert best < 0.05, (text[:40], best)


def _timed(text: str) -> float:
    t0 = time.perf_counter()
    resolve_hardware(text, backend="cpu")
    return time.perf_counter() - t0


def test_a_family_model_with_a_smaller_igpu_infers_that_igpu():
    # the Ryzen AI 300 family carries the 860M; its 340 the 840M
    assert resolve_hardware("ryzen ai 5 340 igpu").entry.id == "radeon-840m"
    assert resolve_hardware("ryzen ai 7 350 igpu").entry.id == "radeon-860m"
