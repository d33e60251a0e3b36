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
