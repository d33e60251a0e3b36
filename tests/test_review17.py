"""What a new user reads (review17): no line says a figure is below itself."""

from __future__ import annotations

import pytest

from fitengine.grade import grade_workload


@pytest.mark.parametrize(
    ("workload", "decode", "said"),
    [
        ("chat", 9.6, "decode 9.6 tok/s is below the ~10 tok/s"),
        ("reasoning", 19.7, "decode 19.7 tok/s is below the ~20 tok/s"),
        ("rag", 9.5, "decode 9.5 tok/s is below the ~10 tok/s"),
        # apart, whole numbers as before
        ("chat", 6.2, "decode 6 tok/s is below the ~10 tok/s"),
        ("reasoning", 12.4, "decode 12 tok/s is below the ~20 tok/s"),
    ],
)
def test_a_decode_just_below_the_need_is_not_said_as_the_need(cat, workload, decode, said):
    """GLM-4.5-Air on a 3060 at ~9.6 tok/s read "decode 10 tok/s is below the ~10 tok/s chat
    needs": rounded to the need it contradicts itself."""
    w = cat.workloads[workload]
    g = grade_workload(w, fit="runs_well", decode=decode, ttft_s=0.1, context=131072)
    assert g.reason.startswith(said), g.reason
