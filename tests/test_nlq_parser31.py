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


def test_ram_said_before_its_amount_in_parentheses():
    q = parse("I have very little RAM (4 GB), how can I disable CPU calculation?")
    assert q.ram_gb == 4 and q.vram_gb is None


def test_ram_replaced_now_amount():
    q = parse("Replaced ram, now 32 gigs")
    assert q.ram_gb == 32 and q.vram_gb is None


def test_sticks_counted_with_the_memory_type_between():
    q = parse("It also includes 4 x DDR4 8G memory sticks")
    assert q.ram_gb == 32 and q.gpus is None


def test_ram_per_socket_broken_down_then_totalled():
    q = parse("Each CPU has 384GB of RAM on it: 6 * 64GB. So 768GB total")
    assert q.ram_gb == 768 and q.gpus is None and q.vram_gb is None


def test_the_cards_the_writer_has_over_the_one_in_use():
    q = parse("why use one GPU \nI have four gpu device")
    assert q.gpus == 4


def test_card_named_as_machines_each_with_cards():
    q = parse("1.Four L40S machines, each with 8 GPUs。\n2.cuda 12.4。")
    assert q.hardware is not None and q.hardware.id == "l40s"
    assert q.gpus == 32
