"""Fit the speed model's constants on calibration rows, and predict rows with them.

The model itself lives in fitengine/speed.py; this module only searches its constants (least
squares on log errors, weighted by how much each row's source is trusted) and never restates it.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, replace

import numpy as np
from scipy.optimize import least_squares

from fitengine.speed import (
    BACKENDS,
    DEFAULT_PARAMS,
    BackendParams,
    SpeedParams,
    mean_decode_tok_s,
    prefill_tok_s,
)

from .rows import Row

BACKEND_FIELDS = (
    "eff_bw",
    "t_layer_us",
    "t_moe_us",
    "eff_compute",
    "t_layer_pp_us",
    "f16_compute",
    "moe_pp_eff",
)
GLOBAL_FIELDS = (
    "t_hop_us",
    "pp_multi",
    "attn_eff",
    "attn_eff_nofa",
    "kv_eff",
    "f16_bw",
    "decode_compute_eff",
    "clock_exp",
)
ERAS = ("legacy", "llamafile")
# Nuisance terms of the measurement sources, fitted so they do not bend the physics; the engine
# predicts current builds and never applies them: a fixed per-token cost of each era's runtime
# (ms) and 2023 multi-GPU prefill, which ran layers one GPU at a time without pipelining.
NUISANCE = (
    ("era_token_ms", "legacy", 0.3),
    ("era_token_ms", "llamafile", 0.3),
    ("era_token_ms", "llamafile-gpu", 3.0),
    ("era_token_ms", "legacy-multi", 3.0),
    ("legacy_multi_pp", "legacy", 0.3),
)
# Backends without enough rows of their own borrow the constants of their closest relative.
BORROW = {"sycl": "vulkan:intel"}
# Backend and vendor pairs that get constants of their own: llama.cpp's Vulkan path on Intel Arc
# reaches a fraction of what it reaches on AMD and NVIDIA cards (which share the plain "vulkan").
SPLIT_BY_VENDOR = {"vulkan": ("intel",)}


def backend_key(r: Row) -> str:
    if r.hw.vendor in SPLIT_BY_VENDOR.get(r.backend, ()):
        return f"{r.backend}:{r.hw.vendor}"
    return r.backend


# A pull toward the starting point keeps constants that the data barely sees finite: weak for the
# efficiencies the data pins down, firmer for the small fixed costs it only sees through few rows,
# none for the nuisance terms of the sources.
PRIOR_WEIGHT = {"t_moe_us": 1.0, "t_layer_pp_us": 0.6, "t_layer_us": 0.3, "moe_pp_eff": 0.5}
PRIOR_DEFAULT = 0.15
POOL_WEIGHT = 0.1
# Efficiencies are shares of a peak: keep them there.
UPPER = {
    "eff_bw": 1.0,
    "eff_compute": 1.0,
    "kv_eff": 1.5,
    "pp_multi": 1.0,
    "moe_pp_eff": 1.0,
    "decode_compute_eff": 1.0,
}


@dataclass
class Fitted:
    params: SpeedParams
    era_decode: dict[str, float]
    era_prefill: dict[str, float]
    era_token_ms: dict[str, float]
    legacy_multi_pp: float

    def predict(self, row: Row) -> tuple[float | None, float | None]:
        dec = pre = None
        if row.tg is not None:
            dec = mean_decode_tok_s(row.wp, self.params, row.depth, row.gen)
            extra = self.era_token_ms.get(row.era, 0.0)
            if row.era == "llamafile" and not row.wp.cpu_only:
                # llamafile's GPU path pays a per-token cost of its own (sampling, syncs)
                extra += self.era_token_ms.get("llamafile-gpu", 0.0)
            if row.era == "legacy" and row.gpus > 1:
                # 2023 builds split every matrix across GPUs (row split): a sync per op
                extra += (row.gpus - 1) * self.era_token_ms.get("legacy-multi", 0.0)
            dec = 1 / (1 / dec + extra / 1000)
            dec *= self.era_decode.get(row.era, 1.0)
        if row.pp is not None:
            wp = row.wp
            if row.era == "legacy" and row.gpus > 1:
                wp = replace(wp, gpus=1)  # no pipeline parallelism before 2024
            pre = prefill_tok_s(wp, self.params, row.prompt, row.depth)
            pre *= self.era_prefill.get(row.era, 1.0)
            if row.era == "legacy" and row.gpus > 1:
                pre /= 1 + self.legacy_multi_pp * (row.gpus - 1)
        return dec, pre


def _layout(backends: list[str]) -> list[tuple[str, str, float]]:
    out = []
    for b in backends:
        base = DEFAULT_PARAMS.backends[b.split(":")[0]]
        for f in BACKEND_FIELDS:
            out.append((b, f, getattr(base, f)))
    for f in GLOBAL_FIELDS:
        out.append(("*", f, getattr(DEFAULT_PARAMS, f)))
    for era in ERAS:
        out.append(("era_decode", era, 1.0))
        out.append(("era_prefill", era, 1.0))
    out.extend(NUISANCE)
    return out


def _unpack(x: np.ndarray, layout, counts: dict[str, int]) -> Fitted:
    vals = np.exp(x)
    per_backend: dict[str, dict[str, float]] = {}
    glob: dict[str, float] = {}
    era_d: dict[str, float] = {}
    era_p: dict[str, float] = {}
    era_t: dict[str, float] = {}
    legacy_multi = 1.0
    for (scope, name, _), v in zip(layout, vals, strict=True):
        v = float(v)
        if scope == "*":
            glob[name] = min(v, UPPER.get(name, math.inf))
        elif scope == "era_decode":
            era_d[name] = v
        elif scope == "era_prefill":
            era_p[name] = v
        elif scope == "era_token_ms":
            era_t[name] = v
        elif scope == "legacy_multi_pp":
            legacy_multi = v
        else:
            per_backend.setdefault(scope, {})[name] = min(v, UPPER.get(name, math.inf))
    backends = {b: BackendParams(**f) for b, f in per_backend.items()}
    for b in BACKENDS:
        if b not in backends:
            # a split backend answers for unknown vendors with its most measured vendor
            split = sorted((k for k in backends if k.startswith(b + ":")), key=lambda k: -counts[k])
            backends[b] = (
                backends[split[0]]
                if split
                else backends.get(BORROW.get(b, "vulkan")) or DEFAULT_PARAMS.backends[b]
            )
    params = SpeedParams(backends=backends, bands={}, **glob)
    return Fitted(params, era_d, era_p, era_t, legacy_multi)


def fit(rows: list[Row]) -> Fitted:
    counts = Counter(backend_key(r) for r in rows)
    backends = sorted(counts)
    layout = _layout(backends)
    x0 = np.log([v for _, _, v in layout])
    prior_w = np.array(
        [
            0.02
            if scope in ("era_decode", "era_prefill", "era_token_ms", "legacy_multi_pp")
            else PRIOR_WEIGHT.get(name, PRIOR_DEFAULT)
            for scope, name, _ in layout
        ]
    )
    pools = [
        [i for i, (scope, name, _) in enumerate(layout) if name == field and scope in backends]
        for field in BACKEND_FIELDS
    ]
    data = [r for r in rows if not r.oom and (r.tg or r.pp)]
    weights = np.array([math.sqrt(r.weight) for r in data])

    def residuals(x: np.ndarray) -> np.ndarray:
        f = _unpack(x, layout, counts)
        res = []
        for r, w in zip(data, weights, strict=True):
            dec, pre = f.predict(r)
            res.append(w * math.log(dec / r.tg) if dec and r.tg else 0.0)
            res.append(w * math.log(pre / r.pp) if pre and r.pp else 0.0)
        prior = prior_w * (x - x0)
        # partial pooling: a backend's constant is pulled toward the same constant of the other
        # backends, so one the data barely sees borrows from those it sees well
        pooled = [POOL_WEIGHT * (x[idx] - x[group].mean()) for group in pools for idx in group]
        return np.concatenate([np.array(res), prior, np.array(pooled)])

    sol = least_squares(residuals, x0, method="trf", loss="cauchy", f_scale=0.3, max_nfev=400)
    return _unpack(sol.x, layout, counts)


def group_folds(rows: list[Row], k: int = 8) -> list[tuple[list[Row], list[Row]]]:
    """Hold out by hardware: every device's rows land in exactly one test fold, so each score
    is for hardware the fit never saw."""
    devices = sorted({r.hw.id for r in rows})
    # deterministic spread: sort by id, deal round-robin
    fold_of = {d: i % k for i, d in enumerate(devices)}
    out = []
    for i in range(k):
        test = [r for r in rows if fold_of[r.hw.id] == i]
        train = [r for r in rows if fold_of[r.hw.id] != i]
        out.append((train, test))
    return out


def cross_predict(rows: list[Row], k: int = 8) -> dict[int, tuple[float | None, float | None]]:
    preds: dict[int, tuple[float | None, float | None]] = {}
    for train, test in group_folds(rows, k):
        f = fit(train)
        for r in test:
            preds[r.idx] = f.predict(r)
    return preds
