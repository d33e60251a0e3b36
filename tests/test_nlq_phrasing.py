"""Classes of phrasing from real posts: memory in use or a file's size is not the machine's
memory, memory said without a unit or as the GPU's share, counts from logs and device lists,
counts in Chinese, a quant said in a repo's or file's name, a KV type said with a slash."""

from __future__ import annotations

import pytest

from fitengine.nlq import parse

# --------------------------------------------------------------------------- memory in use


@pytest.mark.parametrize(
    ("text", "vram", "ram"),
    [
        # the part in use of the total
        ("3090, GPU memory at 97% (21.5GB of 24GB) while decoding", 24, None),
        ("rtx 4070 12g, the remaining video memory is 9g", 12, None),
        ("free vram: 5gb on my 3060 12gb", 12, None),
        # a file's size in parentheses after its format, quant or size
        ("the q4 gguf (<9gb) should fit my 4070 with 12gb vram", 12, None),
        ("tried the 14B (8.9GB) on a 16gb vram card", 16, None),
        # a size said as VRAM wins over a bare one (the model's size)
        ("this one is 29gb, no way it fits 16gb vram + 32gb of ram", 16, 32),
    ],
)
def test_memory_in_use_or_a_files_size_is_not_the_machines(text, vram, ram):
    q = parse(text)
    assert (q.vram_gb, q.ram_gb) == (vram, ram)


@pytest.mark.parametrize(
    ("text", "vram", "ram"),
    [
        # Ollama's refusal: the model's need, then the RAM it found free
        (
            "qwen3 235b: model requires more system memory (127.8 GiB) than is available (13.2 GiB)",
            None,
            13.2,
        ),
        # ... unless the machine's RAM is said
        (
            "qwen3.6:35b: model requires more system memory (28.8 GiB) than is available"
            " (24.1 GiB). Memory: 32 GB",
            None,
            32,
        ),
    ],
)
def test_a_runtimes_refusal_to_load_says_the_models_need_and_the_free_ram(text, vram, ram):
    q = parse(text)
    assert (q.vram_gb, q.ram_gb) == (vram, ram)


@pytest.mark.parametrize(
    ("text", "vram", "ram"),
    [
        ("my 6700 xt has only 12 VRAM", 12, None),
        ("gtx 1080 with 8vram + 32 ram, can it run mistral 7b", 8, 32),
    ],
)
def test_memory_without_a_unit_before_a_memory_word(text, vram, ram):
    q = parse(text)
    assert (q.vram_gb, q.ram_gb) == (vram, ram)


@pytest.mark.parametrize(
    ("text", "vram"),
    [
        # a window then the card's memory, no link between them
        ("qwen3 coder 30b a3b 256k context 24gb", 24),
        # the context's own size, linked to the word
        ("context: 2.1 GB with llama 8b on a 3060", None),
    ],
)
def test_memory_after_a_context_is_the_cards_unless_linked_to_it(text, vram):
    assert parse(text).vram_gb == vram


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("nemotron 3 nano at 1m tokens on a 5090", 1048576),
        ("qwen3.6 27b 1M token context on an m3 ultra", 1048576),
        ("262k context for qwen3.6 27b on a 3090", 262144),
        ("a 1m model on a 3090", None),  # "1m" alone is no window
    ],
)
def test_a_million_tokens_and_a_binary_window_in_thousands(text, context):
    assert parse(text).context == context


@pytest.mark.parametrize(
    ("text", "context"),
    [
        # a prompt's or a reply's length is read from the window, not the window
        ("3090, qwen3 32b, how long to generate 1000 tokens of output?", None),
        ("qwen3 8b on 3060 with a 1000 token prompt", None),
        ("qwen3 8b on 3060 with a 1k token prompt", None),
        ("qwen3 8b on a 3060, 8k tokens of output", None),
        ("qwen3 8b on a 3060 generating 2000 tokens", None),
        ("3090 qwen3 32b 16k context, output 1000 tokens", 16384),
        # ... while tokens said alone or with a context word are the window
        ("qwen3 8b on a 3060, 8k tokens", 8192),
        ("qwen3 8b on a 3060, 8k tokens of context", 8192),
        # past any window but said as one: asked (the answer caps it), not the default
        ("qwen3 8b on a 3090 at 99999999k context", 10 * 1024 * 1024 + 1),
    ],
)
def test_a_prompts_or_replys_length_is_no_context(text, context):
    assert parse(text).context == context


