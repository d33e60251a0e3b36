"""Devices as round parser43 reads them: one card said as the yardstick of another without "vs"
("rivaling a 4090", "85% of 4090 performance", "和 RTX 4080 差不多", "比两张3090要好") is the other
side of a comparison, not a second card in the same machine."""

from __future__ import annotations

import pytest

from fitengine.nlq import parse


@pytest.mark.parametrize(
    ("text", "hw", "hw_b"),
    [
        ("The Arc Pro B60 is rivaling an RTX 4090 for token generation", "arc-pro-b60", "rtx-4090"),
        ("my 7900 XT gets about 85% of 4090 speed in llama.cpp", "rx-7900-xt", "rtx-4090"),
        ("the RX 9070 XT rivals the RTX 4070 Ti on 14B models", "rx-9070-xt", "rtx-4070-ti"),
        ("RX 7800 XT 和 RTX 4070 差不多水平吗？", "rx-7800-xt", "rtx-4070"),
        ("Mac Studio M2 Ultra 是否比两张3090要好？", "m2-ultra-76c", "rtx-3090"),
        ("3090 不如 4090 快多少？", "rtx-3090", "rtx-4090"),
    ],
)
def test_a_card_said_as_the_yardstick_is_the_other_side(text, hw, hw_b):
    q = parse(text)
    assert q.hardware is not None and q.hardware.id == hw
    assert q.hardware_b is not None and q.hardware_b.id == hw_b
    assert len(q.setup) < 2  # not one machine of both


@pytest.mark.parametrize(
    "text",
    [
        "My rig: RTX 4090 + RTX 3090, 90% of the layers on the 4090",
        "a 3090 and a 3060 in one box, I put 75% of the model on the 3090",
        "RTX 5090 and RTX 4090 in the same machine",
    ],
)
def test_a_share_of_layers_is_no_yardstick(text):
    q = parse(text)
    assert len(q.setup) == 2 and q.hardware_b is None


@pytest.mark.parametrize(
    ("text", "card"),
    [
        (
            "Framework Desktop with an RTX 3090 eGPU, layers split between the 8060S and the 3090",
            "rtx-3090",
        ),
        ("Strix Halo and a 5070 Ti eGPU working together in llama.cpp", "rtx-5070-ti"),
        ("GMKtec EVO-X2 + RTX 4090 over OCuLink, tensor split 60/40", "rtx-4090"),
        (
            "ggml_vulkan: Found 2 Vulkan devices:\n"
            "ggml_vulkan: 0 = NVIDIA GeForce RTX 3060 (NVIDIA) | uma: 0\n"
            "ggml_vulkan: 1 = Radeon 8060S Graphics (RADV GFX1151) (radv) | uma: 1",
            "rtx-3060",
        ),
    ],
)
def test_a_strix_halo_box_running_a_model_with_its_egpu_is_one_rig(text, card):
    q = parse(text)
    assert sorted(d.id for d in q.setup) == sorted(["radeon-8060s", card])


@pytest.mark.parametrize(
    ("text", "card"),
    [
        ("Strix Halo 128GB with an RTX 3090 eGPU", "rtx-3090"),  # no word of the two together
        ("my Framework Desktop runs vLLM on its RTX 5090 eGPU only", "rtx-5090"),
    ],
)
def test_an_egpu_alone_is_the_device(text, card):
    q = parse(text)
    assert q.hardware is not None and q.hardware.id == card and not q.setup


def test_a_strix_halo_compared_with_a_card_stays_a_comparison():
    q = parse("Strix Halo vs RTX 5090 with layers split, which is faster?")
    assert {q.hardware.id, q.hardware_b.id} == {"radeon-8060s", "rtx-5090"} and not q.setup


def test_the_box_by_product_name():
    for text in ("Minisforum MS-S1 Max 128GB", "HP Z2 Mini G1a with 128GB"):
        q = parse(text)
        assert q.hardware is not None and q.hardware.id == "radeon-8060s" and q.vram_gb == 128


def test_an_apu_beside_its_egpu_answers_for_the_card_with_the_pool_as_ram():
    from fitengine.request import make_request

    r = make_request(
        "qwen3-32b", "rtx-3090", setup=[("radeon-8060s", 1, 128), ("rtx-3090", 1, None)]
    )
    assert r.setup.hw.id == "rtx-3090" and r.ram_gb == 128


@pytest.mark.parametrize(
    "text",
    [
        "my P102-100 10GB runs llama 8b at what speed?",
        "two p102 100 mining cards",
        "NVIDIA P102-100 with 5GB",
    ],
)
def test_the_p102_mining_card_is_catalogued(text):
    q = parse(text)
    assert q.hardware is not None and q.hardware.id == "p102-100"
