"""A GGUF header (written with llama.cpp's gguf-py as convert_hf_to_gguf.py writes it) becomes the
same model as the reviewed catalog entry: the memory the engine computes from either agrees within
2%, for every attention kind the engine knows."""

from __future__ import annotations

import pytest
from hubfixtures import BUILDERS, fixture

from fitengine import analyze
from fitengine.catalog import GGUFRepo, Model
from fitengine.hub.files import read_listing
from fitengine.hub.gguf_header import NotGGUF, Truncated, parse_header
from fitengine.hub.gguf_map import layout_from_gguf
from fitengine.hub.service import model_fields
from fitengine.memory import kv_bytes

KEYS = list(BUILDERS)


def parts_of(fx) -> list[bytes]:
    paths = sorted(p for p in fx.files if fx.quant.lower() in p.lower())
    return [fx.files[p][0] for p in paths]


def model_from(fx, cat, *, tensors_complete: bool = True, parts: int | None = None) -> Model:
    headers = [parse_header(b) for b in parts_of(fx)[:parts]]
    layout = layout_from_gguf(
        headers[0].metadata,
        [t for h in headers for t in h.tensors],
        tensors_complete=tensors_complete,
        params_hint=fx.gguf_total,
    )
    files = read_listing([{"rfilename": p, "size": s} for p, (_, s) in fx.files.items()])
    fields = model_fields(fx.repo, layout, files, endpoint="https://hf.test", catalog=cat)
    sizes = {q: f.size / 1e9 for q, f in files.quants.items() if q in cat.quants}
    return Model.model_validate({**fields, "gguf": [GGUFRepo(repo=fx.repo, quants=sizes)]})


@pytest.mark.parametrize("key", KEYS)
def test_the_header_gives_the_catalog_architecture(key, cat):
    fx = fixture(key)
    hub, ref = model_from(fx, cat), cat.models[fx.catalog_id]
    for f in ("layers", "hidden_size", "heads", "kv_heads", "vocab", "context"):
        assert getattr(hub, f) == getattr(ref, f), f
    assert hub.params_b == pytest.approx(ref.params_b, rel=0.03)
    if ref.moe is not None:
        assert hub.moe is not None
        assert (hub.moe.experts, hub.moe.active, hub.moe.moe_layers) == (
            ref.moe.experts,
            ref.moe.active,
            ref.moe.moe_layers,
        )
        assert hub.moe.expert_params_b == pytest.approx(ref.moe.expert_params_b, rel=0.01)
        assert hub.active_b == pytest.approx(ref.active_b, rel=0.12)
    else:
        assert hub.moe is None
    kinds = sorted((g.kind, g.layers) for g in hub.attention)
    assert kinds == sorted((g.kind, g.layers) for g in ref.attention)


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("context", [4096, 32768, 131072])
def test_kv_cache_matches_the_catalog_within_2_percent(key, context, cat):
    fx = fixture(key)
    hub, ref = model_from(fx, cat), cat.models[fx.catalog_id]
    ctx = min(context, ref.context)
    assert kv_bytes(hub, ctx) == pytest.approx(kv_bytes(ref, ctx), rel=0.02)


@pytest.mark.parametrize("key", KEYS)
def test_memory_the_engine_computes_matches_the_catalog_within_2_percent(key, cat):
    fx = fixture(key)
    hub, ref = model_from(fx, cat), cat.models[fx.catalog_id]
    kw = {"quant": fx.quant, "context": 32768, "catalog": cat}
    a = analyze(hub, "rtx-4090", **kw).memory
    b = analyze(ref, "rtx-4090", **kw).memory
    assert a.weights_gb == pytest.approx(b.weights_gb, rel=0.02)
    assert a.kv_cache_gb == pytest.approx(b.kv_cache_gb, rel=0.02, abs=0.01)
    assert a.total_gb == pytest.approx(b.total_gb, rel=0.02)


def test_mtp_layers_are_counted_apart(cat):
    hub = model_from(fixture("moe"), cat)  # GLM-4.5-Air: 46 layers + 1 nextn block
    assert hub.layers == 46
    assert hub.mtp is not None and hub.mtp.layers == 1 and hub.mtp.params_b > 0


def test_split_parts_missing_fall_back_on_the_metadata(cat):
    """Only the first of GLM-4.5-Air's two parts read: layer kinds and experts come from the
    metadata, the parameter count from the Hub, and the notes say so."""
    fx = fixture("moe")
    headers = [parse_header(parts_of(fx)[0])]
    layout = layout_from_gguf(
        headers[0].metadata, headers[0].tensors, tensors_complete=False, params_hint=106_000_000_000
    )
    assert any("metadata alone" in n for n in layout.notes)
    assert any("expert parameters estimated" in n for n in layout.notes)
    assert layout.fields["params_b"] == pytest.approx(106.0)
    assert layout.fields["moe"]["moe_layers"] == 45


def test_hybrid_metadata_fallback_uses_the_full_attention_interval(cat):
    fx = fixture("hybrid")
    h = parse_header(parts_of(fx)[0])
    layout = layout_from_gguf(h.metadata, [], tensors_complete=False)
    groups = {g["kind"]: g["layers"] for g in layout.fields["attention"]}
    assert groups == {"linear": 48, "full": 16}


def test_a_truncated_header_says_how_much_more_it_needs():
    data = parts_of(fixture("llama"))[0]
    with pytest.raises(Truncated) as exc:
        parse_header(data[: 2 * 1024 * 1024])
    assert exc.value.need > 2 * 1024 * 1024
    h = parse_header(data)
    assert h.size == len(data) or h.size <= len(data)
    assert h.metadata["tokenizer.ggml.tokens"].length == 128256


def test_not_a_gguf_file_is_said():
    with pytest.raises(NotGGUF):
        parse_header(b"PK\x03\x04" + bytes(100))
    with pytest.raises(NotGGUF):
        parse_header(b"GGUF" + (99).to_bytes(4, "little") + bytes(16))


def test_an_unknown_sliding_pattern_is_an_upper_bound_and_said():
    meta = {
        "general.architecture": "newarch",
        "newarch.block_count": 4,
        "newarch.embedding_length": 1024,
        "newarch.attention.head_count": 8,
        "newarch.attention.head_count_kv": 2,
        "newarch.attention.sliding_window": 4096,
        "newarch.context_length": 32768,
        "newarch.vocab_size": 32000,
    }
    layout = layout_from_gguf(meta, [], tensors_complete=False, params_hint=1_000_000_000)
    assert layout.fields["attention"] == [{"kind": "full", "layers": 4}]
    assert any("sliding window but not which layers" in n for n in layout.notes)
