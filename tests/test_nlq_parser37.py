"""parser37: a card's code with its memory glued on before a count ("A10080*8"); a number before a
thing counted in a document ("a 100 pages document") is no card's number; a " + " apart from both
names lists two cards ("2x RTX 3090 + RTX 3090 Ti"); "P2P" is a link between cards, not a card."""

import pytest

from fitengine.nlq import parse


def _rig(q):
    if q.setup:
        return sorted((d.id, d.gpus or 1, d.vram_gb) for d in q.setup)
    return [(q.hardware.id, q.gpus or 1, q.vram_gb)] if q.hardware else []


@pytest.mark.parametrize(
    "text, hw, gpus, vram",
    [
        ("how to deploy on an A10080*8 machine?", "a100-80gb-sxm", 8, 80),
        ("we have a H10080*4 server for qwen3 235b", "h100-sxm", 4, 80),
        ("training on A10040*2, is that enough?", "a100-40gb-sxm", 2, 40),
        ("deploy on an A100 80*8 machine", "a100-80gb-sxm", 8, 80),
        ("our box is H800-80x4", "h800-sxm", 4, 80),
    ],
)
def test_card_code_with_glued_memory_then_a_count(text, hw, gpus, vram):
    q = parse(text)
    assert q.hardware is not None and q.hardware.id == hw
    assert q.gpus == gpus and q.vram_gb == vram


def test_glued_number_no_card_is_sold_with_stays_as_said():
    q = parse("I got an RX 5808*2")  # a memory of one digit is not read glued to a code
    assert q.vram_gb is None


@pytest.mark.parametrize(
    "text",
    [
        "summarize a 100 pages document with llama 3 8b",
        "can qwen3 8b read a 100-page pdf",
        "I want to feed a 100 documents into a RAG with mistral 7b",
        "translate a 4090 words text with gemma 3 12b",
    ],
)
def test_a_number_before_counted_things_is_no_card(text):
    assert parse(text).hardware is None


def test_a_card_beside_counted_things_is_still_read():
    q = parse("I need to process a 100 page PDF on my 3090")
    assert q.hardware.id == "rtx-3090"
    assert not any(u.kind == "hardware" for u in q.unsure)


@pytest.mark.parametrize(
    "text, want",
    [
        (
            "Community A/B on 3x 24GB (2x RTX 3090 + RTX 3090 Ti), tensor-parallel.",
            [("rtx-3090", 2), ("rtx-3090-ti", 1)],
        ),
        ("RTX 3090 + RTX 3090 Ti", [("rtx-3090", 1), ("rtx-3090-ti", 1)]),
        ("2x RTX 4090 + RTX 4090 D", [("rtx-4090", 2), ("rtx-4090-d", 1)]),
        ("RTX 4060 Ti + RTX 4060", [("rtx-4060", 1), ("rtx-4060-ti-8gb", 1)]),
    ],
)
def test_plus_apart_from_both_names_lists_two_cards(text, want):
    assert [(i, n) for i, n, _ in _rig(parse(text))] == want


def test_plus_glued_to_a_name_is_the_names():
    assert parse("Ryzen AI Max+ 395 with 128GB").hardware.id == "radeon-8060s"


@pytest.mark.parametrize(
    "text, hw, gpus",
    [
        ("[bench] bare metal P2P 2x3090, vLLM nightly", "rtx-3090", 2),
        ("P2P 2x3090", "rtx-3090", 2),
        ("with p2p enabled 4x 4090s", "rtx-4090", 4),
    ],
)
def test_p2p_is_a_link_not_a_card(text, hw, gpus):
    q = parse(text)
    assert q.hardware.id == hw and q.gpus == gpus


@pytest.mark.parametrize(
    "text, hw",
    [
        ("|   2  NVIDIA GeForce RTX 4090        On  |   00000000:41:00.0 Off |", "rtx-4090"),
        ("  3  NVIDIA GeForce RTX 3090 Off | 00000000:01:00.0 Off | N/A |", "rtx-3090"),
        ("|   1  Tesla T4            Off  | 00000000:00:1E.0 Off |", "t4"),
    ],
)
def test_an_nvidia_smi_rows_index_is_no_count(text, hw):
    q = parse(text)
    assert q.hardware.id == hw and q.gpus is None


@pytest.mark.parametrize(
    "text, hw, gpus",
    [
        ("|   0  NVIDIA L4  On | 0000 |\n|   1  NVIDIA L4  On | 0000 |", "l4", 2),
        (
            "  0  Tesla T4   Off | 00000000:00:1E.0 Off |\n  1  Tesla T4   Off | 00000000:00:1F.0 Off |",
            "t4",
            2,
        ),
        ("I have 2  NVIDIA GeForce RTX 3090", "rtx-3090", 2),
        ("2 NVIDIA RTX 4090s for llama 70b", "rtx-4090", 2),
    ],
)
def test_nvidia_smi_rows_together_and_counts_in_prose_still_count(text, hw, gpus):
    q = parse(text)
    assert q.hardware.id == hw and q.gpus == gpus


@pytest.mark.parametrize(
    "text, hw, gpus, vram",
    [
        (
            "Qwen3.8-27B: Q5_K_M, (RTX 5060ti 16gb) x 2, total 32gb, 30t/s",
            "rtx-5060-ti-16gb",
            2,
            16,
        ),
        ("Verify Qwen3.8-27B on (RTX 5090) x2", "rtx-5090", 2, None),
        ("(RTX 3090)x2 for llama 70b", "rtx-3090", 2, None),
        ("performance on (RTX-4070ti) (16 GB), or entirely on iGPU/CPU?", "rtx-4070-ti", None, 16),
        ("performance on (RTX-4070ti) 16 GB?", "rtx-4070-ti", None, 16),
    ],
)
def test_a_name_in_parentheses_keeps_its_count_and_memory(text, hw, gpus, vram):
    q = parse(text)
    assert q.hardware.id == hw and q.gpus == gpus and q.vram_gb == vram


def test_a_name_in_parentheses_leaves_the_systems_ram():
    q = parse("(RTX 4090) 64GB RAM")
    assert q.hardware.id == "rtx-4090" and q.vram_gb is None and q.ram_gb == 64


@pytest.mark.parametrize(
    "text, hw, gpus",
    [
        ("Puget Systems Tests Four Blower-Style GeForce RTX 3090 Cards", "rtx-3090", 4),
        ("I run two water cooled 3090s", "rtx-3090", 2),
        ("3 blower style 4090s in one box", "rtx-4090", 3),
    ],
)
def test_a_cooler_between_count_and_card(text, hw, gpus):
    q = parse(text)
    assert q.hardware.id == hw and q.gpus == gpus
