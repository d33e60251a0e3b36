"""A size said as a bound ("over 100b", "under 10b", "70b+", "sub-8b") asks for models at least
or at most that big, not of about that size; "best 8b model" with no machine asks for models."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fitengine.advise import size_range
from fitengine.answers import ask
from fitengine.nlq import parse


@pytest.mark.parametrize(
    ("text", "size", "bound"),
    [
        ("best model over 100B parameters I can run on 2x 3090 with 128gb ram", 100, "at_least"),
        ("any good 70b+ models for 2x 4090?", 70, "at_least"),
        ("at least 30b, what runs on my 5090", 30, "at_least"),
        ("best model under 10b for my 3060", 10, "at_most"),
        ("best sub-8b model for coding", 8, "at_most"),
        ("what are the best 14b or smaller models for a 4060", 14, "at_most"),
        ("a 14b model on my 3090", 14, None),
    ],
)
def test_a_size_said_with_a_bound_word_is_a_bound(text, size, bound):
    q = parse(text)
    assert (q.model_size_b, q.model_size_bound) == (size, bound)


def test_a_list_on_a_machine_keeps_to_the_bound(cat):
    a = ask("best model over 100B parameters I can run on 2x 3090 with 128gb ram", cat)
    assert a.intent == "best_model_for_hw" and a.reports
    assert all(r.model.params_b >= 95 for r in a.reports)
    assert "(models of 100B and up)" in a.message
    a = ask("best model under 10b for my 3060", cat)
    assert a.reports and all(r.model.params_b <= 10.5 for r in a.reports)
    top = cat.models[a.reports[0].model.id]
    assert top.released >= "2025"  # today's models first, not Gemma 2 9B


def test_a_size_with_a_choice_word_and_no_machine_lists_models_not_hardware(cat):
    a = ask("best 8b model for coding", cat)
    assert a.intent == "best_model_for_hw" and "Tell me your GPU" in a.message
    # the machine asked for stays a hardware question
    assert parse("what gpu do i need for a 70b model").intent == "best_hw_for_model"
    assert parse("best gpu for 70b models").intent == "best_hw_for_model"


def test_a_class_on_a_machine_is_ordered_by_what_each_is_worth_there_not_speed(cat):
    a = ask("a 14b model on my 3090", cat)
    assert a.reports[0].model.id == "qwen3-14b"


@settings(max_examples=60, deadline=None)
@given(
    size=st.integers(min_value=1, max_value=999),
    word=st.sampled_from(["over", "under", "above", "below", "up to", "at least"]),
)
def test_any_bound_word_and_size_reads_as_that_bound(size, word):
    q = parse(f"best model {word} {size}b for my 3090")
    want = "at_least" if word in ("over", "above", "at least") else "at_most"
    assert (q.model_size_b, q.model_size_bound) == (size, want)
    lo, hi = size_range(size, want)
    assert lo <= size <= hi


def test_a_size_asked_lists_todays_models_of_it_not_a_familys_older_release():
    """ "A 14B model": Qwen3 14B, not also Qwen2.5 14B and Qwen2.5-Coder 14B beside it; a newer
    release in the next size class up (a 27B) does not retire the 14B."""
    from fitengine.advise import models_of_size
    from fitengine.catalog import default_catalog

    ids = [m.id for m in models_of_size(14, default_catalog(), limit=10, task="overall")]
    assert "qwen3-14b" in ids
    assert "qwen2.5-14b" not in ids and "qwen2.5-coder-14b" not in ids


def test_a_size_class_on_a_machine_means_todays_models_around_it(cat):
    """ "What 100B models are interesting" on a 192 GB M2 Ultra: the window of 100B holds only
    2024-25 models (Command R+, GLM-4.5-Air, Llama 4 Scout); the class means today's models around
    it, the 120B-class MoEs, first. What hardware a 70B needs keeps to 70B models."""
    from fitengine.advise import CURRENT_MONTHS, _months_before_newest

    a = ask(
        "My 192GB M2 Ultra should arrive soon. Let me know what 100B models are interesting", cat
    )
    assert a.intent == "best_model_for_hw" and a.reports
    top = cat.models[a.reports[0].model.id]
    assert top.params_b >= 100 and _months_before_newest(top, cat) <= CURRENT_MONTHS
    a = ask("what gpu setup for 70b models?", cat)
    assert a.reports and 65 <= cat.models[a.reports[0].model.id].params_b <= 75
