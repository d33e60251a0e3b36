"""Kinds the parser49 round taught the parser, each phrased apart from the real-set texts it was
found in: cloud instances named with the card they carry (Azure sizes, AWS types it does not
list), counts of cards around a memory said between ("dual 24GB eGPUs", "across 4x24"), counts
said as lacking or planned, markdown emphasis, ollama's bracketed split, a laptop card told by its
memory, the GTX 750's 2 GB boards."""

from __future__ import annotations

import pytest

from fitengine.nlq import parse


def _hw(q):
    return q.hardware.id if q.hardware else None


@pytest.mark.parametrize(
    ("text", "hw", "gpus"),
    [
        # Azure sizes: the series, the accelerator said and the version name the card
        ("we moved the service to a Standard_NC48ads_A100_v4 last week", "a100-80gb-pcie", None),
        ("cheapest option was NC8as_T4_v3, is it enough for a 7b?", "t4", None),
        ("benchmarking on an ND96isr_H100_v5 node", "h100-sxm", None),
        ("the old Standard_ND96asr_v4 we rent", "a100-40gb-sxm", None),
        # a size that implies several cards, and the count the text says
        ("NC64asT4v3 box, all 4 GPUs visible", "t4", 4),
    ],
)
def test_azure_sizes_name_their_card(text, hw, gpus):
    q = parse(text)
    assert _hw(q) == hw
    assert q.gpus == gpus


def test_the_card_named_beside_an_instance_is_the_instances_own():
    # a p4d's A100 is its 40GB SXM one; one device said twice, its count not doubled
    q = parse("spun up a p4d.24xlarge, so 8 A100s to play with")
    assert _hw(q) == "a100-40gb-sxm" and q.gpus == 8
    q = parse("a g5.12xlarge with its 4 A10G cards")
    assert _hw(q) == "a10" and q.gpus == 4


def test_an_instance_type_not_listed_is_no_device():
    # "p3dn" / "c5" are instance families, not a Tesla P3 or anything else
    q = parse("tried c6i.4xlarge first, then p4dn.24xlarge with 8 A100 40GB")
    assert _hw(q) in ("a100-40gb-sxm", "a100-40gb-pcie") and q.gpus == 8


@pytest.mark.parametrize(
    ("text", "gpus", "vram"),
    [
        ("Llama 3 70B in 4 bit, split across 2x24 without trouble", 2, 24),
        ("the model is spread over 3x16 here", 3, 16),
        ("she runs two external 16GB eGPUs on thunderbolt", 2, 16),
        ("a box with dual mixed 24GB Ampere GPUs", 2, 24),
    ],
)
def test_cards_counted_with_their_size_between(text, gpus, vram):
    q = parse(text)
    assert q.gpus == gpus and q.vram_gb == vram


def test_sticks_and_lanes_are_not_cards_by_size():
    q = parse("ram is spread over 2x16 ddr4 sticks and the 3060 sits in an x16 slot")
    assert q.gpus is None


def test_a_count_said_as_lacking_or_planned_is_not_had():
    q = parse("I do not have a single card with 48GB; what I have is two 24GB ones")
    assert q.gpus == 2
    q = parse("my 3090 works fine. I'm planning to buy two 32GB cards next month")
    assert q.gpus is None


def test_markdown_underscore_emphasis_is_read_as_its_words():
    q = parse("the free tier gives you _two NVIDIA T4 GPUs_ and _30 GB of RAM_")
    assert _hw(q) == "t4" and q.gpus == 2 and q.ram_gb == 30
    # an identifier's underscores stay an identifier
    q = parse("CUDA_VISIBLE_DEVICES=0,1 on my two 4090s")
    assert _hw(q) == "rtx-4090" and q.gpus == 2


def test_ollamas_bracketed_split_counts_the_gpus():
    q = parse('level=INFO msg=offload layers.model=61 layers.offload=61 layers.split="[20 21 20]"')
    assert q.gpus == 3


def test_a_card_with_a_memory_only_its_laptop_variant_has_in_a_laptop_text():
    q = parse("my gaming laptop: RTX 3060 6GB vram, 32GB ram")
    assert _hw(q) == "rtx-3060-laptop"
    # said to be a desktop: the desktop card stays
    q = parse("the desktop RTX 3060 6GB, not my laptop")
    assert _hw(q) == "rtx-3060"


def test_the_gtx_750_is_sold_with_2gb_too():
    q = parse("an old GeForce GTX 750 2GB in the spare box")
    assert _hw(q) == "gtx-750" and q.vram_gb == 2


def test_that_second_card_counts_two():
    q = parse("once that second RTX 4090 arrived, nvidia-smi showed both")
    assert _hw(q) == "rtx-4090" and q.gpus == 2


def test_a_memory_cap_setting_is_not_the_cards_memory():
    # accelerate's max_memory and the webui's --gpu-memory set a cap, the card's size is apart
    q = parse('on 4 A100s: max_memory = {i: "70GiB" for i in range(4)}')
    assert q.vram_gb is None and q.gpus == 4
    q = parse('max_memory={0: "10GiB", 1: "10GiB"} with my pair of 3060 12GB')
    assert q.vram_gb == 12
    q = parse("launched with --gpu-memory 18GB on a 24GB 3090")
    assert q.vram_gb == 24


def test_a_vram_label_before_a_bare_mib_count_is_the_cards_memory():
    q = parse("INFO Torch detected GPU: NVIDIA GeForce RTX 4080 VRAM 16376 Arch (8, 9) Cores 76")
    assert q.hardware.id == "rtx-4080" and q.vram_gb == 16


def test_memory_of_so_much_each_after_cards_counted_is_each_cards():
    q = parse("can two A6000 cards (a memory of 48GB each) hold it?")
    assert q.vram_gb == 48 and q.ram_gb is None
    q = parse("three servers with a memory of 512GB each")
    assert q.vram_gb is None
