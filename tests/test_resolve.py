"""Name resolution: messy names people type, pinned to the catalog entry they mean.

The expected ids were written first, the way users write names (Discord, Reddit, llama.cpp issues),
and the resolver and catalog aliases were then fixed until they pass.
"""

from __future__ import annotations

import time

import pytest

from fitengine.catalog import Catalog, default_catalog
from fitengine.resolve import (
    MEMORY_RE,
    Resolution,
    Suggestion,
    complete_hardware,
    complete_models,
    normalize,
    resolve_hardware,
    resolve_model,
)

# --------------------------------------------------------------------------- hardware

# the names the issue lists, then messy names people type
HARDWARE_CASES = [
    ("3090", "rtx-3090"),
    ("rtx3090ti", "rtx-3090-ti"),
    ("4090 laptop", "rtx-4090-laptop"),
    ("m4pro", "m4-pro-20c"),
    ("7900xtx", "rx-7900-xtx"),
    ("a100 80g", "a100-80gb-sxm"),
    # NVIDIA GeForce: spacing, case, punctuation, vendor words, memory
    ("RTX 3090", "rtx-3090"),
    ("rtx-3090", "rtx-3090"),
    ("Nvidia RTX 3090 24 GB", "rtx-3090"),
    ("geforce 3090", "rtx-3090"),
    ("nvidia 3090", "rtx-3090"),
    ("rtx 3090 ti", "rtx-3090-ti"),
    ("RTX 3090Ti", "rtx-3090-ti"),
    ("3080", "rtx-3080"),
    ("rtx 3080 ti", "rtx-3080-ti"),
    ("RTX-4060-Ti 16GB", "rtx-4060-ti-16gb"),
    ("4060 ti 16 gb", "rtx-4060-ti-16gb"),
    ("gtx1080ti", "gtx-1080-ti"),
    ("GTX 1080 Ti", "gtx-1080-ti"),
    ("gtx 1070", "gtx-1070"),
    ("1660 super", "gtx-1660-super"),
    ("gtx 1650", "gtx-1650"),
    ("2080 ti", "rtx-2080-ti"),
    ("RTX 2060 Super", "rtx-2060-super"),
    ("GeForce RTX 3060 12GB", "rtx-3060"),
    ("rtx 3060 8gb", "rtx-3060-8gb"),
    ("RTX3060", "rtx-3060"),
    ("4070 ti super", "rtx-4070-ti-super"),
    ("4070 tis", "rtx-4070-ti-super"),
    ("nvidia geforce rtx 4090", "rtx-4090"),
    ("4090", "rtx-4090"),
    ("rtx 4o90", "rtx-4090"),
    ("RTX 4090 24GB", "rtx-4090"),
    ("5090", "rtx-5090"),
    ("rtx 5060ti", "rtx-5060-ti-16gb"),
    ("4090 mobile", "rtx-4090-laptop"),
    ("rtx 4090m", "rtx-4090-laptop"),
    ("3070 laptop", "rtx-3070-laptop"),
    ("rtx 5090 laptop", "rtx-5090-laptop"),
    ("rtx 2060 laptop", "rtx-2060-laptop"),
    ("RTX 2070 Max-Q", "rtx-2070-laptop"),
    ("rtx 5060 laptop", "rtx-5060-laptop"),
    ("rtx 3090 founders edition", "rtx-3090"),
    # NVIDIA workstation, datacenter, embedded
    ("a6000", "rtx-a6000"),
    ("rtx a6000 48gb", "rtx-a6000"),
    ("rtx a4000", "rtx-a4000"),
    ("rtx 6000 ada", "rtx-6000-ada"),
    ("RTX 6000 Ada Generation", "rtx-6000-ada"),
    ("a6000 ada", "rtx-6000-ada"),
    ("rtx pro 6000", "rtx-pro-6000-blackwell"),
    ("RTX PRO 6000 Blackwell 96GB", "rtx-pro-6000-blackwell"),
    ("quadro rtx 8000", "quadro-rtx-8000"),
    ("tesla p40", "p40"),
    ("P40", "p40"),
    ("Nvidia Tesla P100", "p100-pcie-16gb"),
    ("Tesla V100 32GB", "v100-sxm2"),
    ("t4", "t4"),
    ("L40S", "l40s"),
    ("A100 40GB", "a100-40gb-sxm"),
    ("a100 pcie 80gb", "a100-80gb-pcie"),
    # a bare "A100 PCIe" is the 80 GB card, as a bare "A100" is the 80 GB SXM (advice93)
    ("a100 pcie", "a100-80gb-pcie"),
    ("h100 sxm", "h100-sxm"),
    ("H100 PCIe", "h100-pcie"),
    ("h100 nvl", "h100-nvl"),
    ("h200", "h200"),
    ("b200", "b200"),
    ("gh200", "gh200-96gb"),
    ("jetson agx orin 64gb", "jetson-agx-orin-64gb"),
    ("orin nano super", "jetson-orin-nano-super"),
    ("dgx spark", "dgx-spark"),
    ("DGX-Spark", "dgx-spark"),
    ("gb10", "dgx-spark"),
    # AMD
    ("Radeon RX 7900 XTX", "rx-7900-xtx"),
    ("radeon 7900xtx", "rx-7900-xtx"),
    ("AMD RX 7900 XTX 24GB", "rx-7900-xtx"),
    ("rx 7900 xt", "rx-7900-xt"),
    ("rx 6800xt", "rx-6800-xt"),
    ("6700xt", "rx-6700-xt"),
    ("rx 9070xt", "rx-9070-xt"),
    ("rx 7600", "rx-7600"),
    ("rx 7600 xt", "rx-7600-xt"),
    ("rx580", "rx-580-8gb"),
    ("radeon vii", "radeon-vii"),
    ("w7900", "radeon-pro-w7900"),
    ("r9700", "radeon-ai-pro-r9700"),
    ("mi300x", "mi300x"),
    ("MI355X", "mi355x"),
    ("mi250x", "mi250x"),
    ("strix halo", "radeon-8060s"),
    ("strixhalo", "radeon-8060s"),
    ("ryzen ai max 395", "radeon-8060s"),
    ("Ryzen AI Max+ 395 128GB", "radeon-8060s"),
    ("framework desktop", "radeon-8060s"),
    ("Radeon 8060S", "radeon-8060s"),
    ("radeon 780m", "radeon-780m"),
    ("890m", "radeon-890m"),
    # Intel
    ("arc b580", "arc-b580"),
    ("intel arc b580 12gb", "arc-b580"),
    ("a770 16gb", "arc-a770-16gb"),
    ("intel arc a770", "arc-a770-16gb"),
    ("b570", "arc-b570"),
    # Apple
    ("m1", "m1"),
    ("M3 Ultra", "m3-ultra-80c"),
    ("mac studio m2 ultra", "m2-ultra-76c"),
    ("mbp m1 max", "m1-max-32c"),
    ("macbook pro m3 max", "m3-max-40c"),
    ("macbok pro m3 max", "m3-max-40c"),
    ("m3max 128gb", "m3-max-40c"),
    ("apple m1 ultra", "m1-ultra-64c"),
    ("apple m2 ultra 192gb", "m2-ultra-76c"),
    ("macbook air m2", "m2"),
    ("mac mini m4", "m4"),
    ("M1 Pro 16GB", "m1-pro-16c"),
    ("m4 max 128gb", "m4-max-40c"),
    ("M4 Max 36GB", "m4-max-32c"),
    ("m4 pro 48gb", "m4-pro-20c"),
    # CPUs and CPU-only systems
    ("7900x", "ryzen-9-7900x"),
    ("ryzen 9 7950x", "ryzen-9-7950x"),
    ("7950x3d", "ryzen-9-7950x3d"),
    ("i9-14900k", "core-i9-14900k"),
    ("Intel Core i9 14900K", "core-i9-14900k"),
    ("epyc 9654", "epyc-9654"),
    ("threadripper 7980x", "threadripper-7980x"),
    ("ddr5 dual channel", "cpu-ddr5-2ch"),
    ("12 channel ddr5", "cpu-ddr5-12ch"),
    ("8-channel DDR4", "cpu-ddr4-8ch"),
    ("raspberry pi 5", "raspberry-pi-5"),
]

