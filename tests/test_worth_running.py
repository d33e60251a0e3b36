"""A quant below what the workload is worth running at (catalog/workloads.yaml min_quant_quality:
Q3-class for chat, a good 4-bit file for coding and agents) is never the answer where one at it
runs at reading speed; where none does, the answer says the quants worth running do not fit. A
card never labels a slower configuration better than a faster one it calls slow."""

from __future__ import annotations

from fitengine.answers import ask
from fitengine.configs import quant_quality


def test_an_agentic_list_keeps_to_quants_worth_running_for_code(cat):
    a = ask("best models for agentic coding in opencode on an RTX 6000 Ada 48GB", cat)
    floor = cat.workloads["agentic"].min_quant_quality
    assert a.reports
    for r in a.reports:
        m = cat.models[r.model.id]
        assert quant_quality(m, cat.quants[r.quant], cat) >= floor, (r.model.id, r.quant)


def test_a_model_that_runs_only_squeezed_says_so(cat):
    a = ask("qwen3.8 flash next on a 3080 ti with 64gb ram", cat)
    assert a.message.startswith("Only at a quant that loses much of its quality")
    assert "the least quant worth running for chat, UD-Q2_K_XL" in a.message
    # it still shows what it would run at, and the better model for the machine
    assert a.reports[0].quant == "UD-IQ1_S" and "best model for this machine" in a.message


def test_a_slow_measured_speed_on_a_squeezed_fit_counts_the_disk(cat):
    msg = ask(
        "RTX 3080 Ti 12GB with 64GB of RAM: I'm getting around 11-12 tokens/sec with"
        " Qwen3.8-Flash-Next",
        cat,
    ).message
    assert "You see 11-12 tok/s: at UD-Q2_K_XL, the least quant worth running" in msg
    assert "reads the rest from the disk (mmap)" in msg


def test_no_quant_row_runs_well_slower_than_one_called_slow(cat):
    r = ask("qwen3.6 27b q4_k_m on a ryzen 7 7700 cpu only with 64gb ddr5", cat).reports[0]
    slow = [q.decode_tok_s for q in r.quants if q.decode_tok_s and "slow" in q.fit_label]
    slow += [r.decode_tok_s] if "slow" in r.fit_label.lower() else []
    fine = [
        q.decode_tok_s
        for q in r.quants
        if q.decode_tok_s and "slow" not in q.fit_label and q.fit_label != "Won't fit"
    ]
    assert slow and (not fine or min(fine) >= max(slow))
    # of this model no step runs well slower; another model that does (an MoE at ~27 tok/s) may
    mine = [s for s in r.next_steps if s.model_id in (None, r.model.id)]
    assert all("runs well" not in s.text for s in mine)
    assert all(s.decode_tok_s > max(slow) for s in r.next_steps if "runs well" in s.text)


def test_the_cheapest_card_is_the_12gb_entry_not_an_8gb_one(cat):
    a = ask("cheapest gpu for local ai?", cat)
    first = a.reports[0].hardware
    assert first.memory_gb >= 12
