"""catalog/setups.yaml: the cards and RAM sizes best_hardware builds GPU + RAM boxes from."""

from __future__ import annotations

from fitengine.catalog import Catalog, default_catalog
from fitengine.setups import setup_rules


def test_every_card_the_rules_name_is_in_the_catalog():
    cat = default_catalog()
    rules = setup_rules(cat)
    for card in (*rules.hybrid_cards, *rules.small_hybrid_cards):
        assert cat.hardware[card].kind == "gpu" and cat.hardware[card].form == "desktop", card


def test_small_cards_hold_less_than_the_cards_boxes_are_built_around():
    """The small-card route is for a MoE one big card would hold alone."""
    cat = default_catalog()
    rules = setup_rules(cat)
    big = min(cat.hardware[c].memory_gb for c in rules.hybrid_cards)
    assert all(cat.hardware[c].memory_gb < big for c in rules.small_hybrid_cards)


def test_a_catalog_built_in_memory_reads_the_default_rules():
    cat = default_catalog()
    mem = Catalog(models=[], hardware=[], quants=[], workloads=[])
    assert setup_rules(mem) == setup_rules(cat)


def test_the_forks_for_experts_in_ram_are_named_only_where_most_of_the_file_is_there():
    """DeepSeek R1 at Q4_K_M on a 4090 with 512 GB (a server's many channels, assumed): ~360 of
    ~380 GB read from RAM, so ik_llama.cpp and KTransformers are worth a try; Qwen3.6-35B-A3B on
    a 16 GB card keeps most of itself on the card, and the fork note would be noise there."""
    from fitengine import analyze

    tip = setup_rules(default_catalog()).experts_in_ram_runtimes
    assert tip and setup_rules(default_catalog()).experts_in_ram_runtimes_sources
    r = analyze("deepseek-r1", "rtx-4090", ram_gb=512, quant="Q4_K_M")
    assert r.placement.kind == "moe_offload" and tip in r.warnings
    r = analyze("qwen3.6-35b-a3b", "rtx-5080", ram_gb=64)
    assert r.placement.kind == "moe_offload" and tip not in r.warnings
    # most of gpt-oss-120b in a desktop's dual-channel RAM: the forks are for servers' CPUs
    r = analyze("gpt-oss-120b", "rtx-3060", ram_gb=64)
    assert r.placement.kind == "moe_offload" and tip not in r.warnings
