"""Speculative decoding: the expected decode speed-up and the llama.cpp flags that turn it on.

A drafter (a model's own multi-token-prediction heads, or a small draft model) proposes
`n_draft` tokens; the target checks them all in one batched step and keeps the longest accepted
prefix plus one token of its own. With a per-token acceptance rate `alpha`, taken as independent
from token to token, Leviathan, Kalman and Matias, "Fast Inference from Transformers via
Speculative Decoding" (ICML 2023, arXiv:2211.17192) give

    tokens per target step     E = (1 - alpha ** (n_draft + 1)) / (1 - alpha)       (their eq. 1)
    walltime speed-up          E / (n_draft x draft_cost + verify_cost)            (theorem 3.8)

where draft_cost is one draft step and verify_cost the batched check, both relative to one
ordinary decode step of the target. The paper takes verify_cost = 1 (the check reads the weights
once, like a decode step); a MoE's check reads the experts of every checked token, so it costs
more there, and a caller that knows it passes it.

Pure functions, no catalog access: the engine passes `mtp.acceptance` (or a draft model's
measured rate) and the cost ratios from its own speed model.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

# llama-server flags, as tools/server/README.md lists them in late 2026 (generated from
# common/arg.cpp): `--spec-type` picks the drafter (`draft-mtp` runs the nextn layers inside the
# target GGUF; `draft-simple` runs a separate small model), `--spec-draft-n-max` caps the drafted
# tokens per step (it replaced `--draft-max` / `--draft-n`, now refused as removed). A draft model
# is given with `--spec-draft-model FILE` (old names `-md`, `--model-draft`) or
# `--spec-draft-hf REPO:QUANT` (`-hfd`); its layers on the GPU with `--spec-draft-ngl` (`-ngld`,
# default auto) and its KV cache type with `--spec-draft-type-k/-v` (default f16).
SPEC_TYPE_FLAG = "--spec-type"
SPEC_TYPE_MTP = "draft-mtp"
SPEC_TYPE_DRAFT = "draft-simple"
DRAFT_MODEL_FLAG = "--spec-draft-model"
DRAFT_HF_FLAG = "--spec-draft-hf"
DRAFT_MAX_FLAG = "--spec-draft-n-max"
DRAFT_GPU_LAYERS_FLAG = "--spec-draft-ngl"
DRAFT_CACHE_K_FLAG = "--spec-draft-type-k"
DRAFT_CACHE_V_FLAG = "--spec-draft-type-v"

# llama.cpp refuses a draft whose vocabulary differs from the target's by more than this many
# tokens (SPEC_VOCAB_MAX_SIZE_DIFFERENCE in common/speculative.cpp): padding rows, as Qwen2.5's
# 151,936 vs 152,064, pass; another tokenizer does not.
VOCAB_MAX_DIFFERENCE = 128

# A speed-up smaller than this is within the estimate's own error: not worth a second process
# setting, so it is not offered.
MIN_SPEEDUP = 1.05

# llama-server's default --spec-draft-n-max: the longest draft one looped MTP layer is offered
# at when its acceptance was published without the length it was measured at
DEFAULT_DRAFT = 3

# Longest draft the searches below consider (llama.cpp's --spec-draft-n-max defaults to 3; the
# --draft-max it replaced defaulted to 16).
MAX_DRAFT = 16


@dataclass(frozen=True)
class Speculation:
    """What speculative decoding is expected to give at one draft length."""

    n_draft: int
    tokens_per_step: float  # tokens produced per target verification step
    speedup: float  # decode tokens/s with speculation over tokens/s without
    flags: tuple[str, ...]  # llama-server arguments that turn it on


def expected_tokens(alpha: float, n_draft: int) -> float:
    """Expected tokens per target step: the accepted prefix of n_draft drafts plus the target's
    own token (Leviathan et al. 2023, eq. 1)."""
    _check(alpha, n_draft)
    if alpha >= 1.0:
        return float(n_draft + 1)
    return (1.0 - alpha ** (n_draft + 1)) / (1.0 - alpha)


def speedup(alpha: float, n_draft: int, draft_cost: float, verify_cost: float = 1.0) -> float:
    """Decode speed with speculation over decode speed without (Leviathan et al. 2023, thm 3.8).

    draft_cost: one draft step relative to one target decode step (MTP heads: one extra layer
    of the model, a few percent; a draft model: its decode time over the target's).
    verify_cost: the batched check of n_draft + 1 tokens relative to one target decode step."""
    if draft_cost < 0 or verify_cost <= 0:
        raise ValueError("draft_cost must be >= 0 and verify_cost > 0")
    return expected_tokens(alpha, n_draft) / (n_draft * draft_cost + verify_cost)


def flags(n_draft: int, draft_model: str | None = None) -> tuple[str, ...]:
    """llama-server arguments: the model's own MTP heads, or a draft GGUF file when one is given."""
    if n_draft < 1:
        return ()
    if draft_model:
        return draft_flags(n_draft, path=draft_model)
    return (SPEC_TYPE_FLAG, SPEC_TYPE_MTP, DRAFT_MAX_FLAG, str(n_draft))


def draft_flags(
    n_draft: int,
    *,
    hf: str | None = None,
    path: str | None = None,
    kv_type: str = "f16",
    gpu: bool = False,
) -> tuple[str, ...]:
    """llama-server arguments for a separate draft model: from a Hugging Face repo (`hf`,
    REPO:QUANT) or a file (`path`), all its layers on the GPU when `gpu`, its KV cache of the
    target's type (llama.cpp's default for the draft is f16 whatever the target uses)."""
    if n_draft < 1 or not (hf or path):
        return ()
    source = (DRAFT_HF_FLAG, hf) if hf else (DRAFT_MODEL_FLAG, path)
    out = (SPEC_TYPE_FLAG, SPEC_TYPE_DRAFT, *source, DRAFT_MAX_FLAG, str(n_draft))
    if gpu:
        out += (DRAFT_GPU_LAYERS_FLAG, "all")
    if kv_type != "f16":
        out += (DRAFT_CACHE_K_FLAG, kv_type, DRAFT_CACHE_V_FLAG, kv_type)
    return out


def best(
    alpha: float,
    draft_cost: float,
    verify_cost: float = 1.0,
    *,
    draft_model: str | None = None,
    max_draft: int = MAX_DRAFT,
) -> Speculation:
    """The draft length with the largest speed-up (none, n_draft 0, when drafting does not pay)."""
    top = Speculation(0, 1.0, 1.0, ())
    for n in range(1, max_draft + 1):
        s = speedup(alpha, n, draft_cost, verify_cost)
        if s > top.speedup:
            top = Speculation(n, expected_tokens(alpha, n), s, flags(n, draft_model))
    return top


def best_length(
    alpha: float,
    draft_cost: float,
    verify_cost: Callable[[int], float],
    max_draft: int = MAX_DRAFT,
) -> tuple[int, float]:
    """The draft length with the largest speed-up when checking n drafted tokens costs
    verify_cost(n) target decode steps (the caller's speed model prices it), and that speed-up;
    (0, 1.0) when no length pays. The speed-up rises then falls with the length (the accepted
    prefix saturates, the cost keeps growing), so the search stops two lengths past its peak."""
    top, last, falls = (0, 1.0), 0.0, 0
    for n in range(1, max_draft + 1):
        gain = speedup(alpha, n, draft_cost, verify_cost(n))
        if gain > top[1]:
            top = (n, gain)
        falls = falls + 1 if gain < last else 0
        if falls >= 2:
            break
        last = gain
    return top


def acceptance_from_rate(rate: float, n_draft: int) -> float:
    """The per-token acceptance alpha behind llama.cpp's printed "draft acceptance rate"
    (accepted / drafted tokens) at a given draft length: under the same independence, a step
    accepts alpha + alpha^2 + ... + alpha^n_draft tokens on average. Equal to the rate at
    n_draft 1; found by bisection otherwise (the mean grows with alpha)."""
    if not 0.0 <= rate <= 1.0 or n_draft < 1:
        raise ValueError("rate must be in [0, 1] and n_draft >= 1")
    lo, hi = 0.0, 1.0
    for _ in range(60):
        mid = (lo + hi) / 2
        if (expected_tokens(mid, n_draft) - 1.0) / n_draft < rate:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def _check(alpha: float, n_draft: int) -> None:
    if not 0.0 <= alpha <= 1.0:
        raise ValueError(f"acceptance rate {alpha} is not in [0, 1]")
    if n_draft < 0:
        raise ValueError(f"draft length {n_draft} is negative")