# memory written next to the device name is reported, and picks the variant sold with it
HARDWARE_MEMORY_CASES = [
    ("M2 Max 64GB", "m2-max-38c", 64),
    ("m2 max 96gb", "m2-max-38c", 96),
    ("M4 Max 36GB", "m4-max-32c", 36),
    ("m3 ultra 512gb", "m3-ultra-80c", 512),
    ("rtx 3060 12gb", "rtx-3060", 12),
    ("a100 80g", "a100-80gb-sxm", 80),
    ("Ryzen AI Max+ 395 128GB", "radeon-8060s", 128),
]

# close candidates: a ranked list of suggestions, never a silent pick
HARDWARE_AMBIGUOUS = [
    ("rtx 6000", {"quadro-rtx-6000", "rtx-6000-ada", "rtx-pro-6000-blackwell"}),
    ("rtx 5000", {"quadro-rtx-5000", "rtx-5000-ada", "rtx-pro-5000-blackwell"}),
    ("titan", {"titan-xp", "titan-rtx", "titan-v"}),
    ("7900", {"rx-7900-xtx", "rx-7900-xt", "ryzen-9-7900"}),
    ("titan x", {"titan-xp", "titan-rtx", "titan-v"}),
    ("gtx 1650 laptop", {"gtx-1650-ti-laptop", "gtx-1650"}),  # no plain GTX 1650 laptop entry
    ("rtx 4000", {"quadro-rtx-4000", "rtx-4000-ada", "rtx-pro-4000-blackwell"}),
    ("mac studio", {"m2-ultra-76c", "m3-ultra-80c"}),
]

