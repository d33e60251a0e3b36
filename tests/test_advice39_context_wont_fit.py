"""Round advice39: long windows and won't-fits as a practitioner reads them (each case is a real
text of bench/advice_questions.yaml's a39 part, or its kind)."""

from __future__ import annotations

from fitengine import analyze
from fitengine.answers import ask
from fitengine.catalog import default_catalog


def test_experts_in_ram_at_a_long_window_take_a_q8_0_cache_that_keeps_more_experts_on_the_card():
    # Qwen3.8-Flash-Next at 256K on a 16 GB card: an f16 cache (~7 GB) pushes the experts of
    # three more layers into RAM; q8_0 is near-lossless and faster, so it is what people run
    r = analyze("qwen3.8-flash-next", "rtx-5070-ti", quant="Q2_K", context=262144, ram_gb=96)
    assert r.placement.kind == "moe_offload"
    assert r.kv_type == "q8_0"
    assert "-ctk q8_0" in r.commands.llama_cpp
    f16 = analyze(
        "qwen3.8-flash-next", "rtx-5070-ti", quant="Q2_K", context=262144, ram_gb=96, kv_type="f16"
    )
    assert f16.placement.n_cpu_moe > r.placement.n_cpu_moe
    assert r.decode_tok_s > f16.decode_tok_s


def test_a_short_window_with_experts_in_ram_keeps_the_f16_cache():
    # at 8K the cache's bytes move no expert: nothing to buy with a quantized cache
    r = analyze("qwen3.6-35b-a3b", "rtx-4060-ti-8gb", context=8192, ram_gb=64)
    assert r.placement.kind == "moe_offload"
    assert r.kv_type == "f16"


def test_a_q4_0_cache_stays_a_last_resort_with_experts_in_ram():
    # the faster q4_0 cache is not taken for speed alone where q8_0 already holds the window
    r = analyze("qwen3.8-flash-next", "rtx-5070-ti", quant="Q2_K", context=262144, ram_gb=96)
    assert r.kv_type != "q4_0"


def test_hardware_for_a_window_past_the_native_one_says_yarn_and_its_flags():
    a = ask(
        "I am running Qwen 3.8 27B locally, which has a context window of 262K tokens, and I want "
        "to scale it up to 1M."
    )
    assert a.intent == "best_hw_for_model"
    head = a.message.split(". ")[0]
    assert "YaRN x4 past its native 256K" in head
    assert "--rope-scaling yarn --rope-scale 4 --yarn-orig-ctx 262144" in head


def test_hardware_for_a_window_past_the_rope_reach_says_both_the_scaling_and_the_cap():
    a = ask("what hardware for qwen3 14b at 1M context")
    assert "YaRN x4 past its native 32K" in a.message
    assert "its limit; 1M asked" in a.message


def test_hardware_for_a_native_window_says_no_rope_scaling():
    a = ask("what hardware for qwen3 14b at 16k context")
    assert "YaRN" not in a.message and "--rope-scaling" not in a.message


def test_two_setups_that_cannot_hold_the_model_each_name_what_runs_there():
    a = ask(
        "what the performance of deepseek-r1 will be on a rtx 4090 with 32gb ram or an rtx 4080s "
        "(16gb graphics ram) with 64gb ram?"
    )
    assert a.intent == "compare"
    assert len(a.reports) == 2 and all(r.fit == "wont_fit" for r in a.reports)
    cat = default_catalog()
    for r in a.reports:
        step = r.next_steps[0]
        assert step.kind == "other_model" and step.model_id != "deepseek-r1"
        assert step.decode_tok_s and step.command
        assert f"On {r.hardware.name}" in a.message or cat.models[step.model_id].name in a.message


def test_a_window_someone_ran_said_as_what_they_got_is_the_context():
    from fitengine.nlq import parse

    q = parse(
        "I got a similar set up with 12700k  32GB RAM 3090 ... The context length I got was 11000, "
        "Qwen3-Coder-30B-A3B-Instruct-UD-Q4_K_XL"
    )
    assert q.context == 11000
    assert parse("the context size we run is 32768 on a 3090").context == 32768


def test_two_models_compared_at_a_long_window_say_how_each_holds_it():
    a = ask("qwen3 14b vs gemma 3 12b at 128k context on a 4070 ti super")
    assert a.intent == "compare"
    note = a.message[a.message.index("At 128K:") :]
    assert "Qwen3 14B takes YaRN x4 past its native 32K" in note
    assert "--rope-scaling yarn --rope-scale 4 --yarn-orig-ctx 32768" in note
    for r in a.reports:
        if r.kv_type != "f16":
            assert f"-ctk {r.kv_type} -ctv {r.kv_type}" in note
    # without a window asked, nothing is added
    assert "At " not in ask("qwen3 14b vs gemma 3 12b on a 4070 ti super").message.split(". ")[-1]


def test_one_model_on_two_cards_at_a_long_window_says_its_rope_scaling_once():
    a = ask("3090 vs 4090 for qwen3 32b at 64k")
    assert a.message.count("--rope-scaling yarn") == 1


def test_hardware_for_a_window_asked_says_how_much_of_the_memory_is_its_kv_cache():
    a = ask("how much VRAM does the KV cache take for qwen3 32b at 32k context?")
    head = a.message.split(". ")[0]
    assert "GB of it an f16 KV cache" in head and "with a q8_0 KV cache" in head
    # no window asked: the default one's cache is not singled out
    assert "of it an" not in ask("what hardware for qwen3 32b").message.split(". ")[0]


def test_hardware_list_sizes_the_kv_cache_type_asked():
    a = ask("what hardware for mistral medium 3.5 at 80k context with a q8_0 kv cache")
    assert "of it a q8_0 KV cache" in a.message.split(". ")[0]
