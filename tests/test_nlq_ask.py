"""ask(): every intent gets a real answer, unsure names get choices, non-questions get a pointer."""

from __future__ import annotations

import json
import re
import time

import pytest

from fitengine.advise import best_hardware, best_models, compare_hardware, compare_models
from fitengine.answers import HELP, Answer, ask, render_answer_text
from fitengine.engine import analyze
from fitengine.nlq import parse


def test_fit_answer_is_a_report(cat):
    a = ask("can i run qwen2.5-coder 32b on a 3090 at q4_k_m with 16k?", cat)
    assert a.intent == "fit" and len(a.reports) == 1
    r = a.reports[0]
    assert r.model.id == "qwen2.5-coder-32b" and r.hardware.id == "rtx-3090"
    assert r.quant == "Q4_K_M" and r.context == 16384
    assert a.answer is r
    assert "RTX 3090" in a.message and "Qwen2.5-Coder 32B" in a.message
    d = json.loads(a.model_dump_json())
    keys = {"query", "intent", "reports", "message", "suggestions", "assumed", "asides"}
    assert set(d) == keys | {"card_line"} and a.message.startswith(a.card_line)
    assert d["query"]["model"]["id"] == "qwen2.5-coder-32b"


def test_how_much_context_answers_with_the_kv_cache_that_holds_more(cat):
    # the levers in order: q8_0 holds about twice f16's context at the same quant, q4_0 (rotated,
    # ~0.2% perplexity) about twice q8_0's; the answer gives the longest and the step before it
    a = ask("how much context can I fit with qwen3.6 27b on a 3090", cat)
    r = a.reports[0]
    at_f16 = analyze("qwen3.6-27b", "rtx-3090", quant=r.quant, kv_type="f16", catalog=cat)
    at_q8 = analyze("qwen3.6-27b", "rtx-3090", quant=r.quant, kv_type="q8_0", catalog=cat)
    assert a.query.asks_context and r.kv_type == "q4_0"
    assert r.safe_context > 1.5 * at_q8.safe_context > 2 * at_f16.safe_context
    assert "with a q8_0 cache" in a.message


@pytest.mark.parametrize(
    "text",
    [
        "maximizing context for qwen3.6 27b on a 3090 - how much can I get?",
        "I want to maximise context with qwen3.6 27b on my 3090",
        "what's the longest context I can run qwen3.6 27b at on a 3090",
        "how long of a context can i get with qwen3.6 27b on a 3090",
        "what's the largest context window for qwen3.6 27b on a 3090?",
    ],
)
def test_wanting_the_most_context_is_a_context_question(cat, text):
    a = ask(text, cat)
    assert a.query.asks_context and a.reports[0].kv_type in ("q8_0", "q4_0")


def test_a_fit_said_with_headroom_for_the_cache_runs_the_longest_window_it_holds(cat):
    """ "fits on a DGX Spark with plenty of headroom for KV cache": the room for the window is the
    point, so the answer runs gpt-oss-120b at its whole 128K, not at the default 32K."""
    a = ask(
        "`gpt-oss-120b` is natively MXFP4 (~65GB) and fits comfortably on a single DGX Spark"
        " with plenty of headroom for KV cache.",
        cat,
    )
    r = a.reports[0]
    assert a.query.asks_context and r.quant == "MXFP4" and r.context == 131072
    assert "whole window" in a.message


def test_how_much_context_answers_with_a_card_and_commands_at_that_window(cat):
    a = ask("how much context can I get with qwen3 32b on a 3090", cat)
    r = a.reports[0]
    assert r.context == r.safe_context > 32768
    assert (
        f"-c {r.context}" in r.commands.llama_cpp and f"{r.context // 1024}K context" in a.message
    )


def test_how_much_context_stops_at_the_cache_that_holds_the_whole_window(cat):
    # gpt-oss-20b's sliding-window cache holds its whole 128K at f16 on a 24 GB card: no lever
    a = ask("how much context can I get with gpt-oss 20b on a 3090", cat)
    assert a.reports[0].kv_type == "f16" and a.reports[0].safe_context == 131072


def test_a_window_beyond_the_models_says_it_was_capped_in_the_headline(cat):
    a = ask("llama 3.1 8b at 256k context on a 4090", cat)
    assert a.reports[0].context == 131072
    assert "128K context (its limit; 256K asked)" in a.message


