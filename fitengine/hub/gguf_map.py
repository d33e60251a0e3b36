"""GGUF metadata and tensor infos -> the fields of a catalog Model.

Pure (no I/O). Every value comes from the header: `{arch}.*` metadata keys as llama.cpp's loader
reads them, tensor names (which layers have attention, which an SSM, which routed experts) and
tensor shapes (parameter counts), plus the per-architecture defaults of catalog/gguf_archs.yaml
where llama.cpp hard-codes them. What cannot be read is said in `notes`, never guessed silently.

Layer kinds, per layer, as llama.cpp allocates their cache:
- recurrent (catalog kind `linear`): the layer has ssm_* (Mamba, Mamba-2, Gated DeltaNet, KDA),
  shortconv.* (LFM2) or time_mix_* (RWKV) tensors. Its state is llama.cpp's n_embd_r() + n_embd_s()
  f32 values (src/llama-hparams.cpp), the sum catalog/models/qwen3.5.yaml, nemotron3.yaml and
  liquid.yaml write out by hand:
      Mamba / Mamba-2 / DeltaNet  (conv_kernel - 1) x (inner + 2 x groups x state) + state x inner
      KDA (Kimi Linear)           3 x (conv_kernel - 1) x heads x kda_dim + kda_dim^2 x heads
      short conv (LFM2)           (l_cache - 1) x hidden
      RWKV                        token_shift_count x hidden + hidden x head_size
- compressed (DeepSeek V4): the GGUF lists `attention.compress_ratios`; layers with indexer.*
  tensors keep indexer keys.
- mla: `attention.kv_lora_rank` and the layer has a latent KV projection (attn_kv_a_mqa).
- sliding: `attention.sliding_window` and the layer is in the window pattern
  (`attention.sliding_window_pattern`, else the architecture's fixed pattern).
- full: any other attention layer. A layer with neither attention nor a recurrent block (the
  MoE-only layers of Nemotron-H) holds no cache: kind linear with a zero state, as the catalog
  writes it.

Layers of the same kind and shape are grouped in the order they first appear (as the catalog
groups them by hand); the cache adds up the same. Multi-token-prediction blocks
(`nextn_predict_layers`, appended after the main layers) are counted apart, as the catalog's `mtp`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .archs import ArchRules, default_rules
from .gguf_header import ArrayLen, TensorInfo

MIB = 1024**2
F32 = 4

_BLK = re.compile(r"^blk\.(\d+)\.(.+?)(?:\.(?:weight|bias|scale))?$")
_ATTENTION = frozenset(
    {"attn_q", "attn_k", "attn_v", "attn_kv_a_mqa", "attn_q_a", "attn_q_b", "attn_kv", "attn_kv_b"}
)
_RECURRENT_PREFIXES = ("ssm_", "shortconv.", "time_mix_")
_RECURRENT_ARCHS_KEYS = ("ssm.state_size", "ssm.inner_size", "shortconv.l_cache", "wkv.head_size")


class NotReadable(ValueError):
    """The header lacks what any model needs (architecture, layer count, hidden size)."""


@dataclass
class Layout:
    """What a GGUF header says about a model, as catalog Model fields."""

    fields: dict[str, Any]
    read_from: dict[str, str] = field(default_factory=dict)  # field -> where it was read
    notes: list[str] = field(default_factory=list)  # what could not be read
    arch: str = ""
    general_name: str | None = None
    basename: str | None = None
    size_label: str | None = None
    base_repo: str | None = None  # the original model's repo, when the GGUF names it


def _per_layer(value: Any, n: int) -> list[int] | None:
    if value is None or isinstance(value, ArrayLen):
        return None
    if isinstance(value, list):
        vals = [int(v) for v in value[:n]]
        return vals + [vals[-1] if vals else 0] * (n - len(vals))
    return [int(value)] * n


def _first_int(value: Any) -> int | None:
    if isinstance(value, list):
        nonzero = [int(v) for v in value if v]
        return nonzero[0] if nonzero else None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return int(value)
    return None


def _most_common(values: Iterable[int]) -> int | None:
    c = Counter(v for v in values if v)
    return c.most_common(1)[0][0] if c else None


@dataclass
class _Tensors:
    by_layer: dict[int, set[str]]
    layer_params: dict[int, int]
    expert_params: dict[int, int]
    other_params: int
    names: frozenset[str]

    @classmethod
    def index(cls, tensors: Sequence[TensorInfo]) -> _Tensors:
        by_layer: dict[int, set[str]] = {}
        layer_params: dict[int, int] = {}
        expert_params: dict[int, int] = {}
        other = 0
        for t in tensors:
            m = _BLK.match(t.name)
            if m is None:
                other += t.elements
                continue
            i, short = int(m.group(1)), m.group(2)
            by_layer.setdefault(i, set()).add(short)
            layer_params[i] = layer_params.get(i, 0) + t.elements
            if short.endswith("_exps"):
                expert_params[i] = expert_params.get(i, 0) + t.elements
        return cls(by_layer, layer_params, expert_params, other, frozenset(t.name for t in tensors))

    def covers(self, n_layer: int) -> bool:
        return all(i in self.by_layer for i in range(n_layer))


def _is_recurrent(names: set[str]) -> bool:
    return any(n.startswith(_RECURRENT_PREFIXES) for n in names)


def _is_attention(names: set[str], recurrent: bool) -> bool:
    return bool(names & _ATTENTION) or ("attn_qkv" in names and not recurrent)


def _repo_from_url(url: Any) -> str | None:
    if not isinstance(url, str):
        return None
    m = re.match(r"^https?://(?:www\.)?(?:huggingface\.co|hf\.co)/([\w.-]+/[\w.-]+)/?$", url)
    return m.group(1) if m else None


def layout_from_gguf(
    meta: Mapping[str, Any],
    tensors: Sequence[TensorInfo],
    *,
    tensors_complete: bool = True,
    params_hint: int | None = None,
    rules: ArchRules | None = None,
) -> Layout:
    """The Model fields a GGUF header gives. `tensors` are the tensor infos of every split file
    read (`tensors_complete` False when some could not be read: the layout then falls back on
    the metadata alone); `params_hint` is a parameter count from elsewhere (the Hub API)."""
    arch = meta.get("general.architecture")
    if not isinstance(arch, str) or not arch:
        raise NotReadable("the GGUF header names no architecture")
    rule = (rules or default_rules()).get(arch)

    def key(name: str, default: Any = None) -> Any:
        return meta.get(f"{arch}.{name}", default)

    n_block = _first_int(key("block_count"))
    hidden = _first_int(key("embedding_length"))
    if not n_block or not hidden:
        raise NotReadable(f"the GGUF header has no {arch}.block_count or embedding_length")
    nextn = _first_int(key("nextn_predict_layers")) or 0
    n_layer = n_block - nextn if 0 < nextn < n_block else n_block
    nextn = n_block - n_layer
    notes: list[str] = []
    read: dict[str, str] = {}
    tx = _Tensors.index(tensors)
    use_tensors = tensors_complete and tx.covers(n_layer)
    if not use_tensors:
        notes.append(
            "the tensor list of every layer could not be read: layer kinds come from the "
            "metadata alone"
        )

    heads_l = _per_layer(key("attention.head_count"), n_block) or [0] * n_block
    kv_l = _per_layer(key("attention.head_count_kv"), n_block) or list(heads_l)
    heads = max(heads_l[:n_layer] or [0])
    if not heads:
        heads = 1
        if not _recurrent_only_arch(meta, arch):
            notes.append(f"no {arch}.attention.head_count in the header")
    key_len = _first_int(key("attention.key_length")) or hidden // heads
    val_len = _first_int(key("attention.value_length")) or key_len
    key_len_swa = _first_int(key("attention.key_length_swa")) or key_len
    val_len_swa = _first_int(key("attention.value_length_swa")) or val_len

    # ------------------------------------------------------------------ which layer is what
    recurrent, attention = _layer_roles(
        meta, arch, rule, n_layer, kv_l, tx if use_tensors else None, notes
    )
    ratios = key("attention.compress_ratios")
    ratios = _per_layer(ratios, n_block) if isinstance(ratios, list) else None
    # DeepSeek V4 keeps its raw window on every layer: no sliding pattern to read
    window, swa = _sliding(meta, arch, rule, n_layer, notes if ratios is None else [])
    kv_lora = _first_int(key("attention.kv_lora_rank"))
    rope_dim = _first_int(key("rope.dimension_count"))
    indexer_dim = _first_int(key("attention.indexer.key_length"))
    shared_from = n_layer - (_first_int(key("attention.shared_kv_layers")) or 0)
    state = _state_bytes(meta, arch, hidden, heads) if any(recurrent) else 0
    if any(recurrent) and state is None:
        notes.append("the recurrent state size is not in the header: counted as 0")
        state = 0

    all_mla = kv_lora is not None and ratios is None
    mla_head_dim = None
    if all_mla:
        k_mla = _first_int(key("attention.key_length_mla")) or (
            key_len if kv_l[0] == heads_l[0] else None
        )
        mla_head_dim = k_mla - (rope_dim or 0) if k_mla else None
    kv_heads = (
        heads if all_mla else _most_common(kv_l[i] for i in range(n_layer) if attention[i]) or heads
    )
    head_dims = [
        key_len_swa if swa[i] else key_len
        for i in range(n_layer)
        if attention[i] and not recurrent[i]
    ]
    head_dim = mla_head_dim or _most_common(head_dims) or key_len

    per_layer: list[dict[str, Any]] = []
    for i in range(n_layer):
        names = tx.by_layer.get(i, set()) if use_tensors else set()
        g: dict[str, Any]
        if recurrent[i] and not (attention[i] and rule.parallel_ssm):
            g = {"kind": "linear", "state_mb": state / MIB}
        elif not attention[i]:
            g = {"kind": "linear", "state_mb": 0.0}  # no cache of its own (MoE-only layers)
        elif ratios is not None:
            g = {"kind": "compressed", "window": window or 0}
            if ratios[i]:
                g["compress_ratio"] = ratios[i]
                has_indexer = (
                    any(n.startswith("indexer.") for n in names)
                    if use_tensors
                    else (ratios[i] == min(r for r in ratios if r))
                )
                if indexer_dim and has_indexer:
                    g["indexer_dim"] = indexer_dim
        elif kv_lora is not None and (not use_tensors or "attn_kv_a_mqa" in names):
            g = {"kind": "mla", "kv_lora_rank": kv_lora, "rope_dim": rope_dim or 0}
            v_mla = _first_int(key("attention.value_length_mla"))
            if v_mla:
                g["v_head_dim"] = v_mla
            if indexer_dim and (not use_tensors or any(n.startswith("indexer.") for n in names)):
                g["indexer_dim"] = indexer_dim
        else:
            sliding = swa[i]
            g = {"kind": "sliding", "window": window} if sliding else {"kind": "full"}
            hk, hv = (key_len_swa, val_len_swa) if sliding else (key_len, val_len)
            if kv_l[i] and kv_l[i] != kv_heads:
                g["kv_heads"] = kv_l[i]
            if hk != head_dim:
                g["head_dim"] = hk
            if hv != hk:
                g["v_head_dim"] = hv
            if i >= shared_from:
                g["shared_kv"] = True
            if recurrent[i]:  # attention and an SSM side by side (Falcon-H1)
                g["state_mb"] = state / MIB
        per_layer.append(g)
    if ratios is not None and not window:
        notes.append("no sliding window size for the compressed layers in the header")
        for g in per_layer:
            if g["kind"] == "compressed":
                g["window"] = 128
        notes.append("DeepSeek V4's 128-token window assumed")
    groups = _group(per_layer)
    read["attention"] = "tensor names per layer" if use_tensors else "metadata"

    # ------------------------------------------------------------------ parameters
    fields: dict[str, Any] = {
        "layers": n_layer,
        "hidden_size": hidden,
        "heads": heads,
        "kv_heads": kv_heads,
        "head_dim": head_dim,
        "attention": groups,
    }
    main_params = tx.other_params + sum(p for i, p in tx.layer_params.items() if i < n_layer)
    mtp_params = sum(p for i, p in tx.layer_params.items() if i >= n_layer)
    if use_tensors and main_params:
        fields["params_b"] = main_params / 1e9
        read["params_b"] = "tensor shapes"
    elif params_hint:
        fields["params_b"] = params_hint / 1e9
        read["params_b"] = "the Hub's parameter count"
    else:
        notes.append("no parameter count: neither the tensor list nor the Hub gave one")

    vocab = _first_int(key("vocab_size"))
    tokens = meta.get("tokenizer.ggml.tokens")
    if vocab:
        read["vocab"] = f"{arch}.vocab_size"
    elif isinstance(tokens, ArrayLen | list):
        vocab = tokens.length if isinstance(tokens, ArrayLen) else len(tokens)
        read["vocab"] = "tokenizer.ggml.tokens"
    else:
        emb = next((t for t in tensors if t.name == "token_embd.weight"), None)
        vocab = emb.shape[-1] if emb is not None and len(emb.shape) == 2 else None
        read["vocab"] = "token_embd shape"
    if not vocab:
        notes.append("no vocabulary size in the header")
    fields["vocab"] = vocab or 0
    if use_tensors:
        fields["tied_embeddings"] = "output.weight" not in tx.names
    ple = next((t for t in tensors if t.name == "per_layer_token_embd.weight"), None)
    if ple is not None:
        fields["per_layer_embed_params_b"] = ple.elements / 1e9
    context = _first_int(key("context_length"))
    if not context:
        notes.append(f"no {arch}.context_length in the header")
    fields["context"] = context or 0
    if rope := _rope(meta, arch, context):
        fields["rope_scaling"] = rope
    if nextn:
        fields["mtp"] = {"layers": nextn, "params_b": mtp_params / 1e9 if mtp_params else None}

    moe = _moe(meta, arch, n_layer, hidden, tx if use_tensors else None, notes, read)
    if moe is not None:
        fields["moe"] = moe
        if "params_b" in fields:
            # what a token computes with: not the routed experts it skips, nor the embedding
            # tables it only looks a row up in (the vendors' "A3B" figures count the same way)
            unused = moe["expert_params_b"] * 1e9 * (1 - moe["active"] / moe["experts"])
            lookups = sum(
                t.elements
                for t in tensors
                if t.name in ("token_embd.weight", "per_layer_token_embd.weight")
            )
            active = fields["params_b"] * 1e9 - unused - lookups
            fields["active_params_b"] = max(active, 0.0) / 1e9 or None
            read["active_params_b"] = "parameters less unused routed experts and embedding tables"
    general = meta.get("general.name")
    return Layout(
        fields=fields,
        read_from=read,
        notes=notes,
        arch=arch,
        general_name=general if isinstance(general, str) else None,
        basename=meta.get("general.basename")
        if isinstance(meta.get("general.basename"), str)
        else None,
        size_label=meta.get("general.size_label")
        if isinstance(meta.get("general.size_label"), str)
        else None,
        base_repo=_repo_from_url(meta.get("general.base_model.0.repo_url")),
    )


def _recurrent_only_arch(meta: Mapping[str, Any], arch: str) -> bool:
    return any(f"{arch}.{k}" in meta for k in _RECURRENT_ARCHS_KEYS)


def _layer_roles(meta, arch, rule, n_layer, kv_l, tx: _Tensors | None, notes):
    """(recurrent, attention) flags per layer: from tensor names when every layer's are known,
    else from the metadata the way llama.cpp's loader decides."""
    if tx is not None:
        rec = [_is_recurrent(tx.by_layer[i]) for i in range(n_layer)]
        att = [_is_attention(tx.by_layer[i], rec[i]) for i in range(n_layer)]
        return rec, att
    interval = _first_int(meta.get(f"{arch}.full_attention_interval")) or (
        rule.full_attention_interval
    )
    has_state = _recurrent_only_arch(meta, arch)
    if interval:
        rec = [(i + 1) % interval != 0 for i in range(n_layer)]
        return rec, [not r for r in rec]
    if has_state and any(kv_l[i] == 0 for i in range(n_layer)):
        # llama.cpp: a layer without KV heads is recurrent (LFM2, Jamba, Granite hybrid); for
        # Nemotron-H some of them are MoE-only layers with no state: said, not guessed
        notes.append(
            "which layers are recurrent was read from the KV head counts: layers without "
            "attention are all counted with a recurrent state (an upper bound)"
        )
        rec = [kv_l[i] == 0 for i in range(n_layer)]
        return rec, [not r for r in rec]
    if has_state and not any(kv_l[:n_layer]):
        return [True] * n_layer, [False] * n_layer
    return [False] * n_layer, [True] * n_layer


