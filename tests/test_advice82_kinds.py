"""Kinds of multi-GPU reading fixed in round advice82 (real questions: bench/advice_questions.yaml
a78-ctx-qwen3-32b-three-gpus-48gb-context-19000, a39-ctx-qwen2-72b-2x7900xtx-32k): a VRAM said for
several cards none of which is named, as their total ("4 GPUs and 64GB of VRAM total", "Those three
GPUs ... I have 48GB of VRAM"), read as each card's, so the model went on one card of the whole
amount; the same card named on lines in a row ("AMD Radeon RX 7900 XTX (24 GiB VRAM)" twice) read
as one card, so a model the two hold together was offloaded to RAM."""

from __future__ import annotations

import pytest

from fitengine import ask
from fitengine.nlq import parse


@pytest.mark.parametrize(
    ("text", "gpus", "vram"),
    [
        ("I have 4 GPUs and 64GB of VRAM total, can I run llama 3.3 70b?", 4, 16),
        ("I have 2 GPUs (48GB VRAM total), llama 3.3 70b at q4?", 2, 24),
        ("Server with 8 GPUs, 192GB of VRAM combined. Qwen3.5 397B?", 8, 24),
        ("My rig has three GPUs. I have 48GB of VRAM. Qwen3 32B?", 3, 16),
    ],
)
def test_vram_of_unnamed_cards_said_as_their_total_is_shared(text, gpus, vram) -> None:
    q = parse(text)
    assert (q.gpus, q.vram_gb) == (gpus, vram)


def test_the_total_read_apart_from_the_cards_is_said_as_assumed() -> None:
    q = parse("My rig has three GPUs. I have 48GB of VRAM. Qwen3 32B?")
    assert any("16 GB each" in a for a in q.assumed)
    assert not parse("I have 4 GPUs and 64GB of VRAM total, llama 3.3 70b?").assumed


@pytest.mark.parametrize(
    ("text", "gpus", "vram"),
    [
        ("two 24GB GPUs, qwen3 32b?", 2, 24),
        ("2x 24GB GPUs, qwen3 32b?", 2, 24),
        ("two gpus with 12gb vram each, qwen3 14b", 2, 12),
        ("4 GPUs with 16GB VRAM. llama 3.3 70b?", 4, 16),
        ("my 4x22GB GPUs, llama 3.3 70b", 4, 22),
        ("8 GPUs with 80GB, deepseek v3", 8, 80),
    ],
)
def test_vram_said_with_the_cards_or_per_card_stays_each_cards(text, gpus, vram) -> None:
    q = parse(text)
    assert (q.gpus, q.vram_gb) == (gpus, vram)


@pytest.mark.parametrize(
    "text",
    [
        "I have 4 GPUs and 64GB of VRAM total, can I run llama 3.3 70b?",
        "I have 2 GPUs (48GB VRAM total), can I run llama 3.3 70b?",
        "My rig has three GPUs. I have 48GB of VRAM. Can it run Qwen3 32B?",
    ],
)
def test_a_model_over_one_share_is_split_over_the_cards(text) -> None:
    r = ask(text).reports[0]
    assert r.placement.kind == "multi_gpu"
    assert r.hardware.count >= 2 and r.hardware.memory_gb <= 24


@pytest.mark.parametrize(
    ("text", "hw", "gpus"),
    [
        ("NVIDIA GeForce RTX 3090\nNVIDIA GeForce RTX 3090\nqwen3 32b at q8?", "rtx-3090", 2),
        ("GPUs:\n- RTX 3060 (12GB)\n- RTX 3060 (12GB)\nwhat can I run?", "rtx-3060", 2),
        (
            "NVIDIA RTX A6000\nNVIDIA RTX A6000\nNVIDIA RTX A6000\nllama 3.3 70b fp8?",
            "rtx-a6000",
            3,
        ),
        (
            "OOM with qwen2 72b ... AMD Radeon RX 7900 XTX (24 GiB VRAM)\n"
            "AMD Radeon RX 7900 XTX (24 GiB VRAM)\nllama-server -ngl 99",
            "rx-7900-xtx",
            2,
        ),
    ],
)
def test_the_same_card_on_lines_in_a_row_is_a_list_of_cards(text, hw, gpus) -> None:
    q = parse(text)
    assert (q.hardware.id, q.gpus) == (hw, gpus)


@pytest.mark.parametrize(
    "text",
    [
        "I have an RTX 4090.\nRTX 4090\nllama 70b?",
        "My card: RTX 3090\n\nRTX 3090\nllama 3.3 70b?",
        "RTX 3090\nWhat is the best model for it?",
        "RTX 3090 vs\nRTX 3090 Ti for qwen3 32b?",
    ],
)
def test_a_card_named_again_in_prose_is_one_card(text) -> None:
    assert (parse(text).gpus or 1) == 1


# RAM said to be no limit with no amount ("with plenty of system RAM", "内存管够": real questions
# r3-39 and a53-mgm-r1-2080ti-multi): the answer assumed the usual 32 GB and said the model does
# not fit, where a regular reads "whatever RAM it takes" and answers with the least that runs it.


@pytest.mark.parametrize(
    "text",
    [
        "deepseek r1 on a 3090 with plenty of system RAM",
        "多卡2080ti跑deepseek r1, ddr4内存管够",
        "Kimi K2.6 on a 5090, ram is not an issue",
        "gpt-oss-120b on a 4060 ti 16gb with lots of ram",
    ],
)
def test_ram_said_to_be_plenty_is_read(text) -> None:
    q = parse(text)
    assert q.ram_plenty and q.ram_gb is None


@pytest.mark.parametrize(
    ("text", "model", "least"),
    [
        ("deepseek r1 on a 3090 with plenty of system RAM", "deepseek-r1", 257),
        ("Kimi K2.6 on a 5090, ram is not an issue", "kimi-k2.6", 257),
        ("deepseek r1 on two 2080 ti with plenty of system ram", "deepseek-r1", 257),
        ("gpt-oss-120b on a 4060 ti 16gb with plenty of ram", "gpt-oss-120b", 33),
    ],
)
def test_plenty_of_ram_runs_the_model_with_the_least_ram_it_needs(text, model, least) -> None:
    r = ask(text).reports[0]
    assert r.model.id == model
    assert r.fit != "wont_fit" and r.placement.kind == "moe_offload"
    ram = next(a for a in r.assumed if a.what == "ram")
    assert float(ram.value.split()[0]) >= least and "plenty" in ram.effect


def test_without_plenty_the_ram_is_the_usual_one() -> None:
    r = ask("deepseek r1 on a 3090").reports[0]
    assert r.fit == "wont_fit"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        # only squeezed in with the RAM assumed: that is what it gives, not "does not fit"
        ("GLM-4.5-Air on my 4060 Ti 16GB, plenty of ram", "only "),
        ("GLM-4.5-Air on an RX 7800 XT with lots of ram", "only "),
        ("minimax m2 on a 4090 with plenty of system ram", "does not fit"),
        # not fitting at all
        ("deepseek r1 on a 3090 with plenty of system RAM", "does not fit"),
        ("Kimi K2.6 on a 5090, ram is not an issue", "does not fit"),
    ],
)
def test_plenty_of_ram_says_what_the_ram_assumed_gives(text, says) -> None:
    r = ask(text).reports[0]
    ram = next(a for a in r.assumed if a.what == "ram")
    assert says in ram.effect and ("only " in ram.effect) != ("does not fit" in ram.effect)
