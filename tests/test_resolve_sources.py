"""Names as tools and spec sheets write them (lscpu, llama-bench, benchmark tables), not only as
people type them."""

import pytest

from fitengine import resolve_hardware, resolve_model
from fitengine.catalog import default_catalog
from fitengine.engine import _quant


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("AMD Ryzen 9 7950X 16-Core Processor (znver4)", "ryzen-9-7950x"),
        ("11th Gen Intel Core i5-11400 @ 2.60GHz (rocketlake)", "core-i5-11400"),
        ("12th Gen Intel Core i7-12700H (alderlake)", "core-i7-12700h"),
        ("Intel 265K Custom PC (Nvidia RTX 4090)", "rtx-4090"),
        ("Ryzen 9 7900X (Nvidia 4090)", "rtx-4090"),
        ("HiFive Premier P550 (AMD RX 580)", "rx-580-8gb"),
        ("Apple M1 Max 8P+2E+24GPU", "m1-max-24c"),
        ("Apple M2 Pro 8P+4E+19GPU", "m2-pro-19c"),
        ("AMD FX(tm)-8320 Eight-Core Processor (bdver2)", "fx-8320"),
    ],
)
def test_tool_written_hardware_names(text, expected):
    assert resolve_hardware(text).entry.id == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Llama-2-7B (llama 7B v2)", "llama-2-7b"),
        ("gpt-oss-120b (ggml-org MXFP4 GGUF)", "gpt-oss-120b"),
        ("Meta-Llama-3-8B", "llama-3-8b"),
    ],
)
def test_tool_written_model_names(text, expected):
    assert resolve_model(text).entry.id == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Q4_K - Medium", "Q4_K_M"),
        ("Q3_K - Small", "Q3_K_S"),
        ("IQ2_M - 2.7 bpw", "IQ2_M"),
        ("MXFP4 (MoE experts)", "MXFP4"),
    ],
)
def test_llama_bench_quant_names(text, expected):
    assert _quant(default_catalog(), text).id == expected


def test_cpu_backend_on_an_apu_name_means_the_processor():
    from fitengine import analyze

    r = analyze("llama-3.2-1b", "AMD Ryzen 7 7840U w/ Radeon 780M Graphics (znver4)", backend="cpu")
    assert r.hardware.kind == "cpu"
    assert r.placement.kind == "cpu"


def test_suggestions_are_the_same_in_every_process():
    import os
    import subprocess
    import sys

    code = (
        "from fitengine import resolve_hardware;"
        "print([s.id for s in resolve_hardware('rtx-9999').suggestions])"
    )
    outs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outs) == 1


@pytest.mark.parametrize(
    ("repo", "expected"),
    [
        ("unsloth/gemma-3-12b-it-GGUF", "gemma-3-12b"),
        ("mlabonne/gemma-3-27b-it-abliterated-GGUF", "gemma-3-27b"),
        ("byteshape/Qwen3.6-35B-A3B-MTP-GGUF", "qwen3.6-35b-a3b"),
        # only the size and "GGUF" in common with a catalog model's GGUF repo: no model of ours
        ("someone/Foo-Bar-13B-GGUF", None),
        ("acme/Zephyr-Omega-13B-GGUF", None),
    ],
)
def test_a_repo_reads_as_the_model_its_name_says_not_as_its_release_words(repo, expected):
    entry = resolve_model(repo, default_catalog()).entry
    assert (entry.id if entry else None) == expected