# numbers are identity: never one of these entries, whatever else happens
HARDWARE_NEVER = [
    ("3080", {"rtx-3090", "rtx-3080-ti", "rtx-3080-laptop"}),
    # a product line's word with another model number: an OptiPlex the catalog lacks, whatever
    # other device has the number
    ("optiplex 980", {"gtx-980", "gtx-980-ti", "core2-quad-q8400"}),
    ("dell optiplex 1080", {"gtx-1080", "core2-quad-q8400"}),
    ("rtx 3080", {"rtx-3090"}),
    ("7900x", {"rx-7900-xt", "rx-7900-xtx"}),
    ("rtx 3095", {"rtx-3090", "rtx-3090-ti"}),
    ("rtx 4085", {"rtx-4080", "rtx-4090"}),
    ("rx 7950 xt", {"rx-7900-xt", "rx-7900-xtx"}),
    ("4090", {"rtx-4090-d", "rtx-4090-laptop"}),
    ("rx 7900 xt", {"rx-7900-xtx"}),
    ("m3 max", {"m2-max-38c", "m4-max-40c"}),
    ("a100 40gb", {"a100-80gb-sxm", "a100-80gb-pcie"}),
    ("gb200", {"gh200-96gb", "gh200-144gb", "b200"}),  # letters glued to a number are identity
    ("a100 pcie", {"p100-pcie-16gb", "h100-pcie", "v100-pcie"}),
]

# --------------------------------------------------------------------------- models

