"""More 2026 models, each memory fact worked out by hand from the model's config: a learned
indexer's key cache on GQA layers (Qwen3.8-Flash-Next), indexer keys on only some MLA layers
(GLM-5.2's IndexShare), Olmo 3's 3-of-4 sliding layers, and estimated files against the sizes
their publishers list."""

import pytest
from pydantic import ValidationError

from fitengine.catalog import LayerGroup
from fitengine.memory import file_size, kv_bytes, kv_bytes_per_token, weights
from fitengine.resolve import resolve_model
from fitengine.speed import active_bytes

CTX = 131072


def test_qwen38_flash_next_caches_indexer_keys_beside_the_qsa_kv(cat):
    """12 QSA layers: 2 KV heads x (256 K + 256 V) plus one 128-wide indexer key per token, at
    f16; the 36 DeltaNet layers keep a fixed f32 state."""
    nxt = cat.models["qwen3.8-flash-next"]
    per_token = 12 * (2 * (256 + 256) + 128) * 2
    assert per_token == 27648
    assert kv_bytes_per_token(nxt) == pytest.approx(per_token)
    state = 36 * 3.12 * 1024**2
    assert kv_bytes(nxt, CTX) == pytest.approx(per_token * CTX + state)


def test_an_indexer_on_a_full_layer_adds_its_keys_at_the_cache_type(cat):
    nxt = cat.models["qwen3.8-flash-next"]
    qsa = next(g for g in nxt.attention if g.kind == "full")
    plain = nxt.model_copy(
        update={"attention": [nxt.attention[0], qsa.model_copy(update={"indexer_dim": None})]}
    )
    assert kv_bytes(nxt, CTX, "q8_0") - kv_bytes(plain, CTX, "q8_0") == pytest.approx(
        12 * 128 * CTX * 34 / 32  # q8_0: 34 bytes per 32 values
    )


def test_an_indexer_needs_a_layer_that_attends_over_every_token():
    with pytest.raises(ValidationError, match="indexer_dim"):
        LayerGroup(kind="linear", layers=1, state_mb=1.0, indexer_dim=128)


def test_qwen38_flash_next_keeps_its_ngram_table_out_of_the_bytes_a_token_reads(cat):
    nxt = cat.models["qwen3.8-flash-next"]
    q4 = cat.quants["Q4_K_M"]
    w = weights(nxt, q4)
    table = 51.2e9 * w.total / ((nxt.params_b + nxt.mtp.params_b) * 1e9)
    assert w.embed > table  # the n-gram table sits with the token embedding, in host memory
    # a token reads ~6B active parameters, not the 51B table
    assert active_bytes(nxt, w.total) < 0.1 * w.total


def test_glm_52_caches_indexer_keys_on_its_21_full_indexer_layers_only(cat):
    """78 layers keep the 512 + 64 MLA latent; only the 21 "full" indexer layers add 128 keys.
    GLM-5.1 (every layer indexed) needs 57 x 128 x 2 bytes per token more: 1.78 GiB at 128K."""
    glm52, glm51 = cat.models["glm-5.2"], cat.models["glm-5.1"]
    assert kv_bytes(glm52, CTX) == (78 * 576 + 21 * 128) * 2 * CTX
    saved = kv_bytes(glm51, CTX) - kv_bytes(glm52, CTX)
    assert saved == 57 * 128 * 2 * CTX
    assert saved / 1024**3 == pytest.approx(1.78, abs=0.01)


def test_minimax_m3_keeps_a_full_gqa_cache_and_indexer_keys_on_its_57_sparse_layers(cat):
    """MiniMax Sparse Attention reads 16 blocks of 128 tokens but llama.cpp caches them all:
    60 layers x 4 KV heads x (128 K + 128 V) + 57 x 128 indexer keys, x 2 bytes."""
    m3 = cat.models["minimax-m3"]
    assert kv_bytes_per_token(m3) == 60 * 4 * 256 * 2 + 57 * 128 * 2  # 137,472 B


