"""Counts and memory as round parser29 reads them: machines counted with ", each with" and
a total said after the cards ("2 × H200 (8 GPUs / node, 16 total)"), "8 GB RAM each" after counted
cards (each card's VRAM), a breakdown after ":" ("RAM 64GB: 2x 32GB" is no two cards)."""

from __future__ import annotations

import pytest

from fitengine.nlq import parse


@pytest.mark.parametrize(
    ("text", "gpus"),
    [
        ("Hardware & Environment\n • Nodes: 2 × H200 (8 GPUs / node, 16 total)", 16),
        ("I have 2 nodes, each with 8 H100s", 16),
        ("two servers, each with 4x A100 80GB", 8),
        # a total over a mixed rig is no count of machines: all its cards (parser48)
        ("(4x RTX 5060 Ti 16GB + 1x RTX 2070 8GB, 5 GPUs total)", 5),
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
    q = parse("RAM 64GB: 2x 32GB and a 3090")
    assert q.gpus is None and q.vram_gb is None and q.ram_gb == 64
    q = parse("VRAM: 24GB\nRAM: 2x 12GB")
    assert q.vram_gb == 24 and q.ram_gb == 24


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("- 2 x 16 GB - DDR4 - 2400 MT/s - Total 32GB\n- 2 x RTX 3060 12GB each", 32),
        ("| Memory | DDR5-6400 64GB x 12ch = 768GB |", 768),
        ("RAM: 2x 32GB DDR5 (64GB total) and a 4090", 64),
        ("I have 32GB RAM and 24GB VRAM, 56GB total", 32),
    ],
)
def test_ram_total_said_after(text, ram):
    assert parse(text).ram_gb == ram


def test_count_times_machines_after_the_card():
    q = parse("The deepseek-ai/DeepSeek-R1 model is not running properly on H100x8*2 devices.")
    assert q.gpus == 16


@pytest.mark.parametrize(
    "text", ["~11 GB/GPU baseline, ~12 GB/GPU with spec on 2x 3090", "| 3× 3090 | 22.8 GB/card |"]
)
def test_share_per_card_is_usage(text):
    q = parse(text)
    assert q.vram_gb is None and q.gpus == (2 if "2x" in text else 3)


def test_vram_label_per_card_stays_the_cards():
    assert parse("VRAM: 24 GB/GPU on 2x 3090").vram_gb == 24


def test_cards_over_sixteen_said_as_machines_times_cards():
    text = (
        "I am attempting to run DeepSeek V3 across 4 nodes, each with 8 GPUs, but I encounter an"
        " OOM error ... a model of this scale simply cannot run even with 32 RTX 4090 GPUs."
    )
    assert parse(text).gpus == 32  # as "4 nodes of 8x H100" reads: the cards in all
    assert parse("I have 32 RTX 4090 GPUs").gpus == 32  # a cluster, read up to MAX_GPUS (advice57)