def test_a_model_that_crawls_points_first_to_the_best_model_not_an_old_sibling(cat):
    # a dense 70B on 12 GB crawls; the family's small ones (an uncensored fine-tune, a 2024
    # vision model) are weaker than the MoE that runs with its experts in RAM
    a = ask("llama 3.3 70b on a 3060 12gb", cat)
    first = a.reports[0].next_steps[0]
    assert first.kind == "other_model" and first.model_id != "llama-3.1-8b-dolphin3"
    siblings = [x.model_id for x in a.reports[0].next_steps if x.kind == "smaller_sibling"]
    assert "llama-3.1-8b-dolphin3" not in siblings


def test_the_model_offered_instead_runs_at_the_window_asked(cat):
    a = ask("qwen3.6 27b with 128k context on a 16gb 5070 ti", cat)
    alt = next(x for x in a.reports[0].next_steps if x.kind == "other_model")
    r = ask(f"{cat.models[alt.model_id].name} at 128k on a 5070 ti", cat).reports[0]
    assert r.context >= 131072 and r.fit in ("runs_well", "tight", "offload")


def test_a_mac_said_with_its_memory_only_is_a_mac_not_a_graphics_card(cat):
    a = ask("kimi k2.5 on a 64gb mac?", cat)
    r = a.reports[0]
    assert a.query.mac and a.query.hardware is None
    assert r.hardware.kind == "apple" and r.hardware.memory_gb == 64 and r.fit == "wont_fit"
    assert any(x.what == "hardware" and "64 GB" in x.value for x in r.assumed)


def test_the_first_next_step_runs_at_a_usable_speed_and_a_good_quant(cat):
    # a 70B at IQ2_M, or at ~1 tok/s from system RAM, is listed but does not lead
    r = ask("llama 3.3 70b q8 on a 3090", cat).reports[0]
    first = r.next_steps[0]
    assert cat.quants[first.quant or "Q8_0"].quality >= 85 and (first.decode_tok_s or 99) >= 10
    assert {x.kind for x in r.next_steps} >= {"smaller_quant", "more_ram", "other_model"}


def test_a_window_past_the_native_one_names_the_rope_scaling_in_the_headline(cat):
    a = ask("qwen3 32b at 128k on a 5090", cat)
    assert "128K context (YaRN x4 past its native 32K)" in a.message
    assert "--rope-scaling yarn" in a.reports[0].commands.llama_cpp


def test_a_mac_is_read_only_with_its_memory_next_to_it(cat):
    q = ask("I dont have a mac, I have a 24gb card, can it run qwen3.6 27b", cat).query
    assert not q.mac and q.vram_gb == 24


def test_fit_with_counts_and_memory_only(cat):
    a = ask("llama 3.3 70b q4 on 2x3090", cat)
    assert a.intent == "fit" and a.reports[0].hardware.count == 2
    a = ask("will qwen3 14b run on a 12gb card", cat)
    assert a.intent == "fit" and a.reports[0].hardware.memory_gb == 12
    a = ask("can I run phi-4 without a GPU? 32GB RAM", cat)
    assert a.intent == "fit" and a.reports[0].hardware.kind == "cpu"


def test_best_models_for_hardware(cat):
    a = ask("what can I run on my M3 Pro 18gb", cat)
    assert a.intent == "best_model_for_hw" and 3 <= len(a.reports) <= 10
    assert all(r.hardware.id == "m3-pro-18c" for r in a.reports)
    # every route counts (expert offload too), but everything listed runs at a usable speed
    assert all(r.fit != "wont_fit" and r.grade not in ("D", "F") for r in a.reports)
    assert len({r.model.id for r in a.reports}) == len(a.reports)
    text = render_answer_text(a)
    assert "model" in text.splitlines()[2] and a.reports[0].model.name in text


def test_a_lists_grade_column_names_the_workload_it_grades(cat):
    # a model's own card weighs all five workloads; the list's column must not read as the same grade
    header = render_answer_text(ask("best model for coding on a 5090", cat)).splitlines()[2]
    assert header.endswith("coding grade")
    header = render_answer_text(ask("what can I run on a 3090", cat)).splitlines()[2]
    assert header.endswith("chat grade")


