"""Machines as round parser36 reads them: named by the product people bought (a laptop's line with
its model words and codes before a card, "Legion Ultra 7 NVIDIA 5090", "ThinkPad P1 Gen 6 RTX
4090"; a Strix Halo mini PC, "Beelink GTR9 Pro") or by what their tools print (a spec list's "GPU:
1" and "RAM: 16 GiB" after "vCPUs: 4"; nvidia-smi's total a little under the card's memory,
"32607 MiB" on a 32 GB RTX 5090)."""

from __future__ import annotations

import pytest

from fitengine.nlq import parse


@pytest.mark.parametrize(
    ("text", "hw"),
    [
        ("My Lenovo Legion Ultra 7 NVIDIA 5090", "rtx-5090-laptop"),
        ("Lenovo ThinkPad P1 Gen 6 RTX 4090", "rtx-4090-laptop"),
        ("my Legion Pro 7 NVIDIA RTX 4090 laptop", "rtx-4090-laptop"),
    ],
)
def test_a_machines_number_counts_no_cards(text, hw):
    q = parse(text)
    assert q.hardware is not None and q.hardware.id == hw
    assert q.gpus is None


@pytest.mark.parametrize(
    ("text", "ram", "vram"),
    [
        ("vCPUs: 8\nRAM: 32 GiB", 32, None),
        ("cores: 8\nRAM: 32GB", 32, None),
        ("CPU: 8\n\nRAM: 16 GiB", 16, None),
        ("vCPUs: 4 RAM: 16 GiB", 16, None),
        ("8 vram + 16 ram", 16, 8),
        ("i have 16 ram and a 3060", 16, None),
    ],
)
def test_a_spec_lists_next_label_takes_no_number_before_it(text, ram, vram):
    q = parse(text)
    assert q.ram_gb == ram
    assert q.vram_gb == vram


def test_a_cloud_spec_list_counts_its_gpus():
    q = parse("Instance type: g5.xlarge\n\nGPU: 1\n\nGPU Memory: 24 GiB\n\nvCPUs: 4\n\nRAM: 16 GiB")
    assert (q.hardware.id, q.gpus, q.vram_gb, q.ram_gb) == ("a10", 1, 24, 16)
    q = parse("GPUs: 4\nRAM: 256 GB\nA100 80GB")
    assert q.gpus == 4 and q.ram_gb == 256


@pytest.mark.parametrize("text", ["GPU: 4090\nRAM: 64GB", "GPU: 0\nRTX 3090"])
def test_a_gpu_label_with_a_card_or_an_index_counts_nothing(text):
    assert parse(text).gpus is None


@pytest.mark.parametrize(
    ("text", "hw", "gb"),
    [
        ("GPU: NVIDIA GeForce RTX 5090 | 32607 MiB", "rtx-5090", 32),
        ("NVIDIA GeForce RTX 5080 16303 MiB", "rtx-5080", 16),
        ("NVIDIA A10G 1MiB /  23028MiB", "a10", 22.49),
    ],
)
def test_nvidia_smi_total_a_little_under_the_cards_memory(text, hw, gb):
    q = parse(text)
    assert q.hardware.id == hw and q.vram_gb == gb


@pytest.mark.parametrize("text", ["Beelink GTR9 Pro 128GB", "my gtr9 pro runs qwen3 30b"])
def test_strix_halo_mini_pc_by_product(text):
    assert parse(text).hardware.id == "radeon-8060s"
