"""Hardware advice as the community gives it: two cards compared on one model of the size asked,
at one quant every side runs; a used 3090 priced as bought; the cheap card + RAM routes for a
small MoE; a card in a big-RAM server for a model nothing on a desk holds, its speed said."""

from __future__ import annotations

import pytest

from fitengine.advise import best_hardware, compare_setups
from fitengine.answers import ask
from fitengine.catalog import Hardware, default_catalog


@pytest.fixture(scope="module")
def cat():
    return default_catalog()


# --------------------------------------------------------------------------- comparisons


@pytest.mark.parametrize(
    ("text", "faster"),
    [("4090 vs 5090 for 70b", "rtx-5090"), ("3090 or 4090 for a 32b model?", "rtx-4090")],
)
def test_two_cards_for_a_size_compare_the_cards_on_one_model_of_it(text, faster):
    a = ask(text)
    assert a.intent == "compare"
    assert len(a.reports) == 2
    assert len({r.model.id for r in a.reports}) == 1  # one model, not a list of one card's
    assert len({r.quant for r in a.reports}) == 1  # like with like
    fast = max(a.reports, key=lambda r: r.decode_tok_s or 0)
    assert fast.hardware.id == faster
    assert "-class model (taking" in a.message and "faster" in a.message


def test_a_comparison_is_at_a_quant_every_side_runs(cat):
    """A 122B MoE on a 64 GB and a 128 GB Mac: Q4_K_M does not fit the 64 GB one, so both are
    shown at the quant the smaller one runs, not one of them as "won't fit"."""
    rs = compare_setups(
        "qwen3.5-122b-a10b", [("m4-max-40c", 1, 64), ("m4-max-40c", 1, 128)], catalog=cat
    )
    assert len({r.quant for r in rs}) == 1
    assert all(r.fit != "wont_fit" for r in rs)
    assert rs[1].decode_tok_s >= rs[0].decode_tok_s * 0.9  # same chip, same quant


# --------------------------------------------------------------------------- used prices


def test_a_used_price_is_what_the_card_costs_when_it_is_lower(cat):
    card = cat.hardware["rtx-3090"]
    assert card.used_price_usd is not None and card.used_price_usd < card.launch_price_usd
    assert card.price_for() == card.used_price_usd
    assert card.used_price_source.startswith("https://") and card.used_price_date


def test_a_used_price_needs_its_source_and_month(cat):
    entry = cat.hardware["rtx-3090"].model_dump()
    entry["used_price_date"] = None
    with pytest.raises(ValueError, match="used price"):
        Hardware.model_validate(entry)


def test_a_used_3090_is_within_a_1000_dollar_budget():
    """Launched at $1,499, bought used at ~$750: the card people recommend for a 27B."""
    a = ask("I have about $1000 to spend on a gpu, what should I buy to run qwen3.6 27b?")
    assert "rtx-3090" in [r.hardware.id for r in a.reports[:3]]
    assert "used where the card is bought used" in a.message


# --------------------------------------------------------------------------- routes


def test_a_small_moe_gets_each_cheap_card_with_its_experts_in_ram(cat):
    """Qwen3.6 35B-A3B on a 12 GB 3060 or a 16 GB 5060 Ti with --n-cpu-moe: people weigh both."""
    rs = best_hardware("qwen3.6-35b-a3b", catalog=cat)
    offload = {r.hardware.id for r in rs if r.placement.kind == "moe_offload"}
    assert {"rtx-3060", "rtx-5060-ti-16gb"} <= offload


def test_within_a_budget_one_card_comes_before_two(cat):
    """Under $500: the cards with experts in RAM and a 24 GB workstation card before two Arc
    B580s bought only to hold the experts."""
    rs = best_hardware("qwen3.6-35b-a3b", budget=500, catalog=cat)
    assert all(r.hardware.count == 1 for r in rs[:3])
    assert all((cat.hardware[r.hardware.id].price_for() or 1e9) <= 500 for r in rs)


def test_a_model_nothing_on_a_desk_holds_gets_the_big_ram_server_route(cat):
    """GLM-5 at 8 bits is ~800 GB: one card in a server with 1.5 TB of RAM, ~10 tok/s, is the
    route people take before datacenter cards; it is offered with its speed said."""
    rs = best_hardware("glm-5", quant="Q8_0", catalog=cat)
    server = [r for r in rs if r.placement.kind == "moe_offload"]
    assert server and server[0].hardware.count == 1
    assert rs.index(server[0]) < min(
        i for i, r in enumerate(rs) if cat.hardware[r.hardware.id].form == "datacenter"
    )
    a = ask("what hardware do I need to run glm 5 at 8 bit?")
    # ~10 tok/s sits on chat's floor: whichever side of it the speed model puts the server, the
    # message says so and never calls a route under it "well"
    slow = [r for r in a.reports if (r.decode_tok_s or 0) < cat.workloads["chat"].min_decode_tok_s]
    if slow:
        assert "the cheap route" in a.message and "run it well" not in a.message
    else:
        assert "the cheap route" not in a.message


