"""Round advice96's kinds (issue 8, what advice88 and advice90 left open)."""

from __future__ import annotations

import pytest

from fitengine.answers import ask
from fitengine.nlq import parse


# 1. Ollama's num_gpu is the count of layers sent to the GPU(s) (docs/modelfile.md), not of GPUs:
# "num_gpu=20" on one card is one card with 20 layers on it (a layer split said: a run)
@pytest.mark.parametrize(
    ("text", "hw", "layers"),
    [
        (
            "Running qwen3:32b in ollama on my RTX 3060 12GB with num_gpu=20, it is slow",
            "rtx-3060",
            20,
        ),
        ("gemma3:27b on a 4070 Ti, /set parameter num_gpu 30 gives 8 tok/s", "rtx-4070-ti", 30),
        ("llama3.3:70b on an RTX 4090, PARAMETER num_gpu 40 in the Modelfile", "rtx-4090", 40),
        ('ollama options {"num_gpu": 12} for mistral-small 24b on a 3060', "rtx-3060", 12),
        ("qwen3:235b on an RX 7900 XTX, num_gpu 0 works but slow", "rx-7900-xtx", 0),
    ],
)
def test_ollama_num_gpu_is_a_layer_count(text, hw, layers):
    q = parse(text)
    assert q.hardware is not None and q.hardware.id == hw
    assert q.gpus in (None, 1)
    assert q.layers_said == [layers]
    r = ask(text).reports[0]
    assert r.hardware.count == 1


@pytest.mark.parametrize(
    ("text", "gpus"),
    [
        ("python train.py --num_gpu 4 on A100 40GB", 4),
        ("deepspeed --num_gpus 8 on H100", 8),
        ('llmfit says "gpuCount": 2 for my RTX 3090', 2),
    ],
)
def test_a_count_of_gpus_under_a_key_stays_a_count(text, gpus):
    q = parse(text)
    assert q.gpus == gpus and not q.layers_said


# 2. The size in an iGPU's driver name ("Intel(R) Arc(TM) 140T GPU (32GB)", as ggml_vulkan prints
# it) is the memory the GPU may share, half the RAM: the GPU holds that much, the machine twice it
@pytest.mark.parametrize(
    ("text", "hw", "share"),
    [
        (
            "ggml_vulkan: 0 = Intel(R) Arc(TM) 140T GPU (32GB) (Intel Corporation) | uma: 1 | fp16: 1"
            "\nQwen3-Coder-30B-A3B-Instruct-Q4_K_M.gguf crashes",
            "arc-140t",
            32,
        ),
        (
            "ggml_vulkan: 0 = AMD Radeon 780M Graphics (32GB) (AMD proprietary driver) | uma: 1\n"
            "qwen3-30b-a3b Q4_K_M runs slow",
            "radeon-780m",
            32,
        ),
        (
            "ggml_vulkan: 0 = Intel(R) Arc(TM) Graphics (16GB) (Intel Corporation) | uma: 1\n"
            "Core Ultra 7 155H, gemma 3 12b q4_k_m",
            "arc-meteor-lake",
            16,
        ),
    ],
)
def test_an_igpu_share_in_its_name_is_no_ram_size(text, hw, share):
    q = parse(text)
    assert q.hardware.id == hw and q.gpu_share_gb == share
    a = ask(text)
    r = a.reports[0]
    assert r.hardware.memory_gb == 2 * share
    assert r.placement.kind == "unified" and r.fit != "wont_fit"
    assert any(x.what == "ram" and f"{share:g} GB in the GPU's name" in x.value for x in a.assumed)


@pytest.mark.parametrize(
    "text",
    [
        "GPT-OSS-120B-Q4_K_M not working with 128GB RAM, Intel Arc 140T GPU (64GB)",
        "Intel Core Ultra 7 255H\nRAM 32.0 GB\nIntel(R) Arc(TM) Pro 140T GPU (16GB), llama 3.1 8b",
        "RTX 4060 GPU (8GB) with 32GB RAM, llama 3.1 8b",
    ],
)
def test_the_ram_said_or_a_card_keeps_its_reading(text):
    q = parse(text)
    assert q.gpu_share_gb is None


