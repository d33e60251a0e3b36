"""The machine as people say it in forum posts (r/LocalLLaMA): Markdown escapes Reddit's editor
adds, a bare amount before DDR4/DDR5, the card added as "a 5th 3060", a board's or a BIOS's limit
beside the memory installed, "my laptop has a 4060", and "48gb modified 4090s"."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fitengine.nlq import parse

EXAMPLES = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --------------------------------------------------------------------------- Markdown escapes


def test_an_escaped_underscore_keeps_the_quant_name():
    q = parse("JFYI, I'm running Q3\\_K\\_XL with 5090+192GB@5800 ram (7.1t/s).")
    assert q.quant == "UD-Q3_K_XL"
    assert q.hardware is not None and q.hardware.id == "rtx-5090"


def test_an_escaped_star_still_counts_the_cards():
    q = parse('I have 4\\*3090, do you think that even with a "good" DDR4 system it will be slow?')
    assert q.hardware is not None and q.hardware.id == "rtx-3090"
    assert q.gpus == 4


@EXAMPLES
@given(n=st.integers(2, 8), card=st.sampled_from(["3090", "4090", "A6000", "MI50"]))
def test_a_count_reads_the_same_escaped_or_not(n, card):
    assert parse(f"I have {n}\\*{card}").gpus == parse(f"I have {n}*{card}").gpus == n


# --------------------------------------------------------------------------- RAM said by its type


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("Qwen3 runs @ 4 token/sec on my 5950x + 128 ddr4 + rtx 5070ti 16gb", 128),
        ("i have only 6-10 T/s , 128 ddr5 5600 ram , rtx 3090", 128),
        ("64 ddr4 3200 and a 3060", 64),
    ],
)
def test_a_bare_amount_before_ddr_is_the_ram(text, ram):
    assert parse(text).ram_gb == ram


@pytest.mark.parametrize(
    "text",
    ["4 ddr4-3200 dimms and a 3090", "8 ddr5 channels with a 3090", "2 ddr4 sticks and a 3060"],
)
def test_a_count_of_sticks_or_channels_is_no_ram(text):
    assert parse(text).ram_gb is None


@EXAMPLES
@given(
    ram=st.sampled_from([16, 32, 64, 96, 128, 192, 256]),
    ddr=st.sampled_from(["ddr4", "DDR5", "ddr5 6000", "DDR4-3200"]),
    card=st.sampled_from(["rtx 3090", "4090", "7900 xtx"]),
)
def test_any_amount_said_before_its_ddr_type_is_the_ram(ram, ddr, card):
    assert parse(f"my {card} with {ram} {ddr}").ram_gb == ram


# --------------------------------------------------------------------------- counts


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("I just upgraded to a 5th 3060 12gb for 60GBs vram to test this with", 5),
        ("I've just finished installing my 5th rtx 3060 12gb...", 5),
        ("adding a 3rd 3090 next week", 3),
    ],
)
def test_an_ordinal_card_counts_the_cards(text, n):
    assert parse(text).gpus == n


# --------------------------------------------------------------------------- limits


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("I upgraded my BIOS to support 256GB but I have 128GB installed. Plus three 3090s.", 128),
        ("i have two 3090 and too bad it only supports 128gb ram", None),
        ("my board supports up to 192GB, I run 64GB of ddr5 with a 4090", 64),
    ],
)
def test_what_a_board_supports_is_no_ram_had(text, ram):
    assert parse(text).ram_gb == ram


def test_a_question_whether_it_supports_a_card_keeps_its_memory():
    q = parse("will it support 4GB RTX3050 with 40GB RAM i5 12th gen")
    assert q.vram_gb == 4 and q.ram_gb == 40


# --------------------------------------------------------------------------- card variants


@pytest.mark.parametrize(
    "text",
    [
        "My laptop has a 4060 with 8gb VRAM. Should a 14B @ 4bit quant work?",
        "I have a laptop with a 4060",
        "the laptop's 4060 gets hot",
    ],
)
def test_a_card_the_laptop_has_is_the_laptop_card(text):
    q = parse(text)
    assert q.hardware is not None and q.hardware.id == "rtx-4060-laptop"


def test_a_laptop_named_away_from_the_card_leaves_the_desktop_card():
    q = parse("my laptop has 32gb ram and my desktop has a 4090")
    assert q.hardware is not None and q.hardware.id == "rtx-4090"


@pytest.mark.parametrize("mod", ["modified", "modded", "hacked"])
def test_memory_before_a_modified_card_is_the_cards(mod):
    q = parse(f"At least I have one of those 48gb {mod} 4090s so I'm hoping to run the fp16 model")
    assert q.hardware is not None and q.hardware.id == "rtx-4090"
    assert q.vram_gb == 48 and q.ram_gb is None


@EXAMPLES
@given(st.text(alphabet="\\_*abcq3kxl 4090ddr5", max_size=200))
def test_escapes_and_ddr_in_free_text_never_raise(text):
    parse(text)


# --------------------------------------------------------------------------- upgrades


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        (
            "My GPU is just a 2GB Radeon RX 550. I did have 64GB of RAM which I just upgraded to 128GB",
            128,
        ),
        ("I upgraded from 32 to 128GB ram with my 3090", 128),
        ("went from 32gb to 96gb ram, 4090", 96),
        ("I have a 3060 12gb, had 32gb ram and upgraded to 64gb", 64),
        ("Very pleased I just upgraded to 128GB ram to go with my 3090 now!", 128),
    ],
)
def test_after_an_upgrade_the_later_size_is_the_ram(text, ram):
    assert parse(text).ram_gb == ram


def test_an_upgrade_keeps_the_cards_own_memory():
    q = parse("I have a 3060 12gb, had 32gb ram and upgraded to 64gb")
    assert q.hardware is not None and q.hardware.id == "rtx-3060"
    assert q.vram_gb == 12


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("I have a 3090 and 64gb ram, thinking of upgrading to 128gb", 64),
        ("5090+192GB@5800 ram (7.1t/s). I'm wondering whether to upgrade to 256gb ram", 192),
    ],
)
def test_an_upgrade_still_to_come_is_not_the_ram_had(text, ram):
    assert parse(text).ram_gb == ram


def test_a_range_without_an_upgrade_is_still_a_range():
    assert parse("it scales from 16 to 32gb").ram_gb is None


@EXAMPLES
@given(
    old=st.sampled_from([16, 32, 48, 64]),
    new=st.sampled_from([96, 128, 192, 256]),
    form=st.sampled_from(
        [
            "I upgraded my ram from {old}gb to {new}gb",
            "had {old}GB of RAM which I just upgraded to {new}GB",
            "upgraded from {old} to {new}GB ram",
            "{old}gb ram, upgraded to {new}gb",
        ]
    ),
)
def test_any_upgrade_said_with_a_card_reads_the_later_size(old, new, form):
    q = parse("rtx 3090 here. " + form.format(old=old, new=new))
    assert q.ram_gb == new
    assert q.vram_gb is None


# --------------------------------------------------------------------------- Apple variants


@pytest.mark.parametrize(
    ("text", "hw"),
    [
        ("Which quant should I choose for my 36GB ram M3 max? Thanks yall", "m3-max-30c"),
        ("36gb of ram on my m3 max", "m3-max-30c"),
        ("m3 max with 128gb", "m3-max-40c"),
        ("my m4 max 36gb ram", "m4-max-32c"),
        # no base M4 has 64 GB: the first tier up sold with it
        ("M4 Studio 64GB Ram", "m4-pro-16c"),
    ],
)
def test_memory_near_an_apple_chip_picks_the_variant_sold_with_it(text, hw):
    q = parse(text)
    assert q.hardware is not None and q.hardware.id == hw


def test_the_memory_that_picks_an_apple_tier_up_is_that_chips():
    # the 8 GB is said of other Macs; the 18 GB makes this M3 an M3 Pro, and is its memory
    q = parse(
        "8gb memory is not enough to run a 7b model smoothly. Even on my 18GB mac m3, it is slow"
    )
    assert (q.hardware.id, q.vram_gb) == ("m3-pro-14c", 18)


def test_a_base_chip_with_a_bigger_chips_gpu_cores_is_that_chip():
    q = parse("My M4 Studio with 64gb Ram and 40 GPU cores smashes models up to 70b")
    assert q.hardware is not None and q.hardware.id == "m4-max-40c"
    assert q.vram_gb == 64


@EXAMPLES
@given(
    chip=st.sampled_from(["M3 Max", "M4 Max", "M2 Max", "M1 Max", "M4 Pro", "M3 Pro"]),
    gb=st.sampled_from([18, 24, 32, 36, 48, 64, 96, 128]),
    form=st.sampled_from(["my {gb}GB ram {chip}", "{chip} {gb}GB", "{gb}gb of ram on my {chip}"]),
)
def test_an_apple_chip_with_memory_is_a_variant_sold_with_it_when_one_is(chip, gb, form):
    from fitengine.catalog import default_catalog

    cat = default_catalog()
    q = parse(form.format(chip=chip, gb=gb))
    assert q.hardware is not None
    base = chip.lower().replace(" ", "-")
    variants = [e for hid, e in cat.hardware.items() if hid.startswith(base + "-")]
    if any(e.sold_with(gb) for e in variants):
        assert cat.hardware[q.hardware.id].sold_with(gb)


# --------------------------------------------------------------------------- compact model names


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("qwen38-flash-next on a 5090", "qwen3.8-flash-next"),
        ("llama-cpp-qwen38-flash-next-q4kxl-moecache", "qwen3.8-flash-next"),
        ("glm51 on my 5090", "glm-5.1"),
        ("glm45 air on 2x3090", "glm-4.5-air"),
        ("llama31 8b", "llama-3.1-8b"),
    ],
)
def test_a_version_typed_without_its_dot_names_the_model(text, model):
    q = parse(text)
    assert q.model is not None and q.model.id == model


@pytest.mark.parametrize(("text", "model"), [("qwen32b on a 3090", "qwen3-32b")])
def test_a_size_glued_to_the_family_is_no_version(text, model):
    q = parse(text)
    assert q.model is not None and q.model.id == model


@EXAMPLES
@given(st.sampled_from(["qwen3.6-27b", "qwen3.5-122b-a10b", "glm-4.5-air", "qwen3.8-flash-next"]))
def test_a_dotted_name_and_its_compact_spelling_read_alike(model):
    compact = model.replace(".", "", 1)
    assert parse(f"{compact} on a 4090").model == parse(f"{model} on a 4090").model