def test_olmo_3_7b_only_its_full_layers_grow_with_the_context(cat):
    """8 full layers x 32 KV heads (multi-head) x (128 + 128) x 2 bytes per token; the 24
    sliding layers stop at the 4096-token window plus one 512-token ubatch."""
    olmo = cat.models["olmo-3-7b"]
    full = 8 * 32 * 256 * 2
    sliding = 24 * 32 * 256 * 2 * (4096 + 512)
    assert kv_bytes(olmo, 65536) == full * 65536 + sliding  # 8 GiB + 1.69 GiB
    assert kv_bytes_per_token(olmo) == full


def test_deepseek_v4_pro_0813_is_the_preview_s_structure(cat):
    """The official V4 Pro release keeps the preview's shapes (its DSpark drafter aside), so it
    caches and reads exactly what the preview does."""
    pro, official = cat.models["deepseek-v4-pro"], cat.models["deepseek-v4-pro-0813"]
    assert kv_bytes(official, CTX) == kv_bytes(pro, CTX)
    assert active_bytes(official, 900e9) == active_bytes(pro, 900e9)
    assert official.released_month > pro.released_month


@pytest.mark.parametrize(
    ("model", "quant", "published_gb"),
    [
        ("ministral-3-14b", "Q4_K_M", 8.24),  # Mistral's own GGUF
        ("olmo-3-7b", "Q8_0", 7.76),  # lmstudio-community
        ("nemotron-3.5-lightning-30b-a3b", "Q8_0", 35.0),  # unsloth, MTP layer included
        ("tinyllama-1.1b", "Q4_K_M", 0.621 * 1.073741824),  # sizes.csv: 0.621 GiB of tensors
        ("falcon-h1r-7b", "Q8_0", 8.069),  # TII's official file
    ],
)
def test_estimated_files_match_the_published_ones(cat, model, quant, published_gb):
    """params_b (plus the MTP layer a GGUF carries) x the quant's bits, without the listing."""
    m = cat.models[model].model_copy(update={"gguf": []})
    size, exact = file_size(m, cat.quants[quant])
    assert not exact
    assert size / 1e9 == pytest.approx(published_gb, rel=0.01)


@pytest.mark.parametrize(
    ("text", "model_id"),
    [
        ("Ministral-3-14B-Instruct-2512", "ministral-3-14b"),  # as speed.csv names it
        ("ministral 3 8b", "ministral-3-8b"),
        ("ministral 8b", "ministral-8b"),  # the 2024 model keeps its name
        ("mistral medium 3.5", "mistral-medium-3.5"),
        ("Olmo-3-7B-Think", "olmo-3-7b"),
        ("olmo 3.1 32b instruct", "olmo-3.1-32b"),
        ("nemotron 3.5 lightning", "nemotron-3.5-lightning-30b-a3b"),
        ("glm 5.2", "glm-5.2"),
        ("kimi k2.7 code", "kimi-k2.7-code"),
        ("minimax m2.7", "minimax-m2.7"),
        ("minimax m3", "minimax-m3"),
        ("mimo v2.5", "mimo-v2.5"),
        ("Qwen3.8-Flash-Next", "qwen3.8-flash-next"),
        ("qwen3.8 27b", "qwen3.8-27b"),
        ("lfm2.5 1.2b", "lfm2.5-1.2b"),
        ("DeepSeek-V4-Pro-0813", "deepseek-v4-pro-0813"),
        ("deepseek v4 pro 0813", "deepseek-v4-pro-0813"),
        ("dsv4 pro 0813", "deepseek-v4-pro-0813"),
        ("deepseek v4 pro", "deepseek-v4-pro"),  # the April preview keeps its name
        ("TinyLlama-1.1B-1T-OpenOrca (tinyllama-1.1b-1t-openorca.Q4_K_M.gguf)", "tinyllama-1.1b"),
    ],
)
def test_new_names_resolve(cat, text, model_id):
    r = resolve_model(text, cat)
    assert r.ok and r.entry.id == model_id
