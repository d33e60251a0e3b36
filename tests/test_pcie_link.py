"""Each card's PCIe link: what carries the weights an offload leaves in RAM to the GPU."""

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fitengine import analyze, default_catalog
from fitengine.catalog import PCIE_LANE_GBPS, PCIE_LANES, Catalog, CatalogError
from fitengine.engine import make_setup, workpoint
from fitengine.speed import PCIE_GBPS, prefill_seconds

TINY_GPU = """\
- id: tiny-gpu
  name: Tiny GPU
  vendor: other
  kind: {kind}
  form: desktop
  memory_gb: 8
  bandwidth_gbps: 100
  fp16_tflops: 10
  arch: test
  backends: [vulkan]
  pcie: "{link}"
  source: test
"""


def _load(tmp_path, link: str, kind: str = "gpu") -> Catalog:
    (tmp_path / "hardware").mkdir(exist_ok=True)
    (tmp_path / "hardware" / "tiny.yaml").write_text(TINY_GPU.format(link=link, kind=kind))
    return Catalog.load(tmp_path)


def _offload(model: str, hardware: str, **kw):
    return analyze(model, hardware, ram_gb=64, **kw)


def _link_line(r) -> str:
    return next(a for a in r.assumptions if "PCIe" in a)


def test_the_link_is_a_generation_and_a_lane_count_the_standard_has(tmp_path):
    assert _load(tmp_path, "4.0 x8").hardware["tiny-gpu"].pcie_gbps == pytest.approx(15.75, 1e-3)
    for bad in ("4.0 x7", "7.0 x16", "4 x8", "4.0x8", "x16"):
        with pytest.raises(CatalogError, match=r"tiny\.yaml: entry 'tiny-gpu': field pcie"):
            _load(tmp_path, bad)


def test_only_a_discrete_gpu_has_a_host_link(tmp_path):
    with pytest.raises(CatalogError, match="discrete GPU"):
        _load(tmp_path, "4.0 x16", kind="igpu")


@given(st.sampled_from(sorted(PCIE_LANE_GBPS)), st.sampled_from(PCIE_LANES))
def test_a_link_carries_its_lanes_at_the_generations_rate(gen, lanes):
    from fitengine.catalog import pcie_link_gbps

    assert pcie_link_gbps(f"{gen} x{lanes}") == pytest.approx(PCIE_LANE_GBPS[gen] * lanes)


def test_the_rates_are_the_standards_after_encoding():
    # 4.0 x16 is the 31.5 GB/s the engine assumes for a card without a catalogued link
    assert PCIE_LANE_GBPS["3.0"] == pytest.approx(0.985, abs=1e-3)
    assert PCIE_LANE_GBPS["4.0"] * 16 == pytest.approx(PCIE_GBPS, abs=0.01)
    assert PCIE_LANE_GBPS["5.0"] == pytest.approx(3.938, abs=1e-3)


def test_popular_cards_carry_their_spec_sheet_links():
    hw = default_catalog().hardware
    assert hw["rtx-4060-ti-16gb"].pcie == "4.0 x8"
    assert hw["rtx-5060-ti-16gb"].pcie == "5.0 x8"
    assert hw["rtx-5090"].pcie == "5.0 x16"
    assert hw["rx-6500-xt"].pcie == "4.0 x4"
    assert hw["arc-b580"].pcie == "4.0 x8"
    # a laptop's link is its maker's, at most its chip's (AD107 has eight lanes); an SXM module
    # has no card link
    assert hw["rtx-4060-laptop"].pcie == "4.0 x8"
    assert hw["rtx-4080-laptop"].pcie is None
    assert hw["h100-sxm"].pcie is None


def test_a_4060_ti_ships_the_experts_in_ram_over_its_x8_link():
    ti = _offload("gpt-oss-120b", "rtx-4060-ti-16gb")
    ti_super = _offload("gpt-oss-120b", "rtx-4070-ti-super")
    assert ti.placement.kind == ti_super.placement.kind == "moe_offload"
    assert ti.placement.n_cpu_moe == ti_super.placement.n_cpu_moe
    # the same tens of GB cross half the bandwidth: the first token comes far later
    assert ti.ttft_ms > 1.5 * ti_super.ttft_ms
    assert "PCIe 4.0 x8 (15.8 GB/s each way)" in _link_line(ti)
    assert "an older board may halve it" in _link_line(ti)