MODEL_CASES = [
    ("llama3 70b", "llama-3-70b"),
    ("qwen 2.5 coder 32b", "qwen2.5-coder-32b"),
    ("gpt oss 120b", "gpt-oss-120b"),
    ("QwQ32B", "qwq-32b"),
    ("mixtral", "mixtral-8x7b"),
    # Llama
    ("llamma 3.1 8b", "llama-3.1-8b"),
    ("lama 3.3 70b", "llama-3.3-70b"),
    ("Llama-3.3-70B-Instruct", "llama-3.3-70b"),
    ("llama3.1:8b", "llama-3.1-8b"),
    ("meta-llama/Llama-3.1-8B-Instruct", "llama-3.1-8b"),
    ("Meta-Llama-3.1-8B-Instruct-GGUF", "llama-3.1-8b"),
    ("Llama-3.1-8B-Instruct-Q4_K_M.gguf", "llama-3.1-8b"),
    ("llama3.1:8b-instruct-q4_K_M", "llama-3.1-8b"),
    ("llama 3.1 8b q4", "llama-3.1-8b"),
    ("llama 3 8b", "llama-3-8b"),
    ("llama3.2 3b", "llama-3.2-3b"),
    ("Llama 3.2 1B", "llama-3.2-1b"),
    ("llama 2 13b", "llama-2-13b"),
    ("llama 65b", "llama-1-65b"),
    ("llama 4 scout", "llama-4-scout-17b-16e"),
    ("llama4 maverick", "llama-4-maverick-17b-128e"),
    ("codellama 34b", "codellama-34b"),
    # Qwen
    ("qwen3 30b a3b", "qwen3-30b-a3b"),
    ("unsloth/Qwen3-30B-A3B-GGUF", "qwen3-30b-a3b"),
    ("Qwen3-30B-A3B", "qwen3-30b-a3b"),
    ("Qwen3-30B-A3B-Instruct-2507", "qwen3-30b-a3b-instruct-2507"),
    ("qwen3-coder 30b", "qwen3-coder-30b-a3b"),
    ("qwen3 coder 480b", "qwen3-coder-480b-a35b"),
    ("qwen3 235b", "qwen3-235b-a22b"),
    ("qwen3-next", "qwen3-next-80b-a3b"),
    ("qwen3 32b", "qwen3-32b"),
    ("qwen3:8b", "qwen3-8b"),
    ("qwen2.5 72b", "qwen2.5-72b"),
    ("Qwen2.5-Coder-7B-Instruct", "qwen2.5-coder-7b"),
    ("qwen 2.5 coder 14b", "qwen2.5-coder-14b"),
    ("qwen2.5-coder:32b", "qwen2.5-coder-32b"),
    ("qwen 2.5 corder 32b", "qwen2.5-coder-32b"),
    ("qwq", "qwq-32b"),
    ("qwen:32b", "qwen1.5-32b"),  # the Ollama tag, as typed
    ("QwQ-32B", "qwq-32b"),
    ("qwen1.5 14b", "qwen1.5-14b"),
    ("qwen2 72b", "qwen2-72b"),
    # DeepSeek
    ("ds r1 distill qwen 14b", "deepseek-r1-distill-qwen-14b"),
    ("deepseek r1 distil qwen 7b", "deepseek-r1-distill-qwen-7b"),
    ("deepseek-r1:32b", "deepseek-r1-distill-qwen-32b"),
    ("DeepSeek-R1-Distill-Llama-70B", "deepseek-r1-distill-llama-70b"),
    ("deepseek v3", "deepseek-v3"),
    ("DeepSeek-V3", "deepseek-v3"),
    ("deepseek r1", "deepseek-r1"),
    ("deepseek-v3.1", "deepseek-v3.1"),
    ("deepseek coder v2 lite", "deepseek-coder-v2-lite"),
    # Kimi, GLM, gpt-oss
    ("kimi k2", "kimi-k2"),
    ("Kimi-K2-Instruct", "kimi-k2"),
    ("kimi linear", "kimi-linear-48b-a3b"),
    ("glm 4.5 air", "glm-4.5-air"),
    ("glm4.5 air", "glm-4.5-air"),
    ("GLM-4.5-Air", "glm-4.5-air"),
    ("GLM-4.7-Flash", "glm-4.7-flash"),
    ("glm 4.6", "glm-4.6"),
    ("gpt-oss-20b", "gpt-oss-20b"),
    ("gptoss120b", "gpt-oss-120b"),
    ("GPT-OSS 20B", "gpt-oss-20b"),
    # Gemma, Phi
    ("gemma 4 31b", "gemma-4-31b"),
    ("gemma4:26b", "gemma-4-26b-a4b"),
    ("gemma 4 e4b", "gemma-4-e4b"),
    ("gemma3 27b", "gemma-3-27b"),
    ("gema 3 27b", "gemma-3-27b"),
    ("gemma3:27b", "gemma-3-27b"),
    ("gemma 3 12b", "gemma-3-12b"),
    ("gemma2 9b", "gemma-2-9b"),
    ("gemma 3n e4b", "gemma-3n-e4b"),
    ("phi4", "phi-4-14b"),
    ("Phi-4", "phi-4-14b"),
    ("phi 3.5 mini", "phi-3.5-mini"),
    ("phi-4-mini", "phi-4-mini"),
    # Mistral
    ("mistral small 3.1", "mistral-small-3.1-24b"),
    ("Mistral-Small-3.2-24B-Instruct-2506", "mistral-small-3.2-24b"),
    ("mistral 7b", "mistral-7b"),
    ("nemo 12b", "mistral-nemo-12b"),
    ("mistral nemo", "mistral-nemo-12b"),
    ("mixtral 8x22b", "mixtral-8x22b"),
    ("mixtrall 8x7b", "mixtral-8x7b"),
    ("devstral", "devstral-small-24b"),
    ("magistral small", "magistral-small-24b"),
    # regression: "Mistral Small 4" once resolved to Granite 4.0 H-Small (shared words "small 4")
    ("Mistral Small 4", "mistral-small-4"),
    ("mistral small 4 119b", "mistral-small-4"),
    ("Mistral-Small-4-119B-2603", "mistral-small-4"),
    # others
    ("command r+", "command-r-plus-104b"),
    ("command-r", "command-r-35b"),
    ("granite 4 small", "granite-4.0-h-small"),
    ("nemotron super 49b", "llama-3.3-nemotron-super-49b"),
    ("nemotron 3 super", "nemotron-3-super-120b-a12b"),
    ("step 3.5 flash", "step-3.5-flash"),
    ("lfm2.5 8b", "lfm2.5-8b-a1b"),
    ("falcon h1 34b", "falcon-h1-34b"),
    ("jamba mini", "jamba-mini-1.7"),
    ("olmo 2 32b", "olmo-2-32b"),
    ("smollm3", "smollm3-3b"),
    ("yi 34b", "yi-34b"),
]

