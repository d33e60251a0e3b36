"""Which quant to run: never one another configuration beats on both counts (round advice83,
issue 8 item 4)."""

from __future__ import annotations

import pytest

from fitengine.engine import analyze

RANK = {"runs_well": 0, "tight": 1, "offload": 2}


def _beaten_by(r):
    """The rows that beat the report's recommended one on both counts: a fit no worse, the same
    speed or more (within 1%), better quality by more than half a point."""
    rec = next(q for q in r.quants if q.quant == r.recommended_quant)
    return [
        q.quant
        for q in r.quants
        if q is not rec
        and q.available
        and q.decode_tok_s is not None
        and RANK.get(q.fit, 3) <= RANK.get(rec.fit, 3)
        and q.decode_tok_s >= 0.99 * (rec.decode_tok_s or 0.0)
        and q.quality > rec.quality + 0.5
    ]


@pytest.mark.parametrize(
    ("model", "hardware", "ram", "want"),
    [
        # the example (r6): a 12-core Xeon Silver decodes Q4-Q6 files of a 3B-active MoE at the
        # same ~24 tok/s, its arithmetic, not its bytes, bounding it
        ("qwen3.6-35b-a3b", "xeon-silver-4214r", 64, "Q6_K"),
        # beyond it: an old 8-core FX, a 4-core Sandy Bridge, a 4-core U laptop, a 12-channel
        # DDR5 server: the same speed at Q4_K_M and Q6_K, so Q6_K
        ("gemma-4-26b-a4b", "fx-8370", 64, "Q6_K"),
        ("glm-4.5-air", "core-i5-2500", 128, "Q6_K"),
        # (the 4-core laptop, since speed50's refit: Q8_0 decodes as fast as Q6_K there)
        ("qwen3.6-35b-a3b", "core-i7-8550u", 64, "Q8_0"),
        ("qwen3.6-35b-a3b", "cpu-ddr5-12ch", 512, "Q6_K"),
    ],
)
def test_a_better_file_at_the_same_speed_is_the_pick(cat, model, hardware, ram, want):
    r = analyze(model, hardware, ram_gb=ram, catalog=cat)
    assert r.quant == r.recommended_quant == want
    assert not _beaten_by(r)


def test_where_a_smaller_file_is_faster_the_capped_worth_still_decides(cat):
    """Bytes still buy speed where decode reads them: a 4B on dual-channel DDR5 stays at Q5_K_M
    (~20 tok/s), not Q8_0 (~15), and Q6_K (~18.5) does not beat it on both counts."""
    r = analyze("qwen3.5-4b", "cpu-ddr5-2ch", ram_gb=16, catalog=cat)
    assert r.quant == "Q5_K_M" and not _beaten_by(r)
    # and a card that holds a MoE all on the GPU keeps its fast 4-bit pick
    g = analyze("qwen3.6-35b-a3b", "rtx-3090", catalog=cat)
    assert g.placement.kind == "gpu" and not _beaten_by(g)


def test_expert_offload_over_many_cards_takes_the_better_4bit_at_its_speed(cat):
    """Kimi K2 over 13 3090s with its experts in 512 GB of RAM: UD-Q4_K_XL and Q4_K_M decode
    alike (~11 tok/s), so the better file, not the smaller."""
    r = analyze("kimi-k2", "rtx-3090", gpus=13, ram_gb=512, catalog=cat)
    assert r.quant == "UD-Q4_K_XL" and not _beaten_by(r)
