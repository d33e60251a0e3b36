"""The machine as people paste it: tool output (nvidia-smi, deviceQuery, PyTorch's out-of-memory
line, JSON with a GPU count), spec lists ("Ram 16", "Old GPU:", "4090 24GB / 64GB DDR4"), a
processor's own graphics beside a discrete card, and RAM said outright beside bare amounts."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fitengine.nlq import parse

EXAMPLES = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _nvidia_smi(name: str, rows: int, total_mib: int, used_mib: int = 507) -> str:
    lines = ["+-----------------------------------------+------------------------+"]
    for i in range(rows):
        lines.append(f"|   {i}  NVIDIA {name:<22} Off |   00000000:4{i}:00.0 Off |     Off |")
        lines.append(
            f"| 30%   29C    P8     22W /  450W |   {used_mib}MiB /  {total_mib}MiB |      0%      Default |"
        )
    return "\n".join(lines)


# --------------------------------------------------------------------------- tool output


@pytest.mark.parametrize(
    ("name", "hw", "total_mib", "vram"),
    [("GeForce RTX 4090", "rtx-4090", 24564, 24), ("L4", "l4", 23034, 22.49)],
)
@pytest.mark.parametrize("rows", [2, 4])
def test_nvidia_smi_rows_count_the_cards_and_the_total_is_their_memory(
    name, hw, total_mib, vram, rows
):
    q = parse("out of memory, nvidia-smi:\n" + _nvidia_smi(name, rows, total_mib))
    assert q.hardware is not None and q.hardware.id == hw
    assert q.gpus == rows
    assert q.vram_gb == vram and q.ram_gb is None


def test_a_table_pasted_after_words_on_the_same_line_still_counts_its_first_row():
    text = "torch.OutOfMemoryError on 4090 GPUs ... " + _nvidia_smi("GeForce RTX 4090", 2, 24564)
    assert parse(text).gpus == 2


def test_nvidia_smis_total_is_vram_even_when_no_catalog_card_has_it():
    # a laptop 5090 (24 GB) printed as "NVIDIA GeForce RTX 5090 ...": the total stays the GPU's
    q = parse(_nvidia_smi("GeForce RTX 5090 ...", 1, 24463, 24066))
    assert q.vram_gb == 24 and q.ram_gb is None


@EXAMPLES
@given(rows=st.integers(2, 8), total=st.sampled_from([8192, 12288, 16376, 24576, 49140]))
def test_any_nvidia_smi_table_gives_its_row_count(rows, total):
    q = parse(_nvidia_smi("GeForce RTX 3090", rows, total))
    assert q.gpus == rows
    assert q.ram_gb is None


def test_device_query_global_memory_is_vram():
    text = (
        'Device 0: "GeForce GTX TITAN X"\n'
        "  Total amount of global memory:                 12205 MBytes (12797607936 bytes)"
    )
    q = parse(text)
    assert q.vram_gb == 11.92 and q.ram_gb is None


def test_pytorch_out_of_memory_reserved_is_usage_and_the_total_is_the_card():
    text = (
        "RuntimeError: CUDA out of memory on my 4090. Tried to allocate 3.63 GiB (GPU 0; 23.65 GiB "
        "total capacity; 11.70 GiB already allocated; 608.94 MiB free; 15.57 GiB reserved in total "
        "by PyTorch)"
    )
    q = parse(text)
    assert q.vram_gb == 23.65 and q.ram_gb is None


@pytest.mark.parametrize(
    "text",
    [
        '{"gpuCount": 2,\n "hardwareName": "NVIDIA GeForce RTX 4060 Ti"}',
        "- GPU count: 2\n- GPU model: NVIDIA GeForce RTX 4060 Ti",
        "gpu_count=2 name=NVIDIA GeForce RTX 4060 Ti",
    ],
)
def test_a_tools_gpu_count_under_a_key(text):
    q = parse(text)
    assert q.hardware is not None and q.hardware.id.startswith("rtx-4060-ti")
    assert q.gpus == 2


def test_ollamas_low_vram_threshold_is_no_memory():
    text = (
        'my RTX 4070 SUPER (12 GB VRAM) says msg="entering low vram mode" "total vram"="12.0 GiB" '
        'threshold="20.0 GiB"'
    )
    q = parse(text)
    assert q.vram_gb == 12 and q.ram_gb is None


# --------------------------------------------------------------------------- spec lists


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("My laptop spec ryzen 9\nGpu rx6800M\nRam 16 \nSsd 1tb", 16),
        ("GPU: RTX 3060\nRAM: 32\nOS: Windows 11", 32),
        ("GPU: RTX 3060\n内存：64\n", 64),
    ],
)
def test_a_bare_number_on_a_ram_line_is_ram(text, ram):
    assert parse(text).ram_gb == ram


@pytest.mark.parametrize("text", ["RAM: 3200 MHz\nGPU: RTX 3060", "ram 1\ngpu: rtx 3060"])
def test_a_speed_or_a_one_on_a_ram_line_is_no_memory(text):
    assert parse(text).ram_gb is None


def test_an_old_gpu_line_is_not_the_machine():
    text = "CPU: AMD Ryzen 5700X\nRAM: 128GB DDR4-3200\nOld GPU: AMD RX6800XT\nNew GPU: Nvidia RTX4070Ti Super"
    q = parse(text)
    assert q.hardware is not None and q.hardware.id == "rtx-4070-ti-super"
    assert q.hardware_b is None and q.ram_gb == 128


@pytest.mark.parametrize(
    ("text", "vram", "ram"),
    [
        ("Ubuntu 22 / RTX 4090 24GB / 110 GB DDR4, model UD-Q4_K_XL", 24, 110),
        ("rig: 3090 24GB / 64GB DDR4 / 5950X", 24, 64),
    ],
)
def test_a_spec_line_split_by_slashes_is_card_then_ram(text, vram, ram):
    q = parse(text)
    assert q.vram_gb == vram and q.ram_gb == ram


def test_used_of_total_with_a_slash_is_still_usage():
    q = parse("my 3090 shows 23.1GB / 24GB used when loading qwen 32b")
    assert q.vram_gb != 23.1


@pytest.mark.parametrize(
    ("text", "vram"),
    [
        ("What is the largest size I can get with my RTX 3090 24GBvRAM?", 24),
        ("I'm trying to use the model on a 4060 ti with 16gbof vram", 16),
        ("a pair of RTX 3090s bridged with NVLink, which gives me 48GB of pooled VRAM", 24),
    ],
)
def test_vram_written_glued_or_pooled(text, vram):
    assert parse(text).vram_gb == vram


def test_a_total_after_counted_cards_is_their_memory_not_ram():
    q = parse("2x Nvidia 3090 cards (total 48Gb) or 1x Nvidia 4090 (24Gb)?")
    assert q.ram_gb is None


# --------------------------------------------------------------------------- the machine's GPU


@pytest.mark.parametrize(
    ("text", "hw"),
    [
        (
            "- **CPU**: AMD Ryzen AI 9 HX 370 w/ Radeon 890M\n- **GPU**: NVIDIA GeForce RTX 4060 Laptop GPU",
            "rtx-4060-laptop",
        ),
        (
            "Strix halo miniPC + eGPU RTX 3090 via oculink\n- CPU: AMD RYZEN AI MAX+ 395 w/ Radeon 8060S\n"
            "- RAM: 123Gi total",
            "rtx-3090",
        ),
    ],
)
def test_a_discrete_card_beats_the_processors_own_graphics(text, hw):
    q = parse(text)
    assert q.hardware is not None and q.hardware.id == hw


def test_the_processors_graphics_compared_with_a_card_stay_a_comparison():
    q = parse(
        "Ryzen AI 9 HX 370 w/ Radeon 890M vs RTX 4060 laptop for llama 3 8b, which is faster?"
    )
    ids = {q.hardware and q.hardware.id, q.hardware_b and q.hardware_b.id}
    assert "radeon-890m" in ids


def test_max_q_design_is_the_laptop_card():
    q = parse('"gpu": "NVIDIA GeForce RTX 2070 with Max-Q Design", "ram_gb": 16')
    assert q.hardware is not None and q.hardware.id == "rtx-2070-laptop"
    assert q.ram_gb == 16


def test_chinese_counter_ge_counts_cards():
    q = parse("我机器是4个RTX4090 24G，cpu内存只有128G")
    assert q.hardware is not None and q.hardware.id == "rtx-4090"
    assert q.gpus == 4 and q.vram_gb == 24 and q.ram_gb == 128


# --------------------------------------------------------------------------- RAM said outright


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        (
            "- GPU model: 4x NVIDIA GeForce RTX 5060 Ti 16GB, 1x NVIDIA GeForce RTX 2070 8GB\n"
            "- CPU: Intel Core i7-8700\n- Host RAM: 61GB DDR4",
            61,
        ),
        ("GPU 0: NVIDIA GeForce RTX 3090 (24 GB)\nRAM: 31 GiB (2×16 GB @ 3200 MT/s)", 31),
        (
            "- **CPU:** AMD Ryzen Threadripper 3970X\n- **RAM:** 247Gi total, 224Gi available\n"
            "- **Memory config:** 8 of 8 slot(s) populated — 8× 32 GB @ 2933 MT/s",
            247,
        ),
        ("Exceedingly slow on my 4060 Laptop ... RTX 4060 with 16GB RAM", 16),
    ],
)
def test_ram_said_outright_wins_over_a_bare_amount(text, ram):
    assert parse(text).ram_gb == ram


@EXAMPLES
@given(
    cards=st.sampled_from(["RTX 3090", "RTX 4090", "RTX 3060 12GB", "RX 7900 XTX"]),
    ram=st.sampled_from([16, 32, 48, 64, 96, 128, 192, 256]),
    noise=st.text(alphabet="abc xyz-:*\n", max_size=40),
)
def test_a_labelled_ram_line_is_the_ram_whatever_comes_around_it(cards, ram, noise):
    q = parse(f"GPU: {cards}\n{noise}\nRAM: {ram}GB DDR5\n")
    assert q.ram_gb == ram


@EXAMPLES
@given(st.text(max_size=300))
def test_free_text_never_raises(text):
    parse(text)
    parse("nvidia-smi\n| " + text + " |   0  NVIDIA L4   |   100MiB /  23034MiB |")


def test_a_board_name_on_the_line_above_does_not_cut_the_cards_name():
    # pasted spec lines were one run of name words, cut at 14 words before the card's "Ti"
    q = parse(
        "hostname: fatih-can-B660M-DS3H-DDR4\nGPU 0: NVIDIA GeForce RTX 3090 Ti (24 GB)\n"
        "CPU: 13th Gen Intel Core i5-13500 (14c/20t)"
    )
    assert q.hardware.id == "rtx-3090-ti"
    assert q.vram_gb == 24


def test_the_processors_graphics_in_a_spec_line_are_its_host_beside_a_card():
    q = parse(
        "I am using TB4 eGPU enclosure and AMD Radeon RX 5700 XT with 8GB VRAM. The setup works"
        " with ROCm, but with Vulkan models take forever to load (~30x slower). ... CPU: AMD Ryzen"
        " AI 9 HX 370 w/ Radeon 890M"
    )
    assert q.hardware is not None and q.hardware.id == "rx-5700-xt"
    assert q.hardware_b is None


@pytest.mark.parametrize(
    ("text", "vram", "ram"),
    [
        # TensorRT-LLM's system info and /proc/meminfo give RAM in kilobytes
        ("- CPU/Host memory size 1056501432 kB\n- GPU 1x A100 80GB", 80, 1007.56),
        ("MemTotal:       32791012 kB\nrtx 3060 12gb, L2 cache 3072 KB", 12, 31.27),
        # inxi's total, then what is available and used
        ("System RAM: total: 32 GiB available: 31.24 GiB used: 6.48 GiB\nRTX 4060 8GB", 8, 32),
        # npu-smi's HBM column: used / total megabytes, no unit
        (
            "| NPU ID | Name | Health | Power(W) |\n|  | Bus-Id | NPU Util(%) Memory-Usage(MB)"
            "  HBM-Usage(MB) |\n| 0 | 910B3 | OK | 96.2 |\n|  | 0000:C1:00.0 | 0  0 / 0   3400 / 65536 |",
            64,
            None,
        ),
    ],
)
def test_memory_in_kilobytes_and_unlabelled_megabytes_of_tools(text, vram, ram):
    q = parse(text)
    assert (q.vram_gb, q.ram_gb) == (vram, ram)
