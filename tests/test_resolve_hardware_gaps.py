"""Hardware real questions name that the catalog once lacked (issues 8 and 9): old and mining
cards, a China-first Radeon, a Polaris workstation card, Iris Xe, and CPUs the family rules infer.
Each resolves from the words people write, with the memory and bandwidth TechPowerUp, Intel ARK
or AMD give, never to a neighbouring model."""

from __future__ import annotations

import pytest

from fitengine.resolve import resolve_hardware

# what people write -> (id, memory GB, bandwidth GB/s)
CARDS = [
    ("GTX 750 Ti", "gtx-750-ti", 2, 86.4),
    ("750ti", "gtx-750-ti", 2, 86.4),
    ("geforce gtx 750", "gtx-750", 1, 80.2),
    ("Tesla M10", "tesla-m10", 8, 83.2),
    ("P104-100", "p104-100", 4, 320.3),
    ("p104", "p104-100", 4, 320.3),
    ("P106-100", "p106-100", 6, 192.2),
    ("p106", "p106-100", 6, 192.2),
    ("RX 6750 GRE", "rx-6750-gre-12gb", 12, 432),
    ("rx 6750 gre 10gb", "rx-6750-gre-10gb", 10, 320),
    ("6750 gre 12gb", "rx-6750-gre-12gb", 12, 432),
    ("Radeon Pro WX 5100", "radeon-pro-wx-5100", 8, 160),
    ("wx5100", "radeon-pro-wx-5100", 8, 160),
]


@pytest.mark.parametrize(("text", "hw_id", "gb", "gbps"), CARDS)
def test_cards_resolve_from_the_words_people_write(text, hw_id, gb, gbps):
    hw = resolve_hardware(text).entry
    assert hw is not None, text
    assert (hw.id, hw.kind, hw.inferred) == (hw_id, "gpu", False)
    assert (hw.memory_gb, hw.bandwidth_gbps) == (gb, gbps)
    assert "techpowerup.com/gpu-specs" in hw.source


def test_the_rx_6750_gre_is_not_the_rx_6750_xt():
    assert resolve_hardware("RX 6750 XT").entry.id == "rx-6750-xt"
    gre = resolve_hardware("RX 6750 GRE 10GB").entry
    assert gre.id == "rx-6750-gre-10gb" and gre.launch_price_usd == 269


def test_a_p104_reflashed_to_8_gb_keeps_the_card():
    res = resolve_hardware("p104-100 8gb")
    assert res.entry.id == "p104-100" and res.memory_gb == 8
    assert res.entry.sold_with(8) and res.entry.pcie == "1.0 x4"


@pytest.mark.parametrize(
    ("text", "hw_id", "units"),
    [
        ("Intel Iris Xe", "iris-xe-96eu", 96),
        ("Intel(R) Iris(R) Xe Graphics", "iris-xe-96eu", 96),
        ("iris xe 80 eu", "iris-xe-80eu", 80),
        ("Iris Xe Graphics G7 96EU Mobile", "iris-xe-96eu", 96),
        ("Iris Xe Graphics G7 80EU Mobile", "iris-xe-80eu", 80),
    ],
)
def test_iris_xe_is_the_iris_xe_not_a_newer_arc(text, hw_id, units):
    hw = resolve_hardware(text).entry
    assert (hw.id, hw.kind, hw.arch) == (hw_id, "igpu", "xe-lp")
    # 8 lanes x FMA x packed FP16 per EU at 1.35 GHz
    assert hw.fp16_tflops == pytest.approx(units * 32 * 1350 / 1e6, abs=0.01)


def test_a_question_that_names_only_iris_xe_is_answered_for_it():
    from fitengine.nlq import parse

    assert parse("can I use the model on Intel Iris Xe graphics?").hardware.id == "iris-xe-96eu"


def test_the_iris_xe_rule_reads_the_eu_count():
    from fitengine.infer_hw import infer_hardware

    hw = infer_hardware("i5-1135G7 iris xe 80eu")
    assert (hw.id, hw.fp16_tflops) == ("intel-iris-xe-80eu-core-i5-1135g7", 3.456)


@pytest.mark.parametrize(
    ("text", "hw_id"),
    [("Intel UHD Graphics 770", "intel-uhd-770"), ("UHD Graphics 750", "intel-uhd-770")],
)
def test_an_igpu_a_rule_names_beats_a_card_the_words_come_near(text, hw_id):
    # "770" / "750" are also Arc A770 / A750 model numbers
    hw = resolve_hardware(text).entry
    assert (hw.id, hw.kind, hw.inferred) == (hw_id, "igpu", True)


# CPUs: catalogued (N305, N150, the bare X Elite / X Plus) or inferred by the family rules:
# (id, cores, memory channels, GB/s)
CPUS = [
    ("AMD EPYC 9175F", "epyc-9175f", 16, 12, 576.0),
    ("Xeon E5-2620 v4", "xeon-e5-2620v4", 8, 4, 68.3),
    ("E5-2683 v3", "xeon-e5-2683v3", 14, 4, 68.3),
    ("n305", "intel-n305", 8, 1, 38.4),
    ("i3-N305", "intel-n305", 8, 1, 38.4),
    ("Intel N150", "intel-n150", 4, 1, 38.4),
    ("N100", "intel-n100", 4, 1, 38.4),
    ("i5-12450H", "core-i5-12450h", 8, 2, 76.8),
    ("i7-1370P", "core-i7-1370p", 14, 2, 83.2),
    ("Snapdragon X Elite", "snapdragon-x1e-80-100", 12, 2, 135.2),
    ("x elite", "snapdragon-x1e-80-100", 12, 2, 135.2),
    ("x plus", "snapdragon-x1p-64-100", 10, 2, 135.2),
]


@pytest.mark.parametrize(("text", "hw_id", "cores", "channels", "gbps"), CPUS)
def test_cpus_resolve_with_their_family_memory(text, hw_id, cores, channels, gbps):
    hw = resolve_hardware(text).entry
    assert hw is not None, text
    assert (hw.id, hw.kind) == (hw_id, "cpu")
    assert (hw.cores, hw.channels, hw.bandwidth_gbps) == (cores, channels, gbps)


def test_an_x_plus_sku_the_catalog_lacks_is_inferred():
    hw = resolve_hardware("Snapdragon X Plus X1P-42-100").entry
    assert (hw.id, hw.inferred, hw.cores) == ("snapdragon-x1p-42-100", True, 8)


def test_a_catalogued_snapdragon_x_sku_wins_over_the_family_rule():
    for text, hw_id in [
        ("Snapdragon X Elite X1E-78-100", "snapdragon-x1e-78-100"),
        ("Snapdragon X Elite X1E-84-100", "snapdragon-x1e-84-100"),
        ("Snapdragon X 126 100", "snapdragon-x1-26-100"),
    ]:
        hw = resolve_hardware(text).entry
        assert (hw.id, hw.inferred) == (hw_id, False), text


def test_a_bare_x_elite_is_not_the_x2_generation():
    assert resolve_hardware("snapdragon x2 elite").entry.id.startswith("snapdragon-x2e")
    assert resolve_hardware("threadripper 7980x plus").entry.id == "threadripper-7980x"
