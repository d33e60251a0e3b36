"""Round advice85: a question run on vLLM / SGLang gets that server's command over the same estimate
(commands.serve): tensor parallel over the cards, the window as --max-model-len, an FP8 KV cache
where the estimate quantized it, the checkpoint format its weights' bits hold, and FP8's
weight-only path on cards without FP8 compute (catalog/multi_gpu.yaml serving_tp)."""

from __future__ import annotations

import pytest

from fitengine.answers import ask
from fitengine.cards import multi_gpu
from fitengine.catalog import default_catalog
from fitengine.cli import render_answer
from fitengine.commands import checkpoint_of, serve


@pytest.fixture(scope="module")
def cat():
    return default_catalog()


def _serve(cat, server, model, hw, quant, cards, *, context=32768, kv="f16", share=0.8):
    rules = multi_gpu(cat).serving_tp
    bpw = cat.quants[quant].bpw
    return serve(
        rules.routes[server],
        rules,
        cat.models[model],
        cat.hardware[hw],
        quant,
        bpw,
        cards=cards,
        context=context,
        kv_type=kv,
        memory_share=share,
    )


def test_4090_four_bit_is_an_awq_build_with_fp8_cache(cat):
    line, fmt, note = _serve(
        cat, "vllm", "qwen3-32b", "rtx-4090", "Q4_K_M", 1, kv="q8_0", share=0.96
    )
    assert fmt == "AWQ / GPTQ int4"
    assert line.startswith("vllm serve <an AWQ or GPTQ int4 build of Qwen/Qwen3-32B>")
    assert "--tensor-parallel-size" not in line  # one card
    assert "--max-model-len 32768" in line and "--kv-cache-dtype fp8" in line
    assert "--gpu-memory-utilization 0.95" in line  # raised past 0.9, capped
    assert note is None  # no FP8 weights: nothing to say of the card's FP8 compute


def test_4x_a10_bf16_runs_tensor_parallel_over_all(cat):
    line, fmt, note = _serve(cat, "vllm", "llama-3.1-8b", "a10", "BF16", 4, context=8192)
    assert fmt == "BF16"
    assert line == (
        "vllm serve meta-llama/Llama-3.1-8B-Instruct --tensor-parallel-size 4 --max-model-len 8192"
    )
    assert note is None


def test_2x_3090_fp8_is_weight_only_on_ampere(cat):
    line, fmt, note = _serve(cat, "vllm", "qwen3-32b", "rtx-3090", "Q8_0", 2)
    assert fmt == "FP8"
    assert "--tensor-parallel-size 2" in line and "--quantization fp8" in line
    assert "--gpu-memory-utilization" not in line  # the default share holds it
    assert "weight-only" in note and "Ampere" in note


@pytest.mark.parametrize("hw", ["rtx-4090", "h100-sxm", "b200"])
def test_fp8_compute_cards_say_nothing_of_marlin(cat, hw):
    _, fmt, note = _serve(cat, "vllm", "qwen3-32b", hw, "Q8_0", 1)
    assert fmt == "FP8" and note is None


def test_8x_h100_native_mxfp4_is_served_as_released(cat):
    line, fmt, _ = _serve(cat, "vllm", "gpt-oss-120b", "h100-sxm", "MXFP4", 8)
    assert fmt == "MXFP4 (as released)"
    assert line.startswith("vllm serve openai/gpt-oss-120b --tensor-parallel-size 8")


def test_heads_that_do_not_divide_run_pipeline_parallel(cat):
    # Qwen3 32B has 64 heads: 6 cards run pipeline parallel over all of them, as the note says
    m = cat.models["qwen3-32b"]
    assert m.heads % 6
    line, _, _ = _serve(cat, "vllm", "qwen3-32b", "a10", "BF16", 6)
    assert "--pipeline-parallel-size 6" in line and "--tensor-parallel-size" not in line


def test_sglang_takes_its_own_flags(cat):
    line, _, _ = _serve(cat, "sglang", "qwen3-32b", "h100-sxm", "Q8_0", 2, kv="q8_0", share=0.93)
    assert line.startswith("python -m sglang.launch_server --model-path Qwen/Qwen3-32B --tp 2")
    assert "--context-length 32768" in line and "--kv-cache-dtype fp8_e5m2" in line
    assert "--mem-fraction-static 0.93" in line


