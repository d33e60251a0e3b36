"""The calibration corpus (../shared/calibration/speed.csv) as rows the speed model can score.

Shared by bench/calibrate.py (fits the constants) and bench/accuracy.py (scores them out of
sample). Every row is joined to catalog entries through bench/modelmap.yaml and bench/hwmap/*.yaml,
and carries the engine's own Workpoint, so the fit exercises exactly the code users run.
"""

from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import yaml

from fitengine import constants as C
from fitengine.catalog import Catalog, Hardware, MatPath, Model, default_catalog
from fitengine.engine import (
    BadInput,
    host_cpu,
    make_setup,
    matpath_peak,
    speed_class,
    workpoint,
)
from fitengine.infer_hw import infer_hardware
from fitengine.memory import full_offload, place, weights
from fitengine.speed import SIMD_ORDER, Workpoint, expert_loop, host_threads

HERE = Path(__file__).resolve().parent
DEFAULT_CSV = HERE.parent.parent / "shared" / "calibration" / "speed.csv"

# How much a row's source is trusted (../shared/calibration/README.md describes the tiers).
TIER_WEIGHT = {
    "primary": 1.0,
    "primary-summary": 0.7,
    "community-tool": 0.5,
    "secondary-transcription": 0.4,
    "primary-legacy": 0.3,
    "community-unverified": 0.2,
}
# LocalScore reports means over 9 tests of different sizes; this is the typical test.
LOCALSCORE_PROMPT, LOCALSCORE_GEN = 1024, 128
# ... and these are the 9 (prompt, gen) tests: each clears the KV cache, reads the prompt, then
# generates at positions prompt + i, and the reported gen_tps is the arithmetic mean of the nine
# tests' rates (localscore/localscore.cpp get_baseline_test_configs and the avg over results,
# localscore/benchmark.cpp test::run and test_gen:
# https://github.com/Mozilla-Ocho/llamafile/blob/main/localscore/localscore.cpp), so its decode
# reads a cache ~1.8k tokens deep on average, not LOCALSCORE_GEN / 2
LOCALSCORE_TESTS = (
    (1024, 16),
    (4096, 256),
    (2048, 256),
    (2048, 768),
    (1024, 1024),
    (1280, 3072),
    (384, 1152),
    (64, 1024),
    (16, 1536),
)
# Builds before this one computed the vocabulary projection for every prompt token, not only for
# those that ask for logits: https://github.com/ggml-org/llama.cpp/pull/6122 ("skip computing output
# for unused tokens", 2024-03-26, commit 557410b8f = build 2540).
ALL_LOGITS_BEFORE = 2540
# llama-bench options a row's notes state (threads only for CPU rows: a GPU run's -t is the host's)
_THREADS = (r"-t (\d+)\b", r"\b(\d+) threads?\b", r"\bthreads[ =](\d+)")
_UBATCH = (r"-ub (\d+)", r"n_ubatch[ =](\d+)")
_BATCH = (r"(?<![\w-])-b (\d+)", r"\bn_batch[ =](\d+)")
# Runs that left part of the model in RAM (status "ok (partial offload)"): how many layers'
# experts stayed there, and the host RAM the row states ("~102 GB/s", or "DDR5-5200" on the host's
# channels)
OFFLOAD_STATUS = "ok (partial offload)"
_N_CPU_MOE = (r"--n-cpu-moe (\d+)", r"-ncmoe (\d+)")
_NGL = (r"-ngl (\d+)", r"--n-gpu-layers (\d+)")
_RAM_GBPS = r"~(\d+(?:\.\d+)?) ?GB/s"
_RAM_MTS = r"DDR\d-(\d{4})"


def csv_path() -> Path:
    env = os.environ.get("CANIRUN_SPEED_CSV")
    return Path(env) if env else DEFAULT_CSV


