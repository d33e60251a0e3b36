"""The person's machine as they describe it: the memory they state, counts in every form, laptop
parts, Macs by product line, mixed cards, and names the catalog does not have."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from fitengine.answers import ask
from fitengine.catalog import default_catalog
from fitengine.nlq import parse
from fitengine.nlq.index import key_tokens

# --------------------------------------------------------------------------- stated memory


@pytest.mark.parametrize(
    ("text", "hw", "vram", "ram"),
    [
        ("can my Mac mini M4 with 32 gigs run qwen3 32b", "m4", 32, None),
        ("M1 Max 64GB, what can I run", "m1-max-32c", 64, None),
        ("my 3080 has 12GB, can it run gemma 3 27b", "rtx-3080-12gb", 12, None),
        ("I have a 3090 and 192GB of system memory, deepseek v3?", "rtx-3090", None, 192),
        (
            "strix halo with 96GB allocated as video memory, llama 3.3 70b?",
            "radeon-8060s",
            96,
            None,
        ),
    ],
)
def test_the_memory_people_state_is_used(text, hw, vram, ram):
    q = parse(text)
    assert q.hardware is not None and q.hardware.id == hw
    assert q.vram_gb == vram and q.ram_gb == ram


@pytest.mark.parametrize(
    ("text", "chip", "gb"),
    [("an Air with 16GB, what models", "m4", 16), ("macbook pro 48gb for qwen3 30b a3b", None, 48)],
)
def test_a_mac_named_by_its_line_is_a_mac_with_that_memory(text, chip, gb, cat):
    q = parse(text)
    hw = cat.hardware[q.hardware.id]
    assert hw.kind == "apple" and q.vram_gb == gb
    assert gb in (hw.memory_gb, *hw.memory_options_gb)
    assert chip is None or hw.id == chip
    assert any("name the chip" in a for a in q.assumed)


def test_a_chip_named_with_its_line_wins_over_the_line():
    assert parse("macbook pro m3 max 64gb").hardware.id == "m3-max-40c"


# --------------------------------------------------------------------------- counts and variants


@pytest.mark.parametrize(
    ("text", "hw", "gpus"),
    [
        ("quad 3090s for llama 3.3 70b", "rtx-3090", 4),
        ("3x A4000 for qwen3 32b", "rtx-a4000", 3),
        ("two 7800 XT cards, what can I run", "rx-7800-xt", 2),
        ("6x MI60 deepseek r1", "mi60", 6),
        ("dual 4060 Ti for qwen3 14b", None, 2),
        ("3090 x2 for llama 3.3 70b", "rtx-3090", 2),
        ("zwei 3090 für llama 3.3 70b", "rtx-3090", 2),
        ("两张3090 跑 qwen3 32b", "rtx-3090", 2),
    ],
)
def test_gpu_counts_in_every_form(text, hw, gpus):
    q = parse(text)
    assert q.gpus == gpus
    assert hw is None or q.hardware.id == hw


@pytest.mark.parametrize(
    ("text", "hw", "gpus"),
    [
        ("my rig with 2 7900 XTX:", "rx-7900-xtx", 2),
        ("I have 3 3090 in my server", "rtx-3090", 3),
        ("a rig with an epyc 7742 and 6 3090’s.", "rtx-3090", 6),
        ("And I do have 2 spare 3060 12gb", "rtx-3060", 2),
        # how people say the machines or cards are joined or what state they are in
        ("two stacked dgx sparks, can they run qwen3.5 397b?", "dgx-spark", 2),
        ("three old p40s for qwen 32b", "p40", 3),
        ("two identical 3090s", "rtx-3090", 2),
        ("Number of CUDA devices: 1\nCUDA device name: NVIDIA GeForce RTX 4090", "rtx-4090", 1),
        ("Im using single gpu with 16gb of vram", None, 1),
        # a number before a number that does not follow a word leading a count stays unread
        ("windows 11 4090 slow", "rtx-4090", None),
        ("qwen3 32 3090", "rtx-3090", None),
    ],
)
def test_a_bare_count_before_a_card_named_by_a_number(text, hw, gpus):
    q = parse(text)
    assert q.gpus == gpus
    assert hw is None or q.hardware.id == hw


@pytest.mark.parametrize(
    ("text", "vram", "ram"),
    [
        ("an NVIDIA RTX 5070 Ti and 12GB of GDDR7 VRAM", 12, None),
        ("a GTX 1050 Ti 4 GB GDDR5. The 1050s without Ti have 3 GB GDDR5", 4, None),
        ("The total GPU RAM is 192 GB on my 8x 4090", 24, None),
        ("a Core 265K and 192GB DDR5-6400 with a 3090", None, 192),
    ],
)
def test_graphics_memory_by_its_kind_is_vram(text, vram, ram):
    q = parse(text)
    assert q.vram_gb == vram and q.ram_gb == ram
    assert q.context is None  # "Core 265K" is a processor, not a 265k window


@pytest.mark.parametrize(
    ("text", "hw"),
    [
        ("3070 laptop qwen3 8b", "rtx-3070-laptop"),
        ("mobile 4080 qwen3 14b", "rtx-4080-laptop"),
        ("RTX 2000 Ada for llama 3.1 8b", "rtx-2000-ada"),  # not the year 2000
    ],
)
def test_laptop_parts_and_model_numbers(text, hw):
    assert parse(text).hardware.id == hw


@pytest.mark.parametrize(
    ("text", "hw"),
    [
        ("I run it on Legion 5 Pro with RTX 3070, 8 Gb VRAM, 32 Gb RAM.", "rtx-3070-laptop"),
        ("the MSI Raider 16 Max HX, equipped with an NVIDIA RTX 5070 Ti", "rtx-5070-ti-laptop"),
        ("my Razer Blade 16 has a 4090", "rtx-4090-laptop"),
        # ROG Strix names desktop cards too
        ("Asus ROG Strix RTX 3090 for llama 3.3 70b", "rtx-3090"),
    ],
)
def test_a_gpu_named_after_a_gaming_laptops_line_is_its_laptop_part(text, hw):
    assert parse(text).hardware.id == hw


@pytest.mark.parametrize(
    "text", ["RTX PRO 6000 Blackwell Max-Q", "rtx pro 6000 maxq", "RTX PRO 6000 Max-Q Workstation"]
)
def test_max_q_in_a_workstation_cards_own_name_is_not_a_laptop_word(text):
    # the RTX PRO 6000 Blackwell Max-Q is a 300 W desktop card, not a laptop part
    q = parse(f"can my {text} run qwen3.6 27b")
    assert q.hardware.id == "rtx-pro-6000-blackwell-max-q"
    assert not any("laptop" in note for note in q.assumed)


def test_m3_max_context_is_the_chip_not_max_context():
    q = parse("qwen3 32b on m3 max context 32k")
    assert q.hardware.id.startswith("m3-max") and q.context == 32768 and not q.full_context


# --------------------------------------------------------------------------- mixed cards


@pytest.mark.parametrize(
    ("text", "cards", "largest"),
    [
        ("4090 + 3090 for llama 3.3 70b", ["rtx-4090", "rtx-3090"], "rtx-4090"),
        ("a 3090 and a 2080 Ti, can I run qwen3 32b", ["rtx-3090", "rtx-2080-ti"], "rtx-3090"),
        ("A6000 with a 3060 for llama 3.3 70b", ["rtx-a6000", "rtx-3060"], "rtx-a6000"),
        ("3060 12gb + 2x 3090 for llama 3.3 70b", ["rtx-3060", "rtx-3090"], "rtx-3090"),
    ],
)
def test_mixed_cards_are_one_machine(text, cards, largest):
    q = parse(text)
    assert [s.id for s in q.setup] == cards
    assert q.hardware.id == largest and q.intent == "fit"
    assert not q.ignored


def test_mixed_cards_keep_their_counts_and_memory():
    q = parse("3060 12gb + 2x 3090 for llama 3.3 70b")
    assert [(s.gpus, s.vram_gb) for s in q.setup] == [(None, 12.0), (2, None)]
    assert q.gpus == 3  # (parser48: a rig with a count said counts all its cards)
    q = parse("3090 + 3090 + 3060 for llama 3.3 70b")
    assert [(s.id, s.gpus) for s in q.setup] == [("rtx-3090", 2), ("rtx-3060", None)]


@pytest.mark.parametrize(
    "text",
    [
        "3090 vs 4090 for qwen3 32b",
        "should I upgrade my 3060 to a 3090 for qwen3 32b",
        "replace my 3060 with a 3090?",
    ],
)
def test_alternatives_are_not_one_machine(text):
    assert parse(text).setup == []


def test_a_mixed_machine_is_answered_as_one_machine():
    a = ask("4090 + 2x 3090 for llama 3.3 70b")
    assert a.intent == "fit" and len(a.reports) == 1
    parts = [(p.id, p.count) for p in a.reports[0].hardware.parts]
    assert parts == [("rtx-4090", 1), ("rtx-3090", 2)]
    assert "NVIDIA GeForce RTX 4090 + 2× NVIDIA GeForce RTX 3090" in a.message


# --------------------------------------------------------------------------- unknown names


def test_an_unknown_gpu_is_named_with_the_closest_numbers():
    q = parse("can a rtx 4900 run llama 3 8b")
    assert q.intent == "unclear"
    (u,) = q.unsure
    assert u.kind == "hardware" and u.reason == "unknown" and u.text == "rtx 4900"
    assert u.suggestions[0].id == "rtx-4090"
    a = ask("can a rtx 4900 run llama 3 8b")
    assert 'I don\'t know the hardware "rtx 4900"' in a.message and "RTX 4090" in a.message
    assert not a.reports


@pytest.mark.parametrize(
    ("text", "nearest"),
    [
        ("can my 3090 run gemma 5 12b", "gemma-3-12b"),
        ("can my 3090 run llama 5 70b", "llama-3.3-70b"),
        ("mistral small 5 on my 3090", "mistral-small-4"),
    ],
)
def test_an_unknown_model_is_named_never_swapped(text, nearest):
    q = parse(text)
    assert q.model is None and q.intent == "unclear"
    (u,) = [u for u in q.unsure if u.kind == "model"]
    assert u.reason == "unknown" and nearest in [s.id for s in u.suggestions]
    assert "I don't know the model" in ask(text).message


@pytest.mark.parametrize(
    "text",
    ["dell optiplex 7070 16gb ram no gpu, what model", "my dell optiplex 9020", "optiplex-7070"],
)
def test_a_name_with_another_model_number_is_unknown_not_that_entry(text):
    # the catalog has the OptiPlex 780 (a Core 2 Quad); a 7070 is a 9th-gen Core machine
    q = parse(text)
    assert q.hardware is None or q.hardware.id != "core2-quad-q8400"
    (u,) = [u for u in q.unsure if u.kind == "hardware"]
    assert u.reason == "unknown" and "optiplex" in u.text.lower()


@pytest.mark.parametrize(
    "text",
    [
        "can my dell optiplex 980 run llama 3 8b",
        "optiplex 980 with 16gb ram",
        "an old Optiplex 1080",
    ],
)
def test_a_product_lines_word_owns_the_number_after_it(text):
    # "980" is a GTX 980 on its own; after "optiplex" it is an OptiPlex model the catalog lacks
    q = parse(text)
    assert q.hardware is None
    (u,) = [u for u in q.unsure if u.kind == "hardware"]
    assert u.reason == "unknown" and "optiplex" in u.text.lower()


def test_a_device_named_beside_the_product_line_is_still_read():
    q = parse("I have an old Optiplex 980 and a GTX 980")
    assert q.hardware is not None and q.hardware.id == "gtx-980"
    assert any(u.kind == "hardware" and "optiplex" in u.text.lower() for u in q.unsure)


def _aliases_ending_in_a_model_number():
    """Hardware aliases whose last word is a model number of three or more digits that follows
    a word ("dell optiplex 780"), with every number any hardware name has."""
    cat = default_catalog()
    numbers = {
        t
        for h in cat.hardware.values()
        for name in (h.id, h.name, *h.aliases)
        for t in key_tokens(name)
        if t.isdigit()
    }
    aliases = sorted(
        (h.id, a)
        for h in cat.hardware.values()
        for a in h.aliases
        if len(toks := key_tokens(a)) >= 2
        and toks[-1].isdigit()
        and len(toks[-1]) >= 3
        and toks[-2].isalpha()
        and a.rsplit(None, 1)[-1].isdigit()
    )
    return aliases, numbers


_ALIASES, _NUMBERS = _aliases_ending_in_a_model_number()


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_ALIASES), st.integers(min_value=100, max_value=99_999))
def test_an_aliases_number_replaced_by_one_no_device_has_never_resolves_to_it(entry, number):
    eid, alias = entry
    said = str(number)
    assume(said not in _NUMBERS)
    # 1990-2039 after a name reads as its year ("macbook pro 2019"), not as a model number
    assume(not 1990 <= number <= 2039)
    q = parse(f"my {alias.rsplit(None, 1)[0]} {said}, what can it run")
    assert q.hardware is None or q.hardware.id != eid


def test_a_known_new_name_is_not_another_family():
    q = parse("can my 3090 run mistral small 4")
    assert q.model is not None and q.model.id == "mistral-small-4"


# --------------------------------------------------------------------------- models by size


@pytest.mark.parametrize(
    ("text", "size", "intent"),
    [
        ("what can I run on a 14B model with my 3090", 14, "best_model_for_hw"),
        ("some 32b on 24gb?", 32, "fit"),
        ("the 8B one on my 3060", 8, "fit"),
        ("what do I need for a 70b model", 70, "best_hw_for_model"),
    ],
)
def test_a_model_by_size_is_a_size(text, size, intent):
    q = parse(text)
    assert q.model is None and q.model_size_b == size and q.intent == intent


def test_a_size_is_answered_with_real_models_of_that_size(cat):
    a = ask("the 14B one on my 3090")
    assert a.reports and all(11 <= r.model.params_b <= 18 for r in a.reports)
    assert a.message.startswith("14B-class models on")


# --------------------------------------------------------------------------- figures as people write them


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("P100 cards with 732 GB/s of bandwidth for qwen3 8b", "ram_gb", None),  # a bandwidth
        ("my 3050 ti with 4 GB vram, gemma3:4b uses around 3.3 GB", "vram_gb", 4),
        ("my 3050 ti with 4 GB vram, gemma3:4b uses around 3.3 GB", "ram_gb", None),
        ("2x Radeon 7900 XTX (2x24GB) for mistral large", "vram_gb", 24),
        ("RAM : 32GB * 2\nGPU: NVIDIA RTX A5000 24GB", "ram_gb", 64),
        ("Which model can run on RTX 4090 24GB GDDR6X + DDR4 64GB?", "ram_gb", 64),
        ("GPU: 8 * 4090\nMemory: 256G, deepseek r1?", "ram_gb", 256),
        ("8GB on RTX 4070", "vram_gb", 8),
        ("FP8 quant 80Gb in size, impossible on 8Gb VRAM + 32Gb RAM", "vram_gb", 8),
    ],
)
def test_memory_figures(text, field, value):
    assert getattr(parse(text), field) == value


@pytest.mark.parametrize(
    ("text", "hw", "gpus"),
    [
        ("Tested on Two 3080 Tis as well", "rtx-3080-ti", 2),
        ("single-RTX-4060-Ti row", "rtx-4060-ti-8gb", 1),
        ("NVIDIA DGX Spark上对Qwen3.5 122B-A10B进行加速", "dgx-spark", None),
    ],
)
def test_names_as_people_write_them(text, hw, gpus):
    q = parse(text)
    assert q.hardware.id == hw and q.gpus == gpus


def test_quants_in_file_names_and_kv_in_env_vars():
    assert parse("mistral-7b-instruct-v0.1.Q4_0.gguf on an arc a770").quant == "Q4_0"
    q = parse("gemma3:27b on a 4090, OLLAMA_KV_CACHE_TYPE=q8_0")
    assert q.kv_type == "q8_0" and q.quant is None


def test_a_size_alone_is_no_model_and_small_flags_are_no_context():
    q = parse("Goliath 120B 4.85bpw on an A100 80GB")
    assert q.model is None or q.model.id != "gpt-oss-120b"
    assert parse("benchmark: ./obench.sh -m llama3.2:3b -c 3").context is None
    assert parse("Intel Core Ultra 265K with a 4090").context is None


def test_cards_listed_one_a_line_are_one_machine():
    q = parse("GPUs:\n- NVIDIA RTX A4000\n- AMD RX 6900XT\nmodel: qwen3 32b")
    assert [s.id for s in q.setup] == ["rtx-a4000", "rx-6900-xt"]


@pytest.mark.parametrize(
    ("text", "hw"),
    [
        ("CPU: intel i9\nGPU: RTX 5090 24GB laptop\nRAM: 64GB", "rtx-5090-laptop"),
        ("I have a laptop with a RTX 3050 6gb gpu", "rtx-3050-laptop"),
    ],
)
def test_laptop_words_around_a_card_with_its_memory(text, hw):
    assert parse(text).hardware.id == hw


def test_a_sentence_ends_a_name_and_a_negated_cue_is_no_cue():
    q = parse("32b model can run smoothly on RTX 4090. 32b can also run on Mac studio.")
    assert q.hardware is not None and q.hardware.id == "rtx-4090"
    q = parse("Qwen 235B fully loaded on GPU (no CPU inference)?")
    assert not q.cpu_only and q.hardware is None


@pytest.mark.parametrize(
    ("text", "hw"),
    [
        ("Mac Studio M3 Ultra: 28-core CPU, 60-core graphics processor, 256GB", "m3-ultra-60c"),
        ("Mac Studio with M2 Ultra 76 core 192GB for llama 70b", "m2-ultra-76c"),
        ("M1 Max 24c 32gb qwen3 14b", "m1-max-24c"),
        ("M2 Ultra 24-core CPU 192gb", "m2-ultra-76c"),  # a CPU core count names no variant
    ],
)
def test_an_apple_gpu_core_count_names_the_variant(text, hw):
    assert parse(text).hardware.id == hw


@pytest.mark.parametrize(
    ("text", "hw"),
    [
        # lscpu's model name puts "CPU" between the line and the number
        ("Model name:  Intel(R) Xeon(R) CPU E5-2620 v3 @ 2.40GHz", "xeon-e5-2620v3"),
        ("4 x Intel(R) Xeon(R) CPU E3-1220 v5 @ 3.00GHz (1 Socket)", "xeon-e3-1220v5"),
        # and a Ryzen PRO's line after its tier
        ("AMD Ryzen 5 PRO 5650U with Radeon Graphics", "ryzen-5-pro-5650u"),
        ("I tried to get it running on my Ryzen 7 Pro 4750G", "ryzen-7-pro-4750g"),
        # the small lines lscpu prints, inferred from their families
        ("Intel(R) Celeron(R) N5105", "intel-n5105"),
        ("Intel(R) Pentium(R) Silver N6000", "intel-n6000"),
        ("Snapdragon(R) X Elite - X1E78100 - Qualcomm(R) Oryon(TM) CPU", "snapdragon-x1e-78-100"),
    ],
)
def test_a_xeon_as_lscpu_prints_it_is_that_xeon(text, hw):
    assert parse(text).hardware.id == hw


@pytest.mark.parametrize(
    ("text", "ddr"),
    [("ryzen 7 with 32gb ram, can I run mistral 7b", None), ("my pc: ryzen 5, 16gb ddr4", "ddr4")],
)
def test_a_ryzen_tier_without_its_number_is_a_system_of_its_family_not_an_apu(text, ddr, cat):
    hw = cat.hardware[parse(text).hardware.id]
    assert hw.kind == "cpu" and hw.vendor == "other"  # a generic system, not the Radeon 780M
    assert ddr is None or hw.memory_type.lower().startswith(ddr)


@pytest.mark.parametrize(
    ("text", "vram", "ram"),
    [
        ("VRAM 72GB. And yes i have a lack of RAM just 32GB.", 72, 32),  # a word of estimate
        ("3090, RAM only 32GB", None, 32),
        ("The PC has 32 sticks of DDR3 8GB RAM installed", None, 256),  # sticks of a DDR type
        ("3090 Ti 24GB; LLaMA 13B loads in 30 seconds (with swap - 50GB)", 24, None),  # swap
        ('{"gpu": "NVIDIA GeForce RTX 4080", "vram_mb": 16376, "ram_gb": 31.1}', 16, 31.1),
    ],
)
def test_memory_in_every_form_it_is_written(text, vram, ram):
    q = parse(text)
    assert (q.vram_gb, q.ram_gb) == (vram, ram)


@pytest.mark.parametrize(
    ("text", "hw", "vram"),
    [
        ("m3 max 1tb can it run llama 70b", "m3-max-40c", None),
        ('2023 Macbook Pro 16", M3 Max, 48 GB, 1 TB', "m3-max-40c", 48),
        ("m2 with 512gb, run llama 3 8b?", "m2", None),  # not the MiniMax M2
        ("Mac Studio M3 Ultra 512GB", "m3-ultra-80c", 512),  # an Ultra is sold with that much
        ("MacBook Air M3 24GB/512GB", "m3", 24),  # memory / storage, not a part in use
    ],
)
def test_a_macs_storage_is_not_its_memory(text, hw, vram):
    q = parse(text)
    assert q.hardware.id == hw and q.vram_gb == vram


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        ("best small model for my laptop", ["small"]),
        ("what small models can I run on a 3060", ["small"]),
        ("best tiny model for a raspberry pi", ["tiny"]),
        ("8gb vram is not enough, which lighter model?", ["small"]),
        ("mistral small 3.1 on my 3090", []),  # a model's name, not a wish
    ],
)
def test_a_small_model_asked_for_keeps_the_small_tag(text, tags):
    assert parse(text).tags == tags


@pytest.mark.parametrize(
    ("text", "memory_type"),
    [
        ("i5 8th gen laptop 8gb ram, what model can I run", "DDR4"),
        ("i5 4th gen 8gb", "DDR3"),
        ("i7 with a pcie gen 4 ssd", "DDR5"),  # a PCIe generation is no CPU's: the tier's newest
    ],
)
def test_an_intel_tier_with_its_generation_is_read_from_that_generation(text, memory_type, cat):
    hw = cat.hardware[parse(text).hardware.id]
    assert hw.vendor == "other" and hw.memory_type.startswith(memory_type)


@pytest.mark.parametrize(
    ("text", "unknown"),
    [
        ("Qwen3-VL-32B-Instruct F16 on a 5090", "Qwen3-VL-32B"),  # not Qwen3 32B
        ("Qwen3-VL-2B-Instruct 8bit model on my 3060", "Qwen3-VL-2B"),  # nor "Qwen3" alone
        ("can Qwen3-Coder-14B run on a 4070", "Qwen3-Coder-14B"),
    ],
)
def test_a_variant_the_catalog_lacks_is_named_unknown_not_its_base(text, unknown):
    q = parse(text)
    assert q.model is None
    assert any(u.kind == "model" and u.text == unknown for u in q.unsure)


@pytest.mark.parametrize(
    ("text", "model"),
    [("Qwen3-VL-8B on a 3060", "qwen3-vl-8b"), ("qwen3 coder 30b", "qwen3-coder-30b-a3b")],
)
def test_a_variant_the_catalog_has_is_that_entry(text, model):
    assert parse(text).model.id == model


def test_intel_graphics_named_beside_a_catalogued_processor_leave_the_processor():
    q = parse('"cpu": "Intel(R) N100",\n  "gpu": "Intel(R) UHD Graphics",\n  "ram_gb": 16,')
    assert q.hardware.id == "intel-n100" and q.ram_gb == 16 and not q.unsure
    # alone, they are named as unknown
    assert parse("my laptop has intel uhd graphics and 8gb ram").unsure


@pytest.mark.parametrize(
    ("text", "hw", "gpus", "vram", "ram"),
    [
        ("只有单卡请16G显存的4060Ti", "rtx-4060-ti-16gb", 1, 16, None),  # memory before the card
        ("my 4 card rig of 3090s", "rtx-3090", 4, None, None),  # "card", singular, counts
        ("A10G 24GB x4", "a10", 4, 24, None),  # a variant letter glued to the name
        ("3090FE 24gb x2", "rtx-3090", 2, 24, None),
        ("pi 5 8gb with a 64gb sd card", "raspberry-pi-5", None, None, 8),  # storage
    ],
)
def test_cards_counts_and_storage_as_written(text, hw, gpus, vram, ram):
    q = parse(text)
    assert (q.hardware.id, q.gpus, q.vram_gb, q.ram_gb) == (hw, gpus, vram, ram)


@pytest.mark.parametrize(
    ("text", "quant"),
    [
        ("CPU op-mode(s):        32-bit, 64-bit", None),  # the processor's width
        ("System type 64-bit operating system", None),
        ("llama 3 8b in 32-bit", "F32"),
        ("Validate Qwen3.8-27B EXL3 SC_4.00bpw_H5 on a 24 GB card", "Q3_K_M"),  # 4.0 bpw
        ("Llama-2-7b-chat-hf-q4f16_1-MLC on android", "Q4_K_M"),  # MLC's 4-bit format
    ],
)
def test_quants_in_other_formats_and_widths_that_are_no_quant(text, quant):
    assert parse(text).quant == quant


@pytest.mark.parametrize(
    ("text", "vram", "ram"),
    [
        # ollama's server log: the system's memory and a card's total
        ('msg="system memory" total="62.7 GiB" free="50.1 GiB"', None, 62.7),
        ('library=cuda name="NVIDIA RTX 5880 Ada Generation" total="48.0 GiB"', 48, None),
        # free -h: the row's first figure is the total, the rest in use or free, swap no memory
        ("Mem:           123Gi        72Gi       1.1Gi\nSwap:          107Gi", None, 123),
        ('"cpu": "Intel(R) Core(TM) i7-8550U", "ram_bytes": 17179869184', None, 16),
    ],
)
def test_memory_as_tools_print_it(text, vram, ram):
    q = parse(text)
    assert (q.vram_gb, q.ram_gb) == (vram, ram)


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("Chat model used: Llama 3.1 8B Instruct 128k, on a 7900 XT", None),  # the model's name
        ("Phi-3-mini-128k-instruct on my 3060", None),
        ("ds4-bench sweeps (ctx 2048 to 65536, 128 gen tokens)", None),  # a sweep
        ("qwen3 8b at 32k on a 3090", 32768),
        ("Qwen3-4B-128K-UD-Q4_K_XL.gguf --ctx-size 131072", 131072),
    ],
)
def test_a_window_in_a_models_name_or_a_sweep_is_no_context(text, context):
    assert parse(text).context == context


@pytest.mark.parametrize(
    ("text", "context"),
    [
        # the unit said once for a range of windows: the question is about its top
        ("I want context support of 160-200K on an M4 Max", 200000),
        ("qwen3.6 27b, 100 - 128k tokens of context on a 5090", 131072),
        # a bound passed: the windows above it, the next doubling
        ("When the context length is greater than 8k, qwen3-coder only runs on the CPU", 16384),
        ("qwen3 32b on a 4090 with more than 32k context", 65536),
        ("at least 32k context for qwen3 32b on a 4090", 32768),  # a floor, that window itself
    ],
)
def test_a_range_of_windows_or_a_bound_passed(text, context):
    assert parse(text).context == context


def test_a_kv_cache_said_with_its_type_after_with():
    q = parse("I think I need a quantized KV cache with q8 for qwen3 32b on a 4090")
    assert q.kv_type == "q8_0" and q.quant is None


@pytest.mark.parametrize(
    ("text", "kv", "asked"),
    [
        ("q8_0 or q4_0 kv cache for qwen3.6 27b on 24gb?", None, ["q8_0", "q4_0"]),
        ("q8_0 vs f16 kv cache qwen3.6 27b 3090", None, ["q8_0", "f16"]),
        ("q8/q4 cache for qwen3 32b", "q4_0", []),  # K and V said together: one choice
        ("qwen3 32b on a 4090 with q8 kv", "q8_0", []),
    ],
)
def test_kv_cache_types_offered_as_alternatives_are_the_question(text, kv, asked):
    q = parse(text)
    assert (q.kv_type, q.kv_types_asked, q.quant) == (kv, asked, None)


def test_an_athlons_number_is_no_graphics_card():
    q = parse("AMD Athlon Silver 3050U, 8gb ram")
    assert q.hardware is None  # not the RTX 3050: a processor the rules do not know
    assert any(u.kind == "hardware" and "3050u" in u.text.lower() for u in q.unsure)


@pytest.mark.parametrize(
    ("text", "model"),
    [("Yi 34B on a 3090", "yi-34b"), ("Yi-1.5-34B", "yi-1.5-34b"), ("yi coder 9b", "yi-coder-9b")],
)
def test_a_two_letter_family_starts_a_name(text, model):
    assert parse(text).model.id == model


def test_memory_labels_in_markdown():
    text = (
        "### Hardware\n- **CPU:** AMD Ryzen AI 9 HX370\n- **iGPU:** AMD Radeon 890M\n"
        "- **Memory:** 96GB system RAM\n- **VRAM:** ~48GB (from BIOS)"
    )
    q = parse(text)
    assert (q.hardware.id, q.vram_gb, q.ram_gb) == ("radeon-890m", 48, 96)
    q = parse("radeon 890m, - **BIOS VRAM allocation**: 6 GB, **RAM:** 64GB")
    assert (q.vram_gb, q.ram_gb) == (6, 64)


@pytest.mark.parametrize(
    ("text", "hw", "gpus"),
    [
        ("【性能报告】Windows Server下双路9654+双路3090性能汇报", "rtx-3090", 2),  # two cards
        ("双路9654 跑 deepseek", "epyc-9654", None),  # two processors, no card
    ],
)
def test_dual_is_two_cards_before_a_cards_number_and_two_sockets_before_a_cpus(text, hw, gpus):
    q = parse(text)
    assert (q.hardware.id, q.gpus) == (hw, gpus)


def test_an_intel_macs_processor_tier_is_of_an_intel_macs_years(cat):
    q = parse(
        "Model Name:\tMacBook Pro\n  Processor Name:\tQuad-Core Intel Core i7\n  Memory:\t16 GB"
    )
    hw = cat.hardware[q.hardware.id]
    assert hw.vendor == "other" and not hw.memory_type.startswith("DDR5") and q.ram_gb == 16


@pytest.mark.parametrize(
    ("text", "hw"),
    [
        (
            'msg="inference compute" id=GPU-d6de3398-9932-6902-11ec-fee8e424c8a2 library=cuda '
            'name="NVIDIA GeForce RTX 2080 Ti" total="11.0 GiB"',
            "rtx-2080-ti",
        ),
        ("build 9c600bc, dual 2xA6000ada", "rtx-6000-ada"),
    ],
)
def test_a_hex_id_hides_no_device_but_a_cards_glued_suffix_stays(text, hw):
    # "c8a2" of a GPU's UUID is not an A2; "a6000ada" is hex letters too, but a card
    assert parse(text).hardware.id == hw


def test_a_count_written_before_with_x_counts_the_cards():
    assert parse("x2 RTX 3090, where is the acceleration?").gpus == 2
    assert parse("pcie 4.0 x8 rtx 3090").gpus is None  # the link's width, not a count


@pytest.mark.parametrize(
    ("text", "hw"),
    [
        ("RTX 3060TIFE & GTX 960 enabled", "rtx-3060-ti"),  # Ti, Founders Edition
        ("需要多大的显存笔记本RTX4090 16G", "rtx-4090-laptop"),  # 笔记本: a notebook
        ("a 32GB M1 Max (24 GPU cores)", "m1-max-24c"),
    ],
)
def test_edition_laptop_and_gpu_core_words_pick_the_variant(text, hw):
    assert parse(text).hardware.id == hw


def test_a_tools_memory_total_a_little_under_the_cards_size_is_its_vram():
    q = parse(
        'name="NVIDIA GeForce RTX 5090" before.total="31.4 GiB" before.free="30.9 GiB" ... '
        'msg="updating system memory data" before.total="62.4 GiB"'
    )
    assert (q.hardware.id, q.vram_gb, q.ram_gb) == ("rtx-5090", 31.4, 62.4)


@pytest.mark.parametrize(
    ("text", "gpus"),
    [
        ('ollama: device count 1\nname="NVIDIA GeForce RTX 4080" total="15.7 GiB"', 1),
        ("GPU 0,1,2,3,4,5,6,7: NVIDIA H20", 8),  # SGLang's check_env, one line for all
        ("deepseek on H20, TP8", 8),
    ],
)
def test_counts_as_tools_print_them(text, gpus):
    assert parse(text).gpus == gpus


def test_llama_cpp_backend_device_lines_are_the_cards_of_one_machine():
    q = parse(
        "llama_model_load_from_file_impl: using device CUDA0 (NVIDIA GeForce RTX 4090) - 22994 "
        "MiB free\nllama_model_load_from_file_impl: using device CUDA1 (NVIDIA GeForce RTX 3090)"
    )
    assert [d.id for d in q.setup] == ["rtx-4090", "rtx-3090"]


def test_a_log_line_of_the_card_said_before_is_that_card_not_a_second():
    q = parse(
        "Benchmark on RX570 with llama.cpp\nggml_cuda_init: found 1 ROCm devices:\n"
        "  Device 0: Radeon RX 570 Series, gfx803 (0x803), VMM: no"
    )
    assert (q.hardware.id, q.gpus) == ("rx-570", 1)


@pytest.mark.parametrize(
    ("text", "vram"),
    [
        ("it ran fine with anywhere between 16-20gb of vram on a RTX 3090", None),  # a range
        ("my 4060-8gb", 8),  # a card's number before the dash
    ],
)
def test_a_range_of_memory_is_no_size(text, vram):
    assert parse(text).vram_gb == vram


def test_a_count_heading_a_list_of_different_cards_is_the_lists():
    q = parse("I have 3 AMD Radeons:\n- RX 7900XTX\n- RX 7900XT\n- RX 6950XT")
    assert [(d.id, d.gpus) for d in q.setup] == [
        ("rx-7900-xtx", None),
        ("rx-7900-xt", None),
        ("rx-6950-xt", None),
    ]
    # a count on a line of the list stays that card's
    assert parse("my rig:\n- 2x RTX 3090\n- RTX 4090").setup[0].gpus == 2


@pytest.mark.parametrize(
    "text",
    [
        "3x Tesla P40, llama 70b q6: prompt processing 8k = 82.44 sec",
        "qwen3.6 35b a3b on a DGX Spark with 8K input, 256 output",
    ],
)
def test_a_prompts_length_is_no_context(text):
    assert parse(text).context is None


def test_a_cache_quant_is_the_kv_cache_type():
    q = parse("fit Q8_0 quant with 131K context and cache quant q4_0")
    assert (q.quant, q.kv_type) == ("Q8_0", "q4_0")


def test_a_size_with_a_plain_adjective_before_it_is_a_size():
    assert parse("a mere 10.7B language model at a modest q3_km quant").model_size_b == 10.7


def test_cards_listed_with_commas_on_a_gpus_line_are_one_machine():
    q = parse("GPUs: 2x RTX 3060 12GB, RTX 3090 24GB\nRam: 512GB")
    assert [(d.id, d.gpus, d.vram_gb) for d in q.setup] == [
        ("rtx-3060", 2, 12.0),
        ("rtx-3090", None, 24.0),
    ]
    assert not parse("GPUs: 3090, 4090 or 5090?").setup  # alternatives, not a rig


def test_an_m2_slot_is_no_apple_chip():
    q = parse("GPU：RTX 5090 32GB\n内存：64GB DDR5\n存储：1TB SSD（M.2 可用）")
    assert q.hardware.id == "rtx-5090" and q.hardware_b is None


def test_an_ollama_gpu_line_is_a_gpus_memory_and_its_uuid_no_model_size():
    q = parse(
        'msg="inference compute" id=GPU-12d568a1-476b-b2c6-bbf5-78e6679cf836 library=cuda '
        'name="NVIDIA GeForce RTX 3060" total="11.8 GiB"\n'
        'msg="inference compute" id=0 library=rocm name=1002:73bf total="16.0 GiB"'
    )
    assert (q.hardware.id, q.vram_gb, q.ram_gb, q.model_size_b) == ("rtx-3060", 11.8, None, None)


def test_a_requirement_or_a_models_size_beside_a_card_is_not_its_memory():
    q = parse(
        "I have an RTX 7900 XT graphics card. Models that require less than 20GB of memory "
        "load, but when the model exceeds 20GB, it throws an error."
    )
    assert (q.hardware.id, q.vram_gb) == ("rx-7900-xt", None)


def test_a_sycl_device_tables_bytes_are_the_cards_memory():
    q = parse(
        "found 1 SYCL devices:\n|ID| Device Type| Name|Global mem size|\n"
        "| 0|[level_zero:gpu:0]| Intel(R) Arc(TM) A770 Graphics| 16225243136|"
    )
    assert (q.hardware.id, q.vram_gb) == ("arc-a770-16gb", 15.11)


def test_a_strix_halos_memory_split_said_outright_leaves_the_system_its_part():
    q = parse("beelink gtr9 pro (ryzen 395+ 128gb unified memory split by 96 gb vram/36 gb ram)")
    assert (q.hardware.id, q.ram_gb) == ("radeon-8060s", 36)
    assert parse("M2 Max 32GB RAM").vram_gb == 32  # a Mac's memory is never split


def test_a_cpu_only_laptop_is_a_laptop_cpu_not_a_desktop_one():
    """A laptop without a GPU runs on SO-DIMMs and a power-limited mobile CPU: its prefill is a
    desktop's at laptop clocks, and the answer says which machine it assumed."""
    q = parse("cpu only laptop 16gb ddr4, can it run qwen3.6 35b a3b")
    assert q.hardware.id == "cpu-laptop-ddr4-2ch" and q.cpu_only
    assert any("laptop CPU" in a for a in q.assumed)
    assert parse("what can I run on a laptop with no gpu and 16gb ram").hardware.id == (
        "cpu-laptop-ddr5-2ch"
    )
    assert parse("cpu only, 64gb ddr4, best model?").hardware.id == "cpu-ddr4-2ch"


