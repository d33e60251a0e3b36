"""For a giant MoE, one card in a used EPYC/Xeon server whose memory channels hold the routed
experts is a route the answer names, cheapest-first lists included (the server is unpriced: it is
named beside the priced setups, not ranked among them), with what the server is for (review10,
kind 9)."""

from __future__ import annotations

from fitengine.answers import ask


def _server_rows(a):
    return [r for r in a.reports if r.hardware.host is not None]


def test_a_cheapest_list_names_the_server_route_beside_the_priced_setups(cat):
    a = ask("cheapest way to run deepseek v3 at home?", cat)
    assert not _server_rows(a)  # the ranked list keeps to priced setups
    assert "Beside them, unpriced:" in a.message
    assert "mostly bought used" in a.message and "-channel RAM" in a.message


def test_a_home_server_question_names_the_server_route(cat):
    text = (
        "Since you guys seem to have some server experience, could you recommend a home server "
        "to use this model (DeepSeek-V3)? Can also be a used one."
    )
    a = ask(text, cat)
    assert _server_rows(a) and "EPYC, Xeon" in a.message


def test_a_model_a_desk_runs_gets_no_server_note(cat):
    a = ask("cheapest gpu for qwen3.6 27b", cat)
    assert not _server_rows(a) and "bought used, and the catalog" not in a.message
