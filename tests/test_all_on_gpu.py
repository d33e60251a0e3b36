""" "A quant that fits entirely on a 16GB VRAM GPU without overflowing?": the run is wanted all
on the GPU. Where the best run keeps experts or layers in system RAM, the answer is at the best
quant that stays on the GPU, and says what the run with some in RAM keeps instead
(docs/reviews/review11.md)."""

from __future__ import annotations

from fitengine.answers import ask
from fitengine.nlq import parse

Q = (
    "Is it possible to get a quantization of Qwen3.6-35B-A3B that fits entirely on a 16GB VRAM"
    " GPU without overflowing?"
)


def test_the_wish_is_read():
    assert parse(Q).asks_all_on_gpu
    assert parse("qwen3.6 35b on a 4090 fully in vram?").asks_all_on_gpu
    assert not parse("qwen3.6 35b on a 16gb gpu?").asks_all_on_gpu


def test_an_moe_asked_all_on_the_gpu_is_answered_at_a_quant_that_fits(cat):
    a = ask(Q, cat)
    r = a.reports[0]
    assert r.placement.kind == "gpu" and r.fit in ("runs_well", "tight"), (r.quant, r.fit)
    assert "All on the GPU, as asked" in a.message and "in system RAM keeps more" in a.message
    assert "--n-cpu-moe" not in (r.commands.llama_cpp or "")


def test_a_model_that_fits_already_says_nothing_more(cat):
    a = ask("gpt-oss-20b on my 3090, does it fit entirely in vram?", cat)
    assert a.reports[0].placement.kind == "gpu" and "as asked" not in a.message, a.message


def test_a_quant_named_is_kept(cat):
    a = ask("qwen3.6 35b-a3b at q4_k_m fully on the gpu of my 16gb 5060 ti?", cat)
    assert a.reports[0].quant == "Q4_K_M", a.reports[0].quant
