"""Meaning-preserving rewrites keep the parser's hardware reading (issue 9; bench/nlq_variants.py
measures the same on the real set's development texts): case, markup, count forms, memory units,
greetings. A small hypothesis sample of built questions, and the kinds parser32 fixed."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.nlq_variants import REWRITES, reading, variants
from fitengine.nlq import parse

CARDS = [
    ("RTX 3090", "rtx-3090"),
    ("RTX 4090", "rtx-4090"),
    ("RTX 3060", "rtx-3060"),
    ("RX 7900 XTX", "rx-7900-xtx"),
    ("Tesla P40", "p40"),
]
COUNT_FORMS = [
    "{n}x {c}",
    "{n}x{c}",
    "{n} x {c}",
    "{c} x{n}",
    "{w} {c}s",
    "{n}x **{c}**",
    "{n}x `{c}`",
]
WORDS = {2: "two", 3: "three", 4: "four"}
RAM_FORMS = ["{g}GB RAM", "{g} GB of RAM", "{g}gb ram", "{g} gigs of ram", "{g}G RAM"]
CASES = [str, str.lower, str.upper]
LEADS = ["", "Hi all, ", "Hey everyone! "]
TAILS = ["", " Thanks in advance!", " (sorry for my english)"]


@settings(max_examples=40, deadline=None, derandomize=True)
@given(
    card=st.sampled_from(CARDS),
    n=st.sampled_from([2, 3, 4]),
    form=st.sampled_from(COUNT_FORMS),
    ram=st.sampled_from([32, 64, 128]),
    ram_form=st.sampled_from(RAM_FORMS),
    case=st.sampled_from(CASES),
    lead=st.sampled_from(LEADS),
    tail=st.sampled_from(TAILS),
)
def test_counted_card_and_ram_read_in_any_wording(card, n, form, ram, ram_form, case, lead, tail):
    name, hw_id = card
    rig = form.format(n=n, w=WORDS[n], c=name)
    text = case(f"{lead}I have {rig} and {ram_form.format(g=ram)}, can I run qwen3 32b?{tail}")
    q = parse(text)
    assert q.hardware is not None and q.hardware.id == hw_id, text
    assert q.gpus == n, text
    assert q.ram_gb == ram, text


@pytest.mark.parametrize(
    "text,want",
    [
        # an upper-case "X" glued to a count (a title in capitals)
        ("4XARC 770 ON W5-3423 SLOW PERFORMANCE", ("arc-a770-16gb", None, 4, None, None)),
        ("HELP NEEDED: SLOW INFERENCE ON 2XH100X8 SETUP", ("h100-sxm", None, 16, None, None)),
        # a title's "To" is the English word, not French terabytes; French "2 To de RAM" still is
        ("From 4 To 2 3090s And I See", ("rtx-3090", None, 2, None, None)),
        ("Hermes 3 To Avoid Filling My 3090", ("rtx-3090", None, None, None, None)),
        ("J'ai 2 To de RAM et une 4090", ("rtx-4090", None, None, None, 2048.0)),
        # markdown bold and code marks around a counted card or its memory
        ("on 4x **GTX 1060** at 7 t/s", ("gtx-1060-6gb", None, 4, None, None)),
        ("on dual `RTX 3090` setup", ("rtx-3090", None, 2, None, None)),
        ("GPU: **RTX A5000** `24GB`, RAM: 64GB", ("rtx-a5000", None, None, 24.0, 64.0)),
        # the card's name in parentheses after its count
        ("3x (RTX 5060 Ti) — Qwen3 32B Q8_0", ("rtx-5060-ti-16gb", None, 3, None, None)),
        # "gigs" is a memory unit, not the plural of something counted after the device
        ("Each H20 has 96 gigs memory so 8 of them", ("h20", None, 8, 96.0, None)),
        # the maker's words between a memory said before a card and its name
        ("8GB on NVIDIA GeForce RTX 4070", ("rtx-4070", None, None, 8.0, None)),
        ("work on 12G-NVIDIA GeForce RTX2080Ti ?", ("rtx-2080-ti", None, None, 12.0, None)),
        # a laptop word after the memory in any unit
        ("RTX 3050 4 GiB Laptop GPU", ("rtx-3050-laptop", None, None, 4.0, None)),
        ("RTX 3050 4 gigs laptop", ("rtx-3050-laptop", None, None, 4.0, None)),
        # "binned" before the maker's word and the chip
        ("Binned Apple M4 Pro/48GB owner here", ("m4-pro-16c", None, None, 48.0, None)),
        # Windows line ends
        (
            "My laptop spec ryzen 9\r\nGpu rx6800M\r\nRam 16 \r\nSsd 1tb",
            ("rx-6800m", None, None, None, 16.0),
        ),
    ],
)
def test_rewritten_kinds_read(text, want):
    assert reading(parse(text)) == want


def test_variants_are_deterministic_and_keep_the_text_apart():
    text = "I have 2x RTX 3090 and 64GB RAM. Can I run qwen3 32b?"
    a, b = variants(text), variants(text)
    assert a == b and a
    assert all(v != text for v in a.values())
    assert set(a) <= set(REWRITES)
    assert a["count: name x2"] == "I have RTX 3090 x2 and 64GB RAM. Can I run qwen3 32b?"
    assert a["memory: 24576 MiB"] == "I have 2x RTX 3090 and 65536 MiB RAM. Can I run qwen3 32b?"
