"""Kinds of "best model for my setup" questions round advice101 fixed: setups said indirectly.

A phone: its chip (catalog/hardware/phones.yaml), or a phone said with no chip, answered on a
flagship phone chip with the memory said (language.yaml phone_stand_in), not on a desktop CPU's
memory and cores.
"""

from __future__ import annotations

from fitengine import ask
from fitengine.catalog import default_catalog
from fitengine.nlq import parse


def test_a_phone_with_no_chip_named_is_answered_on_a_phone_chip():
    a = ask("which llm should i put on my android phone, it has 16 gb of ram")
    r = a.reports[0]
    assert r.hardware.id == "snapdragon-8-gen-3"
    assert r.model.params_b <= 10  # a phone's memory and bandwidth, not a desktop's
    assert any("phone" in s for s in a.query.assumed)
    assert "16GB" in a.message  # the memory said, not the chip's usual 12 GB


def test_a_phone_named_by_its_model_is_its_chip():
    assert parse("can my oneplus 12 run gemma 4 e4b?").hardware.id == "snapdragon-8-gen-3"
    assert parse("what would run on a galaxy s25 ultra").hardware.id == "snapdragon-8-elite"
    q = parse("Snapdragon 8 Elite phone with 24GB, best local model?")
    assert q.hardware.id == "snapdragon-8-elite"


def test_a_phone_chip_keeps_its_bus_not_a_desktops():
    cat = default_catalog()
    for chip in ("snapdragon-8-gen-3", "snapdragon-8-elite"):
        hw = cat.hardware[chip]
        assert hw.kind == "cpu" and hw.channels == 1 and hw.bandwidth_gbps < 90


def test_a_phone_with_no_chip_stays_unnamed_in_the_reading():
    # the parser reads what was said: a phone, no chip; the answer picks the stand-in
    q = parse("which llm should i put on my android phone, it has 16 gb of ram")
    assert q.hardware is None and q.stand_in == "snapdragon-8-gen-3" and q.ram_gb == 16


def test_a_phone_used_to_reach_a_computer_is_not_the_machine():
    q = parse("I'd chat with it from my phone; the server has 64gb ram, which model?")
    assert q.stand_in is None
    assert ask("I'd chat with it from my phone; the server has 64gb ram, which model?").reports[
        0
    ].hardware.id not in ("snapdragon-8-gen-3", "snapdragon-8-elite")
    q = parse("running it on my laptop with 32gb, but I also want to try my phone")
    assert q.stand_in is None


# --------------------------------------------------------------------------- a better one asked


def test_one_model_on_a_machine_and_a_better_one_asked_is_the_machines_list():
    """ "X on my machine, any better options?": X is what runs now; the answer is the machine's
    list of today's models (language.yaml better_model_asked), not a yes on X."""
    for text in (
        "gemma 2 9b on my rtx 3060 12gb, any better options these days?",
        "still on llama 3.1 8b with a 4060 8gb - anything newer worth trying?",
        "is there something more recent than mixtral 8x7b I can run on 2x 3090?",
    ):
        a = ask(text)
        assert a.intent == "best_model_for_hw", text
        named = a.query.model.id
        assert a.reports and a.reports[0].model.id != named, text


def test_a_better_quant_or_a_comparison_of_machines_is_not_a_list():
    assert parse("qwen3 32b on my 3090 at q4, is there a better quant?").intent == "fit"
    assert parse("qwen3 32b on a 3090 or a 4090, which is better?").intent == "compare"


# --------------------------------------------------------------------------- a NAS


def test_a_nas_with_no_chip_is_a_low_power_cpu_not_a_gpu_or_a_desktop():
    """A NAS's RAM is a low-power CPU's (~38 GB/s), not a 32 GB GPU nor a desktop's DDR5."""
    a = ask("I've got a QNAP with 32GB of RAM sitting idle, which LLM could it run?")
    r = a.reports[0]
    hw = default_catalog().hardware[r.hardware.id]
    assert hw.kind == "cpu" and hw.bandwidth_gbps < 50
    assert any("NAS" in s for s in a.query.assumed)


def test_a_nas_with_a_card_in_it_is_the_card():
    q = parse("my synology nas has a 3060 in it, best model?")
    assert q.hardware.id == "rtx-3060" and q.stand_in is None


# --------------------------------------------------------------------------- a server at home


def test_a_home_server_with_desktop_ram_is_a_desktop_not_a_server_board():
    cat = default_catalog()
    hw = cat.hardware[parse("the homelab server has 64gb of ram, no gpu - what llm?").hardware.id]
    assert hw.form == "desktop" and hw.channels == 2
    # more RAM than a desktop takes is still a server board's
    hw = cat.hardware[parse("my home server has 512gb ddr5").hardware.id]
    assert hw.form == "server" and hw.channels > 4
