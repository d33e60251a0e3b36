"""Round advice53: datacenter cards are served in 8- or 16-bit formats (catalog/setups.yaml
server_weights_min_bpw, configs.server_formats). The blind multi-GPU questions (bench/
advice_questions.yaml's a53 part) and the class's earlier ones showed DeepSeek on 14-16 H100s at
Q6_K and a 70B on A100s at Q5_K_M: a GGUF mix the quality scale rates as good as Q8_0, where the
people who own such servers run FP8 or BF16 with vLLM or SGLang."""

from __future__ import annotations

import pytest

from fitengine.answers import ask
from fitengine.catalog import default_catalog
from fitengine.configs import server_formats
from fitengine.engine import _server_bpw, verdict


@pytest.mark.parametrize(
    ("model", "hardware", "gpus"),
    [
        ("deepseek-v3", "h100-sxm", 14),
        ("llama-3.3-70b", "a100-40gb-sxm", 8),
        ("qwen3-235b-a22b", "h20", 4),
        ("qwen3-32b", "a100-80gb-pcie", 1),
    ],
)
def test_datacenter_cards_get_an_8_bit_format_where_it_runs_well(model, hardware, gpus):
    v = verdict(model, hardware, gpus=gpus)
    assert v.run.quant.bpw >= 7.5, (model, hardware, v.run.quant.id)
    assert v.run.fit == "runs_well" and v.run.placement.kind in ("gpu", "multi_gpu")


def test_the_smallest_8_bit_file_not_f16():
    # BF16 and Q8_0 are both beyond what anyone sees on the quality scale: the 8-bit file
    v = verdict("qwen3-8b", "h100-sxm", gpus=2)
    assert v.run.quant.id == "Q8_0"


def test_where_8_bit_does_not_fit_the_servers_take_what_does():
    # DeepSeek V3 at 8 bits is ~700 GB: eight A100 80GB (640 GB) run a smaller file on the cards
    v = verdict("deepseek-v3", "a100-80gb-sxm", gpus=8)
    assert v.run.quant.bpw < 7.5 and v.run.fit != "wont_fit"


@pytest.mark.parametrize(
    ("model", "hardware", "gpus"),
    [
        ("qwen3.6-27b", "rtx-3090", 2),
        ("llama-3.3-70b", "rtx-4090", 3),
        ("qwen3-32b", "rtx-5090", 1),
    ],
)
def test_consumer_cards_keep_the_quality_and_speed_choice(model, hardware, gpus):
    # llama.cpp's k-quants are what desktop cards run: no server floor there (the choice prices
    # bits against speed as on any card: a 27B on two 3090s runs Q8_0 at a good pace, advice62's
    # configs.QUALITY_PER_USABLE_HALVING, not because of a floor)
    v = verdict(model, hardware, gpus=gpus)
    assert v.run.fit != "wont_fit"
    assert _server_bpw(v.req) is None


def test_a_question_about_a_multi_gpu_server_answers_in_8_bit():
    for text in (
        "How can I deploy DeepSeek V3 on 4 nodes with 14 H100s?",
        "Can 4x H20 96GB run Qwen3 235B?",
        "llama 3.3 70b on 8x a100 40gb?",
    ):
        r = ask(text).reports[0]
        assert default_catalog().quants[r.quant].bpw >= 7.5, (text, r.quant)


def test_server_formats_leaves_the_pool_alone_when_no_8_bit_runs_well():
    v = verdict("deepseek-v3", "a100-80gb-sxm", gpus=8)
    pool = [c for c in v.table.configs if c.decode]
    kept = server_formats(pool, 7.5)
    assert kept == pool or all(c.quant.bpw >= 7.5 and c.fit == "runs_well" for c in kept)


@pytest.mark.parametrize(("hardware", "gpus"), [("p40", 2), ("v100-sxm2", 4), ("mi50-32gb", 2)])
def test_older_datacenter_cards_in_home_labs_keep_the_gguf_choice(hardware, gpus):
    # Pascal, Volta and GCN5 cards run llama.cpp's mixes (no BF16): no server floor there
    v = verdict("qwen3.6-27b", hardware, gpus=gpus)
    assert _server_bpw(v.req) is None


@pytest.mark.parametrize(
    ("model", "hardware", "gpus"),
    [
        ("gpt-oss-120b", "h100-sxm", 1),
        ("gpt-oss-20b", "h200", 1),
        ("gpt-oss-120b", "a100-80gb-sxm", 2),
    ],
)
def test_a_model_released_in_fewer_bits_is_served_as_released(model, hardware, gpus):
    # gpt-oss ships MXFP4: vLLM and llama.cpp serve that file, not an 8-bit or F16 copy of it
    assert verdict(model, hardware, gpus=gpus).run.quant.id == "MXFP4"
