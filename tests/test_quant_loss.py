"""What a quant costs a given model (fitengine/quant_loss.py, catalog/quant_loss.yaml), the quant
table of a natively quantized model, and the capability floor of agentic coding."""

from __future__ import annotations

import pytest

from fitengine.advise import best_models
from fitengine.catalog import default_catalog
from fitengine.configs import quant_quality
from fitengine.engine import analyze
from fitengine.quality import model_quality
from fitengine.quant_loss import experts_read_share, loss_rules


@pytest.fixture(scope="module")
def cat():
    return default_catalog()


def q(cat, model: str, quant: str) -> float:
    return quant_quality(cat.models[model], cat.quants[quant], cat)


def test_the_labels_are_the_thresholds_of_the_quant_table(cat):
    rules = loss_rules(cat)
    assert all(rules.label(t.quality) == t.label for t in cat.quants.values())


def test_a_dense_model_keeps_the_figures_measured_on_the_8b(cat):
    # within one family size barely changes the loss: a dense 27B or 70B is not credited
    for model in ("qwen3.6-27b", "llama-3.3-70b", "qwen3.5-4b"):
        for quant in ("Q4_K_M", "UD-Q3_K_XL", "UD-Q2_K_XL", "IQ2_XXS"):
            assert q(cat, model, quant) == cat.quants[quant].quality


def test_a_2_bit_dynamic_quant_of_a_1t_moe_is_good_not_low(cat):
    """Kimi K2.5 / DeepSeek V3.1 / GLM-5 at UD-Q2_K_XL: Good, as unsloth labels its 2.5-bit
    DeepSeek mix, not the Low of an 8B at Q2_K; their 1-bit mixes stay Low."""
    rules = loss_rules(cat)
    for model in ("kimi-k2.5", "deepseek-v3.1", "glm-5"):
        assert rules.label(q(cat, model, "UD-Q2_K_XL")) == "Good", model
        assert q(cat, model, "UD-Q3_K_XL") >= 90, model
        assert rules.label(q(cat, model, "UD-IQ1_S")) == "Low", model
    assert cat.quants["UD-Q2_K_XL"].label == "Low"


def test_the_dynamic_mix_beats_the_plain_type_only_where_it_keeps_the_rest(cat):
    # on a MoE the UD mix squeezes the routed experts only; the plain Q2_K squeezes everything
    assert q(cat, "deepseek-v3.1", "UD-Q2_K_XL") > q(cat, "deepseek-v3.1", "Q2_K") + 20
    # on a dense model the two are the same kind of file
    assert abs(q(cat, "qwen3.6-27b", "UD-Q2_K_XL") - q(cat, "qwen3.6-27b", "Q2_K")) < 2


def test_the_more_experts_a_token_skips_the_less_a_moe_loses(cat):
    """Two MoEs at the same type: the one whose routed experts are the larger share of what a
    token reads, and the larger in total, loses less (Kimi K2.5 1T vs Qwen3.6 35B-A3B)."""
    big, small = cat.models["kimi-k2.5"], cat.models["qwen3.6-35b-a3b"]
    assert experts_read_share(big) > experts_read_share(small)
    assert q(cat, "kimi-k2-thinking", "Q3_K_M") > q(cat, "qwen3.6-35b-a3b", "Q3_K_M") + 5


def test_a_type_with_the_released_bits_keeps_the_released_experts(cat):
    """Kimi K2.5 ships INT4 experts (GGUF Q4_0): a Q8_0 or Q4_K_M file keeps them, so it loses
    only on the BF16 rest; a 3-bit one requantizes them. Kimi K2 (released in FP8, the same
    shapes) is the model whose Q4_K_M file does requantize them."""
    assert q(cat, "kimi-k2.5", "Q4_0") == 100
    assert q(cat, "kimi-k2.5", "Q8_0") > 99.8
    assert q(cat, "kimi-k2.5", "Q4_K_M") > q(cat, "kimi-k2", "Q4_K_M")
    assert q(cat, "kimi-k2.5", "Q3_K_M") == q(cat, "kimi-k2", "Q3_K_M")


