"""Kinds of mistake round advice54's blind best_model questions showed: a model asked for with no
machine said got the help text instead of a list, and "without any GPUs" was not read as CPU-only."""

from __future__ import annotations

import pytest

from fitengine import ask
from fitengine.answers import HELP
from fitengine.nlq import parse

NO_MACHINE = [
    # (text, what the list is kept to or ranked by)
    ("{QUESTION} What's the best NSFW model to use for KoboldAi?", "uncensored"),
    ("recommend me a coding model", "coding"),
    ("what's a good roleplay model", None),
    ("Could you please suggest model for local translation?", "multilingual"),
    ("Also which model would be recommended?", None),
    ("what is the best model for coding?", "coding"),
]


@pytest.mark.parametrize("text,wish", NO_MACHINE)
def test_a_model_asked_with_no_machine_gets_a_list_on_a_stand_in_said_as_assumed(text, wish):
    """The question asks for a model and says nothing of the machine: a list on the stand-in CPU
    system, the stand-in said in the message and in the structured assumptions, not the help
    text pointing at examples."""
    q = parse(text)
    assert q.intent == "best_model_for_hw", text
    a = ask(text)
    assert a.message != HELP and a.reports, text
    assert a.message.startswith("No machine was said"), text
    assert any(x.what == "hardware" for x in a.assumed), text
    assert all(r.hardware.kind == "cpu" for r in a.reports), text
    if wish == "uncensored":
        assert "uncensored" in a.message


@pytest.mark.parametrize(
    "text,hw",
    [
        ("What's the best NSFW model to use on my 3090?", "rtx-3090"),
        ("recommend me a coding model for my M4 Pro 24GB", "m4-pro"),
        ("what's a good roleplay model for an 8GB RTX 4060", "rtx-4060"),
    ],
)
def test_a_machine_said_keeps_its_own_list_and_no_stand_in(text, hw):
    """With a machine named the list is for it, as before: no stand-in, no lead about one."""
    a = ask(text)
    assert a.intent == "best_model_for_hw" and a.reports, text
    assert a.reports[0].hardware.id.startswith(hw), (text, a.reports[0].hardware.id)
    assert not a.message.startswith("No machine was said"), text


@pytest.mark.parametrize(
    "text",
    ["hello", "how do i use this bot", "what is this", "thanks!", "what gpu model do I need"],
)
def test_no_model_asked_stays_help_or_a_hardware_question(text):
    """Chatter keeps the pointer; a machine asked for ("what gpu model") is not a model list."""
    q = parse(text)
    assert q.intent != "best_model_for_hw", text


@pytest.mark.parametrize(
    "text",
    [
        "would this work on a laptop without any GPUs? which model would be recommended?",
        "a desktop without any graphics card, 32gb ram: best model?",
        "my mini pc without any dedicated gpu, what can it run",
    ],
)
def test_without_any_gpu_is_cpu_only(text):
    """ "without any GPUs" says no GPU at all, like "without a gpu": a CPU-only list."""
    q = parse(text)
    assert q.cpu_only, text
    a = ask(text)
    assert a.reports and all(r.hardware.kind == "cpu" for r in a.reports), text
