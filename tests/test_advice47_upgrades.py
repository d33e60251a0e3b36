"""Round advice47: the kinds of mistake its blind questions showed (bench/advice_questions.yaml's
a47 part: Macs, Strix Halo / DGX Spark, CPU only, laptops, upgrades; expected answers written
before canirun was run on them)."""

from __future__ import annotations

from fitengine.answers import ask
from fitengine.nlq import parse


def _rams(a) -> list[float | None]:
    return [r.hardware.ram_gb for r in a.reports]


def test_a_ram_size_going_to_a_larger_one_is_weighed_as_an_upgrade():
    # the RAM had and the size it would go to, the cards kept: the machine at each size
    for text, had, to in (
        (
            "so like for example, I can just upgrade my 16 GB ram to 64 GB ram and stay with my"
            " RTX 3050 to use this model at Q4 in a good enough speed?",
            16,
            64,
        ),
        ("I have a 3060 and 32gb ram, would upgrading to 64gb ram help?", 32, 64),
        # "64gb...96gb": two sizes, an ellipsis between them (no decimal point)
        ("I own 64gb...96gb upgrade worth?\n\n\nI also own 4070 ti super 16gb", 64, 96),
    ):
        q = parse(text)
        assert q.intent == "compare", text
        assert q.owned is not None and q.owned.ram_gb == had, text
        assert [o.ram_gb for o in q.options] == [to], text
        assert q.options[0].setup == q.owned.setup, text  # no card added
        a = ask(text)
        assert had in _rams(a) and to in _rams(a), text


def test_a_ram_upgrade_already_made_is_no_question_of_one():
    # the size had now is the later one; nothing is weighed
    q = parse("I did have 64GB of RAM which I just upgraded to 128GB. I run a 3090.")
    assert q.options == [] and q.ram_gb == 128


def test_one_more_card_said_as_needed_is_the_machine_with_it_against_the_one_had():
    text = (
        "The 70B should be around ~50GB. The GPU only works with the 24GB it loads into the"
        " VRAM. So you basically need another 4090."
    )
    a = ask(text)
    counts = {r.hardware.count for r in a.reports}
    assert a.intent == "compare" and counts == {1, 2}
    one = next(r for r in a.reports if r.hardware.count == 1)
    # nothing 70B-class runs well on one 4090: how the best of them runs there, not "nothing"
    assert one.fit != "runs_well" and one.decode_tok_s
    assert "only slowly" in a.message


def test_a_card_named_as_another_without_need_or_worth_stays_one_card():
    q = parse("I run another 4090 in my second box with llama 3.3 70b")
    assert q.options == []


def test_a_decode_speed_said_as_the_speed_of_a_model_is_a_run():
    # "the token generation speed of <model> is roughly 24 t/s": measured, so the machine holds
    # it: the M4 Pro is the 64 GB one, said as the memory assumed
    text = (
        "For example, in M4 Pro, the token generation speed of Qwen3 Next Q4_K_M unsloth variant"
        " is roughly 24 t/s using the latest llama.cpp code."
    )
    assert parse(text).reported_tok_s == 24
    r = ask(text).reports[0]
    assert r.fit != "wont_fit" and r.hardware.memory_gb == 64
    assert [x.value for x in r.assumed if x.what == "memory"] == ["64 GB"]


def test_an_upgrade_that_runs_the_same_best_model_slower_is_not_picked_for_its_speed():
    # 64 GB of RAM puts a better quant of the same model partly in RAM: slower, better; the
    # verdict names the quants, never a slower speed "instead of" a faster one as the reason
    a = ask(
        "so like for example, I can just upgrade my 16 GB ram to 64 GB ram and stay with my"
        " RTX 3050 to use this model at Q4 in a good enough speed?"
    )
    pick = a.message[a.message.index("Pick ") :]
    now, after = a.reports[0], next(r for r in a.reports if r.hardware.ram_gb == 64)
    assert now.model.id == after.model.id and after.decode_tok_s < now.decode_tok_s
    assert f"at {after.quant} instead of {now.quant}" in pick
    assert "tok/s instead of" not in pick


def test_a_ram_size_weighed_is_not_also_said_ignored():
    a = ask("I have a 3060 and 32gb ram, would upgrading to 64gb ram help?")
    assert "ignored" not in a.message
