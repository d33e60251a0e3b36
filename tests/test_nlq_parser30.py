"""Hardware names as round parser30 reads them: a Snapdragon phone chip by its generation alone
("8gen2", "8+gen1", glued to Chinese), Chinese server processors the catalog lacks ("Kunpeng 920"),
a GPU generation said of cards ("Ampere eGPUs" is no Ampere Altra), a card in the plural with its
memory glued ("8 A100-40Gs") and a rig counted with spaces only ("5090 2x3080 20GB")."""

from __future__ import annotations

import pytest

from fitengine.nlq import parse


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("这是8gen2处理器数据。运行时gpu占满", "8gen2"),
        ("我的手机是8+gen1的，要怎么试？", "8+gen1"),
        ("my phone is 8 Gen 3", "8 Gen 3"),
        ("The Llama.cpp runs very slow in ARM CPU (Kunpeng 920).", "Kunpeng 920"),
    ],
)
def test_unlisted_chip_is_unknown(text, said):
    q = parse(text)
    assert q.hardware is None
    assert [u.text for u in q.unsure if u.kind == "hardware"] == [said]


def test_a_catalogued_phone_chip_with_its_brand_is_that_chip():
    # the 8 Gen 3 is catalogued since advice101 (catalog/hardware/phones.yaml); by its generation
    # alone it stays unknown (above)
    assert parse("my phone is a Snapdragon 8 Gen 3").hardware.id == "snapdragon-8-gen-3"


@pytest.mark.parametrize("text", ["my 8th gen i5 laptop", "Intel 8 generation i7 with a 3060"])
def test_cpu_generation_is_no_phone_chip(text):
    assert not [u for u in parse(text).unsure if u.kind == "hardware"]


@pytest.mark.parametrize(
    "text",
    [
        "[bench] Qwen3.6-27B-FP8 on dual mixed 24GB Ampere eGPUs using TB3",
        "dual Ampere GPUs",
        "2x Ampere GPUs with 48GB",
    ],
)
def test_generation_of_cards_is_no_cpu(text):
    q = parse(text)
    assert q.hardware is None and not q.unsure


def test_ampere_altra_still_read():
    assert parse("Ampere Altra server").hardware.id == "ampere-altra-q80-30"


def test_plural_card_with_glued_memory():
    q = parse("my current node is 8 A100-40Gs. so it's causing OOM")
    assert q.hardware.id.startswith("a100-40gb") and q.gpus == 8 and q.vram_gb == 40
    assert parse("my 3090 with 24GBs of vram").vram_gb == 24


@pytest.mark.parametrize(
    "text",
    ["[bench] htsglang tp3 5090 2x3080 20GB Qwen3.6-27B-FP8", "5090 + 2x3080 20GB"],
)
def test_rig_counted_with_spaces(text):
    setup = [(s.id, s.gpus, s.vram_gb) for s in parse(text).setup]
    assert setup == [("rtx-5090", None, None), ("rtx-3080", 2, 20.0)]


@pytest.mark.parametrize(
    ("text", "hw"),
    [
        # a Ryzen AI part is a laptop's processor: the card beside it is the laptop variant
        ("a Ryzen AI 9 HX 370 and an RTX 4060", "rtx-4060-laptop"),
        ("Ryzen 7 7840HS and RTX 4070", "rtx-4070-laptop"),
        # a desktop APU, a Strix Halo box, or a card whose memory only the desktop card has
        ("Ryzen 7 8700G + RTX 4070", "rtx-4070"),
        ("Ryzen AI Max+ 395 with an RTX 3090", "rtx-3090"),
        (
            "- **CPU:** AMD Ryzen AI 9 HX 370 w/ Radeon 890M (24 threads)\n"
            "- **GPU 0:** NVIDIA GeForce RTX 5090 | 32607 MiB | driver 595.71.05",
            "rtx-5090",
        ),
    ],
)
def test_card_beside_mobile_apu(text, hw):
    assert parse(text).hardware.id == hw
