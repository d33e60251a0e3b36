"""The draft-model speed-up estimate against published runs that measured it.

    python -m bench.speculative

Each run of bench/speculative_runs.yaml is replayed through the engine: the target at the run's
quant and context on the run's hardware, its catalogued draft pair (the acceptance the catalog
derives from the pair's published run), the draft step and the target's batched check of the
draft priced by the speed model, at the run's own draft length. Printed: the engine's plain decode
against the run's, and the estimated speed-up (Leviathan et al. 2023) against the measured one.
Nothing here feeds the engine.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fitengine import drafts, engine, speculative
from fitengine.speed import decode_seconds

RUNS = Path(__file__).resolve().parent / "speculative_runs.yaml"


def replay(run: dict) -> tuple[float, float, float]:
    """(plain decode tok/s, estimated speed-up at the run's draft length, the best length's)."""
    req = engine.make_request(
        run["target"],
        run["hardware"],
        quant=run["quant"],
        context=run["context"],
        vram_gb=run.get("vram_gb"),
        workload=run.get("workload"),
    )
    table = engine.quant_table(req)
    config = engine.shown_config(req, table)
    fig = engine.speed(req, config)
    verify = engine._VerifyCosts(req, config, fig)
    pair = next(p for p in req.catalog.draft_pairs[run["target"]] if p.draft == run["draft"])
    model, quant = req.catalog.models[pair.draft], req.catalog.quants[pair.quant]
    chosen = min(pair.acceptance, key=drafts.alpha)
    c = drafts.Candidate(pair, model, quant, chosen, drafts.alpha(chosen))
    cpu = req.setup.hw.kind == "cpu"
    fp = drafts.footprint(model, quant, req.total_context, config.kv_type, req.flash, cpu)
    wp = engine._draft_workpoint(req, config, c, fp)
    draft_cost = decode_seconds(wp, req.params, req.decode_depth) / verify.step
    n = run["draft_tokens"]
    at_n = speculative.speedup(c.alpha, n, draft_cost, verify(n))
    best = speculative.best_length(c.alpha, draft_cost, verify)[1]
    return fig.decode or 0.0, at_n, best


def main() -> None:
    runs = yaml.safe_load(RUNS.read_text(encoding="utf-8"))
    print(
        f"{'target + draft':<36} {'hardware':<11} {'n':>3} {'decode est/meas':>16}"
        f" {'speed-up est/meas':>18} {'est/meas':>9} {'best n est':>10}"
    )
    ratios = []
    for run in runs:
        decode, at_n, best = replay(run)
        measured = run["spec_tok_s"] / run["base_tok_s"]
        ratios.append(at_n / measured)
        print(
            f"{run['target'] + ' + ' + run['draft']:<36} {run['hardware']:<11}"
            f" {run['draft_tokens']:>3} {decode:7.1f} / {run['base_tok_s']:<6.1f}"
            f" {at_n:8.2f} / {measured:<7.2f} {at_n / measured:9.2f} {best:10.2f}"
        )
    print(f"estimate / measured speed-up: {', '.join(f'{r:.2f}' for r in ratios)}")


if __name__ == "__main__":
    main()
