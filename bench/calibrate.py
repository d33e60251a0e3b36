"""Refit the speed constants on ../shared/calibration/speed.csv and write catalog/calibration.json.

    python -m bench.calibrate            # fit on every row, bands from hold-out-by-hardware error
    python -m bench.calibrate --check    # exit 1 if the committed file differs from a refit

Deterministic: the same CSV and catalog give the same numbers.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, replace
from pathlib import Path

import numpy as np

from fitengine.catalog import catalog_dir
from fitengine.speed import SpeedParams

from .fitting import Fitted, cross_predict, fit
from .hybrid import fit_share
from .rows import classes, load_offload_rows, load_rows

OUT = Path(__file__).resolve().parent.parent / "catalog" / "calibration.json"
BAND_QUANTILE = 80  # the band covers 80% of out-of-sample errors of the class


def _band_errors(rows, preds) -> dict[str, dict[str, float]]:
    per: dict[str, dict[str, list[float]]] = {}
    for r in rows:
        dec, pre = preds.get(r.idx, (None, None))
        for cls in [*classes(r), "all"]:
            key = cls.lower().replace("-", "_")
            d = per.setdefault(key, {"decode": [], "prefill": []})
            if dec and r.tg:
                d["decode"].append(abs(dec / r.tg - 1))
            if pre and r.pp:
                d["prefill"].append(abs(pre / r.pp - 1))
    out = {}
    for cls, d in per.items():
        out[cls] = {
            k: round(float(np.percentile(v, BAND_QUANTILE)), 3) for k, v in d.items() if len(v) >= 5
        }
    return out


def calibrate(k: int = 8) -> dict:
    rows = load_rows()
    fitted = fit(rows)
    preds = cross_predict(rows, k, start=fitted)
    # the partial-offload runs decide the one constant only they exercise
    share = fit_share(fitted, load_offload_rows())
    params = asdict(replace(fitted.params, hybrid_eff_bw=share))
    params.pop("memo", None)
    params["bands"] = _band_errors(rows, preds)
    return {
        "speed": {
            **{key: _round(v) for key, v in params.items()},
            "era_decode": _round(fitted.era_decode),
            "era_prefill": _round(fitted.era_prefill),
            "era_token_ms": _round(fitted.era_token_ms),
            "era_layer_pp_us": _round(fitted.era_layer_pp_us),
            "era_logits": _round(fitted.era_logits),
            "legacy_multi_pp": _round(fitted.legacy_multi_pp),
            "era_head_us": _round(fitted.era_head_us),
            "era_layer_us": _round(fitted.era_layer_us),
        },
        "fitted_on": {"rows": len(rows), "csv": "shared/calibration/speed.csv", "folds": k},
    }


def committed_fit(path: Path = OUT) -> Fitted:
    """The fit catalog/calibration.json holds, as bench.fitting's Fitted."""
    d = json.loads(path.read_text())["speed"]
    return Fitted(
        params=SpeedParams.from_dict(d),
        era_decode=d.get("era_decode", {}),
        era_prefill=d.get("era_prefill", {}),
        era_token_ms=d.get("era_token_ms", {}),
        # a dict since round speed35 (the row split's link and sync); before, a time factor
        legacy_multi_pp=lp if isinstance(lp := d.get("legacy_multi_pp"), dict) else {},
        era_layer_pp_us=d.get("era_layer_pp_us", {}),
        era_logits=d.get("era_logits", {}),
        era_head_us=d.get("era_head_us", {}),
        era_layer_us=d.get("era_layer_us", {}),
    )


def _round(v):
    if isinstance(v, dict):
        return {k: _round(x) for k, x in v.items()}
    if isinstance(v, float):
        return float(f"{v:.4g}")
    return v


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare with the committed file")
    ap.add_argument("--out", type=Path, default=catalog_dir() / "calibration.json")
    args = ap.parse_args(argv)
    result = calibrate()
    text = json.dumps(result, indent=2, sort_keys=True) + "\n"
    if args.check:
        same = args.out.exists() and args.out.read_text() == text
        print("calibration.json is up to date" if same else "calibration.json differs from a refit")
        return 0 if same else 1
    args.out.write_text(text)
    print(f"wrote {args.out} ({result['fitted_on']['rows']} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
