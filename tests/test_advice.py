"""Advice an expert would give (issue 8): the behaviours of best_models / best_hardware and of the
memory the advice relies on, each pinned by the case that showed it."""

from __future__ import annotations

import pytest

from fitengine import constants as C
from fitengine.advise import best_hardware, best_models
from fitengine.answers import ask
from fitengine.engine import analyze


def test_a_gpu_box_leaves_its_desktop_4_gib_of_system_ram(cat):
    """A 16 GB gaming laptop keeps ~4 GB for Windows and its apps (4.3 GB with office apps
    open): experts offloaded to RAM may use the rest, not 14 of 16 GB."""
    p = analyze("qwen3.6-35b-a3b", "rtx-4060-laptop", ram_gb=16, catalog=cat).placement
    assert p.kind == "moe_offload"
    want = (16 - C.HOST_DESKTOP_RESERVE_GIB) * C.GIB / 1e9
    assert p.ram_available_gb == pytest.approx(want, abs=0.01)
    assert p.ram_needed_gb <= p.ram_available_gb
    # a big RAM keeps a share of itself instead (10% of 256 GB is more than 4 GiB)
    p = analyze("qwen3.5-397b-a17b", "rtx-4090", ram_gb=256, catalog=cat).placement
    assert p.ram_available_gb == pytest.approx(256 * 0.9 * C.GIB / 1e9, abs=0.01)


def test_a_moe_with_experts_in_ram_does_not_hide_the_dense_model_that_fits_in_vram(cat):
    """A 35B-A3B with its experts in RAM and a 9B that fits an 8 GB card are two choices (one
    size per family counts dense and MoE apart, by the memory they need)."""
    ids = [r.model.id for r in best_models("rtx-4060-laptop", ram_gb=16, catalog=cat)]
    assert "qwen3.6-35b-a3b" in ids and "qwen3.5-9b" in ids, ids
    ids = [r.model.id for r in best_models("rtx-3090", ram_gb=64, limit=12, catalog=cat)]
    dense = [i for i in ids if cat.models[i].family == "qwen" and not cat.models[i].is_moe]
    moe = [i for i in ids if cat.models[i].family == "qwen" and cat.models[i].is_moe]
    assert dense and moe, ids


def test_a_server_host_reads_the_experts_at_its_memory_channels(cat):
    """The experts of a 1T MoE in an EPYC 9554's 12 DDR5 channels (460.8 GB/s) decode faster
    than in a desktop's two (89.6 GB/s); the host's RAM is the default and the card says so."""
    # (384 GB is no desktop's: without a host named it would be read as a server's)
    desk = analyze(
        "kimi-k2.5", "rtx-3090", ram_gb=384, host="cpu-ddr5-2ch", quant="UD-Q2_K_XL", catalog=cat
    )
    epyc = analyze("kimi-k2.5", "rtx-3090", host="epyc 9554", quant="UD-Q2_K_XL", catalog=cat)
    assert epyc.placement.kind == desk.placement.kind == "moe_offload"
    assert epyc.decode_tok_s > 1.5 * desk.decode_tok_s
    assert epyc.hardware.host.id == "epyc-9554"
    assert epyc.hardware.ram_gb == cat.hardware["epyc-9554"].memory_gb
    assert epyc.hardware.name.endswith("+ AMD EPYC 9554")
    assert any("460.8 GB/s" in a for a in epyc.assumptions)


def test_a_host_is_a_cpu_of_a_gpu_box(cat):
    from fitengine.engine import EngineError

    with pytest.raises(EngineError, match="not a CPU"):
        analyze("qwen3.6-35b-a3b", "rtx-3090", host="m2 max", catalog=cat)
    with pytest.raises(EngineError, match="not a GPU"):
        analyze("qwen3.6-35b-a3b", "m2-max-38c", host="epyc 9554", catalog=cat)