def test_an_apple_chips_gpu_cores_are_no_card_count():
    q = parse("is there a minimum requirement of qwq? I'm now using M3 with 10 gpu cores, 16G Mem")
    assert (q.hardware.id, q.gpus, q.intent) == ("m3", None, "fit")


def test_two_ram_sticks_are_no_memory_size():
    assert parse("3090 and 2 ram sticks of 32gb").ram_gb != 2


@pytest.mark.parametrize(
    "text",
    [
        "radeon 780m iGPU with 16GB VRAM allocated in bios",
        "the 780m has 16G of shared GPU memory",
    ],
)
def test_an_igpus_memory_said_as_vram_is_its_share(text):
    q = parse(text)
    assert q.hardware.id == "radeon-780m" and q.vram_gb == 16 and q.ram_gb is None


def test_a_processor_has_no_vram():
    # CPU only, or the iGPU's 16gb of VRAM: the processor's memory is the 48gb
    q = parse("cpu only with 48gb or igpu vram 16gb on a ryzen 7 7840u")
    assert q.ram_gb == 48


# --------------------------------------------------------------------------- counts


def test_a_logs_device_count():
    q = parse("ggml_cuda_init: found 4 CUDA devices:\n  Device 0: NVIDIA GeForce RTX 3090")
    assert q.hardware.id == "rtx-3090" and q.gpus == 4


def test_a_logs_device_lines_are_one_machine_with_their_memory():
    q = parse(
        "found 3 CUDA devices:\n"
        "  Device 0: NVIDIA GeForce RTX 4090, compute capability 8.9, VMM: yes, VRAM: 24564 MiB\n"
        "  Device 1: NVIDIA GeForce RTX 4090, compute capability 8.9, VMM: yes, VRAM: 24564 MiB\n"
        "  Device 2: NVIDIA GeForce RTX 3060, compute capability 8.6, VMM: yes, VRAM: 12288 MiB"
    )
    got = {(s.id, s.gpus or 1, s.vram_gb) for s in q.setup}
    assert got == {("rtx-4090", 2, 24.0), ("rtx-3060", 1, 12.0)}  # 24564 MiB: the 24 GB sold


@pytest.mark.parametrize(
    ("text", "hw", "gpus"),
    [
        ("RTX 4060 Ti 16gb x 2, total 32gb, qwen3 32b at 20 t/s", "rtx-4060-ti-16gb", 2),
        ("在双 3090 显卡下跑 qwen3 32b", "rtx-3090", 2),
        ("我用两台 Mac Studio M2 Ultra 192gb 跑 deepseek r1", "m2-ultra-76c", 2),
    ],
)
def test_counts_after_the_memory_and_in_chinese(text, hw, gpus):
    q = parse(text)
    assert q.hardware.id == hw and q.gpus == gpus
    assert q.ram_gb is None  # "total 32gb" is the cards' memory added up


def test_the_count_of_a_card_the_catalog_lacks_stays():
    q = parse("llama.cpp on 4x RX 560 4GB mining cards")
    assert q.hardware is None and q.gpus == 4 and q.vram_gb == 4
    assert any(u.kind == "hardware" for u in q.unsure)


def test_old_mining_and_datacenter_cards_are_catalogued_with_their_count():
    q = parse("llama.cpp on 4x RX 480 8GB mining cards")
    assert q.hardware.id == "rx-480" and q.gpus == 4 and q.vram_gb == 8
    q = parse("two Tesla M40 24GB cards running llama 3 70b")
    assert q.hardware.id == "tesla-m40" and q.gpus == 2 and q.vram_gb == 24


# --------------------------------------------------------------------------- names and settings


def test_a_glued_d_is_the_china_market_card():
    assert parse("RTX 4090D (48GB VRAM) with qwen3.6 27b").hardware.id == "rtx-4090-d"
    assert parse("RTX 4090 48GB modded").hardware.id == "rtx-4090"