def test_the_headline_memory_is_the_gpus_own_as_on_the_card(cat):
    # the token embeddings llama.cpp keeps in RAM are no part of the GPU's load
    a = ask("which quant of qwen3.6 27b should I use on a 4070 ti super", cat)
    r = a.reports[0]
    gpu = sum(d.total_gb for d in r.placement.devices)
    sold = 2**30 / 1e9  # the text counts GB as memory is sold
    assert r.memory.total_gb > gpu and f"{gpu / sold:.1f} of " in a.message


def test_a_model_comparison_says_which_is_stronger_beside_which_is_faster(cat):
    a = ask("qwen3.6 27b or qwen3.6 35b-a3b on a 24gb card?", cat)
    assert "Qwen3.6 35B-A3B is about" in a.message and "faster" in a.message
    # level on the index within the advice's tie share: the dense 27B is the bigger model
    assert "Qwen3.6 27B is likely the stronger model" in a.message
    a = ask("gpt-oss 20b vs qwen3 30b a3b on a 5070 ti for coding", cat)
    assert "OpenAI gpt-oss-20b is the stronger model" in a.message and "Coding Index" in a.message


def test_two_cards_and_no_model_get_a_verdict_on_memory_and_speed(cat):
    # the two things that decide "3090 or 5060 Ti": what stays on the GPU, and how fast a model
    # both hold decodes there, compared at one quant
    msg = ask("3090 or 5060 ti for local llms?", cat).message
    assert "NVIDIA GeForce RTX 3090 has more memory (24 vs 16 GB usable)" in msg
    assert re.search(r"RTX 3090 is about [12]\.\d× faster on .+ which both hold", msg)


def test_a_mac_list_says_how_to_raise_the_wired_limit_its_tight_fits_need(cat):
    a = ask("what's the best model for my M4 Max 128GB", cat)
    raised = [r for r in a.reports[:5] if r.wired_limit_mb]
    assert raised and all(r.fit == "tight" for r in raised)
    assert f"sudo sysctl iogpu.wired_limit_mb={raised[0].wired_limit_mb}" in a.message


def test_a_list_names_the_ram_when_any_model_it_lists_needs_it(cat):
    a = ask("best model for 2x 3090 and 64gb ddr4", cat)
    # (whichever leads: a dense 27B over both cards or a 180B-A6B with experts in RAM)
    assert any(r.placement.kind in ("gpu", "multi_gpu") for r in a.reports[:5])
    assert any(r.placement.kind == "moe_offload" for r in a.reports[:5])
    assert a.message.split(":")[0].endswith("with 64 GB RAM")


def test_memory_alone_and_cpu_only_lists(cat):
    a = ask("12gb vram what's the best model", cat)
    assert a.intent == "best_model_for_hw" and a.reports
    # on the GPU, or a MoE with its experts in the (assumed) system RAM
    assert all(
        r.memory.total_gb <= 13 or r.placement.kind in ("moe_offload", "partial_offload")
        for r in a.reports
    )
    assert any("system RAM" in x for r in a.reports for x in r.assumptions)
    a = ask("no gpu, 32gb ram, what can i run", cat)
    assert a.reports and all(r.hardware.kind == "cpu" for r in a.reports)


def test_best_hardware_smallest_first(cat):
    a = ask("what GPU do I need for llama 3.3 70b", cat)
    assert a.intent == "best_hw_for_model" and a.reports
    # consumer cards and their multiples first, smallest first among them
    consumer = [
        r for r in a.reports if r.hardware.kind == "gpu" and "RTX PRO" not in r.hardware.name
    ]
    totals = [r.hardware.memory_gb * r.hardware.count for r in consumer[:3]]
    assert totals == sorted(totals)
    assert a.reports[0] is consumer[0]
    assert any(r.hardware.count > 1 for r in a.reports)
    assert all(r.fit in ("runs_well", "tight") for r in a.reports)
    assert "needs about" in a.message


