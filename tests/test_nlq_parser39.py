"""parser39 (issue 9, metamorphic rewrites of hardware and GPU count, bench/nlq_variants.py): a
board partner's words between a count or a memory and the card ("dual ASUS TUF RTX 3090", "8GB on
EVGA RTX 4070"), a count in parentheses after a name that took its plural ("RTX 2080 Tis (4)"), a
count glued to a card's suffix ("RTX 2080Tix4"), a list's "*" before a count ("128GB DDR4 * 4× RTX
3090") no count of RAM sticks."""

import pytest

from bench.nlq_variants import REWRITES, reading, variants
from fitengine.nlq import parse


@pytest.mark.parametrize(
    "text,want",
    [
        # board partners and their product lines (catalog/language.yaml board_partner_words)
        ("Uneven load on dual ASUS TUF RTX 3090 setup", ("rtx-3090", None, 2, None, None)),
        ("using 72GB of vram on 3 x ASUS ROG Strix RTX 3090", ("rtx-3090", None, 3, 24.0, None)),
        ("8GB on EVGA RTX 4070", ("rtx-4070", None, None, 8.0, None)),
        ("working on single ASUS ROG Strix RTX 3090 Ti", ("rtx-3090-ti", None, 1, None, None)),
        ("2x Sapphire Pulse RX 7900 XTX", ("rx-7900-xtx", None, 2, None, None)),
        ("two Gigabyte Aorus 4090s and 128GB RAM", ("rtx-4090", None, 2, None, 128.0)),
        # a count in parentheses after a plural the name took ("Tis", "Pros")
        ("Nvidia RTX 2080 Tis (4), (11 GB each)", ("rtx-2080-ti", None, 4, 11.0, None)),
        ("which version for RTX 6000 Pros (2)", ("rtx-pro-6000-blackwell", None, 2, None, None)),
        ("RTX 3090s (2)", ("rtx-3090", None, 2, None, None)),
        # a count glued to the suffix
        ("running airoboros 33b on Nvidia RTX 2080Tix4", ("rtx-2080-ti", None, 4, None, None)),
        ("RTX 5060 Tix3 16GB", ("rtx-5060-ti-16gb", None, 3, 16.0, None)),
        ("4070 SUPERx2", ("rtx-4070-super", None, 2, None, None)),
        # "XTX2" is no "XT" times two
        ("7900 XTXx2", ("rx-7900-xtx", None, 2, None, None)),
        # a list's bullet before the next item's count is no count of RAM sticks
        ("* 128GB DDR4 * 4× RTX 3090 * 10GbE NIC", ("rtx-3090", None, 4, None, 128.0)),
        ("16G 2666 RAM*4 and a 3090", ("rtx-3090", None, None, None, 64.0)),
    ],
)
def test_hardware_and_count_rewrites_read(text, want):
    assert reading(parse(text)) == want


def test_parser39_rewrites_apply():
    text = "I have 2x RTX 3090 24GB, a Ryzen 9 7950X and an M2 Max 96GB. Can I run qwen3 32b?"
    got = variants(text)
    assert got == variants(text)
    assert set(got) <= set(REWRITES)
    assert got["count: names (2)"].startswith("I have RTX 3090s (2) 24GB")
    assert got["cpu: 16-Core Processor"].count("AMD Ryzen 9 7950X 16-Core Processor") == 1
    assert "96GB M2 Max" in got["apple: 96GB M2 Max"]
    assert got["language: zh"].startswith("请问一下：")


@pytest.mark.parametrize(
    "text,want",
    [
        # a price paid for the device is no budget: the device stays the writer's, whatever the
        # language of the question after it
        ("RTX 3090 bought for $700. Will it run?", ("rtx-3090", None, None, None, None)),
        (
            "GPU: NVIDIA RTX 3090 FE (24GB GDDR6X)\n- GPU purchased used: $700. ¿Me funcionará?",
            ("rtx-3090", None, None, 24.0, None),
        ),
    ],
)
def test_price_paid_is_no_budget(text, want):
    assert reading(parse(text)) == want


def test_budget_with_options_stays_shopping():
    q = parse("2500 usd, mac? strix halo? used 3090s?")
    assert q.intent == "best_hw" and q.hardware is None
