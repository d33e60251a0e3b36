"""GGUF headers of real models, written at test time with llama.cpp's gguf-py (the `gguf`
package), the way convert_hf_to_gguf.py writes them: the `{arch}.*` keys and the tensor names and
shapes follow from each model's config.json (values as the catalog entry's comments cite them).
Only the header is written (no tensor data); the fake Hub serves it followed by zeros up to the
file size its listing states.

File sizes: where the catalog lists a quant's size (the Hub's listing, decimal GB) the fake listing
states the same bytes; the other files of a fake listing get a made-up size (params x 4.9 bits),
marked MADE_UP, used only where no test compares them with anything.

Each Fixture names the catalog entry it must match (tests/test_hub_gguf.py).
"""

from __future__ import annotations

import functools
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

Tensors = list[tuple[str, tuple[int, ...]]]
GB = 10**9


@dataclass(frozen=True)
class Fixture:
    """A model repo for the fake Hub: its GGUF files (header bytes and listed size each)."""

    key: str
    repo: str
    catalog_id: str
    quant: str  # the quant whose size the catalog lists (the one compared)
    files: dict[str, tuple[bytes, int]]  # path -> (header bytes, size the listing states)
    card: dict[str, Any] = field(default_factory=dict)
    gguf_total: int | None = None