def test_compare_hardware_and_models(cat):
    a = ask("3090 vs 4090 for qwen3 32b", cat)
    assert a.intent == "compare" and [r.hardware.id for r in a.reports] == ["rtx-3090", "rtx-4090"]
    a = ask("qwen3 32b or gemma 3 27b on my 4090?", cat)
    assert [r.model.id for r in a.reports] == ["qwen3-32b", "gemma-3-27b"]
    assert "Qwen3 32B" in render_answer_text(a)


def test_unsure_says_what_it_understood_and_offers_choices(cat):
    # a family said on a machine is answered, not asked back (advice61): its best models there,
    # the reading said
    a = ask("llama on a 3090", cat)
    assert a.intent == "best_model_for_hw" and a.reports
    assert "RTX 3090" in a.message and "read as the best llama models" in a.message
    assert all(cat.models[r.model.id].family == "llama" for r in a.reports)
    assert ask("llama", cat).intent == "unclear"  # no machine, no size: still asks


@pytest.mark.parametrize(
    ("text", "sizes"),
    [
        ("can my 3090 run qwen 3.6?", {"qwen3.6-27b", "qwen3.6-35b-a3b"}),
        ("which qwen3.6 fits my 12gb 4070 with 32gb ram", {"qwen3.6-27b", "qwen3.6-35b-a3b"}),
    ],
)
def test_a_release_with_several_sizes_is_answered_for_them_on_the_setup(cat, text, sizes):
    # "qwen 3.6" fits a 27B and a 35B-A3B equally: on a known setup the answer puts them side by
    # side, the one worth most there first, instead of asking which one was meant; the
    # uncensored finetune stands in for neither unless asked
    a = ask(text, cat)
    assert a.intent == "compare" and {r.model.id for r in a.reports} == sizes
    assert "several models" in a.message
    assert a.reports[0].fit != "wont_fit"


def test_a_release_named_without_its_size_is_every_size_of_it_not_a_neighbour(cat):
    # "gemma 4" is Gemma 4 E2B, E4B, 12B, 26B-A4B and 31B: on an 8 GB card the answer weighs the
    # sizes that run there (E4B whole, 26B-A4B with its experts in RAM), never a Gemma 3 4B
    # that only shares a "4", and never the 31B alone at a 2-bit quant
    a = ask("can my rtx 4060 8gb run gemma 4", cat)
    ids = {r.model.id for r in a.reports}
    assert a.intent == "compare" and "several models" in a.message
    assert ids <= {f"gemma-4-{s}" for s in ("e2b", "e4b", "12b", "26b-a4b", "31b")}
    assert "gemma-4-e4b" in ids or "gemma-4-12b" in ids
    which = ask("what gpu do I need for gemma 4", cat)
    assert {c.id for c in which.query.unsure[0].suggestions} == {
        f"gemma-4-{s}" for s in ("e2b", "e4b", "12b", "26b-a4b", "31b")
    }


def test_a_name_that_a_few_models_share_is_answered_for_each(cat):
    # "gpt-oss" is two models; a word in passing ("GPT", "OpenAI") still asks which one
    a = ask("can I run gpt-oss on a 3070", cat)
    assert a.intent == "compare"
    assert {r.model.id for r in a.reports} == {"gpt-oss-20b", "gpt-oss-120b"}
    # a word in passing ("GPT J") is no gpt-oss: what runs best on the machine, said (advice61)
    a = ask("With KoboldAi I was able to run GPT J 6b on my 8gb 3070 ti", cat)
    assert not any(r.model.id.startswith("gpt-oss") for r in a.reports)
    assert '"GPT"' in a.message


@pytest.mark.parametrize(
    "text", ["what's the best gemma I can run on 16gb", "best gemma for my 4090"]
)
def test_a_bare_family_name_asks_for_its_list_not_its_first_release(cat, text):
    # "gemma" is the family (Gemma 4 in December 2026), not Gemma 1.1 7B that Ollama's old
    # `gemma` tag pointed at: the answer is the family's list on the setup
    a = ask(text, cat)
    assert a.intent == "best_model_for_hw" and a.reports
    assert all(r.model.id.startswith("gemma-") for r in a.reports)
    assert a.reports[0].model.id.startswith("gemma-4")


def test_a_release_on_a_small_card_leads_with_the_one_that_runs_there(cat):
    a = ask("which qwen3.6 fits my 12gb 4070 with 32gb ram", cat)
    # the 35B-A3B with its experts in RAM decodes several times faster than the dense 27B
    # spilling out of 12 GB: it is worth more there
    assert a.reports[0].model.id == "qwen3.6-35b-a3b"