@dataclass
class Row:
    idx: int
    hw: Hardware
    model: Model
    quant: str
    gpus: int
    backend: str
    prompt: int
    gen: int
    depth: int
    pp: float | None
    tg: float | None
    oom: bool
    tier: str
    source: str
    wp: Workpoint
    fits_pred: bool
    weight: float
    cls: str
    total_bytes: float  # whole weights, for the baselines
    ubatch: int = C.N_UBATCH
    batch: int = C.N_BATCH
    host: str = ""  # a host that limits the run (bench/hosts.yaml), or ""
    build: str = ""  # llama.cpp build as the source gives it
    all_logits: bool = False  # the build computed logits for every prompt token
    driver: str = ""  # a Vulkan driver other than the one predicted (bench/vulkan_drivers.yaml)
    # why the fit leaves the row out, where its own source says it did not measure the device
    # the catalog describes (bench/flagged_rows.yaml: a VM slice, weights paged from disk), or ""
    flag: str = ""
    # a LocalScore GPU run whose host CPU has AVX512_BF16: llamafile kept the KV cache in BF16
    # and ran attention head by head through cuBLAS (bench/kv_bf16_hosts.yaml)
    kv_bf16: bool = False
    # the host's operating system where the row's notes give it (LocalScore: "..., Windows;"),
    # lower case, or "": a Windows host submits a GPU's kernels through WDDM
    host_os: str = ""

    @property
    def era(self) -> str:
        """Which family of builds measured it: legacy (2023), llamafile, current, or a current
        build on another Vulkan driver than the one the engine predicts (its name)."""
        if self.tier == "primary-legacy":
            # December 2023's Metal backend is code of its own, with its own runtime costs
            return "legacy-metal" if self.backend == "metal" else "legacy"
        if self.source == "localscore":
            return "llamafile"
        return self.driver or "current"


def _num(s: str) -> float | None:
    try:
        return float(s)
    except (TypeError, ValueError):
        return None


def _quant_id(raw: str, catalog: Catalog) -> str | None:
    s = raw.strip()
    s = re.sub(r"\s*\(.*", "", s)
    s = s.split(" - ")[0].strip()
    fix = {"Q3_K": "Q3_K_S"} if "Small" in raw else {}
    s = fix.get(s, s)
    return s if s in catalog.quants else None


def _backend(raw: str) -> str:
    return raw.split(" ")[0].strip().lower()


def _option(text: str, patterns: tuple[str, ...]) -> int | None:
    for pat in patterns:
        if m := re.search(pat, text):
            return int(m.group(1))
    return None


def build_number(raw: str) -> int | None:
    """llama.cpp's build number as sources write it: "4426e298 (2824)", "b6792", "~b6100-b6200"."""
    m = re.search(r"\((\d{3,5})\)", raw) or re.search(r"\bb(\d{3,5})\b", raw)
    return int(m.group(1)) if m else None


@dataclass(frozen=True)
class BuildPath:
    backend: str
    archs: tuple[str, ...]
    before: int | None  # None: a rule on a build option, whatever the build (`cues`)
    path: MatPath | None  # the quantized matmuls' kernel family (None: a rule on attention)
    merged: str = ""  # "YYYY-MM" the `before` build appeared: for a row with a date and no build
    # where the build's flash attention ran (ATTENTION_FAMILIES): "vector" (the shader cores, on
    # the tile kernel of PR 15769), "tile" (the shader cores, on the tile kernels before it),
    # "rocwmma" (the WMMA units, on the rocWMMA kernel of a GGML_HIP_ROCWMMA_FATTN build), each
    # with an efficiency fitted apart, or "" (as today)
    attention: str = ""
    # notes that say the run did not take the rule's attention kernels (another build option)
    attention_except: tuple[str, ...] = ()
    # notes that say the run took them (a build option): the rule applies only to those rows
    cues: tuple[str, ...] = ()
    # the build's flash attention shared the old matmul family's constant (a rule whose change
    # left the attention kernels alone: their efficiency was fitted as the old matmuls')
    with_attention: bool = False


