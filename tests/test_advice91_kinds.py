"""advice91: kinds of wrong answers review17 and advice85 found (issue 8)."""

from __future__ import annotations

import pytest

from fitengine.advise import best_models


@pytest.mark.parametrize(
    ("hardware", "kw", "least"),
    [
        ("rtx-4090", {}, 4),
        ("rtx-3060", {}, 4),
        ("rtx-3060-8gb", {}, 3),
        ("m3-pro-18c", {"ram_gb": 36}, 3),
    ],
)
def test_a_completion_list_keeps_each_size_of_the_fim_coders(hardware, kw, least):
    # code completion is picked by size for speed (llama.vscode's presets: 1.5B to 14B by the
    # VRAM there is): a FIM list is not the one best coder alone
    rs = best_models(hardware, tags=("fim",), workload="coding", **kw)
    ids = [r.model.id for r in rs]
    assert len(ids) >= least, ids
    small = [i for i in ids if i in ("qwen2.5-coder-1.5b", "qwen2.5-coder-3b", "qwen2.5-coder-7b")]
    assert small, ids
    # and ranked best first: the best coder that runs fast leads
    assert ids[0] == "qwen3-coder-30b-a3b", ids


def test_a_list_without_the_fim_tag_still_keeps_one_size_per_family():
    ids = [r.model.id for r in best_models("rtx-4090", workload="coding")]
    assert not {"qwen2.5-coder-7b", "qwen2.5-coder-3b"} & set(ids), ids
