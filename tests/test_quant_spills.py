"""A quant asked that puts layers of a dense model in system RAM ("a 14B with Q6 in a 12 GB
GPU?") is answered the way people answer it: it spills and crawls; the quant that stays all on
the GPU, and its speed, comes next (docs/reviews/review11.md)."""

from __future__ import annotations

from fitengine.answers import ask
from fitengine.engine import analyze


def test_a_spilling_quant_asked_names_the_one_that_stays_on_the_gpu(cat):
    r = analyze("qwen3-14b", "rtx-3060", quant="Q6_K", catalog=cat)
    assert r.placement.kind == "partial_offload", r.placement.kind
    step = r.next_steps[0]
    assert step.kind == "smaller_quant" and "all on the GPU" in step.text, step
    assert step.decode_tok_s > 2 * r.decode_tok_s, (step.decode_tok_s, r.decode_tok_s)
    assert "-ngl 99" in step.command and f":{step.quant} " in step.command, step.command


def test_the_headline_says_it(cat):
    a = ask("can I run qwen3 14b at q6 on my 3060 12gb?", cat)
    assert "all on the GPU" in a.message and a.message.index("~11 tok/s") < a.message.index(
        "all on the GPU"
    ), a.message


def test_a_quant_that_fits_gets_no_such_step(cat):
    r = analyze("qwen3-14b", "rtx-3090", quant="Q6_K", catalog=cat)
    assert r.placement.kind == "gpu" and not r.next_steps, r.next_steps


def test_an_moe_with_its_experts_in_ram_is_not_a_spill(cat):
    """Experts in RAM (--n-cpu-moe) is how a MoE runs on a small card, not a quant to shrink."""
    r = analyze("qwen3.6-35b-a3b", "rtx-3060", quant="Q4_K_M", catalog=cat)
    assert r.placement.kind == "moe_offload"
    assert not any("all on the GPU" in s.text for s in r.next_steps), r.next_steps


def test_a_size_class_at_a_spilling_quant_says_the_quant_that_fits(cat):
    a = ask("Is it possible to run the 14B model in a 12GB GPU with Q6?", cat)
    assert "spills; at " in a.message and "all on the GPU" in a.message, a.message
