"""The host of a GPU box as a question says it: the processor beside the card, the memory said."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fitengine.answers import ask
from fitengine.catalog import default_catalog
from fitengine.engine import analyze
from fitengine.hosts import with_memory
from fitengine.nlq import parse

CAT = default_catalog()


def _host(text: str):
    q = parse(text, CAT)
    return q.host.id if q.host else None, q.ram_speed_mts, q.ram_channels


@pytest.mark.parametrize(
    ("text", "host"),
    [
        ("what can I run on my 3060 with a 5600x and 32GB DDR4", "ryzen-5-5600x"),
        ("i9-13900k and 4080 with 64gb ram", "core-i9-13900k"),
        ("3060 12gb and 1080 8gb, 5950x 64gb ram", "ryzen-9-5950x"),
        ("3090 + 64gb ddr4, what model", "cpu-ddr4-2ch"),
        ("quad channel ddr4 and a 3090, what model", "cpu-ddr4-4ch"),
        ("4090 with 64gb of 6000 MT/s ram", "cpu-ddr5-2ch"),
        # a family without its model number: the kind of system most of its CPUs are, said so
        ("3090 with an epyc and 512gb", "cpu-ddr5-12ch"),
        ("4x 3090 on a threadripper with 256gb ddr4", "cpu-ddr4-4ch"),
        ("3090 with a quad-core cpu and ddr4", "cpu-ddr4-2ch"),
    ],
)
def test_the_processor_or_the_memory_said_beside_a_card_is_its_host(text, host):
    assert _host(text)[0] == host


def test_a_ddr_generation_said_beside_a_processor_that_takes_two_is_its_memory():
    # Alder Lake takes DDR4 or DDR5; the catalog lists DDR5 first
    q = parse("i7-12700k, 32gb ddr4 3200, rtx 3060 12gb, can i run qwen3 14b", CAT)
    assert q.host.id == "core-i7-12700k" and q.ram_generation == "DDR4"
    hw = with_memory(CAT.hardware[q.host.id], CAT, q.ram_speed_mts, q.ram_channels, "DDR4")
    assert hw.memory_type == "DDR4-3200" and hw.bandwidth_gbps == 51.2
    # no speed said: the generation's usual desktop speed (cpu-systems.yaml), not DDR5's
    hw = with_memory(CAT.hardware["core-i7-12700k"], CAT, None, None, "DDR4")
    assert hw.memory_type == "DDR4-3200"
    assert "DDR4-3200" in ask("i7-12700k with ddr4 and a 3060 12gb, qwen3 30b a3b?", CAT).message
    # the entry's own generation said changes nothing
    assert (
        with_memory(CAT.hardware["ryzen-5-5600x"], CAT, None, None, "DDR4")
        is CAT.hardware["ryzen-5-5600x"]
    )


def test_memory_speed_and_channels_are_read_as_said():
    assert _host("3090 + 64gb ddr5-6000 what model")[1:] == (6000, None)
    assert _host("4090 with 3200mhz ram 64gb")[1:] == (3200, None)
    assert _host("5090 with threadripper 7960x quad channel 256gb")[2] == 4
    assert _host("3090, 8-channel ddr4 epyc board")[2] == 8


@pytest.mark.parametrize(
    "text",
    [
        "m4 max 128gb with ddr5",  # a Mac's memory is its own
        "strix halo 128gb, ddr5",
        "can a 3090 run qwen3.6 27b",  # nothing said about the host
        "cpu only ddr4 64gb, what model",  # no GPU: the CPU is the device, not a host
        # a count of cards or of cores is no Core 2 Quad
        "quad 3090 build, can it run glm 4.5 air?",
        "3090 with a quad core cpu",
        "3090 with an 8 core cpu",
    ],
)
def test_no_host_where_there_is_no_separate_one(text):
    assert _host(text)[0] is None


def test_a_speed_without_a_ram_word_is_not_the_rams():
    assert _host("3090 at 1800mhz core clock")[1] is None


def test_with_memory_rates_the_ram_at_channels_times_speed_times_8_bytes():
    base = CAT.hardware["cpu-ddr5-2ch"]
    fast = with_memory(base, CAT, 6000, None)
    assert fast.bandwidth_gbps == pytest.approx(2 * 6000 * 8 / 1000)
    assert fast.inferred and fast.memory_type == "DDR5-6000"
    assert CAT.hardware[fast.id] is fast  # found again by id, as every later stage does
    quad = with_memory(CAT.hardware["ryzen-9-5950x"], CAT, None, 4)
    assert quad.bandwidth_gbps == pytest.approx(4 * 3200 * 8 / 1000)
    assert with_memory(base, CAT, 5600, 2) is base  # nothing said differs


def test_the_answer_uses_and_names_the_host_said():
    slow = ask("gpt-oss 120b on a 4090 with 64gb ddr4", CAT).reports[0]
    fast = ask("gpt-oss 120b on a 4090 with 64gb ddr5-6000", CAT).reports[0]
    assert slow.placement.kind == fast.placement.kind == "moe_offload"
    assert slow.decode_tok_s < fast.decode_tok_s
    assert "DDR4" in slow.hardware.name and "DDR5-6000" in fast.hardware.name
    assert slow.hardware.host is not None and slow.hardware.host.bandwidth_gbps == 51.2


def test_a_list_for_a_card_and_its_processor_names_the_processor():
    a = ask("what can I run on my 3060 with a 5600x and 32GB DDR4", CAT)
    assert "Ryzen 5 5600X" in a.message
    assert all(r.hardware.host and r.hardware.host.id == "ryzen-5-5600x" for r in a.reports)


def test_a_hosts_usual_ram_is_said_to_be_assumed():
    r = ask("qwen3.6 35b a3b on a 3060 with a 5600x", CAT).reports[0]
    assert any("assumed" in a for a in r.assumptions if "system RAM" in a)


_RAM_WORDS = st.sampled_from(["ddr4", "ddr5", "ram", "memory", "DDR5-", "lpddr5x ", ""])
_UNITS = st.sampled_from(["mhz", "MT/s", "mts", " MHz", ""])
_CHANNELS = st.sampled_from(
    ["quad channel", "8-channel", "octa channel", "12ch", "dual channel", ""]
)


@settings(max_examples=150, deadline=None)
@given(
    card=st.sampled_from(["3090", "rtx 4060", "2x 3090", "a 5090", "7900 xtx"]),
    ram=_RAM_WORDS,
    speed=st.integers(min_value=0, max_value=99999),
    unit=_UNITS,
    chan=_CHANNELS,
    filler=st.text(max_size=20),
)
def test_any_memory_wording_reads_a_sane_host_or_none(card, ram, speed, unit, chan, filler):
    q = parse(f"{card} with {chan} {ram}{speed}{unit} {filler} 64gb", CAT)
    assert q.ram_speed_mts is None or 1333 <= q.ram_speed_mts <= 12000
    assert q.ram_channels is None or 1 <= q.ram_channels <= 24
    if q.host is not None:
        host = with_memory(CAT.hardware[q.host.id], CAT, q.ram_speed_mts, q.ram_channels)
        assert host.kind == "cpu" and 0 < host.bandwidth_gbps < 2000


# --------------------------------------------------------------------------- a card by its memory


def test_a_card_said_by_its_memory_alone_is_as_fast_as_the_cards_sold_with_it():
    from fitengine.request import GENERIC_GPU_ID, sized_generic

    generic = CAT.hardware[GENERIC_GPU_ID]
    big = sized_generic(CAT, generic, 96)
    sold = sorted(
        h.bandwidth_gbps
        for h in CAT.hardware.values()
        if h.kind == "gpu" and h.vendor != "other" and h.sold_with(96)
    )
    assert big.bandwidth_gbps == sold[(len(sold) - 1) // 2]
    assert big.bandwidth_gbps > 1000 > generic.bandwidth_gbps  # an RTX PRO 6000, not a 3060 Ti
    assert big.id == GENERIC_GPU_ID and big.name == generic.name  # still said as a stand-in
    assert sized_generic(CAT, generic, None) is generic
    assert sized_generic(CAT, generic, 7777) is generic  # no card sold with it
    assert sized_generic(CAT, CAT.hardware["rtx-3090"], 96) is CAT.hardware["rtx-3090"]


def test_96gb_of_vram_runs_a_31b_model_at_a_high_quant_with_its_full_window():
    r = ask("gemma 4 31b on 96gb of vram, can I run the full 256k context?", CAT).reports[0]
    assert r.context >= 262144 and r.placement.kind == "gpu"
    assert CAT.quants[r.quant].bpw >= 6


# --------------------------------------------------------------------------- lists asked "how much context"


def test_which_model_and_how_much_context_shows_the_models_at_the_window_they_hold():
    a = ask("RAG over our company docs on a DGX Spark, which model and how much context?", CAT)
    plain = ask("RAG over our company docs on a DGX Spark, which model?", CAT)
    assert [r.model.id for r in a.reports] == [r.model.id for r in plain.reports]
    top = a.reports[0]
    assert top.context == min(plain.reports[0].safe_context, CAT.models[top.model.id].context)
    assert top.context > plain.reports[0].context and top.fit != "wont_fit"


# --------------------------------------------------------------------------- wording of the parse


def test_the_largest_qwen_asked_in_chinese_is_a_list_of_that_family():
    q = parse("请问在 RTX 5090 32GB 上，最多能部署哪个 Qwen 模型？内存：64GB DDR5", CAT)
    assert (q.intent, q.family, q.order) == ("best_model_for_hw", "qwen", "biggest")


def test_a_mixed_rig_names_its_processor_beside_its_cards():
    a = ask("best models for Amd 5950x 64GB ram, Nvidia 3060 12GB, and 1080 8GB", CAT)
    assert "RTX 3060" in a.message and "GTX 1080" in a.message and "5950X" in a.message


def test_a_cpu_only_system_with_its_memory_said_is_answered_for_several_models():
    # the host entry the memory said is inferred and remembered by id ("...-6000"); every path
    # that looks it up by id finds it, a comparison of two models on it included
    a = ask("cpu only, 96GB DDR5-6000: gemma 4 26b a4b or qwen 3.6 35b a3b?", CAT)
    assert a.intent == "compare" and len(a.reports) == 2
    assert all(r.placement.kind == "cpu" and r.fit != "wont_fit" for r in a.reports)
    assert all("6000" in r.hardware.name for r in a.reports)


# --------------------------------------------------------------------------- the host nobody said


@pytest.mark.parametrize(
    ("card", "memory"),
    [
        ("rtx-2080", "DDR4-3200"),  # 2018: an AM4 or 9th-gen Intel box
        ("rtx-3060", "DDR4-3200"),  # 2021
        ("rtx-3090", "DDR4-3200"),  # 2020
        ("rtx-4090", "DDR5-5600"),  # 2022: AM5 and Intel 13th gen
        ("rtx-5060-ti-16gb", "DDR5-5600"),
    ],
)
def test_a_card_nobody_said_the_host_of_sits_in_a_desktop_of_its_years(card, memory):
    from fitengine.hosts import assumed_host

    host = assumed_host(CAT.hardware[card], CAT)
    assert host is not None and host.memory_type == memory and host.channels == 2


def test_a_device_that_is_its_own_host_gets_none():
    from fitengine.hosts import assumed_host

    for dev in ("m2-max-38c", "cpu-ddr5-2ch"):
        assert assumed_host(CAT.hardware[dev], CAT) is None


def test_experts_in_a_3060s_ram_are_read_at_ddr4_speed_and_the_answer_says_what_ddr5_gives():
    from fitengine.engine import analyze

    said = dict(quant="Q4_K_M", ram_gb=64, catalog=CAT)
    r = analyze("qwen3.6-35b-a3b", "rtx-3060", **said)
    ddr4 = analyze("qwen3.6-35b-a3b", "rtx-3060", host="ddr4", **said)
    ddr5 = analyze("qwen3.6-35b-a3b", "rtx-3060", host="ddr5", **said)
    assert r.placement.kind == "moe_offload"
    assert r.decode_tok_s == ddr4.decode_tok_s < ddr5.decode_tok_s
    host = next(a for a in r.assumed if a.what == "host")
    assert "DDR4-3200" in host.value and "DDR5-5600" in host.effect
    assert f"~{round(ddr5.decode_tok_s)} tok/s with" in host.effect
    assert any("DDR4-3200 speed (51.2 GB/s)" in a for a in r.assumptions)
    # said, it is no assumption
    assert not any(a.what == "host" for a in ddr5.assumed)


def test_a_model_all_on_the_gpu_assumes_nothing_about_the_host():
    from fitengine.engine import analyze

    r = analyze("qwen3.5-9b", "rtx-3060", catalog=CAT)
    assert r.placement.kind == "gpu" and not any(a.what == "host" for a in r.assumed)


def test_more_ram_than_a_desktop_holds_is_read_over_a_servers_channels(cat):
    """512 GB beside a 4090 is no desktop's (a desktop board holds 256 GB at most): what the GPU
    leaves in RAM is read over a server's eight channels, and the card says it assumed one."""
    big = analyze("qwen3.5-397b-a17b", "rtx-4090", ram_gb=512, catalog=cat)
    desk = analyze("qwen3.5-397b-a17b", "rtx-4090", ram_gb=256, catalog=cat)
    assert big.hardware.host is not None and "8-channel" in big.hardware.host.name
    assert big.decode_tok_s > desk.decode_tok_s
    assert any("a server assumed" in a for a in big.assumptions)
    # a named host stays the one named
    named = analyze("kimi-k2.5", "rtx-4090", ram_gb=512, host="epyc-9554", catalog=cat)
    assert named.hardware.host.id == "epyc-9554"