def test_a_pcie_5_x16_card_ships_them_faster():
    gen5 = _offload("gpt-oss-120b", "rtx-5080")
    gen4 = _offload("gpt-oss-120b", "rtx-4080-super")
    assert gen5.placement.n_cpu_moe == gen4.placement.n_cpu_moe > 0
    assert gen5.ttft_ms < 0.75 * gen4.ttft_ms
    assert "PCIe 5.0 x16 (63.0 GB/s each way)" in _link_line(gen5)


def test_a_laptop_chip_names_its_own_link_and_the_makers_wiring():
    line = _link_line(_offload("gpt-oss-120b", "rtx-4060-laptop"))
    assert "PCIe 4.0 x8 (15.8 GB/s each way)" in line
    assert "the laptop's maker may wire fewer lanes" in line


def test_a_card_without_a_catalogued_link_is_assumed_at_4_x16():
    r = _offload("gpt-oss-120b", "rtx-4080-laptop")
    assert "PCIe 4.0 x16 (31.5 GB/s each way)" in _link_line(r)
    assert "assumed" in _link_line(r)
    assert _wp("rtx-4080-laptop").pcie_gbps == PCIE_GBPS


def test_an_answer_that_ships_nothing_says_nothing_of_the_link():
    r = analyze("llama-3.1-8b", "rtx-4060-ti-16gb")
    assert r.placement.kind == "gpu"
    assert not any("PCIe" in a for a in r.assumptions)


def test_the_shipping_time_is_the_resident_bytes_over_the_link():
    wp = replace(_wp("rtx-4060-ti-16gb"), ram_resident_bytes=40e9)
    default = replace(wp, pcie_gbps=PCIE_GBPS)
    extra = prefill_seconds(wp, _params(), 2048) - prefill_seconds(default, _params(), 2048)
    # four ubatches of 512, each ships the 40 GB
    assert extra == pytest.approx(4 * 40e9 * (1 / (wp.pcie_gbps * 1e9) - 1 / (PCIE_GBPS * 1e9)))


def test_a_mixed_rig_ships_over_the_first_cards_link_and_hops_at_the_slowest():
    cat = default_catalog()
    ti, big = cat.hardware["rtx-4060-ti-16gb"], cat.hardware["rtx-5090"]
    first_ti = _mixed([(ti, 1), (big, 1)])
    first_big = _mixed([(big, 1), (ti, 1)])
    assert first_ti.pcie_gbps == pytest.approx(ti.pcie_gbps)
    assert first_big.pcie_gbps == pytest.approx(big.pcie_gbps)
    assert first_ti.hop_gbps == first_big.hop_gbps == pytest.approx(ti.pcie_gbps)


def _params():
    from fitengine.speed import SpeedParams

    return SpeedParams.from_dict(default_catalog().calibration["speed"])


def _wp(hardware: str, model: str = "llama-3.1-8b"):
    from fitengine.memory import full_offload

    cat = default_catalog()
    m, hw, qt = cat.models[model], cat.hardware[hardware], cat.quants["Q4_K_M"]
    setup = make_setup(hw)
    p = full_offload(m, qt, setup.device, setup.count, 8192, "f16", True)
    return workpoint(m, setup, p, "f16", "Q4_K_M", True, cat)


def _mixed(parts):
    from fitengine.memory import full_offload
    from fitengine.request import make_mixed_setup

    cat = default_catalog()
    m, qt = cat.models["llama-3.1-8b"], cat.quants["Q4_K_M"]
    setup = make_mixed_setup([(hw, count, None) for hw, count in parts])
    p = full_offload(m, qt, setup.device, setup.count, 8192, "f16", True)
    return workpoint(m, setup, p, "f16", "Q4_K_M", True, cat)