def load_build_paths() -> list[BuildPath]:
    raw = yaml.safe_load((HERE / "build_paths.yaml").read_text())
    return [
        BuildPath(
            r["backend"],
            tuple(r["archs"]),
            r.get("before"),
            MatPath(**r["quantized"]) if "quantized" in r else None,
            merged=r.get("merged", ""),
            attention=r.get("attention", ""),
            attention_except=tuple(r.get("except", ())),
            cues=tuple(r.get("cues", ())),
            with_attention=bool(r.get("with_attention", False)),
        )
        for r in raw
    ]


def _build_rules(rules, backend: str, arch: str, build: int | str | None) -> list[BuildPath]:
    """The rules a run's build falls under: its build number before the rule's, or, for a run
    that states no build, the month it was measured ("YYYY-MM") before the rule's merge; a rule
    on a build option (no `before`) whatever the build."""
    return [
        rule
        for rule in rules
        if rule.backend == backend
        and _before(rule, build)
        and ("*" in rule.archs or arch in rule.archs)
    ]


def _before(rule: BuildPath, build: int | str | None) -> bool:
    if rule.before is None:
        return True
    if build is None or build == "":
        return False
    if isinstance(build, int):
        return build < rule.before
    return bool(rule.merged) and build < rule.merged


# https://github.com/ggml-org/llama.cpp/pull/16812 (merged 2025-10-28): get_n_kv pads to 256 cells
# without flash attention too; the build number is about b6850 (not verified to the commit: the
# calibration has no run without flash attention between b6800 and b6900)
PAD256_BUILD, PAD256_MONTH = 6850, "2025-11"


def _before_pad256(build: int | str | None) -> bool:
    if isinstance(build, int):
        return build < PAD256_BUILD
    return isinstance(build, str) and bool(build) and build < PAD256_MONTH


def run_build(raw_build: str, measured: str) -> int | str | None:
    """What is known of a run's llama.cpp: its build number, else the month it was measured
    ("YYYY-MM", when its source dates it that closely), else None. llamafile runs (LocalScore)
    carry llamafile's own copy of the kernels: no llama.cpp build or month applies."""
    build = build_number(raw_build)
    if build is not None or "llamafile" in raw_build.lower():
        return build
    m = re.match(r"\s*(\d{4})-(\d{2})\b", measured)
    if m:
        return f"{m.group(1)}-{m.group(2)}"
    # a year, or a range of years ("2025..2026"): the run is no later than the last year's
    # December, so only code merged after that year is known to be missing from it
    years = re.findall(r"\b(20\d{2})\b", measured)
    return f"{years[-1]}-12" if years else None


def _build_path(rules, backend: str, arch: str, build: int | str | None) -> MatPath | None:
    hit = _path_rule(rules, backend, arch, build)
    return hit.path if hit else None


def _path_rule(rules, backend: str, arch: str, build: int | str | None) -> BuildPath | None:
    hit = [r for r in _build_rules(rules, backend, arch, build) if r.path is not None]
    return hit[0] if hit else None


# The kernel families (each a fitted path efficiency of its own) of flash attention on the kernels
# older or optional ggml-cuda builds ran (bench/build_paths.yaml `attention`); the engine never
# predicts them: today's default builds run the fattn-mma kernels on the matrix units
ATTENTION_FAMILIES = {"tile": "tilefa", "vector": "vecfa", "rocwmma": "wmmafa"}
TILE_ATTENTION = ATTENTION_FAMILIES["tile"]
# ... and those that run on the shader cores: packed FP16, twice the FP32 lanes
VECTOR_ATTENTION = ("tile", "vector")


