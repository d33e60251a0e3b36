"""How the parser reads the person's machine from device names and tool output (issue 9): typos of
a card's name, a variant the catalog lacks, a log's numbered device list, nvidia-smi's row of a
laptop card. Each class was found on the development part of the real set."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fitengine.nlq import parse

# --------------------------------------------------------------------------- typos of a card


@settings(max_examples=150, deadline=None)
@given(
    brand=st.sampled_from(["RTX", "GTX", "RX", "GeForce RTX", "rtx", "Quadro"]),
    number=st.integers(min_value=100, max_value=9999),
    suffix=st.sampled_from(["", " Ti", "Ti", " XT", " Super"]),
    glued=st.booleans(),
    memory=st.sampled_from(["", " 16GB", " 8gb"]),
)
def test_a_number_after_a_card_brand_is_never_a_processor_or_its_igpu(
    brand, number, suffix, glued, memory, cat
):
    sep = "" if glued else " "
    q = parse(f"GPU: {brand}{sep}{number}{suffix}{memory}, what can I run?")
    if q.hardware is not None:
        assert cat.hardware[q.hardware.id].kind == "gpu"


def test_a_card_typo_is_unknown_with_the_nearest_cards_by_digits():
    q = parse("Device: desktop\nCPU: i5-8400\nGPU/VRAM: RTX5700Ti 16GB\nRAM: 48GB")
    assert q.hardware is None
    (u,) = [u for u in q.unsure if u.kind == "hardware"]
    assert u.reason == "unknown" and u.text == "RTX5700Ti"
    assert u.suggestions[0].id == "rtx-5070-ti"
    assert q.vram_gb == 16 and q.ram_gb == 48


def test_an_apu_named_by_its_own_number_still_reads_as_it():
    assert parse("Works fine on my 5600G.").hardware.id == "radeon-vega-7"
    assert parse("RX 5700 XT 8gb").hardware.id == "rx-5700-xt"


# --------------------------------------------------------------------------- variants


def test_a_variant_word_no_card_has_is_an_unknown_card_not_the_card_without_it():
    for text, said, first in [
        ("I have 4090ti 13500kf system with 2x16gb of ram", "4090ti", "rtx-4090"),
        ("my rtx 3090 super", "rtx 3090 super", "rtx-3090"),
        ("an RX 7800 XTX", "RX 7800 XTX", "rx-7800-xt"),
    ]:
        q = parse(text)
        assert q.hardware is None, text
        (u,) = [u for u in q.unsure if u.kind == "hardware" and u.text == said]
        assert (u.reason, u.suggestions[0].id) == ("unknown", first)


def test_a_variant_word_a_catalogued_card_has_still_names_it():
    for text, hid in [
        ("rtx 3090 ti", "rtx-3090-ti"),
        ("gtx 1660 super", "gtx-1660-super"),
        ("rtx 4070 ti super", "rtx-4070-ti-super"),
        ("rx 7600 xt", "rx-7600-xt"),
        ("RX 7900 GRE", "rx-7900-gre"),
    ]:
        assert parse(text).hardware.id == hid, text


# --------------------------------------------------------------------------- device lists


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(min_value=2, max_value=8),
    backend=st.sampled_from(["CUDA", "ROCm", "Vulkan", "SYCL"]),
    tag=st.sampled_from(["", "common_param:   - ", "  ", "llama_model_load: "]),
    name=st.sampled_from(
        ["AMD Radeon Graphics", "NVIDIA GeForce RTX 3090", "AMD Radeon RX 7900 XTX"]
    ),
)
def test_a_logs_backend_device_lines_count_the_cards(n, backend, tag, name):
    lines = [f"{tag}{backend}{i}   : {name} (24560 MiB, 24000 MiB free)" for i in range(n)]
    q = parse("llama.cpp fails to load\n" + "\n".join(lines))
    assert q.gpus == n
    assert q.ram_gb is None


def test_markdown_device_lines_are_the_cards_and_their_memory_is_vram():
    q = parse(
        "- **GPU 0:** NVIDIA GeForce RTX 3090 | 24576 MiB | driver 595.71.05\n"
        "- **GPU 1:** NVIDIA GeForce RTX 5070 Ti | 16303 MiB | driver 595.71.05"
    )
    assert {s.id for s in q.setup} == {"rtx-3090", "rtx-5070-ti"}
    assert q.ram_gb is None
    # the same list pasted on one line, its items cut by "..."
    q = parse(
        "my rig ... - **GPU 0:** NVIDIA GeForce RTX 3090 | 24576 MiB | driver 595 ... "
        "- **GPU 1:** NVIDIA GeForce RTX 5070 Ti | 16303 MiB | driver 595"
    )
    assert q.ram_gb is None


def test_a_numbered_line_of_integrated_graphics_is_no_card_of_the_list():
    q = parse(
        "- CPU: Intel Core i7 12650H\n- Memory: 32GB\n- GPU0: Intel UHD Graphics\n"
        "- GPU1: NVIDIA GeForce RTX 4060 with 8GB VRAM"
    )
    assert q.gpus is None and q.hardware.id.startswith("rtx-4060")
    q = parse(
        "GPU 0: Intel(R) UHD Graphics 770\nGPU 1: NVIDIA GeForce RTX 3090\n"
        "GPU 2: NVIDIA GeForce RTX 3090"
    )
    assert q.hardware.id == "rtx-3090" and q.gpus == 2


def test_one_line_listing_the_same_card_twice_is_two_of_it():
    q = parse("GPU 0: NVIDIA GeForce RTX 3090, GPU 1: NVIDIA GeForce RTX 3090")
    assert q.hardware.id == "rtx-3090" and q.gpus == 2


# --------------------------------------------------------------------------- nvidia-smi


def test_an_nvidia_smi_row_whose_total_only_the_laptop_card_has_is_the_laptop_card():
    for name, total, hid in [
        ("RTX 5090", "24463MiB", "rtx-5090-laptop"),
        ("RTX 3050", "4096MiB", "rtx-3050-laptop"),
    ]:
        q = parse(
            f"|   0  NVIDIA GeForce {name} ...  WDDM  |   00000000:02:00.0  On |   N/A |\n"
            f"| N/A   49C    P5    17W /   93W |   2998MiB /  {total} |   0%   Default |"
        )
        assert q.hardware.id == hid, name
        assert any("read as" in a for a in q.assumed)


def test_a_memory_people_say_does_not_make_a_card_its_laptop_variant():
    assert parse("8GB on RTX 4070").hardware.id == "rtx-4070"
    q = parse("|   0  NVIDIA GeForce RTX 4090  Off |\n|  507MiB /  24564MiB |")
    assert q.hardware.id == "rtx-4090"


# --------------------------------------------------------------------------- APUs


@pytest.mark.parametrize(
    ("text", "igpu"),
    [
        ("ryzen 5700G, 32gb ddr4. Pretty regular last-gen PC.", "radeon-vega-8"),
        ("final build: AMD Ryzen 7 8700G with 96 GB of DDR5", "radeon-780m"),
        ("my Ryzen 8600G", "radeon-760m"),
        ("llama.cpp on Intel Core Ultra 7 268V", "arc-140v"),
    ],
)
def test_a_processor_whose_igpu_the_catalog_has_is_that_igpu_as_its_bare_number_is(text, igpu):
    assert parse(text).hardware.id == igpu


def test_a_processor_said_as_a_processor_or_with_a_card_stays_the_processor(cat):
    assert parse("my Ryzen 7 8700G CPU").hardware.id == "ryzen-7-8700g"
    q = parse("a laptop equipped with an Intel Core Ultra 155H processor")
    assert q.hardware.id == "core-ultra-7-155h-cpu"
    assert parse("a 4090 with a Ryzen 7 8700G").hardware.id == "rtx-4090"
    q = parse("no gpu, just a ryzen 7 8845hs")
    assert cat.hardware[q.hardware.id].kind == "cpu" and q.cpu_only
    assert parse("Ryzen 5 5600U with 16gb").hardware.id == "ryzen-5-5600u"


# --------------------------------------------------------------------------- wrong readings


@pytest.mark.parametrize(
    "text",
    [
        "[SOLVED] Strix Halo (gfx1151) - ROCm only seeing 15.5GB instead of allocated VRAM",
        "VRAM detected as 4.0 GB regardless of BIOS UMA setting on Ryzen 7 8845HS / Radeon 780M",
        "on my AMD 780M iGPU it only detects 16GB instead of all available shared memory.",
    ],
)
def test_an_amount_a_tool_is_said_to_read_wrong_is_not_the_machines(text):
    q = parse(text)
    assert q.vram_gb is None and q.ram_gb is None


# --------------------------------------------------------------------------- spec lists


@settings(max_examples=80, deadline=None)
@given(
    ram_label=st.sampled_from(["CPU", "RAM", "System", "cpu", "**RAM**"]),
    vram_label=st.sampled_from(["GPU", "VRAM", "Graphics card", "gpu", "**VRAM**"]),
    sep=st.sampled_from([":", " -", " –", ": "]),
    ram=st.sampled_from([16, 32, 64, 96, 128, 256]),
    vram=st.sampled_from([4, 8, 12, 16, 24, 48]),
    ram_first=st.booleans(),
)
def test_a_spec_lists_labelled_lines_give_each_amount_its_kind(
    ram_label, vram_label, sep, ram, vram, ram_first
):
    lines = [f"{ram_label}{sep} {ram}GB", f"{vram_label}{sep} {vram}GB"]
    q = parse("My machine:\n" + "\n".join(lines if ram_first else lines[::-1]))
    assert (q.ram_gb, q.vram_gb) == (ram, vram)


# --------------------------------------------------------------------------- counts


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("● 加速卡（NPU）: 华为Ascend910B2，共8张，每张显存64GB", 8),
        ("服务器有两颗CPU，显卡一共4块。", 4),
        ('{"cpu": "AMD EPYC 9654", "gpuCount": 8, "hardwareName": "NVIDIA RTX 5880 Ada"}', 8),
        ("ggml_cuda_init: found 2 ROCm devices", 2),
        ("I have an RTX 5880 Ada, 2 GPUs", 2),
    ],
)
def test_a_total_or_a_tools_count_counts_cards_nobody_named_or_the_catalog_lacks(text, n):
    assert parse(text).gpus == n


def test_a_total_of_other_things_is_no_card_count():
    assert parse("我有4090，共8张图片").gpus is None


# --------------------------------------------------------------------------- servers


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("a server with 256gb ddr4 ram, no gpu", ("server", "4")),
        ("my home server has 512gb ddr5", ("server", "5")),
        ("服务器 内存 512G DDR5", ("server", "5")),
        ("running llama-server on my pc with 64gb ddr4", ("desktop", "4")),
    ],
)
def test_a_machine_said_to_be_a_server_is_a_servers_memory_system(text, kind, cat):
    hw = cat.hardware[parse(text).hardware.id]
    assert (hw.form, hw.memory_type.split("-")[0][-1]) == kind
    if hw.form == "server":
        assert hw.channels > 4


def test_lspcis_graphics_lines_count_the_cards_not_the_boards_display_chip():
    q = parse(
        "00:02.0 VGA compatible controller: ASPEED Technology, Inc. ASPEED Graphics Family\n"
        "01:00.0 3D controller: NVIDIA Corporation GA100 [A100 PCIe 80GB] (rev a1)\n"
        "02:00.0 3D controller: NVIDIA Corporation GA100 [A100 PCIe 80GB] (rev a1)"
    )
    assert (q.hardware.id, q.gpus) == ("a100-80gb-pcie", 2)
    q = parse(
        "00:02.0 VGA compatible controller: Intel Corporation AlderLake-S GT1 [UHD Graphics 770]\n"
        "01:00.0 VGA compatible controller: NVIDIA Corporation AD102 [GeForce RTX 4090]"
    )
    assert (q.hardware.id, q.gpus) == ("rtx-4090", None)


def test_cards_listed_in_words_by_their_number_are_one_machines_cards():
    q = parse("System has 2 GPUs.\ncard0 is a GTX 750\ncard1 is a Quadro P4000 (PCI passthrough)")
    assert {s.id for s in q.setup} == {"gtx-750", "quadro-p4000"}
    assert q.hardware.id == "quadro-p4000"


@pytest.mark.parametrize(
    "text", ["a 7600 8gb", "I'm running a ryzen 5 5600x with a  7600 8gb and Qwen 3 30B A3B"]
)
def test_a_bare_number_with_memory_after_it_is_the_card_sold_with_it(text):
    q = parse(text)
    assert q.hardware.id == "rx-7600" and q.vram_gb == 8 and q.ram_gb is None


@pytest.mark.parametrize("text", ["华为Ascend910B2，共8张，每张显存64GB", "my Ascend910B has 64GB"])
def test_an_npu_named_with_its_number_glued_is_an_unknown_device(text):
    q = parse(text)
    assert q.hardware is None
    assert any(u.kind == "hardware" and u.reason == "unknown" for u in q.unsure)


def test_a_card_said_again_with_its_memory_is_that_variant_not_a_second_device():
    q = parse("the case of A100 fp16. I expect it would reduce to somewhere near 4xA100-40G .")
    assert q.hardware.id.startswith("a100-40gb") and q.gpus == 4 and q.vram_gb == 40
    assert not q.setup and q.hardware_b is None


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("it fails to load if I selected my both graphic cards (RTX 3060 12Go)", 2),
        ("Both GPUs sit at about 40-50% utilization on my 5090", 2),
        ("Will likely go threeway Mi50s, got a good bundle price", 3),
    ],
)
def test_both_cards_and_a_threeway_rig_count_the_cards(text, n):
    assert parse(text).gpus == n


def test_both_before_two_named_cards_counts_neither():
    q = parse("both the 3090 and the 4090 are fast")
    assert all((s.gpus or 1) == 1 for s in q.setup) and q.gpus in (None, 1)


def test_a_laptop_chip_named_by_all_its_words_is_not_a_phone_chip():
    # "snapdragon" alone is a phone chip's word (unlisted_devices); the laptop SKU is catalogued
    q = parse("my laptop has a Snapdragon X 126 100 with 16GB")
    assert q.hardware is not None and q.hardware.id == "snapdragon-x1-26-100"
    assert not q.unsure
    # a near name is still the phone chip it says: no Snapdragon 8cx Gen 3 dev board (the phone
    # chip is catalogued since advice101, catalog/hardware/phones.yaml; before, it was unknown)
    q = parse("running Llama on snapdragon 8 gen3")
    assert q.hardware is not None and q.hardware.id == "snapdragon-8-gen-3"
    # ... and one the catalog lacks stays unknown
    q = parse("running Llama on snapdragon 8 gen2")
    assert q.hardware is None
    assert any(u.kind == "hardware" and "8 gen2" in u.text for u in q.unsure)


def test_krackan_point_laptops_are_their_radeon_860m():
    for text in ("AMD Ryzen AI 7 350 w/ Radeon 860M", "Ryzen AI 7 350 laptop 32GB", "Radeon 860M"):
        assert parse(text).hardware.id == "radeon-860m", text
    assert parse("ryzen ai 7 350 cpu only").hardware.id == "ryzen-ai-7-350-cpu"


def test_a_generation_word_in_a_later_sentence_is_not_the_cards():
    # CJK text has no spaces: "Ampere" is 13 characters after the card but in another sentence
    q = parse("2080TI显卡能跑吗？看文档里写要Ampere或者Hopper架构的GPU")
    assert q.hardware.id == "rtx-2080-ti"
    q = parse("RTX PRO 3000 Blackwell Laptop GPU")
    assert q.hardware is None and q.unsure


def test_a_shared_card_name_is_the_entry_sold_with_the_memory_said_over_the_count():
    q = parse("System is an 8x RTX 6000 build, 768GB of VRAM. Why does it go to CPU only?")
    assert q.hardware is not None and q.hardware.id == "rtx-pro-6000-blackwell"
    assert q.gpus == 8 and q.vram_gb == 96
    assert not [u for u in q.unsure if u.kind == "hardware"]


def test_a_number_before_a_macs_line_counts_macs_and_names_no_m2_chip():
    q = parse("running gpt-oss 120B on 2 MBP's one being a M4Max 128GB and one M5Max 128GB")
    ids = {s.id for s in q.setup} | {q.hardware and q.hardware.id}
    assert "m2-pro-19c" not in ids and "m4-max-40c" in ids


def test_memory_glued_to_a_cards_suffix_is_the_cards():
    q = parse("我用了本地的chatglm-6b-int4模型，然后显示了内存不足（win10+32G内存+1080ti11G）")
    assert q.hardware is not None and q.hardware.id == "gtx-1080-ti"
    assert q.vram_gb == 11 and q.ram_gb == 32


# --------------------------------------------------------------------------- the owner's device


@pytest.mark.parametrize(
    "text, owned",
    [
        (
            "Hey, for a rtx 4090 with 32gb ram the numbers look great.\n\nI have an rtx 4080s"
            " (16gb graphics ram) with 64gb ram",
            "rtx-4080-super",
        ),
        (
            "I mean cheaper than 5090 but with same VRAM. Performance will be worse than 5090 but"
            " cheaper. I have 3060ti 8gb.",
            "rtx-3060-ti",
        ),
        (
            "Would like to see updated numbers for the M1/M2/M3 chips.\n\nSonoma vs. Sequoia on my"
            " MacBook Air M2:",
            "m2",
        ),
    ],
)
def test_the_device_said_as_the_writers_own_is_the_machine_over_one_merely_mentioned(text, owned):
    q = parse(text)
    assert q.hardware.id == owned
    assert q.hardware_b is None


def test_a_card_the_writer_had_before_does_not_make_another_the_one_mentioned():
    q = parse(
        "Perfect for the dual 5090 that was just delivered to me today. After I copy all my stuff"
        " from my old single 4090 system sitting next to it."
    )
    assert q.hardware.id == "rtx-5090"


@pytest.mark.parametrize(
    "text, a, b",
    [
        ("Is a 4090 faster than my 3090 for qwen3 32b?", "rtx-4090", "rtx-3090"),
        (
            # the option weighed beside the rig had (tests/data/nlq_real.yaml labels it so)
            "I am considering building a 2x R9700 rig. Currently I have a 2x 3090 rig.",
            "rtx-3090",
            "radeon-ai-pro-r9700",
        ),
        ("I have a 3090 and a 3060 12GB, can I run llama 3 70b?", None, None),
    ],
)
def test_an_owned_device_said_with_another_in_one_breath_or_weighed_against_it_keeps_both(
    text, a, b
):
    q = parse(text)
    if a is None:
        assert {d.id for d in q.setup} == {"rtx-3090", "rtx-3060"}
    elif b is None:
        assert q.hardware.id == a  # the option weighed is the question's, not dropped
    else:
        assert (q.hardware.id, q.hardware_b.id) == (a, b)


@pytest.mark.parametrize(
    "text, card, cpu",
    [
        (
            "I5 13600k or RTX 3060 12gb? Should I get the 13600k and no gpu or a rtx 3060 12gb?"
            " Which is faster? Does llama 13b 4bit work with a 3060 12gb?",
            "rtx-3060",
            "core-i5-13600k",
        ),
        ("Ryzen 9 7950X or RTX 3060 for llama 3 8b, which is faster?", "rtx-3060", "ryzen-9-7950x"),
    ],
)
def test_a_processor_or_a_card_are_two_machines_weighed(text, card, cpu):
    q = parse(text)
    assert q.intent == "compare" and (q.hardware.id, q.hardware_b.id) == (card, cpu)
    assert q.host is None and not q.cpu_only


def test_a_processor_beside_a_card_stays_its_host():
    q = parse("rtx 3060 with a ryzen 5600x, llama 3 8b")
    assert q.host.id == "ryzen-5-5600x" and q.hardware_b is None


def test_a_labelled_rig_list_is_the_machine_over_the_cards_of_the_story():
    q = parse(
        "At the time I had 2x 4070 Ti Super and I got 1.2/1.3 decoding t/s. I got my hands on a"
        " 4090 and swapped the 4070 on the main pcie and now I'm only getting 0.9 t/s. Rig:"
        " i7-14700KF, NVidia 4090, NVidia 4070 TI Super, 128GB DDR5 5600. deepseek r1 1.58"
    )
    assert [(s.id, s.gpus, s.vram_gb) for s in q.setup] == [
        ("rtx-4090", None, None),
        ("rtx-4070-ti-super", None, None),
    ]
    assert q.ram_gb == 128


@pytest.mark.parametrize(
    "text, had, option",
    [
        (
            "what machine should I use to run local LLMs? I have been testing with my M1 MacBook"
            " Air with 16GB RAM. Would a maxed out M3 Max with 128GB RAM be the one that lasts?",
            "m1-7c",
            "m3-max-40c",
        ),
        ("I have a 3090. Would a 5090 be worth it for qwen3 32b?", "rtx-3090", "rtx-5090"),
    ],
)
def test_the_machine_had_and_one_asked_about_as_an_option_are_set_side_by_side(text, had, option):
    q = parse(text)
    assert q.intent == "compare" and (q.hardware.id, q.hardware_b.id) == (had, option)


@pytest.mark.parametrize(
    "text, code",
    [
        ("请问使用哪个版本可以支持910A NPU部署deepseek-v4-flash模型", "910A"),
        ("VLLM-Ascend在910b2上推理deepseek模型非常慢，只有7token/s", "910b2"),
        ('"manufacturer": "ascend",\n    "index": 0,\n    "name": "910B4-1",', "910B4-1"),
    ],
)
def test_an_ascend_chip_named_by_its_code_alone_is_an_unknown_device(text, code):
    q = parse(text)
    assert q.hardware is None
    assert [u.text for u in q.unsure if u.kind == "hardware"] == [code]


def test_a_card_the_writer_no_longer_has_is_not_the_machine():
    q = parse(
        "大大你好，我之前的v100，不适用，我正想更换显卡，我现在有两个选项，3080，还有5060ti，"
        "这两个哪个显卡更适合跑你的整合包开箱即用版"
    )
    assert q.hardware.id in ("rtx-3080", "rtx-3080-12gb")
    assert q.hardware_b.id.startswith("rtx-5060-ti")


@pytest.mark.parametrize(
    "text, chip",
    [
        ("Binned M4 Pro/48GB owner here since November", "m4-pro-16c"),
        ("M4 Pro 48GB owner here since November", "m4-pro-20c"),
        ("binned M1 Max, 64GB", "m1-max-24c"),
    ],
)
def test_an_apple_chip_said_as_binned_is_its_variant_with_the_fewest_gpu_cores(text, chip):
    assert parse(text).hardware.id == chip


# --------------------------------------------------------------------------- ROCm's chip names


def test_a_gfx_id_names_its_chip_and_asks_which_card():
    q = parse("Missing gfx1100 on list, ollama falls back to CPU")
    assert q.hardware is None
    (u,) = [u for u in q.unsure if u.kind == "hardware"]
    assert u.text == "gfx1100"
    assert {"rx-7900-xtx", "rx-7900-xt", "rx-7900-gre"} & {s.id for s in u.suggestions}


def test_a_gfx_id_with_its_memory_is_the_card_sold_with_it():
    assert parse("gfx1151 128GB, what can I run?").hardware.id == "radeon-8060s"
    assert parse("ROCm device: gfx906 with 16GB").hardware.id in ("mi50-16gb", "radeon-vii")


def test_a_gfx_id_of_one_card_is_that_card():
    assert parse("ROCm on gfx908").hardware.id == "mi100"


def test_a_card_code_said_as_a_graphics_card_is_an_unknown_card():
    q = parse("The L20 graphics card is extremely slow")
    assert q.hardware is None
    assert [u.text for u in q.unsure if u.kind == "hardware" and u.reason == "unknown"] == ["L20"]


def test_no_gpu_processes_running_is_a_tool_line_not_a_machine_without_a_gpu():
    q = parse(
        "It's g4dn.2xlarge which should use a Tesla T4. nvidia-smi still shows 3MiB / 15360MiB"
        " and there is no GPU processes running."
    )
    assert q.hardware.id == "t4" and not q.cpu_only


def test_a_shared_name_is_the_entry_sold_with_the_memory_a_tool_reports():
    q = parse(
        "VRAM does not allocate with ROCm 7.14 on gfx1201 ... common_param:   - ROCm0   :"
        " AMD Radeon Graphics (32624 MiB, 32534 MiB free)"
    )
    assert q.hardware.id in ("radeon-ai-pro-r9700", "radeon-ai-pro-r9700s")
    q = parse("2x RX 7900 TX\n... the reported VRAM (eg for `ROCm0`) is `24524 MiB`")
    assert q.hardware.id == "rx-7900-xtx" and q.gpus == 2


def test_an_unlisted_card_is_not_read_as_a_listed_one_of_its_memory():
    q = parse('Device 0: "GeForce GTX TITAN X"\n  Total amount of global memory: 12205 MBytes')
    assert q.hardware is None


def test_a_china_market_letter_after_the_number_is_its_own_card():
    # parser25 catalogued the RTX 5090 D and D V2 (Tom's Hardware spec table): the letter names the
    # China-market card, not the 5090
    q = parse("### Hardware\n- **GPU:** NVIDIA GeForce RTX 5090 D v2\n- **VRAM:** 24 GB")
    assert q.hardware.id == "rtx-5090-d-v2" and q.vram_gb == 24
    assert parse("目前个人测试机有5090D之类的显卡").hardware.id == "rtx-5090-d"
    assert parse("my RTX 4090 D").hardware.id == "rtx-4090-d"


@pytest.mark.parametrize("said", ["AMD Instinct MI308X", "NVIDIA T600", "RX 7600M XT"])
def test_a_device_the_catalog_lacks_is_named_unknown_not_read_as_a_neighbour(said):
    q = parse(f"I have an {said}, what can I run?")
    assert q.hardware is None
    assert any(u.kind == "hardware" and u.reason == "unknown" for u in q.unsure)


def test_a_number_and_its_letter_said_as_a_gpu_is_an_unknown_card():
    q = parse("I used 130v gpu 16gb. But vulkan support very slow.")
    assert q.hardware is None
    assert [u.text for u in q.unsure if u.kind == "hardware" and u.reason == "unknown"] == ["130v"]
    assert parse("two 3090s GPUs").hardware.id == "rtx-3090"


def test_a_card_named_beside_a_cpu_only_phrase_is_still_the_machine():
    # the card is what the person has; "only cpu" is what their runtime fell back to
    q = parse(
        "Because ollama no worked gpu only cpu, i dont know, delete file and put file rx6700xt"
    )
    assert q.hardware.id == "rx-6700-xt" and not q.cpu_only
    assert parse("i run llama 3 8b on cpu only, no gpu").cpu_only


def test_a_chip_name_shared_by_igpus_is_the_igpu_of_the_processor_named():
    # gfx1152 is both the 840M and the 860M: the Ryzen AI 5 340 carries the 840M
    q = parse(
        "Framework 13 - AMD Ryzen AI 5 340 ... GL_RENDERER: AMD Radeon Graphics (radeonsi, "
        "gfx1152, LLVM 20.1.2)"
    )
    assert q.hardware.id == "radeon-840m"
    assert not [u for u in q.unsure if u.kind == "hardware"]


@pytest.mark.parametrize(
    "text, card",
    [
        ("I have an i7-11800H and an RTX A2000", "rtx-a2000-laptop"),
        ("RTX 4060 with a Ryzen 7 7840HS", "rtx-4060-laptop"),
        # outside the laptop or in a mini PC's slot: the desktop card
        ("egpu rtx 4090 with my i7-12700H laptop", "rtx-4090"),
        ("minipc with Ryzen 7 8845HS + egpu rtx 3090 via oculink", "rtx-3090"),
        # a memory only the desktop card has
        ("i7-12700H, RTX 3060 12GB", "rtx-3060"),
        ("RTX 4090 with a Ryzen 9 7950X", "rtx-4090"),
    ],
)
def test_a_card_beside_a_laptop_processor_is_its_laptop_variant(text, card):
    assert parse(text).hardware.id == card


@pytest.mark.parametrize(
    "text, n",
    [("我想在一台4090上跑", 1), ("一张4090", 1), ("一台8卡A100服务器", 8), ("用一台8*H100部署", 8)],
)
def test_one_machine_or_card_said_with_its_measure_word_counts_one(text, n):
    assert parse(text).gpus == n


def test_of_two_devices_compared_the_writers_own_is_the_machine():
    q = parse(
        "the B580 has better performance even with its lower memory bus, although my A770M is the "
        "weaker mobile variant"
    )
    assert (q.hardware.id, q.hardware_b.id) == ("arc-a770m", "arc-b580")


@pytest.mark.parametrize(
    "text, card, n, each",
    [
        ("I have 64GB available through two 5090s", "rtx-5090", 2, 32),
        ("48GB across two 3090s", "rtx-3090", 2, 24),
    ],
)
def test_memory_spread_across_counted_cards_is_theirs_together(text, card, n, each):
    q = parse(text)
    assert (q.hardware.id, q.gpus, q.vram_gb) == (card, n, each)


def test_a_count_before_a_shared_card_name_is_kept_while_the_answer_asks_which():
    q = parse("Confirmed on GLM-4.5-Air using 2x RTX 6000 non-pro non-blackwell GPUs sm86 arch.")
    assert q.hardware is None and q.gpus == 2
    assert [u.text for u in q.unsure if u.kind == "hardware"] == ["RTX 6000"]


def test_an_amount_in_parentheses_after_a_share_is_memory_in_use():
    q = parse("* **VRAM footprint**: Super clean **~42% (13.7 GB)** VRAM\nusage per GPU")
    assert q.vram_gb is None
    assert parse("my 4090 (24GB)").vram_gb == 24


@pytest.mark.parametrize(
    "text, chip",
    [
        # the Gorgon Point HX 470 has the 890M, inferred from its family, not the HX 365's 880M
        ("Ryzen AI 9 HX 470", "ryzen-ai-9-hx-470-cpu"),
        ("Ryzen AI 7 PRO 360", "ryzen-ai-7-360-cpu"),
        # the graphics said in the full name win over the tier's usual chip
        ("AMD Ryzen AI 7 PRO 360 w/ Radeon 880M", "radeon-880m"),
        # a PRO part has the plain part's graphics
        ("Ryzen AI 7 PRO 350", "radeon-860m"),
        ("Ryzen AI 9 HX 370", "radeon-890m"),
    ],
)
def test_a_ryzen_ai_chip_with_another_model_number_is_not_its_tiers_catalogued_chip(text, chip):
    assert parse(text).hardware.id == chip


def test_the_catalogued_igpu_beside_its_own_processor_stays_catalogued():
    q = parse("- **CPU:** AMD Ryzen AI 7 350 (Zen 5)\n- **GPU:** AMD Radeon 860M (RDNA 3.5)")
    assert q.hardware.id == "radeon-860m"


@pytest.mark.parametrize(
    "text, chip",
    [
        # a number only AMD's mobile chips have, said without the maker: that chip, inferred,
        # with the tier its number stands for
        ("As far i could run AI tasks on my 5800U APU", "ryzen-7-5800u"),
        ("running on a 6800H laptop", "ryzen-7-6800h"),
        ("my 7440U", "ryzen-3-7440u"),
        # the tier's short form is the family's name
        ("my R5 5600H laptop", "ryzen-5-5600h"),
        ("AMD R7 PRO 6850H", "ryzen-7-pro-6850h"),
        # Intel's numbers of the same shape stay Intel's
        ("i5 6500u", "core-i5-6500u"),
        ("i7-9750H", "core-i7-9750h"),
    ],
)
def test_a_bare_amd_mobile_number_and_a_ryzen_tier_short_form_name_the_chip(text, chip):
    assert parse(text).hardware.id == chip


def test_a_bare_number_intel_also_uses_names_no_amd_chip():
    # the i7-5500U is Intel's too: no maker said, no chip guessed
    assert parse("my 5500U").hardware is None


@pytest.mark.parametrize(
    "text, unknown",
    [
        # Qualcomm's chip codes and a Tenstorrent workstation: said as unknown, never nothing
        ("success depoly on the Android device (QCM6490)", "QCM6490"),
        (
            "this model should run around 400 tokens / sec on QuietBox (which I am using)",
            "QuietBox",
        ),
        # a mini PC's line, sold with many chips: the machine is unknown until its chip is said
        ("Beelink SER8 with 32GB", "Beelink SER8"),
        ("my Minisforum UM890 Pro", "Minisforum UM890 Pro"),
    ],
)
def test_devices_the_catalog_lacks_are_named_unknown(text, unknown):
    q = parse(text)
    assert q.hardware is None
    assert unknown in [u.text for u in q.unsure if u.kind == "hardware"]


def test_a_mini_pc_with_its_chip_said_is_that_chip():
    assert parse("Beelink SER8 with an 8845HS").hardware.id == "radeon-780m"
    assert parse("GMKtec EVO-X2").hardware.id == "radeon-8060s"


def test_a_snapdragons_own_adreno_graphics_leave_the_snapdragon_the_machine():
    q = parse(
        "Processor: Snapdragon(R) X Plus - X1P64100 - Qualcomm(R) Oryon(TM) CPU (10 CPUs)\n"
        "Memory: 32768MB RAM\n\nCard name: Qualcomm(R) Adreno(TM) X1-85 GPU"
    )
    assert q.hardware.id == "snapdragon-x1p-64-100"
    # an Adreno with no Snapdragon named is a phone's graphics, unknown
    assert parse("my phone with adreno 750").hardware is None


def test_mesas_name_for_meteor_lakes_graphics_is_that_igpu():
    q = parse("ggml_vulkan: 0 = Intel(R) Arc(tm) Graphics (MTL) (Intel open-source Mesa driver)")
    assert q.hardware.id == "arc-meteor-lake"


def test_a_core_ultra_tier_without_its_number_is_its_kind_of_system():
    # as "core i5": the tier spans many chips, read as the system most of them are
    assert parse("Intel Core Ultra 7 CPU").hardware.id == "cpu-ddr5-2ch"
    assert parse("core ultra 7 155H").hardware.id == "arc-meteor-lake"


def test_a_card_on_the_list_of_a_laptops_parts_is_its_laptop_variant():
    q = parse(
        "I have a MSI Pulse 17 B13V computer : \n* 12 cores\n* 1 Iris Intel GPU\n"
        "* 1 nvidia RTX 4060\n\nWhen running inference"
    )
    assert q.hardware.id == "rtx-4060-laptop"
    # a desktop said apart keeps its card
    assert parse("MSI Pulse 17. Separately I have a desktop.\n* RTX 4060").hardware.id == "rtx-4060"


def test_a_card_sold_is_sold_where_it_is_named_again_and_the_processor_is_the_machine():
    q = parse(
        "I recently sold my P40 due to the 14th gen processor not being compatible with the "
        "NVIDIA Tesla P40 (it would crash a lot time.), and now all I have is a UHD770 "
        "integrated graphics card in a 14600k."
    )
    assert q.hardware.id == "core-i5-14600k"
    # a rig being considered keeps its card beside its processor
    q = parse("We are considering buying a dual 4090 13900k rig for ExLlama LLM inference")
    assert q.hardware.id == "rtx-4090"


# --------------------------------------------------------------------------- round parser23


@pytest.mark.parametrize(
    ("text", "hw", "gpus"),
    [
        ("on AWS g5.xlarge with llama 3 8b", "a10", None),
        ("deployment on a ml.g5.2xlarge instance", "a10", None),
        ("I was testing with AWS G5.48xl machine with A10G GPU", "a10", 8),
        ("can a p4d.24xlarge run deepseek v3?", "a100-40gb-sxm", 8),
        ("serving on g6.12xlarge", "l4", 4),
        ("It's g4dn.2xlarge which should use a Tesla T4.", "t4", None),
    ],
)
def test_a_cloud_instance_type_is_its_accelerator_and_count(text, hw, gpus):
    # (parser48: the count the type implies is gpus_implied, gpus the count the text says)
    q = parse(text)
    assert q.hardware.id == hw and q.gpus is None and q.gpus_implied == gpus


def test_an_instance_whose_accelerator_the_catalog_lacks_is_unknown():
    q = parse("LLAMA 7b on ml.inf2.8xlarge performs slower than I expected")
    assert q.hardware is None
    assert [u.text for u in q.unsure if u.kind == "hardware"] == ["ml.inf2.8xlarge"]


def test_a_spark_said_as_ones_own_or_counted_is_a_dgx_spark():
    assert parse("gpt-oss-120b runs at 50 tok/s on my Spark").hardware.id == "dgx-spark"
    q = parse("Llama-3.3-70B serves at ~4 tok/s on GB10 single Spark")
    assert q.hardware.id == "dgx-spark" and q.gpus == 1
    # Apache Spark and Spark-TTS are software and a model
    assert parse("I use Apache Spark for ETL, can I run llama 3 8b?").hardware is None
    assert parse("Spark-TTS on my 4090").hardware.id == "rtx-4090"


@pytest.mark.parametrize(
    ("text", "hw"),
    [
        ("ultra5 125H laptop", "core-ultra-5-125h-cpu"),
        ("my ryzen7 5800h laptop", "ryzen-7-5800h"),
        ("core ultra5 125H", "core-ultra-5-125h-cpu"),
    ],
)
def test_a_tier_glued_to_its_familys_word_reads_as_spelled_apart(text, hw):
    assert parse(text).hardware.id == hw


@pytest.mark.parametrize(
    ("text", "hw"),
    [
        ("Is 0.11 seconds inference time normal for RTX 3050Ti?", "rtx-3050-ti-laptop"),
        ("my RTX A3000 runs out of memory", "rtx-a3000-laptop"),
        ("my rtx 3060 is slow", "rtx-3060"),  # a desktop twin: the desktop card
    ],
)
def test_a_card_sold_only_for_laptops_is_that_card_without_a_laptop_word(text, hw):
    assert parse(text).hardware.id == hw


@pytest.mark.parametrize(
    ("text", "hw"),
    [
        ("我的也很慢，3060的笔记本。9s的视频 他要我一个多小时", "rtx-3060-laptop"),
        ("我的笔记本是4060", "rtx-4060-laptop"),
        ("3090的台式机", "rtx-3090"),
    ],
)
def test_a_card_joined_to_a_laptop_word_in_chinese_is_the_laptops(text, hw):
    assert parse(text).hardware.id == hw


def test_a_vram_total_said_apart_from_the_card_picks_the_cards_memory_variant():
    q = parse(
        "Total VRAM 8192 MB, total RAM 32628 MB\nSet vram state to: NORMAL_VRAM\n"
        "Device: cuda:0 NVIDIA GeForce RTX 3060 : cudaMallocAsync"
    )
    assert q.hardware.id == "rtx-3060-8gb" and q.vram_gb == 8
    # a size the card is sold with keeps it; two cards keep theirs
    assert parse("GPU: RTX 3060\nVRAM: 12GB").hardware.id == "rtx-3060"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("my R9 290X is too old for this", "R9 290"),
        ("my MX450 is slow", "MX450"),
        ("I have a L20, can it run qwen?", "L20"),
        ("using an A16 for inference", "A16"),
    ],
)
def test_a_card_the_catalog_lacks_said_as_ones_own_is_unknown_not_a_neighbour(text, code):
    q = parse(text)
    assert q.hardware is None
    assert code in [u.text for u in q.unsure if u.kind == "hardware"]


def test_a_code_said_of_storage_or_a_model_is_no_device():
    q = parse("I store models on my S3 bucket and run on my 3090")
    assert q.hardware.id == "rtx-3090"


@pytest.mark.parametrize("said", ["Jetosn", "Jteson", "Jetsno"])
def test_two_letters_swapped_in_a_device_word_are_one_slip(said):
    assert parse(f"Tested on {said} orin Agx (32G)").hardware.id == "jetson-agx-orin-32gb"


def test_a_card_name_inside_a_machines_model_code_is_the_machine():
    q = parse("I just got a Minisforum MS-A2 with 96GB, can it run qwen3 30b?")
    assert q.hardware is None
    assert "Minisforum MS-A2" in [u.text for u in q.unsure if u.kind == "hardware"]
    # a card said as a word of its own after the line stays the card
    assert parse("my Legion 7i 4080 laptop").hardware.id == "rtx-4080-laptop"


def test_a_device_said_as_another_product_of_its_chip_is_unknown():
    q = parse("I am testing Qwen3-30B-A3B on Drive Thor U, but it is slow")
    assert q.hardware is None
    assert "Drive Thor U" in [u.text for u in q.unsure if u.kind == "hardware"]
    assert parse("my Jetson AGX Thor").hardware.id == "jetson-agx-thor"


@pytest.mark.parametrize(
    ("text", "hw"),
    [
        ("my Radeon 6500 with 32GB RAM", "rx-6500-xt"),
        ("Ryzen 5 5600 \nRadeon 6500 \n32 GB Ram", "rx-6500-xt"),
        (
            "Benchmark with a Nvidia 1060  (3GB Ram, Low cost version of the GTX 1060)",
            "gtx-1060-3gb",
        ),
    ],
)
def test_a_radeon_said_without_rx_and_a_ram_amount_after_a_card(text, hw):
    assert parse(text).hardware.id == hw
