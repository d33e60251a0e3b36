"""GPU counts and card lists (issue 9): a count heading a list, several cards of an unsaid count, a
video-memory total spelled out per card, an ordinal that is no count, a CPU family typed with its
letters swapped. Each phrased apart from the real-set texts that showed the kind."""

import pytest

from fitengine.catalog import default_catalog
from fitengine.nlq import parse


@pytest.fixture(scope="module")
def cat():
    return default_catalog()


def _setup(q):
    return sorted((s.id, s.gpus or 1) for s in q.setup)


def test_a_count_heading_a_list_of_the_same_card_is_the_list(cat):
    q = parse("I've got two GPUs: a 4090 and a 4090, what fits?", cat)
    assert q.hardware.id == "rtx-4090"
    assert q.gpus == 2


def test_a_count_heading_a_list_of_mixed_cards_is_their_total(cat):
    q = parse("my box runs three cards: an RTX 4090 and two RTX 3060s", cat)
    assert q.gpus == 3
    assert _setup(q) == [("rtx-3060", 2), ("rtx-4090", 1)]


def test_a_count_before_one_card_still_counts_it(cat):
    q = parse("2 gpus: rtx 3090", cat)
    assert q.gpus == 2


@pytest.mark.parametrize(
    "text, card",
    [
        ("I own some A6000s, what is the biggest model I can serve?", "rtx-a6000"),
        ("we have a few 3060s lying around", "rtx-3060"),
        ("several P40s in an old server", "p40"),
        ("手上有几张4090，能跑70b吗", "rtx-4090"),
    ],
)
def test_several_cards_of_an_unsaid_count_are_more_than_one_not_one(cat, text, card):
    q = parse(text, cat)
    assert q.hardware.id == card
    assert q.gpus is None
    assert q.cards_unsaid_count


@pytest.mark.parametrize(
    "text",
    ["some 3090 owners say it is fine", "I tried some models on my 3090", "I have a 3090"],
)
def test_a_quantifier_not_on_the_cards_says_no_unsaid_count(cat, text):
    assert not parse(text, cat).cards_unsaid_count


def test_a_video_memory_total_spelled_out_per_card_is_the_count_and_one_cards_memory(cat):
    q = parse("VRAM: 48GB in all (2x 24GB), can it hold a 70b at q4?", cat)
    assert q.gpus == 2
    assert q.vram_gb == 24


def test_a_ram_total_spelled_out_per_stick_stays_ram(cat):
    q = parse("RAM 128GB (4x32GB) and a 4090", cat)
    assert q.ram_gb == 128
    assert q.gpus in (None, 1)


def test_an_ordinal_card_is_no_count_of_cards(cat):
    q = parse("跑的时候只用到了第一张卡，另外几张都空着", cat)
    assert q.gpus != 1


def test_a_cpu_family_typed_with_swapped_letters_is_that_family(cat):
    q = parse("2x A100 80GB on an eypc 7543 server", cat)
    assert q.host is not None and q.host.id == "epyc-7543"


def test_a_size_after_a_model_tag_no_such_mac_has_is_the_model_file_not_its_memory(cat):
    q = parse("MacBook Pro M3 Max here; ollama list shows gpt-oss:120b 65G and it crawls", cat)
    assert q.hardware is not None and q.hardware.id.startswith("m3-max")
    assert q.vram_gb != 65


def test_a_macs_own_memory_beside_a_model_tag_stays_its_memory(cat):
    q = parse("M3 Max 64GB, gpt-oss:120b 65G", cat)
    assert q.vram_gb == 64


SMI_ROWS = """\
|   0  NVIDIA GeForce RTX 4090        Off |   00000000:01:00.0 Off |                  Off |
|  0%   38C    P8             21W /  450W |      2MiB /  24564MiB |      0%      Default |
|   1  NVIDIA GeForce RTX 3090        Off |   00000000:05:00.0 Off |                  N/A |
|  0%   35C    P8             19W /  350W |      2MiB /  24576MiB |      0%      Default |
"""


def test_nvidia_smi_rows_of_different_cards_are_one_rig_counted_by_its_rows(cat):
    q = parse(SMI_ROWS, cat)
    assert q.gpus == 2
    assert {s.id for s in q.setup} == {"rtx-4090", "rtx-3090"}
