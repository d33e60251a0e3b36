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
    assert q.hardware is None and q.phone and q.ram_gb == 16


def test_a_phone_used_to_reach_a_computer_is_not_the_machine():
    q = parse("I'd chat with it from my phone; the server has 64gb ram, which model?")
    assert not q.phone
    assert ask("I'd chat with it from my phone; the server has 64gb ram, which model?").reports[
        0
    ].hardware.id not in ("snapdragon-8-gen-3", "snapdragon-8-elite")
    assert not parse("running it on my laptop with 32gb, but I also want to try my phone").phone
