"""Round advice36: long windows, won't-fits and rigs of several cards, as a practitioner reads them
(each case is a real text of bench/advice_questions.yaml's a36 part, or its kind)."""

from __future__ import annotations

from fitengine import analyze
from fitengine.answers import ask
from fitengine.nlq import parse
from fitengine.resolve import release_format_re


def test_a_rig_said_after_a_word_ending_in_an_alternative_word_stays_one_rig():
    # "you" ends in "ou" (French "or"): a window cut mid-word read it as an alternative
    q = parse("Can you run the 120b with say 3090 + 5090 at reasonable speed?")
    assert [s.id for s in q.setup] == ["rtx-3090", "rtx-5090"]


def test_the_total_of_a_mixed_rig_is_no_single_cards_memory():
    q = parse("Can you run gpt-oss-120b with say 3090 + 5090 (56GB vram)?")
    assert [(s.id, s.vram_gb) for s in q.setup] == [("rtx-3090", None), ("rtx-5090", None)]
    # a modded card's own memory is kept: 22 GB is no 3090 + 2080 Ti total
    q = parse("a 3090 + 2080 ti 22gb, run llama 70b?")
    assert [(s.id, s.vram_gb) for s in q.setup] == [("rtx-3090", None), ("rtx-2080-ti", 22.0)]


def test_a_size_class_question_on_a_mixed_rig_runs_on_all_its_cards():
    a = ask("Can you run the 120b with say 3090 + 5090 (56GB vram) at reasonable speed?")
    assert a.reports
    for r in a.reports:
        assert [p.id for p in r.hardware.parts] == ["rtx-3090", "rtx-5090"]
        assert all(d.available_gb < 34 for d in r.placement.devices if d.name != "RAM")


def test_a_gpu_generation_said_with_its_card_is_not_a_host_cpu():
    q = parse("Qwen3.8-27B at 262K on a single RTX 3090 (24 GB, Ampere)?")
    assert q.hardware.id == "rtx-3090"
    assert q.host is None
    assert not any("ampere" in a.lower() for a in q.assumed)


def test_an_exl3_repo_with_its_bits_per_weight_is_the_model():
    assert release_format_re().sub("", "Qwen3.8-27B-EXL3-3.5bpw") == "Qwen3.8-27B"
    assert release_format_re().sub("", "Qwen3.8-27B-4.65bpw-h6-exl2") == "Qwen3.8-27B"
    a = ask(
        "Support 262K context on RTX 3090 (Ampere) ... a supported configuration that exposes "
        "the model's full native 262,144-token context ... Target: "
        "`Mia-AiLab/Qwen3.8-27B-EXL3-3.5bpw`"
    )
    assert a.reports and a.reports[0].model.id == "qwen3.8-27b"
    assert a.reports[0].placement.kind == "gpu" and a.reports[0].context >= 262144


def test_an_asked_quant_at_a_long_window_takes_a_q4_0_cache_before_layers_in_ram():
    # Qwen3.8-27B at Q4_K_M and 262K on a 24 GB card: with q8_0 a layer spills; q4_0 keeps all
    r = analyze("qwen3.8-27b", "rtx-5090-laptop", quant="Q4_K_M", context=262144, ram_gb=32)
    assert r.quant == "Q4_K_M"
    assert r.placement.kind == "gpu"
    assert r.kv_type == "q4_0"
    assert "-ctk q4_0" in r.commands.llama_cpp


def test_a_size_class_that_does_not_fit_names_what_runs():
    a = ask("I'm interested in running a 70B model on a system that has 16GB of RAM.")
    assert a.reports and all(r.fit == "wont_fit" for r in a.reports)
    step = a.reports[0].next_steps[0]
    assert step.kind == "other_model" and step.command
    assert "best model" in a.message


def test_a_window_past_the_models_reach_is_said_capped_and_a_model_that_holds_it_named():
    # (advice64: a newer release of the family that holds the window natively leads, said so;
    # the named model stays beside it, capped at its own window)
    a = ask("gemma 2 9b with 128k context on a 3060 12gb?")
    named = next(r for r in a.reports if r.model.id == "gemma-2-9b")
    assert named.context == 8192
    top = a.reports[0]
    assert top.model.id != "gemma-2-9b" and top.context >= 131072
    assert "window is 8,192 tokens" in a.message
    a = ask("what gpu do I need for gemma 2 9b with 128k context?")
    assert "its limit; 128K asked" in a.message


def test_what_runs_on_the_machine_leads_before_buying_several_more_cards():
    a = ask("qwen3 235b on a 24gb card and 64gb ram?")
    steps = a.reports[0].next_steps
    kinds = [s.kind for s in steps]
    # a model that runs on the machine as it is (a smaller sibling or the machine's best model)
    # leads; "7x GPU hold it" comes after
    assert kinds[0] in ("other_model", "smaller_sibling")
    assert kinds.index("other_model") < len(kinds) and kinds[0] != "more_gpus"
    assert steps[0].text.split(" (")[0] in a.message.split(". ")[1]
    for hw in ("a 16gb card and 64gb ram", "an rtx 3090 and 64gb ram", "a 4080 and 96gb ram"):
        lead = ask(f"qwen3 235b on {hw}?").reports[0].next_steps[0]
        assert lead.kind != "more_gpus", hw
