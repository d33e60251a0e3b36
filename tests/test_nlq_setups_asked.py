"""A card named beside a question about which setup to get is not the setup asked about."""

from __future__ import annotations

from fitengine.answers import ask
from fitengine.nlq import parse


def test_the_card_to_upgrade_from_is_not_the_answer():
    q = parse("I have a 3060 12gb, what gpu should I upgrade to for qwen3.6 27b?")
    assert q.intent == "best_hw_for_model" and q.hardware is None and q.model.id == "qwen3.6-27b"


def test_a_card_named_as_the_upgrade_target_is_still_a_fit_question():
    q = parse("I want to upgrade to a 3090, can it run qwen3.6 27b?")
    assert q.intent == "fit" and q.hardware.id == "rtx-3090"


def test_do_i_need_a_second_card_asks_how_many():
    """Gemma 4 31B at Q4_K_M fits one 24 GB card: one is enough."""
    q = parse("do I need a second 3090 for gemma 4 31b or is one enough?")
    assert q.intent == "best_hw_for_model" and q.hardware.id == "rtx-3090" and q.gpus is None
    a = ask("do I need a second 3090 for gemma 4 31b or is one enough?")
    assert a.reports and a.reports[0].hardware.count == 1
