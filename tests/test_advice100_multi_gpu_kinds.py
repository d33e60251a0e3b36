"""Kinds of mistake this round's blind multi-GPU questions showed (round advice100): a server's
command pasted, a card counted as "the second one" in another language, a spec sheet's card list
with semicolons, and tensor parallel over a card count the heads do not divide."""

from __future__ import annotations

from fitengine import ask
from fitengine.nlq import parse


def test_a_servers_kv_cache_dtype_flag_is_the_cache_not_the_weights():
    """ "--kv-cache-dtype fp8_e5m2" (SGLang, vLLM) or kv_cache_dtype="fp8" sets the KV cache's
    type: the weights keep their own format (gpt-oss-20b in its MXFP4, on one 16 GB card)."""
    for text in (
        "vllm serve openai/gpt-oss-20b --tensor-parallel-size 2 --kv-cache-dtype fp8 on two"
        " RTX 5060 Ti 16GB",
        "sglang on 2x 5060 Ti 16GB: --model-path openai/gpt-oss-20b --kv-cache-dtype fp8_e4m3",
        'LLM(model="openai/gpt-oss-20b", kv_cache_dtype="fp8") with two 5060 Ti 16GB',
    ):
        q = parse(text)
        assert q.quant is None and q.kv_type == "q8_0", (text, q.quant, q.kv_type)
        r = ask(text).reports[0]
        assert r.quant == "MXFP4" and r.placement.kind == "gpu", (text, r.quant, r.placement.kind)
    # an FP8 checkpoint said of the weights is still the weights' format
    assert parse("qwen3.6 27b fp8 on 2x 4090").quant == "Q8_0"
    # llama.cpp's own cache flags as before
    q = parse("-ctk q8_0 -ctv q8_0 with qwen3.6 27b q4_k_m")
    assert (q.quant, q.kv_type) == ("Q4_K_M", "q8_0")


def test_the_second_card_said_in_another_language_counts_two():
    """ "Вы купили вторую RTX 3090" (you bought a second 3090), "eine zweite 3090", "una segunda
    3090": two cards, and a 70B at Q4 then fills both; a second one only wanted is not had."""
    for text in (
        "Купил вторую RTX 3090 и запустил Llama 3.1 70B, вторая карта почти не загружена",
        "Ich habe eine zweite RTX 3090 eingebaut, wie schnell läuft Llama 3.1 70B?",
        "compré una segunda RTX 3090, ¿qué tal corre Llama 3.1 70B?",
    ):
        q = parse(text)
        assert q.gpus == 2 and q.hardware.id == "rtx-3090", (text, q.gpus)
        r = ask(text).reports[0]
        assert r.placement.kind == "multi_gpu" and r.fit != "wont_fit", (text, r.placement.kind)
        assert all(d.weights_gb > 0 for d in r.placement.devices if d.name != "RAM")
    assert parse("Хочу купить вторую RTX 3090 для Llama 3.1 70B").gpus is None


def test_a_spec_sheets_cards_listed_with_semicolons_are_one_rig():
    """ "GPUs: Radeon AI PRO R9700 32 GiB; Radeon RX 7900 XTX 24 GiB": the machine's two cards;
    a 35B-A3B at Q4_K_M fits the faster one alone, so the run is on that card of the rig."""
    text = (
        "GPUs: Radeon AI PRO R9700 32 GiB; Radeon RX 7900 XTX 24 GiB\n"
        "model: qwen3.5:35b quantization: Q4_K_M, it crashes when split across both cards"
    )
    q = parse(text)
    assert [s.id for s in q.setup] == ["radeon-ai-pro-r9700", "rx-7900-xtx"]
    r = ask(text).reports[0]
    assert {p.id for p in r.hardware.parts} == {"radeon-ai-pro-r9700", "rx-7900-xtx"}
    assert r.placement.kind == "gpu" and len(r.placement.devices) == 1
    # a card and an alternative on the line stay one device at a time
    assert parse("GPU: 4090; considering a 5090 for qwen3.6 27b").setup == []