def _old_attention(rules, hw: Hardware, backend: str, build: int | str | None, text: str) -> str:
    """The kind of flash-attention kernels the build ran where they are not today's (a key of
    ATTENTION_FAMILIES), "" if today's. A shader-core kind applies only to a device whose
    catalogued FP16 is a matrix-unit rate (it states its FP32 vector rate apart)."""
    low = text.lower()
    for r in _build_rules(rules, backend, hw.arch, build):
        if not r.attention or any(c.lower() in low for c in r.attention_except):
            continue
        if r.cues and not any(c.lower() in low for c in r.cues):
            continue
        if r.attention in VECTOR_ATTENTION and not hw.fp32_tflops:
            continue
        return r.attention
    return ""


def _library(libraries: list[dict], backend: str, text: str, hw: Hardware) -> MatPath | None:
    """The BLAS library a row's run used where it is not the backend's default: the one its notes
    name, else the one its device's target gets (bench/blas_libraries.yaml)."""
    low = text.lower()
    named = [lib for lib in libraries if lib["backend"] == backend and lib.get("cues")]
    by_target = [lib for lib in libraries if lib["backend"] == backend and lib.get("targets")]
    hit = next((lib for lib in named if any(c.lower() in low for c in lib["cues"])), None)
    if hit is None:
        hit = next(
            (
                lib
                for lib in by_target
                if hw.gfx in lib["targets"]
                and not any(c.lower() in low for c in lib.get("except", ()))
            ),
            None,
        )
    if hit is None:
        return None
    return MatPath(path=hit["path"], peak=hit.get("peak", "fp16"), units=hit.get("units", "matrix"))


def _driver(drivers: list[dict], backend: str, text: str) -> str:
    """The Vulkan driver a row's notes name where it is not the predicted one, else ""."""
    low = text.lower()
    return next(
        (
            d["driver"]
            for d in drivers
            if d["backend"] == backend and any(c.lower() in low for c in d["cues"])
        ),
        "",
    )


def _host(hardware: str, hosts: dict[str, list[str]]) -> str:
    return next((h for h, cues in hosts.items() if any(c in hardware for c in cues)), "")


def load_maps() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    models = yaml.safe_load((HERE / "modelmap.yaml").read_text())
    hw: dict[str, str] = {}
    by_hardware: dict[str, str] = {}
    for f in sorted((HERE / "hwmap").glob("*.yaml")):
        data = yaml.safe_load(f.read_text()) or {}
        by_hardware.update(data.pop("by_hardware", {}) or {})
        hw.update({k: v for k, v in data.items() if isinstance(v, str)})
    return models, hw, by_hardware


def _hardware(cat: Catalog, hid: str | None, hw_key: str, backend: str) -> Hardware | None:
    """The mapped device: a catalog entry, or the entry fitengine.infer_hw derives for a device
    with none (read from its id, else from the hw_key text, as long as it gives that id)."""
    if not hid:
        return None
    hw = cat.hardware.get(hid)
    if hw is None:
        text = hw_key.removeprefix("CPU: ")
        hw = infer_hardware(text, cat, want="cpu" if backend == "cpu" else None)
    return hw if hw is not None and hw.id == hid else None


def _joined(catalog: Catalog | None, path: Path | None, status: str | None = None):
    """(csv dict, Row) for every row of the CSV that joins the catalog: the rows of one status
    read as ok runs when `status` is given (the partial-offload runs)."""
    cat = catalog or default_catalog()
    models, hwmap, by_hardware = load_maps()
    hosts = yaml.safe_load((HERE / "hosts.yaml").read_text())
    builds = load_build_paths()
    libraries = yaml.safe_load((HERE / "blas_libraries.yaml").read_text())
    drivers = yaml.safe_load((HERE / "vulkan_drivers.yaml").read_text())
    kernels = yaml.safe_load((HERE / "cpu_kernels.yaml").read_text())
    flags = flagged_rows()
    with open(path or csv_path(), newline="", encoding="utf-8") as fh:
        for i, r in enumerate(csv.DictReader(fh)):
            if status is not None:
                if r["status"].strip() != status:
                    continue
                r = {**r, "status": "ok"}
            row = _row(i, r, cat, models, hwmap, by_hardware, hosts, builds, libraries, drivers)
            if row is not None:
                if flag := flags.get(r["source_url"].strip()):
                    row = replace(row, flag=flag)
                if row.wp.cpu_only and (level := era_simd(kernels, row)) != row.wp.simd:
                    # this era's CPU kernels run at another SIMD level (bench/cpu_kernels.yaml)
                    row = replace(row, wp=replace(row.wp, simd=level))
                yield r, row


