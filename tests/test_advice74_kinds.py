"""Kinds of quant-class mistake fixed in advice74: memory left over on the GPU asked to make the
run faster, answered with the card alone (the room buys speculative decoding, parallel streams
and a longer window, not a faster single stream); 8-bit weights asked of a GPU server stack (FP8
on vLLM, SGLang, ms-swift) that do not fit the cards, answered at FP8 with the experts or layers
in system RAM, where a server keeps its weights on its GPUs (the answer is at the quant that
does, and says FP8 does not fit)."""

from __future__ import annotations

import pytest

from fitengine import ask
from fitengine.catalog import bit_level
from fitengine.nlq import parse


@pytest.mark.parametrize(
    "text,model,spec",
    [
        (
            "I have 96GB VRAM and llama3.3 only takes up half. Can I utilize the VRAM to speed up"
            " the model?",
            "llama-3.3-70b",
            "Llama 3.2 1B",
        ),
        (
            "qwen3.6 27b on my 5090 uses 20GB, how can I use the spare VRAM to make it faster?",
            "qwen3.6-27b",
            "MTP",
        ),
        (
            "llama 3.1 8b on my 4090 leaves lots of unused vram, can I use the rest of the vram to"
            " speed up generation?",
            "llama-3.1-8b",
            "draft-simple",
        ),
        (
            "gemma 4 31b on my rtx pro 6000 uses half of the memory, how do I use the spare memory?",
            "gemma-4-31b",
            "Gemma 4 E2B",
        ),
    ],
)
def test_spare_vram_asked_to_speed_up_says_what_the_room_buys(text, model, spec):
    assert parse(text).asks_spare_room, text
    a = ask(text)
    r = a.reports[0]
    assert r.model.id == model, (text, r.model.id)
    assert r.placement.kind in ("gpu", "multi_gpu", "unified"), (text, r.placement.kind)
    assert "does not make one reply faster" in a.message, a.message
    assert "speculative decoding" in a.message and spec in a.message, a.message
    assert "parallel slots" in a.message, a.message


def test_spare_vram_without_a_draft_says_the_other_uses_and_claims_no_draft():
    text = "gpt-oss-20b only uses 13GB of my 24GB 3090, can I use the extra vram to speed it up?"
    a = ask(text)
    assert a.query.asks_spare_room
    assert "parallel slots" in a.message and "speculative" not in a.message, a.message


@pytest.mark.parametrize(
    "text",
    [
        # a run that already keeps layers in system RAM has no room to spare
        "llama 3.3 70b on my 3090, can I use the spare vram to speed it up?",
        # no room asked about: no sentence
        "llama 3.1 8b on my 4090",
    ],
)
def test_no_spare_room_sentence_without_room_or_without_the_ask(text):
    a = ask(text)
    assert "left over does not make" not in a.message, a.message


@pytest.mark.parametrize(
    "text,model",
    [
        (
            "运行GLM-4.5V-FP8的最小GPU内存\n\n你好，想问一下运行GLM-4.5V-FP8最小GPU内存大概是多少，我用"
            "ms-swift在单卡A100上运行时会报内存不足",
            "glm-4.5v",
        ),
        ("can I run Qwen3-235B-A22B-FP8 on 2x H100 80GB with vllm?", "qwen3-235b-a22b"),
        ("MiniMax-M2 FP8 on 4x RTX 6000 Ada 48GB with sglang", "minimax-m2"),
    ],
)
def test_fp8_on_a_gpu_server_that_does_not_fit_is_answered_at_what_fits_on_the_gpus(text, model):
    a = ask(text)
    r = a.reports[0]
    assert r.model.id == model, (text, r.model.id)
    assert r.placement.kind in ("gpu", "multi_gpu"), (text, r.placement.kind)
    assert bit_level(r.quant) != "8", (text, r.quant)
    assert a.message.startswith("FP8 (the memory of Q8_0) does not fit on the card"), a.message


@pytest.mark.parametrize(
    "text,placement",
    [
        # FP8 that fits stays FP8
        ("Llama 3.3 70B FP8 on a single H100 80GB with vLLM?", "gpu"),
        # a GGUF Q8_0 file asked of llama.cpp keeps its expert offload: the file is their choice
        ("Q8_0 of GLM-4.5-Air on my RTX 4090 with llama.cpp", "moe_offload"),
    ],
)
def test_an_8bit_run_that_fits_or_a_gguf_file_is_kept(text, placement):
    a = ask(text)
    r = a.reports[0]
    assert bit_level(r.quant) == "8", (text, r.quant)
    assert r.placement.kind == placement, (text, r.placement.kind)
    assert "does not fit on the card" not in a.message, a.message


@pytest.mark.parametrize(
    "repo,model",
    [
        ("mradermacher/phi-4-i1-GGUF", "phi-4-14b"),
        ("mradermacher/Qwen3-30B-A3B-i1-GGUF", "qwen3-30b-a3b"),
        ("mradermacher/gemma-3-27b-it-i1-GGUF", "gemma-3-27b"),
        ("mradermacher/Mistral-Small-3.2-24B-Instruct-2506-i1-GGUF", "mistral-small-3.2-24b"),
    ],
)
def test_an_imatrix_i1_gguf_repo_reads_as_its_model_without_the_hub(repo, model):
    text = f"https://huggingface.co/{repo} on my Arc B580 12GB with 48GB of RAM"
    a = ask(text)
    assert a.reports and a.reports[0].model.id == model, (text, a.message[:200])


@pytest.mark.parametrize(
    "text,ram,vram",
    [
        (
            "i have 16gb ram, but the software only use 1.6gb, is there a way to dedicate more"
            " ram to ollama process?",
            16.0,
            None,
        ),
        ("I have 32gb ram but ollama only use 5gb with qwen3 8b, why?", 32.0, None),
        ("my 3090 has 24gb but llama.cpp only use 9gb for gemma 3 12b", None, 24.0),
    ],
)
def test_a_figure_the_software_only_uses_is_not_the_machines_memory(text, ram, vram):
    q = parse(text)
    assert q.ram_gb == ram and q.vram_gb == vram, (text, q.ram_gb, q.vram_gb)
