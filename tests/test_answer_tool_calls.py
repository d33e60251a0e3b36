"""Notes an answer adds for what the question says went wrong or was run with: tool calls gone
wrong (the chat template), a model run with Ollama whose tags name other models."""

from fitengine import ask


def test_bad_tool_calls_are_answered_with_the_models_and_the_template_fix():
    a = ask("RTX 3090: I get bad tool calls in OpenCode, which model should I use for coding?")
    assert a.reports and "--jinja" in a.message


def test_tool_calls_that_work_need_no_such_note():
    a = ask("tool calling works great with qwen3 8b on my 3090, how fast is it?")
    assert a.reports and "--jinja" not in a.message


def test_a_model_asked_with_ollama_says_which_of_its_ollama_tags_are_other_models():
    a = ask("What GPU do I need to run Deepseek R1 locally with Ollama?")
    assert "deepseek-r1:8b is DeepSeek R1 0528 Qwen3 8B" in a.message
    assert "deepseek-r1:70b is DeepSeek R1 Distill Llama 70B" in a.message


def test_a_model_whose_ollama_tags_are_its_own_sizes_gets_no_such_note():
    a = ask("can my 3090 run qwen3 235b with ollama?")
    assert "trained on its outputs" not in a.message


def test_a_distill_asked_with_ollama_is_not_called_the_model_others_copy():
    a = ask("deepseek-r1-distill-llama-70b on 4x A30 with ollama, how fast?")
    assert "trained on its outputs" not in a.message