@pytest.mark.parametrize(
    ("text", "quant"),
    [
        ("mlx-community/Qwen3-8B-4bit on my m4 pro", "Q4_K_M"),
        (
            "https://huggingface.co/bartowski/Qwen_Qwen3-8B-GGUF/blob/main/Qwen_Qwen3-8B-Q6_K.gguf"
            " on a 3060",
            "Q6_K",
        ),
        ("someone/Seed-OSS-36B-Instruct-exl3-3.5bpw on a 3090", "IQ3_XS"),
    ],
)
def test_a_quant_said_in_a_repos_or_files_name(text, quant):
    assert parse(text).quant == quant


def test_a_kv_type_said_with_a_slash():
    q = parse("qwen3 32b with q8/8 cache on a 3090")
    assert q.kv_type == "q8_0" and q.quant is None


def test_an_mlx_kv_size_is_a_context():
    assert parse("mlx_lm.generate --max-kv-size 16384 on an m4 max").context == 16384


def test_a_mac_line_named_with_intel_is_no_apple_chip():
    q = parse("MacBook Pro with an Intel Core i7 and Iris Plus graphics, can it run phi 3 mini")
    assert q.hardware is None or q.hardware.id[:2] not in ("m1", "m2", "m3", "m4", "m5")


def test_no_vram_being_used_is_not_a_machine_without_a_gpu():
    q = parse("the Arc A770 16GB shows no VRAM being used while loading")
    assert q.hardware.id == "arc-a770-16gb" and not q.cpu_only


def test_a_devices_letter_without_its_number_is_not_another_device():
    # the memory said before the card must not pull "RTX A3500" to the A2000 sold with 6 GB
    q = parse("VRAM: 6GB\nNVIDIA RTX A3500")
    assert q.hardware is None and any(u.text == "RTX A3500" for u in q.unsure)
    q = parse("VRAM: 6GB\nNVIDIA RTX A3000")
    assert q.hardware.id == "rtx-a3000-laptop" and q.vram_gb == 6


def test_a_family_said_bare_and_again_with_its_size_is_the_sized_one():
    assert parse("llama2 is slow ... the llama2 70b run on my m2 ultra").model.id == "llama-2-70b"


def test_a_bare_name_of_another_model_of_the_family_is_a_second_model():
    # "qwen3.8 flash next" has no size, but it is not the Qwen3.5 122B said short
    q = parse("rtx 5090 with 128gb of ram: qwen3.5 122b a10b or qwen3.8 flash next?")
    assert q.intent == "compare"
    assert (q.model.id, q.model_b.id) == ("qwen3.5-122b-a10b", "qwen3.8-flash-next")


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        ("qwen3.6 27b or 35b a3b on a 16gb gpu?", "qwen3.6-27b", "qwen3.6-35b-a3b"),
        ("two 3090s: qwen3.6 27b dense or the 35b a3b moe?", "qwen3.6-27b", "qwen3.6-35b-a3b"),
        (
            "2x tesla p40: gemma 4 26b a4b or 31b, which is faster?",
            "gemma-4-26b-a4b",
            "gemma-4-31b",
        ),
        ("strix halo: gemma 4 31b or 26b a4b?", "gemma-4-31b", "gemma-4-26b-a4b"),
    ],
)
def test_a_size_said_after_a_model_and_or_is_its_sibling_of_that_size(text, first, second):
    q = parse(text)
    assert q.intent == "compare" and (q.model.id, q.model_b.id) == (first, second)
    assert any("read as" in a for a in q.assumed)


@pytest.mark.parametrize(
    ("text", "models"),
    [
        (
            "What's the minimum VRAM needed for Llama 3.1 70B and 405B?",
            ["llama-3.1-70b", "llama-3.1-405b"],
        ),
        ("can my 3090 run llama 3 8b and qwen3 14b?", ["llama-3-8b", "qwen3-14b"]),
        (
            "4060ti 16GB: Qwen3.6-35B-A3B、Qwen3-30B-A3B、Qwen3-14B 能跑吗？",
            ["qwen3.6-35b-a3b", "qwen3-30b-a3b", "qwen3-14b"],
        ),
    ],
)
def test_models_listed_in_a_question_are_each_asked_about(text, models):
    q = parse(text)
    got = [q.model.id, q.model_b.id, *(m.id for m in q.more_models)]
    assert got == models


