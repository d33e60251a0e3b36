"""Round advice104: silent assumptions a question leaves the answer to make.

1. A card said in the plural without a count ("my P40s", "a bunch of 3090s"): several of that
   card, how many not said. A fit is answered on the fewest that hold the model on the GPUs, a list
   on one card, and either says the count as assumed.
2. A Mac chip said with a bare size no chip of its generation is sold with ("M1 Max ... 43G"): the
   size is the model's file, so the Mac's memory stays unsaid and is an assumption.
3. A machine named the way a log names it: the Vulkan driver's codename of an AMD iGPU
   ("AMD Radeon Graphics (RADV CEZANNE)") or a Ryzen by its short tier with a hyphen ("r7-4800u"):
   read as that chip, so the RAM it shares is said as assumed instead of answering on no machine.
4. A dense model that fits only at a quant that loses much of it: the line says it fits, not that
   it runs well, after the verdict that names the quality cost and the better choice.
"""

import pytest

from fitengine import ask
from fitengine.nlq import parse


def _assumed(a, what):
    return [x for x in (*a.assumed, *(a.reports[0].assumed if a.reports else ())) if x.what == what]


# ---------------------------------------------------------------- 1. cards of unsaid count


@pytest.mark.parametrize(
    "text",
    ["got a bunch of P40s, will qwen3.6 27b run at q8?", "can my 3090s handle glm-4.7?"],
)
def test_plural_cards_fit_on_the_fewest_that_hold_it(text):
    a = ask(text)
    r = a.reports[0]
    assert r.hardware.count >= 2
    assert r.fit != "wont_fit"
    assert _assumed(a, "gpus"), a.assumed
    assert "how many you have was not said" in a.message


@pytest.mark.parametrize(
    "text", ["what should I run on my 3090s?", "best coding model for a few P40 cards"]
)
def test_plural_cards_list_is_for_one_said_as_assumed(text):
    a = ask(text)
    assert a.reports and a.reports[0].hardware.count == 1
    gpus = [x for x in a.assumed if x.what == "gpus"]
    assert gpus and gpus[0].value == "1"
    assert "Best on one " in a.message or "Runs well on one " in a.message


@pytest.mark.parametrize(
    "text, gpus",
    [
        ("two 3090s for glm 4.5 air?", 2),
        ("my 3090 runs qwen3.6 27b slowly", None),
        ("rtx 4080s with qwen3.6 27b", None),  # the Super, not a plural
        ("my 3090's fans are loud, can it run qwen3.6 27b?", None),  # a possessive
    ],
)
def test_a_count_or_a_single_card_is_no_unsaid_count(text, gpus):
    q = parse(text)
    assert q.gpus == gpus
    assert not q.cards_unsaid_count


# ---------------------------------------------------------------- 2. a Mac's size no chip has


def test_a_size_no_mac_of_the_generation_has_is_the_models_file():
    a = ask("my M1 Max laptop cannot load llama3.3:70b, the download is 43G")
    assert a.query.vram_gb is None
    assert a.reports[0].hardware.id.startswith("m1-max")
    assert _assumed(a, "memory"), a.reports[0].assumed


@pytest.mark.parametrize(
    "text, gb", [("my 36GB ram M3 max, what runs", 36), ("M2 Ultra 192GB", 192)]
)
def test_a_size_the_mac_is_sold_with_stays_its_memory(text, gb):
    assert parse(text).vram_gb == gb


# ---------------------------------------------------------------- 3. names as logs write them


@pytest.mark.parametrize(
    "text, hw",
    [
        ("llama-bench qwen3.6 35b a3b on AMD Radeon Graphics (RADV CEZANNE)", "radeon-cezanne"),
        ("qwen3.6 35b a3b: ggml_vulkan: 0 = AMD Radeon Graphics (RADV RENOIR)", "radeon-renoir"),
    ],
)
def test_a_radv_codename_is_its_igpu_with_the_ram_assumed(text, hw):
    a = ask(text)
    r = a.reports[0]
    assert r.hardware.id == hw
    assert _assumed(a, "ram"), r.assumed


def test_a_ryzen_short_tier_with_a_hyphen():
    q = parse("gpt-oss-20b on my r7-4800u laptop")
    assert q.hardware is not None and "4800u" in q.hardware.id


# ---------------------------------------------------------------- 4. a squeezed dense model


def test_a_dense_model_squeezed_to_two_bits_fits_but_does_not_run_well():
    a = ask("gemma 4 31b on a 16gb mac mini?")
    r = a.reports[0]
    assert a.message.startswith("Only at a quant that loses much of its quality")
    assert ": fits, " in a.message and ": runs well, " not in a.message
    assert any(s.kind == "other_model" for s in r.next_steps)
