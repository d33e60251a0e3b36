"""How the parser reads machines and models as people name them in real questions: CPUs nobody
catalogued, an APU's iGPU, a Mac by its chip or its line, a model's "v" version, tool names, and
the ways real text glues words together."""

from __future__ import annotations

import pytest

from fitengine.nlq import parse

# --------------------------------------------------------------------------- CPUs and iGPUs


@pytest.mark.parametrize(
    ("text", "hw"),
    [
        ("12th Gen Intel Core i5-12450H with 16gb, what can I run?", "core-i5-12450h"),
        ("Intel(R) Xeon(R) Platinum 8375C @ 2.90GHz, 30 GB RAM, llama 3 8b", "xeon-platinum-8375c"),
        ("64 gigs of DDR4 Ram and a Intel Xeon E5-2666", "xeon-e5-2666"),
    ],
)
def test_a_cpu_the_catalog_lacks_is_inferred_from_its_family(text, hw, cat):
    q = parse(text)
    assert q.hardware is not None and q.hardware.id == hw and q.cpu_only
    entry = cat.hardware[q.hardware.id]
    assert entry.inferred and entry.kind == "cpu"
    assert any("inferred" in a for a in q.assumed)


def test_a_catalogued_cpu_wins_over_an_inferred_one(cat):
    q = parse("AMD Ryzen 5 5600X 6-Core Processor, 32gb ram, llama 3 8b?")
    assert q.hardware.id == "ryzen-5-5600x" and not cat.hardware["ryzen-5-5600x"].inferred


@pytest.mark.parametrize(
    ("text", "hw"),
    [
        ('Vulkan Intel Core Ultra 9 185H "Intel Arc" iGPU benchmark', "arc-meteor-lake"),
        ("AMD Ryzen 7 7700 iGPU, qwen3 8b?", "radeon-raphael-ryzen-7-7700"),
    ],
)
def test_a_processor_with_an_igpu_cue_is_its_igpu(text, hw, cat):
    q = parse(text)
    assert q.hardware.id == hw and cat.hardware[hw].kind == "igpu"
    assert not [u for u in q.unsure if u.kind == "hardware"]


# --------------------------------------------------------------------------- Macs


def test_a_chip_named_beside_a_mac_line_wins_with_the_memory_stated():
    q = parse("M1 macbook air with 8gb ram, is there anything useful I can run?")
    assert q.hardware.id.startswith("m1") and q.vram_gb == 8
    q = parse("vision model for an m4 pro mac mini 24gb?")
    assert q.hardware.id == "m4-pro-16c" and q.vram_gb == 24


def test_a_mac_line_without_memory_is_its_newest_chip_as_it_ships(cat):
    q = parse("can I run deepseek v4 flash on my mac studio?")
    assert q.intent == "fit" and q.model.id == "deepseek-v4-flash"
    hw = cat.hardware[q.hardware.id]
    assert hw.kind == "apple" and q.vram_gb is None
    assert any("mac studio" in a and f"{hw.memory_gb:g} GB" in a for a in q.assumed)


# --------------------------------------------------------------------------- model names


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("deepseek v3.1 at 128k context on a 512gb mac studio?", "deepseek-v3.1"),
        ("deepseek-v3.2 on 8x h200", "deepseek-v3.2"),
        ("mistral small v3.1 24b on a 3090", "mistral-small-3.1-24b"),
    ],
)
def test_a_v_version_after_a_model_word_is_the_models(text, model):
    q = parse(text)
    assert q.model is not None and q.model.id == model and q.intent == "fit"


def test_a_v_version_after_software_is_still_software():
    q = parse("llama.cpp v1.2 with qwen3 8b on a 3090")
    assert q.model.id == "qwen3-8b" and not q.unsure


# --------------------------------------------------------------------------- glued text


def test_cjk_letters_glued_to_amounts_quants_and_sizes():
    q = parse("EPYC 9575f 加 4090 48g 加576g ram跑deepseek R1 671b Q4能到什么速度呢")
    assert q.quant == "Q4_K_M" and q.ram_gb == 576
    q = parse("16G显卡应该根本带不动BF16的9B模型")
    assert q.quant == "BF16" and q.model_size_b == 9


