"""Fit verdicts: runs well, tight, offload, won't fit; and the safe context."""

from __future__ import annotations

from . import constants as C
from .catalog import Model, QuantType
from .memory import (
    SHARED_KINDS,
    Device,
    Placement,
    fit_margin,
    full_offload_free,
    memo_by_identity,
    place,
    weights,
)

margin = fit_margin  # free memory a device keeps to "run well" (memory.fit_margin)


def status(p: Placement, dev: Device) -> str:
    if p.fits_gpu:
        return "runs_well" if p.min_free >= margin(dev) else "tight"
    if p.fits:
        return "offload"
    return "wont_fit"


def safe_context(
    model: Model,
    quant: QuantType,
    dev: Device,
    count: int,
    kv_type: str,
    flash_attn: bool,
    n_seq: int = 1,
    limit: int | None = None,
) -> int:
    """safe_context_where(...)'s context."""
    return safe_context_where(model, quant, dev, count, kv_type, flash_attn, n_seq, limit)[0]


@memo_by_identity
def safe_context_where(
    model: Model,
    quant: QuantType,
    dev: Device,
    count: int,
    kv_type: str,
    flash_attn: bool,
    n_seq: int = 1,
    limit: int | None = None,
    offloaded: bool = False,
) -> tuple[int, str]:
    """The largest context per sequence (for `n_seq` sequences served together), capped at the
    native one (or `limit`, the rope-scaled one when the question asks beyond it), that stays on
    the accelerator(s) ("gpu"; on a CPU system, in its RAM: "cpu"); when the model never fits
    there, or runs with part of it in RAM anyway (`offloaded`: the placement analyze() made puts
    experts or layers in RAM, and a longer context only moves a few more), the largest that fits
    with offload ("offload"); (0, "none") when nothing fits. Asked for, that context fits the
    same way: the search runs on the placement analyze() makes.

    Memory grows linearly with the context once every sliding window is full, so past the widest
    window one secant step lands on the answer; a short walk on 256-token steps (llama.cpp pads
    the cache to 256) confirms it, and bisection takes over if the walk gets long.

    Kept (a search over a dozen placements): the next question about the same model, setup and
    KV cache type asks for it again."""
    n_seq = max(n_seq, 1)
    if dev.kind == "cpu":
        # everything is in RAM, the embeddings too: the placement is the measure
        def gpu_free(ctx: int) -> float:
            return place(model, quant, dev, count, ctx * n_seq, kv_type, flash_attn, n_seq).min_free

    elif weights(model, quant).embed > dev.ram_full_offload and dev.kind not in SHARED_KINDS:
        # the host cannot hold even the embeddings: nothing stays on the accelerator
        def gpu_free(ctx: int) -> float:
            return -1.0

    else:

        def gpu_free(ctx: int) -> float:
            return full_offload_free(
                model, quant, dev, count, ctx * n_seq, kv_type, flash_attn, n_seq
            )

    def fits_with_ram(ctx: int) -> bool:
        return place(model, quant, dev, count, ctx * n_seq, kv_type, flash_attn, n_seq).fits

    on = "cpu" if dev.kind == "cpu" else "gpu"
    native = limit or model.context
    lo = min(C.MIN_CONTEXT, native)
    top = gpu_free(native)
    if top >= 0:
        return native, on
    base = gpu_free(lo) if not (offloaded and dev.kind != "cpu") else -1.0
    if base >= 0:
        window = max((g.window or 0) for g in model.attention)
        x0 = min(max(lo, _up256(window + C.N_UBATCH)), native)
        f0 = base if x0 == lo else gpu_free(x0)
        if f0 >= 0 and f0 > top:
            guess = x0 + f0 * (native - x0) / (f0 - top)
            found = _walk(lambda c: gpu_free(c) >= 0, int(guess) // 256 * 256, x0, native)
            if found is not None:
                return found, on
        return _bisect(lambda c: gpu_free(c) >= 0, lo, native), on
    if dev.kind == "cpu" or not fits_with_ram(lo):
        return 0, "none"
    if fits_with_ram(native):
        return native, "offload"
    return _bisect(fits_with_ram, lo, native), "offload"


def _up256(n: int) -> int:
    return -(-n // 256) * 256


def _walk(ok, start: int, lo: int, hi: int, steps: int = 4) -> int | None:
    """From a good guess, step 256 tokens at a time to the last context that fits."""
    c = max(lo, min(start, hi))
    if ok(c):
        for _ in range(steps):
            nxt = c + 256
            if nxt > hi or not ok(nxt):
                return c
            c = nxt
        return None
    for _ in range(steps):
        c -= 256
        if c < lo:
            return None
        if ok(c):
            return c
    return None


def _bisect(ok, lo: int, hi: int) -> int:
    """Largest multiple of 256 in [lo, hi) with ok() true, given ok(lo) and not ok(hi)."""
    a, b = lo // 256, hi // 256
    while b - a > 1:
        mid = (a + b) // 2
        if ok(mid * 256):
            a = mid
        else:
            b = mid
    return max(a * 256, lo)
