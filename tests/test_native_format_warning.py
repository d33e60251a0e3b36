"""The native-format warning ("released in MXFP4: Q8_0 keeps those weights in a bigger file") is
said by the files' sizes, not the formats' nominal bits per weight: a dynamic quant whose file is
smaller than the native one gets none, one of about the same size is said as such (review10,
kind 6: "UD-IQ4_XS keeps those weights in a bigger file" at 130 GB against MXFP4's 154)."""

from __future__ import annotations

from fitengine.answers import ask
from fitengine.memory import file_size


def _warning(r) -> str:
    return next((w for w in r.warnings if "was released in" in w), "")


def test_a_smaller_file_than_the_native_one_gets_no_warning(cat):
    r = ask("I have 5x RTX 3090. Can I run DeepSeek V4 Flash across all five?", cat).reports[0]
    m = cat.models[r.model.id]
    assert file_size(m, cat.quants[r.quant])[0] < file_size(m, cat.quants[m.native_quant])[0]
    assert not _warning(r)


def test_a_bigger_file_is_still_warned_about(cat):
    r = ask("gpt-oss-20b Q8_0 on my 5090", cat).reports[0]
    assert "in a bigger file" in _warning(r)


def test_a_file_of_the_same_size_is_said_as_such(cat):
    r = ask("gpt-oss-120b Q8_0 on a RTX PRO 6000", cat).reports[0]
    assert "about the same size" in _warning(r)
