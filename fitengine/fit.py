"""Fit verdicts: runs well, tight, offload, won't fit; and the safe context."""

from __future__ import annotations

from . import constants as C
from .catalog import Model, QuantType
from .memory import Device, Placement, full_offload, place


def margin(dev: Device) -> float:
    """Free memory a device should keep (llama.cpp --fit keeps 1 GiB; small devices 10%)."""
    return min(C.FIT_MARGIN_GIB * C.GIB, 0.1 * dev.usable)


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
) -> int:
    """The largest context, capped at the native one, that stays on the accelerator(s); when the
    model never fits there, the largest that fits with offload; 0 when nothing fits."""

    def ok(ctx: int, need_gpu: bool) -> bool:
        if need_gpu:
            return full_offload(model, quant, dev, count, ctx, kv_type, flash_attn, n_seq).fits_gpu
        return place(model, quant, dev, count, ctx, kv_type, flash_attn, n_seq).fits

    native = model.context
    lo = min(C.MIN_CONTEXT, native)
    for need_gpu in (True, False):
        if not ok(lo, need_gpu):
            continue
        if ok(native, need_gpu):
            return native
        hi = native
        # bisect on multiples of 256 tokens, the granularity llama.cpp pads the cache to
        a, b = lo // 256, hi // 256
        while b - a > 1:
            mid = (a + b) // 2
            if ok(mid * 256, need_gpu):
                a = mid
            else:
                b = mid
        return a * 256
    return 0
