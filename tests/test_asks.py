"""Questions whose ask is not "does it fit": which backend, why it slows down, whether a belief
about speed holds. The ask is answered first, from the engine's figures, and the card follows
(catalog/language.yaml backend_questions, why_slow_questions, expected_questions)."""

from __future__ import annotations

import pytest

from fitengine.answers import ask
from fitengine.nlq import parse


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("which backend should I use on my arc b580 for qwen3 14b?", "asks_backend"),
        ("does it support the RX 9070 XT? is llama.cpp enough?", "asks_backend"),
        ("gpt-oss 20b on a 4060 ti: why does it slow down so much at 32k?", "asks_why_slow"),
        ("9070 xt has fewer cores than a 3090 so it is slower, am I right?", "asks_expected"),
    ],
)
def test_the_ask_is_read_from_the_words(text, flag):
    assert getattr(parse(text), flag)


def test_a_plain_fit_question_asks_none_of_them():
    q = parse("can my 3090 run qwen3 32b?")
    assert not (q.asks_backend or q.asks_why_slow or q.asks_expected)


def test_which_backend_is_answered_first_with_each_builds_speed():
    a = ask("which backend should I use for qwen3 14b on an arc b580?")
    assert a.message.startswith("Backends: llama.cpp supports the Intel Arc B580")
    assert "SYCL" in a.message and "Vulkan" in a.message
    assert "tok/s decode" in a.message and "tok/s prompt" in a.message  # each build's figures


@pytest.mark.parametrize(
    "text",
    [
        "should i use cuda or vulkan on my 3060 12gb? heard vulkan is faster now",
        "GMKtec evo-x2 128gb, minimax m2.5 at q3, how fast? and rocm or vulkan?",
    ],
)
def test_two_builds_named_as_the_choice_ask_which_backend(text):
    assert parse(text).asks_backend
    assert ask(text).message.startswith("Backends: llama.cpp supports the ")


def test_cores_against_bandwidth_is_answered_with_the_bandwidths():
    a = ask("The RX 9070 XT has far fewer GPU cores than the RTX 3090, so it is slower, yeah?")
    assert a.message.startswith("Decode reads every active weight once a token")
    assert "936 GB/s" in a.message and "640 GB/s" in a.message


def test_why_it_slows_without_a_device_says_how_the_cache_grows_and_asks_for_the_gpu():
    a = ask("qwen3 8b gets slow when I raise num_ctx above 16k in ollama, why?")
    assert a.message.startswith("Why: the KV cache grows with the window")
    assert any(x.what == "hardware" for x in a.assumed)


def test_why_it_slows_on_a_setup_names_where_the_time_goes():
    a = ask("why is it so slow? qwen3.5 122b a10b on my rtx 3060 12gb with 64gb ram")
    assert a.message.startswith("Why: ")
    assert "system RAM" in a.message.split(". ")[0]


def test_why_it_slows_where_nothing_spills_says_so_and_what_the_estimate_cannot_see():
    """A 3090 holds Qwen3.6 35B-A3B at 16K with room to spare and its cache costs little: the
    drop the person sees is the runtime's (layers moved to RAM, the driver's fallback), and the
    card does not answer "Yes" to a question that was not "does it fit"."""
    a = ask(
        "why does my speed drop so much past 16k context? 3090, qwen3.6-35b-a3b q4_k_m, "
        "goes from 110 tok/s to like 60"
    )
    assert a.message.startswith("Why: as estimated, nothing here spills at 16K")
    assert "ollama ps" in a.message and "Yes:" not in a.message


def test_is_that_expected_on_one_device_gives_the_bandwidth_ceiling():
    """Decode reads the active weights once a token: the device's bandwidth over those bytes
    is the most it can do, set beside the estimate."""
    a = ask("my 3090 gets 30 tok/s on qwen3 32b q4_k_m, is that normal?")
    assert a.message.startswith("Decode reads the active weights once a token")
    assert "936 GB/s" in a.message and "at most ~" in a.message


@pytest.mark.parametrize(
    "text",
    [
        "22GB of VRAM was used when loading gemma 3 27b on my 3090, is that right?",
        "My 4 year old Ryzen 5 3600 is 18x as fast as that",
    ],
)
def test_a_remark_is_not_a_question_about_speed(text):
    assert not parse(text).asks_expected


def test_two_models_and_a_hardware_ask_list_the_machines_for_the_first():
    """ "gpt-oss-120b or qwen3.5 122b, what hardware should I get?": no machine is named, so a
    side-by-side of the two models has nothing to run on; the machines for the first are the
    answer, and the second is named with how to ask for its list."""
    text = (
        "Budget around 3k, want to run something like gpt-oss-120b or qwen3.5 122b fast. "
        "what hardware should i get?"
    )
    assert parse(text).intent == "best_hw_for_model"
    a = ask(text)
    assert a.reports and a.reports[0].model.id == "gpt-oss-120b"
    assert "within $3,000" in a.message and "For Qwen3.5 122B-A10B, ask" in a.message
    assert a.message.count("used where the card is bought used") == 1


@pytest.mark.parametrize(
    ("text", "quant"),
    [
        ("GMKtec evo-x2 128gb, minimax m2.5 at q3, how fast?", "UD-Q3_K_XL"),
        ("deepseek v4 flash 4-bit on 2x rtx pro 6000", "UD-Q4_K_XL"),
        ("minimax m2.5 q4.", "UD-Q4_K_XL"),
    ],
)
def test_a_bit_level_said_is_the_file_of_that_level_the_models_repos_have(text, quant):
    """Unsloth's repos of these models have UD files only: "q3" is their 3-bit file, said as
    read, not a Q3_K_M nobody publishes ("quantize it yourself")."""
    q = parse(text)
    assert q.quant == quant
    assert any(f"read as {quant}" in note for note in q.assumed)


@pytest.mark.parametrize(
    ("text", "quant"),
    [
        ("minimax m2.5 Q4_K_M on a strix halo", "Q4_K_M"),  # a type named exactly stays
        ("qwen3 32b q4 on a 3090", "Q4_K_M"),  # its repos have the type the level maps to
    ],
)
def test_a_type_named_or_published_is_kept(text, quant):
    assert parse(text).quant == quant


def test_a_card_speed_that_parts_from_the_bandwidths_says_why():
    """4090 against 7900 XTX: 1.05x the bandwidth but ~1.4x the estimate; the lead says the two
    builds reach different shares of their bandwidth, and each figure follows its card's order."""
    a = ask("the 7900 xtx has fewer cores than a 4090, so it's slower for gemma 4 31b, yeah?")
    lead = a.message.split(" AMD Radeon RX 7900 XTX: ")[0]
    assert "1008 GB/s against 960 GB/s (1.05x)" in lead
    assert "(165.2 vs 122.9 FP16 TFLOPS)" in lead
    assert "reaches a different share of its bandwidth" in lead
