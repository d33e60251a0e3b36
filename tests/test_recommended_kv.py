"""The quant table's header names the recommendation as chosen: a quant and a KV type together."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("model", "hw", "kw"),
    [
        ("deepseek-r1-distill-llama-70b", "gpu-12gb", {"quant": "Q5_K_M", "ram_gb": 32}),
        ("llama-3.3-70b", "rtx-3090", {"quant": "Q8_0", "context": 65536}),
        ("gemma-4-31b", "rtx-4090", {"quant": "BF16", "context": 131072}),
    ],
)
def test_a_recommendation_at_another_kv_type_says_it_beside_the_rows(model, hw, kw):
    """The recommendation is a quant and a KV type together; the quant table's rows are at the
    report's KV type, where the quant recommended may not fit: the header says both, so a "*" on
    a row that reads "Won't fit" is not left unexplained (issue 8 item 4: a card never argues
    with itself)."""
    from fitengine.cli import render_report
    from fitengine.engine import analyze

    r = analyze(model, hw, **kw)
    assert r.recommended_kv_type != r.kv_type
    out = render_report(r)
    assert (
        f"recommended: {r.recommended_quant} with KV {r.recommended_kv_type};"
        f" rows at KV {r.kv_type};" in out
    )
