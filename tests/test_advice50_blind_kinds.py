"""Kinds of mistake round advice50's blind questions (issue threads outside the parser set)
showed: each read as its writer meant it."""

from __future__ import annotations

from fitengine import ask
from fitengine.nlq import parse


def test_vllms_own_words_for_the_window_are_the_context_asked():
    """vLLM's error "The model's max seq len (32768) is larger than the maximum number of tokens
    that can be stored in KV cache (24320)" and "max_model_len为1M": the window the person wants,
    not the default 8K (the KV cache's 24320 is what fitted, not the ask)."""
    said = {
        "Qwen1.5-7B-Chat-GPTQ-Int4 on an RTX3090-24G: ValueError: The model's max seq len (32768)"
        " is larger than the maximum number of tokens that can be stored in KV cache (24320).": 32768,
        "glm4-9b-1m on 40G, max_model_len为1M": 1048576,
        "qwen3 8b on a 4090 with max_model_len=40960": 40960,
        "--max-seq-len 16384 on my 3090 for llama 3.1 8b": 16384,
    }
    for text, tokens in said.items():
        assert parse(text).context == tokens, text
    a = ask(next(iter(said)))
    assert a.reports and a.reports[0].context >= 32768


def test_the_card_to_fine_tune_on_is_not_the_card_asked_to_run_on():
    """ "微调8卡a800（80G）够吗，推理至少需要什么显卡呢，8卡4090够吗": fine-tuning on the A800s, running
    on eight 4090s; the estimate is for running, so the 4090s answer."""
    q = parse(
        "qwen3.5 397b的模型，微调8卡a800（80G）够吗，推理至少需要什么显卡呢，8卡4090够吗，"
        "另外1卡4090最多可以推理什么样的qwen模型呢，2卡，4卡呢"
    )
    assert q.hardware.id == "rtx-4090" and q.gpus == 8
    q = parse("I want to fine-tune on 8x A100 and then serve Qwen3.6 27B on 2x 4090")
    assert q.hardware.id == "rtx-4090" and q.gpus == 2
    # one card named for both: still that card
    q = parse("can I fine-tune and run qwen3 8b on my 3090?")
    assert q.hardware.id == "rtx-3090"
    # two cards compared, no training word: both sides kept
    q = parse("Qwen3.6 27B on a 4090 or a 3090?")
    assert q.hardware.id == "rtx-4090" and q.hardware_b.id == "rtx-3090"


def test_an_amount_joined_to_its_memory_word_by_de_is_that_memory():
    """ "请问128G的内存可以跑此框架支持的哪些模型？": 内存 is system RAM, and 的 ("of") between the amount
    and the word does not make it a 128 GB GPU; "128GB的显存" stays graphics memory."""
    for text in ("请问128G的内存可以跑此框架支持的哪些模型？", "我有128GB的内存，能跑什么模型"):
        q = parse(text)
        assert q.ram_gb == 128 and q.vram_gb is None, text
    q = parse("128GB的显存可以跑什么")
    assert q.vram_gb == 128 and q.ram_gb is None
    a = ask("请问128G的内存可以跑此框架支持的哪些模型？")
    assert "GPU 128GB" not in a.message
    q = parse("a 3090 with 64gb of ram")
    assert q.ram_gb == 64 and q.hardware.id == "rtx-3090"


def test_glm_4_9b_chat_1m_and_glm_4_5v_are_their_own_models():
    """GLM-4-9B-Chat-1M (4 KV groups, a 1M window) and GLM-4.5V (GLM-4.5-Air's 106B-A12B with a
    vision encoder) were read as GLM-4-9B and the 355B GLM-4.5."""
    q = parse(
        "想部署一下glm4-9b-1m模型，目前40G显存跑不起来，请问一下需要多少显存才能跑支持max_model_len为1M的大模型？"
    )
    assert q.model.id == "glm-4-9b-chat-1m" and q.context == 1048576
    q = parse("两张h100能部署glm-4.5V的fp8版本不")
    assert q.model.id == "glm-4.5v" and q.hardware.id.startswith("h100") and q.gpus == 2
    a = ask("两张h100能部署glm-4.5V的fp8版本不")
    assert a.reports[0].fit != "wont_fit"
    assert parse("glm-4.5 on 2x h100").model.id == "glm-4.5"


def test_memory_said_taken_in_chinese_is_not_the_cards_size():
    """ "使用一张 nvidia L40，占用了约14GB的显存": 14 GB is what the run took (占用了 "took", 约
    "about", with no space before it), not a 14 GB card; the L40 keeps its 48 GB."""
    for text in (
        "使用一张 nvidia L40  ，占用了约14GB的显存",
        "使用一张 nvidia L40  ，占用了约14GB显存",
    ):
        q = parse(text)
        assert q.hardware.id == "l40" and q.vram_gb is None, text
    q = parse("内存约32GB 显卡3060 12G")
    assert q.ram_gb == 32 and q.vram_gb == 12