@pytest.mark.parametrize(
    "text",
    [
        "what is a working coding model for claude code on a 5090?",
        "best local model for claude code on a 5090",
        "model to use with Claude Code, rtx 5090",
    ],
)
def test_a_coding_agent_named_asks_for_the_agentic_workload(text):
    """Agent names are masked as software (no model, no device), but they still say what the
    model is for: an agent's 25-30K-token harness, not a coding assistant's prompt."""
    assert parse(text).workload == "agentic"


def test_an_editor_extension_named_by_its_domain_is_no_device():
    # "continue.dev" was read as an ambiguous device "dev" (a DGX Spark or a Jetson dev kit)
    q = parse("I use continue.dev with qwen3 32b on my 3090")
    assert q.hardware.id == "rtx-3090" and q.unsure == []


@pytest.mark.parametrize(
    ("text", "gpus", "vram", "ram"),
    [
        ("I'm running the 132GB model on 48GB VRAM + about 200GB ECC DDR4 RAM.", None, 48, 200),
        ("128GB DDR4 3600 is easy. I have this (plus two GPUs) on a gaming PC.", 2, None, 128),
        ("16gb ddr4, 8gb vram", None, 8, 16),
    ],
)
def test_a_memory_type_beside_cards_is_the_hosts_ram_not_a_cpu_only_system(text, gpus, vram, ram):
    q = parse(text)
    assert q.hardware is None and not q.cpu_only
    assert (q.gpus, q.vram_gb, q.ram_gb) == (gpus, vram, ram)


