"""A machine with mixed cards in the CLI, in batch lines and in the bot's options; the bot's
hardware autocomplete keeps the count and memory typed."""

from __future__ import annotations

import asyncio
import io
import json
import sys

import pytest

from bot.engine import Engine
from fitengine.cli import UsageError, main, setup_cards


def run_json(capsys, *argv):
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(
    "argv",
    [
        ["fit", "llama-3.3-70b", "--hardware", "3090 + 3060 12GB"],
        ["fit", "llama-3.3-70b", "-H", "3090", "-H", "3060 12gb"],
        ["fit", "llama", "3.3", "70b", "3090", "+", "3060", "12GB"],
        ["fit", "llama-3.3-70b", "3090 + 3060 12GB"],
    ],
)
def test_the_cli_takes_several_cards(capsys, argv):
    report = run_json(capsys, *argv, "--json")
    assert report["model"]["id"] == "llama-3.3-70b"
    parts = [(p["id"], p["count"]) for p in report["hardware"]["parts"]]
    assert parts == [("rtx-3090", 1), ("rtx-3060", 1)]


def test_cards_add_up_and_keep_their_memory():
    assert setup_cards(["2x 3090 + 3060 12GB + 3090"], {}) == [
        ("rtx-3090", 3, None),
        ("rtx-3060", 1, 12.0),
    ]
    assert setup_cards(["rtx 3090"], {}) is None  # one device: the ordinary path


@pytest.mark.parametrize(
    ("texts", "kw"),
    [(["3090 + m2 max"], {}), (["3090 + 3060"], {"gpus": 2}), (["3090 + 3060"], {"vram_gb": 12})],
)
def test_several_cards_refuse_what_does_not_apply(texts, kw):
    with pytest.raises(UsageError):
        setup_cards(texts, kw)


def test_batch_lines_take_a_list_or_a_plus(capsys, monkeypatch):
    lines = [
        {"model": "llama-3.3-70b", "hardware": ["4090", "2x 3090"]},
        {"model": "llama-3.3-70b", "hardware": "4090 + 3090"},
        {"model": "llama-3.3-70b", "hardware": []},
    ]
    raw = "\n".join(json.dumps(x) for x in lines).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))
    assert main(["batch"]) == 0
    out = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [(p["id"], p["count"]) for p in out[0]["hardware"]["parts"]] == [
        ("rtx-4090", 1),
        ("rtx-3090", 2),
    ]
    assert [p["id"] for p in out[1]["hardware"]["parts"]] == ["rtx-4090", "rtx-3090"]
    assert out[2]["error"]["type"] == "bad_value"


# --------------------------------------------------------------------------- the bot


def test_the_bot_fit_option_takes_several_cards():
    report = asyncio.run(Engine().analyze("llama-3.3-70b", "3090 + 3060 12GB", gpus=1))
    assert [(p.id, p.memory_gb) for p in report.hardware.parts] == [
        ("rtx-3090", 24.0),
        ("rtx-3060", 12.0),
    ]


@pytest.mark.parametrize(
    ("typed", "value", "memory"),
    [
        ("M2 Max 32GB", "m2-max", 32),
        ("2x rtx 3090 24gb", "2x rtx-3090", 24),
        ("2x 3090", "2x", None),
    ],
)
def test_hardware_autocomplete_keeps_count_and_memory(typed, value, memory, cat):
    choices = Engine().hardware_choices(typed)
    assert choices and all(c.value.startswith(value) for c in choices[:2])
    if memory is not None:
        for c in choices:
            hw = cat.hardware[c.value.split()[-2] if c.value.endswith("GB") else c.value]
            assert memory in (hw.memory_gb, *hw.memory_options_gb)
            assert c.value.endswith(f" {memory}GB")


def test_a_choice_with_memory_answers_for_that_memory():
    value = Engine().hardware_choices("M2 Max 32GB")[0].value
    report = asyncio.run(Engine().analyze("qwen3-32b", value))
    assert report.hardware.memory_gb == 32


def test_an_unknown_model_number_suggests_the_closest_numbers(capsys):
    assert main(["fit", "llama-3-8b", "rtx 4900"]) == 2
    err = capsys.readouterr().err
    assert err.splitlines()[2].split()[0] == "rtx-4090"


def test_a_card_said_as_someone_elses_is_another_machine():
    """ "My friend has a 4090 and I have a 7900 XTX": two machines compared, not one rig; a card
    a friend gave away is the speaker's (no owner verb)."""
    from fitengine.catalog import default_catalog
    from fitengine.nlq import parse

    cat = default_catalog()
    q = parse("my friend has a 4090 and I have a 7900 XTX", cat)
    assert q.intent == "compare" and not q.setup
    assert {q.hardware.id, q.hardware_b.id} == {"rtx-4090", "rx-7900-xtx"}
    q = parse("a buddy gave me a 3060 and I have a 3090, qwen3.6 27b on both in one pc?", cat)
    assert q.hardware_b is None


def test_two_devices_each_with_a_run_time_of_its_own_are_runs_compared():
    """ "... on an A6000 and an RTX 4090: on the A6000 the response time was 23 seconds, on the
    RTX 4090 16 seconds": the runs are told after the devices were introduced; each its own."""
    from fitengine.catalog import default_catalog
    from fitengine.nlq import parse

    text = (
        "I ran the same code (Phi-3.5-mini) on an A6000 with 48GB VRAM and an RTX 4090 with "
        "24GB VRAM: on the A6000 the response time was 23 seconds, on the RTX 4090 16 seconds."
    )
    q = parse(text, default_catalog())
    assert q.intent == "compare" and not q.setup
    assert q.hardware_b is not None