def test_three_bit_has_no_checkpoint(cat):
    rules = multi_gpu(cat).serving_tp
    assert checkpoint_of(rules, cat.models["qwen3-32b"], "Q3_K_M", cat.quants["Q3_K_M"].bpw) is None
    line, fmt, note = _serve(cat, "vllm", "qwen3-32b", "rtx-3090", "Q3_K_M", 1)
    assert line is None and fmt is None and "llama.cpp" in note


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        ("can I run qwen3 32b on 2x 3090 with vllm at 32k context?", "--tensor-parallel-size 2"),
        ("llama 3.1 8b bf16 on 4x A10 with vllm", "--tensor-parallel-size 4"),
        ("gpt-oss-120b on 8x H100 with vllm", "vllm serve openai/gpt-oss-120b"),
        ("deepseek v3 with sglang on 8x h200", "python -m sglang.launch_server"),
    ],
)
def test_asked_of_a_server_the_card_leads_with_its_command(text, expect):
    a = ask(text)
    r = a.reports[0]
    assert r.commands.server and expect in r.commands.server
    assert f"--max-model-len {r.context}" in r.commands.server or "sglang" in r.commands.server
    out = render_answer(a)
    run = out[out.index("Run it") :].splitlines()
    assert run[1].lstrip().startswith(r.commands.server_name)  # first, before llama.cpp's


@pytest.mark.parametrize(
    "text",
    [
        "can I run qwen3 32b on 2x 3090 at 32k context?",  # no server named
        "qwen3.6 35b a3b on strix halo 128gb: vllm awq gives me 20-25 tok/s, what would llama.cpp give?",
        "qwen3 32b on a 3090 with ollama",
    ],
)
def test_llama_cpp_questions_keep_their_card(text):
    a = ask(text)
    assert all(r.commands.server is None and r.commands.server_name is None for r in a.reports)


def test_a_run_in_system_ram_is_llama_cpps(cat):
    a = ask("gpt-oss-120b on one 3090 with 64gb ram using vllm")
    r = a.reports[0]
    assert r.placement.kind in ("moe_offload", "partial_offload")
    assert r.commands.server is None and "system RAM" in r.commands.server_note


def test_a_card_without_fp8_kernels_gets_the_int4_build(cat):
    # RDNA3 has neither FP8 compute nor vLLM's weight-only FP8 (Marlin is CUDA's)
    line, fmt, note = _serve(cat, "vllm", "qwen3-14b", "rx-7900-xt", "Q8_0", 1)
    assert fmt == "AWQ / GPTQ int4" and "--quantization fp8" not in line
    assert "no FP8 kernels" in note


def test_a_mixed_rig_run_on_one_of_its_cards_is_served_there():
    a = ask("[bench] RTX 5090 + 3090 / vllm-qwen36-35b-a3b-dual")
    r = a.reports[0]
    if len(r.placement.devices) == 1:
        assert r.commands.server and "--tensor-parallel-size" not in r.commands.server
    a = ask("qwen3 32b on a 3090 + 4090 with vllm")
    r = a.reports[0]
    assert len(r.placement.devices) == 2
    assert r.commands.server is None and "equal cards" in r.commands.server_note


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("qwen3 32b on a mac studio m3 ultra 256gb with vllm", "on a Mac"),
        ("qwen3 8b on a ryzen 9 7950x cpu only with 64gb ram, using vllm", "CPU alone"),
    ],
)
def test_machines_the_server_does_not_run_on_say_so(text, said):
    r = ask(text).reports[0]
    assert r.commands.server is None and said in (r.commands.server_note or "")


@pytest.mark.parametrize(
    "text",
    [
        "best model for 2x 3090 with vllm",
        "best model for a single 3090 with 64gb ram, serving with vllm",
        "what's the best llm for one rtx 4090 and 128gb ram using sglang",
    ],
)
def test_a_list_asked_of_a_server_names_what_it_runs(text):
    a = ask(text)
    lead = a.reports[:3]
    if all(r.commands.server for r in lead):
        return  # the leading rows are the server's already
    served = [r for r in a.reports if r.commands.server][:3]
    for r in served:
        assert r.model.name in a.message
        assert r.placement.kind in ("gpu", "multi_gpu")