def era_simd(rules: list[dict], row: Row) -> str | None:
    """The SIMD level a CPU-only row's kernels ran at: the best level its CPU has that no rule of
    its era (bench/cpu_kernels.yaml) drops."""
    have = set(row.hw.simd)
    for rule in rules:
        if rule["era"] == row.era and not have & set(rule.get("unless", ())):
            have -= set(rule["drop"])
    return next((lvl for lvl in SIMD_ORDER if lvl in have), row.wp.simd)


def flagged_rows() -> dict[str, str]:
    """source_url -> reason, for the rows bench/flagged_rows.yaml keeps out of the fit."""
    entries = yaml.safe_load((HERE / "flagged_rows.yaml").read_text()) or []
    return {e["source_url"]: e["reason"] for e in entries}


def load_rows(catalog: Catalog | None = None, path: Path | None = None) -> list[Row]:
    return [row for _, row in _joined(catalog, path)]


def _row(i, r, cat, models, hwmap, by_hardware, hosts, builds, libraries, drivers) -> Row | None:
    mid = models.get(r["model"])
    hid = by_hardware.get(r["hardware"]) or hwmap.get(r["hw_key"])
    hw = _hardware(cat, hid, r["hw_key"], _backend(r["backend"]))
    if not mid or mid not in cat.models or hw is None:
        return None
    m = cat.models[mid]
    q = _quant_id(r["quant"], cat)
    if q is None:
        return None
    status = r["status"].strip()
    if status not in ("ok", "oom"):
        return None
    backend = _backend(r["backend"])
    if backend not in hw.backends or (hw.kind != "cpu" and backend == "cpu"):
        # the CPU of an Apple chip is a different device from its GPU: not modelled here
        return None
    gpus = int(r["gpu_count"] or 1) if hw.kind == "gpu" else 1
    vram = _num(r["vram_gb_per_device"])
    try:
        setup = make_setup(hw, gpus=max(gpus, 1), vram_gb=vram, backend=backend)
    except BadInput:
        return None
    source = "localscore" if r["test_tool"] == "localscore" else r["test_tool"]
    prompt = int(_num(r["prompt_tokens"]) or (LOCALSCORE_PROMPT if source == "localscore" else 512))
    gen = int(_num(r["gen_tokens"]) or LOCALSCORE_GEN)
    depth = int(_num(r["kv_depth"]) or 0)
    qt = cat.quants[q]
    flash = r["flash_attn"].startswith("1")
    # llama-bench allocates the prompt (or depth + test) as context: that is what must fit
    n_ctx = max(depth + max(prompt, gen), 512)
    fit_p = place(m, qt, setup.device, setup.count, n_ctx, "f16", flash)
    w = weights(m, qt)
    full = full_offload(m, qt, setup.device, setup.count, n_ctx, "f16", flash)
    full.kind = "cpu" if hw.kind == "cpu" else "gpu"
    text = f"{r['hardware']} | {r['notes']}"
    threads = _option(text, _THREADS) if hw.kind == "cpu" else None
    wp = workpoint(m, setup, full, "f16", q, flash, cat, threads)
    build = run_build(r["llama_cpp_build"], r["measured_date"])
    if not flash and (_before_pad256(build) or "llamafile" in r["llama_cpp_build"].lower()):
        # the build padded the cells a step without flash attention reads to 32 (speed.kv_pad):
        # llamafile 0.9.x (LocalScore) carries a llama.cpp of spring 2025
        wp = replace(wp, kv_pad_nofa=32)
    rule = _path_rule(builds, backend, hw.arch, build)
    old = rule.path if rule else None
    if old is not None and not wp.unquantized:
        # this build ran another kernel family than today's (bench/build_paths.yaml)
        if rule.with_attention and wp.attn_path == wp.path:
            wp = replace(wp, attn_path=old.path)
        wp = replace(wp, path=old.path, tflops=matpath_peak(hw, backend, old))
    if flash and (attention := _old_attention(builds, hw, backend, build, text)):
        # ... and its flash attention on other kernels than today's (bench/build_paths.yaml)
        wp = replace(wp, attn_path=ATTENTION_FAMILIES[attention])
        if attention in VECTOR_ATTENTION:
            wp = replace(wp, attn_tflops=2 * hw.fp32_tflops)
    if wp.experts:
        # the experts' kernels at this build: a quantized file's (or a quantized native
        # format's, gpt-oss's F16 file) on the build's quantized path, an F16/BF16 file's on BLAS
        bulk = wp.unquantized and bool(wp.bulk_family)
        epath = (old.path if old else wp.attn_path) if bulk else wp.path
        wp = replace(wp, expert_loop=expert_loop(backend, True, epath))
        if bulk and old:
            # ... and run there at that family's peak
            wp = replace(wp, expert_path=old.path, expert_tflops=matpath_peak(hw, backend, old))
    if wp.path == "blas" and (lib := _library(libraries, backend, text, hw)):
        # ... through another BLAS library than the backend's default (bench/blas_libraries.yaml)
        wp = replace(
            wp,
            path=lib.path,
            tflops=matpath_peak(hw, backend, lib),
            matrix_units=lib.units == "matrix",
        )
    tier = r["tier"].strip()
    # LocalScore keeps a GPU run's KV cache in BF16 on an AVX512_BF16 host (kv_bf16_hosts.yaml)
    bf16_host = _host_march(r["notes"]) in _bf16_marches()
    kv_bf16 = source == "localscore" and hw.kind != "cpu" and bf16_host
    return Row(
        idx=i,
        hw=hw,
        model=m,
        quant=q,
        gpus=setup.count,
        backend=backend,
        prompt=prompt,
        gen=gen,
        depth=depth,
        pp=_num(r["pp_tok_s"]),
        tg=_num(r["tg_tok_s"]),
        oom=status == "oom",
        tier=tier,
        source=source,
        wp=wp,
        fits_pred=fit_p.fits_gpu,
        weight=TIER_WEIGHT.get(tier, 0.3),
        cls=speed_class(hw, m),
        total_bytes=w.total,
        ubatch=_option(text, _UBATCH) or C.N_UBATCH,
        batch=_option(text, _BATCH) or C.N_BATCH,
        host=_host(r["hardware"], hosts) if hw.kind != "cpu" else "",
        build=r["llama_cpp_build"].strip(),
        all_logits=(build_number(r["llama_cpp_build"]) or 10**9) < ALL_LOGITS_BEFORE,
        driver=_driver(drivers, backend, r["notes"]),
        kv_bf16=kv_bf16,
        host_os=_host_os(r["notes"]),
    )


