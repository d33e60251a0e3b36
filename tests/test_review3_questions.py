"""The question as asked, not a template (review3): two memory sizes of one machine compared, the
card to add when none is named, a measured speed said as a cap and read against the estimate, a
"defective?" verdict, and the machine the person described kept (RAM said, vendor said)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fitengine.answers import ask
from fitengine.catalog import default_catalog
from fitengine.nlq import parse
from fitengine.shopping import cards_to_add


@pytest.mark.parametrize(
    ("text", "sizes"),
    [
        ("Mac Mini M4 for local LLMs: 16GB or 24GB?", (16, 24)),
        ("MacBook Pro M5 Max: 64 or 128 GB for running local models?", (64, 128)),
        ("m4 pro mac mini, 24gb vs 48gb for qwen3.6 35b a3b?", (24, 48)),
    ],
)
def test_two_memory_sizes_of_one_machine_are_compared(text, sizes):
    q = parse(text)
    assert q.intent == "compare"
    assert q.hardware_b is not None and q.hardware_b.id == q.hardware.id
    assert (q.vram_gb, q.vram_gb_b) == sizes


def test_sizes_the_machine_is_not_sold_with_are_not_alternatives():
    # an M4 Mac mini comes with 16, 24 or 32 GB: "20 or 40 GB" is no pair of its sizes
    q = parse("Mac Mini M4: 20GB or 40GB?")
    assert q.hardware_b is None


def test_memory_sizes_with_a_model_each_run_their_own_quant_and_one_is_picked():
    a = ask("Mac mini M4 16 or 24 GB for qwen3.6 35b a3b?")
    assert len(a.reports) == 2
    small, big = sorted(a.reports, key=lambda r: r.hardware.memory_gb)
    assert small.quant != big.quant  # the bigger size holds the better quant
    assert "Get the 24 GB" in a.message


def test_more_memory_that_changes_nothing_says_the_smaller_is_enough():
    a = ask("M4 Pro 24GB or 48GB for gemma 4 12b?")
    assert "The 24 GB is enough" in a.message


def test_which_card_to_add_compares_the_usual_cards_with_the_machine_had():
    a = ask("I have an RTX 5070 Ti and 64GB DDR5. What's the best second card to add?")
    q = a.query
    assert q.owned is not None and [s.id for s in q.owned.setup] == ["rtx-5070-ti"]
    added = [o.setup[-1].id for o in q.options]
    assert "rtx-3090" in added and len(added) >= 2
    assert all(o.setup[0].id == "rtx-5070-ti" for o in q.options)


def test_the_cards_to_add_are_the_cheapest_of_each_size_from_the_one_had_up():
    cat = default_catalog()
    owned = cat.hardware["rtx-5070-ti"]
    cards = cards_to_add(cat, owned)
    sizes = [hw.memory_gb for hw in cards]
    assert sizes == sorted(sizes) and min(sizes) >= owned.memory_gb
    assert all(hw.vendor == owned.vendor for hw in cards)


@pytest.mark.parametrize(
    ("text", "seen"),
    [
        ("Single DGX Spark: qwen3.8 flash next decode is capped at ~23 tok/s", 23),
        ("qwen3.6 35b a3b on my 4090 gives 110 tok/s", 110),
        ("my 3090 with qwen3.6 27b caps out at 30 t/s", 30),
    ],
)
def test_a_cap_or_a_figure_something_gives_is_a_measured_speed(text, seen):
    assert parse(text).reported_tok_s == seen


def test_a_speed_after_a_backend_name_is_no_version():
    q = parse("RX 9070 XT with gpt-oss-20b: Vulkan gives 132 tok/s and ROCm 110 tok/s")
    assert not any("software version" in i for i in q.ignored)
    assert any("software version" in i for i in parse("rocm 6.4 on a 7900 xtx").ignored)


def test_is_my_unit_defective_gets_a_verdict_on_the_machine_measured():
    a = ask(
        "I got a DGX Spark. Qwen2.5 7B runs at only 43 tok/s, slower than my MacBook M5."
        " Is my unit defective?"
    )
    assert a.intent == "fit" and a.reports[0].hardware.id == "dgx-spark"
    assert "Not defective" in a.message


def test_a_speed_far_below_the_estimate_points_at_the_setup_before_the_unit():
    a = ask("my 5090 gets 5 tok/s on qwen3.5 27b, is my card faulty?")
    assert "more likely the setup than a faulty unit" in a.message


def test_the_ram_said_on_a_cpu_box_is_kept_beside_a_measured_speed():
    text = "Ryzen 9 5950X with 64GB DDR4, CPU only: DeepSeek V4 Flash 0731 gives me 1.24 tok/s"
    r = ask(text).reports[0]
    assert r.hardware.memory_gb == 64
    assert r.fit == "wont_fit"


@pytest.mark.parametrize(
    ("text", "cpu"),
    [
        ("Ryzen 7 7700, 32GB RAM, RX 7800 XT 16GB: qwen3.6 35b a3b?", "ryzen-7-7700"),
        ("ryzen 7 7700 with 32gb ram, qwen3.6 35b", "ryzen-7-7700"),
        ("i7 7700 with 32gb, qwen3.6 35b", "core-i7-7700"),
    ],
)
def test_a_ryzen_is_never_read_as_the_intel_chip_of_the_same_number(text, cpu):
    q = parse(text)
    got = q.host if q.host is not None else q.hardware
    assert got.id == cpu


@settings(max_examples=40, deadline=None)
@given(a=st.sampled_from([8, 16, 24, 32, 48, 64, 96, 128]), b=st.integers(1, 512))
def test_size_alternatives_never_break_a_parse(a, b):
    q = parse(f"Mac mini M4 {a}GB or {b}GB?")
    if q.hardware_b is not None:
        assert {q.vram_gb, q.vram_gb_b} == {float(a), float(b)}


def test_a_backend_said_with_only_a_vram_size_runs_that_build():
    r = ask("16GB VRAM on Vulkan: can I run Qwen3.6 35B-A3B at 128K context?").reports[0]
    assert r.backend == "vulkan"


def test_strix_halo_past_half_its_ram_names_the_gtt_setting():
    assert "amdgpu.gttsize" in ask("Strix Halo 128GB: can I run DeepSeek V4 Flash?").message
    assert "gttsize" not in ask("strix halo 128gb, qwen3.5 9b?").message
    assert "gttsize" not in ask("dgx spark, qwen3.5 122b?").message
