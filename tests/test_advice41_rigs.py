"""Several GPUs, MoE placement over them and the machine around them (round advice41)."""

from __future__ import annotations

from fitengine.engine import analyze


def test_a_named_host_without_its_ram_keeps_the_cards_ram_floor(cat):
    """Two 5090s beside a desktop CPU nobody gave the RAM of ("2x 5090 + DDR4 3200 + 3975x TR"):
    the box is no smaller than the same cards alone, whose 64 GB of VRAM sets the RAM assumed
    (setups.cards_ram_gb), not the CPU's usual 32 GB; Qwen3.8-Flash-Next then runs with some
    experts in RAM instead of "won't fit"."""
    alone = analyze("qwen3.8-flash-next", "rtx-5090", gpus=2, catalog=cat)
    hosted = analyze("qwen3.8-flash-next", "rtx-5090", gpus=2, host="ryzen-7-7800x3d", catalog=cat)
    assert hosted.hardware.ram_gb == alone.hardware.ram_gb == 64
    assert hosted.fit != "wont_fit" and hosted.placement.kind == "moe_offload"
    assert any(a.what == "ram" for a in hosted.assumed)
    # a mixed rig with a host: the same floor
    mixed = analyze(
        "glm-4.5-air",
        None,
        setup=[("rtx-3090", 1, None), ("rtx-4090", 1, None)],
        host="ryzen-7-7800x3d",
        catalog=cat,
    )
    assert mixed.hardware.ram_gb == 64
    # the RAM said is the RAM: no floor over it
    said = analyze(
        "qwen3.8-flash-next", "rtx-5090", gpus=2, host="ryzen-7-7800x3d", ram_gb=32, catalog=cat
    )
    assert said.hardware.ram_gb == 32 and not any(a.what == "ram" for a in said.assumed)
    # a host whose usual RAM is above the cards' keeps its own
    one = analyze("qwen3.8-flash-next", "rtx-4090", host="ryzen-9-7950x", catalog=cat)
    assert one.hardware.ram_gb == cat.hardware["ryzen-9-7950x"].memory_gb == 128


def test_a_total_over_the_counted_cards_names_the_variant():
    """ "4x 4060 ti (64GB vram)": 16 GB each, which only the RTX 4060 Ti 16GB is sold with (a
    bare "4060 ti" reads as the commoner 8 GB card): the total names the variant, it is not system
    RAM because no 8 GB card has it; the reading is said."""
    from fitengine.nlq import parse

    for text in ("Qwen3-32B on 4x 4060 ti (64GB vram)", "Qwen3-32B on 4x 4060 ti, 64GB VRAM total"):
        q = parse(text)
        assert q.hardware.id == "rtx-4060-ti-16gb" and q.gpus == 4, text
        assert q.vram_gb == 16 and q.ram_gb is None, text
        assert any("read as the NVIDIA GeForce RTX 4060 Ti 16GB" in a for a in q.assumed), q.assumed
    # a total the named card makes is that card's: no variant switch
    q = parse("4x 3090, 96GB total")
    assert q.hardware.id == "rtx-3090" and q.vram_gb == 24


def test_a_count_word_before_the_cards_is_no_processor_family():
    """ "a quad 3090 setup", "quad 3090s": four 3090s, not a Core 2 Quad host with DDR3-1600 (which
    would read any experts in RAM at a 2009 desktop's bandwidth); "a quad" said of the machine
    apart from the card still reads as that kind of system."""
    from fitengine.nlq import parse

    for text in (
        "Did anyone test chatgpt-oss 120b on a quad 3090 setup?",
        "gpt-oss 120b on quad 3090s",
    ):
        q = parse(text)
        assert q.hardware.id == "rtx-3090" and q.gpus == 4 and q.host is None, text
    assert parse("a quad with a 3060 and 16gb ram").host is not None


def test_experts_or_layers_asked_is_answered_with_both_speeds(cat):
    """ "Should I offload experts or layers?": the MoE's experts in RAM (--n-cpu-moe) against
    whole layers in RAM (-ngl), each at its speed, the experts first; a model that fits the GPUs
    needs neither; a dense model has no experts to keep apart. Not said when not asked."""
    import re

    from fitengine.answers import ask

    a = ask("2x 3090 and 64GB RAM: GLM-4.5-Air, --n-cpu-moe or -ngl?", cat)
    r = a.reports[0]
    assert r.placement.kind == "moe_offload"
    m = re.search(
        r"Offload the experts, not whole layers: --n-cpu-moe (\d+) .*?~(\d+) tok/s\); "
        r"whole layers in RAM \(-ngl (\d+)\) run ~(\d+) tok/s",
        a.message,
    )
    assert m, a.message
    assert int(m.group(1)) == r.placement.n_cpu_moe and int(m.group(4)) < int(m.group(2))
    a = ask("gpt-oss-120b on 2x 5090: experts or layers?", cat)
    assert "Neither: it all fits in GPU memory" in a.message
    a = ask(
        "On a 24GB GPU with plenty of system RAM, is it worth running Llama 3.3 70B Q4_K_M with"
        " the FFN tensors on the CPU (-ot ffn=CPU, -ngl 99) instead of offloading whole layers?",
        cat,
    )
    assert "is dense, with no experts to keep apart" in a.message and "-ot ffn=CPU" in a.message
    a = ask("2x 3090 and 64GB RAM: GLM-4.5-Air", cat)
    assert "Offload the experts, not whole layers" not in a.message


def test_a_machine_line_or_a_pc_asks_which_hardware(cat):
    """ "Mac Studio or a PC with GPUs for DeepSeek V4 Flash?": the routes that run it, a Mac's and
    a PC's side by side, not a fit on the line's newest chip; the line alone stays a fit, and a
    chip named against cards stays a comparison."""
    from fitengine.answers import ask
    from fitengine.nlq import parse

    for text in (
        "Mac Studio or a PC with GPUs for DeepSeek V4 Flash?",
        "should I get a mac studio or build a pc for qwen3-235b?",
    ):
        q = parse(text)
        assert q.intent == "best_hw_for_model" and q.hardware is None, text
        assert not any("newest mac studio chip" in a for a in q.assumed), q.assumed
    routes = {r.hardware.kind for r in ask("Mac Studio or PC for DeepSeek V4 Flash?", cat).reports}
    assert "apple" in routes and "gpu" in routes, routes
    assert parse("Mac Studio for DeepSeek V4 Flash?").intent == "fit"
    assert parse("Mac Studio M3 Ultra or 4x 3090 for DeepSeek V4 Flash?").intent == "compare"
