"""A budget in a "what hardware" question caps the setups by launch price."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fitengine.answers import ask
from fitengine.nlq import parse


@pytest.mark.parametrize(
    ("text", "budget"),
    [
        ("best gpu under $500 for qwen3.6 35b a3b?", 500),
        ("best setup for gpt-oss-120b on a $2000 budget?", 2000),
        ("I have about $1000 to spend on a gpu, what should I buy to run qwen3.6 27b?", 1000),
        ("what gpu under 800 dollars for gemma 4 31b", 800),
        ("what gpu for gemma 4 31b with a $2k budget", 2000),
        ("what gpu for qwen3.6 27b, 1,500€ max", 1500),
        ("what gpu do I need for qwen3.6 27b", None),
    ],
)
def test_the_budget_named_in_a_hardware_question(text, budget):
    assert parse(text).budget_usd == budget


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=100, max_value=99_999), st.sampled_from(["${:,}", "${}", "{} usd"]))
def test_any_written_amount_is_read_as_that_many_dollars(amount, form):
    q = parse(f"what gpu should I buy for qwen3.6 27b under {form.format(amount)}")
    assert q.intent == "best_hw_for_model" and q.budget_usd == amount


def test_every_setup_offered_costs_at_most_the_budget():
    """Launch prices: a single card or a card + RAM within $500, nothing unpriced."""
    from fitengine.catalog import default_catalog

    cat = default_catalog()
    a = ask("best gpu under $500 for qwen3.6 35b a3b?", cat)
    assert a.reports and "within $500" in a.message
    for r in a.reports:
        price = cat.hardware[r.hardware.id].price_for(None)
        assert price is not None and price * r.hardware.count <= 500


def test_a_window_said_with_up_to_is_no_budget():
    # "up to 120K" after a context: the window wanted, not $120,000 for the hardware
    q = parse(
        "My understanding is that qwen3 support 32K context but that can be increased up to 120K"
        " with YaRN; is this the case in Ollama?"
    )
    assert q.context == 120000 and q.budget_usd is None
    assert parse("best gpu under 2k for qwen3 32b").budget_usd == 2000
