"""Counts and Apple variants as round parser45 reads them: cards the catalog does not list but a
machine holds several of (Ascend, Gaudi, MLU: language.yaml unlisted_accelerators) keep the count
said with them; a Chinese card word, which has no plural, counts a cluster's cards past 16 ("4节点
32卡"); an Apple chip's GPU core count said in Chinese ("7核GPU") or after its memory ("M1 Max 32GB
24-core") names its variant. A phone's or a processor's number is still no count."""

from __future__ import annotations

import pytest

from fitengine.nlq import parse


@pytest.mark.parametrize(
    ("text", "gpus"),
    [
        ("我们有16张昇腾910B卡，部署qwen3-235b需要多少显存", 16),
        ("2x Gaudi 2 cards on one server, can they run llama 3.1 70b?", 2),
        ("four Ascend 910B4 npus with 32GB each", 4),
        ("用4块MLU370跑推理很慢", 4),
        ("服务器是 910B2*8，能跑deepseek v3吗", 8),
    ],
)
def test_unlisted_accelerator_counted(text, gpus):
    q = parse(text)
    assert q.hardware is None
    assert any(u.kind == "hardware" and u.reason == "unknown" for u in q.unsure)
    assert q.gpus == gpus


@pytest.mark.parametrize(
    "text",
    [
        "my pixel 8 pro has 12gb, can it run gemma 3 4b?",
        "2 snapdragon 8 gen 3 phones with 16gb",
        "a kunpeng 920 server with 512GB RAM",
    ],
)
def test_phone_or_processor_number_is_no_count(text):
    assert parse(text).gpus is None


@pytest.mark.parametrize(
    ("text", "gpus"),
    [
        ("A800 集群 4节点 32卡，跑deepseek r1 满血版", 32),
        ("我们用64张卡训练70b模型", 64),
        ("H20 24卡 集群部署 qwen3-235b", 24),
        ("有8卡的机器跑qwen2.5 72b够吗", 8),
    ],
)
def test_chinese_card_total(text, gpus):
    assert parse(text).gpus == gpus


@pytest.mark.parametrize(
    ("text", "hw"),
    [
        ("MacBook Air M1（8核CPU+7核GPU）16GB 能跑 qwen3 8b 吗", "m1-7c"),
        ("M1 Pro 14核GPU 16GB 跑 llama 3.1 8b 多快", "m1-pro-14c"),
        ("我的mac是M2 8核GPU 16G", "m2-8c"),
        ("Mac Studio M1 Max 32GB 24-core, how fast is gemma 3 27b?", "m1-max-24c"),
        ("M3 Max 36GB 30-core running qwen3 30b", "m3-max-30c"),
    ],
)
def test_apple_gpu_cores_said(text, hw):
    assert parse(text).hardware.id == hw


def test_cpu_core_count_after_memory_keeps_the_chip():
    # a CPU core count after the memory names no GPU variant of its own
    assert parse("M4 Pro 24GB 14-core, can it run qwen3 32b?").hardware.id in {
        "m4-pro-16c",
        "m4-pro-20c",
    }


@pytest.mark.parametrize(
    "text",
    [
        "Mac Studio M1 Max 32 GiB 24-core",
        "Mac Studio M1 Max w/ 32 gigs 24-core",
        "Mac Studio M1 Max (32GB) 24-core",
        "Mac Studio M1 Max 32G 24-core",
    ],
)
def test_gpu_cores_after_memory_in_any_form(text):
    assert parse(text).hardware.id == "m1-max-24c"