def test_a_1t_model_at_home_is_a_mac_or_a_gpu_in_a_server_with_the_ram(cat):
    """Kimi K2.5 at home: a 512 GB Mac Studio, or a consumer GPU in a server whose 8-12 memory
    channels hold the experts; never a desktop with more RAM than its two channels take."""
    rs = best_hardware("kimi-k2.5", catalog=cat)
    hybrid = [r for r in rs if r.placement.kind == "moe_offload"]
    assert any(r.hardware.kind == "apple" for r in rs)
    assert hybrid and all(r.hardware.host is not None for r in hybrid)
    assert all(r.hardware.ram_gb >= 384 for r in hybrid)


def test_a_desktop_hybrid_stays_within_a_desktops_256_gb(cat):
    for model in ("deepseek-v4-flash", "qwen3.5-122b-a10b", "glm-5"):
        for r in best_hardware(model, catalog=cat):
            if (
                r.hardware.kind == "gpu"
                and r.placement.kind == "moe_offload"
                and not r.hardware.host
            ):
                assert r.hardware.ram_gb <= 256, (model, r.hardware.name)


def test_a_shared_memory_box_keeps_the_model_in_the_gpus_share(cat):
    """A DGX Spark maps all but the OS's share to its GPU: Qwen3.5 122B runs there at Q4 (35
    tok/s), not at Q8_0 with experts 'in system RAM', which is the OS's own share."""
    r = analyze("qwen3.5-122b-a10b", "dgx-spark", workload="rag", catalog=cat)
    assert r.fit in ("runs_well", "tight") and r.placement.kind == "unified", r.quant
    # asked for, the bigger quant still runs that way, and the card says so
    big = analyze("qwen3.5-122b-a10b", "dgx-spark", quant="Q8_0", catalog=cat)
    assert big.placement.kind == "moe_offload"


def test_within_the_indexs_noise_the_bigger_model_comes_first(cat):
    """On a 128 GB Strix Halo the AA index rates Qwen3.6 35B-A3B level with the 100B+ MoEs
    (within the 7.5% by which its v4.0 and v4.1 disagree): the bigger model leads, the 35B-A3B
    stays in the list as the fast one."""
    ids = [r.model.id for r in best_models("radeon-8060s", catalog=cat)]
    assert cat.models[ids[0]].params_b >= 100, ids
    assert "qwen3.6-35b-a3b" in ids[:5], ids


def test_a_much_bigger_newer_model_is_no_new_generation_of_a_small_one(cat):
    from fitengine.advise import _superseded

    m = cat.models
    assert _superseded(m["qwen3.6-35b-a3b"], [m["qwen3.8-flash-next"]], None, cat) is None
    assert _superseded(m["qwen3.5-35b-a3b"], [m["qwen3.6-35b-a3b"]], None, cat) is not None


def test_fastest_runs_each_model_at_its_fastest_good_quant(cat):
    """'Fastest decent model for a 16 GB card': a small-active MoE at a Q4-class quant with few
    experts in RAM (70+ tok/s), not the Q6 the balanced recommendation takes at 50."""
    from fitengine.advise import GOOD_QUANT, _quant_quality

    rs = best_models(None, vram_gb=16, order="fastest", catalog=cat)
    assert rs[0].decode_tok_s >= 60, [(r.model.id, r.quant, r.decode_tok_s) for r in rs]
    assert all(_quant_quality(r, cat) >= GOOD_QUANT for r in rs[:5])
    speeds = [r.decode_tok_s for r in rs]
    assert speeds == sorted(speeds, reverse=True)


def test_a_moe_already_offloading_experts_holds_the_context_the_offload_holds(cat):
    """At 64K a 180B-A6B on 48 GB runs with the experts of two layers in RAM: its safe context is
    what fits that way, not the 7K that would fit with nothing in RAM ("only 7K context fits")."""
    r = analyze("qwen3.8-flash-next", None, vram_gb=48, workload="agentic", catalog=cat)
    assert r.placement.kind == "moe_offload"
    assert r.safe_context_on == "offload" and r.safe_context >= 65536
    assert "context fits" not in r.reason


