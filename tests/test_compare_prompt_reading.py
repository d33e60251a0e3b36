"""Two setups compared for prompt-heavy work (RAG, agents) are also compared by how long each
reads one turn's prompt: that wait, not decode, is what such work feels."""

from __future__ import annotations

from fitengine.answers import ask


def test_a_comparison_for_rag_says_how_long_each_setup_reads_the_prompt(cat):
    msg = ask("3090 or 5060 ti 16gb for rag?", cat).message
    assert "prompt reading (prefill) decides: a 12,000-token prompt reads in ~" in msg
    assert msg.index("on NVIDIA GeForce RTX 3090 (~") < msg.index("on NVIDIA GeForce RTX 5060 Ti")


def test_a_comparison_for_chat_does_not(cat):
    assert (
        "prompt reading (prefill) decides" not in ask("3090 or 5060 ti 16gb for chat?", cat).message
    )
