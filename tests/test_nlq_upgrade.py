"""Upgrade questions: the machine had and each option of adding to it, read as whole machines and
answered side by side ("I have a 3090: add a 5060 Ti or a 5090?")."""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from fitengine.answers import ask
from fitengine.nlq import parse


def cards(rig) -> dict[str, int]:
    return {s.id: s.gpus or 1 for s in rig.setup}


def test_each_added_card_makes_a_machine_with_the_card_had():
    q = parse("I have a 3090: should I add a 5060 Ti or a 5090?")
    assert q.intent == "compare"
    assert cards(q.owned) == {"rtx-3090": 1}
    assert [cards(o) for o in q.options] == [
        {"rtx-3090": 1, "rtx-5060-ti-16gb": 1},
        {"rtx-3090": 1, "rtx-5090": 1},
    ]


def test_a_second_card_of_the_kind_had_is_two_of_them_and_more_ram_adds_to_the_ram_had():
    q = parse(
        "I have a 4070 12GB and 32GB RAM, is it worth adding a second 4070 or buying 64GB more RAM?"
    )
    assert cards(q.owned) == {"rtx-4070": 1} and q.owned.ram_gb == 32
    second, ram = q.options
    assert cards(second) == {"rtx-4070": 2} and second.ram_gb == 32
    assert cards(ram) == {"rtx-4070": 1} and ram.ram_gb == 96
    assert ram.change == "+ 64 GB RAM"


def test_ram_said_as_a_total_replaces_the_ram_had():
    q = parse("my 3060 12gb with 64gb ram, thinking of adding a 3090 or upgrading ram to 128gb")
    assert q.owned.ram_gb == 64
    assert [o.ram_gb for o in q.options] == [64, 128]
    assert q.options[1].change == "RAM to 128 GB"


def test_more_ram_with_the_ram_had_unsaid_assumes_it_and_says_so():
    q = parse("I have a 3090. is it worth adding 64gb more ram for qwen3.5 122b?")
    assert q.owned.ram_gb == 32 and q.options[0].ram_gb == 96
    assert any("not said" in a for a in q.assumed)


def test_a_card_said_as_mine_is_had_wherever_it_is_named():
    q = parse("is it worth adding a 3060 to my 3090 for qwen3.6 27b?")
    assert cards(q.owned) == {"rtx-3090": 1}
    assert [cards(o) for o in q.options] == [{"rtx-3090": 1, "rtx-3060": 1}]


def test_a_count_of_the_card_had_is_the_count_in_all_unless_more_is_said():
    q = parse("can I mix my 3090 with a 5060 TI 16Gb or do I absolutely need two 3090s?")
    assert cards(q.options[1]) == {"rtx-3090": 2}
    q = parse("I have 2x 3090. add two more 3090s or a 5090?")
    assert cards(q.owned) == {"rtx-3090": 2}
    assert [cards(o) for o in q.options] == [{"rtx-3090": 4}, {"rtx-3090": 2, "rtx-5090": 1}]


def test_two_whole_builds_are_not_an_upgrade():
    for text in ("which is better for 70B: 2x 3090 or one 5090?", "3090 vs 4090 for qwen3 32b"):
        q = parse(text)
        assert q.owned is None and q.options == []


def test_a_report_of_a_card_added_is_not_an_upgrade_question():
    q = parse("I added a second 3090 and now my 3090 is slower, why?")
    assert q.owned is None and q.options == []


def test_one_option_is_an_upgrade_question_only_when_its_worth_is_asked():
    assert parse("is it worth adding a second 4090 to my 4090 for qwen3.6 27b?").options
    assert not parse("running my 4090 alongside a 3090 with qwen3.6 27b").options


# --------------------------------------------------------------------------- answers


def test_the_answer_has_the_machine_had_then_each_option_and_picks_one():
    a = ask("I have a 3090, would a second 3090 or a 4090 be better for llama 3.3 70b?")
    assert a.intent == "compare" and len(a.reports) == 3
    now, second, other = a.reports
    assert now.hardware.count == 1 and now.hardware.id == "rtx-3090"
    assert second.hardware.count == 2
    assert {p.id for p in other.hardware.parts} == {"rtx-3090", "rtx-4090"}
    # the 70B (~43 GB at Q4_K_M) needs both cards: both options hold it, the used 3090 is cheaper
    assert all(r.fit != "wont_fit" for r in (second, other))
    assert "Pick + NVIDIA GeForce RTX 3090" in a.message and "$" in a.message


