"""Counts, memory and models as round parser26 reads them: the writer's ordinal of a card said
after its plural ("3090s ... I got my 4th one"), cards counted by their generation ("four
blackwells"), machines at their top configuration ("两台顶配Mac Studio"), a card's variant by the
memory said later in its sentence, a MoE said by its shape alone ("30B-A3B") and a family with
a rounded size ("deepseek 600B")."""

from __future__ import annotations

import pytest

from fitengine.nlq import parse


@pytest.mark.parametrize(
    ("text", "gpus"),
    [
        ("3090s have been 650-750 basically forever. I got my 4th one early this year", 4),
        ("The RTX 6000 Pro Blackwell route: 384gb of VRAM from four blackwells at 4-bit", 4),
        ("通过两台顶配Mac Studio(M2 Ultra芯片,64GB统一内存)组建分布式计算集群", 2),
        ("a typical private deployment solution requires 8 141G H20s", 8),
        ("I have 2 24GB 3090s", 2),
        ("- Hardware: `2 nodes x 8 NVIDIA H100 80GB`", 16),
        ("RTX 3090 FTW3 Ultra x2", 2),
        ("3090 FE x 2", 2),
        ("RTX 3090 Ti (24GB) x 2", 2),
        ("MSI RTX 4090 Gaming X Trio x2", 2),
        ("a 4-way 3090 rig with 128gb ram", 4),
        ("4090两张", 2),
        ("显卡：3090 2块，内存128G", 2),
    ],
)
def test_counts_said_apart_from_the_name(text, gpus):
    assert parse(text).gpus == gpus


def test_memory_later_in_the_cards_sentence_picks_its_variant():
    q = parse("MI50 is like 2080ti, but so much cheaper(1/4), and with 16GB memory.")
    assert (q.hardware.id, q.vram_gb, q.ram_gb) == ("mi50-16gb", 16.0, None)


def test_memory_of_another_size_stays_the_systems():
    q = parse("I have a 3060 and 16GB memory")
    assert (q.hardware.id, q.vram_gb, q.ram_gb) == ("rtx-3060", None, 16.0)


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("a Q3 30B A3B mule on my P40", "qwen3-30b-a3b"),
        ("30B-A3B on my 3060?", "qwen3-30b-a3b"),
        ("235B-A22B on 4x3090", "qwen3-235b-a22b"),
    ],
)
def test_a_moe_said_by_its_shape_is_the_first_of_that_shape(text, model):
    q = parse(text)
    assert q.model.id == model
    assert any("first of that shape" in a for a in q.assumed)


def test_a_family_with_a_rounded_size_reads_a_release_of_that_size_and_names_the_others():
    # (advice61: a regular answers "how many 4090s" for one release of the size, the rest said)
    q = parse("How many RTX 4090 do I need to deploy deepseek 670B with vllm?")
    assert q.model is not None and q.model.id.startswith(("deepseek-v3", "deepseek-r1"))
    assert any("DeepSeek V3" in a for a in q.assumed)


def test_a_models_version_before_the_memory_counts_no_cards():
    assert parse("qwen 3 24GB 3090s are cheap").gpus is None


@pytest.mark.parametrize(
    "text",
    [
        "Whisper.cpp large v3 model on my 2080ti",
        "14-core Neoverse-V3AE, 128 GB LPDDR5X unified",
        "My platform is cpu2666v3 x99 motherboard with 4060ti 16g graphics card",
    ],
)
def test_a_version_alone_names_no_model(text):
    assert parse(text).model is None


def test_a_version_with_its_family_still_names_the_model():
    assert parse("deepseek v3 on 8x H100").model.id == "deepseek-v3"


def test_an_amount_after_mxfp4_is_the_files_size():
    q = parse("`gpt-oss-120b` is natively MXFP4 (~65GB) and fits comfortably on a single DGX Spark")
    assert (q.hardware.id, q.gpus, q.vram_gb) == ("dgx-spark", 1, None)


def test_an_editions_own_number_counts_no_cards():
    assert parse("RTX 3060 Ventus 3x 12GB").gpus is None
