"""Round advice98 (quant questions): a quantization-aware-trained file is not a post-training quant
of its type (catalog/quant_loss.yaml qat_*, GGUFRepo.qat), "QAT" said beside a model means that
file (fitengine/nlq/choose.py _qat_file), and on a vLLM / SGLang rig a 4-bit serving format with
room for the 8-bit checkpoint over all the cards is answered at that one
(fitengine/answers.py _same_route)."""

from __future__ import annotations

import pytest

from fitengine.answers import ask
from fitengine.catalog import bit_level, default_catalog
from fitengine.configs import quant_quality
from fitengine.nlq import parse
from fitengine.quant_loss import loss_rules, qat_file


@pytest.fixture(scope="module")
def cat():
    return default_catalog()


# --------------------------------------------------------------------------- QAT files lose less


def test_qat_q4_0_keeps_more_than_a_post_training_q4_0(cat):
    """Google's QAT Q4_0 of Gemma 3 27B keeps more than a plain Q4_0 of a model with no QAT
    release, and the card labels it by that figure, not the type's 'Good'."""
    gemma, plain = cat.models["gemma-3-27b"], cat.models["qwen3.5-9b"]
    q4_0 = cat.quants["Q4_0"]
    assert qat_file(gemma, q4_0, cat) and not qat_file(plain, q4_0, cat)
    qat, ptq = quant_quality(gemma, q4_0, cat), quant_quality(plain, q4_0, cat)
    assert qat > ptq + 5
    assert loss_rules(cat).label(qat) != q4_0.label


def test_qat_only_at_the_type_the_training_targeted(cat):
    """Unsloth's UD-Q4_K_XL made from Gemma 4's QAT weights keeps its type's figure: no published
    number says what QAT adds to a K-quant mix."""
    m = cat.models["gemma-4-31b"]
    ud = cat.quants["UD-Q4_K_XL"]
    assert not qat_file(m, ud, cat)
    assert quant_quality(m, ud, cat) == quant_quality(cat.models["qwen3.6-27b"], ud, cat)


# --------------------------------------------------------------------------- "QAT" said


@pytest.mark.parametrize(
    ("text", "model", "quant"),
    [
        ("is gemma3:12b-it-qat ok on a 4060 8gb?", "gemma-3-12b", "Q4_0"),
        ("Gemma 3 27B QAT with a 7900 XTX", "gemma-3-27b", "Q4_0"),
        (
            "how fast is the gemma 4 e2b quantization-aware checkpoint on a pi 5 16gb",
            "gemma-4-e2b",
            "UD-Q4_K_XL",
        ),
    ],
)
def test_qat_said_reads_as_the_models_qat_file(cat, text, model, quant):
    """The quant the text named stays none (no type was said); the answer is at the QAT file."""
    q = parse(text, cat)
    assert q.model is not None and q.model.id == model
    assert q.quant is None and q.quant_implied == quant


def test_a_quant_said_beside_qat_stays(cat):
    """'Q8_0 of the QAT weights' names its own file: QAT does not replace it."""
    q = parse("gemma 3 27b qat q8_0 on two 3090s", cat)
    assert q.quant == "Q8_0" and q.quant_implied is None


def test_qat_on_a_model_with_no_qat_release_changes_nothing(cat):
    q = parse("qwen3.6 27b qat on a 3090", cat)
    assert q.quant is None and q.quant_implied is None


def test_the_qat_file_is_the_answer_when_it_runs_well(cat):
    """The Ollama QAT tag on a 24 GB card: its Q4_0, all on the card, said as read."""
    a = ask("will gemma3:27b-it-qat run on a 4090?", cat)
    r = a.reports[0]
    assert r.model.id == "gemma-3-27b" and r.quant == "Q4_0"
    assert r.fit == "runs_well" and r.placement.kind == "gpu"
    assert "quantization-aware" in a.message


# --------------------------------------------------------------------------- server format, room


