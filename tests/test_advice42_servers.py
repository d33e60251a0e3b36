"""Round advice42: the kinds of mistake its blind questions showed (bench/advice_questions.yaml's
a42 part, expected answers written before canirun was run on them)."""

from __future__ import annotations

from fitengine.answers import ask


def _gpus_assumed(r) -> list[str]:
    return [a.value for a in r.assumed if a.what == "gpus"]


def test_a_server_module_named_without_a_count_is_answered_for_its_server():
    # an H200 or an A100 SXM comes on an 8-GPU baseboard, never as one card: "can it run R1"
    # is about the server, said as assumed, not a won't-fit on one module
    for text in ("can deepseek r1 run on h200?", "will kimi k2 fit on a100 80gb sxm?"):
        a = ask(text)
        r = a.reports[0]
        assert r.hardware.count == 8, text
        assert r.fit != "wont_fit" and r.placement.kind == "multi_gpu", text
        assert _gpus_assumed(r) == ["8"], text
        assert a.message.startswith("Not on one "), text
        assert "8-GPU servers" in a.message, text


def test_a_module_that_holds_the_model_alone_stays_one():
    r = ask("can llama 3.3 70b run on an h200?").reports[0]
    assert r.hardware.count == 1 and r.fit != "wont_fit"
    assert "8" not in _gpus_assumed(r)


def test_a_card_sold_on_its_own_is_not_assumed_a_server():
    # a PCIe H100 or a 4090 is bought singly: one card, its count said as assumed
    for text in ("can deepseek r1 run on an h100 pcie?", "can deepseek r1 run on a 4090?"):
        r = ask(text).reports[0]
        assert r.hardware.count == 1, text


def test_a_count_given_is_kept_even_for_a_server_module():
    r = ask("can deepseek r1 run on 2x h200?").reports[0]
    assert r.hardware.count == 2


def test_a_model_list_says_the_ram_its_lines_were_worked_out_with():
    # two 24 GB cards are assumed a bigger box than the default: the list's assumption and its
    # headline name the same RAM
    a = ask("best model for 2x 24gb gpus?")
    ram = [x.value for x in a.assumed if x.what == "ram"]
    lines = {x.value for r in a.reports for x in r.assumed if x.what == "ram"}
    assert ram and lines <= set(ram)
    assert f"with {ram[0]} RAM (assumed)" in a.message
