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
