"""A layer split said ("--gpulayers 15", "-ngl 20", "only 15/48 layers on GPU") reports a run of
the model on that box, its speed said or not: where the RAM is not said, the box has the RAM that
holds what the card does not (the least size sold), said as assumed, not a "won't fit" on the RAM
assumed for a card of its kind (issue 8: KoboldCpp's Qwen3-Coder-Next on a 16 GB card)."""

from __future__ import annotations

import pytest

from fitengine.answers import ask
from fitengine.nlq import parse


@pytest.mark.parametrize(
    ("text", "model"),
    [
        (
            "I run gpt-oss-120b on my RTX 4070 with -ngl 20, how can I make it faster?",
            "gpt-oss-120b",
        ),
        (
            "Llama 3.3 70B Q4_K_M on an RTX 3060 12GB, only 20/81 layers on GPU. Any tips?",
            "llama-3.3-70b",
        ),
        (
            "Qwen3-235B-A22B Q4_K_M on a 4090 with --n-gpu-layers 30, slow prompt processing",
            "qwen3-235b-a22b",
        ),
        (
            "mistral large 2.1 Q4_K_M on a 3090 --gpulayers 40 is very slow",
            "mistral-large-2.1-123b",
        ),
    ],
)
def test_a_layer_split_said_is_a_run_so_the_ram_holds_the_rest(text, model):
    assert parse(text).layers_said
    r = ask(text).reports[0]
    assert r.model.id == model
    assert r.fit != "wont_fit" and r.decode_tok_s
    assert r.assumptions[0].startswith("you run it, so ")
    assert [a.what for a in r.assumed][:1] == ["ram"]


def test_a_failed_try_with_every_layer_on_the_gpu_is_no_run():
    # "-ngl 99" and an out-of-memory: the try failed, the RAM is not known to hold it
    text = (
        "Qwen3-235B-A22B Q4_K_M on a 4090, llama-server --n-gpu-layers 99: cudaMalloc failed:"
        " out of memory"
    )
    q = parse(text)
    assert q.layers_said == [99] and q.reports_failure
    r = ask(text).reports[0]
    assert not any(a.startswith("you run it") for a in r.assumptions)
    # a split that leaves layers in RAM ran, the out-of-memory being the try with more of them
    text = "Qwen3-235B-A22B Q4_K_M on a 4090: -ngl 20 works, anything higher runs out of memory"
    assert parse(text).layers_said == [20]
    r = ask(text).reports[0]
    assert r.fit != "wont_fit" and r.assumptions[0].startswith("you run it, so ")


def test_without_a_split_or_with_the_ram_said_the_verdict_stands():
    # no layer split: the RAM assumed for the card's box, "won't fit" with it
    r = ask("Llama 3.3 70B Q4_K_M on an RTX 3060 12GB. Any tips?").reports[0]
    assert r.fit == "wont_fit"
    assert not parse("Llama 3.3 70B Q4_K_M on an RTX 3060 12GB. Any tips?").layers_said
    # the RAM said: it is the RAM, a split or not
    text = "Qwen3-235B-A22B Q4_K_M on a 4090 with 32GB RAM and --n-gpu-layers 30, slow"
    r = ask(text).reports[0]
    assert r.fit == "wont_fit"
    assert not any(a.startswith("you run it") for a in r.assumptions)


@pytest.mark.parametrize(
    "text",
    [
        "layers 1/2 of the guide",  # no count of layers beside "layers" after a fraction
        "my 3090 runs qwen3.6-27b, 12 layers deep in the settings menu",
        "-ngl is the flag, right?",
    ],
)
def test_no_split_said(text):
    assert not parse(text).layers_said
