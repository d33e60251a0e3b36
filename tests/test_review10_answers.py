"""What a practitioner reads (review10): a grade held back by the model's own short window says
so rather than blaming the memory."""

from __future__ import annotations

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
