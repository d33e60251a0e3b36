"""A laptop holds the one GPU it was built with: its won't-fit answer never offers more of that
GPU, nor says "gpus: 1" as an assumption (review10, kind 6: "7x RTX 3050 Laptop GPU hold it")."""

from __future__ import annotations

from fitengine.answers import ask

TEXT = "qwen3.6 35b on a 4G RTX 3050 mobile with 8G RAM (11400H)"


def test_a_laptop_gpu_is_never_multiplied(cat):
    r = ask(TEXT, cat).reports[0]
    assert r.fit == "wont_fit"
    assert not any(s.kind == "more_gpus" for s in r.next_steps)
    assert not any(a.what == "gpus" for a in r.assumed)
    # its next steps are the ones a laptop can take: more RAM, another model
    assert {s.kind for s in r.next_steps} & {"more_ram", "other_model", "smaller_sibling"}


def test_a_desktop_card_still_offers_a_second_one(cat):
    r = ask("llama 3.3 70b q4_k_m on a 3090 with 16gb ram", cat).reports[0]
    assert r.fit == "wont_fit"
    assert any(s.kind == "more_gpus" for s in r.next_steps)
