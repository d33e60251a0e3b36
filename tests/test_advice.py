"""Advice an expert would give (issue 8): the behaviours of best_models / best_hardware and of the
memory the advice relies on, each pinned by the case that showed it."""

from __future__ import annotations

import pytest

from fitengine import constants as C
from fitengine.advise import best_models
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
