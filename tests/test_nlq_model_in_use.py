"""A model named as the one in use, a family named as its hosted app or by one release's size: the
question is still the list of models for the machine."""

from fitengine.nlq import parse


def test_a_model_in_use_beside_a_model_asked_for_asks_for_the_list():
    q = parse(
        "Best models to run on m4 pro 24gb\nI have gemma 3 12b. Been playing around with it and"
        " love it. I am interested in a (easily) jailbreakable model."
    )
    assert q.intent == "best_model_for_hw" and "uncensored" in q.tags
    q = parse("I'm still using mistral large 2411. Is there anything better for 128GB?")
    assert q.intent == "best_model_for_hw"


def test_a_model_that_is_not_restricted_is_an_uncensored_one():
    q = parse(
        "which is the current best LLM that is not restricted ...\n\nMY specs are - 32GB RAM 3060 12GB"
    )
    assert q.intent == "best_model_for_hw" and "uncensored" in q.tags
    assert "uncensored" in parse("best model with no guardrails for my 4090?").tags
    # a runtime or a card "not restricted to" something is no wish for an uncensored model
    assert "uncensored" not in parse("best model for my 4090, not restricted to ollama").tags


def test_a_wish_said_as_what_already_does_the_job_is_no_wish():
    q = parse(
        "I have one 6000 pro and I'm not sure it's giving me a ton over a 5090 because either the"
        " smaller models are good enough for half of what I'm working on or I need something"
        " bigger than what I can fit in 96gig of vram."
    )
    assert q.intent == "best_model_for_hw" and "small" not in q.tags
    assert "small" in parse("best small model for my 3060?").tags


def test_a_model_in_use_with_no_model_asked_for_is_the_question():
    assert parse("I have qwen3 14b on my 4070, is it fast enough?").intent == "fit"


def test_a_family_said_with_one_releases_size_does_not_narrow_the_list():
    q = parse(
        "I have 4 x 3090 and 256gb ddr4. I still cannot run the full 671b deepseek models"
        " though. What models would you suggest for this setup?"
    )
    assert q.intent == "best_model_for_hw" and q.family is None


def test_a_family_named_as_its_hosted_app_is_no_model_to_pin_down():
    q = parse("7800xt 16gb and 32gb of ddr5, can I use any of these? I find deepseek App alright")
    assert q.intent == "best_model_for_hw"
    assert not [u for u in q.unsure if u.kind == "model"]


def test_a_size_in_brackets_after_the_kind_of_model_is_a_size():
    assert parse("Can I run quantized model shards (180B) on 4 x RTX3090 GPUs?").model_size_b == 180


def test_two_models_each_said_as_tried_are_both_answered():
    q = parse(
        "I use Apple M4 chip with 24GB of RAM memory. I was trying to run the qwen3-14b model and"
        " it was running really slow. So, I tried to run the qwen3-4b model and had the same issue."
    )
    assert q.intent == "compare"
    assert (q.model.id, q.model_b.id) == ("qwen3-14b", "qwen3-4b")


def test_a_bare_family_then_its_repo_with_a_size_is_the_sized_model():
    from fitengine import ask

    a = ask("Just installed Gemma3 (hf.co/unsloth/gemma-3-27b-it-GGUF:Q8_0) on 3x A6000")
    assert [r.model.id for r in a.reports] == ["gemma-3-27b"]


def test_a_model_in_use_and_its_own_settings_asked_is_still_that_model():
    q = parse("I have llama 3 8b on my 3060, what is the best model quant for it?")
    assert q.intent == "fit" and q.model.id == "llama-3-8b"


def test_anything_better_than_a_machine_asks_no_model_list():
    q = parse("been using mistral 7b on my 2060, is there anything better than a 2060 for llms?")
    assert q.intent != "best_model_for_hw"


def test_a_windows_release_is_no_model_name():
    q = parse("版本号\t26H1\n\n模型：\nISTA-DASLab/Qwen3.8-27B-GSQ-RCO-GGUF")
    assert q.model.id == "ISTA-DASLab/Qwen3.8-27B-GSQ-RCO-GGUF"
    assert "26h1 (a software version)" in q.ignored


def test_a_catalog_model_said_in_another_word_order_is_that_model():
    assert parse("today I'll try the new Qwen 30B coder on my m3 max").model.id == (
        "qwen3-coder-30b-a3b"
    )
    assert parse("65B LLaMA model on a 3090").model.id == "llama-1-65b"
    # a word the entry lacks, or a size that may be a version, keeps the name unknown
    assert parse("can Qwen3-Coder-14B run on a 4070").model is None
    assert parse("Gemma 2b speed on Android?").model is None


def test_a_size_only_one_models_name_says_answers_with_that_model_first():
    from fitengine import ask

    q = parse("I'm curious about the performance of your 65B 4-bits model on an M2 Ultra")
    assert q.model is None and q.model_size_b == 65  # read as a size, as said
    a = ask("I'm curious about the performance of your 65B 4-bits model on an M2 Ultra")
    assert a.reports[0].model.id == "llama-1-65b"
    a = ask("can my 3090 run a 7b model?")
    assert "llama-1-7b" not in [r.model.id for r in a.reports]  # a size many share: a class
