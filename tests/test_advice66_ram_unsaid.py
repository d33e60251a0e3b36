"""Round advice66: a card named with its own memory ("RTX 4060 Ti 16GB") says nothing of the
box's RAM, so a MoE that runs with its experts in a desktop's RAM is answered with the RAM it
needs, said as assumed (answers._ram_it_needs), not a bare "No" at the 32 GB assumed of any box.
A size beside the card that is not its memory may still be the RAM, and RAM said is kept."""

from __future__ import annotations

import pytest

from fitengine.answers import ask


@pytest.mark.parametrize(
    "text",
    [
        "can I run gpt-oss-120b on my RTX 4060 Ti 16GB?",
        "gpt-oss-120b on a 16GB RTX 5060 Ti?",
        "will gpt-oss-120b work on my 4070 Ti Super 16GB",
        "can my RX 9070 XT 16GB run gpt-oss-120b",
    ],
)
def test_a_card_with_its_own_memory_gets_the_ram_route_said_as_assumed(text):
    r = ask(text).reports[0]
    assert r.model.id == "gpt-oss-120b"
    assert r.fit != "wont_fit" and r.placement.kind == "moe_offload", (text, r.fit)
    assert any(a.what == "ram" for a in r.assumed)


@pytest.mark.parametrize(
    "text",
    [
        "gpt-oss-120b on RTX 4060 Ti 16GB with 32GB RAM",
        "gpt-oss-120b on an RTX 5060 Ti 16GB, 16 GB of system RAM",
    ],
)
def test_ram_said_is_kept(text):
    r = ask(text).reports[0]
    assert r.fit == "wont_fit"
    assert not any(a.what == "ram" for a in r.assumed)