# the host CPU's -march a LocalScore row's notes give ("system: <cpu name> (znver4), ...")
_MARCH = re.compile(r"system: [^;]*? \(([a-z0-9_-]+)\),")


# the operating system a LocalScore row's notes give ("system: <cpu>, 62.7GB RAM, Windows; ...")
_HOST_OS = re.compile(r"system: [^;]*?RAM, ([A-Za-z]+);")


def _host_os(notes: str) -> str:
    m = _HOST_OS.search(notes)
    return m.group(1).lower() if m else ""


def _host_march(notes: str) -> str:
    m = _MARCH.search(notes)
    return m.group(1) if m else ""


@cache
def _bf16_marches() -> frozenset[str]:
    """The -march names on which LocalScore keeps its KV cache in BF16 (bench/kv_bf16_hosts.yaml)."""
    return frozenset(yaml.safe_load((HERE / "kv_bf16_hosts.yaml").read_text())["marches"])


def load_offload_rows(catalog: Catalog | None = None, path: Path | None = None) -> list[Row]:
    """The runs that kept part of the model in system RAM, placed as they ran (-ngl,
    --n-cpu-moe from their notes) with the host RAM they state. The main fit never sees them:
    bench/hybrid.py fits the one constant they decide (SpeedParams.hybrid_eff_bw)."""
    cat = catalog or default_catalog()
    rows: list[Row] = []
    for r, row in _joined(cat, path, OFFLOAD_STATUS):
        if (wp := _offload_workpoint(row, r, cat)) is not None:
            rows.append(replace(row, wp=wp, fits_pred=False))
    return rows


