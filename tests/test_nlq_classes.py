"""Classes of real phrasing the parser reads (issue 9): each test pins one class found on the
development part of the real set, with the text people wrote and variants of it."""

from __future__ import annotations

import pytest

from fitengine.nlq import parse

# --------------------------------------------------------------------------- processors


@pytest.mark.parametrize(
    "text",
    [
        "painfully slow on Intel Core i3 ... my laptop has 12 GB of memory",
        "my i5 with 16gb ram",
        "电脑配置：13代i5 + 16GB",
        "core i7 and 16gb ram, no gpu",
    ],
)
def test_a_cpu_tier_without_its_number_is_its_kind_of_system(text, cat):
    q = parse(text)
    hw = cat.hardware[q.hardware.id]
    assert hw.kind == "cpu" and hw.vendor == "other" and q.cpu_only
    assert any("newest" in a for a in q.assumed)


def test_a_cpu_tier_with_ddr_stated_takes_that_generation():
    assert parse("an i7 with ddr4 32gb").hardware.id == "cpu-ddr4-2ch"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("My ancient Xeon x3480 CPU and 32GB 1333MHz RAM, my processor lacks AVX", "xeon x3480"),
        ("Works fine on my 3400G.", "3400G"),
    ],
)
def test_a_processor_number_nothing_knows_is_unknown_not_its_family(text, said):
    q = parse(text)
    assert q.hardware is None
    assert any(u.kind == "hardware" and u.reason == "unknown" and u.text == said for u in q.unsure)


def test_a_catalogued_apu_number_still_names_it_and_an_unknown_one_beside_a_gpu_is_the_host():
    assert parse("Works fine on my 5600G.").hardware.id == "radeon-vega-7"
    q = parse("a 4090 and a 3400g, what can I run?")
    assert q.hardware.id == "rtx-4090" and not q.unsure


# --------------------------------------------------------------------------- comparisons


@pytest.mark.parametrize(
    ("text", "a", "b"),
    [
        ("my RX 470 gets about 20 token/s, half of the RX6500 XT", "rx-470", "rx-6500-xt"),
        (
            "~400 tok/s with Llama 3 8B on MI210. A100 benchmarks show ~1200 tok/s for same model.",
            "mi210",
            "a100",
        ),
        (
            "Here's a 13B model on an RTX 3060: 18 t/s. And here is the same thing on a P40:",
            "rtx-3060",
            "p40",
        ),
    ],
)
def test_a_figure_said_against_another_device_compares_them(text, a, b):
    q = parse(text)
    assert q.hardware.id == a and q.hardware_b.id.startswith(b) and q.intent in ("compare",)


@pytest.mark.parametrize(
    ("text", "a", "b"),
    [
        (
            "which is faster, jetson nano developer kit or raspberry Pi 5?",
            "jetson-nano",
            "raspberry-pi-5",
        ),
        ("which is faster, raspberry pi 5 or jetson nano", "raspberry-pi-5", "jetson-nano"),
    ],
)
def test_a_board_is_a_side_of_a_comparison_with_a_gpu(text, a, b):
    q = parse(text)
    assert (q.hardware.id, q.hardware_b.id) == (a, b)


def test_a_host_cpu_is_no_side_of_a_comparison():
    q = parse("can my 3090 with a 5950x run qwen3 32b faster?")
    assert q.hardware.id == "rtx-3090" and q.hardware_b is None


def test_cards_of_a_list_compared_further_on_were_tried_one_at_a_time():
    q = parse(
        "evaluating on various RDNA3 GPUs (primarily RX 7800 XT and RX 7900 XT). A 13b model "
        "showed slower prompt evaluation on the 7800 compared to the 7900"
    )
    assert not q.setup and (q.hardware.id, q.hardware_b.id) == ("rx-7800-xt", "rx-7900-xt")
    q = parse("I have two GPUs: an RTX 3090 and a 2060, split over both is slower than one")
    assert [d.id for d in q.setup] == ["rtx-3090", "rtx-2060"]


# --------------------------------------------------------------------------- APUs and CPU-only runs


