"""Answer quality: the QA findings on ask() and its lists, each pinned by the behaviour it fixed."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from fitengine.advise import (
    GOOD_QUANT,
    _quant_quality,
    _successors,
    _superseded,
    best_hardware,
    best_models,
    compare_hardware,
)
from fitengine.answers import ask, render_answer_text
from fitengine.configs import USABLE_QUALITY
from fitengine.engine import analyze
from fitengine.nlq import parse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.latency import QUESTIONS, message


def _quality(r) -> float:
    return next(q.quality for q in r.quants if q.quant == r.quant)


# 1. best models: good quant first, newer generations first, workload tags


def test_best_coding_models_on_a_4090_lead_with_models_that_run_well_at_a_good_quant(cat):
    a = ask("best model for coding on a 4090", cat)
    ids = [r.model.id for r in a.reports]
    # the newest Qwen that runs well leads the family (a 2026 Qwen3.5/3.6/3.8 27B on 24 GB)
    qwen = next(i for i in ids if cat.models[i].family == "qwen")
    assert re.match(r"qwen3\.[5-9]-", qwen) and qwen in ids[:5], ids
    assert cat.models[qwen].name in a.message
    # the top three at a good quant; nothing in the top five at a quant that has lost what the
    # model knew (a 2-bit dynamic mix of a 122B-A10B MoE, which squeezes only its routed experts,
    # is a usable quant for it, not a squeezed one: fitengine/quant_loss.py)
    assert all(_quant_quality(r, cat) >= GOOD_QUANT for r in a.reports[:3])
    assert all(_quant_quality(r, cat) >= USABLE_QUALITY for r in a.reports[:5])
    # the old generation of the same family and role comes after the new one (or not at all)
    for old in ("qwen3-coder-30b-a3b", "qwen2.5-coder-32b"):
        if old in ids:
            assert ids.index(old) > ids.index(qwen), ids
    # ranked by the coding figure of each model (AA coding index or a mapped benchmark)
    assert all(r.model_quality and r.model_quality.task in ("coding", "overall") for r in a.reports)


def test_a_newer_release_of_the_same_family_and_role_supersedes_an_old_one(cat):
    m = cat.models
    newer = [m["qwen3-coder-30b-a3b"], m["qwen3-32b"], m["qwen3.5-35b-a3b"]]
    assert _superseded(m["qwen2.5-coder-32b"], newer, "coding") is None  # dense vs a MoE
    assert _superseded(m["qwen2.5-32b"], newer, None) is m["qwen3-32b"]
    assert _superseded(m["qwen3-30b-a3b"], newer, None) is m["qwen3.5-35b-a3b"]
    # another role (a coder does not replace a general model with no workload), another family,
    # or a much smaller model: not superseded
    assert _superseded(m["qwen2.5-72b"], newer, None) is None
    assert _superseded(m["codellama-34b"], newer, "coding") is None
    assert _superseded(m["qwen3-coder-30b-a3b"], newer[:2], "coding") is None
    # ... but a newer general MoE that codes better does
    assert _superseded(m["qwen3-coder-30b-a3b"], newer, "coding") is m["qwen3.5-35b-a3b"]


def test_a_general_models_newer_release_is_general_and_a_specialists_shares_its_kind(cat):
    successors = _successors(cat)
    # Qwen3-Coder-Next codes; it is not the chat model Qwen3-Next's next release
    assert "qwen3-coder-next" not in successors.get("qwen3-next-80b-a3b", ())
    assert "qwen3-coder-next" not in successors.get("qwen3-next-80b-a3b-thinking", ())
    # Mistral Small 3.1 is replaced by Mistral Small 3.2, not by the Devstral coder
    assert successors["mistral-small-3.1-24b"] == ("mistral-small-3.2-24b",)
    # a coder's newer general sibling replaces it (it codes better); a reasoning model's does not
    # become a coder, nor an old coder a reasoning distill
    assert "qwen3.5-9b" in successors["qwen2.5-coder-7b"]
    assert "devstral-small-2-24b" not in successors.get("magistral-small-24b", ())
    assert "deepseek-r1-distill-qwen-32b" not in successors.get("deepseek-coder-33b", ())


def test_a_chat_model_that_wont_fit_is_not_offered_its_coder_as_its_newer_release(cat):
    a = ask("can I run qwen3 next 80b on my ryzen 7 7700 with 32gb ddr5, no gpu", cat)
    (r,) = a.reports
    assert r.fit == "wont_fit"
    assert not [s for s in r.next_steps if s.kind == "newer_release"], r.next_steps
    # the 32 GB said is the box's memory, not an assumption about it
    assert not [x for x in a.assumed if x.what == "memory"], a.assumed


def test_a_model_that_crawls_on_a_cpu_points_to_the_best_model_that_runs_there(cat):
    # a dense 70B at ~1 tok/s from dual-channel DDR5: an MoE that reads 3B a token runs well
    a = ask("llama 3.3 70b on 64gb ram without gpu", cat)
    (r,) = a.reports
    assert r.hardware.kind == "cpu" and r.grade in ("D", "F")
    better = [s for s in r.next_steps if s.model_id and s.model_id != r.model.id]
    assert better and cat.models[better[0].model_id].is_moe, r.next_steps
    assert cat.models[better[0].model_id].name in a.message


def test_best_models_never_rank_a_squeezed_sibling_over_one_at_a_good_quant(cat):
    # within one family and kind, a 2-bit quant never comes before a model at a good quant
    for hw, kw in [("rtx-3090", {}), ("rtx-4060-ti-16gb", {"workload": "coding"})]:
        rs = best_models(hw, catalog=cat, **kw)
        assert len({r.model.id for r in rs}) == len(rs)
        for i, r in enumerate(rs):
            if _quality(r) >= GOOD_QUANT:
                continue
            m = cat.models[r.model.id]
            later_good = [
                x
                for x in rs[i + 1 :]
                if _quality(x) >= GOOD_QUANT
                and cat.models[x.model.id].family == m.family
                and cat.models[x.model.id].is_moe == m.is_moe
                and cat.models[x.model.id].params_b >= m.params_b
            ]
            assert not later_good, (hw, r.model.id, r.quant)


# 2. best hardware: two 24 GB cards are in the list when they run the model well


def test_what_gpu_for_llama_70b_lists_two_24gb_cards(cat):
    assert analyze("llama-3.3-70b", "rtx-3090", gpus=2, quant="Q4_K_M", catalog=cat).fit == (
        "runs_well"
    )
    a = ask("what GPU do I need for llama 70b", cat)
    setups = [(r.hardware.id, r.hardware.count) for r in a.reports]
    assert ("rtx-3090", 2) in setups, setups
    assert "2× NVIDIA GeForce RTX 3090" in a.message
    # smallest first: two 24 GB cards come before three of them
    assert setups.index(("rtx-3090", 2)) < min(
        (i for i, s in enumerate(setups) if s[1] == 3), default=len(setups)
    )
    consumer = [r for r in a.reports if r.hardware.kind == "gpu" and r.hardware.count > 1]
    totals = [r.hardware.memory_gb * r.hardware.count for r in consumer]
    assert totals == sorted(totals)


def test_best_hardware_keeps_single_devices_and_pairs_per_memory_size(cat):
    rs = best_hardware("llama-3.3-70b", quant="Q4_K_M", catalog=cat)
    by_tier: dict[tuple[float, bool], int] = {}
    for r in rs:
        key = (r.hardware.memory_gb * r.hardware.count, r.hardware.count > 1)
        by_tier[key] = by_tier.get(key, 0) + 1
    assert max(by_tier.values()) <= 2
    assert any(multi for (_t, multi) in by_tier) and any(not multi for (_t, multi) in by_tier)


# 3. comparisons: each side at its own recommended quant unless the question named one


def test_comparison_shows_each_side_at_its_own_quant(cat):
    a = ask("M2 Max 64GB or 4090 for mixtral?", cat)
    assert a.intent == "compare" and len(a.reports) == 2
    own = analyze("mixtral-8x7b", "rtx-4090", catalog=cat)
    r4090 = next(r for r in a.reports if r.hardware.id == "rtx-4090")
    assert r4090.quant == own.quant
    if len({r.quant for r in a.reports}) > 1:
        assert "quant recommended for it" in a.message
    # a quant the question names holds for both sides
    a = ask("M2 Max 64GB or 4090 for mixtral at q6_k?", cat)
    assert {r.quant for r in a.reports} == {"Q6_K"}
    assert "recommended" not in a.message
    _ra, rb = compare_hardware("mixtral-8x7b", "m2-max-38c", "rtx-4090", vram_a=64, catalog=cat)
    assert rb.quant == own.quant


# 4. a server CPU family picks a system of its kind from the catalog


def test_epyc_without_a_model_number_is_a_server_system(cat):
    q = parse("can i run kimi k2 on 512gb ram epyc", cat)
    assert q.hardware.id == "cpu-ddr5-12ch" and q.ram_gb == 512 and q.cpu_only
    assert not q.unsure and any("EPYC" in s for s in q.assumed)
    a = ask("can i run kimi k2 on 512gb ram epyc", cat)
    assert "12-channel" in a.message and "EPYC" in a.message
    # the DDR generation stated narrows the family; a named model number is the entry itself
    assert parse("kimi k2 on epyc ddr4 512gb", cat).hardware.id == "cpu-ddr4-8ch"
    assert parse("kimi k2 on epyc 9654 768gb", cat).hardware.id == "epyc-9654"
    for text in ("deepseek r1 on a xeon with 256gb", "qwen3 235b on threadripper 256gb"):
        q = parse(text, cat)
        assert q.hardware and cat.hardware[q.hardware.id].kind == "cpu" and not q.unsure, text
        assert cat.hardware[q.hardware.id].channels >= 4, text
    # with a GPU, the host CPU family is no question of its own
    q = parse("qwen3 32b on 3090 with an epyc and 512gb ram", cat)
    assert q.hardware.id == "rtx-3090" and not q.unsure and q.ram_gb == 512


# 5. full-width text


def test_full_width_text_is_read_like_ascii(cat):
    a = ask("ｑｗｅｎ３ ３２ｂ on ＲＴＸ ４０９０", cat)
    assert a.intent == "fit"
    assert (a.reports[0].model.id, a.reports[0].hardware.id) == ("qwen3-32b", "rtx-4090")
    q = parse("ｑｗｅｎ３　３２ｂ　ｏｎ　２ｘ３０９０ ｑ４＿ｋ＿ｍ ３２ｋ", cat)
    assert (q.model.id, q.hardware.id, q.gpus, q.quant, q.context) == (
        "qwen3-32b",
        "rtx-3090",
        2,
        "Q4_K_M",
        32768,
    )
    assert q.text.startswith("ｑｗｅｎ３")  # the text as the user wrote it


# 6. three-way comparisons say what was compared and what was left out


def test_many_way_comparison_names_what_it_left_out(cat):
    text = "llama 70b vs qwen 72b vs mixtral on 4090 vs 3090 vs m2 max"
    q = parse(text, cat)
    assert [m.id for m in q.more_models] == ["mixtral-8x7b"]
    assert [h.id for h in q.more_hardware] and q.more_hardware[0].name.startswith("Apple M2 Max")
    a = ask(text, cat)
    assert a.intent == "compare"
    # the first two models on the first two devices, each model on each device
    assert [(r.model.id, r.hardware.id) for r in a.reports] == [
        ("llama-3.3-70b", "rtx-4090"),
        ("llama-3.3-70b", "rtx-3090"),
        ("qwen2.5-72b", "rtx-4090"),
        ("qwen2.5-72b", "rtx-3090"),
    ]
    assert "Left out:" in a.message
    assert "Mixtral" in a.message.split("Left out:")[1]
    assert "M2 Max" in a.message.split("Left out:")[1]
    # one model on three devices: all three, nothing left out
    a = ask("qwen3 32b on 3090 vs 4090 vs 7900 xtx", cat)
    assert [r.hardware.id for r in a.reports] == ["rtx-3090", "rtx-4090", "rx-7900-xtx"]
    assert "Left out" not in a.message and "fastest" in a.message
    # two and two: each model on each device, neither the second model nor the second card
    # dropped
    a = ask("qwen3 32b vs gemma 3 27b on 3090 vs 4090", cat)
    assert len(a.reports) == 4 and "Left out" not in a.message
    assert {r.model.id for r in a.reports} == {"qwen3-32b", "gemma-3-27b"}
    assert {r.hardware.id for r in a.reports} == {"rtx-3090", "rtx-4090"}


# 7. one way to write a GPU count in answers


@pytest.mark.parametrize(
    "text",
    [
        "llama 3.3 70b q4 on 2x3090",
        "what GPU do I need for llama 3.3 70b",
        "2x3090 vs m2 max 96gb for llama 3.3 70b",
        "what can i run on 2x 3090",
    ],
)
def test_gpu_counts_are_written_one_way(text, cat):
    out = render_answer_text(ask(text, cat))
    assert "2× NVIDIA GeForce RTX 3090" in out
    assert not re.search(r"\b\d+x [A-Z]", out) and not re.search(r"×\d", out), out


# 8. an incomplete second model mention does not make a clear question unsure


@pytest.mark.parametrize("i", range(len(QUESTIONS)))
def test_bench_messages_cut_at_with_llama_are_not_unsure(i, cat):
    q = parse(message(i, 300), cat)
    assert q.model is not None and not [u for u in q.unsure if u.kind == "model"], q.unsure


def test_passing_family_mentions(cat):
    q = parse("deepseek r1 distill 14b on a 3060 12gb", cat)
    assert q.model.id == "deepseek-r1-distill-qwen-14b" and not q.unsure and not q.ignored
    q = parse("qwen3 32b on 3090 with llama", cat)
    assert q.model.id == "qwen3-32b" and not q.unsure and any("llama" in s for s in q.ignored)
    # a comparison word next to it asks for that model; a family before the clear name may be
    # the question itself: both stay unsure
    assert parse("qwen3 32b vs llama on 3090", cat).unsure
    assert parse("can i run llama on my 3090, i used qwen3 8b before", cat).unsure
    assert parse("llama on a 3090", cat).intent == "unclear"


def test_a_side_that_does_not_fit_says_which_quant_would(cat):
    a = ask("llama 3.3 70b on 4090 vs 3090 at q8", cat)
    assert {r.quant for r in a.reports} == {"Q8_0"} and all(r.fit == "wont_fit" for r in a.reports)
    assert "won't fit at Q8_0" in a.message and "no speed" not in a.message
    rec = a.reports[0].recommended_quant
    if rec and rec != "Q8_0":
        assert f"({rec} would)" in a.message
