"""Round review14: what a new user met, pinned."""

import pytest

from fitengine.catalog import default_catalog
from fitengine.nlq import parse


@pytest.fixture(scope="module")
def cat():
    return default_catalog()


@pytest.mark.parametrize(
    "text",
    [
        # a whole machine named by its product, then by its chip: one box, not two
        "Framework Desktop with a Ryzen AI Max 395, can it run gpt-oss-120b?",
        "GMKtec EVO-X2 with the AI Max+ 395 and 128GB, what can I run?",
        "HP ZBook Ultra G1a with Ryzen AI Max+ 395, 128GB",
    ],
)
def test_machine_named_with_its_chip_is_one(cat, text):
    q = parse(text, cat)
    assert q.hardware.id == "radeon-8060s"
    assert (q.gpus or 1) == 1


@pytest.mark.parametrize(
    "text",
    ["3090 with a 3090, can I run llama 70b?", "strix halo + strix halo, can I run deepseek v3?"],
)
def test_same_name_twice_still_adds(cat, text):
    assert parse(text, cat).gpus == 2


def test_ram_it_needs_said_once_in_the_headline():
    from fitengine import ask

    a = ask("can I run gpt-oss-120b on my 4090?")
    r = a.reports[0]
    assert r.fit != "wont_fit"
    # the setup says the RAM it needs; the headline does not repeat it as a next step
    assert a.message.count("it does not fit") == 1
    assert "It needs " not in a.message
    assert any(x.startswith("system RAM ") and "least RAM" in x for x in r.assumptions)


def test_assumed_ram_says_what_the_box_needs_not_what_the_model_keeps():
    from fitengine import ask

    r = ask("can I run qwen3 30b a3b on my 4060 ti 16gb").reports[0]
    ram = next(x for x in r.assumed if x.what == "ram")
    assert "keeps about" not in ram.effect
    # the model's share is the placement's RAM row
    assert f"{r.placement.ram_needed_gb * 1e9 / 2**30:.1f} GB of the model" in ram.effect


def test_ram_from_the_cards_one_parenthesis():
    from fitengine import ask

    r = ask("2x RTX 5090 - can I run gpt-oss-120b fully on GPU?").reports[0]
    line = next(x for x in r.assumptions if x.startswith("system RAM"))
    assert ") (" not in line and "no less than the cards'" in line


def test_best_model_beside_a_sibling_that_runs_well_is_not_called_the_best():
    from fitengine import ask

    r = ask("is 16gb mac mini m4 enough for qwen3 14b?").reports[0]
    texts = [x.text for x in r.next_steps]
    kin = [t for t in texts if " runs well here " in t]
    if kin:  # a sibling runs well here: no other step says it is the best that runs well
        assert not any("is the best model that runs well here" in t for t in texts), texts


def test_raised_wired_limit_row_says_what_the_headline_says():
    from fitengine import ask

    r = ask("m4 max 128gb can it run qwen3 235b?").reports[0]
    row = next(x for x in r.quants if x.quant == r.quant)
    assert r.fit == "tight" and row.fit == "tight", (r.fit, row.fit)


def test_best_hardware_headline_at_the_window_of_the_setups_listed():
    from fitengine import ask

    a = ask("what gpu do I need to run gpt-oss-120b in ollama?")
    ctx = {r.context for r in a.reports}
    assert len(ctx) == 1
    said = f"{ctx.pop() // 1024}K context"
    assert a.message.split(" needs about")[0].endswith(said), a.message[:120]


def test_wont_fit_card_has_no_double_blank_line():
    from fitengine import ask
    from fitengine.cli import render_answer

    text = render_answer(ask("can I run gpt-oss-120b on a 3090 with 32gb ram?"))
    assert "What runs instead" in text and "\n\n\n" not in text


@pytest.mark.parametrize(
    "text",
    [
        "what's the best model I can run in ollama on a 3090?",
        "best models for ollama on a 4060 ti 16gb with 64gb ram",
    ],
)
def test_ollama_list_says_expert_offload_picks_run_slower_there(text):
    from fitengine import ask

    a = ask(text)
    moe = [
        r
        for r in a.reports[:5]
        if r.placement.kind == "moe_offload" and r.commands and r.commands.ollama_note
    ]
    assert moe
    assert "In Ollama, " in a.message and "--n-cpu-moe" in a.message
    assert all(r.model.name in a.message.split("In Ollama, ")[1] for r in moe)
    assert "In Ollama, " not in ask("best model for a 3090").message


def test_backend_written_as_its_project_writes_it():
    from fitengine import ask

    r = ask("gpt-oss-120b on strix halo 128gb").reports[0]
    assert any(x.startswith("llama.cpp (ROCm) 2025+ build") for x in r.assumptions)