@pytest.mark.parametrize(
    ("text", "hw", "vram", "ram"),
    [
        (
            "can't use more than 2GB of VRAM with my Ryzen 8600G even so 64GB are installed",
            "radeon-760m",
            2,
            64,
        ),
        (
            "Ollama on CPU only with 48gb, or AMDGPU VRAM 16gb on the same pc Ryzen 7 7840hs?",
            "radeon-780m",
            16,
            48,
        ),
    ],
)
def test_vram_said_on_a_machine_without_a_card_is_the_processors_igpus(text, hw, vram, ram):
    q = parse(text)
    assert (q.hardware.id, q.vram_gb, q.ram_gb) == (hw, vram, ram) and not q.cpu_only


def test_a_processor_without_vram_said_stays_the_processor():
    q = parse("my Ryzen 7 7840hs with 32gb ram, cpu only")
    assert q.cpu_only and q.hardware.id != "radeon-780m"


def test_a_cpu_only_run_on_a_machine_with_a_gpu_and_its_vram_is_that_machine():
    q = parse(
        "Thinkpad, i7 8550u, 32 GB RAM, Geforce MX150 2GB VRAM. The 7B model takes 6 minutes on CPU only"
    )
    assert (q.hardware.id, q.vram_gb, q.ram_gb, q.cpu_only) == ("mx150", 2, 32, False)


def test_an_amount_for_the_gpu_is_vram():
    q = parse("I have a 680m with my ryzen 7 6850H, and ComfyUI reports it has 12GB for the GPU.")
    assert (q.hardware.id, q.vram_gb, q.ram_gb) == ("radeon-680m", 12, None)


# --------------------------------------------------------------------------- memory


@pytest.mark.parametrize(
    "text",
    [
        "[drm] amdgpu: 512M of VRAM memory ready\n[drm] amdgpu: 12288M of GTT memory ready.",
        "HP UEFI BIOS only allows choosing Auto, 256M, or 512M VRAM.",
    ],
)
def test_a_small_vram_size_in_megabytes_is_read(text):
    assert parse(text).vram_gb == 0.5


def test_a_gpu_name_ending_in_m_is_no_megabytes():
    q = parse("Mixtral runs 10x faster on my 6600M GPU; a Ryzen 9 7940HS w/ Radeon 780M Graphics")
    assert q.vram_gb is None


def test_memory_beside_an_amount_said_to_be_vram_is_the_systems():
    q = parse("my 16GB memory laptop: [drm] amdgpu: 512M of VRAM memory ready")
    assert (q.vram_gb, q.ram_gb) == (0.5, 16)


def test_a_drivers_megabytes_read_as_the_size_sold():
    q = parse(
        "ggml_cuda_init: found 8 ROCm devices (Total VRAM: 524160 MiB):\n"
        "  Device 0: AMD Instinct MI250X / MI250, VRAM: 65520 MiB"
    )
    assert (q.gpus, q.vram_gb) == (8, 512)
    assert parse("an RTX 3060, 7648 MiB free").vram_gb is None


# --------------------------------------------------------------------------- GPU counts


@pytest.mark.parametrize(
    ("text", "gpus"),
    [
        ("deploy to 2 8x H100 nodes", 16),
        ("2 nodes of 8xH100", 16),
        ("两台8卡A100", 16),
        ("2*H100  2*8*80G部署DeepSeek R1", 16),
        ("llama 3 8x H100 nodes", 8),  # the 3 is the model's
        ("How can I deploy DeepSeek V3 on 4 nodes with 14 H100s?", 14),  # a total
    ],
)
def test_machines_times_their_cards(text, gpus):
    assert parse(text).gpus == gpus


@pytest.mark.parametrize(
    ("text", "gpus"),
    [
        ("2 A6000", 2),
        ("8 MI300X", 8),
        ("8 H20 (96GB)", 8),
        ("I have 2 P40 and 64gb ram", 2),
        ("cuda 12 A100", None),
        ("llama 3 A100", None),
        ("qwen3 32 3090", None),
    ],
)
def test_a_bare_count_before_a_device_named_by_its_letters(text, gpus):
    assert parse(text).gpus == gpus


