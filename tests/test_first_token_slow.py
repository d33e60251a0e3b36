"""A card slow to its first token (the prompt read on a slow card) never offers a smaller quant of
the same placement as "runs well": the quant barely changes how fast the prompt is read."""

from __future__ import annotations

import json

from fitengine.cli import main


def test_a_first_token_slow_card_calls_every_quant_placed_alike_slow(capsys):
    assert main(["fit", "llama-3.3-70b", "3090 + p40", "--quant", "Q4_K_M", "--json"]) == 0
    r = json.loads(capsys.readouterr().out)
    assert r["ttft_ms"] > 2000 and "slow" in r["fit_label"].lower()
    # every quant here sits on the two cards as the one shown does, or spills to RAM
    for q in r["quants"]:
        assert "slow" in q["fit_label"].lower(), q
    for step in r["next_steps"]:
        assert "runs well" not in step["text"]