@pytest.mark.parametrize("text", ["hello", "thanks!", "", "what's the weather in 2025"])
def test_non_questions_get_a_pointer(text, cat):
    a = ask(text, cat)
    assert a.intent == "help" and a.message == HELP and not a.reports


def test_engine_errors_become_friendly_answers(cat):
    a = ask("llama 3.1 8b on 32x 3090", cat)  # a count the engine refuses
    assert isinstance(a, Answer) and a.message


def test_advise_functions_directly(cat):
    rs = best_models("rtx-3090", limit=5, catalog=cat)
    assert 1 <= len(rs) <= 5
    rs = best_hardware("qwen3-32b", quant="Q4_K_M", limit=4, catalog=cat)
    assert rs and rs[0].quant == "Q4_K_M"
    rs = best_hardware("deepseek-v3", hardware="rtx-3090", catalog=cat)
    assert all(r.hardware.id == "rtx-3090" for r in rs)
    a, b = compare_hardware("qwen3-8b", "rtx-3060", "rtx-4060", catalog=cat)
    assert (a.hardware.id, b.hardware.id) == ("rtx-3060", "rtx-4060")
    a, b = compare_models("qwen3-8b", "llama-3.1-8b", "rtx-3060", catalog=cat)
    assert (a.model.id, b.model.id) == ("qwen3-8b", "llama-3.1-8b")


def test_long_message_answer_is_bounded(cat):
    text = "can i run qwen3 32b on my 3090? " + "some rambling about my day " * 400
    t0 = time.process_time()
    a = ask(text[:10_000], cat)
    assert time.process_time() - t0 < 1.0  # smoke bound; bench/latency.py measures
    assert a.intent == "fit"


def test_a_list_shows_what_an_offloaded_model_keeps_in_ram_apart_from_the_gpu():
    # "26.2/12.5" read as a model twice the card's size that somehow runs
    a = ask("best model for a 3060 12gb with 32gb ram for coding")
    text = render_answer_text(a)
    offloaded = [r for r in a.reports if r.placement.kind == "moe_offload"]
    assert offloaded
    assert "/11.6 + " in text and " RAM" in text  # the 3060's 12 GB as sold, less CUDA's own
    cells = re.findall(r"(\d+\.\d)/(\d+\.\d)", text)
    assert len(cells) == len(a.reports)
    assert all(float(used) <= float(usable) + 0.5 for used, usable in cells)


def test_a_list_says_runs_well_only_when_every_model_named_does():
    a = ask("what's the best model I can run on a 3060 12gb with 32gb ram for coding?")
    named = a.reports[:5]
    if all(r.fit == "runs_well" for r in named):
        assert a.message.startswith("Runs well on")
    else:
        assert a.message.startswith("Best on")
        for r in named:
            if r.fit != "runs_well":
                assert f"{r.model.name} ({r.quant}, " in a.message
                assert r.fit_label.lower() in a.message


def test_an_unknown_card_answered_on_a_stand_in_says_so_first(cat):
    # "rtx 6090 32gb": the memory is enough to answer, but on a generic 32 GB card, whose speed
    # is not the 6090's; the message names the unknown card, the nearest known ones and the
    # stand-in before anything else
    a = ask("rtx 6090 32gb can it run qwen3.6 27b", cat)
    assert a.intent == "fit" and a.reports[0].hardware.id == "generic-gpu"
    assert a.message.startswith('I don\'t know the hardware "rtx 6090"')
    assert "RTX 5090" in a.message.split(". ")[0] and "stand-in" in a.message
    assert any("GB/s" in x.value for x in a.reports[0].assumed if x.what == "hardware")


def test_the_stand_in_note_gives_the_bandwidth_the_answer_ran_at(cat):
    # a generic card is sized by the memory said (a 4 GB card's median is no 448 GB/s card)
    a = ask("my gtx 850 has 4gb vram, can it run qwen3 4b", cat)
    bw = a.reports[0].hardware.bandwidth_gbps
    assert f"{bw:g} GB/s" in a.message.split(". ")[0] and bw < 448