@pytest.mark.parametrize(
    ("text", "gpus"),
    [
        ("CUDA_VISIBLE_DEVICES=0,1,2,3 python serve.py on A100", 4),
        ("tp=8 on H100", 8),
        ("A100 GPUs x 8", 8),
        ("an 8-GPU A100 server", 8),
        ("8 pcs A100", 8),
        ("单卡4090", 1),
        ("Tesla P100 cards are $70 each, 16GB of VRAM each; deploying four of them", 4),
        ("Each H20 has 96GB memory so 8 of them would make it about 770 GB?", 8),
        ("I tried 3 quants on my 3090 and 2 of them crash", None),
        ("可以使用8个gpu，每个GPU差不多使用7G", 8),
        ("best model for 2 gpus with 24gb each", 2),
    ],
)
def test_counts_as_tools_and_people_write_them(text, gpus):
    assert parse(text).gpus == gpus


def test_the_cards_memory_added_up_is_no_system_ram():
    q = parse(
        "Also are you sure peak memory is 83 GB? Each H20 has 96GB memory so 8 of them make about 770 GB?"
    )
    assert (q.gpus, q.vram_gb, q.ram_gb) == (8, 96, None)


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        ("rtx 3060, 512gb ssd, 16gb ram", 16),
        ("1TB NVMe and 64gb ram, 3090", 64),
        ("my 4090 with a 2TB nvme drive", None),
        ("4090, disk space 500GB", None),
        ("32gb ram and 64gb of swap, 3060", 32),
        ("A800 每个卡之间的网络带宽是400GB", None),
        ("a 64gb ram disk with a 3090", 64),
    ],
)
def test_storage_and_bandwidth_are_no_memory(text, ram):
    q = parse(text)
    assert q.ram_gb == ram and q.vram_gb is None


@pytest.mark.parametrize(
    "text",
    [
        "电脑配置：13代i5 + 16GB\n推理时，吃了内存20GB",
        "Rtx 4090'lı makinem, 16 GB RAM; gemma3:27b'yi yüklemek yaklaşık ~20 GB sistem belleği kullanıyor",
    ],
)
def test_memory_in_use_with_a_memory_word_or_a_case_ending_is_no_size(text):
    assert parse(text).ram_gb == 16


@pytest.mark.parametrize(
    "text",
    [
        "the 70B Q4 is 40GB, my 3090 can't",
        "Qwen3 32B at 20GB on a 3090",
        "4090: 70b q4 42gb too big",
        "weights are 140GB, 4090 here",
        "KV cache 8GB on my 3090",
        "3090, context 64k = 12GB",
        "a 40GB model on my 3090",
        "I'm getting 30 t/s on 3090 with 18GB model",
        "3090, 18GB gguf",
        "my 3090 and the 13GB q4 file",
        "RAM usage goes to 60GB on my 3090",
        "memory usage 40GB with 3090",
        "spills 10GB into RAM on my 3090",
        "the model takes up 20GB on a 3090",
        "3090 sitting at 23GB",
        "llm_load_tensors: CPU buffer size = 17000.00 MiB on 3090",
        "CUDA out of memory. (GPU 0; 23.69 GiB total capacity; 21.50 GiB already allocated) 3090",
    ],
)
def test_a_models_size_or_memory_in_use_is_no_memory_of_the_machine(text):
    q = parse(text)
    assert q.ram_gb is None and q.vram_gb in (None, 23.69)


def test_a_cards_variant_said_as_a_model_keeps_its_memory():
    q = parse("my 4060 Ti 16GB model")
    assert (q.hardware.id, q.vram_gb) == ("rtx-4060-ti-16gb", 16)
    assert parse("I run qwen3 32b at 24gb vram").vram_gb == 24


# --------------------------------------------------------------------------- devices


@pytest.mark.parametrize(
    ("text", "hw"),
    [
        ("I upgraded GPUs from a 3080 ti to a 5080 and now my llm doesn't use the gpu", "rtx-5080"),
        ("replaced my 3060 with a 4090, can I run qwen3 32b?", "rtx-4090"),
        ("switched from a 3090 to a 5090", "rtx-5090"),
    ],
)
def test_a_card_replaced_by_another_is_gone(text, hw):
    q = parse(text)
    assert q.hardware.id == hw and q.hardware_b is None and not q.setup