def test_a_memory_type_alone_is_still_a_cpu_only_system():
    q = parse("laptop with 16gb ddr4 and no gpu, what can I run?")
    assert q.hardware is not None and q.hardware.id == "cpu-laptop-ddr4-2ch"
    assert q.ram_gb == 16


@pytest.mark.parametrize("text", ["200GB ECC DDR4 RAM", "256GB registered ECC", "512gb rdimm"])
def test_server_memory_words_say_ram(text):
    assert parse(f"a 3090 with {text}").ram_gb == float(text.split("GB")[0].split("gb")[0])


@pytest.mark.parametrize(
    ("text", "vram"),
    [
        ("my 2080ti modded 22G", 22),
        ("单卡2080ti 魔改22G的效果怎么样？", 22),
    ],
)
def test_a_modded_cards_memory_after_it_is_its_vram(text, vram):
    q = parse(text)
    assert q.vram_gb == vram and q.ram_gb is None


@pytest.mark.parametrize(
    ("text", "vram", "ram"),
    [
        ("+1 debian VM, 16 core & 64 gb memory", None, 64),
        ("a server with 16 cores and 128gb memory", None, 128),
        ("I have 24GB memory what can I run", 24, None),  # no host cue: a card's
    ],
)
def test_a_bare_amount_beside_cores_or_a_vm_is_the_systems_ram(text, vram, ram):
    q = parse(text)
    assert q.vram_gb == vram and q.ram_gb == ram


