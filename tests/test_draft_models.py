"""Speculative decoding with a draft model (issue 15, item 3): the catalogued pairs and their
published acceptance, the draft's memory beside the target, the speed-up the speed model gives,
and how the report, the text card and the bot card offer it -- as an option, never the headline."""

from __future__ import annotations

import copy
import itertools
import re

import pytest

from bench import invariants as inv
from fitengine import analyze
from fitengine import drafts as D
from fitengine import speculative as S
from fitengine.catalog import Catalog, CatalogError, DraftAcceptance, DraftPair
from fitengine.cli import render_report

CODER = ("qwen2.5-coder-32b", "rtx-3090")  # a dense 32B coder on a 24 GB card


def with_pairs(cat: Catalog, *pairs: DraftPair) -> Catalog:
    """The catalog with more draft pairs (the shared one stays as it is)."""
    out = copy.copy(cat)
    out.draft_pairs = {**cat.draft_pairs}
    for p in pairs:
        out.draft_pairs[p.target] = [*out.draft_pairs.get(p.target, []), p]
    return out


def pair(target: str, draft: str, rate: float, n: int = 5, quant: str = "Q8_0") -> DraftPair:
    run = DraftAcceptance(rate=rate, draft_tokens=n, source="https://example.org/run")
    return DraftPair(target=target, draft=draft, quant=quant, acceptance=[run])


# --------------------------------------------------------------------------- the data


def test_every_pair_names_catalogued_models_of_one_tokenizer(cat):
    assert cat.draft_pairs, "catalog/draft_models.yaml has no pair"
    for target, pairs in cat.draft_pairs.items():
        for p in pairs:
            t, d = cat.models[target], cat.models[p.draft]
            assert abs(t.vocab - d.vocab) <= S.VOCAB_MAX_DIFFERENCE
            assert d.params_b < t.active_b / 4, "a draft is a small model"
            for run in p.acceptance:
                assert run.source.startswith("https://")


def test_the_alpha_a_note_quotes_is_the_one_derived_from_its_rate(cat):
    # the notes say "alpha 0.857" for the reader; the engine derives it from the published rate
    for pairs in cat.draft_pairs.values():
        for run in (r for p in pairs for r in p.acceptance):
            quoted = re.search(r"alpha (0\.\d+)", run.note or "")
            assert quoted, f"{run.source}: the note does not quote the derived alpha"
            assert D.alpha(run) == pytest.approx(float(quoted.group(1)), abs=0.0015)


def test_a_pair_llama_cpp_would_refuse_does_not_load(cat):
    # Gemma's 262,144-token vocabulary against Llama 3's 128,256
    with pytest.raises(CatalogError, match="vocabularies"):
        with_pairs(cat)._check_draft_pair(pair("llama-3.3-70b", "gemma-3-1b", 0.5))
    with pytest.raises(CatalogError, match="unknown workload"):
        bad = pair("llama-3.1-8b", "llama-3.2-1b", 0.5)
        bad = bad.model_copy(
            update={"acceptance": [bad.acceptance[0].model_copy(update={"workloads": ["poetry"]})]}
        )
        cat._check_draft_pair(bad)


def test_a_coding_run_does_not_stand_for_chat(cat):
    coder = cat.draft_pairs["qwen2.5-coder-32b"][0]
    assert D.acceptance_for(coder, "coding") is not None
    assert D.acceptance_for(coder, "agentic") is not None
    assert D.acceptance_for(coder, "chat") is None
    # a run over prompts of several kinds stands for any workload
    mixed = cat.draft_pairs["llama-3-70b"][0]
    assert D.acceptance_for(mixed, "rag") is mixed.acceptance[0]


# --------------------------------------------------------------------------- the estimate


