"""Run commands: what llama-server gets as flags, Ollama gets as its server settings, or is told
it cannot do."""

from __future__ import annotations

from fitengine.catalog import default_catalog
from fitengine.engine import analyze

CAT = default_catalog()


def test_ollama_gets_the_window_and_the_kv_cache_as_server_settings():
    r = analyze("qwen3.6-27b", "rtx-3090", context=65536, kv_type="q8_0", catalog=CAT)
    c = r.commands.ollama
    assert c is not None and c.endswith("ollama run hf.co/" + c.split("hf.co/")[1])
    assert "OLLAMA_CONTEXT_LENGTH=65536" in c
    assert "OLLAMA_FLASH_ATTENTION=1" in c and "OLLAMA_KV_CACHE_TYPE=q8_0" in c
    assert r.commands.ollama_note is None  # all on the GPU: the command does it all


def test_ollama_is_told_what_it_cannot_do_for_expert_offload():
    r = analyze("qwen3.6-35b-a3b", "rtx-3060", ram_gb=32, catalog=CAT)
    assert r.placement.kind == "moe_offload"
    assert f"experts of {r.placement.n_cpu_moe} layers" in r.commands.ollama_note
    assert "--n-cpu-moe" in r.commands.ollama_note
    assert "OLLAMA_KV_CACHE_TYPE" not in r.commands.ollama  # an f16 cache is its default


def test_ollamas_whole_layer_offload_of_a_moe_is_said_with_its_slower_speed():
    """Ollama places whole layers: the same quant with layers (not experts) in RAM, as llama.cpp
    -ngl would run it, is the speed its command gives, and the note says it."""
    import re

    from fitengine.engine import make_request, place, workpoint
    from fitengine.speed import decode_tok_s

    r = analyze("gpt-oss-120b", "rtx-4090", ram_gb=64, catalog=CAT)
    assert r.placement.kind == "moe_offload"
    said = re.search(r"whole layers, about (\d+) tok/s here instead", r.commands.ollama_note)
    req = make_request("gpt-oss-120b", "rtx-4090", ram_gb=64, quant=r.quant, catalog=CAT)
    s = req.setup
    p = place(
        req.model,
        CAT.quants[r.quant],
        s.device,
        s.count,
        req.total_context,
        r.kv_type,
        experts_apart=False,
    )
    assert p.kind == "partial_offload"
    wp = workpoint(req.model, s, p, r.kv_type, r.quant, catalog=CAT)
    layered = decode_tok_s(wp, req.params, 0)
    assert said and int(said.group(1)) == round(layered) < r.decode_tok_s


def test_every_ollama_command_sets_its_window():
    for model, hw in (("gpt-oss-20b", "rtx-4090"), ("qwen3.5-9b", "m4-max-40c")):
        r = analyze(model, hw, catalog=CAT)
        if r.commands.ollama:
            assert f"OLLAMA_CONTEXT_LENGTH={r.context}" in r.commands.ollama


def test_a_context_asked_gives_the_decode_with_that_window_filled_beside_the_headline():
    from fitengine.answers import ask

    a = ask("can I run qwen3.6 27b at 128k context on a 3090", CAT)
    r = a.reports[0]
    assert r.decode_full_tok_s is not None and r.decode_full_tok_s < r.decode_tok_s
    assert "with 128K filled" in a.message
    plain = analyze("qwen3.6-27b", "rtx-3090", catalog=CAT)
    assert plain.decode_full_tok_s is None  # no context asked: one figure
    deep = analyze("qwen3.6-27b", "rtx-3090", context=131072, depth=65536, catalog=CAT)
    assert deep.decode_full_tok_s is None  # a depth asked is the headline's own


def test_a_card_rocm_ships_no_kernels_for_runs_under_the_gfx_override():
    """An RX 6700 XT (gfx1031) loads ROCm's gfx1030 kernels only with HSA_OVERRIDE_GFX_VERSION
    set: its ROCm commands carry it, its Vulkan command does not need it, and Ollama (ROCm on
    AMD whatever build is shown) gets it either way."""
    rocm = analyze("qwen3.5-9b", "rx-6700-xt", backend="rocm", catalog=CAT).commands
    assert rocm.llama_cpp.startswith("HSA_OVERRIDE_GFX_VERSION=10.3.0 llama-server ")
    assert (
        "-e HSA_OVERRIDE_GFX_VERSION=10.3.0 ghcr.io/ggml-org/llama.cpp:server-rocm" in rocm.docker
    )
    vulkan = analyze("qwen3.5-9b", "rx-6700-xt", catalog=CAT).commands
    assert "HSA_OVERRIDE" not in vulkan.llama_cpp + vulkan.docker
    assert vulkan.ollama.startswith("HSA_OVERRIDE_GFX_VERSION=10.3.0 ")


def test_a_card_rocm_supports_gets_no_override():
    for hw in ("rx-6800-xt", "rx-7900-xtx"):
        c = analyze("qwen3.5-9b", hw, backend="rocm", catalog=CAT).commands
        assert "HSA_OVERRIDE" not in c.llama_cpp + (c.docker or "") + (c.ollama or "")
