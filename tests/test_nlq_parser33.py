"""parser33: the second card of a rig listed one a line, numbered with its device in parentheses,
or after a head that names the cards with a colon; one amount said of both cards; a card's memory
times its count."""

from fitengine.nlq import parse


def _rig(q):
    return sorted((d.id, d.gpus or 1, d.vram_gb) for d in (q.setup or []))


def test_bulleted_cards_with_their_memory():
    q = parse(
        "### My Hardware\n\n- AMD RX 9070 XT 16GB\n- NVIDIA RTX 3060 Ti 8GB\n- 32GB System RAM"
    )
    assert _rig(q) == [("rtx-3060-ti", 1, 8.0), ("rx-9070-xt", 1, 16.0)]
    assert q.ram_gb == 32


def test_cards_on_labelled_lines():
    q = parse("New NVIDIA and AMD drivers\nGPU - Radeon 6900xt\nGPU - GTX 1080ti")
    assert _rig(q) == [("gtx-1080-ti", 1, None), ("rx-6900-xt", 1, None)]


def test_slots_with_a_few_words_after_the_memory():
    q = parse(
        "two discrete GPUs:\nBottom slot: NVIDIA RTX 3090 (24 GB GDDR6X) — the workhorse\n"
        "Top slot: Intel Arc Pro B70 (16 GB GDDR6) — the wildcard"
    )
    assert _rig(q) == [("arc-pro-b70", 1, 16.0), ("rtx-3090", 1, 24.0)]


def test_a_table_of_figures_is_no_rig():
    q = parse("RTX 3090: 25 t/s\nRTX 4090: 40 t/s")
    assert not q.setup


def test_numbered_devices_in_parentheses():
    q = parse("GPU 0 (RTX 5090,    sm_120):  74 W\nGPU 1 (RTX 3090 Ti, sm_86 ): 151 W")
    assert _rig(q) == [("rtx-3090-ti", 1, None), ("rtx-5090", 1, None)]
    q = parse(
        "the load to device 1 (A6000) the script tries to allocate a buffer to device 0 (4080)"
    )
    assert _rig(q) == [("rtx-4080", 1, None), ("rtx-a6000", 1, None)]


def test_cards_listed_after_a_devices_head():
    q = parse(
        "Detected different devices in the system: NVIDIA GeForce RTX 4080 SUPER, NVIDIA GeForce "
        "RTX 3060. Please make sure to set `CUDA_DEVICE_ORDER=PCI_BUS_ID`"
    )
    assert _rig(q) == [("rtx-3060", 1, None), ("rtx-4080-super", 1, None)]


def test_a_devices_head_offering_alternatives_is_no_rig():
    q = parse("Which of my devices should I use: RTX 4080 SUPER, or RTX 3060?")
    assert not q.setup


def test_one_amount_said_of_both_cards():
    q = parse("I have a RTX 3060 and RTX 4070 in my system, both 12GB.")
    assert _rig(q) == [("rtx-3060", 1, 12.0), ("rtx-4070", 1, 12.0)]


def test_an_amount_no_card_is_sold_with_stays_off_it():
    q = parse("I run a 3060 and a 3090, each with 12 GB")
    assert ("rtx-3090", 1, None) in _rig(q)


def test_card_times_its_memory_times_its_count():
    q = parse("x99 e5主板 2tssd 1t虚拟成内存。3060*12g*2 不知道这样可以不？")
    assert q.hardware.id == "rtx-3060" and q.gpus == 2 and q.vram_gb == 12


def test_one_amount_of_both_after_the_cards_named_again():
    q = parse(
        "Out of memory error running 2GPU RTX 3060 and RTX 4070 ... I have a RTX 3060 and RTX 4070"
        " in my system, both 12GB."
    )
    assert _rig(q) == [("rtx-3060", 1, 12.0), ("rtx-4070", 1, 12.0)]