def test_a_rag_list_says_how_much_context_each_model_holds(cat):
    from fitengine.answers import ask

    a = ask("RAG over our company docs on a DGX Spark, which model and how much context?", cat)
    assert a.reports and "context" in a.message.split(":", 1)[1]


def test_a_slow_device_lists_the_better_models_that_run_at_reading_speed(cat):
    """On a Raspberry Pi 5 the 2B class decodes ~7-8 tok/s, under chat's 10 but above reading
    speed; keeping to the floor would leave 0.1-0.3B toys: the list leads with the 2B class,
    says it is slow, and leaves out models with a third of the best one's quality."""
    from fitengine.answers import ask
    from fitengine.quality import model_quality

    rs = best_models("raspberry-pi-5", vram_gb=8, catalog=cat)
    assert 1.5 <= rs[0].model.params_b <= 6, [r.model.id for r in rs]
    assert rs[0].fit_label == "Fits, but slow"
    q = [model_quality(cat.models[r.model.id], cat).value for r in rs]
    assert all(x >= max(q) / 3 for x in q), q
    a = ask("raspberry pi 5 8gb, what model can it run at an ok speed?", cat)
    assert a.message.startswith("Best on") and "reading speed" in a.message


def test_cheapest_never_prices_a_server_at_its_graphics_card(cat):
    """A GPU in an EPYC box costs the server, its board and its RAM too, which the catalog does
    not price: 'cheapest' lists what has a known price (a desktop's cards), and only when nothing
    has one the routes in their order (a 512 GB Mac first for a 1T model)."""
    rs = best_hardware("deepseek-v4-flash", order="price", catalog=cat)
    assert rs and all(r.hardware.host is None for r in rs)
    rs = best_hardware("kimi-k2.6", order="price", catalog=cat)
    assert rs and rs[0].hardware.kind == "apple"


def test_best_models_on_a_gpu_in_a_server_use_the_servers_ram(cat):
    """A 3090 in an EPYC 9554 box with 768 GB: the list reaches the 200B+ MoEs the server's RAM
    holds and reads fast enough, each card naming the host."""
    rs = best_models("rtx-3090", host="epyc 9554", ram_gb=768, limit=5, catalog=cat)
    assert rs and all(r.hardware.host and r.hardware.host.id == "epyc-9554" for r in rs)
    assert any(r.model.params_b >= 200 and r.placement.kind == "moe_offload" for r in rs)


def test_hardware_for_a_long_context_counts_the_q8_0_cache_lever(cat):
    """A 27B at 128K needs ~26 GB with an f16 cache, ~22 GB with q8_0: a 24 GB card that holds
    it with the q8_0 cache is on the list, and the answer says why."""
    from fitengine.answers import ask

    rs = best_hardware("qwen3.6-27b", context=131072, catalog=cat)
    cards = [r for r in rs if r.hardware.kind == "gpu" and r.hardware.memory_gb == 24]
    assert cards and all(r.kv_type == "q8_0" for r in cards)
    a = ask("what gpu for qwen3.6 27b at 128k context", cat)
    assert "with a q8_0 KV cache" in a.message


def test_a_mac_never_gives_a_model_the_memory_macos_needs(cat):
    """gpt-oss-120b's 63 GB of MXFP4 on a 64 GB Mac: moving experts to the CPU side takes the
    same chips the OS needs, so it does not fit, and the card offers what does."""
    r = analyze("gpt-oss-120b", "m4-max-40c", vram_gb=64, quant="MXFP4", catalog=cat)
    assert r.fit == "wont_fit"
    assert r.memory.available_gb <= (64 - C.APPLE_RAISED_RESERVE_GIB) * C.GIB / 1e9 + 0.01


def test_the_ram_of_a_shared_memory_laptop_is_its_gpus_memory(cat):
    """'a 680M with 32 GB of RAM' is a 32 GB device: a 26B-A4B MoE runs there, not only 4B."""
    r = analyze("gemma-4-26b-a4b", "radeon-680m", ram_gb=32, catalog=cat)
    assert r.hardware.memory_gb == 32
    ids = [x.model.id for x in best_models("radeon-680m", ram_gb=32, limit=3, catalog=cat)]
    assert any(cat.models[i].is_moe and cat.models[i].params_b > 20 for i in ids), ids


