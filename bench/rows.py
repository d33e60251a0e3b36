"""The calibration corpus (../shared/calibration/speed.csv) as rows the speed model can score.

Shared by bench/calibrate.py (fits the constants) and bench/accuracy.py (scores them out of
sample). Every row is joined to catalog entries through bench/modelmap.yaml and bench/hwmap/*.yaml,
and carries the engine's own Workpoint, so the fit exercises exactly the code users run.
"""

from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from fitengine.catalog import Catalog, Hardware, Model, default_catalog
from fitengine.engine import BadInput, make_setup, speed_class, workpoint
from fitengine.memory import full_offload, place, weights
from fitengine.speed import Workpoint

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

    @property
    def era(self) -> str:
        """Which family of builds measured it: legacy (2023), llamafile, or current."""
        if self.tier == "primary-legacy":
            return "legacy"
        if self.source == "localscore":
            return "llamafile"
        return "current"


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


def load_maps() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    models = yaml.safe_load((HERE / "modelmap.yaml").read_text())
    hw: dict[str, str] = {}
    by_hardware: dict[str, str] = {}
    for f in sorted((HERE / "hwmap").glob("*.yaml")):
        data = yaml.safe_load(f.read_text()) or {}
        by_hardware.update(data.pop("by_hardware", {}) or {})
        hw.update({k: v for k, v in data.items() if isinstance(v, str)})
    return models, hw, by_hardware


def load_rows(catalog: Catalog | None = None, path: Path | None = None) -> list[Row]:
    cat = catalog or default_catalog()
    models, hwmap, by_hardware = load_maps()
    rows: list[Row] = []
    with open(path or csv_path(), newline="", encoding="utf-8") as fh:
        for i, r in enumerate(csv.DictReader(fh)):
            row = _row(i, r, cat, models, hwmap, by_hardware)
            if row is not None:
                rows.append(row)
    return rows


def _row(i, r, cat, models, hwmap, by_hardware) -> Row | None:
    mid = models.get(r["model"])
    hid = by_hardware.get(r["hardware"]) or hwmap.get(r["hw_key"])
    if not mid or not hid or mid not in cat.models or hid not in cat.hardware:
        return None
    m, hw = cat.models[mid], cat.hardware[hid]
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
    wp = workpoint(m, setup, full, "f16", q, flash)
    tier = r["tier"].strip()
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
    )


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