@pytest.mark.parametrize(
    ("text", "base"),
    [
        ("rtx 5080 super with 24gb, qwen3.8 27b q8?", "rtx-5080"),
        ("4090ti with 24gb can run qwen3.6 35b?", "rtx-4090"),
        ("my rx 9070 xtx 32gb, gpt-oss 20b speed?", "rx-9070"),
    ],
)
def test_an_unknown_variant_of_a_known_card_runs_as_that_card_with_the_memory_said(cat, text, base):
    # the same chip family's speed is a better guess than a generic card of that memory (which
    # ran an AMD card on CUDA); the message says which card stands in, first
    a = ask(text, cat)
    r = a.reports[0]
    assert r.hardware.id == base and r.hardware.memory_gb == float(text.split("gb")[0][-2:])
    assert a.message.startswith("I don't know the hardware") and "variant" in a.message


def test_an_unknown_variant_without_its_memory_is_not_answered_on_the_smaller_card(cat):
    # a Super or Ti often has more memory than its base card: without the memory said, only the
    # suggestions
    a = ask("can a rtx 5080 super run qwen3 32b", cat)
    assert not a.reports or a.reports[0].hardware.id != "rtx-5080"


def test_an_ambiguous_name_answered_on_a_generic_system_lists_the_choices(cat):
    a = ask("@canirun llama 3.2 1b rpi 4gb", cat)
    assert a.message.startswith('"rpi" could be Raspberry Pi')


def test_a_known_card_gets_no_stand_in_note(cat):
    a = ask("can my 3090 run qwen3 32b at 32k", cat)
    assert "stand-in" not in a.message and a.message.startswith("Yes")


def test_an_unknown_model_on_named_hardware_is_not_asked_about_as_a_device(cat):
    a = ask("llama 5 400b on 4x3090", cat)
    assert a.intent == "unclear"
    assert 'I don\'t know the model "llama 5 400b"' in a.message
    assert "Which hardware" not in a.message and "Raspberry Pi" not in a.message


def test_a_family_variant_the_catalog_lacks_is_unknown_not_its_base_model(cat):
    # "GLM 5 Air": GLM-4.5 has an Air, GLM-5 has none; answering for the 744B GLM-5 would be a
    # different question
    # (advice61: answered with the GLM models that run there, the name said not pinned down)
    a = ask("strix halo 128gb glm 5 air speed?", cat)
    assert 'I don\'t know the model "glm 5 air"' in a.message
    assert "glm-5" not in {r.model.id for r in a.reports}
    assert "GLM-4.5-Air" in a.message or "GLM-4.5 Air" in a.message
    # a variant the entry has, or a word no sibling has, changes nothing
    assert ask("glm 4.5 air on a 3090", cat).reports[0].model.id == "glm-4.5-air"
    assert ask("gpt-oss 20b max context on 3060", cat).reports[0].model.id == "gpt-oss-20b"


def test_ram_said_beside_a_card_puts_the_route_it_opens_in_the_list(cat):
    # the 64 GB of RAM is part of the question: one of the five models named runs with its
    # experts in it, not five that would run the same without it
    a = ask("Which model can run on RTX 4090 24GB GDDR6X + DDR4 64GB?", cat)
    assert a.intent == "best_model_for_hw"
    assert any(r.placement.kind == "moe_offload" for r in a.reports[:5])
    # ... the first pick is still the best one on the card
    assert a.reports[0].placement.kind == "gpu"


def test_a_bigger_model_at_a_lower_quant_is_compared_with_a_smaller_one_at_its_own():
    """ "27b at 4bit or 12b at fp16": each side runs at the quant said beside it, not both at
    one; quants not said one per model stay one for both."""
    a = ask("should I run gemma 3 27b at 4bit or gemma 3 12b at fp16 on a 4090")
    assert [(r.model.id, r.quant) for r in a.reports] == [
        ("gemma-3-27b", "Q4_K_M"),
        ("gemma-3-12b", "F16"),
    ]
    q = parse("q4 or q8 for qwen3 32b vs gemma 3 27b on a 3090")
    assert q.quants_by_model == [] and q.quant == "Q4_K_M"


