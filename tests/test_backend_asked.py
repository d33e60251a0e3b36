"""A llama.cpp backend named in a question: one is the build the answer runs, two are the
question ("rocm or vulkan?"), answered side by side."""

from __future__ import annotations

import pytest

from fitengine import ask, parse


@pytest.mark.parametrize(
    ("text", "backends"),
    [
        ("should I use rocm or vulkan for qwen3.6 27b on my 7900 xtx?", ["rocm", "vulkan"]),
        ("qwen3.6 27b on my 7900 xtx with the radv build", ["vulkan"]),
        ("gemma 4 26b on arc b580, sycl or vulkan?", ["sycl", "vulkan"]),
        ("can my 3090 run qwen3 32b at 32k?", []),
    ],
)
def test_backends_are_read_in_the_order_said(text, backends):
    assert parse(text).backends == backends


def test_one_backend_named_is_the_build_the_answer_runs():
    r = ask("qwen3.6 27b on my 7900 xtx with vulkan").reports[0]
    assert r.backend == "vulkan"


def test_a_backend_the_device_lacks_changes_nothing():
    r = ask("CUDA error: out of memory, qwen3.6 27b on my 7900 xtx").reports[0]
    assert r.backend == "rocm"


def test_two_backends_named_are_answered_side_by_side_with_which_is_faster():
    a = ask("should I use rocm or vulkan for qwen3.6 27b on my 7900 xtx?")
    # one sentence: "Qwen3.6 27B at Q4_K_M on Vulkan (another llama.cpp build): ~..."
    assert " on Vulkan (another llama.cpp build)" in a.message
    assert ": On Vulkan" not in a.message
    assert "faster" in a.message or "About the same" in a.message
