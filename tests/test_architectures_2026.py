"""2026 architectures the memory model has to get right, each figure worked out by hand from the
model's config.json: Gemma 4's sliding/global layers with their own head dims, its KV-shared
layers and per-layer embeddings, Nemotron 3's Mamba-2 state, LFM2's short-conv state and Mistral
Small 4's latent attention."""

import pytest

from fitengine import analyze
from fitengine.catalog import CatalogError, LayerGroup, Model
from fitengine.memory import kv_bytes, kv_layer_bytes, weights
from fitengine.speed import active_bytes

MIB = 1024**2
CTX = 32768


def test_gemma_4_31b_kv_at_32k_from_its_config(cat):
    # 50 sliding layers: 16 KV heads x (256 K + 256 V) x (window 1024 + ubatch 512) x 2 bytes
    sliding = 50 * 16 * (256 + 256) * (1024 + 512) * 2
    # 10 global layers: 4 KV heads x (512 + 512) x 32768 x 2 bytes (K = V projection, still
    # cached twice)
    full = 10 * 4 * (512 + 512) * CTX * 2
    assert sliding == 1200 * MIB and full == 2560 * MIB
    assert kv_bytes(cat.models["gemma-4-31b"], CTX) == sliding + full


def test_shared_kv_layers_add_no_bytes():
    owner = LayerGroup(kind="sliding", layers=3, window=512, kv_heads=2, head_dim=256)
    reader = owner.model_copy(update={"shared_kv": True})
    base = dict(
        id="toy",
        name="Toy",
        family="toy",
        params_b=1.0,
        hidden_size=64,
        heads=8,
        kv_heads=2,
        head_dim=256,
        vocab=1000,
        context=CTX,
        hf_repo="example/toy",
        source="test",
    )
    alone = Model(**base, layers=3, attention=[owner])
    shared = Model(**base, layers=6, attention=[owner, reader])
    assert kv_bytes(shared, CTX) == kv_bytes(alone, CTX)
    assert kv_layer_bytes(shared, CTX)[3:] == (0.0, 0.0, 0.0)


def test_shared_kv_needs_an_attention_group():
    with pytest.raises(ValueError, match="share an earlier KV cache"):
        LayerGroup(kind="linear", layers=2, state_mb=1.0, shared_kv=True)


def test_gemma_4_e4b_caches_only_its_first_24_layers(cat):
    e4b = cat.models["gemma-4-e4b"]
    per_layer = kv_layer_bytes(e4b, CTX)
    assert len(per_layer) == 42
    # 20 sliding (2 heads x 512 x 1024 tokens x 2 B) + 4 global (2 heads x 1024 x 32768 x 2 B)
    assert sum(per_layer[:24]) == 20 * 2 * 512 * 1024 * 2 + 4 * 2 * 1024 * CTX * 2
    assert per_layer[24:] == (0.0,) * 18  # the 18 KV-shared layers


def test_per_layer_embeddings_stay_in_host_memory_and_are_not_read_per_token(cat):
    e4b = cat.models["gemma-4-e4b"]
    w = weights(e4b, cat.quants["BF16"])  # 15.1 GB for 7.52B parameters
    bpp = w.total / (e4b.params_b * 1e9)
    ple = 262144 * 42 * 256 * bpp
    assert w.embed == pytest.approx(262144 * 2560 * bpp + ple, rel=0.01)
    # what the GPU layers hold: the file less both embedding tables
    assert w.per_layer * e4b.layers == pytest.approx(w.total - w.embed, rel=1e-9)
    # decode reads one row of the table, not the table
    assert active_bytes(e4b, w.total) == pytest.approx(w.total - ple, rel=0.01)


def test_gemma_4_e4b_fits_an_8gb_card_without_its_per_layer_embeddings():
    # Q8_0 of 7.5B parameters is ~8 GB, but 3 GB of it is the per-layer table in RAM
    r = analyze("gemma-4-e4b", "rtx-4060", quant="Q8_0", context=8192)
    assert r.placement.kind == "gpu"
    assert r.placement.devices[0].weights_gb < 5.5


def test_nemotron_3_super_mamba_state_from_its_config(cat):
    # mamba_num_heads 128 x head_dim 64, ssm_state_size 128, n_groups 8, conv_kernel 4, f32
    ssm = 128 * 64 * 128 * 4
    conv = (4 - 1) * (128 * 64 + 2 * 8 * 128) * 4
    assert (ssm + conv) / MIB == pytest.approx(4.12, abs=0.005)
    super_ = cat.models["nemotron-3-super-120b-a12b"]
    mamba = next(g for g in super_.attention if g.kind == "linear" and g.state_mb)
    assert mamba.layers == 40 and mamba.state_mb == pytest.approx((ssm + conv) / MIB, abs=0.005)
    # the state does not grow with the context; the 8 attention layers (2 KV heads x 128) do
    attention = 8 * 2 * (128 + 128) * 2
    assert kv_bytes(super_, 65536) - kv_bytes(super_, CTX) == pytest.approx(attention * CTX)
    assert kv_bytes(super_, CTX) == pytest.approx(40 * mamba.state_mb * MIB + attention * CTX)


def test_lfm2_conv_layers_keep_two_inputs_per_channel(cat):
    lfm = cat.models["lfm2.5-8b-a1b"]
    conv = next(g for g in lfm.attention if g.kind == "linear")
    assert conv.state_mb * MIB == pytest.approx((3 - 1) * 2048 * 4, rel=0.01)  # L_cache 3, f32
    # 6 attention layers, 8 KV heads x 64
    grow = kv_bytes(lfm, 65536) - kv_bytes(lfm, CTX)
    assert grow == pytest.approx(6 * 8 * (64 + 64) * 2 * CTX, rel=1e-12)


def test_mistral_small_4_caches_the_latent_not_the_heads(cat):
    small4 = cat.models["mistral-small-4"]
    # 36 layers x (kv_lora_rank 256 + rope 64) x 2 bytes per token
    assert kv_bytes(small4, CTX) == 36 * (256 + 64) * 2 * CTX


def test_a_shared_kv_flag_on_a_recurrent_group_is_named(tmp_path):
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "bad.yaml").write_text(
        """\
- id: toy-1b
  name: Toy 1B
  family: toy
  params_b: 1.0
  layers: 2
  hidden_size: 64
  heads: 4
  kv_heads: 4
  head_dim: 16
  vocab: 1000
  context: 4096
  attention:
    - {kind: linear, layers: 2, state_mb: 1, shared_kv: true}
  hf_repo: example/toy-1b
  source: test
""",
        encoding="utf-8",
    )
    from fitengine.catalog import Catalog

    with pytest.raises(CatalogError, match=r"bad\.yaml: entry 'toy-1b': field attention\.0"):
        Catalog.load(tmp_path)
