"""Counts, quants and KV cache words as people write them (round parser24): "both my 3090s",
"my second 3090", "a second 3090" joining the machine of the other card, Unsloth's dynamic quants
by level ("UD-Q2", "Q4_XL"), "IQ4", and the KV cache said as "k and v"."""

from __future__ import annotations

import pytest

from fitengine.nlq import parse


@pytest.mark.parametrize(
    ("text", "gpus"),
    [
        ("both my 3090s are at 100%", 2),
        ("both of my P40s sit at 40% utilization", 2),
        ("I got my second 3090 yesterday", 2),
    ],
)
def test_counts_said_with_both_and_an_ordinal(text, gpus):
    assert parse(text).gpus == gpus


def test_both_before_two_named_cards_is_no_count():
    q = parse("both the 3090 and the 4090 are slow")
    assert sorted((s.id, s.gpus) for s in q.setup) == [("rtx-3090", None), ("rtx-4090", None)]


@pytest.mark.parametrize(
    "text",
    [
        "I just added a second 3090 to my 4090 rig",
        "2500 tokens/sec on the 4090 is slowed down to 300 tokens/sec when adding a second 3090",
    ],
)
def test_a_second_card_joins_the_machine_of_the_other(text):
    q = parse(text)
    assert sorted(s.id for s in q.setup) == ["rtx-3090", "rtx-4090"]


@pytest.mark.parametrize(
    ("text", "quant"),
    [
        ("running UD-Q2 of deepseek r1 on a 3090 + 256GB RAM", "UD-Q2_K_XL"),
        ("Q2XL of glm 4.5 air", "UD-Q2_K_XL"),
        ("Q4_XL unsloth qwen3 30b", "UD-Q4_K_XL"),
        ("qwen3 235b IQ4 on 4x3090", "IQ4_XS"),
        ("Qwen3-30B-A3B-UD-Q4_K_XL.gguf on a 3090", "UD-Q4_K_XL"),
    ],
)
def test_quants_by_level_and_family(text, quant):
    assert parse(text).quant == quant


@pytest.mark.parametrize(
    ("text", "quant", "kv"),
    [
        ("q8 for both k and v, qwen3 14b Q4_K_M on a 4070", "Q4_K_M", "q8_0"),
        ("both k and v quantized to q4_0, qwen3 32b on a 3090", None, "q4_0"),
    ],
)
def test_k_and_v_name_the_kv_cache(text, quant, kv):
    q = parse(text)
    assert (q.quant, q.kv_type) == (quant, kv)


@pytest.mark.parametrize(
    ("text", "vram", "ram"),
    [
        ("8gb Ram and 4gb vram and i5 processor", 4, 8),
        ("My PC: Radeon 4Gb, Intel 4 core, 32Gb RAM", 4, 32),
        ("GPU: Radeon 890M (gfx1150, 16GB dynamic VRAM)\nMemory: 64GB DDR5", 16, 64),
    ],
)
def test_vram_of_a_card_named_by_brand_or_not_at_all(text, vram, ram):
    q = parse(text)
    assert (q.vram_gb, q.ram_gb) == (vram, ram)
    assert not q.cpu_only


@pytest.mark.parametrize(
    ("text", "gpus"),
    [
        ("I have a 6x GPU setup", 6),
        ("- GPU type: NVIDIA A100-PCIE-40GB\n- GPU number: 8\n- GPU memory: 39.38GB", 8),
        ("GPU数量：4，型号 RTX 4090", 4),
    ],
)
def test_counts_said_as_a_key_or_with_x_before_gpu(text, gpus):
    assert parse(text).gpus == gpus


@pytest.mark.parametrize(
    ("text", "vram", "ram"),
    [
        ("- RAM: 16 × 64GB Hynix DDR4 RDIMM\n- GPU: 8 x Nvidia RTX 3080 10G", 10, 1024),
        ("server with 1,024 GB of RAM and 8x H100", None, 1024),
        ("epyc with 1,536GB DDR5", None, 1536),
        ("rtx 4090,256g memory", None, 256),
    ],
)
def test_memory_counted_after_its_label_and_thousands(text, vram, ram):
    q = parse(text)
    assert (q.vram_gb, q.ram_gb) == (vram, ram)


def test_what_a_model_should_take_is_no_ram():
    q = parse(
        "I have 2 gpus: 1 RTX 4070ti and an RTX2070. a quant of qwq32b, which should take 21gb"
    )
    assert q.ram_gb is None


@pytest.mark.parametrize(
    ("text", "setup"),
    [
        ("Rig: 4090, 3090, 3090, 128GB DDR5", [("rtx-3090", 2, None), ("rtx-4090", None, None)]),
        ("1x 4090, 2x 3090", [("rtx-3090", 2, None), ("rtx-4090", 1, None)]),
        (
            "I have an rtx a6000 (48gb), an MI50 (32 gb version) and a 3060 (12 gb)",
            [("mi50-32gb", None, 32), ("rtx-3060", None, 12), ("rtx-a6000", None, 48)],
        ),
    ],
)
def test_a_list_of_the_cards_had_is_one_machine(text, setup):
    q = parse(text)
    assert sorted((s.id, s.gpus, s.vram_gb) for s in q.setup) == setup


@pytest.mark.parametrize("text", ["my 3090, 4090 or 5090?", "I tested the 3090, 4090 and 5090"])
def test_a_list_of_alternatives_or_of_runs_is_no_machine(text):
    assert parse(text).setup == []


@pytest.mark.parametrize(
    ("text", "gpus"),
    [
        ("- 128GB RAM\n- (3) Nvidia RTX-3090 (72GB total of VRAM)", 3),
        ("I have (2) 3090s and 64GB RAM", 2),
    ],
)
def test_a_lists_count_in_parentheses_before_the_card(text, gpus):
    assert parse(text).gpus == gpus


def test_a_numbered_list_is_no_count():
    assert parse("1) RTX 3090 2) RTX 4090").gpus is None