def test_a_renamed_gpt_oss_file_is_graded_as_what_is_inside(cat):
    """unsloth's gpt-oss 'Q2_K' keeps the experts MXFP4: it loses far less than a Q2_K, still
    more than the native file, which stays the pick."""
    r = analyze("gpt-oss-120b", "2x rtx-3090", ram_gb=64, catalog=cat)
    rows = {q.quant: q for q in r.quants}
    assert rows["Q2_K"].quality > 60 > cat.quants["Q2_K"].quality
    assert rows["Q2_K"].quality < rows["Q4_K_M"].quality < rows["MXFP4"].quality == 100
    assert r.quant == "MXFP4"


def test_a_two_bit_quant_is_never_an_a(cat):
    r = analyze("qwen3.6-35b-a3b", "rtx-3060", quant="UD-IQ2_XXS", context=8192, catalog=cat)
    assert r.fit == "runs_well"
    assert r.grade not in ("S", "A")
    assert "quant" in r.reason


def test_a_good_quant_on_the_gpu_beats_a_better_one_with_experts_in_ram(cat):
    """Qwen3.6-35B-A3B on a 3090 with 64 GB: Q4 at ~135 tok/s on the card, not Q8_0 at half
    that with experts in RAM."""
    r = analyze("qwen3.6-35b-a3b", "rtx-3090", ram_gb=64, catalog=cat)
    assert r.placement.kind == "gpu"
    assert 4.5 <= next(q.bpw for q in r.quants if q.quant == r.quant) < 6


def test_best_models_for_a_mixed_rig_counts_both_cards(cat):
    rs = best_models(
        None, setup=(("rtx-3060", 1, None), ("gtx-1080", 1, None)), ram_gb=64, catalog=cat
    )
    assert rs and all(r.hardware.parts for r in rs)


def test_which_mac_lists_the_macs_sold_new_first_one_row_per_chip(cat):
    """A Mac bought today is a current chip (MacBook Pro or Mac Studio alike), the smallest memory
    that holds the model first; a used M1/M2 Ultra comes after them, and a 48-core and a 64-core
    of one chip at one bandwidth and size are one row."""
    rs = best_hardware("qwen3.6-27b", kind="apple", catalog=cat)
    chips = [cat.hardware[r.hardware.id] for r in rs]
    assert all(hw.year >= 2024 for hw in chips[:4]), [hw.id for hw in chips]
    rows = [
        (hw.arch, hw.bandwidth_gbps, r.memory.available_gb) for hw, r in zip(chips, rs, strict=True)
    ]
    assert len(rows) == len(set(rows)), rows


def test_within_the_indexs_noise_room_to_spare_comes_before_a_tight_fit(cat):
    """Two picks the index cannot tell apart (within INDEX_TIE_SHARE of each other): the one that
    runs with room comes before the tight fit, though the tight one is worth a little more."""
    from types import SimpleNamespace

    from fitengine.advise import INDEX_TIE_SHARE, _ties_by_size

    def pick(mid: str, fit: str, worth: float):
        r = SimpleNamespace(model=SimpleNamespace(id=mid), quant="IQ4_XS", fit=fit)
        return ((False, -worth, -30.0), r, cat.models[mid])

    tight = pick("minimax-m3", "tight", 40.0)
    roomy = pick("minimax-m2.7", "runs_well", 40.0 * (1 - INDEX_TIE_SHARE / 2))
    ranked = _ties_by_size([tight, roomy], cat)
    assert [x[2].id for x in ranked] == ["minimax-m2.7", "minimax-m3"]


