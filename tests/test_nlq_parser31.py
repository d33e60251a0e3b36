"""parser31: a count after the card at the end of a sentence, and a quant spelled with an
underscore after the Q."""

from fitengine.nlq import parse


def test_count_after_card_before_a_full_stop():
    q = parse("For optimal performance you really need 3090x4.")
    assert q.hardware is not None and q.hardware.id == "rtx-3090"
    assert q.gpus == 4


def test_count_after_card_keeps_a_decimal_out():
    q = parse("2x3090. x4.5")
    assert q.gpus == 2


def test_quant_with_underscore_after_q():
    q = parse("llama 3 8b Q_4_K_M on my 3090")
    assert q.quant == "Q4_K_M"