MODEL_AMBIGUOUS = [
    ("llama 70b", {"llama-3.3-70b", "llama-3.1-70b", "llama-3-70b", "llama-2-70b"}),
    ("qwen 32b", {"qwen2.5-32b", "qwen3-32b"}),
    ("gpt oss", {"gpt-oss-20b", "gpt-oss-120b"}),
    ("qwen3 30b instruct", {"qwen3-30b-a3b", "qwen3-30b-a3b-instruct-2507"}),
    ("gemma 27b", {"gemma-2-27b", "gemma-3-27b"}),
    ("deepseek", {"deepseek-v3", "deepseek-r1"}),
]

MODEL_NEVER = [
    ("llama 3.1 8b", {"llama-3.1-70b", "llama-3-8b"}),
    ("llama 3.4 8b", {"llama-3.1-8b", "llama-3-8b"}),
    ("qwen3 14b", {"qwen2.5-14b"}),
    ("qwen2.5 14b", {"qwen2.5-32b", "qwen3-14b"}),
    ("gpt oss 120b", {"gpt-oss-20b"}),
    ("qwen3 30b", {"qwen3-32b"}),
    ("qwen 2.5 coder 32b", {"qwen2.5-32b"}),
]


def _hw_id(text: str) -> str | None:
    r = resolve_hardware(text)
    return r.entry.id if r.entry else None


def _model_id(text: str) -> str | None:
    r = resolve_model(text)
    return r.entry.id if r.entry else None


@pytest.mark.parametrize(("text", "expected"), HARDWARE_CASES)
def test_hardware_names(text, expected):
    r = resolve_hardware(text)
    got = r.entry.id if r.entry else None
    assert got == expected, f"{text!r}: got {got}, suggestions {[s.id for s in r.suggestions]}"


@pytest.mark.parametrize(("text", "expected"), MODEL_CASES)
def test_model_names(text, expected):
    r = resolve_model(text)
    got = r.entry.id if r.entry else None
    assert got == expected, f"{text!r}: got {got}, suggestions {[s.id for s in r.suggestions]}"


@pytest.mark.parametrize(("text", "expected", "memory"), HARDWARE_MEMORY_CASES)
def test_hardware_memory(text, expected, memory):
    r = resolve_hardware(text)
    assert r.entry is not None and r.entry.id == expected, (text, r)
    assert r.memory_gb == memory
    assert memory == r.entry.memory_gb or memory in r.entry.memory_options_gb


def test_m2_max_64gb_is_the_64gb_capable_m2_max():
    r = resolve_hardware("M2 Max 64GB")
    assert r.entry is not None and r.entry.id == "m2-max-38c"
    assert r.memory_gb == 64


@pytest.mark.parametrize(("text", "plausible"), HARDWARE_AMBIGUOUS)
def test_hardware_ambiguous_gives_suggestions(text, plausible):
    r = resolve_hardware(text)
    assert r.entry is None, f"{text!r} silently picked {r.entry.id}"
    ids = [s.id for s in r.suggestions]
    assert plausible <= set(ids), (text, ids)


@pytest.mark.parametrize(("text", "plausible"), MODEL_AMBIGUOUS)
def test_model_ambiguous_gives_suggestions(text, plausible):
    r = resolve_model(text)
    assert r.entry is None, f"{text!r} silently picked {r.entry.id}"
    ids = [s.id for s in r.suggestions]
    assert plausible <= set(ids), (text, ids)


