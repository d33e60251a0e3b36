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
