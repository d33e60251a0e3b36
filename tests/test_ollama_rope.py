"""Asked with Ollama, a window past the model's native one is answered for Ollama: its window is
num_ctx (a Modelfile's PARAMETER, /set parameter, OLLAMA_CONTEXT_LENGTH), it has no rope-scaling
setting (YaRN only from a GGUF whose metadata carries it), and llama-server's flags do it with a
stock file (review10, kind 4: "does Ollama do YaRN for Qwen3" answered with a hardware list)."""

from __future__ import annotations

from fitengine.answers import ask

ASKED = (
    "Context size of qwen3 in Ollama isn't clear to me. My understanding is that qwen3 support "
    "32K context but that can be increased up to 120K with YaRN; is this the case in Ollama?"
)


def test_the_ollama_question_is_answered_first(cat):
    msg = ask(ASKED, cat).message
    assert msg.startswith("In Ollama the window is num_ctx")
    assert "PARAMETER num_ctx 120000" in msg and "Ollama has no rope-scaling setting" in msg
    assert "--rope-scaling yarn --rope-scale 4 --yarn-orig-ctx 32768" in msg


def test_a_fit_in_ollama_past_the_native_window_says_it_after_the_card(cat):
    msg = ask("qwen3:8b with the full 128k context in ollama on my 3060 12gb", cat).message
    assert msg.startswith("Yes:") and "Ollama has no rope-scaling setting" in msg


def test_within_the_native_window_or_without_ollama_nothing_is_added(cat):
    assert "num_ctx" not in ask("qwen3:8b with 16k context in ollama on my 3060", cat).message
    assert "Ollama has no rope" not in ask("qwen3 8b at 128k context on my 3060", cat).message