@pytest.mark.parametrize(("text", "forbidden"), HARDWARE_NEVER)
def test_hardware_numbers_are_identity(text, forbidden):
    assert _hw_id(text) not in forbidden


@pytest.mark.parametrize(("text", "forbidden"), MODEL_NEVER)
def test_model_numbers_are_identity(text, forbidden):
    assert _model_id(text) not in forbidden


def test_unknown_names_resolve_to_nothing():
    for text in ("rtx 3095", "rtx 4085", "llama 3.4 8b", "qwen 9 7b", "zzzz", "", "   ", "!!!"):
        r = resolve_hardware(text) if "rtx" in text else resolve_model(text)
        assert r.entry is None, (text, r.entry.id)


def test_exact_ids_and_names_resolve_to_themselves():
    cat = default_catalog()
    for m in cat.models.values():
        assert _model_id(m.id) == m.id
        assert _model_id(m.name) == m.id
    for h in cat.hardware.values():
        assert _hw_id(h.id) == h.id
        assert _hw_id(h.name) == h.id


def test_every_alias_resolves_to_its_entry():
    cat = default_catalog()
    for m in cat.models.values():
        for a in m.aliases:
            assert _model_id(a) == m.id, (a, m.id)
    for h in cat.hardware.values():
        for a in h.aliases:
            assert _hw_id(a) == h.id, (a, h.id)


def test_resolution_fields():
    r = resolve_hardware("3090")
    assert isinstance(r, Resolution) and r.ok and r.score == 100.0
    r = resolve_hardware("rtx 6000")
    assert not r.ok and r.suggestions and all(isinstance(s, Suggestion) for s in r.suggestions)
    scores = [s.score for s in r.suggestions]
    assert scores == sorted(scores, reverse=True)


def test_normalize_and_memory_re():
    assert normalize("RTX-3090Ti") == "rtx 3090 ti"
    assert normalize("Qwen2.5-Coder-32B") == "qwen 2.5 coder 32 b"
    assert normalize("command r+") == "command r+"
    assert MEMORY_RE.search("M2 Max 64GB").group(1) == "64"
    assert MEMORY_RE.search("a100 80g").group(1) == "80"
    assert MEMORY_RE.search("3090") is None


# --------------------------------------------------------------------------- autocomplete


def _ids(sugs: list[Suggestion]) -> list[str]:
    return [s.id for s in sugs]


def test_complete_at_most_25():
    for prefix in ("", "r", "rtx", "m", "llama", "q", "zzzz", "a" * 200):
        assert len(complete_hardware(prefix)) <= 25
        assert len(complete_models(prefix)) <= 25
    assert len(complete_hardware("rtx", limit=100)) <= 25
    assert len(complete_models("", limit=5)) == 5


def test_complete_prefixes_put_the_right_entry_first():
    rtx40 = _ids(complete_hardware("rtx 40"))
    assert rtx40[0] in {"rtx-4060", "rtx-4070", "rtx-4080", "rtx-4090"}, rtx40
    assert all(i.startswith("rtx-40") for i in rtx40[:10]), rtx40

    coder = _ids(complete_models("qwen2.5-c"))
    assert coder[0] == "qwen2.5-coder-7b", coder
    assert set(coder[:5]) == {
        "qwen2.5-coder-1.5b",
        "qwen2.5-coder-3b",
        "qwen2.5-coder-7b",
        "qwen2.5-coder-14b",
        "qwen2.5-coder-32b",
    }, coder

    m3m = _ids(complete_hardware("m3 m"))
    assert m3m[0] == "m3-max-40c", m3m
    assert "m3-max-30c" in m3m[:3], m3m

    assert _ids(complete_hardware("4090"))[0] == "rtx-4090"
    assert _ids(complete_hardware("dgx"))[0] == "dgx-spark"
    assert set(_ids(complete_models("gpt"))[:2]) == {"gpt-oss-20b", "gpt-oss-120b"}
    assert _ids(complete_models("llama 3.1"))[0].startswith("llama-3.1-")
    assert _ids(complete_models("qwen3 cod"))[0] == "qwen3-coder-30b-a3b"
    assert _ids(complete_models("gemma3 27"))[0] == "gemma-3-27b"