@pytest.mark.parametrize(
    ("text", "vram", "ram"),
    [
        ("4GB of shared experts and 18GB+ for context on my 3090", None, None),
        ("you can run models bigger than 24GB on two 3090", None, None),
        ("a Q4_K_M quant @ 14,33GB size on a RTX 6000 Pro", None, None),
        ("it uses 115 GB RAM; Task Manager says 139GB RAM is being used", None, None),
        ("16gb shared memory on my 780m", None, 16),  # still a size
    ],
)
def test_experts_a_files_size_or_memory_in_use_are_not_the_machines(text, vram, ram):
    q = parse(text)
    assert q.vram_gb == vram and q.ram_gb == ram


@pytest.mark.parametrize(
    ("text", "hw", "gpus"),
    [
        ("This is how SLOW Local LLMs Are On My Framework 13 AMD Strix Point", "radeon-890m", None),
        ("my legion 5 rtx 3070 runs llama 3.1 8b at 30 t/s", "rtx-3070-laptop", None),
        ("GPUs: 4× EVGA RTX 3090 FTW3 Ultra, running at the full 450 W cap", "rtx-3090", 4),
        ("2x MSI RTX 4090 for qwen3 235b?", "rtx-4090", 2),
        ("I have 2 RTX 3090", "rtx-3090", 2),
    ],
)
def test_a_product_lines_number_is_no_count_and_a_board_maker_keeps_one(text, hw, gpus):
    q = parse(text)
    assert q.hardware is not None and q.hardware.id == hw
    assert q.gpus == gpus