@pytest.mark.parametrize(
    "text",
    [
        "want to run opencode / claude code style agents locally. 3090 + 64gb ram, which model?",
        "RAG over our company docs on a DGX Spark, which model and how much context?",
        "best model for code on a 3090",
    ],
)
def test_tools_and_everyday_words_are_no_model(text):
    q = parse(text)
    assert q.intent == "best_model_for_hw" and q.hardware is not None
    assert not q.unsure and q.model is None


@pytest.mark.parametrize(
    ("text", "model"),
    [("quen 2.5 14b on 4070", "qwen2.5-14b"), ("code llama 13b on a 3060", "codellama-13b")],
)
def test_typos_and_everyday_words_still_count_inside_a_name(text, model):
    assert parse(text).model.id == model


# --------------------------------------------------------------------------- no GPU


def test_no_gpu_with_a_processor_name_is_that_processor_not_its_igpu(cat):
    q = parse("no gpu, just a ryzen 7 with 32gb ddr5. what's the best model for cpu only?")
    assert q.cpu_only and q.hardware.id == "cpu-ddr5-2ch" and q.ram_gb == 32
    q = parse("ryzen 7 8845hs, no gpu, qwen3 8b")
    assert q.cpu_only and cat.hardware[q.hardware.id].kind == "cpu"


def test_no_dedicated_gpu_with_the_igpu_named_keeps_the_igpu():
    q = parse("no dedicated gpu, just the 780m with 32gb")
    assert q.hardware.id == "radeon-780m"


# --------------------------------------------------------------------------- devices by their letters


@pytest.mark.parametrize(
    "text",
    [
        "nevermind it doesn't like my quadro k5000m",
        "A user with a GTX 970M confirmed that this patch works.",
        "I was able to pick up some tesla k40s for 20$ each",
    ],
)
def test_a_device_letter_the_catalog_lacks_names_an_unknown_device(text):
    q = parse(text)
    assert q.hardware is None
    assert [u.reason for u in q.unsure if u.kind == "hardware"] == ["unknown"]


@pytest.mark.parametrize(
    ("text", "hw"),
    [
        ("nevermind it doesn't like my quadro m5000m", "quadro-m5000m"),
        ("A user with a GTX 950M confirmed that this patch works.", "gtx-950m"),
        ("I was able to pick up some tesla k80s for 20$ each", "tesla-k80"),
        ("llama-bench on an Arc A770 Mobile", "arc-a770m"),
        ("680m with my ryzen 7 6850H", "radeon-680m"),
    ],
)
def test_a_device_letter_the_catalog_has_names_that_device(text, hw):
    assert parse(text).hardware.id == hw


def test_a_name_listed_again_past_the_matched_runs_is_that_device_not_an_unknown_one():
    q = parse("".join(f"GPU {i}: NVIDIA H200\n" for i in range(8)))
    assert q.hardware.id == "h200" and q.gpus == 8 and not q.unsure


def test_a_letter_before_the_number_is_part_of_the_name(cat):
    q = parse("Tesla p40 24G with quadro K6000 12G can not work together")
    assert q.hardware.id == "p40" and q.ram_gb is None
    assert any(u.kind == "hardware" and u.reason == "unknown" for u in q.unsure)
    q = parse("Tesla p40 24G with quadro M6000 24G can not work together")
    assert {(d.id, d.vram_gb) for d in q.setup} == {("p40", 24), ("quadro-m6000", 24)}
    assert parse("why is intel ArcA770 so slow with qwen3 8b").hardware.id.startswith("arc-a770")


def test_a_size_with_a_plus_is_no_b_device():
    assert parse("My first choice for 100+B model is Tigerbot 180B").hardware is None
    assert parse("Benchmark Raspberry Pi 500+ with llama 3.2 3b").hardware.id == (
        "raspberry-pi-500-plus"
    )


def test_an_unknown_card_is_the_question_not_the_host_cpu():
    q = parse("It won't work on gt 730 + ryzen 3600 16gb ram ?")
    assert q.hardware is None and q.unsure[0].text == "gt 730"


@pytest.mark.parametrize(
    ("text", "said", "ram"),
    [
        ("I get the same error running the server on my Pixel 7a w/ 8 GB of RAM.", "Pixel 7a", 8),
        ("Tested Qwen-2.5 3B as Q8 GGUF on an old Huawei P30 Pro (8gb RAM)", "Huawei P30 Pro", 8),
        # (the 8 Gen 3 is catalogued since advice101: an 8 Gen 2 is still unknown)
        ("running Llama-v3.1-8B-Chat on snapdragon 8 gen2", "snapdragon 8 gen2", None),
    ],
)
def test_a_phone_is_named_as_unknown_never_another_device(text, said, ram):
    q = parse(text)
    assert q.hardware is None and q.ram_gb == ram
    (u,) = [u for u in q.unsure if u.kind == "hardware"]
    assert u.reason == "unknown" and u.text == said


