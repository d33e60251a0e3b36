"""Classes of real phrasing the parser reads (issue 9): each test pins one class found on the
development part of the real set, with the text people wrote and variants of it."""

from __future__ import annotations

import pytest

from fitengine.nlq import parse

# --------------------------------------------------------------------------- processors


@pytest.mark.parametrize(
    "text",
    [
        "painfully slow on Intel Core i3 ... my laptop has 12 GB of memory",
        "my i5 with 16gb ram",
        "电脑配置：13代i5 + 16GB",
        "core i7 and 16gb ram, no gpu",
    ],
)
def test_a_cpu_tier_without_its_number_is_its_kind_of_system(text, cat):
    q = parse(text)
    hw = cat.hardware[q.hardware.id]
    assert hw.kind == "cpu" and hw.vendor == "other" and q.cpu_only
    assert any("newest" in a for a in q.assumed)


def test_a_cpu_tier_with_ddr_stated_takes_that_generation():
    assert parse("an i7 with ddr4 32gb").hardware.id == "cpu-ddr4-2ch"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("My ancient Xeon x3480 CPU and 32GB 1333MHz RAM, my processor lacks AVX", "xeon x3480"),
        ("Works fine on my 3400G.", "3400G"),
    ],
)
def test_a_processor_number_nothing_knows_is_unknown_not_its_family(text, said):
    q = parse(text)
    assert q.hardware is None
    assert any(u.kind == "hardware" and u.reason == "unknown" and u.text == said for u in q.unsure)


def test_a_catalogued_apu_number_still_names_it_and_an_unknown_one_beside_a_gpu_is_the_host():
    assert parse("Works fine on my 5600G.").hardware.id == "radeon-vega-7"
    q = parse("a 4090 and a 3400g, what can I run?")
    assert q.hardware.id == "rtx-4090" and not q.unsure