def test_tensor_parallel_over_cards_the_heads_do_not_divide_is_said():
    """vLLM's tensor parallel splits the attention heads evenly: Llama 2 13B's 40 heads do not
    divide over three 3090s, asked with vLLM's own flag and no server named; the answer says the
    count that divides (2) or pipeline parallel over all three. The KV heads must suit the count
    too: Qwen3 14B's 40 heads divide by 10, its 8 KV heads do not, so 8 of 12 cards, not 10 (and
    Qwen3.6 27B's 4 KV heads over 3 cards neither: vLLM's QKV split). Its 24 heads and 4 KV heads
    over four cards: no such note."""
    text = (
        "I have 3 GPUs (3x3090). When I set tensor_parallel_size to 3 for LLaMA-2-13B I get a"
        " ValueError about the attention heads."
    )
    a = ask(text)
    assert "40 do not divide over 3 cards" in a.message, a.message
    assert "--tensor-parallel-size 2" in a.message and "--pipeline-parallel-size 3" in a.message
    b = ask("vllm serve Qwen/Qwen3-14B on a box with 12 RTX A4000 cards")
    assert "--tensor-parallel-size 8 (4 cards idle)" in b.message, b.message
    c = ask("vllm serve Qwen/Qwen3.6-27B on 3x 3090")
    assert "24 do not divide over 3 cards: run --tensor-parallel-size 2" in c.message
    d = ask("vllm serve Qwen/Qwen3.6-27B on 4x 3090")
    assert "do not divide" not in d.message


def test_one_card_beside_the_other_is_one_of_several_not_a_count_of_one():
    """ "1707 MB on one card, 14693 MB on the other": the rig's two 16 GB cards ("2x16 GB"), an
    MoE at Q8_0 (more than both hold) with experts in RAM and both cards full; "one GPU" alone
    still counts one."""
    text = (
        "Measured on 2x16 GB with Qwen3.6-35B-A3B Q8_0 at --n-cpu-moe 24: 1707 MB on one card,"
        " 14693 MB on the other."
    )
    q = parse(text)
    assert (q.gpus, q.vram_gb) == (2, 16.0)
    r = ask(text).reports[0]
    assert r.hardware.count == 2 and r.placement.kind == "moe_offload"
    gpus = [d for d in r.placement.devices if d.name != "RAM"]
    assert len(gpus) == 2 and all(d.total_gb > 0.75 * d.available_gb for d in gpus)
    assert parse("I run qwen3.6 27b on one GPU, a 3090").gpus == 1
    assert parse("one GPU at 95%, the other one at 20% on my two 3090s").gpus == 2


def test_an_8_bits_per_weight_exl_file_is_8_bit_weights():
    """ "qwen3.6 27b at 8bpw" (an EXL2/EXL3 file, the way exllama users say it): GGUF's 8-bit,
    Q8_0, over the two 3090s, not the 6.56-bit Q6_K; 6.5 bpw stays Q6_K."""
    q = parse("exllamav3 on 2x 3090: qwen3.6 27b at 8bpw?")
    assert q.quant == "Q8_0" and q.gpus == 2
    r = ask("exllamav3 on 2x 3090: qwen3.6 27b at 8bpw?").reports[0]
    assert r.quant == "Q8_0" and r.placement.kind == "multi_gpu"
    assert parse("qwen3.6 27b exl2 6.5bpw on a 4090 and a 3090").quant == "Q6_K"
    assert parse("qwen3.6 27b at 4.65bpw").quant == "Q4_K_S"


def test_a_counted_list_naming_a_card_twice_counts_the_list():
    """ "three GPUs: 3090, 3090, 3060": the three are the list, two 3090s and a 3060, not four
    cards; a list of different cards under its count stays one each."""
    q = parse("three GPUs: 3090, 3090, 3060 - which model for coding?")
    assert q.gpus == 3 and [(s.id, s.gpus) for s in q.setup] == [
        ("rtx-3090", 2),
        ("rtx-3060", None),
    ]
    q = parse("4 GPUs: 3090, 3090, 3090, 4090")
    assert q.gpus == 4 and [(s.id, s.gpus) for s in q.setup] == [
        ("rtx-3090", 3),
        ("rtx-4090", None),
    ]
    q = parse("two GPU cards: Nvidia 1080ti and AMD radeon 6900xt")
    assert q.gpus == 2 and [s.gpus for s in q.setup] == [None, None]
