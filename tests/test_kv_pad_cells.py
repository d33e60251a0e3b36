"""The cells a decode step's attention reads at least (speed.kv_pad): llama.cpp's get_n_kv pads to
256 whatever the flash-attention flag since https://github.com/ggml-org/llama.cpp/pull/16812
(October 2025), to 32 without it before; a calibration run is read at its own build's padding."""

from dataclasses import replace

import pytest

from bench.rows import _before_pad256, load_rows
from fitengine.speed import Workpoint, kv_pad


@pytest.mark.parametrize(
    "build, before",
    [
        (2824, True),
        (6792, True),
        (7095, False),
        ("2025-06", True),
        ("2025-12", False),
        (None, False),
    ],
)
def test_builds_before_pr_16812_padded_to_32(build, before):
    assert _before_pad256(build) is before


def test_calibration_rows_read_their_build_s_padding():
    rows = [r for r in load_rows() if not r.wp.flash_attn]
    pads = {r.wp.kv_pad_nofa for r in rows}
    assert pads == {32, 256}
    for r in rows:
        if "llamafile" in r.build.lower():  # llamafile 0.9.x: a llama.cpp of spring 2025
            assert r.wp.kv_pad_nofa == 32
    # the Raspberry Pi 4 runs of b7095 (sensura-san/llm-bench), without flash attention
    pi = [r for r in rows if "(7095)" in r.build]
    assert len(pi) >= 3 and all(r.wp.kv_pad_nofa == 256 for r in pi)


def test_today_s_builds_read_256_cells_with_or_without_flash_attention():
    wp = next(r.wp for r in load_rows() if not r.wp.flash_attn)
    assert kv_pad(replace(wp, kv_pad_nofa=256)) == 256
    assert kv_pad(replace(wp, flash_attn=True, kv_pad_nofa=32)) == 256
    assert Workpoint.__dataclass_fields__["kv_pad_nofa"].default == 256