def test_a_dense_32b_coder_on_a_24gb_card_gets_a_draft_that_pays(cat):
    r = analyze(*CODER, workload="coding", kv_type="q8_0")
    d = r.speculative_draft
    assert d is not None and d.method == "draft"
    assert d.draft_model == "qwen2.5-coder-3b" and d.draft_quant == "Q4_0"
    assert d.speedup > 1.3
    assert d.decode_tok_s == pytest.approx(r.decode_tok_s * d.speedup, rel=0.01)
    # the headline stays the plain decode: the draft is an option beside it
    assert r.decode_tok_s < d.decode_tok_s
    # it fits, but spends the margin "runs well" keeps: the report says so
    assert r.fit == "runs_well" and d.fit == "tight"
    assert 2.0 < d.memory_gb < 3.0  # 1.82 GB of Q4_0 + its q8_0 cache at 16K + compute buffer
    assert d.acceptance == pytest.approx(0.857, abs=0.001)
    assert d.acceptance_workloads == ["coding", "agentic"]
    assert inv.speculation_is_an_option(r) == []


def test_the_flags_use_current_llama_cpp_names(cat):
    d = analyze(*CODER, workload="coding", kv_type="q8_0").speculative_draft
    assert d.flags == (
        f"--spec-type draft-simple --spec-draft-hf second-state/Qwen2.5-Coder-3B-Instruct-GGUF:Q4_0"
        f" --spec-draft-n-max {d.draft_tokens} --spec-draft-ngl all"
        " --spec-draft-type-k q8_0 --spec-draft-type-v q8_0"
    )
    assert not re.search(r"(^| )(-md|-ngld|--draft-max|--draft-min|--model-draft)( |$)", d.flags)
    r = analyze(*CODER, workload="coding", kv_type="q8_0")
    assert d.command == f"{r.commands.llama_cpp} {d.flags}"
    assert "Ollama" in d.note


def test_a_draft_that_does_not_fit_is_not_offered(cat):
    # the same card with an f16 cache: 0.8 GB left, the draft takes 2.7
    r = analyze(*CODER, workload="coding", kv_type="f16")
    assert r.fit != "wont_fit" and r.speculative_draft is None
    # a 70B whose layers already spill to RAM leaves the GPU no room to give
    r = analyze("llama-3-70b", "rtx-3090", quant="Q4_K_M", ram_gb=64)
    assert r.placement.kind == "partial_offload" and r.speculative_draft is None


def test_a_draft_is_not_run_past_its_own_context(cat):
    # Qwen2.5-Coder 32B reaches 64K with YaRN; its 3B draft was trained to 32K
    assert cat.models["qwen2.5-coder-3b"].context == 32768
    at_32k = analyze("qwen2.5-coder-32b", "rtx-pro-6000", workload="coding", context=32768)
    at_64k = analyze("qwen2.5-coder-32b", "rtx-pro-6000", workload="coding", context=65536)
    assert at_32k.speculative_draft is not None
    assert at_64k.context == 65536 and at_64k.speculative_draft is None


def test_the_draft_memory_grows_with_the_context(cat):
    small, big = (
        analyze("llama-3.1-8b", "rtx-3090", context=c).speculative_draft for c in (4096, 32768)
    )
    assert small is not None and big is not None
    assert big.memory_gb > small.memory_gb + 0.5  # 16 layers x 8 KV heads x 64 x 2 x f16


def test_the_draft_is_not_used_for_the_wrong_prompts_or_many_slots(cat):
    assert analyze(*CODER, kv_type="q8_0").speculative_draft is None  # chat: no run stands for it
    assert analyze("llama-3.1-8b", "rtx-3090", parallel=4).speculative_draft is None