def _offload_workpoint(row: Row, r: dict, cat: Catalog) -> Workpoint | None:
    text = f"{r['hardware']} | {r['notes']}"
    n_cpu_moe = _option(text, _N_CPU_MOE) or 0
    ngl = _option(text, _NGL)
    if ngl is None or (not n_cpu_moe and ngl > row.model.layers):
        return None  # nothing says what stayed in RAM
    host = _host_cpu(r["hardware"], cat)
    gbps = _stated_ram_gbps(r["hardware"], host)
    if gbps is None:
        return None
    setup = make_setup(row.hw, gpus=row.gpus, vram_gb=_num(r["vram_gb_per_device"]))
    n_ctx = max(row.depth + max(row.prompt, row.gen), 512)
    p = place(row.model, cat.quants[row.quant], setup.device, setup.count, n_ctx, "f16", True)
    p = replace(p, gpu_layers=ngl, n_cpu_moe=n_cpu_moe)
    wp = workpoint(row.model, setup, p, "f16", row.quant, row.wp.flash_attn, cat)
    # the host's CPU runs what stayed in RAM on the threads the run states, else on llama.cpp's
    # default for that CPU
    threads = _option(text, _THREADS) or host_threads(host)
    tflops, simd, vendor, cores = host_cpu(host)
    return replace(
        wp,
        ram_gbps=gbps,
        path=row.wp.path,
        tflops=row.wp.tflops,
        host_threads=threads,
        host_tflops=tflops,
        host_simd=simd,
        host_vendor=vendor,
        host_cores=cores,
    )


def _host_cpu(hardware: str, cat: Catalog) -> Hardware | None:
    """The CPU named after the "+" of "GPU + CPU, RAM" (catalogued or inferred)."""
    if "+" not in hardware:
        return None
    name = re.split(r"[,(]", hardware.split("+", 1)[1])[0].strip()
    return infer_hardware(name, cat, want="cpu") or cat.hardware.get(name)


def _stated_ram_gbps(hardware: str, host: Hardware | None) -> float | None:
    if m := re.search(_RAM_GBPS, hardware):
        return float(m.group(1))
    if host is None:
        return None
    if (m := re.search(_RAM_MTS, hardware)) and host.channels:
        return host.channels * int(m.group(1)) * 8 / 1000
    return host.bandwidth_gbps


def classes(row: Row) -> list[str]:
    """Accuracy classes a row belongs to (a row can be MoE and multi-GPU and NVIDIA at once)."""
    out = [
        {
            "nvidia": "NVIDIA",
            "amd": "AMD",
            "intel": "Intel",
            "apple": "Apple",
            "unified": "Unified",
            "cpu": "CPU",
        }[row.cls]
    ]
    if row.model.moe:
        out.append("MoE")
    if row.gpus > 1:
        out.append("Multi-GPU")
    return out