# --------------------------------------------------------------------------- memory and counts


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        (
            "Why not use Llama.cpp with ROCm backend; dedicated Graphics Memory: 32GB?",
            "vram_gb",
            32,
        ),
        ("Benchmark with a Nvidia 1060 (3GB Ram, Low cost version of the GTX 1060)", "vram_gb", 3),
        ("GPU1: RTX 3060 12GB (x8)\nGPU2: RTX 3060 12GB (x4)\nRAM: 32GB DDR5 4800", "ram_gb", 32),
        ("GPU1: RTX 3060 12GB (x8)\nGPU2: RTX 3060 12GB (x4)\nRAM: 32GB DDR5 4800", "gpus", 2),
        ("How large a Deepseek R1 can I deploy with 8 * 4090,256G memory?", "ram_gb", 256),
        ("How large a Deepseek R1 can I deploy with 8 * 4090,256G memory?", "vram_gb", None),
        ("2x NVIDIA GeForce RTX 5090, 32,607 MiB each. RAM: 251 GiB", "vram_gb", 32),
        ("Help Needed: Slow Inference on 2xH100x8 Setup with DeepSeek-R1", "gpus", 16),
        ("Verify Qwen3.8-27B on RTX 5090 (1x, sm120)", "gpus", 1),
        ("my machine (AMD 5700G with 32GB RAM on Arch Linux)", "ram_gb", 32),
        # the sticks an amount is made of spell it out; they are not the size
        ("RTX 4090, 128GB DDR5 (4x32GB)", "ram_gb", 128),
        ("RTX 3090 with 64GB RAM (2x32GB)", "ram_gb", 64),
        ("Memory: DDR4-2400 DRAM (448GB=64GB x 7)\nGPU: 4090 24G VRAM", "ram_gb", 448),
        # the part in use, then the whole
        ("it's eating about 12gb RAM as well, out of my 32gb availible", "ram_gb", 32),
        ("Swapping 2.5 GB to RAM ... GPU: NVIDIA RTX 3050 laptop (4 GB VRAM)", "ram_gb", None),
        ("peak memory usage of 83GB on 8 H100 GPUs", "vram_gb", None),
        # a tool's numbered list of one card, longer than the names matched in a paste
        (
            "GPU models and configuration:\n"
            + "".join(f"GPU {i}: NVIDIA H200\n" for i in range(8)),
            "gpus",
            8,
        ),
        (
            "found 8 ROCm devices (Total VRAM: 524160 MiB):\n"
            "  Device 0: AMD Instinct MI250X / MI250, gfx90a\n"
            "  Device 1: AMD Instinct MI250X / MI250, gfx90a",
            "gpus",
            8,
        ),
    ],
)
def test_memory_and_counts_as_tools_and_people_print_them(text, field, value):
    assert getattr(parse(text), field) == value


def test_a_g_after_a_model_number_is_an_apu_not_gigabytes():
    q = parse("my machine (AMD 5700G with 32GB RAM on Arch Linux)")
    assert q.hardware.id == "radeon-vega-8"


def test_a_short_name_of_two_words_and_the_family_said_again():
    q = parse("This is on a Pi 5 8Gb with the latest Raspberry Pi Lite OS")
    assert q.hardware.id == "raspberry-pi-5" and q.ram_gb == 8 and not q.unsure


# --------------------------------------------------------------------------- quants


@pytest.mark.parametrize(
    ("text", "quant"),
    [
        ("unsloth `Qwen3.8-27B-UD-Q4_K_M.gguf` on a 7900 XT", "Q4_K_M"),
        ("use the AWQ quantization to load 7B LLama models onto my RTX 3060", "Q4_K_M"),
        ("on 5700XT with the argument `--memory-f32 -ngl 0`", None),
    ],
)
def test_quants_in_file_names_other_formats_and_flags(text, quant):
    assert parse(text).quant == quant