def test_a_model_the_machine_had_runs_at_a_low_quant_makes_the_better_quant_the_reason():
    a = ask("I have a 3090 and 32gb of ram. is it worth adding 96gb more ram for qwen3.5 122b?")
    now, more = a.reports
    assert more.hardware.ram_gb == 128
    assert "Pick + 96 GB RAM" in a.message and f"instead of {now.quant}" in a.message


def test_an_option_that_buys_nothing_for_the_model_is_not_picked():
    a = ask(
        "My computer is equipped with gtx1080ti. would it be better to add a 1060 3gb or a"
        " 1050ti 4gb for qwen3.5 9b?"
    )
    assert len(a.reports) == 3 and "Pick" not in a.message
    assert "already runs" in a.message


def test_without_a_model_each_machine_lists_the_best_it_runs():
    a = ask(
        "I have a 4070 12GB and 32GB RAM, is it worth adding a second 4070 or buying 64GB more RAM?"
    )
    assert a.intent == "compare" and a.message.startswith("No model named")
    machines = {(r.hardware.count, r.hardware.ram_gb) for r in a.reports}
    assert machines == {(1, 32), (2, 32), (1, 96)}
    assert "Pick" in a.message


# --------------------------------------------------------------------------- free text

TEXT = st.text(alphabet=string.ascii_letters + string.digits + " .,?:+-", max_size=60)
CARDS = st.sampled_from(["3090", "4090", "5090", "3060 12gb", "4070", "5060 ti", "p40", "a6000"])


@settings(max_examples=150, deadline=None)
@given(before=TEXT, had=CARDS, a=CARDS, b=CARDS, after=TEXT)
def test_any_upgrade_question_keeps_the_machine_had_in_every_option(before, had, a, b, after):
    q = parse(f"{before} I have a {had}. should I add a {a} or a {b}? {after}")
    if q.owned is None:
        return  # the free text around it may make it something else; never a crash
    owned = cards(q.owned)
    assert owned and q.options
    for o in q.options:
        got = cards(o)
        if o.change.endswith("instead"):
            continue  # the free text said to sell the card had: a machine of its own
        assert all(got.get(i, 0) >= n for i, n in owned.items())
        assert sum(got.values()) > sum(owned.values()) or o.ram_gb != q.owned.ram_gb


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=120))
def test_parse_never_fails_on_upgrade_words_in_noise(text):
    q = parse(f"add {text} or another {text} to my 3090 worth it")
    # every machine compared has a card, and an upgrade's options keep the card had
    assert all(o.setup for o in q.options)
    if q.owned is not None:
        assert all(
            any(s.id == "rtx-3090" for s in o.setup) or "instead" in o.change for o in q.options
        )


def test_a_card_to_sell_for_is_a_machine_of_its_own():
    q = parse("I have a 3060 12gb. should I sell it and get a 3090, or add a second 3060?")
    assert cards(q.owned) == {"rtx-3060": 1}
    replace, add = q.options
    assert cards(replace) == {"rtx-3090": 1} and replace.change.endswith("instead")
    assert cards(add) == {"rtx-3060": 2}


def test_whole_builds_of_mixed_cards_are_compared_as_builds():
    q = parse("3090 + 3060 build or a single 5090 for llama 3.3 70b?")
    assert q.owned is None
    assert [cards(o) for o in q.options] == [{"rtx-3090": 1, "rtx-3060": 1}, {"rtx-5090": 1}]
    a = ask("3090 + 3060 build or a single 5090 for llama 3.3 70b?")
    assert len(a.reports) == 2 and "each build" in a.message and "Pick" in a.message
    assert {p.id for p in a.reports[0].hardware.parts} == {"rtx-3090", "rtx-3060"}


def test_one_more_of_the_one_card_named_is_worth_it_against_one_fewer():
    # no card said as had: "a second 3090" is one had and one more
    q = parse("Is it worth buying a second 3090 for 70b models?")
    assert q.intent == "compare" and cards(q.owned) == {"rtx-3090": 1}
    assert [cards(o) for o in q.options] == [{"rtx-3090": 2}]
    # without asking whether it is worth it, the question is the two cards' fit
    q = parse("if I add a second 3060 can I run qwen3 32b?")
    assert q.options == [] and q.gpus == 2


def test_an_upgrade_asked_for_a_size_lists_models_of_that_size_on_each_machine():
    a = ask("I have a 3090, is it worth adding a second 3090 for 70b models?")
    assert a.intent == "compare" and a.message.startswith("70B-class models on your machine")
    listed = [r for r in a.reports if r.hardware.count == 2]
    assert listed and all(55 <= r.model.params_b <= 90 for r in listed)
