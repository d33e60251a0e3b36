"""The machine had, not the one wished for: a device or an amount of memory wished for, planned,
suggested or someone else's ("if i had a 5090", "suggest you buy ...", "Intel's new rumored 24GB
GPU") is left out when another is the machine; a change of memory still to come keeps the size had;
"to" is no terabyte; figures of a difference or of the context are no memory size; a tool's table
in megabytes; camelCase JSON keys; "m3u"."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fitengine.nlq import parse

EXAMPLES = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _hw(q) -> str | None:
    return q.hardware.id if q.hardware else None


# --------------------------------------------------------------------------- wished devices


@pytest.mark.parametrize(
    ("text", "hw"),
    [
        (
            "it runs on my 3080ti at 100tk/s. if i had a 5090 i'd just use a bigger model",
            "rtx-3080-ti",
        ),
        ("I'd probably shell $500 for 5060ti to add to my 3060", "rtx-3060"),
        ("I read that people with M4 Pro are getting 33 tok/s. Mine is an M1 Max", "m1-max-32c"),
        (
            "I think the m4 max is out of my price range, but m4 pro with 48 gb seems fine",
            "m4-pro-20c",
        ),
    ],
)
def test_a_device_wished_for_is_not_the_machine(text, hw):
    q = parse(text)
    assert _hw(q) == hw
    assert q.hardware_b is None


def test_a_device_ruled_out_leaves_the_processor_had():
    q = parse(
        "I do not have a Mac Studio and never will but I have an old EPYC with 8 channels of DDR4"
    )
    assert _hw(q) == "cpu-ddr4-8ch"


def test_a_device_wished_for_alone_is_still_the_subject():
    q = parse("I'm thinking of getting a 5090, what can it run?")
    assert _hw(q) == "rtx-5090"


def test_a_choice_between_two_cards_stays_a_comparison():
    q = parse("should i get a 5080 or a used 3090 for llms")
    assert _hw(q) == "rtx-5080" and q.hardware_b is not None and q.hardware_b.id == "rtx-3090"


@EXAMPLES
@given(
    had=st.sampled_from(["3060", "3090", "4070"]),
    wished=st.sampled_from(["5090", "4090"]),
    cue=st.sampled_from(["if i had a", "thinking of getting a", "would love a", "saving for a"]),
)
def test_the_card_had_wins_whatever_the_wish(had, wished, cue):
    q = parse(f"I run everything on my {had}. {cue.capitalize()} {wished} someday")
    assert q.hardware is not None and had in q.hardware.id
    assert q.hardware_b is None


# --------------------------------------------------------------------------- wished memory


def test_memory_wished_for_is_not_the_memory_had():
    q = parse(
        "Intel's new rumored 24GB GPU? I need to stick with my 4060 Ti 16GB for a few months."
    )
    assert q.vram_gb == 16
    q = parse("That's how it worked with my 16Gb MI50s. I'm about to buy two 32GB cards")
    assert q.vram_gb == 16


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("I got three 3090s, so I might upgrade ram from 32gb and try it", 32),
        ("I started with 64gb of ram and then went to 128gb then at 256gb", 256),
        ("upgraded from 32 to 128GB of ram", 128),
    ],
)
def test_a_change_still_to_come_keeps_the_size_had(text, ram):
    assert parse(text).ram_gb == ram


# --------------------------------------------------------------------------- not memory sizes


@pytest.mark.parametrize(
    "text",
    [
        "I recently down scaled my Rig from 4 to 2 3090s",
        "the 4 bit quantised version of Hermes 3 to avoid filling up my whole VRAM",
        "if I need 3 PSUs or 2 to pull this off",
    ],
)
def test_to_is_no_terabyte(text):
    q = parse(text)
    assert q.ram_gb is None and q.vram_gb is None


def test_a_terabyte_written_the_french_way_still_counts():
    assert parse("J'ai 2 To de RAM et une 4090").ram_gb == 2048


@pytest.mark.parametrize(
    "text",
    [
        "it overflows to my old ram/cpu by around 5gb on my 3080ti",
        "18GB+ for context on my 3090 is better than I expected",
        "even after int4 quantization (fp16 size is 207 GB appx) on my H100",
    ],
)
def test_a_difference_a_context_or_a_model_size_is_no_ram(text):
    assert parse(text).ram_gb is None


# --------------------------------------------------------------------------- tool output


def test_a_sycl_table_in_megabytes_gives_the_cards_memory():
    q = parse(
        "found 1 SYCL devices:\n| 0| [level_zero:gpu:0]|   Intel Arc A580 Graphics|    1.6|"
        "    384|    1024|   32|  8096M|   1.3.31294|"
    )
    assert q.hardware is not None and q.hardware.id == "arc-a580"
    assert q.vram_gb == pytest.approx(7.91, abs=0.01)


def test_a_camel_case_memory_key_of_a_mac_is_its_unified_memory():
    q = parse('{"system" : {"chip" : "Apple M5 Max", "ramGB" : 128}}')
    assert q.vram_gb == 128


@pytest.mark.parametrize(("text", "gb"), [("I have a mac m3u with 512gb unified ram", 512)])
def test_an_ultra_abbreviated_is_the_ultra(text, gb):
    q = parse(text)
    assert q.hardware is not None and q.hardware.id.startswith("m3-ultra")
    assert q.vram_gb == gb


# --------------------------------------------------------------------------- names and variants


@pytest.mark.parametrize(
    ("text", "hw"),
    [
        ("stick with my 4060 16GB for a few more months", "rtx-4060-ti-16gb"),
        ("RTX 3050 4GB Laptop GPU", "rtx-3050-laptop"),  # a laptop card is no sibling
        ("8GB on RTX 4070", "rtx-4070"),
    ],
)
def test_a_memory_only_a_sibling_is_sold_with_names_the_sibling(text, hw):
    assert _hw(parse(text)) == hw


def test_a_cards_memory_said_as_ram_again_is_not_the_hosts():
    q = parse(
        "Will this run on a GTX 3060 with 12 GB of RAM?\nSpecs: Intel I7 6700\nRAM: 16GB DDR 4\n"
        "GPU: GTX 3060 (12 GB VRAM)"
    )
    assert (q.vram_gb, q.ram_gb) == (12, 16)


@pytest.mark.parametrize(
    ("text", "hw"),
    [
        ("I got hold of 2 x Asus Ascent DGX and tested vLLM", "dgx-spark"),
        ("I have a AIMAX 395 and I set it VRAM to 96GB", "radeon-8060s"),
        ("I got my Evo-X1 370 + 64GB last night, giving 16GB to the GPU", "radeon-890m"),
        ("Ollama on an ultra 7 265K with DDR5-8166 RAM", "core-ultra-7-265k"),
    ],
)
def test_machines_people_name_by_their_product(text, hw):
    assert _hw(parse(text)) == hw


def test_a_processors_model_number_is_no_context():
    assert parse("Qwen3-30B-A3B on an ultra 7 265K, CPU only").context is None


def test_memory_given_to_the_gpu_is_its_memory():
    q = parse("I got my Evo-X1 370 + 64GB last night, giving 16GB to the GPU")
    assert (q.vram_gb, q.ram_gb) == (16, 64)


def test_a_chinese_ram_label_before_a_g_amount_is_no_apu():
    assert parse("● 内存: 1536G\n● 加速卡（NPU）: 华为Ascend910B").ram_gb == 1536
    assert parse("a 4090 + 3400g").ram_gb is None


def test_a_price_in_thousands_is_no_context():
    assert parse("just over 3k for a 5090").context is None
    assert parse("qwen3 with 128k for a 3090?").context == 131072


def test_a_count_with_a_macs_memory_counts_the_macs():
    assert parse("2 x 256 GB M3 Ultra").gpus == 2


def test_gpu_cores_glued_in_a_spec_line_pick_the_variant():
    assert _hw(parse("Apple M2 Max - Mac Studio\n12CPU/30GPU/32GB RAM/512GB SSD")) == "m2-max-30c"


def test_the_next_figure_of_a_use_is_one_too():
    q = parse(
        "This model runs on an RTX 6000 Pro, using about 55 GB VRAM and then around 90 GB of DRAM."
    )
    assert q.vram_gb is None and q.ram_gb is None
    assert parse("I have a 3090 and 64gb ram").ram_gb == 64
    # "... 24gb on VRAM then 7gb on RAM": the spill is a figure of the same use, no 7 GB card
    q = parse("ollama allocates 24gb on VRAM then 7gb on RAM with qwen3 32b")
    assert q.vram_gb is None and q.ram_gb is None