def test_a_container_images_size_is_not_the_machines_memory():
    q = parse("serving gpt-oss-120b on a DGX Spark: a 25GB image pull and a 43-minute compile")
    assert q.vram_gb is None and q.ram_gb is None


@pytest.mark.parametrize(
    ("text", "quant"),
    [
        ("CPU: Xeon E5-2620 v4, Instruction sets: AVX2 (no AVX-512, no AVX-VNNI, no BF16)", None),
        ("my xeon has amx-bf16, what can it run at q8", "Q8_0"),
        ("run qwen3 8b in bf16 on my avx2 cpu", "BF16"),
        ("avx2 cpu, q4_k_m of qwen3 8b", "Q4_K_M"),
    ],
)
def test_a_cpus_instruction_set_is_not_the_weights_format(text, quant):
    assert parse(text).quant == quant


def test_a_tier_said_after_a_mac_line_keeps_that_tiers_chips():
    q = parse("64gb Mac Studio Ultra... would that suffice?")
    assert q.hardware is not None and q.hardware.id.startswith("m2-ultra")
    assert parse("mac studio ultra, what can it run").hardware.id.split("-")[1] == "ultra"


@pytest.mark.parametrize(
    ("text", "gpus"),
    [
        ("can you share the custom bios for AMD MI50 32GB? I have 8x of them", 8),
        ("this MI50 32GB build is great, I have four of them", 4),
        ("3 quants on my 3090, 2 of them crash", None),
    ],
)
def test_a_word_ending_in_s_that_is_no_plural_keeps_a_count_of_them(text, gpus):
    assert parse(text).gpus == gpus