def test_a_card_added_beside_another_is_still_one_machine():
    q = parse("I have a 3090 and want to add a 3060")
    assert [d.id for d in q.setup] == ["rtx-3090", "rtx-3060"]


@pytest.mark.parametrize(
    "text",
    [
        "on my 3090 I get 30 t/s, on a 4090 50 t/s",
        "the 4090 gets 50 t/s, the 3090 gets 30",
        "3090: 30 t/s\n4090: 50 t/s",
        "3090 (30 t/s) and 4090 (50 t/s)",
        "between a 3090 and a 4090 which is better",
        "4090和3090哪个好",
    ],
)
def test_two_devices_each_with_its_own_speed_or_a_choice_between_them_are_compared(text):
    q = parse(text)
    assert {q.hardware.id, q.hardware_b.id} == {"rtx-3090", "rtx-4090"} and not q.setup


@pytest.mark.parametrize(
    "text",
    [
        "2500 tokens/sec on the 4090 is slowed down to 300 tokens/sec when adding a second 3090",
        "layers split between a 3090 and a 3060",
        "I have a 3090 and a 3060, which model is best?",
    ],
)
def test_a_card_added_or_a_split_between_cards_is_one_machine(text):
    q = parse(text)
    assert q.hardware_b is None


# --------------------------------------------------------------------------- Macs


@pytest.mark.parametrize(
    ("text", "hw"),
    [
        ("my M1 MacBook Pro", "m1"),
        ("M3 MacBook Pro", "m3"),
        ("M2 MacBook Pro 16GB", "m2"),
        ("m1 mbp 16gb", "m1"),
        ("M1 Pro MacBook Pro", "m1-pro-16c"),
        ("M4 Pro Mac mini", "m4-pro-20c"),
    ],
)
def test_a_chip_before_its_macs_line_is_that_chip_not_its_pro(text, hw):
    assert parse(text).hardware.id == hw


def test_a_macbook_with_its_memory_is_read_and_a_mac_line_without_that_memory_asks():
    q = parse("my macbook with 16gb")
    assert q.hardware is not None and q.vram_gb == 16 and q.assumed
    q = parse("How much faster on a 24gb Mac pro?")
    assert q.hardware is None
    (u,) = [u for u in q.unsure if u.kind == "hardware"]
    assert {"m4-pro-16c", "m4-pro-20c", "m5"} & {c.id for c in u.suggestions}
    assert parse("deepseek v3 q2_k_xl 8k context on 512gb mac").hardware is None


def test_a_card_said_with_another_generation_than_the_entrys_is_unknown():
    q = parse("NVIDIA RTX PRO 3000 Blackwell Generation Laptop GPU with 12GB")
    assert q.hardware is None
    (u,) = [u for u in q.unsure if u.kind == "hardware"]
    assert u.reason == "unknown" and "Blackwell" in u.text
    assert parse("RTX 6000 Ada").hardware.id == "rtx-6000-ada"
    assert parse("A100 (Ampere) 80GB").hardware.id.startswith("a100-80gb")


@pytest.mark.parametrize(
    ("text", "hw"),
    [
        ("A100 80GB PCIe", "a100-80gb-pcie"),
        ("A100 PCIe 80GB", "a100-80gb-pcie"),
        ("H100 80GB PCIe", "h100-pcie"),
        ("2x A100 80GB PCIe with 512gb ram", "a100-80gb-pcie"),
    ],
)
def test_a_form_factor_after_or_before_the_memory_picks_that_card(text, hw):
    q = parse(text)
    assert q.hardware.id == hw and q.vram_gb == 80


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("I was running Llama3 8b model on AI 100, but the token speed is very slow", "AI 100"),
        ("在昇腾910B上部署qwen2.5 72b", "昇腾 910B"),
        ("海光DCU Z100跑模型", "海光 DCU Z100"),
        ("running on L20 GPUs", "L20"),
        ("8卡L20跑qwen", "L20"),
        ("MX450 2GB", "MX450"),
        ("8x GB200", "GB200"),
    ],
)
def test_a_device_the_catalog_lacks_is_named_as_unknown(text, said):
    q = parse(text)
    assert q.hardware is None
    assert [u.text for u in q.unsure if u.kind == "hardware" and u.reason == "unknown"] == [said]