def test_nvfp4_on_two_cards_with_vllm_moves_to_fp8_over_both(cat):
    """A 4-bit serving format said on a two-card vLLM rig where the FP8 checkpoint runs well over
    both cards at the window asked: the answer is at FP8, and says the format asked fits too."""
    a = ask(
        "we serve Qwen3.8-27B-NVFP4 with vllm on two RTX 5090s at 160k context, one card sits idle",
        cat,
    )
    r = a.reports[0]
    assert r.model.id == "qwen3.8-27b"
    assert bit_level(r.quant) == "8"
    assert r.fit == "runs_well" and r.hardware.count == 2
    assert "NVFP4" in a.message and "FP8" in a.message


def test_llama_cpp_keeps_the_format_on_one_card(cat):
    """Without a GPU server the rule stays as it was: a wider file is offered on the same
    placement only (llama.cpp splitting layers over a second card is a trade, not a free gain)."""
    a = ask("Qwen3.8-27B NVFP4 on two RTX 5090s at 160k context", cat)
    r = a.reports[0]
    assert r.quant == "Q4_K_M"


# --------------------------------------------------------------------------- renamed native files


def test_a_renamed_native_file_below_good_does_not_make_gpt_oss_fit(cat):
    """gpt-oss-120b's "Q2_K" is its MXFP4 experts with the rest at 2 bits: ~0.7 GB under the
    MXFP4 file for a Medium quality. On a 64 GB Mac the answer is that it does not fit, with what
    does (its 20b sibling), never that file."""
    a = ask("MacBook Pro M3 Max 64GB - can it run gpt-oss 120b, and which gguf?", cat)
    r = a.reports[0]
    assert r.model.id == "gpt-oss-120b"
    assert r.fit == "wont_fit"
    assert "gpt-oss-20b" in a.message or "gpt-oss-20b" in str(r.next_steps)


def test_gpt_oss_120b_native_where_it_fits(cat):
    """Where the MXFP4 file fits, it is the answer as before."""
    r = ask("gpt-oss-120b on an M4 Max with 128GB", cat).reports[0]
    assert r.quant == "MXFP4" and r.fit == "runs_well"


def test_qat_in_a_comparison_names_one_sides_file(cat):
    """ "gemma 4 31b qat or qwen 3.6 27b?": QAT is Gemma's file, not a quant both are run at."""
    q = parse("on a 24 GB card, gemma 4 31b qat vs qwen3.6 27b which one", cat)
    assert q.model_b is not None or q.more_models
    assert q.quant is None and q.quant_implied is None


# --------------------------------------------------------------------------- FP8 MoE on Ampere


def test_a_moe_on_an_a100_is_served_in_bf16_where_it_fits(cat):
    """vLLM's fused-MoE kernel needs FP8 compute: on an A100 (weight-only FP8) a 35B-A3B's FP8
    checkpoint stops at load, and BF16 fits 80 GB, so the answer is BF16."""
    r = ask("can vllm serve Qwen3.6-35B-A3B on one A100 80GB? what precision", cat).reports[0]
    assert r.model.id == "qwen3.6-35b-a3b"
    assert r.quant == "BF16" and r.fit == "runs_well"


def test_a_dense_model_on_an_a100_keeps_fp8_weight_only(cat):
    """A dense model's FP8 runs weight-only through FP8 Marlin on Ampere: unchanged."""
    a = ask("qwen3.6 27b served with vllm on an A100 80GB", cat)
    assert bit_level(a.reports[0].quant) == "8"
    assert "FP8" in a.message


def test_a_moe_fp8_on_3090s_is_not_said_as_fp8(cat):
    """Two 3090s with vLLM and a 30B-A3B: the 8-bit estimate is not called FP8, and the server's
    checkpoint is an int4 build, said with why."""
    a = ask("Qwen3-30B-A3B-FP8 on two RTX 3090 with vllm", cat)
    assert "at FP8" not in a.message
    assert "int4" in a.message and "MoE" in a.message


def test_a_big_moe_on_eight_a100s_is_served_in_bf16(cat):
    """Qwen3-235B-A22B's BF16 (~470 GB) fits eight A100 80GB: with no FP8 MoE on Ampere that is
    the checkpoint served (it was Q8_0, FP8's memory, before advice98)."""
    r = ask("Qwen3-235B-A22B on 8x A100 80GB", cat).reports[0]
    assert r.model.id == "qwen3-235b-a22b"
    assert r.quant == "BF16" and r.fit == "runs_well"