def test_a_word_of_the_name_said_twice_in_a_path():
    q = parse("--model /models/unsloth/qwen3.6/Qwen3.6-27B-UD-Q6_K_XL.gguf on a 3090")
    assert q.model.id == "qwen3.6-27b"


def test_same_as_compares():
    q = parse("Mac Studio with M2 Ultra 192GB: does it run the same as an A6000?")
    assert q.intent == "compare" and {q.hardware.id, q.hardware_b.id} == {
        "m2-ultra-76c",
        "rtx-a6000",
    }


def test_two_processors_compared():
    q = parse("have a Ryzen 5900X that beats a 7950X at 3.58 vs 3.37 t/s on Mixtral Q8_0.")
    assert q.intent == "compare"
    assert (q.hardware.id, q.hardware_b.id) == ("ryzen-9-5900x", "ryzen-9-7950x")


def test_a_chip_family_said_to_be_the_cpu_is_its_kind_of_system(cat):
    q = parse("running on a mid tier AMD Ryzen 7 mobile CPU from a few years ago. The 27B model")
    assert cat.hardware[q.hardware.id].kind == "cpu" and q.model_size_b == 27


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("4x RTX 3090 24 GB | `llama3_3_70b_instruct_q40` | 4.22", "llama-3.3-70b"),
        ("using Jetson Orin 8GB to run the LLaMA2_7B model", "llama-2-7b"),
    ],
)
def test_a_version_written_with_an_underscore(text, model):
    assert parse(text).model.id == model


def test_a_size_and_active_size_alone_name_no_model():
    q = parse("Ornith-1.5-35B-A3B IQ3_XXS, and I run the IQ3_S version on an 8GB 4060 laptop")
    assert q.model is None
    assert any(u.kind == "model" and u.reason == "unknown" for u in q.unsure)


def test_a_bare_number_after_an_apple_chip_is_its_memory():
    assert parse("will it run? glm air on m3 max 128").vram_gb == 128
    assert parse("M2 Ultra 76 core 192GB").vram_gb == 192


@pytest.mark.parametrize(
    "text",
    [
        "Current performance for `Wizard-Vicuna-30B-Uncensored.ggmlv3.q4_0.bin` model",
        "koboldcpp.exe --contextsize 4096 --model sonya-7b-x8-moe.Q6_K.gguf",
        "[Question] Gemma 2b speed on Android?",
    ],
)
def test_an_unknown_name_with_its_size_in_a_file_name_is_named(text):
    q = parse(text)
    assert q.model is None
    assert any(u.kind == "model" and u.reason == "unknown" for u in q.unsure)


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("gemma2 2b on a pi 5", "gemma-2-2b"),
        ("gemma 4 e2b on a pi 5", "gemma-4-e2b"),
        ("working with Deepseek R1 (32b) on an M1 Max", "deepseek-r1-distill-qwen-32b"),
    ],
)
def test_sizes_and_versions_are_told_apart(text, model):
    assert parse(text).model.id == model


@pytest.mark.parametrize(
    ("text", "model", "quant"),
    [
        (
            "llama-bench -m models/Qwen2.5-14B-Instruct-Q4_K_M.gguf on a 7900 XT",
            "qwen2.5-14b",
            "Q4_K_M",
        ),
        ("./main -m models/llama-2-13b.Q4_K_M.gguf on a 2080 Ti", "llama-2-13b", "Q4_K_M"),
    ],
)
def test_a_model_file_on_disk_is_no_hub_repo(text, model, quant):
    q = parse(text)
    assert q.model.id == model and q.quant == quant


def test_a_hub_repo_is_still_a_repo():
    assert parse("can unsloth/Qwen3-8B-GGUF run on a 3090?").model.id == "unsloth/Qwen3-8B-GGUF"


@pytest.mark.parametrize(
    ("text", "model"),
    [
        (
            "I chose to use meta-llama/Meta-Llama-3-70B-Instruct on two stacked Sparks",
            "llama-3-70b",
        ),
        ("nvidia/Qwen3-235B-A22B-FP4 really slow when served across two sparks", "qwen3-235b-a22b"),
    ],
)
def test_a_repo_of_a_catalog_models_weights_is_that_model(text, model):
    """The original repo, or another release format of the same weights under any owner: the
    reviewed entry, as the Hub reader answers it, so a question asked offline reads the model."""
    q = parse(text)
    assert q.model.id == model
    assert q.hardware.id == "dgx-spark" and q.gpus == 2


