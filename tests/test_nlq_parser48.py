"""Round parser48 (issue 9: the GPU count and the memory sizes a text says).

- A cloud instance's type names its accelerator; the count its size implies ("g4dn.12xlarge": 4
  T4s) is not a count the text says (tests/data/nlq_real.yaml's header): Query.gpus_implied, which
  the answer assumes; a count said too ("(4x A10G)", "tensor_parallel_size=8") stays gpus. Google
  Cloud's types ("a2-highgpu-4g", "g2-standard-48") and AWS G7e (language.yaml cloud_instances).
- A rig of different cards with a count said counts all its cards ("Have 3 GPU: 2x 4090, 1x
  4070": 3), not the first card's; two cards named with no count said keep none.
"""

from __future__ import annotations

import pytest

from fitengine.answers import ask
from fitengine.nlq import parse


@pytest.mark.parametrize(
    ("text", "hw", "implied"),
    [
        ("we spun up a g4dn.12xlarge to serve mistral 7b", "t4", 4),
        ("Our sagemaker endpoint runs on ml.g5.24xlarge and vllm is slow", "a10", 4),
        ("benchmarking llama 405b on p5.48xlarge", "h100-sxm", 8),
        ("GCP a2-highgpu-4g instance, vllm OOMs on load", "a100-40gb-sxm", 4),
        ("deployed on a3-highgpu-8g in us-central1", "h100-sxm", 8),
        ("g2-standard-48 with vllm and qwen3 14b", "l4", 4),
        ("trying AWS g7e.48xlarge for deepseek", "rtx-pro-6000-blackwell", 8),
    ],
)
def test_an_instance_types_count_is_implied_not_said(text, hw, implied):
    q = parse(text)
    assert (q.hardware.id, q.gpus, q.gpus_implied) == (hw, None, implied)


@pytest.mark.parametrize(
    ("text", "hw", "gpus"),
    [
        ("For FP16, use g5.12xlarge (4x A10G) with tensor parallelism", "a10", 4),
        ("an AWS g5.12xlarge instance, which has 4 GPUs, runs it fine", "a10", 4),
        ("ran it on g6.48xlarge with --tensor-parallel-size 8", "l4", 8),
        ("a g4dn.2xlarge, which has one 16 GB T4 GPU", "t4", 1),
    ],
)
def test_a_count_said_beside_the_instance_is_the_count(text, hw, gpus):
    q = parse(text)
    assert (q.hardware.id, q.gpus) == (hw, gpus)


@pytest.mark.parametrize(
    "text",
    ["deploy on a g2-standard-8 VM", "a2-ultragpu-1g for fine tuning", "on a g7e.2xlarge instance"],
)
def test_a_one_gpu_type_implies_no_count(text):
    q = parse(text)
    assert q.gpus is None and q.gpus_implied is None


def test_not_an_instance_type():
    # the NVIDIA A2 card, a "-4g" that ends no known type
    assert parse("an NVIDIA A2 GPU with 16GB").hardware.id == "a2"
    assert parse("my a2-lowgpu-4g box").gpus_implied is None


def test_the_answer_runs_on_the_implied_count_and_says_it():
    msg = ask("can I run llama 3.3 70b on a GCP a2-highgpu-4g?").message
    assert "4× NVIDIA A100 40GB" in msg


@pytest.mark.parametrize(
    ("text", "gpus"),
    [
        ("Have 3 cards: 2x 3090 and 1x 3060 12GB, running qwen3 32b", 3),
        ("My rig is 4x 3090 + 2x 4090 on an epyc board", 6),
        ("I have 2 gpus in this box, an RTX 4070 and an RX 6800", 2),
        ("two GPUs: 1 4090 24GB and 1 3080 10GB", 2),
    ],
)
def test_a_mixed_rig_with_a_count_said_counts_every_card(text, gpus):
    q = parse(text)
    assert len(q.setup) >= 2 and q.gpus == gpus


@pytest.mark.parametrize(
    "text",
    [
        "Added results for consumer cards with 24GB like RTX 3090 and RTX 4090",
        "OOM while deploying llama 3.3 on A10 & A100",
    ],
)
def test_cards_named_with_no_count_said_keep_none(text):
    assert parse(text).gpus is None