def test_k2_thinking_is_a_native_int4_release_like_k2_5(cat):
    """K2 Thinking shipped the INT4 QAT experts first (K2.5 kept the format): its Q4-class files
    lose what K2.5's do."""
    for quant in ("Q4_0", "Q4_K_M", "Q3_K_M"):
        assert q(cat, "kimi-k2-thinking", quant) == q(cat, "kimi-k2.5", quant)


def test_the_released_format_heads_the_quant_table_and_says_so(cat):
    """gpt-oss ships MXFP4: that row comes first, labelled Native; its F16 file (the experts still
    MXFP4) adds nothing and says so instead of looking better."""
    r = analyze("gpt-oss-20b", "rtx-4090", catalog=cat)
    first, rows = r.quants[0], {x.quant: x for x in r.quants}
    assert (first.quant, first.native, first.label, first.quality) == ("MXFP4", True, "Native", 100)
    assert rows["F16"].label == "= native" and not rows["F16"].native
    assert all(x.quality < 100 for x in r.quants if x.label not in ("Native", "= native"))


def test_a_natively_quantized_model_still_ranks_its_other_files_by_size(cat):
    r = analyze("deepseek-v4-flash", "m3-ultra-80c", vram_gb=512, catalog=cat)
    assert r.quants[0].native and r.quants[0].quant == "MXFP4"
    sizes = [x.bpw for x in r.quants[1:]]
    assert sizes == sorted(sizes, reverse=True)


def test_agentic_coding_on_a_16gb_mac_lists_models_that_can_do_the_work(cat):
    """The agentic speed floor (25 tok/s) leaves only 2-4B models on a 16 GB M4; an expert names
    Qwen3.5 9B and says it will be slowish. Capable models first, at reading speed if need be;
    none under the workload's capability floor."""
    floor = cat.workloads["agentic"].min_quality
    rs = best_models("m4", workload="agentic", catalog=cat)
    ids = [r.model.id for r in rs]
    assert ids[0] in ("qwen3.5-9b", "gemma-4-12b"), ids
    assert all(model_quality(cat.models[i], cat, "coding").value >= floor for i in ids), ids
    assert all(r.decode_tok_s >= 5.3 for r in rs)


def test_an_agent_ranked_by_tool_use_still_needs_an_agents_coding_ability(cat):
    """ "An agent with tool calls" ranks by tool use; the capability floor is on coding, the
    agentic workload's own task, and held all the same (it listed 2B models)."""
    floor = cat.workloads["agentic"].min_quality
    rs = best_models("m4", workload="agentic", task="tool_use", catalog=cat)
    ids = [r.model.id for r in rs]
    assert ids and all(model_quality(cat.models[i], cat, "coding").value >= floor for i in ids), ids


def test_agentic_coding_where_nothing_capable_runs_lists_the_best_that_does(cat):
    """An 8 GB M1 holds no model at the floor: the list is not emptied, it is what runs."""
    floor = cat.workloads["agentic"].min_quality
    rs = best_models("m1", vram_gb=8, workload="agentic", catalog=cat)
    assert rs
    assert all(model_quality(cat.models[r.model.id], cat, "coding").value < floor for r in rs)


def test_where_capable_models_run_at_speed_the_floor_changes_nothing_slow(cat):
    # a 3090 + 64 GB runs Qwen3.6 at the agentic speed: no slow pick is let in
    rs = best_models("rtx-3090", ram_gb=64, workload="agentic", catalog=cat)
    assert all(r.decode_tok_s >= cat.workloads["agentic"].min_decode_tok_s for r in rs)


def test_a_list_with_nothing_capable_of_the_work_says_so(cat):
    from fitengine.answers import ask

    weak = ask("best model for a coding agent on a raspberry pi 5", cat).message
    assert "None of these is strong enough for agentic coding" in weak
    capable = ask("best model for agentic coding on a 16gb macbook air m4", cat).message
    assert "Qwen3.5 9B" in capable and "strong enough" not in capable


def test_a_wont_fit_card_is_about_a_file_people_download(cat):
    """Kimi K2.5's released INT4 (Q4_0) heads its table but no catalogued repo ships it: a card
    that finds nothing running is about the 2-bit file people download, not a 555 GB one."""
    r = analyze("kimi-k2.5", "rtx-4090", catalog=cat)
    assert r.fit == "wont_fit" and r.quant == "UD-Q2_K_XL"
    assert r.quants[0].native and not r.quants[0].available