@pytest.mark.parametrize(
    "text",
    [
        # a report of runs: the first model answers
        "In the first screenshot, you can see the results for Qwen3 8B and Qwen3 14B.",
        "Successfully running LLaMA 7B, 13B and 30B on a desktop CPU 12700k with 128 Gb of RAM.",
        # a list followed by the model asked about is no list of questions
        "I use llama 3 8b and mistral 7b; can my 3060 run qwen3 14b?",
    ],
)
def test_models_listed_outside_a_question_are_no_comparison(text):
    assert parse(text).model_b is None


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        # the family's bare name is Ollama's default (its 4B); the sizes said after it win
        (
            "for Gemma 3,which one has better performance, 27b(4bit) or 12b(fp16)",
            "gemma-3-27b",
            "gemma-3-12b",
        ),
        ("gemma 3, 27b or 12b?", "gemma-3-27b", "gemma-3-12b"),
        # a family that names no one entry: each size said picks its member
        ("which qwen3.6, 27b or 35b-a3b, for a 4090?", "qwen3.6-27b", "qwen3.6-35b-a3b"),
        ("gpt-oss, 20b or 120b on my 3090?", "gpt-oss-20b", "gpt-oss-120b"),
    ],
)
def test_sizes_said_after_a_family_named_bare_are_its_members(text, first, second):
    q = parse(text)
    assert q.intent == "compare" and (q.model.id, q.model_b.id) == (first, second)


def test_a_family_named_bare_with_no_size_after_it_is_unchanged():
    assert parse("gemma 3 on my 3060 with 8gb").model.id == "gemma-3-4b"
    # (on a 24 GB card, which the 4B's 8-bit file would barely use, the biggest member it holds:
    # tests/test_bare_family.py)
    assert parse("gemma 3 on my 3090 with 24gb").model.id == "gemma-3-27b"
    assert parse("llama 3.1, the 8b one, on a 3060").model.id == "llama-3.1-8b"


def test_a_size_after_a_model_named_by_its_id_is_its_sibling():
    q = parse("gpt-oss 20b vs 120b on a 5090 with 64gb ram")
    assert (q.model.id, q.model_b.id) == ("gpt-oss-20b", "gpt-oss-120b")


def test_a_size_the_family_does_not_have_adds_no_model():
    q = parse("llama 3.3 70b vs 8b on a 3090")
    assert q.model.id == "llama-3.3-70b" and q.model_b is None


def test_qat_files_of_a_gemma_are_that_gemma():
    q = parse("24gb card: gemma 4 31b qat or qwen 3.6 27b?")
    assert (q.model.id, q.model_b.id) == ("gemma-4-31b", "qwen3.6-27b") and not q.unsure


def test_ram_said_with_its_ddr_kind_glued_is_ram():
    q = parse("请问40核6133 CPU 、显卡 4*4090D 、256GD4内存有比distill的70B更好的部署选择吗")
    assert q.ram_gb == 256 and q.gpus == 4


def test_a_year_then_a_full_width_comma_then_the_memory_is_the_memory():
    q = parse("MacBook Pro 2026，32G 内存， 可以跑哪个model？")
    assert q.vram_gb == 32


def test_a_bigger_model_than_one_named_is_a_list_for_the_machine():
    q = parse("24gb ram mac: is there a bigger model than gemma 4 e4b I can run?")
    assert q.intent == "best_model_for_hw"


def test_raspi_is_a_raspberry_pi():
    q = parse("RasPi 5 8GB with llama 3.2 3b")
    assert q.hardware.id == "raspberry-pi-5" and q.ram_gb == 8


@pytest.mark.parametrize(
    ("text", "gpus"),
    [
        ("qwen3 32b on my 3090, split over 2 GPUs", 2),
        ("RTX 4090 24GB 单张显卡能跑吗", 1),
        ("RAM : 32GB * 2\nGPU: NVIDIA RTX A5000 24GB", None),  # the count of the sticks
    ],
)
def test_a_count_of_cards_said_apart_from_the_card(text, gpus):
    assert parse(text).gpus == gpus


def test_memory_in_use_said_in_chinese():
    q = parse("v100显卡，显存占了20G，还有10G空余")
    assert q.vram_gb is None and q.ram_gb is None


