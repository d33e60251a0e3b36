"""A card's state survives the trip through a custom_id: packed within Discord's 100 characters,
read back exactly, refused cleanly when it cannot be read."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fitengine
from bot.state import (
    CUSTOM_ID_MAX,
    Card,
    FitState,
    HardwareList,
    ModelList,
    StateError,
    from_base36,
    hash_codes,
    to_base36,
)

CATALOG = fitengine.default_catalog()
MODELS = sorted(CATALOG.models)
DEVICES = sorted(CATALOG.hardware)
QUANTS = sorted(CATALOG.quants)
# the room a state has after a component's prefix and a 64-bit owner id ("fq:" + 13 + ":")
ROOM = CUSTOM_ID_MAX - len("fq:") - 13 - 1

cards_st = st.lists(
    st.builds(
        Card,
        st.sampled_from(DEVICES),
        st.integers(1, 8),
        st.one_of(st.none(), st.sampled_from([8.0, 12.0, 16.0, 24.0, 48.0, 96.0])),
    ),
    min_size=1,
    max_size=2,
).map(tuple)

fit_states = st.builds(
    FitState,
    model=st.sampled_from(MODELS),
    cards=cards_st,
    ram_gb=st.one_of(st.none(), st.sampled_from([16.0, 32.0, 64.0, 128.0, 1536.0])),
    quant=st.one_of(st.none(), st.sampled_from(QUANTS)),
    context=st.one_of(st.none(), st.integers(1, 10_000_000)),
    kv_type=st.one_of(st.none(), st.sampled_from(["f16", "q8_0", "q4_0"])),
    workload=st.one_of(st.none(), st.sampled_from(sorted(CATALOG.workloads))),
    mode=st.one_of(st.none(), st.sampled_from(["interactive", "balanced", "scale_out"])),
    backend=st.one_of(st.none(), st.sampled_from(["cuda", "vulkan", "rocm"])),
)


@settings(max_examples=300, deadline=None)
@given(fit_states)
def test_a_fit_state_round_trips_within_a_custom_id(state):
    """Up to two kinds of card with everything pinned fit; a longer state leaves its components
    out (the card still shows: test_components_of_an_overlong_state_are_left_out)."""
    packed = state.pack(CATALOG, room=ROOM)
    assert len(packed) <= ROOM
    assert FitState.unpack(packed, CATALOG) == state


@settings(max_examples=100, deadline=None)
@given(fit_states, st.sampled_from(QUANTS))
def test_a_menu_leaves_its_own_field_to_the_click(state, quant):
    packed = state.pack(CATALOG, room=ROOM, without="q")
    assert FitState.unpack(packed, CATALOG, quant=quant) == state.replace(quant=quant)


def test_ids_are_written_as_they_are_when_they_fit():
    state = FitState(model="qwen3-32b", cards=(Card("rtx-3090", 2),), quant="Q4_K_M", context=32768)
    assert state.pack(CATALOG) == "mqwen3-32b;hrtx-3090*2;qQ4_K_M;c32k"
    long = FitState(
        model=max(MODELS, key=len),
        cards=tuple(Card(d, 2, 24.0) for d in sorted(DEVICES, key=len)[-3:]),
        ram_gb=128.0,
        quant="UD-Q4_K_XL",
        context=131072,
    )
    packed = long.pack(CATALOG, room=ROOM)
    assert "~" in packed and FitState.unpack(packed, CATALOG) == long


def test_every_catalog_entry_has_a_unique_short_code():
    codes = hash_codes(CATALOG)
    assert len(codes) == len(CATALOG.models) + len(CATALOG.hardware)


@pytest.mark.parametrize(
    "packed",
    [
        "mno-such-model",
        "mqwen3-32b;hno-such-gpu",
        "mqwen3-32b;h~zzzzzz",
        "mqwen3-32b;hrtx-3090*x",
        "mqwen3-32b;cxyz",
        "mqwen3-32b;Zfoo",
        "mqwen3-32b;;",
        "hrtx-3090",  # no model
        "mqwen3-32b;rnan",
    ],
)
def test_an_unreadable_state_is_a_state_error(packed):
    with pytest.raises(StateError):
        FitState.unpack(packed, CATALOG)


def test_list_states_round_trip():
    models = ModelList(cards=(Card("rtx-4090"), Card("rtx-3090", 2)), ram_gb=64.0, page=2)
    assert ModelList.unpack(models.pack(CATALOG), CATALOG) == models
    hardware = HardwareList(model="llama-3.3-70b", context=8192, order="price", consumer_only=True)
    assert HardwareList.unpack(hardware.pack(CATALOG), CATALOG) == hardware
    assert models.fit_state("qwen3-32b").cards == models.cards


def test_the_state_reproduces_the_report():
    for args, kw in [
        (("qwen3-32b", "rtx-3090"), {"gpus": 2}),
        (("llama-3.1-8b", "m2-max-30c"), {"vram_gb": 32}),
        (("qwen3-32b", None), {"vram_gb": 12}),
        (("qwen3-32b", None), {"setup": [("rtx-4090", 1, None), ("rtx-3090", 2, None)]}),
    ]:
        report = fitengine.analyze(*args, **kw)
        state = FitState.from_report(report, CATALOG)
        model, hardware, again = FitState.unpack(state.pack(CATALOG), CATALOG).analyze_args()
        assert fitengine.analyze(model, hardware, **again) == report


@given(st.integers(0, 2**64 - 1))
def test_owner_ids_in_base36(n):
    assert from_base36(to_base36(n)) == n and len(to_base36(n)) <= 13


def test_components_of_an_overlong_state_are_left_out():
    from bot.components import fit_view

    report = fitengine.analyze("qwen3-32b", "rtx-3090")
    state = FitState(
        model="qwen3-32b",
        cards=tuple(Card(d, 2, 24.0) for d in sorted(DEVICES, key=len)[-6:]),
        ram_gb=1536.0,
        quant="UD-IQ2_XXS",
        context=123457,
        workload="reasoning",
        mode="interactive",
        backend="vulkan",
    )
    with pytest.raises(ValueError):
        state.pack(CATALOG, room=ROOM)
    assert fit_view(1, state, report, CATALOG).children == []


def test_the_longest_two_card_state_fits():
    """Every field at its longest, two kinds of card: still within a custom_id."""
    longest = max(MODELS, key=len)
    a, b = sorted(DEVICES, key=len)[-2:]
    state = FitState(
        model=longest,
        cards=(Card(a, 64, 2048.0), Card(b, 64, 2048.0)),
        ram_gb=8192.0,
        quant=max(QUANTS, key=len),
        context=9_999_999,
        kv_type=max(CATALOG.kv_types, key=len),
        workload=max(CATALOG.workloads, key=len),
        mode="interactive",
        backend="vulkan",
    )
    packed = state.pack(CATALOG, room=ROOM)
    assert FitState.unpack(packed, CATALOG) == state
