"""The partial-offload runs: the one speed constant they decide, and how well it predicts them.

    python -m bench.hybrid        # fitted value, leave-one-device-out decode and prefill errors

A GPU run that leaves layers or MoE experts in system RAM (-ngl, --n-cpu-moe) is read by the
engine as the GPU's part plus the host CPU's part; the CPU's part streams its bytes at a share of
the host RAM's bandwidth (SpeedParams.hybrid_eff_bw). Everything else in such a run is the main
fit's, so these rows decide that share alone: the fit here minimises the squared log error of
decode over them, with every other constant as bench/calibrate.py fitted it.
"""

from __future__ import annotations

import argparse
import math
from dataclasses import replace

import numpy as np
from scipy.optimize import minimize_scalar

from .fitting import Fitted
from .rows import Row, load_offload_rows

BOUNDS = (0.05, 1.0)


def _with(fitted: Fitted, share: float | None) -> Fitted:
    return replace(fitted, params=replace(fitted.params, hybrid_eff_bw=share, memo={}))


def fit_share(fitted: Fitted, rows: list[Row]) -> float | None:
    """The share of host RAM bandwidth that best predicts these rows' decode (None: no rows)."""
    rows = [r for r in rows if r.tg]
    if not rows:
        return None

    def loss(share: float) -> float:
        f = _with(fitted, share)
        return sum(r.weight * math.log(f.predict(r)[0] / r.tg) ** 2 for r in rows)

    return float(minimize_scalar(loss, bounds=BOUNDS, method="bounded").x)


def leave_one_device_out(fitted: Fitted, rows: list[Row]) -> dict[int, tuple]:
    """Each row predicted with the share fitted on the other devices' rows."""
    out = {}
    for hw in sorted({r.hw.id for r in rows}):
        share = fit_share(fitted, [r for r in rows if r.hw.id != hw])
        f = _with(fitted, share)
        out.update({r.idx: f.predict(r) for r in rows if r.hw.id == hw})
    return out


def _ape(pred, meas) -> float | None:
    return abs(pred / meas - 1) if pred and meas else None


def report(fitted: Fitted, rows: list[Row]) -> str:
    before = {r.idx: _with(fitted, None).predict(r) for r in rows}
    held = leave_one_device_out(fitted, rows)
    lines = [
        "| run | decode measured | CPU-only share | held out | prefill measured | predicted |",
        "|---|---|---|---|---|---|",
    ]
    errs: dict[str, list[float]] = {"before": [], "held": [], "prefill": []}
    for r in rows:
        (b, _), (h, pp) = before[r.idx], held[r.idx]
        for key, v in (
            ("before", _ape(b, r.tg)),
            ("held", _ape(h, r.tg)),
            ("prefill", _ape(pp, r.pp)),
        ):
            if v is not None:
                errs[key].append(v)
        lines.append(
            f"| {r.model.id} on {r.hw.id}, {r.wp.ram_layers} layers in RAM | {r.tg:g} | "
            f"{b:.1f} | {h:.1f} | {r.pp or '-'} | {f'{pp:.0f}' if r.pp else '-'} |"
        )
    med = {k: f"{np.median(v):.0%}" if v else "-" for k, v in errs.items()}
    lines.append(
        f"\nDecode median error: {med['before']} with the CPU-only share, {med['held']} held out "
        f"by device; prefill {med['prefill']} (not fitted here)."
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args(argv)
    from .calibrate import committed_fit

    fitted = committed_fit()
    rows = load_offload_rows()
    print(f"{len(rows)} partial-offload runs; fitted share of host RAM bandwidth: "
          f"{fit_share(fitted, rows):.3f}")  # fmt: skip
    print(report(fitted, rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