def test_megabytes_grouped_by_spaces():
    assert parse("Total Physical Memory:     65 439 MB, RTX 3090").ram_gb == pytest.approx(
        63.9, 0.01
    )


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("dual Xeon 6138 with 768GB, cpu only", "6138"),
        ("laptop with an amd 5500U, no dedicated gpu", "5500U"),
        ("works fine on my Ryzen 3400G", "3400G"),
    ],
)
def test_a_cpu_named_without_its_line_or_tier_is_inferred(text, number, cat):
    hw = cat.hardware[parse(text).hardware.id]
    assert hw.kind == "cpu" and hw.inferred and number in hw.name


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("can I use the model on Intel Iris Plus graphics?", "Iris Plus"),
        ("Gaudi 3 cluster for llama 3 70b", "Gaudi 3"),
    ],
)
def test_a_device_the_catalog_lacks_named_without_a_number_is_unknown(text, named):
    q = parse(text)
    assert q.hardware is None
    assert any(u.kind == "hardware" and u.reason == "unknown" and u.text == named for u in q.unsure)


def test_an_igpu_named_with_its_processor_is_inferred_from_the_processor():
    q = parse("Intel UHD Graphics 730 (i5-13400 iGPU)")
    assert q.hardware is not None and "13400" in q.hardware.name


@pytest.mark.parametrize(
    ("text", "vram", "ram"),
    [
        # a label after each amount, or before each: the text's own way decides a torn one
        ("16GB VRAM 64GB RAM", 16, 64),
        ("3090 24G显存 64G内存", 24, 64),
        ("内存64G 显存24G 4090", 24, 64),
        # a word on the next line labels the next line
        ("RAM: 64 GB\nGPU: RTX 3090", None, 64),
    ],
)
def test_memory_labels_on_both_sides(text, vram, ram):
    q = parse(text)
    assert (q.vram_gb, q.ram_gb) == (vram, ram)


def test_a_count_glued_after_the_unit():
    q = parse("3090 24GBx2 for llama 3.3 70b")
    assert (q.gpus, q.vram_gb) == (2, 24)


@pytest.mark.parametrize(
    ("text", "hw", "vram"),
    [
        (
            "|   0  NVIDIA GeForce RTX 3090 Ti     Off |   00000000:01:00.0  On |  Off |\n"
            "|  0%   45C    P8             28W /  450W |    1024MiB /  24564MiB |  2%  Default |",
            "rtx-3090-ti",
            24.0,  # 24564 MiB: the 24 GB sold
        ),
        (
            'msg="inference compute" library=cuda name="NVIDIA GeForce RTX 4090" total="24.0 GiB"'
            ' available="22.5 GiB"',
            "rtx-4090",
            24,
        ),
    ],
)
def test_tool_output_in_use_is_not_system_memory(text, hw, vram):
    q = parse(text)
    assert (q.hardware.id, q.vram_gb, q.ram_gb) == (hw, vram, None)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("runs fine on my work laptop (i7-1185G7, 32GB)", "1185"),  # a suffix with a digit
        ("old Dell server with 2x E5-2690 v4 and 256GB", "2690"),  # a Xeon by its line alone
    ],
)
def test_cpu_names_as_people_shorten_them(text, number, cat):
    q = parse(text)
    hw = cat.hardware[q.hardware.id]
    assert hw.kind == "cpu" and number in hw.name and q.ram_gb is not None


def test_a_number_glued_to_other_letters_is_not_an_apple_chip():
    q = parse("## Pi CM5 16GB\nllama-bench on the compute module")
    assert q.hardware is None or not q.hardware.id.startswith("m5")


@pytest.mark.parametrize(
    ("text", "vram", "ram"),
    [
        ("Hardware: 7800X3D / 7900 XTX / 64 GB", None, 64),  # the next item of a list
        ("a modded 4090 48g", 48, None),  # said with the card
    ],
)
def test_an_amount_after_a_card_in_a_list(text, vram, ram):
    q = parse(text)
    assert (q.vram_gb, q.ram_gb) == (vram, ram)