# 3. A device named as a guide's subject ("following the DGX Spark guide ... on my Jetson") is no
# machine beside the device the guide is followed on (as a device a model needs is not)
@pytest.mark.parametrize(
    ("text", "hw"),
    [
        (
            "While following the public DGX Spark guide to install OpenClaw on my Jetson AGX Orin"
            " 64GB, llama 3.1 8b is slow",
            "jetson-agx-orin-64gb",
        ),
        ("Following the DGX Spark guide on my RTX 4090, qwen3.6:35b is slow", "rtx-4090"),
        ("I followed the Strix Halo guide on my Mac mini M4 Pro 48GB, qwen3 30b?", "m4-pro-20c"),
        (
            "following the DGX Spark's playbook on a Jetson Orin Nano, llama 3.2 3b",
            "jetson-orin-nano-8gb",
        ),
    ],
)
def test_a_guides_subject_is_no_machine(text, hw):
    q = parse(text)
    assert q.hardware.id == hw
    assert any("a guide's subject" in i for i in q.ignored)


@pytest.mark.parametrize(
    ("text", "hw"),
    [
        ("Strix Halo setup guide: 128GB, which model runs best?", "radeon-8060s"),
        ("DGX Spark vs RTX 5090 guide for qwen3 32b", "dgx-spark"),
    ],
)
def test_a_guide_of_the_one_device_or_a_comparison_keeps_it(text, hw):
    q = parse(text)
    assert q.hardware.id == hw and not any("a guide's subject" in i for i in q.ignored)


# 4. A size class with a level asked ("671b Q8") where today's model of the size has no file at
# that level in its repos (DeepSeek V3.2's stop at Q6_K): the family's releases that do come first
def _carries_level(model_id, quant):
    from fitengine.catalog import default_catalog

    cat = default_catalog()
    level = int(cat.quants[quant].bpw)
    return any(
        k in cat.quants and int(cat.quants[k].bpw) == level
        for r in cat.models[model_id].gguf
        for k in r.quants
    )


@pytest.mark.parametrize(
    "text",
    [
        "671b Q8 on 1TB RAM, how fast?",
        "what hardware for a 671b at Q8_0?",
        "671B Q8_0 on 8x H200, how fast?",
        "can a 671b model at 8 bit run on 2x EPYC with 1.5TB RAM?",
    ],
)
def test_a_level_asked_of_a_size_goes_to_a_model_that_has_it(text):
    a = ask(text)
    r = a.reports[0]
    assert r.quant == "Q8_0"
    assert _carries_level(r.model.id, "Q8_0")


def test_a_level_todays_model_has_keeps_it_first():
    r = ask("671b Q4_K_M on 512GB RAM").reports[0]
    assert r.model.id == "deepseek-v3.2" and r.quant == "Q4_K_M"


# 6. A processor the catalog infers, asked of a GPU backend its graphics run and it does not
# ("Ryzen 5 4500U ... on vulkan"), is its iGPU (inferred by hardware-rules), not the bare CPU
@pytest.mark.parametrize(
    ("text", "hw"),
    [
        (
            "Ryzen 5 4500U laptop with 16GB, llama 3.2 3b on vulkan, how fast?",
            "radeon-renoir-ryzen-5-4500u",
        ),
        ("llama 3.1 8b on my Ryzen 7 5700U 16GB with Vulkan?", "radeon-cezanne-ryzen-7-5700u"),
        ("ryzen 5 3500u with 8gb, vulkan, tinyllama speed?", "radeon-vega-raven-ryzen-5-3500u"),
        ("Ryzen 7 PRO 7730U 32GB, llama.cpp vulkan, qwen3 8b", "radeon-cezanne-ryzen-7-pro-7730u"),
    ],
)
def test_an_apu_asked_of_vulkan_is_its_graphics(text, hw):
    q = parse(text)
    assert q.hardware.id == hw
    r = ask(text).reports[0]
    assert r.hardware.kind == "igpu" and r.decode_tok_s


@pytest.mark.parametrize(
    ("text", "hw"),
    [
        ("Ryzen 5 4500U 16GB, llama 3.2 3b, how fast?", "ryzen-5-4500u"),
        ("Ryzen 5 5625U 16GB on ROCm, qwen3 4b", "ryzen-5-5625u"),
        ("Ryzen 9 5950X with a RTX 3090 on vulkan, qwen3 32b", "rtx-3090"),
    ],
)
def test_no_gpu_backend_its_graphics_run_keeps_the_processor(text, hw):
    assert parse(text).hardware.id == hw