# --------------------------------------------------------------------------- speed


def test_resolution_is_fast():
    cat = default_catalog()
    resolve_hardware("3090", cat)  # build the indexes outside the timing
    resolve_model("llama", cat)
    hw = [t for t, *_ in HARDWARE_CASES + HARDWARE_AMBIGUOUS + HARDWARE_NEVER]
    models = [t for t, *_ in MODEL_CASES + MODEL_AMBIGUOUS + MODEL_NEVER]
    calls = [(resolve_hardware, t) for t in hw] + [(resolve_model, t) for t in models]
    calls = (calls * 2)[:200]
    t0 = time.perf_counter()
    for fn, text in calls:
        fn(text, cat)
    elapsed = time.perf_counter() - t0
    # typically 20-40 ms: ~0.01 ms for an exact name, 0.1-0.6 ms for a fuzzy one
    assert elapsed < 0.5, f"200 resolutions took {elapsed:.3f} s"

    t0 = time.perf_counter()
    for prefix in ("r", "rtx 4", "m3 m", "qwen2.5-c", "llama 3", "gpt", "deeps", "a1", "mi3", "ar"):
        complete_hardware(prefix, catalog=cat)
        complete_models(prefix, catalog=cat)
    elapsed = time.perf_counter() - t0
    # typically 5-15 ms
    assert elapsed < 0.2, f"20 completions took {elapsed:.3f} s"


def test_the_resolver_knows_no_names_of_its_own(tmp_path):
    """Everything comes from catalog data: a made-up catalog resolves the same way."""
    (tmp_path / "hardware").mkdir()
    entry = (
        "- id: {id}\n  name: Zorb {name}\n  vendor: other\n  kind: gpu\n  form: desktop\n"
        "  memory_gb: {mem}\n  bandwidth_gbps: 100\n  fp16_tflops: 10\n  arch: test\n"
        "  backends: [vulkan]\n  source: test\n"
    )
    text = "".join(
        entry.format(id=i, name=n, mem=m)
        for i, n, m in (
            ("zorb-100", "100", 8),
            ("zorb-100-ti", "100 Ti", 12),
            ("zorb-200", "200", 8),
        )
    )
    (tmp_path / "hardware" / "zorb.yaml").write_text(text)
    cat = Catalog.load(tmp_path)
    assert resolve_hardware("zorb100", cat).entry.id == "zorb-100"
    assert resolve_hardware("ZORB-100TI", cat).entry.id == "zorb-100-ti"
    assert resolve_hardware("zorb 100 12gb", cat).entry.id == "zorb-100-ti"
    assert resolve_hardware("zrob 200", cat).entry.id == "zorb-200"
    assert resolve_hardware("zorb 300", cat).entry is None
    assert resolve_hardware("zorb", cat).entry is None
    assert [s.id for s in complete_hardware("zorb 1", catalog=cat)][:2] == [
        "zorb-100",
        "zorb-100-ti",
    ]


@pytest.mark.parametrize(
    ("text", "family", "first"),
    [
        ("mistral small 5", "mistral", "mistral-small-4"),
        ("qwen 4 32b", "qwen", None),
        ("glm 6", "glm", None),
    ],
)
def test_an_unknown_version_of_a_known_family_suggests_that_family(text, family, first):
    r = resolve_model(text)
    assert r.entry is None
    cat = default_catalog()
    top = [cat.models[s.id] for s in r.suggestions[:3]]
    assert all(m.family == family for m in top), [m.id for m in top]
    if first:
        assert top[0].id == first


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("Qwen/Qwen3.6-27B-FP8", "qwen3.6-27b"),
        ("nvidia/Qwen3.6-27B-NVFP4", "qwen3.6-27b"),
        ("Qwen/Qwen3.5-122B-A10B-FP8", "qwen3.5-122b-a10b"),
    ],
)
def test_a_repo_of_another_release_format_is_the_models_own(text, model):
    """vLLM users paste the FP8 / NVFP4 / AWQ release's repo: the same weights, so the model."""
    assert resolve_model(text).entry.id == model


def test_a_variant_word_is_not_a_release_format():
    # "abliterated" makes another model; only format words are set aside
    assert resolve_model("Qwen3.6-27B-abliterated").entry.id == "qwen3.6-27b-abliterated"
