"""Counts, memory and models as round parser29 reads them: machines counted with ", each with" and
a total said after the cards ("2 × H200 (8 GPUs / node, 16 total)"), "8 GB RAM each" after counted
cards (each card's VRAM), a breakdown after ":" ("384GB of RAM on it: 6 * 64GB" is no six cards),
and the original Qwen named as its repos were ("qwen72b", "Qwen-72B-Chat": unknown, not Qwen2.5)."""

from __future__ import annotations

import pytest

from fitengine.nlq import parse


@pytest.mark.parametrize(
    ("text", "gpus"),
    [
        ("Hardware & Environment\n • Nodes: 2 × H200 (8 GPUs / node, 16 total)", 16),
        ("I have 2 nodes, each with 8 H100s", 16),
        ("two servers, each with 4x A100 80GB", 8),
        # a total over a mixed rig is no count of machines
        ("(4x RTX 5060 Ti 16GB + 1x RTX 2070 8GB, 5 GPUs total)", 4),
        ("I have 2x 3090, 4 total soon", 2),
    ],
)
def test_machines_and_totals(text, gpus):
    assert parse(text).gpus == gpus


def test_ram_each_after_counted_cards_is_vram():
    q = parse(
        "add tesla m10? Basically, it's 4 x GTX 750ti (Ollama can use them all) with 8 GB RAM each."
    )
    assert q.vram_gb == 8 and q.ram_gb is None
    q = parse("I run 3 x Tesla P40 with 24 GB RAM each")
    assert q.gpus == 3 and q.vram_gb == 24 and q.ram_gb is None
    q = parse("2 x nodes with 512GB RAM each and 8x H100")
    assert q.ram_gb == 512


def test_breakdown_after_colon_is_no_card_count():
    q = parse("Each CPU has 384GB of RAM on it: 6 * 64GB.")
    assert q.gpus is None and q.vram_gb is None and q.ram_gb == 384
    q = parse("VRAM: 24GB\nRAM: 2x 12GB")
    assert q.vram_gb == 24 and q.ram_gb == 24


@pytest.mark.parametrize(
    "text",
    [
        "单机8卡A100-80G可以全参数训练qwen72b嘛？",
        "Qwen-72B-Chat-Int4使用A100 40G*2 进行推理",
        "用两张3090跑qwen72B-int4可行吗",
        "如题，qwen-14b-w4 (awq生成) 设置 tp=2 时",
    ],
)
def test_first_qwen_is_unknown(text):
    q = parse(text)
    assert q.model is None
    assert any(u.kind == "model" and u.reason == "unknown" for u in q.unsure)


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("I have 2 RTX5090, with my setup Ollama + Qwen 72B", "qwen2.5-72b"),
        ("llama-bench Test Result for R1-Qwen-7BQ4 on a B580", "deepseek-r1-distill-qwen-7b"),
        ("deepseek-r1-distill-qwen-14b on a 3090", "deepseek-r1-distill-qwen-14b"),
        ("Qwen_Qwen3-8B-Q4_K_M.gguf on a 3060", "qwen3-8b"),
    ],
)
def test_other_qwen_names_stay(text, model):
    assert parse(text).model.id == model
