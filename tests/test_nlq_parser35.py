"""parser35: GPU counts said by a split of the model over the cards, by machines times cards, glued
to the card's name, after "used" or "N way", with a Chinese measure word before the card's memory;
counts that are not of cards (machines with GPUs, memory sticks said with their speed)."""

import pytest

from fitengine.nlq import parse


@pytest.mark.parametrize(
    ("text", "gpus"),
    [
        # llama.cpp's tensor split: one share per GPU, a zero share a device left out
        ("./main -ngl 33 -ts 1,0,0,0", 4),
        ("./main -ngl 43 -ts 7,12,12,12 -m llama-2-13b-chat.Q4_K_M.gguf", 4),
        ("llama-server -m model.gguf -ngl 99 -sm layer -ts 1,1 -fa on", 2),
        ("--tensor-split 3,1 on my 3090s", 2),
        ("LlamaCpp(model_path=x, tensor_split=[0.1, 0.3, 0.3, 0.3])", 4),
        ("split a 70B model over two cards with auto_map=[17.5, 22]", 2),
        # one share is no split
        ("llama-server -ts 1 -m model.gguf", None),
    ],
)
def test_a_split_over_the_cards_counts_them(text, gpus):
    assert parse(text).gpus == gpus


@pytest.mark.parametrize(
    ("text", "gpus"),
    [
        ("should also run on 2*8*H100", 16),
        ("deploy it on 2 x 8 x A100", 16),
        ("Would 2H100 in a cluster be enough?", 2),
        ("I used 8 3090 and it is also out of memory", 8),
        ("You could totally setup a 4 way 3090 setup.", 4),
        ("4个80G A100显卡可以进行推理和微调嘛", 4),
        ("我有2张24G 3090显卡", 2),
    ],
)
def test_counts_of_the_card_in_more_forms(text, gpus):
    assert parse(text).gpus == gpus


def test_a_count_of_machines_with_gpus_is_no_count_of_cards():
    q = parse("I have only H100, so I need to deploy it with two gpu servers")
    assert q.hardware is not None and q.gpus is None
    assert parse("on 2 GPU nodes").gpus is None
    assert parse("an 8-GPU server with H100").gpus == 8  # one server of eight


@pytest.mark.parametrize(
    "text",
    [
        "- Memory config: 8 of 8 slot(s) populated — 8× 64 GB @ 3200 MT/s",
        "RTX 3090, 4x 32GB 6000MHz",
    ],
)
def test_memory_sticks_with_their_speed_are_system_ram(text):
    q = parse(text)
    assert q.vram_gb is None and q.gpus in (None, 1)
    assert q.ram_gb in (128, 512)


@pytest.mark.parametrize(
    ("text", "gpus"),
    [
        (
            "When running this code on a single 3090, an OOM error occurs. My computer has two "
            "3090 GPUs. How should I modify the code to run it using both GPUs?",
            2,
        ),
        ("一张4090 单卡部署qwen2-7b模型占用了20g显存，而用两张4090卡，每张都会各占20g", 2),
        # a single card against two is a comparison, not the machine's count
        ("single 4090 vs dual 4090 for llama 70b", 1),
    ],
)
def test_a_single_card_tried_then_the_machines_cards(text, gpus):
    assert parse(text).gpus == gpus