def test_what_a_model_leaves_of_a_card_is_not_the_systems_ram():
    q = parse(
        "Qwen 3 14B at q4_K_M is about 8.5 GB, leaving ~3 GB of the card's 12 GB on my Arc B580"
    )
    assert q.ram_gb is None and q.vram_gb == 12


@pytest.mark.parametrize(
    ("text", "gpus"),
    [
        ("计算节点:2×Mac Studio(M2 Ultra,192GB内存,2TB SSD)", 2),
        ("2 mac minis (m4 pro 64gb) over thunderbolt", 2),
        ("my mac studio m2 ultra", None),
    ],
)
def test_a_count_of_macs_before_the_chip_counts_the_chip(text, gpus):
    assert parse(text).gpus == gpus


def test_the_memory_the_question_asks_about_is_the_machines():
    # "the boxes are set up for 128Gb only; will they work on 64Gb versions? what can I run on
    # 64gb?": the 64 GB Strix Halo is asked about, the 128 GB one only said of others
    q = parse(
        "it seems like the boxes are set up for 128Gb only; will they work on 64Gb versions on "
        "Strix Halo? what can I run on 64gb?"
    )
    assert q.hardware is not None and q.hardware.id == "radeon-8060s"
    assert q.vram_gb == 64


# --------------------------------------------------------------------------- CPU-only machines


