"""Hardware, quant and counts as round parser42 reads them: a Core Ultra named with its tier first
("Core 7 Ultra 265K": the processor, not a 265K context), a number format said as what a card
lacks or supports ("lacking support for fp8": no quant), an option weighed before the machine had
("considering a 2x R9700 rig. Currently I have 2x 3090": the 3090s first, the R9700 beside them)
and a count said by a noun after the name ("our GX10 pair": two)."""

from __future__ import annotations

import pytest

from fitengine.nlq import parse


@pytest.mark.parametrize(
    ("text", "hw"),
    [
        ("my Intel Core 7 Ultra 265K with 64GB DDR5, what runs well?", "core-ultra-7-265k"),
        ("Core 9 Ultra 285K and 128GB RAM, no GPU", "core-ultra-9-285k"),
        ("laptop with a Core 5 Ultra 125H and 32GB", "core-ultra-5-125h-cpu"),
        ("Core 7 Ultra 255H, 32GB: which model?", "core-ultra-7-255h-cpu"),
    ],
)
def test_core_ultra_with_its_tier_first(text, hw):
    q = parse(text)
    assert q.hardware is not None and q.hardware.id == hw
    assert q.context is None


def test_a_bare_k_figure_is_still_a_context():
    assert parse("qwen3 8b with a 128K context on my 3090").context in (128000, 131072)


@pytest.mark.parametrize(
    ("text", "quant"),
    [
        ("my 3090 has no fp8 support, which quant for qwen3 32b?", None),
        ("FP8 is not supported on my 3090, so I run Q4_K_M", "Q4_K_M"),
        ("Ampere cards lack FP8, what should I run qwen3-32b in on a 3090?", None),
        ("The 5090 has FP4 tensor cores; gemma 3 27b at q6_k?", "Q6_K"),
        ("two 3090s but lacking support for fp8 hurts with vllm", None),
    ],
)
def test_a_format_a_card_lacks_is_no_quant(text, quant):
    assert parse(text).quant == quant


@pytest.mark.parametrize(
    "text",
    [
        "running qwen3-30b in fp8 on 2x 4090",
        "the PR that adds mxfp4 support runs gpt-oss-20b fine on my 4090",
        "qwen3 32b fp8 on an H100",
    ],
)
def test_a_format_run_is_still_the_quant(text):
    assert parse(text).quant is not None


@pytest.mark.parametrize(
    ("text", "had", "option", "gpus"),
    [
        (
            "Thinking about buying a 5090. Right now I have a 3090 with 64GB RAM.",
            "rtx-3090",
            "rtx-5090",
            None,
        ),
        (
            "I am planning to build a dual 5090 box. At the moment I have one 4090.",
            "rtx-4090",
            "rtx-5090",
            1,
        ),
        (
            "I am considering a 7900 XTX. Currently I have a 3060 12GB.",
            "rtx-3060",
            "rx-7900-xtx",
            None,
        ),
        (
            "Thinking of building a quad MI50 server. Right now I have 2x 3090.",
            "rtx-3090",
            "mi50-32gb",
            2,
        ),
        ("I have a 3090. Would a 5090 be worth it?", "rtx-3090", "rtx-5090", None),
    ],
)
def test_an_option_weighed_before_the_machine_had(text, had, option, gpus):
    q = parse(text)
    assert q.hardware is not None and q.hardware.id == had
    assert q.hardware_b is not None and q.hardware_b.id == option
    assert q.gpus == gpus


@pytest.mark.parametrize(
    ("text", "hw", "gpus"),
    [
        ("the QSFP cable between our GX10 pair keeps dropping", "dgx-spark", 2),
        ("my 3090 pair runs llama 3.3 70b at 15 t/s", "rtx-3090", 2),
        ("which model for an MI50 trio?", None, 3),
        ("a 4090 duo for qwen3 235b?", "rtx-4090", 2),
    ],
)
def test_a_count_said_by_a_noun_after_the_name(text, hw, gpus):
    q = parse(text)
    assert q.hardware is not None and (hw is None or q.hardware.id == hw)
    assert q.gpus == gpus


def test_paired_with_is_no_count():
    q = parse("I have a 4090 paired with a 3090")
    assert q.gpus in (None, 1)


@pytest.mark.parametrize(
    ("text", "hw", "gpus"),
    [
        ("I saw you ran it on 4x H100. Could it work on 2x 4090?", "rtx-4090", 2),
        ("You used 8 V100s for the paper. Is one RTX 3090 enough to fine-tune it?", "rtx-3090", 1),
        (
            "I can't get access to an H100, but I tried with an A6000 and it hangs",
            "rtx-a6000",
            None,
        ),
        ("you are using two A6000 there, would my 7900 XTX do?", "rx-7900-xtx", None),
    ],
)
def test_the_authors_or_an_unreachable_device_is_not_the_machine(text, hw, gpus):
    q = parse(text)
    assert q.hardware is not None and q.hardware.id == hw
    assert q.hardware_b is None
    assert q.gpus == gpus


@pytest.mark.parametrize(
    ("text", "hw", "gpus"),
    [
        ("you used a single 8xH100 node, is that 8 separate H100 machines?", "h100", 8),
        ("if you use a 3090 you can run qwen3 32b at q4", "rtx-3090", None),
        ("you run 2x 4090, what speed do you get with llama 70b?", "rtx-4090", 2),
    ],
)
def test_the_authors_device_alone_is_still_the_device(text, hw, gpus):
    q = parse(text)
    assert q.hardware is not None and q.hardware.id.startswith(hw)
    assert q.gpus == gpus


@pytest.mark.parametrize(
    ("text", "vram", "ram"),
    [
        ("Resource usage\n* GPU memory: 7.1 GB of 8 GB\n* RAM: 3.2 GB", 8, None),
        ("Memory used\n- VRAM 7.1/8 GB\n- RAM 3 GB", 8, None),
        ("Memory usage:\n- VRAM: 21.3 GB\n- RAM: 12 GB\nrunning qwen3 32b on my 3090", None, None),
        ("Footprint\n  • VRAM: 10 GB out of 12 GB\n  • System RAM: ~2.5 GB (KV offload)", 12, None),
    ],
)
def test_a_list_under_a_heading_of_memory_in_use(text, vram, ram):
    q = parse(text)
    assert q.vram_gb == vram and q.ram_gb == ram


def test_a_spec_list_keeps_its_memory():
    q = parse("My setup:\n- RTX 3090 24GB\n- 64GB RAM")
    assert q.vram_gb == 24 and q.ram_gb == 64


@pytest.mark.parametrize(
    ("text", "vram"),
    [
        (
            "device,VRAM Total Memory (B),VRAM Total Used Memory (B)\ncard0,25753026560,1234567",
            24,
        ),
        (
            "rocm-smi --showmeminfo vram --csv\ndevice,GPU use (%),VRAM Total Memory (B),VRAM Total"
            " Used Memory (B),Card Series\ncard0,3,17163091968,512000000,Radeon RX 7800 XT",
            16,
        ),
        (
            "device,VRAM Total Memory (B),VRAM Total Used Memory (B),Card Series\n"
            "card0,34342961152,10485760,AMD Instinct MI50\ncard1,34342961152,10485760,AMD Instinct MI50",
            32,
        ),
    ],
)
def test_rocm_smi_csv_total_memory_column(text, vram):
    assert parse(text).vram_gb == vram