@pytest.mark.parametrize(
    "text", ["sm86 gpu", "x86 cpu", "deepseek r1 gpu", "8x H200 with 141GB each"]
)
def test_codes_that_name_no_device_or_a_known_one_are_no_unknown_device(text):
    assert not [u for u in parse(text).unsure if u.kind == "hardware"]


@pytest.mark.parametrize(
    ("text", "not_hw"),
    [
        ("I have a 750ti, what can I run?", "arc-a750"),
        ("I have a GTX 960, what can I run?", "gtx-960m"),
        ("I have a R9 390, what can I run?", "ryzen-9-7900"),
    ],
)
def test_a_near_name_with_another_number_or_letter_is_not_that_device(text, not_hw):
    q = parse(text)
    assert q.hardware is None or q.hardware.id != not_hw


@pytest.mark.parametrize(
    ("text", "hw"),
    [
        ("Here are benchmarks on my Arc 770 16 GB for reference", "arc-a770-16gb"),
        ("I have an ARC770m GPU", "arc-a770m"),
        ("GTX 960M laptop", "gtx-960m"),
        ("I have a A6000", "rtx-a6000"),
        ("Is it possible to use with old cpu like i5 6500u (uhd 520)", "core-i5-6500u"),
    ],
)
def test_the_same_names_said_as_people_say_them_still_match(text, hw):
    assert parse(text).hardware.id == hw


@pytest.mark.parametrize(
    "text",
    [
        "Radeon Pro W5700",
        "FirePro W9100",
        "Mali G78",
        "Adreno 740",
        "Apple A17 Pro",
    ],
)
def test_more_devices_the_catalog_lacks_are_named_as_unknown(text):
    q = parse(f"I have a {text}, what can I run?")
    assert q.hardware is None and any(u.reason == "unknown" for u in q.unsure)


@pytest.mark.parametrize(
    "text",
    [
        "my 3090: Llama-3.3-70B-Instruct-Q4_K_M.gguf 42.5GB",
        "3090; minimum 32GB RAM recommended",
        "3090, requirements: 64GB RAM",
        "NAME ID SIZE PROCESSOR\nllama3:70b abc 45 GB 100% GPU on 3090",
        "llama3:70b  45 GB  48%/52% CPU/GPU  my 4090",
        "40GB in RAM and 24GB on the 3090",
        "20 GB offloaded to CPU, 3090",
    ],
)
def test_a_files_size_a_requirement_or_a_placement_is_no_ram(text):
    assert parse(text).ram_gb is None


def test_ram_said_with_at_least_or_available_is_still_the_machines():
    assert parse("3090 and I have at least 64GB of RAM").ram_gb == 64
    q = parse("plenty of RAM available (192GB Mac Studio)")
    assert q.vram_gb == 192


@pytest.mark.parametrize(
    ("text", "hw", "gpus"),
    [
        ("Field rtx4080s", "rtx-4080-super", None),
        ("my 4070S", "rtx-4070-super", None),
        ("two 4080s", "rtx-4080", 2),
        ("2x 4070s", "rtx-4070", 2),
        ("the 4080s are fast", "rtx-4080", None),
    ],
)
def test_an_s_glued_to_a_cards_number_is_its_super_unless_counted(text, hw, gpus):
    q = parse(text)
    assert (q.hardware.id, q.gpus) == (hw, gpus)


def test_a_phone_named_by_its_code_on_a_phone_is_unknown():
    q = parse("I built llama.cpp on my S24 using Termux but it is slow running 7b mistral")
    assert q.hardware is None
    assert [(u.text, u.suggestions) for u in q.unsure if u.kind == "hardware"] == [("S24", [])]


def test_a_bare_amount_in_a_text_about_ram_is_ram():
    q = parse(
        "I'm on a 128 Gb and it's a bit not enough to hold 65B model which uses about 140 Gb of RAM."
    )
    assert (q.vram_gb, q.ram_gb) == (None, 128)


