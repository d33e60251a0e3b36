"""Round review18: kinds found reviewing this session's merges.

1. A window set as a launch flag, said with a speed complained of or measured ("-c 65536 on a
   3080 10gb, too slow", "-c 16384 ... I get 30 t/s"): the speed at the window they run is the
   point, so the answer is at their window, not raised to the longest that fits (a longer window
   answers a limit hit, not a speed).
2. A window past the native one reached with YaRN: the factor the least whole one that covers it,
   up to the card's (Qwen's cards: "if the typical context length ... is 65,536 tokens, ... set
   factor as 2.0", https://huggingface.co/Qwen/Qwen3-8B), in the headline, the command and the
   assumptions alike.
"""

import pytest

from fitengine import ask
from fitengine.catalog import bit_level, default_catalog
from fitengine.nlq import parse
from fitengine.request import rope_for

CAT = default_catalog()


@pytest.mark.parametrize(
    "text, window",
    [
        ("llama-server -m Qwen3-30B-A3B-Q4_K_M.gguf -c 65536 on 3080 10gb, too slow", 65536),
        ("Qwen3 14B on an RTX 5090, num_ctx 65536, it is painfully slow", 65536),
        ("qwen3 8b on a 4060 ti 16gb with -c 16384, I get 30 t/s", 16384),
        ("Qwen2.5 14B on a 3090 with num_ctx 8192, why is it so slow?", 8192),
    ],
)
def test_a_window_set_with_a_speed_said_is_answered_as_set(text, window):
    q = parse(text)
    assert q.context == window and q.context_setting
    a = ask(text)
    assert a.reports[0].context == window
    assert "well below what this setup holds" not in a.message


def test_a_setting_without_a_speed_still_reaches_further():
    # (no speed said: the longest that fits, as advice89 answers it; advice97: up to the native
    # window, since a setting past it run by choice, "num_ctx 65536" on Qwen3 14B, stays there)
    r = ask("Qwen3.6 27B on an RTX 5090, num_ctx 16384").reports[0]
    assert r.context > 16384


@pytest.mark.parametrize(
    "model, window, factor",
    [
        ("qwen3-30b-a3b", 65536, 2),
        ("qwen3-30b-a3b", 49152, 2),
        ("qwen3-30b-a3b", 100000, 4),
        ("qwen3-30b-a3b", 131072, 4),
    ],
)
def test_yarn_factor_is_the_least_that_covers_the_window(model, window, factor):
    rope = CAT.models[model].rope_scaling
    assert rope is not None and rope.factor == 4
    assert rope_for(rope, window).factor == factor


@pytest.mark.parametrize(
    "text, flag",
    [
        ("Qwen3 30B-A3B on a 3080 10gb, -c 65536, too slow", "--rope-scale 2 "),
        ("Qwen3 8B on an RTX 4090 at 48k context", "--rope-scale 2 "),
        ("Qwen3 14B on an RTX 4090 at 64k context", "--rope-scale 2 "),
        ("Qwen3 8B on an RTX 5090 at 128k context", "--rope-scale 4 "),
    ],
)
def test_the_command_and_the_headline_say_one_factor(text, flag):
    a = ask(text)
    r = a.reports[0]
    assert flag in r.commands.llama_cpp
    x = flag.split()[1]
    assert f"YaRN x{x} past" in a.message
    assert any(f"factor {x} of" in s for s in r.assumptions)


@pytest.mark.parametrize(
    "text, seen",
    [
        (
            "i am testing glm 5.3 flash on m1 ultra\ni get 100 tok/sec prefil which is kinda slow\n"
            "on deepseek i got 170-200 tok/sec prefil",
            100,
        ),
        ("qwen3 8b on a 3060 12gb, prefil 900 t/s", 900),
        ("llama 3.1 8b on an rtx 4070: prefil speed is 1500 tok/s", 1500),
    ],
)
def test_prefil_spelled_short_is_a_prompt_reading(text, seen):
    q = parse(text)
    assert q.reported_prefill_tok_s == seen
    assert q.reported_tok_s is None and not q.reported_also


@pytest.mark.parametrize(
    "text, seen",
    [
        ("glm 4.5 air on my m3 max 128gb, i get 20 tok/s. on deepseek i got 10 tok/s", 20),
        ("qwen3 8b on a 3060 12gb, i get 40 t/s. on gemma i got 55 t/s", 40),
        ("gemma 3 12b on a 4070, i'm getting 30 t/s. on mistral i got 45 t/s", 30),
    ],
)
def test_a_run_of_another_family_is_not_said_back_as_theirs(text, seen):
    q = parse(text)
    assert q.reported_tok_s == seen
    assert not q.reported_also
    assert "another run" not in ask(text).message


def test_a_further_run_of_their_model_is_still_said_back():
    q = parse("qwen3 8b on a 3060 12gb: 40 t/s with llama-server but LM Studio gives 35 t/s")
    assert q.reported_tok_s == 40 and q.reported_also == [(35, 35, "LM Studio")]