@pytest.mark.parametrize(
    ("text", "hw", "gpus"),
    [
        ("I have 8X 80GB VRAM A100 cuda machine", "a100-80gb-sxm", 8),
        ("a g4dn.2xlarge, which has one 16 GB VRAM T4 GPU", "t4", 1),
        ("two 24GB 3090 GPUs in my rig", "rtx-3090", 2),
        ("the server has 4x 48GB A6000 cards", "rtx-a6000", 4),
    ],
)
def test_a_count_before_the_cards_memory_counts_the_cards(text, hw, gpus):
    q = parse(text)
    assert (q.hardware.id, q.gpus) == (hw, gpus)


def test_a_memory_before_a_card_counts_nothing():
    assert parse("I have a 16GB 4060 Ti card").gpus is None
    assert parse("A 24GB 3090 card is fine for 32b").gpus is None


@pytest.mark.parametrize(
    ("text", "hw", "gpus"),
    [
        ("running two 4090 Ds with vllm", "rtx-4090-d", 2),
        ("two 4090Ds in one box", "rtx-4090-d", 2),
        ("I have 2 MI250Xs at work", "mi250x", 2),
        ("we rent 8 MI300Xs", "mi300x", 8),
        ("2x 7900 XTs on rocm", "rx-7900-xt", 2),
    ],
)
def test_the_plural_of_a_name_ending_in_a_letter_is_that_card(text, hw, gpus):
    q = parse(text)
    assert (q.hardware.id, q.gpus) == (hw, gpus)


def test_an_s_after_a_number_is_no_plural_of_a_name():
    assert parse("latency 4090 ms per token").hardware is None
    assert parse("my 3090 is fast enough").hardware.id == "rtx-3090"


@pytest.mark.parametrize(
    "text",
    [
        "Intel Core m3-7Y30 laptop with 8GB RAM",
        "my surface has a core m5-6Y54 and 8gb",
        "an Intel Core m7-6Y75 tablet",
        "Core m3-8100Y, 4GB, can it run phi?",
    ],
)
def test_an_intel_core_m_is_no_apple_chip(text):
    q = parse(text)
    assert q.hardware is None and [u for u in q.unsure if u.kind == "hardware"]


def test_an_apple_m3_stays_one():
    assert parse("my macbook with m3 and 16gb").hardware.id == "m3"
    assert parse("M3 Max 64GB").hardware.id == "m3-max-40c"


@pytest.mark.parametrize(
    ("text", "vram"),
    [
        ("The doc says vram usage: `at least 14GB VRAM`, would a `4060ti 16G` do?", 16),
        ("Requirements: at least 24GB VRAM. I have a 3060 12GB", 12),
        ("required: up to 48GB VRAM. mine is a 4090 24GB", 24),
        ("32G显存才能跑，我只有3090 24G", 24),
        ("70b大概要48G显存就能跑, 我的4090 24G", 24),
    ],
)
def test_a_requirement_is_not_the_cards_memory(text, vram):
    assert parse(text).vram_gb == vram


@pytest.mark.parametrize(
    "text",
    [
        "在 Ollama 上大概 40 GB 显存就能跑，我用 2 张 4090",
        "vLLM 上大概要 44 GB 以上, two 4090s",
        "16 H200s across 2 nodes (3384 GB total VRAM required)",
        "the model needs 3 H100s, 240GB total memory required",
    ],
)
def test_a_requirement_alone_names_no_memory(text):
    assert parse(text).vram_gb is None


def test_the_cards_own_memory_stays():
    assert parse("我的显卡是4090 24G显存").vram_gb == 24
    assert parse("我有一张24G显存的4090").vram_gb == 24
    assert parse("4x 3090 with 96GB total VRAM").vram_gb == 24


@pytest.mark.parametrize(
    ("text", "hw"),
    [
        ("mac mini 4 with 16gb", "m4"),
        ("I have a Mac Mini 4 and want to run qwen3 8b", "m4"),
        ("macbook air 3 with 24gb", "m3"),
        ("mac studio 2 ultra", "m2-ultra-76c"),
        ("my mac mini 4 pro 64gb", "m4-pro-20c"),
    ],
)
def test_a_digit_after_a_macs_line_is_its_chips_generation(text, hw):
    q = parse(text)
    assert q.hardware.id == hw
    assert "newest mac" not in " ".join(q.assumed) or f"M{hw[1]}" in " ".join(q.assumed)