def test_some_of_the_cards_memory_is_no_ram():
    q = parse(
        "needs ~40G of VRAM on the 4 x P100 setup I have but it may fit within the 32G limit of having two"
    )
    assert (q.gpus, q.ram_gb) == (4, None)


def test_all_of_the_cards_memory_in_use_says_their_size():
    q = parse("using 72GB of vram on 3 x RTX 3090")
    assert (q.gpus, q.vram_gb) == (3, 24)
    assert parse("my 3090 is using 20GB of vram").vram_gb is None  # a part: no size


@pytest.mark.parametrize(
    ("text", "hw"),
    [("我有双路9654速度还能更快些吗", "epyc-9654"), ("dual socket 7763 with 1TB", "epyc-7763")],
)
def test_a_servers_processors_by_their_bare_number_after_a_socket_word(text, hw):
    q = parse(text)
    assert q.hardware.id == hw and q.cpu_only


@pytest.mark.parametrize(
    "text, gpus",
    [
        ("if I add a second 3060 can I run qwen3 32b?", 2),
        # planned, not had (tests/data/nlq_real.yaml: "gpus is the count the writer has")
        ("thinking about adding a third 3090 to my rig", None),
        # a second card of another kind is a mixed rig, and "another" is often someone's advice
        ("you basically need another 4090", None),
    ],
)
def test_one_more_of_the_same_card_counts_them_all(text, gpus):
    assert parse(text).gpus == gpus


@pytest.mark.parametrize(
    "text",
    [
        "every tool keeps recommending 7b models for my 4090, what should I actually run?",
        "llm-checker only recommends 3b models on my 32gb m1 max",
        # said in the past or as the tool's verdict
        "Apple M4 Pro with 24 GB RAM and best recommendation is only 3B. What should I run?",
        "whichllm recommended me 1.5b models on a 3090",
    ],
)
def test_a_size_someone_else_recommended_is_no_size_asked_for(text):
    assert parse(text).model_size_b is None
    assert parse("what's the recommended 7b model for a 3060?").model_size_b == 7


def test_a_model_another_tool_picked_is_replaced_when_a_model_is_asked_for():
    asked = (
        "GPU Not Detected on NVIDIA Jetson Orin Nano Super 8GB: llm-checker smart-recommend "
        "gives qwen2.5-coder:1.5b-base as Best Overall. What should the Jetson run?"
    )
    assert parse(asked).intent == "best_model_for_hw"
    # the pick itself asked about stays the subject
    assert parse("ChatGPT suggested llama 3 70b, will it run on my 4090?").intent == "fit"
    # "gives" says what a model does before a wish, not whose pick it is
    assert parse("what model gives the fastest speed on my 3090?").order == "fastest"


@pytest.mark.parametrize(
    "text",
    [
        "llama 3 8b is slow on my 3060, any better models?",
        # an unknown model named beside the ask is the one to replace, not an unclear subject
        "I've been using sugoi-14b-ultra on my 4070 super (12GB VRAM). What other local models "
        "offer better accuracy / speed lately?",
    ],
)
def test_other_or_better_models_asked_for_are_a_list_for_the_machine(text):
    assert parse(text).intent == "best_model_for_hw"
    # other models in passing ask for none
    said = "it is quite quick on my RTX3090 when using llama3.1:8b or even other models once loaded"
    assert parse(said).intent == "fit"


def test_a_full_stop_after_a_dotted_version_does_not_end_the_name():
    assert parse("can I run Qwen 3.5. 122B on my 3090?").model.id == "qwen3.5-122b-a10b"
    # after a plain number it is a sentence's end
    assert parse("32b runs on RTX 4090. 32b can also run on a Mac").hardware.id == "rtx-4090"


@pytest.mark.parametrize(
    "text, vram",
    [
        ("dual rtx pro 6000 (192gb vram) what's the best model?", 96),
        ("2x 3090 (48gb vram total)", 24),
        ("8x RTX A6000, 383.9 GB GPU RAM", 48),
        # said right after the name it is each card's: modded cards are sold so
        ("在双 2080ti 22G显卡下", 22),
        ("Dual RTX 4090 48GB graphics cards", 48),
    ],
)
def test_memory_of_all_the_cards_together_is_read_per_card(text, vram):
    assert parse(text).vram_gb == vram