@pytest.mark.parametrize(
    ("text", "kind", "gb"),
    [
        ("Failed to load Qwen3.5 397B model in my Mac. My Mac only has 64G memory.", "apple", 64),
        ("my 3080 only has 10gb, can it run qwen3.5 9b at q8?", "gpu", 10),
    ],
)
def test_only_has_joins_a_device_and_its_memory(cat, text, kind, gb):
    # "my Mac only has 64G" is a 64 GB Mac, not a 64 GB graphics card of no known make
    r = ask(text, cat).reports[0]
    assert r.hardware.id != "generic-gpu" and r.hardware.kind == kind
    assert round(r.hardware.memory_gb) == gb


def test_models_better_suited_than_the_one_tried_ask_for_a_list(cat):
    # "tried Qwen3-Coder-30B ... are there models better suited for entity extraction?" on a
    # "small AMD Strix 395 machine": the tried model is the one to replace, the answer a list
    a = ask(
        "llama-server on a small AMD Strix 395 machine for LightRAG: tried "
        "Qwen3-Coder-30B-A3B-Instruct-UD-Q4_K_XL, are there models better suited for entity "
        "extraction?",
        cat,
    )
    assert a.intent == "best_model_for_hw"
    assert a.query.hardware is not None and a.query.hardware.id == "radeon-8060s"
    assert a.reports and a.reports[0].model.id != "qwen3-coder-30b-a3b"


def test_mtp_said_as_a_feature_names_no_model(cat):
    # "with MTP on": the word is in the repos of MTP-keeping finetunes, but alone it is a feature
    q = ask("gemma 4 31b on a 4090 with MTP on, how fast?", cat).query
    assert q.model is not None and q.model.id == "gemma-4-31b"
    assert not [u for u in q.unsure if u.kind == "model"]


def test_quants_asked_side_by_side_say_which_is_fastest_and_which_keeps_most(cat):
    a = ask("qwen3.8 27b on an m3 max 128gb: q4, q6 or q8, which decodes fastest?", cat)
    assert a.intent == "fit"
    said = a.message[a.message.index("Of the quants asked") :]
    assert [q for q in ("Q4_K_M", "Q6_K", "Q8_0") if q in said] == ["Q4_K_M", "Q6_K", "Q8_0"]
    assert "Q4_K_M decodes fastest" in said and "Q8_0 keeps the most quality" in said


def test_one_quant_named_adds_no_side_by_side(cat):
    a = ask("qwen3.8 27b on an m3 max 128gb at q6_k", cat)
    assert "Of the quants asked" not in a.message


def test_a_quant_said_after_the_first_model_is_its_own_and_gpt_oss_stays_native(cat):
    a = ask("qwen3.6 27b at q8 or gpt-oss-120b on an m3 max 128gb, which is faster?", cat)
    assert a.intent == "compare"
    by = {r.model.id: r.quant for r in a.reports}
    assert by == {"qwen3.6-27b": "Q8_0", "gpt-oss-120b": "MXFP4"}


def test_cards_compared_then_one_named_again_are_two_cards_not_a_build(cat):
    a = ask(
        "rtx 5090 vs rx 7900 xtx for deepseek r1 distill qwen 32b, how much faster is the 5090?",
        cat,
    )
    assert a.intent == "compare" and not a.query.options
    assert [(r.hardware.id, r.hardware.count) for r in a.reports] == [
        ("rtx-5090", 1),
        ("rx-7900-xtx", 1),
    ]


def test_a_quant_asked_that_no_repo_has_is_said_so(cat):
    a = ask("Q4_K_M or Q5_K_M for gemma 4 31b on 24gb?", cat)
    assert "no Q5_K_M file among the repos known for it" in a.message


def test_two_models_and_no_hardware_still_say_which_is_the_better_model(cat):
    a = ask("gemma 4 31b vs qwen 3.6 27b?", cat)
    assert a.intent == "compare" and "No hardware named" in a.message
    assert "Qwen3.6 27B is the stronger model" in a.message


def test_two_models_and_no_hardware_each_at_the_quant_said_beside_it(cat):
    a = ask("for Gemma 3,which one has better performance, 27b(4bit) or 12b(fp16)", cat)
    assert [(r.model.id, r.quant) for r in a.reports] == [
        ("gemma-3-27b", "Q4_K_M"),
        ("gemma-3-12b", "F16"),
    ]
    assert "as asked" in a.message and "Gemma 3 27B IT is the stronger model" in a.message


