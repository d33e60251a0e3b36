"""parser41 (issue 9, GPU count and system RAM as stated): a visible-devices variable in an env map
("CUDA_VISIBLE_DEVICES:0,1,2") and with no card named; machines with their letters, each with cards
("4 gpu servers A,B,C,D, each has 4 A800s"); numbered GPUs each with its memory ("GPU 1 (12GB) +
GPU 2 (12GB)"); a single card said in use beside a visible-devices list; RAM in Japanese and German
(catalog/language.yaml ram_words, ram_labels, amount_joiners), in a table row ("| RAM | 64 GB |")
and said with "is" ("my ram is 64gb")."""

import pytest

from fitengine.nlq import parse


def _got(text):
    q = parse(text)
    return (q.hardware.id if q.hardware else None, q.gpus, q.vram_gb, q.ram_gb)


@pytest.mark.parametrize(
    "text,want",
    [
        # a visible-devices variable: "=" or an env map's ":", no card named
        (
            'INFO server config env="map[CUDA_VISIBLE_DEVICES:0,1,2 GPU_DEVICE_ORDINAL: HIP_VISIBLE',
            (None, 3, None, None),
        ),
        ("CUDA_VISIBLE_DEVICES=0,1,2,3 python train.py --model llama", (None, 4, None, None)),
        ("HIP_VISIBLE_DEVICES: 0,1 llama-server -m model.gguf", (None, 2, None, None)),
        # one card said in use beside the list: the list is the cards had
        (
            "已经设置了CUDA_VISIBLE_DEVICES=0,1,2,3，但是在通过ollama调用模型时，仍是跑单块GPU",
            (None, 4, None, None),
        ),
        ("I set CUDA_VISIBLE_DEVICES=0,1 but ollama only uses one GPU", (None, 2, None, None)),
        ("CUDA_VISIBLE_DEVICES=0,1,2 and still a single gpu is used", (None, 3, None, None)),
        ("it runs on a single GPU with 16gb", (None, 1, 16.0, None)),
        # machines, each with cards
        (
            "I have 4 gpu servers A,B,C,D, each has 4 NVIDIA A800 80GB PCIe.",
            ("a800-80gb-pcie", 16, 80.0, None),
        ),
        ("we have 2 servers, each has 8 H100 cards", ("h100-sxm", 16, None, None)),
        ("3 nodes each having 4 RTX 4090", ("rtx-4090", 12, None, None)),
        ("2 GPU nodes, each with 8 A100s", ("a100-80gb-sxm", 16, None, None)),
        ("across 4 nodes with 14 H100s", ("h100-sxm", 14, None, None)),
        # numbered GPUs each with its memory
        # (the total said is both cards', so each card's is 12: advice82)
        ("• GPU 1 (12GB) + GPU 2 (12GB) = 24GB total VRAM.", (None, 2, 12.0, None)),
        ("GPU0 (24 GB), GPU1 (24 GB), GPU2 (16 GB) on my box", (None, 3, 24.0, None)),
        ("my 3090s: gpu 0 (24GB) and gpu 1 (24GB)", ("rtx-3090", 2, 24.0, None)),
        ("a GPU (8GB) and 32gb ram", (None, None, 8.0, 32.0)),
        # RAM in Japanese (a card's memory is ビデオメモリ / GPUメモリ)
        (
            "ハードウェアはNVIDIA GeForce RTX 3060 Ti(8GB VRAM)と96GBのシステムメモリ。",
            ("rtx-3060-ti", None, 8.0, 96.0),
        ),
        ("RTX 4090と64GBメモリのPCでQwen3を動かす", ("rtx-4090", None, None, 64.0)),
        ("システムメモリ 128GB、GPUはRTX 3090", ("rtx-3090", None, None, 128.0)),
        ("GPUメモリ 24GBのRTX 4090", ("rtx-4090", None, 24.0, None)),
        ("24GBのビデオメモリ", (None, None, 24.0, None)),
        # and German
        ("RTX 3090 mit 64 GB Arbeitsspeicher", ("rtx-3090", None, None, 64.0)),
        ("Arbeitsspeicher: 32 GB, Grafikkarte RTX 4070", ("rtx-4070", None, None, 32.0)),
        ("Ich habe 128GB RAM-Speicher und eine 3090", ("rtx-3090", None, None, 128.0)),
        # a table row's label
        ("| GPU | RTX 4090 |\n| RAM | 128 GB |\n| OS | Ubuntu |", ("rtx-4090", None, None, 128.0)),
        ("|CPU|Ryzen 7 7700|\n|RAM|64GB|", ("ryzen-7-7700", None, None, 64.0)),
        ("| GPU | RTX 3090 24GB |\n| RAM | 96 GB DDR5 |", ("rtx-3090", None, 24.0, 96.0)),
        # RAM said with "is" / "was"; a card's "memory is" stays its VRAM
        ("my ram is 64gb and i have a 3090", ("rtx-3090", None, None, 64.0)),
        ("system memory is 128 GB with two 4090s", ("rtx-4090", 2, None, 128.0)),
        ("My RAM was 16GB before the upgrade, with a 3060", ("rtx-3060", None, None, 16.0)),
        ("the 4090 memory is 24GB", ("rtx-4090", None, 24.0, None)),
        ("RTX 3060, its memory is 12gb", ("rtx-3060", None, 12.0, None)),
    ],
)
def test_counts_and_ram_as_stated(text, want):
    assert _got(text) == want