def test_a_kind_someone_else_recommended_is_no_wish():
    assert parse("it keeps recommending tiny models for my 4090").tags == []
    assert parse("what small model do you recommend for my 8gb card?").tags == ["small"]
    # a past recommendation with its article is a report ("the recommended uncensored model"
    # still asks for one)
    reported = (
        "llm-checker on a DGX Spark recommended an abliterated model for me, which coding model?"
    )
    assert parse(reported).tags == []
    assert parse("what's the recommended uncensored model for a 3090?").tags == ["uncensored"]


def test_the_context_to_reach_wins_over_the_one_the_model_has():
    q = parse("qwen3.8 27b has a 262k window, can I scale to 1M on my m3 ultra?")
    assert q.context == 1024 * 1024
    assert parse("can I extend it to 512k with yarn? qwen3 32b 3090").context == 512 * 1024


@pytest.mark.parametrize(
    "text, parallel",
    [
        ("serving 4 parallel requests at 8k each with qwen3 32b on an L4, will it fit?", 4),
        ("3 users at once on my 3090 with qwen3 30b a3b?", 3),
        ("llama-server --parallel 8 -c 32768 with gemma 4 12b on a 4090", 8),
        ("OLLAMA_NUM_PARALLEL=4 on my 4060 ti with llama 3.1 8b", 4),
        ("I send 3 requests to my 3090", None),
    ],
)
def test_requests_served_at_once_are_read(text, parallel):
    assert parse(text).parallel == parallel


def test_an_answer_for_parallel_requests_says_what_each_gets():
    from fitengine.answers import ask

    a = ask("serving 4 parallel requests at 8k each with qwen3 32b on an L4, will it fit?")
    assert a.reports[0].parallel == 4
    assert "for 4 parallel requests" in a.message and "over 4 at once" in a.message


def test_which_mac_lists_only_macs():
    from fitengine.answers import ask

    q = parse("which mac should I get for qwen3.5 122b?")
    assert q.intent == "best_hw_for_model" and q.hardware_kind == "apple"
    a = ask("which mac should I get for qwen3.5 122b?")
    assert len(a.reports) >= 3
    assert all(r.hardware.name.startswith("Apple") for r in a.reports)


def test_a_quant_offered_against_the_kv_cache_lever_is_no_choice_made():
    q = parse("for 32k context on a 4070 should I go Q3 or a quantized KV cache? qwen3 14b")
    assert q.quant is None and q.quants == ["Q3_K_M"]
    assert parse("Q4_K_M or Q5_K_M for qwen3 32b on a 3090?").quants == ["Q4_K_M", "Q5_K_M"]
    assert parse("qwen3 14b at q4 on a 4070, q8 kv cache").quant == "Q4_K_M"


def test_which_mac_with_sizes_asked_is_a_list_of_macs_not_a_fit():
    q = parse("which mac should I get to run deepseek r1 32b? is 32gb enough or do I need 64gb?")
    assert q.intent == "best_hw_for_model"


def test_a_model_named_to_be_replaced_asks_for_a_list_of_models():
    """ "llama2 runs slow, which model should I use instead?" asks for the models of the machine,
    not for Llama 2 on it; naming a model without replacing it stays a question about it."""
    q = parse(
        "Running ollama on a DELL with 2x Intel Xeon Silver 4214R and 64 GB of RAM, no GPU. "
        "llama2 runs quite slow, which model should I use instead?"
    )
    assert q.intent == "best_model_for_hw"
    assert parse("which quant of qwen3 14b should I use on my 3090?").intent == "fit"
    assert parse("can I run qwen3 14b on my 3090 instead of a 4090?").intent != "best_model_for_hw"


def test_an_unsure_name_beside_a_model_asked_for_is_a_wish_not_the_subject():
    q = parse(
        "MacBook Pro 2026 with 32GB of memory, which model can it run with ollama for my coding "
        "tools? I wanted DeepSeek-Coder"
    )
    assert q.intent == "best_model_for_hw" and q.workload == "coding"