def test_a_426b_moe_runs_with_room_at_its_3_bit_dynamic_quant(cat):
    """On a 256 GB Mac MiniMax M3 (426B-A23B) is listed at one of unsloth's 3-bit dynamic mixes
    (its guide recommends UD-IQ3_XXS, 159 GB), which fits macOS's default GPU share, not at
    IQ4_XS with the wired limit raised: its routed experts are squeezed, attention and shared
    weights are not, and it loses little."""
    rs = {r.model.id: r for r in best_models("m3-ultra-80c", vram_gb=256, catalog=cat)}
    m3 = rs["minimax-m3"]
    assert m3.quant.startswith(("UD-Q3", "UD-IQ3")) and m3.fit == "runs_well", (m3.quant, m3.fit)


def test_a_family_filter_keeps_a_list_to_that_family(cat):
    rs = best_models("rtx-5090", ram_gb=64, family="qwen", order="biggest", catalog=cat)
    assert rs and all(cat.models[r.model.id].family == "qwen" for r in rs)
    assert cat.models[rs[0].model.id].params_b >= 80, rs[0].model.id


def test_a_mac_to_buy_holds_the_model_in_its_gpus_share(cat):
    """A 32 GB Mac does not hold Qwen3.6 35B-A3B at 128K in its GPU's share; "experts in system
    RAM" there is the same memory, so the Mac offered is one whose share holds it."""
    rs = best_hardware("qwen3.6-35b-a3b", context=131072, kind="apple", catalog=cat)
    assert rs and all(r.placement.kind != "moe_offload" for r in rs), [
        (r.hardware.id, r.placement.kind) for r in rs
    ]


def test_how_many_cards_past_what_a_board_holds_offers_what_the_most_run(cat):
    """Qwen3.5 397B at Q4_K_M needs ten 3090s, more than a board takes: the answer leads with
    eight at the quant that fits them (~3 bits), then the ten."""
    rs = best_hardware("qwen3.5-397b-a17b", hardware="rtx-3090", catalog=cat)
    assert [r.hardware.count for r in rs][:1] == [8], [(r.hardware.count, r.quant) for r in rs]
    assert rs[0].quant != "Q4_K_M" and rs[0].fit != "wont_fit"
    # a model that needs no more than a board holds gets the one answer
    assert len(best_hardware("qwen3.6-27b", hardware="rtx-3090", catalog=cat)) == 1


def test_the_cheap_way_to_a_small_moe_is_a_12_gb_card_with_its_experts_in_ram(cat):
    """Qwen3.6 35B-A3B needs ~22 GB: one 24 GB card holds it, and the cheapest way people run it
    is a 12 GB card with --n-cpu-moe and the RAM the PC has, which the hardware list offers."""
    rs = best_hardware("qwen3.6-35b-a3b", order="price", catalog=cat)
    hybrid = [r for r in rs if r.placement.kind == "moe_offload"]
    assert hybrid and hybrid[0].hardware.memory_gb <= 16, [(r.hardware.id, r.fit) for r in rs]
    assert rs[0].placement.kind == "moe_offload"


def test_how_many_cards_counts_the_cards_that_hold_the_model(cat):
    """'how many MI50 32GB for Qwen3.5 122B-A10B': ~77 GB at Q4_K_M is three cards on the GPUs;
    two with experts in an assumed 32 GB of RAM is not the count asked for."""
    rs = best_hardware("qwen3.5-122b-a10b", hardware="mi50-32gb", catalog=cat)
    assert rs and rs[0].hardware.count == 3
    assert rs[0].placement.kind != "moe_offload"


def test_no_rig_of_many_cards_when_a_desktop_runs_the_model(cat):
    """gpt-oss-120b runs on one card with its experts in RAM, or on a Strix Halo: four 16 GB
    cards on a server board or risers is not a setup to offer, in either order."""
    for order in ("route", "price"):
        rs = best_hardware("gpt-oss-120b", order=order, catalog=cat)
        assert rs and all(r.hardware.count <= 2 for r in rs if r.hardware.kind == "gpu"), order


def test_which_laptop_offers_laptops_only(cat):
    """'which laptop should I buy for Qwen3.6 35B-A3B': laptop GPUs and MacBook chips, one device
    each, never desktop cards or several of them."""
    from fitengine.answers import ask

    a = ask("which laptop should I buy to run qwen3.6 35b a3b?", cat)
    assert a.reports and all(r.hardware.count == 1 for r in a.reports)
    assert all(cat.hardware[r.hardware.id].form == "laptop" for r in a.reports)