def test_a_laptop_parts_assumed_host_is_called_a_laptop():
    from fitengine import analyze

    r = analyze("qwen3.6-35b-a3b", "rtx-3070-laptop", ram_gb=32)
    assert any("usual memory of a laptop built around" in a for a in r.assumptions)


def test_more_channels_than_the_processor_has_are_used_as_said_and_the_real_count_said():
    """ "8-channel" on a quad-channel Threadripper 7980X: the person's figure decides the speed,
    and the answer says the processor has 4 and what that would change; a count it has, or a
    generic system's, says nothing."""
    from fitengine.answers import ask

    cat = default_catalog()
    a = ask("threadripper 7980x with 8-channel ddr5-5200 and 256gb: how fast is deepseek v3?", cat)
    assert "with 8-channel DDR5-5200" in a.reports[0].hardware.name
    assert any("has 4 memory channels, not 8" in n for n in a.query.assumed)
    assert "about 50%" in a.message
    for text in (
        "threadripper 7980x quad channel ddr5 256gb: deepseek v3?",
        "8-channel ddr5 server with 512gb: deepseek v3?",
    ):
        assert "memory channels, not" not in ask(text, cat).message


def test_a_family_said_of_a_laptop_is_a_laptop_system_and_its_note_says_so():
    """ "my i7 laptop" read the family as a desktop system, then the CPU-only reading swapped in
    the laptop system: the card's note named the desktop and the laptop one after the other."""
    q = parse("can my i7 laptop with 16GB ram run qwen3 8b?", CAT)
    assert CAT.hardware[q.hardware.id].form == "laptop"
    notes = " ".join(q.assumed)
    assert "laptop i7" in notes and "Desktop" not in notes
    # a desktop said stays the desktop system
    q = parse("i7 desktop 32gb ram, best model for coding?", CAT)
    assert CAT.hardware[q.hardware.id].form == "desktop"


