"""Round advice76: won't-fit / multi-GPU kinds. A size said before a model name with a joiner
between ("235b的qwen3", language.yaml size_name_joiners) is that name's size; a mixture of
experts written expert size first ("Mixtral 7bx8", nlq.index.experts_reversed) is the same model
as "8x7b"; a precision asked of a baseboard module with no count (answers._its_server) is
answered on the fewest servers that hold it at that precision, not at a smaller quant or as a
won't-fit on one card."""

from __future__ import annotations

import pytest

from fitengine.answers import ask
from fitengine.catalog import default_catalog
from fitengine.nlq import parse


@pytest.fixture(scope="module")
def cat():
    return default_catalog()


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("我现在用VLLM多卡部署235b的qwen3，输出速率只有20tokens/s", "qwen3-235b-a22b"),
        ("72b的qwen2.5 需要几张4090", "qwen2.5-72b"),
        ("the 235b of qwen3 on A100s", "qwen3-235b-a22b"),
        ("32b的qwen3 能在3090上跑吗", "qwen3-32b"),
        ("los 70b de llama 3.3 en dos 3090", "llama-3.3-70b"),
        # unchanged: no joiner, or the size after the name
        ("a 70B R1 on my 4090", "deepseek-r1-distill-llama-70b"),
        ("部署qwen3的235b", "qwen3-235b-a22b-instruct-2507"),
    ],
)
def test_size_joined_before_name(cat, text, model):
    assert parse(text, cat).model.id == model


@pytest.mark.parametrize(
    "text",
    [
        "qwen3 on 24GB of VRAM",  # a bare family stays the family's default
        "what of qwen3 fits 24gb",
        "2 of 24gb cards with qwen3",
    ],
)
def test_no_size_no_joined_reading(cat, text):
    assert parse(text, cat).model.id == "qwen3-8b"


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("I tried to deploy the Mixtral 7bx8 model on eight T4 GPUs", "mixtral-8x7b"),
        ("mixtral 7b x 8 on two 3090s", "mixtral-8x7b"),
        ("Mixtral 22bx8 on 4 A100", "mixtral-8x22b"),
        ("mixtral-22b-x8 on a mac studio 192gb", "mixtral-8x22b"),
        ("Mixtral 8x7b on eight T4", "mixtral-8x7b"),  # the usual way round still reads
    ],
)
def test_experts_written_reversed(cat, text, model):
    assert parse(text, cat).model.id == model


@pytest.mark.parametrize(
    ("text", "model", "gpus"),
    [
        ("Can I run DeepSeek V3 in FP8 on A100 80GB?", "deepseek-v3", 16),
        ("deploy GLM-5 in FP8 on H100 SXM", "glm-5", 16),
        ("Kimi K2 FP8 on H20", "kimi-k2", 16),
        ("部署BF16和FP8的deepseek v3 ... 准备用80G的A100，先计算下要多少张显卡", "deepseek-v3", 16),
    ],
)
def test_precision_asked_counts_servers(cat, text, model, gpus):
    a = ask(text, cat)
    r = a.reports[0]
    assert r.model.id.startswith(model)
    assert r.hardware.count == gpus and r.fit != "wont_fit"
    assert r.placement.kind == "multi_gpu"
    assert r.quant == "Q8_0"  # the FP8 asked, not a smaller GGUF quant on one server
    assert f"{gpus // 8} of those, {gpus} GPUs (assumed)" in a.message
    assert "--pipeline-parallel-size 2" in a.message


@pytest.mark.parametrize(
    ("text", "gpus", "quant"),
    [
        # one server holds the precision asked: one server, as before
        ("Qwen3 235B in BF16 on A100 80GB SXM", 8, "BF16"),
        ("DeepSeek V3 in FP8 on H200", 8, "Q8_0"),
        # no precision asked: one server at the quant that runs well there, as before
        ("DeepSeek V3 on A100 80GB", 8, None),
        # a count said is the count
        ("DeepSeek V3 in FP8 on 8x A100 80GB", 8, None),
    ],
)
def test_one_server_stays(cat, text, gpus, quant):
    a = ask(text, cat)
    r = a.reports[0]
    assert r.hardware.count == gpus
    if quant:
        assert r.quant == quant
    assert "of those, 16 GPUs" not in a.message
