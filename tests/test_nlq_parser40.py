"""Hardware, memory and counts as round parser40 reads them: DGX Spark's OEM twins by product name
("Lenovo ThinkStation PGX", "Gigabyte AI TOP ATOM"), boxes counted before a name that starts with
"G" ("2 GX10": two boxes, not 2 GB), each card's memory said after the count ("two 4060 Ti, each
16GB"), a requirement written with a sign ("needs >= 51 GB host RAM"), "main memory" beside a card
(the host's RAM), one more card planned or weighed (not counted: tests/data/nlq_real.yaml, "gpus is
the count the writer has"), Russian counts ("восемь GPU", "шесть видеокарт") and a table's label
glued to its amount ("RAM80 GB DDR4")."""

from __future__ import annotations

import pytest

from fitengine.nlq import parse


@pytest.mark.parametrize(
    ("text", "gpus", "vram"),
    [
        ("The Lenovo ThinkStation PGX delivers dedicated local AI processing", None, None),
        ("my Gigabyte AI TOP ATOM with 128GB", None, 128),
        ("two ThinkStation PGX boxes with 128GB each", 2, 128),
        ("AI TOP ATOM 128GB: which model for coding?", None, 128),
    ],
)
def test_dgx_spark_oem_twins_by_product_name(text, gpus, vram):
    q = parse(text)
    assert q.hardware is not None and q.hardware.id == "dgx-spark"
    assert q.gpus == gpus and q.vram_gb == vram


@pytest.mark.parametrize(
    ("text", "gpus", "vram"),
    [
        ("Support for 2 GX10s cluster with 128GB each", 2, 128),
        ("I have 2 GX10 boxes", 2, None),
        ("2 GX10 in a cluster, which model?", 2, None),
        ("running gpt-oss-120b on 2 GX10", 2, None),
    ],
)
def test_a_count_before_a_name_starting_with_g_is_no_memory(text, gpus, vram):
    q = parse(text)
    assert q.hardware is not None and q.hardware.id == "dgx-spark"
    assert q.gpus == gpus and q.vram_gb == vram


def test_a_count_glued_after_the_unit_still_counts():
    q = parse("24gbx2 cards")  # the unit written on the number: a count after it
    assert q.gpus == 2 and q.vram_gb == 24


@pytest.mark.parametrize(
    ("text", "hw", "gpus", "vram"),
    [
        ("I have two 4060 Ti, each 16GB", "rtx-4060-ti-16gb", 2, 16),
        ("two RTX 4060 Ti, each with 16GB of VRAM", "rtx-4060-ti-16gb", 2, 16),
        ("2x 5060 Ti, each 16 GB", "rtx-5060-ti-16gb", 2, 16),
        ("4x 3090, each 24GB", "rtx-3090", 4, 24),
        ("I have two 4060 Ti, each 8GB", "rtx-4060-ti-8gb", 2, 8),
    ],
)
def test_each_cards_memory_said_after_the_count(text, hw, gpus, vram):
    q = parse(text)
    assert q.hardware is not None and q.hardware.id == hw
    assert q.gpus == gpus and q.vram_gb == vram


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("# 4x H100 FP8 — TP4 + PLE CPU offload (verbatim; needs >= 51 GB host RAM)", None),
        ("4x H100 FP8 (needs >= 51 GB host RAM)", None),
        ("needs > 64 GB of RAM", None),
        ("my 4090 with 64GB RAM, the model needs >= 80 GB", 64),
    ],
)
def test_a_requirement_written_with_a_sign_is_not_the_ram_had(text, ram):
    assert parse(text).ram_gb == ram


@pytest.mark.parametrize(
    ("text", "vram", "ram"),
    [
        ("RTX 3090 with 16 GB of main memory", None, 16),
        ("my 4090 and 24 GB of main memory", None, 24),
        ("a 3060 12GB, 12GB of host memory", 12, 12),
        ("I have a 3090 and 64 GB of main memory", None, 64),
    ],
)
def test_main_memory_beside_a_card_is_the_hosts(text, vram, ram):
    q = parse(text)
    assert q.vram_gb == vram and q.ram_gb == ram


@pytest.mark.parametrize(
    ("text", "hw", "gpus"),
    [
        ("I have a 3060 and I'm planning to add a second 3060", "rtx-3060", None),
        ("thinking about adding a third 3090 to my rig", "rtx-3090", None),
        (
            "I'm debating if I need to update my 1200w PSU to add a second 3090 to my rig.",
            "rtx-3090",
            None,
        ),
        ("considering getting a second 4090 for 70b models", "rtx-4090", None),
        ("I might add a second 5060 Ti later", "rtx-5060-ti-16gb", None),
        # had, or asked about the machine with it: counted
        ("if I add a second 3060 can I run qwen3 32b?", "rtx-3060", 2),
        ("I got my second 3090 yesterday", "rtx-3090", 2),
        ("I just added a second 3090", "rtx-3090", 2),
    ],
)
def test_one_more_card_planned_is_not_counted(text, hw, gpus):
    q = parse(text)
    assert q.hardware is not None and q.hardware.id == hw
    assert q.gpus == gpus


@pytest.mark.parametrize(
    ("text", "hw", "gpus"),
    [
        ("Intel Arc Pro B60 — восемь GPU и 192 Гбайт GDDR6", "arc-pro-b60", 8),
        ("восемь RTX 3090 в одном сервере", "rtx-3090", 8),
        ("у меня шесть видеокарт RTX 3060", "rtx-3060", 6),
        ("две видеокарты RTX 3090", "rtx-3090", 2),
    ],
)
def test_russian_counts_of_cards(text, hw, gpus):
    q = parse(text)
    assert q.hardware is not None and q.hardware.id == hw
    assert q.gpus == gpus


@pytest.mark.parametrize(
    ("text", "hw", "vram", "ram"),
    [
        (
            "MotherboardMSI PRO B660M-A\nRAM80 GB DDR4 (32+16+32+16)\nGPUMSI NVidia GeForce RTX "
            "5060Ti Shadow 2X OC PCIe 5.0×8\nCUDA Cores4,608\nVRAM16 GB GDDR7 128-bit 448 GB/s",
            "rtx-5060-ti-16gb",
            16,
            80,
        ),
        ("RAM64 GB\nGPURTX 3090", "rtx-3090", None, 64),
        ("VRAM24 GB, RAM128 GB, GPU RTX 4090", "rtx-4090", 24, 128),
    ],
)
def test_a_tables_label_glued_to_the_amount(text, hw, vram, ram):
    q = parse(text)
    assert q.hardware is not None and q.hardware.id == hw
    assert q.vram_gb == vram and q.ram_gb == ram
