"""A computer named by its product line ("can my ThinkPad T14 Gen 1 AMD run ..."): the line ships
with many chips, so the answer asks which, never reads the name's number as a model ("T14" as a
14B) and never answers a list of other hardware as if no machine had been said (review3 r3-11)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from fitengine.answers import ask
from fitengine.nlq import parse

LINES = ["ThinkPad", "Lenovo Legion", "Dell XPS", "Zenbook", "HP EliteBook", "Surface Laptop"]


def test_a_laptop_named_by_its_line_is_unknown_hardware_not_a_model():
    q = parse("Can my ThinkPad T14 Gen 1 AMD run Qwen3.6-35B-A3B for coding assistance?")
    assert q.model is not None and q.model.id == "qwen3.6-35b-a3b"
    assert q.hardware is None
    assert [(u.kind, u.text, u.reason) for u in q.unsure] == [
        ("hardware", "ThinkPad T14 Gen 1 AMD", "machine")
    ]


def test_the_maker_is_part_of_the_machine_not_a_family_of_devices():
    q = parse("can my dell xps 15 9500 run qwen3 8b")
    assert [(u.text, u.reason) for u in q.unsure] == [("dell xps 15 9500", "machine")]


def test_the_answer_asks_for_the_chip_inside():
    a = ask("can my lenovo legion 5 run qwen3 8b?")
    assert 'which chips your "lenovo legion 5" has' in a.message
    assert "graphics card" in a.message and "processor" in a.message


def test_a_model_asked_of_a_machine_is_answered_on_a_stand_in_with_the_ram_assumed():
    # advice38: the fit on a CPU-only stand-in with the default RAM, both said, not no answer
    a = ask("Can my ThinkPad T14 Gen 1 AMD run Qwen3.6-35B-A3B for coding assistance?")
    assert a.intent == "fit" and len(a.reports) == 1
    r = a.reports[0]
    assert r.model.id == "qwen3.6-35b-a3b" and r.hardware.kind == "cpu"
    assert {x.what for x in r.assumed} >= {"hardware", "ram"}
    assert a.message.startswith('I don\'t know which chips your "ThinkPad T14 Gen 1 AMD" has')
    assert "stand-in" in a.message


def test_a_memory_said_of_the_machine_is_its_ram_and_the_stand_in_is_said():
    q = parse("can my xps 13 with 32gb run qwen3 8b")
    assert q.ram_gb == 32 and q.vram_gb is None
    a = ask("can my xps 13 with 32gb run qwen3 8b")
    assert a.message.startswith('I don\'t know which chips your "xps 13" has; this answer is for')
    assert "say its graphics card or processor" in a.message


def test_a_device_named_beside_the_line_wins():
    q = parse("my legion 5 pro with a 3070, can it run qwen3 14b")
    assert q.hardware is not None and q.hardware.id == "rtx-3070-laptop"
    assert not q.unsure


def test_a_machine_the_catalog_names_is_that_entry():
    q = parse("can my framework desktop run gpt-oss-120b")
    assert q.hardware is not None and q.hardware.id == "radeon-8060s"
    assert not q.unsure


def test_a_line_word_in_passing_is_no_machine():
    q = parse("is a thinkpad good for llms? what can a 3060 run")
    assert q.hardware is not None and q.hardware.id.startswith("rtx-3060")


@settings(max_examples=60, deadline=None)
@given(
    line=st.sampled_from(LINES),
    model_code=st.sampled_from(["T14", "5 Pro", "15 9500", "14 Gen 3", "X1 Carbon Gen 9", "13"]),
    ask_for=st.sampled_from(["qwen3 8b", "gemma 3 12b", "llama 3.1 8b"]),
)
def test_no_number_of_a_machine_becomes_a_model(line, model_code, ask_for):
    q = parse(f"Can my {line} {model_code} run {ask_for}?")
    assert q.model is not None
    assert q.model.name.lower().replace(" ", "").startswith(ask_for.split()[0].replace(" ", ""))
    assert all(u.kind == "hardware" for u in q.unsure)


def test_a_machines_line_with_its_processor_said_is_that_processor():
    q = parse("Looking up Lenovo IdeaPad 3 I see a $400 laptop with an Intel Core i3-N305")
    assert q.hardware is not None and q.hardware.id == "intel-n305"
    assert not any(u.reason == "machine" for u in q.unsure)


def test_a_bare_amount_beside_a_card_is_ram_only_where_the_text_says_so():
    assert parse("Same here on dual 3090's... 16gb and then nothing else fits.").ram_gb is None
    assert (
        parse("@v2ray 280GB ??\n\nEven H100 has 80GB only? How to load this then ?").ram_gb is None
    )
    assert parse("My config: Ryzen 5 5500, 16Gb, RTX 3060 12Gb").ram_gb == 16
    assert parse("4 * A800, and Memory is `128GB`").ram_gb == 128
    assert parse("I own 64gb...96gb upgrade worth?\n\nI also own 4070 ti super 16gb").ram_gb == 64


def test_a_memory_word_said_with_another_amount_is_that_amounts():
    q = parse("I am utilizing A6000s with 48GB of memory each, but only ~4GB of that is utilized")
    assert q.ram_gb is None


def test_a_model_name_read_running_past_the_machine_is_dropped_with_it():
    # "T14 ... with" was read as an unknown 14B model beside the machine (advice38)
    q = parse("Can my ThinkPad T14 Gen 1 AMD with 32GB RAM run Qwen3.6-35B-A3B?")
    assert q.model is not None and q.model.id == "qwen3.6-35b-a3b"
    assert [(u.kind, u.reason) for u in q.unsure] == [("hardware", "machine")]