def _write(
    arch: str,
    meta: list[tuple[str, Any]],
    tensors: Tensors,
    *,
    tokens: int = 0,
    merges: int = 0,
    split: int = 1,
) -> list[bytes]:
    """Header-only GGUF bytes, one per split part (gguf-split layout: metadata in the first)."""
    import gguf

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "model.gguf"
        per = -(-len(tensors) // split) if split > 1 else 0
        w = gguf.GGUFWriter(path, arch, split_max_tensors=per)
        for key, value in meta:
            key = key.replace("{arch}", arch)
            if isinstance(value, bool):
                w.add_bool(key, value)
            elif isinstance(value, int):
                w.add_uint32(key, value)
            elif isinstance(value, float):
                w.add_float32(key, value)
            elif isinstance(value, str):
                w.add_string(key, value)
            else:
                w.add_array(key, list(value))
        if tokens:
            w.add_tokenizer_model("gpt2")
            w.add_token_list([f"tok{i}" for i in range(tokens)])
            w.add_token_types([1] * tokens)
        if merges:
            w.add_token_merges([f"t{i} k{i}" for i in range(merges)])
        for name, shape in tensors:
            n = int(np.prod(shape))
            w.add_tensor_info(name, shape, np.dtype(np.float16), n * 2)
        w.write_header_to_file(path)
        w.write_kv_data_to_file()
        w.write_ti_data_to_file()
        w.close()
        names = w.format_shard_names(path)
        return [Path(p).read_bytes() for p in names]


def _params(tensors: Tensors) -> int:
    return sum(int(np.prod(s)) for _, s in tensors)


def _made_up(params: int, bits: float = 4.9) -> int:
    """MADE_UP: a plausible size for a file no test compares."""
    return int(params * bits / 8)


def _split_sizes(total: int, n: int) -> list[int]:
    first = total // n
    return [first] * (n - 1) + [total - first * (n - 1)]


def _files(
    repo_stem: str, sizes: dict[str, int], parts: list[bytes], *, split_folder: bool = False
) -> dict[str, tuple[bytes, int]]:
    """One file per quant (the fixture's header for each: a repo's quants share the layout), or
    split parts when `parts` has several."""
    out: dict[str, tuple[bytes, int]] = {}
    n = len(parts)
    for quant, size in sizes.items():
        if n == 1:
            out[f"{repo_stem}-{quant}.gguf"] = (parts[0], size)
            continue
        folder = f"{quant}/" if split_folder else ""
        for i, (part, psize) in enumerate(zip(parts, _split_sizes(size, n), strict=True), 1):
            out[f"{folder}{repo_stem}-{quant}-{i:05d}-of-{n:05d}.gguf"] = (part, psize)
    return out


# --------------------------------------------------------------------------- building blocks


def _norm(i: int, h: int, *names: str) -> Tensors:
    return [(f"blk.{i}.{n}.weight", (h,)) for n in names]


def _gqa(i: int, h: int, heads: int, kv: int, hd: int, *, q_mult: int = 1) -> Tensors:
    return [
        (f"blk.{i}.attn_q.weight", (heads * hd * q_mult, h)),
        (f"blk.{i}.attn_k.weight", (kv * hd, h)),
        (f"blk.{i}.attn_v.weight", (kv * hd, h)),
        (f"blk.{i}.attn_output.weight", (h, heads * hd)),
    ]


def _ffn(i: int, h: int, ff: int) -> Tensors:
    return [
        (f"blk.{i}.ffn_gate.weight", (ff, h)),
        (f"blk.{i}.ffn_up.weight", (ff, h)),
        (f"blk.{i}.ffn_down.weight", (h, ff)),
    ]


def _experts(i: int, h: int, n: int, ff: int, *, gated: bool = True, width: int | None = None):
    w = width or h
    t: Tensors = [(f"blk.{i}.ffn_gate_inp.weight", (n, h))]
    if gated:
        t.append((f"blk.{i}.ffn_gate_exps.weight", (n, ff, w)))
    t += [
        (f"blk.{i}.ffn_up_exps.weight", (n, ff, w)),
        (f"blk.{i}.ffn_down_exps.weight", (n, w, ff)),
    ]
    return t


def _shexp(i: int, h: int, ff: int, *, gated: bool = True) -> Tensors:
    t: Tensors = [(f"blk.{i}.ffn_gate_shexp.weight", (ff, h))] if gated else []
    return [
        *t,
        (f"blk.{i}.ffn_up_shexp.weight", (ff, h)),
        (f"blk.{i}.ffn_down_shexp.weight", (h, ff)),
    ]


def _embed(vocab: int, h: int, *, tied: bool) -> Tensors:
    t: Tensors = [("token_embd.weight", (vocab, h)), ("output_norm.weight", (h,))]
    return t if tied else [*t, ("output.weight", (vocab, h))]


def _general(name: str, basename: str, size: str, base: str | None = None):
    meta: list[tuple[str, Any]] = [
        ("general.name", name),
        ("general.basename", basename),
        ("general.size_label", size),
    ]
    if base:
        meta += [("general.base_model.count", 1), ("general.base_model.0.repo_url", base)]
    return meta


# --------------------------------------------------------------------------- the models


def llama_3_1_8b() -> Fixture:
    """Dense GQA. config: 32 layers, hidden 4096, 32 heads, 8 KV heads, FFN 14336, vocab 128256."""
    h, L, heads, kv, hd, ff, vocab = 4096, 32, 32, 8, 128, 14336, 128256
    t = [*_embed(vocab, h, tied=False), ("rope_freqs.weight", (hd // 2,))]
    for i in range(L):
        t += _norm(i, h, "attn_norm", "ffn_norm") + _gqa(i, h, heads, kv, hd) + _ffn(i, h, ff)
    meta = [
        *_general(
            "Meta Llama 3.1 8B Instruct",
            "Meta-Llama-3.1",
            "8B",
            "https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct",
        ),
        ("{arch}.block_count", L),
        ("{arch}.context_length", 131072),
        ("{arch}.embedding_length", h),
        ("{arch}.feed_forward_length", ff),
        ("{arch}.attention.head_count", heads),
        ("{arch}.attention.head_count_kv", kv),
        ("{arch}.rope.dimension_count", hd),
        ("{arch}.rope.freq_base", 500000.0),
        ("{arch}.attention.layer_norm_rms_epsilon", 1e-05),
    ]
    # a real Llama 3 tokenizer: 128256 tokens and 280147 merges make a ~6 MB header (read in
    # doubling ranges: 2, 4, then 8 MiB)
    parts = _write("llama", meta, t, tokens=vocab, merges=280147)
    sizes = {
        "Q8_0": 8.54,
        "Q6_K": 6.6,
        "Q5_K_M": 5.73,
        "Q4_K_M": 4.92,
        "IQ4_XS": 4.45,
        "f16": 16.07,
    }
    files = _files("Meta-Llama-3.1-8B-Instruct", {q: int(s * GB) for q, s in sizes.items()}, parts)
    return Fixture(
        "llama",
        "hubtest/Meta-Llama-3.1-8B-Instruct-GGUF",
        "llama-3.1-8b",
        "Q4_K_M",
        files,
        gguf_total=_params(t),
    )


def gemma_3_27b() -> Fixture:
    """Sliding window, pattern fixed in llama.cpp (5 sliding : 1 full). config: 62 layers, hidden
    5376, 32 heads, 16 KV heads, head_dim 128, FFN 21504, sliding_window 1024, vocab 262208."""
    h, L, heads, kv, hd, ff, vocab = 5376, 62, 32, 16, 128, 21504, 262208
    t = _embed(vocab, h, tied=True)
    for i in range(L):
        t += _norm(i, h, "attn_norm", "post_attention_norm", "ffn_norm", "post_ffw_norm")
        t += _gqa(i, h, heads, kv, hd) + _norm(i, hd, "attn_q_norm", "attn_k_norm")
        t += _ffn(i, h, ff)
    meta = [
        *_general("Gemma 3 27b It", "gemma-3", "27B"),
        ("{arch}.block_count", L),
        ("{arch}.context_length", 131072),
        ("{arch}.embedding_length", h),
        ("{arch}.feed_forward_length", ff),
        ("{arch}.attention.head_count", heads),
        ("{arch}.attention.head_count_kv", kv),
        ("{arch}.attention.key_length", hd),
        ("{arch}.attention.value_length", hd),
        ("{arch}.attention.sliding_window", 1024),
        ("{arch}.rope.scaling.type", "linear"),
        ("{arch}.rope.scaling.factor", 8.0),
    ]
    parts = _write("gemma3", meta, t, tokens=vocab)
    sizes = {
        "Q8_0": 28.7,
        "Q6_K": 22.2,
        "Q5_K_M": 19.3,
        "Q4_K_M": 16.5,
        "Q3_K_M": 13.4,
        "Q2_K": 10.5,
    }
    files = _files("google_gemma-3-27b-it", {q: int(s * GB) for q, s in sizes.items()}, parts)
    return Fixture("gemma3", "hubtest/google_gemma-3-27b-it-GGUF", "gemma-3-27b", "Q4_K_M", files)


def deepseek_v2_lite() -> Fixture:
    """MLA + MoE with 2 shared experts and a leading dense layer. config: 27 layers, hidden 2048,
    16 heads, kv_lora_rank 512, qk_rope 64, qk_nope 128, v_head 128, 64 experts top-6 of 1408,
    first_k_dense_replace 1 (FFN 10944), vocab 102400, no q LoRA (lite). llama.cpp's MLA layout:
    head_count_kv 1, key_length 576, value_length 512, key/value_length_mla 192/128."""
    h, L, heads, ff, eff, vocab = 2048, 27, 16, 10944, 1408, 102400
    t = _embed(vocab, h, tied=False)
    for i in range(L):
        t += _norm(i, h, "attn_norm", "ffn_norm") + _norm(i, 512, "attn_kv_a_norm")
        t += [
            (f"blk.{i}.attn_q.weight", (heads * 192, h)),
            (f"blk.{i}.attn_kv_a_mqa.weight", (576, h)),
            (f"blk.{i}.attn_k_b.weight", (heads, 512, 128)),
            (f"blk.{i}.attn_v_b.weight", (heads, 128, 512)),
            (f"blk.{i}.attn_output.weight", (h, heads * 128)),
        ]
        t += _ffn(i, h, ff) if i == 0 else _experts(i, h, 64, eff) + _shexp(i, h, 2 * eff)
    meta = [
        *_general("DeepSeek V2 Lite Chat", "DeepSeek-V2-Lite", "16B"),
        ("{arch}.block_count", L),
        ("{arch}.context_length", 163840),
        ("{arch}.embedding_length", h),
        ("{arch}.feed_forward_length", ff),
        ("{arch}.attention.head_count", heads),
        ("{arch}.attention.head_count_kv", 1),
        ("{arch}.attention.key_length", 576),
        ("{arch}.attention.value_length", 512),
        ("{arch}.attention.key_length_mla", 192),
        ("{arch}.attention.value_length_mla", 128),
        ("{arch}.attention.kv_lora_rank", 512),
        ("{arch}.rope.dimension_count", 64),
        ("{arch}.leading_dense_block_count", 1),
        ("{arch}.expert_feed_forward_length", eff),
        ("{arch}.expert_count", 64),
        ("{arch}.expert_used_count", 6),
        ("{arch}.expert_shared_count", 2),
        ("{arch}.vocab_size", vocab),
        ("{arch}.rope.scaling.type", "yarn"),
        ("{arch}.rope.scaling.factor", 40.0),
        ("{arch}.rope.scaling.original_context_length", 4096),
    ]
    parts = _write("deepseek2", meta, t)
    sizes = {
        "Q8_0": 16.7,
        "Q6_K": 14.1,
        "Q5_K_M": 11.9,
        "Q4_K_M": 10.4,
        "Q3_K_M": 8.13,
        "Q2_K": 6.43,
    }
    files = _files("DeepSeek-V2-Lite-Chat", {q: int(s * GB) for q, s in sizes.items()}, parts)
    return Fixture("mla", "hubtest/DeepSeek-V2-Lite-Chat-GGUF", "deepseek-v2-lite", "Q4_K_M", files)


def qwen3_6_27b() -> Fixture:
    """Hybrid Gated DeltaNet (linear attention) + gated full attention, every 4th layer full.
    config: 64 layers, hidden 5120, 24 heads, 4 KV heads, head_dim 256, FFN 17408, linear: 16 key
    heads, 48 value heads, head dims 128, conv kernel 4; vocab 248320, context 262144."""
    h, L, heads, kv, hd, ff, vocab = 5120, 64, 24, 4, 256, 17408, 248320
    kh, vh, d = 16, 48, 128
    t = _embed(vocab, h, tied=False)
    for i in range(L):
        t += _norm(i, h, "attn_norm", "post_attention_norm") + _ffn(i, h, ff)
        if (i + 1) % 4 == 0:
            t += _gqa(i, h, heads, kv, hd, q_mult=2) + _norm(i, hd, "attn_q_norm", "attn_k_norm")
        else:
            t += [
                (f"blk.{i}.attn_qkv.weight", (2 * kh * d + vh * d, h)),
                (f"blk.{i}.attn_gate.weight", (vh * d, h)),
                (f"blk.{i}.ssm_conv1d.weight", (2 * kh * d + vh * d, 4)),
                (f"blk.{i}.ssm_dt.bias", (vh,)),
                (f"blk.{i}.ssm_a", (vh,)),
                (f"blk.{i}.ssm_alpha.weight", (vh, h)),
                (f"blk.{i}.ssm_beta.weight", (vh, h)),
                (f"blk.{i}.ssm_norm.weight", (d,)),
                (f"blk.{i}.ssm_out.weight", (h, vh * d)),
            ]
    meta = [
        *_general("Qwen3.6 27B", "Qwen3.6", "27B", "https://huggingface.co/Qwen/Qwen3.6-27B"),
        ("{arch}.block_count", L),
        ("{arch}.context_length", 262144),
        ("{arch}.embedding_length", h),
        ("{arch}.feed_forward_length", ff),
        ("{arch}.attention.head_count", heads),
        ("{arch}.attention.head_count_kv", kv),
        ("{arch}.attention.key_length", hd),
        ("{arch}.attention.value_length", hd),
        ("{arch}.rope.dimension_count", 64),
        ("{arch}.rope.dimension_sections", [11, 11, 10, 0]),
        ("{arch}.full_attention_interval", 4),
        ("{arch}.ssm.conv_kernel", 4),
        ("{arch}.ssm.state_size", d),
        ("{arch}.ssm.group_count", kh),
        ("{arch}.ssm.time_step_rank", vh),
        ("{arch}.ssm.inner_size", vh * d),
    ]
    parts = _write("qwen35", meta, t, tokens=vocab)
    p = _params(t)
    sizes = {
        "Q8_0": _made_up(p, 8.5),
        "Q4_K_M": _made_up(p),
        "UD-Q4_K_XL": int(17.6 * GB),
        "IQ4_XS": int(15.43 * GB),
        "UD-Q3_K_XL": int(14.46 * GB),
    }
    files = _files("Qwen3.6-27B", sizes, parts)
    return Fixture("hybrid", "hubtest/Qwen3.6-27B-GGUF", "qwen3.6-27b", "UD-Q4_K_XL", files)


def glm_4_5_air() -> Fixture:
    """MoE with a shared expert and a leading dense layer, one MTP (nextn) layer appended, split
    in two files. config: 46 layers (+1 nextn), hidden 4096, 96 heads, 8 KV heads, head_dim 128,
    FFN 10944 (layer 0), 128 experts top-8 of 1408, 1 shared, vocab 151552."""
    h, L, heads, kv, hd, ff, eff, vocab = 4096, 46, 96, 8, 128, 10944, 1408, 151552
    t = _embed(vocab, h, tied=False)
    for i in range(L + 1):
        t += _norm(i, h, "attn_norm", "post_attention_norm") + _gqa(i, h, heads, kv, hd)
        t += [(f"blk.{i}.attn_q.bias", (heads * hd,)), (f"blk.{i}.attn_k.bias", (kv * hd,))]
        t += _ffn(i, h, ff) if i == 0 else _experts(i, h, 128, eff) + _shexp(i, h, eff)
    t += [
        (f"blk.{L}.nextn.eh_proj.weight", (h, 2 * h)),
        *_norm(L, h, "nextn.enorm", "nextn.hnorm", "nextn.shared_head_norm"),
    ]
    meta = [
        *_general("GLM 4.5 Air", "GLM-4.5-Air", "106B-A12B"),
        ("{arch}.block_count", L + 1),
        ("{arch}.nextn_predict_layers", 1),
        ("{arch}.context_length", 131072),
        ("{arch}.embedding_length", h),
        ("{arch}.feed_forward_length", ff),
        ("{arch}.attention.head_count", heads),
        ("{arch}.attention.head_count_kv", kv),
        ("{arch}.attention.key_length", hd),
        ("{arch}.attention.value_length", hd),
        ("{arch}.rope.dimension_count", 64),
        ("{arch}.leading_dense_block_count", 1),
        ("{arch}.expert_feed_forward_length", eff),
        ("{arch}.expert_count", 128),
        ("{arch}.expert_used_count", 8),
        ("{arch}.expert_shared_count", 1),
    ]
    parts = _write("glm4moe", meta, t, tokens=vocab, split=2)
    files = _files("GLM-4.5-Air", {"UD-Q4_K_XL": int(73.03 * GB)}, parts, split_folder=True)
    return Fixture("moe", "hubtest/GLM-4.5-Air-GGUF", "glm-4.5-air", "UD-Q4_K_XL", files)


def gemma_4_e4b() -> Fixture:
    """Sliding pattern as a per-layer array, KV-shared last layers, per-layer embeddings.
    config: 42 layers (full at 5, 11, ..., 41), hidden 2560, 8 heads, 2 KV heads, head_dim 256
    (global 512), FFN 10240, window 512, 18 KV-shared layers, per-layer input 256, vocab 262144."""
    h, L, heads, kv, ff, vocab, ple = 2560, 42, 8, 2, 10240, 262144, 256
    shared_from = L - 18
    t = [
        *_embed(vocab, h, tied=True),
        ("per_layer_token_embd.weight", (vocab, L * ple)),
        ("per_layer_model_proj.weight", (L * ple, h)),
        ("per_layer_proj_norm.weight", (ple,)),
    ]
    sliding = [i % 6 != 5 for i in range(L)]
    for i in range(L):
        hd = 256 if sliding[i] else 512
        t += _norm(i, h, "attn_norm", "post_attention_norm", "ffn_norm", "post_ffw_norm")
        t += [
            (f"blk.{i}.attn_q.weight", (heads * hd, h)),
            (f"blk.{i}.attn_output.weight", (h, heads * hd)),
        ]
        if i < shared_from:
            t += [
                (f"blk.{i}.attn_k.weight", (kv * hd, h)),
                (f"blk.{i}.attn_v.weight", (kv * hd, h)),
            ]
        t += [
            *_ffn(i, h, ff),
            (f"blk.{i}.inp_gate.weight", (ple, h)),
            (f"blk.{i}.proj.weight", (h, ple)),
            (f"blk.{i}.post_norm.weight", (h,)),
        ]
    meta = [
        *_general("Gemma 4 E4B It", "gemma-4", "E4B"),
        ("{arch}.block_count", L),
        ("{arch}.context_length", 131072),
        ("{arch}.embedding_length", h),
        ("{arch}.feed_forward_length", ff),
        ("{arch}.attention.head_count", heads),
        ("{arch}.attention.head_count_kv", kv),
        ("{arch}.attention.key_length", 512),
        ("{arch}.attention.value_length", 512),
        ("{arch}.attention.key_length_swa", 256),
        ("{arch}.attention.value_length_swa", 256),
        ("{arch}.attention.sliding_window", 512),
        ("{arch}.attention.sliding_window_pattern", sliding),
        ("{arch}.attention.shared_kv_layers", 18),
        ("{arch}.embedding_length_per_layer_input", ple),
    ]
    parts = _write("gemma4", meta, t, tokens=vocab)
    files = _files("gemma-4-E4B-it-qat", {"UD-Q4_K_XL": int(4.22 * GB)}, parts)
    return Fixture("gemma4", "hubtest/gemma-4-E4B-it-qat-GGUF", "gemma-4-e4b", "UD-Q4_K_XL", files)


def deepseek_v4_flash() -> Fixture:
    """DeepSeek V4 compressed attention: one 512-wide K=V vector per token, a 128-token raw
    window on every layer, compress ratio 4 (with indexer keys of 128) on even layers from 2,
    128 on odd layers, none on layers 0-1. config: 43 layers, hidden 4096, 64 heads, q LoRA 1024,
    256 experts top-6 of 2048, 1 shared, vocab 129280, context 1M. Split in 4 files."""
    h, L, heads, eff, vocab = 4096, 43, 64, 2048, 129280
    ratios = [0, 0] + [4 if i % 2 == 0 else 128 for i in range(2, L)]
    t = _embed(vocab, h, tied=False)
    for i in range(L):
        t += [
            *_norm(i, h, "attn_norm", "ffn_norm"),
            (f"blk.{i}.attn_q_a.weight", (1024, h)),
            (f"blk.{i}.attn_q_b.weight", (heads * 512, 1024)),
            (f"blk.{i}.attn_kv.weight", (512, h)),
            (f"blk.{i}.attn_output_a.weight", (1024 * 8, heads * 512 // 8)),
            (f"blk.{i}.attn_output_b.weight", (h, 1024 * 8)),
        ]
        if ratios[i]:
            t += [(f"blk.{i}.attn_compress_kv.weight", (2 * 512, h))]
        if ratios[i] == 4:
            t += [
                (f"blk.{i}.indexer.attn_q_b.weight", (64 * 128, 1024)),
                (f"blk.{i}.indexer.compress_kv.weight", (2 * 128, h)),
            ]
        t += _experts(i, h, 256, eff) + _shexp(i, h, eff)
    meta = [
        *_general("DeepSeek V4 Flash", "DeepSeek-V4-Flash", "284B-A13B"),
        ("{arch}.block_count", L),
        ("{arch}.context_length", 1048576),
        ("{arch}.embedding_length", h),
        ("{arch}.attention.head_count", heads),
        ("{arch}.attention.head_count_kv", 1),
        ("{arch}.attention.key_length", 512),
        ("{arch}.attention.value_length", 512),
        ("{arch}.attention.q_lora_rank", 1024),
        ("{arch}.attention.sliding_window", 128),
        ("{arch}.attention.compress_ratios", ratios),
        ("{arch}.attention.indexer.head_count", 64),
        ("{arch}.attention.indexer.key_length", 128),
        ("{arch}.attention.indexer.top_k", 512),
        ("{arch}.expert_feed_forward_length", eff),
        ("{arch}.expert_count", 256),
        ("{arch}.expert_used_count", 6),
        ("{arch}.expert_shared_count", 1),
        ("{arch}.vocab_size", vocab),
    ]
    parts = _write("deepseek4", meta, t, split=4)
    files = _files("DeepSeek-V4-Flash", {"UD-Q4_K_XL": 155 * GB}, parts, split_folder=True)
    return Fixture(
        "compressed", "hubtest/DeepSeek-V4-Flash-GGUF", "deepseek-v4-flash", "UD-Q4_K_XL", files
    )


def nemotron_3_super() -> Fixture:
    """Mamba-2 + attention + LatentMoE, one block per layer (40 M, 40 E, 8 attention). config:
    88 layers, hidden 4096, 32 heads, 2 KV heads, head_dim 128; mamba 128 heads x 64, state 128,
    8 groups, conv 4; 512 experts top-22 of 2688 in a 1024-wide latent (relu^2, no gate), one
    shared expert of 5376; vocab 131072. Split in 3 files."""
    h, L, heads, kv, hd, vocab = 4096, 88, 32, 2, 128, 131072
    inner, state, groups = 128 * 64, 128, 8
    # 8 attention layers spread through the stack, Mamba and MoE blocks alternating between
    pattern = []
    for i in range(L):
        pattern.append(
            "*" if i % 11 == 10 else ("M" if sum(c != "*" for c in pattern) % 2 == 0 else "E")
        )
    assert pattern.count("*") == 8 and pattern.count("M") == 40 and pattern.count("E") == 40
    t = _embed(vocab, h, tied=False)
    for i, kind in enumerate(pattern):
        t += _norm(i, h, "attn_norm")
        if kind == "M":
            t += [
                (f"blk.{i}.ssm_in.weight", (2 * inner + 2 * groups * state + 128, h)),
                (f"blk.{i}.ssm_conv1d.weight", (inner + 2 * groups * state, 4)),
                (f"blk.{i}.ssm_dt.bias", (128,)),
                (f"blk.{i}.ssm_a", (128,)),
                (f"blk.{i}.ssm_d", (128,)),
                (f"blk.{i}.ssm_norm.weight", (inner,)),
                (f"blk.{i}.ssm_out.weight", (h, inner)),
            ]
        elif kind == "E":
            t += _experts(i, h, 512, 2688, gated=False, width=1024) + _shexp(
                i, h, 5376, gated=False
            )
            t += [
                (f"blk.{i}.ffn_latent_in.weight", (1024, h)),
                (f"blk.{i}.ffn_latent_out.weight", (h, 1024)),
            ]
        else:
            t += _gqa(i, h, heads, kv, hd)
    meta = [
        *_general("NVIDIA Nemotron 3 Super 120B A12B", "NVIDIA-Nemotron-3-Super", "120B-A12B"),
        ("{arch}.block_count", L),
        ("{arch}.context_length", 262144),
        ("{arch}.embedding_length", h),
        ("{arch}.attention.head_count", heads),
        ("{arch}.attention.head_count_kv", [kv if k == "*" else 0 for k in pattern]),
        ("{arch}.attention.key_length", hd),
        ("{arch}.attention.value_length", hd),
        ("{arch}.ssm.conv_kernel", 4),
        ("{arch}.ssm.state_size", state),
        ("{arch}.ssm.group_count", groups),
        ("{arch}.ssm.inner_size", inner),
        ("{arch}.ssm.time_step_rank", 128),
        ("{arch}.expert_count", 512),
        ("{arch}.expert_used_count", 22),
        ("{arch}.expert_shared_count", 1),
        ("{arch}.expert_feed_forward_length", 2688),
        ("{arch}.moe_latent_size", 1024),
        ("{arch}.vocab_size", vocab),
    ]
    parts = _write("nemotron_h_moe", meta, t, split=3)
    files = _files(
        "NVIDIA-Nemotron-3-Super-120B-A12B",
        {"UD-Q3_K_XL": int(62.6 * GB)},
        parts,
        split_folder=True,
    )
    return Fixture(
        "mamba",
        "hubtest/NVIDIA-Nemotron-3-Super-120B-A12B-GGUF",
        "nemotron-3-super-120b-a12b",
        "UD-Q3_K_XL",
        files,
    )


def lfm2_8b_a1b() -> Fixture:
    """Short-convolution blocks (state: 2 inputs per channel) + 6 GQA blocks, MoE after 2 dense
    layers. config: 24 blocks, attention at 2, 6, 10, 14, 18, 21; hidden 2048, 32 heads, 8 KV
    heads, conv L_cache 3; 32 experts top-4 of 1792, dense FFN 7168; vocab 65536."""
    h, L, heads, kv, hd, vocab = 2048, 24, 32, 8, 64, 65536
    attn = {2, 6, 10, 14, 18, 21}
    t = _embed(vocab, h, tied=True)
    for i in range(L):
        t += _norm(i, h, "attn_norm", "ffn_norm")
        if i in attn:
            t += _gqa(i, h, heads, kv, hd) + _norm(i, hd, "attn_q_norm", "attn_k_norm")
        else:
            t += [
                (f"blk.{i}.shortconv.conv.weight", (h, 3)),
                (f"blk.{i}.shortconv.in_proj.weight", (3 * h, h)),
                (f"blk.{i}.shortconv.out_proj.weight", (h, h)),
            ]
        t += _ffn(i, h, 7168) if i < 2 else _experts(i, h, 32, 1792)
    meta = [
        *_general("LFM2 8B A1B", "LFM2", "8B-A1B"),
        ("{arch}.block_count", L),
        ("{arch}.context_length", 128000),
        ("{arch}.embedding_length", h),
        ("{arch}.feed_forward_length", 7168),
        ("{arch}.attention.head_count", heads),
        ("{arch}.attention.head_count_kv", [kv if i in attn else 0 for i in range(L)]),
        ("{arch}.shortconv.l_cache", 3),
        ("{arch}.expert_count", 32),
        ("{arch}.expert_used_count", 4),
        ("{arch}.expert_feed_forward_length", 1792),
        ("{arch}.leading_dense_block_count", 2),
        ("{arch}.vocab_size", vocab),
    ]
    parts = _write("lfm2moe", meta, t)
    # the catalog lists no LFM2 8B-A1B size: the listing states what the catalog estimates
    # (catalog params x Q4_K_M bits per weight), so the comparison is about the cache alone
    from fitengine.catalog import default_catalog

    cat = default_catalog()
    estimate = cat.models["lfm2-8b-a1b"].params_b * 1e9 * cat.quants["Q4_K_M"].bpw / 8
    files = _files("LFM2-8B-A1B", {"Q4_K_M": int(estimate)}, parts)
    return Fixture("conv", "hubtest/LFM2-8B-A1B-GGUF", "lfm2-8b-a1b", "Q4_K_M", files)


BUILDERS: dict[str, Callable[[], Fixture]] = {
    "llama": llama_3_1_8b,
    "gemma3": gemma_3_27b,
    "mla": deepseek_v2_lite,
    "hybrid": qwen3_6_27b,
    "moe": glm_4_5_air,
    "gemma4": gemma_4_e4b,
    "compressed": deepseek_v4_flash,
    "mamba": nemotron_3_super,
    "conv": lfm2_8b_a1b,
}


@functools.cache
def fixture(key: str) -> Fixture:
    """Built once per test session (the big tokenizers take a second to write)."""
    return BUILDERS[key]()
