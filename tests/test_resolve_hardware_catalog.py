"""Hardware catalog data the resolver serves: devices from 2025-2026 under the names people use,
launch prices that order configurations, and the SIMD level of every CPU."""

from __future__ import annotations

import pytest

from fitengine.catalog import Catalog, CatalogError, default_catalog
from fitengine.resolve import resolve_hardware


@pytest.mark.parametrize(
    ("text", "hw_id"),
    [
        ("Intel Arc Pro B70", "arc-pro-b70"),
        ("Intel Core Ultra X9 388H", "arc-b390"),  # a chip's plain name is its iGPU
        ("Snapdragon(R) X2 Elite Extreme - X2E96100", "snapdragon-x2e-96-100"),
        ("x2e-88-100", "snapdragon-x2e-88-100"),
        ("Ryzen AI Max+ 392", "radeon-8060s"),
        ("Surface RTX Spark Dev Box", "dgx-spark"),
        ("Cix CP8180", "cix-p1"),
        ("Radxa Dragon Q8B", "radxa-dragon-q8b"),
    ],
)
def test_recent_devices_resolve(text, hw_id):
    assert resolve_hardware(text).entry.id == hw_id


def test_the_processor_of_a_panther_lake_chip_is_inferred():
    hw = resolve_hardware("Intel Core Ultra X9 388H", backend="cpu").entry
    assert (hw.kind, hw.inferred, hw.cores, hw.bandwidth_gbps) == ("cpu", True, 16, 153.6)


def test_launch_prices_order_configurations():
    cat = default_catalog()
    m4 = cat.hardware["m4"]
    assert (m4.price_for(), m4.price_for(20), m4.price_for(64)) == (599, 799, None)
    rtx4090 = cat.hardware["rtx-4090"]
    # out of production: what one costs is its used price, below the launch price
    assert rtx4090.price_for() == rtx4090.price_for(24) == rtx4090.used_price_usd < 1599
    assert rtx4090.price_for(32) is None
    # cheapest known device with at least 24 GB, the question "cheapest hardware for X" asks
    priced = [(h.price_for(24), h.id) for h in cat.hardware.values() if h.price_for(24)]
    assert len(priced) >= 10
    cheapest = min(priced)[1]
    assert cat.hardware[cheapest].price_for(24) <= cat.hardware["rtx-3090"].price_for(24)
    for h in cat.hardware.values():
        if h.launch_price_usd or h.memory_prices_usd:
            assert h.price_source and "http" in h.price_source, h.id


def test_a_price_for_a_memory_size_the_device_lacks_is_named(tmp_path):
    (tmp_path / "hardware").mkdir()
    (tmp_path / "hardware" / "x.yaml").write_text(
        "- id: zorb-100\n  name: Zorb 100\n  vendor: other\n  kind: apple\n  form: laptop\n"
        "  memory_gb: 16\n  memory_options_gb: [16, 32]\n  bandwidth_gbps: 100\n"
        "  fp16_tflops: 10\n  arch: test\n  backends: [metal]\n"
        "  memory_prices_usd: {64: 2000}\n  price_source: test\n  source: test\n"
    )
    with pytest.raises(CatalogError, match=r"zorb-100.*memory_prices_usd"):
        Catalog.load(tmp_path)


def test_every_catalogued_cpu_has_a_simd_level():
    for h in default_catalog().hardware.values():
        if h.kind in ("cpu", "apple"):
            assert h.simd or h.arch.startswith("riscv"), h.id