def test_a_screen_size_or_an_age_after_a_macs_line_is_no_generation():
    assert parse("macbook pro 16 with 32gb").hardware.id != "m1"
    assert parse("macbook pro 14 m3 max 36gb").hardware.id == "m3-max-30c"
    assert parse("mac mini 2 years old with 16gb").hardware.id != "m2"


@pytest.mark.parametrize(
    ("text", "unknown"),
    [
        ("My laptop has Intel Iris Xe and an NVIDIA MX450", "NVIDIA MX450"),
        ("laptop with Intel UHD 620 and GeForce MX130, 8GB ram", "GeForce MX130"),
        ("Iris Xe + GeForce GT 1030M", "GeForce GT 1030M"),
    ],
)
def test_an_unknown_card_beside_a_named_igpu_is_the_machine(text, unknown):
    q = parse(text)
    assert q.hardware is None
    assert unknown in [u.text for u in q.unsure if u.kind == "hardware"]


def test_an_igpu_alone_stays_the_machine():
    assert parse("Intel Iris Xe graphics, 16gb ram").hardware.id == "iris-xe-96eu"
    assert parse("Radeon 780M with 32GB, can I run qwen3 8b?").hardware.id == "radeon-780m"


@pytest.mark.parametrize(
    ("text", "hw", "gpus"),
    [
        ("4个(nvlink的双2080ti 22G）确实是一个不错的组合", "rtx-2080-ti", 8),
        ("2组（双4090）跑 70b", "rtx-4090", 4),
        ("3x (2x 3090) in three boxes", "rtx-3090", 6),
        ("2台(8卡A100)", "a100-80gb-sxm", 16),
    ],
)
def test_groups_of_cards_in_parentheses_multiply(text, hw, gpus):
    q = parse(text)
    assert (q.hardware.id, q.gpus) == (hw, gpus)


def test_a_count_in_words_beside_parentheses_does_not_multiply():
    assert parse("I have 2 (two) 3090s").gpus in (None, 2)
    assert parse("(3) Nvidia RTX-3090").gpus == 3


@pytest.mark.parametrize(
    ("text", "hw", "gpus", "vram"),
    [
        ("infer qwen2-0.5b on H800 1*80G, utilization is low", "h800-sxm", 1, 80),
        ("服务器 A100 2*40G 跑 qwen 72b", "a100-40gb-sxm", 2, 40),
        ("my 4090 2x24GB rig", "rtx-4090", 2, 24),
        ("RTX 3090 (2x24GB) for llama 70b", "rtx-3090", 2, 24),
    ],
)
def test_a_count_times_memory_after_a_name_counts_the_cards(text, hw, gpus, vram):
    q = parse(text)
    assert (q.hardware.id, q.gpus, q.vram_gb) == (hw, gpus, vram)


def test_a_memory_after_a_name_alone_counts_nothing():
    assert parse("Tesla P40 24G for 30b models").gpus is None


@pytest.mark.parametrize(
    ("text", "vram", "ram"),
    [
        ("The 6700M GPU with 10GB RAM runs fine, ollama uses the CPU", 10, None),
        ("目前4090显卡只有24GB内存，加载13B模型会内存不足", 24, None),
        ("a 3090 which has 24 GB of memory, can it run 32b?", 24, None),
        ("RTX 3060 with 12GB RAM and 32GB system memory", 12, 32),
    ],
)
def test_a_cards_memory_said_with_a_ram_word_is_the_cards(text, vram, ram):
    q = parse(text)
    assert (q.vram_gb, q.ram_gb) == (vram, ram)


def test_ram_the_card_is_not_sold_with_stays_ram():
    q = parse("my 3090 with 64GB RAM")
    assert (q.vram_gb, q.ram_gb) == (None, 64)


@pytest.mark.parametrize(
    ("text", "vram"),
    [
        ("24GB is the highest quantity on consumer hardware (I personally have 16GB).", 16),
        ("32GB would be ideal, I only have 16GB", 16),
        ("most people have 8gb, mine has 12gb", 12),
        ("I have 24gb and the model is 40gb", 24),
    ],
)
def test_of_two_bare_amounts_the_writers_own_is_the_memory(text, vram):
    assert parse(text).vram_gb == vram