@pytest.mark.parametrize(
    "text",
    [
        "Qwen3 14B AWQ with vLLM on an RTX 4080 16GB",
        "qwen2.5 14b awq in vllm on an RTX 4060 Ti 16GB",
        "Qwen3 32B AWQ served with vLLM on an RTX 5090",
    ],
)
def test_a_servers_int4_format_is_not_swapped_for_a_wider_gguf(text):
    # vLLM has nothing between int4 and FP8: a Q6_K "better choice" is no choice there, and the
    # format's reading is said once
    a = ask(text)
    r = a.reports[0]
    assert r.quant == "Q4_K_M", r.quant
    assert "better choice" not in a.message
    assert a.message.count("in GGUF terms") == 1


def test_an_8bit_checkpoint_with_room_is_offered_by_the_servers_name():
    a = ask("qwen2.5 14b awq in vllm on a 4090")
    assert bit_level(a.reports[0].quant) == "8"
    assert "room FP8 (8-bit" in a.message


def test_the_wider_file_is_still_offered_off_the_server():
    a = ask("Qwen3 14B AWQ on an RTX 4080 16GB with llama.cpp")
    assert a.reports[0].quant != "Q4_K_M" and "better choice" in a.message


@pytest.mark.parametrize(
    "text, asked",
    [
        ("is Q8 worth it over Q4_K_M for llama 3.1 8b on a 3080?", ("Q8_0", "Q4_K_M")),
        ("is q6_k worth it over q4_k_m for gemma 3 27b on a 5090", ("Q6_K", "Q4_K_M")),
        ("qwen3 14b on a 4090: is Q8_0 worth it over Q5_K_M?", ("Q8_0", "Q5_K_M")),
    ],
)
def test_a_quant_worth_it_over_another_is_a_comparison(text, asked):
    q = parse(text)
    assert q.quants_compared and tuple(q.quants) == asked
    msg = ask(text).message
    assert "Of the quants asked" in msg and all(x in msg for x in asked)


def test_every_model_with_experts_carries_the_moe_tag():
    assert [m.id for m in CAT.models.values() if m.is_moe != ("moe" in m.tags)] == []


@pytest.mark.parametrize(
    "text",
    [
        "qwen3-235b-a22b on 2x 5090 + 128gb ram with --n-cpu-moe",
        "is moe offload worth it on a 3060 with 64gb ram?",
        "I have a 3090, which is better: a moe or a dense model?",
    ],
)
def test_moe_said_of_a_flag_or_beside_dense_asks_no_moe_only_list(text):
    assert "moe" not in parse(text).tags


@pytest.mark.parametrize(
    "text",
    [
        "Strix Halo 128GB, best MoE to run?",
        "best moe models for a 3090 with 64gb ram",
        "which mixture of experts model should I run on a 5090?",
    ],
)
def test_moe_asked_lists_moe_models_only(text):
    a = ask(text)
    assert "moe" in a.query.tags and a.intent == "best_model_for_hw"
    assert a.reports and all(CAT.models[r.model.id].is_moe for r in a.reports)


@pytest.mark.parametrize(
    "model, hw",
    [("qwen3-8b", "rtx-4090"), ("llama-3.1-8b", "rtx-5090"), ("qwen3-4b", "rtx-4090")],
)
def test_a_first_token_under_a_twentieth_of_a_second_is_said_in_ms(model, hw):
    from fitengine import analyze

    r = analyze(model, hw)
    said = " ".join([r.reason, *(w.reason for w in r.workloads)])
    assert "first token in" in said and "first token in 0.0 s" not in said


@pytest.mark.parametrize(
    "text, cards, window",
    [
        ("llama 3.1 8b at 64k context: 3090 or 4090?", ("rtx-3090", "rtx-4090"), 65536),
        ("qwen3 8b with 32k context: 3060 or 4060?", ("rtx-3060", "rtx-4060"), 32768),
        ("gemma 3 12b, 16k context: 5070 or 4070?", ("rtx-5070", "rtx-4070"), 16384),
    ],
)
def test_a_cards_bare_number_after_a_context_label_is_the_card(text, cards, window):
    q = parse(text)
    assert (q.hardware.id, q.hardware_b.id) == cards and q.context == window


@pytest.mark.parametrize(
    "text, how",
    [
        ("gemma 3 12b on a 4070: llama.cpp gives me 45 t/s but ollama only 30 t/s", "Ollama"),
        (
            "qwen3 8b on a 3060 12gb: 40 t/s with llama-server but lmstudio gives 35 t/s",
            "LM Studio",
        ),
        ("qwen3 8b on a 4060, I get 40 t/s, vllm gives 55 t/s", "vLLM"),
    ],
)
def test_a_runs_program_is_said_back_by_its_projects_name(text, how):
    q = parse(text)
    assert [h for *_x, h in q.reported_also] == [how]
    assert f"with {how}" in ask(text).message
