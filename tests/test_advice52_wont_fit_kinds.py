"""Kinds of mistake round advice52's blind won't-fit questions showed: a machine's memory or card
count said the way people write it was not read, so a model that runs was called won't fit (or run
on one card of two)."""

from __future__ import annotations

import fnmatch

from fitengine import ask
from fitengine.nlq import parse


def test_terabytes_of_ram_written_with_a_bare_t():
    """ "1T RAM" (ktransformers' system info), "2T内存", "1.5Ti of system RAM": terabytes of RAM
    written as "G" is for gigabytes; a "T" that is a speed's or a model's is not."""
    said = {
        "Kimi-K2 Thinking\n\nDual-6416h CPU\n1T RAM\nRTX 3090 24G": 1024,
        "4090 + 2T内存 跑 DeepSeek V4 Flash": 2048,
        "EPYC 9654 with 1.5Ti of system RAM and an RTX 5090, GLM-5.2 q4?": 1536,
        "Qwen3.5-397B on two 3090s, 768G RAM": 768,
    }
    for text, gb in said.items():
        assert parse(text).ram_gb == gb, text
    # a "t" that is a speed's or the model's size is no RAM
    assert parse("Qwen3.5 27B at 25t/s on a 3090 with 64G RAM").ram_gb == 64
    assert parse("kimi k2 1t on a 3090 with 512GB ram").ram_gb == 512
    # the answer: a terabyte of RAM holds Kimi K2 Thinking's experts
    a = ask("kt-kernel 0.4.2 Kimi-K2 Thinking OOM\n\nDual-6416h CPU\n1T RAM\nRTX 3090 24G")
    r = a.reports[0]
    assert r.model.id == "kimi-k2-thinking" and r.fit != "wont_fit"
    assert r.placement.kind == "moe_offload"


def test_the_count_before_a_card_said_with_its_generation():
    """ "two NVIDIA Blackwell 6000 Pro GPUs", "4 Hopper H100s", "3x Ampere A6000": the GPU
    generation between the count and the card's name, the count still the card's."""
    said = {
        "My machine has two NVIDIA Blackwell 6000 Pro GPUs and 256GB of System RAM.": (
            "rtx-pro-6000-blackwell",
            2,
        ),
        "4 Hopper H100s for DeepSeek V4 Pro?": ("h100-*", 4),
        "3x Ampere A6000 with 128GB RAM, Qwen3.5-397B": ("rtx-a6000", 3),
        "2x Ada 6000, can they run GLM-4.7 at q4?": ("rtx-6000-ada", 2),
    }
    for text, (hw, n) in said.items():
        q = parse(text)
        assert fnmatch.fnmatch(q.hardware.id, hw) and q.gpus == n, text
    a = ask(
        "GLM-5.3-Flash always fails with OOM. My machine has two NVIDIA Blackwell 6000 Pro GPUs"
        " and 256GB of System RAM."
    )
    r = a.reports[0]
    assert r.hardware.count == 2 and r.fit != "wont_fit"


def test_a_size_written_with_a_word_for_a_billion():
    """ "a 30 billion parameter model", "70 billion parameters", "на 30 миллиардов параметров": the
    size in words is the size ("a 30 billion" was read as an NVIDIA A30); "billion" with no
    parameter or model word after it is no size."""
    said = {
        "a 30 billion parameter model on CPU only with 64GB RAM": ("cpu-ddr5-2ch", 30.0),
        "Can a 70 billion parameter model run on a 3090 with 64GB RAM?": ("rtx-3090", 70.0),
        "a 1.5 billion parameter model on a Pi 5": ("raspberry-pi-5", 1.5),
    }
    for text, (hw, size) in said.items():
        q = parse(text)
        assert q.hardware.id == hw and q.model_size_b == size, text
    q = parse("модель на 30 миллиардов параметров на RTX 3090")
    assert q.hardware.id == "rtx-3090" and q.hardware.id != "a30"
    assert parse("they raised 30 billion dollars for a 3090 farm").model_size_b is None
    # the answer: a 70B on a 3090 with 64 GB of RAM is said to crawl, not to run well
    r = ask("Can a 70 billion parameter model run on a 3090 with 64GB RAM?").reports[0]
    assert r.model.params_b >= 60 and r.fit != "runs_well"


def test_a_size_said_right_before_a_name_picks_that_member():
    """ "a 70B R1", "a 14b deepseek r1", "the 32B R1": a size right before a name whose entry is of
    another size (R1, the 671B) is the name's member of that size, as "R1 70B" is; the reading is
    said. A size the entry has, or none, leaves the name as read."""
    said = {
        "a 70B R1 on my 3090 with 64GB RAM": "deepseek-r1-distill-llama-70b",
        "a 14b deepseek r1 on a 3060": "deepseek-r1-distill-qwen-14b",
        "can the 32B R1 run on a 4090?": "deepseek-r1-distill-qwen-32b",
    }
    for text, mid in said.items():
        q = parse(text)
        assert q.model.id == mid and any("said before" in a for a in q.assumed), text
    assert parse("the 671B R1 on a 4090 with 192GB RAM").model.id == "deepseek-r1"
    assert parse("R1 70B on my 3090").model.id == "deepseek-r1-distill-llama-70b"
    assert parse("Qwen3.6 27B on a 3090").model.id == "qwen3.6-27b"
    r = ask("a 70B R1 on my 3090 with 64GB RAM").reports[0]
    assert r.model.id == "deepseek-r1-distill-llama-70b" and r.fit != "wont_fit"