@pytest.mark.parametrize(
    "text, system",
    [
        # no desktop board takes 256 GB of DDR4 (four slots of 32 GB) nor 1 TB of anything
        ("CPU only server with 256GB DDR4, what can I run?", "cpu-ddr4-8ch"),
        ("cpu only, 512gb ram, best model", "cpu-ddr4-8ch"),
        ("cpu only 512gb ddr5 deepseek v3", "cpu-ddr5-12ch"),
        # ... while a desktop holds these: its two channels stay
        ("cpu only with 64gb ddr4 what can I run", "cpu-ddr4-2ch"),
        ("cpu only, 192gb ddr5", "cpu-ddr5-2ch"),
    ],
)
def test_a_cpu_only_machine_with_more_ram_than_a_desktop_takes_is_a_server(text, system):
    q = parse(text, CAT)
    assert q.hardware.id == system
    if CAT.hardware[system].form == "server":
        assert any("more RAM than a desktop board takes" in n for n in q.assumed)


def test_ram_alone_past_a_desktop_board_is_answered_on_a_server_and_says_so():
    """ "kimi k2 on 1TB ram" ran on a dual-channel desktop at ~3 tok/s: no desktop holds 1 TB."""
    a = ask("can I run kimi k2 on 1TB ram", CAT)
    assert "Server CPU" in a.reports[0].hardware.name
    said = [x for x in a.reports[0].assumed if x.what == "hardware"]
    assert said and "more RAM than a desktop board takes" in said[0].effect
    # 256 GB is a desktop's since 64 GB DDR5 modules (four slots)
    a = ask("what can I run with 256gb ram", CAT)
    assert "Desktop CPU" in a.reports[0].hardware.name
