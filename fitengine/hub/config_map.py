"""A transformers config.json -> the fields of a catalog Model (the fallback when no GGUF header
can be read, and the only source for a safetensors-only repo).

Reads the keys transformers writes for the common layouts: GQA (num_key_value_heads, head_dim),
sliding windows (sliding_window with layer_types, or sliding_window_pattern), MLA
(kv_lora_rank, qk_rope_head_dim), Gated DeltaNet linear attention (layer_types
"linear_attention" with the linear_* sizes, the Qwen3-Next / Qwen3.5 layout) and MoE
(num_experts / n_routed_experts, num_experts_per_tok, moe_intermediate_size, shared experts,
first_k_dense_replace). Anything else is said in `notes`. Parameters are the Hub's count of the
checkpoint when it has one (safetensors metadata), else estimated from the shapes and marked.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .gguf_map import MIB, Layout, _group

_CONFIG_KEYS_OF_TEXT = ("text_config", "llm_config", "language_config")


def _text_config(cfg: Mapping[str, Any]) -> Mapping[str, Any]:
    for k in _CONFIG_KEYS_OF_TEXT:
        sub = cfg.get(k)
        if isinstance(sub, Mapping) and sub.get("num_hidden_layers"):
            return sub
    return cfg


def _int(v: Any) -> int | None:
    return int(v) if isinstance(v, int | float) and not isinstance(v, bool) and v > 0 else None


def layout_from_config(cfg: Mapping[str, Any], *, params_hint: int | None = None) -> Layout:
    c = _text_config(cfg)
    notes: list[str] = []
    read = {"attention": "config.json"}
    layers = _int(c.get("num_hidden_layers"))
    hidden = _int(c.get("hidden_size"))
    if not layers or not hidden:
        from .gguf_map import NotReadable

        raise NotReadable("config.json has no num_hidden_layers or hidden_size")
    heads = _int(c.get("num_attention_heads")) or 1
    kv_heads = _int(c.get("num_key_value_heads")) or heads
    head_dim = _int(c.get("head_dim")) or hidden // heads
    vocab = _int(c.get("vocab_size")) or 0
    context = _int(c.get("max_position_embeddings")) or 0
    window = _int(c.get("sliding_window"))
    types = c.get("layer_types") if isinstance(c.get("layer_types"), list) else None
    pattern = _int(c.get("sliding_window_pattern"))
    kv_lora = _int(c.get("kv_lora_rank"))
    rope = _int(c.get("qk_rope_head_dim")) or 0

    per_layer: list[dict[str, Any]] = []
    unknown: set[str] = set()
    for i in range(layers):
        t = str(types[i]) if types and i < len(types) else None
        if t == "linear_attention":
            per_layer.append({"kind": "linear", "state_mb": _deltanet_state(c) / MIB})
        elif kv_lora:
            per_layer.append({"kind": "mla", "kv_lora_rank": kv_lora, "rope_dim": rope})
        elif window and (
            t == "sliding_attention"
            or (types is None and pattern and i % pattern < pattern - 1)
            or (types is None and not pattern and c.get("use_sliding_window"))
        ):
            per_layer.append({"kind": "sliding", "window": window})
        else:
            if t not in (None, "full_attention", "attention", "sliding_attention"):
                unknown.add(t)
            per_layer.append({"kind": "full"})
    if unknown:
        notes.append(
            f"config.json layer types {', '.join(sorted(unknown))} are not modelled: counted as "
            "full attention (an upper bound)"
        )
    if window and types is None and not pattern and not c.get("use_sliding_window"):
        notes.append(
            f"config.json names a {window}-token sliding window but not which layers use it: "
            "counted as full attention (an upper bound)"
        )
    fields: dict[str, Any] = {
        "layers": layers,
        "hidden_size": hidden,
        "heads": heads,
        "kv_heads": heads if kv_lora else kv_heads,
        "head_dim": _int(c.get("qk_nope_head_dim")) or head_dim,
        "vocab": vocab,
        "tied_embeddings": bool(c.get("tie_word_embeddings", False)),
        "context": context,
        "attention": _group(per_layer),
    }
    experts = (
        _int(c.get("num_experts"))
        or _int(c.get("n_routed_experts"))
        or _int(c.get("num_local_experts"))
    )
    moe = None
    if experts and experts > 1:
        active = _int(c.get("num_experts_per_tok")) or 1
        ff = _int(c.get("moe_intermediate_size")) or _int(c.get("intermediate_size")) or 0
        dense_first = _int(c.get("first_k_dense_replace")) or 0
        moe_layers = max(layers - dense_first, 1)
        shared = _int(c.get("n_shared_experts")) or (
            1 if c.get("shared_expert_intermediate_size") else 0
        )
        expert_params = moe_layers * experts * 3 * hidden * ff
        moe = {
            "experts": experts,
            "active": min(active, experts),
            "shared": shared,
            "expert_params_b": expert_params / 1e9,
            "moe_layers": moe_layers,
        }
        fields["moe"] = moe
        read["moe"] = "config.json (experts x 3 x hidden x moe_intermediate_size)"
    if params_hint:
        fields["params_b"] = params_hint / 1e9
        read["params_b"] = "the Hub's parameter count of the checkpoint"
    else:
        fields["params_b"] = _estimate_params(
            c, hidden, layers, heads, kv_heads, head_dim, vocab, moe
        )
        read["params_b"] = "estimated from config.json shapes"
        notes.append("parameter count estimated from config.json shapes (no count on the Hub)")
    if moe is not None:
        # less the routed experts a token skips and the embedding table it only reads a row of
        unused = moe["expert_params_b"] * (1 - moe["active"] / moe["experts"])
        fields["active_params_b"] = fields["params_b"] - unused - vocab * hidden / 1e9
    return Layout(
        fields=fields,
        read_from=read,
        notes=notes,
        arch=str((cfg.get("architectures") or [""])[0])
        if isinstance(cfg.get("architectures"), list)
        else "",
    )


def _deltanet_state(c: Mapping[str, Any]) -> int:
    """Gated DeltaNet state of one layer, f32: the conv inputs plus the delta state, as
    catalog/models/qwen3.5.yaml writes it out."""
    kh = _int(c.get("linear_num_key_heads")) or 0
    vh = _int(c.get("linear_num_value_heads")) or 0
    kd = _int(c.get("linear_key_head_dim")) or 0
    vd = _int(c.get("linear_value_head_dim")) or 0
    conv = _int(c.get("linear_conv_kernel_dim")) or 4
    return ((conv - 1) * (2 * kh * kd + vh * vd) + vh * kd * vd) * 4


def _estimate_params(c, hidden, layers, heads, kv_heads, head_dim, vocab, moe) -> float:
    ff = _int(c.get("intermediate_size")) or 4 * hidden
    attn = hidden * head_dim * (heads * 2 + kv_heads * 2)
    dense_ffn = 3 * hidden * ff
    per_layer = attn + (0 if moe else dense_ffn)
    embed = vocab * hidden * (1 if c.get("tie_word_embeddings") else 2)
    experts = moe["expert_params_b"] * 1e9 if moe else 0
    return (layers * per_layer + embed + experts) / 1e9