def test_kv_caches_asked_run_the_one_that_keeps_the_most_quality_and_say_each_window(cat):
    a = ask("q8_0 or q4_0 kv cache for qwen3.6 27b on a 3090?", cat)
    r = a.reports[0]
    assert r.kv_type == "q8_0" and r.fit != "wont_fit"
    assert "Of the KV caches asked" in a.message and "q4_0 holds up to" in a.message


def test_quants_only_mentioned_in_a_story_are_not_set_side_by_side(cat):
    a = ask(
        "Now let's try Nemotron 49B on my 3090. I can't run it fully in Q8 yet, "
        "for now let's use Q6.",
        cat,
    )
    assert "Of the quants asked" not in a.message


def test_the_n_cpu_moe_someone_runs_is_set_beside_the_fewest_that_fits(cat):
    """review3 r3-38: at --n-cpu-moe 8 a 12 GB card cannot hold the rest (it spills), 30 fits with
    room to spare; the answer names both against the fewest that fits."""
    a = ask(
        "Qwen3.6-35B-A3B on my 12GB card: raising --n-cpu-moe from 8 to 30 doubled decode from 17"
        " to 34 tok/s. What setting should I use?",
        cat,
    )
    n0 = a.reports[0].placement.n_cpu_moe
    assert 8 < n0 < 30
    assert "--n-cpu-moe 8 needs" in a.message and "over its" in a.message
    assert "--n-cpu-moe 30 fits" in a.message and f"--n-cpu-moe {n0}, the fewest" in a.message


def test_on_a_mac_n_cpu_moe_is_said_to_free_nothing(cat):
    a = ask("gpt-oss-20b on a mac mini m4 with 16GB: llama.cpp with --n-cpu-moe 12 works", cat)
    assert a.reports[0].placement.kind == "unified"
    assert "--n-cpu-moe frees nothing" in a.message


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("8gb vram laptop 3070, which model for RP?", "for creative writing and role-play:"),
        ("what's the best uncensored model for 16gb vram", ", uncensored models only:"),
    ],
)
def test_a_list_kept_to_a_tag_or_ranked_by_a_task_says_so_in_its_lead(cat, text, said):
    a = ask(text, cat)
    assert said in a.message.split(". ")[0]


@pytest.mark.parametrize(
    "text",
    [
        # a 4060 Ti report (advice bench a30-cmp-three-qwens-4060ti-64gb), listed with "、"
        "4060ti16GB先后尝试了Qwen3.6-35B-A3B、Qwen3-30B-A3B、Qwen3-14B三个模型都没能跑起来",
        "I tried Qwen3.6-35B-A3B, Qwen3-30B-A3B and Qwen3-14B on my 4060ti 16GB, none would load.",
    ],
)
def test_three_models_listed_in_a_report_are_each_answered(text):
    a = ask(text)
    assert [r.model.id for r in a.reports] == ["qwen3.6-35b-a3b", "qwen3-30b-a3b", "qwen3-14b"]
    assert {r.hardware.id for r in a.reports} == {"rtx-4060-ti-16gb"}


def test_two_models_in_a_report_stay_the_first_one():
    # "results for Qwen3 8B and Qwen3 14B." reports; it asks about no pair
    assert parse("results for Qwen3 8B and Qwen3 14B on my 3060.").model_b is None


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("can my 3060 12gb run gemma?", "gemma"),
        ("can my 3060 12gb run llama?", "llama"),
        # r/LocalLLaMA: "Anyone have something like a llama model run on pi5 with 8GB RAM?"
        ("Anyone have something like a llama model run on pi5 with 8GB RAM?", "llama"),
    ],
)
def test_a_family_to_run_on_a_named_machine_lists_that_familys_models(cat, text, family):
    """A bare family asked to run on a machine ("run gemma", "a llama model") is answered with
    that family's models that run there, best first, not "which gemma do you mean?"."""
    a = ask(text, cat)
    assert a.intent == "best_model_for_hw" and a.query.family == family
    assert a.reports and all(cat.models[r.model.id].family == family for r in a.reports)
    assert "could be" not in a.message
