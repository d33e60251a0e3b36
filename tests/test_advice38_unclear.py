"""Questions once read "unclear" that name enough to answer (advice38): a model on a card name a
few catalogued cards share is answered on each of them, the cards named, not only asked about."""

from __future__ import annotations

import pytest

from fitengine.answers import ask


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("can I run qwen3 32b on my rtx 6000?", "qwen3-32b"),
        ("llama 3.1 70b on 2x rtx 6000, how fast?", "llama-3.1-70b"),
    ],
)
def test_a_model_on_a_shared_card_name_is_answered_on_each_card(text, model):
    a = ask(text)
    assert a.intent == "compare"
    assert {r.model.id for r in a.reports} == {model}
    cards = [r.hardware.id for r in a.reports]
    assert len(cards) == len(set(cards)) >= 2
    assert a.message.startswith('"rtx 6000" is several cards')
    for r in a.reports:
        assert r.hardware.name in a.message
    assert "which one you have" in a.message


def test_the_count_said_is_kept_on_each_card():
    a = ask("llama 3.1 70b on 2x rtx 6000, how fast?")
    assert a.message.count("2× ") == len(a.reports)


def test_a_card_name_without_a_model_still_asks():
    a = ask("what can my rtx 6000 run?")
    assert a.intent == "unclear" or a.reports
    a = ask("is the rtx 6000 good?")
    assert "Traceback" not in a.message


def test_one_family_said_twice_in_two_spellings_is_answered_as_one():
    # https://github.com/deepbeepmeep/Wan2GP/issues/2228 (nlq_real): "Qwen3.8 ... Qwen 3.8"
    a = ask(
        "Should Qwen3.8 GGUF Q4 work with an RTX 5090? ... I get an OOM error when trying to load"
        " the recommended Q4 GGUF of Qwen 3.8."
    )
    assert a.intent == "compare"
    assert a.message.startswith('"Qwen3.8" is several models; on NVIDIA GeForce RTX 5090')
    assert {r.model.id for r in a.reports} == {"qwen3.8-27b", "qwen3.8-flash-next"}


def test_an_everyday_word_after_a_size_is_no_typo_of_a_model_name():
    # https://www.reddit.com/r/LocalLLaMA/comments/1lok3r2/news_datacenter_gpus_may_have_an_astonishingly/n0uyk9a/
    # "mule" is one letter from "Muse" (Muse Glimmer 30B): a word for the model, not its name
    text = (
        "How many tokens per second and what quant and context length? I have a P40 but it's in"
        " my closet. I'm considering pulling that out just for a Q3 30B A3B mule."
    )
    a = ask(text)
    assert not any(u.kind == "model" for u in a.query.unsure)
    assert a.intent != "unclear" and a.reports
    assert all(r.hardware.id == "p40" for r in a.reports)