def test_the_slow_route_is_not_offered_where_a_desk_setup_runs_the_model(cat):
    rs = best_hardware("deepseek-v4-flash", catalog=cat)
    chat_floor = cat.workloads["chat"].min_decode_tok_s
    assert all((r.decode_tok_s or 0) >= chat_floor for r in rs)


def test_a_pick_both_sides_squeeze_to_is_compared_at_the_reference_quant(cat):
    """A 70B on a 128 GB M3 Max and a 24 GB 4090: each alone would be squeezed to ~2 bits (the
    Mac for chat's speed floor, the 4090 to stay in VRAM); side by side they are compared at
    Q4_K_M, where the Mac holds it and the 4090 offloads: the Mac is faster."""
    rs = compare_setups("llama-3.3-70b", [("m3-max-40c", 1, 128), ("rtx-4090", 1, None)])
    assert {r.quant for r in rs} == {"Q4_K_M"}
    assert rs[0].decode_tok_s > rs[1].decode_tok_s
    assert rs[1].placement.kind == "partial_offload"


def test_a_big_moe_s_hardware_starts_with_a_128_gb_machine_at_its_own_quant(cat):
    # DeepSeek V4 Flash needs ~153 GB at its native MXFP4: people run it on a 128 GB Mac or
    # Strix Halo at a dynamic 2-3 bit quant (antirez/ds4), the 256 GB Mac Studio holds MXFP4
    rs = best_hardware("deepseek-v4-flash", catalog=cat)
    unified = [r for r in rs if r.hardware.kind in ("apple", "unified")]
    assert unified[0].hardware.memory_gb <= 128
    assert unified[0].quant != "MXFP4"
    assert any(r.quant == "MXFP4" for r in unified[1:])


def test_a_dense_model_s_hardware_is_sized_at_the_reference_quant_only(cat):
    # a dense 27B loses far more at 2-3 bits than a MoE's experts: no small machine at a low quant
    rs = best_hardware("qwen3.6-27b", catalog=cat)
    assert all(r.quant == "Q4_K_M" for r in rs if r.hardware.kind in ("apple", "unified"))


# --------------------------------------------------------------------------- routes offered


def _kinds(rs, cat):
    return [cat.hardware[r.hardware.id].kind for r in rs]


def test_a_big_moe_offers_a_mac_and_a_strix_halo_class_box_as_cheap_unified_routes(cat):
    """MiniMax M2.5 (230B-A10B) at ~3 bits fits a 128 GB MacBook and a 128 GB Strix Halo box:
    people weigh the two, so both are offered, the priced box before an unpriced dev kit, and
    the Mac Studio that holds Q4 is still listed."""
    rs = best_hardware("minimax-m2.5", catalog=cat)
    kinds = _kinds(rs, cat)
    assert "apple" in kinds and "unified" in kinds
    unified = next(r for r in rs if cat.hardware[r.hardware.id].kind == "unified")
    assert unified.hardware.id == "radeon-8060s"
    assert any(r.hardware.id.startswith("m3-ultra") or "ultra" in r.hardware.id for r in rs)


def test_a_moe_under_the_chat_floor_on_a_desk_still_offers_a_card_in_a_big_ram_server(cat):
    """GLM-4.7 (355B-A32B) reads at ~9 tok/s from one card and an EPYC's RAM: below chat's
    floor, yet the GPU + RAM route people take beside a Mac; the host that decodes fastest."""
    rs = best_hardware("glm-4.7", catalog=cat)
    hybrid = [r for r in rs if r.placement.kind == "moe_offload"]
    assert hybrid and hybrid[0].hardware.host is not None
    assert hybrid[0].decode_tok_s >= 8


def test_a_slow_setup_that_holds_the_whole_model_is_not_called_the_cheap_route(cat):
    """Llama 3.1 405B at 4 bits on datacenter cards decodes under chat's floor with every weight
    in their memory: the speed is said against the floor, but an MI325X is no cheap route (that
    is a card beside a server's RAM)."""
    a = ask("what gpu do i need to run llama 3.1 405b at q4")
    floor = cat.workloads["chat"].min_decode_tok_s
    slow = [r for r in a.reports if (r.decode_tok_s or 0) < floor]
    assert slow and all(r.placement.kind in ("gpu", "multi_gpu", "unified") for r in slow)
    assert f"under the {floor:g} tok/s chat needs" in a.message
    assert "the cheap route" not in a.message


def test_a_mac_slow_on_a_dense_70b_is_not_called_the_cheap_route(cat):
    """A 64 GB Mac reading a 70B at ~10 tok/s is under chat's floor too, but no cheap route."""
    a = ask("how much vram do i need for llama 3 70b")
    floor = cat.workloads["chat"].min_decode_tok_s
    macs = [r for r in a.reports if r.hardware.kind == "apple" and (r.decode_tok_s or 0) < floor]
    for r in macs:
        i = a.message.index(r.hardware.name)
        assert "the cheap route" not in a.message[i : a.message.find(")", i)]
