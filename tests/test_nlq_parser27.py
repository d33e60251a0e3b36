"""Counts as round parser27 reads them: a count hyphenated to a device's short name
("single-Spark"), and a small number after "build" with a device's name after it ("build 8 DGX
Spark cluster": eight machines, no software build), while "llama.cpp build 4500" stays a build."""

from __future__ import annotations

import pytest

from fitengine.nlq import parse


@pytest.mark.parametrize(
    ("text", "hardware", "gpus"),
    [
        (
            "Reproduced your single-Spark figure on an independent DGX Spark (GB10, 128 GB)",
            "dgx-spark",
            1,
        ),
        ("looking for a consultant willing to build 8 DGX Spark cluster", "dgx-spark", 8),
        ("we want to build 4 H100 servers", None, 4),
        ("I run llama.cpp build 4500 on my 3090", "rtx-3090", None),
    ],
)
def test_counts(text, hardware, gpus):
    q = parse(text)
    if hardware is not None:
        assert q.hardware is not None and q.hardware.id == hardware
    assert q.gpus == gpus


def test_hyphenated_package_name_is_no_spark():
    assert parse("pip install my-spark app").hardware is None


@pytest.mark.parametrize(
    ("text", "hardware", "gpus"),
    [
        ("(浪潮SA5212M5 + 3x MI50)评测，用的是3张MI50 16GB的计算卡", "mi50-16gb", 3),
        ("Inspur NF5280M5 with 2 V100", "v100", 2),
    ],
)
def test_server_model_code_is_no_apple_chip(text, hardware, gpus):
    q = parse(text)
    assert q.hardware is not None and q.hardware.id.startswith(hardware)
    assert q.gpus == gpus


def test_apple_chip_after_a_card_still_read():
    assert parse("I have an M5").hardware.id == "m5"


@pytest.mark.parametrize(
    "text",
    ["## Tester report — RX 6900 XT, gfx1030, 16 GB VRAM", "gfx1030 and RX 6900 XT 16GB"],
)
def test_chip_code_beside_its_card_is_no_second_card(text):
    q = parse(text)
    assert q.hardware.id == "rx-6900-xt"
    assert q.vram_gb == 16


@pytest.mark.parametrize(
    "text", ["I have an Intel UHD Graphics 630", "I have a Intel UHD 630, what can I run?"]
)
def test_intel_uhd_named_alone_is_its_inferred_igpu(text):
    # (test_nlq_classes listed "Intel UHD 630" as unknown before the family rules were read here)
    q = parse(text)
    assert q.hardware is not None and q.hardware.id == "intel-uhd-630"
    assert not q.unsure


def test_intel_uhd_beside_a_processor_family_is_the_processors_graphics():
    q = parse(
        "a 2018 Intel MacBook pro, 2.6GHz 6-core Intel Core i7 with 16 GB of RAM and an Intel"
        " UHD Graphics 630 1536 MB."
    )
    assert q.hardware is not None and q.hardware.id in ("cpu-ddr4-2ch", "cpu-laptop-ddr4-2ch")


def test_intel_uhd_beside_a_card_is_no_device_of_its_own():
    q = parse("RTX 3060 and Intel UHD Graphics 630")
    assert q.hardware.id == "rtx-3060"
    assert not [u for u in q.unsure if u.kind == "hardware"]


# (SM8750 and SM8650 are catalogued since advice101, catalog/hardware/phones.yaml: the codes of
# phone chips the catalog lacks stay unknown)
@pytest.mark.parametrize("text", ["Xiaomi 13 SM8550", "on my phone (SM8475, 12GB)"])
def test_phone_chip_code_is_unknown(text):
    q = parse(text)
    assert q.hardware is None
    assert any(u.kind == "hardware" and u.reason == "unknown" for u in q.unsure)


@pytest.mark.parametrize(
    ("text", "chip"),
    [
        ("Hornor Magic7 SM8750", "snapdragon-8-elite"),
        ("on my phone (SM8650, 12GB)", "snapdragon-8-gen-3"),
    ],
)
def test_a_catalogued_phone_chip_code_is_its_chip(text, chip):
    assert parse(text).hardware.id == chip


def test_compute_capability_is_no_phone_chip():
    q = parse("RTX 3090 sm86 arch")
    assert q.hardware.id == "rtx-3090" and not q.unsure


@pytest.mark.parametrize(
    ("text", "gpus"),
    [
        (
            "they both worked on one of my RTX 3060's for a 13b model, and my other 2 3060's"
            " were detected (but not used)",
            3,
        ),
        ("one 3090 is in use, the other two 3090s idle", 3),
    ],
)
def test_the_others_add_to_the_one_named(text, gpus):
    assert parse(text).gpus == gpus


def test_a_card_got_since_is_the_machine():
    q = parse(
        "have been hosting smaller models on my 4090 for a long time.  Local LLM seems to be"
        " viable now so I got 2x 5090s.  I'm trying to run Devstral small 8Q."
    )
    assert q.hardware.id == "rtx-5090" and q.gpus == 2


def test_a_card_got_beside_one_had_is_a_rig():
    q = parse("I have a 3090 and I got a 3060 too")
    assert {d.id for d in q.setup} == {"rtx-3090", "rtx-3060"}