@pytest.mark.parametrize(
    "text",
    [
        "For Qwen I can't fit their model on my rig at a decent quant (I have 96GB of DDR5).",
        "192GB DDR5. Mostly used for VMs and containers.",
        "it always gives an error saying that my memory got fill(32gb ddr4 ram)",
    ],
)
def test_memory_said_by_its_kind_alone_names_no_machine(text):
    q = parse(text)
    assert q.hardware is None and not q.cpu_only and q.ram_gb is not None


@pytest.mark.parametrize(
    ("text", "form", "ddr"),
    [
        ("running llama-server on my pc with 64gb ddr4", "desktop", "4"),
        ("I've got an older laptop with 8 gigs of RAM. Can I run this locally?", "laptop", "4"),
        ("a four-year-old ThinkPad with integrated graphics and 16GB of RAM", "laptop", "4"),
        ("my laptop with 16gb of ram, which model?", "laptop", "5"),
        ("At least my Macbook pro with Intel i7 and 12G Ram from 2018 ran smoothly.", None, "4"),
        ("my old macbook air with 8gb ddr3 runs gemma 3 4b", None, "3"),
    ],
)
def test_a_machine_named_without_its_chip_is_the_cpu_system_of_its_memory(text, form, ddr):
    cat = default_catalog()
    q = parse(text, cat)
    hw = cat.hardware[q.hardware.id]
    assert q.cpu_only and hw.kind == "cpu" and hw.vendor == "other"
    assert form is None or hw.form == form
    assert hw.memory_type.split("-")[0].endswith(ddr)


