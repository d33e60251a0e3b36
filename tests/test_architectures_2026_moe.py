"""Attention and MTP layouts of the 2026 big MoE models, against figures worked out by hand from
their configs and from what llama.cpp allocates for them."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from fitengine.catalog import LayerGroup, Model
from fitengine.memory import file_size, kv_bytes, kv_bytes_per_token, weights


def test_deepseek_v4_flash_kv_cache_at_32k_by_hand(cat):
    """llama_kv_cache_dsv4 at 32,768 tokens, f16: every layer keeps a K-only raw window of
    128 + 512 (ubatch) rows x 512; the 21 CSA layers 8,192 rows x (512 + 128 indexer); the 20
    HCA layers 256 rows x 512 (32,768 / 128 = 256, already a multiple of 256)."""
    flash = cat.models["deepseek-v4-flash"]
    raw = 43 * 640 * 512
    csa = 21 * 8192 * (512 + 128)
    hca = 20 * 256 * 512
    assert kv_bytes(flash, 32768) == (raw + csa + hca) * 2  # 253,624,320 B


def test_deepseek_v4_flash_kv_bytes_per_token_by_hand(cat):
    # past the window only the compressed rows grow: 21 x 640 / 4 + 20 x 512 / 128 values
    flash = cat.models["deepseek-v4-flash"]
    assert kv_bytes_per_token(flash) == (21 * 160 + 20 * 4) * 2  # 6,880 B
    # a tenth of DeepSeek V3's MLA cache (61 x 576 x 2 = 70,272 B), as the V4 report says
    assert kv_bytes_per_token(flash) < kv_bytes_per_token(cat.models["deepseek-v3"]) / 10


def test_deepseek_v4_small_contexts_pad_the_compressed_rows_to_256(cat):
    # at 1,024 tokens: raw window 640 rows, CSA 256 rows (pad of 256), HCA 256 rows (pad of 8)
    flash = cat.models["deepseek-v4-flash"]
    expected = 43 * 640 * 512 + 21 * 256 * 640 + 20 * 256 * 512
    assert kv_bytes(flash, 1024) == expected * 2


def test_deepseek_v4_quantized_cache_divides_every_part(cat):
    flash = cat.models["deepseek-v4-flash"]
    ratio = kv_bytes(flash, 65536, "q8_0") / kv_bytes(flash, 65536, "f16")
    assert ratio == pytest.approx(34 / 64)


def test_deepseek_v4_pro_a_million_tokens_cost_about_ten_gb(cat):
    pro = cat.models["deepseek-v4-pro"]
    per_token = 30 * (512 + 128) / 4 * 2 + 31 * 512 / 128 * 2  # 9,848 B
    assert kv_bytes_per_token(pro) == per_token
    assert kv_bytes(pro, 1 << 20) / 1e9 == pytest.approx(10.37, abs=0.01)


def test_dsa_indexer_keys_add_to_the_mla_latent():
    """DeepSeek Sparse Attention (V3.2, GLM-5): llama_kv_cache_dsa keeps the MLA latent and a
    second cache of one indexer key per token per layer, both at the -ctk type."""
    plain = LayerGroup(kind="mla", layers=1, kv_lora_rank=512, rope_dim=64)
    dsa = plain.model_copy(update={"indexer_dim": 128})
    model = _one_layer_model(dsa)
    assert kv_bytes(model, 1000) == (512 + 64 + 128) * 1000 * 2


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": "compressed", "layers": 1},  # no window
        {"kind": "full", "layers": 1, "compress_ratio": 4},  # ratio on a plain layer
        {"kind": "compressed", "layers": 1, "window": 128, "indexer_dim": 128},  # nothing to index
        {"kind": "sliding", "layers": 1, "window": 128, "indexer_dim": 128},
    ],
)
def test_impossible_layer_groups_are_refused(fields):
    with pytest.raises(ValidationError):
        LayerGroup(**fields)


def test_an_estimated_file_counts_the_mtp_layers(cat):
    """Without a listed size the GGUF is params x bpw, and the nextn layers the GGUF carries
    count: params_b (the model card's figure) leaves them out."""
    flash = cat.models["deepseek-v4-flash"].model_copy(update={"gguf": []})
    q4 = cat.quants["Q4_K_M"]
    size, exact = file_size(flash, q4)
    assert not exact
    assert size == pytest.approx((284 + 6.6) * 1e9 * q4.bpw / 8)
    assert weights(flash, q4).total == size


def _one_layer_model(group: LayerGroup) -> Model:
    return Model(
        id="probe",
        name="probe",
        family="probe",
        params_b=1,
        layers=1,
        hidden_size=64,
        heads=4,
        kv_heads=4,
        head_dim=16,
        vocab=100,
        context=4096,
        attention=[group],
        hf_repo="example/probe",
        source="test",
    )


def test_glm5_caches_the_mla_latent_and_the_indexer_key_on_every_layer(cat):
    # 78 layers x (512 latent + 64 RoPE + 128 indexer) values x 2 bytes
    assert kv_bytes_per_token(cat.models["glm-5"]) == 78 * 704 * 2  # 109,824 B


def test_mimo_v2_flash_only_its_nine_global_layers_grow(cat):
    """9 global layers x 4 KV heads x (192 key + 128 value); the 39 sliding layers stop at
    128 + 512 tokens."""
    mimo = cat.models["mimo-v2-flash"]
    assert kv_bytes_per_token(mimo) == 9 * 4 * 320 * 2  # 23,040 B
    sliding = 39 * 8 * 320 * (128 + 512) * 2
    assert kv_bytes(mimo, 32768) == 9 * 4 * 320 * 32768 * 2 + sliding


def test_mimo_v2_flash_estimate_matches_a_published_file(cat):
    # no repo listed: params x Q4_K_M's bpw against bartowski's 187.14 GB Q4_K_M
    size, exact = file_size(cat.models["mimo-v2-flash"], cat.quants["Q4_K_M"])
    assert not exact
    assert size / 1e9 == pytest.approx(187.14, rel=0.02)