def test_a_finetune_repo_is_not_its_base_model():
    q = parse("can someone/Qwen3-8B-myfinetune run on a 3090?")
    assert q.model.id == "someone/Qwen3-8B-myfinetune"


def test_spark_alone_is_no_machine():
    q = parse("I use apache spark for data, can a 3090 run qwen3 32b")
    assert q.hardware.id == "rtx-3090"


def test_a_family_of_cpu_boards_takes_its_memory_as_ram():
    q = parse("@canirun llama 3.2 1b rpi 4gb")
    assert q.ram_gb == 4 and q.vram_gb is None


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        (
            "The 70B should be around ~50GB. The GPU has 24GB of VRAM, so you need another 4090.",
            "ram_gb",
            None,
        ),
        ("use M2 ultra (maybe 192G) to tap into the potential of real LLMs", "vram_gb", 192),
    ],
)
def test_an_estimate_is_no_memory_of_the_machine(text, field, value):
    assert getattr(parse(text), field) == value


def test_a_family_with_its_size_said_apart_is_that_model():
    q = parse("is it possible to run the 120b model of gpt-oss on 2x 5090's ?")
    assert q.intent == "fit" and q.model.id == "gpt-oss-120b" and q.gpus == 2
    assert any("gpt-oss" in a for a in q.assumed)


@pytest.mark.parametrize(
    ("text", "gpus"),
    [
        ("4 of my 3090s for llama 3.3 70b", 4),
        ("3090s (4) running qwen3 32b", 4),
        ("4 GPUs (RTX 3090)", 4),
        ("2 cards: RTX 3090", 2),
        ("8卡 A100 跑 deepseek", 8),
        ("4张3090能跑什么", 4),
        ("vllm serve qwen3 32b --tensor-parallel-size 2 on RTX 5060 Ti 16GB", 2),
        ("qwen3 32 3090", None),
        ("RAM : 32GB * 2\nGPU: NVIDIA RTX A5000 24GB", None),
    ],
)
def test_gpu_counts_as_people_and_tools_write_them(text, gpus):
    assert parse(text).gpus == gpus


def test_a_letter_typed_past_a_modifier_beside_a_chip():
    assert parse("Mac Studio M2 Ultral 192G, llama2 70b").hardware.id.startswith("m2-ultra")
    assert parse("does qwen3 30b a3b flask app run on 4090").model.id == "qwen3-30b-a3b"


def test_a_mobile_m_is_the_laptop_part_or_an_unknown_one():
    assert parse("my 3080m laptop, qwen3 8b?").hardware.id == "rtx-3080-laptop"
    assert parse("rx 6800m qwen3 8b").hardware.id == "rx-6800m"
    q = parse("rx 6850m qwen3 8b")
    assert q.hardware is None
    (u,) = q.unsure
    assert u.reason == "unknown" and u.suggestions[0].id == "rx-6800m"


def test_a_count_of_cards_before_a_list_of_different_cards_counts_the_list():
    q = parse("I have two GPU cards Nvidia 1080ti and AMD radeon 6900xt.")
    assert {(d.id, d.gpus) for d in q.setup} == {("gtx-1080-ti", None), ("rx-6900-xt", None)}
    q = parse("two 3090s and a 3060")
    assert {(d.id, d.gpus) for d in q.setup} == {("rtx-3090", 2), ("rtx-3060", None)}


def test_memory_a_gpu_is_using_in_chinese_is_not_its_size():
    assert parse("8个gpu 跑 qwen2.5 72b，每个GPU差不多使用7G").vram_gb is None


def test_a_usage_figure_out_of_a_total_leaves_the_total_as_the_card():
    q = parse(
        "unsloth GLM-4.5-Air-GGUF Q4_K_S doesn't seem to load into vram: less than 3gb of vram"
        " (out of 24gb) is in use"
    )
    assert q.vram_gb == 24


def test_what_spilled_to_system_ram_is_not_the_ram_had():
    q = parse("gemma 3 27b qat on a 4090m with 16gb vram put about 2gb in system ram")
    assert q.ram_gb is None and q.hardware.id == "rtx-4090-laptop"


@pytest.mark.parametrize(
    ("text", "card", "ram"),
    [
        ("laptop with ryzen ai 9 hx 370 and rtx 4060 8gb, 32gb ram: gemma 3 12b?", "rtx-4060", 32),
        ("strix halo 128gb with an rtx 3090 egpu, qwen3.6 27b", "rtx-3090", 128),
    ],
)
def test_an_apu_said_by_its_processor_beside_a_card_is_the_cards_host(text, card, ram):
    q = parse(text)
    assert q.hardware.id.startswith(card) and q.ram_gb == ram