def test_lists_grade_the_workload_they_are_for(cat):
    """A best-model list and a hardware list both show the chat grade when no workload is asked,
    not the weighing of all five workloads in one and chat in the other."""
    for r in [
        *best_models("rtx-3060", limit=3, catalog=cat),
        *best_hardware("qwen3.6-27b", catalog=cat),
    ]:
        chat = next(w for w in r.workloads if w.id == "chat")
        assert r.workload == "chat" and r.list_grade == chat.grade


def test_a_model_stock_llama_cpp_cannot_load_is_no_pick_but_its_card_says_where_it_runs(cat):
    """GLM-5.3-Flash ran only in ik_llama.cpp and Unsloth's fork when it came out: a list that
    offered it would hand out commands that stop at "unknown model architecture"."""
    pending = [m.id for m in cat.models.values() if m.pending_llama_cpp is not None]
    assert "glm-5.3-flash" in pending
    for hw, gpus in (("m3-ultra-80c", 1), ("rtx-pro-6000-blackwell", 2)):
        ids = [r.model.id for r in best_models(hw, gpus=gpus, catalog=cat)]
        assert not set(ids) & set(pending), ids
    r = analyze("glm-5.3-flash", "m3-ultra-80c", catalog=cat)
    assert any("Stock llama.cpp does not load" in w and "ik_llama.cpp" in w for w in r.warnings)


def test_a_wont_fit_headline_says_what_the_model_needs_not_what_the_gpu_holds(cat):
    """ "won't fit, 22.6 of 25.3 GB" read like a fit: the headline gives the whole need against
    the VRAM and RAM there are."""
    msg = ask("can my 3090 run deepseek v4 flash", cat).message
    assert msg.startswith("No:")
    need = float(msg.split("needs ")[1].split(" GB")[0])
    assert need > 100 and "GB of RAM free" in msg
    # one memory pool (a CPU board) is one figure
    msg = ask("can a raspberry pi 5 8gb run qwen3.6 27b", cat).message
    assert "won't fit, needs" in msg and "of RAM free" not in msg
    # and so is a Mac's: its GPU share and the rest of its RAM are the same memory
    msg = ask("can a m3 ultra 512gb run deepseek v4 pro", cat).message
    assert "won't fit, needs" in msg and "of RAM free" not in msg


def test_deepseek_v4_alone_is_the_family_answered_side_by_side_on_the_setup(cat):
    """ "deepseek v4" names Flash (284B) as much as Pro (1.6T), each at its newest checkpoint
    (Flash 0731, Pro 0813): on a 512 GB Mac the one worth most there comes first, and the other's
    memory is counted in the Mac's one memory pool."""
    from fitengine.answers import _memory_cell
    from fitengine.units import sold_gb

    a = ask("can I run deepseek v4 on a mac studio m3 ultra 512gb", cat)
    assert [r.model.id for r in a.reports] == ["deepseek-v4-flash-0731", "deepseek-v4-pro-0813"]
    pro = a.reports[1]
    pool = 512 - C.APPLE_CPU_SIDE_RESERVE_GIB  # all the Mac's memory but what the system keeps
    assert _memory_cell(pro) == f"{sold_gb(pro.memory.total_gb):.1f}/{pool:.1f}"  # not "+ RAM"


# --------------------------------------------------------------------------- slow, but used


def test_a_big_moe_at_reading_speed_is_slow_but_usable_not_unusable(cat):
    """DeepSeek V4 Pro on a 768 GB EPYC decodes ~8 tok/s: graded D (the first token is slow), and
    what people run for chat all the same; the headline says what holds it back."""
    from fitengine.advise import READING_TOK_S
    from fitengine.answers import ask

    a = ask("deepseek v4 pro on epyc 9654 with 768gb ddr5", cat)
    r = a.reports[0]
    assert r.grade in ("D", "F") and r.decode_tok_s >= READING_TOK_S
    assert a.message.startswith("Yes, but slowly:")
    chat = next(w for w in r.workloads if w.id == r.workload)
    assert chat.reason in a.message and "too slowly" not in a.message


