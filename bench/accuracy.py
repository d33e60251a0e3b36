"""Out-of-sample accuracy of the speed and fit models, per hardware class, beside two baselines.

    python -m bench.accuracy            # markdown table (the README shows it)
    python -m bench.accuracy --folds 8  # hold out by hardware in 8 folds (default)

Every speed figure is predicted by constants fitted WITHOUT the device it is scored on (rows are
grouped by hardware, each group held out once), so the error predicts hardware nobody measured.
Baselines, scored on the same rows: the seed card's decode = bandwidth / total weight bytes x 0.62,
and a plain bandwidth / size x 0.55 rule. Fit accuracy: does the model say "fits on the GPU"
exactly for the rows that ran (ok) and not for the ones that ran out of memory (oom)?
"""

from __future__ import annotations

import argparse
import sys

import numpy as np

from .fitting import cross_predict, fit
from .rows import Row, classes, load_rows

CLASS_ORDER = ("NVIDIA", "AMD", "Intel", "Apple", "Unified", "CPU", "MoE", "Multi-GPU", "All")


def baseline(row: Row, factor: float) -> float:
    """Bandwidth over the whole file, the rule most calculators use."""
    return row.hw.bandwidth_gbps * 1e9 / row.total_bytes * factor


def _ape(pred: float, meas: float) -> float:
    return abs(pred / meas - 1) * 100


def table(rows: list[Row], preds) -> tuple[str, dict]:
    stats: dict[str, dict[str, list[float]]] = {c: {} for c in CLASS_ORDER}
    for r in rows:
        dec, pre = preds.get(r.idx, (None, None))
        for c in [*classes(r), "All"]:
            s = stats[c]
            if r.oom or r.tg is not None or r.pp is not None:
                s.setdefault("fit", []).append(float((not r.oom) == r.fits_pred))
            if r.oom:
                continue
            if dec and r.tg:
                s.setdefault("dec", []).append(_ape(dec, r.tg))
                s.setdefault("seed", []).append(_ape(baseline(r, 0.62), r.tg))
                s.setdefault("plain", []).append(_ape(baseline(r, 0.55), r.tg))
            if pre and r.pp:
                s.setdefault("pre", []).append(_ape(pre, r.pp))

    def med(v):
        return f"{np.median(v):.0f}%" if v else "-"

    def p90(v):
        return f"{np.percentile(v, 90):.0f}%" if v else "-"

    lines = [
        "| class | decode rows | decode median | decode p90 | prefill rows | prefill median "
        "| prefill p90 | fit accuracy (ok+oom rows) | seed-card decode median | plain 0.55 rule median |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    summary = {}
    for c in CLASS_ORDER:
        s = stats[c]
        dec, pre, fit = s.get("dec", []), s.get("pre", []), s.get("fit", [])
        fit_s = f"{100 * np.mean(fit):.1f}% ({len(fit)})" if fit else "-"
        lines.append(
            f"| {c} | {len(dec)} | {med(dec)} | {p90(dec)} | {len(pre)} | {med(pre)} | {p90(pre)} "
            f"| {fit_s} | {med(s.get('seed', []))} | {med(s.get('plain', []))} |"
        )
        summary[c] = {
            "decode_median": float(np.median(dec)) if dec else None,
            "prefill_median": float(np.median(pre)) if pre else None,
            "fit_accuracy": float(np.mean(fit)) if fit else None,
        }
    return "\n".join(lines), summary


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Out-of-sample accuracy by hardware class.")
    ap.add_argument("--folds", type=int, default=8)
    args = ap.parse_args(argv)
    rows = load_rows()
    preds = cross_predict(rows, args.folds, start=fit(rows))
    text, _ = table(rows, preds)
    print(f"Held out by hardware ({args.folds} folds), {len(rows)} rows of speed.csv\n")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
