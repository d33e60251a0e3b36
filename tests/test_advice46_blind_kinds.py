"""Kinds of mistake last session's blind questions showed (round advice46): each read as its
writer meant it."""

from __future__ import annotations

from fitengine import ask
from fitengine.nlq import parse


def test_a_range_of_sizes_is_the_range_not_its_first_size():
    """ "models 7B to 32B", "between 14b and 32b", "7-32b": the best models whose size falls in
    the range, not 7B-class models only."""
    for text in (
        "I have a 4090 + 96 GB of ram, I want 100k context with models 7B to 32B. Possible?",
        "best model between 14b and 32b for my 3090",
        "best models from 7b to 32b on a 4090",
        "models 7-32b on my 3090",
    ):
        q = parse(text)
        assert q.model_size_bound == "range" and q.model_size_to_b == 32, text
        a = ask(text)
        sizes = [r.model.params_b for r in a.reports]
        assert sizes and all(6.5 <= s <= 34 for s in sizes), (text, sizes)
        assert max(sizes) > 20, (text, sizes)  # the big end of the range is in the list
        assert "to 32B" in a.message
    # two sizes compared are still two sizes, not a range
    assert parse("compare 7b and 13b on my 3060").model_size_bound is None
    assert parse("best 14b model for a 3090").model_size_bound is None


def test_a_quantizer_said_with_a_size_is_who_made_the_file_not_a_model():
    """ "the unsloth 1.58 bit 671B": unsloth made the file; the model is the 671B whose repo
    carries that 1.58-bit file (DeepSeek R1's UD-IQ1_S, 131 GB), answered at that quant."""
    text = "I use the unsloth 1.58 bit 671B on a 4090 + 128GB RAM rig. I get about 1.7-2.2 t/s."
    q = parse(text)
    assert q.model_size_b == 671 and q.quant == "UD-IQ1_S"
    a = ask(text)
    r = a.reports[0]
    assert r.model.id == "deepseek-r1" and r.quant == "UD-IQ1_S"
    assert r.fit != "wont_fit" and "DeepSeek R1" in a.message.split(";")[0]
    assert parse("bartowski's Q4 70b on a 3090").model_size_b == 70


def test_a_model_given_by_its_file_size_is_answered_on_a_file_of_that_size():
    """ "Can 2x 24GB GPUs run a 40GB model?": whether a ~40 GB file fits the two cards (with its
    KV cache and buffers) and how, on a stand-in of that size, not the setup's best models."""
    for text in (
        "Can 2x 24GB GPUs run a 40GB model?",
        "2x 24GB GPU run a 40GB VRAM model? can I run a model bigger than VRAM of a unique GPU?",
    ):
        q = parse(text)
        assert q.model_file_gb == 40 and q.gpus == 2 and q.vram_gb == 24, text
        a = ask(text)
        r = a.reports[0]
        assert a.intent == "fit" and len(a.reports) == 1
        assert r.placement.kind == "multi_gpu" and r.fit != "wont_fit"
        assert 36 <= r.memory.weights_gb * 1.0737 <= 44  # a ~40 GB file (GiB in the report)
        assert a.message.startswith("A 40 GB model, taking ")
    # a card's memory said with "model" is the card's ("a 4060 Ti 16GB model")
    assert parse("my 4060 ti 16gb vram model runs qwen3 8b").model_file_gb is None


def test_a_card_wished_for_beside_the_one_had_is_the_upgrade_not_a_second_machine():
    """ "I have a 4080 Super, would a 4090 let me run X?": X on the 4090 in place of the 4080S,
    what changes against now, and the 4090 not said to be left out."""
    text = "I have a 4080 Super, would a 4090 let me run Qwen3 32B at Q4?"
    q = parse(text)
    assert q.owned is not None and q.owned.setup[0].id == "rtx-4080-super"
    assert [o.setup[0].id for o in q.options] == ["rtx-4090"]
    a = ask(text)
    assert [r.hardware.id for r in a.reports] == ["rtx-4080-super", "rtx-4090"]
    assert a.reports[1].fit != "wont_fit" and a.reports[1].placement.kind == "gpu"
    assert "RTX 4090 instead" in a.message and "one device at a time" not in a.message
    # no card had: the card asked about alone
    assert parse("Would a 5090 be enough for qwen3 32b?").options == []


def test_the_quant_asked_stays_the_recommendation_while_it_is_usable():
    """Q4_K_M asked, running well above the chat minimum (Qwen3.8 27B on a 48 GB M4 Pro, ~11
    tok/s): the card recommends Q4_K_M, not a smaller UD-IQ4_XS picked for ~1 tok/s more. A
    smaller file is still recommended where the asked one spills to system RAM, or where it is
    below the workload's minimum; a better file that runs (gpt-oss's MXFP4) is still said."""
    mac = ask("qwen3.8 27b q4_k_m on a m4 pro 48gb").reports[0]
    assert mac.fit == "runs_well" and mac.decode_tok_s >= 10
    # never a smaller file for a little speed (since speed50's refit, Q5_K_M reaches the chat
    # floor there and is recommended: a better file, not a smaller one)
    quality = {q.quant: q.quality for q in mac.quants}
    assert mac.quant == "Q4_K_M" and quality[mac.recommended_quant] >= quality["Q4_K_M"]
    spills = ask("qwen3.8 27b q4_k_m on a 5060 ti 16gb").reports[0]
    assert spills.fit == "offload" and spills.recommended_quant != "Q4_K_M"
    slow = ask("llama 3.3 70b q4_k_m on a 3090 with 64gb ram").reports[0]
    assert slow.decode_tok_s < 5 and slow.recommended_quant != "Q4_K_M"
    native = ask("gpt-oss-120b q4_k_m on strix halo 128gb").reports[0]
    assert native.recommended_quant == "MXFP4"


def test_vllm_tensor_parallel_over_cards_that_do_not_divide_the_heads_says_so():
    """vLLM / SGLang on 5 (or 3) cards: tensor parallel needs a count dividing the attention
    heads; the answer names the largest that does (the rest idle) or pipeline parallel, with
    vLLM's source. Counts that divide, or no such server said, add nothing."""
    a = ask("Can I run Llama 3.3 70B with vLLM on 5x RTX 3090?")
    assert "--tensor-parallel-size 4 (1 card idle)" in a.message
    assert "--pipeline-parallel-size 5" in a.message and "vllm-project/vllm" in a.message
    assert "--tensor-parallel-size 2" in ask("qwen3 32b on 3x 3090 with sglang").message
    assert "tensor-parallel" not in ask("qwen3 32b on 4x 3090 with vllm").message
    assert "tensor-parallel" not in ask("qwen3 32b on 5x 3090").message
