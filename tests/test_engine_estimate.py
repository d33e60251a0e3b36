"""engine.estimate: with a quant and a KV cache type asked, the configuration and figures a
verdict gives, from the asked quant's row alone (another backend's figures, one card of several)."""

from __future__ import annotations

import pytest

from fitengine.engine import estimate, verdict

ASKED = [
    # a Radeon on its second backend, as the answer's "On Vulkan ..." line asks it
    ("qwen3.6-27b", "rx-7900-xtx", {"backend": "vulkan", "quant": "Q4_K_M", "kv_type": "f16"}),
    # one card of two ("one card or both?")
    ("llama-3.3-70b", "rtx-3090", {"gpus": 1, "quant": "Q4_K_M", "kv_type": "q8_0"}),
    ("llama-3.3-70b", "rtx-3090", {"gpus": 2, "quant": "Q4_K_M", "kv_type": "f16"}),
    # a Mac, where the wired limit may be raised for the asked quant
    ("llama-3.3-70b", "m4-max-40c", {"vram_gb": 64, "quant": "Q5_K_M", "kv_type": "f16"}),
    # a mixed rig, where fewer cards may hold it
    (
        "qwen3.6-27b",
        None,
        {
            "setup": [("rtx 3090", 1, None), ("rtx 3060", 1, 12)],
            "quant": "Q4_K_M",
            "kv_type": "f16",
        },
    ),
    # nothing fits the asked window
    ("llama-3.3-70b", "rtx-3060", {"quant": "Q8_0", "kv_type": "f16", "context": 131072}),
    # nothing fits, no window asked: the verdict tries the workload's own window
    ("deepseek-v4-pro", "rtx-3060", {"quant": "Q8_0", "kv_type": "f16", "ram_gb": 16}),
]


@pytest.mark.parametrize(("model", "hw", "kw"), ASKED)
def test_an_estimate_is_the_verdicts_run_and_figures(model, hw, kw):
    e, v = estimate(model, hw, **kw), verdict(model, hw, **kw)
    assert (e.run.quant.id, e.run.kv_type, e.run.fit, e.run.decode) == (
        v.run.quant.id,
        v.run.kv_type,
        v.run.fit,
        v.run.decode,
    )
    assert e.run.placement.kind == v.run.placement.kind
    f, g = e.figures, v.figures
    assert (f.decode, f.prefill, f.ttft_ms, f.safe, f.safe_on, f.decode_full) == (
        g.decode,
        g.prefill,
        g.ttft_ms,
        g.safe,
        g.safe_on,
        g.decode_full,
    )


def test_without_a_kv_type_asked_it_is_the_verdicts_own():
    e = estimate("qwen3.6-27b", "rtx-3090", quant="Q4_K_M")
    v = verdict("qwen3.6-27b", "rtx-3090", quant="Q4_K_M")
    assert (e.run.kv_type, e.figures.decode) == (v.run.kv_type, v.figures.decode)