def _sliding(meta, arch, rule, n_layer, notes) -> tuple[int | None, list[bool]]:
    window = _first_int(meta.get(f"{arch}.attention.sliding_window")) or rule.swa_window
    if not window or rule.ignore_sliding_window:
        return None, [False] * n_layer
    pattern = meta.get(f"{arch}.attention.sliding_window_pattern")
    if isinstance(pattern, list):
        flags = [bool(x) for x in pattern[:n_layer]]
        return window, flags + [False] * (n_layer - len(flags))
    period = _first_int(pattern) or rule.swa_pattern
    if period:
        return window, [i % period < period - 1 for i in range(n_layer)]
    notes.append(
        f"the header names a {window}-token sliding window but not which layers use it: all "
        "layers are counted with full attention (an upper bound)"
    )
    return window, [False] * n_layer


def _state_bytes(meta, arch: str, hidden: int, heads: int) -> int | None:
    """Recurrent state of one layer, f32, as llama.cpp's n_embd_r() + n_embd_s()."""

    def k(name: str) -> int:
        return _first_int(meta.get(f"{arch}.{name}")) or 0

    wkv = k("wkv.head_size")
    if wkv:
        return ((k("token_shift_count") or 2) * hidden + hidden * wkv) * F32
    l_cache = k("shortconv.l_cache")
    if l_cache:
        return hidden * (l_cache - 1) * F32
    conv = k("ssm.conv_kernel")
    kda = k("kda.head_dim")
    if kda:
        d_inner = heads * kda
        return (3 * (conv - 1 if conv else 3) * d_inner + kda * kda * heads) * F32
    d_inner, d_state, groups = k("ssm.inner_size"), k("ssm.state_size"), k("ssm.group_count")
    if not (d_inner or d_state):
        return None
    r = (conv - 1 if conv > 0 else 0) * (d_inner + 2 * groups * d_state)
    return (r + d_state * d_inner) * F32


