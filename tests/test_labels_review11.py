"""Words a reader cannot place, from docs/reviews/review11.md: a laptop CPU's catalog name
"(CPU only)" beside the card it hosts, and "could be ..." notes for a family word when the text
names the model in full."""

from __future__ import annotations

from fitengine.answers import ask
from fitengine.catalog import default_catalog
from fitengine.request import host_label


def test_a_host_cpu_is_named_without_cpu_only():
    hw = default_catalog().hardware["core-ultra-7-155h-cpu"]
    assert hw.name.endswith("(CPU only)") and host_label(hw) == "Intel Core Ultra 7 155H"


def test_a_laptop_with_a_card_does_not_read_as_cpu_only(cat):
    a = ask(
        "which local models are best on a 8gb vram/16gb ram laptop? Core ultra 7 155H,"
        " RTX 4070 mobile 8 GB VRAM",
        cat,
    )
    assert a.reports and "Intel Core Ultra 7 155H" in a.message, a.message
    assert "(CPU only)" not in a.message and "(CPU only)" not in a.reports[0].hardware.name


def test_the_chip_alone_keeps_its_name(cat):
    a = ask("can an intel core ultra 7 155h cpu only run qwen3.5 9b?", cat)
    assert a.reports and "CPU only" in a.reports[0].hardware.name, a.reports[0].hardware.name


def test_a_family_word_beside_the_model_named_in_full_is_no_question(cat):
    text = (
        "macOS 13.4.1 M1 Pro 16GB\n\n1. [LLaMA]. It takes so long time to chat and not available"
        ' in fact. \n(mlx) llama % python3 llama.py Llama-2-7b-chat.npz tokenizer.model "who are'
        ' you?"'
    )
    a = ask(text, cat)
    assert a.reports[0].model.id == "llama-2-7b" and "could be" not in a.message, a.message


def test_a_word_of_another_model_still_gets_its_note():
    """Only the words of the model answered are its short form: "Gemma4" beside Qwen3.6 27B is
    another model, and its note stays."""
    from fitengine.answers import _said_short
    from fitengine.nlq import ModelRef, Query, Unsure

    q = Query(text="x", model=ModelRef(id="llama-2-7b", name="Llama 2 7B Chat", params_b=6.74))
    short = Unsure(kind="model", text="LLaMA")
    other = Unsure(kind="model", text="Gemma4")
    assert _said_short(short, q, {"llama-2-7b"})
    assert not _said_short(other, q, {"llama-2-7b"})
    assert not _said_short(short, q, {"llama-3.1-8b"})  # the answer is for something else
