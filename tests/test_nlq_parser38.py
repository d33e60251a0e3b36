"""GPU counts as round parser38 reads them: a parallelism setting as a config file or a log prints it
("tensor_parallel_size: 4"), a cluster's cards counted in all ("exactly 64 gpus"), a bound before a
count that counts nothing had ("more than 8 video cards"), each card's memory said with "memory"
("each GPU card has 12GB of memory"), and a rate of spending that is no context ("10-15k per
month")."""

from __future__ import annotations

import pytest

from fitengine.nlq import parse


@pytest.mark.parametrize(
    ("text", "hw", "gpus"),
    [
        ("Tensor Parallel on A10G ... engine_args.tensor_parallel_size: 4", "a10", 4),
        ("config.yaml: model: Qwen/Qwen3-32B, tensor_parallel_size: 2 on my 3090s", "rtx-3090", 2),
        ('{"tensor_parallel_size": 8, "model": "llama-3.3-70b"} on H100', "h100-sxm", 8),
        ("tp_size: 4 with 4090", "rtx-4090", 4),
        ("vllm serve on my 3090s --tensor-parallel-size 2", "rtx-3090", 2),
    ],
)
def test_a_parallelism_setting_as_a_config_or_log_prints_it(text, hw, gpus):
    q = parse(text)
    assert q.hardware is not None and q.hardware.id == hw
    assert q.gpus == gpus


@pytest.mark.parametrize(
    ("text", "gpus"),
    [
        ("I did manage to run llama 3 70b on 8 nodes. While using exactly 64 gpus.", 64),
        ("We serve Kimi K2 on 32 GPUs across four nodes", 32),
        ("our cluster has 24 cards", 24),
        ("can i run deepseek r1 on 100 gpus?", 100),
        ("I have 4 gpus", 4),
    ],
)
def test_a_clusters_cards_counted_in_all(text, gpus):
    assert parse(text).gpus == gpus


@pytest.mark.parametrize(
    "text",
    [
        "I tried running DeepSeek v3 671B with 512 GPUs",  # past what one setup holds: for one
        "offload 33 gpu layers of llama 3 8b",
        "llama.go: loading up to 25 GPU layers",
    ],
)
def test_no_count_from_layers_or_past_one_setup(text):
    assert parse(text).gpus is None


@pytest.mark.parametrize(
    ("text", "hw", "gpus"),
    [
        (
            "I also do not start more than 8 video cards.\nThe farm has 12 cards.\n\nNVidia P106-100",
            "p106-100",
            12,
        ),
        ("the board takes up to 7 GPUs but I have 3 cards of P40", "p40", 3),
        ("it needs at least 2 gpus; I have 4 gpus with 3090", "rtx-3090", 4),
        ("no more than 4 cards fit in my case, I run 2 cards of 3090", "rtx-3090", 2),
    ],
)
def test_a_bound_before_a_count_counts_nothing_had(text, hw, gpus):
    q = parse(text)
    assert q.hardware is not None and q.hardware.id == hw
    assert q.gpus == gpus


@pytest.mark.parametrize(
    ("text", "vram"),
    [
        ("Hi, I have 2 * 2080TI, each GPU card has 12GB of memory.", 12),
        ("I have 2 2080TIs, each card has 12GB of memory.", 12),
        ("I have 3 P40, every card has 24 GB", 24),
        ("I have 4 MI50s, each GPU comes with 32GB of memory", 32),
    ],
)
def test_each_cards_memory_said_with_memory_is_vram(text, vram):
    q = parse(text)
    assert q.vram_gb == vram
    assert q.ram_gb is None


@pytest.mark.parametrize(
    "text",
    [
        "I am spending about 10-15k per month on AI, could my 4x 256 GB Mac Studio Ultra M3s do it?",
        "we burn 5k a year on API calls, can a 3090 replace it?",
        "cloud costs me 2k/month, would a 5090 run qwen3 32b",
    ],
)
def test_a_rate_of_spending_is_no_context(text):
    assert parse(text).context is None


def test_a_context_said_so_stays():
    assert parse("I need 15k context for llama 3 8b").context == 15000
