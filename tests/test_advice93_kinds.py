"""Round advice93: compared and mixed rigs whose second card was dropped or misread (the bench's
examples are a41-cmp-4090-vs-4x4060ti16, a68-asm-4090-4080-llama3-70b-q5-2tps and
a45-cmp-8xh100-vs-4xa100), each checked over setups beyond the bench's example.

1. The compared cards' total ("a single 4090 vs 4x 4060ti ... the 4x4060ti stack will have a
   total 64GB"): a total the counted second cards are never sold with but a variant of the same
   card is (4 x 16 GB) names that variant, as it does for the first device; the amount is the
   cards', not the host's RAM.
2. A rig listed, its second card said later beside the first said again ("- Gigabyte 4090 ...
   connected my 4090 and a Gigabyte 4080"): the two are one machine's cards, not one device and
   an ignored other.
3. A card said by its name and form alone where the catalog has two memory variants of that form
   ("4xA100 pcie"): the variant a bare name reads as (data: catalog aliases), not a name left
   unsure and a comparison read as a list.
"""

import pytest

from fitengine import ask
from fitengine.nlq import parse


@pytest.mark.parametrize(
    "text, first, second, count",
    [
        (
            "a single 4090 vs 4x 4060ti? the 4x4060ti stack will have a total 64GB instead of 24GB",
            "rtx-4090",
            "rtx-4060-ti-16gb",
            4,
        ),
        (
            "one RTX 5090 or 4x 5060 Ti for local LLMs? the four 5060 Tis would be a total 64GB",
            "rtx-5090",
            "rtx-5060-ti-16gb",
            4,
        ),
        (
            "RTX 3090 vs 2x RTX 4060 Ti: two of them give a total 32GB of VRAM, which is better?",
            "rtx-3090",
            "rtx-4060-ti-16gb",
            2,
        ),
    ],
)
def test_a_compared_stacks_total_names_its_variant(text, first, second, count):
    q = parse(text)
    assert q.intent == "compare"
    assert q.hardware.id == first
    assert q.hardware_b.id == second and q.gpus_b == count
    assert q.ram_gb is None  # the cards' memory together, not the host's RAM


def test_a_compared_stacks_total_its_card_is_sold_with_changes_nothing():
    # 2x 3060 make 24 GB with the common 12 GB card: no other variant is read
    q = parse("7900 XTX vs 2x RTX 3060, a total 24GB either way")
    assert q.hardware_b.id == "rtx-3060"


@pytest.mark.parametrize(
    "text, cards",
    [
        (
            "My rig:\n\n- Gigabyte 4090\n- 7800x3d\n- 64 GB DDR5\n- Fractal XL case\n\nI bought a"
            " riser cable and connected my 4090 and a 3090 to the motherboard. Llama 3.3 70B"
            " Q4_K_M runs at 3 tok/s, why?",
            {"rtx-4090", "rtx-3090"},
        ),
        (
            "My PC:\n- RTX 3090\n- Ryzen 9 5950X\n- 64GB DDR4\n- a big tower case\n\nLast week I"
            " added a 3060 12gb next to my 3090 in the second slot. qwen3.6 27b q8 how fast?",
            {"rtx-3090", "rtx-3060"},
        ),
        (
            "Build list:\n* RTX 4080 Super\n* Ryzen 7 9800X3D\n* 96GB DDR5-6000\n* 1200W PSU\n\n"
            "Then I plugged my 4080 Super and an RTX 4060 Ti 16GB into the board. gpt-oss 120b"
            " speed?",
            {"rtx-4080-super", "rtx-4060-ti-16gb"},
        ),
    ],
)
def test_a_rigs_second_card_said_beside_the_first_said_again_is_in_the_rig(text, cards):
    q = parse(text)
    assert {s.id for s in q.setup} == cards
    assert not any("one device at a time" in i for i in q.ignored)


def test_two_cards_said_apart_as_alternatives_stay_a_comparison():
    q = parse(
        "My rig: RTX 3090, 128GB RAM, 5950X, a big case and lots of fans. Is a 4090 faster"
        " than my 3090 for qwen3.6 27b?"
    )
    assert not q.setup and q.intent == "compare"


