"""The recommendation over a grid of setups, not bench items: cards of 8-48 GB x 16-128 GB of
RAM x dense 8-70B and MoE 30B-397B models x 8K/32K/128K windows, each choice checked for what an
expert would not pick (issue 8, items 4-7):

    more RAM, worse      more RAM picks a smaller file or fits worse
    window capped        a context below the one asked where the model runs
    no nearest route     a won't-fit with no shorter window named where a shorter one runs
    offload over a fit   layers or experts in RAM where a good file of fewer bits fits the GPU

    python -m bench.grid [--all]     (--all: every choice, not only the flagged ones)
"""

from __future__ import annotations

import argparse
import itertools

from fitengine import EngineError, analyze
from fitengine.configs import GOOD_QUALITY
from fitengine.report import Report

CARDS = ("rtx-4060", "rtx-3060", "rtx-4060-ti-16gb", "rtx-3090", "rtx-5090", "rtx-a6000")
RAMS = (16, 32, 64, 128)
MODELS = (
    "llama-3.1-8b",
    "qwen3-14b",
    "gemma-3-27b",
    "qwen3-32b",
    "llama-3.3-70b",
    "qwen3-30b-a3b-instruct-2507",
    "gpt-oss-120b",
    "glm-4.5-air",
    "qwen3.5-122b-a10b",
    "qwen3-235b-a22b-instruct-2507",
    "qwen3.5-397b-a17b",
)
CONTEXTS = (8192, 32768, 131072)
FIT_RANK = {"runs_well": 0, "tight": 1, "offload": 2, "wont_fit": 3}


def _bpw(r: Report) -> float:
    return next((q.bpw for q in r.quants if q.quant == r.quant), 0.0)


def _line(r: Report) -> str:
    dec = f"{r.decode_tok_s:.1f}" if r.decode_tok_s else "-"
    return (
        f"{r.quant}/{_bpw(r):.2f} {r.placement.kind} {r.fit} kv={r.kv_type} "
        f"{r.context // 1024}K {dec} tok/s"
    )


def sweep() -> dict[tuple, Report]:
    out = {}
    for hw, ram, m, ctx in itertools.product(CARDS, RAMS, MODELS, CONTEXTS):
        try:
            out[hw, ram, m, ctx] = analyze(m, hw, ram_gb=ram, context=ctx)
        except EngineError:
            continue
    return out


def flags(grid: dict[tuple, Report]) -> list[str]:
    found = []
    for (hw, ram, m, ctx), r in grid.items():
        where = f"{hw} + {ram} GB, {m} at {ctx // 1024}K"
        more = grid.get((hw, ram * 2, m, ctx))
        if more is not None and (
            FIT_RANK[more.fit] > FIT_RANK[r.fit]
            or (more.fit != "wont_fit" and r.fit != "wont_fit" and _bpw(more) < _bpw(r) - 0.3)
        ):
            found.append(f"more RAM, worse: {where}: {_line(r)} -> {_line(more)}")
        if r.fit != "wont_fit" and r.context < ctx:
            found.append(f"window capped: {where}: {_line(r)}")
        if r.fit == "wont_fit" and not any(s.kind == "shorter_context" for s in r.next_steps):
            shorter = [grid.get((hw, ram, m, c)) for c in CONTEXTS if c < ctx]
            if any(x is not None and x.fit != "wont_fit" for x in shorter):
                found.append(f"no nearest route: {where}: {[s.kind for s in r.next_steps]}")
        if r.placement.kind in ("partial_offload", "moe_offload"):
            alt = [
                q
                for q in r.quants
                if q.available
                and q.fit in ("runs_well", "tight")
                and q.quality >= GOOD_QUALITY
                and q.bpw < _bpw(r)
            ]
            if alt:
                found.append(f"offload over a fit: {where}: {_line(r)}; {alt[0].quant} fits")
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--all", action="store_true", help="print every choice")
    args = ap.parse_args()
    grid = sweep()
    if args.all:
        for (hw, ram, m, ctx), r in grid.items():
            print(f"{hw:18s} {ram:4d} {m:30s} {ctx // 1024:4d}K  {_line(r)}")
    found = flags(grid)
    for f in found:
        print(f)
    print(f"{len(grid)} setups, {len(found)} flagged")


if __name__ == "__main__":
    main()