@pytest.mark.parametrize(
    "text",
    [
        "CUDA error: out of memory - Llama 3.2 3B on laptop with 13 GB RAM",
        "I have run them on my 8gb ram phone, so a laptop should do it with better speed.",
        "Lenovo IdeaPad gaming laptop. 8gb Ram and 4gb vram",
    ],
)
def test_a_laptop_with_a_card_or_beside_a_phone_is_no_cpu_only_machine(text):
    q = parse(text)
    assert q.hardware is None or q.hardware.id.startswith("cpu-laptop") is False


def test_an_igpu_said_beside_its_processor_runs_on_that_processors_memory():
    cat = default_catalog()
    for text in (
        "the same error on an Intel Iris Xe (Raptor Lake-P) built into my 13th Gen Intel Core "
        "i7-1360P",
        "- cpu：Intel i5-1240p\n- gpu：Intel Iris Xe\n- 内存：16GB DDR5",
    ):
        hw = cat.hardware[parse(text, cat).hardware.id]
        assert hw.kind == "igpu" and hw.inferred and "DDR5" in hw.memory_type
    # said alone, the catalogued Iris Xe; a catalogued pair keeps its entry
    assert parse("Iris Xe, 16gb", cat).hardware.id == "iris-xe-96eu"
    assert parse("AMD Ryzen 7 8845HS w/ Radeon 780M Graphics", cat).hardware.id == "radeon-780m"
    # the catalogued chip already on its host's memory stays itself
    text = "ryzen 7 6800h laptop, radeon 680m igpu, 32gb ram - which model runs best?"
    assert parse(text, cat).hardware.id == "radeon-680m"


@pytest.mark.parametrize(
    "text",
    [
        "Test rig: RTX 5090 (24 GB) + RTX 5080 (16 GB) = 48 GB pooled via Ollama tensor split.",
        "I have 2 GPUs on my machine with a combined DRAM of 28 GB. RTX 5070 Ti and 3060.",
    ],
)
def test_a_mixed_rigs_memory_added_up_is_the_cards_not_system_ram(text):
    q = parse(text)
    assert q.setup and q.ram_gb is None


def test_vram_said_in_use_is_not_system_ram():
    q = parse("ollama主机4060ti 16g型号的显卡显存占用才8G")
    assert q.vram_gb == 16 and q.ram_gb is None


@pytest.mark.parametrize(
    ("text", "ram"),
    [
        (
            "a site that tells me for a rtx 4090, 32gb ram, what the speed will be? I have an rtx "
            "4080s (16gb graphics ram) with 64gb ram on a 13700k",
            64,
        ),
        ("should I move to one 24gb card and 512gb ram.. I have 256gb ram only atm.", 256),
    ],
)
def test_of_two_system_memories_the_writers_own_is_the_machines(text, ram):
    assert parse(text).ram_gb == ram


@pytest.mark.parametrize(
    "text",
    [
        "Running a 27B model at Q5_K_XL eats up roughly 19GB of VRAM just to load the weights.",
        "4 bit 量化后的模型权重需要使用大约 40G 的显存。",
    ],
)
def test_memory_a_model_takes_is_not_the_machines(text):
    q = parse(text)
    assert q.vram_gb is None and q.ram_gb is None


def test_a_figure_of_memory_resident_is_not_system_ram():
    q = parse(
        "UD-Q4_K_XL (22.4 GB file; 18.3 GB of experts host-mapped, 2.75 GB resident), RTX 5060 Ti 16 GB"
    )
    assert q.vram_gb == 16 and q.ram_gb is None


def test_total_ram_is_system_ram_beside_the_vram_a_strix_halo_sets_aside():
    q = parse("For AMD aimax 395 with 128GB total RAM and 64GB VRAM, it only sees 64GB RAM")
    assert q.hardware.id == "radeon-8060s" and q.vram_gb == 64 and q.ram_gb == 128
    assert parse("3090 with 64gb total ram").ram_gb == 64


@pytest.mark.parametrize(
    "text",
    [
        # r/LocalLLaMA, a word processor's non-breaking hyphen in "GPT‑4"
        "Looking for the best open model to run locally, something close to GPT\u20114. "
        "My specs: 32 GB RAM, RTX 3080. Suggestions?",
        "best local model close to gpt-4o for my rtx 3080?",
        "is there anything as good as Claude or Gemini 2.5 Pro I can run on a 3080?",
    ],
)
def test_a_hosted_model_measured_against_is_no_model_of_the_question(text):
    """GPT-4, Claude and Gemini have no weights to run: naming them as the bar leaves a question
    for the models this machine runs, not "which gpt-oss do you mean"."""
    q = parse(text)
    assert q.model is None and q.unsure == []
    assert q.hardware.id == "rtx-3080" and q.intent == "best_model_for_hw"


def test_gpt4all_is_software_and_gpt_oss_still_a_model():
    assert parse("GPT4All runs Mistral q4 on my 6600M").unsure == []
    assert parse("gpt-oss-20b on my 4070 vs gpt-4o?").model.id == "gpt-oss-20b"


@pytest.mark.parametrize(
    ("text", "model"),
    [
        # r/LocalLLaMA: "I tried this model (mistralai/devstral-small-2507, 4Q_K_M quant ...)"
        ("mistralai/devstral-small-2507 on a RTX 6000 Pro", "devstral-small-1.1-24b"),
        ("Mistral AI Magistral Small 2509 on a 4090", "magistral-small-1.2-24b"),
        ("mistral devstral small 2507 on a 4090", "devstral-small-1.1-24b"),
    ],
)
def test_a_labs_name_before_its_model_is_the_maker_not_mistral_7b(text, model):
    q = parse(text)
    assert q.model.id == model and q.model_b is None


def test_a_lab_model_compared_with_another_of_the_lab_stays_a_model():
    q = parse("mistral vs devstral on a 4090?")
    assert (q.model.id, q.model_b.id) == ("mistral-7b", "devstral-small-24b")


@pytest.mark.parametrize(
    ("text", "model", "quant"),
    [
        # github issue: "the model used is https://ollama.com/library/gemma2:27b-text-q3_K_M"
        (
            "The gpu is rtx4090, model https://ollama.com/library/gemma2:27b-text-q3_K_M",
            "gemma-2-27b",
            "Q3_K_M",
        ),
        ("https://ollama.com/library/qwen3:30b-a3b on a 3090", "qwen3-30b-a3b", None),
    ],
)
def test_an_ollama_library_link_names_the_model_by_its_tag(text, model, quant):
    q = parse(text)
    assert q.model.id == model and q.quant == quant
    assert not any("ollama.com" in i for i in q.ignored)


def test_another_ollama_page_is_still_a_link_not_read():
    assert any("ollama.com/blog" in i for i in parse("see https://ollama.com/blog/x, 3090").ignored)
