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
