"""Kinds of mistake the blind a60- questions showed (round advice60): each read as its writer
meant it."""

from __future__ import annotations

from fitengine import ask
from fitengine.nlq import parse


def _rig(q) -> dict[str, int]:
    return {s.id: s.gpus or 1 for s in q.setup}


def test_a_logs_device_name_lines_are_the_cards_of_one_machine():
    """Ollama's "inference compute" lines give each device under a name key ('name="NVIDIA
    GeForce RTX 4090" total="23.5 GiB"'): one line a card, all of them the machine, as a numbered
    device list's lines are; not one device kept and the others left out."""
    text = (
        "gpt-oss 120b garbage output since Ollama version 0.11.11/0.12.0\n\n"
        'name="NVIDIA GeForce RTX 4090" total="23.5 GiB" available="23.1 GiB"\n'
        'name="NVIDIA GeForce RTX 4090" total="23.5 GiB" available="23.1 GiB"\n'
        'name="Tesla V100-SXM2-32GB" total="31.7 GiB" available="31.4 GiB"'
    )
    q = parse(text)
    assert _rig(q) == {"rtx-4090": 2, "v100-sxm2": 1}
    assert not any("one device at a time" in i for i in q.ignored)
    r = ask(text).reports[0]
    assert r.model.id == "gpt-oss-120b" and r.fit != "wont_fit"
    assert r.placement.kind in ("gpu", "multi_gpu")
    # other cards and models, and the log's whole line around the key
    q = parse(
        'time=x level=INFO msg="inference compute" id=GPU-1 library=cuda name="NVIDIA GeForce '
        'RTX 3090" total="23.6 GiB"\ntime=x level=INFO msg="inference compute" id=GPU-2 '
        'library=cuda name="NVIDIA GeForce RTX 3060" total="11.7 GiB"\ncan I run qwen3.6 27b?'
    )
    assert _rig(q) == {"rtx-3090": 1, "rtx-3060": 1} and q.model.id == "qwen3.6-27b"
    q = parse(
        'gemma 4 31b q8\ndescription="NVIDIA GeForce RTX 5090" total="31.4 GiB"\n'
        'description="NVIDIA GeForce RTX 4090" total="23.5 GiB"'
    )
    assert _rig(q) == {"rtx-5090": 1, "rtx-4090": 1} and q.model.id == "gemma-4-31b"
    # one device line is one card; a flag's "-name=" is no device
    q = parse('name="NVIDIA GeForce RTX 3090" total="23.6 GiB"\nqwen3.6 27b at q4?')
    assert q.hardware.id == "rtx-3090" and not q.setup
    q = parse('vllm serve x --served-model-name="qwen" on my RTX 4090, qwen3.6 27b fp8?')
    assert q.hardware.id == "rtx-4090" and not q.setup


def test_a_count_in_digits_before_each_cards_memory_counts_the_cards():
    """ "4张48G的卡" (four 48 GB cards), "3 16GB cards": a count in digits glued to its measure
    word, or before an amount the cards follow, counts the cards of that memory, as a count in
    words does ("两张24G的显卡", "four 48GB cards"). A bare number before an amount of something
    else is no count ("2 16GB sticks of ram" stays RAM)."""
    cases = {
        "4张48G的卡塞不下GLM5.3flash吧": ("glm-5.3-flash", 4, 48.0),
        "用4块24G的卡跑qwen3.5 122b": ("qwen3.5-122b-a10b", 4, 24.0),
        "I have 3 16GB cards, can I run gpt-oss-120b": ("gpt-oss-120b", 3, 16.0),
        "2 24GB GPUs, qwen3.6 27b at 128k?": ("qwen3.6-27b", 2, 24.0),
        "两张24G的显卡能跑qwen3.6 27b吗": ("qwen3.6-27b", 2, 24.0),
    }
    for text, (model, gpus, vram) in cases.items():
        q = parse(text)
        assert (q.model.id, q.gpus, q.vram_gb) == (model, gpus, vram), text
    r = ask("4张48G的卡塞不下GLM5.3flash吧").reports[0]
    assert r.hardware.count == 4 and r.fit != "wont_fit"
    q = parse("I have 2 16GB sticks of ram and a 3060")
    assert q.gpus is None and q.hardware.id == "rtx-3060"
    q = parse("llama 3 8GB VRAM enough?")
    assert q.gpus is None


def test_a_quants_file_size_in_parentheses_is_no_memory():
    """ "I downloaded the Q8_K_XL quant from Unsloth (~595gb)": the size in parentheses after a
    quant's file and where it came from is that file's, not the machine's memory; the machine is
    read from its own words (a Mac Studio, an RTX 3090, a Strix Halo)."""
    text = (
        "I have used your gmlx with great success in streaming Kimi-K3 GGUF (q2) on my Mac Studio. "
        "I am curious if Kimi-Code (K2.7) has support? ... I can confirm it is working - I "
        "downloaded the Q8_K_XL quant from Unsloth (~595gb)."
    )
    q = parse(text)
    assert q.vram_gb is None
    assert q.hardware is not None and q.hardware.id.startswith("m5-")
    assert any("a file's size" in i for i in q.ignored)
    cases = {
        "I downloaded the Q4_K_M quant from bartowski (~20GB), will qwen3.6 27b run on my RTX 3090?": (
            "rtx-3090"
        ),
        "gpt-oss-120b: the MXFP4 file (~61GB) on my strix halo?": "radeon-8060s",
        "the UD-Q4_K_XL gguf by unsloth (18GB) of gemma 4 31b on an rtx 4090?": "rtx-4090",
    }
    for t, hw in cases.items():
        q = parse(t)
        assert q.hardware.id == hw and q.vram_gb is None, t
    # a memory in parentheses after a card or said as RAM stays the memory had
    assert parse("my 3090 (24gb) and the q4 quant of qwen3.6 27b").vram_gb == 24.0
    assert parse("q4 on my machine (64gb ram) for qwen3.6 35b a3b").ram_gb == 64.0
