"""Out-of-sample accuracy of the speed and fit models, per hardware class and per backend, beside
two baselines, and the build-to-build spread of the measurements themselves.

    python -m bench.accuracy            # markdown tables (the README shows them)
    python -m bench.accuracy --folds 8  # hold out by hardware in 8 folds (default)
    python -m bench.accuracy --rows out.csv  # ... and each row's held-out prediction, to group
    python -m bench.accuracy --backend cpu   # a quick check: one backend's rows alone (below)

Every speed figure is predicted by constants fitted WITHOUT the device it is scored on (rows are
grouped by hardware, each group held out once), so the error predicts hardware nobody measured.
Baselines, scored on the same rows: the seed card's decode = bandwidth / total weight bytes x 0.62,
and a plain bandwidth / size x 0.55 rule. Fit accuracy: does the model say "fits on the GPU"
exactly for the rows that ran (ok) and not for the ones that ran out of memory (oom)?

--backend fits and scores one backend's rows alone, each fold seeded with the committed constants
(catalog/calibration.json): a few minutes instead of the whole bench's tens, for trying a change to
that backend's physics. It is a proxy, not the held-out figures: without the other backends' rows
the shared constants and the pooled ones move (on the same model it read CPU 23.6% / 28.1% and ROCm
19.4% / 38.6% decode / prefill where the whole bench reads 22.0% / 28.4% and 13.4% / 31.3%), so a
change it favours is scored on the whole bench before it lands.

The spread table is a floor no model can beat: the same test (device, model, quant, backend,
prompt, answer length, depth, GPU count, flash attention, ubatch, host, threads) measured more than
once, on other builds or configurations, differs by this much.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict

import numpy as np

from .fitting import cross_predict, fit
from .rows import Row, classes, load_rows

CLASS_ORDER = ("NVIDIA", "AMD", "Intel", "Apple", "Unified", "CPU", "MoE", "Multi-GPU", "All")
BACKEND_ORDER = ("cuda", "rocm", "vulkan", "sycl", "metal", "cpu")


def baseline(row: Row, factor: float) -> float:
    """Bandwidth over the whole file, the rule most calculators use."""
    return row.hw.bandwidth_gbps * 1e9 / row.total_bytes * factor


def _ape(pred: float, meas: float) -> float:
    return abs(pred / meas - 1) * 100


def groups_of(r: Row) -> list[str]:
    """The rows of the table a row counts in: its classes, all rows, and its backend."""
    return [*classes(r), "All", f"backend: {r.backend}"]


def table(rows: list[Row], preds) -> tuple[str, dict]:
    order = [*CLASS_ORDER, *(f"backend: {b}" for b in BACKEND_ORDER)]
    stats: dict[str, dict[str, list[float]]] = {c: {} for c in order}
    for r in rows:
        dec, pre = preds.get(r.idx, (None, None))
        for c in groups_of(r):
            s = stats.setdefault(c, {})
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
    for c in order:
        s = stats[c]
        dec, pre, fit_ok = s.get("dec", []), s.get("pre", []), s.get("fit", [])
        fit_s = f"{100 * np.mean(fit_ok):.1f}% ({len(fit_ok)})" if fit_ok else "-"
        lines.append(
            f"| {c} | {len(dec)} | {med(dec)} | {p90(dec)} | {len(pre)} | {med(pre)} | {p90(pre)} "
            f"| {fit_s} | {med(s.get('seed', []))} | {med(s.get('plain', []))} |"
        )
        summary[c] = {
            "decode_rows": len(dec),
            "prefill_rows": len(pre),
            "decode_median": float(np.median(dec)) if dec else None,
            "prefill_median": float(np.median(pre)) if pre else None,
            "decode_p90": float(np.percentile(dec, 90)) if dec else None,
            "prefill_p90": float(np.percentile(pre, 90)) if pre else None,
            "fit_accuracy": float(np.mean(fit_ok)) if fit_ok else None,
        }
    return "\n".join(lines), summary


def medians_line(label: str, summary: dict) -> str:
    """All rows' and each backend's decode / prefill medians to two decimals, on one line."""

    def pct(v):
        return f"{v:.2f}%" if v is not None else "-"

    parts = [
        f"{c.removeprefix('backend: ')} {pct(s['decode_median'])} / {pct(s['prefill_median'])}"
        for c, s in summary.items()
        if c == "All" or c.startswith("backend: ")
    ]
    return f"\n{label}, decode / prefill medians: " + ", ".join(parts)


def _test_key(r: Row) -> tuple:
    return (
        r.hw.id,
        r.model.id,
        r.quant,
        r.backend,
        r.prompt,
        r.gen,
        r.depth,
        r.gpus,
        r.wp.flash_attn,
        r.ubatch,
        r.host,
        r.wp.threads,
    )


def spread(rows: list[Row]) -> tuple[str, dict]:
    """Build-to-build (and configuration) spread: the same test measured several times. Per
    class: how many such tests, the median and the largest max/min - 1 among them."""
    tests: dict[tuple, list[Row]] = defaultdict(list)
    for r in rows:
        if not r.oom:
            tests[_test_key(r)].append(r)
    per: dict[str, dict[str, list[float]]] = defaultdict(lambda: {"dec": [], "pre": []})
    for group in tests.values():
        if len(group) < 2:
            continue
        for what, attr in (("dec", "tg"), ("pre", "pp")):
            vals = [getattr(r, attr) for r in group if getattr(r, attr)]
            if len(vals) < 2:
                continue
            for c in groups_of(group[0]):
                per[c][what].append((max(vals) / min(vals) - 1) * 100)
    order = [*CLASS_ORDER, *(f"backend: {b}" for b in BACKEND_ORDER)]
    lines = [
        "| class | decode tests | decode median spread | decode largest | prefill tests "
        "| prefill median spread | prefill largest |",
        "|---|---|---|---|---|---|---|",
    ]
    summary = {}
    for c in order:
        d, p = per[c]["dec"], per[c]["pre"]
        if not d and not p:
            continue

        def fmt(v, f):
            return f"{f(v):.0f}%" if v else "-"

        lines.append(
            f"| {c} | {len(d)} | {fmt(d, np.median)} | {fmt(d, max)} | {len(p)} "
            f"| {fmt(p, np.median)} | {fmt(p, max)} |"
        )
        summary[c] = {
            "decode": float(np.median(d)) if d else None,
            "prefill": float(np.median(p)) if p else None,
        }
    return "\n".join(lines), summary


ROW_FIELDS = (
    "idx",
    "device",
    "vendor",
    "arch",
    "backend",
    "model",
    "moe",
    "quant",
    "quant_family",
    "path",
    "simd",
    "threads",
    "gpus",
    "prompt",
    "gen",
    "depth",
    "flash_attn",
    "ubatch",
    "source",
    "build",
    "era",
    "tg",
    "tg_pred",
    "tg_err",
    "pp",
    "pp_pred",
    "pp_err",
)


def _err(pred: float | None, meas: float | None) -> str:
    return f"{pred / meas - 1:+.4f}" if pred and meas else ""


def per_row(rows: list[Row], preds) -> list[dict]:
    """Each scored row with what its run used and its held-out error (pred / measured - 1), so the
    error can be grouped by device, build, quant, prompt, depth, threads or architecture."""
    out = []
    for r in rows:
        if r.oom:
            continue
        dec, pre = preds.get(r.idx, (None, None))
        values = (
            r.idx,
            r.hw.id,
            r.hw.vendor,
            r.hw.arch,
            r.backend,
            r.model.id,
            bool(r.model.moe),
            r.quant,
            r.wp.quant_family,
            r.wp.path,
            r.wp.simd or "",
            r.wp.threads or r.wp.cores or "",
            r.gpus,
            r.prompt,
            r.gen,
            r.depth,
            r.wp.flash_attn,
            r.ubatch,
            r.source,
            r.build,
            r.era,
            r.tg or "",
            f"{dec:.4g}" if dec and r.tg else "",
            _err(dec, r.tg),
            r.pp or "",
            f"{pre:.4g}" if pre and r.pp else "",
            _err(pre, r.pp),
        )
        out.append(dict(zip(ROW_FIELDS, values, strict=True)))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Out-of-sample accuracy by hardware class.")
    ap.add_argument("--folds", type=int, default=8)
    ap.add_argument("--rows", help="also write each row's held-out prediction to this CSV")
    ap.add_argument("--backend", help="a quick proxy: this backend's rows alone (see above)")
    args = ap.parse_args(argv)
    rows = load_rows()
    if args.backend:
        from .calibrate import committed_fit

        rows = [r for r in rows if r.backend == args.backend]
        preds = cross_predict(rows, args.folds, start=committed_fit())
        what = f"{args.backend} rows alone (a proxy, seeded with the committed constants)"
    else:
        preds = cross_predict(rows, args.folds, start=fit(rows))
        what = "rows of speed.csv"
    text, summary = table(rows, preds)
    print(f"Held out by hardware ({args.folds} folds), {len(rows)} {what}\n")
    print(text)
    print(medians_line("All rows", summary))
    flagged = [r for r in rows if r.flag]
    if flagged:
        # the rows the fit leaves out (bench/flagged_rows.yaml), scored above like any other
        _, kept = table([r for r in rows if not r.flag], preds)
        print(medians_line(f"Without the {len(flagged)} flagged rows", kept))
    print("\nThe same test measured more than once (other builds or configurations):\n")
    print(spread(rows)[0])
    if args.rows:
        with open(args.rows, "w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=ROW_FIELDS)
            w.writeheader()
            w.writerows(per_row(rows, preds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