def _group(per_layer: list[dict[str, Any]]) -> list[dict[str, Any]]:
    order: list[tuple] = []
    counts: dict[tuple, int] = {}
    for g in per_layer:
        sig = tuple(sorted(g.items()))
        if sig not in counts:
            order.append(sig)
            counts[sig] = 0
        counts[sig] += 1
    return [{**dict(sig), "layers": counts[sig]} for sig in order]


def _rope(meta, arch: str, context: int | None) -> dict[str, Any] | None:
    kind = meta.get(f"{arch}.rope.scaling.type")
    factor = meta.get(f"{arch}.rope.scaling.factor")
    orig = _first_int(meta.get(f"{arch}.rope.scaling.original_context_length"))
    if kind not in ("yarn", "linear", "longrope") or not isinstance(factor, int | float):
        return None
    if factor <= 1 or not orig or not context or orig * factor <= context:
        return None  # the native context already includes the scaling
    return {"type": kind, "factor": float(factor), "original_context": orig}


def _moe(meta, arch, n_layer, hidden, tx: _Tensors | None, notes, read) -> dict[str, Any] | None:
    experts = _first_int(meta.get(f"{arch}.expert_count")) or 0
    if experts <= 1:
        return None
    active = _first_int(meta.get(f"{arch}.expert_used_count"))
    if not active:
        notes.append(f"no {arch}.expert_used_count: routed experts per token unknown, 1 assumed")
        active = 1
    shared = _first_int(meta.get(f"{arch}.expert_shared_count"))
    if tx is not None:
        layers = sorted(i for i in tx.expert_params if i < n_layer)
        expert_params = sum(tx.expert_params[i] for i in layers)
        if shared is None:
            shared = int(any(n.endswith("_shexp") for i in layers for n in tx.by_layer.get(i, ())))
        read["moe"] = "tensor names and shapes"
    else:
        lead = _first_int(meta.get(f"{arch}.leading_dense_block_count")) or 0
        layers = list(range(lead, n_layer))
        ff = _first_int(meta.get(f"{arch}.expert_feed_forward_length"))
        expert_params = len(layers) * experts * 3 * hidden * (ff or 0)
        notes.append(
            "expert parameters estimated from the metadata (layers x experts x 3 x hidden x "
            "expert FFN width)"
        )
        read["moe"] = "metadata"
    if not layers or not expert_params:
        notes.append("the header names experts but no expert tensors were found")
        return None
    return {
        "experts": experts,
        "active": min(active, experts),
        "shared": shared or 0,
        "expert_params_b": expert_params / 1e9,
        "moe_layers": len(layers),
    }