def test_a_moe_with_3b_active_gains_far_less_than_a_dense_model(cat):
    # the same draft and the same acceptance for the dense Qwen3 32B and the Qwen3 30B-A3B: the
    # dense model reads all its weights each step, so checking 6 tokens costs about one step; the
    # MoE reads 3B a token, its draft costs a larger share of that, and checking more tokens
    # reads more of its experts
    run = cat.draft_pairs["llama-3.1-8b"][0].acceptance[0]
    alpha = D.alpha(run)
    both = with_pairs(
        cat,
        *(
            pair(t, "qwen3-0.6b", run.rate, run.draft_tokens)
            for t in ("qwen3-32b", "qwen3-30b-a3b")
        ),
    )
    dense = analyze(
        "qwen3-32b", "rtx-4090", quant="Q4_K_M", context=8192, catalog=both
    ).speculative_draft
    moe = analyze(
        "qwen3-30b-a3b", "rtx-4090", quant="Q4_K_M", context=8192, catalog=both
    ).speculative_draft
    assert dense is not None and dense.speedup > 2.0
    assert moe is None or moe.speedup - 1 < (dense.speedup - 1) / 4
    assert alpha > 0.85
    # with a weaker draft the MoE gains nothing worth a second model; the dense one still does
    weak = with_pairs(cat, *(pair(t, "qwen3-0.6b", 0.3) for t in ("qwen3-32b", "qwen3-30b-a3b")))
    assert (
        analyze(
            "qwen3-30b-a3b", "rtx-4090", quant="Q4_K_M", context=8192, catalog=weak
        ).speculative_draft
        is None
    )
    dense = analyze(
        "qwen3-32b", "rtx-4090", quant="Q4_K_M", context=8192, catalog=weak
    ).speculative_draft
    assert dense is not None and dense.speedup > 1.3


def test_a_moe_whose_experts_are_in_ram_gets_no_draft(cat):
    both = with_pairs(cat, pair("qwen3-30b-a3b", "qwen3-0.6b", 0.72))
    r = analyze("qwen3-30b-a3b", "rtx-3060", context=32768, catalog=both)
    assert r.placement.kind == "moe_offload" and r.speculative_draft is None


def test_the_check_of_a_draft_costs_more_the_longer_it_is(cat):
    # a dense target: one weight read, plus each token's arithmetic at the prefill rate
    from fitengine import engine as E

    req = E.make_request(*CODER, workload="coding", kv_type="q8_0")
    run = E.shown_config(req, E.quant_table(req))
    costs = E._VerifyCosts(req, run, E.speed(req, run))
    seq = [costs(n) for n in range(1, 17)]
    assert all(b > a for a, b in itertools.pairwise(seq))
    assert 1.0 < seq[0] < 1.1 and seq[-1] < 2.0


# --------------------------------------------------------------------------- the cards


def test_the_text_card_offers_it_beside_the_plain_decode(cat):
    r = analyze(*CODER, workload="coding", kv_type="q8_0")
    text = render_report(r)
    assert re.search(r"^  decode +" + re.escape(f"{r.decode_tok_s:.1f}"), text, re.M)
    line = next(x for x in text.splitlines() if x.startswith("  with a draft"))
    assert (
        "Qwen2.5-Coder 3B Instruct Q4_0" in line and f"x{r.speculative_draft.speedup:.2f}" in line
    )
    assert f"  + draft    {r.speculative_draft.command}" in text


def test_the_bot_card_offers_it_and_run_it_gives_the_flags(cat):
    """The phone card (bot/cards.py) names the faster decode on its speed line; the flags and the
    whole command come with the other commands under Run it, after the plain llama.cpp one."""
    from bot import cards

    r = analyze(*CODER, workload="coding", kv_type="q8_0")
    d = r.speculative_draft
    assert f"with a draft model ~{cards.fmt_tok_s(d.decode_tok_s)} tok/s" in (
        cards.report_card(r).description
    )
    text = cards.commands_text(r)
    assert "draft model" in text and "--spec-type draft-simple" in text
    assert "not in Ollama" in text
    assert text.index("--spec-type") > text.index("Ollama:")  # after the plain commands
    plain = analyze(*CODER, workload="coding", kv_type="f16")
    assert plain.speculative_draft is None
    assert "draft" not in cards.report_card(plain).description
    assert "--spec-type" not in cards.commands_text(plain)