def test_a_family_asked_as_the_subject_of_a_list_keeps_the_list_to_it():
    """ "the largest Qwen model I can run" on a named machine is Qwen's list there, not "which
    Qwen do you mean"; a family named as a wish elsewhere in the text filters nothing."""
    q = parse(
        "RTX 5090 32GB, Xeon W7-2475X, 64GB DDR5 - what is the largest Qwen model I can run, with "
        "4-bit/8-bit quantization or offload?"
    )
    assert q.intent == "best_model_for_hw" and q.family == "qwen" and q.order == "biggest"
    q = parse("which deepseek models can I run on a 4090 with 64gb ram")
    assert q.intent == "best_model_for_hw" and q.family == "deepseek"
    q = parse("mac with 32gb, which model can it run for coding? I wanted DeepSeek-Coder")
    assert q.family is None
    assert parse("llama on a 3090").intent == "unclear"


def test_a_models_full_size_and_a_required_memory_are_no_memory_had():
    """ "glm 5.1 full version is 700GB+, does the memory have to be 700GB+?" states the model's
    size and asks what it needs: hardware for the model, not a 700 GB GPU."""
    q = parse(
        "glm 5.1 full version is 700GB+, does the memory have to be 700GB+ or is disk enough? "
        "what hardware do I need for it"
    )
    assert q.intent == "best_hw_for_model" and q.vram_gb is None and q.ram_gb is None
    assert parse("my gpu memory is 24GB, can it run qwen3 32b?").vram_gb == 24


def test_which_mac_of_a_product_line_lists_the_lines_machines():
    """ "what mac mini do I need for ..." asks which Mac mini to get: the line's chips, not its
    newest base chip read as the machine had; "can my mac mini run ..." stays a fit."""
    from fitengine.answers import ask

    q = parse("what mac mini do I need for qwen3.6 35b a3b?")
    assert q.intent == "best_hw_for_model" and q.hardware is None and "m4" in q.hardware_among
    assert not q.assumed
    a = ask("what mac mini do I need for qwen3.6 35b a3b?")
    assert a.reports and all(r.hardware.id in q.hardware_among for r in a.reports)
    assert parse("can my mac mini run qwen3.6 35b a3b?").intent == "fit"


@pytest.mark.parametrize(
    "text",
    [
        "cheapest mac that runs gpt-oss-120b",
        "best mac for qwen3.5 122b?",
        "which mac would you get for gpt-oss-120b?",
    ],
)
def test_more_ways_to_ask_which_mac_list_macs(text):
    q = parse(text)
    assert q.intent == "best_hw_for_model" and q.hardware_kind == "apple"


@pytest.mark.parametrize("text", ["Intel Core i3-N305", "an 8 core Intel® Core™ i3-N305 laptop"])
def test_an_alder_lake_n_core_i3_by_its_number_is_that_chip_not_the_tier(text):
    assert parse(text).hardware.id == "intel-n305"


@pytest.mark.parametrize(
    "text",
    [
        "How many parameters can run on 64GB RAM? I have an M2 Max",
        "how big a model can my 3090 handle",
        "how large of a model fits on 2x 3060 12gb?",
    ],
)
def test_how_many_parameters_asks_for_the_biggest_models(text):
    """ "How many parameters can run on 64GB": the answer leads with the largest that run, not
    the best-quality list, whose first pick may be a 27B."""
    q = parse(text)
    assert q.intent == "best_model_for_hw" and q.order == "biggest"


def test_translation_and_multilingual_ask_for_models_with_broad_language_support():
    """ "Best model for translation on 12gb": the multilingual models (Gemma 4's 140+ languages,
    Qwen3.5's), not "translates to 30 tok/s", which is no wish."""
    from fitengine.answers import ask
    from fitengine.catalog import default_catalog
    from fitengine.nlq import parse

    cat = default_catalog()
    assert parse("best model for translation / multilingual chat on 12gb?", cat).tags == [
        "multilingual"
    ]
    assert parse("my 3060 translates to 30 tok/s on qwen3 8b", cat).tags == []
    a = ask("best model for translation / multilingual chat on 12gb?", cat)
    assert a.reports and all("multilingual" in cat.models[r.model.id].tags for r in a.reports)