def test_an_apus_graphics_said_by_name_beside_a_card_stay_a_device():
    assert parse("780m and a 4060, qwen3 8b").hardware.id.startswith("radeon-780m")


def test_of_several_windows_the_largest_is_asked():
    q = parse(
        "My GPU has 8GB VRAM. llama3.2:3b-instruct-q8_0 runs 100% on the GPU, num_ctx 40000 gives"
        " 33%/67% CPU/GPU, but with num_ctx 128000 the entire model goes to the CPU. Why?"
    )
    assert q.context == 128000


@pytest.mark.parametrize(
    ("text", "vram"),
    [
        (
            "ryzen 5 5600u laptop, the bios sets 512MB dedicated to the igpu, can it run qwen3 4b",
            0.5,
        ),
        ("strix halo box with 512MB dedicated in the BIOS and GTT at 120GB, gpt-oss 120b?", 0.5),
        ("GPU: Radeon 860M\nVRAM: 8 GB allocated (shared from 32 GB system RAM)", 8),
        ("laptop with an rtx a2000, it should be 4GB dedicated. llama 3 8b?", 4),
    ],
)
def test_memory_set_aside_for_the_graphics_is_their_vram(text, vram):
    assert parse(text).vram_gb == vram


@pytest.mark.parametrize(
    ("text", "vram"),
    [
        ("The app needs 24GB VRAM, but I have a 12 GB VRAM card. Can I run qwen3 14b?", 12),
        ("要求显存24G，我的显卡是4070 12G显存，能跑qwen3 14b吗", 12),
    ],
)
def test_of_two_vram_sizes_the_writers_own_wins_over_a_requirement(text, vram):
    assert parse(text).vram_gb == vram


def test_a_bare_amount_of_all_the_counted_cards_is_theirs_together():
    q = parse("- Ryzen 9900X, 192GB DDR5\n- 4x RTX 3090, 96GB total. glm 4.5 air q4?")
    assert (q.gpus, q.vram_gb, q.ram_gb) == (4, 24, 192)


@pytest.mark.parametrize(
    ("text", "vram", "ram"),
    [
        ("my RTX 3070Ti is reported as having 4GB of video memory, I expected 8 GB", 8, None),
        ("My server has 5x RTX A4000 16GB GPUs, but llmfit detects them as 8GB.", 16, None),
        ("ollama identified my VRAM as 12GiB, but my RX 6750 GRE has 10GiB.", 10, None),
    ],
)
def test_a_tools_wrong_reading_beside_the_size_said_is_left_out(text, vram, ram):
    q = parse(text)
    assert (q.vram_gb, q.ram_gb) == (vram, ram)


@pytest.mark.parametrize(
    ("text", "gpus"),
    [
        ("two 3090s are enough for qwen3 32b, I use three", 3),
        ("I don't have 8 x H200 GPUs (in fact, I only have one). Can I run deepseek v3?", 1),
        ("I have 2 3090s and I use one for gaming. llama 3 70b?", 2),
        ("Ollama can only work with 3 out of 4 video cards.", 4),
        ("使用两张12G显卡运行qwen2.5 14b，报错显存不足", 2),
    ],
)
def test_counts_said_apart_from_the_card(text, gpus):
    assert parse(text).gpus == gpus


def test_a_list_item_after_an_amount_is_no_count_of_it():
    q = parse(
        "### Hardware\n\n* NVIDIA Jetson Orin Nano Super 8GB\n* 7,607 MiB physical unified memory"
    )
    assert q.gpus is None and q.vram_gb == 8


def test_memory_shared_as_vram_is_the_graphics_part():
    q = parse("Strix Halo with 128GB RAM, 108GB shared as VRAM. gpt-oss 120b?")
    assert q.vram_gb == 108


def test_a_cpu_named_twice_is_said_inferred_once():
    q = parse(
        "I have a Threadripper 1950X with 64GBs of RAM and 2 3090s. "
        "I do realize the Threadripper 1950X is not very fast. qwen3 32b?"
    )
    notes = [a for a in q.assumed if "1950x" in a.lower()]
    assert len(notes) == 1