@pytest.mark.parametrize(
    "text, first, second",
    [
        (
            "The inference performance of 8xH100+nvlink is worse than that of 4xA100 pcie",
            "h100-sxm",
            "a100-80gb-pcie",
        ),
        ("4x a100 pcie or 2x h100 pcie for llama 3.3 70b?", "a100-80gb-pcie", "h100-pcie"),
        (
            "is an RTX 6000 Ada faster than an A100 PCIe for qwen3.8 27b?",
            "rtx-6000-ada",
            "a100-80gb-pcie",
        ),
    ],
)
def test_a_card_named_by_its_form_alone_reads_as_its_common_variant(text, first, second):
    q = parse(text)
    assert q.intent == "compare" and not q.unsure
    assert q.hardware.id == first and q.hardware_b.id == second
    a = ask(text)
    assert len(a.reports) >= 2


def test_a_card_with_its_memory_said_keeps_that_variant():
    assert parse("my A100 PCIe 40GB runs qwen3.6 27b at 30 tok/s, ok?").hardware.id == (
        "a100-40gb-pcie"
    )


# 4. A GPU memory said as a ceiling with no RAM said ("a laptop with less than 3GB of VRAM"): the
#    list is of models whole on a card that small, not 30B MoEs with their experts in an assumed
#    32 GB of RAM (bench a86-bm-laptop-under-3gb-vram); with RAM said, the experts go there.
@pytest.mark.parametrize(
    "text, most_b",
    [
        ("best model for a GPU with under 4 GB VRAM?", 8),
        ("what can I run with <6gb vram on my old laptop", 12),
        ("my laptop has less than 3GB of VRAM, which LLM should I install?", 5),
        ("a card with no more than 8 GB of VRAM: what is the best local model?", 15),
    ],
)
def test_a_vram_ceiling_bounds_the_list_to_the_card(text, most_b):
    q = parse(text)
    assert q.memory_bound
    reports = ask(text).reports
    assert reports and all(r.fit != "offload" for r in reports[:5])
    assert reports[0].model.params_b <= most_b


def test_a_vram_ceiling_with_ram_said_keeps_the_expert_offload():
    text = "I have less than 8GB VRAM but 64GB RAM, best model?"
    assert not parse(text).memory_bound
    assert any(r.fit == "offload" for r in ask(text).reports[:3])


def test_a_plain_vram_amount_is_no_ceiling():
    assert not parse("best model for 8gb vram?").memory_bound


def test_a_named_cards_memory_said_as_less_than_is_no_ceiling():
    # the card's own memory described ("less than 12GB" of a 4070 Ti), not a bound on the list
    q = parse("Tried it with a 4070TI with less than 12GB GPU memory. Which model should I run?")
    assert q.hardware.id == "rtx-4070-ti" and not q.memory_bound


# 5. Sizes said as a map ("Ideal range: 7B-13B ... Possible but slower: 30B ... Not practical:
#    70B+"; four or more sizes, no model named): the list is the machine's, not kept to the first
#    size or range read (bench a86-bm-apple-silicon-36gb-preset-ideal-range).
@pytest.mark.parametrize(
    "text, least_b",
    [
        (
            "On my 64GB Mac: 7B models are fast, 14B fine, 32B slow, 70B unusable. What should I run?",
            20,
        ),
        (
            "RTX 4090 owner here. I tried 8B, 14B, 32B and 70B models; which one is best for me now?",
            20,
        ),
        (
            "Apple Silicon with 36GB unified memory. Ideal range: 7B-13B models (fast). Possible but"
            " slower: 30B models. Not practical: 70B+. What would you recommend?",
            20,
        ),
    ],
)
def test_sizes_said_as_a_map_do_not_bound_the_list(text, least_b):
    q = parse(text)
    assert q.intent == "best_model_for_hw" and q.model_size_b is None
    assert ask(text).reports[0].model.params_b >= least_b


@pytest.mark.parametrize(
    "text, lo, hi",
    [
        ("best model between 14b and 32b for my 3090?", 14, 32),
        ("better models than 8b? more powerful options like 16b 30b on my 4060 ti 16gb", 16, 30),
    ],
)
def test_a_range_asked_still_bounds_the_list(text, lo, hi):
    q = parse(text)
    assert (q.model_size_b, q.model_size_to_b) == (lo, hi)