def test_a_64_bit_os_is_no_quant():
    q = parse("Raspberry Pi 4 (aarch64)(RPiOS 64-bit)\n./main -m ./models/7B/ggml-model-q4_0.bin")
    assert q.quant == "Q4_0"


def test_a_range_of_memory_had_is_its_upper_end_and_a_range_of_use_is_no_size():
    assert parse("I have 16-32GB of RAM and a 3090").ram_gb == 32
    assert parse("my laptop with 24-25GB of RAM runs llama 3 8b").ram_gb == 25
    q = parse("it worked with anywhere between 16-20gb of vram with a RTX 3090")
    assert q.vram_gb is None and q.ram_gb is None


def test_a_card_compared_with_the_cpu_is_not_a_cpu_only_run():
    q = parse(
        "This fixes the buffer problem for me on Intel macOS + AMD 6900XT GPU.\n\n"
        "I get really poor performance with Metal, significantly slower than on CPU or with CLBLAST."
    )
    assert q.hardware.id == "rx-6900-xt"
    assert parse("I get 9 tk/s on my CPU only").hardware.id.startswith("cpu-")


def test_memory_with_its_word_after_a_slash():
    q = parse("a good old rx570 graphics card with 8G/VRam.")
    assert (q.vram_gb, q.ram_gb) == (8, None)


def test_a_cluster_of_macs_by_their_line_and_memory():
    q = parse("I am currently using four 192G Mac Studios connected in series using Thunderbolt")
    assert q.hardware.id in ("m2-ultra-60c", "m2-ultra-76c")
    assert (q.gpus, q.vram_gb) == (4, 192)


def test_a_files_size_compared_is_no_memory():
    q = parse(
        "my RTX4060 has 16GB Vram\nif you have a gguf model that is smaler than 3.5GB it runs on GPU"
    )
    assert (q.vram_gb, q.ram_gb) == (16, None)


def test_an_integer_width_joined_by_an_underscore_in_a_models_name():
    assert parse("Jetson Orin Nano 8GB running LLaMA2_7B_chat_awq_int4").quant == "Q4_K_M"
    # a code name's "_f16" is no weight format
    assert parse("CUDA kernel flash_attn_tile_ext_f16 has no device code").quant is None


def test_memory_sticks_counted_after_their_speed_and_word():
    assert parse("rx6500xt ... [ 1950x + 16G 2666 RAM*4 ]").ram_gb == 64


def test_a_size_with_unrelated_unsure_names_is_still_the_size_asked():
    q = parse(
        "3090 with CUDA (24GB GRAM): Best command line for more fast execution a 3090 with CUDA"
        " ... make LLAMA_CUBLAS=1\n./main -m ./models/7B/ggml-model-q4_0.bin -n 128"
    )
    assert q.model_size_b == 7


def test_a_macs_memory_variant_is_not_a_figure_of_use():
    q = parse("I am using 48 gb unified memory one so the memory should not be an issue")
    assert q.vram_gb == 48
    assert parse("it is using 20 gb of memory").vram_gb is None


@pytest.mark.parametrize("text", ["can 256x 4090 run kimi k2", "kimi k2 on 256 4090s"])
def test_more_cards_than_a_setup_holds_are_said_not_dropped(text):
    q = parse(text)
    assert q.gpus is None and q.hardware.id == "rtx-4090"
    assert any(i.startswith("256 cards") for i in q.ignored), q.ignored


@pytest.mark.parametrize("text", ["can 64x 4090 run kimi k2", "kimi k2 on 4090 x64"])
def test_a_clusters_cards_are_read(text):
    """Up to MAX_GPUS (128): clusters of servers are real questions (round advice57)."""
    q = parse(text)
    assert q.gpus == 64 and q.hardware.id == "rtx-4090"


def test_a_pasted_logs_function_names_are_no_model():
    q = parse(
        "llama_model_load: error loading model: unable to allocate backend buffer\n"
        "llama_load_model_from_file: failed to load model\n"
        "on my rtx 3060 12gb with qwen3 14b q8_0"
    )
    assert q.model.id == "qwen3-14b" and not [u for u in q.unsure if u.kind == "model"]
    # a setting with underscores is still read ("max_model_len = 4096" is vLLM's window)
    assert parse("qwen3 8b on an a10g, max_model_len = 16384").context == 16384