def test_a_dense_70b_on_a_desktop_cpu_is_too_slow_to_read_and_says_so(cat):
    from fitengine.answers import ask

    a = ask("llama 3.3 70b on my ryzen 7 7700x with 64gb ddr5", cat)
    assert a.reports[0].decode_tok_s < 5
    assert a.message.startswith("It fits, but too slowly to use:")
    assert "slower than people read" in a.message


def test_a_best_list_skips_a_smaller_dense_sibling_when_the_bigger_one_is_already_fast(cat):
    """On a 24 GB RTX 4090 Qwen3.8 27B decodes at the speed chat wants (Q6_K, ~33 tok/s): a Qwen
    9B beside it is only faster, and its slot goes to another choice (with 64 GB of RAM, a MoE
    with experts in RAM). (A 3090 now takes the 27B at Q6_K at ~30 tok/s, on the edge.)"""
    ids = [r.model.id for r in best_models("rtx-4090", ram_gb=64, limit=5, catalog=cat)]
    dense_qwen = [i for i in ids if cat.models[i].family == "qwen" and not cat.models[i].is_moe]
    assert dense_qwen == ["qwen3.8-27b"], ids
    assert any(
        r.placement.kind == "moe_offload"
        for r in best_models("rtx-4090", ram_gb=64, limit=5, catalog=cat)
    )
    # where the bigger one is slow (layers in RAM, a small card) the smaller stays a choice
    small = [r.model.id for r in best_models("rtx-3060", limit=8, catalog=cat)]
    assert any(cat.models[i].params_b < 10 for i in small), small


def test_two_machines_of_one_memory_pool_are_one_cluster_joined_over_rpc(cat):
    """ "2x DGX Spark": two machines joined over their ConnectX-7 with llama.cpp's RPC backend,
    whose memory adds up (a 320B MoE at Q5 that one Spark holds only at Q2); the commands start
    an rpc-server on the other machine and point llama-server at it."""
    a = ask("2x dgx spark, what can I run", cat)
    assert a.intent == "best_model_for_hw" and len(a.reports) >= 3
    assert all(r.hardware.count == 2 for r in a.reports)
    both = ask("glm 5.3 flash on 2x dgx spark", cat).reports[0]
    one = ask("glm 5.3 flash on a dgx spark", cat).reports[0]
    assert both.memory.available_gb > 1.9 * one.memory.available_gb
    assert both.fit == "runs_well" and cat.quants[both.quant].bpw > cat.quants[one.quant].bpw
    assert "rpc-server" in both.commands.llama_cpp and "--rpc " in both.commands.llama_cpp
    assert any("ConnectX-7" in x for x in both.assumptions)
    assert ask("2x 3090 best model", cat).reports[0].hardware.count == 2


@pytest.mark.parametrize(
    "text",
    [
        "6x RTX 3090 (144GB VRAM): what is the most capable model I can fit? GLM-4.7 at IQ1_M?",
        "can my macbook air m4 16gb run qwen3.6 27b?",
        "will glm 4.7 run on a 4090 with 64gb ram",
    ],
)
def test_the_other_model_offered_runs_well_only_where_its_own_card_says_so(cat, text):
    # "X is the best model that runs well here" was said of a model whose own card reads
    # EXPERT OFFLOAD: the words follow that model's fit at the quant offered
    a = ask(text, cat)
    r = a.reports[0]
    step = next(s for s in r.next_steps if s.kind == "other_model")
    own = analyze(
        step.model_id, r.hardware.id, gpus=r.hardware.count, quant=step.quant, catalog=cat
    )
    assert ("runs well here" in step.text) == (own.fit_label == "Runs well")


