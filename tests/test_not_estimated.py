"""What no open-weight language model is (a hosted model, an image generator, fine-tuning) is said
first, never answered as another question."""

from fitengine import ask


def test_an_image_generator_is_said_first_and_the_language_models_that_run_follow():
    a = ask("can my 3090 run SDXL?")
    assert a.message.startswith("I estimate language models run with llama.cpp or Ollama, not")
    assert "(SDXL)" in a.message and a.intent == "best_model_for_hw" and a.reports
    assert [n.kind for n in a.query.not_estimated] == ["image"]


def test_an_image_tool_named_in_passing_is_software_not_the_question():
    a = ask("I have a 680m with my ryzen 7 6850H, and ComfyUI reports it has 12GB for the GPU")
    assert not a.query.not_estimated and "image" not in a.message


def test_an_open_fine_tune_named_after_gpt4_is_no_closed_model():
    q = ask("Ryzen 3600XT and an RTX 2060 Super. Model: gpt4-x-alpaca-13b-native-4bit-128g").query
    assert not q.not_estimated


def test_a_language_model_named_beside_an_image_generator_is_still_answered():
    a = ask("can I run SDXL and llama 3.1 8b together on a 3060 12gb")
    assert a.intent == "fit" and a.reports[0].model.id == "llama-3.1-8b"
    assert "not image or video generation (SDXL)" in a.message


def test_a_closed_model_is_said_to_run_only_on_its_makers_servers_then_open_ones_are_listed():
    a = ask("can I run claude locally on a 4090?")
    assert a.message.startswith("I can't estimate claude: it is a closed model")
    assert a.intent == "best_model_for_hw" and a.reports


def test_a_coding_agent_named_beside_a_model_is_no_closed_model():
    a = ask("using claude code with qwen3 coder 30b on a 3090")
    assert not a.query.not_estimated and "closed model" not in a.message
    assert a.reports[0].model.id == "qwen3-coder-30b-a3b"


def test_fine_tuning_says_the_figures_are_for_running_the_model():
    a = ask("how much vram do I need to fine-tune llama 3.1 8b with qlora?")
    assert a.message.startswith("I estimate running a model, not fine-tuning (fine-tune)")
    assert a.reports  # the running figures follow


def test_a_fine_tuned_model_is_run_like_any_other():
    a = ask("can my 3090 run my fine-tuned llama 3.1 8b?")
    assert not a.query.not_estimated and a.intent == "fit"


def test_a_question_to_pin_down_first_carries_no_aside():
    # (advice61: the family said on the machine is answered, not asked back)
    a = ask("7800xt and 32gb ddr5: deepseek is alright, less bad answers than gemini")
    assert a.intent == "unclear" or a.reports


def test_a_closed_model_named_as_the_bar_gets_no_aside_and_the_open_models_are_listed():
    for text in (
        "best model for my 3080, something close to GPT-4?",
        "a gpt-4o level model on my 3090?",
        "what can replace chatgpt on my 4070?",
    ):
        a = ask(text)
        assert not a.query.not_estimated and "closed model" not in a.message, text
        assert a.intent == "best_model_for_hw" and a.reports, text
