"""Round advice45: the kinds of mistake its blind questions showed (bench/advice_questions.yaml's
a45 part: best model for a setup, several GPUs, comparisons; expected answers written before
canirun was run on them)."""

from __future__ import annotations

from fitengine.answers import ask
from fitengine.nlq import parse


def test_a_quant_named_with_its_size_in_bits_is_one_quant_and_it_is_run():
    # "IQ1_S 1.58bit" names one file, not two quants offered side by side: the answer runs it
    # (all on the two cards), not the quant the engine would have chosen instead
    q = parse("How to run DeepSeek-R1 IQ1_S 1.58bit on 2x H100 80GB?")
    assert q.quants == ["IQ1_S"] and q.quant == "IQ1_S"
    r = ask("How to run DeepSeek-R1 IQ1_S 1.58bit on 2x H100 80GB?").reports[0]
    assert r.quant == "IQ1_S" and r.placement.kind == "multi_gpu"


def test_two_quants_offered_side_by_side_stay_two():
    q = parse("deepseek r1 on 2x h100: iq1_s or 2.5bit?")
    assert len(q.quants) == 2


def test_cards_named_apart_that_add_up_to_the_gpus_said_are_one_rig():
    # "my 2 RTX 3090 ... 3 GPUs (CUDA2 is a RTX A4000)": the third card is in the same machine
    q = parse(
        "I fit a maximum amount of layers in my 2 RTX 3090. I have worse performance with"
        " 3 GPUs (CUDA2 is a RTX A4000). 192GB DDR5."
    )
    rig = {s.id: s.gpus or 1 for s in q.setup}
    assert rig == {"rtx-3090": 2, "rtx-a4000": 1}


def test_a_card_merely_mentioned_is_still_left_out_when_the_counts_do_not_add_up():
    q = parse("I have 2 RTX 3090 on 2 GPUs. My friend has an RTX A4000.")
    assert not q.setup and q.hardware.id == "rtx-3090"


def test_cards_said_as_already_had_join_the_card_got():
    # "I just ordered a W7900 ... I already have 2x A6000 and 1x 4070Ti Super": one machine of
    # all of them, the new card added to those had
    q = parse(
        "I just ordered dual slot W7900 card with 48GB of VRAM because it seemed like a good deal."
        "\n\nNow I'm wondering what should I do with it because I already have 2x A6000 and 1x"
        " AI TOP 4070Ti Super.\n\nAny ideas?"
    )
    rig = {s.id: s.gpus or 1 for s in q.setup}
    assert rig == {"radeon-pro-w7900": 1, "rtx-a6000": 2, "rtx-4070-ti-super": 1}
    q = parse("I just got a 3060. I already have a 3090.")
    assert {s.id for s in q.setup} == {"rtx-3060", "rtx-3090"}


def test_a_card_weighed_beside_the_one_already_had_is_not_added_to_it():
    q = parse("I already have a 3090, would a 5090 be worth it?")
    assert not q.setup and q.hardware.id == "rtx-3090"