def test_how_big_a_model_beside_two_named_is_answered_with_the_biggest_that_run():
    """ "How many parameters can run on 64GB? Hopefully GLM-5.2 or Qwen3-MoE would run": the two
    named side by side, what runs there said as of the two (not that nothing else would), and the
    biggest models that do run, the size asked."""
    from fitengine.answers import ask
    from fitengine.catalog import default_catalog

    cat = default_catalog()
    text = (
        "I tried it on a M2 Max with 64G of RAM. How many parameters can run on 64GB RAM? "
        "Hopefully GLM-5.2 or Qwen3-MoE would run."
    )
    a = ask(text, cat)
    assert "Qwen3 30B-A3B runs there; GLM-5.2 (744B-A40B) does not." in a.message
    assert "The biggest that run here:" in a.message
    extra = [r for r in a.reports if r.model.id not in ("glm-5.2", "qwen3-30b-a3b")]
    assert extra and all(r.fit != "wont_fit" and r.model.params_b > 100 for r in extra)


def test_models_asked_for_beside_two_named_name_the_best_for_the_work_too():
    """ "Which small local models are good enough for coding? is gemma 4 26b or 31b enough on a
    24gb card?": the two side by side, and the best coding model that runs there when it is
    neither; a plain "A or B for coding" keeps to the two."""
    from fitengine.answers import ask
    from fitengine.catalog import default_catalog

    cat = default_catalog()
    a = ask(
        "which small local models are good enough for coding? is gemma 4 26b or 31b enough "
        "for local development on a 24gb card?",
        cat,
    )
    assert "For coding, the best that runs here:" in a.message
    assert len(a.reports) == 3 and a.reports[2].model.id not in ("gemma-4-26b-a4b", "gemma-4-31b")
    b = ask("gemma 4 26b or qwen3.6 35b on my 3090 for coding?", cat)
    assert len(b.reports) == 2 and "the best that runs here" not in b.message


def test_a_small_mac_does_not_lead_with_a_3_bit_moe_past_its_wired_limit(cat):
    """A 16 GB MacBook Air: Gemma 4 26B-A4B fits only at UD-IQ3_XXS with macOS's GPU limit
    raised. Below Q4 a model under ~70B loses what it knows fast, and a tight fit has no room for
    the chat to grow: a model that runs with room at Q4 or better leads."""
    top = best_models("m4", vram_gb=16, catalog=cat)[0]
    assert top.fit == "runs_well" and cat.models[top.model.id].params_b <= 14, (
        top.model.id,
        top.quant,
        top.fit,
    )


def test_below_a_good_quant_worth_falls_faster_than_above_it():
    """Each point of quant quality lost above Q4-class costs QUANT_KEEPS_FLOOR's 0.4 of a point
    of worth; below it, QUANT_KEEPS_LOW_SLOPE's; the two meet at GOOD_QUANT."""
    from fitengine.advise import GOOD_QUANT, QUANT_KEEPS_LOW_SLOPE, quant_keeps

    assert quant_keeps(100.0) == pytest.approx(1.0)
    above = quant_keeps(GOOD_QUANT + 10) - quant_keeps(GOOD_QUANT)
    below = quant_keeps(GOOD_QUANT) - quant_keeps(GOOD_QUANT - 10)
    assert above == pytest.approx(0.04)
    assert below == pytest.approx(QUANT_KEEPS_LOW_SLOPE * 0.1) and below > above
    assert quant_keeps(0.0) >= 0.0


def test_a_tight_fit_counts_a_quant_step_lower_in_a_list(cat):
    """A list weighs a tight fit as the quant choice does: TIGHT_COST points below its quant."""
    from types import SimpleNamespace

    from fitengine.advise import TIGHT_COST, _quant_quality, _ranked_quant_quality

    def rep(fit: str):
        return SimpleNamespace(model=SimpleNamespace(id="qwen3.5-9b"), quant="Q4_K_M", fit=fit)

    roomy, tight = rep("runs_well"), rep("tight")
    assert _ranked_quant_quality(roomy, cat) == _quant_quality(roomy, cat)
    assert _ranked_quant_quality(tight, cat) == pytest.approx(
        _quant_quality(roomy, cat) - TIGHT_COST
    )
