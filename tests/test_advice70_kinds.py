"""Round advice70: the asker's serving format is not a GGUF file they chose, and an asked 16-bit
run that does not fit the cards is answered on the cards (fitengine.answers._format_has_room,
_sixteen_bits_spill; Query.quant_format from language.yaml serving_formats)."""

from __future__ import annotations

import pytest

from fitengine.answers import ask
from fitengine.catalog import bit_level, default_catalog
from fitengine.nlq import parse


@pytest.fixture(scope="module")
def cat():
    return default_catalog()


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("mistral 7b GPTQ 4bit on a T4", "GPTQ"),
        ("Qwen3.8-27B NVFP4 on an RTX PRO 6000 96GB", "NVFP4"),
        ("I tested unsloth/Qwen3-4B-bnb-4bit on an A10", "bitsandbytes 4-bit"),
        ("qwen3 8b awq on a 4090", "AWQ"),
        ("Qwen2.5-7B-Instruct-GPTQ-Int4 on rtx 3060 12gb", "GPTQ"),
        ("llama 3.1 8b q4_k_m on a 3090", None),
        ("llama 3.1 8b at 4-bit on a 3090", None),
    ],
)
def test_serving_format_read(cat, text, fmt):
    q = parse(text, cat)
    assert q.quant == "Q4_K_M"
    assert q.quant_format == fmt


@pytest.mark.parametrize(
    "text",
    [
        "mistral 7b GPTQ 4bit on a T4",
        "Qwen3.8-27B NVFP4 on an RTX PRO 6000 96GB",
        "I tested unsloth/Qwen3-4B-bnb-4bit on an A10",
        "qwen3 8b awq on a 4090",
        "Qwen2.5-7B-Instruct-GPTQ-Int4 on rtx 3060 12gb",
    ],
)
def test_format_with_room_leads_with_better(cat, text):
    a = ask(text, cat)
    r = a.reports[0]
    assert r.placement.kind == "gpu" and r.fit == "runs_well"
    assert int(bit_level(r.quant) or 16) >= 8
    # the format asked is answered too: it fits, at what memory
    assert "4-bit format (Q4_K_M in GGUF terms): it fits" in a.message


@pytest.mark.parametrize(
    "text",
    [
        "llama 3.1 70b awq on 2x 3090",  # 8-bit does not fit 48 GB: the format stays
        "llama 3.1 8b q4_k_m on a 3090",  # a GGUF file chosen stays chosen
    ],
)
def test_format_kept_without_room(cat, text):
    a = ask(text, cat)
    assert a.reports[0].quant == "Q4_K_M"
    assert "is the better choice" not in a.message
    # the format's reading is said (review17), a file chosen is not read as anything
    assert ("AWQ is a 4-bit format, read as Q4_K_M in GGUF terms." in a.message) == ("awq" in text)


@pytest.mark.parametrize(
    ("text", "quant"),
    [
        (
            "Llama-3.1-70B on two NVIDIA L40S gives OutOfMemoryError, torch_dtype: float16",
            "F16",
        ),
        ("llama 3.1 8b fp16 on a 3060 12gb", "F16"),
        ("qwen3 32b bf16 on 2x 3090", "BF16"),
    ],
)
def test_sixteen_bits_not_fitting_answered_on_cards(cat, text, quant):
    a = ask(text, cat)
    r = a.reports[0]
    assert r.quant != quant
    assert r.placement.kind in ("gpu", "multi_gpu") and r.fit != "wont_fit"
    assert a.message.startswith(f"{quant} does not fit on the card") or (
        f"{quant} does not fit on the card" in a.message
    )


def test_sixteen_bits_that_fit_stay(cat):
    a = ask("gemma 3 27b fp16 on 2x rtx 5090", cat)
    assert a.reports[0].quant == "F16"
    assert "does not fit" not in a.message


@pytest.mark.parametrize(
    "text",
    [
        "can I serve llama 3.1 70b with vllm on 2x l40s",
        "qwen3 32b on an a100 80gb with sglang",
        "mistral small 24b on an l40s, trt-llm",
    ],
)
def test_fp8_named_for_gpu_servers(cat, text):
    a = ask(text, cat)
    assert bit_level(a.reports[0].quant) == "8"
    assert " at FP8 (the memory of " in a.card_line


@pytest.mark.parametrize(
    "text",
    [
        "llama 3.1 70b on 2x l40s with llama.cpp",
        "qwen3 32b on an a100 80gb in ollama",
    ],
)
def test_q8_0_kept_for_gguf_stacks(cat, text):
    a = ask(text, cat)
    assert "FP8 (the memory of" not in a.message


@pytest.mark.parametrize(
    ("text", "hw"),
    [
        (
            "Running DeekSeep-R1 or V3 inference needs 8xH100 80GB, and it's very challenging on"
            " single consumer GPU RAM (e.g. 24GB 4090) + limited CPU memory (say 32GB)",
            "rtx-4090",
        ),
        ("Llama 3.1 405B requires 8x H100, can it run on a 4090 with 256gb ram?", "rtx-4090"),
        ("DeepSeek V3 needs an H200, but I have a 3090", "rtx-3090"),
        ("qwen3 235b needs 4x a100 80gb; would 2x rtx 6000 ada work?", "rtx-6000-ada"),
    ],
)
def test_requirement_is_no_machine(cat, text, hw):
    q = parse(text, cat)
    assert q.hardware is not None and q.hardware.id == hw


@pytest.mark.parametrize(
    "text",
    [
        "qwen3.6 35b a3b on strix halo 128gb: vllm awq gives me 20-25 tok/s, what would llama.cpp give?",
        "qwen3 8b awq on a 4090 gets only 40 tok/s, is that normal?",
        "mistral 7b gptq on a t4 runs at 20 t/s",
    ],
)
def test_format_kept_where_a_speed_is_measured(cat, text):
    a = ask(text, cat)
    assert a.reports[0].quant == "Q4_K_M"
    assert "FP8 (the memory of" not in a.message
