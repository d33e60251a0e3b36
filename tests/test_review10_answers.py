"""What a practitioner reads (review10): a grade held back by the model's own short window says
so rather than blaming the memory, and the smaller sibling offered when a model runs badly is of
its kind and its release wave."""

from __future__ import annotations

from fitengine.answers import ask
from fitengine.engine import analyze
from fitengine.grade import grade_workload


def test_a_model_whose_own_window_ends_the_context_is_blamed_not_the_memory(cat):
    """Llama 2 70B on a 64 GB M2 Ultra uses 40 of 56 GB: its 4K is all Llama 2 has, and "only 4K
    context fits" would send people shopping for memory that changes nothing."""
    r = analyze("llama-2-70b", "m2-ultra-76c", vram_gb=64, catalog=cat)
    assert r.safe_context == 4096
    assert r.reason.startswith("the model's own window is 4K, chat wants 8K"), r.reason
    chat = next(w for w in r.workloads if w.id == "chat")
    assert "context fits" not in chat.reason
    # a window that rope scaling extends says how far (Qwen3's 40K, 128K with YaRN)
    r = analyze("qwen3-30b-a3b", "rtx-3090", catalog=cat)
    agentic = next(w for w in r.workloads if w.id == "agentic")
    assert agentic.reason == (
        "the model's own window is 40K (128K with rope scaling), agentic coding wants 64K"
    )


def test_a_window_the_memory_ends_still_names_the_memory(cat):
    chat = cat.workloads["chat"]
    kw = dict(fit="runs_well", decode=40.0, ttft_s=0.3)
    g = grade_workload(chat, context=4096, **kw)
    assert g.reason == "only 4K context fits, chat wants 8K"
    # the model's window is longer than what fits: the memory still ends it
    g = grade_workload(chat, context=4096, window=32768, **kw)
    assert g.reason == "only 4K context fits, chat wants 8K"
    g = grade_workload(chat, context=4096, window=4096, **kw)
    assert g.reason == "the model's own window is 4K, chat wants 8K"


def _sibling(report):
    return next((s for s in report.next_steps if s.kind == "smaller_sibling"), None)


def test_a_coding_model_stands_in_only_for_a_coding_model(cat):
    """Code Llama 34B (2023, code alone) was offered for Llama 2 70B and Llama 3.1 70B, where a
    practitioner names the family's own chat model."""
    for model, hw, kw in [
        ("llama-2-70b", "m2-ultra-76c", {"vram_gb": 64}),
        ("llama-3.1-70b", "rtx-4090", {"ram_gb": 64}),
    ]:
        step = _sibling(analyze(model, hw, catalog=cat, **kw))
        assert step is not None and "coding" not in cat.models[step.model_id].tags, step


def test_a_model_that_codes_among_other_things_still_stands_in(cat):
    """Nemotron 3.5 Lightning 30B-A3B reasons and acts as an agent besides coding: it stays the
    stand-in for Llama 3.3 Nemotron Super 49B on a 3090, not a 2024 8B."""
    a = ask(
        "Now let's try Nemotron 49B. I really like this model, though I can't run it fully in Q8"
        " yet, that's a good excuse to buy another 3090! For now, let's use Q6.",
        cat,
    )
    assert a.answer.model.id == "llama-3.3-nemotron-super-49b"
    step = _sibling(a.answer)
    assert step is not None and step.model_id == "nemotron-3.5-lightning-30b-a3b", step


def test_the_best_model_that_runs_is_said_once_and_as_such(cat):
    """A smaller sibling that is also the best model running there is said as the best model
    (Qwen3.8-Flash-Next on 24 GB + 32 GB: Qwen3.8 27B), not as a sibling beside nothing."""
    a = ask("Serve Qwen3.8-Flash-Next at 2.57 bpw on one 24 GB GPU with 32 GB host RAM", cat)
    steps = [s for s in a.answer.next_steps if s.model_id == "qwen3.8-27b"]
    assert len(steps) == 1 and steps[0].kind == "other_model", steps
    assert "is the best model that runs well here" in steps[0].text


def test_a_stand_in_comes_from_the_models_own_release_wave_first(cat):
    """Llama 3.1 70B's stand-in is Llama 3.1 8B, not the larger Llama 2 13B of a year before;
    Llama 2 70B's is Llama 2 13B, not LLaMA 33B of the generation before."""
    step = _sibling(analyze("llama-3.1-70b", "rtx-4090", ram_gb=64, catalog=cat))
    assert step is not None and step.model_id == "llama-3.1-8b", step
    step = _sibling(analyze("llama-2-70b", "m2-ultra-76c", vram_gb=64, catalog=cat))
    assert step is not None and step.model_id == "llama-2-13b", step
    # an older sibling still stands in when the wave has none that runs (Llama 3.3 70B's 3.1 8B,
    # five months before it)
    step = _sibling(analyze("llama-3.3-70b", "rtx-4090", ram_gb=32, catalog=cat))
    assert step is not None and step.model_id == "llama-3.1-8b", step
